/* ib-kpis-page.h: the KPI view: the indicators grouped and searchable, one indicator's chart
 * and values, data entry, CSV import and export, and chart export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-chart.h"
#include "ib-kpi-detail.h"
#include "ib-kpi-model.h"

G_BEGIN_DECLS

#define IB_TYPE_KPIS_PAGE (ib_kpis_page_get_type ())

G_DECLARE_FINAL_TYPE (IbKpisPage, ib_kpis_page, IB, KPIS_PAGE, GtkWidget)

/* Imports @file (what the file choosers' Open, a drop and opening a file with the app do): KPI
 * values in the app's own CSV layout, an Explore Education Statistics data set (asking how it
 * maps, with what was remembered for the data set chosen) or an Ofsted outcomes summary. Shows
 * what importing would change, to confirm; a file it cannot take is refused in a dialog naming
 * line and column, and nothing is written. An Ofsted summary imported emits "grades-imported". */
void         ib_kpis_page_import_file    (IbKpisPage *self,
                                          GFile      *file);

G_END_DECLS
