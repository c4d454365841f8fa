/* ib-judgements-model.c
 *
 * A council has tens of engagements with Ofsted over ten years, a few grades each and a page
 * of findings: small enough to hold whole. Everything is read in one go and the view asks for
 * the pieces it shows; a store change reloads at the next idle, once per burst. The first load
 * of a view's model is read on a worker with a connection of its own (ib-reader.h), so a view
 * built at idle does not spend a frame on SQLite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-judgements-model"

#include "config.h"

#include <string.h>

#include "ib-enums.h"
#include "ib-judgements-model.h"
#include "ib-load-apart.h"
#include "ib-reader.h"

struct _IbJudgementsModel
{
  GObject     parent_instance;

  IbStore    *store;
  IbReader   *reader;         /* the store's connection; a worker's own in a load read apart */
  GListStore *timeline;
  GPtrArray  *inspections;    /* IbRecord, oldest first */
  GPtrArray  *interventions;  /* IbRecord, oldest first */
  GHashTable *by_id;          /* id → IbRecord (inspections and interventions), borrowed */
  GHashTable *judgements;     /* inspection id → GPtrArray of IbRecord */
  GHashTable *findings;       /* inspection id → GPtrArray of IbRecord */
  GHashTable *hidden;         /* ids */
  char       *search;         /* case-folded, or NULL */
  IbLoadApart *loader;
};

static void ib_judgements_model_view_model_init (IbViewModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbJudgementsModel, ib_judgements_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_VIEW_MODEL, ib_judgements_model_view_model_init))


static gboolean
is_hidden (IbJudgementsModel *self,
           IbRecord          *record)
{
  return g_hash_table_contains (self->hidden, ib_record_get_id (record));
}

/* Files @records under the record their @field names. */
static GHashTable *
group_by (GPtrArray  *records,
          const char *field)
{
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < records->len; i++)
    {
      const char *key = ib_record_get_string (records->pdata[i], field);
      GPtrArray *group;

      if (key == NULL)
        continue;
      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (groups, g_strdup (key), group);
        }
      g_ptr_array_add (group, g_object_ref (records->pdata[i]));
    }

  return groups;
}

static const char *
date_of (IbRecord *record)
{
  const char *date = ib_record_get_string (record, "starts_on");

  return date != NULL ? date : "";
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  IbRecord *ra = *(IbRecord **) a, *rb = *(IbRecord **) b;
  int c = strcmp (date_of (rb), date_of (ra));

  return c != 0 ? c : strcmp (ib_record_get_id (ra), ib_record_get_id (rb));
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  IbRecord *ra = *(IbRecord **) a, *rb = *(IbRecord **) b;
  int ka = ib_enum_index (&ib_enum_finding_kind, ib_record_get_string (ra, "kind"));
  int kb = ib_enum_index (&ib_enum_finding_kind, ib_record_get_string (rb, "kind"));
  gint64 oa = ib_record_get_int (ra, "sort_order", G_MAXINT);
  gint64 ob = ib_record_get_int (rb, "sort_order", G_MAXINT);

  if (ka != kb)
    return ka < kb ? -1 : 1;
  if (oa != ob)
    return oa < ob ? -1 : 1;
  return strcmp (ib_record_get_id (ra), ib_record_get_id (rb));
}

static int
compare_oldest_first (gconstpointer a,
                      gconstpointer b)
{
  return compare_newest_first (b, a);
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  g_autofree char *folded = haystack != NULL ? g_utf8_casefold (haystack, -1) : NULL;

  return folded != NULL && strstr (folded, needle) != NULL;
}

/* An engagement matches by what its row and detail say: its kind as shown, its dates, theme,
 * inspector or adviser, summary, and the text of its findings. */
