/* ib-overview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-overview"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ib-evidence.h"
#include "ib-overview.h"
#include "ib-pack.h"
#include "ib-pack-diff.h"
#include "ib-reader.h"
#include "ib-record-json.h"
#include "ib-risk.h"
#include "ib-store-private.h"

#define MAX_TOP_RISKS 5

static void
kpi_summary_free (gpointer data)
{
  IbKpiSummary *summary = data;

  g_clear_object (&summary->indicator);
  g_free (summary->period);
  g_free (summary);
}

static int
area_position (const char * const *areas,
               const char         *area)
{
  for (int i = 0; areas != NULL && areas[i] != NULL; i++)
    if (g_str_equal (areas[i], area))
      return i;

  return G_MAXINT;
}

static void
load_judgements (IbReader   *reader,
                 IbOverview *overview)
{
  g_autoptr (GPtrArray) list = NULL;
  const char * const *areas;
  guint n;

  overview->judged_inspection =
    ib_reader_query_one (reader, &ib_type_inspection,
               "WHERE deleted = 0 AND EXISTS (SELECT 1 FROM judgement j"
               " WHERE j.inspection = inspection.id AND j.deleted = 0)"
               " ORDER BY starts_on DESC LIMIT 1", NULL);
  overview->latest_engagement =
    ib_reader_query_one (reader, &ib_type_inspection, "WHERE deleted = 0 ORDER BY starts_on DESC LIMIT 1", NULL);

  if (overview->judged_inspection == NULL)
    return;

  list = ib_reader_list_where (reader, &ib_type_judgement, "inspection",
                               ib_record_get_id (overview->judged_inspection));
  n = list->len;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (overview->judgements, g_object_ref (list->pdata[i]));

  /* Framework order puts overall effectiveness where inspectors put it: last. */
  areas = ib_framework_areas (ib_record_get_string (overview->judged_inspection, "framework"));
  for (guint i = 1; i < overview->judgements->len; i++)
    for (guint j = i; j > 0; j--)
      {
        IbRecord *a = overview->judgements->pdata[j - 1];
        IbRecord *b = overview->judgements->pdata[j];

        if (area_position (areas, ib_record_get_string (a, "area")) <=
            area_position (areas, ib_record_get_string (b, "area")))
          break;
        overview->judgements->pdata[j - 1] = b;
        overview->judgements->pdata[j] = a;
      }
}

static void
load_plan (IbReader   *reader,
           IbOverview *overview,
           const char *today,
           const char *stale_before)
{
  sqlite3_stmt *stmt;

  overview->plan = ib_reader_query_one (reader, &ib_type_plan,
                              "WHERE deleted = 0 ORDER BY status = 'active' DESC, starts_on DESC LIMIT 1",
                              NULL);
  if (overview->plan == NULL)
    return;

  stmt = ib_reader_prepare (reader,
    "SELECT a.delivery_rag, a.status, a.due_on,"
    " (SELECT max (s.as_at) FROM position_statement s WHERE s.action = a.id AND s.deleted = 0)"
    " FROM action a WHERE a.plan = ?1 AND a.deleted = 0");
  if (stmt == NULL)
    return;

  sqlite3_bind_text (stmt, 1, ib_record_get_id (overview->plan), -1, SQLITE_TRANSIENT);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *rag = (const char *) sqlite3_column_text (stmt, 0);
      const char *status = (const char *) sqlite3_column_text (stmt, 1);
      const char *due = (const char *) sqlite3_column_text (stmt, 2);
      const char *last = (const char *) sqlite3_column_text (stmt, 3);
      gboolean complete = g_strcmp0 (status, "complete") == 0;

      overview->n_actions++;

      /* Complete actions are counted apart, never as green: delivered is not the same as
       * rated, and "11 G / 2 complete" is what the board reads. */
      if (complete)
        overview->n_complete++;
      else if (g_strcmp0 (rag, "red") == 0)
        overview->n_red++;
      else if (g_strcmp0 (rag, "amber") == 0)
        overview->n_amber++;
      else if (g_strcmp0 (rag, "green") == 0)
        overview->n_green++;
      else
        overview->n_unrated++;

      if (!complete && due != NULL && strcmp (due, today) < 0)
        overview->n_overdue++;

      if (!complete && (last == NULL || strcmp (last, stale_before) < 0))
        overview->n_stale++;
    }

  sqlite3_reset (stmt);

  /* Delivered but not improving: the count a board should ask about first. */
  {
    g_autoptr (GPtrArray) flagged = ib_evidence_flagged_actions_read (reader, ib_record_get_id (overview->plan));

    overview->n_not_improving = flagged != NULL ? flagged->len : 0;
  }
}

/* How far off target, as a share of the target, so a KPI 11 points off a target of 20
 * ranks above one 3 points off 85. */
static double
target_gap (const IbKpiSummary *kpi)
{
  double target = ib_record_get_double (kpi->indicator, "target");

  return fabs (kpi->latest - target) / MAX (fabs (target), 1.0);
}

