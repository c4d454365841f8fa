/* ib-pack-fixture.h: two Improvement Boards and their packs over a small plan, with changes
 * between them in every direction and Exempt canaries, for the core and render tests
 *
 * Board 1 (10 January 2022) and board 2 (10 March 2022). Between them: action 1 goes Amber →
 * Red, action 2 Red → Green, action 3 (Exempt, paragraph 3, between 2 and 4) Green → Amber,
 * action 4 becomes overdue, action 5 is completed; ASMT45 crosses its target upwards, REREF12
 * falls out of tolerance and turns worse; risk R1 moves from Medium to High, R2 is closed, R3
 * is added; a monitoring visit with a finding is new. Every exempt record carries a canary
 * string that must never appear in Part 1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-store.h"
#include "ib-test-util.h"

G_BEGIN_DECLS

/* Strings only Exempt records hold. */
#define CANARY_ACTION     "CANARYACTIONTITLE"
#define CANARY_STATEMENT  "CANARYSTATEMENTTEXT"
#define CANARY_NOTE       "CANARYKPINOTE"
#define CANARY_RISK       "CANARYRISKNAME"
#define CANARY_VALUE      7777.0
#define CANARY_SOURCE     "CANARYSOURCEPUBLICATION"
#define CANARY_VALUE_TEXT "7,777"

typedef struct
{
  char *meeting1;
  char *meeting2;
  char *report1;
  char *report2;
  char *plan;
  char *action[6];   /* 1–5 */
  char *indicator_asmt;
  char *risk1;
} IbPackFixture;

static inline void
ib_pack_fixture_clear (IbPackFixture *f)
{
  g_free (f->meeting1);
  g_free (f->meeting2);
  g_free (f->report1);
  g_free (f->report2);
  g_free (f->plan);
  for (guint i = 0; i < G_N_ELEMENTS (f->action); i++)
    g_free (f->action[i]);
  g_free (f->indicator_asmt);
  g_free (f->risk1);
}

static inline char *
ib_fixture_put (IbStore  *store,
                IbRecord *record)
{
  g_autoptr (GError) error = NULL;

  if (!ib_store_create (store, record, &error))
    g_error ("fixture: %s", error->message);
  return g_strdup (ib_record_get_id (record));
}

static inline void
ib_fixture_exempt (IbRecord *record,
                   int       paragraph)
{
  ib_record_set_class (record, "exempt");
  ib_record_set_exempt_paragraph (record, paragraph);
}

static inline char *
ib_fixture_meeting (IbStore    *store,
                    const char *kind,
                    const char *held_on,
                    const char *title)
{
  g_autoptr (IbRecord) m = ib_record_new (&ib_type_meeting);

  ib_record_set_string (m, "kind", kind);
  ib_record_set_string (m, "held_on", held_on);
  ib_record_set_string (m, "title", title);
  return ib_fixture_put (store, m);
}

/* A draft pack for @meeting with every template field and every appendix. */
static inline char *
ib_fixture_report (IbStore    *store,
                   const char *meeting,
                   const char *subject)
{
  g_autoptr (IbRecord) r = ib_record_new (&ib_type_report);

  ib_record_set_string (r, "meeting", meeting);
  ib_record_set_string (r, "subject", subject);
  ib_record_set_string (r, "executive_summary", "Sufficient improvements have been made to confirm an upwards trajectory.");
  ib_record_set_string (r, "recommendations", "That Members note and scrutinise this update.");
  ib_record_set_string (r, "reason", "To achieve maximum constructive scrutiny.");
  ib_record_set_string (r, "portfolio_holders", "Cllr Mike White, Children and Young People");
  ib_record_set_string (r, "corporate_director", "Interim Corporate Director, Children's Services");
  ib_record_set_string (r, "authors", "Director of Quality, Performance Improvement and Governance");
  ib_record_set_string (r, "wards", "Council-wide");
  ib_record_set_string (r, "classification", "For information");
  ib_record_set_string (r, "background", "The focused visit set two areas for priority action.\n\nThe plan is monitored at Holding to Account meetings.");
  ib_record_set_string (r, "financial_implications", "Funding has been set aside for all areas in the plan.");
  ib_record_set_string (r, "legal_implications", "None.");
  ib_record_set_string (r, "human_resources_implications", "Workforce capacity is kept under review.");
  ib_record_set_string (r, "sustainability_implications", "None.");
  ib_record_set_string (r, "public_health_implications", "None.");
  ib_record_set_string (r, "equality_implications", "Improved services support disadvantaged children.");
  ib_record_set_string (r, "risk_assessment", "The Improvement Board reviews a short risk register at each meeting.");
  ib_record_set_string (r, "background_papers", "None.");
  ib_record_set_bool (r, "appendix_plan", TRUE);
  ib_record_set_bool (r, "appendix_kpis", TRUE);
  ib_record_set_bool (r, "appendix_risks", TRUE);
  ib_record_set_bool (r, "appendix_ofsted", TRUE);
  ib_record_set_bool (r, "appendix_since", TRUE);
  ib_record_set_string (r, "scope", "programme");
  ib_record_set_int (r, "version", 1);
  return ib_fixture_put (store, r);
}

