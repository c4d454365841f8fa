/* main.c: improvement-board-server, the shared JSON endpoint of docs/sync-protocol.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "improvement-board-server"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "ib-server.h"
#include "ib-server-auth.h"
#include "ib-server-fault.h"

static char *opt_database;
static char *opt_listen = (char *) "127.0.0.1:8470";
static gboolean opt_allow_remote_http;
static char *opt_tls_cert;
static char *opt_tls_key;
static char *opt_create_user;
static char *opt_update_user;
static char *opt_role;
static char *opt_clearance;
static gboolean opt_password;
static char *opt_revoke_tokens;
static gboolean opt_list_users;
static gboolean opt_new_epoch;
static char *opt_backup;
static gint64 opt_clock_offset;
static gboolean opt_version;

static const GOptionEntry entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &opt_database, N_("The server's SQLite database (created if missing)"), N_("PATH") },
  { "listen", 'l', 0, G_OPTION_ARG_STRING, &opt_listen, N_("Address and port to serve on; port 0 picks a free one (default 127.0.0.1:8470)"), N_("ADDR:PORT") },
  { "allow-remote-http", 0, 0, G_OPTION_ARG_NONE, &opt_allow_remote_http, N_("Serve plain HTTP on a non-loopback address (only behind a TLS proxy)"), NULL },
  { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_cert, N_("Serve HTTPS with this PEM certificate"), N_("FILE") },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_key, N_("The PEM private key for --tls-cert"), N_("FILE") },
  { "create-user", 0, 0, G_OPTION_ARG_STRING, &opt_create_user, N_("Create a user; the password is read from standard input"), N_("NAME") },
  { "update-user", 0, 0, G_OPTION_ARG_STRING, &opt_update_user, N_("Change a user's role and clearance (and password with --password)"), N_("NAME") },
  { "role", 0, 0, G_OPTION_ARG_STRING, &opt_role, N_("viewer, editor or admin"), N_("ROLE") },
  { "clearance", 0, 0, G_OPTION_ARG_STRING, &opt_clearance, N_("public or exempt"), N_("CLEARANCE") },
  { "password", 0, 0, G_OPTION_ARG_NONE, &opt_password, N_("With --update-user: read a new password from standard input"), NULL },
  { "revoke-tokens", 0, 0, G_OPTION_ARG_STRING, &opt_revoke_tokens, N_("Sign a user out on every device"), N_("NAME") },
  { "list-users", 0, 0, G_OPTION_ARG_NONE, &opt_list_users, N_("List users with their role, clearance and live tokens"), NULL },
  { "new-epoch", 0, 0, G_OPTION_ARG_NONE, &opt_new_epoch, N_("After restoring the database from a backup: make every client sync again in full"), NULL },
  { "backup", 0, 0, G_OPTION_ARG_FILENAME, &opt_backup, N_("Write a consistent copy of the database, safe while the server runs"), N_("FILE") },
#ifdef IB_FAULT_POINTS
  { "clock-offset", 0, 0, G_OPTION_ARG_INT64, &opt_clock_offset, "Test builds: shift the server clock", "SECONDS" },
#endif
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, N_("Print the version and exit"), NULL },
  { NULL }
};

static gboolean serving;

/* A person running an admin command reads a sentence; a running server's log is JSON. */
static void
fail (const char *message)
{
  if (serving)
    ib_server_log ("error", "failed", "smessage", message, NULL);
  else
    g_printerr ("improvement-board-server: %s\n", message);
  exit (1);
}

/* Reads one line from standard input, without echo when it is a terminal. */
static char *
read_password (void)
{
  struct termios old, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  char buffer[1100];
  char *line;

  if (tty)
    {
      g_printerr ("%s", _("Password: "));
      tcgetattr (STDIN_FILENO, &old);
      quiet = old;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }

  line = fgets (buffer, sizeof buffer, stdin);

  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &old);
      g_printerr ("\n");
    }

  if (line == NULL)
    return NULL;

  buffer[strcspn (buffer, "\r\n")] = '\0';
  line = g_strdup (buffer);
  memset (buffer, 0, sizeof buffer);
  return line;
}

