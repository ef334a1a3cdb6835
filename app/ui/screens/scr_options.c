/* scr_options.c — the answers that are options: 是 / 否 / 不确定 as three big buttons;
 * one of several (a big button per option, then 不确定), answered at the tap; and "which
 * of these apply": a tick box per option, then 以上都不是, ticked state shown by a ✓ and
 * not by colour alone, confirmed with 下一步 in the bottom bar (scr_question.c). An answer
 * given before is shown chosen when the applicant comes back. */
#include "screens/screens.h"

#include <stdio.h>

/* ---- static prototypes ---- */
static int options_min_height(const ui_ctx *ui);
static int options_height(ui_ctx *ui, const pc_question *q, int w);
static const pc_answer *options_answer(const kiosk_app *app);

/* ---- public functions ---- */

void scr_options_yes_no(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l)
{
    static const struct {
        const char *id, *key;
        int option;
    } ans[] = {{"answer:yes", "question.yes", 0},
               {"answer:no", "question.no", 1},
               {"answer:unsure", "question.unsure", -1}};
    const pc_answer *a = options_answer(app);
    (void)q;
    ui_layout_row(l, 1, (int[]){0}, ui_px(ui, ui->large ? UI_ANSWER_H_LARGE : UI_ANSWER_H),
                  ui_px(ui, 24));
    for (int i = 0; i < 3; i++) {
        bool sel = ans[i].option < 0 ? a->state == PC_ANS_UNSURE
                                     : a->state == PC_ANS_GIVEN && a->value == ans[i].option;
        ui_button_sized(ui, ans[i].id, ui_layout_cell(l), ui_str(ui, ans[i].key),
                        sel ? UI_BTN_SELECTED : UI_BTN_SECONDARY, ACT_ANSWER, ans[i].option,
                        ui_text_px(ui, UI_T_ANSWER));
    }
    ui_layout_row_end(l);
}

/* One big button per option, then 不确定 a little apart: a tap answers. */
void scr_options_choice(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l)
{
    const pc_answer *a = options_answer(app);
    int min_h = options_min_height(ui);
    bool in_bar = scr_options_extras_in_bar(ui, q, l);
    char id[32];
    for (size_t o = 0; o < q->n_options; o++) {
        snprintf(id, sizeof id, "option:%zu", o);
        bool on = a->state == PC_ANS_GIVEN && a->value == (int32_t)o;
        ui_option(ui, l, id, min_h, q->options[o].label, UI_MARK_RADIO, on, ACT_ANSWER, (int)o);
        ui_layout_space(ui, l, UI_SPACE_5);
    }
    if (in_bar) /* in the bottom bar (scr_question.c) */
        return;
    ui_layout_space(ui, l, UI_SPACE_3);
    ui_option(ui, l, "answer:unsure", min_h, ui_str(ui, "question.unsure"), UI_MARK_RADIO,
              a->state == PC_ANS_UNSURE, ACT_ANSWER, -1);
}

/* Tick boxes, then 以上都不是 (which clears the ticks); 不确定 and 下一步 are in the bar. */
void scr_options_multi(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l)
{
    const pc_entry *e = &app->session.entry;
    int min_h = options_min_height(ui);
    bool in_bar = scr_options_extras_in_bar(ui, q, l);
    char id[32];
    ui_layout_text(ui, l, ui_str(ui, "question.multi_hint"),
                   ui_st(ui, UI_T_SMALL, true, UI_C_MUTED));
    ui_layout_space(ui, l, UI_SPACE_5);
    for (size_t o = 0; o < q->n_options && o < 32; o++) {
        snprintf(id, sizeof id, "multi:%zu", o);
        ui_option(ui, l, id, min_h, q->options[o].label, UI_MARK_BOX, (e->multi_pick >> o) & 1u,
                  ACT_MULTI_TOGGLE, (int)o);
        ui_layout_space(ui, l, UI_SPACE_5);
    }
    if (in_bar) /* in the bottom bar (scr_question.c) */
        return;
    ui_layout_space(ui, l, UI_SPACE_3);
    ui_option(ui, l, "multi:none", min_h, ui_str(ui, "question.none_of_these"), UI_MARK_BOX,
              e->multi_none, ACT_MULTI_NONE, 0);
}

bool scr_options_extras_in_bar(ui_ctx *ui, const pc_question *q, const ui_layout *l)
{
    if (scr_question_bar_extra(ui, q))
        return true;
    if (q->kind != PC_Q_CHOICE && q->kind != PC_Q_MULTI)
        return false;
    const SDL_Rect *view = &ui->gfx->scroll_view;
    int top = l->y + ui->gfx->scroll; /* where the options start when not scrolled */
    return top + options_height(ui, q, l->w) > view->y + view->h;
}

/* ---- static functions ---- */

/* The options' column as scr_options_choice / _multi lay it out with the answer that is
 * not an option (不确定, 以上都不是) under them: measured, nothing drawn. */
static int options_height(ui_ctx *ui, const pc_question *q, int w)
{
    int min_h = options_min_height(ui);
    ui_layout m = ui_layout_measure(0, 0, w);
    if (q->kind == PC_Q_MULTI) {
        ui_layout_text(ui, &m, ui_str(ui, "question.multi_hint"),
                       ui_st(ui, UI_T_SMALL, true, UI_C_MUTED));
        ui_layout_space(ui, &m, UI_SPACE_5);
    }
    for (size_t o = 0; o < q->n_options && o < 32; o++) {
        ui_layout_next(&m, ui_option_height(ui, q->options[o].label, w, min_h));
        ui_layout_space(ui, &m, UI_SPACE_5);
    }
    const char *extra =
        ui_str(ui, q->kind == PC_Q_MULTI ? "question.none_of_these" : "question.unsure");
    ui_layout_space(ui, &m, UI_SPACE_3);
    ui_layout_next(&m, ui_option_height(ui, extra, w, min_h));
    return m.y;
}

/* Options are as tall as 是 / 否 in portrait; in landscape a little less, so that more
 * of them fit beside the question (never under the PIN pad's keys). */
static int options_min_height(const ui_ctx *ui)
{
    if (ui->landscape)
        return ui_px(ui, ui->large ? UI_OPTION_H_LARGE : UI_OPTION_H);
    return ui_px(ui, ui->large ? UI_ANSWER_H_LARGE : UI_ANSWER_H);
}

static const pc_answer *options_answer(const kiosk_app *app)
{
    return &app->session.answers.a[app->session.question];
}
