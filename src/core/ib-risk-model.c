/* ib-risk-model.c
 *
 * A register holds tens of risks, a thousand at most with twenty thousand reviews over ten
 * years: the risks and their reviews are read once, then filtered, sorted and counted into
 * the heat maps in memory. A store change is taken at the next idle, once per burst, by
 * reading again only the risks it touched and splicing in the rows that changed. The first
 * load of a view's model is read on a worker with a connection of its own (ib_reader.h), so
 * the thousand risks and their reviews cost the main thread only the splice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-risk-model"

#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include "ib-load-apart.h"
#include "ib-reader.h"
#include "ib-risk-model.h"
#include "ib-risk-model-private.h"
#include "ib-schedule.h"
#include "ib-store-private.h"
#include "ib-store-watch.h"

struct _IbRiskModel
{
  GObject           parent_instance;

  IbStore          *store;
  IbReader         *reader;    /* the store's connection; a worker's own in a load read apart */
  IbLoadApart      *loader;
  GListStore       *items;

  /* loaded */
  GPtrArray        *risks;     /* IbRecord */
  GHashTable       *reviewed;  /* risk id → 1 (one review) or 2 + the score before the latest */

  /* view */
  char             *today;
  IbRiskSort        sort;
  char             *search;    /* casefolded */
  IbRiskBand        band;
  char             *owner;
  char             *person;    /* "My risks": whoever the owner field names */
  char             *category;
  gboolean          overdue_only;
  gboolean          show_closed;
  IbRiskMatrixKind  cell_kind;
  int               cell_l;
  int               cell_i;
  GHashTable       *hidden;
};

static void ib_risk_model_view_model_init (IbViewModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbRiskModel, ib_risk_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_VIEW_MODEL, ib_risk_model_view_model_init))


static const char * const watched_types[] = { "risk", "risk_review", NULL };

