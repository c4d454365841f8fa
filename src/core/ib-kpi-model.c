/* ib-kpi-model.c
 *
 * Every measurement is read in one ordered query and kept as numbers in its indicator's row;
 * search and grouping then work in memory and the rows are spliced into one GListStore, so
 * the view's list is rebuilt without touching the database. A store change is taken at the
 * next idle, once per burst, by reading again only the indicators it touched; headings whose
 * count stayed are kept, so the list is told only of the rows that changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-kpi-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ib-kpi-item-private.h"
#include "ib-kpi-model.h"
#include "ib-load-apart.h"
#include "ib-reader.h"
#include "ib-schema.h"
#include "ib-store-private.h"
#include "ib-store-watch.h"

struct _IbKpiModel
{
  GObject       parent_instance;

  IbStore      *store;
  IbReader     *reader;      /* the store's connection; a worker's own in a load read apart */
  IbLoadApart  *loader;
  GListStore   *items;
  GPtrArray    *indicators;  /* IbKpiItem, grouped order */
  GHashTable   *by_id;       /* indicator id → IbKpiItem (borrowed from indicators) */
  GHashTable   *hidden;      /* ids */
  GHashTable   *headings;    /* category ("" for none) → the IbKpiItem heading last listed */
  char         *search;      /* casefolded, or NULL */
};

static void ib_kpi_model_view_model_init (IbViewModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbKpiModel, ib_kpi_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_VIEW_MODEL, ib_kpi_model_view_model_init))


static const char * const watched_types[] = { "indicator", "measurement", NULL };

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  IbKpiItem *x = *(IbKpiItem **) a, *y = *(IbKpiItem **) b;
  const char *cx = ib_kpi_item_get_category (x), *cy = ib_kpi_item_get_category (y);
  int c;

  /* Uncategorised indicators after every category. */
  if ((cx == NULL) != (cy == NULL))
    return cx == NULL ? 1 : -1;
  if ((c = g_utf8_collate (cx != NULL ? cx : "", cy != NULL ? cy : "")) != 0)
    return c;
  if ((c = g_strcmp0 (ib_record_get_string (ib_kpi_item_get_indicator (x), "code"),
                      ib_record_get_string (ib_kpi_item_get_indicator (y), "code"))) != 0)
    return c;
  /* Whatever order they were read in, the list comes out the same. */
  return strcmp (ib_record_get_id (ib_kpi_item_get_indicator (x)), ib_record_get_id (ib_kpi_item_get_indicator (y)));
}

static double
column_double (sqlite3_stmt *stmt,
               int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

/* Appends each row of @stmt (indicator, id, period and the series, by indicator and period)
 * to its indicator's item, and resets it. */
static void
read_measurements (IbKpiModel   *self,
                   sqlite3_stmt *stmt)
{
  IbKpiItem *item = NULL;
  const char *item_id = NULL;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *indicator = (const char *) sqlite3_column_text (stmt, 0);
      double values[IB_KPI_N_SERIES];

      if (item_id == NULL || g_strcmp0 (indicator, item_id) != 0)
        {
          item = g_hash_table_lookup (self->by_id, indicator);
          item_id = item != NULL ? ib_record_get_id (ib_kpi_item_get_indicator (item)) : NULL;
        }
      if (item == NULL)
        continue;  /* a measurement of a deleted indicator waits for its tombstone */
      if (g_hash_table_contains (self->hidden, sqlite3_column_text (stmt, 1)))
        continue;
      for (int s = 0; s < IB_KPI_N_SERIES; s++)
        values[s] = column_double (stmt, 3 + s);
      _ib_kpi_item_append (item, (const char *) sqlite3_column_text (stmt, 1),
                           (const char *) sqlite3_column_text (stmt, 2), values);
    }
  sqlite3_reset (stmt);
}

/* Reads every indicator and measurement through self->reader: on the main thread, or on a
 * worker into a model of its own whose rows are then taken over in one step (take_load ()). */
