/* ib-pack-preview.c
 *
 * The page is drawn by the report library, the same drawing that prints and writes the PDF,
 * into a drawing area sized to the zoom. A drawn page is a picture to a screen reader, so
 * the page's text (ib_report_get_page_text (), from the very layout drawn) is beside it in a
 * read-only text view a screen reader reads and a keyboard walks with the caret, and is the
 * picture's own description too; narrow, the text is one tap ("Text") away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-pack-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-format.h"
#include "ib-meetings-util.h"
#include "ib-pack-export.h"
#include "ib-pack-preview-private.h"
#include "ib-pack-print.h"
#include "ib-report.h"
#include "ib-toasts.h"

/* 100 % shows an A4 page as large as it prints on a 96 dpi screen. */
#define PIXELS_PER_POINT (96.0 / 72.0)
#define ZOOM_MIN 0.25
#define ZOOM_MAX 4.0

struct _IbPackPreview
{
  AdwWindow       parent_instance;

  /* template */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkDropDown    *part_dropdown;
  GtkLabel       *page_label;
  GtkLabel       *zoom_label;
  GtkToggleButton *text_toggle;
  AdwLeaflet     *leaflet;
  GtkWidget      *page_scroller;
  GtkWidget      *page_area;
  GtkWidget      *separator;
  GtkWidget      *text_pane;
  GtkLabel       *text_heading;
  GtkTextView    *text_view;

  /* owned */
  IbStore        *store;
  IbPack         *pack;
  IbReport       *report;

  IbPackPart      part;
  gboolean        offer_part2;
  guint           page;
  double          zoom;   /* 0: fit the width */
  guint           fit_idle;
};

G_DEFINE_FINAL_TYPE (IbPackPreview, ib_pack_preview, ADW_TYPE_WINDOW)

static void
update_size (IbPackPreview *self)
{
  double width;
  g_autofree char *zoom = NULL;

  if (self->zoom <= 0)
    {
      GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->page_scroller));
      double room = gtk_adjustment_get_page_size (h) - gtk_widget_get_margin_start (self->page_area) -
                    gtk_widget_get_margin_end (self->page_area);

      width = MAX (room, 120);
      /* Translators: the zoom of a pack's preview when the page fits the window's width */
      zoom = g_strdup (C_("zoom", "Fit"));
    }
  else
    {
      width = IB_REPORT_PAGE_WIDTH * PIXELS_PER_POINT * self->zoom;
      /* Translators: a zoom level, e.g. "150%" */
      zoom = g_strdup_printf (C_("zoom", "%d%%"), (int) (self->zoom * 100 + 0.5));
    }

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->page_area), (int) width);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->page_area),
                                       (int) (width * IB_REPORT_PAGE_HEIGHT / IB_REPORT_PAGE_WIDTH));
  gtk_label_set_label (self->zoom_label, zoom);
}

static void
show_page (IbPackPreview *self)
{
  guint n = ib_report_get_n_pages (self->report);
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;
  g_autofree char *heading = NULL;

  self->page = MIN (self->page, n > 0 ? n - 1 : 0);
  /* Translators: where the preview of a pack is, e.g. "Page 3 of 12" */
  number = g_strdup_printf (_("Page %u of %u"), self->page + 1, n);
  gtk_label_set_label (self->page_label, number);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous-page", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next-page", self->page + 1 < n);

  text = n > 0 ? ib_report_get_page_text (self->report, self->page) : g_strdup ("");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  /* The picture says which page it is, and holds the page's words as its description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page_area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, number,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  /* Translators: above the text of the page shown, e.g. "Text of Page 3" */
  heading = g_strdup_printf (_("Text of Page %u"), self->page + 1);
  gtk_label_set_label (self->text_heading, heading);
  gtk_widget_queue_draw (self->page_area);
}

static gboolean
set_part (IbPackPreview  *self,
          IbPackPart      part,
          GError        **error)
{
  IbReport *report = ib_report_new (self->pack, part, error);

  if (report == NULL)
    return FALSE;
  g_clear_object (&self->report);
  self->report = report;
  self->part = part;
  self->page = 0;
  show_page (self);
  return TRUE;
}

static void
update_title (IbPackPreview *self)
{
  JsonObject *report = ib_pack_member_object (ib_pack_get_document (self->pack), "report");
  const char *issued_on = ib_pack_member_string (report, "issued_on");
  g_autofree char *subtitle = NULL;

  if (ib_pack_is_draft (self->pack))
    subtitle = g_strdup (_("Draft: drawn from the data as they stand"));
  else
    {
      g_autofree char *date = ib_format_date (issued_on);

      /* Translators: under an issued pack's title in its preview; %s is the day it was issued */
      subtitle = g_strdup_printf (_("Issued on %s: as the board received it"), date);
    }
  adw_window_title_set_title (self->window_title, ib_report_get_title (self->report));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), ib_report_get_title (self->report));
}

