/* pulled-page.c: a page of the changes feed as a pull brings it, made from a store's records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ib-record-json.h"
#include "pulled-page.h"

/* Returns @record at the next revision with its own values, as the feed would carry it. */
static JsonObject *
entry_of (IbRecord *record)
{
  ib_record_set_rev (record, ib_record_get_rev (record) + 1);
  ib_record_set_updated_by (record, "colleague");
  return ib_record_to_json (record);
}

JsonArray *
ib_test_pulled_page (IbStore *store,
                     guint    limit)
{
  static const char *rags[] = { "red", "amber", "green" };
  JsonArray *page = json_array_new ();
  g_autoptr (GListModel) plans = ib_store_list (store, &ib_type_plan);
  g_autoptr (GListModel) risks = ib_store_list (store, &ib_type_risk);
  g_autoptr (GListModel) indicators = ib_store_list (store, &ib_type_indicator);
  g_autoptr (GPtrArray) actions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) statements = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) measurements = g_ptr_array_new_with_free_func (g_object_unref);
  /* A mix as a busy week brings: about a third actions with a new statement each, a fifth
   * risks with a review each, the rest figures. */
  guint action_pairs = limit * 3 / 20, risk_pairs = limit / 10, n;

  /* Lists read by field, which the store does not keep live: the models' own live lists are
   * what the page's cost must include, not the benchmark's. */
  {
    g_autoptr (GPtrArray) by_plan = g_ptr_array_new_with_free_func (g_object_unref);
    gboolean more = TRUE;

    for (guint p = 0; p < g_list_model_get_n_items (plans); p++)
      {
        g_autoptr (IbRecord) plan = g_list_model_get_item (plans, p);

        g_ptr_array_add (by_plan, ib_store_list_where (store, &ib_type_action, "plan", ib_record_get_id (plan)));
      }
    /* Taken from every plan in turn, so the one a model shows has its share. */
    for (guint i = 0; more; i++)
      {
        more = FALSE;
        for (guint p = 0; p < by_plan->len; p++)
          if (i < g_list_model_get_n_items (by_plan->pdata[p]))
            {
              g_ptr_array_add (actions, g_list_model_get_item (by_plan->pdata[p], i));
              more = TRUE;
            }
      }
  }
  for (guint a = 0; a < actions->len && statements->len < 6; a++)
    {
      g_autoptr (GListModel) listed = ib_store_list_where (store, &ib_type_position_statement, "action",
                                                           ib_record_get_id (actions->pdata[a]));

      if (g_list_model_get_n_items (listed) > 0)
        g_ptr_array_add (statements, g_list_model_get_item (listed, 0));
    }
  /* The newest figure of each indicator first, as a month's return brings them, then the one
   * before, and so on. */
  {
    g_autoptr (GPtrArray) series = g_ptr_array_new_with_free_func (g_object_unref);
    gboolean more = TRUE;

    for (guint k = 0; k < g_list_model_get_n_items (indicators) && k < limit; k++)
      {
        g_autoptr (IbRecord) indicator = g_list_model_get_item (indicators, k);

        g_ptr_array_add (series, ib_store_list_where (store, &ib_type_measurement, "indicator",
                                                      ib_record_get_id (indicator)));
      }
    for (guint back = 1; more && measurements->len < limit; back++)
      {
        more = FALSE;
        for (guint k = 0; k < series->len && measurements->len < limit; k++)
          {
            guint n_values = g_list_model_get_n_items (series->pdata[k]);

            if (back <= n_values)
              {
                g_ptr_array_add (measurements, g_list_model_get_item (series->pdata[k], n_values - back));
                more = TRUE;
              }
          }
      }
  }

  for (guint i = 0; i < actions->len && i < action_pairs && json_array_get_length (page) + 2 <= limit; i++)
    {
      IbRecord *action = actions->pdata[i];
      g_autoptr (IbRecord) copy = ib_record_copy (action);
      g_autoptr (IbRecord) statement = ib_record_new (&ib_type_position_statement);
      g_autofree char *title = g_strdup_printf ("%s (pulled)", ib_record_get_string (action, "title"));
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *narrative = g_strdup_printf ("Pulled statement %u: audits show progress.", i);

      ib_record_set_string (copy, "title", title);
      ib_record_set_string (copy, "delivery_rag", rags[i % 3]);
      json_array_add_object_element (page, entry_of (copy));

      ib_record_set_id (statement, id);
      ib_record_set_string (statement, "action", ib_record_get_id (action));
      ib_record_set_string (statement, "as_at", i % 2 ? "2023-01-10" : "2022-03-01");
      ib_record_set_string (statement, "narrative", narrative);
      ib_record_set_string (statement, "delivery_rag", rags[(i + 1) % 3]);
      ib_record_set_string (statement, "impact_rag", rags[(i + 2) % 3]);
      json_array_add_object_element (page, entry_of (statement));
    }

  for (guint i = 0; i < statements->len && json_array_get_length (page) < limit; i++)
    {
      g_autoptr (IbRecord) copy = ib_record_copy (statements->pdata[i]);
      JsonObject *entry;

      ib_record_set_string (copy, "narrative", "Rewritten on the server.");
      entry = entry_of (copy);
      /* One of them is deleted there. */
      if (i == statements->len - 1)
        json_object_set_boolean_member (entry, "deleted", TRUE);
      json_array_add_object_element (page, entry);
    }

  for (guint i = 0; i < g_list_model_get_n_items (risks) && i < risk_pairs && json_array_get_length (page) + 2 <= limit; i++)
    {
      g_autoptr (IbRecord) risk = g_list_model_get_item (risks, i);
      g_autoptr (IbRecord) copy = ib_record_copy (risk);
      g_autoptr (IbRecord) review = ib_record_new (&ib_type_risk_review);
      g_autofree char *id = g_uuid_string_random ();

      ib_record_set_int (copy, "residual_l", 1 + i % 5);
      json_array_add_object_element (page, entry_of (copy));

      ib_record_set_id (review, id);
      ib_record_set_string (review, "risk", ib_record_get_id (risk));
      ib_record_set_string (review, "reviewed_on", "2023-01-12");
      ib_record_set_int (review, "residual_l", 1 + i % 5);
      ib_record_set_int (review, "residual_i", ib_record_get_int (risk, "residual_i", 3));
      json_array_add_object_element (page, entry_of (review));
    }

  for (guint i = 0; i < g_list_model_get_n_items (indicators) && i < 3 && json_array_get_length (page) < limit; i++)
    {
      g_autoptr (IbRecord) indicator = g_list_model_get_item (indicators, i);
      g_autoptr (IbRecord) copy = ib_record_copy (indicator);
      g_autofree char *title = g_strdup_printf ("%s (pulled)", ib_record_get_string (indicator, "title"));

      ib_record_set_string (copy, "title", title);
      json_array_add_object_element (page, entry_of (copy));
    }

  n = measurements->len;
  for (guint i = 0; i < n && json_array_get_length (page) < limit; i++)
    {
      g_autoptr (IbRecord) copy = ib_record_copy (measurements->pdata[i]);

      if (!ib_record_has (copy, "value"))
        continue;
      ib_record_set_double (copy, "value", ib_record_get_double (copy, "value") + 1);
      json_array_add_object_element (page, entry_of (copy));
    }

  /* A store with little else (one plan) gets more of its actions instead. */
  for (guint i = action_pairs; i < actions->len && json_array_get_length (page) < limit; i++)
    {
      g_autoptr (IbRecord) copy = ib_record_copy (actions->pdata[i]);
      g_autofree char *title = g_strdup_printf ("%s (pulled)", ib_record_get_string (copy, "title"));

      ib_record_set_string (copy, "title", title);
      json_array_add_object_element (page, entry_of (copy));
    }

  return page;
}

