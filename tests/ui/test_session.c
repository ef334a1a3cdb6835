/* test_session.c — the applicant's session without SDL (app/ui/session): the way through
 * the made-up pack tests/packs/synthetic-demo.yaml with its skip logic, 返回 without losing
 * answers, changing one answer from the review screen, the progress figures, the result,
 * the wipe; and the answer being entered (ticks, keypad, date picker) with its hints. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../check.h"
#include "session/session.h"

/* Question indices in the pack. */
enum {
    Q_SCOPE,
    Q_AMOUNT,
    Q_PROCEDURE,
    Q_PRIVATE_GAIN,
    Q_SITUATIONS,
    Q_EXCLUSIONS,
    Q_RECOVERED,
    Q_CONDUCT,
    Q_REPORTED,
    Q_NOTIFIED,
    Q_DECIDED
};

#define YES ((pc_answer){PC_ANS_GIVEN, 0})
#define NO ((pc_answer){PC_ANS_GIVEN, 1})
#define UNSURE ((pc_answer){PC_ANS_UNSURE, 0})
#define NOT_YET ((pc_answer){PC_ANS_NOT_YET, 0})
#define GIVEN(v) ((pc_answer){PC_ANS_GIVEN, (v)})

static pc_session s; /* large: the answers and the result */

/* ---- static prototypes ---- */
static pc_pack *test_load(void);
static pc_answer test_typical(const pc_question *q);
static void test_walk_typical(const pc_pack *pack);
static void test_skip(const pc_pack *pack);
static void test_back(const pc_pack *pack, const pc_pack *other);
static void test_change_from_review(const pc_pack *pack, const pc_calendar *cal);
static void test_clear(const pc_pack *pack);
static const pc_question *test_entry_on(const pc_pack *pack, int question, pc_entry *e);
static void test_entry_number(const pc_pack *pack);
static void test_entry_multi(const pc_pack *pack);
static void test_entry_date(const pc_pack *pack);

/* ---- public functions ---- */

int main(void)
{
    pc_pack *pack = test_load(), *other = test_load();
    static pc_calendar cal;
    char err[256];
    if (!pack || !other ||
        !pc_calendar_load_dir(&cal, PC_SOURCE_DIR "/tests/packs/calendar", err, sizeof err)) {
        fprintf(stderr, "test_session: cannot load the test pack or calendar: %s\n", err);
        return 1;
    }
    test_walk_typical(pack);
    test_skip(pack);
    test_back(pack, other);
    test_change_from_review(pack, &cal);
    test_clear(pack);
    test_entry_number(pack);
    test_entry_multi(pack);
    test_entry_date(pack);
    pc_pack_free(pack);
    pc_pack_free(other);
    if (!check_failures)
        printf("test_session: the session and the entry behave\n");
    return CHECK_DONE();
}

/* ---- static functions ---- */

static pc_pack *test_load(void)
{
    char err[256];
    pc_pack *pack = pc_pack_load(PC_SOURCE_DIR "/tests/packs/synthetic-demo.yaml", err, sizeof err);
    if (!pack)
        fprintf(stderr, "%s\n", err);
    return pack;
}

/* An applicant whom the policy covers and who likely is exempt: 120 万元, decided
 * together, no private gain, a mistake in a pilot, no exclusion, the decision made on
 * 2025-03-01, not yet notified or decided; anything else 不确定. */
static pc_answer test_typical(const pc_question *q)
{
    static const struct {
        const char *id;
        pc_answer a;
    } typical[] = {{"scope", YES},        {"amount", GIVEN(12000)}, {"procedure", GIVEN(0)},
                   {"private_gain", NO},  {"situations", GIVEN(1)}, {"exclusions", GIVEN(0)},
                   {"notified", NOT_YET}, {"decided", NOT_YET}};
    for (size_t i = 0; i < sizeof typical / sizeof typical[0]; i++)
        if (strcmp(q->id, typical[i].id) == 0)
            return typical[i].a;
    if (strcmp(q->id, "conduct") == 0)
        return GIVEN(pc_day_from_ymd(2025, 3, 1));
    return UNSURE;
}

