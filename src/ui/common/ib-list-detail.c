/* ib-list-detail.c
 *
 * The list is a one-column GtkGridView over the model's items, so it stays fluid with
 * thousands of records: searching and filtering happen in the model, and the view binds only
 * the rows about the screen (GTK 4.8's GtkListView would keep 200 bound: see the template).
 * The selection is kept by record id, because a reload, a sync or an edit replaces the items.
 * Deletes wait on their Undo toast in an IbPendingDelete, with the record left out of the list
 * meanwhile, so Undo needs no "undelete" in the sync protocol.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-list-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-a11y.h"
#include "ib-detail-util.h"
#include "ib-kept-selection.h"
#include "ib-list-detail.h"
#include "ib-list-row.h"

struct _IbListDetail
{
  GtkWidget            parent_instance;

  /* template */
  AdwLeaflet          *leaflet;
  GtkBox              *sidebar;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkStack            *list_stack;
  GtkGridView         *list_view;
  GtkBox              *detail_box;
  GtkWidget           *back_button;
  GtkWidget           *back_content;

  /* owned */
  IbViewModel         *model;
  IbKeptSelection     *selection;
  IbPendingDelete     *deleter;
  GPtrArray           *spare_rows;       /* rows of list items GTK dropped, for its next ones */

  /* borrowed */
  GtkWidget           *last_header;      /* the "header" children go after it */
  GtkWidget           *last_above_list;  /* the "above-list" children go after it */
  IbPendingDeleteFunc  delete_func;
  gpointer             delete_data;

  GType                row_type;
  gboolean             search_mode;
  guint                loading_id;       /* says "Loading…" if a first load takes long */
  guint                show_id;          /* a hidden view's detail, shown at idle or when mapped */
  gboolean             search_pending;   /* a search read apart is not in the list yet */
  gboolean             narrowed_pending; /* a filter chosen while a load was read apart */
  gboolean             open_when_searched; /* Enter was typed before it was */
  gboolean             awaiting_load;    /* the model was set while its first load was read */
  gboolean             focus_wanted;     /* the list was asked for the keyboard before it had rows */
  GtkWidget           *focus_before;     /* weak: where the keyboard was then */
  guint                placed_tick_id;   /* after_rows_placed (): waits for a layout */
  gboolean             placed_laid_out;  /* a layout has run since it was asked for */
  gboolean             list_keyed;       /* a key was pressed in the list since */
  gboolean             sight_wanted;     /* hidden, the open row changed: into sight at its layout */
};

/* Rows kept for the list's next items: about what it keeps made at once (see the template). */
#define MAX_SPARE_ROWS 40

/* A first load shorter than this shows its list when ready, with nothing in between: a status
 * page flashed for a few tens of milliseconds reads as a flicker, not as progress. */
#define LOADING_PAGE_DELAY_MS 500

static void ib_list_detail_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbListDetail, ib_list_detail, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, ib_list_detail_buildable_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_ROW_TYPE,
  PROP_SEARCH_MODE,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum { SHOW_ITEM, SEARCH_ACTIVATED, DELETE_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkBuildableIface *parent_buildable_iface;

static GtkSingleSelection *
single_selection (IbListDetail *self)
{
  return GTK_SINGLE_SELECTION (ib_kept_selection_get_model (self->selection));
}

/* The detail shows the chosen record even when a filter stops matching it (after its new
 * statement turned it amber under a "red" filter, say): what was being read does not vanish. */
static gpointer
shown_item (IbListDetail *self)
{
  gpointer item;

  if (self->selection == NULL)
    return NULL;
  /* A record deleted, its Undo still offered, is gone from the detail as from the list; the
   * selection keeps its id, so Undo brings it back to both. */
  if (g_strcmp0 (ib_kept_selection_get_id (self->selection), ib_pending_delete_get_id (self->deleter)) == 0)
    return NULL;
  item = ib_kept_selection_get_item (self->selection);
  if (item == NULL)
    item = ib_view_model_lookup (self->model, ib_kept_selection_get_id (self->selection));
  return item;
}

static gboolean
show_item_cb (gpointer data)
{
  IbListDetail *self = data;

  self->show_id = 0;
  g_signal_emit (self, signals[SHOW_ITEM], 0, self->model, shown_item (self));
  return G_SOURCE_REMOVE;
}

/* A view not on screen (one built at idle after start-up, or one left for another) fills its
 * detail in an idle of its own below redraw, or when it is shown if that comes first: a first
 * load or a pulled page landing in it then costs its iteration the list only, not the detail
 * pane's widgets as well. On screen the detail follows at once, in the same frame. */
static void
show_item (IbListDetail *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      if (self->show_id == 0)
        self->show_id = g_idle_add_full (G_PRIORITY_LOW, show_item_cb, self, NULL);
      return;
    }
  g_clear_handle_id (&self->show_id, g_source_remove);
  show_item_cb (self);
}

