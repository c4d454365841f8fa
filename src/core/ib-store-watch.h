/* ib-store-watch.h: call back once, at idle, after a burst of store changes to some types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-store.h"

G_BEGIN_DECLS

typedef struct _IbStoreWatch IbStoreWatch;

/* Returns a watch calling @func (@data) at the next idle after @store commits a change to a
 * record of one of @types (NULL-terminated, static), once however many changes came. */
IbStoreWatch *ib_store_watch_new        (IbStore            *store,
                                         const char * const *types,
                                         GSourceFunc         func,
                                         gpointer            data);

/* Forgets a call-back still due: the caller is reloading now anyway. */
void          ib_store_watch_clear_due  (IbStoreWatch       *self);

/* Stops watching and frees the watch; NULL is ignored. */
void          ib_store_watch_free       (IbStoreWatch       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbStoreWatch, ib_store_watch_free)

G_END_DECLS
