/* ib-pack-diff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-pack-diff"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ib-enums.h"
#include "ib-pack.h"
#include "ib-pack-diff.h"
#include "ib-risk.h"
#include "ib-text.h"

/* The order the changes are read in: exceptions first. */
enum {
  GROUP_WORSE,
  GROUP_RED,
  GROUP_BETTER,
  GROUP_OTHER,
  N_GROUPS
};


static gboolean
is_item (JsonObject *object)
{
  return object != NULL && !ib_pack_is_placeholder (object, NULL);
}




static int
paragraph_of (JsonObject *object)
{
  if (g_strcmp0 (ib_pack_member_string (object, "class"), "exempt") != 0)
    return 0;
  return (int) json_object_get_int_member_with_default (object, "exempt_paragraph", 1);
}

/* Items of @section by key, skipping placeholders. */
static GHashTable *
index_items (JsonObject *document,
             const char *section)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array = ib_pack_member_array (document, section);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      if (is_item (item) && ib_pack_member_string (item, "key") != NULL)
        g_hash_table_insert (index, (gpointer) ib_pack_member_string (item, "key"), item);
    }

  return index;
}

void
ib_pack_read_indicator (JsonObject    *indicator,
                        IbPackReading *reading)
{
  JsonArray *points = ib_pack_member_array (indicator, "points");

  g_return_if_fail (reading != NULL);

  reading->latest = reading->previous = -1;
  reading->latest_value = reading->previous_value = NAN;

  for (int i = points != NULL ? (int) json_array_get_length (points) - 1 : -1; i >= 0; i--)
    {
      JsonObject *point = json_array_get_object_element (points, i);
      double value = is_item (point) ? ib_pack_member_number (point, "value") : NAN;

      if (isnan (value))
        continue;
      if (reading->latest < 0)
        {
          reading->latest = i;
          reading->latest_value = value;
        }
      else
        {
          reading->previous = i;
          reading->previous_value = value;
          break;
        }
    }

  reading->status = ib_kpi_target_status (ib_pack_member_string (indicator, "polarity"), reading->latest_value,
                                          ib_pack_member_number (indicator, "target"), ib_pack_member_number (indicator, "tolerance"));
  reading->trend = ib_kpi_trend (reading->previous_value, reading->latest_value);
  reading->better = ib_kpi_trend_is_better (ib_pack_member_string (indicator, "polarity"), reading->trend);
}

const char *
ib_pack_action_rag (JsonObject *action)
{
  JsonObject *statement = ib_pack_member_object (action, "statement");

  if (ib_pack_member_string (action, "delivery_rag") != NULL)
    return ib_pack_member_string (action, "delivery_rag");
  if (is_item (statement))
    return ib_pack_member_string (statement, "delivery_rag");
  return NULL;
}

/* The statement whose colour an action shows, when it gives it: its class then counts too. */
static JsonObject *
rag_source (JsonObject *action)
{
  JsonObject *statement = ib_pack_member_object (action, "statement");

  if (ib_pack_member_string (action, "delivery_rag") == NULL && is_item (statement))
    return statement;
  return NULL;
}

typedef struct
{
  GPtrArray *groups[N_GROUPS];  /* JsonObject */
} Changes;

/* Starts a change about @a and @b (either may be NULL), as strict as the strictest of them and
 * of @c. */
static JsonObject *
change_new (Changes    *changes,
            int         group,
            const char *code,
            int         direction,
            JsonObject *a,
            JsonObject *b,
            JsonObject *c)
{
  JsonObject *change = json_object_new ();
  int paragraph = MAX (MAX (paragraph_of (a), paragraph_of (b)), paragraph_of (c));

  json_object_set_string_member (change, "item", "change");
  json_object_set_string_member (change, "change", code);
  json_object_set_int_member (change, "direction", direction);
  json_object_set_boolean_member (change, "exception", group == GROUP_WORSE || group == GROUP_RED);
  if (paragraph > 0)
    {
      json_object_set_string_member (change, "class", "exempt");
      json_object_set_int_member (change, "exempt_paragraph", paragraph);
    }
  g_ptr_array_add (changes->groups[group], change);
  return change;
}

