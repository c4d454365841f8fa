/* test-demo.c: the demo plan carries the seed facts, loads in one transaction, and only once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "ib-demo.h"
#include "ib-store-private.h"

static IbStore *
demo_store (void)
{
  g_autoptr (GError) error = NULL;
  IbStore *store = ib_store_open (":memory:", &error);

  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (store, &error), >, 250);
  g_assert_no_error (error);
  return store;
}

static char *
query_text (IbStore    *store,
            const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_ib_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
test_ilacs_2021 (void)
{
  g_autoptr (IbStore) store = demo_store ();
  struct { const char *area; const char *grade; } expected[] = {
    { "impact_of_leaders", "inadequate" },
    { "help_and_protection", "inadequate" },
    { "children_in_care_and_care_leavers", "requires_improvement" },
    { "overall_effectiveness", "inadequate" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT j.grade FROM judgement j JOIN inspection i ON i.id = j.inspection"
        " WHERE i.starts_on = '2021-12-06' AND i.ends_on = '2021-12-17' AND i.kind = 'standard'"
        " AND i.framework = 'ilacs_2018' AND j.area = '%s'", expected[i].area);
      g_autofree char *grade = query_text (store, sql);

      g_assert_cmpstr (grade, ==, expected[i].grade);
    }
}

static void
test_visits (void)
{
  g_autoptr (IbStore) store = demo_store ();
  g_autofree char *apas = query_text (store,
    "SELECT count(*) FROM finding f JOIN inspection i ON i.id = f.inspection"
    " WHERE i.kind = 'focused_visit' AND i.starts_on LIKE '2020-10-%' AND f.kind = 'area_for_priority_action'");
  g_autofree char *published = query_text (store,
    "SELECT published_on FROM inspection WHERE kind = 'focused_visit' AND starts_on LIKE '2020-10-%'");
  g_autofree char *mv = query_text (store,
    "SELECT theme FROM inspection WHERE kind = 'monitoring_visit' AND starts_on = '2022-10-04'");

  g_assert_cmpstr (apas, ==, "2");
  g_assert_cmpstr (published, ==, "2020-11-27");
  g_assert_cmpstr (mv, ==, "Children in Need and Child Protection");
}

static void
test_fifteen_point_plan (void)
{
  g_autoptr (IbStore) store = demo_store ();
  g_autofree char *actions = query_text (store,
    "SELECT count(*) FROM action a JOIN plan p ON p.id = a.plan"
    " WHERE p.title = '15-point action plan' AND a.accountable_officer IS NOT NULL");
  g_autofree char *without_statement = query_text (store,
    "SELECT count(*) FROM action a JOIN plan p ON p.id = a.plan WHERE p.title = '15-point action plan'"
    " AND NOT EXISTS (SELECT 1 FROM position_statement s WHERE s.action = a.id AND s.as_at IS NOT NULL)");
  g_autofree char *rolled = query_text (store,
    "SELECT count(*) FROM action WHERE horizon = 'rolled_forward'");

  g_assert_cmpstr (actions, ==, "15");
  g_assert_cmpstr (without_statement, ==, "0");
  g_assert_cmpstr (rolled, ==, "6");
}

static void
test_kpis_and_provenance (void)
{
  g_autoptr (IbStore) store = demo_store ();
  g_autofree char *cla = query_text (store,
    "SELECT m.value || ' ' || m.sample FROM measurement m JOIN indicator i ON i.id = m.indicator"
    " WHERE i.code = 'CLA_N' AND m.period = '2021-03'");
  g_autofree char *last_year = query_text (store,
    "SELECT m.value FROM measurement m JOIN indicator i ON i.id = m.indicator"
    " WHERE i.code = 'CLA_N' AND m.period = '2020-03'");
  g_autofree char *invented_officers = query_text (store,
    "SELECT count(*) FROM action WHERE sample = 0");
  g_autofree char *boards = query_text (store,
    "SELECT count(*) FROM meeting WHERE kind = 'improvement_board'");
  g_autofree char *reviewed = query_text (store,
    "SELECT count(DISTINCT risk) FROM risk_review");

  /* 446 is the seed's figure, so it is not sample data; the officers are invented, so they are. */
  g_assert_cmpstr (cla, ==, "446.0 0");
  g_assert_cmpstr (last_year, ==, "490.0");
  g_assert_cmpstr (invented_officers, ==, "0");
  g_assert_cmpint (atoi (boards), >=, 12);
  g_assert_cmpstr (reviewed, ==, "10");
}

/* The committees and boards of the seed reports carry their packs, issued as at their meeting,
 * the committee reports in the seeds' words and the invented ones marked sample; one board's
 * pack is still a draft. */
