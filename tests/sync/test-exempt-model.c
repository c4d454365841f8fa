/* test-exempt-model.c: the Exempt projection, held by a seeded model-based test
 *
 * One real server, four users: "ed" (editor, exempt), "admin" (admin, exempt), "pub" (editor,
 * public) and "view" (viewer, public). A seeded random sequence of operations — creates of
 * every kind of parent and child, title edits from fresh and stale revisions (so conflicts
 * arise), class flips both ways, resolves (keep current, use mine, restore or delete what a
 * delete kept), deletes of parents, admin restores — runs through the HTTP API. Every text the
 * test writes carries a unique token; a token written in an Exempt context (an Exempt record,
 * or an edit asking for Exempt, or made from an Exempt revision) is secret until a cleared
 * user publishes it deliberately.
 *
 * After every step, everything the public-only tokens receive is checked: the feed from
 * scratch (paged small) and incremental, GET of known, hidden, conflict and unknown ids, the
 * answers to pub's own pushes and errors, and every header. None may hold a secret token or
 * the id of a record that was never visible to public-only users. A hidden id must answer
 * GET exactly as an id that does not exist. pub's copy of the world, built from its feed
 * alone, must hold only records the server shows it, page by page. New devices of pub and
 * view start from the bootstrap file (docs/sync-protocol.md §4.8, §13.7) and follow the feed from its
 * cursor: the file is scanned byte by byte and cell by cell as the feed's pages are, and what
 * such a device holds after must be Public on the server.
 *
 * SYNC_TEST_SEED replays a sequence; IB_EXEMPT_MODEL_STEPS sets its length.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "ib-test-server.h"

typedef struct
{
  char     *type;
  char     *id;
  char     *parent;      /* the parent record's id, NULL for a root */
  gint64    known_rev;   /* what ed last read: a stale base makes conflicts */
} Rec;

typedef struct
{
  IbTestServer *srv;
  GRand        *rand;
  guint         seed;
  char         *ed, *admin, *pub, *view;
  GPtrArray    *recs;          /* Rec: every record the test created */
  GHashTable   *secret;        /* token → GINT_TO_POINTER (1) while secret */
  guint         next_token;
  char         *pub_cursor;    /* pub's incremental cursor */
  GHashTable   *pub_view;      /* id → type: what pub holds, from its feed alone */
  guint         step;
  guint         steps;
  guint         checked_bodies;
  guint         conflicts_seen;
  guint         hidden_checked;
  guint         bootstraps;
  char         *mid;
} Model;

static void
rec_free (Rec *r)
{
  g_free (r->type);
  g_free (r->id);
  g_free (r->parent);
  g_free (r);
}

/* Tokens and the scan */

static char *
new_token (Model    *m,
           gboolean  secret)
{
  char *token = g_strdup_printf ("TOK%uZ", m->next_token++);

  if (secret)
    g_hash_table_insert (m->secret, g_strdup (token), GINT_TO_POINTER (1));
  return token;
}

