/* scr_staff.c — the staff PIN pad and staff screen, and the idle countdown.
 *
 * The staff screen is reached only by a long press on the top-left corner and the PIN
 * (checked against the configured libsodium hash); it shows the kiosk id, pack
 * versions, queue counts, the clock warning, and is the only way out of the program.
 * The countdown asks the applicant to continue before the session is wiped. */
#include "ui.h"

#include <stdio.h>
#include <string.h>

/* ---- static prototypes ---- */
static int staff_line(kiosk_app *app, const char *text, int x, int y, int w, bool strong);
static void staff_fmt(const kiosk_app *app, const char *key, const char *name, const char *value,
                      char *buf, size_t size);

/* ---- public functions ---- */

void ui_screen_pin(kiosk_app *app)
{
    int top = ui_top_bar(app, ui_str(app, "staff.pin_title")), x, w;
    ui_column(app, &x, &w);
    int pw = w < ui_px(app, 760) ? w : ui_px(app, 760), px = (app->w - pw) / 2;
    int y = top + ui_px(app, app->landscape ? 24 : 80);
    ui_text_style st = ui_st(app, UI_T_H1, true, UI_C_TEXT);
    st.align = UI_ALIGN_CENTER;
    y += ui_text_draw(app, ui_str(app, "staff.pin_lead"), st, px, y, pw) + ui_px(app, 24);
    size_t n = strlen(app->pin);
    int r = ui_px(app, 18), step = ui_px(app, 60), dx = px + pw / 2 - (UI_PIN_MAX - 1) * step / 2;
    for (int i = 0; i < UI_PIN_MAX; i++)
        ui_disc(app, dx + i * step, y + r, r, (size_t)i < n ? UI_C_TEXT : UI_C_BORDER);
    y += 2 * r + ui_px(app, 20);
    const char *msg = ui_now(app) < app->pin_locked_until ? "staff.pin_locked" : app->pin_wrong ? "staff.pin_wrong" : NULL;
    ui_text_style ms = ui_st(app, UI_T_BODY, true, UI_C_INELIGIBLE);
    ms.align = UI_ALIGN_CENTER;
    if (msg) ui_text_draw(app, ui_str(app, msg), ms, px, y, pw);
    y += ui_text_px(app, UI_T_BODY) * 3 / 2 + ui_px(app, 16);
    int gap = ui_px(app, 20), kh = ui_px(app, app->landscape ? 118 : 150), kw = (pw - 2 * gap) / 3;
    static const char *const keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""};
    for (int i = 0; i < 12; i++) {
        SDL_Rect r2 = {px + (i % 3) * (kw + gap), y + (i / 3) * (kh + gap), kw, kh};
        char id[16];
        if (i == 9) { ui_button(app, "pin:del", r2, ui_str(app, "staff.delete"), UI_BTN_SECONDARY, ACT_PIN_DEL, 0); continue; }
        if (i == 11) { ui_button(app, "pin:ok", r2, ui_str(app, "staff.ok"), UI_BTN_PRIMARY, ACT_PIN_OK, 0); continue; }
        snprintf(id, sizeof id, "pin:%s", keys[i]);
        ui_button_sized(app, id, r2, keys[i], UI_BTN_SECONDARY, ACT_PIN_DIGIT, keys[i][0] - '0', ui_text_px(app, 60));
    }
    y += 4 * (kh + gap);
    ui_button(app, "pin:cancel", (SDL_Rect){px, y, pw, ui_px(app, 110)}, ui_str(app, "staff.cancel"),
              UI_BTN_SECONDARY, ACT_PIN_CANCEL, 0);
}

