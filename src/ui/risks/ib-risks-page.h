/* ib-risks-page.h: the Risks view: the register, its inherent and residual heat maps, and
 * one risk's detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-risk-model.h"

G_BEGIN_DECLS

#define IB_TYPE_RISKS_PAGE (ib_risks_page_get_type ())

G_DECLARE_FINAL_TYPE (IbRisksPage, ib_risks_page, IB, RISKS_PAGE, GtkWidget)

G_END_DECLS
