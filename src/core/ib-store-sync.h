/* ib-store-sync.h: the store's side of docs/sync-protocol.md §13 — outbox batches, push results
 * and pulled pages, each applied in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-store.h"

G_BEGIN_DECLS

/* Takes the next mutations to push, oldest first, at most one per record and none for a
 * record waiting on an open conflict, within @max_mutations and @max_bytes of JSON. Rows
 * already sent (whose outcome is unknown) come again with the same mid; pending ones are
 * marked sent in the same transaction, before anything leaves the device. Returns wire
 * mutation objects (transfer full), empty when there is nothing to push. */
GPtrArray  *ib_store_sync_next_batch     (IbStore      *self,
                                          guint         max_mutations,
                                          gsize         max_bytes,
                                          GError      **error);

/* Applies a push's "results" in one transaction: applied and merged rows leave the outbox,
 * conflicts and rejections stay in it (never deleted automatically) with their reason. */
gboolean    ib_store_sync_apply_results  (IbStore      *self,
                                          JsonArray    *results,
                                          GError      **error);

/* Applies one page of the changes feed and stores @next_cursor, all in one transaction.
 * Entries at or below the local rev are ignored; a record with edits not yet confirmed keeps
 * them on top of the pulled values (rebase); "revoked" rows are purged with no outbox row;
 * entries of unknown types are kept raw. Nothing is deleted because it is absent. */
gboolean    ib_store_sync_apply_page     (IbStore      *self,
                                          JsonArray    *changes,
                                          const char   *next_cursor,
                                          GError      **error);

/* Applies the kept entries (sync_unknown) whose type this version now knows, as a pull would;
 * entries still not understood stay kept. Returns FALSE with @error only if the file failed. */
gboolean    ib_store_sync_adopt_unknown  (IbStore      *self,
                                          GError      **error);

/* Marks every sent mutation pending again, e.g. after the server was restored (410): they are
 * pushed once more with their mids, so the server replays or applies each exactly once. */
gboolean    ib_store_sync_requeue_sent   (IbStore      *self,
                                          GError      **error);

/* Decides the open conflict @conflict_id: @set holds the values to keep (empty keeps the
 * current server values; "class" and "exempt_paragraph" in it apply the class the losing edit
 * asked for), and the record shows them at once. The decision is queued as a "resolve"
 * mutation, which the server checks against the revision the user saw. */
gboolean    ib_store_sync_resolve        (IbStore      *self,
                                          const char   *conflict_id,
                                          JsonObject   *set,
                                          GError      **error);

/* Decides a "hidden_children" conflict (a delete left alive records its author could not
 * see): with @delete_rest they are deleted too, otherwise the deleted record is restored. */
gboolean    ib_store_sync_resolve_kept   (IbStore      *self,
                                          const char   *conflict_id,
                                          gboolean     delete_rest,
                                          GError      **error);

/* Returns TRUE while a full resync runs into a database that held nothing from the server
 * when it began: nothing it lacks can be missing, so nothing is noted or set aside. */
gboolean    ib_store_sync_snapshot_is_fresh (IbStore    *self);

/* Starts a full resync (after 410): from now until ib_store_sync_finish_snapshot (), every
 * pulled record is noted as still on the server. Survives a restart midway. */
gboolean    ib_store_sync_begin_snapshot (IbStore      *self,
                                          GError      **error);

/* Ends a full resync: synced records the server no longer has, and that have no change of
 * ours waiting, are set aside for review (kept, not deleted). Returns how many, or -1. */
int         ib_store_sync_finish_snapshot (IbStore     *self,
                                           GError     **error);

/* Returns TRUE while a full resync is under way. */
gboolean    ib_store_sync_in_snapshot    (IbStore      *self);

/* Returns the records set aside by a full resync: JSON objects {type, id, reason, at}. */
GPtrArray  *ib_store_sync_list_quarantine (IbStore     *self);

/* Settles a record set aside: with @send_again it is queued as a new create, so the server
 * gets it back; otherwise it is removed from this computer (no outbox row). */
gboolean    ib_store_sync_release_quarantine (IbStore            *self,
                                              const IbRecordType *type,
                                              const char         *id,
                                              gboolean            send_again,
                                              GError            **error);

/* Returns a sync_state value ("cursor", "epoch", "last_ok"), or NULL (transfer full). */
char       *ib_store_sync_get_value      (IbStore      *self,
                                          const char   *key);
/* Stores a sync_state value; NULL removes it. */
gboolean    ib_store_sync_set_value      (IbStore      *self,
                                          const char   *key,
                                          const char   *value,
                                          GError      **error);

/* Returns how many outbox rows are in @state ("pending", "sent", "conflict", "rejected"). */
guint       ib_store_sync_count          (IbStore      *self,
                                          const char   *state);

/* Returns the open conflicts as JSON objects {conflict_id, type, id, mine, theirs,
 * server_rev, author, created_at} (transfer full). */
GPtrArray  *ib_store_sync_list_conflicts (IbStore      *self);

/* Returns the rejected mutations as JSON objects {mid, type, id, op, set, reason}, oldest
 * first (transfer full): kept until the person discards them. */
GPtrArray  *ib_store_sync_list_rejected  (IbStore      *self);

/* Forgets the rejected mutation @mid. The record keeps its local values until the next pull
 * brings the server's. */
gboolean    ib_store_sync_discard        (IbStore      *self,
                                          const char   *mid,
                                          GError      **error);

G_END_DECLS
