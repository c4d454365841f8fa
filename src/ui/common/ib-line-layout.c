/* ib-line-layout.c
 *
 * A horizontal GtkBox in GTK 4.8, asked how tall it is for a width, searches for the height at
 * which its wrapping children fit (doubling, then halving, and each step asks every wrapping
 * label for its width at that height, which is itself a search over widths). A list row with a
 * wrapping title beside a fixed part paid that on every measure: most of the KPI list's first
 * showing. This layout shares the width out as the box does when it allocates (minimum widths,
 * then towards natural, then the rest to children that expand) and asks each child only its
 * height for the width it gets, so a measure costs one layout of each label.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-line-layout"

#include "config.h"

#include "ib-line-column-layout.h"
#include "ib-line-layout.h"

struct _IbLineLayout
{
  GtkLayoutManager parent_instance;

  int              spacing;
  gboolean         baselines;  /* children's baselines lined up in the height, as GtkBox does */
};

G_DEFINE_FINAL_TYPE (IbLineLayout, ib_line_layout, GTK_TYPE_LAYOUT_MANAGER)

/* The one child whose width a GtkBox would make follow the line's height: the only one that
 * expands, if it wraps (a row's title). NULL when there is none or more than one. */
static GtkWidget *
height_child (GtkWidget *widget)
{
  GtkWidget *found = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_should_layout (child) || !gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL))
        continue;
      if (found != NULL)
        return NULL;
      found = child;
    }
  return found != NULL && gtk_widget_get_request_mode (found) != GTK_SIZE_REQUEST_CONSTANT_SIZE ? found : NULL;
}

static int
height_for (GtkWidget *child,
            int        width)
{
  int height;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
  return height;
}

/* The narrowest width in [@lo, @hi] at which @child is no taller than @height; @hi when none. */
static int
narrowest_for (GtkWidget *child,
               int        height,
               int        lo,
               int        hi)
{
  while (lo < hi)
    {
      int mid = lo + (hi - lo) / 2;

      if (height_for (child, mid) <= height)
        hi = mid;
      else
        lo = mid + 1;
    }
  return hi;
}

/* Fills @sizes (one per visible child, in order) with each child's share of @width for a line
 * @height tall (-1: as tall as the width needs); returns how many children there are.
 *
 * A GtkBox asks each child its width for the line's height. For every child but a wrapping
 * one that expands (a row's title), that is the width it has for no height: images, counts,
 * badges that wrap like words. The title, though, answers the narrowest width at which it is
 * no taller than the line, and wants no more; so beside it, what is left goes first to the
 * children that want more than their least (badges kept on one line), and only then back to the
 * title. Ask it for no height instead and the title wants its whole text on one line, and those
 * badges wrap. This finds the title's width as the box does, from heights for widths (one layout
 * of its text each), and without searching at all when the others' wants fit beside it. */
static guint
share_width (IbLineLayout     *self,
             GtkWidget        *widget,
             int               width,
             int               height,
             GtkRequestedSize *sizes,
             guint             n_sizes)
{
  GtkWidget *fit = height_child (widget);
  guint n = 0, n_expand = 0, fit_index = 0;
  int left = width, others_gap = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && n < n_sizes;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &sizes[n].minimum_size, &sizes[n].natural_size,
                          NULL, NULL);
      sizes[n].data = child;
      left -= sizes[n].minimum_size + (n > 0 ? self->spacing : 0);
      n_expand += gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
      if (child == fit)
        fit_index = n;
      else
        others_gap += sizes[n].natural_size - sizes[n].minimum_size;
      n++;
    }
  if (n == 0)
    return 0;

  if (fit != NULL && others_gap > 0 && left > 0)
    {
      GtkRequestedSize *title = &sizes[fit_index];
      int widest = title->minimum_size + left;  /* the title's width with the others at their least */
      int fit_w;

      if (height < 0)
        {
          /* The box's least height for the width: the title's with the others at their least,
           * or a child's own least height if taller. */
          height = height_for (fit, widest);
          for (guint i = 0; i < n; i++)
            if (i != fit_index && gtk_widget_get_request_mode (sizes[i].data) != GTK_SIZE_REQUEST_CONSTANT_SIZE)
              height = MAX (height, height_for (sizes[i].data, -1));
        }
      if (widest - others_gap >= title->minimum_size && height_for (fit, widest - others_gap) <= height)
        /* Every other child gets all it wants and the title the rest, whatever its least. */
        fit_w = widest - others_gap;
      else
        fit_w = narrowest_for (fit, height, title->minimum_size, widest);
      left -= fit_w - title->minimum_size;
      title->minimum_size = title->natural_size = fit_w;
    }

  left = gtk_distribute_natural_allocation (MAX (0, left), n, sizes);
  for (guint i = 0, expanded = 0; i < n && n_expand > 0; i++)
    {
      if (!gtk_widget_compute_expand (sizes[i].data, GTK_ORIENTATION_HORIZONTAL))
        continue;
      /* As GtkBox does: the first ones get the pixel left over by the division. */
      sizes[i].minimum_size += left / n_expand + (expanded < (guint) (left % n_expand) ? 1 : 0);
      expanded++;
    }
  return n;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += gtk_widget_should_layout (child);
  return n;
}

