/* ib-judgements-page.c
 *
 * The timeline is an IbListDetail over IbJudgementsModel's engagements and intervention steps.
 * Everything that changes a record goes through IbRecordEditor or the store, so the
 * transaction + outbox rule and the rules across records (a judgement's area and its
 * framework) hold for every path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-judgements-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-detail-util.h"
#include "ib-engagement-detail.h"
#include "ib-enums.h"
#include "ib-format.h"
#include "ib-judgements-page-private.h"
#include "ib-line-layout.h"
#include "ib-list-detail.h"
#include "ib-record-editor.h"
#include "ib-timeline-row.h"
#include "ib-view.h"

struct _IbJudgementsPage
{
  GtkWidget           parent_instance;

  /* template */
  IbListDetail       *list_detail;
  GtkWidget          *status_box;
  GtkImage           *status_icon;
  GtkLabel           *status_label;
  IbEngagementDetail *detail;

  /* owned */
  IbJudgementsModel  *model;
};

static void ib_judgements_page_view_init (IbViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbJudgementsPage, ib_judgements_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_VIEW, ib_judgements_page_view_init))

static const char * const inspection_fields[] = {
  "kind", "framework", "starts_on", "ends_on", "visit_number", "theme", "lead_inspector",
  "published_on", "link", "summary", NULL
};
static const char * const intervention_fields[] = {
  "kind", "starts_on", "instrument", "adviser", "review_on", "link", "summary", NULL
};
static const char * const judgement_fields[] = { "area", "grade", NULL };
static const char * const finding_fields[] = { "kind", "text", "paragraph", "sort_order", NULL };

static void
update_status (IbJudgementsPage *self)
{
  IbRecord *step = ib_judgements_model_intervention_at (self->model, NULL);
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (self->status_box, "active");
  if (step == NULL)
    {
      gtk_image_set_from_icon_name (self->status_icon, "object-select-symbolic");
      text = g_strdup (_("No DfE intervention recorded."));
    }
  else
    {
      const char *kind = ib_record_get_string (step, "kind");
      g_autofree char *since = ib_format_date (ib_record_get_string (step, "starts_on"));
      const char *adviser = ib_record_get_string (step, "adviser");

      if (g_strcmp0 (kind, "lifted") == 0)
        {
          gtk_image_set_from_icon_name (self->status_icon, "object-select-symbolic");
          /* Translators: %s is a date */
          text = g_strdup_printf (_("DfE intervention lifted on %s."), since);
        }
      else
        {
          gtk_widget_add_css_class (self->status_box, "active");
          gtk_image_set_from_icon_name (self->status_icon, "emblem-important-symbolic");
          /* Translators: the intervention in force now and since when, e.g. "Now: Statutory direction, since 1 March 2022." */
          text = g_strdup_printf (_("Now: %s, since %s."), ib_enum_label (&ib_enum_intervention_kind, kind), since);
          if (adviser != NULL)
            {
              /* Translators: the DfE adviser or commissioner, after the intervention status */
              g_autofree char *more = g_strdup_printf (_("%s Adviser: %s."), text, adviser);
              g_free (text);
              text = g_steal_pointer (&more);
            }
        }
    }

  gtk_label_set_label (self->status_label, text);
}

static void
update_actions (IbJudgementsPage *self)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  GtkWidget *w = GTK_WIDGET (self);
  gboolean editing = ib_view_get_can_edit (IB_VIEW (self)) && store != NULL;
  const char * const names[] = {
    "judgements.new-engagement", "judgements.new-intervention", "judgements.edit", "judgements.delete",
    "judgements.add-judgement", "judgements.edit-judgement", "judgements.delete-judgement",
    "judgements.add-finding", "judgements.edit-finding", "judgements.delete-finding",
    "judgements.link-finding", "judgements.delete-selected",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    gtk_widget_action_set_enabled (w, names[i], editing);
}

/* Opens on the newest graded inspection: the judgement the programme answers. */
static void
choose_latest_graded (IbView *view)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (view);
  IbRecord *latest = ib_judgements_model_latest_graded (self->model);

  if (latest != NULL)
    ib_list_detail_choose (self->list_detail, ib_record_get_id (latest));
}

