/* test-judgements.c: the Judgements view's model on the demo plan: the timeline, framework
 * areas and their validation, grade history, findings and the actions that answer them,
 * and the intervention ladder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ib-demo.h"
#include "ib-enums.h"
#include "ib-judgements-model.h"

/* The demo's ids are UUIDv5 names (data/demo/make-demo-plan.py). */
#define ILACS_2021 "9f794c4d-0515-560c-860f-81d6f539ee0b"
#define FV_2020    "094bf96b-8617-5e5a-92ea-c574c1bc854a"
#define MV2_2022   "11c87f12-6e1f-579c-a472-fa0ab888359b"

typedef struct
{
  IbStore      *store;
  IbJudgementsModel *model;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->store = ib_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (f->store, &error), >, 0);
  f->model = ib_judgements_model_new (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->model);
  g_clear_object (&f->store);
}

/* Lets the model's reload at idle run. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
timeline_text (IbJudgementsModel *model)
{
  GListModel *timeline = ib_judgements_model_get_timeline (model);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (IbRecord) record = g_list_model_get_item (timeline, i);

      g_string_append_printf (out, "%s%s %s", i > 0 ? ", " : "",
                              ib_record_get_string (record, "starts_on"),
                              ib_record_get_string (record, "kind"));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
grid_text (IbJudgementsModel *model,
           const char        *inspection_id)
{
  g_autoptr (GPtrArray) grid = ib_judgements_model_get_grid (model, inspection_id);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < grid->len; i++)
    {
      IbGridRow *row = grid->pdata[i];

      g_string_append_printf (out, "%s%s=%s", i > 0 ? " " : "", row->area,
                              row->judgement != NULL ? ib_record_get_string (row->judgement, "grade") : "-");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
history_text (IbJudgementsModel *model,
              const char        *area)
{
  g_autoptr (GPtrArray) history = ib_judgements_model_get_history (model, area);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < history->len; i++)
    {
      IbGradePoint *point = history->pdata[i];
      g_autofree char *year = g_strndup (ib_record_get_string (point->inspection, "starts_on"), 4);

      g_string_append_printf (out, "%s%s %s %s", i > 0 ? ", " : "", year,
                              ib_record_get_string (point->judgement, "area"),
                              ib_record_get_string (point->judgement, "grade"));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static IbRecord *
new_inspection (IbStore    *store,
                const char *kind,
                const char *framework,
                const char *starts_on)
{
  g_autoptr (GError) error = NULL;
  IbRecord *inspection = ib_record_new (&ib_type_inspection);

  ib_record_set_string (inspection, "kind", kind);
  ib_record_set_string (inspection, "framework", framework);
  ib_record_set_string (inspection, "starts_on", starts_on);
  g_assert_true (ib_store_create (store, inspection, &error));
  g_assert_no_error (error);
  return inspection;
}

static IbRecord *
new_judgement (const char *inspection_id,
               const char *area,
               const char *grade)
{
  IbRecord *judgement = ib_record_new (&ib_type_judgement);

  ib_record_set_string (judgement, "inspection", inspection_id);
  ib_record_set_string (judgement, "area", area);
  ib_record_set_string (judgement, "grade", grade);
  return judgement;
}

static void
add_judgement (IbStore    *store,
               const char *inspection_id,
               const char *area,
               const char *grade)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) judgement = new_judgement (inspection_id, area, grade);

  g_assert_true (ib_store_create (store, judgement, &error));
  g_assert_no_error (error);
}

static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *text = timeline_text (f->model);
  IbRecord *step;

  /* Newest first, Ofsted's engagements and the DfE's direction together. */
  g_assert_cmpstr (text, ==,
                   "2022-10-04 monitoring_visit, 2022-06-07 monitoring_visit, 2022-03-01 statutory_direction, "
                   "2021-12-06 standard, 2020-10-01 focused_visit, 2019-11-01 focused_visit");

  g_assert_cmpstr (ib_record_get_string (ib_judgements_model_lookup (f->model, MV2_2022), "theme"), ==,
                   "Children in Need and Child Protection");
  g_assert_cmpint (ib_record_get_int (ib_judgements_model_lookup (f->model, MV2_2022), "visit_number", 0), ==, 2);
  g_assert_nonnull (ib_record_get_string (ib_judgements_model_lookup (f->model, FV_2020), "link"));
  g_assert_cmpstr (ib_record_get_string (ib_judgements_model_lookup (f->model, ILACS_2021), "published_on"), ==, "2022-02-11");

  /* The intervention in force on a date. */
  g_assert_null (ib_judgements_model_intervention_at (f->model, "2022-02-28"));
  step = ib_judgements_model_intervention_at (f->model, "2022-03-01");
  g_assert_nonnull (step);
  g_assert_cmpstr (ib_record_get_string (step, "kind"), ==, "statutory_direction");
  g_assert_cmpstr (ib_record_get_string (step, "adviser"), ==, "John Coughlan");
  g_assert_true (ib_judgements_model_intervention_at (f->model, NULL) == step);

  /* Overview's chips and this view agree on the latest graded engagement. */
  g_assert_cmpstr (ib_record_get_id (ib_judgements_model_latest_graded (f->model)), ==, ILACS_2021);
}