static gboolean
matches_search (IbJudgementsModel *self,
                IbRecord          *record)
{
  static const char * const fields[] = {
    "starts_on", "ends_on", "theme", "lead_inspector", "summary", "instrument", "adviser", NULL
  };
  const IbEnum *kinds = ib_record_get_record_type (record) == &ib_type_inspection ? &ib_enum_inspection_kind
                                                                                  : &ib_enum_intervention_kind;
  const char *kind = ib_record_get_string (record, "kind");
  GPtrArray *findings;

  if (self->search == NULL)
    return TRUE;
  if (kind != NULL && (contains (ib_enum_label (kinds, kind), self->search) || contains (kind, self->search)))
    return TRUE;
  for (guint i = 0; fields[i] != NULL; i++)
    if (ib_record_type_field (ib_record_get_record_type (record), fields[i]) != NULL &&
        contains (ib_record_get_string (record, fields[i]), self->search))
      return TRUE;
  findings = g_hash_table_lookup (self->findings, ib_record_get_id (record));
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (contains (ib_record_get_string (findings->pdata[i], "text"), self->search))
      return TRUE;
  return FALSE;
}

static void
fill_timeline (IbJudgementsModel *self)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new ();

  for (guint i = 0; i < self->inspections->len; i++)
    if (!is_hidden (self, self->inspections->pdata[i]) && matches_search (self, self->inspections->pdata[i]))
      g_ptr_array_add (items, self->inspections->pdata[i]);
  for (guint i = 0; i < self->interventions->len; i++)
    if (!is_hidden (self, self->interventions->pdata[i]) && matches_search (self, self->interventions->pdata[i]))
      g_ptr_array_add (items, self->interventions->pdata[i]);
  g_ptr_array_sort (items, compare_newest_first);

  g_list_store_splice (self->timeline, 0, g_list_model_get_n_items (G_LIST_MODEL (self->timeline)),
                       items->pdata, items->len);
}

/* Reads every record the view shows through self->reader: on the main thread, or on a worker
 * into a model of its own whose tables are then taken over in one step (take_load ()). */
static void
load (gpointer model)
{
  IbJudgementsModel *self = model;
  g_autoptr (GPtrArray) judgements = NULL;
  g_autoptr (GPtrArray) findings = NULL;

  ib_reader_begin (self->reader);
  judgements = ib_reader_list_where (self->reader, &ib_type_judgement, NULL, NULL);
  findings = ib_reader_list_where (self->reader, &ib_type_finding, NULL, NULL);

  g_clear_pointer (&self->inspections, g_ptr_array_unref);
  g_clear_pointer (&self->interventions, g_ptr_array_unref);
  g_clear_pointer (&self->judgements, g_hash_table_unref);
  g_clear_pointer (&self->findings, g_hash_table_unref);
  g_hash_table_remove_all (self->by_id);

  /* Sorted here: the store's lists keep records added since they were read at the end. */
  self->inspections = ib_reader_list_where (self->reader, &ib_type_inspection, NULL, NULL);
  self->interventions = ib_reader_list_where (self->reader, &ib_type_intervention, NULL, NULL);
  ib_reader_end (self->reader);
  g_ptr_array_sort (self->inspections, compare_oldest_first);
  g_ptr_array_sort (self->interventions, compare_oldest_first);
  for (guint i = 0; i < self->inspections->len; i++)
    g_hash_table_insert (self->by_id, (gpointer) ib_record_get_id (self->inspections->pdata[i]),
                         self->inspections->pdata[i]);
  for (guint i = 0; i < self->interventions->len; i++)
    g_hash_table_insert (self->by_id, (gpointer) ib_record_get_id (self->interventions->pdata[i]),
                         self->interventions->pdata[i]);

  self->judgements = group_by (judgements, "inspection");
  self->findings = group_by (findings, "inspection");
}

