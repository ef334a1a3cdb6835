/* ui_draw.h — the drawing layer: shapes, text, touch targets and widgets.
 *
 * Immediate mode, as in microui: each frame a screen draws its widgets and registers
 * their touch targets in the same pass, so layout and hit testing never drift; the
 * input code hit-tests the last frame's targets. A target carries the action the layer
 * above is asked for (an int here: this layer knows no screen). Everything takes the
 * ui_ctx of base/ui_base.h; the state kept from frame to frame is the ui_gfx below. */
#ifndef UI_DRAW_H
#define UI_DRAW_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "base/ui_base.h"

#define UI_MAX_WIDGETS 160

/* ---- types ---- */

/* A touch target of the last frame. */
typedef struct ui_widget {
    char id[48];  /* stable name for scripts: "answer:yes", "policy:yunnan-sti" */
    SDL_Rect r;   /* on screen, after scrolling */
    int action;   /* what a tap asks of the layer above (the kiosk's ui_action) */
    int arg;      /* with the action: an option, a digit, a question */
    bool scrolls; /* lies in the scrolling area (may be off screen) */
} ui_widget;

/* A font by pixel size and weight; bold opens the bold file (a separate face object, so
 * styles never flush caches). */
typedef struct ui_font_slot {
    int px;
    bool bold;
    TTF_Font *font;
} ui_font_slot;

typedef struct ui_text_entry ui_text_entry; /* text.c */

/* Rendered texts kept as textures (text.c). */
typedef struct ui_text_cache {
    ui_text_entry *slots; /* the entries, n_used of n_slots in use */
    size_t n_slots, n_used;
    size_t bytes, budget; /* pixel bytes held, and the most to keep */
    uint64_t hits, misses;
} ui_text_cache;

/* What the drawing layer keeps from frame to frame (ui_ctx.gfx). */
struct ui_gfx {
    SDL_Renderer *renderer;
    SDL_Texture *circle; /* anti-aliased white disc for corners and dots */
    void *font_data;     /* the font file, read once; every size opens from it */
    size_t font_size;    /* its length in bytes */
    void *bold_data;     /* the bold font file beside it; NULL: synthetic bold */
    size_t bold_size;
    ui_font_slot fonts[48]; /* the sizes opened so far */
    size_t n_fonts;
    ui_text_cache text;
    uint64_t frames;                   /* frames drawn: the text cache's clock */
    ui_widget widgets[UI_MAX_WIDGETS]; /* this frame's touch targets, in drawing order */
    size_t n_widgets;
    int pressed;            /* the widget held down (drawn pressed), -1 none */
    int scroll, scroll_max; /* the scrolling area's offset and limit (px) */
    SDL_Rect scroll_view;   /* where the scrolling area is on screen */
    bool in_scroll;         /* widgets added now lie in the scrolling area */
    SDL_Rect random_area;   /* what differs every run (a receipt's number and QR) */
    bool dirty;             /* something changed: the frame must be drawn again */
};

#define UI_LAYOUT_MAX_CELLS 4

/* Where the next thing goes in a column (layout.c); a row's cells, when one is set. */
typedef struct ui_layout {
    int x, y, w;                    /* the column, and the top of what comes next (pixels) */
    int cells[UI_LAYOUT_MAX_CELLS]; /* the row's cell widths */
    int n_cells, cell;              /* cells in the row, cells given out in the current line */
    int row_h, gap;                 /* the row's height, and the gap between cells and lines */
    bool measure;                   /* only measure: texts, notes and headings move the cursor
                                       as they would, but nothing is drawn */
} ui_layout;

typedef enum { UI_ALIGN_LEFT, UI_ALIGN_CENTER } ui_align;
typedef struct ui_text_style {
    int size;
    bool bold;
    ui_rgb color;
    ui_align align;
} ui_text_style;

typedef enum {
    UI_ICON_CHECK,
    UI_ICON_CROSS,
    UI_ICON_QUESTION,
    UI_ICON_MINUS,
    UI_ICON_ARROWS,
    UI_ICON_PAUSE
} ui_icon;

typedef enum {
    UI_BTN_PRIMARY,
    UI_BTN_SECONDARY,
    UI_BTN_SELECTED,
    UI_BTN_BAR,
    UI_BTN_DISABLED
} ui_btn_kind;
/* A key of a keypad's corner: no key where id is NULL. */
typedef struct ui_key {
    const char *id, *label;
    ui_btn_kind kind;
    int action, arg;
} ui_key;

/* The mark before an option's words: none, a round one (one of several), a box (ticks). */
typedef enum { UI_MARK_NONE, UI_MARK_RADIO, UI_MARK_BOX } ui_mark;

/* ---- draw.c: shapes ---- */
bool ui_draw_init(ui_ctx *ui);
void ui_draw_quit(ui_ctx *ui);
void ui_fill(ui_ctx *ui, SDL_Rect r, ui_rgb c);
void ui_round(ui_ctx *ui, SDL_Rect r, int radius, ui_rgb c);
void ui_round_frame(ui_ctx *ui, SDL_Rect r, int radius, int line, ui_rgb fill, ui_rgb border);
void ui_disc(ui_ctx *ui, int cx, int cy, int radius, ui_rgb c);
void ui_line(ui_ctx *ui, float x0, float y0, float x1, float y1, float width, ui_rgb c);
void ui_triangle(ui_ctx *ui, float cx, float cy, float size, bool up, ui_rgb c);
void ui_icon_draw(ui_ctx *ui, ui_icon icon, int cx, int cy, int radius, ui_rgb fg, ui_rgb bg);
/* Darkens the whole frame under a dialog. */
void ui_dim(ui_ctx *ui);

