/* test-report.c: packs drawn as PDF and read back with pdftotext, pdfinfo and qpdf: the cover
 * table, every appendix, "Page N of M", the comparison's sentences, tables split with their
 * header repeated, structure tags, and no trace of an exempt item in Part 1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "ib-demo.h"
#include "ib-pack.h"
#include "ib-pack-diff.h"
#include "ib-report.h"
#include "ib-test-util.h"
#include "ib-pack-fixture.h"
#include "ib-pdf-tools.h"

static void
issue_both (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (ib_pack_issue (f->store, f->ids.report1, "2022-01-10", &error));
  g_assert_true (ib_pack_issue (f->store, f->ids.report2, "2022-03-10", &error));
  g_assert_no_error (error);
}

/* Writes @report's @part as a PDF in the fixture's folder; returns its path (transfer full). */
static char *
write_part (Fixture    *f,
            const char *report,
            IbPackPart  part,
            guint      *n_pages)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) pack = ib_pack_load (f->store, report, &error);
  g_autoptr (IbReport) rendered = NULL;
  char *path = g_build_filename (f->dir, part == IB_PACK_PART_PUBLIC ? "part1.pdf" : "part2.pdf", NULL);

  g_assert_no_error (error);
  rendered = ib_report_new (pack, part, &error);
  g_assert_no_error (error);
  g_assert_true (ib_report_write_pdf (rendered, path, &error));
  g_assert_no_error (error);
  if (n_pages != NULL)
    *n_pages = ib_report_get_n_pages (rendered);
  return path;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  g_autofree char *squashed = ib_pdf_squash (needle);

  if (strstr (text, squashed) == NULL)
    g_error ("“%s” is not in the PDF's text", squashed);
}

static void
assert_lacks (const char *text,
              const char *needle,
              const char *where)
{
  if (strstr (text, needle) != NULL)
    g_error ("“%s” is in the %s", needle, where);
}

static void
assert_qpdf_check (const char *pdf)
{
  const char *argv[] = { "qpdf", "--check", pdf, NULL };
  int status = -1;
  g_autofree char *out = ib_pdf_run (argv, &status);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "No syntax or stream encoding errors"));
}

/* The cover table, every appendix, page numbers and the comparison's sentences. */
static void
test_part1_reads_back (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const labels[] = {
    "Report subject", "Meeting date", "Status", "Executive summary", "Recommendations",
    "Reason for recommendations", "Portfolio Holder(s)", "Corporate Director", "Report Authors",
    "Wards", "Classification",
  };
  static const char * const appendices[] = {
    "Appendix 1: Action plan and the latest position statements",
    "Appendix 2: Key performance indicators",
    "Appendix 3: Risk register",
    "Appendix 4: Ofsted judgements and findings, and the actions that answer them",
    "Appendix 5: Since the last board",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) pack = NULL;
  g_autoptr (JsonObject) part1 = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *info = NULL;
  guint n_pages = 0, sentences = 0;

  if (!ib_pdf_tools_ready ())
    return;

  issue_both (f);
  pdf = write_part (f, f->ids.report2, IB_PACK_PART_PUBLIC, &n_pages);
  text = ib_pdf_text (pdf, 0, 0);

  g_assert_cmpuint (n_pages, >=, 5);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    assert_contains (text, labels[i]);
  assert_contains (text, "Public report, with exempt information in Part 2");
  assert_contains (text, "Council-wide");
  assert_contains (text, "10 March 2022");
  for (guint i = 0; i < G_N_ELEMENTS (appendices); i++)
    assert_contains (text, appendices[i]);
  /* Numbered paragraphs, the template's headings. */
  assert_contains (text, "1. The focused visit set two areas for priority action.");
  assert_contains (text, "Summary of financial implications");
  assert_contains (text, "Summary of risk assessment");

  /* Page numbers on the first and the last page, with the total known on both. */
  {
    g_autofree char *one = g_strdup_printf ("Page 1 of %u", n_pages);
    g_autofree char *end = g_strdup_printf ("Page %u of %u", n_pages, n_pages);

    first = ib_pdf_text (pdf, 1, 1);
    last = ib_pdf_text (pdf, (int) n_pages, (int) n_pages);
    assert_contains (first, one);
    assert_contains (last, end);
  }

  /* Every public sentence of the comparison, exceptions on the first page. */
  pack = ib_pack_load (f->store, f->ids.report2, &error);
  part1 = ib_pack_dup_part1 (pack);
  {
    JsonObject *since = json_object_get_object_member (part1, "since");
    const char *lists[] = { "exceptions", "better", "other" };

    for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
      {
        JsonArray *changes = json_object_get_array_member (since, lists[l]);

        for (guint i = 0; i < json_array_get_length (changes); i++)
          {
            JsonObject *change = json_array_get_object_element (changes, i);
            g_autofree char *sentence = NULL;

            if (ib_pack_is_placeholder (change, NULL))
              continue;
            sentence = ib_pack_describe_change (change);
            assert_contains (text, sentence);
            sentences++;
          }
      }
  }
  g_assert_cmpuint (sentences, >=, 10);
  assert_contains (first, "Action 1 “Management oversight on every case file” moved from Amber to Red.");
  assert_contains (first, "Exceptions since the last board");
  /* RAG and grades as words (their shapes are drawn beside them). */
  assert_contains (text, "Red");
  assert_contains (text, "Amber");
  assert_contains (text, "Off target");

  assert_qpdf_check (pdf);

  {
    const char *argv[] = { "pdfinfo", pdf, NULL };
    int status = -1;

    info = ib_pdf_run (argv, &status);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (info, "Title:           Improvement Board: progress and exceptions"));
    g_assert_nonnull (strstr (info, "Author:          Director of Quality, Performance Improvement and Governance"));
    g_assert_nonnull (strstr (info, "Subject:         Improvement Board, 2022-03-10"));
    g_assert_nonnull (strstr (info, "Tagged:          yes"));
    g_assert_nonnull (strstr (info, "A4"));
  }
}

