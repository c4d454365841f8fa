/* ib-risks-page.c
 *
 * The register is an IbListDetail over IbRiskModel; the heat maps are counted from the same
 * model, so a cell, a filter and the list always agree. Every change goes through
 * IbRecordEditor or the model, so the transaction + outbox rule and the risk rules (L and I
 * 1–5, target not above residual, an owner) hold for every path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-risks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-detail-util.h"
#include "ib-enums.h"
#include "ib-format.h"
#include "ib-list-detail.h"
#include "ib-mine-filter.h"
#include "ib-record-editor.h"
#include "ib-risk-detail.h"
#include "ib-risk-matrix.h"
#include "ib-risk-row.h"
#include "ib-risks-page-private.h"
#include "ib-schedule.h"
#include "ib-view.h"
#include "ib-wrap-layout.h"

struct _IbRisksPage
{
  GtkWidget        parent_instance;

  /* template */
  IbListDetail    *list_detail;
  IbMineFilter    *mine_filter;
  GtkDropDown     *band_filter;
  GtkDropDown     *owner_filter;
  GtkDropDown     *category_filter;
  GtkCheckButton  *overdue_check;
  GtkCheckButton  *closed_check;
  GtkDropDown     *sort_dropdown;
  GtkWidget       *matrix_box;
  GtkRevealer     *cell_bar;
  GtkLabel        *cell_label;
  IbRiskDetail    *detail;

  /* owned */
  IbRiskModel     *model;
  GStrv            owners;       /* parallel to the owner filter, after "Any" */
  GtkWidget       *matrices[2];  /* inherent, residual (children of matrix_box) */

  /* weak */
  IbRecordEditor  *review_editor;  /* the open review form: its risk's next review */

  gboolean         updating;
};

static void ib_risks_page_view_init (IbViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbRisksPage, ib_risks_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_VIEW, ib_risks_page_view_init))

static const char * const risk_fields[] = {
  "ref", "title", "owner", "category", "cause", "event", "consequence",
  "inherent_l", "inherent_i", "residual_l", "residual_i", "target_l", "target_i", "target_by",
  "controls", "further_actions", "response", "appetite", "status", "next_review", NULL
};
static const char * const review_fields[] = { "reviewed_on", "residual_l", "residual_i", "note", "meeting", NULL };

static void
update_actions (IbRisksPage *self)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  const char * const names[] = {
    "risks.new", "risks.edit", "risks.delete", "risks.delete-selected", "risks.toggle-closed",
    "risks.add-review", "risks.link-actions",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), names[i], ib_view_get_can_edit (IB_VIEW (self)) && store != NULL);
}

static void
update_owners (IbRisksPage *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_auto (GStrv) owners = ib_risk_model_list_owners (self->model);
  guint position = gtk_drop_down_get_selected (self->owner_filter), selected = 0;
  const char *current = NULL;

  if (self->owners != NULL && position > 0 && position != GTK_INVALID_LIST_POSITION &&
      position - 1 < g_strv_length (self->owners))
    current = self->owners[position - 1];

  gtk_string_list_append (names, _("Any owner"));
  for (guint i = 0; owners[i] != NULL; i++)
    {
      gtk_string_list_append (names, owners[i]);
      if (g_strcmp0 (owners[i], current) == 0)
        selected = i + 1;
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->owner_filter, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->owner_filter, selected);
  self->updating = FALSE;
  g_strfreev (self->owners);
  self->owners = g_steal_pointer (&owners);
}

static void
update_cell_bar (IbRisksPage *self)
{
  IbRiskMatrixKind kind;
  int l, i;
  g_autofree char *text = NULL;
  guint n = g_list_model_get_n_items (ib_risk_model_get_items (self->model));

  if (!ib_risk_model_get_cell (self->model, &kind, &l, &i))
    {
      gtk_revealer_set_reveal_child (self->cell_bar, FALSE);
      return;
    }

  text = g_strdup_printf (kind == IB_RISK_MATRIX_INHERENT
                          /* Translators: the register filtered by a heat-map cell: likelihood, impact, how many */
                          ? g_dngettext (GETTEXT_PACKAGE, "Inherent likelihood %d × impact %d: %u risk",
                                         "Inherent likelihood %d × impact %d: %u risks", n)
                          : g_dngettext (GETTEXT_PACKAGE, "Residual likelihood %d × impact %d: %u risk",
                                         "Residual likelihood %d × impact %d: %u risks", n),
                          l, i, n);
  gtk_label_set_label (self->cell_label, text);
  gtk_revealer_set_reveal_child (self->cell_bar, TRUE);
}

