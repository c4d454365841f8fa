/* ib-meetings-model.c
 *
 * A council holds tens of meetings a year, each with a pack or two: small enough to read whole
 * on every change. The list is rebuilt from what was read whenever the search, the filter or
 * a hidden record changes; a store change reloads at the next idle, once per burst.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-meetings-model"

#include "config.h"

#include <string.h>

#include "ib-enums.h"
#include "ib-meetings-model.h"
#include "ib-store-watch.h"

struct _IbMeetingsModel
{
  GObject       parent_instance;

  IbStore      *store;
  IbStoreWatch *watch;
  GListStore   *items;        /* IbMeetingItem, as listed */
  GHashTable   *by_id;        /* meeting id → IbMeetingItem, every meeting read */
  GHashTable   *corrections;  /* report id → the live report naming it in supersedes */
  GHashTable   *hidden;       /* ids */
  GPtrArray    *meetings;     /* IbRecord, as read */
  GPtrArray    *reports;      /* IbRecord, as read */
  char         *today;
  char         *search;       /* casefolded */
  char         *kind;
};

static void ib_meetings_model_view_model_init (IbViewModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbMeetingsModel, ib_meetings_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_VIEW_MODEL, ib_meetings_model_view_model_init))

/* The packs say what the board received, so a snapshot arriving changes a pack's state. */
static const char * const watched_types[] = { "meeting", "report", "report_snapshot", NULL };

static char *
local_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static GPtrArray *
read_all (IbStore            *store,
          const IbRecordType *type)
{
  g_autoptr (GListModel) list = ib_store_list (store, type);
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (records, g_list_model_get_item (list, i));
  return records;
}

static gboolean
is_hidden (IbMeetingsModel *self,
           IbRecord        *record)
{
  return g_hash_table_contains (self->hidden, ib_record_get_id (record));
}

static const char *
held_on (IbRecord *meeting)
{
  const char *date = ib_record_get_string (meeting, "held_on");

  return date != NULL ? date : "";
}

static int
compare_soonest_first (gconstpointer a,
                       gconstpointer b)
{
  IbRecord *ma = *(IbRecord **) a, *mb = *(IbRecord **) b;
  int c = strcmp (held_on (ma), held_on (mb));

  if (c == 0)
    c = g_strcmp0 (ib_record_get_string (ma, "title"), ib_record_get_string (mb, "title"));
  return c != 0 ? c : strcmp (ib_record_get_id (ma), ib_record_get_id (mb));
}

static int
compare_latest_first (gconstpointer a,
                      gconstpointer b)
{
  IbRecord *ma = *(IbRecord **) a, *mb = *(IbRecord **) b;
  int c = strcmp (held_on (mb), held_on (ma));

  if (c == 0)
    c = g_strcmp0 (ib_record_get_string (ma, "title"), ib_record_get_string (mb, "title"));
  return c != 0 ? c : strcmp (ib_record_get_id (ma), ib_record_get_id (mb));
}

