/* ib-server-push.c
 *
 * POST /v1/push, as docs/sync-protocol.md §4.5 states it: mutations applied in order, one
 * savepoint each, the whole push one transaction; the replay store written with each effect;
 * the three-way merge rule read from revision history. A rejected mutation is rolled back to
 * its savepoint, so nothing is ever half-applied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-server-push"

#include "config.h"

#include <math.h>

#include "ib-mutation.h"
#include "ib-record-json.h"
#include "ib-server-db-private.h"
#include "ib-server-fault.h"

typedef struct
{
  IbServerDb       *db;
  IbServerIdentity *who;
  IbMutation       *m;
  char             *now;
  char             *record_id; /* the record the result is about, for replay visibility */
  GPtrArray        *kept;      /* ids a delete left alive because its author cannot see them */
} Push;

/* Results */

static JsonObject *
result_new (Push       *push,
            const char *status)
{
  JsonObject *result = json_object_new ();

  json_object_set_string_member (result, "mid", push->m->mid);
  json_object_set_string_member (result, "status", status);
  return result;
}

static JsonObject *
result_for (Push           *push,
            const char     *status,
            IbServerRecord *rec)
{
  JsonObject *result = result_new (push, status);

  json_object_set_int_member (result, "rev", rec->rev);
  json_object_set_int_member (result, "seq", rec->seq);
  return result;
}

static JsonObject *
rejected (const char *mid,
          const char *code,
          const char *message)
{
  JsonObject *result = json_object_new ();

  json_object_set_string_member (result, "mid", mid);
  json_object_set_string_member (result, "status", "rejected");
  json_object_set_string_member (result, "code", code);
  json_object_set_string_member (result, "message", message);
  return result;
}

#define REJECT(code, message) rejected (push->m->mid, code, message)

/* Field comparison: numbers by value, so 5 and 5.0 are one value and never a false conflict. */
static gboolean
values_equal (JsonNode *a,
              JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null && b_null;

  if (JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b))
    {
      GType ta = json_node_get_value_type (a), tb = json_node_get_value_type (b);
      gboolean na = ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE;
      gboolean nb = tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE;

      if (na && nb)
        return json_node_get_double (a) == json_node_get_double (b);
    }

  return json_node_equal (a, b);
}

/* Returns the names of the fields changed in revisions after @base_rev. */
static GHashTable *
changed_since (Push       *push,
               const char *id,
               gint64      base_rev)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (push->db,
    "SELECT changed FROM revisions WHERE id = ?1 AND rev > ?2");
  GHashTable *changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, base_rev);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (JsonNode) node = json_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);

      /* Without it the merge rule could not tell a clash from a merge. */
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        {
          _ib_server_db_note_damage (push->db, "revision", id, "list of changed fields");
          continue;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        {
          const char *name = json_array_get_string_element (json_node_get_array (node), i);

          if (name != NULL)
            g_hash_table_add (changed, g_strdup (name));
        }
    }
  sqlite3_reset (stmt);

  return changed;
}

static JsonArray *
member_names (JsonObject *object)
{
  JsonArray *names = json_array_new ();
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    json_array_add_string_element (names, l->data);

  return names;
}

static gboolean
fits (JsonObject *fields)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), fields);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  return length <= IB_RECORD_MAX_BYTES;
}

static IbServerRecord *
record_new (Push               *push,
            const IbRecordType *type,
            const char         *id,
            const char         *klass)
{
  IbServerRecord *rec = g_new0 (IbServerRecord, 1);

  rec->type = g_strdup (type != NULL ? type->name : "conflict");
  rec->id = g_strdup (id);
  rec->rev = 1;
  rec->seq = _ib_server_db_next_seq (push->db);
  rec->klass = g_strdup (klass);
  rec->eff_class = g_strdup (klass);
  rec->fields = json_object_new ();
  return rec;
}

static void
stamp (Push           *push,
       IbServerRecord *rec)
{
  g_free (rec->updated_at);
  rec->updated_at = g_strdup (push->now);
  g_free (rec->updated_by);
  rec->updated_by = g_strdup (push->who->user);
  g_free (rec->updated_device);
  rec->updated_device = g_strdup (push->who->device_id);
}

static void
set_eff_class (IbServerRecord *rec,
               const char     *eff)
{
  g_free (rec->eff_class);
  rec->eff_class = g_strdup (eff);
}

/* Gives every descendant whose effective class changed a new seq, so the feed carries it:
 * as "revoked" to public-only users when it became Exempt, in full when it became Public. */
static gboolean
cascade_class (Push            *push,
               IbServerRecord  *parent,
               GError         **error)
{
  g_autoptr (GPtrArray) children = _ib_server_db_children (push->db, parent->id);

  for (guint i = 0; i < children->len; i++)
    {
      IbServerRecord *child = g_ptr_array_index (children, i);
      const char *eff = _ib_server_strictest (child->klass, parent->eff_class);

      if (g_str_equal (eff, child->eff_class))
        continue;

      set_eff_class (child, eff);
      child->seq = _ib_server_db_next_seq (push->db);
      if (!_ib_server_db_write (push->db, child, NULL, NULL, error) ||
          !cascade_class (push, child, error))
        return FALSE;
    }

  return TRUE;
}

/* Tombstones @rec and, in the same transaction, the live descendants the deleting user can
 * see. Conflicts stay: they never expire, and a person still has to decide them. A descendant
 * the user cannot see stays alive (noted in push->kept): nobody destroys what they cannot see,
 * and the delete's answer is the same as if it were not there. */
static gboolean
tombstone (Push            *push,
           IbServerRecord  *rec,
           GError         **error)
{
  g_autoptr (GPtrArray) children = NULL;
  g_autoptr (JsonArray) changed = json_array_new ();

  json_array_add_string_element (changed, "deleted");
  rec->deleted = TRUE;
  rec->rev++;
  rec->seq = _ib_server_db_next_seq (push->db);
  stamp (push, rec);
  if (!_ib_server_db_write (push->db, rec, changed, push->m->mid, error))
    return FALSE;

  children = _ib_server_db_children (push->db, rec->id);
  for (guint i = 0; i < children->len; i++)
    {
      IbServerRecord *child = g_ptr_array_index (children, i);

      if (child->deleted || g_str_equal (child->type, "conflict"))
        continue;
      if (!_ib_server_visible (push->who, child))
        {
          g_ptr_array_add (push->kept, g_strdup (child->id));
          continue;
        }
      if (!tombstone (push, child, error))
        return FALSE;
    }

  return TRUE;
}

