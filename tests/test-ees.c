/* test-ees.c: Explore Education Statistics files into KPIs, and Ofsted outcomes summaries:
 * the tidy layout read from the files in tests/data, every published symbol kept as "not
 * published", England, region and neighbours' figures, ranks, revisions, the preview, the
 * remembered mapping, and every bad file refused by line and column with nothing written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "ib-council.h"
#include "ib-csv.h"
#include "ib-demo.h"
#include "ib-ees.h"
#include "ib-national-grades.h"
#include "ib-xlsx.h"
#include "ib-test-util.h"

static const char * const bcp_neighbours[] = {
  "822", "882", "886", "878", "826", "303", "938", "926", "845", "881", NULL
};

static const char * const cla_filters[] = {
  "population_type=Children looked after on 31 March each year", NULL
};

typedef struct
{
  IbStore *store;
} Fixture;

static void
add_indicator (IbStore    *store,
               const char *code,
               const char *unit,
               const char *polarity)
{
  g_autoptr (IbRecord) indicator = ib_record_new (&ib_type_indicator);
  g_autoptr (GError) error = NULL;

  ib_record_set_string (indicator, "code", code);
  ib_record_set_string (indicator, "title", code);
  ib_record_set_string (indicator, "unit", unit);
  ib_record_set_string (indicator, "polarity", polarity);
  g_assert_true (ib_store_create (store, indicator, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->store = ib_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (f->store, &error), >, 0);
  g_assert_true (ib_council_set_la_code (f->store, "839", &error));
  g_assert_true (ib_council_set_neighbours (f->store, bcp_neighbours, &error));
  g_assert_no_error (error);
  add_indicator (f->store, "CLA_RATE", "rate_per_10k", "neutral");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
}

static char *
data_path (const char *folder,
           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", folder, name, NULL);
}

static GInputStream *
open_data (const char *folder,
           const char *name)
{
  g_autofree char *path = data_path (folder, name);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  GFileInputStream *stream = g_file_read (file, NULL, &error);

  g_assert_no_error (error);
  return G_INPUT_STREAM (stream);
}

static GInputStream *
open_text (const char *text,
           gssize      length)
{
  return g_memory_input_stream_new_from_data (g_memdup2 (text, length < 0 ? strlen (text) : (gsize) length),
                                              length < 0 ? (gssize) strlen (text) : length, g_free);
}

static IbEesScan *
scan_data (const char *name)
{
  g_autoptr (GInputStream) stream = open_data ("ees", name);
  g_autoptr (GError) error = NULL;
  IbEesScan *scan = ib_ees_scan (stream, name, NULL, &error);

  g_assert_no_error (error);
  return scan;
}

static GPtrArray *
prepare_data (IbStore      *store,
              const char   *name,
              IbEesScan    *scan,
              IbEesMapping *mapping,
              GError      **error)
{
  g_autoptr (GInputStream) stream = open_data ("ees", name);

  return ib_ees_prepare (store, stream, scan, mapping, "2025-11-26", NULL, error);
}

static IbKpiChange *
change_for (GPtrArray  *changes,
            IbStore    *store,
            const char *code,
            const char *period)
{
  for (guint i = 0; i < changes->len; i++)
    {
      IbKpiChange *change = changes->pdata[i];
      g_autoptr (IbRecord) indicator = ib_store_get (store, &ib_type_indicator,
                                                     ib_record_get_string (change->record, "indicator"), NULL);

      if (g_str_equal (ib_record_get_string (indicator, "code"), code) &&
          g_str_equal (ib_record_get_string (change->record, "period"), period))
        return change;
    }
  g_error ("no change for %s %s", code, period);
  return NULL;
}

static IbEesMapping *
cla_mapping (IbEesScan *scan)
{
  IbEesMapping *mapping = ib_ees_mapping_new (scan);

  g_free (mapping->title);
  mapping->title = g_strdup ("Children looked after, number and rate per 10,000 children");
  mapping->publication = g_strdup ("Children looked after in England including adoptions");
  ib_ees_mapping_add (mapping, "CLA_RATE", "rate_per_10000", cla_filters, TRUE);
  return mapping;
}

static guint
outbox_len (IbStore *store)
{
  g_autoptr (GPtrArray) outbox = ib_store_get_outbox (store);

  return outbox->len;
}

/* The published layout is recognised: its filters and indicators told apart by content, its
 * periods and areas found, and the same header always the same data set. */
