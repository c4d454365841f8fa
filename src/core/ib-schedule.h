/* ib-schedule.h: when things fall due: the meeting a new record is for, a risk's next review,
 * and what a person is reminded of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-store.h"

G_BEGIN_DECLS

/* Days ahead that an action's due date or a risk's review counts as falling due. */
#define IB_SCHEDULE_DUE_DAYS 14

typedef enum
{
  IB_REMINDER_STATEMENT,   /* a position statement is due before the next Improvement Board */
  IB_REMINDER_ACTION_DUE,  /* an open action is due within IB_SCHEDULE_DUE_DAYS */
  IB_REMINDER_REVIEW,      /* an open risk's review is due within IB_SCHEDULE_DUE_DAYS, or overdue */
} IbReminderKind;

typedef struct
{
  IbReminderKind  kind;
  IbRecord       *record;  /* the action or the risk */
  char           *due_on;  /* the board's date, the action's due date or the review's date */
} IbReminder;

/* Returns today's local date as YYYY-MM-DD (transfer full). */
char      *ib_schedule_today          (void);

/* Returns @date (YYYY-MM-DD) moved by @days (transfer full); @date itself when it is no date. */
char      *ib_schedule_add_days       (const char  *date,
                                       int          days);

/* Returns @date moved by @months, on the same day or the month's last (transfer full). */
char      *ib_schedule_add_months     (const char  *date,
                                       int          months);

/* Returns the @kind meeting ("improvement_board") a record dated @date is for (transfer full):
 * the first on or after @date, or else the latest in the six weeks before it; NULL when none. */
IbRecord  *ib_schedule_meeting_for    (IbStore     *store,
                                       const char  *kind,
                                       const char  *date);

/* Returns when a risk reviewed on @date is next reviewed (transfer full): at the first
 * Improvement Board after @date, or three months on when none is planned. */
char      *ib_schedule_next_review    (IbStore     *store,
                                       const char  *date);

/* Returns TRUE when @name, an officer or owner as written ("Head of MASH (Anita Kaur)"), names
 * @person ("Anita Kaur", or a role such as "Head of MASH"), whatever the case. */
gboolean   ib_schedule_names_person   (const char  *name,
                                       const char  *person);

/* Returns what @person is reminded of on @today (YYYY-MM-DD; NULL for today), as IbReminder,
 * statements first, then actions falling due, then reviews, each by date (transfer full): for
 * the open actions of active plans they are accountable for and the open risks they own. */
GPtrArray *ib_schedule_reminders      (IbStore     *store,
                                       const char  *person,
                                       const char  *today);

/* Returns TRUE when reminders are to be sent on @today (YYYY-MM-DD): @enabled, @person not
 * blank, and not sent already on @today (@last_reminded, the day they were last sent, or
 * NULL / "" for never). A @last_reminded after @today (the clock was put back) does not hold
 * them back, so a wrong date once cannot silence them for months. */
gboolean   ib_schedule_should_remind  (gboolean     enabled,
                                       const char  *person,
                                       const char  *today,
                                       const char  *last_reminded);

/* Returns the names a person may go by as an accountable officer or risk owner in @store,
 * sorted, each once (transfer full): "Head of MASH (Anita Kaur)" offers "Anita Kaur" and
 * "Head of MASH", so one name picks out the actions and the risks written either way. */
GStrv      ib_schedule_list_people    (IbStore     *store);

/* Returns a reminder of @kind for @record, due on @due_on (transfer full); NULL for no record. */
IbReminder *ib_reminder_new           (IbReminderKind  kind,
                                       IbRecord       *record,
                                       const char     *due_on);

/* Frees @reminder. */
void       ib_reminder_free           (IbReminder  *reminder);

G_END_DECLS
