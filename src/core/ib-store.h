/* ib-store.h: the local SQLite store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ib-record.h"

G_BEGIN_DECLS

#define IB_TYPE_STORE (ib_store_get_type ())

G_DECLARE_FINAL_TYPE (IbStore, ib_store, IB, STORE, GObject)

#define IB_STORE_ERROR (ib_store_error_quark ())

typedef enum
{
  IB_STORE_ERROR_NEWER_SCHEMA,     /* written by a newer version of the app; left untouched */
  IB_STORE_ERROR_NOT_A_DATABASE,   /* damaged, or not an Improvement Board database; left untouched */
  IB_STORE_ERROR_CANNOT_OPEN,      /* unreadable file, or a folder we may not write to */
  IB_STORE_ERROR_MIGRATION_FAILED, /* an upgrade failed and was rolled back */
  IB_STORE_ERROR_DISK_FULL,
  IB_STORE_ERROR_INVALID,          /* a record failed validation; the message names the field */
  IB_STORE_ERROR_NOT_FOUND,
  IB_STORE_ERROR_CONSTRAINT,       /* a uniqueness or reference rule */
  IB_STORE_ERROR_FAILED,
} IbStoreError;

typedef enum
{
  IB_STORE_CHANGE_CREATED,
  IB_STORE_CHANGE_UPDATED,
  IB_STORE_CHANGE_DELETED,
} IbStoreChange;

/* The schema version this build writes (PRAGMA user_version). */
#define IB_STORE_SCHEMA_VERSION 7

GQuark      ib_store_error_quark       (void);

/* Opens or creates the database at @path (":memory:" for a private one), migrating it to
 * IB_STORE_SCHEMA_VERSION. On any failure the file is left as it was and @error says why. */
IbStore    *ib_store_open              (const char          *path,
                                        GError             **error);

/* Returns the path the store was opened with. */
const char *ib_store_get_path          (IbStore             *self);

/* Returns this database's device id (a UUID made when it was created). */
const char *ib_store_get_device_id     (IbStore             *self);

/* Returns the name written into updated_by for local edits. */
const char *ib_store_get_user          (IbStore             *self);
void        ib_store_set_user          (IbStore             *self,
                                        const char          *user);

/* Starts an explicit transaction; writes until commit are all-or-nothing and change
 * notifications wait for the commit. Transactions nest. */
gboolean    ib_store_begin             (IbStore             *self,
                                        GError             **error);
/* Commits the innermost transaction; the outermost commit makes the changes durable and notifies. */
gboolean    ib_store_commit            (IbStore             *self,
                                        GError             **error);
/* Undoes everything since the matching ib_store_begin (); never fails. */
void        ib_store_rollback          (IbStore             *self);

/* Validates and inserts @record and its outbox "create" row in one transaction, assigning an id
 * if it has none. */
gboolean    ib_store_create            (IbStore             *self,
                                        IbRecord            *record,
                                        GError             **error);
/* Writes the fields of @record that differ from the stored row, with one outbox "update" row
 * holding them (set) and their previous values (was). An unchanged record writes nothing. */
gboolean    ib_store_update            (IbStore             *self,
                                        IbRecord            *record,
                                        GError             **error);
/* Tombstones the record (and its children) with one outbox "delete" row. */
gboolean    ib_store_delete            (IbStore             *self,
                                        const IbRecordType  *type,
                                        const char          *id,
                                        GError             **error);
/* Inserts a record that did not originate as a local edit (demo data, later sync pulls):
 * no outbox row. Returns FALSE with no error when a record with that id already exists. */
gboolean    ib_store_import            (IbStore             *self,
                                        IbRecord            *record,
                                        GError             **error);

/* Returns the live record @id of @type (transfer full), or NULL with IB_STORE_ERROR_NOT_FOUND. */
IbRecord   *ib_store_get               (IbStore             *self,
                                        const IbRecordType  *type,
                                        const char          *id,
                                        GError             **error);

/* Returns a live GListModel of every non-deleted @type record (transfer full); the store keeps
 * it up to date after each committed change. Rows start in the type's natural order; records
 * created later are appended, so views sort. */
GListModel *ib_store_list              (IbStore             *self,
                                        const IbRecordType  *type);

/* Returns a snapshot list of non-deleted @type records whose @field equals @value (transfer full). */
GListModel *ib_store_list_where        (IbStore             *self,
                                        const IbRecordType  *type,
                                        const char          *field,
                                        const char          *value);

/* Returns FALSE, naming the @field at fault, when @record breaks a rule that involves other
 * records: a judgement's area not judged by its inspection's framework, a second grade for one
 * area, a grade on an ungraded engagement, an inspection changed so its judgements no longer
 * fit, or a second value for one indicator and month. Every local write checks this too. */
gboolean    ib_store_check_record      (IbStore             *self,
                                        IbRecord            *record,
                                        const char         **field,
                                        GError             **error);

/* Returns how many non-deleted records of @type there are. */
guint       ib_store_count             (IbStore             *self,
                                        const IbRecordType  *type);

/* Returns TRUE when the database holds no plan, inspection, indicator or risk yet. */
gboolean    ib_store_is_empty          (IbStore             *self);

/* Returns the outbox rows in order as JSON objects with the outbox's fields (transfer full). */
GPtrArray  *ib_store_get_outbox        (IbStore             *self);

G_END_DECLS
