/* ib-record-editor.c
 *
 * The form keeps what the person typed. When the record changes on the server meanwhile
 * (IbStore::remote-changed), a bar says who changed it and offers to reload; nothing in the
 * form is replaced until they ask. Saving goes through ib_store_update, so only the fields
 * they changed are written and queued.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-record-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-format.h"
#include "ib-record-editor.h"

struct _IbRecordEditor
{
  AdwWindow            parent_instance;

  /* template */
  AdwPreferencesGroup *group;
  GtkRevealer         *stale_bar;
  GtkLabel            *stale_label;
  GtkLabel            *error_label;
  GtkWidget           *save_button;

  /* owned */
  IbStore             *store;
  char                *id;
  GPtrArray           *rows;    /* one per field, with "field" as data */

  /* borrowed */
  const IbRecordType  *type;
};

G_DEFINE_FINAL_TYPE (IbRecordEditor, ib_record_editor, ADW_TYPE_WINDOW)

static void
show_error (IbRecordEditor *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Fills the rows from the stored record: at opening, and when the person asks to reload. */
static void
load (IbRecordEditor *self)
{
  g_autoptr (IbRecord) record = ib_store_get (self->store, self->type, self->id, NULL);

  if (record == NULL)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      const char *field = g_object_get_data (G_OBJECT (row), "field");
      const IbFieldSpec *spec = ib_record_type_field (self->type, field);
      const char *value = ib_record_get_string (record, field);

      if (spec->kind == IB_FIELD_ENUM)
        {
          int index = value != NULL ? ib_enum_index (spec->enum_type, value) : -1;

          /* Position 0 is "Not set". */
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), index >= 0 ? (guint) index + 1 : 0);
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
    }

  gtk_revealer_set_reveal_child (self->stale_bar, FALSE);
  show_error (self, NULL);
}

static void
on_reload_clicked_cb (IbRecordEditor *self)
{
  load (self);
}

static void
on_remote_changed_cb (IbStore        *store,
                      const char     *type_name,
                      const char     *id,
                      const char     *by,
                      IbRecordEditor *self)
{
  g_autofree char *text = NULL;

  if (!g_str_equal (type_name, self->type->name) || g_strcmp0 (id, self->id) != 0)
    return;

  /* Translators: %s is who changed the record on the sync server */
  text = by != NULL ? g_strdup_printf (_("Changed by %s on the server while you were editing. Reload to see their version; your typing is kept until you do."), by)
                    : g_strdup (_("Changed on the server while you were editing. Reload to see that version; your typing is kept until you do."));
  gtk_label_set_label (self->stale_label, text);
  gtk_revealer_set_reveal_child (self->stale_bar, TRUE);
}

static void
on_save_clicked_cb (IbRecordEditor *self)
{
  g_autoptr (IbRecord) record = ib_store_get (self->store, self->type, self->id, NULL);
  g_autoptr (GError) error = NULL;

  if (record == NULL)
    {
      show_error (self, _("This record no longer exists."));
      return;
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      const char *field = g_object_get_data (G_OBJECT (row), "field");
      const IbFieldSpec *spec = ib_record_type_field (self->type, field);

      if (spec->kind == IB_FIELD_ENUM)
        {
          guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

          ib_record_set_string (record, field, selected > 0 && selected != GTK_INVALID_LIST_POSITION
                                                 ? spec->enum_type->values[selected - 1].code : NULL);
        }
      else
        {
          const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

          ib_record_set_string (record, field, *text != '\0' ? text : NULL);
        }
    }

  if (!ib_store_update (self->store, record, &error))
    {
      /* The message names the field; the form keeps every value so nothing is retyped. */
      show_error (self, error->message);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
make_row (IbRecordEditor    *self,
          const IbFieldSpec *spec)
{
  g_autofree char *label = ib_format_field_name (spec->name);
  GtkWidget *row;

  if (spec->kind == IB_FIELD_ENUM)
    {
      g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

      gtk_string_list_append (labels, C_("enum choice", "Not set"));
      for (guint i = 0; i < spec->enum_type->n_values; i++)
        gtk_string_list_append (labels, ib_enum_label (spec->enum_type, spec->enum_type->values[i].code));

      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
    }
  else
    {
      row = adw_entry_row_new ();
      if (spec->kind == IB_FIELD_DATE)
        /* Translators: the shape a date must be typed in; keep YYYY-MM-DD as it is */
        gtk_widget_set_tooltip_text (row, _("A date as YYYY-MM-DD, e.g. 2026-12-01"));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "field", g_strdup (spec->name), g_free);
  return row;
}

static void
ib_record_editor_dispose (GObject *object)
{
  IbRecordEditor *self = (IbRecordEditor *) object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_RECORD_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (ib_record_editor_parent_class)->dispose (object);
}

static void
ib_record_editor_class_init (IbRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_record_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, group);
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, stale_bar);
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, stale_label);
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "activate-default", NULL);
}

static void
ib_record_editor_init (IbRecordEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

IbRecordEditor *
ib_record_editor_new (GtkWindow          *parent,
                      IbStore            *store,
                      const IbRecordType *type,
                      const char         *id,
                      const char * const *fields)
{
  IbRecordEditor *self;
  g_autoptr (IbRecord) record = NULL;
  g_autofree char *name = NULL, *title = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (type != NULL && id != NULL && fields != NULL, NULL);

  self = g_object_new (IB_TYPE_RECORD_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->type = type;
  self->id = g_strdup (id);

  record = ib_store_get (store, type, id, NULL);
  name = record != NULL ? ib_format_record_name (record) : g_strdup ("");
  /* Translators: the editor's title, e.g. "Edit Plan"; %s is the record type */
  title = g_strdup_printf (_("Edit %s"), ib_format_record_type (type->name));
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_preferences_group_set_title (self->group, name);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const IbFieldSpec *spec = ib_record_type_field (type, fields[i]);
      GtkWidget *row;

      g_return_val_if_fail (spec != NULL, self);
      row = make_row (self, spec);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  load (self);
  g_signal_connect (store, "remote-changed", G_CALLBACK (on_remote_changed_cb), self);
  return self;
}

gboolean
ib_record_editor_get_stale (IbRecordEditor *self)
{
  g_return_val_if_fail (IB_IS_RECORD_EDITOR (self), FALSE);
  return gtk_revealer_get_reveal_child (self->stale_bar);
}
