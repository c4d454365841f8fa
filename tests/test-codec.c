/* test-codec.c: the record JSON codec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ib-json-text.h"
#include "ib-mutation.h"
#include "ib-record-json.h"

/* Fills every field of a record with a valid value of its kind. */
static IbRecord *
full_record (const IbRecordType *type)
{
  IbRecord *record = ib_record_new (type);
  g_autofree char *id = g_uuid_string_random ();

  ib_record_set_id (record, id);
  ib_record_set_rev (record, 7);
  ib_record_set_updated_at (record, "2022-11-22T12:00:00Z");
  ib_record_set_updated_by (record, "Helen Marsh");

  for (guint i = 0; i < type->n_fields; i++)
    {
      const IbFieldSpec *spec = &type->fields[i];
      g_autofree char *ref = g_uuid_string_random ();
      const char *refs[] = { ref, NULL };

      switch (spec->kind)
        {
        case IB_FIELD_TEXT: ib_record_set_string (record, spec->name, "Text “with” ünïcode\nand a line"); break;
        case IB_FIELD_DATE: ib_record_set_string (record, spec->name, "2021-03-29"); break;
        case IB_FIELD_PERIOD: ib_record_set_string (record, spec->name, "2021-03"); break;
        case IB_FIELD_INT: ib_record_set_int (record, spec->name, spec->min < spec->max ? spec->max : 3); break;
        case IB_FIELD_REAL: ib_record_set_double (record, spec->name, 63.75); break;
        case IB_FIELD_BOOL: ib_record_set_bool (record, spec->name, TRUE); break;
        case IB_FIELD_ENUM: ib_record_set_string (record, spec->name, spec->enum_type->values[spec->enum_type->n_values - 1].code); break;
        case IB_FIELD_REF: ib_record_set_string (record, spec->name, ref); break;
        case IB_FIELD_REF_LIST: ib_record_set_refs (record, spec->name, refs); break;
        default: g_assert_not_reached ();
        }
    }

  return record;
}

static void
test_round_trip (void)
{
  const IbRecordType * const *types = ib_record_types ();

  for (guint t = 0; types[t] != NULL; t++)
    {
      g_autoptr (IbRecord) record = full_record (types[t]);
      g_autoptr (IbRecord) back = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *text = ib_record_to_string (record);
      g_autofree char *again = NULL;

      back = ib_record_from_string (text, &error);
      g_assert_no_error (error);
      g_assert_nonnull (back);
      g_assert_true (ib_record_get_record_type (back) == types[t]);
      g_assert_cmpint (ib_record_get_rev (back), ==, 7);
      again = ib_record_to_string (back);
      g_assert_cmpstr (text, ==, again);
    }
}

static void
test_exempt_round_trip (void)
{
  g_autoptr (IbRecord) record = full_record (&ib_type_risk);
  g_autoptr (IbRecord) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  ib_record_set_class (record, "exempt");
  ib_record_set_exempt_paragraph (record, 3);
  text = ib_record_to_string (record);
  back = ib_record_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ib_record_get_class (back), ==, "exempt");
  g_assert_cmpint (ib_record_get_exempt_paragraph (back), ==, 3);
}

static void
expect_invalid (const char *json,
                const char *field)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) record = ib_record_from_string (json, &error);

  g_assert_null (record);
  g_assert_nonnull (error);
  if (g_test_verbose ())
    g_printerr ("%s\n", error->message);
  g_assert_nonnull (strstr (error->message, field));
}

#define ID "\"id\":\"6f1c2b9e-8c1a-4a55-9a51-2c1d6a7e4b10\""

