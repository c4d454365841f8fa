/* ib-pack-build.c: a pack's document from the store's data, as at a date, within its scope
 *
 * Everything the pack could show is taken, whichever appendices are chosen: the snapshot of
 * an issued pack is what the next pack is compared with, so it must hold the plan, the KPIs,
 * the risks and Ofsted's findings even when this pack prints only some of them.
 *
 * As at a past date, an action's colours are those of its latest statement on or before it,
 * a risk's residual score that of its latest review, an indicator's points those up to that
 * month; as at today, the records' own values (which a statement or a review set, or an
 * override did).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-pack"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ib-evidence.h"
#include "ib-overview.h"
#include "ib-pack-private.h"
#include "ib-plan-model.h"
#include "ib-record-json.h"
#include "ib-store-private.h"

typedef struct
{
  IbStore    *store;
  IbRecord   *report;
  const char *as_at;
  gboolean    now;
  char        as_at_month[8];
  char       *stale_before;
  const char *scope;
  const char *officer;
  GHashTable *actions;     /* id → IbRecord, the actions in scope */
  GHashTable *indicators;  /* ids linked from the actions in scope */
  GHashTable *risks;       /* ids linked from the actions in scope */
} Build;

static void
build_clear (Build *b)
{
  g_clear_pointer (&b->stale_before, g_free);
  g_clear_pointer (&b->actions, g_hash_table_unref);
  g_clear_pointer (&b->indicators, g_hash_table_unref);
  g_clear_pointer (&b->risks, g_hash_table_unref);
}

/* Copies @field of @record into @object under @name when it is set: the document leaves out
 * what is empty, so a snapshot is no larger than its content. */
static void
copy_field (JsonObject *object,
            const char *name,
            IbRecord   *record,
            const char *field)
{
  JsonNode *node = json_object_get_member (ib_record_get_fields (record), field);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    json_object_set_member (object, name, json_node_copy (node));
}

static void
copy_fields (JsonObject         *object,
             IbRecord           *record,
             const char * const *fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    copy_field (object, fields[i], record, fields[i]);
}

static void
set_string (JsonObject *object,
            const char *name,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

/* Marks @object exempt when @record is, with its paragraph: Part 1 leaves it out. */
static void
mark_class (JsonObject *object,
            IbRecord   *record)
{
  if (g_strcmp0 (ib_record_get_class (record), "exempt") != 0)
    return;

  json_object_set_string_member (object, "class", "exempt");
  json_object_set_int_member (object, "exempt_paragraph", ib_record_get_exempt_paragraph (record));
}

static JsonObject *
new_item (const char *kind,
          IbRecord   *record)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "item", kind);
  if (record != NULL)
    {
      json_object_set_string_member (object, "key", ib_record_get_id (record));
      mark_class (object, record);
      /* Invented demo content stays marked as such in the printed pack. */
      if (ib_record_get_bool (record, "sample"))
        json_object_set_boolean_member (object, "sample", TRUE);
    }
  return object;
}

static char *
date_minus_weeks (const char *date,
                  guint       weeks)
{
  GDate d;
  char buf[16];

  g_date_clear (&d, 1);
  g_date_set_parse (&d, date);
  if (!g_date_valid (&d))
    return g_strdup (date);
  g_date_subtract_days (&d, weeks * 7);
  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
  return g_strdup (buf);
}

/* The report */

