/* ib-ees-mapping-dialog.h: which of an Explore Education Statistics file's columns feeds which
 * KPI, with which filter values: asked once per data set, then offered as remembered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-ees.h"

G_BEGIN_DECLS

#define IB_TYPE_EES_MAPPING_DIALOG (ib_ees_mapping_dialog_get_type ())

G_DECLARE_FINAL_TYPE (IbEesMappingDialog, ib_ees_mapping_dialog, IB, EES_MAPPING_DIALOG, AdwWindow)

/* Returns a dialog, for @parent, asking how @scan's file feeds @store's KPIs, filled in from
 * @remembered (nullable) or, failing that, with each filter's "Total". Preview checks the
 * answers, remembers them for the data set and emits "mapped" (the mapping, and the release
 * date given or NULL); Cancel closes it. The dialog takes @scan (transfer full). */
IbEesMappingDialog *ib_ees_mapping_dialog_new (GtkWindow    *parent,
                                               IbStore      *store,
                                               IbEesScan    *scan,
                                               IbEesMapping *remembered);

/* Returns what the first read of the file found (transfer none). */
IbEesScan          *ib_ees_mapping_dialog_get_scan (IbEesMappingDialog *self);

G_END_DECLS
