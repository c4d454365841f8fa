/* ib-wrap-layout.c
 *
 * GtkFlowBox aligns its children in columns as wide as the widest child, so three badges of
 * different lengths take three lines at 360 px; badges read better packed like words. GTK 4.8
 * and libadwaita 1.2 have no wrapping box, hence this small layout manager.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-wrap-layout"

#include "config.h"

#include "ib-wrap-layout.h"

struct _IbWrapLayout
{
  GtkLayoutManager parent_instance;

  int              spacing;
};

G_DEFINE_FINAL_TYPE (IbWrapLayout, ib_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

/* Walks the visible children in lines no wider than @width; with @allocate, places them. */
static int
flow (IbWrapLayout *self,
      GtkWidget    *widget,
      int           width,
      gboolean      allocate)
{
  int x = 0, y = 0, line_height = 0;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min_w, nat_w, child_w, child_h;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
      child_w = MIN (nat_w, MAX (min_w, width));
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_w, NULL, &child_h, NULL, NULL);

      if (x > 0 && x + child_w > width)
        {
          x = 0;
          y += line_height + self->spacing;
          line_height = 0;
        }

      if (allocate)
        {
          GtkAllocation a = { rtl ? width - x - child_w : x, y, child_w, child_h };

          gtk_widget_size_allocate (child, &a, -1);
        }

      x += child_w + self->spacing;
      line_height = MAX (line_height, child_h);
    }

  return y + line_height;
}

static GtkSizeRequestMode
ib_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                 GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ib_wrap_layout_measure (GtkLayoutManager *manager,
                        GtkWidget        *widget,
                        GtkOrientation    orientation,
                        int               for_size,
                        int              *minimum,
                        int              *natural,
                        int              *minimum_baseline,
                        int              *natural_baseline)
{
  IbWrapLayout *self = IB_WRAP_LAYOUT (manager);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int min = 0, nat = 0, n = 0;

      /* At least the widest child; at most everything on one line. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat += child_nat + (n++ > 0 ? self->spacing : 0);
        }

      *minimum = min;
      *natural = nat;
    }
  else
    {
      int height;

      if (for_size < 0)
        {
          int min_w, nat_w;

          ib_wrap_layout_measure (manager, widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
          for_size = nat_w;
        }

      height = flow (self, widget, for_size, FALSE);
      *minimum = height;
      *natural = height;
    }
}

static void
ib_wrap_layout_allocate (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         int               width,
                         int               height,
                         int               baseline)
{
  flow (IB_WRAP_LAYOUT (manager), widget, width, TRUE);
}

static void
ib_wrap_layout_class_init (IbWrapLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = ib_wrap_layout_get_request_mode;
  layout_class->measure = ib_wrap_layout_measure;
  layout_class->allocate = ib_wrap_layout_allocate;
}

static void
ib_wrap_layout_init (IbWrapLayout *self)
{
}

GtkLayoutManager *
ib_wrap_layout_new (int spacing)
{
  IbWrapLayout *self = g_object_new (IB_TYPE_WRAP_LAYOUT, NULL);

  self->spacing = spacing;
  return GTK_LAYOUT_MANAGER (self);
}
