/* test-links.c: an action's KPIs, risks and findings, the same from either end, in a real
 * SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ib-links.h"
#include "ib-store-private.h"
#include "ib-test-util.h"

typedef struct
{
  char     *dir;
  IbStore  *store;
  IbRecord *plan;
  IbRecord *a1;
  IbRecord *a2;
  IbRecord *kpi;
  IbRecord *risk1;
  IbRecord *risk2;
  IbRecord *finding;
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

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (IbRecord) inspection = NULL;

  f->dir = ib_test_make_dir ();
  path = g_build_filename (f->dir, "links.db", NULL);
  f->store = ib_store_open (path, &error);
  g_assert_no_error (error);

  f->plan = create (f, &ib_type_plan, "title", "Plan", NULL);
  f->a1 = create (f, &ib_type_action, "plan", ib_record_get_id (f->plan), "ref", "1", "title", "Audit", NULL);
  f->a2 = create (f, &ib_type_action, "plan", ib_record_get_id (f->plan), "ref", "2", "title", "Recruit", NULL);
  f->kpi = create (f, &ib_type_indicator, "code", "CLA_N", "title", "Children in care", "unit", "count",
                   "polarity", "lower_is_better", NULL);
  f->risk1 = create (f, &ib_type_risk, "ref", "R1", "title", "Caseloads", "owner", "DCS", NULL);
  f->risk2 = create (f, &ib_type_risk, "ref", "R2", "title", "Agency staff", "owner", "DCS", NULL);
  inspection = create (f, &ib_type_inspection, "kind", "standard", "starts_on", "2021-12-06", NULL);
  f->finding = create (f, &ib_type_finding, "inspection", ib_record_get_id (inspection),
                       "kind", "area_for_priority_action", "text", "The quality of assessments", NULL);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->plan);
  g_clear_object (&f->a1);
  g_clear_object (&f->a2);
  g_clear_object (&f->kpi);
  g_clear_object (&f->risk1);
  g_clear_object (&f->risk2);
  g_clear_object (&f->finding);
  g_clear_object (&f->store);
  ib_test_remove_dir (f->dir);
  g_free (f->dir);
}

static IbRecord *
reread (Fixture  *f,
        IbRecord *record)
{
  IbRecord *fresh = ib_store_get (f->store, ib_record_get_record_type (record), ib_record_get_id (record), NULL);

  g_assert_nonnull (fresh);
  return fresh;
}

static char *
refs (Fixture    *f,
      IbRecord   *record,
      const char *field)
{
  g_autoptr (IbRecord) fresh = reread (f, record);
  g_auto (GStrv) ids = ib_record_get_refs (fresh, field);

  return g_strjoinv (",", ids);
}

static char *
get (Fixture    *f,
     IbLink      link,
     IbRecord   *record)
{
  g_auto (GStrv) ids = ib_links_get (f->store, link, ib_record_get_id (record));

  return g_strjoinv (",", ids);
}

static guint
n_outbox (Fixture *f)
{
  g_autoptr (GPtrArray) rows = ib_store_get_outbox (f->store);

  return rows->len;
}

/* A KPI chosen from the action is on the action; the KPI sees the action. */
static void
test_indicators (Fixture       *f,
                 gconstpointer  data)
{
  const char *ids[] = { ib_record_get_id (f->kpi), NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *on_action = NULL, *from_kpi = NULL, *none = NULL;

  g_assert_true (ib_links_set (f->store, IB_LINK_ACTION_INDICATORS, ib_record_get_id (f->a1), ids, &error));
  g_assert_no_error (error);
  on_action = refs (f, f->a1, "linked_indicators");
  g_assert_cmpstr (on_action, ==, ib_record_get_id (f->kpi));
  from_kpi = get (f, IB_LINK_INDICATOR_ACTIONS, f->kpi);
  g_assert_cmpstr (from_kpi, ==, ib_record_get_id (f->a1));

  /* Taken away from the KPI's end: the action's list loses it. */
  g_assert_true (ib_links_set (f->store, IB_LINK_INDICATOR_ACTIONS, ib_record_get_id (f->kpi), NULL, &error));
  g_assert_no_error (error);
  none = refs (f, f->a1, "linked_indicators");
  g_assert_cmpstr (none, ==, "");
}

/* Findings answered, chosen from the action: stored on the findings, read from either end. */
static void
test_findings (Fixture       *f,
               gconstpointer  data)
{
  const char *ids[] = { ib_record_get_id (f->finding), NULL };
  const char *both[] = { ib_record_get_id (f->a2), ib_record_get_id (f->a1), NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *stored = NULL, *from_action = NULL, *after = NULL;
  guint queued;

  g_assert_true (ib_links_set (f->store, IB_LINK_ACTION_FINDINGS, ib_record_get_id (f->a1), ids, &error));
  g_assert_no_error (error);
  stored = refs (f, f->finding, "linked_actions");
  g_assert_cmpstr (stored, ==, ib_record_get_id (f->a1));
  from_action = get (f, IB_LINK_ACTION_FINDINGS, f->a1);
  g_assert_cmpstr (from_action, ==, ib_record_get_id (f->finding));

  /* The same choice again writes nothing: no edit to sync. */
  queued = n_outbox (f);
  g_assert_true (ib_links_set (f->store, IB_LINK_ACTION_FINDINGS, ib_record_get_id (f->a1), ids, &error));
  g_assert_cmpuint (n_outbox (f), ==, queued);

  /* From the finding's end, in its own order; then action 1 unlinks it from its end. */
  g_assert_true (ib_links_set (f->store, IB_LINK_FINDING_ACTIONS, ib_record_get_id (f->finding), both, &error));
  g_assert_true (ib_links_set (f->store, IB_LINK_ACTION_FINDINGS, ib_record_get_id (f->a1), NULL, &error));
  g_assert_no_error (error);
  after = refs (f, f->finding, "linked_actions");
  g_assert_cmpstr (after, ==, ib_record_get_id (f->a2));
}

/* The risks' lists are the truth; the actions' linked_risks follow them from either end, in
 * one transaction. */
static void
test_risks_both_ends (Fixture       *f,
                      gconstpointer  data)
{
  const char *two[] = { ib_record_get_id (f->risk1), ib_record_get_id (f->risk2), NULL };
  const char *a2_only[] = { ib_record_get_id (f->a2), NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *r1 = NULL, *r2 = NULL, *mirror = NULL, *mirror_a1 = NULL, *mirror_a2 = NULL, *seen = NULL;

  g_assert_true (ib_links_set (f->store, IB_LINK_ACTION_RISKS, ib_record_get_id (f->a1), two, &error));
  g_assert_no_error (error);
  r1 = refs (f, f->risk1, "linked_actions");
  r2 = refs (f, f->risk2, "linked_actions");
  mirror = refs (f, f->a1, "linked_risks");
  g_assert_cmpstr (r1, ==, ib_record_get_id (f->a1));
  g_assert_cmpstr (r2, ==, ib_record_get_id (f->a1));
  g_assert_true (g_str_has_prefix (mirror, ib_record_get_id (f->risk1)));
  g_assert_nonnull (strstr (mirror, ib_record_get_id (f->risk2)));

  /* From the risk's end: R1 is now treated by action 2 only. */
  g_assert_true (ib_links_set (f->store, IB_LINK_RISK_ACTIONS, ib_record_get_id (f->risk1), a2_only, &error));
  g_assert_no_error (error);
  mirror_a1 = refs (f, f->a1, "linked_risks");
  mirror_a2 = refs (f, f->a2, "linked_risks");
  g_assert_cmpstr (mirror_a1, ==, ib_record_get_id (f->risk2));
  g_assert_cmpstr (mirror_a2, ==, ib_record_get_id (f->risk1));
  seen = get (f, IB_LINK_ACTION_RISKS, f->a1);
  g_assert_cmpstr (seen, ==, ib_record_get_id (f->risk2));
}

/* A mirror that says more than the risks (written elsewhere) is not shown, and the next edit
 * from the action's end settles it. */
static void
test_risk_mirror_settles (Fixture       *f,
                          gconstpointer  data)
{
  const char *stale[] = { ib_record_get_id (f->risk1), NULL };
  const char *two[] = { ib_record_get_id (f->risk2), NULL };
  g_autoptr (IbRecord) action = reread (f, f->a1);
  g_autoptr (GError) error = NULL;
  g_autofree char *seen = NULL, *mirror = NULL;

  ib_record_set_refs (action, "linked_risks", stale);
  g_assert_true (ib_store_update (f->store, action, &error));
  seen = get (f, IB_LINK_ACTION_RISKS, f->a1);
  g_assert_cmpstr (seen, ==, "");

  g_assert_true (ib_links_set (f->store, IB_LINK_ACTION_RISKS, ib_record_get_id (f->a1), two, &error));
  g_assert_no_error (error);
  mirror = refs (f, f->a1, "linked_risks");
  g_assert_cmpstr (mirror, ==, ib_record_get_id (f->risk2));
}

/* A failure part-way leaves every record as it was. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  const char *ids[] = { ib_record_get_id (f->risk1), NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *r1 = NULL, *mirror = NULL;
  sqlite3 *db = _ib_store_get_db (f->store);

  /* The action's mirror cannot be written: the risk's change must not stay either. */
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER refuse BEFORE UPDATE OF linked_risks ON action"
                                     " BEGIN SELECT RAISE (ABORT, 'refused'); END", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (ib_links_set (f->store, IB_LINK_ACTION_RISKS, ib_record_get_id (f->a1), ids, &error));
  g_assert_nonnull (error);
  r1 = refs (f, f->risk1, "linked_actions");
  mirror = refs (f, f->a1, "linked_risks");
  g_assert_cmpstr (r1, ==, "");
  g_assert_cmpstr (mirror, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/core/links/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("indicators", test_indicators);
  ADD ("findings", test_findings);
  ADD ("risks-both-ends", test_risks_both_ends);
  ADD ("risk-mirror-settles", test_risk_mirror_settles);
  ADD ("all-or-nothing", test_all_or_nothing);
#undef ADD

  return g_test_run ();
}
