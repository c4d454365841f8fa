/* ib-plan-model.c
 *
 * The model loads a plan once (actions, the latest statement of each as at the shown date,
 * the colours at the previous Improvement Board) and then filters and sorts those items in
 * memory, so typing in the search box or changing the sort never goes back to SQLite except
 * for the search over older statements' text. A store change is taken at the next idle, once
 * however many records a sync page brought: only the actions it touched are read again and
 * spliced in, so a pulled page costs its own rows, not the plan's. Changing the "as at" date
 * reads each action's statement on that date and nothing else the model already holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-plan-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ib-evidence.h"
#include "ib-load-apart.h"
#include "ib-plan-item-private.h"
#include "ib-plan-model.h"
#include "ib-plan-model-private.h"
#include "ib-reader.h"
#include "ib-schedule.h"
#include "ib-store-watch.h"
#include "ib-store-private.h"

struct _IbPlanModel
{
  GObject      parent_instance;

  IbStore     *store;
  IbReader    *reader;         /* the store's connection; a worker's own in a load read apart */
  GListStore  *items;          /* what the view shows */

  /* choices */
  char        *plan_id;        /* as chosen; NULL = the default plan */
  char        *as_at;
  char        *today;
  IbPlanSort   sort;
  char        *search;         /* casefolded */
  char        *status;
  char        *rag;
  char        *officer;
  char        *person;         /* "My actions": whoever the officer field names */
  char        *horizon;
  gboolean     overdue_only;
  guint        stale_weeks;
  gboolean     not_improving_only;
  GHashTable  *hidden;         /* ids whose delete can still be undone */
  GHashTable  *retaken;        /* items given new values in place, not yet shown (owned) */

  /* loaded */
  IbRecord    *plan;
  IbRecord    *previous_board;
  GPtrArray   *headings;       /* IbPlanItem per priority, in order, then one for "no priority" */
  GPtrArray   *actions;        /* IbPlanItem */
  GHashTable  *statement_hits; /* action ids whose older statements match the search */
  GHashTable  *newest;         /* action id → its newest statement's date, whatever the date shown */
  GHashTable  *flagged;        /* ids of actions delivered but not improving, as things stand */
  GHashTable  *by_date;        /* date → (action id → its latest statement on that date): the
                                * shown date's, the board's, and a few dates shown before */
  GHashTable  *latest;         /* the shown date's, in by_date */
  GHashTable  *at_board;       /* previous_board's date's, in by_date, or NULL */
  char        *at_board_on;    /* that date */
  GCancellable *reading;       /* a date's statements read apart, or NULL */
  guint        generation;     /* counts the store changes taken in, so a read apart that
                                * began before one is not used */
  GCancellable *searching;     /* a search of older statements read apart, or NULL */
  gboolean     reads_apart;    /* made for a view: reads that can wait a frame go to a worker */
  guint        frozen;         /* ib_plan_model_freeze () calls not yet thawed */
  gboolean     apply_held;     /* and apply () was asked for meanwhile */
  IbRagCounts  counts;
  guint        n_shown;
  IbLoadApart *loader;
};

static void ib_plan_model_view_model_init (IbViewModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbPlanModel, ib_plan_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_VIEW_MODEL, ib_plan_model_view_model_init))

static const char *
reference_date (IbPlanModel *self)
{
  return self->as_at != NULL ? self->as_at : self->today;
}

static char *
local_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Returns @date minus @weeks weeks, as YYYY-MM-DD. */
static char *
weeks_before (const char *date,
              guint       weeks)
{
  GDate d;
  char buf[16];

  g_date_clear (&d, 1);
  g_date_set_parse (&d, date);
  if (!g_date_valid (&d))
    return g_strdup (date);

  g_date_subtract_days (&d, weeks * 7);
  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
  return g_strdup (buf);
}

/* The statement ib_plan_latest_statements () runs, for _ib_store_prepare () or a connection of
 * its own (transfer full). */
static char *
latest_statements_sql (void)
{
  /* Each action's statements are found through the action index and only the id of the
   * latest is kept, so SQLite never sorts fifty thousand narratives (a window function over
   * the rows did, and took 150 ms on the benchmark plan). */
  g_autofree char *columns = _ib_store_columns (&ib_type_position_statement);

  return g_strdup_printf (
    "SELECT %s FROM position_statement WHERE rowid IN"
    " (SELECT (SELECT s.rowid FROM position_statement s WHERE s.action = a.id AND s.deleted = 0"
    "          AND s.as_at <= ?2 ORDER BY s.as_at DESC, s.updated_at DESC LIMIT 1)"
    "  FROM action a WHERE a.plan = ?1 AND a.deleted = 0)",
    columns);
}

/* Steps @stmt (latest_statements_sql ()) for @plan_id on @date into a new table, and resets it. */
static GHashTable *
read_latest_statements (sqlite3_stmt *stmt,
                        const char   *plan_id,
                        const char   *date)
{
  GHashTable *latest = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);

  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      IbRecord *statement = _ib_store_record_from_row (&ib_type_position_statement, stmt);

      /* The key lives in the record's fields, which live as long as the value. */
      g_hash_table_replace (latest, (gpointer) ib_record_get_string (statement, "action"), statement);
    }
  sqlite3_reset (stmt);
  return latest;
}

/* ib_plan_latest_statements () through @reader. */
static GHashTable *
latest_statements (IbReader   *reader,
                   const char *plan_id,
                   const char *date)
{
  g_autofree char *sql = latest_statements_sql ();
  sqlite3_stmt *stmt = ib_reader_prepare (reader, sql);

  if (stmt == NULL)
    return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  return read_latest_statements (stmt, plan_id, date);
}

GHashTable *
ib_plan_latest_statements (IbStore    *store,
                           const char *plan_id,
                           const char *date)
{
  g_autoptr (IbReader) reader = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), g_hash_table_new (g_str_hash, g_str_equal));

  reader = ib_reader_new_for_store (store);
  return latest_statements (reader, plan_id, date);
}

/* ib_plan_newest_statement_dates () through @reader. */
static GHashTable *
newest_statement_dates (IbReader   *reader,
                        const char *plan_id)
{
  GHashTable *dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;

  /* One walk down each action's (action, as_at) index from its end, rather than grouping fifty
   * thousand rows: a thirtieth of the time. */
  stmt = ib_reader_prepare (reader,
    "SELECT a.id, (SELECT max (s.as_at) FROM position_statement s WHERE s.action = a.id AND s.deleted = 0)"
    " FROM action a WHERE a.plan = ?1 AND a.deleted = 0");
  if (stmt == NULL)
    return dates;

  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
      g_hash_table_replace (dates, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                          g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);

  return dates;
}

GHashTable *
ib_plan_newest_statement_dates (IbStore    *store,
                                const char *plan_id)
{
  g_autoptr (IbReader) reader = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free));

  reader = ib_reader_new_for_store (store);
  return newest_statement_dates (reader, plan_id);
}

static char *
casefold_join (const char * const *parts,
               guint               n_parts)
{
  g_autoptr (GString) joined = g_string_new (NULL);

  for (guint i = 0; i < n_parts; i++)
    if (parts[i] != NULL)
      {
        g_string_append (joined, parts[i]);
        g_string_append_c (joined, '\n');
      }

  return g_utf8_casefold (joined->str, -1);
}

/* Returns what the search looks in for @item: its ref, title, officer and statement, case
 * folded, worked out once. Moving "as at" leaves it to the first search that needs it:
 * folding two thousand statements' text was most of that move's cost. */
static const char *
haystack_of (IbPlanItem *item)
{
  if (item->haystack == NULL)
    {
      const char *parts[5];

      parts[0] = ib_record_get_string (item->record, "ref");
      parts[1] = ib_record_get_string (item->record, "title");
      parts[2] = ib_record_get_string (item->record, "accountable_officer");
      parts[3] = item->statement != NULL ? ib_record_get_string (item->statement, "narrative") : NULL;
      parts[4] = item->statement != NULL ? ib_record_get_string (item->statement, "next_steps") : NULL;
      item->haystack = casefold_join (parts, G_N_ELEMENTS (parts));
    }
  return item->haystack;
}

