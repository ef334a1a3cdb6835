/* render.c — the whole slip drawn as one 1-bit raster: text with SDL2_ttf (Solid, so
 * that thermal dots are crisp, no grey), lines broken with pc_linebreak (Chinese
 * rules), tick boxes drawn as squares (the font subset need not carry ☐), the QR
 * centred with its quiet zone. Every word drawn comes from the pc_receipt_doc (its
 * headings too); the print statuses' texts are keys "print.*" of the string table.
 * No SDL video: only TTF and software surfaces. */
#include "print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "linebreak.h"

#define MAX_LINES 64
#define QR_MAX_MODULE 6 /* dots a module at most (0.75 mm at 203 dpi) */

/* The slip being drawn: a raster that grows downwards. */
typedef struct canvas {
    pc_raster r; /* width fixed, height grows */
    int y;       /* next free row */
    int margin;  /* left and right margin, dots */
    bool ok;     /* false after an allocation failure */
} canvas;

typedef struct fonts {
    TTF_Font *body, *big, *small;
} fonts;

static bool grow(canvas *c, int rows);
static void draw_surface(canvas *c, SDL_Surface *s, int x0);
static void text_line(canvas *c, TTF_Font *f, const char *text, size_t len, int x, bool center);
static void paragraph(canvas *c, TTF_Font *f, const char *text, int indent, bool center);
static void rule(canvas *c, int thickness);
static void gap(canvas *c, int rows);
static void tick_item(canvas *c, TTF_Font *f, const char *text);
static void list_section(canvas *c, const fonts *fo, const char *head, char **items, size_t n,
                         bool boxes);
static void joined_section(canvas *c, const fonts *fo, const char *head, char **items, size_t n,
                           const char *sep);
static bool draw_qr(canvas *c, const char *text, char *err, size_t errsize);
static int measure(void *ctx, const char *text, size_t len);
static bool open_fonts(fonts *fo, const pc_print_opts *o, char *err, size_t errsize);
static void close_fonts(fonts *fo);
static void draw_doc(canvas *c, const fonts *fo, const pc_receipt_doc *doc);

pc_print_status pc_receipt_render(const pc_receipt_doc *doc, const pc_print_opts *opts,
                                  pc_raster *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    if (opts->width < 256 || opts->width > 2048 || !doc->qr_text) {
        snprintf(err, errsize, "width %d: use 256..2048 dots", opts->width);
        return PC_PRINT_INVALID;
    }
    if (TTF_Init() != 0) {
        snprintf(err, errsize, "TTF_Init: %s", TTF_GetError());
        return PC_PRINT_FONT;
    }
    fonts fo = {0};
    if (!open_fonts(&fo, opts, err, errsize)) {
        TTF_Quit();
        return PC_PRINT_FONT;
    }
    canvas c = {{opts->width, 0, NULL}, 0, opts->width / 24, true};
    draw_doc(&c, &fo, doc);
    bool qr_ok = c.ok && draw_qr(&c, doc->qr_text, err, errsize);
    if (qr_ok) {
        gap(&c, TTF_FontLineSkip(fo.small) / 2);
        paragraph(&c, fo.small, doc->footer, 0, true);
        gap(&c, 8);
    }
    close_fonts(&fo);
    TTF_Quit();
    if (!c.ok || !qr_ok) {
        pc_raster_free(&c.r);
        if (!c.ok)
            snprintf(err, errsize, "out of memory");
        return c.ok ? PC_PRINT_QR : PC_PRINT_NO_MEMORY;
    }
    c.r.height = c.y;
    *out = c.r;
    return PC_PRINT_OK;
}

pc_print_status pc_receipt_print(const pc_receipt_doc *doc, const pc_print_opts *opts,
                                 const char *path, pc_printer_state *state, char *err,
                                 size_t errsize)
{
    *state = PC_PRINTER_UNKNOWN;
    pc_raster r;
    pc_print_status st = pc_receipt_render(doc, opts, &r, err, errsize);
    if (st != PC_PRINT_OK)
        return st;
    unsigned char *bytes = NULL;
    size_t len = 0;
    st = pc_escpos_encode(&r, &bytes, &len);
    pc_raster_free(&r);
    if (st == PC_PRINT_OK)
        st = pc_escpos_write(bytes, len, path, state, err, errsize);
    free(bytes);
    return st;
}

const char *pc_print_status_key(pc_print_status status)
{
    switch (status) {
    case PC_PRINT_OK:
        return "print.ok";
    case PC_PRINT_NO_PRINTER:
        return "print.no_printer";
    case PC_PRINT_PAPER_OUT:
        return "print.paper_out";
    default:
        return "print.failed";
    }
}

