/* scr_result.c — the pre-check's result: the outcome in large words with its colour
 * AND icon, wording that never promises (the department decides), the likely relief (the
 * policy's tier, with what must come with it), a plain notice when the text is only a
 * draft, the cases where relief does not apply (exclusions) apart from the rest of why
 * (each deciding clause in plain words with its citation), what to bring, by when (or why
 * no day can be given yet), what happens next with the steps the applicant takes part
 * in marked, and the receipt (QR and number) once stored. */
#include "ui.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>


typedef struct result_look { const char *key; ui_rgb color; ui_icon icon; } result_look;

/* ---- static prototypes ---- */
static result_look result_look_of(const pc_pack *pack, pc_outcome o);
static int result_banner(kiosk_app *app, const pc_pack *pack, int x, int y, int w);
static int result_relief(kiosk_app *app, const pc_pack *pack, int x, int y, int w);
static int result_exclusions(kiosk_app *app, const pc_pack *pack, int x, int y, int w);
static bool result_is_exclusion(const pc_result *r, int clause);
static int result_why(kiosk_app *app, const pc_pack *pack, int x, int y, int w);
static int result_your_answers(kiosk_app *app, const pc_pack *pack, int x, int y, int w);
static int result_deadline_day(kiosk_app *app, const pc_pack *pack, int x, int y, int w);
static int result_deadline_words(kiosk_app *app, const pc_pack *pack, int x, int y, int w);
static int result_applicant_badge(kiosk_app *app, int x, int y, int w);
static int result_materials(kiosk_app *app, const pc_pack *pack, int x, int y, int w);
static int result_deadline(kiosk_app *app, const pc_pack *pack, int x, int y, int w);
static int result_steps(kiosk_app *app, const pc_pack *pack, int x, int y, int w);
static int result_receipt(kiosk_app *app, int x, int y, int w);
static void result_step_time(const kiosk_app *app, const pc_step *s, char *buf, size_t size);

/* ---- public functions ---- */

void ui_screen_result(kiosk_app *app)
{
    const pc_pack *pack = ui_session_pack(app);
    if (!pack || !app->s.has_result) return;
    pc_outcome o = app->s.result.outcome;
    int top = ui_top_bar(app, pack->short_title), x, w, gap = ui_px(app, 56);
    int bar = app->h - ui_bottom_bar_height(app);
    if (app->landscape) ui_column_wide(app, &x, &w);
    else ui_column(app, &x, &w);
    int cg = ui_px(app, 64), lw = app->landscape ? (w - cg) / 2 : w;   /* landscape: two columns */
    int rx = app->landscape ? x + lw + cg : x;
    ui_scroll_begin(app, top, bar);
    int y0 = top + ui_px(app, 40) - app->scroll;
    int y = result_banner(app, pack, x, y0, lw) + ui_px(app, 32);
    int ry = app->landscape ? y0 : y;
    ry = result_receipt(app, rx, ry, lw) + gap;
    if (app->landscape) {
        y += gap - ui_px(app, 32);
        if (app->s.result.n_exclusions) y = result_exclusions(app, pack, x, y, lw) + gap;
        y = result_why(app, pack, x, y, lw) + gap;
    } else {
        if (app->s.result.n_exclusions) ry = result_exclusions(app, pack, rx, ry, lw) + gap;
        ry = result_why(app, pack, rx, ry, lw) + gap;
    }
    if (o == PC_OUT_EXEMPT || o == PC_OUT_MITIGATE || o == PC_OUT_REFER) {
        ry = result_materials(app, pack, rx, ry, lw) + gap;
        ry = result_deadline(app, pack, rx, ry, lw) + gap;
        ry = result_steps(app, pack, rx, ry, lw) + gap;
    }
    if (ry > y) y = ry;
    ui_scroll_end(app, y + app->scroll);
    ui_scrollbar(app);
    int bt = ui_bottom_bar(app), bh = ui_bottom_bar_height(app) - ui_px(app, 56), g = ui_px(app, 24);
    int cw = ui_px(app, app->large ? 380 : 340);
    ui_button(app, "result:change", (SDL_Rect){x, bt + ui_px(app, 28), cw, bh}, ui_str(app, "result.change"),
              UI_BTN_SECONDARY, ACT_RESULT_CHANGE, 0);
    ui_button(app, "result:done", (SDL_Rect){x + cw + g, bt + ui_px(app, 28), w - cw - g, bh},
              ui_str(app, "result.done"), UI_BTN_PRIMARY, ACT_RESULT_DONE, 0);
}