JsonArray *
ib_test_pulled_statements (IbStore *store,
                           guint    limit)
{
  static const char *rags[] = { "red", "amber", "green" };
  JsonArray *page = json_array_new ();
  g_autoptr (GListModel) plans = ib_store_list (store, &ib_type_plan);
  g_autoptr (GPtrArray) actions = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint p = 0; p < g_list_model_get_n_items (plans) && actions->len < limit; p++)
    {
      g_autoptr (IbRecord) plan = g_list_model_get_item (plans, p);
      g_autoptr (GListModel) listed = ib_store_list_where (store, &ib_type_action, "plan", ib_record_get_id (plan));

      for (guint a = 0; a < g_list_model_get_n_items (listed) && actions->len < limit; a++)
        g_ptr_array_add (actions, g_list_model_get_item (listed, a));
    }

  for (guint i = 0; i < actions->len; i++)
    {
      g_autoptr (IbRecord) statement = ib_record_new (&ib_type_position_statement);
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *narrative = g_strdup_printf ("Statement %u pulled from the board: audits of %u cases show "
                                                    "supervision on time and caseloads within the agreed range.",
                                                    i, 20 + i % 30);

      ib_record_set_id (statement, id);
      ib_record_set_rev (statement, 0);
      ib_record_set_string (statement, "action", ib_record_get_id (actions->pdata[i]));
      ib_record_set_string (statement, "as_at", "2023-01-12");
      ib_record_set_string (statement, "narrative", narrative);
      ib_record_set_string (statement, "next_steps", "Re-audit in March and report to the next board.");
      ib_record_set_string (statement, "delivery_rag", rags[i % 3]);
      ib_record_set_string (statement, "impact_rag", rags[(i + 1) % 3]);
      json_array_add_object_element (page, entry_of (statement));
    }

  return page;
}
