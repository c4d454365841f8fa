/* ib-settings.c
 *
 * Installed, the schema is in the default source; run uninstalled, GSETTINGS_SCHEMA_DIR adds
 * the one compiled in the build tree to it (meson devenv and the tests set it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-settings"

#include "config.h"

#include "ib-settings.h"

GSettings *
ib_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      static gsize warned = 0;

      if (g_once_init_enter (&warned))
        {
          g_warning ("The settings schema %s is not installed; preferences will not be kept", APP_ID);
          g_once_init_leave (&warned, 1);
        }
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}
