/* ib-csv.h: reading and writing RFC 4180 CSV, with the line and column of every problem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

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

/* Appends @field to @out, quoted when it holds a comma, a quote or a line break. */
void       ib_csv_append_field (GString     *out,
                                const char  *field);

G_END_DECLS