/* Makes @action's item; @like, the item it had before (or NULL), lends the sort keys. */
static IbPlanItem *
make_action_item (IbPlanModel *self,
                  IbRecord    *action,
                  IbRecord    *statement,
                  const char  *newest_statement_on,
                  IbRecord    *board_statement,
                  IbPlanItem  *like)
{
  IbPlanItem *item = _ib_plan_item_new (IB_PLAN_ITEM_ACTION, action);
  const char *status = ib_record_get_string (action, "status");
  const char *due = ib_record_get_string (action, "due_on");
  const char *officer = ib_record_get_string (action, "accountable_officer");
  const char *ref = ib_record_get_string (action, "ref");

  item->statement = statement != NULL ? g_object_ref (statement) : NULL;
  item->last_statement_on = statement != NULL ? g_strdup (ib_record_get_string (statement, "as_at")) : NULL;

  if (self->as_at == NULL)
    {
      /* Now: the action's own ratings, which the newest statement set (or an override did). */
      item->delivery_rag = g_strdup (ib_record_get_string (action, "delivery_rag"));
      item->impact_rag = g_strdup (ib_record_get_string (action, "impact_rag"));
      item->complete = g_strcmp0 (status, "complete") == 0;
    }
  else
    {
      item->delivery_rag = statement != NULL ? g_strdup (ib_record_get_string (statement, "delivery_rag")) : NULL;
      item->impact_rag = statement != NULL ? g_strdup (ib_record_get_string (statement, "impact_rag")) : NULL;
      /* Status has no history; an action counts as complete on the shown date only when
       * nothing was reported about it afterwards, so it was already in its final state. */
      item->complete = g_strcmp0 (status, "complete") == 0 &&
                       (newest_statement_on == NULL || strcmp (newest_statement_on, self->as_at) <= 0);
    }

  if (board_statement != NULL)
    item->previous_rag = g_strdup (ib_record_get_string (board_statement, "delivery_rag"));

  item->overdue = !item->complete && due != NULL && strcmp (due, reference_date (self)) < 0;
  /* A board reads "On track" as "will land on time": past its date it no longer can. */
  item->contradicts = item->overdue && g_strcmp0 (status, "on_track") == 0;

  if (like != NULL && like->record == action)
    {
      item->ref_key = g_strdup (like->ref_key);
      item->officer_key = g_strdup (like->officer_key);
      if (like->statement == statement)
        item->haystack = g_strdup (like->haystack);
    }
  else
    {
      g_autofree char *folded = g_utf8_casefold (officer != NULL ? officer : "", -1);

      item->ref_key = g_utf8_collate_key_for_filename (ref != NULL ? ref : "", -1);
      item->officer_key = g_utf8_collate_key (folded, -1);
      /* Loading is when the time is spent; moving "as at" leaves it to the first search. */
      haystack_of (item);
    }

  return item;
}