static void
on_selection_changed_cb (IbListDetail *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->sight_wanted = TRUE;
  show_item (self);
}

static void
ib_list_detail_map (GtkWidget *widget)
{
  IbListDetail *self = IB_LIST_DETAIL (widget);

  GTK_WIDGET_CLASS (ib_list_detail_parent_class)->map (widget);
  /* Shown before its idle came: the detail is filled now, before the frame draws it. */
  if (self->show_id != 0)
    {
      g_clear_handle_id (&self->show_id, g_source_remove);
      show_item_cb (self);
    }
}

static gboolean
show_loading_cb (gpointer data)
{
  IbListDetail *self = data;
  GtkWidget *page;

  self->loading_id = 0;
  page = gtk_stack_get_child_by_name (self->list_stack, "loading");
  if (page == NULL)
    {
      page = adw_status_page_new ();
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Loading…"));
      gtk_stack_add_named (self->list_stack, page, "loading");
    }
  gtk_stack_set_visible_child (self->list_stack, page);
  return G_SOURCE_REMOVE;
}

static void
update_state (IbListDetail *self)
{
  guint n = g_list_model_get_n_items (ib_view_model_get_items (self->model));
  const char *state = n > 0 ? "list" : ib_view_model_is_filtered (self->model) ? "no-match" : "empty";

  /* Nothing listed yet says nothing while the first load is read: no "empty" page, only the
   * list, which fills when it is in (and "Loading…" if that takes long). */
  if (n == 0 && ib_view_model_is_loading (self->model))
    {
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "loading") == 0)
        return;
      if (self->loading_id == 0)
        self->loading_id = g_timeout_add (LOADING_PAGE_DELAY_MS, show_loading_cb, self);
      state = "list";
    }
  else
    g_clear_handle_id (&self->loading_id, g_source_remove);

  if (gtk_stack_get_child_by_name (self->list_stack, state) != NULL)
    gtk_stack_set_visible_child_name (self->list_stack, state);
}

static gboolean focus_in_list (IbListDetail *self);

static void
go_back (IbListDetail *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  focus_in_list (self);
}

/* The list's widget for the row at @position, or NULL when the list has not made it. */
static GtkWidget *
row_at (IbListDetail *self,
        guint         position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      GtkListItem *item = row != NULL ? g_object_get_data (G_OBJECT (row), "list-item") : NULL;

      if (item != NULL && gtk_list_item_get_position (item) == position)
        return child;
    }
  return NULL;
}

/* TRUE when the row at @position is made and wholly in the list's sight. */
static gboolean
row_in_sight (IbListDetail *self,
              guint         position)
{
  GtkWidget *list = GTK_WIDGET (self->list_view);
  GtkWidget *row = row_at (self, position);
  graphene_rect_t bounds;

  return row != NULL && gtk_widget_get_child_visible (row) &&
         gtk_widget_compute_bounds (row, list, &bounds) &&
         bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (list);
}

static gboolean list_has_focus (IbListDetail *self);
static GtkWidget *window_focus (IbListDetail *self);

/* Puts the keyboard in the list: on the open row when the list has placed it, so arrows move
 * on from what is open; else where GTK 4.8 puts it, the row that last had it. That row may be
 * one GTK keeps made but not placed (the list was scrolled away from it while hidden), where
 * a key, Alt+N included, goes nowhere: then on the first row placed. FALSE when the list has
 * no row placed yet. */
static gboolean
focus_in_list (IbListDetail *self)
{
  GtkWidget *list = GTK_WIDGET (self->list_view);
  guint position = self->selection != NULL ? gtk_single_selection_get_selected (single_selection (self))
                                            : GTK_INVALID_LIST_POSITION;
  GtkWidget *row = position != GTK_INVALID_LIST_POSITION ? row_at (self, position) : NULL;
  GtkWidget *focus;

  if (row != NULL && gtk_widget_get_mapped (row) && gtk_widget_grab_focus (row))
    return TRUE;
  gtk_widget_grab_focus (list);
  focus = window_focus (self);
  if (focus == NULL || focus == list || !gtk_widget_is_ancestor (focus, list))
    return FALSE;
  if (gtk_widget_get_mapped (focus))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_mapped (child) && gtk_widget_grab_focus (child))
      return TRUE;
  return FALSE;
}

