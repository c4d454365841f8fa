/* ib-report-content.c: a pack's document as the council's committee report: the cover table,
 * the numbered paragraphs, the appendices; Part 1 with a line in place of each exempt item,
 * Part 2 with the exempt items under their "not for publication" headings
 *
 * Everything counted or charted here is counted from what the part holds, so Part 1's roll-ups,
 * heat maps and charts never include an exempt item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ib-enums.h"
#include "ib-kpi.h"
#include "ib-pack-diff.h"
#include "ib-plan-item.h"
#include "ib-report-private.h"
#include "ib-risk.h"
#include "ib-text.h"

#define NUMBER_INDENT 26.0
#define BULLET_INDENT 14.0
#define CHART_HEIGHT  178.0

typedef enum
{
  APPENDIX_PLAN,
  APPENDIX_KPIS,
  APPENDIX_RISKS,
  APPENDIX_OFSTED,
  APPENDIX_SINCE,
  N_APPENDICES,
} Appendix;

static const char * const appendix_fields[N_APPENDICES] = {
  "appendix_plan", "appendix_kpis", "appendix_risks", "appendix_ofsted", "appendix_since"
};

typedef struct
{
  IbPack     *pack;
  IbPackPart  part;
  JsonObject *doc;         /* what this part shows */
  JsonObject *report;
  GPtrArray  *blocks;
  guint       paragraph;   /* numbered paragraphs so far */
  guint       numbers[N_APPENDICES];  /* each chosen appendix's number; 0 when not chosen */
} Content;

/* Reading the document */





static gboolean
flag (JsonObject *object,
      const char *name)
{
  return object != NULL && json_object_get_boolean_member_with_default (object, name, FALSE);
}

static gboolean
placeholder (JsonObject *object,
             int        *paragraph)
{
  return object != NULL && ib_pack_is_placeholder (object, paragraph);
}

static char *
esc (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

/* Blocks */

static IbBlock *
add (Content *c,
     IbBlock *block)
{
  g_ptr_array_add (c->blocks, block);
  return block;
}

static IbBlock *
heading (Content    *c,
         int         level,
         const char *text,
         const char *dest)
{
  static const char * const tags[] = { "H1", "H1", "H2", "H3" };
  static const IbFont fonts[] = { IB_FONT_H1, IB_FONT_H1, IB_FONT_H2, IB_FONT_H3 };
  IbBlock *block = add (c, _ib_block_text (tags[level], _ib_text_new_plain (fonts[level], text)));

  block->space_before = level == 1 ? 4 : level == 2 ? 12 : 8;
  block->space_after = level == 1 ? 8 : 4;
  block->keep_with_next = TRUE;
  block->outline = level <= 2 ? level : 0;
  block->dest = g_strdup (dest);
  return block;
}

static IbBlock *
paragraph (Content    *c,
           IbFont      font,
           const char *markup)
{
  IbBlock *block = add (c, _ib_block_text ("P", _ib_text_new (font, markup)));

  block->space_after = 5;
  return block;
}

static IbBlock *
plain (Content    *c,
       const char *text)
{
  g_autofree char *markup = esc (text);

  return paragraph (c, IB_FONT_BODY, markup);
}

static IbBlock *
note (Content    *c,
      const char *markup)
{
  IbBlock *block = paragraph (c, IB_FONT_BODY, markup);

  block->boxed = TRUE;
  block->space_before = 4;
  block->space_after = 8;
  return block;
}

static IbBlock *
bullet (Content    *c,
        const char *markup)
{
  IbBlock *block = add (c, _ib_block_text ("LI", _ib_text_new (IB_FONT_BODY, markup)));

  block->label = _ib_text_new (IB_FONT_BODY, "•");
  block->indent = BULLET_INDENT;
  block->space_after = 3;
  return block;
}

static char *
placeholder_markup (int paragraph)
{
  g_autofree char *line = ib_pack_placeholder_text (paragraph);
  g_autofree char *escaped = esc (line);

  return g_strdup_printf ("<i>%s</i>", escaped);
}

static void
placeholder_line (Content *c,
                  int      paragraph)
{
  g_autofree char *markup = placeholder_markup (paragraph);

  note (c, markup);
}

/* Numbered paragraphs: a blank line starts a new one, as the council's template numbers them
 * through the whole report. */
static void
numbered (Content    *c,
          const char *text)
{
  g_auto (GStrv) parts = g_regex_split_simple ("\\n\\s*\\n", text, 0, 0);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (parts[i]));
      g_autofree char *markup = NULL;
      g_autofree char *label = NULL;
      IbBlock *block;

      if (*trimmed == '\0')
        continue;

      markup = esc (trimmed);
      label = g_strdup_printf ("%u.", ++c->paragraph);
      block = paragraph (c, IB_FONT_BODY, markup);
      block->label = _ib_text_new (IB_FONT_BODY, label);
      block->indent = NUMBER_INDENT;
      block->space_after = 6;
    }
}

static IbText *
cell (const char *markup)
{
  return _ib_text_new (IB_FONT_SMALL, markup);
}

static IbText *
cell_plain (const char *text)
{
  return _ib_text_new_plain (IB_FONT_SMALL, text);
}

static IbText *
marked (IbMark               mark,
        const IbReportColor *color,
        const char          *word)
{
  IbText *text = cell_plain (word);

  if (mark != IB_MARK_NONE)
    _ib_text_set_mark (text, mark, color);
  return text;
}

static void
span_row (IbBlock    *table,
          const char *markup,
          gboolean    is_placeholder)
{
  IbText *text = cell (markup);
  IbRow *row = _ib_block_table_row (table, &text, 1);

  row->placeholder = is_placeholder;
}

static void
placeholder_row (IbBlock *table,
                 int      paragraph)
{
  g_autofree char *markup = placeholder_markup (paragraph);

  span_row (table, markup, TRUE);
}

/* Adds @row's row for each item of @items; a run of placeholders of one paragraph is one line. */
static void
item_rows (IbBlock    *table,
           JsonArray  *items,
           void      (*row) (IbBlock *table, JsonObject *item))
{
  int pending = 0;

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      int paragraph = 0;

      if (placeholder (item, &paragraph))
        {
          if (paragraph != pending)
            placeholder_row (table, paragraph);
          pending = paragraph;
          continue;
        }
      pending = 0;
      row (table, item);
    }
}

/* Words with shapes */

static IbText *
rag_cell (const char *rag,
          gboolean    complete)
{
  if (complete)
    return marked (IB_MARK_TICK, &ib_report_blue, C_("action status", "Complete"));
  if (g_strcmp0 (rag, "red") == 0)
    return marked (IB_MARK_OCTAGON, &ib_report_red, ib_enum_label (&ib_enum_rag, rag));
  if (g_strcmp0 (rag, "amber") == 0)
    return marked (IB_MARK_TRIANGLE, &ib_report_amber, ib_enum_label (&ib_enum_rag, rag));
  if (g_strcmp0 (rag, "green") == 0)
    return marked (IB_MARK_CIRCLE, &ib_report_green, ib_enum_label (&ib_enum_rag, rag));
  return marked (IB_MARK_RING, &ib_report_grey, C_("rag", "Not rated"));
}

static IbText *
grade_cell (const char *grade)
{
  const char *label = ib_enum_label (&ib_enum_grade, grade);

  if (g_strcmp0 (grade, "outstanding") == 0)
    return marked (IB_MARK_STAR, &ib_report_blue, label);
  if (g_strcmp0 (grade, "good") == 0)
    return marked (IB_MARK_CIRCLE, &ib_report_green, label);
  if (g_strcmp0 (grade, "requires_improvement") == 0)
    return marked (IB_MARK_TRIANGLE, &ib_report_amber, label);
  if (g_strcmp0 (grade, "inadequate") == 0)
    return marked (IB_MARK_OCTAGON, &ib_report_red, label);
  return cell_plain (label);
}

static IbText *
target_cell (IbTargetStatus status)
{
  const char *label = ib_target_status_label (status);

  switch (status)
    {
    case IB_TARGET_ON: return marked (IB_MARK_CIRCLE, &ib_report_green, label);
    case IB_TARGET_WITHIN_TOLERANCE: return marked (IB_MARK_TRIANGLE, &ib_report_amber, label);
    case IB_TARGET_OFF: return marked (IB_MARK_OCTAGON, &ib_report_red, label);
    case IB_TARGET_NONE:
    default: return cell_plain (label);
    }
}

static IbText *
score_cell (JsonObject *risk,
            const char *l_name,
            const char *i_name)
{
  int l = (int) ib_pack_member_number (risk, l_name), i = (int) ib_pack_member_number (risk, i_name);
  int score = ib_risk_score (l, i);
  IbRiskBand band = ib_risk_band (score);
  g_autofree char *text = NULL;

  if (score == 0)
    return cell_plain ("—");

  /* Translators: likelihood × impact = score, then its band: "4 × 5 = 20 High" */
  text = g_strdup_printf (C_("risk score", "%d × %d = %d %s"), l, i, score, ib_risk_band_label (band));
  return marked (band == IB_RISK_BAND_HIGH ? IB_MARK_OCTAGON : band == IB_RISK_BAND_MEDIUM ? IB_MARK_TRIANGLE : IB_MARK_CIRCLE,
                 band == IB_RISK_BAND_HIGH ? &ib_report_red : band == IB_RISK_BAND_MEDIUM ? &ib_report_amber : &ib_report_green,
                 text);
}

/* The cover */

static const char *
appendix_title (Appendix appendix)
{
  switch (appendix)
    {
    case APPENDIX_PLAN: return _("Action plan and the latest position statements");
    case APPENDIX_KPIS: return _("Key performance indicators");
    case APPENDIX_RISKS: return _("Risk register");
    case APPENDIX_OFSTED: return _("Ofsted judgements and findings, and the actions that answer them");
    case APPENDIX_SINCE: return _("Since the last board");
    case N_APPENDICES:
    default: return "";
    }
}

