/* test_sync_status.c — the kiosk's status, the console's figures and the export:
 * the store's state table; a status body round trip and its refusals; a run with
 * nothing pending still sends a signed status that the receiver keeps (printer, queue,
 * packs, version, clock, disk, last error, the latest replacing the one before); a
 * failed run's error reaches the next status; the fleet, the counts per policy ×
 * outcome per day and week with filters, the 不确定 questions with their text; the
 * export's JSON lines (seq in each, no kiosk-side field) and CSV (labels beside the
 * codes); operators, sign-in, session cookie and CSRF through the console's handler.
 * Runs on SQLite, and on PostgreSQL under pg_cluster.sh. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "client_run.h"
#include "client_status.h"
#include "pc_version.h"
#include "proto_status.h"
#include "recv_console.h"
#include "recv_report.h"
#include "sync_console_seed.h"

static void test_state_table(fixture *f)
{
    char v[64];
    int64_t at = 0;
    CHECK(pc_store_get_state(f->store, "printer", v, sizeof v, &at) == PC_STORE_NOT_FOUND &&
          v[0] == '\0' && at == 0);
    CHECK(pc_store_set_state(f->store, "printer", "out") == PC_STORE_OK);
    CHECK(pc_store_set_state(f->store, "printer", "paper_near_end") == PC_STORE_OK);
    CHECK(pc_store_get_state(f->store, "printer", v, sizeof v, &at) == PC_STORE_OK &&
          strcmp(v, "paper_near_end") == 0 && at > 0);
    CHECK(pc_store_set_state(f->store, "", "x") == PC_STORE_INVALID);
    CHECK(pc_store_set_state(f->store, "printer", NULL) == PC_STORE_INVALID);
}

static void test_status_body(void)
{
    pc_proto_pack_version pv[] = {{"yunnan-sti", "2026.11.1"}};
    pc_proto_status st = {.kiosk_id = "hall1-k01", .sent_at = 100, .queue_depth = 3,
                          .printer = "out", .packs = pv, .n_packs = 1,
                          .program_version = "0.1.0", .clock_known = true,
                          .clock_offset_s = -4, .free_disk_bytes = 1 << 30,
                          .last_error = "exit 75: batch 1: HTTP 500", .last_error_at = 90};
    size_t len = 0;
    char *body = pc_proto_status_encode(&st, &len), err[160];
    json_t *doc = NULL;
    CHECK(body && pc_proto_status_parse(body, len, "hall1-k01", &doc, err, sizeof err));
    CHECK(json_integer_value(json_object_get(doc, "queue_depth")) == 3);
    CHECK(json_integer_value(json_object_get(doc, "clock_offset_s")) == -4);
    CHECK(strcmp(json_string_value(json_object_get(doc, "printer")), "out") == 0);
    json_decref(doc);
    CHECK(!pc_proto_status_parse(body, len, "hall1-k02", &doc, err, sizeof err) && !doc);
    free(body);
    static const char *const bad[] = {
        "[]", "{\"protocol\":2}", "not json",
        "{\"protocol\":1,\"kiosk_id\":\"hall1-k01\",\"printer\":\"on fire\"}",
        "{\"protocol\":1,\"kiosk_id\":\"hall1-k01\",\"printer\":\"ok\",\"program_version\":\"1\","
        "\"sent_at\":-1,\"queue_depth\":0,\"synced_total\":0,\"last_sync_at\":0,"
        "\"printer_at\":0,\"free_disk_bytes\":0,\"last_error_at\":0,\"packs\":[]}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(!pc_proto_status_parse(bad[i], strlen(bad[i]), "hall1-k01", &doc, err, sizeof err));
}

/* The status held for a kiosk, parsed (NULL when none). */
typedef struct found {
    const char *kiosk;
    json_t *doc;
    int64_t clock_seen;
} found;

static bool find_status(void *ctx, const pc_recv_status_row *row)
{
    found *fd = ctx;
    if (strcmp(row->kiosk_id, fd->kiosk) == 0) {
        json_decref(fd->doc);
        fd->doc = json_loads(row->doc, 0, NULL);
        fd->clock_seen = row->clock_seen;
    }
    return true;
}

