/* test-evidence.c: "delivered but not improving", on crafted data and on the demo plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "ib-evidence.h"

typedef struct
{
  IbStore  *store;
  IbRecord *plan;
  IbRecord *improving;   /* CLA_N-like, lower is better, falling */
  IbRecord *worsening;   /* timeliness, higher is better, falling */
} Fixture;

static IbRecord *
create (Fixture            *f,
        const IbRecordType *type,
        const char         *first_field,
        ...)
{
  g_autoptr (GError) error = NULL;
  IbRecord *record = ib_record_new (type);
  va_list args;

  va_start (args, first_field);
  for (const char *name = first_field; name != NULL; name = va_arg (args, const char *))
    ib_record_set_string (record, name, va_arg (args, const char *));
  va_end (args);
  g_assert_true (ib_store_create (f->store, record, &error));
  g_assert_no_error (error);
  return record;
}

static IbRecord *
indicator (Fixture    *f,
           const char *code,
           const char *polarity,
           double      target,
           const char *periods[],
           const double values[])
{
  IbRecord *ind = ib_record_new (&ib_type_indicator);
  g_autoptr (GError) error = NULL;

  ib_record_set_string (ind, "code", code);
  ib_record_set_string (ind, "title", code);
  ib_record_set_string (ind, "unit", "percent");
  ib_record_set_string (ind, "polarity", polarity);
  ib_record_set_double (ind, "target", target);
  g_assert_true (ib_store_create (f->store, ind, &error));
  g_assert_no_error (error);

  for (guint i = 0; periods[i] != NULL; i++)
    {
      g_autoptr (IbRecord) m = ib_record_new (&ib_type_measurement);

      ib_record_set_string (m, "indicator", ib_record_get_id (ind));
      ib_record_set_string (m, "period", periods[i]);
      ib_record_set_double (m, "value", values[i]);
      g_assert_true (ib_store_create (f->store, m, &error));
      g_assert_no_error (error);
    }
  return ind;
}

static IbRecord *
action (Fixture    *f,
        const char *ref,
        const char *delivery,
        const char *status,
        IbRecord   *linked)
{
  g_autoptr (GError) error = NULL;
  IbRecord *a = ib_record_new (&ib_type_action);

  ib_record_set_string (a, "plan", ib_record_get_id (f->plan));
  ib_record_set_string (a, "ref", ref);
  ib_record_set_string (a, "title", ref);
  ib_record_set_string (a, "starts_on", "2021-06-01");
  ib_record_set_string (a, "delivery_rag", delivery);
  ib_record_set_string (a, "status", status);
  if (linked != NULL)
    {
      const char *ids[] = { ib_record_get_id (linked), NULL };

      ib_record_set_refs (a, "linked_indicators", (const char * const *) (ids));
    }
  g_assert_true (ib_store_create (f->store, a, &error));
  g_assert_no_error (error);
  return a;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  const char *periods[] = { "2021-03", "2021-06", "2021-12", "2022-03", NULL };
  const double falling[] = { 70, 68, 60, 55 };
  g_autoptr (GError) error = NULL;

  f->store = ib_store_open (":memory:", &error);
  g_assert_no_error (error);
  f->plan = create (f, &ib_type_plan, "title", "Plan", NULL);
  /* Re-referrals: lower is better, and falling; under a target of 60 by the end. */
  f->improving = indicator (f, "REREF", "lower_is_better", 60, periods, falling);
  /* Assessments in time: higher is better, and falling; under its target of 85 throughout. */
  f->worsening = indicator (f, "ASMT45", "higher_is_better", 85, periods, falling);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->plan);
  g_clear_object (&f->improving);
  g_clear_object (&f->worsening);
  g_clear_object (&f->store);
}

static IbEvidence *
evidence (Fixture  *f,
          IbRecord *a)
{
  g_autoptr (GError) error = NULL;
  IbEvidence *e = ib_evidence_for_action (f->store, ib_record_get_id (a), &error);

  g_assert_no_error (error);
  return e;
}

static void
test_green_and_worsening (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (IbRecord) a = action (f, "1", "green", "on_track", f->worsening);
  g_autoptr (IbEvidence) e = evidence (f, a);
  g_autofree char *why = ib_evidence_describe (e);
  IbEvidenceKpi *k;

  g_assert_true (e->delivered);
  g_assert_true (e->flagged);
  g_assert_cmpint (e->verdict, ==, IB_EVIDENCE_NOT_IMPROVING);
  g_assert_cmpuint (e->kpis->len, ==, 1);
  k = e->kpis->pdata[0];
  /* From the month it started (June 2021) to the newest figure. */
  g_assert_cmpstr (k->from_period, ==, "2021-06");
  g_assert_cmpfloat (k->from, ==, 68);
  g_assert_cmpstr (k->latest_period, ==, "2022-03");
  g_assert_cmpint (k->better, ==, -1);
  g_assert_cmpint (k->status, ==, IB_TARGET_OFF);
  g_assert_cmpstr (why, ==, "Delivered, but not improving: ASMT45 worse since it started.");
}

