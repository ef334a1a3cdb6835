/* check.c — a scan checked (pc_receipt_verify against the exact pack version) and
 * turned into the JSON that `precheck verify --json` prints and the staff desk serves
 * (see check.h). The staff words of the parts live in check_words.c. */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static json_t *head_json(const pc_check *c, const pc_strings *t);
static void add_origin(json_t *o, json_t *words, const pc_check *c, const pc_strings *t);
static void add_precheck(json_t *o, json_t *words, const pc_check *c, const pc_strings *t,
                         pc_day today);
static json_t *clauses_json(const pc_strings *t, const pc_check *c);
static json_t *materials_json(const pc_pack *pack, const pc_result *r);
static void set_text(json_t *o, const char *key, char *text);

/* ------------------------------------------------------------------ public */

const pc_pack *pc_check_find_pack(const pc_pack_set *set, const char *id, const char *version)
{
    for (size_t i = 0; set && i < set->n_packs; i++)
        if (strcmp(set->packs[i]->id, id) == 0 && strcmp(set->packs[i]->version, version) == 0)
            return set->packs[i];
    return NULL;
}

pc_verdict pc_check_scan(const char *line, const pc_verify_ctx *ctx, pc_check *out)
{
    memset(out, 0, sizeof *out);
    out->cal = ctx->cal;
    pc_receipt peek;
    const pc_pack *pack = NULL;
    if (pc_receipt_decode(line, ctx->dept, &peek) == PC_VERDICT_VALID)
        pack = pc_check_find_pack(ctx->packs, peek.policy_id, peek.pack_version);
    /* pc_receipt_verify looks a policy up by id: hand it a set of just that version. */
    pc_pack *one[1] = {(pc_pack *)pack};
    pc_pack_set exact_set = {one, pack ? 1 : 0};
    pc_verify_ctx exact = *ctx;
    exact.packs = &exact_set;
    pc_receipt_verify(line, &exact, &out->v);
    if (out->v.verdict == PC_VERDICT_VALID)
        pc_receipt_to_answers(&out->v.receipt, out->v.pack, &out->answers);
    return out->v.verdict;
}

bool pc_check_readable(const pc_check *c)
{
    pc_verdict v = c->v.verdict;
    return v != PC_VERDICT_MALFORMED && !(c->v.receipt.sealed && v == PC_VERDICT_TAMPERED);
}

json_t *pc_check_to_json(const pc_check *c, const pc_strings *t, pc_day today)
{
    json_t *o = head_json(c, t);
    json_t *words = o ? json_object_get(o, "words") : NULL;
    if (!words) {
        json_decref(o);
        return NULL;
    }
    if (pc_check_readable(c))
        add_origin(o, words, c, t);
    if (c->v.verdict == PC_VERDICT_VALID)
        add_precheck(o, words, c, t, today);
    return o;
}

/* ------------------------------------------------------------------ parts */

/* What every scan has: the verdict, in names and in words, and the receipt number. */
static json_t *head_json(const pc_check *c, const pc_strings *t)
{
    const pc_receipt *rc = &c->v.receipt;
    const char *name = pc_verdict_name(c->v.verdict);
    char key[64], note[64], shown[32] = "";
    snprintf(key, sizeof key, "desk.verdict_%s", name);
    snprintf(note, sizeof note, "desk.verdict_note_%s", name);
    if (rc->receipt_id[0])
        pc_receipt_id_format(rc->receipt_id, shown, sizeof shown);
    return json_pack("{s:s, s:s, s:s, s:s, s:b, s:{s:s, s:s}}", "verdict", name, "message",
                     pc_strings_get(t, pc_verdict_key(c->v.verdict)), "receipt_id", rc->receipt_id,
                     "receipt_no", shown, "sealed", rc->sealed, "words", "verdict",
                     pc_strings_get(t, key), "verdict_note", pc_strings_get(t, note));
}

/* Where and when the receipt was made, and under which policy and rules version. */
static void add_origin(json_t *o, json_t *words, const pc_check *c, const pc_strings *t)
{
    const pc_receipt *rc = &c->v.receipt;
    char when[32] = "";
    time_t tt = (time_t)rc->created_at;
    struct tm tm;
    if (localtime_r(&tt, &tm))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    json_object_set_new(o, "kiosk_id", json_string(rc->kiosk_id));
    json_object_set_new(o, "created_at_unix", json_integer(rc->created_at));
    json_object_set_new(o, "created_at", json_string(when));
    json_object_set_new(o, "policy_id", json_string(rc->policy_id));
    json_object_set_new(o, "pack_version", json_string(rc->pack_version));
    json_object_set_new(o, "signed_outcome", json_string(pc_outcome_name(rc->outcome)));
    const char *names[] = {"kiosk", "time", "version"};
    const char *values[] = {rc->kiosk_id, when, rc->pack_version};
    set_text(words, "origin", pc_strings_fill(t, "desk.origin", names, values, 2));
    set_text(words, "version", pc_strings_fill(t, "desk.version", names, values, 3));
    const pc_pack *p = c->v.pack;
    json_object_set_new(words, "policy", json_string(p ? p->title : ""));
    json_object_set_new(words, "policy_short", json_string(p ? p->short_title : ""));
}