static void
test_packs (void)
{
  g_autoptr (IbStore) store = demo_store ();
  g_autofree char *issued = query_text (store, "SELECT count(*) FROM report WHERE issued_on IS NOT NULL");
  g_autofree char *drafts = query_text (store, "SELECT count(*) FROM report WHERE issued_on IS NULL");
  g_autofree char *unfrozen = query_text (store,
    "SELECT count(*) FROM report r WHERE issued_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM report_snapshot s"
    " WHERE s.report = r.id AND s.issue = r.snapshot AND s.part = 'part1')");
  g_autofree char *may_2022 = query_text (store,
    "SELECT r.subject || ' | ' || r.authors || ' | ' || r.corporate_director || ' | ' || r.sample"
    " FROM report r JOIN meeting m ON m.id = r.meeting WHERE m.held_on = '2022-05-03'");
  g_autofree char *jan_2021 = query_text (store,
    "SELECT r.subject || ' | ' || r.class || ' | ' || r.issued_on FROM report r JOIN meeting m ON m.id = r.meeting"
    " WHERE m.held_on = '2021-01-26'");
  g_autofree char *boards = query_text (store,
    "SELECT count(*) FROM report r JOIN meeting m ON m.id = r.meeting"
    " WHERE m.kind = 'improvement_board' AND r.sample = 1 AND r.appendix_since = 1");
  g_autofree char *officer = query_text (store,
    "SELECT r.scope_officer FROM report r JOIN meeting m ON m.id = r.meeting WHERE m.kind = 'holding_to_account'");
  g_autofree char *exempt_pieces = query_text (store,
    "SELECT count(DISTINCT exempt_paragraph) FROM report_snapshot WHERE class = 'exempt'");

  g_assert_cmpstr (issued, ==, "10");
  g_assert_cmpstr (drafts, ==, "1");
  g_assert_cmpstr (unfrozen, ==, "0");
  g_assert_cmpstr (may_2022, ==, "Childrens Services Improvement Plan | Rachel Gravett, Director of Quality, "
                                 "Performance Improvement and Governance | Cathi Hadley – Interim Corporate Director – "
                                 "Childrens Services | 0");
  g_assert_cmpstr (jan_2021, ==, "Recent Ofsted visit outcome | public | 2021-01-26");
  g_assert_cmpstr (boards, ==, "5");
  g_assert_cmpstr (officer, ==, "Head of Workforce Development (Grace Nwosu)");
  /* The exempt statements (paragraphs 2 and 4) and the exempt risk (3) are Part 2's alone. */
  g_assert_cmpstr (exempt_pieces, ==, "3");
}

static void
test_load_twice (void)
{
  g_autoptr (IbStore) store = demo_store ();
  g_autoptr (GError) error = NULL;
  guint before = ib_store_count (store, &ib_type_position_statement);
  guint pieces = ib_store_count (store, &ib_type_report_snapshot);

  g_assert_cmpint (ib_demo_load (store, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (ib_store_count (store, &ib_type_position_statement), ==, before);
  /* Issued packs are not issued again. */
  g_assert_cmpuint (ib_store_count (store, &ib_type_report_snapshot), ==, pieces);
  /* Demo data is not the user's edits: nothing waits to be pushed to a server. */
  g_assert_cmpuint (ib_store_get_outbox (store)->len, ==, 0);
}

static void
test_bad_file_writes_nothing (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (":memory:", &error);
  g_autoptr (GBytes) bytes = g_bytes_new_static (
    "{\"format\":\"improvement-board-records\",\"records\":["
    "{\"type\":\"meeting\",\"id\":\"6f1c2b9e-8c1a-4a55-9a51-2c1d6a7e4b10\","
    "\"fields\":{\"kind\":\"cabinet\",\"held_on\":\"2021-03-01\",\"title\":\"Cabinet\"}},"
    "{\"type\":\"meeting\",\"id\":\"7f1c2b9e-8c1a-4a55-9a51-2c1d6a7e4b10\","
    "\"fields\":{\"kind\":\"cabinet\",\"held_on\":\"2021-03-41\",\"title\":\"Cabinet\"}}]}", 0);
  g_autoptr (GBytes) garbage = g_bytes_new_static ("{\"format\":", 10);

  bytes = g_bytes_new_static (g_bytes_get_data (bytes, NULL), strlen (g_bytes_get_data (bytes, NULL)));
  g_assert_cmpint (ib_demo_load_bytes (store, bytes, &error), ==, -1);
  g_assert_nonnull (strstr (error->message, "Demo record 2"));
  g_assert_nonnull (strstr (error->message, "held_on"));
  g_clear_error (&error);
  g_assert_cmpuint (ib_store_count (store, &ib_type_meeting), ==, 0);

  g_assert_cmpint (ib_demo_load_bytes (store, garbage, &error), ==, -1);
  g_assert_nonnull (error);
  g_assert_true (ib_store_is_empty (store));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/demo/ilacs-2021", test_ilacs_2021);
  g_test_add_func ("/core/demo/visits", test_visits);
  g_test_add_func ("/core/demo/fifteen-point-plan", test_fifteen_point_plan);
  g_test_add_func ("/core/demo/kpis-and-provenance", test_kpis_and_provenance);
  g_test_add_func ("/core/demo/packs", test_packs);
  g_test_add_func ("/core/demo/load-twice", test_load_twice);
  g_test_add_func ("/core/demo/bad-file-writes-nothing", test_bad_file_writes_nothing);

  return g_test_run ();
}
