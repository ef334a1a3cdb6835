/* flow.c — the journey through the kiosk's screens: the table of screens and the only
 * code that moves from one to another (flow_go).
 *
 * Screens draw and read; a touch on one of their targets asks for an action, and
 * ui_flow_act carries it out if the screen shown allows it. The applicant's way through
 * the questions (skip logic, 返回, changes from the review screen) is the session's
 * (session/session.h): it says where to go next, and flow_follow goes there.
 *
 *   ┌──▶ welcome ◀─────────┐ 返回 (the session is wiped: the next person starts afresh)
 *   │      │ 开始          │
 *   │      ▼              │
 *   │    notice ──────────┤ what is kept, who receives it, for how long; 继续 or 返回
 *   │      │ 继续          │
 *   │      ▼              │
 *   │    policy ──────────┘
 *   │      │ a policy      ▲ 返回 on the first question
 *   │      ▼              │
 *   │    question ────────┘    an answer: the next question the skip logic leaves;
 *   │      │                   返回: the question shown before
 *   │      │ the last answer       ▲
 *   │      ▼                      │ 修改 one answer: that question (and any it makes
 *   │    review ──────────────────┘   relevant), then back to review
 *   │      │ 查看结果        ▲ 修改答案
 *   │      ▼               │
 *   │    result ───────────┘       (a policy with nothing to ask goes straight here)
 *   │      │ 完成
 *   └──────┘ the session is wiped
 *
 *   Over an applicant's screen (the strip under the top bar, UI_ASSIST_*):
 *     读给我听 reads the screen aloud (any tap stops it); 请工作人员帮助 opens where the
 *     staff are; 回首页 (question, review) asks "结束并清除您的回答？", then wipes
 *   Over any screen:
 *     idle_seconds without a touch: welcome → large text off; an applicant's screen →
 *       the countdown (继续 | 结束), wiped when it runs out; pin, staff → wiped at once
 *     the top-left corner held 3 s → pin ── the PIN ──▶ staff ── 返回 ──▶ welcome, wiped
 *                                      └ 取消: back where it was └ 退出: the program ends */
#include "flow/flow.h"
#include "log.h"

#define FLOW_ACT(a) (1ull << (a))
/* Every screen has the top bar's large-text switch and the staff corner. */
#define FLOW_EVERYWHERE (FLOW_ACT(ACT_LARGE) | FLOW_ACT(ACT_STAFF_CORNER))
/* An applicant's screen may have the idle countdown over it. */
#define FLOW_IDLE (FLOW_ACT(ACT_IDLE_CONTINUE) | FLOW_ACT(ACT_IDLE_END))
#define FLOW_ENTRY                                                                                 \
    (FLOW_ACT(ACT_ANSWER) | FLOW_ACT(ACT_MULTI_TOGGLE) | FLOW_ACT(ACT_MULTI_NONE) |                \
     FLOW_ACT(ACT_MULTI_NEXT) | FLOW_ACT(ACT_KEY) | FLOW_ACT(ACT_NUMBER_OK) |                      \
     FLOW_ACT(ACT_DATE_STEP) | FLOW_ACT(ACT_DATE_TODAY) | FLOW_ACT(ACT_DATE_CONFIRM) |             \
     FLOW_ACT(ACT_DATE_NOT_YET) | FLOW_ACT(ACT_DATE_UNSURE))

/* The assist strip's buttons and what they open. */
#define FLOW_ASSIST (FLOW_ACT(ACT_VOICE) | FLOW_ACT(ACT_HELP) | FLOW_ACT(ACT_HELP_CLOSE))
#define FLOW_HOME (FLOW_ACT(ACT_HOME) | FLOW_ACT(ACT_HOME_YES) | FLOW_ACT(ACT_HOME_NO))
#define FLOW_APPLICANT (FLOW_EVERYWHERE | FLOW_IDLE | FLOW_ASSIST)
#define ASSIST_PAGE (UI_ASSIST_VOICE | UI_ASSIST_HELP)
#define ASSIST_QUESTIONS (UI_ASSIST_VOICE | UI_ASSIST_HELP | UI_ASSIST_HOME)

