/* ib-pending-delete.h: a delete that waits on its Undo toast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-store.h"

G_BEGIN_DECLS

/* Carries the delete out; returns FALSE with @error when it could not be. */
typedef gboolean (*IbPendingDeleteFunc) (const IbRecordType *type,
                                         const char         *id,
                                         gpointer            user_data,
                                         GError            **error);

/* Told when a delete ends: @undone when Undo was pressed; otherwise it was carried out, or
 * failed with @error (the view shows the record again either way it is still there). */
typedef void     (*IbPendingDoneFunc)   (const IbRecordType *type,
                                         const char         *id,
                                         gboolean            undone,
                                         const GError       *error,
                                         gpointer            user_data);

#define IB_TYPE_PENDING_DELETE (ib_pending_delete_get_type ())

G_DECLARE_FINAL_TYPE (IbPendingDelete, ib_pending_delete, IB, PENDING_DELETE, GObject)

/* Returns a holder of at most one delete at a time, calling @func to carry it out (NULL: a plain
 * ib_store_delete () on the store given to start) and @done when it ends. @user_data must
 * outlive the holder, or call ib_pending_delete_commit () first. */
IbPendingDelete *ib_pending_delete_new    (IbPendingDeleteFunc  func,
                                           IbPendingDoneFunc    done,
                                           gpointer             user_data);

/* Carries out any earlier delete, then holds this one and returns its toast ("“Name” deleted"
 * with Undo) for the caller to show (transfer full). The delete happens when the toast goes. */
AdwToast        *ib_pending_delete_start  (IbPendingDelete     *self,
                                           IbStore             *store,
                                           const IbRecordType  *type,
                                           IbRecord            *record);

/* Carries out the held delete now, if any: before the view goes, or before another change. */
void             ib_pending_delete_commit (IbPendingDelete     *self);

/* Returns the id of the record whose delete is held, or NULL. */
const char      *ib_pending_delete_get_id (IbPendingDelete     *self);

G_END_DECLS
