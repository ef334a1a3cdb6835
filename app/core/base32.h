/* base32.h — RFC 4648 Base32 (A–Z 2–7), no padding, for receipts.
 *
 * Why it exists: receipts travel through USB scanners that type like keyboards, where
 * only letters and digits are the same on every layout, and Caps Lock flips case
 * (receipt.h). The codec itself is liboath's (oath_base32_encode/decode, from gnulib;
 * Debian liboath-dev) — libsodium has Base64 and hex only. This wrapper drops the '='
 * padding on output, restores it on input, accepts lower case, and refuses anything
 * that is not the canonical encoding of its bytes (stray characters, impossible
 * lengths, non-zero trailing bits), so one payload has exactly one text. */
#ifndef PC_BASE32_H
#define PC_BASE32_H

#include <stdbool.h>
#include <stddef.h>

/* Characters needed for n bytes (without the NUL). */
size_t pc_base32_encoded_len(size_t n);
/* Encodes n bytes as upper-case Base32 without padding into out (NUL-terminated).
 * False when out is too small or on allocation failure. */
bool pc_base32_encode(const unsigned char *in, size_t n, char *out, size_t outsize);
/* Decodes len characters (either case, no padding, nothing else) into out. False on
 * any non-canonical input or when out (outsize bytes) is too small. */
bool pc_base32_decode(const char *in, size_t len, unsigned char *out, size_t outsize,
                      size_t *outlen);

#endif
