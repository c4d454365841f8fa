/* ib-json-text.c
 *
 * A single pass over JSON text that knows just enough of the grammar to tell strings from the
 * rest and to name where each string sits. It does not judge the grammar otherwise: json-glib
 * does that right after, on text this pass has made safe for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-json-text"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ib-json-text.h"
#include "ib-mutation.h"
#include "ib-record-json.h"

typedef struct
{
  char     kind;        /* '{' or '[' */
  gboolean expect_key;  /* in an object: the next string is a member name */
  guint    index;       /* in an array: the element being read */
  char    *key;         /* in an object: the member being read, as written */
} Frame;

void
ib_json_text_problem_free (IbJsonTextProblem *problem)
{
  if (problem == NULL)
    return;

  g_strfreev (problem->path);
  g_free (problem->why);
  g_free (problem);
}

char *
ib_json_text_problem_path (const IbJsonTextProblem *problem,
                           guint                    start)
{
  g_return_val_if_fail (problem != NULL, NULL);

  if (start >= g_strv_length (problem->path))
    return g_strdup ("");

  return g_strjoinv (".", problem->path + start);
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      v = v * 16 + d;
    }

  return v;
}

static char **
frames_path (Frame    *frames,
             guint     depth,
             gboolean  in_key)
{
  GPtrArray *path = g_ptr_array_new ();

  for (guint f = 0; f < depth; f++)
    {
      if (frames[f].kind == '[')
        g_ptr_array_add (path, g_strdup_printf ("%u", frames[f].index));
      else if (frames[f].key != NULL && !(in_key && f == depth - 1))
        g_ptr_array_add (path, g_strdup (frames[f].key));
    }
  g_ptr_array_add (path, NULL);

  return (char **) g_ptr_array_free (path, FALSE);
}

static void
clear_frames (Frame *frames,
              guint  depth)
{
  for (guint f = 0; f < depth; f++)
    g_clear_pointer (&frames[f].key, g_free);
}

/* Reads the string that starts at data[*i] (the opening quote), appending its safe form to
 * @out (without the quotes) and saying in @closed whether it ended; returns what is wrong
 * with it, or NULL. */
static const char *
scan_string (const char *data,
             gsize       length,
             gsize      *i,
             GString    *out,
             gboolean   *closed)
{
  const char *why = NULL;
  gsize p = *i + 1;

  while (p < length && data[p] != '"')
    {
      guchar ch = (guchar) data[p];

      if (ch == '\\')
        {
          int cp = (p + 5 < length && data[p + 1] == 'u') ? hex4 (data + p + 2) : -1;

          if (cp < 0)
            {
              /* Any other escape, or a broken one: json-glib rules on it. */
              g_string_append_len (out, data + p, MIN (2, length - p));
              p += 2;
              continue;
            }

          if (cp == 0)
            why = N_("holds a NUL character (\\u0000)");
          else if (cp >= 0xD800 && cp <= 0xDBFF)
            {
              int low = (p + 11 < length && data[p + 6] == '\\' && data[p + 7] == 'u')
                ? hex4 (data + p + 8) : -1;

              if (low >= 0xDC00 && low <= 0xDFFF)
                {
                  g_string_append_len (out, data + p, 12);
                  p += 12;
                  continue;
                }
              why = N_("holds half of a surrogate pair, which is not a character");
            }
          else if (cp >= 0xDC00 && cp <= 0xDFFF)
            why = N_("holds half of a surrogate pair, which is not a character");
          else
            {
              g_string_append_len (out, data + p, 6);
              p += 6;
              continue;
            }

          g_string_append (out, "\\ufffd");
          p += 6;
        }
      else if (ch < 0x80)
        {
          g_string_append_c (out, (char) ch);
          p++;
        }
      else
        {
          gunichar uc = g_utf8_get_char_validated (data + p, (gssize) (length - p));

          if (uc == (gunichar) -1 || uc == (gunichar) -2)
            {
              /* Overlong forms, encoded surrogates and stray bytes all end here. */
              why = N_("is not valid UTF-8");
              g_string_append (out, "\\ufffd");
              p++;
            }
          else
            {
              gsize n = (gsize) g_unichar_to_utf8 (uc, NULL);

              g_string_append_len (out, data + p, (gssize) n);
              p += n;
            }
        }
    }

  *closed = p < length;
  *i = p < length ? p + 1 : p;
  return why;
}

gboolean
ib_json_text_scan (const char  *data,
                   gsize        length,
                   GPtrArray   *problems,
                   GString     *clean,
                   GError     **error)
{
  Frame frames[IB_JSON_MAX_DEPTH] = { { 0 } };
  g_autoptr (GString) text = g_string_new (NULL);
  guint depth = 0;
  gsize i = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  while (i < length)
    {
      guchar c = (guchar) data[i];

      if (c == '"')
        {
          gboolean in_key = depth > 0 && frames[depth - 1].kind == '{' && frames[depth - 1].expect_key;
          gboolean closed;
          const char *why;

          g_string_truncate (text, 0);
          why = scan_string (data, length, &i, text, &closed);

          if (in_key)
            {
              g_free (frames[depth - 1].key);
              frames[depth - 1].key = g_strdup (text->str);
            }

          if (why != NULL)
            {
              IbJsonTextProblem *problem = g_new0 (IbJsonTextProblem, 1);

              problem->path = frames_path (frames, depth, in_key);
              problem->why = in_key
                /* Translators: %s says what is wrong, e.g. "holds a NUL character" */
                ? g_strdup_printf (_("has a member name that %s"), _(why))
                : g_strdup (_(why));

              if (problems == NULL)
                {
                  g_autofree char *where = ib_json_text_problem_path (problem, 0);

                  /* Translators: the first %s is where in the JSON text ("set.title"), the second what is wrong */
                  g_set_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_INVALID,
                               _("The text at “%s” %s"), where, problem->why);
                  ib_json_text_problem_free (problem);
                  clear_frames (frames, depth);
                  return FALSE;
                }
              g_ptr_array_add (problems, problem);
            }

          if (clean != NULL)
            {
              g_string_append_c (clean, '"');
              g_string_append_len (clean, text->str, (gssize) text->len);
              if (closed)
                g_string_append_c (clean, '"');
            }
          continue;
        }

      if (c == '{' || c == '[')
        {
          if (depth == IB_JSON_MAX_DEPTH)
            {
              /* json-glib recurses once per level, so 10⁵ nested brackets would overflow the stack. */
              g_set_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_MALFORMED,
                           _("The JSON text nests deeper than %d levels"), IB_JSON_MAX_DEPTH);
              clear_frames (frames, depth);
              return FALSE;
            }
          frames[depth].kind = (char) c;
          frames[depth].expect_key = c == '{';
          frames[depth].index = 0;
          frames[depth].key = NULL;
          depth++;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        {
          depth--;
          g_clear_pointer (&frames[depth].key, g_free);
        }
      else if (c == ':' && depth > 0 && frames[depth - 1].kind == '{')
        frames[depth - 1].expect_key = FALSE;
      else if (c == ',' && depth > 0)
        {
          if (frames[depth - 1].kind == '{')
            frames[depth - 1].expect_key = TRUE;
          else
            frames[depth - 1].index++;
        }
      else if (c >= 0x80)
        {
          g_set_error_literal (error, IB_RECORD_ERROR, IB_RECORD_ERROR_MALFORMED,
                               _("The JSON text is not valid UTF-8"));
          clear_frames (frames, depth);
          return FALSE;
        }

      if (clean != NULL)
        g_string_append_c (clean, (char) c);
      i++;
    }

  clear_frames (frames, depth);
  return TRUE;
}
