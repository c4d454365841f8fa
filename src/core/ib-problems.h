/* ib-problems.h: the problems a reader finds in a file, collected so they are said together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many problems are written out; the rest are only counted. */
#define IB_PROBLEMS_SHOWN 10

/* A GString the caller owns (one problem a line) and how many were found. */
typedef struct
{
  GString *text;
  guint    n;
} IbProblems;

/* Counts one problem, and writes it on its own line while fewer than IB_PROBLEMS_SHOWN are. */
void     ib_problems_add  (IbProblems  *problems,
                           const char  *format,
                           ...) G_GNUC_PRINTF (2, 3);

/* Returns FALSE when none was found; otherwise ends the text with how many more there were
 * than it shows, sets @error (@domain, @code) to it and returns TRUE. */
gboolean ib_problems_fail (IbProblems  *problems,
                           GQuark       domain,
                           int          code,
                           GError     **error);

G_END_DECLS
