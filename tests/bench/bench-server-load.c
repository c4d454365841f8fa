/* bench-server-load.c: one improvement-board-server under many devices at once, over loopback
 *
 * Each simulated device does what the app does on its timer: on one tick in three, push a small
 * batch of its own edits (one to three title changes on actions of a shared plan, made on the
 * revisions it last pulled); then pull until the feed has nothing more. The app syncs every five minutes; here
 * every device runs a cycle every PERIOD seconds on average (randomised), so the load is
 * 300 / PERIOD times what that many real devices make. Requests are concurrent: one HTTP
 * connection per device.
 *
 * Prints requests per second, p50 and p99 latency per endpoint, errors (any answer but 200,
 * and any mutation rejected), conflicts, the server's CPU time and peak memory, and from them
 * how many real devices one server core holds. Never fails on time.
 *
 *   bench-server-load [DEVICES] [SECONDS] [PERIOD]      (defaults 200 60 2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "bench-stats.h"
#include "ib-test-server.h"

#define PLAN_ACTIONS 120
#define TOKENS       20   /* signing in runs scrypt on purpose; devices share a few tokens */

typedef struct _Load Load;

typedef struct
{
  Load        *load;
  guint        index;
  char        *device_id;
  const char  *token;
  char        *cursor;
  GHashTable  *revs;        /* action id → rev last pulled */
  SoupSession *session;
  gint64       started;
} Device;

struct _Load
{
  IbTestServer *srv;
  GRand        *rand;
  GPtrArray    *devices;
  char         *tokens[TOKENS];
  char         *actions[PLAN_ACTIONS];
  gint64        end;
  double        period_s;
  GArray       *push_ms;
  GArray       *pull_ms;
  guint         errors;
  guint         conflicts;
  guint         mutations;
  guint         entries;
  guint         in_flight;
  guint         cycles;
  GMainLoop    *loop;
};

static void cycle (Device *d);

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, ib_bench_compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

/* The reply as JSON, or NULL; a body is not NUL-terminated, so its size bounds the parse. */
static JsonNode *
parse (GBytes *body)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (data == NULL || !json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

static SoupMessage *
request (Device     *d,
         const char *method,
         const char *path,
         const char *body)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", d->load->srv->port, path);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", d->token);
  SoupMessage *msg = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Sync-Protocol", "1");
  soup_message_headers_replace (headers, "Device-Id", d->device_id);
  soup_message_headers_replace (headers, "Authorization", auth);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}

static gboolean
next_cycle_cb (gpointer user_data)
{
  cycle (user_data);
  return G_SOURCE_REMOVE;
}

static void
schedule (Device *d)
{
  Load *load = d->load;
  guint delay_ms = (guint) g_rand_double_range (load->rand, 0.5, 1.5) * load->period_s * 1000;

  if (g_get_monotonic_time () + (gint64) delay_ms * 1000 >= load->end)
    {
      if (load->in_flight == 0)
        g_main_loop_quit (load->loop);
      return;
    }
  g_timeout_add (delay_ms, next_cycle_cb, d);
}

static void pull (Device *d);

static void
on_pull_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Device *d = user_data;
  SoupMessage *msg = g_object_get_data (G_OBJECT (d->session), "msg");
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  g_autoptr (JsonNode) root = NULL;
  JsonObject *page;
  JsonArray *changes;

  d->load->in_flight--;
  g_array_append_val (d->load->pull_ms, (double) { (g_get_monotonic_time () - d->started) / 1000.0 });
  if (body == NULL || soup_message_get_status (msg) != 200 ||
      (root = parse (body)) == NULL)
    {
      d->load->errors++;
      g_printerr ("  pull error: HTTP %u\n", soup_message_get_status (msg));
      schedule (d);
      return;
    }

  page = json_node_get_object (root);
  changes = json_object_get_array_member (page, "changes");
  d->load->entries += json_array_get_length (changes);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *entry = json_array_get_object_element (changes, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "type"), "action") == 0)
        g_hash_table_insert (d->revs, g_strdup (json_object_get_string_member (entry, "id")),
                             GINT_TO_POINTER ((int) json_object_get_int_member (entry, "rev")));
    }
  g_free (d->cursor);
  d->cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));

  if (json_object_get_boolean_member (page, "has_more"))
    pull (d);
  else
    schedule (d);
}

static void
pull (Device *d)
{
  g_autofree char *escaped = d->cursor != NULL ? g_uri_escape_string (d->cursor, NULL, TRUE) : NULL;
  g_autofree char *path = escaped != NULL ? g_strdup_printf ("/v1/changes?limit=500&cursor=%s", escaped)
                                          : g_strdup ("/v1/changes?limit=500");
  g_autoptr (SoupMessage) msg = request (d, "GET", path, NULL);

  d->load->in_flight++;
  d->started = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (d->session), "msg", g_object_ref (msg), g_object_unref);
  soup_session_send_and_read_async (d->session, msg, G_PRIORITY_DEFAULT, NULL, on_pull_done, d);
}

