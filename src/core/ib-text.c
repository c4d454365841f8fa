/* ib-text.c
 *
 * The message ids are the window's (src/ui/ib-format.c), so one translation serves both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ib-record-json.h"
#include "ib-text.h"

G_DEFINE_QUARK (ib-text-error-quark, ib_text_error)

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

/* How the locale writes a date in figures: the order of day, month and year, and what goes
 * between them, read from its own short format (nl_langinfo (D_FMT)), e.g. "%d/%m/%y". */
typedef struct
{
  char order[4];   /* 'd', 'm' and 'y' in the locale's order, then a NUL */
  char separator;
} DateShape;

static DateShape
locale_shape (void)
{
  const char *format = nl_langinfo (D_FMT);
  DateShape shape = { { 0, 0, 0, 0 }, 0 };
  guint n = 0;

  for (const char *p = format; p != NULL && *p != '\0' && n < 3; p++)
    {
      if (*p != '%')
        {
          if (n > 0 && shape.separator == 0 && !g_ascii_isalnum (*p) && *p != ' ')
            shape.separator = *p;
          continue;
        }
      p++;
      /* Flags such as "%-d" or "%Ey" come before the conversion. */
      while (*p == '-' || *p == '_' || *p == '0' || *p == 'E' || *p == 'O')
        p++;
      if (*p == 'd' || *p == 'e')
        shape.order[n++] = 'd';
      else if (*p == 'm')
        shape.order[n++] = 'm';
      else if (*p == 'y' || *p == 'Y')
        shape.order[n++] = 'y';
      else if (*p == '\0')
        break;
    }

  /* A locale that writes dates another way (or none) is read day first, as Europe writes. */
  if (n != 3 || memchr (shape.order, 'd', 3) == NULL || memchr (shape.order, 'm', 3) == NULL ||
      memchr (shape.order, 'y', 3) == NULL)
    memcpy (shape.order, "dmy", 3);
  if (shape.separator == 0)
    shape.separator = '/';
  return shape;
}

static char *
write_short (guint year,
             guint month,
             guint day)
{
  DateShape shape = locale_shape ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < 3; i++)
    {
      if (shape.order[i] == 'd' && day == 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, shape.separator);
      if (shape.order[i] == 'd')
        g_string_append_printf (out, "%02u", day);
      else if (shape.order[i] == 'm')
        g_string_append_printf (out, "%02u", month);
      else
        g_string_append_printf (out, "%04u", year);
    }
  return g_string_free (out, FALSE);
}

char *
ib_text_date_short (const char *date)
{
  if (!ib_date_is_valid (date))
    return g_strdup (date != NULL ? date : "");
  return write_short ((guint) atoi (date), (guint) atoi (date + 5), (guint) atoi (date + 8));
}

char *
ib_text_period_short (const char *period)
{
  if (!ib_period_is_valid (period))
    return g_strdup (period != NULL ? period : "");
  return write_short ((guint) atoi (period), (guint) atoi (period + 5), 0);
}

/* Splits @text into runs of digits; anything else between them is a separator, but letters are
 * not allowed. Returns the number of runs (at most 3), with each one's value and length. */
static guint
split_numbers (const char *text,
               guint       values[3],
               guint       lengths[3])
{
  guint n = 0;
  const char *p = text;

  while (*p != '\0')
    {
      if (g_ascii_isdigit (*p))
        {
          guint value = 0, length = 0;

          if (n == 3)
            return 4;
          while (g_ascii_isdigit (*p))
            {
              if (length < 6)
                value = value * 10 + (guint) (*p - '0');
              length++;
              p++;
            }
          values[n] = value;
          lengths[n] = length;
          n++;
        }
      else if (strchr ("/.- ", *p) != NULL)
        p++;
      else
        return 4;
    }
  return n;
}

static guint
whole_year (guint value,
            guint length)
{
  /* Two digits are this century's: the programme's records are. */
  return length <= 2 ? 2000 + value : value;
}

static void
set_not_a_date (GError     **error,
                const char  *text,
                gboolean     month)
{
  g_autofree char *example = month ? ib_text_period_short ("2026-11") : ib_text_date_short ("2026-11-29");

  if (month)
    /* Translators: %s is what was typed, then a month written the locale's way, e.g. "11/2026" */
    g_set_error (error, IB_TEXT_ERROR, IB_TEXT_ERROR_NOT_A_DATE,
                 _("“%s” is not a month: write it like %s or 2026-11"), text, example);
  else
    /* Translators: %s is what was typed, then a date written the locale's way, e.g. "29/11/2026" */
    g_set_error (error, IB_TEXT_ERROR, IB_TEXT_ERROR_NOT_A_DATE,
                 _("“%s” is not a date: write it like %s or 2026-11-29"), text, example);
}

char *
ib_text_parse_date (const char  *text,
                    GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint values[3], lengths[3];
  guint year = 0, month = 0, day = 0;
  g_autofree char *iso = NULL;

  if (split_numbers (trimmed, values, lengths) != 3)
    {
      set_not_a_date (error, trimmed, FALSE);
      return NULL;
    }

  if (lengths[0] == 4)
    {
      /* ISO 8601 leads with the year whatever the locale. */
      year = values[0];
      month = values[1];
      day = values[2];
    }
  else
    {
      DateShape shape = locale_shape ();

      for (guint i = 0; i < 3; i++)
        if (shape.order[i] == 'd')
          day = values[i];
        else if (shape.order[i] == 'm')
          month = values[i];
        else if (lengths[i] == 2 || lengths[i] == 4)
          year = whole_year (values[i], lengths[i]);
    }

  iso = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
  if (year > 9999 || !ib_date_is_valid (iso))
    {
      set_not_a_date (error, trimmed, FALSE);
      return NULL;
    }
  return g_steal_pointer (&iso);
}

char *
ib_text_parse_period (const char  *text,
                      GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint values[3], lengths[3];
  guint year = 0, month = 0;
  g_autofree char *iso = NULL;

  if (split_numbers (trimmed, values, lengths) != 2)
    {
      set_not_a_date (error, trimmed, TRUE);
      return NULL;
    }

  if (lengths[0] == 4)
    {
      year = values[0];
      month = values[1];
    }
  else
    {
      DateShape shape = locale_shape ();
      gboolean month_first = strchr (shape.order, 'm') < strchr (shape.order, 'y');

      month = values[month_first ? 0 : 1];
      if (lengths[month_first ? 1 : 0] == 2 || lengths[month_first ? 1 : 0] == 4)
        year = whole_year (values[month_first ? 1 : 0], lengths[month_first ? 1 : 0]);
    }

  iso = g_strdup_printf ("%04u-%02u", year, month);
  if (year > 9999 || !ib_period_is_valid (iso))
    {
      set_not_a_date (error, trimmed, TRUE);
      return NULL;
    }
  return g_steal_pointer (&iso);
}
