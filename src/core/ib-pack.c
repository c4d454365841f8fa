/* ib-pack.c
 *
 * The snapshot. An issued pack's document is cut in two: Part 1, the document with each
 * exempt object replaced by a placeholder, and Part 2, the exempt objects. Each is written
 * as JSON text cut into pieces of at most IB_PACK_PIECE_BYTES, one report_snapshot record
 * per piece: Part 1's pieces in the report's own class, Part 2's as Exempt records with the
 * paragraph of the items they hold, one run of pieces per paragraph. The server filters
 * Exempt records per record, so a device without clearance receives Part 1 only and can
 * never read an exempt item, its title or its values, however the pack is opened. Pieces of
 * one issuing share an "issue" id that the report names, so two devices issuing the same
 * draft at once never mix their pieces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-pack"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ib-pack-diff.h"
#include "ib-pack-private.h"
#include "ib-record-json.h"
#include "ib-store-private.h"
#include "ib-store-sync.h"

struct _IbPack
{
  GObject     parent_instance;

  char       *report_id;
  JsonObject *document;
  gboolean    draft;
};

G_DEFINE_FINAL_TYPE (IbPack, ib_pack, G_TYPE_OBJECT)

G_DEFINE_QUARK (ib-pack-error-quark, ib_pack_error)

/* The members of a public object that say what an exempt object inside it belongs to. */
static const char * const within_members[] = {
  "item", "ref", "code", "title", "kind", "text", "starts_on", "as_at", "period", NULL
};

char *
_ib_pack_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%d");
}

const char *
ib_pack_member_string (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonArray *
ib_pack_member_array (JsonObject *object,
                      const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
ib_pack_member_object (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

double
ib_pack_member_number (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  return NAN;
}


/* Cutting and merging */

typedef struct
{
  JsonArray *items;
  gint64     next_slot;
} Cut;

static JsonNode *cut_node (Cut        *cut,
                           JsonNode   *node,
                           const char *section,
                           JsonObject *within);

static JsonObject *
within_of (JsonObject *object)
{
  JsonObject *within = json_object_new ();

  for (guint i = 0; within_members[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, within_members[i]);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
        json_object_set_member (within, within_members[i], json_node_copy (node));
    }
  return within;
}

static JsonNode *
cut_object (Cut        *cut,
            JsonObject *object,
            const char *section,
            JsonObject *within)
{
  JsonObject *copy;
  g_autoptr (GList) members = NULL;

  if (g_strcmp0 (ib_pack_member_string (object, "class"), "exempt") == 0)
    {
      JsonObject *placeholder = json_object_new ();
      JsonObject *entry = json_object_new ();
      gint64 paragraph = json_object_get_int_member_with_default (object, "exempt_paragraph", 1);
      gint64 slot = ++cut->next_slot;

      json_object_set_int_member (placeholder, "exempt", paragraph);
      json_object_set_int_member (placeholder, "slot", slot);

      json_object_set_int_member (entry, "slot", slot);
      json_object_set_int_member (entry, "exempt_paragraph", paragraph);
      json_object_set_string_member (entry, "section", section);
      if (within != NULL)
        json_object_set_object_member (entry, "within", within_of (within));
      json_object_set_member (entry, "item",
                              json_node_init_object (json_node_alloc (), object));
      json_array_add_object_element (cut->items, entry);

      return json_node_init_object (json_node_alloc (), placeholder);
    }

  /* Exempt objects inside say which public object they sat in. */
  if (json_object_has_member (object, "item"))
    within = object;

  copy = json_object_new ();
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      json_object_set_member (copy, name,
                              cut_node (cut, json_object_get_member (object, name),
                                        section, within));
    }

  return json_node_init_object (json_node_alloc (), copy);
}

static JsonNode *
cut_node (Cut        *cut,
          JsonNode   *node,
          const char *section,
          JsonObject *within)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return cut_object (cut, json_node_get_object (node), section, within);

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, cut_node (cut, json_array_get_element (array, i), section, within));
      return json_node_init_array (json_node_alloc (), copy);
    }

  return json_node_copy (node);
}