static void
on_push_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Device *d = user_data;
  SoupMessage *msg = g_object_get_data (G_OBJECT (d->session), "msg");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr (JsonNode) root = NULL;

  d->load->in_flight--;
  g_array_append_val (d->load->push_ms, (double) { (g_get_monotonic_time () - d->started) / 1000.0 });
  if (body == NULL || soup_message_get_status (msg) != 200 ||
      (root = parse (body)) == NULL)
    {
      d->load->errors++;
      g_printerr ("  push error: HTTP %u %s\n", soup_message_get_status (msg),
                  error != NULL ? error->message : "(a reply that is not JSON)");
    }
  else
    {
      JsonArray *results = json_object_get_array_member (json_node_get_object (root), "results");

      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          const char *status = json_object_get_string_member (json_array_get_object_element (results, i), "status");

          if (g_str_equal (status, "conflict"))
            d->load->conflicts++;
          else if (g_str_equal (status, "rejected"))
            {
              d->load->errors++;
              g_printerr ("  rejected: %s\n", json_object_get_string_member (json_array_get_object_element (results, i), "message"));
            }
        }
    }

  pull (d);
}

/* One timer tick of the app: a small push of this device's edits, then the pull. */
static void
cycle (Device *d)
{
  Load *load = d->load;
  g_autoptr (GString) body = g_string_new ("{\"mutations\":[");
  g_autoptr (SoupMessage) msg = NULL;
  guint n = (guint) g_rand_int_range (load->rand, 1, 4);

  load->cycles++;

  /* Most ticks find nothing edited on the device since the last one: then only the pull. */
  if (g_hash_table_size (d->revs) == 0 || g_rand_int_range (load->rand, 0, 3) != 0)
    {
      pull (d);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      const char *id = load->actions[g_rand_int_range (load->rand, 0, PLAN_ACTIONS)];
      g_autofree char *mid = g_uuid_string_random ();
      int rev = GPOINTER_TO_INT (g_hash_table_lookup (d->revs, id));

      g_string_append_printf (body, "%s{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"action\",\"id\":\"%s\","
                                    "\"base_rev\":%d,\"set\":{\"title\":\"Edited on device %u\"}}",
                              i > 0 ? "," : "", mid, id, rev, d->index);
    }
  g_string_append (body, "]}");
  load->mutations += n;

  msg = request (d, "POST", "/v1/push", body->str);
  load->in_flight++;
  d->started = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (d->session), "msg", g_object_ref (msg), g_object_unref);
  soup_session_send_and_read_async (d->session, msg, G_PRIORITY_DEFAULT, NULL, on_push_done, d);
}

static void
seed_plan (Load *load)
{
  g_autofree char *plan = g_uuid_string_random ();
  g_autoptr (GString) body = g_string_new (NULL);
  g_autoptr (IbTestResponse) r = NULL;

  g_string_printf (body, "{\"mutations\":[{\"mid\":\"seed-plan\",\"op\":\"create\",\"type\":\"plan\",\"id\":\"%s\","
                         "\"set\":{\"title\":\"Improvement plan\"}}", plan);
  for (guint i = 0; i < PLAN_ACTIONS; i++)
    {
      load->actions[i] = g_uuid_string_random ();
      g_string_append_printf (body, ",{\"mid\":\"seed-%u\",\"op\":\"create\",\"type\":\"action\",\"id\":\"%s\","
                                    "\"set\":{\"plan\":\"%s\",\"ref\":\"%u\",\"title\":\"Action %u\"}}",
                              i, load->actions[i], plan, i + 1, i + 1);
      if (i % 90 == 89 || i == PLAN_ACTIONS - 1)
        {
          g_string_append (body, "]}");
          r = ib_test_request (load->srv, "POST", "/v1/push", load->tokens[0], body->str);
          g_assert_cmpuint (r->status, ==, 200);
          g_clear_pointer (&r, ib_test_response_free);
          g_string_assign (body, "{\"mutations\":[");
          g_string_append_printf (body, "{\"mid\":\"seed-noop-%u\",\"op\":\"update\",\"type\":\"plan\",\"id\":\"%s\","
                                        "\"base_rev\":1,\"set\":{\"title\":\"Improvement plan\"}}", i, plan);
        }
    }
}

