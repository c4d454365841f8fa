/* ib-engagement-detail.c
 *
 * Rebuilt whenever the selection or the data changes: one engagement's worth of widgets, and
 * rebuilding keeps a grade from ever showing beside a stale history. Grades are badges (text,
 * shape and colour); the history under each area is text, so it reads out as written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-engagement-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-badge.h"
#include "ib-detail-util.h"
#include "ib-engagement-detail.h"
#include "ib-enums.h"
#include "ib-format.h"

struct _IbEngagementDetail
{
  GtkWidget  parent_instance;

  /* owned (children) */
  GtkWidget *stack;
  GtkWidget *scroller;
  GtkWidget *content;

  /* owned */
  GPtrArray *edit_widgets; /* hidden for viewers */

  gboolean   can_edit;
};

G_DEFINE_FINAL_TYPE (IbEngagementDetail, ib_engagement_detail, GTK_TYPE_WIDGET)

static void
clear_content (IbEngagementDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->content)) != NULL)
    gtk_box_remove (GTK_BOX (self->content), child);
  g_ptr_array_set_size (self->edit_widgets, 0);
}

static GtkWidget *
edit_widget (IbEngagementDetail *self,
             GtkWidget          *widget)
{
  g_ptr_array_add (self->edit_widgets, widget);
  gtk_widget_set_visible (widget, self->can_edit);
  return widget;
}

static char *
month_of (const char *date)
{
  g_autofree char *period = date != NULL && strlen (date) >= 7 ? g_strndup (date, 7) : NULL;

  return period != NULL ? ib_format_period (period) : g_strdup ("");
}

/* "March 2017: Requires improvement to be good → December 2021: Inadequate", naming the
 * counterpart area where another framework judged it under another name. */
