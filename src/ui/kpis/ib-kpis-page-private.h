/* ib-kpis-page-private.h: what tests reach inside the KPI view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-kpis-page.h"

G_BEGIN_DECLS

/* Returns the model the page shows (transfer none), or NULL before a store is set. */
IbKpiModel  *ib_kpis_page_get_model      (IbKpisPage *self);

/* Returns the detail pane (transfer none). */
IbKpiDetail *ib_kpis_page_get_detail     (IbKpisPage *self);

/* Selects indicator @id; returns FALSE when it is not listed. */
gboolean     ib_kpis_page_select         (IbKpisPage *self,
                                          const char *id);

/* Writes every measurement as CSV to @file (what the file chooser's Save does). */
gboolean     ib_kpis_page_export_csv     (IbKpisPage *self,
                                          GFile      *file,
                                          GError    **error);

/* Writes the selected indicator's chart, over the range shown, to @file. */
gboolean     ib_kpis_page_export_chart   (IbKpisPage    *self,
                                          GFile         *file,
                                          IbChartFormat  format,
                                          int            width,
                                          int            height,
                                          GError       **error);

/* Carries out a delete still waiting on its Undo toast. */
void         ib_kpis_page_commit_pending (IbKpisPage *self);

G_END_DECLS
