/* test_eval.c — the evaluator on a small synthetic pack whose every branch is known:
 * outcome precedence, three-valued logic, catch-alls, groups, mitigation, basis,
 * conditional materials, the deadline, the skip logic, and the answers → facts fold. */
#include <stdlib.h>

#include "../check.h"
#include "eval.h"
#include "facts_json.h"

static const char *const PACK =
    "schema: 2\nid: demo\nversion: '1'\nsource: none.txt\ntitle: T\nshort_title: T\n"
    "issuer: I\nnumber: ''\nissued_on: 2020-01-01\nstatus: issued\n"
    "in_force_from: 2020-01-01\nin_force_until: 2030-12-31\ncovers: C\nrelief: R\n"
    "dates:\n  - {name: notified_on, label: L}\n"
    "clauses:\n"
    "  - {cite: '1', label: a, role: applicability, plain: p, text: t}\n"
    "  - {cite: '2', label: a, role: group, plain: p, text: t, group: ['2.1', '2.2']}\n"
    "  - {cite: '2.1', label: a, role: necessary, plain: p, text: t}\n"
    "  - {cite: '2.2', label: a, role: necessary, plain: p, text: t}\n"
    "  - {cite: '3.1', label: a, role: kind, plain: p, text: t}\n"
    "  - {cite: '3.2', label: a, role: catch_all, plain: p, text: t}\n"
    "  - {cite: '4.1', label: a, role: situation, plain: p, text: t}\n"
    "  - {cite: '4.2', label: a, role: situation, plain: p, text: t}\n"
    "  - {cite: '4.3', label: a, role: catch_all, plain: p, text: t}\n"
    "  - {cite: '5', label: a, role: mitigation, plain: p, text: t}\n"
    "  - {cite: '6', label: a, role: procedure, plain: p, text: t}\n"
    "logic:\n"
    "  applicability: '1'\n"
    "  necessary: {all: ['2.1', '2.2', {any: ['3.1', '3.2']}]}\n"
    "  situations: {any: ['4.1', '4.2', '4.3']}\n"
    "  catch_all: ['3.2', '4.3']\n"
    "  mitigation: '5'\n"
    "questions:\n"
    "  - {id: q1, cites: ['1'], ask: a, why: w}\n"
    "  - {id: q2, cites: ['2'], ask: a, why: w}\n"
    "  - {id: q2b, cites: ['2.2'], ask: a, why: w}\n"
    "  - {id: q31, cites: ['3.1'], ask: a, why: w}\n"
    "  - {id: q32, cites: ['3.2'], ask: a, why: w}\n"
    "  - {id: q41, cites: ['4.1'], ask: a, why: w}\n"
    "  - {id: q42, cites: ['4.2'], ask: a, why: w}\n"
    "  - {id: q43, cites: ['4.3'], ask: a, why: w}\n"
    "  - {id: q5, cites: ['5'], ask: a, why: w}\n"
    "  - {id: qd, kind: date, date: notified_on, not_yet: n, cites: ['6'], ask: a, why: w}\n"
    "materials:\n"
    "  - {name: m1, cite: '6'}\n"
    "  - {name: m2, cite: '4.1', when: '4.1'}\n"
    "deadline: {cite: '6', what: w, from: [notified_on], event: e, working_days: 10}\n"
    "steps:\n"
    "  - {cite: '6', what: s, working_days: 7, extension_working_days: 7}\n";

typedef struct fixture {
    pc_pack *pack;
    pc_calendar *cal;
    pc_day today;
} fixture;

static pc_outcome run(fixture *fx, const char *json, pc_result *r)
{
    pc_facts facts;
    char err[300];
    if (!pc_facts_read_json(fx->pack, json, strlen(json), &facts, err, sizeof err)) {
        fprintf(stderr, "facts refused: %s\n", err);
        check_failures++;
        return PC_OUT_COUNT;
    }
    pc_evaluate(fx->pack, fx->cal, &facts, fx->today, r);
    return r->outcome;
}

static bool basis_has(const fixture *fx, const pc_result *r, const char *cite)
{
    for (size_t i = 0; i < r->n_basis; i++)
        if (strcmp(fx->pack->clauses[r->basis[i]].cite, cite) == 0)
            return true;
    return false;
}

#define ALL_TRUE "\"1\":true,\"2\":true,\"3.1\":true"

