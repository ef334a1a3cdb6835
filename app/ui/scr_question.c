/* scr_question.c — one question per screen: progress, the question in plain Chinese,
 * the answers right under it (portrait; beside it in landscape), why it is asked and
 * 查看原文 (the clause's original text and citation). The answers depend on the kind
 * (scr_options.c: 是/否, one of several, which apply; scr_pickers.c: the number keypad and
 * the date picker); kinds that are confirmed keep their 确定 / 下一步 in the bottom bar, so
 * it never scrolls away. A note over the bottom says why a touch could not act yet, and
 * "more below" shows (and scrolls) when answers lie under the fold. */
#include "ui.h"

#include <stdio.h>
#include <string.h>

/* ---- static prototypes ---- */
static int question_progress(kiosk_app *app, int x, int y, int w);
static int question_why(kiosk_app *app, const pc_question *q, int x, int y, int w);
static int question_answers(kiosk_app *app, const pc_question *q, int x, int y, int w);
static int question_left_share(const pc_question *q);
static void question_bottom(kiosk_app *app, const pc_question *q, int x, int w);
static void question_hint(kiosk_app *app, const pc_question *q, SDL_Rect col);
static void question_more_below(kiosk_app *app, SDL_Rect left, SDL_Rect right);
static int source_clause(kiosk_app *app, const pc_clause *c, int x, int y, int w);
static int source_clause_height(kiosk_app *app, const pc_clause *c, int w);

/* ---- public functions ---- */

void ui_screen_question(kiosk_app *app)
{
    const pc_pack *pack = ui_session_pack(app);
    if (!pack || app->s.question < 0) return;
    const pc_question *q = &pack->questions[app->s.question];
    int top = ui_top_bar(app, pack->short_title), x, w;
    int bar = app->h - ui_bottom_bar_height(app);
    ui_column_wide(app, &x, &w);
    int gap = ui_px(app, 64), lw = app->landscape ? w * question_left_share(q) / 100 : w;   /* landscape: two columns */
    SDL_Rect left = {x, 0, lw, 0}, right = app->landscape ? (SDL_Rect){x + lw + gap, 0, w - lw - gap, 0} : left;
    ui_scroll_begin(app, top, bar);
    int y = question_progress(app, x, top + ui_px(app, 40) - app->scroll, lw);
    if (pack->status == PC_STATUS_DRAFT) {
        y += ui_text_draw(app, ui_str(app, "question.draft"), ui_st(app, UI_T_SMALL, true, UI_C_DRAFT), x, y, lw);
        y += ui_px(app, 16);
    }
    y += ui_text_draw(app, q->ask, ui_st(app, UI_T_H1, true, UI_C_TEXT), x, y, lw) + ui_px(app, 32);
    if (app->landscape) {           /* question and why on the left, answers on the right */
        if (q->kind == PC_Q_DATE) y = ui_answers_date_words(app, q, x, y, lw) + ui_px(app, 40);
        y = question_why(app, q, x, y, lw) + ui_px(app, 40);
        int ay2 = question_answers(app, q, right.x, top + ui_px(app, 40) - app->scroll, right.w) + ui_px(app, 40);
        if (ay2 > y) y = ay2;
    } else {                        /* portrait: the answers right under the question */
        y = question_answers(app, q, x, y, w) + ui_px(app, 48);
        y = question_why(app, q, x, y, w);
    }
    ui_scroll_end(app, y + app->scroll + ui_px(app, 32));
    ui_scrollbar(app);
    if (app->s.hint != UI_HINT_NONE) question_hint(app, q, app->landscape ? left : right);
    else question_more_below(app, left, right);
    question_bottom(app, q, x, w);
}

