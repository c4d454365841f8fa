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

/* Returns every record of the ten-year dataset as the JSON text of a create mutation, parents
 * first, as a client's first push would send them (transfer full). */
GPtrArray *ib_bench_generate_mutations (void);
