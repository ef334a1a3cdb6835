/* receipt.h — the signed receipt: issue, encode, decode, verify.
 *
 * Why it exists: staff at the window scan the applicant's receipt and must see the
 * pre-check at once, trusting that nobody changed it, with nothing but the
 * department's keyring of kiosk public keys. The receipt is a compact binary payload
 * signed with the kiosk's Ed25519 key (libsodium), written as Base32 (RFC 4648
 * alphabet A–Z 2–7, upper case, no padding; liboath's codec) behind a prefix of
 * letters and digits only:
 *
 *   "RC1" + Base32(payload)               signed, readable by staff with the keyring
 *   "RS1" + Base32(id ‖ sealed(payload))  the same payload sealed to the department's
 *                                          key (crypto_box_seal): a stranger sees the
 *                                          receipt number and nothing else
 *
 * Why no ':' as in "HC1:": USB scanners type like keyboards, and only A–Z, 0–9 come
 * out the same under every layout (':' is Shift+; on US, Shift+. on a German layout,
 * elsewhere on French); Caps Lock flips case, so decoding ignores case. All of A–Z,
 * 0–9 is in the QR alphanumeric set, so the text fits the densest text mode.
 *
 * Payload, format 1 (integers big-endian):
 *   u8 format=1 | 8 bytes receipt id (12 × 5-bit symbols) | 4 bytes signing key id
 *   | u8 len + kiosk id | u32 created_at | u8 len + policy id | u8 len + pack version
 *   | u8 outcome | u16 n questions | answers, 2 bits a question in pack order, first
 *   in the high bits (0 unanswered, 1 yes, 2 no, 3 unsure) | u16 day number
 *   (days since 1970-01-01, 0 = none) for each date question in pack order
 *   | 64-byte Ed25519 signature of "pc-receipt-1" ‖ everything before it.
 *
 * A submission is committed to the store before its receipt exists for anyone
 * (pc_receipt_issue). Decoding never trusts lengths: every read is bounds-checked. */
#ifndef PC_RECEIPT_H
#define PC_RECEIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eval.h"
#include "keys.h"
#include "pack.h"
#include "store.h"

#define PC_RECEIPT_FORMAT 3
#define PC_RECEIPT_PREFIX "RC1"
#define PC_RECEIPT_SEALED_PREFIX "RS1"
#define PC_RECEIPT_MAX_PAYLOAD 1024 /* bytes, signed (and sealed) */
#define PC_RECEIPT_MAX_TEXT 1700    /* characters incl. prefix and NUL */

/* What a receipt says. */
typedef struct pc_receipt {
    int format; /* PC_RECEIPT_FORMAT */
    char receipt_id[PC_RECEIPT_ID_SIZE];
    unsigned char key_id[PC_KEY_ID_BYTES]; /* fingerprint of the signing key */
    char kiosk_id[PC_KIOSK_ID_MAX + 1];
    int64_t created_at;
    char policy_id[PC_POLICY_ID_MAX + 1];
    char pack_version[PC_PACK_VERSION_MAX + 1];
    pc_outcome outcome;
    size_t n_questions;
    pc_answers answers;  /* by question index */
    bool sealed;         /* came as "RS1": the answers are sealed to the hall's desks */
    bool answers_hidden; /* sealed, and this desk has no hall key to open them */
} pc_receipt;

/* ---- receipt ids ---- */

/* A new random id (libsodium randombytes), canonical form. */
void pc_receipt_id_new(char out[PC_RECEIPT_ID_SIZE]);
/* Accepts any case, spaces and '-', and reads I/L as 1 and O as 0; checks the check
 * character. Writes the canonical form. */
bool pc_receipt_id_parse(const char *text, char out[PC_RECEIPT_ID_SIZE]);
/* "7K3M 9QXD 4RT8" (buf at least 15 bytes). */
void pc_receipt_id_format(const char *id, char *buf, size_t size);

/* ---- building, encoding, decoding ---- */

/* Fills a receipt from a pack, the answers and their result. */
void pc_receipt_from_answers(pc_receipt *rc, const char *receipt_id, const char *kiosk_id,
                             int64_t created_at, const pc_pack *pack, const pc_answers *answers,
                             pc_outcome outcome);
/* Answers from a receipt for pc_facts_from_answers; false when the receipt does not
 * fit the pack (question count or date questions differ). */
bool pc_receipt_to_answers(const pc_receipt *rc, const pc_pack *pack, pc_answers *answers);

