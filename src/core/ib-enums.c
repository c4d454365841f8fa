/* ib-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-enums"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ib-enums.h"

#define IB_ENUM(sym, nm) \
  const IbEnum sym = { nm, sym##_values, G_N_ELEMENTS (sym##_values) }

static const IbEnumValue ib_enum_class_values[] = {
  { "public", "classification", NC_("classification", "Public") },
  /* Translators: "Exempt" is exempt information under Schedule 12A of the Local Government Act 1972 */
  { "exempt", "classification", NC_("classification", "Exempt") },
};
IB_ENUM (ib_enum_class, "class");

/* Ordered best to worst: ib_enum_index () is the Ofsted ordinal minus one. */
static const IbEnumValue ib_enum_grade_values[] = {
  { "outstanding", "ofsted grade", NC_("ofsted grade", "Outstanding") },
  { "good", "ofsted grade", NC_("ofsted grade", "Good") },
  /* Translators: Ofsted's exact grade wording; keep it whole, do not shorten to "Requires improvement" */
  { "requires_improvement", "ofsted grade", NC_("ofsted grade", "Requires improvement to be good") },
  { "inadequate", "ofsted grade", NC_("ofsted grade", "Inadequate") },
};
IB_ENUM (ib_enum_grade, "grade");

/* Ordered worst first, so sorting by index puts red at the top. */
/* The symbols Explore Education Statistics files put in place of a number (the GSS
 * standard the DfE's open data standards adopt); older files' ":" and ".." read as x, "~" as low. */
static const IbEnumValue ib_enum_ees_symbol_values[] = {
  /* Translators: a published figure withheld to protect confidentiality (statistical symbol "c") */
  { "c", "published symbol", NC_("published symbol", "Suppressed (confidential)") },
  /* Translators: a published figure that rounds to zero but is not zero (statistical symbol "low") */
  { "low", "published symbol", NC_("published symbol", "Rounds to 0, not 0") },
  /* Translators: a published figure flagged as of low reliability (statistical symbol "u") */
  { "u", "published symbol", NC_("published symbol", "Low reliability") },
  /* Translators: a figure not available (statistical symbol "x") */
  { "x", "published symbol", NC_("published symbol", "Not available") },
  /* Translators: a figure that does not apply (statistical symbol "z") */
  { "z", "published symbol", NC_("published symbol", "Not applicable") },
};
IB_ENUM (ib_enum_ees_symbol, "ees_symbol");

static const IbEnumValue ib_enum_rag_values[] = {
  /* Translators: RAG = red, amber, green progress rating */
  { "red", "rag", NC_("rag", "Red") },
  { "amber", "rag", NC_("rag", "Amber") },
  { "green", "rag", NC_("rag", "Green") },
};
IB_ENUM (ib_enum_rag, "rag");

static const IbEnumValue ib_enum_action_status_values[] = {
  { "not_started", "action status", NC_("action status", "Not started") },
  { "on_track", "action status", NC_("action status", "On track") },
  { "at_risk", "action status", NC_("action status", "At risk") },
  { "off_track", "action status", NC_("action status", "Off track") },
  { "complete", "action status", NC_("action status", "Complete") },
  { "rescheduled", "action status", NC_("action status", "Rescheduled") },
};
IB_ENUM (ib_enum_action_status, "action_status");

static const IbEnumValue ib_enum_horizon_values[] = {
  { "3_6_months", "horizon", NC_("horizon", "3–6 months") },
  { "12_months_plus", "horizon", NC_("horizon", "12 months or more") },
  { "rolled_forward", "horizon", NC_("horizon", "Rolled forward") },
};
IB_ENUM (ib_enum_horizon, "horizon");

static const IbEnumValue ib_enum_plan_status_values[] = {
  { "draft", "plan status", NC_("plan status", "Draft") },
  { "active", "plan status", NC_("plan status", "Active") },
  { "closed", "plan status", NC_("plan status", "Closed") },
  { "superseded", "plan status", NC_("plan status", "Superseded") },
};
IB_ENUM (ib_enum_plan_status, "plan_status");