static sqlite3 *
open_server_db (Model *m)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (m->srv->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* Ids that were never visible to public-only users, as the server's visibility history says. */
static GHashTable *
never_public_ids (Model *m)
{
  sqlite3 *db = open_server_db (m);
  sqlite3_stmt *stmt = NULL;
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT id FROM records r WHERE NOT EXISTS (SELECT 1 FROM visibility v WHERE v.id = r.id"
    " AND v.eff_class = 'public')", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return ids;
}

/* Fails, printing the seed, when @text (something a public-only token received) holds a
 * secret token or a never-public id. Linear: tokens and ids are found by their shape. */
static void
scan (Model      *m,
      GHashTable *hidden_ids,
      const char *what,
      const char *text)
{
  if (text == NULL)
    return;

  m->checked_bodies++;
  for (const char *p = strstr (text, "TOK"); p != NULL; p = strstr (p + 3, "TOK"))
    {
      const char *end = p + 3;
      g_autofree char *token = NULL;

      while (g_ascii_isdigit (*end))
        end++;
      if (*end != 'Z')
        continue;
      token = g_strndup (p, (gsize) (end - p + 1));
      if (g_hash_table_contains (m->secret, token))
        g_error ("seed %u, step %u: Exempt text %s reached a public-only user in %s:\n%s",
                 m->seed, m->step, token, what, text);
    }

  for (const char *q = strchr (text, '"'); q != NULL; q = strchr (q + 1, '"'))
    {
      char id[37];

      if (strlen (q) < 38 || q[37] != '"')
        continue;
      memcpy (id, q + 1, 36);
      id[36] = '\0';
      if (g_hash_table_contains (hidden_ids, id))
        g_error ("seed %u, step %u: the id %s of a record never visible to public-only users reached"
                 " one in %s:\n%s", m->seed, m->step, id, what, text);
    }
}

static void
scan_response (Model          *m,
               GHashTable     *hidden_ids,
               const char     *what,
               IbTestResponse *r)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  scan (m, hidden_ids, what, r->body);
  if (r->headers == NULL)
    return;
  soup_message_headers_iter_init (&iter, r->headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    scan (m, hidden_ids, what, value);
}

/* Requests */

/* A fresh mutation id, owned by the model until the next one. */
static const char *
next_mid (Model *m)
{
  g_free (m->mid);
  m->mid = g_uuid_string_random ();
  return m->mid;
}

static IbTestResponse *
push (Model      *m,
      const char *token,
      const char *mutation)
{
  g_autofree char *body = g_strdup_printf ("{\"mutations\":[%s]}", mutation);

  return ib_test_request (m->srv, "POST", "/v1/push", token, body);
}

static const char *
result_status (IbTestResponse *r)
{
  return r->status == 200 ? ib_test_json_string (r, "results/0/status") : NULL;
}

/* The server's truth for one record, read from its file: own class, effective class, rev,
 * deleted. Returns FALSE when there is no such record. */
static gboolean
server_state (Model      *m,
              const char *id,
              char      **klass,
              char      **eff,
              gint64     *rev,
              gboolean   *deleted)
{
  sqlite3 *db = open_server_db (m);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT class, eff_class, rev, deleted FROM records WHERE id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      if (klass != NULL)
        *klass = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (eff != NULL)
        *eff = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (rev != NULL)
        *rev = sqlite3_column_int64 (stmt, 2);
      if (deleted != NULL)
        *deleted = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return found;
}

/* The class @id had at revision @rev (NULL when unknown). */
static char *
class_at (Model      *m,
          const char *id,
          gint64      rev)
{
  sqlite3 *db = open_server_db (m);
  sqlite3_stmt *stmt = NULL;
  char *klass = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT class FROM revisions WHERE id = ?1 AND rev = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rev);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    klass = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return klass;
}

/* Picks a live record of @type (any type when NULL) that @exempt_reader may see. */
static Rec *
pick (Model      *m,
      const char *type,
      gboolean    exempt_reader)
{
  g_autoptr (GPtrArray) candidates = g_ptr_array_new ();

  for (guint i = 0; i < m->recs->len; i++)
    {
      Rec *r = m->recs->pdata[i];
      g_autofree char *eff = NULL;
      gboolean deleted = TRUE;

      if (type != NULL && !g_str_equal (r->type, type))
        continue;
      if (!server_state (m, r->id, NULL, &eff, NULL, &deleted) || deleted)
        continue;
      if (!exempt_reader && g_str_equal (eff, "exempt"))
        continue;
      g_ptr_array_add (candidates, r);
    }

  if (candidates->len == 0)
    return NULL;
  return candidates->pdata[g_rand_int_range (m->rand, 0, (gint32) candidates->len)];
}

/* Operations. Each returns after its pushes; pub's answers are scanned by the caller's list. */

static const char * const parent_of[][2] = {
  { "action", "plan" }, { "position_statement", "action" }, { "risk_review", "risk" },
};

static const char *
parent_type (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (parent_of); i++)
    if (g_str_equal (parent_of[i][0], type))
      return parent_of[i][1];
  return NULL;
}

/* Builds the "set" of a new @type record whose text carries @token. */
static char *
create_fields (Model      *m,
               const char *type,
               const char *parent,
               const char *token,
               gboolean    exempt_reader)
{
  if (g_str_equal (type, "plan"))
    return g_strdup_printf ("{\"title\":\"Plan %s\"}", token);
  if (g_str_equal (type, "risk"))
    return g_strdup_printf ("{\"ref\":\"R%u\",\"title\":\"Risk %s\",\"owner\":\"Owner\"}", m->next_token, token);
  if (g_str_equal (type, "meeting"))
    return g_strdup_printf ("{\"kind\":\"improvement_board\",\"held_on\":\"2022-05-03\",\"title\":\"Board %s\"}", token);
  if (g_str_equal (type, "action"))
    {
      /* Links to risks and to nothing else the test tracks: the projection must thin them. */
      Rec *risk = pick (m, "risk", exempt_reader);

      if (risk != NULL)
        return g_strdup_printf ("{\"plan\":\"%s\",\"ref\":\"%u\",\"title\":\"Action %s\",\"linked_risks\":[\"%s\"]}",
                                parent, m->next_token, token, risk->id);
      return g_strdup_printf ("{\"plan\":\"%s\",\"ref\":\"%u\",\"title\":\"Action %s\"}", parent, m->next_token, token);
    }
  if (g_str_equal (type, "position_statement"))
    {
      Rec *meeting = pick (m, "meeting", exempt_reader);

      if (meeting != NULL)
        return g_strdup_printf ("{\"action\":\"%s\",\"as_at\":\"2022-05-01\",\"narrative\":\"Said %s\",\"meeting\":\"%s\"}",
                                parent, token, meeting->id);
      return g_strdup_printf ("{\"action\":\"%s\",\"as_at\":\"2022-05-01\",\"narrative\":\"Said %s\"}", parent, token);
    }
  if (g_str_equal (type, "risk_review"))
    return g_strdup_printf ("{\"risk\":\"%s\",\"reviewed_on\":\"2022-05-03\",\"residual_l\":3,\"residual_i\":4,"
                            "\"note\":\"Reviewed %s\"}", parent, token);
  g_assert_not_reached ();
}

