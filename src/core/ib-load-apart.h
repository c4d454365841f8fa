/* ib-load-apart.h: a model's whole load, read on a worker thread when the file allows it and
 * taken in on the main thread with the store changes committed meanwhile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-reader.h"
#include "ib-store.h"

G_BEGIN_DECLS

typedef struct _IbLoadApart IbLoadApart;

/* What a model does for its loader; every @model is the one given to ib_load_apart_new (). */
typedef struct
{
  /* Where the model keeps the IbReader its load reads through (G_STRUCT_OFFSET). */
  gsize      reader_offset;
  /* Returns a new model of the same type, with no store, holding the choices the load depends
   * on (a plan, a date, the hidden ids), for a worker to load into (transfer full); NULL when
   * the load depends on none: a model of the same type made with no properties. */
  gpointer (*new_apart) (gpointer    model);
  /* Reads everything through the model's reader: @model's own (the store's connection), or on
   * a worker an apart model's (a connection of its own). */
  void     (*load)      (gpointer    model);
  /* Lists what is loaded and emits "updated". */
  void     (*show)      (gpointer    model);
  /* Takes what @apart loaded as @model's own, without showing it; returns FALSE, having taken
   * nothing, when a choice made meanwhile means it must be read again. */
  gboolean (*take)      (gpointer    model,
                         gpointer    apart);
  /* Takes @changes (some ids of some types; ib_store_watch_take_changes ()) in and shows them;
   * returns FALSE, having changed nothing, when only a whole load takes them in. */
  gboolean (*patch)     (gpointer    model,
                         GHashTable *changes);
} IbLoadApartFuncs;

/* Returns a loader for @model (a GObject; it owns the loader and frees it in dispose) that
 * watches @store's changes to @types (NULL-terminated, static) and takes them in at idle
 * through @funcs (static); nothing is read until ib_load_apart_start () or _reload (). */
IbLoadApart *ib_load_apart_new        (gpointer                 model,
                                       IbStore                 *store,
                                       const char * const      *types,
                                       const IbLoadApartFuncs  *funcs);

/* Reads everything on a worker, on a connection of its own, when the store's file can be
 * opened again (the rows stay as they are until it is taken in, with every change committed
 * meanwhile); otherwise reads it here, now, as ib_load_apart_reload () does. A load already
 * under way is cancelled. */
void         ib_load_apart_start      (IbLoadApart             *self);

/* Reads everything here, now, and shows it; while a load is read apart, starts that again
 * instead, so it reads what the model has been asked for since. */
void         ib_load_apart_reload     (IbLoadApart             *self);

/* Reads everything the first time: as ib_load_apart_start () when @apart, otherwise as
 * ib_load_apart_reload (), so the rows are there when it returns. */
void         ib_load_apart_first_load (IbLoadApart             *self,
                                       gboolean                 apart);

/* Returns TRUE while a load read apart is under way and not yet taken in. */
gboolean     ib_load_apart_is_loading (IbLoadApart             *self);

/* Takes in now the changes that would be taken in at idle, if any are due and no load is
 * under way: after a save, its rows are there at once. */
void         ib_load_apart_flush      (IbLoadApart             *self);

/* Cancels a load under way, stops watching and frees the loader; NULL is ignored. */
void         ib_load_apart_free       (IbLoadApart             *self);

G_END_DECLS