/* Returns Part 1 of @document, and its Part 2 in @items. */
static JsonObject *
cut_document (JsonObject *document,
              JsonArray **items)
{
  Cut cut = { json_array_new (), 0 };
  g_autoptr (GList) members = json_object_get_members (document);
  JsonObject *part1 = json_object_new ();

  /* Top level members name the sections; the report and meeting are the cover, which takes
   * the report's own class as a whole. */
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (document, name);

      if (g_str_equal (name, "report"))
        json_object_set_member (part1, name, json_node_copy (node));
      else
        json_object_set_member (part1, name, cut_node (&cut, node, name, NULL));
    }

  *items = cut.items;
  return part1;
}

gboolean
ib_pack_is_placeholder (JsonObject *object,
                        int        *paragraph)
{
  JsonNode *node;

  if (object == NULL || json_object_has_member (object, "item"))
    return FALSE;

  node = json_object_get_member (object, "exempt");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  if (paragraph != NULL)
    *paragraph = (int) json_node_get_int (node);
  return TRUE;
}

static JsonNode *
merge_node (JsonNode   *node,
            GHashTable *by_slot)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *copy;
      g_autoptr (GList) members = NULL;

      if (ib_pack_is_placeholder (object, NULL))
        {
          JsonObject *item = g_hash_table_lookup (by_slot,
                                                  GINT_TO_POINTER ((int) json_object_get_int_member_with_default (object, "slot", 0)));

          if (item != NULL)
            return json_node_init_object (json_node_alloc (), item);
          return json_node_copy (node);
        }

      copy = json_object_new ();
      members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (copy, l->data, merge_node (json_object_get_member (object, l->data), by_slot));
      return json_node_init_object (json_node_alloc (), copy);
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, merge_node (json_array_get_element (array, i), by_slot));
      return json_node_init_array (json_node_alloc (), copy);
    }

  return json_node_copy (node);
}

JsonObject *
ib_pack_merge (JsonObject *part1,
               JsonArray  *part2)
{
  g_autoptr (GHashTable) by_slot = g_hash_table_new (NULL, NULL);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) merged = NULL;

  g_return_val_if_fail (part1 != NULL, NULL);

  for (guint i = 0; part2 != NULL && i < json_array_get_length (part2); i++)
    {
      JsonObject *entry = json_array_get_object_element (part2, i);
      JsonObject *item = entry != NULL ? json_object_get_object_member (entry, "item") : NULL;

      if (item != NULL)
        g_hash_table_insert (by_slot,
                             GINT_TO_POINTER ((int) json_object_get_int_member_with_default (entry, "slot", 0)),
                             item);
    }

  root = json_node_init_object (json_node_alloc (), part1);
  merged = merge_node (root, by_slot);
  return json_node_dup_object (merged);
}

char *
ib_pack_placeholder_text (int paragraph)
{
  /* Translators: printed in a public report in place of an item that is exempt from
   * publication; %d is its paragraph of Schedule 12A to the Local Government Act 1972 */
  return g_strdup_printf (_("An exempt item is reported in Part 2, paragraph %d"), paragraph);
}

/* The object */

static void
ib_pack_finalize (GObject *object)
{
  IbPack *self = (IbPack *) object;

  g_clear_pointer (&self->report_id, g_free);
  g_clear_pointer (&self->document, json_object_unref);

  G_OBJECT_CLASS (ib_pack_parent_class)->finalize (object);
}

static void
ib_pack_class_init (IbPackClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ib_pack_finalize;
}

static void
ib_pack_init (IbPack *self)
{
}

IbPack *
_ib_pack_new (const char *report_id,
              JsonObject *document,
              gboolean    draft)
{
  IbPack *self = g_object_new (IB_TYPE_PACK, NULL);

  self->report_id = g_strdup (report_id);
  self->document = json_object_ref (document);
  self->draft = draft;
  return self;
}

JsonObject *
ib_pack_get_document (IbPack *self)
{
  g_return_val_if_fail (IB_IS_PACK (self), NULL);
  return self->document;
}

gboolean
ib_pack_is_draft (IbPack *self)
{
  g_return_val_if_fail (IB_IS_PACK (self), TRUE);
  return self->draft;
}

const char *
ib_pack_get_report_id (IbPack *self)
{
  g_return_val_if_fail (IB_IS_PACK (self), NULL);
  return self->report_id;
}

