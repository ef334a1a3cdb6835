/* kiosk.h — the kiosk's state, which the screens read and the flow changes, and the
 * vocabulary between them: the screens there are and the actions a touch can ask for.
 *
 * One kiosk_app holds everything (no globals): the drawing context, the configuration
 * and packs, the applicant's session, the receipt, input and staff state. */
#ifndef UI_KIOSK_H
#define UI_KIOSK_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "config.h"
#include "date.h"
#include "eval.h"
#include "keys.h"
#include "pack.h"
#include "store.h"

#include "base/ui_base.h"
#include "draw/ui_draw.h"
#include "session/session.h"

#define UI_MAX_OFFERED 32
#define UI_PIN_MAX 8

/* The screens, one file each (screens/scr_<name>.c); the flow's table says what each allows. */
typedef enum {
    SCR_WELCOME,
    SCR_NOTICE, /* what is kept, who receives it, for how long: before the first question */
    SCR_POLICY,
    SCR_QUESTION,
    SCR_REVIEW,
    SCR_RESULT,
    SCR_PIN,
    SCR_STAFF,
    SCR_COUNT
} ui_screen;

/* What a touch asks the flow (flow/flow.c) to do; arg says which option, key or question. */
typedef enum {
    ACT_NONE,
    ACT_START,
    ACT_LARGE,
    ACT_BACK,
    ACT_POLICY,
    ACT_ANSWER, /* arg: the option (是 0, 否 1, a choice's index), -1 不确定 */
    ACT_MULTI_TOGGLE,
    ACT_MULTI_NONE,
    ACT_MULTI_NEXT,
    ACT_KEY, /* arg: 0…9, PC_ENTRY_KEY_POINT, PC_ENTRY_KEY_DEL */
    ACT_NUMBER_OK,
    ACT_SOURCE_OPEN,
    ACT_SOURCE_CLOSE,
    ACT_SCROLL_MORE,
    ACT_DATE_STEP,
    ACT_DATE_TODAY,
    ACT_DATE_CONFIRM,
    ACT_DATE_NOT_YET,
    ACT_DATE_UNSURE,
    ACT_REVIEW_CHANGE,
    ACT_REVIEW_RESULT,
    ACT_RESULT_DONE,
    ACT_RESULT_CHANGE,
    ACT_RESULT_PRINT,
    ACT_IDLE_CONTINUE,
    ACT_IDLE_END,
    ACT_PIN_DIGIT,
    ACT_PIN_DEL,
    ACT_PIN_OK,
    ACT_PIN_CANCEL,
    ACT_STAFF_EXIT,
    ACT_STAFF_BACK,
    ACT_STAFF_CORNER, /* the top-left corner held 3 s (flow/input.c) */
    ACT_NOTICE_GO,    /* the privacy notice read: on to the policies */
    ACT_VOICE,        /* 读给我听: the screen's words aloud */
    ACT_HELP,         /* 请工作人员帮助: where the staff are */
    ACT_HELP_CLOSE,
    ACT_HOME,     /* 回首页: asks "结束并清除您的回答？" */
    ACT_HOME_YES, /* … yes: the session is wiped */
    ACT_HOME_NO,
    ACT_COUNT
} ui_action;

/* The receipt of a result: stored first, then shown and printed. */
typedef enum {
    UI_RECEIPT_NONE,   /* none issued yet */
    UI_RECEIPT_ISSUED, /* stored: its number and QR are shown */
    UI_RECEIPT_FAILED  /* the store or the key could not be used: 请到窗口办理 */
} ui_receipt_state;

typedef enum { UI_PRINT_NOT_TRIED, UI_PRINT_SENT, UI_PRINT_FAILED } ui_print_state;

/* The result's receipt; the applicant's, so it is wiped with the session. */
typedef struct ui_receipt {
    ui_receipt_state state;     /* none yet, issued (stored), or failed */
    uint64_t issued_for;        /* hash of the answers it was issued for, 0 none */
    char id[20];                /* formatted "XXXX XXXX XXXX" */
    char text[1800];            /* what the QR holds */
    SDL_Texture *qr;            /* the QR code, when there is one */
    ui_print_state print;       /* 打印回执: not tried, sent, or failed */
    const char *print_fail_key; /* why printing failed: a "print.*" string key */
    bool print_asked;           /* 完成 without printing asked "print first?" (once) */
} ui_receipt;

/* The window and the screen (flow/start.c). */
typedef struct ui_video {
    SDL_Window *window;  /* the whole screen (kmsdrm), or a window of --size */
    int out_w, out_h;    /* the screen's size in pixels */
    SDL_Texture *turned; /* drawing target when the screen is turned 90°, or NULL */
} ui_video;

/* What the kiosk runs on: set up at start (flow/start.c), then only read. */
typedef struct ui_setup {
    pc_config cfg;                          /* the configuration (assets/kiosk.example.yaml) */
    pc_pack_set packs;                      /* every pack in rules_dir */
    pc_calendar *cal;                       /* working days, for deadlines */
    const pc_pack *offered[UI_MAX_OFFERED]; /* the packs offered today, in order */
    size_t n_offered;                       /* how many */
    pc_day today;                           /* the kiosk's date: follows the clock (flow/day.c) */
    int day_offset;                         /* --today minus the clock's date at start */
    pc_day retained_on;                     /* the day retention was last applied */
    pc_day build_day;                       /* the program's build date */
    bool clock_bad;                         /* today earlier than a pack's issue or the build */
    char rules_stamp[128];     /* the rules generation loaded (flow/pack_reload.c), "" flat */
    uint64_t rules_checked_ms; /* when the welcome screen last looked for a new one */
} ui_setup;

