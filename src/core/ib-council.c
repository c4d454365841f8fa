/* ib-council.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-council"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ib-core-resources.h"
#include "ib-council.h"
#include "ib-csv.h"
#include "ib-store-private.h"

#define KEY_LA_CODE    "council.la_code"
#define KEY_NEIGHBOURS "council.neighbours"
#define NEIGHBOURS_RESOURCE RESOURCE_PATH "/neighbours/statistical-neighbours.csv"

char *
ib_store_dup_setting (IbStore    *store,
                      const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _ib_store_prepare (store, "SELECT value FROM local_setting WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

gboolean
ib_store_set_setting (IbStore     *store,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (IB_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = _ib_store_prepare (store,
                            value != NULL ? "INSERT OR REPLACE INTO local_setting (key, value) VALUES (?1, ?2)"
                                          : "DELETE FROM local_setting WHERE key = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ib_sqlite_set_error (_ib_store_get_db (store), error, rc, _("the setting"));
      return FALSE;
    }
  return TRUE;
}

gboolean
ib_council_code_is_valid (const char *code)
{
  gsize n;

  if (code == NULL)
    return FALSE;
  n = strlen (code);
  if (n == 3)
    return g_ascii_isdigit (code[0]) && g_ascii_isdigit (code[1]) && g_ascii_isdigit (code[2]);
  if (n != 9 || code[0] != 'E')
    return FALSE;
  for (gsize i = 1; i < n; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  return TRUE;
}

static gboolean
refuse_code (const char  *code,
             GError     **error)
{
  /* Translators: %s is what was typed as a local authority code */
  g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID,
               _("“%s” is not a local authority code: use the three-digit code (such as 839) or the nine-character one (such as E06000058)."),
               code);
  return FALSE;
}

char *
ib_council_dup_la_code (IbStore *store)
{
  return ib_store_dup_setting (store, KEY_LA_CODE);
}

gboolean
ib_council_set_la_code (IbStore     *store,
                        const char  *code,
                        GError     **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), FALSE);

  if (code == NULL || *code == '\0')
    return ib_store_set_setting (store, KEY_LA_CODE, NULL, error);

  trimmed = g_strstrip (g_ascii_strup (code, -1));
  if (!ib_council_code_is_valid (trimmed))
    return refuse_code (code, error);
  return ib_store_set_setting (store, KEY_LA_CODE, trimmed, error);
}

GStrv
ib_council_dup_neighbours (IbStore *store)
{
  g_autofree char *text = ib_store_dup_setting (store, KEY_NEIGHBOURS);

  if (text == NULL || *text == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, ",", -1);
}

gboolean
ib_council_set_neighbours (IbStore             *store,
                           const char * const  *codes,
                           GError             **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *own = NULL;
  g_auto (GStrv) list = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), FALSE);

  own = ib_council_dup_la_code (store);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *code = g_strstrip (g_ascii_strup (codes[i], -1));

      if (*code == '\0')
        continue;
      if (!ib_council_code_is_valid (code))
        return refuse_code (codes[i], error);
      g_strv_builder_add (builder, code);
    }
  list = g_strv_builder_end (builder);

  if (g_strv_length (list) > IB_COUNCIL_N_NEIGHBOURS)
    {
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID,
                   _("A council has ten statistical neighbours at most; %u were given."), g_strv_length (list));
      return FALSE;
    }
  for (guint i = 0; list[i] != NULL; i++)
    {
      if (own != NULL && g_str_equal (list[i], own))
        {
          /* Translators: %s is a local authority code */
          g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID,
                       _("%s is the council’s own code, so it cannot be one of its neighbours."), list[i]);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (list[i], list[j]))
          {
            /* Translators: %s is a local authority code */
            g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID,
                         _("%s is listed twice among the neighbours."), list[i]);
            return FALSE;
          }
    }

  joined = g_strjoinv (",", list);
  return ib_store_set_setting (store, KEY_NEIGHBOURS, *joined != '\0' ? joined : NULL, error);
}

gboolean
ib_council_default_neighbours (IbStore  *store,
                               GError  **error)
{
  g_autofree char *code = NULL;
  g_auto (GStrv) chosen = NULL;
  g_auto (GStrv) dfe = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), FALSE);

  code = ib_council_dup_la_code (store);
  if (code == NULL)
    return FALSE;
  chosen = ib_council_dup_neighbours (store);
  if (chosen[0] != NULL)
    return FALSE;
  dfe = ib_council_dfe_neighbours (code);
  if (dfe[0] == NULL)
    return FALSE;
  return ib_council_set_neighbours (store, (const char * const *) dfe, error);
}

/* The shipped list, read once: LA code (old and new) → its row (la_code, new_la_code, la_name,
 * neighbours separated by spaces). */
static GHashTable *
dfe_list (void)
{
  static GHashTable *list;

  if (g_once_init_enter (&list))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr (GBytes) bytes = g_resource_lookup_data (ib_core_get_resource (), NEIGHBOURS_RESOURCE,
                                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      GPtrArray *rows = NULL;
      gsize length = 0;
      const char *data = bytes != NULL ? g_bytes_get_data (bytes, &length) : NULL;

      /* Built into the program and checked by its tests: it cannot fail but by a build gone wrong. */
      if (data != NULL)
        rows = ib_csv_parse (data, length, NULL);
      g_assert (rows != NULL && rows->len > 1);
      /* The fields live as long as the program, in the table; the rows around them go. */
      for (guint i = 1; i < rows->len; i++)
        {
          IbCsvRow *row = rows->pdata[i];

          if (g_strv_length (row->fields) != 4)
            continue;
          g_hash_table_insert (table, g_strdup (row->fields[0]), row->fields);
          if (*row->fields[1] != '\0')
            g_hash_table_insert (table, g_strdup (row->fields[1]), row->fields);
          row->fields = NULL;
        }
      g_ptr_array_unref (rows);
      g_once_init_leave (&list, table);
    }
  return list;
}

GStrv
ib_council_dfe_neighbours (const char *la_code)
{
  GStrv row;

  g_return_val_if_fail (la_code != NULL, NULL);

  row = g_hash_table_lookup (dfe_list (), la_code);
  if (row == NULL)
    return g_new0 (char *, 1);
  return g_strsplit (row[3], " ", -1);
}

char *
ib_council_dfe_name (const char *la_code)
{
  GStrv row;

  g_return_val_if_fail (la_code != NULL, NULL);

  row = g_hash_table_lookup (dfe_list (), la_code);
  return row != NULL ? g_strdup (row[2]) : NULL;
}
