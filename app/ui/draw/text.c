/* text.c — fonts, line breaking and the rendered-text cache.
 *
 * Bold text (headlines, questions, buttons) is drawn with the real bold face,
 * NotoSansSC-Bold-Subset.otf beside the regular font: SDL_ttf's synthetic bold smudges
 * dense hanzi into blobs. Without that file bold falls back to synthetic bold (logged).
 * Every string is broken into lines by pc_linebreak (Chinese rules, measured with
 * TTF_SizeUTF8), each line rendered once with TTF_RenderUTF8_Blended, the lines put on
 * one surface and turned into one texture, kept and reused while the text, size,
 * weight, colour, alignment and width stay the same (SDL_ttf's own glyph cache thrashes
 * on CJK, field-notes.md). The cache is bounded in bytes and flushed on session wipe so
 * no applicant's words outlive the session. */
#include "draw/ui_draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linebreak.h"
#include "log.h"

#define TEXT_MAX_ENTRIES 1024
#define TEXT_MAX_LINES 96
#define TEXT_BUDGET (6u * 1024u * 1024u) /* texture bytes kept (the session peak: 48 MB) */
#define TEXT_BOLD_FILE "NotoSansSC-Bold-Subset.otf"

/* ---- types ---- */

struct ui_text_entry {
    char *text;    /* owned copy of the string */
    uint32_t hash; /* of text and style, to compare quickly */
    ui_text_style st;
    int wrap;         /* wrap width in pixels, 0 = none */
    SDL_Texture *tex; /* NULL for an empty text, or until first drawn on screen */
    bool rendered;    /* tex made (texts off screen are only measured) */
    int w, h;
    size_t bytes;
    uint64_t used; /* frame it was last drawn in */
};

typedef struct text_measure {
    TTF_Font *font;
} text_measure;

/* ---- static prototypes ---- */
static uint32_t text_hash(const char *text, ui_text_style st, int wrap);
static ui_text_entry *text_lookup(ui_ctx *ui, const char *text, ui_text_style st, int wrap);
static bool text_render(ui_ctx *ui, ui_text_entry *e, bool draw);
static bool text_raster(ui_ctx *ui, ui_text_entry *e, TTF_Font *font, const pc_line *lines,
                        size_t n, int skip);
static bool text_visible(ui_ctx *ui, int y, int h);
static int text_measure_cb(void *ctx, const char *s, size_t len);
static void text_evict(ui_ctx *ui);
static void text_entry_free(ui_text_entry *e);
static void text_load_bold(ui_gfx *g, const char *font_path);

/* ---- public functions ---- */

bool ui_text_init(ui_ctx *ui, const char *font_path)
{
    ui_gfx *g = ui->gfx;
    if (TTF_Init() != 0) {
        pc_log_err("kiosk: TTF_Init: %s", TTF_GetError());
        return false;
    }
    g->font_data = SDL_LoadFile(font_path, &g->font_size);
    if (!g->font_data) {
        pc_log_err("kiosk: font %s: %s", font_path, SDL_GetError());
        return false;
    }
    text_load_bold(g, font_path);
    g->text.slots = calloc(TEXT_MAX_ENTRIES, sizeof *g->text.slots);
    g->text.n_slots = TEXT_MAX_ENTRIES;
    g->text.budget = TEXT_BUDGET;
    if (!g->text.slots)
        return false;
    TTF_Font *probe = ui_font(ui, 20, false);
    if (!probe) {
        pc_log_err("kiosk: font %s: %s", font_path, TTF_GetError());
        return false;
    }
    return true;
}

void ui_text_quit(ui_ctx *ui)
{
    ui_gfx *g = ui->gfx;
    ui_text_flush(ui);
    free(g->text.slots);
    g->text.slots = NULL;
    for (size_t i = 0; i < g->n_fonts; i++)
        TTF_CloseFont(g->fonts[i].font);
    g->n_fonts = 0;
    SDL_free(g->font_data);
    g->font_data = NULL;
    SDL_free(g->bold_data);
    g->bold_data = NULL;
    TTF_Quit();
}

void ui_text_flush(ui_ctx *ui)
{
    ui_gfx *g = ui->gfx;
    for (size_t i = 0; i < g->n_fonts; i++) { /* SDL_ttf's glyph caches too */
        TTF_SetFontHinting(g->fonts[i].font, TTF_HINTING_NORMAL);
        TTF_SetFontHinting(g->fonts[i].font, TTF_HINTING_LIGHT);
    }
    for (size_t i = 0; i < g->text.n_used; i++)
        text_entry_free(&g->text.slots[i]);
    g->text.n_used = 0;
    g->text.bytes = 0;
}

