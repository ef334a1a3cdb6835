/* screens.h — the screens: one draw function a screen, and the pieces they share (the
 * page's bars, and things said in words).
 *
 * A screen draws into the drawing context and reads the kiosk's state; it never
 * changes the state or the screen shown. Its touch targets carry the actions
 * (kiosk.h) that the flow carries out. */
#ifndef UI_SCREENS_H
#define UI_SCREENS_H

#include "screens/kiosk.h"

/* ---- the screens and overlays ---- */
void scr_welcome_draw(ui_ctx *ui, const kiosk_app *app);
void scr_policy_draw(ui_ctx *ui, const kiosk_app *app);
void scr_question_draw(ui_ctx *ui, const kiosk_app *app);
/* Large text in landscape: the answers that are not one of the options (a choice's
 * 不确定, 以上都不是, a date's "not yet") stand in the bottom bar, not under the options. */
bool scr_question_bar_extra(const ui_ctx *ui, const pc_question *q);
void scr_review_draw(ui_ctx *ui, const kiosk_app *app);
void scr_result_draw(ui_ctx *ui, const kiosk_app *app);
void scr_pin_draw(ui_ctx *ui, const kiosk_app *app);
void scr_staff_draw(ui_ctx *ui, const kiosk_app *app);
void scr_idle_draw(ui_ctx *ui, const kiosk_app *app);
void scr_notice_draw(ui_ctx *ui, const kiosk_app *app);
/* The privacy notice's words in one text (读给我听), from the configuration. */
void scr_notice_words(const ui_ctx *ui, const kiosk_app *app, char *buf, size_t size);
/* scr_assist.c: 请工作人员帮助 (where the staff are) and 回首页's question, over a screen. */
void scr_help_draw(ui_ctx *ui, const kiosk_app *app);
void scr_home_draw(ui_ctx *ui, const kiosk_app *app);

/* ---- scr_result_next.c: where to go, rights, other policies (false: nothing to say,
 * the outcome leads on); the "print before you go?" question over the result ---- */
