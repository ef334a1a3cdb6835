/* recv_store.h — the department receiver's storage: one interface, two backends.
 *
 * Why it exists: the receiver's promises (each submission held once per kiosk however
 * often it is sent, the first answer per (kiosk, Idempotency-Key) replayed, 409 while a
 * key is in flight, a batch durable before it is acknowledged) must hold whether one
 * receiver keeps a SQLite file or several receivers share one PostgreSQL database. So
 * every promise lives in the database, in transactions, behind an ops table with two
 * implementations: recv_store_sqlite.c (the embedded default, a file path) and
 * recv_store_pg.c (libpq, a postgresql:// URI). The flow on top of the ops (a batch
 * with its answer in one transaction, the in-flight claim, list/export, the sweep) is
 * written once, here, so that the backends only speak SQL.
 *
 * The claim: before a signed batch is processed its key is claimed by inserting the
 * idempotency row with status 0, a lease time and a random claim token, in its own
 * committed statement; another request (on any instance) that finds that row gets 409
 * until the lease runs out, after which it may take the claim over (a crashed
 * instance). The batch's transaction ends by turning the row into the stored answer,
 * only while the token is still its own. Submissions are keyed by (kiosk, receipt id):
 * a kiosk can never block another kiosk's ids.
 *
 * Beside the submissions: the latest status each kiosk reported (POST /v1/status) and
 * the operator console's operators (name, libsodium password hash), its session key,
 * its sign-outs and its failed sign-ins (so that a session and a lock-out hold on every
 * receiver sharing the database).
 *
 * A store (one connection) is not thread safe; the server keeps a pool of them. */
#ifndef PC_RECV_STORE_H
#define PC_RECV_STORE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "proto_desk.h"
#include "proto_json.h"

#define PC_RECV_LEASE_DEFAULT 60    /* seconds a claim holds a key */
#define PC_RECV_KEEP_DAYS_DEFAULT 7 /* days stored answers are kept (the sweep) */
#define PC_RECV_TOKEN_HEX 33        /* claim token: 16 random bytes as hex + NUL */

typedef struct pc_recv_store pc_recv_store;

/* Opening: CREATE makes a missing database (a file created 0600, or the schema in an
 * empty PostgreSQL database); without it a missing one is an error. */
enum { PC_RECV_STORE_CREATE = 1 };

/* An Idempotency-Key being claimed and answered. */
typedef struct pc_recv_key {
    const char *kiosk_id, *key, *body_hash;
    char token[PC_RECV_TOKEN_HEX]; /* this claim's, set by pc_recv_store_claim */
} pc_recv_key;

typedef enum {
    PC_RECV_CLAIMED,    /* ours now: process the batch */
    PC_RECV_REPLAY,     /* answered before with the same body: *status, *answer */
    PC_RECV_REUSED,     /* this key came with another body: 422 */
    PC_RECV_BUSY,       /* in flight elsewhere: 409 */
    PC_RECV_CLAIM_ERROR /* database error: 503 */
} pc_recv_claim;

/* One submission to insert (its JSON text as stored). created_at is the document's
 * created_at_unix (0 when it has none): with the kiosk and the receipt id it is the
 * key a submission is held once under (the kiosk's rows come in the order they were
 * made, so the SQLite store's index on it grows at one end; see recv_store_sqlite.c). */
typedef struct pc_recv_doc {
    const char *receipt_id, *text;
    int64_t created_at;
} pc_recv_doc;

/* One stored row, for list/export. */
typedef struct pc_recv_row {
    int64_t seq, received_at;
    const char *receipt_id, *kiosk_id, *source, *doc;
} pc_recv_row;

typedef bool (*pc_recv_row_fn)(void *ctx, const pc_recv_row *row);

/* The latest status a kiosk reported (proto_status.h), as stored. */
typedef struct pc_recv_status_row {
    const char *kiosk_id;
    int64_t received_at; /* the receiver's clock */
    int64_t clock_seen;  /* received_at minus the request's X-PC-Timestamp */
    const char *doc;     /* the checked status object as JSON text */
} pc_recv_status_row;

typedef bool (*pc_recv_status_fn)(void *ctx, const pc_recv_status_row *row);

/* One record of a staff desk (proto_desk.h), as stored; policy_id and precheck_kiosk
 * are read from the submission with that receipt id (and kiosk id when the desk knew
 * it), "" while the department has not received it. */
