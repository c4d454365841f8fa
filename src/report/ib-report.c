/* ib-report.c
 *
 * Lay out first, then draw. Every block is measured once with one Pango context at 72 dpi
 * with unhinted metrics, so a line breaks in the same place on a PDF surface, a print
 * context or an image; pages are cut at line and row boundaries (a table's header row is
 * repeated on each page it continues on); only then is anything drawn, so the footer knows
 * the number of pages. Layouts are made again when a page is drawn instead of being kept,
 * so a thousand-page pack holds its text, not its glyphs.
 *
 * The PDF is tagged as far as cairo 1.16 allows: the document, headings (H1–H3), paragraphs
 * (P), lists (L, LI with Lbl and LBody), tables (Table, TR, TH, TD), figures (Figure) and links
 * (Link, to web addresses and to the appendices' named destinations); headings are also
 * bookmarks. The running header, footer and the draft's watermark are left untagged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "ib-report-private.h"
#include "ib-text.h"

#define MARGIN_X     56.0
#define MARGIN_TOP   66.0
#define MARGIN_BOTTOM 62.0
#define HEADER_Y     30.0
#define FOOTER_Y     (IB_REPORT_PAGE_HEIGHT - 40.0)
#define CELL_PAD_X   4.0
#define CELL_PAD_Y   3.0
#define MARK_SIZE    7.5
#define MARK_ROOM    11.0
#define FONT_FAMILY  "Cantarell, DejaVu Sans, Sans"

const IbReportColor ib_report_red = { 0.75, 0.11, 0.16, 1 };
const IbReportColor ib_report_amber = { 0.80, 0.52, 0.0, 1 };
const IbReportColor ib_report_green = { 0.15, 0.55, 0.30, 1 };
const IbReportColor ib_report_grey = { 0.47, 0.46, 0.48, 1 };
const IbReportColor ib_report_blue = { 0.11, 0.44, 0.85, 1 };

typedef struct
{
  guint  row;
  double from;               /* in the row's own space: its top is 0 */
  double to;
  double lead;               /* room above a row's continuation, so it never touches the header */
} RowPiece;

typedef struct
{
  IbBlock *block;
  double   y;
  double   height;
  double   from;             /* text: the part of the text shown, in its own space */
  double   to;
  gboolean first;            /* the block's first fragment: its label, dest and spacing */
  gboolean header;           /* a table fragment starting with its header row */
  GArray  *pieces;           /* RowPiece, for a table */
} Placed;

typedef struct
{
  GPtrArray *placed;         /* Placed */
} Page;

struct _IbReport
{
  GObject               parent_instance;

  IbPack               *pack;
  IbPackPart            part;
  char                 *title;
  char                 *status;
  char                 *header_text;
  gboolean              draft;
  gboolean              public_notice;  /* Part 1 of an exempt report: one line, no content */
  PangoContext         *context;
  PangoFontDescription *fonts[IB_N_FONTS];
  GPtrArray            *blocks;   /* IbBlock */
  GPtrArray            *pages;    /* Page */
};

G_DEFINE_FINAL_TYPE (IbReport, ib_report, G_TYPE_OBJECT)

G_DEFINE_QUARK (ib-report-error-quark, ib_report_error)

#define TEXT_WIDTH (IB_REPORT_PAGE_WIDTH - 2 * MARGIN_X)
#define BODY_TOP MARGIN_TOP
#define BODY_BOTTOM (IB_REPORT_PAGE_HEIGHT - MARGIN_BOTTOM)

/* Blocks */

IbText *
_ib_text_new (IbFont      font,
              const char *markup)
{
  IbText *text = g_new0 (IbText, 1);

  text->font = font;
  text->markup = g_strdup (markup != NULL ? markup : "");
  return text;
}

IbText *
_ib_text_new_plain (IbFont      font,
                    const char *plain)
{
  g_autofree char *escaped = g_markup_escape_text (plain != NULL ? plain : "", -1);

  return _ib_text_new (font, escaped);
}

void
_ib_text_set_mark (IbText              *text,
                   IbMark               mark,
                   const IbReportColor *color)
{
  text->mark = mark;
  text->mark_color = *color;
}

static void
text_free (gpointer data)
{
  IbText *text = data;

  if (text == NULL)
    return;
  g_free (text->markup);
  g_clear_pointer (&text->lines, g_array_unref);
  g_free (text);
}

static void
row_free (gpointer data)
{
  IbRow *row = data;

  g_ptr_array_unref (row->cells);
  g_free (row);
}

static IbBlock *
block_new (IbBlockKind kind)
{
  IbBlock *block = g_new0 (IbBlock, 1);

  block->kind = kind;
  return block;
}

IbBlock *
_ib_block_text (const char *tag,
                IbText     *text)
{
  IbBlock *block = block_new (IB_BLOCK_TEXT);

  block->tag = tag;
  block->text = text;
  return block;
}

IbBlock *
_ib_block_table (guint         n_columns,
                 const double *widths)
{
  IbBlock *block = block_new (IB_BLOCK_TABLE);

  block->n_columns = n_columns;
  block->widths = g_memdup2 (widths, n_columns * sizeof (double));
  block->rows = g_ptr_array_new_with_free_func (row_free);
  block->space_after = 8;
  return block;
}

