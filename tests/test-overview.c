/* test-overview.c: the Overview's figures, domain rules (KPI status, trend, risk bands)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <glib/gstdio.h>

#include "ib-demo.h"
#include "ib-overview.h"
#include "ib-pack.h"
#include "ib-pack-fixture.h"
#include "ib-risk.h"
#include "ib-store-sync.h"

static void
test_demo_overview (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (":memory:", &error);
  g_autoptr (IbOverview) o = NULL;
  IbKpiSummary *kpi;
  const char *top[] = { "R02", "R05", "R01", "R03", "R06" };

  g_assert_cmpint (ib_demo_load (store, &error), >, 0);
  o = ib_overview_compute (store, "2023-01-15", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (ib_record_get_string (o->judged_inspection, "starts_on"), ==, "2021-12-06");
  g_assert_cmpuint (o->judgements->len, ==, 4);
  g_assert_cmpstr (ib_record_get_string (o->judgements->pdata[0], "area"), ==, "impact_of_leaders");
  g_assert_cmpstr (ib_record_get_string (o->judgements->pdata[3], "area"), ==, "overall_effectiveness");
  g_assert_cmpstr (ib_record_get_string (o->judgements->pdata[3], "grade"), ==, "inadequate");
  g_assert_cmpstr (ib_record_get_string (o->latest_engagement, "starts_on"), ==, "2022-10-04");

  g_assert_cmpstr (ib_record_get_string (o->plan, "version_label"), ==, "Draft v3");
  g_assert_cmpuint (o->n_actions, ==, 9);
  g_assert_cmpuint (o->n_red, ==, 1);
  g_assert_cmpuint (o->n_amber, ==, 4);
  g_assert_cmpuint (o->n_green, ==, 2);
  g_assert_cmpuint (o->n_complete, ==, 2);
  g_assert_cmpuint (o->n_overdue, ==, 2);
  g_assert_cmpuint (o->n_stale, ==, 7);

  g_assert_cmpuint (o->kpis_off_target->len, ==, 1);
  kpi = o->kpis_off_target->pdata[0];
  g_assert_cmpstr (ib_record_get_string (kpi->indicator, "code"), ==, "SW_AGENCY");
  g_assert_cmpfloat (kpi->latest, ==, 31);
  g_assert_cmpfloat (kpi->previous, ==, 32);
  g_assert_cmpstr (kpi->period, ==, "2022-03");
  g_assert_cmpint (kpi->trend, ==, IB_TREND_DOWN);
  g_assert_cmpint (ib_kpi_trend_is_better ("lower_is_better", kpi->trend), ==, 1);

  g_assert_cmpuint (o->n_risks_open, ==, 9);
  g_assert_cmpuint (o->top_risks->len, ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (top); i++)
    g_assert_cmpstr (ib_record_get_string (o->top_risks->pdata[i], "ref"), ==, top[i]);
  g_assert_cmpuint (o->n_reviews_overdue, ==, 9);
  g_assert_cmpuint (o->n_sample, >, 200);
}

static void
test_empty_overview (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (":memory:", &error);
  g_autoptr (IbOverview) o = ib_overview_compute (store, NULL, &error);

  g_assert_no_error (error);
  g_assert_null (o->judged_inspection);
  g_assert_null (o->plan);
  g_assert_cmpuint (o->n_actions, ==, 0);
  g_assert_cmpuint (o->kpis_off_target->len, ==, 0);
  g_assert_cmpuint (o->top_risks->len, ==, 0);
  g_assert_null (ib_overview_compute (store, "31/12/2022", &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
}

static void
add_kpi (IbStore    *store,
         const char *code,
         const char *polarity,
         double      target,
         double      value)
{
  g_autoptr (IbRecord) indicator = ib_record_new (&ib_type_indicator);
  g_autoptr (IbRecord) measurement = ib_record_new (&ib_type_measurement);

  ib_record_set_string (indicator, "code", code);
  ib_record_set_string (indicator, "title", code);
  ib_record_set_string (indicator, "unit", "percent");
  ib_record_set_string (indicator, "polarity", polarity);
  ib_record_set_double (indicator, "target", target);
  ib_record_set_double (indicator, "tolerance", 3);
  g_assert_true (ib_store_create (store, indicator, NULL));
  ib_record_set_string (measurement, "indicator", ib_record_get_id (indicator));
  ib_record_set_string (measurement, "period", "2022-03");
  ib_record_set_double (measurement, "value", value);
  g_assert_true (ib_store_create (store, measurement, NULL));
}

static void
test_kpis_furthest_first (void)
{
  g_autoptr (IbStore) store = ib_store_open (":memory:", NULL);
  g_autoptr (IbOverview) o = NULL;
  const char *expected[] = { "B_AGENCY", "C_CASELOAD", "A_ASSESS" };

  add_kpi (store, "A_ASSESS", "higher_is_better", 85, 80);    /* 6% of target off */
  add_kpi (store, "B_AGENCY", "lower_is_better", 20, 31);     /* 55% */
  add_kpi (store, "C_CASELOAD", "lower_is_better", 50, 60);   /* 20% */
  add_kpi (store, "D_ON_TARGET", "higher_is_better", 85, 90);

  o = ib_overview_compute (store, "2022-04-01", NULL);
  g_assert_cmpuint (o->kpis_off_target->len, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      IbKpiSummary *kpi = o->kpis_off_target->pdata[i];

      g_assert_cmpstr (ib_record_get_string (kpi->indicator, "code"), ==, expected[i]);
    }
}