static const IbEnumValue ib_enum_inspection_kind_values[] = {
  { "standard", "inspection kind", NC_("inspection kind", "Standard inspection") },
  { "short", "inspection kind", NC_("inspection kind", "Short inspection") },
  { "focused_visit", "inspection kind", NC_("inspection kind", "Focused visit") },
  { "monitoring_visit", "inspection kind", NC_("inspection kind", "Monitoring visit") },
  /* Translators: JTAI = joint targeted area inspection */
  { "jtai", "inspection kind", NC_("inspection kind", "Joint targeted area inspection") },
  { "annual_engagement", "inspection kind", NC_("inspection kind", "Annual engagement meeting") },
};
IB_ENUM (ib_enum_inspection_kind, "inspection_kind");

static const IbEnumValue ib_enum_framework_values[] = {
  /* Translators: SIF = Ofsted's Single Inspection Framework, 2013–2018 */
  { "sif", "framework", NC_("framework", "Single Inspection Framework") },
  /* Translators: ILACS = Inspection of Local Authority Children's Services */
  { "ilacs_2018", "framework", NC_("framework", "ILACS (2018)") },
  { "ilacs_2023", "framework", NC_("framework", "ILACS (2023)") },
  { "ilacs_2026", "framework", NC_("framework", "ILACS (2026)") },
};
IB_ENUM (ib_enum_framework, "framework");

static const IbEnumValue ib_enum_judgement_area_values[] = {
  { "impact_of_leaders", "judgement area", NC_("judgement area", "The impact of leaders on social work practice with children and families") },
  { "help_and_protection", "judgement area", NC_("judgement area", "The experiences and progress of children who need help and protection") },
  { "children_in_care_and_care_leavers", "judgement area", NC_("judgement area", "The experiences and progress of children in care and care leavers") },
  { "children_in_care", "judgement area", NC_("judgement area", "The experiences and progress of children in care") },
  { "care_leavers", "judgement area", NC_("judgement area", "The experiences and progress of care leavers") },
  { "sif_help_and_protection", "judgement area", NC_("judgement area", "Children who need help and protection") },
  { "sif_looked_after", "judgement area", NC_("judgement area", "Children looked after and achieving permanence") },
  { "sif_adoption", "judgement area", NC_("judgement area", "Adoption performance") },
  { "sif_care_leavers", "judgement area", NC_("judgement area", "Experiences and progress of care leavers") },
  { "sif_leadership", "judgement area", NC_("judgement area", "Leadership, management and governance") },
  { "overall_effectiveness", "judgement area", NC_("judgement area", "Overall effectiveness") },
};
IB_ENUM (ib_enum_judgement_area, "judgement_area");

static const IbEnumValue ib_enum_finding_kind_values[] = {
  { "area_for_priority_action", "finding kind", NC_("finding kind", "Area for priority action") },
  { "what_needs_to_improve", "finding kind", NC_("finding kind", "What needs to improve") },
  { "strength", "finding kind", NC_("finding kind", "Strength") },
};
IB_ENUM (ib_enum_finding_kind, "finding_kind");

/* The DfE's escalation ladder after an Inadequate judgement, then its end. */
static const IbEnumValue ib_enum_intervention_kind_values[] = {
  /* Translators: a non-statutory DfE notice requiring an improvement plan */
  { "improvement_notice", "intervention", NC_("intervention", "Improvement notice") },
  /* Translators: a direction from the Secretary of State under s.497A Education Act 1996 */
  { "statutory_direction", "intervention", NC_("intervention", "Statutory direction") },
  /* Translators: a DfE children's services commissioner appointed to the council */
  { "commissioner", "intervention", NC_("intervention", "Commissioner appointed") },
  /* Translators: children's services moved out of the council into a children's trust */
  { "trust", "intervention", NC_("intervention", "Children’s trust") },
  { "lifted", "intervention", NC_("intervention", "Intervention lifted") },
};
IB_ENUM (ib_enum_intervention_kind, "intervention_kind");

