/* ib-engagement-detail.c
 *
 * The pane is a template updated in place; its judgement grid and findings are refilled, and
 * a button the focus was on there is found again. Grades are badges (text, shape and
 * colour); the history under each area is text, so it reads out as written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-engagement-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ib-badge.h"
#include "ib-detail-header.h"
#include "ib-detail-pane.h"
#include "ib-detail-util.h"
#include "ib-engagement-detail.h"
#include "ib-enums.h"
#include "ib-evidence.h"
#include "ib-field-row.h"
#include "ib-format.h"
#include "ib-national-grades.h"
#include "ib-wrap-layout.h"

struct _IbEngagementDetail
{
  IbDetailPane    parent_instance;

  /* template */
  IbDetailHeader *header;
  GtkWidget      *link_button;
  GtkWidget      *finding_button;
  GtkWidget      *edit_button;
  GtkWidget      *delete_button;
  GtkWidget      *details_group;
  IbFieldRow     *dates_row;
  IbFieldRow     *starts_on_row;
  IbFieldRow     *during_row;
  GtkWidget      *summary_box;
  GtkLabel       *summary_label;
  GtkWidget      *grid_group;
  GtkWidget      *priority_group;
  GtkWidget      *priority_list;
  GtkWidget      *improve_group;
  GtkWidget      *improve_list;
  GtkWidget      *strengths_group;
  GtkWidget      *strengths_list;

  /* owned */
  GPtrArray      *grid_rows;
  GPtrArray      *edit_widgets;  /* in the grid and findings: hidden for viewers */
};

G_DEFINE_FINAL_TYPE (IbEngagementDetail, ib_engagement_detail, IB_TYPE_DETAIL_PANE)

static GtkWidget *
edit_widget (IbEngagementDetail *self,
             GtkWidget          *widget)
{
  g_ptr_array_add (self->edit_widgets, widget);
  gtk_widget_set_visible (widget, ib_detail_pane_get_can_edit (IB_DETAIL_PANE (self)));
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

/* "3 Outstanding, 5 Good, 2 Requires improvement to be good, 1 Inadequate", or NULL for none. */
static char *
counts_text (const guint counts[4],
             guint       total)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (total == 0)
    return NULL;
  for (guint g = 0; g < 4; g++)
    if (counts[g] > 0)
      {
        g_string_append (text, text->len > 0 ? ", " : "");
        /* Translators: how many councils hold a grade: "3 Good" */
        g_string_append_printf (text, C_("grade count", "%u %s"), counts[g],
                                ib_enum_label (&ib_enum_grade, ib_enum_grade.values[g].code));
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Other councils' latest grades for @area, from an imported Ofsted summary: the council's
 * statistical neighbours', then England's; NULL when none is stored. */
static char *
others_text (IbJudgementsModel *model,
             const char        *area)
{
  IbStore *store = ib_judgements_model_get_store (model);
  const char *national = ib_national_area_for (area);
  guint counts[4];
  g_autofree char *neighbours = NULL, *england = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  if (national == NULL)
    return NULL;
  neighbours = counts_text (counts, ib_national_grades_neighbours (store, national, counts));
  england = counts_text (counts, ib_national_grades_distribution (store, national, counts));
  if (neighbours != NULL)
    /* Translators: the statistical neighbours' grades for a judgement area: "Statistical neighbours: 3 Good, 1 Inadequate" */
    g_string_append_printf (text, _("Statistical neighbours: %s"), neighbours);
  if (england != NULL)
    {
      g_string_append (text, text->len > 0 ? "\n" : "");
      /* Translators: every council's grades for a judgement area: "England: 40 Good, 12 Inadequate" */
      g_string_append_printf (text, _("England: %s"), england);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static GtkWidget *
grid_row (IbEngagementDetail *self,
          IbJudgementsModel  *model,
          IbGridRow          *row,
          const char         *inspection_id)
{
  GtkWidget *action_row = adw_action_row_new ();
  const char *area_label = ib_enum_label (&ib_enum_judgement_area, row->area);
  const char *grade = row->judgement != NULL ? ib_record_get_string (row->judgement, "grade") : NULL;
  g_autofree char *history = row->history->len > 1 ? history_text (row) : NULL;
  g_autofree char *others = others_text (model, row->area);
  g_autofree char *summary = NULL;
  g_autoptr (GString) subtitle = g_string_new (NULL);
  GtkWidget *badge = ib_badge_new_grade (grade);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), area_label);
  if (history != NULL)
    /* Translators: before a judgement area's grades across inspections */
    g_string_append_printf (subtitle, _("History: %s"), history);
  if (others != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? "\n" : "", others);
  if (subtitle->len > 0)
    {
      g_autofree char *escaped = g_markup_escape_text (subtitle->str, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), escaped);
    }
  gtk_widget_add_css_class (action_row, "judgement");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), badge);

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
  if (subtitle->len > 0)
    {
      g_autofree char *longer = g_strdup_printf ("%s. %s", summary, subtitle->str);
      g_free (summary);
      summary = g_steal_pointer (&longer);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (action_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
  return action_row;
}

static void
fill_grid (IbEngagementDetail *self,
           IbJudgementsModel  *model,
           GPtrArray          *grid)
{
  IbRecord *inspection = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  const char *framework = ib_record_get_string (inspection, "framework");
  g_autofree char *description = NULL;

  ib_detail_clear_rows (self->grid_rows);
  if (!ib_inspection_kind_is_graded (ib_record_get_string (inspection, "kind")) && grid->len == 0)
    {
      gtk_widget_set_visible (self->grid_group, FALSE);
      return;
    }

  if (framework == NULL)
    description = g_strdup (_("Set the inspection’s framework to record its judgements: the areas Ofsted judges depend on it."));
  else
    /* Translators: %s is an Ofsted framework, e.g. "ILACS (2018)" */
    description = g_strdup_printf (_("The areas %s judges, each with its grade’s history when other inspections graded it too, and other councils’ latest grades where an Ofsted summary was imported."),
                                   ib_enum_label (&ib_enum_framework, framework));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->grid_group), description);
  for (guint i = 0; i < grid->len; i++)
    ib_detail_group_add_row (self->grid_group, self->grid_rows,
                             grid_row (self, model, grid->pdata[i], ib_record_get_id (inspection)));
  gtk_widget_set_visible (self->grid_group, TRUE);
}

