/* ib-fault-proxy.h: an in-process HTTP proxy that breaks requests on purpose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum
{
  IB_FAULT_PASS,
  IB_FAULT_DELAY,        /* arg: milliseconds, then forward */
  IB_FAULT_DROP_BEFORE,  /* close the connection; the server never sees the request */
  IB_FAULT_DROP_AFTER,   /* forward, let the server commit, then close without replying */
  IB_FAULT_TRUNCATE,     /* forward, reply with only the first arg bytes of the body */
  IB_FAULT_CORRUPT,      /* forward, reply with the body's last '}' removed */
  IB_FAULT_HTML_200,     /* a captive portal's page, never forwarded */
  IB_FAULT_STATUS,       /* arg: status code, with the rule's Retry-After; never forwarded */
  IB_FAULT_DUPLICATE,    /* forward twice, reply with the second answer */
  IB_FAULT_TRICKLE,      /* forward, then send the reply one byte every arg milliseconds */
  IB_FAULT_STALL_AFTER,  /* forward, let the server commit, then never reply */
} IbFaultAction;

typedef struct
{
  gint64  time_us;       /* monotonic, when the request arrived */
  char   *method;
  char   *path;
  char   *token;         /* the bearer token, to group bodies by user */
  char   *request;
  guint   status;
  char   *response;      /* the body the server sent, before any fault */
  gboolean forwarded;    /* the request reached the server (at least once) */
} IbFaultLogEntry;

typedef struct _IbFaultProxy IbFaultProxy;

/* Starts a proxy on 127.0.0.1 (a free port) in front of @upstream ("http://127.0.0.1:N"). */
IbFaultProxy *ib_fault_proxy_new          (const char    *upstream);
void          ib_fault_proxy_free         (IbFaultProxy  *proxy);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbFaultProxy, ib_fault_proxy_free)

/* Returns "http://127.0.0.1:PORT" for clients to use. */
const char   *ib_fault_proxy_get_url      (IbFaultProxy  *proxy);

/* Points the proxy at a restarted server. */
void          ib_fault_proxy_set_upstream (IbFaultProxy  *proxy,
                                           const char    *upstream);

/* Applies @action to the @nth request (1-based; 0 means every one) whose method and path
 * start with @method and @path. */
void          ib_fault_proxy_add_rule     (IbFaultProxy  *proxy,
                                           const char    *method,
                                           const char    *path,
                                           guint          nth,
                                           IbFaultAction  action,
                                           int            arg,
                                           const char    *retry_after);

/* Removes every rule: from now on everything passes. */
void          ib_fault_proxy_clear_rules  (IbFaultProxy  *proxy);

/* Returns every request seen so far (IbFaultLogEntry, transfer none). */
GPtrArray    *ib_fault_proxy_get_log      (IbFaultProxy  *proxy);

/* Returns how many requests matched @method and @path. */
guint         ib_fault_proxy_count        (IbFaultProxy  *proxy,
                                           const char    *method,
                                           const char    *path);

G_END_DECLS
