/* ib-sync-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-sync-button"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-sync-button-private.h"

struct _IbSyncButton
{
  GtkWidget      parent_instance;

  /* template */
  GtkMenuButton *menu_button;
  GtkStack      *icon_stack;
  GtkImage      *icon;
  GtkSpinner    *spinner;
  GtkLabel      *label;
  GtkLabel      *heading;
  GtkLabel      *detail;
  GtkWidget     *review_button;
  GtkWidget     *sync_now_button;

  /* owned */
  IbSyncService *service;

  gboolean       compact;
  guint          compact_idle_id;
};

G_DEFINE_FINAL_TYPE (IbSyncButton, ib_sync_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COMPACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
ib_sync_state_describe (IbSyncState state,
                        guint       pending,
                        guint       conflicts)
{
  switch (state)
    {
    case IB_SYNC_STATE_SIGNED_OUT:
      return g_strdup (_("Not signed in to a sync server. Changes stay on this computer."));
    case IB_SYNC_STATE_SYNCED:
      return g_strdup (_("Everything is synced."));
    case IB_SYNC_STATE_SYNCING:
      return g_strdup (_("Syncing…"));
    case IB_SYNC_STATE_PENDING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waits to be sent.",
                                           "%u changes wait to be sent.", pending), pending);
    case IB_SYNC_STATE_OFFLINE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline: %u change will be sent when the server can be reached.",
                                           "Offline: %u changes will be sent when the server can be reached.", pending),
                              pending);
    case IB_SYNC_STATE_CONFLICTS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u edit needs your decision.",
                                           "%u edits need your decision.", conflicts), conflicts);
    case IB_SYNC_STATE_STOPPED:
    default:
      return g_strdup (_("Sync has stopped."));
    }
}

static void
update (IbSyncButton *self)
{
  IbSyncState state = self->service ? ib_sync_service_get_state (self->service) : IB_SYNC_STATE_SIGNED_OUT;
  guint pending = self->service ? ib_sync_service_get_pending (self->service) : 0;
  guint conflicts = self->service ? ib_sync_service_get_conflicts (self->service) : 0;
  const char *message = self->service ? ib_sync_service_get_message (self->service) : NULL;
  guint received = self->service ? ib_sync_service_get_received (self->service) : 0;
  g_autofree char *short_text = NULL, *sentence = NULL, *accessible = NULL;
  const char *icon = "emblem-synchronizing-symbolic";

  switch (state)
    {
    case IB_SYNC_STATE_SIGNED_OUT:
      /* Translators: the sync button when no sync server is set up */
      short_text = g_strdup (C_("sync state", "Not Syncing"));
      icon = "network-offline-symbolic";
      break;
    case IB_SYNC_STATE_SYNCED:
      short_text = g_strdup (C_("sync state", "Synced"));
      icon = "emblem-ok-symbolic";
      break;
    case IB_SYNC_STATE_SYNCING:
      short_text = g_strdup (C_("sync state", "Syncing…"));
      break;
    case IB_SYNC_STATE_PENDING:
      /* Translators: on the sync button; %u changes are waiting to be sent */
      short_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Pending", "%u Pending", pending), pending);
      break;
    case IB_SYNC_STATE_OFFLINE:
      short_text = g_strdup (C_("sync state", "Offline"));
      icon = "network-offline-symbolic";
      break;
    case IB_SYNC_STATE_CONFLICTS:
      short_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Conflict", "%u Conflicts", conflicts), conflicts);
      icon = "dialog-warning-symbolic";
      break;
    case IB_SYNC_STATE_STOPPED:
    default:
      short_text = g_strdup (C_("sync state", "Sync Stopped"));
      icon = "dialog-error-symbolic";
      break;
    }

  if (state == IB_SYNC_STATE_SYNCING && received > 0)
    /* Translators: progress of a sync, mostly seen on a first sync of a large plan */
    sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Syncing… %'u change received.",
                                             "Syncing… %'u changes received.", received), received);
  else
    sentence = ib_sync_state_describe (state, pending, conflicts);
  gtk_label_set_label (self->label, short_text);
  gtk_label_set_label (self->heading, sentence);
  gtk_label_set_label (self->detail, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail), message != NULL);
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_stack_set_visible_child_name (self->icon_stack, state == IB_SYNC_STATE_SYNCING ? "spinner" : "icon");
  gtk_spinner_set_spinning (self->spinner, state == IB_SYNC_STATE_SYNCING);
  gtk_widget_set_visible (self->review_button, conflicts > 0);
  gtk_widget_set_visible (self->sync_now_button, state != IB_SYNC_STATE_SIGNED_OUT);

  /* The whole sentence for screen readers; the short text is for the eye. */
  accessible = g_strdup_printf (_("Sync: %s"), sentence);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), sentence);

  gtk_widget_remove_css_class (GTK_WIDGET (self->menu_button), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->menu_button), "error");
  if (state == IB_SYNC_STATE_CONFLICTS)
    gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "warning");
  else if (state == IB_SYNC_STATE_STOPPED)
    gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "error");
}