void
_ib_block_table_header (IbBlock            *table,
                        const char * const *names)
{
  table->header = g_ptr_array_new_with_free_func (text_free);
  for (guint i = 0; i < table->n_columns; i++)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", names[i]);

      g_ptr_array_add (table->header, _ib_text_new (IB_FONT_SMALL, markup));
    }
}

IbRow *
_ib_block_table_row (IbBlock  *table,
                     IbText  **cells,
                     guint     n_cells)
{
  IbRow *row = g_new0 (IbRow, 1);

  row->cells = g_ptr_array_new_with_free_func (text_free);
  for (guint i = 0; i < n_cells; i++)
    g_ptr_array_add (row->cells, cells[i]);
  row->span = n_cells == 1 && table->n_columns > 1;
  g_ptr_array_add (table->rows, row);
  return row;
}

IbBlock *
_ib_block_figure (double         height,
                  IbFigureDraw   draw,
                  gpointer       data,
                  GDestroyNotify free_data)
{
  IbBlock *block = block_new (IB_BLOCK_FIGURE);

  block->height = height;
  block->draw = draw;
  block->data = data;
  block->free_data = free_data;
  block->space_after = 8;
  return block;
}

IbBlock *
_ib_block_break (void)
{
  return block_new (IB_BLOCK_BREAK);
}

void
_ib_block_free (gpointer data)
{
  IbBlock *block = data;

  text_free (block->text);
  text_free (block->label);
  g_free (block->dest);
  g_free (block->link);
  g_free (block->alt);
  g_free (block->widths);
  g_clear_pointer (&block->header, g_ptr_array_unref);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  if (block->free_data != NULL)
    block->free_data (block->data);
  g_free (block);
}

/* Measuring */

static PangoLayout *
make_layout (IbReport *self,
             IbText   *text,
             double    width)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, self->fonts[text->font]);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, text->markup, -1);
  return layout;
}

static double
mark_room (IbText *text)
{
  return text->mark != IB_MARK_NONE ? MARK_ROOM : 0;
}

/* Wraps @text to @width and notes where its lines start. */
static void
measure_text (IbReport *self,
              IbText   *text,
              double    width)
{
  g_autoptr (PangoLayout) layout = NULL;
  PangoLayoutIter *iter;
  PangoRectangle logical;

  text->width = width;
  layout = make_layout (self, text, width - mark_room (text));
  g_clear_pointer (&text->lines, g_array_unref);
  text->lines = g_array_new (FALSE, FALSE, sizeof (double));

  iter = pango_layout_get_iter (layout);
  do
    {
      int top, bottom;
      double y;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      y = top / (double) PANGO_SCALE;
      g_array_append_val (text->lines, y);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  pango_layout_get_extents (layout, NULL, &logical);
  text->height = logical.height / (double) PANGO_SCALE;
  g_array_append_val (text->lines, text->height);
}

/* Returns the largest line boundary of @text at or below @limit (in the text's space) that
 * is above @from: where a page may cut it. */
static double
cut_point (IbText *text,
           double  from,
           double  limit)
{
  double best = from;

  for (guint i = 0; i < text->lines->len; i++)
    {
      double boundary = g_array_index (text->lines, double, i);

      if (boundary > from && boundary <= limit + 0.01)
        best = boundary;
    }
  return best;
}

static double
column_x (IbBlock *table,
          guint    column)
{
  double x = 0;

  for (guint i = 0; i < column; i++)
    x += table->widths[i] * TEXT_WIDTH;
  return x;
}

static double
cell_width (IbBlock *table,
            IbRow   *row,
            guint    column)
{
  if (row != NULL && row->span)
    return TEXT_WIDTH;
  return table->widths[column] * TEXT_WIDTH;
}

static void
measure_block (IbReport *self,
               IbBlock  *block)
{
  switch (block->kind)
    {
    case IB_BLOCK_TEXT:
      measure_text (self, block->text, TEXT_WIDTH - block->indent - (block->boxed ? 12 : 0));
      if (block->label != NULL)
        measure_text (self, block->label, MAX (block->indent - 4, 10));
      break;

    case IB_BLOCK_TABLE:
      if (block->header != NULL)
        for (guint c = 0; c < block->header->len; c++)
          measure_text (self, block->header->pdata[c], cell_width (block, NULL, c) - 2 * CELL_PAD_X);
      for (guint r = 0; r < block->rows->len; r++)
        {
          IbRow *row = block->rows->pdata[r];

          row->height = 0;
          for (guint c = 0; c < row->cells->len; c++)
            {
              IbText *cell = row->cells->pdata[c];

              measure_text (self, cell, cell_width (block, row, c) - 2 * CELL_PAD_X);
              row->height = MAX (row->height, cell->height);
            }
          row->height += 2 * CELL_PAD_Y;
        }
      break;

    case IB_BLOCK_FIGURE:
    case IB_BLOCK_BREAK:
    default:
      break;
    }
}

static double
header_height (IbBlock *table)
{
  double h = 0;

  if (table->header == NULL)
    return 0;
  for (guint c = 0; c < table->header->len; c++)
    h = MAX (h, ((IbText *) table->header->pdata[c])->height);
  return h + 2 * CELL_PAD_Y;
}

/* Pagination */

static void
placed_free (gpointer data)
{
  Placed *placed = data;

  g_clear_pointer (&placed->pieces, g_array_unref);
  g_free (placed);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->placed);
  g_free (page);
}

