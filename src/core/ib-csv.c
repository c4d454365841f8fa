/* ib-csv.c
 *
 * Councils' trackers come out of Excel: a byte-order mark, CRLF line ends, quoted fields with
 * commas and line breaks inside. Whatever is wrong is named by line and column, so a person
 * can find it in the spreadsheet. The reader is incremental, so a national data set of any size
 * is read in constant memory.
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

struct _IbCsvReader
{
  IbCsvRowFunc  func;
  gpointer      user_data;

  GPtrArray    *fields;
  GString      *field;
  gboolean      quoted;
  gboolean      was_quoted;
  gboolean      quote_pending;  /* a quote inside quotes: closing, or the first of "" */
  gboolean      cr_pending;     /* a CR outside quotes: a line end if LF follows */
  guint         cr_line, cr_column;
  guint         line, column;   /* of the next byte */
  guint         row_line;
  guint         quote_line, quote_column;
  guint         n_rows;
  char          carry[4];       /* the start of a character cut by the end of a piece */
  gsize         n_carry;
  char          head[3];        /* the first bytes, held until a byte-order mark can be told */
  gsize         n_head;
  gboolean      head_done;
  gboolean      failed;
};

static gboolean
quote_error (IbCsvReader  *self,
             guint         line,
             guint         column,
             const char   *message,
             GError      **error)
{
  self->failed = TRUE;
  g_set_error (error, IB_CSV_ERROR, IB_CSV_ERROR_QUOTE, message, line, column);
  return FALSE;
}

static gboolean
finish_row (IbCsvReader  *self,
            GError      **error)
{
  IbCsvRow row;
  gboolean ok;

  g_ptr_array_add (self->fields, g_strdup (self->field->str));
  g_string_truncate (self->field, 0);
  self->was_quoted = FALSE;

  /* A blank line is one empty field: skipped, not a record. */
  if (self->fields->len == 1 && *(char *) self->fields->pdata[0] == '\0')
    {
      g_ptr_array_set_size (self->fields, 0);
      return TRUE;
    }

  g_ptr_array_add (self->fields, NULL);
  row.fields = (GStrv) g_ptr_array_steal (self->fields, NULL);
  row.line = self->row_line;
  self->n_rows++;
  ok = self->func (&row, self->user_data, error);
  g_strfreev (row.fields);
  if (!ok)
    self->failed = TRUE;
  return ok;
}

/* An ordinary character outside quotes. */
static gboolean
plain_char (IbCsvReader  *self,
            char          ch,
            guint         line,
            guint         column,
            GError      **error)
{
  if (self->was_quoted)
    return quote_error (self, line, column,
                        /* Translators: %u are a line and a column of a CSV file */
                        _("Line %u, column %u: text after a closing quote. Put the whole value in quotes."),
                        error);
  g_string_append_c (self->field, ch);
  return TRUE;
}

static gboolean
step (IbCsvReader  *self,
      char          ch,
      GError      **error)
{
  guint line = self->line, column = self->column;

  if (ch == '\n')
    {
      self->line++;
      self->column = 1;
    }
  else if (((guchar) ch & 0xC0) != 0x80)
    self->column++;

  if (self->quote_pending)
    {
      self->quote_pending = FALSE;
      if (ch == '"')
        {
          g_string_append_c (self->field, '"');
          return TRUE;
        }
      self->quoted = FALSE;
    }
  else if (self->quoted)
    {
      if (ch == '"')
        self->quote_pending = TRUE;
      else
        g_string_append_c (self->field, ch);
      return TRUE;
    }

  if (self->cr_pending)
    {
      self->cr_pending = FALSE;
      if (ch != '\n' && !plain_char (self, '\r', self->cr_line, self->cr_column, error))
        return FALSE;
    }

  switch (ch)
    {
    case '"':
      if (self->field->len > 0 || self->was_quoted)
        return quote_error (self, line, column,
                            _("Line %u, column %u: a quote inside a value that does not start with one. Put the whole value in quotes and double the quote inside."),
                            error);
      self->quoted = self->was_quoted = TRUE;
      self->quote_line = line;
      self->quote_column = column;
      return TRUE;

    case ',':
      g_ptr_array_add (self->fields, g_strdup (self->field->str));
      g_string_truncate (self->field, 0);
      self->was_quoted = FALSE;
      return TRUE;

    case '\r':
      self->cr_pending = TRUE;
      self->cr_line = line;
      self->cr_column = column;
      return TRUE;

    case '\n':
      if (!finish_row (self, error))
        return FALSE;
      self->row_line = self->line;
      return TRUE;

    default:
      return plain_char (self, ch, line, column, error);
    }
}

