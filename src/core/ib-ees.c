/* ib-ees.c
 *
 * Both reads stream the file through the incremental CSV reader, so a national data set of a
 * few hundred megabytes costs the memory of the figures the mapping keeps, not of the file.
 * Everything wrong is named by line and column, at most ten problems at once, and nothing is
 * written until the whole file has been read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-ees"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ib-council.h"
#include "ib-csv.h"
#include "ib-ees.h"
#include "ib-national-grades.h"
#include "ib-problems.h"
#include "ib-record-json.h"
#include "ib-store-private.h"

G_DEFINE_QUARK (ib-ees-error-quark, ib_ees_error)

#define MAX_FILTER_VALUES 500

/* The time and geography columns of the DfE's open data standards: neither filters nor
 * indicators. */
static const char * const geography_columns[] = {
  "time_period", "time_identifier", "geographic_level", "country_code", "country_name",
  "region_code", "region_name", "old_la_code", "new_la_code", "la_name", "lad_code", "lad_name",
  "pcon_code", "pcon_name", "rsc_region_lead_name", "lsip_code", "lsip_name",
  "local_enterprise_partnership_code", "local_enterprise_partnership_name",
  "english_devolved_area_code", "english_devolved_area_name", "opportunity_area_code",
  "opportunity_area_name", "ward_code", "ward_name", "trust_id", "trust_name", "sponsor_id",
  "sponsor_name", "school_urn", "school_laestab", "school_name", "provider_ukprn",
  "provider_name", "institution_id", "institution_name", "planning_area_code",
  "planning_area_name", NULL
};

static const char * const required_columns[] = {
  "time_period", "time_identifier", "geographic_level", "country_code", NULL
};

const char *
ib_ees_symbol_code (const char *text)
{
  static const struct { const char *text; const char *code; } symbols[] = {
    { "c", "c" }, { "low", "low" }, { "u", "u" }, { "x", "x" }, { "z", "z" },
    { "[c]", "c" }, { "[low]", "low" }, { "[u]", "u" }, { "[x]", "x" }, { "[z]", "z" },
    { ":", "x" }, { "..", "x" }, { "~", "low" },
  };

  if (text == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_ascii_strcasecmp (text, symbols[i].text) == 0)
      return symbols[i].code;
  return NULL;
}

/* Reads @text as a figure: a number into @value, or a symbol into @symbol; blanks around it
 * are ignored. Called for every cell of a large file, so it copies nothing. */
static gboolean
parse_figure (const char  *text,
              double      *value,
              const char **symbol)
{
  const char *start = text, *end;
  char *stop = NULL;
  char small[8];

  *value = NAN;
  *symbol = NULL;
  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (end == start)
    return FALSE;

  if ((gsize) (end - start) < sizeof small)
    {
      memcpy (small, start, end - start);
      small[end - start] = '\0';
      *symbol = ib_ees_symbol_code (small);
      if (*symbol != NULL)
        return TRUE;
    }
  /* strtod would take "nan", "inf" and hex: a published figure is none of them. */
  if (!g_ascii_isdigit (*start) && *start != '-' && *start != '+' && *start != '.')
    return FALSE;
  for (const char *p = start; p < end; p++)
    if (*p == 'x' || *p == 'X')
      return FALSE;
  *value = g_ascii_strtod (start, &stop);
  return stop == end && isfinite (*value);
}

static gboolean
is_figure_or_blank (const char *text)
{
  double value;
  const char *symbol;

  if (parse_figure (text, &value, &symbol))
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

IbImportKind
ib_import_kind_for_header (const char * const *header)
{
  g_return_val_if_fail (header != NULL, IB_IMPORT_EES);

  if (g_strv_contains (header, "indicator") && g_strv_contains (header, "period"))
    return IB_IMPORT_KPI_CSV;
  if (ib_national_grades_recognise (header))
    return IB_IMPORT_OFSTED;
  return IB_IMPORT_EES;
}

/* Periods */

static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December", NULL
};

gboolean
ib_ees_period (const char  *time_period,
               const char  *time_identifier,
               char       **period,
               char       **label)
{
  guint64 first = 0, second = 0;
  int year, month = 0;
  gboolean six;

  g_return_val_if_fail (period != NULL && label != NULL, FALSE);
  *period = *label = NULL;

  if (time_period == NULL || time_identifier == NULL)
    return FALSE;
  six = strlen (time_period) == 6;
  if (six)
    {
      g_autofree char *head = g_strndup (time_period, 4);

      if (!g_ascii_string_to_unsigned (head, 10, 1900, 2999, &first, NULL) ||
          !g_ascii_string_to_unsigned (time_period + 4, 10, 0, 99, &second, NULL) ||
          (first + 1) % 100 != second)
        return FALSE;
    }
  else if (strlen (time_period) != 4 ||
           !g_ascii_string_to_unsigned (time_period, 10, 1900, 2999, &first, NULL))
    return FALSE;
  year = (int) first;

  /* Each period is kept at the month it ends in: the collections' census dates. */
  if (!six)
    {
      if (g_str_equal (time_identifier, "Reporting year"))
        {
          /* Children's social care collections run to 31 March. */
          month = 3;
          *label = g_strdup (time_period);
        }
      else if (g_str_equal (time_identifier, "Calendar year"))
        {
          month = 12;
          *label = g_strdup (time_period);
        }
      else
        for (guint m = 0; month_names[m] != NULL; m++)
          if (g_str_equal (time_identifier, month_names[m]))
            {
              month = (int) m + 1;
              *label = g_strdup_printf ("%s %s", time_period, month_names[m]);
            }
    }
  else
    {
      static const struct { const char *id; int month; gboolean next; const char *sep; } six_ids[] = {
        { "Financial year", 3, TRUE, "–" },
        { "Tax year", 4, TRUE, "–" },
        { "Academic year", 8, TRUE, "/" },
        { "Financial year Q1", 6, FALSE, "–" },
        { "Financial year Q2", 9, FALSE, "–" },
        { "Financial year Q3", 12, FALSE, "–" },
        { "Financial year Q4", 3, TRUE, "–" },
        { "Part 1 (April to September)", 9, FALSE, "–" },
        { "Part 2 (October to March)", 3, TRUE, "–" },
        { "Autumn term", 12, FALSE, "/" },
        { "Spring term", 4, TRUE, "/" },
        { "Summer term", 7, TRUE, "/" },
        { "Autumn and spring term", 4, TRUE, "/" },
      };

      for (guint i = 0; i < G_N_ELEMENTS (six_ids); i++)
        if (g_str_equal (time_identifier, six_ids[i].id))
          {
            g_autofree char *years = g_strdup_printf ("%d%s%02d", year, six_ids[i].sep, (int) second);

            month = six_ids[i].month;
            if (six_ids[i].next)
              year++;
            *label = g_str_has_suffix (six_ids[i].id, "year")
                       ? g_steal_pointer (&years)
                       : g_strdup_printf ("%s %s", years, six_ids[i].id);
          }
    }

  if (month == 0)
    return FALSE;
  *period = g_strdup_printf ("%04d-%02d", year, month);
  return TRUE;
}