/* Constant when every child is (a short badge's words do not wrap): a GtkBox holding such a
 * line then measures it once instead of searching over it too. */
static GtkSizeRequestMode
ib_line_layout_get_request_mode (GtkLayoutManager *manager,
                                 GtkWidget        *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child) && gtk_widget_get_request_mode (child) != GTK_SIZE_REQUEST_CONSTANT_SIZE)
      return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
ib_line_layout_measure (GtkLayoutManager *manager,
                        GtkWidget        *widget,
                        GtkOrientation    orientation,
                        int               for_size,
                        int              *minimum,
                        int              *natural,
                        int              *minimum_baseline,
                        int              *natural_baseline)
{
  IbLineLayout *self = IB_LINE_LAYOUT (manager);
  int min = 0, nat = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Side by side, whatever the height: widths are asked without one, as GtkBox did
       * before it searched. */
      guint n = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat, NULL, NULL);
          min += child_min + (n > 0 ? self->spacing : 0);
          nat += child_nat + (n > 0 ? self->spacing : 0);
          n++;
        }
    }
  else
    {
      guint n_children = count_children (widget), n;
      GtkRequestedSize *sizes = g_newa (GtkRequestedSize, MAX (n_children, 1));
      /* GtkBox lines baselines up only for a given width. */
      gboolean baselines = self->baselines && for_size >= 0, have_baseline = FALSE;
      int above_min = 0, below_min = 0, above_nat = 0, below_nat = 0;

      if (for_size < 0)
        {
          int min_w, nat_w;

          ib_line_layout_measure (manager, widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
          for_size = nat_w;
        }
      n = share_width (self, widget, for_size, -1, sizes, n_children);
      for (guint i = 0; i < n; i++)
        {
          int child_min, child_nat, child_min_baseline = -1, child_nat_baseline = -1;

          gtk_widget_measure (sizes[i].data, GTK_ORIENTATION_VERTICAL, sizes[i].minimum_size, &child_min, &child_nat,
                              &child_min_baseline, &child_nat_baseline);
          if (baselines && child_min_baseline >= 0)
            {
              have_baseline = TRUE;
              above_min = MAX (above_min, child_min_baseline);
              below_min = MAX (below_min, child_min - child_min_baseline);
              above_nat = MAX (above_nat, child_nat_baseline);
              below_nat = MAX (below_nat, child_nat - child_nat_baseline);
              continue;
            }
          min = MAX (min, child_min);
          nat = MAX (nat, child_nat);
        }
      if (have_baseline)
        {
          min = MAX (min, above_min + below_min);
          nat = MAX (nat, above_nat + below_nat);
          /* Centred in the height, as GtkBox's default baseline position puts it. */
          *minimum_baseline = above_min + (min - (above_min + below_min)) / 2;
          *natural_baseline = above_nat + (nat - (above_nat + below_nat)) / 2;
        }
    }
  *minimum = min;
  *natural = nat;
}

