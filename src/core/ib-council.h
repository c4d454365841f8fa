/* ib-council.h: which council this device's board is for, and its statistical neighbours
 *
 * Kept in the database's local settings (never synced), so the command line reads the same
 * answers the window's Preferences wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-store.h"

G_BEGIN_DECLS

/* How many statistical neighbours the DfE's model gives each council. */
#define IB_COUNCIL_N_NEIGHBOURS 10

/* Returns the local setting @key, or NULL when unset (transfer full). */
char     *ib_store_dup_setting         (IbStore            *store,
                                        const char         *key);

/* Stores @value under @key (NULL removes it). */
gboolean  ib_store_set_setting         (IbStore            *store,
                                        const char         *key,
                                        const char         *value,
                                        GError            **error);

/* Returns TRUE when @code is a local authority code as Explore Education Statistics writes
 * them: the three-digit old_la_code ("839") or the nine-character new_la_code ("E06000058"). */
gboolean  ib_council_code_is_valid     (const char         *code);

/* Returns the council's LA code, or NULL before one is set (transfer full). */
char     *ib_council_dup_la_code       (IbStore            *store);

/* Sets the council's LA code; refuses one that is not an LA code. */
gboolean  ib_council_set_la_code       (IbStore            *store,
                                        const char         *code,
                                        GError            **error);

/* Returns the council's statistical neighbours' LA codes, NULL-terminated, empty when none are
 * set (transfer full). */
GStrv     ib_council_dup_neighbours    (IbStore            *store);

/* Sets the neighbours: at most ten LA codes, each once, not the council's own. */
gboolean  ib_council_set_neighbours    (IbStore            *store,
                                        const char * const *codes,
                                        GError            **error);

/* Gives a council that has an LA code and no neighbours chosen the DfE's ten for that code.
 * Returns TRUE when it set them; FALSE with @error unset when neighbours were already chosen or
 * the shipped list lacks the code, FALSE with @error set when they could not be saved. */
gboolean  ib_council_default_neighbours (IbStore           *store,
                                         GError           **error);

/* Returns the DfE's statistical neighbours of council @la_code (its old or new code) from the
 * list shipped with the app, ten LA codes in the DfE's order, or an empty list for a code the
 * list does not have (transfer full). */
GStrv     ib_council_dfe_neighbours    (const char         *la_code);

/* Returns council @la_code's name as the shipped list writes it, or NULL (transfer full). */
char     *ib_council_dfe_name          (const char         *la_code);

G_END_DECLS