/* The risk with the highest residual score: what the board looks at first. */
static const char *
top_risk_id (IbRisksPage *self)
{
  GListModel *items = ib_risk_model_get_items (self->model);
  const char *top = NULL;
  int best = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbRecord) risk = g_list_model_get_item (items, i);
      int score = ib_risk_score (ib_record_get_int (risk, "residual_l", 0), ib_record_get_int (risk, "residual_i", 0));

      if (score > best)
        {
          best = score;
          /* The model holds the record: its id outlives this reference. */
          top = ib_record_get_id (risk);
        }
    }
  return top;
}

static const char *
selected_code (GtkDropDown  *drop_down,
               const IbEnum *e)
{
  guint position = gtk_drop_down_get_selected (drop_down);

  if (position == 0 || position == GTK_INVALID_LIST_POSITION || position > e->n_values)
    return NULL;
  return e->values[position - 1].code;
}

/* The next free ref, "R11" after "R10". */
static char *
next_ref (IbRisksPage *self)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autoptr (GListModel) risks = ib_store_list (store, &ib_type_risk);
  guint64 highest = 0;

  for (guint i = 0; i < g_list_model_get_n_items (risks); i++)
    {
      g_autoptr (IbRecord) risk = g_list_model_get_item (risks, i);
      const char *ref = ib_record_get_string (risk, "ref");
      guint64 number;

      if (ref != NULL && (ref[0] == 'R' || ref[0] == 'r') &&
          g_ascii_string_to_unsigned (ref + 1, 10, 0, 9999, &number, NULL))
        highest = MAX (highest, number);
    }

  return g_strdup_printf ("R%02" G_GUINT64_FORMAT, highest + 1);
}

static IbRecord *
param_risk (IbRisksPage *self,
            GVariant    *param)
{
  return ib_risk_model_lookup (self->model, g_variant_get_string (param, NULL));
}

static gboolean
save_review (IbStore   *store,
             IbRecord  *review,
             gpointer   user_data,
             GError   **error)
{
  IbRisksPage *self = user_data;
  g_autofree char *next_review = NULL;

  if (self->review_editor != NULL)
    next_review = ib_record_editor_get_field (self->review_editor, "next_review");
  return ib_risk_model_add_review (self->model, review, next_review, error);
}

static void
on_updated_cb (IbRisksPage *self)
{
  for (guint k = 0; k < G_N_ELEMENTS (self->matrices); k++)
    ib_risk_matrix_update (IB_RISK_MATRIX (self->matrices[k]), self->model);
  update_cell_bar (self);
  update_owners (self);
}

static void
on_cell_activated_cb (IbRiskMatrix *matrix,
                      int           l,
                      int           i,
                      IbRisksPage  *self)
{
  IbRiskMatrixKind kind = matrix == IB_RISK_MATRIX (self->matrices[0]) ? IB_RISK_MATRIX_INHERENT : IB_RISK_MATRIX_RESIDUAL;
  IbRiskMatrixKind cell_kind;
  int cell_l, cell_i;

  /* The same cell again shows everything again. */
  if (ib_risk_model_get_cell (self->model, &cell_kind, &cell_l, &cell_i) &&
      cell_kind == kind && cell_l == l && cell_i == i)
    ib_risk_model_set_cell (self->model, kind, 0, 0);
  else
    ib_risk_model_set_cell (self->model, kind, l, i);
  ib_list_detail_narrowed (self->list_detail);
}

