/* bench-stats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-stats.h"

int
ib_bench_compare_doubles (gconstpointer a,
                          gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
ib_bench_median (GArray *values)
{
  g_autoptr (GArray) sorted = g_array_copy (values);
  guint n = sorted->len;

  if (n == 0)
    return 0;
  g_array_sort (sorted, ib_bench_compare_doubles);
  return n % 2 ? g_array_index (sorted, double, n / 2)
               : (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

/* The first of @values that no other comes before in @order (-1 lowest, 1 highest). */
static double
extreme (GArray *values,
         int     order)
{
  double v = values->len > 0 ? g_array_index (values, double, 0) : 0;

  for (guint i = 1; i < values->len; i++)
    if (ib_bench_compare_doubles (&g_array_index (values, double, i), &v) == order)
      v = g_array_index (values, double, i);
  return v;
}

double
ib_bench_lowest (GArray *values)
{
  return extreme (values, -1);
}

double
ib_bench_highest (GArray *values)
{
  return extreme (values, 1);
}