static int
compare_kpi (gconstpointer a,
             gconstpointer b)
{
  const IbKpiSummary *x = *(IbKpiSummary **) a;
  const IbKpiSummary *y = *(IbKpiSummary **) b;
  double gx = target_gap (x), gy = target_gap (y);

  if (gx != gy)
    return gx > gy ? -1 : 1;

  return g_strcmp0 (ib_record_get_string (x->indicator, "code"),
                    ib_record_get_string (y->indicator, "code"));
}

static void
load_kpis (IbReader   *reader,
           IbOverview *overview)
{
  g_autoptr (GPtrArray) indicators = ib_reader_list_where (reader, &ib_type_indicator, NULL, NULL);
  guint n = indicators->len;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < n; i++)
    {
      IbRecord *indicator = indicators->pdata[i];
      g_autofree char *period = NULL;
      double values[2] = { NAN, NAN };
      guint n_values = 0;
      IbTargetStatus status;
      const char *polarity = ib_record_get_string (indicator, "polarity");

      stmt = ib_reader_prepare (reader,
        "SELECT period, value FROM measurement WHERE indicator = ?1 AND deleted = 0"
        " AND value IS NOT NULL ORDER BY period DESC LIMIT 2");
      if (stmt == NULL)
        return;

      sqlite3_bind_text (stmt, 1, ib_record_get_id (indicator), -1, SQLITE_TRANSIENT);
      while (n_values < 2 && sqlite3_step (stmt) == SQLITE_ROW)
        {
          if (n_values == 0)
            period = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          values[n_values++] = sqlite3_column_double (stmt, 1);
        }
      sqlite3_reset (stmt);

      if (n_values == 0)
        continue;

      status = ib_kpi_target_status (polarity, values[0],
                                     ib_record_get_double (indicator, "target"),
                                     ib_record_get_double (indicator, "tolerance"));
      if (status == IB_TARGET_OFF)
        {
          IbKpiSummary *summary = g_new0 (IbKpiSummary, 1);

          summary->indicator = g_object_ref (indicator);
          summary->period = g_steal_pointer (&period);
          summary->latest = values[0];
          summary->previous = values[1];
          summary->status = status;
          summary->trend = ib_kpi_trend (values[1], values[0]);
          g_ptr_array_add (overview->kpis_off_target, summary);
        }
    }

  g_ptr_array_sort (overview->kpis_off_target, compare_kpi);
}

static void
load_risks (IbReader   *reader,
            IbOverview *overview,
            const char *today)
{
  g_autofree char *columns = _ib_store_columns (&ib_type_risk);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM risk WHERE deleted = 0"
                                          " AND coalesce (status, 'open') != 'closed'"
                                          " ORDER BY coalesce (residual_l * residual_i, 0) DESC, ref",
                                          columns);
  sqlite3_stmt *stmt = ib_reader_prepare (reader, sql);

  if (stmt == NULL)
    return;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (IbRecord) risk = _ib_store_record_from_row (&ib_type_risk, stmt);
      const char *next = ib_record_get_string (risk, "next_review");

      overview->n_risks_open++;
      if (next != NULL && strcmp (next, today) < 0)
        overview->n_reviews_overdue++;
      if (overview->top_risks->len < MAX_TOP_RISKS)
        g_ptr_array_add (overview->top_risks, g_steal_pointer (&risk));
    }

  sqlite3_reset (stmt);
}

static void
count_samples (IbReader   *reader,
               IbOverview *overview)
{
  const IbRecordType * const *types = ib_record_types ();

  for (guint i = 0; types[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0 AND sample = 1",
                                              types[i]->name);
      sqlite3_stmt *stmt = ib_reader_prepare (reader, sql);

      if (stmt == NULL)
        continue;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        overview->n_sample += (guint) sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
}

IbOverview *
ib_overview_compute (IbStore     *store,
                     const char  *today,
                     GError     **error)
{
  g_autoptr (IbReader) reader = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  reader = ib_reader_new_for_store (store);
  return ib_overview_compute_read (reader, today, error);
}

IbOverview *
ib_overview_compute_read (IbReader    *reader,
                          const char  *today,
                          GError     **error)
{
  g_autoptr (IbOverview) overview = NULL;
  g_autofree char *today_owned = NULL;
  char stale_before[11];
  GDate date;

  g_return_val_if_fail (reader != NULL, NULL);

  if (today == NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

      today = today_owned = g_date_time_format (now, "%Y-%m-%d");
    }

  if (!ib_date_is_valid (today))
    {
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID, _("“%s” is not a date written YYYY-MM-DD"), today);
      return NULL;
    }

  g_date_clear (&date, 1);
  g_date_set_dmy (&date,
                  (GDateDay) atoi (today + 8), (GDateMonth) atoi (today + 5), (GDateYear) atoi (today));
  g_date_subtract_days (&date, IB_OVERVIEW_STALE_WEEKS * 7);
  g_date_strftime (stale_before, sizeof stale_before, "%Y-%m-%d", &date);

  overview = g_new0 (IbOverview, 1);
  overview->judgements = g_ptr_array_new_with_free_func (g_object_unref);
  overview->kpis_off_target = g_ptr_array_new_with_free_func (kpi_summary_free);
  overview->top_risks = g_ptr_array_new_with_free_func (g_object_unref);

  ib_reader_begin (reader);
  load_judgements (reader, overview);
  load_plan (reader, overview, today, stale_before);
  load_kpis (reader, overview);
  load_risks (reader, overview, today);
  count_samples (reader, overview);
  ib_reader_end (reader);

  return g_steal_pointer (&overview);
}

