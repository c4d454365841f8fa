/* ib-report.h: a pack laid out on A4 pages in the council's committee-report layout, drawn on
 * any cairo context (a print context, an image) or written as a PDF, from one drawing path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ib-pack.h"

G_BEGIN_DECLS

#define IB_REPORT_ERROR (ib_report_error_quark ())

typedef enum
{
  IB_REPORT_ERROR_WRITE,  /* the PDF could not be written; nothing was left behind */
} IbReportError;

/* A4 in points. */
#define IB_REPORT_PAGE_WIDTH  595.2756
#define IB_REPORT_PAGE_HEIGHT 841.8898

#define IB_TYPE_REPORT (ib_report_get_type ())

G_DECLARE_FINAL_TYPE (IbReport, ib_report, IB, REPORT, GObject)

GQuark      ib_report_error_quark   (void);

/* Lays out @part of @pack on A4 pages: Part 1 with each exempt item replaced by one line,
 * or Part 2 with the exempt items under their "not for publication" headings. Fails with
 * IB_PACK_ERROR_NO_PART when @part has nothing to show (a pack with nothing exempt has no
 * Part 2). Whether this device may show Part 2 is the caller's to check
 * (ib_pack_part2_allowed ()). */
IbReport   *ib_report_new           (IbPack       *pack,
                                     IbPackPart    part,
                                     GError      **error);

/* Returns how many pages the report has. */
guint       ib_report_get_n_pages   (IbReport     *self);

/* Returns the report's title for a window or a file's metadata (the pack's subject). */
const char *ib_report_get_title     (IbReport     *self);

/* Draws page @page (from 0) onto @cr, whose user space is @width × @height points with its
 * origin at the page's top left (for a GtkPrintContext: points, full page); the A4 page is
 * scaled to fit and centred when the sizes differ. Tags for a PDF's structure are drawn too;
 * other surfaces ignore them. */
void        ib_report_draw_page     (IbReport     *self,
                                     cairo_t      *cr,
                                     guint         page,
                                     double        width,
                                     double        height);

/* Returns the text of page @page (from 0) in reading order, as plain text: the running header
 * and status line, each paragraph and heading on a line, each table row on a line with each
 * cell after its column's name, each figure's description, and "Page N of M" (transfer full).
 * What a screen reader reads in place of the drawn page. */
char       *ib_report_get_page_text (IbReport     *self,
                                     guint         page);

/* Writes every page as a PDF at @path, with the document's title, author and subject and its
 * headings as bookmarks. The file is written beside @path and renamed over it once complete,
 * so on any error nothing is left at @path and nothing else changes. */
gboolean    ib_report_write_pdf     (IbReport     *self,
                                     const char   *path,
                                     GError      **error);

G_END_DECLS
