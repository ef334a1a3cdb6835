/* shot.c — screenshots as PNG (libpng), and comparison with reference screenshots.
 *
 * Screenshot tests work like LVGL's: a fixed resolution, a virtual clock, a reference
 * PNG per named screen (tests/flow/ref/). A frame matches when at most 0.2 % of its
 * pixels differ by more than 32 in any channel (anti-aliasing may shift between
 * FreeType builds; layout changes move far more). On a mismatch the frame is written
 * next to the reference as NAME_err.png. The receipt area (a random receipt number and
 * its QR) is left out of the comparison. A missing reference is created; with
 * PC_UPDATE_SCREENSHOTS=1 every reference that no longer matches is rewritten (and
 * those that still match are left alone, so a refresh changes only what changed). */
#include "script/script_private.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#define SHOT_CHANNEL_TOLERANCE 32
#define SHOT_PIXEL_PERMILLE 2

/* ---- static prototypes ---- */
static unsigned char *shot_read_frame(kiosk_app *app);
static size_t shot_count_bad(const kiosk_app *app, const unsigned char *px,
                             const unsigned char *rp);
static bool shot_write(const char *path, const unsigned char *rgba, int w, int h);

/* ---- public functions ---- */

bool ui_shot_save(kiosk_app *app, const char *path)
{
    unsigned char *px = shot_read_frame(app);
    if (!px)
        return false;
    bool ok = shot_write(path, px, app->video.out_w, app->video.out_h);
    free(px);
    return ok;
}

bool ui_shot_check(kiosk_app *app, const char *ref_path, const char *err_path, char *msg,
                   size_t msgsize)
{
    unsigned char *px = shot_read_frame(app);
    if (!px) {
        snprintf(msg, msgsize, "cannot read the frame");
        return false;
    }
    const char *upd = getenv("PC_UPDATE_SCREENSHOTS");
    png_image ref;
    memset(&ref, 0, sizeof ref);
    ref.version = PNG_IMAGE_VERSION;
    bool update = upd && strcmp(upd, "1") == 0;
    bool have = png_image_begin_read_from_file(&ref, ref_path);
    if (!have) {
        bool ok = shot_write(ref_path, px, app->video.out_w, app->video.out_h);
        snprintf(msg, msgsize, ok ? "reference written: %s" : "cannot write %s", ref_path);
        free(px);
        return ok;
    }
    ref.format = PNG_FORMAT_RGBA;
    unsigned char *rp = (int)ref.width == app->video.out_w && (int)ref.height == app->video.out_h
                            ? malloc(PNG_IMAGE_SIZE(ref))
                            : NULL;
    if (!rp || !png_image_finish_read(&ref, NULL, rp, 0, NULL)) {
        png_image_free(&ref);
        if (update) {
            free(rp);
            bool w = shot_write(ref_path, px, app->video.out_w, app->video.out_h);
            free(px);
            return w;
        }
        snprintf(msg, msgsize, "%s: size %ux%u, frame %dx%d", ref_path, ref.width, ref.height,
                 app->video.out_w, app->video.out_h);
        shot_write(err_path, px, app->video.out_w, app->video.out_h);
        free(rp);
        free(px);
        return false;
    }
    size_t n = (size_t)app->video.out_w * (size_t)app->video.out_h,
           bad = shot_count_bad(app, px, rp);
    bool ok = bad * 1000 <= n * SHOT_PIXEL_PERMILLE;
    snprintf(msg, msgsize, "%zu of %zu pixels differ (tolerance %d per mille)", bad, n,
             SHOT_PIXEL_PERMILLE);
    if (!ok && update)
        ok = shot_write(ref_path, px, app->video.out_w, app->video.out_h); /* refreshed */
    else if (!ok)
        shot_write(err_path, px, app->video.out_w, app->video.out_h);
    free(rp);
    free(px);
    return ok;
}

/* ---- static functions ---- */

/* The pixels that differ from the reference by more than the tolerance, outside the area
 * that differs every run (a receipt's number and QR; not masked when turned). */
static size_t shot_count_bad(const kiosk_app *app, const unsigned char *px, const unsigned char *rp)
{
    size_t n = (size_t)app->video.out_w * (size_t)app->video.out_h, bad = 0;
    SDL_Rect mask = app->video.turned ? (SDL_Rect){0, 0, 0, 0} : app->gfx.random_area;
    for (size_t i = 0; i < n * 4; i += 4) {
        SDL_Point p = {(int)(i / 4 % (size_t)app->video.out_w),
                       (int)(i / 4 / (size_t)app->video.out_w)};
        if (SDL_PointInRect(&p, &mask))
            continue;
        for (int c = 0; c < 3; c++)
            if (abs((int)px[i + c] - (int)rp[i + c]) > SHOT_CHANNEL_TOLERANCE) {
                bad++;
                break;
            }
    }
    return bad;
}

/* What is on the screen (turned, when the picture is turned). */
static unsigned char *shot_read_frame(kiosk_app *app)
{
    unsigned char *px = malloc((size_t)app->video.out_w * (size_t)app->video.out_h * 4u);
    if (!px)
        return NULL;
    if (SDL_RenderReadPixels(app->gfx.renderer, NULL, SDL_PIXELFORMAT_ABGR8888, px,
                             app->video.out_w * 4) != 0) {
        pc_log_err("kiosk: read pixels: %s", SDL_GetError());
        free(px);
        return NULL;
    }
    for (size_t i = 3; i < (size_t)app->video.out_w * (size_t)app->video.out_h * 4u; i += 4)
        px[i] = 255;
    return px;
}

static bool shot_write(const char *path, const unsigned char *rgba, int w, int h)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    img.width = (png_uint_32)w;
    img.height = (png_uint_32)h;
    img.format = PNG_FORMAT_RGBA;
    if (!png_image_write_to_file(&img, path, 0, rgba, w * 4, NULL)) {
        pc_log_err("kiosk: cannot write %s: %s", path, img.message);
        return false;
    }
    return true;
}
