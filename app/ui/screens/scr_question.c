/* scr_question.c — one question per screen: progress, the question in plain Chinese,
 * 查看原文 right under it (the clause's original text and citation, so that it is in view
 * in large text and landscape too), the answers (portrait; beside it in landscape), why
 * it is asked. The answers depend on the kind
 * (scr_options.c: 是/否, one of several, which apply; scr_pickers.c: the number keypad and
 * the date picker); kinds that are confirmed keep their 确定 / 下一步 in the bottom bar, so
 * it never scrolls away. A note over the bottom says why a touch could not act yet, and
 * "more below" shows (and scrolls) when answers lie under the fold. 查看原文 opens the
 * clauses' text over the screen. */
#include "screens/screens.h"

#include <stdio.h>
#include <string.h>

/* A button of the bottom bar. */
typedef struct question_key {
    const char *id, *label;
    ui_btn_kind kind;
    ui_action action;
    int arg;
} question_key;

/* ---- static prototypes ---- */
static void question_progress(ui_ctx *ui, const kiosk_app *app, ui_layout *l, bool source);
static bool question_source_on_top(ui_ctx *ui, const kiosk_app *app, const pc_question *q,
                                   const ui_layout *l);
static void question_why(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l);
static void question_why_words(ui_ctx *ui, const pc_question *q, ui_layout *l);
static void question_source_button(ui_ctx *ui, const kiosk_app *app, const pc_question *q,
                                   ui_layout *l);
static void question_answers(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l);
static int question_left_share(const ui_ctx *ui, const pc_question *q);
static int question_ask_size(ui_ctx *ui, const pc_question *q, const ui_layout *l);
static void question_bottom(ui_ctx *ui, const kiosk_app *app, const pc_question *q,
                            const ui_layout *l, bool extra);
static void question_bar_four(ui_ctx *ui, const ui_layout *l, const question_key *unsure,
                              const question_key *more, const question_key *main);
static void question_bar_two_rows(ui_ctx *ui, const ui_layout *l, const question_key *unsure,
                                  const question_key *more, const question_key *main);
static bool question_bar_tall(const ui_ctx *ui, const pc_question *q, bool extra);
static void question_hint(ui_ctx *ui, const kiosk_app *app, const pc_question *q, SDL_Rect col);
static void question_source(ui_ctx *ui, const kiosk_app *app, const pc_question *q);
static void source_clauses(ui_ctx *ui, const pc_pack *pack, const pc_question *q, ui_layout *l);
static void source_clause(ui_ctx *ui, const pc_clause *c, ui_layout *l);

/* ---- public functions ---- */

bool scr_question_bar_extra(const ui_ctx *ui, const pc_question *q)
{
    return ui->landscape && ui->large &&
           (q->kind == PC_Q_CHOICE || q->kind == PC_Q_MULTI || q->kind == PC_Q_DATE);
}