/* ---- static functions ---- */

static result_look result_look_of(const pc_pack *pack, pc_outcome o)
{
    switch (o) {
    case PC_OUT_EXEMPT: return (result_look){"result.exempt", UI_C_EXEMPT, UI_ICON_CHECK};
    case PC_OUT_MITIGATE: return (result_look){"result.mitigate", UI_C_MITIGATE, UI_ICON_MINUS};
    case PC_OUT_INELIGIBLE: return (result_look){"result.ineligible", UI_C_INELIGIBLE, UI_ICON_CROSS};
    case PC_OUT_REFER: return (result_look){"result.refer", UI_C_REFER, UI_ICON_QUESTION};
    case PC_OUT_NOT_APPLICABLE: return (result_look){"result.not_applicable", UI_C_NEUTRAL, UI_ICON_CROSS};
    default:
        return (result_look){pack->valid_on == PC_VALID_ON_CONDUCT ? "result.not_in_force_conduct" : "result.not_in_force",
                             UI_C_NEUTRAL, UI_ICON_PAUSE};
    }
}

/* Coloured panel: icon, outcome words, "advice, not a decision", relief, draft note. */
static int result_banner(kiosk_app *app, const pc_pack *pack, int x, int y, int w)
{
    result_look look = result_look_of(pack, app->s.result.outcome);
    int pad = ui_px(app, 44), r = ui_px(app, 56), iw = w - 2 * pad - 2 * r - ui_px(app, 32), th, tw;
    ui_text_style ts = ui_st(app, UI_T_H1, true, UI_C_ON_DARK), as = ui_st(app, UI_T_BODY, false, UI_C_ON_DARK);
    const char *title = ui_str(app, look.key), *advice = ui_str(app, "result.advice");
    int ah;
    ui_text_size(app, title, ts, iw, &tw, &th);
    ui_text_size(app, advice, as, w - 2 * pad, &tw, &ah);
    int head = th > 2 * r ? th : 2 * r, h = pad + head + ui_px(app, 24) + ah + pad;
    ui_round(app, (SDL_Rect){x, y, w, h}, ui_px(app, UI_RADIUS), look.color);
    ui_icon_draw(app, look.icon, x + pad + r, y + pad + head / 2, r, look.color, UI_C_ON_DARK);
    ui_text_draw(app, title, ts, x + pad + 2 * r + ui_px(app, 32), y + pad + (head - th) / 2, iw);
    ui_text_draw(app, advice, as, x + pad, y + pad + head + ui_px(app, 24), w - 2 * pad);
    y = result_relief(app, pack, x, y + h + ui_px(app, 24), w);
    if (pack->status == PC_STATUS_DRAFT)
        y += ui_note(app, ui_str(app, "result.draft"), x, y, w, UI_C_NOTE_BG, UI_C_DRAFT) + ui_px(app, 24);
    return y - ui_px(app, 24);
}

/* The likely relief: the tier that applies (or the policy's words for the outcome), and
 * what must come with it (限期整改, within a period). */