/* Once the rows are placed: the keyboard the list was asked for before it had a row to take
 * it (unless the person has put it somewhere else since), then the open record's row brought
 * into sight while the keyboard is in the list and no key has moved it (an arrow key has
 * scrolled by itself). The keyboard goes to the list rather than to the open row: GTK 4.8
 * loses a row's focus, with a critical warning, when a delete reorders the rows around it. */
static gboolean
rows_placed_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  IbListDetail *self = data;
  guint position;

  /* The first tick comes before the layout that places the rows: act at the next. */
  if (!self->placed_laid_out)
    {
      self->placed_laid_out = TRUE;
      return G_SOURCE_CONTINUE;
    }
  self->placed_tick_id = 0;

  if (self->focus_wanted)
    {
      if (window_focus (self) == self->focus_before && gtk_widget_get_mapped (widget))
        focus_in_list (self);
      /* Asked once; a list still loading asks again when its rows land. */
      if (list_has_focus (self) || window_focus (self) != self->focus_before ||
          self->model == NULL || !ib_view_model_is_loading (self->model))
        {
          self->focus_wanted = FALSE;
          g_clear_weak_pointer (&self->focus_before);
        }
    }

  position = self->selection != NULL ? gtk_single_selection_get_selected (single_selection (self))
                                     : GTK_INVALID_LIST_POSITION;
  /* Not when the row is in sight already (the window brings it there while the view is
   * hidden): GTK 4.8 would still move its anchor to that row, which can make rows anew. */
  if (position != GTK_INVALID_LIST_POSITION && list_has_focus (self) && !self->list_keyed)
    gtk_widget_activate_action (widget, "list.scroll-to-item", "u", position);
  return G_SOURCE_REMOVE;
}

/* Runs rows_placed_cb () once the list's rows are placed: GTK 4.8 can neither focus nor scroll
 * to a row of a list just shown or just filled, which has no row widgets before its layout. */
static void
after_rows_placed (IbListDetail *self)
{
  self->placed_laid_out = FALSE;
  self->list_keyed = FALSE;
  if (self->placed_tick_id == 0)
    self->placed_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), rows_placed_cb, self, NULL);
}

static void forget_unmatched_selection (IbListDetail *self);
static void forget_unlisted_selection  (IbListDetail *self);
static void open_first_match           (IbListDetail *self);

static void
on_model_updated_cb (IbListDetail *self)
{
  if (self->awaiting_load && !ib_view_model_is_loading (self->model))
    {
      self->awaiting_load = FALSE;
      /* As a selection made over loaded items does: the first row, unless one was chosen. */
      if (ib_kept_selection_get_id (self->selection) == NULL &&
          g_list_model_get_n_items (ib_view_model_get_items (self->model)) > 0)
        gtk_single_selection_set_selected (single_selection (self), 0);
      if (list_has_focus (self))
        after_rows_placed (self);
    }
  if (self->narrowed_pending && !ib_view_model_is_loading (self->model))
    {
      self->narrowed_pending = FALSE;
      forget_unlisted_selection (self);
    }
  if (self->search_pending && !ib_view_model_is_loading (self->model))
    {
      self->search_pending = FALSE;
      forget_unmatched_selection (self);
      if (self->open_when_searched)
        {
          self->open_when_searched = FALSE;
          open_first_match (self);
        }
    }
  update_state (self);
  /* The same record may carry new values: the detail shows it anew. */
  show_item (self);
  if (self->focus_wanted)
    after_rows_placed (self);
}