static void
test_scan (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (IbEesScan) scan = scan_data ("cla_number_and_rate_per_10k_children.csv");
  g_autoptr (IbEesScan) again = scan_data ("cla_number_and_rate_per_10k_children.csv");
  g_autoptr (IbEesScan) other = scan_data ("c1_children_in_need_referrals_and_rereferrals.csv");
  const char *names[] = { "population_type", "population_estimate", "children_count", "rate_per_10000" };

  g_assert_cmpstr (scan->file_name, ==, "cla_number_and_rate_per_10k_children.csv");
  g_assert_cmpstr (scan->title, ==, "Cla number and rate per 10k children");
  g_assert_cmpuint (scan->columns->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (((IbEesColumn *) scan->columns->pdata[i])->name, ==, names[i]);
  g_assert_false (((IbEesColumn *) scan->columns->pdata[0])->indicator);
  g_assert_cmpuint (((IbEesColumn *) scan->columns->pdata[0])->values->len, ==, 3);
  /* A column holding "c" and "x" among its numbers is still a column of figures. */
  g_assert_true (((IbEesColumn *) scan->columns->pdata[3])->indicator);
  g_assert_cmpuint (scan->periods->len, ==, 2);
  g_assert_cmpstr (scan->periods->pdata[0], ==, "2024");
  g_assert_cmpstr (scan->time_identifier, ==, "Reporting year");
  g_assert_cmpuint (scan->max_las, ==, 11);
  g_assert_cmpstr (g_hash_table_lookup (scan->las, "E06000058"), ==, "Bournemouth, Christchurch and Poole");
  g_assert_cmpstr (g_hash_table_lookup (scan->las, "839"), ==, "Bournemouth, Christchurch and Poole");
  g_assert_cmpstr (scan->dataset, ==, again->dataset);
  g_assert_cmpstr (scan->dataset, !=, other->dataset);
}

/* The council's own figures, England's, the South West's and the mean of the neighbours the
 * file holds a number for, with the source on each figure; then written in one go. */
static void
test_import_cla (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (IbEesScan) scan = scan_data ("cla_number_and_rate_per_10k_children.csv");
  g_autoptr (IbEesMapping) mapping = cla_mapping (scan);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (GError) error = NULL;
  guint before = outbox_len (f->store);
  IbKpiChange *change;
  IbRecord *m;

  g_assert_null (ib_ees_mapping_problems (mapping, scan, f->store));
  changes = prepare_data (f->store, "cla_number_and_rate_per_10k_children.csv", scan, mapping, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpuint (outbox_len (f->store), ==, before);

  change = change_for (changes, f->store, "CLA_RATE", "2025-03");
  g_assert_cmpint (change->kind, ==, IB_KPI_CHANGE_CREATE);
  m = change->record;
  g_assert_cmpfloat (ib_record_get_double (m, "value"), ==, 75);
  g_assert_cmpfloat (ib_record_get_double (m, "england"), ==, 67);
  g_assert_cmpfloat (ib_record_get_double (m, "region"), ==, 62);
  /* Nine of the ten: Essex's is suppressed ("c"), so the mean is of the other nine. */
  g_assert_cmpfloat_with_epsilon (ib_record_get_double (m, "stat_neighbours"), 559.0 / 9, 1e-9);
  g_assert_cmpint (ib_record_get_int (m, "sn_count", 0), ==, 9);
  g_assert_cmpint (ib_record_get_int (m, "sn_rank", 0), ==, 9);
  g_assert_cmpint (ib_record_get_int (m, "sn_rank_of", 0), ==, 10);
  /* Eleven councils are not every council: no national rank. */
  g_assert_false (ib_record_has (m, "rank"));
  g_assert_cmpstr (ib_record_get_string (m, "source_file"), ==, "cla_number_and_rate_per_10k_children.csv");
  g_assert_cmpstr (ib_record_get_string (m, "source_publication"), ==, "Children looked after in England including adoptions");
  g_assert_cmpstr (ib_record_get_string (m, "source_dataset"), ==, "Children looked after, number and rate per 10,000 children");
  g_assert_cmpstr (ib_record_get_string (m, "source_published"), ==, "2025-11-26");
  g_assert_cmpstr (ib_record_get_string (m, "source_period"), ==, "2025");
  g_assert_cmpstr (ib_record_get_string (m, "source_release"), ==, "2025-03");
  g_assert_true (ib_record_get_bool (m, "source_own"));

  m = change_for (changes, f->store, "CLA_RATE", "2024-03")->record;
  g_assert_cmpfloat (ib_record_get_double (m, "value"), ==, 73);
  g_assert_cmpfloat (ib_record_get_double (m, "england"), ==, 69);
  g_assert_cmpfloat_with_epsilon (ib_record_get_double (m, "stat_neighbours"), 542.0 / 9, 1e-9);

  g_assert_true (ib_kpi_csv_apply (f->store, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (outbox_len (f->store), ==, before + 2);

  /* The same file again changes nothing. */
  again = prepare_data (f->store, "cla_number_and_rate_per_10k_children.csv", scan, mapping, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < again->len; i++)
    g_assert_cmpint (((IbKpiChange *) again->pdata[i])->kind, ==, IB_KPI_CHANGE_UNCHANGED);
}

/* A KPI with monthly figures of its own: the comparators come in beside them, and the preview
 * says which months change. */
static void
test_import_into_existing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (IbEesScan) scan = scan_data ("c1_children_in_need_referrals_and_rereferrals.csv");
  g_autoptr (IbEesMapping) mapping = ib_ees_mapping_new (scan);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  IbRecord *m;

  ib_ees_mapping_add (mapping, "REREF12", "rereferral_percent",
                      (const char * const []) { "category=Referrals and Re-referrals", NULL }, FALSE);
  changes = prepare_data (f->store, "c1_children_in_need_referrals_and_rereferrals.csv", scan, mapping, &error);
  g_assert_no_error (error);
  m = change_for (changes, f->store, "REREF12", "2025-03")->record;
  g_assert_cmpfloat (ib_record_get_double (m, "england"), ==, 22.6);
  g_assert_cmpfloat (ib_record_get_double (m, "region"), ==, 22.1);
  /* Kent's "u" and Bexley's "c" are left out of the mean. */
  g_assert_cmpint (ib_record_get_int (m, "sn_count", 0), ==, 8);
  g_assert_cmpfloat_with_epsilon (ib_record_get_double (m, "stat_neighbours"),
                                  (19.5 + 24.1 + 21.0 + 18.2 + 23.3 + 20.4 + 17.9 + 25.0) / 8, 1e-9);
  g_assert_false (ib_record_get_bool (m, "source_own"));
}

/* A count is the council's own size: its figure comes in, England's total and a mean of other
 * councils' sizes do not, nor a rank by size. */
static void
test_counts_alone (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (IbEesScan) scan = scan_data ("cla_number_and_rate_per_10k_children.csv");
  g_autoptr (IbEesMapping) mapping = ib_ees_mapping_new (scan);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  IbRecord *m;

  ib_ees_mapping_add (mapping, "CLA_N", "children_count", cla_filters, TRUE);
  changes = prepare_data (f->store, "cla_number_and_rate_per_10k_children.csv", scan, mapping, &error);
  g_assert_no_error (error);
  m = change_for (changes, f->store, "CLA_N", "2025-03")->record;
  g_assert_cmpfloat (ib_record_get_double (m, "value"), ==, 560);
  g_assert_false (ib_record_has (m, "england"));
  g_assert_false (ib_record_has (m, "region"));
  g_assert_false (ib_record_has (m, "stat_neighbours"));
  g_assert_false (ib_record_has (m, "sn_rank"));
  g_assert_cmpstr (ib_record_get_string (m, "source_period"), ==, "2025");
}

/* Every published symbol is "not published" with its meaning, never a number. */
static void
test_symbols (Fixture       *f,
              gconstpointer  data)
{
  static const struct { const char *period; const char *symbol; double value; } expected[] = {
    { "2015-03", "c", NAN }, { "2016-03", "low", NAN }, { "2017-03", "u", NAN },
    { "2018-03", "x", NAN }, { "2019-03", "z", NAN }, { "2020-03", "x", NAN },
    { "2021-03", "x", NAN }, { "2022-03", "low", NAN }, { "2023-03", "c", NAN },
    { "2024-03", NULL, 0 }, { "2025-03", NULL, 12.5 },
  };
  g_autoptr (IbEesScan) scan = scan_data ("symbols_constructed.csv");
  g_autoptr (IbEesMapping) mapping = ib_ees_mapping_new (scan);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;

  add_indicator (f->store, "SYM", "percent", "neutral");
  ib_ees_mapping_add (mapping, "SYM", "children_percent", (const char * const []) { "measure=Total", NULL }, TRUE);
  changes = prepare_data (f->store, "symbols_constructed.csv", scan, mapping, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      IbRecord *m = change_for (changes, f->store, "SYM", expected[i].period)->record;

      g_assert_cmpstr (ib_record_get_string (m, "value_symbol"), ==, expected[i].symbol);
      if (isnan (expected[i].value))
        g_assert_true (isnan (ib_record_get_double (m, "value")));
      else
        g_assert_cmpfloat (ib_record_get_double (m, "value"), ==, expected[i].value);
    }
  g_assert_true (ib_kpi_csv_apply (f->store, changes, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 13; i++)
    {
      static const char * const texts[] = { "c", "low", "u", "x", "z", "[c]", "[low]", "[u]", "[x]", "[z]", ":", "..", "~" };
      static const char * const codes[] = { "c", "low", "u", "x", "z", "c", "low", "u", "x", "z", "x", "x", "low" };

      g_assert_cmpstr (ib_ees_symbol_code (texts[i]), ==, codes[i]);
    }
  g_assert_null (ib_ees_symbol_code ("0"));
  g_assert_null (ib_ees_symbol_code ("-"));
}

/* The periods the time identifiers name, at the month each ends, labelled as published. */
static void
test_periods (void)
{
  static const char * const cases[][4] = {
    { "2025", "Reporting year", "2025-03", "2025" },
    { "2023", "Calendar year", "2023-12", "2023" },
    { "202324", "Financial year", "2024-03", "2023–24" },
    { "202324", "Academic year", "2024-08", "2023/24" },
    { "202324", "Tax year", "2024-04", "2023–24" },
    { "202324", "Financial year Q1", "2023-06", "2023–24 Financial year Q1" },
    { "202324", "Financial year Q4", "2024-03", "2023–24 Financial year Q4" },
    { "202324", "Autumn term", "2023-12", "2023/24 Autumn term" },
    { "2024", "January", "2024-01", "2024 January" },
  };
  char *period = NULL, *label = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (ib_ees_period (cases[i][0], cases[i][1], &period, &label));
      g_assert_cmpstr (period, ==, cases[i][2]);
      g_assert_cmpstr (label, ==, cases[i][3]);
      g_clear_pointer (&period, g_free);
      g_clear_pointer (&label, g_free);
    }
  g_assert_false (ib_ees_period ("2024", "Week 12", &period, &label));
  g_assert_false (ib_ees_period ("202325", "Financial year", &period, &label));
  g_assert_false (ib_ees_period ("20x4", "Reporting year", &period, &label));
  g_assert_null (period);
}

/* Writes a file of @n_las councils (codes 800 on, the council 839 among them) for 2025. */
static char *
national_file (guint n_las)
{
  GString *text = g_string_new ("time_period,time_identifier,geographic_level,country_code,country_name,"
                                "region_code,region_name,old_la_code,new_la_code,la_name,breakdown,rate\n"
                                "2025,Reporting year,National,E92000001,England,,,,,,Total,50\n");

  for (guint i = 0; i < n_las; i++)
    {
      guint code = 800 + i;
      /* The council's figure is 20.5: 20 councils have lower figures; one is suppressed. */
      const char *value = code == 839 ? "20.5" : code == 801 ? "c" : NULL;
      g_autofree char *number = g_strdup_printf ("%u", i < 21 && code != 839 ? i : 100 + i);

      g_string_append_printf (text, "2025,Reporting year,Local authority,E92000001,England,E12000009,South West,"
                              "%u,E0%07u,Council %u,Total,%s\n", code, code, code, value != NULL ? value : number);
    }
  return g_string_free (text, FALSE);
}

/* With every council in the file, the council's rank among them and its quartile, by the
 * KPI's polarity; and among its neighbours. */
static void
test_ranks (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *text = national_file (153);
  g_autoptr (GInputStream) first = open_text (text, -1);
  g_autoptr (GInputStream) second = open_text (text, -1);
  g_autoptr (IbEesScan) scan = NULL;
  g_autoptr (IbEesMapping) mapping = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  IbRecord *m;

  add_indicator (f->store, "LOW", "percent", "lower_is_better");
  add_indicator (f->store, "HIGH", "percent", "higher_is_better");
  g_assert_true (ib_council_set_neighbours (f->store, (const char * const []) { "800", "802", "900", NULL }, &error));
  scan = ib_ees_scan (first, "national.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scan->max_las, ==, 153);
  mapping = ib_ees_mapping_new (scan);
  ib_ees_mapping_add (mapping, "LOW", "rate", (const char * const []) { "breakdown=Total", NULL }, TRUE);
  ib_ees_mapping_add (mapping, "HIGH", "rate", (const char * const []) { "breakdown=Total", NULL }, TRUE);
  changes = ib_ees_prepare (f->store, second, scan, mapping, NULL, NULL, &error);
  g_assert_no_error (error);

  /* 152 councils have a number. Below 20.5: the figures 0 and 2…20 (801 is suppressed). */
  m = change_for (changes, f->store, "LOW", "2025-03")->record;
  g_assert_cmpint (ib_record_get_int (m, "rank", 0), ==, 21);
  g_assert_cmpint (ib_record_get_int (m, "rank_of", 0), ==, 152);
  g_assert_cmpint (ib_record_get_int (m, "quartile", 0), ==, 1);
  g_assert_cmpint (ib_record_get_int (m, "sn_rank", 0), ==, 3);
  g_assert_cmpint (ib_record_get_int (m, "sn_rank_of", 0), ==, 4);
  g_assert_null (ib_record_get_string (m, "source_published"));

  m = change_for (changes, f->store, "HIGH", "2025-03")->record;
  g_assert_cmpint (ib_record_get_int (m, "rank", 0), ==, 132);
  g_assert_cmpint (ib_record_get_int (m, "quartile", 0), ==, 4);
  g_assert_cmpint (ib_record_get_int (m, "sn_rank", 0), ==, 2);
}

/* A later release that changes an earlier year's figure marks it revised; an older file
 * imported after it changes nothing the later one holds. */
static void
test_revised (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (IbEesScan) scan = scan_data ("cla_number_and_rate_per_10k_children.csv");
  g_autoptr (IbEesMapping) mapping = cla_mapping (scan);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = data_path ("ees", "cla_number_and_rate_per_10k_children.csv");
  g_autofree char *contents = NULL;
  g_autofree char *later = NULL;
  g_autoptr (GInputStream) first = NULL;
  g_autoptr (GInputStream) second = NULL;
  g_autoptr (IbEesScan) later_scan = NULL;
  IbKpiChange *change;

  changes = prepare_data (f->store, "cla_number_and_rate_per_10k_children.csv", scan, mapping, &error);
  g_assert_true (ib_kpi_csv_apply (f->store, changes, &error));
  g_assert_no_error (error);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* The next release: 2026 added, 2025's council figure revised from 75 to 76. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  {
    GString *text = g_string_new (contents);

    g_string_replace (text, "Children looked after on 31 March each year,74810,560,75",
                      "Children looked after on 31 March each year,74810,569,76", 1);
    g_string_replace (text, "\r\n2024,", "\r\n2026,", 0);
    later = g_string_free (text, FALSE);
  }
  first = open_text (later, -1);
  second = open_text (later, -1);
  later_scan = ib_ees_scan (first, "cla_number_and_rate_per_10k_children.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (later_scan->dataset, ==, scan->dataset);
  changes = ib_ees_prepare (f->store, second, later_scan, mapping, "2026-11-25", NULL, &error);
  g_assert_no_error (error);
  change = change_for (changes, f->store, "CLA_RATE", "2025-03");
  g_assert_cmpint (change->kind, ==, IB_KPI_CHANGE_UPDATE);
  g_assert_cmpfloat (ib_record_get_double (change->record, "value"), ==, 76);
  g_assert_cmpstr (ib_record_get_string (change->record, "revised"), ==, "value");
  g_assert_cmpstr (ib_record_get_string (change->record, "source_release"), ==, "2026-03");
  g_assert_cmpint (change_for (changes, f->store, "CLA_RATE", "2026-03")->kind, ==, IB_KPI_CHANGE_CREATE);
  g_assert_true (ib_kpi_csv_apply (f->store, changes, &error));
  g_assert_no_error (error);
  g_clear_pointer (&changes, g_ptr_array_unref);

  changes = prepare_data (f->store, "cla_number_and_rate_per_10k_children.csv", scan, mapping, &error);
  g_assert_no_error (error);
  change = change_for (changes, f->store, "CLA_RATE", "2025-03");
  g_assert_cmpint (change->kind, ==, IB_KPI_CHANGE_UNCHANGED);
  g_assert_cmpfloat (ib_record_get_double (change->record, "value"), ==, 76);
}

/* Asked once: the mapping is kept per data set and found again by the file's header. */
static void
test_mapping_remembered (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (IbEesScan) scan = scan_data ("cla_number_and_rate_per_10k_children.csv");
  g_autoptr (IbEesMapping) mapping = cla_mapping (scan);
  g_autoptr (IbEesMapping) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *problems = NULL;
  IbEesMappingItem *item;

  g_assert_null (ib_ees_mapping_load (f->store, scan->dataset));
  g_assert_true (ib_ees_mapping_save (f->store, mapping, &error));
  g_assert_no_error (error);
  loaded = ib_ees_mapping_load (f->store, scan->dataset);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (loaded->title, ==, mapping->title);
  g_assert_cmpstr (loaded->publication, ==, mapping->publication);
  g_assert_cmpuint (loaded->items->len, ==, 1);
  item = loaded->items->pdata[0];
  g_assert_cmpstr (item->indicator, ==, "CLA_RATE");
  g_assert_cmpstr (item->column, ==, "rate_per_10000");
  g_assert_true (g_strv_equal ((const char * const *) item->filters, cla_filters));
  g_assert_true (item->own_value);

  /* What a mapping lacks is said, all of it. */
  g_clear_pointer (&loaded, ib_ees_mapping_free);
  loaded = ib_ees_mapping_new (scan);
  ib_ees_mapping_add (loaded, "NOPE", "rate", NULL, TRUE);
  problems = ib_ees_mapping_problems (loaded, scan, f->store);
  g_assert_nonnull (strstr (problems, "No KPI has the code “NOPE”."));
  g_assert_nonnull (strstr (problems, "The file has no column of figures called “rate” (for NOPE)."));
  g_assert_nonnull (strstr (problems, "NOPE needs a value for the filter “population_type”."));
}

static void
assert_refused (Fixture    *f,
                const char *text,
                gssize      length,
                GQuark      domain,
                int         code,
                const char *message)
{
  g_autoptr (GInputStream) first = open_text (text, length);
  g_autoptr (GInputStream) second = open_text (text, length);
  g_autoptr (IbEesScan) scan = NULL;
  g_autoptr (IbEesMapping) mapping = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  guint before = outbox_len (f->store);
  guint measurements = ib_store_count (f->store, &ib_type_measurement);

  scan = ib_ees_scan (first, "bad.csv", NULL, &error);
  if (scan != NULL)
    {
      mapping = ib_ees_mapping_new (scan);
      ib_ees_mapping_add (mapping, "CLA_RATE", "rate_per_10000", cla_filters, TRUE);
      changes = ib_ees_prepare (f->store, second, scan, mapping, NULL, NULL, &error);
      g_assert_null (changes);
    }
  g_assert_error (error, domain, code);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message);
  g_assert_cmpuint (outbox_len (f->store), ==, before);
  g_assert_cmpuint (ib_store_count (f->store, &ib_type_measurement), ==, measurements);
}

#define HEADER "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name," \
               "old_la_code,la_name,new_la_code,population_type,population_estimate,children_count,rate_per_10000\n"
#define ENGLAND "2025,Reporting year,National,E92000001,England,,,,,,Children looked after on 31 March each year,12183016,81770,67\n"
#define BCP "2025,Reporting year,Local authority,E92000001,England,E12000009,South West,839,\"Bournemouth, Christchurch and Poole\",E06000058,Children looked after on 31 March each year,74810,560,"

/* Bad files are refused with the line and column, and nothing is written. */
static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  assert_refused (f, "indicator_name,value\nA,1\n", -1, IB_EES_ERROR, IB_EES_ERROR_NOT_EES,
                  "its first line has no “time_period” column");
  assert_refused (f, HEADER ENGLAND "2025,Reporting year,Local authority,E92000001,England,E12000009,South West,839,Bournemouth \xE9,E06000058,x,1,1,1\n",
                  -1, IB_CSV_ERROR, IB_CSV_ERROR_ENCODING, "Line 3, column 92: the file is not UTF-8 text");
  /* A column with words in it is not a column of figures, wherever they are. */
  assert_refused (f, HEADER ENGLAND BCP "seventy-five\n", -1, IB_EES_ERROR, IB_EES_ERROR_MAPPING,
                  "Line 3, column 14 (rate_per_10000): “seventy-five” is neither a number nor a published symbol");
  assert_refused (f, HEADER ENGLAND BCP "75\n" BCP "76\n", -1, IB_EES_ERROR, IB_EES_ERROR_BAD_VALUE,
                  "Line 4: a second row for E06000058 in 2025 with the same filters (the first is on line 3)");
  assert_refused (f, HEADER ENGLAND BCP "75\n2025,Reporting year,National", -1, IB_EES_ERROR, IB_EES_ERROR_BAD_VALUE,
                  "Line 4: 3 values where the header has 14 columns.");
  assert_refused (f, "PK\x03\x04\x14\0\0\0", 8, IB_EES_ERROR, IB_EES_ERROR_SPREADSHEET, "save it as “CSV UTF-8”");

  g_assert_true (ib_council_set_la_code (f->store, "E06000059", &error));
  assert_refused (f, HEADER ENGLAND BCP "75\n", -1, IB_EES_ERROR, IB_EES_ERROR_NO_COUNCIL,
                  "The file has no row for the council’s local authority code, E06000059");
  g_assert_true (ib_council_set_la_code (f->store, NULL, &error));
  assert_refused (f, HEADER ENGLAND BCP "75\n", -1, IB_EES_ERROR, IB_EES_ERROR_NO_COUNCIL,
                  "Set its local authority code in Preferences");
}

/* The council's identity is checked as it is set. */
static void
test_council_settings (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) neighbours = ib_council_dup_neighbours (f->store);
  g_autofree char *code = ib_council_dup_la_code (f->store);

  g_assert_cmpstr (code, ==, "839");
  g_assert_true (g_strv_equal ((const char * const *) neighbours, bcp_neighbours));
  g_assert_true (ib_council_code_is_valid ("E06000058"));
  g_assert_false (ib_council_code_is_valid ("E0600005"));
  g_assert_false (ib_council_set_la_code (f->store, "BCP", &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ib_council_set_neighbours (f->store, (const char * const []) { "822", "839", NULL }, &error));
  g_assert_nonnull (strstr (error->message, "839 is the council’s own code"));
  g_clear_error (&error);
  g_assert_false (ib_council_set_neighbours (f->store, (const char * const []) { "822", "822", NULL }, &error));
  g_clear_error (&error);
  g_assert_false (ib_council_set_neighbours (f->store,
                  (const char * const []) { "1", NULL }, &error));
  g_clear_error (&error);
  g_strfreev (neighbours);
  neighbours = ib_council_dup_neighbours (f->store);
  g_assert_true (g_strv_equal ((const char * const *) neighbours, bcp_neighbours));
}

/* Other councils' grades: the published summary read, the England distribution and the
 * neighbours' grades per area, and a bad summary refused leaving the last one in place. */
static void
test_ofsted_outcomes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GInputStream) stream = open_data ("ofsted", "ofsted_csc_ilacs_overview.csv");
  g_autoptr (GInputStream) bad = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *grade = NULL;
  g_autofree char *name = NULL;
  g_auto (GStrv) suggested = NULL;
  guint counts[4];

  g_assert_cmpuint (ib_national_grades_import (f->store, stream, "ofsted_csc_ilacs_overview.csv", NULL, &error), ==, 11);
  g_assert_no_error (error);
  g_assert_cmpuint (ib_national_grades_distribution (f->store, "overall_effectiveness", counts), ==, 11);
  g_assert_cmpuint (counts[0], ==, 3);
  g_assert_cmpuint (counts[1], ==, 5);
  g_assert_cmpuint (counts[2], ==, 2);
  g_assert_cmpuint (counts[3], ==, 1);
  grade = ib_national_grade_for (f->store, "E06000058", "care_leavers");
  g_assert_cmpstr (grade, ==, "requires_improvement");
  name = ib_national_la_name (f->store, "878");
  g_assert_cmpstr (name, ==, "devon");
  suggested = ib_national_suggest_neighbours (f->store, "839");
  g_assert_true (g_strv_equal ((const char * const *) suggested, bcp_neighbours));
  g_assert_cmpstr (ib_national_area_for ("children_in_care_and_care_leavers"), ==, "children_in_care");
  g_assert_null (ib_national_area_for ("sif_adoption"));

  bad = open_text ("la_code,local_authority,overall_effectiveness_grade,inspection_start_date\n"
                   "839,bcp,good,02/12/2024\n"
                   "822,bedford,very good,31/02/2023\n", -1);
  g_assert_cmpuint (ib_national_grades_import (f->store, bad, "bad.csv", NULL, &error), ==, 0);
  g_assert_error (error, IB_EES_ERROR, IB_EES_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "Line 3, column 3: “very good” is not one of Ofsted’s grades"));
  g_assert_nonnull (strstr (error->message, "Line 3, column 4: “31/02/2023” is not a date"));
  g_assert_cmpuint (ib_national_grades_count (f->store), ==, 11);
}