static void
copy_member (JsonObject *to,
             const char *name,
             JsonObject *from,
             const char *from_name)
{
  JsonNode *node = from != NULL ? json_object_get_member (from, from_name) : NULL;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    json_object_set_member (to, name, json_node_copy (node));
}

static void
name_item (JsonObject *change,
           JsonObject *item)
{
  /* The record's id, so a reader of today's comparison can open the record itself. */
  copy_member (change, "key", item, "key");
  copy_member (change, "ref", item, "ref");
  copy_member (change, "code", item, "code");
  copy_member (change, "title", item, "title");
}

static int
rag_rank (const char *rag)
{
  return g_strcmp0 (rag, "green") == 0 ? 2 : g_strcmp0 (rag, "amber") == 0 ? 1 : 0;
}

static void
compare_actions (Changes    *changes,
                 JsonObject *previous,
                 JsonObject *current)
{
  g_autoptr (GHashTable) before = previous != NULL ? index_items (previous, "actions") : NULL;
  g_autoptr (GHashTable) matched = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) statements = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *now = ib_pack_member_array (current, "actions");
  JsonArray *then = ib_pack_member_array (previous, "actions");

  /* Every statement the previous pack held, wherever its action went since. */
  for (guint i = 0; then != NULL && i < json_array_get_length (then); i++)
    {
      JsonObject *statement = ib_pack_member_object (json_array_get_object_element (then, i), "statement");

      if (is_item (statement) && ib_pack_member_string (statement, "key") != NULL)
        g_hash_table_add (statements, (gpointer) ib_pack_member_string (statement, "key"));
    }

  for (guint i = 0; now != NULL && i < json_array_get_length (now); i++)
    {
      JsonObject *action = json_array_get_object_element (now, i);
      JsonObject *old = NULL, *statement, *change;
      const char *rag, *old_rag;
      gboolean complete;

      if (!is_item (action))
        continue;

      statement = ib_pack_member_object (action, "statement");
      rag = ib_pack_action_rag (action);
      complete = json_object_get_boolean_member_with_default (action, "complete", FALSE);

      if (before != NULL)
        {
          old = g_hash_table_lookup (before, ib_pack_member_string (action, "key"));

          /* A rolled-forward action is a new record in the new plan with the old one's ref. */
          if (old == NULL && g_strcmp0 (ib_pack_member_string (action, "horizon"), "rolled_forward") == 0)
            for (guint j = 0; then != NULL && j < json_array_get_length (then) && old == NULL; j++)
              {
                JsonObject *candidate = json_array_get_object_element (then, j);

                if (is_item (candidate) && !g_hash_table_contains (matched, candidate) &&
                    g_strcmp0 (ib_pack_member_string (candidate, "ref"), ib_pack_member_string (action, "ref")) == 0)
                  {
                    old = candidate;
                    change = change_new (changes, GROUP_OTHER, "action_rolled_forward", 0, action, old, NULL);
                    name_item (change, action);
                    copy_member (change, "from_plan", ib_pack_member_object (previous, "plan"), "title");
                  }
              }
          else if (old != NULL && g_strcmp0 (ib_pack_member_string (action, "horizon"), "rolled_forward") == 0 &&
                   g_strcmp0 (ib_pack_member_string (old, "horizon"), "rolled_forward") != 0)
            {
              change = change_new (changes, GROUP_OTHER, "action_rolled_forward", 0, action, old, NULL);
              name_item (change, action);
              copy_member (change, "from_plan", ib_pack_member_object (previous, "plan"), "title");
            }

          if (old == NULL)
            {
              change = change_new (changes, GROUP_OTHER, "action_added", 0, action, rag_source (action), NULL);
              name_item (change, action);
              if (rag != NULL)
                json_object_set_string_member (change, "to", rag);
            }
          else
            g_hash_table_add (matched, old);
        }

      old_rag = old != NULL ? ib_pack_action_rag (old) : NULL;

      if (old != NULL && complete && !json_object_get_boolean_member_with_default (old, "complete", FALSE))
        {
          change = change_new (changes, GROUP_BETTER, "action_completed", 1, action, old, NULL);
          name_item (change, action);
        }
      else if (old != NULL && !complete && rag != NULL && old_rag != NULL && g_strcmp0 (rag, old_rag) != 0)
        {
          int direction = rag_rank (rag) > rag_rank (old_rag) ? 1 : -1;

          change = change_new (changes, direction < 0 ? GROUP_WORSE : GROUP_BETTER, "action_colour", direction,
                               action, rag_source (action), rag_source (old));
          name_item (change, action);
          json_object_set_string_member (change, "from", old_rag);
          json_object_set_string_member (change, "to", rag);
        }
      else if (!complete && g_strcmp0 (rag, "red") == 0)
        {
          change = change_new (changes, GROUP_RED, "action_red", -1, action, rag_source (action), NULL);
          name_item (change, action);
        }

      if (old != NULL && json_object_get_boolean_member_with_default (action, "overdue", FALSE) &&
          !json_object_get_boolean_member_with_default (old, "overdue", FALSE))
        {
          change = change_new (changes, GROUP_WORSE, "action_overdue", -1, action, old, NULL);
          name_item (change, action);
          copy_member (change, "due_on", action, "due_on");
        }

      if (previous != NULL && is_item (statement) && ib_pack_member_string (statement, "key") != NULL &&
          !g_hash_table_contains (statements, ib_pack_member_string (statement, "key")))
        {
          change = change_new (changes, GROUP_OTHER, "statement_new", 0, action, statement, NULL);
          name_item (change, action);
          copy_member (change, "as_at", statement, "as_at");
          copy_member (change, "to", statement, "delivery_rag");
        }
    }
}