/* Returns the ids among the strings of @object that @push's user may not see, or NULL when
 * they may see everything: what a projection for them must leave out. */
static GHashTable *
hidden_among (Push       *push,
              JsonObject *object)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;
  GHashTable *hidden;
  const char *p;

  if (push->who->exempt || object == NULL)
    return NULL;

  node = json_node_init_object (json_node_alloc (), object);
  text = json_to_string (node, FALSE);
  hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (p = strchr (text, '"'); p != NULL; p = strchr (p + 1, '"'))
    {
      g_autofree char *id = NULL;
      g_autoptr (IbServerRecord) rec = NULL;

      if (strlen (p) < 38 || p[37] != '"')
        continue;
      id = g_strndup (p + 1, 36);
      if (!g_uuid_string_is_valid (id) || g_hash_table_contains (hidden, id))
        continue;
      rec = _ib_server_db_load (push->db, NULL, id);
      if (rec != NULL && !_ib_server_visible (push->who, rec))
        g_hash_table_add (hidden, g_steal_pointer (&id));
    }

  return hidden;
}

/* The server's side of a clash, as the pushing user may see it. */
static JsonObject *
server_side (Push           *push,
             IbServerRecord *rec)
{
  JsonObject *server = json_object_new ();
  JsonObject *fields = json_object_new ();
  g_autoptr (GList) names = json_object_get_members (rec->fields);
  g_autoptr (GHashTable) hidden = hidden_among (push, rec->fields);

  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (fields, l->data, json_node_copy (json_object_get_member (rec->fields, l->data)));
  _ib_server_project_object (fields, hidden);

  json_object_set_int_member (server, "rev", rec->rev);
  json_object_set_object_member (server, "fields", fields);
  if (rec->deleted)
    json_object_set_boolean_member (server, "deleted", TRUE);
  if (rec->updated_by != NULL)
    json_object_set_string_member (server, "by", rec->updated_by);
  if (rec->updated_at != NULL)
    json_object_set_string_member (server, "at", rec->updated_at);
  return server;
}

/* Returns the class @id had (its own, as its author set it) at revision @rev: the state an edit
 * based on that revision was written from. NULL when it is not known. */
static char *
class_at_rev (Push       *push,
              const char *id,
              gint64      rev)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (push->db,
    "SELECT class FROM revisions WHERE id = ?1 AND rev = ?2");
  char *klass = NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rev);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    klass = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return klass;
}

/* A conflict is as strict as the strictest thing it holds, for as long as it exists: its
 * record's class now, at the revision the losing edit was made against (what that edit was
 * written from) and at every update since, and the class the losing edit asked for. It never
 * becomes more public; it becomes stricter with its record (cascade). */
static void
classify_conflict (Push           *push,
                   IbServerRecord *conflict,
                   IbServerRecord *target)
{
  g_autofree char *then = push->m->base_rev > 0 ? class_at_rev (push, target->id, push->m->base_rev) : NULL;
  const char *klass = _ib_server_strictest (_ib_server_strictest (conflict->klass, target->eff_class),
                                            _ib_server_strictest (push->m->klass, then));

  if (!g_str_equal (klass, conflict->klass))
    {
      g_free (conflict->klass);
      conflict->klass = g_strdup (klass);
    }
  if (g_str_equal (klass, "exempt") && conflict->paragraph == 0)
    conflict->paragraph = push->m->klass != NULL && g_str_equal (push->m->klass, "exempt") && push->m->exempt_paragraph > 0
      ? push->m->exempt_paragraph : target->paragraph;
  set_eff_class (conflict, _ib_server_strictest (conflict->klass, target->eff_class));
}

/* Returns TRUE when the mutation asks for a class other than its record had at its base (a
 * create of an Exempt record counts): an intent the conflict must keep. */
static gboolean
asks_new_class (Push           *push,
                IbServerRecord *target)
{
  g_autofree char *then = push->m->base_rev > 0 && push->m->op != IB_MUTATION_CREATE
    ? class_at_rev (push, target->id, push->m->base_rev) : g_strdup ("public");

  return g_strcmp0 (push->m->klass, then) != 0;
}

/* Sets what a conflict says about both sides now. The losing mutation's identity (mid, author,
 * device, base, time) is set once, at creation: clients match their held-back row by that mid. */
static void
fill_conflict (Push           *push,
               IbServerRecord *conflict,
               IbServerRecord *target,
               const char     *reason,
               JsonObject     *mine,
               gboolean        mine_deleted)
{
  JsonObject *f = conflict->fields;

  if (!json_object_has_member (f, "mid"))
    {
      json_object_set_string_member (f, "record_type", target->type);
      json_object_set_string_member (f, "record_id", target->id);
      json_object_set_string_member (f, "reason", reason);
      json_object_set_int_member (f, "base_rev", push->m->base_rev);
      json_object_set_string_member (f, "author", push->who->user);
      json_object_set_string_member (f, "device", push->who->device_id);
      json_object_set_string_member (f, "mid", push->m->mid);
      json_object_set_string_member (f, "created_at", push->now);
    }
  json_object_set_object_member (f, "mine", json_object_ref (mine));
  json_object_set_boolean_member (f, "mine_deleted", mine_deleted);
  /* A class the losing edit asked to change to is part of what it wanted. */
  if (push->m->klass != NULL && asks_new_class (push, target))
    {
      json_object_set_string_member (f, "mine_class", push->m->klass);
      if (g_str_equal (push->m->klass, "exempt") && push->m->exempt_paragraph > 0)
        json_object_set_int_member (f, "mine_exempt_paragraph", push->m->exempt_paragraph);
      else
        json_object_remove_member (f, "mine_exempt_paragraph");
    }
  else
    {
      json_object_remove_member (f, "mine_class");
      json_object_remove_member (f, "mine_exempt_paragraph");
    }
  json_object_set_object_member (f, "theirs", json_object_ref (target->fields));
  json_object_set_boolean_member (f, "theirs_deleted", target->deleted);
  json_object_set_string_member (f, "theirs_by", target->updated_by);
  json_object_set_string_member (f, "theirs_at", target->updated_at);
  json_object_set_int_member (f, "server_rev", target->rev);
  json_object_set_string_member (f, "status", "open");
  classify_conflict (push, conflict, target);
}

