/* script.c — the kiosk driven by a script of touches, as a person would use it.
 *
 * Each command becomes real SDL events (finger or mouse) pushed into SDL's queue and
 * handled by the same code as on the kiosk; time is a virtual clock advanced by the
 * script, so idle resets and long presses are tested in milliseconds. Commands:
 *   tap ID | click ID | double ID     finger tap / mouse click / two taps 60 ms apart
 *   tapxy X Y | press X Y MS | drag DY
 *   key NAME | quit-request            (lockdown: must change nothing)
 *   wait MS | shot NAME | check NAME
 *   serve S                           real time, up to S seconds or until the kiosk
 *                                     quits: a test sends it signals meanwhile
 *   clock +S|-S                       the date and time jump (script_more.c)
 *   facts JSON                        facts file of the eval contract, for `auto`; its
 *                                     "answers" (by question id) are given as recorded
 *   auto                              answer every question shown (script_auto.c)
 *   expect screen NAME | outcome NAME | basis CITE | deadline DATE|none
 *          deadline-state STATE | capped true|false | tier NAME|null | exclusion CITE
 *          hint NAME | typed TEXT
 *          widget ID | no-widget ID | targets | cleared | running | quit | receipt
 *          answer QID VALUE | idle-overlay | large on|off | printed
 *          basis-if-asked CITE | exclusion-if-asked CITE | deadline-if-asked DATE|none
 *          deadline-state-if-asked STATE | capped-if-asked true|false  (pack cases:
 *          the kiosk may skip questions that cannot change the outcome)
 *          today DATE | receipt-prefix TEXT | printer-state STATE | offered N
 *          spoken TEXT | voice-not-silent  (script_more.c)
 *   log TEXT
 * A failed expectation prints "script:LINE: …" and makes the exit status 1. */
#include "script/script_private.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCRIPT_TAP_MS 80
#define SCRIPT_AFTER_MS 320
#define SCRIPT_STEP_MS 100

/* ---- static prototypes ---- */
static uint64_t script_clock(void *ctx);
static int script_run(script_ctx *c);
static void script_advance(script_ctx *c, uint64_t ms);
static bool script_serve(script_ctx *c, int seconds);
static void script_finger(kiosk_app *app, Uint32 type, int x, int y);
static void script_mouse(kiosk_app *app, Uint32 type, int x, int y);
static void script_tap_xy(script_ctx *c, int x, int y, bool mouse);
static void script_drag(script_ctx *c, int x, int y, int dy);
static bool script_command(script_ctx *c, char *cmd, char *rest);
static bool script_touch(script_ctx *c, const char *cmd, char *rest, bool *ok);
static bool script_expect(script_ctx *c, char *what, char *arg);
static bool script_expect_cleared(script_ctx *c);
static bool script_expect_targets(script_ctx *c);
static bool script_expect_result(script_ctx *c, char *what, char *arg);
static bool script_expect_answer(script_ctx *c, char *arg);
static bool script_expect_hint(script_ctx *c, const char *arg);
static bool script_was_asked(const kiosk_app *app, const pc_pack *pack, const char *cite);
static bool script_shot(script_ctx *c, const char *name, bool check);

/* ---- public functions ---- */

int ui_script_main(kiosk_app *app, const ui_opts *opts, const char *path, const char *shots_dir,
                   const char *ref_dir)
{
    script_ctx c = {.app = app, .shots = shots_dir, .refs = ref_dir, .file = path};
    ui_opts o = *opts;
    o.software = true;
    o.clock = (ui_clock){script_clock, &c};
    o.wall = (ui_wall_clock){script_wall, &c};
    int rc = ui_app_open(app, &o) ? script_run(&c) : 1;
    ui_app_close(app);
    return rc;
}

bool script_fail(script_ctx *c, const char *fmt, const char *a, const char *b)
{
    char msg[20000];
    snprintf(msg, sizeof msg, fmt, a, b);
    fprintf(stderr, "%s:%d: %s\n", c->file, c->line, msg);
    c->failures++;
    return false;
}

/* Taps a widget by id, first dragging it into view (and from under anything drawn over
 * the bottom of the view, such as "more below") as a person would scroll. */
