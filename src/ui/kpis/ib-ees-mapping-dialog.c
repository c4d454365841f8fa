/* ib-ees-mapping-dialog.c
 *
 * One row per column of figures (which KPI it feeds, or none) and one per filter (which of its
 * values); the answers are kept per data set by the core, so the next release of the same file
 * opens with them chosen and only needs Preview.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-ees-mapping-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ib-detail-util.h"
#include "ib-ees-mapping-dialog-private.h"
#include "ib-record-json.h"

struct _IbEesMappingDialog
{
  AdwWindow       parent_instance;

  /* template */
  AdwPreferencesGroup *dataset_group;
  AdwEntryRow    *title_row;
  AdwEntryRow    *publication_row;
  AdwEntryRow    *published_row;
  AdwPreferencesGroup *figures_group;
  AdwPreferencesGroup *filters_group;
  GtkSwitch      *own_switch;

  /* owned */
  IbStore        *store;
  IbEesScan      *scan;
  GPtrArray      *codes;        /* KPI codes, as the figures rows list them after "None" */
  GPtrArray      *figure_rows;  /* AdwComboRow, one per figures column */
  GPtrArray      *filter_rows;  /* AdwComboRow, one per filter column */
};

G_DEFINE_FINAL_TYPE (IbEesMappingDialog, ib_ees_mapping_dialog, ADW_TYPE_WINDOW)

enum { MAPPED, N_SIGNALS };
static guint signals[N_SIGNALS];

static IbEesColumn *
row_column (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "ib-column");
}

static GtkWidget *
find_row (GPtrArray  *rows,
          const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (row_column (rows->pdata[i])->name, name))
      return rows->pdata[i];
  return NULL;
}

/* Returns the index of @text in @list, or -1. */
static int
index_in (GPtrArray  *list,
          const char *text)
{
  guint index;

  if (text != NULL && g_ptr_array_find_with_equal_func (list, text, g_str_equal, &index))
    return (int) index;
  return -1;
}

static GtkWidget *
combo_row (const char          *title,
           const char * const  *labels)
{
  g_autoptr (GtkStringList) model = gtk_string_list_new (labels);
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  return row;
}

static void
build_rows (IbEesMappingDialog *self)
{
  g_autoptr (GListModel) indicators = ib_store_list (self->store, &ib_type_indicator);
  g_autoptr (GPtrArray) kpi_labels = g_ptr_array_new_with_free_func (g_free);

  /* Translators: a column of figures that feeds no KPI */
  g_ptr_array_add (kpi_labels, g_strdup (_("Not imported")));
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr (IbRecord) indicator = g_list_model_get_item (indicators, i);

      g_ptr_array_add (self->codes, g_strdup (ib_record_get_string (indicator, "code")));
      /* Translators: a KPI in a list: its code, then its title */
      g_ptr_array_add (kpi_labels, g_strdup_printf (_("%s — %s"), ib_record_get_string (indicator, "code"),
                                                    ib_record_get_string (indicator, "title")));
    }
  g_ptr_array_add (kpi_labels, NULL);

  for (guint c = 0; c < self->scan->columns->len; c++)
    {
      IbEesColumn *column = self->scan->columns->pdata[c];
      GtkWidget *row;

      if (column->indicator)
        {
          row = combo_row (column->name, (const char * const *) kpi_labels->pdata);
          g_ptr_array_add (self->figure_rows, row);
          adw_preferences_group_add (self->figures_group, row);
        }
      else
        {
          g_autoptr (GPtrArray) values = g_ptr_array_sized_new (column->values->len + 1);
          int total;

          /* Borrowed, not copied: the list model copies them, and the scan keeps its own
           * (g_ptr_array_copy would carry the scan's free function to this array). */
          g_ptr_array_extend (values, column->values, NULL, NULL);
          g_ptr_array_add (values, NULL);
          row = combo_row (column->name, (const char * const *) values->pdata);
          total = index_in (column->values, "Total");
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), total >= 0 ? (guint) total : 0);
          g_ptr_array_add (self->filter_rows, row);
          adw_preferences_group_add (self->filters_group, row);
        }
      g_object_set_data (G_OBJECT (row), "ib-column", column);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->filters_group), self->filter_rows->len > 0);
}

