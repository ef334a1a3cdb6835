/* widgets.c — touch targets, buttons, options (a mark and left-aligned words, as tall
 * as the words need), headings and note panels, the content column and the scrolling
 * area.
 *
 * Each frame a screen registers its targets as it draws them; the input code hit-tests
 * the last frame's list and scripts find targets by id in it. Buttons are never
 * smaller than the minimum target (44 px, 60 px in large-text mode). A chosen button or
 * option carries a ✓, never colour alone; a disabled-looking one stays a target so that
 * a tap can say what is missing. */
#include "draw/ui_draw.h"

#include <stdio.h>
#include <string.h>

/* ---- static prototypes ---- */
static void widgets_button_face(ui_ctx *ui, SDL_Rect r, ui_btn_kind kind, bool pressed,
                                ui_text_style *st);
static void widgets_box(ui_ctx *ui, SDL_Rect b, bool on);
static void widgets_radio(ui_ctx *ui, int cx, int cy, int r, bool on);

/* ---- public functions ---- */

void ui_widgets_begin(ui_ctx *ui)
{
    ui->gfx->n_widgets = 0;
    ui->gfx->in_scroll = false;
}

int ui_widget_add(ui_ctx *ui, const char *id, SDL_Rect r, int action, int arg)
{
    ui_gfx *g = ui->gfx;
    if (g->n_widgets == UI_MAX_WIDGETS)
        return -1;
    ui_widget *w = &g->widgets[g->n_widgets];
    snprintf(w->id, sizeof w->id, "%s", id);
    w->r = r;
    w->action = action;
    w->arg = arg;
    w->scrolls = g->in_scroll;
    return (int)g->n_widgets++;
}

/* The topmost widget under (x, y); scrolled ones only inside the scrolling area. */
int ui_widget_at(const ui_ctx *ui, int x, int y)
{
    SDL_Point p = {x, y};
    for (size_t i = ui->gfx->n_widgets; i-- > 0;) {
        const ui_widget *w = &ui->gfx->widgets[i];
        if (!SDL_PointInRect(&p, &w->r))
            continue;
        if (w->scrolls && !SDL_PointInRect(&p, &ui->gfx->scroll_view))
            continue;
        return (int)i;
    }
    return -1;
}

int ui_widget_find(const ui_ctx *ui, const char *id)
{
    for (size_t i = 0; i < ui->gfx->n_widgets; i++)
        if (strcmp(ui->gfx->widgets[i].id, id) == 0)
            return (int)i;
    return -1;
}

bool ui_widget_pressed(const ui_ctx *ui, int idx)
{
    return idx >= 0 && idx == ui->gfx->pressed;
}

int ui_min_target(const ui_ctx *ui)
{
    return ui_px(ui, ui->large ? UI_MIN_TARGET_LARGE : UI_MIN_TARGET);
}

void ui_button(ui_ctx *ui, const char *id, SDL_Rect r, const char *label, ui_btn_kind kind,
               int action, int arg)
{
    ui_button_sized(ui, id, r, label, kind, action, arg, ui_text_px(ui, UI_T_BUTTON));
}

void ui_button_sized(ui_ctx *ui, const char *id, SDL_Rect r, const char *label, ui_btn_kind kind,
                     int action, int arg, int text_px)
{
    int min = ui_min_target(ui);
    if (r.h < min)
        r.h = min;
    if (r.w < min)
        r.w = min;
    int idx = ui_widget_add(ui, id, r, action, arg);
    ui_text_style st = {text_px, true, UI_C_ON_DARK, UI_ALIGN_CENTER};
    widgets_button_face(ui, r, kind, ui_widget_pressed(ui, idx), &st);
    int tw, th, left = ui_px(ui, 16), right = left;
    if (kind == UI_BTN_SELECTED) { /* the words never run over the ✓ */
        int icon = ui_px(ui, 24) + 2 * (r.h / 5) + ui_px(ui, 12);
        ui_text_size(ui, label, st, 0, &tw, &th);
        left = right = icon;
        if (tw > r.w - 2 * icon)
            right = ui_px(ui, 16); /* too narrow to stay centred */
    }
    ui_text_size(ui, label, st, r.w - left - right, &tw, &th);
    ui_text_draw(ui, label, st, r.x + left, r.y + (r.h - th) / 2, r.w - left - right);
}

int ui_option_height(ui_ctx *ui, const char *label, int w, int min_h)
{
    int pad = ui_px(ui, 28), mark = ui_text_px(ui, 44), tw, th;
    ui_text_style st = {ui_text_px(ui, UI_T_OPTION), true, UI_C_LINK, UI_ALIGN_LEFT};
    ui_text_size(ui, label, st, w - 3 * pad - mark, &tw, &th);
    int h = th + 2 * pad;
    return h > min_h ? h : min_h;
}

