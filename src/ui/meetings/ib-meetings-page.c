/* ib-meetings-page.c
 *
 * The list is an IbListDetail over IbMeetingsModel; a meeting's packs are in its detail.
 * Every change goes through IbRecordEditor, the store or the pack's own calls (issue, new
 * version), so the transaction + outbox rule and the rule that an issued pack never changes
 * hold for every path. What the store would refuse is checked first and said in words: a
 * meeting with an issued pack cannot be deleted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-meetings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-detail-util.h"
#include "ib-enums.h"
#include "ib-format.h"
#include "ib-list-detail.h"
#include "ib-meeting-detail.h"
#include "ib-meeting-row.h"
#include "ib-meetings-page-private.h"
#include "ib-meetings-util.h"
#include "ib-pack-export.h"
#include "ib-pack-preview.h"
#include "ib-pack-print.h"
#include "ib-record-editor.h"
#include "ib-view.h"

struct _IbMeetingsPage
{
  GtkWidget        parent_instance;

  /* template */
  IbListDetail    *list_detail;
  GtkGridView     *list_view;
  GtkDropDown     *kind_filter;
  IbMeetingDetail *detail;

  /* owned */
  IbMeetingsModel *model;
};

static void ib_meetings_page_view_init (IbViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbMeetingsPage, ib_meetings_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_VIEW, ib_meetings_page_view_init))

static const char * const meeting_fields[] = { "kind", "held_on", "title", NULL };

/* The council's committee-report template, in its order: what the pack is and for whom,
 * then the cover table, the numbered sections, and the appendices. */
static const char * const pack_fields[] = {
  "subject", "meeting", "class", "scope", "scope_priority", "scope_officer",
  "executive_summary", "recommendations", "reason",
  "portfolio_holders", "corporate_director", "authors", "wards", "classification",
  "background", "financial_implications", "legal_implications", "human_resources_implications",
  "sustainability_implications", "public_health_implications", "equality_implications",
  "risk_assessment", "background_papers",
  "appendix_plan", "appendix_kpis", "appendix_risks", "appendix_ofsted", "appendix_since",
  NULL
};

static const char * const edit_actions[] = {
  "meetings.new", "meetings.edit", "meetings.delete", "meetings.delete-selected", "meetings.new-pack",
  "meetings.edit-pack", "meetings.delete-pack", "meetings.issue-pack", "meetings.new-version",
};

static void
update_actions (IbMeetingsPage *self)
{
  gboolean can = ib_view_get_can_edit (IB_VIEW (self)) && self->model != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (edit_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), edit_actions[i], can);
}

static IbStore *
store_of (IbMeetingsPage *self)
{
  return ib_view_get_store (IB_VIEW (self));
}

static IbRecord *
param_meeting (IbMeetingsPage *self,
               GVariant       *param)
{
  IbMeetingItem *item = ib_meetings_model_lookup (self->model, g_variant_get_string (param, NULL));

  return item != NULL ? ib_meeting_item_get_record (item) : NULL;
}

/* Returns the pack record @param names (transfer full), or NULL. */
static IbRecord *
param_report (IbMeetingsPage *self,
              GVariant       *param)
{
  return ib_store_get (store_of (self), &ib_type_report, g_variant_get_string (param, NULL), NULL);
}

/* The meeting the person is on: Ctrl+N's default kind follows it. */
static IbRecord *
chosen_meeting (IbMeetingsPage *self)
{
  IbMeetingItem *item = self->model != NULL ? ib_list_detail_get_item (self->list_detail) : NULL;

  return item != NULL ? ib_meeting_item_get_record (item) : NULL;
}

/* Asks what the store would refuse before it refuses: an issued pack is what the board
 * received, so neither it nor its meeting may go. */
