/* ib-xlsx.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-xlsx"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ib-xlsx.h"
#include "ib-zip.h"

G_DEFINE_QUARK (ib-xlsx-error-quark, ib_xlsx_error)

/* Excel's own limit on columns (A to XFD). */
#define MAX_COLUMNS 16384
/* The most shared strings read: a published summary has a few thousand, and each costs more
 * memory than its few bytes of XML. */
#define MAX_STRINGS 1000000
/* Rows looked through for the header in each sheet before the next sheet is tried. */
#define MAX_ROWS_ABOVE_HEADER 100

static const char * const workbook_types[] = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
  NULL
};

gboolean
ib_xlsx_sniff (const char *data,
               gsize       length)
{
  return length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
}

/* Returns an element or attribute name without its namespace prefix. */
static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

static const char *
attribute (const char **names,
           const char **values,
           const char  *wanted)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (local_name (names[i]), wanted))
      return values[i];
  return NULL;
}

/* Parsing one part of the package, fed from the archive as it is inflated. */
typedef struct
{
  GMarkupParseContext *context;
} Feed;

static gboolean
feed_chunk (const char  *data,
            gsize        length,
            gpointer     user_data,
            GError     **error)
{
  Feed *feed = user_data;

  return g_markup_parse_context_parse (feed->context, data, length, error);
}

/* Parses member @name with @parser; @failure, when the parser set one, is the real error. */
static gboolean
parse_part (IbZip               *zip,
            const char          *name,
            const GMarkupParser *parser,
            gpointer             user_data,
            GError             **failure,
            GError             **error)
{
  g_autoptr (GError) local_error = NULL;
  Feed feed;
  gboolean ok;

  feed.context = g_markup_parse_context_new (parser, G_MARKUP_PREFIX_ERROR_POSITION, user_data, NULL);
  ok = ib_zip_read (zip, name, IB_XLSX_MAX_PART, feed_chunk, &feed, &local_error) &&
       g_markup_parse_context_end_parse (feed.context, &local_error);
  g_markup_parse_context_free (feed.context);
  if (ok)
    return TRUE;

  if (failure != NULL && *failure != NULL)
    g_propagate_error (error, g_steal_pointer (failure));
  else if (local_error->domain == IB_ZIP_ERROR && local_error->code == IB_ZIP_ERROR_TOO_BIG)
    g_set_error_literal (error, IB_XLSX_ERROR, IB_XLSX_ERROR_TOO_BIG, local_error->message);
  else if (local_error->domain == IB_ZIP_ERROR)
    g_set_error_literal (error, IB_XLSX_ERROR, IB_XLSX_ERROR_MALFORMED, local_error->message);
  else
    /* Translators: a file inside a workbook, then the XML parser's message */
    g_set_error (error, IB_XLSX_ERROR, IB_XLSX_ERROR_MALFORMED,
                 _("The workbook is damaged: “%s” in it is not well-formed: %s"), name, local_error->message);
  return FALSE;
}

/* [Content_Types].xml: which part is the workbook. */
static void
types_start (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              user_data,
             GError              **error)
{
  char **part = user_data;
  const char *type = attribute (names, values, "ContentType");
  const char *name = attribute (names, values, "PartName");

  if (*part == NULL && g_str_equal (local_name (element), "Override") && type != NULL && name != NULL &&
      g_strv_contains (workbook_types, type))
    *part = g_strdup (name[0] == '/' ? name + 1 : name);
}

/* xl/workbook.xml: the sheets in order, and the date system. */
typedef struct
{
  GPtrArray *names;     /* sheet names */
  GPtrArray *ids;       /* their relationship ids */
  gboolean   date1904;
} Workbook;

static void
workbook_start (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              user_data,
                GError              **error)
{
  Workbook *book = user_data;
  const char *local = local_name (element);

  if (g_str_equal (local, "sheet"))
    {
      const char *name = attribute (names, values, "name");
      const char *id = attribute (names, values, "id");

      if (name != NULL && id != NULL)
        {
          g_ptr_array_add (book->names, g_strdup (name));
          g_ptr_array_add (book->ids, g_strdup (id));
        }
    }
  else if (g_str_equal (local, "workbookPr"))
    {
      const char *date1904 = attribute (names, values, "date1904");

      book->date1904 = date1904 != NULL && (g_str_equal (date1904, "1") || g_str_equal (date1904, "true"));
    }
}

