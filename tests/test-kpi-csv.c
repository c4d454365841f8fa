/* test-kpi-csv.c: measurements to and from CSV: the round trip on the demo plan, a preview
 * of what an import changes, and every malformed file refused by line and column with
 * nothing written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ib-csv.h"
#include "ib-demo.h"
#include "ib-kpi-csv.h"

typedef struct
{
  IbStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->store = ib_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (f->store, &error), >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
}

static guint
outbox_len (IbStore *store)
{
  g_autoptr (GPtrArray) outbox = ib_store_get_outbox (store);

  return outbox->len;
}

static guint
count_kind (GPtrArray       *changes,
            IbKpiChangeKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < changes->len; i++)
    n += ((IbKpiChange *) changes->pdata[i])->kind == kind;
  return n;
}

static void
test_csv_reader (void)
{
  const char text[] = "\xEF\xBB\xBF" "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\n1,,3";
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  IbCsvRow *row;

  rows = ib_csv_parse (text, sizeof text - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  row = rows->pdata[1];
  g_assert_cmpuint (row->line, ==, 2);
  g_assert_cmpstr (row->fields[0], ==, "x, y");
  g_assert_cmpstr (row->fields[1], ==, "say \"hi\"");
  g_assert_cmpstr (row->fields[2], ==, "two\nlines");
  row = rows->pdata[2];
  g_assert_cmpuint (row->line, ==, 5);
  g_assert_cmpstr (row->fields[1], ==, "");

  ib_csv_append_field (out, "say \"hi\", twice");
  g_assert_cmpstr (out->str, ==, "\"say \"\"hi\"\", twice\"");
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *csv = ib_kpi_csv_export (f->store, NULL);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;

  /* The header, and the demo's 446 children in care in March 2021 (9% down on the year). */
  g_assert_true (g_str_has_prefix (csv, "indicator,period,value,numerator,denominator,england,stat_neighbours,region,note\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nCLA_N,2021-03,446,"));

  /* Reading back what was written changes nothing. */
  changes = ib_kpi_csv_prepare (f->store, csv, strlen (csv), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, ib_store_count (f->store, &ib_type_measurement));
  g_assert_cmpuint (count_kind (changes, IB_KPI_CHANGE_UNCHANGED), ==, changes->len);
  g_assert_true (ib_kpi_csv_apply (f->store, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (outbox_len (f->store), ==, 0);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  /* Columns in another order, a note with a comma and quotes, one month changed, one new. */
  const char csv[] =
    "period,indicator,value,note\n"
    "2021-03,CLA_N,446,\n"
    "2021-02,CLA_N,450,\"Corrected, after the \"\"March\"\" audit\"\n"
    "2026-10,CLA_N,398,\n";
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *after = NULL;
  guint before = ib_store_count (f->store, &ib_type_measurement);

  changes = ib_kpi_csv_prepare (f->store, csv, sizeof csv - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpint (((IbKpiChange *) changes->pdata[0])->kind, ==, IB_KPI_CHANGE_UNCHANGED);
  g_assert_cmpint (((IbKpiChange *) changes->pdata[1])->kind, ==, IB_KPI_CHANGE_UPDATE);
  g_assert_cmpint (((IbKpiChange *) changes->pdata[2])->kind, ==, IB_KPI_CHANGE_CREATE);
  g_assert_cmpuint (((IbKpiChange *) changes->pdata[2])->line, ==, 4);

  /* Previewing wrote nothing. */
  g_assert_cmpuint (outbox_len (f->store), ==, 0);

  g_assert_true (ib_kpi_csv_apply (f->store, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ib_store_count (f->store, &ib_type_measurement), ==, before + 1);
  g_assert_cmpuint (outbox_len (f->store), ==, 2);

  after = ib_kpi_csv_export (f->store, NULL);
  g_assert_nonnull (strstr (after, "\r\nCLA_N,2021-02,450,"));
  g_assert_nonnull (strstr (after, ",\"Corrected, after the \"\"March\"\" audit\"\r\n"));
  g_assert_nonnull (strstr (after, "\r\nCLA_N,2026-10,398,"));
}

/* Each malformed file is refused naming where, and leaves the database as it was. */
static void
assert_refused (Fixture    *f,
                const char *csv,
                gsize       length,
                const char *expected)
{
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  guint before = ib_store_count (f->store, &ib_type_measurement);

  changes = ib_kpi_csv_prepare (f->store, csv, length, &error);
  g_assert_null (changes);
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
  g_assert_cmpuint (ib_store_count (f->store, &ib_type_measurement), ==, before);
  g_assert_cmpuint (outbox_len (f->store), ==, 0);
}

#define REFUSED(f, text, expected) assert_refused (f, text, sizeof text - 1, expected)

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  REFUSED (f, "indicator,period,value\nCLA_N,2021-03,4.46e2\nCLA_N,2021-04,44 6\n",
           "Line 3, column 3 (value): “44 6” is not a number");
  REFUSED (f, "indicator,period,value\nCLA_N,2021-03,\"1,234\"\n",
           "Line 2, column 3 (value): “1,234” is not a number");
  REFUSED (f, "indicator,period,value\nNOT_A_KPI,2021-03,1\n",
           "Line 2, column 1 (indicator): no indicator has the code “NOT_A_KPI”.");
  REFUSED (f, "indicator,period,value\nCLA_N,2021-03,1\nCLA_N,2021-03,2\n",
           "Line 3: a second value for CLA_N in 2021-03 (the first is on line 2).");
  REFUSED (f, "indicator,period,value\nCLA_N,March 2021,1\n",
           "Line 2, column 2 (period): “March 2021” is not a month written YYYY-MM.");
  REFUSED (f, "indicator,period,value\nCLA_N,2021-13,1\n", "Line 2, column 2 (period)");
  REFUSED (f, "indicator,period,value\nCLA_N,2021-03\n",
           "Line 2: 2 values where the header has 3 columns.");
  REFUSED (f, "indicator,period,value\nCLA_N,2021-03,1,extra\n",
           "Line 2: 4 values where the header has 3 columns.");
  REFUSED (f, "indicator,period,value,note\nCLA_N,2021-03,1,Caf\xE9\n",
           "Line 2, column 20: the file is not UTF-8 text.");
  REFUSED (f, "indicator,period,value,note\nCLA_N,2021-03,1,\"never closed\n",
           "Line 2, column 17: this quote is never closed.");
  REFUSED (f, "indicator,period,value,note\nCLA_N,2021-03,1,a \"quoted\" word\n",
           "Line 2, column 19: a quote inside a value");
  REFUSED (f, "indicator,period,valeu\nCLA_N,2021-03,1\n",
           "Line 1, column 3: unknown column “valeu”.");
  REFUSED (f, "indicator,period\nCLA_N,2021-03\n", "Line 1: the header has no “value” column.");
  REFUSED (f, "", "The file is empty");
  REFUSED (f, "\n\n", "The file is empty");

  /* Several problems are listed together, up to ten. */
  {
    g_autoptr (GString) many = g_string_new ("indicator,period,value\n");
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) changes = NULL;

    for (int i = 0; i < 12; i++)
      g_string_append_printf (many, "CLA_N,2021-%02d,x\n", i % 12 + 1);
    changes = ib_kpi_csv_prepare (f->store, many->str, many->len, &error);
    g_assert_null (changes);
    g_assert_nonnull (strstr (error->message, "Line 2, column 3 (value)"));
    g_assert_nonnull (strstr (error->message, "Line 11, column 3 (value)"));
    g_assert_null (strstr (error->message, "Line 12,"));
    g_assert_nonnull (strstr (error->message, "…and 2 more problems."));
  }
}

/* Data entry: one value per indicator and month, a second refused by name. */
static void
test_second_value_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GListModel) found = ib_store_list_where (f->store, &ib_type_indicator, "code", "CLA_N");
  g_autoptr (IbRecord) indicator = g_list_model_get_item (found, 0);
  g_autoptr (IbRecord) second = ib_record_new (&ib_type_measurement);
  g_autoptr (GError) error = NULL;
  const char *field = NULL;

  ib_record_set_string (second, "indicator", ib_record_get_id (indicator));
  ib_record_set_string (second, "period", "2021-03");
  ib_record_set_double (second, "value", 447);
  g_assert_false (ib_store_check_record (f->store, second, &field, &error));
  g_assert_cmpstr (field, ==, "period");
  g_assert_cmpstr (error->message, ==, "CLA_N already has a value for 2021-03. Change that month’s value instead.");
  g_clear_error (&error);
  g_assert_false (ib_store_create (f->store, second, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CONSTRAINT);
  g_assert_cmpuint (outbox_len (f->store), ==, 0);
  g_clear_error (&error);

  ib_record_set_string (second, "period", "2026-10");
  g_assert_true (ib_store_create (f->store, second, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/kpi-csv/reader", test_csv_reader);
#define ADD(path, func) \
  g_test_add ("/core/kpi-csv/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("import", test_import);
  ADD ("malformed", test_malformed);
  ADD ("second-value-refused", test_second_value_refused);
#undef ADD

  return g_test_run ();
}
