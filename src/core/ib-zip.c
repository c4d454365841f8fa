/* ib-zip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-zip"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ib-zip.h"

G_DEFINE_QUARK (ib-zip-error-quark, ib_zip_error)

#define SIG_LOCAL   0x04034b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_END     0x06054b50u
#define END_SIZE    22
#define CENTRAL_SIZE 46
#define LOCAL_SIZE  30
#define CHUNK       (64 * 1024)

typedef struct
{
  guint32 crc;
  guint32 compressed;
  guint32 size;
  guint32 offset;
  guint16 method;
} Entry;

struct _IbZip
{
  GBytes     *data;
  const guint8 *bytes;
  gsize       length;
  GHashTable *entries;  /* name → Entry */
};

static guint16
get16 (const guint8 *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

static guint32
get32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static gboolean
corrupt (GError **error)
{
  g_set_error_literal (error, IB_ZIP_ERROR, IB_ZIP_ERROR_CORRUPT,
                       _("The file is damaged or cut short: it is not a whole ZIP archive (a workbook is one)."));
  return FALSE;
}

static guint32
crc32_update (guint32      crc,
              const guint8 *data,
              gsize        length)
{
  static guint32 table[256];

  if (table[1] == 0)
    for (guint32 n = 0; n < 256; n++)
      {
        guint32 c = n;

        for (int k = 0; k < 8; k++)
          c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
      }
  crc = ~crc;
  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

IbZip *
ib_zip_open (GBytes  *data,
             GError **error)
{
  g_autoptr (IbZip) self = g_new0 (IbZip, 1);
  const guint8 *end = NULL;
  guint32 n_entries, cd_size, cd_offset;
  const guint8 *p, *cd_end;

  g_return_val_if_fail (data != NULL, NULL);

  self->data = g_bytes_ref (data);
  self->bytes = g_bytes_get_data (data, &self->length);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* The end record is the last thing in the file, before a comment of at most 65,535 bytes. */
  if (self->length < END_SIZE)
    {
      corrupt (error);
      return NULL;
    }
  for (gsize at = self->length - END_SIZE + 1; at-- > 0 && self->length - at <= END_SIZE + 0xffff;)
    if (get32 (self->bytes + at) == SIG_END && at + END_SIZE + get16 (self->bytes + at + 20) == self->length)
      {
        end = self->bytes + at;
        break;
      }
  if (end == NULL)
    {
      corrupt (error);
      return NULL;
    }
  if (get16 (end + 4) != 0 || get16 (end + 6) != 0 || get16 (end + 8) != get16 (end + 10))
    {
      g_set_error_literal (error, IB_ZIP_ERROR, IB_ZIP_ERROR_UNSUPPORTED,
                           _("The archive is split over several files, which cannot be read."));
      return NULL;
    }
  n_entries = get16 (end + 10);
  cd_size = get32 (end + 12);
  cd_offset = get32 (end + 16);
  if (n_entries == 0xffff || cd_size == 0xffffffffu || cd_offset == 0xffffffffu)
    {
      g_set_error_literal (error, IB_ZIP_ERROR, IB_ZIP_ERROR_UNSUPPORTED,
                           _("The archive uses the ZIP64 format, which is not read: a workbook this large is not a published summary."));
      return NULL;
    }
  if (n_entries > IB_ZIP_MAX_ENTRIES)
    {
      g_set_error (error, IB_ZIP_ERROR, IB_ZIP_ERROR_TOO_BIG,
                   _("The archive lists %u files; a workbook has far fewer (at most %u are read)."),
                   n_entries, IB_ZIP_MAX_ENTRIES);
      return NULL;
    }
  if ((gsize) cd_offset + cd_size > (gsize) (end - self->bytes))
    {
      corrupt (error);
      return NULL;
    }

  p = self->bytes + cd_offset;
  cd_end = p + cd_size;
  for (guint i = 0; i < n_entries; i++)
    {
      Entry *entry;
      guint16 name_len, extra_len, comment_len, flags;
      char *name;

      if (cd_end - p < CENTRAL_SIZE || get32 (p) != SIG_CENTRAL)
        {
          corrupt (error);
          return NULL;
        }
      flags = get16 (p + 8);
      name_len = get16 (p + 28);
      extra_len = get16 (p + 30);
      comment_len = get16 (p + 32);
      if ((gsize) (cd_end - p) < (gsize) CENTRAL_SIZE + name_len + extra_len + comment_len)
        {
          corrupt (error);
          return NULL;
        }
      if (flags & 0x0001)
        {
          g_set_error_literal (error, IB_ZIP_ERROR, IB_ZIP_ERROR_UNSUPPORTED,
                               _("The workbook is protected with a password: save a copy without one and import that."));
          return NULL;
        }
      entry = g_new0 (Entry, 1);
      entry->method = get16 (p + 10);
      entry->crc = get32 (p + 16);
      entry->compressed = get32 (p + 20);
      entry->size = get32 (p + 24);
      entry->offset = get32 (p + 42);
      name = g_strndup ((const char *) p + CENTRAL_SIZE, name_len);
      /* A name with a NUL in it would read as a shorter, different one. */
      if (strlen (name) != name_len || g_hash_table_contains (self->entries, name))
        {
          g_free (name);
          g_free (entry);
          corrupt (error);
          return NULL;
        }
      g_hash_table_insert (self->entries, name, entry);
      p += CENTRAL_SIZE + name_len + extra_len + comment_len;
    }

  return g_steal_pointer (&self);
}

gboolean
ib_zip_contains (IbZip      *self,
                 const char *name)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return g_hash_table_contains (self->entries, name);
}

static gboolean
too_big (const char  *name,
         gsize        max_size,
         GError     **error)
{
  g_autofree char *size = g_format_size (max_size);

  /* Translators: a file inside a workbook, then a size such as "32.0 MB" */
  g_set_error (error, IB_ZIP_ERROR, IB_ZIP_ERROR_TOO_BIG,
               _("“%s” in the archive unpacks to more than %s, more than a published summary holds: it is not read."),
               name, size);
  return FALSE;
}

gboolean
ib_zip_read (IbZip          *self,
             const char     *name,
             gsize           max_size,
             IbZipChunkFunc  func,
             gpointer        user_data,
             GError        **error)
{
  Entry *entry;
  const guint8 *local, *in;
  gsize start, total = 0;
  guint32 crc = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  entry = g_hash_table_lookup (self->entries, name);
  if (entry == NULL)
    {
      /* Translators: %s is the name of a file inside a workbook */
      g_set_error (error, IB_ZIP_ERROR, IB_ZIP_ERROR_MISSING, _("The archive has no “%s”."), name);
      return FALSE;
    }
  if ((gsize) entry->offset + LOCAL_SIZE > self->length)
    return corrupt (error);
  local = self->bytes + entry->offset;
  if (get32 (local) != SIG_LOCAL)
    return corrupt (error);
  start = (gsize) entry->offset + LOCAL_SIZE + get16 (local + 26) + get16 (local + 28);
  if (start > self->length || self->length - start < entry->compressed)
    return corrupt (error);
  in = self->bytes + start;

  if (entry->method == 0)
    {
      if (entry->compressed != entry->size)
        return corrupt (error);
      if (entry->size > max_size)
        return too_big (name, max_size, error);
      crc = crc32_update (0, in, entry->size);
      if (!func ((const char *) in, entry->size, user_data, error))
        return FALSE;
      total = entry->size;
    }
  else if (entry->method == 8)
    {
      g_autoptr (GZlibDecompressor) inflater = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);
      g_autofree guint8 *out = g_malloc (CHUNK);
      gsize left = entry->compressed;

      for (;;)
        {
          g_autoptr (GError) local_error = NULL;
          gsize n_read = 0, n_written = 0;
          GConverterResult result;

          result = g_converter_convert (G_CONVERTER (inflater), in, left, out, CHUNK,
                                        G_CONVERTER_INPUT_AT_END, &n_read, &n_written, &local_error);
          if (result == G_CONVERTER_ERROR)
            return corrupt (error);
          in += n_read;
          left -= n_read;
          total += n_written;
          if (total > max_size)
            return too_big (name, max_size, error);
          crc = crc32_update (crc, out, n_written);
          if (n_written > 0 && !func ((const char *) out, n_written, user_data, error))
            return FALSE;
          if (result == G_CONVERTER_FINISHED)
            break;
          if (n_read == 0 && n_written == 0)
            return corrupt (error);
        }
    }
  else
    {
      g_set_error (error, IB_ZIP_ERROR, IB_ZIP_ERROR_UNSUPPORTED,
                   _("“%s” in the archive is compressed in a way that is not read (method %u); save the workbook again and import that."),
                   name, entry->method);
      return FALSE;
    }

  if (total != entry->size || crc != entry->crc)
    return corrupt (error);
  return TRUE;
}

static gboolean
append_chunk (const char  *data,
              gsize        length,
              gpointer     user_data,
              GError     **error)
{
  g_byte_array_append (user_data, (const guint8 *) data, length);
  return TRUE;
}

GBytes *
ib_zip_read_bytes (IbZip       *self,
                   const char  *name,
                   gsize        max_size,
                   GError     **error)
{
  g_autoptr (GByteArray) buffer = g_byte_array_new ();

  g_return_val_if_fail (self != NULL, NULL);

  if (!ib_zip_read (self, name, max_size, append_chunk, buffer, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

void
ib_zip_free (IbZip *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self);
}
