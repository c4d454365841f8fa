/* ib-mutation.h: one push mutation and the push body, as docs/sync-protocol.md writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ib-schema.h"

G_BEGIN_DECLS

/* Protocol limits (docs/sync-protocol.md §12), shared so both ends refuse the same things. */
#define IB_PUSH_MAX_MUTATIONS  100
#define IB_PUSH_MAX_BYTES      (1024 * 1024)
#define IB_RECORD_MAX_BYTES    (256 * 1024)
#define IB_PAGE_MAX_RECORDS    500
#define IB_PAGE_MAX_BYTES      (2 * 1024 * 1024)
/* Deeper JSON than this is refused before json-glib's recursive parser sees it. */
#define IB_JSON_MAX_DEPTH      32

typedef enum
{
  IB_MUTATION_CREATE,
  IB_MUTATION_UPDATE,
  IB_MUTATION_DELETE,
  IB_MUTATION_RESOLVE,
  IB_MUTATION_RESTORE,
} IbMutationOp;

typedef struct
{
  char               *mid;
  IbMutationOp        op;
  const IbRecordType *type;             /* NULL for resolve */
  char               *id;               /* NULL for resolve */
  gint64              base_rev;
  char               *parent;           /* nullable */
  char               *klass;            /* nullable: "public" or "exempt" when given */
  int                 exempt_paragraph; /* 0 when not given */
  JsonObject         *set;              /* never NULL; may be empty */
  JsonObject         *was;              /* never NULL; may be empty */
  char               *conflict_id;      /* resolve only */
  int                 deleted;          /* resolve only: -1 unchanged, 0 restore, 1 delete */
  char               *body_hash;        /* SHA-256 of the mutation's canonical JSON */
} IbMutation;

/* Returns the protocol name of @op ("create", …). */
const char *ib_mutation_op_to_string (IbMutationOp       op);

/* Frees @self and everything it owns. */
void        ib_mutation_free         (IbMutation        *self);

/* Parses one mutation object, checking its shape and its fields against the record type.
 * On failure, *@mid_out (when given) holds the mid if one could be read, so the
 * caller can answer for that mutation alone. */
IbMutation *ib_mutation_from_json    (JsonObject        *object,
                                      char             **mid_out,
                                      GError           **error);

/* Returns the hex SHA-256 of @object's compact JSON: the body hash the replay store compares. */
char       *ib_mutation_body_hash    (JsonObject        *object);

/* Returns the wire form of @self (transfer full); parsing it gives back an equal mutation. */
JsonObject *ib_mutation_to_json      (const IbMutation  *self);

/* Parses JSON text of at most twice IB_PAGE_MAX_BYTES, refusing nesting deeper than
 * IB_JSON_MAX_DEPTH without recursing and any string that is not valid Unicode (a NUL, an
 * unpaired surrogate, bytes that are not UTF-8); returns the root node (transfer full). */
JsonNode   *ib_json_parse_bounded    (const char        *data,
                                      gsize              length,
                                      GError           **error);

/* Parses a push body into its "mutations" array (transfer container: JsonObject elements,
 * borrowed from *@root_out). Fails with IB_RECORD_ERROR_MALFORMED when the body is not a
 * JSON object holding 1–IB_PUSH_MAX_MUTATIONS objects; each element is parsed later.
 * *@refusals_out has one element per mutation: NULL, or why that mutation must be refused
 * as invalid because its text is not valid Unicode (its field named), in which case its
 * element holds U+FFFD where the fault was and must not be applied. */
GPtrArray  *ib_push_body_parse       (const char        *data,
                                      gsize              length,
                                      JsonNode         **root_out,
                                      GPtrArray        **refusals_out,
                                      GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbMutation, ib_mutation_free)

G_END_DECLS
