/* ib-overview-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-overview-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ib-badge.h"
#include "ib-columns-layout.h"
#include "ib-detail-util.h"
#include "ib-enums.h"
#include "ib-format.h"
#include "ib-line-layout.h"
#include "ib-overview.h"
#include "ib-overview-page.h"
#include "ib-pack.h"
#include "ib-pack-diff.h"
#include "ib-record-editor.h"
#include "ib-risk.h"
#include "ib-view.h"

/* The Overview is a glance: the furthest-off KPIs, then a count of the rest. */
#define MAX_KPI_ROWS 8

/* Two columns from a window about 1100 px wide; a column no wider than a preferences page
 * reads comfortably. */
#define TWO_COLUMNS_FROM 1040
#define MAX_COLUMN_WIDTH 640
#define COLUMN_SPACING   24

struct _IbOverviewPage
{
  GtkWidget            parent_instance;

  /* template */
  GtkWidget           *scroller;   /* bound so gtk_widget_dispose_template () unparents it */
  GtkWidget           *columns;
  AdwPreferencesGroup *sample_group;
  GtkLabel            *sample_label;
  AdwPreferencesGroup *judgements_group;
  AdwPreferencesGroup *plan_group;
  AdwPreferencesGroup *since_group;
  AdwPreferencesGroup *kpis_group;
  AdwPreferencesGroup *risks_group;
  GtkWidget           *edit_plan_button;

  /* owned */
  char                *plan_id;
  GPtrArray           *rows;       /* GtkWidget rows we added, with their group as data */
  guint                refresh_id;
  gint64               refreshed_at; /* when a change last had the figures read (monotonic µs) */
  GCancellable        *reading;    /* the first figures, read on a worker thread, or NULL */
  gulong               painted_id; /* waits for the first frame before reading them */
  IbOverview          *showing;    /* figures being put on the page, a group a frame, or NULL */
  guint                show_stage; /* the group of them to show next */
  guint                show_tick_id;
  gboolean             show_waits; /* the next tick is the frame laying out the first group */
};

static void ib_overview_page_view_init (IbViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbOverviewPage, ib_overview_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_VIEW, ib_overview_page_view_init))

static void refresh (IbOverviewPage *self);

static void
edit_plan_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IbOverviewPage *self = IB_OVERVIEW_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  static const char * const fields[] = { "title", "version_label", "status", "starts_on", "ends_on", NULL };
  IbRecordEditor *editor;

  if (store == NULL || self->plan_id == NULL || !ib_view_get_can_edit (IB_VIEW (self)))
    return;

  editor = ib_record_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), store,
                                 &ib_type_plan, self->plan_id, fields);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_row (IbOverviewPage      *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  ib_detail_group_add_row (GTK_WIDGET (group), self->rows, row);
}

/* A row laid out by libadwaita's own GtkBox: for one whose suffix is a badge that wraps on its
 * own (a grade), whose width follows the row's height, which IbLineLayout does not ask. */
static GtkWidget *
boxed_row (const char *title,
           const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  return row;
}

/* A row for suffixes that wrap only inside a badge box (or not at all). Its header, a GtkBox,
 * searched for its height over the wrapping title at every measure: 22-27 ms for the KPI or
 * risk group's rows in a frame of their own. IbLineLayout shares the width out as that box
 * does, at a layout or two of the title. */
static GtkWidget *
action_row (const char *title,
            const char *subtitle)
{
  GtkWidget *row = boxed_row (title, subtitle);

  ib_line_layout_take_action_row (ADW_ACTION_ROW (row));
  return row;
}

/* Makes @row open @target in @view ("win.open"), from the mouse and from Enter or Space, with
 * an arrow saying it leads somewhere. */
static GtkWidget *
link_row (GtkWidget  *row,
          const char *view,
          const char *target)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(ss)", view, target);
  if (ADW_IS_ACTION_ROW (row))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

/* Marks what the reader must not take as fact (invented demo content) or must not
 * repeat in public (Exempt information), in words as well as style: in @box (a badge box)
 * when given, so the tags wrap with the row's badges, else at the row's end. */
