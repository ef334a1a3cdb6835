/* desk_sync.c — `desk sync`: the desk's records to the department (see desk_sync.h).
 *
 *   desk sync [--config FILE] [--db FILE] [--url URL] [--key DESK_SECRET] [--id DESK_ID]
 *             [--department-keys KEYRING] [--ca-file PEM] [--batch-size N]
 *
 * The configuration file is the desk's (YAML, read safely: app/core/yaml_safe.h):
 * `db` (or `database`) for the store, and the mapping `sync:` with `url`, `key`,
 * `id`, `department_keys`, `ca_file`, `batch_size`, `timeout_seconds`, `max_attempts`
 * (unknown keys there refused); the serve keys beside it are not this command's.
 * Flags override the file. */
#include "desk_sync.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client_config.h"
#include "client_http.h"
#include "client_run.h"
#include "desk_store.h"
#include "keys.h"
#include "log.h"
#include "proto_desk.h"
#include "receipt.h"
#include "yaml_json.h"

#define PATH_MAX_ 512

typedef struct settings {
    char db[PATH_MAX_], key[PATH_MAX_], id[PC_KIOSK_ID_MAX + 1];
    pc_client_config http; /* url, department_keys, ca_file, timeouts, attempts */
} settings;

/* One run's figures, for the last line. */
typedef struct tally {
    size_t sent, acked, rejected, batches;
} tally;

/* What one run holds open. */
typedef struct run_ctx {
    const settings *st;
    desk_store *store;
    pc_kiosk_key key;
    pc_keyring dept;
    pc_client_http *http;
    pc_receipt *receipt; /* scratch for reading a receipt's kiosk id */
    tally t;
} run_ctx;

static int usage(FILE *out);
static int config_error(const char *fmt, const char *a, const char *b);
static bool settings_load(settings *st, int argc, char **argv);
static bool config_file(settings *st, const char *path);
static bool config_sync_key(settings *st, const char *path, const char *key, json_t *v);
static int run(run_ctx *c);
static int send_batch(run_ctx *c, json_t *list);
static int post_until_answered(run_ctx *c, const char *body, size_t len, const char *idem,
                               pc_client_reply *rep, char sig[PC_PROTO_SIG_B64]);
static int take_answer(run_ctx *c, const pc_client_reply *rep, const char *sig, const char *idem,
                       json_t *list);
static bool answer_signed(const pc_keyring *dept, const pc_client_reply *rep, const char *sig);
static int worse(int a, int b);

int desk_sync_main(int argc, char **argv)
{
    settings st;
    if (argc >= 2 && strcmp(argv[1], "--help") == 0)
        return usage(stdout);
    if (!settings_load(&st, argc, argv))
        return PC_CLIENT_EXIT_CONFIG;
    run_ctx c = {.st = &st};
    char err[600];
    int rc = PC_CLIENT_EXIT_CONFIG;
    if (!pc_kiosk_key_load(&c.key, st.key, err, sizeof err) ||
        !pc_keyring_load(&c.dept, st.http.department_keys, err, sizeof err))
        config_error("%s%s", err, "");
    else if (st.id[0] && strcmp(st.id, c.key.kiosk_id) != 0)
        config_error("--id \"%s\" is not the id of the key (\"%s\")", st.id, c.key.kiosk_id);
    else if (!desk_store_open(st.db, &c.store, err, sizeof err))
        rc = PC_CLIENT_EXIT_STORE, pc_log_err("desk sync: %s", err);
    else if (!pc_client_http_new(&st.http, &c.http, err, sizeof err))
        config_error("%s%s", err, "");
    else if (!(c.receipt = malloc(sizeof *c.receipt)))
        rc = PC_CLIENT_EXIT_FAILURE;
    else
        rc = run(&c);
    free(c.receipt);
    pc_client_http_free(c.http);
    desk_store_close(c.store);
    pc_keyring_free(&c.dept);
    pc_kiosk_key_wipe(&c.key);
    return rc;
}

