/* ib-fault-proxy.c
 *
 * A SoupServer that forwards through a SoupSession, modelled on Toxiproxy's menu but only the
 * faults the fault scenarios need (docs/sync-protocol.md §15). It runs on the test's main
 * context, so faults are ordered by the test, not by sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ib-fault-proxy.h"

typedef struct
{
  char          *method;
  char          *path;
  guint          nth;
  guint          seen;
  IbFaultAction  action;
  int            arg;
  char          *retry_after;
} Rule;

struct _IbFaultProxy
{
  SoupServer  *server;
  SoupSession *session;
  char        *upstream;
  char        *url;
  GPtrArray   *rules;
  GPtrArray   *log;
  GPtrArray   *stalled;  /* Pending, answered never */
};

typedef struct
{
  IbFaultProxy      *proxy;
  SoupServerMessage *msg;
  IbFaultAction      action;
  int                arg;
  IbFaultLogEntry   *entry;
  GBytes            *request;
  SoupMessage       *upstream_msg;
  GBytes            *reply;
  guint              forwarded;
  gsize              trickled;
  guint              timer_id;
  gboolean           gone;       /* the client hung up */
} Pending;

static void
rule_free (Rule *rule)
{
  g_free (rule->method);
  g_free (rule->path);
  g_free (rule->retry_after);
  g_free (rule);
}

static void
entry_free (IbFaultLogEntry *entry)
{
  g_free (entry->method);
  g_free (entry->path);
  g_free (entry->token);
  g_free (entry->request);
  g_free (entry->response);
  g_free (entry);
}

static void
on_disconnected_cb (SoupServerMessage *msg,
                    Pending           *p)
{
  p->gone = TRUE;
}

static void
pending_free (Pending *p)
{
  g_signal_handlers_disconnect_by_data (p->msg, p);
  g_clear_handle_id (&p->timer_id, g_source_remove);
  g_clear_pointer (&p->request, g_bytes_unref);
  g_clear_pointer (&p->reply, g_bytes_unref);
  g_clear_object (&p->upstream_msg);
  g_object_unref (p->msg);
  g_free (p);
}

static void
respond (Pending    *p,
         guint       status,
         const char *content_type,
         GBytes     *body)
{
  SoupMessageHeaders *out = soup_server_message_get_response_headers (p->msg);

  soup_server_message_set_status (p->msg, status, NULL);
  if (p->upstream_msg != NULL)
    {
      const char *retry = soup_message_headers_get_one (soup_message_get_response_headers (p->upstream_msg), "Retry-After");

      if (retry != NULL)
        soup_message_headers_replace (out, "Retry-After", retry);
    }
  if (body != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (body, &length);

      soup_server_message_set_response (p->msg, content_type, SOUP_MEMORY_COPY, data != NULL ? data : "", length);
    }
  soup_server_message_unpause (p->msg);
}