static void
add_provenance_tags (GtkWidget *row,
                     GtkWidget *box,
                     IbRecord  *record)
{
  if (g_strcmp0 (ib_record_get_class (record), "exempt") == 0)
    {
      g_autofree char *text = g_strdup_printf (_("Exempt, paragraph %d"),
                                               ib_record_get_exempt_paragraph (record));
      GtkWidget *tag = gtk_label_new (text);

      gtk_widget_add_css_class (tag, "tag");
      gtk_widget_add_css_class (tag, "exempt");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      if (box != NULL)
        ib_badge_box_add (box, tag);
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }

  if (ib_record_get_bool (record, "sample"))
    {
      /* Translators: marks invented demo content that is not a fact about the council */
      GtkWidget *tag = gtk_label_new (C_("provenance", "Sample"));

      gtk_widget_add_css_class (tag, "tag");
      gtk_widget_add_css_class (tag, "sample");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      ib_detail_set_tooltip (tag, _("Invented for the demo; not a fact about the council"));
      if (box != NULL)
        ib_badge_box_add (box, tag);
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
}

static GtkWidget *
empty_row (const char *text)
{
  GtkWidget *row = action_row (text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static GtkWidget *
count_label (guint n)
{
  g_autofree char *text = g_strdup_printf ("%u", n);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static char *
describe_engagement (IbRecord *inspection)
{
  g_autofree char *dates = ib_format_date_range (ib_record_get_string (inspection, "starts_on"),
                                                 ib_record_get_string (inspection, "ends_on"));
  const char *kind = ib_record_get_string (inspection, "kind");
  const char *theme = ib_record_get_string (inspection, "theme");
  gint64 number = ib_record_get_int (inspection, "visit_number", 0);
  g_autofree char *what = NULL;

  if (g_strcmp0 (kind, "monitoring_visit") == 0 && number > 0)
    /* Translators: %d is the number of the monitoring visit, e.g. "Monitoring visit 2" */
    what = g_strdup_printf (_("Monitoring visit %d"), (int) number);
  else
    what = g_strdup (ib_enum_label (&ib_enum_inspection_kind, kind));

  if (theme != NULL)
    /* Translators: engagement kind, dates, theme */
    return g_strdup_printf (C_("engagement", "%s · %s · %s"), what, dates, theme);

  return g_strdup_printf (C_("engagement", "%s · %s"), what, dates);
}

static void
fill_judgements (IbOverviewPage *self,
                 IbOverview     *overview)
{
  if (overview->judged_inspection == NULL)
    {
      adw_preferences_group_set_description (self->judgements_group, NULL);
      add_row (self, self->judgements_group,
               link_row (empty_row (_("No Ofsted judgements recorded yet")), "judgements", "all"));
    }
  else
    {
      g_autofree char *description = describe_engagement (overview->judged_inspection);
      const char *framework = ib_record_get_string (overview->judged_inspection, "framework");
      g_autofree char *full = NULL;

      if (framework != NULL)
        full = g_strdup_printf (C_("engagement", "%s · %s"), description,
                                ib_enum_label (&ib_enum_framework, framework));
      adw_preferences_group_set_description (self->judgements_group, full ? full : description);

      for (guint i = 0; i < overview->judgements->len; i++)
        {
          IbRecord *judgement = overview->judgements->pdata[i];
          GtkWidget *row = boxed_row (ib_enum_label (&ib_enum_judgement_area,
                                                     ib_record_get_string (judgement, "area")),
                                      NULL);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     ib_badge_new_grade (ib_record_get_string (judgement, "grade")));
          link_row (row, "judgements", ib_record_get_id (overview->judged_inspection));
          add_row (self, self->judgements_group, row);
        }
    }

  if (overview->latest_engagement != NULL &&
      overview->latest_engagement != overview->judged_inspection &&
      g_strcmp0 (ib_record_get_id (overview->latest_engagement),
                 overview->judged_inspection ? ib_record_get_id (overview->judged_inspection) : NULL) != 0)
    {
      g_autofree char *text = describe_engagement (overview->latest_engagement);
      GtkWidget *row = action_row (_("Latest engagement"), text);

      link_row (row, "judgements", ib_record_get_id (overview->latest_engagement));
      add_row (self, self->judgements_group, row);
    }
}

/* The plan's roll-up as badges, each a button opening the plan filtered to that rating. */
static GtkWidget *
rag_count_box (IbOverview *overview)
{
  GtkWidget *box = ib_badge_box_new ();
  struct { const char *code; const char *filter; guint n; } parts[] = {
    { "red", "rag:red", overview->n_red },
    { "amber", "rag:amber", overview->n_amber },
    { "green", "rag:green", overview->n_green },
    { "complete", "rag:complete", overview->n_complete },
    { NULL, "rag:none", overview->n_unrated },
  };

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      GtkWidget *badge, *button;
      g_autofree char *name = NULL;

      if (parts[i].code == NULL && parts[i].n == 0)
        continue;
      badge = ib_badge_new_rag_count (parts[i].code, parts[i].n);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), badge);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "badge-button");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", "plan", parts[i].filter);
      /* Translators: what a RAG count on the Overview does, e.g. "1 Red: show these actions in the Action Plan" */
      name = g_strdup_printf (_("%s: show these actions in the Action Plan"), ib_badge_get_text (IB_BADGE (badge)));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      ib_detail_set_tooltip (button, name);
      gtk_box_append (GTK_BOX (box), button);
    }

  return box;
}

