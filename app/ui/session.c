/* session.c — one applicant's way through the questions.
 *
 * Questions come one per screen in pack order, skipping those that can no longer change
 * the outcome (pc_question_relevant). 返回 walks back through the questions actually
 * shown and never loses an answer: answers stay until the session is wiped, and a
 * question already answered is shown again with its answer selected. From the review
 * screen one answer can be changed; any question that change makes relevant is asked,
 * then the applicant is back on the review screen. */
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
    if (!app->s.answers.answered[q]) return pc_question_relevant(pack, &app->s.answers, q);
    pc_answers tmp = app->s.answers;
    tmp.answered[q] = false;
    tmp.truth[q] = PC_UNKNOWN;
    tmp.date[q] = PC_NO_DAY;
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

void ui_session_answer(kiosk_app *app, pc_truth value, pc_day date)
{
    const pc_pack *pack = ui_session_pack(app);
    int q = app->s.question;
    if (!pack || q < 0) return;
    app->s.answers.answered[q] = true;
    app->s.answers.truth[q] = value;
    app->s.answers.date[q] = date;
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
    pc_day d = app->s.answers.date[q];
    app->s.date_pick = d != PC_NO_DAY && app->s.answers.answered[q] ? d : app->today;
    app->s.date_future_note = false;
    session_progress(app);
    ui_set_screen(app, SCR_QUESTION);
}

static void session_progress(kiosk_app *app)
{
    int n = (int)app->s.n_history + 1, rest = 0;
    const pc_pack *pack = ui_session_pack(app);
    for (size_t j = (size_t)app->s.question + 1; pack && j < pack->n_questions; j++)
        if (ui_session_would_ask(app, j)) rest++;
    app->s.progress_n = n;
    app->s.progress_total = n + rest;
}