static gboolean
take_load (gpointer model,
           gpointer data)
{
  IbJudgementsModel *self = model, *apart = data;

  /* by_id borrows from the arrays: they move together; @apart is left empty, to be freed. */
  g_hash_table_unref (self->by_id);
  self->by_id = g_steal_pointer (&apart->by_id);
  apart->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_unref (self->inspections);
  self->inspections = g_steal_pointer (&apart->inspections);
  g_ptr_array_unref (self->interventions);
  self->interventions = g_steal_pointer (&apart->interventions);
  g_hash_table_unref (self->judgements);
  self->judgements = g_steal_pointer (&apart->judgements);
  g_hash_table_unref (self->findings);
  self->findings = g_steal_pointer (&apart->findings);
  return TRUE;
}

static void
show (gpointer model)
{
  fill_timeline (model);
  ib_view_model_emit_updated (IB_VIEW_MODEL (model));
}

/* Any change reloads this small model whole, here: a change committed while the load was
 * read apart too, so what is shown is as fresh as the last of them. */
static gboolean
take_changes (gpointer    model,
              GHashTable *changes)
{
  load (model);
  show (model);
  return TRUE;
}

void
ib_judgements_model_reload (IbJudgementsModel *self)
{
  g_return_if_fail (IB_IS_JUDGEMENTS_MODEL (self));
  ib_load_apart_reload (self->loader);
}

/* What the view shows; actions too, as a finding shows the RAG of the actions answering it. */
static const char * const watched_types[] = {
  "inspection", "judgement", "finding", "intervention", "action",
  /* the evidence a finding's actions read (ib-evidence.h) */
  "indicator", "measurement", NULL
};

static void
ib_judgements_model_dispose (GObject *object)
{
  IbJudgementsModel *self = (IbJudgementsModel *) object;

  g_clear_pointer (&self->loader, ib_load_apart_free);
  g_clear_pointer (&self->reader, ib_reader_free);
  g_clear_object (&self->store);
  if (self->timeline != NULL)
    g_list_store_remove_all (self->timeline);
  g_hash_table_remove_all (self->by_id);
  g_clear_pointer (&self->inspections, g_ptr_array_unref);
  g_clear_pointer (&self->interventions, g_ptr_array_unref);
  g_clear_pointer (&self->judgements, g_hash_table_unref);
  g_clear_pointer (&self->findings, g_hash_table_unref);

  G_OBJECT_CLASS (ib_judgements_model_parent_class)->dispose (object);
}

static void
ib_judgements_model_finalize (GObject *object)
{
  IbJudgementsModel *self = (IbJudgementsModel *) object;

  g_clear_object (&self->timeline);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (ib_judgements_model_parent_class)->finalize (object);
}

/* IbViewModel */

static IbStore *
view_model_get_store (IbViewModel *model)
{
  return IB_JUDGEMENTS_MODEL (model)->store;
}

static GListModel *
view_model_get_items (IbViewModel *model)
{
  return ib_judgements_model_get_timeline (IB_JUDGEMENTS_MODEL (model));
}

static const char *
view_model_get_item_id (IbViewModel *model,
                        gpointer     item)
{
  return ib_record_get_id (item);
}

static gpointer
view_model_lookup (IbViewModel *model,
                   const char  *id)
{
  return ib_judgements_model_lookup (IB_JUDGEMENTS_MODEL (model), id);
}

static void
view_model_hide (IbViewModel *model,
                 const char  *id)
{
  ib_judgements_model_hide (IB_JUDGEMENTS_MODEL (model), id);
}

static void
view_model_unhide (IbViewModel *model,
                   const char  *id)
{
  ib_judgements_model_unhide (IB_JUDGEMENTS_MODEL (model), id);
}

static void
view_model_reload (IbViewModel *model)
{
  ib_judgements_model_reload (IB_JUDGEMENTS_MODEL (model));
}

static void
view_model_set_search (IbViewModel *model,
                       const char  *text)
{
  ib_judgements_model_set_search (IB_JUDGEMENTS_MODEL (model), text);
}

static gboolean
view_model_is_filtered (IbViewModel *model)
{
  return IB_JUDGEMENTS_MODEL (model)->search != NULL;
}