gboolean
ib_pack_is_exempt (IbPack *self)
{
  JsonObject *report;

  g_return_val_if_fail (IB_IS_PACK (self), FALSE);

  report = json_object_get_object_member (self->document, "report");
  return g_strcmp0 (ib_pack_member_string (report, "class"), "exempt") == 0;
}

JsonObject *
ib_pack_dup_part1 (IbPack *self)
{
  g_autoptr (JsonArray) items = NULL;

  g_return_val_if_fail (IB_IS_PACK (self), NULL);
  return cut_document (self->document, &items);
}

JsonArray *
ib_pack_dup_part2 (IbPack *self)
{
  g_autoptr (JsonObject) part1 = NULL;
  JsonArray *items = NULL;

  g_return_val_if_fail (IB_IS_PACK (self), NULL);
  part1 = cut_document (self->document, &items);
  return items;
}

/* Finding packs */

static IbRecord *
query_report (IbStore    *store,
              const char *where_order,
              const char *a,
              const char *b,
              const char *c,
              const char *d,
              const char *e,
              const char *f)
{
  g_autofree char *columns = _ib_store_columns (&ib_type_report);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM report %s", columns, where_order);
  sqlite3_stmt *stmt = _ib_store_prepare (store, sql, NULL);
  const char *args[] = { a, b, c, d, e, f };
  IbRecord *report = NULL;

  if (stmt == NULL)
    return NULL;

  for (int i = 0; i < (int) G_N_ELEMENTS (args); i++)
    if (args[i] != NULL)
      sqlite3_bind_text (stmt, i + 1, args[i], -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    report = _ib_store_record_from_row (&ib_type_report, stmt);
  sqlite3_reset (stmt);

  return report;
}

IbRecord *
ib_pack_find_previous (IbStore  *store,
                       IbRecord *report)
{
  g_autoptr (IbRecord) meeting = NULL;
  const char *scope;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (IB_IS_RECORD (report), NULL);

  meeting = ib_store_get (store, &ib_type_meeting, ib_record_get_string (report, "meeting"), NULL);
  if (meeting == NULL)
    return NULL;

  scope = ib_record_get_string (report, "scope") != NULL ? ib_record_get_string (report, "scope") : "programme";

  return query_report (store,
    "WHERE deleted = 0 AND issued_on IS NOT NULL AND id != ?6"
    " AND coalesce (scope, 'programme') = ?3 AND coalesce (scope_priority, '') = ?4"
    " AND coalesce (scope_officer, '') = ?5"
    " AND meeting IN (SELECT id FROM meeting WHERE deleted = 0 AND kind = ?1 AND held_on < ?2)"
    " ORDER BY (SELECT held_on FROM meeting WHERE meeting.id = report.meeting) DESC,"
    " coalesce (version, 1) DESC, issued_on DESC LIMIT 1",
    ib_record_get_string (meeting, "kind"), ib_record_get_string (meeting, "held_on"), scope,
    ib_record_get_string (report, "scope_priority") != NULL ? ib_record_get_string (report, "scope_priority") : "",
    ib_record_get_string (report, "scope_officer") != NULL ? ib_record_get_string (report, "scope_officer") : "",
    ib_record_get_id (report));
}

IbRecord *
ib_pack_find_for_meeting (IbStore     *store,
                          const char  *meeting_id,
                          GError     **error)
{
  static const char newest[] =
    " ORDER BY (SELECT held_on FROM meeting WHERE meeting.id = report.meeting) DESC,"
    " coalesce (version, 1) DESC, issued_on IS NULL, issued_on DESC, updated_at DESC LIMIT 1";
  IbRecord *report;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  if (meeting_id == NULL)
    {
      g_autofree char *sql = g_strconcat ("WHERE deleted = 0 AND meeting IN (SELECT id FROM meeting WHERE deleted = 0)",
                                          newest, NULL);

      report = query_report (store, sql, NULL, NULL, NULL, NULL, NULL, NULL);
      if (report == NULL)
        g_set_error_literal (error, IB_PACK_ERROR, IB_PACK_ERROR_NOT_FOUND,
                             _("No meeting in this database has a pack yet."));
      return report;
    }

  {
    g_autoptr (IbRecord) meeting = ib_store_get (store, &ib_type_meeting, meeting_id, NULL);
    g_autofree char *sql = g_strconcat ("WHERE deleted = 0 AND meeting = ?1", newest, NULL);

    if (meeting == NULL)
      {
        /* Translators: %s is what was given as a meeting's id */
        g_set_error (error, IB_PACK_ERROR, IB_PACK_ERROR_NOT_FOUND,
                     _("There is no meeting “%s” in this database."), meeting_id);
        return NULL;
      }

    report = query_report (store, sql, meeting_id, NULL, NULL, NULL, NULL, NULL);
    if (report == NULL)
      /* Translators: a meeting's title and date */
      g_set_error (error, IB_PACK_ERROR, IB_PACK_ERROR_NOT_FOUND, _("The meeting “%s” of %s has no pack."),
                   ib_record_get_string (meeting, "title"), ib_record_get_string (meeting, "held_on"));
    return report;
  }
}

IbRecord *
ib_pack_find_superseding (IbStore    *store,
                          const char *report_id)
{
  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  return query_report (store, "WHERE deleted = 0 AND supersedes = ?1 ORDER BY coalesce (version, 1) DESC LIMIT 1",
                       report_id, NULL, NULL, NULL, NULL, NULL);
}

IbRecord *
ib_pack_last_issued (IbStore    *store,
                     const char *meeting_kind)
{
  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_kind != NULL, NULL);

  return query_report (store,
    "WHERE deleted = 0 AND issued_on IS NOT NULL AND coalesce (scope, 'programme') = 'programme'"
    " AND meeting IN (SELECT id FROM meeting WHERE deleted = 0 AND kind = ?1)"
    " ORDER BY (SELECT held_on FROM meeting WHERE meeting.id = report.meeting) DESC,"
    " coalesce (version, 1) DESC, issued_on DESC LIMIT 1",
    meeting_kind, NULL, NULL, NULL, NULL, NULL);
}

