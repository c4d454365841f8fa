/* ib-report-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-report-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ib-pack.h"
#include "ib-report.h"
#include "ib-report-cli.h"

gboolean
ib_report_cli_wanted (int    argc,
                      char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--export-pack") == 0 || g_str_has_prefix (argv[i], "--export-pack="))
      return TRUE;
  return FALSE;
}

static int
fail (int         status,
      const char *message)
{
  g_printerr ("improvement-board: %s\n", message);
  return status;
}

int
ib_report_cli_run (int          argc,
                   char       **argv,
                   const char  *default_database)
{
  g_autofree char *database = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *part_name = NULL;
  g_autofree char *output = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;
  g_autoptr (IbRecord) report = NULL;
  g_autoptr (IbPack) pack = NULL;
  g_autoptr (IbReport) rendered = NULL;
  g_auto (GStrv) args = NULL;
  IbPackPart part = IB_PACK_PART_PUBLIC;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database,
      N_("The board database to read (default: improvement-board/board.db in your data folder)"), N_("PATH") },
    { "export-pack", 0, 0, G_OPTION_ARG_STRING, &meeting,
      N_("Write the pack of meeting MEETING (its id, or “latest” for the latest meeting that has one) as a PDF"),
      N_("MEETING") },
    { "part", 0, 0, G_OPTION_ARG_STRING, &part_name,
      N_("Which part: “public” (Part 1, the default) or “exempt” (Part 2)"), N_("PART") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { NULL }
  };

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Write a meeting’s pack as a PDF, with no window."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return fail (2, error->message);
  if (g_strv_length (args) > 1)
    {
      /* Translators: %s is a word on the command line that is not an option */
      g_autofree char *message = g_strdup_printf (_("“%s” is not understood here."), args[1]);

      return fail (2, message);
    }
  if (meeting == NULL || *meeting == '\0')
    return fail (2, _("--export-pack needs a meeting’s id, or “latest”."));
  if (output == NULL || *output == '\0')
    return fail (2, _("--export-pack needs --output FILE.pdf: the file to write."));
  if (part_name != NULL && g_strcmp0 (part_name, "exempt") == 0)
    part = IB_PACK_PART_EXEMPT;
  else if (part_name != NULL && g_strcmp0 (part_name, "public") != 0)
    {
      /* Translators: %s is what was given after --part */
      g_autofree char *message = g_strdup_printf (_("--part is “public” or “exempt”, not “%s”."), part_name);

      return fail (2, message);
    }

  if (database == NULL)
    database = g_strdup (default_database);
  /* Opening would make a new, empty database: a mistyped path is said, not created. */
  if (!g_file_test (database, G_FILE_TEST_EXISTS))
    {
      /* Translators: %s is a file path */
      g_autofree char *message = g_strdup_printf (_("There is no board database at “%s”."), database);

      return fail (1, message);
    }

  store = ib_store_open (database, &error);
  if (store == NULL)
    return fail (1, error->message);

  if (part == IB_PACK_PART_EXEMPT && !ib_pack_part2_allowed (store))
    return fail (1, _("Part 2 holds exempt information, and this database was signed in without Exempt clearance. Export Part 1 (--part public) instead."));

  report = ib_pack_find_for_meeting (store, g_str_equal (meeting, "latest") ? NULL : meeting, &error);
  if (report == NULL)
    return fail (1, error->message);

  pack = ib_pack_load (store, ib_record_get_id (report), &error);
  if (pack == NULL)
    return fail (1, error->message);

  rendered = ib_report_new (pack, part, &error);
  if (rendered == NULL)
    return fail (1, error->message);

  if (!ib_report_write_pdf (rendered, output, &error))
    return fail (1, error->message);

  {
    guint n = ib_report_get_n_pages (rendered);
    /* Translators: the file written, its number of pages, then which part and whether it is a draft */
    g_autofree char *pages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", n), n);
    const char *which = part == IB_PACK_PART_EXEMPT ? _("Part 2 (exempt)") : _("Part 1 (public)");
    const char *state = ib_pack_is_draft (pack) ? _("a draft drawn from the data as they stand")
                                                : _("as issued");

    g_print (_("Wrote %s: %s, %s, %s.\n"), output, pages, which, state);
  }

  return 0;
}