static int result_relief(kiosk_app *app, const pc_pack *pack, int x, int y, int w)
{
    const pc_result *r = &app->s.result;
    const pc_tier *tier = r->tier >= 0 && (size_t)r->tier < pack->logic.n_tiers ? &pack->logic.tiers[r->tier] : NULL;
    if (r->outcome != PC_OUT_EXEMPT && r->outcome != PC_OUT_MITIGATE) return y;
    const char *relief = tier ? tier->name : r->outcome == PC_OUT_EXEMPT ? pack->relief : pack->mitigation_relief;
    char buf[1024], period[64];
    if (relief && relief[0]) {
        ui_fmt1(app, "result.relief", "relief", relief, buf, sizeof buf);
        y += ui_text_draw(app, buf, ui_st(app, UI_T_BODY, true, UI_C_TEXT), x, y, w) + ui_px(app, 24);
    }
    if (!tier || !tier->obligation || !tier->obligation[0]) return y;
    ui_format_period(app, tier->obligation_within, period, sizeof period);
    const char *names[] = {"obligation", "period"}, *values[] = {tier->obligation, period};
    pc_strings_format(buf, sizeof buf, ui_str(app, tier->obligation_within.count ? "result.obligation_within"
                                                                                   : "result.obligation"),
                      names, values, 2);
    return y + ui_note(app, buf, x, y, w, UI_C_SOFT, UI_C_MITIGATE) + ui_px(app, 24);
}

/* 不适用容错的情形: each exclusion that holds, with its clause. */
static int result_exclusions(kiosk_app *app, const pc_pack *pack, int x, int y, int w)
{
    y = ui_heading(app, ui_str(app, "result.exclusions"), x, y, w);
    y += ui_text_draw(app, ui_str(app, "result.exclusions_lead"), ui_st(app, UI_T_BODY, false, UI_C_MUTED), x, y, w);
    y += ui_px(app, 20);
    int r = ui_text_px(app, 20), ind = 2 * r + ui_px(app, 20), line = ui_font_height(app, ui_text_px(app, UI_T_BODY), true);
    for (size_t i = 0; i < app->s.result.n_exclusions; i++) {
        const pc_clause *c = &pack->clauses[app->s.result.exclusions[i]];
        ui_icon_draw(app, UI_ICON_CROSS, x + r, y + line / 2, r, UI_C_ON_DARK, UI_C_INELIGIBLE);
        y += ui_text_draw(app, ui_str(app, "result.excluded"), ui_st(app, UI_T_BODY, true, UI_C_INELIGIBLE), x + ind, y,
                          w - ind) + ui_px(app, 4);
        y += ui_text_draw(app, c->plain, ui_st(app, UI_T_BODY, false, UI_C_TEXT), x + ind, y, w - ind) + ui_px(app, 6);
        y += ui_text_draw(app, c->label, ui_st(app, UI_T_SMALL, true, UI_C_LINK), x + ind, y, w - ind) + ui_px(app, 28);
    }
    return y - ui_px(app, 28);
}

static bool result_is_exclusion(const pc_result *r, int clause)
{
    for (size_t i = 0; i < r->n_exclusions; i++)
        if (r->exclusions[i] == clause) return true;
    return false;
}

