/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "improvement-board"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ib-application.h"
#include "ib-import-cli.h"
#include "ib-report-cli.h"

/* Run uninstalled (meson devenv, .ci/app, the tests), IB_LOCALEDIR names the catalogues just
 * compiled in the build tree, not whatever an earlier install left. */
static const char *
locale_dir (void)
{
  const char *dir = g_getenv ("IB_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (IbApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A pack is exported before anything of GTK starts: a scheduled job has no display. */
  if (ib_report_cli_wanted (argc, argv))
    {
      g_autofree char *database = ib_application_default_database ();

      return ib_report_cli_run (argc, argv, database);
    }

  /* So is an import: the monthly national data job runs where no one is logged in. */
  if (ib_import_cli_wanted (argc, argv))
    {
      g_autofree char *database = ib_application_default_database ();

      return ib_import_cli_run (argc, argv, database);
    }

  app = ib_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
