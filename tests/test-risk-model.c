/* test-risk-model.c: the Risks view's model on the demo register: scoring, bands, trend,
 * validation, heat-map cells, filters and recording a review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ib-demo.h"
#include "ib-record-json.h"
#include "ib-risk-model.h"
#include "ib-risk-model-private.h"

typedef struct
{
  IbStore     *store;
  IbRiskModel *model;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->store = ib_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (f->store, &error), >, 0);
  f->model = ib_risk_model_new (f->store);
  ib_risk_model_set_today (f->model, "2022-11-22");
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

static char *
refs (IbRiskModel *model)
{
  GListModel *items = ib_risk_model_get_items (model);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbRecord) risk = g_list_model_get_item (items, i);

      g_string_append_printf (out, "%s%s", i > 0 ? " " : "", ib_record_get_string (risk, "ref"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static IbRecord *
risk_by_ref (IbRiskModel *model,
             const char  *ref)
{
  GListModel *items = ib_risk_model_get_items (model);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbRecord) risk = g_list_model_get_item (items, i);

      if (g_strcmp0 (ib_record_get_string (risk, "ref"), ref) == 0)
        return risk;
    }
  g_assert_not_reached ();
}

#define ASSERT_REFS(model, expected) \
  G_STMT_START { g_autofree char *got_ = refs (model); g_assert_cmpstr (got_, ==, expected); } G_STMT_END

static void
test_scoring (void)
{
  g_assert_cmpint (ib_risk_score (4, 5), ==, 20);
  g_assert_cmpint (ib_risk_score (0, 5), ==, 0);
  g_assert_cmpint (ib_risk_score (6, 1), ==, 0);
  g_assert_cmpint (ib_risk_band (4), ==, IB_RISK_BAND_LOW);
  g_assert_cmpint (ib_risk_band (5), ==, IB_RISK_BAND_MEDIUM);
  g_assert_cmpint (ib_risk_band (12), ==, IB_RISK_BAND_MEDIUM);
  g_assert_cmpint (ib_risk_band (15), ==, IB_RISK_BAND_HIGH);
  g_assert_cmpint (ib_risk_band (0), ==, IB_RISK_BAND_NONE);
  g_assert_cmpint (ib_risk_trend (9, 12), ==, IB_RISK_TREND_UP);
  g_assert_cmpint (ib_risk_trend (12, 12), ==, IB_RISK_TREND_SAME);
  g_assert_cmpint (ib_risk_trend (12, 6), ==, IB_RISK_TREND_DOWN);
  g_assert_cmpint (ib_risk_trend (0, 6), ==, IB_RISK_TREND_NONE);
  g_assert_cmpstr (ib_risk_trend_label (IB_RISK_TREND_UP), ==, "↑ Worse");
}

static void
test_register (Fixture       *f,
               gconstpointer  data)
{
  /* Open risks by ref; R04 (COVID-19 restrictions) is closed and left out by default. */
  ASSERT_REFS (f->model, "R01 R02 R03 R05 R06 R07 R08 R09 R10");
  ib_risk_model_set_show_closed (f->model, TRUE);
  ASSERT_REFS (f->model, "R01 R02 R03 R04 R05 R06 R07 R08 R09 R10");
  ib_risk_model_set_show_closed (f->model, FALSE);

  /* Highest residual first: R02 4×4, then R05 3×4 and R01 2×5 … */
  ib_risk_model_set_sort (f->model, IB_RISK_SORT_RESIDUAL);
  ASSERT_REFS (f->model, "R02 R05 R01 R03 R06 R07 R08 R09 R10");
  ib_risk_model_set_sort (f->model, IB_RISK_SORT_REF);

  /* The seeds' risks are all there. */
  g_assert_nonnull (strstr (ib_record_get_string (risk_by_ref (f->model, "R02"), "title"), "permanent social workers"));
  g_assert_nonnull (strstr (ib_record_get_string (risk_by_ref (f->model, "R06"), "title"), "case management system"));
  g_assert_nonnull (strstr (ib_record_get_string (risk_by_ref (f->model, "R03"), "title"), "domestic abuse"));

  /* Every risk was reviewed at several boards; the register trend comes from the last two. */
  for (guint i = 0; i < g_list_model_get_n_items (ib_risk_model_get_items (f->model)); i++)
    {
      g_autoptr (IbRecord) risk = g_list_model_get_item (ib_risk_model_get_items (f->model), i);
      g_autoptr (GPtrArray) reviews = ib_risk_model_list_reviews (f->model, ib_record_get_id (risk));

      g_assert_cmpuint (reviews->len, >=, 3);
      for (guint r = 1; r < reviews->len; r++)
        g_assert_cmpstr (ib_record_get_string (reviews->pdata[r - 1], "reviewed_on"), <=,
                         ib_record_get_string (reviews->pdata[r], "reviewed_on"));
      g_assert_cmpint (ib_risk_model_get_trend (f->model, risk), !=, IB_RISK_TREND_NONE);
    }
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_auto (GStrv) owners = ib_risk_model_list_owners (f->model);

  ib_risk_model_set_band (f->model, IB_RISK_BAND_HIGH);
  ASSERT_REFS (f->model, "R02");
  ib_risk_model_set_band (f->model, IB_RISK_BAND_NONE);

  ib_risk_model_set_owner (f->model, "Corporate Director, Children’s Services");
  ASSERT_REFS (f->model, "R01 R08");
  ib_risk_model_set_owner (f->model, NULL);
  g_assert_true (g_strv_contains ((const char * const *) owners, "Head of MASH"));

  /* "My risks": the owner names the person, in any case, trimmed; "Head of Partnerships" is
   * not a part of "Head of MASH", nor the other way. */
  ib_risk_model_set_person (f->model, " corporate director ");
  g_assert_cmpstr (ib_risk_model_get_person (f->model), ==, "corporate director");
  ASSERT_REFS (f->model, "R01 R08");
  ib_risk_model_set_person (f->model, "HEAD OF MASH");
  ASSERT_REFS (f->model, "R03");
  g_assert_true (ib_risk_model_is_filtered (f->model));
  ib_risk_model_set_person (f->model, "");
  g_assert_null (ib_risk_model_get_person (f->model));
  g_assert_false (ib_risk_model_is_filtered (f->model));

  ib_risk_model_set_category (f->model, "people");
  ASSERT_REFS (f->model, "R02 R08");
  ib_risk_model_set_category (f->model, NULL);

  ib_risk_model_set_search (f->model, "LOCAL GOVERNMENT");
  ASSERT_REFS (f->model, "R06");
  g_assert_true (ib_risk_model_is_filtered (f->model));
  ib_risk_model_clear_filters (f->model);
  g_assert_false (ib_risk_model_is_filtered (f->model));

  /* Reviews were due on 2 December 2022: none overdue on 22 November, all a month later. */
  ib_risk_model_set_overdue_only (f->model, TRUE);
  ASSERT_REFS (f->model, "");
  ib_risk_model_set_today (f->model, "2023-01-02");
  ASSERT_REFS (f->model, "R01 R02 R03 R05 R06 R07 R08 R09 R10");
  /* A closed risk is never overdue. */
  ib_risk_model_set_show_closed (f->model, TRUE);
  ASSERT_REFS (f->model, "R01 R02 R03 R05 R06 R07 R08 R09 R10");
}