static int
score_of (IbRecord         *risk,
          IbRiskMatrixKind  kind,
          int              *l,
          int              *i)
{
  const char *lf = kind == IB_RISK_MATRIX_INHERENT ? "inherent_l" : "residual_l";
  const char *if_ = kind == IB_RISK_MATRIX_INHERENT ? "inherent_i" : "residual_i";
  int likelihood = (int) ib_record_get_int (risk, lf, 0);
  int impact = (int) ib_record_get_int (risk, if_, 0);

  if (l != NULL)
    *l = likelihood;
  if (i != NULL)
    *i = impact;
  return ib_risk_score (likelihood, impact);
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
is_overdue (IbRiskModel *self,
            IbRecord    *risk)
{
  const char *next = ib_record_get_string (risk, "next_review");

  return g_strcmp0 (ib_record_get_string (risk, "status"), "closed") != 0 &&
         next != NULL && strcmp (next, self->today) < 0;
}

/* Every filter but the heat-map cell: what the heat maps count. */
static gboolean
passes_filters (IbRiskModel *self,
                IbRecord    *risk)
{
  if (g_hash_table_contains (self->hidden, ib_record_get_id (risk)))
    return FALSE;
  if (!self->show_closed && g_strcmp0 (ib_record_get_string (risk, "status"), "closed") == 0)
    return FALSE;
  if (self->band != IB_RISK_BAND_NONE && ib_risk_band (score_of (risk, IB_RISK_MATRIX_RESIDUAL, NULL, NULL)) != self->band)
    return FALSE;
  if (self->owner != NULL && g_strcmp0 (ib_record_get_string (risk, "owner"), self->owner) != 0)
    return FALSE;
  if (self->person != NULL && !ib_schedule_names_person (ib_record_get_string (risk, "owner"), self->person))
    return FALSE;
  if (self->category != NULL && g_strcmp0 (ib_record_get_string (risk, "category"), self->category) != 0)
    return FALSE;
  if (self->overdue_only && !is_overdue (self, risk))
    return FALSE;
  if (self->search != NULL)
    {
      static const char * const fields[] = { "ref", "title", "owner", "cause", "event", "consequence" };
      gboolean found = FALSE;

      for (guint f = 0; f < G_N_ELEMENTS (fields) && !found; f++)
        found = contains (ib_record_get_string (risk, fields[f]), self->search);
      if (!found)
        return FALSE;
    }

  return TRUE;
}

static gboolean
in_cell (IbRiskModel *self,
         IbRecord    *risk)
{
  int l, i;

  if (self->cell_l == 0)
    return TRUE;
  score_of (risk, self->cell_kind, &l, &i);
  return l == self->cell_l && i == self->cell_i;
}

static int
compare_text (const char *a,
              const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return g_utf8_collate (a, b);
}

static int
compare_risks (gconstpointer pa,
               gconstpointer pb,
               gpointer      data)
{
  IbRiskModel *self = data;
  IbRecord *a = *(IbRecord **) pa, *b = *(IbRecord **) pb;
  int c = 0;

  switch (self->sort)
    {
    case IB_RISK_SORT_RESIDUAL:
      c = score_of (b, IB_RISK_MATRIX_RESIDUAL, NULL, NULL) - score_of (a, IB_RISK_MATRIX_RESIDUAL, NULL, NULL);
      break;
    case IB_RISK_SORT_REVIEW:
      {
        const char *ra = ib_record_get_string (a, "next_review"), *rb = ib_record_get_string (b, "next_review");

        /* Undated last. */
        c = ra == NULL || rb == NULL ? (ra == NULL) - (rb == NULL) : strcmp (ra, rb);
      }
      break;
    case IB_RISK_SORT_OWNER:
      c = compare_text (ib_record_get_string (a, "owner"), ib_record_get_string (b, "owner"));
      break;
    case IB_RISK_SORT_REF:
    default:
      break;
    }

  if (c == 0)
    c = strverscmp (ib_record_get_string (a, "ref"), ib_record_get_string (b, "ref"));
  /* Whatever order the risks were read in, the list comes out the same. */
  if (c == 0)
    c = strcmp (ib_record_get_id (a), ib_record_get_id (b));
  return c;
}

/* Filters and sorts the risks into the list; rows in @changed (a set, or NULL) are spliced
 * even when the same record stays, because what is drawn from them moved (a new review). */
static void
apply_changed (IbRiskModel *self,
               GHashTable  *changed)
{
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();

  for (guint n = 0; n < self->risks->len; n++)
    {
      IbRecord *risk = self->risks->pdata[n];

      if (passes_filters (self, risk) && in_cell (self, risk))
        g_ptr_array_add (shown, risk);
    }
  g_ptr_array_sort_with_data (shown, compare_risks, self);

  ib_view_model_splice_rows (self->items, shown->pdata, shown->len, changed);
  ib_view_model_emit_updated (IB_VIEW_MODEL (self));
}

static void
apply (gpointer model)
{
  apply_changed (model, NULL);
}

typedef struct
{
  char *reviewed_on;
  char *updated_at;
  int   score;
} Review;

static int
compare_newest_first (gconstpointer pa,
                      gconstpointer pb)
{
  const Review *a = pa, *b = pb;
  int c = g_strcmp0 (b->reviewed_on, a->reviewed_on);

  return c != 0 ? c : g_strcmp0 (b->updated_at, a->updated_at);
}

static void
review_clear (gpointer data)
{
  Review *review = data;

  g_free (review->reviewed_on);
  g_free (review->updated_at);
}

/* The trend needs, of each risk's reviews, only whether there is one and the residual score
 * of the one before the latest: that is all that is held, as "reviewed" (a risk id → 1 for
 * one review, 2 + the score before for more). The detail pane reads one risk's full history,
 * through the risk_review index. The index is walked from its newest date and left as soon
 * as two reviews and every tie of the second are read: records built for each review, and
 * ordering by the time of writing in SQL, read and parsed every risk's whole history. */
static void
read_reviewed (IbRiskModel *self,
               const char  *risk_id)
{
  g_autoptr (GArray) found = g_array_new (FALSE, TRUE, sizeof (Review));
  sqlite3_stmt *stmt = ib_reader_prepare (self->reader,
    "SELECT reviewed_on, updated_at, residual_l, residual_i FROM risk_review"
    " WHERE risk = ?1 AND deleted = 0 ORDER BY reviewed_on DESC");

  g_hash_table_remove (self->reviewed, risk_id);
  if (stmt == NULL)
    return;

  g_array_set_clear_func (found, review_clear);
  sqlite3_bind_text (stmt, 1, risk_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *on = (const char *) sqlite3_column_text (stmt, 0);
      Review review;

      if (found->len >= 2 && g_strcmp0 (on, g_array_index (found, Review, 1).reviewed_on) < 0)
        break;
      review.reviewed_on = g_strdup (on);
      review.updated_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      review.score = ib_risk_score (sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3));
      g_array_append_val (found, review);
    }
  sqlite3_reset (stmt);

  g_array_sort (found, compare_newest_first);
  if (found->len == 1)
    g_hash_table_insert (self->reviewed, g_strdup (risk_id), GINT_TO_POINTER (1));
  else if (found->len >= 2)
    g_hash_table_insert (self->reviewed, g_strdup (risk_id),
                         GINT_TO_POINTER (2 + g_array_index (found, Review, 1).score));
}