static void
test_target_status (void)
{
  g_assert_cmpint (ib_kpi_target_status ("higher_is_better", 86, 85, 3), ==, IB_TARGET_ON);
  g_assert_cmpint (ib_kpi_target_status ("higher_is_better", 83, 85, 3), ==, IB_TARGET_WITHIN_TOLERANCE);
  g_assert_cmpint (ib_kpi_target_status ("higher_is_better", 81.9, 85, 3), ==, IB_TARGET_OFF);
  g_assert_cmpint (ib_kpi_target_status ("lower_is_better", 22, 22, 2), ==, IB_TARGET_ON);
  g_assert_cmpint (ib_kpi_target_status ("lower_is_better", 24, 22, 2), ==, IB_TARGET_WITHIN_TOLERANCE);
  g_assert_cmpint (ib_kpi_target_status ("lower_is_better", 24.5, 22, NAN), ==, IB_TARGET_OFF);
  g_assert_cmpint (ib_kpi_target_status ("neutral", 446, 400, 0), ==, IB_TARGET_NONE);
  g_assert_cmpint (ib_kpi_target_status ("higher_is_better", 50, NAN, 0), ==, IB_TARGET_NONE);
}

static void
test_trend_polarity (void)
{
  g_assert_cmpint (ib_kpi_trend (446, 458), ==, IB_TREND_UP);
  g_assert_cmpint (ib_kpi_trend (0, 0), ==, IB_TREND_FLAT);
  g_assert_cmpint (ib_kpi_trend (NAN, 3), ==, IB_TREND_NONE);
  /* An up arrow is good only when higher is better. */
  g_assert_cmpint (ib_kpi_trend_is_better ("higher_is_better", IB_TREND_UP), ==, 1);
  g_assert_cmpint (ib_kpi_trend_is_better ("lower_is_better", IB_TREND_UP), ==, -1);
  g_assert_cmpint (ib_kpi_trend_is_better ("neutral", IB_TREND_UP), ==, 0);
  g_assert_cmpint (ib_kpi_trend_is_better ("lower_is_better", IB_TREND_FLAT), ==, 0);
}

static void
test_risk_bands (void)
{
  g_assert_cmpint (ib_risk_score (3, 5), ==, 15);
  g_assert_cmpint (ib_risk_score (0, 5), ==, 0);
  g_assert_cmpint (ib_risk_score (6, 1), ==, 0);
  g_assert_cmpint (ib_risk_band (4), ==, IB_RISK_BAND_LOW);
  g_assert_cmpint (ib_risk_band (5), ==, IB_RISK_BAND_MEDIUM);
  g_assert_cmpint (ib_risk_band (12), ==, IB_RISK_BAND_MEDIUM);
  g_assert_cmpint (ib_risk_band (15), ==, IB_RISK_BAND_HIGH);
  g_assert_cmpint (ib_risk_band (0), ==, IB_RISK_BAND_NONE);
}