static int usage(FILE *out)
{
    fprintf(out, "Usage: desk sync [--config FILE] [--db FILE] [--url URL] [--key DESK_SECRET] "
                 "[--id DESK_ID] [--department-keys KEYRING] [--ca-file PEM] [--batch-size N]\n"
                 "Sends the desk's records (收件, 受理, 退回, 不予受理) to the department.\n"
                 "Exit: 0 all sent, 2 configuration, 65 refused by the receiver, 74 the store,\n"
                 "75 try again later (network, server), 77 not authorised (enrol the desk).\n");
    return out == stdout ? 0 : PC_CLIENT_EXIT_CONFIG;
}

static int config_error(const char *fmt, const char *a, const char *b)
{
    char text[2048];
    snprintf(text, sizeof text, fmt, a, b);
    pc_log_err("desk sync: %s", text);
    return PC_CLIENT_EXIT_CONFIG;
}

/* ------------------------------------------------------------------ settings */

/* Defaults, the file (when --config), then the flags over it. */
static bool settings_load(settings *st, int argc, char **argv)
{
    static const struct option longs[] = {
        {"config", 1, 0, 'c'},  {"db", 1, 0, 'd'},         {"url", 1, 0, 'u'},
        {"key", 1, 0, 'k'},     {"id", 1, 0, 'i'},         {"department-keys", 1, 0, 'D'},
        {"ca-file", 1, 0, 'a'}, {"batch-size", 1, 0, 'b'}, {0, 0, 0, 0}};
    const char *flag[128] = {0};
    int c;
    memset(st, 0, sizeof *st);
    pc_client_config_defaults(&st->http);
    st->http.department_keys[0] = st->http.url[0] = '\0';
    st->http.budget_seconds = 600;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
        if (c <= 0 || c >= 128 || c == '?' || c == ':') {
            config_error("unknown or incomplete option \"%s\"%s", argv[optind - 1], "");
            usage(stderr);
            return false;
        }
        flag[c] = optarg;
    }
    if (optind != argc) {
        usage(stderr);
        return false;
    }
    if (flag['c'] && !config_file(st, flag['c']))
        return false;
    const struct {
        int opt;
        char *dst;
        size_t size;
    } set[] = {{'d', st->db, sizeof st->db},
               {'u', st->http.url, sizeof st->http.url},
               {'k', st->key, sizeof st->key},
               {'i', st->id, sizeof st->id},
               {'D', st->http.department_keys, sizeof st->http.department_keys},
               {'a', st->http.ca_file, sizeof st->http.ca_file}};
    for (size_t i = 0; i < sizeof set / sizeof *set; i++)
        if (flag[set[i].opt] &&
            snprintf(set[i].dst, set[i].size, "%s", flag[set[i].opt]) >= (int)set[i].size) {
            config_error("the value of --%s is too long%s", longs[i + 1].name, "");
            return false;
        }
    if (flag['b'] && !config_sync_key(st, "--batch-size", "batch_size", json_string(flag['b'])))
        return false;
    const char *missing = !st->db[0]                     ? "the store (--db, or db: in --config)"
                          : !st->http.url[0]             ? "the receiver (--url, or sync: url:)"
                          : !st->key[0]                  ? "the desk's key (--key, or sync: key:)"
                          : !st->http.department_keys[0] ? "the department's keyring "
                                                           "(--department-keys, or sync: "
                                                           "department_keys:)"
                                                         : NULL;
    if (missing) {
        config_error("no %s given%s", missing, "");
        return false;
    }
    if (strncmp(st->http.url, "http://", 7) != 0 && strncmp(st->http.url, "https://", 8) != 0) {
        config_error("url \"%s\": give http://HOST[:PORT] or https://…%s", st->http.url, "");
        return false;
    }
    return true;
}

/* The desk's YAML file: db or database, and the sync: mapping. */
static bool config_file(settings *st, const char *path)
{
    char err[600];
    json_t *root = pc_yaml_file_to_json(path, err, sizeof err);
    bool ok = root != NULL;
    if (!root)
        config_error("%s%s", err, "");
    else if (!json_is_object(root))
        ok = false, config_error("%s: the file must hold one mapping%s", path, "");
    json_t *db = json_object_get(root, "db") ? json_object_get(root, "db")
                                             : json_object_get(root, "database");
    json_t *sync = json_object_get(root, "sync");
    if (ok && db &&
        (!json_is_string(db) ||
         snprintf(st->db, sizeof st->db, "%s", json_string_value(db)) >= (int)sizeof st->db))
        ok = false, config_error("%s: db: a file path, please%s", path, "");
    if (ok && sync && !json_is_object(sync))
        ok = false,
        config_error("%s: sync: a mapping of url, key, id, department_keys …%s", path, "");
    const char *k;
    json_t *v;
    if (ok)
        json_object_foreach(sync, k,
                            v) if (!(ok = config_sync_key(st, path, k, json_incref(v)))) break;
    json_decref(root);
    return ok;
}

