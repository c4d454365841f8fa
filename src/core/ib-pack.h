/* ib-pack.h: a meeting's report (pack): its content built from live data, issued as a frozen
 * snapshot, read back, and split into Part 1 (public) and Part 2 (exempt)
 *
 * The content is one JSON document (format 1), the same whether it was just built or read
 * from a snapshot, so the printed pack, the window's preview and the comparison with the
 * previous pack all read one thing:
 *
 *   format       1
 *   report       the report's template fields as issued ("subject", "executive_summary", …,
 *                "appendix_plan"…, "scope", "scope_officer", "version", "issued_on"), its
 *                "class" and "exempt_paragraph" (the pack's Status), "scope_priority"
 *                {code, title} and "supersedes" {subject, version, issued_on} when set
 *   meeting      {kind, held_on, title}
 *   as_at        YYYY-MM-DD: the data is as it stood on this day
 *   plan         {title, version_label}, or absent when no plan was in force
 *   priorities   [{item: "priority", key, code, title}]
 *   actions      [{item: "action", key, priority, ref, title, officer, lead_service, horizon,
 *                  due_on, status, delivery_rag, impact_rag, complete, overdue,
 *                  statement_due, linked_indicators, linked_risks,
 *                  statement: {item: "statement", key, as_at, author, narrative,
 *                              next_steps, delivery_rag, impact_rag}}]
 *   indicators   [{item: "indicator", key, code, title, category, unit, decimals, polarity,
 *                  frequency, target, tolerance,
 *                  points: [{item: "point", period, value, england, stat_neighbours,
 *                            region, note}]}]   (the last 24 periods, oldest first)
 *   risks        [{item: "risk", key, ref, title, owner, category, inherent_l, inherent_i,
 *                  residual_l, residual_i, target_l, target_i, response, status,
 *                  next_review, controls}]
 *   inspections  [{item: "inspection", key, kind, framework, starts_on, ends_on,
 *                  published_on, visit_number, lead_inspector, theme, summary, link,
 *                  judgements: [{item: "judgement", area, grade}],
 *                  findings: [{item: "finding", key, kind, text,
 *                              actions: [{item: "link", key, ref, title}]}]}]
 *   since        {previous: {subject, version, issued_on, meeting_title, held_on, as_at} or
 *                 absent, and the changes (ib-pack-diff.h) in three lists: exceptions (what
 *                 got worse, what is red), better, other}
 *
 * An item of invented demo data carries "sample": true. Any object may carry "class": "exempt"
 * and "exempt_paragraph". Part 1 replaces each such
 * object, wherever it is, by {"exempt": paragraph, "slot": n} and nothing of it; Part 2 holds
 * the objects themselves, each as {slot, exempt_paragraph, section, within, item}, where
 * "within" names the public object it sits in ({item, label}). Derived figures (roll-ups,
 * heat maps, latest values) are worked out from what a part holds when it is shown, so a
 * count in Part 1 never includes an exempt item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ib-store.h"

G_BEGIN_DECLS

#define IB_PACK_ERROR (ib_pack_error_quark ())

typedef enum
{
  IB_PACK_ERROR_NOT_FOUND,    /* no such report or meeting, or a meeting with no pack */
  IB_PACK_ERROR_INCOMPLETE,   /* an issued pack whose snapshot has not all arrived yet */
  IB_PACK_ERROR_DAMAGED,      /* a snapshot that cannot be read */
  IB_PACK_ERROR_NOT_CLEARED,  /* Part 2 asked for on a device without Exempt clearance */
  IB_PACK_ERROR_ISSUED,       /* the pack is already issued */
  IB_PACK_ERROR_NO_PART,      /* the part asked for holds nothing (a public pack's Part 2) */
} IbPackError;

/* Which part of a pack is shown: the public one, or the exempt items. */
typedef enum
{
  IB_PACK_PART_PUBLIC,  /* Part 1 */
  IB_PACK_PART_EXEMPT,  /* Part 2 */
} IbPackPart;

/* The document format this version writes and reads. */
#define IB_PACK_FORMAT 1

/* Bytes of JSON text per snapshot piece: under the 64 KiB a text field may hold, so each
 * piece is one record well under the 256 KiB record limit. */
#define IB_PACK_PIECE_BYTES (60 * 1024)

/* How many periods of each indicator a pack carries for its chart. */
#define IB_PACK_PERIODS 24

#define IB_TYPE_PACK (ib_pack_get_type ())

G_DECLARE_FINAL_TYPE (IbPack, ib_pack, IB, PACK, GObject)

GQuark      ib_pack_error_quark      (void);

/* Builds @report_id's content from the store's data as it stood on @as_at (YYYY-MM-DD; NULL is
 * today), within the report's scope, with the comparison with the previous issued pack of the
 * same meeting kind and scope. The result is a draft whatever the report says. */
