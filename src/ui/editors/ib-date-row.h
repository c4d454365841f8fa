/* ib-date-row.h: a form's row for a date or a month, typed the locale's way or picked from a
 * calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define IB_TYPE_DATE_ROW (ib_date_row_get_type ())

G_DECLARE_FINAL_TYPE (IbDateRow, ib_date_row, IB, DATE_ROW, AdwEntryRow)

/* Returns a row for a date (YYYY-MM-DD), or with @months for a month (YYYY-MM): it shows the
 * value the locale's short way (29/11/2026, 29.11.2026) and reads what is typed that way or in
 * ISO 8601; its button opens a calendar, or a month picker. */
GtkWidget *ib_date_row_new      (gboolean     months);

/* Shows @value (YYYY-MM-DD or YYYY-MM; NULL empties the row). */
void       ib_date_row_set_iso  (IbDateRow   *self,
                                 const char  *value);

/* Returns what the row holds as YYYY-MM-DD (or YYYY-MM) (transfer full); NULL when it is empty,
 * or NULL with @error when what is typed is no date. */
char      *ib_date_row_get_iso  (IbDateRow   *self,
                                 GError     **error);

G_END_DECLS
