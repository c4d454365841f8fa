/* bench-dataset.c: the ten-year dataset (README, "Performance"), generated reproducibly (seed 2021)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "bench-dataset.h"
#include "ib-mutation.h"

#define N_PLANS        10
#define N_PRIORITIES   50
#define N_ACTIONS      2000
#define N_STATEMENTS   50000
#define N_INDICATORS   300
#define N_MONTHS       120
#define N_RISKS        1000
#define N_REVIEWS      20000
#define N_INSPECTIONS  40
#define N_MEETINGS     100

static const char *rags[] = { "red", "amber", "green" };

static char *
fresh_id (void)
{
  return g_uuid_string_random ();
}

static void
import (IbStore  *store,
        IbRecord *record)
{
  g_autoptr (GError) error = NULL;

  ib_record_set_rev (record, 1);
  if (!ib_store_import (store, record, &error))
    g_error ("generator: %s", error ? error->message : "duplicate id");
}

static char *
date_for (GRand *rand,
          int    year_from)
{
  return g_strdup_printf ("%04d-%02d-%02d", year_from + g_rand_int_range (rand, 0, 10),
                          g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
}

guint
ib_bench_generate (IbStore *store)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2021);
  g_autoptr (GPtrArray) plans = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) priorities = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) risks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) meetings = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  g_assert (ib_store_begin (store, NULL));

  for (guint i = 0; i < N_MEETINGS; i++, n++)
    {
      g_autoptr (IbRecord) r = ib_record_new (&ib_type_meeting);
      g_autofree char *d = date_for (rand, 2016);

      char *id = fresh_id ();

      ib_record_set_id (r, id);
      g_ptr_array_add (meetings, id);
      ib_record_set_string (r, "kind", "improvement_board");
      ib_record_set_string (r, "held_on", d);
      ib_record_set_string (r, "title", "Improvement Board");
      import (store, r);
    }

  for (guint i = 0; i < N_INSPECTIONS; i++, n++)
    {
      g_autoptr (IbRecord) r = ib_record_new (&ib_type_inspection);
      g_autofree char *id = fresh_id ();
      g_autofree char *d = date_for (rand, 2016);
      const char * const *areas = ib_framework_areas ("ilacs_2018");

      ib_record_set_id (r, id);
      ib_record_set_string (r, "kind", i % 4 == 0 ? "standard" : "monitoring_visit");
      ib_record_set_string (r, "framework", "ilacs_2018");
      ib_record_set_string (r, "starts_on", d);
      import (store, r);

      for (guint a = 0; i % 4 == 0 && areas[a] != NULL; a++, n++)
        {
          g_autoptr (IbRecord) j = ib_record_new (&ib_type_judgement);
          g_autofree char *jid = fresh_id ();

          ib_record_set_id (j, jid);
          ib_record_set_string (j, "inspection", id);
          ib_record_set_string (j, "area", areas[a]);
          ib_record_set_string (j, "grade", ib_enum_grade.values[g_rand_int_range (rand, 0, 4)].code);
          import (store, j);
        }
    }

  for (guint i = 0; i < N_PLANS; i++, n++)
    {
      g_autoptr (IbRecord) r = ib_record_new (&ib_type_plan);
      char *id = fresh_id ();

      ib_record_set_id (r, id);
      ib_record_set_string (r, "title", "Improvement plan");
      ib_record_set_string (r, "status", i == N_PLANS - 1 ? "active" : "closed");
      g_ptr_array_add (plans, id);
      import (store, r);
    }

  for (guint i = 0; i < N_PRIORITIES; i++, n++)
    {
      g_autoptr (IbRecord) r = ib_record_new (&ib_type_priority);
      char *id = fresh_id ();

      ib_record_set_id (r, id);
      ib_record_set_string (r, "plan", plans->pdata[i % N_PLANS]);
      ib_record_set_string (r, "title", "Priority area");
      ib_record_set_int (r, "sort_order", i);
      g_ptr_array_add (priorities, id);
      import (store, r);
    }

  for (guint i = 0; i < N_ACTIONS; i++, n++)
    {
      g_autoptr (IbRecord) r = ib_record_new (&ib_type_action);
      char *id = fresh_id ();
      g_autofree char *ref = g_strdup_printf ("%u", i % 200 + 1);
      g_autofree char *due = date_for (rand, 2016);

      ib_record_set_id (r, id);
      ib_record_set_string (r, "plan", plans->pdata[i % N_PLANS]);
      ib_record_set_string (r, "priority", priorities->pdata[i % N_PRIORITIES]);
      ib_record_set_string (r, "ref", ref);
      ib_record_set_string (r, "title", "Recruitment and retention: raise the permanent-to-interim ratio");
      ib_record_set_string (r, "accountable_officer", "Head of Workforce Development");
      ib_record_set_string (r, "horizon", "12_months_plus");
      ib_record_set_string (r, "due_on", due);
      ib_record_set_string (r, "status", "on_track");
      ib_record_set_string (r, "delivery_rag", rags[g_rand_int_range (rand, 0, 3)]);
      g_ptr_array_add (actions, id);
      import (store, r);
    }

  for (guint i = 0; i < N_STATEMENTS; i++, n++)
    {
      g_autoptr (IbRecord) r = ib_record_new (&ib_type_position_statement);
      g_autofree char *id = fresh_id ();
      g_autofree char *d = date_for (rand, 2016);

      ib_record_set_id (r, id);
      ib_record_set_string (r, "action", actions->pdata[i % N_ACTIONS]);
      ib_record_set_string (r, "as_at", d);
      ib_record_set_string (r, "author", "Accountable officer");
      ib_record_set_string (r, "narrative", "Practice review programme running monthly, independent of line "
                                            "management. Inadequate down from 48% to 35%. External moderator booked.");
      ib_record_set_string (r, "delivery_rag", rags[g_rand_int_range (rand, 0, 3)]);
      ib_record_set_string (r, "meeting", meetings->pdata[i % N_MEETINGS]);
      import (store, r);
    }

  for (guint i = 0; i < N_INDICATORS; i++, n++)
    {
      g_autoptr (IbRecord) r = ib_record_new (&ib_type_indicator);
      g_autofree char *id = fresh_id ();
      g_autofree char *code = g_strdup_printf ("KPI_%03u", i);

      ib_record_set_id (r, id);
      ib_record_set_string (r, "code", code);
      g_autofree char *category = g_strdup_printf ("Service area %u", i % 12);

      ib_record_set_string (r, "title", "Assessments completed within 45 working days");
      ib_record_set_string (r, "category", category);
      ib_record_set_string (r, "unit", "percent");
      ib_record_set_string (r, "polarity", i % 2 ? "higher_is_better" : "lower_is_better");
      ib_record_set_double (r, "target", 50);
      ib_record_set_double (r, "tolerance", 3);
      import (store, r);

      for (guint m = 0; m < N_MONTHS; m++, n++)
        {
          g_autoptr (IbRecord) v = ib_record_new (&ib_type_measurement);
          g_autofree char *vid = fresh_id ();
          g_autofree char *period = g_strdup_printf ("%04u-%02u", 2016 + m / 12, m % 12 + 1);

          ib_record_set_id (v, vid);
          ib_record_set_string (v, "indicator", id);
          ib_record_set_string (v, "period", period);
          ib_record_set_double (v, "value", g_rand_double_range (rand, 20, 80));
          ib_record_set_double (v, "england", 52);
          ib_record_set_double (v, "stat_neighbours", 48 + m % 7);
          ib_record_set_double (v, "region", 55 - m % 5);
          import (store, v);
        }
    }

  for (guint i = 0; i < N_RISKS; i++, n++)
    {
      g_autoptr (IbRecord) r = ib_record_new (&ib_type_risk);
      char *id = fresh_id ();
      g_autofree char *ref = g_strdup_printf ("R%04u", i);

      ib_record_set_id (r, id);
      ib_record_set_string (r, "ref", ref);
      ib_record_set_string (r, "title", "Shortage of permanent social workers");
      ib_record_set_string (r, "owner", "Head of Workforce Development");
      ib_record_set_int (r, "residual_l", g_rand_int_range (rand, 1, 6));
      ib_record_set_int (r, "residual_i", g_rand_int_range (rand, 1, 6));
      ib_record_set_string (r, "status", "open");
      g_ptr_array_add (risks, id);
      import (store, r);
    }

  for (guint i = 0; i < N_REVIEWS; i++, n++)
    {
      g_autoptr (IbRecord) r = ib_record_new (&ib_type_risk_review);
      g_autofree char *id = fresh_id ();
      g_autofree char *d = date_for (rand, 2016);

      ib_record_set_id (r, id);
      ib_record_set_string (r, "risk", risks->pdata[i % N_RISKS]);
      ib_record_set_string (r, "reviewed_on", d);
      ib_record_set_int (r, "residual_l", g_rand_int_range (rand, 1, 6));
      ib_record_set_int (r, "residual_i", g_rand_int_range (rand, 1, 6));
      import (store, r);
    }

  g_assert (ib_store_commit (store, NULL));
  return n;
}

double
ib_bench_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1.0e6;
}

void
ib_bench_report_load_apart (const char  *what,
                            gpointer     model,
                            gboolean   (*is_loading) (gpointer),
                            double       wall_at,
                            double       cpu_at)
{
  /* The call that made the model is the first slice of main-thread work. */
  double longest = ib_bench_cpu_ms () - cpu_at, cpu;

  while (is_loading (model))
    {
      double before = ib_bench_cpu_ms ();

      g_main_context_iteration (NULL, TRUE);
      longest = MAX (longest, ib_bench_cpu_ms () - before);
    }
  cpu = ib_bench_cpu_ms () - cpu_at;
  printf ("%-46s %8.2f ms main-thread processor time (budget 16 ms: %s), longest main-loop step %.2f ms; "
          "shown after %.1f ms\n",
          what, cpu, cpu <= 16 ? "met" : "OVER", longest, g_get_monotonic_time () / 1000.0 - wall_at);
}

GPtrArray *
ib_bench_generate_mutations (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (":memory:", &error);
  const IbRecordType * const *types = ib_record_types ();
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  ib_bench_generate (store);

  for (guint t = 0; types[t] != NULL; t++)
    {
      g_autoptr (GListModel) list = ib_store_list (store, types[t]);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr (IbRecord) record = g_list_model_get_item (list, i);
          g_autofree char *mid = g_uuid_string_random ();
          IbMutation m = {
            .mid = mid, .op = IB_MUTATION_CREATE, .type = types[t],
            .id = (char *) ib_record_get_id (record), .klass = (char *) ib_record_get_class (record),
            .set = ib_record_get_fields (record), .deleted = -1,
          };
          g_autoptr (JsonObject) object = ib_mutation_to_json (&m);
          g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

          g_ptr_array_add (texts, json_to_string (node, FALSE));
        }
    }

  return texts;
}
