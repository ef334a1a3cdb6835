/* scr_welcome.c — the welcome (attract) screen: what the kiosk does and that it is a
 * pre-check, not a decision, with one large 开始 (beside the words in landscape). In
 * portrait 开始 sits low under the words; where they leave no room for it above the
 * screen's bottom (large text, the clock warning) it goes into a bottom bar, so that it
 * is always in view without scrolling. */
#include "screens/screens.h"

#include <stdio.h>

/* ---- static prototypes ---- */
static void welcome_words(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void welcome_points(ui_ctx *ui, ui_layout *l);
static bool welcome_start_fits(ui_ctx *ui, const kiosk_app *app, int above);
static void welcome_start(ui_ctx *ui, const ui_page *page, ui_layout *l);
static void welcome_time(ui_ctx *ui, ui_layout *l);

/* ---- public functions ---- */

void scr_welcome_draw(ui_ctx *ui, const kiosk_app *app)
{
    int above = ui->landscape ? UI_SPACE_14 : UI_SPACE_24;
    bool bar = !ui->landscape && !welcome_start_fits(ui, app, above);
    ui_page page = ui_page_begin(ui, ui_str(ui, "welcome.kicker"),
                                 UI_PAGE_WIDE | (bar ? UI_PAGE_BAR : 0), above);
    ui_layout cols[2]; /* landscape: the words, and 开始 beside them */
    ui_layout_split(&page.body, 2, (int[]){page.body.w * 58 / 100, 0}, ui_px(ui, UI_MARGIN), cols);
    ui_layout *words = ui->landscape ? &cols[0] : &page.body,
              *start = ui->landscape ? &cols[1] : &page.body;
    welcome_words(ui, app, words);
    if (bar) {
        ui_layout_space(ui, words, UI_SPACE_6);
        welcome_time(ui, words);
        ui_page_end(ui, &page, UI_MARGIN);
        ui_layout row = ui_page_bottom_row(ui, words->x, words->w, 1, (int[]){0});
        ui_button(ui, "start", ui_layout_cell(&row), ui_str(ui, "welcome.start"), UI_BTN_PRIMARY,
                  ACT_START, 0);
        return;
    }
    welcome_start(ui, &page, start);
    page.body.y = ui_layout_lowest((ui_layout[]){*words, *start}, 2);
    ui_page_end(ui, &page, UI_MARGIN);
}

/* ---- static functions ---- */

/* The title and lead, three points, the pre-check note, the clock warning. */
static void welcome_words(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    static const ui_page_look look = {UI_T_DISPLAY, UI_C_TEXT, UI_SPACE_9, UI_SPACE_11};
    ui_page_head(ui, l, ui_str(ui, "welcome.title"), ui_str(ui, "welcome.lead"), &look);
    welcome_points(ui, l);
    ui_layout_space(ui, l, UI_SPACE_5);
    ui_note(ui, l, ui_str(ui, "welcome.note"), UI_C_NOTE_BG, UI_C_NOTE_LINE);
    if (app->setup.clock_bad) {
        ui_layout_space(ui, l, UI_SPACE_6);
        ui_note(ui, l, ui_str(ui, "common.clock_warning"), UI_C_CARD, UI_C_INELIGIBLE);
    }
}

/* Whether 开始 and its time fit under the words above the screen's bottom (portrait). */
static bool welcome_start_fits(ui_ctx *ui, const kiosk_app *app, int above)
{
    int x, w;
    ui_column_wide(ui, &x, &w);
    ui_layout m = ui_layout_measure(x, 0, w);
    welcome_words(ui, app, &m);
    ui_layout_space(ui, &m, UI_SPACE_16);
    ui_layout_next(&m, ui_px(ui, 200));
    ui_layout_space(ui, &m, UI_SPACE_7);
    welcome_time(ui, &m);
    int top = ui_px(ui, UI_BAR_H) + ui_page_assist_height(ui) + ui_px(ui, above);
    return top + m.y + ui_px(ui, UI_SPACE_6) <= ui->h;
}

/* Three lines, each after a ✓. */
static void welcome_points(ui_ctx *ui, ui_layout *l)
{
    static const char *const keys[] = {"welcome.point1", "welcome.point2", "welcome.point3_kept"};
    int r = ui_text_px(ui, 24);
    ui_text_style st = ui_st(ui, UI_T_BODY, false, UI_C_TEXT);
    for (size_t i = 0; i < 3; i++) {
        ui_layout point = ui_layout_indent(l, r * 2 + ui_px(ui, 24));
        ui_layout_text(ui, &point, ui_str(ui, keys[i]), st);
        int line = ui_font_height(ui, st.size, false);
        if (!l->measure)
            ui_icon_draw(ui, UI_ICON_CHECK, l->x + r, l->y + line / 2, r, UI_C_ON_DARK,
                         UI_C_EXEMPT);
        l->y = point.y;
        ui_layout_space(ui, l, UI_SPACE_6);
    }
}

/* 开始 and how long it takes: under the words, low on the screen (portrait), or in the
 * middle of its own column (landscape). */
static void welcome_start(ui_ctx *ui, const ui_page *page, ui_layout *l)
{
    int h = ui_px(ui, ui->landscape ? 300 : 200);
    if (ui->landscape) {
        l->y = page->top + (ui->h - page->top - h) / 2 - page->scroll;
    } else {
        ui_layout_space(ui, l, UI_SPACE_16);
        int low = ui->h - h - ui_px(ui, 200) - page->scroll;
        if (l->y < low)
            l->y = low;
    }
    ui_button_sized(ui, "start", ui_layout_next(l, h), ui_str(ui, "welcome.start"), UI_BTN_PRIMARY,
                    ACT_START, 0, ui_text_px(ui, 88));
    ui_layout_space(ui, l, UI_SPACE_7);
    welcome_time(ui, l);
}

/* 大约需要 4 到 7 分钟, centred. */
static void welcome_time(ui_ctx *ui, ui_layout *l)
{
    ui_text_style st = ui_st(ui, UI_T_SMALL, false, UI_C_MUTED);
    st.align = UI_ALIGN_CENTER;
    ui_layout_text(ui, l, ui_str(ui, "welcome.time"), st);
}