static void
on_filter_changed_cb (IbRisksPage *self)
{
  guint band = gtk_drop_down_get_selected (self->band_filter);
  guint owner = gtk_drop_down_get_selected (self->owner_filter);

  if (self->updating || self->model == NULL)
    return;

  self->updating = TRUE;
  ib_risk_model_set_band (self->model, band > 0 && band <= IB_RISK_BAND_HIGH ? (IbRiskBand) band : IB_RISK_BAND_NONE);
  ib_risk_model_set_owner (self->model, self->owners != NULL && owner > 0 && owner != GTK_INVALID_LIST_POSITION &&
                                        owner - 1 < g_strv_length (self->owners) ? self->owners[owner - 1] : NULL);
  ib_risk_model_set_person (self->model, ib_mine_filter_get_person (self->mine_filter));
  ib_risk_model_set_category (self->model, selected_code (self->category_filter, &ib_enum_risk_category));
  ib_risk_model_set_overdue_only (self->model, gtk_check_button_get_active (self->overdue_check));
  ib_risk_model_set_show_closed (self->model, gtk_check_button_get_active (self->closed_check));
  self->updating = FALSE;
  ib_list_detail_narrowed (self->list_detail);
}

static void
on_sort_changed_cb (IbRisksPage *self)
{
  if (self->model != NULL)
    ib_risk_model_set_sort (self->model, (IbRiskSort) gtk_drop_down_get_selected (self->sort_dropdown));
}

static void
choose_top_risk (IbView *view)
{
  IbRisksPage *self = IB_RISKS_PAGE (view);

  ib_list_detail_choose (self->list_detail, top_risk_id (self));
}

static void
store_changed (IbView *view)
{
  IbRisksPage *self = IB_RISKS_PAGE (view);
  IbStore *store = ib_view_get_store (view);

  /* Read on a worker thread: the list and the heat maps fill when it is in, a few frames
   * later, rather than in the idle that built the view. */
  self->model = ib_risk_model_new_loading (store);
  ib_view_choose_when_loaded (view, IB_VIEW_MODEL (self->model), self->list_detail, choose_top_risk);
  ib_list_detail_set_model (self->list_detail, IB_VIEW_MODEL (self->model));
  g_signal_connect_swapped (self->model, "updated", G_CALLBACK (on_updated_cb), self);
  if (!ib_risk_model_is_loading (self->model))
    choose_top_risk (view);
  on_updated_cb (self);
  update_actions (self);
}

static void
can_edit_changed (IbView *view)
{
  IbRisksPage *self = IB_RISKS_PAGE (view);

  update_actions (self);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  IbRisksPage *self = IB_RISKS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autoptr (IbRecord) draft = ib_record_new (&ib_type_risk);
  g_autofree char *ref = next_ref (self);

  ib_record_set_string (draft, "ref", ref);
  ib_record_set_string (draft, "status", "open");
  ib_record_set_string (draft, "response", "treat");
  ib_list_detail_present_editor (self->list_detail,
                                 ib_record_editor_new_draft (ib_detail_get_window (widget), store, draft, risk_fields),
                                 _("New Risk"));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IbRisksPage *self = IB_RISKS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  IbRecord *risk = param_risk (self, param);

  if (risk != NULL)
    ib_list_detail_present_editor (self->list_detail,
                                   ib_record_editor_new (ib_detail_get_window (widget), store, &ib_type_risk,
                                                         ib_record_get_id (risk), risk_fields),
                                   NULL);
}