/* Delivered but not improving: a count that opens the plan filtered to those actions. Only a
 * count above zero is a warning. */
static GtkWidget *
not_improving_row (guint n)
{
  GtkWidget *row = action_row (C_("evidence", "Delivered, not improving"),
                               _("Green or complete, but their KPIs are off target or worse since they started, "
                                 "or their latest statement rates the impact Red or Amber"));

  gtk_widget_set_name (row, "not-improving");
  if (n == 0)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label (0));
  else
    {
      g_autofree char *count = g_strdup_printf ("%u", n);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), ib_badge_new (count, "ib-watermelon-symbolic", "watermelon"));
    }
  ib_detail_set_tooltip (row, _("Show these actions in the Action Plan"));
  return link_row (row, "plan", "not-improving");
}

static void
fill_plan (IbOverviewPage *self,
           IbOverview     *overview)
{
  g_autofree char *summary = NULL;
  g_autofree char *sentence = NULL;
  GtkWidget *row;

  g_free (self->plan_id);
  self->plan_id = overview->plan != NULL ? g_strdup (ib_record_get_id (overview->plan)) : NULL;
  gtk_widget_set_visible (self->edit_plan_button, ib_view_get_can_edit (IB_VIEW (self)) && self->plan_id != NULL);

  if (overview->plan == NULL)
    {
      adw_preferences_group_set_description (self->plan_group, NULL);
      add_row (self, self->plan_group, link_row (empty_row (_("No plan yet")), "plan", "all"));
      return;
    }

  {
    const char *label = ib_record_get_string (overview->plan, "version_label");
    g_autofree char *desc = label
      ? g_strdup_printf (C_("plan title and version", "%s (%s)"), ib_record_get_string (overview->plan, "title"), label)
      : g_strdup (ib_record_get_string (overview->plan, "title"));

    adw_preferences_group_set_description (self->plan_group, desc);
  }

  /* Translators: the short roll-up the board reads, e.g. "11 G / 3 A / 1 R / 2 complete". G, A and
   * R are the initials of Green, Amber and Red in RAG ratings */
  summary = g_strdup_printf (_("%u G / %u A / %u R / %u complete"),
                             overview->n_green, overview->n_amber, overview->n_red, overview->n_complete);
  sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action", "%u actions", overview->n_actions),
                              overview->n_actions);

  row = action_row (sentence, summary);
  gtk_widget_set_name (row, "plan-rag-summary");
  add_provenance_tags (row, NULL, overview->plan);
  add_row (self, self->plan_group, link_row (row, "plan", "all"));

  {
    GtkWidget *counts = rag_count_box (overview);
    GtkWidget *list_row = adw_preferences_row_new ();

    /* Its badges are the links: the row only holds them. */
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
    gtk_widget_set_name (list_row, "plan-rag-counts");
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), counts);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (list_row), summary);
    gtk_accessible_update_property (GTK_ACCESSIBLE (list_row), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
    add_row (self, self->plan_group, list_row);
  }

  row = action_row (_("Overdue actions"), _("Past their due date and not complete"));
  gtk_widget_set_name (row, "overdue-actions");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label (overview->n_overdue));
  add_row (self, self->plan_group, link_row (row, "plan", "overdue"));

  {
    g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "No position statement in the last %u week",
                                                           "No position statement in the last %u weeks",
                                                           IB_OVERVIEW_STALE_WEEKS),
                                              IB_OVERVIEW_STALE_WEEKS);

    row = action_row (title, _("Open actions whose accountable officer has not reported recently"));
    gtk_widget_set_name (row, "stale-actions");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label (overview->n_stale));
    add_row (self, self->plan_group, link_row (row, "plan", "stale"));
  }

  add_row (self, self->plan_group, not_improving_row (overview->n_not_improving));
}