/* One key of sync: (v stolen); where names the file or the flag for the message. */
static bool config_sync_key(settings *st, const char *where, const char *key, json_t *v)
{
    pc_client_config *h = &st->http;
    const struct {
        const char *name;
        char *dst;
        size_t size;
    } text[] = {{"url", h->url, sizeof h->url},
                {"key", st->key, sizeof st->key},
                {"id", st->id, sizeof st->id},
                {"department_keys", h->department_keys, sizeof h->department_keys},
                {"ca_file", h->ca_file, sizeof h->ca_file}};
    const struct {
        const char *name;
        int *dst, lo, hi;
    } num[] = {{"batch_size", &h->batch_size, 1, PC_PROTO_DESK_MAX_RECORDS},
               {"timeout_seconds", &h->timeout_seconds, 1, 600},
               {"max_attempts", &h->max_attempts, 1, 100}};
    char number[32];
    if (json_is_integer(v)) /* the YAML reader turns plain numbers into numbers */
        snprintf(number, sizeof number, "%lld", (long long)json_integer_value(v));
    const char *s = json_is_integer(v) ? number : json_string_value(v);
    bool ok = false, known = false;
    for (size_t i = 0; !known && i < sizeof text / sizeof *text; i++)
        if ((known = strcmp(key, text[i].name) == 0))
            ok = s && snprintf(text[i].dst, text[i].size, "%s", s) < (int)text[i].size;
    for (size_t i = 0; !known && i < sizeof num / sizeof *num; i++) {
        char *end = NULL;
        long n = s ? strtol(s, &end, 10) : 0;
        if ((known = strcmp(key, num[i].name) == 0) &&
            (ok = s && *s && !*end && n >= num[i].lo && n <= num[i].hi))
            *num[i].dst = (int)n;
    }
    json_decref(v);
    if (!known)
        config_error("%s: sync: unknown key \"%s\" (url, key, id, department_keys, ca_file, "
                     "batch_size, timeout_seconds, max_attempts)",
                     where, key);
    else if (!ok)
        config_error("%s: sync: %s: not a valid value", where, key);
    return known && ok;
}

/* ------------------------------------------------------------------ the run */

/* Every record not yet acknowledged, in batches, oldest first; a batch refused stays
 * for the next run (the cursor moves past it, so a run always ends). */
static int run(run_ctx *c)
{
    int rc = PC_CLIENT_EXIT_OK;
    int64_t after = 0;
    for (;;) {
        json_t *list = desk_records_unsent(c->store, after, (size_t)c->st->http.batch_size);
        if (!list) {
            pc_log_err("desk sync: the store: %s", desk_store_errmsg(c->store));
            rc = worse(rc, PC_CLIENT_EXIT_STORE);
            break;
        }
        size_t n = json_array_size(list);
        if (n)
            after = json_integer_value(json_object_get(json_array_get(list, n - 1), "seq"));
        int r = n ? send_batch(c, list) : PC_CLIENT_EXIT_OK;
        json_decref(list);
        rc = worse(rc, r);
        if (!n || r == PC_CLIENT_EXIT_AUTH || r == PC_CLIENT_EXIT_TEMPFAIL ||
            r == PC_CLIENT_EXIT_STORE)
            break;
    }
    size_t pending = 0;
    desk_records_count_unsent(c->store, &pending);
    printf("desk sync: sent %zu, acknowledged %zu, refused %zu, pending %zu\n", c->t.sent,
           c->t.acked, c->t.rejected, pending);
    return rc;
}

