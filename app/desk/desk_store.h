/* desk_store.h — the staff desk's own SQLite file: clerks, sessions, the receipts a
 * window has checked, and what staff did with each (scan, 收件, 受理, 退回, 不予受理).
 *
 * Why it exists: a window's record must survive a crash or a power cut the moment a
 * clerk sees it saved (WAL, synchronous=FULL, one transaction a call), the PIN lockout
 * must survive a restart, and a re-scan days later must show the receipt's history.
 * The kiosk's submission store (app/core/store.h) is another file on another machine;
 * nothing here is shared with it. Each event row has a `synced_at` (0 until sent):
 * `desk sync` (desk_sync.c) sends the records (every event but scans) to the
 * department and marks them once a department-signed answer acknowledges them. Help requests
 * from kiosks are kept here too, each (kiosk, at) once. Retention wipes the personal
 * fields (a receipt's text with the answers, a 退回/不予受理 reason) the way the kiosk's
 * store does: only what has reached the department (or was never a record), and only
 * past the configured days. The file is created 0600. One handle, one thread (the
 * server's; the daily retention opens its own handle). */
#ifndef DESK_STORE_H
#define DESK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#define DESK_CLERK_MAX 32 /* clerk ids: [A-Za-z0-9._-]{1,32} */
#define DESK_HEX_TOKEN 65 /* 32 random bytes as hex, NUL */

typedef enum {
    DESK_OK = 0,
    DESK_EXISTS,    /* a clerk with that id exists */
    DESK_NOT_FOUND, /* no such clerk, session, receipt or open help request */
    DESK_WIPED,     /* the receipt's text was wiped by retention */
    DESK_FAILED     /* SQLite said no: desk_store_errmsg() */
} desk_status;

typedef struct desk_store desk_store;

typedef struct desk_clerk {
    char id[DESK_CLERK_MAX + 1];
    char pin_hash[128];   /* crypto_pwhash_str */
    int failed;           /* wrong PINs in a row */
    int64_t locked_until; /* Unix seconds; 0: not locked */
} desk_clerk;

typedef struct desk_session {
    char clerk[DESK_CLERK_MAX + 1];
    char csrf[DESK_HEX_TOKEN]; /* the token the page sends with every action */
    int64_t created_at, last_seen;
} desk_session;

/* One thing a clerk did with a receipt. Strings are only read. */
typedef struct desk_event {
    const char *receipt_id; /* canonical */
    const char *action;     /* "scan", "receive", "accept", "return", "refuse" */
    const char *clerk;
    int64_t at;
    const char *verdict;   /* scans: pc_verdict_name(); "" otherwise */
    const char *reason;    /* 退回 / 不予受理: why; "" otherwise */
    const char *materials; /* 收件: JSON array of the pack's material indices received */
} desk_event;

/* Opens (creating 0600 and migrating) the file. false + one line in err on failure. */
bool desk_store_open(const char *path, desk_store **out, char *err, size_t errsize);
void desk_store_close(desk_store *s);
const char *desk_store_errmsg(desk_store *s);

bool desk_clerk_id_valid(const char *id);
desk_status desk_clerk_add(desk_store *s, const char *id, const char *pin_hash, int64_t now);
desk_status desk_clerk_get(desk_store *s, const char *id, desk_clerk *out);
desk_status desk_clerk_set_failures(desk_store *s, const char *id, int failed,
                                    int64_t locked_until);
/* A sign-in: the count of wrong PINs and the lock cleared, the time kept (clerk-list). */
desk_status desk_clerk_signed_in(desk_store *s, const char *id, int64_t now);
/* Each of these ends the clerk's sessions; DESK_NOT_FOUND when there is no such clerk. */
desk_status desk_clerk_remove(desk_store *s, const char *id);
/* A new PIN hash; the lock and the count of wrong PINs cleared. */
desk_status desk_clerk_set_pin(desk_store *s, const char *id, const char *pin_hash);
/* The lock and the count cleared (sessions kept: the clerk is locked out, not in). */
desk_status desk_clerk_unlock(desk_store *s, const char *id);
/* [{id, failed, locked_until, last_sign_in}] by id; never a hash (NULL on failure). */
json_t *desk_clerk_list_json(desk_store *s);

/* Sessions by the hash of their cookie token (the token itself is never stored). */
desk_status desk_session_add(desk_store *s, const char *token_hash, const char *clerk,
                             const char *csrf, int64_t now);
desk_status desk_session_get(desk_store *s, const char *token_hash, desk_session *out);
desk_status desk_session_touch(desk_store *s, const char *token_hash, int64_t now);
desk_status desk_session_delete(desk_store *s, const char *token_hash);
/* Deletes sessions idle since before idle_before or made before made_before. */
desk_status desk_session_expire(desk_store *s, int64_t idle_before, int64_t made_before);

/* A genuine receipt as scanned (kept so that a lookup by number can show it again). */
desk_status desk_receipt_put(desk_store *s, const char *receipt_id, const char *text, int64_t now);
/* The scanned text of a receipt (malloc'd into *text), DESK_NOT_FOUND if never kept,
 * DESK_WIPED when retention wiped it (a new scan of the slip brings it back). */
desk_status desk_receipt_text(desk_store *s, const char *receipt_id, char **text);

desk_status desk_event_add(desk_store *s, const desk_event *e);
/* A scan: the event and, when text is not NULL, the receipt (desk_receipt_put), in one
 * transaction (one fsync: a scan is on the hot path). */
desk_status desk_scan_add(desk_store *s, const desk_event *e, const char *text);
/* The receipt's events, oldest first: [{action, clerk, at, verdict, reason,
 * materials: [..]}] (new reference; NULL on failure). */
json_t *desk_history_json(desk_store *s, const char *receipt_id);
/* Receipts with an event in [from, to), newest first, each with its latest event other
 * than a scan when there is one: [{receipt_id, action, clerk, at, reason}]. */
json_t *desk_today_json(desk_store *s, int64_t from, int64_t to);

/* A kiosk's help request; DESK_EXISTS when that (kiosk, at) came before (a replay). */
desk_status desk_help_add(desk_store *s, const char *kiosk_id, int64_t at, const char *screen,
                          int64_t now);
/* Requests not yet taken, received since since, oldest first:
 * [{id, kiosk, at, screen, received_at}] (NULL on failure). */
json_t *desk_help_open_json(desk_store *s, int64_t since);
/* A clerk takes request id; DESK_NOT_FOUND when there is none open with that id. */
desk_status desk_help_ack(desk_store *s, int64_t id, const char *clerk, int64_t now);

/* Wipes the answers of receipts untouched for retention_days whose records (other than
 * scans) have all been synced, the reasons of synced events older than that, and help
 * requests older than that; counts in *n_receipts and *n_reasons (may be NULL). */
desk_status desk_store_apply_retention(desk_store *s, int64_t now, int retention_days,
                                       size_t *n_receipts, size_t *n_reasons);

/* ---- records for the department (desk_sync.c) ---- */

/* Up to limit records not yet acknowledged by the department, with seq > after,
 * oldest first: [{seq, receipt_id, action, clerk, at, materials: [..], reason,
 * receipt: the scanned text or null}] (new reference; NULL on failure). Scans are
 * not records: they stay at the desk. */
json_t *desk_records_unsent(desk_store *s, int64_t after, size_t limit);
/* Marks the records with these seqs as acknowledged at now, in one transaction. */
desk_status desk_records_mark_sent(desk_store *s, const int64_t *seqs, size_t n, int64_t now);
/* Records not yet acknowledged. */
desk_status desk_records_count_unsent(desk_store *s, size_t *n);

#endif