static void
fill_kpis (IbOverviewPage *self,
           IbOverview     *overview)
{
  if (overview->kpis_off_target->len == 0)
    {
      add_row (self, self->kpis_group, link_row (empty_row (_("No KPI is off target")), "kpis", "all"));
      return;
    }

  for (guint i = 0; i < MIN (overview->kpis_off_target->len, MAX_KPI_ROWS); i++)
    {
      IbKpiSummary *kpi = overview->kpis_off_target->pdata[i];
      g_autofree char *value = ib_format_value (kpi->indicator, kpi->latest);
      g_autofree char *target = ib_format_value (kpi->indicator, ib_record_get_double (kpi->indicator, "target"));
      g_autofree char *period = ib_format_period (kpi->period);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* Translators: "March 2022: 31% against a target of 20%" */
      subtitle = g_strdup_printf (_("%s: %s against a target of %s"), period, value, target);
      row = action_row (ib_record_get_string (kpi->indicator, "title"), subtitle);
      {
        /* The tags and badges wrap onto more lines when narrow: side by side they took the
         * title's width at 360 px and broke it one letter per line. */
        GtkWidget *badges = ib_badge_box_new ();

        add_provenance_tags (row, badges, kpi->indicator);

        ib_badge_box_add (badges, ib_badge_new_trend (ib_record_get_string (kpi->indicator, "polarity"), kpi->trend));
        ib_badge_box_add (badges, ib_badge_new_target (kpi->status));
        gtk_widget_set_valign (badges, GTK_ALIGN_CENTER);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), badges);
      }
      add_row (self, self->kpis_group, link_row (row, "kpis", ib_record_get_id (kpi->indicator)));
    }

  if (overview->kpis_off_target->len > MAX_KPI_ROWS)
    {
      guint more = overview->kpis_off_target->len - MAX_KPI_ROWS;
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u more KPI off target",
                                                             "%u more KPIs off target", more), more);

      add_row (self, self->kpis_group, link_row (empty_row (title), "kpis", "all"));
    }
}

static void
fill_risks (IbOverviewPage *self,
            IbOverview     *overview)
{
  GtkWidget *row;

  if (overview->top_risks->len == 0)
    {
      add_row (self, self->risks_group, link_row (empty_row (_("No open risks")), "risks", "all"));
      return;
    }

  for (guint i = 0; i < overview->top_risks->len; i++)
    {
      IbRecord *risk = overview->top_risks->pdata[i];
      gint64 l = ib_record_get_int (risk, "residual_l", 0);
      gint64 im = ib_record_get_int (risk, "residual_i", 0);
      int score = ib_risk_score (l, im);
      g_autofree char *title = g_strdup_printf (C_("risk ref and title", "%s %s"),
                                                ib_record_get_string (risk, "ref"),
                                                ib_record_get_string (risk, "title"));
      g_autofree char *subtitle = NULL;

      if (score > 0)
        /* Translators: risk owner, then residual likelihood × impact = score, e.g. "Head of MASH · residual 3 × 5 = 15" */
        subtitle = g_strdup_printf (_("%s · residual %d × %d = %d"), ib_record_get_string (risk, "owner"),
                                    (int) l, (int) im, score);
      else
        subtitle = g_strdup (ib_record_get_string (risk, "owner"));

      row = action_row (title, subtitle);
      {
        GtkWidget *badges = ib_badge_box_new ();

        add_provenance_tags (row, badges, risk);
        ib_badge_box_add (badges, ib_badge_new_band (ib_risk_band (score)));
        gtk_widget_set_valign (badges, GTK_ALIGN_CENTER);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), badges);
      }
      add_row (self, self->risks_group, link_row (row, "risks", ib_record_get_id (risk)));
    }

  row = action_row (_("Reviews overdue"), _("Open risks past their next review date"));
  gtk_widget_set_name (row, "reviews-overdue");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label (overview->n_reviews_overdue));
  add_row (self, self->risks_group, link_row (row, "risks", "reviews-overdue"));
}

/* How one topic of "since the last board" reads: its view, and its two counts in words. */
typedef struct
{
  const char *title;
  const char *name;     /* the row's widget name */
  const char *view;
  const char *better_icon;
  const char *worse_icon;
} SinceTopic;

static char *
since_count_text (IbSinceTopic topic,
                  gboolean     better,
                  guint        n)
{
  switch (topic)
    {
    case IB_SINCE_ACTIONS:
      /* Translators: actions whose RAG rating rose (or that were completed) since the last board */
      return better ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u better", "%u better", n), n)
      /* Translators: actions whose RAG rating fell since the last board */
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u worse", "%u worse", n), n);
    case IB_SINCE_KPIS:
      /* Translators: KPIs that moved the better way since the last board */
      return better ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u improving", "%u improving", n), n)
      /* Translators: KPIs that moved the worse way since the last board */
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u worsening", "%u worsening", n), n);
    case IB_SINCE_RISKS:
    case IB_SINCE_N_TOPICS:
    default:
      /* Translators: risks whose residual score fell (or that were closed) since the last board */
      return better ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u down", "%u down", n), n)
      /* Translators: risks whose residual score rose since the last board */
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u up", "%u up", n), n);
    }
}

