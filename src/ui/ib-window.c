/* ib-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-conflicts-window.h"
#include "ib-council-page.h"
#include "ib-demo.h"
#include "ib-frame-log.h"
#include "ib-judgements-page.h"
#include "ib-kpis-page.h"
#include "ib-preferences-window.h"
#include "ib-reminders.h"
#include "ib-settings.h"
#include "ib-sync-button.h"
#include "ib-sync-settings.h"
#include "ib-toasts.h"
#include "ib-view.h"
#include "ib-view-slot.h"
#include "ib-view-switcher-bar.h"
#include "ib-view-types.h"
#include "ib-window.h"

/* How long changes and resizes must pause before the hidden views are laid out again. */
#define LAY_OUT_QUIET_MS 500
/* Between two steps of that layout: time enough for the frame that styles what a step made. */
#define LAY_OUT_STEP_MS  100

struct _IbWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  AdwViewStack         *view_stack;
  GtkWidget            *demo_button;
  AdwViewSwitcherTitle *switcher_title;
  IbSyncButton         *sync_button;
  GtkRevealer          *conflict_banner;
  GtkLabel             *conflict_label;

  /* owned */
  IbStore              *store;
  GSettings            *settings;
  IbSyncService        *sync;
  IbReminders          *reminders;
  GtkNativeDialog      *chooser;   /* the open Import… file chooser */

  guint                 attach_id; /* idle filling the hidden views after the first frame */
  guint                 lay_out_id;    /* low-priority timeout laying the hidden views out, one a tick */
  guint                 lay_out_next;  /* the page it lays out next */
  gboolean              lay_out_again; /* a view was still loading: another pass after this */
  gboolean              can_edit;
};

G_DEFINE_FINAL_TYPE (IbWindow, ib_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAN_EDIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The header's title shows only where the view switcher does not fit. At a phone's width that
 * leaves about 130 px, too few for "Improvement Board" in full, so on a board it names the view
 * shown, which fits in every language; the window's own title stays the app's name. */
static void
update_title (IbWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->view_stack);
  AdwViewStackPage *page = child != NULL ? adw_view_stack_get_page (self->view_stack, child) : NULL;
  const char *title = page != NULL ? adw_view_stack_page_get_title (page) : NULL;

  if (!adw_view_switcher_title_get_view_switcher_enabled (self->switcher_title) || title == NULL)
    title = _("Improvement Board");
  adw_view_switcher_title_set_title (self->switcher_title, title);
}

