/* test-kpi-model.c: the KPI view's model and maths on the demo indicators: trend by polarity,
 * target status, the comparison sentence, grouping, search, the audit grade distribution and
 * following the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "ib-demo.h"
#include "ib-kpi-model.h"
#include "ib-record-json.h"
#include "ib-schema.h"

typedef struct
{
  IbStore    *store;
  IbKpiModel *model;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->store = ib_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (f->store, &error), >, 0);
  f->model = ib_kpi_model_new (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->model);
  g_clear_object (&f->store);
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The list as one line: "[Heading:2] CODE CODE [Heading:1] CODE". */
static char *
rows (IbKpiModel *model)
{
  GListModel *items = ib_kpi_model_get_items (model);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbKpiItem) item = g_list_model_get_item (items, i);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (ib_kpi_item_get_kind (item) == IB_KPI_ITEM_HEADING)
        g_string_append_printf (out, "[%s:%u]", ib_kpi_item_get_category (item) ? ib_kpi_item_get_category (item) : "-",
                                ib_kpi_item_get_n_indicators (item));
      else
        g_string_append (out, ib_record_get_string (ib_kpi_item_get_indicator (item), "code"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static IbKpiItem *
find (IbKpiModel *model,
      const char *code)
{
  GListModel *items = ib_kpi_model_get_items (model);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbKpiItem) item = g_list_model_get_item (items, i);

      if (ib_kpi_item_get_kind (item) == IB_KPI_ITEM_INDICATOR &&
          g_strcmp0 (ib_record_get_string (ib_kpi_item_get_indicator (item), "code"), code) == 0)
        return ib_kpi_model_lookup (model, ib_record_get_id (ib_kpi_item_get_indicator (item)));
    }
  g_assert_not_reached ();
}

