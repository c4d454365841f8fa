/* test-meetings-model.c: the Meetings view's model on the demo board: upcoming and past, each
 * meeting's packs and where they stand (draft, issued, superseded), search, kind filter,
 * records held out while their delete waits, and reloading after a change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ib-demo.h"
#include "ib-meetings-model.h"
#include "ib-pack.h"

/* Demo meetings and packs, by their ids in data/demo/demo-plan.json. */
#define BOARD_DECEMBER   "080e05ab-0898-5f36-b774-8b50c2f18fab"  /* 2 December 2022, a draft pack */
#define PACK_DECEMBER    "9274bc96-5f84-5fac-b796-3489d21650a5"
#define BOARD_OCTOBER    "ac6cd131-2bf5-50e3-8201-b941c770b2c4"  /* 21 October 2022, issued */
#define SCRUTINY_NOV     "ac5ba9dc-69fb-5b48-84c4-bf3886a18522"  /* 22 November 2022 */
#define HOLDING_TO_ACCOUNT "f0c509b9-3729-5c1e-b4b6-1d8be893f503"

typedef struct
{
  IbStore         *store;
  IbMeetingsModel *model;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->store = ib_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (f->store, &error), >, 0);
  f->model = ib_meetings_model_new (f->store);
  ib_meetings_model_set_today (f->model, "2022-11-01");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->model);
  g_clear_object (&f->store);
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static IbMeetingItem *
item_at (Fixture *f,
         guint    position)
{
  g_autoptr (IbMeetingItem) item = g_list_model_get_item (ib_meetings_model_get_items (f->model), position);

  /* The model holds it. */
  return item;
}

static const char *
id_at (Fixture *f,
       guint    position)
{
  IbRecord *meeting = ib_meeting_item_get_record (item_at (f, position));

  return meeting != NULL ? ib_record_get_id (meeting) : NULL;
}

static guint
n_items (Fixture *f)
{
  return g_list_model_get_n_items (ib_meetings_model_get_items (f->model));
}