/* One KPI an action claims to move, as the finding's trail reads it: "CLA_N" with which way it
 * went since the action started and whether it is on target. */
static GtkWidget *
trace_kpi_badges (IbEvidenceKpi *k,
                  GString       *spoken)
{
  GtkWidget *badges = ib_badge_box_new ();
  GtkWidget *code = gtk_label_new (ib_record_get_string (k->indicator, "code"));
  GtkWidget *trend = NULL;

  ib_detail_set_tooltip (code, ib_record_get_string (k->indicator, "title"));
  gtk_box_append (GTK_BOX (badges), code);
  g_string_append_printf (spoken, ". %s", ib_record_get_string (k->indicator, "title"));
  if (k->from_period != NULL && g_strcmp0 (k->from_period, k->latest_period) != 0)
    trend = ib_badge_new_trend (ib_record_get_string (k->indicator, "polarity"), ib_kpi_trend (k->from, k->latest));
  else if (k->latest_period == NULL)
    trend = ib_badge_new (_("No figures yet"), "content-loading-symbolic", "neutral");
  if (trend != NULL)
    {
      ib_badge_box_add (badges, trend);
      g_string_append_printf (spoken, ", %s", ib_badge_get_text (IB_BADGE (trend)));
    }
  if (k->latest_period != NULL)
    {
      GtkWidget *target = ib_badge_new_target (k->status);

      ib_badge_box_add (badges, target);
      g_string_append_printf (spoken, ", %s", ib_badge_get_text (IB_BADGE (target)));
    }
  return badges;
}

/* The trail from a finding through one action that answers it: the action with its RAG (opening
 * it in the plan), the KPIs it claims to move with their direction, and what that evidence says. */