static gboolean
fit_idle_cb (gpointer data)
{
  IbPackPreview *self = data;

  self->fit_idle = 0;
  update_size (self);
  return G_SOURCE_REMOVE;
}

/* The room changes while the window lays itself out: a new size asked for then is lost, and
 * the page left unallocated is never drawn, so it is asked for once the layout is done. */
static void
on_room_changed_cb (IbPackPreview *self)
{
  if (self->fit_idle == 0)
    self->fit_idle = g_idle_add (fit_idle_cb, self);
}

static void
draw_page_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  IbPackPreview *self = user_data;

  if (self->report != NULL && self->page < ib_report_get_n_pages (self->report))
    ib_report_draw_page (self->report, cr, self->page, width, height);
}

static void
on_part_changed_cb (IbPackPreview *self)
{
  IbPackPart part = gtk_drop_down_get_selected (self->part_dropdown) == 1 ? IB_PACK_PART_EXEMPT : IB_PACK_PART_PUBLIC;
  g_autoptr (GError) error = NULL;

  if (self->report == NULL || part == self->part)
    return;
  if (!set_part (self, part, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      ib_toasts_add (self->toast_overlay, adw_toast_new (escaped));
      gtk_drop_down_set_selected (self->part_dropdown, self->part == IB_PACK_PART_EXEMPT ? 1 : 0);
    }
  update_title (self);
}

static void
on_text_toggled_cb (IbPackPreview *self)
{
  adw_leaflet_set_visible_child (self->leaflet, gtk_toggle_button_get_active (self->text_toggle)
                                                ? self->text_pane : self->page_scroller);
}

/* Swiping back from the text shows the page again: the toggle follows. */
static void
on_leaflet_child_cb (IbPackPreview *self)
{
  gboolean text = adw_leaflet_get_visible_child (self->leaflet) == self->text_pane;

  if (gtk_toggle_button_get_active (self->text_toggle) != text)
    gtk_toggle_button_set_active (self->text_toggle, text);
}

static void
change_page_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  IbPackPreview *self = IB_PACK_PREVIEW (widget);
  guint n = ib_report_get_n_pages (self->report);

  if (g_str_equal (action_name, "preview.next-page") && self->page + 1 < n)
    self->page++;
  else if (g_str_equal (action_name, "preview.previous-page") && self->page > 0)
    self->page--;
  else if (g_str_equal (action_name, "preview.first-page"))
    self->page = 0;
  else if (g_str_equal (action_name, "preview.last-page") && n > 0)
    self->page = n - 1;
  else
    return;
  show_page (self);
  /* A new page starts at its top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->page_scroller)), 0);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IbPackPreview *self = IB_PACK_PREVIEW (widget);
  double current = self->zoom;

  /* From "fit", the steps start at the size the page has now. */
  if (current <= 0)
    current = gtk_widget_get_width (self->page_area) / (IB_REPORT_PAGE_WIDTH * PIXELS_PER_POINT);
  if (current <= 0)
    current = 1;

  if (g_str_equal (action_name, "preview.zoom-in"))
    self->zoom = CLAMP (current * 1.25, ZOOM_MIN, ZOOM_MAX);
  else if (g_str_equal (action_name, "preview.zoom-out"))
    self->zoom = CLAMP (current / 1.25, ZOOM_MIN, ZOOM_MAX);
  else
    self->zoom = 0;
  update_size (self);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  IbPackPreview *self = IB_PACK_PREVIEW (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPackPrint) print = ib_pack_print_new (self->pack, self->part, self->offer_part2, &error);

  if (print == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      ib_toasts_add (self->toast_overlay, adw_toast_new (escaped));
      return;
    }
  ib_pack_print_run (print, GTK_WIDGET (self->toast_overlay));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  IbPackPreview *self = IB_PACK_PREVIEW (widget);
  g_autoptr (IbPackExport) export = ib_pack_export_new (GTK_WIDGET (self->toast_overlay), self->pack, self->part,
                                                        self->offer_part2);

  ib_pack_export_show (export);
}

static void
ib_pack_preview_dispose (GObject *object)
{
  IbPackPreview *self = (IbPackPreview *) object;

  g_clear_handle_id (&self->fit_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_PACK_PREVIEW);
  g_clear_object (&self->report);
  g_clear_object (&self->pack);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ib_pack_preview_parent_class)->dispose (object);
}