/* Reads every risk and its reviews' trend through self->reader: on the main thread, or on a
 * worker into a model of its own whose risks are then taken over in one step (take_load ()). */
static void
load (gpointer model)
{
  IbRiskModel *self = model;
  g_autoptr (GPtrArray) risks = NULL;

  g_ptr_array_set_size (self->risks, 0);
  g_hash_table_remove_all (self->reviewed);

  ib_reader_begin (self->reader);
  risks = ib_reader_list_where (self->reader, &ib_type_risk, NULL, NULL);
  for (guint n = 0; n < risks->len; n++)
    {
      IbRecord *risk = risks->pdata[n];

      g_ptr_array_add (self->risks, g_object_ref (risk));
      read_reviewed (self, ib_record_get_id (risk));
    }
  ib_reader_end (self->reader);
}

/* Takes @changes (ib_store_watch_take_changes ()) in by reading again only the risks they
 * touch (a review's risk too), and splices the rows that moved; always can. */
static gboolean
patch (gpointer    model,
       GHashTable *changes)
{
  IbRiskModel *self = model;
  g_autoptr (GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) changed = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  const char *id;

  ib_store_watch_changes_add_ids (changes, "risk", touched);
  ib_store_watch_changes_add_field (self->store, changes, &ib_type_risk_review, "risk", touched);

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    {
      IbRecord *risk = ib_store_get (self->store, &ib_type_risk, id, NULL);
      guint at = G_MAXUINT;

      for (guint n = 0; n < self->risks->len && at == G_MAXUINT; n++)
        if (g_str_equal (ib_record_get_id (self->risks->pdata[n]), id))
          at = n;

      if (at != G_MAXUINT)
        g_ptr_array_remove_index_fast (self->risks, at);
      g_hash_table_remove (self->reviewed, id);
      if (risk == NULL)
        continue;

      g_ptr_array_add (self->risks, risk);
      read_reviewed (self, id);
      g_hash_table_add (changed, risk);
    }

  apply_changed (self, changed);
  return TRUE;
}

static int
compare_reviews (gconstpointer pa,
                 gconstpointer pb)
{
  IbRecord *a = *(IbRecord **) pa, *b = *(IbRecord **) pb;
  int c = g_strcmp0 (ib_record_get_string (a, "reviewed_on"), ib_record_get_string (b, "reviewed_on"));

  return c != 0 ? c : g_strcmp0 (ib_record_get_updated_at (a), ib_record_get_updated_at (b));
}