/* Ten screens, in pack order; 已经挽回损失 is never asked (nothing it could change); the
 * progress counts up and its total shrinks once the skipped question is known. */
static void test_walk_typical(const pc_pack *pack)
{
    static const int path[] = {Q_SCOPE,      Q_AMOUNT,  Q_PROCEDURE, Q_PRIVATE_GAIN, Q_SITUATIONS,
                               Q_EXCLUSIONS, Q_CONDUCT, Q_REPORTED,  Q_NOTIFIED,     Q_DECIDED};
    pc_session_clear(&s);
    pc_session_step step = pc_session_choose(&s, pack);
    CHECK(step == PC_SESSION_QUESTION && s.question == Q_SCOPE);
    CHECK(s.progress_n == 1 && s.progress_total == 11);
    for (size_t i = 0; i < sizeof path / sizeof path[0]; i++) {
        CHECK(step == PC_SESSION_QUESTION && s.question == path[i]);
        CHECK(s.progress_n == (int)i + 1);
        step = pc_session_answer(&s, test_typical(pc_session_question(&s)));
    }
    CHECK(step == PC_SESSION_REVIEW);
    CHECK(s.progress_total == 10);
    CHECK(!pc_answer_given(&s.answers, Q_RECOVERED));
    CHECK(!pc_session_would_ask(&s, Q_RECOVERED) && pc_session_would_ask(&s, Q_PRIVATE_GAIN));
}

/* 否 to "does the policy cover the project" leaves nothing to ask; 不确定 there and on
 * the amount leaves nothing either (the window decides); an answer needs a state. */
static void test_skip(const pc_pack *pack)
{
    pc_session_clear(&s);
    pc_session_choose(&s, pack);
    CHECK(pc_session_answer(&s, (pc_answer){PC_ANS_NONE, 0}) == PC_SESSION_STAY &&
          s.question == Q_SCOPE);
    CHECK(pc_session_answer(&s, NO) == PC_SESSION_REVIEW);
    pc_session_clear(&s);
    pc_session_choose(&s, pack);
    CHECK(pc_session_answer(&s, UNSURE) == PC_SESSION_QUESTION && s.question == Q_AMOUNT);
    CHECK(pc_session_answer(&s, UNSURE) == PC_SESSION_REVIEW);
}

/* 返回 walks back through the questions shown, keeping every answer, and shows an
 * answered number again as typed; before the first question it is the choice of policy.
 * The same policy again keeps the answers; another starts over. */
static void test_back(const pc_pack *pack, const pc_pack *other)
{
    pc_session_clear(&s);
    pc_session_choose(&s, pack);
    pc_session_answer(&s, YES);
    pc_session_answer(&s, GIVEN(48050));
    pc_session_answer(&s, GIVEN(1));
    CHECK(s.question == Q_PRIVATE_GAIN && s.n_history == 3);
    CHECK(pc_session_back(&s) == PC_SESSION_QUESTION && s.question == Q_PROCEDURE);
    CHECK(s.answers.a[Q_PROCEDURE].state == PC_ANS_GIVEN && s.answers.a[Q_PROCEDURE].value == 1);
    CHECK(pc_session_back(&s) == PC_SESSION_QUESTION && s.question == Q_AMOUNT);
    CHECK_STR(s.entry.number_text, "480.5");
    CHECK(s.progress_n == 2);
    CHECK(pc_session_back(&s) == PC_SESSION_QUESTION && s.question == Q_SCOPE);
    CHECK(pc_session_back(&s) == PC_SESSION_POLICY);
    CHECK(pc_session_choose(&s, pack) == PC_SESSION_QUESTION && s.question == Q_SCOPE);
    CHECK(pc_answer_given(&s.answers, Q_AMOUNT) && pc_answer_given(&s.answers, Q_PROCEDURE));
    CHECK(pc_session_choose(&s, other) == PC_SESSION_QUESTION && s.question == Q_SCOPE);
    CHECK(!pc_answer_given(&s.answers, Q_SCOPE) && s.n_history == 0);
}