static void
delete_meeting (IbMeetingsPage *self,
                IbRecord       *meeting)
{
  IbRecord *issued = ib_meetings_model_find_issued (self->model, ib_record_get_id (meeting));

  if (issued != NULL)
    {
      g_autofree char *date = ib_format_date (ib_record_get_string (issued, "issued_on"));
      g_autofree char *body = NULL;

      /* Translators: why a meeting cannot be deleted; %s is a pack's subject, %s the day it was issued */
      body = g_strdup_printf (_("Its pack “%s” was issued on %s. An issued pack stays as the board received it, for everyone, for ever, and so does the meeting it was issued for."),
                              ib_record_get_string (issued, "subject"), date);
      ib_detail_show_message (ib_detail_get_window (GTK_WIDGET (self)), _("This Meeting Cannot Be Deleted"), body);
      return;
    }

  ib_list_detail_delete (self->list_detail, &ib_type_meeting, meeting);
}

static gboolean
officer_known (IbStore    *store,
               const char *officer)
{
  g_autoptr (GListModel) actions = ib_store_list_where (store, &ib_type_action, "accountable_officer", officer);

  return g_list_model_get_n_items (actions) > 0;
}

/* A pack for one priority area or one officer must say which, or it would be empty. */
static gboolean
save_pack (IbStore   *store,
           IbRecord  *report,
           gpointer   user_data,
           GError   **error)
{
  const char *scope = ib_record_get_string (report, "scope");
  const char *officer = ib_record_get_string (report, "scope_officer");

  if (g_strcmp0 (scope, "priority") == 0 && ib_record_get_string (report, "scope_priority") == NULL)
    {
      g_set_error_literal (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID,
                           _("A pack for one priority area names the area: choose it in “Priority area covered”."));
      return FALSE;
    }
  if (g_strcmp0 (scope, "officer") == 0 && (officer == NULL || !officer_known (store, officer)))
    {
      g_set_error_literal (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID,
                           _("A Holding to Account pack names an accountable officer exactly as the action plan does: type it in “Accountable officer covered”."));
      return FALSE;
    }

  /* A new pack gets its id when it is created. */
  if (ib_record_get_id (report) != NULL)
    return ib_store_update (store, report, error);
  return ib_store_create (store, report, error);
}

static void
present_pack_editor (IbMeetingsPage *self,
                     IbRecordEditor *editor,
                     const char     *title)
{
  ib_record_editor_set_save_func (editor, save_pack, self);
  ib_list_detail_present_editor (self->list_detail, editor, title);
}

static void
on_kind_changed_cb (IbMeetingsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_filter);

  if (self->model == NULL)
    return;
  ib_meetings_model_set_kind (self->model, selected > 0 && selected <= ib_enum_meeting_kind.n_values
                                           ? ib_enum_meeting_kind.values[selected - 1].code : NULL);
  ib_list_detail_narrowed (self->list_detail);
}

/* A pack drawn from live data may have changed while another view was shown. */
static void
on_map_cb (IbMeetingsPage *self)
{
  if (self->model != NULL)
    ib_meeting_detail_show (self->detail, self->model, ib_list_detail_get_item (self->list_detail));
}

/* The position of the first meeting listed (the next one to come, or else the latest
 * held), past the headings; G_MAXUINT for none. */
static guint
first_meeting (IbMeetingsPage *self)
{
  GListModel *items = ib_meetings_model_get_items (self->model);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbMeetingItem) item = g_list_model_get_item (items, i);

      if (ib_meeting_item_get_kind (item) == IB_MEETING_ITEM_MEETING)
        return i;
    }
  return G_MAXUINT;
}

/* Enter in the search opens the first meeting it found. */
static void
on_search_activated_cb (IbMeetingsPage *self)
{
  guint position = self->model != NULL ? first_meeting (self) : G_MAXUINT;

  if (position != G_MAXUINT)
    ib_list_detail_open (self->list_detail, position);
}

static void
store_changed (IbView *view)
{
  IbMeetingsPage *self = IB_MEETINGS_PAGE (view);
  guint position;

  self->model = ib_meetings_model_new (ib_view_get_store (view));
  ib_list_detail_set_model (self->list_detail, IB_VIEW_MODEL (self->model));
  position = first_meeting (self);
  if (position != G_MAXUINT)
    {
      g_autoptr (IbMeetingItem) item = g_list_model_get_item (ib_meetings_model_get_items (self->model), position);

      ib_list_detail_choose (self->list_detail, ib_record_get_id (ib_meeting_item_get_record (item)));
    }
  update_actions (self);
}

