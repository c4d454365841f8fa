/* ib-store-rules.c: the rules that need more than one record
 *
 * A record's own shape and dates are checked by ib_record_validate () and
 * ib_record_check_rules (); the rules here read other rows, so they belong to the store.
 * They apply to local writes only: what the server sends is already decided.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ib-enums.h"
#include "ib-store-private.h"
#include "ib-store.h"

static gboolean
refuse (const char  *field,
        const char **field_out,
        GError     **error,
        char        *message)
{
  if (field_out != NULL)
    *field_out = field;
  g_set_error_literal (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID, message);
  g_free (message);
  return FALSE;
}

/* A judgement grades one area its inspection's framework judges, once. */
static gboolean
check_judgement (IbStore     *self,
                 IbRecord    *judgement,
                 const char **field,
                 GError     **error)
{
  const char *inspection_id = ib_record_get_string (judgement, "inspection");
  const char *area = ib_record_get_string (judgement, "area");
  g_autoptr (IbRecord) inspection = NULL;
  g_autoptr (GListModel) siblings = NULL;
  const char *framework;

  inspection = inspection_id != NULL ? ib_store_get (self, &ib_type_inspection, inspection_id, NULL) : NULL;
  if (inspection == NULL)
    return TRUE; /* a missing parent is the reference check's to name */

  if (!ib_inspection_kind_is_graded (ib_record_get_string (inspection, "kind")))
    return refuse ("inspection", field, error,
                   g_strdup_printf (_("A %s is not graded: only standard and short inspections have judgements."),
                                    ib_enum_label (&ib_enum_inspection_kind, ib_record_get_string (inspection, "kind"))));

  framework = ib_record_get_string (inspection, "framework");
  if (framework == NULL)
    return refuse ("inspection", field, error,
                   g_strdup (_("Set the inspection’s framework first: the areas it judges depend on it.")));

  if (!ib_framework_has_area (framework, area))
    /* Translators: the first %s is a judgement area, the second an Ofsted framework, e.g. "ILACS (2018)" */
    return refuse ("area", field, error,
                   g_strdup_printf (_("“%s” is not judged under %s. Choose one of its areas."),
                                    ib_enum_label (&ib_enum_judgement_area, area),
                                    ib_enum_label (&ib_enum_framework, framework)));

  siblings = ib_store_list_where (self, &ib_type_judgement, "inspection", inspection_id);
  for (guint i = 0; i < g_list_model_get_n_items (siblings); i++)
    {
      g_autoptr (IbRecord) other = g_list_model_get_item (siblings, i);

      if (g_strcmp0 (ib_record_get_string (other, "area"), area) == 0 &&
          g_strcmp0 (ib_record_get_id (other), ib_record_get_id (judgement)) != 0)
        return refuse ("area", field, error,
                       g_strdup_printf (_("This inspection already has a grade for “%s”. Change that one instead."),
                                        ib_enum_label (&ib_enum_judgement_area, area)));
    }

  return TRUE;
}

/* An inspection's kind and framework must keep fitting the judgements already recorded. */
static gboolean
check_inspection (IbStore     *self,
                  IbRecord    *inspection,
                  const char **field,
                  GError     **error)
{
  g_autoptr (GListModel) judgements = ib_store_list_where (self, &ib_type_judgement, "inspection",
                                                           ib_record_get_id (inspection));
  const char *framework = ib_record_get_string (inspection, "framework");

  if (g_list_model_get_n_items (judgements) == 0)
    return TRUE;

  if (!ib_inspection_kind_is_graded (ib_record_get_string (inspection, "kind")))
    return refuse ("kind", field, error,
                   g_strdup (_("This engagement has judgements, so it must stay a standard or short inspection. Delete its judgements first.")));

  for (guint i = 0; i < g_list_model_get_n_items (judgements); i++)
    {
      g_autoptr (IbRecord) judgement = g_list_model_get_item (judgements, i);
      const char *area = ib_record_get_string (judgement, "area");

      if (framework == NULL)
        return refuse ("framework", field, error,
                       g_strdup (_("This inspection has judgements, so it needs a framework.")));
      if (!ib_framework_has_area (framework, area))
        /* Translators: the first %s is a judgement area, the second an Ofsted framework */
        return refuse ("framework", field, error,
                       g_strdup_printf (_("Its judgements include “%s”, which %s does not judge. Change or delete that judgement first."),
                                        ib_enum_label (&ib_enum_judgement_area, area),
                                        ib_enum_label (&ib_enum_framework, framework)));
    }

  return TRUE;
}

