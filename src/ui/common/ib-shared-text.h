/* ib-shared-text.h: a text laid out once for every widget that shows it (badges, list rows)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IB_TYPE_SHARED_TEXT (ib_shared_text_get_type ())

G_DECLARE_FINAL_TYPE (IbSharedText, ib_shared_text, IB, SHARED_TEXT, GtkWidget)

/* Returns an empty text on one line, styled as a label (CSS name "label"). */
GtkWidget   *ib_shared_text_new            (void);

/* Shows @text as a GtkLabel with xalign 0 and the same wrapping shows it. */
void         ib_shared_text_set_text       (IbSharedText  *self,
                                            const char    *text);

/* Returns the text shown ("" when none). */
const char  *ib_shared_text_get_text       (IbSharedText  *self);

/* Wraps the text at word ends, at least @width_chars characters wide, as a GtkLabel with
 * "wrap" and "width-chars" does; -1 keeps it on one line. */
void         ib_shared_text_set_wrap_chars (IbSharedText  *self,
                                            int            width_chars);

/* Wraps the text at @mode's breaks, at least @width_chars characters wide (-1: no least), as a
 * GtkLabel with "wrap", "wrap-mode" and "width-chars" does; with @lines > 0, ellipsizes it at
 * the end of its @lines-th line, as "lines" with "ellipsize" END does. */
void         ib_shared_text_set_wrap       (IbSharedText  *self,
                                            PangoWrapMode  mode,
                                            int            width_chars,
                                            int            lines);

/* Returns TRUE when the text wraps. */
gboolean     ib_shared_text_get_wrap       (IbSharedText  *self);

/* Returns (a new reference to) the layout drawn at the widget's width now, for tests to read. */
PangoLayout *ib_shared_text_get_layout     (IbSharedText  *self);

G_END_DECLS