static void
can_edit_changed (IbView *view)
{
  update_actions (IB_MEETINGS_PAGE (view));
}

static void
focus_search (IbView *view)
{
  ib_list_detail_focus_search (IB_MEETINGS_PAGE (view)->list_detail);
}

static void
focus_content (IbView *view)
{
  ib_list_detail_focus_shown (IB_MEETINGS_PAGE (view)->list_detail);
}

/* Actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  IbMeetingsPage *self = IB_MEETINGS_PAGE (widget);
  IbRecord *current = chosen_meeting (self);
  g_autoptr (IbRecord) draft = ib_record_new (&ib_type_meeting);
  g_autofree char *today = ib_format_today ();

  ib_record_set_string (draft, "kind", current != NULL && ib_record_get_string (current, "kind") != NULL
                                       ? ib_record_get_string (current, "kind") : "improvement_board");
  ib_record_set_string (draft, "held_on", today);
  ib_list_detail_present_editor (self->list_detail,
                                 ib_record_editor_new_draft (ib_detail_get_window (widget), store_of (self), draft, meeting_fields),
                                 _("New Meeting"));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IbMeetingsPage *self = IB_MEETINGS_PAGE (widget);
  IbRecord *meeting = param_meeting (self, param);

  if (meeting != NULL)
    ib_list_detail_present_editor (self->list_detail,
                                   ib_record_editor_new (ib_detail_get_window (widget), store_of (self), &ib_type_meeting,
                                                         ib_record_get_id (meeting), meeting_fields),
                                   NULL);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  IbMeetingsPage *self = IB_MEETINGS_PAGE (widget);
  IbRecord *meeting = param_meeting (self, param);

  if (meeting != NULL)
    delete_meeting (self, meeting);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  IbMeetingsPage *self = IB_MEETINGS_PAGE (widget);
  IbRecord *meeting = chosen_meeting (self);

  if (meeting != NULL)
    delete_meeting (self, meeting);
}

static void
new_pack_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  IbMeetingsPage *self = IB_MEETINGS_PAGE (widget);
  IbRecord *meeting = param_meeting (self, param);
  g_autoptr (IbRecord) draft = NULL;
  static const char * const appendices[] = {
    "appendix_plan", "appendix_kpis", "appendix_risks", "appendix_ofsted", "appendix_since",
  };

  if (meeting == NULL)
    return;

  /* Starts as the whole programme with every appendix: what a board's pack usually is. */
  draft = ib_record_new (&ib_type_report);
  ib_record_set_string (draft, "meeting", ib_record_get_id (meeting));
  ib_record_set_string (draft, "subject", ib_record_get_string (meeting, "title"));
  ib_record_set_string (draft, "scope", g_strcmp0 (ib_record_get_string (meeting, "kind"), "holding_to_account") == 0
                                        ? "officer" : "programme");
  ib_record_set_int (draft, "version", 1);
  for (guint i = 0; i < G_N_ELEMENTS (appendices); i++)
    ib_record_set_bool (draft, appendices[i], TRUE);
  present_pack_editor (self, ib_record_editor_new_draft (ib_detail_get_window (widget), store_of (self), draft, pack_fields),
                       _("New Pack"));
}

static void
edit_pack_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IbMeetingsPage *self = IB_MEETINGS_PAGE (widget);
  g_autoptr (IbRecord) report = param_report (self, param);

  if (report == NULL || ib_record_has (report, "issued_on"))
    return;
  present_pack_editor (self, ib_record_editor_new (ib_detail_get_window (widget), store_of (self), &ib_type_report,
                                                   ib_record_get_id (report), pack_fields),
                       _("Edit Pack"));
}

