/* ib-risk-matrix.c
 *
 * Each cell is a real button, not a drawn square: it takes focus, Enter or a click filters the
 * register, and
 * a screen reader reads its whole content ("Likelihood 3, impact 3, score 9, Medium: 3 risks,
 * R03, R06, R07"). The band is shown by colour and by the same shape as the band badges.
 *
 * A map is one stop for Tab, as a grid is for a screen reader: only its current cell takes
 * focus, and the arrow keys move within the map, so Tab passes two maps in two presses rather
 * than fifty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-risk-matrix"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-badge.h"
#include "ib-detail-util.h"
#include "ib-risk-matrix-private.h"

struct _IbRiskMatrix
{
  GtkWidget         parent_instance;

  /* owned (children) */
  GtkWidget        *box;
  GtkWidget        *cells[5][5];   /* [likelihood - 1][impact - 1] */
  GtkWidget        *counts[5][5];

  IbRiskMatrixKind  kind;
  int               current_l;     /* the cell Tab lands on */
  int               current_i;
};

G_DEFINE_FINAL_TYPE (IbRiskMatrix, ib_risk_matrix, GTK_TYPE_WIDGET)

enum { CELL_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *band_classes[] = { "none", "low", "medium", "high" };

static void
set_current (IbRiskMatrix *self,
             int           likelihood,
             int           impact,
             gboolean      grab)
{
  gtk_widget_set_focusable (self->cells[self->current_l - 1][self->current_i - 1], FALSE);
  self->current_l = likelihood;
  self->current_i = impact;
  gtk_widget_set_focusable (self->cells[likelihood - 1][impact - 1], TRUE);
  if (grab)
    gtk_widget_grab_focus (self->cells[likelihood - 1][impact - 1]);
}

static void
on_cell_clicked_cb (GtkButton    *button,
                    IbRiskMatrix *self)
{
  int l = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "likelihood"));
  int i = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "impact"));

  set_current (self, l, i, FALSE);
  g_signal_emit (self, signals[CELL_ACTIVATED], 0, l, i);
}

/* The arrows move as the map reads: up is more likely, right is more impact. At an edge they
 * stay put rather than leave the map, as in any grid. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   IbRiskMatrix          *self)
{
  int l = self->current_l, i = self->current_i;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up: l = MIN (l + 1, 5); break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: l = MAX (l - 1, 1); break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: i = MIN (i + 1, 5); break;
    case GDK_KEY_Left: case GDK_KEY_KP_Left: i = MAX (i - 1, 1); break;
    case GDK_KEY_Home: case GDK_KEY_KP_Home: i = 1; break;
    case GDK_KEY_End: case GDK_KEY_KP_End: i = 5; break;
    default: return FALSE;
    }
  set_current (self, l, i, TRUE);
  return TRUE;
}

static GtkWidget *
axis_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  return label;
}

static void
build (IbRiskMatrix *self)
{
  GtkWidget *title, *grid, *axis;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  title = gtk_label_new (self->kind == IB_RISK_MATRIX_INHERENT ? _("Inherent Risk") : _("Residual Risk"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
  gtk_box_append (GTK_BOX (self->box), title);

  /* Translators: the heat map's vertical axis, read from the top down */
  axis = axis_label (_("Likelihood ↑"), "dim-label");
  gtk_label_set_xalign (GTK_LABEL (axis), 0);
  gtk_box_append (GTK_BOX (self->box), axis);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 3);
  gtk_widget_add_css_class (grid, "risk-matrix");
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->kind == IB_RISK_MATRIX_INHERENT ? _("Inherent risk heat map") : _("Residual risk heat map"),
                                  -1);
  gtk_box_append (GTK_BOX (self->box), grid);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
    gtk_widget_add_controller (grid, keys);
  }

  /* Likelihood 5 at the top, impact 1 on the left: the usual reading of a register's map. */
  for (int l = 5; l >= 1; l--)
    {
      g_autofree char *number = g_strdup_printf ("%d", l);

      gtk_grid_attach (GTK_GRID (grid), axis_label (number, "dim-label"), 0, 5 - l, 1, 1);
      for (int i = 1; i <= 5; i++)
        {
          IbRiskBand band = ib_risk_band (ib_risk_score (l, i));
          GtkWidget *button = gtk_button_new ();
          GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
          GtkWidget *shape = gtk_image_new_from_icon_name (ib_badge_band_icon (band));
          GtkWidget *count = gtk_label_new (NULL);

          gtk_image_set_pixel_size (GTK_IMAGE (shape), 10);
          gtk_widget_add_css_class (shape, "shape");
          gtk_widget_set_halign (content, GTK_ALIGN_CENTER);
          gtk_box_append (GTK_BOX (content), shape);
          gtk_box_append (GTK_BOX (content), count);
          gtk_button_set_child (GTK_BUTTON (button), content);
          gtk_widget_add_css_class (button, "risk-cell");
          gtk_widget_add_css_class (button, band_classes[band]);
          gtk_widget_set_size_request (button, 42, 34);
          gtk_widget_set_focusable (button, FALSE);
          g_object_set_data (G_OBJECT (button), "likelihood", GINT_TO_POINTER (l));
          g_object_set_data (G_OBJECT (button), "impact", GINT_TO_POINTER (i));
          g_signal_connect (button, "clicked", G_CALLBACK (on_cell_clicked_cb), self);
          gtk_grid_attach (GTK_GRID (grid), button, i, 5 - l, 1, 1);
          self->cells[l - 1][i - 1] = button;
          self->counts[l - 1][i - 1] = count;
        }
    }

  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *number = g_strdup_printf ("%d", i);

      gtk_grid_attach (GTK_GRID (grid), axis_label (number, "dim-label"), i, 5, 1, 1);
    }

  /* Reading starts at the top left: the most likely, least severe corner. */
  self->current_l = 5;
  self->current_i = 1;
  set_current (self, 5, 1, FALSE);

  /* Translators: the heat map's horizontal axis */
  axis = axis_label (_("Impact →"), "dim-label");
  gtk_label_set_xalign (GTK_LABEL (axis), 1);
  gtk_box_append (GTK_BOX (self->box), axis);
}