const char *pc_print_status_name(pc_print_status status)
{
    static const char *const names[] = {
        "ok", "no_printer", "paper_out", "write_error", "font", "qr", "invalid", "no_memory",
    };
    return (unsigned)status < sizeof names / sizeof names[0] ? names[status] : "invalid";
}

/* ------------------------------------------------------------------ layout */

static void draw_doc(canvas *c, const fonts *fo, const pc_receipt_doc *doc)
{
    gap(c, 8);
    paragraph(c, fo->big, doc->title, 0, true);
    gap(c, 4);
    paragraph(c, fo->small, doc->heads[PC_SLIP_RECEIPT_NO], 0, true);
    paragraph(c, fo->big, doc->receipt_no, 0, true);
    rule(c, 2);
    paragraph(c, fo->small, doc->heads[PC_SLIP_POLICY], 0, false);
    paragraph(c, fo->body, doc->policy, 0, false);
    gap(c, 6);
    paragraph(c, fo->small, doc->heads[PC_SLIP_OUTCOME], 0, false);
    paragraph(c, fo->big, doc->outcome, 0, false);
    if (doc->deadline && doc->deadline[0]) { /* by when comes first, as on the screen */
        gap(c, 6);
        paragraph(c, fo->small, doc->heads[PC_SLIP_DEADLINE], 0, false);
        paragraph(c, fo->body, doc->deadline, 0, false);
    }
    rule(c, 2);
    list_section(c, fo, doc->heads[PC_SLIP_MATERIALS], doc->materials, doc->n_materials, true);
    joined_section(c, fo, doc->heads[PC_SLIP_BASIS], doc->basis, doc->n_basis, doc->list_sep);
    list_section(c, fo, doc->heads[PC_SLIP_STEPS], doc->steps, doc->n_steps, false);
    if (doc->where && doc->where[0]) {
        rule(c, 2);
        paragraph(c, fo->small, doc->heads[PC_SLIP_WHERE], 0, false);
        paragraph(c, fo->body, doc->where, 0, false);
    }
    rule(c, 2);
}

/* Short items on as few lines as they take: "第四条第（一）项、第五条…". */
static void joined_section(canvas *c, const fonts *fo, const char *head, char **items, size_t n,
                           const char *sep)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(items[i]) + strlen(sep);
    char *text = n ? malloc(len) : NULL;
    if (!text)
        return;
    text[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(text, sep);
        strcat(text, items[i]);
    }
    gap(c, 6);
    paragraph(c, fo->small, head, 0, false);
    paragraph(c, fo->body, text, 0, false);
    free(text);
}

static void list_section(canvas *c, const fonts *fo, const char *head, char **items, size_t n,
                         bool boxes)
{
    if (n == 0)
        return;
    gap(c, 6);
    paragraph(c, fo->small, head, 0, false);
    for (size_t i = 0; i < n; i++) {
        if (boxes)
            tick_item(c, fo->body, items[i]);
        else
            paragraph(c, fo->body, items[i], 0, false); /* numbered by doc.c */
    }
}

/* A square to tick, then the text with a hanging indent. */
static void tick_item(canvas *c, TTF_Font *f, const char *text)
{
    int skip = TTF_FontLineSkip(f), side = TTF_FontHeight(f) * 2 / 3;
    int top = c->y + (skip - side) / 2, x0 = c->margin;
    if (!grow(c, skip))
        return;
    for (int y = top; y < top + side; y++)
        for (int x = x0; x < x0 + side; x++) {
            bool edge = y < top + 2 || y >= top + side - 2 || x < x0 + 2 || x >= x0 + side - 2;
            if (edge)
                c->r.px[(size_t)y * (size_t)c->r.width + (size_t)x] = 1;
        }
    paragraph(c, f, text, side + side / 2, false);
    gap(c, 2);
}

static bool draw_qr(canvas *c, const char *text, char *err, size_t errsize)
{
    pc_qr qr;
    pc_print_status st = pc_qr_encode(text, &qr);
    if (st != PC_PRINT_OK) {
        snprintf(err, errsize, "QR: %s", pc_print_status_name(st));
        return false;
    }
    int module = c->r.width / (qr.size + 2 * PC_QR_QUIET);
    if (module > QR_MAX_MODULE)
        module = QR_MAX_MODULE;
    pc_raster q;
    st = module >= 2 ? pc_qr_raster(&qr, module, PC_QR_QUIET, &q) : PC_PRINT_QR;
    pc_qr_free(&qr);
    if (st != PC_PRINT_OK) {
        snprintf(err, errsize, "QR does not fit %d dots", c->r.width);
        return false;
    }
    int x0 = (c->r.width - q.width) / 2;
    if (grow(c, q.height))
        for (int y = 0; y < q.height; y++)
            memcpy(c->r.px + (size_t)(c->y + y) * (size_t)c->r.width + x0,
                   q.px + (size_t)y * (size_t)q.width, (size_t)q.width);
    c->y += q.height;
    pc_raster_free(&q);
    return c->ok;
}

