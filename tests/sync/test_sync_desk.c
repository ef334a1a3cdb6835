/* test_sync_desk.c — staff desks' records at the receiver (POST /v1/desk-records),
 * through a real receiver and libcurl: a desk's signed batch is stored, each record
 * once per (desk, seq), a bad record refused by itself; the same request replayed (same
 * Idempotency-Key) gets the stored answer and stores nothing; the same records under a
 * new key are "already present"; a record changed in flight, an unknown desk, a
 * kiosk's key posing as a desk and a desk's key posting submissions are refused and
 * store nothing; the export carries every field and no applicant answer; the
 * console's counts join the records with their pre-checks (per policy, 收件 / 受理 /
 * 退回 and 不予受理 together, filters by kiosk and dates). The request and answer
 * bodies round trip; a SQLite database of schema 3 (before desk records) is migrated.
 * Runs on SQLite, and on PostgreSQL under pg_cluster.sh. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "check.h"
#include "client_http.h"
#include "client_run.h"
#include "proto_desk.h"
#include "recv_desk.h"
#include "sync_test_util.h"

/* A desk enrolled in the desks' keyring (dir/desks.keyring). */
typedef struct desk {
    pc_kiosk_key key;
    pc_keyring ring;
} desk;

static void desk_make(fixture *f, const char *id, desk *d)
{
    char err[512], path[600];
    snprintf(path, sizeof path, "%s/desks.keyring", f->dir);
    if (!pc_kiosk_key_generate(&d->key, id, err, sizeof err) ||
        !pc_keyring_append(path, id, d->key.pk, err, sizeof err) ||
        !pc_keyring_load(&d->ring, path, err, sizeof err))
        die("desk key", err);
}

/* The time the kiosk gave the pre-check with receipt id (as its receipt carries it). */
static int64_t created_of(fixture *f, const char *id)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    int64_t at = 0;
    if (sqlite3_open_v2(f->cfg.database, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT created_at FROM submission WHERE receipt_id = ?1", -1, &q,
                           NULL) == SQLITE_OK &&
        sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        at = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    if (at <= 0)
        die("created_of", id);
    return at;
}

/* Four records of the first three pre-checks, and one with a bad receipt id. The
 * department finds each pre-check three ways: by its whole key (kiosk, time and receipt
 * id, as a desk reads them from the receipt: seq 1 and 5), by kiosk and receipt id (a
 * desk that did not send the time: seq 2), by receipt id alone (seq 3). */
static char *body_of(fixture *f, const char *desk_id, size_t *len)
{
    json_t *m = json_pack("[i, i]", 0, 2), *none = json_array();
    int64_t t0 = created_of(f, f->ids[0]), t2 = created_of(f, f->ids[2]);
    pc_proto_desk_record r[] = {
        {1, f->ids[0], "hall1-k01", "receive", "0001", 1795594888, m, "", t0, NULL},
        {2, f->ids[0], "hall1-k01", "accept", "0001", 1795595000, none, "", 0, NULL},
        {3, f->ids[1], "", "return", "0002", 1795595100, none, "缺少营业执照副本", 0, NULL},
        {5, f->ids[2], "hall1-k01", "refuse", "0002", 1795681600, none, "不属于适用范围", t2, NULL},
        {6, "NOT-A-RECEIPT", "", "accept", "0002", 1795595200, none, "", 0, NULL}};
    char *body = pc_proto_desk_encode(desk_id, r, 5, len);
    json_decref(m);
    json_decref(none);
    return body;
}

/* Posts body to path signed by key (the signed string over sign_body, so that a body
 * changed in flight can be sent), with or without X-PC-Body-SHA256. */
static pc_client_reply post(fixture *f, const site *s, const char *path, const pc_kiosk_key *key,
                            const char *idem, const char *body, const char *sign_body,
                            bool send_hash)
{
    char hash[PC_PROTO_HASH_HEX], msg[PC_PROTO_MSG_MAX], sig[PC_PROTO_SIG_B64], url[600], err[256];
    int64_t ts = (int64_t)time(NULL);
    pc_proto_body_hash(sign_body, strlen(sign_body), hash);
    pc_proto_request_message(msg, sizeof msg, "POST", path, key->kiosk_id, ts, idem, hash);
    pc_proto_sign(key->sk, msg, strlen(msg), sig);
    fixture_point(f, s);
    snprintf(url, sizeof url, "%s%s", f->cfg.url, path);
    pc_client_http *h = NULL;
    if (!pc_client_http_new(&f->cfg, &h, err, sizeof err))
        die("http", err);
    pc_client_headers hd = {key->kiosk_id, sig, idem, ts, send_hash ? hash : NULL};
    pc_client_reply rep;
    pc_client_http_post(h, url, &hd, body, strlen(body), 10000, &rep);
    pc_client_http_free(h);
    return rep;
}