/* The batch's records in the protocol's form: no applicant answer, only what the clerk
 * did; the receipt's kiosk id and time read from the scanned text when the desk kept it
 * (with them the department finds the pre-check by its key, not by a search). */
static int send_batch(run_ctx *c, json_t *list)
{
    size_t n = json_array_size(list), len = 0;
    pc_proto_desk_record *recs = calloc(n, sizeof *recs);
    char(*kiosk)[PC_KIOSK_ID_MAX + 1] = calloc(n, sizeof *kiosk);
    char *body = NULL;
    int rc = PC_CLIENT_EXIT_FAILURE;
    for (size_t i = 0; recs && kiosk && i < n; i++) {
        json_t *e = json_array_get(list, i);
        const char *text = json_string_value(json_object_get(e, "receipt"));
        pc_verdict v = text ? pc_receipt_decode(text, NULL, c->receipt) : PC_VERDICT_MALFORMED;
        bool read = v == PC_VERDICT_VALID || v == PC_VERDICT_SEALED_NO_KEY;
        if (read)
            snprintf(kiosk[i], sizeof kiosk[i], "%s", c->receipt->kiosk_id);
        recs[i] = (pc_proto_desk_record){.receipt_created_at = read ? c->receipt->created_at : 0,
                                         .seq = json_integer_value(json_object_get(e, "seq")),
                                         .receipt_id =
                                             json_string_value(json_object_get(e, "receipt_id")),
                                         .kiosk_id = kiosk[i],
                                         .action = json_string_value(json_object_get(e, "action")),
                                         .clerk_id = json_string_value(json_object_get(e, "clerk")),
                                         .at = json_integer_value(json_object_get(e, "at")),
                                         .materials = json_object_get(e, "materials"),
                                         .reason = json_string_value(json_object_get(e, "reason"))};
    }
    if (recs && kiosk)
        body = pc_proto_desk_encode(c->key.kiosk_id, recs, n, &len);
    if (body) {
        char idem[PC_PROTO_IDEM_MAX + 1], sig[PC_PROTO_SIG_B64];
        pc_client_reply rep;
        pc_proto_idem_new(idem);
        c->t.batches++;
        c->t.sent += n;
        rc = post_until_answered(c, body, len, idem, &rep, sig);
        if (rc == PC_CLIENT_EXIT_OK)
            rc = take_answer(c, &rep, sig, idem, list);
        pc_client_reply_free(&rep);
    }
    free(body);
    free(kiosk);
    free(recs);
    return rc;
}

/* Signs and posts, retrying with the same key (and body) after no answer, a 5xx,
 * 408, 429 or 409, with doubling delays; OK when an answer worth reading came. */
static int post_until_answered(run_ctx *c, const char *body, size_t len, const char *idem,
                               pc_client_reply *rep, char sig[PC_PROTO_SIG_B64])
{
    const pc_client_config *h = &c->st->http;
    char hash[PC_PROTO_HASH_HEX], msg[PC_PROTO_MSG_MAX], url[PATH_MAX_ + 32];
    long delay = h->backoff_initial_ms;
    pc_proto_body_hash(body, len, hash);
    snprintf(url, sizeof url, "%s%s", h->url, PC_PROTO_PATH_DESK);
    memset(rep, 0, sizeof *rep);
    for (int attempt = 1;; attempt++) {
        int64_t ts = (int64_t)time(NULL);
        pc_proto_request_message(msg, sizeof msg, "POST", PC_PROTO_PATH_DESK, c->key.kiosk_id, ts,
                                 idem, hash);
        pc_proto_sign(c->key.sk, msg, strlen(msg), sig);
        pc_client_headers hd = {c->key.kiosk_id, sig, idem, ts, hash};
        pc_client_reply_free(rep);
        pc_client_http_post(c->http, url, &hd, body, len, (long)h->timeout_seconds * 1000L, rep);
        long st = rep->transport_error ? 0 : rep->status;
        bool again = st == 0 || st == 408 || st == 409 || st == 429 || st >= 500;
        if (!again)
            return PC_CLIENT_EXIT_OK;
        pc_log_warn("desk sync: attempt %d: %s", attempt,
                    rep->transport_error ? rep->error
                    : rep->body          ? rep->body
                                         : "no body");
        if (attempt >= h->max_attempts)
            return PC_CLIENT_EXIT_TEMPFAIL;
        struct timespec pause = {delay / 1000, (delay % 1000) * 1000000L};
        nanosleep(&pause, NULL);
        delay = delay * 2 > h->backoff_max_ms ? h->backoff_max_ms : delay * 2;
    }
}