static char *
history_text (IbGridRow *row)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < row->history->len; i++)
    {
      IbGradePoint *point = row->history->pdata[i];
      g_autofree char *month = month_of (ib_record_get_string (point->inspection, "starts_on"));
      const char *area = ib_record_get_string (point->judgement, "area");
      const char *grade = ib_enum_label (&ib_enum_grade, ib_record_get_string (point->judgement, "grade"));

      if (i > 0)
        g_string_append (text, " → ");
      if (g_strcmp0 (area, row->area) == 0)
        /* Translators: one step of a grade's history: when, and the grade */
        g_string_append_printf (text, C_("grade history", "%s: %s"), month, grade);
      else
        /* Translators: one step of a grade's history where the area had another name:
         * when, the grade, and the area it was given for */
        g_string_append_printf (text, C_("grade history", "%s: %s (%s)"), month, grade,
                                ib_enum_label (&ib_enum_judgement_area, area));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
grid_row (IbEngagementDetail *self,
          IbGridRow          *row,
          const char         *inspection_id)
{
  GtkWidget *action_row = adw_action_row_new ();
  const char *area_label = ib_enum_label (&ib_enum_judgement_area, row->area);
  const char *grade = row->judgement != NULL ? ib_record_get_string (row->judgement, "grade") : NULL;
  g_autofree char *history = row->history->len > 1 ? history_text (row) : NULL;
  g_autofree char *summary = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), area_label);
  if (history != NULL)
    {
      /* Translators: before a judgement area's grades across inspections */
      g_autofree char *subtitle = g_strdup_printf (_("History: %s"), history);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
    }
  gtk_widget_add_css_class (action_row, "judgement");

  {
    GtkWidget *badge = ib_badge_new_grade (grade);

    gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
    adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), badge);
  }

  if (row->judgement != NULL)
    {
      const char *id = ib_record_get_id (row->judgement);
      /* Translators: a button's name; %s is a judgement area */
      g_autofree char *edit = g_strdup_printf (_("Change the grade for “%s”"), area_label);
      /* Translators: a button's name; %s is a judgement area */
      g_autofree char *remove = g_strdup_printf (_("Delete the grade for “%s”"), area_label);

      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row),
                                 edit_widget (self, ib_detail_icon_button ("document-edit-symbolic", edit, "judgements.edit-judgement", id)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row),
                                 edit_widget (self, ib_detail_icon_button ("user-trash-symbolic", remove, "judgements.delete-judgement", id)));
    }
  else
    {
      /* Translators: a button's name; %s is a judgement area */
      g_autofree char *add = g_strdup_printf (_("Record the grade for “%s”"), area_label);
      g_autofree char *target = g_strdup_printf ("%s/%s", inspection_id, row->area);

      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row),
                                 edit_widget (self, ib_detail_icon_button ("list-add-symbolic", add, "judgements.add-judgement", target)));
    }

  /* Translators: read out for a judgement row: the area, then its grade */
  summary = g_strdup_printf (_("%s: %s"), area_label,
                             grade != NULL ? ib_enum_label (&ib_enum_grade, grade) : C_("ofsted grade", "Not graded"));
  if (history != NULL)
    {
      g_autofree char *longer = g_strdup_printf ("%s. %s", summary, history);
      g_free (summary);
      summary = g_steal_pointer (&longer);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (action_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
  return action_row;
}

static void
add_grid (IbEngagementDetail *self,
          IbJudgementsModel  *model,
          IbRecord           *inspection)
{
  g_autoptr (GPtrArray) grid = ib_judgements_model_get_grid (model, ib_record_get_id (inspection));
  const char *framework = ib_record_get_string (inspection, "framework");
  g_autofree char *description = NULL;
  GtkWidget *group;

  if (!ib_inspection_kind_is_graded (ib_record_get_string (inspection, "kind")) && grid->len == 0)
    return;

  if (framework == NULL)
    description = g_strdup (_("Set the inspection’s framework to record its judgements: the areas Ofsted judges depend on it."));
  else
    /* Translators: %s is an Ofsted framework, e.g. "ILACS (2018)" */
    description = g_strdup_printf (_("The areas %s judges, each with its grade’s history when other inspections graded it too."),
                                   ib_enum_label (&ib_enum_framework, framework));

  group = ib_detail_new_group (_("Judgements"), description);
  for (guint i = 0; i < grid->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               grid_row (self, grid->pdata[i], ib_record_get_id (inspection)));
  gtk_box_append (GTK_BOX (self->content), group);
}

static GtkWidget *
finding_row (IbEngagementDetail *self,
             IbFindingLinks     *links)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *id = ib_record_get_id (links->finding);
  const char *text = ib_record_get_string (links->finding, "text");
  g_autoptr (GString) summary = g_string_new (text);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "finding");
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  ib_detail_add_label (GTK_BOX (box), text, NULL);

  for (guint i = 0; i < links->actions->len; i++)
    {
      g_autofree char *spoken = NULL;

      gtk_box_append (GTK_BOX (box), ib_detail_action_line (links->actions->pdata[i], &spoken));
      g_string_append_printf (summary, ". %s", spoken);
    }

  if (ib_finding_links_unanswered (links))
    {
      GtkWidget *badges = ib_badge_box_new ();
      GtkWidget *flag = ib_badge_new (_("No action answers this yet"), "dialog-warning-symbolic", "bad");

      ib_badge_box_add (badges, flag);
      gtk_box_append (GTK_BOX (box), badges);
      g_string_append_printf (summary, ". %s", ib_badge_get_text (IB_BADGE (flag)));
    }
  if (links->n_missing > 0)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u linked action is deleted or not on this device.",
                                                            "%u linked actions are deleted or not on this device.",
                                                            links->n_missing), links->n_missing);

      ib_detail_add_label (GTK_BOX (box), note, "dim-label");
      g_string_append_printf (summary, ". %s", note);
    }

  gtk_box_append (GTK_BOX (buttons),
                  ib_detail_text_button (_("_Link Actions…"), "judgements.link-finding", id, NULL));
  gtk_box_append (GTK_BOX (buttons), ib_detail_icon_button ("document-edit-symbolic", _("Edit the finding"),
                                                  "judgements.edit-finding", id));
  gtk_box_append (GTK_BOX (buttons), ib_detail_icon_button ("user-trash-symbolic", _("Delete the finding"),
                                                  "judgements.delete-finding", id));
  gtk_box_append (GTK_BOX (box), edit_widget (self, buttons));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, summary->str, -1);
  return row;
}