/* 查看原文: every clause the question sets (and a group's members), with its label. */
void ui_overlay_source(kiosk_app *app)
{
    const pc_pack *pack = ui_session_pack(app);
    if (!pack || app->s.question < 0) return;
    const pc_question *q = &pack->questions[app->s.question];
    ui_dim(app);
    ui_widgets_begin(app);
    int m = ui_px(app, 40), x, w;
    ui_column(app, &x, &w);
    int pad = ui_px(app, 48), cw = w + m - 2 * pad, tw, title_h, content = 0;
    ui_text_style ts = ui_st(app, UI_T_H1, true, UI_C_TEXT);
    ui_text_size(app, ui_str(app, "source.title"), ts, cw, &tw, &title_h);
    for (size_t i = 0; i < q->n_cites; i++) {
        const pc_clause *c = &pack->clauses[q->cites[i]];
        content += source_clause_height(app, c, cw);
        for (size_t g = 0; g < c->n_group; g++) content += source_clause_height(app, &pack->clauses[c->group[g]], cw);
    }
    int bh = ui_px(app, app->large ? 150 : 130), max = app->h - ui_px(app, 160);
    int ch = pad + title_h + ui_px(app, 24) + content + ui_px(app, 24) + bh + pad;
    SDL_Rect card = {x - m / 2, 0, w + m, ch < max ? ch : max};
    card.y = (app->h - card.h) / 2;
    ui_round(app, card, ui_px(app, UI_RADIUS), UI_C_CARD);
    int cx = card.x + pad;
    ui_text_draw(app, ui_str(app, "source.title"), ts, cx, card.y + pad, cw);
    int btop = card.y + card.h - pad - bh;
    ui_scroll_begin(app, card.y + pad + title_h + ui_px(app, 24), btop - ui_px(app, 24));
    int y = app->scroll_view.y - app->scroll;
    for (size_t i = 0; i < q->n_cites; i++) {
        const pc_clause *c = &pack->clauses[q->cites[i]];
        y = source_clause(app, c, cx, y, cw);
        for (size_t g = 0; g < c->n_group; g++) y = source_clause(app, &pack->clauses[c->group[g]], cx, y, cw);
    }
    ui_scroll_end(app, y + app->scroll);
    ui_scrollbar(app);
    ui_button(app, "source:close", (SDL_Rect){cx, btop, cw, bh}, ui_str(app, "source.close"), UI_BTN_PRIMARY,
              ACT_SOURCE_CLOSE, 0);
}

/* ---- static functions ---- */

static int question_progress(kiosk_app *app, int x, int y, int w)
{
    char n[16], t[16], text[128];
    snprintf(n, sizeof n, "%d", app->s.progress_n);
    snprintf(t, sizeof t, "%d", app->s.progress_total);
    const char *names[] = {"n", "total"}, *values[] = {n, t};
    pc_strings_format(text, sizeof text, ui_str(app, "question.progress"), names, values, 2);
    y += ui_text_draw(app, text, ui_st(app, UI_T_SMALL, true, UI_C_MUTED), x, y, w) + ui_px(app, 14);
    int bh = ui_px(app, 16), total = app->s.progress_total > 0 ? app->s.progress_total : 1;
    ui_round(app, (SDL_Rect){x, y, w, bh}, bh / 2, UI_C_BORDER);
    int fw = w * app->s.progress_n / total;
    ui_round(app, (SDL_Rect){x, y, fw < bh ? bh : fw, bh}, bh / 2, UI_C_PRIMARY);
    return y + bh + ui_px(app, 44);
}

