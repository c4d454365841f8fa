/* ib-test-server.h: start, drive and stop the real improvement-board-server in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  char        *binary;    /* the server executable under test */
  char        *dir;       /* temporary folder holding the database and logs */
  char        *db_path;
  char        *log_path;  /* the server's stderr, appended across restarts */
  char       **env;       /* extra environment, e.g. REFSERVER_FAULT */
  char       **args;      /* extra arguments, e.g. --clock-offset */
  GSubprocess *process;
  guint16      port;
  SoupSession *session;
  GPtrArray   *transcript; /* "token\tbody" of every response, for leak scans */
} IbTestServer;

typedef struct
{
  guint               status;  /* 0 when the connection failed */
  char               *body;
  JsonNode           *json;    /* NULL unless the body was JSON */
  SoupMessageHeaders *headers;
} IbTestResponse;

/* Makes a server on a fresh temporary database; @faults picks the fault-point build. */
IbTestServer   *ib_test_server_new       (gboolean       faults);

/* Starts it on 127.0.0.1:0 and waits for its "listening on" line. */
void            ib_test_server_start     (IbTestServer  *srv);

/* Sends SIGTERM and waits; returns the exit status. */
int             ib_test_server_stop      (IbTestServer  *srv);

/* Waits for a process that is expected to die on its own (a fault point); returns its status. */
int             ib_test_server_wait_dead (IbTestServer  *srv);

/* Stops (if running), removes the temporary folder and frees @srv. */
void            ib_test_server_free      (IbTestServer  *srv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbTestServer, ib_test_server_free)

/* Runs the binary's admin command line on the database, feeding @stdin_text; returns its exit status. */
int             ib_test_server_admin     (IbTestServer  *srv,
                                          const char    *stdin_text,
                                          char         **stdout_out,
                                          ...) G_GNUC_NULL_TERMINATED;

/* Creates a user with the password "password-" + name. */
void            ib_test_server_add_user  (IbTestServer  *srv,
                                          const char    *name,
                                          const char    *role,
                                          const char    *clearance);

/* Signs @name in and returns a bearer token (transfer full). */
char           *ib_test_server_login     (IbTestServer  *srv,
                                          const char    *name);

/* Sends one request; @token and @body may be NULL. Every body is kept in the transcript. */
IbTestResponse *ib_test_request          (IbTestServer  *srv,
                                          const char    *method,
                                          const char    *path,
                                          const char    *token,
                                          const char    *body);

void            ib_test_response_free    (IbTestResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbTestResponse, ib_test_response_free)

/* Returns the string at @path ("results/0/status") in the response JSON, or NULL. */
const char     *ib_test_json_string      (IbTestResponse *response,
                                          const char     *path);
/* Returns the integer at @path, or -1. */
gint64          ib_test_json_int         (IbTestResponse *response,
                                          const char     *path);
/* Returns the node at @path, or NULL. */
JsonNode       *ib_test_json_node        (IbTestResponse *response,
                                          const char     *path);

/* Returns a SHA-256 over every row of the server's data tables, read straight from the file. */
char           *ib_test_server_content_hash (IbTestServer *srv);

G_END_DECLS