/* The text fields edits change, per type: two where the type has them, so that edits from
 * different revisions can touch disjoint fields and merge. */
static const char * const *
text_fields (const char *type)
{
  static const char * const plan[] = { "title", "version_label", NULL };
  static const char * const action[] = { "title", "description", NULL };
  static const char * const risk[] = { "title", "cause", NULL };
  static const char * const statement[] = { "narrative", "next_steps", NULL };
  static const char * const review[] = { "note", NULL };
  static const char * const meeting[] = { "title", NULL };

  if (g_str_equal (type, "plan"))
    return plan;
  if (g_str_equal (type, "action"))
    return action;
  if (g_str_equal (type, "risk"))
    return risk;
  if (g_str_equal (type, "position_statement"))
    return statement;
  if (g_str_equal (type, "risk_review"))
    return review;
  return meeting;
}

/* Every token in @text becomes public: a cleared user published it. */
static void
declassify (Model      *m,
            const char *text)
{
  for (const char *p = text != NULL ? strstr (text, "TOK") : NULL; p != NULL; p = strstr (p + 3, "TOK"))
    {
      const char *end = p + 3;
      g_autofree char *token = NULL;

      while (g_ascii_isdigit (*end))
        end++;
      token = g_strndup (p, (gsize) (end - p + 1));
      g_hash_table_remove (m->secret, token);
    }
}

static char *
stored_fields (Model      *m,
               const char *id)
{
  sqlite3 *db = open_server_db (m);
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT fields FROM records WHERE id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return text;
}

static void
op_create (Model     *m,
           GPtrArray *pub_answers)
{
  static const char * const types[] = { "plan", "risk", "meeting", "action", "action", "position_statement",
                                        "risk_review" };
  const char *type = types[g_rand_int_range (m->rand, 0, G_N_ELEMENTS (types))];
  gboolean by_pub = g_rand_int_range (m->rand, 0, 3) == 0;
  gboolean exempt = !by_pub && g_rand_int_range (m->rand, 0, 3) == 0;
  const char *ptype = parent_type (type);
  Rec *parent = ptype != NULL ? pick (m, ptype, !by_pub) : NULL;
  g_autofree char *klass_at_parent = NULL;
  g_autofree char *token = NULL, *fields = NULL, *mutation = NULL, *id = g_uuid_string_random ();
  g_autoptr (IbTestResponse) r = NULL;
  gboolean secret;

  if (ptype != NULL && parent == NULL)
    return;

  /* Text under an Exempt parent is written for cleared readers too, but its own class says
   * it may be shown once the parent is not Exempt: only the record's own class makes it secret. */
  secret = exempt;
  token = new_token (m, secret);
  fields = create_fields (m, type, parent != NULL ? parent->id : NULL, token, !by_pub);
  mutation = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"%s\",\"id\":\"%s\",%s%s\"set\":%s}",
                              next_mid (m), type, id,
                              exempt ? "\"class\":\"exempt\",\"exempt_paragraph\":" : "",
                              exempt ? (g_rand_boolean (m->rand) ? "1," : "3,") : "",
                              fields);
  r = push (m, by_pub ? m->pub : m->ed, mutation);
  g_assert_cmpuint (r->status, ==, 200);
  if (by_pub)
    g_ptr_array_add (pub_answers, g_steal_pointer (&r));
  else if (g_strcmp0 (result_status (r), "applied") == 0)
    {
      Rec *rec = g_new0 (Rec, 1);

      rec->type = g_strdup (type);
      rec->id = g_strdup (id);
      rec->parent = parent != NULL ? g_strdup (parent->id) : NULL;
      rec->known_rev = 1;
      g_ptr_array_add (m->recs, rec);
      return;
    }

  if (by_pub)
    {
      IbTestResponse *answer = pub_answers->pdata[pub_answers->len - 1];

      if (g_strcmp0 (result_status (answer), "applied") == 0)
        {
          Rec *rec = g_new0 (Rec, 1);

          rec->type = g_strdup (type);
          rec->id = g_strdup (id);
          rec->parent = parent != NULL ? g_strdup (parent->id) : NULL;
          rec->known_rev = 1;
          g_ptr_array_add (m->recs, rec);
        }
    }
}