static JsonObject *
report_object (Build *b)
{
  static const char * const fields[] = {
    "subject", "executive_summary", "recommendations", "reason", "portfolio_holders",
    "corporate_director", "authors", "wards", "classification", "background",
    "financial_implications", "legal_implications", "human_resources_implications",
    "sustainability_implications", "public_health_implications", "equality_implications",
    "risk_assessment", "background_papers", "appendix_plan", "appendix_kpis", "appendix_risks",
    "appendix_ofsted", "appendix_since", "scope", "scope_officer", "version", "issued_on",
    "sample", NULL
  };
  IbRecord *report = b->report;
  JsonObject *object = json_object_new ();
  const char *priority_id = ib_record_get_string (report, "scope_priority");
  const char *supersedes_id = ib_record_get_string (report, "supersedes");

  set_string (object, "id", ib_record_get_id (report));
  copy_fields (object, report, fields);
  json_object_set_string_member (object, "class", ib_record_get_class (report));
  if (ib_record_get_exempt_paragraph (report) > 0)
    json_object_set_int_member (object, "exempt_paragraph", ib_record_get_exempt_paragraph (report));
  if (!json_object_has_member (object, "scope"))
    json_object_set_string_member (object, "scope", "programme");
  if (!json_object_has_member (object, "version"))
    json_object_set_int_member (object, "version", 1);

  if (priority_id != NULL)
    {
      g_autoptr (IbRecord) priority = ib_store_get (b->store, &ib_type_priority, priority_id, NULL);

      if (priority != NULL)
        {
          JsonObject *p = json_object_new ();

          copy_fields (p, priority, (const char * const []) { "code", "title", NULL });
          json_object_set_object_member (object, "scope_priority", p);
        }
    }

  if (supersedes_id != NULL)
    {
      g_autoptr (IbRecord) earlier = ib_store_get (b->store, &ib_type_report, supersedes_id, NULL);

      if (earlier != NULL)
        {
          JsonObject *s = json_object_new ();

          copy_fields (s, earlier, (const char * const []) { "subject", "version", "issued_on", NULL });
          json_object_set_object_member (object, "supersedes", s);
        }
    }

  return object;
}

/* The plan in force: a priority's own plan; otherwise, as at today, the active (or newest)
 * plan as the Overview takes it, and as at a past date the latest plan started by then. */
static IbRecord *
plan_in_force (Build  *b,
               char  **priority_id)
{
  IbRecord *plan = NULL;

  if (g_strcmp0 (b->scope, "priority") == 0)
    {
      const char *id = ib_record_get_string (b->report, "scope_priority");
      g_autoptr (IbRecord) priority = id != NULL ? ib_store_get (b->store, &ib_type_priority, id, NULL) : NULL;

      if (priority == NULL)
        return NULL;
      *priority_id = g_strdup (id);
      return ib_store_get (b->store, &ib_type_plan, ib_record_get_string (priority, "plan"), NULL);
    }

  if (!b->now)
    plan = _ib_store_query_one (b->store, &ib_type_plan,
                                "WHERE deleted = 0 AND starts_on <= ?1 ORDER BY starts_on DESC LIMIT 1",
                                b->as_at);
  if (plan == NULL)
    plan = _ib_store_query_one (b->store, &ib_type_plan,
                                "WHERE deleted = 0 ORDER BY status = 'active' DESC, starts_on DESC LIMIT 1",
                                NULL);
  return plan;
}

static gboolean
action_in_scope (Build      *b,
                 IbRecord   *action,
                 const char *priority_id)
{
  if (g_strcmp0 (b->scope, "priority") == 0)
    return g_strcmp0 (ib_record_get_string (action, "priority"), priority_id) == 0;
  if (g_strcmp0 (b->scope, "officer") == 0)
    return b->officer != NULL && g_strcmp0 (ib_record_get_string (action, "accountable_officer"), b->officer) == 0;
  return TRUE;
}

static void
add_refs (GHashTable *set,
          IbRecord   *record,
          const char *field)
{
  g_auto (GStrv) ids = ib_record_get_refs (record, field);

  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (ids[i]));
}

static JsonObject *
statement_object (IbRecord *statement)
{
  JsonObject *object = new_item ("statement", statement);

  copy_fields (object, statement, (const char * const []) {
    "as_at", "author", "narrative", "next_steps", "delivery_rag", "impact_rag", NULL });
  return object;
}