void scr_question_draw(ui_ctx *ui, const kiosk_app *app)
{
    const pc_pack *pack = app->session.pack;
    const pc_question *q = pc_session_question(&app->session);
    if (!q)
        return;
    ui_page page = ui_page_begin(ui, pack->short_title, UI_PAGE_WIDE | UI_PAGE_BAR,
                                 ui->landscape ? UI_SPACE_8 : UI_SPACE_10);
    ui_layout cols[2]; /* landscape: the question and why at the left, the answers at the right */
    ui_layout_split(&page.body, 2, (int[]){page.body.w * question_left_share(ui, q) / 100, 0},
                    ui_px(ui, 64), cols);
    ui_layout *left = ui->landscape ? &cols[0] : &page.body;
    bool extra = false; /* 不确定, 以上都不是 in the bottom bar */
    bool source_on_top = question_source_on_top(ui, app, q, left);
    question_progress(ui, app, left, source_on_top);
    if (pack->status == PC_STATUS_DRAFT) {
        ui_layout_text(ui, left, ui_str(ui, "question.draft"),
                       ui_st(ui, UI_T_SMALL, true, UI_C_DRAFT));
        ui_layout_space(ui, left, UI_SPACE_4);
    }
    ui_layout_text(ui, left, q->ask, ui_st(ui, question_ask_size(ui, q, left), true, UI_C_TEXT));
    if (!source_on_top) {
        ui_layout_space(ui, left, UI_SPACE_6); /* 查看原文 under the question: in view */
        question_source_button(ui, app, q, left);
    }
    ui_layout_space(ui, left, ui->landscape ? UI_SPACE_5 : UI_SPACE_8);
    if (ui->landscape) {
        if (q->kind == PC_Q_DATE && !scr_question_bar_extra(ui, q) &&
            scr_pickers_date_words_fit(ui, q, left)) { /* else in the bar */
            scr_pickers_date_words(ui, app, q, left);
            ui_layout_space(ui, left, UI_SPACE_10);
        } else if (q->kind == PC_Q_DATE) {
            extra = true;
        }
        question_why(ui, app, q, left);
        ui_layout_space(ui, left, UI_SPACE_10);
        extra = extra || scr_options_extras_in_bar(ui, q, &cols[1]);
        question_answers(ui, app, q, &cols[1]);
        ui_layout_space(ui, &cols[1], UI_SPACE_10);
        page.body.y = ui_layout_lowest(cols, 2);
    } else { /* portrait: the answers right under the question */
        extra = scr_options_extras_in_bar(ui, q, left);
        if (question_bar_tall(ui, q, extra)) { /* the bar grows a row: the view ends higher */
            SDL_Rect v = ui->gfx->scroll_view;
            ui_scroll_begin(ui, v.y, v.y + v.h - ui_page_bottom_row_height(ui));
        }
        question_answers(ui, app, q, left);
        ui_layout_space(ui, left, UI_SPACE_12);
        question_why(ui, app, q, left);
    }
    ui_page_end(ui, &page, UI_SPACE_8);
    SDL_Rect lr = {left->x, 0, left->w, 0},
             rr = ui->landscape ? (SDL_Rect){cols[1].x, 0, cols[1].w, 0} : lr;
    if (app->session.entry.hint != PC_HINT_NONE)
        question_hint(ui, app, q, lr);
    else
        ui_page_more_below(ui, lr, rr);
    question_bottom(ui, app, q, &page.body, extra);
    if (app->flow.source_open)
        question_source(ui, app, q);
}

/* ---- static functions ---- */

/* 第 N 题 / 约 M 题 (and beside it 查看原文 when source: see question_source_on_top), and
 * a bar that fills as the questions go. */
static void question_progress(ui_ctx *ui, const kiosk_app *app, ui_layout *l, bool source)
{
    char n[16], t[16], text[128];
    int done = app->session.progress_n, total = app->session.progress_total;
    snprintf(n, sizeof n, "%d", done);
    snprintf(t, sizeof t, "%d", total);
    const char *names[] = {"n", "total"}, *values[] = {n, t};
    pc_strings_format(text, sizeof text, ui_str(ui, "question.progress"), names, values, 2);
    ui_text_style st = ui_st(ui, UI_T_SMALL, true, UI_C_MUTED);
    if (source) { /* the button as narrow as its words allow, the rest for the count */
        const char *words = ui_str(ui, "question.source");
        int bh = ui_px(ui, ui->large ? 100 : 88), tw, th;
        ui_text_size(ui, words, ui_st(ui, UI_T_BUTTON, true, UI_C_LINK), 0, &tw, &th);
        int bw = tw + ui_px(ui, 48);
        ui_layout_row(l, 2, (int[]){0, bw}, bh, ui_px(ui, 24));
        SDL_Rect cell = ui_layout_cell(l);
        ui_text_size(ui, text, st, cell.w, &tw, &th);
        ui_text_draw(ui, text, st, cell.x, cell.y + (cell.h - th) / 2, cell.w);
        ui_button(ui, "source", ui_layout_cell(l), words, UI_BTN_SECONDARY, ACT_SOURCE_OPEN, 0);
        ui_layout_row_end(l);
    } else {
        ui_layout_text(ui, l, text, st);
    }
    ui_layout_space(ui, l, UI_SPACE_3_5);
    SDL_Rect bar = ui_layout_next(l, ui_px(ui, 16));
    ui_round(ui, bar, bar.h / 2, UI_C_BORDER);
    int fw = bar.w * done / (total > 0 ? total : 1);
    ui_round(ui, (SDL_Rect){bar.x, bar.y, fw < bar.h ? bar.h : fw, bar.h}, bar.h / 2, UI_C_PRIMARY);
    ui_layout_space(ui, l, UI_SPACE_11);
}

