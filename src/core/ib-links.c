/* ib-links.c
 *
 * A link is stored once, where the record type that owns the decision keeps it: the action
 * names the KPIs it claims to move, a finding names the actions that answer it, and a risk
 * names the actions that treat it (the register's owner reviews those). Seen from the other
 * end, a link is found by the records that name it, so both ends always show the same link.
 *
 * The one exception is the action's linked_risks, which older readers (the packs' scope) use:
 * it mirrors the risks' lists and is rewritten with every change to them made here, in the
 * same transaction. What the risks say wins: the mirror is never read to show a link.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-links"

#include "config.h"

#include "ib-links.h"
#include "ib-store-private.h"

typedef struct
{
  const IbRecordType *source;
  const IbRecordType *target;
  const IbRecordType *holder;  /* the type whose ref-list field stores the link */
  const char         *field;
} LinkSpec;

/* The action's copy of the risks that name it. */
static const LinkSpec mirror_spec = { &ib_type_action, &ib_type_risk, &ib_type_action, "linked_risks" };

static const LinkSpec *
link_spec (IbLink link)
{
  static const LinkSpec specs[] = {
    [IB_LINK_ACTION_INDICATORS] = { &ib_type_action, &ib_type_indicator, &ib_type_action, "linked_indicators" },
    [IB_LINK_ACTION_RISKS] = { &ib_type_action, &ib_type_risk, &ib_type_risk, "linked_actions" },
    [IB_LINK_ACTION_FINDINGS] = { &ib_type_action, &ib_type_finding, &ib_type_finding, "linked_actions" },
    [IB_LINK_INDICATOR_ACTIONS] = { &ib_type_indicator, &ib_type_action, &ib_type_action, "linked_indicators" },
    [IB_LINK_RISK_ACTIONS] = { &ib_type_risk, &ib_type_action, &ib_type_risk, "linked_actions" },
    [IB_LINK_FINDING_ACTIONS] = { &ib_type_finding, &ib_type_action, &ib_type_finding, "linked_actions" },
  };

  g_assert ((guint) link < G_N_ELEMENTS (specs));
  return &specs[link];
}

const IbRecordType *
ib_link_source_type (IbLink link)
{
  return link_spec (link)->source;
}

const IbRecordType *
ib_link_target_type (IbLink link)
{
  return link_spec (link)->target;
}

static gboolean
refs_contain (IbRecord   *record,
              const char *field,
              const char *id)
{
  g_auto (GStrv) refs = ib_record_get_refs (record, field);

  return g_strv_contains ((const char * const *) refs, id);
}

/* The live @type records whose @field names @id, in the type's order (IbRecord, transfer full). */
static GPtrArray *
list_holders (IbStore            *store,
              const IbRecordType *type,
              const char         *field,
              const char         *id)
{
  GPtrArray *holders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *columns = _ib_store_columns (type);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  /* instr () narrows the rows in SQLite; the parsed list decides. */
  sql = g_strdup_printf ("SELECT %s FROM %s WHERE deleted = 0 AND instr (%s, ?1) > 0 ORDER BY %s",
                         columns, type->name, field, type->order_by);
  stmt = _ib_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    return holders;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (IbRecord) record = _ib_store_record_from_row (type, stmt);

      if (refs_contain (record, field, id))
        g_ptr_array_add (holders, g_steal_pointer (&record));
    }
  sqlite3_reset (stmt);

  return holders;
}

static GStrv
ids_of (GPtrArray *records)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < records->len; i++)
    g_strv_builder_add (builder, ib_record_get_id (records->pdata[i]));
  return g_strv_builder_end (builder);
}

GStrv
ib_links_get (IbStore    *store,
              IbLink      link,
              const char *id)
{
  const LinkSpec *spec = link_spec (link);
  g_autoptr (GPtrArray) holders = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (spec->holder == spec->source)
    {
      g_autoptr (IbRecord) record = ib_store_get (store, spec->source, id, NULL);

      return record != NULL ? ib_record_get_refs (record, spec->field) : g_new0 (char *, 1);
    }

  holders = list_holders (store, spec->holder, spec->field, id);
  return ids_of (holders);
}

/* Writes @record's @field with @id added or taken away; nothing when it already says so. */
static gboolean
set_one (IbStore    *store,
         IbRecord   *record,
         const char *field,
         const char *id,
         gboolean    linked,
         GError    **error)
{
  g_auto (GStrv) refs = ib_record_get_refs (record, field);
  g_autoptr (GStrvBuilder) builder = NULL;

  if (g_strv_contains ((const char * const *) refs, id) == linked)
    return TRUE;

  builder = g_strv_builder_new ();
  for (guint i = 0; refs[i] != NULL; i++)
    if (g_strcmp0 (refs[i], id) != 0)
      g_strv_builder_add (builder, refs[i]);
  if (linked)
    g_strv_builder_add (builder, id);

  {
    g_auto (GStrv) next = g_strv_builder_end (builder);

    ib_record_set_refs (record, field, (const char * const *) next);
  }
  return ib_store_update (store, record, error);
}

