/* ui.h — the kiosk program's shared state and the functions its files offer each other.
 *
 * One kiosk_app holds everything (no globals): SDL objects, the configuration, packs,
 * the current applicant's session, the widgets of the last frame for hit testing and
 * the script runner. Screens are immediate-mode: one function per screen draws it and
 * registers its touch targets in the same pass, so layout and hit testing never drift. */
#ifndef UI_H
#define UI_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "config.h"
#include "date.h"
#include "eval.h"
#include "pack.h"
#include "strings.h"
#include "theme.h"

#define UI_MAX_WIDGETS 160
#define UI_MAX_OFFERED 32
#define UI_PIN_MAX 8

typedef enum {
    SCR_WELCOME, SCR_POLICY, SCR_QUESTION, SCR_REVIEW, SCR_RESULT, SCR_PIN, SCR_STAFF, SCR_COUNT
} ui_screen;

typedef enum {
    ACT_NONE, ACT_START, ACT_LARGE, ACT_BACK, ACT_POLICY,
    ACT_ANSWER,             /* arg: the option (是 0, 否 1, a choice's index), -1 不确定 */
    ACT_MULTI_TOGGLE, ACT_MULTI_NONE, ACT_MULTI_NEXT,
    ACT_KEY,                /* arg: 0…9, UI_KEY_POINT, UI_KEY_DEL */
    ACT_NUMBER_OK, ACT_SOURCE_OPEN, ACT_SOURCE_CLOSE, ACT_SCROLL_MORE,
    ACT_DATE_STEP, ACT_DATE_TODAY, ACT_DATE_CONFIRM, ACT_DATE_NOT_YET, ACT_DATE_UNSURE,
    ACT_REVIEW_CHANGE, ACT_REVIEW_RESULT, ACT_RESULT_DONE, ACT_RESULT_CHANGE, ACT_RESULT_PRINT,
    ACT_IDLE_CONTINUE, ACT_IDLE_END, ACT_PIN_DIGIT, ACT_PIN_DEL, ACT_PIN_OK, ACT_PIN_CANCEL,
    ACT_STAFF_EXIT, ACT_STAFF_BACK
} ui_action;

#define UI_KEY_POINT 10
#define UI_KEY_DEL 11
#define UI_NUMBER_MAX 16            /* characters typed on the keypad */

/* A polite note over the bottom of a question screen, until the next touch. */
typedef enum {
    UI_HINT_NONE, UI_HINT_MULTI_PICK, UI_HINT_NUMBER_EMPTY, UI_HINT_NUMBER_RANGE,
    UI_HINT_NUMBER_FULL, UI_HINT_DATE_PICK, UI_HINT_DATE_FUTURE
} ui_hint;

typedef struct ui_widget {
    char id[48];            /* stable name for scripts: "answer:yes", "policy:yunnan-sti" */
    SDL_Rect r;             /* on screen, after scrolling */
    ui_action action;
    int arg;
    bool scrolls;           /* lies in the scrolling area (may be off screen) */
} ui_widget;

/* Fonts by pixel size; bold is a separate face object so styles never flush caches. */
typedef struct ui_font_slot { int px; bool bold; TTF_Font *font; } ui_font_slot;

typedef struct ui_text_entry ui_text_entry;

typedef struct ui_text_cache {
    ui_text_entry *slots;   /* open addressing */
    size_t n_slots, n_used;
    size_t bytes, budget;   /* pixel bytes held, and the most to keep */
    uint64_t frame;         /* current frame, for LRU */
    uint64_t hits, misses;
} ui_text_cache;

