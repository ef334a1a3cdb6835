/* scr_staff.c — the staff screen, behind the PIN: the kiosk id and date, the clock
 * warning, the receipt queue and the last sync, the printer's state, every pack's
 * version and status; 返回 (the session is cleared) and 退出, the only way out of the
 * program. */
#include "screens/screens.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- static prototypes ---- */
static void staff_line(ui_ctx *ui, ui_layout *l, const char *text, bool strong);
static void staff_note(ui_ctx *ui, ui_layout *l, const char *text, ui_rgb line);
static void staff_printer(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void staff_queue(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static bool staff_last_sync(pc_store *store, char *buf, size_t size);
static void staff_packs(ui_ctx *ui, const kiosk_app *app, ui_layout *l);

/* ---- public functions ---- */

void scr_staff_draw(ui_ctx *ui, const kiosk_app *app)
{
    ui_page page = ui_page_begin(ui, ui_str(ui, "staff.title"), UI_PAGE_BAR, UI_SPACE_12);
    ui_layout *l = &page.body;
    char buf[512], date[64];
    ui_str_fill(ui, "staff.kiosk", "id", app->setup.cfg.kiosk_id, buf, sizeof buf);
    staff_line(ui, l, buf, true);
    ui_words_day(ui, app->setup.today, date, sizeof date);
    ui_str_fill(ui, "staff.today", "date", date, buf, sizeof buf);
    staff_line(ui, l, buf, false);
    if (app->setup.clock_bad)
        staff_note(ui, l, ui_str(ui, "common.clock_warning"), UI_C_INELIGIBLE);
    staff_queue(ui, app, l);
    staff_printer(ui, app, l);
    staff_packs(ui, app, l);
    ui_page_end(ui, &page, 0);
    ui_layout bar = ui_page_bottom_row(ui, l->x, l->w, 2, (int[]){0, 0});
    ui_button(ui, "staff:back", ui_layout_cell(&bar), ui_str(ui, "staff.back"), UI_BTN_PRIMARY,
              ACT_STAFF_BACK, 0);
    ui_button(ui, "staff:exit", ui_layout_cell(&bar), ui_str(ui, "staff.exit"), UI_BTN_SECONDARY,
              ACT_STAFF_EXIT, 0);
}

/* ---- static functions ---- */

/* The printer's state as the kiosk last recorded it (flow/receipt.c: asked before and
 * after each print where the printer answers), in staff words; a note when it needs a
 * hand (paper nearly used up, out, not printing). */
static void staff_printer(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    static const char *const words[][2] = {{"ok", "staff.printer_ok"},
                                           {"paper_near_end", "staff.printer_paper_near_end"},
                                           {"out", "staff.printer_out"},
                                           {"missing", "staff.printer_missing"}};
    char state[32] = "", buf[512];
    if (app->queue.store)
        pc_store_get_state(app->queue.store, "printer", state, sizeof state, NULL);
    const char *key =
        app->setup.cfg.printer_device[0] ? "staff.printer_unknown" : "staff.printer_none";
    for (size_t i = 0; app->setup.cfg.printer_device[0] && i < 4; i++)
        if (strcmp(state, words[i][0]) == 0)
            key = words[i][1];
    ui_str_fill(ui, "staff.printer", "state", ui_str(ui, key), buf, sizeof buf);
    bool fine = strcmp(key, "staff.printer_ok") == 0 || strcmp(key, "staff.printer_none") == 0 ||
                strcmp(key, "staff.printer_unknown") == 0;
    if (fine)
        staff_line(ui, l, buf, false);
    else
        staff_note(ui, l, buf,
                   strcmp(state, "paper_near_end") == 0 ? UI_C_NOTE_LINE : UI_C_INELIGIBLE);
}

static void staff_line(ui_ctx *ui, ui_layout *l, const char *text, bool strong)
{
    ui_layout_text(ui, l, text, ui_st(ui, strong ? UI_T_H2 : UI_T_BODY, strong, UI_C_TEXT));
    ui_layout_space(ui, l, UI_SPACE_5);
}

static void staff_note(ui_ctx *ui, ui_layout *l, const char *text, ui_rgb line)
{
    ui_note(ui, l, text, UI_C_NOTE_BG, line);
    ui_layout_space(ui, l, UI_SPACE_6);
}

/* The receipt queue (waiting, sent) and the last sync, read from the store each frame. */
static void staff_queue(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    char buf[512], when[64];
    size_t pending, synced;
    pc_store *store = app->queue.store;
    if (store && pc_store_count(store, &pending, &synced) == PC_STORE_OK) {
        char p[24], s[24];
        snprintf(p, sizeof p, "%zu", pending);
        snprintf(s, sizeof s, "%zu", synced);
        const char *names[] = {"pending", "sent"}, *values[] = {p, s};
        pc_strings_format(buf, sizeof buf, ui_str(ui, "staff.queue"), names, values, 2);
        staff_line(ui, l, buf, false);
    } else {
        staff_line(ui, l, ui_str(ui, "staff.queue_none"), false);
    }
    if (!staff_last_sync(store, when, sizeof when)) {
        staff_line(ui, l, ui_str(ui, "staff.sync_never"), false);
        return;
    }
    ui_str_fill(ui, "staff.sync", "when", when, buf, sizeof buf);
    staff_line(ui, l, buf, false);
}

/* The time of the last sync, formatted; false when nothing was ever synced or the
 * store cannot be read. */
static bool staff_last_sync(pc_store *store, char *buf, size_t size)
{
    int64_t when = 0;
    if (!store || pc_store_last_synced_at(store, &when) != PC_STORE_OK || when <= 0)
        return false;
    time_t t = (time_t)when;
    struct tm tm;
    return localtime_r(&t, &tm) && strftime(buf, size, "%Y-%m-%d %H:%M", &tm) > 0;
}

/* Every pack with its version and its status today. */
static void staff_packs(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    static const char *const status[] = {"status.draft", "status.in_force", "status.expired",
                                         "status.not_yet"};
    char buf[512];
    ui_layout_space(ui, l, UI_SPACE_4);
    ui_heading(ui, l, ui_str(ui, "staff.packs"));
    for (size_t i = 0; i < app->setup.packs.n_packs; i++) {
        const pc_pack *p = app->setup.packs.packs[i];
        const char *names[] = {"id", "version", "status"};
        const char *values[] = {p->id, p->version,
                                ui_str(ui, status[pc_policy_status_on(p, app->setup.today)])};
        pc_strings_format(buf, sizeof buf, ui_str(ui, "staff.pack_line"), names, values, 3);
        staff_line(ui, l, buf, false);
    }
}
