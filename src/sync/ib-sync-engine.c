/* ib-sync-engine.c
 *
 * One cycle is a chain of asynchronous requests on the caller's main context: push batches
 * until the outbox has nothing left to send, pull pages until has_more is false, and go round
 * again (a few times at most) if edits arrived meanwhile. Each response is applied in one
 * store transaction before the next request leaves, so a crash at any point loses nothing:
 * sent rows are resent with their mids and the server answers them from its replay store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-sync-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "ib-mutation.h"
#include "ib-store-bootstrap.h"
#include "ib-store-sync.h"
#include "ib-history.h"
#include "ib-sync-engine.h"

#define REQUEST_DEADLINE_S 60
#define IO_TIMEOUT_S       15
#define MAX_CYCLES         5

struct _IbSyncEngine
{
  GObject      parent_instance;

  /* owned */
  IbStore     *store;
  char        *base_url;
  char        *token;
  SoupSession *session;

  guint        retry_after;
  guint        requests;
  guint        max_batch;
  guint        deadline_s;

  gboolean     bootstrap;       /* may ask for a bootstrap file on a first sync */
  guint        bootstrapped;    /* records the last cycle copied from one */
  GError      *bootstrap_error; /* why the last one offered was not used */

  IbSyncCrashHook crash_hook;
  gpointer        crash_data;
};

G_DEFINE_FINAL_TYPE (IbSyncEngine, ib_sync_engine, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  guint         batch_size;     /* mutations in the push in flight */
  guint         cycles;
  gboolean      push_forbidden;
  gboolean      resynced;
  gboolean      bootstrap_tried;
  gboolean      index_tried;
  guint         received;       /* feed entries applied in this cycle */
  GCancellable *deadline;       /* this request's, cancelled after REQUEST_DEADLINE_S */
  guint         deadline_id;
  gulong        parent_handler;
} SyncRun;

static void
sync_run_clear_deadline (SyncRun      *run,
                         GCancellable *parent)
{
  g_clear_handle_id (&run->deadline_id, g_source_remove);
  if (parent != NULL && run->parent_handler != 0)
    g_cancellable_disconnect (parent, run->parent_handler);
  run->parent_handler = 0;
  g_clear_object (&run->deadline);
}

static void
sync_run_free (SyncRun *run)
{
  sync_run_clear_deadline (run, NULL);
  g_free (run);
}

/* Requests */

static gboolean
deadline_cb (gpointer user_data)
{
  SyncRun *run = user_data;

  run->deadline_id = 0;
  g_cancellable_cancel (run->deadline);
  return G_SOURCE_REMOVE;
}

static void
parent_cancelled_cb (GCancellable *parent,
                     GCancellable *deadline)
{
  g_cancellable_cancel (deadline);
}

static SoupMessage *
new_message (IbSyncEngine *self,
             const char   *method,
             const char   *path,
             const char   *body)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);
  SoupMessageHeaders *headers;

  if (msg == NULL)
    return NULL;

  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Sync-Protocol", "1");
  soup_message_headers_replace (headers, "Device-Id", ib_store_get_device_id (self->store));
  if (self->token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", self->token);

      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  return msg;
}

/* Sends @msg with an overall deadline: SoupSession:timeout bounds each read or write, but a
 * server trickling a byte at a time would never trip it (fault scenario D9). */
static void
start_request (IbSyncEngine *self,
               GTask        *task,
               SoupMessage  *msg)
{
  SyncRun *run = g_task_get_task_data (task);
  GCancellable *parent = g_task_get_cancellable (task);

  sync_run_clear_deadline (run, parent);
  run->deadline = g_cancellable_new ();
  run->deadline_id = g_timeout_add_seconds (self->deadline_s, deadline_cb, run);
  if (parent != NULL)
    run->parent_handler = g_cancellable_connect (parent, G_CALLBACK (parent_cancelled_cb),
                                                 g_object_ref (run->deadline), g_object_unref);

  self->requests++;
  g_object_set_data_full (G_OBJECT (task), "message", g_object_ref (msg), g_object_unref);
}

static void
send (IbSyncEngine        *self,
      GTask               *task,
      SoupMessage         *msg,
      GAsyncReadyCallback  callback)
{
  start_request (self, task, msg);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    ((SyncRun *) g_task_get_task_data (task))->deadline, callback, task);
}

static void
crash_point (IbSyncEngine *self,
             const char   *point)
{
  if (self->crash_hook != NULL)
    self->crash_hook (point, self->crash_data);
}

static void
on_wrote_body_cb (SoupMessage  *msg,
                  IbSyncEngine *self)
{
  crash_point (self, "client.after_send");
}