/* One applicant's session: everything here is wiped at the end or on idle. */
typedef struct ui_session {
    int pack;                       /* index into app->offered, -1 none */
    pc_answers answers;
    int question;                   /* question shown, -1 none */
    int history[PC_MAX_CLAUSES];    /* questions shown before it, for 返回 */
    size_t n_history;
    bool from_review;               /* editing one answer from the review screen */
    /* entry on the question shown, until it is confirmed (entry.c) */
    pc_day date_pick;               /* the date picker's value; PC_NO_DAY: none chosen yet */
    uint32_t multi_pick;            /* which-apply: the ticked options */
    bool multi_none;                /* which-apply: 以上都不是 chosen */
    char number_text[UI_NUMBER_MAX + 1];   /* the number as typed */
    ui_hint hint;                   /* the note shown, if any */
    bool show_source;               /* 查看原文 overlay open */
    int progress_n, progress_total;
    pc_result result;
    bool has_result;
    uint64_t issued_for;            /* hash of answers the receipt was issued for, 0 none */
    int receipt_state;              /* 0 none, 1 issued, 2 failed, 3 not available */
    char receipt_id[20];            /* formatted "XXXX XXXX XXXX" */
    char receipt_text[1800];        /* what the QR holds */
    int print_state;                /* 0 not tried, 1 sent, 2 failed */
    const char *print_fail_key;     /* why printing failed: a "print.*" string key */
} ui_session;

typedef struct ui_pointer {
    bool down;
    SDL_FingerID finger;            /* the finger being tracked; others are ignored */
    bool is_mouse;
    int x0, y0, x, y;               /* press point and current point (window px) */
    int widget;                     /* widget under the press, -1 none */
    bool scrolling;                 /* moved far enough to be a drag */
    int scroll0;                    /* scroll offset at the press */
    uint64_t t0;                    /* press time (ms, app clock) */
    bool corner;                    /* press began in the staff corner */
} ui_pointer;

typedef struct ui_receipt_ctx ui_receipt_ctx;   /* receipts and printing, when built in */

typedef struct kiosk_app {
    SDL_Window *window;
    SDL_Renderer *renderer;
    int w, h;                       /* drawing size in pixels (the configured orientation) */
    int out_w, out_h;               /* the screen's size in pixels */
    SDL_Texture *turned;            /* drawing target when the screen is turned 90°, or NULL */
    float scale;                    /* pixels per logical pixel */
    bool landscape;
    bool large;                     /* 关怀 mode */
    pc_config cfg;
    pc_strings strings;
    pc_pack_set packs;
    pc_calendar *cal;
    const pc_pack *offered[UI_MAX_OFFERED];     /* packs offered today, in order */
    size_t n_offered;
    pc_day today;
    pc_day build_day;
    bool clock_bad;                 /* today earlier than a pack's issue or the build */
    char font_path[600];
    void *font_data;                /* the font file, read once; every size opens from it */
    size_t font_size;
    ui_font_slot fonts[48];
    size_t n_fonts;
    ui_text_cache text;
    SDL_Texture *circle;            /* anti-aliased disc for corners and dots */
    SDL_Texture *qr;                /* the receipt's QR code, when there is one */
    ui_screen screen;
    ui_session s;
    ui_widget widgets[UI_MAX_WIDGETS];
    size_t n_widgets;
    int scroll, scroll_max;         /* the scrolling area's offset and limit (px) */
    SDL_Rect scroll_view;           /* where the scrolling area is on screen */
    bool in_scroll;                 /* widgets added now lie in the scrolling area */
    ui_pointer ptr;
    uint64_t last_action_ms;        /* debounce */
    uint64_t last_input_ms;         /* idle timer */
    bool idle_overlay;
    uint64_t idle_since_ms;
    int idle_left;                  /* seconds shown on the countdown */
    ui_screen pin_return;           /* where 取消 on the PIN pad goes back to */
    char pin[UI_PIN_MAX + 1];
    int pin_fails;
    uint64_t pin_locked_until;
    bool pin_wrong;
    SDL_Rect shot_mask;             /* receipt area: random per run, not compared */
    bool dirty;
    bool quit;
    bool virtual_clock;
    uint64_t vclock_ms;
    uint64_t frames;
    ui_receipt_ctx *rc;
    void (*on_present)(struct kiosk_app *app);  /* bench hook, NULL normally */
} kiosk_app;

