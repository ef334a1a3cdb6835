/* scr_review.c — every answer on one scrollable screen, in words (the option chosen, the
 * ticked list, the number with its unit, the date or why there is none), each card one
 * tap away from changing it (then back here); what the policy says of false applications
 * (pack->warning) before the way on to the result. */
#include "ui.h"

#include <stdio.h>
#include <string.h>

/* ---- static prototypes ---- */
static int review_card(kiosk_app *app, const pc_pack *pack, size_t q, int x, int y, int w);

/* ---- public functions ---- */

void ui_screen_review(kiosk_app *app)
{
    const pc_pack *pack = ui_session_pack(app);
    if (!pack) return;
    int top = ui_top_bar(app, pack->short_title), x, w;
    int bar = app->h - ui_bottom_bar_height(app);
    ui_column(app, &x, &w);
    ui_scroll_begin(app, top, bar);
    int y = top + ui_px(app, 48) - app->scroll;
    y += ui_text_draw(app, ui_str(app, "review.title"), ui_st(app, UI_T_H1, true, UI_C_TEXT), x, y, w);
    y += ui_px(app, 16);
    y += ui_text_draw(app, ui_str(app, "review.lead"), ui_st(app, UI_T_BODY, false, UI_C_MUTED), x, y, w);
    y += ui_px(app, 36);
    if (pack->warning && pack->warning[0]) {
        char warning[1024];
        ui_fmt1(app, "review.warning", "warning", pack->warning, warning, sizeof warning);
        y += ui_note(app, warning, x, y, w, UI_C_NOTE_BG, UI_C_INELIGIBLE) + ui_px(app, 36);
    }
    for (size_t q = 0; q < pack->n_questions; q++)
        if (pc_answer_given(&app->s.answers, q)) y = review_card(app, pack, q, x, y, w) + ui_px(app, 20);
    ui_scroll_end(app, y + app->scroll + ui_px(app, 24));
    ui_scrollbar(app);
    int bt = ui_bottom_bar(app), bh = ui_bottom_bar_height(app) - ui_px(app, 56), gap = ui_px(app, 24);
    int backw = ui_px(app, 300);
    ui_button(app, "back", (SDL_Rect){x, bt + ui_px(app, 28), backw, bh}, ui_str(app, "common.back"),
              UI_BTN_SECONDARY, ACT_BACK, 0);
    ui_button(app, "review:result", (SDL_Rect){x + backw + gap, bt + ui_px(app, 28), w - backw - gap, bh},
              ui_str(app, "review.result"), UI_BTN_PRIMARY, ACT_REVIEW_RESULT, 0);
}

/* ---- static functions ---- */

static int review_card(kiosk_app *app, const pc_pack *pack, size_t q, int x, int y, int w)
{
    int pad = ui_px(app, 32), pill = ui_px(app, app->large ? 200 : 170), iw = w - 2 * pad - pill - pad;
    char buf[1024];
    const char *ans = ui_answer_label(app, pack, &app->s.answers, q, buf, sizeof buf);
    bool open = ui_answer_is_open(&app->s.answers, q);
    ui_text_style qs = ui_st(app, UI_T_BODY, false, UI_C_TEXT),
                  as = ui_st(app, UI_T_H2, true, open ? UI_C_REFER : UI_C_PRIMARY);   /* 不确定 stands out */
    int tw, qh, ah;
    ui_text_size(app, pack->questions[q].ask, qs, iw, &tw, &qh);
    ui_text_size(app, ans, as, iw, &tw, &ah);
    int h = pad + qh + ui_px(app, 12) + ah + pad;
    SDL_Rect card = {x, y, w, h};
    char id[64];
    snprintf(id, sizeof id, "review:%s", pack->questions[q].id);
    int idx = ui_widget_add(app, id, card, ACT_REVIEW_CHANGE, (int)q);
    bool pressed = app->ptr.down && !app->ptr.scrolling && app->ptr.widget == idx;
    ui_round_frame(app, card, ui_px(app, 20), ui_px(app, 2), pressed ? UI_C_SOFT : UI_C_CARD, UI_C_BORDER);
    ui_text_draw(app, pack->questions[q].ask, qs, x + pad, y + pad, iw);
    ui_text_draw(app, ans, as, x + pad, y + pad + qh + ui_px(app, 12), iw);
    int ph = ui_px(app, app->large ? 84 : 72);
    SDL_Rect pr = {x + w - pad - pill, y + (h - ph) / 2, pill, ph};
    ui_round_frame(app, pr, ph / 2, ui_px(app, 3), UI_C_CARD, UI_C_PRIMARY);
    ui_text_style ps = ui_st(app, UI_T_SMALL, true, UI_C_LINK);
    ps.align = UI_ALIGN_CENTER;
    int pw, phh;
    ui_text_size(app, ui_str(app, "review.change"), ps, pill, &pw, &phh);
    ui_text_draw(app, ui_str(app, "review.change"), ps, pr.x, pr.y + (ph - phh) / 2, pill);
    return y + h;
}