bool script_tap_id(script_ctx *c, const char *id, bool mouse)
{
    kiosk_app *app = c->app;
    for (int tries = 0; tries < 40; tries++) {
        int i = ui_widget_find(&app->ui, id);
        if (i < 0)
            return script_fail(c, "no widget \"%s\" on the %s screen", id,
                               ui_flow_screen_name(app->flow.screen));
        SDL_Rect r = app->gfx.widgets[i].r, v = app->gfx.scroll_view;
        int cx = r.x + r.w / 2, cy = r.y + r.h / 2;
        bool in_view = cy >= v.y + 8 && cy < v.y + v.h - 8;
        if (!app->gfx.widgets[i].scrolls || (in_view && ui_widget_at(&app->ui, cx, cy) == i)) {
            script_tap_xy(c, cx, cy, mouse);
            script_advance(c, SCRIPT_AFTER_MS);
            return true;
        }
        int want = cy < v.y ? v.h / 2 : -v.h / 2;
        if (in_view)
            want = v.y + v.h / 2 - cy > -ui_px(&app->ui, 60) ? -ui_px(&app->ui, 60)
                                                             : v.y + v.h / 2 - cy;
        int before = app->gfx.scroll;
        script_drag(c, app->ui.w / 2, v.y + v.h / 2, want);
        if (app->gfx.scroll == before)
            return script_fail(c, "cannot scroll to \"%s\"%s", id, "");
    }
    return script_fail(c, "cannot reach \"%s\"%s", id, "");
}

/* ---- static functions ---- */

/* The virtual clock the kiosk runs on while scripted. */
static uint64_t script_clock(void *ctx)
{
    return ((const script_ctx *)ctx)->vclock_ms;
}

/* Carries out the script line by line, then reads on for `expect quit`. */
static int script_run(script_ctx *c)
{
    kiosk_app *app = c->app;
    FILE *f = fopen(c->file, "r");
    if (!f) {
        pc_log_err("kiosk: script %s: cannot open", c->file);
        return 2;
    }
    app->input.last_input_ms = ui_now(&app->ui);
    ui_loop_pump(app);
    char buf[8192];
    while (!app->flow.quit && fgets(buf, sizeof buf, f)) {
        c->line++;
        buf[strcspn(buf, "\r\n")] = '\0';
        char *p = buf + strspn(buf, " \t");
        if (*p == '#' || *p == '\0')
            continue;
        char *rest = p + strcspn(p, " \t");
        if (*rest)
            *rest++ = '\0';
        rest += strspn(rest, " \t");
        script_command(c, p, rest);
        ui_loop_pump(app);
    }
    while (app->flow.quit && fgets(buf, sizeof buf, f)) { /* `expect quit` after quitting */
        c->line++;
        if (strstr(buf, "expect quit"))
            continue;
        if (buf[strspn(buf, " \t")] != '#' && buf[strspn(buf, " \t\r\n")] != '\0')
            script_fail(c, "the program quit before: %s", buf, "");
    }
    fclose(f);
    free(c->facts);
    pc_log_warn("kiosk: script %s: %d failure(s), %llu frames", c->file, c->failures,
                (unsigned long long)app->gfx.frames);
    return c->failures ? 1 : 0;
}

/* The kiosk's events in real time (the virtual clock stands still) for up to `seconds`,
 * ending early when it quits: what arrives meanwhile (a signal) is handled as in the
 * event loop. "kiosk: serving" on stderr tells the test it may begin. */
static bool script_serve(script_ctx *c, int seconds)
{
    pc_log_info("kiosk: serving for up to %d s", seconds);
    uint64_t end = SDL_GetTicks64() + (uint64_t)seconds * 1000u;
    while (!c->app->flow.quit && SDL_GetTicks64() < end) {
        ui_loop_pump(c->app);
        SDL_Delay(10);
    }
    return true;
}

/* Moves the virtual clock on, a step at a time, handling what falls due on the way. */
static void script_advance(script_ctx *c, uint64_t ms)
{
    while (ms > 0) {
        uint64_t step = ms < SCRIPT_STEP_MS ? ms : SCRIPT_STEP_MS;
        c->vclock_ms += step;
        ms -= step;
        ui_loop_pump(c->app);
    }
}