static void
ib_risk_matrix_dispose (GObject *object)
{
  IbRiskMatrix *self = (IbRiskMatrix *) object;

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (ib_risk_matrix_parent_class)->dispose (object);
}

static void
ib_risk_matrix_class_init (IbRiskMatrixClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_risk_matrix_dispose;

  /**
   * IbRiskMatrix::cell-activated:
   * @likelihood: 1–5
   * @impact: 1–5
   *
   * Emitted when a cell is clicked or activated from the keyboard.
   */
  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "riskmatrix");
}

static void
ib_risk_matrix_init (IbRiskMatrix *self)
{
}

GtkWidget *
ib_risk_matrix_new (IbRiskMatrixKind kind)
{
  IbRiskMatrix *self = g_object_new (IB_TYPE_RISK_MATRIX, NULL);

  self->kind = kind;
  build (self);
  return GTK_WIDGET (self);
}

void
ib_risk_matrix_update (IbRiskMatrix *self,
                       IbRiskModel  *model)
{
  IbRiskMatrixKind cell_kind;
  int cell_l, cell_i;
  gboolean filtered;

  g_return_if_fail (IB_IS_RISK_MATRIX (self));
  g_return_if_fail (IB_IS_RISK_MODEL (model));

  filtered = ib_risk_model_get_cell (model, &cell_kind, &cell_l, &cell_i) && cell_kind == self->kind;
  if (filtered)
    set_current (self, cell_l, cell_i, FALSE);

  for (int l = 1; l <= 5; l++)
    for (int i = 1; i <= 5; i++)
      {
        GtkWidget *button = self->cells[l - 1][i - 1];
        g_autofree char *refs = NULL;
        guint n = ib_risk_model_count_cell (model, self->kind, l, i, &refs);
        int score = ib_risk_score (l, i);
        gboolean selected = filtered && cell_l == l && cell_i == i;
        g_autofree char *count = g_strdup_printf ("%u", n);
        g_autofree char *risks = NULL;
        g_autofree char *text = NULL;

        gtk_label_set_label (GTK_LABEL (self->counts[l - 1][i - 1]), n > 0 ? count : "");
        if (n > 0)
          gtk_widget_add_css_class (button, "occupied");
        else
          gtk_widget_remove_css_class (button, "occupied");
        if (selected)
          gtk_widget_add_css_class (button, "selected");
        else
          gtk_widget_remove_css_class (button, "selected");

        risks = n == 0 ? g_strdup (_("no risks"))
                       : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u risk, %s", "%u risks, %s", n), n, refs);
        /* Translators: one heat-map cell read out: likelihood, impact, score, band, then the
         * risks in it, e.g. "Likelihood 3, impact 3, score 9, Medium: 3 risks, R03, R06, R07" */
        text = g_strdup_printf (_("Likelihood %d, impact %d, score %d, %s: %s"), l, i, score,
                                ib_risk_band_label (ib_risk_band (score)), risks);
        if (selected)
          {
            /* Translators: after a heat-map cell's description when the register shows only it */
            g_autofree char *longer = g_strdup_printf (_("%s. Filtering the register; activate again to show all."), text);
            g_free (text);
            text = g_steal_pointer (&longer);
          }
        ib_detail_set_tooltip (button, text);
        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
        gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED,
                                     selected ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
      }
}

GtkWidget *
ib_risk_matrix_get_cell (IbRiskMatrix *self,
                         int           likelihood,
                         int           impact)
{
  g_return_val_if_fail (IB_IS_RISK_MATRIX (self), NULL);
  g_return_val_if_fail (likelihood >= 1 && likelihood <= 5 && impact >= 1 && impact <= 5, NULL);

  return self->cells[likelihood - 1][impact - 1];
}
