/* ib-action-detail.c
 *
 * The pane is a template updated in place: its rows follow the action (or priority area)
 * through their binding, and only the badges, the links and the position statements are
 * filled anew, so adding a statement leaves the reader where they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-action-detail"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ib-action-detail.h"
#include "ib-badge.h"
#include "ib-detail-header.h"
#include "ib-detail-pane.h"
#include "ib-detail-util.h"
#include "ib-evidence.h"
#include "ib-field-row.h"
#include "ib-format.h"
#include "ib-links.h"
#include "ib-plan-row.h"
#include "ib-risk.h"
#include "ib-wrap-layout.h"

struct _IbActionDetail
{
  IbDetailPane    parent_instance;

  /* template */
  IbDetailHeader *header;
  GtkWidget      *statement_button;
  GtkWidget      *edit_action_button;
  GtkWidget      *delete_action_button;
  GtkWidget      *new_action_button;
  GtkWidget      *edit_priority_button;
  GtkWidget      *delete_priority_button;
  GtkWidget      *details_group;
  IbFieldRow     *priority_row;
  IbFieldRow     *horizon_row;
  IbFieldRow     *rolled_row;
  GtkWidget      *description_box;
  GtkLabel       *description_label;
  GtkWidget      *evidence_group;
  GtkListBox     *evidence_list;
  GtkWidget      *links_group;
  GtkWidget      *no_links_label;
  GtkWidget      *link_buttons;
  GtkWidget      *statements_group;
  GtkWidget      *no_statements_label;
  GtkWidget      *statements_box;
  GtkWidget      *priority_group;
  IbFieldRow     *rollup_row;

  /* owned */
  GPtrArray      *link_rows;
  GPtrArray      *cards;         /* StatementCard, in statements_box's order */
  GPtrArray      *rest;          /* while the cards after the first are filled: every statement */
  IbStore        *rest_store;
  guint           rest_next;     /* the first statement of rest not on a card yet */
  guint           rest_tick_id;
  gboolean        rest_waits;    /* the next tick is the frame laying out the first cards */

  gboolean        showing_priority;
};

G_DEFINE_FINAL_TYPE (IbActionDetail, ib_action_detail, IB_TYPE_DETAIL_PANE)

/* The statements an opening action shows in its first frame; the rest follow this many a
 * frame. A ten-year action has 25, and laying all their texts out took its opening 22-37 ms,
 * where those in sight take a few. Idle work would not spread them: every idle between two
 * frames runs, and the next frame laid out all the rest at once (42 ms). */
#define CARDS_AT_ONCE 3

static void
update_buttons (IbActionDetail *self)
{
  gboolean can_edit = ib_detail_pane_get_can_edit (IB_DETAIL_PANE (self));
  gboolean action = !self->showing_priority;
  /* The heading of actions with no priority area is not a record to change. */
  gboolean priority = !action && ib_detail_pane_get_record (IB_DETAIL_PANE (self)) != NULL;

  gtk_widget_set_visible (self->statement_button, can_edit && action);
  gtk_widget_set_visible (self->edit_action_button, can_edit && action);
  gtk_widget_set_visible (self->delete_action_button, can_edit && action);
  gtk_widget_set_visible (self->new_action_button, can_edit && !action);
  gtk_widget_set_visible (self->edit_priority_button, can_edit && priority);
  gtk_widget_set_visible (self->delete_priority_button, can_edit && priority);
  gtk_widget_set_visible (self->link_buttons, can_edit && action);
}

/* The date of the statement @id, for "Corrects the statement of …", or NULL. */
static char *
statement_date (IbStore    *store,
                const char *id)
{
  g_autoptr (IbRecord) statement = id != NULL ? ib_store_get (store, &ib_type_position_statement, id, NULL) : NULL;

  return statement != NULL ? ib_format_date (ib_record_get_string (statement, "as_at")) : NULL;
}

/* A position statement's card: its parts are made once and filled again for each statement
 * shown, so opening another action sets texts on the cards there are; new widgets, each styled
 * and laid out from nothing, cost most of an action's opening. Parts with nothing to say are
 * hidden, and take no room, as the card built afresh left them out. */
typedef struct
{
  GtkWidget *card;
  GtkWidget *heading;
  GtkWidget *corrections;   /* a box of labels, one per correction either way */
  GtkWidget *badges;
  GtkWidget *narrative;
  GtkWidget *next_steps;
  GtkWidget *meeting;
} StatementCard;