typedef struct
{
  IbReport *self;
  Page     *page;
  double    y;
} Flow;

static void
new_page (Flow *flow)
{
  flow->page = g_new0 (Page, 1);
  flow->page->placed = g_ptr_array_new_with_free_func (placed_free);
  g_ptr_array_add (flow->self->pages, flow->page);
  flow->y = BODY_TOP;
}

static gboolean
page_empty (Flow *flow)
{
  return flow->page->placed->len == 0;
}

static Placed *
place (Flow    *flow,
       IbBlock *block,
       double   height,
       gboolean first)
{
  Placed *placed = g_new0 (Placed, 1);

  placed->block = block;
  placed->y = flow->y;
  placed->height = height;
  placed->first = first;
  g_ptr_array_add (flow->page->placed, placed);
  flow->y += height;
  return placed;
}

/* How much room the start of @block needs, so a heading never ends a page alone. */
static double
opening_height (IbBlock *block)
{
  if (block == NULL)
    return 0;

  switch (block->kind)
    {
    case IB_BLOCK_TEXT:
      return block->space_before + MIN (block->text->height,
                                        block->text->lines->len > 2 ? g_array_index (block->text->lines, double, 2)
                                                                    : block->text->height);
    case IB_BLOCK_TABLE:
      return block->space_before + header_height (block) +
             (block->rows->len > 0 ? MIN (((IbRow *) block->rows->pdata[0])->height, 60) : 0);
    case IB_BLOCK_FIGURE:
      return block->space_before + block->height;
    case IB_BLOCK_BREAK:
    default:
      return 0;
    }
}

static void
flow_text (Flow    *flow,
           IbBlock *block,
           IbBlock *next)
{
  IbText *text = block->text;
  double padding = block->boxed ? 8 : 0;
  double from = 0;
  gboolean first = TRUE;

  if (block->keep_with_next && !page_empty (flow) &&
      flow->y + text->height + padding + block->space_after + opening_height (next) > BODY_BOTTOM)
    new_page (flow);

  while (from < text->height - 0.01)
    {
      double room = BODY_BOTTOM - flow->y - padding;
      double to = text->height <= from + room ? text->height : cut_point (text, from, from + room);
      Placed *placed;

      /* Fewer than two lines left on the page: start it on the next. */
      if (to <= from || (first && to < text->height && !page_empty (flow) &&
                         to < g_array_index (text->lines, double, MIN (2, text->lines->len - 1))))
        {
          if (page_empty (flow))
            to = cut_point (text, from, text->height);  /* a line taller than a page: cut anyway */
          else
            {
              new_page (flow);
              continue;
            }
        }

      placed = place (flow, block, to - from + padding, first);
      placed->from = from;
      placed->to = to;
      from = to;
      first = FALSE;
      if (from < text->height - 0.01)
        new_page (flow);
    }
}

static void
flow_table (Flow    *flow,
            IbBlock *block)
{
  double head = header_height (block);
  Placed *placed = NULL;

  for (guint r = 0; r < block->rows->len; r++)
    {
      IbRow *row = block->rows->pdata[r];
      IbRow *next_row = r + 1 < block->rows->len ? block->rows->pdata[r + 1] : NULL;
      double from = 0;

      while (from < row->height - 0.01)
        {
          double need = row->height - from;
          double room, to, lead;
          RowPiece piece;

          /* A group heading stays with the row after it (with as much of it as a page holds,
           * when that row is longer than a page and will be cut anyway). */
          if (row->span && !row->placeholder && next_row != NULL && from == 0)
            need += next_row->height + head <= BODY_BOTTOM - BODY_TOP - row->height ? next_row->height
                                                                                   : MIN (next_row->height, 40);
          if (placed == NULL)
            need += head;

          if (flow->y + need > BODY_BOTTOM && !(placed == NULL && page_empty (flow)) &&
              (row->height - from + head <= BODY_BOTTOM - BODY_TOP || flow->y + head + 30 > BODY_BOTTOM))
            {
              new_page (flow);
              placed = NULL;
              continue;
            }

          if (placed == NULL)
            {
              placed = place (flow, block, head, r == 0 && from == 0);
              placed->header = block->header != NULL;
              placed->pieces = g_array_new (FALSE, FALSE, sizeof (RowPiece));
            }

          lead = from > 0 ? CELL_PAD_Y : 0;
          room = BODY_BOTTOM - flow->y - lead;
          if (row->height - from <= room)
            to = row->height;
          else
            {
              /* A row taller than the page: cut it between lines; its cells' lines share one
               * pitch, so every cell cuts at the same place. */
              to = from;
              for (guint c = 0; c < row->cells->len; c++)
                to = MAX (to, cut_point (row->cells->pdata[c], from - CELL_PAD_Y, from + room - CELL_PAD_Y) + CELL_PAD_Y);
              if (to <= from + 1)
                to = MIN (row->height, from + room);
            }

          piece = (RowPiece) { r, from, to, lead };
          g_array_append_val (placed->pieces, piece);
          placed->height += to - from + lead;
          flow->y += to - from + lead;
          from = to;

          if (from < row->height - 0.01)
            {
              new_page (flow);
              placed = NULL;
            }
        }
    }
}