/* Scanning */

void
ib_ees_scan_free (IbEesScan *scan)
{
  if (scan == NULL)
    return;
  g_free (scan->file_name);
  g_free (scan->dataset);
  g_free (scan->title);
  g_clear_pointer (&scan->columns, g_ptr_array_unref);
  g_clear_pointer (&scan->periods, g_ptr_array_unref);
  g_free (scan->time_identifier);
  g_clear_pointer (&scan->las, g_hash_table_unref);
  g_free (scan);
}

static void
column_free (IbEesColumn *column)
{
  g_free (column->name);
  g_free (column->text_value);
  g_clear_pointer (&column->values, g_ptr_array_unref);
  g_free (column);
}

typedef struct
{
  IbEesScan  *scan;
  IbProblems  problems;
  guint       n_columns;
  int         index[5];        /* time_period, time_identifier, geographic_level, old, new LA code */
  int         la_name;
  GHashTable *seen_values;     /* per filter column: value set */
  GHashTable *periods;         /* time_period → set of LA codes */
  gboolean    header_done;
} Scanner;

static int
header_index (GStrv        header,
              const char  *name)
{
  for (guint i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return (int) i;
  return -1;
}

static gboolean
is_geography (const char *name)
{
  return g_strv_contains (geography_columns, name);
}

/* Returns the data set's key: the same for every release whose header is the same. */
static char *
dataset_key (GStrv header)
{
  g_autofree char *joined = g_strjoinv (",", header);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);

  return g_strndup (digest, 20);
}

/* Returns "cla_number_and_rate_per_10k_children.csv" as "Cla number and rate per 10k children". */
static char *
title_from_file_name (const char *file_name)
{
  g_autofree char *base = g_path_get_basename (file_name != NULL ? file_name : "");
  char *dot = strrchr (base, '.');
  char *title;

  if (dot != NULL && dot != base)
    *dot = '\0';
  g_strdelimit (base, "_-", ' ');
  title = g_strdup (g_strstrip (base));
  if (*title != '\0')
    title[0] = g_ascii_toupper (title[0]);
  return title;
}

static gboolean
scan_header (Scanner   *s,
             IbCsvRow  *row,
             GError   **error)
{
  IbEesScan *scan = s->scan;
  static const char * const indexed[] = { "time_period", "time_identifier", "geographic_level",
                                          "old_la_code", "new_la_code" };

  s->n_columns = g_strv_length (row->fields);
  for (guint i = 0; row->fields[i] != NULL; i++)
    g_strstrip (row->fields[i]);

  for (guint i = 0; required_columns[i] != NULL; i++)
    if (header_index (row->fields, required_columns[i]) < 0)
      {
        /* Translators: %s is a column name such as time_period */
        g_set_error (error, IB_EES_ERROR, IB_EES_ERROR_NOT_EES,
                     _("This is not an Explore Education Statistics data file: its first line has no “%s” column. Download the data set’s CSV file from explore-education-statistics.service.gov.uk and import that."),
                     required_columns[i]);
        return FALSE;
      }

  for (guint i = 0; i < G_N_ELEMENTS (indexed); i++)
    s->index[i] = header_index (row->fields, indexed[i]);
  s->la_name = header_index (row->fields, "la_name");

  scan->dataset = dataset_key (row->fields);
  for (guint i = 0; row->fields[i] != NULL; i++)
    {
      IbEesColumn *column;

      if (is_geography (row->fields[i]))
        continue;
      column = g_new0 (IbEesColumn, 1);
      column->name = g_strdup (row->fields[i]);
      column->index = i;
      column->indicator = TRUE;
      column->values = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (scan->columns, column);
      g_hash_table_insert (s->seen_values, column, g_hash_table_new (g_str_hash, g_str_equal));
    }

  s->header_done = TRUE;
  return TRUE;
}