static gboolean
take_load (gpointer model,
           gpointer data)
{
  IbRiskModel *self = model, *apart = data;

  g_ptr_array_unref (self->risks);
  self->risks = g_steal_pointer (&apart->risks);
  apart->risks = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_unref (self->reviewed);
  self->reviewed = g_steal_pointer (&apart->reviewed);
  apart->reviewed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return TRUE;
}

void
ib_risk_model_reload (IbRiskModel *self)
{
  g_return_if_fail (IB_IS_RISK_MODEL (self));
  ib_load_apart_reload (self->loader);
}

static char *
local_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
ib_risk_model_dispose (GObject *object)
{
  IbRiskModel *self = (IbRiskModel *) object;

  g_clear_pointer (&self->loader, ib_load_apart_free);
  g_clear_pointer (&self->reader, ib_reader_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ib_risk_model_parent_class)->dispose (object);
}

static void
ib_risk_model_finalize (GObject *object)
{
  IbRiskModel *self = (IbRiskModel *) object;

  g_clear_object (&self->items);
  g_clear_pointer (&self->risks, g_ptr_array_unref);
  g_clear_pointer (&self->reviewed, g_hash_table_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_free (self->today);
  g_free (self->search);
  g_free (self->owner);
  g_free (self->person);
  g_free (self->category);

  G_OBJECT_CLASS (ib_risk_model_parent_class)->finalize (object);
}

/* IbViewModel */

static IbStore *
view_model_get_store (IbViewModel *model)
{
  return ib_risk_model_get_store (IB_RISK_MODEL (model));
}

static GListModel *
view_model_get_items (IbViewModel *model)
{
  return ib_risk_model_get_items (IB_RISK_MODEL (model));
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
  return ib_risk_model_lookup (IB_RISK_MODEL (model), id);
}

static gboolean
view_model_is_filtered (IbViewModel *model)
{
  return ib_risk_model_is_filtered (IB_RISK_MODEL (model));
}

static gboolean
view_model_is_loading (IbViewModel *model)
{
  return ib_risk_model_is_loading (IB_RISK_MODEL (model));
}

static void
view_model_set_search (IbViewModel *model,
                       const char  *text)
{
  ib_risk_model_set_search (IB_RISK_MODEL (model), text);
}

static void
view_model_hide (IbViewModel *model,
                 const char  *id)
{
  ib_risk_model_hide (IB_RISK_MODEL (model), id);
}

static void
view_model_unhide (IbViewModel *model,
                   const char  *id)
{
  ib_risk_model_unhide (IB_RISK_MODEL (model), id);
}

/* A view asks for this after saving a record, to choose it at once: what the save changed is
 * taken in now, its rows only, rather than at idle; the whole model is not read again. */
static void
view_model_reload (IbViewModel *model)
{
  ib_load_apart_flush (IB_RISK_MODEL (model)->loader);
}

static void
ib_risk_model_view_model_init (IbViewModelInterface *iface)
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
ib_risk_model_class_init (IbRiskModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ib_risk_model_dispose;
  object_class->finalize = ib_risk_model_finalize;

}

static void
ib_risk_model_init (IbRiskModel *self)
{
  self->items = g_list_store_new (IB_TYPE_RECORD);
  self->risks = g_ptr_array_new_with_free_func (g_object_unref);
  self->reviewed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->today = local_today ();
  self->sort = IB_RISK_SORT_REF;
}

/* Hidden risks, filters and the sort are the view's, applied when the load is taken in: the
 * load read apart needs none of them (no new_apart). */
static const IbLoadApartFuncs load_funcs = {
  G_STRUCT_OFFSET (IbRiskModel, reader), NULL, load, apply, take_load, patch,
};

static IbRiskModel *
model_new (IbStore  *store,
           gboolean  apart)
{
  IbRiskModel *self = g_object_new (IB_TYPE_RISK_MODEL, NULL);

  self->store = g_object_ref (store);
  self->reader = ib_reader_new_for_store (store);
  self->loader = ib_load_apart_new (self, store, watched_types, &load_funcs);
  ib_load_apart_first_load (self->loader, apart);
  return self;
}

IbRiskModel *
ib_risk_model_new (IbStore *store)
{
  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  return model_new (store, FALSE);
}

IbRiskModel *
ib_risk_model_new_loading (IbStore *store)
{
  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  return model_new (store, TRUE);
}

gboolean
ib_risk_model_is_loading (IbRiskModel *self)
{
  g_return_val_if_fail (IB_IS_RISK_MODEL (self), FALSE);
  return ib_load_apart_is_loading (self->loader);
}

IbStore *
ib_risk_model_get_store (IbRiskModel *self)
{
  g_return_val_if_fail (IB_IS_RISK_MODEL (self), NULL);
  return self->store;
}

GListModel *
ib_risk_model_get_items (IbRiskModel *self)
{
  g_return_val_if_fail (IB_IS_RISK_MODEL (self), NULL);
  return G_LIST_MODEL (self->items);
}

void
ib_risk_model_set_today (IbRiskModel *self,
                         const char  *today)
{
  g_return_if_fail (IB_IS_RISK_MODEL (self));

  g_free (self->today);
  self->today = today != NULL ? g_strdup (today) : local_today ();
  apply (self);
}

void
ib_risk_model_set_sort (IbRiskModel *self,
                        IbRiskSort   sort)
{
  g_return_if_fail (IB_IS_RISK_MODEL (self));
  self->sort = sort;
  apply (self);
}

static void
replace (char       **slot,
         const char  *value)
{
  g_free (*slot);
  *slot = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

void
ib_risk_model_set_search (IbRiskModel *self,
                          const char  *text)
{
  g_return_if_fail (IB_IS_RISK_MODEL (self));

  g_clear_pointer (&self->search, g_free);
  if (text != NULL && *text != '\0')
    self->search = g_utf8_casefold (text, -1);
  apply (self);
}

void
ib_risk_model_set_band (IbRiskModel *self,
                        IbRiskBand   band)
{
  g_return_if_fail (IB_IS_RISK_MODEL (self));
  self->band = band;
  apply (self);
}

void
ib_risk_model_set_owner (IbRiskModel *self,
                         const char  *owner)
{
  g_return_if_fail (IB_IS_RISK_MODEL (self));
  replace (&self->owner, owner);
  apply (self);
}

void
ib_risk_model_set_person (IbRiskModel *self,
                          const char  *person)
{
  g_autofree char *trimmed = person != NULL ? g_strstrip (g_strdup (person)) : NULL;

  g_return_if_fail (IB_IS_RISK_MODEL (self));
  replace (&self->person, trimmed);
  apply (self);
}

const char *
ib_risk_model_get_person (IbRiskModel *self)
{
  g_return_val_if_fail (IB_IS_RISK_MODEL (self), NULL);
  return self->person;
}

void
ib_risk_model_set_category (IbRiskModel *self,
                            const char  *category)
{
  g_return_if_fail (IB_IS_RISK_MODEL (self));
  replace (&self->category, category);
  apply (self);
}

void
ib_risk_model_set_overdue_only (IbRiskModel *self,
                                gboolean     overdue)
{
  g_return_if_fail (IB_IS_RISK_MODEL (self));
  self->overdue_only = overdue;
  apply (self);
}

void
ib_risk_model_set_show_closed (IbRiskModel *self,
                               gboolean     show)
{
  g_return_if_fail (IB_IS_RISK_MODEL (self));
  self->show_closed = show;
  apply (self);
}

void
ib_risk_model_set_cell (IbRiskModel      *self,
                        IbRiskMatrixKind  kind,
                        int               l,
                        int               i)
{
  g_return_if_fail (IB_IS_RISK_MODEL (self));

  if (l < 1 || l > 5 || i < 1 || i > 5)
    l = i = 0;
  self->cell_kind = kind;
  self->cell_l = l;
  self->cell_i = i;
  apply (self);
}

gboolean
ib_risk_model_get_cell (IbRiskModel      *self,
                        IbRiskMatrixKind *kind,
                        int              *l,
                        int              *i)
{
  g_return_val_if_fail (IB_IS_RISK_MODEL (self), FALSE);

  if (kind != NULL)
    *kind = self->cell_kind;
  if (l != NULL)
    *l = self->cell_l;
  if (i != NULL)
    *i = self->cell_i;
  return self->cell_l != 0;
}

gboolean
ib_risk_model_is_filtered (IbRiskModel *self)
{
  g_return_val_if_fail (IB_IS_RISK_MODEL (self), FALSE);

  return self->search != NULL || self->band != IB_RISK_BAND_NONE || self->owner != NULL ||
         self->person != NULL || self->category != NULL || self->overdue_only || self->cell_l != 0;
}

void
ib_risk_model_clear_filters (IbRiskModel *self)
{
  g_return_if_fail (IB_IS_RISK_MODEL (self));

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->person, g_free);
  g_clear_pointer (&self->category, g_free);
  self->band = IB_RISK_BAND_NONE;
  self->overdue_only = FALSE;
  self->cell_l = self->cell_i = 0;
  apply (self);
}

guint
ib_risk_model_count_cell (IbRiskModel       *self,
                          IbRiskMatrixKind   kind,
                          int                l,
                          int                i,
                          char             **refs)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  guint n = 0;

  g_return_val_if_fail (IB_IS_RISK_MODEL (self), 0);


  for (guint r = 0; r < self->risks->len; r++)
    {
      IbRecord *risk = self->risks->pdata[r];
      int rl, ri;

      if (!passes_filters (self, risk))
        continue;
      score_of (risk, kind, &rl, &ri);
      if (rl != l || ri != i)
        continue;
      n++;
      g_ptr_array_add (found, risk);
    }

  if (refs != NULL)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      IbRiskSort sort = self->sort;

      /* In ref order, whatever the list is sorted by. */
      self->sort = IB_RISK_SORT_REF;
      g_ptr_array_sort_with_data (found, compare_risks, self);
      self->sort = sort;

      for (guint r = 0; r < found->len; r++)
        g_string_append_printf (text, "%s%s", r > 0 ? ", " : "", ib_record_get_string (found->pdata[r], "ref"));
      *refs = g_string_free (g_steal_pointer (&text), FALSE);
    }

  return n;
}

