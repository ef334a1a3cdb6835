/* scr_pin.c — the staff PIN pad, reached by a long press on the top-left corner: a dot
 * for each digit that can be typed (filled as they are), a note when the PIN was wrong
 * or the pad is locked (and for how long), the keys, and 取消. The check is
 * flow/staff.c's.
 * With no staff_pin_hash configured there is no pad: a note in staff words says that no
 * PIN is set and how a technician sets one, and 取消. (Chosen over a corner that does
 * nothing: the technician who installs the kiosk learns why the hold opens no settings
 * and what to do, while an applicant who finds the corner gets nothing to act on.) */
#include "screens/screens.h"

#include <stdio.h>
#include <string.h>

/* ---- static prototypes ---- */
static void pin_dots(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void pin_message(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void pin_locked_words(ui_ctx *ui, const kiosk_app *app, char *buf, size_t size);
static void pin_none(ui_ctx *ui, ui_layout *l);

/* ---- public functions ---- */

void scr_pin_draw(ui_ctx *ui, const kiosk_app *app)
{
    int top = ui_page_top_bar(ui, ui_str(ui, "staff.pin_title")), x, w;
    ui_column(ui, &x, &w);
    int pad_w = w < ui_px(ui, 760) ? w : ui_px(ui, 760);
    ui_layout l =
        ui_layout_column((ui->w - pad_w) / 2, top + ui_px(ui, ui->landscape ? 24 : 80), pad_w);
    if (!app->setup.cfg.staff_pin_hash[0]) {
        pin_none(ui, &l);
        return;
    }
    ui_text_style st = ui_st(ui, UI_T_H1, true, UI_C_TEXT);
    st.align = UI_ALIGN_CENTER;
    ui_layout_text(ui, &l, ui_str(ui, "staff.pin_lead"), st);
    ui_layout_space(ui, &l, UI_SPACE_6);
    pin_dots(ui, app, &l);
    ui_layout_space(ui, &l, UI_SPACE_5);
    pin_message(ui, app, &l);
    ui_layout_space(ui, &l, UI_SPACE_4);
    const ui_key del = {"pin:del", ui_str(ui, "staff.delete"), UI_BTN_SECONDARY, ACT_PIN_DEL, 0};
    const ui_key ok = {"pin:ok", ui_str(ui, "staff.ok"), UI_BTN_PRIMARY, ACT_PIN_OK, 0};
    ui_layout_row(&l, 3, (int[]){0, 0, 0}, ui_px(ui, ui->landscape ? UI_KEY_H_LANDSCAPE : UI_KEY_H),
                  ui_px(ui, 20));
    ui_keypad(ui, &l, "pin", ACT_PIN_DIGIT, ui_text_px(ui, 60), &del, &ok);
    ui_layout_space(ui, &l, UI_SPACE_5);
    ui_button(ui, "pin:cancel", ui_layout_next(&l, ui_px(ui, 110)), ui_str(ui, "staff.cancel"),
              UI_BTN_SECONDARY, ACT_PIN_CANCEL, 0);
}

/* ---- static functions ---- */

/* A dot for each digit a PIN can have, filled for those typed. */
static void pin_dots(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    size_t n = strlen(app->staff.pin);
    int r = ui_px(ui, 18), step = ui_px(ui, 60);
    SDL_Rect row = ui_layout_next(l, 2 * r);
    int x = row.x + row.w / 2 - (UI_PIN_MAX - 1) * step / 2;
    for (int i = 0; i < UI_PIN_MAX; i++)
        ui_disc(ui, x + i * step, row.y + r, r, (size_t)i < n ? UI_C_TEXT : UI_C_BORDER);
}

/* A line kept for the note (so that the keys never move): wrong PIN, or locked. */
static void pin_message(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    char locked[256] = "";
    if (ui_now(ui) < app->staff.locked_until)
        pin_locked_words(ui, app, locked, sizeof locked);
    const char *text = locked[0] ? locked : app->staff.wrong ? ui_str(ui, "staff.pin_wrong") : NULL;
    ui_text_style st = ui_st(ui, UI_T_BODY, true, UI_C_INELIGIBLE);
    st.align = UI_ALIGN_CENTER;
    SDL_Rect line = ui_layout_next(l, ui_text_px(ui, UI_T_BODY) * 3 / 2);
    if (text)
        ui_text_draw(ui, text, st, line.x, line.y, line.w);
}

/* "PIN 错误过多，已锁定 2 分钟": the latest lockout's length. */
static void pin_locked_words(ui_ctx *ui, const kiosk_app *app, char *buf, size_t size)
{
    unsigned long long s = (unsigned long long)(app->staff.lock_ms / 1000u);
    char n[24], time[64];
    snprintf(n, sizeof n, "%llu", s % 60 ? s : s / 60);
    ui_str_fill(ui, s % 60 ? "staff.seconds" : "staff.minutes", "n", n, time, sizeof time);
    ui_str_fill(ui, "staff.pin_locked", "time", time, buf, size);
}

/* No PIN configured: what that means, how to set one, and 取消. */
static void pin_none(ui_ctx *ui, ui_layout *l)
{
    ui_note(ui, l, ui_str(ui, "staff.no_pin"), UI_C_NOTE_BG, UI_C_NOTE_LINE);
    ui_layout_space(ui, l, UI_SPACE_6);
    ui_button(ui, "pin:cancel", ui_layout_next(l, ui_px(ui, 110)), ui_str(ui, "staff.cancel"),
              UI_BTN_SECONDARY, ACT_PIN_CANCEL, 0);
}
