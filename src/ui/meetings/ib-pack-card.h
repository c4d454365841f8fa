/* ib-pack-card.h: one pack of a meeting in its detail: where it stands, its scope, status,
 * parts and appendices, what can be done with it, and what changed since the last board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-meetings-model.h"

G_BEGIN_DECLS

#define IB_TYPE_PACK_CARD (ib_pack_card_get_type ())

G_DECLARE_FINAL_TYPE (IbPackCard, ib_pack_card, IB, PACK_CARD, GtkWidget)

/* Returns a card for @report as @model sees it, its content read from the pack: an issued
 * pack from its frozen snapshot, a draft from the data as they stand. With @can_edit FALSE it
 * offers only what reads (preview, print, export). */
GtkWidget *ib_pack_card_new (IbMeetingsModel *model,
                             IbRecord        *report,
                             gboolean         can_edit);

G_END_DECLS