static inline char *
ib_fixture_action (IbStore    *store,
                   const char *plan,
                   const char *priority,
                   const char *ref,
                   const char *title,
                   const char *officer,
                   const char *due_on,
                   const char *status)
{
  g_autoptr (IbRecord) a = ib_record_new (&ib_type_action);

  ib_record_set_string (a, "plan", plan);
  ib_record_set_string (a, "priority", priority);
  ib_record_set_string (a, "ref", ref);
  ib_record_set_string (a, "title", title);
  ib_record_set_string (a, "accountable_officer", officer);
  ib_record_set_string (a, "due_on", due_on);
  ib_record_set_string (a, "status", status);
  ib_record_set_string (a, "horizon", "3_6_months");
  return ib_fixture_put (store, a);
}

static inline void
ib_fixture_statement (IbStore    *store,
                      const char *action,
                      const char *as_at,
                      const char *rag,
                      const char *narrative,
                      int         exempt_paragraph)
{
  g_autoptr (IbRecord) s = ib_record_new (&ib_type_position_statement);
  g_autofree char *id = NULL;

  ib_record_set_string (s, "action", action);
  ib_record_set_string (s, "as_at", as_at);
  ib_record_set_string (s, "delivery_rag", rag);
  ib_record_set_string (s, "impact_rag", rag);
  ib_record_set_string (s, "narrative", narrative);
  ib_record_set_string (s, "author", "Accountable officer");
  if (exempt_paragraph > 0)
    ib_fixture_exempt (s, exempt_paragraph);
  id = ib_fixture_put (store, s);
}

static inline char *
ib_fixture_indicator (IbStore      *store,
                      const char   *code,
                      const char   *title,
                      const char   *polarity,
                      double        target,
                      double        tolerance,
                      const char  **periods,
                      const double *values,
                      const char   *publication)
{
  g_autoptr (IbRecord) k = ib_record_new (&ib_type_indicator);
  char *id;

  ib_record_set_string (k, "code", code);
  ib_record_set_string (k, "title", title);
  ib_record_set_string (k, "category", "Assessment");
  ib_record_set_string (k, "unit", "percent");
  ib_record_set_int (k, "decimals", 0);
  ib_record_set_string (k, "polarity", polarity);
  ib_record_set_string (k, "frequency", "monthly");
  ib_record_set_double (k, "target", target);
  ib_record_set_double (k, "tolerance", tolerance);
  id = ib_fixture_put (store, k);

  for (guint i = 0; periods[i] != NULL; i++)
    {
      g_autoptr (IbRecord) m = ib_record_new (&ib_type_measurement);
      g_autofree char *mid = NULL;

      ib_record_set_string (m, "indicator", id);
      ib_record_set_string (m, "period", periods[i]);
      ib_record_set_double (m, "value", values[i]);
      ib_record_set_double (m, "england", 85.7);
      /* Imported, a release a month: the figures' source as the EES import records it. */
      if (publication != NULL)
        {
          g_autofree char *released = g_strdup_printf ("%s-20", periods[i]);

          ib_record_set_string (m, "source_publication", publication);
          ib_record_set_string (m, "source_published", released);
        }
      mid = ib_fixture_put (store, m);
    }

  return id;
}

static inline char *
ib_fixture_risk (IbStore    *store,
                 const char *ref,
                 const char *title,
                 const char *status,
                 int         exempt_paragraph)
{
  g_autoptr (IbRecord) r = ib_record_new (&ib_type_risk);

  ib_record_set_string (r, "ref", ref);
  ib_record_set_string (r, "title", title);
  ib_record_set_string (r, "owner", "Head of Workforce Development");
  ib_record_set_int (r, "inherent_l", 4);
  ib_record_set_int (r, "inherent_i", 5);
  ib_record_set_string (r, "status", status);
  if (exempt_paragraph > 0)
    ib_fixture_exempt (r, exempt_paragraph);
  return ib_fixture_put (store, r);
}