static int
compare_newest_version_first (gconstpointer a,
                              gconstpointer b)
{
  IbRecord *ra = *(IbRecord **) a, *rb = *(IbRecord **) b;
  gint64 va = ib_record_get_int (ra, "version", 1), vb = ib_record_get_int (rb, "version", 1);

  if (va != vb)
    return va > vb ? -1 : 1;
  return g_strcmp0 (ib_record_get_string (ra, "subject"), ib_record_get_string (rb, "subject"));
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
matches (IbMeetingsModel *self,
         IbMeetingItem   *item)
{
  IbRecord *meeting = ib_meeting_item_get_record (item);
  GPtrArray *packs = ib_meeting_item_get_packs (item);
  const char *kind = ib_record_get_string (meeting, "kind");

  if (self->kind != NULL && g_strcmp0 (kind, self->kind) != 0)
    return FALSE;
  if (self->search == NULL)
    return TRUE;

  if (contains (ib_record_get_string (meeting, "title"), self->search) ||
      (kind != NULL && contains (ib_enum_label (&ib_enum_meeting_kind, kind), self->search)) ||
      contains (ib_record_get_string (meeting, "held_on"), self->search))
    return TRUE;
  for (guint i = 0; i < packs->len; i++)
    if (contains (ib_record_get_string (packs->pdata[i], "subject"), self->search))
      return TRUE;
  return FALSE;
}

/* Builds the items of every meeting from what was read, leaving hidden records out. */
static void
index_meetings (IbMeetingsModel *self)
{
  g_autoptr (GHashTable) packs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);

  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->corrections);

  for (guint i = 0; i < self->reports->len; i++)
    {
      IbRecord *report = self->reports->pdata[i];
      const char *meeting = ib_record_get_string (report, "meeting");
      const char *supersedes = ib_record_get_string (report, "supersedes");
      GPtrArray *group;

      if (is_hidden (self, report) || meeting == NULL)
        continue;
      if (supersedes != NULL)
        g_hash_table_insert (self->corrections, (gpointer) supersedes, report);
      group = g_hash_table_lookup (packs, meeting);
      if (group == NULL)
        {
          group = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (packs, (gpointer) meeting, group);
        }
      g_ptr_array_add (group, g_object_ref (report));
    }

  for (guint i = 0; i < self->meetings->len; i++)
    {
      IbRecord *meeting = self->meetings->pdata[i];
      GPtrArray *group = g_hash_table_lookup (packs, ib_record_get_id (meeting));

      if (group != NULL)
        g_ptr_array_sort (group, compare_newest_version_first);
      g_hash_table_insert (self->by_id, (gpointer) ib_record_get_id (meeting),
                           ib_meeting_item_new (IB_MEETING_ITEM_MEETING, meeting, group, 0));
    }
}

static void
fill (IbMeetingsModel *self)
{
  g_autoptr (GPtrArray) upcoming = g_ptr_array_new ();
  g_autoptr (GPtrArray) past = g_ptr_array_new ();
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->meetings->len; i++)
    {
      IbRecord *meeting = self->meetings->pdata[i];
      IbMeetingItem *item = g_hash_table_lookup (self->by_id, ib_record_get_id (meeting));

      if (is_hidden (self, meeting) || !matches (self, item))
        continue;
      g_ptr_array_add (ib_meetings_model_is_upcoming (self, meeting) ? upcoming : past, meeting);
    }
  g_ptr_array_sort (upcoming, compare_soonest_first);
  g_ptr_array_sort (past, compare_latest_first);

  if (upcoming->len > 0)
    g_ptr_array_add (items, ib_meeting_item_new (IB_MEETING_ITEM_UPCOMING, NULL, NULL, upcoming->len));
  for (guint i = 0; i < upcoming->len; i++)
    g_ptr_array_add (items, g_object_ref (g_hash_table_lookup (self->by_id, ib_record_get_id (upcoming->pdata[i]))));
  if (past->len > 0)
    g_ptr_array_add (items, ib_meeting_item_new (IB_MEETING_ITEM_PAST, NULL, NULL, past->len));
  for (guint i = 0; i < past->len; i++)
    g_ptr_array_add (items, g_object_ref (g_hash_table_lookup (self->by_id, ib_record_get_id (past->pdata[i]))));

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
}

static void
refill (IbMeetingsModel *self)
{
  index_meetings (self);
  fill (self);
  ib_view_model_emit_updated (IB_VIEW_MODEL (self));
}

void
ib_meetings_model_reload (IbMeetingsModel *self)
{
  g_return_if_fail (IB_IS_MEETINGS_MODEL (self));

  ib_store_watch_clear_due (self->watch);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  self->meetings = read_all (self->store, &ib_type_meeting);
  self->reports = read_all (self->store, &ib_type_report);
  refill (self);
}

static gboolean
reload_cb (gpointer data)
{
  ib_meetings_model_reload (data);
  return G_SOURCE_REMOVE;
}