/* (x, y) in drawing pixels → the screen's 0..1 (turned when the picture is turned). */
static void script_finger(kiosk_app *app, Uint32 type, int x, int y)
{
    SDL_Event ev = {0};
    if (app->video.turned) {
        int sx = (app->video.out_w - app->ui.h) / 2 + (app->ui.h - 1 - y),
            sy = (app->video.out_h - app->ui.w) / 2 + x;
        x = sx;
        y = sy;
    }
    ev.type = type;
    ev.tfinger.touchId = 1;
    ev.tfinger.fingerId = 7;
    ev.tfinger.x = ((float)x + 0.5f) / (float)app->video.out_w;
    ev.tfinger.y = ((float)y + 0.5f) / (float)app->video.out_h;
    ev.tfinger.pressure = 1.0f;
    SDL_PushEvent(&ev);
}

static void script_mouse(kiosk_app *app, Uint32 type, int x, int y)
{
    SDL_Event ev = {0};
    ev.type = type;
    if (type == SDL_MOUSEMOTION) {
        ev.motion.x = x;
        ev.motion.y = y;
        ev.motion.state = SDL_BUTTON_LMASK;
    } else {
        ev.button.button = SDL_BUTTON_LEFT;
        ev.button.x = x;
        ev.button.y = y;
        ev.button.clicks = 1;
    }
    (void)app;
    SDL_PushEvent(&ev);
}

static void script_tap_xy(script_ctx *c, int x, int y, bool mouse)
{
    kiosk_app *app = c->app;
    if (mouse)
        script_mouse(app, SDL_MOUSEBUTTONDOWN, x, y);
    else
        script_finger(app, SDL_FINGERDOWN, x, y);
    ui_loop_pump(app);
    script_advance(c, SCRIPT_TAP_MS);
    if (mouse)
        script_mouse(app, SDL_MOUSEBUTTONUP, x, y);
    else
        script_finger(app, SDL_FINGERUP, x, y);
    ui_loop_pump(app);
}

static void script_drag(script_ctx *c, int x, int y, int dy)
{
    kiosk_app *app = c->app;
    script_finger(app, SDL_FINGERDOWN, x, y);
    ui_loop_pump(app);
    for (int i = 1; i <= 8; i++) {
        script_advance(c, 16);
        script_finger(app, SDL_FINGERMOTION, x, y + dy * i / 8);
        ui_loop_pump(app);
    }
    script_finger(app, SDL_FINGERUP, x, y + dy);
    ui_loop_pump(app);
    script_advance(c, SCRIPT_AFTER_MS);
}

static bool script_command(script_ctx *c, char *cmd, char *rest)
{
    int ms;
    bool ok;
    if (script_touch(c, cmd, rest, &ok))
        return ok;
    if (strcmp(cmd, "key") == 0) {
        SDL_Event ev = {0};
        ev.type = SDL_KEYDOWN;
        ev.key.keysym.sym = SDL_GetKeyFromName(rest);
        ev.key.keysym.mod = strchr(rest, '+') ? KMOD_ALT : KMOD_NONE;
        SDL_PushEvent(&ev);
        ev.type = SDL_KEYUP;
        SDL_PushEvent(&ev);
        return true;
    }
    if (strcmp(cmd, "quit-request") == 0) { /* the window's close button, Alt+F4 */
        SDL_Event ev = {.type = SDL_WINDOWEVENT};
        ev.window.event = SDL_WINDOWEVENT_CLOSE;
        ev.window.windowID = SDL_GetWindowID(c->app->video.window);
        SDL_PushEvent(&ev);
        return true;
    }
    if (strcmp(cmd, "wait") == 0 && sscanf(rest, "%d", &ms) == 1) {
        script_advance(c, (uint64_t)ms);
        return true;
    }
    if (strcmp(cmd, "serve") == 0 && sscanf(rest, "%d", &ms) == 1)
        return script_serve(c, ms);
    if (strcmp(cmd, "clock") == 0)
        return script_clock_jump(c, rest);
    if (strcmp(cmd, "shot") == 0)
        return script_shot(c, rest, false);
    if (strcmp(cmd, "check") == 0)
        return script_shot(c, rest, true);
    if (strcmp(cmd, "facts") == 0) {
        free(c->facts);
        c->facts = strdup(rest);
        return c->facts != NULL;
    }
    if (strcmp(cmd, "auto") == 0)
        return script_auto(c);
    if (strcmp(cmd, "log") == 0) {
        pc_log_info("script: %s", rest);
        return true;
    }
    if (strcmp(cmd, "expect") == 0) {
        char *arg = rest + strcspn(rest, " \t");
        if (*arg)
            *arg++ = '\0';
        return script_expect(c, rest, arg);
    }
    return script_fail(c, "unknown command: %s %s", cmd, rest);
}