/* Part 1 holds nothing of an exempt item: not in its text, not in its metadata or bookmarks,
 * not as a value or an axis a chart was drawn to. Part 2 holds them all. */
static void
test_part1_has_no_canaries (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const canaries[] = { CANARY_ACTION, CANARY_STATEMENT, CANARY_NOTE, CANARY_RISK, CANARY_SOURCE };
  g_autofree char *part1 = NULL;
  g_autofree char *part2 = NULL;
  g_autofree char *text = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *digits = NULL;

  if (!ib_pdf_tools_ready ())
    return;

  issue_both (f);
  part1 = write_part (f, f->ids.report2, IB_PACK_PART_PUBLIC, NULL);
  text = ib_pdf_text (part1, 0, 0);
  raw = ib_pdf_uncompressed (part1, f->dir);
  {
    const char *argv[] = { "pdfinfo", "-meta", part1, NULL };

    info = ib_pdf_run (argv, NULL);
  }

  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    {
      assert_lacks (text, canaries[i], "text of Part 1");
      assert_lacks (raw, canaries[i], "uncompressed Part 1");
      assert_lacks (info, canaries[i], "metadata of Part 1");
    }
  /* The exempt month's value: neither written nor stretching the chart's axis to it. */
  digits = g_strdup (text);
  g_strdelimit (digits, ",", ' ');
  {
    g_autofree char *squashed = ib_pdf_squash (digits);

    g_assert_null (strstr (text, CANARY_VALUE_TEXT));
    g_assert_null (strstr (squashed, "7 777"));
    g_assert_null (strstr (squashed, "7777"));
    g_assert_null (strstr (squashed, "8 000"));
    g_assert_null (strstr (squashed, "8000"));
  }
  /* Its line is there instead, and the exempt risk is in no heat map: two open risks placed. */
  assert_contains (text, "An exempt item is reported in Part 2, paragraph 3");
  assert_contains (text, "An exempt item is reported in Part 2, paragraph 1");
  assert_contains (text, "place the 2 open risks");
  /* Each pair of charts names its figures' source: the latest release of an imported
   * indicator's publication, and the council's own for the others. */
  assert_contains (text, "Source: ASMT45: Children in need, published 20 March 2022; CLA_N: the council’s own figures.");
  assert_contains (text, "Source: REREF12: the council’s own figures.");

  part2 = write_part (f, f->ids.report2, IB_PACK_PART_EXEMPT, NULL);
  text2 = ib_pdf_text (part2, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    assert_contains (text2, canaries[i]);
  /* Part 2 shows the exempt month, and the publication it came from with it. */
  assert_contains (text2, "placement detail. Source: " CANARY_SOURCE ", published 28 October 2021.");
  assert_contains (text2, "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A of the Local Government Act 1972");
  assert_contains (text2, "Not for publication by virtue of paragraph 1 of Part 1 of Schedule 12A of the Local Government Act 1972");
  assert_qpdf_check (part2);
}

/* The text a screen reader reads in place of each drawn page: the same content, page by page,
 * with nothing of an exempt item in Part 1. */
static void
test_page_text (Fixture       *f,
                gconstpointer  data)
{
  static const char * const canaries[] = { CANARY_ACTION, CANARY_STATEMENT, CANARY_NOTE, CANARY_RISK };
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) pack = NULL;
  g_autoptr (IbReport) part1 = NULL;
  g_autoptr (IbReport) part2 = NULL;
  g_autoptr (GString) all = g_string_new (NULL);
  g_autoptr (GString) all2 = g_string_new (NULL);
  g_autofree char *first = NULL;
  guint n;

  issue_both (f);
  pack = ib_pack_load (f->store, f->ids.report2, &error);
  g_assert_no_error (error);
  part1 = ib_report_new (pack, IB_PACK_PART_PUBLIC, &error);
  g_assert_no_error (error);
  n = ib_report_get_n_pages (part1);

  for (guint p = 0; p < n; p++)
    {
      g_autofree char *text = ib_report_get_page_text (part1, p);
      g_autofree char *number = g_strdup_printf ("Page %u of %u", p + 1, n);

      /* Each page says where it is, and what it is: the running header and status line. */
      g_assert_true (g_str_has_suffix (text, number));
      g_assert_true (g_str_has_prefix (text, "Improvement Board, 10 March 2022\nPublic\n"));
      if (p == 0)
        first = g_strdup (text);
      g_string_append (all, text);
    }

  /* The cover table row by row, a numbered paragraph whole with its number, the exceptions on
   * the first page as the drawn page has them. */
  g_assert_nonnull (strstr (first, "Report subject; Improvement Board: progress and exceptions\n"));
  g_assert_nonnull (strstr (first, "Exceptions since the last board\n"));
  g_assert_nonnull (strstr (first, "Action 1 “Management oversight on every case file” moved from Amber to Red."));
  g_assert_nonnull (strstr (all->str, "1. The focused visit set two areas for priority action."));
  /* A table row reads each cell after its column's name; a figure reads as words. */
  g_assert_nonnull (strstr (all->str, "Ref: 1; "));
  g_assert_nonnull (strstr (all->str, "Residual risk: likelihood "));
  g_assert_nonnull (strstr (all->str, "Charts of the last two years"));
  g_assert_nonnull (strstr (all->str, "An exempt item is reported in Part 2, paragraph 3"));
  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    g_assert_null (strstr (all->str, canaries[i]));

  part2 = ib_report_new (pack, IB_PACK_PART_EXEMPT, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < ib_report_get_n_pages (part2); p++)
    {
      g_autofree char *text = ib_report_get_page_text (part2, p);

      g_string_append (all2, text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    g_assert_nonnull (strstr (all2->str, canaries[i]));
}

/* The PDF's structure: headings, paragraphs, tables and figures tagged; headings bookmarked;
 * fonts embedded. */
static void
test_tags_and_fonts (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const tags[] = {
    "/StructTreeRoot", "/S /Document", "/S /H1", "/S /H2", "/S /P", "/S /L", "/S /LI", "/S /Lbl",
    "/S /LBody", "/S /Table", "/S /TR", "/S /TH", "/S /TD", "/S /Figure", "/S /Link", "/Outlines",
    "/Dests",
  };
  g_autofree char *pdf = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *fonts = NULL;

  if (!ib_pdf_tools_ready ())
    return;

  issue_both (f);
  pdf = write_part (f, f->ids.report2, IB_PACK_PART_PUBLIC, NULL);
  raw = ib_pdf_uncompressed (pdf, f->dir);
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (strstr (raw, tags[i]) == NULL)
      g_error ("%s is not in the PDF", tags[i]);

  {
    const char *argv[] = { "pdffonts", pdf, NULL };
    g_auto (GStrv) lines = NULL;
    int status = -1;

    fonts = ib_pdf_run (argv, &status);
    g_assert_cmpint (status, ==, 0);
    lines = g_strsplit (fonts, "\n", -1);
    /* Two header lines, then every font: each embedded, as a subset. */
    g_assert_cmpuint (g_strv_length (lines), >, 3);
    for (guint i = 2; lines[i] != NULL; i++)
      if (*lines[i] != '\0')
        g_assert_nonnull (strstr (lines[i], " yes yes "));
  }
}

/* A table longer than a page goes on over the next ones, its header row repeated on each; a
 * row taller than a page is cut between lines, none lost. */
static void
test_table_splits_with_header (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) pack = NULL;
  g_autoptr (IbReport) rendered = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "long.pdf", NULL);
  g_autoptr (GString) long_text = g_string_new ("START-OF-LONG-STATEMENT");
  guint with_header = 0, plan_pages = 0;

  if (!ib_pdf_tools_ready ())
    return;

  g_assert_true (ib_store_begin (f->store, &error));
  for (int i = 0; i < 60; i++)
    {
      g_autofree char *ref = g_strdup_printf ("%d", 100 + i);
      g_autofree char *id = ib_fixture_action (f->store, f->ids.plan, NULL, ref, "Generated action",
                                               "Head of Service", "2022-12-31", "on_track");

      ib_fixture_statement (f->store, id, "2022-03-01", "amber", "Progress reported at the board.", 0);
    }
  for (int i = 0; i < 400; i++)
    g_string_append (long_text, " The practice review programme runs monthly, independent of line management.");
  g_string_append (long_text, " END-OF-LONG-STATEMENT");
  {
    g_autofree char *id = ib_fixture_action (f->store, f->ids.plan, NULL, "200", "The action with a long statement",
                                             "Head of Service", "2022-12-31", "on_track");

    ib_fixture_statement (f->store, id, "2022-03-01", "amber", long_text->str, 0);
  }
  g_assert_true (ib_store_commit (f->store, &error));

  pack = ib_pack_build (f->store, f->ids.report2, "2022-03-10", &error);
  g_assert_no_error (error);
  rendered = ib_report_new (pack, IB_PACK_PART_PUBLIC, &error);
  g_assert_no_error (error);
  g_assert_true (ib_report_write_pdf (rendered, pdf, &error));

  {
    int start = -1, end = -1;

    for (guint p = 1; p <= ib_report_get_n_pages (rendered); p++)
      {
        g_autofree char *page = ib_pdf_text_full (pdf, (int) p, (int) p, TRUE);
        gboolean in_plan = strstr (page, "Generated action") != NULL || strstr (page, "monthly, independent") != NULL;

        if (strstr (page, "START-OF-LONG-STATEMENT") != NULL)
          start = (int) p;
        if (strstr (page, "END-OF-LONG-STATEMENT") != NULL)
          end = (int) p;
        if (!in_plan)
          continue;
        plan_pages++;
        if (strstr (page, "Ref Action Delivery Impact Latest position statement") != NULL)
          with_header++;
      }

    /* The plan's table runs over several pages, each starting with the header row. */
    g_assert_cmpuint (plan_pages, >=, 4);
    g_assert_cmpuint (with_header, ==, plan_pages);
    /* The long statement starts on one page and ends pages later. */
    g_assert_cmpint (start, >, 0);
    g_assert_cmpint (end, >, start + 1);
  }
  assert_qpdf_check (pdf);
}