static void
ib_meetings_model_dispose (GObject *object)
{
  IbMeetingsModel *self = (IbMeetingsModel *) object;

  g_clear_pointer (&self->watch, ib_store_watch_free);
  g_clear_object (&self->store);
  if (self->items != NULL)
    g_list_store_remove_all (self->items);
  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->corrections);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  g_clear_pointer (&self->reports, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_meetings_model_parent_class)->dispose (object);
}

static void
ib_meetings_model_finalize (GObject *object)
{
  IbMeetingsModel *self = (IbMeetingsModel *) object;

  g_clear_object (&self->items);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->corrections, g_hash_table_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->today, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->kind, g_free);

  G_OBJECT_CLASS (ib_meetings_model_parent_class)->finalize (object);
}

/* IbViewModel */

static IbStore *
view_model_get_store (IbViewModel *model)
{
  return IB_MEETINGS_MODEL (model)->store;
}

static GListModel *
view_model_get_items (IbViewModel *model)
{
  return G_LIST_MODEL (IB_MEETINGS_MODEL (model)->items);
}

static const char *
view_model_get_item_id (IbViewModel *model,
                        gpointer     item)
{
  IbRecord *meeting = ib_meeting_item_get_record (item);

  return meeting != NULL ? ib_record_get_id (meeting) : NULL;
}

static gpointer
view_model_lookup (IbViewModel *model,
                   const char  *id)
{
  return ib_meetings_model_lookup (IB_MEETINGS_MODEL (model), id);
}

static gboolean
view_model_is_filtered (IbViewModel *model)
{
  IbMeetingsModel *self = IB_MEETINGS_MODEL (model);

  return self->search != NULL || self->kind != NULL;
}

static void
view_model_set_search (IbViewModel *model,
                       const char  *text)
{
  ib_meetings_model_set_search (IB_MEETINGS_MODEL (model), text);
}

static void
view_model_hide (IbViewModel *model,
                 const char  *id)
{
  ib_meetings_model_hide (IB_MEETINGS_MODEL (model), id);
}

static void
view_model_unhide (IbViewModel *model,
                   const char  *id)
{
  ib_meetings_model_unhide (IB_MEETINGS_MODEL (model), id);
}

static void
view_model_reload (IbViewModel *model)
{
  ib_meetings_model_reload (IB_MEETINGS_MODEL (model));
}

static void
ib_meetings_model_view_model_init (IbViewModelInterface *iface)
{
  iface->get_store = view_model_get_store;
  iface->get_items = view_model_get_items;
  iface->get_item_id = view_model_get_item_id;
  iface->lookup = view_model_lookup;
  iface->is_filtered = view_model_is_filtered;
  iface->set_search = view_model_set_search;
  iface->hide = view_model_hide;
  iface->unhide = view_model_unhide;
  iface->reload = view_model_reload;
}

static void
ib_meetings_model_class_init (IbMeetingsModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ib_meetings_model_dispose;
  object_class->finalize = ib_meetings_model_finalize;
}

static void
ib_meetings_model_init (IbMeetingsModel *self)
{
  self->items = g_list_store_new (IB_TYPE_MEETING_ITEM);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->corrections = g_hash_table_new (g_str_hash, g_str_equal);
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->today = local_today ();
}

IbMeetingsModel *
ib_meetings_model_new (IbStore *store)
{
  IbMeetingsModel *self;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  self = g_object_new (IB_TYPE_MEETINGS_MODEL, NULL);
  self->store = g_object_ref (store);
  self->watch = ib_store_watch_new (store, watched_types, reload_cb, self);
  ib_meetings_model_reload (self);
  return self;
}

IbStore *
ib_meetings_model_get_store (IbMeetingsModel *self)
{
  g_return_val_if_fail (IB_IS_MEETINGS_MODEL (self), NULL);
  return self->store;
}

GListModel *
ib_meetings_model_get_items (IbMeetingsModel *self)
{
  g_return_val_if_fail (IB_IS_MEETINGS_MODEL (self), NULL);
  return G_LIST_MODEL (self->items);
}

