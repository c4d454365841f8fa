/* ib-kpi-csv.c
 *
 * An import is checked whole before anything is written, and every problem found is named by
 * line and column (up to ten), so a person fixes the spreadsheet once, not once per error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-kpi-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ib-csv.h"
#include "ib-kpi-csv.h"
#include "ib-problems.h"
#include "ib-record-json.h"

static const char * const columns[] = {
  "indicator", "period", "value", "numerator", "denominator", "england", "stat_neighbours", "region", "note", NULL
};
static const char * const number_columns[] = {
  "value", "numerator", "denominator", "england", "stat_neighbours", "region", NULL
};

static void
change_free (IbKpiChange *change)
{
  g_clear_object (&change->record);
  g_free (change);
}

static gboolean
valid_period (const char *text)
{
  guint64 year, month;
  g_autofree char *y = NULL;

  if (strlen (text) != 7 || text[4] != '-')
    return FALSE;
  y = g_strndup (text, 4);
  return g_ascii_string_to_unsigned (y, 10, 1900, 2999, &year, NULL) &&
         g_ascii_string_to_unsigned (text + 5, 10, 1, 12, &month, NULL);
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  char *end = NULL;

  if (*text == '\0')
    {
      *value = NAN;
      return TRUE;
    }
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*value) && !g_ascii_isspace (text[0]);
}

static GHashTable *
indicators_by_code (IbStore *store)
{
  g_autoptr (GListModel) indicators = ib_store_list (store, &ib_type_indicator);
  GHashTable *by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      IbRecord *indicator = g_list_model_get_item (indicators, i);

      g_hash_table_insert (by_code, g_strdup (ib_record_get_string (indicator, "code")), indicator);
    }
  return by_code;
}

/* Returns the live measurement of @indicator_id for @period, or NULL. */
static IbRecord *
find_measurement (IbStore    *store,
                  GHashTable *cache,
                  const char *indicator_id,
                  const char *period)
{
  GHashTable *months = g_hash_table_lookup (cache, indicator_id);

  if (months == NULL)
    {
      g_autoptr (GListModel) list = ib_store_list_where (store, &ib_type_measurement, "indicator", indicator_id);

      months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          IbRecord *m = g_list_model_get_item (list, i);

          g_hash_table_insert (months, g_strdup (ib_record_get_string (m, "period")), m);
        }
      g_hash_table_insert (cache, g_strdup (indicator_id), months);
    }

  return g_hash_table_lookup (months, period);
}