/* The staff's: the corner, the PIN pad, the staff screen. */
#define FLOW_STAFF                                                                                 \
    (FLOW_ACT(ACT_STAFF_CORNER) | FLOW_ACT(ACT_PIN_DIGIT) | FLOW_ACT(ACT_PIN_DEL) |                \
     FLOW_ACT(ACT_PIN_OK) | FLOW_ACT(ACT_PIN_CANCEL) | FLOW_ACT(ACT_STAFF_BACK) |                  \
     FLOW_ACT(ACT_STAFF_EXIT))

_Static_assert(ACT_COUNT <= 64, "the actions a screen allows are a 64-bit mask");

/* ---- types ---- */

/* A row of the table: one screen. */
typedef struct flow_screen {
    const char *name;                               /* for scripts and logs */
    void (*draw)(ui_ctx *ui, const kiosk_app *app); /* screens/scr_<name>.c */
    void (*enter)(kiosk_app *app);                  /* on arriving there, or NULL */
    ui_idle_rule idle;                              /* what a long time without a touch does */
    uint64_t actions;                               /* FLOW_ACT(a) of each action it allows */
    unsigned assist;                                /* UI_ASSIST_*: its strip's buttons */
} flow_screen;

/* ---- static prototypes ---- */
static void flow_page(kiosk_app *app, ui_action action, int arg);
static void flow_staff(kiosk_app *app, ui_action action, int arg);
static void flow_assist(kiosk_app *app, ui_action action);
static void flow_go(kiosk_app *app, ui_screen screen);
static void flow_follow(kiosk_app *app, pc_session_step step);
static void flow_back(kiosk_app *app);
static void flow_choose(kiosk_app *app, int offered);
static void flow_result(kiosk_app *app);
static void flow_entry(kiosk_app *app, ui_action action, int arg);
static void flow_answered(kiosk_app *app, bool ready, const pc_answer *a);
static bool flow_ask_print(kiosk_app *app);

/* ---- the table ---- */

static const flow_screen flow_screens[SCR_COUNT] = {
    [SCR_WELCOME] = {"welcome", scr_welcome_draw, NULL, UI_IDLE_LARGE_OFF,
                     FLOW_EVERYWHERE | FLOW_ASSIST | FLOW_ACT(ACT_START), ASSIST_PAGE},
    [SCR_NOTICE] = {"notice", scr_notice_draw, NULL, UI_IDLE_ASK,
                    FLOW_APPLICANT | FLOW_ACT(ACT_NOTICE_GO) | FLOW_ACT(ACT_BACK), ASSIST_PAGE},
    [SCR_POLICY] = {"policy", scr_policy_draw, NULL, UI_IDLE_ASK,
                    FLOW_APPLICANT | FLOW_ACT(ACT_POLICY) | FLOW_ACT(ACT_BACK) |
                        FLOW_ACT(ACT_SCROLL_MORE),
                    ASSIST_PAGE},
    [SCR_QUESTION] = {"question", scr_question_draw, NULL, UI_IDLE_ASK,
                      FLOW_APPLICANT | FLOW_HOME | FLOW_ENTRY | FLOW_ACT(ACT_BACK) |
                          FLOW_ACT(ACT_SOURCE_OPEN) | FLOW_ACT(ACT_SOURCE_CLOSE) |
                          FLOW_ACT(ACT_SCROLL_MORE),
                      ASSIST_QUESTIONS},
    [SCR_REVIEW] = {"review", scr_review_draw, NULL, UI_IDLE_ASK,
                    FLOW_APPLICANT | FLOW_HOME | FLOW_ACT(ACT_REVIEW_CHANGE) |
                        FLOW_ACT(ACT_REVIEW_RESULT) | FLOW_ACT(ACT_BACK) |
                        FLOW_ACT(ACT_SCROLL_MORE),
                    ASSIST_QUESTIONS},
    [SCR_RESULT] = {"result", scr_result_draw, NULL, UI_IDLE_ASK,
                    FLOW_APPLICANT | FLOW_ACT(ACT_RESULT_PRINT) | FLOW_ACT(ACT_RESULT_CHANGE) |
                        FLOW_ACT(ACT_RESULT_DONE),
                    ASSIST_PAGE},
    [SCR_PIN] = {"pin", scr_pin_draw, ui_staff_pin_clear, UI_IDLE_CLOSE,
                 FLOW_EVERYWHERE | FLOW_ACT(ACT_PIN_DIGIT) | FLOW_ACT(ACT_PIN_DEL) |
                     FLOW_ACT(ACT_PIN_OK) | FLOW_ACT(ACT_PIN_CANCEL),
                 0},
    [SCR_STAFF] = {"staff", scr_staff_draw, NULL, UI_IDLE_CLOSE,
                   FLOW_EVERYWHERE | FLOW_ACT(ACT_STAFF_BACK) | FLOW_ACT(ACT_STAFF_EXIT), 0},
};

