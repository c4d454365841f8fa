/* ib-badge.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-badge"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-badge.h"
#include "ib-shared-text.h"
#include "ib-enums.h"
#include "ib-wrap-layout.h"

struct _IbBadge
{
  GtkWidget  parent_instance;

  /* owned children */
  GtkWidget *icon;
  GtkWidget *text;      /* an IbSharedText, its layouts shared with other badges */

  char      *tone;      /* its CSS class, or NULL */
};

G_DEFINE_FINAL_TYPE (IbBadge, ib_badge, GTK_TYPE_WIDGET)

/* Shapes differ per level so the badge reads without colour: a star, a tick, a warning
 * triangle and a stop octagon. */
#define SHAPE_BEST    "starred-symbolic"
#define SHAPE_GOOD    "object-select-symbolic"
#define SHAPE_WARNING "dialog-warning-symbolic"
#define SHAPE_BAD     "process-stop-symbolic"
#define SHAPE_NONE    "content-loading-symbolic"

static void
ib_badge_dispose (GObject *object)
{
  IbBadge *self = (IbBadge *) object;

  g_clear_pointer (&self->icon, gtk_widget_unparent);
  g_clear_pointer (&self->text, gtk_widget_unparent);
  g_clear_pointer (&self->tone, g_free);

  G_OBJECT_CLASS (ib_badge_parent_class)->dispose (object);
}

static void
ib_badge_class_init (IbBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_badge_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "badge");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
ib_badge_init (IbBadge *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);

  self->icon = gtk_image_new ();
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_parent (self->icon, GTK_WIDGET (self));

  self->text = ib_shared_text_new ();
  gtk_widget_set_parent (self->text, GTK_WIDGET (self));

  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

void
ib_badge_set (IbBadge    *self,
              const char *text,
              const char *icon_name,
              const char *tone)
{
  gboolean wraps;

  g_return_if_fail (IB_IS_BADGE (self));
  g_return_if_fail (text != NULL);

  /* Each part is set only when it differs: a new text, icon or width is a new measure of the
   * row, and a list row bound again to the same item would otherwise measure all anew. */
  if (g_strcmp0 (ib_badge_get_text (self), text) != 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);

  /* Only long labels ("Requires improvement to be good") may wrap; a two-word badge split
   * over two lines reads worse than a slightly wider row. One that wraps keeps a dozen
   * characters a line, so a narrow row gives it two or three lines, not a word a line, and
   * it is a rounded box rather than a pill (a pill of four lines is a blob). */
  wraps = g_utf8_strlen (text, -1) > 24;
  ib_shared_text_set_text (IB_SHARED_TEXT (self->text), text);
  ib_shared_text_set_wrap_chars (IB_SHARED_TEXT (self->text), wraps ? 12 : -1);
  if (gtk_widget_has_css_class (GTK_WIDGET (self), "long") != wraps)
    {
      if (wraps)
        gtk_widget_add_css_class (GTK_WIDGET (self), "long");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), "long");
    }

  /* A badge whose text carries its own shape (a trend's arrow) keeps no empty space for one. */
  if (icon_name == NULL)
    {
      if (gtk_image_get_storage_type (GTK_IMAGE (self->icon)) != GTK_IMAGE_EMPTY)
        gtk_image_clear (GTK_IMAGE (self->icon));
    }
  else if (g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (self->icon)), icon_name) != 0)
    gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), icon_name);
  gtk_widget_set_visible (self->icon, icon_name != NULL);

  if (g_strcmp0 (self->tone, tone) != 0)
    {
      if (self->tone != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->tone);
      g_free (self->tone);
      self->tone = g_strdup (tone);
      if (tone != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self), tone);
    }
}

GtkWidget *
ib_badge_new (const char *text,
              const char *icon_name,
              const char *tone)
{
  IbBadge *self = g_object_new (IB_TYPE_BADGE, NULL);

  ib_badge_set (self, text, icon_name, tone);
  return GTK_WIDGET (self);
}

