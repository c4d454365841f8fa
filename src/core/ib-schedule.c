/* ib-schedule.c
 *
 * Dates are YYYY-MM-DD strings throughout, so comparing them as text orders them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-schedule"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ib-plan-model.h"
#include "ib-record-json.h"
#include "ib-schedule.h"

/* A board meets about every six weeks: a record made within six weeks after one is for it. */
#define BOARD_WEEKS 6

static gboolean
to_gdate (const char *date,
          GDate      *out)
{
  if (!ib_date_is_valid (date))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) atoi (date + 8), (GDateMonth) atoi (date + 5), (GDateYear) atoi (date));
  return g_date_valid (out);
}

static char *
from_gdate (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

char *
ib_schedule_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

char *
ib_schedule_add_days (const char *date,
                      int         days)
{
  GDate d;

  if (!to_gdate (date, &d))
    return g_strdup (date);
  if (days >= 0)
    g_date_add_days (&d, (guint) days);
  else
    g_date_subtract_days (&d, (guint) -days);
  return from_gdate (&d);
}

char *
ib_schedule_add_months (const char *date,
                        int         months)
{
  GDate d;

  if (!to_gdate (date, &d))
    return g_strdup (date);
  /* GDate keeps the day, or moves it back to the month's last. */
  if (months >= 0)
    g_date_add_months (&d, (guint) months);
  else
    g_date_subtract_months (&d, (guint) -months);
  return from_gdate (&d);
}

IbRecord *
ib_schedule_meeting_for (IbStore    *store,
                         const char *kind,
                         const char *date)
{
  g_autoptr (GListModel) meetings = NULL;
  g_autofree char *earliest = NULL;
  IbRecord *before = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  if (!ib_date_is_valid (date))
    return NULL;

  earliest = ib_schedule_add_days (date, -7 * BOARD_WEEKS);
  /* Listed by date, earliest first. */
  meetings = ib_store_list_where (store, &ib_type_meeting, "kind", kind);
  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr (IbRecord) meeting = g_list_model_get_item (meetings, i);
      const char *held = ib_record_get_string (meeting, "held_on");

      if (held == NULL)
        continue;
      if (strcmp (held, date) >= 0)
        {
          g_clear_object (&before);
          return g_steal_pointer (&meeting);
        }
      if (strcmp (held, earliest) >= 0)
        g_set_object (&before, meeting);
    }
  return before;
}

char *
ib_schedule_next_review (IbStore    *store,
                         const char *date)
{
  g_autofree char *after = NULL;
  g_autoptr (IbRecord) board = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  if (!ib_date_is_valid (date))
    return NULL;

  after = ib_schedule_add_days (date, 1);
  board = ib_schedule_meeting_for (store, "improvement_board", after);
  if (board != NULL && strcmp (ib_record_get_string (board, "held_on"), after) >= 0)
    return g_strdup (ib_record_get_string (board, "held_on"));
  return ib_schedule_add_months (date, 3);
}

gboolean
ib_schedule_names_person (const char *name,
                          const char *person)
{
  g_autofree char *haystack = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *trimmed = NULL;

  if (name == NULL || person == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (person));
  needle = g_utf8_casefold (trimmed, -1);
  if (*needle == '\0')
    return FALSE;
  haystack = g_utf8_casefold (name, -1);
  return strstr (haystack, needle) != NULL;
}

gboolean
ib_schedule_should_remind (gboolean    enabled,
                           const char *person,
                           const char *today,
                           const char *last_reminded)
{
  g_autofree char *trimmed = NULL;

  if (!enabled || person == NULL || !ib_date_is_valid (today))
    return FALSE;
  trimmed = g_strstrip (g_strdup (person));
  if (*trimmed == '\0')
    return FALSE;
  return g_strcmp0 (last_reminded, today) != 0;
}

/* "Role (Name)" gives the role and the name; anything else is one name. */
static void
add_person (GHashTable *seen,
            const char *written)
{
  g_autofree char *text = written != NULL ? g_strstrip (g_strdup (written)) : NULL;
  char *open;

  if (text == NULL || *text == '\0')
    return;
  open = strrchr (text, '(');
  if (open != NULL && open > text && g_str_has_suffix (open, ")"))
    {
      g_autofree char *name = g_strstrip (g_strndup (open + 1, strlen (open) - 2));

      *open = '\0';
      g_strstrip (text);
      if (*name != '\0' && *text != '\0')
        {
          g_hash_table_add (seen, g_steal_pointer (&name));
          g_hash_table_add (seen, g_steal_pointer (&text));
          return;
        }
      *open = '(';
    }
  g_hash_table_add (seen, g_steal_pointer (&text));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

GStrv
ib_schedule_list_people (IbStore *store)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GListModel) actions = NULL;
  g_autoptr (GListModel) risks = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  actions = ib_store_list (store, &ib_type_action);
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr (IbRecord) action = g_list_model_get_item (actions, i);

      add_person (seen, ib_record_get_string (action, "accountable_officer"));
    }
  risks = ib_store_list (store, &ib_type_risk);
  for (guint i = 0; i < g_list_model_get_n_items (risks); i++)
    {
      g_autoptr (IbRecord) risk = g_list_model_get_item (risks, i);

      add_person (seen, ib_record_get_string (risk, "owner"));
    }

  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (names, key);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (names, compare_names);
  return (GStrv) g_ptr_array_steal (names, NULL);
}