static void
test_maths (void)
{
  const double none[IB_KPI_N_COMPARATORS] = { NAN, NAN, NAN };
  const double mixed[IB_KPI_N_COMPARATORS] = { 22, 21, 20 };
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;

  /* Polarity decides what an arrow means. */
  g_assert_cmpint (ib_kpi_trend (10, 12), ==, IB_TREND_UP);
  g_assert_cmpint (ib_kpi_trend (12, 12 + 1e-12), ==, IB_TREND_FLAT);
  g_assert_cmpint (ib_kpi_trend (NAN, 12), ==, IB_TREND_NONE);
  g_assert_cmpint (ib_kpi_trend_is_better ("higher_is_better", IB_TREND_UP), ==, 1);
  g_assert_cmpint (ib_kpi_trend_is_better ("lower_is_better", IB_TREND_UP), ==, -1);
  g_assert_cmpint (ib_kpi_trend_is_better ("lower_is_better", IB_TREND_DOWN), ==, 1);
  g_assert_cmpint (ib_kpi_trend_is_better ("neutral", IB_TREND_UP), ==, 0);
  g_assert_cmpint (ib_kpi_trend_is_better ("higher_is_better", IB_TREND_FLAT), ==, 0);

  /* Target status on both sides, tolerance inclusive, none without a target. */
  g_assert_cmpint (ib_kpi_target_status ("higher_is_better", 85, 85, 3), ==, IB_TARGET_ON);
  g_assert_cmpint (ib_kpi_target_status ("higher_is_better", 82, 85, 3), ==, IB_TARGET_WITHIN_TOLERANCE);
  g_assert_cmpint (ib_kpi_target_status ("higher_is_better", 81.9, 85, 3), ==, IB_TARGET_OFF);
  g_assert_cmpint (ib_kpi_target_status ("lower_is_better", 24, 22, 2), ==, IB_TARGET_WITHIN_TOLERANCE);
  g_assert_cmpint (ib_kpi_target_status ("lower_is_better", 25, 22, NAN), ==, IB_TARGET_OFF);
  g_assert_cmpint (ib_kpi_target_status ("lower_is_better", -3, 0, 0), ==, IB_TARGET_ON);
  g_assert_cmpint (ib_kpi_target_status ("neutral", 25, 22, 2), ==, IB_TARGET_NONE);
  g_assert_cmpint (ib_kpi_target_status ("higher_is_better", 25, NAN, 2), ==, IB_TARGET_NONE);

  /* The sentence. */
  a = ib_kpi_describe_comparison ("higher_is_better", 90, (double[]) { 86, 84, NAN }, 92, "last month");
  g_assert_cmpstr (a, ==, "Better than England and statistical neighbours; worse than last month");
  b = ib_kpi_describe_comparison ("lower_is_better", 21, mixed, 22, "last quarter");
  g_assert_cmpstr (b, ==, "Better than England; worse than the region; level with statistical neighbours; better than last quarter");
  c = ib_kpi_describe_comparison ("neutral", 458, none, 450, "last month");
  g_assert_cmpstr (c, ==, "Higher than last month");
  d = ib_kpi_describe_comparison ("higher_is_better", 0, (double[]) { -1, 0, 1 }, NAN, NULL);
  g_assert_cmpstr (d, ==, "Better than England; worse than the region; level with statistical neighbours");
  g_assert_null (ib_kpi_describe_comparison ("higher_is_better", 5, none, NAN, NULL));
  g_assert_null (ib_kpi_describe_comparison ("higher_is_better", NAN, mixed, 3, "last month"));
  e = ib_kpi_describe_comparison ("lower_is_better", 5, (double[]) { 3, 4, 2 }, NAN, NULL);
  g_assert_cmpstr (e, ==, "Worse than England, statistical neighbours and the region");

  g_assert_cmpstr (ib_kpi_previous_name ("monthly", "2021-02", "2021-03"), ==, "last month");
  g_assert_cmpstr (ib_kpi_previous_name ("monthly", "2020-12", "2021-01"), ==, "last month");
  g_assert_cmpstr (ib_kpi_previous_name ("quarterly", "2021-01", "2021-04"), ==, "last quarter");
  g_assert_cmpstr (ib_kpi_previous_name ("monthly", "2021-01", "2021-04"), ==, "the previous figure");
  g_assert_cmpstr (ib_kpi_previous_name ("annual", "2020-03", "2021-03"), ==, "the same month last year");

  /* A value from its parts, in the indicator's unit. */
  g_assert_cmpfloat (ib_kpi_value_from_parts ("percent", 174, 200), ==, 87);
  g_assert_cmpfloat (ib_kpi_value_from_parts ("rate_per_10k", 446, 63700), ==, 446.0 / 63700 * 10000);
  g_assert_cmpfloat (ib_kpi_value_from_parts ("ratio", 3, 4), ==, 0.75);
  g_assert_true (isnan (ib_kpi_value_from_parts ("percent", 5, 0)));
  g_assert_true (isnan (ib_kpi_value_from_parts ("percent", NAN, 10)));

  g_assert_cmpint (ib_kpi_grade_for_code ("QA_RI"), ==, IB_KPI_GRADE_REQUIRES_IMPROVEMENT);
  g_assert_cmpint (ib_kpi_grade_for_code ("CLA_N"), ==, -1);
  g_assert_cmpstr (ib_kpi_grade_code (IB_KPI_GRADE_OUTSTANDING), ==, "QA_OUT");
}