static void
load (gpointer model)
{
  IbKpiModel *self = model;
  g_autoptr (GPtrArray) indicators = NULL;
  sqlite3_stmt *stmt;

  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->indicators, 0);

  ib_reader_begin (self->reader);
  indicators = ib_reader_list_where (self->reader, &ib_type_indicator, NULL, NULL);
  for (guint i = 0; i < indicators->len; i++)
    {
      IbRecord *indicator = indicators->pdata[i];
      IbKpiItem *item = _ib_kpi_item_new (indicator);

      g_ptr_array_add (self->indicators, item);
      g_hash_table_insert (self->by_id, (gpointer) ib_record_get_id (indicator), item);
    }

  stmt = ib_reader_prepare (self->reader,
    "SELECT indicator, id, period, value, england, stat_neighbours, region FROM measurement"
    " WHERE deleted = 0 ORDER BY indicator, period");
  if (stmt != NULL)
    read_measurements (self, stmt);
  ib_reader_end (self->reader);
  for (guint i = 0; i < self->indicators->len; i++)
    _ib_kpi_item_finish (self->indicators->pdata[i]);
  g_ptr_array_sort (self->indicators, compare_items);
}

static gboolean
passes (IbKpiModel *self,
        IbKpiItem  *item)
{
  if (g_hash_table_contains (self->hidden, ib_record_get_id (ib_kpi_item_get_indicator (item))))
    return FALSE;
  return self->search == NULL || strstr (_ib_kpi_item_get_haystack (item), self->search) != NULL;
}

/* Lists the indicators that pass under their category headings; a heading over as many
 * indicators as before is the same row, so only what changed is spliced. */
static void
apply (gpointer model)
{
  IbKpiModel *self = model;
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) headings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint i = 0; i < self->indicators->len; i++)
    if (passes (self, self->indicators->pdata[i]))
      g_ptr_array_add (shown, self->indicators->pdata[i]);

  for (guint i = 0; i < shown->len;)
    {
      const char *category = ib_kpi_item_get_category (shown->pdata[i]);
      IbKpiItem *heading;
      guint under = 0;

      while (i + under < shown->len &&
             g_strcmp0 (ib_kpi_item_get_category (shown->pdata[i + under]), category) == 0)
        under++;

      heading = self->headings != NULL ? g_hash_table_lookup (self->headings, category != NULL ? category : "") : NULL;
      if (heading == NULL || ib_kpi_item_get_n_indicators (heading) != under)
        {
          heading = _ib_kpi_item_new_heading (category);
          _ib_kpi_item_set_n_indicators (heading, under);
        }
      else
        g_object_ref (heading);
      g_hash_table_replace (headings, g_strdup (category != NULL ? category : ""), g_object_ref (heading));
      g_ptr_array_add (rows, heading);
      for (guint k = 0; k < under; k++)
        g_ptr_array_add (rows, g_object_ref (shown->pdata[i + k]));
      i += under;
    }

  g_clear_pointer (&self->headings, g_hash_table_unref);
  self->headings = g_steal_pointer (&headings);
  ib_view_model_splice_rows (self->items, rows->pdata, rows->len, NULL);
  ib_view_model_emit_updated (IB_VIEW_MODEL (self));
}

/* Takes @changes (ib_store_watch_take_changes ()) in by reading again only the indicators
 * they touch, a measurement's indicator too; always can. */