static char *
appendix_heading (Content  *c,
                  Appendix  appendix)
{
  /* Translators: an appendix's number and title: "Appendix 2: Risk register" */
  return g_strdup_printf (_("Appendix %u: %s"), c->numbers[appendix], appendix_title (appendix));
}

/* Starts @appendix on a new page under its numbered heading, which its links point at. */
static void
open_appendix (Content  *c,
               Appendix  appendix)
{
  g_autofree char *title = appendix_heading (c, appendix);
  g_autofree char *dest = g_strdup_printf ("appendix-%u", c->numbers[appendix]);

  add (c, _ib_block_break ());
  heading (c, 1, title, dest);
}

static char *
paragraph_list (JsonObject *document,
                guint      *n)
{
  g_autoptr (GString) list = g_string_new (NULL);
  gboolean seen[8] = { FALSE };

  /* The paragraphs of every placeholder in the part shown. */
  {
    g_autoptr (GPtrArray) stack = g_ptr_array_new ();

    g_ptr_array_add (stack, json_node_init_object (json_node_alloc (), document));
    while (stack->len > 0)
      {
        JsonNode *node = g_ptr_array_steal_index (stack, stack->len - 1);
        int p = 0;

        if (JSON_NODE_HOLDS_OBJECT (node))
          {
            JsonObject *object = json_node_get_object (node);
            g_autoptr (GList) members = json_object_get_members (object);

            if (placeholder (object, &p) && p >= 1 && p <= 7)
              seen[p] = TRUE;
            for (GList *l = members; l != NULL; l = l->next)
              g_ptr_array_add (stack, json_node_ref (json_object_get_member (object, l->data)));
          }
        else if (JSON_NODE_HOLDS_ARRAY (node))
          {
            JsonArray *array = json_node_get_array (node);

            for (guint i = 0; i < json_array_get_length (array); i++)
              g_ptr_array_add (stack, json_node_ref (json_array_get_element (array, i)));
          }
        json_node_unref (node);
      }
  }

  for (int p = 1; p <= 7; p++)
    if (seen[p])
      {
        g_string_append_printf (list, list->len > 0 ? ", %d" : "%d", p);
        (*n)++;
      }

  return list->len > 0 ? g_strdup (list->str) : NULL;
}

/* Returns TRUE when @node, or anything in it, is marked as sample data. */
static gboolean
holds_sample (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) members = NULL;

      if (flag (object, "sample"))
        return TRUE;
      members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        if (holds_sample (json_object_get_member (object, l->data)))
          return TRUE;
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (holds_sample (json_array_get_element (array, i)))
          return TRUE;
    }
  return FALSE;
}

static char *
status_text (Content *c)
{
  int paragraph = (int) json_object_get_int_member_with_default (c->report, "exempt_paragraph", 0);

  if (g_strcmp0 (ib_pack_member_string (c->report, "class"), "exempt") == 0)
    /* Translators: a report's Status on its cover; %d is a paragraph of Schedule 12A */
    return g_strdup_printf (_("Exempt report: not for publication by virtue of paragraph %d of Part 1 of Schedule 12A of the Local Government Act 1972"),
                            paragraph);

  if (c->part == IB_PACK_PART_EXEMPT)
    return g_strdup (_("Public report; this is its Part 2, which is not for publication"));

  {
    guint n = 0;
    g_autofree char *paragraphs = paragraph_list (c->doc, &n);

    if (paragraphs != NULL)
      /* Translators: %s lists paragraphs of Schedule 12A, e.g. "3" or "1, 3" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Public report, with exempt information in Part 2 (Schedule 12A, paragraph %s)",
                                           "Public report, with exempt information in Part 2 (Schedule 12A, paragraphs %s)", n),
                              paragraphs);
  }

  return g_strdup (_("Public report"));
}

static void
cover_row (IbBlock    *table,
           const char *label,
           const char *value)
{
  g_autofree char *bold = NULL;
  g_autofree char *escaped = esc (label);
  IbText *cells[2];

  bold = g_strdup_printf ("<b>%s</b>", escaped);
  cells[0] = _ib_text_new (IB_FONT_BODY, bold);
  cells[1] = _ib_text_new_plain (IB_FONT_BODY, value != NULL ? value : "");
  _ib_block_table_row (table, cells, 2);
}

static void
add_cover (Content *c)
{
  JsonObject *meeting = ib_pack_member_object (c->doc, "meeting");
  g_autofree char *date = ib_text_date (ib_pack_member_string (meeting, "held_on"));
  g_autofree char *status = status_text (c);
  IbBlock *title, *table;
  const double widths[] = { 0.27, 0.73 };
  int version = (int) json_object_get_int_member_with_default (c->report, "version", 1);

  title = heading (c, 1, ib_pack_member_string (meeting, "title") != NULL ? ib_pack_member_string (meeting, "title") : "", NULL);
  title->text->font = IB_FONT_TITLE;
  title->space_after = 10;

  if (c->part == IB_PACK_PART_EXEMPT)
    {
      int paragraph = (int) json_object_get_int_member_with_default (c->report, "exempt_paragraph", 0);
      g_autofree char *line = NULL;
      g_autofree char *markup = NULL;

      if (paragraph > 0)
        /* Translators: as councils print it on exempt papers; %d is the paragraph */
        line = g_strdup_printf (_("Not for publication by virtue of paragraph %d of Part 1 of Schedule 12A of the Local Government Act 1972"),
                                paragraph);
      else
        line = g_strdup (_("Part 2: not for publication. Each section below gives the paragraph of Part 1 of Schedule 12A of the Local Government Act 1972 by virtue of which it is exempt."));
      markup = g_markup_printf_escaped ("<b>%s</b>", line);
      note (c, markup);
    }

  table = add (c, _ib_block_table (2, widths));
  table->space_before = 4;
  cover_row (table, _("Report subject"), ib_pack_member_string (c->report, "subject"));
  cover_row (table, _("Meeting date"), date);
  cover_row (table, _("Status"), status);
  if (c->part == IB_PACK_PART_PUBLIC || g_strcmp0 (ib_pack_member_string (c->report, "class"), "exempt") == 0)
    {
      cover_row (table, _("Executive summary"), ib_pack_member_string (c->report, "executive_summary"));
      cover_row (table, _("Recommendations"), ib_pack_member_string (c->report, "recommendations"));
      cover_row (table, _("Reason for recommendations"), ib_pack_member_string (c->report, "reason"));
      cover_row (table, _("Portfolio Holder(s)"), ib_pack_member_string (c->report, "portfolio_holders"));
      cover_row (table, _("Corporate Director"), ib_pack_member_string (c->report, "corporate_director"));
      cover_row (table, _("Report Authors"), ib_pack_member_string (c->report, "authors"));
      cover_row (table, _("Wards"), ib_pack_member_string (c->report, "wards"));
      cover_row (table, _("Classification"), ib_pack_member_string (c->report, "classification"));
    }

  if (ib_pack_is_draft (c->pack))
    {
      g_autofree char *as_at = ib_text_date (ib_pack_member_string (c->doc, "as_at"));
      g_autofree char *line = g_strdup_printf (_("Draft: drawn on %s from the data as they stand. It is not a pack the board received, and it will change."),
                                               as_at);
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", line);

      note (c, markup);
    }
  else
    {
      g_autofree char *issued = ib_text_date (ib_pack_member_string (c->report, "issued_on"));
      g_autofree char *as_at = ib_text_date (ib_pack_member_string (c->doc, "as_at"));
      g_autofree char *line = NULL;
      JsonObject *supersedes = ib_pack_member_object (c->report, "supersedes");

      if (supersedes != NULL)
        {
          g_autofree char *earlier = ib_text_date (ib_pack_member_string (supersedes, "issued_on"));

          /* Translators: version, issue date, data date, then the version it corrects and its issue date */
          line = g_strdup_printf (_("Version %d, issued on %s with the data as they stood on %s. It corrects and replaces version %d, issued on %s."),
                                  version, issued, as_at,
                                  (int) json_object_get_int_member_with_default (supersedes, "version", 1), earlier);
        }
      else
        /* Translators: version, issue date, then the date of the data */
        line = g_strdup_printf (_("Version %d, issued on %s with the data as they stood on %s."), version, issued, as_at);
      {
        g_autofree char *markup = esc (line);

        note (c, markup);
      }
    }
}

static void
add_sample_note (Content *c)
{
  g_autoptr (JsonNode) root = json_node_init_object (json_node_alloc (), c->doc);

  if (holds_sample (root))
    {
      g_autofree char *markup = esc (_("Sample data: parts of this pack were invented for the demo plan. They are not a council’s own words or figures."));

      note (c, markup);
    }
}

/* "Since the last board" */

static void
since_intro (Content    *c,
             JsonObject *since)
{
  JsonObject *previous = ib_pack_member_object (since, "previous");
  g_autofree char *line = NULL;

  if (previous == NULL)
    {
      plain (c, _("There is no earlier issued pack of this kind and scope to compare with: what follows is what is red now."));
      return;
    }

  {
    g_autofree char *held = ib_text_date (ib_pack_member_string (previous, "held_on"));
    g_autofree char *issued = ib_text_date (ib_pack_member_string (previous, "issued_on"));

    /* Translators: a pack's subject, its version, its meeting's title and date, then its issue date */
    line = g_strdup_printf (_("Compared with “%s” (version %d) for %s on %s, issued on %s."),
                            ib_pack_member_string (previous, "subject") != NULL ? ib_pack_member_string (previous, "subject") : "",
                            (int) json_object_get_int_member_with_default (previous, "version", 1),
                            ib_pack_member_string (previous, "meeting_title") != NULL ? ib_pack_member_string (previous, "meeting_title") : "",
                            held, issued);
    plain (c, line);
  }
}

/* Lists @changes one bullet each, a run of placeholders of one paragraph as one line. Returns
 * how many lines it wrote. */
