/* ib-zip.h: the members of a ZIP archive held in memory, read strictly and within limits
 *
 * Enough of PKWARE's APPNOTE for Office Open XML files: the central directory, members stored
 * or deflated, CRC-32 checked. No ZIP64, no encryption, no spanning: an archive using them is
 * refused. Every limit is checked against what is really inflated, not what the headers claim,
 * so a "zip bomb" stops at the cap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define IB_ZIP_ERROR (ib_zip_error_quark ())

typedef enum
{
  IB_ZIP_ERROR_CORRUPT,      /* not a ZIP archive, or one cut short or damaged */
  IB_ZIP_ERROR_TOO_BIG,      /* more members, or a member larger, than the limits allow */
  IB_ZIP_ERROR_UNSUPPORTED,  /* ZIP64, encryption or a compression other than deflate */
  IB_ZIP_ERROR_MISSING,      /* no member of that name */
} IbZipError;

GQuark ib_zip_error_quark (void);

/* The most members an archive may list. */
#define IB_ZIP_MAX_ENTRIES 1000

/* Called with each piece of a member as it is inflated; returning FALSE with @error set stops. */
typedef gboolean (*IbZipChunkFunc) (const char  *data,
                                    gsize        length,
                                    gpointer     user_data,
                                    GError     **error);

typedef struct _IbZip IbZip;

/* Reads the central directory of the archive in @data (kept, not copied: @data must outlive
 * the result). Returns NULL with @error for a file that is not a ZIP archive, is damaged, lists
 * more than IB_ZIP_MAX_ENTRIES members or uses what this reader refuses. */
IbZip     *ib_zip_open       (GBytes          *data,
                              GError         **error);

/* Returns TRUE when the archive has a member called @name. */
gboolean   ib_zip_contains   (IbZip           *self,
                              const char      *name);

/* Inflates member @name, passing it to @func in pieces, and checks its size and CRC-32 at the
 * end. Fails with IB_ZIP_ERROR_TOO_BIG as soon as more than @max_size bytes come out. */
gboolean   ib_zip_read       (IbZip           *self,
                              const char      *name,
                              gsize            max_size,
                              IbZipChunkFunc   func,
                              gpointer         user_data,
                              GError         **error);

/* Returns member @name whole, at most @max_size bytes, or NULL with @error (transfer full). */
GBytes    *ib_zip_read_bytes (IbZip           *self,
                              const char      *name,
                              gsize            max_size,
                              GError         **error);

/* Frees @self; NULL is ignored. */
void       ib_zip_free       (IbZip           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbZip, ib_zip_free)

G_END_DECLS