static gboolean
scan_row (IbCsvRow  *row,
          gpointer   user_data,
          GError   **error)
{
  Scanner *s = user_data;
  IbEesScan *scan = s->scan;
  guint n = g_strv_length (row->fields);
  const char *level, *time_period;

  if (!s->header_done)
    return scan_header (s, row, error);

  if (n != s->n_columns)
    {
      ib_problems_add (&s->problems, g_dngettext (GETTEXT_PACKAGE,
                                                  "Line %u: %u value where the header has %u columns.",
                                                  "Line %u: %u values where the header has %u columns.", n),
                       row->line, n, s->n_columns);
      return TRUE;
    }

  scan->n_rows++;
  time_period = row->fields[s->index[0]];
  level = row->fields[s->index[2]];
  if (!g_hash_table_contains (s->periods, time_period))
    {
      g_hash_table_insert (s->periods, g_strdup (time_period),
                           g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
      g_ptr_array_add (scan->periods, g_strdup (time_period));
    }
  if (scan->time_identifier == NULL)
    scan->time_identifier = g_strdup (row->fields[s->index[1]]);

  if (g_str_equal (level, "Local authority"))
    {
      const char *old_code = s->index[3] >= 0 ? row->fields[s->index[3]] : "";
      const char *new_code = s->index[4] >= 0 ? row->fields[s->index[4]] : "";
      const char *name = s->la_name >= 0 ? row->fields[s->la_name] : "";
      GHashTable *codes = g_hash_table_lookup (s->periods, time_period);
      const char *key = *new_code != '\0' ? new_code : old_code;

      if (*key != '\0')
        {
          g_hash_table_add (codes, g_strdup (key));
          scan->max_las = MAX (scan->max_las, g_hash_table_size (codes));
        }
      if (*old_code != '\0' && !g_hash_table_contains (scan->las, old_code))
        g_hash_table_insert (scan->las, g_strdup (old_code), g_strdup (name));
      if (*new_code != '\0' && !g_hash_table_contains (scan->las, new_code))
        g_hash_table_insert (scan->las, g_strdup (new_code), g_strdup (name));
    }

  for (guint c = 0; c < scan->columns->len; c++)
    {
      IbEesColumn *column = scan->columns->pdata[c];
      const char *value = row->fields[column->index];
      GHashTable *seen = g_hash_table_lookup (s->seen_values, column);

      if (column->indicator && !is_figure_or_blank (value))
        {
          column->indicator = FALSE;
          column->text_line = row->line;
          column->text_value = g_strdup (value);
        }
      if (column->values->len < MAX_FILTER_VALUES && !g_hash_table_contains (seen, value))
        {
          char *copy = g_strdup (value);

          g_ptr_array_add (column->values, copy);
          g_hash_table_add (seen, copy);
        }
    }

  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

gboolean
ib_ees_refuse_workbook (const char  *data,
                        gsize        length,
                        GError     **error)
{
  if (length < 4 || memcmp (data, "PK\x03\x04", 4) != 0)
    return FALSE;
  g_set_error_literal (error, IB_EES_ERROR, IB_EES_ERROR_SPREADSHEET,
                       _("This is a spreadsheet workbook (such as .xlsx), not a CSV file. Open it in a spreadsheet, save it as “CSV UTF-8”, and import that file."));
  return TRUE;
}

/* Feeds @stream to @reader, refusing a workbook by its first bytes. */
static gboolean
read_all (GInputStream  *stream,
          IbCsvReader   *reader,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *buffer = g_malloc (64 * 1024);
  gboolean first = TRUE;

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, 64 * 1024, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (first && ib_ees_refuse_workbook (buffer, n, error))
        return FALSE;
      first = FALSE;
      if (!ib_csv_reader_feed (reader, buffer, n, error))
        return FALSE;
    }
  return ib_csv_reader_finish (reader, error);
}

IbEesScan *
ib_ees_scan (GInputStream  *stream,
             const char    *file_name,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr (IbEesScan) scan = g_new0 (IbEesScan, 1);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (IbCsvReader) reader = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  g_autoptr (GHashTable) periods = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_hash_table_unref);
  Scanner s = { scan, { text, 0 }, 0, { -1, -1, -1, -1, -1 }, -1, seen, periods, FALSE };

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  scan->file_name = g_path_get_basename (file_name != NULL ? file_name : "data.csv");
  scan->title = title_from_file_name (scan->file_name);
  scan->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  scan->periods = g_ptr_array_new_with_free_func (g_free);
  scan->las = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  reader = ib_csv_reader_new (scan_row, &s);
  if (!read_all (stream, reader, cancellable, error))
    return NULL;
  if (ib_problems_fail (&s.problems, IB_EES_ERROR, IB_EES_ERROR_BAD_VALUE, error))
    return NULL;

  g_ptr_array_sort (scan->periods, compare_strings);
  return g_steal_pointer (&scan);
}

/* Mappings */

static void
mapping_item_free (IbEesMappingItem *item)
{
  g_free (item->indicator);
  g_free (item->column);
  g_strfreev (item->filters);
  g_free (item);
}

void
ib_ees_mapping_free (IbEesMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_free (mapping->dataset);
  g_free (mapping->file_name);
  g_free (mapping->title);
  g_free (mapping->publication);
  g_clear_pointer (&mapping->items, g_ptr_array_unref);
  g_free (mapping);
}

static IbEesMapping *
mapping_alloc (void)
{
  IbEesMapping *mapping = g_new0 (IbEesMapping, 1);

  mapping->items = g_ptr_array_new_with_free_func ((GDestroyNotify) mapping_item_free);
  return mapping;
}

IbEesMapping *
ib_ees_mapping_new (IbEesScan *scan)
{
  IbEesMapping *mapping = mapping_alloc ();

  g_return_val_if_fail (scan != NULL, NULL);

  mapping->dataset = g_strdup (scan->dataset);
  mapping->file_name = g_strdup (scan->file_name);
  mapping->title = g_strdup (scan->title);
  return mapping;
}

void
ib_ees_mapping_add (IbEesMapping       *mapping,
                    const char         *code,
                    const char         *column,
                    const char * const *filters,
                    gboolean            own_value)
{
  IbEesMappingItem *item = g_new0 (IbEesMappingItem, 1);

  g_return_if_fail (mapping != NULL && code != NULL && column != NULL);

  item->indicator = g_strdup (code);
  item->column = g_strdup (column);
  item->filters = g_strdupv ((GStrv) (filters != NULL ? filters : (const char * const []) { NULL }));
  item->own_value = own_value;
  g_ptr_array_add (mapping->items, item);
}

