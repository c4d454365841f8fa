/* test-schedule.c: when things fall due, against the demo programme's meetings: the meeting a
 * new record is for, a risk's next review, and what a person is reminded of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ib-demo.h"
#include "ib-schedule.h"

static IbStore *
open_demo (void)
{
  g_autoptr (GError) error = NULL;
  IbStore *store = ib_store_open (":memory:", &error);

  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (store, &error), >, 0);
  g_assert_no_error (error);
  return store;
}

static void
assert_meeting_for (IbStore    *store,
                    const char *date,
                    const char *held_on)
{
  g_autoptr (IbRecord) meeting = ib_schedule_meeting_for (store, "improvement_board", date);

  if (held_on == NULL)
    {
      g_assert_null (meeting);
      return;
    }
  g_assert_nonnull (meeting);
  g_assert_cmpstr (ib_record_get_string (meeting, "held_on"), ==, held_on);
}

static void
test_meeting_for (void)
{
  g_autoptr (IbStore) store = open_demo ();

  /* The coming board; on its day, that board. */
  assert_meeting_for (store, "2022-11-22", "2022-12-02");
  assert_meeting_for (store, "2022-12-02", "2022-12-02");
  /* After the last board, the one just held, for six weeks. */
  assert_meeting_for (store, "2022-12-20", "2022-12-02");
  assert_meeting_for (store, "2023-02-01", NULL);
  assert_meeting_for (store, "not a date", NULL);
}

static void
test_next_review (void)
{
  g_autoptr (IbStore) store = open_demo ();
  g_autofree char *at_board = ib_schedule_next_review (store, "2022-10-21");
  g_autofree char *before_board = ib_schedule_next_review (store, "2022-11-22");
  g_autofree char *after_last = ib_schedule_next_review (store, "2022-12-02");
  g_autofree char *month_end = ib_schedule_next_review (store, "2023-11-30");

  /* Reviewed at a board, next at the board after it. */
  g_assert_cmpstr (at_board, ==, "2022-12-02");
  g_assert_cmpstr (before_board, ==, "2022-12-02");
  /* No board planned: three months on, the month's last day when shorter. */
  g_assert_cmpstr (after_last, ==, "2023-03-02");
  g_assert_cmpstr (month_end, ==, "2024-02-29");
}

static void
test_names_person (void)
{
  g_assert_true (ib_schedule_names_person ("Head of MASH (Anita Kaur)", "anita kaur"));
  g_assert_true (ib_schedule_names_person ("Head of MASH (Anita Kaur)", " Head of MASH "));
  g_assert_false (ib_schedule_names_person ("Head of MASH (Anita Kaur)", "Ben Ode"));
  g_assert_false (ib_schedule_names_person ("Head of MASH", ""));
  g_assert_false (ib_schedule_names_person (NULL, "Anita"));
}

/* Asserts @reminders[@i] is of @kind, for the record with field @field = @value, due on @due. */
static void
assert_reminder (GPtrArray      *reminders,
                 guint           i,
                 IbReminderKind  kind,
                 const char     *field,
                 const char     *value,
                 const char     *due)
{
  IbReminder *reminder;

  g_assert_cmpuint (i, <, reminders->len);
  reminder = reminders->pdata[i];
  g_assert_cmpint (reminder->kind, ==, kind);
  g_assert_cmpstr (ib_record_get_string (reminder->record, field), ==, value);
  g_assert_cmpstr (reminder->due_on, ==, due);
}

