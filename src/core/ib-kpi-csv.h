/* ib-kpi-csv.h: monthly measurements to and from CSV
 *
 * The layout (UTF-8, a header row, columns in any order):
 *   indicator        the indicator's code, e.g. CLA_N (required)
 *   period           the month, YYYY-MM (required)
 *   value            the month's value; empty for none (required column)
 *   numerator, denominator, england, stat_neighbours, region   numbers, optional
 *   note             text, optional
 * Numbers use a point for decimals and no thousands separators.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-store.h"

G_BEGIN_DECLS

typedef enum
{
  IB_KPI_CHANGE_CREATE,     /* a month not in the database yet */
  IB_KPI_CHANGE_UPDATE,     /* a month whose figures differ */
  IB_KPI_CHANGE_UNCHANGED,  /* a month already as in the file */
} IbKpiChangeKind;

/* One month of the file, matched against the database. */
typedef struct
{
  IbKpiChangeKind kind;
  guint           line;       /* in the file */
  IbRecord       *record;     /* the measurement as it will be written (or already is) */
} IbKpiChange;

/* Reads @data (@length bytes) as measurements of @store's indicators and returns what
 * importing it would change (IbKpiChange, in file order). Returns NULL with @error naming the
 * line and column of each problem (bad number, unknown indicator, bad or duplicate month,
 * wrong encoding, ragged rows, unknown columns; at most 10 are listed); nothing is written. */
GPtrArray *ib_kpi_csv_prepare (IbStore      *store,
                               const char   *data,
                               gsize         length,
                               GError      **error);

/* Writes @changes from ib_kpi_csv_prepare () in one transaction: all or nothing. */
gboolean   ib_kpi_csv_apply   (IbStore      *store,
                               GPtrArray    *changes,
                               GError      **error);

/* Returns the measurements of @indicator_id (NULL for every indicator) as CSV in the layout
 * above, by indicator code then month (transfer full). */
char      *ib_kpi_csv_export  (IbStore      *store,
                               const char   *indicator_id);

G_END_DECLS
