/* ib-load-apart.c
 *
 * A view's first load costs its SQLite reads in the idle that builds it. Read on a worker,
 * into a model of the same type that no other thread sees, it costs the main thread only the
 * step that takes the result over. Store changes committed while it is read are kept by the
 * watch rather than taken in at idle: taken in after the load, none is lost, whichever side
 * of the read it fell on. A choice made meanwhile (another plan, a record hidden) is the
 * model's to notice, in take (); the read then starts again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-load-apart"

#include "config.h"

#include "ib-load-apart.h"
#include "ib-store-watch.h"

struct _IbLoadApart
{
  gpointer                model;    /* owns the loader */
  IbStore                *store;
  IbStoreWatch           *watch;
  const IbLoadApartFuncs *funcs;
  GCancellable           *loading;  /* the load read apart, or NULL */
};

/* What a worker loads into: an apart model, and how to load it. */
typedef struct
{
  const IbLoadApartFuncs *funcs;
  gpointer                apart;
} Apart;

static void
apart_free (gpointer data)
{
  Apart *apart = data;

  g_clear_object (&apart->apart);
  g_free (apart);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Apart, apart_free)

static IbReader **
reader_slot (const IbLoadApartFuncs *funcs,
             gpointer                model)
{
  return &G_STRUCT_MEMBER (IbReader *, model, funcs->reader_offset);
}

/* In a worker thread: the apart model reads through @reader, the worker's own connection, and
 * is left holding no reader, as it was made. */
static void
load_thread (IbReader *reader,
             gpointer  data)
{
  Apart *apart = data;

  *reader_slot (apart->funcs, apart->apart) = reader;
  apart->funcs->load (apart->apart);
  *reader_slot (apart->funcs, apart->apart) = NULL;
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  IbLoadApart *self;
  g_autoptr (Apart) apart = NULL;
  g_autoptr (GHashTable) changes = NULL;
  g_autoptr (GError) error = NULL;

  apart = ib_reader_read_apart_finish (result, &error);
  /* Cancelled: started again, or the loader is gone (it cancels when freed). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  g_clear_object (&self->loading);
  if (apart == NULL)
    {
      /* The file cannot be opened a second time: read here, as a model made to read here does. */
      g_debug ("Loading %s apart: %s", G_OBJECT_TYPE_NAME (self->model), error->message);
      ib_load_apart_reload (self);
      return;
    }

  if (!self->funcs->take (self->model, apart->apart))
    {
      ib_load_apart_start (self);
      return;
    }

  /* Changes committed while it was read were kept by the watch (changed_cb () left them). */
  changes = ib_store_watch_take_changes (self->watch);
  if (ib_store_watch_changes_whole (changes))
    ib_load_apart_start (self);
  else if (g_hash_table_size (changes) == 0)
    self->funcs->show (self->model);
  else if (!self->funcs->patch (self->model, changes))
    ib_load_apart_start (self);
}

void
ib_load_apart_start (IbLoadApart *self)
{
  Apart *apart;

  g_return_if_fail (self != NULL);

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (!ib_reader_can_open (ib_store_get_path (self->store)))
    {
      ib_load_apart_reload (self);
      return;
    }

  /* What was due is in the read, or comes after it and is kept by the watch. */
  ib_store_watch_clear_due (self->watch);

  apart = g_new0 (Apart, 1);
  apart->funcs = self->funcs;
  if (self->funcs->new_apart != NULL)
    apart->apart = self->funcs->new_apart (self->model);
  else
    apart->apart = g_object_new (G_OBJECT_TYPE (self->model), NULL);
  self->loading = g_cancellable_new ();
  ib_reader_read_apart (ib_store_get_path (self->store), self->model, self->loading, load_thread,
                        apart, apart_free, load_done, self);
}

void
ib_load_apart_reload (IbLoadApart *self)
{
  g_return_if_fail (self != NULL);

  if (self->loading != NULL)
    {
      ib_load_apart_start (self);
      return;
    }

  ib_store_watch_clear_due (self->watch);
  self->funcs->load (self->model);
  self->funcs->show (self->model);
}

void
ib_load_apart_first_load (IbLoadApart *self,
                          gboolean     apart)
{
  g_return_if_fail (self != NULL);

  if (apart)
    ib_load_apart_start (self);
  else
    ib_load_apart_reload (self);
}

/* At idle after a burst of changes. */
static gboolean
changed_cb (gpointer data)
{
  IbLoadApart *self = data;
  g_autoptr (GHashTable) changes = NULL;

  /* The watch keeps them for load_done (). */
  if (self->loading != NULL)
    return G_SOURCE_REMOVE;

  changes = ib_store_watch_take_changes (self->watch);
  /* Every record may have changed (a bootstrap copy): read whole, on a worker when it can. */
  if (ib_store_watch_changes_whole (changes))
    ib_load_apart_start (self);
  else if (!self->funcs->patch (self->model, changes))
    ib_load_apart_reload (self);
  return G_SOURCE_REMOVE;
}

IbLoadApart *
ib_load_apart_new (gpointer                model,
                   IbStore                *store,
                   const char * const     *types,
                   const IbLoadApartFuncs *funcs)
{
  IbLoadApart *self;

  g_return_val_if_fail (G_IS_OBJECT (model), NULL);
  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (funcs != NULL, NULL);

  self = g_new0 (IbLoadApart, 1);
  self->model = model;
  self->store = g_object_ref (store);
  self->funcs = funcs;
  self->watch = ib_store_watch_new (store, types, changed_cb, self);
  return self;
}

gboolean
ib_load_apart_is_loading (IbLoadApart *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->loading != NULL;
}

void
ib_load_apart_flush (IbLoadApart *self)
{
  g_return_if_fail (self != NULL);
  ib_store_watch_flush (self->watch);
}

void
ib_load_apart_free (IbLoadApart *self)
{
  if (self == NULL)
    return;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->watch, ib_store_watch_free);
  g_clear_object (&self->store);
  g_free (self);
}