void
ib_reminder_free (IbReminder *reminder)
{
  if (reminder == NULL)
    return;
  g_clear_object (&reminder->record);
  g_free (reminder->due_on);
  g_free (reminder);
}

IbReminder *
ib_reminder_new (IbReminderKind  kind,
                 IbRecord       *record,
                 const char     *due_on)
{
  IbReminder *reminder;

  g_return_val_if_fail (IB_IS_RECORD (record), NULL);

  reminder = g_new0 (IbReminder, 1);
  reminder->kind = kind;
  reminder->record = g_object_ref (record);
  reminder->due_on = g_strdup (due_on);
  return reminder;
}

static void
add_reminder (GPtrArray      *out,
              IbReminderKind  kind,
              IbRecord       *record,
              const char     *due_on)
{
  g_ptr_array_add (out, ib_reminder_new (kind, record, due_on));
}

static int
compare_reminders (gconstpointer a,
                   gconstpointer b)
{
  const IbReminder *x = *(IbReminder * const *) a;
  const IbReminder *y = *(IbReminder * const *) b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return g_strcmp0 (x->due_on, y->due_on);
}

/* The last Improvement Board before @today and the next one on or after it (either NULL). */
static void
find_boards (IbStore     *store,
             const char  *today,
             char       **last,
             char       **next)
{
  g_autoptr (GListModel) meetings = ib_store_list_where (store, &ib_type_meeting, "kind", "improvement_board");

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr (IbRecord) meeting = g_list_model_get_item (meetings, i);
      const char *held = ib_record_get_string (meeting, "held_on");

      if (held == NULL)
        continue;
      if (strcmp (held, today) < 0)
        {
          g_free (*last);
          *last = g_strdup (held);
        }
      else if (*next == NULL)
        *next = g_strdup (held);
    }
}

static void
add_action_reminders (IbStore    *store,
                      const char *person,
                      const char *today,
                      GPtrArray  *out)
{
  g_autoptr (GListModel) plans = ib_store_list_where (store, &ib_type_plan, "status", "active");
  g_autofree char *last_board = NULL, *next_board = NULL;
  g_autofree char *soon = ib_schedule_add_days (today, IB_SCHEDULE_DUE_DAYS);

  find_boards (store, today, &last_board, &next_board);

  for (guint p = 0; p < g_list_model_get_n_items (plans); p++)
    {
      g_autoptr (IbRecord) plan = g_list_model_get_item (plans, p);
      g_autoptr (GListModel) actions = ib_store_list_where (store, &ib_type_action, "plan", ib_record_get_id (plan));
      g_autoptr (GHashTable) newest = ib_plan_newest_statement_dates (store, ib_record_get_id (plan));

      for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
        {
          g_autoptr (IbRecord) action = g_list_model_get_item (actions, i);
          const char *due = ib_record_get_string (action, "due_on");
          const char *stated = g_hash_table_lookup (newest, ib_record_get_id (action));

          if (g_strcmp0 (ib_record_get_string (action, "status"), "complete") == 0 ||
              !ib_schedule_names_person (ib_record_get_string (action, "accountable_officer"), person))
            continue;

          /* Nothing said since the last board, and a board coming up to say it to. */
          if (next_board != NULL && (stated == NULL || (last_board != NULL && strcmp (stated, last_board) < 0)))
            add_reminder (out, IB_REMINDER_STATEMENT, action, next_board);
          if (ib_date_is_valid (due) && strcmp (due, today) >= 0 && strcmp (due, soon) <= 0)
            add_reminder (out, IB_REMINDER_ACTION_DUE, action, due);
        }
    }
}

static void
add_review_reminders (IbStore    *store,
                      const char *person,
                      const char *today,
                      GPtrArray  *out)
{
  g_autoptr (GListModel) risks = ib_store_list (store, &ib_type_risk);
  g_autofree char *soon = ib_schedule_add_days (today, IB_SCHEDULE_DUE_DAYS);

  for (guint i = 0; i < g_list_model_get_n_items (risks); i++)
    {
      g_autoptr (IbRecord) risk = g_list_model_get_item (risks, i);
      const char *review = ib_record_get_string (risk, "next_review");

      if (g_strcmp0 (ib_record_get_string (risk, "status"), "closed") == 0 ||
          !ib_schedule_names_person (ib_record_get_string (risk, "owner"), person))
        continue;
      if (ib_date_is_valid (review) && strcmp (review, soon) <= 0)
        add_reminder (out, IB_REMINDER_REVIEW, risk, review);
    }
}

GPtrArray *
ib_schedule_reminders (IbStore    *store,
                       const char *person,
                       const char *today)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) ib_reminder_free);
  g_autofree char *now = today != NULL ? g_strdup (today) : ib_schedule_today ();

  g_return_val_if_fail (IB_IS_STORE (store), out);

  if (person == NULL || *person == '\0' || !ib_date_is_valid (now))
    return out;

  add_action_reminders (store, person, now, out);
  add_review_reminders (store, person, now, out);
  g_ptr_array_sort (out, compare_reminders);
  return out;
}
