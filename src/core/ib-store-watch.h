/* ib-store-watch.h: call back once, at idle, after a burst of store changes to some types, and
 * say which records changed
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

/* Returns the records changed since the watch was made or last cleared, as type name → set of
 * ids (GHashTable of GHashTable; transfer full), and forgets them: a model re-reads only those. */
GHashTable   *ib_store_watch_take_changes (IbStoreWatch       *self);

/* Returns TRUE when @changes (from ib_store_watch_take_changes ()) holds a record of @type_name. */
gboolean      ib_store_watch_changes_have (GHashTable         *changes,
                                           const char         *type_name);

/* Returns TRUE when @changes holds a type announced whole, with no ids (every record may have
 * changed, as after a bootstrap copy): only a whole reload takes that in. */
gboolean      ib_store_watch_changes_whole (GHashTable        *changes);

/* Adds to @into (a set owning its strings) the ids @changes holds of @type_name. */
void          ib_store_watch_changes_add_ids   (GHashTable         *changes,
                                                const char         *type_name,
                                                GHashTable         *into);

/* Adds to @into (a set owning its strings), for each record of @type @changes holds, its
 * @field as the store has it, a deleted record's too: the action of a changed statement. */
void          ib_store_watch_changes_add_field (IbStore            *store,
                                                GHashTable         *changes,
                                                const IbRecordType *type,
                                                const char         *field,
                                                GHashTable         *into);

/* Calls back now, if a call-back is due, instead of at idle. */
void          ib_store_watch_flush             (IbStoreWatch       *self);

/* Forgets a call-back still due and the changes gathered for it: the caller is reloading now
 * anyway. */
void          ib_store_watch_clear_due  (IbStoreWatch       *self);

/* Stops watching and frees the watch; NULL is ignored. */
void          ib_store_watch_free       (IbStoreWatch       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbStoreWatch, ib_store_watch_free)

G_END_DECLS