/* From the review screen one answer changes; a question that change makes relevant is
 * asked, then the applicant is back on the review screen; 返回 there goes back to review.
 * N of 第 N 题 stays put for a question changed from the review screen. */
static void test_change_from_review(const pc_pack *pack, const pc_calendar *cal)
{
    pc_session_clear(&s);
    pc_session_step step = pc_session_choose(&s, pack);
    while (step == PC_SESSION_QUESTION)
        step = pc_session_answer(&s, test_typical(pc_session_question(&s)));
    pc_session_finish(&s, cal, pc_day_from_ymd(2026, 11, 25), false);
    CHECK(s.has_result && s.result.outcome == PC_OUT_EXEMPT);
    CHECK(pc_session_change(&s, Q_PRIVATE_GAIN) == PC_SESSION_QUESTION && s.from_review);
    CHECK(s.question == Q_PRIVATE_GAIN && s.progress_n == 4);
    CHECK(pc_session_answer(&s, YES) == PC_SESSION_QUESTION && s.question == Q_RECOVERED);
    CHECK(pc_session_back(&s) == PC_SESSION_REVIEW && !s.from_review);
    CHECK(pc_session_change(&s, Q_PRIVATE_GAIN) == PC_SESSION_QUESTION);
    CHECK(pc_session_answer(&s, NO) == PC_SESSION_REVIEW && !s.from_review);
    CHECK(pc_session_change(&s, 99) == PC_SESSION_STAY &&
          pc_session_change(&s, -1) == PC_SESSION_STAY);
    pc_session_finish(&s, cal, pc_day_from_ymd(2026, 11, 25), true); /* the clock is wrong */
    CHECK(s.has_result && !s.result.has_deadline);
}

/* The wipe leaves nothing of the applicant: every byte zero but "no question" (-1). */
static void test_clear(const pc_pack *pack)
{
    static const pc_session zero;
    pc_session_clear(&s);
    pc_session_choose(&s, pack);
    pc_session_answer(&s, YES);
    pc_session_clear(&s);
    CHECK(s.question == -1 && s.pack == NULL && pc_session_question(&s) == NULL);
    s.question = 0;
    CHECK(memcmp(&s, &zero, sizeof s) == 0);
    s.question = -1;
}

/* An entry on a question first shown: nothing entered yet. */
static const pc_question *test_entry_on(const pc_pack *pack, int question, pc_entry *e)
{
    const pc_question *q = &pack->questions[question];
    pc_entry_load(e, q, &(pc_answer){PC_ANS_NONE, 0});
    return q;
}

/* The keypad: never more digits than the range holds, 点 once, 删除; 确定 refuses an empty
 * or out-of-range number with a hint, and takes 480.5 as 48050 hundredths. */
static void test_entry_number(const pc_pack *pack)
{
    pc_entry e;
    pc_answer a = UNSURE;
    const pc_question *q = test_entry_on(pack, Q_AMOUNT, &e);
    CHECK(!pc_entry_number_ok(&e, q, &a) && e.hint == PC_HINT_NUMBER_EMPTY);
    int keys[] = {0, 4, 8, 0, PC_ENTRY_KEY_POINT, 5, PC_ENTRY_KEY_POINT};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        pc_entry_key(&e, q, keys[i]);
    CHECK_STR(e.number_text, "480.5");
    CHECK(pc_entry_number_ok(&e, q, &a) && a.state == PC_ANS_GIVEN && a.value == 48050 &&
          e.hint == PC_HINT_NONE);
    pc_entry_key(&e, q, 0);
    pc_entry_key(&e, q, 1); /* two decimals at most */
    CHECK_STR(e.number_text, "480.50");
    CHECK(e.hint == PC_HINT_NUMBER_FULL);
    for (int i = 0; i < 4; i++)
        pc_entry_key(&e, q, PC_ENTRY_KEY_DEL);
    for (int i = 0; i < 5; i++)
        pc_entry_key(&e, q, 9); /* 100000 at most: six digits */
    CHECK_STR(e.number_text, "489999");
    CHECK(e.hint == PC_HINT_NUMBER_FULL);
    CHECK(!pc_entry_number_ok(&e, q, &a) && e.hint == PC_HINT_NUMBER_RANGE);
    pc_entry_key(&e, &pack->questions[Q_SCOPE], 1); /* not a number question */
    CHECK(e.hint == PC_HINT_NUMBER_RANGE);
    char buf[32];
    pc_entry_format_number(48050, 2, buf, sizeof buf);
    CHECK_STR(buf, "480.5");
    pc_entry_format_number(12345, 2, buf, sizeof buf);
    CHECK_STR(buf, "123.45");
    pc_entry_format_number(12000, 0, buf, sizeof buf);
    CHECK_STR(buf, "120");
}