TTF_Font *ui_font(ui_ctx *ui, int px, bool bold)
{
    ui_gfx *g = ui->gfx;
    for (size_t i = 0; i < g->n_fonts; i++)
        if (g->fonts[i].px == px && g->fonts[i].bold == bold)
            return g->fonts[i].font;
    if (g->n_fonts == sizeof g->fonts / sizeof g->fonts[0])
        return g->fonts[0].font; /* never in practice: sizes are few */
    bool real_bold = bold && g->bold_data;
    SDL_RWops *rw = real_bold ? SDL_RWFromConstMem(g->bold_data, (int)g->bold_size)
                              : SDL_RWFromConstMem(g->font_data, (int)g->font_size);
    TTF_Font *f = rw ? TTF_OpenFontRW(rw, 1, px) : NULL; /* no file reads per size */
    if (!f)
        return NULL;
    if (bold && !real_bold)
        TTF_SetFontStyle(f, TTF_STYLE_BOLD);
    TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
    g->fonts[g->n_fonts++] = (ui_font_slot){px, bold, f};
    return f;
}

int ui_font_height(ui_ctx *ui, int px, bool bold)
{
    TTF_Font *f = ui_font(ui, px, bold);
    return f ? TTF_FontHeight(f) : 0;
}

ui_text_style ui_st(const ui_ctx *ui, int logical, bool bold, ui_rgb color)
{
    return (ui_text_style){ui_text_px(ui, logical), bold, color, UI_ALIGN_LEFT};
}

int ui_text_draw(ui_ctx *ui, const char *text, ui_text_style st, int x, int y, int wrap_w)
{
    ui_text_entry *e = text_lookup(ui, text, st, wrap_w);
    if (!e)
        return 0;
    if (!text_visible(ui, y, e->h))
        return e->h;
    e->used = ui->gfx->frames;
    if (!e->rendered) {
        text_render(ui, e, true);
        ui->gfx->text.bytes += e->bytes;
    }
    if (e->tex) {
        int dx = st.align == UI_ALIGN_CENTER && wrap_w > 0 ? (wrap_w - e->w) / 2 : 0;
        SDL_Rect dst = {x + dx, y, e->w, e->h};
        SDL_RenderCopy(ui->gfx->renderer, e->tex, NULL, &dst);
    }
    return e->h;
}

void ui_text_size(ui_ctx *ui, const char *text, ui_text_style st, int wrap_w, int *w, int *h)
{
    ui_text_entry *e = text_lookup(ui, text, st, wrap_w);
    *w = e ? e->w : 0;
    *h = e ? e->h : 0;
}

/* ---- static functions ---- */

static uint32_t text_hash(const char *text, ui_text_style st, int wrap)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 16777619u;
    int extra[] = {st.size, st.bold, st.color.r, st.color.g, st.color.b, (int)st.align, wrap};
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        h = (h ^ (uint32_t)extra[i]) * 16777619u;
    return h;
}

static ui_text_entry *text_lookup(ui_ctx *ui, const char *text, ui_text_style st, int wrap)
{
    ui_text_cache *c = &ui->gfx->text;
    uint32_t h = text_hash(text, st, wrap);
    for (size_t i = 0; i < c->n_used; i++) {
        ui_text_entry *e = &c->slots[i];
        if (e->hash == h && e->wrap == wrap && e->st.size == st.size && e->st.bold == st.bold &&
            e->st.align == st.align && memcmp(&e->st.color, &st.color, sizeof st.color) == 0 &&
            strcmp(e->text, text) == 0) {
            c->hits++;
            return e;
        }
    }
    c->misses++;
    if (c->n_used == c->n_slots || c->bytes > c->budget)
        text_evict(ui);
    if (c->n_used == c->n_slots)
        return NULL;
    ui_text_entry *e = &c->slots[c->n_used];
    memset(e, 0, sizeof *e);
    e->text = strdup(text);
    e->hash = h;
    e->st = st;
    e->wrap = wrap;
    e->used = ui->gfx->frames;
    if (!e->text || !text_render(ui, e, false)) {
        text_entry_free(e);
        return NULL;
    }
    c->n_used++;
    return e;
}

/* Measures the text (w, h); with draw, also renders its lines into one texture. */
static bool text_render(ui_ctx *ui, ui_text_entry *e, bool draw)
{
    TTF_Font *font = ui_font(ui, e->st.size, e->st.bold);
    if (!font)
        return false;
    text_measure m = {font};
    pc_line lines[TEXT_MAX_LINES];
    size_t n = pc_linebreak(e->text, e->wrap > 0 ? e->wrap : 1 << 30, text_measure_cb, &m, lines,
                            TEXT_MAX_LINES);
    if (n > TEXT_MAX_LINES)
        n = TEXT_MAX_LINES;
    int skip = TTF_FontLineSkip(font), height = TTF_FontHeight(font);
    if (!draw) {
        int maxw = 0;
        for (size_t i = 0; i < n; i++) {
            int lw = text_measure_cb(&m, e->text + lines[i].start, lines[i].len);
            if (lw > maxw)
                maxw = lw;
        }
        e->w = maxw;
        e->h = n ? (int)(n - 1) * skip + height : 0;
        return true;
    }
    e->rendered = true;
    return text_raster(ui, e, font, lines, n, skip);
}