static gboolean
patch (gpointer    model,
       GHashTable *changes)
{
  IbKpiModel *self = model;
  g_autoptr (GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  const char *id;

  ib_store_watch_changes_add_ids (changes, "indicator", touched);
  ib_store_watch_changes_add_field (self->store, changes, &ib_type_measurement, "indicator", touched);

  stmt = _ib_store_prepare (self->store,
    "SELECT indicator, id, period, value, england, stat_neighbours, region FROM measurement"
    " WHERE indicator = ?1 AND deleted = 0 ORDER BY period", NULL);
  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    {
      g_autoptr (IbRecord) indicator = ib_store_get (self->store, &ib_type_indicator, id, NULL);
      IbKpiItem *old = g_hash_table_lookup (self->by_id, id);
      IbKpiItem *item;

      if (old != NULL)
        {
          g_hash_table_remove (self->by_id, id);
          g_ptr_array_remove (self->indicators, old);
        }
      if (indicator == NULL)
        continue;

      item = _ib_kpi_item_new (indicator);
      g_ptr_array_add (self->indicators, item);
      g_hash_table_insert (self->by_id, (gpointer) ib_record_get_id (indicator), item);
      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
          read_measurements (self, stmt);
        }
      _ib_kpi_item_finish (item);
    }

  g_ptr_array_sort (self->indicators, compare_items);
  apply (self);
  return TRUE;
}

/* Returns TRUE when @a and @b hold the same ids. */
static gboolean
same_set (GHashTable *a,
          GHashTable *b)
{
  GHashTableIter iter;
  gpointer id;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (b, id))
      return FALSE;
  return TRUE;
}

/* A model of its own, with no store, for the load read apart: the hidden measurements are
 * left out of what it reads. */
static gpointer
new_apart (gpointer model)
{
  IbKpiModel *self = model;
  IbKpiModel *apart = g_object_new (IB_TYPE_KPI_MODEL, NULL);
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, self->hidden);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_add (apart->hidden, g_strdup (id));
  return apart;
}

static gboolean
take_load (gpointer model,
           gpointer data)
{
  IbKpiModel *self = model, *apart = data;

  /* A measurement hidden or shown while it was read: its indicator's row was read without it. */
  if (!same_set (self->hidden, apart->hidden))
    return FALSE;

  g_ptr_array_unref (self->indicators);
  self->indicators = g_steal_pointer (&apart->indicators);
  apart->indicators = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_unref (self->by_id);
  self->by_id = g_steal_pointer (&apart->by_id);
  apart->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  return TRUE;
}

void
ib_kpi_model_reload (IbKpiModel *self)
{
  g_return_if_fail (IB_IS_KPI_MODEL (self));
  ib_load_apart_reload (self->loader);
}

/* Lists the model again after @id was hidden or shown: an indicator is only left out, a
 * measurement's indicator is read again without it. */
static void
take_hidden (IbKpiModel *self,
             const char *id)
{
  g_autoptr (GHashTable) changes = NULL;
  GHashTable *ids;

  /* take_load () sees the hidden set moved and reads again. */
  if (ib_load_apart_is_loading (self->loader))
    return;

  if (g_hash_table_contains (self->by_id, id))
    {
      apply (self);
      return;
    }

  changes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (ids, g_strdup (id));
  g_hash_table_insert (changes, (gpointer) "measurement", ids);
  patch (self, changes);
}

static void
ib_kpi_model_dispose (GObject *object)
{
  IbKpiModel *self = (IbKpiModel *) object;

  g_clear_pointer (&self->loader, ib_load_apart_free);
  g_clear_pointer (&self->reader, ib_reader_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ib_kpi_model_parent_class)->dispose (object);
}

static void
ib_kpi_model_finalize (GObject *object)
{
  IbKpiModel *self = (IbKpiModel *) object;

  g_clear_object (&self->items);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->headings, g_hash_table_unref);
  g_free (self->search);

  G_OBJECT_CLASS (ib_kpi_model_parent_class)->finalize (object);
}

/* IbViewModel */

static IbStore *
view_model_get_store (IbViewModel *model)
{
  return ib_kpi_model_get_store (IB_KPI_MODEL (model));
}

static GListModel *
view_model_get_items (IbViewModel *model)
{
  return ib_kpi_model_get_items (IB_KPI_MODEL (model));
}

static const char *
view_model_get_item_id (IbViewModel *model,
                        gpointer     item)
{
  IbRecord *indicator = ib_kpi_item_get_indicator (item);

  /* Headings are never selected; they share one id nothing else has. */
  return indicator != NULL ? ib_record_get_id (indicator) : "";
}