static const char *
status_code (IbTargetStatus status)
{
  switch (status)
    {
    case IB_TARGET_ON: return "on";
    case IB_TARGET_WITHIN_TOLERANCE: return "within";
    case IB_TARGET_OFF: return "off";
    case IB_TARGET_NONE:
    default: return NULL;
    }
}

static int
status_rank (IbTargetStatus status)
{
  return status == IB_TARGET_ON ? 2 : status == IB_TARGET_WITHIN_TOLERANCE ? 1 : 0;
}

/* The newest point with a value: its class counts for a change read from it. */
static JsonObject *
point_at (JsonObject *indicator,
          int         index)
{
  JsonArray *points = ib_pack_member_array (indicator, "points");

  if (points == NULL || index < 0)
    return NULL;
  return json_array_get_object_element (points, (guint) index);
}

static void
describe_value (JsonObject    *change,
                JsonObject    *indicator,
                IbPackReading *reading)
{
  json_object_set_double_member (change, "value", reading->latest_value);
  copy_member (change, "period", point_at (indicator, reading->latest), "period");
  copy_member (change, "unit", indicator, "unit");
  copy_member (change, "decimals", indicator, "decimals");
}

static void
compare_indicators (Changes    *changes,
                    JsonObject *previous,
                    JsonObject *current)
{
  g_autoptr (GHashTable) before = previous != NULL ? index_items (previous, "indicators") : NULL;
  JsonArray *now = ib_pack_member_array (current, "indicators");

  for (guint i = 0; now != NULL && i < json_array_get_length (now); i++)
    {
      JsonObject *indicator = json_array_get_object_element (now, i);
      JsonObject *old, *change, *point, *old_point = NULL;
      IbPackReading reading, old_reading = { -1, -1, NAN, NAN, IB_TARGET_NONE, IB_TREND_NONE, 0 };
      gboolean crossed = FALSE;

      if (!is_item (indicator))
        continue;

      ib_pack_read_indicator (indicator, &reading);
      point = point_at (indicator, reading.latest);
      old = before != NULL ? g_hash_table_lookup (before, ib_pack_member_string (indicator, "key")) : NULL;
      if (old != NULL)
        {
          ib_pack_read_indicator (old, &old_reading);
          old_point = point_at (old, old_reading.latest);
        }

      if (old != NULL && reading.status != IB_TARGET_NONE && old_reading.status != IB_TARGET_NONE &&
          reading.status != old_reading.status)
        {
          int direction = status_rank (reading.status) > status_rank (old_reading.status) ? 1 : -1;

          change = change_new (changes, direction < 0 ? GROUP_WORSE : GROUP_BETTER, "kpi_target", direction,
                               indicator, point, old_point);
          name_item (change, indicator);
          json_object_set_string_member (change, "from", status_code (old_reading.status));
          json_object_set_string_member (change, "to", status_code (reading.status));
          describe_value (change, indicator, &reading);
          crossed = TRUE;
        }

      if (old != NULL && (reading.trend == IB_TREND_UP || reading.trend == IB_TREND_DOWN) &&
          (old_reading.trend == IB_TREND_UP || old_reading.trend == IB_TREND_DOWN) &&
          reading.trend != old_reading.trend)
        {
          change = change_new (changes, reading.better < 0 ? GROUP_WORSE : reading.better > 0 ? GROUP_BETTER : GROUP_OTHER,
                               "kpi_direction", reading.better, indicator, point,
                               point_at (indicator, reading.previous));
          name_item (change, indicator);
          json_object_set_string_member (change, "from", old_reading.trend == IB_TREND_UP ? "up" : "down");
          json_object_set_string_member (change, "to", reading.trend == IB_TREND_UP ? "up" : "down");
          copy_member (change, "period", point, "period");
        }

      if (!crossed && reading.status == IB_TARGET_OFF)
        {
          change = change_new (changes, GROUP_RED, "kpi_off", -1, indicator, point, NULL);
          name_item (change, indicator);
          describe_value (change, indicator, &reading);
          copy_member (change, "target", indicator, "target");
        }
    }
}