/* A 200 signed by a department key marks exactly the acknowledged seqs of this batch;
 * anything else marks nothing and says what to do (as kiosk-sync: 401/403 stop the
 * run, other refusals leave the batch for the next run). */
static int take_answer(run_ctx *c, const pc_client_reply *rep, const char *sig, const char *idem,
                       json_t *list)
{
    long st = rep->status;
    char err[256];
    pc_proto_desk_answer a = {0};
    if (st == 401 || st == 403) {
        pc_log_err("desk sync: not authorised (HTTP %ld): is this desk in the receiver's "
                   "--desks keyring, and its clock right?",
                   st);
        return PC_CLIENT_EXIT_AUTH;
    }
    if (st == 200 && !answer_signed(&c->dept, rep, sig)) {
        pc_log_err("desk sync: the answer is not signed by a department key");
        return PC_CLIENT_EXIT_AUTH;
    }
    if (st != 200 || !pc_proto_desk_answer_parse(rep->body, rep->len, &a, err, sizeof err) ||
        strcmp(a.head.idem, idem) != 0) {
        pc_proto_desk_answer_free(&a);
        pc_log_warn("desk sync: refused: HTTP %ld: %.300s", st,
                    st == 200 ? "unusable answer" : rep->body);
        c->t.rejected += json_array_size(list);
        return PC_CLIENT_EXIT_REJECTED;
    }
    size_t n = json_array_size(list), k = 0;
    int64_t *seqs = calloc(n + 1, sizeof *seqs);
    for (size_t i = 0; seqs && i < a.n_acked; i++)
        for (size_t j = 0; j < n; j++)
            if (json_integer_value(json_object_get(json_array_get(list, j), "seq")) == a.acked[i]) {
                seqs[k++] = a.acked[i];
                break;
            }
    int rc = !seqs ? PC_CLIENT_EXIT_FAILURE
             : desk_records_mark_sent(c->store, seqs, k, (int64_t)time(NULL)) != DESK_OK
                 ? PC_CLIENT_EXIT_STORE
             : a.head.n_rejected ? PC_CLIENT_EXIT_REJECTED
                                 : PC_CLIENT_EXIT_OK;
    if (seqs)
        c->t.acked += k;
    c->t.rejected += a.head.n_rejected;
    pc_log_info("desk sync: batch %zu: %zu records, %zu acknowledged (%lld new), %zu refused",
                c->t.batches, n, k, (long long)a.head.stored_new, a.head.n_rejected);
    free(seqs);
    pc_proto_desk_answer_free(&a);
    return rc;
}

static bool answer_signed(const pc_keyring *dept, const pc_client_reply *rep, const char *sig)
{
    char hash[PC_PROTO_HASH_HEX], msg[PC_PROTO_MSG_MAX];
    pc_proto_body_hash(rep->body ? rep->body : "", rep->len, hash);
    pc_proto_answer_message(msg, sizeof msg, (int)rep->status, rep->timestamp, sig, hash);
    const pc_keyring_entry *e = pc_keyring_find(dept, rep->signer);
    return e && pc_proto_verify(e->pk, msg, strlen(msg), rep->signature);
}

/* The exit status that says more: authorisation, then temporary, store, refused. */
static int worse(int a, int b)
{
    static const int order[] = {PC_CLIENT_EXIT_OK,       PC_CLIENT_EXIT_REJECTED,
                                PC_CLIENT_EXIT_STORE,    PC_CLIENT_EXIT_FAILURE,
                                PC_CLIENT_EXIT_TEMPFAIL, PC_CLIENT_EXIT_AUTH};
    int ra = 0, rb = 0;
    for (int i = 0; i < (int)(sizeof order / sizeof *order); i++) {
        ra = order[i] == a ? i : ra;
        rb = order[i] == b ? i : rb;
    }
    return ra >= rb ? a : b;
}