static gpointer
view_model_lookup (IbViewModel *model,
                   const char  *id)
{
  return ib_kpi_model_lookup (IB_KPI_MODEL (model), id);
}

static gboolean
view_model_is_filtered (IbViewModel *model)
{
  return ib_kpi_model_is_filtered (IB_KPI_MODEL (model));
}

static gboolean
view_model_is_loading (IbViewModel *model)
{
  return ib_kpi_model_is_loading (IB_KPI_MODEL (model));
}

static void
view_model_set_search (IbViewModel *model,
                       const char  *text)
{
  ib_kpi_model_set_search (IB_KPI_MODEL (model), text);
}

static void
view_model_hide (IbViewModel *model,
                 const char  *id)
{
  ib_kpi_model_hide (IB_KPI_MODEL (model), id);
}

static void
view_model_unhide (IbViewModel *model,
                   const char  *id)
{
  ib_kpi_model_unhide (IB_KPI_MODEL (model), id);
}

/* A view asks for this after saving a record, to choose it at once: what the save changed is
 * taken in now, its rows only, rather than at idle; the whole model is not read again. */
static void
view_model_reload (IbViewModel *model)
{
  ib_load_apart_flush (IB_KPI_MODEL (model)->loader);
}

static void
ib_kpi_model_view_model_init (IbViewModelInterface *iface)
{
  iface->get_store = view_model_get_store;
  iface->get_items = view_model_get_items;
  iface->get_item_id = view_model_get_item_id;
  iface->lookup = view_model_lookup;
  iface->is_filtered = view_model_is_filtered;
  iface->is_loading = view_model_is_loading;
  iface->set_search = view_model_set_search;
  iface->hide = view_model_hide;
  iface->unhide = view_model_unhide;
  iface->reload = view_model_reload;
}

static void
ib_kpi_model_class_init (IbKpiModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ib_kpi_model_dispose;
  object_class->finalize = ib_kpi_model_finalize;

}