static void
test_malformed_names_field (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) record = NULL;

  record = ib_record_from_string ("{\"type\":\"action\",", &error);
  g_assert_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_MALFORMED);
  g_clear_error (&error);

  record = ib_record_from_string ("[1,2]", &error);
  g_assert_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_MALFORMED);
  g_clear_error (&error);

  record = ib_record_from_string ("{\"type\":\"spaceship\"," ID "}", &error);
  g_assert_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_UNKNOWN_TYPE);

  expect_invalid ("{" ID "}", "type");
  expect_invalid ("{\"type\":\"meeting\",\"id\":\"not-a-uuid\"}", "id");
  expect_invalid ("{\"type\":\"meeting\"," ID ",\"rev\":-1}", "rev");
  expect_invalid ("{\"type\":\"meeting\"," ID ",\"rev\":\"1\"}", "rev");
  expect_invalid ("{\"type\":\"meeting\"," ID ",\"class\":\"secret\","
                  "\"fields\":{\"kind\":\"cabinet\",\"held_on\":\"2021-03-01\",\"title\":\"x\"}}", "class");
  expect_invalid ("{\"type\":\"meeting\"," ID ",\"class\":\"exempt\","
                  "\"fields\":{\"kind\":\"cabinet\",\"held_on\":\"2021-03-01\",\"title\":\"x\"}}", "exempt_paragraph");
  expect_invalid ("{\"type\":\"meeting\"," ID ",\"updated_at\":\"yesterday\","
                  "\"fields\":{\"kind\":\"cabinet\",\"held_on\":\"2021-03-01\",\"title\":\"x\"}}", "updated_at");
  expect_invalid ("{\"type\":\"meeting\"," ID ",\"fields\":[]}", "fields");
  /* Required fields, then each kind of field with a wrong value. */
  expect_invalid ("{\"type\":\"meeting\"," ID ",\"fields\":{\"kind\":\"cabinet\",\"held_on\":\"2021-03-01\"}}", "title");
  expect_invalid ("{\"type\":\"meeting\"," ID ",\"fields\":{\"kind\":\"cabinet\",\"held_on\":\"2021-03-01\",\"title\":\"\"}}", "title");
  expect_invalid ("{\"type\":\"meeting\"," ID ",\"fields\":{\"kind\":\"party\",\"held_on\":\"2021-03-01\",\"title\":\"x\"}}", "kind");
  expect_invalid ("{\"type\":\"meeting\"," ID ",\"fields\":{\"kind\":\"cabinet\",\"held_on\":\"2021-02-30\",\"title\":\"x\"}}", "held_on");
  expect_invalid ("{\"type\":\"meeting\"," ID ",\"fields\":{\"kind\":\"cabinet\",\"held_on\":\"2021-03-01\",\"title\":5}}", "title");
  expect_invalid ("{\"type\":\"meeting\"," ID ",\"fields\":{\"kind\":\"cabinet\",\"held_on\":\"2021-03-01\",\"title\":\"x\",\"sample\":1}}", "sample");
  expect_invalid ("{\"type\":\"measurement\"," ID ",\"fields\":{\"indicator\":\"6f1c2b9e-8c1a-4a55-9a51-2c1d6a7e4b10\",\"period\":\"2021-13\"}}", "period");
  expect_invalid ("{\"type\":\"measurement\"," ID ",\"fields\":{\"indicator\":\"6f1c2b9e-8c1a-4a55-9a51-2c1d6a7e4b10\",\"period\":\"2021-03\",\"value\":\"446\"}}", "value");
  expect_invalid ("{\"type\":\"measurement\"," ID ",\"fields\":{\"indicator\":\"nope\",\"period\":\"2021-03\"}}", "indicator");
  expect_invalid ("{\"type\":\"risk_review\"," ID ",\"fields\":{\"risk\":\"6f1c2b9e-8c1a-4a55-9a51-2c1d6a7e4b10\",\"reviewed_on\":\"2021-06-04\",\"residual_l\":6,\"residual_i\":3}}", "residual_l");
  expect_invalid ("{\"type\":\"risk_review\"," ID ",\"fields\":{\"risk\":\"6f1c2b9e-8c1a-4a55-9a51-2c1d6a7e4b10\",\"reviewed_on\":\"2021-06-04\",\"residual_l\":2.5,\"residual_i\":3}}", "residual_l");
  expect_invalid ("{\"type\":\"finding\"," ID ",\"fields\":{\"inspection\":\"6f1c2b9e-8c1a-4a55-9a51-2c1d6a7e4b10\",\"kind\":\"strength\",\"text\":\"x\",\"linked_actions\":[\"x\"]}}", "linked_actions");
}

static void
test_tombstone_needs_no_fields (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) record = ib_record_from_string ("{\"type\":\"risk\"," ID ",\"rev\":7,\"deleted\":true}", &error);

  g_assert_no_error (error);
  g_assert_true (ib_record_get_deleted (record));
}

static void
test_unknown_fields_kept (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) record = ib_record_from_string (
    "{\"type\":\"meeting\"," ID ",\"fields\":{\"kind\":\"cabinet\",\"held_on\":\"2021-03-01\","
    "\"title\":\"Cabinet\",\"chair\":\"Cllr Mike White\"}}", &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = ib_record_to_string (record);
  g_assert_nonnull (strstr (text, "\"chair\":\"Cllr Mike White\""));
}