/* The touch commands (tap, click, double, tapxy, press, drag): true when cmd is one of
 * them, with *ok saying whether it worked. */
static bool script_touch(script_ctx *c, const char *cmd, char *rest, bool *ok)
{
    kiosk_app *app = c->app;
    int x, y, ms;
    *ok = true;
    if (strcmp(cmd, "tap") == 0 || strcmp(cmd, "click") == 0) {
        *ok = script_tap_id(c, rest, cmd[0] == 'c');
    } else if (strcmp(cmd, "double") == 0) {
        int i = ui_widget_find(&app->ui, rest);
        if (i < 0) {
            *ok = script_fail(c, "no widget \"%s\"%s", rest, "");
            return true;
        }
        SDL_Rect r = app->gfx.widgets[i].r;
        script_tap_xy(c, r.x + r.w / 2, r.y + r.h / 2, false);
        script_tap_xy(c, r.x + r.w / 2, r.y + r.h / 2, false); /* within the debounce time */
        script_advance(c, SCRIPT_AFTER_MS);
    } else if (strcmp(cmd, "tapxy") == 0 && sscanf(rest, "%d %d", &x, &y) == 2) {
        script_tap_xy(c, x, y, false);
        script_advance(c, SCRIPT_AFTER_MS);
    } else if (strcmp(cmd, "press") == 0 && sscanf(rest, "%d %d %d", &x, &y, &ms) == 3) {
        script_finger(app, SDL_FINGERDOWN, x, y);
        ui_loop_pump(app);
        script_advance(c, (uint64_t)ms);
        script_finger(app, SDL_FINGERUP, x, y);
        ui_loop_pump(app);
        script_advance(c, SCRIPT_AFTER_MS);
    } else if (strcmp(cmd, "drag") == 0 && sscanf(rest, "%d", &y) == 1) {
        script_drag(c, app->ui.w / 2, app->ui.h / 2, y);
    } else {
        return false;
    }
    return true;
}

static bool script_expect(script_ctx *c, char *what, char *arg)
{
    kiosk_app *app = c->app;
    const pc_pack *pack = app->session.pack;
    bool ok;
    if (script_expect_more(c, what, arg, &ok))
        return ok;
    if (strcmp(what, "screen") == 0)
        return strcmp(ui_flow_screen_name(app->flow.screen), arg) == 0 ||
               script_fail(c, "expected screen %s, got %s", arg,
                           ui_flow_screen_name(app->flow.screen));
    if (strcmp(what, "widget") == 0)
        return ui_widget_find(&app->ui, arg) >= 0 ||
               script_fail(c, "expected widget %s%s", arg, "");
    if (strcmp(what, "no-widget") == 0)
        return ui_widget_find(&app->ui, arg) < 0 ||
               script_fail(c, "unexpected widget %s%s", arg, "");
    if (strcmp(what, "running") == 0)
        return !app->flow.quit || script_fail(c, "the program quit%s%s", "", "");
    if (strcmp(what, "quit") == 0)
        return app->flow.quit || script_fail(c, "the program is still running%s%s", "", "");
    if (strcmp(what, "idle-overlay") == 0)
        return app->idle.shown || script_fail(c, "no idle countdown%s%s", "", "");
    if (strcmp(what, "large") == 0)
        return app->ui.large == (strcmp(arg, "on") == 0) ||
               script_fail(c, "large-text mode is not %s%s", arg, "");
    if (strcmp(what, "cleared") == 0)
        return script_expect_cleared(c);
    if (strcmp(what, "targets") == 0)
        return script_expect_targets(c);
    if (strcmp(what, "answer") == 0)
        return script_expect_answer(c, arg);
    if (strcmp(what, "printed") == 0)
        return app->receipt.print == UI_PRINT_SENT ||
               script_fail(c, "the receipt was not printed%s%s", "", "");
    if (strcmp(what, "print-failed") == 0)
        return (app->receipt.print == UI_PRINT_FAILED && app->receipt.print_fail_key &&
                strcmp(app->receipt.print_fail_key, arg) == 0) ||
               script_fail(c, "expected the print to fail with %s%s", arg, "");
    if (strcmp(what, "receipt") == 0)
        return app->receipt.state == UI_RECEIPT_ISSUED ||
               script_fail(c, "no receipt issued%s%s", "", "");
    if (strcmp(what, "hint") == 0)
        return script_expect_hint(c, arg);
    if (strcmp(what, "typed") == 0)
        return strcmp(app->session.entry.number_text, arg) == 0 ||
               script_fail(c, "expected %s typed, got %s", arg, app->session.entry.number_text);
    if (!pack || !app->session.has_result)
        return script_fail(c, "no result for expect %s%s", what, "");
    return script_expect_result(c, what, arg);
}