/* The re-evaluated pre-check: outcome, answers, clauses, deadline, materials, steps. */
static void add_precheck(json_t *o, json_t *words, const pc_check *c, const pc_strings *t,
                         pc_day today)
{
    const pc_pack *p = c->v.pack;
    const pc_result *r = &c->v.result;
    char key[64];
    json_object_set_new(o, "outcome", json_string(pc_outcome_name(r->outcome)));
    json_object_set_new(o, "outcome_matches", json_boolean(c->v.outcome_matches));
    char *res = pc_result_to_json(p, r, 0);
    json_t *parsed = res ? json_loads(res, 0, NULL) : NULL;
    free(res);
    json_object_set_new(o, "result", parsed ? parsed : json_null());
    json_object_set_new(o, "answers", pc_check_answers_json(t, p, &c->answers));
    json_object_set_new(o, "clauses", clauses_json(t, c));
    json_object_set_new(o, "materials", materials_json(p, r));
    json_object_set_new(o, "deadline", pc_check_deadline_json(t, c, today));
    json_object_set_new(o, "steps", pc_check_steps_json(t, p, r));
    snprintf(key, sizeof key, "desk.outcome_%s", pc_outcome_name(r->outcome));
    json_object_set_new(words, "outcome", json_string(pc_strings_get(t, key)));
    snprintf(key, sizeof key, "status.%s", pc_policy_status_name(r->policy_status));
    json_object_set_new(words, "status", json_string(pc_strings_get(t, key)));
    const char *relief =
        r->outcome == PC_OUT_MITIGATE && p->mitigation_relief[0] ? p->mitigation_relief : p->relief;
    bool favourable = r->outcome == PC_OUT_EXEMPT || r->outcome == PC_OUT_MITIGATE;
    json_object_set_new(words, "relief", json_string(favourable ? relief : ""));
    if (!c->v.outcome_matches) {
        snprintf(key, sizeof key, "desk.outcome_%s", pc_outcome_name(c->v.receipt.outcome));
        const char *names[] = {"outcome"}, *values[] = {pc_strings_get(t, key)};
        set_text(words, "mismatch", pc_strings_fill(t, "desk.mismatch", names, values, 1));
    }
}

/* The clauses that decided the outcome, each with what the answers make of it. */
static json_t *clauses_json(const pc_strings *t, const pc_check *c)
{
    static const char *const state_keys[] = {"desk.clause_open", "desk.clause_not_met",
                                             "desk.clause_met"};
    const pc_pack *pack = c->v.pack;
    const pc_result *r = &c->v.result;
    pc_facts facts;
    pc_facts_from_answers(&facts, pack, &c->answers);
    pc_facts_resolve_tests(pack, &facts);
    json_t *list = json_array();
    for (size_t i = 0; i < r->n_basis; i++) {
        const pc_clause *cl = &pack->clauses[r->basis[i]];
        pc_truth truth = facts.truth[r->basis[i]];
        json_t *item = json_pack("{s:s, s:s, s:b}", "label", cl->label, "state",
                                 pc_strings_get(t, state_keys[truth]), "exclusion",
                                 cl->role == PC_ROLE_EXCLUSION);
        set_text(item, "plain", pc_check_staff_text(t, cl->plain));
        json_array_append_new(list, item);
    }
    return list;
}

/* The checklist: each material with its index in the pack (what the desk records). */
static json_t *materials_json(const pc_pack *pack, const pc_result *r)
{
    json_t *list = json_array();
    for (size_t i = 0; i < r->n_materials; i++)
        json_array_append_new(list, json_pack("{s:i, s:s}", "index", r->materials[i], "name",
                                              pack->materials[r->materials[i]].name));
    return list;
}

/* Sets key to a malloc'd text (freed here); "" when it is NULL (out of memory). */
static void set_text(json_t *o, const char *key, char *text)
{
    json_object_set_new(o, key, json_string(text ? text : ""));
    free(text);
}