static void
show_board_or_welcome (IbWindow *self)
{
  gboolean empty = ib_store_is_empty (self->store);

  gtk_stack_set_visible_child_name (self->main_stack, empty ? "welcome" : "board");
  /* Views are offered only once there is a board to show. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, !empty);
  update_title (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", !empty);

  if (empty)
    gtk_widget_grab_focus (self->demo_button);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IbWindow *self = IB_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (self->store == NULL)
    return;

  if (ib_demo_load (self->store, &error) < 0)
    {
      ib_window_toast (self, error->message);
      return;
    }

  show_board_or_welcome (self);
  ib_window_set_view (self, "overview");
}

static void
start_empty_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  IbWindow *self = IB_WINDOW (widget);
  g_autoptr (IbRecord) plan = NULL;
  g_autoptr (GError) error = NULL;

  if (self->store == NULL)
    return;

  plan = ib_record_new (&ib_type_plan);
  ib_record_set_string (plan, "title", _("Improvement plan"));
  ib_record_set_string (plan, "status", "active");

  if (!ib_store_create (self->store, plan, &error))
    {
      ib_window_toast (self, error->message);
      return;
    }

  show_board_or_welcome (self);
  ib_window_set_view (self, "overview");
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IbWindow *self = IB_WINDOW (widget);

  if (self->sync != NULL)
    ib_sync_service_sync_now (self->sync);
}

static void
sync_settings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IbWindow *self = IB_WINDOW (widget);
  IbSyncSettings *dialog;

  if (self->sync == NULL)
    return;

  dialog = ib_sync_settings_new (GTK_WINDOW (self), self->sync);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  IbWindow *self = IB_WINDOW (widget);

  if (self->settings == NULL)
    {
      ib_window_toast (self, _("Preferences cannot be kept: the app’s settings schema is not installed."));
      return;
    }
  gtk_window_present (GTK_WINDOW (ib_preferences_window_new (GTK_WINDOW (self), self->settings, self->store)));
}

static void
council_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  IbWindow *self = IB_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (ib_council_page_new_window (GTK_WINDOW (self), self->store));
}

static void
on_import_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       IbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        ib_window_import_file (self, file);
    }
  g_clear_object (&self->chooser);
}

/* File → Import…: national data (Explore Education Statistics, Ofsted outcomes) or KPI values,
 * told apart by what the file holds. */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  IbWindow *self = IB_WINDOW (widget);
  g_autoptr (GtkFileFilter) csv = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL || self->store == NULL)
    return;
  /* Ofsted's outcomes summaries come as workbooks too. */
  gtk_file_filter_set_name (csv, _("CSV files and Excel workbooks"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_pattern (csv, "*.xlsx");
  gtk_file_filter_add_mime_type (csv, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  chooser = gtk_file_chooser_native_new (_("Import National Data or KPI Values"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            IbWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    ib_window_import_file (self, l->data);
  return files != NULL;
}

static void
review_conflicts_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  IbWindow *self = IB_WINDOW (widget);
  IbConflictsWindow *dialog;

  if (self->sync == NULL)
    return;

  dialog = ib_conflicts_window_new (GTK_WINDOW (self), self->sync);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_conflicts_changed_cb (IbWindow *self)
{
  guint n = ib_sync_service_get_conflicts (self->sync);
  g_autofree char *text = NULL;

  /* Non-modal: the banner says so and waits; nothing stops the person working. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u edit needs your decision",
                                       "%u edits need your decision", n), n);
  gtk_label_set_label (self->conflict_label, text);
  gtk_revealer_set_reveal_child (self->conflict_banner, n > 0);
}

static void
on_sign_in_needed_cb (IbWindow *self)
{
  AdwToast *toast = adw_toast_new (_("Sign in again to keep syncing. Your changes are kept."));

  adw_toast_set_button_label (toast, _("_Sign In…"));
  adw_toast_set_action_name (toast, "win.sync-settings");
  adw_toast_set_timeout (toast, 0);
  ib_toasts_add (self->toast_overlay, toast);
}

/* A viewer reads the plan: the controls that would change it go (each view binds its
 * "can-edit" to the window's in ib-window.ui). */
static void
set_can_edit (IbWindow *self,
              gboolean  can_edit)
{
  if (self->can_edit == can_edit)
    return;
  self->can_edit = can_edit;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-empty", can_edit);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_EDIT]);
}

/* Returns the view of @child, a page of the view stack, built now if it was not yet. */
static IbView *
view_of_page (GtkWidget *child)
{
  return IB_IS_VIEW_SLOT (child) ? ib_view_slot_ensure_view (IB_VIEW_SLOT (child)) : NULL;
}

static IbView *
visible_view (IbWindow *self)
{
  return view_of_page (adw_view_stack_get_visible_child (self->view_stack));
}

/* Returns the view named @name if it is built, without building it. */
static IbView *
built_view (IbWindow   *self,
            const char *name)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (self->view_stack, name);

  return IB_IS_VIEW_SLOT (child) ? ib_view_slot_get_view (IB_VIEW_SLOT (child)) : NULL;
}

/* Ctrl+F, Ctrl+N and Delete mean "in the view I am looking at"; a view without a search, a
 * kind of record to add or a selection to delete ignores them. */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IbView *view = visible_view (IB_WINDOW (widget));

  if (view != NULL)
    ib_view_focus_search (view);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  IbView *view = visible_view (IB_WINDOW (widget));

  if (view != NULL)
    ib_view_add_item (view);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  IbView *view = visible_view (IB_WINDOW (widget));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));

  /* Only while working in the view: Delete on the header bar's buttons deletes nothing. */
  if (view != NULL && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (view)))
    ib_view_delete_selected (view);
}

/* A first sync fills an empty database: leave the first-start page once there is a board. */
static void lay_out_hidden_later (IbWindow *self);

static void
on_store_changed_cb (IbWindow *self)
{
  lay_out_hidden_later (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "welcome") == 0 &&
      !ib_store_is_empty (self->store))
    show_board_or_welcome (self);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Alt+N: the view, with the keyboard in it, so the next key works on its list and not on the
 * header bar's first button (where it was when it came from outside the views) nor on the view's
 * first control (where the view stack puts it). Back in a view, the keyboard is where it was. */
