/* ib-record-json.h: the one JSON codec for records, shared by the app and the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ib-record.h"

G_BEGIN_DECLS

#define IB_RECORD_ERROR (ib_record_error_quark ())

typedef enum
{
  IB_RECORD_ERROR_INVALID,      /* a field is missing, mistyped or out of range; the message names it */
  IB_RECORD_ERROR_UNKNOWN_TYPE, /* "type" names no record type this version knows */
  IB_RECORD_ERROR_MALFORMED,    /* not JSON, or not an object */
  IB_RECORD_ERROR_TOO_LARGE,    /* over a protocol limit (IB_PUSH_MAX_*, IB_RECORD_MAX_BYTES) */
} IbRecordError;

GQuark      ib_record_error_quark       (void);

/* Returns @self in the wire's change-entry shape: {"type","id","rev","class",…,"fields":{…}}. */
JsonObject *ib_record_to_json           (IbRecord           *self);

/* Returns @self serialised as compact JSON text. */
char       *ib_record_to_string         (IbRecord           *self);

/* Parses a change-entry object into a validated record, or fails naming the first bad field. */
IbRecord   *ib_record_from_json         (JsonObject         *object,
                                         GError            **error);

/* Parses JSON text holding one change entry; see ib_record_from_json (). */
IbRecord   *ib_record_from_string       (const char         *text,
                                         GError            **error);

/* Checks one field value against its spec; a null node is valid unless @spec is required. */
gboolean    ib_field_validate           (const IbRecordType *type,
                                         const IbFieldSpec  *spec,
                                         JsonNode           *node,
                                         GError            **error);

/* Returns what is wrong with one field value ("is required", "must be a date written
 * YYYY-MM-DD"), to follow the field's name; NULL when the value is valid (transfer full). */
char       *ib_field_problem            (const IbFieldSpec  *spec,
                                         JsonNode           *node);

/* Checks the rules between fields (a due date not before the start); on failure sets
 * @field to the field at fault and @error to a whole sentence. */
gboolean    ib_record_check_rules       (IbRecord           *self,
                                         const char        **field,
                                         GError            **error);

/* Checks every known field of @fields; with @partial FALSE required fields must be present.
 * Unknown fields are allowed: a newer peer's additions are kept, never erased. */
gboolean    ib_fields_validate          (const IbRecordType *type,
                                         JsonObject         *fields,
                                         gboolean            partial,
                                         GError            **error);

/* Checks a whole record: its sync columns and all its fields. */
gboolean    ib_record_validate          (IbRecord           *self,
                                         GError            **error);

/* Returns TRUE when @text is a calendar date in YYYY-MM-DD form. */
gboolean    ib_date_is_valid            (const char         *text);

/* Returns TRUE when @text is a month in YYYY-MM form. */
gboolean    ib_period_is_valid          (const char         *text);

G_END_DECLS
