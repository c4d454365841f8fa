/* ib-reminders.c
 *
 * The notifications go through GApplication, so inside the Flatpak the portal shows them and
 * activating one runs "app.show-record" with its target.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-reminders"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-format.h"
#include "ib-reminders.h"
#include "ib-schedule.h"

/* However long to midnight, look again within the hour: a timeout does not count time the
 * computer spent suspended. */
#define RECHECK_MAX_S 3600

struct _IbReminders
{
  GObject       parent_instance;

  /* owned */
  GSettings    *settings;
  IbStore      *store;

  /* borrowed */
  GApplication *app;

  guint         idle_id;
  guint         timer_id;
};

G_DEFINE_FINAL_TYPE (IbReminders, ib_reminders, G_TYPE_OBJECT)

void
ib_reminder_note_free (IbReminderNote *note)
{
  if (note == NULL)
    return;
  g_free (note->id);
  g_free (note->title);
  g_free (note->body);
  g_free (note->target);
  g_free (note);
}

static IbReminderNote *
note_new (char       *id,
          char       *title,
          char       *body,
          const char *view,
          const char *target)
{
  IbReminderNote *note = g_new0 (IbReminderNote, 1);

  note->id = id;
  note->title = title;
  note->body = body;
  note->target = g_strconcat (view, ":", target, NULL);
  return note;
}

static const char *
kind_code (IbReminderKind kind)
{
  switch (kind)
    {
    case IB_REMINDER_STATEMENT: return "statement";
    case IB_REMINDER_ACTION_DUE: return "action-due";
    case IB_REMINDER_REVIEW: return "review";
    default: g_assert_not_reached ();
    }
}

static IbReminderNote *
compose_one (IbReminder *reminder,
             const char *today)
{
  g_autofree char *name = ib_format_record_name (reminder->record);
  g_autofree char *date = ib_format_date (reminder->due_on);
  char *id = g_strdup_printf ("reminder-%s-%s", kind_code (reminder->kind), ib_record_get_id (reminder->record));

  switch (reminder->kind)
    {
    case IB_REMINDER_STATEMENT:
      return note_new (id, g_strdup (_("Position statement due")),
                       /* Translators: %s is an action's ref and title, then a date */
                       g_strdup_printf (_("%s: a statement is due before the Improvement Board on %s."), name, date),
                       "plan", ib_record_get_id (reminder->record));
    case IB_REMINDER_ACTION_DUE:
      return note_new (id, g_strdup (_("Action due soon")),
                       /* Translators: %s is an action's ref and title, then a date */
                       g_strdup_printf (_("%s is due on %s."), name, date),
                       "plan", ib_record_get_id (reminder->record));
    case IB_REMINDER_REVIEW:
      return note_new (id, g_strdup (_("Risk review due")),
                       g_strcmp0 (reminder->due_on, today) < 0
                       /* Translators: %s is a risk's ref and title, then a date */
                       ? g_strdup_printf (_("%s: its review was due on %s."), name, date)
                       /* Translators: %s is a risk's ref and title, then a date */
                       : g_strdup_printf (_("%s: its review is due on %s."), name, date),
                       "risks", ib_record_get_id (reminder->record));
    default:
      g_assert_not_reached ();
    }
}

/* @n reminders of @kind as one notification, opening the person's own actions or risks. */
static IbReminderNote *
compose_group (IbReminderKind  kind,
               guint           n,
               IbReminder     *first)
{
  g_autofree char *date = ib_format_date (first->due_on);
  char *id = g_strdup_printf ("reminder-%s", kind_code (kind));

  switch (kind)
    {
    case IB_REMINDER_STATEMENT:
      return note_new (id,
                       /* Translators: %u is a number of statements, %s the date of the next board */
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u position statement due before the board on %s",
                                                     "%u position statements due before the board on %s", n), n, date),
                       g_strdup (_("Open My Actions to see which.")), "plan", "mine");
    case IB_REMINDER_ACTION_DUE:
      return note_new (id,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of your actions is due within 14 days",
                                                     "%u of your actions are due within 14 days", n), n),
                       /* Translators: %s is the date of the soonest */
                       g_strdup_printf (_("The first on %s. Open My Actions to see them."), date), "plan", "mine");
    case IB_REMINDER_REVIEW:
      return note_new (id,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of your risks is due a review",
                                                     "%u of your risks are due a review", n), n),
                       /* Translators: %s is the date of the soonest */
                       g_strdup_printf (_("The first on %s. Open My Risks to see them."), date), "risks", "mine");
    default:
      g_assert_not_reached ();
    }
}

