/* bench-dataset.h: the benchmarks' ten-year dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-store.h"

/* Imports the ten-year dataset into @store in one transaction (no outbox rows); returns how
 * many records it made. The same seed gives the same records every run. */
guint ib_bench_generate (IbStore *store);

/* Returns the processor time the calling thread has used, in ms: on a machine shared with
 * other work it measures the main thread's own work where the clock on the wall does not. */
double ib_bench_cpu_ms (void);

/* Runs the main loop until @is_loading (@model) is FALSE, a first load read on a worker thread
 * taken in, then prints under @what the main thread's processor time since @cpu_at (an
 * ib_bench_cpu_ms () taken before the model was made) beside the 16 ms budget, its longest
 * main-loop iteration, and the time on the clock since @wall_at (ms) until the list was in. */
void   ib_bench_report_load_apart (const char  *what,
                                   gpointer     model,
                                   gboolean   (*is_loading) (gpointer),
                                   double       wall_at,
                                   double       cpu_at);

/* Returns every record of the ten-year dataset as the JSON text of a create mutation, parents
 * first, as a client's first push would send them (transfer full). */
GPtrArray *ib_bench_generate_mutations (void);
