/* test-mutation.c: the push mutation codec shared by the server and the client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ib-mutation.h"
#include "ib-record-json.h"

#define ACTION "\"type\":\"action\",\"id\":\"6f1c0000-0000-4000-8000-000000000002\""

static IbMutation *
parse_one (const char  *json,
           char       **mid,
           GError     **error)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return ib_mutation_from_json (json_node_get_object (node), mid, error);
}

static void
test_valid (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbMutation) m = parse_one ("{\"mid\":\"m1\",\"op\":\"update\"," ACTION ",\"base_rev\":3,"
                                        "\"set\":{\"status\":\"at_risk\",\"newer_field\":1},\"was\":{\"status\":\"on_track\"}}",
                                        NULL, &error);
  g_autoptr (JsonObject) wire = NULL;
  g_autoptr (IbMutation) again = NULL;
  g_autoptr (IbMutation) replay = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (m->op, ==, IB_MUTATION_UPDATE);
  g_assert_true (m->type == &ib_type_action);
  g_assert_cmpint (m->base_rev, ==, 3);
  g_assert_true (json_object_has_member (m->set, "newer_field")); /* unknown fields travel */
  g_assert_cmpuint (strlen (m->body_hash), ==, 64);

  wire = ib_mutation_to_json (m);
  again = ib_mutation_from_json (wire, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->mid, ==, "m1");
  g_assert_cmpint (again->base_rev, ==, 3);
  g_assert_cmpuint (json_object_get_size (again->set), ==, 2);

  /* The same text hashes the same; the replay store depends on it. */
  replay = parse_one ("{\"mid\":\"m1\",\"op\":\"update\"," ACTION ",\"base_rev\":3,"
                      "\"set\":{\"status\":\"at_risk\",\"newer_field\":1},\"was\":{\"status\":\"on_track\"}}",
                      NULL, &error);
  g_assert_cmpstr (replay->body_hash, ==, m->body_hash);
}

static void
test_invalid (void)
{
  const struct { const char *json; const char *expect_mid; const char *names; } cases[] = {
    { "{\"op\":\"update\"}", NULL, "mid" },
    { "{\"mid\":\"\",\"op\":\"update\"}", NULL, "mid" },
    { "{\"mid\":\"a\",\"op\":\"upsert\"}", "a", "op" },
    { "{\"mid\":\"a\",\"op\":\"update\",\"type\":\"spaceship\",\"id\":\"6f1c0000-0000-4000-8000-000000000002\"}", "a", "type" },
    { "{\"mid\":\"a\",\"op\":\"update\",\"type\":\"conflict\",\"id\":\"6f1c0000-0000-4000-8000-000000000002\"}", "a", "type" },
    { "{\"mid\":\"a\",\"op\":\"update\"," ACTION ",\"base_rev\":-1,\"set\":{\"title\":\"x\"}}", "a", "base_rev" },
    { "{\"mid\":\"a\",\"op\":\"update\"," ACTION ",\"set\":{}}", "a", "set" },
    { "{\"mid\":\"a\",\"op\":\"update\"," ACTION ",\"set\":{\"rev\":9}}", "a", "set" },
    { "{\"mid\":\"a\",\"op\":\"update\"," ACTION ",\"set\":{\"due_on\":\"soon\"}}", "a", "due_on" },
    { "{\"mid\":\"a\",\"op\":\"update\"," ACTION ",\"set\":{\"title\":null}}", "a", "title" },
    { "{\"mid\":\"a\",\"op\":\"create\"," ACTION ",\"set\":{\"title\":\"No plan\"}}", "a", "plan" },
    { "{\"mid\":\"a\",\"op\":\"update\"," ACTION ",\"class\":\"secret\",\"set\":{\"title\":\"x\"}}", "a", "class" },
    { "{\"mid\":\"a\",\"op\":\"resolve\",\"conflict_id\":\"nope\"}", "a", "conflict_id" },
    { "{\"mid\":\"a\",\"op\":\"delete\",\"type\":\"action\",\"id\":\"not-a-uuid\"}", "a", "id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *mid = NULL;
      g_autoptr (IbMutation) m = parse_one (cases[i].json, &mid, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_null (m);
      g_assert_nonnull (error);
      g_assert_cmpstr (mid, ==, cases[i].expect_mid);
      g_assert_nonnull (strstr (error->message, cases[i].names));
    }
}

static void
test_body_limits (void)
{
  g_autoptr (GString) deep = g_string_new ("{\"mutations\":");
  g_autoptr (GString) many = g_string_new ("{\"mutations\":[");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) ok = NULL, refusals = NULL;
  const char bad_utf8[] = "{\"mutations\":[{\"mid\":\"\xff\"}]}";
  const char bad_outside[] = "{\"mutations\":[{}], \xff}";

  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (ib_push_body_parse (deep->str, deep->len, &root, &refusals, &error));
  g_assert_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_MALFORMED);
  g_clear_error (&error);

  for (int i = 0; i < 101; i++)
    g_string_append_printf (many, "%s{}", i ? "," : "");
  g_string_append (many, "]}");
  g_assert_null (ib_push_body_parse (many->str, many->len, &root, &refusals, &error));
  g_assert_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Bytes that are not UTF-8 in a string refuse that mutation, naming where; outside any
   * string they refuse the body. */
  ok = ib_push_body_parse (bad_utf8, sizeof bad_utf8 - 1, &root, &refusals, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ok->len, ==, 1);
  g_assert_nonnull (strstr (refusals->pdata[0], "“mid”"));
  g_clear_pointer (&ok, g_ptr_array_unref);
  g_clear_pointer (&refusals, g_ptr_array_unref);
  g_clear_pointer (&root, json_node_unref);

  g_assert_null (ib_push_body_parse (bad_outside, sizeof bad_outside - 1, &root, &refusals, &error));
  g_assert_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_MALFORMED);
  g_clear_error (&error);

  /* Brackets inside strings are text, not nesting. */
  {
    const char *text = "{\"mutations\":[{\"mid\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}]}";

    ok = ib_push_body_parse (text, strlen (text), &root, &refusals, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpuint (ok->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/mutation/valid", test_valid);
  g_test_add_func ("/core/mutation/invalid", test_invalid);
  g_test_add_func ("/core/mutation/body-limits", test_body_limits);

  return g_test_run ();
}
