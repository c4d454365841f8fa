/* ib-record.h: one record of any type of the data model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ib-schema.h"

G_BEGIN_DECLS

#define IB_TYPE_RECORD (ib_record_get_type ())

G_DECLARE_FINAL_TYPE (IbRecord, ib_record, IB, RECORD, GObject)

/* Returns a new, empty record of @type with no id yet (the store assigns one on create). */
IbRecord           *ib_record_new              (const IbRecordType *type);

/* Returns a deep copy of @self, safe to edit without touching the original. */
IbRecord           *ib_record_copy             (IbRecord           *self);

/* Returns the record's type descriptor (never NULL). */
const IbRecordType *ib_record_get_record_type  (IbRecord           *self);

/* Returns the record's UUID, or NULL before it is first stored. */
const char         *ib_record_get_id           (IbRecord           *self);
void                ib_record_set_id           (IbRecord           *self,
                                                const char         *id);
/* Returns the server revision the record is based on (0 = never synced). */
gint64              ib_record_get_rev          (IbRecord           *self);
void                ib_record_set_rev          (IbRecord           *self,
                                                gint64              rev);
/* Returns the classification code, "public" or "exempt". */
const char         *ib_record_get_class        (IbRecord           *self);
void                ib_record_set_class        (IbRecord           *self,
                                                const char         *klass);
/* Returns the Schedule 12A paragraph (1–7) of an exempt record, 0 otherwise. */
int                 ib_record_get_exempt_paragraph (IbRecord       *self);
void                ib_record_set_exempt_paragraph (IbRecord       *self,
                                                    int             paragraph);
/* Returns TRUE for a tombstone. */
gboolean            ib_record_get_deleted      (IbRecord           *self);
void                ib_record_set_deleted      (IbRecord           *self,
                                                gboolean            deleted);
/* Returns the UTC ISO 8601 time of the last local or server edit, or NULL. */
const char         *ib_record_get_updated_at   (IbRecord           *self);
void                ib_record_set_updated_at   (IbRecord           *self,
                                                const char         *updated_at);
/* Returns who made the last edit, or NULL. */
const char         *ib_record_get_updated_by   (IbRecord           *self);
void                ib_record_set_updated_by   (IbRecord           *self,
                                                const char         *updated_by);

/* Returns the field values as a JSON object (transfer none): the shape of the wire's "fields". */
JsonObject         *ib_record_get_fields       (IbRecord           *self);

/* Returns TRUE when field @name holds a value other than null. */
gboolean            ib_record_has              (IbRecord           *self,
                                                const char         *name);
/* Returns a text, date, period, enum or ref field, or NULL when unset. */
const char         *ib_record_get_string       (IbRecord           *self,
                                                const char         *name);
/* Returns an integer or bool field, or @fallback when unset. */
gint64              ib_record_get_int          (IbRecord           *self,
                                                const char         *name,
                                                gint64              fallback);
/* Returns a real field, or NAN when unset. */
double              ib_record_get_double       (IbRecord           *self,
                                                const char         *name);
/* Returns TRUE when the bool field @name is set and true. */
gboolean            ib_record_get_bool         (IbRecord           *self,
                                                const char         *name);
/* Returns a ref list field as a NULL-terminated array (transfer full), never NULL. */
char              **ib_record_get_refs         (IbRecord           *self,
                                                const char         *name);

/* Setters store @value under @name; a NULL string (or NAN double) stores null. Unknown names are a programmer error. */
void                ib_record_set_string       (IbRecord           *self,
                                                const char         *name,
                                                const char         *value);
void                ib_record_set_int          (IbRecord           *self,
                                                const char         *name,
                                                gint64              value);
void                ib_record_set_double       (IbRecord           *self,
                                                const char         *name,
                                                double              value);
void                ib_record_set_bool         (IbRecord           *self,
                                                const char         *name,
                                                gboolean            value);
void                ib_record_set_refs         (IbRecord           *self,
                                                const char         *name,
                                                const char * const *ids);
void                ib_record_set_null         (IbRecord           *self,
                                                const char         *name);

/* Returns the id of the parent record (through the type's parent field), or NULL. */
const char         *ib_record_get_parent_id    (IbRecord           *self);

G_END_DECLS