static gboolean
steps (IbCsvReader  *self,
       const char   *data,
       gsize         length,
       GError      **error)
{
  for (gsize i = 0; i < length; i++)
    if (!step (self, data[i], error))
      return FALSE;
  return TRUE;
}

/* Validates and reads @length bytes that follow whatever was carried over. */
static gboolean
feed_text (IbCsvReader  *self,
           const char   *data,
           gsize         length,
           GError      **error)
{
  const char *end = data + length, *bad = NULL;

  while (self->n_carry > 0 && data < end)
    {
      gunichar c;

      self->carry[self->n_carry++] = *data++;
      c = g_utf8_get_char_validated (self->carry, self->n_carry);
      if (c == (gunichar) -2 && self->n_carry < 4)
        continue;
      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (!steps (self, self->carry, self->n_carry, error))
        return FALSE;
      self->n_carry = 0;
    }
  /* Still incomplete at the end of this piece: wait for the next, but never past four bytes
   * (a lead byte of the old five- and six-byte forms is incomplete at four too). */
  if (self->n_carry > 0 && self->n_carry < 4 && data >= end &&
      g_utf8_get_char_validated (self->carry, self->n_carry) == (gunichar) -2)
    return TRUE;
  if (self->n_carry > 0)
    {
      self->failed = TRUE;
      g_set_error (error, IB_CSV_ERROR, IB_CSV_ERROR_ENCODING,
                   _("Line %u, column %u: the file is not UTF-8 text. Save it from the spreadsheet as “CSV UTF-8”."),
                   self->line, self->column);
      return FALSE;
    }

  if (g_utf8_validate_len (data, end - data, &bad))
    return steps (self, data, end - data, error);

  if (!steps (self, data, bad - data, error))
    return FALSE;
  if (end - bad < 4 && g_utf8_get_char_validated (bad, end - bad) == (gunichar) -2)
    {
      memcpy (self->carry, bad, end - bad);
      self->n_carry = end - bad;
      return TRUE;
    }

  self->failed = TRUE;
  g_set_error (error, IB_CSV_ERROR, IB_CSV_ERROR_ENCODING,
               _("Line %u, column %u: the file is not UTF-8 text. Save it from the spreadsheet as “CSV UTF-8”."),
               self->line, self->column);
  return FALSE;
}

IbCsvReader *
ib_csv_reader_new (IbCsvRowFunc func,
                   gpointer     user_data)
{
  IbCsvReader *self = g_new0 (IbCsvReader, 1);

  g_return_val_if_fail (func != NULL, NULL);

  self->func = func;
  self->user_data = user_data;
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->field = g_string_new (NULL);
  self->line = self->column = self->row_line = 1;
  return self;
}

void
ib_csv_reader_free (IbCsvReader *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->fields);
  g_string_free (self->field, TRUE);
  g_free (self);
}

/* Reads what the head held back: the byte-order mark dropped, the rest as text. */
static gboolean
release_head (IbCsvReader  *self,
              GError      **error)
{
  self->head_done = TRUE;
  if (self->n_head == 3 && memcmp (self->head, "\xEF\xBB\xBF", 3) == 0)
    return TRUE;
  return feed_text (self, self->head, self->n_head, error);
}

