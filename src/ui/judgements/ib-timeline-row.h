/* ib-timeline-row.h: one row of the Judgements timeline: an Ofsted engagement or a step of
 * DfE intervention
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-record.h"

G_BEGIN_DECLS

#define IB_TYPE_TIMELINE_ROW (ib_timeline_row_get_type ())

G_DECLARE_FINAL_TYPE (IbTimelineRow, ib_timeline_row, IB, TIMELINE_ROW, GtkWidget)

/* Returns an empty row, filled by ib_timeline_row_set (). */
GtkWidget  *ib_timeline_row_new         (void);

/* Shows @record (an inspection or an intervention; NULL empties the row), with @grade (an
 * Ofsted grade code, or NULL) as its headline judgement and @during (an intervention, or NULL)
 * as the intervention in force when it began. */
void        ib_timeline_row_set         (IbTimelineRow *self,
                                         IbRecord      *record,
                                         const char    *grade,
                                         IbRecord      *during);

G_END_DECLS