static int question_why(kiosk_app *app, const pc_question *q, int x, int y, int w)
{
    const pc_pack *pack = ui_session_pack(app);
    int pad = ui_px(app, 32), iw = w - 2 * pad, tw, h1, h2, h3 = 0;
    ui_text_style hs = ui_st(app, UI_T_SMALL, true, UI_C_LINK), bs = ui_st(app, UI_T_BODY, false, UI_C_TEXT);
    ui_text_size(app, ui_str(app, "question.why"), hs, iw, &tw, &h1);
    ui_text_size(app, q->why, bs, iw, &tw, &h2);
    if (q->help && q->help[0]) ui_text_size(app, q->help, bs, iw, &tw, &h3);
    int h = pad + h1 + ui_px(app, 10) + h2 + (h3 ? ui_px(app, 16) + h3 : 0) + pad;
    ui_round(app, (SDL_Rect){x, y, w, h}, ui_px(app, 16), UI_C_SOFT);
    int cy = y + pad;
    cy += ui_text_draw(app, ui_str(app, "question.why"), hs, x + pad, cy, iw) + ui_px(app, 10);
    cy += ui_text_draw(app, q->why, bs, x + pad, cy, iw);
    if (h3) ui_text_draw(app, q->help, bs, x + pad, cy + ui_px(app, 16), iw);
    y += h + ui_px(app, 24);
    int bw = ui_px(app, app->large ? 340 : 290), bh = ui_px(app, app->large ? 100 : 88), sw, sh;
    ui_text_size(app, ui_str(app, "question.source"), (ui_text_style){ui_text_px(app, UI_T_BUTTON), true, UI_C_LINK,
                 UI_ALIGN_LEFT}, 0, &sw, &sh);
    if (sw + ui_px(app, 48) > bw) bw = sw + ui_px(app, 48);        /* the words fit on one line */
    ui_button(app, "source", (SDL_Rect){x, y, bw, bh}, ui_str(app, "question.source"), UI_BTN_SECONDARY,
              ACT_SOURCE_OPEN, 0);
    if (q->n_cites > 0) {
        char label[256], n[24];
        snprintf(n, sizeof n, "%zu", q->n_cites);
        const char *names[] = {"label", "n"}, *values[] = {pack->clauses[q->cites[0]].label, n};
        pc_strings_format(label, sizeof label, ui_str(app, q->n_cites > 1 ? "source.label_more" : "source.label"), names,
                          values, 2);
        ui_text_style ls = ui_st(app, UI_T_SMALL, false, UI_C_MUTED);
        int lw, lh;
        ui_text_size(app, label, ls, w - bw - ui_px(app, 24), &lw, &lh);
        ui_text_draw(app, label, ls, x + bw + ui_px(app, 24), y + (bh - lh) / 2, w - bw - ui_px(app, 24));
    }
    return y + bh;
}

static int question_answers(kiosk_app *app, const pc_question *q, int x, int y, int w)
{
    switch (q->kind) {
    case PC_Q_CHOICE: return ui_answers_choice(app, q, x, y, w);
    case PC_Q_MULTI: return ui_answers_multi(app, q, x, y, w);
    case PC_Q_NUMBER: return ui_answers_number(app, q, x, y, w);
    case PC_Q_DATE: return ui_answers_date(app, q, x, y, w);
    default: return ui_answers_yes_no(app, q, x, y, w);
    }
}

/* Landscape: the question's share of the width; options with words get more room. */
static int question_left_share(const pc_question *q)
{
    return q->kind == PC_Q_CHOICE || q->kind == PC_Q_MULTI ? 46 : 56;
}

/* 返回, and for kinds that are confirmed: 不确定 and 下一步 / 确定 (disabled-looking until
 * there is something to confirm; a tap then says what is missing). */
static void question_bottom(kiosk_app *app, const pc_question *q, int x, int w)
{
    const char *unsure = ui_str(app, "question.unsure");
    ui_btn_kind was_unsure = app->s.answers.a[app->s.question].state == PC_ANS_UNSURE ? UI_BTN_SELECTED
                                                                                      : UI_BTN_SECONDARY;
    if (q->kind == PC_Q_MULTI)
        ui_bottom_buttons(app, x, w, "answer:unsure", unsure, was_unsure, ACT_ANSWER, "multi:next",
                          ui_str(app, "question.next"),
                          app->s.multi_pick || app->s.multi_none ? UI_BTN_PRIMARY : UI_BTN_DISABLED, ACT_MULTI_NEXT);
    else if (q->kind == PC_Q_NUMBER)
        ui_bottom_buttons(app, x, w, "answer:unsure", unsure, was_unsure, ACT_ANSWER, "key:ok", ui_str(app, "number.ok"),
                          app->s.number_text[0] ? UI_BTN_PRIMARY : UI_BTN_DISABLED, ACT_NUMBER_OK);
    else if (q->kind == PC_Q_DATE)
        ui_bottom_buttons(app, x, w, NULL, NULL, UI_BTN_SECONDARY, ACT_NONE, "date:confirm", ui_str(app, "date.confirm"),
                          app->s.date_pick != PC_NO_DAY ? UI_BTN_PRIMARY : UI_BTN_DISABLED, ACT_DATE_CONFIRM);
    else
        ui_bottom_buttons(app, x, w, NULL, NULL, UI_BTN_SECONDARY, ACT_NONE, NULL, NULL, UI_BTN_PRIMARY, ACT_NONE);
}