void
ib_overview_free (IbOverview *overview)
{
  if (overview == NULL)
    return;

  g_clear_object (&overview->judged_inspection);
  g_clear_object (&overview->latest_engagement);
  g_clear_object (&overview->plan);
  g_clear_pointer (&overview->judgements, g_ptr_array_unref);
  g_clear_pointer (&overview->kpis_off_target, g_ptr_array_unref);
  g_clear_pointer (&overview->top_risks, g_ptr_array_unref);
  g_free (overview);
}

/* Which topic @change counts in, and which way (+1, −1; 0 when it does not count). */
static int
since_direction (JsonObject   *change,
                 IbSinceTopic *topic)
{
  const char *code = ib_pack_member_string (change, "change");
  int direction = (int) json_object_get_int_member_with_default (change, "direction", 0);

  if (g_strcmp0 (code, "action_colour") == 0 || g_strcmp0 (code, "action_completed") == 0)
    *topic = IB_SINCE_ACTIONS;
  else if (g_strcmp0 (code, "kpi_target") == 0 || g_strcmp0 (code, "kpi_direction") == 0)
    *topic = IB_SINCE_KPIS;
  else if (g_strcmp0 (code, "risk_score") == 0 || g_strcmp0 (code, "risk_closed") == 0)
    *topic = IB_SINCE_RISKS;
  else
    return 0;

  return CLAMP (direction, -1, 1);
}

IbSinceBoard *
ib_overview_since_last_board (IbStore  *store,
                              GError  **error)
{
  g_autoptr (IbSinceBoard) since = g_new0 (IbSinceBoard, 1);
  g_autoptr (JsonArray) all = NULL;
  g_autoptr (GHashTable) crossed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (IbRecord) last = NULL;
  gboolean exempt_allowed;
  guint n;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  for (guint t = 0; t < IB_SINCE_N_TOPICS; t++)
    {
      since->better[t] = g_ptr_array_new ();
      since->worse[t] = g_ptr_array_new ();
    }

  /* With no pack to compare with nothing counts, and the costly part, today's whole pack, is
   * not worth building: on a large board it was most of the Overview's time to first show. */
  last = ib_pack_last_issued (store, "improvement_board");
  if (last == NULL)
    {
      since->changes = json_array_new ();
      return g_steal_pointer (&since);
    }

  all = ib_pack_changes_since (store, "improvement_board", &since->previous, error);
  if (all == NULL)
    return NULL;
  if (since->previous != NULL && ib_record_get_string (since->previous, "meeting") != NULL)
    since->meeting = ib_store_get (store, &ib_type_meeting, ib_record_get_string (since->previous, "meeting"), NULL);

  /* A device whose user has no Exempt clearance can hold an exempt change only through an
   * older database; it must not show it either way. */
  exempt_allowed = ib_pack_part2_allowed (store);
  since->changes = json_array_new ();
  n = json_array_get_length (all);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *change = json_array_get_object_element (all, i);

      if (!exempt_allowed && g_strcmp0 (ib_pack_member_string (change, "class"), "exempt") == 0)
        continue;
      json_array_add_object_element (since->changes, json_object_ref (change));

      /* A KPI that crossed its target is counted by that, not again by its turn. */
      if (g_strcmp0 (ib_pack_member_string (change, "change"), "kpi_target") == 0 &&
          ib_pack_member_string (change, "code") != NULL)
        g_hash_table_add (crossed, (gpointer) ib_pack_member_string (change, "code"));
    }

  n = json_array_get_length (since->changes);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *change = json_array_get_object_element (since->changes, i);
      IbSinceTopic topic = IB_SINCE_ACTIONS;
      int direction = since_direction (change, &topic);

      if (direction == 0)
        continue;
      if (g_strcmp0 (ib_pack_member_string (change, "change"), "kpi_direction") == 0 &&
          ib_pack_member_string (change, "code") != NULL &&
          g_hash_table_contains (crossed, ib_pack_member_string (change, "code")))
        continue;
      g_ptr_array_add (direction > 0 ? since->better[topic] : since->worse[topic], change);
    }

  return g_steal_pointer (&since);
}

void
ib_since_board_free (IbSinceBoard *since)
{
  if (since == NULL)
    return;

  for (guint t = 0; t < IB_SINCE_N_TOPICS; t++)
    {
      g_clear_pointer (&since->better[t], g_ptr_array_unref);
      g_clear_pointer (&since->worse[t], g_ptr_array_unref);
    }
  g_clear_pointer (&since->changes, json_array_unref);
  g_clear_object (&since->previous);
  g_clear_object (&since->meeting);
  g_free (since);
}