static void
test_value_rules (Fixture       *f,
                  gconstpointer  data)
{
  IbKpiItem *cla = find (f->model, "CLA_N");
  g_autoptr (IbRecord) m = ib_record_new (&ib_type_measurement);
  g_autoptr (IbRecord) indicator = ib_record_copy (ib_kpi_item_get_indicator (cla));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) outbox = ib_store_get_outbox (f->store);
  const char *field = NULL;

  ib_record_set_string (m, "indicator", ib_record_get_id (ib_kpi_item_get_indicator (cla)));
  ib_record_set_string (m, "period", "2022-05");

  /* A numerator needs its denominator, and a denominator must be above zero. */
  ib_record_set_double (m, "numerator", 3);
  g_assert_false (ib_record_check_rules (m, &field, &error));
  g_assert_cmpstr (field, ==, "denominator");
  g_assert_cmpstr (error->message, ==, "Give both the numerator and the denominator, or neither.");
  g_clear_error (&error);
  ib_record_set_double (m, "denominator", 0);
  g_assert_false (ib_store_create (f->store, m, &error));
  g_assert_cmpstr (error->message, ==, "The denominator must be more than zero.");
  g_clear_error (&error);

  /* The tolerance cannot be negative. */
  ib_record_set_double (indicator, "tolerance", -1);
  g_assert_false (ib_store_update (f->store, indicator, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A second value for a month is refused by name. */
  {
    g_autoptr (IbRecord) again = ib_record_new (&ib_type_measurement);

    ib_record_set_string (again, "indicator", ib_record_get_id (ib_kpi_item_get_indicator (cla)));
    ib_record_set_string (again, "period", "2021-03");
    ib_record_set_double (again, "value", 440);
    g_assert_false (ib_store_create (f->store, again, &error));
    g_assert_cmpstr (error->message, ==, "CLA_N already has a value for 2021-03. Change that month’s value instead.");
  }

  /* Nothing was written or queued. */
  {
    g_autoptr (GPtrArray) after = ib_store_get_outbox (f->store);

    g_assert_cmpuint (after->len, ==, outbox->len);
  }
}

static void
test_demo_items (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *list = rows (f->model);
  IbKpiItem *cla, *asmt, *reref, *caseload;

  g_assert_cmpstr (list, ==,
                   "[Assessment:1] ASMT45 [Child protection:2] CPP_2ND ICPC15 [Children in care:1] CLA_N "
                   "[Front door:1] REREF12 [Practice reviews:3] QA_GOOD QA_INAD QA_RI "
                   "[Workforce:2] SW_AGENCY SW_CASE");
  g_assert_cmpuint (ib_kpi_model_get_n_indicators (f->model), ==, 10);

  /* Children in care: the seed's 446 in March 2021 and 490 a year before (a 9% fall). */
  cla = find (f->model, "CLA_N");
  g_assert_cmpuint (ib_kpi_item_get_n_periods (cla), ==, 13);
  g_assert_cmpstr (ib_kpi_item_get_period (cla, 0), ==, "2020-03");
  for (guint i = 0; i < ib_kpi_item_get_n_periods (cla); i++)
    if (g_str_equal (ib_kpi_item_get_period (cla, i), "2021-03"))
      {
        const double *v = ib_kpi_item_get_series (cla, IB_KPI_SERIES_VALUE);

        g_assert_cmpfloat (v[i], ==, 446);
        g_assert_cmpint ((int) round ((1 - v[i] / v[0]) * 100), ==, 9);
      }
  g_assert_cmpfloat (ib_kpi_item_get_latest_value (cla), ==, 458);
  g_assert_cmpint (ib_kpi_item_get_trend (cla), ==, IB_TREND_UP);
  g_assert_cmpint (ib_kpi_item_get_trend_better (cla), ==, 0);
  g_assert_cmpint (ib_kpi_item_get_target_status (cla), ==, IB_TARGET_NONE);
  g_assert_null (ib_kpi_item_get_series (cla, IB_KPI_SERIES_ENGLAND));
  g_assert_cmpstr (ib_kpi_item_get_comparison (cla), ==, "Higher than the previous figure");

  /* Assessments: up is better, on target, better than every comparator. */
  asmt = find (f->model, "ASMT45");
  g_assert_cmpfloat (ib_kpi_item_get_latest_value (asmt), ==, 90);
  g_assert_cmpint (ib_kpi_item_get_trend (asmt), ==, IB_TREND_UP);
  g_assert_cmpint (ib_kpi_item_get_trend_better (asmt), ==, 1);
  g_assert_cmpint (ib_kpi_item_get_target_status (asmt), ==, IB_TARGET_ON);
  g_assert_cmpfloat (ib_kpi_item_get_comparator (asmt, IB_KPI_ENGLAND), ==, 86);
  g_assert_nonnull (ib_kpi_item_get_series (asmt, IB_KPI_SERIES_REGION));
  g_assert_cmpstr (ib_kpi_item_get_comparison (asmt), ==,
                   "Better than England, statistical neighbours and the region; better than the previous figure");

  /* Re-referrals: down is better. */
  reref = find (f->model, "REREF12");
  g_assert_cmpint (ib_kpi_item_get_trend (reref), ==, IB_TREND_DOWN);
  g_assert_cmpint (ib_kpi_item_get_trend_better (reref), ==, 1);
  g_assert_cmpstr (ib_kpi_item_get_comparison (reref), ==,
                   "Better than England; worse than the region; level with statistical neighbours; better than the previous figure");

  /* Caseload: flat, within tolerance, worse than all three. */
  caseload = find (f->model, "SW_CASE");
  g_assert_cmpint (ib_kpi_item_get_trend (caseload), ==, IB_TREND_FLAT);
  g_assert_cmpint (ib_kpi_item_get_target_status (caseload), ==, IB_TARGET_WITHIN_TOLERANCE);
  g_assert_cmpstr (ib_kpi_item_get_comparison (caseload), ==,
                   "Worse than England, statistical neighbours and the region; level with the previous figure");

  /* Quarterly practice reviews compare with last quarter. */
  g_assert_cmpstr (ib_kpi_item_get_comparison (find (f->model, "QA_INAD")), ==, "Better than last quarter");
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  ib_kpi_model_set_search (f->model, "  CHILD PROTECTION ");
  g_assert_true (ib_kpi_model_is_filtered (f->model));
  a = rows (f->model);
  g_assert_cmpstr (a, ==, "[Child protection:2] CPP_2ND ICPC15");

  /* Definitions are searched too: "(FTE)" is only in the agency rate's. */
  ib_kpi_model_set_search (f->model, "(fte)");
  b = rows (f->model);
  g_assert_cmpstr (b, ==, "[Workforce:1] SW_AGENCY");

  ib_kpi_model_set_search (f->model, "no such indicator");
  c = rows (f->model);
  g_assert_cmpstr (c, ==, "");

  ib_kpi_model_set_search (f->model, "");
  g_assert_false (ib_kpi_model_is_filtered (f->model));

  {
    g_autofree char *id = g_strdup (ib_record_get_id (ib_kpi_item_get_indicator (find (f->model, "CLA_N"))));
    g_autofree char *back = NULL;

    /* Hidden while its delete waits on Undo: its heading goes with it; unhidden, both return. */
    ib_kpi_model_hide (f->model, id);
    d = rows (f->model);
    g_assert_null (strstr (d, "CLA_N"));
    g_assert_null (strstr (d, "Children in care"));
    g_assert_nonnull (ib_kpi_model_lookup (f->model, id));
    ib_kpi_model_unhide (f->model, id);
    back = rows (f->model);
    g_assert_nonnull (strstr (back, "[Children in care:1] CLA_N"));
  }
}

static void
test_grades (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (IbKpiGrades) grades = ib_kpi_model_dup_grades (f->model);

  g_assert_nonnull (grades);
  g_assert_cmpuint (grades->n_periods, ==, 6);
  g_assert_cmpstr (grades->periods[0], ==, "2020-10");
  g_assert_cmpstr (grades->periods[5], ==, "2022-01");
  g_assert_cmpfloat (grades->shares[IB_KPI_GRADE_INADEQUATE][0], ==, 48);
  g_assert_cmpfloat (grades->shares[IB_KPI_GRADE_REQUIRES_IMPROVEMENT][0], ==, 40);
  g_assert_cmpfloat (grades->shares[IB_KPI_GRADE_GOOD][5], ==, 37);
  g_assert_null (grades->shares[IB_KPI_GRADE_OUTSTANDING]);
  for (guint k = 0; k < grades->n_periods; k++)
    g_assert_cmpfloat (grades->shares[0][k] + grades->shares[1][k] + grades->shares[2][k], ==, 100);
}

static void
test_follows_store (Fixture       *f,
                    gconstpointer  data)
{
  IbKpiItem *asmt = find (f->model, "ASMT45");
  g_autofree char *id = g_strdup (ib_record_get_id (ib_kpi_item_get_indicator (asmt)));
  g_autoptr (IbRecord) m = ib_record_new (&ib_type_measurement);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbKpiGrades) grades = NULL;

  /* A worse month below tolerance: the arrow, status and sentence follow after the idle reload. */
  ib_record_set_string (m, "indicator", id);
  ib_record_set_string (m, "period", "2022-04");
  ib_record_set_double (m, "value", 80);
  g_assert_true (ib_store_create (f->store, m, &error));
  g_assert_no_error (error);
  settle ();

  asmt = ib_kpi_model_lookup (f->model, id);
  g_assert_cmpfloat (ib_kpi_item_get_latest_value (asmt), ==, 80);
  g_assert_cmpint (ib_kpi_item_get_trend (asmt), ==, IB_TREND_DOWN);
  g_assert_cmpint (ib_kpi_item_get_trend_better (asmt), ==, -1);
  g_assert_cmpint (ib_kpi_item_get_target_status (asmt), ==, IB_TARGET_OFF);
  /* March's comparators still stand for April. */
  g_assert_cmpstr (ib_kpi_item_get_comparison (asmt), ==,
                   "Worse than England, statistical neighbours and the region; worse than last month");

  /* An outstanding share appears as its own layer. */
  {
    g_autoptr (IbRecord) out = ib_record_new (&ib_type_indicator);
    g_autoptr (IbRecord) q = ib_record_new (&ib_type_measurement);

    ib_record_set_string (out, "code", "QA_OUT");
    ib_record_set_string (out, "title", "Practice reviews graded outstanding");
    ib_record_set_string (out, "unit", "percent");
    ib_record_set_string (out, "polarity", "higher_is_better");
    g_assert_true (ib_store_create (f->store, out, &error));
    ib_record_set_string (q, "indicator", ib_record_get_id (out));
    ib_record_set_string (q, "period", "2022-04");
    ib_record_set_double (q, "value", 2);
    g_assert_true (ib_store_create (f->store, q, &error));
    g_assert_no_error (error);
  }
  ib_kpi_model_reload (f->model);
  grades = ib_kpi_model_dup_grades (f->model);
  g_assert_cmpuint (grades->n_periods, ==, 7);
  g_assert_nonnull (grades->shares[IB_KPI_GRADE_OUTSTANDING]);
  g_assert_true (isnan (grades->shares[IB_KPI_GRADE_OUTSTANDING][0]));
  g_assert_cmpfloat (grades->shares[IB_KPI_GRADE_OUTSTANDING][6], ==, 2);
  g_assert_true (isnan (grades->shares[IB_KPI_GRADE_GOOD][6]));

  /* Deleting an indicator drops it from the list. */
  g_assert_true (ib_store_delete (f->store, &ib_type_indicator, id, &error));
  settle ();
  g_assert_null (ib_kpi_model_lookup (f->model, id));
  g_assert_cmpuint (ib_kpi_model_get_n_indicators (f->model), ==, 10);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kpi-model/maths", test_maths);
  g_test_add ("/kpi-model/demo-items", Fixture, NULL, fixture_set_up, test_demo_items, fixture_tear_down);
  g_test_add ("/kpi-model/value-rules", Fixture, NULL, fixture_set_up, test_value_rules, fixture_tear_down);
  g_test_add ("/kpi-model/search-and-hide", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/kpi-model/audit-grades", Fixture, NULL, fixture_set_up, test_grades, fixture_tear_down);
  g_test_add ("/kpi-model/follows-store", Fixture, NULL, fixture_set_up, test_follows_store, fixture_tear_down);

  return g_test_run ();
}
