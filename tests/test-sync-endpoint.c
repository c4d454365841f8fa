/* test-sync-endpoint.c: which endpoint URLs the client accepts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ib-sync-endpoint.h"

static void
test_accepts (void)
{
  struct { const char *in, *out; } ok[] = {
    { "https://board.example.gov.uk", "https://board.example.gov.uk" },
    { "  https://board.example.gov.uk/sync/  ", "https://board.example.gov.uk/sync" },
    { "HTTPS://board.example.gov.uk:8443/", "https://board.example.gov.uk:8443" },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080" },
    { "http://localhost:8080/", "http://localhost:8080" },
    { "http://[::1]:8080", "http://[::1]:8080" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *url = ib_sync_endpoint_normalise (ok[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, ok[i].out);
    }
}

static void
test_refuses (void)
{
  struct { const char *in; int code; } bad[] = {
    { "http://board.example.gov.uk", IB_SYNC_ERROR_INSECURE_URL },
    { "http://10.0.0.5:8080", IB_SYNC_ERROR_INSECURE_URL },
    { "ftp://board.example.gov.uk", IB_SYNC_ERROR_INSECURE_URL },
    { "board.example.gov.uk", IB_SYNC_ERROR_BAD_URL },
    { "https://", IB_SYNC_ERROR_BAD_URL },
    { "https://officer:secret@board.example.gov.uk", IB_SYNC_ERROR_BAD_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *url = ib_sync_endpoint_normalise (bad[i].in, &error);

      g_assert_null (url);
      g_assert_error (error, IB_SYNC_ERROR, bad[i].code);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/endpoint/accepts", test_accepts);
  g_test_add_func ("/sync/endpoint/refuses", test_refuses);

  return g_test_run ();
}