/* A count as a badge: an arrow and words, coloured only when above zero. */
static GtkWidget *
since_badge (IbSinceTopic  topic,
             gboolean      better,
             guint         n,
             const char   *icon)
{
  g_autofree char *text = since_count_text (topic, better, n);

  return ib_badge_new (text, icon, n == 0 ? "neutral" : better ? "good" : "bad");
}

/* One changed record: the pack's own sentence, opening the record. */
static GtkWidget *
since_change_row (JsonObject *change,
                  const char *view,
                  const char *icon)
{
  g_autofree char *sentence = ib_pack_describe_change (change);
  const char *key = ib_pack_member_string (change, "key");
  GtkWidget *row = action_row (sentence, NULL);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  return key != NULL ? link_row (row, view, key) : row;
}

/* The changes behind a topic's counts, kept on its expander row until it is first opened. */
typedef struct
{
  const SinceTopic *topic;   /* static */
  GPtrArray        *worse;   /* JsonObject, owned */
  GPtrArray        *better;
} SinceChanges;

static void
since_changes_free (gpointer data)
{
  SinceChanges *changes = data;

  g_ptr_array_unref (changes->worse);
  g_ptr_array_unref (changes->better);
  g_free (changes);
}

static GPtrArray *
ref_changes (GPtrArray *changes)
{
  GPtrArray *copy = g_ptr_array_new_full (changes->len, (GDestroyNotify) json_object_unref);

  for (guint i = 0; i < changes->len; i++)
    g_ptr_array_add (copy, json_object_ref (changes->pdata[i]));
  return copy;
}

/* The rows of the changes go in when the counts are first opened, not before: on a large plan
 * there are hundreds, each row's text laid out (a closed expander still measures its rows) in
 * the frame that showed the figures, at start-up and after every sync. */
static void
on_since_expanded_cb (AdwExpanderRow *row)
{
  SinceChanges *changes = g_object_get_data (G_OBJECT (row), "ib-since-changes");

  if (changes == NULL || !adw_expander_row_get_expanded (row))
    return;
  for (guint i = 0; i < changes->worse->len; i++)
    adw_expander_row_add_row (row, since_change_row (changes->worse->pdata[i], changes->topic->view,
                                                     changes->topic->worse_icon));
  for (guint i = 0; i < changes->better->len; i++)
    adw_expander_row_add_row (row, since_change_row (changes->better->pdata[i], changes->topic->view,
                                                     changes->topic->better_icon));
  g_object_set_data (G_OBJECT (row), "ib-since-changes", NULL);
}

static void
fill_since (IbOverviewPage *self,
            IbStore        *store)
{
  static const SinceTopic topics[IB_SINCE_N_TOPICS] = {
    [IB_SINCE_ACTIONS] = { N_("Actions"), "since-actions", "plan", "go-up-symbolic", "go-down-symbolic" },
    [IB_SINCE_KPIS] = { N_("KPIs"), "since-kpis", "kpis", "go-up-symbolic", "go-down-symbolic" },
    /* A risk going down is the good news. */
    [IB_SINCE_RISKS] = { N_("Risks"), "since-risks", "risks", "go-down-symbolic", "go-up-symbolic" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (IbSinceBoard) since = ib_overview_since_last_board (store, &error);
  g_autofree char *description = NULL;

  if (since == NULL)
    {
      adw_preferences_group_set_description (self->since_group, NULL);
      add_row (self, self->since_group, empty_row (error->message));
      return;
    }

  if (since->previous == NULL)
    {
      adw_preferences_group_set_description (self->since_group, NULL);
      add_row (self, self->since_group,
               empty_row (_("No Improvement Board pack has been issued yet, so there is nothing to compare with")));
      return;
    }

  {
    const char *held_on = since->meeting != NULL ? ib_record_get_string (since->meeting, "held_on") : NULL;
    g_autofree char *date = ib_format_date (held_on != NULL ? held_on
                                                            : ib_record_get_string (since->previous, "issued_on"));

    /* Translators: %s is a date, e.g. "10 March 2022" */
    description = g_strdup_printf (_("Today’s figures against the pack issued for the Improvement Board of %s"), date);
    adw_preferences_group_set_description (self->since_group, description);
  }

  for (guint t = 0; t < IB_SINCE_N_TOPICS; t++)
    {
      const SinceTopic *topic = &topics[t];
      GPtrArray *better = since->better[t], *worse = since->worse[t];
      GtkWidget *badges = ib_badge_box_new ();
      g_autofree char *better_text = since_count_text (t, TRUE, better->len);
      g_autofree char *worse_text = since_count_text (t, FALSE, worse->len);
      /* Translators: a topic and its two counts since the last board, e.g. "Actions: 2 better, 1 worse" */
      g_autofree char *name = g_strdup_printf (_("%s: %s, %s"), _(topic->title), better_text, worse_text);
      /* A label, not the row's title: a title wraps anywhere, and beside two badges at 360 px
       * "KPIs" in Welsh broke in the middle of the word. */
      GtkWidget *title = gtk_label_new (_(topic->title));
      GtkWidget *row;

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      ib_badge_box_add (badges, since_badge (t, TRUE, better->len, topic->better_icon));
      ib_badge_box_add (badges, since_badge (t, FALSE, worse->len, topic->worse_icon));
      gtk_widget_set_valign (badges, GTK_ALIGN_CENTER);

      if (better->len + worse->len == 0)
        {
          row = action_row ("", NULL);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), title);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), badges);
          link_row (row, topic->view, "all");
        }
      else
        {
          /* The counts open onto the changes behind them, worse first, each opening its record. */
          SinceChanges *changes = g_new0 (SinceChanges, 1);

          row = adw_expander_row_new ();
          adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), title);
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row), badges);
          changes->topic = topic;
          changes->worse = ref_changes (worse);
          changes->better = ref_changes (better);
          g_object_set_data_full (G_OBJECT (row), "ib-since-changes", changes, since_changes_free);
          g_signal_connect (row, "notify::expanded", G_CALLBACK (on_since_expanded_cb), NULL);
        }
      gtk_widget_set_name (row, topic->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      /* An expander takes the focus in its header row, which has no title of its own here. */
      if (ADW_IS_EXPANDER_ROW (row))
        for (GtkWidget *w = gtk_widget_get_first_child (row); w != NULL; w = gtk_widget_get_first_child (w))
          if (ADW_IS_ACTION_ROW (w))
            {
              gtk_accessible_update_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
              break;
            }
      add_row (self, self->since_group, row);
    }
}

