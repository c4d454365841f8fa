/* ib-import-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-import-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ib-council.h"
#include "ib-csv.h"
#include "ib-ees.h"
#include "ib-import-cli.h"
#include "ib-kpi-csv.h"
#include "ib-national-grades.h"
#include "ib-xlsx.h"

gboolean
ib_import_cli_wanted (int    argc,
                      char **argv)
{
  static const char * const options[] = { "--import", "--set-la-code", "--set-neighbours", NULL };

  for (int i = 1; i < argc; i++)
    for (guint o = 0; options[o] != NULL; o++)
      if (g_strcmp0 (argv[i], options[o]) == 0 ||
          (g_str_has_prefix (argv[i], options[o]) && argv[i][strlen (options[o])] == '='))
        return TRUE;
  return FALSE;
}

static int
fail (int         status,
      const char *message)
{
  g_printerr ("improvement-board: %s\n", message);
  return status;
}

/* Tells what @file holds: a workbook is an Ofsted outcomes summary (the only kind published
 * as one), a CSV file is known by its first record. */
static gboolean
read_kind (GFile         *file,
           IbImportKind  *kind,
           GError       **error)
{
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autoptr (GFileInputStream) again = NULL;
  g_auto (GStrv) header = NULL;
  char head[4];
  gssize n;

  if (stream == NULL)
    return FALSE;
  n = g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head, NULL, error);
  if (n < 0)
    return FALSE;
  if (ib_xlsx_sniff (head, n))
    {
      *kind = IB_IMPORT_OFSTED;
      return TRUE;
    }
  again = g_file_read (file, NULL, error);
  if (again == NULL)
    return FALSE;
  header = ib_csv_read_header (G_INPUT_STREAM (again), NULL, error);
  if (header == NULL)
    return FALSE;
  *kind = ib_import_kind_for_header ((const char * const *) header);
  return TRUE;
}

static void
print_changes (IbStore   *store,
               GPtrArray *changes)
{
  g_autoptr (GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < changes->len; i++)
    {
      IbKpiChange *change = changes->pdata[i];
      const char *id = ib_record_get_string (change->record, "indicator");
      guint *counts = g_hash_table_lookup (codes, id);

      if (counts == NULL)
        {
          counts = g_new0 (guint, 3);
          g_hash_table_insert (codes, g_strdup (id), counts);
          g_ptr_array_add (order, (gpointer) id);
        }
      counts[change->kind]++;
    }

  for (guint i = 0; i < order->len; i++)
    {
      g_autoptr (IbRecord) indicator = ib_store_get (store, &ib_type_indicator, order->pdata[i], NULL);
      guint *counts = g_hash_table_lookup (codes, order->pdata[i]);

      /* Translators: a KPI's code, then how many periods are new, changed and unchanged */
      g_print (_("%s: %u new, %u changed, %u unchanged\n"),
               indicator != NULL ? ib_record_get_string (indicator, "code") : (const char *) order->pdata[i],
               counts[IB_KPI_CHANGE_CREATE], counts[IB_KPI_CHANGE_UPDATE], counts[IB_KPI_CHANGE_UNCHANGED]);
    }
}

static GPtrArray *
prepare_ees (IbStore     *store,
             GFile       *file,
             const char  *published,
             GError     **error)
{
  g_autoptr (GFileInputStream) first = g_file_read (file, NULL, error);
  g_autoptr (GFileInputStream) second = NULL;
  g_autoptr (IbEesScan) scan = NULL;
  g_autoptr (IbEesMapping) mapping = NULL;
  g_autofree char *name = g_file_get_basename (file);

  if (first == NULL)
    return NULL;
  scan = ib_ees_scan (G_INPUT_STREAM (first), name, NULL, error);
  if (scan == NULL)
    return NULL;

  mapping = ib_ees_mapping_load (store, scan->dataset);
  if (mapping == NULL)
    {
      /* Translators: %s is a file name */
      g_set_error (error, IB_EES_ERROR, IB_EES_ERROR_MAPPING,
                   _("No mapping is remembered for the data set in “%s”: import it once in the app (File → Import…) to choose which of its columns feeds which KPI, then this command can repeat it."),
                   name);
      return NULL;
    }

  second = g_file_read (file, NULL, error);
  if (second == NULL)
    return NULL;
  return ib_ees_prepare (store, G_INPUT_STREAM (second), scan, mapping, published, NULL, error);
}

