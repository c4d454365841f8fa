/* ib-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-schema"

#include "config.h"

#include "ib-schema.h"

#define TEXT(n)           { n, IB_FIELD_TEXT, FALSE }
#define TEXT_REQ(n)       { n, IB_FIELD_TEXT, TRUE }
#define TEXT_LONG(n)      { n, IB_FIELD_TEXT, FALSE, NULL, NULL, 0, 0, TRUE }
#define TEXT_LONG_REQ(n)  { n, IB_FIELD_TEXT, TRUE, NULL, NULL, 0, 0, TRUE }
#define DATE(n)           { n, IB_FIELD_DATE, FALSE }
#define DATE_REQ(n)       { n, IB_FIELD_DATE, TRUE }
#define PERIOD_REQ(n)     { n, IB_FIELD_PERIOD, TRUE }
#define REAL(n)           { n, IB_FIELD_REAL, FALSE }
#define INT(n, lo, hi)    { n, IB_FIELD_INT, FALSE, NULL, NULL, lo, hi }
#define INT_REQ(n, lo, hi) { n, IB_FIELD_INT, TRUE, NULL, NULL, lo, hi }
#define ENUM(n, e)        { n, IB_FIELD_ENUM, FALSE, &e }
#define ENUM_REQ(n, e)    { n, IB_FIELD_ENUM, TRUE, &e }
#define REF(n, t)         { n, IB_FIELD_REF, FALSE, NULL, t }
#define REF_REQ(n, t)     { n, IB_FIELD_REF, TRUE, NULL, t }
#define REFS(n, t)        { n, IB_FIELD_REF_LIST, FALSE, NULL, t }
#define BOOL(n)           { n, IB_FIELD_BOOL, FALSE }
/* Every type carries it: invented demo content is flagged so the app can say so. */
#define SAMPLE            { "sample", IB_FIELD_BOOL, FALSE }