/* A draft says so, on every page, and reads the data as they are. */
static void
test_draft_says_draft (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *pdf = NULL;
  g_autofree char *page1 = NULL;
  g_autofree char *page2 = NULL;

  if (!ib_pdf_tools_ready ())
    return;

  pdf = write_part (f, f->ids.report1, IB_PACK_PART_PUBLIC, NULL);
  page1 = ib_pdf_text (pdf, 1, 1);
  page2 = ib_pdf_text (pdf, 2, 2);
  assert_contains (page1, "Draft · Public");
  assert_contains (page1, "Draft: drawn on");
  assert_contains (page2, "Draft · Public");
  /* The word across the page, its letters read one by one as it is drawn at an angle. */
  g_assert_true (strstr (page1, "DRAFT") != NULL || strstr (page1, "D R A F T") != NULL);
  g_assert_true (strstr (page2, "DRAFT") != NULL || strstr (page2, "D R A F T") != NULL);
}

/* One drawing path: a page drawn onto an image, as a print context's cairo would be drawn on,
 * and scaled to fit a Letter-sized page. */
static void
test_draw_on_any_surface (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) pack = ib_pack_build (f->store, f->ids.report2, "2022-03-10", &error);
  g_autoptr (IbReport) rendered = ib_report_new (pack, IB_PACK_PART_PUBLIC, &error);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595, 842);
  cairo_t *cr = cairo_create (image);
  guint dark = 0;

  g_assert_no_error (error);
  ib_report_draw_page (rendered, cr, 0, 595, 842);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (image);
  {
    unsigned char *pixels = cairo_image_surface_get_data (image);
    int stride = cairo_image_surface_get_stride (image);

    for (int y = 0; y < 842; y++)
      for (int x = 0; x < 595; x++)
        if (pixels[y * stride + x * 4 + 1] < 100)
          dark++;
  }
  /* Text and rules were drawn: thousands of dark pixels, not a blank page. */
  g_assert_cmpuint (dark, >, 5000);
  cairo_destroy (cr);
  cairo_surface_destroy (image);

  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 612, 792);
  cr = cairo_create (image);
  ib_report_draw_page (rendered, cr, ib_report_get_n_pages (rendered) - 1, 612, 792);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
}

