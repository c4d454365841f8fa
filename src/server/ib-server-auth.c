/* ib-server-auth.c
 *
 * Passwords use scrypt (RFC 7914) through libgcrypt, already on every machine that has
 * libsecret: it is memory-hard, so each guess costs an attacker 64 MiB as well as time, which
 * blunts GPU cracking of a stolen database far better than PBKDF2 does. N = 2^16, r = 8, p = 1
 * takes about a tenth of a second here and is stored with each hash, so it can be raised
 * without invalidating existing passwords.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-server-auth"

#include "config.h"

#include <errno.h>
#include <gcrypt.h>
#include <gio/gio.h>
#include <sys/random.h>

#include "ib-server-auth.h"

#define SCRYPT_LOG2_N 16
#define SCRYPT_R      8   /* libgcrypt fixes r at 8 */
#define SCRYPT_P      1
#define SALT_BYTES    16
#define KEY_BYTES     32

gboolean
ib_server_auth_init (void)
{
  if (gcry_check_version ("1.8.0") == NULL)
    return FALSE;

  /* No secure memory pool: the server never keeps passwords longer than one request. */
  gcry_control (GCRYCTL_DISABLE_SECMEM, 0);
  gcry_control (GCRYCTL_INITIALIZATION_FINISHED, 0);
  return TRUE;
}

void
ib_random_bytes (guint8 *buffer,
                 gsize   length)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("The kernel refused random bytes: %s", g_strerror (errno));
      done += (gsize) n;
    }
}

static gboolean
derive (const char   *password,
        guint         log2_n,
        guint         p,
        const guint8 *salt,
        gsize         salt_len,
        guint8        key[KEY_BYTES])
{
  return gcry_kdf_derive (password, strlen (password), GCRY_KDF_SCRYPT, 1 << log2_n,
                          salt, salt_len, p, KEY_BYTES, key) == 0;
}

char *
ib_password_hash (const char *password,
                  GError    **error)
{
  guint8 salt[SALT_BYTES], key[KEY_BYTES];
  g_autofree char *salt64 = NULL, *key64 = NULL;

  g_return_val_if_fail (password != NULL, NULL);

  ib_random_bytes (salt, sizeof salt);
  if (!derive (password, SCRYPT_LOG2_N, SCRYPT_P, salt, sizeof salt, key))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "scrypt failed");
      return NULL;
    }

  salt64 = g_base64_encode (salt, sizeof salt);
  key64 = g_base64_encode (key, sizeof key);
  memset (key, 0, sizeof key);

  return g_strdup_printf ("scrypt$%d$%d$%d$%s$%s", SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, salt64, key64);
}

gboolean
ib_password_verify (const char *password,
                    const char *encoded)
{
  g_auto (GStrv) parts = NULL;
  g_autofree guint8 *salt = NULL, *expected = NULL;
  gsize salt_len, expected_len;
  guint8 key[KEY_BYTES];
  guint64 log2_n, r, p;
  guint8 diff = 0;

  g_return_val_if_fail (password != NULL, FALSE);

  if (encoded == NULL)
    return FALSE;

  parts = g_strsplit (encoded, "$", -1);
  if (g_strv_length (parts) != 6 || !g_str_equal (parts[0], "scrypt") ||
      !g_ascii_string_to_unsigned (parts[1], 10, 10, 24, &log2_n, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, SCRYPT_R, SCRYPT_R, &r, NULL) ||
      !g_ascii_string_to_unsigned (parts[3], 10, 1, 16, &p, NULL))
    return FALSE;

  salt = g_base64_decode (parts[4], &salt_len);
  expected = g_base64_decode (parts[5], &expected_len);
  if (expected_len != KEY_BYTES || salt_len == 0)
    return FALSE;

  if (!derive (password, (guint) log2_n, (guint) p, salt, salt_len, key))
    return FALSE;

  for (gsize i = 0; i < KEY_BYTES; i++)
    diff |= key[i] ^ expected[i];
  memset (key, 0, sizeof key);

  return diff == 0;
}

char *
ib_token_new (void)
{
  guint8 raw[32];
  g_autofree char *b64 = NULL;

  ib_random_bytes (raw, sizeof raw);
  b64 = g_base64_encode (raw, sizeof raw);
  memset (raw, 0, sizeof raw);

  /* base64url, unpadded: a token must survive headers and copy-paste unchanged. */
  for (char *c = b64; *c != '\0'; c++)
    {
      if (*c == '+')
        *c = '-';
      else if (*c == '/')
        *c = '_';
      else if (*c == '=')
        {
          *c = '\0';
          break;
        }
    }

  return g_steal_pointer (&b64);
}

char *
ib_token_hash (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}
