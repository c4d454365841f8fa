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