static StatementCard *
statement_card_new (GtkWidget *box)
{
  StatementCard *c = g_new0 (StatementCard, 1);

  c->card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (c->card, "card");
  gtk_widget_add_css_class (c->card, "statement");
  c->heading = ib_detail_add_label (GTK_BOX (c->card), NULL, "heading");
  /* Spaced as the card is, so its labels sit as they would in the card itself. */
  c->corrections = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (c->card), c->corrections);
  c->badges = ib_badge_box_new ();
  gtk_box_append (GTK_BOX (c->card), c->badges);
  c->narrative = ib_detail_add_label (GTK_BOX (c->card), NULL, NULL);
  c->next_steps = ib_detail_add_label (GTK_BOX (c->card), NULL, NULL);
  c->meeting = ib_detail_add_label (GTK_BOX (c->card), NULL, "dim-label");
  gtk_box_append (GTK_BOX (box), c->card);
  return c;
}

/* Shows @text on the @n-th label of @box, made if there are fewer. */
static void
set_correction (GtkWidget  *box,
                guint       n,
                const char *text)
{
  GtkWidget *label = gtk_widget_get_first_child (box);

  for (guint i = 0; label != NULL && i < n; i++)
    label = gtk_widget_get_next_sibling (label);
  if (label == NULL)
    label = ib_detail_add_label (GTK_BOX (box), NULL, "correction");
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_visible (label, TRUE);
}

/* Statements are never edited: one that corrects another says which, and the one corrected
 * says by which (among @statements, those shown). */
static void
fill_corrections (GtkWidget *box,
                  IbStore   *store,
                  IbRecord  *statement,
                  GPtrArray *statements)
{
  g_autofree char *corrected = statement_date (store, ib_record_get_string (statement, "corrects"));
  guint n = 0;

  if (corrected != NULL)
    {
      /* Translators: %s is the date of the earlier position statement this one corrects */
      g_autofree char *text = g_strdup_printf (_("Corrects the statement of %s"), corrected);

      set_correction (box, n++, text);
    }

  for (guint i = 0; i < statements->len; i++)
    if (g_strcmp0 (ib_record_get_string (statements->pdata[i], "corrects"), ib_record_get_id (statement)) == 0)
      {
        g_autofree char *date = ib_format_date (ib_record_get_string (statements->pdata[i], "as_at"));
        /* Translators: %s is the date of the later position statement that corrects this one */
        g_autofree char *text = g_strdup_printf (_("Corrected by the statement of %s"), date);

        set_correction (box, n++, text);
      }

  {
    guint i = 0;

    for (GtkWidget *label = gtk_widget_get_first_child (box); label != NULL; label = gtk_widget_get_next_sibling (label))
      if (i++ >= n)
        gtk_widget_set_visible (label, FALSE);
  }
  gtk_widget_set_visible (box, n > 0);
}

static void
fill_statement_card (StatementCard *c,
                     IbStore       *store,
                     IbRecord      *statement,
                     GPtrArray     *statements)
{
  g_autofree char *date = ib_format_date (ib_record_get_string (statement, "as_at"));
  const char *author = ib_record_get_string (statement, "author");
  const char *narrative = ib_record_get_string (statement, "narrative");
  const char *next_steps = ib_record_get_string (statement, "next_steps");
  const char *meeting_id = ib_record_get_string (statement, "meeting");
  g_autoptr (IbRecord) meeting = meeting_id != NULL ? ib_store_get (store, &ib_type_meeting, meeting_id, NULL) : NULL;
  g_autofree char *heading = NULL;

  /* Translators: a position statement's heading: its date and who wrote it */
  heading = author != NULL ? g_strdup_printf (C_("statement heading", "%s · %s"), date, author)
                           : g_strdup (date);
  gtk_label_set_text (GTK_LABEL (c->heading), heading);
  fill_corrections (c->corrections, store, statement, statements);

  ib_badge_set_rag_aspect (ib_badge_box_slot (c->badges, 0), C_("rag aspect", "Delivery"),
                           ib_record_get_string (statement, "delivery_rag"));
  ib_badge_set_rag_aspect (ib_badge_box_slot (c->badges, 1), C_("rag aspect", "Impact"),
                           ib_record_get_string (statement, "impact_rag"));

  gtk_label_set_text (GTK_LABEL (c->narrative), narrative != NULL ? narrative : "");
  if (next_steps != NULL)
    {
      /* Translators: what the officer will do next, after a position statement */
      g_autofree char *text = g_strdup_printf (_("Next steps: %s"), next_steps);

      gtk_label_set_text (GTK_LABEL (c->next_steps), text);
    }
  gtk_widget_set_visible (c->next_steps, next_steps != NULL);
  if (meeting != NULL)
    {
      g_autofree char *name = ib_format_record_name (meeting);
      /* Translators: the meeting a position statement was written for */
      g_autofree char *text = g_strdup_printf (_("For: %s"), name);

      gtk_label_set_text (GTK_LABEL (c->meeting), text);
    }
  gtk_widget_set_visible (c->meeting, meeting != NULL);
  gtk_widget_set_visible (c->card, TRUE);
}

