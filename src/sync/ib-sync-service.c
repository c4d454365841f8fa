/* ib-sync-service.c
 *
 * The engine runs one cycle when asked; this decides when to ask. Backoff is
 * min (300 s, 2^n s) with full jitter, reset on success (docs/sync-protocol.md §13.6); a
 * server's Retry-After is a floor nothing skips; 401 and 426 stop until the person acts, so
 * there is no retry loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-sync-service"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ib-secret.h"
#include "ib-store-sync.h"
#include "ib-sync-endpoint.h"
#include "ib-sync-engine.h"
#include "ib-sync-service.h"

#define NETWORK_RETURN_DELAY_MS 2000
#define BACKOFF_CAP_S           300

struct _IbSyncService
{
  GObject          parent_instance;

  /* owned */
  IbStore         *store;
  IbSyncEngine    *engine;
  GCancellable    *cancellable;
  char            *server;
  char            *user;
  char            *message;

  /* borrowed */
  GNetworkMonitor *monitor;

  IbSyncState      state;
  guint            interval;
  guint            pending, conflicts, rejected;
  gboolean         can_edit;
  guint            received;
  guint            timer_id;
  gint64           interval_from; /* monotonic µs the regular wait began; 0 when the timer is another */
  guint            counts_idle_id;
  guint            backoff_n;
  gint64           not_before;   /* monotonic µs: Retry-After */
  gboolean         syncing;
  gboolean         again;
  gboolean         offline;
  gboolean         stopped;
};