/* ---- start.c ---- */
typedef struct ui_opts {
    const char *config;         /* NULL: embedded defaults */
    const char *rules;          /* NULL: the configuration's rules_dir */
    const char *today;          /* YYYY-MM-DD, NULL: the system's date */
    const char *build_date;     /* NULL: PC_BUILD_DATE */
    int w, h;                   /* window size; 0: full screen */
    bool software;              /* software renderer (tests, benches) */
    bool virtual_clock;         /* time moves only when a script says so */
} ui_opts;
bool ui_app_open(kiosk_app *app, const ui_opts *o);
void ui_app_close(kiosk_app *app);
void ui_app_update_size(kiosk_app *app);

/* ---- app.c ---- */
uint64_t ui_now(const kiosk_app *app);
const char *ui_str(const kiosk_app *app, const char *key);
int ui_px(const kiosk_app *app, int logical);           /* logical → pixels */
int ui_text_px(const kiosk_app *app, int logical);      /* text size, large mode applied */
void ui_set_screen(kiosk_app *app, ui_screen screen);
void ui_session_wipe(kiosk_app *app);
void ui_offer_packs(kiosk_app *app);
void ui_render(kiosk_app *app);
void ui_log(const char *fmt, ...);

/* ---- text.c ---- */
typedef enum { UI_ALIGN_LEFT, UI_ALIGN_CENTER } ui_align;
typedef struct ui_text_style { int size; bool bold; ui_rgb color; ui_align align; } ui_text_style;
bool ui_text_init(kiosk_app *app);
void ui_text_quit(kiosk_app *app);
void ui_text_flush(kiosk_app *app);
TTF_Font *ui_font(kiosk_app *app, int px, bool bold);
int ui_font_height(kiosk_app *app, int px, bool bold);      /* 0 when the font is missing */
/* Draws text wrapped to wrap_w pixels at (x, y); returns its height in pixels. */
int ui_text_draw(kiosk_app *app, const char *text, ui_text_style st, int x, int y, int wrap_w);
/* Size the text would take (renders into the cache). */
void ui_text_size(kiosk_app *app, const char *text, ui_text_style st, int wrap_w, int *w, int *h);

/* ---- draw.c ---- */
bool ui_draw_init(kiosk_app *app);
void ui_draw_quit(kiosk_app *app);
void ui_fill(kiosk_app *app, SDL_Rect r, ui_rgb c);
void ui_round(kiosk_app *app, SDL_Rect r, int radius, ui_rgb c);
void ui_round_frame(kiosk_app *app, SDL_Rect r, int radius, int line, ui_rgb fill, ui_rgb border);
void ui_disc(kiosk_app *app, int cx, int cy, int radius, ui_rgb c);
void ui_line(kiosk_app *app, float x0, float y0, float x1, float y1, float width, ui_rgb c);
void ui_triangle(kiosk_app *app, float cx, float cy, float size, bool up, ui_rgb c);
typedef enum { UI_ICON_CHECK, UI_ICON_CROSS, UI_ICON_QUESTION, UI_ICON_MINUS, UI_ICON_ARROWS, UI_ICON_PAUSE } ui_icon;
void ui_icon_draw(kiosk_app *app, ui_icon icon, int cx, int cy, int radius, ui_rgb fg, ui_rgb bg);

/* ---- widgets.c ---- */
typedef enum { UI_BTN_PRIMARY, UI_BTN_SECONDARY, UI_BTN_SELECTED, UI_BTN_BAR, UI_BTN_DISABLED } ui_btn_kind;
/* The mark before an option's words: none, a round one (one of several), a box (ticks). */
typedef enum { UI_MARK_NONE, UI_MARK_RADIO, UI_MARK_BOX } ui_mark;
void ui_widgets_begin(kiosk_app *app);
int ui_widget_add(kiosk_app *app, const char *id, SDL_Rect r, ui_action action, int arg);
int ui_widget_at(const kiosk_app *app, int x, int y);
int ui_widget_find(const kiosk_app *app, const char *id);
void ui_button(kiosk_app *app, const char *id, SDL_Rect r, const char *label, ui_btn_kind kind,
               ui_action action, int arg);