/* ------------------------------------------------------------------ drawing */

static void paragraph(canvas *c, TTF_Font *f, const char *text, int indent, bool center)
{
    pc_line lines[MAX_LINES];
    int width = c->r.width - 2 * c->margin - indent;
    size_t n = pc_linebreak(text, width, measure, f, lines, MAX_LINES);
    for (size_t i = 0; i < n && i < MAX_LINES; i++)
        text_line(c, f, text + lines[i].start, lines[i].len, c->margin + indent, center);
}

static void text_line(canvas *c, TTF_Font *f, const char *text, size_t len, int x, bool center)
{
    int skip = TTF_FontLineSkip(f);
    char *s = malloc(len + 1);
    if (!s || !grow(c, skip)) {
        free(s);
        c->ok = false;
        return;
    }
    memcpy(s, text, len);
    s[len] = '\0';
    SDL_Color black = {0, 0, 0, 255};
    SDL_Surface *surf = len ? TTF_RenderUTF8_Solid(f, s, black) : NULL;
    free(s);
    if (surf) {
        if (center)
            x = (c->r.width - surf->w) / 2;
        draw_surface(c, surf, x < 0 ? 0 : x);
        SDL_FreeSurface(surf);
    }
    c->y += skip;
}

/* Solid rendering: an 8-bit surface where index 0 is the background. */
static void draw_surface(canvas *c, SDL_Surface *s, int x0)
{
    if (SDL_LockSurface(s) != 0)
        return;
    for (int y = 0; y < s->h && c->y + y < c->r.height; y++) {
        const Uint8 *row = (const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch;
        unsigned char *dst = c->r.px + (size_t)(c->y + y) * (size_t)c->r.width;
        for (int x = 0; x < s->w && x0 + x < c->r.width; x++)
            if (row[x])
                dst[x0 + x] = 1;
    }
    SDL_UnlockSurface(s);
}

static void rule(canvas *c, int thickness)
{
    gap(c, 6);
    if (grow(c, thickness))
        for (int y = c->y; y < c->y + thickness; y++)
            memset(c->r.px + (size_t)y * (size_t)c->r.width + c->margin, 1,
                   (size_t)(c->r.width - 2 * c->margin));
    c->y += thickness;
    gap(c, 6);
}

static void gap(canvas *c, int rows)
{
    if (grow(c, rows))
        c->y += rows;
}

/* Makes room for `rows` more rows below c->y (new rows white). */
static bool grow(canvas *c, int rows)
{
    if (!c->ok)
        return false;
    int need = c->y + rows;
    if (need <= c->r.height)
        return true;
    int cap = c->r.height ? c->r.height : 512;
    while (cap < need)
        cap *= 2;
    unsigned char *p = cap <= 65535 ? realloc(c->r.px, (size_t)cap * (size_t)c->r.width) : NULL;
    if (!p) {
        c->ok = false;
        return false;
    }
    memset(p + (size_t)c->r.height * (size_t)c->r.width, 0,
           (size_t)(cap - c->r.height) * (size_t)c->r.width);
    c->r.px = p;
    c->r.height = cap;
    return true;
}

static int measure(void *ctx, const char *text, size_t len)
{
    char buf[1024];
    char *s = len < sizeof buf ? buf : malloc(len + 1);
    if (!s)
        return 1 << 20;
    memcpy(s, text, len);
    s[len] = '\0';
    int w = 0, h = 0;
    if (TTF_SizeUTF8((TTF_Font *)ctx, s, &w, &h) != 0)
        w = 1 << 20;
    if (s != buf)
        free(s);
    return w;
}

/* ------------------------------------------------------------------ fonts */

static bool open_fonts(fonts *fo, const pc_print_opts *o, char *err, size_t errsize)
{
    int px = o->font_px > 0 ? o->font_px : o->width / 16;
    fo->body = TTF_OpenFontIndex(o->font_path, px, o->font_index);
    fo->big = TTF_OpenFontIndex(o->font_path, px * 4 / 3, o->font_index);
    fo->small = TTF_OpenFontIndex(o->font_path, px * 5 / 6, o->font_index);
    if (fo->body && fo->big && fo->small)
        return true;
    snprintf(err, errsize, "%s (face %d): %s", o->font_path, o->font_index, TTF_GetError());
    close_fonts(fo);
    return false;
}

static void close_fonts(fonts *fo)
{
    if (fo->body)
        TTF_CloseFont(fo->body);
    if (fo->big)
        TTF_CloseFont(fo->big);
    if (fo->small)
        TTF_CloseFont(fo->small);
    fo->body = fo->big = fo->small = NULL;
}
