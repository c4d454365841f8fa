/* ib-columns-layout.c
 *
 * GTK 4.8 and libadwaita 1.2 have no breakpoints, and a GtkFlowBox sizes every column to its
 * widest child and lines children up in rows, leaving holes under short groups. The Overview's
 * groups are of very different heights, so each goes under whichever column is shorter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-columns-layout"

#include "config.h"

#include "ib-columns-layout.h"

struct _IbColumnsLayout
{
  GtkLayoutManager parent_instance;

  int              spacing;
  int              two_columns_from;
  int              max_column_width;
  guint            columns;
};

G_DEFINE_FINAL_TYPE (IbColumnsLayout, ib_columns_layout, GTK_TYPE_LAYOUT_MANAGER)

/* Places the visible children in @width (with @allocate) and returns the height they take. */
static int
flow (IbColumnsLayout *self,
      GtkWidget       *widget,
      int              width,
      gboolean         allocate)
{
  guint columns = width >= self->two_columns_from ? 2 : 1;
  int column_width = MIN (columns == 2 ? (width - self->spacing) / 2 : width, self->max_column_width);
  /* Columns narrower than the room are centred, as a clamp centres one. */
  int start = (width - (int) columns * column_width - (columns == 2 ? self->spacing : 0)) / 2;
  int heights[2] = { 0, 0 };
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      guint column = columns == 2 && heights[1] < heights[0] ? 1 : 0;
      int child_h, x;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, column_width, NULL, &child_h, NULL, NULL);
      if (heights[column] > 0)
        heights[column] += self->spacing;

      if (allocate)
        {
          GtkAllocation a;

          x = start + (column == 0 ? 0 : column_width + self->spacing);
          a.x = rtl ? width - x - column_width : x;
          a.y = heights[column];
          a.width = column_width;
          a.height = child_h;
          gtk_widget_size_allocate (child, &a, -1);
        }
      heights[column] += child_h;
    }

  if (allocate)
    self->columns = columns;
  return MAX (heights[0], heights[1]);
}

static GtkSizeRequestMode
ib_columns_layout_get_request_mode (GtkLayoutManager *manager,
                                    GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ib_columns_layout_measure (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           GtkOrientation    orientation,
                           int               for_size,
                           int              *minimum,
                           int              *natural,
                           int              *minimum_baseline,
                           int              *natural_baseline)
{
  IbColumnsLayout *self = IB_COLUMNS_LAYOUT (manager);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int min = 0, nat = 0;

      /* One column as narrow as the widest child allows; naturally, the widest child. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat = MAX (nat, child_nat);
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

          ib_columns_layout_measure (manager, widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
          for_size = nat_w;
        }

      height = flow (self, widget, for_size, FALSE);
      *minimum = height;
      *natural = height;
    }
}

static void
ib_columns_layout_allocate (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            int               width,
                            int               height,
                            int               baseline)
{
  flow (IB_COLUMNS_LAYOUT (manager), widget, width, TRUE);
}

static void
ib_columns_layout_class_init (IbColumnsLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = ib_columns_layout_get_request_mode;
  layout_class->measure = ib_columns_layout_measure;
  layout_class->allocate = ib_columns_layout_allocate;
}

static void
ib_columns_layout_init (IbColumnsLayout *self)
{
  self->columns = 1;
}

GtkLayoutManager *
ib_columns_layout_new (int spacing,
                       int two_columns_from,
                       int max_column_width)
{
  IbColumnsLayout *self = g_object_new (IB_TYPE_COLUMNS_LAYOUT, NULL);

  self->spacing = spacing;
  self->two_columns_from = two_columns_from;
  self->max_column_width = max_column_width;
  return GTK_LAYOUT_MANAGER (self);
}

guint
ib_columns_layout_get_columns (IbColumnsLayout *self)
{
  g_return_val_if_fail (IB_IS_COLUMNS_LAYOUT (self), 1);
  return self->columns;
}
