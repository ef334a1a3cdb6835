/* base32.c — Base32 for receipts on top of liboath's codec (see base32.h). */
#include "base32.h"

#include <stdlib.h>
#include <string.h>

#include <oath.h>

#define PC_BASE32_MAX_TEXT 8192

static bool upper_alphabet(const char *in, size_t len, char *out);

size_t pc_base32_encoded_len(size_t n)
{
    return (n * 8 + 4) / 5;
}

bool pc_base32_encode(const unsigned char *in, size_t n, char *out, size_t outsize)
{
    size_t want = pc_base32_encoded_len(n);
    if (outsize < want + 1)
        return false;
    if (n == 0) {
        out[0] = '\0';
        return true;
    }
    char *enc = NULL;
    size_t enclen = 0;
    if (oath_base32_encode((const char *)in, n, &enc, &enclen) != OATH_OK || !enc)
        return false;
    bool ok = enclen >= want;
    if (ok) {
        memcpy(out, enc, want);
        out[want] = '\0';
    }
    free(enc);
    return ok;
}

bool pc_base32_decode(const char *in, size_t len, unsigned char *out, size_t outsize,
                      size_t *outlen)
{
    static const bool len_ok[8] = {true, false, true, false, true, true, false, true};
    *outlen = 0;
    if (len > PC_BASE32_MAX_TEXT || !len_ok[len % 8])
        return false;
    size_t n = len * 5 / 8;
    if (n > outsize)
        return false;
    char padded[PC_BASE32_MAX_TEXT + 8];
    if (!upper_alphabet(in, len, padded))
        return false;
    size_t plen = len;
    while (plen % 8)
        padded[plen++] = '=';
    char *dec = NULL;
    size_t declen = 0;
    if (oath_base32_decode(padded, plen, &dec, &declen) != OATH_OK || declen != n) {
        free(dec);
        return false;
    }
    memcpy(out, dec, n);
    free(dec);
    /* Canonical only: the text must be exactly what encoding these bytes gives. */
    char again[PC_BASE32_MAX_TEXT + 1];
    if (!pc_base32_encode(out, n, again, sizeof again) || memcmp(again, padded, len) != 0)
        return false;
    *outlen = n;
    return true;
}

/* Upper-cases into out; false on any character outside A–Z a–z 2–7. */
static bool upper_alphabet(const char *in, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c >= 'a' && c <= 'z')
            c = (unsigned char)(c - 'a' + 'A');
        if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')))
            return false;
        out[i] = (char)c;
    }
    return true;
}
