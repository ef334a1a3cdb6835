/* test_schema2.c — the schema-2 features on a small synthetic pack: comparisons over
 * numbers and dates (an age at a contract date), exclusions, relief tiers, choice and
 * which-apply answers, deadlines in months and natural days from the earliest of two
 * events, capped at the last day in force, their states, materials while still open,
 * validity on the conduct date, catch-alls that stop being asked, and answers read back
 * off facts. */
#include <stdlib.h>

#include "../check.h"
#include "eval.h"
#include "facts_json.h"

static const char *const PACK =
    "schema: 2\nid: demo2\nversion: '1'\nsource: none.txt\ntitle: T\nshort_title: T\n"
    "issuer: I\nnumber: ''\nissued_on: 2020-01-01\nstatus: issued\n"
    "in_force_from: 2020-01-01\nin_force_until: 2026-12-31\ncovers: C\nrelief: R\n"
    "valid_on: conduct\nconduct_date: acted_on\n"
    "numbers:\n  - {name: amount, unit: 万元, label: 金额}\n"
    "dates:\n  - {name: born_on, label: b}\n  - {name: acted_on, label: a}\n"
    "  - {name: told_on, label: t}\n  - {name: started_on, label: s}\n"
    "clauses:\n"
    "  - {cite: '1', label: a, role: applicability, plain: p, text: t, test: {le: [amount, 150]}}\n"
    "  - {cite: '2', label: a, role: necessary, plain: p, text: t}\n"
    "  - {cite: '2.9', label: a, role: necessary, plain: p, text: t, test: {lt: [{years: [born_on, acted_on]}, 35]}}\n"
    "  - {cite: '3.1', label: a, role: situation, plain: p, text: t}\n"
    "  - {cite: '3.2', label: a, role: situation, plain: p, text: t}\n"
    "  - {cite: '3.8', label: a, role: catch_all, plain: p, text: t}\n"
    "  - {cite: '3.9', label: a, role: catch_all, plain: p, text: t}\n"
    "  - {cite: '4', label: a, role: exclusion, plain: p, text: t}\n"
    "  - {cite: '5', label: a, role: mitigation, plain: p, text: t}\n"
    "  - {cite: '6', label: a, role: result, plain: p, text: t}\n"
    "  - {cite: '7', label: a, role: procedure, plain: p, text: t}\n"
    "logic:\n"
    "  applicability: '1'\n"
    "  exclusions: '4'\n"
    "  necessary: {all: ['2', '2.9']}\n"
    "  situations: {any: ['3.1', '3.2', '3.8', '3.9']}\n"
    "  catch_all: ['3.8', '3.9']\n"
    "  mitigation: '5'\n"
    "  tiers:\n"
    "    - {cite: '6', name: 免除责任, outcome: exempt, when: '3.1'}\n"
    "    - {cite: '6', name: 限期整改, outcome: exempt, obligation: 整改, within: {days: 30}}\n"
    "    - {cite: '6', name: 从轻处理, outcome: mitigate}\n"
    "questions:\n"
    "  - {id: amount, kind: number, number: amount, min: 0, max: 1000, decimals: 2, ask: a, why: w}\n"
    "  - {id: born, kind: date, date: born_on, not_yet: n, ask: a, why: w}\n"
    "  - {id: acted, kind: date, date: acted_on, not_yet: n, ask: a, why: w}\n"
    "  - id: how\n    kind: choice\n    ask: a\n    why: w\n    options:\n"
    "      - {label: x, sets: {'2': true}}\n      - {label: y, sets: {'2': true}}\n"
    "      - {label: z, sets: {'2': false}}\n"
    "  - id: which\n    kind: multi\n    ask: a\n    why: w\n    options:\n"
    "      - {label: x, cites: ['3.1']}\n      - {label: y, cites: ['3.2']}\n"
    "  - {id: other, cites: ['3.8', '3.9'], ask: a, why: w}\n"
    "  - {id: excluded, yes: {'4': true}, no: {'4': false}, ask: a, why: w}\n"
    "  - {id: lighter, cites: ['5'], ask: a, why: w}\n"
    "  - {id: told, kind: date, date: told_on, not_yet: n, ask: a, why: w}\n"
    "  - {id: started, kind: date, date: started_on, not_yet: n, ask: a, why: w}\n"
    "materials:\n"
    "  - {name: m1, cite: '7'}\n"
    "  - {name: m2, cite: '4', when: '4', when_open: true}\n"
    "deadline: {cite: '7', what: w, from: [told_on, started_on], event: e, months: 1}\n"
    "steps:\n"
    "  - {cite: '7', what: s, days: 7, applicant: true}\n";

