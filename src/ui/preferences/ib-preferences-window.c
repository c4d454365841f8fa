/* ib-preferences-window.c
 *
 * Every row is bound to the settings, so a change holds at once and nothing needs saving: the
 * style manager, the sync service and the views' "My …" filters follow the keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-preferences-window.h"
#include "ib-schedule.h"

struct _IbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template */
  AdwComboRow          *style_row;
  AdwEntryRow          *name_row;
  GtkMenuButton        *names_button;
  GtkAdjustment        *interval_adjustment;

  /* owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (IbPreferencesWindow, ib_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The key's choices, in the order the Style row lists them. */
static const char * const schemes[] = { "follow", "light", "dark" };

static gboolean
scheme_to_position (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_str_equal (scheme, schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
position_to_scheme (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  return position < G_N_ELEMENTS (schemes) ? g_variant_new_string (schemes[position]) : NULL;
}

static gboolean
scheme_to_adw (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  if (g_str_equal (scheme, "light"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (scheme, "dark"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    g_value_set_enum (value, ADW_COLOR_SCHEME_DEFAULT);
  return TRUE;
}

/* The schedule is kept in seconds, shown in minutes. */
static gboolean
seconds_to_minutes (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) / 60.0);
  return TRUE;
}

static GVariant *
minutes_to_seconds (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) (g_value_get_double (value) * 60));
}

/* The names menu: each of the store's people, choosing it fills the row. */
static void
fill_names (IbPreferencesWindow *self,
            IbStore             *store)
{
  g_auto (GStrv) people = store != NULL ? ib_schedule_list_people (store) : NULL;
  g_autoptr (GMenu) menu = g_menu_new ();

  for (guint i = 0; people != NULL && people[i] != NULL; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (people[i], NULL);

      g_menu_item_set_action_and_target (item, "prefs.choose-name", "s", people[i]);
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->names_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->names_button), people != NULL && people[0] != NULL);
}

static void
choose_name_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  IbPreferencesWindow *self = IB_PREFERENCES_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), g_variant_get_string (param, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
ib_preferences_window_dispose (GObject *object)
{
  IbPreferencesWindow *self = (IbPreferencesWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ib_preferences_window_parent_class)->dispose (object);
}

static void
ib_preferences_window_class_init (IbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IbPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, IbPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, IbPreferencesWindow, names_button);
  gtk_widget_class_bind_template_child (widget_class, IbPreferencesWindow, interval_adjustment);

  gtk_widget_class_install_action (widget_class, "prefs.choose-name", "s", choose_name_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ib_preferences_window_init (IbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

IbPreferencesWindow *
ib_preferences_window_new (GtkWindow *parent,
                           GSettings *settings,
                           IbStore   *store)
{
  IbPreferencesWindow *self;
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr (GAction) reminders = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (store == NULL || IB_IS_STORE (store), NULL);

  self = g_object_new (IB_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind_with_mapping (settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, scheme_to_position, position_to_scheme, NULL, NULL);
  g_settings_bind (settings, "my-name", self->name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "sync-interval", self->interval_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, seconds_to_minutes, minutes_to_seconds, NULL, NULL);

  reminders = g_settings_create_action (settings, "reminders");
  g_action_map_add_action (G_ACTION_MAP (group), reminders);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (group));

  fill_names (self, store);
  return self;
}

void
ib_preferences_follow_color_scheme (GSettings *settings)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind_with_mapping (settings, "color-scheme", adw_style_manager_get_default (), "color-scheme",
                                G_SETTINGS_BIND_GET, scheme_to_adw, NULL, NULL, NULL);
}