static guint
change_list (Content   *c,
             JsonArray *changes)
{
  guint written = 0;
  int pending = 0;

  for (guint i = 0; changes != NULL && i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      g_autofree char *markup = NULL;
      int paragraph = 0;

      if (placeholder (change, &paragraph))
        {
          if (paragraph == pending)
            continue;
          markup = placeholder_markup (paragraph);
          pending = paragraph;
        }
      else
        {
          g_autofree char *sentence = ib_pack_describe_change (change);

          markup = esc (sentence);
          pending = 0;
        }
      bullet (c, markup);
      written++;
    }

  return written;
}

static void
add_exceptions (Content *c)
{
  JsonObject *since = ib_pack_member_object (c->doc, "since");

  JsonArray *actions = ib_pack_member_array (c->doc, "actions");
  gboolean listed = FALSE;

  heading (c, 2, _("Exceptions since the last board"), NULL);
  since_intro (c, since);
  if (change_list (c, ib_pack_member_array (since, "exceptions")) == 0)
    plain (c, _("Nothing got worse, and nothing is red."));

  /* Green outside, red inside: delivered on paper while the figures say otherwise. An Exempt
   * action is a placeholder in Part 1, so it is not named here either. */
  for (guint i = 0; actions != NULL && i < json_array_get_length (actions); i++)
    {
      JsonObject *action = json_array_get_object_element (actions, i);
      g_autofree char *line = NULL;
      g_autofree char *markup = NULL;

      if (placeholder (action, NULL) || !flag (action, "not_improving"))
        continue;
      if (!listed)
        heading (c, 2, C_("evidence", "Delivered, not improving"), NULL);
      listed = TRUE;
      line = g_strdup_printf ("%s %s", ib_pack_member_string (action, "ref") != NULL ? ib_pack_member_string (action, "ref") : "",
                              ib_pack_member_string (action, "title") != NULL ? ib_pack_member_string (action, "title") : "");
      markup = esc (line);
      bullet (c, markup);
    }
}

static void
add_since (Content *c)
{
  JsonObject *since = ib_pack_member_object (c->doc, "since");

  open_appendix (c, APPENDIX_SINCE);
  since_intro (c, since);

  heading (c, 2, _("What got worse, and what is red"), NULL);
  if (change_list (c, ib_pack_member_array (since, "exceptions")) == 0)
    plain (c, C_("changes", "None."));
  heading (c, 2, _("What got better"), NULL);
  if (change_list (c, ib_pack_member_array (since, "better")) == 0)
    plain (c, C_("changes", "None."));
  heading (c, 2, _("Other changes"), NULL);
  if (change_list (c, ib_pack_member_array (since, "other")) == 0)
    plain (c, C_("changes", "None."));
}

/* The body */

static void
add_body (Content *c)
{
  static const struct { const char *field; const char *title; } sections[] = {
    { "background", N_("Background") },
    { "financial_implications", N_("Summary of financial implications") },
    { "legal_implications", N_("Summary of legal implications") },
    { "human_resources_implications", N_("Summary of human resources implications") },
    { "sustainability_implications", N_("Summary of sustainability impact") },
    { "public_health_implications", N_("Summary of public health implications") },
    { "equality_implications", N_("Summary of equality implications") },
    { "risk_assessment", N_("Summary of risk assessment") },
    { "background_papers", N_("Background papers") },
  };
  guint n_appendices = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      const char *text = ib_pack_member_string (c->report, sections[i].field);

      if (text == NULL || *text == '\0')
        continue;
      heading (c, 2, _(sections[i].title), NULL);
      numbered (c, text);
    }

  heading (c, 2, _("Appendices"), NULL);
  for (int a = 0; a < N_APPENDICES; a++)
    if (c->numbers[a] > 0)
      {
        g_autofree char *title = appendix_heading (c, a);
        g_autofree char *markup = esc (title);
        IbBlock *block = bullet (c, markup);

        block->link = g_strdup_printf ("dest='appendix-%u'", c->numbers[a]);
        n_appendices++;
      }
  if (n_appendices == 0)
    plain (c, _("There are no appendices to this report."));
}

/* Adds a table of @n columns of @widths whose header row, repeated on every page it continues
 * on, names them. */
static IbBlock *
header_table (Content            *c,
              guint               n,
              const double       *widths,
              const char * const *names)
{
  IbBlock *table = add (c, _ib_block_table (n, widths));

  _ib_block_table_header (table, names);
  return table;
}

/* Appendix: the action plan */

