/* scr_result_next.c — no dead ends and something to take home: for a result that does
 * not lead to relief here (ineligible, not covered, not in force, ask at the window),
 * where to go (the configuration's help_place, help_hours, help_phone), the applicant's
 * rights in the policy (its steps marked applicant: true whose words name a right:
 * result.rights_words) and the other policies this kiosk checks; and the question
 * "print the receipt before you go?" that 完成 asks once when nothing was printed. */
#include "screens/screens.h"

#include <string.h>

/* ---- static prototypes ---- */
static void next_place(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void next_line(ui_ctx *ui, ui_layout *l, const char *key, const char *name,
                      const char *value, ui_text_style st);
static bool next_is_right(ui_ctx *ui, const pc_step *s);
static void next_rights(ui_ctx *ui, const pc_pack *pack, ui_layout *l);
static void next_others(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void next_bullet(ui_ctx *ui, ui_layout *l, const char *text);

/* ---- public functions ---- */

bool scr_result_next(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    pc_outcome o = app->session.result.outcome;
    if (o == PC_OUT_EXEMPT || o == PC_OUT_MITIGATE)
        return false;
    ui_heading(ui, l, ui_str(ui, "result.next"));
    next_place(ui, app, l);
    if (o == PC_OUT_INELIGIBLE || o == PC_OUT_REFER)
        next_rights(ui, app->session.pack, l);
    if (o != PC_OUT_REFER)
        next_others(ui, app, l);
    return true;
}

bool scr_result_asks_print(const kiosk_app *app)
{
    return app->receipt.print_asked && app->receipt.print == UI_PRINT_NOT_TRIED;
}

/* Over the result, opaque like the idle countdown: 要打印回执吗, what is on it,
 * 打印回执 (primary) and 不打印，回到首页. */
void scr_result_ask_print_draw(ui_ctx *ui, const kiosk_app *app)
{
    (void)app;
    const ui_confirm c = {
        .title = ui_str(ui, "result.ask_print"),
        .title_size = UI_T_H1,
        .lead = ui_str(ui, "result.ask_print_text"),
        .yes = {"ask:print", ui_str(ui, "result.ask_print_yes"), UI_BTN_PRIMARY, ACT_RESULT_PRINT,
                0},
        .no = {"ask:done", ui_str(ui, "result.ask_print_no"), UI_BTN_SECONDARY, ACT_RESULT_DONE, 0},
    };
    ui_confirm_card(ui, &c);
}

/* ---- static functions ---- */

/* 请到…: the place in a soft panel, then its hours and phone when configured. */
static void next_place(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    const pc_config *cfg = &app->setup.cfg;
    ui_text_style strong = ui_st(ui, UI_T_BODY, true, UI_C_TEXT);
    char buf[512];
    ui_str_fill(ui, "result.next_place", "place", cfg->help_place, buf, sizeof buf);
    ui_note(ui, l, buf, UI_C_SOFT, UI_C_PRIMARY);
    ui_layout_space(ui, l, UI_SPACE_3);
    if (cfg->help_hours[0])
        next_line(ui, l, "result.next_hours", "hours", cfg->help_hours, strong);
    if (cfg->help_phone[0])
        next_line(ui, l, "result.next_phone", "phone", cfg->help_phone, strong);
}

static void next_line(ui_ctx *ui, ui_layout *l, const char *key, const char *name,
                      const char *value, ui_text_style st)
{
    char buf[512];
    ui_str_fill(ui, key, name, value, buf, sizeof buf);
    ui_layout_space(ui, l, UI_SPACE_2);
    ui_layout_text(ui, l, buf, st);
}

/* A step the applicant takes part in whose words name a right (申辩, 申诉, 异议). */
static bool next_is_right(ui_ctx *ui, const pc_step *s)
{
    const char *words = ui_str(ui, "result.rights_words"), *sep = ui_str(ui, "common.list_sep");
    size_t seplen = strlen(sep);
    if (!s->applicant || !s->what || !seplen)
        return false;
    for (const char *p = words; *p;) {
        const char *end = strstr(p, sep);
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char word[64];
        if (len && len < sizeof word) {
            memcpy(word, p, len);
            word[len] = '\0';
            if (strstr(s->what, word))
                return true;
        }
        p += len + (end ? seplen : 0);
    }
    return false;
}

/* 如果您对结果有不同意见: the policy's own steps that give the applicant a say. */
static void next_rights(ui_ctx *ui, const pc_pack *pack, ui_layout *l)
{
    bool any = false;
    for (size_t i = 0; i < pack->n_steps; i++) {
        if (!next_is_right(ui, &pack->steps[i]))
            continue;
        if (!any) {
            ui_layout_space(ui, l, UI_SPACE_7);
            ui_layout_text(ui, l, ui_str(ui, "result.next_rights"),
                           ui_st(ui, UI_T_BODY, true, UI_C_TEXT));
        }
        any = true;
        next_bullet(ui, l, pack->steps[i].what);
    }
}

/* 本机还可以预检: the other policies offered today, by their short titles. */
static void next_others(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    const ui_setup *su = &app->setup;
    if (su->n_offered < 2)
        return;
    ui_layout_space(ui, l, UI_SPACE_7);
    ui_layout_text(ui, l, ui_str(ui, "result.next_others"), ui_st(ui, UI_T_BODY, true, UI_C_TEXT));
    for (size_t i = 0; i < su->n_offered; i++)
        if (su->offered[i] != app->session.pack)
            next_bullet(ui, l, su->offered[i]->short_title);
}

/* A dot and the text beside it. */
static void next_bullet(ui_ctx *ui, ui_layout *l, const char *text)
{
    int r = ui_text_px(ui, 8), line = ui_font_height(ui, ui_text_px(ui, UI_T_BODY), false);
    ui_layout_space(ui, l, UI_SPACE_3);
    ui_disc(ui, l->x + r + ui_px(ui, 8), l->y + line / 2, r, UI_C_PRIMARY);
    ui_layout item = ui_layout_indent(l, 2 * r + ui_px(ui, 32));
    ui_layout_text(ui, &item, text, ui_st(ui, UI_T_BODY, false, UI_C_TEXT));
    l->y = item.y;
}
