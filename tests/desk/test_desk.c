/* test_desk.c — unit tests of the staff desk's parts without HTTP: its SQLite store
 * (clerks, lockout counts, sessions, receipts, events, history, today's list, kept
 * across a reopen, 0600), the directory of pack versions (seeded, never overwritten,
 * every version loaded), clerk administration, retention and help requests, and the
 * shared check (app/core/check.h) on a set holding two
 * versions of a policy: a receipt made under the older one re-evaluates with it; the
 * staff words (不确定 first, 申请人 for 您, 最后一天 on the last day). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"
#include "check.h"
#include "desk_packs.h"
#include "desk_store.h"
#include "file_read.h"

static void temp_dir(char *out, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(out, size, "%s/desk-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(out))
        exit(2);
}

static void rm_tree(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

/* ------------------------------------------------------------------ store */

static void test_clerks_and_sessions(desk_store *s)
{
    desk_clerk c;
    CHECK(desk_clerk_id_valid("0001") && !desk_clerk_id_valid("a b") && !desk_clerk_id_valid(""));
    CHECK(desk_clerk_add(s, "0001", "$argon2id$fake", 100) == DESK_OK);
    CHECK(desk_clerk_add(s, "0001", "$argon2id$other", 100) == DESK_EXISTS);
    CHECK(desk_clerk_get(s, "0001", &c) == DESK_OK && c.failed == 0 && c.locked_until == 0);
    CHECK_STR(c.pin_hash, "$argon2id$fake");
    CHECK(desk_clerk_get(s, "0002", &c) == DESK_NOT_FOUND);
    CHECK(desk_clerk_set_failures(s, "0001", 3, 999) == DESK_OK);
    CHECK(desk_clerk_get(s, "0001", &c) == DESK_OK && c.failed == 3 && c.locked_until == 999);

    desk_session se;
    CHECK(desk_session_add(s, "h1", "0001", "csrf1", 1000) == DESK_OK);
    CHECK(desk_session_add(s, "h2", "0001", "csrf2", 5000) == DESK_OK);
    CHECK(desk_session_get(s, "h1", &se) == DESK_OK && se.created_at == 1000);
    CHECK_STR(se.clerk, "0001");
    CHECK_STR(se.csrf, "csrf1");
    CHECK(desk_session_touch(s, "h1", 4000) == DESK_OK);
    CHECK(desk_session_get(s, "h1", &se) == DESK_OK && se.last_seen == 4000);
    CHECK(desk_session_expire(s, 4500, 0) == DESK_OK); /* h1 idle since 4000 */
    CHECK(desk_session_get(s, "h1", &se) == DESK_NOT_FOUND);
    CHECK(desk_session_get(s, "h2", &se) == DESK_OK);
    CHECK(desk_session_delete(s, "h2") == DESK_OK);
    CHECK(desk_session_get(s, "h2", &se) == DESK_NOT_FOUND);
}

static void add_event(desk_store *s, const char *id, const char *action, int64_t at)
{
    desk_event e = {id, action, "0001", at, strcmp(action, "scan") ? "" : "valid", "", "[1]"};
    CHECK(desk_event_add(s, &e) == DESK_OK);
}

