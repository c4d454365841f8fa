/* ib-sync-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-sync-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-format.h"
#include "ib-toasts.h"
#include "ib-store-sync.h"
#include "ib-sync-settings.h"

struct _IbSyncSettings
{
  AdwPreferencesWindow  parent_instance;

  /* template */
  AdwPreferencesGroup  *sign_in_group;
  AdwPreferencesGroup  *sign_in_actions;
  AdwPreferencesGroup  *signed_in_group;
  AdwPreferencesGroup  *rejected_group;
  AdwPreferencesGroup  *quarantine_group;
  AdwEntryRow          *url_row;
  AdwEntryRow          *user_row;
  AdwEntryRow          *password_row;
  AdwActionRow         *signed_in_row;
  GtkWidget            *sign_in_button;
  GtkSpinner           *spinner;
  GtkLabel             *error_label;

  /* owned */
  IbSyncService        *service;
  GCancellable         *cancellable;
  GPtrArray            *rejected_rows;
  GPtrArray            *quarantine_rows;
};

G_DEFINE_FINAL_TYPE (IbSyncSettings, ib_sync_settings, ADW_TYPE_PREFERENCES_WINDOW)

static void
show_error (IbSyncSettings *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void update_rejected (IbSyncSettings *self);
static void update_quarantine (IbSyncSettings *self);

static void
update (IbSyncSettings *self)
{
  const char *user = ib_sync_service_get_user (self->service);
  gboolean signed_in = ib_sync_service_get_state (self->service) != IB_SYNC_STATE_SIGNED_OUT && user != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_group), !signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_actions), !signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->signed_in_group), signed_in);

  if (signed_in)
    {
      /* Translators: %s is the user name on the sync server */
      g_autofree char *title = g_strdup_printf (_("Signed in as %s"), user);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->signed_in_row), title);
      adw_action_row_set_subtitle (self->signed_in_row, ib_sync_service_get_server (self->service));
    }

  update_rejected (self);
  update_quarantine (self);
}

static void
on_entry_changed_cb (IbSyncSettings *self)
{
  gboolean ready = *gtk_editable_get_text (GTK_EDITABLE (self->url_row)) != '\0' &&
                   *gtk_editable_get_text (GTK_EDITABLE (self->user_row)) != '\0' &&
                   *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0';

  gtk_widget_set_sensitive (self->sign_in_button, ready && !gtk_spinner_get_spinning (self->spinner));
}

static void
on_signed_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (IbSyncSettings) self = user_data;
  g_autoptr (GError) error = NULL;

  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_group), TRUE);

  if (!ib_sync_service_sign_in_finish (IB_SYNC_SERVICE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_error (self, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
        }
      on_entry_changed_cb (self);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, NULL);
  update (self);
  ib_toasts_add_to (GTK_WIDGET (self), adw_toast_new (_("Signed in. Syncing now.")));
}

static void
on_sign_in_clicked_cb (IbSyncSettings *self)
{
  if (!gtk_widget_get_sensitive (self->sign_in_button))
    return;

  show_error (self, NULL);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_set_sensitive (self->sign_in_button, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_group), FALSE);

  ib_sync_service_sign_in_async (self->service,
                                 gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->user_row)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                 self->cancellable, on_signed_in_cb, g_object_ref (self));
}

static void
on_sign_out_clicked_cb (IbSyncSettings *self)
{
  ib_sync_service_sign_out (self->service);
  update (self);
}

/* Rejected changes */

static char *
describe_rejected (JsonObject *row)
{
  JsonObject *set = json_object_get_object_member (row, "set");
  const IbRecordType *type = ib_record_type_find (json_object_get_string_member (row, "type"));
  g_autoptr (GList) names = json_object_get_members (set);
  g_autoptr (GString) text = g_string_new (NULL);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *label = ib_format_field_name (l->data);
      g_autofree char *value = ib_format_field_value (type, l->data, json_object_get_member (set, l->data));

      g_string_append_printf (text, "%s%s: %s", text->len ? "\n" : "", label, value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_copy_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  JsonObject *row = g_object_get_data (G_OBJECT (button), "row");
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), row);
  g_autofree char *json = json_to_string (node, TRUE);
  g_autofree char *readable = describe_rejected (row);
  g_autofree char *both = g_strdup_printf ("%s\n\n%s", readable, json);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), both);
}

static void
on_discard_clicked_cb (GtkButton      *button,
                       IbSyncSettings *self)
{
  g_autoptr (GError) error = NULL;
  const char *mid = g_object_get_data (G_OBJECT (button), "mid");

  if (!ib_sync_service_discard (self->service, mid, &error))
    ib_toasts_add_to (GTK_WIDGET (self), adw_toast_new (error->message));
  update_rejected (self);
}

static void
update_rejected (IbSyncSettings *self)
{
  g_autoptr (GPtrArray) rows = ib_store_sync_list_rejected (ib_sync_service_get_store (self->service));

  for (guint i = 0; i < self->rejected_rows->len; i++)
    adw_preferences_group_remove (self->rejected_group, self->rejected_rows->pdata[i]);
  g_ptr_array_set_size (self->rejected_rows, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->rejected_group), rows->len > 0);

  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *row = rows->pdata[i];
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *detail = gtk_label_new (NULL);
      GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy"));
      GtkWidget *discard = gtk_button_new_with_mnemonic (_("_Discard"));
      g_autofree char *content = describe_rejected (row);
      const char *reason = json_object_get_string_member_with_default (row, "reason", "");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                     ib_format_record_type (json_object_get_string_member (row, "type")));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), reason);

      gtk_label_set_label (GTK_LABEL (detail), content);
      gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
      gtk_label_set_xalign (GTK_LABEL (detail), 0);
      gtk_label_set_selectable (GTK_LABEL (detail), TRUE);
      gtk_widget_set_margin_start (detail, 12);
      gtk_widget_set_margin_end (detail, 12);
      gtk_widget_set_margin_top (detail, 6);
      gtk_widget_set_margin_bottom (detail, 6);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), detail);

      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (discard, "destructive-action");
      g_object_set_data_full (G_OBJECT (discard), "mid", g_strdup (json_object_get_string_member (row, "mid")), g_free);
      g_object_set_data_full (G_OBJECT (copy), "row", json_object_ref (row), (GDestroyNotify) json_object_unref);
      g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_clicked_cb), NULL);
      g_signal_connect (discard, "clicked", G_CALLBACK (on_discard_clicked_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), discard);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), copy);

      adw_preferences_group_add (self->rejected_group, expander);
      g_ptr_array_add (self->rejected_rows, expander);
    }
}

