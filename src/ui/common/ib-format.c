/* ib-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "ib-format.h"
#include "ib-record-json.h"

static GDateTime *
parse_date (const char *date)
{
  if (!ib_date_is_valid (date))
    return NULL;

  return g_date_time_new_utc (atoi (date), atoi (date + 5), atoi (date + 8), 0, 0, 0);
}

char *
ib_format_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

char *
ib_format_date (const char *date)
{
  g_autoptr (GDateTime) dt = parse_date (date);

  if (dt == NULL)
    return g_strdup (date ? date : "");

  /* Translators: a full date; see strftime(3). Reorder for your language, e.g. "%-d %B %Y" */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

char *
ib_format_date_range (const char *start,
                      const char *end)
{
  g_autoptr (GDateTime) a = parse_date (start);
  g_autoptr (GDateTime) b = parse_date (end);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (a == NULL)
    return g_strdup ("");
  if (b == NULL || g_date_time_compare (a, b) == 0)
    return ib_format_date (start);

  last = g_date_time_format (b, _("%-d %B %Y"));

  if (g_date_time_get_year (a) == g_date_time_get_year (b) &&
      g_date_time_get_month (a) == g_date_time_get_month (b))
    /* Translators: the first day of a range within one month; see strftime(3) */
    first = g_date_time_format (a, C_("date range start, same month", "%-d"));
  else if (g_date_time_get_year (a) == g_date_time_get_year (b))
    first = g_date_time_format (a, C_("date range start, same year", "%-d %B"));
  else
    first = g_date_time_format (a, _("%-d %B %Y"));

  /* Translators: a date range, e.g. "6–17 December 2021" */
  return g_strdup_printf (C_("date range", "%s–%s"), first, last);
}

char *
ib_format_period (const char *period)
{
  g_autoptr (GDateTime) dt = NULL;

  if (!ib_period_is_valid (period))
    return g_strdup (period ? period : "");

  dt = g_date_time_new_utc (atoi (period), atoi (period + 5), 1, 0, 0, 0);
  /* Translators: a month and year; see strftime(3) */
  return g_date_time_format (dt, _("%B %Y"));
}

char *
ib_format_value (IbRecord *indicator,
                 double    value)
{
  const char *unit = ib_record_get_string (indicator, "unit");
  int decimals = (int) ib_record_get_int (indicator, "decimals", 0);
  g_autofree char *number = NULL;

  if (isnan (value))
    return g_strdup (C_("value", "No value"));

  /* %' groups thousands the locale's way. */
  number = g_strdup_printf ("%'.*f", CLAMP (decimals, 0, 4), value);

  if (g_strcmp0 (unit, "percent") == 0)
    /* Translators: a percentage value, e.g. "31%" */
    return g_strdup_printf (C_("value", "%s%%"), number);
  if (g_strcmp0 (unit, "rate_per_10k") == 0)
    return g_strdup_printf (C_("value", "%s per 10,000"), number);
  if (g_strcmp0 (unit, "days") == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days",
                                         fabs (value - 1) < 1e-9 ? 1 : 2), number);

  return g_steal_pointer (&number);
}

