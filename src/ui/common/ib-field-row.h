/* ib-field-row.h: a detail pane's row showing one field of a record, as a person reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-record.h"

G_BEGIN_DECLS

#define IB_TYPE_FIELD_ROW (ib_field_row_get_type ())

G_DECLARE_FINAL_TYPE (IbFieldRow, ib_field_row, IB, FIELD_ROW, AdwActionRow)

/* A field row's value is the smaller line under its title. Given a "field" (a schema field
 * name) it is titled with the field's name unless a title is given; given a "record" too
 * (usually bound in a template) it shows that field of the record, formatted. It hides itself
 * while it has no value. */

/* Shows @value, worked out by the pane (a date range, a looked-up name); NULL or "" hides the
 * row. Replaces what a record gave it. */
void ib_field_row_set_value (IbFieldRow *self,
                             const char *value);

G_END_DECLS