/* Where the applicant is (flow/flow.c changes it, nothing else). */
typedef struct ui_flow {
    ui_screen screen; /* the screen shown */
    bool source_open; /* 查看原文 open over the question screen */
    bool help_open;   /* 请工作人员帮助 open over the screen */
    bool home_ask;    /* 回首页 asking whether to end and clear */
    bool quit;        /* staff chose 退出: the program ends */
} ui_flow;

/* The finger (or mouse button) held down, and when the last touch came (flow/input.c). */
typedef struct ui_pointer {
    bool down;           /* a finger or the button is down */
    SDL_FingerID finger; /* the finger being tracked; others are ignored */
    bool is_mouse;       /* the mouse, not a finger */
    int x0, y0, x, y;    /* press point and current point (window px) */
    int widget;          /* widget under the press, -1 none */
    bool scrolling;      /* moved far enough to be a drag */
    int scroll0;         /* scroll offset at the press */
    uint64_t t0;         /* press time (ms, app clock) */
    bool corner;         /* press began in the staff corner */
} ui_pointer;

/* Touch and time (flow/input.c). */
typedef struct ui_input {
    ui_pointer ptr;          /* what is held down now */
    uint64_t last_action_ms; /* the last tap that acted: taps closer than this are one */
    uint64_t last_input_ms;  /* the last touch of any kind: the idle timer */
} ui_input;

/* The countdown over an idle applicant's screen (flow/input.c). */
typedef struct ui_idle {
    bool shown;        /* the countdown is over the screen */
    uint64_t since_ms; /* when it appeared */
    int seconds_left;  /* the seconds it shows; 0 before the first tick */
} ui_idle;

/* The staff PIN pad (flow/staff.c). */
typedef struct ui_staff {
    char pin[UI_PIN_MAX + 1]; /* the digits typed */
    bool wrong;               /* the last PIN was wrong (or the pad is locked) */
    int fails;                /* wrong PINs in a row */
    int locks;                /* lockouts since the last right PIN: each doubles the next */
    uint64_t locked_until;    /* no PIN is checked until then (ms, the kiosk's clock) */
    uint64_t lock_ms;         /* how long the latest lockout is, for the note */
    ui_screen return_to;      /* where 取消 goes back to */
} ui_staff;

/* The submission store and the key that signs receipts (flow/receipt.c). */
typedef struct ui_queue {
    pc_store *store;  /* NULL when the database could not be opened */
    pc_kiosk_key key; /* signs every receipt (the configured one, or kept beside the db) */
    bool have_key;    /* the key could be loaded or made */
    pc_dept_key hall; /* hall_key: the answers on receipts are sealed to it */
    bool have_hall;   /* hall_key is configured and could be loaded */
} ui_queue;

/* 读给我听 (flow/voice_play.c): the synthesiser and the audio device, and what was said
 * last (for the log's length and the scripts' `spoken`, wiped with the session). */
typedef struct ui_voice {
    struct pc_voice *engine; /* NULL: no voice (espeak-ng or its Mandarin data missing) */
    SDL_AudioDeviceID dev;   /* 0: no audio device (speech is still made, not heard) */
    int rate;                /* the device's samples a second */
    char spoken[2048];       /* the words last read aloud */
    double rms;              /* how loud they were made (0: silence) */
} ui_voice;

/* 请工作人员帮助 told to the hall's staff desk (flow/help_call.c). */
typedef struct ui_help {
    struct ui_help_job *job; /* the last request, shared with the thread posting it; NULL none */
    bool notified;           /* the desk has it: the help card says 已通知工作人员 */
    uint64_t sent_ms;        /* when it was sent (app clock) */
    int64_t last_at;         /* its "at" (Unix seconds): the next one is later, so that the
                                desk, which keeps each (kiosk, at) once, sees a new call */
} ui_help;

typedef struct kiosk_app kiosk_app;

/* What a harness hooks into the program; nothing in normal use. */
typedef struct ui_hooks {
    void (*on_present)(kiosk_app *app); /* after each frame (the bench) */
} ui_hooks;

/* Everything the kiosk holds, in one place (no globals). */
struct kiosk_app {
    ui_ctx ui;          /* sizes, words, clock: what every drawing call takes (base/) */
    ui_gfx gfx;         /* renderer, fonts, text cache, widgets, scrolling (draw/) */
    ui_video video;     /* the window and the screen */
    ui_setup setup;     /* configuration, packs, today */
    ui_flow flow;       /* the screen shown */
    ui_input input;     /* what is touched, and when */
    ui_idle idle;       /* the idle countdown */
    ui_staff staff;     /* the PIN pad */
    pc_session session; /* the applicant's answers and way (session/) */
    ui_receipt receipt; /* the applicant's receipt: number, QR, printing */
    ui_queue queue;     /* the submission store and the signing key */
    ui_voice voice;     /* 读给我听 */
    ui_help help;       /* 请工作人员帮助 told to the staff desk */
    ui_hooks hooks;     /* a harness's (the bench) */
};

#endif
