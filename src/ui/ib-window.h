/* ib-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-store.h"
#include "ib-sync-service.h"

G_BEGIN_DECLS

#define IB_TYPE_WINDOW (ib_window_get_type ())

G_DECLARE_FINAL_TYPE (IbWindow, ib_window, IB, WINDOW, AdwApplicationWindow)

/* Returns a new window for @app showing @store: the first-start page when it is empty. */
IbWindow   *ib_window_new            (AdwApplication *app,
                                      IbStore        *store);

/* Returns a window that explains why the database could not be opened. */
IbWindow   *ib_window_new_for_error  (AdwApplication *app,
                                      const GError   *error);

/* Returns the store the window shows, or NULL in the error state. */
IbStore    *ib_window_get_store      (IbWindow       *self);

/* Returns the name of the visible page of the main stack: "welcome", "board" or "error". */
const char *ib_window_get_state      (IbWindow       *self);

/* Returns the name of the visible view: "overview", "plan", "judgements", "kpis" or "risks". */
const char *ib_window_get_view       (IbWindow       *self);

/* Shows the view called @name. */
void        ib_window_set_view       (IbWindow       *self,
                                      const char     *name);

/* Shows @message in a toast. */
void        ib_window_toast          (IbWindow       *self,
                                      const char     *message);

/* Returns the window's sync service (NULL on the error page). */
IbSyncService *ib_window_get_sync (IbWindow *self);

/* Imports @file as File → Import… would: national data or KPI values, after a preview. */
void        ib_window_import_file    (IbWindow       *self,
                                      GFile          *file);

G_END_DECLS
