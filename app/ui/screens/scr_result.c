/* scr_result.c — the pre-check's result: the outcome in large words with its colour
 * AND icon, wording that never promises (the department decides), the likely relief (the
 * policy's tier, with what must come with it), a plain notice when the text is only a
 * draft, the cases where relief does not apply (exclusions) apart from the rest of why
 * (each deciding clause in plain words with its citation), what to bring, by when (or why
 * no day can be given yet), what happens next with the steps the applicant takes part
 * in marked, and the receipt (QR and number) once stored. */
#include "screens/screens.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#define RESULT_SECTION_SPACE UI_SPACE_14 /* between the sections of the result */

/* ---- types ---- */

/* How an outcome looks: its words' key, its colour and its icon (never colour alone). */
/* A period a step may take: its count, and the words for it. */
typedef struct result_count {
    int n;
    const char *key;
} result_count;

typedef struct result_look {
    const char *key;
    ui_rgb color;
    ui_icon icon;
} result_look;

/* ---- static prototypes ---- */
static void result_sections(ui_ctx *ui, const kiosk_app *app, ui_layout *left, ui_layout *right);
static void result_bar(ui_ctx *ui, const kiosk_app *app, int x, int w);
static int result_deadline_alert(ui_ctx *ui, const kiosk_app *app, char *buf, size_t size);
static result_look result_look_of(const pc_pack *pack, pc_outcome o);
static void result_banner(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void result_banner_inside(ui_ctx *ui, const result_look *look, const char *alert, int r,
                                 ui_layout *l);
static void result_relief(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void result_receipt(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void result_receipt_words(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static ui_text_style result_receipt_number_style(ui_ctx *ui, const char *id, int w);
static void result_exclusions(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static bool result_is_exclusion(const pc_result *r, int clause);
static bool result_why(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void result_why_lead(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void result_your_answers(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void result_clause(ui_ctx *ui, ui_layout *l, ui_icon icon, ui_rgb color, const char *word,
                          const pc_clause *c);
static void result_materials(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void result_deadline(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void result_deadline_day(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void result_deadline_words(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void result_steps(ui_ctx *ui, const pc_pack *pack, ui_layout *l);
static void result_applicant_badge(ui_ctx *ui, ui_layout *l);
static void result_step_time(ui_ctx *ui, const pc_step *s, char *buf, size_t size);
static bool result_first_count(ui_ctx *ui, const result_count *counts, size_t n, char *buf,
                               size_t size);

/* ---- public functions ---- */

/* The outcome (whose banner says so when the deadline is today or has passed), the
 * receipt for staff to scan, by when, what to bring, why, what happens next, and where
 * to go when relief is not here. Portrait: one column. Landscape: the outcome, by when,
 * what to bring and why at the left; the receipt, the steps and where to go at the
 * right. 打印回执 is the bar's primary button until the slip is printed. */
void scr_result_draw(ui_ctx *ui, const kiosk_app *app)
{
    if (!app->session.pack || !app->session.has_result)
        return;
    ui_page page = ui_page_begin(ui, app->session.pack->short_title,
                                 (ui->landscape ? UI_PAGE_WIDE : 0) | UI_PAGE_BAR, UI_SPACE_10);
    ui_layout cols[2];
    ui_layout_split(&page.body, 2, (int[]){0, 0}, ui_px(ui, 64), cols);
    ui_layout *left = ui->landscape ? &cols[0] : &page.body,
              *right = ui->landscape ? &cols[1] : &page.body;
    result_sections(ui, app, left, right);
    page.body.y = ui_layout_lowest((ui_layout[]){*left, *right}, 2);
    ui_page_end(ui, &page, 0);
    result_bar(ui, app, page.body.x, page.body.w);
    if (scr_result_asks_print(app))
        scr_result_ask_print_draw(ui, app);
}

/* ---- static functions ---- */

/* The sections under the banner, a gap apart, in the order the applicant needs them. */
static void result_sections(ui_ctx *ui, const kiosk_app *app, ui_layout *left, ui_layout *right)
{
    pc_outcome o = app->session.result.outcome;
    bool goes_on = o == PC_OUT_EXEMPT || o == PC_OUT_MITIGATE || o == PC_OUT_REFER;
    result_banner(ui, app, left);
    ui_layout_space(ui, left, RESULT_SECTION_SPACE);
    result_receipt(ui, app, right); /* on the first screen: staff scan it */
    if (goes_on) {
        result_deadline(ui, app, left);
        ui_layout_space(ui, left, RESULT_SECTION_SPACE);
        result_materials(ui, app, left);
        ui_layout_space(ui, left, RESULT_SECTION_SPACE);
    }
    if (app->session.result.n_exclusions) {
        result_exclusions(ui, app, left);
        ui_layout_space(ui, left, RESULT_SECTION_SPACE);
    }
    if (result_why(ui, app, left))
        ui_layout_space(ui, left, RESULT_SECTION_SPACE);
    if (goes_on) {
        result_steps(ui, app->session.pack, right);
        ui_layout_space(ui, right, RESULT_SECTION_SPACE);
    }
    if (scr_result_next(ui, app, right))
        ui_layout_space(ui, right, RESULT_SECTION_SPACE);
}

/* 修改回答, 完成 and, while there is a slip to print, 打印回执 as the primary button. */
static void result_bar(ui_ctx *ui, const kiosk_app *app, int x, int w)
{
    bool can_print =
        app->receipt.state == UI_RECEIPT_ISSUED && app->receipt.print == UI_PRINT_NOT_TRIED;
    ui_layout bar = ui_page_bottom_row(ui, x, w, can_print ? 3 : 2,
                                       can_print ? (int[]){0, 0, 0} : (int[]){0, 0});
    ui_button(ui, "result:change", ui_layout_cell(&bar), ui_str(ui, "result.change"),
              UI_BTN_SECONDARY, ACT_RESULT_CHANGE, 0);
    ui_button(ui, "result:done", ui_layout_cell(&bar), ui_str(ui, "result.done"),
              can_print ? UI_BTN_SECONDARY : UI_BTN_PRIMARY, ACT_RESULT_DONE, 0);
    if (can_print)
        ui_button(ui, "result:print", ui_layout_cell(&bar), ui_str(ui, "result.print"),
                  UI_BTN_PRIMARY, ACT_RESULT_PRINT, 0);
}

static result_look result_look_of(const pc_pack *pack, pc_outcome o)
{
    switch (o) {
    case PC_OUT_EXEMPT:
        return (result_look){"result.exempt", UI_C_EXEMPT, UI_ICON_CHECK};
    case PC_OUT_MITIGATE:
        return (result_look){"result.mitigate", UI_C_MITIGATE, UI_ICON_MINUS};
    case PC_OUT_INELIGIBLE:
        return (result_look){"result.ineligible", UI_C_INELIGIBLE, UI_ICON_CROSS};
    case PC_OUT_REFER:
        return (result_look){"result.refer", UI_C_REFER, UI_ICON_QUESTION};
    case PC_OUT_NOT_APPLICABLE:
        return (result_look){"result.not_applicable", UI_C_NEUTRAL, UI_ICON_CROSS};
    default:
        return (result_look){pack->valid_on == PC_VALID_ON_CONDUCT ? "result.not_in_force_conduct"
                                                                   : "result.not_in_force",
                             UI_C_NEUTRAL, UI_ICON_PAUSE};
    }
}

/* The outcome in a panel of its colour, with its icon and "advice, not a decision"; under
 * it the likely relief and, for a draft, what a draft means. */
static void result_banner(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    result_look look = result_look_of(app->session.pack, app->session.result.outcome);
    char alert[512];
    int alert_kind = result_deadline_alert(ui, app, alert, sizeof alert);
    if (alert_kind)
        look.color = alert_kind > 0 ? UI_C_REFER : UI_C_INELIGIBLE;
    int pad = ui_px(ui, 44), r = ui_px(ui, 56);
    ui_layout in = ui_layout_measure(l->x + pad, l->y + pad, l->w - 2 * pad);
    result_banner_inside(ui, &look, alert_kind ? alert : NULL, r, &in);
    SDL_Rect box = ui_layout_next(l, in.y - l->y + pad);
    ui_round(ui, box, ui_px(ui, UI_RADIUS), look.color);
    in = ui_layout_column(box.x + pad, box.y + pad, box.w - 2 * pad);
    result_banner_inside(ui, &look, alert_kind ? alert : NULL, r, &in);
    result_relief(ui, app, l);
    if (app->session.pack->status != PC_STATUS_DRAFT)
        return;
    ui_layout_space(ui, l, UI_SPACE_6);
    ui_note(ui, l, ui_str(ui, "result.draft"), UI_C_NOTE_BG, UI_C_DRAFT);
}

/* Today is the last day (1, amber) or the day has passed (-1, red): the words for the
 * banner; 0 when the deadline is neither (or not shown for this outcome). */
static int result_deadline_alert(ui_ctx *ui, const kiosk_app *app, char *buf, size_t size)
{
    const pc_result *r = &app->session.result;
    bool shown =
        r->outcome == PC_OUT_EXEMPT || r->outcome == PC_OUT_MITIGATE || r->outcome == PC_OUT_REFER;
    bool dated = r->deadline_state == PC_DL_RUNNING || r->deadline_state == PC_DL_PASSED;
    if (!shown || !dated || !r->has_deadline || app->setup.clock_bad ||
        !app->session.pack->deadline || (!r->deadline_passed && r->deadline_days_left != 0))
        return 0;
    char date[64];
    ui_words_day(ui, r->deadline_day, date, sizeof date);
    ui_str_fill(ui, r->deadline_passed ? "result.banner_passed" : "result.banner_last", "date",
                date, buf, size);
    return r->deadline_passed ? -1 : 1;
}

/* The icon (radius r) beside the outcome's words, the deadline's alert when there is
 * one, then "advice, not a decision". */
static void result_banner_inside(ui_ctx *ui, const result_look *look, const char *alert, int r,
                                 ui_layout *l)
{
    const char *title = ui_str(ui, look->key);
    ui_text_style ts = ui_st(ui, UI_T_H1, true, UI_C_ON_DARK);
    ui_layout head[2];
    ui_layout_split(l, 2, (int[]){2 * r, 0}, ui_px(ui, 32), head);
    int tw, th;
    ui_text_size(ui, title, ts, head[1].w, &tw, &th);
    SDL_Rect row = ui_layout_next(l, th > 2 * r ? th : 2 * r);
    if (!l->measure) {
        ui_icon_draw(ui, look->icon, head[0].x + r, row.y + row.h / 2, r, look->color,
                     UI_C_ON_DARK);
        ui_text_draw(ui, title, ts, head[1].x, row.y + (row.h - th) / 2, head[1].w);
    }
    if (alert) {
        ui_layout_space(ui, l, UI_SPACE_6);
        ui_layout_text(ui, l, alert, ui_st(ui, UI_T_H2, true, UI_C_ON_DARK));
    }
    ui_layout_space(ui, l, UI_SPACE_6);
    ui_layout_text(ui, l, ui_str(ui, "result.advice"), ui_st(ui, UI_T_BODY, false, UI_C_ON_DARK));
}

/* The likely relief: the tier that applies (or the policy's words for the outcome), and
 * what must come with it (限期整改, within a period). */
static void result_relief(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    const pc_pack *pack = app->session.pack;
    const pc_result *r = &app->session.result;
    const pc_tier *tier =
        r->tier >= 0 && (size_t)r->tier < pack->logic.n_tiers ? &pack->logic.tiers[r->tier] : NULL;
    if (r->outcome != PC_OUT_EXEMPT && r->outcome != PC_OUT_MITIGATE)
        return;
    const char *relief = tier                          ? tier->name
                         : r->outcome == PC_OUT_EXEMPT ? pack->relief
                                                       : pack->mitigation_relief;
    char buf[1024], period[64];
    if (relief && relief[0]) {
        ui_str_fill(ui, "result.relief", "relief", relief, buf, sizeof buf);
        ui_layout_space(ui, l, UI_SPACE_6);
        ui_layout_text(ui, l, buf, ui_st(ui, UI_T_BODY, true, UI_C_TEXT));
    }
    if (!tier || !tier->obligation || !tier->obligation[0])
        return;
    ui_words_period(ui, tier->obligation_within, period, sizeof period);
    const char *names[] = {"obligation", "period"}, *values[] = {tier->obligation, period};
    pc_strings_format(buf, sizeof buf,
                      ui_str(ui, tier->obligation_within.count ? "result.obligation_within"
                                                               : "result.obligation"),
                      names, values, 2);
    ui_layout_space(ui, l, UI_SPACE_6);
    ui_note(ui, l, buf, UI_C_SOFT, UI_C_MITIGATE);
}

/* The receipt: its QR beside its number once the submission is stored, or why there is
 * none (请到窗口办理); its area differs every run, so screenshot checks leave it out. In
 * portrait it stands under the outcome, in landscape at the top of its own column. */
static void result_receipt(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    if (app->receipt.state == UI_RECEIPT_NONE)
        return; /* not issued (yet): nothing */
    if (app->receipt.state == UI_RECEIPT_FAILED) {
        ui_note(ui, l, ui_str(ui, "result.receipt_fail"), UI_C_NOTE_BG, UI_C_INELIGIBLE);
    } else {
        int pad = ui_px(ui, 32), qs = ui_px(ui, ui->landscape ? 260 : 300), qw = 0;
        ui_layout inner = ui_layout_column(l->x + pad, l->y + pad, l->w - 2 * pad), cols[2];
        ui_layout_split(&inner, 2, (int[]){qs, 0}, pad, cols);
        ui_layout words = ui_layout_measure(cols[1].x, cols[1].y, cols[1].w);
        result_receipt_words(ui, app, &words);
        int stack = words.y - cols[1].y;
        SDL_Rect card = ui_layout_next(l, (stack > qs ? stack : qs) + 2 * pad);
        ui->gfx->random_area = card;
        ui_round_frame(ui, card, ui_px(ui, UI_RADIUS), ui_px(ui, 2), UI_C_CARD, UI_C_BORDER);
        SDL_Texture *qr = app->receipt.qr;
        if (qr && SDL_QueryTexture(qr, NULL, NULL, &qw, NULL) == 0 && qw > 0) {
            int side = qs / qw * qw, off = (qs - side) / 2; /* whole pixels a module */
            SDL_Rect dst = {cols[0].x + off, card.y + (card.h - qs) / 2 + off, side, side};
            SDL_RenderCopy(ui->gfx->renderer, qr, NULL, &dst);
        }
        result_receipt_words(ui, app, &cols[1]);
    }
    ui_layout_space(ui, l, RESULT_SECTION_SPACE);
}

/* 回执编号, the number, how staff use it, and whether printing worked (打印回执 is in
 * the bar). */
static void result_receipt_words(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    const ui_receipt *rc = &app->receipt;
    ui_layout_text(ui, l, ui_str(ui, "result.receipt"), ui_st(ui, UI_T_SMALL, true, UI_C_MUTED));
    ui_layout_space(ui, l, UI_SPACE_2_5);
    ui_layout_text(ui, l, rc->id, result_receipt_number_style(ui, rc->id, l->w));
    ui_layout_space(ui, l, UI_SPACE_2_5);
    ui_layout_text(ui, l, ui_str(ui, "result.receipt_hint"),
                   ui_st(ui, UI_T_SMALL, false, UI_C_MUTED));
    const char *ps = rc->print == UI_PRINT_SENT     ? "result.printed"
                     : rc->print == UI_PRINT_FAILED ? rc->print_fail_key
                                                    : NULL;
    if (!ps)
        return;
    ui_layout_space(ui, l, UI_SPACE_5);
    ui_layout_text(
        ui, l, ui_str(ui, ps),
        ui_st(ui, UI_T_SMALL, true, rc->print == UI_PRINT_FAILED ? UI_C_INELIGIBLE : UI_C_TEXT));
}

/* The number on one line (never broken between its groups), as large as fits: sized
 * on the widest number of its length (every letter a W), so that the card's height is
 * the same whatever number comes out. */
static ui_text_style result_receipt_number_style(ui_ctx *ui, const char *id, int w)
{
    char widest[64];
    size_t n = 0;
    for (; id[n] && n + 1 < sizeof widest; n++)
        widest[n] = id[n] == ' ' ? ' ' : 'W';
    widest[n] = '\0';
    static const int sizes[] = {UI_T_H2, UI_T_BODY, UI_T_SMALL};
    ui_text_style st = ui_st(ui, UI_T_H2, true, UI_C_TEXT);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        int tw, th;
        st = ui_st(ui, sizes[i], true, UI_C_TEXT);
        ui_text_size(ui, widest, st, 0, &tw, &th);
        if (tw <= w)
            break;
    }
    return st;
}

/* 不适用容错的情形: each exclusion that holds, with its clause. */
static void result_exclusions(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    const pc_result *res = &app->session.result;
    ui_heading(ui, l, ui_str(ui, "result.exclusions"));
    ui_layout_text(ui, l, ui_str(ui, "result.exclusions_lead"),
                   ui_st(ui, UI_T_BODY, false, UI_C_MUTED));
    ui_layout_space(ui, l, UI_SPACE_5);
    for (size_t i = 0; i < res->n_exclusions; i++) {
        if (i)
            ui_layout_space(ui, l, UI_SPACE_7);
        result_clause(ui, l, UI_ICON_CROSS, UI_C_INELIGIBLE, ui_str(ui, "result.excluded"),
                      &app->session.pack->clauses[res->exclusions[i]]);
    }
}

static bool result_is_exclusion(const pc_result *r, int clause)
{
    for (size_t i = 0; i < r->n_exclusions; i++)
        if (r->exclusions[i] == clause)
            return true;
    return false;
}

/* Why: the deciding clauses, each met, not met or open (exclusions are shown apart);
 * false when there is nothing to say beyond the exclusions. */
static bool result_why(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    const pc_pack *pack = app->session.pack;
    const pc_result *res = &app->session.result;
    size_t shown = 0;
    for (size_t i = 0; i < res->n_basis; i++)
        shown += !result_is_exclusion(res, res->basis[i]);
    if (res->n_exclusions && !shown)
        return false;
    ui_heading(ui, l, ui_str(ui, "result.why"));
    result_why_lead(ui, app, l);
    result_your_answers(ui, app, l);
    pc_facts facts;
    pc_facts_from_answers(&facts, pack, &app->session.answers);
    pc_facts_resolve_tests(pack, &facts); /* 项目资金不超过500万元: from the number */
    for (size_t i = 0; i < res->n_basis; i++) {
        int ci = res->basis[i];
        if (result_is_exclusion(res, ci))
            continue;
        pc_truth t = facts.truth[ci];
        /* each deciding clause says whether it is met: sign, colour and a word */
        ui_icon icon = t == PC_TRUE    ? UI_ICON_CHECK
                       : t == PC_FALSE ? UI_ICON_CROSS
                                       : UI_ICON_QUESTION;
        ui_rgb col = t == PC_TRUE ? UI_C_EXEMPT : t == PC_FALSE ? UI_C_INELIGIBLE : UI_C_REFER;
        const char *word = ui_str(ui, t == PC_TRUE    ? "result.met"
                                      : t == PC_FALSE ? "result.not_met"
                                                      : "result.open");
        result_clause(ui, l, icon, col, word, &pack->clauses[ci]);
        ui_layout_space(ui, l, UI_SPACE_7);
    }
    sodium_memzero(&facts, sizeof facts);
    return true;
}

/* What the outcome means, in one line (with the policy's dates when conduct fell outside). */
static void result_why_lead(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    const pc_pack *pack = app->session.pack;
    pc_outcome o = app->session.result.outcome;
    char key[64], lead[512], from[64] = "", until[64] = "";
    snprintf(key, sizeof key, "result.why_%s", pc_outcome_name(o));
    if (o == PC_OUT_NOT_IN_FORCE && pack->valid_on == PC_VALID_ON_CONDUCT) {
        bool dated = pack->in_force_from != PC_NO_DAY && pack->in_force_until != PC_NO_DAY;
        snprintf(key, sizeof key,
                 dated ? "result.why_not_in_force_dates" : "result.why_not_in_force_conduct");
        if (dated)
            ui_words_date(ui, pack->in_force_from, from, sizeof from);
        if (dated)
            ui_words_date(ui, pack->in_force_until, until, sizeof until);
    }
    const char *names[] = {"from", "until"}, *values[] = {from, until};
    pc_strings_format(lead, sizeof lead, ui_str(ui, key), names, values, 2);
    ui_layout_text(ui, l, lead, ui_st(ui, UI_T_BODY, false, UI_C_MUTED));
    ui_layout_space(ui, l, UI_SPACE_5);
}

/* A refusal names the answers that decided it, in the words of the questions asked
 * (not the label of a clause the applicant never saw), each in a soft panel. */
static void result_your_answers(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    const pc_pack *pack = app->session.pack;
    const pc_result *res = &app->session.result;
    if (res->outcome != PC_OUT_INELIGIBLE && res->outcome != PC_OUT_NOT_APPLICABLE &&
        res->outcome != PC_OUT_MITIGATE)
        return;
    int deciding[8], pad = ui_px(ui, 28);
    size_t n = pc_result_deciding_questions(pack, &app->session.answers, res, deciding, 8);
    ui_text_style st = ui_st(ui, UI_T_BODY, false, UI_C_TEXT);
    for (size_t i = 0; i < n; i++) {
        char answer[256], line[1024];
        const pc_question *q = &pack->questions[deciding[i]];
        const char *names[] = {"ask", "answer"};
        const char *values[] = {q->ask,
                                ui_words_answer(ui, pack, &app->session.answers,
                                                (size_t)deciding[i], answer, sizeof answer)};
        pc_strings_format(line, sizeof line, ui_str(ui, "result.your_answer"), names, values, 2);
        int tw, th;
        ui_text_size(ui, line, st, l->w - 2 * pad, &tw, &th);
        SDL_Rect box = ui_layout_next(l, th + 2 * pad);
        ui_round(ui, box, ui_px(ui, 16), UI_C_SOFT);
        ui_text_draw(ui, line, st, box.x + pad, box.y + pad, box.w - 2 * pad);
        ui_layout_space(ui, l, UI_SPACE_4);
    }
    if (n)
        ui_layout_space(ui, l, UI_SPACE_3);
}

/* A clause that decided: its sign in its colour, a word (met, not met, open, excluded),
 * the clause in plain words and its citation. */
static void result_clause(ui_ctx *ui, ui_layout *l, ui_icon icon, ui_rgb color, const char *word,
                          const pc_clause *c)
{
    int r = ui_text_px(ui, 20), line = ui_font_height(ui, ui_text_px(ui, UI_T_BODY), true);
    ui_icon_draw(ui, icon, l->x + r, l->y + line / 2, r, UI_C_ON_DARK, color);
    ui_layout words = ui_layout_indent(l, 2 * r + ui_px(ui, 20));
    ui_layout_text(ui, &words, word, ui_st(ui, UI_T_BODY, true, color));
    ui_layout_space(ui, &words, UI_SPACE_1);
    ui_layout_text(ui, &words, c->plain, ui_st(ui, UI_T_BODY, false, UI_C_TEXT));
    ui_layout_space(ui, &words, UI_SPACE_1_5);
    ui_layout_text(ui, &words, c->label, ui_st(ui, UI_T_SMALL, true, UI_C_LINK));
    l->y = words.y;
}

/* What to bring: a box to tick on paper before each. */
static void result_materials(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    const pc_result *res = &app->session.result;
    ui_text_style body = ui_st(ui, UI_T_BODY, false, UI_C_TEXT);
    ui_heading(ui, l, ui_str(ui, "result.materials"));
    if (res->n_materials == 0) {
        ui_layout_text(ui, l, ui_str(ui, "result.materials_none"), body);
        return;
    }
    int box = ui_text_px(ui, 34);
    for (size_t i = 0; i < res->n_materials; i++) {
        const pc_material *m = &app->session.pack->materials[res->materials[i]];
        int line = ui_font_height(ui, ui_text_px(ui, UI_T_BODY), false);
        ui_round_frame(ui, (SDL_Rect){l->x, l->y + (line - box) / 2, box, box}, ui_px(ui, 6),
                       ui_px(ui, 3), UI_C_CARD, UI_C_TEXT);
        ui_layout item = ui_layout_indent(l, box + ui_px(ui, 28));
        ui_layout_text(ui, &item, m->name, body);
        l->y = item.y;
        ui_layout_space(ui, l, UI_SPACE_4_5);
    }
}

/* By when: the day and what is left (running, passed), or why no day can be given yet
 * (not started, date not remembered), or that the policy sets none; capped when the
 * policy ends first. */
static void result_deadline(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    const pc_pack *pack = app->session.pack;
    const pc_result *r = &app->session.result;
    ui_heading(ui, l, ui_str(ui, "result.deadline"));
    if (!pack->deadline || r->deadline_state == PC_DL_NONE) {
        ui_layout_text(ui, l, ui_str(ui, "result.deadline_none"),
                       ui_st(ui, UI_T_BODY, false, UI_C_TEXT));
        return;
    }
    bool dated = r->deadline_state == PC_DL_RUNNING || r->deadline_state == PC_DL_PASSED;
    if (app->setup.clock_bad && dated) {
        ui_layout_text(ui, l, ui_str(ui, "result.deadline_clock"),
                       ui_st(ui, UI_T_H2, true, UI_C_TEXT));
        return;
    }
    if (dated && r->has_deadline)
        result_deadline_day(ui, app, l);
    else
        result_deadline_words(ui, app, l);
    if (pack->deadline->note && pack->deadline->note[0]) {
        ui_layout_space(ui, l, UI_SPACE_3);
        ui_layout_text(ui, l, pack->deadline->note, ui_st(ui, UI_T_BODY, false, UI_C_MUTED));
    }
    ui_layout_space(ui, l, UI_SPACE_2);
    ui_layout_text(ui, l, pack->clauses[pack->deadline->cite].label,
                   ui_st(ui, UI_T_SMALL, true, UI_C_LINK));
}

/* 还剩 N 个工作日 / 今天是最后一天 / 已过期; the day; what to do; estimated; capped. */
static void result_deadline_day(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    const pc_pack *pack = app->session.pack;
    const pc_result *r = &app->session.result;
    char buf[1024], date[64], n[16];
    ui_words_day(ui, r->deadline_day, date, sizeof date);
    snprintf(n, sizeof n, "%d", r->deadline_days_left);
    const char *names[] = {"n", "date"}, *values[] = {n, date};
    const char *key = r->deadline_passed           ? "result.deadline_passed"
                      : r->deadline_days_left == 0 ? "result.deadline_last"
                                                   : "result.deadline_left";
    pc_strings_format(buf, sizeof buf, ui_str(ui, key), names, values, 2);
    ui_layout_text(ui, l, buf,
                   ui_st(ui, UI_T_H2, true, r->deadline_passed ? UI_C_INELIGIBLE : UI_C_TEXT));
    pc_strings_format(buf, sizeof buf, ui_str(ui, "result.deadline_date"), names, values, 2);
    ui_layout_space(ui, l, UI_SPACE_2);
    ui_layout_text(ui, l, buf, ui_st(ui, UI_T_BODY, true, UI_C_TEXT));
    ui_str_fill(ui, "result.deadline_what", "what", pack->deadline->what, buf, sizeof buf);
    ui_layout_space(ui, l, UI_SPACE_2);
    ui_layout_text(ui, l, buf, ui_st(ui, UI_T_BODY, false, UI_C_TEXT));
    if (r->deadline_estimated) {
        ui_layout_space(ui, l, UI_SPACE_3);
        ui_layout_text(ui, l, ui_str(ui, "result.deadline_estimated"),
                       ui_st(ui, UI_T_BODY, true, UI_C_DRAFT));
    }
    if (!r->deadline_capped || pack->in_force_until == PC_NO_DAY)
        return;
    ui_words_date(ui, pack->in_force_until, date, sizeof date);
    ui_str_fill(ui, "result.deadline_capped", "until", date, buf, sizeof buf);
    ui_layout_space(ui, l, UI_SPACE_3);
    ui_note(ui, l, buf, UI_C_NOTE_BG, UI_C_NOTE_LINE);
}

/* No day yet: the period and its event in words, and (date not remembered) that the
 * time may already be running. */
static void result_deadline_words(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    const pc_deadline *d = app->session.pack->deadline;
    char buf[1024], period[64];
    ui_words_period(ui, d->period, period, sizeof period);
    const char *names[] = {"event", "period", "what"}, *values[] = {d->event, period, d->what};
    bool unknown = app->session.result.deadline_state != PC_DL_NOT_STARTED;
    pc_strings_format(
        buf, sizeof buf,
        ui_str(ui, unknown ? "result.deadline_unknown" : "result.deadline_not_started"), names,
        values, 3);
    if (unknown)
        ui_note(ui, l, buf, UI_C_NOTE_BG, UI_C_REFER);
    else
        ui_layout_text(ui, l, buf, ui_st(ui, UI_T_BODY, false, UI_C_TEXT));
}

/* What happens next: numbered steps, the applicant's own marked, each with its time. */
static void result_steps(ui_ctx *ui, const pc_pack *pack, ui_layout *l)
{
    ui_heading(ui, l, ui_str(ui, "result.steps"));
    int r = ui_text_px(ui, 26);
    ui_text_style ns = ui_st(ui, UI_T_SMALL, true, UI_C_ON_DARK);
    for (size_t i = 0; i < pack->n_steps; i++) {
        const pc_step *s = &pack->steps[i];
        char num[24], when[256];
        int tw, th;
        snprintf(num, sizeof num, "%zu", i + 1);
        ui_disc(ui, l->x + r, l->y + r, r, UI_C_PRIMARY);
        ui_text_size(ui, num, ns, 0, &tw, &th);
        ui_text_draw(ui, num, ns, l->x + r - tw / 2, l->y + r - th / 2, 0);
        ui_layout item = ui_layout_indent(l, 2 * r + ui_px(ui, 28));
        ui_layout_text(ui, &item, s->what, ui_st(ui, UI_T_BODY, true, UI_C_TEXT));
        if (s->applicant) {
            ui_layout_space(ui, &item, UI_SPACE_2_5);
            result_applicant_badge(ui, &item);
        }
        result_step_time(ui, s, when, sizeof when);
        ui_layout_space(ui, &item, UI_SPACE_1_5);
        ui_layout_text(ui, &item, when, ui_st(ui, UI_T_BODY, false, UI_C_MUTED));
        if (s->note && s->note[0]) {
            ui_layout_space(ui, &item, UI_SPACE_1_5);
            ui_layout_text(ui, &item, s->note, ui_st(ui, UI_T_SMALL, false, UI_C_MUTED));
        }
        l->y = item.y;
        ui_layout_space(ui, l, UI_SPACE_7);
    }
}

/* 需要您参与: a step the applicant takes part in (申辩, 异议); words, not colour alone. */
static void result_applicant_badge(ui_ctx *ui, ui_layout *l)
{
    const char *text = ui_str(ui, "result.step_applicant");
    ui_text_style st = ui_st(ui, UI_T_SMALL, true, UI_C_ON_DARK);
    int tw, th, pad = ui_px(ui, 18);
    ui_text_size(ui, text, st, l->w - 2 * pad, &tw, &th);
    SDL_Rect r = ui_layout_next(l, th + ui_px(ui, 12));
    ui_round(ui, (SDL_Rect){r.x, r.y, tw + 2 * pad, r.h}, r.h / 2, UI_C_MITIGATE);
    ui_text_draw(ui, text, st, r.x + pad, r.y + ui_px(ui, 6), r.w - 2 * pad);
}

static void result_step_time(ui_ctx *ui, const pc_step *s, char *buf, size_t size)
{
    const result_count usual[] = {
        {s->working_days, "step.working_days"}, {s->months, "step.months"}, {s->days, "step.days"}};
    const result_count longest[] = {{s->extension_working_days, "step.ext_working_days"},
                                    {s->extension_months, "step.ext_months"}};
    char main[128], ext[128] = "";
    if (!result_first_count(ui, usual, 3, main, sizeof main))
        snprintf(main, sizeof main, "%s", ui_str(ui, "step.none"));
    result_first_count(ui, longest, 2, ext, sizeof ext);
    snprintf(buf, size, "%s%s", main, ext);
}

/* The words for the first of the counts that is set (20 个工作日); false when none is. */
static bool result_first_count(ui_ctx *ui, const result_count *counts, size_t n, char *buf,
                               size_t size)
{
    char num[16];
    for (size_t i = 0; i < n; i++) {
        if (!counts[i].n)
            continue;
        snprintf(num, sizeof num, "%d", counts[i].n);
        ui_str_fill(ui, counts[i].key, "n", num, buf, size);
        return true;
    }
    return false;
}