static guint
parse_retry_after (SoupMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  guint64 seconds = 0;

  if (header != NULL && !g_ascii_string_to_unsigned (header, 10, 0, G_MAXUINT32, &seconds, NULL))
    {
      g_autoptr (GDateTime) when = soup_date_time_new_from_http_string (header);
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

      if (when != NULL)
        seconds = (guint64) MAX (0, g_date_time_difference (when, now) / G_TIME_SPAN_SECOND);
    }

  /* Clamped to 1 s – 1 h (docs/sync-protocol.md §13.6), so a hostile or broken header neither
   * storms nor stalls. */
  return (guint) CLAMP (seconds, 1, 3600);
}

/* Turns a finished request into its body, or returns FALSE having failed @task with the
 * error the status table of docs/sync-protocol.md §3 asks for. *@status_out is set either way. */
static GBytes *
finish_send (IbSyncEngine  *self,
             GTask         *task,
             GAsyncResult  *result,
             guint         *status_out)
{
  SyncRun *run = g_task_get_task_data (task);
  SoupMessage *msg = g_object_get_data (G_OBJECT (task), "message");
  g_autoptr (GError) error = NULL;
  GBytes *body;

  body = soup_session_send_and_read_finish (self->session, result, &error);
  sync_run_clear_deadline (run, g_task_get_cancellable (task));
  *status_out = soup_message_get_status (msg);

  if (body == NULL)
    {
      if (g_task_return_error_if_cancelled (task))
        return NULL;
      /* A reset or a timeout after sending: the server may have committed. The rows stay
       * "sent" and go again with the same mids. */
      g_task_return_new_error (task, IB_SYNC_ERROR, IB_SYNC_ERROR_UNREACHABLE,
                               _("Could not reach the sync server: %s"), error->message);
      return NULL;
    }

  return body;
}

static gboolean
fail_for_status (IbSyncEngine *self,
                 GTask        *task,
                 guint         status)
{
  SoupMessage *msg = g_object_get_data (G_OBJECT (task), "message");

  switch (status)
    {
    case 401:
      g_task_return_new_error (task, IB_SYNC_ERROR, IB_SYNC_ERROR_UNAUTHORIZED,
                               _("Sign in again to sync. Your changes are kept on this computer."));
      return TRUE;
    case 426:
      g_task_return_new_error (task, IB_SYNC_ERROR, IB_SYNC_ERROR_UPGRADE_NEEDED,
                               _("The sync server needs a newer version of Improvement Board. Your changes are kept on this computer."));
      return TRUE;
    case 429:
    case 503:
      self->retry_after = parse_retry_after (msg);
      g_task_return_new_error (task, IB_SYNC_ERROR, IB_SYNC_ERROR_RETRY_LATER,
                               g_dngettext (GETTEXT_PACKAGE, "The sync server is busy. Trying again in %u second.",
                                            "The sync server is busy. Trying again in %u seconds.", self->retry_after),
                               self->retry_after);
      return TRUE;
    default:
      g_task_return_new_error (task, IB_SYNC_ERROR, IB_SYNC_ERROR_UNREACHABLE,
                               _("The sync server could not answer (HTTP %u). Your changes are kept and will be sent again."),
                               status);
      return TRUE;
    }
}

static JsonObject *
parse_object (GBytes *body)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);
  g_autoptr (JsonNode) root = ib_json_parse_bounded (data != NULL ? data : "", length, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_node_dup_object (root);
}

static void
return_garbled (GTask *task)
{
  /* A captive portal's page, a truncated body: the outcome is unknown, so nothing is applied
   * and the same mids go again next time. */
  g_task_return_new_error (task, IB_SYNC_ERROR, IB_SYNC_ERROR_UNREACHABLE,
                           _("The sync server's reply was not understood. Your changes are kept and will be sent again."));
}

/* The cycle */

static void run_push (GTask *task);
static void run_pull (GTask *task);
static void run_build_index (GTask *task);

static void
finish_cycle (GTask *task)
{
  IbSyncEngine *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);

  if (!run->push_forbidden && ib_store_sync_count (self->store, "pending") > 0 && run->cycles < MAX_CYCLES)
    {
      run->cycles++;
      run_push (task);
      return;
    }

  /* A first sync from a bootstrap file has its records in and shown; the search index it left
   * out is built last, while nothing else of the sync writes. */
  if (!run->index_tried && !ib_store_bootstrap_index_is_built (self->store))
    {
      run_build_index (task);
      return;
    }

  ib_store_sync_set_value (self->store, "last_ok", stamp, NULL);

  if (run->push_forbidden)
    g_task_return_new_error (task, IB_SYNC_ERROR, IB_SYNC_ERROR_FORBIDDEN,
                             _("You can read the plan but not change it, so your changes were not sent. They are kept on this computer."));
  else
    g_task_return_boolean (task, TRUE);
}