/* The workbook's relationships: id → target, and the shared strings' target. */
typedef struct
{
  GHashTable *targets;
  char       *shared_strings;
} Relations;

static void
rels_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              user_data,
            GError              **error)
{
  Relations *rels = user_data;
  const char *id = attribute (names, values, "Id");
  const char *type = attribute (names, values, "Type");
  const char *target = attribute (names, values, "Target");

  if (!g_str_equal (local_name (element), "Relationship") || id == NULL || target == NULL)
    return;
  g_hash_table_replace (rels->targets, g_strdup (id), g_strdup (target));
  if (type != NULL && g_str_has_suffix (type, "/sharedStrings") && rels->shared_strings == NULL)
    rels->shared_strings = g_strdup (target);
}

/* xl/sharedStrings.xml: each <si>'s text, its rich-text runs joined, phonetic hints left out. */
typedef struct
{
  GPtrArray *strings;
  GString   *text;
  gboolean   in_si;
  gboolean   in_t;
  guint      in_phonetic;
  GError    *failure;
} Strings;

static void
strings_start (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  Strings *s = user_data;
  const char *local = local_name (element);

  if (g_str_equal (local, "si"))
    {
      if (s->strings->len >= MAX_STRINGS)
        {
          g_set_error (&s->failure, IB_XLSX_ERROR, IB_XLSX_ERROR_TOO_BIG,
                       _("The workbook has more than %u different texts in it, more than a published summary holds: it is not read."),
                       MAX_STRINGS);
          g_set_error_literal (error, IB_XLSX_ERROR, IB_XLSX_ERROR_TOO_BIG, "");
          return;
        }
      s->in_si = TRUE;
      g_string_truncate (s->text, 0);
    }
  else if (g_str_equal (local, "rPh"))
    s->in_phonetic++;
  else if (g_str_equal (local, "t"))
    s->in_t = TRUE;
}

static void
strings_end (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  Strings *s = user_data;
  const char *local = local_name (element);

  if (g_str_equal (local, "si"))
    {
      g_ptr_array_add (s->strings, g_strdup (s->text->str));
      s->in_si = FALSE;
    }
  else if (g_str_equal (local, "rPh") && s->in_phonetic > 0)
    s->in_phonetic--;
  else if (g_str_equal (local, "t"))
    s->in_t = FALSE;
}

static void
strings_text (GMarkupParseContext  *context,
              const char           *text,
              gsize                 length,
              gpointer              user_data,
              GError              **error)
{
  Strings *s = user_data;

  if (s->in_si && s->in_t && s->in_phonetic == 0)
    g_string_append_len (s->text, text, length);
}

/* A worksheet, row by row. */
typedef struct
{
  const char       *sheet;
  GPtrArray        *strings;
  gboolean          date1904;
  IbXlsxHeaderFunc  accept_header;
  IbCsvRowFunc      func;
  gpointer          user_data;

  gboolean   in_data;
  guint      row;          /* the row being read, 1-based */
  GPtrArray *cells;        /* char *, NULL where no cell was given */
  guint      column;       /* the cell being read, 0-based */
  char      *type;
  GString   *value;        /* <v> */
  GString   *inline_text;  /* <is><t> */
  gboolean   in_v;
  gboolean   in_t;
  guint      in_phonetic;

  gboolean   header_done;
  guint      width;
  gboolean  *dates;        /* per column: the header says date */
  guint      rows_above;
  gboolean   gave_up;      /* no header in this sheet's first rows */
  gboolean   stopped;      /* @func asked for no more */
  GError    *failure;
} Sheet;

static void
column_letters (guint    column,
                GString *out)
{
  char letters[4];
  int n = 0;

  column++;
  while (column > 0 && n < 4)
    {
      letters[n++] = 'A' + (column - 1) % 26;
      column = (column - 1) / 26;
    }
  while (n > 0)
    g_string_append_c (out, letters[--n]);
}

/* Sets @s's failure to a bad cell message, and @error so that parsing stops. */
static void
bad_cell (Sheet   *s,
          GError **error,
          const char *format,
          ...) G_GNUC_PRINTF (3, 4);