/* Why: the deciding clauses, each met, not met or open (exclusions are shown apart). */
static int result_why(kiosk_app *app, const pc_pack *pack, int x, int y, int w)
{
    const pc_result *res = &app->s.result;
    size_t shown = 0;
    for (size_t i = 0; i < res->n_basis; i++) shown += !result_is_exclusion(res, res->basis[i]);
    if (res->n_exclusions && !shown) return y - ui_px(app, 56);
    y = ui_heading(app, ui_str(app, "result.why"), x, y, w);
    char key[64], lead[512], from[64] = "", until[64] = "";
    snprintf(key, sizeof key, "result.why_%s", pc_outcome_name(res->outcome));
    if (res->outcome == PC_OUT_NOT_IN_FORCE && pack->valid_on == PC_VALID_ON_CONDUCT) {
        bool dated = pack->in_force_from != PC_NO_DAY && pack->in_force_until != PC_NO_DAY;
        snprintf(key, sizeof key, dated ? "result.why_not_in_force_dates" : "result.why_not_in_force_conduct");
        if (dated) ui_format_date(app, pack->in_force_from, from, sizeof from);
        if (dated) ui_format_date(app, pack->in_force_until, until, sizeof until);
    }
    const char *names[] = {"from", "until"}, *values[] = {from, until};
    pc_strings_format(lead, sizeof lead, ui_str(app, key), names, values, 2);
    y += ui_text_draw(app, lead, ui_st(app, UI_T_BODY, false, UI_C_MUTED), x, y, w) + ui_px(app, 20);
    y = result_your_answers(app, pack, x, y, w);
    pc_facts facts;
    pc_facts_from_answers(&facts, pack, &app->s.answers);
    pc_facts_resolve_tests(pack, &facts);           /* 项目资金不超过500万元: from the number */
    int r = ui_text_px(app, 20), ind = 2 * r + ui_px(app, 20);
    for (size_t i = 0; i < res->n_basis; i++) {
        int ci = res->basis[i];
        if (result_is_exclusion(res, ci)) continue;
        const pc_clause *c = &pack->clauses[ci];
        pc_truth t = facts.truth[ci];
        /* each deciding clause says whether it is met: sign, colour and a word */
        ui_icon icon = t == PC_TRUE ? UI_ICON_CHECK : t == PC_FALSE ? UI_ICON_CROSS : UI_ICON_QUESTION;
        ui_rgb col = t == PC_TRUE ? UI_C_EXEMPT : t == PC_FALSE ? UI_C_INELIGIBLE : UI_C_REFER;
        const char *word = ui_str(app, t == PC_TRUE ? "result.met" : t == PC_FALSE ? "result.not_met" : "result.open");
        int line = ui_font_height(app, ui_text_px(app, UI_T_BODY), true);
        ui_icon_draw(app, icon, x + r, y + line / 2, r, UI_C_ON_DARK, col);
        y += ui_text_draw(app, word, ui_st(app, UI_T_BODY, true, col), x + ind, y, w - ind) + ui_px(app, 4);
        y += ui_text_draw(app, c->plain, ui_st(app, UI_T_BODY, false, UI_C_TEXT), x + ind, y, w - ind);
        y += ui_px(app, 6);
        y += ui_text_draw(app, c->label, ui_st(app, UI_T_SMALL, true, UI_C_LINK), x + ind, y, w - ind);
        y += ui_px(app, 28);
    }
    sodium_memzero(&facts, sizeof facts);
    return y;
}

/* A refusal names the answers that decided it, in the words of the questions asked
 * (not the label of a clause the applicant never saw). */
static int result_your_answers(kiosk_app *app, const pc_pack *pack, int x, int y, int w)
{
    const pc_result *res = &app->s.result;
    if (res->outcome != PC_OUT_INELIGIBLE && res->outcome != PC_OUT_NOT_APPLICABLE &&
        res->outcome != PC_OUT_MITIGATE)
        return y;
    int deciding[8];
    size_t n = pc_result_deciding_questions(pack, &app->s.answers, res, deciding, 8);
    int pad = ui_px(app, 28), iw = w - 2 * pad;
    for (size_t i = 0; i < n; i++) {
        char answer[256], line[1024];
        const pc_question *q = &pack->questions[deciding[i]];
        const char *names[] = {"ask", "answer"};
        const char *values[] = {q->ask, ui_answer_label(app, pack, &app->s.answers, (size_t)deciding[i],
                                                         answer, sizeof answer)};
        pc_strings_format(line, sizeof line, ui_str(app, "result.your_answer"), names, values, 2);
        ui_text_style st = ui_st(app, UI_T_BODY, false, UI_C_TEXT);
        int tw, th;
        ui_text_size(app, line, st, iw, &tw, &th);
        ui_round(app, (SDL_Rect){x, y, w, th + 2 * pad}, ui_px(app, 16), UI_C_SOFT);
        ui_text_draw(app, line, st, x + pad, y + pad, iw);
        y += th + 2 * pad + ui_px(app, 16);
    }
    return n ? y + ui_px(app, 12) : y;
}