/* One value per indicator and month: a second is named, not left to the unique index. */
static gboolean
check_measurement (IbStore     *self,
                   IbRecord    *measurement,
                   const char **field,
                   GError     **error)
{
  const char *indicator_id = ib_record_get_string (measurement, "indicator");
  const char *period = ib_record_get_string (measurement, "period");
  g_autoptr (GListModel) months = NULL;

  if (indicator_id == NULL || period == NULL)
    return TRUE;

  months = ib_store_list_where (self, &ib_type_measurement, "indicator", indicator_id);
  for (guint i = 0; i < g_list_model_get_n_items (months); i++)
    {
      g_autoptr (IbRecord) other = g_list_model_get_item (months, i);

      if (g_strcmp0 (ib_record_get_string (other, "period"), period) == 0 &&
          g_strcmp0 (ib_record_get_id (other), ib_record_get_id (measurement)) != 0)
        {
          g_autoptr (IbRecord) indicator = ib_store_get (self, &ib_type_indicator, indicator_id, NULL);

          if (field != NULL)
            *field = "period";
          g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CONSTRAINT,
                       /* Translators: an indicator's code and a month (YYYY-MM) */
                       _("%s already has a value for %s. Change that month’s value instead."),
                       indicator != NULL ? ib_record_get_string (indicator, "code") : indicator_id, period);
          return FALSE;
        }
    }

  return TRUE;
}

/* Issued packs.
 *
 * An issued pack is what the board received. Every device must open the same pack for ever,
 * whatever is edited later, so once issued_on is set neither the report's fields, nor its
 * class, nor a piece of its snapshot may change, be added or be deleted: a correction is a
 * new version that supersedes it (ib_pack_new_version ()). Sync applies what the server
 * decided without these checks; they stop local edits, which is where a change would start. */

static gboolean
refuse_issued (IbRecord    *report,
               const char  *field,
               const char **field_out,
               GError     **error)
{
  /* Translators: %s is the date a pack was issued (YYYY-MM-DD) */
  return refuse (field, field_out, error,
                 g_strdup_printf (_("This pack was issued on %s and cannot be changed: it stays as the board received it. To correct it, make a new version."),
                                  ib_record_get_string (report, "issued_on")));
}

static gboolean
nodes_differ (JsonNode *a,
              JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null != b_null;
  return !json_node_equal (a, b);
}

/* Returns TRUE when the pieces of issue @issue of @report_id's Part 1 are all there: the
 * pack can be read back, so the report may say it is issued. */
static gboolean
snapshot_complete (IbStore    *self,
                   const char *report_id,
                   const char *issue)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self,
    "SELECT count (DISTINCT sequence), min (count), max (count), min (sequence), max (sequence)"
    " FROM report_snapshot WHERE report = ?1 AND issue = ?2 AND part = 'part1' AND deleted = 0", NULL);
  gboolean complete = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, report_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, issue, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 n = sqlite3_column_int64 (stmt, 0);

      complete = n > 0 && sqlite3_column_int64 (stmt, 1) == n && sqlite3_column_int64 (stmt, 2) == n &&
                 sqlite3_column_int64 (stmt, 3) == 1 && sqlite3_column_int64 (stmt, 4) == n;
    }
  sqlite3_reset (stmt);

  return complete;
}