static void
store_changed (IbView *view)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (view);
  IbStore *store = ib_view_get_store (view);

  /* Read on a worker thread: the timeline fills when it is in, rather than in the idle that
   * built the view. */
  self->model = ib_judgements_model_new_loading (store);
  ib_view_choose_when_loaded (view, IB_VIEW_MODEL (self->model), self->list_detail, choose_latest_graded);
  ib_list_detail_set_model (self->list_detail, IB_VIEW_MODEL (self->model));
  g_signal_connect_swapped (self->model, "updated", G_CALLBACK (update_status), self);

  if (!ib_judgements_model_is_loading (self->model))
    choose_latest_graded (view);
  update_status (self);
  update_actions (self);
}

static void
can_edit_changed (IbView *view)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (view);

  update_actions (self);
}

static void
new_engagement_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autoptr (IbRecord) draft = ib_record_new (&ib_type_inspection);
  g_autofree char *date = ib_format_today ();

  ib_record_set_string (draft, "kind", "monitoring_visit");
  ib_record_set_string (draft, "starts_on", date);
  ib_list_detail_present_editor (self->list_detail,
                                 ib_record_editor_new_draft (ib_detail_get_window (widget), store, draft,
                                                             inspection_fields),
                                 _("New Engagement"));
}

static void
new_intervention_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autoptr (IbRecord) draft = ib_record_new (&ib_type_intervention);
  g_autofree char *date = ib_format_today ();

  ib_record_set_string (draft, "starts_on", date);
  ib_list_detail_present_editor (self->list_detail,
                                 ib_record_editor_new_draft (ib_detail_get_window (widget), store, draft,
                                                             intervention_fields),
                                 _("New Intervention Step"));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  IbRecord *record = ib_judgements_model_lookup (self->model, g_variant_get_string (param, NULL));
  const IbRecordType *type;

  if (record == NULL)
    return;
  type = ib_record_get_record_type (record);
  ib_list_detail_present_editor (self->list_detail,
                                 ib_record_editor_new (ib_detail_get_window (widget), store, type,
                                                       ib_record_get_id (record),
                                                       type == &ib_type_inspection ? inspection_fields : intervention_fields),
                                 NULL);
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (widget);
  IbRecord *record = ib_judgements_model_lookup (self->model, g_variant_get_string (param, NULL));
  const char *link = record != NULL ? ib_record_get_string (record, "link") : NULL;

  if (link == NULL)
    return;

  /* Only web addresses: a link synced from elsewhere must not open a local file or program. */
  if (!g_str_has_prefix (link, "https://") && !g_str_has_prefix (link, "http://"))
    {
      ib_detail_toast_error (widget, _("This link is not a web address, so it was not opened."));
      return;
    }

  gtk_show_uri (ib_detail_get_window (widget), link, GDK_CURRENT_TIME);
}

/* "inspection-id/area" from a grid row's Add button. */
static void
add_judgement_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_auto (GStrv) parts = g_strsplit (g_variant_get_string (param, NULL), "/", 2);
  IbRecord *inspection = ib_judgements_model_lookup (self->model, parts[0]);
  g_autoptr (IbRecord) draft = NULL;
  const char * const *areas;
  IbRecordEditor *editor;

  if (inspection == NULL)
    return;

  draft = ib_record_new (&ib_type_judgement);
  ib_record_set_string (draft, "inspection", ib_record_get_id (inspection));
  if (parts[1] != NULL && *parts[1] != '\0')
    ib_record_set_string (draft, "area", parts[1]);
  editor = ib_record_editor_new_draft (ib_detail_get_window (widget), store, draft, judgement_fields);
  areas = ib_framework_areas (ib_record_get_string (inspection, "framework"));
  if (areas != NULL)
    ib_record_editor_set_choices (editor, "area", areas);
  ib_list_detail_present_editor (self->list_detail, editor, _("New Judgement"));
  gtk_widget_grab_focus (ib_record_editor_get_row (editor, "grade"));
}

static IbRecord *
find_child (IbJudgementsPage   *self,
            const IbRecordType *type,
            GVariant           *param)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));

  return ib_store_get (store, type, g_variant_get_string (param, NULL), NULL);
}

static void
edit_judgement_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autoptr (IbRecord) judgement = find_child (self, &ib_type_judgement, param);
  IbRecord *inspection;
  const char * const *areas;
  IbRecordEditor *editor;

  if (judgement == NULL)
    return;

  editor = ib_record_editor_new (ib_detail_get_window (widget), store, &ib_type_judgement,
                                 ib_record_get_id (judgement), judgement_fields);
  inspection = ib_judgements_model_lookup (self->model, ib_record_get_string (judgement, "inspection"));
  areas = inspection != NULL ? ib_framework_areas (ib_record_get_string (inspection, "framework")) : NULL;
  if (areas != NULL)
    ib_record_editor_set_choices (editor, "area", areas);
  ib_list_detail_present_editor (self->list_detail, editor, NULL);
}

