/* ib-national-grades.h: every council's latest Ofsted ILACS grades, for comparison
 *
 * Read from the published summaries, as CSV or as the .xlsx workbook they are published in:
 * Data to Insight's ILACS summary (columns
 * la_code, local_authority, region_code, ltla23cd, stat_neighbours, overall_effectiveness_grade,
 * impact_of_leaders_grade, help_and_protection_grade, in_care_grade, care_leavers_grade,
 * inspection_framework, inspection_start_date, publication_date, …) and files with the same
 * columns under their plain names (overall_effectiveness, impact_of_leaders, …). Kept on this
 * device only, replaced whole by each import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-store.h"

G_BEGIN_DECLS

/* The grades the summaries give, as judgement area codes. */
#define IB_NATIONAL_N_AREAS 5

/* Returns the judgement area codes the summaries grade, in the framework's order. */
const char * const *ib_national_grade_areas       (void);

/* Returns TRUE when @header (a CSV's first record) is an ILACS outcomes summary's. */
gboolean     ib_national_grades_recognise  (const char * const *header);

/* Reads @stream (named @file_name): a CSV file, or an .xlsx workbook with a sheet whose header
 * row is a summary's (title rows above it and other sheets are passed over), and replaces the
 * stored grades with it in one transaction. Returns the number of councils read, or 0 with
 * @error naming the line (a workbook's row) and column of each problem (a grade that is not
 * one of Ofsted's four, a date that is not a date, a missing LA code, a damaged workbook);
 * nothing is written then. */
guint        ib_national_grades_import     (IbStore       *store,
                                            GInputStream  *stream,
                                            const char    *file_name,
                                            GCancellable  *cancellable,
                                            GError       **error);

/* Returns how many councils are stored. */
guint        ib_national_grades_count      (IbStore       *store);

/* Returns the national area a council's own judgement @area is compared with (ILACS 2018's
 * children in care and care leavers with children in care), or NULL for one the summaries do
 * not grade. */
const char  *ib_national_area_for          (const char    *area);

/* Fills @counts (by ib_enum_grade order: outstanding … inadequate) with how many councils
 * hold each grade for @area at their latest inspection; returns their total. */
guint        ib_national_grades_distribution (IbStore     *store,
                                              const char  *area,
                                              guint        counts[4]);

/* Fills @counts as ib_national_grades_distribution () does, over the council's statistical
 * neighbours (its local settings) only; returns how many of them are graded for @area. */
guint        ib_national_grades_neighbours  (IbStore     *store,
                                             const char  *area,
                                             guint        counts[4]);

/* Returns council @la_code's grade code for @area, or NULL (transfer full). */
char        *ib_national_grade_for         (IbStore       *store,
                                            const char    *la_code,
                                            const char    *area);

/* Returns council @la_code's name as the summary writes it, or NULL (transfer full). */
char        *ib_national_la_name           (IbStore       *store,
                                            const char    *la_code);

/* Returns the statistical neighbours the summary lists for @la_code (the DfE's model), or an
 * empty list (transfer full). */
GStrv        ib_national_suggest_neighbours (IbStore      *store,
                                             const char   *la_code);

G_END_DECLS
