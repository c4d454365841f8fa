/* ib-problems.c
 *
 * A file with one mistake usually has it on every line: the first ten are enough to find the
 * pattern, and a count of the rest says how far it goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-problems"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ib-problems.h"

void
ib_problems_add (IbProblems *problems,
                 const char *format,
                 ...)
{
  va_list args;

  g_return_if_fail (problems != NULL && problems->text != NULL);

  problems->n++;
  if (problems->n > IB_PROBLEMS_SHOWN)
    return;
  if (problems->text->len > 0)
    g_string_append_c (problems->text, '\n');
  va_start (args, format);
  g_string_append_vprintf (problems->text, format, args);
  va_end (args);
}

gboolean
ib_problems_fail (IbProblems  *problems,
                  GQuark       domain,
                  int          code,
                  GError     **error)
{
  g_return_val_if_fail (problems != NULL && problems->text != NULL, FALSE);

  if (problems->n == 0)
    return FALSE;
  if (problems->n > IB_PROBLEMS_SHOWN)
    {
      g_string_append_c (problems->text, '\n');
      g_string_append_printf (problems->text,
                              g_dngettext (GETTEXT_PACKAGE, "…and %u more problem.", "…and %u more problems.",
                                           problems->n - IB_PROBLEMS_SHOWN),
                              problems->n - IB_PROBLEMS_SHOWN);
    }
  g_set_error_literal (error, domain, code, problems->text->str);
  return TRUE;
}