/* The groups in the order they are filled, one a frame: on the ten-year dataset laying out
 * every group's rows for the first time (text shaping under the columns' measure) took 48 ms in
 * one frame, at start-up and after every sync; a group alone takes 5-27 ms. */
enum
{
  SHOW_JUDGEMENTS,
  SHOW_PLAN,
  SHOW_SINCE,
  SHOW_KPIS,
  SHOW_RISKS,
  SHOW_DONE,
};

static void
stop_showing (IbOverviewPage *self)
{
  if (self->show_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->show_tick_id);
  self->show_tick_id = 0;
  g_clear_pointer (&self->showing, ib_overview_free);
}

/* Replaces one group's rows with those of the figures being shown; returns FALSE after the last. */
static gboolean
show_next_group (IbOverviewPage *self)
{
  IbOverview *overview = self->showing;

  switch (self->show_stage++)
    {
    case SHOW_JUDGEMENTS:
      gtk_widget_set_visible (GTK_WIDGET (self->sample_group), overview->n_sample > 0);
      if (overview->n_sample > 0)
        gtk_label_set_text (self->sample_label,
                            _("This demo plan is built from Bournemouth, Christchurch and Poole Council’s published reports. "
                              "Where the reports are silent it adds invented sample data, marked “Sample”: the officers’ names, "
                              "the position statements, most KPI values and the risk register are illustrations, "
                              "not facts about the council."));
      ib_detail_clear_group_rows (self->rows, GTK_WIDGET (self->judgements_group));
      fill_judgements (self, overview);
      break;
    case SHOW_PLAN:
      ib_detail_clear_group_rows (self->rows, GTK_WIDGET (self->plan_group));
      fill_plan (self, overview);
      break;
    case SHOW_SINCE:
      ib_detail_clear_group_rows (self->rows, GTK_WIDGET (self->since_group));
      fill_since (self, ib_view_get_store (IB_VIEW (self)));
      break;
    case SHOW_KPIS:
      ib_detail_clear_group_rows (self->rows, GTK_WIDGET (self->kpis_group));
      fill_kpis (self, overview);
      break;
    case SHOW_RISKS:
      ib_detail_clear_group_rows (self->rows, GTK_WIDGET (self->risks_group));
      fill_risks (self, overview);
      break;
    default:
      g_assert_not_reached ();
    }
  return self->show_stage < SHOW_DONE;
}

/* Shows every group not shown yet now: off the screen no frame would show them (and none would
 * come to fill them), and the page is laid out anew when it is shown again. */
static void
finish_showing (IbOverviewPage *self)
{
  if (self->showing == NULL)
    return;
  while (show_next_group (self))
    ;
  stop_showing (self);
}