static void test_receipts_and_events(desk_store *s)
{
    char *text = NULL;
    CHECK(desk_receipt_put(s, "AAAA", "RC1FIRST", 10) == DESK_OK);
    CHECK(desk_receipt_put(s, "AAAA", "RC1SECOND", 20) == DESK_OK); /* the first is kept */
    CHECK(desk_receipt_text(s, "AAAA", &text) == DESK_OK);
    CHECK_STR(text, "RC1FIRST");
    free(text);
    CHECK(desk_receipt_text(s, "BBBB", &text) == DESK_NOT_FOUND && text == NULL);
    add_event(s, "AAAA", "scan", 100);
    add_event(s, "AAAA", "receive", 110);
    add_event(s, "AAAA", "scan", 120);
    add_event(s, "BBBB", "scan", 50); /* yesterday */
    json_t *h = desk_history_json(s, "AAAA");
    CHECK(json_array_size(h) == 3);
    CHECK_STR(json_string_value(json_object_get(json_array_get(h, 1), "action")), "receive");
    CHECK(json_integer_value(json_array_get(json_object_get(json_array_get(h, 1), "materials"), 0)) == 1);
    json_decref(h);
    json_t *today = desk_today_json(s, 90, 200);
    CHECK(json_array_size(today) == 1); /* BBBB is not today's */
    json_t *row = json_array_get(today, 0);
    CHECK_STR(json_string_value(json_object_get(row, "receipt_id")), "AAAA");
    CHECK_STR(json_string_value(json_object_get(row, "action")), "receive"); /* the record, not the scan */
    json_decref(today);
}

/* Clerk administration: a new PIN and a removal end the clerk's sessions; the list
 * carries no hash. */
static void test_clerk_admin(desk_store *s)
{
    desk_session se;
    CHECK(desk_clerk_add(s, "0009", "$argon2id$old", 100) == DESK_OK);
    CHECK(desk_clerk_set_failures(s, "0009", 0, 5000) == DESK_OK);
    CHECK(desk_session_add(s, "h9", "0009", "c9", 100) == DESK_OK);
    CHECK(desk_clerk_set_pin(s, "0009", "$argon2id$new") == DESK_OK);
    desk_clerk c;
    CHECK(desk_clerk_get(s, "0009", &c) == DESK_OK && c.locked_until == 0);
    CHECK_STR(c.pin_hash, "$argon2id$new");
    CHECK(desk_session_get(s, "h9", &se) == DESK_NOT_FOUND);
    CHECK(desk_clerk_signed_in(s, "0009", 777) == DESK_OK);
    json_t *list = desk_clerk_list_json(s);
    char *dump = json_dumps(list, 0);
    CHECK(json_array_size(list) == 2 && dump && !strstr(dump, "argon2"));
    CHECK(json_integer_value(json_object_get(json_array_get(list, 1), "last_sign_in")) == 777);
    free(dump);
    json_decref(list);
    CHECK(desk_session_add(s, "h9b", "0009", "c9", 800) == DESK_OK);
    CHECK(desk_clerk_remove(s, "0009") == DESK_OK);
    CHECK(desk_session_get(s, "h9b", &se) == DESK_NOT_FOUND);
    CHECK(desk_clerk_remove(s, "0009") == DESK_NOT_FOUND);
    CHECK(desk_clerk_unlock(s, "0009") == DESK_NOT_FOUND);
    CHECK(desk_clerk_set_pin(s, "0009", "$argon2id$x") == DESK_NOT_FOUND);
}

/* Retention after test_receipts_and_events: AAAA has an unsent 收件 (kept), CCCC was only
 * scanned and DDDD never had an event (both wiped); help requests once each. */
