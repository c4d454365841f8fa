/* test-meetings-ui.c: the Meetings view in the real window, under Xvfb, on the demo board in a
 * real database file: a new meeting and its pack through the editor, the pack's PDF exported
 * through the save dialog (Part 1 without the Exempt item, Part 2 with it), the pack issued
 * and read-only, a meeting deleted with Undo, and the viewer's read-only page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ib-application.h"
#include "ib-list-detail.h"
#include "ib-meetings-page-private.h"
#include "ib-pack-preview-private.h"
#include "ib-pdf-tools.h"
#include "ib-record-editor.h"
#include "ib-test-util.h"
#include "ib-pack-print.h"
#include "ib-ui-test-util.h"
#include "ib-view.h"
#include "ib-window.h"

#define MEETING_TITLE "Improvement Board: spring review"
#define PACK_SUBJECT "Spring review: progress and exceptions"
#define CANARY_TITLE "CANARYEXEMPT negotiation with the Children’s Trust"

static IbApplication *app;

typedef struct
{
  IbTestDemo      demo;
  const char     *path;   /* the rest borrowed from demo */
  IbStore        *store;
  IbWindow       *window;
  IbMeetingsPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->page = IB_MEETINGS_PAGE (ib_test_demo_open (&f->demo, ADW_APPLICATION (app), "meetings", IB_TYPE_MEETINGS_PAGE, 1200, 800));
  f->path = f->demo.path;
  f->store = f->demo.store;
  f->window = f->demo.window;
  /* The day that divides upcoming from past, so the test reads the same in any year. */
  ib_meetings_model_set_today (ib_meetings_page_get_model (f->page), "2023-01-01");
  ib_test_settle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ib_test_demo_close (&f->demo);
}

static IbListDetail *
list_detail (Fixture *f)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->page), IB_TYPE_MEETINGS_PAGE, "list_detail");

  g_assert_nonnull (child);
  return IB_LIST_DETAIL (child);
}

/* Returns the id of the one live record of @type whose @field is @value (transfer full). */
static char *
find_id (Fixture            *f,
         const IbRecordType *type,
         const char         *field,
         const char         *value)
{
  g_autoptr (GListModel) records = ib_store_list_where (f->store, type, field, value);
  g_autoptr (IbRecord) record = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (records), ==, 1);
  record = g_list_model_get_item (records, 0);
  return g_strdup (ib_record_get_id (record));
}

static void
type_long_text (IbRecordEditor *editor,
                const char     *field,
                const char     *text)
{
  GtkWidget *view = ib_test_find_widget (ib_record_editor_get_row (editor, field), GTK_TYPE_TEXT_VIEW, NULL);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* The button labelled @label in the detail on screen. */
static GtkWidget *
detail_button (Fixture    *f,
               const char *label)
{
  GtkWidget *detail = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page), IB_TYPE_MEETINGS_PAGE, "detail"));
  GtkWidget *button = ib_test_find_widget (detail, GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);
  return button;
}

static GtkWindow *
find_message (void)
{
  return ib_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
}

/* Answers @message with its button labelled @label, as a click does, and waits for it to go. */
static void
answer (GtkWindow  *message,
        const char *label)
{
  GtkWidget *button = ib_test_find_widget (GTK_WIDGET (message), GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ib_test_wait_for_no_window (ADW_TYPE_MESSAGE_DIALOG);
}

/* The save dialog's "Part" drop-down: the one listing "Part 2 (exempt)". */
static GtkDropDown *
find_part_choice (GtkWidget *root)
{
  if (GTK_IS_DROP_DOWN (root))
    {
      GListModel *options = gtk_drop_down_get_model (GTK_DROP_DOWN (root));

      if (GTK_IS_STRING_LIST (options) && g_list_model_get_n_items (options) == 2 &&
          g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (options), 1), "Part 2 (exempt)") == 0)
        return GTK_DROP_DOWN (root);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_part_choice (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Exports the pack shown through its "Export PDF…" button and the save dialog, choosing @part
 * ("part1", "part2"); returns the path written (transfer full). */
static char *
export_through_dialog (Fixture    *f,
                       const char *part,
                       const char *name)
{
  g_autofree char *path = g_build_filename (f->demo.dir, name, NULL);
  g_autofree char *saved = g_strdup_printf ("Saved “%s”", name);
  GtkWindow *chooser;

  g_signal_emit_by_name (detail_button (f, "E_xport PDF…"), "clicked");
  chooser = ib_test_wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  /* The demo device was never signed in to a server: it holds Part 2 and is offered it. */
  g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "part"), ==, "part1");
  /* The part is chosen in the dialog, so the name it suggests claims none. */
  g_assert_cmpstr (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser)), ==, PACK_SUBJECT ".pdf");
  /* Chosen in the dialog's own drop-down, as a person does. */
  gtk_drop_down_set_selected (find_part_choice (GTK_WIDGET (chooser)), g_str_equal (part, "part2") ? 1 : 0);
  g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "part"), ==, part);
  /* A whole path typed as the name, as a person may: changing the folder under the dialog
   * while it still reads the first one would cancel that reading with an error. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), path);
  /* The dialog's own button: the dialog checks the name before it answers. */
  g_signal_emit_by_name (ib_test_find_widget (GTK_WIDGET (chooser), GTK_TYPE_BUTTON, "_Export"), "clicked");
  ib_test_wait_for_no_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  ib_test_wait_for_text (GTK_WIDGET (f->window), saved);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return g_steal_pointer (&path);
}