G_DEFINE_FINAL_TYPE (IbSyncService, ib_sync_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_PENDING,
  PROP_CONFLICTS,
  PROP_REJECTED,
  PROP_MESSAGE,
  PROP_SERVER,
  PROP_USER,
  PROP_INTERVAL,
  PROP_CAN_EDIT,
  PROP_RECEIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGN_IN_NEEDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void run_sync (IbSyncService *self);

/* State */

static void
set_message (IbSyncService *self,
             const char    *message)
{
  if (g_strcmp0 (self->message, message) == 0)
    return;

  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

static void
update_state (IbSyncService *self)
{
  IbSyncState state;

  if (self->engine == NULL)
    state = IB_SYNC_STATE_SIGNED_OUT;
  else if (self->stopped)
    state = IB_SYNC_STATE_STOPPED;
  else if (self->syncing)
    state = IB_SYNC_STATE_SYNCING;
  else if (self->conflicts > 0)
    state = IB_SYNC_STATE_CONFLICTS;
  else if (self->offline)
    state = IB_SYNC_STATE_OFFLINE;
  else if (self->pending > 0)
    state = IB_SYNC_STATE_PENDING;
  else
    state = IB_SYNC_STATE_SYNCED;

  if (state != self->state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
set_count (IbSyncService *self,
           guint         *field,
           guint          value,
           int            prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
refresh_counts (IbSyncService *self)
{
  g_autoptr (GPtrArray) conflicts = ib_store_sync_list_conflicts (self->store);
  g_autofree char *role = ib_store_sync_get_value (self->store, "role");
  /* Signed out, the plan is this computer's own: everything is editable. */
  gboolean can_edit = self->engine == NULL || g_strcmp0 (role, "viewer") != 0;

  if (can_edit != self->can_edit)
    {
      self->can_edit = can_edit;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_EDIT]);
    }

  set_count (self, &self->pending,
             ib_store_sync_count (self->store, "pending") + ib_store_sync_count (self->store, "sent"),
             PROP_PENDING);
  set_count (self, &self->conflicts, conflicts->len, PROP_CONFLICTS);
  set_count (self, &self->rejected, ib_store_sync_count (self->store, "rejected"), PROP_REJECTED);
  update_state (self);
}

static gboolean
refresh_counts_idle_cb (gpointer user_data)
{
  IbSyncService *self = user_data;

  self->counts_idle_id = 0;
  refresh_counts (self);
  return G_SOURCE_REMOVE;
}

/* A pull applies hundreds of rows at once: count once when the burst is over. */
static void
on_store_changed_cb (IbStore       *store,
                     const char    *type,
                     const char    *id,
                     IbStoreChange  change,
                     IbSyncService *self)
{
  if (self->counts_idle_id == 0)
    self->counts_idle_id = g_idle_add (refresh_counts_idle_cb, self);
}

static void
set_received (IbSyncService *self,
              guint          received)
{
  if (self->received != received)
    {
      self->received = received;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVED]);
    }
}

/* Scheduling */

static gboolean
timer_cb (gpointer user_data)
{
  IbSyncService *self = user_data;

  self->timer_id = 0;
  self->interval_from = 0;
  run_sync (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (IbSyncService *self,
          guint          delay_ms)
{
  gint64 wait_for_server = (self->not_before - g_get_monotonic_time ()) / 1000;

  self->interval_from = 0;
  if (self->engine == NULL || self->stopped)
    return;

  /* Retry-After is a floor: neither the schedule nor "Sync Now" goes under it. */
  if (wait_for_server > (gint64) delay_ms)
    delay_ms = (guint) wait_for_server;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add (delay_ms, timer_cb, self);
}

static guint
backoff_ms (IbSyncService *self)
{
  guint cap = MIN (BACKOFF_CAP_S, 1u << MIN (self->backoff_n, 9u));

  /* Full jitter: clients that lost the network together do not return together. */
  return (guint) g_random_int_range (1000, (gint32) cap * 1000 + 1);
}

static void
on_synced_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (IbSyncService) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean ok = ib_sync_engine_sync_finish (IB_SYNC_ENGINE (source), result, &error);

  self->syncing = FALSE;
  set_received (self, 0);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (ok || g_error_matches (error, IB_SYNC_ERROR, IB_SYNC_ERROR_FORBIDDEN))
    {
      self->backoff_n = 0;
      self->offline = FALSE;
      set_message (self, ok ? NULL : error->message);
      schedule (self, self->interval * 1000);
      if (self->timer_id != 0)
        self->interval_from = g_get_monotonic_time ();
    }
  else if (g_error_matches (error, IB_SYNC_ERROR, IB_SYNC_ERROR_UNREACHABLE))
    {
      self->offline = TRUE;
      self->backoff_n++;
      set_message (self, error->message);
      schedule (self, backoff_ms (self));
    }
  else if (g_error_matches (error, IB_SYNC_ERROR, IB_SYNC_ERROR_RETRY_LATER))
    {
      guint wait = ib_sync_engine_get_retry_after (IB_SYNC_ENGINE (source));

      self->not_before = g_get_monotonic_time () + (gint64) wait * G_USEC_PER_SEC;
      set_message (self, error->message);
      schedule (self, wait * 1000);
    }
  else
    {
      /* 401, 426, a full disk: nothing more happens until the person acts. */
      self->stopped = TRUE;
      set_message (self, error->message);
      if (g_error_matches (error, IB_SYNC_ERROR, IB_SYNC_ERROR_UNAUTHORIZED))
        g_signal_emit (self, signals[SIGN_IN_NEEDED], 0);
    }

  refresh_counts (self);

  if (self->again && !self->stopped)
    {
      self->again = FALSE;
      run_sync (self);
    }
}

static void
on_progress_cb (IbSyncEngine  *engine,
                guint          received,
                IbSyncService *self)
{
  set_received (self, received);
}

static void
run_sync (IbSyncService *self)
{
  if (self->engine == NULL || self->stopped)
    return;

  if (self->syncing)
    {
      self->again = TRUE;
      return;
    }

  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->syncing = TRUE;
  update_state (self);
  ib_sync_engine_sync_async (self->engine, self->cancellable, on_synced_cb, g_object_ref (self));
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       IbSyncService   *self)
{
  if (available && self->offline)
    {
      self->backoff_n = 0;
      schedule (self, NETWORK_RETURN_DELAY_MS);
    }
}

/* Connection */

static void
use_engine (IbSyncService *self,
            const char    *server,
            const char    *user,
            const char    *token)
{
  g_clear_object (&self->engine);
  self->engine = ib_sync_engine_new (self->store, server);
  ib_sync_engine_set_token (self->engine, token);
  g_signal_connect_object (self->engine, "progress", G_CALLBACK (on_progress_cb), self, 0);
  self->stopped = FALSE;
  self->offline = FALSE;
  self->backoff_n = 0;

  if (g_strcmp0 (self->server, server) != 0)
    {
      g_free (self->server);
      self->server = g_strdup (server);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
    }
  if (g_strcmp0 (self->user, user) != 0)
    {
      g_free (self->user);
      self->user = g_strdup (user);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
    }

  set_message (self, NULL);
  refresh_counts (self);
}

static void
on_token_found_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (IbSyncService) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *token = ib_secret_lookup_finish (result, &error);
  g_autofree char *server = ib_store_sync_get_value (self->store, "server");
  g_autofree char *user = ib_store_sync_get_value (self->store, "user");

  if (token == NULL)
    {
      /* Saved server, no token (a session keyring that is gone): ask to sign in again. */
      set_message (self, _("Sign in again to sync."));
      g_signal_emit (self, signals[SIGN_IN_NEEDED], 0);
      return;
    }

  use_engine (self, server, user, token);
  memset (token, 0, strlen (token));
  run_sync (self);
}

void
ib_sync_service_start (IbSyncService *self)
{
  g_autofree char *server = NULL, *user = NULL;

  g_return_if_fail (IB_IS_SYNC_SERVICE (self));

  server = ib_store_sync_get_value (self->store, "server");
  user = ib_store_sync_get_value (self->store, "user");
  refresh_counts (self);
  if (server == NULL || user == NULL)
    return;

  g_free (self->server);
  self->server = g_strdup (server);
  g_free (self->user);
  self->user = g_strdup (user);
  ib_secret_lookup_async (server, user, self->cancellable, on_token_found_cb, g_object_ref (self));
}

typedef struct
{
  IbSyncEngine *engine;
  char         *server;
  char         *user;
  char         *token;
} SignIn;

static void
sign_in_free (SignIn *s)
{
  g_clear_object (&s->engine);
  g_free (s->server);
  g_free (s->user);
  if (s->token != NULL)
    memset (s->token, 0, strlen (s->token));
  g_free (s->token);
  g_free (s);
}

static void
on_token_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  IbSyncService *self = g_task_get_source_object (task);
  SignIn *s = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  /* Without any Secret Service the token lives in memory only: sync works now, and the
   * next start asks again. It is never written anywhere else. */
  if (!ib_secret_store_finish (result, &error))
    g_message ("The sync token is kept in memory only: %s", error->message);

  if (!ib_store_sync_set_value (self->store, "server", s->server, &error) ||
      !ib_store_sync_set_value (self->store, "user", s->user, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  use_engine (self, s->server, s->user, s->token);
  run_sync (self);
  g_task_return_boolean (task, TRUE);
}

static void
on_signed_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SignIn *s = g_task_get_task_data (task);
  GError *error = NULL;

  s->token = ib_sync_engine_sign_in_finish (IB_SYNC_ENGINE (source), result, &error);
  if (s->token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  ib_secret_store_async (s->server, s->user, s->token, g_task_get_cancellable (task),
                         on_token_stored_cb, g_object_ref (task));
}

void
ib_sync_service_sign_in_async (IbSyncService       *self,
                               const char          *url,
                               const char          *user,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;
  SignIn *s;

  g_return_if_fail (IB_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ib_sync_service_sign_in_async);
  s = g_new0 (SignIn, 1);
  g_task_set_task_data (task, s, (GDestroyNotify) sign_in_free);

  s->server = ib_sync_endpoint_normalise (url, &error);
  if (s->server == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (user == NULL || *user == '\0' || password == NULL || *password == '\0')
    {
      g_task_return_new_error (task, IB_SYNC_ERROR, IB_SYNC_ERROR_UNAUTHORIZED,
                               _("Enter your user name and password."));
      return;
    }

  s->user = g_strdup (user);
  s->engine = ib_sync_engine_new (self->store, s->server);
  ib_sync_engine_sign_in_async (s->engine, user, password, g_get_host_name (), cancellable,
                                on_signed_in_cb, g_steal_pointer (&task));
}

gboolean
ib_sync_service_sign_in_finish (IbSyncService  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_signed_out_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  /* Best effort: offline, the token still expires after 90 idle days on the server. */
  if (!ib_sync_engine_sign_out_finish (IB_SYNC_ENGINE (source), result, &error))
    g_message ("Could not revoke the sync token on the server: %s", error->message);
}

static void
on_secret_cleared_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!ib_secret_clear_finish (result, &error))
    g_message ("Could not remove the sync token from the keyring: %s", error->message);
}

void
ib_sync_service_sign_out (IbSyncService *self)
{
  g_return_if_fail (IB_IS_SYNC_SERVICE (self));

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->engine != NULL)
    ib_sync_engine_sign_out_async (self->engine, NULL, on_signed_out_cb, NULL);
  if (self->server != NULL && self->user != NULL)
    ib_secret_clear_async (self->server, self->user, NULL, on_secret_cleared_cb, NULL);

  ib_store_sync_set_value (self->store, "user", NULL, NULL);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->user, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
  set_message (self, NULL);
  update_state (self);
}