static void
clear_loaded (IbPlanModel *self)
{
  g_clear_object (&self->plan);
  g_clear_object (&self->previous_board);
  g_clear_pointer (&self->headings, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  g_clear_pointer (&self->newest, g_hash_table_unref);
  g_clear_pointer (&self->flagged, g_hash_table_unref);
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_hash_table_remove_all (self->by_date);
  self->latest = self->at_board = NULL;
  g_clear_pointer (&self->at_board_on, g_free);
  memset (&self->counts, 0, sizeof self->counts);
  self->generation++;
}

static void apply (IbPlanModel *self);
static void search_statements (IbPlanModel *self);

/* The ids of @plan_id's actions delivered but not improving, as a set. */
static GHashTable *
flagged_ids (IbReader   *reader,
             const char *plan_id)
{
  g_autoptr (GPtrArray) ids = ib_evidence_flagged_actions_read (reader, plan_id);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_hash_table_add (set, g_steal_pointer (&ids->pdata[i]));
  return set;
}

/* Returns the previous Improvement Board before the shown date, or NULL (transfer full). */
static IbRecord *
find_previous_board (IbPlanModel *self)
{
  return ib_reader_query_one (self->reader, &ib_type_meeting,
                              "WHERE deleted = 0 AND kind = 'improvement_board' AND held_on < ?1"
                              " ORDER BY held_on DESC LIMIT 1",
                              reference_date (self));
}

/* Forgets the dates read before but those the items stand on now. */
static void
trim_dates (IbPlanModel *self,
            guint        keep)
{
  GHashTableIter iter;
  const char *date;

  if (g_hash_table_size (self->by_date) <= keep)
    return;
  g_hash_table_iter_init (&iter, self->by_date);
  while (g_hash_table_iter_next (&iter, (gpointer *) &date, NULL))
    if (g_strcmp0 (date, reference_date (self)) != 0 && g_strcmp0 (date, self->at_board_on) != 0)
      g_hash_table_iter_remove (&iter);
}

/* Takes @board as the previous board and the statements of its date and the shown date from
 * by_date, which holds both. */
static void
adopt_date (IbPlanModel *self,
            IbRecord    *board)
{
  const char *held_on = board != NULL ? ib_record_get_string (board, "held_on") : NULL;

  g_set_object (&self->previous_board, board);
  g_free (self->at_board_on);
  self->at_board_on = g_strdup (held_on);
  self->at_board = held_on != NULL ? g_hash_table_lookup (self->by_date, held_on) : NULL;
  self->latest = g_hash_table_lookup (self->by_date, reference_date (self));
  trim_dates (self, 4);
}

/* Reads here what by_date lacks of the shown date's and the board's statements. */
static void
read_dates (IbPlanModel *self,
            const char  *board_on)
{
  const char *dates[] = { reference_date (self), board_on };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (dates[i] != NULL && !g_hash_table_contains (self->by_date, dates[i]))
      g_hash_table_insert (self->by_date, g_strdup (dates[i]),
                           latest_statements (self->reader, ib_record_get_id (self->plan), dates[i]));
}

/* Returns the priority heading of @action: its area's, or the last, "no priority area". */
static IbPlanItem *
heading_of (IbPlanModel *self,
            IbRecord    *action)
{
  const char *priority_id = ib_record_get_string (action, "priority");

  for (guint h = 0; priority_id != NULL && h + 1 < self->headings->len; h++)
    {
      IbPlanItem *heading = self->headings->pdata[h];

      if (g_str_equal (ib_record_get_id (heading->record), priority_id))
        return heading;
    }
  return self->headings->pdata[self->headings->len - 1];
}

/* Makes the item of @action as at the shown date from what the model holds for it. */
static IbPlanItem *
make_item (IbPlanModel *self,
           IbRecord    *action,
           IbRecord    *statement,
           IbPlanItem  *like)
{
  const char *id = ib_record_get_id (action);
  IbPlanItem *item = make_action_item (self, action, statement,
                                       g_hash_table_lookup (self->newest, id),
                                       self->at_board != NULL ? g_hash_table_lookup (self->at_board, id) : NULL,
                                       like);

  item->priority_position = heading_of (self, action)->priority_position;
  /* Evidence is read as things stand: a past date is shown with no flags. */
  item->flagged = self->as_at == NULL && self->flagged != NULL && g_hash_table_contains (self->flagged, id);
  return item;
}

/* Evidence is costly (each delivered action's KPIs are read), so it is read once and then
 * only for the actions a change touched. */
static void
ensure_flagged (IbPlanModel *self)
{
  if (self->flagged == NULL && self->as_at == NULL)
    self->flagged = flagged_ids (self->reader, ib_record_get_id (self->plan));
}

/* Builds every action's item as at the shown date from @actions (IbRecord) and the statements
 * adopt_date () took; @before (or NULL) holds the items they had, in the same order. An item
 * of before is kept, with the new values moved into it, so the list keeps the row it has:
 * GTK 4.8 makes a new row, every widget of it measured anew, for an object it has not listed,
 * where a row bound again to new values changes only the texts that differ. Those whose
 * values changed, or all when @all_changed, are retaken, for apply () to show again. */
static void
make_items (IbPlanModel *self,
            GPtrArray   *actions,
            GPtrArray   *before,
            gboolean     all_changed)
{
  g_autoptr (GPtrArray) made = g_ptr_array_new_full (actions->len, g_object_unref);

  for (guint i = 0; i < actions->len; i++)
    {
      IbPlanItem *like = before != NULL ? before->pdata[i] : NULL;
      IbPlanItem *item = make_item (self, actions->pdata[i],
                                    g_hash_table_lookup (self->latest, ib_record_get_id (actions->pdata[i])), like);

      if (like != NULL && like->record == item->record)
        {
          if (all_changed || !_ib_plan_item_shown_alike (like, item))
            g_hash_table_add (self->retaken, g_object_ref (like));
          _ib_plan_item_take (like, item);
          g_object_unref (item);
          item = g_object_ref (like);
        }
      g_ptr_array_add (made, item);
    }
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  self->actions = g_steal_pointer (&made);
}

/* Reads the whole plan through self->reader: on the main thread, or on a worker into a model
 * of its own whose loaded state is then taken over in one step (take_load ()). */
static void
load (gpointer model)
{
  IbPlanModel *self = model;
  g_autoptr (GPtrArray) priorities = NULL;
  g_autoptr (GPtrArray) actions = NULL;
  g_autoptr (IbRecord) board = NULL;
  IbPlanItem *no_priority;

  clear_loaded (self);
  self->headings = g_ptr_array_new_with_free_func (g_object_unref);
  self->actions = g_ptr_array_new_with_free_func (g_object_unref);

  ib_reader_begin (self->reader);
  if (self->plan_id != NULL)
    self->plan = ib_reader_get (self->reader, &ib_type_plan, self->plan_id);
  if (self->plan == NULL)
    self->plan = ib_reader_query_one (self->reader, &ib_type_plan,
                                      "WHERE deleted = 0 ORDER BY status = 'active' DESC, starts_on DESC LIMIT 1",
                                      NULL);
  if (self->plan == NULL)
    {
      ib_reader_end (self->reader);
      return;
    }

  priorities = ib_reader_list_where (self->reader, &ib_type_priority, "plan", ib_record_get_id (self->plan));
  for (guint i = 0; i < priorities->len; i++)
    {
      IbRecord *priority = priorities->pdata[i];
      IbPlanItem *heading = _ib_plan_item_new (IB_PLAN_ITEM_PRIORITY, priority);

      heading->priority_position = (int) i;
      g_ptr_array_add (self->headings, heading);
    }
  no_priority = _ib_plan_item_new (IB_PLAN_ITEM_PRIORITY, NULL);
  no_priority->priority_position = (int) self->headings->len;
  g_ptr_array_add (self->headings, no_priority);

  self->newest = newest_statement_dates (self->reader, ib_record_get_id (self->plan));
  ensure_flagged (self);

  actions = ib_reader_list_where (self->reader, &ib_type_action, "plan", ib_record_get_id (self->plan));
  board = find_previous_board (self);
  read_dates (self, board != NULL ? ib_record_get_string (board, "held_on") : NULL);
  ib_reader_end (self->reader);
  adopt_date (self, board);
  make_items (self, actions, NULL, FALSE);
}

static void search_statements (IbPlanModel *self);
static void read_apart (IbPlanModel *self,
                        const char  *board_on);

/* Shows the items as at the shown date: the actions, their newest statements' dates and their
 * evidence stay as loaded; each action's statement on the date (and on the board's before it)
 * comes from the dates read before, or is read. Reading a date's statements costs two frames
 * or more on a large plan, so on a database file it is done apart, on a connection of its own,
 * and the items change when it is done; until then they show the date before. */
static void
take_date (IbPlanModel *self)
{
  g_autoptr (GPtrArray) actions = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (IbRecord) board = NULL;
  g_autofree char *board_was = NULL;
  const char *board_on;

  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  if (self->plan == NULL)
    {
      apply (self);
      ib_view_model_emit_updated (IB_VIEW_MODEL (self));
      return;
    }

  board = find_previous_board (self);
  board_on = board != NULL ? ib_record_get_string (board, "held_on") : NULL;
  if (!g_hash_table_contains (self->by_date, reference_date (self)) ||
      (board_on != NULL && !g_hash_table_contains (self->by_date, board_on)))
    {
      if (ib_reader_can_open (ib_store_get_path (self->store)))
        {
          read_apart (self, board_on);
          return;
        }
      read_dates (self, board_on);
    }

  board_was = g_strdup (self->at_board_on);
  adopt_date (self, board);
  ensure_flagged (self);
  before = g_ptr_array_ref (self->actions);
  actions = g_ptr_array_new_full (before->len, g_object_unref);
  for (guint i = 0; i < before->len; i++)
    g_ptr_array_add (actions, g_object_ref (((IbPlanItem *) before->pdata[i])->record));
  /* A row names the board its colour is compared with: another board changes every row. */
  make_items (self, actions, before, g_strcmp0 (board_was, self->at_board_on) != 0);
  search_statements (self);
  apply (self);
  ib_view_model_emit_updated (IB_VIEW_MODEL (self));
}

typedef struct
{
  char       *plan_id;
  char       *dates[2];
  GHashTable *read[2];
  guint       generation;
} DateRead;

static void
date_read_free (gpointer data)
{
  DateRead *read = data;

  g_free (read->plan_id);
  for (guint i = 0; i < G_N_ELEMENTS (read->dates); i++)
    {
      g_free (read->dates[i]);
      g_clear_pointer (&read->read[i], g_hash_table_unref);
    }
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DateRead, date_read_free)

/* In a worker thread: the store's connection is the main thread's, so @reader is one of its
 * own, read-only, reading the committed state. */
static void
date_read_thread (IbReader *reader,
                  gpointer  data)
{
  DateRead *read = data;

  ib_reader_begin (reader);
  for (guint i = 0; i < G_N_ELEMENTS (read->dates); i++)
    if (read->dates[i] != NULL)
      read->read[i] = latest_statements (reader, read->plan_id, read->dates[i]);
  ib_reader_end (reader);
}

static void
date_read_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  IbPlanModel *self = IB_PLAN_MODEL (source);
  g_autoptr (DateRead) read = NULL;
  g_autoptr (GError) error = NULL;

  read = ib_reader_read_apart_finish (result, &error);
  if (read == NULL)
    {
      g_autoptr (IbRecord) board = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The file cannot be opened a second time: read here, as before. */
      g_clear_object (&self->reading);
      board = find_previous_board (self);
      read_dates (self, board != NULL ? ib_record_get_string (board, "held_on") : NULL);
      take_date (self);
      return;
    }

  g_clear_object (&self->reading);
  /* A change taken in meanwhile may be missing from what was read: read again. */
  if (read->generation == self->generation && self->plan != NULL &&
      g_strcmp0 (read->plan_id, ib_record_get_id (self->plan)) == 0)
    for (guint i = 0; i < G_N_ELEMENTS (read->dates); i++)
      if (read->dates[i] != NULL && !g_hash_table_contains (self->by_date, read->dates[i]))
        g_hash_table_insert (self->by_date, g_strdup (read->dates[i]), g_steal_pointer (&read->read[i]));
  take_date (self);
}

static void
read_apart (IbPlanModel *self,
            const char  *board_on)
{
  DateRead *read = g_new0 (DateRead, 1);

  read->plan_id = g_strdup (ib_record_get_id (self->plan));
  if (!g_hash_table_contains (self->by_date, reference_date (self)))
    read->dates[0] = g_strdup (reference_date (self));
  if (board_on != NULL && !g_hash_table_contains (self->by_date, board_on))
    read->dates[1] = g_strdup (board_on);
  read->generation = self->generation;

  self->reading = g_cancellable_new ();
  ib_reader_read_apart (ib_store_get_path (self->store), self, self->reading, date_read_thread,
                        read, date_read_free, date_read_done, NULL);
}

/* A model of its own, with no store, for the load read apart: it reads the plan and date
 * chosen, as at today. */