/* Signs and encodes: writes the receipt text (NUL-terminated) into text. When seal_pk
 * (the hall's desk key, a crypto_box public key) is not NULL the answers are sealed to
 * it ("RS1"): a found slip tells nothing of what the applicant answered, while its
 * number, kiosk, time, policy, outcome and signature stay checkable by anyone.
 * *payload_len (may be NULL) gets the binary size before Base32. False when a field
 * does not fit or text is too small. */
bool pc_receipt_encode(const pc_receipt *rc, const pc_kiosk_key *key, const unsigned char *seal_pk,
                       char *text, size_t textsize, size_t *payload_len);

typedef enum {
    PC_VERDICT_VALID = 0,     /* signature good, pack found, re-evaluated */
    PC_VERDICT_MALFORMED,     /* not a receipt of ours: prefix, Base32, layout */
    PC_VERDICT_TAMPERED,      /* signed by this kiosk's key id, but the content changed
                                    (or a sealed receipt that does not open) */
    PC_VERDICT_FORGED,        /* signed by a key that is not this kiosk's */
    PC_VERDICT_UNKNOWN_KIOSK, /* kiosk id not in the keyring: cannot be checked */
    PC_VERDICT_UNKNOWN_PACK,  /* genuine, but this desk has no pack with that id+version */
    PC_VERDICT_SEALED_NO_KEY, /* genuine, but its answers are sealed and this desk has no
                                    hall key: the outcome is shown, the answers are not */
    PC_VERDICT_COUNT
} pc_verdict;

const char *pc_verdict_name(pc_verdict verdict); /* "valid", "tampered", … */
/* The string key of the verdict's one-line message for staff ("verdict.valid" …): look
 * it up in the string table (strings.h). */
const char *pc_verdict_key(pc_verdict verdict);

/* Decodes a scanned line (prefix case-insensitive; surrounding spaces, CR, LF, tab
 * ignored) without checking the signature. Returns PC_VERDICT_VALID when the layout
 * is sound, PC_VERDICT_MALFORMED otherwise; for "RS1" without the hall key (dept, with
 * its secret) PC_VERDICT_SEALED_NO_KEY with everything but the answers read, and
 * PC_VERDICT_TAMPERED when the seal does not open. The signature is NOT checked:
 * use pc_receipt_verify for that. */
pc_verdict pc_receipt_decode(const char *line, const pc_dept_key *dept, pc_receipt *rc);

/* Everything a desk needs to check a scan. */
typedef struct pc_verify_ctx {
    const pc_keyring *keyring;
    const pc_dept_key *dept; /* the hall's desk key; NULL: sealed answers stay hidden */
    const pc_pack_set *packs;
    const pc_calendar *cal;
} pc_verify_ctx;

typedef struct pc_verify_result {
    pc_verdict verdict;
    pc_receipt receipt;   /* as decoded (receipt_id set whenever readable) */
    const pc_pack *pack;  /* the pack with that id and version, or NULL */
    pc_result result;     /* re-evaluation on the day the receipt was made */
    bool outcome_matches; /* re-evaluated outcome = the one signed */
} pc_verify_result;

/* A scanned line → verdict, and for a valid receipt the pre-check re-evaluated with
 * the same pack version (pc_facts_from_answers + pc_evaluate) on the receipt's day.
 * For the staff screen (UI) and `precheck verify`. */
pc_verdict pc_receipt_verify(const char *line, const pc_verify_ctx *ctx, pc_verify_result *out);

/* The string key of the outcome in plain words for applicants and staff
 * ("outcome.exempt": "可能符合容错免责条件" …): a pre-check never promises. */
const char *pc_outcome_phrase_key(pc_outcome outcome);

/* The local calendar day of a Unix time (the kiosk's time zone). */
pc_day pc_day_of_time(int64_t t);

/* ---- issuing: store first, then the receipt exists ---- */

typedef struct pc_issued {
    char receipt_id[PC_RECEIPT_ID_SIZE];
    char text[PC_RECEIPT_MAX_TEXT]; /* for the QR */
    size_t payload_len;
} pc_issued;

/* Builds the submission (answers and result as JSON), signs (and seals when seal_pk
 * is not NULL) its receipt, and commits it, retrying a few times on an id collision.
 * Returns PC_STORE_OK only after the commit; out is filled only then. Any other value:
 * show the text of pc_store_status_key() and print nothing. contact may be NULL. */
pc_store_status pc_receipt_issue(pc_store *store, const pc_kiosk_key *key,
                                 const unsigned char *seal_pk, const pc_pack *pack,
                                 const pc_answers *answers, const pc_result *result,
                                 const char *contact, int64_t now, pc_issued *out);

#endif
