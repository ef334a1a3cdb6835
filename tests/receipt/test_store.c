/* test_store.c — the submission store: file mode, schema version, issue-then-read,
 * duplicates, the sync queue in batches (as objects, and as the text SQLite makes, the
 * same JSON key for key), mark synced (the one commit not fsynced on its own: every
 * other write still is, after it), counts, the retention purge
 * (and that purged contact data is gone from the file's bytes), a locked database,
 * the size limit as a full disk, a corrupt file refused and kept byte for byte, a
 * schema from the future refused. Disk full and read-only on real small mounts are in
 * test_store_fs.c. */
#define _GNU_SOURCE /* dlsym(RTLD_NEXT): the fsync counters below */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "store_mark.h"
#include "../check.h"

#define DAY 86400

/* fsync and fdatasync calls made by SQLite in this process: the wrappers count them and
 * call the C library's. */
static int syncs;

int fdatasync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    syncs++;
    return real(fd);
}

int fsync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    syncs++;
    return real(fd);
}

typedef struct paths {
    char dir[512], db[600];
} paths;

static void make_paths(paths *p)
{
    rc_tempdir(p->dir, sizeof p->dir);
    snprintf(p->db, sizeof p->db, "%s/queue.db", p->dir);
}

static pc_store *open_ok(const char *path)
{
    char err[800];
    pc_store *s = NULL;
    pc_store_status st = pc_store_open(path, &s, err, sizeof err);
    if (st != PC_STORE_OK)
        fprintf(stderr, "open: %s\n", err);
    CHECK(st == PC_STORE_OK && s);
    return s;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = buf ? fread(buf, 1, (size_t)n, f) : 0;
    fclose(f);
    return buf;
}

static bool bytes_contain(const char *path, const char *needle)
{
    size_t len = 0;
    char *buf = read_all(path, &len);
    bool found = false;
    for (size_t i = 0; buf && i + strlen(needle) <= len && !found; i++)
        found = memcmp(buf + i, needle, strlen(needle)) == 0;
    free(buf);
    return found;
}

static pc_store_status issue(pc_store *s, const rc_fixture *f, const char *contact, pc_issued *out)
{
    pc_answers a;
    pc_result r;
    rc_fixture_answers(f, &a, true);
    rc_fixture_eval(f, &a, &r);
    return pc_receipt_issue(s, &f->key, NULL, f->pack, &a, &r, contact, f->now, out);
}

