/* sync_console_seed.c — the console tests' fleet (see sync_console_seed.h). */
#include "sync_console_seed.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "client_run.h"
#include "receipt.h"

static const char *const outcomes[] = {"exempt", "mitigate", "ineligible", "refer",
                                       "not_applicable"};
static const char *const printers[] = {"ok", "paper_near_end", "out"};

static void fill(pc_store *store, const char *kiosk, size_t which, const pc_pack_set *packs,
                 console_seed *cs);
static void insert_one(pc_store *store, const char *kiosk, const pc_pack *p, int64_t at,
                       size_t j, console_seed *cs);

void console_seed_make(fixture *f, const pc_pack_set *packs, const char *rules_dir,
                       console_seed *cs)
{
    static const char *const ids[] = {"hall1-k02", "hall2-k01", "hall2-k02"};
    memset(cs, 0, sizeof *cs);
    for (size_t i = 0; i < CONSOLE_SEED_KIOSKS; i++)
        fixture_kiosk(f, ids[i], &cs->extra[i]);
    snprintf(f->cfg.rules_dir, sizeof f->cfg.rules_dir, "%s", rules_dir);
    snprintf(cs->extra[0].cfg.rules_dir, sizeof cs->extra[0].cfg.rules_dir, "%s", rules_dir);
    /* not an empty directory: a kiosk with no pack of its own runs the installed ones
       (app/core/rules_live.h) */
    snprintf(cs->extra[1].cfg.rules_dir, sizeof cs->extra[1].cfg.rules_dir, "%s/../tests/packs",
             rules_dir);
    fill(f->store, f->kiosk.kiosk_id, 0, packs, cs);
    for (size_t i = 0; i + 1 < CONSOLE_SEED_KIOSKS; i++)
        fill(cs->extra[i].store, cs->extra[i].key.kiosk_id, i + 1, packs, cs);
}

bool console_seed_sync(fixture *f, const site *s, console_seed *cs)
{
    pc_client_stats st;
    fixture_point(f, s);
    bool ok = pc_client_run(&f->cfg, f->store, &f->kiosk, &f->dept_ring, NULL, &st) == 0 &&
              st.status_sent;
    for (size_t i = 0; ok && i + 1 < CONSOLE_SEED_KIOSKS; i++) {
        sync_kiosk *k = &cs->extra[i];
        fixture_point_cfg(&k->cfg, s);
        ok = pc_client_run(&k->cfg, k->store, &k->key, &f->dept_ring, NULL, &st) == 0 &&
             st.status_sent;
    }
    return ok;
}

void console_seed_done(console_seed *cs)
{
    for (size_t i = 0; i < CONSOLE_SEED_KIOSKS; i++)
        sync_kiosk_done(&cs->extra[i]);
}

/* Ten days of pre-checks on every pack, and the printer's state. */
static void fill(pc_store *store, const char *kiosk, size_t which, const pc_pack_set *packs,
                 console_seed *cs)
{
    int64_t now = (int64_t)time(NULL);
    for (int64_t d = 0; d < 10; d++)
        for (size_t p = 0; p < packs->n_packs; p++)
            for (size_t j = 0; j < 1 + (size_t)(d + (int64_t)which + (int64_t)p) % 3; j++)
                insert_one(store, kiosk, packs->packs[p], now - d * 86400 - (int64_t)j * 60,
                           j + p + (size_t)d, cs);
    if (pc_store_set_state(store, "printer", printers[which % 3]) != PC_STORE_OK)
        die("printer state", pc_store_errmsg(store));
}

static void insert_one(pc_store *store, const char *kiosk, const pc_pack *p, int64_t at,
                       size_t j, console_seed *cs)
{
    char answers[512];
    const char *q0 = p->n_questions > 0 ? p->questions[0].id : "q0";
    const char *q1 = p->n_questions > 1 ? p->questions[1].id : "q1";
    bool unsure = j % 2 == 0;
    snprintf(answers, sizeof answers, "{\"%s\":\"%s\",\"%s\":\"yes\"}", q0,
             unsure ? "unsure" : "no", q1);
    pc_submission s = {.created_at = at, .answers_json = answers, .basis_json = "[]"};
    snprintf(s.kiosk_id, sizeof s.kiosk_id, "%s", kiosk);
    snprintf(s.policy_id, sizeof s.policy_id, "%s", p->id);
    snprintf(s.pack_version, sizeof s.pack_version, "%s", p->version);
    snprintf(s.outcome, sizeof s.outcome, "%s", outcomes[j % 5]);
    pc_store_status st;
    do {
        pc_receipt_id_new(s.receipt_id);
    } while ((st = pc_store_insert(store, &s)) == PC_STORE_DUPLICATE);
    if (st != PC_STORE_OK)
        die("seed", pc_store_errmsg(store));
    cs->submissions++;
    cs->unsure_first += unsure;
}
