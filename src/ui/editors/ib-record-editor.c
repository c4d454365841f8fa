/* ib-record-editor.c
 *
 * The form keeps what the person typed. When the record changes on the server meanwhile
 * (IbStore::remote-changed), a bar says who changed it and offers to reload; nothing in the
 * form is replaced until they ask. Saving goes through the store, so only the fields they
 * changed are written and queued. A value the record may not hold is named beside its row,
 * scrolled into view, and the form stays open with everything in it; the note goes as soon as
 * the value is put right.
 *
 * There is no default button: Enter works the focused control, and only the Save button or
 * Ctrl+Enter saves (ib-form.h). A record that can never be changed (a position statement, a
 * risk review) shows what will be saved and asks once, inline, so a second Ctrl+Enter saves;
 * "Don't ask again" (kept in the settings) drops the question for a practised hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-record-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-a11y.h"
#include "ib-date-row.h"
#include "ib-form.h"
#include "ib-format.h"
#include "ib-record-editor-private.h"
#include "ib-record-json.h"
#include "ib-settings.h"

struct _IbRecordEditor
{
  AdwWindow               parent_instance;

  /* template */
  AdwPreferencesPage     *page;
  AdwPreferencesGroup    *group;
  GtkRevealer            *stale_bar;
  GtkLabel               *stale_label;
  GtkLabel               *error_label;
  GtkWidget              *save_button;
  GtkRevealer            *confirm_bar;
  GtkLabel               *confirm_title;
  GtkLabel               *confirm_label;
  GtkCheckButton         *confirm_check;

  /* owned */
  IbStore                *store;
  IbRecord               *draft;   /* a new record not stored yet, or NULL when editing */
  char                   *id;
  GPtrArray              *rows;    /* one per field, with "field" as data */
  GSettings              *settings;
  char                   *save_label;

  /* borrowed */
  const IbRecordType     *type;
  IbRecordEditorSaveFunc  save_func;
  gpointer                save_data;

  gboolean                confirming;  /* the permanent record's summary is shown */
  gboolean                filling;     /* rows set by the form, not typed */
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

/* A row's field is the record's own, or one of another record's the save function writes
 * (ib_record_editor_add_field ()). */
static const IbFieldSpec *
row_spec (IbRecordEditor *self,
          GtkWidget      *row)
{
  const IbRecordType *type = g_object_get_data (G_OBJECT (row), "type");

  return ib_record_type_field (type != NULL ? type : self->type, g_object_get_data (G_OBJECT (row), "field"));
}

static gboolean
is_extra (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "type") != NULL;
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
  if (IB_IS_DATE_ROW (row))
    ib_date_row_set_iso (IB_DATE_ROW (row), text);
  else if (row_buffer (row) != NULL)
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

/* Reads a row into a JSON value; a number that does not parse is kept as text so the
 * field's own check names it, and a date that does not parse sets @why to what is wrong. */
static JsonNode *
read_row (IbRecordEditor  *self,
          GtkWidget       *row,
          char           **why)
{
  const IbFieldSpec *spec = row_spec (self, row);
  JsonNode *node = json_node_alloc ();
  g_autofree char *text = NULL;

  /* The status is the record's class, not a field: the save reads it on its own. */
  if (is_status_row (row))
    return json_node_init_null (node);

  if (spec->kind == IB_FIELD_BOOL)
    return json_node_init_boolean (node, gtk_switch_get_active (g_object_get_data (G_OBJECT (row), "switch")));

  if (IB_IS_DATE_ROW (row))
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *iso = ib_date_row_get_iso (IB_DATE_ROW (row), &error);

      if (error != NULL && why != NULL)
        *why = g_strdup (error->message);
      if (iso != NULL)
        return json_node_init_string (node, iso);
      if (error != NULL)
        return json_node_init_string (node, gtk_editable_get_text (GTK_EDITABLE (row)));
      return json_node_init_null (node);
    }

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

/* Returns what is wrong with @row's value in a sentence, or NULL: a date that is no date, or
 * what the field's rules say. */
static char *
row_problem (IbRecordEditor *self,
             GtkWidget      *row,
             JsonNode      **value)
{
  const IbFieldSpec *spec = row_spec (self, row);
  g_autofree char *unreadable = NULL;
  g_autoptr (JsonNode) node = read_row (self, row, &unreadable);
  g_autofree char *why = unreadable == NULL && spec != NULL ? ib_field_problem (spec, node) : NULL;
  char *sentence = NULL;

  if (unreadable != NULL)
    sentence = g_strdup_printf ("%s.", unreadable);
  else if (why != NULL)
    {
      g_autofree char *label = ib_format_field_name (spec->name);

      /* Translators: a field's name and what is wrong with it, e.g. "“Title” must not be empty." */
      sentence = g_strdup_printf (_("“%s” %s."), label, why);
    }

  if (value != NULL)
    *value = g_steal_pointer (&node);
  return sentence;
}