static void
add_review_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IbRisksPage *self = IB_RISKS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  IbRecord *risk = param_risk (self, param);
  g_autoptr (IbRecord) draft = NULL;
  g_autoptr (IbRecord) board = NULL;
  g_autofree char *date = ib_format_today ();
  g_autofree char *title = NULL;
  g_autofree char *next_review = NULL;
  IbRecordEditor *editor;

  if (risk == NULL)
    return;

  /* Starts from the current score: a review most often confirms it. */
  draft = ib_record_new (&ib_type_risk_review);
  ib_record_set_string (draft, "risk", ib_record_get_id (risk));
  ib_record_set_string (draft, "reviewed_on", date);
  if (ib_record_has (risk, "residual_l"))
    ib_record_set_int (draft, "residual_l", ib_record_get_int (risk, "residual_l", 0));
  if (ib_record_has (risk, "residual_i"))
    ib_record_set_int (draft, "residual_i", ib_record_get_int (risk, "residual_i", 0));
  /* Most are written for the coming Improvement Board, or the one just held. */
  board = ib_schedule_meeting_for (store, "improvement_board", date);
  if (board != NULL)
    ib_record_set_string (draft, "meeting", ib_record_get_id (board));

  editor = ib_record_editor_new_draft (ib_detail_get_window (widget), store, draft, review_fields);
  /* A review moves the risk on: its next review is offered from the cycle (the next
   * Improvement Board, or three months on) and saved with it. */
  next_review = ib_schedule_next_review (store, date);
  ib_record_editor_add_field (editor, &ib_type_risk, "next_review", next_review);
  ib_record_editor_set_save_func (editor, save_review, self);
  g_set_weak_pointer (&self->review_editor, editor);
  /* Translators: the title of the form recording a risk review; %s is the risk's ref */
  title = g_strdup_printf (_("Review of %s"), ib_record_get_string (risk, "ref"));
  ib_list_detail_present_editor (self->list_detail, editor, title);
}

static void
toggle_closed_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IbRisksPage *self = IB_RISKS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  IbRecord *found = param_risk (self, param);
  g_autoptr (IbRecord) risk = found != NULL ? ib_record_copy (found) : NULL;
  g_autoptr (GError) error = NULL;
  gboolean closing;

  if (risk == NULL)
    return;

  closing = g_strcmp0 (ib_record_get_string (risk, "status"), "closed") != 0;
  ib_record_set_string (risk, "status", closing ? "closed" : "open");
  if (!ib_store_update (store, risk, &error))
    {
      ib_detail_toast_error (widget, error->message);
      return;
    }

  /* A closed risk leaves the default register: show closed ones so it stays in view. */
  if (closing && !gtk_check_button_get_active (self->closed_check))
    gtk_check_button_set_active (self->closed_check, TRUE);
  /* Its row now, not at idle; the rest of the register is not read again. */
  ib_view_model_reload (IB_VIEW_MODEL (self->model));
}

static void
link_actions_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IbRisksPage *self = IB_RISKS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  IbRecord *risk = param_risk (self, param);

  if (risk != NULL)
    ib_detail_pick_links (widget, store, IB_LINK_RISK_ACTIONS, risk, _("Plan Actions That Treat It"),
                          ib_record_get_string (risk, "title"));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  IbRisksPage *self = IB_RISKS_PAGE (widget);
  IbRecord *risk = param_risk (self, param);

  if (risk != NULL)
    ib_list_detail_delete (self->list_detail, &ib_type_risk, risk);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  IbRisksPage *self = IB_RISKS_PAGE (widget);
  IbRecord *risk = ib_list_detail_get_item (self->list_detail);

  if (risk != NULL)
    ib_list_detail_delete (self->list_detail, &ib_type_risk, risk);
}

/* Clears the search, the cell and every filter, then keeps only overdue reviews when
 * @overdue_only. */
static void
set_filters (IbRisksPage *self,
             gboolean     overdue_only)
{
  self->updating = TRUE;
  ib_list_detail_clear_search (self->list_detail);
  ib_mine_filter_set_active (self->mine_filter, FALSE);
  gtk_drop_down_set_selected (self->band_filter, 0);
  gtk_drop_down_set_selected (self->owner_filter, 0);
  gtk_drop_down_set_selected (self->category_filter, 0);
  gtk_check_button_set_active (self->overdue_check, overdue_only);
  self->updating = FALSE;
  ib_risk_model_clear_filters (self->model);
  ib_risk_model_set_overdue_only (self->model, overdue_only);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  set_filters (IB_RISKS_PAGE (widget), FALSE);
}

