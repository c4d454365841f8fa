/* ib-pack-private.h: the pack's internals shared by its build, snapshot and demo code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-pack.h"

G_BEGIN_DECLS

/* Builds the document of @report from the store's data on @as_at (YYYY-MM-DD), without the
 * comparison ("since"); with @now, records' own current values are used (the plan as it is),
 * otherwise their history up to @as_at. Transfer full. */
JsonObject *_ib_pack_build_document   (IbStore     *store,
                                       IbRecord    *report,
                                       const char  *as_at,
                                       gboolean     now,
                                       GError     **error);

/* Returns a pack holding @document (transfer none on @document; it is referenced). */
IbPack     *_ib_pack_new              (const char  *report_id,
                                       JsonObject  *document,
                                       gboolean     draft);

/* Reads the issued @report's snapshot into a document with the Part 2 items this device holds
 * (transfer full). */
JsonObject *_ib_pack_read_snapshot    (IbStore     *store,
                                       IbRecord    *report,
                                       GError     **error);

/* Issues @report_id as ib_pack_issue () does; with @imported the pieces and the report are
 * written as data from elsewhere (the demo plan: no outbox rows, ids derived from the
 * report's), otherwise as local edits that sync. */
gboolean    _ib_pack_issue            (IbStore     *store,
                                       const char  *report_id,
                                       const char  *issued_on,
                                       gboolean     imported,
                                       GError     **error);

/* Returns today's UTC date, YYYY-MM-DD (transfer full). */
char       *_ib_pack_today            (void);

G_END_DECLS