static gboolean
same_fields (IbRecord *a,
             IbRecord *b)
{
  for (guint i = 2; columns[i] != NULL; i++)
    {
      JsonNode *na = json_object_get_member (ib_record_get_fields (a), columns[i]);
      JsonNode *nb = json_object_get_member (ib_record_get_fields (b), columns[i]);
      gboolean null_a = na == NULL || JSON_NODE_HOLDS_NULL (na);
      gboolean null_b = nb == NULL || JSON_NODE_HOLDS_NULL (nb);

      if (null_a != null_b)
        return FALSE;
      if (null_a)
        continue;
      if (g_str_equal (columns[i], "note"))
        {
          if (g_strcmp0 (json_node_get_string (na), json_node_get_string (nb)) != 0)
            return FALSE;
        }
      else if (json_node_get_double (na) != json_node_get_double (nb))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
ib_kpi_csv_prepare (IbStore     *store,
                    const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  g_autoptr (GHashTable) indicators = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) g_hash_table_unref);
  IbProblems problems = { g_string_new (NULL), 0 };
  g_autoptr (GString) problem_text = problems.text;
  int index[G_N_ELEMENTS (columns)];
  IbCsvRow *header;
  guint n_columns;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  rows = ib_csv_parse (data, length, error);
  if (rows == NULL)
    return NULL;

  /* The header: known columns in any order, each once, the three required present. */
  header = rows->pdata[0];
  n_columns = g_strv_length (header->fields);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    index[c] = -1;
  for (guint f = 0; f < n_columns; f++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (header->fields[f]));
      g_autofree char *name = g_ascii_strdown (trimmed, -1);
      gboolean known = FALSE;

      for (guint c = 0; columns[c] != NULL; c++)
        if (g_str_equal (name, columns[c]))
          {
            known = TRUE;
            if (index[c] >= 0)
              /* Translators: %u are a line and a column; %s is a column name from the CSV header */
              ib_problems_add (&problems, _("Line %u, column %u: the column “%s” appears twice."), header->line, f + 1, name);
            index[c] = (int) f;
          }
      if (!known)
        ib_problems_add (&problems, _("Line %u, column %u: unknown column “%s”. The columns are indicator, period, value, numerator, denominator, england, stat_neighbours, region and note."),
                         header->line, f + 1, header->fields[f]);
    }
  for (guint c = 0; c < 3; c++)
    if (index[c] < 0)
      ib_problems_add (&problems, _("Line %u: the header has no “%s” column."), header->line, columns[c]);

  if (ib_problems_fail (&problems, IB_STORE_ERROR, IB_STORE_ERROR_INVALID, error))
    return NULL;

  indicators = indicators_by_code (store);

  for (guint r = 1; r < rows->len; r++)
    {
      IbCsvRow *row = rows->pdata[r];
      guint n = g_strv_length (row->fields);
      const char *code, *period;
      IbRecord *indicator, *found;
      g_autoptr (IbRecord) record = NULL;
      g_autofree char *key = NULL;
      gboolean ok = TRUE;

      if (n != n_columns)
        {
          ib_problems_add (&problems, g_dngettext (GETTEXT_PACKAGE,
                                                   "Line %u: %u value where the header has %u columns.",
                                                   "Line %u: %u values where the header has %u columns.", n),
                           row->line, n, n_columns);
          continue;
        }

      code = row->fields[index[0]];
      period = row->fields[index[1]];
      indicator = g_hash_table_lookup (indicators, code);
      if (indicator == NULL)
        {
          ib_problems_add (&problems, _("Line %u, column %u (indicator): no indicator has the code “%s”."),
                           row->line, index[0] + 1, code);
          ok = FALSE;
        }
      if (!valid_period (period))
        {
          ib_problems_add (&problems, _("Line %u, column %u (period): “%s” is not a month written YYYY-MM."),
                           row->line, index[1] + 1, period);
          ok = FALSE;
        }

      record = ib_record_new (&ib_type_measurement);
      for (guint c = 0; number_columns[c] != NULL; c++)
        {
          int col = index[c + 2];
          double value;

          if (col < 0)
            continue;
          if (!parse_number (row->fields[col], &value))
            {
              ib_problems_add (&problems, _("Line %u, column %u (%s): “%s” is not a number (use a point for decimals, no thousands separators)."),
                               row->line, col + 1, number_columns[c], row->fields[col]);
              ok = FALSE;
              continue;
            }
          ib_record_set_double (record, number_columns[c], value);
        }
      if (index[8] >= 0)
        ib_record_set_string (record, "note", *row->fields[index[8]] != '\0' ? row->fields[index[8]] : NULL);

      if (!ok)
        continue;

      key = g_strdup_printf ("%s\n%s", code, period);
      if (g_hash_table_contains (seen, key))
        {
          ib_problems_add (&problems, _("Line %u: a second value for %s in %s (the first is on line %u). One value per indicator and month."),
                           row->line, code, period, GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)));
          continue;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));

      ib_record_set_string (record, "indicator", ib_record_get_id (indicator));
      ib_record_set_string (record, "period", period);

      {
        IbKpiChange *change = g_new0 (IbKpiChange, 1);

        found = find_measurement (store, existing, ib_record_get_id (indicator), period);
        change->line = row->line;
        if (found == NULL)
          {
            change->kind = IB_KPI_CHANGE_CREATE;
            change->record = g_steal_pointer (&record);
          }
        else
          {
            IbRecord *updated = ib_record_copy (found);

            /* Columns the file does not have keep what the database holds. */
            for (guint c = 2; columns[c] != NULL; c++)
              if (index[c] >= 0)
                json_object_set_member (ib_record_get_fields (updated), columns[c],
                                        json_node_copy (json_object_get_member (ib_record_get_fields (record), columns[c])));
            change->kind = same_fields (found, updated) ? IB_KPI_CHANGE_UNCHANGED : IB_KPI_CHANGE_UPDATE;
            change->record = updated;
          }
        g_ptr_array_add (changes, change);
      }
    }

  if (ib_problems_fail (&problems, IB_STORE_ERROR, IB_STORE_ERROR_INVALID, error))
    return NULL;

  return g_steal_pointer (&changes);
}