static GtkScrolledWindow *
scroller (IbRecordEditor *self)
{
  GtkWidget *w = gtk_widget_get_ancestor (GTK_WIDGET (self->group), GTK_TYPE_SCROLLED_WINDOW);

  return w != NULL ? GTK_SCROLLED_WINDOW (w) : NULL;
}

/* Scrolls so that @row and the note under it are both in view, once they are laid out. */
static gboolean
scroll_to_problem_cb (GtkWidget     *row,
                      GdkFrameClock *clock,
                      gpointer       data)
{
  IbRecordEditor *self = g_object_get_data (G_OBJECT (row), "editor");
  GtkWidget *note = g_object_get_data (G_OBJECT (row), "problem-row");
  GtkScrolledWindow *scrolled = self != NULL ? scroller (self) : NULL;
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_rect_t top, bottom;

  if (self == NULL || scrolled == NULL || note == NULL)
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_height (note) == 0)
    return G_SOURCE_CONTINUE;

  content = gtk_scrolled_window_get_child (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  if (gtk_widget_compute_bounds (row, content, &top) && gtk_widget_compute_bounds (note, content, &bottom))
    {
      double value = gtk_adjustment_get_value (adjustment);
      double page = gtk_adjustment_get_page_size (adjustment);
      double end = bottom.origin.y + bottom.size.height + 6;

      if (end > value + page)
        value = end - page;
      if (top.origin.y < value)
        value = top.origin.y;
      gtk_adjustment_set_value (adjustment, value);
    }
  return G_SOURCE_REMOVE;
}

/* Shows @message (NULL for none) under @row, and says so to a screen reader with the row. */
static void
show_row_problem (IbRecordEditor *self,
                  GtkWidget      *row,
                  const char     *message)
{
  GtkWidget *note = g_object_get_data (G_OBJECT (row), "problem-row");
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "problem-label");

  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (note, message != NULL);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static gboolean
row_has_problem (GtkWidget *row)
{
  return gtk_widget_get_visible (g_object_get_data (G_OBJECT (row), "problem-row"));
}

static GtkWidget *
focus_target (GtkWidget *row)
{
  GtkWidget *view = g_object_get_data (G_OBJECT (row), "view");

  return view != NULL ? view : row;
}

static void
stop_confirming (IbRecordEditor *self)
{
  if (!self->confirming)
    return;
  self->confirming = FALSE;
  gtk_revealer_set_reveal_child (self->confirm_bar, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->save_button), self->save_label);
}

/* A value changed: its note goes once it is right, and a summary shown before is out of date. */
static void
on_row_changed_cb (GtkWidget *row)
{
  IbRecordEditor *self = g_object_get_data (G_OBJECT (row), "editor");
  g_autofree char *problem = NULL;

  if (self == NULL || self->filling)
    return;
  stop_confirming (self);
  if (!row_has_problem (row))
    return;
  problem = row_problem (self, row, NULL);
  if (problem == NULL)
    show_row_problem (self, row, NULL);
}

