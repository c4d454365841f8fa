/* ib-text.c
 *
 * The message ids are the window's (src/ui/ib-format.c), so one translation serves both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "ib-record-json.h"
#include "ib-text.h"

char *
ib_text_date (const char *date)
{
  g_autoptr (GDateTime) dt = NULL;

  if (!ib_date_is_valid (date))
    return g_strdup (date != NULL ? date : "");

  dt = g_date_time_new_utc (atoi (date), atoi (date + 5), atoi (date + 8), 0, 0, 0);
  /* Translators: a full date; see strftime(3). Reorder for your language, e.g. "%-d %B %Y" */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

char *
ib_text_date_range (const char *start,
                    const char *end)
{
  g_autoptr (GDateTime) a = NULL;
  g_autoptr (GDateTime) b = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (!ib_date_is_valid (start))
    return g_strdup (start != NULL ? start : "");
  if (!ib_date_is_valid (end) || g_strcmp0 (start, end) == 0)
    return ib_text_date (start);

  a = g_date_time_new_utc (atoi (start), atoi (start + 5), atoi (start + 8), 0, 0, 0);
  b = g_date_time_new_utc (atoi (end), atoi (end + 5), atoi (end + 8), 0, 0, 0);
  last = g_date_time_format (b, _("%-d %B %Y"));

  if (g_date_time_get_year (a) == g_date_time_get_year (b) &&
      g_date_time_get_month (a) == g_date_time_get_month (b))
    /* Translators: the first day of a range within one month; see strftime(3) */
    first = g_date_time_format (a, C_("date range start, same month", "%-d"));
  else if (g_date_time_get_year (a) == g_date_time_get_year (b))
    first = g_date_time_format (a, C_("date range start, same year", "%-d %B"));
  else
    first = g_date_time_format (a, _("%-d %B %Y"));

  /* Translators: a date range, e.g. "6–17 December 2021" */
  return g_strdup_printf (C_("date range", "%s–%s"), first, last);
}

char *
ib_text_period (const char *period)
{
  g_autoptr (GDateTime) dt = NULL;

  if (!ib_period_is_valid (period))
    return g_strdup (period != NULL ? period : "");

  dt = g_date_time_new_utc (atoi (period), atoi (period + 5), 1, 0, 0, 0);
  /* Translators: a month and year; see strftime(3) */
  return g_date_time_format (dt, _("%B %Y"));
}

char *
ib_text_value (const char *unit,
               int         decimals,
               double      value)
{
  g_autofree char *number = NULL;

  if (isnan (value))
    return g_strdup (C_("value", "No value"));

  /* %' groups thousands the locale's way. */
  number = g_strdup_printf ("%'.*f", CLAMP (decimals, 0, 4), value);

  if (g_strcmp0 (unit, "percent") == 0)
    /* Translators: a percentage value, e.g. "31%" */
    return g_strdup_printf (C_("value", "%s%%"), number);
  if (g_strcmp0 (unit, "rate_per_10k") == 0)
    return g_strdup_printf (C_("value", "%s per 10,000"), number);
  if (g_strcmp0 (unit, "days") == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days",
                                         fabs (value - 1) < 1e-9 ? 1 : 2), number);

  return g_steal_pointer (&number);
}