/* The same summary as the .xlsx workbook it is published in: the cut made from the CSV reads
 * as the CSV does, the whole published workbook of 22 August 2026 gives every council, and a
 * bad grade in a workbook is named by sheet, row and column, leaving the last import alone. */
static void
test_ofsted_workbook (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GInputStream) cut = open_data ("ofsted", "ofsted_csc_ilacs_overview.xlsx");
  g_autoptr (GInputStream) published = open_data ("ofsted", "ofsted_csc_ilacs_overview-published.xlsx");
  g_autoptr (GInputStream) bad = open_data ("xlsx", "bad-grade.xlsx");
  g_autoptr (GInputStream) docx = open_data ("xlsx", "not-workbook.docx");
  g_autoptr (GError) error = NULL;
  g_autofree char *grade = NULL;
  g_autofree char *ungraded = NULL;
  g_auto (GStrv) suggested = NULL;
  guint counts[4];

  g_assert_cmpuint (ib_national_grades_import (f->store, cut, "ofsted_csc_ilacs_overview.xlsx", NULL, &error), ==, 11);
  g_assert_no_error (error);
  g_assert_cmpuint (ib_national_grades_distribution (f->store, "overall_effectiveness", counts), ==, 11);
  g_assert_cmpuint (counts[0], ==, 3);
  g_assert_cmpuint (counts[1], ==, 5);
  grade = ib_national_grade_for (f->store, "E06000058", "care_leavers");
  g_assert_cmpstr (grade, ==, "requires_improvement");
  suggested = ib_national_suggest_neighbours (f->store, "839");
  g_assert_true (g_strv_equal ((const char * const *) suggested, bcp_neighbours));

  g_assert_cmpuint (ib_national_grades_import (f->store, published, "ofsted_csc_ilacs_overview.xlsx", NULL, &error), ==, 153);
  g_assert_no_error (error);
  /* 11 councils inspected under the 2026 framework have no overall grade. */
  g_assert_cmpuint (ib_national_grades_distribution (f->store, "overall_effectiveness", counts), ==, 142);
  g_clear_pointer (&grade, g_free);
  grade = ib_national_grade_for (f->store, "E06000058", "overall_effectiveness");
  g_assert_cmpstr (grade, ==, "good");
  /* Blackpool's is one: "not_reported_post_reform" is no grade, not a bad one. */
  ungraded = ib_national_grade_for (f->store, "E06000009", "overall_effectiveness");
  g_assert_null (ungraded);
  g_clear_pointer (&grade, g_free);
  grade = ib_national_grade_for (f->store, "E06000009", "help_and_protection");
  g_assert_nonnull (grade);

  g_assert_cmpuint (ib_national_grades_import (f->store, bad, "bad-grade.xlsx", NULL, &error), ==, 0);
  g_assert_error (error, IB_EES_ERROR, IB_EES_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "Sheet “Grades”:\nLine 6, column 2: “very good” is not one of Ofsted’s grades"));
  g_clear_error (&error);
  g_assert_cmpuint (ib_national_grades_import (f->store, docx, "letter.docx", NULL, &error), ==, 0);
  g_assert_error (error, IB_XLSX_ERROR, IB_XLSX_ERROR_NOT_WORKBOOK);
  g_assert_cmpuint (ib_national_grades_count (f->store), ==, 153);
}