GPtrArray *
ib_risk_model_list_reviews (IbRiskModel *self,
                            const char  *risk_id)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GListModel) reviews = NULL;

  g_return_val_if_fail (IB_IS_RISK_MODEL (self), result);

  if (risk_id == NULL)
    return result;
  reviews = ib_store_list_where (self->store, &ib_type_risk_review, "risk", risk_id);
  for (guint n = 0; n < g_list_model_get_n_items (reviews); n++)
    g_ptr_array_add (result, g_list_model_get_item (reviews, n));
  g_ptr_array_sort (result, compare_reviews);
  return result;
}

IbRiskTrend
ib_risk_model_get_trend (IbRiskModel *self,
                         IbRecord    *risk)
{
  int reviewed, previous;

  g_return_val_if_fail (IB_IS_RISK_MODEL (self), IB_RISK_TREND_NONE);

  /* Since the last review: the current residual against the review before the latest one,
   * or against the inherent score when there has been only one review. */
  reviewed = GPOINTER_TO_INT (g_hash_table_lookup (self->reviewed, ib_record_get_id (risk)));
  if (reviewed == 0)
    return IB_RISK_TREND_NONE;

  previous = reviewed >= 2 ? reviewed - 2 : score_of (risk, IB_RISK_MATRIX_INHERENT, NULL, NULL);

  return ib_risk_trend (previous, score_of (risk, IB_RISK_MATRIX_RESIDUAL, NULL, NULL));
}