/* Keeps the losing edit as a conflict record under @target. */
static JsonObject *
conflict (Push            *push,
          IbServerRecord  *target,
          const char      *reason,
          JsonObject      *mine,
          gboolean         mine_deleted,
          GError         **error)
{
  g_autofree char *conflict_id = g_uuid_string_random ();
  g_autoptr (IbServerRecord) rec = record_new (push, NULL, conflict_id, "public");
  g_autoptr (JsonArray) changed = json_array_new ();
  JsonObject *result;

  rec->parent_id = g_strdup (target->id);
  stamp (push, rec);
  fill_conflict (push, rec, target, reason, mine, mine_deleted);
  if (push->m->op == IB_MUTATION_CREATE)
    json_object_set_string_member (rec->fields, "mine_id", push->m->id);

  json_array_add_string_element (changed, "status");
  if (!_ib_server_db_write (push->db, rec, changed, push->m->mid, error))
    return NULL;

  g_free (push->record_id);
  push->record_id = g_strdup (target->id);

  result = result_new (push, "conflict");
  json_object_set_string_member (result, "conflict_id", conflict_id);
  json_object_set_string_member (result, "reason", reason);
  json_object_set_object_member (result, "server", server_side (push, target));
  return result;
}

/* After a delete left records alive that its author cannot see (push->kept), tells the people
 * who can: an Exempt conflict on the deleted record, which they decide by restoring it or by
 * deleting the rest. Its author is not told; the delete's answer is unchanged. */
static gboolean
report_kept (Push            *push,
             IbServerRecord  *deleted,
             GError         **error)
{
  g_autofree char *conflict_id = NULL;
  g_autoptr (IbServerRecord) rec = NULL, first = NULL;
  g_autoptr (JsonArray) changed = NULL;
  g_autoptr (JsonObject) nothing = NULL;
  JsonArray *kept;

  if (push->kept->len == 0)
    return TRUE;

  conflict_id = g_uuid_string_random ();
  rec = record_new (push, NULL, conflict_id, "exempt");
  first = _ib_server_db_load (push->db, NULL, push->kept->pdata[0]);
  rec->paragraph = first != NULL ? first->paragraph : 0;
  rec->parent_id = g_strdup (deleted->id);
  stamp (push, rec);
  nothing = json_object_new ();
  fill_conflict (push, rec, deleted, "hidden_children", nothing, TRUE);
  /* Their side is the record as it stood, not its tombstone. */
  json_object_set_boolean_member (rec->fields, "theirs_deleted", FALSE);
  set_eff_class (rec, "exempt");

  kept = json_array_new ();
  for (guint i = 0; i < push->kept->len; i++)
    json_array_add_string_element (kept, push->kept->pdata[i]);
  json_object_set_array_member (rec->fields, "kept", kept);

  changed = json_array_new ();
  json_array_add_string_element (changed, "status");
  g_ptr_array_set_size (push->kept, 0);
  return _ib_server_db_write (push->db, rec, changed, push->m->mid, error);
}

/* Finds the live measurement other than @self_id holding (indicator, period), or NULL. */
static IbServerRecord *
find_measurement (Push       *push,
                  JsonObject *fields,
                  const char *self_id)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (push->db,
    "SELECT id FROM records WHERE type = 'measurement' AND deleted = 0"
    " AND json_extract (fields, '$.indicator') = ?1 AND json_extract (fields, '$.period') = ?2"
    " AND id != ?3");
  g_autofree char *id = NULL;

  sqlite3_bind_text (stmt, 1, json_object_get_string_member_with_default (fields, "indicator", ""), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json_object_get_string_member_with_default (fields, "period", ""), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, self_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return id != NULL ? _ib_server_db_load (push->db, "measurement", id) : NULL;
}

/* Checks the parent named by @fields; returns it, or NULL with *@result holding the rejection. */
static IbServerRecord *
check_parent (Push                *push,
              const IbRecordType  *type,
              JsonObject          *fields,
              JsonObject         **result)
{
  const IbFieldSpec *spec = ib_record_type_field (type, type->parent_field);
  const char *parent_id = json_object_get_string_member_with_default (fields, type->parent_field, NULL);
  IbServerRecord *parent;

  if (parent_id == NULL)
    {
      *result = REJECT ("invalid", "The record names no parent.");
      return NULL;
    }

  parent = _ib_server_db_load (push->db, spec->ref_type, parent_id);
  if (parent == NULL || !_ib_server_visible (push->who, parent))
    {
      _ib_server_record_free (parent);
      *result = REJECT ("not_found", "The parent record does not exist.");
      return NULL;
    }

  if (parent->deleted)
    {
      _ib_server_record_free (parent);
      *result = REJECT ("parent_deleted", "The parent record has been deleted.");
      return NULL;
    }

  return parent;
}

/* An issued pack is what the board received, the same for everyone for ever: the server
 * refuses to change it, its snapshot pieces or its meeting's deletion, whichever client asks. */