/* Refuses a mutation the server cannot take (400, or 413 alone), keeping it in the
 * Rejected list with the server's reason. */
static gboolean
reject_locally (IbSyncEngine *self,
                const char   *mid,
                const char   *code,
                const char   *message)
{
  g_autoptr (JsonArray) results = json_array_new ();
  JsonObject *result = json_object_new ();

  json_object_set_string_member (result, "mid", mid);
  json_object_set_string_member (result, "status", "rejected");
  json_object_set_string_member (result, "code", code);
  json_object_set_string_member (result, "message", message);
  json_array_add_object_element (results, result);

  return ib_store_sync_apply_results (self->store, results, NULL);
}

static void
on_push_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  IbSyncEngine *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonObject) reply = NULL;
  g_autoptr (GError) error = NULL;
  guint status = 0;

  body = finish_send (self, task, result, &status);
  if (body == NULL)
    return;

  if (status == 200)
    {
      crash_point (self, "client.after_response_before_apply");
      reply = parse_object (body);
      if (reply == NULL || !json_object_has_member (reply, "results") ||
          !JSON_NODE_HOLDS_ARRAY (json_object_get_member (reply, "results")))
        {
          return_garbled (task);
          return;
        }

      if (!ib_store_sync_apply_results (self->store, json_object_get_array_member (reply, "results"), &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      self->max_batch = IB_PUSH_MAX_MUTATIONS;
      run_push (g_steal_pointer (&task));
      return;
    }

  if (status == 400 || status == 413)
    {
      /* Bisect: halve until the one mutation at fault is alone, then keep it as rejected. */
      if (run->batch_size > 1)
        self->max_batch = MAX (1, run->batch_size / 2);
      else
        {
          const char *mid = g_object_get_data (G_OBJECT (task), "first-mid");
          g_autoptr (JsonObject) err = parse_object (body);
          const char *message = err != NULL && json_object_has_member (err, "error")
            ? json_object_get_string_member_with_default (json_object_get_object_member (err, "error"), "message", "")
            : "";

          reject_locally (self, mid, status == 413 ? "too_large" : "invalid", message);
        }
      run_push (g_steal_pointer (&task));
      return;
    }

  if (status == 403)
    {
      /* Stop pushing, keep pulling; the outbox is kept (docs/sync-protocol.md §13.6). The role
       * has changed. */
      ib_store_sync_set_value (self->store, "role", "viewer", NULL);
      run->push_forbidden = TRUE;
      run_pull (g_steal_pointer (&task));
      return;
    }

  fail_for_status (self, task, status);
}

static void
run_push (GTask *task)
{
  IbSyncEngine *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr (GPtrArray) batch = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) mutations = json_array_new ();
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autofree char *body = NULL;

  if (run->push_forbidden)
    {
      run_pull (task);
      return;
    }

  batch = ib_store_sync_next_batch (self->store, self->max_batch, IB_PUSH_MAX_BYTES - 1024, &error);
  if (batch == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (batch->len == 0)
    {
      run_pull (task);
      return;
    }

  run->batch_size = batch->len;
  g_object_set_data_full (G_OBJECT (task), "first-mid",
                          g_strdup (json_object_get_string_member (batch->pdata[0], "mid")), g_free);
  for (guint i = 0; i < batch->len; i++)
    json_array_add_object_element (mutations, json_object_ref (batch->pdata[i]));
  json_object_set_array_member (object, "mutations", g_steal_pointer (&mutations));
  node = json_node_init_object (json_node_alloc (), object);
  body = json_to_string (node, FALSE);

  msg = new_message (self, "POST", "/v1/push", body);
  g_signal_connect_object (msg, "wrote-body", G_CALLBACK (on_wrote_body_cb), self, 0);
  send (self, task, msg, on_push_done);
}

static void
on_pull_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  IbSyncEngine *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonObject) page = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *changes, *cursor, *has_more;
  guint status = 0;

  body = finish_send (self, task, result, &status);
  if (body == NULL)
    return;

  if (status == 410 && !run->resynced)
    {
      /* Restored server or changed access: pull everything again and push every mutation
       * whose result we never saw. Local rows stay; nothing is deleted for being absent. */
      run->resynced = TRUE;
      if (!ib_store_sync_begin_snapshot (self->store, &error) ||
          !ib_store_sync_requeue_sent (self->store, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      run_pull (g_steal_pointer (&task));
      return;
    }

  if (status != 200)
    {
      fail_for_status (self, task, status);
      return;
    }

  page = parse_object (body);
  changes = page != NULL ? json_object_get_member (page, "changes") : NULL;
  cursor = page != NULL ? json_object_get_member (page, "next_cursor") : NULL;
  has_more = page != NULL ? json_object_get_member (page, "has_more") : NULL;
  if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes) ||
      cursor == NULL || json_node_get_value_type (cursor) != G_TYPE_STRING ||
      has_more == NULL || json_node_get_value_type (has_more) != G_TYPE_BOOLEAN)
    {
      return_garbled (task);
      return;
    }

  /* What this person may see and do now, as the snapshot was made for them. */
  if (json_object_has_member (page, "clearance") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (page, "clearance")))
    {
      const char *clearance = json_object_get_string_member (page, "clearance");
      const char *role = json_object_get_string_member_with_default (page, "role", NULL);

      if (g_strcmp0 (clearance, "public") == 0 || g_strcmp0 (clearance, "exempt") == 0)
        ib_store_sync_set_value (self->store, "clearance", clearance, NULL);
      if (role != NULL && (g_str_equal (role, "viewer") || g_str_equal (role, "editor") || g_str_equal (role, "admin")))
        ib_store_sync_set_value (self->store, "role", role, NULL);
    }

  if (!ib_store_sync_apply_page (self->store, json_node_get_array (changes), json_node_get_string (cursor), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  run->received += json_array_get_length (json_node_get_array (changes));
  g_signal_emit (self, signals[PROGRESS], 0, run->received);

  if (json_node_get_boolean (has_more))
    {
      run_pull (g_steal_pointer (&task));
      return;
    }

  /* The whole snapshot is in: what the server no longer has is set aside, not deleted. */
  if (ib_store_sync_in_snapshot (self->store) && ib_store_sync_finish_snapshot (self->store, &error) < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  finish_cycle (g_steal_pointer (&task));
}

/* Bootstrap (docs/sync-protocol.md §4.8, §13.7) */

static void
bootstrap_refused (IbSyncEngine *self,
                   GError       *error)
{
  /* Never fatal: the feed can always do what the file would have done, only slower. */
  g_message ("First sync through the feed: %s", error->message);
  g_clear_error (&self->bootstrap_error);
  self->bootstrap_error = error;
}

typedef struct
{
  char   *store_path;
  GBytes *file;
  char   *cursor;
  char   *role;
  char   *clearance;
  guint   n_records;
} BootstrapCopy;

static void
bootstrap_copy_free (BootstrapCopy *copy)
{
  g_free (copy->store_path);
  g_bytes_unref (copy->file);
  g_free (copy->cursor);
  g_free (copy->role);
  g_free (copy->clearance);
  g_free (copy);
}

/* On a worker thread with a connection of its own: the main loop keeps drawing, and reads on
 * the main connection see the old (empty) state until the one commit. */
static void
bootstrap_copy_thread (GTask        *copy_task,
                       gpointer      source,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  BootstrapCopy *copy = task_data;
  GError *error = NULL;

  if (ib_store_bootstrap_copy (copy->store_path, copy->file, copy->cursor, copy->role, copy->clearance,
                               &copy->n_records, &error))
    g_task_return_boolean (copy_task, TRUE);
  else
    g_task_return_error (copy_task, error);
}

static void
on_bootstrap_copied (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  IbSyncEngine *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  BootstrapCopy *copy = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  /* A copy that committed is announced even if the sync was cancelled meanwhile: the rows are
   * in the file, and the window must show them. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    bootstrap_refused (self, error);
  else
    {
      self->bootstrapped = copy->n_records;
      run->received += copy->n_records;
      ib_store_bootstrap_reloaded (self->store);
      g_signal_emit (self, signals[PROGRESS], 0, run->received);
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Either way the feed follows: from the file's cursor, or from scratch. */
  run_pull (g_steal_pointer (&task));
}

static void
build_index_thread (GTask        *index_task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;

  if (ib_store_bootstrap_build_index (task_data, &error))
    g_task_return_boolean (index_task, TRUE);
  else
    g_task_return_error (index_task, error);
}

static void
on_index_built (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  /* Never fatal: search reads the text itself meanwhile, and the next sync or start tries again. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_message ("The search index is left to build another time: %s", error->message);
  if (g_task_return_error_if_cancelled (task))
    return;
  finish_cycle (g_steal_pointer (&task));
}

/* On a worker thread with a connection of its own, as the copy was: trigrams of fifty thousand
 * statements take as long as the copy, and the main loop keeps drawing. */
static void
run_build_index (GTask *task)
{
  IbSyncEngine *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  GTask *index_task;

  run->index_tried = TRUE;
  index_task = g_task_new (self, g_task_get_cancellable (task), on_index_built, task);
  g_task_set_source_tag (index_task, run_build_index);
  g_task_set_task_data (index_task, g_strdup (ib_store_get_path (self->store)), g_free);
  /* One transaction: a cancel mid-way leaves nothing half-built, and the result must arrive. */
  g_task_set_return_on_cancel (index_task, FALSE);
  g_task_run_in_thread (index_task, build_index_thread);
  g_object_unref (index_task);
}

/* Refuses the file as not arrived, and lets the feed do it all. */
static void
bootstrap_not_arrived (GTask  *task,
                       GError *error)
{
  IbSyncEngine *self = g_task_get_source_object (task);

  bootstrap_refused (self, g_error_new (IB_SYNC_ERROR, IB_SYNC_ERROR_UNREACHABLE,
                                        "The starting copy did not arrive: %s", error->message));
  run_pull (task);
}

static void
start_copy (GTask  *task,
            GBytes *file)
{
  IbSyncEngine *self = g_task_get_source_object (task);
  SoupMessage *msg = g_object_get_data (G_OBJECT (task), "message");
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  BootstrapCopy *copy;
  GCancellable *cancellable;
  GTask *copy_task;

  copy = g_new0 (BootstrapCopy, 1);
  copy->store_path = g_strdup (ib_store_get_path (self->store));
  copy->file = file;
  copy->cursor = g_strdup (soup_message_headers_get_one (headers, "Bootstrap-Cursor"));
  copy->role = g_strdup (soup_message_headers_get_one (headers, "Bootstrap-Role"));
  copy->clearance = g_strdup (soup_message_headers_get_one (headers, "Bootstrap-Clearance"));

  cancellable = g_task_get_cancellable (task);
  copy_task = g_task_new (self, cancellable, on_bootstrap_copied, task);
  g_task_set_source_tag (copy_task, start_copy);
  g_task_set_task_data (copy_task, copy, (GDestroyNotify) bootstrap_copy_free);
  /* Cancelling mid-copy would leave nothing half-applied anyway (one transaction); the result
   * of a finished copy must reach on_bootstrap_copied to be announced. */
  g_task_set_return_on_cancel (copy_task, FALSE);
  g_task_run_in_thread (copy_task, bootstrap_copy_thread);
  g_object_unref (copy_task);
}

/* The file as it is read: one buffer of the length the server stated, and one byte more, which
 * only an end of the body where the length said it would be leaves unread. */
typedef struct
{
  GInputStream *stream;
  guint8       *data;
  gsize         length;
} BootstrapBody;

static void
bootstrap_body_free (BootstrapBody *body)
{
  g_clear_object (&body->stream);
  g_free (body->data);
  g_free (body);
}

static void
on_bootstrap_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SyncRun *run = g_task_get_task_data (task);
  BootstrapBody *body = g_object_get_data (G_OBJECT (task), "bootstrap-body");
  g_autoptr (GError) error = NULL;
  GBytes *file;
  gsize n_read = 0;

  g_input_stream_read_all_finish (G_INPUT_STREAM (source), result, &n_read, &error);
  sync_run_clear_deadline (run, g_task_get_cancellable (task));
  if (g_task_return_error_if_cancelled (task))
    return;

  if (error == NULL && n_read != body->length)
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, "%" G_GSIZE_FORMAT " bytes of %" G_GSIZE_FORMAT,
                         n_read, body->length);
  if (error != NULL)
    {
      g_object_set_data (G_OBJECT (task), "bootstrap-body", NULL);
      bootstrap_not_arrived (g_steal_pointer (&task), error);
      return;
    }

  file = g_bytes_new_take (g_steal_pointer (&body->data), body->length);
  g_object_set_data (G_OBJECT (task), "bootstrap-body", NULL);
  start_copy (g_steal_pointer (&task), file);
}

/* The file is read straight into a buffer of its stated size: read through
 * soup_session_send_and_read (), a 32 MB body grows a buffer by doubling and zeroes each new
 * half, and the last steps kept the main loop from a frame for 90-190 ms. Here each read fills
 * the next part of the buffer, and the main loop runs between reads. */
static void
on_bootstrap_sent (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  IbSyncEngine *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  SoupMessage *msg = g_object_get_data (G_OBJECT (task), "message");
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  BootstrapBody *body;
  goffset length;
  guint status;

  stream = soup_session_send_finish (self->session, result, &error);
  if (g_task_return_error_if_cancelled (task))
    {
      sync_run_clear_deadline (run, g_task_get_cancellable (task));
      return;
    }
  if (stream == NULL)
    {
      sync_run_clear_deadline (run, g_task_get_cancellable (task));
      bootstrap_not_arrived (g_steal_pointer (&task), error);
      return;
    }
  status = soup_message_get_status (msg);

  /* What would stop the feed too stops here, with the feed's error. (503 is also how a server
   * says the file is still being prepared: the feed then does it all.) */
  if (status == 401 || status == 426 || status == 429)
    {
      sync_run_clear_deadline (run, g_task_get_cancellable (task));
      fail_for_status (self, task, status);
      return;
    }

  /* 404 from a server older than the endpoint, or any other refusal: the feed does it all. */
  if (status != 200)
    {
      sync_run_clear_deadline (run, g_task_get_cancellable (task));
      bootstrap_refused (self, g_error_new (IB_SYNC_ERROR, IB_SYNC_ERROR_UNREACHABLE,
                                            "The server offers no starting copy (HTTP %u).", status));
      run_pull (g_steal_pointer (&task));
      return;
    }

  /* A file larger than a client accepts, or of no stated length, is refused from its headers,
   * before its body is read: memory stays bounded whatever the server sends. */
  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      length < 0 || length > (goffset) IB_BOOTSTRAP_MAX_BYTES)
    {
      sync_run_clear_deadline (run, g_task_get_cancellable (task));
      bootstrap_refused (self, g_error_new_literal (IB_STORE_ERROR, IB_STORE_ERROR_NOT_A_DATABASE,
                                                    "The server's starting copy was refused: it is larger than the most a client accepts, or of no stated size."));
      run_pull (g_steal_pointer (&task));
      return;
    }

  body = g_new0 (BootstrapBody, 1);
  body->stream = g_object_ref (stream);
  body->length = (gsize) length;
  body->data = g_try_malloc (body->length + 1);
  if (body->data == NULL)
    {
      bootstrap_body_free (body);
      sync_run_clear_deadline (run, g_task_get_cancellable (task));
      bootstrap_refused (self, g_error_new_literal (IB_STORE_ERROR, IB_STORE_ERROR_NOT_A_DATABASE,
                                                    "The server's starting copy was refused: there is not the memory to hold it."));
      run_pull (g_steal_pointer (&task));
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "bootstrap-body", body, (GDestroyNotify) bootstrap_body_free);
  g_input_stream_read_all_async (stream, body->data, body->length + 1, G_PRIORITY_DEFAULT, run->deadline,
                                 on_bootstrap_read, g_steal_pointer (&task));
}

