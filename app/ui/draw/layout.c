/* layout.c — a cursor that lays things out in a column, the way microui's mu_layout_row
 * and mu_layout_next do: what is stacked goes under what came before, a row splits the
 * column into cells (a grid when it goes on), a split into columns side by side.
 *
 * A screen starts a column where its content starts, stacks text, widgets and named
 * spaces (theme.h) in it, and never carries a y of its own; two columns are two
 * cursors. Widgets whose height depends on their words (notes, headings, options) take
 * the cursor and move it under themselves. A measuring cursor (ui_layout_measure) goes
 * through the same calls without drawing, so a card knows its height from the very
 * code that draws its content. */
#include "draw/ui_draw.h"

/* ---- static prototypes ---- */
static void layout_widths(int w, int n, const int *widths, int gap, int *out);

/* ---- public functions ---- */

ui_layout ui_layout_column(int x, int y, int w)
{
    return (ui_layout){.x = x, .y = y, .w = w};
}

ui_layout ui_layout_measure(int x, int y, int w)
{
    return (ui_layout){.x = x, .y = y, .w = w, .measure = true};
}

void ui_layout_space(const ui_ctx *ui, ui_layout *l, int logical)
{
    l->y += ui_px(ui, logical);
}

int ui_layout_text(ui_ctx *ui, ui_layout *l, const char *text, ui_text_style st)
{
    int w, h;
    if (l->measure)
        ui_text_size(ui, text, st, l->w, &w, &h);
    else
        h = ui_text_draw(ui, text, st, l->x, l->y, l->w);
    l->y += h;
    return h;
}

SDL_Rect ui_layout_next(ui_layout *l, int h)
{
    SDL_Rect r = {l->x, l->y, l->w, h};
    l->y += h;
    return r;
}

ui_layout ui_layout_indent(const ui_layout *l, int px)
{
    ui_layout in = ui_layout_column(l->x + px, l->y, l->w - px);
    in.measure = l->measure;
    return in;
}

void ui_layout_row(ui_layout *l, int n, const int *widths, int h, int gap)
{
    l->n_cells = n < UI_LAYOUT_MAX_CELLS ? n : UI_LAYOUT_MAX_CELLS;
    layout_widths(l->w, l->n_cells, widths, gap, l->cells);
    l->cell = 0;
    l->row_h = h;
    l->gap = gap;
}

SDL_Rect ui_layout_cell(ui_layout *l)
{
    if (l->cell == l->n_cells) { /* the row is full: the same row again, under it */
        l->y += l->row_h + l->gap;
        l->cell = 0;
    }
    int x = l->x;
    for (int i = 0; i < l->cell; i++)
        x += l->cells[i] + l->gap;
    return (SDL_Rect){x, l->y, l->cells[l->cell++], l->row_h};
}

void ui_layout_row_end(ui_layout *l)
{
    if (l->cell > 0)
        l->y += l->row_h;
    l->n_cells = l->cell = 0;
}

void ui_layout_split(const ui_layout *l, int n, const int *widths, int gap, ui_layout *out)
{
    int w[UI_LAYOUT_MAX_CELLS];
    if (n > UI_LAYOUT_MAX_CELLS)
        n = UI_LAYOUT_MAX_CELLS;
    layout_widths(l->w, n, widths, gap, w);
    for (int i = 0, x = l->x; i < n; x += w[i] + gap, i++) {
        out[i] = ui_layout_column(x, l->y, w[i]);
        out[i].measure = l->measure;
    }
}

int ui_layout_lowest(const ui_layout *cols, int n)
{
    int y = cols[0].y;
    for (int i = 1; i < n; i++)
        if (cols[i].y > y)
            y = cols[i].y;
    return y;
}

/* ---- static functions ---- */

/* Each cell's width: as given, or (0) an equal share of what the given ones and the gaps
 * leave, rounded down. */
static void layout_widths(int w, int n, const int *widths, int gap, int *out)
{
    int fixed = 0, shares = 0;
    for (int i = 0; i < n; i++) {
        fixed += widths[i];
        shares += widths[i] <= 0;
    }
    int share = shares ? (w - fixed - (n - 1) * gap) / shares : 0;
    for (int i = 0; i < n; i++)
        out[i] = widths[i] > 0 ? widths[i] : share;
}
