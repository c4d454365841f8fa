/* ib-meetings-util.h: how a pack reads in the window: where it stands as a badge, and which of
 * its parts this device may produce
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-meetings-model.h"
#include "ib-pack.h"

G_BEGIN_DECLS

/* Returns the translated word for @state: "Draft", "Issued" or "Superseded". */
const char *ib_meetings_pack_state_label (IbPackState  state);

/* Returns a badge for @state: @text (NULL: the state's word), with the state's shape and colour. */
GtkWidget  *ib_meetings_pack_state_badge (IbPackState  state,
                                          const char  *text);

/* Returns TRUE when @pack has a Part 2, held on this device or not: the report itself is
 * exempt, or an item in it is (Part 1 then holds a line in its place). */
gboolean    ib_meetings_pack_has_part2   (IbPack      *pack);

/* Returns TRUE when this device may produce @pack's Part 2: it has Exempt clearance (or was
 * never signed in to a server) and holds the exempt content. */
gboolean    ib_meetings_pack_offers_part2 (IbStore    *store,
                                           IbPack     *pack);

/* Returns the file name suggested for @part of @pack, e.g. "Improvement Update, Part 1.pdf", or
 * with @say_part FALSE the subject alone, "Improvement Update.pdf" (transfer full). */
char       *ib_meetings_pack_file_name   (IbPack      *pack,
                                          IbPackPart   part,
                                          gboolean     say_part);

/* Returns the name of @part as the window shows it: "Part 1 (public)" or "Part 2 (exempt)". */
const char *ib_meetings_part_label       (IbPackPart   part);

G_END_DECLS