static int result_materials(kiosk_app *app, const pc_pack *pack, int x, int y, int w)
{
    y = ui_heading(app, ui_str(app, "result.materials"), x, y, w);
    if (app->s.result.n_materials == 0)
        return y + ui_text_draw(app, ui_str(app, "result.materials_none"), ui_st(app, UI_T_BODY, false, UI_C_TEXT), x, y, w);
    int box = ui_text_px(app, 34), ind = box + ui_px(app, 28);
    for (size_t i = 0; i < app->s.result.n_materials; i++) {
        const pc_material *m = &pack->materials[app->s.result.materials[i]];
        int line = ui_font_height(app, ui_text_px(app, UI_T_BODY), false);
        ui_round_frame(app, (SDL_Rect){x, y + (line - box) / 2, box, box}, ui_px(app, 6), ui_px(app, 3),
                       UI_C_CARD, UI_C_TEXT);
        y += ui_text_draw(app, m->name, ui_st(app, UI_T_BODY, false, UI_C_TEXT), x + ind, y, w - ind);
        y += ui_px(app, 18);
    }
    return y;
}

/* By when: the day and what is left (running, passed), or why no day can be given yet
 * (not started, date not remembered), or that the policy sets none; capped when the
 * policy ends first. */
static int result_deadline(kiosk_app *app, const pc_pack *pack, int x, int y, int w)
{
    y = ui_heading(app, ui_str(app, "result.deadline"), x, y, w);
    const pc_result *r = &app->s.result;
    ui_text_style big = ui_st(app, UI_T_H2, true, UI_C_TEXT), body = ui_st(app, UI_T_BODY, false, UI_C_TEXT);
    if (!pack->deadline || r->deadline_state == PC_DL_NONE)
        return y + ui_text_draw(app, ui_str(app, "result.deadline_none"), body, x, y, w);
    bool dated = r->deadline_state == PC_DL_RUNNING || r->deadline_state == PC_DL_PASSED;
    if (app->clock_bad && dated) return y + ui_text_draw(app, ui_str(app, "result.deadline_clock"), big, x, y, w);
    y = dated && r->has_deadline ? result_deadline_day(app, pack, x, y, w) : result_deadline_words(app, pack, x, y, w);
    if (pack->deadline->note && pack->deadline->note[0])
        y += ui_px(app, 12) + ui_text_draw(app, pack->deadline->note, ui_st(app, UI_T_BODY, false, UI_C_MUTED), x,
                                            y + ui_px(app, 12), w);
    const pc_clause *c = &pack->clauses[pack->deadline->cite];
    y += ui_px(app, 8) + ui_text_draw(app, c->label, ui_st(app, UI_T_SMALL, true, UI_C_LINK), x, y + ui_px(app, 8), w);
    return y;
}

/* 还剩 N 个工作日 / 今天是最后一天 / 已过期; the day; what to do; estimated; capped. */
static int result_deadline_day(kiosk_app *app, const pc_pack *pack, int x, int y, int w)
{
    const pc_result *r = &app->s.result;
    char buf[1024], date[64], n[16];
    ui_format_day(app, r->deadline_day, date, sizeof date);
    snprintf(n, sizeof n, "%d", r->deadline_days_left);
    const char *names[] = {"n", "date"}, *values[] = {n, date};
    const char *key = r->deadline_passed ? "result.deadline_passed"
                    : r->deadline_days_left == 0 ? "result.deadline_last" : "result.deadline_left";
    pc_strings_format(buf, sizeof buf, ui_str(app, key), names, values, 2);
    y += ui_text_draw(app, buf, ui_st(app, UI_T_H2, true, r->deadline_passed ? UI_C_INELIGIBLE : UI_C_TEXT), x, y, w);
    pc_strings_format(buf, sizeof buf, ui_str(app, "result.deadline_date"), names, values, 2);
    y += ui_px(app, 8) + ui_text_draw(app, buf, ui_st(app, UI_T_BODY, true, UI_C_TEXT), x, y + ui_px(app, 8), w);
    ui_fmt1(app, "result.deadline_what", "what", pack->deadline->what, buf, sizeof buf);
    y += ui_px(app, 8) + ui_text_draw(app, buf, ui_st(app, UI_T_BODY, false, UI_C_TEXT), x, y + ui_px(app, 8), w);
    if (r->deadline_estimated)
        y += ui_px(app, 12) + ui_text_draw(app, ui_str(app, "result.deadline_estimated"),
                                            ui_st(app, UI_T_BODY, true, UI_C_DRAFT), x, y + ui_px(app, 12), w);
    if (r->deadline_capped && pack->in_force_until != PC_NO_DAY) {
        ui_format_date(app, pack->in_force_until, date, sizeof date);
        ui_fmt1(app, "result.deadline_capped", "until", date, buf, sizeof buf);
        y += ui_px(app, 12) + ui_note(app, buf, x, y + ui_px(app, 12), w, UI_C_NOTE_BG, UI_C_NOTE_LINE);
    }
    return y;
}