void
ib_sync_service_sync_now (IbSyncService *self)
{
  g_return_if_fail (IB_IS_SYNC_SERVICE (self));

  if (self->engine == NULL)
    {
      g_signal_emit (self, signals[SIGN_IN_NEEDED], 0);
      return;
    }

  self->stopped = FALSE;
  self->backoff_n = 0;
  if (g_get_monotonic_time () < self->not_before)
    schedule (self, 0);
  else
    run_sync (self);
}

gboolean
ib_sync_service_resolve (IbSyncService  *self,
                         const char     *conflict_id,
                         JsonObject     *set,
                         GError        **error)
{
  g_return_val_if_fail (IB_IS_SYNC_SERVICE (self), FALSE);

  if (!ib_store_sync_resolve (self->store, conflict_id, set, error))
    return FALSE;

  refresh_counts (self);
  run_sync (self);
  return TRUE;
}

gboolean
ib_sync_service_resolve_kept (IbSyncService  *self,
                              const char     *conflict_id,
                              gboolean        delete_rest,
                              GError        **error)
{
  g_return_val_if_fail (IB_IS_SYNC_SERVICE (self), FALSE);

  if (!ib_store_sync_resolve_kept (self->store, conflict_id, delete_rest, error))
    return FALSE;

  refresh_counts (self);
  run_sync (self);
  return TRUE;
}

