/* page.c — the scaffold every page of the kiosk is built on: the top bar (the emblem in
 * the staff corner, the title, the large-text switch), the assist strip under it on an
 * applicant's screen (读给我听, 请工作人员帮助, 回首页), the content column scrolling
 * under it with a layout cursor at its top, the page's title and lead, and the bottom
 * bar (返回 and the main action, which never scroll away). */
#include "screens/screens.h"

/* ---- static prototypes ---- */
static int page_assist_width(ui_ctx *ui, const char *label);
static int page_assist_button(ui_ctx *ui, const char *id, const char *label, int x, int y, int h,
                              ui_action action);

/* ---- public functions ---- */

int ui_page_top_bar(ui_ctx *ui, const char *title)
{
    int h = ui_px(ui, UI_BAR_H), pad = ui_px(ui, 40);
    ui_fill(ui, (SDL_Rect){0, 0, ui->w, h}, UI_C_BAR);
    /* emblem in the staff corner (a long press there opens the PIN pad) */
    ui_disc(ui, pad + ui_px(ui, 26), h / 2, ui_px(ui, 26), UI_C_ON_DARK);
    ui_disc(ui, pad + ui_px(ui, 26), h / 2, ui_px(ui, 17), UI_C_BAR);
    ui_disc(ui, pad + ui_px(ui, 26), h / 2, ui_px(ui, 9), UI_C_ON_DARK);
    int bw = ui_px(ui, 232), bh = ui_px(ui, 92);
    SDL_Rect sw = {ui->w - pad - bw, (h - bh) / 2, bw, bh};
    ui_text_style st = {ui_px(ui, 40), true, UI_C_ON_DARK, UI_ALIGN_LEFT};
    int tx = pad + ui_px(ui, 80), tw, th;
    ui_text_size(ui, title, st, 0, &tw, &th);
    if (tw <= sw.x - tx - pad)
        ui_text_draw(ui, title, st, tx, (h - th) / 2, 0);
    else {
        st.size = ui_px(ui, 32);
        ui_text_size(ui, title, st, sw.x - tx - pad, &tw, &th);
        ui_text_draw(ui, title, st, tx, (h - th) / 2, sw.x - tx - pad);
    }
    ui_button(ui, "large", sw, ui_str(ui, ui->large ? "common.large_off" : "common.large_on"),
              UI_BTN_BAR, ACT_LARGE, 0);
    return h;
}

int ui_page_bottom_bar_height(const ui_ctx *ui)
{
    return ui_px(ui, ui->large ? 196 : 176);
}

int ui_page_bottom_row_height(const ui_ctx *ui)
{
    return ui_page_bottom_bar_height(ui) - ui_px(ui, 56) + ui_px(ui, 24); /* a row, a gap */
}

int ui_page_bottom_bar_two_rows(ui_ctx *ui)
{
    int h = ui_page_bottom_bar_height(ui) + ui_page_bottom_row_height(ui), top = ui->h - h;
    ui_fill(ui, (SDL_Rect){0, top, ui->w, h}, UI_C_CARD);
    ui_fill(ui, (SDL_Rect){0, top, ui->w, ui_px(ui, 2)}, UI_C_BORDER);
    return top;
}

int ui_page_bottom_bar(ui_ctx *ui)
{
    int h = ui_page_bottom_bar_height(ui), top = ui->h - h;
    ui_fill(ui, (SDL_Rect){0, top, ui->w, h}, UI_C_CARD);
    ui_fill(ui, (SDL_Rect){0, top, ui->w, ui_px(ui, 2)}, UI_C_BORDER);
    return top;
}

void ui_page_bottom_buttons(ui_ctx *ui, int x, int w, const char *second_id,
                            const char *second_label, ui_btn_kind second_kind,
                            ui_action second_action, const char *main_id, const char *main_label,
                            ui_btn_kind main_kind, ui_action main_action)
{
    int widths[3] = {ui_px(ui, 300)}, n = 1;
    if (second_id)
        widths[n++] = ui_px(ui, ui->large ? 300 : 280);
    if (main_id)
        widths[n++] = 0;
    ui_layout bar = ui_page_bottom_row(ui, x, w, n, widths);
    ui_button(ui, "back", ui_layout_cell(&bar), ui_str(ui, "common.back"), UI_BTN_SECONDARY,
              ACT_BACK, 0);
    if (second_id)
        ui_button(ui, second_id, ui_layout_cell(&bar), second_label, second_kind, second_action,
                  -1);
    if (main_id)
        ui_button(ui, main_id, ui_layout_cell(&bar), main_label, main_kind, main_action, 0);
}

ui_layout ui_page_bottom_row(ui_ctx *ui, int x, int w, int n, const int *widths)
{
    int top = ui_page_bottom_bar(ui);
    ui_layout bar = ui_layout_column(x, top + ui_px(ui, 28), w);
    ui_layout_row(&bar, n, widths, ui_page_bottom_bar_height(ui) - ui_px(ui, 56), ui_px(ui, 24));
    return bar;
}

int ui_page_assist_height(const ui_ctx *ui)
{
    return ui->assist ? ui_px(ui, ui->large ? 128 : 112) : 0;
}