#define IB_TYPE(sym, nm, parent, order) \
  const IbRecordType sym = { nm, parent, order, sym##_fields, G_N_ELEMENTS (sym##_fields), 1 }

static const IbFieldSpec ib_type_plan_fields[] = {
  TEXT_REQ ("title"),
  TEXT ("version_label"),
  REF ("origin_inspection", "inspection"),
  DATE ("starts_on"),
  DATE ("ends_on"),
  ENUM ("status", ib_enum_plan_status),
  REF ("successor_plan", "plan"),
  SAMPLE,
};
IB_TYPE (ib_type_plan, "plan", NULL, "starts_on, title");

static const IbFieldSpec ib_type_priority_fields[] = {
  REF_REQ ("plan", "plan"),
  TEXT ("code"),
  TEXT_REQ ("title"),
  INT ("sort_order", 0, 10000),
  REFS ("linked_findings", "finding"),
  SAMPLE,
};
IB_TYPE (ib_type_priority, "priority", "plan", "plan, sort_order, code");

static const IbFieldSpec ib_type_action_fields[] = {
  REF_REQ ("plan", "plan"),
  REF ("priority", "priority"),
  TEXT_REQ ("ref"),
  TEXT_REQ ("title"),
  TEXT_LONG ("description"),
  TEXT ("accountable_officer"),
  TEXT ("lead_service"),
  ENUM ("horizon", ib_enum_horizon),
  DATE ("starts_on"),
  DATE ("due_on"),
  ENUM ("status", ib_enum_action_status),
  ENUM ("delivery_rag", ib_enum_rag),
  ENUM ("impact_rag", ib_enum_rag),
  TEXT_LONG ("rag_override_reason"),
  REFS ("linked_indicators", "indicator"),
  REFS ("linked_risks", "risk"),
  SAMPLE,
};
IB_TYPE (ib_type_action, "action", "plan", "plan, CAST (ref AS REAL), ref");

static const IbFieldSpec ib_type_position_statement_fields[] = {
  REF_REQ ("action", "action"),
  DATE_REQ ("as_at"),
  TEXT ("author"),
  TEXT_LONG_REQ ("narrative"),
  ENUM ("delivery_rag", ib_enum_rag),
  ENUM ("impact_rag", ib_enum_rag),
  TEXT_LONG ("next_steps"),
  REF ("meeting", "meeting"),
  REF ("corrects", "position_statement"),
  SAMPLE,
};
IB_TYPE (ib_type_position_statement, "position_statement", "action", "action, as_at DESC, updated_at DESC");

static const IbFieldSpec ib_type_inspection_fields[] = {
  ENUM_REQ ("kind", ib_enum_inspection_kind),
  ENUM ("framework", ib_enum_framework),
  DATE_REQ ("starts_on"),
  DATE ("ends_on"),
  DATE ("published_on"),
  INT ("visit_number", 0, 100),
  TEXT ("lead_inspector"),
  TEXT ("theme"),
  TEXT_LONG ("summary"),
  TEXT ("link"),
  SAMPLE,
};
IB_TYPE (ib_type_inspection, "inspection", NULL, "starts_on");

static const IbFieldSpec ib_type_judgement_fields[] = {
  REF_REQ ("inspection", "inspection"),
  ENUM_REQ ("area", ib_enum_judgement_area),
  ENUM_REQ ("grade", ib_enum_grade),
  SAMPLE,
};
IB_TYPE (ib_type_judgement, "judgement", "inspection", "inspection, area");

static const IbFieldSpec ib_type_finding_fields[] = {
  REF_REQ ("inspection", "inspection"),
  ENUM_REQ ("kind", ib_enum_finding_kind),
  TEXT_LONG_REQ ("text"),
  INT ("paragraph", 1, 10000),
  INT ("sort_order", 0, 10000),
  REFS ("linked_actions", "action"),
  SAMPLE,
};
IB_TYPE (ib_type_finding, "finding", "inspection", "inspection, kind, sort_order");

/* One step on the DfE's intervention ladder: in force from starts_on until the next step. */
static const IbFieldSpec ib_type_intervention_fields[] = {
  ENUM_REQ ("kind", ib_enum_intervention_kind),
  DATE_REQ ("starts_on"),
  TEXT ("instrument"),
  TEXT ("adviser"),
  DATE ("review_on"),
  TEXT_LONG ("summary"),
  TEXT ("link"),
  SAMPLE,
};
IB_TYPE (ib_type_intervention, "intervention", NULL, "starts_on");

static const IbFieldSpec ib_type_indicator_fields[] = {
  TEXT_REQ ("code"),
  TEXT_REQ ("title"),
  TEXT_LONG ("definition"),
  TEXT ("category"),
  ENUM_REQ ("unit", ib_enum_unit),
  INT ("decimals", 0, 4),
  ENUM_REQ ("polarity", ib_enum_polarity),
  ENUM ("frequency", ib_enum_frequency),
  REAL ("target"),
  REAL ("tolerance"),
  SAMPLE,
};
IB_TYPE (ib_type_indicator, "indicator", NULL, "category, code");

static const IbFieldSpec ib_type_measurement_fields[] = {
  REF_REQ ("indicator", "indicator"),
  PERIOD_REQ ("period"),
  REAL ("value"),
  REAL ("numerator"),
  REAL ("denominator"),
  REAL ("england"),
  REAL ("stat_neighbours"),
  REAL ("region"),
  TEXT_LONG ("note"),
  /* A published symbol in place of a figure (c, low, u, x, z): "not published", never 0. */
  ENUM ("value_symbol", ib_enum_ees_symbol),
  ENUM ("england_symbol", ib_enum_ees_symbol),
  ENUM ("stat_neighbours_symbol", ib_enum_ees_symbol),
  ENUM ("region_symbol", ib_enum_ees_symbol),
  /* Where imported figures came from: the file, the data set, the publication, the release
   * date, the file's own name for this period, and the latest period the file holds (which
   * tells an earlier release from a later one). */
  TEXT ("source_file"),
  TEXT ("source_dataset"),
  TEXT ("source_publication"),
  DATE ("source_published"),
  TEXT ("source_period"),
  TEXT ("source_release"),
  BOOL ("source_own"),          /* the council's own value came from the source too */
  TEXT ("revised"),             /* figures a later release changed: "value,england" */
  INT ("sn_count", 0, 10),      /* neighbours whose figure the mean is of */
  INT ("rank", 1, 1000),        /* among every LA with a figure, 1 the best */
  INT ("rank_of", 1, 1000),
  INT ("quartile", 1, 4),       /* 1 the best quarter */
  INT ("sn_rank", 1, 11),       /* among the council and its neighbours */
  INT ("sn_rank_of", 1, 11),
  SAMPLE,
};
IB_TYPE (ib_type_measurement, "measurement", "indicator", "indicator, period");

static const IbFieldSpec ib_type_risk_fields[] = {
  TEXT_REQ ("ref"),
  TEXT_REQ ("title"),
  TEXT_LONG ("cause"),
  TEXT_LONG ("event"),
  TEXT_LONG ("consequence"),
  ENUM ("category", ib_enum_risk_category),
  TEXT_REQ ("owner"),
  INT ("inherent_l", 1, 5),
  INT ("inherent_i", 1, 5),
  INT ("residual_l", 1, 5),
  INT ("residual_i", 1, 5),
  INT ("target_l", 1, 5),
  INT ("target_i", 1, 5),
  DATE ("target_by"),
  TEXT_LONG ("controls"),
  TEXT_LONG ("further_actions"),
  REFS ("linked_actions", "action"),
  ENUM ("response", ib_enum_risk_response),
  ENUM ("appetite", ib_enum_risk_appetite),
  ENUM ("status", ib_enum_risk_status),
  DATE ("next_review"),
  SAMPLE,
};
IB_TYPE (ib_type_risk, "risk", NULL, "ref");

static const IbFieldSpec ib_type_risk_review_fields[] = {
  REF_REQ ("risk", "risk"),
  DATE_REQ ("reviewed_on"),
  INT_REQ ("residual_l", 1, 5),
  INT_REQ ("residual_i", 1, 5),
  TEXT_LONG ("note"),
  REF ("meeting", "meeting"),
  SAMPLE,
};
IB_TYPE (ib_type_risk_review, "risk_review", "risk", "risk, reviewed_on");

static const IbFieldSpec ib_type_meeting_fields[] = {
  ENUM_REQ ("kind", ib_enum_meeting_kind),
  DATE_REQ ("held_on"),
  TEXT_REQ ("title"),
  SAMPLE,
};
IB_TYPE (ib_type_meeting, "meeting", NULL, "held_on");

/* A report (pack) to a meeting, in the council's committee-report template. Its Public or
 * Exempt status is the record's own class and paragraph. Once issued_on is set, the pack's
 * content is the snapshot named by `snapshot` (report_snapshot records), and the store
 * refuses any change to it: a correction is a new version that `supersedes` this one. */
static const IbFieldSpec ib_type_report_fields[] = {
  REF_REQ ("meeting", "meeting"),
  TEXT_REQ ("subject"),
  TEXT_LONG ("executive_summary"),
  TEXT_LONG ("recommendations"),
  TEXT_LONG ("reason"),
  TEXT ("portfolio_holders"),
  TEXT ("corporate_director"),
  TEXT ("authors"),
  TEXT ("wards"),
  TEXT ("classification"),
  TEXT_LONG ("background"),
  TEXT_LONG ("financial_implications"),
  TEXT_LONG ("legal_implications"),
  TEXT_LONG ("human_resources_implications"),
  TEXT_LONG ("sustainability_implications"),
  TEXT_LONG ("public_health_implications"),
  TEXT_LONG ("equality_implications"),
  TEXT_LONG ("risk_assessment"),
  TEXT_LONG ("background_papers"),
  BOOL ("appendix_plan"),
  BOOL ("appendix_kpis"),
  BOOL ("appendix_risks"),
  BOOL ("appendix_ofsted"),
  BOOL ("appendix_since"),
  ENUM ("scope", ib_enum_report_scope),
  REF ("scope_priority", "priority"),
  TEXT ("scope_officer"),
  DATE ("issued_on"),
  INT ("version", 1, 1000),
  REF ("supersedes", "report"),
  TEXT ("snapshot"),
  SAMPLE,
};
IB_TYPE (ib_type_report, "report", "meeting", "meeting, version, subject");

/* One piece of an issued pack's frozen content: the pack's JSON text cut into pieces under
 * the record limit. Part 1 pieces carry the report's class; Part 2 pieces are Exempt with the
 * paragraph of the items they hold, so the server's per-record filtering keeps them from
 * anyone without clearance. `issue` ties the pieces of one issuing together. */
static const IbFieldSpec ib_type_report_snapshot_fields[] = {
  REF_REQ ("report", "report"),
  TEXT_REQ ("issue"),
  ENUM_REQ ("part", ib_enum_snapshot_part),
  INT_REQ ("sequence", 1, 100000),
  INT_REQ ("count", 1, 100000),
  INT_REQ ("format", 1, 1000),
  TEXT_REQ ("content"),
  SAMPLE,
};
IB_TYPE (ib_type_report_snapshot, "report_snapshot", "report", "report, issue, part, sequence");

static const IbRecordType * const all_types[] = {
  &ib_type_meeting,
  &ib_type_inspection,
  &ib_type_judgement,
  &ib_type_finding,
  &ib_type_intervention,
  &ib_type_plan,
  &ib_type_priority,
  &ib_type_indicator,
  &ib_type_measurement,
  &ib_type_risk,
  &ib_type_action,
  &ib_type_position_statement,
  &ib_type_risk_review,
  &ib_type_report,
  &ib_type_report_snapshot,
  NULL
};

const IbRecordType * const *
ib_record_types (void)
{
  return all_types;
}

const IbRecordType *
ib_record_type_find (const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; all_types[i] != NULL; i++)
    if (g_str_equal (all_types[i]->name, name))
      return all_types[i];

  return NULL;
}

const IbFieldSpec *
ib_record_type_field (const IbRecordType *type,
                      const char         *name)
{
  g_return_val_if_fail (type != NULL, NULL);

  for (guint i = 0; i < type->n_fields; i++)
    if (g_str_equal (type->fields[i].name, name))
      return &type->fields[i];

  return NULL;
}

gboolean
ib_record_type_is_append_only (const IbRecordType *type)
{
  return type == &ib_type_position_statement || type == &ib_type_risk_review;
}
