/* ib-detail-util.h: the pieces a detail pane is built from, so every pane reads the same
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-record.h"
#include "ib-store.h"

G_BEGIN_DECLS

/* Appends a wrapping, selectable label of @text (with @css_class, may be NULL) to @box and returns it. */
GtkWidget *ib_detail_add_label    (GtkBox     *box,
                                   const char *text,
                                   const char *css_class);

/* Appends an empty wrapping label (not selectable: list rows must take the click) with
 * @css_class (may be NULL) to @box and returns it. */
GtkWidget *ib_detail_add_text     (GtkBox     *box,
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

/* Returns a button with a mnemonic @label running @action_name, with the string @target (the
 * record it acts on) when not NULL, and @css_class when not NULL. */
GtkWidget *ib_detail_text_button  (const char *label,
                                   const char *action_name,
                                   const char *target,
                                   const char *css_class);

/* Returns a flat icon button running @action_name on @target; @name says what it does to what,
 * as its tooltip and for screen readers. */
GtkWidget *ib_detail_icon_button  (const char *icon_name,
                                   const char *name,
                                   const char *action_name,
                                   const char *target);

/* Returns a plan action as a line: "Action 4: Amber" (its delivery RAG, or Complete) then its
 * title, which goes under the badge when narrow; @spoken gets the same as one sentence. */
GtkWidget *ib_detail_action_line  (IbRecord   *action,
                                   char      **spoken);

/* Builds a detail pane's frame as @parent's only child and returns its stack: an empty state
 * (@icon_name, @title, @description) and a scrolled, clamped @content box to fill. */
GtkWidget *ib_detail_scaffold     (GtkWidget   *parent,
                                   const char  *icon_name,
                                   const char  *title,
                                   const char  *description,
                                   GtkWidget  **scroller,
                                   GtkWidget  **content);

/* Before refilling: shows the empty state and returns the scroll position to keep. */
double     ib_detail_scaffold_begin (GtkWidget *stack,
                                     GtkWidget *scroller);

/* After filling: shows the content, scrolled back to @position. */
void       ib_detail_scaffold_end (GtkWidget  *stack,
                                   GtkWidget  *scroller,
                                   double      position);

/* Makes @drop_down ellipsize its items (with the whole text as a tooltip): plan titles and
 * officers' names are long, and a drop-down must not hold a narrow window wide. */
void       ib_detail_ellipsize_drop_down (GtkDropDown *drop_down);

/* Lists every plan's actions for a link picker, newest plan first: @candidates gets the actions
 * (IbRecord) and @subtitles, in parallel, "Plan title · Amber" (transfer full, both). */
void       ib_detail_list_actions (IbStore    *store,
                                   GPtrArray **candidates,
                                   GPtrArray **subtitles);

/* Opens a picker of every plan's actions for @record's ref-list @field, titled @title with
 * @description; when saved with a change, writes the new list to @store (errors go to a
 * toast on @widget), and the views follow through the store's change signal. */
void       ib_detail_pick_actions (GtkWidget  *widget,
                                   IbStore    *store,
                                   IbRecord   *record,
                                   const char *field,
                                   const char *title,
                                   const char *description);

/* Shows @toast (transfer full) in the toast overlay around @widget; drops it if there is none. */
void       ib_detail_toast        (GtkWidget  *widget,
                                   AdwToast   *toast);

/* Shows @message (plain text) in a toast that stays until dismissed. */
void       ib_detail_toast_error  (GtkWidget  *widget,
                                   const char *message);

/* Presents a message with @heading and @body (plain text) and a Close button, for @parent. */
void       ib_detail_show_message (GtkWindow  *parent,
                                   const char *heading,
                                   const char *body);

/* Returns the window @widget is in, or NULL. */
GtkWindow *ib_detail_get_window   (GtkWidget  *widget);

G_END_DECLS