static bool count_row(void *ctx, const pc_recv_desk_row *row)
{
    (void)row;
    ++*(size_t *)ctx;
    return true;
}

static size_t stored(fixture *f)
{
    size_t n = 0;
    pc_recv_store *db = fixture_store(f);
    if (!pc_recv_store_desk_each(db, 0, count_row, &n))
        die("desk each", pc_recv_store_errmsg(db));
    pc_recv_store_close(db);
    return n;
}

static void test_bodies(void)
{
    json_t *none = json_array();
    pc_proto_desk_record r = {7,   "NC3VGFR7BZEF", "", "receive",  "li",
                              100, none,           "", 1795594888, NULL};
    size_t len = 0;
    char *body = pc_proto_desk_encode("hall1-desk1", &r, 1, &len), err[160];
    pc_proto_desk_batch b;
    CHECK(body && pc_proto_desk_parse(body, len, "hall1-desk1", 10, &b, err, sizeof err));
    CHECK(b.n == 1 && !b.items[0].reject && b.items[0].seq == 7 &&
          strcmp(b.items[0].action, "receive") == 0 && b.items[0].receipt_created_at == 1795594888);
    pc_proto_desk_batch_free(&b);
    CHECK(!pc_proto_desk_parse(body, len, "hall1-desk2", 10, &b, err, sizeof err) &&
          strstr(err, "signing desk"));
    CHECK(!pc_proto_desk_parse(body, len, "hall1-desk1", 0, &b, err, sizeof err));
    free(body);
    /* each field wrong in turn: that record refused, the batch still read */
    static const char *const bad[] = {"{\"seq\":0}",
                                      "{\"action\":\"scan\"}",
                                      "{\"clerk_id\":\"a b\"}",
                                      "{\"materials\":[-1]}",
                                      "{\"kiosk_id\":\"a/b\"}",
                                      "{\"at\":0}",
                                      "{\"desk_id\":\"other\"}",
                                      "{\"reason\":null}",
                                      "{\"receipt_created_at\":-1}",
                                      "{\"receipt_created_at\":\"2026-11-25\"}",
                                      "{\"receipt_created_at\":4294967296}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        json_t *rec = pc_proto_desk_record_json("d", &r), *over = json_loads(bad[i], 0, NULL);
        json_object_update(rec, over);
        json_t *root =
            json_pack("{s:i, s:s, s:[o]}", "protocol", 1, "desk_id", "d", "records", rec);
        char *text = json_dumps(root, JSON_COMPACT);
        CHECK(text && pc_proto_desk_parse(text, strlen(text), "d", 10, &b, err, sizeof err) &&
              b.n == 1 && b.items[0].reject);
        pc_proto_desk_batch_free(&b);
        free(text);
        json_decref(root);
        json_decref(over);
    }
    json_t *acked = json_pack("[i, i]", 1, 2), *rej = json_array();
    char *ans = pc_proto_answer_encode("k0123456789abcdef", acked, rej, 1);
    pc_proto_desk_answer a;
    CHECK(ans && pc_proto_desk_answer_parse(ans, strlen(ans), &a, err, sizeof err) &&
          a.n_acked == 2 && a.acked[1] == 2 && a.head.stored_new == 1 &&
          a.head.already_present == 1);
    pc_proto_desk_answer_free(&a);
    free(ans);
    json_decref(acked);
    json_decref(rej);
    json_decref(none);
}

/* The answer's acknowledged seqs and new count. */
static bool answered(const pc_client_reply *rep, size_t acked, json_int_t fresh, size_t rejected)
{
    pc_proto_desk_answer a;
    char err[160];
    bool ok = !rep->transport_error && rep->status == 200 &&
              pc_proto_desk_answer_parse(rep->body, rep->len, &a, err, sizeof err);
    if (!ok)
        fprintf(stderr, "answer: %ld %s\n", rep->status, rep->body ? rep->body : rep->error);
    ok = ok && a.n_acked == acked && a.head.stored_new == fresh && a.head.n_rejected == rejected;
    if (rep->status == 200 && a.head.root)
        pc_proto_desk_answer_free(&a);
    return ok;
}