static void
test_enums (void)
{
  g_assert_cmpint (ib_enum_index (&ib_enum_grade, "outstanding"), ==, 0);
  g_assert_cmpint (ib_enum_index (&ib_enum_grade, "inadequate"), ==, 3);
  g_assert_cmpstr (ib_enum_label (&ib_enum_grade, "requires_improvement"), ==, "Requires improvement to be good");
  g_assert_cmpstr (ib_enum_label (&ib_enum_grade, "bogus"), ==, "bogus");
  g_assert_false (ib_enum_has_code (&ib_enum_rag, "Red"));
  g_assert_true (ib_framework_has_area ("ilacs_2018", "children_in_care_and_care_leavers"));
  g_assert_false (ib_framework_has_area ("ilacs_2023", "children_in_care_and_care_leavers"));
  g_assert_true (ib_framework_has_area ("ilacs_2023", "care_leavers"));
  g_assert_false (ib_framework_has_area ("ilacs_2026", "overall_effectiveness"));
  g_assert_null (ib_framework_areas ("ofsted_2099"));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The refs or codes of @changes, sorted and joined: what a topic counted. */
static char *
since_names (GPtrArray *changes)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < changes->len; i++)
    {
      JsonObject *change = changes->pdata[i];
      const char *name = json_object_get_string_member_with_default (change, "ref", NULL);

      g_ptr_array_add (names, (gpointer) (name != NULL ? name : json_object_get_string_member_with_default (change, "code", "?")));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
assert_since (IbSinceBoard *since,
              IbSinceTopic  topic,
              const char   *better,
              const char   *worse)
{
  g_autofree char *got_better = since_names (since->better[topic]);
  g_autofree char *got_worse = since_names (since->worse[topic]);

  g_assert_cmpstr (got_better, ==, better);
  g_assert_cmpstr (got_worse, ==, worse);
}

/* "Are we getting better?": today's data against the last issued board pack, counted by
 * topic, with Exempt changes only where the device may show them. */
static void
test_since_last_board (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbSinceBoard) none = NULL;
  g_autoptr (IbSinceBoard) since = NULL;
  g_autoptr (IbSinceBoard) uncleared = NULL;
  g_autoptr (IbRecord) risk = NULL;

  none = ib_overview_since_last_board (f->store, &error);
  g_assert_no_error (error);
  g_assert_null (none->previous);
  g_assert_null (none->meeting);
  g_assert_cmpuint (json_array_get_length (none->changes), ==, 0);
  for (guint t = 0; t < IB_SINCE_N_TOPICS; t++)
    {
      g_assert_cmpuint (none->better[t]->len, ==, 0);
      g_assert_cmpuint (none->worse[t]->len, ==, 0);
    }

  g_assert_true (ib_pack_issue (f->store, f->ids.report1, "2022-01-10", &error));
  g_assert_no_error (error);
  /* Today's data reads the risk itself, which a review moves on (the fixture records only the
   * reviews): R1 as its March review left it. */
  risk = ib_store_get (f->store, &ib_type_risk, f->ids.risk1, &error);
  ib_record_set_int (risk, "residual_l", 3);
  ib_record_set_int (risk, "residual_i", 5);
  g_assert_true (ib_store_update (f->store, risk, &error));
  since = ib_overview_since_last_board (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ib_record_get_id (since->previous), ==, f->ids.report1);
  g_assert_cmpstr (ib_record_get_id (since->meeting), ==, f->ids.meeting1);
  /* Action 2 went Red to Green and 5 was completed; 1 went Amber to Red, 3 (Exempt) Green
   * to Amber. */
  assert_since (since, IB_SINCE_ACTIONS, "2 5", "1 3");
  /* ASMT45 crossed its target upwards; REREF12 fell out of tolerance (and turned, counted once). */
  assert_since (since, IB_SINCE_KPIS, "ASMT45", "REREF12");
  /* R2 was closed; R1's residual score rose. */
  assert_since (since, IB_SINCE_RISKS, "R2", "R1");
  for (guint i = 0; i < since->worse[IB_SINCE_ACTIONS]->len; i++)
    g_assert_nonnull (json_object_get_string_member_with_default (since->worse[IB_SINCE_ACTIONS]->pdata[i], "key", NULL));

  /* Signed in once without clearance: the exempt action's change is not shown at all. */
  g_assert_true (ib_store_sync_set_value (f->store, "server", "http://127.0.0.1:1", &error));
  uncleared = ib_overview_since_last_board (f->store, &error);
  g_assert_no_error (error);
  assert_since (uncleared, IB_SINCE_ACTIONS, "2 5", "1");
  for (guint i = 0; i < json_array_get_length (uncleared->changes); i++)
    g_assert_cmpstr (json_object_get_string_member_with_default (json_array_get_object_element (uncleared->changes, i),
                                                                 "class", "public"), !=, "exempt");
}

