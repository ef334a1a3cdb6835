/* scr_question.c — one question per screen: progress, the question in plain Chinese,
 * the answers right under it (portrait; beside it in landscape), why it is asked, 查看原文 (the clause's original text and citation), and the answers
 * 是 / 否 / 不确定, or a touch date picker (no typing) with 尚未收到通知 / 不清楚. */
#include "ui.h"

#include <stdio.h>
#include <string.h>

/* ---- static prototypes ---- */
static int question_progress(kiosk_app *app, int x, int y, int w);
static int question_why(kiosk_app *app, const pc_question *q, int x, int y, int w);
static int question_answers(kiosk_app *app, int x, int y, int w);
static int question_date(kiosk_app *app, int x, int y, int w);
static void question_stepper(kiosk_app *app, int which, const char *value, const char *unit,
                             int x, int y, int w);
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
    int gap = ui_px(app, 64), lw = app->landscape ? w * 56 / 100 : w;   /* landscape: two columns */
    ui_scroll_begin(app, top, bar);
    int y = question_progress(app, x, top + ui_px(app, 40) - app->scroll, lw);
    if (pack->status == PC_STATUS_DRAFT) {
        y += ui_text_draw(app, ui_str(app, "question.draft"), ui_st(app, UI_T_SMALL, true, UI_C_DRAFT), x, y, lw);
        y += ui_px(app, 16);
    }
    y += ui_text_draw(app, q->ask, ui_st(app, UI_T_H1, true, UI_C_TEXT), x, y, lw) + ui_px(app, 32);
    if (app->landscape) {           /* question and why on the left, answers on the right */
        y = question_why(app, q, x, y, lw) + ui_px(app, 40);
        int ax = x + lw + gap, aw = w - lw - gap, ay = top + ui_px(app, 40) - app->scroll;
        int ay2 = q->kind == PC_Q_DATE ? question_date(app, ax, ay, aw) : question_answers(app, ax, ay, aw);
        if (ay2 > y) y = ay2;
    } else {                        /* portrait: the answers right under the question */
        y = (q->kind == PC_Q_DATE ? question_date(app, x, y, w) : question_answers(app, x, y, w)) + ui_px(app, 48);
        y = question_why(app, q, x, y, w);
    }
    ui_scroll_end(app, y + app->scroll + ui_px(app, 32));
    ui_scrollbar(app);
    int bt = ui_bottom_bar(app), bh = ui_bottom_bar_height(app) - ui_px(app, 56);
    ui_button(app, "back", (SDL_Rect){x, bt + ui_px(app, 28), ui_px(app, 300), bh}, ui_str(app, "common.back"),
              UI_BTN_SECONDARY, ACT_BACK, 0);
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
    int bw = ui_px(app, app->large ? 340 : 290), bh = ui_px(app, app->large ? 100 : 88);
    ui_button(app, "source", (SDL_Rect){x, y, bw, bh}, ui_str(app, "question.source"), UI_BTN_SECONDARY,
              ACT_SOURCE_OPEN, 0);
    if (q->n_cites > 0) {
        char label[256];
        const char *names[] = {"label"}, *values[] = {pack->clauses[q->cites[0]].label};
        pc_strings_format(label, sizeof label, ui_str(app, "source.label"), names, values, 1);
        ui_text_style ls = ui_st(app, UI_T_SMALL, false, UI_C_MUTED);
        int lw, lh;
        ui_text_size(app, label, ls, w - bw - ui_px(app, 24), &lw, &lh);
        ui_text_draw(app, label, ls, x + bw + ui_px(app, 24), y + (bh - lh) / 2, w - bw - ui_px(app, 24));
    }
    return y + bh;
}

static int question_answers(kiosk_app *app, int x, int y, int w)
{
    static const struct { const char *id, *key; pc_truth v; } ans[] = {
        {"answer:yes", "question.yes", PC_TRUE}, {"answer:no", "question.no", PC_FALSE},
        {"answer:unsure", "question.unsure", PC_UNKNOWN}};
    int q = app->s.question, gap = ui_px(app, 24), bh = ui_px(app, app->large ? 176 : 150);
    bool answered = app->s.answers.answered[q];
    for (int i = 0; i < 3; i++) {
        SDL_Rect r = {x, y + i * (bh + gap), w, bh};
        bool sel = answered && app->s.answers.truth[q] == ans[i].v;
        ui_button_sized(app, ans[i].id, r, ui_str(app, ans[i].key), sel ? UI_BTN_SELECTED : UI_BTN_SECONDARY,
                        ACT_ANSWER, (int)ans[i].v, ui_text_px(app, 60));
    }
    return y + 3 * bh + 2 * gap;
}