/* No day yet: the period and its event in words, and (date not remembered) that the
 * time may already be running. */
static int result_deadline_words(kiosk_app *app, const pc_pack *pack, int x, int y, int w)
{
    const pc_deadline *d = pack->deadline;
    char buf[1024], period[64];
    ui_format_period(app, d->period, period, sizeof period);
    const char *names[] = {"event", "period", "what"}, *values[] = {d->event, period, d->what};
    bool unknown = app->s.result.deadline_state != PC_DL_NOT_STARTED;
    pc_strings_format(buf, sizeof buf, ui_str(app, unknown ? "result.deadline_unknown" : "result.deadline_not_started"),
                      names, values, 3);
    if (unknown) return y + ui_note(app, buf, x, y, w, UI_C_NOTE_BG, UI_C_REFER);
    return y + ui_text_draw(app, buf, ui_st(app, UI_T_BODY, false, UI_C_TEXT), x, y, w);
}

static int result_steps(kiosk_app *app, const pc_pack *pack, int x, int y, int w)
{
    y = ui_heading(app, ui_str(app, "result.steps"), x, y, w);
    int r = ui_text_px(app, 26), ind = 2 * r + ui_px(app, 28);
    for (size_t i = 0; i < pack->n_steps; i++) {
        const pc_step *s = &pack->steps[i];
        char num[24], when[256];
        snprintf(num, sizeof num, "%zu", i + 1);
        ui_disc(app, x + r, y + r, r, UI_C_PRIMARY);
        ui_text_style ns = ui_st(app, UI_T_SMALL, true, UI_C_ON_DARK);
        int tw, th;
        ui_text_size(app, num, ns, 0, &tw, &th);
        ui_text_draw(app, num, ns, x + r - tw / 2, y + r - th / 2, 0);
        y += ui_text_draw(app, s->what, ui_st(app, UI_T_BODY, true, UI_C_TEXT), x + ind, y, w - ind);
        if (s->applicant) y = result_applicant_badge(app, x + ind, y + ui_px(app, 10), w - ind);
        result_step_time(app, s, when, sizeof when);
        y += ui_px(app, 6) + ui_text_draw(app, when, ui_st(app, UI_T_BODY, false, UI_C_MUTED), x + ind, y + ui_px(app, 6), w - ind);
        if (s->note && s->note[0])
            y += ui_px(app, 6) + ui_text_draw(app, s->note, ui_st(app, UI_T_SMALL, false, UI_C_MUTED), x + ind,
                                               y + ui_px(app, 6), w - ind);
        y += ui_px(app, 28);
    }
    return y;
}

/* 需要您参与: a step the applicant takes part in (申辩, 异议); words, not colour alone. */
static int result_applicant_badge(kiosk_app *app, int x, int y, int w)
{
    const char *text = ui_str(app, "result.step_applicant");
    ui_text_style st = ui_st(app, UI_T_SMALL, true, UI_C_ON_DARK);
    int tw, th, pad = ui_px(app, 18);
    ui_text_size(app, text, st, w - 2 * pad, &tw, &th);
    int h = th + ui_px(app, 12);
    ui_round(app, (SDL_Rect){x, y, tw + 2 * pad, h}, h / 2, UI_C_MITIGATE);
    ui_text_draw(app, text, st, x + pad, y + ui_px(app, 6), w - 2 * pad);
    return y + h;
}

