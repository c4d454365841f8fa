/* ib-national-grades.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-national-grades"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ib-council.h"
#include "ib-csv.h"
#include "ib-ees.h"
#include "ib-enums.h"
#include "ib-national-grades.h"
#include "ib-problems.h"
#include "ib-store-private.h"
#include "ib-xlsx.h"

static const char * const areas[] = {
  "overall_effectiveness", "impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers", NULL
};

/* The column names each field goes by, Data to Insight's first. */
enum { COL_CODE, COL_NAME, COL_REGION, COL_NEW_CODE, COL_NEIGHBOURS, COL_FRAMEWORK, COL_START,
       COL_PUBLISHED, COL_AREA0, N_COLS = COL_AREA0 + IB_NATIONAL_N_AREAS };

static const char * const names[N_COLS][3] = {
  { "la_code", "old_la_code", NULL },
  { "local_authority", "la_name", NULL },
  { "region_code", "region", NULL },
  { "ltla23cd", "new_la_code", "la_code_new" },
  { "stat_neighbours", NULL, NULL },
  { "inspection_framework", "inspection_type", NULL },
  { "inspection_start_date", "inspection_date", NULL },
  { "publication_date", "published", NULL },
  { "overall_effectiveness_grade", "overall_effectiveness", NULL },
  { "impact_of_leaders_grade", "impact_of_leaders", NULL },
  { "help_and_protection_grade", "help_and_protection", NULL },
  { "in_care_grade", "children_in_care", NULL },
  { "care_leavers_grade", "care_leavers", NULL },
};

const char * const *
ib_national_grade_areas (void)
{
  return areas;
}

/* Returns "Overall effectiveness " as "overall_effectiveness". */
static char *
normalise (const char *name)
{
  char *text = g_strstrip (g_ascii_strdown (name, -1));

  g_strdelimit (text, " -", '_');
  return text;
}

static void
find_columns (const char * const *header,
              int                 index[N_COLS])
{
  for (guint c = 0; c < N_COLS; c++)
    index[c] = -1;
  for (guint f = 0; header[f] != NULL; f++)
    {
      g_autofree char *name = normalise (header[f]);

      for (guint c = 0; c < N_COLS; c++)
        for (guint k = 0; k < 3 && names[c][k] != NULL; k++)
          if (index[c] < 0 && g_str_equal (name, names[c][k]))
            index[c] = (int) f;
    }
}

gboolean
ib_national_grades_recognise (const char * const *header)
{
  int index[N_COLS];

  find_columns (header, index);
  return index[COL_CODE] >= 0 && index[COL_AREA0] >= 0;
}

/* Returns Ofsted's wording as a grade code in *@code (NULL for no grade). */
static gboolean
parse_grade (const char  *text,
             const char **code)
{
  g_autofree char *name = g_strstrip (g_ascii_strdown (text, -1));

  *code = NULL;
  /* Data to Insight's markers for an area the inspection did not grade: the 2026 framework
   * no longer gives an overall grade, and inspections before 2023 graded care leavers with
   * children in care. */
  if (*name == '\0' || g_str_equal (name, "n/a") || g_str_equal (name, "-") || g_str_equal (name, "none") ||
      g_str_equal (name, "not_reported_post_reform") || g_str_equal (name, "inspection_pre_dates_judgement"))
    return TRUE;
  if (g_str_equal (name, "outstanding"))
    *code = "outstanding";
  else if (g_str_equal (name, "good"))
    *code = "good";
  else if (g_str_has_prefix (name, "requires improvement"))
    *code = "requires_improvement";
  else if (g_str_equal (name, "inadequate"))
    *code = "inadequate";
  return *code != NULL;
}