/* Issue 19 (6): the timeline can be searched like every other list: by kind as shown, date,
 * theme, people and the findings' text, in any case. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *visits = NULL, *dated = NULL, *theme = NULL, *finding = NULL, *adviser = NULL, *none = NULL, *all = NULL;

  ib_judgements_model_set_search (f->model, "MONITORING");
  visits = timeline_text (f->model);
  g_assert_cmpstr (visits, ==, "2022-10-04 monitoring_visit, 2022-06-07 monitoring_visit");
  g_assert_true (ib_view_model_is_filtered (IB_VIEW_MODEL (f->model)));

  ib_judgements_model_set_search (f->model, "2020-10");
  dated = timeline_text (f->model);
  g_assert_cmpstr (dated, ==, "2020-10-01 focused_visit");

  ib_judgements_model_set_search (f->model, "child protection");
  theme = timeline_text (f->model);
  g_assert_true (g_str_has_prefix (theme, "2022-10-04 monitoring_visit"));

  /* A finding's words find its inspection. */
  ib_judgements_model_set_search (f->model, "houses in multiple occupation");
  finding = timeline_text (f->model);
  g_assert_cmpstr (finding, ==, "2021-12-06 standard");

  ib_judgements_model_set_search (f->model, "coughlan");
  adviser = timeline_text (f->model);
  g_assert_cmpstr (adviser, ==, "2022-03-01 statutory_direction");

  ib_judgements_model_set_search (f->model, "no such words");
  none = timeline_text (f->model);
  g_assert_cmpstr (none, ==, "");

  ib_view_model_set_search (IB_VIEW_MODEL (f->model), "");
  all = timeline_text (f->model);
  g_assert_cmpstr (all, ==,
                   "2022-10-04 monitoring_visit, 2022-06-07 monitoring_visit, 2022-03-01 statutory_direction, "
                   "2021-12-06 standard, 2020-10-01 focused_visit, 2019-11-01 focused_visit");
  g_assert_false (ib_view_model_is_filtered (IB_VIEW_MODEL (f->model)));
}

static void
test_grid_dec_2021 (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *grid = grid_text (f->model, ILACS_2021);
  g_autofree char *visit = grid_text (f->model, MV2_2022);
  g_autofree char *focused = grid_text (f->model, FV_2020);

  g_assert_cmpstr (grid, ==,
                   "impact_of_leaders=inadequate help_and_protection=inadequate "
                   "children_in_care_and_care_leavers=requires_improvement overall_effectiveness=inadequate");
  /* Visits are not graded: no grid at all. */
  g_assert_cmpstr (visit, ==, "");
  g_assert_cmpstr (focused, ==, "");

  /* The exact Ofsted wording, over stable codes. */
  g_assert_cmpstr (ib_enum_label (&ib_enum_grade, "requires_improvement"), ==, "Requires improvement to be good");
  g_assert_cmpstr (ib_enum_label (&ib_enum_judgement_area, "impact_of_leaders"), ==,
                   "The impact of leaders on social work practice with children and families");
}

