/* ib-pack-preview-private.h: what tests read from a pack's preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-pack.h"
#include "ib-pack-preview.h"

G_BEGIN_DECLS

/* Returns how many pages the part shown has, and which one is shown (from 0). */
guint       ib_pack_preview_get_n_pages     (IbPackPreview *self);
guint       ib_pack_preview_get_page        (IbPackPreview *self);

/* Shows page @page (from 0; clamped to the pages there are). */
void        ib_pack_preview_set_page        (IbPackPreview *self,
                                             guint          page);

/* Returns the part shown, and whether Part 2 is offered at all. */
IbPackPart  ib_pack_preview_get_part        (IbPackPreview *self);
gboolean    ib_pack_preview_get_part2_offered (IbPackPreview *self);

/* Returns the text a screen reader reads for the page shown: the text view's (transfer full). */
char       *ib_pack_preview_dup_text        (IbPackPreview *self);

/* Returns the drawn page and the text view beside it (transfer none). */
GtkWidget  *ib_pack_preview_get_page_area   (IbPackPreview *self);
GtkWidget  *ib_pack_preview_get_text_view   (IbPackPreview *self);

/* Returns the zoom: 0 fits the page to the width, otherwise 1 is 100 %. */
double      ib_pack_preview_get_zoom        (IbPackPreview *self);

G_END_DECLS