static void
bad_cell (Sheet      *s,
          GError    **error,
          const char *format,
          ...)
{
  g_autoptr (GString) letters = g_string_new (NULL);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  column_letters (s->column, letters);
  if (s->failure == NULL)
    /* Translators: a sheet's name, a cell (its column letters, then its row: I7), the row
     * again, the column letters again, then what is wrong */
    g_set_error (&s->failure, IB_XLSX_ERROR, IB_XLSX_ERROR_BAD_CELL,
                 _("Sheet “%s”, cell %s%u (row %u, column %s): %s"),
                 s->sheet, letters->str, s->row, s->row, letters->str, what);
  g_set_error_literal (error, IB_XLSX_ERROR, IB_XLSX_ERROR_BAD_CELL, "");
}

static void
stop (Sheet   *s,
      GError **error)
{
  g_set_error_literal (error, IB_XLSX_ERROR, IB_XLSX_ERROR_MALFORMED, "");
}

/* Reads "BC12" into a 0-based column; FALSE for anything that is not a cell reference. */
static gboolean
parse_reference (const char *ref,
                 guint      *column)
{
  guint64 value = 0;
  const char *p = ref;

  while (*p >= 'A' && *p <= 'Z')
    {
      value = value * 26 + (guint64) (*p - 'A' + 1);
      if (value > MAX_COLUMNS)
        return FALSE;
      p++;
    }
  if (p == ref || *p < '1' || *p > '9')
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  *column = (guint) value - 1;
  return TRUE;
}