static char *
action_markup (JsonObject *action,
               JsonObject *within)
{
  g_autoptr (GString) s = g_string_new (NULL);
  g_autofree char *title = esc (ib_pack_member_string (action, "title") != NULL ? ib_pack_member_string (action, "title") : ib_pack_member_string (within, "title"));
  const char *status = ib_pack_member_string (action, "status");

  g_string_append_printf (s, "<b>%s</b>", title);
  if (ib_pack_member_string (action, "officer") != NULL)
    {
      g_autofree char *officer = esc (ib_pack_member_string (action, "officer"));

      g_string_append_printf (s, "\n%s", officer);
    }
  if (ib_pack_member_string (action, "due_on") != NULL)
    {
      g_autofree char *due = ib_text_date (ib_pack_member_string (action, "due_on"));
      /* Translators: an action's due date */
      g_autofree char *line = g_strdup_printf (_("Due %s"), due);
      g_autofree char *escaped = esc (line);

      g_string_append_printf (s, "\n%s", escaped);
    }
  if (status != NULL && !flag (action, "complete"))
    {
      g_autofree char *escaped = esc (ib_enum_label (&ib_enum_action_status, status));

      g_string_append_printf (s, " · %s", escaped);
    }
  if (g_strcmp0 (ib_pack_member_string (action, "horizon"), "rolled_forward") == 0)
    {
      g_autofree char *escaped = esc (ib_enum_label (&ib_enum_horizon, "rolled_forward"));

      g_string_append_printf (s, "\n<i>%s</i>", escaped);
    }
  if (flag (action, "overdue"))
    {
      g_autofree char *escaped = esc (_("Overdue"));

      g_string_append_printf (s, "\n<b>⚠ %s</b>", escaped);
    }
  if (flag (action, "statement_due"))
    {
      g_autofree char *escaped = esc (_("Position statement due"));

      g_string_append_printf (s, "\n<b>%s</b>", escaped);
    }
  /* A shape as well as the words, as the app's badge has: it prints in greyscale. */
  if (flag (action, "not_improving"))
    {
      g_autofree char *escaped = esc (C_("evidence", "Delivered, not improving"));

      g_string_append_printf (s, "\n<b>◐ %s</b>", escaped);
    }

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
statement_markup (JsonObject *statement)
{
  g_autoptr (GString) s = g_string_new (NULL);
  int paragraph = 0;

  if (statement == NULL)
    return esc (_("No position statement yet."));
  if (placeholder (statement, &paragraph))
    return placeholder_markup (paragraph);

  {
    g_autofree char *date = ib_text_date (ib_pack_member_string (statement, "as_at"));
    /* Translators: the date a position statement speaks for */
    g_autofree char *line = g_strdup_printf (_("As at %s"), date);
    g_autofree char *escaped = esc (line);

    g_string_append_printf (s, "<b>%s</b>", escaped);
  }
  if (ib_pack_member_string (statement, "author") != NULL)
    {
      g_autofree char *author = esc (ib_pack_member_string (statement, "author"));

      g_string_append_printf (s, " · %s", author);
    }
  if (ib_pack_member_string (statement, "narrative") != NULL)
    {
      g_autofree char *narrative = esc (ib_pack_member_string (statement, "narrative"));

      g_string_append_printf (s, "\n%s", narrative);
    }
  if (ib_pack_member_string (statement, "next_steps") != NULL)
    {
      g_autofree char *next = esc (ib_pack_member_string (statement, "next_steps"));
      g_autofree char *label = esc (_("Next steps:"));

      g_string_append_printf (s, "\n<i>%s</i> %s", label, next);
    }

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static IbBlock *
action_table (Content *c)
{
  const double widths[] = { 0.06, 0.27, 0.12, 0.12, 0.43 };
  const char *names[] = {
    C_("column", "Ref"), C_("column", "Action"), C_("column", "Delivery"), C_("column", "Impact"),
    C_("column", "Latest position statement"),
  };

  return header_table (c, G_N_ELEMENTS (widths), widths, names);
}

/* Adds @action's row; @within names the action when @action holds only its statement. */
static void
action_row (IbBlock    *table,
            JsonObject *action,
            JsonObject *statement,
            JsonObject *within)
{
  IbText *cells[5];
  g_autofree char *what = action_markup (action, within);
  g_autofree char *said = statement_markup (statement);
  JsonObject *named = action != NULL ? action : within;

  cells[0] = cell_plain (ib_pack_member_string (named, "ref"));
  cells[1] = cell (what);
  cells[2] = rag_cell (action != NULL ? ib_pack_action_rag (action) : ib_pack_member_string (statement, "delivery_rag"),
                       flag (action, "complete"));
  cells[3] = rag_cell (action != NULL ? ib_pack_member_string (action, "impact_rag") != NULL ? ib_pack_member_string (action, "impact_rag")
                                                                          : ib_pack_member_string (statement, "impact_rag")
                                      : ib_pack_member_string (statement, "impact_rag"),
                       flag (action, "complete"));
  cells[4] = cell (said);
  _ib_block_table_row (table, cells, 5);
}

static void
count_action (IbRagCounts *counts,
              JsonObject  *action)
{
  ib_rag_counts_add (counts, flag (action, "complete") ? "complete" : NULL, ib_pack_action_rag (action));
}

/* Placeholders are grouped with the area of the public action before them, so an exempt
 * action keeps its place without its area being named. */
static void
mark_placeholder_areas (JsonArray  *actions,
                        GHashTable *areas)
{
  const char *last = NULL;

  for (guint i = 0; actions != NULL && i < json_array_get_length (actions); i++)
    {
      JsonObject *action = json_array_get_object_element (actions, i);

      if (placeholder (action, NULL))
        g_hash_table_insert (areas, action, (gpointer) last);
      else
        last = ib_pack_member_string (action, "priority");
    }
}

static void
add_plan (Content *c)
{
  JsonObject *plan = ib_pack_member_object (c->doc, "plan");
  JsonArray *actions = ib_pack_member_array (c->doc, "actions");
  JsonArray *priorities = ib_pack_member_array (c->doc, "priorities");
  g_autoptr (GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) areas = g_hash_table_new (NULL, NULL);
  g_autofree char *as_at = ib_text_date (ib_pack_member_string (c->doc, "as_at"));
  IbRagCounts total = { 0 };
  IbBlock *table, *rollup;
  g_autoptr (GPtrArray) due = g_ptr_array_new_with_free_func (g_free);

  open_appendix (c, APPENDIX_PLAN);

  if (placeholder (plan, NULL))
    {
      int paragraph = 0;

      placeholder (plan, &paragraph);
      placeholder_line (c, paragraph);
      return;
    }
  if (plan == NULL)
    {
      plain (c, _("No plan was in force."));
      return;
    }

  {
    g_autofree char *name = ib_pack_member_string (plan, "version_label") != NULL
      ? g_strdup_printf ("%s (%s)", ib_pack_member_string (plan, "title"), ib_pack_member_string (plan, "version_label"))
      : g_strdup (ib_pack_member_string (plan, "title"));
    /* Translators: a plan's title, then a date */
    g_autofree char *line = g_strdup_printf (_("%s, as at %s."), name, as_at);

    plain (c, line);
  }
  if (g_strcmp0 (ib_pack_member_string (c->report, "scope"), "officer") == 0)
    {
      /* Translators: %s is an accountable officer */
      g_autofree char *line = g_strdup_printf (_("The actions for which %s is accountable."), ib_pack_member_string (c->report, "scope_officer"));

      plain (c, line);
    }
  else if (g_strcmp0 (ib_pack_member_string (c->report, "scope"), "priority") == 0 && ib_pack_member_object (c->report, "scope_priority") != NULL)
    {
      JsonObject *p = ib_pack_member_object (c->report, "scope_priority");
      /* Translators: a priority area's code and title */
      g_autofree char *line = g_strdup_printf (_("The actions of priority area %s, “%s”."), ib_pack_member_string (p, "code"), ib_pack_member_string (p, "title"));

      plain (c, line);
    }

  rollup = plain (c, "");
  mark_placeholder_areas (actions, areas);
  table = action_table (c);

  for (guint p = 0; priorities != NULL && p < json_array_get_length (priorities); p++)
    {
      JsonObject *priority = json_array_get_object_element (priorities, p);
      IbRagCounts counts = { 0 };
      g_autofree char *counted = NULL;
      g_autofree char *line = NULL;
      g_autofree char *markup = NULL;
      IbRow *group;
      guint before;
      int paragraph = 0;

      if (placeholder (priority, &paragraph))
        continue;
      g_hash_table_add (listed, (gpointer) ib_pack_member_string (priority, "key"));

      /* The heading goes first; its roll-up is filled in once its rows are counted. */
      span_row (table, "", FALSE);
      group = table->rows->pdata[table->rows->len - 1];
      before = table->rows->len;

      for (guint i = 0; actions != NULL && i < json_array_get_length (actions); i++)
        {
          JsonObject *action = json_array_get_object_element (actions, i);

          if (placeholder (action, &paragraph))
            {
              if (g_strcmp0 (g_hash_table_lookup (areas, action), ib_pack_member_string (priority, "key")) == 0)
                {
                  IbRow *last = table->rows->len > before ? table->rows->pdata[table->rows->len - 1] : NULL;
                  g_autofree char *said = placeholder_markup (paragraph);

                  /* A run of placeholders of one paragraph is one line. */
                  if (last == NULL || !last->placeholder ||
                      g_strcmp0 (((IbText *) last->cells->pdata[0])->markup, said) != 0)
                    placeholder_row (table, paragraph);
                }
              continue;
            }
          if (g_strcmp0 (ib_pack_member_string (action, "priority"), ib_pack_member_string (priority, "key")) != 0)
            continue;
          count_action (&counts, action);
          count_action (&total, action);
          action_row (table, action, ib_pack_member_object (action, "statement"), NULL);
          if (flag (action, "statement_due"))
            g_ptr_array_add (due, g_strdup_printf ("%s %s", ib_pack_member_string (action, "ref"), ib_pack_member_string (action, "title")));
        }

      /* A scoped pack lists only the areas its actions are in. */
      if (table->rows->len == before && g_strcmp0 (ib_pack_member_string (c->report, "scope"), "programme") != 0)
        {
          g_ptr_array_remove_index (table->rows, before - 1);
          continue;
        }

      counted = ib_rag_counts_format (&counts);
      line = g_strdup_printf ("%s %s (%s)", ib_pack_member_string (priority, "code") != NULL ? ib_pack_member_string (priority, "code") : "",
                              ib_pack_member_string (priority, "title") != NULL ? ib_pack_member_string (priority, "title") : "", counted);
      markup = g_markup_printf_escaped ("<b>%s</b>", g_strstrip (line));
      g_free (((IbText *) group->cells->pdata[0])->markup);
      ((IbText *) group->cells->pdata[0])->markup = g_steal_pointer (&markup);
    }

  /* Actions of no listed area, and placeholders before the first public action. */
  {
    guint before = table->rows->len;
    IbRow *group;
    IbRagCounts counts = { 0 };

    span_row (table, "", FALSE);
    group = table->rows->pdata[table->rows->len - 1];
    for (guint i = 0; actions != NULL && i < json_array_get_length (actions); i++)
      {
        JsonObject *action = json_array_get_object_element (actions, i);
        int paragraph = 0;

        if (placeholder (action, &paragraph))
          {
            const char *area = g_hash_table_lookup (areas, action);

            if (area == NULL || !g_hash_table_contains (listed, area))
              placeholder_row (table, paragraph);
            continue;
          }
        if (ib_pack_member_string (action, "priority") != NULL && g_hash_table_contains (listed, ib_pack_member_string (action, "priority")))
          continue;
        count_action (&counts, action);
        count_action (&total, action);
        action_row (table, action, ib_pack_member_object (action, "statement"), NULL);
        if (flag (action, "statement_due"))
          g_ptr_array_add (due, g_strdup_printf ("%s %s", ib_pack_member_string (action, "ref"), ib_pack_member_string (action, "title")));
      }

    if (table->rows->len == before + 1)
      g_ptr_array_remove_index (table->rows, before);
    else
      {
        g_autofree char *counted = ib_rag_counts_format (&counts);
        g_autofree char *line = g_strdup_printf (_("Actions in no priority area (%s)"), counted);

        g_free (((IbText *) group->cells->pdata[0])->markup);
        ((IbText *) group->cells->pdata[0])->markup = g_markup_printf_escaped ("<b>%s</b>", line);
      }
  }

  if (table->rows->len == 0)
    {
      g_ptr_array_remove (c->blocks, table);
      plain (c, _("The plan has no actions."));
    }

  {
    g_autofree char *counted = ib_rag_counts_format (&total);
    /* Translators: %s is a roll-up such as "11 G / 3 A / 1 R / 2 complete" */
    g_autofree char *line = g_strdup_printf (_("Delivery across these actions: %s."), counted);

    g_free (rollup->text->markup);
    rollup->text->markup = esc (line);
  }

  if (due->len > 0 && g_strcmp0 (ib_pack_member_string (c->report, "scope"), "officer") == 0)
    {
      heading (c, 2, _("Position statements due"), NULL);
      for (guint i = 0; i < due->len; i++)
        {
          g_autofree char *markup = esc (due->pdata[i]);

          bullet (c, markup);
        }
    }
}

/* Appendix: KPIs */

typedef struct
{
  IbLineChart chart[2];
  GStrv       months[2];
  double     *series[2][IB_LINE_N_SERIES];
  char       *titles[2];
  char       *suffix[2];
  guint       n;
} ChartPair;

static void
chart_pair_free (gpointer data)
{
  ChartPair *pair = data;

  for (guint k = 0; k < 2; k++)
    {
      g_strfreev (pair->months[k]);
      for (guint s = 0; s < IB_LINE_N_SERIES; s++)
        g_free (pair->series[k][s]);
      g_free (pair->titles[k]);
      g_free (pair->suffix[k]);
    }
  g_free (pair);
}

static void
draw_chart_pair (cairo_t      *cr,
                 PangoContext *context,
                 gpointer      data,
                 double        x,
                 double        y,
                 double        width,
                 double        height)
{
  ChartPair *pair = data;
  IbLineChartColors colors;
  double w = (width - 12) / 2;

  ib_report_line_chart_colors (&colors);
  for (guint k = 0; k < pair->n; k++)
    {
      ib_report_draw_line_chart (cr, context, &pair->chart[k], &colors, x + k * (w + 12), y, w, height);
      cairo_set_source_rgb (cr, 0.8, 0.8, 0.82);
      cairo_set_line_width (cr, 0.5);
      cairo_rectangle (cr, x + k * (w + 12), y, w, height);
      cairo_stroke (cr);
    }
}

/* Fills chart @k of @pair from @indicator's points: a placeholder is a gap, never a value. */
static void
fill_chart (ChartPair  *pair,
            guint       k,
            JsonObject *indicator)
{
  static const char * const names[IB_LINE_N_SERIES] = { "value", "england", "stat_neighbours", "region" };
  JsonArray *points = ib_pack_member_array (indicator, "points");
  guint n = points != NULL ? json_array_get_length (points) : 0;
  IbLineChart *chart = &pair->chart[k];

  pair->months[k] = g_new0 (char *, n + 1);
  for (guint s = 0; s < IB_LINE_N_SERIES; s++)
    {
      gboolean any = FALSE;

      pair->series[k][s] = g_new (double, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        {
          JsonObject *point = json_array_get_object_element (points, i);

          pair->series[k][s][i] = placeholder (point, NULL) ? NAN : ib_pack_member_number (point, names[s]);
          any |= !isnan (pair->series[k][s][i]);
        }
      chart->series[s] = any ? pair->series[k][s] : NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonObject *point = json_array_get_object_element (points, i);

      /* An exempt month keeps its place on the axis, with nothing drawn. */
      pair->months[k][i] = g_strdup (placeholder (point, NULL) ? "" : ib_pack_member_string (point, "period"));
    }
  for (guint i = 0; i < n; i++)
    if (pair->months[k][i][0] == '\0')
      {
        /* Its month is the one after the month before it. */
        int year, month;

        if (i > 0 && sscanf (pair->months[k][i - 1], "%d-%d", &year, &month) == 2)
          {
            g_free (pair->months[k][i]);
            pair->months[k][i] = g_strdup_printf ("%04d-%02d", month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1);
          }
      }

  pair->titles[k] = g_strdup_printf ("%s %s", ib_pack_member_string (indicator, "code"), ib_pack_member_string (indicator, "title"));
  pair->suffix[k] = g_strdup (g_strcmp0 (ib_pack_member_string (indicator, "unit"), "percent") == 0 ? "%" : "");
  chart->title = pair->titles[k];
  chart->n_months = n;
  chart->months = (const char * const *) pair->months[k];
  chart->target = ib_pack_member_number (indicator, "target");
  chart->tolerance = ib_pack_member_number (indicator, "tolerance");
  chart->decimals = (int) ib_pack_member_number (indicator, "decimals");
  if (chart->decimals < 0)
    chart->decimals = 0;
  chart->suffix = pair->suffix[k];
}

static char *
comparator_text (JsonObject *indicator,
                 int         latest,
                 const char *name)
{
  JsonArray *points = ib_pack_member_array (indicator, "points");

  for (int i = latest; points != NULL && i >= 0; i--)
    {
      JsonObject *point = json_array_get_object_element (points, (guint) i);
      double value = placeholder (point, NULL) ? NAN : ib_pack_member_number (point, name);

      if (!isnan (value))
        return ib_text_value (ib_pack_member_string (indicator, "unit"), (int) ib_pack_member_number (indicator, "decimals"), value);
    }
  return g_strdup ("—");
}

static IbBlock *
kpi_table (Content *c)
{
  const double widths[] = { 0.26, 0.13, 0.08, 0.14, 0.12, 0.09, 0.09, 0.09 };
  const char *names[] = {
    C_("column", "Indicator"), C_("column", "Latest"), C_("column", "Target"), C_("column", "Status"),
    C_("column", "Trend"), C_("column", "England"), C_("column", "Stat. neighbours"), C_("column", "Region"),
  };

  return header_table (c, G_N_ELEMENTS (widths), widths, names);
}

static void
kpi_row (IbBlock    *table,
         JsonObject *indicator)
{
  IbPackReading reading;
  IbText *cells[8];
  JsonArray *points = ib_pack_member_array (indicator, "points");
  g_autofree char *name = NULL;
  g_autofree char *latest = NULL;
  g_autofree char *target = NULL;
  const char *trend;
  JsonObject *point;

  ib_pack_read_indicator (indicator, &reading);
  point = reading.latest >= 0 ? json_array_get_object_element (points, (guint) reading.latest) : NULL;

  {
    g_autofree char *code = esc (ib_pack_member_string (indicator, "code"));
    g_autofree char *title = esc (ib_pack_member_string (indicator, "title"));

    name = g_strdup_printf ("<b>%s</b> %s", code, title);
  }
  if (point != NULL)
    {
      g_autofree char *value = ib_text_value (ib_pack_member_string (indicator, "unit"), (int) ib_pack_member_number (indicator, "decimals"), reading.latest_value);
      g_autofree char *month = ib_text_period (ib_pack_member_string (point, "period"));

      latest = g_strdup_printf ("%s\n%s", value, month);
    }
  else
    latest = g_strdup (C_("value", "No value"));
  target = isnan (ib_pack_member_number (indicator, "target")) ? g_strdup ("—")
         : ib_text_value (ib_pack_member_string (indicator, "unit"), (int) ib_pack_member_number (indicator, "decimals"), ib_pack_member_number (indicator, "target"));

  switch (reading.trend)
    {
    case IB_TREND_UP:
      trend = reading.better > 0 ? C_("kpi trend", "↑ Rising, better") : reading.better < 0 ? C_("kpi trend", "↑ Rising, worse")
                                                                            : C_("kpi trend", "↑ Rising");
      break;
    case IB_TREND_DOWN:
      trend = reading.better > 0 ? C_("kpi trend", "↓ Falling, better") : reading.better < 0 ? C_("kpi trend", "↓ Falling, worse")
                                                                             : C_("kpi trend", "↓ Falling");
      break;
    case IB_TREND_FLAT:
      trend = C_("kpi trend", "→ Level");
      break;
    case IB_TREND_NONE:
    default:
      trend = "—";
      break;
    }

  cells[0] = cell (name);
  cells[1] = cell_plain (latest);
  cells[2] = cell_plain (target);
  cells[3] = target_cell (reading.status);
  cells[4] = cell_plain (trend);
  {
    g_autofree char *england = comparator_text (indicator, reading.latest, "england");
    g_autofree char *neighbours = comparator_text (indicator, reading.latest, "stat_neighbours");
    g_autofree char *region = comparator_text (indicator, reading.latest, "region");

    cells[5] = cell_plain (england);
    cells[6] = cell_plain (neighbours);
    cells[7] = cell_plain (region);
  }
  _ib_block_table_row (table, cells, 8);

  /* An exempt month of a public indicator: its line, in its place. */
  {
    int pending = 0;

    for (guint i = 0; points != NULL && i < json_array_get_length (points); i++)
      {
        int paragraph = 0;

        if (placeholder (json_array_get_object_element (points, i), &paragraph) && paragraph != pending)
          {
            placeholder_row (table, paragraph);
            pending = paragraph;
          }
      }
  }
}

/* The charts in words: which indicators they plot, the table above holding their values. */
static char *
chart_pair_alt (ChartPair *pair)
{
  g_autofree char *names = pair->n > 1 ? g_strdup_printf ("%s; %s", pair->chart[0].title, pair->chart[1].title)
                                       : g_strdup (pair->chart[0].title);

  /* Translators: read in place of a pack's line charts; %s names the indicators charted */
  return g_strdup_printf (_("Charts of the last two years, against England, statistical neighbours and the region: %s."),
                          names);
}

/* "@publication, published @published", or the publication alone when its date is not known. */
static char *
release_text (const char *publication,
              const char *published)
{
  g_autofree char *date = NULL;

  if (published == NULL)
    return g_strdup (publication);
  date = ib_text_date (published);
  /* Translators: a figure's source: %1$s is a publication's title, %2$s the date it was published */
  return g_strdup_printf (_("%1$s, published %2$s"), publication, date);
}

/* Where @indicator's charted figures came from: each publication its shown points were imported
 * from, with its latest release among them; the council's own figures when none was imported. */
static char *
indicator_source (JsonObject *indicator)
{
  JsonArray *points = ib_pack_member_array (indicator, "points");
  g_autoptr (GPtrArray) publications = g_ptr_array_new ();
  g_autoptr (GPtrArray) released = g_ptr_array_new ();
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint p = 0; points != NULL && p < json_array_get_length (points); p++)
    {
      JsonObject *point = json_array_get_object_element (points, p);
      const char *publication = ib_pack_member_string (point, "source_publication");
      const char *published = ib_pack_member_string (point, "source_published");
      guint at;

      if (placeholder (point, NULL) || publication == NULL)
        continue;
      if (!g_ptr_array_find_with_equal_func (publications, publication, g_str_equal, &at))
        {
          g_ptr_array_add (publications, (gpointer) publication);
          g_ptr_array_add (released, (gpointer) published);
        }
      else if (published != NULL && (released->pdata[at] == NULL || strcmp (published, released->pdata[at]) > 0))
        released->pdata[at] = (gpointer) published;
    }

  if (publications->len == 0)
    return g_strdup (_("the council’s own figures"));
  for (guint i = 0; i < publications->len; i++)
    {
      g_autofree char *release = release_text (publications->pdata[i], released->pdata[i]);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, release);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The line under a pair of charts naming where each one's figures came from. */
static void
add_chart_sources (Content   *c,
                   GPtrArray *indicators,
                   guint      first,
                   guint      n)
{
  g_autoptr (GString) sources = g_string_new (NULL);
  g_autofree char *line = NULL;
  g_autofree char *markup = NULL;
  IbBlock *block;

  for (guint k = first; k < first + n; k++)
    {
      g_autofree char *source = indicator_source (indicators->pdata[k]);

      if (sources->len > 0)
        g_string_append (sources, "; ");
      g_string_append_printf (sources, "%s: %s", ib_pack_member_string (indicators->pdata[k], "code"), source);
    }
  /* Translators: under a pair of charts in a pack; %s lists each chart's indicator code and
   * where its figures came from */
  line = g_strdup_printf (_("Source: %s."), sources->str);
  markup = esc (line);
  block = paragraph (c, IB_FONT_SMALL, markup);
  block->space_after = 10;
}

static void
add_charts (Content   *c,
            GPtrArray *indicators)
{
  ChartPair *pair = NULL;

  for (guint i = 0; i < indicators->len; i++)
    {
      if (pair == NULL)
        pair = g_new0 (ChartPair, 1);
      fill_chart (pair, pair->n++, indicators->pdata[i]);
      if (pair->n == 2 || i + 1 == indicators->len)
        {
          guint n = pair->n;
          IbBlock *figure = add (c, _ib_block_figure (CHART_HEIGHT, draw_chart_pair, pair, chart_pair_free));

          figure->alt = chart_pair_alt (pair);
          pair = NULL;
          if (json_object_get_boolean_member_with_default (indicators->pdata[i], "sourced", FALSE))
            {
              /* The charts and their source line go on one page together. */
              figure->keep_with_next = TRUE;
              add_chart_sources (c, indicators, i + 1 - n, n);
            }
        }
    }
}

static void
add_kpis (Content *c)
{
  JsonArray *indicators = ib_pack_member_array (c->doc, "indicators");
  g_autoptr (GPtrArray) charted = g_ptr_array_new ();
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  const char *category = "";
  IbBlock *table;
  int pending = 0;

  open_appendix (c, APPENDIX_KPIS);
  {
    g_autofree char *as_at = ib_text_date (ib_pack_member_string (c->doc, "as_at"));
    /* Translators: %s is a date; %d how many months or quarters each chart shows */
    g_autofree char *line = g_strdup_printf (_("The “Key Performance Obsessions”: each indicator’s latest figure up to %s against its target and its comparators, and its last %d figures charted."),
                                             as_at, IB_PACK_PERIODS);

    plain (c, line);
  }

  if (indicators == NULL || json_array_get_length (indicators) == 0)
    {
      plain (c, g_strcmp0 (ib_pack_member_string (c->report, "scope"), "programme") == 0 ? _("No indicator has a figure yet.")
                                                                        : _("No indicator is linked to the actions in this pack."));
      return;
    }

  table = kpi_table (c);
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *indicator = json_array_get_object_element (indicators, i);
      JsonArray *points;
      int paragraph = 0;

      if (placeholder (indicator, &paragraph))
        {
          if (paragraph != pending)
            placeholder_row (table, paragraph);
          pending = paragraph;
          continue;
        }
      pending = 0;

      if (g_strcmp0 (ib_pack_member_string (indicator, "category"), category) != 0)
        {
          g_autofree char *escaped = NULL;
          g_autofree char *markup = NULL;

          category = ib_pack_member_string (indicator, "category") != NULL ? ib_pack_member_string (indicator, "category") : "";
          escaped = esc (*category != '\0' ? category : _("Other indicators"));
          markup = g_strdup_printf ("<b>%s</b>", escaped);
          span_row (table, markup, FALSE);
        }
      kpi_row (table, indicator);
      g_ptr_array_add (charted, indicator);

      points = ib_pack_member_array (indicator, "points");
      for (guint p = 0; points != NULL && p < json_array_get_length (points); p++)
        {
          JsonObject *point = json_array_get_object_element (points, p);

          if (!placeholder (point, NULL) && ib_pack_member_string (point, "note") != NULL)
            {
              g_autofree char *month = ib_text_period (ib_pack_member_string (point, "period"));

              g_ptr_array_add (notes, g_strdup_printf ("%s, %s: %s", ib_pack_member_string (indicator, "code"), month, ib_pack_member_string (point, "note")));
            }
        }
    }

  if (notes->len > 0)
    {
      heading (c, 2, _("Notes on the figures"), NULL);
      for (guint i = 0; i < notes->len; i++)
        {
          g_autofree char *markup = esc (notes->pdata[i]);

          bullet (c, markup);
        }
    }

  heading (c, 2, _("Charts"), NULL);
  add_charts (c, charted);
}

/* Appendix: risks */

typedef struct
{
  IbHeatMap maps[2];
  char     *refs[2][5][5];
  char     *titles[2];
  char     *legend[3];
} HeatMaps;

static void
heat_maps_free (gpointer data)
{
  HeatMaps *maps = data;

  for (guint k = 0; k < 2; k++)
    {
      for (guint l = 0; l < 5; l++)
        for (guint i = 0; i < 5; i++)
          g_free (maps->refs[k][l][i]);
      g_free (maps->titles[k]);
    }
  for (guint b = 0; b < 3; b++)
    g_free (maps->legend[b]);
  g_free (maps);
}

static void
draw_heat_maps (cairo_t      *cr,
                PangoContext *context,
                gpointer      data,
                double        x,
                double        y,
                double        width,
                double        height)
{
  HeatMaps *maps = data;
  IbHeatMapColors colors;
  double w = (width - 20) / 2, legend_y = y + height - 14, lx = x;

  ib_report_heat_map_colors (&colors);
  for (guint k = 0; k < 2; k++)
    ib_report_draw_heat_map (cr, context, &maps->maps[k], &colors, x + k * (w + 20), y, w, height - 20);

  for (guint b = 0; b < 3; b++)
    {
      PangoLayout *layout = pango_layout_new (context);
      PangoFontDescription *font = pango_font_description_from_string ("Cantarell, DejaVu Sans, Sans 7.5");
      PangoRectangle extent;

      ib_report_fill_band (cr, (int) b, &colors.bands[b], lx, legend_y, 14, 10);
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      cairo_set_line_width (cr, 0.5);
      cairo_rectangle (cr, lx, legend_y, 14, 10);
      cairo_stroke (cr);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, maps->legend[b], -1);
      pango_layout_get_extents (layout, NULL, &extent);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      cairo_move_to (cr, lx + 18, legend_y);
      pango_cairo_show_layout (cr, layout);
      lx += 18 + extent.width / (double) PANGO_SCALE + 16;
      pango_font_description_free (font);
      g_object_unref (layout);
    }
}

/* The heat maps in words: each map's occupied cells, highest score first, with their risks. */
static char *
heat_maps_alt (HeatMaps *maps)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr (GString) cells = g_string_new (NULL);

      for (int score = 25; score > 0; score--)
        for (int l = 5; l >= 1; l--)
          {
            int i = score / l;

            if (i < 1 || i > 5 || l * i != score || maps->maps[k].counts[l - 1][i - 1] == 0)
              continue;
            if (cells->len > 0)
              g_string_append (cells, "; ");
            /* Translators: one heat-map cell read aloud: likelihood, impact, score, then the risks in it */
            g_string_append_printf (cells, _("likelihood %d × impact %d = %d: %s"), l, i, score,
                                    maps->refs[k][l - 1][i - 1]);
          }
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (cells->len > 0)
        /* Translators: a heat map read aloud: its title, then its occupied cells */
        g_string_append_printf (out, _("%s: %s."), maps->titles[k], cells->str);
      else
        /* Translators: an empty heat map read aloud; %s is its title */
        g_string_append_printf (out, _("%s: no open risks."), maps->titles[k]);
    }
  return g_string_free (out, FALSE);
}

