/* ib-plan-item-private.h: the fields IbPlanModel fills in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-plan-item.h"

G_BEGIN_DECLS

struct _IbPlanItem
{
  GObject         parent_instance;

  IbPlanItemKind  kind;
  IbRecord       *record;
  IbRecord       *statement;
  char           *delivery_rag;
  char           *impact_rag;
  char           *previous_rag;
  char           *last_statement_on;
  gboolean        complete;
  gboolean        overdue;
  gboolean        contradicts; /* overdue, yet its status says it is on track */
  gboolean        flagged;     /* delivered but not improving (ib-evidence.h), read for now only */
  IbRagCounts     counts;

  /* for the model's filtering and sorting */
  char           *haystack;    /* casefolded ref, title, officer and latest statement */
  char           *ref_key;     /* collation key sorting "2" before "10" and "2.3" */
  char           *officer_key;
  int             priority_position;
};

/* Returns a new, empty item of @kind holding @record (may be NULL). */
IbPlanItem *_ib_plan_item_new (IbPlanItemKind  kind,
                               IbRecord       *record);

/* Moves @from's fields (its kind and record must be @self's) into @self, which keeps its
 * identity so a list shows it in the same row; @from is left empty. */
void        _ib_plan_item_take (IbPlanItem     *self,
                                IbPlanItem     *from);

/* Returns TRUE when @a and @b, items of the same record, are shown alike in a list row. */
gboolean    _ib_plan_item_shown_alike (IbPlanItem *a,
                                       IbPlanItem *b);

G_END_DECLS