typedef struct fixture {
    pc_pack *pack;
    pc_calendar *cal;
    pc_day today;
} fixture;

#define BASE "\"numbers\":{\"amount\":100},\"dates\":{\"born_on\":\"1995-06-01\",\"acted_on\":\"2026-05-31\""
#define FAV "\"facts\":{\"2\":true,\"3.1\":true,\"4\":false}"

static pc_outcome run(fixture *fx, const char *json, pc_result *r)
{
    pc_facts facts;
    char err[300];
    if (!pc_facts_read_json(fx->pack, json, strlen(json), &facts, err, sizeof err)) {
        fprintf(stderr, "facts refused: %s (%s)\n", err, json);
        check_failures++;
        return PC_OUT_COUNT;
    }
    pc_evaluate(fx->pack, fx->cal, &facts, fx->today, r);
    return r->outcome;
}

static void test_numbers_and_ages(fixture *fx)
{
    pc_result r;
    /* 30 years old on the day of the conduct, 100万元: covered and young enough */
    CHECK(run(fx, "{" BASE "}," FAV "}", &r) == PC_OUT_EXEMPT);
    /* 35 on the day (the birthday counts): the age condition fails */
    CHECK(run(fx, "{\"numbers\":{\"amount\":100},\"dates\":{\"born_on\":\"1991-05-31\","
                  "\"acted_on\":\"2026-05-31\"},\"facts\":{\"2\":true,\"3.1\":true,\"4\":false,\"5\":false}}", &r) == PC_OUT_INELIGIBLE);
    CHECK(r.n_basis == 1 && strcmp(fx->pack->clauses[r.basis[0]].cite, "2.9") == 0);
    /* one day short of 35: still under */
    CHECK(run(fx, "{\"numbers\":{\"amount\":100},\"dates\":{\"born_on\":\"1991-06-01\","
                  "\"acted_on\":\"2026-05-31\"}," FAV "}", &r) == PC_OUT_EXEMPT);
    /* 150.01万元 is over the bound; 150 is not */
    CHECK(run(fx, "{\"numbers\":{\"amount\":150.01}," FAV "}", &r) == PC_OUT_NOT_APPLICABLE);
    CHECK(run(fx, "{\"numbers\":{\"amount\":150},\"dates\":{\"born_on\":\"1995-06-01\","
                  "\"acted_on\":\"2026-05-31\"}," FAV "}", &r) == PC_OUT_EXEMPT);
    /* amount not given: scope unknown, so refer naming the scope */
    CHECK(run(fx, "{" FAV "}", &r) == PC_OUT_REFER);
    CHECK(r.n_basis >= 1 && strcmp(fx->pack->clauses[r.basis[0]].cite, "1") == 0);
    /* a fact given on the clause wins over its test */
    CHECK(run(fx, "{\"numbers\":{\"amount\":900},\"facts\":{\"1\":true,\"2\":true,\"2.9\":true,"
                  "\"3.1\":true,\"4\":false}}", &r) == PC_OUT_EXEMPT);
}

static void test_exclusions_and_tiers(fixture *fx)
{
    pc_result r;
    CHECK(run(fx, "{" BASE "},\"facts\":{\"2\":true,\"3.1\":true,\"4\":true,\"5\":true}}", &r) == PC_OUT_INELIGIBLE);
    CHECK(r.n_exclusions == 1 && strcmp(fx->pack->clauses[r.exclusions[0]].cite, "4") == 0);
    CHECK(r.tier == -1);
    /* exclusion still open: never exempt, never mitigate; the material that settles it is asked for */
    CHECK(run(fx, "{" BASE "},\"facts\":{\"2\":true,\"3.1\":true}}", &r) == PC_OUT_REFER);
    CHECK(r.n_materials == 2);
    CHECK(run(fx, "{" BASE "},\"facts\":{\"2\":false,\"5\":true}}", &r) == PC_OUT_REFER);
    CHECK(run(fx, "{" BASE "},\"facts\":{\"2\":false,\"5\":true,\"4\":false}}", &r) == PC_OUT_MITIGATE);
    CHECK(r.tier == 2 && r.n_materials == 1);
    CHECK(run(fx, "{" BASE "}," FAV "}", &r) == PC_OUT_EXEMPT);
    CHECK(r.tier == 0);
    CHECK(run(fx, "{" BASE "},\"facts\":{\"2\":true,\"3.1\":false,\"3.2\":true,\"4\":false}}", &r) == PC_OUT_EXEMPT);
    CHECK(r.tier == 1 && fx->pack->logic.tiers[1].obligation_within.count == 30);
    /* the first tier still open: no tier named */
    CHECK(run(fx, "{" BASE "},\"facts\":{\"2\":true,\"3.2\":true,\"4\":false}}", &r) == PC_OUT_EXEMPT);
    CHECK(r.tier == -1);
}