/* ---- text.c: fonts, line breaking, the rendered-text cache ---- */
bool ui_text_init(ui_ctx *ui, const char *font_path);
void ui_text_quit(ui_ctx *ui);
void ui_text_flush(ui_ctx *ui);
TTF_Font *ui_font(ui_ctx *ui, int px, bool bold);
int ui_font_height(ui_ctx *ui, int px, bool bold); /* 0 when the font is missing */
/* Left-aligned text of a theme size (large mode applied). */
ui_text_style ui_st(const ui_ctx *ui, int logical, bool bold, ui_rgb color);
/* Draws text wrapped to wrap_w pixels at (x, y); returns its height in pixels. */
int ui_text_draw(ui_ctx *ui, const char *text, ui_text_style st, int x, int y, int wrap_w);
/* Size the text would take (measured into the cache). */
void ui_text_size(ui_ctx *ui, const char *text, ui_text_style st, int wrap_w, int *w, int *h);

/* ---- widgets.c: touch targets, buttons, options, panels, the column, scrolling ---- */
void ui_widgets_begin(ui_ctx *ui);
int ui_widget_add(ui_ctx *ui, const char *id, SDL_Rect r, int action, int arg);
int ui_widget_at(const ui_ctx *ui, int x, int y);
int ui_widget_find(const ui_ctx *ui, const char *id);
/* Widget idx (as ui_widget_add returned it) is held down: draw it pressed. */
bool ui_widget_pressed(const ui_ctx *ui, int idx);
int ui_min_target(const ui_ctx *ui);
void ui_button(ui_ctx *ui, const char *id, SDL_Rect r, const char *label, ui_btn_kind kind,
               int action, int arg);
void ui_button_sized(ui_ctx *ui, const char *id, SDL_Rect r, const char *label, ui_btn_kind kind,
                     int action, int arg, int text_px);
/* An option across the column, its words left-aligned after the mark, as tall as they
 * need (at least min_h); `on` shows it chosen (filled, with a ✓). The cursor moves
 * under it; returns its height. */
int ui_option(ui_ctx *ui, ui_layout *l, const char *id, int min_h, const char *label, ui_mark mark,
              bool on, int action, int arg);
int ui_option_height(ui_ctx *ui, const char *label, int w, int min_h);
/* A telephone keypad, 1 2 3 / 4 5 6 / 7 8 9 / left 0 right, in the cells of the row the
 * cursor has (ui_layout_row: three across): the digits are "<prefix>:N", asking for
 * digit_action with N, their figures digit_px high. The cursor moves under the keys. */
void ui_keypad(ui_ctx *ui, ui_layout *l, const char *prefix, int digit_action, int digit_px,
               const ui_key *left, const ui_key *right);
/* A section heading, with its space under it. */
void ui_heading(ui_ctx *ui, ui_layout *l, const char *text);
/* A note panel across the column: text on bg with a line of colour `line` at its left.
 * The cursor moves under it; returns its height. */
int ui_note(ui_ctx *ui, ui_layout *l, const char *text, ui_rgb bg, ui_rgb line);
int ui_note_height(ui_ctx *ui, const char *text, int w);
/* The content column: x and width in pixels; wide: for two-column screens in landscape. */
void ui_column(const ui_ctx *ui, int *x, int *w);
void ui_column_wide(const ui_ctx *ui, int *x, int *w);
/* Starts / ends the scrolling area between top and bottom (pixels). */
void ui_scroll_begin(ui_ctx *ui, int top, int bottom);
void ui_scroll_end(ui_ctx *ui, int content_bottom);
void ui_scrollbar(ui_ctx *ui);

/* ---- layout.c: the layout cursor ---- */
ui_layout ui_layout_column(int x, int y, int w);
/* A column that only measures: laid out with the same calls, it tells how tall the
 * content will be before anything is drawn (cards draw their panel first). */
ui_layout ui_layout_measure(int x, int y, int w);
/* Moves down by a space of the theme (UI_SPACE_*, logical px). */
void ui_layout_space(const ui_ctx *ui, ui_layout *l, int logical);
/* Draws text across the column and moves under it; returns its height. */
int ui_layout_text(ui_ctx *ui, ui_layout *l, const char *text, ui_text_style st);
/* The next thing, across the column and h high; the cursor moves under it. */
SDL_Rect ui_layout_next(ui_layout *l, int h);
/* A column inside this one, px further right, from the cursor's y. */
ui_layout ui_layout_indent(const ui_layout *l, int px);
/* Starts a row of n cells, widths[i] pixels wide (0: an equal share of what is left),
 * h high and gap apart; ui_layout_cell gives them left to right and, once the row is
 * full, starts the same row again gap lower (a grid). ui_layout_row_end puts the cursor
 * under the last line of cells. */
void ui_layout_row(ui_layout *l, int n, const int *widths, int h, int gap);
SDL_Rect ui_layout_cell(ui_layout *l);
void ui_layout_row_end(ui_layout *l);
/* Columns side by side from the cursor's y, widths as for a row. */
void ui_layout_split(const ui_layout *l, int n, const int *widths, int gap, ui_layout *out);
/* The lowest cursor of several columns: where what follows them goes. */
int ui_layout_lowest(const ui_layout *cols, int n);

#endif
