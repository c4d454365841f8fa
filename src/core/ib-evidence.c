/* ib-evidence.c
 *
 * Ofsted asks whether actions "made the difference they were intended to"; a board asks it
 * of every Green action. The answer here is read from the data the plan already holds: the
 * indicators an action claims to move, from the month it started to their newest figure, and
 * the impact RAG of its latest statement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-evidence"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ib-evidence.h"
#include "ib-reader.h"
#include "ib-store-private.h"

static void
evidence_kpi_free (IbEvidenceKpi *k)
{
  g_clear_object (&k->indicator);
  g_free (k->from_period);
  g_free (k->latest_period);
  g_free (k);
}

void
ib_evidence_free (IbEvidence *evidence)
{
  if (evidence == NULL)
    return;

  g_clear_object (&evidence->action);
  g_free (evidence->since);
  g_clear_pointer (&evidence->kpis, g_ptr_array_unref);
  g_free (evidence->grades_from_period);
  g_free (evidence->grades_latest_period);
  g_free (evidence->impact_rag);
  g_free (evidence);
}

static char *
query_text (IbReader   *reader,
            const char *sql,
            const char *arg)
{
  sqlite3_stmt *stmt = ib_reader_prepare (reader, sql);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return text;
}

/* The month an action is judged from: its start, else its first statement, else its plan's
 * start. NULL when none is known (then the first figure is the baseline). */
static char *
judged_since (IbReader *reader,
              IbRecord *action)
{
  char *since;

  if (ib_record_get_string (action, "starts_on") != NULL)
    return g_strdup (ib_record_get_string (action, "starts_on"));

  since = query_text (reader, "SELECT min (as_at) FROM position_statement WHERE action = ?1 AND deleted = 0",
                      ib_record_get_id (action));
  if (since != NULL)
    return since;

  return query_text (reader, "SELECT starts_on FROM plan WHERE id = ?1", ib_record_get_string (action, "plan"));
}

/* Reads @indicator_id's baseline (the newest figure in or before @since's month, else the
 * first after it) and newest figure. */
static gboolean
read_series (IbReader    *reader,
             const char  *indicator_id,
             const char  *since,
             char       **from_period,
             double      *from,
             char       **latest_period,
             double      *latest)
{
  sqlite3_stmt *stmt = ib_reader_prepare (reader,
    "SELECT period, value FROM measurement WHERE indicator = ?1 AND deleted = 0 AND value IS NOT NULL"
    " ORDER BY period");
  g_autofree char *since_month = since != NULL ? g_strndup (since, 7) : NULL;
  gboolean any = FALSE;

  *from_period = *latest_period = NULL;
  *from = *latest = NAN;
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, indicator_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *period = (const char *) sqlite3_column_text (stmt, 0);
      double value = sqlite3_column_double (stmt, 1);

      if (*from_period == NULL || (since_month != NULL && strcmp (period, since_month) <= 0))
        {
          g_free (*from_period);
          *from_period = g_strdup (period);
          *from = value;
        }
      g_free (*latest_period);
      *latest_period = g_strdup (period);
      *latest = value;
      any = TRUE;
    }
  sqlite3_reset (stmt);

  return any;
}