static const char *
text_or_null (sqlite3_stmt *stmt,
              int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

IbEesMapping *
ib_ees_mapping_load (IbStore    *store,
                     const char *dataset)
{
  sqlite3_stmt *stmt;
  g_autoptr (IbEesMapping) mapping = NULL;
  g_autoptr (JsonNode) items = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  stmt = _ib_store_prepare (store, "SELECT file_name, title, publication, items FROM ees_mapping WHERE dataset = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, dataset, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      mapping = mapping_alloc ();
      mapping->dataset = g_strdup (dataset);
      mapping->file_name = g_strdup (text_or_null (stmt, 0));
      mapping->title = g_strdup (text_or_null (stmt, 1));
      mapping->publication = g_strdup (text_or_null (stmt, 2));
      items = json_from_string (text_or_null (stmt, 3), NULL);
    }
  sqlite3_reset (stmt);

  if (mapping == NULL || items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    return NULL;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (items), i);
      JsonObject *object;
      JsonArray *filters;
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv) list = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      filters = json_object_get_array_member (object, "filters");
      for (guint f = 0; filters != NULL && f < json_array_get_length (filters); f++)
        g_strv_builder_add (builder, json_array_get_string_element (filters, f));
      list = g_strv_builder_end (builder);
      if (json_object_get_string_member_with_default (object, "indicator", NULL) == NULL ||
          json_object_get_string_member_with_default (object, "column", NULL) == NULL)
        continue;
      ib_ees_mapping_add (mapping, json_object_get_string_member (object, "indicator"),
                          json_object_get_string_member (object, "column"),
                          (const char * const *) list,
                          json_object_get_boolean_member_with_default (object, "own_value", TRUE));
    }

  return g_steal_pointer (&mapping);
}