static gpointer
new_apart (gpointer model)
{
  IbPlanModel *self = model;
  IbPlanModel *apart = g_object_new (IB_TYPE_PLAN_MODEL, NULL);

  apart->plan_id = g_strdup (self->plan_id);
  apart->as_at = g_strdup (self->as_at);
  g_free (apart->today);
  apart->today = g_strdup (self->today);
  return apart;
}

/* Takes what @apart loaded as this model's own, as load () would have left it. */
static gboolean
take_load (gpointer model,
           gpointer data)
{
  IbPlanModel *self = model, *apart = data;

  /* Chosen while it was read: what was read is of another plan or date. */
  if (g_strcmp0 (apart->plan_id, self->plan_id) != 0 || g_strcmp0 (apart->as_at, self->as_at) != 0 ||
      g_strcmp0 (apart->today, self->today) != 0)
    return FALSE;

  clear_loaded (self);
  self->plan = g_steal_pointer (&apart->plan);
  self->previous_board = g_steal_pointer (&apart->previous_board);
  self->headings = g_steal_pointer (&apart->headings);
  self->actions = g_steal_pointer (&apart->actions);
  self->newest = g_steal_pointer (&apart->newest);
  self->flagged = g_steal_pointer (&apart->flagged);
  /* latest and at_board point into by_date, which moves whole. */
  g_hash_table_unref (self->by_date);
  self->by_date = g_steal_pointer (&apart->by_date);
  apart->by_date = g_hash_table_new (g_str_hash, g_str_equal);
  self->latest = g_steal_pointer (&apart->latest);
  self->at_board = g_steal_pointer (&apart->at_board);
  self->at_board_on = g_steal_pointer (&apart->at_board_on);
  return TRUE;
}

/* Returns @action_id's statement on or before @date, or NULL. */
static IbRecord *
latest_statement_of (IbPlanModel *self,
                     const char  *action_id,
                     const char  *date)
{
  g_autofree char *columns = _ib_store_columns (&ib_type_position_statement);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM position_statement WHERE action = ?1 AND deleted = 0"
                                          " AND as_at <= ?2 ORDER BY as_at DESC, updated_at DESC LIMIT 1", columns);
  sqlite3_stmt *stmt = _ib_store_prepare (self->store, sql, NULL);
  IbRecord *statement = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, action_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    statement = _ib_store_record_from_row (&ib_type_position_statement, stmt);
  sqlite3_reset (stmt);
  return statement;
}

/* Reads action @id again with what its item shows: its statement on the shown date and on the
 * board's, its newest statement's date, its evidence. */
static IbPlanItem *
reread_action (IbPlanModel *self,
               const char  *id)
{
  g_autoptr (IbRecord) action = ib_store_get (self->store, &ib_type_action, id, NULL);
  g_autoptr (IbRecord) statement = NULL;
  g_autofree char *newest = NULL;
  sqlite3_stmt *stmt;

  g_hash_table_remove (self->newest, id);
  g_hash_table_remove (self->latest, id);
  if (self->flagged != NULL)
    g_hash_table_remove (self->flagged, id);
  if (self->at_board != NULL)
    g_hash_table_remove (self->at_board, id);
  if (action == NULL || ib_record_get_deleted (action) ||
      g_strcmp0 (ib_record_get_string (action, "plan"), ib_record_get_id (self->plan)) != 0)
    return NULL;

  stmt = _ib_store_prepare (self->store,
    "SELECT max (as_at) FROM position_statement WHERE action = ?1 AND deleted = 0", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        g_hash_table_insert (self->newest, g_strdup (id), g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }

  if (self->at_board != NULL)
    {
      IbRecord *at_board = latest_statement_of (self, id, self->at_board_on);

      if (at_board != NULL)
        g_hash_table_insert (self->at_board, (gpointer) ib_record_get_string (at_board, "action"), at_board);
    }

  /* The same test ib_evidence_flagged_actions () makes of each delivered action, kept up to
   * date while a past date is shown if it was read. */
  if (self->flagged != NULL &&
      (g_strcmp0 (ib_record_get_string (action, "delivery_rag"), "green") == 0 ||
       g_strcmp0 (ib_record_get_string (action, "status"), "complete") == 0))
    {
      g_autoptr (IbEvidence) evidence = ib_evidence_for_action (self->store, id, NULL);

      if (evidence != NULL && evidence->flagged)
        g_hash_table_add (self->flagged, g_strdup (id));
    }

  statement = latest_statement_of (self, id, reference_date (self));
  if (statement != NULL)
    g_hash_table_insert (self->latest, (gpointer) ib_record_get_string (statement, "action"), g_object_ref (statement));
  return make_item (self, action, statement, NULL);
}

/* Adds to @touched the ids of the held actions that claim to move one of @indicators. */
static void
add_actions_claiming (IbPlanModel *self,
                      GHashTable  *indicators,
                      GHashTable  *touched)
{
  for (guint i = 0; g_hash_table_size (indicators) > 0 && i < self->actions->len; i++)
    {
      IbRecord *action = ((IbPlanItem *) self->actions->pdata[i])->record;
      g_auto (GStrv) links = NULL;

      if (!ib_record_has (action, "linked_indicators"))
        continue;
      links = ib_record_get_refs (action, "linked_indicators");
      for (guint l = 0; links[l] != NULL; l++)
        if (g_hash_table_contains (indicators, links[l]))
          g_hash_table_add (touched, g_strdup (ib_record_get_id (action)));
    }
}

/* Takes @changes (ib_store_watch_take_changes ()) into the items by reading again only the
 * actions they touch; returns FALSE when they reach what every item hangs off (the plan, its
 * priority areas, the board meetings), which only a reload takes in. */
static gboolean
patch (IbPlanModel *self,
       GHashTable  *changes)
{
  static const char * const structural[] = { "plan", "priority" };
  g_autoptr (GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) indicators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) position = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) fresh = NULL;
  g_autoptr (GPtrArray) added = NULL;
  GHashTableIter iter;
  const char *id;

  /* While another date's statements are read apart the items stand on the date before: a
   * reload brings both up to date at once. */
  if (self->plan == NULL || self->reading != NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (structural); i++)
    if (ib_store_watch_changes_have (changes, structural[i]))
      return FALSE;

  /* A meeting edited or added: only a board that moves the date colours are compared with
   * needs every action read again. */
  if (ib_store_watch_changes_have (changes, "meeting"))
    {
      g_autoptr (IbRecord) board = find_previous_board (self);
      const char *held_on = board != NULL ? ib_record_get_string (board, "held_on") : NULL;

      if (g_strcmp0 (held_on, self->at_board_on) != 0)
        return FALSE;
      g_set_object (&self->previous_board, board);
    }

  ensure_flagged (self);
  /* Dates shown before would need these actions read again too: they are read afresh instead. */
  trim_dates (self, 0);
  self->generation++;
  ib_store_watch_changes_add_ids (changes, "action", touched);
  ib_store_watch_changes_add_field (self->store, changes, &ib_type_position_statement, "action", touched);
  /* A figure moves the evidence of the actions that claim its indicator. */
  if (self->flagged != NULL)
    {
      ib_store_watch_changes_add_field (self->store, changes, &ib_type_measurement, "indicator", indicators);
      ib_store_watch_changes_add_ids (changes, "indicator", indicators);
      add_actions_claiming (self, indicators, touched);
    }

  for (guint i = 0; i < self->actions->len; i++)
    g_hash_table_insert (position, (gpointer) ib_record_get_id (((IbPlanItem *) self->actions->pdata[i])->record),
                         GUINT_TO_POINTER (i + 1));

  /* Read everything first, then swap: the ids in @position belong to the items replaced. A
   * slot holding the model itself marks an action gone (deleted, or moved to another plan). */
  fresh = g_ptr_array_new ();
  g_ptr_array_set_size (fresh, self->actions->len);
  added = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    {
      IbPlanItem *item = reread_action (self, id);
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (position, id));

      if (at > 0)
        fresh->pdata[at - 1] = item != NULL ? (gpointer) item : (gpointer) self;
      else if (item != NULL)
        g_ptr_array_add (added, item);
    }

  g_hash_table_remove_all (position);
  for (guint i = self->actions->len; i-- > 0;)
    if (fresh->pdata[i] == (gpointer) self)
      g_ptr_array_remove_index (self->actions, i);
    else if (fresh->pdata[i] != NULL)
      {
        g_object_unref (self->actions->pdata[i]);
        self->actions->pdata[i] = fresh->pdata[i];
      }
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (self->actions, g_object_ref (added->pdata[i]));

  return TRUE;
}