/* Fills the rows from @record: at opening, and when the person asks to reload. */
static void
fill (IbRecordEditor *self,
      IbRecord       *record)
{
  JsonObject *fields = ib_record_get_fields (record);

  self->filling = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      const IbFieldSpec *spec;
      JsonNode *node;

      if (is_status_row (row))
        {
          gboolean exempt = g_strcmp0 (ib_record_get_class (record), "exempt") == 0;

          adw_combo_row_set_selected (ADW_COMBO_ROW (row), exempt ? (guint) CLAMP (ib_record_get_exempt_paragraph (record), 1, 7) : 0);
          continue;
        }

      spec = row_spec (self, row);
      node = json_object_get_member (fields, spec->name);
      show_row_problem (self, row, NULL);
      if (is_extra (row))
        continue;

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

  self->filling = FALSE;
  gtk_revealer_set_reveal_child (self->stale_bar, FALSE);
  show_error (self, NULL);
  stop_confirming (self);
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

/* What the form will save, a line per field that has a value: for the person to check a record
 * that can never be changed. */
static char *
summarise (IbRecordEditor *self,
           IbRecord       *record)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      const IbFieldSpec *spec = row_spec (self, row);
      g_autoptr (JsonNode) extra = NULL;
      JsonNode *node;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      /* The status is said by the combo's own words: Public, or Exempt with its paragraph. */
      if (is_status_row (row))
        {
          GObject *chosen = adw_combo_row_get_selected_item (ADW_COMBO_ROW (row));

          if (out->len > 0)
            g_string_append_c (out, '\n');
          g_string_append (out, gtk_string_object_get_string (GTK_STRING_OBJECT (chosen)));
          continue;
        }

      extra = is_extra (row) ? read_row (self, row, NULL) : NULL;
      node = extra != NULL ? extra : json_object_get_member (ib_record_get_fields (record), spec->name);
      name = ib_format_field_name (spec->name);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (spec->kind == IB_FIELD_REF)
        {
          g_autoptr (IbRecord) target = ib_store_get (self->store, ib_record_type_find (spec->ref_type),
                                                      json_node_get_string (node), NULL);

          value = target != NULL ? ib_format_record_name (target) : NULL;
        }
      if (value == NULL)
        value = ib_format_field_value (self->type, spec->name, node);
      /* Long text shows its start: enough to recognise it. */
      if (g_utf8_strlen (value, -1) > 120)
        {
          g_autofree char *start = g_utf8_substring (value, 0, 117);

          g_free (value);
          value = g_strconcat (start, "…", NULL);
        }
      if (out->len > 0)
        g_string_append_c (out, '\n');
      /* Translators: one line of what a form will save: a field's name and its value */
      g_string_append_printf (out, _("%s: %s"), name, value);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char *
permanence_warning (IbRecordEditor *self)
{
  if (self->type == &ib_type_position_statement)
    return _("Statements cannot be changed later: a correction is a new statement. Check it, then save.");
  return _("Reviews cannot be changed later: a correction is a new review. Check it, then save.");
}

/* Asks once before a record that can never be changed is made; FALSE while asking. */
static gboolean
confirmed (IbRecordEditor *self,
           IbRecord       *record)
{
  g_autofree char *summary = NULL;

  if (self->draft == NULL || !ib_record_type_is_append_only (self->type))
    return TRUE;
  if (self->confirming || (self->settings != NULL && !g_settings_get_boolean (self->settings, "confirm-permanent")))
    return TRUE;

  summary = summarise (self, record);
  gtk_label_set_label (self->confirm_title, permanence_warning (self));
  gtk_label_set_label (self->confirm_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_check), self->settings != NULL);
  gtk_revealer_set_reveal_child (self->confirm_bar, TRUE);
  gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Confirm and Save"));
  self->confirming = TRUE;
  return FALSE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IbRecordEditor *self = IB_RECORD_EDITOR (widget);
  g_autoptr (IbRecord) record = load_record (self);
  g_autoptr (GError) error = NULL;
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
      JsonNode *node = NULL;
      g_autofree char *problem = NULL;

      if (is_status_row (row))
        {
          guint paragraph = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

          ib_record_set_class (record, paragraph >= 1 && paragraph <= 7 ? "exempt" : "public");
          ib_record_set_exempt_paragraph (record, paragraph >= 1 && paragraph <= 7 ? (int) paragraph : 0);
          continue;
        }

      problem = row_problem (self, row, &node);

      show_row_problem (self, row, problem);
      if (problem != NULL && first_bad == NULL)
        first_bad = row;
      if (is_extra (row))
        json_node_unref (node);
      else
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
        show_row_problem (self, first_bad, error->message);
      else
        show_error (self, error->message);
      g_clear_error (&error);
      if (first_bad == NULL)
        return;
    }

  if (first_bad != NULL)
    {
      /* Nothing is written; every value stays in the form to be corrected. */
      show_error (self, NULL);
      stop_confirming (self);
      gtk_widget_grab_focus (focus_target (first_bad));
      gtk_widget_add_tick_callback (first_bad, scroll_to_problem_cb, NULL, NULL);
      return;
    }

  if (!confirmed (self, record))
    return;
  if (self->confirming && self->settings != NULL && gtk_check_button_get_active (self->confirm_check))
    g_settings_set_boolean (self->settings, "confirm-permanent", FALSE);

  if (!(self->save_func != NULL ? self->save_func (self->store, record, self->save_data, &error)
                                : default_save (self->store, record, self, &error)))
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, ib_record_get_id (record));
  gtk_window_close (GTK_WINDOW (self));
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  return -g_strcmp0 (ib_record_get_string (*(IbRecord * const *) a, "held_on"),
                     ib_record_get_string (*(IbRecord * const *) b, "held_on"));
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

  /* Meetings and the like read best newest first; the live list appends new ones at its end. */
  if (ref_type->parent_field == NULL && ib_record_type_field (ref_type, "held_on") != NULL)
    g_ptr_array_sort (records, newest_first);

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
find_popover (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_popover (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
make_choice_row (const char          *not_set,
                 GtkStringList       *labels,
                 GStrv                codes)
{
  GtkWidget *row = adw_combo_row_new ();
  GtkWidget *popover = find_popover (row);

  set_choices (row, not_set, labels, codes);
  /* Closed with Escape, the list keeps the focus though hidden, and keys (Ctrl+Enter among
   * them) go nowhere: the focus goes back to the row. */
  if (popover != NULL)
    g_signal_connect_object (popover, "closed", G_CALLBACK (gtk_widget_grab_focus), row, G_CONNECT_SWAPPED);
  return row;
}

/* A meeting as a choice reads by its kind and whole date, "Improvement Board · 2 December 2022";
 * its title goes on the line under it in the list. */
static char *
meeting_choice (IbRecord *meeting)
{
  g_autofree char *date = ib_format_date (ib_record_get_string (meeting, "held_on"));
  const char *kind = ib_record_get_string (meeting, "kind");

  if (kind == NULL)
    return g_strdup (date);
  /* Translators: a meeting to choose: its kind, then its date */
  return g_strdup_printf (C_("meeting choice", "%s · %s"), ib_enum_label (&ib_enum_meeting_kind, kind), date);
}

static void
setup_two_lines_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *first = gtk_label_new (NULL);
  GtkWidget *second = gtk_label_new (NULL);

  /* Wrapped, not cut: the whole kind and date are what tell meetings apart. */
  for (GtkWidget *label = first; label != NULL; label = label == first ? second : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_add_css_class (second, "dim-label");
  gtk_widget_add_css_class (second, "caption");
  gtk_list_item_set_child (item, box);
}

static void
bind_two_lines_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GtkWidget                *row)
{
  GtkWidget *first = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *second = gtk_widget_get_next_sibling (first);
  const char * const *details = g_object_get_data (G_OBJECT (row), "details");
  guint position = gtk_list_item_get_position (item);
  const char *detail = details != NULL && position < g_strv_length ((GStrv) details) ? details[position] : "";

  gtk_label_set_label (GTK_LABEL (first), gtk_string_object_get_string (gtk_list_item_get_item (item)));
  gtk_label_set_label (GTK_LABEL (second), detail);
  gtk_widget_set_visible (second, *detail != '\0');
}

/* The drop-down list of @row in two lines per choice: the choice, then its "details". */
static GtkListItemFactory *
two_line_factory (GtkWidget *row)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_two_lines_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_two_lines_cb), row);
  return factory;
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

      g_autoptr (GStrvBuilder) details = g_strv_builder_new ();
      gboolean meetings = g_strcmp0 (spec->ref_type, "meeting") == 0;

      g_strv_builder_add (details, "");
      for (guint i = 0; i < candidates->len; i++)
        {
          IbRecord *candidate = candidates->pdata[i];
          g_autofree char *name = meetings ? meeting_choice (candidate) : ib_format_record_name (candidate);

          gtk_string_list_append (labels, name);
          g_strv_builder_add (codes, ib_record_get_id (candidate));
          g_strv_builder_add (details, meetings && ib_record_get_string (candidate, "title") != NULL
                                       ? ib_record_get_string (candidate, "title") : "");
        }
      row = make_choice_row (C_("reference choice", "None"), labels, g_strv_builder_end (codes));
      /* Long titles must not widen the dialog past a narrow screen. */
      adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), FALSE);
      if (meetings)
        {
          g_object_set_data_full (G_OBJECT (row), "details", g_strv_builder_end (details), (GDestroyNotify) g_strfreev);
          adw_combo_row_set_list_factory (ADW_COMBO_ROW (row), two_line_factory (row));
        }
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
      /* A plain row has no title of libadwaita's to be read by. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), view);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "buffer", gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
      g_object_set_data (G_OBJECT (row), "view", view);
    }
  else if (spec->kind == IB_FIELD_DATE || spec->kind == IB_FIELD_PERIOD)
    row = ib_date_row_new (spec->kind == IB_FIELD_PERIOD);
  else
    row = adw_entry_row_new ();

  /* libadwaita's rows are read by their title. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "field", g_strdup (spec->name), g_free);
  g_object_set_data (G_OBJECT (row), "editor", self);

  if (ADW_IS_COMBO_ROW (row))
    g_signal_connect (row, "notify::selected", G_CALLBACK (on_row_changed_cb), NULL);
  else if (spec->kind == IB_FIELD_BOOL)
    g_signal_connect_swapped (g_object_get_data (G_OBJECT (row), "switch"), "notify::active",
                              G_CALLBACK (on_row_changed_cb), row);
  else if (row_buffer (row) != NULL)
    g_signal_connect_swapped (row_buffer (row), "changed", G_CALLBACK (on_row_changed_cb), row);
  else
    g_signal_connect (row, "changed", G_CALLBACK (on_row_changed_cb), NULL);
  return row;
}

/* The note under a row saying what is wrong with its value, hidden until there is something. */
static GtkWidget *
make_problem_row (GtkWidget *row)
{
  GtkWidget *note = adw_preferences_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (note), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (note), FALSE);
  gtk_widget_set_focusable (note, FALSE);
  gtk_widget_set_visible (note, FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (note, "field-problem");
  gtk_widget_add_css_class (label, "error");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (note), label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL, -1);
  g_object_set_data (G_OBJECT (row), "problem-row", note);
  g_object_set_data (G_OBJECT (row), "problem-label", label);
  return note;
}