static void
ib_line_layout_allocate (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         int               width,
                         int               height,
                         int               baseline)
{
  IbLineLayout *self = IB_LINE_LAYOUT (manager);
  guint n_children = count_children (widget);
  GtkRequestedSize *sizes = g_newa (GtkRequestedSize, MAX (n_children, 1));
  guint n = share_width (self, widget, width, height, sizes, n_children);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int x = 0;

  for (guint i = 0; i < n; i++)
    {
      GtkAllocation a = { rtl ? width - x - sizes[i].minimum_size : x, 0, sizes[i].minimum_size, height };

      gtk_widget_size_allocate (sizes[i].data, &a, -1);
      x += sizes[i].minimum_size + self->spacing;
    }
}

static void
ib_line_layout_class_init (IbLineLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = ib_line_layout_get_request_mode;
  layout_class->measure = ib_line_layout_measure;
  layout_class->allocate = ib_line_layout_allocate;
}

static void
ib_line_layout_init (IbLineLayout *self)
{
}

GtkLayoutManager *
ib_line_layout_new (int spacing)
{
  IbLineLayout *self = g_object_new (IB_TYPE_LINE_LAYOUT, NULL);

  self->spacing = spacing;
  return GTK_LAYOUT_MANAGER (self);
}

void
ib_line_layout_set_baselines (IbLineLayout *self,
                              gboolean      baselines)
{
  g_return_if_fail (IB_IS_LINE_LAYOUT (self));

  if (self->baselines == !!baselines)
    return;
  self->baselines = !!baselines;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}

void
ib_line_layout_take_action_row (AdwActionRow *row)
{
  GtkLayoutManager *layout;
  GtkWidget *header;

  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  /* libadwaita 1.2 builds the row as row > box.header > (box.prefixes, image, box.title,
   * box.suffixes). Its header, a horizontal GtkBox, searches for its height over the wrapping
   * title and subtitle on every measure; 6 is the theme's border-spacing of row > box.header,
   * which a layout of our own does not read. */
  header = gtk_widget_get_first_child (GTK_WIDGET (row));
  if (!GTK_IS_BOX (header) || !gtk_widget_has_css_class (header, "header"))
    return;
  layout = ib_line_layout_new (6);
  /* GtkBox lines up the baselines of suffixes that have one (a count, an arrow's image). */
  ib_line_layout_set_baselines (IB_LINE_LAYOUT (layout), TRUE);
  gtk_widget_set_layout_manager (header, layout);
  /* The title and subtitle, centred in the row (see ib-line-column-layout.c). */
  for (GtkWidget *child = gtk_widget_get_first_child (header); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BOX (child) && gtk_widget_has_css_class (child, "title"))
      {
        ib_line_column_layout_take (child);
        /* A wrapping label with no least width finds it by laying its text out in no width, a
         * line a letter: 0.2 ms a row each time the list asks its rows how narrow they go,
         * three quarters of the Overview's frames at start-up. Ten letters is far less than a
         * row ever gets beside its suffixes, so nothing moves. */
        for (GtkWidget *label = gtk_widget_get_first_child (child); label != NULL; label = gtk_widget_get_next_sibling (label))
          if (GTK_IS_LABEL (label) && gtk_label_get_width_chars (GTK_LABEL (label)) < 0)
            gtk_label_set_width_chars (GTK_LABEL (label), 10);
      }
}

void
ib_line_layout_take_preferences_group (AdwPreferencesGroup *group)
{
  GtkWidget *box, *header, *labels;

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  /* libadwaita 1.2 builds the group as preferencesgroup > box > (box.header > (box.labels,
   * suffix), box > list). Its header, a horizontal GtkBox, searches for its height over the
   * wrapping description at every measure of the pane it is in, and its labels are centred
   * (see ib-line-column-layout.c). */
  box = gtk_widget_get_first_child (GTK_WIDGET (group));
  header = box != NULL ? gtk_widget_get_first_child (box) : NULL;
  if (!GTK_IS_BOX (header) || !gtk_widget_has_css_class (header, "header") ||
      gtk_orientable_get_orientation (GTK_ORIENTABLE (header)) != GTK_ORIENTATION_HORIZONTAL)
    return;
  labels = gtk_widget_get_first_child (header);
  gtk_widget_set_layout_manager (header, ib_line_layout_new (gtk_box_get_spacing (GTK_BOX (header))));
  if (GTK_IS_BOX (labels) && gtk_widget_has_css_class (labels, "labels"))
    ib_line_column_layout_take (labels);
}