static void
on_history_fetched_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (ib_sync_engine_fetch_history_finish (IB_SYNC_ENGINE (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
ib_sync_service_fetch_history_async (IbSyncService       *self,
                                     const char          *type,
                                     const char          *id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (IB_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ib_sync_service_fetch_history_async);

  if (self->engine == NULL)
    {
      g_task_return_new_error (task, IB_SYNC_ERROR, IB_SYNC_ERROR_FAILED,
                               _("This plan is kept on this computer only, so its history is the changes made here."));
      return;
    }

  ib_sync_engine_fetch_history_async (self->engine, type, id, cancellable, on_history_fetched_cb,
                                      g_steal_pointer (&task));
}

gboolean
ib_sync_service_fetch_history_finish (IbSyncService  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
ib_sync_service_discard (IbSyncService  *self,
                         const char     *mid,
                         GError        **error)
{
  g_return_val_if_fail (IB_IS_SYNC_SERVICE (self), FALSE);

  if (!ib_store_sync_discard (self->store, mid, error))
    return FALSE;

  refresh_counts (self);
  return TRUE;
}

gboolean
ib_sync_service_release (IbSyncService  *self,
                         const char     *type,
                         const char     *id,
                         gboolean        send_again,
                         GError        **error)
{
  const IbRecordType *record_type = ib_record_type_find (type);

  g_return_val_if_fail (IB_IS_SYNC_SERVICE (self), FALSE);
  g_return_val_if_fail (record_type != NULL, FALSE);

  if (!ib_store_sync_release_quarantine (self->store, record_type, id, send_again, error))
    return FALSE;

  refresh_counts (self);
  if (send_again)
    run_sync (self);
  return TRUE;
}

/* GObject */

static void
ib_sync_service_dispose (GObject *object)
{
  IbSyncService *self = (IbSyncService *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->counts_idle_id, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  self->monitor = NULL;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ib_sync_service_parent_class)->dispose (object);
}

static void
ib_sync_service_finalize (GObject *object)
{
  IbSyncService *self = (IbSyncService *) object;

  g_clear_object (&self->cancellable);
  g_free (self->server);
  g_free (self->user);
  g_free (self->message);

  G_OBJECT_CLASS (ib_sync_service_parent_class)->finalize (object);
}

static void
ib_sync_service_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  IbSyncService *self = IB_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_STATE: g_value_set_int (value, self->state); break;
    case PROP_PENDING: g_value_set_uint (value, self->pending); break;
    case PROP_CONFLICTS: g_value_set_uint (value, self->conflicts); break;
    case PROP_REJECTED: g_value_set_uint (value, self->rejected); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_SERVER: g_value_set_string (value, self->server); break;
    case PROP_USER: g_value_set_string (value, self->user); break;
    case PROP_INTERVAL: g_value_set_uint (value, self->interval); break;
    case PROP_CAN_EDIT: g_value_set_boolean (value, self->can_edit); break;
    case PROP_RECEIVED: g_value_set_uint (value, self->received); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_sync_service_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IbSyncService *self = IB_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      if (self->interval != g_value_get_uint (value))
        {
          self->interval = g_value_get_uint (value);
          /* A new interval counts from the last sync, not from the next one: shortened from a
           * day to five minutes in Preferences, it does not wait out the day first. */
          if (self->interval_from != 0 && self->timer_id != 0)
            {
              gint64 from = self->interval_from;
              gint64 left = (from + (gint64) self->interval * G_USEC_PER_SEC - g_get_monotonic_time ()) / 1000;

              schedule (self, (guint) CLAMP (left, 0, (gint64) self->interval * 1000));
              if (self->timer_id != 0)
                self->interval_from = from;
            }
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_sync_service_class_init (IbSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ib_sync_service_dispose;
  object_class->finalize = ib_sync_service_finalize;
  object_class->get_property = ib_sync_service_get_property;
  object_class->set_property = ib_sync_service_set_property;

  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, IB_SYNC_STATE_SIGNED_OUT, IB_SYNC_STATE_STOPPED,
                                             IB_SYNC_STATE_SIGNED_OUT, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] = g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICTS] = g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REJECTED] = g_param_spec_uint ("rejected", NULL, NULL, 0, G_MAXUINT, 0,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER] = g_param_spec_string ("server", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] = g_param_spec_string ("user", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] = g_param_spec_uint ("interval", NULL, NULL, 60, 86400, 300,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_EDIT] = g_param_spec_boolean ("can-edit", NULL, NULL, TRUE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECEIVED] = g_param_spec_uint ("received", NULL, NULL, 0, G_MAXUINT, 0,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGN_IN_NEEDED] = g_signal_new ("sign-in-needed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ib_sync_service_init (IbSyncService *self)
{
  self->cancellable = g_cancellable_new ();
  self->interval = 300;
  self->state = IB_SYNC_STATE_SIGNED_OUT;
  self->can_edit = TRUE;
}

IbSyncService *
ib_sync_service_new (IbStore *store)
{
  IbSyncService *self;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  self = g_object_new (IB_TYPE_SYNC_SERVICE, NULL);
  self->store = g_object_ref (store);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  self->monitor = g_network_monitor_get_default ();
  g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self);
  return self;
}

IbSyncState
ib_sync_service_get_state (IbSyncService *self)
{
  g_return_val_if_fail (IB_IS_SYNC_SERVICE (self), IB_SYNC_STATE_SIGNED_OUT);
  return self->state;
}

guint
ib_sync_service_get_pending (IbSyncService *self)
{
  g_return_val_if_fail (IB_IS_SYNC_SERVICE (self), 0);
  return self->pending;
}

guint
ib_sync_service_get_conflicts (IbSyncService *self)
{
  g_return_val_if_fail (IB_IS_SYNC_SERVICE (self), 0);
  return self->conflicts;
}

guint
ib_sync_service_get_rejected (IbSyncService *self)
{
  g_return_val_if_fail (IB_IS_SYNC_SERVICE (self), 0);
  return self->rejected;
}

const char *
ib_sync_service_get_message (IbSyncService *self)
{
  g_return_val_if_fail (IB_IS_SYNC_SERVICE (self), NULL);
  return self->message;
}

const char *
ib_sync_service_get_server (IbSyncService *self)
{
  g_return_val_if_fail (IB_IS_SYNC_SERVICE (self), NULL);
  return self->server;
}

const char *
ib_sync_service_get_user (IbSyncService *self)
{
  g_return_val_if_fail (IB_IS_SYNC_SERVICE (self), NULL);
  return self->user;
}

guint
ib_sync_service_get_received (IbSyncService *self)
{
  g_return_val_if_fail (IB_IS_SYNC_SERVICE (self), 0);
  return self->received;
}

gboolean
ib_sync_service_get_can_edit (IbSyncService *self)
{
  g_return_val_if_fail (IB_IS_SYNC_SERVICE (self), TRUE);
  return self->can_edit;
}

IbStore *
ib_sync_service_get_store (IbSyncService *self)
{
  g_return_val_if_fail (IB_IS_SYNC_SERVICE (self), NULL);
  return self->store;
}