static const IbEnumValue ib_enum_unit_values[] = {
  { "count", "unit", NC_("unit", "Count") },
  { "percent", "unit", NC_("unit", "Percentage") },
  { "rate_per_10k", "unit", NC_("unit", "Rate per 10,000 children") },
  { "days", "unit", NC_("unit", "Days") },
  { "ratio", "unit", NC_("unit", "Ratio") },
};
IB_ENUM (ib_enum_unit, "unit");

static const IbEnumValue ib_enum_polarity_values[] = {
  { "higher_is_better", "polarity", NC_("polarity", "Higher is better") },
  { "lower_is_better", "polarity", NC_("polarity", "Lower is better") },
  { "neutral", "polarity", NC_("polarity", "Context only") },
};
IB_ENUM (ib_enum_polarity, "polarity");

static const IbEnumValue ib_enum_frequency_values[] = {
  { "monthly", "frequency", NC_("frequency", "Monthly") },
  { "quarterly", "frequency", NC_("frequency", "Quarterly") },
  { "annual", "frequency", NC_("frequency", "Annual") },
};
IB_ENUM (ib_enum_frequency, "frequency");

static const IbEnumValue ib_enum_risk_category_values[] = {
  { "strategic", "risk category", NC_("risk category", "Strategic") },
  { "operational", "risk category", NC_("risk category", "Operational") },
  { "financial", "risk category", NC_("risk category", "Financial") },
  { "people", "risk category", NC_("risk category", "People") },
  { "safeguarding", "risk category", NC_("risk category", "Safeguarding") },
  { "reputational", "risk category", NC_("risk category", "Reputational") },
  { "legal", "risk category", NC_("risk category", "Legal and regulatory") },
  { "partnership", "risk category", NC_("risk category", "Partnership") },
};
IB_ENUM (ib_enum_risk_category, "risk_category");

static const IbEnumValue ib_enum_risk_response_values[] = {
  { "treat", "risk response", NC_("risk response", "Treat") },
  { "tolerate", "risk response", NC_("risk response", "Tolerate") },
  { "transfer", "risk response", NC_("risk response", "Transfer") },
  { "terminate", "risk response", NC_("risk response", "Terminate") },
};
IB_ENUM (ib_enum_risk_response, "risk_response");

static const IbEnumValue ib_enum_risk_appetite_values[] = {
  { "averse", "risk appetite", NC_("risk appetite", "Averse") },
  { "minimal", "risk appetite", NC_("risk appetite", "Minimal") },
  { "cautious", "risk appetite", NC_("risk appetite", "Cautious") },
  { "open", "risk appetite", NC_("risk appetite", "Open") },
  { "eager", "risk appetite", NC_("risk appetite", "Eager") },
};
IB_ENUM (ib_enum_risk_appetite, "risk_appetite");

static const IbEnumValue ib_enum_risk_status_values[] = {
  { "open", "risk status", NC_("risk status", "Open") },
  { "closed", "risk status", NC_("risk status", "Closed") },
  { "escalated", "risk status", NC_("risk status", "Escalated") },
};
IB_ENUM (ib_enum_risk_status, "risk_status");

static const IbEnumValue ib_enum_meeting_kind_values[] = {
  { "improvement_board", "meeting kind", NC_("meeting kind", "Improvement Board") },
  { "scrutiny", "meeting kind", NC_("meeting kind", "Overview and Scrutiny") },
  { "holding_to_account", "meeting kind", NC_("meeting kind", "Holding to Account") },
  { "performance_surgery", "meeting kind", NC_("meeting kind", "Performance surgery") },
  { "cabinet", "meeting kind", NC_("meeting kind", "Cabinet") },
};
IB_ENUM (ib_enum_meeting_kind, "meeting_kind");

/* What a pack covers: the whole programme, one priority area, or one accountable officer's
 * actions (the Holding to Account pack). */
