/* test_config_safe.c — the configuration's later keys and what it refuses that a person
 * could not see: the retention limits, where to get help, the voice volume, a kiosk id a
 * receipt cannot carry, a key written twice, aliases and a second document. (The first
 * keys are tested in tests/ui/test_config.c.) */
#include "../check.h"
#include "config.h"

static bool load(pc_config *c, const char *text, char *err, size_t n)
{
    return pc_config_load_text(c, "kiosk.yaml", text, strlen(text), err, n);
}

static void expect_error(const char *text, const char *needle)
{
    pc_config c;
    char err[512] = "";
    bool ok = load(&c, text, err, sizeof err);
    if (ok || !strstr(err, needle)) {
        fprintf(stderr, "config \"%s\": expected an error with \"%s\", got \"%s\"\n", text, needle, err);
        check_failures++;
    }
}

int main(void)
{
    pc_config c;
    char err[512];
    CHECK(load(&c, "", err, sizeof err));
    CHECK(c.retention_days == 30 && c.delete_after_days == 365 && c.voice_volume == 80);
    CHECK_STR(c.department, "主管部门");
    CHECK_STR(c.help_place, "服务大厅咨询窗口");
    CHECK(load(&c, "department: 某市科学技术局\nretention_days: 7\ndelete_after_days: 90\n"
                   "help_place: 3号窗口\nhelp_hours: 工作日 9:00—17:00\nhelp_phone: 0571-12345678\n"
                   "voice_volume: 0\n", err, sizeof err));
    CHECK(c.retention_days == 7 && c.delete_after_days == 90 && c.voice_volume == 0);
    CHECK_STR(c.department, "某市科学技术局");
    CHECK_STR(c.help_hours, "工作日 9:00—17:00");
    CHECK_STR(c.help_phone, "0571-12345678");
    expect_error("retention_days: 0\n", "retention_days: out of range");
    expect_error("retention_days: 60\ndelete_after_days: 30\n", "delete_after_days: must not be shorter");
    expect_error("voice_volume: 101\n", "voice_volume: out of range");
    expect_error("kiosk_id: hall-1-kiosk-000000000000000000000000001\n", "longer than a receipt can carry");
    expect_error("idle_seconds: 60\nidle_seconds: 90\n", "kiosk.yaml:2: idle_seconds: appears twice");
    expect_error("printer: &p /dev/usb/lp0\ndatabase: *p\n", "aliases are not allowed");
    expect_error("idle_seconds: 60\n---\nidle_seconds: 90\n", "more than one YAML document");
    return CHECK_DONE();
}