static void
delete_pack_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  IbMeetingsPage *self = IB_MEETINGS_PAGE (widget);
  g_autoptr (IbRecord) report = param_report (self, param);

  /* The button is offered for drafts only; an issued pack is never deleted. */
  if (report != NULL && !ib_record_has (report, "issued_on"))
    ib_list_detail_delete (self->list_detail, &ib_type_report, report);
}

static void
on_issue_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      IbMeetingsPage   *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "report");
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "issue") != 0)
    return;
  if (!ib_pack_issue (store_of (self), id, NULL, &error))
    {
      ib_detail_toast_error (GTK_WIDGET (self), error->message);
      return;
    }
  ib_meetings_model_reload (self->model);
}

static void
issue_pack_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IbMeetingsPage *self = IB_MEETINGS_PAGE (widget);
  g_autoptr (IbRecord) report = param_report (self, param);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (report == NULL || ib_record_has (report, "issued_on"))
    return;

  /* Translators: asked once before a pack is issued; %s is its subject */
  body = g_strdup_printf (_("“%s” will be frozen as it stands today, for everyone, on every device. Issued packs cannot be changed; a correction is a new version."),
                          ib_record_get_string (report, "subject"));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (ib_detail_get_window (widget), _("Issue This Pack?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "issue", _("_Issue"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "issue", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "report", g_strdup (ib_record_get_id (report)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_issue_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_version_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  IbMeetingsPage *self = IB_MEETINGS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) correction = ib_pack_new_version (store_of (self), g_variant_get_string (param, NULL), &error);
  g_autofree char *title = NULL;

  if (correction == NULL)
    {
      ib_detail_toast_error (widget, error->message);
      return;
    }

  ib_meetings_model_reload (self->model);
  /* Translators: the form of a pack's correction; %d is its new version */
  title = g_strdup_printf (_("Correct the Pack: Version %d"), (int) ib_record_get_int (correction, "version", 2));
  present_pack_editor (self, ib_record_editor_new (ib_detail_get_window (widget), store_of (self), &ib_type_report,
                                                   ib_record_get_id (correction), pack_fields),
                       title);
}

/* Opens the pack as the board sees it, and which parts this device may produce. */
static IbPack *
load_pack (IbMeetingsPage *self,
           GVariant       *param,
           gboolean       *offer_part2,
           IbPackPart     *part)
{
  g_autoptr (GError) error = NULL;
  IbPack *pack = ib_pack_load (store_of (self), g_variant_get_string (param, NULL), &error);

  if (pack == NULL)
    {
      ib_detail_toast_error (GTK_WIDGET (self), error->message);
      return NULL;
    }
  *offer_part2 = ib_meetings_pack_offers_part2 (store_of (self), pack);
  /* An exempt report's Part 1 is one line saying it exists: the content is Part 2. */
  *part = ib_pack_is_exempt (pack) && *offer_part2 ? IB_PACK_PART_EXEMPT : IB_PACK_PART_PUBLIC;
  return pack;
}

static void
preview_pack_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IbMeetingsPage *self = IB_MEETINGS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  IbPackPreview *preview = ib_pack_preview_new (ib_detail_get_window (widget), store_of (self),
                                                g_variant_get_string (param, NULL), &error);

  if (preview == NULL)
    {
      ib_detail_toast_error (widget, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (preview));
}

static void
print_pack_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IbMeetingsPage *self = IB_MEETINGS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) pack = NULL;
  g_autoptr (IbPackPrint) print = NULL;
  gboolean offer_part2;
  IbPackPart part;

  pack = load_pack (self, param, &offer_part2, &part);
  if (pack == NULL)
    return;
  print = ib_pack_print_new (pack, part, offer_part2, &error);
  if (print == NULL)
    {
      ib_detail_toast_error (widget, error->message);
      return;
    }
  ib_pack_print_run (print, widget);
}