/* Reads dd/mm/yyyy, dd/mm/yy or yyyy-mm-dd into YYYY-MM-DD; "" is no date. */
static gboolean
parse_date (const char  *text,
            char       **date)
{
  g_auto (GStrv) parts = NULL;
  guint64 d, m, y;
  g_autoptr (GDateTime) check = NULL;

  *date = NULL;
  if (*text == '\0')
    return TRUE;
  parts = g_strsplit (text, strchr (text, '/') != NULL ? "/" : "-", -1);
  if (g_strv_length (parts) != 3)
    return FALSE;
  if (strchr (text, '/') != NULL)
    {
      if (!g_ascii_string_to_unsigned (parts[0], 10, 1, 31, &d, NULL) ||
          !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL) ||
          !g_ascii_string_to_unsigned (parts[2], 10, 0, 2999, &y, NULL))
        return FALSE;
      if (y < 100)
        y += 2000;
    }
  else if (!g_ascii_string_to_unsigned (parts[0], 10, 1900, 2999, &y, NULL) ||
           !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL) ||
           !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &d, NULL))
    return FALSE;
  check = g_date_time_new_utc ((int) y, (int) m, (int) d, 0, 0, 0);
  if (check == NULL || g_date_time_get_day_of_month (check) != (int) d)
    return FALSE;
  *date = g_strdup_printf ("%04d-%02d-%02d", (int) y, (int) m, (int) d);
  return TRUE;
}

typedef struct
{
  IbStore  *store;
  IbProblems problems;
  guint     n_columns;
  int       index[N_COLS];
  gboolean  header_done;
  guint     n_councils;
  GHashTable *seen;    /* LA code → line */
} Reader;

static const char *
cell (IbCsvRow *row,
      int       index)
{
  return index >= 0 ? row->fields[index] : "";
}

