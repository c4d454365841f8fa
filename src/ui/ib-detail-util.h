/* ib-detail-util.h: the pieces a detail pane is built from, so every pane reads the same
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-record.h"

G_BEGIN_DECLS

/* Appends a wrapping, selectable label of @text (with @css_class, may be NULL) to @box and returns it. */
GtkWidget *ib_detail_add_label    (GtkBox     *box,
                                   const char *text,
                                   const char *css_class);

/* Returns a new AdwPreferencesGroup with @title and an optional @description. */
GtkWidget *ib_detail_new_group    (const char *title,
                                   const char *description);

/* Adds a row showing @value under the smaller @title to @group; nothing when @value is empty. */
GtkWidget *ib_detail_add_property (GtkWidget  *group,
                                   const char *title,
                                   const char *value);

/* Adds @record's @field as a property row, named and formatted for reading; nothing when unset. */
void       ib_detail_add_field    (GtkWidget  *group,
                                   IbRecord   *record,
                                   const char *field);

/* Returns a heading (a level-2 title) with optional @badges and @buttons under it. */
GtkWidget *ib_detail_header       (const char *title,
                                   GtkWidget  *badges,
                                   GtkWidget  *buttons);

/* Appends @group to @box when it has rows, else drops it; returns TRUE when appended. */
gboolean   ib_detail_append_group (GtkBox     *box,
                                   GtkWidget  *group,
                                   guint       n_rows);

/* Shows @toast (transfer full) in the toast overlay around @widget; drops it if there is none. */
void       ib_detail_toast        (GtkWidget  *widget,
                                   AdwToast   *toast);

/* Shows @message (plain text) in a toast that stays until dismissed. */
void       ib_detail_toast_error  (GtkWidget  *widget,
                                   const char *message);

/* Returns the window @widget is in, or NULL. */
GtkWindow *ib_detail_get_window   (GtkWidget  *widget);

G_END_DECLS
