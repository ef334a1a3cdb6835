/* session.c — one applicant's way through the questions (see session.h). */
#include "session/session.h"

#include <string.h>

#include <sodium.h>

/* ---- static prototypes ---- */
static int session_next_shown(const pc_session *s, int after);
static pc_session_step session_show(pc_session *s, int q);
static void session_progress(pc_session *s);

/* ---- public functions ---- */

void pc_session_clear(pc_session *s)
{
    sodium_memzero(s, sizeof *s);
    s->question = -1;
}

const pc_question *pc_session_question(const pc_session *s)
{
    if (!s->pack || s->question < 0 || (size_t)s->question >= s->pack->n_questions)
        return NULL;
    return &s->pack->questions[s->question];
}

bool pc_session_would_ask(const pc_session *s, size_t q)
{
    if (!s->pack || q >= s->pack->n_questions)
        return false;
    if (!pc_answer_given(&s->answers, q))
        return pc_question_relevant(s->pack, &s->answers, q);
    pc_answers tmp = s->answers;
    tmp.a[q] = (pc_answer){PC_ANS_NONE, 0};
    bool relevant = pc_question_relevant(s->pack, &tmp, q);
    sodium_memzero(&tmp, sizeof tmp); /* no copy of the answers left behind */
    return relevant;
}

pc_session_step pc_session_choose(pc_session *s, const pc_pack *pack)
{
    if (!pack)
        return PC_SESSION_STAY;
    if (s->pack != pack) {
        pc_answers_init(&s->answers);
        s->n_history = 0;
        s->has_result = false;
    }
    s->pack = pack;
    s->from_review = false;
    int first = session_next_shown(s, -1);
    if (first < 0)
        return PC_SESSION_RESULT;
    s->n_history = 0;
    return session_show(s, first);
}

pc_session_step pc_session_answer(pc_session *s, pc_answer answer)
{
    int q = s->question;
    if (!s->pack || q < 0 || answer.state == PC_ANS_NONE)
        return PC_SESSION_STAY;
    s->answers.a[q] = answer;
    if (s->from_review) {
        int more = pc_next_question(s->pack, &s->answers, 0);
        if (more >= 0)
            return session_show(s, more);
        s->from_review = false;
        return PC_SESSION_REVIEW;
    }
    int next = session_next_shown(s, q);
    if (next < 0)
        return PC_SESSION_REVIEW;
    if (s->n_history < PC_MAX_QUESTIONS)
        s->history[s->n_history++] = q;
    return session_show(s, next);
}

pc_session_step pc_session_back(pc_session *s)
{
    if (s->from_review) {
        s->from_review = false;
        return PC_SESSION_REVIEW;
    }
    if (s->n_history > 0)
        return session_show(s, s->history[--s->n_history]);
    return PC_SESSION_POLICY;
}

pc_session_step pc_session_change(pc_session *s, int question)
{
    if (!s->pack || question < 0 || (size_t)question >= s->pack->n_questions)
        return PC_SESSION_STAY;
    s->from_review = true;
    return session_show(s, question);
}

void pc_session_finish(pc_session *s, const pc_calendar *cal, pc_day today, bool clock_bad)
{
    if (!s->pack)
        return;
    pc_facts facts;
    pc_facts_from_answers(&facts, s->pack, &s->answers);
    pc_evaluate(s->pack, cal, &facts, today, &s->result);
    sodium_memzero(&facts, sizeof facts);
    if (clock_bad)
        s->result.has_deadline = false; /* no deadline from a wrong date */
    s->has_result = true;
}

/* ---- static functions ---- */

/* The next question after `after` that the applicant would be shown: an unanswered
 * relevant one, or an answered one that is still on the applicant's path. */
static int session_next_shown(const pc_session *s, int after)
{
    for (size_t j = (size_t)(after + 1); s->pack && j < s->pack->n_questions; j++)
        if (pc_session_would_ask(s, j))
            return (int)j;
    return -1;
}

static pc_session_step session_show(pc_session *s, int q)
{
    s->question = q;
    pc_entry_load(&s->entry, &s->pack->questions[q], &s->answers.a[q]);
    session_progress(s);
    return PC_SESSION_QUESTION;
}

/* 第 N 题 / 约 M 题: N counts the questions answered before this one (so that it stays put
 * when the applicant comes back from the review screen), M adds those still to come. */
static void session_progress(pc_session *s)
{
    int n = 1, rest = 0;
    for (size_t j = 0; j < (size_t)s->question; j++)
        n += pc_answer_given(&s->answers, j);
    for (size_t j = (size_t)s->question + 1; j < s->pack->n_questions; j++)
        if (pc_session_would_ask(s, j))
            rest++;
    s->progress_n = n;
    s->progress_total = n + rest;
}