/* Heat maps of the open risks in @risks: Part 1 holds public risks only, so they never place an
 * exempt one. */
static HeatMaps *
heat_maps_for (JsonArray  *risks,
               const char *title_suffix)
{
  HeatMaps *maps = g_new0 (HeatMaps, 1);
  static const char * const names[2][2] = { { "inherent_l", "inherent_i" }, { "residual_l", "residual_i" } };

  maps->titles[0] = title_suffix != NULL ? g_strdup_printf ("%s %s", _("Inherent risk"), title_suffix) : g_strdup (_("Inherent risk"));
  maps->titles[1] = title_suffix != NULL ? g_strdup_printf ("%s %s", _("Residual risk"), title_suffix) : g_strdup (_("Residual risk"));
  /* Translators: the three bands of a risk score */
  maps->legend[0] = g_strdup (_("Low (1–4)"));
  maps->legend[1] = g_strdup (_("Medium (5–12)"));
  maps->legend[2] = g_strdup (_("High (15–25)"));

  for (guint k = 0; k < 2; k++)
    {
      maps->maps[k].title = maps->titles[k];
      for (guint r = 0; risks != NULL && r < json_array_get_length (risks); r++)
        {
          JsonObject *risk = json_array_get_object_element (risks, r);
          int l, i;

          if (placeholder (risk, NULL) || g_strcmp0 (ib_pack_member_string (risk, "status"), "closed") == 0)
            continue;
          l = (int) ib_pack_member_number (risk, names[k][0]);
          i = (int) ib_pack_member_number (risk, names[k][1]);
          if (ib_risk_score (l, i) == 0)
            continue;
          maps->maps[k].counts[l - 1][i - 1]++;
          if (maps->refs[k][l - 1][i - 1] == NULL)
            maps->refs[k][l - 1][i - 1] = g_strdup (ib_pack_member_string (risk, "ref"));
          else
            {
              char *joined = g_strdup_printf ("%s, %s", maps->refs[k][l - 1][i - 1], ib_pack_member_string (risk, "ref"));

              g_free (maps->refs[k][l - 1][i - 1]);
              maps->refs[k][l - 1][i - 1] = joined;
            }
          maps->maps[k].refs[l - 1][i - 1] = maps->refs[k][l - 1][i - 1];
        }
    }

  return maps;
}