/* Fails when @dir holds anything but the database and what the test itself made. */
static void
assert_nothing_left (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (!g_str_equal (name, "board.db") && !g_str_has_prefix (name, "board.db-") &&
        !g_str_equal (name, "plain-file") && !g_str_equal (name, "a-folder"))
      g_error ("%s was left behind", name);
}

/* Nothing is left behind when the PDF cannot be written: not at the path, not beside it. */
static void
test_write_failures_leave_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) pack = ib_pack_build (f->store, f->ids.report2, "2022-03-10", &error);
  g_autoptr (IbReport) rendered = ib_report_new (pack, IB_PACK_PART_PUBLIC, &error);
  g_autofree char *file = g_build_filename (f->dir, "plain-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "pack.pdf", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "a-folder", NULL);
  g_autofree char *big = g_build_filename (f->dir, "too-big.pdf", NULL);

  g_assert_true (g_file_set_contents (file, "not a folder", -1, NULL));
  g_assert_false (ib_report_write_pdf (rendered, under_file, &error));
  g_assert_error (error, IB_REPORT_ERROR, IB_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, under_file));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (ib_report_write_pdf (rendered, folder, &error));
  g_assert_error (error, IB_REPORT_ERROR, IB_REPORT_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  /* The disk fills up half-way: a file-size limit makes the writes fail. */
  if (g_test_subprocess ())
    {
      struct rlimit limit = { 20 * 1024, 20 * 1024 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (ib_report_write_pdf (rendered, big, &error));
      g_assert_error (error, IB_REPORT_ERROR, IB_REPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "too-big.pdf"));
      assert_nothing_left (f->dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  assert_nothing_left (f->dir);
}

/* A pack with nothing exempt has no Part 2; an exempt report's Part 1 names nothing of it. */
static void
test_parts_of_whole_packs (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;
  g_autoptr (IbRecord) report = NULL;
  g_autoptr (IbPack) pack = NULL;
  g_autoptr (IbReport) rendered = NULL;
  g_autofree char *meeting = NULL, *report_id = NULL, *closed_id = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "notice.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;

  if (!ib_pdf_tools_ready ())
    return;

  store = ib_store_open (":memory:", &error);
  meeting = ib_fixture_meeting (store, "cabinet", "2022-06-01", "Cabinet");
  report_id = ib_fixture_report (store, meeting, "Children’s services budget");
  pack = ib_pack_build (store, report_id, "2022-06-01", &error);
  g_assert_no_error (error);
  g_assert_null (ib_report_new (pack, IB_PACK_PART_EXEMPT, &error));
  g_assert_error (error, IB_PACK_ERROR, IB_PACK_ERROR_NO_PART);
  g_clear_error (&error);
  g_clear_object (&pack);

  report = ib_record_new (&ib_type_report);
  ib_record_set_string (report, "meeting", meeting);
  ib_record_set_string (report, "subject", "CANARYSUBJECT Children’s Trust negotiations");
  ib_record_set_string (report, "authors", "CANARYAUTHOR");
  ib_record_set_string (report, "executive_summary", "CANARYSUMMARY");
  ib_fixture_exempt (report, 3);
  closed_id = ib_fixture_put (store, report);
  pack = ib_pack_build (store, closed_id, "2022-06-01", &error);
  rendered = ib_report_new (pack, IB_PACK_PART_PUBLIC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ib_report_get_n_pages (rendered), ==, 1);
  g_assert_true (ib_report_write_pdf (rendered, pdf, &error));
  text = ib_pdf_text (pdf, 0, 0);
  {
    const char *argv[] = { "pdfinfo", pdf, NULL };

    info = ib_pdf_run (argv, NULL);
  }
  assert_contains (text, "This report is exempt by virtue of paragraph 3 of Part 1 of Schedule 12A");
  assert_lacks (text, "CANARY", "Part 1 of an exempt report");
  assert_lacks (info, "CANARY", "metadata of an exempt report's Part 1");
  g_clear_object (&rendered);

  /* Its Part 2 is the whole report, marked as councils mark it. */
  rendered = ib_report_new (pack, IB_PACK_PART_EXEMPT, &error);
  g_assert_no_error (error);
  g_assert_true (ib_report_write_pdf (rendered, pdf, &error));
  g_free (text);
  text = ib_pdf_text (pdf, 0, 0);
  assert_contains (text, "CANARYSUMMARY");
  assert_contains (text, "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A");
}

/* Every demo pack draws, passes qpdf's check and, with exempt items, has a Part 2. */
static void
test_demo_packs_draw (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (":memory:", &error);
  g_autoptr (GListModel) reports = NULL;
  g_autofree char *dir = ib_test_make_dir ();
  guint with_part2 = 0;

  if (!ib_pdf_tools_ready ())
    return;

  g_assert_cmpint (ib_demo_load (store, &error), >, 0);
  reports = ib_store_list (store, &ib_type_report);
  g_assert_cmpuint (g_list_model_get_n_items (reports), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr (IbRecord) report = g_list_model_get_item (reports, i);
      g_autoptr (IbPack) pack = ib_pack_load (store, ib_record_get_id (report), &error);
      g_autoptr (IbReport) part1 = NULL;
      g_autoptr (IbReport) part2 = NULL;
      g_autofree char *pdf = g_build_filename (dir, "demo.pdf", NULL);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      part1 = ib_report_new (pack, IB_PACK_PART_PUBLIC, &error);
      g_assert_no_error (error);
      g_assert_true (ib_report_write_pdf (part1, pdf, &error));
      assert_qpdf_check (pdf);
      text = ib_pdf_text (pdf, 1, 1);
      assert_contains (text, ib_record_get_string (report, "subject"));

      part2 = ib_report_new (pack, IB_PACK_PART_EXEMPT, &error);
      if (part2 == NULL)
        {
          g_assert_error (error, IB_PACK_ERROR, IB_PACK_ERROR_NO_PART);
          g_clear_error (&error);
          continue;
        }
      with_part2++;
      g_assert_true (ib_report_write_pdf (part2, pdf, &error));
      assert_qpdf_check (pdf);
    }
  g_assert_cmpuint (with_part2, >=, 2);
  ib_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/report/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("part1-reads-back", test_part1_reads_back);
  ADD ("part1-has-no-canaries", test_part1_has_no_canaries);
  ADD ("page-text", test_page_text);
  ADD ("tags-and-fonts", test_tags_and_fonts);
  ADD ("table-splits-with-header", test_table_splits_with_header);
  ADD ("draft-says-draft", test_draft_says_draft);
  ADD ("draw-on-any-surface", test_draw_on_any_surface);
  ADD ("write-failures-leave-nothing", test_write_failures_leave_nothing);
  ADD ("parts-of-whole-packs", test_parts_of_whole_packs);
#undef ADD
  g_test_add_func ("/report/demo-packs-draw", test_demo_packs_draw);

  return g_test_run ();
}