/* One line per figure of @o, records by id, so two overviews compare as text. */
static char *
overview_text (IbOverview *o)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s %s %s\n", o->judged_inspection != NULL ? ib_record_get_id (o->judged_inspection) : "-",
                          o->latest_engagement != NULL ? ib_record_get_id (o->latest_engagement) : "-",
                          o->plan != NULL ? ib_record_get_id (o->plan) : "-");
  for (guint i = 0; i < o->judgements->len; i++)
    g_string_append_printf (out, "judgement %s\n", ib_record_get_id (o->judgements->pdata[i]));
  g_string_append_printf (out, "%u actions %u R %u A %u G %u none %u complete %u overdue %u stale %u not improving\n",
                          o->n_actions, o->n_red, o->n_amber, o->n_green, o->n_unrated, o->n_complete,
                          o->n_overdue, o->n_stale, o->n_not_improving);
  for (guint i = 0; i < o->kpis_off_target->len; i++)
    {
      IbKpiSummary *kpi = o->kpis_off_target->pdata[i];

      g_string_append_printf (out, "kpi %s %s %g %g %d %d\n", ib_record_get_id (kpi->indicator), kpi->period,
                              kpi->latest, kpi->previous, kpi->status, kpi->trend);
    }
  for (guint i = 0; i < o->top_risks->len; i++)
    g_string_append_printf (out, "risk %s\n", ib_record_get_id (o->top_risks->pdata[i]));
  g_string_append_printf (out, "%u open %u overdue %u sample\n", o->n_risks_open, o->n_reviews_overdue, o->n_sample);
  return g_string_free (out, FALSE);
}

/* The figures the Overview page reads on a worker thread, through a read-only connection of
 * their own, are those read through the store. */
static void
test_read_apart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ib-test-overview-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "board.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (path, &error);
  g_autoptr (IbReader) reader = NULL;
  g_autoptr (IbOverview) here = NULL, apart = NULL;
  g_autofree char *here_text = NULL, *apart_text = NULL;
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (store, &error), >, 0);
  g_assert_true (ib_reader_can_open (path));
  g_assert_false (ib_reader_can_open (":memory:"));
  reader = ib_reader_open (path, &error);
  g_assert_no_error (error);

  here = ib_overview_compute (store, "2023-01-15", &error);
  g_assert_no_error (error);
  apart = ib_overview_compute_read (reader, "2023-01-15", &error);
  g_assert_no_error (error);
  here_text = overview_text (here);
  apart_text = overview_text (apart);
  g_assert_cmpstr (apart_text, ==, here_text);
  g_assert_cmpuint (apart->n_actions, ==, 9);
  g_assert_cmpuint (apart->n_not_improving, >, 0);

  g_clear_pointer (&reader, ib_reader_free);
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/overview/demo", test_demo_overview);
  g_test_add_func ("/core/overview/empty", test_empty_overview);
  g_test_add_func ("/core/overview/read-apart", test_read_apart);
  g_test_add_func ("/core/overview/kpis-furthest-first", test_kpis_furthest_first);
  g_test_add ("/core/overview/since-last-board", Fixture, NULL, fixture_set_up, test_since_last_board, fixture_tear_down);
  g_test_add_func ("/core/kpi/target-status", test_target_status);
  g_test_add_func ("/core/kpi/trend-polarity", test_trend_polarity);
  g_test_add_func ("/core/risk/bands", test_risk_bands);
  g_test_add_func ("/core/enums/codes-and-areas", test_enums);

  return g_test_run ();
}