static void
drop (Pending *p)
{
  GIOStream *stream = soup_server_message_steal_connection (p->msg);

  /* A reset as the client sees it: the connection closes with no reply at all. */
  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

static gboolean
trickle_cb (gpointer data)
{
  Pending *p = data;

  if (p->gone)
    {
      /* The client gave up (its deadline): stop, and leave the message alone. */
      p->timer_id = 0;
      g_ptr_array_remove (p->proxy->stalled, p);
      pending_free (p);
      return G_SOURCE_REMOVE;
    }

  gsize length;
  const char *body = g_bytes_get_data (p->reply, &length);
  SoupMessageBody *out = soup_server_message_get_response_body (p->msg);

  if (p->trickled >= length)
    {
      p->timer_id = 0;
      soup_message_body_complete (out);
      soup_server_message_unpause (p->msg);
      g_ptr_array_remove (p->proxy->stalled, p);
      pending_free (p);
      return G_SOURCE_REMOVE;
    }

  soup_message_body_append (out, SOUP_MEMORY_COPY, body + p->trickled, 1);
  p->trickled++;
  soup_server_message_unpause (p->msg);
  return G_SOURCE_CONTINUE;
}

static void forward (Pending *p);

static void
on_upstream_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pending *p = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) reply = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  const char *content_type;

  if (reply == NULL)
    {
      p->entry->status = 502;
      respond (p, 502, "text/plain", NULL);
      pending_free (p);
      return;
    }

  p->entry->status = soup_message_get_status (p->upstream_msg);
  g_free (p->entry->response);
  p->entry->response = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));

  if (p->action == IB_FAULT_DUPLICATE && p->forwarded < 2)
    {
      forward (p);
      return;
    }

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (p->upstream_msg), NULL);

  switch (p->action)
    {
    case IB_FAULT_DROP_AFTER:
      drop (p);
      break;
    case IB_FAULT_STALL_AFTER:
      g_ptr_array_add (p->proxy->stalled, p);
      return;
    case IB_FAULT_TRUNCATE:
      {
        g_autoptr (GBytes) cut = g_bytes_new_from_bytes (reply, 0, MIN ((gsize) p->arg, g_bytes_get_size (reply)));
        respond (p, p->entry->status, content_type, cut);
      }
      break;
    case IB_FAULT_CORRUPT:
      {
        gsize length;
        const char *data = g_bytes_get_data (reply, &length);
        const char *brace = g_strrstr_len (data, (gssize) length, "}");
        g_autoptr (GString) bent = g_string_new_len (data, (gssize) length);

        if (brace != NULL)
          g_string_erase (bent, brace - data, 1);
        {
          g_autoptr (GBytes) bytes = g_bytes_new (bent->str, bent->len);
          respond (p, p->entry->status, content_type, bytes);
        }
      }
      break;
    case IB_FAULT_TRICKLE:
      {
        SoupMessageHeaders *out = soup_server_message_get_response_headers (p->msg);

        soup_server_message_set_status (p->msg, p->entry->status, NULL);
        soup_message_headers_set_encoding (out, SOUP_ENCODING_CHUNKED);
        soup_message_headers_set_content_type (out, content_type, NULL);
        p->reply = g_bytes_ref (reply);
        p->timer_id = g_timeout_add (MAX (1, p->arg), trickle_cb, p);
        g_ptr_array_add (p->proxy->stalled, p);
        soup_server_message_unpause (p->msg);
      }
      return; /* the timer frees it */
    default:
      respond (p, p->entry->status, content_type, reply);
      break;
    }

  pending_free (p);
}

static void
forward (Pending *p)
{
  SoupMessageHeaders *in = soup_server_message_get_request_headers (p->msg);
  GUri *uri = soup_server_message_get_uri (p->msg);
  g_autofree char *url = g_strdup_printf ("%s%s%s%s", p->proxy->upstream, g_uri_get_path (uri),
                                          g_uri_get_query (uri) ? "?" : "",
                                          g_uri_get_query (uri) ? g_uri_get_query (uri) : "");
  static const char * const copied[] = { "Authorization", "Sync-Protocol", "Device-Id", NULL };
  SoupMessageHeaders *out;

  g_clear_object (&p->upstream_msg);
  p->upstream_msg = soup_message_new (soup_server_message_get_method (p->msg), url);
  out = soup_message_get_request_headers (p->upstream_msg);
  for (guint i = 0; copied[i] != NULL; i++)
    if (soup_message_headers_get_one (in, copied[i]) != NULL)
      soup_message_headers_replace (out, copied[i], soup_message_headers_get_one (in, copied[i]));
  if (g_bytes_get_size (p->request) > 0)
    soup_message_set_request_body_from_bytes (p->upstream_msg, "application/json", p->request);

  p->forwarded++;
  p->entry->forwarded = TRUE;
  soup_session_send_and_read_async (p->proxy->session, p->upstream_msg, G_PRIORITY_DEFAULT, NULL, on_upstream_cb, p);
}

static gboolean
delay_cb (gpointer data)
{
  Pending *p = data;

  p->timer_id = 0;
  forward (p);
  return G_SOURCE_REMOVE;
}

static Rule *
match (IbFaultProxy *proxy,
       const char   *method,
       const char   *path)
{
  for (guint i = 0; i < proxy->rules->len; i++)
    {
      Rule *rule = proxy->rules->pdata[i];

      if (!g_str_has_prefix (method, rule->method) || !g_str_has_prefix (path, rule->path))
        continue;
      rule->seen++;
      if (rule->nth == 0 || rule->nth == rule->seen)
        return rule;
    }

  return NULL;
}

