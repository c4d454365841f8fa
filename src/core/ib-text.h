/* ib-text.h: dates, months and values worded as a reader reads them, for core's sentences and
 * the printed pack (the window's own formatting says the same in the same words)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IB_TEXT_ERROR (ib_text_error_quark ())

typedef enum
{
  IB_TEXT_ERROR_NOT_A_DATE,   /* text that is no date (or no month) this locale or ISO writes */
} IbTextError;

GQuark ib_text_error_quark (void);

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

/* Returns @date (YYYY-MM-DD) the locale's short way with the whole year, as a form shows it and
 * a person types it: "29/11/2026" in en_GB, "29.11.2026" in pl_PL; "" for NULL, @date itself
 * when it is not a date (transfer full). */
char *ib_text_date_short   (const char *date);

/* Returns @period (YYYY-MM) the locale's short way, e.g. "11/2026" or "11.2026" (transfer full). */
char *ib_text_period_short (const char *period);

/* Reads a date as a person types it: the day, month and year in the locale's order (29/11/2026
 * in en_GB, 29.11.2026 in pl_PL), separated by any of "/ . -" or a space, the year in two or four
 * digits; or ISO 8601 (2026-11-29). Returns it as YYYY-MM-DD (transfer full), or NULL with
 * IB_TEXT_ERROR_NOT_A_DATE saying how to write one. */
char *ib_text_parse_date   (const char  *text,
                            GError     **error);

/* Reads a month as a person types it: the month and year in the locale's order (11/2026,
 * 11.2026) or YYYY-MM. Returns it as YYYY-MM (transfer full), or NULL with
 * IB_TEXT_ERROR_NOT_A_DATE. */
char *ib_text_parse_period (const char  *text,
                            GError     **error);

G_END_DECLS