static gboolean
report_is_issued (IbServerRecord *report)
{
  JsonNode *node;

  if (report == NULL || report->deleted || g_strcmp0 (report->type, "report") != 0)
    return FALSE;
  node = json_object_get_member (report->fields, "issued_on");
  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

/* Returns TRUE when @set is a snapshot piece of the issue @report was frozen as, with a place
 * (part and sequence) no live piece holds yet: a device pushing an issue sends the report
 * first, already saying it is issued, and its pieces after. Once every piece is in, there is
 * no place left for another. */
static gboolean
completes_issue (Push           *push,
                 IbServerRecord *report,
                 JsonObject     *set)
{
  const char *issue = json_object_get_string_member_with_default (set, "issue", NULL);
  gint64 sequence = json_object_get_int_member_with_default (set, "sequence", 0);
  gint64 count = json_object_get_int_member_with_default (set, "count", 0);
  int paragraph = push->m->klass != NULL && g_str_equal (push->m->klass, "exempt") ? push->m->exempt_paragraph : 0;
  sqlite3_stmt *stmt;
  gboolean fits = FALSE;

  if (issue == NULL || sequence < 1 || sequence > count ||
      g_strcmp0 (issue, json_object_get_string_member_with_default (report->fields, "snapshot", NULL)) != 0)
    return FALSE;

  /* A run of pieces is one part (and, for Part 2, one paragraph) of one issue: the new piece
   * must agree with the run's count and take a place in it no live piece holds. */
  stmt = _ib_server_db_prepare (push->db,
    "SELECT count (*) FILTER (WHERE json_extract (fields, '$.sequence') = ?5),"
    "  count (*) FILTER (WHERE json_extract (fields, '$.count') != ?6)"
    " FROM records WHERE parent_id = ?1 AND type = 'report_snapshot' AND deleted = 0"
    " AND json_extract (fields, '$.issue') = ?2 AND json_extract (fields, '$.part') = ?3"
    " AND coalesce (exempt_paragraph, 0) = ?4");
  sqlite3_bind_text (stmt, 1, report->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, issue, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, json_object_get_string_member_with_default (set, "part", ""), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, paragraph);
  sqlite3_bind_int64 (stmt, 5, sequence);
  sqlite3_bind_int64 (stmt, 6, count);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    fits = sqlite3_column_int (stmt, 0) == 0 && sqlite3_column_int (stmt, 1) == 0;
  sqlite3_reset (stmt);

  return fits;
}

/* Returns the rejection for a change to @rec (or a new child under @parent) that an issued
 * pack forbids, or NULL. */
static JsonObject *
refuse_if_frozen (Push           *push,
                  IbServerRecord *rec,
                  IbServerRecord *parent,
                  gboolean        deleting)
{
  static const char message[] = "This pack was issued and cannot be changed: make a new version of it.";

  if (rec != NULL && report_is_issued (rec))
    return REJECT ("forbidden", message);

  if ((rec != NULL && g_strcmp0 (rec->type, "report_snapshot") == 0) || parent != NULL)
    {
      g_autoptr (IbServerRecord) report = parent == NULL && rec->parent_id != NULL
        ? _ib_server_db_load (push->db, "report", rec->parent_id) : NULL;

      if (report_is_issued (parent != NULL ? parent : report))
        return REJECT ("forbidden", message);
    }

  /* A meeting whose issued pack this user can see keeps it; one they cannot see is kept
   * by the rule for hidden records, so the answer says nothing about it. */
  if (deleting && rec != NULL && g_strcmp0 (rec->type, "meeting") == 0)
    {
      g_autoptr (GPtrArray) children = _ib_server_db_children (push->db, rec->id);

      for (guint i = 0; i < children->len; i++)
        if (report_is_issued (children->pdata[i]) && _ib_server_visible (push->who, children->pdata[i]))
          return REJECT ("forbidden", "This meeting has an issued pack, which stays as the board received it.");
    }

  return NULL;
}

/* Operations */

static JsonObject *
apply_create (Push    *push,
              GError **error)
{
  IbMutation *m = push->m;
  g_autoptr (IbServerRecord) parent = NULL, existing = NULL, rec = NULL;
  const char *klass = m->klass != NULL ? m->klass : "public";
  JsonObject *result = NULL;

  if (g_str_equal (klass, "exempt") && !push->who->exempt)
    return REJECT ("forbidden", "Only users cleared for Exempt records may create them.");

  /* One answer whether the holder of the id is visible or not. Ids are random and never shown
   * to a reader who may not see their record, so the answer tells nothing they could use. */
  existing = _ib_server_db_load (push->db, NULL, m->id);
  if (existing != NULL)
    return REJECT ("invalid", "This id is already in use: a new record needs a new id.");

  if (m->type->parent_field != NULL)
    {
      const char *named = json_object_get_string_member_with_default (m->set, m->type->parent_field, NULL);

      if (m->parent != NULL && g_strcmp0 (m->parent, named) != 0)
        return REJECT ("invalid", "“parent” and the record's parent field disagree.");

      parent = check_parent (push, m->type, m->set, &result);
      if (parent == NULL)
        return result;
      if (m->type == &ib_type_report_snapshot && !completes_issue (push, parent, m->set) &&
          (result = refuse_if_frozen (push, NULL, parent, FALSE)) != NULL)
        return result;
    }

  if (!fits (m->set))
    return REJECT ("too_large", "The record is larger than 256 KiB.");

  if (m->type == &ib_type_measurement)
    {
      g_autoptr (IbServerRecord) other = find_measurement (push, m->set, m->id);

      if (other != NULL)
        {
          /* Invisible is not_found, never 403 (docs/sync-protocol.md), in the words used for every record
           * the reader may not see. */
          if (!_ib_server_visible (push->who, other))
            return REJECT ("not_found", "There is no such record.");
          return conflict (push, other, "duplicate_key", m->set, FALSE, error);
        }
    }

  rec = record_new (push, m->type, m->id, klass);
  rec->paragraph = g_str_equal (klass, "exempt") ? m->exempt_paragraph : 0;
  if (parent != NULL)
    {
      rec->parent_id = g_strdup (parent->id);
      set_eff_class (rec, _ib_server_strictest (klass, parent->eff_class));
    }
  json_object_unref (rec->fields);
  rec->fields = json_object_ref (m->set);
  stamp (push, rec);

  {
    g_autoptr (JsonArray) changed = member_names (m->set);

    json_array_add_string_element (changed, "class");
    if (!_ib_server_db_write (push->db, rec, changed, m->mid, error))
      return NULL;
  }

  return result_for (push, "applied", rec);
}

/* A reader who cannot see some of a list's ids was shown the list without them: their new list
 * keeps those ids, so an edit never drops a link its author could not see. Returns @set, or a
 * copy with the ids put back (owned by *@owned). A single reference is theirs to replace. */
static JsonObject *
keep_hidden_links (Push            *push,
                   IbServerRecord  *rec,
                   JsonObject      *set,
                   JsonObject     **owned)
{
  g_autoptr (GList) names = json_object_get_members (set);
  g_autoptr (GHashTable) hidden = NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *stored = json_object_get_member (rec->fields, l->data);
      JsonNode *wanted = json_object_get_member (set, l->data);
      JsonArray *list;

      if (stored == NULL || !JSON_NODE_HOLDS_ARRAY (stored) || !JSON_NODE_HOLDS_ARRAY (wanted))
        continue;

      if (hidden == NULL)
        hidden = hidden_among (push, rec->fields);
      if (hidden == NULL || g_hash_table_size (hidden) == 0)
        return set;

      if (*owned == NULL)
        {
          g_autoptr (GList) all = json_object_get_members (set);

          *owned = json_object_new ();
          for (GList *m = all; m != NULL; m = m->next)
            json_object_set_member (*owned, m->data, json_node_copy (json_object_get_member (set, m->data)));
        }

      list = json_node_get_array (json_object_get_member (*owned, l->data));
      for (guint i = 0; i < json_array_get_length (json_node_get_array (stored)); i++)
        {
          JsonNode *el = json_array_get_element (json_node_get_array (stored), i);

          if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING &&
              g_hash_table_contains (hidden, json_node_get_string (el)))
            json_array_add_element (list, json_node_copy (el));
        }
    }

  return *owned != NULL ? *owned : set;
}