static void
paginate (IbReport *self)
{
  Flow flow = { self, NULL, 0 };

  self->pages = g_ptr_array_new_with_free_func (page_free);
  new_page (&flow);

  /* All measured first: a heading looks at what follows it. */
  for (guint b = 0; b < self->blocks->len; b++)
    measure_block (self, self->blocks->pdata[b]);

  for (guint b = 0; b < self->blocks->len; b++)
    {
      IbBlock *block = self->blocks->pdata[b];
      IbBlock *next = b + 1 < self->blocks->len ? self->blocks->pdata[b + 1] : NULL;

      if (block->kind == IB_BLOCK_BREAK)
        {
          if (!page_empty (&flow))
            new_page (&flow);
          continue;
        }

      if (!page_empty (&flow))
        flow.y += block->space_before;

      switch (block->kind)
        {
        case IB_BLOCK_TEXT:
          flow_text (&flow, block, next);
          break;

        case IB_BLOCK_TABLE:
          flow_table (&flow, block);
          break;

        case IB_BLOCK_FIGURE:
          if (flow.y + block->height > BODY_BOTTOM && !page_empty (&flow))
            new_page (&flow);
          place (&flow, block, block->height, TRUE);
          break;

        case IB_BLOCK_BREAK:
        default:
          break;
        }

      flow.y += block->space_after;
    }
}

/* Drawing */

