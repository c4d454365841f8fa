/* ib-ui-test-util.h: helpers for tests that look at real widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

/* Appends the text of every mapped label under @widget to @out, one per line: what a person
 * can read on the screen. */
static inline void
ib_test_collect_labels (GtkWidget *widget,
                        GString   *out)
{
  if (!gtk_widget_get_mapped (widget) && !GTK_IS_WINDOW (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    ib_test_collect_labels (child, out);
}