/* Applies @set (and a class change) to @rec under the merge rule. Used by update and resolve;
 * @reason_on_conflict names the conflict it raises. @conflict_rec, when given, is the open
 * conflict a resolve answers: a stale resolve updates it instead of making another. */
static JsonObject *
merge_into (Push            *push,
            IbServerRecord  *rec,
            JsonObject      *set,
            const char      *new_klass,
            int              want_deleted,
            IbServerRecord  *conflict_rec,
            GError         **error)
{
  IbMutation *m = push->m;
  g_autoptr (GHashTable) since = changed_since (push, rec->id, m->base_rev);
  g_autoptr (IbServerRecord) new_parent = NULL;
  g_autoptr (JsonObject) fields = json_object_new ();
  g_autoptr (JsonArray) changed = json_array_new ();
  g_autoptr (GList) names = NULL;
  const IbRecordType *type = ib_record_type_find (rec->type);
  gboolean clash = FALSE, class_changes, was_base = rec->rev == m->base_rev;
  gboolean parent_changes = FALSE;
  JsonObject *result = NULL;
  g_autoptr (GList) current = json_object_get_members (rec->fields);
  g_autoptr (JsonObject) owned_set = NULL;

  if (m->base_rev > rec->rev)
    return REJECT ("invalid", "“base_rev” is ahead of the server's revision.");

  if ((result = refuse_if_frozen (push, rec, NULL, want_deleted == 1)) != NULL)
    return result;

  class_changes = new_klass != NULL && !g_str_equal (new_klass, rec->klass);
  if (class_changes && !push->who->exempt)
    return REJECT ("forbidden", "Only users cleared for Exempt records may change a record's class.");

  if (!push->who->exempt)
    set = keep_hidden_links (push, rec, set, &owned_set);
  names = json_object_get_members (set);

  for (GList *l = names; l != NULL && !clash; l = l->next)
    if (g_hash_table_contains (since, l->data) &&
        !values_equal (json_object_get_member (rec->fields, l->data), json_object_get_member (set, l->data)))
      clash = TRUE;
  if (class_changes && g_hash_table_contains (since, "class"))
    clash = TRUE;
  /* An edit written while the record was Exempt never lands silently in it once it is Public:
   * what it says was meant for cleared readers only. */
  if (!was_base && !clash && g_str_equal (rec->klass, "public"))
    {
      g_autofree char *then = class_at_rev (push, rec->id, m->base_rev);

      if (g_strcmp0 (then, "exempt") == 0)
        clash = TRUE;
    }
  /* A delete, or undoing one, must be made against the revision it was decided on. */
  if (want_deleted >= 0 && (gboolean) want_deleted != rec->deleted && !was_base)
    clash = TRUE;

  if (clash)
    {
      if (conflict_rec != NULL)
        {
          g_autoptr (JsonArray) conflict_changed = json_array_new ();

          fill_conflict (push, conflict_rec, rec,
                         json_object_get_string_member_with_default (conflict_rec->fields, "reason", "edit_edit"),
                         set, want_deleted == 1);
          conflict_rec->rev++;
          conflict_rec->seq = _ib_server_db_next_seq (push->db);
          stamp (push, conflict_rec);
          json_array_add_string_element (conflict_changed, "theirs");
          if (!_ib_server_db_write (push->db, conflict_rec, conflict_changed, m->mid, error))
            return NULL;

          result = result_new (push, "conflict");
          json_object_set_string_member (result, "conflict_id", conflict_rec->id);
          json_object_set_string_member (result, "reason",
                                         json_object_get_string_member (conflict_rec->fields, "reason"));
          json_object_set_object_member (result, "server", server_side (push, rec));
          return result;
        }
      return conflict (push, rec, "edit_edit", set, FALSE, error);
    }

  if (type != NULL && type->parent_field != NULL && json_object_has_member (set, type->parent_field) &&
      g_strcmp0 (json_object_get_string_member_with_default (set, type->parent_field, NULL), rec->parent_id) != 0)
    {
      new_parent = check_parent (push, type, set, &result);
      if (new_parent == NULL)
        return result;
      parent_changes = TRUE;
    }

  for (GList *l = current; l != NULL; l = l->next)
    json_object_set_member (fields, l->data, json_node_copy (json_object_get_member (rec->fields, l->data)));
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (set, l->data);

      if (values_equal (json_object_get_member (rec->fields, l->data), value))
        continue;
      json_object_set_member (fields, l->data, json_node_copy (value));
      json_array_add_string_element (changed, l->data);
    }
  if (class_changes)
    json_array_add_string_element (changed, "class");
  if (want_deleted >= 0 && (gboolean) want_deleted != rec->deleted)
    json_array_add_string_element (changed, "deleted");

  if (json_array_get_length (changed) == 0)
    return result_for (push, was_base ? "applied" : "merged", rec);

  if (!fits (fields))
    return REJECT ("too_large", "The record is larger than 256 KiB.");

  if (type == &ib_type_measurement)
    {
      g_autoptr (IbServerRecord) other = find_measurement (push, fields, rec->id);

      if (other != NULL)
        {
          if (!_ib_server_visible (push->who, other))
            return REJECT ("not_found", "There is no such record.");
          return conflict (push, other, "duplicate_key", set, FALSE, error);
        }
    }

  if (want_deleted == 1)
    {
      /* The fields land first, as one revision; the tombstone follows as the next. */
      json_object_unref (rec->fields);
      rec->fields = json_object_ref (fields);
      if (!tombstone (push, rec, error) || !report_kept (push, rec, error))
        return NULL;
      return result_for (push, was_base ? "applied" : "merged", rec);
    }

  json_object_unref (rec->fields);
  rec->fields = json_object_ref (fields);
  if (want_deleted == 0)
    rec->deleted = FALSE;
  if (class_changes)
    {
      g_free (rec->klass);
      rec->klass = g_strdup (new_klass);
    }
  if (m->exempt_paragraph > 0 || class_changes)
    rec->paragraph = g_str_equal (rec->klass, "exempt") ? m->exempt_paragraph : 0;
  if (parent_changes)
    {
      g_free (rec->parent_id);
      rec->parent_id = g_strdup (new_parent->id);
    }

  {
    g_autofree char *old_eff = g_strdup (rec->eff_class);
    g_autoptr (IbServerRecord) parent = parent_changes ? NULL
      : (rec->parent_id != NULL ? _ib_server_db_load (push->db, NULL, rec->parent_id) : NULL);
    IbServerRecord *p = parent_changes ? new_parent : parent;

    set_eff_class (rec, _ib_server_strictest (rec->klass, p != NULL ? p->eff_class : NULL));
    rec->rev++;
    rec->seq = _ib_server_db_next_seq (push->db);
    stamp (push, rec);
    if (!_ib_server_db_write (push->db, rec, changed, m->mid, error))
      return NULL;

    if (!g_str_equal (old_eff, rec->eff_class) && !cascade_class (push, rec, error))
      return NULL;
  }

  return result_for (push, was_base ? "applied" : "merged", rec);
}