static gboolean
check_report (IbStore     *self,
              IbRecord    *report,
              const char **field,
              GError     **error)
{
  g_autoptr (IbRecord) stored = ib_store_get (self, &ib_type_report, ib_record_get_id (report), NULL);
  const char *issue = ib_record_get_string (report, "snapshot");

  if (stored != NULL && ib_record_has (stored, "issued_on"))
    {
      const IbRecordType *type = &ib_type_report;

      if (g_strcmp0 (ib_record_get_class (stored), ib_record_get_class (report)) != 0 ||
          ib_record_get_exempt_paragraph (stored) != ib_record_get_exempt_paragraph (report))
        return refuse_issued (stored, "class", field, error);

      for (guint i = 0; i < type->n_fields; i++)
        if (nodes_differ (json_object_get_member (ib_record_get_fields (stored), type->fields[i].name),
                          json_object_get_member (ib_record_get_fields (report), type->fields[i].name)))
          return refuse_issued (stored, type->fields[i].name, field, error);

      return TRUE;
    }

  /* Issuing: the report may say so only once its snapshot is there to be read. */
  if (ib_record_has (report, "issued_on") &&
      (issue == NULL || !snapshot_complete (self, ib_record_get_id (report), issue)))
    return refuse ("issued_on", field, error,
                   g_strdup (_("A pack is issued by freezing its content: issue it from its meeting, so its snapshot is stored with it.")));

  return TRUE;
}

static gboolean
check_report_snapshot (IbStore     *self,
                       IbRecord    *piece,
                       const char **field,
                       GError     **error)
{
  g_autoptr (IbRecord) stored = ib_store_get (self, &ib_type_report_snapshot, ib_record_get_id (piece), NULL);
  g_autoptr (IbRecord) report = NULL;
  const char *report_id = ib_record_get_string (piece, "report");

  if (stored != NULL)
    return refuse ("content", field, error,
                   g_strdup (_("A pack’s snapshot is written once, when the pack is issued, and never changed.")));

  report = report_id != NULL ? ib_store_get (self, &ib_type_report, report_id, NULL) : NULL;
  if (report != NULL && ib_record_has (report, "issued_on"))
    return refuse_issued (report, "report", field, error);

  return TRUE;
}

gboolean
_ib_store_check_delete (IbStore            *self,
                        const IbRecordType *type,
                        const char         *id,
                        GError            **error)
{
  g_autoptr (IbRecord) report = NULL;

  if (type == &ib_type_report)
    report = ib_store_get (self, type, id, NULL);
  else if (type == &ib_type_report_snapshot)
    {
      g_autoptr (IbRecord) piece = ib_store_get (self, type, id, NULL);

      if (piece != NULL)
        report = ib_store_get (self, &ib_type_report, ib_record_get_string (piece, "report"), NULL);
    }

  if (report != NULL && ib_record_has (report, "issued_on"))
    return refuse_issued (report, NULL, NULL, error);

  return TRUE;
}

gboolean
ib_store_check_record (IbStore     *self,
                       IbRecord    *record,
                       const char **field,
                       GError     **error)
{
  const IbRecordType *type;

  g_return_val_if_fail (IB_IS_STORE (self), FALSE);
  g_return_val_if_fail (IB_IS_RECORD (record), FALSE);

  if (ib_record_get_deleted (record))
    return TRUE;

  type = ib_record_get_record_type (record);
  if (type == &ib_type_judgement)
    return check_judgement (self, record, field, error);
  if (type == &ib_type_inspection)
    return check_inspection (self, record, field, error);
  if (type == &ib_type_measurement)
    return check_measurement (self, record, field, error);
  if (type == &ib_type_report)
    return check_report (self, record, field, error);
  if (type == &ib_type_report_snapshot)
    return check_report_snapshot (self, record, field, error);

  return TRUE;
}