void ui_screen_staff(kiosk_app *app)
{
    int top = ui_top_bar(app, ui_str(app, "staff.title")), x, w;
    ui_column(app, &x, &w);
    int bar = app->h - ui_bottom_bar_height(app);
    ui_scroll_begin(app, top, bar);
    int y = top + ui_px(app, 48) - app->scroll;
    char buf[512], date[64];
    staff_fmt(app, "staff.kiosk", "id", app->cfg.kiosk_id, buf, sizeof buf);
    y = staff_line(app, buf, x, y, w, true);
    ui_format_day(app, app->today, date, sizeof date);
    staff_fmt(app, "staff.today", "date", date, buf, sizeof buf);
    y = staff_line(app, buf, x, y, w, false);
    if (app->clock_bad) y += ui_note(app, ui_str(app, "common.clock_warning"), x, y, w, UI_C_NOTE_BG, UI_C_INELIGIBLE) + ui_px(app, 24);
    if (app->cfg.default_pin) y += ui_note(app, ui_str(app, "staff.default_pin"), x, y, w, UI_C_NOTE_BG, UI_C_NOTE_LINE) + ui_px(app, 24);
    size_t pending, synced;
    if (ui_receipt_counts(app, &pending, &synced)) {
        char p[24], s[24];
        snprintf(p, sizeof p, "%zu", pending);
        snprintf(s, sizeof s, "%zu", synced);
        const char *names[] = {"pending", "sent"}, *values[] = {p, s};
        pc_strings_format(buf, sizeof buf, ui_str(app, "staff.queue"), names, values, 2);
        y = staff_line(app, buf, x, y, w, false);
    } else {
        y = staff_line(app, ui_str(app, "staff.queue_none"), x, y, w, false);
    }
    char when[64];
    if (ui_receipt_last_sync(app, when, sizeof when)) {
        staff_fmt(app, "staff.sync", "when", when, buf, sizeof buf);
        y = staff_line(app, buf, x, y, w, false);
    } else {
        y = staff_line(app, ui_str(app, "staff.sync_never"), x, y, w, false);
    }
    y = ui_heading(app, ui_str(app, "staff.packs"), x, y + ui_px(app, 16), w);
    for (size_t i = 0; i < app->packs.n_packs; i++) {
        const pc_pack *p = app->packs.packs[i];
        static const char *const st[] = {"status.draft", "status.in_force", "status.expired", "status.not_yet"};
        const char *names[] = {"id", "version", "status"};
        const char *values[] = {p->id, p->version, ui_str(app, st[pc_policy_status_on(p, app->today)])};
        pc_strings_format(buf, sizeof buf, ui_str(app, "staff.pack_line"), names, values, 3);
        y = staff_line(app, buf, x, y, w, false);
    }
    ui_scroll_end(app, y + app->scroll);
    ui_scrollbar(app);
    int bt = ui_bottom_bar(app), bh = ui_bottom_bar_height(app) - ui_px(app, 56), g = ui_px(app, 24);
    ui_button(app, "staff:back", (SDL_Rect){x, bt + ui_px(app, 28), (w - g) / 2, bh}, ui_str(app, "staff.back"),
              UI_BTN_PRIMARY, ACT_STAFF_BACK, 0);
    ui_button(app, "staff:exit", (SDL_Rect){x + (w + g) / 2, bt + ui_px(app, 28), (w - g) / 2, bh},
              ui_str(app, "staff.exit"), UI_BTN_SECONDARY, ACT_STAFF_EXIT, 0);
}

void ui_overlay_idle(kiosk_app *app)
{
    ui_fill(app, (SDL_Rect){0, 0, app->w, app->h}, UI_C_BAR);   /* opaque: the answers stay hidden */
    ui_widgets_begin(app);
    int x, w;
    ui_column(app, &x, &w);
    int pad = ui_px(app, 56), cw = w, iw = cw - 2 * pad;
    ui_text_style ts = ui_st(app, UI_T_DISPLAY, true, UI_C_TEXT), ns = ui_st(app, 150, true, UI_C_PRIMARY),
                  ls = ui_st(app, UI_T_BODY, false, UI_C_TEXT);
    ts.align = ns.align = ls.align = UI_ALIGN_CENTER;
    char n[16], secs[32];
    snprintf(n, sizeof n, "%d", app->idle_left > 0 ? app->idle_left : app->cfg.countdown_seconds);
    staff_fmt(app, "idle.seconds", "n", n, secs, sizeof secs);
    int tw, th, nh, lh, bh = ui_px(app, app->large ? 170 : 150), gap = ui_px(app, 28);
    ui_text_size(app, ui_str(app, "idle.title"), ts, iw, &tw, &th);
    ui_text_size(app, secs, ns, iw, &tw, &nh);
    ui_text_size(app, ui_str(app, "idle.lead"), ls, iw, &tw, &lh);
    int h = pad + th + gap + nh + gap + lh + 2 * gap + bh + gap + bh + pad;
    int y = (app->h - h) / 2;
    ui_round(app, (SDL_Rect){x, y, cw, h}, ui_px(app, UI_RADIUS), UI_C_CARD);
    y += pad;
    y += ui_text_draw(app, ui_str(app, "idle.title"), ts, x + pad, y, iw) + gap;
    y += ui_text_draw(app, secs, ns, x + pad, y, iw) + gap;
    y += ui_text_draw(app, ui_str(app, "idle.lead"), ls, x + pad, y, iw) + 2 * gap;
    ui_button_sized(app, "idle:continue", (SDL_Rect){x + pad, y, iw, bh}, ui_str(app, "idle.continue"),
                    UI_BTN_PRIMARY, ACT_IDLE_CONTINUE, 0, ui_text_px(app, 60));
    y += bh + gap;
    ui_button(app, "idle:end", (SDL_Rect){x + pad, y, iw, bh}, ui_str(app, "idle.end"), UI_BTN_SECONDARY,
              ACT_IDLE_END, 0);
}

/* ---- static functions ---- */

static int staff_line(kiosk_app *app, const char *text, int x, int y, int w, bool strong)
{
    ui_text_style st = ui_st(app, strong ? UI_T_H2 : UI_T_BODY, strong, UI_C_TEXT);
    return y + ui_text_draw(app, text, st, x, y, w) + ui_px(app, 20);
}

static void staff_fmt(const kiosk_app *app, const char *key, const char *name, const char *value,
                      char *buf, size_t size)
{
    const char *names[] = {name}, *values[] = {value};
    pc_strings_format(buf, size, ui_str(app, key), names, values, 1);
}