/* The share each practice-review grade had at @period, NAN where none is recorded. */
static void
read_grades (IbReader   *reader,
             const char *period,
             double     *shares)
{
  for (int g = 0; g < IB_KPI_N_GRADES; g++)
    {
      sqlite3_stmt *stmt = ib_reader_prepare (reader,
        "SELECT m.value FROM measurement m JOIN indicator i ON i.id = m.indicator"
        " WHERE i.code = ?1 AND i.deleted = 0 AND m.deleted = 0 AND m.period = ?2");

      shares[g] = NAN;
      if (stmt == NULL || period == NULL)
        continue;
      sqlite3_bind_text (stmt, 1, ib_kpi_grade_code ((IbKpiGrade) g), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, period, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        shares[g] = sqlite3_column_double (stmt, 0);
      sqlite3_reset (stmt);
    }
}

/* Reads the evidence for @action (taken) through @reader. */
static IbEvidence *
read_evidence (IbReader *reader,
               IbRecord *action)
{
  g_autoptr (IbEvidence) evidence = g_new0 (IbEvidence, 1);
  g_auto (GStrv) links = NULL;
  const char *action_id = ib_record_get_id (action);
  guint improving = 0, not_improving = 0;

  evidence->action = action;
  evidence->kpis = g_ptr_array_new_with_free_func ((GDestroyNotify) evidence_kpi_free);
  evidence->since = judged_since (reader, evidence->action);
  for (int g = 0; g < IB_KPI_N_GRADES; g++)
    evidence->grades_from[g] = evidence->grades_latest[g] = NAN;

  /* The newest statement's view of impact speaks for the action; the action's own field is the
   * fallback for a plan kept without statements. */
  evidence->impact_rag = query_text (reader,
    "SELECT impact_rag FROM position_statement WHERE action = ?1 AND deleted = 0 AND impact_rag IS NOT NULL"
    " ORDER BY as_at DESC, updated_at DESC LIMIT 1", action_id);
  if (evidence->impact_rag == NULL)
    evidence->impact_rag = g_strdup (ib_record_get_string (evidence->action, "impact_rag"));

  evidence->delivered = g_strcmp0 (ib_record_get_string (evidence->action, "delivery_rag"), "green") == 0 ||
                        g_strcmp0 (ib_record_get_string (evidence->action, "status"), "complete") == 0;

  links = ib_record_get_refs (evidence->action, "linked_indicators");
  for (guint i = 0; links[i] != NULL; i++)
    {
      const char *id = links[i];
      g_autoptr (IbRecord) indicator = ib_reader_get (reader, &ib_type_indicator, id);
      IbEvidenceKpi *k;

      if (indicator == NULL)
        continue;

      k = g_new0 (IbEvidenceKpi, 1);
      k->indicator = g_steal_pointer (&indicator);
      if (read_series (reader, id, evidence->since, &k->from_period, &k->from, &k->latest_period, &k->latest))
        {
          const char *polarity = ib_record_get_string (k->indicator, "polarity");
          double target = ib_record_has (k->indicator, "target") ? ib_record_get_double (k->indicator, "target") : NAN;
          double tolerance = ib_record_has (k->indicator, "tolerance") ? ib_record_get_double (k->indicator, "tolerance") : NAN;

          k->better = g_strcmp0 (k->from_period, k->latest_period) == 0
            ? 0 : ib_kpi_trend_is_better (polarity, ib_kpi_trend (k->from, k->latest));
          k->status = isnan (target) ? IB_TARGET_NONE : ib_kpi_target_status (polarity, k->latest, target, tolerance);
        }

      if (ib_kpi_grade_for_code (ib_record_get_string (k->indicator, "code")) >= 0 && k->latest_period != NULL)
        {
          evidence->has_grades = TRUE;
          g_free (evidence->grades_from_period);
          evidence->grades_from_period = g_strdup (k->from_period);
          g_free (evidence->grades_latest_period);
          evidence->grades_latest_period = g_strdup (k->latest_period);
        }

      if (k->latest_period != NULL && (k->better < 0 || k->status == IB_TARGET_OFF))
        not_improving++;
      else if (k->better > 0)
        improving++;
      g_ptr_array_add (evidence->kpis, k);
    }

  if (evidence->has_grades)
    {
      read_grades (reader, evidence->grades_from_period, evidence->grades_from);
      read_grades (reader, evidence->grades_latest_period, evidence->grades_latest);
    }

  if (evidence->kpis->len == 0)
    evidence->verdict = IB_EVIDENCE_NONE_LINKED;
  else if (not_improving > 0 && improving > 0)
    evidence->verdict = IB_EVIDENCE_MIXED;
  else if (not_improving > 0)
    evidence->verdict = IB_EVIDENCE_NOT_IMPROVING;
  else if (improving > 0)
    evidence->verdict = IB_EVIDENCE_IMPROVING;
  else
    evidence->verdict = IB_EVIDENCE_MIXED;

  /* Green outside, red inside: delivered, but what it was meant to move has not moved. */
  evidence->flagged = evidence->delivered &&
                      (not_improving > 0 ||
                       g_strcmp0 (evidence->impact_rag, "red") == 0 ||
                       g_strcmp0 (evidence->impact_rag, "amber") == 0);

  return g_steal_pointer (&evidence);
}

IbEvidence *
ib_evidence_for_action (IbStore     *store,
                        const char  *action_id,
                        GError     **error)
{
  g_autoptr (IbReader) reader = NULL;
  IbRecord *action;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (action_id != NULL, NULL);

  action = ib_store_get (store, &ib_type_action, action_id, error);
  if (action == NULL)
    return NULL;
  reader = ib_reader_new_for_store (store);
  return read_evidence (reader, action);
}

char *
ib_evidence_describe (IbEvidence *evidence)
{
  g_autoptr (GString) worse = g_string_new (NULL);
  g_autoptr (GString) off = g_string_new (NULL);
  gboolean impact_weak;

  g_return_val_if_fail (evidence != NULL, NULL);

  for (guint i = 0; i < evidence->kpis->len; i++)
    {
      IbEvidenceKpi *k = evidence->kpis->pdata[i];
      const char *code = ib_record_get_string (k->indicator, "code");

      if (k->better < 0)
        g_string_append_printf (worse, "%s%s", worse->len > 0 ? ", " : "", code);
      if (k->status == IB_TARGET_OFF)
        g_string_append_printf (off, "%s%s", off->len > 0 ? ", " : "", code);
    }
  impact_weak = g_strcmp0 (evidence->impact_rag, "red") == 0 || g_strcmp0 (evidence->impact_rag, "amber") == 0;

  if (evidence->flagged)
    {
      if (worse->len > 0)
        /* Translators: %s lists indicator codes ("CLA_N, ASMT45") */
        return g_strdup_printf (_("Delivered, but not improving: %s worse since it started."), worse->str);
      if (off->len > 0)
        /* Translators: %s lists indicator codes */
        return g_strdup_printf (_("Delivered, but not improving: %s off target."), off->str);
      return g_strdup (_("Delivered, but its latest statement rates the impact Red or Amber."));
    }

  if (evidence->verdict == IB_EVIDENCE_NONE_LINKED)
    return g_strdup (impact_weak ? _("No evidence linked, and the impact is rated Red or Amber.")
                                 : _("No evidence linked: link the indicators this action should move."));
  if (evidence->verdict == IB_EVIDENCE_IMPROVING)
    return g_strdup (_("Its linked indicators are better than when it started."));
  if (worse->len > 0)
    return g_strdup_printf (_("%s worse since it started."), worse->str);
  if (off->len > 0)
    return g_strdup_printf (_("%s off target."), off->str);
  return g_strdup (_("Its linked indicators have not moved since it started."));
}

GPtrArray *
ib_evidence_flagged_actions_read (IbReader   *reader,
                                  const char *plan_id)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (reader != NULL, NULL);

  /* Only delivered actions can be flagged: read the rest no further. */
  stmt = ib_reader_prepare (reader,
    "SELECT id FROM action WHERE deleted = 0 AND (?1 IS NULL OR plan = ?1)"
    " AND (delivery_rag = 'green' OR status = 'complete') ORDER BY plan, CAST (ref AS REAL), ref");
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (candidates, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  for (guint i = 0; i < candidates->len; i++)
    {
      IbRecord *action = ib_reader_get (reader, &ib_type_action, candidates->pdata[i]);
      g_autoptr (IbEvidence) evidence = action != NULL ? read_evidence (reader, action) : NULL;

      if (evidence != NULL && evidence->flagged)
        g_ptr_array_add (ids, g_strdup (candidates->pdata[i]));
    }

  return g_steal_pointer (&ids);
}

GPtrArray *
ib_evidence_flagged_actions (IbStore     *store,
                             const char  *plan_id,
                             GError     **error)
{
  g_autoptr (IbReader) reader = NULL;
  GPtrArray *ids;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  reader = ib_reader_new_for_store (store);
  ids = ib_evidence_flagged_actions_read (reader, plan_id);
  if (ids == NULL)
    ib_sqlite_set_error (_ib_store_get_db (store), error, sqlite3_errcode (_ib_store_get_db (store)), _("the query"));
  return ids;
}

gboolean
ib_evidence_finding_stalled (IbStore     *store,
                             const char  *finding_id,
                             GError     **error)
{
  g_autoptr (IbRecord) finding = NULL;
  g_auto (GStrv) links = NULL;
  guint n = 0, n_kpis = 0, improved = 0;

  g_return_val_if_fail (IB_IS_STORE (store), FALSE);

  finding = ib_store_get (store, &ib_type_finding, finding_id, error);
  if (finding == NULL)
    return FALSE;

  links = ib_record_get_refs (finding, "linked_actions");
  for (guint i = 0; links[i] != NULL; i++)
    {
      g_autoptr (IbEvidence) evidence = ib_evidence_for_action (store, links[i], NULL);

      if (evidence == NULL)
        continue;
      if (g_strcmp0 (ib_record_get_string (evidence->action, "status"), "complete") != 0)
        return FALSE;
      n++;
      n_kpis += evidence->kpis->len;
      for (guint k = 0; k < evidence->kpis->len; k++)
        if (((IbEvidenceKpi *) evidence->kpis->pdata[k])->better > 0)
          improved++;
    }

  /* With no KPI linked there is nothing that could have moved: "no evidence", as for an action. */
  return n > 0 && n_kpis > 0 && improved == 0;
}