static void
test_heat_maps (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *cell_refs = NULL;
  guint total_inherent = 0, total_residual = 0;
  IbRiskMatrixKind kind;
  int l, i;

  /* Residual 3×3: the demand spikes, one case-management system and funding. */
  g_assert_cmpuint (ib_risk_model_count_cell (f->model, IB_RISK_MATRIX_RESIDUAL, 3, 3, &cell_refs), ==, 3);
  g_assert_cmpstr (cell_refs, ==, "R03, R06, R07");
  g_assert_cmpuint (ib_risk_model_count_cell (f->model, IB_RISK_MATRIX_RESIDUAL, 4, 4, NULL), ==, 1);
  g_assert_cmpuint (ib_risk_model_count_cell (f->model, IB_RISK_MATRIX_RESIDUAL, 2, 3, NULL), ==, 2);
  g_assert_cmpuint (ib_risk_model_count_cell (f->model, IB_RISK_MATRIX_INHERENT, 4, 3, NULL), ==, 3);
  g_assert_cmpuint (ib_risk_model_count_cell (f->model, IB_RISK_MATRIX_INHERENT, 5, 4, NULL), ==, 1);

  /* Every open risk is in exactly one cell of each map. */
  for (int cl = 1; cl <= 5; cl++)
    for (int ci = 1; ci <= 5; ci++)
      {
        total_inherent += ib_risk_model_count_cell (f->model, IB_RISK_MATRIX_INHERENT, cl, ci, NULL);
        total_residual += ib_risk_model_count_cell (f->model, IB_RISK_MATRIX_RESIDUAL, cl, ci, NULL);
      }
  g_assert_cmpuint (total_inherent, ==, 9);
  g_assert_cmpuint (total_residual, ==, 9);

  /* A cell filters the register; the maps keep counting everything else's filters. */
  ib_risk_model_set_cell (f->model, IB_RISK_MATRIX_RESIDUAL, 3, 3);
  ASSERT_REFS (f->model, "R03 R06 R07");
  g_assert_true (ib_risk_model_get_cell (f->model, &kind, &l, &i));
  g_assert_cmpint (kind, ==, IB_RISK_MATRIX_RESIDUAL);
  g_assert_cmpint (l, ==, 3);
  g_assert_cmpint (i, ==, 3);
  g_assert_cmpuint (ib_risk_model_count_cell (f->model, IB_RISK_MATRIX_RESIDUAL, 4, 4, NULL), ==, 1);
  ib_risk_model_set_owner (f->model, "Head of MASH");
  ASSERT_REFS (f->model, "R03");
  g_assert_cmpuint (ib_risk_model_count_cell (f->model, IB_RISK_MATRIX_RESIDUAL, 3, 3, NULL), ==, 1);
  ib_risk_model_set_cell (f->model, IB_RISK_MATRIX_RESIDUAL, 0, 0);
  g_assert_false (ib_risk_model_get_cell (f->model, NULL, NULL, NULL));
  ASSERT_REFS (f->model, "R03");

  /* Hidden while its delete waits on Undo. */
  ib_risk_model_set_owner (f->model, NULL);
  ib_risk_model_hide (f->model, ib_record_get_id (risk_by_ref (f->model, "R06")));
  g_assert_cmpuint (ib_risk_model_count_cell (f->model, IB_RISK_MATRIX_RESIDUAL, 3, 3, NULL), ==, 2);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (IbRecord) risk = ib_record_copy (risk_by_ref (f->model, "R02"));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) outbox = NULL;
  const char *field = NULL;

  /* A target above the residual, named at the target. */
  ib_record_set_int (risk, "target_l", 5);
  ib_record_set_int (risk, "target_i", 4);
  g_assert_false (ib_record_check_rules (risk, &field, &error));
  g_assert_cmpstr (field, ==, "target_l");
  g_assert_nonnull (strstr (error->message, "The target score (20) is above the residual score (16)"));
  g_clear_error (&error);
  g_assert_false (ib_store_update (f->store, risk, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Likelihood and impact are 1–5. */
  ib_record_set_int (risk, "target_l", 3);
  ib_record_set_int (risk, "target_i", 3);
  ib_record_set_int (risk, "residual_l", 6);
  g_assert_false (ib_store_update (f->store, risk, &error));
  g_assert_nonnull (strstr (error->message, "residual_l"));
  g_clear_error (&error);
  {
    g_autofree char *why = ib_field_problem (ib_record_type_field (&ib_type_risk, "residual_l"),
                                             json_object_get_member (ib_record_get_fields (risk), "residual_l"));

    g_assert_cmpstr (why, ==, "must be between 1 and 5");
  }
  ib_record_set_int (risk, "residual_l", 0);
  g_assert_false (ib_store_update (f->store, risk, &error));
  g_clear_error (&error);
  ib_record_set_int (risk, "residual_l", 4);

  /* An owner is required. */
  ib_record_set_null (risk, "owner");
  g_assert_false (ib_store_update (f->store, risk, &error));
  g_assert_nonnull (strstr (error->message, "owner"));
  g_clear_error (&error);

  /* Nothing above was written or queued. */
  outbox = ib_store_get_outbox (f->store);
  g_assert_cmpuint (outbox->len, ==, 0);
  g_assert_cmpstr (ib_record_get_string (risk_by_ref (f->model, "R02"), "owner"), ==, "Head of Workforce Development");
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  IbRecord *risk = risk_by_ref (f->model, "R02");
  g_autofree char *risk_id = g_strdup (ib_record_get_id (risk));
  g_autoptr (IbRecord) review = ib_record_new (&ib_type_risk_review);
  g_autoptr (IbRecord) older = ib_record_new (&ib_type_risk_review);
  g_autoptr (IbRecord) bad = ib_record_new (&ib_type_risk_review);
  g_autoptr (GPtrArray) reviews = NULL;
  g_autoptr (GPtrArray) outbox = NULL;
  g_autoptr (GError) error = NULL;
  guint before = ib_store_count (f->store, &ib_type_risk_review);

  /* A new review lowers the residual from 4×4 to 3×4: the trend is down. */
  ib_record_set_string (review, "risk", risk_id);
  ib_record_set_string (review, "reviewed_on", "2022-12-02");
  ib_record_set_int (review, "residual_l", 3);
  ib_record_set_int (review, "residual_i", 4);
  ib_record_set_string (review, "note", "Twelve permanent social workers started in November.");
  g_assert_true (ib_risk_model_add_review (f->model, review, "2023-03-02", &error));
  g_assert_no_error (error);
  settle ();

  risk = ib_risk_model_lookup (f->model, risk_id);
  g_assert_cmpint (ib_record_get_int (risk, "residual_l", 0), ==, 3);
  /* The review moved the risk's next review on. */
  g_assert_cmpstr (ib_record_get_string (risk, "next_review"), ==, "2023-03-02");
  g_assert_cmpint (ib_risk_model_get_trend (f->model, risk), ==, IB_RISK_TREND_DOWN);
  g_assert_cmpuint (ib_risk_model_count_cell (f->model, IB_RISK_MATRIX_RESIDUAL, 4, 4, NULL), ==, 0);
  g_assert_cmpuint (ib_risk_model_count_cell (f->model, IB_RISK_MATRIX_RESIDUAL, 3, 4, NULL), ==, 2);
  /* Both the review and the risk's new score are queued. */
  outbox = ib_store_get_outbox (f->store);
  g_assert_cmpuint (outbox->len, ==, 2);

  /* An older review fills in the history without moving the score. */
  ib_record_set_string (older, "risk", risk_id);
  ib_record_set_string (older, "reviewed_on", "2021-02-01");
  ib_record_set_int (older, "residual_l", 5);
  ib_record_set_int (older, "residual_i", 5);
  g_assert_true (ib_risk_model_add_review (f->model, older, "2021-05-01", &error));
  g_assert_no_error (error);
  settle ();
  risk = ib_risk_model_lookup (f->model, risk_id);
  g_assert_cmpint (ib_record_get_int (risk, "residual_l", 0), ==, 3);
  g_assert_cmpstr (ib_record_get_string (risk, "next_review"), ==, "2023-03-02");
  reviews = ib_risk_model_list_reviews (f->model, risk_id);
  g_assert_cmpstr (ib_record_get_string (reviews->pdata[0], "reviewed_on"), ==, "2021-02-01");
  g_assert_cmpstr (ib_record_get_string (reviews->pdata[reviews->len - 1], "reviewed_on"), ==, "2022-12-02");

  /* A review outside 1–5 writes nothing at all. */
  ib_record_set_string (bad, "risk", risk_id);
  ib_record_set_string (bad, "reviewed_on", "2023-01-13");
  ib_record_set_int (bad, "residual_l", 7);
  ib_record_set_int (bad, "residual_i", 4);
  g_assert_false (ib_risk_model_add_review (f->model, bad, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpuint (ib_store_count (f->store, &ib_type_risk_review), ==, before + 2);

  /* A review whose new score would leave the target above it is refused with the risk's rule. */
  ib_record_set_int (bad, "residual_l", 1);
  ib_record_set_int (bad, "residual_i", 1);
  g_assert_false (ib_risk_model_add_review (f->model, bad, NULL, &error));
  g_assert_nonnull (strstr (error->message, "target score"));
  g_clear_error (&error);
  g_assert_cmpuint (ib_store_count (f->store, &ib_type_risk_review), ==, before + 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/risk-model/scoring", test_scoring);
#define ADD(path, func) \
  g_test_add ("/core/risk-model/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("register", test_register);
  ADD ("filters", test_filters);
  ADD ("heat-maps", test_heat_maps);
  ADD ("validation", test_validation);
  ADD ("review", test_review);
#undef ADD

  return g_test_run ();
}
