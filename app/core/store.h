/* store.h — the kiosk's submission store (one SQLite file).
 *
 * Why it exists: a receipt may be shown only after its submission is durably on disk,
 * and the nightly sync must send every submission exactly once. The store is one
 * SQLite database in WAL mode with synchronous=FULL (each commit is fsynced; marking
 * synced is the one exception, see pc_store_mark_synced) and foreign_keys=ON; its
 * schema is versioned with PRAGMA user_version and migrated forward at open.
 * `PRAGMA integrity_check` runs at open: a damaged file is refused (PC_STORE_CORRUPT)
 * and left exactly as it is, never overwritten or recreated.
 * The file is created 0600 (the kiosk's user only).
 *
 * Every failure comes back as a pc_store_status; nothing is ever half written (each
 * call is one transaction). For people there is pc_store_status_key(), a key of the
 * string table (strings.h) — for every write failure "store.failed", in zh-CN
 * "暂时无法生成回执，请到窗口办理"; the kiosk logs pc_store_errmsg() (no personal
 * data in it).
 *
 * The store knows nothing of packs: answers and result are carried as JSON text made
 * by receipt.c (pc_receipt_issue), so the sync links only this and jansson.
 * Times are Unix seconds (UTC). Not thread safe: one pc_store per thread. */
#ifndef PC_STORE_H
#define PC_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/* Receipt ids: 12 characters of Crockford's Base32 (0-9 A-Z without I L O U), the
 * last one a check character, stored without separators ("7K3M9QXD4RT8"), shown in
 * groups of four ("7K3M 9QXD 4RT8"). See receipt.h for making and checking them. */
#define PC_RECEIPT_ID_LEN 12
#define PC_RECEIPT_ID_SIZE (PC_RECEIPT_ID_LEN + 1)
#define PC_KIOSK_ID_MAX 32 /* [A-Za-z0-9._-]{1,32} */
#define PC_POLICY_ID_MAX 64
#define PC_PACK_VERSION_MAX 32
#define PC_OUTCOME_MAX 24

typedef enum {
    PC_STORE_OK = 0,
    PC_STORE_FULL,      /* disk (or the page limit) full; nothing was written */
    PC_STORE_READONLY,  /* file or directory not writable, or read-only medium */
    PC_STORE_BUSY,      /* locked by another process past the busy timeout */
    PC_STORE_CORRUPT,   /* integrity_check failed / not a database: file kept */
    PC_STORE_TOO_NEW,   /* schema newer than this program knows: file kept */
    PC_STORE_IO,        /* any other I/O error (also: cannot open or create) */
    PC_STORE_DUPLICATE, /* a submission with this receipt id exists */
    PC_STORE_NOT_FOUND, /* no submission with this receipt id */
    PC_STORE_INVALID,   /* bad argument (empty id, over-long field, bad JSON) */
    PC_STORE_ERROR      /* anything else from SQLite */
} pc_store_status;

typedef enum { PC_SYNC_PENDING = 0, PC_SYNC_SYNCED = 1 } pc_sync_state;

/* One submission. Strings are owned by the struct after pc_store_get (free with
 * pc_submission_free); for pc_store_insert they are only read. */
typedef struct pc_submission {
    char receipt_id[PC_RECEIPT_ID_SIZE];  /* canonical, no separators */
    char kiosk_id[PC_KIOSK_ID_MAX + 1];   /* the kiosk that took it */
    int64_t created_at;                   /* Unix seconds when it was submitted */
    char policy_id[PC_POLICY_ID_MAX + 1]; /* pack id */
    char pack_version[PC_PACK_VERSION_MAX + 1];
    char *answers_json; /* facts given: {"<question id>": "yes"|"no"|"unsure"|"YYYY-MM-DD"};
                               NULL after purge */
    char outcome[PC_OUTCOME_MAX + 1]; /* pc_outcome_name(): "exempt" … */
    char *basis_json;                 /* JSON array of citations: ["4.1","5.5"] */
    char deadline[11];                /* "YYYY-MM-DD", or "" when none */
    char *contact; /* optional contact the applicant gave; NULL: none (or purged) */
    char *receipt; /* the receipt text as encoded for the QR ("RC1…"); NULL after purge */
    pc_sync_state sync_state;
    int64_t synced_at; /* 0 while pending */
    bool purged;       /* personal data removed after the retention period */
} pc_submission;

typedef struct pc_store pc_store;

/* Opens (creating if missing, 0600) and migrates the database at path, then runs
 * integrity_check. On failure *out is NULL, a one-line reason is in err, and the
 * file is left untouched. */
pc_store_status pc_store_open(const char *path, pc_store **out, char *err, size_t errsize);
void pc_store_close(pc_store *store);
/* How long a call waits for another process's lock before PC_STORE_BUSY (default 2000). */
void pc_store_set_busy_timeout(pc_store *store, int ms);
/* Caps the database at about max_bytes (PRAGMA max_page_count): past it every write
 * fails with PC_STORE_FULL as on a full disk, so a queue that is never synced cannot
 * fill the kiosk's disk. Tests use it to simulate a full disk without a small mount. */
pc_store_status pc_store_set_size_limit(pc_store *store, int64_t max_bytes);
/* The last SQLite error message of this handle, for the log. */
const char *pc_store_errmsg(const pc_store *store);

/* The string key of what people are shown for a status, one line: "store.ok",
 * "store.not_found", "store.failed" (look it up in the string table, strings.h). */