gboolean
ib_risk_model_is_overdue (IbRiskModel *self,
                          IbRecord    *risk)
{
  g_return_val_if_fail (IB_IS_RISK_MODEL (self), FALSE);
  return is_overdue (self, risk);
}

GStrv
ib_risk_model_list_owners (IbRiskModel *self)
{
  g_autoptr (GPtrArray) owners = g_ptr_array_new ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (IB_IS_RISK_MODEL (self), NULL);

  for (guint n = 0; n < self->risks->len; n++)
    {
      const char *owner = ib_record_get_string (self->risks->pdata[n], "owner");
      gboolean seen = FALSE;

      for (guint o = 0; owner != NULL && o < owners->len && !seen; o++)
        seen = g_str_equal (owners->pdata[o], owner);
      if (owner != NULL && !seen)
        g_ptr_array_add (owners, (gpointer) owner);
    }
  g_ptr_array_sort (owners, (GCompareFunc) g_strcmp0);
  for (guint o = 0; o < owners->len; o++)
    g_strv_builder_add (builder, owners->pdata[o]);
  return g_strv_builder_end (builder);
}

IbRecord *
ib_risk_model_lookup (IbRiskModel *self,
                      const char  *id)
{
  g_return_val_if_fail (IB_IS_RISK_MODEL (self), NULL);

  for (guint n = 0; id != NULL && n < self->risks->len; n++)
    if (g_str_equal (ib_record_get_id (self->risks->pdata[n]), id))
      return self->risks->pdata[n];
  return NULL;
}