int ui_page_assist(ui_ctx *ui, int top)
{
    if (!ui->assist)
        return 0;
    int h = ui_page_assist_height(ui), pad = ui_px(ui, 40), gap = ui_px(ui, 20);
    int bh = h - ui_px(ui, 24), x = pad, y = top + (h - bh) / 2;
    ui_fill(ui, (SDL_Rect){0, top, ui->w, h}, UI_C_SOFT);
    ui_fill(ui, (SDL_Rect){0, top + h - ui_px(ui, 2), ui->w, ui_px(ui, 2)}, UI_C_BORDER);
    if (ui->assist & UI_ASSIST_VOICE)
        x += gap + page_assist_button(ui, "voice", ui_str(ui, "assist.voice"), x, y, bh, ACT_VOICE);
    if (ui->assist & UI_ASSIST_HELP)
        page_assist_button(ui, "help", ui_str(ui, "assist.help"), x, y, bh, ACT_HELP);
    if (ui->assist & UI_ASSIST_HOME) {
        int w = page_assist_width(ui, ui_str(ui, "common.home"));
        page_assist_button(ui, "home", ui_str(ui, "common.home"), ui->w - pad - w, y, bh, ACT_HOME);
    }
    return h;
}

ui_page ui_page_begin(ui_ctx *ui, const char *title, int flags, int above)
{
    ui_page p = {.top = ui_page_top_bar(ui, title), .scroll = ui->gfx->scroll};
    p.top += ui_page_assist(ui, p.top);
    p.bottom = flags & UI_PAGE_BAR ? ui->h - ui_page_bottom_bar_height(ui) : ui->h;
    int x, w;
    if (flags & UI_PAGE_WIDE)
        ui_column_wide(ui, &x, &w);
    else
        ui_column(ui, &x, &w);
    ui_scroll_begin(ui, p.top, p.bottom);
    p.body = ui_layout_column(x, p.top + ui_px(ui, above) - p.scroll, w);
    return p;
}

void ui_page_head(ui_ctx *ui, ui_layout *l, const char *title, const char *lead,
                  const ui_page_look *look)
{
    ui_layout_text(ui, l, title, ui_st(ui, look->title_size, true, UI_C_TEXT));
    ui_layout_space(ui, l, look->under_title);
    ui_layout_text(ui, l, lead, ui_st(ui, UI_T_BODY, false, look->lead_color));
    ui_layout_space(ui, l, look->under_lead);
}

void ui_page_end(ui_ctx *ui, const ui_page *p, int below)
{
    ui_scroll_end(ui, p->body.y + p->scroll + ui_px(ui, below));
    ui_scrollbar(ui);
}

void ui_page_more_below(ui_ctx *ui, SDL_Rect left, SDL_Rect right)
{
    SDL_Rect v = ui->gfx->scroll_view;
    const ui_widget *hidden = NULL;
    for (size_t i = 0; i < ui->gfx->n_widgets && !hidden; i++) {
        const ui_widget *wd = &ui->gfx->widgets[i];
        if (wd->scrolls && wd->r.y >= v.y + v.h - ui_px(ui, 8))
            hidden = wd;
    }
    if (!hidden)
        return;
    SDL_Rect col = hidden->r.x >= right.x ? right : left;
    const char *text = ui_str(ui, "question.more");
    ui_text_style st = ui_st(ui, UI_T_SMALL, true, UI_C_ON_DARK);
    int tw, th, tri = ui_text_px(ui, 22), pad = ui_px(ui, 28);
    ui_text_size(ui, text, st, 0, &tw, &th);
    int h = th + 2 * ui_px(ui, 18), w = tw + 2 * pad + tri + ui_px(ui, 16);
    if (h < ui_min_target(ui))
        h = ui_min_target(ui);
    SDL_Rect r = {col.x + (col.w - w) / 2, v.y + v.h - h - ui_px(ui, 20), w, h};
    ui_widget_add(ui, "more", r, ACT_SCROLL_MORE, 0);
    ui_round(ui, r, h / 2, UI_C_BAR);
    ui_triangle(ui, (float)(r.x + pad + tri / 2), (float)(r.y + h / 2), (float)tri, false,
                UI_C_ON_DARK);
    ui_text_draw(ui, text, st, r.x + pad + tri + ui_px(ui, 16), r.y + (h - th) / 2, 0);
}

/* ---- static functions ---- */

/* A button of the assist strip is as wide as its words and some room. */
static int page_assist_width(ui_ctx *ui, const char *label)
{
    int tw, th;
    ui_text_size(ui, label, ui_st(ui, UI_T_SMALL, true, UI_C_LINK), 0, &tw, &th);
    return tw + ui_px(ui, 64);
}

/* Draws one button of the strip at (x, y); returns its width. */
static int page_assist_button(ui_ctx *ui, const char *id, const char *label, int x, int y, int h,
                              ui_action action)
{
    int w = page_assist_width(ui, label);
    ui_button_sized(ui, id, (SDL_Rect){x, y, w, h}, label, UI_BTN_SECONDARY, action, 0,
                    ui_text_px(ui, UI_T_SMALL));
    return w;
}