IbPack     *ib_pack_build            (IbStore     *store,
                                      const char  *report_id,
                                      const char  *as_at,
                                      GError     **error);

/* Opens @report_id as the board sees it: an issued pack from its snapshot (with the Part 2
 * items this device holds), a draft built from today's data. */
IbPack     *ib_pack_load             (IbStore     *store,
                                      const char  *report_id,
                                      GError     **error);

/* Issues the draft @report_id: builds its content as at @issued_on (NULL is today), writes it
 * as snapshot pieces (Part 1 in the report's class, Part 2 per Schedule 12A paragraph) and
 * sets issued_on, all in one transaction. Nothing is written on error. */
gboolean    ib_pack_issue            (IbStore     *store,
                                      const char  *report_id,
                                      const char  *issued_on,
                                      GError     **error);

/* Creates a draft correction of the issued @report_id: the same fields, the next version, and
 * supersedes naming it (transfer full). */
IbRecord   *ib_pack_new_version      (IbStore     *store,
                                      const char  *report_id,
                                      GError     **error);

/* Returns the issued pack that @report is compared with (transfer full): the newest version of
 * the latest issued pack for an earlier meeting of the same kind, with the same scope; NULL
 * when there is none. */
IbRecord   *ib_pack_find_previous    (IbStore     *store,
                                      IbRecord    *report);

/* Returns the pack to show for @meeting_id (its newest version), or with @meeting_id NULL for
 * the latest meeting that has a pack (transfer full); NULL with IB_PACK_ERROR_NOT_FOUND. */
IbRecord   *ib_pack_find_for_meeting (IbStore     *store,
                                      const char  *meeting_id,
                                      GError     **error);

/* Returns the live report that corrects @report_id (names it in supersedes), or NULL. */
IbRecord   *ib_pack_find_superseding (IbStore     *store,
                                      const char  *report_id);

/* Returns the latest issued whole-programme pack of a @meeting_kind meeting (transfer full),
 * or NULL when none was issued. */
IbRecord   *ib_pack_last_issued      (IbStore     *store,
                                      const char  *meeting_kind);

/* Returns what changed from the latest issued whole-programme pack of a @meeting_kind meeting
 * ("improvement_board") to today's data, exceptions first, as ib_pack_compare () gives it
 * (transfer full): the Overview's "since the last board". @previous is set to that pack's
 * report (transfer full), or NULL when none was issued; then only what is red is listed. */
JsonArray  *ib_pack_changes_since    (IbStore     *store,
                                      const char  *meeting_kind,
                                      IbRecord   **previous,
                                      GError     **error);

/* Returns TRUE when this device may produce Part 2: it was given Exempt clearance when it
 * signed in, or it never signed in to a server (the database is its one user's own). */
gboolean    ib_pack_part2_allowed    (IbStore     *store);

/* Returns the whole document as this device holds it (transfer none). */
JsonObject *ib_pack_get_document     (IbPack      *self);

/* Returns TRUE for a pack built from live data rather than read from its snapshot. */
gboolean    ib_pack_is_draft         (IbPack      *self);

/* Returns the report's id. */
const char *ib_pack_get_report_id    (IbPack      *self);

/* Returns TRUE when the report itself is Exempt: the whole pack is Part 2. */
gboolean    ib_pack_is_exempt        (IbPack      *self);

/* Returns Part 1: the document with every exempt object replaced by its one-line placeholder
 * {"exempt": paragraph, "slot": n} (transfer full). */
JsonObject *ib_pack_dup_part1        (IbPack      *self);

/* Returns Part 2: the exempt objects this device holds, each {slot, exempt_paragraph,
 * section, within, item}, in document order (transfer full). */
JsonArray  *ib_pack_dup_part2        (IbPack      *self);

/* Returns a new document from Part 1 and Part 2 text: the placeholders whose item Part 2
 * holds are put back (transfer full); for tests and for reading a snapshot. */
JsonObject *ib_pack_merge            (JsonObject  *part1,
                                      JsonArray   *part2);

/* Reading a document: the member @name of @object, or NULL (NAN for a number) when @object is
 * NULL or the member is absent or of another kind. */
const char *ib_pack_member_string    (JsonObject  *object,
                                      const char  *name);
JsonArray  *ib_pack_member_array     (JsonObject  *object,
                                      const char  *name);
JsonObject *ib_pack_member_object    (JsonObject  *object,
                                      const char  *name);
double      ib_pack_member_number    (JsonObject  *object,
                                      const char  *name);

/* Returns the translated line put in place of an exempt object in Part 1, e.g. "An exempt item
 * is reported in Part 2, paragraph 3" (transfer full). */
char       *ib_pack_placeholder_text (int          paragraph);

/* Returns TRUE when @object is a Part 1 placeholder, and its paragraph in @paragraph. */
gboolean    ib_pack_is_placeholder   (JsonObject  *object,
                                      int         *paragraph);

G_END_DECLS
