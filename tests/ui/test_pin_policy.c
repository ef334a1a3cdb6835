/* test_pin_policy.c — the staff PIN rules (app/core/pin_policy.c): every kind of PIN
 * anyone would try first is refused with its own reason; ordinary PINs pass. */
#undef NDEBUG
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "pin_policy.h"

static void expect_refused(const char *pin, const char *needle)
{
    const char *why = pc_pin_weakness(pin);
    if (!why || !strstr(why, needle)) {
        fprintf(stderr, "PIN \"%s\": expected a reason with \"%s\", got \"%s\"\n", pin, needle,
                why ? why : "(accepted)");
        assert(0);
    }
}

int main(void)
{
    expect_refused("", "数字");
    expect_refused("12a456", "只能由数字");
    expect_refused("1357 9", "只能由数字");
    expect_refused("4831", "少于 6 位");
    expect_refused("48317", "少于 6 位");
    expect_refused("483172950", "多于 8 位");
    expect_refused("000000", "都相同");
    expect_refused("77777777", "都相同");
    expect_refused("123456", "连续");
    expect_refused("012345", "连续");
    expect_refused("98765432", "连续");
    expect_refused("987654", "连续");
    expect_refused("246810", "曾经公开");
    assert(pc_pin_weakness("483172") == NULL);
    assert(pc_pin_weakness("90817263") == NULL);
    assert(pc_pin_weakness("123457") == NULL); /* a run broken at the end is a PIN */
    expect_refused("890123", "连续");          /* round from 9 to 0 */
    expect_refused("210987", "连续");
    puts("test_pin_policy: ok");
    return 0;
}