static void test_retention_and_help(desk_store *s)
{
    char *text = NULL;
    size_t receipts = 9, reasons = 9;
    CHECK(desk_receipt_put(s, "CCCC", "RC1CCCC", 30) == DESK_OK);
    add_event(s, "CCCC", "scan", 50);
    CHECK(desk_receipt_put(s, "DDDD", "RC1DDDD", 40) == DESK_OK);
    CHECK(desk_receipt_put(s, "EEEE", "RC1EEEE", 300) == DESK_OK); /* after the limit */
    CHECK(desk_store_apply_retention(s, 200 + 86400, 1, &receipts, &reasons) == DESK_OK);
    CHECK(receipts == 2 && reasons == 0);
    CHECK(desk_receipt_text(s, "AAAA", &text) == DESK_OK);
    free(text);
    CHECK(desk_receipt_text(s, "CCCC", &text) == DESK_WIPED && text == NULL);
    CHECK(desk_receipt_text(s, "DDDD", &text) == DESK_WIPED);
    CHECK(desk_receipt_text(s, "EEEE", &text) == DESK_OK);
    free(text);
    CHECK(desk_receipt_put(s, "CCCC", "RC1CCCC", 9000) == DESK_OK); /* the slip again */
    CHECK(desk_receipt_text(s, "CCCC", &text) == DESK_OK);
    CHECK_STR(text, "RC1CCCC");
    free(text);

    CHECK(desk_help_add(s, "k1", 100, "第 3 题", 101) == DESK_OK);
    CHECK(desk_help_add(s, "k1", 100, "第 3 题", 102) == DESK_EXISTS); /* a replay */
    CHECK(desk_help_add(s, "k2", 100, "结果页", 103) == DESK_OK);
    json_t *open = desk_help_open_json(s, 0);
    CHECK(json_array_size(open) == 2);
    json_int_t first = json_integer_value(json_object_get(json_array_get(open, 0), "id"));
    CHECK_STR(json_string_value(json_object_get(json_array_get(open, 0), "screen")), "第 3 题");
    json_decref(open);
    CHECK(desk_help_ack(s, first, "0001", 200) == DESK_OK);
    CHECK(desk_help_ack(s, first, "0002", 201) == DESK_NOT_FOUND); /* taken already */
    open = desk_help_open_json(s, 0);
    CHECK(json_array_size(open) == 1);
    json_decref(open);
    open = desk_help_open_json(s, 104); /* received before: not today's */
    CHECK(json_array_size(open) == 0);
    json_decref(open);
    CHECK(desk_store_apply_retention(s, 103 + 86400, 1, NULL, NULL) == DESK_OK);
    open = desk_help_open_json(s, 0);
    CHECK(json_array_size(open) == 0); /* older than retention: gone */
    json_decref(open);
}

static void test_store(const char *dir)
{
    char path[4200], err[600];
    snprintf(path, sizeof path, "%s/desk.db", dir);
    desk_store *s = NULL;
    CHECK(desk_store_open(path, &s, err, sizeof err));
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
    test_clerks_and_sessions(s);
    test_receipts_and_events(s);
    test_clerk_admin(s);
    test_retention_and_help(s);
    desk_store_close(s);
    CHECK(desk_store_open(path, &s, err, sizeof err)); /* kept across a reopen */
    desk_clerk c;
    CHECK(desk_clerk_get(s, "0001", &c) == DESK_OK && c.failed == 3);
    json_t *h = desk_history_json(s, "AAAA");
    CHECK(json_array_size(h) == 3);
    json_decref(h);
    desk_store_close(s);
    CHECK(!desk_store_open("/nonexistent-dir/desk.db", &s, err, sizeof err) && err[0]);
}

/* ------------------------------------------------------------------ pack versions */

/* rules_old/guangxi-sti.yaml: the bundled pack as version 2026.1.1 with another first
 * material, so that an evaluation shows which version it used. */
static void write_old_pack(const char *dir)
{
    char err[600], path[4400];
    size_t len = 0;
    char *text = pc_file_read(PC_SOURCE_DIR "/rules/guangxi-sti.yaml", &len, err, sizeof err);
    CHECK(text != NULL);
    if (!text)
        return;
    snprintf(path, sizeof path, "%s/guangxi-sti.yaml", dir);
    FILE *f = fopen(path, "w");
    char *version = strstr(text, "\nversion: ");
    char *material = strstr(text, "- name: 容错免责认定申请书");
    CHECK(f && version && material && version < material);
    if (f && version && material) {
        char *eol = strchr(version + 1, '\n');
        fprintf(f, "%.*s\nversion: \"2026.1.1\"%.*s- name: 旧版申请书%s", (int)(version - text),
                text, (int)(material - eol), eol, material + strlen("- name: 容错免责认定申请书"));
    }
    if (f)
        fclose(f);
    free(text);
}

