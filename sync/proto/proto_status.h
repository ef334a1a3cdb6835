/* proto_status.h — the kiosk's status report (sync/PROTOCOL.md, "Kiosk status"): the
 * body of POST /v1/status, its encoder (kiosk side) and its parser (receiver side), and
 * the receiver's answer {"protocol":1,"stored":true,"received_at":…}.
 *
 * Why it exists: every sync run, even with nothing pending, tells the department how
 * the kiosk is (queue depth, last successful sync, printer, packs, program version,
 * clock offset, free disk, last error), so that operators see a silent kiosk or an
 * empty paper roll before an applicant does. Both halves live here so that they cannot
 * drift apart. All JSON goes through jansson; the parser reads outside input and has a
 * fuzz target (tests/sync/fuzz_sync_status.c). Errors are values. */
#ifndef PC_PROTO_STATUS_H
#define PC_PROTO_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "proto_wire.h"

#define PC_PROTO_PATH_STATUS "/v1/status"
#define PC_PROTO_STATUS_MAX_BODY (64u << 10) /* bytes a status request may have */
#define PC_PROTO_STATUS_MAX_PACKS 64
#define PC_PROTO_STATUS_ERROR_MAX 300 /* characters of last_error kept */

/* The printer's states, as the kiosk records them (store key "printer"). */
bool pc_proto_printer_ok(const char *state);

/* One pack in place at the kiosk. */
typedef struct pc_proto_pack_version {
    const char *id, *version;
} pc_proto_pack_version;

/* What the kiosk reports. Strings are borrowed. */
typedef struct pc_proto_status {
    const char *kiosk_id;
    int64_t sent_at;      /* the kiosk's clock, Unix seconds */
    int64_t queue_depth;  /* pending submissions */
    int64_t synced_total; /* submissions acknowledged so far */
    int64_t last_sync_at; /* newest acknowledgement, 0: never */
    const char *printer;  /* pc_proto_printer_ok(); "unknown" when not recorded */
    int64_t printer_at;   /* when the kiosk recorded it, 0: unknown */
    const pc_proto_pack_version *packs;
    size_t n_packs;
    const char *program_version; /* PC_VERSION */
    bool clock_known;            /* clock_offset_s measured */
    int64_t clock_offset_s;      /* kiosk clock minus the receiver's (Date header) */
    int64_t free_disk_bytes;     /* on the store's file system, -1: unknown */
    const char *last_error;      /* kiosk-sync's last failure, NULL: none */
    int64_t last_error_at;
    int64_t manifest_serial; /* the pack manifest in force, 0: none (sent as null) */
} pc_proto_status;

/* New body text (malloc), NULL when memory runs out. */
char *pc_proto_status_encode(const pc_proto_status *st, size_t *len);

/* Parses and checks a status body for the kiosk that signed it; on success *doc is a
 * new object holding only the known keys, checked (unknown keys dropped), ready to
 * store. False with err otherwise. */
bool pc_proto_status_parse(const char *body, size_t len, const char *kiosk_id, json_t **doc,
                           char *err, size_t errsize);

/* The receiver's answer body (malloc) and its check at the kiosk. */
char *pc_proto_status_answer_encode(int64_t received_at);
bool pc_proto_status_answer_parse(const char *body, size_t len, int64_t *received_at, char *err,
                                  size_t errsize);

#endif