void ui_button_sized(kiosk_app *app, const char *id, SDL_Rect r, const char *label, ui_btn_kind kind,
                     ui_action action, int arg, int text_px);
/* An option as wide as w, its words left-aligned after the mark, as tall as they need
 * (at least min_h); `on` shows it chosen (filled, with a ✓). Returns its height. */
int ui_option(kiosk_app *app, const char *id, SDL_Rect r, const char *label, ui_mark mark, bool on,
              ui_action action, int arg);
int ui_option_height(kiosk_app *app, const char *label, int w, int min_h);
int ui_min_target(const kiosk_app *app);
/* Top bar with the title and the large-text switch; returns its height. */
int ui_top_bar(kiosk_app *app, const char *title);
/* The content column: x and width in pixels. */
void ui_column(const kiosk_app *app, int *x, int *w);
void ui_column_wide(const kiosk_app *app, int *x, int *w);
/* Starts / ends the scrolling area between top and bottom (pixels). */
void ui_scroll_begin(kiosk_app *app, int top, int bottom);
void ui_scroll_end(kiosk_app *app, int content_bottom);
void ui_scrollbar(kiosk_app *app);

/* ---- input.c ---- */
void ui_input_event(kiosk_app *app, const SDL_Event *ev);
void ui_input_tick(kiosk_app *app);
/* Milliseconds until the next timer is due, or -1 when none. */
int ui_input_next_timer(const kiosk_app *app);
void ui_do_action(kiosk_app *app, ui_action action, int arg);

/* ---- session.c ---- */
void ui_session_choose(kiosk_app *app, int offered);
void ui_session_answer(kiosk_app *app, pc_answer answer);
void ui_session_back(kiosk_app *app);
void ui_session_change(kiosk_app *app, int question);
void ui_session_finish(kiosk_app *app);
const pc_pack *ui_session_pack(const kiosk_app *app);
bool ui_session_would_ask(const kiosk_app *app, size_t q);

/* ---- entry.c: the answer being entered, before it is confirmed ---- */
void ui_entry_load(kiosk_app *app, const pc_question *q, const pc_answer *a);
void ui_entry_option(kiosk_app *app, int option);
void ui_entry_multi_toggle(kiosk_app *app, int option);
void ui_entry_multi_none(kiosk_app *app);
void ui_entry_multi_next(kiosk_app *app);
void ui_entry_key(kiosk_app *app, int key);
void ui_entry_number_ok(kiosk_app *app);
void ui_entry_date_step(kiosk_app *app, int which);
void ui_entry_date_today(kiosk_app *app);
void ui_entry_date_confirm(kiosk_app *app);
void ui_entry_answer_state(kiosk_app *app, pc_answer_state state);
/* The session's current question, or NULL. */
const pc_question *ui_entry_question(const kiosk_app *app);