/* Returns TRUE having asked for a bootstrap file, when this is a first sync into a file
 * database that holds nothing yet. */
static gboolean
run_bootstrap (GTask *task)
{
  IbSyncEngine *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  const char *path = ib_store_get_path (self->store);
  g_autoptr (SoupMessage) msg = NULL;

  if (!self->bootstrap || run->bootstrap_tried || run->resynced ||
      path == NULL || *path == '\0' || g_str_equal (path, ":memory:") ||
      !ib_store_bootstrap_can_fill (self->store))
    return FALSE;

  run->bootstrap_tried = TRUE;
  msg = new_message (self, "GET", IB_BOOTSTRAP_PATH, NULL);
  start_request (self, task, msg);
  soup_session_send_async (self->session, msg, G_PRIORITY_DEFAULT, run->deadline, on_bootstrap_sent, task);
  return TRUE;
}

static void
run_pull (GTask *task)
{
  IbSyncEngine *self = g_task_get_source_object (task);
  g_autofree char *cursor = ib_store_sync_get_value (self->store, "cursor");
  g_autofree char *escaped = cursor != NULL ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
  g_autofree char *path = NULL;
  g_autoptr (SoupMessage) msg = NULL;

  if (cursor == NULL && run_bootstrap (task))
    return;

  path = escaped != NULL ? g_strdup_printf ("/v1/changes?limit=%d&cursor=%s", IB_PAGE_MAX_RECORDS, escaped)
                         : g_strdup_printf ("/v1/changes?limit=%d", IB_PAGE_MAX_RECORDS);
  msg = new_message (self, "GET", path, NULL);
  send (self, task, msg, on_pull_done);
}

