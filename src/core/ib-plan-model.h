/* ib-plan-model.h: one plan's actions as the Action Plan view lists them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ib-plan-item.h"
#include "ib-store.h"
#include "ib-view-model.h"

G_BEGIN_DECLS

typedef enum
{
  IB_PLAN_SORT_REF,     /* by priority area, then ref; shows the priority headings */
  IB_PLAN_SORT_DUE,     /* soonest due first, undated last */
  IB_PLAN_SORT_RAG,     /* red, amber, not rated, green, complete */
  IB_PLAN_SORT_OFFICER, /* by accountable officer */
} IbPlanSort;

#define IB_TYPE_PLAN_MODEL (ib_plan_model_get_type ())

G_DECLARE_FINAL_TYPE (IbPlanModel, ib_plan_model, IB, PLAN_MODEL, GObject)

/* Returns a model over @store's plans (an IbViewModel); it takes the store's changes in at idle,
 * re-reading only the actions they touch and changing only their rows, and emits "updated"
 * after each (filters change only the items). */
IbPlanModel  *ib_plan_model_new              (IbStore      *store);

/* Returns a model as ib_plan_model_new () does, but on a database file its first load is read
 * on a worker thread, on a read-only connection of its own: until it is taken in the items are
 * empty and ib_plan_model_is_loading () is TRUE; then they change in one splice, with every
 * store change committed meanwhile, and "updated" is emitted. A search typed later that must
 * ask SQLite for older statements is read apart likewise: the items stay as they were, and
 * ib_plan_model_is_loading () TRUE, until its result changes them in one splice. */
IbPlanModel  *ib_plan_model_new_loading      (IbStore      *store);

/* Returns TRUE while the first load, or a search, is read apart and not yet shown. */
gboolean      ib_plan_model_is_loading       (IbPlanModel  *self);

/* Returns the store the model reads. */
IbStore      *ib_plan_model_get_store        (IbPlanModel  *self);

/* Chooses the plan whose actions are listed; NULL picks the active (or newest) plan. */
void          ib_plan_model_set_plan         (IbPlanModel  *self,
                                              const char   *plan_id);
/* Returns the listed plan's id, or NULL when the database has no plan. */
const char   *ib_plan_model_get_plan         (IbPlanModel  *self);

/* Shows the plan as it stood on @date (YYYY-MM-DD): each action's latest statement on or
 * before it. NULL shows the plan as it is now. On a database file a date not shown before is
 * read off the main thread: the items change, and "updated" is emitted, when it is read. */
void          ib_plan_model_set_as_at        (IbPlanModel  *self,
                                              const char   *date);
/* Returns the "as at" date, or NULL for now. */
const char   *ib_plan_model_get_as_at        (IbPlanModel  *self);


/* Returns the Improvement Board meeting before the shown date that colours are compared
 * with (transfer none), or NULL when there was none. */
IbRecord     *ib_plan_model_get_previous_board (IbPlanModel *self);

void          ib_plan_model_set_sort         (IbPlanModel  *self,
                                              IbPlanSort    sort);
IbPlanSort    ib_plan_model_get_sort         (IbPlanModel  *self);

/* Keeps actions whose ref, title, officer or any statement's text contains @text (any case). */
void          ib_plan_model_set_search       (IbPlanModel  *self,
                                              const char   *text);
/* Keeps actions with this status code; NULL keeps all. */
void          ib_plan_model_set_status       (IbPlanModel  *self,
                                              const char   *status);
/* Keeps actions with this delivery RAG code as at the shown date ("complete" for complete
 * actions, "none" for unrated); NULL keeps all. */
void          ib_plan_model_set_rag          (IbPlanModel  *self,
                                              const char   *rag);
/* Keeps actions of this accountable officer (exact text); NULL keeps all. */
void          ib_plan_model_set_officer      (IbPlanModel  *self,
                                              const char   *officer);
/* Keeps the actions whose accountable officer names @person (ib_schedule_names_person ():
 * any case, trimmed), "My actions"; NULL or blank keeps all. */
void          ib_plan_model_set_person       (IbPlanModel  *self,
                                              const char   *person);

/* Returns the person whose actions are kept, trimmed, or NULL. */
const char   *ib_plan_model_get_person       (IbPlanModel  *self);