/* A text edit, by ed from a fresh or a remembered (stale) revision, or by pub on what it sees;
 * sometimes with a class change. Making a record Public either replaces all its text in the
 * same mutation or, as a person deciding the text may be published, changes the class alone. */
static void
op_edit (Model     *m,
         GPtrArray *pub_answers)
{
  gboolean by_pub = g_rand_int_range (m->rand, 0, 3) == 0;
  Rec *rec = pick (m, NULL, !by_pub);
  g_autofree char *klass = NULL, *then = NULL, *mutation = NULL, *class_part = NULL;
  g_autoptr (GString) set = g_string_new ("{");
  gint64 rev = 0, base;
  gboolean deleted, secret, to_exempt = FALSE, to_public = FALSE, class_only = FALSE;
  g_autoptr (IbTestResponse) r = NULL;
  const char * const *fields;
  const char *status;

  if (rec == NULL || !server_state (m, rec->id, &klass, NULL, &rev, &deleted))
    return;

  base = (!by_pub && g_rand_int_range (m->rand, 0, 3) == 0) ? rec->known_rev : rev;
  if (!by_pub)
    {
      int roll = g_rand_int_range (m->rand, 0, 6);

      to_exempt = roll == 0 && g_str_equal (klass, "public");
      to_public = roll == 1 && g_str_equal (klass, "exempt");
      class_only = to_public && g_rand_boolean (m->rand);
    }

  /* Secret when written in an Exempt context: the record's class at the base the writer saw,
   * or the class the edit asks for. */
  then = class_at (m, rec->id, base);
  secret = !by_pub && !to_public && (to_exempt || g_strcmp0 (then, "exempt") == 0);
  fields = text_fields (rec->type);
  if (to_public && !class_only)
    {
      for (guint i = 0; fields[i] != NULL; i++)
        {
          g_autofree char *token = new_token (m, FALSE);

          g_string_append_printf (set, "%s\"%s\":\"Edited %s\"", i > 0 ? "," : "", fields[i], token);
        }
    }
  else if (!class_only)
    {
      guint n = g_strv_length ((char **) fields);
      g_autofree char *token = new_token (m, secret);

      g_string_append_printf (set, "\"%s\":\"Edited %s\"", fields[g_rand_int_range (m->rand, 0, (gint32) n)], token);
    }
  g_string_append_c (set, '}');

  if (to_exempt)
    class_part = g_strdup_printf ("\"class\":\"exempt\",\"exempt_paragraph\":%d,", g_rand_int_range (m->rand, 1, 8));
  else if (to_public)
    class_part = g_strdup ("\"class\":\"public\",");
  else
    class_part = g_strdup ("");

  mutation = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"%s\",\"id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT
                              ",%s\"set\":%s}",
                              next_mid (m), rec->type, rec->id, base, class_part, set->str);
  r = push (m, by_pub ? m->pub : m->ed, mutation);
  g_assert_cmpuint (r->status, ==, 200);
  status = result_status (r);
  if (g_strcmp0 (status, "conflict") == 0)
    m->conflicts_seen++;
  if (!by_pub && (g_strcmp0 (status, "applied") == 0 || g_strcmp0 (status, "merged") == 0))
    {
      if (class_only)
        {
          g_autofree char *now = stored_fields (m, rec->id);

          declassify (m, now);
        }
      /* Remembered now and then: older bases make clashes, and merges across a class change. */
      if (g_rand_int_range (m->rand, 0, 4) == 0)
        rec->known_rev = ib_test_json_int (r, "results/0/rev");
    }
  if (by_pub)
    g_ptr_array_add (pub_answers, g_steal_pointer (&r));
}