JsonArray *
ib_pack_changes_since (IbStore     *store,
                       const char  *meeting_kind,
                       IbRecord   **previous,
                       GError     **error)
{
  g_autoptr (IbRecord) last = NULL;
  g_autoptr (IbRecord) today = ib_record_new (&ib_type_report);
  g_autoptr (JsonObject) before = NULL;
  g_autoptr (JsonObject) now = NULL;
  g_autofree char *date = _ib_pack_today ();

  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_kind != NULL, NULL);

  last = ib_pack_last_issued (store, meeting_kind);
  if (last != NULL)
    {
      before = _ib_pack_read_snapshot (store, last, error);
      if (before == NULL)
        return NULL;
    }

  /* Today's data, as a programme pack that belongs to no meeting would hold it. */
  ib_record_set_string (today, "scope", "programme");
  now = _ib_pack_build_document (store, today, date, TRUE, error);
  if (now == NULL)
    return NULL;

  if (previous != NULL)
    *previous = g_steal_pointer (&last);
  return ib_pack_compare (before, now);
}

gboolean
ib_pack_part2_allowed (IbStore *store)
{
  g_autofree char *clearance = NULL;
  g_autofree char *server = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), FALSE);

  clearance = ib_store_sync_get_value (store, "clearance");
  if (g_strcmp0 (clearance, "exempt") == 0)
    return TRUE;

  /* Never signed in: the database and all it holds are its one user's. Signed in once, the
   * server's word on clearance stands, even after signing out. */
  server = ib_store_sync_get_value (store, "server");
  return clearance == NULL && server == NULL;
}

/* Building and loading */

static IbRecord *
get_report (IbStore     *store,
            const char  *report_id,
            GError     **error)
{
  IbRecord *report = ib_store_get (store, &ib_type_report, report_id, NULL);

  if (report == NULL)
    /* Translators: %s is a report's id */
    g_set_error (error, IB_PACK_ERROR, IB_PACK_ERROR_NOT_FOUND, _("There is no pack “%s” in this database."),
                 report_id != NULL ? report_id : "");
  return report;
}

