/* ib-server-fault.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-server-fault"

#include "config.h"

#include <gio/gio.h>
#include <unistd.h>

#include "ib-server-fault.h"

#ifdef IB_FAULT_POINTS

typedef struct
{
  char *point;
  guint nth;
  guint seen;
} FaultPoint;

static GPtrArray *fault_points;
static gint64 clock_offset_us;

gboolean
ib_fault_init (GError **error)
{
  const char *spec = g_getenv ("REFSERVER_FAULT");
  g_auto (GStrv) items = NULL;

  fault_points = g_ptr_array_new ();
  if (spec == NULL || *spec == '\0')
    return TRUE;

  items = g_strsplit (spec, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (items[i], ":nth=", 2);
      FaultPoint *fp;
      guint64 nth = 1;

      if (parts[0] == NULL || *parts[0] == '\0' ||
          (parts[1] != NULL && !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &nth, NULL)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "REFSERVER_FAULT: cannot read “%s”", items[i]);
          return FALSE;
        }

      fp = g_new0 (FaultPoint, 1);
      fp->point = g_strdup (parts[0]);
      fp->nth = (guint) nth;
      g_ptr_array_add (fault_points, fp);
    }

  return TRUE;
}

gboolean
ib_fault_hit (const char *point)
{
  if (fault_points == NULL)
    return FALSE;

  for (guint i = 0; i < fault_points->len; i++)
    {
      FaultPoint *fp = g_ptr_array_index (fault_points, i);

      if (g_str_equal (fp->point, point) && ++fp->seen == fp->nth)
        return TRUE;
    }

  return FALSE;
}

void
ib_fault_point (const char *point)
{
  if (ib_fault_hit (point))
    _exit (137);
}

void
ib_fault_set_clock_offset (gint64 seconds)
{
  clock_offset_us = seconds * G_USEC_PER_SEC;
}

gint64
ib_server_now (void)
{
  return g_get_real_time () + clock_offset_us;
}

#else

gboolean
ib_fault_init (GError **error)
{
  return TRUE;
}

gboolean
ib_fault_hit (const char *point)
{
  return FALSE;
}

void
ib_fault_point (const char *point)
{
}

void
ib_fault_set_clock_offset (gint64 seconds)
{
}

gint64
ib_server_now (void)
{
  return g_get_real_time ();
}

#endif
