/* ib-detail-util.h: the pieces a detail pane is built from, so every pane reads the same
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-links.h"
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

/* Returns a preferences row that looks and reads as an AdwActionRow with @title and @subtitle
 * (plain text; an empty subtitle is hidden), but measures its line once rather than searching
 * for its height; @suffixes gets the box its suffixes are appended to. */
GtkWidget *ib_detail_line_row     (const char  *title,
                                   const char  *subtitle,
                                   GtkWidget  **suffixes);

/* Adds @row to the preferences @group and to @rows, the rows a pane or page fills anew. */
void       ib_detail_group_add_row (GtkWidget *group,
                                    GPtrArray *rows,
                                    GtkWidget *row);

/* Removes each row @rows holds from its group, and empties @rows. */
void       ib_detail_clear_rows   (GPtrArray  *rows);

/* Removes the rows of @rows that are in @group from it and from @rows; keeps the others. */
void       ib_detail_clear_group_rows (GPtrArray *rows,
                                       GtkWidget *group);

/* Removes every child of @widget, a GtkBox or a GtkListBox. */
void       ib_detail_clear        (GtkWidget  *widget);

/* Makes @drop_down ellipsize its items (with the whole text as a tooltip): plan titles and
 * officers' names are long, and a drop-down must not hold a narrow window wide. */
void       ib_detail_ellipsize_drop_down (GtkDropDown *drop_down);


/* Opens a picker of the records @link can lead to from @record (every plan's actions, every
 * KPI, risk or finding), titled @title with @description, those linked now ticked; when saved
 * with a change, writes it through ib_links_set () (errors go to a toast on @widget), and the
 * views follow through the store's change signal. */
void       ib_detail_pick_links   (GtkWidget  *widget,
                                   IbStore    *store,
                                   IbLink      link,
                                   IbRecord   *record,
                                   const char *title,
                                   const char *description);

/* Returns an Ofsted report's paragraph number as inspectors cite it: "para 44" (transfer full). */
char      *ib_detail_paragraph    (gint64      paragraph);

/* Returns where @finding is: its engagement, its kind and its paragraph, e.g. "Standard
 * inspection, 6 December 2021 · Area for priority action · para 44" (transfer full). */
char      *ib_detail_finding_where (IbStore   *store,
                                    IbRecord  *finding);

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
/* Gives @widget the tooltip @text (NULL for none), as gtk_widget_set_tooltip_text () does but
 * without asking the X server where the pointer is unless @widget is on screen. */
void       ib_detail_set_tooltip  (GtkWidget  *widget,
                                   const char *text);

G_END_DECLS