/* ---- public functions ---- */

void ui_flow_act(kiosk_app *app, ui_action action, int arg)
{
    if (!(flow_screens[app->flow.screen].actions & FLOW_ACT(action))) {
        pc_log_info("kiosk: action %d ignored on the %s screen", (int)action,
                    ui_flow_screen_name(app->flow.screen));
        return;
    }
    app->gfx.dirty = true;
    ui_voice_stop(app); /* reading aloud stops at the next tap */
    if ((FLOW_ASSIST | FLOW_HOME) & FLOW_ACT(action))
        flow_assist(app, action);
    else if (FLOW_ENTRY & FLOW_ACT(action))
        flow_entry(app, action, arg);
    else if (FLOW_STAFF & FLOW_ACT(action))
        flow_staff(app, action, arg);
    else
        flow_page(app, action, arg);
}

void ui_flow_reset(kiosk_app *app)
{
    ui_receipt_wipe(app);
    ui_voice_wipe(app);
    pc_session_clear(&app->session);
    ui_staff_pin_clear(app);
    ui_text_flush(&app->ui); /* no applicant's words stay in the text cache */
    app->ui.large = false;
    app->idle.shown = false;
    app->input.ptr.down = false;
    app->help.notified = false; /* the next applicant's call for help is their own */
    flow_go(app, SCR_WELCOME);
    pc_log_info("kiosk: session cleared");
}