gboolean
ib_ees_mapping_save (IbStore       *store,
                     IbEesMapping  *mapping,
                     GError       **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (IB_IS_STORE (store), FALSE);
  g_return_val_if_fail (mapping != NULL && mapping->dataset != NULL, FALSE);

  json_builder_begin_array (builder);
  for (guint i = 0; i < mapping->items->len; i++)
    {
      IbEesMappingItem *item = mapping->items->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "indicator");
      json_builder_add_string_value (builder, item->indicator);
      json_builder_set_member_name (builder, "column");
      json_builder_add_string_value (builder, item->column);
      json_builder_set_member_name (builder, "filters");
      json_builder_begin_array (builder);
      for (guint f = 0; item->filters[f] != NULL; f++)
        json_builder_add_string_value (builder, item->filters[f]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "own_value");
      json_builder_add_boolean_value (builder, item->own_value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  stmt = _ib_store_prepare (store,
    "INSERT OR REPLACE INTO ees_mapping (dataset, file_name, title, publication, items, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, mapping->dataset, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mapping->file_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, mapping->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, mapping->publication, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, json_to_string (root, FALSE), -1, g_free);
  sqlite3_bind_text (stmt, 6, g_date_time_format_iso8601 (now), -1, g_free);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ib_sqlite_set_error (_ib_store_get_db (store), error, rc, _("the data set’s mapping"));
      return FALSE;
    }
  return TRUE;
}

static IbEesColumn *
find_column (IbEesScan  *scan,
             const char *name)
{
  for (guint i = 0; i < scan->columns->len; i++)
    if (g_str_equal (((IbEesColumn *) scan->columns->pdata[i])->name, name))
      return scan->columns->pdata[i];
  return NULL;
}

/* Returns the value @filters gives @column, or NULL. */
static const char *
filter_value (GStrv       filters,
              const char *column)
{
  gsize n = strlen (column);

  for (guint i = 0; filters[i] != NULL; i++)
    if (strncmp (filters[i], column, n) == 0 && filters[i][n] == '=')
      return filters[i] + n + 1;
  return NULL;
}

static IbRecord *
indicator_by_code (IbStore    *store,
                   const char *code)
{
  return _ib_store_query_one (store, &ib_type_indicator, "WHERE deleted = 0 AND code = ?1", code);
}

char *
ib_ees_mapping_problems (IbEesMapping *mapping,
                         IbEesScan    *scan,
                         IbStore      *store)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  IbProblems problems = { text, 0 };

  g_return_val_if_fail (mapping != NULL && scan != NULL, NULL);

  if (mapping->items->len == 0)
    ib_problems_add (&problems, "%s", _("No KPI is chosen for this data set: choose which of its columns feeds which KPI."));

  for (guint i = 0; i < mapping->items->len; i++)
    {
      IbEesMappingItem *item = mapping->items->pdata[i];
      IbEesColumn *column = find_column (scan, item->column);
      g_autoptr (IbRecord) indicator = indicator_by_code (store, item->indicator);

      if (indicator == NULL)
        /* Translators: %s is a KPI's code such as CLA_RATE */
        ib_problems_add (&problems, _("No KPI has the code “%s”."), item->indicator);
      if (!g_hash_table_add (codes, item->indicator))
        /* Translators: %s is a KPI's code */
        ib_problems_add (&problems, _("Two columns feed %s: choose one."), item->indicator);
      if (column != NULL && !column->indicator)
        ib_problems_add (&problems, _("Line %u, column %u (%s): “%s” is neither a number nor a published symbol (c, low, u, x, z)."),
                         column->text_line, column->index + 1, column->name, column->text_value);
      else if (column == NULL)
        /* Translators: the first %s is a column name, the second a KPI's code */
        ib_problems_add (&problems, _("The file has no column of figures called “%s” (for %s)."), item->column, item->indicator);

      for (guint c = 0; c < scan->columns->len; c++)
        {
          IbEesColumn *filter = scan->columns->pdata[c];
          const char *value;

          if (filter->indicator)
            continue;
          value = filter_value (item->filters, filter->name);
          if (value == NULL)
            /* Translators: the first %s is a KPI's code, the second a column name */
            ib_problems_add (&problems, _("%s needs a value for the filter “%s”."), item->indicator, filter->name);
          else if (filter->values->len < MAX_FILTER_VALUES &&
                   !g_ptr_array_find_with_equal_func (filter->values, value, g_str_equal, NULL))
            /* Translators: the first %s is a column name, the second a value expected in it */
            ib_problems_add (&problems, _("The filter “%s” has no value “%s” in this file."), filter->name, value);
        }
      for (guint f = 0; item->filters[f] != NULL; f++)
        {
          g_autofree char *name = g_strndup (item->filters[f], strcspn (item->filters[f], "="));
          IbEesColumn *filter = find_column (scan, name);

          if (filter == NULL || filter->indicator)
            /* Translators: %s is a column name */
            ib_problems_add (&problems, _("The file has no filter “%s”."), name);
        }
    }

  if (!ib_problems_fail (&problems, IB_EES_ERROR, 0, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Preparing */

typedef struct
{
  double      value;
  const char *symbol;   /* static */
  guint       line;
} Figure;

typedef struct
{
  char   *old_code;
  char   *new_code;
  char   *region;
  Figure  figure;
} LaFigure;

static void
la_figure_free (LaFigure *la)
{
  g_free (la->old_code);
  g_free (la->new_code);
  g_free (la->region);
  g_free (la);
}

typedef struct
{
  char       *time_period;
  gboolean    has_national;
  Figure      national;
  GHashTable *regions;    /* region_code → Figure */
  GPtrArray  *las;        /* LaFigure */
  GHashTable *by_code;    /* old and new code → LaFigure */
} PeriodFigures;

static void
period_figures_free (PeriodFigures *p)
{
  g_free (p->time_period);
  g_hash_table_unref (p->regions);
  g_ptr_array_unref (p->las);
  g_hash_table_unref (p->by_code);
  g_free (p);
}

typedef struct
{
  IbEesMappingItem *item;
  IbRecord         *indicator;
  int               column;
  GArray           *filters;     /* (index, value) pairs: int then const char * */
  GHashTable       *periods;     /* time_period → PeriodFigures */
} ItemFigures;

typedef struct
{
  int         index;
  const char *value;
} FilterTest;

static void
item_figures_free (ItemFigures *f)
{
  g_clear_object (&f->indicator);
  g_array_unref (f->filters);
  g_hash_table_unref (f->periods);
  g_free (f);
}

typedef struct
{
  GPtrArray  *items;        /* ItemFigures */
  IbProblems  problems;
  guint       n_columns;
  gboolean    header_done;
  int         time_period, geographic_level, country_code, region_code, old_la, new_la;
  int         time_identifier_index;
  const char *time_identifier;  /* rows of another kind of period are left out */
} Preparer;

static const char *
field_at (IbCsvRow *row,
          int       index)
{
  return index >= 0 ? row->fields[index] : "";
}

static PeriodFigures *
period_figures (ItemFigures *f,
                const char  *time_period)
{
  PeriodFigures *p = g_hash_table_lookup (f->periods, time_period);

  if (p == NULL)
    {
      p = g_new0 (PeriodFigures, 1);
      p->time_period = g_strdup (time_period);
      p->regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      p->las = g_ptr_array_new_with_free_func ((GDestroyNotify) la_figure_free);
      p->by_code = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (f->periods, p->time_period, p);
    }
  return p;
}

static void
second_row (Preparer   *p,
            guint       line,
            guint       first_line,
            const char *who,
            const char *time_period)
{
  /* Translators: a line number, an area (England, a region or a council), a time period, the
   * first line */
  ib_problems_add (&p->problems, _("Line %u: a second row for %s in %s with the same filters (the first is on line %u). Choose a value for each of the data set’s filters."),
                   line, who, time_period, first_line);
}

static gboolean
prepare_row (IbCsvRow  *row,
             gpointer   user_data,
             GError   **error)
{
  Preparer *p = user_data;
  guint n = g_strv_length (row->fields);
  const char *level, *time_period;
  gboolean national, regional, local;

  if (!p->header_done)
    {
      for (guint i = 0; row->fields[i] != NULL; i++)
        g_strstrip (row->fields[i]);
      p->n_columns = n;
      p->time_period = header_index (row->fields, "time_period");
      p->time_identifier_index = header_index (row->fields, "time_identifier");
      p->geographic_level = header_index (row->fields, "geographic_level");
      p->country_code = header_index (row->fields, "country_code");
      p->region_code = header_index (row->fields, "region_code");
      p->old_la = header_index (row->fields, "old_la_code");
      p->new_la = header_index (row->fields, "new_la_code");
      for (guint i = 0; i < p->items->len; i++)
        {
          ItemFigures *f = p->items->pdata[i];

          f->column = header_index (row->fields, f->item->column);
          for (guint k = 0; f->item->filters[k] != NULL; k++)
            {
              g_autofree char *name = g_strndup (f->item->filters[k], strcspn (f->item->filters[k], "="));
              FilterTest test = { header_index (row->fields, name), f->item->filters[k] + strlen (name) + 1 };

              g_array_append_val (f->filters, test);
            }
        }
      p->header_done = TRUE;
      return TRUE;
    }

  /* The first read counted the columns of every row. */
  if (n != p->n_columns)
    return TRUE;

  level = field_at (row, p->geographic_level);
  national = g_str_equal (level, "National");
  regional = g_str_equal (level, "Regional");
  local = g_str_equal (level, "Local authority");
  if (!national && !regional && !local)
    return TRUE;
  /* Some files carry England and Wales, or the UK, beside England. */
  if (national && p->country_code >= 0 && *row->fields[p->country_code] != '\0' &&
      !g_str_equal (row->fields[p->country_code], "E92000001"))
    return TRUE;
  if (g_strcmp0 (field_at (row, p->time_identifier_index), p->time_identifier) != 0)
    return TRUE;
  time_period = field_at (row, p->time_period);

  for (guint i = 0; i < p->items->len; i++)
    {
      ItemFigures *f = p->items->pdata[i];
      PeriodFigures *figures;
      Figure figure = { NAN, NULL, row->line };
      const char *cell;
      gboolean matches = TRUE;

      for (guint k = 0; k < f->filters->len && matches; k++)
        {
          FilterTest *test = &g_array_index (f->filters, FilterTest, k);

          matches = test->index >= 0 && g_str_equal (row->fields[test->index], test->value);
        }
      if (!matches || f->column < 0)
        continue;

      cell = row->fields[f->column];
      if (!parse_figure (cell, &figure.value, &figure.symbol))
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (cell));

          if (*trimmed != '\0')
            /* Translators: a line, a column number, the column's name, then what it holds */
            ib_problems_add (&p->problems, _("Line %u, column %u (%s): “%s” is neither a number nor a published symbol (c, low, u, x, z)."),
                             row->line, f->column + 1, f->item->column, cell);
          continue;
        }

      figures = period_figures (f, time_period);
      if (national)
        {
          if (figures->has_national)
            second_row (p, row->line, figures->national.line, _("England"), time_period);
          figures->national = figure;
          figures->has_national = TRUE;
        }
      else if (regional)
        {
          const char *region = field_at (row, p->region_code);
          Figure *before = g_hash_table_lookup (figures->regions, region);

          if (before != NULL)
            second_row (p, row->line, before->line, region, time_period);
          else
            g_hash_table_insert (figures->regions, g_strdup (region), g_memdup2 (&figure, sizeof figure));
        }
      else
        {
          const char *old_code = field_at (row, p->old_la);
          const char *new_code = field_at (row, p->new_la);
          LaFigure *before = g_hash_table_lookup (figures->by_code, *new_code != '\0' ? new_code : old_code);
          LaFigure *la;

          if (*old_code == '\0' && *new_code == '\0')
            continue;
          if (before != NULL)
            {
              second_row (p, row->line, before->figure.line, *new_code != '\0' ? new_code : old_code, time_period);
              continue;
            }
          la = g_new0 (LaFigure, 1);
          la->old_code = g_strdup (old_code);
          la->new_code = g_strdup (new_code);
          la->region = g_strdup (field_at (row, p->region_code));
          la->figure = figure;
          g_ptr_array_add (figures->las, la);
          if (*old_code != '\0')
            g_hash_table_insert (figures->by_code, la->old_code, la);
          if (*new_code != '\0')
            g_hash_table_insert (figures->by_code, la->new_code, la);
        }
    }

  return TRUE;
}

/* Returns how many of @values (NAN-free) are better than @own for @polarity, plus one. */
static guint
rank_of (double      own,
         const double *values,
         guint       n,
         const char *polarity)
{
  gboolean higher = g_strcmp0 (polarity, "higher_is_better") == 0;
  guint better = 0;

  for (guint i = 0; i < n; i++)
    if (higher ? values[i] > own : values[i] < own)
      better++;
  return better + 1;
}

static void
set_figure (IbRecord     *record,
            const char   *field,
            const char   *symbol_field,
            const Figure *figure)
{
  ib_record_set_double (record, field, figure != NULL ? figure->value : NAN);
  ib_record_set_string (record, symbol_field, figure != NULL ? figure->symbol : NULL);
}

/* The fields an import writes, to tell an unchanged period from a changed one. */
static const char * const written_fields[] = {
  "value", "value_symbol", "england", "england_symbol", "region", "region_symbol",
  "stat_neighbours", "stat_neighbours_symbol", "sn_count", "rank", "rank_of", "quartile",
  "sn_rank", "sn_rank_of", "source_file", "source_dataset", "source_publication",
  "source_published", "source_period", "source_release", "source_own", "revised", NULL
};

static gboolean
same_written (IbRecord *a,
              IbRecord *b)
{
  for (guint i = 0; written_fields[i] != NULL; i++)
    {
      JsonNode *na = json_object_get_member (ib_record_get_fields (a), written_fields[i]);
      JsonNode *nb = json_object_get_member (ib_record_get_fields (b), written_fields[i]);
      gboolean null_a = na == NULL || JSON_NODE_HOLDS_NULL (na);
      gboolean null_b = nb == NULL || JSON_NODE_HOLDS_NULL (nb);

      if (null_a != null_b || (!null_a && !json_node_equal (na, nb)))
        return FALSE;
    }
  return TRUE;
}

/* TRUE when a figure (number and symbol) differs between @old and @new. */
static gboolean
figure_differs (IbRecord   *old,
                IbRecord   *new,
                const char *field,
                const char *symbol_field)
{
  double a = ib_record_get_double (old, field), b = ib_record_get_double (new, field);

  if (isnan (a) != isnan (b) || (!isnan (a) && a != b))
    return TRUE;
  return g_strcmp0 (ib_record_get_string (old, symbol_field), ib_record_get_string (new, symbol_field)) != 0;
}

/* Notes in @record's "revised" the figures a later release changed from what @old held. */
static void
mark_revisions (IbRecord *old,
                IbRecord *record,
                gboolean  own)
{
  static const char * const figures[][2] = {
    { "value", "value_symbol" }, { "england", "england_symbol" }, { "region", "region_symbol" },
    { "stat_neighbours", "stat_neighbours_symbol" },
  };
  g_auto (GStrv) before = g_strsplit (ib_record_get_string (old, "revised") != NULL
                                        ? ib_record_get_string (old, "revised") : "", ",", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;
  g_autofree char *joined = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      gboolean was = g_strv_contains ((const char * const *) before, figures[i][0]);

      if (i == 0 && !own)
        {
          if (was)
            g_strv_builder_add (builder, figures[i][0]);
          continue;
        }
      if (was || (!ib_record_has (old, figures[i][0]) && ib_record_get_string (old, figures[i][1]) == NULL))
        {
          if (was)
            g_strv_builder_add (builder, figures[i][0]);
          continue;
        }
      if (figure_differs (old, record, figures[i][0], figures[i][1]))
        g_strv_builder_add (builder, figures[i][0]);
    }
  list = g_strv_builder_end (builder);
  joined = g_strjoinv (",", list);
  ib_record_set_string (record, "revised", *joined != '\0' ? joined : NULL);
}

typedef struct
{
  char        *period;
  char        *label;
  PeriodFigures *figures;
} SortedPeriod;

static int
compare_sorted (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 (((const SortedPeriod *) a)->period, ((const SortedPeriod *) b)->period);
}

static IbRecord *
find_measurement (IbStore    *store,
                  const char *indicator_id,
                  const char *period)
{
  g_autofree char *columns = _ib_store_columns (&ib_type_measurement);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM measurement WHERE deleted = 0 AND indicator = ?1 AND period = ?2", columns);
  IbRecord *record = NULL;

  stmt = _ib_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, indicator_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record = _ib_store_record_from_row (&ib_type_measurement, stmt);
  sqlite3_reset (stmt);
  return record;
}

typedef struct
{
  IbStore      *store;
  IbEesScan    *scan;
  IbEesMapping *mapping;
  const char   *published_on;
  const char   *council;
  GStrv         neighbours;
  const char   *release;       /* YYYY-MM of the file's latest period */
  gboolean      council_seen;
} Build;

static IbKpiChange *
build_change (Build        *b,
              ItemFigures  *f,
              SortedPeriod *sp)
{
  PeriodFigures *figures = sp->figures;
  LaFigure *own = g_hash_table_lookup (figures->by_code, b->council);
  const char *polarity = ib_record_get_string (f->indicator, "polarity");
  /* A count is the council's own size: England's total, a region's and a mean of other
   * councils' counts, and a rank by size, say nothing about how it does. */
  gboolean comparable = g_strcmp0 (ib_record_get_string (f->indicator, "unit"), "count") != 0;
  g_autoptr (IbRecord) existing = find_measurement (b->store, ib_record_get_id (f->indicator), sp->period);
  g_autoptr (IbRecord) record = NULL;
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) group = g_array_new (FALSE, FALSE, sizeof (double));
  IbKpiChange *change = g_new0 (IbKpiChange, 1);
  const Figure *region = NULL;
  double sum = 0;
  guint n_sn = 0;
  gboolean own_number;

  if (own != NULL)
    b->council_seen = TRUE;
  if (own != NULL && own->region != NULL)
    region = g_hash_table_lookup (figures->regions, own->region);

  change->line = own != NULL ? own->figure.line : figures->national.line;

  /* A later release already holds this period: it stands, whatever this file says. */
  if (existing != NULL && ib_record_get_string (existing, "source_release") != NULL &&
      g_strcmp0 (ib_record_get_string (existing, "source_release"), b->release) > 0)
    {
      change->kind = IB_KPI_CHANGE_UNCHANGED;
      change->record = g_steal_pointer (&existing);
      return change;
    }

  if (existing != NULL)
    record = ib_record_copy (existing);
  else
    {
      record = ib_record_new (&ib_type_measurement);
      ib_record_set_string (record, "indicator", ib_record_get_id (f->indicator));
      ib_record_set_string (record, "period", sp->period);
    }

  if (f->item->own_value && own != NULL)
    set_figure (record, "value", "value_symbol", &own->figure);
  set_figure (record, "england", "england_symbol", comparable && figures->has_national ? &figures->national : NULL);
  set_figure (record, "region", "region_symbol", comparable ? region : NULL);

  for (guint i = 0; comparable && b->neighbours[i] != NULL; i++)
    {
      LaFigure *la = g_hash_table_lookup (figures->by_code, b->neighbours[i]);

      if (la != NULL && la->figure.symbol == NULL)
        {
          sum += la->figure.value;
          n_sn++;
          g_array_append_val (group, la->figure.value);
        }
    }
  if (comparable && b->neighbours[0] != NULL)
    {
      ib_record_set_double (record, "stat_neighbours", n_sn > 0 ? sum / n_sn : NAN);
      ib_record_set_string (record, "stat_neighbours_symbol", NULL);
      if (n_sn > 0)
        ib_record_set_int (record, "sn_count", n_sn);
      else
        ib_record_set_null (record, "sn_count");
    }

  own_number = comparable && own != NULL && own->figure.symbol == NULL;
  for (guint i = 0; i < figures->las->len; i++)
    {
      LaFigure *la = figures->las->pdata[i];

      if (la->figure.symbol == NULL)
        g_array_append_val (all, la->figure.value);
    }
  ib_record_set_null (record, "rank");
  ib_record_set_null (record, "rank_of");
  ib_record_set_null (record, "quartile");
  ib_record_set_null (record, "sn_rank");
  ib_record_set_null (record, "sn_rank_of");
  if (own_number && figures->las->len >= IB_EES_MIN_LAS_FOR_RANK && all->len > 0)
    {
      guint rank = rank_of (own->figure.value, (double *) all->data, all->len, polarity);

      ib_record_set_int (record, "rank", rank);
      ib_record_set_int (record, "rank_of", all->len);
      ib_record_set_int (record, "quartile", MIN (4, 1 + (rank - 1) * 4 / all->len));
    }
  if (own_number && n_sn > 0)
    {
      g_array_append_val (group, own->figure.value);
      ib_record_set_int (record, "sn_rank", rank_of (own->figure.value, (double *) group->data, group->len, polarity));
      ib_record_set_int (record, "sn_rank_of", group->len);
    }

  ib_record_set_string (record, "source_file", b->scan->file_name);
  ib_record_set_string (record, "source_dataset", b->mapping->title);
  ib_record_set_string (record, "source_publication", b->mapping->publication);
  ib_record_set_string (record, "source_published", b->published_on);
  ib_record_set_string (record, "source_period", sp->label);
  ib_record_set_string (record, "source_release", b->release);
  ib_record_set_bool (record, "source_own", f->item->own_value && own != NULL);

  if (existing != NULL)
    {
      const char *before = ib_record_get_string (existing, "source_release");

      if (before != NULL && g_strcmp0 (before, b->release) < 0)
        mark_revisions (existing, record, f->item->own_value && own != NULL);
      change->kind = same_written (existing, record) ? IB_KPI_CHANGE_UNCHANGED : IB_KPI_CHANGE_UPDATE;
    }
  else
    change->kind = IB_KPI_CHANGE_CREATE;

  change->record = g_steal_pointer (&record);
  return change;
}