static json_t *held_status(fixture *f, const char *kiosk)
{
    found fd = {kiosk, NULL, 0};
    pc_recv_store *db = fixture_store(f);
    CHECK(pc_recv_store_status_each(db, find_status, &fd));
    pc_recv_store_close(db);
    return fd.doc;
}

static void test_status_run(fixture *f, const pc_pack_set *packs)
{
    CHECK(held_status(f, "hall1-k01") == NULL);
    site *s = fixture_site(f, NULL, 0);
    fixture_point(f, s);
    snprintf(f->cfg.rules_dir, sizeof f->cfg.rules_dir, "%s", getenv("PC_RULES_DIR"));
    pc_client_stats st;
    CHECK(pc_client_run(&f->cfg, f->store, &f->kiosk, &f->dept_ring, NULL, &st) == 0);
    CHECK(st.status_sent && st.sent == 0);
    json_t *doc = held_status(f, "hall1-k01");
    CHECK(doc && strcmp(json_string_value(json_object_get(doc, "printer")), "paper_near_end") == 0);
    CHECK(json_integer_value(json_object_get(doc, "queue_depth")) == 0);
    CHECK(strcmp(json_string_value(json_object_get(doc, "program_version")), PC_VERSION) == 0);
    CHECK(json_array_size(json_object_get(doc, "packs")) == packs->n_packs && packs->n_packs > 0);
    CHECK(json_integer_value(json_object_get(doc, "free_disk_bytes")) > 0);
    CHECK(json_is_null(json_object_get(doc, "last_error")));
    json_decref(doc);
    /* a run that fails puts its error into the next status; the latest replaces it */
    fixture_seed(f, 2);
    site_stop(s);
    f->cfg.max_attempts = 1;
    CHECK(pc_client_run(&f->cfg, f->store, &f->kiosk, &f->dept_ring, NULL, &st) == 75);
    CHECK(!st.status_sent);
    s = fixture_site(f, NULL, 0);
    fixture_point(f, s);
    CHECK(pc_store_set_state(f->store, "printer", "out") == PC_STORE_OK);
    CHECK(pc_client_run(&f->cfg, f->store, &f->kiosk, &f->dept_ring, NULL, &st) == 0);
    doc = held_status(f, "hall1-k01");
    const char *err = json_string_value(json_object_get(doc, "last_error"));
    CHECK(err && strncmp(err, "exit 75: ", 9) == 0);
    CHECK(strcmp(json_string_value(json_object_get(doc, "printer")), "out") == 0);
    CHECK(json_integer_value(json_object_get(doc, "synced_total")) == 2);
    CHECK(json_is_integer(json_object_get(doc, "clock_offset_s")));
    CHECK(labs((long)json_integer_value(json_object_get(doc, "clock_offset_s"))) <= 2);
    json_decref(doc);
    site_stop(s);
}

/* ------------------------------------------------------------------ the figures */

static json_t *counts(fixture *f, const pc_pack_set *packs, const char *hall,
                      const char *kiosk, bool weekly)
{
    pc_recv_filter flt;
    char err[256];
    CHECK(pc_recv_filter_parse(&flt, hall, kiosk, NULL, NULL, err, sizeof err));
    pc_recv_store *db = fixture_store(f);
    json_t *j = pc_recv_report_counts(db, packs, &flt, weekly, err, sizeof err);
    pc_recv_store_close(db);
    CHECK(j != NULL);
    return j;
}

