/* ib-pending-delete.c
 *
 * Deletes wait for their Undo toast to go before they reach the store: the view hides the
 * record meanwhile, and the delete is carried out when the toast goes, when another delete
 * starts, or when the view is destroyed, so nothing is left half-done and Undo needs no
 * "undelete" in the sync protocol.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-pending-delete"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-format.h"
#include "ib-pending-delete.h"

struct _IbPendingDelete
{
  GObject              parent_instance;

  /* owned */
  char                *id;
  IbStore             *store;

  /* borrowed */
  const IbRecordType  *type;
  AdwToast            *toast;  /* NULL once gone */
  IbPendingDeleteFunc  func;
  IbPendingDoneFunc    done;
  gpointer             user_data;
};

G_DEFINE_FINAL_TYPE (IbPendingDelete, ib_pending_delete, G_TYPE_OBJECT)

/* Lets go of the toast without it calling back. */
static void
release_toast (IbPendingDelete *self,
               gboolean         dismiss)
{
  AdwToast *toast = g_steal_pointer (&self->toast);

  if (toast == NULL)
    return;
  g_signal_handlers_disconnect_by_data (toast, self);
  /* The toast stays, still true ("… deleted"), but without an Undo that could no longer
   * work. Dismissing it instead can land while libadwaita 1.2 is still animating it in, and
   * that crashes its animation's clean-up. */
  if (dismiss)
    adw_toast_set_button_label (toast, NULL);
  g_object_unref (toast);
}

static void
on_undo_cb (AdwToast        *toast,
            IbPendingDelete *self)
{
  g_autofree char *id = g_steal_pointer (&self->id);
  const IbRecordType *type = self->type;

  if (id == NULL)
    return;
  release_toast (self, FALSE);
  self->done (type, id, TRUE, NULL, self->user_data);
}

static void
on_dismissed_cb (AdwToast        *toast,
                 IbPendingDelete *self)
{
  release_toast (self, FALSE);
  ib_pending_delete_commit (self);
}

static void
ib_pending_delete_dispose (GObject *object)
{
  IbPendingDelete *self = (IbPendingDelete *) object;

  release_toast (self, TRUE);
  g_clear_pointer (&self->id, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ib_pending_delete_parent_class)->dispose (object);
}

static void
ib_pending_delete_class_init (IbPendingDeleteClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ib_pending_delete_dispose;
}

static void
ib_pending_delete_init (IbPendingDelete *self)
{
}

IbPendingDelete *
ib_pending_delete_new (IbPendingDeleteFunc func,
                       IbPendingDoneFunc   done,
                       gpointer            user_data)
{
  IbPendingDelete *self;

  g_return_val_if_fail (done != NULL, NULL);

  self = g_object_new (IB_TYPE_PENDING_DELETE, NULL);
  self->func = func;
  self->done = done;
  self->user_data = user_data;
  return self;
}

AdwToast *
ib_pending_delete_start (IbPendingDelete    *self,
                         IbStore            *store,
                         const IbRecordType *type,
                         IbRecord           *record)
{
  g_autofree char *name = NULL, *escaped = NULL, *title = NULL;
  AdwToast *toast;

  g_return_val_if_fail (IB_IS_PENDING_DELETE (self), NULL);
  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (type != NULL && IB_IS_RECORD (record), NULL);

  ib_pending_delete_commit (self);
  g_set_object (&self->store, store);

  name = ib_format_record_name (record);
  escaped = g_markup_escape_text (name, -1);
  self->type = type;
  self->id = g_strdup (ib_record_get_id (record));

  /* Translators: a toast after a delete, with an Undo button; %s names what was deleted */
  title = g_strdup_printf (_("“%s” deleted"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  self->toast = g_object_ref (toast);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_cb), self);
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed_cb), self);

  return toast;
}

void
ib_pending_delete_commit (IbPendingDelete *self)
{
  g_autofree char *id = NULL;
  g_autoptr (GError) error = NULL;
  const IbRecordType *type;

  g_return_if_fail (IB_IS_PENDING_DELETE (self));

  if (self->id == NULL)
    return;

  id = g_steal_pointer (&self->id);
  type = self->type;
  release_toast (self, TRUE);

  if (self->func != NULL)
    self->func (type, id, self->user_data, &error);
  else
    ib_store_delete (self->store, type, id, &error);
  self->done (type, id, FALSE, error, self->user_data);
}

const char *
ib_pending_delete_get_id (IbPendingDelete *self)
{
  g_return_val_if_fail (IB_IS_PENDING_DELETE (self), NULL);
  return self->id;
}