static void
on_list_activate_cb (IbListDetail *self,
                     guint         position)
{
  gtk_single_selection_set_selected (single_selection (self), position);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Space opens the row with the keyboard as Enter does. GTK 4.8's list rows take Space to
 * toggle their selection, which in a single selection closes the detail. */
static gboolean
open_focused_row (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  IbListDetail *self = user_data;
  GtkWidget *focus = gtk_widget_get_focus_child (GTK_WIDGET (self->list_view));
  GtkWidget *row = focus != NULL ? gtk_widget_get_first_child (focus) : NULL;
  GtkListItem *item = row != NULL ? g_object_get_data (G_OBJECT (row), "list-item") : NULL;

  if (item == NULL || !gtk_list_item_get_activatable (item))
    return FALSE;
  g_signal_emit_by_name (self->list_view, "activate", gtk_list_item_get_position (item));
  return TRUE;
}

static void
on_folded_changed_cb (IbListDetail *self)
{
  /* Narrow, one tap opens a record; wide, the detail is beside the list anyway. */
  gtk_grid_view_set_single_click_activate (self->list_view, adw_leaflet_get_folded (self->leaflet));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

/* TRUE when the model's own list (not the kept selection's) holds record @id. */
static gboolean
model_lists (IbListDetail *self,
             const char   *id)
{
  GListModel *items = ib_view_model_get_items (self->model);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (ib_view_model_get_item_id (self->model, item), id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The record open is closed when the list no longer holds it. */
static void
forget_unlisted_selection (IbListDetail *self)
{
  const char *id = self->selection != NULL ? ib_kept_selection_get_id (self->selection) : NULL;

  if (id != NULL && !model_lists (self, id))
    ib_kept_selection_set_id (self->selection, NULL);
}

/* A search, like a filter (ib_list_detail_narrowed ()), is a person asking to see only what
 * matches: the record open before is not left beside a list that no longer holds it. (An edit
 * that takes a record out of a filter keeps it open: see shown_item ().) Enter then opens the
 * first match. */
static void
forget_unmatched_selection (IbListDetail *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (*text != '\0')
    forget_unlisted_selection (self);
}

static void
on_search_changed_cb (IbListDetail *self)
{
  if (self->model == NULL)
    return;
  ib_view_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  /* A search read apart has not changed the list yet: it is looked at when it has. */
  if (ib_view_model_is_loading (self->model))
    self->search_pending = TRUE;
  else
    forget_unmatched_selection (self);
}

static void
on_stop_search_cb (IbListDetail *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  focus_in_list (self);
}

/* Enter in the search opens the first match, in every view: a view that lists more than
 * records (the plan's headings) says which is first by handling "search-activated". */
static void
open_first_match (IbListDetail *self)
{
  GListModel *items;

  if (g_signal_has_handler_pending (self, signals[SEARCH_ACTIVATED], 0, FALSE))
    {
      g_signal_emit (self, signals[SEARCH_ACTIVATED], 0);
      return;
    }

  items = ib_view_model_get_items (self->model);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (items, i);
      const char *id = ib_view_model_get_item_id (self->model, item);

      /* By id: the list's positions also hold the record still shown though filtered out. */
      if (id != NULL)
        {
          ib_list_detail_open (self, ib_kept_selection_find (self->selection, id));
          return;
        }
    }
}

static void
on_search_activate_cb (IbListDetail *self)
{
  if (self->model == NULL)
    return;
  /* The entry tells the model after a delay; Enter typed at once means what is typed. */
  ib_view_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  /* Enter typed before a search read apart is in means its first match, not the list before. */
  if (ib_view_model_is_loading (self->model))
    {
      self->search_pending = TRUE;
      self->open_when_searched = TRUE;
      return;
    }
  open_first_match (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              IbListDetail             *self)
{
  g_autoptr (GtkWidget) row = NULL;

  if (self->spare_rows != NULL && self->spare_rows->len > 0)
    row = g_ptr_array_steal_index (self->spare_rows, self->spare_rows->len - 1);
  else
    row = g_object_ref_sink (g_object_new (self->row_type, NULL));

  /* So the keyboard can be put on the row of a position (focus_row ()). */
  g_object_set_data (G_OBJECT (row), "list-item", list_item);
  gtk_list_item_set_child (list_item, row);
}

/* GTK 4.8 makes a new list item for every item it has not listed in that place, and drops the
 * items of those it stops listing, rows and all: a list emptied by a search and then filled
 * again, or a filter turned off, made a screenful of new rows, each styled and laid out from
 * nothing. The rows are kept for the next list items instead, and bound afresh there. */
static void
teardown_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 IbListDetail             *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);

  /* Rows dropped as the list itself goes (spare_rows cleared) go with it. */
  if (row == NULL || self->spare_rows == NULL || self->spare_rows->len >= MAX_SPARE_ROWS)
    return;
  g_object_set_data (G_OBJECT (row), "list-item", NULL);
  g_ptr_array_add (self->spare_rows, g_object_ref (row));
  gtk_list_item_set_child (list_item, NULL);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             IbListDetail             *self)
{
  IbListRow *row = IB_LIST_ROW (gtk_list_item_get_child (list_item));
  gboolean choosable = ib_list_row_bind (row, self->model, gtk_list_item_get_item (list_item));

  gtk_list_item_set_selectable (list_item, choosable);
  gtk_list_item_set_activatable (list_item, choosable);
  ib_a11y_name_list_item (GTK_WIDGET (row));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               IbListDetail             *self)
{
  ib_list_row_bind (IB_LIST_ROW (gtk_list_item_get_child (list_item)), NULL, NULL);
}

static gboolean
delete_cb (const IbRecordType  *type,
           const char          *id,
           gpointer             user_data,
           GError             **error)
{
  IbListDetail *self = user_data;

  if (self->delete_func != NULL)
    return self->delete_func (type, id, self->delete_data, error);
  return ib_store_delete (ib_view_model_get_store (self->model), type, id, error);
}

static void
delete_done_cb (const IbRecordType *type,
                const char         *id,
                gboolean            undone,
                const GError       *error,
                gpointer            user_data)
{
  IbListDetail *self = user_data;

  /* The selection is kept by id, so an undone record that was selected is again. */
  if (self->model != NULL)
    ib_view_model_unhide (self->model, id);
  if (error != NULL)
    ib_detail_toast_error (GTK_WIDGET (self), error->message);
  g_signal_emit (self, signals[DELETE_FINISHED], 0, type, id, undone);
}

static void
on_editor_saved_cb (IbRecordEditor *editor,
                    const char     *id,
                    IbListDetail   *self)
{
  /* The model reloads at idle; reload now so the record saved can be chosen at once. */
  ib_view_model_reload (self->model);
  if (ib_view_model_lookup (self->model, id) != NULL)
    ib_list_detail_choose (self, id);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  go_back (IB_LIST_DETAIL (widget));
}

static void
ib_list_detail_add_child (GtkBuildable *buildable,
                          GtkBuilder   *builder,
                          GObject      *child,
                          const char   *type)
{
  IbListDetail *self = IB_LIST_DETAIL (buildable);

  if (g_strcmp0 (type, "header") == 0)
    {
      gtk_box_insert_child_after (self->sidebar, GTK_WIDGET (child), self->last_header);
      self->last_header = GTK_WIDGET (child);
    }
  else if (g_strcmp0 (type, "above-list") == 0)
    {
      gtk_box_insert_child_after (self->sidebar, GTK_WIDGET (child), self->last_above_list);
      self->last_above_list = GTK_WIDGET (child);
    }
  else if (g_strcmp0 (type, "empty") == 0 || g_strcmp0 (type, "no-match") == 0)
    gtk_stack_add_named (self->list_stack, GTK_WIDGET (child), type);
  else if (g_strcmp0 (type, "detail") == 0)
    gtk_box_append (self->detail_box, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
ib_list_detail_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = ib_list_detail_add_child;
}

static void
ib_list_detail_dispose (GObject *object)
{
  IbListDetail *self = (IbListDetail *) object;

  g_clear_handle_id (&self->loading_id, g_source_remove);
  g_clear_weak_pointer (&self->focus_before);
  if (self->placed_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->placed_tick_id);
  self->placed_tick_id = 0;
  g_clear_handle_id (&self->show_id, g_source_remove);
  /* A delete waiting on its toast is still a delete the person asked for. */
  if (self->deleter != NULL && self->model != NULL)
    ib_pending_delete_commit (self->deleter);
  g_clear_object (&self->deleter);
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      g_signal_handlers_disconnect_by_data (ib_view_model_get_items (self->model), self);
    }
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_LIST_DETAIL);
  g_clear_pointer (&self->spare_rows, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ib_list_detail_parent_class)->dispose (object);
}

static void
ib_list_detail_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  IbListDetail *self = IB_LIST_DETAIL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_ROW_TYPE:
      g_value_set_gtype (value, self->row_type);
      break;

    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, self->search_mode);
      break;

    case PROP_FOLDED:
      g_value_set_boolean (value, adw_leaflet_get_folded (self->leaflet));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_list_detail_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  IbListDetail *self = IB_LIST_DETAIL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ib_list_detail_set_model (self, g_value_get_object (value));
      break;

    case PROP_ROW_TYPE:
      self->row_type = g_value_get_gtype (value);
      break;

    case PROP_SEARCH_MODE:
      if (self->search_mode != g_value_get_boolean (value))
        {
          self->search_mode = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_list_detail_class_init (IbListDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_list_detail_dispose;
  object_class->get_property = ib_list_detail_get_property;
  object_class->set_property = ib_list_detail_set_property;
  widget_class->map = ib_list_detail_map;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, IB_TYPE_VIEW_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An IbListRow: the list makes one per row on screen. */
  properties[PROP_ROW_TYPE] =
    g_param_spec_gtype ("row-type", NULL, NULL, IB_TYPE_LIST_ROW,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* TRUE while the search bar is open; a view's search button binds to it. */
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE when narrow: one pane at a time. */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IbListDetail::show-item:
   * @model: the model listed
   * @item: (nullable): the item to show, or NULL for the detail's empty state
   *
   * Emitted when another item is chosen, and after the model was updated: the detail shows
   * @item, in place when it is the record it showed.
   */
  signals[SHOW_ITEM] =
    g_signal_new ("show-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, IB_TYPE_VIEW_MODEL, G_TYPE_OBJECT);
  /* Enter in the search entry, when the view chooses what opens; without a handler the first
   * item with a record opens. */
  signals[SEARCH_ACTIVATED] =
    g_signal_new ("search-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * IbListDetail::delete-finished:
   * @type: the IbRecordType of the record
   * @id: the record's id
   * @undone: TRUE when Undo was pressed, FALSE when the delete was carried out (or failed)
   */
  signals[DELETE_FINISHED] =
    g_signal_new ("delete-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_POINTER, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-list-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, IbListDetail, leaflet);
  gtk_widget_class_bind_template_child_internal (widget_class, IbListDetail, sidebar);
  gtk_widget_class_bind_template_child (widget_class, IbListDetail, search_bar);
  gtk_widget_class_bind_template_child_internal (widget_class, IbListDetail, search_entry);
  gtk_widget_class_bind_template_child (widget_class, IbListDetail, list_stack);
  gtk_widget_class_bind_template_child_internal (widget_class, IbListDetail, list_view);
  gtk_widget_class_bind_template_child (widget_class, IbListDetail, detail_box);
  gtk_widget_class_bind_template_child_internal (widget_class, IbListDetail, back_button);
  gtk_widget_class_bind_template_child_internal (widget_class, IbListDetail, back_content);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);

  gtk_widget_class_install_action (widget_class, "list-detail.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "list-detail.back", NULL);
}

/* Tab leaves the list for the next control, and Shift+Tab for the one before: before 4.12, GTK's
 * lists take Tab to the next row, so a person tabbing past a list of two thousand actions would
 * press Tab two thousand times. While the list cannot take the keyboard, the window's own Tab
 * step goes round it. */
static gboolean
leave_list (IbListDetail     *self,
            GtkDirectionType  direction)
{
#if GTK_CHECK_VERSION (4, 12, 0)
  return FALSE;
#else
  GtkWidget *list = GTK_WIDGET (self->list_view);
  GtkRoot *root = gtk_widget_get_root (list);

  if (root == NULL)
    return FALSE;
  gtk_widget_set_can_focus (list, FALSE);
  if (!gtk_widget_child_focus (GTK_WIDGET (root), direction))
    gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (list, TRUE);
  return TRUE;
#endif
}

static gboolean
on_list_key_pressed_cb (IbListDetail    *self,
                        guint            keyval,
                        guint            keycode,
                        GdkModifierType  state)
{
  /* A key in the list since the open row was asked to come into sight: it is the person's now. */
  self->list_keyed = TRUE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    return leave_list (self, (state & GDK_SHIFT_MASK) != 0 ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
  if (keyval == GDK_KEY_ISO_Left_Tab)
    return leave_list (self, GTK_DIR_TAB_BACKWARD);
  return FALSE;
}

/* Escape in the list ends a search shown above it, as it does in the search entry: the
 * keyboard stays in the list, now of everything. Without a search it is left to others. */
static gboolean
end_search_from_list (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  IbListDetail *self = user_data;

  if (!self->search_mode)
    return FALSE;
  on_stop_search_cb (self);
  return TRUE;
}

static void
ib_list_detail_init (IbListDetail *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->spare_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->last_above_list = GTK_WIDGET (self->search_bar);
  self->deleter = ib_pending_delete_new (delete_cb, delete_done_cb, self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row_cb), self);
  gtk_grid_view_set_factory (self->list_view, factory);

  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_space, 0),
                                                            gtk_callback_action_new (open_focused_row, self, NULL)));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_callback_action_new (end_search_from_list, self, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);
  }
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_list_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
  }
#if GTK_CHECK_VERSION (4, 12, 0)
  gtk_grid_view_set_tab_behavior (self->list_view, GTK_LIST_TAB_ITEM);
#endif
}