GtkWidget *
ib_badge_box_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  /* A box for its child handling, with a layout that wraps like words. */
  gtk_widget_set_layout_manager (box, ib_wrap_layout_new (6));
  return box;
}

void
ib_badge_box_add (GtkWidget *box,
                  GtkWidget *badge)
{
  g_return_if_fail (GTK_IS_BOX (box));
  gtk_box_append (GTK_BOX (box), badge);
}

void
ib_badge_box_add_rollup (GtkWidget         *box,
                         const IbRagCounts *counts)
{
  guint n = 0;

  g_return_if_fail (GTK_IS_BOX (box));
  g_return_if_fail (counts != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  ib_badge_box_set_rollup (box, n, counts);
}

IbBadge *
ib_badge_box_slot (GtkWidget *box,
                   guint      index)
{
  GtkWidget *child = NULL;
  guint i = 0;

  g_return_val_if_fail (GTK_IS_BOX (box), NULL);

  for (child = gtk_widget_get_first_child (box); child != NULL && i < index; child = gtk_widget_get_next_sibling (child))
    i++;
  for (; child == NULL && i <= index; i++)
    {
      child = g_object_new (IB_TYPE_BADGE, NULL);
      gtk_box_append (GTK_BOX (box), child);
      if (i < index)
        {
          gtk_widget_set_visible (child, FALSE);
          child = NULL;
        }
    }
  gtk_widget_set_visible (child, TRUE);
  return IB_BADGE (child);
}

void
ib_badge_box_keep (GtkWidget *box,
                   guint      n)
{
  guint i = 0;

  g_return_if_fail (GTK_IS_BOX (box));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (i++ >= n)
      gtk_widget_set_visible (child, FALSE);
}

guint
ib_badge_box_set_rollup (GtkWidget         *box,
                         guint              first,
                         const IbRagCounts *counts)
{
  const struct { const char *rag; guint n; } parts[] = {
    { "red", counts->red }, { "amber", counts->amber }, { "green", counts->green },
    { "complete", counts->complete }, { NULL, counts->unrated },
  };
  guint next = first;

  g_return_val_if_fail (GTK_IS_BOX (box), first);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].n > 0)
      ib_badge_set_rag_count (ib_badge_box_slot (box, next++), parts[i].rag, parts[i].n);
  return next;
}

void
ib_badge_box_clear (GtkWidget *box)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BOX (box));

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

const char *
ib_badge_get_text (IbBadge *self)
{
  g_return_val_if_fail (IB_IS_BADGE (self), NULL);
  return ib_shared_text_get_text (IB_SHARED_TEXT (self->text));
}

static void
grade_spec (const char  *grade,
            const char **label,
            const char **icon,
            const char **tone)
{
  static const struct { const char *icon; const char *tone; } specs[] = {
    { SHAPE_BEST, "best" }, { SHAPE_GOOD, "good" }, { SHAPE_WARNING, "warning" }, { SHAPE_BAD, "bad" },
  };
  int i = ib_enum_index (&ib_enum_grade, grade);

  if (i < 0)
    {
      *label = C_("ofsted grade", "Not graded");
      *icon = SHAPE_NONE;
      *tone = "neutral";
      return;
    }

  *label = ib_enum_label (&ib_enum_grade, grade);
  *icon = specs[i].icon;
  *tone = specs[i].tone;
}

GtkWidget *
ib_badge_new_grade (const char *grade)
{
  const char *label, *icon, *tone;

  grade_spec (grade, &label, &icon, &tone);
  return ib_badge_new (label, icon, tone);
}

GtkWidget *
ib_badge_new_grade_aspect (const char *aspect,
                           const char *grade)
{
  const char *label, *icon, *tone;
  g_autofree char *text = NULL;

  grade_spec (grade, &label, &icon, &tone);
  /* Translators: what is judged and its Ofsted grade, e.g. "Overall: Inadequate" */
  text = g_strdup_printf (C_("grade aspect", "%s: %s"), aspect, label);
  return ib_badge_new (text, icon, tone);
}

