/* ib-ees-mapping-dialog-private.h: what the UI tests drive, as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-ees-mapping-dialog.h"

G_BEGIN_DECLS

/* Chooses KPI @code (NULL for none) in the row of figures column @column, as its list would. */
gboolean _ib_ees_mapping_dialog_choose      (IbEesMappingDialog *self,
                                             const char         *column,
                                             const char         *code);

/* Chooses @value in the row of filter @filter. */
gboolean _ib_ees_mapping_dialog_set_filter  (IbEesMappingDialog *self,
                                             const char         *filter,
                                             const char         *value);

/* Returns the entry row of the data set's title, publication or release date ("title",
 * "publication", "published"). */
AdwEntryRow *_ib_ees_mapping_dialog_get_entry (IbEesMappingDialog *self,
                                               const char         *which);

/* Presses Preview. */
void     _ib_ees_mapping_dialog_preview     (IbEesMappingDialog *self);

G_END_DECLS