static int
residual_score (JsonObject *risk)
{
  return ib_risk_score ((gint64) ib_pack_member_number (risk, "residual_l"), (gint64) ib_pack_member_number (risk, "residual_i"));
}

static void
compare_risks (Changes    *changes,
               JsonObject *previous,
               JsonObject *current)
{
  g_autoptr (GHashTable) before = previous != NULL ? index_items (previous, "risks") : NULL;
  JsonArray *now = ib_pack_member_array (current, "risks");

  for (guint i = 0; now != NULL && i < json_array_get_length (now); i++)
    {
      JsonObject *risk = json_array_get_object_element (now, i);
      JsonObject *old, *change;
      gboolean closed, was_closed;
      int score, old_score;
      gboolean moved_into_high = FALSE;

      if (!is_item (risk))
        continue;

      old = before != NULL ? g_hash_table_lookup (before, ib_pack_member_string (risk, "key")) : NULL;
      closed = g_strcmp0 (ib_pack_member_string (risk, "status"), "closed") == 0;
      was_closed = old != NULL && g_strcmp0 (ib_pack_member_string (old, "status"), "closed") == 0;
      score = residual_score (risk);
      old_score = old != NULL ? residual_score (old) : 0;

      if (before != NULL && old == NULL && !closed)
        {
          change = change_new (changes, GROUP_OTHER, "risk_added", 0, risk, NULL, NULL);
          name_item (change, risk);
          if (score > 0)
            json_object_set_int_member (change, "to", score);
        }
      else if (old != NULL && closed && !was_closed)
        {
          change = change_new (changes, GROUP_BETTER, "risk_closed", 1, risk, old, NULL);
          name_item (change, risk);
        }
      else if (old != NULL && !closed && score > 0 && old_score > 0 && score != old_score)
        {
          int direction = score < old_score ? 1 : -1;

          change = change_new (changes, direction < 0 ? GROUP_WORSE : GROUP_BETTER, "risk_score", direction,
                               risk, old, NULL);
          name_item (change, risk);
          json_object_set_int_member (change, "from", old_score);
          json_object_set_int_member (change, "to", score);
          json_object_set_boolean_member (change, "band_changed", ib_risk_band (score) != ib_risk_band (old_score));
          moved_into_high = ib_risk_band (score) == IB_RISK_BAND_HIGH;
        }

      if (!closed && !moved_into_high && ib_risk_band (score) == IB_RISK_BAND_HIGH)
        {
          change = change_new (changes, GROUP_RED, "risk_high", -1, risk, NULL, NULL);
          name_item (change, risk);
          json_object_set_int_member (change, "to", score);
        }
    }
}