static const IbEnumValue ib_enum_report_scope_values[] = {
  { "programme", "report scope", NC_("report scope", "Whole programme") },
  { "priority", "report scope", NC_("report scope", "One priority area") },
  /* Translators: the pack for a Holding to Account meeting: one officer's actions */
  { "officer", "report scope", NC_("report scope", "One accountable officer") },
};
IB_ENUM (ib_enum_report_scope, "report_scope");

/* Which part of an issued pack a snapshot chunk holds: Part 1 is what the public may read
 * (exempt items replaced by a line), Part 2 the exempt items of one Schedule 12A paragraph. */
static const IbEnumValue ib_enum_snapshot_part_values[] = {
  { "part1", "pack part", NC_("pack part", "Part 1 (public)") },
  { "part2", "pack part", NC_("pack part", "Part 2 (exempt)") },
};
IB_ENUM (ib_enum_snapshot_part, "snapshot_part");

/* Area lists per framework version: the judgement set changes over time, so it is data. */
static const char * const sif_areas[] = {
  "sif_help_and_protection", "sif_looked_after", "sif_adoption", "sif_care_leavers",
  "sif_leadership", "overall_effectiveness", NULL
};
static const char * const ilacs_2018_areas[] = {
  "impact_of_leaders", "help_and_protection", "children_in_care_and_care_leavers",
  "overall_effectiveness", NULL
};
static const char * const ilacs_2023_areas[] = {
  "impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers",
  "overall_effectiveness", NULL
};
static const char * const ilacs_2026_areas[] = {
  "impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers", NULL
};

/* Which areas speak to the same children across framework versions, so a grade's history can
 * run from SIF through each ILACS version. ILACS 2018 judged children in care and care
 * leavers together and later versions judge them apart, so that area is on both lines. */
static const char * const area_lines[][4] = {
  { "impact_of_leaders", "sif_leadership", NULL },
  { "help_and_protection", "sif_help_and_protection", NULL },
  { "children_in_care", "children_in_care_and_care_leavers", "sif_looked_after", NULL },
  { "care_leavers", "children_in_care_and_care_leavers", "sif_care_leavers", NULL },
  { "sif_adoption", NULL },
  { "overall_effectiveness", NULL },
};

int
ib_enum_index (const IbEnum *e,
               const char   *code)
{
  g_return_val_if_fail (e != NULL, -1);

  if (code == NULL)
    return -1;

  for (guint i = 0; i < e->n_values; i++)
    if (g_str_equal (e->values[i].code, code))
      return (int) i;

  return -1;
}

gboolean
ib_enum_has_code (const IbEnum *e,
                  const char   *code)
{
  return ib_enum_index (e, code) >= 0;
}

const char *
ib_enum_label (const IbEnum *e,
               const char   *code)
{
  int i = ib_enum_index (e, code);

  if (i < 0)
    return code;

  return g_dpgettext2 (GETTEXT_PACKAGE, e->values[i].context, e->values[i].label);
}

const char * const *
ib_framework_areas (const char *framework)
{
  if (g_strcmp0 (framework, "sif") == 0)
    return sif_areas;
  if (g_strcmp0 (framework, "ilacs_2018") == 0)
    return ilacs_2018_areas;
  if (g_strcmp0 (framework, "ilacs_2023") == 0)
    return ilacs_2023_areas;
  if (g_strcmp0 (framework, "ilacs_2026") == 0)
    return ilacs_2026_areas;
  return NULL;
}

gboolean
ib_framework_has_area (const char *framework,
                       const char *area)
{
  const char * const *areas = ib_framework_areas (framework);

  return areas != NULL && area != NULL && g_strv_contains (areas, area);
}

gboolean
ib_inspection_kind_is_graded (const char *kind)
{
  return g_strcmp0 (kind, "standard") == 0 || g_strcmp0 (kind, "short") == 0;
}

gboolean
ib_judgement_areas_related (const char *area,
                            const char *other)
{
  if (area == NULL || other == NULL)
    return FALSE;
  if (g_str_equal (area, other))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (area_lines); i++)
    if (g_strv_contains (area_lines[i], area) && g_strv_contains (area_lines[i], other))
      return TRUE;

  return FALSE;
}