/* Counts every action not being deleted: the roll-ups describe the plan, not the search. */
static void
count (IbPlanModel *self)
{
  memset (&self->counts, 0, sizeof self->counts);
  for (guint i = 0; i < self->headings->len; i++)
    memset (&((IbPlanItem *) self->headings->pdata[i])->counts, 0, sizeof (IbRagCounts));

  for (guint i = 0; i < self->actions->len; i++)
    {
      IbPlanItem *item = self->actions->pdata[i];
      IbPlanItem *heading = self->headings->pdata[item->priority_position];
      const char *status = item->complete ? "complete" : NULL;

      if (g_hash_table_contains (self->hidden, ib_record_get_id (item->record)))
        continue;

      ib_rag_counts_add (&self->counts, status, item->delivery_rag);
      ib_rag_counts_add (&heading->counts, status, item->delivery_rag);
    }
}

static gboolean
matches (IbPlanModel *self,
         IbPlanItem  *item,
         const char  *stale_before)
{
  IbRecord *action = item->record;

  if (g_hash_table_contains (self->hidden, ib_record_get_id (action)))
    return FALSE;

  if (self->search != NULL && strstr (haystack_of (item), self->search) == NULL &&
      (self->statement_hits == NULL || !g_hash_table_contains (self->statement_hits, ib_record_get_id (action))))
    return FALSE;

  if (self->status != NULL && g_strcmp0 (ib_record_get_string (action, "status"), self->status) != 0)
    return FALSE;

  if (self->rag != NULL)
    {
      const char *rag = item->complete ? "complete" : item->delivery_rag != NULL ? item->delivery_rag : "none";

      if (!g_str_equal (rag, self->rag))
        return FALSE;
    }

  if (self->officer != NULL && g_strcmp0 (ib_record_get_string (action, "accountable_officer"), self->officer) != 0)
    return FALSE;

  if (self->person != NULL && !ib_schedule_names_person (ib_record_get_string (action, "accountable_officer"), self->person))
    return FALSE;

  if (self->horizon != NULL && g_strcmp0 (ib_record_get_string (action, "horizon"), self->horizon) != 0)
    return FALSE;

  if (self->overdue_only && !item->overdue)
    return FALSE;

  if (self->not_improving_only && !item->flagged)
    return FALSE;

  if (stale_before != NULL &&
      (item->complete || (item->last_statement_on != NULL && strcmp (item->last_statement_on, stale_before) >= 0)))
    return FALSE;

  return TRUE;
}

static int
rag_rank (IbPlanItem *item)
{
  /* Worst first: what a board chair scans for. */
  if (item->complete)
    return 4;
  if (g_strcmp0 (item->delivery_rag, "red") == 0)
    return 0;
  if (g_strcmp0 (item->delivery_rag, "amber") == 0)
    return 1;
  if (g_strcmp0 (item->delivery_rag, "green") == 0)
    return 3;
  return 2;
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  IbPlanItem *x = *(IbPlanItem **) a;
  IbPlanItem *y = *(IbPlanItem **) b;
  IbPlanSort sort = GPOINTER_TO_INT (user_data);
  int c = 0;

  switch (sort)
    {
    case IB_PLAN_SORT_REF:
      c = x->priority_position - y->priority_position;
      break;

    case IB_PLAN_SORT_DUE:
      {
        const char *dx = ib_record_get_string (x->record, "due_on");
        const char *dy = ib_record_get_string (y->record, "due_on");

        if (dx == NULL || dy == NULL)
          c = (dx == NULL) - (dy == NULL);
        else
          c = strcmp (dx, dy);
      }
      break;

    case IB_PLAN_SORT_RAG:
      c = rag_rank (x) - rag_rank (y);
      break;

    case IB_PLAN_SORT_OFFICER:
      c = strcmp (x->officer_key, y->officer_key);
      break;

    default:
      g_assert_not_reached ();
    }

  if (c == 0)
    c = strcmp (x->ref_key, y->ref_key);
  if (c == 0)
    c = strcmp (ib_record_get_id (x->record), ib_record_get_id (y->record));

  return c;
}

/* Filters and sorts the loaded items into the list the view shows, in one splice. */
static void
apply (IbPlanModel *self)
{
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  /* Rows shown again though the same object: headings recounted, items retaken. */
  g_autoptr (GHashTable) changed = g_hash_table_new (NULL, NULL);
  g_autofree char *stale_before = NULL;
  gboolean filtered = ib_plan_model_is_filtered (self);

  if (self->frozen > 0)
    {
      self->apply_held = TRUE;
      return;
    }

  if (self->stale_weeks > 0)
    stale_before = weeks_before (reference_date (self), self->stale_weeks);

  if (self->actions != NULL)
    {
      g_autofree IbRagCounts *before = g_new (IbRagCounts, self->headings->len);

      /* A heading shows its roll-up: one whose counts moved is a changed row. */
      for (guint h = 0; h < self->headings->len; h++)
        before[h] = ((IbPlanItem *) self->headings->pdata[h])->counts;
      count (self);
      for (guint h = 0; h < self->headings->len; h++)
        if (memcmp (&before[h], &((IbPlanItem *) self->headings->pdata[h])->counts, sizeof (IbRagCounts)) != 0)
          g_hash_table_add (changed, self->headings->pdata[h]);
      for (guint i = 0; i < self->actions->len; i++)
        if (matches (self, self->actions->pdata[i], stale_before))
          g_ptr_array_add (shown, self->actions->pdata[i]);
    }

  g_ptr_array_sort_with_data (shown, compare_items, GINT_TO_POINTER (self->sort));
  self->n_shown = shown->len;

  if (self->sort == IB_PLAN_SORT_REF && self->headings != NULL)
    {
      guint next = 0;

      for (guint h = 0; h < self->headings->len; h++)
        {
          IbPlanItem *heading = self->headings->pdata[h];
          guint first = next;

          while (next < shown->len && ((IbPlanItem *) shown->pdata[next])->priority_position == (int) h)
            next++;

          /* An empty priority area is shown so actions can be added to it, but not while
           * searching, and the "no priority area" heading only when it has actions. */
          if (next > first || (!filtered && heading->record != NULL &&
                               !g_hash_table_contains (self->hidden, ib_record_get_id (heading->record))))
            g_ptr_array_add (rows, heading);
          for (guint i = first; i < next; i++)
            g_ptr_array_add (rows, shown->pdata[i]);
        }
    }
  else
    g_ptr_array_extend (rows, shown, NULL, NULL);

  {
    GHashTableIter iter;
    gpointer item;

    g_hash_table_iter_init (&iter, self->retaken);
    while (g_hash_table_iter_next (&iter, &item, NULL))
      g_hash_table_add (changed, item);
  }
  ib_view_model_splice_rows (self->items, rows->pdata, rows->len, changed);
  g_hash_table_remove_all (self->retaken);
}

/* Whether the statement search index is up to date: a first sync from a bootstrap file builds
 * it after its records are in (ib_store_bootstrap_build_index ()). */
static gboolean
statement_index_kept (IbReader *reader)
{
  sqlite3_stmt *stmt = ib_reader_prepare (reader, IB_STATEMENT_TEXT_KEPT_SQL);
  gboolean kept = FALSE;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    kept = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return kept;
}

/* Returns the query for @search (casefolded): an FTS5 phrase when @indexed, which the trigram
 * index answers (any part of a word, case folded across Unicode), or else a LIKE pattern,
 * which reads every statement and folds ASCII only. */
static char *
statement_query (const char *search,
                 gboolean    indexed)
{
  GString *query = g_string_new (indexed ? "\"" : "%");

  for (const char *p = search; *p != '\0'; p++)
    {
      if (indexed && *p == '"')
        g_string_append_c (query, '"');
      else if (!indexed && (*p == '%' || *p == '_' || *p == '\\'))
        g_string_append_c (query, '\\');
      g_string_append_c (query, *p);
    }
  g_string_append_c (query, indexed ? '"' : '%');
  return g_string_free (query, FALSE);
}