static void
compare_inspections (Changes    *changes,
                     JsonObject *previous,
                     JsonObject *current)
{
  g_autoptr (GHashTable) before = NULL;
  g_autoptr (GHashTable) findings = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *now = ib_pack_member_array (current, "inspections");
  JsonArray *then = ib_pack_member_array (previous, "inspections");

  if (previous == NULL)
    return;

  before = index_items (previous, "inspections");
  for (guint i = 0; then != NULL && i < json_array_get_length (then); i++)
    {
      JsonArray *list = ib_pack_member_array (json_array_get_object_element (then, i), "findings");

      for (guint f = 0; list != NULL && f < json_array_get_length (list); f++)
        {
          JsonObject *finding = json_array_get_object_element (list, f);

          if (is_item (finding) && ib_pack_member_string (finding, "key") != NULL)
            g_hash_table_add (findings, (gpointer) ib_pack_member_string (finding, "key"));
        }
    }

  for (guint i = 0; now != NULL && i < json_array_get_length (now); i++)
    {
      JsonObject *inspection = json_array_get_object_element (now, i);
      JsonArray *list;

      if (!is_item (inspection))
        continue;

      if (!g_hash_table_contains (before, ib_pack_member_string (inspection, "key")))
        {
          JsonObject *change = change_new (changes, GROUP_OTHER, "inspection_new", 0, inspection, NULL, NULL);

          copy_member (change, "kind", inspection, "kind");
          copy_member (change, "starts_on", inspection, "starts_on");
          copy_member (change, "theme", inspection, "theme");
        }

      list = ib_pack_member_array (inspection, "findings");
      for (guint f = 0; list != NULL && f < json_array_get_length (list); f++)
        {
          JsonObject *finding = json_array_get_object_element (list, f);
          JsonObject *change;

          if (!is_item (finding) || g_hash_table_contains (findings, ib_pack_member_string (finding, "key")))
            continue;
          change = change_new (changes, GROUP_OTHER, "finding_new", 0, finding, inspection, NULL);
          copy_member (change, "kind", finding, "kind");
          copy_member (change, "text", finding, "text");
        }
    }
}

JsonArray *
ib_pack_compare (JsonObject *previous,
                 JsonObject *current)
{
  Changes changes;
  JsonArray *array = json_array_new ();

  g_return_val_if_fail (current != NULL, array);

  for (guint g = 0; g < N_GROUPS; g++)
    changes.groups[g] = g_ptr_array_new ();

  compare_actions (&changes, previous, current);
  compare_indicators (&changes, previous, current);
  compare_risks (&changes, previous, current);
  compare_inspections (&changes, previous, current);

  for (guint g = 0; g < N_GROUPS; g++)
    {
      for (guint i = 0; i < changes.groups[g]->len; i++)
        json_array_add_object_element (array, changes.groups[g]->pdata[i]);
      g_ptr_array_unref (changes.groups[g]);
    }

  return array;
}

gboolean
ib_pack_change_is_exception (JsonObject *change)
{
  g_return_val_if_fail (change != NULL, FALSE);
  return json_object_get_boolean_member_with_default (change, "exception", FALSE);
}

static const char *
rag_label (const char *code)
{
  return code != NULL ? ib_enum_label (&ib_enum_rag, code) : C_("rag", "Not rated");
}

static const char *
target_label (const char *code)
{
  if (g_strcmp0 (code, "on") == 0)
    return ib_target_status_label (IB_TARGET_ON);
  if (g_strcmp0 (code, "within") == 0)
    return ib_target_status_label (IB_TARGET_WITHIN_TOLERANCE);
  if (g_strcmp0 (code, "off") == 0)
    return ib_target_status_label (IB_TARGET_OFF);
  return ib_target_status_label (IB_TARGET_NONE);
}