static void day_is(const pc_result *r, const char *want)
{
    char buf[16];
    pc_day_format(r->deadline_day, buf, sizeof buf);
    CHECK_STR(buf, want);
}

static void test_deadlines(fixture *fx)
{
    pc_result r;
    fx->today = pc_day_from_ymd(2026, 2, 2);
    CHECK(run(fx, "{" BASE ",\"told_on\":\"not_yet\",\"started_on\":\"not_yet\"}," FAV "}", &r) == PC_OUT_EXEMPT);
    CHECK(r.deadline_state == PC_DL_NOT_STARTED && !r.has_deadline);
    CHECK(run(fx, "{" BASE ",\"told_on\":\"not_yet\"}," FAV "}", &r) == PC_OUT_EXEMPT);
    CHECK(r.deadline_state == PC_DL_UNKNOWN);
    /* a month from 2026-01-31 ends on the last day of February (民法典 第二百零二条) */
    CHECK(run(fx, "{" BASE ",\"told_on\":\"2026-01-31\",\"started_on\":\"not_yet\"}," FAV "}", &r) == PC_OUT_EXEMPT);
    CHECK(r.deadline_state == PC_DL_RUNNING);
    day_is(&r, "2026-02-28");
    /* (2026-02-28 is a Saturday worked in exchange for the Spring Festival, so it stands);
     * of two events the earliest counts */
    CHECK(run(fx, "{" BASE ",\"told_on\":\"2026-03-10\",\"started_on\":\"2026-01-31\"}," FAV "}", &r) == PC_OUT_EXEMPT);
    day_is(&r, "2026-02-28");
    /* a month from 2026-09-05 ends 2026-10-05, inside the National Day holiday: moved to
     * the next working day (第二百零三条) */
    fx->today = pc_day_from_ymd(2026, 9, 10);
    CHECK(run(fx, "{" BASE ",\"told_on\":\"2026-09-05\"}," FAV "}", &r) == PC_OUT_EXEMPT);
    CHECK(r.deadline_day > pc_day_from_ymd(2026, 10, 5) && !r.deadline_capped);
    /* never past the last day in force */
    fx->today = pc_day_from_ymd(2026, 12, 10);
    CHECK(run(fx, "{" BASE ",\"told_on\":\"2026-12-09\"}," FAV "}", &r) == PC_OUT_EXEMPT);
    CHECK(r.deadline_capped && r.deadline_state == PC_DL_RUNNING);
    day_is(&r, "2026-12-31");
    fx->today = pc_day_from_ymd(2026, 11, 30);
}

static void test_validity_on_conduct(fixture *fx)
{
    pc_result r;
    fx->today = pc_day_from_ymd(2027, 3, 1);      /* after the policy expired … */
    CHECK(run(fx, "{" BASE "}," FAV "}", &r) == PC_OUT_EXEMPT);    /* … but the conduct was in force */
    CHECK(run(fx, "{\"numbers\":{\"amount\":1},\"dates\":{\"born_on\":\"1995-06-01\",\"acted_on\":\"2019-05-31\"}," FAV "}", &r) == PC_OUT_NOT_IN_FORCE);
    fx->today = pc_day_from_ymd(2026, 11, 30);
}

static int qi(fixture *fx, const char *id)
{
    int q = pc_pack_find_question(fx->pack, id);
    CHECK(q >= 0);
    return q;
}