/* Why it is asked (and help) in a soft panel. */
static void question_why(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l)
{
    int pad = ui_px(ui, 32);
    ui_layout in = ui_layout_measure(l->x + pad, l->y + pad, l->w - 2 * pad);
    question_why_words(ui, q, &in);
    SDL_Rect box = ui_layout_next(l, in.y - l->y + pad);
    ui_round(ui, box, ui_px(ui, 16), UI_C_SOFT);
    in = ui_layout_column(box.x + pad, box.y + pad, box.w - 2 * pad);
    question_why_words(ui, q, &in);
    (void)app;
}

static void question_why_words(ui_ctx *ui, const pc_question *q, ui_layout *l)
{
    ui_text_style body = ui_st(ui, UI_T_BODY, false, UI_C_TEXT);
    ui_layout_text(ui, l, ui_str(ui, "question.why"), ui_st(ui, UI_T_SMALL, true, UI_C_LINK));
    ui_layout_space(ui, l, UI_SPACE_2_5);
    ui_layout_text(ui, l, q->why, body);
    if (!q->help || !q->help[0])
        return;
    ui_layout_space(ui, l, UI_SPACE_4);
    ui_layout_text(ui, l, q->help, body);
}

/* 查看原文 (never narrower than its words on one line), and beside it the clause cited. */
static void question_source_button(ui_ctx *ui, const kiosk_app *app, const pc_question *q,
                                   ui_layout *l)
{
    const char *words = ui_str(ui, "question.source");
    int bw = ui_px(ui, ui->large ? 340 : 290), sw, sh;
    ui_text_size(ui, words,
                 (ui_text_style){ui_text_px(ui, UI_T_BUTTON), true, UI_C_LINK, UI_ALIGN_LEFT}, 0,
                 &sw, &sh);
    if (sw + ui_px(ui, 48) > bw)
        bw = sw + ui_px(ui, 48);
    ui_layout_row(l, 2, (int[]){bw, 0}, ui_px(ui, ui->large ? 100 : 88), ui_px(ui, 24));
    ui_button(ui, "source", ui_layout_cell(l), words, UI_BTN_SECONDARY, ACT_SOURCE_OPEN, 0);
    SDL_Rect beside = ui_layout_cell(l);
    ui_layout_row_end(l);
    if (q->n_cites == 0)
        return;
    char label[256], n[24];
    snprintf(n, sizeof n, "%zu", q->n_cites);
    const char *names[] = {"label", "n"},
               *values[] = {app->session.pack->clauses[q->cites[0]].label, n};
    pc_strings_format(label, sizeof label,
                      ui_str(ui, q->n_cites > 1 ? "source.label_more" : "source.label"), names,
                      values, 2);
    ui_text_style ls = ui_st(ui, UI_T_SMALL, false, UI_C_MUTED);
    int lw, lh;
    ui_text_size(ui, label, ls, beside.w, &lw, &lh);
    ui_text_draw(ui, label, ls, beside.x, beside.y + (beside.h - lh) / 2, beside.w);
}

