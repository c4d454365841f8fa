/* fuzz-main.c: replays a fuzz corpus through the target, for compilers without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *data = NULL;
          gsize length;

          if (g_file_get_contents (path, &data, &length, NULL))
            {
              LLVMFuzzerTestOneInput ((const uint8_t *) data, length);
              n++;
            }
        }
    }

  g_print ("replayed %u inputs\n", n);
  return n > 0 ? 0 : 1;
}
