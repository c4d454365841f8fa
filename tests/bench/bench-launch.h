/* bench-launch.h: launching a program under test the same way for every benchmark that times it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Returns this process's environment for run @run in @dir: a fresh HOME with its own XDG config,
 * data and state folders, the cache folder shared by all runs (as a desktop's is), and settings
 * in memory, so no run sees another's settings or session (transfer full). */
char  **ib_bench_environment  (const char *dir,
                               guint       run);

/* For g_spawn_* (): puts the child in its own process group, so stopping it stops whatever it
 * started. */
void    ib_bench_child_setup  (gpointer    user_data);

/* Stops the process group of @pid with SIGTERM (SIGKILL after five seconds) and reaps @pid. */
void    ib_bench_stop         (GPid        pid);

/* Deletes @file and, if it is a folder, everything in it. */
void    ib_bench_remove_tree  (GFile      *file);

G_END_DECLS