static void
add_plan (Build      *b,
          JsonObject *document)
{
  g_autofree char *priority_id = NULL;
  g_autoptr (IbRecord) plan = plan_in_force (b, &priority_id);
  g_autoptr (GListModel) priorities = NULL;
  g_autoptr (GListModel) actions = NULL;
  g_autoptr (GHashTable) latest = NULL;
  g_autoptr (GHashTable) newest = NULL;
  g_autoptr (GPtrArray) flagged = NULL;
  JsonArray *priority_array = json_array_new ();
  JsonArray *action_array = json_array_new ();

  json_object_set_array_member (document, "priorities", priority_array);
  json_object_set_array_member (document, "actions", action_array);

  if (plan == NULL)
    return;

  {
    JsonObject *p = json_object_new ();

    copy_fields (p, plan, (const char * const []) { "title", "version_label", NULL });
    mark_class (p, plan);
    json_object_set_object_member (document, "plan", p);
  }

  priorities = ib_store_list_where (b->store, &ib_type_priority, "plan", ib_record_get_id (plan));
  for (guint i = 0; i < g_list_model_get_n_items (priorities); i++)
    {
      g_autoptr (IbRecord) priority = g_list_model_get_item (priorities, i);
      JsonObject *p;

      if (priority_id != NULL && g_strcmp0 (ib_record_get_id (priority), priority_id) != 0)
        continue;
      p = new_item ("priority", priority);
      copy_fields (p, priority, (const char * const []) { "code", "title", NULL });
      json_array_add_object_element (priority_array, p);
    }

  latest = ib_plan_latest_statements (b->store, ib_record_get_id (plan), b->as_at);
  newest = ib_plan_newest_statement_dates (b->store, ib_record_get_id (plan));

  /* Evidence is read as things stand, so only a pack of today carries the flag: one built as
   * at another date shows none, as the plan view does "as at" a date. */
  if (b->now)
    flagged = ib_evidence_flagged_actions (b->store, ib_record_get_id (plan), NULL);

  actions = ib_store_list_where (b->store, &ib_type_action, "plan", ib_record_get_id (plan));
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr (IbRecord) action = g_list_model_get_item (actions, i);
      IbRecord *statement;
      const char *id = ib_record_get_id (action);
      const char *status = ib_record_get_string (action, "status");
      const char *due = ib_record_get_string (action, "due_on");
      const char *newest_on = g_hash_table_lookup (newest, id);
      const char *last_on;
      JsonObject *a;
      gboolean complete;

      if (!action_in_scope (b, action, priority_id))
        continue;

      statement = g_hash_table_lookup (latest, id);
      last_on = statement != NULL ? ib_record_get_string (statement, "as_at") : NULL;

      a = new_item ("action", action);
      copy_fields (a, action, (const char * const []) {
        "priority", "ref", "title", "lead_service", "horizon", "starts_on", "due_on", "status",
        "linked_indicators", "linked_risks", NULL });
      copy_field (a, "officer", action, "accountable_officer");

      if (b->now)
        {
          copy_fields (a, action, (const char * const []) { "delivery_rag", "impact_rag", NULL });
          complete = g_strcmp0 (status, "complete") == 0;
        }
      else
        {
          if (statement != NULL)
            copy_fields (a, statement, (const char * const []) { "delivery_rag", "impact_rag", NULL });
          /* Status has no history; an action counts as complete on the date only when nothing
           * was reported about it afterwards, so it was already in its final state. */
          complete = g_strcmp0 (status, "complete") == 0 &&
                     (newest_on == NULL || strcmp (newest_on, b->as_at) <= 0);
          /* Nor has any other status a history: today's would tell the past what came later. */
          if (!complete)
            json_object_remove_member (a, "status");
        }

      json_object_set_boolean_member (a, "complete", complete);
      json_object_set_boolean_member (a, "overdue", !complete && due != NULL && strcmp (due, b->as_at) < 0);
      /* Due when the last statement, or the action's start if it has none, is older than the
       * Overview's six weeks: a plan that has just started is not behind. */
      {
        const char *since = last_on != NULL ? last_on : ib_record_get_string (action, "starts_on");

        json_object_set_boolean_member (a, "statement_due",
                                        !complete && (since == NULL || strcmp (since, b->stale_before) < 0));
      }
      if (statement != NULL)
        json_object_set_object_member (a, "statement", statement_object (statement));
      for (guint f = 0; flagged != NULL && f < flagged->len; f++)
        if (g_str_equal (flagged->pdata[f], id))
          json_object_set_boolean_member (a, "not_improving", TRUE);

      json_array_add_object_element (action_array, a);
      g_hash_table_insert (b->actions, g_strdup (id), g_object_ref (action));
      add_refs (b->indicators, action, "linked_indicators");
      add_refs (b->risks, action, "linked_risks");
    }
}

/* KPIs */

