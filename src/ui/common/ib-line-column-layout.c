/* ib-line-column-layout.c
 *
 * GTK 4.8 allocates a widget aligned other than "fill" (a row's title and subtitle, centred in
 * the row) by first asking how wide it would be for the height it is given, and only then how
 * tall for the width. Asked that, a vertical GtkBox shares the height out among its labels and
 * asks each how wide it must be to fit in its share, which for a wrapping label is a binary
 * search over widths: two dozen layouts of the text where one would do, for every row of a
 * detail pane each time it was allocated anew. The answer only places a widget aligned
 * across, and these fill the width: this layout keeps the box's own GtkBoxLayout for
 * everything else (the theme's spacing included) and answers the width without the height.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-line-column-layout"

#include "config.h"

#include "ib-line-column-layout.h"

struct _IbLineColumnLayout
{
  GtkLayoutManager  parent_instance;

  /* owned */
  GtkLayoutManager *box;  /* the box's own layout, no longer attached to it */
};

G_DEFINE_FINAL_TYPE (IbLineColumnLayout, ib_line_column_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
ib_line_column_layout_get_request_mode (GtkLayoutManager *manager,
                                        GtkWidget        *widget)
{
  IbLineColumnLayout *self = IB_LINE_COLUMN_LAYOUT (manager);

  return GTK_LAYOUT_MANAGER_GET_CLASS (self->box)->get_request_mode (self->box, widget);
}

static void
ib_line_column_layout_measure (GtkLayoutManager *manager,
                               GtkWidget        *widget,
                               GtkOrientation    orientation,
                               int               for_size,
                               int              *minimum,
                               int              *natural,
                               int              *minimum_baseline,
                               int              *natural_baseline)
{
  IbLineColumnLayout *self = IB_LINE_COLUMN_LAYOUT (manager);

  gtk_layout_manager_measure (self->box, widget, orientation,
                              orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                              minimum, natural, minimum_baseline, natural_baseline);
}

static void
ib_line_column_layout_allocate (GtkLayoutManager *manager,
                                GtkWidget        *widget,
                                int               width,
                                int               height,
                                int               baseline)
{
  IbLineColumnLayout *self = IB_LINE_COLUMN_LAYOUT (manager);

  gtk_layout_manager_allocate (self->box, widget, width, height, baseline);
}

static void
ib_line_column_layout_dispose (GObject *object)
{
  IbLineColumnLayout *self = (IbLineColumnLayout *) object;

  g_clear_object (&self->box);

  G_OBJECT_CLASS (ib_line_column_layout_parent_class)->dispose (object);
}

static void
ib_line_column_layout_class_init (IbLineColumnLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->dispose = ib_line_column_layout_dispose;
  layout_class->get_request_mode = ib_line_column_layout_get_request_mode;
  layout_class->measure = ib_line_column_layout_measure;
  layout_class->allocate = ib_line_column_layout_allocate;
}

static void
ib_line_column_layout_init (IbLineColumnLayout *self)
{
}

void
ib_line_column_layout_take (GtkWidget *box)
{
  GtkLayoutManager *layout;
  IbLineColumnLayout *self;

  g_return_if_fail (GTK_IS_BOX (box));

  layout = gtk_widget_get_layout_manager (box);
  if (!GTK_IS_BOX_LAYOUT (layout) ||
      gtk_orientable_get_orientation (GTK_ORIENTABLE (layout)) != GTK_ORIENTATION_VERTICAL)
    return;
  self = g_object_new (IB_TYPE_LINE_COLUMN_LAYOUT, NULL);
  self->box = g_object_ref (layout);
  gtk_widget_set_layout_manager (box, GTK_LAYOUT_MANAGER (self));
}
