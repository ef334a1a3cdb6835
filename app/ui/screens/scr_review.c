/* scr_review.c — every answer on one scrollable screen, in words (the option chosen, the
 * ticked list, the number with its unit, the date or why there is none), each card one
 * tap away from changing it (then back here); what the policy says of false applications
 * (pack->warning) before the way on to the result. */
#include "screens/screens.h"

#include <stdio.h>

/* ---- static prototypes ---- */
static void review_card(ui_ctx *ui, const kiosk_app *app, ui_layout *l, size_t q);
static void review_card_words(ui_ctx *ui, const kiosk_app *app, ui_layout *l, size_t q);
static void review_pill(ui_ctx *ui, SDL_Rect card, int pad, int w);

/* ---- public functions ---- */

void scr_review_draw(ui_ctx *ui, const kiosk_app *app)
{
    static const ui_page_look look = {UI_T_H1, UI_C_MUTED, UI_SPACE_4, UI_SPACE_9};
    const pc_pack *pack = app->session.pack;
    if (!pack)
        return;
    ui_page page = ui_page_begin(ui, pack->short_title, UI_PAGE_BAR, UI_SPACE_12);
    ui_layout *l = &page.body;
    ui_page_head(ui, l, ui_str(ui, "review.title"), ui_str(ui, "review.lead"), &look);
    if (pack->warning && pack->warning[0]) {
        char warning[1024];
        ui_str_fill(ui, "review.warning", "warning", pack->warning, warning, sizeof warning);
        ui_note(ui, l, warning, UI_C_NOTE_BG, UI_C_INELIGIBLE);
        ui_layout_space(ui, l, UI_SPACE_9);
    }
    for (size_t q = 0; q < pack->n_questions; q++) {
        if (!pc_answer_given(&app->session.answers, q))
            continue;
        review_card(ui, app, l, q);
        ui_layout_space(ui, l, UI_SPACE_5);
    }
    ui_page_end(ui, &page, 24);
    SDL_Rect col = {l->x, 0, l->w, 0};
    ui_page_more_below(ui, col, col); /* more answers than the screen holds */
    ui_page_bottom_buttons(ui, l->x, l->w, NULL, NULL, UI_BTN_SECONDARY, ACT_NONE, "review:result",
                           ui_str(ui, "review.result"), UI_BTN_PRIMARY, ACT_REVIEW_RESULT);
}

/* ---- static functions ---- */

/* The question and its answer; the whole card is the target, with 修改 at its right. */
static void review_card(ui_ctx *ui, const kiosk_app *app, ui_layout *l, size_t q)
{
    int pad = ui_px(ui, 32), pill = ui_px(ui, ui->large ? 200 : 170);
    int words_w = l->w - 2 * pad - pill - pad; /* the pill and a gap */
    ui_layout in = ui_layout_measure(l->x + pad, l->y + pad, words_w);
    review_card_words(ui, app, &in, q);
    SDL_Rect card = ui_layout_next(l, in.y - l->y + pad);
    char id[64];
    snprintf(id, sizeof id, "review:%s", app->session.pack->questions[q].id);
    int idx = ui_widget_add(ui, id, card, ACT_REVIEW_CHANGE, (int)q);
    ui_round_frame(ui, card, ui_px(ui, 20), ui_px(ui, 2),
                   ui_widget_pressed(ui, idx) ? UI_C_SOFT : UI_C_CARD, UI_C_BORDER);
    in = ui_layout_column(card.x + pad, card.y + pad, words_w);
    review_card_words(ui, app, &in, q);
    review_pill(ui, card, pad, pill);
}

/* The question, then the answer in words (不确定 stands out in its own colour). */
static void review_card_words(ui_ctx *ui, const kiosk_app *app, ui_layout *l, size_t q)
{
    const pc_pack *pack = app->session.pack;
    char buf[1024];
    const char *answer = ui_words_answer(ui, pack, &app->session.answers, q, buf, sizeof buf);
    bool open = app->session.answers.a[q].state == PC_ANS_UNSURE;
    ui_layout_text(ui, l, pack->questions[q].ask, ui_st(ui, UI_T_BODY, false, UI_C_TEXT));
    ui_layout_space(ui, l, UI_SPACE_3);
    ui_layout_text(ui, l, answer, ui_st(ui, UI_T_H2, true, open ? UI_C_REFER : UI_C_PRIMARY));
}

/* 修改 in a pill at the card's right, in the middle of its height. */
static void review_pill(ui_ctx *ui, SDL_Rect card, int pad, int w)
{
    int h = ui_px(ui, ui->large ? 84 : 72), tw, th;
    SDL_Rect r = {card.x + card.w - pad - w, card.y + (card.h - h) / 2, w, h};
    ui_round_frame(ui, r, h / 2, ui_px(ui, 3), UI_C_CARD, UI_C_PRIMARY);
    ui_text_style st = ui_st(ui, UI_T_SMALL, true, UI_C_LINK);
    st.align = UI_ALIGN_CENTER;
    ui_text_size(ui, ui_str(ui, "review.change"), st, w, &tw, &th);
    ui_text_draw(ui, ui_str(ui, "review.change"), st, r.x, r.y + (h - th) / 2, w);
}