static void
on_service_notify_cb (IbSyncButton *self)
{
  update (self);
}

static gboolean
apply_compact_cb (gpointer user_data)
{
  IbSyncButton *self = user_data;

  self->compact_idle_id = 0;
  /* Narrow windows show the icon alone; the accessible label keeps the whole sentence. */
  gtk_widget_set_visible (GTK_WIDGET (self->label), !self->compact);
  return G_SOURCE_REMOVE;
}

static void
ib_sync_button_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  IbSyncButton *self = IB_SYNC_BUTTON (object);

  switch (prop_id)
    {
    case PROP_COMPACT: g_value_set_boolean (value, self->compact); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_sync_button_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  IbSyncButton *self = IB_SYNC_BUTTON (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      if (self->compact != g_value_get_boolean (value))
        {
          self->compact = g_value_get_boolean (value);
          /* The switcher decides it is narrow while it is being allocated; changing our size
           * then would disturb that frame, so it waits for the next one. */
          if (self->compact_idle_id == 0)
            self->compact_idle_id = g_idle_add (apply_compact_cb, self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_sync_button_dispose (GObject *object)
{
  IbSyncButton *self = (IbSyncButton *) object;

  ib_sync_button_set_service (self, NULL);
  g_clear_handle_id (&self->compact_idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_SYNC_BUTTON);

  G_OBJECT_CLASS (ib_sync_button_parent_class)->dispose (object);
}

static void
ib_sync_button_class_init (IbSyncButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_sync_button_dispose;
  object_class->get_property = ib_sync_button_get_property;
  object_class->set_property = ib_sync_button_set_property;

  properties[PROP_COMPACT] = g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-sync-button.ui");
  gtk_widget_class_bind_template_child (widget_class, IbSyncButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, IbSyncButton, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, IbSyncButton, icon);
  gtk_widget_class_bind_template_child (widget_class, IbSyncButton, spinner);
  gtk_widget_class_bind_template_child (widget_class, IbSyncButton, label);
  gtk_widget_class_bind_template_child (widget_class, IbSyncButton, heading);
  gtk_widget_class_bind_template_child (widget_class, IbSyncButton, detail);
  gtk_widget_class_bind_template_child (widget_class, IbSyncButton, review_button);
  gtk_widget_class_bind_template_child (widget_class, IbSyncButton, sync_now_button);
}

static void
ib_sync_button_init (IbSyncButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

void
ib_sync_button_set_service (IbSyncButton  *self,
                            IbSyncService *service)
{
  g_return_if_fail (IB_IS_SYNC_BUTTON (self));

  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_set_object (&self->service, service);
  if (service != NULL)
    g_signal_connect_swapped (service, "notify", G_CALLBACK (on_service_notify_cb), self);

  if (self->label != NULL)
    update (self);
}

const char *
ib_sync_button_get_label (IbSyncButton *self)
{
  g_return_val_if_fail (IB_IS_SYNC_BUTTON (self), NULL);
  return gtk_label_get_label (self->label);
}
