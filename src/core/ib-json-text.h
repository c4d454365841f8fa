/* ib-json-text.h: JSON text checked before json-glib reads it
 *
 * json-glib turns "\ud83d" into bytes that are not UTF-8 and stops a string at "\u0000", both
 * without a word; a stored string of either kind later fails to parse or has silently lost its
 * end. Every JSON text that crosses the wire goes through this scanner first, on both ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One string in a JSON text that is not valid Unicode. */
typedef struct
{
  char **path;  /* member names and array indexes from the root to the string */
  char  *why;   /* what is wrong, translated: "holds a NUL character (\u0000)" */
} IbJsonTextProblem;

void     ib_json_text_problem_free (IbJsonTextProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbJsonTextProblem, ib_json_text_problem_free)

/* Scans @data as JSON text. Fails (IB_RECORD_ERROR_MALFORMED) on nesting deeper than
 * IB_JSON_MAX_DEPTH and on bytes outside strings that are not UTF-8. Every string (member
 * names too) holding a NUL, an unpaired surrogate or bytes that are not UTF-8 is added to
 * @problems (IbJsonTextProblem elements) when it is not NULL, or else fails the scan
 * (IB_RECORD_ERROR_INVALID, naming the string's path). When @clean is not NULL it receives a
 * copy of @data with each such fault replaced by \ufffd, which json-glib parses faithfully. */
gboolean ib_json_text_scan         (const char  *data,
                                    gsize        length,
                                    GPtrArray   *problems,
                                    GString     *clean,
                                    GError     **error);

/* Returns @problem's path written "set.title" from component @start on (transfer full). */
char    *ib_json_text_problem_path (const IbJsonTextProblem *problem,
                                    guint                    start);

G_END_DECLS
