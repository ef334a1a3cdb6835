/* session.c — one applicant's way through the questions.
 *
 * Questions come one per screen in pack order, skipping those that can no longer change
 * the outcome (pc_question_relevant). 返回 walks back through the questions actually
 * shown and never loses an answer: answers stay until the session is wiped, and a
 * question already answered is shown again with its answer selected. From the review
 * screen one answer can be changed; any question that change makes relevant is asked,
 * then the applicant is back on the review screen. The answer being entered on a
 * screen (ticks, digits, a date) is entry.c's until it is confirmed. */
#include "ui.h"

#include <string.h>

#include <sodium.h>

/* ---- static prototypes ---- */
static int session_next_shown(const kiosk_app *app, int after);
static void session_show(kiosk_app *app, int q);
static void session_progress(kiosk_app *app);

/* ---- public functions ---- */

const pc_pack *ui_session_pack(const kiosk_app *app)
{
    return app->s.pack >= 0 && (size_t)app->s.pack < app->n_offered ? app->offered[app->s.pack] : NULL;
}

bool ui_session_would_ask(const kiosk_app *app, size_t q)
{
    const pc_pack *pack = ui_session_pack(app);
    if (!pack || q >= pack->n_questions) return false;
    if (!pc_answer_given(&app->s.answers, q)) return pc_question_relevant(pack, &app->s.answers, q);
    pc_answers tmp = app->s.answers;
    tmp.a[q] = (pc_answer){PC_ANS_NONE, 0};
    bool relevant = pc_question_relevant(pack, &tmp, q);
    sodium_memzero(&tmp, sizeof tmp);               /* no copy of the answers left behind */
    return relevant;
}

void ui_session_choose(kiosk_app *app, int offered)
{
    if (offered < 0 || (size_t)offered >= app->n_offered) return;
    if (app->s.pack != offered) {
        pc_answers_init(&app->s.answers);
        app->s.n_history = 0;
        app->s.has_result = false;
    }
    app->s.pack = offered;
    app->s.from_review = false;
    int first = session_next_shown(app, -1);
    if (first < 0) { ui_session_finish(app); return; }
    app->s.n_history = 0;
    session_show(app, first);
}

void ui_session_answer(kiosk_app *app, pc_answer answer)
{
    const pc_pack *pack = ui_session_pack(app);
    int q = app->s.question;
    if (!pack || q < 0 || answer.state == PC_ANS_NONE) return;
    app->s.answers.a[q] = answer;
    if (app->s.from_review) {
        int more = pc_next_question(pack, &app->s.answers, 0);
        if (more >= 0) { session_show(app, more); return; }
        app->s.from_review = false;
        ui_set_screen(app, SCR_REVIEW);
        return;
    }
    int next = session_next_shown(app, q);
    if (next < 0) { ui_set_screen(app, SCR_REVIEW); return; }
    if (app->s.n_history < PC_MAX_CLAUSES) app->s.history[app->s.n_history++] = q;
    session_show(app, next);
}

void ui_session_back(kiosk_app *app)
{
    if (app->s.from_review) {
        app->s.from_review = false;
        ui_set_screen(app, SCR_REVIEW);
    } else if (app->s.n_history > 0) {
        session_show(app, app->s.history[--app->s.n_history]);
    } else {
        ui_set_screen(app, SCR_POLICY);
    }
}

void ui_session_change(kiosk_app *app, int question)
{
    const pc_pack *pack = ui_session_pack(app);
    if (!pack || question < 0 || (size_t)question >= pack->n_questions) return;
    app->s.from_review = true;
    session_show(app, question);
}

void ui_session_finish(kiosk_app *app)
{
    const pc_pack *pack = ui_session_pack(app);
    if (!pack) return;
    pc_facts facts;
    pc_facts_from_answers(&facts, pack, &app->s.answers);
    pc_evaluate(pack, app->cal, &facts, app->today, &app->s.result);
    sodium_memzero(&facts, sizeof facts);
    if (app->clock_bad) app->s.result.has_deadline = false;     /* no deadline from a wrong date */
    app->s.has_result = true;
    ui_log("kiosk: result %s for %s %s", pc_outcome_name(app->s.result.outcome), pack->id, pack->version);
    ui_receipt_issue(app);
    ui_set_screen(app, SCR_RESULT);
}

/* ---- static functions ---- */

/* The next question after `after` that the applicant would be shown: an unanswered
 * relevant one, or an answered one that is still on the applicant's path. */
static int session_next_shown(const kiosk_app *app, int after)
{
    const pc_pack *pack = ui_session_pack(app);
    for (size_t j = (size_t)(after + 1); pack && j < pack->n_questions; j++)
        if (ui_session_would_ask(app, j)) return (int)j;
    return -1;
}

static void session_show(kiosk_app *app, int q)
{
    app->s.question = q;
    ui_entry_load(app, &ui_session_pack(app)->questions[q], &app->s.answers.a[q]);
    session_progress(app);
    ui_set_screen(app, SCR_QUESTION);
}

/* 第 N 题 / 约 M 题: N counts the questions answered before this one (so that it stays put
 * when the applicant comes back from the review screen), M adds those still to come. */
static void session_progress(kiosk_app *app)
{
    int n = 1, rest = 0;
    const pc_pack *pack = ui_session_pack(app);
    for (size_t j = 0; pack && j < (size_t)app->s.question; j++)
        n += pc_answer_given(&app->s.answers, j);
    for (size_t j = (size_t)app->s.question + 1; pack && j < pack->n_questions; j++)
        if (ui_session_would_ask(app, j)) rest++;
    app->s.progress_n = n;
    app->s.progress_total = n + rest;
}