/* The reserved receipt area: QR and number once the submission is stored, or why not. */
static int result_receipt(kiosk_app *app, int x, int y, int w)
{
    if (app->s.receipt_state != 1) {
        if (app->s.receipt_state == 0) return y - ui_px(app, 32);
        return y + ui_note(app, ui_str(app, "result.receipt_fail"), x, y, w, UI_C_NOTE_BG, UI_C_INELIGIBLE);
    }
    int pad = ui_px(app, 32), qs = ui_px(app, app->landscape ? 260 : 300), iw = w - 3 * pad - qs;
    int bh = ui_px(app, app->large ? 100 : 88), g = ui_px(app, 10), tw, h1, h2, h3;
    ui_text_style ls = ui_st(app, UI_T_SMALL, true, UI_C_MUTED), ns = ui_st(app, UI_T_H2, true, UI_C_TEXT),
                  hs = ui_st(app, UI_T_SMALL, false, UI_C_MUTED);
    const char *hint = ui_str(app, "result.receipt_hint");
    ui_text_size(app, ui_str(app, "result.receipt"), ls, iw, &tw, &h1);
    ui_text_size(app, app->s.receipt_id, ns, iw, &tw, &h2);
    ui_text_size(app, hint, hs, iw, &tw, &h3);
    int stack = h1 + g + h2 + g + h3 + 2 * g + bh, h = (stack > qs ? stack : qs) + 2 * pad;
    app->shot_mask = (SDL_Rect){x, y, w, h};
    ui_round_frame(app, (SDL_Rect){x, y, w, h}, ui_px(app, UI_RADIUS), ui_px(app, 2), UI_C_CARD, UI_C_BORDER);
    int qw = 0;
    if (app->qr && SDL_QueryTexture(app->qr, NULL, NULL, &qw, NULL) == 0 && qw > 0) {
        int side = qs / qw * qw, off = (qs - side) / 2;     /* whole pixels a module */
        SDL_RenderCopy(app->renderer, app->qr, NULL, &(SDL_Rect){x + pad + off, y + (h - qs) / 2 + off, side, side});
    }
    int tx = x + 2 * pad + qs, ty = y + pad;
    ty += ui_text_draw(app, ui_str(app, "result.receipt"), ls, tx, ty, iw) + g;
    ty += ui_text_draw(app, app->s.receipt_id, ns, tx, ty, iw) + g;
    ty += ui_text_draw(app, hint, hs, tx, ty, iw) + 2 * g;
    const char *ps = app->s.print_state == 1 ? "result.printed" : app->s.print_state == 2 ? app->s.print_fail_key : NULL;
    if (ps) ui_text_draw(app, ui_str(app, ps), ui_st(app, UI_T_SMALL, true, UI_C_TEXT), tx, ty, iw);
    else ui_button(app, "result:print", (SDL_Rect){tx, ty, iw < ui_px(app, 360) ? iw : ui_px(app, 360), bh},
                   ui_str(app, "result.print"), UI_BTN_SECONDARY, ACT_RESULT_PRINT, 0);
    return y + h;
}

static void result_step_time(const kiosk_app *app, const pc_step *s, char *buf, size_t size)
{
    char main[128] = "", ext[128] = "", n[16];
    if (s->working_days) { snprintf(n, sizeof n, "%d", s->working_days); ui_fmt1(app, "step.working_days", "n", n, main, sizeof main); }
    else if (s->months) { snprintf(n, sizeof n, "%d", s->months); ui_fmt1(app, "step.months", "n", n, main, sizeof main); }
    else if (s->days) { snprintf(n, sizeof n, "%d", s->days); ui_fmt1(app, "step.days", "n", n, main, sizeof main); }
    else snprintf(main, sizeof main, "%s", ui_str(app, "step.none"));
    if (s->extension_working_days) { snprintf(n, sizeof n, "%d", s->extension_working_days); ui_fmt1(app, "step.ext_working_days", "n", n, ext, sizeof ext); }
    else if (s->extension_months) { snprintf(n, sizeof n, "%d", s->extension_months); ui_fmt1(app, "step.ext_months", "n", n, ext, sizeof ext); }
    snprintf(buf, size, "%s%s", main, ext);
}
