/* ib-record-editor.c
 *
 * The form keeps what the person typed. When the record changes on the server meanwhile
 * (IbStore::remote-changed), a bar says who changed it and offers to reload; nothing in the
 * form is replaced until they ask. Saving goes through the store, so only the fields they
 * changed are written and queued. A value the record may not hold is named next to its row
 * and the form stays open with everything in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-record-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-format.h"
#include "ib-record-editor-private.h"
#include "ib-record-json.h"

struct _IbRecordEditor
{
  AdwWindow               parent_instance;

  /* template */
  AdwPreferencesGroup    *group;
  GtkRevealer            *stale_bar;
  GtkLabel               *stale_label;
  GtkLabel               *error_label;
  GtkWidget              *save_button;

  /* owned */
  IbStore                *store;
  IbRecord               *draft;   /* a new record not stored yet, or NULL when editing */
  char                   *id;
  GPtrArray              *rows;    /* one per field, with "field" as data */

  /* borrowed */
  const IbRecordType     *type;
  IbRecordEditorSaveFunc  save_func;
  gpointer                save_data;
};

G_DEFINE_FINAL_TYPE (IbRecordEditor, ib_record_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (IbRecordEditor *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static const IbFieldSpec *
row_spec (IbRecordEditor *self,
          GtkWidget      *row)
{
  return ib_record_type_field (self->type, g_object_get_data (G_OBJECT (row), "field"));
}

/* The row named "class" in a form's fields is the record's own Public or Exempt status with
 * its paragraph of Schedule 12A to the Local Government Act 1972: every record has one, and
 * it is no field of its type. Position 0 is Public, position N exempt under paragraph N. */
#define STATUS_ROW "class"

static const char * const exempt_paragraphs[] = {
  N_("Exempt, paragraph 1: information relating to any individual"),
  N_("Exempt, paragraph 2: information likely to reveal the identity of an individual"),
  N_("Exempt, paragraph 3: the financial or business affairs of any particular person"),
  N_("Exempt, paragraph 4: consultations or negotiations on a labour relations matter"),
  N_("Exempt, paragraph 5: legal professional privilege"),
  N_("Exempt, paragraph 6: a notice, order or direction the council proposes to make"),
  N_("Exempt, paragraph 7: the prevention, investigation or prosecution of crime"),
};

static gboolean
is_status_row (GtkWidget *row)
{
  return g_strcmp0 (g_object_get_data (G_OBJECT (row), "field"), STATUS_ROW) == 0;
}

static GtkTextBuffer *
row_buffer (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "buffer");
}

static void
set_row_text (GtkWidget  *row,
              const char *text)
{
  if (row_buffer (row) != NULL)
    gtk_text_buffer_set_text (row_buffer (row), text != NULL ? text : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static char *
get_row_text (GtkWidget *row)
{
  if (row_buffer (row) != NULL)
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (row_buffer (row), &start, &end);
      return gtk_text_buffer_get_text (row_buffer (row), &start, &end, FALSE);
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

/* Fills the rows from @record: at opening, and when the person asks to reload. */
static void
fill (IbRecordEditor *self,
      IbRecord       *record)
{
  JsonObject *fields = ib_record_get_fields (record);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      const IbFieldSpec *spec = row_spec (self, row);
      JsonNode *node;

      gtk_widget_remove_css_class (row, "error");

      if (is_status_row (row))
        {
          gboolean exempt = g_strcmp0 (ib_record_get_class (record), "exempt") == 0;

          adw_combo_row_set_selected (ADW_COMBO_ROW (row), exempt ? (guint) CLAMP (ib_record_get_exempt_paragraph (record), 1, 7) : 0);
          continue;
        }

      node = json_object_get_member (fields, spec->name);
      if (spec->kind == IB_FIELD_BOOL)
        gtk_switch_set_active (g_object_get_data (G_OBJECT (row), "switch"),
                               node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                               json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node));
      else if (spec->kind == IB_FIELD_ENUM || spec->kind == IB_FIELD_REF)
        {
          const char * const *codes = g_object_get_data (G_OBJECT (row), "codes");
          const char *value = ib_record_get_string (record, spec->name);
          guint selected = 0;

          /* Position 0 is "Not set". */
          for (guint c = 0; value != NULL && codes[c] != NULL; c++)
            if (g_str_equal (codes[c], value))
              selected = c + 1;
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
        }
      else if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        set_row_text (row, NULL);
      else if (spec->kind == IB_FIELD_INT)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          set_row_text (row, text);
        }
      else if (spec->kind == IB_FIELD_REAL)
        {
          g_autofree char *text = g_strdup_printf ("%g", json_node_get_double (node));
          set_row_text (row, text);
        }
      else
        set_row_text (row, ib_record_get_string (record, spec->name));
    }

  gtk_revealer_set_reveal_child (self->stale_bar, FALSE);
  show_error (self, NULL);
}

static IbRecord *
load_record (IbRecordEditor *self)
{
  if (self->draft != NULL)
    return ib_record_copy (self->draft);

  return ib_store_get (self->store, self->type, self->id, NULL);
}

static void
on_reload_clicked_cb (IbRecordEditor *self)
{
  g_autoptr (IbRecord) record = load_record (self);

  if (record != NULL)
    fill (self, record);
}

static void
on_remote_changed_cb (IbStore        *store,
                      const char     *type_name,
                      const char     *id,
                      const char     *by,
                      IbRecordEditor *self)
{
  g_autofree char *text = NULL;

  if (self->id == NULL || !g_str_equal (type_name, self->type->name) || g_strcmp0 (id, self->id) != 0)
    return;

  /* Translators: %s is who changed the record on the sync server */
  text = by != NULL ? g_strdup_printf (_("Changed by %s on the server while you were editing. Reload to see their version; your typing is kept until you do."), by)
                    : g_strdup (_("Changed on the server while you were editing. Reload to see that version; your typing is kept until you do."));
  gtk_label_set_label (self->stale_label, text);
  gtk_revealer_set_reveal_child (self->stale_bar, TRUE);
}

/* Reads a row into a JSON value; a number that does not parse is kept as text so the
 * field's own check names it. */
static JsonNode *
read_row (IbRecordEditor *self,
          GtkWidget      *row)
{
  const IbFieldSpec *spec = row_spec (self, row);
  JsonNode *node = json_node_alloc ();
  g_autofree char *text = NULL;

  if (spec->kind == IB_FIELD_BOOL)
    return json_node_init_boolean (node, gtk_switch_get_active (g_object_get_data (G_OBJECT (row), "switch")));

  if (spec->kind == IB_FIELD_ENUM || spec->kind == IB_FIELD_REF)
    {
      const char * const *codes = g_object_get_data (G_OBJECT (row), "codes");
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

      if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
        return json_node_init_string (node, codes[selected - 1]);
      return json_node_init_null (node);
    }

  text = g_strstrip (get_row_text (row));
  if (*text == '\0')
    return json_node_init_null (node);

  if (spec->kind == IB_FIELD_INT)
    {
      gint64 value;

      if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
        return json_node_init_int (node, value);
    }
  else if (spec->kind == IB_FIELD_REAL)
    {
      char *end = NULL;
      double value;

      /* People type the locale's decimal comma as often as a point. */
      g_strdelimit (text, ",", '.');
      value = g_ascii_strtod (text, &end);
      if (end != NULL && *end == '\0')
        return json_node_init_double (node, value);
    }

  return json_node_init_string (node, text);
}

static void
mark_row (GtkWidget *row,
          gboolean   bad)
{
  if (bad)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static GtkWidget *
find_row (IbRecordEditor *self,
          const char     *field)
{
  for (guint i = 0; field != NULL && i < self->rows->len; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (self->rows->pdata[i]), "field"), field) == 0)
      return self->rows->pdata[i];

  return NULL;
}