/* The answers by the question's kind (scr_options.c, scr_pickers.c). */
static void question_answers(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l)
{
    static void (*const by_kind[PC_Q_KIND_COUNT])(ui_ctx *, const kiosk_app *, const pc_question *,
                                                  ui_layout *) = {
        [PC_Q_YES_NO] = scr_options_yes_no,
        [PC_Q_CHOICE] = scr_options_choice,
        [PC_Q_MULTI] = scr_options_multi,
        [PC_Q_NUMBER] = scr_pickers_number,
        [PC_Q_DATE] = scr_pickers_date};
    bool known = (unsigned)q->kind < PC_Q_KIND_COUNT;
    (known ? by_kind[q->kind] : scr_options_yes_no)(ui, app, q, l);
}

/* In landscape the question's column is low: when 查看原文 under a long question would
 * be below the screen (large text: 广西's and 云南's first questions), it stands at the
 * column's top beside 第 N 题 instead, so that the policy's words are one tap away. */
static bool question_source_on_top(ui_ctx *ui, const kiosk_app *app, const pc_question *q,
                                   const ui_layout *l)
{
    if (!ui->landscape)
        return false;
    ui_layout m = ui_layout_measure(l->x, l->y, l->w);
    ui_layout_text(ui, &m, "第 1 题", ui_st(ui, UI_T_SMALL, true, UI_C_MUTED));
    ui_layout_space(ui, &m, UI_SPACE_3_5);
    ui_layout_next(&m, ui_px(ui, 16));
    ui_layout_space(ui, &m, UI_SPACE_11);
    if (app->session.pack->status == PC_STATUS_DRAFT) {
        ui_layout_text(ui, &m, ui_str(ui, "question.draft"),
                       ui_st(ui, UI_T_SMALL, true, UI_C_DRAFT));
        ui_layout_space(ui, &m, UI_SPACE_4);
    }
    ui_layout_text(ui, &m, q->ask, ui_st(ui, question_ask_size(ui, q, &m), true, UI_C_TEXT));
    ui_layout_space(ui, &m, UI_SPACE_6);
    ui_layout_next(&m, ui_px(ui, ui->large ? 100 : 88));
    const SDL_Rect *view = &ui->gfx->scroll_view;
    return m.y + ui->gfx->scroll > view->y + view->h; /* where it ends when not scrolled */
}

/* The question's words are a heading; in landscape, where the question has a column of
 * its own and the screen is low, a long question in a smaller heading when the larger
 * would push 查看原文 under it below the screen (large text: 广西's, 云南's first). */
static int question_ask_size(ui_ctx *ui, const pc_question *q, const ui_layout *l)
{
    if (!ui->landscape)
        return UI_T_H1;
    int tw, th;
    ui_text_size(ui, q->ask, ui_st(ui, UI_T_H1, true, UI_C_TEXT), l->w, &tw, &th);
    int source_h = ui_px(ui, ui->large ? 100 : 88); /* question_source_button */
    int bottom = l->y + ui->gfx->scroll + th + ui_px(ui, UI_SPACE_6) + source_h;
    const SDL_Rect *view = &ui->gfx->scroll_view;
    return bottom <= view->y + view->h ? UI_T_H1 : UI_T_H2;
}

/* Landscape: the question's share of the width; options with words get more room (in
 * large text more still, so that fewer of them wrap). */
static int question_left_share(const ui_ctx *ui, const pc_question *q)
{
    if (q->kind != PC_Q_CHOICE && q->kind != PC_Q_MULTI)
        return 56;
    return ui->large ? 40 : 46;
}

/* 返回, and for kinds that are confirmed: 不确定 (for a date 记不清日期) and 下一步 / 确定
 * (disabled-looking until there is something to confirm; a tap then says what is
 * missing): in the bar they are always in view. Large text in landscape has no room
 * under the options for the answers that are not one of them, so they stand in the bar
 * too (scr_question_bar_extra): a choice's 不确定, 以上都不是, a date's "not yet"; so do
 * a choice's 不确定 and (in landscape) 以上都不是 whenever the options are too many to
 * leave them in view (extra: scr_options_extras_in_bar), and in landscape a date's "not
 * yet" when a long question leaves no room for it in the question's column. */