static gboolean
show_next_group_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       data)
{
  IbOverviewPage *self = IB_OVERVIEW_PAGE (widget);

  /* The first tick comes in the frame that lays out the group shown between frames: a second
   * group then would be laid out with it, in that one frame. */
  if (self->show_waits)
    {
      self->show_waits = FALSE;
      return G_SOURCE_CONTINUE;
    }
  if (show_next_group (self))
    return G_SOURCE_CONTINUE;
  self->show_tick_id = 0;
  g_clear_pointer (&self->showing, ib_overview_free);
  return G_SOURCE_REMOVE;
}

/* Shows @overview (NULL with @error when it could not be read; taken) and the comparison with
 * the last board, in place of what was shown: a group now, the others one in each frame after
 * the one that lays it out, each group showing the last figures until its turn. */
static void
show_figures (IbOverviewPage *self,
              IbOverview     *overview,
              const GError   *error)
{
  stop_showing (self);
  if (overview == NULL)
    {
      ib_detail_clear_rows (self->rows);
      add_row (self, self->judgements_group, empty_row (error->message));
      return;
    }

  self->showing = overview;
  self->show_stage = SHOW_JUDGEMENTS;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    finish_showing (self);
  else if (show_next_group (self))
    {
      self->show_waits = TRUE;
      self->show_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), show_next_group_cb, NULL, NULL);
    }
}

/* Stops waiting for figures read apart: what is shown next is newer. */
static void
forget_reading (IbOverviewPage *self)
{
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
}

/* Recomputes the figures now instead of at the next idle. */
static void
refresh (IbOverviewPage *self)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  IbOverview *overview;
  g_autoptr (GError) error = NULL;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  forget_reading (self);
  if (store == NULL)
    {
      stop_showing (self);
      ib_detail_clear_rows (self->rows);
      return;
    }

  overview = ib_overview_compute (store, NULL, &error);
  show_figures (self, overview, error);
}

typedef struct
{
  IbOverview *overview;
  GError     *error;
} FiguresRead;

static void
figures_read_free (gpointer data)
{
  FiguresRead *read = data;

  g_clear_pointer (&read->overview, ib_overview_free);
  g_clear_error (&read->error);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FiguresRead, figures_read_free)

/* In a worker thread: the figures through @reader, a read-only connection of its own. */
static void
read_figures_thread (IbReader *reader,
                     gpointer  data)
{
  FiguresRead *read = data;

  read->overview = ib_overview_compute_read (reader, NULL, &read->error);
}

static void
read_figures_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  IbOverviewPage *self = IB_OVERVIEW_PAGE (source);
  g_autoptr (FiguresRead) read = NULL;
  g_autoptr (GError) error = NULL;

  read = ib_reader_read_apart_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->reading);
  if (read == NULL)
    {
      /* Not readable apart (the file is locked, say): read here, as on a change. */
      g_debug ("Reading the Overview apart: %s", error->message);
      refresh (self);
      return;
    }
  show_figures (self, g_steal_pointer (&read->overview), read->error);
}

/* Reads the figures on a worker thread and shows them when they are in; a store change
 * meanwhile reads them again here (refresh ()), and what was read apart is dropped. */
static void
read_figures_apart (IbOverviewPage *self)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));

  forget_reading (self);
  if (store == NULL || !ib_reader_can_open (ib_store_get_path (store)))
    {
      refresh (self);
      return;
    }

  self->reading = g_cancellable_new ();
  ib_reader_read_apart (ib_store_get_path (store), self, self->reading, read_figures_thread,
                        g_new0 (FiguresRead, 1), figures_read_free, read_figures_done, NULL);
}

static void
on_first_paint_cb (GdkFrameClock  *clock,
                   IbOverviewPage *self)
{
  g_clear_signal_handler (&self->painted_id, clock);
  read_figures_apart (self);
}

/* The first frame shows the page's groups; the figures follow it, read apart. */
static void
ib_overview_page_map (GtkWidget *widget)
{
  IbOverviewPage *self = IB_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (ib_overview_page_parent_class)->map (widget);

  if (self->painted_id == 0 && self->reading == NULL && self->rows->len == 0 &&
      ib_view_get_store (IB_VIEW (self)) != NULL)
    self->painted_id = g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                                         G_CALLBACK (on_first_paint_cb), self);
}

static void
ib_overview_page_unmap (GtkWidget *widget)
{
  finish_showing (IB_OVERVIEW_PAGE (widget));
  GTK_WIDGET_CLASS (ib_overview_page_parent_class)->unmap (widget);
}

gboolean
ib_overview_page_is_loading (IbOverviewPage *self)
{
  g_return_val_if_fail (IB_IS_OVERVIEW_PAGE (self), FALSE);
  return self->reading != NULL || self->painted_id != 0 || self->showing != NULL || self->refresh_id != 0;
}