static void
request_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  IbFaultProxy *proxy = data;
  const char *method = soup_server_message_get_method (msg);
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  Rule *rule = match (proxy, method, path);
  Pending *p = g_new0 (Pending, 1);
  IbFaultLogEntry *entry = g_new0 (IbFaultLogEntry, 1);

  p->proxy = proxy;
  p->msg = g_object_ref (msg);
  g_signal_connect (msg, "disconnected", G_CALLBACK (on_disconnected_cb), p);
  p->action = rule != NULL ? rule->action : IB_FAULT_PASS;
  p->arg = rule != NULL ? rule->arg : 0;
  p->request = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  entry->time_us = g_get_monotonic_time ();
  entry->method = g_strdup (method);
  entry->path = g_strdup (path);
  entry->token = auth != NULL && g_str_has_prefix (auth, "Bearer ") ? g_strdup (auth + 7) : NULL;
  entry->request = g_strndup (g_bytes_get_data (p->request, NULL), g_bytes_get_size (p->request));
  g_ptr_array_add (proxy->log, entry);
  p->entry = entry;

  soup_server_message_pause (msg);

  switch (p->action)
    {
    case IB_FAULT_DROP_BEFORE:
      drop (p);
      pending_free (p);
      break;
    case IB_FAULT_HTML_200:
      {
        g_autoptr (GBytes) page = g_bytes_new_static ("<html><body>Please sign in to the hotel Wi-Fi</body></html>", 59);
        entry->status = 200;
        respond (p, 200, "text/html", page);
        pending_free (p);
      }
      break;
    case IB_FAULT_STATUS:
      {
        g_autoptr (GBytes) body = g_bytes_new_static ("{\"error\":{\"code\":\"unavailable\",\"message\":\"injected\"}}", 53);
        entry->status = (guint) p->arg;
        if (rule->retry_after != NULL)
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", rule->retry_after);
        respond (p, (guint) p->arg, "application/json", body);
        pending_free (p);
      }
      break;
    case IB_FAULT_DELAY:
      p->timer_id = g_timeout_add ((guint) MAX (0, p->arg), delay_cb, p);
      break;
    default:
      forward (p);
      break;
    }
}

IbFaultProxy *
ib_fault_proxy_new (const char *upstream)
{
  IbFaultProxy *proxy = g_new0 (IbFaultProxy, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSList) uris = NULL;

  proxy->upstream = g_strdup (upstream);
  proxy->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  proxy->log = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  proxy->stalled = g_ptr_array_new ();
  proxy->session = soup_session_new_with_options ("timeout", 120, NULL);
  proxy->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (proxy->server, NULL, request_cb, proxy, NULL);
  soup_server_listen_local (proxy->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (proxy->server);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  return proxy;
}

void
ib_fault_proxy_free (IbFaultProxy *proxy)
{
  soup_server_disconnect (proxy->server);
  for (guint i = 0; i < proxy->stalled->len; i++)
    pending_free (proxy->stalled->pdata[i]);
  g_ptr_array_unref (proxy->stalled);
  g_object_unref (proxy->server);
  g_object_unref (proxy->session);
  g_ptr_array_unref (proxy->rules);
  g_ptr_array_unref (proxy->log);
  g_free (proxy->upstream);
  g_free (proxy->url);
  g_free (proxy);
}

const char *
ib_fault_proxy_get_url (IbFaultProxy *proxy)
{
  return proxy->url;
}

void
ib_fault_proxy_set_upstream (IbFaultProxy *proxy,
                             const char   *upstream)
{
  g_free (proxy->upstream);
  proxy->upstream = g_strdup (upstream);
}

void
ib_fault_proxy_add_rule (IbFaultProxy  *proxy,
                         const char    *method,
                         const char    *path,
                         guint          nth,
                         IbFaultAction  action,
                         int            arg,
                         const char    *retry_after)
{
  Rule *rule = g_new0 (Rule, 1);

  rule->method = g_strdup (method);
  rule->path = g_strdup (path);
  rule->nth = nth;
  rule->action = action;
  rule->arg = arg;
  rule->retry_after = g_strdup (retry_after);
  g_ptr_array_add (proxy->rules, rule);
}

void
ib_fault_proxy_clear_rules (IbFaultProxy *proxy)
{
  g_ptr_array_set_size (proxy->rules, 0);
}

GPtrArray *
ib_fault_proxy_get_log (IbFaultProxy *proxy)
{
  return proxy->log;
}

guint
ib_fault_proxy_count (IbFaultProxy *proxy,
                      const char   *method,
                      const char   *path)
{
  guint n = 0;

  for (guint i = 0; i < proxy->log->len; i++)
    {
      IbFaultLogEntry *e = proxy->log->pdata[i];

      if (g_str_has_prefix (e->method, method) && g_str_has_prefix (e->path, path))
        n++;
    }

  return n;
}
