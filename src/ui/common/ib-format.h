/* ib-format.h: locale-aware formatting of dates, periods and values for display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ib-record.h"

G_BEGIN_DECLS

/* Returns today's local date as YYYY-MM-DD: what a new record's date starts as. */
char *ib_format_today       (void);

/* Returns @date (YYYY-MM-DD) in the locale's long form, e.g. "6 December 2021"; NULL gives "". */
char *ib_format_date        (const char *date);

/* Returns a date range, e.g. "6–17 December 2021"; @end may be NULL or equal to @start. */
char *ib_format_date_range  (const char *start,
                             const char *end);

/* Returns @period (YYYY-MM) as month and year, e.g. "March 2021". */
char *ib_format_period      (const char *period);

/* Returns @value formatted for @indicator's unit and decimals, with the locale's digits and grouping. */
char *ib_format_value       (IbRecord   *indicator,
                             double      value);

/* Returns the name people use for a record type ("Action", "Risk review"); codes are never shown. */
const char *ib_format_record_type (const char *type);

/* Returns a field's label for display ("Due date" for due_on); unknown names are tidied up (transfer full). */
char *ib_format_field_name  (const char *field);

/* Returns a field value as a person reads it: enum labels, local dates, "(empty)" (transfer full). */
char *ib_format_field_value (const IbRecordType *type,
                             const char         *field,
                             JsonNode           *value);

/* Returns a short name for @record: its ref and title, or its title, or its date (transfer full). */
char *ib_format_record_name (IbRecord   *record);

/* Returns what an engagement or intervention step is called in a list: "Monitoring visit 2",
 * "Standard inspection", "Statutory direction". */
char *ib_format_engagement_title (IbRecord *record);

G_END_DECLS