/* ---- screens ---- */
void ui_screen_welcome(kiosk_app *app);
void ui_screen_policy(kiosk_app *app);
void ui_screen_question(kiosk_app *app);
void ui_screen_review(kiosk_app *app);
void ui_screen_result(kiosk_app *app);
void ui_screen_pin(kiosk_app *app);
void ui_screen_staff(kiosk_app *app);
void ui_overlay_idle(kiosk_app *app);
void ui_overlay_source(kiosk_app *app);
/* ---- scr_options.c, scr_pickers.c: the answers of each kind; each returns its bottom ---- */
int ui_answers_yes_no(kiosk_app *app, const pc_question *q, int x, int y, int w);
int ui_answers_choice(kiosk_app *app, const pc_question *q, int x, int y, int w);
int ui_answers_multi(kiosk_app *app, const pc_question *q, int x, int y, int w);
int ui_answers_number(kiosk_app *app, const pc_question *q, int x, int y, int w);
int ui_answers_date(kiosk_app *app, const pc_question *q, int x, int y, int w);
int ui_answers_date_words(kiosk_app *app, const pc_question *q, int x, int y, int w);
/* ---- scr_common.c: pieces shared by screens ---- */
ui_text_style ui_st(const kiosk_app *app, int logical, bool bold, ui_rgb color);
/* Fixed bar at the bottom for 返回 and the main action; returns its top (pixels). */
int ui_bottom_bar(kiosk_app *app);
int ui_bottom_bar_height(const kiosk_app *app);
/* The bottom bar's buttons: 返回 at the left; then, when given, a second button (shown
 * chosen when it was the answer) and the main action (primary, or disabled-looking until
 * there is something to confirm). */
void ui_bottom_buttons(kiosk_app *app, int x, int w, const char *second_id, const char *second_label,
                       ui_btn_kind second_kind, ui_action second_action, const char *main_id,
                       const char *main_label, ui_btn_kind main_kind, ui_action main_action);
/* A section heading in the scrolling content; returns the new y. */
int ui_heading(kiosk_app *app, const char *text, int x, int y, int w);
/* A yellow "note" panel with text; returns its height. */
int ui_note(kiosk_app *app, const char *text, int x, int y, int w, ui_rgb bg, ui_rgb line);
int ui_note_height(kiosk_app *app, const char *text, int w);
void ui_dim(kiosk_app *app);
void ui_format_day(const kiosk_app *app, pc_day day, char *buf, size_t size);     /* with the weekday */
void ui_format_date(const kiosk_app *app, pc_day day, char *buf, size_t size);    /* without */
/* value × 100 as the applicant would write it: 120, 480.5 (at most `decimals` digits). */
void ui_format_number(int64_t value100, int decimals, char *buf, size_t size);
/* A string with one {name} filled in. */
void ui_fmt1(const kiosk_app *app, const char *key, const char *name, const char *value, char *buf,
             size_t size);
/* A period in words: 20 个工作日, 3 个月. */
void ui_format_period(const kiosk_app *app, pc_period p, char *buf, size_t size);
/* The answer in words (option labels, the ticked list, a number with its unit, a date,
 * 还没有发生 / 记不清日期); "" when unanswered. */
const char *ui_answer_label(const kiosk_app *app, const pc_pack *pack, const pc_answers *a, size_t q,
                            char *buf, size_t size);
/* The answer is 不确定 (or a date not remembered): shown so that it stands out. */
bool ui_answer_is_open(const pc_answers *a, size_t q);

/* ---- receipt.c (ui side) ---- */
void ui_receipt_open(kiosk_app *app);
void ui_receipt_close(kiosk_app *app);
void ui_receipt_issue(kiosk_app *app);
void ui_receipt_print(kiosk_app *app);
bool ui_receipt_counts(kiosk_app *app, size_t *pending, size_t *synced);
void ui_receipt_forget(kiosk_app *app);
bool ui_receipt_last_sync(kiosk_app *app, char *buf, size_t size);

/* ---- shot.c ---- */
bool ui_shot_save(kiosk_app *app, const char *path);
/* Compares the current frame with a reference PNG; writes <ref>_err.png on mismatch.
 * Creates the reference when missing or when PC_UPDATE_SCREENSHOTS=1. */
bool ui_shot_check(kiosk_app *app, const char *ref_path, const char *err_path, char *msg, size_t msgsize);

/* ---- script.c ---- */
int ui_script_run(kiosk_app *app, const char *path, const char *shots_dir, const char *ref_dir);
void ui_pump(kiosk_app *app);

#endif