typedef struct pc_recv_desk_row {
    int64_t seq, received_at; /* the receiver's */
    const char *desk_id;
    int64_t desk_seq; /* the desk's event seq: (desk_id, desk_seq) is held once */
    const char *receipt_id, *kiosk_id, *action, *clerk_id;
    int64_t at;
    const char *materials; /* JSON array text */
    const char *reason;
    int64_t receipt_created_at;             /* the receipt's, as the desk read it; 0: not known */
    const char *policy_id, *precheck_kiosk; /* joined; "" when not found */
} pc_recv_desk_row;

typedef bool (*pc_recv_desk_fn)(void *ctx, const pc_recv_desk_row *row);

/* One row of the console's rollups (recv_rollup.c): kind 'o' counts pre-checks
 * (a) per day × kiosk × policy × outcome (item); 'q' per day × kiosk × policy ×
 * question (item) the 不确定 answers (a) and all answers (b); 'k' a kiosk's submissions
 * (a) and its latest received_at (b), day 0, policy and item "". */
typedef struct pc_recv_roll_row {
    char kind;
    int64_t day;
    const char *kiosk_id, *policy, *item;
    int64_t a, b;
} pc_recv_roll_row;

typedef bool (*pc_recv_roll_fn)(void *ctx, const pc_recv_roll_row *row);

#define PC_RECV_PWHASH_MAX 128     /* crypto_pwhash_STRBYTES */
#define PC_RECV_CONSOLE_KEY_HEX 65 /* the console's session MAC key: 32 bytes as hex + NUL */

/* What a backend implements. Every function returns false (or an error value) with
 * the reason in the store's errmsg. Times are Unix seconds, given by the caller. */
typedef struct pc_recv_store_ops {
    const char *name;
    bool (*open)(const char *where, int flags, pc_recv_store **out, char *err, size_t errsize);
    void (*close)(pc_recv_store *s);
    bool (*begin)(pc_recv_store *s);
    bool (*commit)(pc_recv_store *s);
    void (*rollback)(pc_recv_store *s);
    /* In a transaction: inserts each doc for kiosk_id unless (kiosk_id, receipt_id) is
     * held; fresh[i] = true when docs[i] is new. */
    bool (*insert)(pc_recv_store *s, const char *kiosk_id, const char *source, int64_t now,
                   const pc_recv_doc *docs, size_t n, bool *fresh);
    /* Autocommit: insert the in-flight row, or take over one whose lease ran out;
     * true when k->token holds it now. */
    bool (*claim)(pc_recv_store *s, const pc_recv_key *k, int64_t now, int64_t lease_until,
                  bool *claimed);
    /* The row for (kiosk, key): *found, and when found its hash, status (0: in
     * flight) and answer (malloc'd, NULL in flight). */
    bool (*lookup)(pc_recv_store *s, const pc_recv_key *k, bool *found, char *hash, int *status,
                   char **answer);
    /* In the batch's transaction: the claim becomes the answer; *kept false when the
     * claim is no longer ours (then roll back). */
    bool (*finish)(pc_recv_store *s, const pc_recv_key *k, int status, const char *answer,
                   int64_t now, bool *kept);
    /* Autocommit: gives up our claim (the request failed before storing). */
    bool (*release)(pc_recv_store *s, const pc_recv_key *k);
    bool (*count)(pc_recv_store *s, size_t *n);
    bool (*has)(pc_recv_store *s, const char *kiosk_id, const char *receipt_id, bool *found);
    /* Rows with seq > after, in seq order, until fn returns false. */
    bool (*each)(pc_recv_store *s, int64_t after, pc_recv_row_fn fn, void *ctx);
    /* Deletes idempotency rows created before `before`; *n rows deleted. */
    bool (*sweep)(pc_recv_store *s, int64_t before, size_t *n);
    /* Autocommit: the kiosk's latest status replaces the one held. */
    bool (*status_put)(pc_recv_store *s, const pc_recv_status_row *row);
    /* Every kiosk's latest status, by kiosk id. */
    bool (*status_each)(pc_recv_store *s, pc_recv_status_fn fn, void *ctx);
    /* Autocommit: adds an operator or replaces its password hash. */
    bool (*operator_put)(pc_recv_store *s, const char *name, const char *pwhash, int64_t now);
    /* The operator's password hash (PC_RECV_PWHASH_MAX bytes), *found. */
    bool (*operator_get)(pc_recv_store *s, const char *name, char *pwhash, bool *found);
    /* In a transaction: inserts each desk record unless (desk_id, desk_seq) is held;
     * fresh[i] = true when rows[i] is new (rows' seq, received_at and joins unused). */
    bool (*desk_insert)(pc_recv_store *s, int64_t now, const pc_recv_desk_row *rows, size_t n,
                        bool *fresh);
    /* Desk records with seq > after, in seq order, joined with their submissions,
     * until fn returns false. */
    bool (*desk_each)(pc_recv_store *s, int64_t after, pc_recv_desk_fn fn, void *ctx);
    /* Autocommit: the console's session key (PC_RECV_CONSOLE_KEY_HEX), `fresh` stored
     * unless one is held (the first instance's wins), then read. */
    bool (*console_key)(pc_recv_store *s, const char *fresh, char *key);
    /* Autocommit: the session is signed out until expires_at; sign-outs whose session
     * has expired by `now` are deleted. */
    bool (*session_end)(pc_recv_store *s, const char *session, int64_t expires_at, int64_t now);
    /* *ended when the session was signed out. */
    bool (*session_ended)(pc_recv_store *s, const char *session, bool *ended);
    /* The console's failed sign-ins per subject ("name:<operator>", "addr:<client>";
     * recv_console.c decides the lock-out from them): *failures in a row (0: none
     * held) and the time of the last. */
    bool (*signin_failures)(pc_recv_store *s, const char *subject, int *failures, int64_t *last_at);
    /* Autocommit, one statement (receivers on one database count together): one more
     * failure at now, *failures the count after it; a count whose last failure is
     * before forget_before starts again, and such rows of other subjects are deleted. */
    bool (*signin_failed)(pc_recv_store *s, const char *subject, int64_t now, int64_t forget_before,
                          int *failures);
    /* Autocommit: the subject's count deleted (a sign-in, operator-unlock); *cleared
     * when one was held. */
    bool (*signin_clear)(pc_recv_store *s, const char *subject, bool *cleared);
    /* A read-only transaction: one snapshot for what follows (end it with commit or
     * rollback). */
    bool (*read_begin)(pc_recv_store *s);
    /* The rollups' watermark: every submission with seq <= *mark is in them. lock: in
     * a transaction, held until it ends (one refresher at a time, on any instance). */
    bool (*roll_mark)(pc_recv_store *s, bool lock, int64_t *mark);
    /* In the transaction that locked the mark: adds the rows to the rollups ('k': b is
     * the larger) and sets the watermark to mark. */
    bool (*roll_put)(pc_recv_store *s, const pc_recv_roll_row *rows, size_t n, int64_t mark);
    /* Every rollup row of that kind, until fn returns false. */
    bool (*roll_each)(pc_recv_store *s, char kind, pc_recv_roll_fn fn, void *ctx);
    /* Optional (NULL: the database serialises its writers itself): from now on the
     * store's writes (transactions from begin to commit or rollback, and its autocommit
     * writes) hold `lock`, shared by every store of the pool on the same database. */
    void (*share_write_lock)(pc_recv_store *s, pthread_mutex_t *lock);
} pc_recv_store_ops;