static GtkWidget *
trace_action (IbStore   *store,
              IbRecord  *action,
              GString   *summary)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr (IbEvidence) evidence = ib_evidence_for_action (store, ib_record_get_id (action), NULL);
  g_autofree char *spoken = NULL, *open_name = NULL;
  GtkWidget *line = ib_detail_action_line (action, &spoken);
  GtkWidget *go = gtk_button_new_from_icon_name ("go-next-symbolic");

  gtk_widget_set_hexpand (line, TRUE);
  gtk_box_append (GTK_BOX (head), line);
  /* Translators: a button's name for screen readers, e.g. "Open Action 4: Amber, Audit practice in the Action Plan" */
  open_name = g_strdup_printf (_("Open %s in the Action Plan"), spoken);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (go), "win.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (go), "(ss)", "plan", ib_record_get_id (action));
  ib_detail_set_tooltip (go, open_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (go), GTK_ACCESSIBLE_PROPERTY_LABEL, open_name, -1);
  gtk_widget_set_valign (go, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (go, "flat");
  gtk_box_append (GTK_BOX (head), go);
  gtk_box_append (GTK_BOX (box), head);
  g_string_append_printf (summary, ". %s", spoken);

  if (evidence != NULL)
    {
      g_autofree char *sentence = ib_evidence_describe (evidence);
      GtkWidget *trail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

      /* The KPIs hang under the action they are the evidence of. */
      gtk_widget_set_margin_start (trail, 18);
      gtk_widget_add_css_class (trail, "trace");
      for (guint i = 0; i < evidence->kpis->len; i++)
        gtk_box_append (GTK_BOX (trail), trace_kpi_badges (evidence->kpis->pdata[i], summary));
      if (evidence->flagged)
        {
          GtkWidget *badges = ib_badge_box_new ();

          ib_badge_box_add (badges, ib_badge_new_not_improving ());
          gtk_box_append (GTK_BOX (trail), badges);
        }
      ib_detail_add_label (GTK_BOX (trail), sentence, "dim-label");
      g_string_append_printf (summary, ". %s", sentence);
      gtk_box_append (GTK_BOX (box), trail);
    }
  return box;
}

/* The first words of a finding's @text, for a reader to tell its buttons from the next one's. */
static char *
finding_opening (const char *text)
{
  const glong most = 40;

  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) <= most)
    return g_strdup (text);
  {
    g_autofree char *start = g_utf8_substring (text, 0, most);

    return g_strconcat (g_strchomp (start), "…", NULL);
  }
}

static GtkWidget *
finding_row (IbEngagementDetail *self,
             IbStore            *store,
             IbFindingLinks     *links)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *id = ib_record_get_id (links->finding);
  const char *text = ib_record_get_string (links->finding, "text");
  gint64 paragraph = ib_record_get_int (links->finding, "paragraph", 0);
  g_autoptr (GString) summary = g_string_new (NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "finding");
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  if (paragraph > 0)
    {
      g_autofree char *para = ib_detail_paragraph (paragraph);

      /* Cited as the report cites it, so the board can find it there. */
      ib_detail_add_label (GTK_BOX (box), para, "caption-heading");
      g_string_append_printf (summary, "%s. ", para);
    }
  ib_detail_add_label (GTK_BOX (box), text, NULL);
  g_string_append (summary, text);

  for (guint i = 0; i < links->actions->len; i++)
    gtk_box_append (GTK_BOX (box), trace_action (store, links->actions->pdata[i], summary));

  if (ib_evidence_finding_stalled (store, id, NULL))
    {
      GtkWidget *badges = ib_badge_box_new ();
      /* Translators: a finding whose actions are all complete but whose KPIs have not moved */
      GtkWidget *flag = ib_badge_new (_("Actions complete, KPIs not moved"), "ib-watermelon-symbolic", "watermelon");

      ib_badge_box_add (badges, flag);
      gtk_box_append (GTK_BOX (box), badges);
      g_string_append_printf (summary, ". %s", ib_badge_get_text (IB_BADGE (flag)));
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

  /* Wrapped: "Link Actions…" in Welsh and its two icons are wider than a phone. */
  gtk_widget_set_layout_manager (buttons, ib_wrap_layout_new (6));
  {
    /* Every finding has the same three buttons: a reader hears which finding each is for. */
    g_autofree char *which = paragraph > 0 ? ib_detail_paragraph (paragraph) : finding_opening (text);
    GtkWidget *link = ib_detail_text_button (_("_Link Actions…"), "judgements.link-finding", id, NULL);
    GtkWidget *edit = ib_detail_icon_button ("document-edit-symbolic", _("Edit the finding"), "judgements.edit-finding", id);
    GtkWidget *delete = ib_detail_icon_button ("user-trash-symbolic", _("Delete the finding"), "judgements.delete-finding", id);
    /* Translators: a screen reader's name for a finding's Edit button; %s says which finding,
     * "para 44" or its first words */
    g_autofree char *edit_name = g_strdup_printf (_("Edit the finding: %s"), which);
    /* Translators: a screen reader's name for a finding's Delete button; %s says which finding,
     * "para 44" or its first words */
    g_autofree char *delete_name = g_strdup_printf (_("Delete the finding: %s"), which);

    gtk_accessible_update_property (GTK_ACCESSIBLE (link), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, which, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, edit_name, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, delete_name, -1);
    gtk_box_append (GTK_BOX (buttons), link);
    gtk_box_append (GTK_BOX (buttons), edit);
    gtk_box_append (GTK_BOX (buttons), delete);
  }
  gtk_box_append (GTK_BOX (box), edit_widget (self, buttons));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, summary->str, -1);
  return row;
}

