/* help_call.h — a kiosk's "请工作人员帮助", sent to the staff desk of its hall, signed.
 *
 * Why it exists: when an applicant taps 请工作人员帮助 the desk should show which kiosk
 * asks; the desk listens on the hall's network, so it must accept only kiosks of its
 * keyring, and a recorded request replayed later must not call staff again. The kiosk
 * (app/ui/flow/help_call.c) builds the request with its receipt-signing key
 * (keys.h); the desk (app/desk/desk_help.c) checks it. No SDL, no HTTP here. Contract:
 *
 *   body:   {"kiosk":"<kiosk id>","at":<Unix seconds>,"screen":"<where, in words>"}
 *   header: X-PC-Signature: base64 (libsodium's original variant) of the Ed25519
 *           signature of "pc-help/1\n" followed by the body's bytes
 *
 * The desk accepts a request whose kiosk is in its keyring, whose signature is good and
 * whose time is within PC_HELP_SKEW seconds of its own clock; it keeps each (kiosk, at)
 * once, so a replay is ignored. */
#ifndef PC_HELP_CALL_H
#define PC_HELP_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keys.h"

#define PC_HELP_DOMAIN "pc-help/1\n" /* signed before the body: a help signature is no receipt's */
#define PC_HELP_SIGNATURE_HEADER "X-PC-Signature"
#define PC_HELP_SKEW 300       /* seconds the kiosk's clock and the desk's may differ */
#define PC_HELP_SCREEN_MAX 120 /* bytes of UTF-8 in "screen" */
#define PC_HELP_BODY_MAX 512   /* bytes of a body */
#define PC_HELP_SIG_B64 (((crypto_sign_BYTES + 2) / 3) * 4 + 1)

typedef enum {
    PC_HELP_OK = 0,
    PC_HELP_BAD_BODY,      /* not the JSON of the contract */
    PC_HELP_UNKNOWN_KIOSK, /* the kiosk is not in the keyring */
    PC_HELP_BAD_SIGNATURE, /* missing, not base64, or not this kiosk's */
    PC_HELP_STALE          /* |at - now| > PC_HELP_SKEW */
} pc_help_verdict;

/* A request as checked. */
typedef struct pc_help_request {
    char kiosk_id[PC_KIOSK_ID_MAX + 1];
    int64_t at;
    char screen[PC_HELP_SCREEN_MAX + 1];
} pc_help_request;

/* The body (malloc'd, NUL-terminated) and its signature header value for the kiosk's
 * key, at a time, from a screen's words (cut at a character boundary to fit). false +
 * a reason in err. */
bool pc_help_build(const pc_kiosk_key *key, int64_t at, const char *screen, char **body,
                   char signature[PC_HELP_SIG_B64], char *err, size_t errsize);

/* Checks a received body and signature (NULL when the header is missing) against the
 * keyring at now; fills *out when PC_HELP_OK. */
pc_help_verdict pc_help_check(const pc_keyring *ring, const char *body, size_t len,
                              const char *signature, int64_t now, pc_help_request *out);

/* The verdict's name for programs ("bad_signature") and a reason in English for logs. */
const char *pc_help_verdict_name(pc_help_verdict v);
const char *pc_help_verdict_reason(pc_help_verdict v);

#endif