static void question_bottom(ui_ctx *ui, const kiosk_app *app, const pc_question *q,
                            const ui_layout *l, bool extra)
{
    const pc_entry *e = &app->session.entry;
    const pc_answer *a = &app->session.answers.a[app->session.question];
    question_key unsure = {NULL, NULL, UI_BTN_SECONDARY, ACT_ANSWER, -1}, more = {0},
                 main = {NULL, NULL, UI_BTN_DISABLED, ACT_NONE, 0};
    if (q->kind == PC_Q_MULTI || q->kind == PC_Q_NUMBER || (q->kind == PC_Q_CHOICE && extra))
        unsure.id = "answer:unsure", unsure.label = ui_str(ui, "question.unsure");
    if (q->kind == PC_Q_DATE)
        unsure = (question_key){"date:unsure", ui_str(ui, "date.unsure_short"), UI_BTN_SECONDARY,
                                ACT_DATE_UNSURE, -1};
    if (a->state == PC_ANS_UNSURE)
        unsure.kind = UI_BTN_SELECTED;
    switch (q->kind) {
    case PC_Q_MULTI:
        main = (question_key){"multi:next", ui_str(ui, "question.next"),
                              e->multi_pick || e->multi_none ? UI_BTN_PRIMARY : UI_BTN_DISABLED,
                              ACT_MULTI_NEXT, 0};
        more =
            (question_key){"multi:none", ui_str(ui, "question.none_of_these"),
                           e->multi_none ? UI_BTN_SELECTED : UI_BTN_SECONDARY, ACT_MULTI_NONE, 0};
        break;
    case PC_Q_NUMBER:
        main =
            (question_key){"key:ok", ui_str(ui, "number.ok"),
                           e->number_text[0] ? UI_BTN_PRIMARY : UI_BTN_DISABLED, ACT_NUMBER_OK, 0};
        break;
    case PC_Q_DATE:
        main = (question_key){"date:confirm", ui_str(ui, "date.confirm"),
                              e->date_pick != PC_NO_DAY ? UI_BTN_PRIMARY : UI_BTN_DISABLED,
                              ACT_DATE_CONFIRM, 0};
        more = (question_key){"date:not_yet", q->not_yet,
                              a->state == PC_ANS_NOT_YET ? UI_BTN_SELECTED : UI_BTN_SECONDARY,
                              ACT_DATE_NOT_YET, 0};
        break;
    default: /* answered at the tap: only 返回 (and 不确定 beside it: see above) */
        break;
    }
    if (extra && more.id && question_bar_tall(ui, q, extra))
        question_bar_two_rows(ui, l, &unsure, &more, &main);
    else if (extra && more.id)
        question_bar_four(ui, l, &unsure, &more, &main);
    else
        ui_page_bottom_buttons(ui, l->x, l->w, unsure.id, unsure.label, unsure.kind, unsure.action,
                               main.id, main.label, main.kind, main.action);
}

/* 返回, 不确定 / 记不清, the other answer (its words as large as fit on one line, as long
 * as the main button keeps room for its own), the main button. */
