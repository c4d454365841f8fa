/* ib-enums.h: stable enum codes and their translatable labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One stable code; `label` is untranslated (N_/NC_ marked) and only shown through
 * ib_enum_label (), so the database and the wire never carry a translation. */
typedef struct
{
  const char *code;
  const char *context;
  const char *label;
} IbEnumValue;

typedef struct
{
  const char        *name;
  const IbEnumValue *values;
  guint              n_values;
} IbEnum;

extern const IbEnum ib_enum_class;
extern const IbEnum ib_enum_grade;
extern const IbEnum ib_enum_rag;
extern const IbEnum ib_enum_action_status;
extern const IbEnum ib_enum_horizon;
extern const IbEnum ib_enum_plan_status;
extern const IbEnum ib_enum_inspection_kind;
extern const IbEnum ib_enum_framework;
extern const IbEnum ib_enum_judgement_area;
extern const IbEnum ib_enum_finding_kind;
extern const IbEnum ib_enum_intervention_kind;
extern const IbEnum ib_enum_unit;
extern const IbEnum ib_enum_polarity;
extern const IbEnum ib_enum_frequency;
extern const IbEnum ib_enum_risk_category;
extern const IbEnum ib_enum_risk_response;
extern const IbEnum ib_enum_risk_appetite;
extern const IbEnum ib_enum_risk_status;
extern const IbEnum ib_enum_meeting_kind;
extern const IbEnum ib_enum_report_scope;
extern const IbEnum ib_enum_snapshot_part;
extern const IbEnum ib_enum_ees_symbol;

/* Returns the position of @code in @e (its ordinal), or -1 when @code is not a valid code. */
int          ib_enum_index            (const IbEnum *e,
                                       const char   *code);

/* Returns TRUE when @code is one of @e's codes. */
gboolean     ib_enum_has_code         (const IbEnum *e,
                                       const char   *code);

/* Returns the translated label for @code, or @code itself when it is unknown (never NULL for non-NULL input). */
const char  *ib_enum_label            (const IbEnum *e,
                                       const char   *code);

/* Returns the areas valid for @framework, in display order, NULL-terminated; NULL for an unknown framework. */
const char * const *ib_framework_areas (const char *framework);

/* Returns TRUE when @area is judged under @framework. */
gboolean     ib_framework_has_area    (const char *framework,
                                       const char *area);

/* Returns TRUE for the kinds of Ofsted engagement that give judgements (standard and short inspections). */
gboolean     ib_inspection_kind_is_graded (const char *kind);

/* Returns TRUE when a grade for @other belongs in the history of @area (the same area, or its counterpart under another framework version). */
gboolean     ib_judgement_areas_related (const char *area,
                                         const char *other);

G_END_DECLS