/* Every backend's store begins with this. */
struct pc_recv_store {
    const pc_recv_store_ops *ops;
    char errmsg[256];
};

/* The backends' ops tables (PostgreSQL's refuses to open when built without libpq). */
const pc_recv_store_ops *pc_recv_store_sqlite_ops(void);
const pc_recv_store_ops *pc_recv_store_pg_ops(void);

/* Opens a file path with SQLite, a postgresql:// or postgres:// URI with PostgreSQL. */
bool pc_recv_store_open(const char *where, int flags, pc_recv_store **out, char *err,
                        size_t errsize);
void pc_recv_store_close(pc_recv_store *s);
const char *pc_recv_store_errmsg(const pc_recv_store *s);
/* The pool's stores on one SQLite file take turns at writing on `lock` (woken when it
 * frees) instead of in SQLite's busy handler (which sleeps 1 to 100 ms between tries);
 * the busy timeout still serves other processes on the file. A no-op for PostgreSQL.
 * `lock` outlives the store. */
void pc_recv_store_share_write_lock(pc_recv_store *s, pthread_mutex_t *lock);
bool pc_recv_store_is_pg(const char *where);

/* Claims k (k->token is made here), or says why not; lease_s 0: the default. On
 * REPLAY, *status and *answer (malloc'd) are the stored answer. */
pc_recv_claim pc_recv_store_claim(pc_recv_store *s, pc_recv_key *k, int64_t now, int lease_s,
                                  int *status, char **answer);
bool pc_recv_store_release(pc_recv_store *s, const pc_recv_key *k);

/* Stores every acceptable item of the batch and, when k is not NULL (claimed), turns
 * the claim into the answer, in one transaction; returns the answer text (malloc'd) or
 * NULL on a database error or a lost claim (then nothing was stored). source: "http",
 * "bundle". *n_new (may be NULL) counts new rows. */
char *pc_recv_store_batch(pc_recv_store *s, const pc_recv_key *k, const char *kiosk_id,
                          const pc_proto_batch *batch, const char *source, size_t *n_new);

