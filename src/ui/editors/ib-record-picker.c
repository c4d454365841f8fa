/* ib-record-picker.c
 *
 * A boxed list of check rows with a search: fine for the few hundred actions a council's
 * plans hold. Ids already linked keep their place, so saving without a change writes the
 * same list and the store sees no edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-record-picker"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ib-format.h"
#include "ib-form.h"
#include "ib-record-picker-private.h"

struct _IbRecordPicker
{
  AdwWindow       parent_instance;

  /* template */
  GtkLabel       *description_label;
  GtkSearchEntry *search_entry;
  GtkLabel       *count_label;
  GtkListBox     *list;

  /* owned */
  GStrv           initial;
  GHashTable     *checks;   /* id → GtkCheckButton (borrowed) */
  GPtrArray      *order;    /* ids, list order */
};

G_DEFINE_FINAL_TYPE (IbRecordPicker, ib_record_picker, ADW_TYPE_WINDOW)

enum { CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
is_ticked (IbRecordPicker *self,
           const char     *id)
{
  GtkCheckButton *check = g_hash_table_lookup (self->checks, id);

  return check != NULL && gtk_check_button_get_active (check);
}

static void
update_count (IbRecordPicker *self)
{
  guint n = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->order->len; i++)
    n += is_ticked (self, self->order->pdata[i]);

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u chosen", "%u chosen", n), n);
  gtk_label_set_label (self->count_label, text);
}

static gboolean
filter_cb (GtkListBoxRow *row,
           gpointer       user_data)
{
  IbRecordPicker *self = user_data;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *haystack = g_object_get_data (G_OBJECT (row), "haystack");
  g_autofree char *needle = NULL;

  if (search == NULL || *search == '\0')
    return TRUE;

  needle = g_utf8_casefold (search, -1);
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

static void
on_search_changed_cb (IbRecordPicker *self)
{
  gtk_list_box_invalidate_filter (self->list);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IbRecordPicker *self = IB_RECORD_PICKER (widget);
  g_auto (GStrv) chosen = ib_record_picker_get_chosen (self);

  g_signal_emit (self, signals[CHOSEN], 0, chosen);
  gtk_window_close (GTK_WINDOW (self));
}

static void
ib_record_picker_dispose (GObject *object)
{
  IbRecordPicker *self = (IbRecordPicker *) object;

  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->initial, g_strfreev);

  G_OBJECT_CLASS (ib_record_picker_parent_class)->dispose (object);
}

static void
ib_record_picker_class_init (IbRecordPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_record_picker_dispose;

  /**
   * IbRecordPicker::chosen:
   * @ids: the ticked ids (a NULL-terminated array)
   *
   * Emitted when the person saves, before the dialog closes.
   */
  signals[CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-record-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, IbRecordPicker, description_label);
  gtk_widget_class_bind_template_child (widget_class, IbRecordPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, IbRecordPicker, count_label);
  gtk_widget_class_bind_template_child (widget_class, IbRecordPicker, list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);

  ib_form_class_install_save (widget_class, "picker.save", save_action);
}

static void
ib_record_picker_init (IbRecordPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->order = g_ptr_array_new_with_free_func (g_free);
  gtk_list_box_set_filter_func (self->list, filter_cb, self, NULL);
}

IbRecordPicker *
ib_record_picker_new (GtkWindow          *parent,
                      const char         *title,
                      const char         *description,
                      GPtrArray          *candidates,
                      GPtrArray          *subtitles,
                      const char * const *chosen)
{
  IbRecordPicker *self;

  g_return_val_if_fail (title != NULL && candidates != NULL, NULL);
  g_return_val_if_fail (subtitles == NULL || subtitles->len == candidates->len, NULL);

  self = g_object_new (IB_TYPE_RECORD_PICKER, "transient-for", parent, "title", title, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  self->initial = g_strdupv ((char **) chosen);
  gtk_label_set_label (self->description_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL);

  for (guint i = 0; i < candidates->len; i++)
    {
      IbRecord *record = candidates->pdata[i];
      const char *id = ib_record_get_id (record);
      const char *subtitle = subtitles != NULL ? subtitles->pdata[i] : NULL;
      g_autofree char *name = ib_format_record_name (record);
      g_autofree char *haystack = g_strconcat (name, " ", subtitle != NULL ? subtitle : "", NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* The row's title names its check box: the row makes it its activatable widget. */
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   chosen != NULL && g_strv_contains (chosen, id));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_count), self);
      g_object_set_data_full (G_OBJECT (row), "haystack", g_utf8_casefold (haystack, -1), g_free);
      gtk_list_box_append (self->list, row);

      g_hash_table_insert (self->checks, g_strdup (id), check);
      g_ptr_array_add (self->order, g_strdup (id));
    }

  update_count (self);
  /* Typing finds an action; Enter is never on Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));
  return self;
}

GStrv
ib_record_picker_get_chosen (IbRecordPicker *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (IB_IS_RECORD_PICKER (self), NULL);

  /* Links to records not offered here (another plan, not pulled yet) are kept as they were. */
  for (guint i = 0; self->initial != NULL && self->initial[i] != NULL; i++)
    if (!g_hash_table_contains (self->checks, self->initial[i]) || is_ticked (self, self->initial[i]))
      g_strv_builder_add (builder, self->initial[i]);

  for (guint i = 0; i < self->order->len; i++)
    {
      const char *id = self->order->pdata[i];

      if (is_ticked (self, id) && (self->initial == NULL || !g_strv_contains ((const char * const *) self->initial, id)))
        g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

void
ib_record_picker_set_ticked (IbRecordPicker *self,
                             const char     *id,
                             gboolean        ticked)
{
  GtkCheckButton *check;

  g_return_if_fail (IB_IS_RECORD_PICKER (self));

  check = g_hash_table_lookup (self->checks, id);
  g_return_if_fail (check != NULL);
  gtk_check_button_set_active (check, ticked);
}