static void test_packs(const char *dir, pc_pack_set *set)
{
    char old[4200], kept[4200], err[600]; /* dir is < 4096 */
    size_t added = 99;
    snprintf(old, sizeof old, "%s/rules_old", dir);
    snprintf(kept, sizeof kept, "%s/desk.db.packs", dir);
    CHECK(mkdir(old, 0755) == 0);
    write_old_pack(old);
    CHECK(desk_packs_load(kept, old, set, &added, err, sizeof err) && added == 1 &&
          set->n_packs == 1);
    pc_pack_set_free(set);
    CHECK(desk_packs_load(kept, PC_SOURCE_DIR "/rules", set, &added, err, sizeof err));
    CHECK(added == 5 && set->n_packs == 6);
    pc_pack_set_free(set);
    CHECK(desk_packs_load(kept, PC_SOURCE_DIR "/rules", set, &added, err, sizeof err));
    CHECK(added == 0 && set->n_packs == 6);
    const pc_pack *a = pc_check_find_pack(set, "guangxi-sti", "2026.1.1");
    const pc_pack *b = pc_check_find_pack(set, "guangxi-sti", "2026.12.1");
    CHECK(a && b && a != b);
    CHECK(a && strcmp(a->materials[0].name, "旧版申请书") == 0);
    CHECK(pc_check_find_pack(set, "guangxi-sti", "2099.1.1") == NULL);
    pc_pack_set none;
    snprintf(old, sizeof old, "%s/none", dir);
    CHECK(!desk_packs_load(kept, old, &none, NULL, err, sizeof err) && strstr(err, "none"));
}

/* ------------------------------------------------------------------ the shared check */

typedef struct fixture {
    pc_kiosk_key key;
    pc_keyring ring;
    pc_calendar *cal;
    pc_strings strings;
} fixture;

/* A receipt under pack p: yes to everything but two 不确定, notified three days ago. */
static void make_receipt(const fixture *f, const pc_pack *p, char *text, size_t size)
{
    pc_answers a;
    pc_answers_init(&a);
    for (size_t q = 0; q < p->n_questions; q++)
        a.a[q] = (pc_answer){PC_ANS_GIVEN, 0};
    a.a[pc_pack_find_question(p, "decision")] = (pc_answer){PC_ANS_UNSURE, 0};
    a.a[pc_pack_find_question(p, "s2_records")] = (pc_answer){PC_ANS_UNSURE, 0};
    a.a[pc_pack_find_question(p, "situations")] = (pc_answer){PC_ANS_GIVEN, 2};
    int64_t now = (int64_t)time(NULL);
    a.a[pc_pack_find_question(p, "notified")] = (pc_answer){PC_ANS_GIVEN, pc_day_of_time(now) - 3};
    pc_facts facts;
    pc_result r;
    pc_facts_from_answers(&facts, p, &a);
    pc_evaluate(p, f->cal, &facts, pc_day_of_time(now), &r);
    char id[PC_RECEIPT_ID_SIZE];
    pc_receipt rc;
    pc_receipt_id_new(id);
    pc_receipt_from_answers(&rc, id, "k1", now, p, &a, r.outcome);
    pc_key_id(f->key.pk, rc.key_id);
    CHECK(pc_receipt_encode(&rc, &f->key, NULL, text, size, NULL));
}