static gboolean
default_save (IbStore   *store,
              IbRecord  *record,
              gpointer   user_data,
              GError   **error)
{
  IbRecordEditor *self = user_data;

  if (self->draft != NULL)
    return ib_store_create (store, record, error);
  return ib_store_update (store, record, error);
}

static void
on_save_clicked_cb (IbRecordEditor *self)
{
  g_autoptr (IbRecord) record = load_record (self);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) problems = g_string_new (NULL);
  GtkWidget *first_bad = NULL;
  const char *rule_field = NULL;

  if (record == NULL)
    {
      show_error (self, _("This record no longer exists."));
      return;
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      const IbFieldSpec *spec = row_spec (self, row);
      JsonNode *node;
      g_autofree char *why = NULL;

      if (is_status_row (row))
        {
          guint paragraph = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

          ib_record_set_class (record, paragraph >= 1 && paragraph <= 7 ? "exempt" : "public");
          ib_record_set_exempt_paragraph (record, paragraph >= 1 && paragraph <= 7 ? (int) paragraph : 0);
          continue;
        }

      node = read_row (self, row);
      why = ib_field_problem (spec, node);

      mark_row (row, why != NULL);
      if (why != NULL)
        {
          g_autofree char *label = ib_format_field_name (spec->name);

          if (problems->len > 0)
            g_string_append_c (problems, '\n');
          /* Translators: a field's name and what is wrong with it, e.g. "“Title” must not be empty." */
          g_string_append_printf (problems, _("“%s” %s."), label, why);
          if (first_bad == NULL)
            first_bad = row;
        }

      json_object_set_member (ib_record_get_fields (record), spec->name, node);
    }

  /* Then the rules across fields, and those across records (a judgement's area and its
   * inspection's framework), so those too are named beside their field. */
  if (first_bad == NULL &&
      (!ib_record_check_rules (record, &rule_field, &error) ||
       !ib_store_check_record (self->store, record, &rule_field, &error)))
    {
      first_bad = find_row (self, rule_field);
      if (first_bad != NULL)
        mark_row (first_bad, TRUE);
      g_string_append (problems, error->message);
      g_clear_error (&error);
    }

  if (problems->len > 0)
    {
      /* Nothing is written; every value stays in the form to be corrected. */
      show_error (self, problems->str);
      if (first_bad != NULL)
        gtk_widget_grab_focus (g_object_get_data (G_OBJECT (first_bad), "view") != NULL
                               ? g_object_get_data (G_OBJECT (first_bad), "view") : first_bad);
      return;
    }

  if (!(self->save_func != NULL ? self->save_func (self->store, record, self->save_data, &error)
                                : default_save (self->store, record, self, &error)))
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, ib_record_get_id (record));
  gtk_window_close (GTK_WINDOW (self));
}