static JsonObject *
point_object (IbRecord *measurement)
{
  JsonObject *object = new_item ("point", NULL);

  mark_class (object, measurement);
  /* The publication a figure was imported from, and when it was released: the pack names the
   * source of each chart, as the papers it replaces did. */
  copy_fields (object, measurement, (const char * const []) {
    "period", "value", "england", "stat_neighbours", "region", "note", "source_publication",
    "source_published", NULL });
  return object;
}

static void
add_indicators (Build      *b,
                JsonObject *document)
{
  g_autoptr (GListModel) indicators = ib_store_list (b->store, &ib_type_indicator);
  g_autofree char *columns = _ib_store_columns (&ib_type_measurement);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM measurement WHERE indicator = ?1 AND deleted = 0"
                                          " AND period <= ?2 ORDER BY period DESC LIMIT %d",
                                          columns, IB_PACK_PERIODS);
  JsonArray *array = json_array_new ();
  gboolean programme = g_strcmp0 (b->scope, "programme") == 0;

  json_object_set_array_member (document, "indicators", array);

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr (IbRecord) indicator = g_list_model_get_item (indicators, i);
      g_autoptr (GPtrArray) points = g_ptr_array_new_with_free_func (g_object_unref);
      sqlite3_stmt *stmt;
      JsonObject *k;
      JsonArray *point_array;

      if (!programme && !g_hash_table_contains (b->indicators, ib_record_get_id (indicator)))
        continue;

      stmt = _ib_store_prepare (b->store, sql, NULL);
      if (stmt == NULL)
        return;
      sqlite3_bind_text (stmt, 1, ib_record_get_id (indicator), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, b->as_at_month, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (points, _ib_store_record_from_row (&ib_type_measurement, stmt));
      sqlite3_reset (stmt);

      /* An indicator with nothing measured by then is not yet part of the scorecard. */
      if (points->len == 0)
        continue;

      k = new_item ("indicator", indicator);
      copy_fields (k, indicator, (const char * const []) {
        "code", "title", "category", "unit", "decimals", "polarity", "frequency", "target",
        "tolerance", NULL });
      point_array = json_array_new ();
      for (guint p = points->len; p > 0; p--)
        json_array_add_object_element (point_array, point_object (points->pdata[p - 1]));
      json_object_set_array_member (k, "points", point_array);
      /* Its points carry their sources: a pack issued before they did says nothing of them,
       * rather than calling imported figures the council's own. */
      json_object_set_boolean_member (k, "sourced", TRUE);
      json_array_add_object_element (array, k);
    }
}

/* Risks */

static gboolean
risk_in_scope (Build    *b,
               IbRecord *risk)
{
  g_auto (GStrv) linked = NULL;

  if (g_strcmp0 (b->scope, "programme") == 0)
    return TRUE;
  if (g_hash_table_contains (b->risks, ib_record_get_id (risk)))
    return TRUE;
  if (g_strcmp0 (b->scope, "officer") == 0 && b->officer != NULL &&
      g_strcmp0 (ib_record_get_string (risk, "owner"), b->officer) == 0)
    return TRUE;

  linked = ib_record_get_refs (risk, "linked_actions");
  for (guint i = 0; linked[i] != NULL; i++)
    if (g_hash_table_contains (b->actions, linked[i]))
      return TRUE;

  return FALSE;
}

/* As at a past date: the latest review on or before it gives the residual score; a risk whose
 * reviews all come later was not yet on the register. A review stricter than its risk makes
 * the risk's entry as strict. Returns FALSE to leave the risk out. */