static void
op_delete (Model     *m,
           GPtrArray *pub_answers)
{
  gboolean by_pub = g_rand_boolean (m->rand);
  Rec *rec = pick (m, NULL, !by_pub);
  g_autofree char *mutation = NULL;
  g_autoptr (IbTestResponse) r = NULL;
  g_autoptr (GPtrArray) hidden_live = g_ptr_array_new_with_free_func (g_free);
  gint64 rev = 0;

  if (rec == NULL || !server_state (m, rec->id, NULL, NULL, &rev, NULL))
    return;

  /* Nobody destroys what they cannot see: what was live and hidden from pub stays live. */
  if (by_pub)
    for (guint i = 0; i < m->recs->len; i++)
      {
        Rec *other = m->recs->pdata[i];
        g_autofree char *eff = NULL;
        gboolean gone = TRUE;

        if (server_state (m, other->id, NULL, &eff, NULL, &gone) && !gone && g_str_equal (eff, "exempt"))
          g_ptr_array_add (hidden_live, g_strdup (other->id));
      }

  mutation = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"delete\",\"type\":\"%s\",\"id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT "}",
                              next_mid (m), rec->type, rec->id, rev);
  r = push (m, by_pub ? m->pub : m->ed, mutation);
  g_assert_cmpuint (r->status, ==, 200);

  for (guint i = 0; i < hidden_live->len; i++)
    {
      gboolean gone = TRUE;

      g_assert_true (server_state (m, hidden_live->pdata[i], NULL, NULL, NULL, &gone));
      if (gone)
        g_error ("seed %u, step %u: pub's delete of %s %s destroyed %s, which pub cannot see",
                 m->seed, m->step, rec->type, rec->id, (char *) hidden_live->pdata[i]);
    }
  if (by_pub)
    g_ptr_array_add (pub_answers, g_steal_pointer (&r));
}

static void
op_restore (Model *m)
{
  g_autofree char *mutation = NULL;
  g_autoptr (IbTestResponse) r = NULL;
  Rec *rec;
  gboolean deleted = FALSE;

  if (m->recs->len == 0)
    return;
  rec = m->recs->pdata[g_rand_int_range (m->rand, 0, (gint32) m->recs->len)];
  if (!server_state (m, rec->id, NULL, NULL, NULL, &deleted) || !deleted)
    return;

  mutation = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"restore\",\"type\":\"%s\",\"id\":\"%s\"}",
                              next_mid (m), rec->type, rec->id);
  r = push (m, m->admin, mutation);
  g_assert_cmpuint (r->status, ==, 200);
}

/* A cleared user decides an open conflict: keep current, use mine, or for records a delete
 * kept, restore or delete them. Using mine publishes its text where the record is Public. */
static void
op_resolve (Model     *m,
            GPtrArray *pub_answers)
{
  sqlite3 *db = open_server_db (m);
  sqlite3_stmt *stmt = NULL;
  g_autoptr (GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *mutation = NULL, *fields_text = NULL, *target = NULL, *reason = NULL;
  g_autoptr (JsonNode) fields = NULL;
  g_autoptr (IbTestResponse) r = NULL;
  g_autofree char *klass = NULL;
  gint64 rev = 0;
  const char *id;
  gboolean use_mine = g_rand_boolean (m->rand);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM records WHERE type = 'conflict'"
                                           " AND json_extract (fields, '$.status') = 'open'", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (open, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (open->len == 0)
    {
      sqlite3_close (db);
      return;
    }
  id = open->pdata[g_rand_int_range (m->rand, 0, (gint32) open->len)];
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT fields FROM records WHERE id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  fields_text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  fields = json_from_string (fields_text, NULL);
  target = g_strdup (json_object_get_string_member (json_node_get_object (fields), "record_id"));
  reason = g_strdup (json_object_get_string_member (json_node_get_object (fields), "reason"));
  if (!server_state (m, target, &klass, NULL, &rev, NULL))
    return;

  if (g_str_equal (reason, "hidden_children"))
    mutation = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"resolve\",\"conflict_id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT
                                ",\"deleted\":%s}", next_mid (m), id, rev, use_mine ? "true" : "false");
  else
    {
      JsonObject *mine = json_object_get_object_member (json_node_get_object (fields), "mine");
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), mine);
      g_autofree char *mine_text = json_to_string (node, FALSE);

      mutation = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"resolve\",\"conflict_id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT
                                  ",\"set\":%s}", next_mid (m), id, rev, use_mine ? mine_text : "{}");
    }

  r = push (m, g_rand_boolean (m->rand) ? m->ed : m->admin, mutation);
  g_assert_cmpuint (r->status, ==, 200);

  /* A cleared user chose to put this text in a Public record: it is published now. */
  if (use_mine && !g_str_equal (reason, "hidden_children") && g_str_equal (klass, "public") &&
      (g_strcmp0 (result_status (r), "applied") == 0 || g_strcmp0 (result_status (r), "merged") == 0))
    declassify (m, mutation);
}

/* The checks */

/* Applies one page to a public-only reader's copy @view, failing on any record it may not hold. */
static void
apply_to_view (GHashTable     *view,
               IbTestResponse *page)
{
  JsonArray *changes = json_node_get_array (ib_test_json_node (page, "changes"));

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *entry = json_array_get_object_element (changes, i);
      const char *id = json_object_get_string_member (entry, "id");

      if (json_object_get_boolean_member_with_default (entry, "revoked", FALSE))
        {
          g_hash_table_remove (view, id);
          continue;
        }

      g_hash_table_insert (view, g_strdup (id), g_strdup (json_object_get_string_member (entry, "type")));
      g_assert_cmpstr (json_object_get_string_member (entry, "class"), ==, "public");
    }
}