static IbBlock *
risk_table (Content *c)
{
  const double widths[] = { 0.07, 0.31, 0.15, 0.15, 0.12, 0.10, 0.10 };
  const char *names[] = {
    C_("column", "Ref"), C_("column", "Risk"), C_("column", "Inherent"), C_("column", "Residual"),
    C_("column", "Target"), C_("column", "Response"), C_("column", "Next review"),
  };

  return header_table (c, G_N_ELEMENTS (widths), widths, names);
}

static void
risk_row (IbBlock    *table,
          JsonObject *risk)
{
  IbText *cells[7];
  g_autoptr (GString) what = g_string_new (NULL);
  g_autofree char *title = esc (ib_pack_member_string (risk, "title"));
  g_autofree char *response = NULL;
  g_autofree char *review = ib_pack_member_string (risk, "next_review") != NULL ? ib_text_date (ib_pack_member_string (risk, "next_review")) : g_strdup ("—");

  g_string_append_printf (what, "<b>%s</b>", title);
  if (ib_pack_member_string (risk, "owner") != NULL)
    {
      g_autofree char *owner = esc (ib_pack_member_string (risk, "owner"));

      g_string_append_printf (what, "\n%s", owner);
    }
  if (ib_pack_member_string (risk, "category") != NULL)
    {
      g_autofree char *category = esc (ib_enum_label (&ib_enum_risk_category, ib_pack_member_string (risk, "category")));

      g_string_append_printf (what, " · %s", category);
    }
  if (ib_pack_member_string (risk, "controls") != NULL)
    {
      g_autofree char *controls = esc (ib_pack_member_string (risk, "controls"));
      g_autofree char *label = esc (_("Controls:"));

      g_string_append_printf (what, "\n<i>%s</i> %s", label, controls);
    }

  response = g_strdup_printf ("%s%s%s",
                              ib_pack_member_string (risk, "response") != NULL ? ib_enum_label (&ib_enum_risk_response, ib_pack_member_string (risk, "response")) : "",
                              ib_pack_member_string (risk, "response") != NULL && ib_pack_member_string (risk, "status") != NULL ? "\n" : "",
                              ib_pack_member_string (risk, "status") != NULL ? ib_enum_label (&ib_enum_risk_status, ib_pack_member_string (risk, "status")) : "");

  cells[0] = cell_plain (ib_pack_member_string (risk, "ref"));
  cells[1] = cell (what->str);
  cells[2] = score_cell (risk, "inherent_l", "inherent_i");
  cells[3] = score_cell (risk, "residual_l", "residual_i");
  cells[4] = score_cell (risk, "target_l", "target_i");
  cells[5] = cell_plain (response);
  cells[6] = cell_plain (review);
  _ib_block_table_row (table, cells, 7);
}

