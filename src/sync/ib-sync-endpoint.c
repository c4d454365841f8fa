/* ib-sync-endpoint.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-sync-endpoint"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ib-sync-endpoint.h"

G_DEFINE_QUARK (ib-sync-error-quark, ib_sync_error)

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

char *
ib_sync_endpoint_normalise (const char  *url,
                            GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GUri) clean = NULL;
  g_autofree char *path = NULL;
  const char *scheme, *host;
  gsize len;

  g_return_val_if_fail (url != NULL, NULL);

  trimmed = g_strstrip (g_strdup (url));
  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, IB_SYNC_ERROR, IB_SYNC_ERROR_BAD_URL,
                   _("“%s” is not a web address. It should look like https://board.example.gov.uk"),
                   trimmed);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") != 0)
    {
      /* Plain HTTP would expose the token and Exempt records on the wire; it is
       * allowed only to this machine, where the reference server runs for tests. */
      if (g_ascii_strcasecmp (scheme, "http") != 0 || !host_is_loopback (host))
        {
          g_set_error (error, IB_SYNC_ERROR, IB_SYNC_ERROR_INSECURE_URL,
                       _("The server address must start with https://. Unencrypted http:// is allowed only for this computer (localhost)."));
          return NULL;
        }
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, IB_SYNC_ERROR, IB_SYNC_ERROR_BAD_URL,
                   _("Leave the user name and password out of the server address; you sign in separately."));
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';

  clean = g_uri_build (G_URI_FLAGS_NONE, scheme, NULL,
                       host, g_uri_get_port (uri), path, NULL, NULL);
  return g_uri_to_string (clean);
}