static void
test_grid_frameworks (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (IbRecord) ilacs_2023 = new_inspection (f->store, "standard", "ilacs_2023", "2024-12-02");
  g_autoptr (IbRecord) ilacs_2026 = new_inspection (f->store, "standard", "ilacs_2026", "2027-05-10");
  g_autoptr (IbRecord) sif = new_inspection (f->store, "standard", "sif", "2017-03-01");
  g_autofree char *grid_2023 = NULL, *grid_2026 = NULL, *grid_sif = NULL;

  add_judgement (f->store, ib_record_get_id (ilacs_2023), "care_leavers", "requires_improvement");
  ib_judgements_model_reload (f->model);

  grid_2023 = grid_text (f->model, ib_record_get_id (ilacs_2023));
  grid_2026 = grid_text (f->model, ib_record_get_id (ilacs_2026));
  grid_sif = grid_text (f->model, ib_record_get_id (sif));

  /* Care leavers apart from children in care; no overall effectiveness from April 2026. */
  g_assert_cmpstr (grid_2023, ==,
                   "impact_of_leaders=- help_and_protection=- children_in_care=- "
                   "care_leavers=requires_improvement overall_effectiveness=-");
  g_assert_cmpstr (grid_2026, ==,
                   "impact_of_leaders=- help_and_protection=- children_in_care=- care_leavers=-");
  g_assert_cmpstr (grid_sif, ==,
                   "sif_help_and_protection=- sif_looked_after=- sif_adoption=- sif_care_leavers=- "
                   "sif_leadership=- overall_effectiveness=-");
}

