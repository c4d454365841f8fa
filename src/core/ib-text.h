/* ib-text.h: dates, months and values worded as a reader reads them, for core's sentences and
 * the printed pack (the window's own formatting says the same in the same words)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns @date (YYYY-MM-DD) in the locale's words, e.g. "3 May 2022"; @date itself when it is
 * not a date, "" for NULL (transfer full). */
char *ib_text_date       (const char *date);

/* Returns the days from @start to @end (YYYY-MM-DD) as briefly as they read, e.g. "6–17 December
 * 2021"; one date when @end is NULL or the same (transfer full). */
char *ib_text_date_range (const char *start,
                          const char *end);

/* Returns @period (YYYY-MM) as a month and year, e.g. "March 2021" (transfer full). */
char *ib_text_period     (const char *period);

/* Returns @value in @unit ("percent", "rate_per_10k", "days", "count", "ratio") with @decimals
 * decimals and the locale's grouping, e.g. "31%"; "No value" for NAN (transfer full). */
char *ib_text_value      (const char *unit,
                          int         decimals,
                          double      value);

G_END_DECLS