static gboolean
view_model_is_loading (IbViewModel *model)
{
  return ib_judgements_model_is_loading (IB_JUDGEMENTS_MODEL (model));
}

static void
ib_judgements_model_view_model_init (IbViewModelInterface *iface)
{
  iface->set_search = view_model_set_search;
  iface->is_filtered = view_model_is_filtered;
  iface->is_loading = view_model_is_loading;
  iface->get_store = view_model_get_store;
  iface->get_items = view_model_get_items;
  iface->get_item_id = view_model_get_item_id;
  iface->lookup = view_model_lookup;
  iface->hide = view_model_hide;
  iface->unhide = view_model_unhide;
  iface->reload = view_model_reload;
}

static void
ib_judgements_model_class_init (IbJudgementsModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ib_judgements_model_dispose;
  object_class->finalize = ib_judgements_model_finalize;

}

static void
ib_judgements_model_init (IbJudgementsModel *self)
{
  self->timeline = g_list_store_new (IB_TYPE_RECORD);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Empty until loaded, so a model still loading answers as one with no engagements. */
  self->inspections = g_ptr_array_new_with_free_func (g_object_unref);
  self->interventions = g_ptr_array_new_with_free_func (g_object_unref);
  self->judgements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->findings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

/* Hidden records and the search are applied when the load is taken in: the load read apart
 * needs neither (no new_apart). */
static const IbLoadApartFuncs load_funcs = {
  G_STRUCT_OFFSET (IbJudgementsModel, reader), NULL, load, show, take_load, take_changes,
};

static IbJudgementsModel *
model_new (IbStore  *store,
           gboolean  apart)
{
  IbJudgementsModel *self = g_object_new (IB_TYPE_JUDGEMENTS_MODEL, NULL);

  self->store = g_object_ref (store);
  self->reader = ib_reader_new_for_store (store);
  self->loader = ib_load_apart_new (self, store, watched_types, &load_funcs);
  ib_load_apart_first_load (self->loader, apart);
  return self;
}

IbJudgementsModel *
ib_judgements_model_new (IbStore *store)
{
  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  return model_new (store, FALSE);
}

IbJudgementsModel *
ib_judgements_model_new_loading (IbStore *store)
{
  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  return model_new (store, TRUE);
}

gboolean
ib_judgements_model_is_loading (IbJudgementsModel *self)
{
  g_return_val_if_fail (IB_IS_JUDGEMENTS_MODEL (self), FALSE);
  return ib_load_apart_is_loading (self->loader);
}

GListModel *
ib_judgements_model_get_timeline (IbJudgementsModel *self)
{
  g_return_val_if_fail (IB_IS_JUDGEMENTS_MODEL (self), NULL);
  return G_LIST_MODEL (self->timeline);
}

IbRecord *
ib_judgements_model_lookup (IbJudgementsModel *self,
                            const char        *id)
{
  g_return_val_if_fail (IB_IS_JUDGEMENTS_MODEL (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

/* Returns @inspection_id's live, shown judgement for @area; of two (made offline on two
 * devices before the rule could see both), the one changed last. */
static IbRecord *
judgement_for (IbJudgementsModel *self,
               const char        *inspection_id,
               const char        *area)
{
  GPtrArray *judgements = g_hash_table_lookup (self->judgements, inspection_id);
  IbRecord *found = NULL;

  for (guint i = 0; judgements != NULL && i < judgements->len; i++)
    {
      IbRecord *judgement = judgements->pdata[i];

      if (is_hidden (self, judgement) || g_strcmp0 (ib_record_get_string (judgement, "area"), area) != 0)
        continue;
      if (found == NULL || g_strcmp0 (ib_record_get_updated_at (judgement), ib_record_get_updated_at (found)) > 0)
        found = judgement;
    }

  return found;
}

static void
grade_point_free (IbGradePoint *point)
{
  g_object_unref (point->inspection);
  g_object_unref (point->judgement);
  g_free (point);
}

GPtrArray *
ib_judgements_model_get_history (IbJudgementsModel *self,
                                 const char        *area)
{
  GPtrArray *history = g_ptr_array_new_with_free_func ((GDestroyNotify) grade_point_free);

  g_return_val_if_fail (IB_IS_JUDGEMENTS_MODEL (self), history);

  for (guint i = 0; i < self->inspections->len; i++)
    {
      IbRecord *inspection = self->inspections->pdata[i];
      GPtrArray *judgements = g_hash_table_lookup (self->judgements, ib_record_get_id (inspection));

      if (is_hidden (self, inspection) || judgements == NULL)
        continue;

      /* In the framework's own order, so a split area (children in care, care leavers)
       * reads the same way in every row. */
      for (guint j = 0; j < ib_enum_judgement_area.n_values; j++)
        {
          const char *other = ib_enum_judgement_area.values[j].code;
          IbRecord *judgement;
          IbGradePoint *point;

          if (!ib_judgement_areas_related (area, other))
            continue;
          judgement = judgement_for (self, ib_record_get_id (inspection), other);
          if (judgement == NULL)
            continue;
          point = g_new0 (IbGradePoint, 1);
          point->inspection = g_object_ref (inspection);
          point->judgement = g_object_ref (judgement);
          g_ptr_array_add (history, point);
        }
    }

  return history;
}

static void
grid_row_free (IbGridRow *row)
{
  g_clear_object (&row->judgement);
  g_ptr_array_unref (row->history);
  g_free (row);
}

static void
add_grid_row (IbJudgementsModel *self,
              GPtrArray         *grid,
              const char        *inspection_id,
              const char        *area)
{
  IbGridRow *row = g_new0 (IbGridRow, 1);
  IbRecord *judgement = judgement_for (self, inspection_id, area);

  row->area = area;
  row->judgement = judgement != NULL ? g_object_ref (judgement) : NULL;
  row->history = ib_judgements_model_get_history (self, area);
  g_ptr_array_add (grid, row);
}

GPtrArray *
ib_judgements_model_get_grid (IbJudgementsModel *self,
                              const char        *inspection_id)
{
  GPtrArray *grid = g_ptr_array_new_with_free_func ((GDestroyNotify) grid_row_free);
  IbRecord *inspection;
  GPtrArray *judgements;
  const char * const *areas;

  g_return_val_if_fail (IB_IS_JUDGEMENTS_MODEL (self), grid);

  inspection = ib_judgements_model_lookup (self, inspection_id);
  if (inspection == NULL || ib_record_get_record_type (inspection) != &ib_type_inspection)
    return grid;

  judgements = g_hash_table_lookup (self->judgements, inspection_id);
  areas = ib_framework_areas (ib_record_get_string (inspection, "framework"));
  if (ib_inspection_kind_is_graded (ib_record_get_string (inspection, "kind")))
    for (guint i = 0; areas != NULL && areas[i] != NULL; i++)
      add_grid_row (self, grid, inspection_id, areas[i]);

  /* Grades this framework does not have: from a peer with other rules, or before a change. */
  for (guint i = 0; judgements != NULL && i < ib_enum_judgement_area.n_values; i++)
    {
      const char *area = ib_enum_judgement_area.values[i].code;

      if (areas != NULL && g_strv_contains (areas, area) &&
          ib_inspection_kind_is_graded (ib_record_get_string (inspection, "kind")))
        continue;
      if (judgement_for (self, inspection_id, area) != NULL)
        add_grid_row (self, grid, inspection_id, area);
    }

  return grid;
}

static void
finding_links_free (IbFindingLinks *links)
{
  g_object_unref (links->finding);
  g_ptr_array_unref (links->actions);
  g_free (links);
}

GPtrArray *
ib_judgements_model_get_findings (IbJudgementsModel *self,
                                  const char        *inspection_id)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_links_free);
  GPtrArray *findings;
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();

  g_return_val_if_fail (IB_IS_JUDGEMENTS_MODEL (self), result);

  findings = inspection_id != NULL ? g_hash_table_lookup (self->findings, inspection_id) : NULL;
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (!is_hidden (self, findings->pdata[i]))
      g_ptr_array_add (sorted, findings->pdata[i]);
  g_ptr_array_sort (sorted, compare_findings);

  for (guint i = 0; i < sorted->len; i++)
    {
      IbFindingLinks *links = g_new0 (IbFindingLinks, 1);
      g_auto (GStrv) ids = ib_record_get_refs (sorted->pdata[i], "linked_actions");

      links->finding = g_object_ref (sorted->pdata[i]);
      links->actions = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        {
          IbRecord *action = ib_store_get (self->store, &ib_type_action, ids[j], NULL);

          if (action != NULL && !is_hidden (self, action))
            g_ptr_array_add (links->actions, action);
          else
            {
              g_clear_object (&action);
              links->n_missing++;
            }
        }
      g_ptr_array_add (result, links);
    }

  return result;
}

gboolean
ib_finding_links_unanswered (const IbFindingLinks *links)
{
  g_return_val_if_fail (links != NULL, FALSE);

  /* A strength asks for nothing. */
  return links->actions->len == 0 &&
         g_strcmp0 (ib_record_get_string (links->finding, "kind"), "strength") != 0;
}

static char *
local_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

IbRecord *
ib_judgements_model_intervention_at (IbJudgementsModel *self,
                                     const char        *date)
{
  g_autofree char *today = NULL;
  IbRecord *found = NULL;

  g_return_val_if_fail (IB_IS_JUDGEMENTS_MODEL (self), NULL);

  if (date == NULL)
    date = today = local_today ();

  for (guint i = 0; i < self->interventions->len; i++)
    {
      IbRecord *step = self->interventions->pdata[i];

      if (!is_hidden (self, step) && strcmp (date_of (step), date) <= 0)
        found = step;
    }

  return found;
}

IbRecord *
ib_judgements_model_latest_graded (IbJudgementsModel *self)
{
  g_return_val_if_fail (IB_IS_JUDGEMENTS_MODEL (self), NULL);

  for (guint i = self->inspections->len; i > 0; i--)
    {
      IbRecord *inspection = self->inspections->pdata[i - 1];
      GPtrArray *judgements = g_hash_table_lookup (self->judgements, ib_record_get_id (inspection));

      if (is_hidden (self, inspection) || judgements == NULL)
        continue;
      for (guint j = 0; j < judgements->len; j++)
        if (!is_hidden (self, judgements->pdata[j]))
          return inspection;
    }

  return NULL;
}

void
ib_judgements_model_hide (IbJudgementsModel *self,
                          const char        *id)
{
  g_return_if_fail (IB_IS_JUDGEMENTS_MODEL (self));
  g_return_if_fail (id != NULL);

  g_hash_table_add (self->hidden, g_strdup (id));
  fill_timeline (self);
  ib_view_model_emit_updated (IB_VIEW_MODEL (self));
}

void
ib_judgements_model_unhide (IbJudgementsModel *self,
                            const char        *id)
{
  g_return_if_fail (IB_IS_JUDGEMENTS_MODEL (self));

  if (id == NULL || !g_hash_table_remove (self->hidden, id))
    return;
  fill_timeline (self);
  ib_view_model_emit_updated (IB_VIEW_MODEL (self));
}

IbStore *
ib_judgements_model_get_store (IbJudgementsModel *self)
{
  g_return_val_if_fail (IB_IS_JUDGEMENTS_MODEL (self), NULL);
  return self->store;
}

void
ib_judgements_model_set_search (IbJudgementsModel *self,
                                const char        *text)
{
  g_return_if_fail (IB_IS_JUDGEMENTS_MODEL (self));

  if (!ib_view_model_take_search (&self->search, text) || self->inspections == NULL)
    return;
  fill_timeline (self);
  ib_view_model_emit_updated (IB_VIEW_MODEL (self));
}