/* A batch's rows as pc_recv_store_answered takes them, a kiosk's or a desk's: insert
 * stores the n rows of ctx in the open transaction and sets fresh[i] for each row that
 * was new; text holds each row's JSON text; acked and rejected are the answer's lists. */
typedef struct pc_recv_batch_rows {
    bool (*insert)(pc_recv_store *s, void *ctx, int64_t now);
    void *ctx;
    size_t n;
    bool *fresh;
    char **text;
    json_t *acked, *rejected;
} pc_recv_batch_rows;
/* Room for cap rows and the two empty lists; false when memory runs out (free b
 * anyway). */
bool pc_recv_batch_rows_init(pc_recv_batch_rows *b, size_t cap);
/* Frees the n rows' texts, the room and the lists. */
void pc_recv_batch_rows_free(pc_recv_batch_rows *b);
/* Inserts the rows and, when k is not NULL (claimed), turns the claim into the answer,
 * in one transaction: the answer text (malloc'd), or NULL on a database error or a
 * lost claim (then nothing was stored). b NULL: the rows could not be made (out of
 * memory). *n_new (may be NULL) counts new rows. */
char *pc_recv_store_answered(pc_recv_store *s, const pc_recv_key *k, const pc_recv_batch_rows *b,
                             size_t *n_new);

bool pc_recv_store_count(pc_recv_store *s, size_t *n);
bool pc_recv_store_has(pc_recv_store *s, const char *kiosk_id, const char *receipt_id);
/* Operators: "seq receipt_id kiosk_id received_at source" a line / one JSON object a
 * line (seq, receipt_id, kiosk_id, received_at, source, submission without the kiosk's
 * queue fields: recv_report.h); seq > after. */
bool pc_recv_store_list(pc_recv_store *s, int64_t after, FILE *out);
bool pc_recv_store_export(pc_recv_store *s, int64_t after, FILE *out);
/* Every row with seq > after, in seq order, until fn returns false. */
bool pc_recv_store_each(pc_recv_store *s, int64_t after, pc_recv_row_fn fn, void *ctx);
/* Kiosk statuses and operators (see the ops above). */
bool pc_recv_store_status_put(pc_recv_store *s, const pc_recv_status_row *row);
bool pc_recv_store_status_each(pc_recv_store *s, pc_recv_status_fn fn, void *ctx);
bool pc_recv_store_operator_put(pc_recv_store *s, const char *name, const char *pwhash,
                                int64_t now);
bool pc_recv_store_operator_get(pc_recv_store *s, const char *name, char *pwhash, bool *found);
/* Deletes stored answers (and dead claims) older than keep_days (0: the default). */
bool pc_recv_store_sweep(pc_recv_store *s, int64_t now, int keep_days, size_t *n);

/* ---- console sessions (recv_console.c): see the ops above ---- */

bool pc_recv_store_console_key(pc_recv_store *s, const char *fresh, char *key);
bool pc_recv_store_session_end(pc_recv_store *s, const char *session, int64_t expires_at,
                               int64_t now);
bool pc_recv_store_session_ended(pc_recv_store *s, const char *session, bool *ended);
bool pc_recv_store_signin_failures(pc_recv_store *s, const char *subject, int *failures,
                                   int64_t *last_at);
bool pc_recv_store_signin_failed(pc_recv_store *s, const char *subject, int64_t now,
                                 int64_t forget_before, int *failures);
bool pc_recv_store_signin_clear(pc_recv_store *s, const char *subject, bool *cleared);

/* ---- desk records (recv_desk.c) ---- */

/* The claim's scope for a desk: "desk:<desk id>", so that a desk's Idempotency-Keys
 * never meet a kiosk's of the same name. */
void pc_recv_desk_scope(const char *desk_id, char *out, size_t size);
/* Stores every acceptable record of the batch and, when k is not NULL (claimed), turns
 * the claim into the answer, in one transaction; the answer text (malloc'd) or NULL on
 * a database error or a lost claim (then nothing was stored). */
char *pc_recv_store_desk_batch(pc_recv_store *s, const pc_recv_key *k, const char *desk_id,
                               const pc_proto_desk_batch *batch, size_t *n_new);
bool pc_recv_store_desk_each(pc_recv_store *s, int64_t after, pc_recv_desk_fn fn, void *ctx);
/* One JSON object a line: {"seq","received_at","record":{desk_id, seq, receipt_id,
 * kiosk_id, action, clerk_id, at, materials, reason},"policy_id"}; seq > after. */
bool pc_recv_store_desk_export(pc_recv_store *s, int64_t after, FILE *out);

#endif
