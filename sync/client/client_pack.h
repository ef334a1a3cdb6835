/* client_pack.h — switching a kiosk to a new policy pack, or refusing to.
 *
 * Why it exists: a kiosk must never run a pack the department did not sign, nor one
 * that does not load or does not pass lint, and must never be left without a pack
 * half way through a switch. The pack file is checked against its detached Ed25519
 * signature (department keyring; the signature's format is pc_proto_pack_verify's,
 * proto_wire.h), loaded, refused if it is not newer than the live pack with its id,
 * then written with a copy of the rest of the live set into a new generation of the
 * rules directory (client_generation.h), where the whole set is loaded and linted
 * against the source texts beside it, and only then switched in. Any refusal leaves
 * the live set untouched; temp files of a killed import are removed by the next one. */
#ifndef PC_CLIENT_PACK_H
#define PC_CLIENT_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "keys.h"

typedef enum {
    PC_CLIENT_PACK_INSTALLED = 0,
    PC_CLIENT_PACK_BAD_SIGNATURE, /* not signed by a department key */
    PC_CLIENT_PACK_INVALID,       /* does not load (schema, YAML) */
    PC_CLIENT_PACK_LINT,          /* loads, but lint finds problems */
    PC_CLIENT_PACK_NOT_NEWER,     /* same or older version than the one in place */
    PC_CLIENT_PACK_IO             /* cannot write the rules directory */
} pc_client_pack_status;

const char *pc_client_pack_status_name(pc_client_pack_status st);

/* Checks and switches; installed (may be NULL) gets the final path. Problems go to
 * log (lint's lines too) and a one-line reason to err. */
pc_client_pack_status pc_client_pack_install(const char *rules_dir, const void *pack, size_t len,
                                             const char *sig_text, const pc_keyring *dept,
                                             FILE *log, char *installed, size_t installed_size,
                                             char *err, size_t errsize);

#endif
