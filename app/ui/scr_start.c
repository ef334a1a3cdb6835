/* scr_start.c — the welcome (attract) screen and the choice of policy.
 *
 * Welcome says what the kiosk does and that it is a pre-check, not a decision, with
 * one large 开始. The policy list offers only packs in force on the kiosk's date
 * (and drafts where the configuration allows, marked 征求意见稿); each card says in
 * one line whom the policy covers. When drafts are offered the list has two headed
 * parts, so that a draft is never listed under words that say "in force". */
#include "ui.h"

#include <stdio.h>
#include <string.h>

/* ---- static prototypes ---- */
static int start_points(kiosk_app *app, int x, int y, int w);
static int start_policy_card(kiosk_app *app, int i, int x, int y, int w);
static int start_policy_cards(kiosk_app *app, bool drafts, int x, int y, int w);
static bool start_drafts_offered(const kiosk_app *app);
static void start_back_button(kiosk_app *app, int bar_top);

/* ---- public functions ---- */

void ui_screen_welcome(kiosk_app *app)
{
    int top = ui_top_bar(app, ui_str(app, "welcome.kicker")), x, w, m = ui_px(app, UI_MARGIN);
    ui_column_wide(app, &x, &w);
    bool wide = app->landscape;
    int tw = wide ? w * 58 / 100 : w;
    ui_scroll_begin(app, top, app->h);
    int y = top + ui_px(app, wide ? 56 : 96) - app->scroll;
    y += ui_text_draw(app, ui_str(app, "welcome.title"), ui_st(app, UI_T_DISPLAY, true, UI_C_TEXT), x, y, tw);
    y += ui_px(app, 36);
    y += ui_text_draw(app, ui_str(app, "welcome.lead"), ui_st(app, UI_T_BODY, false, UI_C_TEXT), x, y, tw);
    y = start_points(app, x, y + ui_px(app, 44), tw);
    y += ui_px(app, 20);
    y += ui_note(app, ui_str(app, "welcome.note"), x, y, tw, UI_C_NOTE_BG, UI_C_NOTE_LINE);
    if (app->clock_bad) {
        y += ui_px(app, 24);
        y += ui_note(app, ui_str(app, "common.clock_warning"), x, y, tw, UI_C_CARD, UI_C_INELIGIBLE);
    }
    int bh = ui_px(app, 200), by, bx = x, bw = w;
    if (wide) {
        bx = x + tw + m;
        bw = w - tw - m;
        bh = ui_px(app, 300);
        by = top + (app->h - top - bh) / 2 - app->scroll;
    } else {
        by = y + ui_px(app, 64);
        int low = app->h - bh - ui_px(app, 200) - app->scroll;
        if (by < low) by = low;
    }
    ui_button_sized(app, "start", (SDL_Rect){bx, by, bw, bh}, ui_str(app, "welcome.start"), UI_BTN_PRIMARY,
                    ACT_START, 0, ui_text_px(app, 88));
    ui_text_style st = ui_st(app, UI_T_SMALL, false, UI_C_MUTED);
    st.align = UI_ALIGN_CENTER;
    int end = by + bh + ui_px(app, 28);
    end += ui_text_draw(app, ui_str(app, "welcome.time"), st, bx, end, bw);
    if (y > end) end = y;
    ui_scroll_end(app, end + app->scroll + m);
    ui_scrollbar(app);
}

void ui_screen_policy(kiosk_app *app)
{
    int top = ui_top_bar(app, ui_str(app, "app.name")), x, w;
    int bar = app->h - ui_bottom_bar_height(app);
    ui_column(app, &x, &w);
    ui_scroll_begin(app, top, bar);
    int y = top + ui_px(app, 56) - app->scroll;
    y += ui_text_draw(app, ui_str(app, "policy.title"), ui_st(app, UI_T_H1, true, UI_C_TEXT), x, y, w);
    y += ui_px(app, 20);
    bool drafts = start_drafts_offered(app);
    y += ui_text_draw(app, ui_str(app, drafts ? "policy.lead_drafts" : "policy.lead"),
                      ui_st(app, UI_T_BODY, false, UI_C_MUTED), x, y, w);
    y += ui_px(app, 40);
    if (drafts && app->n_offered > 0 && app->offered[0]->status != PC_STATUS_DRAFT)
        y = ui_heading(app, ui_str(app, "policy.in_force"), x, y, w);
    y = start_policy_cards(app, false, x, y, w);
    if (drafts) {
        y = ui_heading(app, ui_str(app, "policy.drafts"), x, y + ui_px(app, 16), w);
        y = start_policy_cards(app, true, x, y, w);
    }
    if (app->n_offered == 0)
        y += ui_note(app, ui_str(app, "policy.none"), x, y, w, UI_C_NOTE_BG, UI_C_NOTE_LINE);
    ui_scroll_end(app, y + app->scroll + ui_px(app, 24));
    ui_scrollbar(app);
    start_back_button(app, ui_bottom_bar(app));
}

/* ---- static functions ---- */