static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IbWindow *self = IB_WINDOW (widget);
  GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GWeakRef *last;
  g_autoptr (GtkWidget) before = NULL;
  IbView *view;

  if (page != NULL && focus != NULL && gtk_widget_is_ancestor (focus, page))
    {
      last = g_new0 (GWeakRef, 1);
      g_weak_ref_init (last, focus);
      g_object_set_data_full (G_OBJECT (page), "ib-last-focus", last, weak_ref_free);
    }

  ib_window_set_view (self, g_variant_get_string (param, NULL));
  page = adw_view_stack_get_visible_child (self->view_stack);
  view = visible_view (self);
  if (view == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "board") != 0)
    return;

  last = g_object_get_data (G_OBJECT (page), "ib-last-focus");
  before = last != NULL ? g_weak_ref_get (last) : NULL;
  if (before != NULL && gtk_widget_is_ancestor (before, page) && gtk_widget_get_mapped (before) &&
      gtk_widget_grab_focus (before))
    return;
  ib_view_focus_content (view);
}

/* A link from one view to another: "win.open" (view name, record id or list name). */
static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IbWindow *self = IB_WINDOW (widget);
  const char *name, *target;
  IbView *view;

  g_variant_get (param, "(&s&s)", &name, &target);
  view = view_of_page (adw_view_stack_get_child_by_name (self->view_stack, name));
  if (view == NULL)
    return;

  ib_window_set_view (self, name);
  if (!ib_view_open (view, target))
    ib_window_toast (self, _("That record is not on this computer any more."));
}

static gboolean
ib_window_close_request (GtkWindow *window)
{
  IbWindow *self = IB_WINDOW (window);
  int width, height;

  if (self->settings == NULL)
    return GTK_WINDOW_CLASS (ib_window_parent_class)->close_request (window);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  return GTK_WINDOW_CLASS (ib_window_parent_class)->close_request (window);
}

static void
ib_window_dispose (GObject *object)
{
  IbWindow *self = (IbWindow *) object;

  g_clear_handle_id (&self->attach_id, g_source_remove);
  g_clear_handle_id (&self->lay_out_id, g_source_remove);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_WINDOW);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->sync);
  g_clear_object (&self->reminders);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ib_window_parent_class)->dispose (object);
}

static void
ib_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  IbWindow *self = IB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CAN_EDIT:
      g_value_set_boolean (value, self->can_edit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  IbWindow *self = IB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    case PROP_CAN_EDIT:
      set_can_edit (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The frame benchmark reads the end of the window's snapshot as the end of the app's own work in
 * a frame: what follows is GSK's renderer. */
static void
ib_window_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  GTK_WIDGET_CLASS (ib_window_parent_class)->snapshot (widget, snapshot);
  ib_frame_log_snapshot_done ();
}

static void
ib_window_class_init (IbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ib_window_dispose;
  object_class->get_property = ib_window_get_property;
  object_class->set_property = ib_window_set_property;
  widget_class->snapshot = ib_window_snapshot;
  window_class->close_request = ib_window_close_request;

  /* The board the views show (NULL in the error state), given once. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, IB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* FALSE while the person signed in is a viewer; the views follow it. */
  properties[PROP_CAN_EDIT] =
    g_param_spec_boolean ("can-edit", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  ib_view_types_ensure ();
  g_type_ensure (IB_TYPE_VIEW_SLOT);
  g_type_ensure (IB_TYPE_SYNC_BUTTON);
  g_type_ensure (IB_TYPE_VIEW_SWITCHER_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, IbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, IbWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, IbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, IbWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, IbWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, IbWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, IbWindow, conflict_banner);
  gtk_widget_class_bind_template_child (widget_class, IbWindow, conflict_label);

  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.start-empty", NULL, start_empty_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.open", "(ss)", open_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.sync-settings", NULL, sync_settings_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.council", NULL, council_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_install_action (widget_class, "win.review-conflicts", NULL, review_conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete", NULL);
}

/* Alt+1 … Alt+9 show the views in the order the view switcher lists them. */
static void
add_view_shortcuts (IbWindow *self)
{
  g_autoptr (GListModel) pages = G_LIST_MODEL (adw_view_stack_get_pages (self->view_stack));
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < MIN (g_list_model_get_n_items (pages), 9); i++)
    {
      g_autoptr (AdwViewStackPage) page = g_list_model_get_item (pages, i);
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_1 + i, GDK_ALT_MASK),
                                                gtk_named_action_new ("win.show-view"));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (adw_view_stack_page_get_name (page)));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
ib_window_init (IbWindow *self)
{
  self->can_edit = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  add_view_shortcuts (self);
  ib_frame_log_attach (GTK_WIDGET (self));

  self->settings = ib_settings_new ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1100, 760);

  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  /* A data set dragged from the file manager is imported as Import… would. */
  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }
}