/* Keeps actions with this horizon code; NULL keeps all. */
void          ib_plan_model_set_horizon      (IbPlanModel  *self,
                                              const char   *horizon);
/* Keeps only overdue actions when @overdue is TRUE. */
void          ib_plan_model_set_overdue_only (IbPlanModel  *self,
                                              gboolean      overdue);
/* Keeps only open actions with no statement in the last @weeks weeks; 0 turns it off. */
void          ib_plan_model_set_stale_weeks  (IbPlanModel  *self,
                                              guint         weeks);
/* Keeps only actions delivered but not improving (ib_plan_item_get_flagged ()) when
 * @not_improving is TRUE. */
void          ib_plan_model_set_not_improving_only (IbPlanModel *self,
                                                    gboolean     not_improving);
gboolean      ib_plan_model_get_not_improving_only (IbPlanModel *self);

/* Holds the list as it is while several choices change at once (filters cleared together):
 * the setters record their choices, and ib_plan_model_thaw () shows them in one change of the
 * list instead of one per choice. Calls nest. */
void          ib_plan_model_freeze           (IbPlanModel  *self);
/* Ends one ib_plan_model_freeze (); the last one shows the choices made meanwhile, once. */
void          ib_plan_model_thaw             (IbPlanModel  *self);

/* Returns TRUE when any filter or search narrows the list. */
gboolean      ib_plan_model_is_filtered      (IbPlanModel  *self);

/* Returns the rows to show (IbPlanItem; transfer none): headings and actions when sorted by
 * ref, actions only otherwise. */
GListModel   *ib_plan_model_get_items        (IbPlanModel  *self);

/* Returns the plan's roll-up over all its actions as at the shown date. */
const IbRagCounts *ib_plan_model_get_counts  (IbPlanModel  *self);

/* Returns how many actions pass the filters. */
guint         ib_plan_model_get_n_shown      (IbPlanModel  *self);

/* Returns the position of action @id in the items, or G_MAXUINT. */
guint         ib_plan_model_find             (IbPlanModel  *self,
                                              const char   *id);

/* Returns the loaded item of action or priority area @id even when the filters hide it
 * (transfer none), or NULL when it is deleted, being deleted, or not in this plan. */
IbPlanItem   *ib_plan_model_lookup           (IbPlanModel  *self,
                                              const char   *id);

/* Returns the distinct accountable officers of the plan's actions, sorted (transfer full). */
GStrv         ib_plan_model_list_officers    (IbPlanModel  *self);

/* Returns @action_id's statements newest first, on or before the shown date (IbRecord, transfer full). */
GPtrArray    *ib_plan_model_list_statements  (IbPlanModel  *self,
                                              const char   *action_id,
                                              guint        *n_later);

/* Stores @statement (append-only) and, when it is the action's newest, copies its RAGs to the
 * action, all in one transaction. */
gboolean      ib_plan_model_add_statement    (IbPlanModel  *self,
                                              IbRecord     *statement,
                                              GError      **error);

/* Deletes priority area @priority_id, moving its actions to "no priority area" first, so no
 * action is lost with it; one transaction. */
gboolean      ib_plan_model_delete_priority  (IbPlanModel  *self,
                                              const char   *priority_id,
                                              GError      **error);

/* Hides @id from the items until ib_plan_model_unhide (), for a delete that can be undone. */
void          ib_plan_model_hide             (IbPlanModel  *self,
                                              const char   *id);
void          ib_plan_model_unhide           (IbPlanModel  *self,
                                              const char   *id);

/* Recomputes everything from the store now, instead of at the next idle. */
void          ib_plan_model_reload           (IbPlanModel  *self);

/* Returns the latest statement on or before @date (YYYY-MM-DD) of each live action of plan
 * @plan_id, keyed by action id (IbRecord values; transfer full), read in one query. */
GHashTable   *ib_plan_latest_statements      (IbStore      *store,
                                              const char   *plan_id,
                                              const char   *date);

/* Returns the newest statement date of each live action of plan @plan_id, whatever the date,
 * keyed by action id (transfer full). */
GHashTable   *ib_plan_newest_statement_dates (IbStore      *store,
                                              const char   *plan_id);

G_END_DECLS