static void
pull_all (Model      *m,
          GHashTable *hidden_ids,
          const char *token,
          char      **cursor_inout,
          GHashTable *view)
{
  gboolean more = TRUE;
  guint pages = 0;

  while (more)
    {
      g_autofree char *path = NULL;
      g_autoptr (IbTestResponse) r = NULL;
      g_autofree char *escaped = *cursor_inout != NULL ? g_uri_escape_string (*cursor_inout, NULL, TRUE) : NULL;

      path = escaped != NULL ? g_strdup_printf ("/v1/changes?limit=%d&cursor=%s", g_rand_int_range (m->rand, 3, 40), escaped)
                             : g_strdup_printf ("/v1/changes?limit=%d", g_rand_int_range (m->rand, 3, 40));
      r = ib_test_request (m->srv, "GET", path, token, NULL);
      scan_response (m, hidden_ids, "the feed", r);
      g_assert_cmpuint (r->status, ==, 200);
      g_assert_nonnull (r->json);
      if (view != NULL)
        apply_to_view (view, r);
      g_free (*cursor_inout);
      *cursor_inout = g_strdup (ib_test_json_string (r, "next_cursor"));
      more = json_node_get_boolean (ib_test_json_node (r, "has_more"));
      g_assert_cmpuint (++pages, <, 10000);
    }
}

/* Fails unless every record in @view is live and Public on the server now. */
static void
assert_view_public (Model      *m,
                    GHashTable *view,
                    const char *whose)
{
  GHashTableIter iter;
  gpointer id, type;

  g_hash_table_iter_init (&iter, view);
  while (g_hash_table_iter_next (&iter, &id, &type))
    {
      g_autofree char *eff = NULL;

      g_assert_true (server_state (m, id, NULL, &eff, NULL, NULL));
      if (!g_str_equal (eff, "public"))
        g_error ("seed %u, step %u: %s holds %s %s, Exempt on the server", m->seed, m->step, whose,
                 (char *) type, (char *) id);
    }
}

/* Scans the bootstrap file as bytes (free space included) and cell by cell (a cell may span
 * pages), and adds the records it holds to @view, each of which must be Public. */
static void
scan_bootstrap_file (Model      *m,
                     GHashTable *hidden_ids,
                     GBytes     *file,
                     GHashTable *view)
{
  gsize size = 0;
  g_autofree char *text = g_bytes_unref_to_data (g_bytes_ref (file), &size);
  g_autofree char *raw = g_malloc (size + 1);
  g_autoptr (GString) cells = g_string_new (NULL);
  g_autoptr (GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  for (gsize i = 0; i < size; i++)
    raw[i] = text[i] != '\0' ? text[i] : ' ';
  raw[size] = '\0';
  scan (m, hidden_ids, "the bootstrap file's bytes", raw);

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_deserialize (db, "main", (unsigned char *) text, (sqlite3_int64) size,
                                        (sqlite3_int64) size, SQLITE_DESERIALIZE_READONLY), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) tables->pdata[t]);
      int id_col = -1, class_col = -1, deleted_col = -1, conflict_col = -1;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *name = sqlite3_column_name (stmt, c);

          id_col = g_str_equal (name, "id") ? c : id_col;
          class_col = g_str_equal (name, "class") ? c : class_col;
          deleted_col = g_str_equal (name, "deleted") ? c : deleted_col;
          conflict_col = g_str_equal (name, "conflict_id") ? c : conflict_col;
        }
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          /* Quoted, so an id alone in a cell is found as in JSON. */
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            if (sqlite3_column_type (stmt, c) == SQLITE_TEXT)
              g_string_append_printf (cells, "\"%s\"\n", (const char *) sqlite3_column_text (stmt, c));

          if (id_col >= 0 && class_col >= 0 && deleted_col >= 0)
            {
              g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, class_col), ==, "public");
              if (sqlite3_column_int (stmt, deleted_col) == 0)
                g_hash_table_insert (view, g_strdup ((const char *) sqlite3_column_text (stmt, id_col)),
                                     g_strdup (tables->pdata[t]));
            }
          else if (conflict_col >= 0 && g_str_equal (tables->pdata[t], "conflicts"))
            g_hash_table_insert (view, g_strdup ((const char *) sqlite3_column_text (stmt, conflict_col)),
                                 g_strdup ("conflict"));
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);

  scan (m, hidden_ids, "the bootstrap file's cells", cells->str);
}

/* A new device of a public-only user: the bootstrap file (waiting while the server builds it),
 * then the feed from the file's cursor. Nothing it receives may hold a secret or a
 * never-public id, and what it holds after must be Public on the server. */
