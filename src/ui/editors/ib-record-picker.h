/* ib-record-picker.h: choose which records another one links to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-record.h"

G_BEGIN_DECLS

#define IB_TYPE_RECORD_PICKER (ib_record_picker_get_type ())

G_DECLARE_FINAL_TYPE (IbRecordPicker, ib_record_picker, IB, RECORD_PICKER, AdwWindow)

/* Returns a dialog titled @title listing @candidates (IbRecord) by name, each with the line
 * from @subtitles (parallel, entries may be NULL), ticked when its id is in @chosen. Emits
 * "chosen" with the ticked ids when saved. */
IbRecordPicker *ib_record_picker_new          (GtkWindow          *parent,
                                               const char         *title,
                                               const char         *description,
                                               GPtrArray          *candidates,
                                               GPtrArray          *subtitles,
                                               const char * const *chosen);

/* Returns the ids ticked now: those already chosen in their first order, then new ones in
 * list order (transfer full). */
GStrv           ib_record_picker_get_chosen   (IbRecordPicker     *self);

G_END_DECLS
