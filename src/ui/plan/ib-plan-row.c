/* ib-plan-row.c
 *
 * List rows are recycled as the list scrolls, so a row holds no item of its own: it is
 * refilled on every bind. GTK 4.8 binds a row again whenever its position or selection
 * changes, so every part, badges too, is set in place and only what differs changes: a row
 * bound again to the same item measures nothing anew, where new badges cost a text layout
 * each, most of a frame for a screenful. The title and meta line are IbSharedTexts, not labels:
 * a row given to a new list item is rooted anew, which makes a GtkLabel lay its text out again,
 * and a filtered or searched list shows the same titles over and over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-plan-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-badge.h"
#include "ib-enums.h"
#include "ib-format.h"
#include "ib-line-layout.h"
#include "ib-plan-row.h"
#include "ib-list-row.h"
#include "ib-plan-model.h"
#include "ib-shared-text.h"

struct _IbPlanRow
{
  GtkWidget  parent_instance;

  /* template */
  GtkWidget *box;
  GtkLabel  *ref_label;
  IbSharedText *title_label;
  IbSharedText *meta_label;

  /* owned */
  GtkWidget *badges;    /* a badge box, in the template's box */
  char      *summary;
};

static void ib_plan_row_list_row_init (IbListRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbPlanRow, ib_plan_row, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_LIST_ROW, ib_plan_row_list_row_init))

static const char *
rag_word (const char *rag,
          gboolean    complete)
{
  if (complete)
    return C_("rag", "Complete");
  if (rag == NULL)
    return C_("rag", "Not rated");
  return ib_enum_label (&ib_enum_rag, rag);
}

static void
set_rolled_forward (IbBadge *badge)
{
  ib_badge_set (badge, ib_enum_label (&ib_enum_horizon, "rolled_forward"), "mail-forward-symbolic", "neutral");
}

static void
show_heading (IbPlanRow  *self,
              IbPlanItem *item)
{
  IbRecord *priority = ib_plan_item_get_record (item);
  const IbRagCounts *counts = ib_plan_item_get_counts (item);
  g_autofree char *rollup = ib_rag_counts_format (counts);
  const char *code = priority != NULL ? ib_record_get_string (priority, "code") : NULL;
  const char *title = priority != NULL ? ib_record_get_string (priority, "title") : _("Actions with no priority area");

  gtk_label_set_label (self->ref_label, code != NULL ? code : "");
  ib_shared_text_set_text (self->title_label, title);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  ib_shared_text_set_text (self->meta_label, rollup);

  ib_badge_box_keep (self->badges, ib_badge_box_set_rollup (self->badges, 0, counts));

  /* Translators: a priority area heading read aloud: its title and its roll-up */
  self->summary = g_strdup_printf (_("Priority area %s: %s"), title, rollup);
}