/* Renders each line (TTF_RenderUTF8_Blended) and puts them on one texture, skip apart. */
static bool text_raster(ui_ctx *ui, ui_text_entry *e, TTF_Font *font, const pc_line *lines,
                        size_t n, int skip)
{
    SDL_Surface *ls[TEXT_MAX_LINES] = {0};
    int maxw = 0;
    SDL_Color col = {e->st.color.r, e->st.color.g, e->st.color.b, 255};
    for (size_t i = 0; i < n; i++) {
        char buf[2048];
        size_t len = lines[i].len < sizeof buf - 1 ? lines[i].len : sizeof buf - 1;
        memcpy(buf, e->text + lines[i].start, len);
        buf[len] = '\0';
        ls[i] = len ? TTF_RenderUTF8_Blended(font, buf, col) : NULL;
        if (ls[i] && ls[i]->w > maxw)
            maxw = ls[i]->w;
    }
    SDL_Surface *all =
        maxw > 0 ? SDL_CreateRGBSurfaceWithFormat(0, maxw, e->h, 32, SDL_PIXELFORMAT_ARGB8888)
                 : NULL;
    for (size_t i = 0; i < n; i++) {
        if (!ls[i])
            continue;
        if (all) {
            int x = e->st.align == UI_ALIGN_CENTER ? (maxw - ls[i]->w) / 2 : 0;
            SDL_Rect dst = {x, (int)i * skip, ls[i]->w, ls[i]->h};
            SDL_SetSurfaceBlendMode(ls[i], SDL_BLENDMODE_NONE);
            SDL_BlitSurface(ls[i], NULL, all, &dst);
        }
        SDL_FreeSurface(ls[i]);
    }
    if (!all)
        return maxw == 0;
    e->tex = SDL_CreateTextureFromSurface(ui->gfx->renderer, all);
    SDL_FreeSurface(all);
    if (!e->tex)
        return false;
    SDL_SetTextureBlendMode(e->tex, SDL_BLENDMODE_BLEND);
    e->bytes = (size_t)e->w * (size_t)e->h * 4u;
    return true;
}

static int text_measure_cb(void *ctx, const char *s, size_t len)
{
    text_measure *m = ctx;
    char buf[2048];
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    int w = 0, h = 0;
    TTF_SizeUTF8(m->font, buf, &w, &h);
    return w;
}

/* Is any of rows y..y+h on screen (inside the clip rectangle when one is set)? */
static bool text_visible(ui_ctx *ui, int y, int h)
{
    SDL_Rect clip;
    SDL_RenderGetClipRect(ui->gfx->renderer, &clip);
    if (SDL_RectEmpty(&clip))
        clip = (SDL_Rect){0, 0, ui->w, ui->h};
    return y < clip.y + clip.h && y + h > clip.y;
}

/* Drops the least recently drawn entries not drawn this frame until half the budget. */
static void text_evict(ui_ctx *ui)
{
    ui_text_cache *c = &ui->gfx->text;
    while (c->n_used > 0 && (c->bytes > c->budget / 2 || c->n_used >= c->n_slots)) {
        size_t old = c->n_used;
        for (size_t i = 0; i < c->n_used; i++)
            if (c->slots[i].used < ui->gfx->frames &&
                (old == c->n_used || c->slots[i].used < c->slots[old].used))
                old = i;
        if (old == c->n_used)
            return; /* everything is on screen now */
        c->bytes -= c->slots[old].bytes;
        text_entry_free(&c->slots[old]);
        c->slots[old] = c->slots[--c->n_used];
    }
}

static void text_entry_free(ui_text_entry *e)
{
    free(e->text);
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    e->text = NULL;
    e->tex = NULL;
}

/* Reads the bold face from the regular font's directory; when it is missing or does
 * not open, bold text is drawn with synthetic bold and the kiosk starts all the same. */
static void text_load_bold(ui_gfx *g, const char *font_path)
{
    char path[4096];
    const char *slash = strrchr(font_path, '/');
    int dir_len = slash ? (int)(slash - font_path) : 1;
    snprintf(path, sizeof path, "%.*s/%s", dir_len, slash ? font_path : ".", TEXT_BOLD_FILE);
    g->bold_data = SDL_LoadFile(path, &g->bold_size);
    SDL_RWops *rw = g->bold_data ? SDL_RWFromConstMem(g->bold_data, (int)g->bold_size) : NULL;
    TTF_Font *probe = rw ? TTF_OpenFontRW(rw, 1, 20) : NULL;
    if (probe) {
        TTF_CloseFont(probe);
        return;
    }
    if (g->bold_data)
        pc_log_warn("kiosk: bold font %s: %s; bold text drawn with synthetic bold", path,
                    TTF_GetError());
    else
        pc_log_warn("kiosk: bold font %s cannot be read; bold text drawn with synthetic bold",
                    path);
    SDL_free(g->bold_data);
    g->bold_data = NULL;
}