static void test_create_and_issue(const rc_fixture *f)
{
    paths p;
    make_paths(&p);
    pc_store *s = open_ok(p.db);
    struct stat sb;
    CHECK(stat(p.db, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    pc_issued is;
    CHECK(issue(s, f, "13800138000", &is) == PC_STORE_OK);
    char side[700];
    snprintf(side, sizeof side, "%s-wal", p.db);     /* SQLite gives WAL and SHM the db's mode */
    CHECK(stat(side, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    snprintf(side, sizeof side, "%s-shm", p.db);
    CHECK(stat(side, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    CHECK(strlen(is.receipt_id) == PC_RECEIPT_ID_LEN && strncmp(is.text, "RC1", 3) == 0);
    pc_submission sub;
    CHECK(pc_store_get(s, is.receipt_id, &sub) == PC_STORE_OK);
    CHECK_STR(sub.receipt, is.text);
    CHECK_STR(sub.contact, "13800138000");
    CHECK_STR(sub.kiosk_id, "k1");
    CHECK_STR(sub.policy_id, f->pack->id);
    CHECK(sub.answers_json && strstr(sub.answers_json, "\"no\"") && sub.sync_state == PC_SYNC_PENDING);
    pc_verify_result vr;
    CHECK(pc_receipt_verify(sub.receipt, &f->ctx, &vr) == PC_VERDICT_VALID);
    CHECK_STR(pc_outcome_name(vr.result.outcome), sub.outcome);
    /* the same id again is a duplicate, and nothing changes */
    CHECK(pc_store_insert(s, &sub) == PC_STORE_DUPLICATE);
    pc_submission_free(&sub);
    CHECK(pc_store_get(s, "0000000000000", &sub) == PC_STORE_NOT_FOUND);
    pc_submission bad = {.receipt_id = "ABCDEFGHJKMN", .kiosk_id = "k1", .policy_id = "p",
                         .outcome = "exempt", .answers_json = "[1]", .basis_json = "[]"};
    CHECK(pc_store_insert(s, &bad) == PC_STORE_INVALID);
    size_t pending, synced;
    CHECK(pc_store_count(s, &pending, &synced) == PC_STORE_OK && pending == 1 && synced == 0);
    pc_store_close(s);
    /* reopening finds it and takes back a mode someone widened; the schema version is recorded */
    CHECK(chmod(p.db, 0644) == 0);
    s = open_ok(p.db);
    CHECK(stat(p.db, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    CHECK(pc_store_count(s, &pending, &synced) == PC_STORE_OK && pending == 1);
    CHECK(pc_store_check(s) == PC_STORE_OK);
    pc_store_close(s);
    sqlite3 *db;
    sqlite3_open(p.db, &db);
    sqlite3_stmt *q;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL);
    CHECK(sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 3);
    sqlite3_finalize(q);
    /* the counts the triggers keep equal the rows, after a row changed state and one went */
    sqlite3_exec(db, "INSERT INTO submission(receipt_id, kiosk_id, created_at, policy_id, pack_version,"
                     " outcome, basis_json) VALUES('R2', 'k1', 1, 'p', '1', 'exempt', '[]');"
                     "UPDATE submission SET sync_state = 1, synced_at = 5 WHERE receipt_id = 'R2';",
                 NULL, NULL, NULL);
    sqlite3_prepare_v2(db, "SELECT (SELECT n FROM queue_count WHERE sync_state = 0) ="
                           " (SELECT count(*) FROM submission WHERE sync_state = 0) AND"
                           " (SELECT n FROM queue_count WHERE sync_state = 1) = 1", -1, &q, NULL);
    CHECK(sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 1);
    sqlite3_finalize(q);
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL);
    CHECK(sqlite3_step(q) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(q, 0), "wal") == 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    rc_rmtree(p.dir);
}

static void test_sync_queue(const rc_fixture *f)
{
    paths p;
    make_paths(&p);
    pc_store *s = open_ok(p.db);
    char ids[25][PC_RECEIPT_ID_SIZE];
    for (int i = 0; i < 25; i++) {
        pc_issued is;
        CHECK(issue(s, f, i % 2 ? "contact-13912345678" : NULL, &is) == PC_STORE_OK);
        memcpy(ids[i], is.receipt_id, PC_RECEIPT_ID_SIZE);
    }
    int64_t cursor = 0, last = 0;
    size_t sizes[4], seen = 0;
    for (int b = 0; b < 4; b++) {
        json_t *batch = NULL;
        CHECK(pc_store_list_unsynced(s, cursor, 10, &batch, &last) == PC_STORE_OK && batch);
        sizes[b] = json_array_size(batch);
        for (size_t i = 0; i < sizes[b]; i++) {
            json_t *o = json_array_get(batch, i);
            CHECK_STR(json_string_value(json_object_get(o, "receipt_id")), ids[seen]);
            CHECK(json_is_object(json_object_get(o, "answers")));
            CHECK(json_is_string(json_object_get(json_object_get(o, "result"), "outcome")));
            CHECK_STR(json_string_value(json_object_get(o, "sync_state")), "pending");
            seen++;
        }
        json_decref(batch);
        cursor = last;
    }
    CHECK(sizes[0] == 10 && sizes[1] == 10 && sizes[2] == 5 && sizes[3] == 0 && seen == 25);
    const char *mark[14];
    for (int i = 0; i < 12; i++)
        mark[i] = ids[i];
    mark[12] = "ZZZZZZZZZZZZ";
    mark[13] = ids[0];
    size_t marked = 0, pending, synced;
    int64_t t_sync = f->now + 3600;
    CHECK(pc_store_mark_synced(s, mark, 14, t_sync, &marked) == PC_STORE_OK && marked == 12);
    CHECK(pc_store_mark_synced(s, mark, 14, t_sync, &marked) == PC_STORE_OK && marked == 0);
    CHECK(pc_store_count(s, &pending, &synced) == PC_STORE_OK && pending == 13 && synced == 12);
    int64_t last_sync = -1;
    CHECK(pc_store_last_synced_at(s, &last_sync) == PC_STORE_OK && last_sync == t_sync);
    json_t *batch = NULL;
    CHECK(pc_store_list_unsynced(s, 0, 100, &batch, &last) == PC_STORE_OK);
    CHECK(json_array_size(batch) == 13);
    CHECK_STR(json_string_value(json_object_get(json_array_get(batch, 0), "receipt_id")), ids[12]);
    json_decref(batch);
    /* retention: nothing before 30 days, then the synced ones lose their personal data */
    size_t purged = 99;
    CHECK(pc_store_purge(s, t_sync + 10 * DAY, 30 * DAY, &purged) == PC_STORE_OK && purged == 0);
    char wal_path[700];
    snprintf(wal_path, sizeof wal_path, "%s-wal", p.db);
    CHECK(bytes_contain(p.db, "contact-13912345678") || bytes_contain(wal_path, "contact-13912345678"));
    CHECK(pc_store_purge(s, t_sync + 31 * DAY, 30 * DAY, &purged) == PC_STORE_OK && purged == 12);
    pc_submission sub;
    CHECK(pc_store_get(s, ids[1], &sub) == PC_STORE_OK);
    CHECK(sub.purged && !sub.answers_json && !sub.contact && !sub.receipt && sub.sync_state == PC_SYNC_SYNCED);
    pc_submission_free(&sub);
    CHECK(pc_store_get(s, ids[13], &sub) == PC_STORE_OK && sub.contact && !sub.purged);
    pc_submission_free(&sub);
    CHECK(pc_store_count(s, &pending, &synced) == PC_STORE_OK && pending == 13 && synced == 12);
    /* the configuration's two limits: nothing deleted before delete_after_days; then the
       synced rows are gone and the pending ones, however old, are untouched */
    size_t deleted = 99;
    CHECK(pc_store_apply_retention(s, t_sync + 364 * DAY, 30, 365, &purged, &deleted) == PC_STORE_OK);
    CHECK(purged == 0 && deleted == 0);
    CHECK(pc_store_apply_retention(s, t_sync + 366 * DAY, 30, 365, &purged, &deleted) == PC_STORE_OK);
    CHECK(deleted == 12);
    CHECK(pc_store_count(s, &pending, &synced) == PC_STORE_OK && pending == 13 && synced == 0);
    CHECK(pc_store_get(s, ids[1], &sub) == PC_STORE_NOT_FOUND);
    CHECK(pc_store_get(s, ids[13], &sub) == PC_STORE_OK && sub.contact && !sub.purged &&
          sub.sync_state == PC_SYNC_PENDING);
    pc_submission_free(&sub);
    pc_store_close(s);
    /* the purged contacts (odd ids below 12) are gone from the file, not just hidden;
       the pending ones (13, 15, …) are still there */
    char wal[700];
    snprintf(wal, sizeof wal, "%s-wal", p.db);
    size_t n_contact = 0;
    size_t len = 0;
    char *buf = read_all(p.db, &len);
    for (size_t i = 0; buf && i + 19 <= len; i++)
        n_contact += memcmp(buf + i, "contact-13912345678", 19) == 0;
    free(buf);
    CHECK(n_contact == 6); /* ids 13,15,…,23: pending, kept */
    CHECK(!bytes_contain(wal, "contact-13912345678"));
    rc_rmtree(p.dir);
}

/* One submission straight into the store, with the fields that vary. */
static void put(pc_store *s, int i, const char *contact, const char *deadline)
{
    pc_submission sub = {.created_at = 1764000000 + i * 3601};
    snprintf(sub.receipt_id, sizeof sub.receipt_id, "TXT%09d", i);
    snprintf(sub.kiosk_id, sizeof sub.kiosk_id, "hall1-k01");
    snprintf(sub.policy_id, sizeof sub.policy_id, "yunnan-sti");
    snprintf(sub.pack_version, sizeof sub.pack_version, "2026.11.%d", i);
    snprintf(sub.outcome, sizeof sub.outcome, i % 2 ? "exempt" : "refer");
    snprintf(sub.deadline, sizeof sub.deadline, "%s", deadline);
    sub.answers_json = i % 3 ? "{\"q1\": \"yes\", \"when\":\"2026-11-02\", \"n\": [1, 2.5]}" : "{}";
    sub.basis_json = i % 2 ? "[\"4.1\",\"5.5\"]" : "[]";
    sub.contact = (char *)contact;
    sub.receipt = i == 4 ? NULL : "RC1ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    CHECK(pc_store_insert(s, &sub) == PC_STORE_OK);
}

/* The text the sync sends equals the objects, key for key and in the same order, page by
 * page; stored JSON that does not parse is refused by both alike. */
static void test_list_text(void)
{
    paths p;
    make_paths(&p);
    pc_store *s = open_ok(p.db);
    const char *contacts[] = {NULL, "138 0000 0000", "王小明 \"老王\" \\ 路/号",
                              "tab\there\nline\x01end", "", "emoji 😀 ok"};
    for (int i = 0; i < 6; i++)
        put(s, i, contacts[i], i % 2 ? "2026-12-01" : "");
    int64_t after = 0;
    for (int page = 0; page < 3; page++) {
        json_t *objs = NULL;
        char *text = NULL, (*ids)[PC_RECEIPT_ID_SIZE] = NULL;
        size_t len = 0, n = 0;
        int64_t last_obj = -1, last_text = -1;
        CHECK(pc_store_list_unsynced(s, after, 4, &objs, &last_obj) == PC_STORE_OK);
        CHECK(pc_store_list_unsynced_text(s, after, 4, &text, &len, &ids, &n, &last_text) ==
              PC_STORE_OK);
        CHECK(text && len == strlen(text) && last_obj == last_text);
        CHECK(n == json_array_size(objs) && n == (page == 0 ? 4u : page == 1 ? 2u : 0u));
        json_error_t je;
        json_t *parsed = text ? json_loads(text, JSON_REJECT_DUPLICATES, &je) : NULL;
        char *a = json_dumps(objs, JSON_COMPACT), *b = parsed ? json_dumps(parsed, JSON_COMPACT) : NULL;
        CHECK(a && b && strcmp(a, b) == 0); /* same keys, same order, same values */
        if (a && b && strcmp(a, b) != 0)
            fprintf(stderr, "objects: %s\ntext:    %s\n", a, b);
        for (size_t i = 0; i < n; i++)
            CHECK_STR(ids[i], json_string_value(json_object_get(json_array_get(objs, i), "receipt_id")));
        CHECK(n || (ids == NULL && strcmp(text, "[]") == 0));
        free(a), free(b), free(text), free(ids);
        json_decref(parsed), json_decref(objs);
        after = last_text;
    }
    sqlite3 *db = NULL;
    CHECK(sqlite3_open(p.db, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE submission SET answers_json = '{\"q1\":' WHERE receipt_id = "
                           "'TXT000000002'", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    json_t *objs = NULL;
    char *text = NULL, (*ids)[PC_RECEIPT_ID_SIZE] = NULL;
    size_t len = 0, n = 9;
    int64_t last = -1;
    CHECK(pc_store_list_unsynced(s, 0, 10, &objs, &last) == PC_STORE_CORRUPT && !objs);
    CHECK(pc_store_list_unsynced_text(s, 0, 10, &text, &len, &ids, &n, &last) ==
              PC_STORE_CORRUPT &&
          !text && !ids && n == 0 && last == 0);
    CHECK(strstr(pc_store_errmsg(s), "stored JSON unreadable") != NULL);
    pc_store_close(s);
    rc_rmtree(p.dir);
}

/* A submission's commit is fsynced before pc_store_insert returns; marking synced is not
 * (store.h), and the next submission is fsynced again. */
static void test_durability(const rc_fixture *f)
{
    paths p;
    make_paths(&p);
    pc_store *s = open_ok(p.db);
    pc_issued a, b;
    int before = syncs;
    CHECK(issue(s, f, NULL, &a) == PC_STORE_OK && syncs > before);
    const char *ids[] = {a.receipt_id};
    size_t marked = 0;
    before = syncs;
    CHECK(pc_store_mark_synced(s, ids, 1, f->now, &marked) == PC_STORE_OK && marked == 1);
    CHECK(syncs == before);
    before = syncs;
    CHECK(issue(s, f, NULL, &b) == PC_STORE_OK && syncs > before);
    pc_store_close(s);
    rc_rmtree(p.dir);
}

static void test_locked(const rc_fixture *f)
{
    paths p;
    make_paths(&p);
    pc_store *s = open_ok(p.db);
    sqlite3 *other;
    CHECK(sqlite3_open(p.db, &other) == SQLITE_OK);
    CHECK(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL) == SQLITE_OK);
    pc_store_set_busy_timeout(s, 100);
    pc_issued is;
    CHECK(issue(s, f, NULL, &is) == PC_STORE_BUSY);
    CHECK(is.receipt_id[0] == '\0' && is.text[0] == '\0');     /* nothing to show */
    CHECK_STR(pc_strings_get(&f->strings, pc_store_status_key(PC_STORE_BUSY)),
              "暂时无法生成回执，请到窗口办理");
    CHECK(pc_strings_has(&f->strings, pc_store_status_key(PC_STORE_OK)) &&
          pc_strings_has(&f->strings, pc_store_status_key(PC_STORE_NOT_FOUND)));
    size_t pending, synced;
    CHECK(pc_store_count(s, &pending, &synced) == PC_STORE_OK && pending == 0);   /* WAL readers go on */
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    CHECK(issue(s, f, NULL, &is) == PC_STORE_OK);
    CHECK(pc_store_count(s, &pending, &synced) == PC_STORE_OK && pending == 1);
    pc_store_close(s);
    rc_rmtree(p.dir);
}

static void test_size_limit(const rc_fixture *f)
{
    paths p;
    make_paths(&p);
    pc_store *s = open_ok(p.db);
    CHECK(pc_store_set_size_limit(s, 64 * 1024) == PC_STORE_OK);
    size_t ok = 0;
    pc_store_status st = PC_STORE_OK;
    char last_ok[PC_RECEIPT_ID_SIZE] = "";
    for (int i = 0; i < 2000 && st == PC_STORE_OK; i++) {
        pc_issued is;
        st = issue(s, f, "a contact line that takes some room in the row", &is);
        if (st == PC_STORE_OK) {
            ok++;
            memcpy(last_ok, is.receipt_id, sizeof last_ok);
        }
    }
    CHECK(st == PC_STORE_FULL && ok > 10);
    size_t pending, synced;
    CHECK(pc_store_count(s, &pending, &synced) == PC_STORE_OK && pending == ok);
    pc_submission sub;
    CHECK(pc_store_get(s, last_ok, &sub) == PC_STORE_OK);
    pc_submission_free(&sub);
    CHECK(pc_store_check(s) == PC_STORE_OK);
    printf("size limit 64 KiB: %zu submissions, then %s\n", ok, pc_store_status_name(st));
    pc_store_close(s);
    rc_rmtree(p.dir);
}

static void expect_refused(const char *path, pc_store_status want)
{
    size_t before_len = 0, after_len = 0;
    char *before = read_all(path, &before_len);
    char err[800];
    pc_store *s = (pc_store *)1;
    pc_store_status st = pc_store_open(path, &s, err, sizeof err);
    CHECK(st == want && s == NULL);
    CHECK(strstr(err, pc_store_status_name(want)) != NULL);
    char *after = read_all(path, &after_len);
    CHECK(before && after && before_len == after_len && memcmp(before, after, before_len) == 0);
    free(before);
    free(after);
}

/* A clean close leaves a mark that spares the next open the full integrity_check; an
 * open removes it (a crash then means a full check), and a file changed behind the
 * store's back no longer matches it (test_refusals damages a cleanly closed file). */
/* A store written by the first schema takes the second on open, its counts right. */
static void test_migration(void)
{
    paths p;
    make_paths(&p);
    pc_store_close(open_ok(p.db));
    sqlite3 *db;
    sqlite3_open(p.db, &db);
    sqlite3_exec(db, "DROP TRIGGER queue_count_insert; DROP TRIGGER queue_count_delete;"
                     "DROP TRIGGER queue_count_update; DROP TABLE queue_count;"
                     "DROP INDEX submission_synced; PRAGMA user_version = 1;"
                     "INSERT INTO submission(receipt_id, kiosk_id, created_at, policy_id, pack_version,"
                     " outcome, basis_json, sync_state, synced_at) VALUES"
                     " ('A', 'k1', 1, 'p', '1', 'exempt', '[]', 0, 0),"
                     " ('B', 'k1', 2, 'p', '1', 'exempt', '[]', 1, 7),"
                     " ('C', 'k1', 3, 'p', '1', 'refer', '[]', 1, 9);",
                 NULL, NULL, NULL);
    sqlite3_close(db);
    pc_store *s = open_ok(p.db);
    size_t pending = 0, synced = 0;
    int64_t last = 0;
    CHECK(pc_store_count(s, &pending, &synced) == PC_STORE_OK && pending == 1 && synced == 2);
    CHECK(pc_store_last_synced_at(s, &last) == PC_STORE_OK && last == 9);
    pc_store_close(s);
    rc_rmtree(p.dir);
}

static void test_clean_mark(void)
{
    paths p;
    make_paths(&p);
    char mark[700];
    snprintf(mark, sizeof mark, "%s.clean", p.db);
    pc_store *s = open_ok(p.db);
    CHECK(access(mark, F_OK) != 0);
    pc_store_close(s);
    CHECK(access(mark, F_OK) == 0);
    struct stat st;
    CHECK(stat(mark, &st) == 0 && (st.st_mode & 0777) == 0600);
    s = open_ok(p.db);
    CHECK(access(mark, F_OK) != 0);
    pc_store_close(s);
    CHECK(pc_store_mark_matches(p.db));
    FILE *fp = fopen(p.db, "ab"); /* touched behind the store's back */
    fputc(0, fp);
    fclose(fp);
    CHECK(!pc_store_mark_matches(p.db));
    rc_rmtree(p.dir);
}

static void test_refusals(const rc_fixture *f)
{
    paths p;
    make_paths(&p);
    FILE *fp = fopen(p.db, "wb");
    for (int i = 0; i < 5000; i++)
        fputc("garbage!"[i % 8], fp);
    fclose(fp);
    expect_refused(p.db, PC_STORE_CORRUPT);
    remove(p.db);
    /* a real store with a damaged page */
    pc_store *s = open_ok(p.db);
    for (int i = 0; i < 40; i++) {
        pc_issued is;
        CHECK(issue(s, f, "x", &is) == PC_STORE_OK);
    }
    pc_store_close(s);
    fp = fopen(p.db, "r+b");
    fseek(fp, 4096, SEEK_SET);     /* page 2 on, whole pages */
    for (int i = 0; i < 2 * 4096; i++)
        fputc(0x5a, fp);
    fclose(fp);
    expect_refused(p.db, PC_STORE_CORRUPT);
    remove(p.db);
    /* a schema this program does not know */
    s = open_ok(p.db);
    pc_store_close(s);
    sqlite3 *db;
    sqlite3_open(p.db, &db);
    sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL);
    sqlite3_close(db);
    expect_refused(p.db, PC_STORE_TOO_NEW);
    /* a directory that does not exist */
    char err[800], missing[700];
    snprintf(missing, sizeof missing, "%s/no/such/dir/q.db", p.dir);
    CHECK(pc_store_open(missing, &s, err, sizeof err) == PC_STORE_IO && s == NULL);
    rc_rmtree(p.dir);
}

int main(void)
{
    rc_fixture f;
    rc_fixture_init(&f, NULL);
    test_create_and_issue(&f);
    test_sync_queue(&f);
    test_list_text();
    test_durability(&f);
    test_locked(&f);
    test_size_limit(&f);
    test_clean_mark();
    test_migration();
    test_refusals(&f);
    rc_fixture_free(&f);
    return CHECK_DONE();
}
