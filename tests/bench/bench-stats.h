/* bench-stats.h: the few statistics the benchmarks print, computed alike in each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Orders two doubles ascending, for g_array_sort () and qsort (). */
int     ib_bench_compare_doubles (gconstpointer a,
                                  gconstpointer b);

/* Returns the median of @values (doubles), or 0 when there are none; @values is left as it is. */
double  ib_bench_median          (GArray       *values);

/* Returns the smallest of @values (doubles), or 0 when there are none. */
double  ib_bench_lowest          (GArray       *values);

/* Returns the largest of @values (doubles), or 0 when there are none. */
double  ib_bench_highest         (GArray       *values);

G_END_DECLS