static void
set_color (cairo_t             *cr,
           const IbReportColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
set_ink (cairo_t *cr)
{
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
}

/* Draws the part of @text between @from and @to (its own space) with its top at @x, @y. */
static void
draw_text (IbReport *self,
           cairo_t  *cr,
           IbText   *text,
           double    x,
           double    y,
           double    from,
           double    to)
{
  g_autoptr (PangoLayout) layout = make_layout (self, text, text->width - mark_room (text));
  double first_line = from;

  /* A continued text starts exactly at its first line: nothing of the line before shows. */
  cairo_save (cr);
  cairo_rectangle (cr, x - 2, from > 0.01 ? y : y - 0.5, text->width + 4, to - from + (from > 0.01 ? 0.5 : 1));
  cairo_clip (cr);

  if (text->mark != IB_MARK_NONE && from < 0.01)
    {
      double line_h = text->lines->len > 1 ? g_array_index (text->lines, double, 1) : text->height;

      ib_report_draw_mark (cr, text->mark, x + MARK_SIZE / 2, y + line_h / 2, MARK_SIZE, &text->mark_color);
    }

  set_ink (cr);
  cairo_move_to (cr, x + mark_room (text), y - first_line);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
tag_begin (cairo_t    *cr,
           const char *tag,
           const char *attributes)
{
  cairo_tag_begin (cr, tag, attributes);
}

static gboolean
is_list_item (IbBlock *block)
{
  return block->kind == IB_BLOCK_TEXT && g_strcmp0 (block->tag, "LI") == 0;
}

static void
draw_text_block (IbReport *self,
                 cairo_t  *cr,
                 Placed   *placed)
{
  IbBlock *block = placed->block;
  double x = MARGIN_X + block->indent;
  double pad = block->boxed ? 4 : 0;

  if (block->boxed)
    {
      cairo_set_source_rgb (cr, 0.95, 0.95, 0.94);
      cairo_rectangle (cr, x, placed->y, TEXT_WIDTH - block->indent, placed->height);
      cairo_fill (cr);
      set_color (cr, &ib_report_grey);
      cairo_rectangle (cr, x, placed->y, 3, placed->height);
      cairo_fill (cr);
      x += 12;
    }

  if (placed->first && block->dest != NULL)
    {
      g_autofree char *attributes = g_strdup_printf ("name='%s' x=%.1f y=%.1f", block->dest, MARGIN_X, placed->y);

      cairo_tag_begin (cr, CAIRO_TAG_DEST, attributes);
      cairo_tag_end (cr, CAIRO_TAG_DEST);
    }

  /* A list item's bullet is its label and its text its body, as a tagged list wants them. */
  tag_begin (cr, block->tag != NULL ? block->tag : "P", NULL);
  if (placed->first && block->label != NULL)
    {
      if (is_list_item (block))
        tag_begin (cr, "Lbl", NULL);
      draw_text (self, cr, block->label, MARGIN_X + block->indent - block->label->width - 4,
                 placed->y + pad, 0, block->label->height);
      if (is_list_item (block))
        cairo_tag_end (cr, "Lbl");
    }
  if (is_list_item (block))
    tag_begin (cr, "LBody", NULL);
  if (block->link != NULL)
    tag_begin (cr, CAIRO_TAG_LINK, block->link);

  draw_text (self, cr, block->text, x, placed->y + pad, placed->from, placed->to);

  if (block->link != NULL)
    cairo_tag_end (cr, CAIRO_TAG_LINK);
  if (is_list_item (block))
    cairo_tag_end (cr, "LBody");
  cairo_tag_end (cr, block->tag != NULL ? block->tag : "P");
}

static void
draw_table_block (IbReport *self,
                  cairo_t  *cr,
                  Placed   *placed)
{
  IbBlock *block = placed->block;
  double y = placed->y;

  cairo_set_line_width (cr, 0.5);
  tag_begin (cr, "Table", NULL);

  if (placed->header)
    {
      double h = header_height (block);

      cairo_set_source_rgb (cr, 0.88, 0.88, 0.89);
      cairo_rectangle (cr, MARGIN_X, y, TEXT_WIDTH, h);
      cairo_fill (cr);
      tag_begin (cr, "TR", NULL);
      for (guint c = 0; c < block->header->len; c++)
        {
          IbText *cell = block->header->pdata[c];

          tag_begin (cr, "TH", NULL);
          draw_text (self, cr, cell, MARGIN_X + column_x (block, c) + CELL_PAD_X, y + CELL_PAD_Y, 0, cell->height);
          cairo_tag_end (cr, "TH");
        }
      cairo_tag_end (cr, "TR");
      cairo_set_source_rgb (cr, 0.55, 0.55, 0.57);
      cairo_rectangle (cr, MARGIN_X, y, TEXT_WIDTH, h);
      cairo_stroke (cr);
      y += h;
    }

  for (guint p = 0; placed->pieces != NULL && p < placed->pieces->len; p++)
    {
      RowPiece *piece = &g_array_index (placed->pieces, RowPiece, p);
      IbRow *row = block->rows->pdata[piece->row];
      double h = piece->to - piece->from + piece->lead;

      if (row->span)
        {
          if (row->placeholder)
            cairo_set_source_rgb (cr, 0.95, 0.95, 0.94);
          else
            cairo_set_source_rgb (cr, 0.93, 0.94, 0.96);
          cairo_rectangle (cr, MARGIN_X, y, TEXT_WIDTH, h);
          cairo_fill (cr);
        }

      tag_begin (cr, "TR", NULL);
      for (guint c = 0; c < row->cells->len; c++)
        {
          IbText *cell = row->cells->pdata[c];
          double from = MAX (piece->from - CELL_PAD_Y, 0);
          double to = MIN (piece->to - CELL_PAD_Y, cell->height);
          double top = y + (piece->from < 0.01 ? CELL_PAD_Y : piece->lead);

          tag_begin (cr, row->span && !row->placeholder ? "TH" : "TD", NULL);
          if (to > from)
            draw_text (self, cr, cell, MARGIN_X + (row->span ? 0 : column_x (block, c)) + CELL_PAD_X, top, from, to);
          cairo_tag_end (cr, row->span && !row->placeholder ? "TH" : "TD");
        }
      cairo_tag_end (cr, "TR");

      cairo_set_source_rgb (cr, 0.72, 0.72, 0.74);
      cairo_rectangle (cr, MARGIN_X, y, TEXT_WIDTH, h);
      cairo_stroke (cr);
      for (guint c = 1; !row->span && c < block->n_columns; c++)
        {
          cairo_move_to (cr, MARGIN_X + column_x (block, c), y);
          cairo_line_to (cr, MARGIN_X + column_x (block, c), y + h);
          cairo_stroke (cr);
        }
      y += h;
    }

  cairo_tag_end (cr, "Table");
}

static void
draw_figure_block (IbReport *self,
                   cairo_t  *cr,
                   Placed   *placed)
{
  IbBlock *block = placed->block;

  tag_begin (cr, "Figure", NULL);
  cairo_save (cr);
  block->draw (cr, self->context, block->data, MARGIN_X, placed->y, TEXT_WIDTH, block->height);
  cairo_restore (cr);
  cairo_tag_end (cr, "Figure");
}

static void
draw_running_text (IbReport *self,
                   cairo_t  *cr,
                   guint     page)
{
  g_autoptr (PangoLayout) left = pango_layout_new (self->context);
  g_autoptr (PangoLayout) right = pango_layout_new (self->context);
  g_autoptr (PangoLayout) footer = pango_layout_new (self->context);
  /* Translators: the footer of every page of a printed pack */
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  PangoRectangle extent;

  /* Running header and footer repeat on every page: artefacts, not content, so untagged. */
  pango_layout_set_font_description (left, self->fonts[IB_FONT_HEADER]);
  pango_layout_set_font_description (right, self->fonts[IB_FONT_HEADER]);
  pango_layout_set_font_description (footer, self->fonts[IB_FONT_HEADER]);
  pango_layout_set_width (left, (int) (TEXT_WIDTH * 0.62 * PANGO_SCALE));
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (left, self->header_text, -1);
  pango_layout_set_width (right, (int) (TEXT_WIDTH * 0.36 * PANGO_SCALE));
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  pango_layout_set_wrap (right, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (right, self->status, -1);
  pango_layout_set_text (footer, number, -1);

  set_ink (cr);
  cairo_move_to (cr, MARGIN_X, HEADER_Y);
  pango_cairo_show_layout (cr, left);
  cairo_move_to (cr, MARGIN_X + TEXT_WIDTH * 0.64, HEADER_Y);
  pango_cairo_show_layout (cr, right);

  pango_layout_get_extents (right, NULL, &extent);
  cairo_set_line_width (cr, 0.5);
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.57);
  cairo_move_to (cr, MARGIN_X, MAX (HEADER_Y + 14, HEADER_Y + extent.height / (double) PANGO_SCALE + 3));
  cairo_line_to (cr, MARGIN_X + TEXT_WIDTH, MAX (HEADER_Y + 14, HEADER_Y + extent.height / (double) PANGO_SCALE + 3));
  cairo_stroke (cr);

  pango_layout_get_extents (footer, NULL, &extent);
  set_ink (cr);
  cairo_move_to (cr, (IB_REPORT_PAGE_WIDTH - extent.width / (double) PANGO_SCALE) / 2, FOOTER_Y + 12);
  pango_cairo_show_layout (cr, footer);
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.57);
  cairo_move_to (cr, MARGIN_X, FOOTER_Y + 6);
  cairo_line_to (cr, MARGIN_X + TEXT_WIDTH, FOOTER_Y + 6);
  cairo_stroke (cr);

  if (self->draft)
    {
      g_autoptr (PangoLayout) mark = pango_layout_new (self->context);
      PangoFontDescription *font = pango_font_description_copy (self->fonts[IB_FONT_TITLE]);

      /* Translators: written across every page of a pack that has not been issued */
      pango_font_description_set_size (font, 96 * PANGO_SCALE);
      pango_layout_set_font_description (mark, font);
      pango_layout_set_text (mark, C_("watermark", "DRAFT"), -1);
      pango_layout_get_extents (mark, NULL, &extent);
      cairo_save (cr);
      cairo_translate (cr, IB_REPORT_PAGE_WIDTH / 2, IB_REPORT_PAGE_HEIGHT / 2);
      cairo_rotate (cr, -G_PI / 4);
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.13);
      cairo_move_to (cr, -extent.width / (2.0 * PANGO_SCALE), -extent.height / (2.0 * PANGO_SCALE));
      pango_cairo_show_layout (cr, mark);
      cairo_restore (cr);
      pango_font_description_free (font);
    }
}