static void
add_risks (Content *c)
{
  JsonArray *risks = ib_pack_member_array (c->doc, "risks");
  guint open = 0;

  open_appendix (c, APPENDIX_RISKS);

  if (risks == NULL || json_array_get_length (risks) == 0)
    {
      plain (c, _("No risk was on the register."));
      return;
    }

  for (guint i = 0; i < json_array_get_length (risks); i++)
    {
      JsonObject *risk = json_array_get_object_element (risks, i);

      if (!placeholder (risk, NULL) && g_strcmp0 (ib_pack_member_string (risk, "status"), "closed") != 0)
        open++;
    }
  {
    g_autofree char *as_at = ib_text_date (ib_pack_member_string (c->doc, "as_at"));
    /* Translators: a date, then how many open risks the register shows */
    g_autofree char *line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Scores as at %s. The heat maps place the %u open risk listed below: likelihood × impact, 1 to 5 each.",
                                                          "Scores as at %s. The heat maps place the %u open risks listed below: likelihood × impact, 1 to 5 each.",
                                                          open),
                                             as_at, open);

    plain (c, line);
  }
  {
    HeatMaps *maps = heat_maps_for (risks, NULL);
    IbBlock *figure = add (c, _ib_block_figure (250, draw_heat_maps, maps, heat_maps_free));

    figure->alt = heat_maps_alt (maps);
  }

  item_rows (risk_table (c), risks, risk_row);
}

/* Appendix: Ofsted */

static char *
engagement_title (JsonObject *inspection)
{
  const char *kind = ib_enum_label (&ib_enum_inspection_kind, ib_pack_member_string (inspection, "kind"));
  g_autofree char *when = ib_text_date_range (ib_pack_member_string (inspection, "starts_on"),
                                              ib_pack_member_string (inspection, "ends_on"));

  if (ib_pack_member_string (inspection, "theme") != NULL)
    /* Translators: a kind of Ofsted engagement, its dates, then its theme */
    return g_strdup_printf (_("%s, %s: %s"), kind, when, ib_pack_member_string (inspection, "theme"));
  return g_strdup_printf (C_("engagement", "%s, %s"), kind, when);
}

static void
judgement_row (IbBlock    *table,
               JsonObject *judgement)
{
  IbText *cells[2];

  cells[0] = cell_plain (ib_enum_label (&ib_enum_judgement_area, ib_pack_member_string (judgement, "area")));
  cells[1] = grade_cell (ib_pack_member_string (judgement, "grade"));
  _ib_block_table_row (table, cells, 2);
}

static void
finding_row (IbBlock    *table,
             JsonObject *finding)
{
  IbText *cells[2];
  g_autoptr (GString) answered = g_string_new (NULL);
  g_autofree char *kind = esc (ib_enum_label (&ib_enum_finding_kind, ib_pack_member_string (finding, "kind")));
  g_autofree char *text = esc (ib_pack_member_string (finding, "text"));
  g_autofree char *what = g_strdup_printf ("<b>%s</b>\n%s", kind, text);
  JsonArray *links = ib_pack_member_array (finding, "actions");
  int pending = 0;

  for (guint i = 0; links != NULL && i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);
      int paragraph = 0;

      if (answered->len > 0)
        g_string_append_c (answered, '\n');
      if (placeholder (link, &paragraph))
        {
          if (paragraph != pending)
            {
              g_autofree char *markup = placeholder_markup (paragraph);

              g_string_append (answered, markup);
            }
          else
            g_string_truncate (answered, answered->len - 1);
          pending = paragraph;
          continue;
        }
      pending = 0;
      {
        g_autofree char *line = g_strdup_printf ("%s %s", ib_pack_member_string (link, "ref"), ib_pack_member_string (link, "title"));
        g_autofree char *escaped = esc (line);

        g_string_append (answered, escaped);
      }
    }
  if (answered->len == 0)
    {
      g_autofree char *none = esc (g_strcmp0 (ib_pack_member_string (finding, "kind"), "strength") == 0 ? "—" : _("No action answers this finding yet."));

      g_string_append (answered, none);
    }

  cells[0] = cell (what);
  cells[1] = cell (answered->str);
  _ib_block_table_row (table, cells, 2);
}

static IbBlock *
finding_table (Content *c)
{
  const double widths[] = { 0.55, 0.45 };
  const char *names[] = { C_("column", "Finding"), C_("column", "Actions that answer it") };

  return header_table (c, G_N_ELEMENTS (widths), widths, names);
}

static void
add_inspection (Content    *c,
                JsonObject *inspection)
{
  g_autofree char *title = engagement_title (inspection);
  JsonArray *judgements = ib_pack_member_array (inspection, "judgements");
  JsonArray *findings = ib_pack_member_array (inspection, "findings");
  g_autoptr (GString) details = g_string_new (NULL);

  heading (c, 2, title, NULL);
  if (ib_pack_member_string (inspection, "lead_inspector") != NULL)
    {
      /* Translators: %s is an inspector's name */
      g_autofree char *line = g_strdup_printf (_("Lead inspector: %s."), ib_pack_member_string (inspection, "lead_inspector"));

      g_string_append (details, line);
    }
  if (ib_pack_member_string (inspection, "published_on") != NULL)
    {
      g_autofree char *date = ib_text_date (ib_pack_member_string (inspection, "published_on"));
      /* Translators: %s is a date */
      g_autofree char *line = g_strdup_printf (_("Published on %s."), date);

      g_string_append_printf (details, details->len > 0 ? " %s" : "%s", line);
    }
  if (details->len > 0)
    plain (c, details->str);
  if (ib_pack_member_string (inspection, "summary") != NULL)
    plain (c, ib_pack_member_string (inspection, "summary"));
  if (ib_pack_member_string (inspection, "link") != NULL)
    {
      g_autofree char *escaped = esc (ib_pack_member_string (inspection, "link"));
      g_autofree char *markup = g_strdup_printf ("<u>%s</u>", escaped);
      IbBlock *block = paragraph (c, IB_FONT_BODY, markup);
      g_autofree char *quoted = g_strescape (ib_pack_member_string (inspection, "link"), NULL);

      block->link = g_strdup_printf ("uri='%s'", quoted);
    }

  if (judgements != NULL && json_array_get_length (judgements) > 0)
    {
      const double widths[] = { 0.7, 0.3 };
      const char *names[] = { C_("column", "Judgement"), C_("column", "Grade") };

      item_rows (header_table (c, G_N_ELEMENTS (widths), widths, names), judgements, judgement_row);
    }

  if (findings != NULL && json_array_get_length (findings) > 0)
    item_rows (finding_table (c), findings, finding_row);
}

static void
add_ofsted (Content *c)
{
  JsonArray *inspections = ib_pack_member_array (c->doc, "inspections");
  int pending = 0;

  open_appendix (c, APPENDIX_OFSTED);

  if (inspections == NULL || json_array_get_length (inspections) == 0)
    {
      plain (c, _("No Ofsted engagement is recorded for this pack."));
      return;
    }

  /* Newest first, as the board reads them. */
  for (guint i = json_array_get_length (inspections); i > 0; i--)
    {
      JsonObject *inspection = json_array_get_object_element (inspections, i - 1);
      int paragraph = 0;

      if (placeholder (inspection, &paragraph))
        {
          if (paragraph != pending)
            placeholder_line (c, paragraph);
          pending = paragraph;
          continue;
        }
      pending = 0;
      add_inspection (c, inspection);
    }
}

/* Part 2 of a public report */

static const char *
section_title (const char *section)
{
  if (g_strcmp0 (section, "actions") == 0 || g_strcmp0 (section, "priorities") == 0 || g_strcmp0 (section, "plan") == 0)
    return appendix_title (APPENDIX_PLAN);
  if (g_strcmp0 (section, "indicators") == 0)
    return appendix_title (APPENDIX_KPIS);
  if (g_strcmp0 (section, "risks") == 0)
    return appendix_title (APPENDIX_RISKS);
  if (g_strcmp0 (section, "inspections") == 0)
    return appendix_title (APPENDIX_OFSTED);
  if (g_strcmp0 (section, "since") == 0)
    return appendix_title (APPENDIX_SINCE);
  return section;
}

