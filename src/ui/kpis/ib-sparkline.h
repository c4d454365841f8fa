/* ib-sparkline.h: a word-sized line of an indicator's recent values, for list rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IB_TYPE_SPARKLINE (ib_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (IbSparkline, ib_sparkline, IB, SPARKLINE, GtkWidget)

/* Returns an empty sparkline; screen readers skip it (the row says the figures in words). */
GtkWidget *ib_sparkline_new        (void);

/* Shows the last @max of @values (NAN is a gap) with the newest point marked; NULL clears it. */
void       ib_sparkline_set_values (IbSparkline  *self,
                                    const double *values,
                                    guint         n_values,
                                    guint         max);

G_END_DECLS