/* The DfE's statistical neighbours shipped with the app: BCP's ten by either code, and the
 * whole list sound (153 councils, ten distinct neighbours each, all on the list, none itself). */
static void
test_dfe_neighbours (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "neighbours", "statistical-neighbours.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *name = NULL;
  g_auto (GStrv) by_old = ib_council_dfe_neighbours ("839");
  g_auto (GStrv) by_new = ib_council_dfe_neighbours ("E06000058");
  g_auto (GStrv) unknown = ib_council_dfe_neighbours ("999");
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  g_assert_true (g_strv_equal ((const char * const *) by_old, bcp_neighbours));
  g_assert_true (g_strv_equal ((const char * const *) by_new, bcp_neighbours));
  g_assert_null (unknown[0]);
  name = ib_council_dfe_name ("E06000055");
  g_assert_cmpstr (name, ==, "Bedford Borough");

  g_assert_true (g_file_get_contents (path, &csv, &length, NULL));
  rows = ib_csv_parse (csv, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1 + 153);
  for (guint i = 1; i < rows->len; i++)
    {
      IbCsvRow *row = rows->pdata[i];
      g_auto (GStrv) list = ib_council_dfe_neighbours (row->fields[0]);
      g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpuint (g_strv_length (list), ==, IB_COUNCIL_N_NEIGHBOURS);
      for (guint n = 0; list[n] != NULL; n++)
        {
          g_auto (GStrv) theirs = ib_council_dfe_neighbours (list[n]);

          g_assert_cmpstr (list[n], !=, row->fields[0]);
          g_assert_true (g_hash_table_add (seen, list[n]));
          g_assert_nonnull (theirs[0]);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/core/ees/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("scan", test_scan);
  ADD ("import-cla", test_import_cla);
  ADD ("import-into-existing", test_import_into_existing);
  ADD ("counts-alone", test_counts_alone);
  ADD ("symbols", test_symbols);
  g_test_add_func ("/core/ees/periods", test_periods);
  ADD ("ranks", test_ranks);
  ADD ("revised", test_revised);
  ADD ("mapping-remembered", test_mapping_remembered);
  ADD ("bad-files", test_bad_files);
  ADD ("council-settings", test_council_settings);
  ADD ("ofsted-outcomes", test_ofsted_outcomes);
  ADD ("ofsted-workbook", test_ofsted_workbook);
  g_test_add_func ("/core/ees/dfe-neighbours", test_dfe_neighbours);
#undef ADD

  return g_test_run ();
}
