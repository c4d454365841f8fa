/* ib-record-editor.h: a form for one record's fields, safe against changes from the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-store.h"

G_BEGIN_DECLS

#define IB_TYPE_RECORD_EDITOR (ib_record_editor_get_type ())

G_DECLARE_FINAL_TYPE (IbRecordEditor, ib_record_editor, IB, RECORD_EDITOR, AdwWindow)

/* Returns an editor for record @id of @type in @store, showing @fields (NULL-terminated) as
 * rows: text and dates as entries, enum codes as their translated labels. */
IbRecordEditor *ib_record_editor_new     (GtkWindow          *parent,
                                          IbStore            *store,
                                          const IbRecordType *type,
                                          const char         *id,
                                          const char * const *fields);

/* Returns TRUE while the "changed on the server, reload?" bar is shown. */
gboolean        ib_record_editor_get_stale (IbRecordEditor   *self);

G_END_DECLS