static void test_outcomes(fixture *fx)
{
    pc_result r;
    CHECK(run(fx, "{\"facts\":{" ALL_TRUE ",\"4.1\":true}}", &r) == PC_OUT_EXEMPT);
    CHECK(basis_has(fx, &r, "4.1") && basis_has(fx, &r, "2.1") && !basis_has(fx, &r, "4.2"));
    CHECK(r.n_materials == 2);
    CHECK(run(fx, "{\"facts\":{\"1\":false,\"2\":true}}", &r) == PC_OUT_NOT_APPLICABLE);
    CHECK(basis_has(fx, &r, "1") && r.n_materials == 0);
    CHECK(run(fx, "{\"facts\":{" ALL_TRUE ",\"2.2\":false,\"4.1\":true}}", &r) == PC_OUT_REFER);
    CHECK(basis_has(fx, &r, "2.2") && basis_has(fx, &r, "5")); /* lighter handling still open */
    CHECK(run(fx, "{\"facts\":{" ALL_TRUE ",\"2.2\":false,\"4.1\":true,\"5\":false}}", &r) == PC_OUT_INELIGIBLE);
    CHECK(basis_has(fx, &r, "2.2") && !basis_has(fx, &r, "2.1") && !basis_has(fx, &r, "4.1"));
    CHECK(run(fx, "{\"facts\":{" ALL_TRUE ",\"2.2\":false,\"5\":true}}", &r) == PC_OUT_MITIGATE);
    CHECK(basis_has(fx, &r, "2.2") && basis_has(fx, &r, "5"));
    /* unknown applicability never gives exempt */
    CHECK(run(fx, "{\"facts\":{\"2\":true,\"3.1\":true,\"4.1\":true}}", &r) == PC_OUT_REFER);
    CHECK(basis_has(fx, &r, "1"));
    /* only a catch-all situation: refer, and the catch-all is named */
    CHECK(run(fx, "{\"facts\":{" ALL_TRUE ",\"4.3\":true}}", &r) == PC_OUT_REFER);
    CHECK(basis_has(fx, &r, "4.3"));
    /* only a catch-all kind of work: refer */
    CHECK(run(fx, "{\"facts\":{\"1\":true,\"2\":true,\"3.2\":true,\"4.1\":true}}", &r) == PC_OUT_REFER);
    CHECK(basis_has(fx, &r, "3.2"));
    /* every situation false, catch-all included */
    CHECK(run(fx, "{\"facts\":{" ALL_TRUE ",\"4.1\":false,\"4.2\":false,\"4.3\":false,\"5\":false}}", &r) == PC_OUT_INELIGIBLE);
    CHECK(basis_has(fx, &r, "4.1") && basis_has(fx, &r, "4.3"));
    /* an unknown applicability is never ineligible or mitigate: the policy may not cover them */
    CHECK(run(fx, "{\"facts\":{\"2.1\":false,\"5\":false}}", &r) == PC_OUT_REFER);
    CHECK(basis_has(fx, &r, "1") && !basis_has(fx, &r, "2.1"));
    CHECK(run(fx, "{\"facts\":{\"2.1\":false,\"5\":true}}", &r) == PC_OUT_REFER);
    /* nothing known */
    CHECK(run(fx, "{}", &r) == PC_OUT_REFER);
}

static void test_groups_and_dates(fixture *fx)
{
    pc_result r;
    /* the group sets its members; a member's own fact wins whatever the key order */
    CHECK(run(fx, "{\"facts\":{\"2.1\":false,\"2\":true,\"1\":true,\"3.1\":true,\"4.1\":true,\"5\":false}}", &r) == PC_OUT_INELIGIBLE);
    CHECK(basis_has(fx, &r, "2.1"));
    CHECK(run(fx, "{\"facts\":{" ALL_TRUE ",\"4.1\":true},\"dates\":{\"notified_on\":\"2026-09-28\"}}", &r) == PC_OUT_EXEMPT);
    char buf[16];
    pc_day_format(r.deadline_day, buf, sizeof buf);
    CHECK(r.has_deadline && !r.deadline_passed && !r.deadline_estimated);
    CHECK_STR(buf, "2026-10-16");
    CHECK(r.deadline_days_left == 0 || r.today < r.deadline_day);
    CHECK(run(fx, "{\"facts\":{" ALL_TRUE ",\"4.2\":true},\"dates\":{\"notified_on\":\"2026-12-24\"}}", &r) == PC_OUT_EXEMPT);
    CHECK(r.deadline_estimated && r.n_materials == 1);
}

