/* scr_policy.c — the choice of policy. The list offers only packs in force on the
 * kiosk's date (and drafts where the configuration allows, marked 征求意见稿); each card
 * says in one line whom the policy covers. When drafts are offered the list has two
 * headed parts, so that a draft is never listed under words that say "in force". A card
 * wholly under the fold (large text, many policies) is announced by "下面还有". */
#include "screens/screens.h"

#include <stdio.h>
#include <string.h>

/* ---- static prototypes ---- */
static void policy_cards(ui_ctx *ui, const kiosk_app *app, ui_layout *l, bool drafts);
static bool policy_drafts_offered(const kiosk_app *app);
static void policy_card(ui_ctx *ui, const kiosk_app *app, ui_layout *l, int i);
static void policy_card_words(ui_ctx *ui, const pc_pack *p, ui_layout *l);
static void policy_badge(ui_ctx *ui, ui_layout *l);

/* ---- public functions ---- */

void scr_policy_draw(ui_ctx *ui, const kiosk_app *app)
{
    static const ui_page_look look = {UI_T_H1, UI_C_MUTED, UI_SPACE_5, UI_SPACE_10};
    bool drafts = policy_drafts_offered(app);
    ui_page page = ui_page_begin(ui, ui_str(ui, "app.name"), UI_PAGE_BAR, UI_SPACE_14);
    ui_layout *l = &page.body;
    ui_page_head(ui, l, ui_str(ui, "policy.title"),
                 ui_str(ui, drafts ? "policy.lead_drafts" : "policy.lead"), &look);
    if (drafts && app->setup.n_offered > 0 && app->setup.offered[0]->status != PC_STATUS_DRAFT)
        ui_heading(ui, l, ui_str(ui, "policy.in_force"));
    policy_cards(ui, app, l, false);
    if (drafts) {
        ui_layout_space(ui, l, UI_SPACE_4);
        ui_heading(ui, l, ui_str(ui, "policy.drafts"));
        policy_cards(ui, app, l, true);
    }
    if (app->setup.n_offered == 0)
        ui_note(ui, l, ui_str(ui, "policy.none"), UI_C_NOTE_BG, UI_C_NOTE_LINE);
    ui_page_end(ui, &page, 24);
    SDL_Rect col = {l->x, 0, l->w, 0};
    ui_page_more_below(ui, col, col); /* more policies than the screen holds */
    ui_page_bottom_buttons(ui, l->x, l->w, NULL, NULL, UI_BTN_SECONDARY, ACT_NONE, NULL, NULL,
                           UI_BTN_PRIMARY, ACT_NONE);
}

/* ---- static functions ---- */

/* The offered packs that are drafts, or those that are not. */
static void policy_cards(ui_ctx *ui, const kiosk_app *app, ui_layout *l, bool drafts)
{
    for (size_t i = 0; i < app->setup.n_offered; i++) {
        if ((app->setup.offered[i]->status == PC_STATUS_DRAFT) != drafts)
            continue;
        policy_card(ui, app, l, (int)i);
        ui_layout_space(ui, l, UI_SPACE_7);
    }
}

static bool policy_drafts_offered(const kiosk_app *app)
{
    for (size_t i = 0; i < app->setup.n_offered; i++)
        if (app->setup.offered[i]->status == PC_STATUS_DRAFT)
            return true;
    return false;
}

/* One card: short title (and 征求意见稿), whom it covers, issuer; the whole card is the
 * target, with an arrow at its right. */
static void policy_card(ui_ctx *ui, const kiosk_app *app, ui_layout *l, int i)
{
    const pc_pack *p = app->setup.offered[i];
    int pad = ui_px(ui, 40), arrow = ui_px(ui, 44);
    int words_w = l->w - 2 * pad - arrow * 2 - ui_px(ui, 24); /* the arrow and a gap */
    ui_layout in = ui_layout_measure(l->x + pad, l->y + pad, words_w);
    policy_card_words(ui, p, &in);
    SDL_Rect card = ui_layout_next(l, in.y - l->y + pad);
    char id[48];
    snprintf(id, sizeof id, "policy:%s", p->id);
    int idx = ui_widget_add(ui, id, card, ACT_POLICY, i);
    ui_round_frame(ui, card, ui_px(ui, UI_RADIUS), ui_px(ui, 3),
                   ui_widget_pressed(ui, idx) ? UI_C_SOFT : UI_C_CARD,
                   p->status == PC_STATUS_DRAFT ? UI_C_DRAFT : UI_C_BORDER);
    in = ui_layout_column(card.x + pad, card.y + pad, words_w);
    policy_card_words(ui, p, &in);
    ui_icon_draw(ui, UI_ICON_ARROWS, card.x + card.w - pad - arrow, card.y + card.h / 2, arrow,
                 UI_C_ON_DARK, UI_C_PRIMARY);
}

/* The card's words: 征求意见稿 (a badge), the title, whom it covers, the issuer, and what
 * a draft means. */
static void policy_card_words(ui_ctx *ui, const pc_pack *p, ui_layout *l)
{
    bool draft = p->status == PC_STATUS_DRAFT;
    char covers[1024], who[512];
    ui_str_fill(ui, "policy.covers", "covers", p->covers, covers, sizeof covers);
    snprintf(who, sizeof who, "%s%s%s", p->issuer, p->number[0] ? " · " : "", p->number);
    if (draft) {
        policy_badge(ui, l);
        ui_layout_space(ui, l, UI_SPACE_4);
    }
    ui_layout_text(ui, l, p->short_title, ui_st(ui, UI_T_H2, true, UI_C_TEXT));
    ui_layout_space(ui, l, UI_SPACE_4);
    ui_layout_text(ui, l, covers, ui_st(ui, UI_T_BODY, false, UI_C_TEXT));
    ui_layout_space(ui, l, UI_SPACE_3);
    ui_layout_text(ui, l, who, ui_st(ui, UI_T_SMALL, false, UI_C_MUTED));
    if (!draft)
        return;
    ui_layout_space(ui, l, UI_SPACE_3);
    ui_layout_text(ui, l, ui_str(ui, "policy.draft_note"), ui_st(ui, UI_T_SMALL, true, UI_C_DRAFT));
}

/* 征求意见稿 in a pill. */
static void policy_badge(ui_ctx *ui, ui_layout *l)
{
    const char *badge = ui_str(ui, "policy.draft_badge");
    ui_text_style bs = ui_st(ui, UI_T_SMALL, true, UI_C_ON_DARK);
    int h = ui_text_px(ui, UI_T_SMALL) + ui_px(ui, 24), tw, th;
    SDL_Rect r = ui_layout_next(l, h);
    if (l->measure)
        return;
    ui_text_size(ui, badge, bs, 0, &tw, &th);
    ui_round(ui, (SDL_Rect){r.x, r.y, tw + ui_px(ui, 32), h}, h / 2, UI_C_DRAFT);
    ui_text_draw(ui, badge, bs, r.x + ui_px(ui, 16), r.y + (h - th) / 2, 0);
}
