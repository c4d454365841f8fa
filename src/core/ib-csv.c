/* ib-csv.c
 *
 * Councils' trackers come out of Excel: a byte-order mark, CRLF line ends, quoted fields with
 * commas and line breaks inside. Whatever is wrong is named by line and column, so a person
 * can find it in the spreadsheet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ib-csv.h"

G_DEFINE_QUARK (ib-csv-error-quark, ib_csv_error)

static void
row_free (IbCsvRow *row)
{
  g_strfreev (row->fields);
  g_free (row);
}

/* Returns the 1-based line and character column of byte @offset in @data. */
static void
position_of (const char *data,
             gsize       offset,
             guint      *line,
             guint      *column)
{
  const char *p = data, *end = data + offset, *line_start = data;

  *line = 1;
  for (; p < end; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  /* The prefix is valid UTF-8 by the time this is asked. */
  *column = (guint) g_utf8_strlen (line_start, end - line_start) + 1;
}

static void
finish_row (GPtrArray *rows,
            GPtrArray *fields,
            guint      line)
{
  IbCsvRow *row;

  /* A blank line is one empty field: skipped, not a record. */
  if (fields->len == 1 && *(char *) fields->pdata[0] == '\0')
    {
      g_ptr_array_set_size (fields, 0);
      return;
    }

  row = g_new0 (IbCsvRow, 1);
  g_ptr_array_add (fields, NULL);
  row->fields = (GStrv) g_ptr_array_steal (fields, NULL);
  row->line = line;
  g_ptr_array_add (rows, row);
}

GPtrArray *
ib_csv_parse (const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) field = g_string_new (NULL);
  const char *bad = NULL, *p, *end;
  gboolean quoted = FALSE, was_quoted = FALSE;
  gsize quote_at = 0;
  guint line = 1, row_line = 1;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!g_utf8_validate_len (data, length, &bad))
    {
      guint l, c;

      position_of (data, bad - data, &l, &c);
      g_set_error (error, IB_CSV_ERROR, IB_CSV_ERROR_ENCODING,
                   /* Translators: %u are a line and a column of a CSV file */
                   _("Line %u, column %u: the file is not UTF-8 text. Save it from the spreadsheet as “CSV UTF-8”."),
                   l, c);
      return NULL;
    }

  p = data;
  end = data + length;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  for (; p < end; p++)
    {
      char ch = *p;

      if (quoted)
        {
          if (ch == '"' && p + 1 < end && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (ch == '"')
            quoted = FALSE;
          else
            {
              if (ch == '\n')
                line++;
              g_string_append_c (field, ch);
            }
          continue;
        }

      if (ch == '"')
        {
          if (field->len > 0 || was_quoted)
            {
              guint l, c;

              position_of (data, p - data, &l, &c);
              g_set_error (error, IB_CSV_ERROR, IB_CSV_ERROR_QUOTE,
                           _("Line %u, column %u: a quote inside a value that does not start with one. Put the whole value in quotes and double the quote inside."),
                           l, c);
              return NULL;
            }
          quoted = was_quoted = TRUE;
          quote_at = p - data;
        }
      else if (ch == ',')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
        }
      else if (ch == '\r' && p + 1 < end && p[1] == '\n')
        continue;
      else if (ch == '\n')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          finish_row (rows, fields, row_line);
          line++;
          row_line = line;
        }
      else if (was_quoted)
        {
          guint l, c;

          position_of (data, p - data, &l, &c);
          g_set_error (error, IB_CSV_ERROR, IB_CSV_ERROR_QUOTE,
                       _("Line %u, column %u: text after a closing quote. Put the whole value in quotes."), l, c);
          return NULL;
        }
      else
        g_string_append_c (field, ch);
    }

  if (quoted)
    {
      guint l, c;

      position_of (data, quote_at, &l, &c);
      g_set_error (error, IB_CSV_ERROR, IB_CSV_ERROR_QUOTE,
                   _("Line %u, column %u: this quote is never closed."), l, c);
      return NULL;
    }

  if (field->len > 0 || fields->len > 0 || was_quoted)
    {
      g_ptr_array_add (fields, g_strdup (field->str));
      finish_row (rows, fields, row_line);
    }

  if (rows->len == 0)
    {
      g_set_error_literal (error, IB_CSV_ERROR, IB_CSV_ERROR_EMPTY, _("The file is empty: it has no header row."));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

void
ib_csv_append_field (GString    *out,
                     const char *field)
{
  g_return_if_fail (out != NULL);

  if (field == NULL)
    return;

  /* A leading U+FEFF would read back as a byte-order mark and vanish. */
  if (strpbrk (field, ",\"\r\n") == NULL && !g_str_has_prefix (field, "\xEF\xBB\xBF"))
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