/* The same ref in the plan this one carries on from: how an action was rolled forward. */
static IbRecord *
rolled_from (IbStore  *store,
             IbRecord *action)
{
  g_autoptr (GListModel) earlier = ib_store_list_where (store, &ib_type_plan, "successor_plan",
                                                        ib_record_get_string (action, "plan"));

  for (guint i = 0; i < g_list_model_get_n_items (earlier); i++)
    {
      g_autoptr (IbRecord) plan = g_list_model_get_item (earlier, i);
      g_autoptr (GListModel) actions = ib_store_list_where (store, &ib_type_action, "plan", ib_record_get_id (plan));

      for (guint j = 0; j < g_list_model_get_n_items (actions); j++)
        {
          g_autoptr (IbRecord) candidate = g_list_model_get_item (actions, j);

          if (g_strcmp0 (ib_record_get_string (candidate, "ref"), ib_record_get_string (action, "ref")) == 0)
            return g_steal_pointer (&candidate);
        }
    }

  return NULL;
}

static void
add_link (IbActionDetail *self,
          const char     *kind,
          const char     *name)
{
  GtkWidget *row = g_object_new (IB_TYPE_FIELD_ROW, "title", kind, NULL);

  ib_field_row_set_value (IB_FIELD_ROW (row), name);
  ib_detail_group_add_row (self->links_group, self->link_rows, row);
}

/* The same links the KPIs, risks and findings show from their end (ib-links.h). */
static void
fill_links (IbActionDetail *self,
            IbStore        *store)
{
  IbRecord *action = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  g_auto (GStrv) indicators = ib_links_get (store, IB_LINK_ACTION_INDICATORS, ib_record_get_id (action));
  g_auto (GStrv) risks = ib_links_get (store, IB_LINK_ACTION_RISKS, ib_record_get_id (action));
  g_auto (GStrv) findings = ib_links_get (store, IB_LINK_ACTION_FINDINGS, ib_record_get_id (action));

  ib_detail_clear_rows (self->link_rows);
  for (guint i = 0; indicators[i] != NULL; i++)
    {
      g_autoptr (IbRecord) indicator = ib_store_get (store, &ib_type_indicator, indicators[i], NULL);

      if (indicator != NULL)
        {
          /* Translators: a KPI and its code, e.g. "Children in care (CLA_N)" */
          g_autofree char *text = g_strdup_printf (C_("kpi name", "%s (%s)"), ib_record_get_string (indicator, "title"),
                                                   ib_record_get_string (indicator, "code"));

          add_link (self, C_("link kind", "KPI"), text);
        }
    }

  for (guint i = 0; risks[i] != NULL; i++)
    {
      g_autoptr (IbRecord) risk = ib_store_get (store, &ib_type_risk, risks[i], NULL);

      if (risk != NULL)
        {
          g_autofree char *name = ib_format_record_name (risk);
          int score = ib_risk_score (ib_record_get_int (risk, "residual_l", 0), ib_record_get_int (risk, "residual_i", 0));
          g_autofree char *text = score > 0
            /* Translators: a risk, its residual score and band, e.g. "R02 · Recruitment (residual 16, High)" */
            ? g_strdup_printf (_("%s (residual %d, %s)"), name, score, ib_risk_band_label (ib_risk_band (score)))
            : g_strdup (name);

          add_link (self, C_("link kind", "Risk"), text);
        }
    }

  for (guint i = 0; findings[i] != NULL; i++)
    {
      g_autoptr (IbRecord) finding = ib_store_get (store, &ib_type_finding, findings[i], NULL);
      gint64 paragraph = finding != NULL ? ib_record_get_int (finding, "paragraph", 0) : 0;
      g_autofree char *text = NULL;

      if (finding == NULL)
        continue;
      if (paragraph > 0)
        {
          g_autofree char *para = ib_detail_paragraph (paragraph);

          /* Translators: a finding cited by its paragraph of the report, e.g. "para 44: The quality of …" */
          text = g_strdup_printf (C_("finding", "%s: %s"), para, ib_record_get_string (finding, "text"));
        }
      add_link (self, ib_enum_label (&ib_enum_finding_kind, ib_record_get_string (finding, "kind")),
                text != NULL ? text : ib_record_get_string (finding, "text"));
    }

  gtk_widget_set_visible (self->no_links_label, self->link_rows->len == 0);
  /* A viewer has nothing to do with an empty list of links. */
  gtk_widget_set_visible (self->links_group, self->link_rows->len > 0 || ib_detail_pane_get_can_edit (IB_DETAIL_PANE (self)));
}