GPtrArray *
ib_reminders_compose (GPtrArray  *reminders,
                      const char *today)
{
  GPtrArray *notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ib_reminder_note_free);

  g_return_val_if_fail (reminders != NULL, notes);

  /* The reminders come by kind: take each kind's run at once. */
  for (guint start = 0, end; start < reminders->len; start = end)
    {
      IbReminder *first = reminders->pdata[start];

      for (end = start; end < reminders->len && ((IbReminder *) reminders->pdata[end])->kind == first->kind; end++)
        ;
      if (end - start > IB_REMINDERS_GROUP_OVER)
        g_ptr_array_add (notes, compose_group (first->kind, end - start, first));
      else
        for (guint i = start; i < end; i++)
          g_ptr_array_add (notes, compose_one (reminders->pdata[i], today));
    }
  return notes;
}

guint
ib_reminders_check (IbReminders *self,
                    const char  *today)
{
  g_autofree char *now = today != NULL ? g_strdup (today) : ib_schedule_today ();
  g_autofree char *name = NULL;
  g_autofree char *last = NULL;
  g_autoptr (GPtrArray) reminders = NULL;
  g_autoptr (GPtrArray) notes = NULL;

  g_return_val_if_fail (IB_IS_REMINDERS (self), 0);

  name = g_settings_get_string (self->settings, "my-name");
  last = g_settings_get_string (self->settings, "last-reminded");
  if (!ib_schedule_should_remind (g_settings_get_boolean (self->settings, "reminders"), name, now, last))
    return 0;

  reminders = ib_schedule_reminders (self->store, g_strstrip (name), now);
  notes = ib_reminders_compose (reminders, now);
  for (guint i = 0; i < notes->len; i++)
    {
      IbReminderNote *note = notes->pdata[i];
      g_autoptr (GNotification) notification = g_notification_new (note->title);

      g_notification_set_body (notification, note->body);
      g_notification_set_default_action_and_target (notification, "app.show-record", "s", note->target);
      g_application_send_notification (self->app, note->id, notification);
    }
  /* A day with nothing due counts as reminded too: the answer will not change before tomorrow. */
  g_settings_set_string (self->settings, "last-reminded", now);
  return notes->len;
}

static gboolean recheck_cb (gpointer data);

static void
schedule_recheck (IbReminders *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) midnight = NULL;
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (now, 1);
  GTimeSpan until;

  midnight = g_date_time_new_local (g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                                    g_date_time_get_day_of_month (tomorrow), 0, 0, 1);
  until = g_date_time_difference (midnight, now) / G_TIME_SPAN_SECOND;
  self->timer_id = g_timeout_add_seconds ((guint) CLAMP (until, 1, RECHECK_MAX_S), recheck_cb, self);
}

static gboolean
recheck_cb (gpointer data)
{
  IbReminders *self = data;

  self->timer_id = 0;
  ib_reminders_check (self, NULL);
  schedule_recheck (self);
  return G_SOURCE_REMOVE;
}

static gboolean
first_check_cb (gpointer data)
{
  IbReminders *self = data;

  self->idle_id = 0;
  recheck_cb (self);
  return G_SOURCE_REMOVE;
}

static void
ib_reminders_dispose (GObject *object)
{
  IbReminders *self = (IbReminders *) object;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ib_reminders_parent_class)->dispose (object);
}

static void
ib_reminders_class_init (IbRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ib_reminders_dispose;
}

static void
ib_reminders_init (IbReminders *self)
{
}

IbReminders *
ib_reminders_new (GApplication *app,
                  GSettings    *settings,
                  IbStore      *store)
{
  IbReminders *self;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  self = g_object_new (IB_TYPE_REMINDERS, NULL);
  self->app = app;
  self->settings = g_object_ref (settings);
  self->store = g_object_ref (store);
  /* Below the redraw priority, so the window is drawn first and starting up is no slower. */
  self->idle_id = g_idle_add_full (G_PRIORITY_LOW, first_check_cb, self, NULL);
  return self;
}
