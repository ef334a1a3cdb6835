/* session.h — one applicant's way through the questions: the policy chosen, the answers,
 * the question shown and how it was reached, the answer being entered, and the result.
 *
 * Questions come one per screen in pack order, skipping those that can no longer change
 * the outcome (app/core's skip logic, pc_question_relevant). 返回 walks back through the
 * questions actually shown and never loses an answer: answers stay until the session is
 * cleared, and a question already answered is shown again with its answer selected. From
 * the review screen one answer can be changed; any question that change makes relevant
 * is asked, then the applicant is back on the review screen.
 *
 * The functions that move the applicant return where to go next (pc_session_step); they
 * never draw or switch screens themselves: the kiosk's flow (flow/flow.c) does. No SDL:
 * the session is tested on its own (tests/ui/test_session.c). */
#ifndef PC_SESSION_H
#define PC_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "eval.h"
#include "pack.h"

#include "session/entry.h"

/* Where the applicant goes after a move. */
typedef enum {
    PC_SESSION_STAY,     /* nowhere: the same screen shows what changed */
    PC_SESSION_QUESTION, /* the question s->question */
    PC_SESSION_REVIEW,   /* every question asked: the review screen */
    PC_SESSION_POLICY,   /* back before the first question: the choice of policy */
    PC_SESSION_RESULT    /* nothing to ask: the result (pc_session_finish) */
} pc_session_step;

/* Everything here is the applicant's, and wiped by pc_session_clear. */
typedef struct pc_session {
    const pc_pack *pack;           /* the policy chosen, NULL none */
    pc_answers answers;            /* by question index */
    int question;                  /* the question shown, -1 none */
    int history[PC_MAX_QUESTIONS]; /* the questions shown before it, for 返回 */
    size_t n_history;
    bool from_review;   /* changing one answer from the review screen */
    pc_entry entry;     /* the answer being entered on the question shown */
    int progress_n;     /* 第 N 题: the questions answered before this one, + 1 */
    int progress_total; /* 约 M 题: N and those still to come */
    pc_result result;   /* the pre-check, once pc_session_finish ran */
    bool has_result;
} pc_session;

/* Forgets everything (the memory is zeroed): no policy, no question. */
void pc_session_clear(pc_session *s);
/* The question shown, or NULL. */
const pc_question *pc_session_question(const pc_session *s);
/* Would question q be shown (asked, or shown again with its answer) on the way from the
 * first question, given the other answers? */
bool pc_session_would_ask(const pc_session *s, size_t q);
/* The applicant picks a policy: its first question, or (none to ask) the result. Choosing
 * another policy than before starts over. */
pc_session_step pc_session_choose(pc_session *s, const pc_pack *pack);
/* The question shown is answered: the next on the path, or the review screen. */
pc_session_step pc_session_answer(pc_session *s, pc_answer answer);
/* 返回 on a question: the one shown before it, the review screen (when changing from
 * there), or the choice of policy. */
pc_session_step pc_session_back(pc_session *s);
/* 修改 on the review screen: question q, then back to the review screen. */
pc_session_step pc_session_change(pc_session *s, int question);
/* Evaluates the answers on `today` (no deadline when the kiosk's clock is wrong). */
void pc_session_finish(pc_session *s, const pc_calendar *cal, pc_day today, bool clock_bad);

#endif