/* Chooses what @remembered says, where the file still has it. */
static void
apply_remembered (IbEesMappingDialog *self,
                  IbEesMapping       *remembered)
{
  for (guint i = 0; i < remembered->items->len; i++)
    {
      IbEesMappingItem *item = remembered->items->pdata[i];

      _ib_ees_mapping_dialog_choose (self, item->column, item->indicator);
      for (guint f = 0; item->filters[f] != NULL; f++)
        {
          g_autofree char *name = g_strndup (item->filters[f], strcspn (item->filters[f], "="));

          _ib_ees_mapping_dialog_set_filter (self, name, item->filters[f] + strlen (name) + 1);
        }
      gtk_switch_set_active (self->own_switch, item->own_value);
    }
  if (remembered->title != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), remembered->title);
  if (remembered->publication != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->publication_row), remembered->publication);
}

static IbEesMapping *
build_mapping (IbEesMappingDialog *self)
{
  IbEesMapping *mapping = ib_ees_mapping_new (self->scan);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) filters = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  const char *publication = gtk_editable_get_text (GTK_EDITABLE (self->publication_row));

  if (*title != '\0')
    {
      g_free (mapping->title);
      mapping->title = g_strdup (title);
    }
  mapping->publication = *publication != '\0' ? g_strdup (publication) : NULL;

  for (guint i = 0; i < self->filter_rows->len; i++)
    {
      GtkWidget *row = self->filter_rows->pdata[i];
      IbEesColumn *column = row_column (row);
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
      g_autofree char *filter = NULL;

      if (selected >= column->values->len)
        continue;
      filter = g_strdup_printf ("%s=%s", column->name, (char *) column->values->pdata[selected]);
      g_strv_builder_add (builder, filter);
    }
  filters = g_strv_builder_end (builder);

  for (guint i = 0; i < self->figure_rows->len; i++)
    {
      GtkWidget *row = self->figure_rows->pdata[i];
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->codes->len)
        continue;
      ib_ees_mapping_add (mapping, self->codes->pdata[selected - 1], row_column (row)->name,
                          (const char * const *) filters, gtk_switch_get_active (self->own_switch));
    }
  return mapping;
}

static void
on_preview_cb (IbEesMappingDialog *self)
{
  g_autoptr (IbEesMapping) mapping = build_mapping (self);
  g_autofree char *problems = ib_ees_mapping_problems (mapping, self->scan, self->store);
  g_autoptr (GError) error = NULL;
  const char *published = gtk_editable_get_text (GTK_EDITABLE (self->published_row));

  if (*published != '\0' && !ib_date_is_valid (published))
    {
      /* Translators: %s is what was typed as a release date */
      g_autofree char *message = g_strdup_printf (_("“%s” is not a date written YYYY-MM-DD."), published);

      ib_detail_show_message (GTK_WINDOW (self), _("Check the Release Date"), message);
      return;
    }
  if (problems != NULL)
    {
      ib_detail_show_message (GTK_WINDOW (self), _("Choose What the File Feeds"), problems);
      return;
    }
  if (!ib_ees_mapping_save (self->store, mapping, &error))
    {
      ib_detail_show_message (GTK_WINDOW (self), _("Could Not Import Values"), error->message);
      return;
    }

  g_object_ref (self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[MAPPED], 0, mapping, *published != '\0' ? published : NULL);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
ib_ees_mapping_dialog_dispose (GObject *object)
{
  IbEesMappingDialog *self = (IbEesMappingDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_EES_MAPPING_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->scan, ib_ees_scan_free);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->figure_rows, g_ptr_array_unref);
  g_clear_pointer (&self->filter_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_ees_mapping_dialog_parent_class)->dispose (object);
}