/* Adds "since": the changes from the previous issued pack of the same kind and scope. */
static void
add_since (IbStore    *store,
           IbRecord   *report,
           JsonObject *document)
{
  g_autoptr (IbRecord) previous = ib_pack_find_previous (store, report);
  g_autoptr (JsonObject) before = NULL;
  JsonObject *since = json_object_new ();

  if (previous != NULL)
    {
      g_autoptr (GError) error = NULL;

      before = _ib_pack_read_snapshot (store, previous, &error);
      if (before == NULL)
        g_debug ("Previous pack %s not compared: %s", ib_record_get_id (previous), error->message);
    }

  if (before != NULL)
    {
      JsonObject *report_then = json_object_get_object_member (before, "report");
      JsonObject *meeting_then = json_object_get_object_member (before, "meeting");
      JsonObject *about = json_object_new ();

      json_object_set_string_member (about, "subject", ib_pack_member_string (report_then, "subject"));
      json_object_set_int_member (about, "version", json_object_get_int_member_with_default (report_then, "version", 1));
      json_object_set_string_member (about, "issued_on", ib_pack_member_string (report_then, "issued_on"));
      json_object_set_string_member (about, "meeting_title", ib_pack_member_string (meeting_then, "title"));
      json_object_set_string_member (about, "held_on", ib_pack_member_string (meeting_then, "held_on"));
      json_object_set_string_member (about, "as_at", ib_pack_member_string (before, "as_at"));
      json_object_set_object_member (since, "previous", about);
    }

  /* Three lists, not one: an exempt change's placeholder then stands among its own kind. */
  {
    g_autoptr (JsonArray) changes = ib_pack_compare (before, document);
    JsonArray *lists[] = { json_array_new (), json_array_new (), json_array_new () };

    for (guint i = 0; i < json_array_get_length (changes); i++)
      {
        JsonObject *change = json_array_get_object_element (changes, i);
        guint list = ib_pack_change_is_exception (change) ? 0
                     : json_object_get_int_member_with_default (change, "direction", 0) > 0 ? 1 : 2;

        json_array_add_object_element (lists[list], json_object_ref (change));
      }
    json_object_set_array_member (since, "exceptions", lists[0]);
    json_object_set_array_member (since, "better", lists[1]);
    json_object_set_array_member (since, "other", lists[2]);
  }
  json_object_set_object_member (document, "since", since);
}

static IbPack *
build (IbStore     *store,
       IbRecord    *report,
       const char  *as_at,
       GError     **error)
{
  g_autofree char *today = _ib_pack_today ();
  g_autoptr (JsonObject) document = NULL;

  if (as_at == NULL)
    as_at = today;

  document = _ib_pack_build_document (store, report, as_at, strcmp (as_at, today) >= 0, error);
  if (document == NULL)
    return NULL;

  add_since (store, report, document);

  return _ib_pack_new (ib_record_get_id (report), document, TRUE);
}

IbPack *
ib_pack_build (IbStore     *store,
               const char  *report_id,
               const char  *as_at,
               GError     **error)
{
  g_autoptr (IbRecord) report = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  report = get_report (store, report_id, error);
  if (report == NULL)
    return NULL;

  return build (store, report, as_at, error);
}

IbPack *
ib_pack_load (IbStore     *store,
              const char  *report_id,
              GError     **error)
{
  g_autoptr (IbRecord) report = NULL;
  g_autoptr (JsonObject) document = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  report = get_report (store, report_id, error);
  if (report == NULL)
    return NULL;

  if (!ib_record_has (report, "issued_on"))
    return build (store, report, NULL, error);

  document = _ib_pack_read_snapshot (store, report, error);
  if (document == NULL)
    return NULL;

  return _ib_pack_new (report_id, document, FALSE);
}

/* The snapshot */

typedef struct
{
  int        paragraph;  /* 0 for Part 1 */
  GPtrArray *texts;      /* by sequence − 1; NULL where missing */
  gint64     count;
  gboolean   clash;      /* two pieces for one place, or pieces that disagree on the count */
} Stream;

static void
stream_free (gpointer data)
{
  Stream *stream = data;

  g_ptr_array_unref (stream->texts);
  g_free (stream);
}

