/* staff.c — the staff PIN pad's logic: the digits typed, and the check against the
 * configured libsodium hash (pc_config_check_pin). Five wrong PINs in a row lock the pad
 * for 30 s; after that every wrong PIN locks it again, twice as long each time (1 min,
 * 2 min … at most 15 min), until a right PIN. The digits never outlive the check. With
 * no staff_pin_hash configured there is no PIN to check and no pad (scr_pin.c says so).
 * The pad is drawn by screens/scr_pin.c; flow.c opens the staff screen when the check
 * passes. The count of wrong PINs and the lockout's end (wall-clock seconds) are kept
 * in the store (state "staff_pin"), so that pulling the plug does not reset them. */
#include "flow/flow.h"
#include "log.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#define STAFF_PIN_MIN 4
#define STAFF_PIN_TRIES 5
#define STAFF_PIN_LOCK_MS 30000u
#define STAFF_PIN_LOCK_MAX_MS (15u * 60000u)

#define STAFF_STATE_KEY "staff_pin"

/* ---- static prototypes ---- */
static void staff_save(kiosk_app *app);

/* ---- public functions ---- */

void ui_staff_restore(kiosk_app *app)
{
    ui_staff *st = &app->staff;
    char value[128];
    int fails, locks;
    int64_t end;
    uint64_t lock_ms;
    if (!app->queue.store || pc_store_get_state(app->queue.store, STAFF_STATE_KEY, value,
                                                sizeof value, NULL) != PC_STORE_OK)
        return;
    if (sscanf(value, "%d %d %" SCNd64 " %" SCNu64, &fails, &locks, &end, &lock_ms) != 4 ||
        fails < 0 || fails >= STAFF_PIN_TRIES || locks < 0 || locks > 64 ||
        lock_ms > STAFF_PIN_LOCK_MAX_MS) {
        pc_log_warn("kiosk: staff PIN state not understood (the pad starts unlocked; the next PIN "
                    "replaces it): %s",
                    value);
        return;
    }
    st->fails = fails;
    st->locks = locks;
    st->lock_ms = lock_ms;
    int64_t left = end - ui_wall(&app->ui); /* never longer than the lockout itself, even
                                               when the wall clock went back */
    if (left > 0) {
        uint64_t ms = (uint64_t)left * 1000u;
        st->locked_until = ui_now(&app->ui) + (ms < lock_ms ? ms : lock_ms);
        pc_log_warn("kiosk: staff PIN pad still locked for %" PRIu64 " s",
                    (st->locked_until - ui_now(&app->ui)) / 1000u);
    }
}

void ui_staff_pin_clear(kiosk_app *app)
{
    sodium_memzero(app->staff.pin, sizeof app->staff.pin);
    app->staff.wrong = false;
}

void ui_staff_pin_digit(kiosk_app *app, int digit)
{
    char *pin = app->staff.pin;
    size_t n = strlen(pin);
    if (n < UI_PIN_MAX) {
        pin[n] = (char)('0' + digit);
        pin[n + 1] = '\0';
    }
    app->staff.wrong = false;
}

void ui_staff_pin_delete(kiosk_app *app)
{
    size_t n = strlen(app->staff.pin);
    if (n)
        app->staff.pin[n - 1] = '\0';
}

bool ui_staff_pin_check(kiosk_app *app)
{
    ui_staff *st = &app->staff;
    uint64_t now = ui_now(&app->ui);
    if (now < st->locked_until || strlen(st->pin) < STAFF_PIN_MIN) {
        sodium_memzero(st->pin, sizeof st->pin); /* not checked, and not kept either */
        st->wrong = true;
        return false;
    }
    bool ok = pc_config_check_pin(&app->setup.cfg, st->pin);
    sodium_memzero(st->pin, sizeof st->pin);
    if (ok) {
        st->fails = 0;
        st->locks = 0;
        st->locked_until = 0;
        staff_save(app);
        return true;
    }
    st->wrong = true;
    pc_log_warn("kiosk: wrong staff PIN");
    if (++st->fails >= STAFF_PIN_TRIES || st->locks > 0) {
        uint64_t ms = STAFF_PIN_LOCK_MS;
        for (int i = 0; i < st->locks && ms < STAFF_PIN_LOCK_MAX_MS; i++)
            ms *= 2;
        st->lock_ms = ms < STAFF_PIN_LOCK_MAX_MS ? ms : STAFF_PIN_LOCK_MAX_MS;
        st->locked_until = now + st->lock_ms;
        st->locks++;
        st->fails = 0;
        pc_log_warn("kiosk: staff PIN pad locked for %llu s",
                    (unsigned long long)(st->lock_ms / 1000));
    }
    staff_save(app);
    return false;
}

/* ---- static functions ---- */

/* The count and the lockout's end on the wall clock ("fails locks end lock_ms"); a store
 * that cannot take it is logged and the pad works on from memory. */
static void staff_save(kiosk_app *app)
{
    const ui_staff *st = &app->staff;
    uint64_t now = ui_now(&app->ui);
    int64_t end = 0;
    if (now < st->locked_until)
        end = ui_wall(&app->ui) + (int64_t)((st->locked_until - now + 999u) / 1000u);
    char value[128];
    snprintf(value, sizeof value, "%d %d %" PRId64 " %" PRIu64, st->fails, st->locks, end,
             st->lock_ms);
    if (!app->queue.store ||
        pc_store_set_state(app->queue.store, STAFF_STATE_KEY, value) != PC_STORE_OK)
        pc_log_err("kiosk: staff PIN state not stored: a restart would forget the lockout");
}