/* Links from the other views: the Overview's open register ("all") or its risks whose review
 * is overdue ("reviews-overdue"), a risk by its id (from a KPI, an action or a reminder of its
 * review), shown whatever the filters hid, and "mine", the person's own risks. */
static gboolean
open_target (IbView     *view,
             const char *target)
{
  IbRisksPage *self = IB_RISKS_PAGE (view);
  IbRecord *risk;

  if (self->model == NULL)
    return FALSE;

  if (g_str_equal (target, "all") || g_str_equal (target, "reviews-overdue"))
    {
      set_filters (self, g_str_equal (target, "reviews-overdue"));
      ib_list_detail_focus_list (self->list_detail);
      return TRUE;
    }

  if (g_str_equal (target, "mine"))
    {
      set_filters (self, FALSE);
      ib_mine_filter_set_active (self->mine_filter, TRUE);
      ib_list_detail_focus_list (self->list_detail);
      return ib_mine_filter_get_person (self->mine_filter) != NULL;
    }

  /* Still read apart: the risk is opened when the load is in, if it exists. */
  if (ib_risk_model_is_loading (self->model))
    {
      g_autoptr (IbRecord) stored = ib_store_get (ib_view_get_store (view), &ib_type_risk, target, NULL);

      return stored != NULL && ib_view_open_when_loaded (view, target);
    }

  /* A risk written a moment ago (by the view that links here) is taken in now, not at idle. */
  ib_view_model_reload (IB_VIEW_MODEL (self->model));
  risk = ib_risk_model_lookup (self->model, target);
  if (risk == NULL)
    return FALSE;
  /* A closed risk is out of the default register: show closed ones so it is in view. */
  if (g_strcmp0 (ib_record_get_string (risk, "status"), "closed") == 0)
    gtk_check_button_set_active (self->closed_check, TRUE);
  if (ib_list_detail_open_id (self->list_detail, target))
    return TRUE;
  set_filters (self, FALSE);
  return ib_list_detail_open_id (self->list_detail, target);
}

static void
clear_cell_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IbRisksPage *self = IB_RISKS_PAGE (widget);

  ib_risk_model_set_cell (self->model, IB_RISK_MATRIX_RESIDUAL, 0, 0);
}

static void
focus_search (IbView *view)
{
  ib_list_detail_focus_search (IB_RISKS_PAGE (view)->list_detail);
}

static void
focus_content (IbView *view)
{
  ib_list_detail_focus_shown (IB_RISKS_PAGE (view)->list_detail);
}

static void
ib_risks_page_view_init (IbViewInterface *iface)
{
  /* Translators: a view's name in the view switcher: keep it short */
  iface->title = NC_("view", "Risks");
  iface->icon_name = "dialog-warning-symbolic";
  iface->add_action = "risks.new";
  iface->delete_action = "risks.delete-selected";
  iface->store_changed = store_changed;
  iface->can_edit_changed = can_edit_changed;
  iface->focus_search = focus_search;
  iface->focus_content = focus_content;
  iface->open = open_target;
}

static void
ib_risks_page_dispose (GObject *object)
{
  IbRisksPage *self = (IbRisksPage *) object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_RISKS_PAGE);
  g_clear_object (&self->model);
  g_clear_pointer (&self->owners, g_strfreev);
  g_clear_weak_pointer (&self->review_editor);

  G_OBJECT_CLASS (ib_risks_page_parent_class)->dispose (object);
}