/* Ticks, 以上都不是 (clears the ticks, and is taken back when tapped again), 下一步. */
static void test_entry_multi(const pc_pack *pack)
{
    pc_entry e;
    pc_answer a = UNSURE;
    const pc_question *q = test_entry_on(pack, Q_SITUATIONS, &e);
    CHECK(!pc_entry_multi_next(&e, q, &a) && e.hint == PC_HINT_MULTI_PICK);
    pc_entry_multi_toggle(&e, q, 0);
    pc_entry_multi_toggle(&e, q, 2);
    pc_entry_multi_toggle(&e, q, 7); /* no such option */
    CHECK(e.multi_pick == 5u && e.hint == PC_HINT_NONE);
    pc_entry_multi_none(&e);
    CHECK(e.multi_pick == 0 && e.multi_none);
    CHECK(pc_entry_multi_next(&e, q, &a) && a.state == PC_ANS_GIVEN && a.value == 0);
    pc_entry_multi_none(&e);
    CHECK(!e.multi_none);
    pc_entry_load(&e, q, &GIVEN(6)); /* shown again as it was answered */
    CHECK(e.multi_pick == 6u && !e.multi_none);
    CHECK(pc_entry_option(&e, q, 1, &a) == false); /* ticks, not a tap answer */
    CHECK(pc_entry_option(&e, q, -1, &a) && a.state == PC_ANS_UNSURE);
}

/* The picker starts with no date, moves from today, never past today, and keeps the day
 * in range; 确定 without a date says to pick one; the words for no date answer at once. */
static void test_entry_date(const pc_pack *pack)
{
    pc_day today = pc_day_from_ymd(2026, 11, 25);
    pc_entry e;
    pc_answer a = UNSURE;
    const pc_question *q = test_entry_on(pack, Q_CONDUCT, &e);
    CHECK(e.date_pick == PC_NO_DAY);
    CHECK(!pc_entry_date_confirm(&e, q, &a) && e.hint == PC_HINT_DATE_PICK);
    pc_entry_date_step(&e, PC_DATE_YEAR_DOWN, today);
    CHECK(e.date_pick == pc_day_from_ymd(2025, 11, 25) && e.hint == PC_HINT_NONE);
    pc_entry_date_step(&e, PC_DATE_MONTH_UP, today);
    pc_entry_date_step(&e, PC_DATE_DAY_UP, today);
    CHECK(e.date_pick == pc_day_from_ymd(2025, 12, 26));
    pc_entry_date_step(&e, PC_DATE_YEAR_UP, today); /* would pass today */
    CHECK(e.date_pick == today && e.hint == PC_HINT_DATE_FUTURE);
    pc_entry_date_step(&e, PC_DATE_DAY_DOWN, today);
    CHECK(pc_entry_date_confirm(&e, q, &a) && a.state == PC_ANS_GIVEN && a.value == today - 1);
    pc_entry_date_today(&e, today);
    CHECK(e.date_pick == today);
    CHECK(pc_entry_state(&e, q, PC_ANS_NOT_YET, &a) && a.state == PC_ANS_NOT_YET && a.value == 0);
    CHECK(!pc_entry_state(&e, NULL, PC_ANS_UNSURE, &a));
}
