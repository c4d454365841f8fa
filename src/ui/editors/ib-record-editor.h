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

/* Stores the record the form filled in; returns FALSE with @error to keep the form open. */
typedef gboolean (*IbRecordEditorSaveFunc) (IbStore   *store,
                                            IbRecord  *record,
                                            gpointer   user_data,
                                            GError   **error);

/* Returns an editor for record @id of @type in @store, showing @fields (NULL-terminated) as
 * rows: text and dates as entries, long text as paragraphs, yes-or-no as switches, enum codes
 * as their translated labels, references as a choice of records; "class" among them is the
 * record's Public or Exempt status and its Schedule 12A paragraph. Save writes only what
 * changed. */
IbRecordEditor *ib_record_editor_new       (GtkWindow          *parent,
                                            IbStore            *store,
                                            const IbRecordType *type,
                                            const char         *id,
                                            const char * const *fields);

/* Returns an editor for a new record starting as @draft (its other fields, such as the plan
 * it belongs to, are kept as they are); Save creates it. */
IbRecordEditor *ib_record_editor_new_draft (GtkWindow          *parent,
                                            IbStore            *store,
                                            IbRecord           *draft,
                                            const char * const *fields);

/* Replaces how Save stores the record (by default ib_store_create or ib_store_update). */
void            ib_record_editor_set_save_func (IbRecordEditor         *self,
                                                IbRecordEditorSaveFunc  func,
                                                gpointer                user_data);

/* Offers only @codes (NULL-terminated) for the enum @field, e.g. the areas an inspection's
 * framework judges; a value already recorded outside them stays shown. */
void            ib_record_editor_set_choices (IbRecordEditor     *self,
                                              const char         *field,
                                              const char * const *codes);

/* Adds a row for @field of another record, @type's, after the record's own (e.g. the risk's
 * next review on a review's form), starting at @value (NULL for empty). It is checked with the
 * form's own fields, shown in what a permanent record will save, and not written to the record:
 * the save function reads it with ib_record_editor_get_field (). Not for references or enums. */
void            ib_record_editor_add_field (IbRecordEditor     *self,
                                            const IbRecordType *type,
                                            const char         *field,
                                            const char         *value);

/* Returns what the form holds for @field as the record stores it (a date as YYYY-MM-DD, a
 * number as its digits), or NULL when empty (transfer full). */
char           *ib_record_editor_get_field (IbRecordEditor     *self,
                                            const char         *field);

/* Returns the row editing @field, or NULL: for tests and for focusing a field. */
GtkWidget      *ib_record_editor_get_row   (IbRecordEditor     *self,
                                            const char         *field);

G_END_DECLS
