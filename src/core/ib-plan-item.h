/* ib-plan-item.h: one row of the action plan list: a priority area or an action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-record.h"

G_BEGIN_DECLS

/* A roll-up of actions by delivery RAG; complete actions are counted apart, never as green. */
typedef struct
{
  guint red;
  guint amber;
  guint green;
  guint unrated;
  guint complete;
} IbRagCounts;

typedef enum
{
  IB_PLAN_ITEM_PRIORITY, /* a priority area heading, with the roll-up of its actions */
  IB_PLAN_ITEM_ACTION,
} IbPlanItemKind;

#define IB_TYPE_PLAN_ITEM (ib_plan_item_get_type ())

G_DECLARE_FINAL_TYPE (IbPlanItem, ib_plan_item, IB, PLAN_ITEM, GObject)

/* Counts one action with @status and delivery @rag into @counts. */
void              ib_rag_counts_add              (IbRagCounts       *counts,
                                                  const char        *status,
                                                  const char        *rag);

/* Returns the total number of actions in @counts. */
guint             ib_rag_counts_total            (const IbRagCounts *counts);

/* Returns the roll-up as the board reads it, e.g. "11 G / 3 A / 1 R / 2 complete" (transfer full). */
char             *ib_rag_counts_format           (const IbRagCounts *counts);

/* Returns whether this row is a priority heading or an action. */
IbPlanItemKind    ib_plan_item_get_kind          (IbPlanItem        *self);

/* Returns the action or priority record; NULL for the heading of actions with no priority area. */
IbRecord         *ib_plan_item_get_record        (IbPlanItem        *self);

/* Returns the action's latest position statement as at the model's date, or NULL. */
IbRecord         *ib_plan_item_get_statement     (IbPlanItem        *self);

/* Returns the delivery RAG code as at the model's date ("red"…), or NULL when not rated. */
const char       *ib_plan_item_get_delivery_rag  (IbPlanItem        *self);

/* Returns the impact RAG code as at the model's date, or NULL when not rated. */
const char       *ib_plan_item_get_impact_rag    (IbPlanItem        *self);

/* Returns the delivery RAG at the previous Improvement Board, or NULL when there was none. */
const char       *ib_plan_item_get_previous_rag  (IbPlanItem        *self);

/* Returns TRUE when the delivery RAG differs from the one at the previous Improvement Board. */
gboolean          ib_plan_item_get_changed       (IbPlanItem        *self);

/* Returns TRUE when the action was complete as at the model's date. */
gboolean          ib_plan_item_get_complete      (IbPlanItem        *self);

/* Returns TRUE when the action is past its due date and not complete. */
gboolean          ib_plan_item_get_overdue       (IbPlanItem        *self);

/* Returns TRUE when the action is overdue yet its status still says "On track": the two cannot
 * both be so, and a reader should be told rather than left to notice. */
gboolean          ib_plan_item_get_contradicts   (IbPlanItem        *self);

/* Returns TRUE when the action is delivered but not improving (ib-evidence.h). The evidence is
 * read as it stands now, so an item shown "as at" a past date is never flagged. */
gboolean          ib_plan_item_get_flagged       (IbPlanItem        *self);

/* Returns the date of the latest statement as at the model's date, or NULL. */
const char       *ib_plan_item_get_last_statement_on (IbPlanItem    *self);

/* Returns a priority heading's roll-up over all its actions (not only those shown). */
const IbRagCounts *ib_plan_item_get_counts       (IbPlanItem        *self);

G_END_DECLS
