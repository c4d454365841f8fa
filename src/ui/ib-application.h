/* ib-application.h: the application object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define IB_TYPE_APPLICATION (ib_application_get_type ())

G_DECLARE_FINAL_TYPE (IbApplication, ib_application, IB, APPLICATION, AdwApplication)

/* Returns a new application; run it with g_application_run (). */
IbApplication *ib_application_new              (void);

/* Returns the default database path: improvement-board/board.db under the user data dir
 * (transfer full). The command line's pack export opens it too. */
char          *ib_application_default_database (void);

G_END_DECLS