static void test_figures(fixture *f, const pc_pack_set *packs, const console_seed *cs)
{
    json_t *all = counts(f, packs, NULL, NULL, false), *week = counts(f, packs, NULL, NULL, true);
    CHECK((size_t)json_integer_value(json_object_get(all, "total")) == cs->submissions);
    CHECK(json_integer_value(json_object_get(week, "total")) ==
          json_integer_value(json_object_get(all, "total")));
    CHECK(json_array_size(json_object_get(all, "periods")) >= 10);
    CHECK(json_array_size(json_object_get(week, "periods")) >= 2 &&
          json_array_size(json_object_get(week, "periods")) <= 3);
    CHECK(json_array_size(json_object_get(all, "policies")) == packs->n_packs);
    const char *label = json_string_value(json_object_get(
        json_array_get(json_object_get(all, "outcomes"), 0), "label"));
    CHECK(label && strcmp(label, "可免责") == 0);
    json_t *k2 = counts(f, packs, NULL, "hall1-k02", false), *h2 = counts(f, packs, "hall2", NULL, false);
    json_int_t n_all = json_integer_value(json_object_get(all, "total"));
    json_int_t n_k2 = json_integer_value(json_object_get(k2, "total"));
    json_int_t n_h2 = json_integer_value(json_object_get(h2, "total"));
    CHECK(n_k2 > 0 && n_h2 > 0 && n_k2 + n_h2 < n_all);
    json_decref(all), json_decref(week), json_decref(k2), json_decref(h2);

    pc_recv_filter flt;
    char err[256];
    CHECK(!pc_recv_filter_parse(&flt, NULL, NULL, "2026-02-30", NULL, err, sizeof err));
    CHECK(pc_recv_filter_parse(&flt, NULL, NULL, NULL, NULL, err, sizeof err));
    pc_recv_store *db = fixture_store(f);
    json_t *u = pc_recv_report_unsure(db, packs, &flt, 20, err, sizeof err);
    json_t *top = json_array_get(json_object_get(u, "questions"), 0);
    CHECK(top && json_integer_value(json_object_get(top, "unsure")) > 0);
    CHECK(strlen(json_string_value(json_object_get(top, "text"))) > 0);
    json_decref(u);
    json_t *fl = pc_recv_report_fleet(db, packs, &f->kiosks, &flt, (int64_t)time(NULL), 36,
                                      err, sizeof err);
    pc_recv_store_close(db);
    CHECK(fl && json_array_size(json_object_get(fl, "kiosks")) == 4);
    size_t i;
    json_t *k;
    json_array_foreach(json_object_get(fl, "kiosks"), i, k) {
        const char *id = json_string_value(json_object_get(k, "kiosk_id"));
        bool silent = json_is_true(json_object_get(k, "silent"));
        CHECK(strcmp(id, "hall2-k02") == 0 ? silent : !silent);
        if (strcmp(id, "hall2-k01") == 0)
            CHECK(strcmp(json_string_value(json_object_get(k, "printer")), "out") == 0);
        size_t behind = json_array_size(json_object_get(k, "packs_behind"));
        CHECK(strcmp(id, "hall2-k01") == 0 ? behind == packs->n_packs : behind == 0);
    }
    json_decref(fl);
}

static char *export_text(fixture *f, const pc_pack_set *packs, bool csv, int64_t since)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    pc_recv_store *db = fixture_store(f);
    CHECK(csv ? pc_recv_export_csv(db, packs, since, m) : pc_recv_export_json(db, since, m));
    pc_recv_store_close(db);
    fclose(m);
    return text;
}

static void test_export(fixture *f, const pc_pack_set *packs, const console_seed *cs)
{
    char *json = export_text(f, packs, false, 0), *csv = export_text(f, packs, true, 0);
    size_t lines = 0;
    for (char *line = strtok(json, "\n"); line; line = strtok(NULL, "\n"), lines++) {
        json_t *o = json_loads(line, 0, NULL);
        CHECK(json_integer_value(json_object_get(o, "seq")) > 0);
        CHECK(json_object_get(o, "submission") != NULL);
        json_decref(o);
    }
    CHECK(lines == cs->submissions);
    CHECK(!strstr(csv, "sync_state") && !strstr(csv, "synced_at_unix"));
    CHECK(strncmp(csv, "seq,receipt_id,kiosk_id,hall,", 29) == 0);
    CHECK(strstr(csv, ",outcome_words,") && strstr(csv, "可免责") && strstr(csv, "不确定"));
    CHECK(strstr(csv, packs->packs[0]->title) && strstr(csv, packs->packs[0]->questions[0].ask));
    free(json);
    free(csv);
    json = export_text(f, packs, false, (int64_t)cs->submissions - 2);    /* --since */
    CHECK(!strstr(json, "sync_state") && !strstr(json, "\"purged\""));
    lines = 0;
    for (char *p = json; (p = strchr(p, '\n')); p++)
        lines++;
    CHECK(lines == 2);
    free(json);
}

/* ------------------------------------------------------------------ the console */