static void
change_free (IbKpiChange *change)
{
  g_clear_object (&change->record);
  g_free (change);
}

static void
sorted_period_clear (SortedPeriod *sp)
{
  g_free (sp->period);
  g_free (sp->label);
}

GPtrArray *
ib_ees_prepare (IbStore       *store,
                GInputStream  *stream,
                IbEesScan     *scan,
                IbEesMapping  *mapping,
                const char    *published_on,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_figures_free);
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (IbCsvReader) reader = NULL;
  g_autofree char *council = NULL;
  g_autofree char *mapping_problems = NULL;
  g_autofree char *release = NULL;
  g_autofree char *release_label = NULL;
  g_auto (GStrv) neighbours = NULL;
  Preparer p = { items, { text, 0 }, 0, FALSE, -1, -1, -1, -1, -1, -1, -1, scan->time_identifier };
  Build b = { store, scan, mapping, published_on, NULL, NULL, NULL, FALSE };

  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (scan != NULL && mapping != NULL, NULL);

  council = ib_council_dup_la_code (store);
  if (council == NULL)
    {
      g_set_error_literal (error, IB_EES_ERROR, IB_EES_ERROR_NO_COUNCIL,
                           _("Which council is this board for? Set its local authority code in Preferences (or with --set-la-code) before importing national data."));
      return NULL;
    }
  if (!g_hash_table_contains (scan->las, council))
    {
      /* Translators: %s is a local authority code */
      g_set_error (error, IB_EES_ERROR, IB_EES_ERROR_NO_COUNCIL,
                   _("The file has no row for the council’s local authority code, %s. Check the code in Preferences, or choose a file with local authority figures."),
                   council);
      return NULL;
    }

  mapping_problems = ib_ees_mapping_problems (mapping, scan, store);
  if (mapping_problems != NULL)
    {
      g_set_error_literal (error, IB_EES_ERROR, IB_EES_ERROR_MAPPING, mapping_problems);
      return NULL;
    }

  if (published_on != NULL && !ib_date_is_valid (published_on))
    {
      /* Translators: %s is what was given as a release date */
      g_set_error (error, IB_EES_ERROR, IB_EES_ERROR_MAPPING,
                   _("“%s” is not a date written YYYY-MM-DD."), published_on);
      return NULL;
    }

  for (guint i = 0; i < mapping->items->len; i++)
    {
      ItemFigures *f = g_new0 (ItemFigures, 1);

      f->item = mapping->items->pdata[i];
      f->indicator = indicator_by_code (store, f->item->indicator);
      f->column = -1;
      f->filters = g_array_new (FALSE, FALSE, sizeof (FilterTest));
      f->periods = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) period_figures_free);
      g_ptr_array_add (items, f);
    }

  reader = ib_csv_reader_new (prepare_row, &p);
  if (!read_all (stream, reader, cancellable, error))
    return NULL;

  /* Every period the file holds must fit a month before anything is built. */
  for (guint i = 0; i < scan->periods->len; i++)
    {
      g_autofree char *period = NULL, *label = NULL;

      if (!ib_ees_period (scan->periods->pdata[i], scan->time_identifier, &period, &label))
        /* Translators: a time period and its kind as the file gives them ("2024", "Week 12") */
        ib_problems_add (&p.problems, _("The period %s (%s) cannot be held as a month: import yearly, termly, quarterly or monthly figures."),
                         (const char *) scan->periods->pdata[i], scan->time_identifier);
      else if (release == NULL || g_strcmp0 (period, release) > 0)
        {
          g_free (release);
          release = g_steal_pointer (&period);
        }
    }

  if (ib_problems_fail (&p.problems, IB_EES_ERROR, IB_EES_ERROR_BAD_VALUE, error))
    return NULL;

  neighbours = ib_council_dup_neighbours (store);
  b.council = council;
  b.neighbours = neighbours;
  b.release = release;

  for (guint i = 0; i < items->len; i++)
    {
      ItemFigures *f = items->pdata[i];
      g_autoptr (GArray) sorted = g_array_new (FALSE, FALSE, sizeof (SortedPeriod));
      GHashTableIter iter;
      gpointer value;

      g_array_set_clear_func (sorted, (GDestroyNotify) sorted_period_clear);
      g_hash_table_iter_init (&iter, f->periods);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          SortedPeriod sp = { NULL, NULL, value };

          if (ib_ees_period (sp.figures->time_period, scan->time_identifier, &sp.period, &sp.label))
            g_array_append_val (sorted, sp);
        }
      g_array_sort (sorted, compare_sorted);
      for (guint k = 0; k < sorted->len; k++)
        g_ptr_array_add (changes, build_change (&b, f, &g_array_index (sorted, SortedPeriod, k)));
    }

  if (!b.council_seen)
    {
      g_set_error (error, IB_EES_ERROR, IB_EES_ERROR_NO_COUNCIL,
                   _("The file has no row for the council’s local authority code, %s. Check the code in Preferences, or choose a file with local authority figures."),
                   council);
      return NULL;
    }

  return g_steal_pointer (&changes);
}
