/* ib-badge.h: a status shown as text, shape and colour together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-kpi.h"
#include "ib-plan-item.h"
#include "ib-risk.h"

G_BEGIN_DECLS

#define IB_TYPE_BADGE (ib_badge_get_type ())

G_DECLARE_FINAL_TYPE (IbBadge, ib_badge, IB, BADGE, GtkWidget)

/* Returns a badge for an Ofsted grade code ("inadequate"…). */
GtkWidget *ib_badge_new_grade  (const char     *grade);

/* Returns a badge for a RAG code ("red", "amber", "green"), or "complete"; NULL reads "Not rated". */
/* Returns a badge of @aspect and a grade's shape and colour, e.g. "Overall: Inadequate". */
GtkWidget *ib_badge_new_grade_aspect (const char *aspect,
                                      const char *grade);
GtkWidget *ib_badge_new_rag    (const char     *rag);

/* Returns a badge reading "@aspect: Red" (e.g. "Delivery: Amber") with that rating's shape. */
GtkWidget *ib_badge_new_rag_aspect (const char *aspect,
                                    const char *rag);

/* Returns a badge reading "@count Red" (or Amber, Green, Complete, Not rated) with that rating's
 * shape, and its colour unless @count is 0. */
GtkWidget *ib_badge_new_rag_count (const char  *rag,
                                   guint        count);

/* Returns a badge for a risk band. */
/* Returns a badge of a risk score, e.g. "Residual: 4 × 4 = 16 High", with its band's shape and colour. */
GtkWidget *ib_badge_new_score  (const char     *aspect,
                                gint64          likelihood,
                                gint64          impact);
/* Returns the icon (shape) that stands for @band next to its colour. */
const char *ib_badge_band_icon (IbRiskBand      band);
GtkWidget *ib_badge_new_band   (IbRiskBand      band);

/* Returns a badge for a KPI's target status. */
GtkWidget *ib_badge_new_target (IbTargetStatus  status);

/* Returns a badge for a KPI's latest movement: an arrow for the direction and words for what
 * it means under @polarity ("Improving", "Worsening", "Rising", "No change", "First value"). */
GtkWidget *ib_badge_new_trend  (const char     *polarity,
                                IbTrend         trend);

/* Returns the "watermelon" badge of an action delivered but not improving (green outside, red
 * inside): its words and a watermelon's shape, with that colour. */
GtkWidget *ib_badge_new_not_improving (void);

/* Shows @text, @icon_name (NULL for none) and @tone (NULL for none) on @self, changing only
 * what differs, so a badge set again to what it shows costs no new measure. */
void       ib_badge_set        (IbBadge        *self,
                                const char     *text,
                                const char     *icon_name,
                                const char     *tone);

/* Sets @self to what ib_badge_new_rag_aspect () shows. */
void       ib_badge_set_rag_aspect (IbBadge    *self,
                                    const char *aspect,
                                    const char *rag);

/* Sets @self to what ib_badge_new_rag_count () shows. */
void       ib_badge_set_rag_count (IbBadge    *self,
                                   const char *rag,
                                   guint       count);

/* Sets @self to what ib_badge_new_trend () shows. */
void       ib_badge_set_trend  (IbBadge        *self,
                                const char     *polarity,
                                IbTrend         trend);

/* Sets @self to what ib_badge_new_target () shows. */
void       ib_badge_set_target (IbBadge        *self,
                                IbTargetStatus  status);

/* Sets @self to what ib_badge_new_not_improving () shows. */
void       ib_badge_set_not_improving (IbBadge *self);

/* Returns a badge with free @text, @icon_name and a CSS @tone ("good", "warning", "bad", "neutral"). */
GtkWidget *ib_badge_new        (const char     *text,
                                const char     *icon_name,
                                const char     *tone);

/* Returns a box that lays badges out in a row and wraps them onto more lines when narrow. */
GtkWidget *ib_badge_box_new    (void);

/* Adds @badge to a box from ib_badge_box_new (). */
void       ib_badge_box_add    (GtkWidget      *box,
                                GtkWidget      *badge);

/* Adds a "3 Amber"-style badge to @box for each rating @counts holds, worst first. */
void       ib_badge_box_add_rollup (GtkWidget         *box,
                                    const IbRagCounts *counts);

/* Returns the @index-th badge of @box, shown, adding hidden ones up to it when the box has
 * fewer: a list row sets its badges in place instead of making new ones at every bind. */
IbBadge   *ib_badge_box_slot   (GtkWidget      *box,
                                guint           index);

/* Hides every badge of @box after the first @n; they are kept for ib_badge_box_slot (). */
void       ib_badge_box_keep   (GtkWidget      *box,
                                guint           n);

/* Sets a "3 Amber"-style badge for each rating @counts holds, worst first, from the @first-th
 * badge of @box on (ib_badge_box_slot ()); returns the index after the last one set. */
guint      ib_badge_box_set_rollup (GtkWidget         *box,
                                    guint              first,
                                    const IbRagCounts *counts);

/* Removes every badge from a box from ib_badge_box_new (). */
void       ib_badge_box_clear  (GtkWidget      *box);

/* Returns the badge's visible text. */
const char *ib_badge_get_text  (IbBadge        *self);

G_END_DECLS