static int question_date(kiosk_app *app, int x, int y, int w)
{
    int q = app->s.question, gap = ui_px(app, 24);
    char buf[64], ys[8], ms[4], ds[4];
    int yy, mm, dd;
    pc_day_to_ymd(app->s.date_pick, &yy, &mm, &dd);
    ui_format_day(app, app->s.date_pick, buf, sizeof buf);
    snprintf(ys, sizeof ys, "%d", yy);
    snprintf(ms, sizeof ms, "%d", mm);
    snprintf(ds, sizeof ds, "%d", dd);
    y += ui_text_draw(app, ui_str(app, "date.chosen"), ui_st(app, UI_T_SMALL, true, UI_C_MUTED), x, y, w);
    y += ui_px(app, 8);
    y += ui_text_draw(app, buf, ui_st(app, UI_T_H1, true, UI_C_PRIMARY), x, y, w) + ui_px(app, 24);
    int cw = (w - 2 * gap) / 3;
    question_stepper(app, 0, ys, ui_str(app, "date.year"), x, y, cw);
    question_stepper(app, 2, ms, ui_str(app, "date.month"), x + cw + gap, y, cw);
    question_stepper(app, 4, ds, ui_str(app, "date.day"), x + 2 * (cw + gap), y, cw);
    y += ui_px(app, app->large ? 420 : 380) + gap;
    if (app->s.date_future_note) {
        y += ui_text_draw(app, ui_str(app, "date.future"), ui_st(app, UI_T_SMALL, true, UI_C_INELIGIBLE), x, y, w);
        y += ui_px(app, 16);
    }
    int bh = ui_px(app, app->large ? 150 : 130);
    ui_button(app, "date:today", (SDL_Rect){x, y, cw, bh}, ui_str(app, "date.today"), UI_BTN_SECONDARY,
              ACT_DATE_TODAY, 0);
    ui_button(app, "date:confirm", (SDL_Rect){x + cw + gap, y, w - cw - gap, bh}, ui_str(app, "date.confirm"),
              UI_BTN_PRIMARY, ACT_DATE_CONFIRM, 0);
    y += bh + gap;
    bool unknown = app->s.answers.answered[q] && app->s.answers.date[q] == PC_NO_DAY;
    ui_button(app, "date:unknown", (SDL_Rect){x, y, w, bh}, ui_str(app, "date.unknown"),
              unknown ? UI_BTN_SELECTED : UI_BTN_SECONDARY, ACT_DATE_UNKNOWN, 0);
    return y + bh;
}

/* ▲ value unit ▼ : which is 0 year, 2 month, 4 day (+1 for the minus button). */
static void question_stepper(kiosk_app *app, int which, const char *value, const char *unit,
                             int x, int y, int w)
{
    static const char *const ids[] = {"date:y+", "date:y-", "date:m+", "date:m-", "date:d+", "date:d-"};
    int bh = ui_px(app, app->large ? 120 : 108), mid = ui_px(app, app->large ? 180 : 164);
    ui_button(app, ids[which], (SDL_Rect){x, y, w, bh}, "", UI_BTN_SECONDARY, ACT_DATE_STEP, which);
    ui_triangle(app, (float)(x + w / 2), (float)(y + bh / 2), (float)ui_px(app, 44), true, UI_C_PRIMARY);
    char text[32];
    snprintf(text, sizeof text, "%s %s", value, unit);
    ui_text_style st = ui_st(app, UI_T_H2, true, UI_C_TEXT);
    st.align = UI_ALIGN_CENTER;
    int tw, th;
    ui_text_size(app, text, st, w, &tw, &th);
    ui_text_draw(app, text, st, x, y + bh + (mid - th) / 2, w);
    int y2 = y + bh + mid;
    ui_button(app, ids[which + 1], (SDL_Rect){x, y2, w, bh}, "", UI_BTN_SECONDARY, ACT_DATE_STEP, which + 1);
    ui_triangle(app, (float)(x + w / 2), (float)(y2 + bh / 2), (float)ui_px(app, 44), false, UI_C_PRIMARY);
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