/* The note over the bottom of the screen (in landscape over the question's column, never
 * over the keys): why the last touch could not act. */
static void question_hint(kiosk_app *app, const pc_question *q, SDL_Rect col)
{
    static const char *const keys[] = {"", "hint.multi_pick", "hint.number_empty", "hint.number_range",
                                       "hint.number_full", "hint.date_pick", "date.future"};
    char text[512], lo[32], hi[32];
    const char *unit = q->kind == PC_Q_NUMBER ? ui_session_pack(app)->numbers[q->value].unit : "";
    ui_format_number((int64_t)(q->min * 100.0), q->decimals, lo, sizeof lo);
    ui_format_number((int64_t)(q->max * 100.0), q->decimals, hi, sizeof hi);
    const char *names[] = {"min", "max", "unit"}, *values[] = {lo, hi, unit};
    pc_strings_format(text, sizeof text, ui_str(app, keys[app->s.hint]), names, values, 3);
    int m = ui_px(app, 24), b = ui_px(app, 6);
    int h = ui_note_height(app, text, col.w), y = app->scroll_view.y + app->scroll_view.h - h - m;
    ui_round(app, (SDL_Rect){col.x - b, y - b, col.w + 2 * b, h + 2 * b}, ui_px(app, 20), UI_C_NOTE_LINE);
    ui_note(app, text, col.x, y, col.w, UI_C_NOTE_BG, UI_C_NOTE_LINE);
}

/* "More below", over the column where an answer lies wholly under the fold (one that
 * shows in part is seen, and the note would cover it); a tap scrolls down. */
static void question_more_below(kiosk_app *app, SDL_Rect left, SDL_Rect right)
{
    SDL_Rect v = app->scroll_view;
    const ui_widget *hidden = NULL;
    for (size_t i = 0; i < app->n_widgets && !hidden; i++) {
        const ui_widget *wd = &app->widgets[i];
        if (wd->scrolls && strcmp(wd->id, "source") != 0 && wd->r.y >= v.y + v.h - ui_px(app, 8)) hidden = wd;
    }
    if (!hidden) return;
    SDL_Rect col = hidden->r.x >= right.x ? right : left;
    const char *text = ui_str(app, "question.more");
    ui_text_style st = ui_st(app, UI_T_SMALL, true, UI_C_ON_DARK);
    int tw, th, tri = ui_text_px(app, 22), pad = ui_px(app, 28);
    ui_text_size(app, text, st, 0, &tw, &th);
    int h = th + 2 * ui_px(app, 18), w = tw + 2 * pad + tri + ui_px(app, 16);
    if (h < ui_min_target(app)) h = ui_min_target(app);
    SDL_Rect r = {col.x + (col.w - w) / 2, v.y + v.h - h - ui_px(app, 20), w, h};
    ui_widget_add(app, "more", r, ACT_SCROLL_MORE, 0);
    ui_round(app, r, h / 2, UI_C_BAR);
    ui_triangle(app, (float)(r.x + pad + tri / 2), (float)(r.y + h / 2), (float)tri, false, UI_C_ON_DARK);
    ui_text_draw(app, text, st, r.x + pad + tri + ui_px(app, 16), r.y + (h - th) / 2, 0);
}

static int source_clause(kiosk_app *app, const pc_clause *c, int x, int y, int w)
{
    y += ui_text_draw(app, c->label, ui_st(app, UI_T_BODY, true, UI_C_LINK), x, y, w) + ui_px(app, 8);
    y += ui_text_draw(app, c->text, ui_st(app, UI_T_BODY, false, UI_C_TEXT), x, y, w);
    return y + ui_px(app, 32);
}

static int source_clause_height(kiosk_app *app, const pc_clause *c, int w)
{
    int tw, h1, h2;
    ui_text_size(app, c->label, ui_st(app, UI_T_BODY, true, UI_C_LINK), w, &tw, &h1);
    ui_text_size(app, c->text, ui_st(app, UI_T_BODY, false, UI_C_TEXT), w, &tw, &h2);
    return h1 + ui_px(app, 8) + h2 + ui_px(app, 32);
}