static void
rag_spec (const char  *rag,
          const char **label,
          const char **icon,
          const char **tone)
{
  if (g_strcmp0 (rag, "complete") == 0)
    *label = C_("rag", "Complete"), *icon = SHAPE_BEST, *tone = "complete";
  else if (g_strcmp0 (rag, "red") == 0)
    *label = ib_enum_label (&ib_enum_rag, rag), *icon = SHAPE_BAD, *tone = "bad";
  else if (g_strcmp0 (rag, "amber") == 0)
    *label = ib_enum_label (&ib_enum_rag, rag), *icon = SHAPE_WARNING, *tone = "warning";
  else if (g_strcmp0 (rag, "green") == 0)
    *label = ib_enum_label (&ib_enum_rag, rag), *icon = SHAPE_GOOD, *tone = "good";
  else
    *label = C_("rag", "Not rated"), *icon = SHAPE_NONE, *tone = "neutral";
}

GtkWidget *
ib_badge_new_rag (const char *rag)
{
  const char *label, *icon, *tone;

  rag_spec (rag, &label, &icon, &tone);
  return ib_badge_new (label, icon, tone);
}

void
ib_badge_set_rag_aspect (IbBadge    *self,
                         const char *aspect,
                         const char *rag)
{
  const char *label, *icon, *tone;
  g_autofree char *text = NULL;

  rag_spec (rag, &label, &icon, &tone);
  /* Translators: what is rated and its RAG rating, e.g. "Delivery: Amber" */
  text = g_strdup_printf (C_("rag aspect", "%s: %s"), aspect, label);
  ib_badge_set (self, text, icon, tone);
}

GtkWidget *
ib_badge_new_rag_aspect (const char *aspect,
                         const char *rag)
{
  GtkWidget *badge = g_object_new (IB_TYPE_BADGE, NULL);

  ib_badge_set_rag_aspect (IB_BADGE (badge), aspect, rag);
  return badge;
}

void
ib_badge_set_rag_count (IbBadge    *self,
                        const char *rag,
                        guint       count)
{
  const char *label, *icon, *tone;
  g_autofree char *text = NULL;

  rag_spec (rag, &label, &icon, &tone);
  /* Translators: a count and a RAG rating, e.g. "3 Amber" */
  text = g_strdup_printf (C_("rag count", "%u %s"), count, label);
  /* "0 Red" is no warning: its words and shape, without the colour that calls for attention. */
  ib_badge_set (self, text, icon, count == 0 ? "neutral" : tone);
}

GtkWidget *
ib_badge_new_rag_count (const char *rag,
                        guint       count)
{
  GtkWidget *badge = g_object_new (IB_TYPE_BADGE, NULL);

  ib_badge_set_rag_count (IB_BADGE (badge), rag, count);
  return badge;
}

const char *
ib_badge_band_icon (IbRiskBand band)
{
  switch (band)
    {
    case IB_RISK_BAND_HIGH:
      return SHAPE_BAD;
    case IB_RISK_BAND_MEDIUM:
      return SHAPE_WARNING;
    case IB_RISK_BAND_LOW:
      return SHAPE_GOOD;
    case IB_RISK_BAND_NONE:
    default:
      return SHAPE_NONE;
    }
}

static const char *
band_tone (IbRiskBand band)
{
  switch (band)
    {
    case IB_RISK_BAND_HIGH:
      return "bad";
    case IB_RISK_BAND_MEDIUM:
      return "warning";
    case IB_RISK_BAND_LOW:
      return "good";
    case IB_RISK_BAND_NONE:
    default:
      return "neutral";
    }
}

