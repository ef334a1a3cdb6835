/* scr_notice.c — before the first question, what happens to the answers, in plain
 * words: what is kept (the answers, the outcome, the time, this kiosk), who receives it
 * (the configuration's department, each night), for how long (retention_days, then
 * delete_after_days), and that nothing in it says who the applicant is. Then 继续, or
 * 返回 to leave with nothing kept. The words are filled from the configuration, so they
 * are true of this kiosk. */
#include "screens/screens.h"

#include <stdio.h>
#include <string.h>

/* ---- static prototypes ---- */
static void notice_para(const ui_ctx *ui, const kiosk_app *app, int i, char *buf, size_t size);

#define NOTICE_PARAS 4

/* ---- public functions ---- */

void scr_notice_draw(ui_ctx *ui, const kiosk_app *app)
{
    static const ui_page_look look = {UI_T_H1, UI_C_MUTED, UI_SPACE_5, UI_SPACE_8};
    ui_page page = ui_page_begin(ui, ui_str(ui, "app.name"), UI_PAGE_BAR, UI_SPACE_12);
    ui_layout *l = &page.body;
    ui_page_head(ui, l, ui_str(ui, "notice.title"), ui_str(ui, "notice.lead"), &look);
    char buf[512];
    for (int i = 0; i < NOTICE_PARAS; i++) {
        notice_para(ui, app, i, buf, sizeof buf);
        ui_layout_text(ui, l, buf, ui_st(ui, UI_T_BODY, i == 0, UI_C_TEXT));
        ui_layout_space(ui, l, UI_SPACE_6);
    }
    ui_note(ui, l, ui_str(ui, "notice.choice"), UI_C_NOTE_BG, UI_C_NOTE_LINE);
    ui_page_end(ui, &page, 24);
    ui_page_bottom_buttons(ui, l->x, l->w, NULL, NULL, UI_BTN_SECONDARY, ACT_NONE, "notice:go",
                           ui_str(ui, "notice.go"), UI_BTN_PRIMARY, ACT_NOTICE_GO);
}

void scr_notice_words(const ui_ctx *ui, const kiosk_app *app, char *buf, size_t size)
{
    char para[512];
    snprintf(buf, size, "%s", ui_str(ui, "notice.title"));
    for (int i = 0; i < NOTICE_PARAS; i++) {
        notice_para(ui, app, i, para, sizeof para);
        size_t n = strlen(buf);
        snprintf(buf + n, size - n, "。%s", para);
    }
    size_t n = strlen(buf);
    snprintf(buf + n, size - n, "。%s", ui_str(ui, "notice.choice"));
}

/* ---- static functions ---- */

/* What is kept; who receives it; for how long; that it does not say who you are. */
static void notice_para(const ui_ctx *ui, const kiosk_app *app, int i, char *buf, size_t size)
{
    const pc_config *cfg = &app->setup.cfg;
    char days[16], rows[16];
    snprintf(days, sizeof days, "%d", cfg->retention_days);
    snprintf(rows, sizeof rows, "%d", cfg->delete_after_days);
    const char *names[] = {"department", "days", "delete_days"},
               *values[] = {cfg->department, days, rows};
    static const char *const keys[NOTICE_PARAS] = {"notice.kept", "notice.who", "notice.how_long",
                                                   "notice.anonymous"};
    pc_strings_format(buf, size, ui_str(ui, keys[i]), names, values, 3);
}
