/* ib-reminders.h: the once-a-day desktop notifications of what falls due for the person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ib-store.h"

G_BEGIN_DECLS

/* Reminders of one kind that are more than this many come as one notification with a count. */
#define IB_REMINDERS_GROUP_OVER 3

/* One desktop notification, before it is sent. */
typedef struct
{
  char *id;      /* the notification's id: a later one with the same id replaces it */
  char *title;
  char *body;
  char *target;  /* for "app.show-record": "view:record id", or "view:mine" for a group */
} IbReminderNote;

#define IB_TYPE_REMINDERS (ib_reminders_get_type ())

G_DECLARE_FINAL_TYPE (IbReminders, ib_reminders, IB, REMINDERS, GObject)

/* Returns reminders for @store sent through @app, as @settings ("reminders", "my-name",
 * "last-reminded") allow: checked once the main loop is idle after the first frame, then
 * again every hour and just after midnight, at most once a day. */
IbReminders *ib_reminders_new     (GApplication *app,
                                   GSettings    *settings,
                                   IbStore      *store);

/* Sends the day's notifications now if the settings allow them on @today (YYYY-MM-DD; NULL
 * for today) and records the day; returns how many were sent. */
guint        ib_reminders_check   (IbReminders  *self,
                                   const char   *today);

/* Returns the notifications for @reminders (IbReminder, as ib_schedule_reminders () gives them)
 * on @today: one per reminder, or one per kind with a count when a kind has more than
 * IB_REMINDERS_GROUP_OVER (IbReminderNote, transfer full). */
GPtrArray   *ib_reminders_compose (GPtrArray    *reminders,
                                   const char   *today);

/* Frees @note. */
void         ib_reminder_note_free (IbReminderNote *note);

G_END_DECLS