/* The records a reference may point at. When the referenced type belongs to a parent this
 * record also names (an action's priority area and its plan), only that parent's are offered. */
static GPtrArray *
ref_candidates (IbRecordEditor    *self,
                IbRecord          *record,
                const IbFieldSpec *spec)
{
  const IbRecordType *ref_type = ib_record_type_find (spec->ref_type);
  const char *scope_field = ref_type != NULL ? ref_type->parent_field : NULL;
  const IbFieldSpec *scope_spec = scope_field != NULL ? ib_record_type_field (self->type, scope_field) : NULL;
  g_autoptr (GListModel) list = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  if (ref_type == NULL)
    return records;

  if (scope_spec != NULL && scope_spec->kind == IB_FIELD_REF &&
      g_strcmp0 (scope_spec->ref_type, ib_record_type_field (ref_type, scope_field)->ref_type) == 0 &&
      ib_record_get_string (record, scope_field) != NULL)
    list = ib_store_list_where (self->store, ref_type, scope_field, ib_record_get_string (record, scope_field));
  else
    list = ib_store_list (self->store, ref_type);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (records, g_list_model_get_item (list, i));

  /* Meetings and the like read best newest first. */
  if (ref_type->parent_field == NULL && ib_record_type_field (ref_type, "held_on") != NULL)
    for (guint i = 0; i < records->len / 2; i++)
      {
        gpointer tmp = records->pdata[i];
        records->pdata[i] = records->pdata[records->len - 1 - i];
        records->pdata[records->len - 1 - i] = tmp;
      }

  return records;
}

/* Position 0 of a choice is "not set"; @codes are parallel to @labels after it. */
static void
set_choices (GtkWidget     *row,
             const char    *not_set,
             GtkStringList *labels,
             GStrv          codes)
{
  g_autoptr (GtkStringList) all = gtk_string_list_new (NULL);

  gtk_string_list_append (all, not_set);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (labels)); i++)
    gtk_string_list_append (all, gtk_string_list_get_string (labels, i));

  g_object_set_data_full (G_OBJECT (row), "codes", codes, (GDestroyNotify) g_strfreev);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (all));
}