bool scr_result_next(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
bool scr_result_asks_print(const kiosk_app *app);
void scr_result_ask_print_draw(ui_ctx *ui, const kiosk_app *app);

/* ---- scr_options.c, scr_pickers.c: the question screen's answers by kind, in the
 * column l (the cursor moves under them) ---- */
void scr_options_yes_no(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l);
void scr_options_choice(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l);
void scr_options_multi(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l);
/* Whether a choice's 不确定 and a which-apply's 以上都不是 stand in the bottom bar rather
 * than under the options, for the answers' column l at its top: in large text in
 * landscape always (scr_question_bar_extra); otherwise when the options with them under
 * would reach below the screen, so that the way out of a long list is never hidden
 * under it (in portrait a which-apply's bar then has two rows: scr_question.c). */
bool scr_options_extras_in_bar(ui_ctx *ui, const pc_question *q, const ui_layout *l);
void scr_pickers_number(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l);
void scr_pickers_date(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l);
void scr_pickers_date_words(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l);
/* Whether the date's other answer (the question's "not yet" words) would be wholly in
 * view drawn in the column l from where it stands (else it goes to the bottom bar). */
bool scr_pickers_date_words_fit(ui_ctx *ui, const pc_question *q, const ui_layout *l);

/* ---- card.c: a card over the screen, and the confirmation card ---- */
typedef void (*ui_card_fn)(ui_ctx *ui, const void *ctx, ui_layout *l);
/* Over an opaque screen (what was shown hidden) or a dimmed one: card() is run on a
 * measuring cursor, then drawn centred in a card; only its buttons take touches. */
void ui_card_overlay(ui_ctx *ui, bool opaque, ui_card_fn card, const void *ctx);

/* A question with two answers, over an opaque screen. */
typedef struct ui_confirm {
    const char *title;  /* 还在吗？, 要打印回执吗？ */
    int title_size;     /* UI_T_DISPLAY, UI_T_H1 */
    const char *figure; /* a large figure under the title (the seconds left), or NULL */
    const char *lead;   /* what happens, in a sentence */
    ui_key yes, no;     /* the primary answer (first) and the other */
    int yes_text_px;    /* the primary's text size; 0: a button's usual */
} ui_confirm;
void ui_confirm_card(ui_ctx *ui, const ui_confirm *c);

/* ---- page.c: the scaffold of a page ---- */
typedef enum {
    UI_PAGE_COLUMN = 0, /* the content column, scrolling down to the screen's bottom */
    UI_PAGE_WIDE = 1,   /* the wide column (two columns in landscape) */
    UI_PAGE_BAR = 2     /* a bottom bar: the content scrolls above it */
} ui_page_flag;

/* A page being drawn: its scrolling area, and the cursor where its content goes. */
typedef struct ui_page {
    int top;        /* under the top bar */
    int bottom;     /* the bottom of the scrolling area */
    int scroll;     /* how far the content is scrolled (px) */
    ui_layout body; /* the content column, on screen (scrolled) */
} ui_page;

/* How a page's head looks: the title's size, the lead's colour, and the spaces under
 * each (logical px, theme.h). */
typedef struct ui_page_look {
    int title_size; /* UI_T_H1; UI_T_DISPLAY on the welcome screen */
    ui_rgb lead_color;
    int under_title, under_lead;
} ui_page_look;

/* The top bar titled `title`, the column (ui_page_flag), the scrolling area; the
 * content starts `above` (logical px) under the top bar. */
ui_page ui_page_begin(ui_ctx *ui, const char *title, int flags, int above);
/* The page's title and the lead under it. */
void ui_page_head(ui_ctx *ui, ui_layout *l, const char *title, const char *lead,
                  const ui_page_look *look);
/* Ends the scrolling area `below` (logical px) under the content, and draws its bar. */
void ui_page_end(ui_ctx *ui, const ui_page *p, int below);
/* The top bar: the emblem in the staff corner, the title, the large-text switch;
 * returns its height. */
int ui_page_top_bar(ui_ctx *ui, const char *title);
/* The assist strip at top (ui->assist: 读给我听, 请工作人员帮助, 回首页); returns its
 * height, 0 on a screen without one. ui_page_begin draws it. */
int ui_page_assist(ui_ctx *ui, int top);
int ui_page_assist_height(const ui_ctx *ui); /* 0 on a screen without the strip */
/* "下面还有", over the column (left, or right in landscape) where a touch target lies
 * wholly under the fold (one that shows in part is seen, and the note would cover it);
 * a tap scrolls down (ACT_SCROLL_MORE). A list longer than the screen says so. */
void ui_page_more_below(ui_ctx *ui, SDL_Rect left, SDL_Rect right);
/* The bar at the bottom for 返回 and the main action; returns its top (pixels). */
int ui_page_bottom_bar(ui_ctx *ui);
int ui_page_bottom_bar_height(const ui_ctx *ui);
/* The bar with a second row of keys over the first (a portrait question whose answers
 * that are not options need the bar: scr_question.c): how much taller it is, and the
 * bar drawn that much taller (returns its top). */
int ui_page_bottom_row_height(const ui_ctx *ui);
int ui_page_bottom_bar_two_rows(ui_ctx *ui);
/* The bottom bar's buttons: 返回 at the left; then, when given, a second button (shown
 * chosen when it was the answer) and the main action (primary, or disabled-looking until
 * there is something to confirm). */
void ui_page_bottom_buttons(ui_ctx *ui, int x, int w, const char *second_id,
                            const char *second_label, ui_btn_kind second_kind,
                            ui_action second_action, const char *main_id, const char *main_label,
                            ui_btn_kind main_kind, ui_action main_action);
/* The bottom bar (drawn) and a row of n cells in it across x…x+w, widths as for
 * ui_layout_row, for pages whose buttons are not 返回 and a main action. */
ui_layout ui_page_bottom_row(ui_ctx *ui, int x, int w, int n, const int *widths);

/* ---- words.c: dates, numbers, periods and answers in words ---- */
void ui_words_day(const ui_ctx *ui, pc_day day, char *buf, size_t size);  /* with the weekday */
void ui_words_date(const ui_ctx *ui, pc_day day, char *buf, size_t size); /* without */
/* A period: 20 个工作日, 3 个月. */
void ui_words_period(const ui_ctx *ui, pc_period p, char *buf, size_t size);
/* The answer to question q in words (option labels, the ticked list, a number with its
 * unit, a date, 还没有发生 / 记不清日期); "" when unanswered. */
const char *ui_words_answer(const ui_ctx *ui, const pc_pack *pack, const pc_answers *a, size_t q,
                            char *buf, size_t size);

#endif