static void
assert_has (const char *text,
            const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the PDF's text: %s", needle, text);
}

static void
test_meeting_pack_export_issue (Fixture       *f,
                                gconstpointer  data)
{
  IbRecordEditor *editor;
  g_autofree char *meeting_id = NULL;
  g_autofree char *report_id = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *part1 = NULL;
  g_autofree char *part2 = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  g_autoptr (IbRecord) canary = NULL;
  g_autoptr (IbRecord) report = NULL;
  g_autoptr (GError) error = NULL;
  GtkWindow *message;

  /* Past and upcoming are headed; the demo's boards are past. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Meetings and Packs");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Past");

  /* Ctrl+N: a new meeting, refused without a title, then saved and chosen. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  editor = ib_test_wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Meeting");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "title")), "");
  ib_test_press_save (GTK_WINDOW (editor));
  g_assert_nonnull (ib_test_find_window (IB_TYPE_RECORD_EDITOR));
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "title")), MEETING_TITLE);
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "held_on")), "2023-03-15");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM meeting WHERE title = '" MEETING_TITLE "'"
                                      " AND held_on = '2023-03-15' AND kind = 'improvement_board'"), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'meeting' AND op = 'create'"), ==, 1);
  meeting_id = find_id (f, &ib_type_meeting, "title", MEETING_TITLE);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Upcoming");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "No pack yet. A pack is the report this meeting receives, in the council’s template: drafted from the data as they stand, then issued and frozen as the board saw it.");

  /* An Exempt item in the plan: Part 1 must hold nothing of it. */
  {
    g_autoptr (GListModel) actions = ib_store_list_where (f->store, &ib_type_action, "ref", "1");
    IbRecord *found;

    g_assert_cmpuint (g_list_model_get_n_items (actions), >, 0);
    found = g_list_model_get_item (actions, 0);
    canary = ib_record_copy (found);
    g_object_unref (found);
    ib_record_set_string (canary, "title", CANARY_TITLE);
    ib_record_set_class (canary, "exempt");
    ib_record_set_exempt_paragraph (canary, 3);
    g_assert_true (ib_store_update (f->store, canary, &error));
    g_assert_no_error (error);
  }

  /* A pack for it, from the meeting's "New Pack…": every appendix chosen to start with. */
  g_signal_emit_by_name (detail_button (f, "New P_ack…"), "clicked");
  editor = ib_test_wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Pack");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "subject"))), ==, MEETING_TITLE);
  g_assert_nonnull (ib_record_editor_get_row (editor, "appendix_plan"));
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "subject")), PACK_SUBJECT);
  type_long_text (editor, "executive_summary", "The plan moved on three of its five priority areas.");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  report_id = find_id (f, &ib_type_report, "subject", PACK_SUBJECT);
  sql = g_strdup_printf ("SELECT count(*) FROM report WHERE id = '%s' AND meeting = '%s' AND appendix_plan = 1"
                         " AND appendix_since = 1 AND issued_on IS NULL", report_id, meeting_id);
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 1);
  ib_test_wait_for_text (GTK_WIDGET (f->window), PACK_SUBJECT);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Draft");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Part 1 (public) and Part 2 (exempt)");

  /* The preview: the pages as they print, each page's text beside it for a screen reader. */
  g_signal_emit_by_name (detail_button (f, "_Preview"), "clicked");
  {
    IbPackPreview *preview = IB_PACK_PREVIEW (ib_test_wait_for_window (IB_TYPE_PACK_PREVIEW));
    g_autofree char *page1 = ib_pack_preview_dup_text (preview);

    g_assert_nonnull (strstr (page1, PACK_SUBJECT));
    g_assert_cmpuint (ib_pack_preview_get_n_pages (preview), >, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next-page", NULL));
    g_assert_cmpuint (ib_pack_preview_get_page (preview), ==, 1);
    gtk_window_close (GTK_WINDOW (preview));
    ib_test_wait_for_no_window (IB_TYPE_PACK_PREVIEW);
  }

  /* Part 1: the subject and the line in the Exempt item's place, nothing of the item. */
  if (!ib_pdf_tools_ready ())
    return;
  part1 = export_through_dialog (f, "part1", "pack-part1.pdf");
  text1 = ib_pdf_text (part1, 0, 0);
  assert_has (text1, PACK_SUBJECT);
  assert_has (text1, "An exempt item is reported in Part 2, paragraph 3");
  g_assert_null (strstr (text1, "CANARYEXEMPT"));
  g_assert_null (strstr (text1, "Not for publication"));

  /* Part 2: the item, marked as councils print it. */
  part2 = export_through_dialog (f, "part2", "pack-part2.pdf");
  text2 = ib_pdf_text (part2, 0, 0);
  assert_has (text2, "CANARYEXEMPT");
  assert_has (text2, "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A of the Local Government Act 1972");

  /* Print draws the same pages through GtkPrintOperation; exported by GTK's own PDF backend so
   * no printer is needed, and without a part chosen in the dialog it is Part 1. */
  {
    g_autoptr (GError) print_error = NULL;
    g_autoptr (IbPack) pack = ib_pack_load (f->store, report_id, &print_error);
    g_autoptr (IbPackPrint) print = NULL;
    g_autofree char *printed = g_build_filename (f->demo.dir, "printed.pdf", NULL);
    g_autofree char *text = NULL;

    g_assert_no_error (print_error);
    print = ib_pack_print_new (pack, IB_PACK_PART_PUBLIC, FALSE, &print_error);
    g_assert_no_error (print_error);
    gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (print), printed);
    g_assert_cmpint (gtk_print_operation_run (GTK_PRINT_OPERATION (print), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                              GTK_WINDOW (f->window), &print_error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
    g_assert_no_error (print_error);
    text = ib_pdf_text (printed, 0, 0);
    assert_has (text, PACK_SUBJECT);
    assert_has (text, "An exempt item is reported in Part 2, paragraph 3");
    g_assert_null (strstr (text, "CANARYEXEMPT"));
  }

  /* Issue: asked once, in words, and nothing happens on Cancel. */
  g_signal_emit_by_name (detail_button (f, "_Issue…"), "clicked");
  message = find_message ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==, "Issue This Pack?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "cannot be changed"));
  answer (message, "_Cancel");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM report WHERE id = '%s' AND issued_on IS NOT NULL", report_id);
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 0);

  g_signal_emit_by_name (detail_button (f, "_Issue…"), "clicked");
  message = find_message ();
  answer (message, "_Issue");
  ib_test_settle ();
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM report_snapshot WHERE report = '%s'", report_id);
  g_assert_cmpint (ib_test_query_int (f->path, sql), >, 0);

  /* Issued: read-only in the window, refused by the store, a new version offered instead. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Issued");
  g_assert_false (gtk_widget_get_visible (detail_button (f, "_Issue…")));
  g_assert_false (gtk_widget_get_visible (detail_button (f, "Edi_t Pack…")));
  g_assert_false (gtk_widget_get_visible (detail_button (f, "Delete Draft")));
  g_assert_true (gtk_widget_get_visible (detail_button (f, "_New Version")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "meetings.edit-pack", "s", report_id));
  ib_test_settle ();
  g_assert_null (ib_test_find_window (IB_TYPE_RECORD_EDITOR));
  report = ib_store_get (f->store, &ib_type_report, report_id, NULL);
  ib_record_set_string (report, "subject", "Changed after issue");
  g_assert_false (ib_store_update (f->store, report, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The issued pack is what the board saw, whatever is edited later. */
  ib_record_set_string (canary, "title", "CANARYEXEMPT renamed after the board");
  g_assert_true (ib_store_update (f->store, canary, &error));
  g_assert_no_error (error);
  g_clear_pointer (&part2, g_free);
  g_clear_pointer (&text2, g_free);
  part2 = export_through_dialog (f, "part2", "pack-part2-issued.pdf");
  text2 = ib_pdf_text (part2, 0, 0);
  assert_has (text2, CANARY_TITLE);
  g_assert_null (strstr (text2, "renamed after the board"));

  /* A correction is a new draft version, drawn from the data as they stand: the new title. */
  g_signal_emit_by_name (detail_button (f, "_New Version"), "clicked");
  editor = ib_test_wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Correct the Pack: Version 2");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM report WHERE supersedes = '%s' AND version = 2 AND issued_on IS NULL", report_id);
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 1);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Version 2, not issued yet. Corrects version 1");
  /* The newest version's card comes first. */
  g_clear_pointer (&part2, g_free);
  g_clear_pointer (&text2, g_free);
  part2 = export_through_dialog (f, "part2", "pack-part2-correction.pdf");
  text2 = ib_pdf_text (part2, 0, 0);
  assert_has (text2, "CANARYEXEMPT renamed after the board");

  /* Its meeting stays too, and the window says why before the store refuses. */
  gtk_widget_grab_focus (ib_meetings_page_get_list_view (f->page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL));
  message = find_message ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==, "This Meeting Cannot Be Deleted");
  answer (message, "_Close");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT deleted FROM meeting WHERE id = '%s'", meeting_id);
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 0);
}