/* GObject */

static void
ib_sync_engine_finalize (GObject *object)
{
  IbSyncEngine *self = (IbSyncEngine *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->token);
  g_clear_error (&self->bootstrap_error);

  G_OBJECT_CLASS (ib_sync_engine_parent_class)->finalize (object);
}

static void
ib_sync_engine_class_init (IbSyncEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ib_sync_engine_finalize;

  /**
   * IbSyncEngine::progress:
   * @received: changes received so far in this cycle
   *
   * Emitted after each page of the feed is applied: a first sync of a large plan takes a while.
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
ib_sync_engine_init (IbSyncEngine *self)
{
  /* TLS certificates are always verified: libsoup does so unless told otherwise, and nothing
   * here tells it otherwise (fault scenario D11). */
  self->session = soup_session_new_with_options ("timeout", IO_TIMEOUT_S,
                                                 "user-agent", "improvement-board/" PACKAGE_VERSION,
                                                 NULL);
  self->max_batch = IB_PUSH_MAX_MUTATIONS;
  self->deadline_s = REQUEST_DEADLINE_S;
  self->bootstrap = TRUE;
}

IbSyncEngine *
ib_sync_engine_new (IbStore    *store,
                    const char *base_url)
{
  IbSyncEngine *self;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (IB_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->base_url = g_strdup (base_url);
  return self;
}

void
ib_sync_engine_set_token (IbSyncEngine *self,
                          const char   *token)
{
  g_return_if_fail (IB_IS_SYNC_ENGINE (self));

  g_free (self->token);
  self->token = g_strdup (token);
}

void
ib_sync_engine_set_deadline (IbSyncEngine *self,
                             guint         seconds)
{
  g_return_if_fail (IB_IS_SYNC_ENGINE (self));
  self->deadline_s = MAX (1, seconds);
}

void
ib_sync_engine_set_bootstrap (IbSyncEngine *self,
                              gboolean      enabled)
{
  g_return_if_fail (IB_IS_SYNC_ENGINE (self));
  self->bootstrap = enabled;
}

guint
ib_sync_engine_get_bootstrapped (IbSyncEngine *self)
{
  g_return_val_if_fail (IB_IS_SYNC_ENGINE (self), 0);
  return self->bootstrapped;
}

const GError *
ib_sync_engine_get_bootstrap_error (IbSyncEngine *self)
{
  g_return_val_if_fail (IB_IS_SYNC_ENGINE (self), NULL);
  return self->bootstrap_error;
}

void
ib_sync_engine_set_crash_hook (IbSyncEngine    *self,
                               IbSyncCrashHook  hook,
                               gpointer         user_data)
{
  g_return_if_fail (IB_IS_SYNC_ENGINE (self));
  self->crash_hook = hook;
  self->crash_data = user_data;
}

guint
ib_sync_engine_get_retry_after (IbSyncEngine *self)
{
  g_return_val_if_fail (IB_IS_SYNC_ENGINE (self), 0);
  return self->retry_after;
}

guint
ib_sync_engine_get_requests (IbSyncEngine *self)
{
  g_return_val_if_fail (IB_IS_SYNC_ENGINE (self), 0);
  return self->requests;
}

void
ib_sync_engine_sync_async (IbSyncEngine        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (IB_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ib_sync_engine_sync_async);
  self->bootstrapped = 0;
  g_clear_error (&self->bootstrap_error);
  g_task_set_task_data (task, g_new0 (SyncRun, 1), (GDestroyNotify) sync_run_free);

  if (self->token == NULL)
    {
      g_task_return_new_error (task, IB_SYNC_ERROR, IB_SYNC_ERROR_UNAUTHORIZED,
                               _("Sign in to sync. Your changes are kept on this computer."));
      g_object_unref (task);
      return;
    }

  run_push (task);
}

gboolean
ib_sync_engine_sync_finish (IbSyncEngine  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_sign_in_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  IbSyncEngine *self = g_task_get_source_object (task);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonObject) reply = NULL;
  guint status = 0;
  const char *token;

  body = finish_send (self, task, result, &status);
  if (body == NULL)
    return;

  if (status == 401)
    {
      g_task_return_new_error (task, IB_SYNC_ERROR, IB_SYNC_ERROR_UNAUTHORIZED,
                               _("The user name or password is not right."));
      return;
    }
  if (status != 200)
    {
      fail_for_status (self, task, status);
      return;
    }

  reply = parse_object (body);
  token = reply != NULL ? json_object_get_string_member_with_default (reply, "token", NULL) : NULL;
  if (token == NULL)
    {
      return_garbled (task);
      return;
    }

  /* What this person may do, for the window to show or hide edit controls; the server
   * enforces it either way. */
  ib_store_sync_set_value (self->store, "role",
                           json_object_get_string_member_with_default (reply, "role", "viewer"), NULL);
  ib_store_sync_set_value (self->store, "clearance",
                           json_object_get_string_member_with_default (reply, "clearance", "public"), NULL);

  g_task_return_pointer (task, g_strdup (token), g_free);
}