static gboolean
listed (Fixture    *f,
        const char *id)
{
  for (guint i = 0; i < n_items (f); i++)
    if (g_strcmp0 (id_at (f, i), id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_sections (Fixture       *f,
               gconstpointer  data)
{
  IbMeetingItem *item;

  /* On 1 November 2022, two meetings are still to come: scrutiny, then the December board. */
  item = item_at (f, 0);
  g_assert_cmpint (ib_meeting_item_get_kind (item), ==, IB_MEETING_ITEM_UPCOMING);
  g_assert_cmpuint (ib_meeting_item_get_count (item), ==, 2);
  g_assert_null (ib_meeting_item_get_record (item));
  g_assert_cmpstr (id_at (f, 1), ==, SCRUTINY_NOV);
  g_assert_cmpstr (id_at (f, 2), ==, BOARD_DECEMBER);

  /* Then the past, latest first: the October board. */
  item = item_at (f, 3);
  g_assert_cmpint (ib_meeting_item_get_kind (item), ==, IB_MEETING_ITEM_PAST);
  g_assert_cmpuint (ib_meeting_item_get_count (item), ==, 22);
  g_assert_cmpstr (id_at (f, 4), ==, BOARD_OCTOBER);
  g_assert_cmpuint (n_items (f), ==, 2 + 2 + 22);

  /* A meeting on the day itself is still upcoming; the day after, it is past. */
  ib_meetings_model_set_today (f->model, "2022-12-02");
  g_assert_cmpuint (ib_meeting_item_get_count (item_at (f, 0)), ==, 1);
  g_assert_cmpstr (id_at (f, 1), ==, BOARD_DECEMBER);
  ib_meetings_model_set_today (f->model, "2022-12-03");
  g_assert_cmpint (ib_meeting_item_get_kind (item_at (f, 0)), ==, IB_MEETING_ITEM_PAST);
  g_assert_cmpstr (id_at (f, 1), ==, BOARD_DECEMBER);
}

static void
test_pack_states (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) correction = NULL;
  IbMeetingItem *item = ib_meetings_model_lookup (f->model, BOARD_DECEMBER);
  GPtrArray *packs = ib_meeting_item_get_packs (item);
  IbRecord *v1;

  g_assert_cmpuint (packs->len, ==, 1);
  g_assert_cmpstr (ib_record_get_id (packs->pdata[0]), ==, PACK_DECEMBER);
  g_assert_cmpint (ib_meetings_model_get_pack_state (f->model, packs->pdata[0]), ==, IB_PACK_STATE_DRAFT);
  /* Only drafts: the meeting may go. */
  g_assert_null (ib_meetings_model_find_issued (f->model, BOARD_DECEMBER));
  g_assert_nonnull (ib_meetings_model_find_issued (f->model, BOARD_OCTOBER));
  /* A meeting with no pack has none. */
  g_assert_cmpuint (ib_meeting_item_get_packs (ib_meetings_model_lookup (f->model, "f766bb5d-d9d2-5c14-b854-ae5351a43ca3"))->len, ==, 0);

  g_assert_true (ib_pack_issue (f->store, PACK_DECEMBER, "2022-12-02", &error));
  g_assert_no_error (error);
  settle ();
  item = ib_meetings_model_lookup (f->model, BOARD_DECEMBER);
  v1 = ib_meeting_item_get_packs (item)->pdata[0];
  g_assert_cmpint (ib_meetings_model_get_pack_state (f->model, v1), ==, IB_PACK_STATE_ISSUED);
  g_assert_true (ib_meetings_model_find_issued (f->model, BOARD_DECEMBER) == v1);

  /* A correction in draft has not reached the board: version 1 still stands. */
  correction = ib_pack_new_version (f->store, PACK_DECEMBER, &error);
  g_assert_no_error (error);
  settle ();
  item = ib_meetings_model_lookup (f->model, BOARD_DECEMBER);
  packs = ib_meeting_item_get_packs (item);
  g_assert_cmpuint (packs->len, ==, 2);
  g_assert_cmpstr (ib_record_get_id (packs->pdata[0]), ==, ib_record_get_id (correction));
  g_assert_cmpint (ib_record_get_int (packs->pdata[0], "version", 0), ==, 2);
  g_assert_cmpint (ib_meetings_model_get_pack_state (f->model, packs->pdata[0]), ==, IB_PACK_STATE_DRAFT);
  g_assert_cmpint (ib_meetings_model_get_pack_state (f->model, packs->pdata[1]), ==, IB_PACK_STATE_ISSUED);
  g_assert_true (ib_meetings_model_get_correction (f->model, packs->pdata[1]) == packs->pdata[0]);

  /* Issued, it supersedes version 1. */
  g_assert_true (ib_pack_issue (f->store, ib_record_get_id (correction), "2022-12-05", &error));
  g_assert_no_error (error);
  settle ();
  packs = ib_meeting_item_get_packs (ib_meetings_model_lookup (f->model, BOARD_DECEMBER));
  g_assert_cmpint (ib_meetings_model_get_pack_state (f->model, packs->pdata[0]), ==, IB_PACK_STATE_ISSUED);
  g_assert_cmpint (ib_meetings_model_get_pack_state (f->model, packs->pdata[1]), ==, IB_PACK_STATE_SUPERSEDED);
}

static void
test_search_and_kind (Fixture       *f,
                      gconstpointer  data)
{
  guint all = n_items (f);

  /* By the kind's name, the title, and a pack's subject. */
  ib_meetings_model_set_search (f->model, "holding to");
  g_assert_cmpuint (n_items (f), ==, 2);
  g_assert_cmpint (ib_meeting_item_get_kind (item_at (f, 0)), ==, IB_MEETING_ITEM_PAST);
  g_assert_cmpstr (id_at (f, 1), ==, HOLDING_TO_ACCOUNT);
  ib_meetings_model_set_search (f->model, "RECRUITMENT AND RETENTION");
  g_assert_cmpstr (id_at (f, 1), ==, HOLDING_TO_ACCOUNT);
  ib_meetings_model_set_search (f->model, "no such meeting");
  g_assert_cmpuint (n_items (f), ==, 0);
  g_assert_true (ib_view_model_is_filtered (IB_VIEW_MODEL (f->model)));
  ib_meetings_model_set_search (f->model, "");
  g_assert_cmpuint (n_items (f), ==, all);
  g_assert_false (ib_view_model_is_filtered (IB_VIEW_MODEL (f->model)));

  ib_meetings_model_set_kind (f->model, "scrutiny");
  g_assert_cmpuint (n_items (f), ==, 2 + 5);
  g_assert_cmpstr (id_at (f, 1), ==, SCRUTINY_NOV);
  g_assert_true (ib_view_model_is_filtered (IB_VIEW_MODEL (f->model)));
  /* A filtered-out meeting is still found by id, for the detail that shows it. */
  g_assert_nonnull (ib_meetings_model_lookup (f->model, BOARD_OCTOBER));
  ib_meetings_model_clear_filters (f->model);
  g_assert_cmpuint (n_items (f), ==, all);
}

static void
test_hide_and_reload (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (IbRecord) meeting = ib_record_new (&ib_type_meeting);
  g_autoptr (GError) error = NULL;
  guint all = n_items (f);

  /* A meeting whose delete waits on its Undo toast leaves the list, and its heading's count. */
  ib_view_model_hide (IB_VIEW_MODEL (f->model), SCRUTINY_NOV);
  g_assert_false (listed (f, SCRUTINY_NOV));
  g_assert_cmpuint (ib_meeting_item_get_count (item_at (f, 0)), ==, 1);
  ib_view_model_unhide (IB_VIEW_MODEL (f->model), SCRUTINY_NOV);
  g_assert_true (listed (f, SCRUTINY_NOV));

  /* So does a pack. */
  ib_view_model_hide (IB_VIEW_MODEL (f->model), PACK_DECEMBER);
  g_assert_cmpuint (ib_meeting_item_get_packs (ib_meetings_model_lookup (f->model, BOARD_DECEMBER))->len, ==, 0);
  ib_view_model_unhide (IB_VIEW_MODEL (f->model), PACK_DECEMBER);
  g_assert_cmpuint (ib_meeting_item_get_packs (ib_meetings_model_lookup (f->model, BOARD_DECEMBER))->len, ==, 1);

  /* A new meeting arrives at the next idle, in its place. */
  ib_record_set_string (meeting, "kind", "cabinet");
  ib_record_set_string (meeting, "held_on", "2022-11-15");
  ib_record_set_string (meeting, "title", "Cabinet");
  g_assert_true (ib_store_create (f->store, meeting, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (f), ==, all);
  settle ();
  g_assert_cmpuint (n_items (f), ==, all + 1);
  g_assert_cmpstr (id_at (f, 1), ==, ib_record_get_id (meeting));
  g_assert_cmpint (ib_meetings_model_is_upcoming (f->model, meeting), ==, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/meetings-model/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("sections", test_sections);
  ADD ("pack-states", test_pack_states);
  ADD ("search-and-kind", test_search_and_kind);
  ADD ("hide-and-reload", test_hide_and_reload);
#undef ADD

  return g_test_run ();
}