static void
ib_risks_page_class_init (IbRisksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_risks_page_dispose;
  ib_view_class_install_properties (object_class);

  g_type_ensure (IB_TYPE_LIST_DETAIL);
  g_type_ensure (IB_TYPE_RISK_DETAIL);
  g_type_ensure (IB_TYPE_RISK_ROW);
  g_type_ensure (IB_TYPE_MINE_FILTER);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-risks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, IbRisksPage, list_detail);
  gtk_widget_class_bind_template_child (widget_class, IbRisksPage, mine_filter);
  gtk_widget_class_bind_template_child (widget_class, IbRisksPage, band_filter);
  gtk_widget_class_bind_template_child (widget_class, IbRisksPage, owner_filter);
  gtk_widget_class_bind_template_child (widget_class, IbRisksPage, category_filter);
  gtk_widget_class_bind_template_child (widget_class, IbRisksPage, overdue_check);
  gtk_widget_class_bind_template_child (widget_class, IbRisksPage, closed_check);
  gtk_widget_class_bind_template_child (widget_class, IbRisksPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IbRisksPage, matrix_box);
  gtk_widget_class_bind_template_child (widget_class, IbRisksPage, cell_bar);
  gtk_widget_class_bind_template_child (widget_class, IbRisksPage, cell_label);
  gtk_widget_class_bind_template_child (widget_class, IbRisksPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ib_risk_detail_show);

  gtk_widget_class_install_action (widget_class, "risks.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "risks.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "risks.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "risks.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_install_action (widget_class, "risks.toggle-closed", "s", toggle_closed_action);
  gtk_widget_class_install_action (widget_class, "risks.add-review", "s", add_review_action);
  gtk_widget_class_install_action (widget_class, "risks.link-actions", "s", link_actions_action);
  gtk_widget_class_install_action (widget_class, "risks.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "risks.clear-cell", NULL, clear_cell_action);
}

static GtkStringList *
enum_choices (const char   *any,
              const IbEnum *e)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  for (guint i = 0; i < e->n_values; i++)
    gtk_string_list_append (list, ib_enum_label (e, e->values[i].code));
  return list;
}

static void
ib_risks_page_init (IbRisksPage *self)
{
  g_autoptr (GtkStringList) bands = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) categories = enum_choices (_("Any category"), &ib_enum_risk_category);
  g_autoptr (GtkStringList) sorts = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Positions follow IbRiskBand and IbRiskSort. */
  gtk_string_list_append (bands, _("Any band"));
  for (IbRiskBand band = IB_RISK_BAND_LOW; band <= IB_RISK_BAND_HIGH; band++)
    gtk_string_list_append (bands, ib_risk_band_label (band));
  gtk_string_list_append (sorts, C_("sort", "By reference"));
  gtk_string_list_append (sorts, C_("sort", "By residual score"));
  gtk_string_list_append (sorts, C_("sort", "By next review"));
  gtk_string_list_append (sorts, C_("sort", "By owner"));
  gtk_drop_down_set_model (self->band_filter, G_LIST_MODEL (bands));
  gtk_drop_down_set_model (self->category_filter, G_LIST_MODEL (categories));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sorts));
  ib_detail_ellipsize_drop_down (self->owner_filter);
  ib_detail_ellipsize_drop_down (self->sort_dropdown);

  /* Side by side when there is room, one above the other in a narrow window. */
  gtk_widget_set_layout_manager (self->matrix_box, ib_wrap_layout_new (18));
  for (guint k = 0; k < G_N_ELEMENTS (self->matrices); k++)
    {
      self->matrices[k] = ib_risk_matrix_new (k == 0 ? IB_RISK_MATRIX_INHERENT : IB_RISK_MATRIX_RESIDUAL);
      g_signal_connect (self->matrices[k], "cell-activated", G_CALLBACK (on_cell_activated_cb), self);
      gtk_box_append (GTK_BOX (self->matrix_box), self->matrices[k]);
    }
  update_actions (self);
}

IbRiskModel *
ib_risks_page_get_model (IbRisksPage *self)
{
  g_return_val_if_fail (IB_IS_RISKS_PAGE (self), NULL);
  return self->model;
}

GtkWidget *
ib_risks_page_get_matrix (IbRisksPage      *self,
                          IbRiskMatrixKind  kind)
{
  g_return_val_if_fail (IB_IS_RISKS_PAGE (self), NULL);
  return self->matrices[kind == IB_RISK_MATRIX_INHERENT ? 0 : 1];
}

void
ib_risks_page_commit_pending (IbRisksPage *self)
{
  g_return_if_fail (IB_IS_RISKS_PAGE (self));
  ib_list_detail_commit_delete (self->list_detail);
}
