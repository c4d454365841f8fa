/* ib-view.h: what the window asks of each of its views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-list-detail.h"
#include "ib-store.h"

G_BEGIN_DECLS

#define IB_TYPE_VIEW (ib_view_get_type ())

G_DECLARE_INTERFACE (IbView, ib_view, IB, VIEW, GtkWidget)

/* A view is a page of the window's view stack. It has four properties: "store" (the board it
 * shows, given once), "can-edit" (FALSE for a viewer: no control that changes a record is
 * shown or works), and "title" and "icon-name" (what the view switcher shows for it). IbView
 * keeps them for the view: the view's class_init calls ib_view_class_install_properties (),
 * its interface init fills in the fields below that apply to it, and it reads the store and
 * can-edit with ib_view_get_store () and ib_view_get_can_edit (). */
struct _IbViewInterface
{
  GTypeInterface parent_iface;

  const char *title;      /* marked for translation (context "view") where it is defined; translated when read */
  const char *icon_name;

  /* The view's actions that Ctrl+N (add its main kind of record) and Delete (delete the
   * selected record, with Undo) activate; NULL for none. */
  const char *add_action;
  const char *delete_action;

  void (*store_changed)    (IbView *self);  /* the store was given */
  void (*can_edit_changed) (IbView *self);
  void (*focus_search)     (IbView *self);
  /* Puts the keyboard in the view's main content (its list); NULL: the first control in it. */
  void (*focus_content)    (IbView *self);
  /* Shows what @target names: one of the view's records (its id), or a list the view names
   * (the plan's "not-improving"); FALSE when the view has no such thing. */
  gboolean (*open)         (IbView     *self,
                            const char *target);
  /* TRUE while what the view will show is still being read; NULL: while a list in it waits for
   * its model's first load. */
  gboolean (*is_loading)   (IbView *self);
};

/* Gives @klass the interface's four properties, kept by IbView: its get_property and
 * set_property become IbView's, so a view has no properties of its own. */
void      ib_view_class_install_properties (GObjectClass *klass);

/* Returns the store the view shows (transfer none: the view holds it), or NULL before one is
 * given. */
IbStore  *ib_view_get_store                 (IbView       *self);

/* Gives the view the store to show; a view takes one store in its life, and later ones are
 * refused. */
void      ib_view_set_store                 (IbView       *self,
                                             IbStore      *store);

/* Returns FALSE when the view shows no control that changes a record (a viewer). */
gboolean  ib_view_get_can_edit              (IbView       *self);

/* Shows or hides every control that changes a record. */
void      ib_view_set_can_edit              (IbView       *self,
                                             gboolean      can_edit);

/* Opens the view's search and puts the cursor in it (Ctrl+F); nothing for a view without one. */
void      ib_view_focus_search              (IbView       *self);

/* Puts the keyboard focus in the view's main content (its list), as a view first switched to
 * by its shortcut (Alt+N) does. */
void      ib_view_focus_content             (IbView       *self);

/* Returns TRUE while what the view will show is still being read (a first load, figures to
 * come): laid out now, it would be laid out again once they are in. */
gboolean  ib_view_is_loading                (IbView       *self);
/* Laid out while hidden: scrolls each list in the view to a row opened since it was last
 * shown, where that row is out of sight; TRUE when one scrolled, so the view needs laying out
 * again. */
gboolean  ib_view_bring_open_into_sight     (IbView       *self);
/* Adds to @parts the parts of every list detail in the view (ib_list_detail_collect_parts ()):
 * widgets that may be hidden a while and shown again, so the view is styled a part at a time. */
void      ib_view_collect_parts             (IbView       *self,
                                             GPtrArray    *parts);
/* Opens the form for the view's main kind of record (Ctrl+N); nothing for a view that adds
 * none, or for a viewer. */
void      ib_view_add_item                  (IbView       *self);

/* Deletes the selected record, with Undo (Delete); nothing for a view without a selection to
 * delete, or for a viewer. */
void      ib_view_delete_selected           (IbView       *self);

/* Shows what @target names in the view (a record's id, or a list the view names), as a link from
 * another view does ("win.open"); returns FALSE when the view cannot. */
gboolean  ib_view_open                      (IbView       *self,
                                             const char   *target);

/* What a view chooses in its list when nothing else is open: its top record. */
typedef void (*IbViewChooseFunc) (IbView *self);

/* Once @model's first load, read apart, is in: opens the target ib_view_open_when_loaded ()
 * kept meanwhile, as ib_view_open () would, or else calls @choose (@self) if @list has nothing
 * open. Call it before @list is given @model, so this comes before the list opens its first
 * row; nothing when @model is not loading. */
void      ib_view_choose_when_loaded        (IbView           *self,
                                             IbViewModel      *model,
                                             IbListDetail     *list,
                                             IbViewChooseFunc  choose);

/* Keeps @target (a record the store holds) to be opened when the first load is in, in place
 * of any kept before; returns TRUE, as the link is taken. */
gboolean  ib_view_open_when_loaded          (IbView       *self,
                                             const char   *target);

G_END_DECLS
