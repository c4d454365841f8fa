/* ib-plan-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-plan-item"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ib-plan-item-private.h"

G_DEFINE_FINAL_TYPE (IbPlanItem, ib_plan_item, G_TYPE_OBJECT)

void
ib_rag_counts_add (IbRagCounts *counts,
                   const char  *status,
                   const char  *rag)
{
  g_return_if_fail (counts != NULL);

  /* Delivered is not the same as rated: "11 G / 2 complete" is what the board reads. */
  if (g_strcmp0 (status, "complete") == 0)
    counts->complete++;
  else if (g_strcmp0 (rag, "red") == 0)
    counts->red++;
  else if (g_strcmp0 (rag, "amber") == 0)
    counts->amber++;
  else if (g_strcmp0 (rag, "green") == 0)
    counts->green++;
  else
    counts->unrated++;
}

guint
ib_rag_counts_total (const IbRagCounts *counts)
{
  g_return_val_if_fail (counts != NULL, 0);
  return counts->red + counts->amber + counts->green + counts->unrated + counts->complete;
}

char *
ib_rag_counts_format (const IbRagCounts *counts)
{
  GString *out;

  g_return_val_if_fail (counts != NULL, NULL);

  if (ib_rag_counts_total (counts) == 0)
    return g_strdup (_("No actions"));

  out = g_string_new (NULL);
  /* Translators: a roll-up of actions by RAG rating, as boards write it: G = green,
   * A = amber, R = red. Keep the numbers first. */
  g_string_append_printf (out, _("%u G / %u A / %u R"), counts->green, counts->amber, counts->red);
  if (counts->complete > 0)
    {
      g_string_append (out, " / ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u complete", "%u complete",
                                                counts->complete), counts->complete);
    }
  if (counts->unrated > 0)
    {
      g_string_append (out, " / ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u not rated", "%u not rated",
                                                counts->unrated), counts->unrated);
    }

  return g_string_free (out, FALSE);
}

static void
ib_plan_item_finalize (GObject *object)
{
  IbPlanItem *self = (IbPlanItem *) object;

  g_clear_object (&self->record);
  g_clear_object (&self->statement);
  g_free (self->delivery_rag);
  g_free (self->impact_rag);
  g_free (self->previous_rag);
  g_free (self->last_statement_on);
  g_free (self->haystack);
  g_free (self->ref_key);
  g_free (self->officer_key);

  G_OBJECT_CLASS (ib_plan_item_parent_class)->finalize (object);
}

static void
ib_plan_item_class_init (IbPlanItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ib_plan_item_finalize;
}

static void
ib_plan_item_init (IbPlanItem *self)
{
}

IbPlanItem *
_ib_plan_item_new (IbPlanItemKind  kind,
                   IbRecord       *record)
{
  IbPlanItem *self = g_object_new (IB_TYPE_PLAN_ITEM, NULL);

  self->kind = kind;
  self->record = record != NULL ? g_object_ref (record) : NULL;
  return self;
}

void
_ib_plan_item_take (IbPlanItem *self,
                    IbPlanItem *from)
{
  g_return_if_fail (IB_IS_PLAN_ITEM (self) && IB_IS_PLAN_ITEM (from));
  g_return_if_fail (self->kind == from->kind && self->record == from->record);

#define TAKE_OBJECT(field) g_clear_object (&self->field); self->field = g_steal_pointer (&from->field)
#define TAKE_STRING(field) g_free (self->field); self->field = g_steal_pointer (&from->field)
  TAKE_OBJECT (statement);
  TAKE_STRING (delivery_rag);
  TAKE_STRING (impact_rag);
  TAKE_STRING (previous_rag);
  TAKE_STRING (last_statement_on);
  TAKE_STRING (haystack);
  TAKE_STRING (ref_key);
  TAKE_STRING (officer_key);
#undef TAKE_OBJECT
#undef TAKE_STRING
  self->complete = from->complete;
  self->overdue = from->overdue;
  self->contradicts = from->contradicts;
  self->flagged = from->flagged;
  self->counts = from->counts;
  self->priority_position = from->priority_position;
}

gboolean
_ib_plan_item_shown_alike (IbPlanItem *a,
                           IbPlanItem *b)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (a) && IB_IS_PLAN_ITEM (b), FALSE);

  return a->kind == b->kind && a->record == b->record && a->statement == b->statement &&
         g_strcmp0 (a->delivery_rag, b->delivery_rag) == 0 && g_strcmp0 (a->impact_rag, b->impact_rag) == 0 &&
         g_strcmp0 (a->previous_rag, b->previous_rag) == 0 &&
         g_strcmp0 (a->last_statement_on, b->last_statement_on) == 0 &&
         a->complete == b->complete && a->overdue == b->overdue && a->contradicts == b->contradicts &&
         a->flagged == b->flagged && a->priority_position == b->priority_position &&
         memcmp (&a->counts, &b->counts, sizeof a->counts) == 0;
}

IbPlanItemKind
ib_plan_item_get_kind (IbPlanItem *self)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (self), IB_PLAN_ITEM_ACTION);
  return self->kind;
}

IbRecord *
ib_plan_item_get_record (IbPlanItem *self)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (self), NULL);
  return self->record;
}

IbRecord *
ib_plan_item_get_statement (IbPlanItem *self)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (self), NULL);
  return self->statement;
}

const char *
ib_plan_item_get_delivery_rag (IbPlanItem *self)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (self), NULL);
  return self->delivery_rag;
}

const char *
ib_plan_item_get_impact_rag (IbPlanItem *self)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (self), NULL);
  return self->impact_rag;
}

const char *
ib_plan_item_get_previous_rag (IbPlanItem *self)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (self), NULL);
  return self->previous_rag;
}

gboolean
ib_plan_item_get_changed (IbPlanItem *self)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (self), FALSE);

  /* A first rating is not a change of colour. */
  return self->previous_rag != NULL && self->delivery_rag != NULL &&
         !g_str_equal (self->previous_rag, self->delivery_rag);
}

gboolean
ib_plan_item_get_complete (IbPlanItem *self)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (self), FALSE);
  return self->complete;
}

gboolean
ib_plan_item_get_overdue (IbPlanItem *self)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (self), FALSE);
  return self->overdue;
}

gboolean
ib_plan_item_get_contradicts (IbPlanItem *self)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (self), FALSE);
  return self->contradicts;
}

gboolean
ib_plan_item_get_flagged (IbPlanItem *self)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (self), FALSE);
  return self->flagged;
}

const char *
ib_plan_item_get_last_statement_on (IbPlanItem *self)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (self), NULL);
  return self->last_statement_on;
}

const IbRagCounts *
ib_plan_item_get_counts (IbPlanItem *self)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (self), NULL);
  return &self->counts;
}
