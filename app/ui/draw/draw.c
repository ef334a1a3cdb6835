/* draw.c — the few shapes the kiosk draws: rounded panels, discs, thick lines,
 * triangles, the outcome icons, and the dimming under a dialog.
 *
 * SDL2's renderer has no rounded rectangles or anti-aliased circles: one white disc
 * texture (made once, anti-aliased) is tinted and scaled for discs and for the corners
 * of panels; lines and triangles are SDL_RenderGeometry quads. Works on the software
 * renderer (tests, benches) and on GLES (kmsdrm) alike. */
#include "draw/ui_draw.h"

#include <math.h>

#define DISC_SIZE 256

/* ---- static prototypes ---- */
static SDL_Texture *draw_make_disc(SDL_Renderer *r);
static void draw_set(ui_ctx *ui, ui_rgb c);
static void draw_corner(ui_ctx *ui, int x, int y, int radius, int qx, int qy);

/* ---- public functions ---- */

bool ui_draw_init(ui_ctx *ui)
{
    ui->gfx->circle = draw_make_disc(ui->gfx->renderer);
    return ui->gfx->circle != NULL;
}

void ui_draw_quit(ui_ctx *ui)
{
    if (ui->gfx->circle)
        SDL_DestroyTexture(ui->gfx->circle);
    ui->gfx->circle = NULL;
}

void ui_fill(ui_ctx *ui, SDL_Rect r, ui_rgb c)
{
    draw_set(ui, c);
    SDL_RenderFillRect(ui->gfx->renderer, &r);
}

void ui_round(ui_ctx *ui, SDL_Rect r, int radius, ui_rgb c)
{
    if (radius * 2 > r.w)
        radius = r.w / 2;
    if (radius * 2 > r.h)
        radius = r.h / 2;
    if (radius < 2) {
        ui_fill(ui, r, c);
        return;
    }
    draw_set(ui, c);
    SDL_Rect mid = {r.x, r.y + radius, r.w, r.h - 2 * radius};
    SDL_Rect top = {r.x + radius, r.y, r.w - 2 * radius, radius};
    SDL_Rect bot = {r.x + radius, r.y + r.h - radius, r.w - 2 * radius, radius};
    SDL_RenderFillRect(ui->gfx->renderer, &mid);
    SDL_RenderFillRect(ui->gfx->renderer, &top);
    SDL_RenderFillRect(ui->gfx->renderer, &bot);
    SDL_SetTextureColorMod(ui->gfx->circle, c.r, c.g, c.b);
    draw_corner(ui, r.x, r.y, radius, 0, 0);
    draw_corner(ui, r.x + r.w - radius, r.y, radius, 1, 0);
    draw_corner(ui, r.x, r.y + r.h - radius, radius, 0, 1);
    draw_corner(ui, r.x + r.w - radius, r.y + r.h - radius, radius, 1, 1);
}

void ui_round_frame(ui_ctx *ui, SDL_Rect r, int radius, int line, ui_rgb fill, ui_rgb border)
{
    ui_round(ui, r, radius, border);
    SDL_Rect in = {r.x + line, r.y + line, r.w - 2 * line, r.h - 2 * line};
    ui_round(ui, in, radius > line ? radius - line : 0, fill);
}

void ui_disc(ui_ctx *ui, int cx, int cy, int radius, ui_rgb c)
{
    SDL_SetTextureColorMod(ui->gfx->circle, c.r, c.g, c.b);
    SDL_Rect dst = {cx - radius, cy - radius, radius * 2, radius * 2};
    SDL_RenderCopy(ui->gfx->renderer, ui->gfx->circle, NULL, &dst);
}

void ui_line(ui_ctx *ui, float x0, float y0, float x1, float y1, float width, ui_rgb c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (len < 0.5f)
        return;
    float nx = -dy / len * width / 2, ny = dx / len * width / 2;
    SDL_Color col = {c.r, c.g, c.b, 255};
    SDL_Vertex v[4] = {{{x0 + nx, y0 + ny}, col, {0, 0}},
                       {{x1 + nx, y1 + ny}, col, {0, 0}},
                       {{x1 - nx, y1 - ny}, col, {0, 0}},
                       {{x0 - nx, y0 - ny}, col, {0, 0}}};
    int idx[6] = {0, 1, 2, 0, 2, 3};
    SDL_RenderGeometry(ui->gfx->renderer, NULL, v, 4, idx, 6);
    int rr = (int)(width / 2 + 0.5f);
    ui_disc(ui, (int)x0, (int)y0, rr, c);
    ui_disc(ui, (int)x1, (int)y1, rr, c);
}