static void
test_dates (void)
{
  g_assert_true (ib_date_is_valid ("2024-02-29"));
  g_assert_false (ib_date_is_valid ("2023-02-29"));
  g_assert_false (ib_date_is_valid ("2023-2-28"));
  g_assert_false (ib_date_is_valid ("2023-02-28T00:00"));
  g_assert_false (ib_date_is_valid (NULL));
  g_assert_true (ib_period_is_valid ("2021-03"));
  g_assert_false (ib_period_is_valid ("2021-00"));
  g_assert_false (ib_period_is_valid ("21-03"));
}

/* A copy is edited by forms and views; the record it came from must not change with it. */
static void
test_copy_is_deep (void)
{
  g_autoptr (IbRecord) action = ib_record_new (&ib_type_action);
  g_autoptr (IbRecord) copy = NULL;
  g_auto (GStrv) risks = NULL;
  const char *one[] = { "11111111-1111-4111-8111-111111111111", NULL };
  const char *two[] = { "22222222-2222-4222-8222-222222222222", NULL };

  ib_record_set_string (action, "title", "Recruitment");
  ib_record_set_refs (action, "linked_risks", one);
  copy = ib_record_copy (action);
  ib_record_set_string (copy, "title", "Retention");
  ib_record_set_refs (copy, "linked_risks", two);
  ib_record_set_null (copy, "plan");

  g_assert_cmpstr (ib_record_get_string (action, "title"), ==, "Recruitment");
  risks = ib_record_get_refs (action, "linked_risks");
  g_assert_cmpstr (risks[0], ==, one[0]);
  g_assert_cmpstr (ib_record_get_string (copy, "title"), ==, "Retention");
}


/* Text that is not valid Unicode, as JSON text can carry it: escapes json-glib would turn into
 * bytes that are not UTF-8 or would cut at, and raw bytes that are not UTF-8. */
static const struct
{
  const char *json;   /* the string as written in JSON, quotes included */
  const char *why;    /* a word of the reason */
} bad_texts[] = {
  { "\"lone \\ud83d\"", "surrogate" },
  { "\"\\udc00x\"", "surrogate" },
  { "\"\\ud83d\\u0041\"", "surrogate" },
  { "\"\\ud83d\\ud83d\"", "surrogate" },
  { "\"before\\u0000after\"", "NUL" },
  { "\"overlong \xc0\xaf\"", "UTF-8" },
  { "\"encoded surrogate \xed\xa0\xbd\"", "UTF-8" },
  { "\"stray \x80 byte\"", "UTF-8" },
  { "\"cut \xe2\x82\"", "UTF-8" },
};

static void
test_text_scan (void)
{
  const char *good = "{\"a\":\"caf\\u00e9 \\ud83d\\ude00 \\\\u0000 is text\",\"b\":[\"\xc5\x82\"]}";

  /* A valid pair, an escaped backslash before "u0000", and real UTF-8 are all fine. */
  g_assert_true (ib_json_text_scan (good, strlen (good), NULL, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad_texts); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"plans\":[{\"set\":{\"title\":%s}}]}", bad_texts[i].json);
      g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ib_json_text_problem_free);
      g_autoptr (GString) clean = g_string_new (NULL);
      g_autoptr (GError) error = NULL;
      g_autofree char *where = NULL;

      g_assert_true (ib_json_text_scan (text, strlen (text), problems, clean, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 1);
      where = ib_json_text_problem_path (problems->pdata[0], 0);
      g_assert_cmpstr (where, ==, "plans.0.set.title");
      g_assert_true (g_utf8_validate (clean->str, (gssize) clean->len, NULL));
      g_assert_nonnull (strstr (clean->str, "\\ufffd"));

      /* Without a list to fill, the first fault fails the scan, naming where it is. */
      g_assert_false (ib_json_text_scan (text, strlen (text), NULL, NULL, &error));
      g_assert_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "plans.0.set.title"));
    }

  /* A member name is text too. */
  {
    const char *text = "{\"set\":{\"ti\\u0000tle\":\"x\"}}";
    g_autoptr (GError) error = NULL;

    g_assert_false (ib_json_text_scan (text, strlen (text), NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "member name"));
  }
}

/* Every text field of every record type refuses each kind of bad text, naming the field;
 * nothing is ever parsed into a record with it. */