static void
add_row (IbRecordEditor *self,
         GtkWidget      *row)
{
  /* AdwPreferencesGroup lists rows; the note is a plain row, so it goes in the same list. */
  adw_preferences_group_add (self->group, row);
  adw_preferences_group_add (self->group, make_problem_row (row));
  g_ptr_array_add (self->rows, row);
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
          add_row (self, make_status_row ());
          continue;
        }

      g_return_if_fail (spec != NULL);
      row = make_row (self, record, spec);
      add_row (self, row);
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
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->save_label, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, page);
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, group);
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, stale_bar);
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, stale_label);
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, confirm_bar);
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, confirm_title);
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, confirm_label);
  gtk_widget_class_bind_template_child (widget_class, IbRecordEditor, confirm_check);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked_cb);

  ib_form_class_install_save (widget_class, "editor.save", save_action);
}

/* A new record's form has no heading of its own: its list is read by the window's title. */
static void
on_title_changed_cb (IbRecordEditor *self)
{
  const char *heading = adw_preferences_group_get_title (self->group);

  if (heading == NULL || *heading == '\0')
    ib_a11y_label_group (GTK_WIDGET (self->group), gtk_window_get_title (GTK_WINDOW (self)));
}

static void
ib_record_editor_init (IbRecordEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_changed_cb), NULL);
  self->rows = g_ptr_array_new ();
  self->settings = ib_settings_new ();
  self->save_label = g_strdup (gtk_button_get_label (GTK_BUTTON (self->save_button)));
}