static void
draw_page (IbReport *self,
           cairo_t  *cr,
           guint     index)
{
  Page *page = self->pages->pdata[index];

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, IB_REPORT_PAGE_WIDTH, IB_REPORT_PAGE_HEIGHT);
  cairo_fill (cr);

  draw_running_text (self, cr, index);

  for (guint i = 0; i < page->placed->len; i++)
    {
      Placed *placed = page->placed->pdata[i];
      Placed *before = i > 0 ? page->placed->pdata[i - 1] : NULL;
      Placed *after = i + 1 < page->placed->len ? page->placed->pdata[i + 1] : NULL;

      /* A run of list items on a page is one list. */
      if (is_list_item (placed->block) && (before == NULL || !is_list_item (before->block)))
        tag_begin (cr, "L", NULL);

      switch (placed->block->kind)
        {
        case IB_BLOCK_TEXT:
          draw_text_block (self, cr, placed);
          break;
        case IB_BLOCK_TABLE:
          draw_table_block (self, cr, placed);
          break;
        case IB_BLOCK_FIGURE:
          draw_figure_block (self, cr, placed);
          break;
        case IB_BLOCK_BREAK:
        default:
          break;
        }

      if (is_list_item (placed->block) && (after == NULL || !is_list_item (after->block)))
        cairo_tag_end (cr, "L");
    }
  cairo_restore (cr);
}