const char *pc_store_status_key(pc_store_status status);
/* "ok", "full", "readonly", "busy", "corrupt", … for logs and tests. */
const char *pc_store_status_name(pc_store_status status);

/* Writes one submission in one transaction and returns only after the commit is
 * fsynced. sync_state/synced_at/purged are ignored (a new row is pending).
 * PC_STORE_DUPLICATE when the receipt id exists (make a new id and retry). */
pc_store_status pc_store_insert(pc_store *store, const pc_submission *sub);
/* Reads one submission by its canonical receipt id (pc_receipt_id_parse makes one
 * from what staff type or scan). */
pc_store_status pc_store_get(pc_store *store, const char *receipt_id, pc_submission *out);
void pc_submission_free(pc_submission *sub);
/* The submission as the JSON object the sync sends:
 * {"receipt_id","kiosk_id","created_at" (ISO 8601 UTC "2026-11-25T08:21:28Z"),
 *  "created_at_unix","policy_id","pack_version","answers":{…}|null,
 *  "result":{"outcome","basis":[…],"deadline":"YYYY-MM-DD"|null},
 *  "contact":"…"|null,"receipt":"RC1…"|null,"sync_state":"pending"|"synced",
 *  "synced_at_unix","purged":bool}. New reference; NULL on bad stored JSON. */
json_t *pc_submission_to_json(const pc_submission *sub);

/* --- for the nightly sync --- */

/* Up to `limit` pending submissions with seq > after_seq, oldest first, as a JSON
 * array of pc_submission_to_json objects (new reference in *out). *last_seq is the
 * seq of the last one returned (pass it back as after_seq for the next batch; it is
 * after_seq when the batch is empty). Start with after_seq = 0. */
pc_store_status pc_store_list_unsynced(pc_store *store, int64_t after_seq, size_t limit,
                                       json_t **out, int64_t *last_seq);
/* The same submissions as pc_store_list_unsynced, as the JSON text of that array made
 * by SQLite in the query itself (the sync's hot path sends it as it is, without building
 * and printing objects): each element equal to what pc_submission_to_json gives for the
 * row, its keys in the same order. *text (malloc'd, NUL-terminated, "[]" when none) and
 * *len; *ids (malloc'd, *n of them, NULL when none): the receipt ids in the same order.
 * Stored JSON that does not parse gives PC_STORE_CORRUPT, as there. */
pc_store_status pc_store_list_unsynced_text(pc_store *store, int64_t after_seq, size_t limit,
                                            char **text, size_t *len,
                                            char (**ids)[PC_RECEIPT_ID_SIZE], size_t *n,
                                            int64_t *last_seq);
/* Marks the given receipt ids synced at `now`, in one transaction. Unknown ids and
 * ids already synced are skipped (idempotent); *n_marked (may be NULL) counts the
 * rows that changed. The one write not fsynced on its own (synchronous=NORMAL for it):
 * a power cut may undo the latest marks, never anything else, and those rows are then
 * sent again and acknowledged as already there; the next fsynced commit (the next
 * submission) or checkpoint makes them durable. */
pc_store_status pc_store_mark_synced(pc_store *store, const char *const *receipt_ids, size_t n,
                                     int64_t now, size_t *n_marked);
pc_store_status pc_store_count(pc_store *store, size_t *pending, size_t *synced);
/* The time of the newest acknowledged sync (Unix seconds), 0 when none yet. */
pc_store_status pc_store_last_synced_at(pc_store *store, int64_t *when);

/* Removes personal data (answers, contact, receipt text) from submissions synced
 * more than retention_seconds before now; the row (id, kiosk, time, policy, outcome,
 * sync state) stays so that the id is never reused. *n_purged may be NULL. */
pc_store_status pc_store_purge(pc_store *store, int64_t now, int64_t retention_seconds,
                               size_t *n_purged);

/* Deletes submissions synced more than delete_seconds before now (the department has
 * them); pending ones are never touched. *n_deleted may be NULL. */
pc_store_status pc_store_delete_synced(pc_store *store, int64_t now, int64_t delete_seconds,
                                       size_t *n_deleted);
/* Both limits of the configuration: personal data of synced rows wiped after
 * retention_days, the rows deleted after delete_after_days. */
pc_store_status pc_store_apply_retention(pc_store *store, int64_t now, int retention_days,
                                         int delete_after_days, size_t *n_purged,
                                         size_t *n_deleted);

/* --- small facts the kiosk keeps about itself (schema 3) --- */

#define PC_STATE_KEY_MAX 64
#define PC_STATE_VALUE_MAX 1024

/* Sets key to value (one fsynced transaction), replacing what it held. Keys in use:
 * "printer": the printer's last known state, "ok" | "paper_near_end" | "out" |
 * "missing" | "unknown" (written by the kiosk, read by kiosk-sync for its status).
 * PC_STORE_INVALID for an empty or over-long key or value. */
pc_store_status pc_store_set_state(pc_store *store, const char *key, const char *value);
/* Copies key's value into value (truncated to size - 1 bytes) and, when updated_at is
 * not NULL, the Unix time it was set; PC_STORE_NOT_FOUND (value "") when never set. */
pc_store_status pc_store_get_state(pc_store *store, const char *key, char *value, size_t size,
                                   int64_t *updated_at);

/* integrity_check again (the file is open): PC_STORE_OK or PC_STORE_CORRUPT. */
pc_store_status pc_store_check(pc_store *store);

#endif