gboolean
ib_csv_reader_feed (IbCsvReader  *self,
                    const char   *data,
                    gsize         length,
                    GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (!self->failed, FALSE);

  while (!self->head_done && length > 0)
    {
      self->head[self->n_head++] = *data++;
      length--;
      if (self->n_head == 3 && !release_head (self, error))
        return FALSE;
    }
  if (length == 0)
    return TRUE;

  return feed_text (self, data, length, error);
}

gboolean
ib_csv_reader_finish (IbCsvReader  *self,
                      GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->failed, FALSE);

  if (!self->head_done && !release_head (self, error))
    return FALSE;

  if (self->n_carry > 0)
    {
      self->failed = TRUE;
      g_set_error (error, IB_CSV_ERROR, IB_CSV_ERROR_ENCODING,
                   _("Line %u, column %u: the file is not UTF-8 text. Save it from the spreadsheet as “CSV UTF-8”."),
                   self->line, self->column);
      return FALSE;
    }

  if (self->quote_pending)
    {
      self->quote_pending = FALSE;
      self->quoted = FALSE;
    }
  if (self->quoted)
    return quote_error (self, self->quote_line, self->quote_column,
                        _("Line %u, column %u: this quote is never closed."), error);
  if (self->cr_pending)
    {
      self->cr_pending = FALSE;
      if (!plain_char (self, '\r', self->cr_line, self->cr_column, error))
        return FALSE;
    }

  if ((self->field->len > 0 || self->fields->len > 0 || self->was_quoted) && !finish_row (self, error))
    return FALSE;

  if (self->n_rows == 0)
    {
      self->failed = TRUE;
      g_set_error_literal (error, IB_CSV_ERROR, IB_CSV_ERROR_EMPTY, _("The file is empty: it has no header row."));
      return FALSE;
    }

  return TRUE;
}

gboolean
ib_csv_read_stream (GInputStream  *stream,
                    IbCsvRowFunc   func,
                    gpointer       user_data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr (IbCsvReader) reader = ib_csv_reader_new (func, user_data);
  g_autofree char *buffer = g_malloc (64 * 1024);

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, 64 * 1024, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (!ib_csv_reader_feed (reader, buffer, n, error))
        return FALSE;
    }

  return ib_csv_reader_finish (reader, error);
}

static gboolean
keep_header (IbCsvRow  *row,
             gpointer   user_data,
             GError   **error)
{
  *(GStrv *) user_data = g_steal_pointer (&row->fields);
  /* One record is all that is wanted: stop reading. */
  return FALSE;
}

GStrv
ib_csv_read_header (GInputStream  *stream,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr (IbCsvReader) reader = NULL;
  char buffer[8192];
  GStrv header = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  reader = ib_csv_reader_new (keep_header, &header);
  while (header == NULL)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        {
          if (!ib_csv_reader_finish (reader, error))
            return NULL;
          break;
        }
      if (!ib_csv_reader_feed (reader, buffer, n, error) && header == NULL)
        return NULL;
    }
  for (guint i = 0; header != NULL && header[i] != NULL; i++)
    g_strstrip (header[i]);
  return header;
}

static gboolean
collect_row (IbCsvRow  *row,
             gpointer   user_data,
             GError   **error)
{
  IbCsvRow *copy = g_new0 (IbCsvRow, 1);

  copy->fields = g_steal_pointer (&row->fields);
  copy->line = row->line;
  g_ptr_array_add (user_data, copy);
  return TRUE;
}

GPtrArray *
ib_csv_parse (const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr (IbCsvReader) reader = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  reader = ib_csv_reader_new (collect_row, rows);
  if (!ib_csv_reader_feed (reader, data, length, error) ||
      !ib_csv_reader_finish (reader, error))
    return NULL;

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
