/* ib-test-util.h: helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

G_BEGIN_DECLS

/* Returns a new private folder under the system temp dir (transfer full). */
static inline char *
ib_test_make_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("ib-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @dir and the files directly inside it. */
static inline void
ib_test_remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_chmod (path, 0600);
      g_remove (path);
    }

  g_chmod (dir, 0700);
  g_rmdir (dir);
}

G_END_DECLS