static void
bootstrap_then_feed (Model      *m,
                     GHashTable *hidden_ids,
                     const char *token)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/v1/bootstrap?version=2", m->srv->port);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", token);
  g_autoptr (GHashTable) view = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *cursor = NULL;
  g_autoptr (GBytes) file = NULL;

  for (guint tries = 0; file == NULL; tries++)
    {
      g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr (GBytes) body = NULL;
      g_autoptr (GError) error = NULL;
      SoupMessageHeadersIter iter;
      const char *name, *value;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      body = soup_session_send_and_read (m->srv->session, msg, NULL, &error);
      g_assert_no_error (error);
      soup_message_headers_iter_init (&iter, soup_message_get_response_headers (msg));
      while (soup_message_headers_iter_next (&iter, &name, &value))
        scan (m, hidden_ids, "a bootstrap header", value);
      if (soup_message_get_status (msg) == 200)
        {
          file = g_steal_pointer (&body);
          cursor = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Bootstrap-Cursor"));
          g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Bootstrap-Clearance"), ==, "public");
        }
      else
        {
          g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

          scan (m, hidden_ids, "a bootstrap answer", text);
          g_assert_cmpuint (soup_message_get_status (msg), ==, 503);
          g_assert_cmpuint (tries, <, 1000);
          g_usleep (5 * 1000);
        }
    }

  m->bootstraps++;
  scan_bootstrap_file (m, hidden_ids, file, view);
  g_assert_nonnull (cursor);
  pull_all (m, hidden_ids, token, &cursor, view);
  assert_view_public (m, view, "a device started from the bootstrap file");
}

static void
check_public_views (Model     *m,
                    GPtrArray *pub_answers)
{
  g_autoptr (GHashTable) hidden = never_public_ids (m);
  g_autofree char *scratch = NULL, *view_scratch = NULL;
  g_autofree char *missing = g_uuid_string_random ();

  for (guint i = 0; i < pub_answers->len; i++)
    scan_response (m, hidden, "an answer to pub's push", pub_answers->pdata[i]);

  /* From scratch, as a new device of each public-only user would see it: each user every
   * third step, turn about, and both at the end. Every step would make the test quadratic in
   * its length (the feed grows with it) for little more: the incremental pull below runs on
   * every step and sees each state as it passes. */
  if (m->step % 3 == 0 || m->step + 1 == m->steps)
    pull_all (m, hidden, m->pub, &scratch, NULL);
  if (m->step % 3 == 1 || m->step + 1 == m->steps)
    pull_all (m, hidden, m->view, &view_scratch, NULL);
  /* A new device that starts from the bootstrap file and follows the feed from its cursor:
   * every sixth step, pub and view by turns, and both at the end. (Most steps change what a
   * public-only file may hold, so most of these wait for a rebuild of the whole file.) */
  if (m->step % 6 == 2 || m->step + 1 == m->steps)
    bootstrap_then_feed (m, hidden, m->step % 12 == 2 ? m->pub : m->view);
  if (m->step + 1 == m->steps)
    bootstrap_then_feed (m, hidden, m->step % 2 ? m->view : m->pub);
  /* Incremental: pub's own device, following along. */
  pull_all (m, hidden, m->pub, &m->pub_cursor, m->pub_view);

  /* What pub holds is exactly what the server shows it: every live Public record, no other. */
  assert_view_public (m, m->pub_view, "pub");

  /* GET: a few known ids, and the hidden ones answer exactly as an id that does not exist. */
  {
    g_autofree char *nothing_path = g_strdup_printf ("/v1/records/action/%s", missing);
    g_autoptr (IbTestResponse) nothing = ib_test_request (m->srv, "GET", nothing_path, m->pub, NULL);

    g_assert_cmpuint (nothing->status, ==, 404);
    for (guint k = 0; k < 4 && m->recs->len > 0; k++)
      {
        Rec *rec = m->recs->pdata[g_rand_int_range (m->rand, 0, (gint32) m->recs->len)];
        g_autofree char *path = g_strdup_printf ("/v1/records/%s/%s", rec->type, rec->id);
        g_autoptr (IbTestResponse) r = ib_test_request (m->srv, "GET", path, k % 2 ? m->view : m->pub, NULL);
        g_autofree char *eff = NULL;

        g_autofree char *history_path = g_strdup_printf ("%s/history?limit=%d", path, g_rand_int_range (m->rand, 1, 6));
        g_autoptr (IbTestResponse) history = ib_test_request (m->srv, "GET", history_path, k % 2 ? m->pub : m->view, NULL);

        scan_response (m, hidden, "GET of a record", r);
        scan_response (m, hidden, "the history of a record", history);
        g_assert_true (server_state (m, rec->id, NULL, &eff, NULL, NULL));
        if (g_str_equal (eff, "exempt"))
          {
            m->hidden_checked++;
            g_assert_cmpuint (r->status, ==, 404);
            g_assert_cmpstr (r->body, ==, nothing->body);
            g_assert_cmpuint (history->status, ==, 404);
            g_assert_cmpstr (history->body, ==, nothing->body);
          }
        else
          {
            g_assert_cmpuint (r->status, ==, 200);
            g_assert_cmpuint (history->status, ==, 200);
          }
      }

    /* Conflicts are records too. */
    {
      GHashTableIter iter;
      gpointer id;
      guint n = 0;

      g_hash_table_iter_init (&iter, hidden);
      while (g_hash_table_iter_next (&iter, &id, NULL) && n++ < 3)
        {
          g_autofree char *path = g_strdup_printf ("/v1/records/conflict/%s", (char *) id);
          g_autofree char *same = g_strdup_printf ("/v1/records/conflict/%s", missing);
          g_autoptr (IbTestResponse) r = ib_test_request (m->srv, "GET", path, m->pub, NULL);
          g_autoptr (IbTestResponse) absent = ib_test_request (m->srv, "GET", same, m->pub, NULL);

          scan_response (m, hidden, "GET of a hidden id", r);
          g_assert_cmpuint (r->status, ==, absent->status);
          g_assert_cmpstr (r->body, ==, absent->body);
        }
    }
  }
}

