/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "improvement-board"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ib-application.h"

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

  app = ib_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