static void
test_green_and_improving (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (IbRecord) a = action (f, "2", "green", "on_track", f->improving);
  g_autoptr (IbEvidence) e = evidence (f, a);

  g_assert_false (e->flagged);
  g_assert_cmpint (e->verdict, ==, IB_EVIDENCE_IMPROVING);
  g_assert_cmpint (((IbEvidenceKpi *) e->kpis->pdata[0])->better, ==, 1);
  g_assert_cmpint (((IbEvidenceKpi *) e->kpis->pdata[0])->status, ==, IB_TARGET_ON);
}

static void
test_complete_and_off_target (Fixture       *f,
                              gconstpointer  data)
{
  const char *periods[] = { "2021-03", "2022-03", NULL };
  const double rising[] = { 40, 50 };
  g_autoptr (IbRecord) slow = indicator (f, "CP_REVIEW", "higher_is_better", 90, periods, rising);
  g_autoptr (IbRecord) a = action (f, "3", "amber", "complete", slow);
  g_autoptr (IbEvidence) e = evidence (f, a);
  g_autofree char *why = ib_evidence_describe (e);

  /* Better than it was, but still far off target: delivered is not improved enough. */
  g_assert_true (e->delivered);
  g_assert_cmpint (((IbEvidenceKpi *) e->kpis->pdata[0])->better, ==, 1);
  g_assert_true (e->flagged);
  g_assert_cmpstr (why, ==, "Delivered, but not improving: CP_REVIEW off target.");
}

static void
test_no_evidence_linked (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (IbRecord) a = action (f, "4", "green", "on_track", NULL);
  g_autoptr (IbEvidence) e = evidence (f, a);
  g_autofree char *why = ib_evidence_describe (e);

  g_assert_false (e->flagged);
  g_assert_cmpint (e->verdict, ==, IB_EVIDENCE_NONE_LINKED);
  g_assert_cmpstr (why, ==, "No evidence linked: link the indicators this action should move.");
}

/* The latest statement's impact RAG counts, and an Amber one flags a Green action. */
static void
test_impact_rag_from_latest_statement (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr (IbRecord) a = action (f, "5", "green", "on_track", f->improving);
  g_autoptr (IbRecord) older = create (f, &ib_type_position_statement, "action", ib_record_get_id (a),
                                       "as_at", "2022-01-10", "narrative", "Going well", "impact_rag", "green", NULL);
  g_autoptr (IbRecord) newer = create (f, &ib_type_position_statement, "action", ib_record_get_id (a),
                                       "as_at", "2022-04-10", "narrative", "Not landing", "impact_rag", "amber", NULL);
  g_autoptr (IbEvidence) e = evidence (f, a);
  g_autoptr (GPtrArray) flagged = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (e->impact_rag, ==, "amber");
  g_assert_true (e->flagged);

  flagged = ib_evidence_flagged_actions (f->store, ib_record_get_id (f->plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flagged->len, ==, 1);
  g_assert_cmpstr (flagged->pdata[0], ==, ib_record_get_id (a));
}

/* A finding whose actions are all complete but whose indicators never moved. */
static void
test_finding_stalled (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (IbRecord) done = action (f, "6", "green", "complete", f->worsening);
  g_autoptr (IbRecord) helped = action (f, "7", "green", "complete", f->improving);
  g_autoptr (IbRecord) unlinked = action (f, "8", "green", "complete", NULL);
  g_autoptr (IbRecord) inspection = create (f, &ib_type_inspection, "kind", "standard", "starts_on", "2021-12-06", NULL);
  g_autoptr (IbRecord) stalled = ib_record_new (&ib_type_finding);
  g_autoptr (IbRecord) moving = ib_record_new (&ib_type_finding);
  g_autoptr (IbRecord) no_evidence = ib_record_new (&ib_type_finding);
  g_autoptr (GError) error = NULL;
  const char *one[] = { ib_record_get_id (done), NULL };
  const char *both[] = { ib_record_get_id (done), ib_record_get_id (helped), NULL };
  const char *none_linked[] = { ib_record_get_id (unlinked), NULL };
  IbRecord *findings[] = { stalled, moving, no_evidence };
  const char * const *actions[] = { one, both, none_linked };

  for (int i = 0; i < 3; i++)
    {
      IbRecord *finding = findings[i];

      ib_record_set_string (finding, "inspection", ib_record_get_id (inspection));
      ib_record_set_string (finding, "kind", "area_for_priority_action");
      ib_record_set_string (finding, "text", "The quality of assessment");
      ib_record_set_int (finding, "paragraph", 44);
      ib_record_set_refs (finding, "linked_actions", actions[i]);
      g_assert_true (ib_store_create (f->store, finding, &error));
      g_assert_no_error (error);
    }

  g_assert_true (ib_evidence_finding_stalled (f->store, ib_record_get_id (stalled), NULL));
  g_assert_false (ib_evidence_finding_stalled (f->store, ib_record_get_id (moving), NULL));
  /* Complete, but no KPI linked: no evidence either way, so not flagged. */
  g_assert_false (ib_evidence_finding_stalled (f->store, ib_record_get_id (no_evidence), NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/core/evidence/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("green-and-worsening", test_green_and_worsening);
  ADD ("green-and-improving", test_green_and_improving);
  ADD ("complete-and-off-target", test_complete_and_off_target);
  ADD ("no-evidence-linked", test_no_evidence_linked);
  ADD ("impact-rag-from-latest-statement", test_impact_rag_from_latest_statement);
  ADD ("finding-stalled", test_finding_stalled);
#undef ADD

  return g_test_run ();
}