static void check_words(const fixture *f, const pc_check *c)
{
    json_t *o = pc_check_to_json(c, &f->strings, pc_day_today());
    json_t *answers = json_object_get(o, "answers");
    CHECK(json_is_true(json_object_get(json_array_get(answers, 0), "unsure")));
    CHECK(json_is_true(json_object_get(json_array_get(answers, 1), "unsure")));
    CHECK(json_is_false(json_object_get(json_array_get(answers, 2), "unsure")));
    CHECK_STR(json_string_value(json_object_get(json_array_get(answers, 0), "answer")), "不确定");
    const char *q = json_string_value(json_object_get(json_array_get(answers, 1), "question"));
    CHECK(q && strstr(q, "申请人") && !strstr(q, "您"));
    CHECK_STR(json_string_value(json_object_get(json_object_get(o, "words"), "verdict")), "回执有效");
    json_decref(o);
    pc_day last = c->v.result.deadline_day;
    json_t *d = pc_check_deadline_json(&f->strings, c, last);
    CHECK(json_is_true(json_object_get(d, "last_day")) && json_is_false(json_object_get(d, "passed")));
    CHECK(strstr(json_string_value(json_object_get(d, "text")), "今天是最后一天") != NULL);
    json_decref(d);
    d = pc_check_deadline_json(&f->strings, c, last + 1);
    CHECK(json_is_true(json_object_get(d, "passed")));
    CHECK(strstr(json_string_value(json_object_get(d, "text")), "已过期") != NULL);
    json_decref(d);
}

static void test_check(fixture *f, const pc_pack_set *set)
{
    const pc_pack *old = pc_check_find_pack(set, "guangxi-sti", "2026.1.1");
    if (!old)
        return;
    char text[PC_RECEIPT_MAX_TEXT];
    make_receipt(f, old, text, sizeof text);
    pc_verify_ctx ctx = {&f->ring, NULL, set, f->cal};
    pc_check *c = malloc(sizeof *c);
    CHECK(pc_check_scan(text, &ctx, c) == PC_VERDICT_VALID);
    CHECK(c->v.pack == old && c->v.outcome_matches);
    CHECK(c->v.result.n_materials > 0 && c->v.result.materials[0] == 0); /* 旧版申请书 */
    check_words(f, c);
    text[strlen(text) - 20] = text[strlen(text) - 20] == 'A' ? 'B' : 'A';
    CHECK(pc_check_scan(text, &ctx, c) == PC_VERDICT_TAMPERED);
    json_t *o = pc_check_to_json(c, &f->strings, pc_day_today());
    CHECK(json_object_get(o, "answers") == NULL);
    CHECK_STR(json_string_value(json_object_get(json_object_get(o, "words"), "verdict")), "回执已被改动");
    json_decref(o);
    free(c);
    char *staff = pc_check_staff_text(&f->strings, "请您带上您的材料");
    CHECK_STR(staff, "请申请人带上申请人的材料");
    free(staff);
}

static void fixture_init(fixture *f)
{
    char err[600];
    memset(f, 0, sizeof *f);
    f->cal = calloc(1, sizeof *f->cal);
    CHECK(f->cal && pc_calendar_load_dir(f->cal, PC_SOURCE_DIR "/rules/calendar", err, sizeof err));
    CHECK(pc_strings_load(&f->strings, PC_SOURCE_DIR "/assets/strings.zh-CN.yaml", err, sizeof err));
    CHECK(pc_kiosk_key_generate(&f->key, "k1", err, sizeof err));
    f->ring.entries = calloc(1, sizeof *f->ring.entries);
    f->ring.n = 1;
    snprintf(f->ring.entries[0].kiosk_id, sizeof f->ring.entries[0].kiosk_id, "k1");
    memcpy(f->ring.entries[0].pk, f->key.pk, sizeof f->key.pk);
}

static void fixture_free(fixture *f)
{
    free(f->cal);
    pc_strings_free(&f->strings);
    pc_keyring_free(&f->ring);
    pc_kiosk_key_wipe(&f->key);
}

int main(void)
{
    char dir[4096];
    temp_dir(dir, sizeof dir);
    test_store(dir);
    pc_pack_set set = {0};
    fixture f;
    fixture_init(&f);
    test_packs(dir, &set);
    test_check(&f, &set);
    pc_pack_set_free(&set);
    fixture_free(&f);
    rm_tree(dir);
    if (!check_failures)
        printf("test_desk: store, pack versions and the shared check: ok\n");
    return CHECK_DONE();
}