static void
fill_findings (IbEngagementDetail *self,
               IbJudgementsModel  *model)
{
  IbRecord *record = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  g_autoptr (GPtrArray) findings = ib_judgements_model_get_findings (model, ib_record_get_id (record));
  IbStore *store = ib_view_model_get_store (IB_VIEW_MODEL (model));
  const struct { const char *kind; GtkWidget *group; GtkWidget *list; } kinds[] = {
    { "area_for_priority_action", self->priority_group, self->priority_list },
    { "what_needs_to_improve", self->improve_group, self->improve_list },
    { "strength", self->strengths_group, self->strengths_list },
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      guint n = 0, n_unanswered = 0;
      g_autofree char *description = NULL;

      ib_detail_clear (kinds[k].list);
      for (guint i = 0; i < findings->len; i++)
        {
          IbFindingLinks *links = findings->pdata[i];

          if (g_strcmp0 (ib_record_get_string (links->finding, "kind"), kinds[k].kind) != 0)
            continue;
          n++;
          n_unanswered += ib_finding_links_unanswered (links);
          gtk_list_box_append (GTK_LIST_BOX (kinds[k].list), finding_row (self, store, links));
        }

      if (n_unanswered > 0)
        description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u has no action answering it.",
                                                    "%u have no action answering them.",
                                                    n_unanswered), n_unanswered);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (kinds[k].group), description);
      gtk_widget_set_visible (kinds[k].group, n > 0);
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
fill_header (IbEngagementDetail *self,
             IbJudgementsModel  *model,
             GPtrArray          *grid)
{
  IbRecord *record = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  GtkWidget *badges = ib_detail_header_get_badges (self->header);
  gboolean inspection = ib_record_get_record_type (record) == &ib_type_inspection;
  g_autofree char *title = ib_format_engagement_title (record);
  const char *id = ib_record_get_id (record);
  GtkWidget *buttons[] = { self->link_button, self->finding_button, self->edit_button, self->delete_button };

  ib_detail_header_set_title (self->header, title);

  ib_badge_box_clear (badges);
  for (guint i = 0; inspection && i < grid->len; i++)
    {
      IbGridRow *row = grid->pdata[i];

      if (g_str_equal (row->area, "overall_effectiveness") && row->judgement != NULL)
        /* Translators: the overall effectiveness grade in a badge, e.g. "Overall: Inadequate" */
        ib_badge_box_add (badges, ib_badge_new_grade_aspect (C_("grade aspect", "Overall"),
                                                             ib_record_get_string (row->judgement, "grade")));
    }
  if (inspection)
    {
      guint n_unanswered = count_unanswered (model, record);

      if (n_unanswered > 0)
        {
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u finding without an action",
                                                                "%u findings without an action",
                                                                n_unanswered), n_unanswered);

          ib_badge_box_add (badges, ib_badge_new (text, "dialog-warning-symbolic", "bad"));
        }
    }
  /* An intervention step is not graded: it has no badges. */
  gtk_widget_set_visible (badges, inspection);

  gtk_button_set_label (GTK_BUTTON (self->link_button), inspection ? _("_Open Letter or Report") : _("_Open Document"));
  gtk_widget_set_visible (self->link_button, ib_record_get_string (record, "link") != NULL);
  gtk_widget_set_visible (self->finding_button, inspection && ib_detail_pane_get_can_edit (IB_DETAIL_PANE (self)));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (buttons[i]), "s", id);
}

