/* ui_base.h — what every file of the kiosk needs: sizes in pixels, the words of the
 * screens by key, the clock and the log.
 *
 * The bottom layer of app/ui (base ← drawing ← screens ← flow ← main): it includes no
 * header of the layers above. Every drawing call takes the ui_ctx defined here; the
 * drawing layer keeps its own state behind ui_ctx.gfx. */
#ifndef UI_BASE_H
#define UI_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strings.h"
#include "base/theme.h"

typedef struct ui_gfx ui_gfx; /* the drawing layer's state (draw/ui_draw.h) */

/* A clock a harness puts in place of SDL's: the script's virtual clock, the bench's. */
typedef struct ui_clock {
    uint64_t (*now)(void *ctx); /* milliseconds; NULL: SDL's clock */
    void *ctx;
} ui_clock;

/* The date and time a harness puts in place of the system's: the script's virtual one. */
typedef struct ui_wall_clock {
    int64_t (*now)(void *ctx); /* Unix seconds; NULL: the system's clock */
    void *ctx;
} ui_wall_clock;

/* The assist strip's buttons under the top bar (screens/page.c): which the screen
 * drawn has, set by the flow from its table before each frame. */
typedef enum {
    UI_ASSIST_VOICE = 1, /* 读给我听 (only when the kiosk has a voice) */
    UI_ASSIST_HELP = 2,  /* 请工作人员帮助 */
    UI_ASSIST_HOME = 4   /* 回首页: end and clear, after asking */
} ui_assist;

/* The context every drawing call takes. */
typedef struct ui_ctx {
    int w, h;           /* drawing size in pixels (the configured orientation) */
    float scale;        /* pixels per logical pixel: the shorter side / 1080 */
    bool landscape;     /* wider than tall: some screens use two columns */
    bool large;         /* 关怀 mode: text UI_LARGE_NUM/UI_LARGE_DEN larger, larger targets */
    pc_strings strings; /* the screens' words by key (assets/strings.<language>.yaml) */
    ui_clock clock;     /* where the time comes from */
    ui_wall_clock wall; /* where the date and time of day come from (it may jump) */
    unsigned assist;    /* UI_ASSIST_* of the screen being drawn */
    ui_gfx *gfx;        /* renderer, fonts, widgets: the drawing layer's, not for others */
} ui_ctx;

/* Milliseconds on the kiosk's clock. */
uint64_t ui_now(const ui_ctx *ui);
/* The date and time on the kiosk's clock (Unix seconds): the wall clock, which may jump. */
int64_t ui_wall(const ui_ctx *ui);
/* A size in logical pixels (theme.h) in pixels on this screen. */
int ui_px(const ui_ctx *ui, int logical);
/* A text size in pixels, larger in large-text mode. */
int ui_text_px(const ui_ctx *ui, int logical);
/* The words for a key ("welcome.start"); the key itself when the table lacks it. */
const char *ui_str(const ui_ctx *ui, const char *key);
/* The words for a key with one {name} filled in. */
void ui_str_fill(const ui_ctx *ui, const char *key, const char *name, const char *value, char *buf,
                 size_t size);
/* Logging: app/core/log.h (pc_log_info/warn/err: one line on stderr, with the journal's
 * priority under systemd): events, never an applicant's answer. */

#endif