static void
add_finding_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  IbRecord *inspection = ib_judgements_model_lookup (self->model, g_variant_get_string (param, NULL));
  g_autoptr (IbRecord) draft = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  gint64 next = 1;

  if (inspection == NULL)
    return;

  /* After the last of this engagement's findings, whatever their kind. */
  findings = ib_judgements_model_get_findings (self->model, ib_record_get_id (inspection));
  for (guint i = 0; i < findings->len; i++)
    next = MAX (next, ib_record_get_int (((IbFindingLinks *) findings->pdata[i])->finding, "sort_order", 0) + 1);

  draft = ib_record_new (&ib_type_finding);
  ib_record_set_string (draft, "inspection", ib_record_get_id (inspection));
  ib_record_set_string (draft, "kind", ib_inspection_kind_is_graded (ib_record_get_string (inspection, "kind"))
                                       ? "what_needs_to_improve" : "area_for_priority_action");
  ib_record_set_int (draft, "sort_order", next);
  ib_list_detail_present_editor (self->list_detail,
                                 ib_record_editor_new_draft (ib_detail_get_window (widget), store, draft,
                                                             finding_fields),
                                 _("New Finding"));
}

static void
edit_finding_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autoptr (IbRecord) finding = find_child (self, &ib_type_finding, param);

  if (finding != NULL)
    ib_list_detail_present_editor (self->list_detail,
                                   ib_record_editor_new (ib_detail_get_window (widget), store, &ib_type_finding,
                                                         ib_record_get_id (finding), finding_fields),
                                   NULL);
}

static void
link_finding_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autoptr (IbRecord) finding = find_child (self, &ib_type_finding, param);

  if (finding != NULL)
    ib_detail_pick_links (widget, store, IB_LINK_FINDING_ACTIONS, finding, _("Actions That Answer It"),
                          ib_record_get_string (finding, "text"));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (widget);
  IbRecord *record = ib_judgements_model_lookup (self->model, g_variant_get_string (param, NULL));

  if (record != NULL)
    ib_list_detail_delete (self->list_detail, ib_record_get_record_type (record), record);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (widget);
  IbRecord *record = ib_list_detail_get_item (self->list_detail);

  if (record != NULL)
    ib_list_detail_delete (self->list_detail, ib_record_get_record_type (record), record);
}

static void
delete_judgement_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (widget);
  g_autoptr (IbRecord) judgement = find_child (self, &ib_type_judgement, param);

  if (judgement != NULL)
    ib_list_detail_delete (self->list_detail, &ib_type_judgement, judgement);
}

static void
delete_finding_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (widget);
  g_autoptr (IbRecord) finding = find_child (self, &ib_type_finding, param);

  if (finding != NULL)
    ib_list_detail_delete (self->list_detail, &ib_type_finding, finding);
}

/* Links from the other views: an engagement by its id (the Overview's judgements), or the
 * timeline as it is ("all"). */
static gboolean
open_target (IbView     *view,
             const char *target)
{
  IbJudgementsPage *self = IB_JUDGEMENTS_PAGE (view);

  if (self->model == NULL)
    return FALSE;
  if (g_str_equal (target, "all"))
    return TRUE;
  /* Still read apart: the engagement is opened when the load is in, if it exists. */
  if (ib_judgements_model_is_loading (self->model))
    {
      IbStore *store = ib_view_get_store (view);
      g_autoptr (IbRecord) inspection = ib_store_get (store, &ib_type_inspection, target, NULL);
      g_autoptr (IbRecord) intervention = inspection == NULL ? ib_store_get (store, &ib_type_intervention, target, NULL) : NULL;

      return (inspection != NULL || intervention != NULL) && ib_view_open_when_loaded (view, target);
    }
  if (ib_list_detail_open_id (self->list_detail, target))
    return TRUE;
  ib_list_detail_clear_search (self->list_detail);
  return ib_list_detail_open_id (self->list_detail, target);
}

static void
focus_search (IbView *view)
{
  ib_list_detail_focus_search (IB_JUDGEMENTS_PAGE (view)->list_detail);
}

static void
focus_content (IbView *view)
{
  ib_list_detail_focus_shown (IB_JUDGEMENTS_PAGE (view)->list_detail);
}