const char *
ib_format_record_type (const char *type)
{
  static const struct { const char *code; const char *label; } names[] = {
    { "plan", NC_("record type", "Plan") },
    { "priority", NC_("record type", "Priority area") },
    { "action", NC_("record type", "Action") },
    { "position_statement", NC_("record type", "Position statement") },
    { "inspection", NC_("record type", "Inspection") },
    { "judgement", NC_("record type", "Judgement") },
    { "finding", NC_("record type", "Finding") },
    { "indicator", NC_("record type", "Indicator") },
    { "measurement", NC_("record type", "Monthly value") },
    { "risk", NC_("record type", "Risk") },
    { "risk_review", NC_("record type", "Risk review") },
    { "meeting", NC_("record type", "Meeting") },
    /* Translators: a report to a meeting, as councils call the papers a board receives */
    { "report", NC_("record type", "Pack") },
    { "report_snapshot", NC_("record type", "Issued pack content") },
    { "intervention", NC_("record type", "Intervention step") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (type, names[i].code) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "record type", names[i].label);

  return C_("record type", "Record");
}

char *
ib_format_field_name (const char *field)
{
  static const struct { const char *code; const char *label; } names[] = {
    { "title", NC_("field", "Title") },
    { "definition", NC_("field", "Definition") },
    { "unit", NC_("field", "Unit") },
    { "decimals", NC_("field", "Decimal places") },
    { "polarity", NC_("field", "Polarity") },
    { "frequency", NC_("field", "Frequency") },
    { "target", NC_("field", "Target") },
    /* Translators: how far from the target still counts as "within tolerance" */
    { "tolerance", NC_("field", "Tolerance") },
    { "indicator", NC_("field", "Indicator") },
    { "period", NC_("field", "Month") },
    { "numerator", NC_("field", "Numerator") },
    { "denominator", NC_("field", "Denominator") },
    { "england", NC_("field", "England") },
    { "stat_neighbours", NC_("field", "Statistical neighbours") },
    { "region", NC_("field", "Region") },
    { "held_on", NC_("field", "Date") },
    { "action", NC_("field", "Action") },
    { "risk", NC_("field", "Risk") },
    { "linked_indicators", NC_("field", "Linked KPIs") },
    { "linked_risks", NC_("field", "Linked risks") },
    { "linked_findings", NC_("field", "Findings it answers") },
    { "status", NC_("field", "Status") },
    { "description", NC_("field", "Description") },
    { "accountable_officer", NC_("field", "Accountable officer") },
    { "due_on", NC_("field", "Due date") },
    { "starts_on", NC_("field", "Start date") },
    { "ends_on", NC_("field", "End date") },
    { "delivery_rag", NC_("field", "Delivery RAG") },
    { "impact_rag", NC_("field", "Impact RAG") },
    { "narrative", NC_("field", "Narrative") },
    { "next_steps", NC_("field", "Next steps") },
    { "as_at", NC_("field", "As at") },
    { "owner", NC_("field", "Owner") },
    { "value", NC_("field", "Value") },
    { "ref", NC_("field", "Reference") },
    { "version_label", NC_("field", "Version") },
    { "lead_service", NC_("field", "Lead service") },
    { "horizon", NC_("field", "Horizon") },
    { "priority", NC_("field", "Priority area") },
    { "plan", NC_("field", "Plan") },
    { "author", NC_("field", "Author") },
    { "meeting", NC_("field", "Meeting") },
    { "subject", NC_("field", "Report subject") },
    { "executive_summary", NC_("field", "Executive summary") },
    { "recommendations", NC_("field", "Recommendations") },
    { "reason", NC_("field", "Reason for recommendations") },
    { "portfolio_holders", NC_("field", "Portfolio holder(s)") },
    { "corporate_director", NC_("field", "Corporate director") },
    { "authors", NC_("field", "Report authors") },
    { "wards", NC_("field", "Wards") },
    /* Translators: a council report's classification, e.g. "For decision", "For information" */
    { "classification", NC_("field", "Classification") },
    { "background", NC_("field", "Background") },
    { "financial_implications", NC_("field", "Summary of financial implications") },
    { "legal_implications", NC_("field", "Summary of legal implications") },
    { "human_resources_implications", NC_("field", "Summary of human resources implications") },
    { "sustainability_implications", NC_("field", "Summary of sustainability impact") },
    { "public_health_implications", NC_("field", "Summary of public health implications") },
    { "equality_implications", NC_("field", "Summary of equality implications") },
    { "risk_assessment", NC_("field", "Summary of risk assessment") },
    { "background_papers", NC_("field", "Background papers") },
    { "appendix_plan", NC_("field", "Appendix: the action plan and latest position statements") },
    { "appendix_kpis", NC_("field", "Appendix: the KPIs, with charts") },
    { "appendix_risks", NC_("field", "Appendix: the risk register, with heat maps") },
    { "appendix_ofsted", NC_("field", "Appendix: Ofsted judgements and findings") },
    { "appendix_since", NC_("field", "Appendix: since the last board") },
    /* Translators: what a pack covers: the whole programme, one priority area or one officer */
    { "scope", NC_("field", "Scope") },
    { "scope_priority", NC_("field", "Priority area covered") },
    { "scope_officer", NC_("field", "Accountable officer covered") },
    { "issued_on", NC_("field", "Issued on") },
    { "version", NC_("field", "Version") },
    { "supersedes", NC_("field", "Corrects") },
    { "code", NC_("field", "Code") },
    { "sort_order", NC_("field", "Position") },
    { "rag_override_reason", NC_("field", "Reason the RAG differs from the statement") },
    { "successor_plan", NC_("field", "Rolled forward into") },
    { "origin_inspection", NC_("field", "Inspection it answers") },
    { "kind", NC_("field", "Kind") },
    { "framework", NC_("field", "Framework") },
    { "published_on", NC_("field", "Published") },
    { "visit_number", NC_("field", "Visit number") },
    { "lead_inspector", NC_("field", "Lead inspector") },
    { "theme", NC_("field", "Theme") },
    { "summary", NC_("field", "Summary") },
    { "link", NC_("field", "Letter or report (web address)") },
    { "inspection", NC_("field", "Engagement") },
    { "area", NC_("field", "Judgement area") },
    { "grade", NC_("field", "Grade") },
    { "text", NC_("field", "Finding") },
    /* Translators: the number of the paragraph of Ofsted's report a finding is in */
    { "paragraph", NC_("field", "Report paragraph") },
    /* Translators: a position statement that corrects an earlier one names it here */
    { "corrects", NC_("field", "Corrects") },
    /* Translators: the legal power an intervention was made under */
    { "instrument", NC_("field", "Legal instrument") },
    { "adviser", NC_("field", "DfE adviser or commissioner") },
    { "review_on", NC_("field", "Next review") },
    { "linked_actions", NC_("field", "Actions that answer it") },
    { "category", NC_("field", "Category") },
    { "cause", NC_("field", "Cause") },
    { "event", NC_("field", "Event") },
    { "consequence", NC_("field", "Consequence") },
    /* Translators: likelihood and impact are scored 1 (lowest) to 5 (highest) */
    { "inherent_l", NC_("field", "Inherent likelihood (1–5)") },
    { "inherent_i", NC_("field", "Inherent impact (1–5)") },
    { "residual_l", NC_("field", "Residual likelihood (1–5)") },
    { "residual_i", NC_("field", "Residual impact (1–5)") },
    { "target_l", NC_("field", "Target likelihood (1–5)") },
    { "target_i", NC_("field", "Target impact (1–5)") },
    { "target_by", NC_("field", "Target date") },
    { "controls", NC_("field", "Existing controls") },
    { "further_actions", NC_("field", "Further actions") },
    /* Translators: a risk response: treat, tolerate, transfer or terminate */
    { "response", NC_("field", "Response") },
    { "appetite", NC_("field", "Risk appetite") },
    { "next_review", NC_("field", "Next review") },
    { "reviewed_on", NC_("field", "Reviewed on") },
    { "note", NC_("field", "Note") },
  };
  g_autofree char *tidy = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (field, names[i].code) == 0)
      return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "field", names[i].label));

  tidy = g_strdelimit (g_strdup (field), "_", ' ');
  if (tidy[0] != '\0')
    tidy[0] = g_ascii_toupper (tidy[0]);
  return g_steal_pointer (&tidy);
}