void ui_flow_render(kiosk_app *app)
{
    ui_ctx *ui = &app->ui;
    SDL_Renderer *r = app->gfx.renderer;
    const ui_pointer *p = &app->input.ptr;
    app->gfx.frames++;
    if (app->video.turned)
        SDL_SetRenderTarget(r, app->video.turned);
    SDL_SetRenderDrawColor(r, UI_C_BG.r, UI_C_BG.g, UI_C_BG.b, 255);
    SDL_RenderClear(r);
    ui_widgets_begin(ui);
    app->gfx.random_area = (SDL_Rect){0, 0, 0, 0};
    app->gfx.pressed = p->down && !p->scrolling ? p->widget : -1;
    ui->assist = flow_screens[app->flow.screen].assist;
    if (!app->voice.engine)
        ui->assist &= ~(unsigned)UI_ASSIST_VOICE;
    flow_screens[app->flow.screen].draw(ui, app);
    if (app->flow.help_open)
        scr_help_draw(ui, app);
    if (app->flow.home_ask)
        scr_home_draw(ui, app);
    if (app->idle.shown)
        scr_idle_draw(ui, app);
    if (app->video.turned) {
        SDL_SetRenderTarget(r, NULL);
        SDL_Rect dst = {(app->video.out_w - ui->w) / 2, (app->video.out_h - ui->h) / 2, ui->w,
                        ui->h};
        SDL_RenderCopyEx(r, app->video.turned, NULL, &dst, 90.0, NULL, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(r);
    if (app->hooks.on_present)
        app->hooks.on_present(app);
}

const char *ui_flow_screen_name(ui_screen screen)
{
    return screen < SCR_COUNT ? flow_screens[screen].name : "?";
}

ui_idle_rule ui_flow_idle_rule(ui_screen screen)
{
    return flow_screens[screen].idle;
}

/* ---- static functions ---- */

/* The applicant's pages: moving on, back, and what else a page's touches do. */
static void flow_page(kiosk_app *app, ui_action action, int arg)
{
    switch (action) {
    case ACT_START:
        flow_go(app, SCR_NOTICE);
        break;
    case ACT_NOTICE_GO:
        flow_go(app, SCR_POLICY);
        break;
    case ACT_LARGE:
        app->ui.large = !app->ui.large;
        break;
    case ACT_BACK:
        flow_back(app);
        break;
    case ACT_POLICY:
        flow_choose(app, arg);
        break;
    case ACT_SOURCE_OPEN:
    case ACT_SOURCE_CLOSE:
        app->flow.source_open = action == ACT_SOURCE_OPEN;
        break;
    case ACT_SCROLL_MORE: /* clamped when drawn */
        app->gfx.scroll += app->gfx.scroll_view.h * 2 / 3;
        break;
    case ACT_REVIEW_CHANGE:
        flow_follow(app, pc_session_change(&app->session, arg));
        break;
    case ACT_REVIEW_RESULT:
        flow_result(app);
        break;
    case ACT_RESULT_CHANGE:
        flow_go(app, SCR_REVIEW);
        break;
    case ACT_RESULT_PRINT:
        ui_receipt_print(app);
        break;
    case ACT_IDLE_CONTINUE:
        app->idle.shown = false;
        app->idle.seconds_left = 0;
        break;
    case ACT_RESULT_DONE: /* issue 9 B: without a printed slip, 完成 asks once */
        if (!flow_ask_print(app))
            ui_flow_reset(app);
        break;
    case ACT_IDLE_END:
        ui_flow_reset(app);
        break;
    default:
        break;
    }
}

/* The staff's: the corner held, the PIN pad, the staff screen. */
static void flow_staff(kiosk_app *app, ui_action action, int arg)
{
    switch (action) {
    case ACT_STAFF_CORNER: /* over whatever was shown; 取消 goes back to it */
        app->staff.return_to = app->flow.screen;
        app->idle.shown = false;
        flow_go(app, SCR_PIN);
        pc_log_info("kiosk: staff PIN pad opened");
        break;
    case ACT_PIN_DIGIT:
        ui_staff_pin_digit(app, arg);
        break;
    case ACT_PIN_DEL:
        ui_staff_pin_delete(app);
        break;
    case ACT_PIN_OK:
        if (!ui_staff_pin_check(app))
            break;
        pc_log_info("kiosk: staff screen opened");
        flow_go(app, SCR_STAFF);
        break;
    case ACT_PIN_CANCEL:
        ui_staff_pin_clear(app);
        flow_go(app, app->staff.return_to);
        break;
    case ACT_STAFF_BACK:
        ui_flow_reset(app);
        break;
    case ACT_STAFF_EXIT:
        pc_log_info("kiosk: exit by staff");
        app->flow.quit = true;
        break;
    default:
        break;
    }
}

/* The assist strip: 读给我听, 请工作人员帮助 (and closing it), 回首页 (asked first). */
static void flow_assist(kiosk_app *app, ui_action action)
{
    switch (action) {
    case ACT_VOICE:
        ui_voice_read(app);
        break;
    case ACT_HELP:
    case ACT_HELP_CLOSE:
        app->flow.help_open = action == ACT_HELP;
        if (action == ACT_HELP)
            ui_help_call_send(app); /* the hall's staff desk, when there is one */
        break;
    case ACT_HOME:
    case ACT_HOME_NO:
        app->flow.home_ask = action == ACT_HOME;
        break;
    case ACT_HOME_YES:
        pc_log_info("kiosk: 回首页: session ended by the applicant");
        ui_flow_reset(app);
        break;
    default:
        break;
    }
}

/* The only place the screen shown changes: it opens at the top, with nothing over it. */
static void flow_go(kiosk_app *app, ui_screen screen)
{
    app->flow.screen = screen;
    app->flow.source_open = false;
    app->flow.help_open = false;
    app->flow.home_ask = false;
    app->gfx.scroll = 0;
    app->gfx.dirty = true;
    if (flow_screens[screen].enter)
        flow_screens[screen].enter(app);
}

/* Goes where the session says the applicant goes next. */
static void flow_follow(kiosk_app *app, pc_session_step step)
{
    switch (step) {
    case PC_SESSION_STAY:
        break;
    case PC_SESSION_QUESTION:
        flow_go(app, SCR_QUESTION);
        break;
    case PC_SESSION_REVIEW:
        flow_go(app, SCR_REVIEW);
        break;
    case PC_SESSION_POLICY:
        flow_go(app, SCR_POLICY);
        break;
    case PC_SESSION_RESULT:
        flow_result(app);
        break;
    }
}

/* 返回: the screen before; on a question, the question before it (the session's). Back
 * to the welcome screen the session ends and is wiped, as the idle reset does. */
static void flow_back(kiosk_app *app)
{
    switch (app->flow.screen) {
    case SCR_NOTICE:
    case SCR_POLICY:
        ui_flow_reset(app);
        break;
    case SCR_QUESTION:
        flow_follow(app, pc_session_back(&app->session));
        break;
    case SCR_REVIEW:
        flow_go(app, app->session.question >= 0 ? SCR_QUESTION : SCR_POLICY);
        break;
    default:
        break;
    }
}

static void flow_choose(kiosk_app *app, int offered)
{
    if (offered < 0 || (size_t)offered >= app->setup.n_offered)
        return;
    flow_follow(app, pc_session_choose(&app->session, app->setup.offered[offered]));
}

/* The result: evaluated, logged, its submission stored and receipt made, then shown. */
static void flow_result(kiosk_app *app)
{
    const pc_pack *pack = app->session.pack;
    if (!pack)
        return;
    pc_session_finish(&app->session, app->setup.cal, app->setup.today, app->setup.clock_bad);
    pc_log_info("kiosk: result %s for %s %s", pc_outcome_name(app->session.result.outcome),
                pack->id, pack->version);
    ui_receipt_issue(app);
    flow_go(app, SCR_RESULT);
}

/* The question screen's touches on the answer being entered (session/entry.h). */
static void flow_entry(kiosk_app *app, ui_action action, int arg)
{
    pc_entry *e = &app->session.entry;
    const pc_question *q = pc_session_question(&app->session);
    pc_day today = app->setup.today;
    pc_answer a;
    switch (action) {
    case ACT_ANSWER:
        flow_answered(app, pc_entry_option(e, q, arg, &a), &a);
        break;
    case ACT_MULTI_TOGGLE:
        pc_entry_multi_toggle(e, q, arg);
        break;
    case ACT_MULTI_NONE:
        pc_entry_multi_none(e);
        break;
    case ACT_MULTI_NEXT:
        flow_answered(app, pc_entry_multi_next(e, q, &a), &a);
        break;
    case ACT_KEY:
        pc_entry_key(e, q, arg);
        break;
    case ACT_NUMBER_OK:
        flow_answered(app, pc_entry_number_ok(e, q, &a), &a);
        break;
    case ACT_DATE_STEP:
        pc_entry_date_step(e, (pc_date_step)arg, today);
        break;
    case ACT_DATE_TODAY:
        pc_entry_date_today(e, today);
        break;
    case ACT_DATE_CONFIRM:
        flow_answered(app, pc_entry_date_confirm(e, q, &a), &a);
        break;
    case ACT_DATE_NOT_YET:
        flow_answered(app, pc_entry_state(e, q, PC_ANS_NOT_YET, &a), &a);
        break;
    case ACT_DATE_UNSURE:
        flow_answered(app, pc_entry_state(e, q, PC_ANS_UNSURE, &a), &a);
        break;
    default:
        break;
    }
}

/* An answer entered on the question screen counts once it is complete. */
static void flow_answered(kiosk_app *app, bool ready, const pc_answer *a)
{
    if (ready)
        flow_follow(app, pc_session_answer(&app->session, *a));
}

/* ---- issue 9 B: 完成 with a slip not yet printed asks once whether to print it (the
 * question is drawn over the result: scr_result_ask_print_draw); true when it asked. */
static bool flow_ask_print(kiosk_app *app)
{
    ui_receipt *rc = &app->receipt;
    if (rc->state != UI_RECEIPT_ISSUED || rc->print != UI_PRINT_NOT_TRIED || rc->print_asked ||
        !app->setup.cfg.printer_device[0])
        return false;
    rc->print_asked = true;
    app->gfx.dirty = true;
    return true;
}