/* Turns an Excel date serial into YYYY-MM-DD. */
static char *
serial_to_date (double   serial,
                gboolean date1904)
{
  g_autoptr (GDate) date = NULL;
  gint64 days = (gint64) serial;

  if (!(serial >= 0 && serial < 2958466))
    return NULL;
  if (date1904)
    date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
  else if (days == 0 || days == 60)
    /* 0 is "January 0" and 60 the 29 February 1900 Excel counts but that never was. */
    return NULL;
  else
    date = g_date_new_dmy (days < 60 ? 31 : 30, G_DATE_DECEMBER, 1899);
  g_date_add_days (date, (guint) days);
  if (!g_date_valid (date) || g_date_get_year (date) > 9999)
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* Returns the cell's text by its type, or NULL with the failure set. */
static char *
cell_text (Sheet   *s,
           GError **error)
{
  const char *type = s->type != NULL ? s->type : "n";
  const char *v = s->value->str;

  if (g_str_equal (type, "s"))
    {
      guint64 index;

      if (!g_ascii_string_to_unsigned (g_strstrip (s->value->str), 10, 0, G_MAXUINT, &index, NULL) ||
          index >= s->strings->len)
        {
          /* Translators: %s is what the cell gave as a shared string's number */
          bad_cell (s, error, _("it names shared string “%s”, which the workbook does not have."), v);
          return NULL;
        }
      return g_strdup (s->strings->pdata[index]);
    }
  if (g_str_equal (type, "inlineStr"))
    return g_strdup (s->inline_text->str);
  if (g_str_equal (type, "str") || g_str_equal (type, "e"))
    return g_strdup (v);
  if (g_str_equal (type, "b"))
    return g_strdup (g_str_equal (g_strstrip (s->value->str), "1") ? "TRUE" : "FALSE");
  if (g_str_equal (type, "d"))
    return g_strndup (v, strcspn (v, "T"));
  if (g_str_equal (type, "n"))
    {
      char *end = NULL;
      double number;

      g_strstrip (s->value->str);
      if (*v == '\0')
        return g_strdup ("");
      number = g_ascii_strtod (v, &end);
      if (end == v || *end != '\0')
        {
          bad_cell (s, error, _("“%s” is not a number."), v);
          return NULL;
        }
      if (s->header_done && s->column < s->width && s->dates[s->column])
        {
          char *date = serial_to_date (number, s->date1904);

          if (date == NULL)
            bad_cell (s, error, _("%s is in a date column but is not a date."), v);
          return date;
        }
      return g_strdup (v);
    }
  /* Translators: %s is a cell type code from the file, such as "x" */
  bad_cell (s, error, _("it has a type, “%s”, that a workbook cell does not have."), type);
  return NULL;
}

static void
emit_row (Sheet   *s,
          GError **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  IbCsvRow row = { NULL, s->row };
  guint last = 0;
  gboolean ok;

  /* Cells a sheet keeps only for their formatting hold nothing: the row ends at its last value. */
  for (guint i = 0; i < s->cells->len; i++)
    if (s->cells->pdata[i] != NULL && *(char *) s->cells->pdata[i] != '\0')
      last = i + 1;
  if (last == 0)
    return;

  if (!s->header_done)
    {
      g_auto (GStrv) header = NULL;

      for (guint i = 0; i < last; i++)
        g_strv_builder_add (builder, s->cells->pdata[i] != NULL ? g_strstrip ((char *) s->cells->pdata[i]) : "");
      header = g_strv_builder_end (builder);
      if (s->accept_header != NULL && !s->accept_header ((const char * const *) header))
        {
          if (++s->rows_above >= MAX_ROWS_ABOVE_HEADER)
            {
              s->gave_up = TRUE;
              stop (s, error);
            }
          return;
        }
      s->header_done = TRUE;
      s->width = last;
      s->dates = g_new0 (gboolean, last);
      for (guint i = 0; i < last; i++)
        {
          g_autofree char *lower = g_ascii_strdown (header[i], -1);

          s->dates[i] = strstr (lower, "date") != NULL;
        }
      row.fields = g_steal_pointer (&header);
    }
  else
    {
      for (guint i = 0; i < MAX (last, s->width); i++)
        g_strv_builder_add (builder, i < s->cells->len && s->cells->pdata[i] != NULL ? s->cells->pdata[i] : "");
      row.fields = g_strv_builder_end (builder);
    }

  ok = s->func (&row, s->user_data, &s->failure);
  g_strfreev (row.fields);
  if (!ok)
    {
      s->stopped = s->failure == NULL;
      stop (s, error);
    }
}

static void
sheet_start (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              user_data,
             GError              **error)
{
  Sheet *s = user_data;
  const char *local = local_name (element);

  if (g_str_equal (local, "sheetData"))
    s->in_data = TRUE;
  else if (!s->in_data)
    return;
  else if (g_str_equal (local, "row"))
    {
      const char *r = attribute (names, values, "r");
      guint64 number = s->row + 1;

      if (r != NULL && !g_ascii_string_to_unsigned (r, 10, 1, 1048576, &number, NULL))
        {
          /* Translators: a sheet's name, then what the file gives as a row number */
          g_set_error (&s->failure, IB_XLSX_ERROR, IB_XLSX_ERROR_MALFORMED,
                       _("Sheet “%s”: “%s” is not a row number."), s->sheet, r);
          stop (s, error);
          return;
        }
      if (number <= s->row)
        {
          /* Translators: a sheet's name, then two row numbers */
          g_set_error (&s->failure, IB_XLSX_ERROR, IB_XLSX_ERROR_MALFORMED,
                       _("Sheet “%s”: row %u comes after row %u; rows are out of order."),
                       s->sheet, (guint) number, s->row);
          stop (s, error);
          return;
        }
      s->row = (guint) number;
      g_ptr_array_set_size (s->cells, 0);
      s->column = G_MAXUINT;
    }
  else if (g_str_equal (local, "c"))
    {
      const char *ref = attribute (names, values, "r");
      guint column = s->column + 1;

      if (ref != NULL && !parse_reference (ref, &column))
        {
          /* Translators: a sheet's name, a row number, then what the file gives as a cell's name */
          g_set_error (&s->failure, IB_XLSX_ERROR, IB_XLSX_ERROR_MALFORMED,
                       _("Sheet “%s”, row %u: “%s” is not a cell reference (such as B7)."), s->sheet, s->row, ref);
          stop (s, error);
          return;
        }
      if (column >= MAX_COLUMNS || (s->column != G_MAXUINT && column <= s->column))
        {
          s->column = MIN (column, MAX_COLUMNS - 1);
          bad_cell (s, error, _("the cell is out of place (after the one before it, within %u columns)."), MAX_COLUMNS);
          return;
        }
      s->column = column;
      g_free (s->type);
      s->type = g_strdup (attribute (names, values, "t"));
      g_string_truncate (s->value, 0);
      g_string_truncate (s->inline_text, 0);
    }
  else if (g_str_equal (local, "v"))
    s->in_v = TRUE;
  else if (g_str_equal (local, "rPh"))
    s->in_phonetic++;
  else if (g_str_equal (local, "t"))
    s->in_t = TRUE;
}

static void
sheet_end (GMarkupParseContext  *context,
           const char           *element,
           gpointer              user_data,
           GError              **error)
{
  Sheet *s = user_data;
  const char *local = local_name (element);

  if (!s->in_data)
    return;
  if (g_str_equal (local, "sheetData"))
    s->in_data = FALSE;
  else if (g_str_equal (local, "v"))
    s->in_v = FALSE;
  else if (g_str_equal (local, "t"))
    s->in_t = FALSE;
  else if (g_str_equal (local, "rPh") && s->in_phonetic > 0)
    s->in_phonetic--;
  else if (g_str_equal (local, "c"))
    {
      char *text = cell_text (s, error);

      if (text == NULL)
        return;
      if (s->cells->len <= s->column)
        g_ptr_array_set_size (s->cells, s->column + 1);
      g_free (s->cells->pdata[s->column]);
      s->cells->pdata[s->column] = text;
    }
  else if (g_str_equal (local, "row"))
    emit_row (s, error);
}

static void
sheet_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 length,
            gpointer              user_data,
            GError              **error)
{
  Sheet *s = user_data;

  if (!s->in_data)
    return;
  if (s->in_v)
    g_string_append_len (s->value, text, length);
  else if (s->in_t && s->in_phonetic == 0)
    g_string_append_len (s->inline_text, text, length);
}