static void
test_area_validation (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (IbRecord) wrong_area = new_judgement (ILACS_2021, "care_leavers", "good");
  g_autoptr (IbRecord) second = new_judgement (ILACS_2021, "overall_effectiveness", "good");
  g_autoptr (IbRecord) on_visit = new_judgement (MV2_2022, "overall_effectiveness", "good");
  g_autoptr (IbRecord) unframed = NULL;
  g_autoptr (IbRecord) no_framework = NULL;
  g_autoptr (IbRecord) inspection = NULL;
  g_autoptr (GPtrArray) outbox_before = ib_store_get_outbox (f->store);
  g_autoptr (GPtrArray) outbox_after = NULL;
  g_autoptr (GError) error = NULL;
  guint judgements = ib_store_count (f->store, &ib_type_judgement);
  const char *field = NULL;

  /* An area the framework does not judge: named, with the framework. */
  g_assert_false (ib_store_check_record (f->store, wrong_area, &field, &error));
  g_assert_cmpstr (field, ==, "area");
  g_assert_nonnull (strstr (error->message, "The experiences and progress of care leavers"));
  g_assert_nonnull (strstr (error->message, "ILACS (2018)"));
  g_clear_error (&error);
  g_assert_false (ib_store_create (f->store, wrong_area, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* One grade per area. */
  field = NULL;
  g_assert_false (ib_store_check_record (f->store, second, &field, &error));
  g_assert_cmpstr (field, ==, "area");
  g_assert_nonnull (strstr (error->message, "already has a grade"));
  g_clear_error (&error);
  g_assert_false (ib_store_create (f->store, second, &error));
  g_clear_error (&error);

  /* Visits are not graded. */
  field = NULL;
  g_assert_false (ib_store_create (f->store, on_visit, &error));
  g_assert_nonnull (strstr (error->message, "not graded"));
  g_clear_error (&error);
  g_assert_false (ib_store_check_record (f->store, on_visit, &field, NULL));
  g_assert_cmpstr (field, ==, "inspection");

  /* A grade that is not one of Ofsted's four is refused by the schema. */
  ib_record_set_string (second, "grade", "satisfactory");
  ib_record_set_string (second, "area", "impact_of_leaders");
  g_assert_false (ib_store_create (f->store, second, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A standard inspection with no framework yet: its areas are unknown. */
  no_framework = new_inspection (f->store, "standard", NULL, "2024-12-02");
  unframed = new_judgement (ib_record_get_id (no_framework), "overall_effectiveness", "good");
  g_assert_false (ib_store_create (f->store, unframed, &error));
  g_assert_nonnull (strstr (error->message, "framework"));
  g_clear_error (&error);

  /* Nothing above reached the file or the outbox (the inspection did). */
  g_assert_cmpuint (ib_store_count (f->store, &ib_type_judgement), ==, judgements);
  outbox_after = ib_store_get_outbox (f->store);
  g_assert_cmpuint (outbox_after->len, ==, outbox_before->len + 1);

  /* The inspection must keep fitting its judgements. */
  inspection = ib_store_get (f->store, &ib_type_inspection, ILACS_2021, NULL);
  ib_record_set_string (inspection, "framework", "ilacs_2026");
  field = NULL;
  g_assert_false (ib_store_check_record (f->store, inspection, &field, &error));
  g_assert_cmpstr (field, ==, "framework");
  g_assert_nonnull (strstr (error->message, "ILACS (2026)"));
  g_clear_error (&error);
  ib_record_set_string (inspection, "framework", "ilacs_2023");
  g_assert_false (ib_store_update (f->store, inspection, &error));
  g_clear_error (&error);
  ib_record_set_string (inspection, "framework", "ilacs_2018");
  ib_record_set_string (inspection, "kind", "monitoring_visit");
  field = NULL;
  g_assert_false (ib_store_check_record (f->store, inspection, &field, NULL));
  g_assert_cmpstr (field, ==, "kind");

  /* A right one goes through: a new area on the new inspection. */
  ib_record_set_string (no_framework, "framework", "ilacs_2023");
  g_assert_true (ib_store_update (f->store, no_framework, &error));
  g_assert_no_error (error);
  ib_record_set_string (unframed, "area", "care_leavers");
  g_assert_true (ib_store_create (f->store, unframed, &error));
  g_assert_no_error (error);
  /* And deleting a judgement is never blocked by the rules. */
  g_assert_true (ib_store_delete (f->store, &ib_type_judgement, ib_record_get_id (unframed), &error));
  g_assert_no_error (error);
}

static void
test_grade_history (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (IbRecord) sif = new_inspection (f->store, "standard", "sif", "2017-03-01");
  g_autoptr (IbRecord) ilacs_2023 = new_inspection (f->store, "standard", "ilacs_2023", "2024-12-02");
  g_autofree char *cic = NULL, *leavers = NULL, *combined = NULL, *overall = NULL, *adoption = NULL;
  g_autoptr (GPtrArray) grid = NULL;

  add_judgement (f->store, ib_record_get_id (sif), "sif_looked_after", "requires_improvement");
  add_judgement (f->store, ib_record_get_id (sif), "sif_adoption", "good");
  add_judgement (f->store, ib_record_get_id (sif), "overall_effectiveness", "requires_improvement");
  add_judgement (f->store, ib_record_get_id (ilacs_2023), "children_in_care", "good");
  add_judgement (f->store, ib_record_get_id (ilacs_2023), "care_leavers", "requires_improvement");
  add_judgement (f->store, ib_record_get_id (ilacs_2023), "overall_effectiveness", "good");
  settle ();

  cic = history_text (f->model, "children_in_care");
  leavers = history_text (f->model, "care_leavers");
  combined = history_text (f->model, "children_in_care_and_care_leavers");
  overall = history_text (f->model, "overall_effectiveness");
  adoption = history_text (f->model, "sif_adoption");

  /* Across SIF, ILACS 2018 and ILACS 2023, each area with its counterparts. */
  g_assert_cmpstr (cic, ==,
                   "2017 sif_looked_after requires_improvement, "
                   "2021 children_in_care_and_care_leavers requires_improvement, "
                   "2024 children_in_care good");
  g_assert_cmpstr (leavers, ==,
                   "2021 children_in_care_and_care_leavers requires_improvement, "
                   "2024 care_leavers requires_improvement");
  g_assert_cmpstr (combined, ==,
                   "2017 sif_looked_after requires_improvement, "
                   "2021 children_in_care_and_care_leavers requires_improvement, "
                   "2024 children_in_care good, 2024 care_leavers requires_improvement");
  g_assert_cmpstr (overall, ==,
                   "2017 overall_effectiveness requires_improvement, 2021 overall_effectiveness inadequate, "
                   "2024 overall_effectiveness good");
  g_assert_cmpstr (adoption, ==, "2017 sif_adoption good");

  /* The grid row carries the same history. */
  grid = ib_judgements_model_get_grid (f->model, ILACS_2021);
  g_assert_cmpuint (grid->len, ==, 4);
  g_assert_cmpuint (((IbGridRow *) grid->pdata[3])->history->len, ==, 3);
  g_assert_cmpstr (ib_record_get_id (ib_judgements_model_latest_graded (f->model)), ==, ib_record_get_id (ilacs_2023));

  /* A hidden (being deleted) inspection leaves the history. */
  ib_judgements_model_hide (f->model, ib_record_get_id (ilacs_2023));
  g_clear_pointer (&overall, g_free);
  overall = history_text (f->model, "overall_effectiveness");
  g_assert_cmpstr (overall, ==,
                   "2017 overall_effectiveness requires_improvement, 2021 overall_effectiveness inadequate");
  g_assert_cmpstr (ib_record_get_id (ib_judgements_model_latest_graded (f->model)), ==, ILACS_2021);
  ib_judgements_model_unhide (f->model, ib_record_get_id (ilacs_2023));
  g_assert_cmpstr (ib_record_get_id (ib_judgements_model_latest_graded (f->model)), ==, ib_record_get_id (ilacs_2023));
}

static IbFindingLinks *
finding_at (GPtrArray *findings,
            guint      i)
{
  g_assert_cmpuint (i, <, findings->len);
  return findings->pdata[i];
}

static void
test_findings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GPtrArray) focused = ib_judgements_model_get_findings (f->model, FV_2020);
  g_autoptr (GPtrArray) report = ib_judgements_model_get_findings (f->model, ILACS_2021);
  g_autoptr (GPtrArray) visit = ib_judgements_model_get_findings (f->model, MV2_2022);
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (IbRecord) unanswered = NULL;
  g_autoptr (IbRecord) action = NULL;
  g_autoptr (GError) error = NULL;
  IbFindingLinks *links;
  const char *ids[2] = { NULL, NULL };
  guint n_unanswered = 0;

  /* October 2020: the two areas for priority action, each answered by the plan. */
  g_assert_cmpuint (focused->len, ==, 2);
  for (guint i = 0; i < focused->len; i++)
    {
      links = finding_at (focused, i);
      g_assert_cmpstr (ib_record_get_string (links->finding, "kind"), ==, "area_for_priority_action");
      g_assert_cmpint (ib_record_get_int (links->finding, "sort_order", 0), ==, i + 1);
      g_assert_cmpuint (links->actions->len, >, 0);
      g_assert_false (ib_finding_links_unanswered (links));
    }
  g_assert_true (g_str_has_prefix (ib_record_get_string (finding_at (focused, 0)->finding, "text"),
                                   "The arrangements for management oversight"));

  /* December 2021: seven things to improve; the one no action answers is flagged. */
  g_assert_cmpuint (report->len, ==, 7);
  for (guint i = 0; i < report->len; i++)
    if (ib_finding_links_unanswered (finding_at (report, i)))
      {
        n_unanswered++;
        unanswered = g_object_ref (finding_at (report, i)->finding);
      }
  g_assert_cmpuint (n_unanswered, ==, 1);
  g_assert_cmpstr (ib_record_get_string (unanswered, "text"), ==, "The impact of quality assurance and management oversight");

  /* A strength asks for no action. */
  g_assert_cmpuint (visit->len, ==, 1);
  g_assert_false (ib_finding_links_unanswered (finding_at (visit, 0)));

  /* Linking an action answers it, and shows that action's current RAG. */
  links = finding_at (report, 0);
  action = g_object_ref (links->actions->pdata[0]);
  ids[0] = ib_record_get_id (action);
  ib_record_set_refs (unanswered, "linked_actions", ids);
  g_assert_true (ib_store_update (f->store, unanswered, &error));
  g_assert_no_error (error);
  ib_record_set_string (action, "delivery_rag", "red");
  g_assert_true (ib_store_update (f->store, action, &error));
  g_assert_no_error (error);
  settle ();

  after = ib_judgements_model_get_findings (f->model, ILACS_2021);
  for (guint i = 0; i < after->len; i++)
    {
      links = finding_at (after, i);
      g_assert_false (ib_finding_links_unanswered (links));
      if (g_str_equal (ib_record_get_id (links->finding), ib_record_get_id (unanswered)))
        {
          g_assert_cmpuint (links->actions->len, ==, 1);
          g_assert_cmpstr (ib_record_get_string (links->actions->pdata[0], "delivery_rag"), ==, "red");
        }
    }

  /* Deleting the action leaves the link counted as missing, and the finding unanswered. */
  g_assert_true (ib_store_delete (f->store, &ib_type_action, ib_record_get_id (action), &error));
  g_assert_no_error (error);
  settle ();
  g_clear_pointer (&after, g_ptr_array_unref);
  after = ib_judgements_model_get_findings (f->model, ILACS_2021);
  n_unanswered = 0;
  for (guint i = 0; i < after->len; i++)
    {
      links = finding_at (after, i);
      if (g_str_equal (ib_record_get_id (links->finding), ib_record_get_id (unanswered)))
        {
          g_assert_cmpuint (links->actions->len, ==, 0);
          g_assert_cmpuint (links->n_missing, ==, 1);
        }
      n_unanswered += ib_finding_links_unanswered (links);
    }
  g_assert_cmpuint (n_unanswered, >=, 1);
}

static void
test_interventions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (IbRecord) lifted = ib_record_new (&ib_type_intervention);
  g_autoptr (IbRecord) bad = ib_record_new (&ib_type_intervention);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  ib_record_set_string (lifted, "kind", "lifted");
  ib_record_set_string (lifted, "starts_on", "2025-03-01");
  g_assert_true (ib_store_create (f->store, lifted, &error));
  g_assert_no_error (error);

  /* The kind is one of the ladder's codes, and a step needs its date. */
  ib_record_set_string (bad, "kind", "special_measures");
  ib_record_set_string (bad, "starts_on", "2025-03-01");
  g_assert_false (ib_store_create (f->store, bad, &error));
  g_clear_error (&error);
  ib_record_set_string (bad, "kind", "improvement_notice");
  ib_record_set_null (bad, "starts_on");
  g_assert_false (ib_store_create (f->store, bad, &error));
  g_clear_error (&error);
  settle ();

  g_assert_cmpstr (ib_record_get_string (ib_judgements_model_intervention_at (f->model, "2024-12-31"), "kind"), ==,
                   "statutory_direction");
  g_assert_cmpstr (ib_record_get_string (ib_judgements_model_intervention_at (f->model, "2025-06-01"), "kind"), ==,
                   "lifted");
  g_assert_cmpuint (g_list_model_get_n_items (ib_judgements_model_get_timeline (f->model)), ==, 7);

  /* Hidden while its delete waits on Undo. */
  ib_judgements_model_hide (f->model, ib_record_get_id (lifted));
  g_assert_cmpuint (g_list_model_get_n_items (ib_judgements_model_get_timeline (f->model)), ==, 6);
  g_assert_cmpstr (ib_record_get_string (ib_judgements_model_intervention_at (f->model, "2025-06-01"), "kind"), ==,
                   "statutory_direction");
  ib_judgements_model_unhide (f->model, ib_record_get_id (lifted));
  text = timeline_text (f->model);
  g_assert_true (g_str_has_prefix (text, "2025-03-01 lifted, 2022-10-04 monitoring_visit"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/judgements/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("timeline", test_timeline);
  ADD ("search", test_search);
  ADD ("grid-dec-2021", test_grid_dec_2021);
  ADD ("grid-frameworks", test_grid_frameworks);
  ADD ("area-validation", test_area_validation);
  ADD ("grade-history", test_grade_history);
  ADD ("findings", test_findings);
  ADD ("interventions", test_interventions);
#undef ADD

  return g_test_run ();
}