static GtkWidget *
make_choice_row (const char          *not_set,
                 GtkStringList       *labels,
                 GStrv                codes)
{
  GtkWidget *row = adw_combo_row_new ();

  set_choices (row, not_set, labels, codes);
  return row;
}

static GtkWidget *
make_row (IbRecordEditor    *self,
          IbRecord          *record,
          const IbFieldSpec *spec)
{
  g_autofree char *label = ib_format_field_name (spec->name);
  GtkWidget *row;

  if (spec->kind == IB_FIELD_BOOL)
    {
      GtkWidget *toggle = gtk_switch_new ();

      row = adw_action_row_new ();
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      g_object_set_data (G_OBJECT (row), "switch", toggle);
    }
  else if (spec->kind == IB_FIELD_ENUM)
    {
      g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
      g_autoptr (GStrvBuilder) codes = g_strv_builder_new ();

      for (guint i = 0; i < spec->enum_type->n_values; i++)
        {
          gtk_string_list_append (labels, ib_enum_label (spec->enum_type, spec->enum_type->values[i].code));
          g_strv_builder_add (codes, spec->enum_type->values[i].code);
        }
      row = make_choice_row (C_("enum choice", "Not set"), labels, g_strv_builder_end (codes));
    }
  else if (spec->kind == IB_FIELD_REF)
    {
      g_autoptr (GPtrArray) candidates = ref_candidates (self, record, spec);
      g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
      g_autoptr (GStrvBuilder) codes = g_strv_builder_new ();

      for (guint i = 0; i < candidates->len; i++)
        {
          g_autofree char *name = ib_format_record_name (candidates->pdata[i]);

          gtk_string_list_append (labels, name);
          g_strv_builder_add (codes, ib_record_get_id (candidates->pdata[i]));
        }
      row = make_choice_row (C_("reference choice", "None"), labels, g_strv_builder_end (codes));
      /* Long titles must not widen the dialog past a narrow screen. */
      adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), FALSE);
    }
  else if (spec->kind == IB_FIELD_TEXT && spec->long_text)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *title = gtk_label_new (label);
      GtkWidget *view = gtk_text_view_new ();

      row = adw_preferences_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "caption-heading");
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_widget_set_size_request (view, -1, 96);
      gtk_widget_add_css_class (view, "inline");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), view);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "buffer", gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
      g_object_set_data (G_OBJECT (row), "view", view);
    }
  else
    {
      row = adw_entry_row_new ();
      if (spec->kind == IB_FIELD_DATE)
        /* Translators: the shape a date must be typed in; keep YYYY-MM-DD as it is */
        gtk_widget_set_tooltip_text (row, _("A date as YYYY-MM-DD, e.g. 2026-12-01"));
      else if (spec->kind == IB_FIELD_PERIOD)
        /* Translators: the shape a month must be typed in; keep YYYY-MM as it is */
        gtk_widget_set_tooltip_text (row, _("A month as YYYY-MM, e.g. 2026-12"));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (row), "field", g_strdup (spec->name), g_free);
  return row;
}

static GtkWidget *
make_status_row (void)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  const char *title = _("Public or exempt");

  gtk_string_list_append (labels, C_("record status", "Public"));
  for (guint p = 0; p < G_N_ELEMENTS (exempt_paragraphs); p++)
    gtk_string_list_append (labels, _(exempt_paragraphs[p]));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Translators: under the Public or Exempt choice, the law its paragraphs come from */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Exempt information as defined in Schedule 12A to the Local Government Act 1972"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (row), "field", g_strdup (STATUS_ROW), g_free);
  return row;
}

static void
build (IbRecordEditor     *self,
       IbRecord           *record,
       const char * const *fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const IbFieldSpec *spec = ib_record_type_field (self->type, fields[i]);
      GtkWidget *row;

      if (g_str_equal (fields[i], STATUS_ROW))
        {
          row = make_status_row ();
          adw_preferences_group_add (self->group, row);
          g_ptr_array_add (self->rows, row);
          continue;
        }

      g_return_if_fail (spec != NULL);
      row = make_row (self, record, spec);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  fill (self, record);
}