static void
fill_details (IbEngagementDetail *self,
              IbJudgementsModel  *model)
{
  IbRecord *record = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  gboolean inspection = ib_record_get_record_type (record) == &ib_type_inspection;
  IbRecord *during = NULL;
  g_autofree char *dates = NULL, *during_name = NULL;
  const char *summary = ib_record_get_string (record, "summary");

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->details_group),
                                         inspection ? NULL : _("A step of the DfE’s intervention, in force from its date until the next step."));
  if (inspection)
    {
      dates = ib_format_date_range (ib_record_get_string (record, "starts_on"),
                                    ib_record_get_string (record, "ends_on"));
      during = ib_judgements_model_intervention_at (model, ib_record_get_string (record, "starts_on"));
      if (during != NULL && g_strcmp0 (ib_record_get_string (during, "kind"), "lifted") != 0)
        during_name = ib_format_record_name (during);
    }
  /* An inspection's dates are a range; an intervention step starts on one day. */
  ib_field_row_set_value (self->dates_row, dates);
  g_object_set (self->starts_on_row, "record", inspection ? NULL : record, NULL);
  ib_field_row_set_value (self->during_row, during_name);

  gtk_label_set_label (self->summary_label, summary != NULL ? summary : "");
  gtk_widget_set_visible (self->summary_box, summary != NULL);
}

static void
ib_engagement_detail_dispose (GObject *object)
{
  IbEngagementDetail *self = (IbEngagementDetail *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_ENGAGEMENT_DETAIL);
  g_clear_pointer (&self->grid_rows, g_ptr_array_unref);
  g_clear_pointer (&self->edit_widgets, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_engagement_detail_parent_class)->dispose (object);
}

static void
can_edit_changed (IbDetailPane *pane)
{
  IbEngagementDetail *self = IB_ENGAGEMENT_DETAIL (pane);
  IbRecord *record = ib_detail_pane_get_record (pane);
  gboolean can_edit = ib_detail_pane_get_can_edit (pane);

  for (guint i = 0; i < self->edit_widgets->len; i++)
    gtk_widget_set_visible (self->edit_widgets->pdata[i], can_edit);
  gtk_widget_set_visible (self->finding_button, can_edit && record != NULL &&
                          ib_record_get_record_type (record) == &ib_type_inspection);
}

static void
ib_engagement_detail_class_init (IbEngagementDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_engagement_detail_dispose;
  IB_DETAIL_PANE_CLASS (klass)->can_edit_changed = can_edit_changed;

  g_type_ensure (IB_TYPE_DETAIL_HEADER);
  g_type_ensure (IB_TYPE_FIELD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-engagement-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, header);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, link_button);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, finding_button);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, edit_button);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, delete_button);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, details_group);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, dates_row);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, starts_on_row);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, during_row);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, summary_box);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, grid_group);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, priority_group);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, priority_list);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, improve_group);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, improve_list);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, strengths_group);
  gtk_widget_class_bind_template_child (widget_class, IbEngagementDetail, strengths_list);
}

static void
ib_engagement_detail_init (IbEngagementDetail *self)
{
  self->grid_rows = g_ptr_array_new ();
  self->edit_widgets = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
ib_engagement_detail_show (IbEngagementDetail *self,
                           IbJudgementsModel  *model,
                           IbRecord           *record)
{
  g_autoptr (GPtrArray) grid = NULL;
  gboolean inspection;

  g_return_if_fail (IB_IS_ENGAGEMENT_DETAIL (self));

  if (record == NULL || model == NULL)
    {
      ib_detail_pane_show_empty (IB_DETAIL_PANE (self));
      return;
    }

  /* Linking an action or changing a grade refills the grid and findings: keep the reader's
   * place and the button they used. */
  ib_detail_pane_begin (IB_DETAIL_PANE (self), record);
  inspection = ib_record_get_record_type (record) == &ib_type_inspection;
  grid = inspection ? ib_judgements_model_get_grid (model, ib_record_get_id (record)) : g_ptr_array_new ();
  g_ptr_array_set_size (self->edit_widgets, 0);
  fill_header (self, model, grid);
  fill_details (self, model);
  if (inspection)
    {
      fill_grid (self, model, grid);
      fill_findings (self, model);
    }
  else
    {
      GtkWidget *lists[] = { self->priority_list, self->improve_list, self->strengths_list };
      GtkWidget *groups[] = { self->grid_group, self->priority_group, self->improve_group, self->strengths_group };

      ib_detail_clear_rows (self->grid_rows);
      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        ib_detail_clear (lists[i]);
      for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
        gtk_widget_set_visible (groups[i], FALSE);
    }
  ib_detail_pane_show (IB_DETAIL_PANE (self));
}
