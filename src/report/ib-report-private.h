/* ib-report-private.h: the report's blocks (text, tables, figures), laid out on pages first
 * and drawn afterwards, so every page knows the number of pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "ib-pack.h"
#include "ib-report.h"
#include "ib-report-chart.h"

G_BEGIN_DECLS

typedef enum
{
  IB_FONT_BODY,
  IB_FONT_SMALL,
  IB_FONT_TITLE,
  IB_FONT_H1,
  IB_FONT_H2,
  IB_FONT_H3,
  IB_FONT_HEADER,   /* the running header and footer */
  IB_N_FONTS,
} IbFont;

/* A piece of text in Pango markup, wrapped to a width when measured. */
typedef struct
{
  char          *markup;
  IbFont         font;
  IbMark         mark;         /* drawn before the text, which moves right to make room */
  IbReportColor  mark_color;
  double         width;
  double         height;
  GArray        *lines;        /* double: each line's top, then the last line's bottom */
} IbText;

typedef enum
{
  IB_BLOCK_TEXT,
  IB_BLOCK_TABLE,
  IB_BLOCK_FIGURE,
  IB_BLOCK_BREAK,              /* the next block starts a new page */
} IbBlockKind;

typedef void (*IbFigureDraw) (cairo_t      *cr,
                              PangoContext *context,
                              gpointer      data,
                              double        x,
                              double        y,
                              double        width,
                              double        height);

typedef struct
{
  GPtrArray *cells;            /* IbText, one per column, or one across them all */
  gboolean   span;             /* one cell across the columns: a group heading or a placeholder */
  gboolean   placeholder;      /* the line put in place of an exempt item */
  double     height;
} IbRow;

typedef struct
{
  IbBlockKind   kind;
  const char   *tag;           /* PDF structure tag: H1, H2, H3, P, LI */
  IbText       *text;
  IbText       *label;         /* a paragraph number or bullet, in the gutter */
  double        indent;
  double        space_before;
  double        space_after;
  gboolean      keep_with_next;
  gboolean      boxed;         /* a note or a placeholder: shaded, with a bar on the left */
  int           outline;       /* 1 or 2: listed in the PDF's bookmarks at that level */
  char         *dest;          /* a named destination links can point at */
  char         *link;          /* "uri='…'" or "dest='…'" for the whole block */

  guint         n_columns;
  double       *widths;        /* fractions of the text width */
  GPtrArray    *header;        /* IbText */
  GPtrArray    *rows;          /* IbRow */

  double        height;        /* a figure's */
  char         *alt;           /* a figure's words, for a reader that cannot see it */
  IbFigureDraw  draw;
  gpointer      data;
  GDestroyNotify free_data;
} IbBlock;

/* Returns a text of Pango @markup in @font, measured when the report is laid out. */
IbText  *_ib_text_new            (IbFont             font,
                                  const char        *markup);
/* As _ib_text_new (), with plain @text escaped. */
IbText  *_ib_text_new_plain      (IbFont             font,
                                  const char        *text);
/* Draws @mark in @color before @text, which moves right to make room. */
void     _ib_text_set_mark       (IbText            *text,
                                  IbMark             mark,
                                  const IbReportColor *color);

/* Returns a paragraph or heading of @text (taken), tagged @tag in the PDF. */
IbBlock *_ib_block_text          (const char        *tag,
                                  IbText            *text);
/* Returns an empty table of @n_columns whose @widths are fractions of the text width. */
IbBlock *_ib_block_table         (guint              n_columns,
                                  const double      *widths);
/* Adds the header row, each of @names (n_columns of them, plain text) in bold. */
void     _ib_block_table_header  (IbBlock           *table,
                                  const char * const *names);
/* Adds a row of @cells (IbText, taken); with one cell it spans the columns. */
IbRow   *_ib_block_table_row     (IbBlock           *table,
                                  IbText           **cells,
                                  guint              n_cells);
/* Returns a figure @height points tall across the text width, drawn by @draw with @data. */
IbBlock *_ib_block_figure        (double             height,
                                  IbFigureDraw       draw,
                                  gpointer           data,
                                  GDestroyNotify     free_data);
/* Returns a block that makes the next one start a new page. */
IbBlock *_ib_block_break         (void);
/* Frees a block and everything it holds. */
void     _ib_block_free          (gpointer           block);

/* Builds the blocks of @part of @pack (transfer full: IbBlock). */
GPtrArray *_ib_report_build_blocks (IbPack           *pack,
                                    IbPackPart        part,
                                    GError          **error);

/* Returns the running header's status line ("Public", "Draft", "Part 2: not for
 * publication…") for @part of @pack (transfer full). */
char    *_ib_report_status_line  (IbPack            *pack,
                                  IbPackPart         part);

/* The print colours of RAG, grades, target statuses and bands: a word's shape is drawn in them. */
extern const IbReportColor ib_report_red;
extern const IbReportColor ib_report_amber;
extern const IbReportColor ib_report_green;
extern const IbReportColor ib_report_grey;
extern const IbReportColor ib_report_blue;

G_END_DECLS