static gboolean
risk_as_at (Build      *b,
            IbRecord   *risk,
            JsonObject *object)
{
  sqlite3_stmt *stmt = _ib_store_prepare (b->store,
    "SELECT residual_l, residual_i, class, exempt_paragraph, reviewed_on,"
    " (SELECT max (reviewed_on) FROM risk_review WHERE risk = ?1 AND deleted = 0)"
    " FROM risk_review WHERE risk = ?1 AND deleted = 0 AND reviewed_on <= ?2"
    " ORDER BY reviewed_on DESC LIMIT 1", NULL);
  gboolean keep = TRUE;

  if (stmt == NULL)
    return TRUE;

  sqlite3_bind_text (stmt, 1, ib_record_get_id (risk), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, b->as_at, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *last = (const char *) sqlite3_column_text (stmt, 5);

      json_object_set_int_member (object, "residual_l", sqlite3_column_int (stmt, 0));
      json_object_set_int_member (object, "residual_i", sqlite3_column_int (stmt, 1));
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "exempt") == 0 &&
          !json_object_has_member (object, "class"))
        {
          json_object_set_string_member (object, "class", "exempt");
          json_object_set_int_member (object, "exempt_paragraph", sqlite3_column_int (stmt, 3));
        }
      /* Closed is today's status: it held on the date only if no review came after. */
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "status", NULL), "closed") == 0 &&
          g_strcmp0 (last, b->as_at) > 0)
        json_object_set_string_member (object, "status", "open");
    }
  else
    {
      sqlite3_reset (stmt);
      stmt = _ib_store_prepare (b->store, "SELECT 1 FROM risk_review WHERE risk = ?1 AND deleted = 0 LIMIT 1", NULL);
      if (stmt == NULL)
        return TRUE;
      sqlite3_bind_text (stmt, 1, ib_record_get_id (risk), -1, SQLITE_TRANSIENT);
      keep = sqlite3_step (stmt) != SQLITE_ROW;
    }
  sqlite3_reset (stmt);

  return keep;
}

static void
add_risks (Build      *b,
           JsonObject *document)
{
  g_autoptr (GListModel) risks = ib_store_list (b->store, &ib_type_risk);
  JsonArray *array = json_array_new ();

  json_object_set_array_member (document, "risks", array);

  for (guint i = 0; i < g_list_model_get_n_items (risks); i++)
    {
      g_autoptr (IbRecord) risk = g_list_model_get_item (risks, i);
      JsonObject *r;

      if (!risk_in_scope (b, risk))
        continue;

      r = new_item ("risk", risk);
      copy_fields (r, risk, (const char * const []) {
        "ref", "title", "owner", "category", "inherent_l", "inherent_i", "residual_l",
        "residual_i", "target_l", "target_i", "response", "status", "next_review", "controls",
        NULL });
      if (!b->now && !risk_as_at (b, risk, r))
        {
          json_object_unref (r);
          continue;
        }
      json_array_add_object_element (array, r);
    }
}

/* Ofsted */

static JsonObject *
link_object (Build      *b,
             const char *action_id)
{
  g_autoptr (IbRecord) action = ib_store_get (b->store, &ib_type_action, action_id, NULL);
  JsonObject *object;

  if (action == NULL)
    return NULL;

  object = new_item ("link", action);
  copy_fields (object, action, (const char * const []) { "ref", "title", NULL });
  return object;
}