static void
add_findings (IbEngagementDetail *self,
              IbJudgementsModel  *model,
              IbRecord           *inspection)
{
  g_autoptr (GPtrArray) findings = ib_judgements_model_get_findings (model, ib_record_get_id (inspection));
  static const struct { const char *kind; const char *title; } kinds[] = {
    { "area_for_priority_action", N_("Areas for Priority Action") },
    { "what_needs_to_improve", N_("What Needs to Improve") },
    { "strength", N_("Strengths") },
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GtkWidget *group, *list;
      guint n = 0, n_unanswered = 0;
      g_autofree char *description = NULL;

      for (guint i = 0; i < findings->len; i++)
        {
          IbFindingLinks *links = findings->pdata[i];

          if (g_strcmp0 (ib_record_get_string (links->finding, "kind"), kinds[k].kind) != 0)
            continue;
          n++;
          n_unanswered += ib_finding_links_unanswered (links);
        }
      if (n == 0)
        continue;

      if (n_unanswered > 0)
        description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u has no action answering it.",
                                                    "%u have no action answering them.",
                                                    n_unanswered), n_unanswered);
      group = ib_detail_new_group (_(kinds[k].title), description);
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _(kinds[k].title), -1);
      for (guint i = 0; i < findings->len; i++)
        {
          IbFindingLinks *links = findings->pdata[i];

          if (g_strcmp0 (ib_record_get_string (links->finding, "kind"), kinds[k].kind) == 0)
            gtk_list_box_append (GTK_LIST_BOX (list), finding_row (self, links));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
      gtk_box_append (GTK_BOX (self->content), group);
    }
}

static guint
count_unanswered (IbJudgementsModel *model,
                  IbRecord          *inspection)
{
  g_autoptr (GPtrArray) findings = ib_judgements_model_get_findings (model, ib_record_get_id (inspection));
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += ib_finding_links_unanswered (findings->pdata[i]);
  return n;
}

static void
add_summary (IbEngagementDetail *self,
             IbRecord           *record)
{
  const char *summary = ib_record_get_string (record, "summary");

  if (summary != NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      ib_detail_add_label (GTK_BOX (box), C_("field", "Summary"), "heading");
      ib_detail_add_label (GTK_BOX (box), summary, NULL);
      gtk_box_append (GTK_BOX (self->content), box);
    }
}

static GtkWidget *
header_buttons (IbEngagementDetail *self,
                IbRecord           *record)
{
  GtkWidget *buttons = ib_badge_box_new ();  /* wraps when narrow */
  const char *id = ib_record_get_id (record);

  if (ib_record_get_string (record, "link") != NULL)
    gtk_box_append (GTK_BOX (buttons),
                    ib_detail_text_button (ib_record_get_record_type (record) == &ib_type_inspection
                                 ? _("_Open Letter or Report") : _("_Open Document"),
                                 "judgements.open-link", id, NULL));
  if (ib_record_get_record_type (record) == &ib_type_inspection)
    gtk_box_append (GTK_BOX (buttons),
                    edit_widget (self, ib_detail_text_button (_("Add _Finding…"), "judgements.add-finding", id, NULL)));
  gtk_box_append (GTK_BOX (buttons), edit_widget (self, ib_detail_text_button (_("_Edit…"), "judgements.edit", id, NULL)));
  gtk_box_append (GTK_BOX (buttons),
                  edit_widget (self, ib_detail_text_button (_("_Delete"), "judgements.delete", id, "destructive-action")));
  return buttons;
}

