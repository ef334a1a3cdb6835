/* fixture.c — see fixture.h. */
#include "fixture.h"
#include "../answer_pick.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void die(const char *what, const char *err)
{
    fprintf(stderr, "fixture: %s: %s\n", what, err);
    exit(1);
}

void rc_fixture_init(rc_fixture *f, const char *policy)
{
    memset(f, 0, sizeof *f);
    char err[600];
    if (!pc_pack_set_load_dir(&f->packs, PC_SOURCE_DIR "/rules", err, sizeof err))
        die("packs", err);
    f->pack = pc_pack_set_find(&f->packs, policy ? policy : "guangxi-sti");
    if (!f->pack)
        die("pack", policy ? policy : "guangxi-sti");
    if (!pc_strings_load(&f->strings, PC_SOURCE_DIR "/assets/strings.zh-CN.yaml", err, sizeof err))
        die("strings", err);
    f->cal = calloc(1, sizeof *f->cal);
    if (!f->cal || !pc_calendar_load_dir(f->cal, PC_SOURCE_DIR "/rules/calendar", err, sizeof err))
        die("calendar", err);
    if (!pc_kiosk_key_generate(&f->key, "k1", err, sizeof err))
        die("key", err);
    f->ring.entries = calloc(1, sizeof *f->ring.entries);
    if (!f->ring.entries)
        die("keyring", "out of memory");
    f->ring.n = 1;
    snprintf(f->ring.entries[0].kiosk_id, sizeof f->ring.entries[0].kiosk_id, "k1");
    memcpy(f->ring.entries[0].pk, f->key.pk, sizeof f->key.pk);
    if (!pc_dept_key_generate(&f->dept))
        die("dept key", "libsodium");
    f->ctx = (pc_verify_ctx){&f->ring, &f->dept, &f->packs, f->cal};
    struct tm tm = {.tm_year = 126, .tm_mon = 10, .tm_mday = 20, .tm_hour = 10, .tm_isdst = -1};
    f->now = (int64_t)mktime(&tm);
}

void rc_fixture_free(rc_fixture *f)
{
    pc_pack_set_free(&f->packs);
    pc_strings_free(&f->strings);
    free(f->cal);
    pc_keyring_free(&f->ring);
    pc_kiosk_key_wipe(&f->key);
    pc_dept_key_wipe(&f->dept);
}

void rc_fixture_answers(const rc_fixture *f, pc_answers *a, bool mixed)
{
    pc_answers_init(a);
    for (size_t q = 0; q < f->pack->n_questions; q++) {
        const pc_question *qu = &f->pack->questions[q];
        a->a[q] = mixed ? pc_test_answer_pick(qu, (unsigned)q) : (pc_answer){PC_ANS_GIVEN, 0};
        if (qu->kind == PC_Q_DATE && !mixed)
            a->a[q].value = pc_day_from_ymd(2026, 11, 2);
        if (qu->kind == PC_Q_NUMBER && !mixed)
            a->a[q].value = (int32_t)(qu->min * 100.0);
        if (qu->kind == PC_Q_MULTI && !mixed)
            a->a[q].value = 1;
    }
}

void rc_fixture_eval(const rc_fixture *f, const pc_answers *a, pc_result *r)
{
    pc_facts facts;
    pc_facts_from_answers(&facts, f->pack, a);
    pc_evaluate(f->pack, f->cal, &facts, pc_day_of_time(f->now), r);
}

bool rc_fixture_receipt(const rc_fixture *f, const pc_kiosk_key *key, const unsigned char *seal_pk,
                        const pc_answers *a, char *text, size_t size)
{
    pc_result r;
    rc_fixture_eval(f, a, &r);
    char id[PC_RECEIPT_ID_SIZE];
    pc_receipt_id_new(id);
    pc_receipt rc;
    pc_receipt_from_answers(&rc, id, key->kiosk_id, f->now, f->pack, a, r.outcome);
    pc_key_id(key->pk, rc.key_id);
    return pc_receipt_encode(&rc, key, seal_pk, text, size, NULL);
}

void rc_tempdir(char *out, size_t size)
{
    const char *base = getenv("TMPDIR");
    snprintf(out, size, "%s/pcrcpt-XXXXXX", base && base[0] ? base : "/tmp");
    if (!mkdtemp(out))
        die("mkdtemp", out);
}

void rc_rmtree(const char *dir)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "fixture: could not remove %s\n", dir);
}

pc_print_opts rc_print_opts(int width)
{
    pc_print_opts o = {width, PC_SOURCE_DIR "/fonts/NotoSansSC-Subset.otf", 0, 0};
    return o;
}
