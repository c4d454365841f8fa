/* ib-record-editor-private.h: what tests read from a record editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-record-editor.h"

G_BEGIN_DECLS

/* Returns TRUE while the "changed on the server, reload?" bar is shown. */
gboolean        ib_record_editor_get_stale (IbRecordEditor     *self);

G_END_DECLS
