/* ib-csv.h: reading and writing RFC 4180 CSV, with the line and column of every problem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define IB_CSV_ERROR (ib_csv_error_quark ())

typedef enum
{
  IB_CSV_ERROR_ENCODING,  /* not UTF-8 */
  IB_CSV_ERROR_QUOTE,     /* an unterminated or stray quote */
  IB_CSV_ERROR_EMPTY,     /* no header row */
} IbCsvError;

GQuark ib_csv_error_quark (void);

/* One record of a CSV file: its fields and the line it starts on (1-based). */
typedef struct
{
  GStrv fields;
  guint line;
} IbCsvRow;

/* Parses @data (@length bytes, UTF-8, an optional byte-order mark, CRLF or LF line ends,
 * fields quoted with "…" and "" inside) into IbCsvRow records, blank lines skipped. Returns
 * NULL with @error naming the line and column (1-based, in characters) of the first problem. */
GPtrArray *ib_csv_parse        (const char  *data,
                                gsize        length,
                                GError     **error);

/* Called for each record as it is read; returning FALSE with @error set stops the read. */
typedef gboolean (*IbCsvRowFunc) (IbCsvRow  *row,
                                  gpointer   user_data,
                                  GError   **error);

/* An incremental reader: bytes go in as they arrive, records come out through a callback,
 * so a file of any size is read in constant memory (the longest record aside). */
typedef struct _IbCsvReader IbCsvReader;

/* Returns a reader that calls @func with @user_data for every record. */
IbCsvReader *ib_csv_reader_new    (IbCsvRowFunc  func,
                                   gpointer      user_data);

/* Reads @length more bytes of the file; a multi-byte character may be split between calls.
 * Returns FALSE with @error naming the line and column of the first problem, as ib_csv_parse. */
gboolean     ib_csv_reader_feed   (IbCsvReader  *self,
                                   const char   *data,
                                   gsize         length,
                                   GError      **error);

/* Ends the file: emits the last record and fails on an unclosed quote, a character cut short
 * or a file with no record at all. */
gboolean     ib_csv_reader_finish (IbCsvReader  *self,
                                   GError      **error);

/* Frees @self; NULL is ignored. */
void         ib_csv_reader_free   (IbCsvReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbCsvReader, ib_csv_reader_free)

/* Reads all of @stream through a reader calling @func, in 64 KiB pieces. */
gboolean     ib_csv_read_stream   (GInputStream  *stream,
                                   IbCsvRowFunc   func,
                                   gpointer       user_data,
                                   GCancellable  *cancellable,
                                   GError       **error);

/* Returns the first record of @stream, its fields trimmed (transfer full), reading no further
 * than it needs; NULL with @error for an unreadable, malformed or empty file. */
GStrv        ib_csv_read_header   (GInputStream  *stream,
                                   GCancellable  *cancellable,
                                   GError       **error);

/* Appends @field to @out, quoted when it holds a comma, a quote or a line break. */
void       ib_csv_append_field (GString     *out,
                                const char  *field);

G_END_DECLS