static void
ib_pack_preview_class_init (IbPackPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_pack_preview_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-pack-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, IbPackPreview, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, IbPackPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, IbPackPreview, part_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IbPackPreview, page_label);
  gtk_widget_class_bind_template_child (widget_class, IbPackPreview, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, IbPackPreview, text_toggle);
  gtk_widget_class_bind_template_child (widget_class, IbPackPreview, leaflet);
  gtk_widget_class_bind_template_child (widget_class, IbPackPreview, page_scroller);
  gtk_widget_class_bind_template_child (widget_class, IbPackPreview, page_area);
  gtk_widget_class_bind_template_child (widget_class, IbPackPreview, separator);
  gtk_widget_class_bind_template_child (widget_class, IbPackPreview, text_pane);
  gtk_widget_class_bind_template_child (widget_class, IbPackPreview, text_heading);
  gtk_widget_class_bind_template_child (widget_class, IbPackPreview, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_part_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_child_cb);

  gtk_widget_class_install_action (widget_class, "preview.next-page", NULL, change_page_action);
  gtk_widget_class_install_action (widget_class, "preview.previous-page", NULL, change_page_action);
  gtk_widget_class_install_action (widget_class, "preview.first-page", NULL, change_page_action);
  gtk_widget_class_install_action (widget_class, "preview.last-page", NULL, change_page_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "preview.export", NULL, export_action);

  /* Page Up and Down reach the window only where the focus does not scroll text itself. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "preview.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "preview.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, "preview.first-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, GDK_CONTROL_MASK, "preview.last-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "preview.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "preview.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "preview.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ib_pack_preview_init (IbPackPreview *self)
{
  GtkAdjustment *h;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->page_area), draw_page_cb, self, NULL);
  adw_leaflet_page_set_navigatable (adw_leaflet_get_page (self->leaflet, self->separator), FALSE);
  h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->page_scroller));
  g_signal_connect_object (h, "notify::page-size", G_CALLBACK (on_room_changed_cb), self, G_CONNECT_SWAPPED);
}

IbPackPreview *
ib_pack_preview_new (GtkWindow   *parent,
                     IbStore     *store,
                     const char  *report_id,
                     GError     **error)
{
  IbPackPreview *self;
  g_autoptr (GtkStringList) parts = gtk_string_list_new (NULL);
  g_autoptr (IbPack) pack = NULL;
  IbPackPart part;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (report_id != NULL, NULL);

  pack = ib_pack_load (store, report_id, error);
  if (pack == NULL)
    return NULL;

  self = g_object_new (IB_TYPE_PACK_PREVIEW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->pack = g_steal_pointer (&pack);
  self->offer_part2 = ib_meetings_pack_offers_part2 (store, self->pack);
  /* An exempt report's Part 1 is a one-line notice: its content is Part 2. */
  part = ib_pack_is_exempt (self->pack) && self->offer_part2 ? IB_PACK_PART_EXEMPT : IB_PACK_PART_PUBLIC;
  if (!set_part (self, part, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  gtk_string_list_append (parts, ib_meetings_part_label (IB_PACK_PART_PUBLIC));
  gtk_string_list_append (parts, ib_meetings_part_label (IB_PACK_PART_EXEMPT));
  gtk_drop_down_set_model (self->part_dropdown, G_LIST_MODEL (parts));
  gtk_drop_down_set_selected (self->part_dropdown, part == IB_PACK_PART_EXEMPT ? 1 : 0);
  /* A device without clearance is never offered Part 2, nor told what is in it. */
  gtk_widget_set_visible (GTK_WIDGET (self->part_dropdown), self->offer_part2);

  update_title (self);
  update_size (self);
  gtk_widget_grab_focus (self->page_area);
  return self;
}

guint
ib_pack_preview_get_n_pages (IbPackPreview *self)
{
  g_return_val_if_fail (IB_IS_PACK_PREVIEW (self), 0);
  return ib_report_get_n_pages (self->report);
}

guint
ib_pack_preview_get_page (IbPackPreview *self)
{
  g_return_val_if_fail (IB_IS_PACK_PREVIEW (self), 0);
  return self->page;
}

void
ib_pack_preview_set_page (IbPackPreview *self,
                          guint          page)
{
  g_return_if_fail (IB_IS_PACK_PREVIEW (self));
  self->page = page;
  show_page (self);
}

IbPackPart
ib_pack_preview_get_part (IbPackPreview *self)
{
  g_return_val_if_fail (IB_IS_PACK_PREVIEW (self), IB_PACK_PART_PUBLIC);
  return self->part;
}

gboolean
ib_pack_preview_get_part2_offered (IbPackPreview *self)
{
  g_return_val_if_fail (IB_IS_PACK_PREVIEW (self), FALSE);
  return self->offer_part2 && gtk_widget_get_visible (GTK_WIDGET (self->part_dropdown));
}

char *
ib_pack_preview_dup_text (IbPackPreview *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (IB_IS_PACK_PREVIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

GtkWidget *
ib_pack_preview_get_page_area (IbPackPreview *self)
{
  g_return_val_if_fail (IB_IS_PACK_PREVIEW (self), NULL);
  return self->page_area;
}

GtkWidget *
ib_pack_preview_get_text_view (IbPackPreview *self)
{
  g_return_val_if_fail (IB_IS_PACK_PREVIEW (self), NULL);
  return GTK_WIDGET (self->text_view);
}

double
ib_pack_preview_get_zoom (IbPackPreview *self)
{
  g_return_val_if_fail (IB_IS_PACK_PREVIEW (self), 0);
  return self->zoom;
}