static JsonObject *
apply_update (Push    *push,
              GError **error)
{
  IbMutation *m = push->m;
  g_autoptr (IbServerRecord) rec = _ib_server_db_load (push->db, m->type->name, m->id);

  if (rec == NULL || !_ib_server_visible (push->who, rec))
    return REJECT ("not_found", "There is no such record.");

  g_free (push->record_id);
  push->record_id = g_strdup (rec->id);

  if (rec->deleted)
    return conflict (push, rec, "delete_edit", m->set, FALSE, error);

  return merge_into (push, rec, m->set, m->klass, -1, NULL, error);
}

static JsonObject *
apply_delete (Push    *push,
              GError **error)
{
  IbMutation *m = push->m;
  g_autoptr (IbServerRecord) rec = _ib_server_db_load (push->db, m->type->name, m->id);
  g_autoptr (JsonObject) nothing = json_object_new ();

  if (rec == NULL || !_ib_server_visible (push->who, rec))
    return REJECT ("not_found", "There is no such record.");

  g_free (push->record_id);
  push->record_id = g_strdup (rec->id);

  /* Two deletes agree: nothing to decide. */
  if (rec->deleted)
    return result_for (push, "applied", rec);

  if (m->base_rev > rec->rev)
    return REJECT ("invalid", "“base_rev” is ahead of the server's revision.");

  {
    JsonObject *frozen = refuse_if_frozen (push, rec, NULL, TRUE);

    if (frozen != NULL)
      return frozen;
  }

  if (rec->rev > m->base_rev)
    return conflict (push, rec, "edit_delete", nothing, TRUE, error);

  if (!tombstone (push, rec, error) || !report_kept (push, rec, error))
    return NULL;

  return result_for (push, "applied", rec);
}

static JsonObject *
apply_restore (Push    *push,
               GError **error)
{
  IbMutation *m = push->m;
  g_autoptr (IbServerRecord) rec = NULL;
  g_autoptr (JsonObject) nothing = json_object_new ();

  if (push->who->role != IB_ROLE_ADMIN)
    return REJECT ("forbidden", "Only an administrator may restore a deleted record.");

  rec = _ib_server_db_load (push->db, m->type->name, m->id);
  if (rec == NULL || !_ib_server_visible (push->who, rec))
    return REJECT ("not_found", "There is no such record.");
  if (!rec->deleted)
    return result_for (push, "applied", rec);

  if (rec->parent_id != NULL)
    {
      g_autoptr (IbServerRecord) parent = _ib_server_db_load (push->db, NULL, rec->parent_id);

      if (parent != NULL && parent->deleted)
        return REJECT ("parent_deleted", "Restore the parent record first.");
    }

  push->m->base_rev = rec->rev;
  return merge_into (push, rec, nothing, NULL, 0, NULL, error);
}

/* Deletes what a delete left alive under @rec: the resolver can see it all. */
static JsonObject *
tombstone_descendants (Push            *push,
                       IbServerRecord  *rec,
                       GError         **error)
{
  g_autoptr (GPtrArray) children = _ib_server_db_children (push->db, rec->id);

  for (guint i = 0; i < children->len; i++)
    {
      IbServerRecord *child = g_ptr_array_index (children, i);

      if (child->deleted || g_str_equal (child->type, "conflict"))
        continue;
      if (!tombstone (push, child, error))
        return NULL;
    }
  if (!report_kept (push, rec, error))
    return NULL;

  return result_for (push, "applied", rec);
}

