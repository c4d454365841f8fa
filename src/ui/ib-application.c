/* ib-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-application"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ib-application.h"
#include "ib-a11y.h"
#include "ib-demo.h"
#include "ib-preferences-window.h"
#include "ib-settings.h"
#include "ib-store.h"
#include "ib-resources.h"
#include "ib-window.h"

struct _IbApplication
{
  AdwApplication  parent_instance;

  /* owned */
  GSettings      *settings;  /* NULL when the schema is not installed */
};

G_DEFINE_FINAL_TYPE (IbApplication, ib_application, ADW_TYPE_APPLICATION)

static IbWindow *
open_window (IbApplication *self,
             const char    *path,
             gboolean       demo)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;

  store = ib_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return ib_window_new_for_error (ADW_APPLICATION (self), error);
    }

  if (demo && ib_store_is_empty (store) && ib_demo_load (store, &error) < 0)
    {
      g_printerr ("%s\n", error->message);
      return ib_window_new_for_error (ADW_APPLICATION (self), error);
    }

  return ib_window_new (ADW_APPLICATION (self), store);
}

static int
ib_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  /* Only with --export-pack, which never reaches here (see main ()): alone they are a
   * mistake, said before any window opens. */
  if (g_variant_dict_contains (options, "part") || g_variant_dict_contains (options, "output"))
    {
      g_printerr ("improvement-board: %s\n", _("--part and --output go with --export-pack."));
      return 2;
    }
  /* Likewise the import's modifiers, which main () only honours beside --import. */
  if (g_variant_dict_contains (options, "published") || g_variant_dict_contains (options, "dry-run"))
    {
      g_printerr ("improvement-board: %s\n", _("--published and --dry-run go with --import."));
      return 2;
    }

  /* Another database is another board: let it run beside the default one instead of
   * handing the request to an instance that has a different file open. */
  if (g_variant_dict_contains (options, "database"))
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

char *
ib_application_default_database (void)
{
  return g_build_filename (g_get_user_data_dir (), "improvement-board", "board.db", NULL);
}

/* Files named on the command line (as opening a data set with the app does) are imported. */
static void
import_arguments (GtkWindow               *window,
                  GApplicationCommandLine *command_line)
{
  int argc = 0;
  g_auto (GStrv) argv = g_application_command_line_get_arguments (command_line, &argc);

  if (!IB_IS_WINDOW (window) || ib_window_get_store (IB_WINDOW (window)) == NULL)
    return;
  for (int i = 1; i < argc; i++)
    if (argv[i][0] != '-')
      {
        g_autoptr (GFile) file = g_application_command_line_create_file_for_arg (command_line, argv[i]);

        ib_window_import_file (IB_WINDOW (window), file);
      }
}

static int
ib_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  IbApplication *self = IB_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *database = NULL;
  g_autofree char *path = NULL;
  gboolean demo = FALSE;
  GtkWindow *window;

  g_variant_dict_lookup (options, "database", "^ay", &database);
  g_variant_dict_lookup (options, "demo", "b", &demo);


  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL && database == NULL && !demo)
    {
      gtk_window_present (window);
      import_arguments (window, command_line);
      return 0;
    }

  if (database != NULL)
    {
      g_autoptr (GFile) file = g_application_command_line_create_file_for_arg (command_line, database);

      path = g_file_get_path (file);
    }
  else
    path = ib_application_default_database ();

  window = GTK_WINDOW (open_window (self, path, demo));
  gtk_window_present (window);
  import_arguments (window, command_line);

  return 0;
}

static void
ib_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *path = NULL;

  if (window == NULL)
    {
      path = ib_application_default_database ();
      window = GTK_WINDOW (open_window (IB_APPLICATION (app), path, FALSE));
    }

  gtk_window_present (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "Improvement Board developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Improvement Board"),
                        "application-icon", APP_ID,
                        "developer-name", _("Improvement Board developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Track a children’s services improvement programme: the action plan, Ofsted judgements, KPIs and the risk register."),
                        "developers", developers,
                        /* Translators: replace with your names, one per line */
                        "translator-credits", _("translator-credits"),
                        "copyright", "© 2026 Improvement Board developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Close rather than quit outright, so each window saves its size. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (windows->data);
      windows = next;
    }
}

/* A reminder's notification: "view:target", as "win.open" takes them (a record's id, or a list
 * such as "mine"), in the window open or, when the app was started by the click, a new one. */
static void
show_record_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *target = g_variant_get_string (param, NULL);
  const char *colon = strchr (target, ':');
  g_autofree char *view = NULL;
  GtkWindow *window;

  if (colon == NULL)
    return;
  view = g_strndup (target, (gsize) (colon - target));

  window = gtk_application_get_active_window (app);
  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (app));
      window = gtk_application_get_active_window (app);
    }
  if (!IB_IS_WINDOW (window))
    return;
  gtk_window_present (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open", "(ss)", view, colon + 1);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "show-record", show_record_action, "s" },
  { "quit", quit_action },
};

static void
ib_application_startup (GApplication *app)
{
  IbApplication *self = IB_APPLICATION (app);

  G_APPLICATION_CLASS (ib_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  gtk_window_set_default_icon_name (APP_ID);
  ib_a11y_install ();

  /* Before the first window, so it never flashes in the other style. */
  self->settings = ib_settings_new ();
  if (self->settings != NULL)
    ib_preferences_follow_color_scheme (self->settings);
}

static void
ib_application_shutdown (GApplication *app)
{
  IbApplication *self = IB_APPLICATION (app);

  g_clear_object (&self->settings);
  G_APPLICATION_CLASS (ib_application_parent_class)->shutdown (app);
}

static void
ib_application_class_init (IbApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = ib_application_handle_local_options;
  app_class->command_line = ib_application_command_line;
  app_class->activate = ib_application_activate;
  app_class->startup = ib_application_startup;
  app_class->shutdown = ib_application_shutdown;
}

static void
ib_application_init (IbApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the board database at PATH (default: improvement-board/board.db in your data folder)"),
      N_("PATH") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Load the demo plan into the database if it is empty, then open it"), NULL },
    /* Listed for --help: main () hands a command line holding --export-pack to the pack
     * export before the application starts, since a scheduled job has no display. */
    { "export-pack", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Write the pack of meeting MEETING (its id, or “latest” for the latest meeting that has one) as a PDF"),
      N_("MEETING") },
    { "part", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Which part: “public” (Part 1, the default) or “exempt” (Part 2)"), N_("PART") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The PDF file to write"), N_("FILE") },
    /* Listed for --help too: main () hands these to the import before the application starts. */
    { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Import national data (an Explore Education Statistics data set or an Ofsted outcomes summary) with no window"),
      N_("FILE") },
    { "published", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The date the data set was published (YYYY-MM-DD)"), N_("DATE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Check the file and show what would change, writing nothing"), NULL },
    { "set-la-code", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Set this council’s local authority code"), N_("CODE") },
    { "set-neighbours", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Set the council’s statistical neighbours (local authority codes, separated by commas)"), N_("CODES") },
    { NULL }
  };

  /* Registered by hand: the call also keeps the bundle linked in from the static library. */
  ib_register_resource ();

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Track a children’s services improvement programme."));
}

IbApplication *
ib_application_new (void)
{
  return g_object_new (IB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}
