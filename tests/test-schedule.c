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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/schedule/meeting-for", test_meeting_for);
  g_test_add_func ("/core/schedule/next-review", test_next_review);
  g_test_add_func ("/core/schedule/names-person", test_names_person);

  return g_test_run ();
}