void ui_triangle(ui_ctx *ui, float cx, float cy, float size, bool up, ui_rgb c)
{
    float h = size * 0.5f, s = up ? -1.f : 1.f;
    SDL_Color col = {c.r, c.g, c.b, 255};
    SDL_Vertex v[3] = {{{cx, cy + s * h}, col, {0, 0}},
                       {{cx - size * 0.6f, cy - s * h}, col, {0, 0}},
                       {{cx + size * 0.6f, cy - s * h}, col, {0, 0}}};
    SDL_RenderGeometry(ui->gfx->renderer, NULL, v, 3, NULL, 0);
}

/* A disc of bg with the icon in fg: the outcome's sign, never colour alone. */
void ui_icon_draw(ui_ctx *ui, ui_icon icon, int cx, int cy, int radius, ui_rgb fg, ui_rgb bg)
{
    ui_disc(ui, cx, cy, radius, bg);
    float r = (float)radius, w = r * 0.2f, x = (float)cx, y = (float)cy;
    switch (icon) {
    case UI_ICON_CHECK:
        ui_line(ui, x - r * 0.45f, y + r * 0.02f, x - r * 0.12f, y + r * 0.36f, w, fg);
        ui_line(ui, x - r * 0.12f, y + r * 0.36f, x + r * 0.48f, y - r * 0.34f, w, fg);
        break;
    case UI_ICON_CROSS:
        ui_line(ui, x - r * 0.36f, y - r * 0.36f, x + r * 0.36f, y + r * 0.36f, w, fg);
        ui_line(ui, x + r * 0.36f, y - r * 0.36f, x - r * 0.36f, y + r * 0.36f, w, fg);
        break;
    case UI_ICON_MINUS:
        ui_line(ui, x - r * 0.42f, y, x + r * 0.42f, y, w, fg);
        break;
    case UI_ICON_QUESTION: {
        ui_text_style st = {(int)(r * 1.25f), true, fg, UI_ALIGN_LEFT};
        int tw, th;
        ui_text_size(ui, "?", st, 0, &tw, &th);
        ui_text_draw(ui, "?", st, cx - tw / 2, cy - th / 2, 0);
        break;
    }
    case UI_ICON_ARROWS:
        ui_line(ui, x - r * 0.4f, y, x + r * 0.4f, y, w, fg);
        ui_line(ui, x + r * 0.4f, y, x + r * 0.1f, y - r * 0.3f, w, fg);
        ui_line(ui, x + r * 0.4f, y, x + r * 0.1f, y + r * 0.3f, w, fg);
        break;
    case UI_ICON_PAUSE:
        ui_line(ui, x - r * 0.18f, y - r * 0.35f, x - r * 0.18f, y + r * 0.35f, w, fg);
        ui_line(ui, x + r * 0.18f, y - r * 0.35f, x + r * 0.18f, y + r * 0.35f, w, fg);
        break;
    }
}

void ui_dim(ui_ctx *ui)
{
    SDL_Renderer *r = ui->gfx->renderer;
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, 10, 20, 35, 170);
    SDL_RenderFillRect(r, NULL);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
}

/* ---- static functions ---- */

static SDL_Texture *draw_make_disc(SDL_Renderer *r)
{
    SDL_Surface *s =
        SDL_CreateRGBSurfaceWithFormat(0, DISC_SIZE, DISC_SIZE, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    Uint32 *px = s->pixels;
    float c = DISC_SIZE / 2.0f;
    for (int y = 0; y < DISC_SIZE; y++)
        for (int x = 0; x < DISC_SIZE; x++) {
            float dx = (float)x + 0.5f - c, dy = (float)y + 0.5f - c;
            float a = c - sqrtf(dx * dx + dy * dy) + 0.5f;
            a = a < 0 ? 0 : a > 1 ? 1 : a;
            px[y * (s->pitch / 4) + x] = ((Uint32)(a * 255.0f + 0.5f) << 24) | 0xFFFFFFu;
        }
    SDL_Texture *t = SDL_CreateTextureFromSurface(r, s);
    SDL_FreeSurface(s);
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    return t;
}

static void draw_set(ui_ctx *ui, ui_rgb c)
{
    SDL_SetRenderDrawColor(ui->gfx->renderer, c.r, c.g, c.b, 255);
}

/* One quarter of the disc, scaled to radius, at the corner (qx, qy: 0 left/top, 1 right/bottom). */
static void draw_corner(ui_ctx *ui, int x, int y, int radius, int qx, int qy)
{
    SDL_Rect src = {qx * DISC_SIZE / 2, qy * DISC_SIZE / 2, DISC_SIZE / 2, DISC_SIZE / 2};
    SDL_Rect dst = {x, y, radius, radius};
    SDL_RenderCopy(ui->gfx->renderer, ui->gfx->circle, &src, &dst);
}
