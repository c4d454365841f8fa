/* ib-pack-preview.h: a pack's pages as they print, paged and zoomable, with each page's text
 * beside it for a screen reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-store.h"

G_BEGIN_DECLS

#define IB_TYPE_PACK_PREVIEW (ib_pack_preview_get_type ())

G_DECLARE_FINAL_TYPE (IbPackPreview, ib_pack_preview, IB, PACK_PREVIEW, AdwWindow)

/* Returns a window showing pack @report_id as the board sees it (an issued pack from its
 * snapshot, a draft from the data as they stand), for @parent; NULL with @error when the pack
 * cannot be read. */
IbPackPreview *ib_pack_preview_new (GtkWindow   *parent,
                                    IbStore     *store,
                                    const char  *report_id,
                                    GError     **error);

G_END_DECLS