static gboolean
set_own (IbStore            *store,
         const LinkSpec     *spec,
         const char         *id,
         const char * const *ids,
         GError            **error)
{
  g_autoptr (IbRecord) record = ib_store_get (store, spec->source, id, error);
  g_auto (GStrv) before = NULL;

  if (record == NULL)
    return FALSE;

  before = ib_record_get_refs (record, spec->field);
  if (g_strv_equal ((const char * const *) before, ids))
    return TRUE;
  ib_record_set_refs (record, spec->field, ids);
  return ib_store_update (store, record, error);
}

static gboolean
set_held_elsewhere (IbStore            *store,
                    const LinkSpec     *spec,
                    const char         *id,
                    const char * const *ids,
                    GError            **error)
{
  g_autoptr (GPtrArray) holders = list_holders (store, spec->holder, spec->field, id);
  g_autoptr (GHashTable) held = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < holders->len; i++)
    {
      IbRecord *holder = holders->pdata[i];

      g_hash_table_add (held, (gpointer) ib_record_get_id (holder));
      if (!g_strv_contains (ids, ib_record_get_id (holder)) &&
          !set_one (store, holder, spec->field, id, FALSE, error))
        return FALSE;
    }

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr (IbRecord) holder = NULL;

      if (g_hash_table_contains (held, ids[i]))
        continue;
      holder = ib_store_get (store, spec->holder, ids[i], NULL);
      if (holder != NULL && !set_one (store, holder, spec->field, id, TRUE, error))
        return FALSE;
    }

  return TRUE;
}

/* Rewrites the linked_risks of the actions that name risk @risk_id, or that it names, to
 * agree with the risk. */
static gboolean
mirror_risk (IbStore    *store,
             const char *risk_id,
             GError    **error)
{
  g_autoptr (IbRecord) risk = ib_store_get (store, &ib_type_risk, risk_id, NULL);
  g_auto (GStrv) treated = risk != NULL ? ib_record_get_refs (risk, "linked_actions") : g_new0 (char *, 1);
  g_autoptr (GPtrArray) mirrored = list_holders (store, &ib_type_action, "linked_risks", risk_id);

  for (guint i = 0; i < mirrored->len; i++)
    if (!g_strv_contains ((const char * const *) treated, ib_record_get_id (mirrored->pdata[i])) &&
        !set_one (store, mirrored->pdata[i], "linked_risks", risk_id, FALSE, error))
      return FALSE;

  for (guint i = 0; treated[i] != NULL; i++)
    {
      g_autoptr (IbRecord) action = ib_store_get (store, &ib_type_action, treated[i], NULL);

      if (action != NULL && !set_one (store, action, "linked_risks", risk_id, TRUE, error))
        return FALSE;
    }

  return TRUE;
}

/* Rewrites action @action_id's linked_risks to the risks that name it. */
static gboolean
mirror_action (IbStore    *store,
               const char *action_id,
               GError    **error)
{
  const LinkSpec *spec = link_spec (IB_LINK_ACTION_RISKS);
  g_autoptr (GPtrArray) risks = list_holders (store, spec->holder, spec->field, action_id);
  g_auto (GStrv) ids = ids_of (risks);

  return set_own (store, &mirror_spec, action_id, (const char * const *) ids, error);
}

gboolean
ib_links_set (IbStore            *store,
              IbLink              link,
              const char         *id,
              const char * const *ids,
              GError            **error)
{
  const LinkSpec *spec = link_spec (link);
  const char * const none[] = { NULL };
  gboolean ok;

  g_return_val_if_fail (IB_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (ids == NULL)
    ids = none;

  if (!ib_store_begin (store, error))
    return FALSE;

  if (spec->holder == spec->source)
    ok = set_own (store, spec, id, ids, error);
  else
    ok = set_held_elsewhere (store, spec, id, ids, error);

  if (ok && link == IB_LINK_ACTION_RISKS)
    ok = mirror_action (store, id, error);
  else if (ok && link == IB_LINK_RISK_ACTIONS)
    ok = mirror_risk (store, id, error);

  if (!ok)
    {
      ib_store_rollback (store);
      return FALSE;
    }
  return ib_store_commit (store, error);
}
