/* bench-launch.c: launching a program under test the same way for every benchmark that times it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-launch.h"

char **
ib_bench_environment (const char *dir,
                      guint       run)
{
  g_autofree char *home = g_strdup_printf ("%s/home-%u", dir, run);
  g_autofree char *config = g_build_filename (home, ".config", NULL);
  g_autofree char *data = g_build_filename (home, ".local", "share", NULL);
  g_autofree char *state = g_build_filename (home, ".local", "state", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  char **env = g_get_environ ();

  g_mkdir_with_parents (config, 0700);
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (state, 0700);
  g_mkdir_with_parents (cache, 0700);

  env = g_environ_setenv (env, "HOME", home, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data, TRUE);
  env = g_environ_setenv (env, "XDG_STATE_HOME", state, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", cache, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  return env;
}

void
ib_bench_child_setup (gpointer user_data)
{
  setpgid (0, 0);
}

void
ib_bench_stop (GPid pid)
{
  kill (-pid, SIGTERM);
  for (int i = 0; i < 50; i++)
    {
      if (waitpid (pid, NULL, WNOHANG) == pid)
        return;
      g_usleep (100 * 1000);
    }
  kill (-pid, SIGKILL);
  waitpid (pid, NULL, 0);
}

void
ib_bench_remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    ib_bench_remove_tree (child);
  g_file_delete (file, NULL, NULL);
}