/* The badges of @box as words, for a screen reader. */
static void
append_badge_texts (GString   *out,
                    GtkWidget *box)
{
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (IB_IS_BADGE (child))
      g_string_append_printf (out, ". %s", ib_badge_get_text (IB_BADGE (child)));
}

/* A row of the evidence: what is measured, how it moved, and badges saying what that means. */
static GtkWidget *
evidence_row (const char *title,
              const char *detail,
              GtkWidget  *badges)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autoptr (GString) spoken = g_string_new (title);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_label (GTK_LABEL (ib_detail_add_text (GTK_BOX (box), "heading")), title);
  if (detail != NULL)
    {
      gtk_label_set_label (GTK_LABEL (ib_detail_add_text (GTK_BOX (box), "dim-label")), detail);
      g_string_append_printf (spoken, ". %s", detail);
    }
  if (badges != NULL)
    {
      gtk_box_append (GTK_BOX (box), badges);
      append_badge_texts (spoken, badges);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken->str, -1);
  return row;
}

/* "68% in June 2021 → 55% in March 2022", with its direction since then and its target status. */
static GtkWidget *
kpi_evidence_row (IbEvidenceKpi *k)
{
  const char *polarity = ib_record_get_string (k->indicator, "polarity");
  g_autofree char *title = g_strdup_printf (C_("kpi name", "%s (%s)"), ib_record_get_string (k->indicator, "title"),
                                            ib_record_get_string (k->indicator, "code"));
  g_autofree char *detail = NULL;
  GtkWidget *badges = ib_badge_box_new ();

  if (k->latest_period == NULL)
    detail = g_strdup (_("No figures recorded yet."));
  else
    {
      g_autofree char *latest = ib_format_value (k->indicator, k->latest);
      g_autofree char *latest_period = ib_format_period (k->latest_period);

      if (g_strcmp0 (k->from_period, k->latest_period) == 0)
        /* Translators: a KPI's only figure, e.g. "55% in March 2022, and none since the action started" */
        detail = g_strdup_printf (_("%s in %s, and none since the action started"), latest, latest_period);
      else
        {
          g_autofree char *from = ib_format_value (k->indicator, k->from);
          g_autofree char *from_period = ib_format_period (k->from_period);

          /* Translators: a KPI from when the action started to its newest figure, e.g.
           * "68% in June 2021 → 55% in March 2022" */
          detail = g_strdup_printf (_("%s in %s → %s in %s"), from, from_period, latest, latest_period);
          ib_badge_box_add (badges, ib_badge_new_trend (polarity, ib_kpi_trend (k->from, k->latest)));
        }
      ib_badge_box_add (badges, ib_badge_new_target (k->status));
    }

  return evidence_row (title, detail, badges);
}

/* A share of practice reviews, "35%", or a dash when none was recorded. */
static char *
share_text (double share)
{
  g_autofree char *number = NULL;

  if (isnan (share))
    return g_strdup ("–");
  number = g_strdup_printf ("%.0f", share);
  return g_strdup_printf (C_("value", "%s%%"), number);
}

