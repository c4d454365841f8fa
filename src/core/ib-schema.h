/* ib-schema.h: the record types of the data model, as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ib-enums.h"

G_BEGIN_DECLS

typedef enum
{
  IB_FIELD_TEXT,
  IB_FIELD_DATE,     /* YYYY-MM-DD */
  IB_FIELD_PERIOD,   /* YYYY-MM */
  IB_FIELD_INT,
  IB_FIELD_REAL,
  IB_FIELD_BOOL,
  IB_FIELD_ENUM,
  IB_FIELD_REF,      /* id of another record */
  IB_FIELD_REF_LIST, /* JSON array of ids */
} IbFieldKind;

typedef struct
{
  const char   *name;      /* JSON key and SQL column */
  IbFieldKind   kind;
  gboolean      required;
  const IbEnum *enum_type; /* IB_FIELD_ENUM */
  const char   *ref_type;  /* IB_FIELD_REF, IB_FIELD_REF_LIST */
  int           min;       /* IB_FIELD_INT range, when min < max */
  int           max;
  gboolean      long_text; /* IB_FIELD_TEXT written as paragraphs, not a line */
} IbFieldSpec;

typedef struct
{
  const char        *name;         /* wire type and SQL table */
  const char        *parent_field; /* the field naming the parent record, or NULL */
  const char        *order_by;     /* SQL ORDER BY for lists */
  const IbFieldSpec *fields;
  guint              n_fields;
  guint              schema;       /* the type's schema integer (docs/sync-protocol.md §5.3) */
} IbRecordType;

/* Longest text a field may hold: records must stay under the protocol's 256 KiB. */
#define IB_TEXT_MAX_BYTES (64 * 1024)

extern const IbRecordType ib_type_plan;
extern const IbRecordType ib_type_priority;
extern const IbRecordType ib_type_action;
extern const IbRecordType ib_type_position_statement;
extern const IbRecordType ib_type_inspection;
extern const IbRecordType ib_type_judgement;
extern const IbRecordType ib_type_finding;
extern const IbRecordType ib_type_intervention;
extern const IbRecordType ib_type_indicator;
extern const IbRecordType ib_type_measurement;
extern const IbRecordType ib_type_risk;
extern const IbRecordType ib_type_risk_review;
extern const IbRecordType ib_type_meeting;
extern const IbRecordType ib_type_report;
extern const IbRecordType ib_type_report_snapshot;

/* Returns every record type, parents before children, NULL-terminated. */
const IbRecordType * const *ib_record_types     (void);

/* Returns the record type called @name, or NULL. */
const IbRecordType         *ib_record_type_find (const char *name);

/* Returns @type's field called @name, or NULL. */
const IbFieldSpec          *ib_record_type_field (const IbRecordType *type,
                                                  const char         *name);

/* Returns TRUE for a type whose records are never changed once made (a position statement, a
 * risk review): a correction is a new record. */
gboolean                    ib_record_type_is_append_only (const IbRecordType *type);

G_END_DECLS