static void question_bar_four(ui_ctx *ui, const ui_layout *l, const question_key *unsure,
                              const question_key *more, const question_key *main)
{
    int gap = ui_px(ui, 24), back = ui_px(ui, 240), second = ui_px(ui, 300),
        bh = ui_page_bottom_bar_height(ui) - ui_px(ui, 56);
    int icon = ui_px(ui, 24) + 2 * (bh / 5) + ui_px(ui, 12); /* a chosen answer's ✓ */
    int cw, nw, th, px = 0;
    ui_text_style st = {ui_text_px(ui, UI_T_BUTTON), true, UI_C_LINK, UI_ALIGN_CENTER};
    ui_text_size(ui, main->label, st, 0, &cw, &th);
    int most = l->w - back - second - 3 * gap - (cw + 2 * ui_px(ui, 48));
    static const int sizes[] = {UI_T_BUTTON, UI_T_OPTION, UI_T_BODY}; /* the largest that fits */
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0] && !px; i++) {
        st.size = ui_text_px(ui, sizes[i]);
        ui_text_size(ui, more->label, st, 0, &nw, &th);
        nw += icon + ui_px(ui, 40); /* the words and the ✓, with room to spare */
        if (nw <= most || i + 1 == sizeof sizes / sizeof sizes[0])
            px = st.size;
    }
    int widths[4] = {back, second, nw < most ? nw : most, 0};
    ui_layout bar = ui_page_bottom_row(ui, l->x, l->w, 4, widths);
    ui_button(ui, "back", ui_layout_cell(&bar), ui_str(ui, "common.back"), UI_BTN_SECONDARY,
              ACT_BACK, 0);
    ui_button(ui, unsure->id, ui_layout_cell(&bar), unsure->label, unsure->kind, unsure->action,
              unsure->arg);
    ui_button_sized(ui, more->id, ui_layout_cell(&bar), more->label, more->kind, more->action,
                    more->arg, px);
    ui_button(ui, main->id, ui_layout_cell(&bar), main->label, main->kind, main->action, main->arg);
}

/* Portrait has no width for four keys in one row: a which-apply whose 以上都不是 must
 * stand in the bar (its list runs below the screen) gets a bar of two rows. */
static bool question_bar_tall(const ui_ctx *ui, const pc_question *q, bool extra)
{
    return extra && !ui->landscape && q->kind == PC_Q_MULTI;
}

/* 不确定 and 以上都不是 over 返回 and 下一步, each row across the column. */
static void question_bar_two_rows(ui_ctx *ui, const ui_layout *l, const question_key *unsure,
                                  const question_key *more, const question_key *main)
{
    int top = ui_page_bottom_bar_two_rows(ui),
        row_h = ui_page_bottom_bar_height(ui) - ui_px(ui, 56);
    ui_layout bar = ui_layout_column(l->x, top + ui_px(ui, 28), l->w);
    ui_layout_row(&bar, 2, (int[]){0, 0}, row_h, ui_px(ui, 24));
    ui_button(ui, unsure->id, ui_layout_cell(&bar), unsure->label, unsure->kind, unsure->action,
              unsure->arg);
    ui_button(ui, more->id, ui_layout_cell(&bar), more->label, more->kind, more->action, more->arg);
    ui_layout_row_end(&bar);
    ui_layout_space(ui, &bar, 24);
    ui_layout_row(&bar, 2, (int[]){ui_px(ui, 300), 0}, row_h, ui_px(ui, 24));
    ui_button(ui, "back", ui_layout_cell(&bar), ui_str(ui, "common.back"), UI_BTN_SECONDARY,
              ACT_BACK, 0);
    ui_button(ui, main->id, ui_layout_cell(&bar), main->label, main->kind, main->action, main->arg);
    ui_layout_row_end(&bar);
}

/* The note over the bottom of the screen (in landscape over the question's column, never
 * over the keys): why the last touch could not act. */
static void question_hint(ui_ctx *ui, const kiosk_app *app, const pc_question *q, SDL_Rect col)
{
    static const char *const keys[] = {[PC_HINT_NONE] = "",
                                       [PC_HINT_MULTI_PICK] = "hint.multi_pick",
                                       [PC_HINT_NUMBER_EMPTY] = "hint.number_empty",
                                       [PC_HINT_NUMBER_RANGE] = "hint.number_range",
                                       [PC_HINT_NUMBER_FULL] = "hint.number_full",
                                       [PC_HINT_DATE_PICK] = "hint.date_pick",
                                       [PC_HINT_DATE_FUTURE] = "date.future"};
    char text[512], lo[32], hi[32];
    const char *unit = q->kind == PC_Q_NUMBER ? app->session.pack->numbers[q->value].unit : "";
    pc_entry_format_number((int64_t)(q->min * 100.0), q->decimals, lo, sizeof lo);
    pc_entry_format_number((int64_t)(q->max * 100.0), q->decimals, hi, sizeof hi);
    const char *names[] = {"min", "max", "unit"}, *values[] = {lo, hi, unit};
    pc_strings_format(text, sizeof text, ui_str(ui, keys[app->session.entry.hint]), names, values,
                      3);
    int m = ui_px(ui, 24), b = ui_px(ui, 6);
    int h = ui_note_height(ui, text, col.w),
        y = ui->gfx->scroll_view.y + ui->gfx->scroll_view.h - h - m;
    ui_round(ui, (SDL_Rect){col.x - b, y - b, col.w + 2 * b, h + 2 * b}, ui_px(ui, 20),
             UI_C_NOTE_LINE);
    ui_layout at = ui_layout_column(col.x, y, col.w);
    ui_note(ui, &at, text, UI_C_NOTE_BG, UI_C_NOTE_LINE);
}