/* Each practice-review grade's share when the action started and now. */
static GtkWidget *
grades_evidence_row (IbEvidence *e)
{
  g_autofree char *from_period = ib_format_period (e->grades_from_period);
  g_autofree char *latest_period = ib_format_period (e->grades_latest_period);
  g_autoptr (GString) detail = g_string_new (NULL);

  /* Translators: the months practice-review grades are compared between, e.g. "June 2021 → March 2022" */
  g_string_printf (detail, C_("evidence", "%s → %s"), from_period, latest_period);
  for (int g = IB_KPI_N_GRADES - 1; g >= 0; g--)
    {
      g_autofree char *from = share_text (e->grades_from[g]);
      g_autofree char *latest = share_text (e->grades_latest[g]);

      if (isnan (e->grades_from[g]) && isnan (e->grades_latest[g]))
        continue;
      g_string_append_c (detail, '\n');
      /* Translators: a practice-review grade's share then and now, e.g. "Good: 35% → 42%" */
      g_string_append_printf (detail, C_("evidence", "%s: %s → %s"), ib_kpi_grade_label ((IbKpiGrade) g), from, latest);
    }

  return evidence_row (_("Practice review grades"), detail->str, NULL);
}

/* Fills the evidence and returns whether the action is delivered but not improving. */
static gboolean
fill_evidence (IbActionDetail *self,
               IbStore        *store)
{
  IbRecord *action = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  g_autoptr (IbEvidence) e = ib_evidence_for_action (store, ib_record_get_id (action), NULL);
  g_autofree char *sentence = NULL;
  GtkWidget *badges;

  ib_detail_clear (GTK_WIDGET (self->evidence_list));
  if (e == NULL)
    {
      gtk_widget_set_visible (self->evidence_group, FALSE);
      return FALSE;
    }

  sentence = ib_evidence_describe (e);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->evidence_group), sentence);
  for (guint i = 0; i < e->kpis->len; i++)
    gtk_list_box_append (self->evidence_list, kpi_evidence_row (e->kpis->pdata[i]));
  if (e->has_grades)
    gtk_list_box_append (self->evidence_list, grades_evidence_row (e));

  badges = ib_badge_box_new ();
  ib_badge_box_add (badges, ib_badge_new_rag_aspect (C_("rag aspect", "Impact"), e->impact_rag));
  if (e->flagged)
    ib_badge_box_add (badges, ib_badge_new_not_improving ());
  gtk_list_box_append (self->evidence_list, evidence_row (_("The latest statement’s impact"), NULL, badges));
  gtk_widget_set_visible (self->evidence_group, TRUE);

  return e->flagged;
}

/* Puts statements @from to @to of @statements on cards, made if there are fewer. */
static void
fill_cards (IbActionDetail *self,
            IbStore        *store,
            GPtrArray      *statements,
            guint           from,
            guint           to)
{
  for (guint i = from; i < to; i++)
    {
      if (i == self->cards->len)
        g_ptr_array_add (self->cards, statement_card_new (self->statements_box));
      fill_statement_card (self->cards->pdata[i], store, statements->pdata[i], statements);
    }
}

static void
stop_filling (IbActionDetail *self)
{
  if (self->rest_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->rest_tick_id);
  self->rest_tick_id = 0;
  g_clear_pointer (&self->rest, g_ptr_array_unref);
  g_clear_object (&self->rest_store);
}

/* Before each frame's layout, the next few statements. */
static gboolean
fill_rest_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  IbActionDetail *self = IB_ACTION_DETAIL (widget);
  guint to = MIN (self->rest_next + CARDS_AT_ONCE, self->rest->len);

  /* The first tick comes in the frame that lays the first cards out (a key or a click opens
   * the action in that frame's event phase, before its ticks): filling more then would lay
   * out twice the cards in that one frame. */
  if (self->rest_waits)
    {
      self->rest_waits = FALSE;
      return G_SOURCE_CONTINUE;
    }
  fill_cards (self, self->rest_store, self->rest, self->rest_next, to);
  self->rest_next = to;
  if (to < self->rest->len)
    return G_SOURCE_CONTINUE;
  self->rest_tick_id = 0;
  stop_filling (self);
  return G_SOURCE_REMOVE;
}

/* An action opened shows its first statements at once and the rest after; the same action
 * shown anew (a statement added) fills them all at once, so the pane can keep the reader's
 * place among them. */