static void
ib_ees_mapping_dialog_class_init (IbEesMappingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_ees_mapping_dialog_dispose;

  /**
   * IbEesMappingDialog::mapped:
   * @mapping: the IbEesMapping chosen (and remembered)
   * @published: (nullable): the release date given, YYYY-MM-DD
   *
   * Emitted when Preview is pressed on answers that fit the file.
   */
  signals[MAPPED] =
    g_signal_new ("mapped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-ees-mapping-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IbEesMappingDialog, dataset_group);
  gtk_widget_class_bind_template_child (widget_class, IbEesMappingDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, IbEesMappingDialog, publication_row);
  gtk_widget_class_bind_template_child (widget_class, IbEesMappingDialog, published_row);
  gtk_widget_class_bind_template_child (widget_class, IbEesMappingDialog, figures_group);
  gtk_widget_class_bind_template_child (widget_class, IbEesMappingDialog, filters_group);
  gtk_widget_class_bind_template_child (widget_class, IbEesMappingDialog, own_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_preview_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ib_ees_mapping_dialog_init (IbEesMappingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->codes = g_ptr_array_new_with_free_func (g_free);
  self->figure_rows = g_ptr_array_new ();
  self->filter_rows = g_ptr_array_new ();
}

IbEesMappingDialog *
ib_ees_mapping_dialog_new (GtkWindow    *parent,
                           IbStore      *store,
                           IbEesScan    *scan,
                           IbEesMapping *remembered)
{
  IbEesMappingDialog *self;
  g_autofree char *first = NULL, *last = NULL, *description = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (scan != NULL, NULL);

  self = g_object_new (IB_TYPE_EES_MAPPING_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->scan = scan;
  build_rows (self);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), scan->title);
  if (remembered != NULL)
    apply_remembered (self, remembered);

  /* Translators: the file, how many rows, and the periods it covers: "cla.csv: 2,505 rows, 2021 to 2025" */
  description = g_strdup_printf (_("%s: %u rows, %s to %s"), scan->file_name, scan->n_rows,
                                 scan->periods->len > 0 ? (char *) scan->periods->pdata[0] : "",
                                 scan->periods->len > 0 ? (char *) scan->periods->pdata[scan->periods->len - 1] : "");
  adw_preferences_group_set_description (self->dataset_group, description);
  return self;
}

IbEesScan *
ib_ees_mapping_dialog_get_scan (IbEesMappingDialog *self)
{
  g_return_val_if_fail (IB_IS_EES_MAPPING_DIALOG (self), NULL);
  return self->scan;
}

gboolean
_ib_ees_mapping_dialog_choose (IbEesMappingDialog *self,
                               const char         *column,
                               const char         *code)
{
  GtkWidget *row = find_row (self->figure_rows, column);
  int index = code != NULL ? index_in (self->codes, code) : -1;

  if (row == NULL || (code != NULL && index < 0))
    return FALSE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), (guint) (index + 1));
  return TRUE;
}

gboolean
_ib_ees_mapping_dialog_set_filter (IbEesMappingDialog *self,
                                   const char         *filter,
                                   const char         *value)
{
  GtkWidget *row = find_row (self->filter_rows, filter);
  int index = row != NULL ? index_in (row_column (row)->values, value) : -1;

  if (index < 0)
    return FALSE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), (guint) index);
  return TRUE;
}

AdwEntryRow *
_ib_ees_mapping_dialog_get_entry (IbEesMappingDialog *self,
                                  const char         *which)
{
  if (g_str_equal (which, "title"))
    return self->title_row;
  if (g_str_equal (which, "publication"))
    return self->publication_row;
  return self->published_row;
}

void
_ib_ees_mapping_dialog_preview (IbEesMappingDialog *self)
{
  on_preview_cb (self);
}
