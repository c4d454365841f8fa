/* ib-plan-page.h: the Action Plan view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-plan-model.h"

G_BEGIN_DECLS

#define IB_TYPE_PLAN_PAGE (ib_plan_page_get_type ())

G_DECLARE_FINAL_TYPE (IbPlanPage, ib_plan_page, IB, PLAN_PAGE, GtkWidget)

G_END_DECLS