static void test_intake(fixture *f, const site *s, const desk *d)
{
    size_t len = 0;
    char *body = body_of(f, d->key.kiosk_id, &len), idem[PC_PROTO_IDEM_MAX + 1];
    pc_proto_idem_new(idem);
    pc_client_reply rep = post(f, s, PC_PROTO_PATH_DESK, &d->key, idem, body, body, true);
    CHECK(answered(&rep, 4, 4, 1));
    char *first = rep.body ? strdup(rep.body) : NULL;
    pc_client_reply_free(&rep);
    CHECK(stored(f) == 4);

    /* the same request again: the stored answer, nothing stored twice */
    rep = post(f, s, PC_PROTO_PATH_DESK, &d->key, idem, body, body, false);
    CHECK(answered(&rep, 4, 4, 1) && first && rep.body && strcmp(rep.body, first) == 0);
    pc_client_reply_free(&rep);
    free(first);
    /* the same records under a new key (the desk died before marking them) */
    pc_proto_idem_new(idem);
    rep = post(f, s, PC_PROTO_PATH_DESK, &d->key, idem, body, body, true);
    CHECK(answered(&rep, 4, 0, 1));
    pc_client_reply_free(&rep);
    CHECK(stored(f) == 4);

    /* changed in flight: a clerk's 退回 turned into 受理 after signing */
    char *changed = strdup(body), *at = strstr(changed, "\"return\"");
    memcpy(at, "\"accept\"", 8);
    pc_proto_idem_new(idem);
    rep = post(f, s, PC_PROTO_PATH_DESK, &d->key, idem, changed, body, true);
    CHECK(!rep.transport_error && rep.status == 400);
    pc_client_reply_free(&rep);
    rep = post(f, s, PC_PROTO_PATH_DESK, &d->key, idem, changed, body, false);
    CHECK(!rep.transport_error && rep.status == 401);
    pc_client_reply_free(&rep);
    free(changed);

    /* an unknown desk; a kiosk's key posing as a desk; a desk's key as a kiosk */
    desk stranger;
    char err[256];
    if (!pc_kiosk_key_generate(&stranger.key, "hall1-desk9", err, sizeof err))
        die("key", err);
    size_t slen = 0;
    char *sbody = body_of(f, "hall1-desk9", &slen), *kbody = body_of(f, "hall1-k01", &slen);
    pc_proto_idem_new(idem);
    rep = post(f, s, PC_PROTO_PATH_DESK, &stranger.key, idem, sbody, sbody, true);
    CHECK(!rep.transport_error && rep.status == 401 && strstr(rep.body, "unknown desk"));
    pc_client_reply_free(&rep);
    rep = post(f, s, PC_PROTO_PATH_DESK, &f->kiosk, idem, kbody, kbody, true);
    CHECK(!rep.transport_error && rep.status == 401 && strstr(rep.body, "unknown desk"));
    pc_client_reply_free(&rep);
    const char *subs = "{\"protocol\":1,\"kiosk_id\":\"hall1-desk1\",\"submissions\":[]}";
    rep = post(f, s, PC_PROTO_PATH_SUBMIT, &d->key, idem, subs, subs, true);
    CHECK(!rep.transport_error && rep.status == 401 && strstr(rep.body, "unknown kiosk"));
    pc_client_reply_free(&rep);
    CHECK(stored(f) == 4);
    pc_kiosk_key_wipe(&stranger.key);
    free(sbody);
    free(kbody);
    free(body);
}

/* The export: one line a record, seq, every field, the joined policy, no answers. */
static void test_export(fixture *f)
{
    char path[600], *text = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "%s/desk-export.jsonl", f->dir);
    FILE *out = fopen(path, "w+");
    pc_recv_store *db = fixture_store(f);
    CHECK(out && pc_recv_store_desk_export(db, 0, out));
    pc_recv_store_close(db);
    if (out) {
        len = (size_t)ftell(out);
        rewind(out);
        text = calloc(len + 1, 1);
        CHECK(text && fread(text, 1, len, out) == len);
        fclose(out);
    }
    CHECK(text && strstr(text, "\"seq\":") && strstr(text, "\"action\":\"receive\"") &&
          strstr(text, "缺少营业执照副本") && strstr(text, "\"materials\":[0,2]") &&
          strstr(text, "\"policy_id\":\"yunnan-sti\"") && !strstr(text, "answers"));
    size_t lines = 0;
    for (size_t i = 0; text && i < len; i++)
        lines += text[i] == '\n';
    CHECK(lines == 4);
    free(text);
}

static json_int_t total(json_t *rep, const char *group)
{
    return json_integer_value(json_object_get(json_object_get(rep, "totals"), group));
}