/* The server's user+system CPU seconds and peak resident memory, from /proc. */
static void
server_usage (IbTestServer *srv,
              double       *cpu_s,
              double       *peak_mb)
{
  const char *pid = g_subprocess_get_identifier (srv->process);
  g_autofree char *stat_path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *status_path = g_strdup_printf ("/proc/%s/status", pid);
  g_autofree char *stat = NULL, *status = NULL;
  const char *hwm;

  *cpu_s = *peak_mb = 0;
  if (g_file_get_contents (stat_path, &stat, NULL, NULL))
    {
      /* Fields after the command's closing parenthesis; utime and stime are the 12th and 13th. */
      g_auto (GStrv) f = g_strsplit (strrchr (stat, ')') + 2, " ", -1);

      if (g_strv_length (f) > 13)
        *cpu_s = (g_ascii_strtod (f[11], NULL) + g_ascii_strtod (f[12], NULL)) / sysconf (_SC_CLK_TCK);
    }
  if (g_file_get_contents (status_path, &status, NULL, NULL) && (hwm = strstr (status, "VmHWM:")) != NULL)
    *peak_mb = g_ascii_strtod (hwm + 6, NULL) / 1024.0;
}

int
main (int   argc,
      char *argv[])
{
  guint n_devices = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 200;
  guint seconds = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 60;
  double period = argc > 3 ? g_ascii_strtod (argv[3], NULL) : 2.0;
  Load load = { 0 };
  double cpu_s, peak_mb, cycles, run_s;
  gint64 t0;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("IB_SERVER_BINARY", IB_SERVER_BINARY, FALSE);

  load.rand = g_rand_new_with_seed (42);
  load.period_s = period;
  load.push_ms = g_array_new (FALSE, FALSE, sizeof (double));
  load.pull_ms = g_array_new (FALSE, FALSE, sizeof (double));
  load.devices = g_ptr_array_new ();
  load.loop = g_main_loop_new (NULL, FALSE);

  load.srv = ib_test_server_new (FALSE);
  for (guint i = 0; i < TOKENS; i++)
    {
      g_autofree char *name = g_strdup_printf ("officer%02u", i);

      ib_test_server_add_user (load.srv, name, "editor", i % 2 == 0 ? "exempt" : "public");
    }
  ib_test_server_start (load.srv);
  for (guint i = 0; i < TOKENS; i++)
    {
      g_autofree char *name = g_strdup_printf ("officer%02u", i);

      load.tokens[i] = ib_test_server_login (load.srv, name);
    }
  seed_plan (&load);

  for (guint i = 0; i < n_devices; i++)
    {
      Device *d = g_new0 (Device, 1);

      d->load = &load;
      d->index = i;
      d->device_id = g_uuid_string_random ();
      d->token = load.tokens[i % TOKENS];
      d->revs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      d->session = soup_session_new_with_options ("timeout", 60, NULL);
      g_ptr_array_add (load.devices, d);
    }

  printf ("Server under load: %u devices, %u s, a sync every %.1f s each (the app: every 300 s)\n",
          n_devices, seconds, period);
  t0 = g_get_monotonic_time ();
  load.end = t0 + (gint64) seconds * G_USEC_PER_SEC;
  /* Everyone's first pull is a full snapshot, spread over the first period. */
  for (guint i = 0; i < n_devices; i++)
    g_timeout_add ((guint) (g_rand_double (load.rand) * period * 1000), next_cycle_cb, load.devices->pdata[i]);
  g_main_loop_run (load.loop);
  run_s = (g_get_monotonic_time () - t0) / 1e6;

  server_usage (load.srv, &cpu_s, &peak_mb);
  cycles = (double) load.cycles;

  printf ("  requests: %u (%.0f/s): %u pushes (%u mutations), %u pulls (%u entries)\n",
          load.push_ms->len + load.pull_ms->len, (load.push_ms->len + load.pull_ms->len) / run_s,
          load.push_ms->len, load.mutations, load.pull_ms->len, load.entries);
  printf ("  push latency: p50 %.1f ms, p99 %.1f ms\n", percentile (load.push_ms, 0.5), percentile (load.push_ms, 0.99));
  printf ("  pull latency: p50 %.1f ms, p99 %.1f ms\n", percentile (load.pull_ms, 0.5), percentile (load.pull_ms, 0.99));
  printf ("  errors: %u; conflicts (edits racing on the same action): %u\n", load.errors, load.conflicts);
  printf ("  server: %.1f s of CPU over %.1f s (%.0f%% of one core), peak memory %.1f MB\n",
          cpu_s, run_s, 100.0 * cpu_s / run_s, peak_mb);
  if (cycles > 0 && cpu_s > 0)
    printf ("  one core at 50%% serves about %.0f devices syncing every 5 minutes (%.2f ms of CPU a cycle)\n",
            0.5 * 300.0 / (cpu_s / cycles), 1000.0 * cpu_s / cycles);

  ib_test_server_free (load.srv);
  return load.errors > 0 ? 2 : 0;
}