static void
test_model (void)
{
  const char *seed_env = g_getenv ("SYNC_TEST_SEED");
  const char *steps_env = g_getenv ("IB_EXEMPT_MODEL_STEPS");
  guint steps = steps_env != NULL ? (guint) g_ascii_strtoull (steps_env, NULL, 10) : 1500;
  Model m = { 0 };

  m.seed = seed_env != NULL ? (guint) g_ascii_strtoull (seed_env, NULL, 10) : g_random_int ();
  g_test_message ("seed %u (SYNC_TEST_SEED=%u replays it), %u steps", m.seed, m.seed, steps);
  g_printerr ("# exempt model: seed %u\n", m.seed);
  m.rand = g_rand_new_with_seed (m.seed);
  m.recs = g_ptr_array_new_with_free_func ((GDestroyNotify) rec_free);
  m.secret = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m.pub_view = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  m.srv = ib_test_server_new (FALSE);
  ib_test_server_add_user (m.srv, "ed", "editor", "exempt");
  ib_test_server_add_user (m.srv, "admin", "admin", "exempt");
  ib_test_server_add_user (m.srv, "pub", "editor", "public");
  ib_test_server_add_user (m.srv, "view", "viewer", "public");
  ib_test_server_start (m.srv);
  m.ed = ib_test_server_login (m.srv, "ed");
  m.admin = ib_test_server_login (m.srv, "admin");
  m.pub = ib_test_server_login (m.srv, "pub");
  m.view = ib_test_server_login (m.srv, "view");

  /* pub's device has synced from the start. */
  {
    g_autoptr (GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);

    pull_all (&m, none, m.pub, &m.pub_cursor, m.pub_view);
  }

  m.steps = steps;
  for (m.step = 0; m.step < steps; m.step++)
    {
      g_autoptr (GPtrArray) pub_answers = g_ptr_array_new_with_free_func ((GDestroyNotify) ib_test_response_free);
      int roll = g_rand_int_range (m.rand, 0, 100);

      if (roll < 30 || m.recs->len < 6)
        op_create (&m, pub_answers);
      else if (roll < 70)
        op_edit (&m, pub_answers);
      else if (roll < 80)
        op_resolve (&m, pub_answers);
      else if (roll < 92)
        op_delete (&m, pub_answers);
      else
        op_restore (&m);

      check_public_views (&m, pub_answers);
      /* The helper keeps every body for other tests' scans; this one scans as it goes. */
      g_ptr_array_set_size (m.srv->transcript, 0);
    }

  g_test_message ("seed %u: %u records, %u conflicts from edits, %u bodies scanned, %u hidden GETs compared,"
                  " %u new devices started from the bootstrap file",
                  m.seed, m.recs->len, m.conflicts_seen, m.checked_bodies, m.hidden_checked, m.bootstraps);
  g_assert_cmpuint (m.conflicts_seen, >, 0);
  g_assert_cmpuint (m.bootstraps, >, 0);
  g_assert_cmpuint (m.hidden_checked, >, 0);

  ib_test_server_free (m.srv);
  g_free (m.ed);
  g_free (m.admin);
  g_free (m.pub);
  g_free (m.view);
  g_free (m.pub_cursor);
  g_free (m.mid);
  g_ptr_array_unref (m.recs);
  g_hash_table_unref (m.secret);
  g_hash_table_unref (m.pub_view);
  g_rand_free (m.rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/exempt/model", test_model);

  return g_test_run ();
}