/* Records set aside by a full resync */

static void
on_release_clicked_cb (GtkButton      *button,
                       IbSyncSettings *self)
{
  g_autoptr (GError) error = NULL;
  gboolean send_again = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "send-again"));

  if (!ib_sync_service_release (self->service, g_object_get_data (G_OBJECT (button), "type"),
                                g_object_get_data (G_OBJECT (button), "id"), send_again, &error))
    ib_toasts_add_to (GTK_WIDGET (self), adw_toast_new (error->message));
  update_quarantine (self);
}

static GtkWidget *
release_button (IbSyncSettings *self,
                JsonObject     *row,
                const char     *label,
                gboolean        send_again)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "type", g_strdup (json_object_get_string_member (row, "type")), g_free);
  g_object_set_data_full (G_OBJECT (button), "id", g_strdup (json_object_get_string_member (row, "id")), g_free);
  g_object_set_data (G_OBJECT (button), "send-again", GINT_TO_POINTER (send_again));
  g_signal_connect (button, "clicked", G_CALLBACK (on_release_clicked_cb), self);
  return button;
}

static void
update_quarantine (IbSyncSettings *self)
{
  IbStore *store = ib_sync_service_get_store (self->service);
  g_autoptr (GPtrArray) rows = ib_store_sync_list_quarantine (store);

  for (guint i = 0; i < self->quarantine_rows->len; i++)
    adw_preferences_group_remove (self->quarantine_group, self->quarantine_rows->pdata[i]);
  g_ptr_array_set_size (self->quarantine_rows, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->quarantine_group), rows->len > 0);

  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *row = rows->pdata[i];
      const char *type_name = json_object_get_string_member (row, "type");
      const IbRecordType *type = ib_record_type_find (type_name);
      g_autoptr (IbRecord) record = type != NULL ? ib_store_get (store, type, json_object_get_string_member (row, "id"), NULL) : NULL;
      g_autofree char *name = record != NULL ? ib_format_record_name (record) : g_strdup ("");
      g_autofree char *title = g_strdup_printf ("%s: %s", ib_format_record_type (type_name), name);
      GtkWidget *action_row = adw_action_row_new ();
      GtkWidget *remove = release_button (self, row, _("_Remove"), FALSE);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), json_object_get_string_member (row, "reason"));
      gtk_widget_add_css_class (remove, "destructive-action");
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), release_button (self, row, _("Send _Again"), TRUE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), remove);
      adw_preferences_group_add (self->quarantine_group, action_row);
      g_ptr_array_add (self->quarantine_rows, action_row);
    }
}

static void
ib_sync_settings_dispose (GObject *object)
{
  IbSyncSettings *self = (IbSyncSettings *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_SYNC_SETTINGS);
  g_clear_object (&self->service);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rejected_rows, g_ptr_array_unref);
  g_clear_pointer (&self->quarantine_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_sync_settings_parent_class)->dispose (object);
}

static void
ib_sync_settings_class_init (IbSyncSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_sync_settings_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-sync-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, IbSyncSettings, sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, IbSyncSettings, sign_in_actions);
  gtk_widget_class_bind_template_child (widget_class, IbSyncSettings, signed_in_group);
  gtk_widget_class_bind_template_child (widget_class, IbSyncSettings, rejected_group);
  gtk_widget_class_bind_template_child (widget_class, IbSyncSettings, quarantine_group);
  gtk_widget_class_bind_template_child (widget_class, IbSyncSettings, url_row);
  gtk_widget_class_bind_template_child (widget_class, IbSyncSettings, user_row);
  gtk_widget_class_bind_template_child (widget_class, IbSyncSettings, password_row);
  gtk_widget_class_bind_template_child (widget_class, IbSyncSettings, signed_in_row);
  gtk_widget_class_bind_template_child (widget_class, IbSyncSettings, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, IbSyncSettings, spinner);
  gtk_widget_class_bind_template_child (widget_class, IbSyncSettings, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_out_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ib_sync_settings_init (IbSyncSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rejected_rows = g_ptr_array_new ();
  self->quarantine_rows = g_ptr_array_new ();
}

IbSyncSettings *
ib_sync_settings_new (GtkWindow     *parent,
                      IbSyncService *service)
{
  IbSyncSettings *self;

  g_return_val_if_fail (IB_IS_SYNC_SERVICE (service), NULL);

  self = g_object_new (IB_TYPE_SYNC_SETTINGS, "transient-for", parent, NULL);
  self->service = g_object_ref (service);
  g_signal_connect_swapped (service, "notify::state", G_CALLBACK (update), self);
  g_signal_connect_swapped (service, "notify::rejected", G_CALLBACK (update_rejected), self);

  if (ib_sync_service_get_server (service) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), ib_sync_service_get_server (service));
  if (ib_sync_service_get_user (service) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), ib_sync_service_get_user (service));

  update (self);
  return self;
}