int
ib_import_cli_run (int          argc,
                   char       **argv,
                   const char  *default_database)
{
  g_autofree char *database = NULL;
  g_autofree char *path = NULL;
  g_autofree char *published = NULL;
  g_autofree char *la_code = NULL;
  g_autofree char *neighbours = NULL;
  gboolean dry_run = FALSE;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  IbImportKind kind;
  g_auto (GStrv) args = NULL;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database,
      N_("The board database to read (default: improvement-board/board.db in your data folder)"), N_("PATH") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &path,
      N_("Import FILE: an Explore Education Statistics data set or KPI figures (CSV), or an Ofsted outcomes summary (CSV or .xlsx)"),
      N_("FILE") },
    { "published", 0, 0, G_OPTION_ARG_STRING, &published,
      N_("The release date of the data set, YYYY-MM-DD, kept with its figures"), N_("DATE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Say what the import would change, and write nothing"), NULL },
    { "set-la-code", 0, 0, G_OPTION_ARG_STRING, &la_code,
      N_("Set the council’s local authority code (such as 839 or E06000058)"), N_("CODE") },
    { "set-neighbours", 0, 0, G_OPTION_ARG_STRING, &neighbours,
      N_("Set the council’s statistical neighbours: up to ten LA codes, separated by commas"), N_("CODES") },
    { NULL }
  };

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Import national data or KPI figures, with no window."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return fail (2, error->message);
  if (g_strv_length (args) > 1)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not understood here."), args[1]);

      return fail (2, message);
    }
  if (path != NULL && *path == '\0')
    return fail (2, _("--import needs the file to import."));

  if (database == NULL)
    database = g_strdup (default_database);
  if (!g_file_test (database, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf (_("There is no board database at “%s”."), database);

      return fail (1, message);
    }
  store = ib_store_open (database, &error);
  if (store == NULL)
    return fail (1, error->message);

  if (la_code != NULL && !ib_council_set_la_code (store, la_code, &error))
    return fail (1, error->message);
  if (neighbours != NULL)
    {
      g_auto (GStrv) codes = g_strsplit (neighbours, ",", -1);

      if (!ib_council_set_neighbours (store, (const char * const *) codes, &error))
        return fail (1, error->message);
    }
  /* As in Preferences: a code with no neighbours chosen takes the DfE's, so comparisons work at once. */
  else if (la_code != NULL)
    {
      if (ib_council_default_neighbours (store, &error))
        {
          g_auto (GStrv) chosen = ib_council_dup_neighbours (store);
          g_autofree char *joined = g_strjoinv (", ", chosen);

          /* Translators: %s is a list of local authority codes */
          g_print (_("Statistical neighbours set to the DfE’s: %s.\n"), joined);
        }
      else if (error != NULL)
        return fail (1, error->message);
    }
  if (path == NULL)
    return 0;

  file = g_file_new_for_commandline_arg (path);
  if (!read_kind (file, &kind, &error))
    return fail (1, error->message);

  if (kind == IB_IMPORT_KPI_CSV)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
        return fail (1, error->message);
      changes = ib_kpi_csv_prepare (store, contents, length, &error);
    }
  else if (kind == IB_IMPORT_OFSTED)
    {
      g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, &error);
      g_autofree char *name = g_file_get_basename (file);
      guint n;

      if (stream == NULL)
        return fail (1, error->message);
      if (dry_run)
        return 0;
      n = ib_national_grades_import (store, G_INPUT_STREAM (stream), name, NULL, &error);
      if (n == 0)
        return fail (1, error->message);
      /* Translators: %u is a number of councils, %s a file name */
      g_print (g_dngettext (GETTEXT_PACKAGE, "Imported the Ofsted grades of %u council from %s.\n",
                            "Imported the Ofsted grades of %u councils from %s.\n", n), n, name);
      return 0;
    }
  else
    changes = prepare_ees (store, file, published, &error);

  if (changes == NULL)
    return fail (1, error->message);

  print_changes (store, changes);
  if (dry_run)
    return 0;
  if (!ib_kpi_csv_apply (store, changes, &error))
    return fail (1, error->message);

  {
    guint n = 0;

    for (guint i = 0; i < changes->len; i++)
      n += ((IbKpiChange *) changes->pdata[i])->kind != IB_KPI_CHANGE_UNCHANGED;
    /* Translators: %u is a number of KPI figures (an indicator in a period) */
    g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u figure.\n", "Wrote %u figures.\n", n), n);
  }
  return 0;
}