static pc_recv_console_reply call(pc_recv_console *c, const char *method, const char *path,
                                  const char *cookie, const char *csrf, const char *body)
{
    pc_recv_console_req rq = {.method = method, .path = path, .cookie = cookie, .csrf = csrf,
                              .host = "127.0.0.1:1", .content_type = "application/json",
                              .body = body, .len = body ? strlen(body) : 0};
    pc_recv_console_reply rep;
    pc_recv_console_handle(c, &rq, (int64_t)time(NULL), &rep);
    return rep;
}

static bool no_kiosks(void *ctx, pc_keyring *ring)
{
    (void)ctx;
    *ring = (pc_keyring){0};
    return true;
}

static void test_console(fixture *f, const pc_pack_set *packs)
{
    fixture_add_operator(f, "wang", "correct horse");
    char err[256];
    pc_recv_pool *pool = NULL;
    CHECK(pc_recv_pool_open(f->recv_db, 0, 1, &pool, err, sizeof err));
    pc_recv_console_opts o = {.pool = pool, .packs = packs, .static_dir = "/nonexistent",
                              .enrolled = no_kiosks};
    pc_recv_console *c = pc_recv_console_new(&o);
    pc_recv_console_reply r = call(c, "GET", "/console/api/counts", NULL, NULL, NULL);
    CHECK(r.status == 401);
    pc_recv_console_reply_free(&r);
    r = call(c, "POST", "/console/api/login", NULL, NULL, "{\"name\":\"wang\",\"password\":\"x\"}");
    CHECK(r.status == 401 && !r.set_cookie[0]);
    pc_recv_console_reply_free(&r);
    r = call(c, "POST", "/console/api/login", NULL, NULL,
             "{\"name\":\"wang\",\"password\":\"correct horse\"}");
    CHECK(r.status == 200 && strstr(r.set_cookie, "HttpOnly") &&
          strstr(r.set_cookie, "SameSite=Strict"));
    char cookie[256];
    snprintf(cookie, sizeof cookie, "%.*s", (int)strcspn(r.set_cookie + 11, ";"),
             r.set_cookie + 11);                    /* after "pc_console=" */
    pc_recv_console_reply_free(&r);
    r = call(c, "GET", "/console/api/me", cookie, NULL, NULL);
    json_t *me = json_loads(r.body, 0, NULL);
    char csrf[130];
    snprintf(csrf, sizeof csrf, "%s", json_string_value(json_object_get(me, "csrf")));
    CHECK(r.status == 200 && strlen(csrf) == 64);
    json_decref(me);
    pc_recv_console_reply_free(&r);
    r = call(c, "GET", "/console/api/counts", cookie, NULL, NULL);
    CHECK(r.status == 200 && strstr(r.body, "\"periods\""));
    pc_recv_console_reply_free(&r);
    cookie[strlen(cookie) - 1] ^= 1;                /* a forged MAC */
    r = call(c, "GET", "/console/api/fleet", cookie, NULL, NULL);
    CHECK(r.status == 401);
    pc_recv_console_reply_free(&r);
    cookie[strlen(cookie) - 1] ^= 1;
    r = call(c, "POST", "/console/api/logout", cookie, NULL, "{}");
    CHECK(r.status == 403);                         /* no CSRF token */
    pc_recv_console_reply_free(&r);
    r = call(c, "POST", "/console/api/logout", cookie, csrf, "{}");
    CHECK(r.status == 200 && strstr(r.set_cookie, "Max-Age=0"));
    pc_recv_console_reply_free(&r);
    pc_recv_console_free(c);
    pc_recv_pool_close(pool);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    char err[512];
    pc_pack_set packs;
    CHECK(pc_pack_set_load_dir(&packs, getenv("PC_RULES_DIR"), err, sizeof err));
    test_status_body();
    fixture f;
    fixture_init(&f);
    test_state_table(&f);
    test_status_run(&f, &packs);
    fixture_done(&f);

    fixture_init(&f);
    console_seed cs;
    console_seed_make(&f, &packs, getenv("PC_RULES_DIR"), &cs);
    site *s = fixture_site(&f, NULL, 0);
    CHECK(console_seed_sync(&f, s, &cs));
    site_stop(s);
    test_figures(&f, &packs, &cs);
    test_export(&f, &packs, &cs);
    test_console(&f, &packs);
    console_seed_done(&cs);
    fixture_done(&f);
    pc_pack_set_free(&packs);
    return CHECK_DONE();
}