gboolean
ib_kpi_csv_apply (IbStore    *store,
                  GPtrArray  *changes,
                  GError    **error)
{
  g_return_val_if_fail (IB_IS_STORE (store), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (!ib_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < changes->len; i++)
    {
      IbKpiChange *change = changes->pdata[i];
      gboolean ok = TRUE;

      if (change->kind == IB_KPI_CHANGE_CREATE)
        ok = ib_store_create (store, change->record, error);
      else if (change->kind == IB_KPI_CHANGE_UPDATE)
        ok = ib_store_update (store, change->record, error);

      if (!ok)
        {
          g_prefix_error (error, _("Line %u: "), change->line);
          ib_store_rollback (store);
          return FALSE;
        }
    }

  return ib_store_commit (store, error);
}

static void
append_number (GString    *out,
               IbRecord   *record,
               const char *field)
{
  double value = ib_record_get_double (record, field);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isnan (value))
    g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, value));
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (ib_record_get_string (*(IbRecord **) a, "code"),
                    ib_record_get_string (*(IbRecord **) b, "code"));
}

static int
compare_periods (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (ib_record_get_string (*(IbRecord **) a, "period"),
                    ib_record_get_string (*(IbRecord **) b, "period"));
}

char *
ib_kpi_csv_export (IbStore    *store,
                   const char *indicator_id)
{
  g_autoptr (GListModel) indicators = ib_store_list (store, &ib_type_indicator);
  g_autoptr (GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  for (guint c = 0; columns[c] != NULL; c++)
    g_string_append_printf (out, "%s%s", c > 0 ? "," : "", columns[c]);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (indicators, i));
  g_ptr_array_sort (sorted, compare_codes);

  for (guint i = 0; i < sorted->len; i++)
    {
      IbRecord *indicator = sorted->pdata[i];
      g_autoptr (GListModel) list = NULL;
      g_autoptr (GPtrArray) months = g_ptr_array_new_with_free_func (g_object_unref);

      if (indicator_id != NULL && g_strcmp0 (ib_record_get_id (indicator), indicator_id) != 0)
        continue;

      list = ib_store_list_where (store, &ib_type_measurement, "indicator", ib_record_get_id (indicator));
      for (guint m = 0; m < g_list_model_get_n_items (list); m++)
        g_ptr_array_add (months, g_list_model_get_item (list, m));
      g_ptr_array_sort (months, compare_periods);

      for (guint m = 0; m < months->len; m++)
        {
          IbRecord *record = months->pdata[m];

          ib_csv_append_field (out, ib_record_get_string (indicator, "code"));
          g_string_append_c (out, ',');
          g_string_append (out, ib_record_get_string (record, "period"));
          for (guint c = 0; number_columns[c] != NULL; c++)
            {
              g_string_append_c (out, ',');
              append_number (out, record, number_columns[c]);
            }
          g_string_append_c (out, ',');
          ib_csv_append_field (out, ib_record_get_string (record, "note"));
          g_string_append (out, "\r\n");
        }
    }

  return g_string_free (out, FALSE);
}