static void
add_inspections (Build      *b,
                 JsonObject *document)
{
  g_autoptr (GListModel) inspections = ib_store_list (b->store, &ib_type_inspection);
  JsonArray *array = json_array_new ();
  gboolean programme = g_strcmp0 (b->scope, "programme") == 0;

  json_object_set_array_member (document, "inspections", array);

  for (guint i = 0; i < g_list_model_get_n_items (inspections); i++)
    {
      g_autoptr (IbRecord) inspection = g_list_model_get_item (inspections, i);
      g_autoptr (GListModel) judgements = NULL;
      g_autoptr (GListModel) findings = NULL;
      const char *id = ib_record_get_id (inspection);
      JsonArray *judgement_array = json_array_new ();
      JsonArray *finding_array = json_array_new ();
      JsonObject *o;

      if (g_strcmp0 (ib_record_get_string (inspection, "starts_on"), b->as_at) > 0)
        {
          json_array_unref (judgement_array);
          json_array_unref (finding_array);
          continue;
        }

      /* In the framework's order, as Ofsted prints them: overall effectiveness last. */
      judgements = ib_store_list_where (b->store, &ib_type_judgement, "inspection", id);
      {
        const char * const *areas = ib_framework_areas (ib_record_get_string (inspection, "framework"));
        guint n = g_list_model_get_n_items (judgements);
        g_autofree gboolean *taken = g_new0 (gboolean, n + 1);

        for (guint k = 0; programme && k <= (areas != NULL ? g_strv_length ((char **) areas) : 0); k++)
          for (guint j = 0; j < n; j++)
            {
              g_autoptr (IbRecord) judgement = g_list_model_get_item (judgements, j);
              JsonObject *g;

              /* The framework's areas in turn, then any it does not have. */
              if (taken[j] || (areas != NULL && areas[k] != NULL &&
                               g_strcmp0 (ib_record_get_string (judgement, "area"), areas[k]) != 0))
                continue;
              taken[j] = TRUE;
              g = new_item ("judgement", judgement);
              copy_fields (g, judgement, (const char * const []) { "area", "grade", NULL });
              json_array_add_object_element (judgement_array, g);
            }
      }

      findings = ib_store_list_where (b->store, &ib_type_finding, "inspection", id);
      for (guint f = 0; f < g_list_model_get_n_items (findings); f++)
        {
          g_autoptr (IbRecord) finding = g_list_model_get_item (findings, f);
          g_auto (GStrv) linked = ib_record_get_refs (finding, "linked_actions");
          JsonArray *links = json_array_new ();
          gboolean answers_scope = FALSE;
          JsonObject *fo;

          for (guint a = 0; linked[a] != NULL; a++)
            {
              JsonObject *link = link_object (b, linked[a]);

              if (link != NULL)
                json_array_add_object_element (links, link);
              answers_scope |= g_hash_table_contains (b->actions, linked[a]);
            }

          if (!programme && !answers_scope)
            {
              json_array_unref (links);
              continue;
            }

          fo = new_item ("finding", finding);
          copy_fields (fo, finding, (const char * const []) { "kind", "text", "paragraph", NULL });
          json_object_set_array_member (fo, "actions", links);
          json_array_add_object_element (finding_array, fo);
        }

      /* A scoped pack shows the engagements whose findings its actions answer. */
      if (!programme && json_array_get_length (finding_array) == 0)
        {
          json_array_unref (judgement_array);
          json_array_unref (finding_array);
          continue;
        }

      o = new_item ("inspection", inspection);
      copy_fields (o, inspection, (const char * const []) {
        "kind", "framework", "starts_on", "ends_on", "published_on", "visit_number",
        "lead_inspector", "theme", "summary", "link", NULL });
      json_object_set_array_member (o, "judgements", judgement_array);
      json_object_set_array_member (o, "findings", finding_array);
      json_array_add_object_element (array, o);
    }
}

JsonObject *
_ib_pack_build_document (IbStore     *store,
                         IbRecord    *report,
                         const char  *as_at,
                         gboolean     now,
                         GError     **error)
{
  g_autoptr (IbRecord) meeting = NULL;
  g_autoptr (JsonObject) document = NULL;
  Build b = { 0 };

  if (!ib_date_is_valid (as_at))
    {
      g_set_error (error, IB_PACK_ERROR, IB_PACK_ERROR_NOT_FOUND,
                   _("“%s” is not a date written YYYY-MM-DD"), as_at);
      return NULL;
    }

  /* A report that belongs to no meeting is the comparison's own (ib_pack_changes_since ()). */
  if (ib_record_has (report, "meeting"))
    {
      meeting = ib_store_get (store, &ib_type_meeting, ib_record_get_string (report, "meeting"), error);
      if (meeting == NULL)
        return NULL;
    }

  b.store = store;
  b.report = report;
  b.as_at = as_at;
  b.now = now;
  g_strlcpy (b.as_at_month, as_at, sizeof b.as_at_month);
  b.stale_before = date_minus_weeks (as_at, IB_OVERVIEW_STALE_WEEKS);
  b.scope = ib_record_get_string (report, "scope") != NULL ? ib_record_get_string (report, "scope") : "programme";
  b.officer = ib_record_get_string (report, "scope_officer");
  b.actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  b.indicators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.risks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  document = json_object_new ();
  json_object_set_int_member (document, "format", IB_PACK_FORMAT);
  json_object_set_object_member (document, "report", report_object (&b));
  if (meeting != NULL)
    {
      JsonObject *m = json_object_new ();

      copy_fields (m, meeting, (const char * const []) { "kind", "held_on", "title", NULL });
      json_object_set_object_member (document, "meeting", m);
    }
  json_object_set_string_member (document, "as_at", as_at);

  add_plan (&b, document);
  add_indicators (&b, document);
  add_risks (&b, document);
  add_inspections (&b, document);

  build_clear (&b);

  return g_steal_pointer (&document);
}