IbMeetingItem *
ib_meetings_model_lookup (IbMeetingsModel *self,
                          const char      *id)
{
  g_return_val_if_fail (IB_IS_MEETINGS_MODEL (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

IbRecord *
ib_meetings_model_get_correction (IbMeetingsModel *self,
                                  IbRecord        *report)
{
  g_return_val_if_fail (IB_IS_MEETINGS_MODEL (self), NULL);
  g_return_val_if_fail (IB_IS_RECORD (report), NULL);
  return g_hash_table_lookup (self->corrections, ib_record_get_id (report));
}

IbPackState
ib_meetings_model_get_pack_state (IbMeetingsModel *self,
                                  IbRecord        *report)
{
  IbRecord *correction;

  g_return_val_if_fail (IB_IS_MEETINGS_MODEL (self), IB_PACK_STATE_DRAFT);
  g_return_val_if_fail (IB_IS_RECORD (report), IB_PACK_STATE_DRAFT);

  if (!ib_record_has (report, "issued_on"))
    return IB_PACK_STATE_DRAFT;
  /* A correction still in draft has not reached the board: the issued version stands. */
  correction = ib_meetings_model_get_correction (self, report);
  if (correction != NULL && ib_record_has (correction, "issued_on"))
    return IB_PACK_STATE_SUPERSEDED;
  return IB_PACK_STATE_ISSUED;
}

IbRecord *
ib_meetings_model_find_issued (IbMeetingsModel *self,
                               const char      *id)
{
  IbMeetingItem *item;
  GPtrArray *packs;

  g_return_val_if_fail (IB_IS_MEETINGS_MODEL (self), NULL);

  item = ib_meetings_model_lookup (self, id);
  packs = item != NULL ? ib_meeting_item_get_packs (item) : NULL;
  for (guint i = 0; packs != NULL && i < packs->len; i++)
    if (ib_record_has (packs->pdata[i], "issued_on"))
      return packs->pdata[i];
  return NULL;
}

gboolean
ib_meetings_model_is_upcoming (IbMeetingsModel *self,
                               IbRecord        *meeting)
{
  g_return_val_if_fail (IB_IS_MEETINGS_MODEL (self), FALSE);
  g_return_val_if_fail (IB_IS_RECORD (meeting), FALSE);
  return strcmp (held_on (meeting), self->today) >= 0;
}

void
ib_meetings_model_set_today (IbMeetingsModel *self,
                             const char      *date)
{
  g_return_if_fail (IB_IS_MEETINGS_MODEL (self));

  g_free (self->today);
  self->today = date != NULL ? g_strdup (date) : local_today ();
  refill (self);
}

void
ib_meetings_model_set_search (IbMeetingsModel *self,
                              const char      *text)
{
  g_return_if_fail (IB_IS_MEETINGS_MODEL (self));

  if (ib_view_model_take_search (&self->search, text))
    refill (self);
}

void
ib_meetings_model_set_kind (IbMeetingsModel *self,
                            const char      *kind)
{
  g_return_if_fail (IB_IS_MEETINGS_MODEL (self));

  if (g_strcmp0 (kind, self->kind) == 0)
    return;
  g_free (self->kind);
  self->kind = g_strdup (kind);
  refill (self);
}

void
ib_meetings_model_clear_filters (IbMeetingsModel *self)
{
  g_return_if_fail (IB_IS_MEETINGS_MODEL (self));

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->kind, g_free);
  refill (self);
}

void
ib_meetings_model_hide (IbMeetingsModel *self,
                        const char      *id)
{
  g_return_if_fail (IB_IS_MEETINGS_MODEL (self));
  g_return_if_fail (id != NULL);

  g_hash_table_add (self->hidden, g_strdup (id));
  refill (self);
}

void
ib_meetings_model_unhide (IbMeetingsModel *self,
                          const char      *id)
{
  g_return_if_fail (IB_IS_MEETINGS_MODEL (self));

  if (id != NULL && g_hash_table_remove (self->hidden, id))
    refill (self);
}
