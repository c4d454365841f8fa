/* ib-secret.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-secret"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "ib-secret.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".SyncToken", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

typedef struct
{
  char *server;
  char *user;
  char *token;
  char *label;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_free (data->server);
  g_free (data->user);
  if (data->token != NULL)
    memset (data->token, 0, strlen (data->token));
  g_free (data->token);
  g_free (data->label);
  g_free (data);
}

static void
on_stored_session (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_stored_default (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  StoreData *data = g_task_get_task_data (task);

  if (secret_password_store_finish (result, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* No login keyring (a kiosk, a bare session): keep it for this session, and ask again
   * next time rather than writing it anywhere else. */
  secret_password_store (token_schema (), SECRET_COLLECTION_SESSION, data->label, data->token,
                         g_task_get_cancellable (task), on_stored_session, g_object_ref (task),
                         "server", data->server, "user", data->user, NULL);
}

void
ib_secret_store_async (const char          *server,
                       const char          *user,
                       const char          *token,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  StoreData *data = g_new0 (StoreData, 1);

  g_task_set_source_tag (task, ib_secret_store_async);
  data->server = g_strdup (server);
  data->user = g_strdup (user);
  data->token = g_strdup (token);
  /* Translators: the label of the saved sync token in the keyring; %s is the server address */
  data->label = g_strdup_printf (_("Improvement Board sync (%s)"), server);
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);

  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, data->label, token,
                         cancellable, on_stored_default, task,
                         "server", server, "user", user, NULL);
}

gboolean
ib_secret_store_finish (GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

void
ib_secret_lookup_async (const char          *server,
                        const char          *user,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, ib_secret_lookup_async);
  secret_password_lookup (token_schema (), cancellable, on_looked_up, task,
                          "server", server, "user", user, NULL);
}

char *
ib_secret_lookup_finish (GAsyncResult  *result,
                         GError       **error)
{
  char *secret = g_task_propagate_pointer (G_TASK (result), error);
  char *copy = g_strdup (secret);

  if (secret != NULL)
    secret_password_free (secret);
  return copy;
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
ib_secret_clear_async (const char          *server,
                       const char          *user,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, ib_secret_clear_async);
  secret_password_clear (token_schema (), cancellable, on_cleared, task,
                         "server", server, "user", user, NULL);
}

gboolean
ib_secret_clear_finish (GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