static void
test_reminders (void)
{
  g_autoptr (IbStore) store = open_demo ();
  g_autoptr (IbRecord) board = ib_record_new (&ib_type_meeting);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) before_board = NULL;
  g_autoptr (GPtrArray) named = NULL;
  g_autoptr (GPtrArray) by_role = NULL;
  g_autoptr (GPtrArray) nobody = NULL;
  g_autoptr (GPtrArray) blank = NULL;

  /* A week and a half before the demo's last board, the Head of MASH's risk R03 is due its
   * review there; her action 16 is due on 31 December, too far off, and was stated at the
   * board before, so nothing else. */
  before_board = ib_schedule_reminders (store, "head of mash", "2022-11-22");
  g_assert_cmpuint (before_board->len, ==, 1);
  assert_reminder (before_board, 0, IB_REMINDER_REVIEW, "ref", "R03", "2022-12-02");

  /* A board planned for January: action 16 has said nothing since October, before the board
   * of 2 December, so a statement is due for January; its due date is now within 14 days. */
  ib_record_set_string (board, "kind", "improvement_board");
  ib_record_set_string (board, "held_on", "2023-01-20");
  ib_record_set_string (board, "title", "Improvement Board");
  g_assert_true (ib_store_create (store, board, &error));
  g_assert_no_error (error);

  named = ib_schedule_reminders (store, " Anita Kaur ", "2022-12-20");
  g_assert_cmpuint (named->len, ==, 2);
  assert_reminder (named, 0, IB_REMINDER_STATEMENT, "ref", "16", "2023-01-20");
  assert_reminder (named, 1, IB_REMINDER_ACTION_DUE, "ref", "16", "2022-12-31");

  /* The role names the action ("Head of MASH (Anita Kaur)") and the risk ("Head of MASH"),
   * whose review of 2 December is now overdue and still reminded of; statements come first,
   * then actions, then reviews, whatever their dates. */
  by_role = ib_schedule_reminders (store, "Head of MASH", "2022-12-20");
  g_assert_cmpuint (by_role->len, ==, 3);
  assert_reminder (by_role, 0, IB_REMINDER_STATEMENT, "ref", "16", "2023-01-20");
  assert_reminder (by_role, 1, IB_REMINDER_ACTION_DUE, "ref", "16", "2022-12-31");
  assert_reminder (by_role, 2, IB_REMINDER_REVIEW, "ref", "R03", "2022-12-02");

  /* Someone with nothing in the active plan: the superseded plan's actions do not count. */
  nobody = ib_schedule_reminders (store, "Nobody Here", "2022-12-20");
  g_assert_cmpuint (nobody->len, ==, 0);
  blank = ib_schedule_reminders (store, "", "2022-12-20");
  g_assert_cmpuint (blank->len, ==, 0);
}

static void
test_should_remind (void)
{
  /* Never sent, or last sent on an earlier day: send. */
  g_assert_true (ib_schedule_should_remind (TRUE, "Anita Kaur", "2026-11-30", NULL));
  g_assert_true (ib_schedule_should_remind (TRUE, "Anita Kaur", "2026-11-30", ""));
  g_assert_true (ib_schedule_should_remind (TRUE, "Anita Kaur", "2026-11-30", "2026-11-29"));
  /* Already sent today: not again, however often it is asked. */
  g_assert_false (ib_schedule_should_remind (TRUE, "Anita Kaur", "2026-11-30", "2026-11-30"));
  /* The clock was put back after a day in the future: that day does not silence them. */
  g_assert_true (ib_schedule_should_remind (TRUE, "Anita Kaur", "2026-11-30", "2027-03-01"));
  /* Turned off, no name (or only spaces), or no date to go by: never. */
  g_assert_false (ib_schedule_should_remind (FALSE, "Anita Kaur", "2026-11-30", NULL));
  g_assert_false (ib_schedule_should_remind (TRUE, NULL, "2026-11-30", NULL));
  g_assert_false (ib_schedule_should_remind (TRUE, "   ", "2026-11-30", NULL));
  g_assert_false (ib_schedule_should_remind (TRUE, "Anita Kaur", "30/11/2026", NULL));
}

static void
test_list_people (void)
{
  g_autoptr (IbStore) store = open_demo ();
  g_auto (GStrv) people = ib_schedule_list_people (store);

  /* "Head of MASH (Anita Kaur)" offers her name and her role, and the risk owner "Head of
   * MASH" is the same role, listed once. */
  g_assert_true (g_strv_contains ((const char * const *) people, "Anita Kaur"));
  g_assert_true (g_strv_contains ((const char * const *) people, "Head of MASH"));
  g_assert_false (g_strv_contains ((const char * const *) people, "Head of MASH (Anita Kaur)"));
  /* A title with a comma and no name in brackets is one name. */
  g_assert_true (g_strv_contains ((const char * const *) people, "Corporate Director, Children’s Services"));
  g_assert_true (g_strv_contains ((const char * const *) people, "Chief Executive"));

  for (guint i = 0; people[i] != NULL; i++)
    {
      g_assert_cmpstr (people[i], !=, "");
      if (people[i + 1] != NULL)
        g_assert_cmpint (g_utf8_collate (people[i], people[i + 1]), <, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/schedule/meeting-for", test_meeting_for);
  g_test_add_func ("/core/schedule/next-review", test_next_review);
  g_test_add_func ("/core/schedule/names-person", test_names_person);
  g_test_add_func ("/core/schedule/reminders", test_reminders);
  g_test_add_func ("/core/schedule/should-remind", test_should_remind);
  g_test_add_func ("/core/schedule/list-people", test_list_people);

  return g_test_run ();
}