static inline void
ib_fixture_review (IbStore    *store,
                   const char *risk,
                   const char *on,
                   int         l,
                   int         i)
{
  g_autoptr (IbRecord) r = ib_record_new (&ib_type_risk_review);
  g_autofree char *id = NULL;

  ib_record_set_string (r, "risk", risk);
  ib_record_set_string (r, "reviewed_on", on);
  ib_record_set_int (r, "residual_l", l);
  ib_record_set_int (r, "residual_i", i);
  id = ib_fixture_put (store, r);
}

static inline void
ib_pack_fixture_build (IbStore       *store,
                       IbPackFixture *f)
{
  g_autoptr (IbRecord) plan = ib_record_new (&ib_type_plan);
  g_autoptr (IbRecord) priority = ib_record_new (&ib_type_priority);
  g_autoptr (IbRecord) canary_action = NULL;
  g_autofree char *priority_id = NULL;
  g_autofree char *risk2 = NULL, *risk3 = NULL, *risk4 = NULL, *cla = NULL;
  const char *months[] = { "2021-11", "2021-12", "2022-01", "2022-02", "2022-03", NULL };

  f->meeting1 = ib_fixture_meeting (store, "improvement_board", "2022-01-10", "Improvement Board");
  f->meeting2 = ib_fixture_meeting (store, "improvement_board", "2022-03-10", "Improvement Board");

  ib_record_set_string (plan, "title", "Children’s Social Care Improvement Plan");
  ib_record_set_string (plan, "starts_on", "2021-06-01");
  ib_record_set_string (plan, "status", "active");
  f->plan = ib_fixture_put (store, plan);

  ib_record_set_string (priority, "plan", f->plan);
  ib_record_set_string (priority, "code", "APA1");
  ib_record_set_string (priority, "title", "Management oversight and quality assurance");
  priority_id = ib_fixture_put (store, priority);

  f->action[1] = ib_fixture_action (store, f->plan, priority_id, "1", "Management oversight on every case file",
                                    "Head of Quality Assurance", "2022-12-31", "on_track");
  f->action[2] = ib_fixture_action (store, f->plan, priority_id, "2", "Thresholds and Early Help step-up",
                                    "Head of Early Help", "2022-12-31", "on_track");
  canary_action = ib_record_new (&ib_type_action);
  ib_record_set_string (canary_action, "plan", f->plan);
  ib_record_set_string (canary_action, "priority", priority_id);
  ib_record_set_string (canary_action, "ref", "3");
  ib_record_set_string (canary_action, "title", CANARY_ACTION " pre-proceedings");
  ib_record_set_string (canary_action, "accountable_officer", "Head of Legal Planning");
  ib_record_set_string (canary_action, "due_on", "2022-12-31");
  ib_record_set_string (canary_action, "status", "on_track");
  ib_fixture_exempt (canary_action, 3);
  f->action[3] = ib_fixture_put (store, canary_action);
  f->action[4] = ib_fixture_action (store, f->plan, priority_id, "4", "Permanence planning for every child",
                                    "Head of Corporate Parenting", "2022-02-15", "on_track");
  f->action[5] = ib_fixture_action (store, f->plan, priority_id, "5", "Edge of Care Panel",
                                    "Head of Edge of Care", "2022-06-30", "complete");

  ib_fixture_statement (store, f->action[1], "2022-01-05", "amber", "Supervision recorded on most files.", 0);
  ib_fixture_statement (store, f->action[1], "2022-03-01", "red", "Audits found supervision missing again.", 0);
  ib_fixture_statement (store, f->action[2], "2022-01-05", "red", "Too many cases held in Early Help.", 0);
  ib_fixture_statement (store, f->action[2], "2022-03-01", "green", "Very few closures need stepping up.", 0);
  ib_fixture_statement (store, f->action[3], "2022-01-05", "green", CANARY_STATEMENT " two children", 2);
  ib_fixture_statement (store, f->action[3], "2022-03-01", "amber", CANARY_STATEMENT " court delays", 2);
  ib_fixture_statement (store, f->action[4], "2022-01-05", "amber", "Permanence tracker in place.", 0);
  ib_fixture_statement (store, f->action[4], "2022-03-01", "amber", "Quality of plans still mixed.", 0);
  ib_fixture_statement (store, f->action[5], "2022-01-05", "green", "Panel meets weekly.", 0);
  ib_fixture_statement (store, f->action[5], "2022-02-20", "green", "Complete: the panel is business as usual.", 0);

  {
    const double asmt[] = { 80, 81, 81, 84, 86 };
    const double reref[] = { 26, 25, 24, 24, 26 };
    const double cla_n[] = { 463, 455, 446, 441, 438 };

    f->indicator_asmt = ib_fixture_indicator (store, "ASMT45", "Assessments completed within 45 working days",
                                              "higher_is_better", 85, 3, months, asmt, "Children in need");
    g_free (ib_fixture_indicator (store, "REREF12", "Re-referrals within 12 months", "lower_is_better",
                                  22, 2, months, reref, NULL));
    cla = ib_fixture_indicator (store, "CLA_N", "Children in care", "neutral", NAN, NAN, months, cla_n, NULL);
  }
  {
    /* One exempt month on a public indicator: its value and note are Part 2's alone. */
    g_autoptr (IbRecord) m = ib_record_new (&ib_type_measurement);
    g_autofree char *mid = NULL;

    ib_record_set_string (m, "indicator", cla);
    ib_record_set_string (m, "period", "2021-10");
    ib_record_set_double (m, "value", CANARY_VALUE);
    ib_record_set_string (m, "note", CANARY_NOTE " placement detail");
    ib_record_set_string (m, "source_publication", CANARY_SOURCE);
    ib_record_set_string (m, "source_published", "2021-10-28");
    ib_fixture_exempt (m, 1);
    mid = ib_fixture_put (store, m);
  }

  f->risk1 = ib_fixture_risk (store, "R1", "Improvement is not fast enough", "open", 0);
  ib_fixture_review (store, f->risk1, "2022-01-05", 3, 4);
  ib_fixture_review (store, f->risk1, "2022-03-01", 3, 5);
  risk2 = ib_fixture_risk (store, "R2", "COVID-19 restrictions disrupt visiting", "closed", 0);
  ib_fixture_review (store, risk2, "2022-01-05", 2, 2);
  ib_fixture_review (store, risk2, "2022-02-20", 1, 1);
  risk3 = ib_fixture_risk (store, "R3", "Demand spikes in domestic abuse", "open", 0);
  ib_fixture_review (store, risk3, "2022-02-01", 2, 3);
  risk4 = ib_fixture_risk (store, "R4", CANARY_RISK " business case", "open", 3);
  ib_fixture_review (store, risk4, "2022-01-05", 5, 5);

  {
    g_autoptr (IbRecord) mv1 = ib_record_new (&ib_type_inspection);
    g_autoptr (IbRecord) mv2 = ib_record_new (&ib_type_inspection);
    g_autoptr (IbRecord) f1 = ib_record_new (&ib_type_finding);
    g_autoptr (IbRecord) f2 = ib_record_new (&ib_type_finding);
    g_autofree char *mv1_id = NULL, *mv2_id = NULL, *f1_id = NULL, *f2_id = NULL;

    ib_record_set_string (mv1, "kind", "monitoring_visit");
    ib_record_set_string (mv1, "starts_on", "2021-10-04");
    ib_record_set_string (mv1, "theme", "Front door");
    mv1_id = ib_fixture_put (store, mv1);
    ib_record_set_string (f1, "inspection", mv1_id);
    ib_record_set_string (f1, "kind", "what_needs_to_improve");
    ib_record_set_string (f1, "text", "The timeliness of assessments");
    ib_record_set_refs (f1, "linked_actions", (const char *[]) { f->action[2], f->action[3], NULL });
    f1_id = ib_fixture_put (store, f1);

    ib_record_set_string (mv2, "kind", "monitoring_visit");
    ib_record_set_string (mv2, "starts_on", "2022-02-07");
    ib_record_set_string (mv2, "theme", "Children in need and child protection");
    mv2_id = ib_fixture_put (store, mv2);
    ib_record_set_string (f2, "inspection", mv2_id);
    ib_record_set_string (f2, "kind", "strength");
    ib_record_set_string (f2, "text", "A sensible, sustainable plan");
    f2_id = ib_fixture_put (store, f2);
  }

  f->report1 = ib_fixture_report (store, f->meeting1, "Improvement Board: progress and exceptions");
  f->report2 = ib_fixture_report (store, f->meeting2, "Improvement Board: progress and exceptions");
}

/* A store in a fresh folder with the fixture built in it, for g_test_add (). */
typedef struct
{
  char          *dir;
  IbStore       *store;
  IbPackFixture  ids;
} Fixture;

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = ib_test_make_dir ();
  path = g_build_filename (f->dir, "board.db", NULL);
  f->store = ib_store_open (path, &error);
  g_assert_no_error (error);
  ib_pack_fixture_build (f->store, &f->ids);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  ib_pack_fixture_clear (&f->ids);
  ib_test_remove_dir (f->dir);
  g_free (f->dir);
}

G_END_DECLS
