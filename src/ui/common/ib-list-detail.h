/* ib-list-detail.h: a searchable list of a view's records beside the detail of the one chosen,
 * folding to one pane with a back button when narrow: what every list view is built on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-pending-delete.h"
#include "ib-record-editor.h"
#include "ib-view-model.h"

G_BEGIN_DECLS

#define IB_TYPE_LIST_DETAIL (ib_list_detail_get_type ())

G_DECLARE_FINAL_TYPE (IbListDetail, ib_list_detail, IB, LIST_DETAIL, GtkWidget)

/* In a template, a view gives the list detail its parts as children: type "header" (above the
 * search bar), "above-list" (between the search bar and the list), "empty" and "no-match"
 * (status pages for an empty list, and for a search or filter that matches nothing), and
 * "detail" (the pane beside the list). Its internal children "sidebar", "search_entry",
 * "list_view", "back_button" and "back_content" take the view's words and looks. It has the
 * properties "model" (an IbViewModel, given once), "row-type" (the IbListRow the list shows),
 * "search-mode" and "folded", and emits "show-item" (model, item) whenever the detail should
 * show another item or the same one anew, "search-activated" on Enter in the search, and
 * "delete-finished" (type, id, undone) when a delete it held ends. */

/* Lists @model's items and follows its changes; call once. */
void         ib_list_detail_set_model       (IbListDetail        *self,
                                             IbViewModel         *model);

/* Returns the model listed (transfer none), or NULL before one is set. */
IbViewModel *ib_list_detail_get_model       (IbListDetail        *self);

/* Returns the item the detail shows (transfer none): the one selected, or the one chosen
 * while a search or filter leaves it out of the list; NULL for none. */
gpointer     ib_list_detail_get_item        (IbListDetail        *self);

/* Chooses record @id and selects it if it is listed (after a reload, whenever it is). */
void         ib_list_detail_choose          (IbListDetail        *self,
                                             const char          *id);

/* Selects record @id; returns FALSE, changing nothing, when it is not listed. While the
 * model's first load is read apart it is chosen, and selected when the load comes in. */
gboolean     ib_list_detail_select          (IbListDetail        *self,
                                             const char          *id);

/* Selects the item at @position and opens it: focus on the list, and the detail shown when
 * the window is narrow. */
void         ib_list_detail_open            (IbListDetail        *self,
                                             guint                position);

/* Opens record @id as ib_list_detail_open () does; returns FALSE, changing nothing, when it is
 * not listed. */
gboolean     ib_list_detail_open_id         (IbListDetail        *self,
                                             const char          *id);
/* Puts the keyboard focus on the list (back from the detail when narrow), as after a link
 * to a filtered list: arrows then move through what it shows. */
void         ib_list_detail_focus_list      (IbListDetail        *self);
/* Puts the keyboard focus on the page a person sees: the list, or when narrow and showing a
 * record, the record's first control; never changes the page. */
void         ib_list_detail_focus_shown     (IbListDetail        *self);
/* Laid out while hidden, scrolls the list to a row opened since it was last shown if that row
 * is out of sight; TRUE when it scrolled, so the list needs laying out again. */
gboolean     ib_list_detail_bring_open_into_sight (IbListDetail *self);

/* Adds to @parts the widgets that cost most to style and that may be hidden for a while and
 * shown again without the list detail or its view minding: the list (its rows) and the detail
 * pane's contents. Neither ever hides them itself. */
void         ib_list_detail_collect_parts   (IbListDetail        *self,
                                             GPtrArray           *parts);

/* Opens the search and puts the cursor in it; FALSE when the model has no search. */
gboolean     ib_list_detail_focus_search    (IbListDetail        *self);

/* Says the person has just narrowed the list (a filter, a heat-map cell): the record open is
 * closed if the list no longer holds it, as after a search. */
void         ib_list_detail_narrowed        (IbListDetail        *self);

/* Empties the search, listing everything the filters let through. */
void         ib_list_detail_clear_search    (IbListDetail        *self);

/* Replaces how a held delete is carried out (by default ib_store_delete ()). */
void         ib_list_detail_set_delete_func (IbListDetail        *self,
                                             IbPendingDeleteFunc  func,
                                             gpointer             user_data);

/* Deletes @record (of @type) once its Undo toast goes, leaving it out of the list meanwhile;
 * any delete held before is carried out first. */
void         ib_list_detail_delete          (IbListDetail        *self,
                                             const IbRecordType  *type,
                                             IbRecord            *record);

/* Returns the id of the record whose delete waits on its Undo toast, or NULL. */
const char  *ib_list_detail_get_held_id     (IbListDetail        *self);

/* Carries out a delete still waiting on its Undo toast. */
void         ib_list_detail_commit_delete   (IbListDetail        *self);

/* Titles @editor @title (when not NULL) and shows it; once it saves, the model is read again
 * and the record saved is chosen when the model has it. */
void         ib_list_detail_present_editor  (IbListDetail        *self,
                                             IbRecordEditor      *editor,
                                             const char          *title);

G_END_DECLS
