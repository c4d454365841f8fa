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

G_END_DECLS
