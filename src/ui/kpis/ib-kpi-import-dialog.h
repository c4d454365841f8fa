/* ib-kpi-import-dialog.h: what importing a CSV file of monthly values would change, to confirm
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-kpi-model.h"

G_BEGIN_DECLS

#define IB_TYPE_KPI_IMPORT_DIALOG (ib_kpi_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (IbKpiImportDialog, ib_kpi_import_dialog, IB, KPI_IMPORT_DIALOG, AdwMessageDialog)

/* Reads @file as measurements of @model's indicators, then presents, for @parent, either the
 * preview of what importing it would change (new and changed months, and how many are
 * already recorded) or a message: the file could not be read, a problem named by line and
 * column, or nothing to import. Importing writes every change in one transaction and emits
 * "imported" (with the first indicator changed) on the dialog returned; a failure is explained
 * in a message. */
IbKpiImportDialog *ib_kpi_import_dialog_open (GtkWindow  *parent,
                                              IbKpiModel *model,
                                              GFile      *file);

/* Presents, for @parent, the preview of @changes already prepared (by ib_ees_prepare ()), as
 * ib_kpi_import_dialog_open () does for a file; returns NULL, having said so, when nothing
 * would change. */
IbKpiImportDialog *ib_kpi_import_dialog_new_for_changes (GtkWindow  *parent,
                                                         IbKpiModel *model,
                                                         GPtrArray  *changes);

G_END_DECLS