/* Adds to @hits (owning its keys) the actions of plan @plan_id whose statements on or before
 * @date match @search (casefolded), among @unmatched (removed from it as they are hit), or
 * among all the plan's actions when @unmatched is NULL. The index answers from three
 * characters (shorter text has no trigram) once it is built. */
static void
find_statement_hits (IbReader   *reader,
                     const char *plan_id,
                     const char *date,
                     const char *search,
                     GHashTable *unmatched,
                     GHashTable *hits)
{
  gboolean indexed = g_utf8_strlen (search, -1) >= 3 && statement_index_kept (reader);
  g_autofree char *query = statement_query (search, indexed);
  sqlite3_stmt *stmt;

  if (indexed)
    stmt = ib_reader_prepare (reader,
      "SELECT s.action FROM statement_text t JOIN position_statement s ON s.rowid = t.rowid"
      " WHERE statement_text MATCH ?3 AND s.deleted = 0 AND s.as_at <= ?2"
      " AND s.action IN (SELECT id FROM action WHERE plan = ?1 AND deleted = 0)");
  else
    stmt = ib_reader_prepare (reader,
      "SELECT DISTINCT action FROM position_statement WHERE deleted = 0 AND as_at <= ?2"
      " AND action IN (SELECT id FROM action WHERE plan = ?1 AND deleted = 0)"
      " AND (narrative LIKE ?3 ESCAPE '\\' OR next_steps LIKE ?3 ESCAPE '\\' OR author LIKE ?3 ESCAPE '\\')");
  if (stmt == NULL)
    return;

  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, query, -1, SQLITE_TRANSIENT);
  /* Once each of them has been hit there is nothing more to learn. */
  while ((unmatched == NULL || g_hash_table_size (unmatched) > 0) && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *action = (const char *) sqlite3_column_text (stmt, 0);

      if (action != NULL && (unmatched == NULL ? !g_hash_table_contains (hits, action)
                                               : g_hash_table_remove (unmatched, action)))
        g_hash_table_add (hits, g_strdup (action));
    }
  sqlite3_reset (stmt);
}

/* Returns the ids of the loaded actions whose latest statement, ref, title and officer do not
 * match the search, whose older statements must be searched (keys borrowed), or NULL before
 * the actions are loaded. */
static GHashTable *
unmatched_actions (IbPlanModel *self)
{
  GHashTable *unmatched;

  if (self->actions == NULL)
    return NULL;
  unmatched = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->actions->len; i++)
    {
      IbPlanItem *item = self->actions->pdata[i];

      if (strstr (haystack_of (item), self->search) == NULL)
        g_hash_table_add (unmatched, (gpointer) ib_record_get_id (item->record));
    }
  return unmatched;
}

static void
search_statements (IbPlanModel *self)
{
  g_autoptr (GHashTable) unmatched = NULL;

  /* Searched here and now, whatever a search read apart would have found is superseded. */
  g_cancellable_cancel (self->searching);
  g_clear_object (&self->searching);

  g_clear_pointer (&self->statement_hits, g_hash_table_unref);
  if (self->search == NULL || self->plan == NULL)
    return;

  /* Older statements' text is searched in SQLite rather than held in memory: fifty thousand
   * narratives is a lot of RAM to keep for a search box. The latest statement, in memory, is
   * matched with full Unicode folding either way. */
  self->statement_hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Only the actions whose latest statement, ref, title and officer do not match need their
   * older statements searched: a word in every statement then costs nothing, where SQLite
   * would have visited every statement to say so. */
  unmatched = unmatched_actions (self);
  if (unmatched != NULL && g_hash_table_size (unmatched) == 0)
    return;

  find_statement_hits (self->reader, ib_record_get_id (self->plan), reference_date (self), self->search,
                       unmatched, self->statement_hits);
}

/* A search of older statements read apart, on a worker with a connection of its own. */
typedef struct
{
  char       *search;     /* the casefolded text it was asked for */
  char       *plan_id;
  char       *date;
  GHashTable *unmatched;  /* action ids (owned) */
  GHashTable *hits;       /* action ids (owned) */
  guint       generation;
} SearchRead;

static void
search_read_free (gpointer data)
{
  SearchRead *read = data;

  g_free (read->search);
  g_free (read->plan_id);
  g_free (read->date);
  g_clear_pointer (&read->unmatched, g_hash_table_unref);
  g_clear_pointer (&read->hits, g_hash_table_unref);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchRead, search_read_free)

static void
search_read_thread (IbReader *reader,
                    gpointer  data)
{
  SearchRead *read = data;

  ib_reader_begin (reader);
  find_statement_hits (reader, read->plan_id, read->date, read->search, read->unmatched, read->hits);
  ib_reader_end (reader);
}

static void
search_read_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  IbPlanModel *self = IB_PLAN_MODEL (source);
  g_autoptr (SearchRead) read = NULL;
  g_autoptr (GError) error = NULL;

  read = ib_reader_read_apart_finish (result, &error);
  if (read == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->searching);

  /* Read as things were when it was asked: the file could not be opened again, or a change,
   * another plan or another date came meanwhile. Searched here, as before. */
  if (read == NULL || read->generation != self->generation || self->plan == NULL ||
      g_strcmp0 (read->plan_id, ib_record_get_id (self->plan)) != 0 ||
      g_strcmp0 (read->date, reference_date (self)) != 0 || g_strcmp0 (read->search, self->search) != 0)
    {
      search_statements (self);
      apply (self);
      ib_view_model_emit_updated (IB_VIEW_MODEL (self));
      return;
    }

  g_clear_pointer (&self->statement_hits, g_hash_table_unref);
  self->statement_hits = g_steal_pointer (&read->hits);
  apply (self);
  ib_view_model_emit_updated (IB_VIEW_MODEL (self));
}

/* Searches older statements for a search just typed, reading apart when the model reads
 * apart and SQLite must be asked; returns FALSE, having started nothing, when the search is
 * to be made here (no older statements to search, or a model that reads only here). The rows
 * stay as they were until the result is in, so a list does not flash with part of it. */
static gboolean
search_apart (IbPlanModel *self)
{
  g_autoptr (GHashTable) unmatched = NULL;
  SearchRead *read;
  GHashTableIter iter;
  gpointer id;

  if (!self->reads_apart || ib_load_apart_is_loading (self->loader) || self->search == NULL || self->plan == NULL)
    return FALSE;
  unmatched = unmatched_actions (self);
  if (unmatched == NULL || g_hash_table_size (unmatched) == 0)
    return FALSE;

  g_cancellable_cancel (self->searching);
  g_clear_object (&self->searching);

  read = g_new0 (SearchRead, 1);
  read->search = g_strdup (self->search);
  read->plan_id = g_strdup (ib_record_get_id (self->plan));
  read->date = g_strdup (reference_date (self));
  read->unmatched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, unmatched);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_add (read->unmatched, g_strdup (id));
  read->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  read->generation = self->generation;

  self->searching = g_cancellable_new ();
  ib_reader_read_apart (ib_store_get_path (self->store), self, self->searching, search_read_thread,
                        read, search_read_free, search_read_done, NULL);
  return TRUE;
}

static void
show (gpointer model)
{
  search_statements (model);
  apply (model);
  ib_view_model_emit_updated (IB_VIEW_MODEL (model));
}

static gboolean
take_changes (gpointer    model,
              GHashTable *changes)
{
  IbPlanModel *self = model;

  if (!patch (self, changes))
    return FALSE;
  if (self->search != NULL)
    search_statements (self);
  apply (self);
  ib_view_model_emit_updated (IB_VIEW_MODEL (self));
  return TRUE;
}

void
ib_plan_model_reload (IbPlanModel *self)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));
  /* While the first load is read apart it is read again, with the choices made since. */
  ib_load_apart_reload (self->loader);
}