static int
admin_command (IbServerDb *db)
{
  g_autoptr (GError) error = NULL;

  if (opt_create_user != NULL || opt_update_user != NULL)
    {
      gboolean update = opt_update_user != NULL;
      const char *name = update ? opt_update_user : opt_create_user;
      g_autofree char *password = NULL;
      IbRole role;

      if (!ib_role_from_string (opt_role, &role))
        fail (_("--role must be viewer, editor or admin"));
      if (g_strcmp0 (opt_clearance, "public") != 0 && g_strcmp0 (opt_clearance, "exempt") != 0)
        fail (_("--clearance must be public or exempt"));

      if (!update || opt_password)
        {
          password = read_password ();
          if (password == NULL)
            fail (_("no password on standard input"));
        }

      if (!ib_server_db_put_user (db, name, password, role, g_str_equal (opt_clearance, "exempt"),
                                  update, &error))
        fail (error->message);
      if (update)
        ib_server_db_revoke_user_tokens (db, name);

      g_print (update ? _("Updated user %s (%s, %s); their devices must sign in again.\n")
                      : _("Created user %s (%s, %s).\n"),
               name, opt_role, opt_clearance);
      return 0;
    }

  if (opt_revoke_tokens != NULL)
    {
      guint n = ib_server_db_revoke_user_tokens (db, opt_revoke_tokens);

      g_print (g_dngettext (GETTEXT_PACKAGE, "Revoked %u token.\n", "Revoked %u tokens.\n", n), n);
      return 0;
    }

  if (opt_list_users)
    {
      g_autofree char *users = ib_server_db_describe_users (db);

      g_print ("%s", users);
      return 0;
    }

  if (opt_new_epoch)
    {
      if (!ib_server_db_new_epoch (db, &error))
        fail (error->message);
      g_print (_("New epoch %s: every client will sync in full and push its pending edits again.\n"),
               ib_server_db_get_epoch (db));
      return 0;
    }

  if (opt_backup != NULL)
    {
      if (!ib_server_db_backup (db, opt_backup, &error))
        fail (error->message);
      g_print (_("Backed up to %s.\n"), opt_backup);
      return 0;
    }

  return -1;
}

static gboolean
on_signal_cb (gpointer user_data)
{
  ib_server_shutdown (IB_SERVER (user_data), 30);
  return G_SOURCE_CONTINUE;
}

static void
on_stopped_cb (IbServer  *server,
               GMainLoop *loop)
{
  g_main_loop_quit (loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (IbServerDb) db = NULL;
  g_autoptr (IbServer) server = NULL;
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char *address = NULL;
  int rc;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  signal (SIGPIPE, SIG_IGN);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("The shared sync endpoint for Improvement Board (protocol v1)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    fail (error->message);

  if (opt_version)
    {
      g_print ("improvement-board-server %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (opt_database == NULL)
    fail (_("--database PATH is required"));

  if (!ib_server_auth_init ())
    fail (_("libgcrypt is too old"));
  if (!ib_fault_init (&error))
    fail (error->message);
  ib_fault_set_clock_offset (opt_clock_offset);

  db = ib_server_db_open (opt_database, &error);
  if (db == NULL)
    fail (error->message);

  rc = admin_command (db);
  if (rc >= 0)
    return rc;

  serving = TRUE;
  ib_server_log_install ();

  if ((opt_tls_cert == NULL) != (opt_tls_key == NULL))
    fail (_("--tls-cert and --tls-key go together"));
  if (opt_tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (opt_tls_cert, opt_tls_key, &error);
      if (certificate == NULL)
        fail (error->message);
    }

  server = ib_server_new (db);
  if (!ib_server_listen (server, opt_listen, opt_allow_remote_http, certificate, &error))
    fail (error->message);

  /* Ready for SIGTERM before anyone is told the port: a stop sent at once is still graceful. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal_cb, server);
  g_unix_signal_add (SIGINT, on_signal_cb, server);
  g_signal_connect (server, "stopped", G_CALLBACK (on_stopped_cb), loop);

  address = ib_server_get_address (server);
  /* The one line on stdout: scripts and tests read the port from it. */
  g_print ("listening on %s\n", address);
  fflush (stdout);
  if (certificate == NULL)
    ib_server_log ("warning", "plain_http", "smessage",
                   _("serving plain HTTP; put a TLS reverse proxy in front of it before any client connects over a network"),
                   NULL);
  g_main_loop_run (loop);

  return 0;
}