void
ib_sync_engine_sign_in_async (IbSyncEngine        *self,
                              const char          *user,
                              const char          *password,
                              const char          *device_name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autofree char *body = NULL;
  GTask *task;

  g_return_if_fail (IB_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ib_sync_engine_sign_in_async);
  g_task_set_task_data (task, g_new0 (SyncRun, 1), (GDestroyNotify) sync_run_free);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "user");
  json_builder_add_string_value (b, user);
  json_builder_set_member_name (b, "password");
  json_builder_add_string_value (b, password);
  json_builder_set_member_name (b, "device_name");
  json_builder_add_string_value (b, device_name);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  body = json_to_string (root, FALSE);

  msg = new_message (self, "POST", "/v1/auth/token", body);
  send (self, task, msg, on_sign_in_done);
}

char *
ib_sync_engine_sign_in_finish (IbSyncEngine  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_sign_out_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  IbSyncEngine *self = g_task_get_source_object (task);
  g_autoptr (GBytes) body = NULL;
  guint status = 0;

  body = finish_send (self, task, result, &status);
  if (body == NULL)
    return;

  /* 401: the token was already dead, which is what signing out wants. */
  if (status == 204 || status == 200 || status == 401)
    g_task_return_boolean (task, TRUE);
  else
    fail_for_status (self, task, status);
}

