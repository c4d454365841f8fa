/* ib-record-picker-private.h: what tests do to a record picker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-record-picker.h"

G_BEGIN_DECLS

/* Ticks or unticks the record @id, as a click would. */
void            ib_record_picker_set_ticked   (IbRecordPicker     *self,
                                               const char         *id,
                                               gboolean            ticked);

G_END_DECLS