static void
test_delete_undo_and_viewer (Fixture       *f,
                             gconstpointer  data)
{
  IbMeetingsModel *model = ib_meetings_page_get_model (f->page);
  g_autofree char *id = NULL;
  g_autofree char *sql = NULL;
  guint n;
  GtkWidget *undo;

  /* A demo board with no pack yet: 29 July 2022. */
  {
    g_autoptr (GListModel) meetings = ib_store_list_where (f->store, &ib_type_meeting, "held_on", "2022-07-29");
    g_autoptr (IbRecord) meeting = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 1);
    meeting = g_list_model_get_item (meetings, 0);
    id = g_strdup (ib_record_get_id (meeting));
    g_assert_null (ib_meetings_model_find_issued (model, id));
  }
  sql = g_strdup_printf ("SELECT deleted FROM meeting WHERE id = '%s'", id);
  g_assert_true (ib_list_detail_select (list_detail (f), id));
  ib_test_settle ();
  n = g_list_model_get_n_items (ib_meetings_model_get_items (model));

  /* Delete, as the Delete key does on the list: gone from it, still on disk while Undo is
   * offered. */
  gtk_widget_grab_focus (ib_meetings_page_get_list_view (f->page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL));
  ib_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (ib_meetings_model_get_items (model)), ==, n - 1);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "“Improvement Board, 29 July 2022” deleted");
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 0);

  undo = ib_test_wait_for_undo (GTK_WIDGET (f->window));
  g_signal_emit_by_name (undo, "clicked");
  ib_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (ib_meetings_model_get_items (model)), ==, n);
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 0);

  /* Again, and this time the toast goes: deleted, and queued for sync. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "meetings.delete", "s", id));
  ib_meetings_page_commit_pending (f->page);
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'meeting' AND op = 'delete'"), ==, 1);

  /* A viewer reads the meetings and their packs, but changes nothing. */
  ib_view_set_can_edit (IB_VIEW (f->page), FALSE);
  {
    g_autoptr (GListModel) meetings = ib_store_list_where (f->store, &ib_type_meeting, "held_on", "2022-10-21");
    g_autoptr (IbRecord) meeting = g_list_model_get_item (meetings, 0);

    g_assert_true (ib_list_detail_select (list_detail (f), ib_record_get_id (meeting)));
  }
  ib_test_settle ();
  g_assert_false (gtk_widget_get_visible (detail_button (f, "New P_ack…")));
  g_assert_false (gtk_widget_get_visible (detail_button (f, "_New Version")));
  g_assert_true (gtk_widget_get_visible (detail_button (f, "E_xport PDF…")));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL);
  ib_test_settle ();
  g_assert_null (ib_test_find_window (IB_TYPE_RECORD_EDITOR));
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  app = ib_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add ("/ui/meetings/meeting-pack-export-issue", Fixture, NULL, fixture_set_up, test_meeting_pack_export_issue, fixture_tear_down);
  g_test_add ("/ui/meetings/delete-undo-and-viewer", Fixture, NULL, fixture_set_up, test_delete_undo_and_viewer, fixture_tear_down);
  rc = g_test_run ();

  g_clear_object (&app);
  return rc;
}