static void
show_inspection (IbEngagementDetail *self,
                 IbJudgementsModel  *model,
                 IbRecord           *inspection)
{
  g_autofree char *title = ib_format_engagement_title (inspection);
  g_autofree char *dates = ib_format_date_range (ib_record_get_string (inspection, "starts_on"),
                                                 ib_record_get_string (inspection, "ends_on"));
  g_autoptr (GPtrArray) grid = ib_judgements_model_get_grid (model, ib_record_get_id (inspection));
  IbRecord *during = ib_judgements_model_intervention_at (model, ib_record_get_string (inspection, "starts_on"));
  GtkWidget *badges = ib_badge_box_new ();
  guint n_unanswered = count_unanswered (model, inspection);
  GtkWidget *group;

  for (guint i = 0; i < grid->len; i++)
    {
      IbGridRow *row = grid->pdata[i];

      if (g_str_equal (row->area, "overall_effectiveness") && row->judgement != NULL)
        /* Translators: the overall effectiveness grade in a badge, e.g. "Overall: Inadequate" */
        ib_badge_box_add (badges, ib_badge_new_grade_aspect (C_("grade aspect", "Overall"),
                                                             ib_record_get_string (row->judgement, "grade")));
    }
  if (n_unanswered > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u finding without an action",
                                                            "%u findings without an action",
                                                            n_unanswered), n_unanswered);

      ib_badge_box_add (badges, ib_badge_new (text, "dialog-warning-symbolic", "bad"));
    }

  gtk_box_append (GTK_BOX (self->content), ib_detail_header (title, badges, header_buttons (self, inspection)));

  group = ib_detail_new_group (_("Details"), NULL);
  ib_detail_add_property (group, _("Dates"), dates);
  ib_detail_add_field (group, inspection, "framework");
  ib_detail_add_field (group, inspection, "theme");
  ib_detail_add_field (group, inspection, "lead_inspector");
  ib_detail_add_field (group, inspection, "published_on");
  if (during != NULL && g_strcmp0 (ib_record_get_string (during, "kind"), "lifted") != 0)
    {
      g_autofree char *name = ib_format_record_name (during);

      /* Translators: the DfE intervention in force when the visit began */
      ib_detail_add_property (group, _("Intervention at the time"), name);
    }
  gtk_box_append (GTK_BOX (self->content), group);

  add_summary (self, inspection);
  add_grid (self, model, inspection);
  add_findings (self, model, inspection);
}

static void
show_intervention (IbEngagementDetail *self,
                   IbJudgementsModel  *model,
                   IbRecord           *step)
{
  g_autofree char *title = ib_format_engagement_title (step);
  GtkWidget *group;

  gtk_box_append (GTK_BOX (self->content), ib_detail_header (title, NULL, header_buttons (self, step)));

  group = ib_detail_new_group (_("Details"), _("A step of the DfE’s intervention, in force from its date until the next step."));
  ib_detail_add_field (group, step, "starts_on");
  ib_detail_add_field (group, step, "instrument");
  ib_detail_add_field (group, step, "adviser");
  ib_detail_add_field (group, step, "review_on");
  gtk_box_append (GTK_BOX (self->content), group);

  add_summary (self, step);
}

static void
ib_engagement_detail_dispose (GObject *object)
{
  IbEngagementDetail *self = (IbEngagementDetail *) object;

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_pointer (&self->edit_widgets, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_engagement_detail_parent_class)->dispose (object);
}

static void
ib_engagement_detail_class_init (IbEngagementDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_engagement_detail_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ib_engagement_detail_init (IbEngagementDetail *self)
{
  self->edit_widgets = g_ptr_array_new ();
  self->can_edit = TRUE;
  self->stack = ib_detail_scaffold (GTK_WIDGET (self), "x-office-document-symbolic",
                                    _("No Engagement Selected"),
                                    _("Choose an inspection or visit to see its judgements and findings, and the actions that answer them."),
                                    &self->scroller, &self->content);
}

void
ib_engagement_detail_show (IbEngagementDetail *self,
                           IbJudgementsModel  *model,
                           IbRecord           *record)
{
  double position;

  g_return_if_fail (IB_IS_ENGAGEMENT_DETAIL (self));

  position = ib_detail_scaffold_begin (self->stack, self->scroller);
  clear_content (self);
  if (record == NULL || model == NULL)
    return;

  if (ib_record_get_record_type (record) == &ib_type_intervention)
    show_intervention (self, model, record);
  else
    show_inspection (self, model, record);

  /* Linking an action or changing a grade rebuilds the pane: keep the reader's place. */
  ib_detail_scaffold_end (self->stack, self->scroller, position);
}

void
ib_engagement_detail_set_can_edit (IbEngagementDetail *self,
                                   gboolean            can_edit)
{
  g_return_if_fail (IB_IS_ENGAGEMENT_DETAIL (self));

  self->can_edit = can_edit;
  for (guint i = 0; i < self->edit_widgets->len; i++)
    gtk_widget_set_visible (self->edit_widgets->pdata[i], can_edit);
}