/* Gives @view the window's store, once; returns FALSE when it had it already. */
static gboolean
attach_view (IbWindow *self,
             IbView   *view)
{
  if (ib_view_get_store (view) != NULL)
    return FALSE;
  g_object_bind_property (self, "store", view, "store", G_BINDING_SYNC_CREATE);
  return TRUE;
}

/* The view shown gets its records at once; on a large board, filling the hidden ones (their
 * lists, maps and detail panes) first would delay the first frame. */
static void
attach_visible_view (IbWindow *self)
{
  IbView *view = visible_view (self);

  if (view != NULL)
    attach_view (self, view);
}

/* Lays the hidden views out at the size the stack gives the one shown, a step of one view each
 * time the low-priority timeout fires (ib_view_slot_lay_out ()), so no main-loop iteration
 * lays out more than one. A view's first showing otherwise measured and laid out every label of its
 * list and detail pane in that one frame: on the ten-year dataset 20-45 ms for Judgements, KPIs
 * and Risks. Laid out already at that size, the stack's allocation of it finds nothing to do
 * and the frame only draws it. */
static gboolean
lay_out_hidden_cb (gpointer data)
{
  IbWindow *self = data;
  GtkWidget *stack = GTK_WIDGET (self->view_stack);
  GtkWidget *shown = adw_view_stack_get_visible_child (self->view_stack);
  g_autoptr (GListModel) pages = G_LIST_MODEL (adw_view_stack_get_pages (self->view_stack));
  int width = gtk_widget_get_width (stack), height = gtk_widget_get_height (stack);

  for (; gtk_widget_get_mapped (stack) && width > 0 && self->lay_out_next < g_list_model_get_n_items (pages);
       self->lay_out_next++)
    {
      g_autoptr (AdwViewStackPage) page = g_list_model_get_item (pages, self->lay_out_next);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      if (child == shown || !gtk_widget_get_visible (child) || !IB_IS_VIEW_SLOT (child) ||
          ib_view_slot_get_view (IB_VIEW_SLOT (child)) == NULL)
        continue;
      if (ib_view_is_loading (ib_view_slot_get_view (IB_VIEW_SLOT (child))))
        {
          self->lay_out_again = TRUE;
          continue;
        }
      if (ib_view_slot_lay_out (IB_VIEW_SLOT (child), width, height))
        self->lay_out_next++;
      /* The next step once a frame has given the view, or what its layout made, its style. */
      self->lay_out_id = g_timeout_add_full (G_PRIORITY_LOW, LAY_OUT_STEP_MS, lay_out_hidden_cb, self, NULL);
      return G_SOURCE_REMOVE;
    }
  self->lay_out_id = 0;
  if (self->lay_out_again)
    {
      self->lay_out_again = FALSE;
      lay_out_hidden_later (self);
    }
  return G_SOURCE_REMOVE;
}

/* A pass over the hidden views after they are filled, and half a second after the last of a
 * run of changes or resizes: a sync's pages keep it waiting until they stop, so it never lays
 * a view out again for each page. */
static void
lay_out_hidden_later (IbWindow *self)
{
  if (self->attach_id != 0)
    return;  /* the views are still being filled; the pass follows */
  self->lay_out_next = 0;
  g_clear_handle_id (&self->lay_out_id, g_source_remove);
  self->lay_out_id = g_timeout_add_full (G_PRIORITY_LOW, LAY_OUT_QUIET_MS, lay_out_hidden_cb, self, NULL);
}

/* The hidden views, built and then filled one per idle after the first frame, so switching to
 * one is quick and none of them delays the first frame. */
static gboolean
attach_next_cb (gpointer data)
{
  IbWindow *self = data;
  g_autoptr (GListModel) pages = G_LIST_MODEL (adw_view_stack_get_pages (self->view_stack));

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr (AdwViewStackPage) page = g_list_model_get_item (pages, i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      if (!IB_IS_VIEW_SLOT (child))
        continue;
      if (ib_view_slot_get_view (IB_VIEW_SLOT (child)) == NULL)
        {
          ib_view_slot_ensure_view (IB_VIEW_SLOT (child));
          return G_SOURCE_CONTINUE;
        }
      if (attach_view (self, ib_view_slot_get_view (IB_VIEW_SLOT (child))))
        return G_SOURCE_CONTINUE;
    }
  self->attach_id = 0;
  lay_out_hidden_later (self);
  return G_SOURCE_REMOVE;
}

