/* ib-format.h: locale-aware formatting of dates, periods and values for display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ib-record.h"

G_BEGIN_DECLS

/* Returns @date (YYYY-MM-DD) in the locale's long form, e.g. "6 December 2021"; NULL gives "". */
char *ib_format_date        (const char *date);

/* Returns a date range, e.g. "6–17 December 2021"; @end may be NULL or equal to @start. */
char *ib_format_date_range  (const char *start,
                             const char *end);

/* Returns @period (YYYY-MM) as month and year, e.g. "March 2021". */
char *ib_format_period      (const char *period);

/* Returns @value formatted for @indicator's unit and decimals, with the locale's digits and grouping. */
char *ib_format_value       (IbRecord   *indicator,
                             double      value);

G_END_DECLS
