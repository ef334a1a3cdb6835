/* scr_options.c — the answers that are options: 是 / 否 / 不确定 as three big buttons;
 * one of several (a big button per option, then 不确定), answered at the tap; and "which
 * of these apply": a tick box per option, then 以上都不是, ticked state shown by a ✓ and
 * not by colour alone, confirmed with 下一步 in the bottom bar (scr_question.c). An answer
 * given before is shown chosen when the applicant comes back. */
#include "ui.h"

#include <stdio.h>

/* ---- static prototypes ---- */
static int options_min_height(const kiosk_app *app);
static const pc_answer *options_answer(const kiosk_app *app);

/* ---- public functions ---- */

int ui_answers_yes_no(kiosk_app *app, const pc_question *q, int x, int y, int w)
{
    static const struct { const char *id, *key; int option; } ans[] = {
        {"answer:yes", "question.yes", 0}, {"answer:no", "question.no", 1}, {"answer:unsure", "question.unsure", -1}};
    const pc_answer *a = options_answer(app);
    int gap = ui_px(app, 24), bh = ui_px(app, app->large ? UI_ANSWER_H_LARGE : UI_ANSWER_H);
    (void)q;
    for (int i = 0; i < 3; i++) {
        bool sel = ans[i].option < 0 ? a->state == PC_ANS_UNSURE : a->state == PC_ANS_GIVEN && a->value == ans[i].option;
        ui_button_sized(app, ans[i].id, (SDL_Rect){x, y + i * (bh + gap), w, bh}, ui_str(app, ans[i].key),
                        sel ? UI_BTN_SELECTED : UI_BTN_SECONDARY, ACT_ANSWER, ans[i].option,
                        ui_text_px(app, UI_T_ANSWER));
    }
    return y + 3 * bh + 2 * gap;
}

/* One big button per option, then 不确定 a little apart: a tap answers. */
int ui_answers_choice(kiosk_app *app, const pc_question *q, int x, int y, int w)
{
    const pc_answer *a = options_answer(app);
    int gap = ui_px(app, 20), min_h = options_min_height(app);
    char id[32];
    for (size_t o = 0; o < q->n_options; o++) {
        snprintf(id, sizeof id, "option:%zu", o);
        bool on = a->state == PC_ANS_GIVEN && a->value == (int32_t)o;
        y += ui_option(app, id, (SDL_Rect){x, y, w, min_h}, q->options[o].label, UI_MARK_RADIO, on, ACT_ANSWER,
                       (int)o) + gap;
    }
    y += ui_px(app, 12);
    y += ui_option(app, "answer:unsure", (SDL_Rect){x, y, w, min_h}, ui_str(app, "question.unsure"), UI_MARK_RADIO,
                   a->state == PC_ANS_UNSURE, ACT_ANSWER, -1);
    return y;
}

/* Tick boxes, then 以上都不是 (which clears the ticks); 不确定 and 下一步 are in the bar. */
int ui_answers_multi(kiosk_app *app, const pc_question *q, int x, int y, int w)
{
    int gap = ui_px(app, 20), min_h = options_min_height(app);
    char id[32];
    y += ui_text_draw(app, ui_str(app, "question.multi_hint"), ui_st(app, UI_T_SMALL, true, UI_C_MUTED), x, y, w);
    y += ui_px(app, 20);
    for (size_t o = 0; o < q->n_options && o < 32; o++) {
        snprintf(id, sizeof id, "multi:%zu", o);
        bool on = (app->s.multi_pick >> o) & 1u;
        y += ui_option(app, id, (SDL_Rect){x, y, w, min_h}, q->options[o].label, UI_MARK_BOX, on, ACT_MULTI_TOGGLE,
                       (int)o) + gap;
    }
    y += ui_px(app, 12);
    y += ui_option(app, "multi:none", (SDL_Rect){x, y, w, min_h}, ui_str(app, "question.none_of_these"), UI_MARK_BOX,
                   app->s.multi_none, ACT_MULTI_NONE, 0);
    return y;
}

/* ---- static functions ---- */

/* Options are as tall as 是 / 否 in portrait; in landscape a little less, so that more
 * of them fit beside the question (never under the PIN pad's keys). */
static int options_min_height(const kiosk_app *app)
{
    if (app->landscape) return ui_px(app, app->large ? UI_OPTION_H_LARGE : UI_OPTION_H);
    return ui_px(app, app->large ? UI_ANSWER_H_LARGE : UI_ANSWER_H);
}

static const pc_answer *options_answer(const kiosk_app *app)
{
    return &app->s.answers.a[app->s.question];
}