char *
ib_format_field_value (const IbRecordType *type,
                       const char         *field,
                       JsonNode           *value)
{
  const IbFieldSpec *spec = type != NULL ? ib_record_type_field (type, field) : NULL;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup (_("(empty)"));

  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (value);

      if (spec != NULL && spec->kind == IB_FIELD_ENUM)
        return g_strdup (ib_enum_label (spec->enum_type, text));
      if (spec != NULL && spec->kind == IB_FIELD_DATE)
        return ib_format_date (text);
      if (spec != NULL && spec->kind == IB_FIELD_PERIOD)
        return ib_format_period (text);
      return g_strdup (text);
    }

  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? _("Yes") : _("No"));

  if (JSON_NODE_HOLDS_VALUE (value))
    return g_strdup_printf ("%'g", json_node_get_double (value));

  return json_to_string (value, FALSE);
}

char *
ib_format_engagement_title (IbRecord *record)
{
  const char *kind = ib_record_get_string (record, "kind");

  if (ib_record_get_record_type (record) == &ib_type_intervention)
    return g_strdup (ib_enum_label (&ib_enum_intervention_kind, kind));

  if (g_strcmp0 (kind, "monitoring_visit") == 0 && ib_record_get_int (record, "visit_number", 0) > 0)
    /* Translators: an Ofsted monitoring visit and its number, e.g. "Monitoring visit 2" */
    return g_strdup_printf (_("Monitoring visit %d"), (int) ib_record_get_int (record, "visit_number", 0));

  return g_strdup (ib_enum_label (&ib_enum_inspection_kind, kind));
}