static void
fill_statements (IbActionDetail *self,
                 IbPlanModel    *model,
                 gboolean        opened)
{
  IbRecord *action = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  IbStore *store = ib_plan_model_get_store (model);
  const char *as_at = ib_plan_model_get_as_at (model);
  guint n_later = 0, n_now;
  g_autoptr (GPtrArray) statements = ib_plan_model_list_statements (model, ib_record_get_id (action), &n_later);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self->statements_group);

  if (as_at != NULL && n_later > 0)
    {
      g_autofree char *date = ib_format_date (as_at);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Newest first, as at %2$s: %1$u later statement is not shown.",
                                                            "Newest first, as at %2$s: %1$u later statements are not shown.",
                                                            n_later), n_later, date);

      adw_preferences_group_set_description (group, text);
    }
  else
    adw_preferences_group_set_description (group, _("Newest first. A statement is never changed: a correction is a new statement."));

  stop_filling (self);
  n_now = opened ? MIN (statements->len, CARDS_AT_ONCE) : statements->len;
  fill_cards (self, store, statements, 0, n_now);
  for (guint i = n_now; i < self->cards->len; i++)
    gtk_widget_set_visible (((StatementCard *) self->cards->pdata[i])->card, FALSE);
  if (n_now < statements->len)
    {
      self->rest = g_ptr_array_ref (statements);
      self->rest_store = g_object_ref (store);
      self->rest_next = n_now;
      self->rest_waits = TRUE;
      self->rest_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_rest_cb, NULL, NULL);
    }
  gtk_widget_set_visible (self->no_statements_label, statements->len == 0);
  gtk_widget_set_visible (self->statements_box, statements->len > 0);
}

static void
show_action (IbActionDetail *self,
             IbPlanModel    *model,
             IbPlanItem     *item,
             gboolean        opened)
{
  IbRecord *action = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  IbStore *store = ib_plan_model_get_store (model);
  GtkWidget *badges = ib_detail_header_get_badges (self->header);
  g_autofree char *title = ib_format_record_name (action);
  g_autoptr (IbRecord) priority = NULL, earlier = NULL;
  g_autofree char *rolled = NULL;
  const char *description = ib_record_get_string (action, "description");

  ib_detail_header_set_title (self->header, title);
  ib_badge_box_clear (badges);
  ib_badge_box_add (badges, ib_badge_new_rag_aspect (C_("rag aspect", "Delivery"),
                  ib_plan_item_get_complete (item) ? "complete" : ib_plan_item_get_delivery_rag (item)));
  ib_badge_box_add (badges, ib_badge_new_rag_aspect (C_("rag aspect", "Impact"), ib_plan_item_get_impact_rag (item)));
  if (ib_plan_item_get_overdue (item))
    {
      g_autofree char *overdue = ib_plan_row_overdue_text (item);

      ib_badge_box_add (badges, ib_badge_new (overdue, "alarm-symbolic", "bad"));
    }
  if (ib_plan_row_is_rolled_forward (action))
    ib_badge_box_add (badges, ib_plan_row_rolled_forward_badge ());
  /* Beside delivery and impact, as the list shows it: as things stand now. */
  if (fill_evidence (self, store) && ib_plan_model_get_as_at (model) == NULL)
    ib_badge_box_add (badges, ib_badge_new_not_improving ());

  if (ib_record_get_string (action, "priority") != NULL)
    priority = ib_store_get (store, &ib_type_priority, ib_record_get_string (action, "priority"), NULL);
  ib_field_row_set_value (self->priority_row, priority != NULL ? ib_record_get_string (priority, "title") : NULL);
  /* "Rolled forward" is stored as a horizon but says where the action came from, not when it
   * lands: it reads as a badge, with the earlier plan and action below, not as a horizon. */
  gtk_widget_set_visible (GTK_WIDGET (self->horizon_row), !ib_plan_row_is_rolled_forward (action));
  if (ib_plan_row_is_rolled_forward (action) &&
      (earlier = rolled_from (store, action)) != NULL)
    {
      g_autoptr (IbRecord) plan = ib_store_get (store, &ib_type_plan, ib_record_get_string (earlier, "plan"), NULL);

      /* Translators: where a rolled-forward action came from: the earlier plan, the action's
       * ref there, and its status when it was rolled forward */
      rolled = g_strdup_printf (_("%s, action %s (%s)"),
                                plan != NULL ? ib_record_get_string (plan, "title") : "",
                                ib_record_get_string (earlier, "ref"),
                                ib_enum_label (&ib_enum_action_status, ib_record_get_string (earlier, "status")));
    }
  ib_field_row_set_value (self->rolled_row, rolled);

  gtk_label_set_label (self->description_label, description != NULL ? description : "");
  gtk_widget_set_visible (self->description_box, description != NULL);
  fill_links (self, store);
  fill_statements (self, model, opened);
}