static void test_bad_facts(fixture *fx)
{
    static const char *const bad[][2] = {
        {"{\"facts\":{\"9.9\":true}}", "9.9"},
        {"{\"facts\":{\"1\":\"yes\"}}", "\"1\""},
        {"{\"facts\":{\"1\":1}}", "\"1\""},
        {"{\"dates\":{\"notified_on\":\"2026-02-30\"}}", "2026-02-30"},
        {"{\"dates\":{\"born_on\":\"2026-02-01\"}}", "born_on"},
        {"{\"dates\":{\"notified_on\":\"soon\"}}", "soon"},
        {"{\"answers\":{\"q9\":\"yes\"}}", "q9"},
        {"{\"answers\":{\"q1\":3}}", "q1"},
        {"{\"numbers\":{\"amount\":3}}", "amount"},
        {"{\"facts\":[]}", "facts"},
        {"{\"fact\":{}}", "fact"},
        {"[1]", "object"},
        {"{\"facts\":{\"1\":true,\"1\":false}}", "line"},
        {"{\"facts\":{", "JSON"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        pc_facts facts;
        char err[300] = "";
        CHECK(!pc_facts_read_json(fx->pack, bad[i][0], strlen(bad[i][0]), &facts, err, sizeof err));
        if (!strstr(err, bad[i][1])) {
            fprintf(stderr, "message for %s lacks %s: %s\n", bad[i][0], bad[i][1], err);
            check_failures++;
        }
    }
}

static void answer(fixture *fx, pc_answers *a, const char *id, pc_truth t)
{
    int q = pc_pack_find_question(fx->pack, id);
    CHECK(q >= 0);
    a->a[q] = t == PC_UNKNOWN ? (pc_answer){PC_ANS_UNSURE, 0}
                              : (pc_answer){PC_ANS_GIVEN, t == PC_TRUE ? 0 : 1};
}

static void test_skip_logic(fixture *fx)
{
    pc_answers a;
    pc_answers_init(&a);
    CHECK(pc_next_question(fx->pack, &a, 0) == 0);
    answer(fx, &a, "q1", PC_FALSE); /* not applicable: nothing more to ask */
    CHECK(pc_next_question(fx->pack, &a, 0) == -1);
    answer(fx, &a, "q1", PC_TRUE);
    answer(fx, &a, "q2", PC_TRUE);
    CHECK(pc_next_question(fx->pack, &a, 0) == pc_pack_find_question(fx->pack, "q2b"));
    answer(fx, &a, "q2b", PC_TRUE);
    answer(fx, &a, "q31", PC_TRUE);   /* a specific kind: the catch-all kind is skipped */
    CHECK(!pc_question_relevant(fx->pack, &a, (size_t)pc_pack_find_question(fx->pack, "q32")));
    answer(fx, &a, "q41", PC_TRUE);   /* exempt settled: other situations and mitigation skipped */
    CHECK(!pc_question_relevant(fx->pack, &a, (size_t)pc_pack_find_question(fx->pack, "q42")));
    CHECK(!pc_question_relevant(fx->pack, &a, (size_t)pc_pack_find_question(fx->pack, "q5")));
    CHECK(pc_next_question(fx->pack, &a, 0) == pc_pack_find_question(fx->pack, "qd"));
    /* going back and changing an answer brings the skipped questions back */
    answer(fx, &a, "q41", PC_FALSE);
    CHECK(pc_question_relevant(fx->pack, &a, (size_t)pc_pack_find_question(fx->pack, "q42")));
    /* two questions on one clause are ANDed */
    pc_facts facts;
    answer(fx, &a, "q2b", PC_UNKNOWN);
    pc_facts_from_answers(&facts, fx->pack, &a);
    CHECK(facts.truth[pc_pack_find_clause(fx->pack, "2.2")] == PC_UNKNOWN);
    CHECK(facts.truth[pc_pack_find_clause(fx->pack, "2.1")] == PC_TRUE);
    answer(fx, &a, "q2", PC_FALSE);
    pc_facts_from_answers(&facts, fx->pack, &a);
    CHECK(facts.truth[pc_pack_find_clause(fx->pack, "2.2")] == PC_FALSE);
}

static void test_in_force(fixture *fx)
{
    pc_result r;
    fx->today = pc_day_from_ymd(2031, 1, 1);
    CHECK(run(fx, "{\"facts\":{" ALL_TRUE ",\"4.1\":true}}", &r) == PC_OUT_NOT_IN_FORCE);
    CHECK(r.policy_status == PC_POLICY_EXPIRED);
    fx->today = pc_day_from_ymd(2019, 12, 31);
    CHECK(run(fx, "{}", &r) == PC_OUT_NOT_IN_FORCE && r.policy_status == PC_POLICY_NOT_YET);
    fx->today = pc_day_from_ymd(2030, 12, 31);
    CHECK(run(fx, "{}", &r) == PC_OUT_REFER && r.policy_status == PC_POLICY_IN_FORCE);
}

int main(void)
{
    char err[300];
    fixture fx = {0};
    fx.pack = pc_pack_load_text("demo.yaml", PACK, strlen(PACK), err, sizeof err);
    if (!fx.pack) {
        fprintf(stderr, "demo pack refused: %s\n", err);
        return 1;
    }
    fx.cal = calloc(1, sizeof *fx.cal);
    CHECK(pc_calendar_load_dir(fx.cal, PC_SOURCE_DIR "/rules/calendar", err, sizeof err));
    fx.today = pc_day_from_ymd(2026, 9, 29);
    test_outcomes(&fx);
    test_groups_and_dates(&fx);
    test_bad_facts(&fx);
    test_skip_logic(&fx);
    test_in_force(&fx);
    free(fx.cal);
    pc_pack_free(fx.pack);
    return CHECK_DONE();
}
