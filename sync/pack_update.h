/* pack_update.h — switching a kiosk to a new policy pack, or refusing to.
 *
 * Why it exists: a kiosk must never run a pack the department did not sign, nor one
 * that does not load or does not pass lint, and must never be left without a pack
 * half way through a switch. The pack file is checked against its detached Ed25519
 * signature (department keyring; message "pc-pack/1\n" followed by the file's bytes),
 * written to a temp file in the rules directory and fsynced, loaded with pc_pack_load
 * and checked with pc_pack_lint there (so that its `source:` resolves to the same
 * sources/ the live pack uses), refused if it is not newer than the pack in place,
 * and only then renamed over <id>.yaml. Any refusal leaves the old pack untouched. */
#ifndef PCS_PACK_UPDATE_H
#define PCS_PACK_UPDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "keys.h"

typedef enum {
    PCS_PACK_INSTALLED = 0,
    PCS_PACK_BAD_SIGNATURE,     /* not signed by a department key */
    PCS_PACK_INVALID,           /* does not load (schema, YAML) */
    PCS_PACK_LINT,              /* loads, but lint finds problems */
    PCS_PACK_NOT_NEWER,         /* same or older version than the one in place */
    PCS_PACK_IO                 /* cannot write the rules directory */
} pcs_pack_status;

const char *pcs_pack_status_name(pcs_pack_status st);

/* The signature file's text for a pack (department side). */
void pcs_pack_sign(const pc_kiosk_key *dept, const void *pack, size_t len,
                   char *sig_text, size_t sig_size);

/* Checks and switches; installed (may be NULL) gets the final path. Problems go to
 * log (lint's lines too) and a one-line reason to err. */
pcs_pack_status pcs_pack_install(const char *rules_dir, const void *pack, size_t len,
                                 const char *sig_text, const pc_keyring *dept, FILE *log,
                                 char *installed, size_t installed_size, char *err, size_t errsize);

#endif