static void
clear_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ib_list_detail_clear_search (IB_JUDGEMENTS_PAGE (widget)->list_detail);
}

static void
ib_judgements_page_view_init (IbViewInterface *iface)
{
  /* Translators: a view's name in the view switcher: keep it short */
  iface->title = NC_("view", "Judgements");
  iface->icon_name = "emblem-documents-symbolic";
  iface->add_action = "judgements.new-engagement";
  iface->delete_action = "judgements.delete-selected";
  iface->store_changed = store_changed;
  iface->can_edit_changed = can_edit_changed;
  iface->focus_search = focus_search;
  iface->focus_content = focus_content;
  iface->open = open_target;
}

static void
ib_judgements_page_dispose (GObject *object)
{
  IbJudgementsPage *self = (IbJudgementsPage *) object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_JUDGEMENTS_PAGE);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ib_judgements_page_parent_class)->dispose (object);
}

static void
ib_judgements_page_class_init (IbJudgementsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_judgements_page_dispose;
  ib_view_class_install_properties (object_class);

  g_type_ensure (IB_TYPE_LIST_DETAIL);
  g_type_ensure (IB_TYPE_ENGAGEMENT_DETAIL);
  g_type_ensure (IB_TYPE_TIMELINE_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-judgements-page.ui");
  gtk_widget_class_bind_template_child (widget_class, IbJudgementsPage, list_detail);
  gtk_widget_class_bind_template_child (widget_class, IbJudgementsPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, IbJudgementsPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, IbJudgementsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, IbJudgementsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, ib_engagement_detail_show);

  gtk_widget_class_install_action (widget_class, "judgements.new-engagement", NULL, new_engagement_action);
  gtk_widget_class_install_action (widget_class, "judgements.clear-search", NULL, clear_search_action);
  gtk_widget_class_install_action (widget_class, "judgements.new-intervention", NULL, new_intervention_action);
  gtk_widget_class_install_action (widget_class, "judgements.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "judgements.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "judgements.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_install_action (widget_class, "judgements.open-link", "s", open_link_action);
  gtk_widget_class_install_action (widget_class, "judgements.add-judgement", "s", add_judgement_action);
  gtk_widget_class_install_action (widget_class, "judgements.edit-judgement", "s", edit_judgement_action);
  gtk_widget_class_install_action (widget_class, "judgements.delete-judgement", "s", delete_judgement_action);
  gtk_widget_class_install_action (widget_class, "judgements.add-finding", "s", add_finding_action);
  gtk_widget_class_install_action (widget_class, "judgements.edit-finding", "s", edit_finding_action);
  gtk_widget_class_install_action (widget_class, "judgements.delete-finding", "s", delete_finding_action);
  gtk_widget_class_install_action (widget_class, "judgements.link-finding", "s", link_finding_action);
}

static void
ib_judgements_page_init (IbJudgementsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The status wraps beside its icon: a GtkBox searched for its height over it at every
   * measure of the list's side, 222 layouts of its text in the view's first frame. The
   * icon's baseline and the text's are lined up as the box did, so the card is as tall. */
  {
    GtkLayoutManager *line = ib_line_layout_new (gtk_box_get_spacing (GTK_BOX (self->status_box)));

    ib_line_layout_set_baselines (IB_LINE_LAYOUT (line), TRUE);
    gtk_widget_set_layout_manager (self->status_box, line);
  }
  update_actions (self);
}

void
ib_judgements_page_reload (IbJudgementsPage *self)
{
  g_return_if_fail (IB_IS_JUDGEMENTS_PAGE (self));

  if (self->model != NULL)
    ib_view_model_reload (IB_VIEW_MODEL (self->model));
}

IbJudgementsModel *
ib_judgements_page_get_model (IbJudgementsPage *self)
{
  g_return_val_if_fail (IB_IS_JUDGEMENTS_PAGE (self), NULL);
  return self->model;
}

gboolean
ib_judgements_page_select (IbJudgementsPage *self,
                           const char       *id)
{
  g_return_val_if_fail (IB_IS_JUDGEMENTS_PAGE (self), FALSE);
  return ib_list_detail_select (self->list_detail, id);
}

void
ib_judgements_page_commit_pending (IbJudgementsPage *self)
{
  g_return_if_fail (IB_IS_JUDGEMENTS_PAGE (self));
  ib_list_detail_commit_delete (self->list_detail);
}