static void
ib_record_editor_dispose (GObject *object)
{
  IbRecordEditor *self = (IbRecordEditor *) object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_RECORD_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->draft);
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

  /**
   * IbRecordEditor::saved:
   * @id: the id of the record saved (new ones have theirs by now)
   *
   * Emitted once the record is in the store, before the editor closes.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

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
  if (record == NULL)
    record = ib_record_new (type);
  name = ib_format_record_name (record);
  /* Translators: the editor's title, e.g. "Edit Plan"; %s is the record type */
  title = g_strdup_printf (_("Edit %s"), ib_format_record_type (type->name));
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_preferences_group_set_title (self->group, name);

  build (self, record, fields);
  g_signal_connect (store, "remote-changed", G_CALLBACK (on_remote_changed_cb), self);
  return self;
}

IbRecordEditor *
ib_record_editor_new_draft (GtkWindow          *parent,
                            IbStore            *store,
                            IbRecord           *draft,
                            const char * const *fields)
{
  IbRecordEditor *self;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (IB_IS_RECORD (draft), NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (IB_TYPE_RECORD_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->type = ib_record_get_record_type (draft);
  self->draft = ib_record_copy (draft);
  gtk_button_set_label (GTK_BUTTON (self->save_button), _("C_reate"));

  build (self, self->draft, fields);

  /* Typing starts where the form is empty (the title, the narrative), or else on its first
   * field: never on Cancel, where Enter would throw the form away. */
  {
    GtkWidget *focus = self->rows->len > 0 ? self->rows->pdata[0] : NULL;

    for (guint i = 0; i < self->rows->len; i++)
      {
        GtkWidget *row = self->rows->pdata[i];
        g_autoptr (JsonNode) node = NULL;

        if (is_status_row (row))
          continue;
        node = read_row (self, row);
        if (JSON_NODE_HOLDS_NULL (node) && row_spec (self, row)->required)
          {
            focus = row;
            break;
          }
      }

    if (focus != NULL)
      {
        GtkWidget *target = g_object_get_data (G_OBJECT (focus), "view");

        gtk_window_set_focus (GTK_WINDOW (self), target != NULL ? target : focus);
      }
  }

  return self;
}

void
ib_record_editor_set_save_func (IbRecordEditor         *self,
                                IbRecordEditorSaveFunc  func,
                                gpointer                user_data)
{
  g_return_if_fail (IB_IS_RECORD_EDITOR (self));

  self->save_func = func;
  self->save_data = user_data;
}

void
ib_record_editor_set_choices (IbRecordEditor     *self,
                              const char         *field,
                              const char * const *codes)
{
  GtkWidget *row;
  const IbFieldSpec *spec;
  g_autoptr (JsonNode) current = NULL;
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GStrvBuilder) kept = g_strv_builder_new ();
  const char *value;
  guint selected = 0, n = 0;

  g_return_if_fail (IB_IS_RECORD_EDITOR (self));
  g_return_if_fail (codes != NULL);

  row = find_row (self, field);
  spec = row != NULL ? row_spec (self, row) : NULL;
  g_return_if_fail (spec != NULL && spec->kind == IB_FIELD_ENUM);

  current = read_row (self, row);
  value = JSON_NODE_HOLDS_NULL (current) ? NULL : json_node_get_string (current);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      gtk_string_list_append (labels, ib_enum_label (spec->enum_type, codes[i]));
      g_strv_builder_add (kept, codes[i]);
      if (g_strcmp0 (codes[i], value) == 0)
        selected = i + 1;
      n++;
    }
  /* A value already recorded stays choosable, so opening the form never changes it; the
   * rules say why it is wrong when it is saved. */
  if (value != NULL && selected == 0)
    {
      gtk_string_list_append (labels, ib_enum_label (spec->enum_type, value));
      g_strv_builder_add (kept, value);
      selected = n + 1;
    }

  set_choices (row, C_("enum choice", "Not set"), labels, g_strv_builder_end (kept));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
}

GtkWidget *
ib_record_editor_get_row (IbRecordEditor *self,
                          const char     *field)
{
  g_return_val_if_fail (IB_IS_RECORD_EDITOR (self), NULL);
  return find_row (self, field);
}

gboolean
ib_record_editor_get_stale (IbRecordEditor *self)
{
  g_return_val_if_fail (IB_IS_RECORD_EDITOR (self), FALSE);
  return gtk_revealer_get_reveal_child (self->stale_bar);
}