void
ib_sync_engine_sign_out_async (IbSyncEngine        *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (SoupMessage) msg = NULL;
  GTask *task;

  g_return_if_fail (IB_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ib_sync_engine_sign_out_async);
  g_task_set_task_data (task, g_new0 (SyncRun, 1), (GDestroyNotify) sync_run_free);

  msg = new_message (self, "DELETE", "/v1/auth/token", NULL);
  send (self, task, msg, on_sign_out_done);
}

gboolean
ib_sync_engine_sign_out_finish (IbSyncEngine  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* History */

typedef struct
{
  char  *type;
  char  *id;
  guint  entries;
} HistoryFetch;

static void
history_fetch_free (HistoryFetch *h)
{
  g_free (h->type);
  g_free (h->id);
  g_free (h);
}

/* The most a History section is given in one go: a record's long tail can wait for another. */
#define HISTORY_MAX_ENTRIES 1000

static void fetch_history_page (GTask  *task,
                                gint64  before);

static void
on_history_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  IbSyncEngine *self = g_task_get_source_object (task);
  HistoryFetch *h = g_object_get_data (G_OBJECT (task), "history");
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonObject) reply = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *entries, *next;
  guint status = 0;

  body = finish_send (self, task, result, &status);
  if (body == NULL)
    return;

  /* Not visible to this user (any more): what was kept goes too. */
  if (status == 404)
    {
      ib_store_history_forget (self->store, h->type, h->id, NULL);
      g_task_return_new_error (task, IB_SYNC_ERROR, IB_SYNC_ERROR_NOT_FOUND,
                               _("The sync server has no history of this record."));
      return;
    }
  if (status != 200)
    {
      fail_for_status (self, task, status);
      return;
    }

  reply = parse_object (body);
  entries = reply != NULL ? json_object_get_member (reply, "history") : NULL;
  if (entries == NULL || !JSON_NODE_HOLDS_ARRAY (entries))
    {
      return_garbled (task);
      return;
    }

  if (!ib_store_history_put (self->store, h->type, h->id, json_node_get_array (entries), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  h->entries += json_array_get_length (json_node_get_array (entries));

  next = json_object_get_member (reply, "next_before");
  if (next != NULL && JSON_NODE_HOLDS_VALUE (next) && h->entries < HISTORY_MAX_ENTRIES)
    {
      fetch_history_page (g_steal_pointer (&task), json_node_get_int (next));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
fetch_history_page (GTask  *task,
                    gint64  before)
{
  IbSyncEngine *self = g_task_get_source_object (task);
  HistoryFetch *h = g_object_get_data (G_OBJECT (task), "history");
  g_autofree char *path = NULL;
  g_autoptr (SoupMessage) msg = NULL;

  path = before > 0
    ? g_strdup_printf ("/v1/records/%s/%s/history?limit=200&before=%" G_GINT64_FORMAT, h->type, h->id, before)
    : g_strdup_printf ("/v1/records/%s/%s/history?limit=200", h->type, h->id);
  msg = new_message (self, "GET", path, NULL);
  send (self, task, msg, on_history_done);
}

void
ib_sync_engine_fetch_history_async (IbSyncEngine        *self,
                                    const char          *type,
                                    const char          *id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  HistoryFetch *h;
  GTask *task;

  g_return_if_fail (IB_IS_SYNC_ENGINE (self));
  g_return_if_fail (type != NULL && id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ib_sync_engine_fetch_history_async);
  g_task_set_task_data (task, g_new0 (SyncRun, 1), (GDestroyNotify) sync_run_free);

  /* Only ids and type names this version knows go into a URL. */
  if (ib_record_type_find (type) == NULL || !g_uuid_string_is_valid (id))
    {
      g_task_return_new_error (task, IB_SYNC_ERROR, IB_SYNC_ERROR_NOT_FOUND,
                               _("The sync server has no history of this record."));
      g_object_unref (task);
      return;
    }

  h = g_new0 (HistoryFetch, 1);
  h->type = g_strdup (type);
  h->id = g_strdup (id);
  g_object_set_data_full (G_OBJECT (task), "history", h, (GDestroyNotify) history_fetch_free);
  fetch_history_page (task, 0);
}

gboolean
ib_sync_engine_fetch_history_finish (IbSyncEngine  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