static void
show_priority (IbActionDetail *self,
               IbPlanItem     *item)
{
  IbRecord *priority = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  GtkWidget *badges = ib_detail_header_get_badges (self->header);
  const IbRagCounts *counts = ib_plan_item_get_counts (item);
  g_autofree char *rollup = ib_rag_counts_format (counts);

  ib_detail_header_set_title (self->header, priority != NULL ? ib_record_get_string (priority, "title")
                                                             : _("Actions with no priority area"));
  ib_badge_box_clear (badges);
  ib_badge_box_add_rollup (badges, counts);
  ib_field_row_set_value (self->rollup_row, rollup);
}

static void
ib_action_detail_dispose (GObject *object)
{
  IbActionDetail *self = (IbActionDetail *) object;

  stop_filling (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_ACTION_DETAIL);
  g_clear_pointer (&self->link_rows, g_ptr_array_unref);
  g_clear_pointer (&self->cards, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_action_detail_parent_class)->dispose (object);
}

static void
can_edit_changed (IbDetailPane *pane)
{
  IbActionDetail *self = IB_ACTION_DETAIL (pane);

  update_buttons (self);
}

static void
ib_action_detail_class_init (IbActionDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_action_detail_dispose;
  IB_DETAIL_PANE_CLASS (klass)->can_edit_changed = can_edit_changed;

  g_type_ensure (IB_TYPE_DETAIL_HEADER);
  g_type_ensure (IB_TYPE_FIELD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-action-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, header);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, statement_button);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, edit_action_button);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, delete_action_button);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, new_action_button);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, edit_priority_button);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, delete_priority_button);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, details_group);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, priority_row);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, horizon_row);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, rolled_row);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, description_box);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, description_label);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, evidence_list);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, links_group);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, no_links_label);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, link_buttons);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, statements_group);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, no_statements_label);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, statements_box);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, priority_group);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, rollup_row);
}

static void
ib_action_detail_init (IbActionDetail *self)
{
  self->link_rows = g_ptr_array_new ();
  self->cards = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (self->link_buttons, ib_wrap_layout_new (6));
}

void
ib_action_detail_show (IbActionDetail *self,
                       IbPlanModel    *model,
                       IbPlanItem     *item)
{
  IbRecord *shown;
  g_autofree char *shown_id = NULL;
  gboolean opened;

  g_return_if_fail (IB_IS_ACTION_DETAIL (self));

  if (item == NULL || model == NULL)
    {
      stop_filling (self);
      ib_detail_pane_show_empty (IB_DETAIL_PANE (self));
      return;
    }

  shown = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  shown_id = shown != NULL ? g_strdup (ib_record_get_id (shown)) : NULL;
  /* The heading of actions with no priority area has no record of its own. */
  ib_detail_pane_begin (IB_DETAIL_PANE (self), ib_plan_item_get_record (item));
  opened = shown_id == NULL || ib_plan_item_get_record (item) == NULL ||
           g_strcmp0 (shown_id, ib_record_get_id (ib_plan_item_get_record (item))) != 0;
  self->showing_priority = ib_plan_item_get_kind (item) != IB_PLAN_ITEM_ACTION;
  update_buttons (self);

  /* An action's parts, or a priority area's. */
  gtk_widget_set_visible (self->details_group, !self->showing_priority);
  gtk_widget_set_visible (self->statements_group, !self->showing_priority);
  gtk_widget_set_visible (self->priority_group, self->showing_priority);
  if (self->showing_priority)
    {
      stop_filling (self);
      gtk_widget_set_visible (self->description_box, FALSE);
      gtk_widget_set_visible (self->evidence_group, FALSE);
      gtk_widget_set_visible (self->links_group, FALSE);
      show_priority (self, item);
    }
  else
    show_action (self, model, item, opened);
  ib_detail_pane_show (IB_DETAIL_PANE (self));
}
