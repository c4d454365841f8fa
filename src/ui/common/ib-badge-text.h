/* ib-badge-text.h: a badge's text, laid out once for every badge that shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IB_TYPE_BADGE_TEXT (ib_badge_text_get_type ())

G_DECLARE_FINAL_TYPE (IbBadgeText, ib_badge_text, IB, BADGE_TEXT, GtkWidget)

/* Returns an empty text on one line, styled as a label (CSS name "label"). */
GtkWidget  *ib_badge_text_new           (void);

/* Shows @text as a GtkLabel with xalign 0 and no ellipsizing shows it. */
void        ib_badge_text_set_text      (IbBadgeText *self,
                                         const char  *text);

/* Returns the text shown ("" when none). */
const char *ib_badge_text_get_text      (IbBadgeText *self);

/* Wraps the text at word ends, at least @width_chars characters wide, as a GtkLabel with
 * "wrap" and "width-chars" does; -1 keeps it on one line. */
void        ib_badge_text_set_wrap_chars (IbBadgeText *self,
                                          int          width_chars);

/* Returns TRUE when the text wraps (ib_badge_text_set_wrap_chars () gave a width). */
gboolean    ib_badge_text_get_wrap      (IbBadgeText *self);

/* Returns (a new reference to) the layout drawn at the widget's width now, for tests to read. */
PangoLayout *ib_badge_text_get_layout   (IbBadgeText *self);

G_END_DECLS