static JsonObject *
apply_resolve (Push    *push,
               GError **error)
{
  IbMutation *m = push->m;
  g_autoptr (IbServerRecord) conflict_rec = _ib_server_db_load (push->db, "conflict", m->conflict_id);
  g_autoptr (IbServerRecord) target = NULL;
  g_autoptr (JsonArray) changed = json_array_new ();
  const IbRecordType *type;
  const char *author;
  gboolean hidden_children;
  JsonObject *result;

  if (conflict_rec == NULL || !_ib_server_visible (push->who, conflict_rec))
    return REJECT ("not_found", "There is no such conflict.");

  /* Records kept from someone else's delete are decided by whoever can see them: their author
   * never could. */
  hidden_children = g_strcmp0 (json_object_get_string_member_with_default (conflict_rec->fields, "reason", NULL),
                               "hidden_children") == 0;
  author = json_object_get_string_member_with_default (conflict_rec->fields, "author", NULL);
  if (g_strcmp0 (author, push->who->user) != 0 && push->who->role != IB_ROLE_ADMIN &&
      !(hidden_children && push->who->exempt))
    return REJECT ("forbidden", "Only the author of the edit or an administrator may resolve this conflict.");

  if (g_strcmp0 (json_object_get_string_member_with_default (conflict_rec->fields, "status", NULL), "open") != 0)
    return REJECT ("invalid", "This conflict has already been resolved.");

  target = _ib_server_db_load (push->db,
                               json_object_get_string_member_with_default (conflict_rec->fields, "record_type", ""),
                               json_object_get_string_member_with_default (conflict_rec->fields, "record_id", ""));
  type = target != NULL ? ib_record_type_find (target->type) : NULL;
  if (target == NULL || type == NULL || !_ib_server_visible (push->who, target))
    return REJECT ("not_found", "There is no such record.");

  g_free (push->record_id);
  push->record_id = g_strdup (target->id);

  {
    g_autoptr (GError) invalid = NULL;

    if (!ib_fields_validate (type, m->set, TRUE, &invalid))
      return REJECT ("invalid", invalid->message);
  }

  if (hidden_children && m->deleted < 0)
    return REJECT ("invalid", "Say whether to restore the deleted record (\"deleted\": false) or delete what it still holds (\"deleted\": true).");

  if (hidden_children && m->deleted == 1)
    result = tombstone_descendants (push, target, error);
  else
    result = merge_into (push, target, m->set, m->klass, m->deleted, conflict_rec, error);
  if (result == NULL ||
      (!g_str_equal (json_object_get_string_member (result, "status"), "applied") &&
       !g_str_equal (json_object_get_string_member (result, "status"), "merged")))
    return result;

  json_object_set_string_member (conflict_rec->fields, "status", "resolved");
  json_object_set_string_member (conflict_rec->fields, "resolved_by", push->who->user);
  json_object_set_string_member (conflict_rec->fields, "resolved_at", push->now);
  conflict_rec->rev++;
  conflict_rec->seq = _ib_server_db_next_seq (push->db);
  stamp (push, conflict_rec);
  json_array_add_string_element (changed, "status");
  if (!_ib_server_db_write (push->db, conflict_rec, changed, m->mid, error))
    {
      json_object_unref (result);
      return NULL;
    }

  json_object_set_string_member (result, "conflict_id", conflict_rec->id);
  return result;
}

/* The replay store */

static gboolean
lookup_replay (Push        *push,
               const char  *mid,
               char       **hash_out,
               char       **result_out,
               char       **record_out)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (push->db,
    "SELECT body_hash, result, record_id FROM idempotency WHERE user = ?1 AND mid = ?2");
  gboolean found = FALSE;

  sqlite3_bind_text (stmt, 1, push->who->user, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *hash_out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *result_out = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      *record_out = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      found = TRUE;
    }
  sqlite3_reset (stmt);

  return found;
}

static gboolean
store_replay (Push        *push,
              const char  *mid,
              const char  *hash,
              JsonObject  *result,
              GError     **error)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), result);
  g_autofree char *text = json_to_string (node, FALSE);
  sqlite3_stmt *stmt = _ib_server_db_prepare (push->db,
    "INSERT INTO idempotency (user, mid, body_hash, result, record_id, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  int rc;

  sqlite3_bind_text (stmt, 1, push->who->user, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, push->record_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, push->now, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _ib_server_db_set_error (push->db, error, rc);
      return FALSE;
    }

  return TRUE;
}

/* A stored result is answered as it was, except that what has since become invisible to this
 * user is left out: a replay must not show a record the feed now hides. */
static JsonObject *
replayed (Push       *push,
          const char *text,
          const char *record_id)
{
  g_autoptr (JsonNode) node = json_from_string (text, NULL);
  JsonObject *result;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  result = json_object_ref (json_node_get_object (node));
  if (record_id != NULL)
    {
      g_autoptr (IbServerRecord) rec = _ib_server_db_load (push->db, NULL, record_id);

      if (rec != NULL && !_ib_server_visible (push->who, rec))
        {
          json_object_remove_member (result, "server");
          json_object_remove_member (result, "conflict_id");
        }
    }
  if (json_object_has_member (result, "server") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (result, "server")))
    {
      JsonObject *server = json_object_get_object_member (result, "server");
      JsonObject *fields = json_object_has_member (server, "fields") &&
                           JSON_NODE_HOLDS_OBJECT (json_object_get_member (server, "fields"))
        ? json_object_get_object_member (server, "fields") : NULL;
      g_autoptr (GHashTable) hidden = hidden_among (push, fields);

      _ib_server_project_object (fields, hidden);
    }
  json_object_set_boolean_member (result, "replayed", TRUE);
  return result;
}