static const char *
trend_word (const char *code)
{
  /* Translators: how a KPI's values move: "changed direction from rising to falling" */
  return g_strcmp0 (code, "up") == 0 ? C_("kpi trend", "rising") : C_("kpi trend", "falling");
}

static char *
value_text (JsonObject *change,
            const char *name)
{
  return ib_text_value (ib_pack_member_string (change, "unit"), (int) json_object_get_int_member_with_default (change, "decimals", 0),
                        ib_pack_member_number (change, name));
}

static char *
score_text (int score)
{
  /* Translators: a risk's residual score and its band, e.g. "15 (High)" */
  return g_strdup_printf (C_("risk score", "%d (%s)"), score, ib_risk_band_label (ib_risk_band (score)));
}

char *
ib_pack_describe_change (JsonObject *change)
{
  const char *code, *ref, *title;

  g_return_val_if_fail (change != NULL, NULL);

  code = ib_pack_member_string (change, "change");
  ref = ib_pack_member_string (change, "ref") != NULL ? ib_pack_member_string (change, "ref") : ib_pack_member_string (change, "code");
  title = ib_pack_member_string (change, "title") != NULL ? ib_pack_member_string (change, "title") : "";

  if (g_strcmp0 (code, "action_colour") == 0)
    /* Translators: an action's ref, its title, then two RAG ratings ("Amber", "Red") */
    return g_strdup_printf (_("Action %s “%s” moved from %s to %s."), ref, title,
                            rag_label (ib_pack_member_string (change, "from")), rag_label (ib_pack_member_string (change, "to")));
  if (g_strcmp0 (code, "action_added") == 0)
    return ib_pack_member_string (change, "to") != NULL
      /* Translators: an action's ref, title and RAG rating */
      ? g_strdup_printf (_("Action %s “%s” was added (%s)."), ref, title, rag_label (ib_pack_member_string (change, "to")))
      : g_strdup_printf (_("Action %s “%s” was added."), ref, title);
  if (g_strcmp0 (code, "action_completed") == 0)
    return g_strdup_printf (_("Action %s “%s” was completed."), ref, title);
  if (g_strcmp0 (code, "action_rolled_forward") == 0)
    /* Translators: an action's ref and title, then the plan it came from */
    return g_strdup_printf (_("Action %s “%s” was rolled forward from “%s”."), ref, title,
                            ib_pack_member_string (change, "from_plan") != NULL ? ib_pack_member_string (change, "from_plan") : "");
  if (g_strcmp0 (code, "action_overdue") == 0)
    {
      g_autofree char *due = ib_text_date (ib_pack_member_string (change, "due_on"));

      /* Translators: an action's ref and title, then its due date */
      return g_strdup_printf (_("Action %s “%s” is now overdue (due %s)."), ref, title, due);
    }
  if (g_strcmp0 (code, "action_red") == 0)
    return g_strdup_printf (_("Action %s “%s” is Red."), ref, title);
  if (g_strcmp0 (code, "statement_new") == 0)
    {
      g_autofree char *date = ib_text_date (ib_pack_member_string (change, "as_at"));

      return ib_pack_member_string (change, "to") != NULL
        /* Translators: an action's ref and title, a date, then a RAG rating */
        ? g_strdup_printf (_("New position statement on action %s “%s”, as at %s: %s."), ref, title, date,
                           rag_label (ib_pack_member_string (change, "to")))
        : g_strdup_printf (_("New position statement on action %s “%s”, as at %s."), ref, title, date);
    }
  if (g_strcmp0 (code, "kpi_target") == 0)
    {
      g_autofree char *value = value_text (change, "value");
      g_autofree char *period = ib_text_period (ib_pack_member_string (change, "period"));

      /* Translators: a KPI's title and code, two target statuses ("On target", "Off target"),
       * then its latest value and month */
      return g_strdup_printf (_("%s (%s) moved from %s to %s: %s in %s."), title, ref,
                              target_label (ib_pack_member_string (change, "from")), target_label (ib_pack_member_string (change, "to")),
                              value, period);
    }
  if (g_strcmp0 (code, "kpi_direction") == 0)
    {
      g_autofree char *period = ib_text_period (ib_pack_member_string (change, "period"));
      int direction = (int) json_object_get_int_member_with_default (change, "direction", 0);

      if (direction < 0)
        /* Translators: a KPI's title and code, a trend word ("rising", "falling"), a month,
         * then the trend word it had before */
        return g_strdup_printf (_("%s (%s) turned worse: %s in %s, after %s."), title, ref,
                                trend_word (ib_pack_member_string (change, "to")), period, trend_word (ib_pack_member_string (change, "from")));
      if (direction > 0)
        return g_strdup_printf (_("%s (%s) turned better: %s in %s, after %s."), title, ref,
                                trend_word (ib_pack_member_string (change, "to")), period, trend_word (ib_pack_member_string (change, "from")));
      return g_strdup_printf (_("%s (%s) changed direction: %s in %s, after %s."), title, ref,
                              trend_word (ib_pack_member_string (change, "to")), period, trend_word (ib_pack_member_string (change, "from")));
    }
  if (g_strcmp0 (code, "kpi_off") == 0)
    {
      g_autofree char *value = value_text (change, "value");
      g_autofree char *target = value_text (change, "target");
      g_autofree char *period = ib_text_period (ib_pack_member_string (change, "period"));

      /* Translators: a KPI's title and code, its value, its month, then its target */
      return g_strdup_printf (_("%s (%s) is off target: %s in %s against a target of %s."), title, ref,
                              value, period, target);
    }
  if (g_strcmp0 (code, "risk_score") == 0)
    {
      g_autofree char *from = score_text ((int) json_object_get_int_member_with_default (change, "from", 0));
      g_autofree char *to = score_text ((int) json_object_get_int_member_with_default (change, "to", 0));

      /* Translators: a risk's ref and title, then two scores with their bands: "12 (Medium)" */
      return g_strdup_printf (_("Risk %s “%s”: residual score moved from %s to %s."), ref, title, from, to);
    }
  if (g_strcmp0 (code, "risk_added") == 0)
    {
      g_autofree char *to = score_text ((int) json_object_get_int_member_with_default (change, "to", 0));

      return json_object_has_member (change, "to")
        ? g_strdup_printf (_("Risk %s “%s” was added, with a residual score of %s."), ref, title, to)
        : g_strdup_printf (_("Risk %s “%s” was added."), ref, title);
    }
  if (g_strcmp0 (code, "risk_closed") == 0)
    return g_strdup_printf (_("Risk %s “%s” was closed."), ref, title);
  if (g_strcmp0 (code, "risk_high") == 0)
    {
      g_autofree char *to = score_text ((int) json_object_get_int_member_with_default (change, "to", 0));

      return g_strdup_printf (_("Risk %s “%s” is High: residual score %s."), ref, title, to);
    }
  if (g_strcmp0 (code, "inspection_new") == 0)
    {
      g_autofree char *date = ib_text_date (ib_pack_member_string (change, "starts_on"));
      const char *kind = ib_enum_label (&ib_enum_inspection_kind, ib_pack_member_string (change, "kind"));

      return ib_pack_member_string (change, "theme") != NULL
        /* Translators: a kind of Ofsted engagement, its date, then its theme */
        ? g_strdup_printf (_("New Ofsted engagement: %s, %s (%s)."), kind, date, ib_pack_member_string (change, "theme"))
        : g_strdup_printf (_("New Ofsted engagement: %s, %s."), kind, date);
    }
  if (g_strcmp0 (code, "finding_new") == 0)
    /* Translators: a kind of Ofsted finding ("What needs to improve"), then its text */
    return g_strdup_printf (_("New Ofsted finding (%s): %s"),
                            ib_enum_label (&ib_enum_finding_kind, ib_pack_member_string (change, "kind")),
                            ib_pack_member_string (change, "text") != NULL ? ib_pack_member_string (change, "text") : "");

  return g_strdup (code != NULL ? code : "");
}
