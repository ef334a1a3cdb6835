/* card.c — a card in the middle of the screen over whatever was shown, and the
 * confirmation card drawn in it: a title, perhaps a large figure, a sentence saying
 * what happens, and two stacked buttons (the primary first). The idle countdown (还在吗),
 * the question 完成 asks before leaving without a slip (要打印回执吗) and the assist
 * strip's cards (请工作人员帮助, 回首页) share it, so they look and measure alike. */
#include "screens/screens.h"

/* ---- static prototypes ---- */
static void confirm_draw(ui_ctx *ui, const void *confirm, ui_layout *l);

/* ---- public functions ---- */

void ui_card_overlay(ui_ctx *ui, bool opaque, ui_card_fn card, const void *ctx)
{
    if (opaque)
        ui_fill(ui, (SDL_Rect){0, 0, ui->w, ui->h}, UI_C_BAR); /* what was shown stays hidden */
    else
        ui_dim(ui);
    ui_widgets_begin(ui); /* only the card's buttons answer */
    int x, w, pad = ui_px(ui, 56);
    ui_column(ui, &x, &w);
    ui_layout in = ui_layout_measure(x + pad, 0, w - 2 * pad);
    card(ui, ctx, &in);
    int h = pad + in.y + pad, y = (ui->h - h) / 2;
    ui_round(ui, (SDL_Rect){x, y, w, h}, ui_px(ui, UI_RADIUS), UI_C_CARD);
    in = ui_layout_column(x + pad, y + pad, w - 2 * pad);
    card(ui, ctx, &in);
}

void ui_confirm_card(ui_ctx *ui, const ui_confirm *c)
{
    ui_card_overlay(ui, true, confirm_draw, c);
}

/* ---- static functions ---- */

static void confirm_draw(ui_ctx *ui, const void *confirm, ui_layout *l)
{
    const ui_confirm *c = confirm;
    ui_text_style ts = ui_st(ui, c->title_size, true, UI_C_TEXT),
                  ns = ui_st(ui, 150, true, UI_C_PRIMARY),
                  ls = ui_st(ui, UI_T_BODY, false, UI_C_TEXT);
    ts.align = ns.align = ls.align = UI_ALIGN_CENTER;
    int bh = ui_px(ui, ui->large ? 170 : 150);
    ui_layout_text(ui, l, c->title, ts);
    ui_layout_space(ui, l, UI_SPACE_7);
    if (c->figure) {
        ui_layout_text(ui, l, c->figure, ns);
        ui_layout_space(ui, l, UI_SPACE_7);
    }
    ui_layout_text(ui, l, c->lead, ls);
    ui_layout_space(ui, l, UI_SPACE_7);
    ui_layout_space(ui, l, UI_SPACE_7);
    SDL_Rect yes = ui_layout_next(l, bh);
    ui_layout_space(ui, l, UI_SPACE_7);
    SDL_Rect no = ui_layout_next(l, bh);
    if (l->measure)
        return;
    const ui_key *k = &c->yes;
    if (c->yes_text_px)
        ui_button_sized(ui, k->id, yes, k->label, k->kind, k->action, k->arg, c->yes_text_px);
    else
        ui_button(ui, k->id, yes, k->label, k->kind, k->action, k->arg);
    k = &c->no;
    ui_button(ui, k->id, no, k->label, k->kind, k->action, k->arg);
}