/* Returns the stream's text, or NULL when a piece is missing or doubled. */
static char *
stream_text (Stream *stream)
{
  g_autoptr (GString) text = NULL;

  if (stream->clash || stream->texts->len != (guint) stream->count)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < stream->texts->len; i++)
    {
      if (stream->texts->pdata[i] == NULL)
        return NULL;
      g_string_append (text, stream->texts->pdata[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static JsonNode *
parse_text (const char  *text,
            IbRecord    *report,
            GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    {
      /* Translators: %s is a pack's subject */
      g_set_error (error, IB_PACK_ERROR, IB_PACK_ERROR_DAMAGED,
                   _("The snapshot of “%s” cannot be read. The database may be damaged."),
                   ib_record_get_string (report, "subject"));
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

JsonObject *
_ib_pack_read_snapshot (IbStore     *store,
                        IbRecord    *report,
                        GError     **error)
{
  g_autoptr (GHashTable) streams = g_hash_table_new_full (NULL, NULL, NULL, stream_free);
  g_autoptr (JsonNode) part1 = NULL;
  g_autoptr (JsonArray) part2 = json_array_new ();
  g_autofree char *part1_text = NULL;
  const char *issue = ib_record_get_string (report, "snapshot");
  sqlite3_stmt *stmt;
  Stream *main_stream;
  GHashTableIter iter;
  gpointer value;

  stmt = _ib_store_prepare (store,
    "SELECT part, exempt_paragraph, sequence, count, content, format FROM report_snapshot"
    " WHERE report = ?1 AND issue = ?2 AND deleted = 0", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, ib_record_get_id (report), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, issue, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean is_part1 = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "part1") == 0;
      int paragraph = is_part1 ? 0 : MAX (sqlite3_column_int (stmt, 1), 1);
      gint64 sequence = sqlite3_column_int64 (stmt, 2);
      gint64 count = sqlite3_column_int64 (stmt, 3);
      Stream *stream = g_hash_table_lookup (streams, GINT_TO_POINTER (paragraph));

      if (sqlite3_column_int (stmt, 5) > IB_PACK_FORMAT)
        {
          sqlite3_reset (stmt);
          g_set_error (error, IB_PACK_ERROR, IB_PACK_ERROR_DAMAGED,
                       _("The pack “%s” was issued by a newer version of Improvement Board. Update this one to open it."),
                       ib_record_get_string (report, "subject"));
          return NULL;
        }

      if (stream == NULL)
        {
          stream = g_new0 (Stream, 1);
          stream->paragraph = paragraph;
          stream->count = count;
          stream->texts = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (streams, GINT_TO_POINTER (paragraph), stream);
        }

      if (count != stream->count || sequence < 1 || sequence > count)
        {
          stream->clash = TRUE;
          continue;
        }
      if ((guint) count > stream->texts->len)
        g_ptr_array_set_size (stream->texts, (guint) count);
      if (stream->texts->pdata[sequence - 1] != NULL)
        stream->clash = TRUE;
      else
        stream->texts->pdata[sequence - 1] = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);

  main_stream = g_hash_table_lookup (streams, GINT_TO_POINTER (0));
  part1_text = main_stream != NULL ? stream_text (main_stream) : NULL;
  if (part1_text == NULL)
    {
      /* Translators: %s is a pack's subject */
      g_set_error (error, IB_PACK_ERROR, IB_PACK_ERROR_INCOMPLETE,
                   _("The pack “%s” has not all arrived on this computer yet. Sync, then open it again."),
                   ib_record_get_string (report, "subject"));
      return NULL;
    }

  part1 = parse_text (part1_text, report, error);
  if (part1 == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (part1))
    {
      g_set_error (error, IB_PACK_ERROR, IB_PACK_ERROR_DAMAGED,
                   _("The snapshot of “%s” cannot be read. The database may be damaged."),
                   ib_record_get_string (report, "subject"));
      return NULL;
    }

  /* Part 2 is read whole or not at all: a pack missing some of its exempt items would look
   * complete while it is not. */
  g_hash_table_iter_init (&iter, streams);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Stream *stream = value;
      g_autofree char *text = NULL;
      g_autoptr (JsonNode) items = NULL;

      if (stream->paragraph == 0)
        continue;

      text = stream_text (stream);
      if (text == NULL)
        {
          g_set_error (error, IB_PACK_ERROR, IB_PACK_ERROR_INCOMPLETE,
                       _("The pack “%s” has not all arrived on this computer yet. Sync, then open it again."),
                       ib_record_get_string (report, "subject"));
          return NULL;
        }

      items = parse_text (text, report, error);
      if (items == NULL)
        return NULL;
      for (guint i = 0; JSON_NODE_HOLDS_ARRAY (items) && i < json_array_get_length (json_node_get_array (items)); i++)
        json_array_add_element (part2, json_node_copy (json_array_get_element (json_node_get_array (items), i)));
    }

  return ib_pack_merge (json_node_get_object (part1), part2);
}

/* A version 5 UUID (RFC 4122) of @name: the demo's pieces get the same ids on every load, as
 * every other demo record does. */
static char *
name_uuid (const char *name)
{
  g_autoptr (GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (sha1, (const guchar *) name, -1);
  g_checksum_get_digest (sha1, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6],
                          digest[7], digest[8], digest[9], digest[10], digest[11], digest[12],
                          digest[13], digest[14], digest[15]);
}

/* Cuts @text into pieces of at most IB_PACK_PIECE_BYTES, never inside a character. */
static GPtrArray *
cut_text (const char *text)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func (g_free);
  gsize length = strlen (text), at = 0;

  while (at < length || pieces->len == 0)
    {
      gsize end = MIN (at + IB_PACK_PIECE_BYTES, length);

      if (end < length)
        end = (gsize) (g_utf8_find_prev_char (text + at, text + end + 1) - text);
      g_ptr_array_add (pieces, g_strndup (text + at, end - at));
      at = end;
    }

  return pieces;
}

static gboolean
write_pieces (IbStore     *store,
              IbRecord    *report,
              const char  *issue,
              const char  *part,
              int          paragraph,
              JsonNode    *content,
              gboolean     imported,
              GError     **error)
{
  g_autofree char *text = json_to_string (content, FALSE);
  g_autoptr (GPtrArray) pieces = cut_text (text);

  for (guint i = 0; i < pieces->len; i++)
    {
      g_autoptr (IbRecord) piece = ib_record_new (&ib_type_report_snapshot);
      g_autofree char *id = NULL;
      gboolean ok;

      if (imported)
        {
          g_autofree char *name = g_strdup_printf ("%s/snapshot/%s/%d/%u", ib_record_get_id (report), part, paragraph, i + 1);

          id = name_uuid (name);
          ib_record_set_id (piece, id);
        }

      ib_record_set_string (piece, "report", ib_record_get_id (report));
      ib_record_set_string (piece, "issue", issue);
      ib_record_set_string (piece, "part", part);
      ib_record_set_int (piece, "sequence", i + 1);
      ib_record_set_int (piece, "count", pieces->len);
      ib_record_set_int (piece, "format", IB_PACK_FORMAT);
      ib_record_set_string (piece, "content", pieces->pdata[i]);
      if (ib_record_get_bool (report, "sample"))
        ib_record_set_bool (piece, "sample", TRUE);
      if (paragraph > 0)
        {
          ib_record_set_class (piece, "exempt");
          ib_record_set_exempt_paragraph (piece, paragraph);
        }
      else
        {
          ib_record_set_class (piece, ib_record_get_class (report));
          ib_record_set_exempt_paragraph (piece, ib_record_get_exempt_paragraph (report));
        }

      if (imported)
        {
          ib_record_set_updated_at (piece, ib_record_get_updated_at (report));
          ib_record_set_updated_by (piece, ib_record_get_updated_by (report));
          ok = ib_store_import (store, piece, error);
        }
      else
        ok = ib_store_create (store, piece, error);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_snapshot (IbStore     *store,
                IbRecord    *report,
                const char  *issue,
                JsonObject  *document,
                gboolean     imported,
                GError     **error)
{
  g_autoptr (JsonArray) items = NULL;
  g_autoptr (JsonObject) part1 = cut_document (document, &items);
  g_autoptr (JsonNode) part1_node = json_node_init_object (json_node_alloc (), part1);
  g_autoptr (GArray) paragraphs = g_array_new (FALSE, FALSE, sizeof (int));

  if (!write_pieces (store, report, issue, "part1", 0, part1_node, imported, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      int paragraph = (int) json_object_get_int_member_with_default (json_array_get_object_element (items, i),
                                                                     "exempt_paragraph", 1);
      gboolean seen = FALSE;

      for (guint p = 0; p < paragraphs->len; p++)
        seen |= g_array_index (paragraphs, int, p) == paragraph;
      if (!seen)
        g_array_append_val (paragraphs, paragraph);
    }

  for (guint p = 0; p < paragraphs->len; p++)
    {
      int paragraph = g_array_index (paragraphs, int, p);
      g_autoptr (JsonArray) run = json_array_new ();
      g_autoptr (JsonNode) node = NULL;

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *entry = json_array_get_object_element (items, i);

          if (json_object_get_int_member_with_default (entry, "exempt_paragraph", 1) == paragraph)
            json_array_add_object_element (run, json_object_ref (entry));
        }
      node = json_node_init_array (json_node_alloc (), run);
      if (!write_pieces (store, report, issue, "part2", paragraph, node, imported, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_ib_pack_issue (IbStore     *store,
                const char  *report_id,
                const char  *issued_on,
                gboolean     imported,
                GError     **error)
{
  g_autoptr (IbRecord) report = NULL;
  g_autoptr (IbPack) pack = NULL;
  g_autofree char *today = _ib_pack_today ();
  g_autofree char *issue = g_uuid_string_random ();
  JsonObject *cover;
  gboolean ok;

  report = get_report (store, report_id, error);
  if (report == NULL)
    return FALSE;

  if (ib_record_has (report, "issued_on"))
    {
      g_set_error (error, IB_PACK_ERROR, IB_PACK_ERROR_ISSUED,
                   _("This pack was issued on %s. To correct it, make a new version."),
                   ib_record_get_string (report, "issued_on"));
      return FALSE;
    }

  if (issued_on == NULL)
    issued_on = today;
  if (!ib_date_is_valid (issued_on))
    {
      g_set_error (error, IB_PACK_ERROR, IB_PACK_ERROR_NOT_FOUND,
                   _("“%s” is not a date written YYYY-MM-DD"), issued_on);
      return FALSE;
    }

  pack = build (store, report, issued_on, error);
  if (pack == NULL)
    return FALSE;

  /* The cover says when it was issued; the document is now the pack the board receives. */
  cover = json_object_get_object_member (pack->document, "report");
  json_object_set_string_member (cover, "issued_on", issued_on);

  if (imported)
    {
      g_autofree char *name = g_strdup_printf ("%s/issue", ib_record_get_id (report));

      g_free (issue);
      issue = name_uuid (name);
    }

  if (!ib_store_begin (store, error))
    return FALSE;

  ok = write_snapshot (store, report, issue, pack->document, imported, error);
  if (ok)
    {
      ib_record_set_string (report, "issued_on", issued_on);
      ib_record_set_string (report, "snapshot", issue);
      if (!imported)
        ok = ib_store_update (store, report, error);
      else
        ok = ib_store_check_record (store, report, NULL, error) && _ib_store_replace_row (store, report, error);
      if (ok && imported)
        _ib_store_queue_change (store, &ib_type_report, report_id, IB_STORE_CHANGE_UPDATED);
    }

  if (!ok)
    {
      ib_store_rollback (store);
      return FALSE;
    }

  return ib_store_commit (store, error);
}

gboolean
ib_pack_issue (IbStore     *store,
               const char  *report_id,
               const char  *issued_on,
               GError     **error)
{
  g_return_val_if_fail (IB_IS_STORE (store), FALSE);

  return _ib_pack_issue (store, report_id, issued_on, FALSE, error);
}

IbRecord *
ib_pack_new_version (IbStore     *store,
                     const char  *report_id,
                     GError     **error)
{
  g_autoptr (IbRecord) report = NULL;
  g_autoptr (IbRecord) correction = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  report = get_report (store, report_id, error);
  if (report == NULL)
    return NULL;

  if (!ib_record_has (report, "issued_on"))
    {
      g_set_error_literal (error, IB_PACK_ERROR, IB_PACK_ERROR_NOT_FOUND,
                           _("This pack is still a draft: change it instead of making a new version."));
      return NULL;
    }

  correction = ib_record_copy (report);
  ib_record_set_id (correction, NULL);
  ib_record_set_rev (correction, 0);
  ib_record_set_null (correction, "issued_on");
  ib_record_set_null (correction, "snapshot");
  ib_record_set_int (correction, "version", ib_record_get_int (report, "version", 1) + 1);
  ib_record_set_string (correction, "supersedes", report_id);

  if (!ib_store_create (store, correction, error))
    return NULL;

  return g_steal_pointer (&correction);
}