static void test_answers(fixture *fx)
{
    pc_answers a;
    pc_facts f;
    pc_answers_init(&a);
    a.a[qi(fx, "how")] = (pc_answer){PC_ANS_GIVEN, 1};           /* the second alternative */
    a.a[qi(fx, "which")] = (pc_answer){PC_ANS_GIVEN, 2};         /* only 3.2 ticked */
    a.a[qi(fx, "amount")] = (pc_answer){PC_ANS_GIVEN, 12050};    /* 120.50 万元 */
    pc_facts_from_answers(&f, fx->pack, &a);
    CHECK(f.truth[pc_pack_find_clause(fx->pack, "2")] == PC_TRUE);
    CHECK(f.truth[pc_pack_find_clause(fx->pack, "3.1")] == PC_FALSE);
    CHECK(f.truth[pc_pack_find_clause(fx->pack, "3.2")] == PC_TRUE);
    CHECK(f.number_state[0] == PC_VALUE_KNOWN && f.numbers[0] > 120.49 && f.numbers[0] < 120.51);
    /* and back: the answer an applicant with these facts would give */
    CHECK(pc_answer_from_facts(fx->pack, &f, (size_t)qi(fx, "which")).value == 2);
    CHECK(pc_answer_from_facts(fx->pack, &f, (size_t)qi(fx, "amount")).value == 12050);
    CHECK(pc_answer_from_facts(fx->pack, &f, (size_t)qi(fx, "how")).state == PC_ANS_GIVEN);
    CHECK(pc_answer_from_facts(fx->pack, &f, (size_t)qi(fx, "other")).state == PC_ANS_UNSURE);
    /* 以上都不是 on the list makes every situation on it false */
    a.a[qi(fx, "which")] = (pc_answer){PC_ANS_GIVEN, 0};
    pc_facts_from_answers(&f, fx->pack, &a);
    CHECK(f.truth[pc_pack_find_clause(fx->pack, "3.1")] == PC_FALSE);
    CHECK(pc_answer_from_facts(fx->pack, &f, (size_t)qi(fx, "which")).value == 0);
}

static void test_skip(fixture *fx)
{
    pc_answers a;
    pc_answers_init(&a);
    a.a[qi(fx, "amount")] = (pc_answer){PC_ANS_GIVEN, 1000};
    a.a[qi(fx, "born")] = (pc_answer){PC_ANS_GIVEN, pc_day_from_ymd(1990, 1, 1)};
    a.a[qi(fx, "acted")] = (pc_answer){PC_ANS_GIVEN, pc_day_from_ymd(2021, 1, 1)};
    a.a[qi(fx, "how")] = (pc_answer){PC_ANS_GIVEN, 0};
    a.a[qi(fx, "which")] = (pc_answer){PC_ANS_GIVEN, 0};        /* no specific situation */
    CHECK(pc_question_relevant(fx->pack, &a, (size_t)qi(fx, "other")));
    /* one catch-all true: the others can change nothing (issue 8, defect 13) */
    a.a[qi(fx, "other")] = (pc_answer){PC_ANS_GIVEN, 0};
    CHECK(!pc_question_relevant(fx->pack, &a, (size_t)qi(fx, "other")));
    /* the scope answered 不确定 and settled so: nothing else can change "ask at the window" */
    pc_answers_init(&a);
    a.a[qi(fx, "amount")] = (pc_answer){PC_ANS_UNSURE, 0};
    CHECK(pc_next_question(fx->pack, &a, 0) == -1);
    /* the result names the answer that decided it: 是 to the exclusion, not the other answers */
    pc_answers_init(&a);
    a.a[qi(fx, "amount")] = (pc_answer){PC_ANS_GIVEN, 1000};
    a.a[qi(fx, "how")] = (pc_answer){PC_ANS_GIVEN, 0};
    a.a[qi(fx, "excluded")] = (pc_answer){PC_ANS_GIVEN, 0};
    pc_facts f;
    pc_result r;
    int deciding[8];
    pc_facts_from_answers(&f, fx->pack, &a);
    pc_evaluate(fx->pack, fx->cal, &f, fx->today, &r);
    CHECK(r.outcome == PC_OUT_INELIGIBLE);
    CHECK(pc_result_deciding_questions(fx->pack, &a, &r, deciding, 8) == 1 && deciding[0] == qi(fx, "excluded"));
    /* an exclusion that holds ends the questions */
    pc_answers_init(&a);
    a.a[qi(fx, "amount")] = (pc_answer){PC_ANS_GIVEN, 1000};
    a.a[qi(fx, "excluded")] = (pc_answer){PC_ANS_GIVEN, 0};
    CHECK(pc_next_question(fx->pack, &a, 0) == -1);
}

int main(void)
{
    char err[300];
    fixture fx = {0};
    fx.pack = pc_pack_load_text("demo2.yaml", PACK, strlen(PACK), err, sizeof err);
    if (!fx.pack) {
        fprintf(stderr, "demo pack refused: %s\n", err);
        return 1;
    }
    fx.cal = calloc(1, sizeof *fx.cal);
    CHECK(pc_calendar_load_dir(fx.cal, PC_SOURCE_DIR "/rules/calendar", err, sizeof err));
    fx.today = pc_day_from_ymd(2026, 11, 30);
    test_numbers_and_ages(&fx);
    test_exclusions_and_tiers(&fx);
    test_deadlines(&fx);
    test_validity_on_conduct(&fx);
    test_answers(&fx);
    test_skip(&fx);
    free(fx.cal);
    pc_pack_free(fx.pack);
    return CHECK_DONE();
}