static void
set_save_label (IbRecordEditor *self,
                const char     *label)
{
  g_free (self->save_label);
  self->save_label = g_strdup (label);
  gtk_button_set_label (GTK_BUTTON (self->save_button), label);
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
  set_save_label (self, _("C_reate"));

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
        node = read_row (self, row, NULL);
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

  current = read_row (self, row, NULL);
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

void
ib_record_editor_add_field (IbRecordEditor     *self,
                            const IbRecordType *type,
                            const char         *field,
                            const char         *value)
{
  const IbFieldSpec *spec;
  GtkWidget *row;

  g_return_if_fail (IB_IS_RECORD_EDITOR (self));
  spec = ib_record_type_field (type, field);
  g_return_if_fail (spec != NULL && spec->kind != IB_FIELD_REF && spec->kind != IB_FIELD_REF_LIST &&
                    spec->kind != IB_FIELD_ENUM);
  g_return_if_fail (find_row (self, field) == NULL);

  row = make_row (self, NULL, spec);
  g_object_set_data (G_OBJECT (row), "type", (gpointer) type);
  add_row (self, row);
  self->filling = TRUE;
  set_row_text (row, value);
  self->filling = FALSE;
}

char *
ib_record_editor_get_field (IbRecordEditor *self,
                            const char     *field)
{
  GtkWidget *row;
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (IB_IS_RECORD_EDITOR (self), NULL);
  row = find_row (self, field);
  g_return_val_if_fail (row != NULL, NULL);

  node = read_row (self, row, NULL);
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
}

gboolean
ib_record_editor_get_stale (IbRecordEditor *self)
{
  g_return_val_if_fail (IB_IS_RECORD_EDITOR (self), FALSE);
  return gtk_revealer_get_reveal_child (self->stale_bar);
}
