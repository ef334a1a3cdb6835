/* staff.c — the staff PIN pad's logic: the digits typed, and the check against the
 * configured libsodium hash (pc_config_check_pin). Five wrong PINs in a row lock the pad
 * for a minute; the digits never outlive the check. The pad is drawn by
 * screens/scr_pin.c; flow.c opens the staff screen when the check passes. */
#include "flow/flow.h"

#include <string.h>

#include <sodium.h>

#define STAFF_PIN_MIN 4
#define STAFF_PIN_TRIES 5
#define STAFF_PIN_LOCK_MS 60000

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
        return true;
    }
    st->wrong = true;
    ui_log("kiosk: wrong staff PIN");
    if (++st->fails >= STAFF_PIN_TRIES) {
        st->locked_until = now + STAFF_PIN_LOCK_MS;
        st->fails = 0;
    }
    return false;
}