char *
ib_format_record_name (IbRecord *record)
{
  const char *ref = ib_record_has (record, "ref") ? ib_record_get_string (record, "ref") : NULL;
  const char *title = ib_record_has (record, "title") ? ib_record_get_string (record, "title") : NULL;

  if (title != NULL && ib_record_has (record, "held_on"))
    {
      g_autofree char *date = ib_format_date (ib_record_get_string (record, "held_on"));

      /* Translators: a meeting: its title and date, e.g. "Improvement Board, 6 May 2022" */
      return g_strdup_printf (C_("meeting name", "%s, %s"), title, date);
    }
  if (ib_record_get_record_type (record) == &ib_type_inspection ||
      ib_record_get_record_type (record) == &ib_type_intervention)
    {
      g_autofree char *date = ib_format_date (ib_record_get_string (record, "starts_on"));
      g_autofree char *kind = ib_format_engagement_title (record);

      /* Translators: an Ofsted engagement or a step of DfE intervention: its kind and first
       * day, e.g. "Focused visit, 6 October 2020" */
      return g_strdup_printf (C_("inspection name", "%s, %s"), kind, date);
    }
  if (ib_record_get_record_type (record) == &ib_type_report)
    {
      const char *subject = ib_record_get_string (record, "subject");
      gint64 version = ib_record_get_int (record, "version", 1);

      if (version > 1)
        /* Translators: a corrected pack: its subject and version, e.g. "Improvement Update, version 2" */
        return g_strdup_printf (C_("pack name", "%s, version %d"), subject != NULL ? subject : "", (int) version);
      return g_strdup (subject != NULL ? subject : ib_format_record_type ("report"));
    }
  if (ib_record_get_record_type (record) == &ib_type_judgement)
    return g_strdup (ib_enum_label (&ib_enum_judgement_area, ib_record_get_string (record, "area")));
  if (ib_record_get_record_type (record) == &ib_type_finding)
    {
      const char *text = ib_record_get_string (record, "text");

      /* Long findings make long toasts: the first words name it well enough. */
      if (text != NULL && g_utf8_strlen (text, -1) > 60)
        {
          g_autofree char *start = g_utf8_substring (text, 0, 57);
          return g_strconcat (start, "…", NULL);
        }
      return g_strdup (text != NULL ? text : "");
    }
  if (ref != NULL && title != NULL)
    /* Translators: an action or risk: its reference and its title, e.g. "3 · Audit practice" */
    return g_strdup_printf (C_("record name", "%s · %s"), ref, title);
  if (title != NULL)
    return g_strdup (title);
  if (ib_record_has (record, "as_at"))
    return ib_format_date (ib_record_get_string (record, "as_at"));
  if (ib_record_has (record, "period"))
    return ib_format_period (ib_record_get_string (record, "period"));
  return g_strdup (ib_format_record_type (ib_record_get_record_type (record)->name));
}