static void
test_text_fields_refuse_bad_unicode (void)
{
  const IbRecordType * const *types = ib_record_types ();
  guint checked = 0;

  for (guint t = 0; types[t] != NULL; t++)
    for (guint f = 0; f < types[t]->n_fields; f++)
      {
        const IbFieldSpec *spec = &types[t]->fields[f];

        if (spec->kind != IB_FIELD_TEXT)
          continue;

        for (guint i = 0; i < G_N_ELEMENTS (bad_texts); i++)
          {
            g_autoptr (IbRecord) good = full_record (types[t]);
            g_autofree char *text = ib_record_to_string (good);
            g_autofree char *needle = g_strdup_printf ("\"%s\":", spec->name);
            g_autoptr (GString) bad = g_string_new (NULL);
            g_autoptr (GError) error = NULL;
            g_autoptr (IbRecord) parsed = NULL;
            const char *at = strstr (text, needle);
            const char *value_end;

            g_assert_nonnull (at);
            /* Replace the field's value (a plain string full_record wrote) with the bad one. */
            value_end = strchr (at + strlen (needle) + 1, '"');
            g_string_append_len (bad, text, at + strlen (needle) - text);
            g_string_append (bad, bad_texts[i].json);
            g_string_append (bad, value_end + 1);

            parsed = ib_record_from_string (bad->str, &error);
            g_assert_null (parsed);
            g_assert_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_INVALID);
            if (strstr (error->message, spec->name) == NULL)
              g_error ("%s.%s with %s: the refusal does not name the field: %s", types[t]->name, spec->name,
                       bad_texts[i].why, error->message);
            checked++;
          }
      }

  g_assert_cmpuint (checked, >, 100);

  /* A string that is not UTF-8 built in code, past any parser, is refused by the field rule. */
  {
    g_autoptr (JsonNode) node = json_node_new (JSON_NODE_VALUE);
    g_autofree char *why = NULL;

    json_node_set_string (node, "bad \xc0\xaf");
    why = ib_field_problem (ib_record_type_field (&ib_type_plan, "title"), node);
    g_assert_cmpstr (why, ==, "must be valid Unicode text");
  }
}

/* A push refuses only the mutation whose text is bad, naming its field; the rest are parsed. */
static void
test_push_refuses_bad_text_per_mutation (void)
{
  const char *body =
    "{\"mutations\":["
    "{\"mid\":\"m1\",\"op\":\"create\",\"type\":\"plan\",\"id\":\"6f1c0000-0000-4000-8000-000000000001\","
    "  \"set\":{\"title\":\"fine\"}},"
    "{\"mid\":\"m2\",\"op\":\"create\",\"type\":\"plan\",\"id\":\"6f1c0000-0000-4000-8000-000000000002\","
    "  \"set\":{\"title\":\"before\\u0000after\"}},"
    "{\"mid\":\"m3\",\"op\":\"update\",\"type\":\"plan\",\"id\":\"6f1c0000-0000-4000-8000-000000000001\","
    "  \"base_rev\":1,\"set\":{\"version_label\":\"v\\ud83d\"}}]}";
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) refusals = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) objects = ib_push_body_parse (body, strlen (body), &root, &refusals, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (objects->len, ==, 3);
  g_assert_null (refusals->pdata[0]);
  g_assert_nonnull (strstr (refusals->pdata[1], "set.title"));
  g_assert_nonnull (strstr (refusals->pdata[1], "NUL"));
  g_assert_nonnull (strstr (refusals->pdata[2], "set.version_label"));
  /* What json-glib was given held no NUL to cut at and no surrogate to mangle. */
  g_assert_true (g_utf8_validate (json_object_get_string_member (json_object_get_object_member (objects->pdata[1], "set"),
                                                                 "title"), -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/codec/round-trip", test_round_trip);
  g_test_add_func ("/core/codec/exempt-round-trip", test_exempt_round_trip);
  g_test_add_func ("/core/codec/malformed-names-field", test_malformed_names_field);
  g_test_add_func ("/core/codec/tombstone", test_tombstone_needs_no_fields);
  g_test_add_func ("/core/codec/unknown-fields-kept", test_unknown_fields_kept);
  g_test_add_func ("/core/codec/dates", test_dates);
  g_test_add_func ("/core/codec/copy-is-deep", test_copy_is_deep);
  g_test_add_func ("/core/codec/text-scan", test_text_scan);
  g_test_add_func ("/core/codec/text-fields-refuse-bad-unicode", test_text_fields_refuse_bad_unicode);
  g_test_add_func ("/core/codec/push-refuses-bad-text-per-mutation", test_push_refuses_bad_text_per_mutation);

  return g_test_run ();
}