static void
show_action (IbPlanRow  *self,
             IbPlanItem *item,
             const char *board_date)
{
  IbRecord *action = ib_plan_item_get_record (item);
  gboolean complete = ib_plan_item_get_complete (item);
  const char *delivery = ib_plan_item_get_delivery_rag (item);
  const char *impact = ib_plan_item_get_impact_rag (item);
  const char *officer = ib_record_get_string (action, "accountable_officer");
  const char *due = ib_record_get_string (action, "due_on");
  const char *horizon = ib_record_get_string (action, "horizon");
  g_autoptr (GString) meta = g_string_new (NULL);
  g_autoptr (GString) summary = g_string_new (NULL);
  guint n = 0;

  gtk_label_set_label (self->ref_label, ib_record_get_string (action, "ref"));
  ib_shared_text_set_text (self->title_label, ib_record_get_string (action, "title"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "heading");

  if (officer != NULL)
    g_string_append (meta, officer);
  if (due != NULL)
    {
      g_autofree char *date = ib_format_date (due);

      if (meta->len > 0)
        g_string_append (meta, " · ");
      /* Translators: when an action is due, e.g. "Due 31 March 2023" */
      g_string_append_printf (meta, _("Due %s"), date);
    }
  if (horizon != NULL && !ib_plan_row_is_rolled_forward (action))
    {
      if (meta->len > 0)
        g_string_append (meta, " · ");
      g_string_append (meta, ib_enum_label (&ib_enum_horizon, horizon));
    }
  ib_shared_text_set_text (self->meta_label, meta->str);

  ib_badge_set_rag_aspect (ib_badge_box_slot (self->badges, n++), C_("rag aspect", "Delivery"), complete ? "complete" : delivery);
  ib_badge_set_rag_aspect (ib_badge_box_slot (self->badges, n++), C_("rag aspect", "Impact"), impact);

  if (ib_plan_item_get_overdue (item))
    {
      g_autofree char *overdue = ib_plan_row_overdue_text (item);

      ib_badge_set (ib_badge_box_slot (self->badges, n++), overdue, "alarm-symbolic", "bad");
    }
  if (ib_plan_row_is_rolled_forward (action))
    set_rolled_forward (ib_badge_box_slot (self->badges, n++));
  if (ib_plan_item_get_flagged (item))
    ib_badge_set_not_improving (ib_badge_box_slot (self->badges, n++));
  if (ib_plan_item_get_changed (item))
    {
      g_autofree char *text = NULL;

      /* Translators: the delivery RAG at the previous Improvement Board, e.g. "Was Amber" */
      text = g_strdup_printf (_("Was %s"), rag_word (ib_plan_item_get_previous_rag (item), FALSE));
      ib_badge_set (ib_badge_box_slot (self->badges, n++), text, "document-open-recent-symbolic", "neutral");
    }
  ib_badge_box_keep (self->badges, n);

  /* Translators: an action read aloud: ref, title, then its ratings */
  g_string_printf (summary, _("Action %s, %s. Delivery %s, impact %s."),
                   ib_record_get_string (action, "ref"), ib_record_get_string (action, "title"),
                   rag_word (delivery, complete), rag_word (impact, FALSE));
  if (meta->len > 0)
    g_string_append_printf (summary, " %s.", meta->str);
  if (ib_plan_item_get_overdue (item))
    {
      g_autofree char *overdue = ib_plan_row_overdue_text (item);

      g_string_append_printf (summary, " %s.", overdue);
    }
  if (ib_plan_row_is_rolled_forward (action))
    g_string_append_printf (summary, " %s.", ib_enum_label (&ib_enum_horizon, "rolled_forward"));
  if (ib_plan_item_get_flagged (item))
    g_string_append_printf (summary, " %s.", C_("evidence", "Delivered, not improving"));
  if (ib_plan_item_get_changed (item) && board_date != NULL)
    {
      g_autofree char *date = ib_format_date (board_date);

      /* Translators: %s is a RAG rating, %s the date of the previous Improvement Board */
      g_string_append_printf (summary, " ");
      g_string_append_printf (summary, _("Was %s at the board on %s."),
                              rag_word (ib_plan_item_get_previous_rag (item), FALSE), date);
    }
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
}

static gboolean
bind_item (IbListRow   *row,
           IbViewModel *model,
           gpointer     item)
{
  IbPlanRow *self = IB_PLAN_ROW (row);
  IbRecord *board = model != NULL ? ib_plan_model_get_previous_board (IB_PLAN_MODEL (model)) : NULL;

  ib_plan_row_set_item (self, item, board != NULL ? ib_record_get_string (board, "held_on") : NULL);
  if (item != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary, -1);
  return TRUE;
}

static void
ib_plan_row_list_row_init (IbListRowInterface *iface)
{
  iface->bind = bind_item;
}

static void
ib_plan_row_dispose (GObject *object)
{
  IbPlanRow *self = (IbPlanRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_PLAN_ROW);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (ib_plan_row_parent_class)->dispose (object);
}

static void
ib_plan_row_class_init (IbPlanRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_plan_row_dispose;

  g_type_ensure (IB_TYPE_SHARED_TEXT);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-plan-row.ui");
  gtk_widget_class_bind_template_child (widget_class, IbPlanRow, box);
  gtk_widget_class_bind_template_child (widget_class, IbPlanRow, ref_label);
  gtk_widget_class_bind_template_child (widget_class, IbPlanRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, IbPlanRow, meta_label);
}

static void
ib_plan_row_init (IbPlanRow *self)
{
  GtkWidget *line;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* At least ten letters wide: with no least width, the narrowest a wrapping text can be is
   * learnt by laying it out in no width at all, a line a letter, half a millisecond a text in a
   * row's first showing. The list is never that narrow, so nothing moves. */
  ib_shared_text_set_wrap (self->title_label, PANGO_WRAP_WORD_CHAR, 10, 3);
  ib_shared_text_set_wrap (self->meta_label, PANGO_WRAP_WORD_CHAR, 10, -1);
  /* The reference beside the wrapping title: a GtkBox would search for its height on every
   * measure (see ib-line-layout.c). */
  line = gtk_widget_get_parent (GTK_WIDGET (self->title_label));
  gtk_widget_set_layout_manager (line, ib_line_layout_new (gtk_box_get_spacing (GTK_BOX (line))));
  self->badges = ib_badge_box_new ();
  gtk_box_append (GTK_BOX (self->box), self->badges);
}

GtkWidget *
ib_plan_row_new (void)
{
  return g_object_new (IB_TYPE_PLAN_ROW, NULL);
}

void
ib_plan_row_set_item (IbPlanRow  *self,
                      IbPlanItem *item,
                      const char *board_date)
{
  g_return_if_fail (IB_IS_PLAN_ROW (self));

  g_clear_pointer (&self->summary, g_free);

  /* Unbound, a row is off the screen: what it showed stays, to be set again at the next bind. */
  if (item == NULL)
    return;

  if (ib_plan_item_get_kind (item) == IB_PLAN_ITEM_PRIORITY)
    show_heading (self, item);
  else
    show_action (self, item, board_date);

  gtk_widget_set_visible (GTK_WIDGET (self->meta_label), *ib_shared_text_get_text (self->meta_label) != '\0');
}

char *
ib_plan_row_overdue_text (IbPlanItem *item)
{
  g_return_val_if_fail (IB_IS_PLAN_ITEM (item), NULL);

  if (!ib_plan_item_get_contradicts (item))
    return g_strdup (_("Overdue"));
  /* Translators: an action past its due date whose status says otherwise; %s is the status,
   * "On track" */
  return g_strdup_printf (_("Overdue, yet marked “%s”"), ib_enum_label (&ib_enum_action_status, "on_track"));
}

gboolean
ib_plan_row_is_rolled_forward (IbRecord *action)
{
  return g_strcmp0 (ib_record_get_string (action, "horizon"), "rolled_forward") == 0;
}

GtkWidget *
ib_plan_row_rolled_forward_badge (void)
{
  GtkWidget *badge = g_object_new (IB_TYPE_BADGE, NULL);

  set_rolled_forward (IB_BADGE (badge));
  return badge;
}