void
ib_report_draw_page (IbReport *self,
                     cairo_t  *cr,
                     guint     page,
                     double    width,
                     double    height)
{
  double scale;

  g_return_if_fail (IB_IS_REPORT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  scale = MIN (width / IB_REPORT_PAGE_WIDTH, height / IB_REPORT_PAGE_HEIGHT);
  cairo_save (cr);
  cairo_translate (cr, (width - IB_REPORT_PAGE_WIDTH * scale) / 2, (height - IB_REPORT_PAGE_HEIGHT * scale) / 2);
  cairo_scale (cr, scale, scale);
  draw_page (self, cr, page);
  cairo_restore (cr);
}

/* A page's text */

/* Appends the lines of @text between @from and @to (its own space) to @out: a page's share of
 * a text that continues over pages, joined back into its sentences. */
static void
append_lines (IbReport *self,
              IbText   *text,
              double    from,
              double    to,
              GString  *out)
{
  g_autoptr (PangoLayout) layout = make_layout (self, text, text->width - mark_room (text));
  const char *plain = pango_layout_get_text (layout);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  gboolean any = FALSE;

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      int top, bottom;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      if (top / (double) PANGO_SCALE < from - 0.01 || top / (double) PANGO_SCALE >= to - 0.01)
        continue;
      /* A line break inside a paragraph is the page's, not the text's. */
      if (any && pango_layout_line_is_paragraph_start (line))
        g_string_append_c (out, '\n');
      g_string_append_len (out, plain + line->start_index, line->length);
      any = TRUE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  /* Soft breaks keep their spaces at the line ends; the block ends its own line. */
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
}

/* Appends a table row as one line, each cell after its column's name: a reader hears the
 * row, not the grid. */
static void
append_row (IbReport *self,
            IbBlock  *table,
            IbRow    *row,
            double    from,
            double    to,
            GString  *out)
{
  gsize start = out->len;

  for (guint c = 0; c < row->cells->len; c++)
    {
      gsize before = out->len, content;

      if (out->len > start)
        /* Translators: between the cells of a table row in a pack's text, as a screen reader reads it */
        g_string_append (out, C_("table cell separator", "; "));
      if (!row->span && table->header != NULL && c < table->header->len)
        {
          append_lines (self, table->header->pdata[c], 0, G_MAXDOUBLE, out);
          /* Translators: in a pack's text, between a table column's name and a cell's content */
          g_string_append (out, C_("table cell", ": "));
        }
      content = out->len;
      append_lines (self, row->cells->pdata[c], MAX (from - CELL_PAD_Y, 0), to - CELL_PAD_Y, out);
      /* An empty cell, or one whose lines are all on another page, says nothing. */
      if (out->len == content)
        g_string_truncate (out, before);
    }
  if (out->len > start)
    g_string_append_c (out, '\n');
}

char *
ib_report_get_page_text (IbReport *self,
                         guint     page)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *status = NULL;
  Page *p;

  g_return_val_if_fail (IB_IS_REPORT (self), NULL);
  g_return_val_if_fail (page < self->pages->len, NULL);

  p = self->pages->pdata[page];
  pango_parse_markup (self->status, -1, 0, NULL, &status, NULL, NULL);
  g_string_append_printf (out, "%s\n%s\n\n", self->header_text, status != NULL ? status : "");

  for (guint i = 0; i < p->placed->len; i++)
    {
      Placed *placed = p->placed->pdata[i];
      IbBlock *block = placed->block;

      switch (block->kind)
        {
        case IB_BLOCK_TEXT:
          if (placed->first && block->label != NULL)
            {
              append_lines (self, block->label, 0, G_MAXDOUBLE, out);
              g_string_append_c (out, ' ');
            }
          append_lines (self, block->text, placed->from, placed->to, out);
          g_string_append_c (out, '\n');
          break;

        case IB_BLOCK_TABLE:
          for (guint r = 0; placed->pieces != NULL && r < placed->pieces->len; r++)
            {
              RowPiece *piece = &g_array_index (placed->pieces, RowPiece, r);
              IbRow *row = block->rows->pdata[piece->row];

              append_row (self, block, row, piece->from, piece->to, out);
            }
          break;

        case IB_BLOCK_FIGURE:
          if (block->alt != NULL)
            g_string_append_printf (out, "%s\n", block->alt);
          break;

        case IB_BLOCK_BREAK:
        default:
          break;
        }
    }

  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Page %u of %u"), page + 1, self->pages->len);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The PDF */

typedef struct
{
  int      fd;
  gboolean failed;
  int      saved_errno;
} Sink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0 && !sink->failed)
    {
      ssize_t n = write (sink->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          sink->failed = TRUE;
          sink->saved_errno = n < 0 ? errno : ENOSPC;
          break;
        }
      data += n;
      length -= (unsigned int) n;
    }

  /* The failure is kept here and reported once the surface is finished: cairo 1.16 aborts
   * (an assertion in its PDF structure code) when told of a write error half-way. */
  return CAIRO_STATUS_SUCCESS;
}

/* Headings as bookmarks: each H1 a top level, each H2 beneath the H1 before it. */
static void
add_outline (IbReport        *self,
             cairo_surface_t *surface)
{
  int parent = CAIRO_PDF_OUTLINE_ROOT;

  for (guint p = 0; p < self->pages->len; p++)
    {
      Page *page = self->pages->pdata[p];

      for (guint i = 0; i < page->placed->len; i++)
        {
          Placed *placed = page->placed->pdata[i];
          IbBlock *block = placed->block;
          g_autofree char *plain = NULL;
          g_autofree char *link = NULL;
          int id;

          if (block->kind != IB_BLOCK_TEXT || block->outline == 0 || !placed->first)
            continue;
          if (!pango_parse_markup (block->text->markup, -1, 0, NULL, &plain, NULL, NULL))
            continue;
          link = g_strdup_printf ("page=%u pos=[%.1f %.1f]", p + 1, MARGIN_X, placed->y);
          id = cairo_pdf_surface_add_outline (surface, block->outline == 1 ? CAIRO_PDF_OUTLINE_ROOT : parent,
                                              plain, link, 0);
          if (block->outline == 1)
            parent = id;
        }
    }
}