void
ib_list_detail_set_model (IbListDetail *self,
                          IbViewModel  *model)
{
  GListModel *items;

  g_return_if_fail (IB_IS_LIST_DETAIL (self));
  g_return_if_fail (IB_IS_VIEW_MODEL (model));
  g_return_if_fail (self->model == NULL);
  g_return_if_fail (g_type_is_a (self->row_type, IB_TYPE_LIST_ROW));

  self->model = g_object_ref (model);
  self->awaiting_load = ib_view_model_is_loading (model);
  self->search_pending = FALSE;
  self->narrowed_pending = FALSE;
  self->open_when_searched = FALSE;
  items = ib_view_model_get_items (model);
  self->selection = ib_kept_selection_new (model);
  g_signal_connect_swapped (self->selection, "changed", G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect_data (items, "items-changed", G_CALLBACK (update_state), self, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_swapped (model, "updated", G_CALLBACK (on_model_updated_cb), self);
  gtk_grid_view_set_model (self->list_view, ib_kept_selection_get_model (self->selection));
  /* Typing in the list starts a search, where there is one. */
  if (ib_view_model_can_search (model))
    gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->list_view));
  update_state (self);
  /* A new selection model starts on the first item. */
  show_item (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

IbViewModel *
ib_list_detail_get_model (IbListDetail *self)
{
  g_return_val_if_fail (IB_IS_LIST_DETAIL (self), NULL);
  return self->model;
}

gpointer
ib_list_detail_get_item (IbListDetail *self)
{
  g_return_val_if_fail (IB_IS_LIST_DETAIL (self), NULL);
  return shown_item (self);
}

void
ib_list_detail_choose (IbListDetail *self,
                       const char   *id)
{
  g_return_if_fail (IB_IS_LIST_DETAIL (self));
  g_return_if_fail (self->selection != NULL);

  ib_kept_selection_set_id (self->selection, id);
}

gboolean
ib_list_detail_select (IbListDetail *self,
                       const char   *id)
{
  g_return_val_if_fail (IB_IS_LIST_DETAIL (self), FALSE);

  if (self->selection == NULL)
    return FALSE;
  /* While the first load is read the id cannot be looked for: it is chosen, and selected
   * when the load comes in, as a kept selection is after any reload. */
  if (!ib_view_model_is_loading (self->model) &&
      ib_kept_selection_find (self->selection, id) == GTK_INVALID_LIST_POSITION)
    return FALSE;
  ib_kept_selection_set_id (self->selection, id);
  return TRUE;
}

/* Puts the keyboard on the row at @position, when the list has made that row. GTK 4.8's list
 * view, given focus, goes back to the row it last had, so arrows after a search or a link
 * would start from somewhere else than what is open. */
static gboolean
focus_row (IbListDetail *self,
           guint         position)
{
  GtkWidget *row = row_at (self, position);

  return row != NULL && gtk_widget_grab_focus (row);
}

typedef struct
{
  IbListDetail *self;
  guint         position;
} PendingFocus;

static gboolean
focus_row_later_cb (gpointer data)
{
  PendingFocus *pending = data;

  focus_row (pending->self, pending->position);
  return G_SOURCE_REMOVE;
}

static void
pending_focus_free (gpointer data)
{
  PendingFocus *pending = data;

  g_object_unref (pending->self);
  g_free (pending);
}

void
ib_list_detail_open (IbListDetail *self,
                     guint         position)
{
  g_return_if_fail (IB_IS_LIST_DETAIL (self));
  g_return_if_fail (self->selection != NULL);

  gtk_single_selection_set_selected (single_selection (self), position);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  if (!focus_row (self, position))
    {
      /* The row is made at the next layout, which runs before idle work. */
      PendingFocus *pending = g_new0 (PendingFocus, 1);

      pending->self = g_object_ref (self);
      pending->position = position;
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_row_later_cb, pending, pending_focus_free);
    }
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

gboolean
ib_list_detail_open_id (IbListDetail *self,
                        const char   *id)
{
  guint position;

  g_return_val_if_fail (IB_IS_LIST_DETAIL (self), FALSE);

  if (self->selection == NULL)
    return FALSE;
  position = ib_kept_selection_find (self->selection, id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  ib_kept_selection_set_id (self->selection, id);
  ib_list_detail_open (self, position);
  return TRUE;
}

void
ib_list_detail_focus_list (IbListDetail *self)
{
  g_return_if_fail (IB_IS_LIST_DETAIL (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  focus_in_list (self);
}

/* Returns where the keyboard is in the window, or NULL. */
static GtkWidget *
window_focus (IbListDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root != NULL ? gtk_root_get_focus (root) : NULL;
}

static gboolean
list_has_focus (IbListDetail *self)
{
  GtkWidget *focus = window_focus (self);

  return focus != NULL && (focus == GTK_WIDGET (self->list_view) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)));
}

gboolean
ib_list_detail_bring_open_into_sight (IbListDetail *self)
{
  guint position;

  g_return_val_if_fail (IB_IS_LIST_DETAIL (self), FALSE);

  if (!self->sight_wanted || gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  self->sight_wanted = FALSE;
  position = self->selection != NULL ? gtk_single_selection_get_selected (single_selection (self))
                                     : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION || row_in_sight (self, position))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return TRUE;
}

void
ib_list_detail_focus_shown (IbListDetail *self)
{
  g_return_if_fail (IB_IS_LIST_DETAIL (self));

  if (adw_leaflet_get_folded (self->leaflet) &&
      g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") == 0)
    {
      gtk_widget_child_focus (adw_leaflet_get_visible_child (self->leaflet), GTK_DIR_TAB_FORWARD);
      return;
    }

  focus_in_list (self);
  /* A list just shown has no rows until its next layout, and one still loading none until the
   * load lands: the grid takes the keyboard only through a row. */
  if (!list_has_focus (self) && self->model != NULL)
    {
      self->focus_wanted = TRUE;
      g_set_weak_pointer (&self->focus_before, window_focus (self));
    }
  after_rows_placed (self);
}

void
ib_list_detail_collect_parts (IbListDetail *self,
                              GPtrArray    *parts)
{
  g_return_if_fail (IB_IS_LIST_DETAIL (self));
  g_return_if_fail (parts != NULL);

  g_ptr_array_add (parts, self->list_view);
  /* Not the back button: its visibility follows the leaflet's folding. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != self->back_button)
      g_ptr_array_add (parts, child);
}

gboolean
ib_list_detail_focus_search (IbListDetail *self)
{
  g_return_val_if_fail (IB_IS_LIST_DETAIL (self), FALSE);

  if (self->model == NULL || !ib_view_model_can_search (self->model))
    return FALSE;
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

void
ib_list_detail_narrowed (IbListDetail *self)
{
  g_return_if_fail (IB_IS_LIST_DETAIL (self));

  if (self->model == NULL)
    return;
  /* A load read apart has not changed the list yet: it is looked at when it has. */
  if (ib_view_model_is_loading (self->model))
    self->narrowed_pending = TRUE;
  else
    forget_unlisted_selection (self);
}

void
ib_list_detail_clear_search (IbListDetail *self)
{
  g_return_if_fail (IB_IS_LIST_DETAIL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* The entry tells the model after a delay; a cleared search shows everything at once. */
  if (self->model != NULL)
    ib_view_model_set_search (self->model, NULL);
}

void
ib_list_detail_set_delete_func (IbListDetail        *self,
                                IbPendingDeleteFunc  func,
                                gpointer             user_data)
{
  g_return_if_fail (IB_IS_LIST_DETAIL (self));

  self->delete_func = func;
  self->delete_data = user_data;
}

void
ib_list_detail_delete (IbListDetail       *self,
                       const IbRecordType *type,
                       IbRecord           *record)
{
  g_autoptr (IbRecord) held = NULL;
  GtkWidget *focus = window_focus (self);
  gboolean from_detail;
  AdwToast *toast;

  g_return_if_fail (IB_IS_LIST_DETAIL (self));
  g_return_if_fail (self->model != NULL);
  g_return_if_fail (type != NULL && IB_IS_RECORD (record));

  /* Held: hiding it may drop the model's last reference. */
  held = g_object_ref (record);
  from_detail = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->detail_box));
  toast = ib_pending_delete_start (self->deleter, ib_view_model_get_store (self->model), type, held);
  ib_view_model_hide (self->model, ib_record_get_id (held));
  /* The detail shows its empty state; the keyboard, on the Delete button that went with the
   * record, goes back to the list (on a narrow window, the list's page). */
  show_item (self);
  if (from_detail)
    go_back (self);
  ib_detail_toast (GTK_WIDGET (self), toast);
}

const char *
ib_list_detail_get_held_id (IbListDetail *self)
{
  g_return_val_if_fail (IB_IS_LIST_DETAIL (self), NULL);
  return ib_pending_delete_get_id (self->deleter);
}

void
ib_list_detail_commit_delete (IbListDetail *self)
{
  g_return_if_fail (IB_IS_LIST_DETAIL (self));
  ib_pending_delete_commit (self->deleter);
}

void
ib_list_detail_present_editor (IbListDetail   *self,
                               IbRecordEditor *editor,
                               const char     *title)
{
  g_return_if_fail (IB_IS_LIST_DETAIL (self));
  g_return_if_fail (IB_IS_RECORD_EDITOR (editor));

  if (title != NULL)
    gtk_window_set_title (GTK_WINDOW (editor), title);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}