/* Resolves a relationship's @target against the folder of the part @from. */
static char *
resolve (const char *from,
         const char *target)
{
  g_autofree char *folder = g_path_get_dirname (from);

  if (target[0] == '/')
    return g_strdup (target + 1);
  if (g_str_equal (folder, "."))
    return g_strdup (target);
  return g_strconcat (folder, "/", target, NULL);
}

static gboolean
not_workbook (GError **error)
{
  g_set_error_literal (error, IB_XLSX_ERROR, IB_XLSX_ERROR_NOT_WORKBOOK,
                       _("This ZIP archive is not an Excel workbook (.xlsx): it has no workbook in it."));
  return FALSE;
}

gboolean
ib_xlsx_read_rows (GBytes            *data,
                   IbXlsxHeaderFunc   accept_header,
                   IbCsvRowFunc       func,
                   gpointer           user_data,
                   char             **sheet_name,
                   GError           **error)
{
  static const GMarkupParser types_parser = { types_start, NULL, NULL, NULL, NULL };
  static const GMarkupParser workbook_parser = { workbook_start, NULL, NULL, NULL, NULL };
  static const GMarkupParser rels_parser = { rels_start, NULL, NULL, NULL, NULL };
  static const GMarkupParser strings_parser = { strings_start, strings_end, strings_text, NULL, NULL };
  static const GMarkupParser sheet_parser = { sheet_start, sheet_end, sheet_text, NULL, NULL };
  g_autoptr (IbZip) zip = NULL;
  g_autoptr (GError) zip_error = NULL;
  g_autofree char *workbook_part = NULL;
  g_autofree char *rels_part = NULL;
  g_autofree char *base = NULL;
  g_autofree char *folder = NULL;
  g_autoptr (GPtrArray) sheet_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) sheet_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) text = g_string_new (NULL);
  Workbook book = { sheet_names, sheet_ids, FALSE };
  Relations rels = { targets, NULL };
  Strings shared = { strings, text, FALSE, FALSE, 0, NULL };

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (g_bytes_get_size (data) > IB_XLSX_MAX_FILE)
    {
      g_autofree char *size = g_format_size (IB_XLSX_MAX_FILE);

      g_set_error (error, IB_XLSX_ERROR, IB_XLSX_ERROR_TOO_BIG,
                   _("The workbook is larger than %s, larger than a published summary: it is not read."), size);
      return FALSE;
    }
  zip = ib_zip_open (data, &zip_error);
  if (zip == NULL)
    {
      g_set_error_literal (error, IB_XLSX_ERROR,
                           zip_error->code == IB_ZIP_ERROR_TOO_BIG ? IB_XLSX_ERROR_TOO_BIG : IB_XLSX_ERROR_MALFORMED,
                           zip_error->message);
      return FALSE;
    }

  if (!ib_zip_contains (zip, "[Content_Types].xml"))
    return not_workbook (error);
  if (!parse_part (zip, "[Content_Types].xml", &types_parser, &workbook_part, NULL, error))
    return FALSE;
  if (workbook_part == NULL || !ib_zip_contains (zip, workbook_part))
    return not_workbook (error);

  if (!parse_part (zip, workbook_part, &workbook_parser, &book, NULL, error))
    goto failed;
  folder = g_path_get_dirname (workbook_part);
  base = g_path_get_basename (workbook_part);
  rels_part = g_str_equal (folder, ".") ? g_strconcat ("_rels/", base, ".rels", NULL)
                                         : g_strconcat (folder, "/_rels/", base, ".rels", NULL);
  if (!parse_part (zip, rels_part, &rels_parser, &rels, NULL, error))
    goto failed;
  if (rels.shared_strings != NULL)
    {
      g_autofree char *part = resolve (workbook_part, rels.shared_strings);

      if (!parse_part (zip, part, &strings_parser, &shared, &shared.failure, error))
        goto failed;
    }
  if (sheet_names->len == 0)
    {
      g_set_error_literal (error, IB_XLSX_ERROR, IB_XLSX_ERROR_NO_HEADER, _("The workbook has no sheets."));
      goto failed;
    }

  for (guint i = 0; i < sheet_names->len; i++)
    {
      const char *target = g_hash_table_lookup (targets, sheet_ids->pdata[i]);
      g_autofree char *part = NULL;
      g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GString) value = g_string_new (NULL);
      g_autoptr (GString) inline_text = g_string_new (NULL);
      Sheet s = { 0 };
      gboolean ok;

      if (target == NULL)
        {
          /* Translators: %s is a sheet's name */
          g_set_error (error, IB_XLSX_ERROR, IB_XLSX_ERROR_MALFORMED,
                       _("The workbook is damaged: it does not say where sheet “%s” is."),
                       (char *) sheet_names->pdata[i]);
          goto failed;
        }
      part = resolve (workbook_part, target);
      s.sheet = sheet_names->pdata[i];
      s.strings = strings;
      s.date1904 = book.date1904;
      s.accept_header = accept_header;
      s.func = func;
      s.user_data = user_data;
      s.cells = cells;
      s.value = value;
      s.inline_text = inline_text;

      ok = parse_part (zip, part, &sheet_parser, &s, &s.failure, error);
      g_free (s.type);
      g_free (s.dates);
      if (!ok && !s.gave_up && !s.stopped)
        goto failed;
      g_clear_error (error);
      if (s.header_done)
        {
          if (sheet_name != NULL)
            *sheet_name = g_strdup (s.sheet);
          g_free (rels.shared_strings);
          return TRUE;
        }
      if (accept_header == NULL)
        break;
    }

  g_set_error_literal (error, IB_XLSX_ERROR, IB_XLSX_ERROR_NO_HEADER,
                       accept_header == NULL ? _("The workbook’s first sheet is empty.")
                                             : _("No sheet in the workbook has the header row this import needs."));
failed:
  g_free (rels.shared_strings);
  return FALSE;
}

GBytes *
ib_xlsx_read_stream (GInputStream  *stream,
                     const void    *head,
                     gsize          head_length,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr (GByteArray) buffer = g_byte_array_new ();
  g_autofree guint8 *chunk = g_malloc (64 * 1024);

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (head != NULL || head_length == 0, NULL);

  g_byte_array_append (buffer, head, head_length);
  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, 64 * 1024, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > IB_XLSX_MAX_FILE)
        {
          g_autofree char *size = g_format_size (IB_XLSX_MAX_FILE);

          g_set_error (error, IB_XLSX_ERROR, IB_XLSX_ERROR_TOO_BIG,
                       _("The workbook is larger than %s, larger than a published summary: it is not read."), size);
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}
