/* test-dates.c: dates and months as people type and read them in each shipped locale (en_GB,
 * cy_GB, pl_PL) and in ISO 8601, and what is refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ib-text.h"

/* Switches dates to @locale; FALSE (the test skipped) when this machine lacks it. */
static gboolean
use_locale (const char *locale)
{
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *why = g_strdup_printf ("the %s locale is not generated here (bash .ci/deps makes it)", locale);

      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

static void
assert_date (const char *typed,
             const char *iso)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *parsed = ib_text_parse_date (typed, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (parsed, ==, iso);
}

static void
assert_not_date (const char *typed)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *parsed = ib_text_parse_date (typed, &error);

  g_assert_null (parsed);
  g_assert_error (error, IB_TEXT_ERROR, IB_TEXT_ERROR_NOT_A_DATE);
}

static void
assert_period (const char *typed,
               const char *iso)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *parsed = ib_text_parse_period (typed, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (parsed, ==, iso);
}

static void
assert_short (const char *iso,
              const char *shown)
{
  g_autofree char *text = iso != NULL && iso[7] == '-' ? ib_text_date_short (iso) : ib_text_period_short (iso);

  g_assert_cmpstr (text, ==, shown);
}

static void
test_british (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *refused = NULL;

  if (!use_locale ("en_GB.UTF-8"))
    return;

  assert_short ("2026-11-29", "29/11/2026");
  assert_short ("2026-03-05", "05/03/2026");
  assert_short ("2026-11", "11/2026");
  assert_date ("29/11/2026", "2026-11-29");
  assert_date ("5/3/2026", "2026-03-05");
  assert_date (" 29/11/26 ", "2026-11-29");
  assert_date ("29-11-2026", "2026-11-29");
  assert_date ("29 11 2026", "2026-11-29");
  assert_date ("2026-11-29", "2026-11-29");
  assert_period ("11/2026", "2026-11");
  assert_period ("2026-11", "2026-11");
  assert_period ("3/26", "2026-03");

  /* What a date is not; the message shows the locale's way of writing one. */
  assert_not_date ("11/29/2026");
  assert_not_date ("31/02/2026");
  assert_not_date ("29/11");
  assert_not_date ("next Tuesday");
  assert_not_date ("29/11/2026 12:00");
  assert_not_date ("");
  refused = ib_text_parse_date ("31/02/2026", &error);
  g_assert_null (refused);
  g_assert_cmpstr (error->message, ==, "“31/02/2026” is not a date: write it like 29/11/2026 or 2026-11-29");
  g_clear_error (&error);
  g_assert_null (ib_text_parse_period ("13/2026", &error));
  g_assert_cmpstr (error->message, ==, "“13/2026” is not a month: write it like 11/2026 or 2026-11");
}

static void
test_polish (void)
{
  if (!use_locale ("pl_PL.UTF-8"))
    return;

  assert_short ("2026-11-29", "29.11.2026");
  assert_short ("2026-11", "11.2026");
  assert_date ("29.11.2026", "2026-11-29");
  assert_date ("1.2.2027", "2027-02-01");
  assert_date ("2026-11-29", "2026-11-29");
  assert_period ("11.2026", "2026-11");
  assert_not_date ("29.13.2026");
}

static void
test_welsh (void)
{
  if (!use_locale ("cy_GB.UTF-8"))
    return;

  /* The Welsh locale writes dates with points. */
  assert_short ("2026-11-29", "29.11.2026");
  assert_date ("29.11.2026", "2026-11-29");
  assert_date ("29/11/2026", "2026-11-29");
  assert_date ("2026-11-29", "2026-11-29");
  assert_period ("11.2026", "2026-11");
}

static void
test_month_first (void)
{
  /* C writes month first, as the US does: its own order is honoured, and ISO always works. */
  if (!use_locale ("C.UTF-8"))
    return;

  assert_short ("2026-11-29", "11/29/2026");
  assert_date ("11/29/2026", "2026-11-29");
  assert_date ("2026-11-29", "2026-11-29");
  assert_not_date ("29/11/2026");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The messages stay in English: only dates follow the locale here. */
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add_func ("/core/dates/en-gb", test_british);
  g_test_add_func ("/core/dates/pl", test_polish);
  g_test_add_func ("/core/dates/cy", test_welsh);
  g_test_add_func ("/core/dates/month-first", test_month_first);

  return g_test_run ();
}
