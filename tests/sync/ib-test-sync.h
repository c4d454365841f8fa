/* ib-test-sync.h: running one sync cycle to its end, for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-sync-engine.h"

static void
ib_test_sync_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GError **error = user_data;

  ib_sync_engine_sync_finish (IB_SYNC_ENGINE (source), result, error);
  g_object_set_data (source, "ib-test-done", GINT_TO_POINTER (1));
}

/* Runs one cycle of @engine on the default main context; returns its error, or NULL. */
static inline GError *
ib_test_run_sync (IbSyncEngine *engine)
{
  GError *error = NULL;

  g_object_set_data (G_OBJECT (engine), "ib-test-done", NULL);
  ib_sync_engine_sync_async (engine, NULL, ib_test_sync_done_cb, &error);
  while (g_object_get_data (G_OBJECT (engine), "ib-test-done") == NULL)
    g_main_context_iteration (NULL, TRUE);

  return error;
}