gboolean
ib_report_write_pdf (IbReport    *self,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *author = NULL;
  g_autofree char *subject = NULL;
  Sink sink = { -1, FALSE, 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  JsonObject *document, *report, *meeting;

  g_return_val_if_fail (IB_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      /* Translators: %s is a file name */
      g_set_error (error, IB_REPORT_ERROR, IB_REPORT_ERROR_WRITE, _("Cannot write “%s”: it is a folder."), path);
      return FALSE;
    }

  /* Beside the target, so the rename is atomic and the target is whole or as it was. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  sink.fd = g_mkstemp_full (tmp, O_WRONLY, 0644);
  if (sink.fd < 0)
    {
      int saved = errno;

      /* Translators: a file name, then why it could not be written */
      g_set_error (error, IB_REPORT_ERROR, IB_REPORT_ERROR_WRITE, _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }

  document = ib_pack_get_document (self->pack);
  report = json_object_get_object_member (document, "report");
  meeting = json_object_get_object_member (document, "meeting");
  author = g_strdup (self->public_notice ? "" : json_object_get_string_member_with_default (report, "authors", ""));
  subject = g_strdup_printf ("%s, %s", json_object_get_string_member_with_default (meeting, "title", ""),
                             json_object_get_string_member_with_default (meeting, "held_on", ""));

  surface = cairo_pdf_surface_create_for_stream (write_cb, &sink, IB_REPORT_PAGE_WIDTH, IB_REPORT_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Improvement Board " PACKAGE_VERSION);

  cr = cairo_create (surface);
  cairo_tag_begin (cr, "Document", NULL);
  for (guint p = 0; p < self->pages->len; p++)
    {
      draw_page (self, cr, p);
      cairo_show_page (cr);
    }
  cairo_tag_end (cr, "Document");
  add_outline (self, surface);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS && !sink.failed && fsync (sink.fd) != 0)
    {
      sink.failed = TRUE;
      sink.saved_errno = errno;
    }
  if (close (sink.fd) != 0 && !sink.failed)
    {
      sink.failed = TRUE;
      sink.saved_errno = errno;
    }

  if (sink.failed || status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, IB_REPORT_ERROR, IB_REPORT_ERROR_WRITE, _("Cannot write “%s”: %s"), path,
                   sink.failed ? g_strerror (sink.saved_errno) : cairo_status_to_string (status));
      return FALSE;
    }

  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, IB_REPORT_ERROR, IB_REPORT_ERROR_WRITE, _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

/* The object */

static void
ib_report_finalize (GObject *object)
{
  IbReport *self = (IbReport *) object;

  g_clear_object (&self->pack);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->header_text, g_free);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  for (guint i = 0; i < IB_N_FONTS; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ib_report_parent_class)->finalize (object);
}

static void
ib_report_class_init (IbReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ib_report_finalize;
}

static PangoFontDescription *
font (double   size,
      gboolean bold)
{
  PangoFontDescription *description = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (description, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (description, PANGO_WEIGHT_BOLD);
  return description;
}

static void
ib_report_init (IbReport *self)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics at 72 dpi: text measures the same on every surface it is drawn on. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  self->fonts[IB_FONT_BODY] = font (10, FALSE);
  self->fonts[IB_FONT_SMALL] = font (8.5, FALSE);
  self->fonts[IB_FONT_TITLE] = font (16, TRUE);
  self->fonts[IB_FONT_H1] = font (14, TRUE);
  self->fonts[IB_FONT_H2] = font (12, TRUE);
  self->fonts[IB_FONT_H3] = font (10.5, TRUE);
  self->fonts[IB_FONT_HEADER] = font (8, FALSE);
}

IbReport *
ib_report_new (IbPack      *pack,
               IbPackPart   part,
               GError     **error)
{
  g_autoptr (IbReport) self = NULL;
  JsonObject *document, *meeting;

  g_return_val_if_fail (IB_IS_PACK (pack), NULL);

  self = g_object_new (IB_TYPE_REPORT, NULL);
  self->pack = g_object_ref (pack);
  self->part = part;
  self->draft = ib_pack_is_draft (pack);

  self->blocks = _ib_report_build_blocks (pack, part, error);
  if (self->blocks == NULL)
    return NULL;

  document = ib_pack_get_document (pack);
  meeting = json_object_get_object_member (document, "meeting");
  /* An exempt report's Part 1 names its meeting only: even its subject is exempt. */
  self->public_notice = part == IB_PACK_PART_PUBLIC && ib_pack_is_exempt (pack);
  self->title = g_strdup (json_object_get_string_member_with_default (self->public_notice ? meeting
                                                                       : json_object_get_object_member (document, "report"),
                                                                      self->public_notice ? "title" : "subject", ""));
  self->status = _ib_report_status_line (pack, part);
  {
    g_autofree char *date = ib_text_date (json_object_get_string_member_with_default (meeting, "held_on", NULL));

    /* Translators: the running header: a meeting's title and its date */
    self->header_text = g_strdup_printf (C_("running header", "%s, %s"),
                                         json_object_get_string_member_with_default (meeting, "title", ""), date);
  }

  paginate (self);

  return g_steal_pointer (&self);
}

guint
ib_report_get_n_pages (IbReport *self)
{
  g_return_val_if_fail (IB_IS_REPORT (self), 0);
  return self->pages->len;
}

const char *
ib_report_get_title (IbReport *self)
{
  g_return_val_if_fail (IB_IS_REPORT (self), NULL);
  return self->title;
}
