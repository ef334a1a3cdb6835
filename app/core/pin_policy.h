/* pin_policy.h — which staff PINs are too easy to guess.
 *
 * A staff PIN opens the kiosk's exit and settings (and, later, the staff desk): one
 * that anyone would try first (123456, the old printed default 246810, 000000, a run
 * of digits) is refused when it is made, with the reason in staff words, so that the
 * technician picks another. No SDL, no I/O: the kiosk's --hash-pin and the desk share it. */
#ifndef PC_PIN_POLICY_H
#define PC_PIN_POLICY_H

#define PC_PIN_MIN_DIGITS 6
#define PC_PIN_MAX_DIGITS 8

/* NULL when the PIN may be used, else why not (zh-CN, one sentence, static). */
const char *pc_pin_weakness(const char *pin);

#endif
