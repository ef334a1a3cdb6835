/* keys.h — the key files behind signed and sealed receipts.
 *
 * Why it exists: a receipt is signed with its kiosk's Ed25519 key and staff check it
 * against the department's keyring (kiosk id → public key), so that a tampered or
 * forged receipt is always rejected; a receipt may also be sealed to the department's
 * X25519 key so that a lost slip shows a stranger only its number. All crypto is
 * libsodium's; this file only reads and writes the small text files:
 *
 *   kiosk secret (0600):      "kiosk <id>\ned25519-secret <128 hex>\n"
 *   keyring:                  one "<kiosk id> ed25519 <64 hex>" a line; '#' comments
 *   department secret (0600): "department x25519-secret <64 hex>\n"
 *   department public:       "department x25519-public <64 hex>\n"
 *
 * Secret files are written 0600 with O_EXCL (never overwritten) and refused when
 * they are readable by group or others. Errors: false + a one-line reason in err. */
#ifndef PC_KEYS_H
#define PC_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "store.h"

#define PC_KEY_ID_BYTES 4 /* key fingerprint carried in receipts: BLAKE2b(pk)[0..3] */

typedef struct pc_kiosk_key {
    char kiosk_id[PC_KIOSK_ID_MAX + 1];
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
} pc_kiosk_key;

typedef struct pc_keyring_entry {
    char kiosk_id[PC_KIOSK_ID_MAX + 1];
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
} pc_keyring_entry;

typedef struct pc_keyring {
    pc_keyring_entry *entries;
    size_t n;
} pc_keyring;

typedef struct pc_dept_key {
    unsigned char pk[crypto_box_PUBLICKEYBYTES];
    unsigned char sk[crypto_box_SECRETKEYBYTES];
    bool has_sk; /* false when only the public half was loaded */
} pc_dept_key;

/* True for [A-Za-z0-9._-]{1,32}. */
bool pc_kiosk_id_valid(const char *id);
/* The 4-byte fingerprint of an Ed25519 public key. */
void pc_key_id(const unsigned char pk[crypto_sign_PUBLICKEYBYTES],
               unsigned char out[PC_KEY_ID_BYTES]);

bool pc_kiosk_key_generate(pc_kiosk_key *key, const char *kiosk_id, char *err, size_t errsize);
bool pc_kiosk_key_save(const pc_kiosk_key *key, const char *path, char *err, size_t errsize);
bool pc_kiosk_key_load(pc_kiosk_key *key, const char *path, char *err, size_t errsize);
/* Zeroes the secret (sodium_memzero). */
void pc_kiosk_key_wipe(pc_kiosk_key *key);

/* Loads a keyring; a missing file is an error, an empty one is not. */
bool pc_keyring_load(pc_keyring *ring, const char *path, char *err, size_t errsize);
/* Appends one kiosk to the keyring file (created 0644 if missing); refuses a kiosk id
 * that is already there. */
bool pc_keyring_append(const char *path, const char *kiosk_id,
                       const unsigned char pk[crypto_sign_PUBLICKEYBYTES], char *err,
                       size_t errsize);
const pc_keyring_entry *pc_keyring_find(const pc_keyring *ring, const char *kiosk_id);
void pc_keyring_free(pc_keyring *ring);

bool pc_dept_key_generate(pc_dept_key *key);
bool pc_dept_key_save(const pc_dept_key *key, const char *secret_path, const char *public_path,
                      char *err, size_t errsize);
/* Loads the secret file (pk derived from it). */
bool pc_dept_key_load_secret(pc_dept_key *key, const char *path, char *err, size_t errsize);
bool pc_dept_key_load_public(pc_dept_key *key, const char *path, char *err, size_t errsize);
void pc_dept_key_wipe(pc_dept_key *key);

#endif
