/* ib-ees.h: Explore Education Statistics data files, read into this council's KPIs
 *
 * The DfE publishes its statistics as "tidy" CSV files (its open data standards): a header of
 * snake_case names, the time and geography columns first (time_period, time_identifier,
 * geographic_level, country_code, country_name, then region_code, region_name, old_la_code,
 * new_la_code, la_name where the file goes down to local authorities), then filter columns
 * (categories) and indicator columns (numbers, or a published symbol: c, low, u, x, z). A file
 * is read twice, streaming: once to learn its columns, filters and areas (ib_ees_scan), once
 * to take the figures a mapping names (ib_ees_prepare).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-kpi-csv.h"

G_BEGIN_DECLS

#define IB_EES_ERROR (ib_ees_error_quark ())

typedef enum
{
  IB_EES_ERROR_NOT_EES,        /* the header is not an EES data file's */
  IB_EES_ERROR_NO_COUNCIL,     /* no LA code set, or the file has no row for it */
  IB_EES_ERROR_BAD_VALUE,      /* a figure that is neither a number nor a symbol, and the like */
  IB_EES_ERROR_MAPPING,        /* the mapping does not fit the file or the KPIs */
  IB_EES_ERROR_SPREADSHEET,    /* an Excel workbook, not CSV */
} IbEesError;

GQuark ib_ees_error_quark (void);

/* A file holds every local authority (for ranks and quartiles) when a period has rows for at
 * least this many: 150 to 155 over the years, as councils merged and split. */
#define IB_EES_MIN_LAS_FOR_RANK 150

/* One filter or indicator column of a file. */
typedef struct
{
  char      *name;
  guint      index;       /* 0-based, in the header */
  gboolean   indicator;   /* every value a number, a symbol or blank */
  GPtrArray *values;      /* a filter's distinct values, first seen first (at most 500) */
  guint      text_line;   /* the first line with a value that is not a figure, or 0 */
  char      *text_value;  /* that value */
} IbEesColumn;

/* What a first read of a file found. */
typedef struct
{
  char      *file_name;      /* the base name, as shown and kept as the source */
  char      *dataset;        /* the data set's key: a digest of its header */
  char      *title;          /* a title made from the file name, until one is given */
  GPtrArray *columns;        /* IbEesColumn: the filters and indicators, in file order */
  GPtrArray *periods;        /* distinct time_period values, oldest first */
  char      *time_identifier;
  guint      n_rows;
  guint      max_las;        /* the most local authorities any period has rows for */
  GHashTable *las;           /* LA code (old and new) → name */
} IbEesScan;

/* Frees @scan; NULL is ignored. */
void       ib_ees_scan_free  (IbEesScan *scan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbEesScan, ib_ees_scan_free)

/* One KPI fed from a file: which indicator column, with which filter values. */
typedef struct
{
  char     *indicator;   /* the KPI's code, as in the indicator list (CLA_RATE) */
  char     *column;      /* the indicator column */
  GStrv     filters;     /* "column=value" for every filter column */
  gboolean  own_value;   /* fill the council's own value, not only the comparators */
} IbEesMappingItem;

/* What a data set feeds, remembered per data set so it is asked once. */
typedef struct
{
  char      *dataset;
  char      *file_name;
  char      *title;        /* the data set's title on EES */
  char      *publication;  /* "Children looked after in England including adoptions" */
  GPtrArray *items;        /* IbEesMappingItem */
} IbEesMapping;

/* Frees @mapping; NULL is ignored. */
void       ib_ees_mapping_free (IbEesMapping *mapping);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbEesMapping, ib_ees_mapping_free)

/* Returns a new, empty mapping for @scan's data set, titled from it (transfer full). */
IbEesMapping *ib_ees_mapping_new      (IbEesScan     *scan);

/* Adds an item mapping @column (with @filters, NULL-terminated "column=value") to KPI @code. */
void          ib_ees_mapping_add      (IbEesMapping  *mapping,
                                       const char    *code,
                                       const char    *column,
                                       const char * const *filters,
                                       gboolean       own_value);

/* Returns the mapping remembered for data set @dataset, or NULL (transfer full). */
IbEesMapping *ib_ees_mapping_load     (IbStore       *store,
                                       const char    *dataset);

/* Remembers @mapping for its data set, replacing any earlier one. */
gboolean      ib_ees_mapping_save     (IbStore       *store,
                                       IbEesMapping  *mapping,
                                       GError       **error);

/* Returns @data's first bytes' verdict: TRUE when they are a zip archive (an .xlsx workbook),
 * setting @error to say how to save it as CSV. */
gboolean      ib_ees_refuse_workbook  (const char    *data,
                                       gsize          length,
                                       GError       **error);

/* Reads @stream once and returns what it holds, or NULL with @error when it is not an EES
 * data file (naming the missing column), not UTF-8 or malformed (naming line and column).
 * @file_name is the name it is known by. */
IbEesScan    *ib_ees_scan             (GInputStream  *stream,
                                       const char    *file_name,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* Returns the translated list of what @mapping lacks for @scan and @store (an indicator code
 * with no KPI, a column the file does not have, a filter without a value, …), one per line,
 * or NULL when it fits (transfer full). */
char         *ib_ees_mapping_problems (IbEesMapping  *mapping,
                                       IbEesScan     *scan,
                                       IbStore       *store);

/* Reads @stream (the file @scan was made from) a second time and returns what importing it by
 * @mapping would change: an IbKpiChange per KPI and period with a figure, as
 * ib_kpi_csv_prepare; write them with ib_kpi_csv_apply (). The council's own value, the
 * England and region figures, the statistical neighbours' mean and the ranks are filled as the
 * file allows; symbols are kept as "not published"; a figure an earlier release gave
 * differently is marked revised. A KPI counted in "count" units gets its own figures only: a
 * national total or a mean of other councils' sizes compares nothing. @published_on (YYYY-MM-DD) is the release date, when known.
 * Refuses, with line and column, a figure that is not a number or a symbol, a council code
 * the file does not have and rows the mapping leaves ambiguous; nothing is written. */
GPtrArray    *ib_ees_prepare          (IbStore       *store,
                                       GInputStream  *stream,
                                       IbEesScan     *scan,
                                       IbEesMapping  *mapping,
                                       const char    *published_on,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* What a CSV file is, told from its first record. */
typedef enum
{
  IB_IMPORT_EES,           /* anything else: read as an EES data set, which says if it is not */
  IB_IMPORT_KPI_CSV,       /* the app's own layout (indicator, period, value, …) */
  IB_IMPORT_OFSTED,        /* an Ofsted outcomes summary */
} IbImportKind;

/* Returns which reader @header (a file's first record, trimmed) is for. */
IbImportKind  ib_import_kind_for_header (const char * const *header);

/* Returns the symbol code (c, low, u, x, z) @text stands for, accepting the bracketed forms
 * and the older ":" and ".." (x) and "~" (low); NULL when @text is not a symbol. */
const char   *ib_ees_symbol_code      (const char    *text);

/* Returns the measurement period (YYYY-MM) an EES @time_period of @time_identifier ends in,
 * and its label as the publication writes it ("2023–24"), or FALSE for a period a monthly KPI
 * cannot hold (weeks) or a malformed one. */
gboolean      ib_ees_period           (const char    *time_period,
                                       const char    *time_identifier,
                                       char         **period,
                                       char         **label);

G_END_DECLS