/* 查看原文: every clause the question sets (and a group's members), with its label, in a
 * card over the dimmed screen that scrolls when the clauses are long. */
static void question_source(ui_ctx *ui, const kiosk_app *app, const pc_question *q)
{
    const pc_pack *pack = app->session.pack;
    ui_dim(ui);
    ui_widgets_begin(ui);
    int m = ui_px(ui, 40), x, w;
    ui_column(ui, &x, &w);
    int pad = ui_px(ui, 48), cw = w + m - 2 * pad, tw, title_h;
    ui_text_style ts = ui_st(ui, UI_T_H1, true, UI_C_TEXT);
    ui_text_size(ui, ui_str(ui, "source.title"), ts, cw, &tw, &title_h);
    ui_layout clauses = ui_layout_measure(0, 0, cw);
    source_clauses(ui, pack, q, &clauses);
    int bh = ui_px(ui, ui->large ? 150 : 130), max = ui->h - ui_px(ui, 160);
    int ch = pad + title_h + ui_px(ui, 24) + clauses.y + ui_px(ui, 24) + bh + pad;
    SDL_Rect card = {x - m / 2, 0, w + m, ch < max ? ch : max};
    card.y = (ui->h - card.h) / 2;
    ui_round(ui, card, ui_px(ui, UI_RADIUS), UI_C_CARD);
    int cx = card.x + pad;
    ui_text_draw(ui, ui_str(ui, "source.title"), ts, cx, card.y + pad, cw);
    int btop = card.y + card.h - pad - bh;
    ui_scroll_begin(ui, card.y + pad + title_h + ui_px(ui, 24), btop - ui_px(ui, 24));
    clauses = ui_layout_column(cx, ui->gfx->scroll_view.y - ui->gfx->scroll, cw);
    source_clauses(ui, pack, q, &clauses);
    ui_scroll_end(ui, clauses.y + ui->gfx->scroll);
    ui_scrollbar(ui);
    ui_button(ui, "source:close", (SDL_Rect){cx, btop, cw, bh}, ui_str(ui, "source.close"),
              UI_BTN_PRIMARY, ACT_SOURCE_CLOSE, 0);
}

static void source_clauses(ui_ctx *ui, const pc_pack *pack, const pc_question *q, ui_layout *l)
{
    for (size_t i = 0; i < q->n_cites; i++) {
        const pc_clause *c = &pack->clauses[q->cites[i]];
        source_clause(ui, c, l);
        for (size_t g = 0; g < c->n_group; g++)
            source_clause(ui, &pack->clauses[c->group[g]], l);
    }
}

static void source_clause(ui_ctx *ui, const pc_clause *c, ui_layout *l)
{
    ui_layout_text(ui, l, c->label, ui_st(ui, UI_T_BODY, true, UI_C_LINK));
    ui_layout_space(ui, l, UI_SPACE_2);
    ui_layout_text(ui, l, c->text, ui_st(ui, UI_T_BODY, false, UI_C_TEXT));
    ui_layout_space(ui, l, UI_SPACE_8);
}