static void
ib_kpi_model_init (IbKpiModel *self)
{
  self->items = g_list_store_new (IB_TYPE_KPI_ITEM);
  self->indicators = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static const IbLoadApartFuncs load_funcs = {
  G_STRUCT_OFFSET (IbKpiModel, reader), new_apart, load, apply, take_load, patch,
};

static IbKpiModel *
model_new (IbStore  *store,
           gboolean  apart)
{
  IbKpiModel *self = g_object_new (IB_TYPE_KPI_MODEL, NULL);

  self->store = g_object_ref (store);
  self->reader = ib_reader_new_for_store (store);
  self->loader = ib_load_apart_new (self, store, watched_types, &load_funcs);
  ib_load_apart_first_load (self->loader, apart);
  return self;
}

IbKpiModel *
ib_kpi_model_new (IbStore *store)
{
  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  return model_new (store, FALSE);
}

IbKpiModel *
ib_kpi_model_new_loading (IbStore *store)
{
  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  return model_new (store, TRUE);
}

gboolean
ib_kpi_model_is_loading (IbKpiModel *self)
{
  g_return_val_if_fail (IB_IS_KPI_MODEL (self), FALSE);
  return ib_load_apart_is_loading (self->loader);
}

IbStore *
ib_kpi_model_get_store (IbKpiModel *self)
{
  g_return_val_if_fail (IB_IS_KPI_MODEL (self), NULL);
  return self->store;
}

GListModel *
ib_kpi_model_get_items (IbKpiModel *self)
{
  g_return_val_if_fail (IB_IS_KPI_MODEL (self), NULL);
  return G_LIST_MODEL (self->items);
}

void
ib_kpi_model_set_search (IbKpiModel *self,
                         const char *text)
{
  g_return_if_fail (IB_IS_KPI_MODEL (self));

  if (ib_view_model_take_search (&self->search, text))
    apply (self);
}

gboolean
ib_kpi_model_is_filtered (IbKpiModel *self)
{
  g_return_val_if_fail (IB_IS_KPI_MODEL (self), FALSE);
  return self->search != NULL;
}

IbKpiItem *
ib_kpi_model_lookup (IbKpiModel *self,
                     const char *id)
{
  g_return_val_if_fail (IB_IS_KPI_MODEL (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

guint
ib_kpi_model_get_n_indicators (IbKpiModel *self)
{
  g_return_val_if_fail (IB_IS_KPI_MODEL (self), 0);
  return self->indicators->len;
}

void
ib_kpi_grades_free (IbKpiGrades *grades)
{
  if (grades == NULL)
    return;
  g_strfreev (grades->periods);
  for (int g = 0; g < IB_KPI_N_GRADES; g++)
    g_free (grades->shares[g]);
  g_free (grades);
}

static int
compare_periods (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (a, b);
}

IbKpiGrades *
ib_kpi_model_dup_grades (IbKpiModel *self)
{
  IbKpiItem *layers[IB_KPI_N_GRADES] = { NULL };
  g_autoptr (GTree) periods = g_tree_new_full (compare_periods, NULL, g_free, NULL);
  IbKpiGrades *grades;
  guint n = 0;

  g_return_val_if_fail (IB_IS_KPI_MODEL (self), NULL);

  for (guint i = 0; i < self->indicators->len; i++)
    {
      IbKpiItem *item = self->indicators->pdata[i];
      int grade = ib_kpi_grade_for_code (ib_record_get_string (ib_kpi_item_get_indicator (item), "code"));

      if (grade < 0 || layers[grade] != NULL || ib_kpi_item_get_latest (item) < 0 ||
          g_hash_table_contains (self->hidden, ib_record_get_id (ib_kpi_item_get_indicator (item))))
        continue;
      layers[grade] = item;
      for (guint p = 0; p < ib_kpi_item_get_n_periods (item); p++)
        if (!isnan (ib_kpi_item_get_series (item, IB_KPI_SERIES_VALUE)[p]))
          g_tree_insert (periods, g_strdup (ib_kpi_item_get_period (item, p)), NULL);
    }

  if (g_tree_nnodes (periods) == 0)
    return NULL;

  grades = g_new0 (IbKpiGrades, 1);
  grades->n_periods = g_tree_nnodes (periods);
  grades->periods = g_new0 (char *, grades->n_periods + 1);
  for (GTreeNode *node = g_tree_node_first (periods); node != NULL; node = g_tree_node_next (node))
    grades->periods[n++] = g_strdup (g_tree_node_key (node));

  for (int g = 0; g < IB_KPI_N_GRADES; g++)
    {
      const double *values;
      guint p = 0;

      if (layers[g] == NULL)
        continue;
      values = ib_kpi_item_get_series (layers[g], IB_KPI_SERIES_VALUE);
      grades->shares[g] = g_new (double, grades->n_periods);
      /* Both period lists are sorted: walk them together. */
      for (guint k = 0; k < grades->n_periods; k++)
        {
          grades->shares[g][k] = NAN;
          while (p < ib_kpi_item_get_n_periods (layers[g]) &&
                 strcmp (ib_kpi_item_get_period (layers[g], p), grades->periods[k]) < 0)
            p++;
          if (p < ib_kpi_item_get_n_periods (layers[g]) &&
              strcmp (ib_kpi_item_get_period (layers[g], p), grades->periods[k]) == 0)
            grades->shares[g][k] = values[p];
        }
    }

  return grades;
}

void
ib_kpi_model_hide (IbKpiModel *self,
                   const char *id)
{
  g_return_if_fail (IB_IS_KPI_MODEL (self));
  g_return_if_fail (id != NULL);

  g_hash_table_add (self->hidden, g_strdup (id));
  take_hidden (self, id);
}

void
ib_kpi_model_unhide (IbKpiModel *self,
                     const char *id)
{
  g_return_if_fail (IB_IS_KPI_MODEL (self));

  if (id != NULL && g_hash_table_remove (self->hidden, id))
    take_hidden (self, id);
}