static void
export_pack_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  IbMeetingsPage *self = IB_MEETINGS_PAGE (widget);
  g_autoptr (IbPack) pack = NULL;
  g_autoptr (IbPackExport) export = NULL;
  gboolean offer_part2;
  IbPackPart part;

  pack = load_pack (self, param, &offer_part2, &part);
  if (pack == NULL)
    return;
  export = ib_pack_export_new (widget, pack, part, offer_part2);
  ib_pack_export_show (export);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IbMeetingsPage *self = IB_MEETINGS_PAGE (widget);

  ib_list_detail_clear_search (self->list_detail);
  gtk_drop_down_set_selected (self->kind_filter, 0);
  ib_meetings_model_clear_filters (self->model);
}

static void
ib_meetings_page_view_init (IbViewInterface *iface)
{
  /* Translators: a view's name in the view switcher: keep it short */
  iface->title = NC_("view", "Meetings");
  iface->icon_name = "x-office-calendar-symbolic";
  iface->add_action = "meetings.new";
  iface->delete_action = "meetings.delete-selected";
  iface->store_changed = store_changed;
  iface->can_edit_changed = can_edit_changed;
  iface->focus_search = focus_search;
  iface->focus_content = focus_content;
}

static void
ib_meetings_page_dispose (GObject *object)
{
  IbMeetingsPage *self = (IbMeetingsPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_MEETINGS_PAGE);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ib_meetings_page_parent_class)->dispose (object);
}

static void
ib_meetings_page_class_init (IbMeetingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_meetings_page_dispose;
  ib_view_class_install_properties (object_class);

  g_type_ensure (IB_TYPE_LIST_DETAIL);
  g_type_ensure (IB_TYPE_MEETING_DETAIL);
  g_type_ensure (IB_TYPE_MEETING_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-meetings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, IbMeetingsPage, list_detail);
  gtk_widget_class_bind_template_child (widget_class, IbMeetingsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, IbMeetingsPage, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, IbMeetingsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, ib_meeting_detail_show);

  gtk_widget_class_install_action (widget_class, "meetings.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "meetings.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "meetings.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "meetings.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_install_action (widget_class, "meetings.new-pack", "s", new_pack_action);
  gtk_widget_class_install_action (widget_class, "meetings.edit-pack", "s", edit_pack_action);
  gtk_widget_class_install_action (widget_class, "meetings.delete-pack", "s", delete_pack_action);
  gtk_widget_class_install_action (widget_class, "meetings.issue-pack", "s", issue_pack_action);
  gtk_widget_class_install_action (widget_class, "meetings.new-version", "s", new_version_action);
  gtk_widget_class_install_action (widget_class, "meetings.preview-pack", "s", preview_pack_action);
  gtk_widget_class_install_action (widget_class, "meetings.print-pack", "s", print_pack_action);
  gtk_widget_class_install_action (widget_class, "meetings.export-pack", "s", export_pack_action);
  gtk_widget_class_install_action (widget_class, "meetings.clear-filters", NULL, clear_filters_action);
}

static void
ib_meetings_page_init (IbMeetingsPage *self)
{
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Positions follow ib_enum_meeting_kind, after "Any kind". */
  gtk_string_list_append (kinds, _("Every kind"));
  for (guint i = 0; i < ib_enum_meeting_kind.n_values; i++)
    gtk_string_list_append (kinds, ib_enum_label (&ib_enum_meeting_kind, ib_enum_meeting_kind.values[i].code));
  gtk_drop_down_set_model (self->kind_filter, G_LIST_MODEL (kinds));
  ib_detail_ellipsize_drop_down (self->kind_filter);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  update_actions (self);
}

IbMeetingsModel *
ib_meetings_page_get_model (IbMeetingsPage *self)
{
  g_return_val_if_fail (IB_IS_MEETINGS_PAGE (self), NULL);
  return self->model;
}

GtkWidget *
ib_meetings_page_get_list_view (IbMeetingsPage *self)
{
  g_return_val_if_fail (IB_IS_MEETINGS_PAGE (self), NULL);
  return GTK_WIDGET (self->list_view);
}

void
ib_meetings_page_commit_pending (IbMeetingsPage *self)
{
  g_return_if_fail (IB_IS_MEETINGS_PAGE (self));
  ib_list_detail_commit_delete (self->list_detail);
}