/* Returns the part-2 @entry's item, shown in the words Part 1 would have used. */
static void
part2_item (Content    *c,
            JsonObject *entry,
            IbBlock   **table,
            const char **table_kind)
{
  JsonObject *item = ib_pack_member_object (entry, "item");
  JsonObject *within = ib_pack_member_object (entry, "within");
  const char *kind = ib_pack_member_string (item, "item");

  /* Consecutive items of one kind share a table. */
  if (g_strcmp0 (*table_kind, kind) != 0)
    {
      *table = NULL;
      *table_kind = kind;
    }

  if (g_strcmp0 (kind, "action") == 0 || g_strcmp0 (kind, "statement") == 0)
    {
      if (*table == NULL)
        *table = action_table (c);
      if (g_strcmp0 (kind, "action") == 0)
        action_row (*table, item, ib_pack_member_object (item, "statement"), NULL);
      else
        action_row (*table, NULL, item, within);
    }
  else if (g_strcmp0 (kind, "indicator") == 0)
    {
      g_autoptr (GPtrArray) one = g_ptr_array_new ();

      *table = kpi_table (c);
      kpi_row (*table, item);
      g_ptr_array_add (one, item);
      add_charts (c, one);
      *table_kind = NULL;
    }
  else if (g_strcmp0 (kind, "risk") == 0)
    {
      if (*table == NULL)
        *table = risk_table (c);
      risk_row (*table, item);
    }
  else if (g_strcmp0 (kind, "finding") == 0)
    {
      if (*table == NULL)
        *table = finding_table (c);
      finding_row (*table, item);
    }
  else if (g_strcmp0 (kind, "inspection") == 0)
    {
      add_inspection (c, item);
      *table_kind = NULL;
    }
  else if (g_strcmp0 (kind, "change") == 0)
    {
      g_autofree char *sentence = ib_pack_describe_change (item);
      g_autofree char *markup = esc (sentence);

      bullet (c, markup);
    }
  else
    {
      /* A month of an indicator, an action linked to a finding, a judgement, a plan or a
       * priority area: one line naming what it belongs to. */
      g_autoptr (GString) line = g_string_new (NULL);
      const char *owner_ref = ib_pack_member_string (within, "code") != NULL ? ib_pack_member_string (within, "code") : ib_pack_member_string (within, "ref");

      if (owner_ref != NULL || ib_pack_member_string (within, "title") != NULL)
        g_string_append_printf (line, "%s %s: ", owner_ref != NULL ? owner_ref : "",
                                ib_pack_member_string (within, "title") != NULL ? ib_pack_member_string (within, "title") : "");
      else if (ib_pack_member_string (within, "text") != NULL)
        /* Translators: the finding an exempt action answers, before the action */
        g_string_append_printf (line, _("Answering “%s”: "), ib_pack_member_string (within, "text"));
      if (g_strcmp0 (kind, "point") == 0)
        {
          g_autofree char *month = ib_text_period (ib_pack_member_string (item, "period"));
          double v = ib_pack_member_number (item, "value");
          g_autofree char *value = ib_text_value (NULL, fmod (v, 1) == 0 ? 0 : 1, v);

          g_string_append_printf (line, "%s, %s", month, value);
          if (ib_pack_member_string (item, "note") != NULL)
            g_string_append_printf (line, ". %s", ib_pack_member_string (item, "note"));
          if (ib_pack_member_string (item, "source_publication") != NULL)
            {
              g_autofree char *release = release_text (ib_pack_member_string (item, "source_publication"),
                                                       ib_pack_member_string (item, "source_published"));

              g_string_append (line, g_str_has_suffix (line->str, ".") ? " " : ". ");
              g_string_append_printf (line, _("Source: %s."), release);
            }
        }
      else if (g_strcmp0 (kind, "judgement") == 0)
        g_string_append_printf (line, "%s: %s", ib_enum_label (&ib_enum_judgement_area, ib_pack_member_string (item, "area")),
                                ib_enum_label (&ib_enum_grade, ib_pack_member_string (item, "grade")));
      else
        g_string_append_printf (line, "%s %s", ib_pack_member_string (item, "ref") != NULL ? ib_pack_member_string (item, "ref") : ib_pack_member_string (item, "code") != NULL ? ib_pack_member_string (item, "code") : "",
                                ib_pack_member_string (item, "title") != NULL ? ib_pack_member_string (item, "title") : "");
      {
        g_autofree char *markup = esc (line->str);

        bullet (c, markup);
      }
      *table_kind = NULL;
    }
}

static void
add_part2 (Content   *c,
           JsonArray *items,
           JsonObject *whole)
{
  gboolean seen[8] = { FALSE };

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      int p = (int) json_object_get_int_member_with_default (json_array_get_object_element (items, i), "exempt_paragraph", 1);

      seen[CLAMP (p, 1, 7)] = TRUE;
    }

  for (int p = 1; p <= 7; p++)
    {
      const char *section = NULL;
      IbBlock *table = NULL;
      const char *table_kind = NULL;
      gboolean risks = FALSE;
      g_autofree char *title = NULL;
      g_autofree char *dest = NULL;

      if (!seen[p])
        continue;

      add (c, _ib_block_break ());
      /* Translators: as councils print it on exempt papers; %d is the paragraph */
      title = g_strdup_printf (_("Not for publication by virtue of paragraph %d of Part 1 of Schedule 12A of the Local Government Act 1972"), p);
      dest = g_strdup_printf ("paragraph-%d", p);
      heading (c, 1, title, dest);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *entry = json_array_get_object_element (items, i);

          if (json_object_get_int_member_with_default (entry, "exempt_paragraph", 1) != p)
            continue;
          if (g_strcmp0 (ib_pack_member_string (entry, "section"), section) != 0)
            {
              section = ib_pack_member_string (entry, "section");
              heading (c, 2, section_title (section), NULL);
              table = NULL;
              table_kind = NULL;

              /* With its exempt risks in place, the register's heat maps are whole again. */
              if (g_strcmp0 (section, "risks") == 0 && !risks)
                {
                  /* Translators: after "Residual risk", the heat maps of Part 2 */
                  HeatMaps *maps = heat_maps_for (ib_pack_member_array (whole, "risks"),
                                                  C_("heat map", "(all risks, exempt included)"));
                  IbBlock *figure = add (c, _ib_block_figure (250, draw_heat_maps, maps, heat_maps_free));

                  figure->alt = heat_maps_alt (maps);
                  risks = TRUE;
                }
            }
          part2_item (c, entry, &table, &table_kind);
        }
    }
}

/* Building */

char *
_ib_report_status_line (IbPack     *pack,
                        IbPackPart  part)
{
  JsonObject *report = json_object_get_object_member (ib_pack_get_document (pack), "report");
  g_autofree char *line = NULL;
  g_autofree char *escaped = NULL;

  if (g_strcmp0 (ib_pack_member_string (report, "class"), "exempt") == 0)
    line = part == IB_PACK_PART_EXEMPT
      /* Translators: the running header of an exempt report; %d is its Schedule 12A paragraph */
      ? g_strdup_printf (_("Exempt: not for publication (Schedule 12A, paragraph %d)"),
                         (int) json_object_get_int_member_with_default (report, "exempt_paragraph", 1))
      : g_strdup (_("Public notice of an exempt report"));
  else
    line = part == IB_PACK_PART_EXEMPT ? g_strdup (_("Part 2: not for publication"))
                                       : g_strdup (C_("report status", "Public"));

  escaped = esc (line);
  if (ib_pack_is_draft (pack))
    {
      g_autofree char *draft = esc (C_("report status", "Draft"));

      return g_strdup_printf ("<b>%s</b> · %s", draft, escaped);
    }
  return g_strdup_printf ("<b>%s</b>", escaped);
}

GPtrArray *
_ib_report_build_blocks (IbPack      *pack,
                         IbPackPart   part,
                         GError     **error)
{
  g_autoptr (GPtrArray) blocks = g_ptr_array_new_with_free_func (_ib_block_free);
  g_autoptr (JsonObject) part1 = NULL;
  g_autoptr (JsonArray) items = NULL;
  Content c = { 0 };
  guint n = 0;
  gboolean exempt_report = ib_pack_is_exempt (pack);

  c.pack = pack;
  c.part = part;
  c.blocks = blocks;
  c.report = json_object_get_object_member (ib_pack_get_document (pack), "report");

  for (int a = 0; a < N_APPENDICES; a++)
    c.numbers[a] = flag (c.report, appendix_fields[a]) ? ++n : 0;

  if (part == IB_PACK_PART_PUBLIC && exempt_report)
    {
      /* The whole report is exempt: Part 1 says so and nothing more. */
      JsonObject *meeting = json_object_get_object_member (ib_pack_get_document (pack), "meeting");
      g_autofree char *date = ib_text_date (ib_pack_member_string (meeting, "held_on"));
      g_autofree char *line = g_strdup_printf (_("This report is exempt by virtue of paragraph %d of Part 1 of Schedule 12A of the Local Government Act 1972. It is reported in Part 2."),
                                               (int) json_object_get_int_member_with_default (c.report, "exempt_paragraph", 1));
      g_autofree char *markup = esc (line);
      IbBlock *title;

      title = heading (&c, 1, ib_pack_member_string (meeting, "title") != NULL ? ib_pack_member_string (meeting, "title") : "", NULL);
      title->text->font = IB_FONT_TITLE;
      plain (&c, date);
      note (&c, markup);
      return g_steal_pointer (&blocks);
    }

  if (part == IB_PACK_PART_PUBLIC)
    {
      part1 = ib_pack_dup_part1 (pack);
      c.doc = part1;
    }
  else if (exempt_report)
    c.doc = ib_pack_get_document (pack);
  else
    {
      items = ib_pack_dup_part2 (pack);
      if (json_array_get_length (items) == 0)
        {
          g_set_error_literal (error, IB_PACK_ERROR, IB_PACK_ERROR_NO_PART,
                               _("This pack has no Part 2: nothing in it is exempt, or this computer holds none of it."));
          return NULL;
        }
      c.doc = ib_pack_get_document (pack);
      add_cover (&c);
      add_sample_note (&c);
      add_part2 (&c, items, c.doc);
      return g_steal_pointer (&blocks);
    }

  add_cover (&c);
  add_sample_note (&c);
  if (c.numbers[APPENDIX_SINCE] > 0)
    add_exceptions (&c);
  add_body (&c);

  for (int a = 0; a < N_APPENDICES; a++)
    {
      if (c.numbers[a] == 0)
        continue;
      switch (a)
        {
        case APPENDIX_PLAN: add_plan (&c); break;
        case APPENDIX_KPIS: add_kpis (&c); break;
        case APPENDIX_RISKS: add_risks (&c); break;
        case APPENDIX_OFSTED: add_ofsted (&c); break;
        case APPENDIX_SINCE: add_since (&c); break;
        default: break;
        }
    }

  return g_steal_pointer (&blocks);
}