gboolean
ib_risk_model_add_review (IbRiskModel  *self,
                          IbRecord     *review,
                          const char   *next_review,
                          GError      **error)
{
  g_autoptr (IbRecord) risk = NULL;
  g_autoptr (GPtrArray) reviews = NULL;
  gboolean newest = TRUE;
  const char *date;

  g_return_val_if_fail (IB_IS_RISK_MODEL (self), FALSE);
  g_return_val_if_fail (IB_IS_RECORD (review), FALSE);

  risk = ib_store_get (self->store, &ib_type_risk, ib_record_get_string (review, "risk"), error);
  if (risk == NULL)
    return FALSE;

  /* A review of an earlier date fills in the history; only the newest sets the score. */
  date = ib_record_get_string (review, "reviewed_on");
  reviews = ib_risk_model_list_reviews (self, ib_record_get_id (risk));
  for (guint n = 0; n < reviews->len; n++)
    if (g_strcmp0 (ib_record_get_string (reviews->pdata[n], "reviewed_on"), date) > 0)
      newest = FALSE;

  if (!ib_store_begin (self->store, error))
    return FALSE;

  if (!ib_store_create (self->store, review, error))
    {
      ib_store_rollback (self->store);
      return FALSE;
    }

  if (newest)
    {
      ib_record_set_int (risk, "residual_l", ib_record_get_int (review, "residual_l", 0));
      ib_record_set_int (risk, "residual_i", ib_record_get_int (review, "residual_i", 0));
      /* The review moves the risk on: "Review overdue" goes. */
      if (next_review != NULL)
        ib_record_set_string (risk, "next_review", next_review);
      if (!ib_store_update (self->store, risk, error))
        {
          ib_store_rollback (self->store);
          return FALSE;
        }
    }

  return ib_store_commit (self->store, error);
}

void
ib_risk_model_hide (IbRiskModel *self,
                    const char  *id)
{
  g_return_if_fail (IB_IS_RISK_MODEL (self));
  g_return_if_fail (id != NULL);

  g_hash_table_add (self->hidden, g_strdup (id));
  apply (self);
}

void
ib_risk_model_unhide (IbRiskModel *self,
                      const char  *id)
{
  g_return_if_fail (IB_IS_RISK_MODEL (self));

  if (id != NULL && g_hash_table_remove (self->hidden, id))
    apply (self);
}
