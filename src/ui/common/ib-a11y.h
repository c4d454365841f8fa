/* ib-a11y.h: names GTK 4.8 does not give a screen reader by itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* From now on, every button with a mnemonic is read by its label once, and every drop-down's
 * inner button and shown item are read by the drop-down's name and the item's text. */
void ib_a11y_install         (void);

/* Names the list row that holds @child (a list view's factory child) after @child, so a
 * reader hears the row's own sentence; call once the child is in its row. */
void ib_a11y_name_list_item  (GtkWidget *child);

/* Names the list of @group, a group with no title of its own, after @label. */
void ib_a11y_name_group      (GtkWidget *group,
                              GtkWidget *label);

/* Names the list of @group, a group with no title of its own, @name. */
void ib_a11y_label_group     (GtkWidget  *group,
                              const char *name);

G_END_DECLS