GtkWidget *
ib_badge_new_band (IbRiskBand band)
{
  return ib_badge_new (ib_risk_band_label (band), ib_badge_band_icon (band), band_tone (band));
}

GtkWidget *
ib_badge_new_score (const char *aspect,
                    gint64      likelihood,
                    gint64      impact)
{
  int score = ib_risk_score (likelihood, impact);
  IbRiskBand band = ib_risk_band (score);
  g_autofree char *text = NULL;

  if (score == 0)
    /* Translators: a risk score that has not been set, e.g. "Target: not scored" */
    text = g_strdup_printf (C_("risk score", "%s: not scored"), aspect);
  else
    /* Translators: a risk score: what it is, likelihood × impact, the score and its band,
     * e.g. "Residual: 4 × 4 = 16 High" */
    text = g_strdup_printf (C_("risk score", "%s: %d × %d = %d %s"), aspect, (int) likelihood, (int) impact,
                            score, ib_risk_band_label (band));
  return ib_badge_new (text, ib_badge_band_icon (band), band_tone (band));
}

void
ib_badge_set_trend (IbBadge    *self,
                    const char *polarity,
                    IbTrend     trend)
{
  int better = ib_kpi_trend_is_better (polarity, trend);
  const char *icon, *text;

  g_return_if_fail (IB_IS_BADGE (self));

  /* The arrow says which way the figure went; the word and colour say whether that is good. */
  icon = trend == IB_TREND_UP ? "go-up-symbolic" : trend == IB_TREND_DOWN ? "go-down-symbolic" : "go-next-symbolic";
  if (trend == IB_TREND_NONE)
    text = C_("trend", "First value");
  else if (better > 0)
    text = C_("trend", "Improving");
  else if (better < 0)
    text = C_("trend", "Worsening");
  else if (trend == IB_TREND_FLAT)
    text = C_("trend", "No change");
  else
    text = trend == IB_TREND_UP ? C_("trend", "Rising") : C_("trend", "Falling");

  ib_badge_set (self, text, icon, better > 0 ? "good" : better < 0 ? "bad" : "neutral");
}

GtkWidget *
ib_badge_new_trend (const char *polarity,
                    IbTrend     trend)
{
  GtkWidget *badge = g_object_new (IB_TYPE_BADGE, NULL);

  ib_badge_set_trend (IB_BADGE (badge), polarity, trend);
  return badge;
}

void
ib_badge_set_not_improving (IbBadge *self)
{
  /* Translators: an action rated Green or complete whose KPIs are not improving (a "watermelon":
   * green outside, red inside) */
  ib_badge_set (self, C_("evidence", "Delivered, not improving"), "ib-watermelon-symbolic", "watermelon");
}

GtkWidget *
ib_badge_new_not_improving (void)
{
  GtkWidget *badge = g_object_new (IB_TYPE_BADGE, NULL);

  ib_badge_set_not_improving (IB_BADGE (badge));
  return badge;
}

void
ib_badge_set_target (IbBadge        *self,
                     IbTargetStatus  status)
{
  const char *label = ib_target_status_label (status);

  g_return_if_fail (IB_IS_BADGE (self));

  switch (status)
    {
    case IB_TARGET_ON:
      ib_badge_set (self, label, SHAPE_GOOD, "good");
      break;
    case IB_TARGET_WITHIN_TOLERANCE:
      ib_badge_set (self, label, SHAPE_WARNING, "warning");
      break;
    case IB_TARGET_OFF:
      ib_badge_set (self, label, SHAPE_BAD, "bad");
      break;
    case IB_TARGET_NONE:
    default:
      ib_badge_set (self, label, SHAPE_NONE, "neutral");
      break;
    }
}

GtkWidget *
ib_badge_new_target (IbTargetStatus status)
{
  GtkWidget *badge = g_object_new (IB_TYPE_BADGE, NULL);

  ib_badge_set_target (IB_BADGE (badge), status);
  return badge;
}