/* Counts by policy: one 收件, one 受理, two 退回/不予受理; by day and week; filters. */
static void test_report(fixture *f)
{
    pc_recv_filter all, other, later;
    char err[160];
    pc_recv_filter_parse(&all, NULL, NULL, NULL, NULL, err, sizeof err);
    pc_recv_filter_parse(&other, NULL, "hall1-k02", NULL, NULL, err, sizeof err);
    pc_recv_filter_parse(&later, NULL, NULL, "2026-11-26", NULL, err, sizeof err);
    pc_recv_store *db = fixture_store(f);
    json_t *day = pc_recv_report_desk(db, NULL, &all, false, err, sizeof err);
    json_t *week = pc_recv_report_desk(db, NULL, &all, true, err, sizeof err);
    json_t *none = pc_recv_report_desk(db, NULL, &other, false, err, sizeof err);
    json_t *late = pc_recv_report_desk(db, NULL, &later, false, err, sizeof err);
    pc_recv_store_close(db);
    CHECK(day && total(day, "receive") == 1 && total(day, "accept") == 1 &&
          total(day, "returned") == 2 &&
          json_integer_value(json_object_get(day, "not_received")) == 0);
    json_t *pol = json_array_get(json_object_get(day, "policies"), 0);
    CHECK_STR(json_string_value(json_object_get(pol, "id")), "yunnan-sti");
    /* 2026-11-25 (CST) holds 收件, 受理, 退回; 11-26 the 不予受理 */
    json_t *returned = json_object_get(json_object_get(pol, "counts"), "returned");
    CHECK(json_array_size(json_object_get(day, "periods")) == 2 && json_array_size(returned) == 2 &&
          json_integer_value(json_array_get(returned, 0)) == 1 &&
          json_integer_value(json_array_get(returned, 1)) == 1);
    CHECK(week && json_array_size(json_object_get(week, "periods")) == 1 &&
          total(week, "returned") == 2);
    CHECK(none && total(none, "receive") == 0 &&
          json_array_size(json_object_get(none, "policies")) == 0);
    CHECK(late && total(late, "returned") == 1 && total(late, "receive") == 0);
    json_decref(day);
    json_decref(week);
    json_decref(none);
    json_decref(late);
}

/* A receiver database of schema 3 (no desk records yet) gets their table on opening,
 * and keeps what it held. */
static void test_migration(fixture *f)
{
    if (fixture_pg())
        return;
    char path[600], err[512];
    snprintf(path, sizeof path, "%s/schema3.db", f->dir);
    pc_recv_store *s = NULL;
    sqlite3 *db = NULL;
    CHECK(pc_recv_store_open(path, PC_RECV_STORE_CREATE, &s, err, sizeof err));
    pc_recv_store_close(s);
    CHECK(sqlite3_open(path, &db) == SQLITE_OK &&
          sqlite3_exec(db,
                       "DROP TABLE desk_record; PRAGMA user_version = 3;"
                       "INSERT INTO operator VALUES ('wang', 'x', 1);",
                       NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    s = NULL;
    CHECK(pc_recv_store_open(path, 0, &s, err, sizeof err));
    size_t len = 0, n_new = 0, n = 0;
    char *body = body_of(f, "hall1-desk1", &len), *answer = NULL, hash[PC_RECV_PWHASH_MAX];
    pc_proto_desk_batch b;
    bool found = false;
    CHECK(s && pc_proto_desk_parse(body, len, "hall1-desk1", 10, &b, err, sizeof err));
    CHECK(s && (answer = pc_recv_store_desk_batch(s, NULL, "hall1-desk1", &b, &n_new)) &&
          n_new == 4 && pc_recv_store_desk_each(s, 0, count_row, &n) && n == 4);
    CHECK(s && pc_recv_store_operator_get(s, "wang", hash, &found) && found);
    pc_proto_desk_batch_free(&b);
    free(answer);
    free(body);
    pc_recv_store_close(s);
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    sqlite3_stmt *q = NULL;
    CHECK(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK &&
          sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 7);
    sqlite3_finalize(q);
    sqlite3_close(db);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    test_bodies();
    fixture f;
    fixture_init(&f);
    fixture_seed(&f, 3);
    desk d;
    desk_make(&f, "hall1-desk1", &d);
    pc_recv_opts o = {.desks = &d.ring};
    site *s = fixture_site_opts(&f, o, (size_t)f.instances, false);
    fixture_point(&f, s);
    pc_client_stats st;
    CHECK(pc_client_run(&f.cfg, f.store, &f.kiosk, &f.dept_ring, NULL, &st) == 0);
    test_intake(&f, s, &d);
    site_stop(s);
    test_export(&f);
    test_report(&f);
    test_migration(&f);
    pc_kiosk_key_wipe(&d.key);
    pc_keyring_free(&d.ring);
    fixture_done(&f);
    return CHECK_DONE();
}
