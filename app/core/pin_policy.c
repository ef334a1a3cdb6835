/* pin_policy.c — the rules a staff PIN must pass (pin_policy.h): 6 to 8 digits, not
 * one of the PINs everyone tries, not one digit repeated, not a run up or down. */
#include "pin_policy.h"

#include <stdbool.h>
#include <string.h>

/* PINs tried first: the old default printed in the docs, and well-known ones that the
 * digit rules below do not already catch. */
static const char *const pin_known[] = {"246810", "135790", "112233", "121212",
                                        "123123", "111222", "520520", "5201314"};

/* ---- static prototypes ---- */
static bool pin_all_same(const char *pin, size_t n);
static bool pin_is_run(const char *pin, size_t n, int step);

/* ---- public functions ---- */

const char *pc_pin_weakness(const char *pin)
{
    size_t n = strlen(pin);
    if (n == 0 || strspn(pin, "0123456789") != n)
        return "PIN 只能由数字组成";
    if (n < PC_PIN_MIN_DIGITS)
        return "PIN 少于 6 位数字";
    if (n > PC_PIN_MAX_DIGITS)
        return "PIN 多于 8 位数字";
    if (pin_all_same(pin, n))
        return "PIN 的各位数字都相同，容易被猜到";
    if (pin_is_run(pin, n, 1) || pin_is_run(pin, n, -1))
        return "PIN 是连续的数字（如 123456、987654），容易被猜到";
    for (size_t i = 0; i < sizeof pin_known / sizeof pin_known[0]; i++)
        if (strcmp(pin, pin_known[i]) == 0)
            return "PIN 是常见或曾经公开的 PIN，容易被猜到";
    return NULL;
}

/* ---- static functions ---- */

static bool pin_all_same(const char *pin, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (pin[i] != pin[0])
            return false;
    return true;
}

/* Each digit is the one before plus step (012345 with 1, 987654 with -1), counting round
 * from 9 to 0 (890123) as a keypad's user would. */
static bool pin_is_run(const char *pin, size_t n, int step)
{
    for (size_t i = 1; i < n; i++)
        if ((pin[i] - pin[i - 1] + 10) % 10 != (step + 10) % 10)
            return false;
    return true;
}