/* Nothing of the applicant is left: the session and the receipt are all zero (but "no
 * question"), and the text cache holds little more than the welcome screen's words. */
static bool script_expect_cleared(script_ctx *c)
{
    static const pc_session no_session;
    static const ui_receipt no_receipt;
    const kiosk_app *app = c->app;
    pc_session probe = app->session;
    probe.question = 0; /* cleared: -1 */
    bool clear = memcmp(&probe, &no_session, sizeof probe) == 0 && app->session.question == -1 &&
                 memcmp(&app->receipt, &no_receipt, sizeof no_receipt) == 0 &&
                 app->gfx.text.n_used < 40;
    return clear || script_fail(c, "the session is not cleared%s%s", "", "");
}

/* Every touch target of the frame is at least the minimum size. */
static bool script_expect_targets(script_ctx *c)
{
    const kiosk_app *app = c->app;
    int min = ui_min_target(&app->ui);
    for (size_t i = 0; i < app->gfx.n_widgets; i++)
        if (app->gfx.widgets[i].r.w < min || app->gfx.widgets[i].r.h < min)
            return script_fail(c, "touch target %s smaller than the minimum%s",
                               app->gfx.widgets[i].id, "");
    return true;
}

/* The result: outcome, basis, deadline and its state, tier, exclusions; "-if-asked":
 * only when the kiosk asked a question that bears on it. */
static bool script_expect_result(script_ctx *c, char *what, char *arg)
{
    kiosk_app *app = c->app;
    const pc_pack *pack = app->session.pack;
    const pc_result *r = &app->session.result;
    char *if_asked = strstr(what, "-if-asked");
    if (if_asked) {
        bool cited = strncmp(what, "basis", 5) == 0 || strncmp(what, "exclusion", 9) == 0;
        if (!script_was_asked(app, pack, cited ? arg : NULL))
            return true;
        *if_asked = '\0';
    }
    if (strcmp(what, "outcome") == 0)
        return strcmp(pc_outcome_name(r->outcome), arg) == 0 ||
               script_fail(c, "expected outcome %s, got %s", arg, pc_outcome_name(r->outcome));
    if (strcmp(what, "basis") == 0 || strcmp(what, "exclusion") == 0) {
        bool basis = what[0] == 'b';
        for (size_t i = 0; i < (basis ? r->n_basis : r->n_exclusions); i++)
            if (strcmp(pack->clauses[basis ? r->basis[i] : r->exclusions[i]].cite, arg) == 0)
                return true;
        return script_fail(c, basis ? "basis lacks %s%s" : "exclusions lack %s%s", arg, "");
    }
    if (strcmp(what, "deadline") == 0) {
        char got[16] = "none";
        if (r->has_deadline)
            pc_day_format(r->deadline_day, got, sizeof got);
        return strcmp(got, arg) == 0 || script_fail(c, "expected deadline %s, got %s", arg, got);
    }
    if (strcmp(what, "deadline-state") == 0)
        return strcmp(pc_deadline_state_name(r->deadline_state), arg) == 0 ||
               script_fail(c, "expected deadline state %s, got %s", arg,
                           pc_deadline_state_name(r->deadline_state));
    if (strcmp(what, "capped") == 0) {
        const char *got = r->deadline_capped ? "true" : "false";
        return strcmp(got, arg) == 0 || script_fail(c, "expected capped %s, got %s", arg, got);
    }
    if (strcmp(what, "tier") == 0) {
        const char *got = r->tier >= 0 ? pack->logic.tiers[r->tier].name : "null";
        return strcmp(got, arg) == 0 || script_fail(c, "expected tier %s, got %s", arg, got);
    }
    return script_fail(c, "unknown expectation %s%s", what, "");
}

