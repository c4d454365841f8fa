/* ib-pdf-tools.h: reading a written PDF back with poppler-utils and qpdf, for the render and
 * command-line tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <string.h>
#include <sys/wait.h>

G_BEGIN_DECLS

/* Returns TRUE when pdftotext, pdfinfo and qpdf are there. Inside a Flatpak build sandbox
 * (which ships none of them) the test is skipped; anywhere else their absence is a failure,
 * since .ci/deps installs them. */
static inline gboolean
ib_pdf_tools_ready (void)
{
  const char *tools[] = { "pdftotext", "pdfinfo", "qpdf" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path != NULL)
        continue;
      if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
        {
          g_test_skip ("poppler-utils and qpdf are not in the Flatpak SDK");
          return FALSE;
        }
      g_error ("%s is missing: run .ci/deps (it installs poppler-utils and qpdf)", tools[i]);
    }
  return TRUE;
}

/* Runs @argv, returns its standard output (transfer full) and its exit status in @status. */
static inline char *
ib_pdf_run (const char * const *argv,
            int                *status)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &wait_status, &error));
  g_assert_no_error (error);
  if (status != NULL)
    *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return out;
}

/* Returns @text with every run of white space made one space, so a sentence wrapped over lines
 * is found whole (transfer full). */
static inline char *
ib_pdf_squash (const char *text)
{
  g_autoptr (GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Returns the text of @pdf's pages @first to @last (0: to the end), squashed; with @layout in
 * reading order across the page, so a table's row reads as one line (transfer full). */
static inline char *
ib_pdf_text_full (const char *pdf,
                  int         first,
                  int         last,
                  gboolean    layout)
{
  g_autofree char *f = g_strdup_printf ("%d", first);
  g_autofree char *l = g_strdup_printf ("%d", last);
  const char *argv[] = { "pdftotext", layout ? "-layout" : "-raw", "-f", f, "-l", l, pdf, "-", NULL };
  const char *all[] = { "pdftotext", layout ? "-layout" : "-raw", pdf, "-", NULL };
  int status = -1;
  g_autofree char *text = ib_pdf_run (last > 0 ? argv : all, &status);

  g_assert_cmpint (status, ==, 0);
  return ib_pdf_squash (text);
}

static inline char *
ib_pdf_text (const char *pdf,
             int         first,
             int         last)
{
  return ib_pdf_text_full (pdf, first, last, FALSE);
}

/* Returns @pdf uncompressed by qpdf --qdf: every string and stream readable (transfer full). */
static inline char *
ib_pdf_uncompressed (const char *pdf,
                     const char *dir)
{
  g_autofree char *qdf = g_build_filename (dir, "uncompressed.pdf", NULL);
  const char *argv[] = { "qpdf", "--qdf", "--object-streams=disable", pdf, qdf, NULL };
  int status = -1;
  g_autofree char *out = ib_pdf_run (argv, &status);
  char *contents = NULL;
  gsize length = 0;

  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (qdf, &contents, &length, NULL));
  /* The file may hold NULs in fonts: make it one searchable string. */
  for (gsize i = 0; i < length; i++)
    if (contents[i] == '\0')
      contents[i] = ' ';
  return contents;
}

G_END_DECLS