static void
count (IbPushCounts *counts,
       JsonObject   *result)
{
  const char *status = json_object_get_string_member (result, "status");

  if (json_object_get_boolean_member_with_default (result, "replayed", FALSE))
    counts->replayed++;
  else if (g_str_equal (status, "applied"))
    counts->applied++;
  else if (g_str_equal (status, "merged"))
    counts->merged++;
  else if (g_str_equal (status, "conflict"))
    counts->conflict++;
  else
    counts->rejected++;
}

static JsonObject *
apply (Push    *push,
       GError **error)
{
  switch (push->m->op)
    {
    case IB_MUTATION_CREATE: return apply_create (push, error);
    case IB_MUTATION_UPDATE: return apply_update (push, error);
    case IB_MUTATION_DELETE: return apply_delete (push, error);
    case IB_MUTATION_RESTORE: return apply_restore (push, error);
    case IB_MUTATION_RESOLVE: return apply_resolve (push, error);
    default: g_assert_not_reached ();
    }
}

/* Handles one element of "mutations"; returns its result, or NULL with @error for a failure
 * that must abort the whole push (the database, not the mutation, is at fault). */
static JsonObject *
handle (IbServerDb        *db,
        IbServerIdentity  *who,
        JsonObject        *object,
        const char        *refusal,
        const char        *now,
        GError           **error)
{
  g_autoptr (GError) invalid = NULL;
  g_autofree char *mid = NULL, *hash = NULL, *stored_hash = NULL, *stored = NULL, *record_id = NULL;
  g_autoptr (IbMutation) m = ib_mutation_from_json (object, &mid, &invalid);
  g_autoptr (GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  Push push = { db, who, m, (char *) now, NULL, kept };
  JsonObject *result;

  if (mid == NULL)
    {
      g_set_error (error, IB_SERVER_ERROR, IB_SERVER_ERROR_INVALID, "%s", invalid->message);
      return NULL;
    }

  /* Damage noted by an earlier mutation's failed request is not this one's. */
  _ib_server_db_take_damage (db, NULL);

  hash = ib_mutation_body_hash (object);
  if (lookup_replay (&push, mid, &stored_hash, &stored, &record_id))
    {
      if (!g_str_equal (stored_hash, hash))
        return rejected (mid, "mid_reused", "This mutation id was already used for a different change.");
      result = replayed (&push, stored, record_id);
      if (result == NULL)
        g_set_error_literal (error, IB_SERVER_ERROR, IB_SERVER_ERROR_FAILED, "A stored result is damaged.");
      return result;
    }

  if (!_ib_server_db_exec (db, "SAVEPOINT mutation", error))
    return NULL;

  if (refusal != NULL)
    result = rejected (mid, "invalid", refusal);
  else if (m == NULL)
    result = rejected (mid, g_error_matches (invalid, IB_RECORD_ERROR, IB_RECORD_ERROR_TOO_LARGE)
                              ? "too_large" : "invalid", invalid->message);
  else if (m->op != IB_MUTATION_RESOLVE && who->role < IB_ROLE_EDITOR)
    result = rejected (mid, "forbidden", "Your role does not allow changes.");
  else
    result = apply (&push, error);

  /* A damaged record read on the way fails the whole push, which is rolled back: nothing is
   * ever merged onto fields that could not be read. */
  if (result != NULL && !_ib_server_db_take_damage (db, error))
    g_clear_pointer (&result, json_object_unref);

  if (result == NULL)
    {
      g_free (push.record_id);
      return NULL;
    }

  /* A rejection undoes whatever its mutation had begun; its answer is still stored, so a
   * replay gets the same answer and the replay store counts every mid once. */
  if (g_str_equal (json_object_get_string_member (result, "status"), "rejected"))
    _ib_server_db_exec (db, "ROLLBACK TO mutation", NULL);

  if (!store_replay (&push, mid, hash, result, error) ||
      !_ib_server_db_exec (db, "RELEASE mutation", error))
    {
      g_free (push.record_id);
      json_object_unref (result);
      return NULL;
    }

  g_free (push.record_id);
  return result;
}

char *
ib_server_db_push (IbServerDb        *self,
                   IbServerIdentity  *identity,
                   const char        *body,
                   gsize              length,
                   IbPushCounts      *counts,
                   GError           **error)
{
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) objects = NULL, refusals = NULL;
  g_autoptr (JsonArray) results = json_array_new ();
  g_autoptr (JsonObject) reply = json_object_new ();
  g_autoptr (JsonNode) reply_node = NULL;
  g_autofree char *now = _ib_server_now_iso ();

  g_return_val_if_fail (IB_IS_SERVER_DB (self), NULL);

  if (identity->role == IB_ROLE_VIEWER)
    {
      g_set_error_literal (error, IB_SERVER_ERROR, IB_SERVER_ERROR_FORBIDDEN,
                           "A viewer may read the plan but not change it.");
      return NULL;
    }

  objects = ib_push_body_parse (body, length, &root, &refusals, &parse_error);
  if (objects == NULL)
    {
      g_set_error_literal (error, IB_SERVER_ERROR,
                           g_error_matches (parse_error, IB_RECORD_ERROR, IB_RECORD_ERROR_TOO_LARGE)
                             ? IB_SERVER_ERROR_TOO_LARGE : IB_SERVER_ERROR_INVALID,
                           parse_error->message);
      return NULL;
    }

  if (!_ib_server_db_exec (self, "BEGIN IMMEDIATE", error))
    return NULL;

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *result = handle (self, identity, g_ptr_array_index (objects, i),
                                   g_ptr_array_index (refusals, i), now, error);

      if (result == NULL)
        {
          _ib_server_db_exec (self, "ROLLBACK", NULL);
          return NULL;
        }
      if (counts != NULL)
        count (counts, result);
      json_array_add_object_element (results, result);
    }

  ib_fault_point ("push.before_commit");

  if (!_ib_server_db_exec (self, "COMMIT", error))
    {
      _ib_server_db_exec (self, "ROLLBACK", NULL);
      return NULL;
    }

  ib_fault_point ("push.after_commit");

  json_object_set_array_member (reply, "results", g_steal_pointer (&results));
  reply_node = json_node_init_object (json_node_alloc (), reply);
  return json_to_string (reply_node, FALSE);
}