int ui_option(ui_ctx *ui, ui_layout *l, const char *id, int min_h, const char *label, ui_mark mark,
              bool on, int action, int arg)
{
    int pad = ui_px(ui, 28), m = mark == UI_MARK_NONE ? 0 : ui_text_px(ui, 44), tw, th;
    SDL_Rect r = ui_layout_next(l, ui_option_height(ui, label, l->w, min_h));
    int idx = ui_widget_add(ui, id, r, action, arg);
    bool pressed = ui_widget_pressed(ui, idx);
    int rad = ui_px(ui, UI_RADIUS);
    if (on)
        ui_round(ui, r, rad, pressed ? UI_C_PRIMARY_DOWN : UI_C_SELECTED);
    else
        ui_round_frame(ui, r, rad, ui_px(ui, 4), pressed ? UI_C_SOFT : UI_C_CARD, UI_C_PRIMARY);
    int mx = r.x + pad, my = r.y + (r.h - m) / 2;
    if (mark == UI_MARK_BOX)
        widgets_box(ui, (SDL_Rect){mx, my, m, m}, on);
    else if (mark == UI_MARK_RADIO)
        widgets_radio(ui, mx + m / 2, my + m / 2, m / 2, on);
    ui_text_style st = {ui_text_px(ui, UI_T_OPTION), true, on ? UI_C_ON_DARK : UI_C_LINK,
                        UI_ALIGN_LEFT};
    int lx = r.x + pad + (m ? m + pad : 0), lw = r.x + r.w - pad - lx;
    ui_text_size(ui, label, st, lw, &tw, &th);
    ui_text_draw(ui, label, st, lx, r.y + (r.h - th) / 2, lw);
    return r.h;
}

void ui_keypad(ui_ctx *ui, ui_layout *l, const char *prefix, int digit_action, int digit_px,
               const ui_key *left, const ui_key *right)
{
    for (int i = 0; i < 12; i++) {
        SDL_Rect r = ui_layout_cell(l);
        const ui_key *corner = i == 9 ? left : i == 11 ? right : NULL;
        int words_px = ui_text_px(ui, UI_T_BUTTON); /* 删除, 点: never larger than the digits */
        if (corner && corner->id)
            ui_button_sized(ui, corner->id, r, corner->label, corner->kind, corner->action,
                            corner->arg, digit_px < words_px ? digit_px : words_px);
        if (i == 9 || i == 11)
            continue;
        int digit = i == 10 ? 0 : i + 1;
        char id[24], label[4];
        snprintf(id, sizeof id, "%s:%d", prefix, digit);
        snprintf(label, sizeof label, "%d", digit);
        ui_button_sized(ui, id, r, label, UI_BTN_SECONDARY, digit_action, digit, digit_px);
    }
    ui_layout_row_end(l);
}

void ui_heading(ui_ctx *ui, ui_layout *l, const char *text)
{
    if (!l->measure)
        ui_fill(ui, (SDL_Rect){l->x, l->y + ui_px(ui, 8), ui_px(ui, 8), ui_text_px(ui, UI_T_H2)},
                UI_C_PRIMARY);
    ui_layout words = ui_layout_indent(l, ui_px(ui, 28));
    ui_layout_text(ui, &words, text, ui_st(ui, UI_T_H2, true, UI_C_TEXT));
    l->y = words.y;
    ui_layout_space(ui, l, UI_SPACE_5);
}

int ui_note_height(ui_ctx *ui, const char *text, int w)
{
    int pad = ui_px(ui, 32), tw, th;
    ui_text_size(ui, text, ui_st(ui, UI_T_BODY, false, UI_C_TEXT), w - 2 * pad - ui_px(ui, 10), &tw,
                 &th);
    return th + 2 * pad;
}

int ui_note(ui_ctx *ui, ui_layout *l, const char *text, ui_rgb bg, ui_rgb line)
{
    int pad = ui_px(ui, 32), bar = ui_px(ui, 10);
    SDL_Rect r = ui_layout_next(l, ui_note_height(ui, text, l->w));
    if (l->measure)
        return r.h;
    ui_round(ui, r, ui_px(ui, 16), bg);
    ui_fill(ui, (SDL_Rect){r.x, r.y + ui_px(ui, 8), bar, r.h - ui_px(ui, 16)}, line);
    ui_text_draw(ui, text, ui_st(ui, UI_T_BODY, false, UI_C_TEXT), r.x + pad + bar, r.y + pad,
                 r.w - 2 * pad - bar);
    return r.h;
}

void ui_column(const ui_ctx *ui, int *x, int *w)
{
    int m = ui_px(ui, UI_MARGIN);
    int cw = ui->w - 2 * m, max = ui_px(ui, UI_COLUMN_MAX);
    if (ui->landscape && cw > max)
        cw = max;
    *x = (ui->w - cw) / 2;
    *w = cw;
}

/* Two-column screens (welcome, question) may use more of a landscape screen. */
void ui_column_wide(const ui_ctx *ui, int *x, int *w)
{
    int m = ui_px(ui, UI_MARGIN);
    int cw = ui->w - 2 * m, max = ui_px(ui, UI_COLUMN_WIDE_MAX);
    if (cw > max)
        cw = max;
    *x = (ui->w - cw) / 2;
    *w = cw;
}