/* The least time between two readings of the figures after changes. */
#define REFRESH_GAP_US (G_USEC_PER_SEC)

static gboolean
refresh_idle_cb (gpointer data)
{
  IbOverviewPage *self = data;

  self->refresh_id = 0;
  self->refreshed_at = g_get_monotonic_time ();
  /* On the ten-year dataset the figures take a quarter of a second to read: after an edit or
   * a sync they are read apart too, and the page shows the last ones until they are in. */
  read_figures_apart (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (IbOverviewPage *self,
                     const char     *type_name,
                     const char     *id,
                     int             change)
{
  gint64 since = g_get_monotonic_time () - self->refreshed_at;

  /* A bulk change emits one signal per record: recompute once. And a sync applies what it
   * pulls in slices, each a change: read after every slice, the figures were shown again two
   * or three times a second through a first sync, each time rows made anew over several
   * frames. After a quiet second a change (an edit) still shows at once. */
  if (self->refresh_id != 0)
    return;
  if (since >= REFRESH_GAP_US)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
  else
    self->refresh_id = g_timeout_add ((guint) ((REFRESH_GAP_US - since) / 1000) + 1, refresh_idle_cb, self);
}

static void
can_edit_changed (IbView *view)
{
  IbOverviewPage *self = IB_OVERVIEW_PAGE (view);
  gboolean can_edit = ib_view_get_can_edit (view);

  gtk_widget_set_visible (self->edit_plan_button, can_edit && self->plan_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.edit-plan", can_edit);
}

/* Shows the store's figures and follows its changes. */
static void
store_changed (IbView *view)
{
  IbOverviewPage *self = IB_OVERVIEW_PAGE (view);

  g_signal_connect_object (ib_view_get_store (view), "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* Shown already: read the figures now (apart). Otherwise they are read after the page's
   * first frame (ib_overview_page_map ()), so start-up does not wait for them. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    read_figures_apart (self);
  else
    {
      /* Another store's figures are not shown meanwhile, and the map reads these. */
      forget_reading (self);
      stop_showing (self);
      ib_detail_clear_rows (self->rows);
    }
}

static gboolean
is_loading (IbView *view)
{
  return ib_overview_page_is_loading (IB_OVERVIEW_PAGE (view));
}

static void
ib_overview_page_view_init (IbViewInterface *iface)
{
  /* Translators: a view's name in the view switcher: keep it short */
  iface->title = NC_("view", "Overview");
  iface->icon_name = "go-home-symbolic";
  iface->store_changed = store_changed;
  iface->can_edit_changed = can_edit_changed;
  iface->is_loading = is_loading;
}

static void
ib_overview_page_dispose (GObject *object)
{
  IbOverviewPage *self = (IbOverviewPage *) object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  forget_reading (self);
  stop_showing (self);
  if (self->painted_id != 0)
    g_clear_signal_handler (&self->painted_id, gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (ib_overview_page_parent_class)->dispose (object);
}

static void
ib_overview_page_finalize (GObject *object)
{
  IbOverviewPage *self = (IbOverviewPage *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->plan_id, g_free);

  G_OBJECT_CLASS (ib_overview_page_parent_class)->finalize (object);
}

static void
ib_overview_page_class_init (IbOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_overview_page_dispose;
  object_class->finalize = ib_overview_page_finalize;
  widget_class->map = ib_overview_page_map;
  widget_class->unmap = ib_overview_page_unmap;

  ib_view_class_install_properties (object_class);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, IbOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, IbOverviewPage, columns);
  gtk_widget_class_bind_template_child (widget_class, IbOverviewPage, sample_group);
  gtk_widget_class_bind_template_child (widget_class, IbOverviewPage, sample_label);
  gtk_widget_class_bind_template_child (widget_class, IbOverviewPage, judgements_group);
  gtk_widget_class_bind_template_child (widget_class, IbOverviewPage, plan_group);
  gtk_widget_class_bind_template_child (widget_class, IbOverviewPage, edit_plan_button);
  gtk_widget_class_install_action (widget_class, "overview.edit-plan", NULL, edit_plan_action);
  gtk_widget_class_bind_template_child (widget_class, IbOverviewPage, since_group);
  gtk_widget_class_bind_template_child (widget_class, IbOverviewPage, kpis_group);
  gtk_widget_class_bind_template_child (widget_class, IbOverviewPage, risks_group);
}

static void
ib_overview_page_init (IbOverviewPage *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (self->columns,
                                 ib_columns_layout_new (COLUMN_SPACING, TWO_COLUMNS_FROM, MAX_COLUMN_WIDTH));
}
