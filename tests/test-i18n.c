/* test-i18n.c: the Welsh and Polish catalogues in use: labels, plural forms (Welsh has six,
 * Polish three), dates and numbers in the locale's format, and stable codes never translated
 * in the database, on the wire or in CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ib-demo.h"
#include "ib-enums.h"
#include "ib-format.h"
#include "ib-kpi-csv.h"
#include "ib-kpi.h"
#include "ib-record-json.h"
#include "ib-store-private.h"

/* Switches messages, dates and numbers to @lang; FALSE when this machine lacks the locale. */
static gboolean
use_language (const char *lang,
              const char *locale)
{
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *why = g_strdup_printf ("the %s locale is not generated here (locale-gen %s)", locale, locale);

      g_test_skip (why);
      return FALSE;
    }
  g_setenv ("LANGUAGE", lang, TRUE);
  /* gettext caches the catalogue it found: make it look again. */
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

static const char *
plural (const char *singular,
        const char *plural_form,
        gulong      n)
{
  return g_dngettext (GETTEXT_PACKAGE, singular, plural_form, n);
}

static void
test_polish (void)
{
  g_autofree char *date = NULL, *month = NULL, *value = NULL, *sentence = NULL;
  g_autoptr (IbRecord) indicator = ib_record_new (&ib_type_indicator);

  if (!use_language ("pl", "pl_PL.UTF-8"))
    return;

  g_assert_cmpstr (ib_enum_label (&ib_enum_rag, "amber"), ==, "Żółty");
  g_assert_cmpstr (ib_enum_label (&ib_enum_grade, "requires_improvement"), ==, "Wymaga poprawy, aby była dobra");
  g_assert_cmpstr (ib_target_status_label (IB_TARGET_OFF), ==, "Poza celem");

  /* One, few (2–4, 22–24…), many (0, 5–21, 25…). */
  g_assert_cmpstr (plural ("%u indicator", "%u indicators", 1), ==, "%u wskaźnik");
  g_assert_cmpstr (plural ("%u indicator", "%u indicators", 3), ==, "%u wskaźniki");
  g_assert_cmpstr (plural ("%u indicator", "%u indicators", 5), ==, "%u wskaźników");
  g_assert_cmpstr (plural ("%u indicator", "%u indicators", 22), ==, "%u wskaźniki");
  g_assert_cmpstr (plural ("%u indicator", "%u indicators", 12), ==, "%u wskaźników");

  /* Dates take the genitive in a day's date, the nominative alone; numbers group and use a comma. */
  date = ib_format_date ("2021-12-06");
  g_assert_cmpstr (date, ==, "6 grudnia 2021");
  month = ib_format_period ("2021-03");
  g_assert_cmpstr (month, ==, "marzec 2021");
  ib_record_set_string (indicator, "unit", "percent");
  ib_record_set_int (indicator, "decimals", 1);
  value = ib_format_value (indicator, 1234.5);
  g_assert_cmpstr (value, ==, "1\u202f234,5%");

  sentence = ib_kpi_describe_comparison ("higher_is_better", 90, (double[]) { 86, 84, 95 }, 92,
                                         C_("compared with", "last month"));
  g_assert_cmpstr (sentence, ==, "Lepiej niż Anglia i podobne samorządy; gorzej niż region; gorzej niż poprzedni miesiąc");
}

static void
test_welsh (void)
{
  const struct { gulong n; const char *text; } forms[] = {
    { 0, "0" }, { 1, "1" }, { 2, "2" }, { 3, "3" }, { 6, "6" }, { 7, "7" }, { 11, "11" },
  };
  g_autofree char *date = NULL;
  const char *po_path = NULL;
  g_autofree char *po = NULL;

  if (!use_language ("cy", "cy_GB.UTF-8"))
    return;

  g_assert_cmpstr (ib_enum_label (&ib_enum_rag, "green"), ==, "Gwyrdd");
  g_assert_cmpstr (ib_enum_label (&ib_enum_grade, "inadequate"), ==, "Annigonol");
  date = ib_format_date ("2021-12-06");
  g_assert_cmpstr (date, ==, "6 Rhagfyr 2021");

  /* Six plural forms: zero, one, two, few (3), many (6) and other all resolve to a message. */
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *text = g_strdup_printf (plural ("%u indicator", "%u indicators", forms[i].n), (guint) forms[i].n);

      g_assert_true (g_str_has_prefix (text, forms[i].text));
      g_assert_nonnull (strstr (text, "dangosydd"));
    }

  /* The catalogue declares them. */
  po_path = g_test_get_filename (G_TEST_DIST, "..", "po", "cy.po", NULL);
  g_assert_true (g_file_get_contents (po_path, &po, NULL, NULL));
  g_assert_nonnull (strstr (po, "nplurals=6;"));
}

/* Whatever the language, what is stored, synced and exported is the code. */
static void
test_codes_stay_codes (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;
  g_autoptr (GListModel) actions = NULL;
  g_autoptr (IbRecord) action = NULL;
  g_autoptr (JsonObject) json = NULL;
  g_autofree char *csv = NULL;
  sqlite3_stmt *stmt;
  guint amber = 0;

  if (!use_language ("pl", "pl_PL.UTF-8"))
    return;

  store = ib_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (store, &error), >, 0);

  stmt = _ib_store_prepare (store, "SELECT delivery_rag FROM action WHERE delivery_rag IS NOT NULL", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *rag = (const char *) sqlite3_column_text (stmt, 0);

      g_assert_true (g_str_equal (rag, "red") || g_str_equal (rag, "amber") || g_str_equal (rag, "green"));
      amber += g_str_equal (rag, "amber");
    }
  sqlite3_reset (stmt);
  g_assert_cmpuint (amber, >, 0);

  actions = ib_store_list_where (store, &ib_type_action, "delivery_rag", "amber");
  action = g_list_model_get_item (actions, 0);
  json = ib_record_to_json (action);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json, "fields"), "delivery_rag"), ==, "amber");

  csv = ib_kpi_csv_export (store, NULL);
  g_assert_true (g_str_has_prefix (csv, "indicator,period,value,"));
  /* Numbers in the file use a point whatever the locale says. */
  g_assert_nonnull (strstr (csv, "\nCLA_N,2021-03,446,"));
  g_assert_null (strstr (csv, "446,0"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The catalogues just compiled in the build tree, which meson names for the test. */
  g_assert_nonnull (g_getenv ("IB_LOCALEDIR"));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("IB_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/i18n/polish", test_polish);
  g_test_add_func ("/i18n/welsh", test_welsh);
  g_test_add_func ("/i18n/codes-stay-codes", test_codes_stay_codes);
  return g_test_run ();
}