static int start_points(kiosk_app *app, int x, int y, int w)
{
    static const char *const keys[] = {"welcome.point1", "welcome.point2", "welcome.point3"};
    int r = ui_text_px(app, 24), indent = r * 2 + ui_px(app, 24);
    ui_text_style st = ui_st(app, UI_T_BODY, false, UI_C_TEXT);
    for (size_t i = 0; i < 3; i++) {
        int h = ui_text_draw(app, ui_str(app, keys[i]), st, x + indent, y, w - indent);
        int line = ui_font_height(app, st.size, false);
        ui_icon_draw(app, UI_ICON_CHECK, x + r, y + line / 2, r, UI_C_ON_DARK, UI_C_EXEMPT);
        y += h + ui_px(app, 24);
    }
    return y;
}

/* The offered packs that are drafts, or those that are not. */
static int start_policy_cards(kiosk_app *app, bool drafts, int x, int y, int w)
{
    for (size_t i = 0; i < app->n_offered; i++)
        if ((app->offered[i]->status == PC_STATUS_DRAFT) == drafts)
            y = start_policy_card(app, (int)i, x, y, w) + ui_px(app, 28);
    return y;
}

static bool start_drafts_offered(const kiosk_app *app)
{
    for (size_t i = 0; i < app->n_offered; i++)
        if (app->offered[i]->status == PC_STATUS_DRAFT) return true;
    return false;
}

/* One card: short title (and 征求意见稿), whom it covers, issuer; the whole card is the target. */
static int start_policy_card(kiosk_app *app, int i, int x, int y, int w)
{
    const pc_pack *p = app->offered[i];
    bool draft = p->status == PC_STATUS_DRAFT;
    int pad = ui_px(app, 40), arrow = ui_px(app, 44), iw = w - 2 * pad - arrow * 2 - ui_px(app, 24);
    char covers[1024], who[512];
    const char *names[] = {"covers"}, *values[] = {p->covers};
    pc_strings_format(covers, sizeof covers, ui_str(app, "policy.covers"), names, values, 1);
    snprintf(who, sizeof who, "%s%s%s", p->issuer, p->number[0] ? " · " : "", p->number);
    ui_text_style ht = ui_st(app, UI_T_H2, true, UI_C_TEXT), bt = ui_st(app, UI_T_BODY, false, UI_C_TEXT),
                  st = ui_st(app, UI_T_SMALL, false, UI_C_MUTED), dt = ui_st(app, UI_T_SMALL, true, UI_C_DRAFT);
    int hw, hh, bw, bh, sw, sh, dw = 0, dh = 0;
    ui_text_size(app, p->short_title, ht, iw, &hw, &hh);
    ui_text_size(app, covers, bt, iw, &bw, &bh);
    ui_text_size(app, who, st, iw, &sw, &sh);
    if (draft) ui_text_size(app, ui_str(app, "policy.draft_note"), dt, iw, &dw, &dh);
    int badge_h = draft ? ui_text_px(app, UI_T_SMALL) + ui_px(app, 24) : 0;
    int h = pad + (draft ? badge_h + ui_px(app, 16) : 0) + hh + ui_px(app, 16) + bh + ui_px(app, 12) + sh
          + (draft ? ui_px(app, 12) + dh : 0) + pad;
    SDL_Rect card = {x, y, w, h};
    char id[48];
    snprintf(id, sizeof id, "policy:%s", p->id);
    int idx = ui_widget_add(app, id, card, ACT_POLICY, i);
    bool pressed = app->ptr.down && !app->ptr.scrolling && app->ptr.widget == idx;
    ui_round_frame(app, card, ui_px(app, UI_RADIUS), ui_px(app, 3), pressed ? UI_C_SOFT : UI_C_CARD,
                   draft ? UI_C_DRAFT : UI_C_BORDER);
    int cy = y + pad;
    if (draft) {
        const char *badge = ui_str(app, "policy.draft_badge");
        ui_text_style bs = ui_st(app, UI_T_SMALL, true, UI_C_ON_DARK);
        int tw, th;
        ui_text_size(app, badge, bs, 0, &tw, &th);
        ui_round(app, (SDL_Rect){x + pad, cy, tw + ui_px(app, 32), badge_h}, badge_h / 2, UI_C_DRAFT);
        ui_text_draw(app, badge, bs, x + pad + ui_px(app, 16), cy + (badge_h - th) / 2, 0);
        cy += badge_h + ui_px(app, 16);
    }
    cy += ui_text_draw(app, p->short_title, ht, x + pad, cy, iw) + ui_px(app, 16);
    cy += ui_text_draw(app, covers, bt, x + pad, cy, iw) + ui_px(app, 12);
    cy += ui_text_draw(app, who, st, x + pad, cy, iw);
    if (draft) ui_text_draw(app, ui_str(app, "policy.draft_note"), dt, x + pad, cy + ui_px(app, 12), iw);
    ui_icon_draw(app, UI_ICON_ARROWS, x + w - pad - arrow, y + h / 2, arrow, UI_C_ON_DARK, UI_C_PRIMARY);
    return y + h;
}

static void start_back_button(kiosk_app *app, int bar_top)
{
    int x, w, bh = ui_bottom_bar_height(app) - ui_px(app, 56);
    ui_column(app, &x, &w);
    ui_button(app, "back", (SDL_Rect){x, bar_top + ui_px(app, 28), ui_px(app, 300), bh},
              ui_str(app, "common.back"), UI_BTN_SECONDARY, ACT_BACK, 0);
}