void ui_scroll_begin(ui_ctx *ui, int top, int bottom)
{
    ui_gfx *g = ui->gfx;
    g->scroll_view = (SDL_Rect){0, top, ui->w, bottom - top};
    SDL_RenderSetClipRect(g->renderer, &g->scroll_view);
    g->in_scroll = true;
}

void ui_scroll_end(ui_ctx *ui, int content_bottom)
{
    ui_gfx *g = ui->gfx;
    SDL_RenderSetClipRect(g->renderer, NULL);
    g->in_scroll = false;
    int content_h = content_bottom - g->scroll_view.y;
    g->scroll_max = content_h > g->scroll_view.h ? content_h - g->scroll_view.h : 0;
    if (g->scroll > g->scroll_max) {
        g->scroll = g->scroll_max;
        g->dirty = true;
    }
    if (g->scroll < 0) {
        g->scroll = 0;
        g->dirty = true;
    }
}

/* A thin bar on the right when the content scrolls. */
void ui_scrollbar(ui_ctx *ui)
{
    const ui_gfx *g = ui->gfx;
    if (g->scroll_max <= 0)
        return;
    SDL_Rect v = g->scroll_view;
    int track = v.h - ui_px(ui, 24), thumb = track * v.h / (v.h + g->scroll_max);
    if (thumb < ui_px(ui, 60))
        thumb = ui_px(ui, 60);
    int y = v.y + ui_px(ui, 12) + (track - thumb) * g->scroll / g->scroll_max;
    ui_round(ui, (SDL_Rect){ui->w - ui_px(ui, 22), v.y + ui_px(ui, 12), ui_px(ui, 10), track},
             ui_px(ui, 5), UI_C_BORDER);
    ui_round(ui, (SDL_Rect){ui->w - ui_px(ui, 22), y, ui_px(ui, 10), thumb}, ui_px(ui, 5),
             UI_C_MUTED);
}

/* ---- static functions ---- */

/* A button's panel by its kind (a ✓ on a chosen one), and its words' colour and size. */
static void widgets_button_face(ui_ctx *ui, SDL_Rect r, ui_btn_kind kind, bool pressed,
                                ui_text_style *st)
{
    int rad = ui_px(ui, UI_RADIUS);
    switch (kind) {
    case UI_BTN_PRIMARY:
        ui_round(ui, r, rad, pressed ? UI_C_PRIMARY_DOWN : UI_C_PRIMARY);
        break;
    case UI_BTN_SELECTED:
        ui_round(ui, r, rad, pressed ? UI_C_PRIMARY_DOWN : UI_C_SELECTED);
        ui_icon_draw(ui, UI_ICON_CHECK, r.x + ui_px(ui, 24) + r.h / 5, r.y + r.h / 2, r.h / 5,
                     UI_C_SELECTED, UI_C_ON_DARK);
        break;
    case UI_BTN_SECONDARY:
        ui_round_frame(ui, r, rad, ui_px(ui, 4), pressed ? UI_C_SOFT : UI_C_CARD, UI_C_PRIMARY);
        st->color = UI_C_LINK;
        break;
    case UI_BTN_BAR:
        ui_round_frame(ui, r, rad, ui_px(ui, 3), pressed ? UI_C_PRIMARY : UI_C_BAR, UI_C_ON_DARK);
        st->size = ui_px(ui, 40);
        break;
    case UI_BTN_DISABLED: /* still a target: a tap says what is missing */
        ui_round_frame(ui, r, rad, ui_px(ui, 3), UI_C_SOFT, UI_C_BORDER);
        st->color = UI_C_MUTED;
        break;
    }
}

/* A tick box: empty, or white with a ✓ drawn in it (ticked is never colour alone). */
static void widgets_box(ui_ctx *ui, SDL_Rect b, bool on)
{
    int rad = ui_px(ui, 8);
    ui_round_frame(ui, b, rad, ui_px(ui, 4), UI_C_CARD, on ? UI_C_CARD : UI_C_PRIMARY);
    if (!on)
        return;
    float x = (float)b.x, y = (float)b.y, s = (float)b.w, w = s * 0.14f;
    ui_line(ui, x + s * 0.2f, y + s * 0.52f, x + s * 0.42f, y + s * 0.74f, w, UI_C_SELECTED);
    ui_line(ui, x + s * 0.42f, y + s * 0.74f, x + s * 0.82f, y + s * 0.28f, w, UI_C_SELECTED);
}

/* A round mark: a ring, or a white disc with a ✓ when chosen. */
static void widgets_radio(ui_ctx *ui, int cx, int cy, int r, bool on)
{
    if (on) {
        ui_icon_draw(ui, UI_ICON_CHECK, cx, cy, r, UI_C_SELECTED, UI_C_ON_DARK);
        return;
    }
    ui_disc(ui, cx, cy, r, UI_C_PRIMARY);
    ui_disc(ui, cx, cy, r - ui_px(ui, 4), UI_C_CARD);
}