/* What the view shows, reloaded at idle after a change to any of them. */
static const char * const watched_types[] = {
  "plan", "priority", "action", "position_statement", "meeting",
  /* an action's evidence: the figures of the KPIs it claims to move */
  "indicator", "measurement",
  /* the findings an action answers are written on the finding (ib-links.h) */
  "finding", "risk", NULL
};

static void
ib_plan_model_dispose (GObject *object)
{
  IbPlanModel *self = (IbPlanModel *) object;

  g_clear_pointer (&self->loader, ib_load_apart_free);
  g_cancellable_cancel (self->searching);
  g_clear_object (&self->searching);
  clear_loaded (self);
  g_clear_pointer (&self->reader, ib_reader_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ib_plan_model_parent_class)->dispose (object);
}

static void
ib_plan_model_finalize (GObject *object)
{
  IbPlanModel *self = (IbPlanModel *) object;

  g_clear_object (&self->items);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->retaken, g_hash_table_unref);
  g_clear_pointer (&self->statement_hits, g_hash_table_unref);
  g_clear_pointer (&self->by_date, g_hash_table_unref);
  g_free (self->plan_id);
  g_free (self->as_at);
  g_free (self->today);
  g_free (self->search);
  g_free (self->status);
  g_free (self->rag);
  g_free (self->officer);
  g_free (self->person);
  g_free (self->horizon);

  G_OBJECT_CLASS (ib_plan_model_parent_class)->finalize (object);
}

/* IbViewModel */

static IbStore *
view_model_get_store (IbViewModel *model)
{
  return ib_plan_model_get_store (IB_PLAN_MODEL (model));
}

static GListModel *
view_model_get_items (IbViewModel *model)
{
  return ib_plan_model_get_items (IB_PLAN_MODEL (model));
}

static const char *
view_model_get_item_id (IbViewModel *model,
                        gpointer     item)
{
  IbRecord *record = ib_plan_item_get_record (item);

  /* The heading of actions with no priority area has no record, and no id. */
  return record != NULL ? ib_record_get_id (record) : NULL;
}

static gpointer
view_model_lookup (IbViewModel *model,
                   const char  *id)
{
  return ib_plan_model_lookup (IB_PLAN_MODEL (model), id);
}

static gboolean
view_model_is_filtered (IbViewModel *model)
{
  return ib_plan_model_is_filtered (IB_PLAN_MODEL (model));
}

static gboolean
view_model_is_loading (IbViewModel *model)
{
  return ib_plan_model_is_loading (IB_PLAN_MODEL (model));
}

static void
view_model_set_search (IbViewModel *model,
                       const char  *text)
{
  ib_plan_model_set_search (IB_PLAN_MODEL (model), text);
}

static void
view_model_hide (IbViewModel *model,
                 const char  *id)
{
  ib_plan_model_hide (IB_PLAN_MODEL (model), id);
}

static void
view_model_unhide (IbViewModel *model,
                   const char  *id)
{
  ib_plan_model_unhide (IB_PLAN_MODEL (model), id);
}

/* A view asks for this after saving a record, to choose it at once: what the save changed is
 * taken in now, its rows only, rather than at idle; the whole model is not read again. */
static void
view_model_reload (IbViewModel *model)
{
  ib_load_apart_flush (IB_PLAN_MODEL (model)->loader);
}

static void
ib_plan_model_view_model_init (IbViewModelInterface *iface)
{
  iface->get_store = view_model_get_store;
  iface->get_items = view_model_get_items;
  iface->get_item_id = view_model_get_item_id;
  iface->lookup = view_model_lookup;
  iface->is_filtered = view_model_is_filtered;
  iface->is_loading = view_model_is_loading;
  iface->set_search = view_model_set_search;
  iface->hide = view_model_hide;
  iface->unhide = view_model_unhide;
  iface->reload = view_model_reload;
}

static void
ib_plan_model_class_init (IbPlanModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ib_plan_model_dispose;
  object_class->finalize = ib_plan_model_finalize;

}

static void
ib_plan_model_init (IbPlanModel *self)
{
  self->items = g_list_store_new (IB_TYPE_PLAN_ITEM);
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->retaken = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->by_date = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  self->today = local_today ();
}

static const IbLoadApartFuncs load_funcs = {
  G_STRUCT_OFFSET (IbPlanModel, reader), new_apart, load, show, take_load, take_changes,
};

static IbPlanModel *
model_new (IbStore  *store,
           gboolean  apart)
{
  IbPlanModel *self = g_object_new (IB_TYPE_PLAN_MODEL, NULL);

  self->store = g_object_ref (store);
  self->reader = ib_reader_new_for_store (store);
  self->loader = ib_load_apart_new (self, store, watched_types, &load_funcs);
  /* Made for a view: the reads that can wait a frame go to a worker. */
  self->reads_apart = apart && ib_reader_can_open (ib_store_get_path (store));
  ib_load_apart_first_load (self->loader, apart);
  return self;
}

IbPlanModel *
ib_plan_model_new (IbStore *store)
{
  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  return model_new (store, FALSE);
}

IbPlanModel *
ib_plan_model_new_loading (IbStore *store)
{
  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  return model_new (store, TRUE);
}

gboolean
ib_plan_model_is_loading (IbPlanModel *self)
{
  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), FALSE);
  return ib_load_apart_is_loading (self->loader) || self->searching != NULL;
}

IbStore *
ib_plan_model_get_store (IbPlanModel *self)
{
  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), NULL);
  return self->store;
}

void
ib_plan_model_set_plan (IbPlanModel *self,
                        const char  *plan_id)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));

  if (g_strcmp0 (plan_id, ib_plan_model_get_plan (self)) == 0 && g_strcmp0 (plan_id, self->plan_id) == 0)
    return;

  g_free (self->plan_id);
  self->plan_id = g_strdup (plan_id);
  ib_plan_model_reload (self);
}

const char *
ib_plan_model_get_plan (IbPlanModel *self)
{
  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), NULL);
  return self->plan != NULL ? ib_record_get_id (self->plan) : NULL;
}

void
ib_plan_model_set_as_at (IbPlanModel *self,
                         const char  *date)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));

  if (g_strcmp0 (date, self->as_at) == 0)
    return;

  g_free (self->as_at);
  self->as_at = g_strdup (date);
  take_date (self);
}

const char *
ib_plan_model_get_as_at (IbPlanModel *self)
{
  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), NULL);
  return self->as_at;
}

void
ib_plan_model_set_today (IbPlanModel *self,
                         const char  *today)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));

  g_free (self->today);
  self->today = today != NULL ? g_strdup (today) : local_today ();
  ib_plan_model_reload (self);
}

IbRecord *
ib_plan_model_get_previous_board (IbPlanModel *self)
{
  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), NULL);
  return self->previous_board;
}

void
ib_plan_model_set_sort (IbPlanModel *self,
                        IbPlanSort   sort)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));
  g_return_if_fail (sort <= IB_PLAN_SORT_OFFICER);

  if (self->sort == sort)
    return;

  self->sort = sort;
  apply (self);
}

IbPlanSort
ib_plan_model_get_sort (IbPlanModel *self)
{
  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), IB_PLAN_SORT_REF);
  return self->sort;
}

/* Replaces *@slot with @value (NULL or "" clears it); returns TRUE when it changed. */
static gboolean
set_choice (char       **slot,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

void
ib_plan_model_set_search (IbPlanModel *self,
                          const char  *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;

  g_return_if_fail (IB_IS_PLAN_MODEL (self));

  if (text != NULL)
    {
      stripped = g_strstrip (g_strdup (text));
      folded = g_utf8_casefold (stripped, -1);
    }

  if (set_choice (&self->search, folded))
    {
      if (search_apart (self))
        return;
      search_statements (self);
      apply (self);
    }
}

void
ib_plan_model_set_status (IbPlanModel *self,
                          const char  *status)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));
  if (set_choice (&self->status, status))
    apply (self);
}

void
ib_plan_model_set_rag (IbPlanModel *self,
                       const char  *rag)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));
  if (set_choice (&self->rag, rag))
    apply (self);
}

void
ib_plan_model_set_officer (IbPlanModel *self,
                           const char  *officer)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));
  if (set_choice (&self->officer, officer))
    apply (self);
}

