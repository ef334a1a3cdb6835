/* staff.c — the staff PIN pad's logic: the digits typed, and the check against the
 * configured libsodium hash (pc_config_check_pin). Five wrong PINs in a row lock the pad
 * for 30 s; after that every wrong PIN locks it again, twice as long each time (1 min,
 * 2 min … at most 15 min), until a right PIN. The digits never outlive the check. With
 * no staff_pin_hash configured there is no PIN to check and no pad (scr_pin.c says so).
 * The pad is drawn by screens/scr_pin.c; flow.c opens the staff screen when the check
 * passes. */
#include "flow/flow.h"
#include "log.h"

#include <string.h>

#include <sodium.h>

#define STAFF_PIN_MIN 4
#define STAFF_PIN_TRIES 5
#define STAFF_PIN_LOCK_MS 30000u
#define STAFF_PIN_LOCK_MAX_MS (15u * 60000u)

/* ---- public functions ---- */

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
        st->wrong = true;
        return false;
    }
    bool ok = pc_config_check_pin(&app->setup.cfg, st->pin);
    sodium_memzero(st->pin, sizeof st->pin);
    if (ok) {
        st->fails = 0;
        st->locks = 0;
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
    return false;
}