/* Other councils' grades sit beside the council's own on the Judgements view. */
static void
on_grades_imported_cb (IbWindow *self)
{
  IbView *page = built_view (self, "judgements");

  /* Not built yet, it reads them when it is. */
  if (IB_IS_JUDGEMENTS_PAGE (page))
    ib_judgements_page_reload (IB_JUDGEMENTS_PAGE (page));
}

static void
on_kpis_built_cb (IbWindow *self)
{
  g_signal_connect_object (built_view (self, "kpis"), "grades-imported", G_CALLBACK (on_grades_imported_cb), self,
                           G_CONNECT_SWAPPED);
}

IbWindow *
ib_window_new (AdwApplication *app,
               IbStore        *store)
{
  IbWindow *self;

  g_return_val_if_fail (ADW_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  self = g_object_new (IB_TYPE_WINDOW, "application", app, "store", store, NULL);
  attach_visible_view (self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (attach_visible_view), self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (update_title), self);
  self->attach_id = g_idle_add_full (G_PRIORITY_LOW, attach_next_cb, self, NULL);
  show_board_or_welcome (self);
  g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  g_signal_connect_swapped (self, "notify::default-width", G_CALLBACK (lay_out_hidden_later), self);
  g_signal_connect_swapped (self, "notify::default-height", G_CALLBACK (lay_out_hidden_later), self);
  g_signal_connect_swapped (self, "notify::maximized", G_CALLBACK (lay_out_hidden_later), self);
  g_signal_connect_swapped (self, "notify::fullscreened", G_CALLBACK (lay_out_hidden_later), self);
  g_signal_connect_object (adw_view_stack_get_child_by_name (self->view_stack, "kpis"), "notify::view",
                           G_CALLBACK (on_kpis_built_cb), self, G_CONNECT_SWAPPED);

  self->sync = ib_sync_service_new (store);
  if (self->settings != NULL)
    g_settings_bind (self->settings, "sync-interval", self->sync, "interval", G_SETTINGS_BIND_GET);
  g_signal_connect_swapped (self->sync, "notify::conflicts", G_CALLBACK (on_conflicts_changed_cb), self);
  g_signal_connect_swapped (self->sync, "sign-in-needed", G_CALLBACK (on_sign_in_needed_cb), self);
  g_object_bind_property (self->sync, "can-edit", self, "can-edit", G_BINDING_SYNC_CREATE);
  ib_sync_button_set_service (self->sync_button, self->sync);
  ib_sync_service_start (self->sync);
  on_conflicts_changed_cb (self);

  if (self->settings != NULL)
    self->reminders = ib_reminders_new (G_APPLICATION (app), self->settings, store);

  return self;
}

IbWindow *
ib_window_new_for_error (AdwApplication *app,
                         const GError   *error)
{
  IbWindow *self;

  g_return_val_if_fail (ADW_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  self = g_object_new (IB_TYPE_WINDOW, "application", app, NULL);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-empty", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-settings", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.council", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.review-conflicts", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), FALSE);

  return self;
}

IbSyncService *
ib_window_get_sync (IbWindow *self)
{
  g_return_val_if_fail (IB_IS_WINDOW (self), NULL);
  return self->sync;
}

IbStore *
ib_window_get_store (IbWindow *self)
{
  g_return_val_if_fail (IB_IS_WINDOW (self), NULL);
  return self->store;
}

const char *
ib_window_get_state (IbWindow *self)
{
  g_return_val_if_fail (IB_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
ib_window_get_view (IbWindow *self)
{
  g_return_val_if_fail (IB_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
ib_window_set_view (IbWindow   *self,
                    const char *name)
{
  g_return_if_fail (IB_IS_WINDOW (self));

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
ib_window_toast (IbWindow   *self,
                 const char *message)
{
  AdwToast *toast;

  g_return_if_fail (IB_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* Toast titles are Pango markup at libadwaita 1.2; a file name with "&" must not break it. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 0);
  ib_toasts_add (self->toast_overlay, toast);
}

void
ib_window_import_file (IbWindow *self,
                       GFile    *file)
{
  g_return_if_fail (IB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    return;
  /* The figures go to the KPIs, where the preview's result is seen. */
  ib_window_set_view (self, "kpis");
  attach_visible_view (self);
  ib_kpis_page_import_file (IB_KPIS_PAGE (visible_view (self)), file);
}