void
ib_plan_model_set_person (IbPlanModel *self,
                          const char  *person)
{
  g_autofree char *trimmed = person != NULL ? g_strstrip (g_strdup (person)) : NULL;

  g_return_if_fail (IB_IS_PLAN_MODEL (self));
  if (set_choice (&self->person, trimmed))
    apply (self);
}

const char *
ib_plan_model_get_person (IbPlanModel *self)
{
  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), NULL);
  return self->person;
}

void
ib_plan_model_set_horizon (IbPlanModel *self,
                           const char  *horizon)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));
  if (set_choice (&self->horizon, horizon))
    apply (self);
}

void
ib_plan_model_set_overdue_only (IbPlanModel *self,
                                gboolean     overdue)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));

  if (self->overdue_only == !!overdue)
    return;

  self->overdue_only = !!overdue;
  apply (self);
}

void
ib_plan_model_set_stale_weeks (IbPlanModel *self,
                               guint        weeks)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));

  if (self->stale_weeks == weeks)
    return;

  self->stale_weeks = weeks;
  apply (self);
}

void
ib_plan_model_set_not_improving_only (IbPlanModel *self,
                                      gboolean     not_improving)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));

  if (self->not_improving_only == !!not_improving)
    return;

  self->not_improving_only = !!not_improving;
  apply (self);
}

gboolean
ib_plan_model_get_not_improving_only (IbPlanModel *self)
{
  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), FALSE);
  return self->not_improving_only;
}

void
ib_plan_model_freeze (IbPlanModel *self)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));
  self->frozen++;
}

void
ib_plan_model_thaw (IbPlanModel *self)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));
  g_return_if_fail (self->frozen > 0);

  if (--self->frozen == 0 && self->apply_held)
    {
      self->apply_held = FALSE;
      apply (self);
    }
}

gboolean
ib_plan_model_is_filtered (IbPlanModel *self)
{
  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), FALSE);

  return self->search != NULL || self->status != NULL || self->rag != NULL ||
         self->officer != NULL || self->person != NULL || self->horizon != NULL || self->overdue_only ||
         self->stale_weeks > 0 || self->not_improving_only;
}

GListModel *
ib_plan_model_get_items (IbPlanModel *self)
{
  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), NULL);
  return G_LIST_MODEL (self->items);
}

const IbRagCounts *
ib_plan_model_get_counts (IbPlanModel *self)
{
  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), NULL);
  return &self->counts;
}

guint
ib_plan_model_get_n_shown (IbPlanModel *self)
{
  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), 0);
  return self->n_shown;
}

guint
ib_plan_model_find (IbPlanModel *self,
                    const char  *id)
{
  guint n;

  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), G_MAXUINT);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr (IbPlanItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (item->record != NULL && g_strcmp0 (ib_record_get_id (item->record), id) == 0)
        return i;
    }

  return G_MAXUINT;
}

IbPlanItem *
ib_plan_model_lookup (IbPlanModel *self,
                      const char  *id)
{
  GPtrArray *lists[2];

  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), NULL);

  if (id == NULL || self->actions == NULL || g_hash_table_contains (self->hidden, id))
    return NULL;

  lists[0] = self->actions;
  lists[1] = self->headings;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        IbPlanItem *item = lists[l]->pdata[i];

        if (item->record != NULL && g_str_equal (ib_record_get_id (item->record), id))
          return item;
      }

  return NULL;
}

GStrv
ib_plan_model_list_officers (IbPlanModel *self)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) officers = NULL;

  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), NULL);

  for (guint i = 0; self->actions != NULL && i < self->actions->len; i++)
    {
      IbPlanItem *item = self->actions->pdata[i];
      const char *officer = ib_record_get_string (item->record, "accountable_officer");

      if (officer != NULL && *officer != '\0' && g_hash_table_add (seen, (gpointer) officer))
        g_strv_builder_add (builder, officer);
    }

  officers = g_strv_builder_end (builder);
  qsort (officers, g_strv_length (officers), sizeof (char *), (GCompareFunc) g_utf8_collate);
  return g_steal_pointer (&officers);
}

GPtrArray *
ib_plan_model_list_statements (IbPlanModel *self,
                               const char  *action_id,
                               guint       *n_later)
{
  g_autoptr (GListModel) all = NULL;
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_object_unref);
  guint later = 0;

  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), shown);
  g_return_val_if_fail (action_id != NULL, shown);

  /* The store lists them newest first (as_at, then the time of writing). */
  all = ib_store_list_where (self->store, &ib_type_position_statement, "action", action_id);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      IbRecord *statement = g_list_model_get_item (all, i);

      if (self->as_at != NULL && g_strcmp0 (ib_record_get_string (statement, "as_at"), self->as_at) > 0)
        {
          later++;
          g_object_unref (statement);
          continue;
        }

      g_ptr_array_add (shown, statement);
    }

  if (n_later != NULL)
    *n_later = later;
  return shown;
}

gboolean
ib_plan_model_add_statement (IbPlanModel  *self,
                             IbRecord     *statement,
                             GError      **error)
{
  g_autoptr (IbRecord) action = NULL;
  g_autoptr (GListModel) existing = NULL;
  g_autoptr (IbRecord) newest = NULL;
  const char *action_id;

  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), FALSE);
  g_return_val_if_fail (IB_IS_RECORD (statement), FALSE);
  g_return_val_if_fail (ib_record_get_record_type (statement) == &ib_type_position_statement, FALSE);

  action_id = ib_record_get_string (statement, "action");
  if (!ib_store_begin (self->store, error))
    return FALSE;

  if (!ib_store_create (self->store, statement, error))
    goto fail;

  /* A statement dated before the newest one corrects history; it does not change today's colours. */
  existing = ib_store_list_where (self->store, &ib_type_position_statement, "action", action_id);
  newest = g_list_model_get_item (existing, 0);
  if (newest != NULL && g_strcmp0 (ib_record_get_id (newest), ib_record_get_id (statement)) == 0)
    {
      action = ib_store_get (self->store, &ib_type_action, action_id, error);
      if (action == NULL)
        goto fail;

      if (ib_record_has (statement, "delivery_rag"))
        ib_record_set_string (action, "delivery_rag", ib_record_get_string (statement, "delivery_rag"));
      if (ib_record_has (statement, "impact_rag"))
        ib_record_set_string (action, "impact_rag", ib_record_get_string (statement, "impact_rag"));
      if (!ib_store_update (self->store, action, error))
        goto fail;
    }

  return ib_store_commit (self->store, error);

fail:
  ib_store_rollback (self->store);
  return FALSE;
}

gboolean
ib_plan_model_delete_priority (IbPlanModel  *self,
                               const char   *priority_id,
                               GError      **error)
{
  g_autoptr (GListModel) actions = NULL;

  g_return_val_if_fail (IB_IS_PLAN_MODEL (self), FALSE);
  g_return_val_if_fail (priority_id != NULL, FALSE);

  if (!ib_store_begin (self->store, error))
    return FALSE;

  /* Actions hang off the plan, not the priority area, so a delete would leave them naming
   * a tombstone: they move out of it instead. */
  actions = ib_store_list_where (self->store, &ib_type_action, "priority", priority_id);
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr (IbRecord) action = g_list_model_get_item (actions, i);

      ib_record_set_null (action, "priority");
      if (!ib_store_update (self->store, action, error))
        goto fail;
    }

  if (!ib_store_delete (self->store, &ib_type_priority, priority_id, error))
    goto fail;

  return ib_store_commit (self->store, error);

fail:
  ib_store_rollback (self->store);
  return FALSE;
}

void
ib_plan_model_hide (IbPlanModel *self,
                    const char  *id)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));
  g_return_if_fail (id != NULL);

  g_hash_table_add (self->hidden, g_strdup (id));
  apply (self);
}

void
ib_plan_model_unhide (IbPlanModel *self,
                      const char  *id)
{
  g_return_if_fail (IB_IS_PLAN_MODEL (self));

  if (id != NULL && g_hash_table_remove (self->hidden, id))
    apply (self);
}