static gboolean
exec_step (IbStore       *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ib_sqlite_set_error (_ib_store_get_db (store), error, rc, _("other councils’ grades"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_row (IbCsvRow  *row,
          gpointer   user_data,
          GError   **error)
{
  Reader *r = user_data;
  guint n = g_strv_length (row->fields);
  g_autofree char *code = NULL;
  g_autofree char *inspected = NULL, *published = NULL;
  g_autofree char *neighbours = NULL;
  const char *grades[IB_NATIONAL_N_AREAS];
  gboolean ok = TRUE;
  sqlite3_stmt *stmt;

  if (!r->header_done)
    {
      r->n_columns = n;
      find_columns ((const char * const *) row->fields, r->index);
      if (r->index[COL_CODE] < 0 || r->index[COL_AREA0] < 0)
        {
          g_set_error_literal (error, IB_EES_ERROR, IB_EES_ERROR_NOT_EES,
                               _("This is not an Ofsted outcomes summary: its first line needs an “la_code” column and an “overall_effectiveness_grade” column."));
          return FALSE;
        }
      r->header_done = TRUE;
      return TRUE;
    }

  if (n != r->n_columns)
    {
      ib_problems_add (&r->problems, g_dngettext (GETTEXT_PACKAGE,
                                                  "Line %u: %u value where the header has %u columns.",
                                                  "Line %u: %u values where the header has %u columns.", n),
                       row->line, n, r->n_columns);
      return TRUE;
    }

  code = g_strstrip (g_strdup (cell (row, r->index[COL_CODE])));
  if (*code == '\0')
    {
      ib_problems_add (&r->problems, _("Line %u, column %u (%s): the council has no local authority code."),
                       row->line, r->index[COL_CODE] + 1, row->fields[r->index[COL_CODE]]);
      return TRUE;
    }
  if (g_hash_table_contains (r->seen, code))
    {
      /* Translators: a line, an LA code, then the line it first appeared on */
      ib_problems_add (&r->problems, _("Line %u: a second row for %s (the first is on line %u)."),
                       row->line, code, GPOINTER_TO_UINT (g_hash_table_lookup (r->seen, code)));
      return TRUE;
    }
  g_hash_table_insert (r->seen, g_strdup (code), GUINT_TO_POINTER (row->line));

  for (guint a = 0; a < IB_NATIONAL_N_AREAS; a++)
    {
      int index = r->index[COL_AREA0 + a];

      if (!parse_grade (cell (row, index), &grades[a]))
        {
          /* Translators: a line, a column number, then the text found where a grade should be */
          ib_problems_add (&r->problems, _("Line %u, column %u: “%s” is not one of Ofsted’s grades (outstanding, good, requires improvement, inadequate)."),
                           row->line, index + 1, row->fields[index]);
          ok = FALSE;
        }
    }
  if (!parse_date (cell (row, r->index[COL_START]), &inspected))
    {
      ib_problems_add (&r->problems, _("Line %u, column %u: “%s” is not a date (day/month/year)."),
                       row->line, r->index[COL_START] + 1, row->fields[r->index[COL_START]]);
      ok = FALSE;
    }
  if (!parse_date (cell (row, r->index[COL_PUBLISHED]), &published))
    {
      ib_problems_add (&r->problems, _("Line %u, column %u: “%s” is not a date (day/month/year)."),
                       row->line, r->index[COL_PUBLISHED] + 1, row->fields[r->index[COL_PUBLISHED]]);
      ok = FALSE;
    }
  if (!ok || r->problems.n > 0)
    return TRUE;

  {
    g_auto (GStrv) parts = g_strsplit (cell (row, r->index[COL_NEIGHBOURS]), ",", -1);
    g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
    g_auto (GStrv) list = NULL;

    for (guint i = 0; parts[i] != NULL; i++)
      if (*g_strstrip (parts[i]) != '\0')
        g_strv_builder_add (builder, parts[i]);
    list = g_strv_builder_end (builder);
    neighbours = g_strjoinv (",", list);
  }

  stmt = _ib_store_prepare (r->store,
    "INSERT INTO national_la (la_code, la_name, region, new_la_code, neighbours, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, cell (row, r->index[COL_NAME]), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, cell (row, r->index[COL_REGION]), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, cell (row, r->index[COL_NEW_CODE]), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, *neighbours != '\0' ? neighbours : NULL, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, cell (row, r->index[COL_FRAMEWORK]), -1, SQLITE_TRANSIENT);
  if (!exec_step (r->store, stmt, error))
    return FALSE;

  for (guint a = 0; a < IB_NATIONAL_N_AREAS; a++)
    {
      if (grades[a] == NULL)
        continue;
      stmt = _ib_store_prepare (r->store,
        "INSERT INTO national_grade (la_code, area, grade, kind, inspected_on, published_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, areas[a], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, grades[a], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, cell (row, r->index[COL_FRAMEWORK]), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, inspected, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, published, -1, SQLITE_TRANSIENT);
      if (!exec_step (r->store, stmt, error))
        return FALSE;
    }

  r->n_councils++;
  return TRUE;
}

guint
ib_national_grades_import (IbStore       *store,
                           GInputStream  *stream,
                           const char    *file_name,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr (GString) problems = g_string_new (NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (IbCsvReader) reader = NULL;
  g_autofree char *buffer = g_malloc (64 * 1024);
  Reader r = { store, { problems, 0 }, 0, { 0 }, FALSE, 0, seen };
  g_autofree char *sheet = NULL;
  gssize n;

  g_return_val_if_fail (IB_IS_STORE (store), 0);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), 0);

  if (!ib_store_begin (store, error))
    return 0;
  if (!ib_sqlite_exec (_ib_store_get_db (store), "DELETE FROM national_grade; DELETE FROM national_la", error))
    goto failed;

  n = g_input_stream_read (stream, buffer, 64 * 1024, cancellable, error);
  if (n < 0)
    goto failed;
  if (ib_xlsx_sniff (buffer, n))
    {
      /* A workbook is read whole: its index is at its end. */
      g_autoptr (GBytes) bytes = ib_xlsx_read_stream (stream, buffer, n, cancellable, error);

      g_autoptr (GError) local_error = NULL;

      if (bytes == NULL)
        goto failed;
      if (!ib_xlsx_read_rows (bytes, ib_national_grades_recognise, read_row, &r, &sheet, &local_error))
        {
          if (g_error_matches (local_error, IB_XLSX_ERROR, IB_XLSX_ERROR_NO_HEADER))
            g_set_error_literal (error, IB_EES_ERROR, IB_EES_ERROR_SPREADSHEET,
                                 _("No sheet in this workbook is an Ofsted outcomes summary (a header row with “la_code” and “overall_effectiveness_grade”). Explore Education Statistics data sets and KPI figures are read as CSV: save the sheet as “CSV UTF-8” and import that."));
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }
    }
  else
    {
      reader = ib_csv_reader_new (read_row, &r);
      while (n > 0)
        {
          if (!ib_csv_reader_feed (reader, buffer, n, error))
            goto failed;
          n = g_input_stream_read (stream, buffer, 64 * 1024, cancellable, error);
          if (n < 0)
            goto failed;
        }
      if (!ib_csv_reader_finish (reader, error))
        goto failed;
    }

  if (ib_problems_fail (&r.problems, IB_EES_ERROR, IB_EES_ERROR_BAD_VALUE, error))
    {
      /* A workbook's rows are numbered as its sheet shows them, which is what "line" then means. */
      if (sheet != NULL)
        /* Translators: %s is a sheet's name; the problems found in it follow */
        g_prefix_error (error, _("Sheet “%s”:\n"), sheet);
      goto failed;
    }
  if (r.n_councils == 0)
    {
      g_set_error_literal (error, IB_EES_ERROR, IB_EES_ERROR_BAD_VALUE,
                           _("The file names no council: it has a header and nothing under it."));
      goto failed;
    }

  if (!ib_store_commit (store, error))
    return 0;
  return r.n_councils;

failed:
  ib_store_rollback (store);
  return 0;
}

static guint
count_query (IbStore    *store,
             const char *sql,
             const char *arg)
{
  sqlite3_stmt *stmt = _ib_store_prepare (store, sql, NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

guint
ib_national_grades_count (IbStore *store)
{
  g_return_val_if_fail (IB_IS_STORE (store), 0);
  return count_query (store, "SELECT count (*) FROM national_la", NULL);
}

const char *
ib_national_area_for (const char *area)
{
  if (g_strcmp0 (area, "children_in_care_and_care_leavers") == 0)
    return "children_in_care";
  for (guint i = 0; areas[i] != NULL; i++)
    if (g_strcmp0 (area, areas[i]) == 0)
      return areas[i];
  return NULL;
}

guint
ib_national_grades_distribution (IbStore    *store,
                                 const char *area,
                                 guint       counts[4])
{
  static const char * const grades[] = { "outstanding", "good", "requires_improvement", "inadequate" };
  guint total = 0;

  g_return_val_if_fail (IB_IS_STORE (store), 0);

  for (guint g = 0; g < 4; g++)
    {
      sqlite3_stmt *stmt = _ib_store_prepare (store,
        "SELECT count (*) FROM national_grade WHERE area = ?1 AND grade = ?2", NULL);

      counts[g] = 0;
      if (stmt == NULL)
        continue;
      sqlite3_bind_text (stmt, 1, area, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, grades[g], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        counts[g] = (guint) sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      total += counts[g];
    }
  return total;
}

guint
ib_national_grades_neighbours (IbStore    *store,
                               const char *area,
                               guint       counts[4])
{
  g_auto (GStrv) neighbours = NULL;
  guint total = 0;

  g_return_val_if_fail (IB_IS_STORE (store), 0);

  for (guint g = 0; g < 4; g++)
    counts[g] = 0;
  neighbours = ib_council_dup_neighbours (store);
  for (guint i = 0; neighbours[i] != NULL; i++)
    {
      g_autofree char *grade = ib_national_grade_for (store, neighbours[i], area);
      int index = grade != NULL ? ib_enum_index (&ib_enum_grade, grade) : -1;

      if (index >= 0)
        {
          counts[index]++;
          total++;
        }
    }
  return total;
}

/* Returns the first column of the first row @sql finds with @a and @b bound, or NULL. */
static char *
text_query (IbStore    *store,
            const char *sql,
            const char *a,
            const char *b)
{
  sqlite3_stmt *stmt = _ib_store_prepare (store, sql, NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

char *
ib_national_grade_for (IbStore    *store,
                       const char *la_code,
                       const char *area)
{
  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  return text_query (store,
                     "SELECT g.grade FROM national_grade g JOIN national_la l ON l.la_code = g.la_code"
                     " WHERE (l.la_code = ?1 OR l.new_la_code = ?1) AND g.area = ?2",
                     la_code, area);
}

char *
ib_national_la_name (IbStore    *store,
                     const char *la_code)
{
  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  return text_query (store, "SELECT la_name FROM national_la WHERE la_code = ?1 OR new_la_code = ?1",
                     la_code, NULL);
}

GStrv
ib_national_suggest_neighbours (IbStore    *store,
                                const char *la_code)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  text = text_query (store, "SELECT neighbours FROM national_la WHERE la_code = ?1 OR new_la_code = ?1",
                     la_code, NULL);
  if (text == NULL || *text == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, ",", -1);
}