/* The note on the question screen: none, multi_pick, number_empty, number_range, … */
static bool script_expect_hint(script_ctx *c, const char *arg)
{
    static const char *const names[] = {"none",        "multi_pick", "number_empty", "number_range",
                                        "number_full", "date_pick",  "date_future"};
    pc_entry_hint h = c->app->session.entry.hint;
    const char *got = (size_t)h < sizeof names / sizeof *names ? names[h] : "?";
    return strcmp(got, arg) == 0 || script_fail(c, "expected hint %s, got %s", arg, got);
}

/* Was a question on this citation (or, cite NULL, on a date the deadline counts from)
 * answered? The kiosk skips questions that cannot change the outcome, so a pack case
 * may name facts the kiosk never needed to ask about. */
static bool script_was_asked(const kiosk_app *app, const pc_pack *pack, const char *cite)
{
    int cl = cite ? pc_pack_find_clause(pack, cite) : -1;
    for (size_t q = 0; q < pack->n_questions; q++) {
        const pc_question *qu = &pack->questions[q];
        if (!pc_answer_given(&app->session.answers, q))
            continue;
        for (size_t i = 0;
             !cite && qu->kind == PC_Q_DATE && pack->deadline && i < pack->deadline->n_from; i++)
            if (pack->deadline->from[i] == qu->value)
                return true;
        for (size_t i = 0; cite && i < qu->n_cites; i++) {
            const pc_clause *c = &pack->clauses[qu->cites[i]];
            if (qu->cites[i] == cl)
                return true;
            for (size_t g = 0; g < c->n_group; g++)
                if (c->group[g] == cl)
                    return true;
        }
    }
    return false;
}

/* "QID VALUE": VALUE as script_answer_text writes it (none when unanswered). */
static bool script_expect_answer(script_ctx *c, char *arg)
{
    const pc_pack *pack = c->app->session.pack;
    char *val = arg + strcspn(arg, " \t");
    if (*val)
        *val++ = '\0';
    int q = pack ? pc_pack_find_question(pack, arg) : -1;
    if (q < 0)
        return script_fail(c, "no question %s%s", arg, "");
    char got[256];
    script_answer_text(pack, &c->app->session.answers, (size_t)q, got, sizeof got);
    return strcmp(got, val) == 0 || script_fail(c, "expected answer %s, got %s", val, got);
}

static bool script_shot(script_ctx *c, const char *name, bool check)
{
    char path[1024], ref[1024], err[1024], msg[256];
    if (!check) {
        if (!c->shots)
            return true;
        snprintf(path, sizeof path, "%s/%s.png", c->shots, name);
        return ui_shot_save(c->app, path) || script_fail(c, "cannot save %s%s", path, "");
    }
    if (!c->refs)
        return true;
    snprintf(ref, sizeof ref, "%s/%s.png", c->refs, name);
    snprintf(err, sizeof err, "%s/%s_err.png", c->shots ? c->shots : c->refs, name);
    bool ok = ui_shot_check(c->app, ref, err, msg, sizeof msg);
    pc_log_info("script: check %s: %s", name, msg);
    return ok || script_fail(c, "screenshot %s differs: %s", name, msg);
}
