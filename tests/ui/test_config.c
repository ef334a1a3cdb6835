/* test_config.c — the kiosk configuration: defaults with no file, every setting read,
 * and each bad value refused with its line, key and reason — also what a person could not
 * see (a key written twice, aliases, a second document). */
#undef NDEBUG
#include <assert.h>
#include <stdio.h>
#include <string.h>

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
        fprintf(stderr, "config \"%s\": expected an error with \"%s\", got \"%s\"\n", text, needle,
                err);
        assert(0);
    }
}

int main(void)
{
    pc_config c;
    char err[512];
    assert(load(&c, "", err, sizeof err));
    assert(strcmp(c.kiosk_id, "kiosk-01") == 0 && c.idle_seconds == 90 && !c.allow_drafts &&
           c.staff_pin_hash[0] == '\0');
    assert(pc_config_policy_enabled(&c, "anything"));
    char hash[128], full[2048];
    assert(pc_config_hash_pin("483172", hash, sizeof hash));
    snprintf(full, sizeof full,
             "kiosk_id: hall-3\n"
             "policies: [yunnan-sti, sichuan-ftz]\n"
             "allow_drafts: true\n"
             "idle_seconds: 45\n"
             "countdown_seconds: 15\n"
             "orientation: landscape\n"
             "database: /var/lib/precheck/queue.sqlite\n"
             "printer: /dev/usb/lp0\n"
             "printer_width: 384\n"
             "language: zh-CN\n"
             "staff_pin_hash: \"%s\"\n",
             hash);
    assert(load(&c, full, err, sizeof err));
    assert(strcmp(c.kiosk_id, "hall-3") == 0 && c.n_policies == 2 && c.allow_drafts &&
           c.idle_seconds == 45);
    assert(c.countdown_seconds == 15 && c.orientation == PC_ORIENT_LANDSCAPE &&
           c.printer_width == 384);
    assert(strcmp(c.db_path, "/var/lib/precheck/queue.sqlite") == 0);
    assert(pc_config_check_pin(&c, "483172") && !pc_config_check_pin(&c, "483173"));
    assert(pc_config_policy_enabled(&c, "sichuan-ftz") &&
           !pc_config_policy_enabled(&c, "guangxi-sti"));
    expect_error("idle_seconds: 5\n",
                 "kiosk.yaml:1: idle_seconds: out of range 15..3600 (got \"5\")");
    expect_error("idle_seconds: soon\n", "idle_seconds: not a whole number");
    expect_error("\n\nallow_drafts: yes\n", "kiosk.yaml:3: allow_drafts: must be true or false");
    expect_error("orientation: sideways\n", "orientation: must be auto, portrait or landscape");
    expect_error("colour: blue\n", "colour: unknown setting");
    expect_error("kiosk_id: \"hall 3\"\n", "kiosk_id: use letters");
    expect_error("policies: [\"../etc\"]\n", "policies: not a pack id");
    /* an invalid hash stops the kiosk at start, naming the key: not a hash, a made-up
       one in the right shape, a real one cut short, an empty value */
    expect_error("staff_pin_hash: 1234\n", "kiosk.yaml:1: staff_pin_hash: not a PIN hash");
    expect_error("staff_pin_hash: \"$argon2id$v=19$m=65536,t=2,p=1$abc$def\"\n",
                 "staff_pin_hash: not a PIN hash (make one with: kiosk --hash-pin");
    char cut[256];
    snprintf(cut, sizeof cut, "staff_pin_hash: \"%.*s\"\n", (int)(strrchr(hash, '$') - hash + 1),
             hash); /* the salt kept, the hash itself gone */
    expect_error(cut, "staff_pin_hash: not a PIN hash");
    expect_error("staff_pin_hash: \"\"\n", "staff_pin_hash: not a PIN hash");
    expect_error("printer_width: 99999\n", "printer_width: out of range");
    expect_error("language: fr\n", "language: must be zh-CN");
    expect_error("language: en\n",
                 "the policies exist only in Chinese"); /* no half-translated screens */
    expect_error("- a\n- b\n", "must be a mapping");
    expect_error("idle_seconds: [1]\n", "idle_seconds: must be a single value");
    expect_error("kiosk_id: \"unclosed\n", "YAML");
    /* the later keys: retention, the department, where to get help, the voice, the hall key */
    assert(load(&c, "", err, sizeof err));
    assert(c.retention_days == 30 && c.delete_after_days == 365 && c.voice_volume == 80);
    assert(strcmp(c.department, "主管部门") == 0 && strcmp(c.help_place, "服务大厅咨询窗口") == 0);
    assert(load(&c,
                "department: 某市科学技术局\nretention_days: 7\ndelete_after_days: 90\n"
                "help_place: 3号窗口\nhelp_hours: 工作日 9:00—17:00\nhelp_phone: 0571-12345678\n"
                "voice_volume: 0\nhall_key: /etc/precheck/hall.pub\n",
                err, sizeof err));
    assert(c.retention_days == 7 && c.delete_after_days == 90 && c.voice_volume == 0);
    assert(strcmp(c.department, "某市科学技术局") == 0 &&
           strcmp(c.help_hours, "工作日 9:00—17:00") == 0);
    assert(strcmp(c.help_phone, "0571-12345678") == 0 &&
           strcmp(c.hall_key, "/etc/precheck/hall.pub") == 0);
    expect_error("retention_days: 0\n", "retention_days: out of range");
    expect_error("retention_days: 60\ndelete_after_days: 30\n",
                 "delete_after_days: must not be shorter");
    expect_error("voice_volume: 101\n", "voice_volume: out of range");
    /* what a person could not see: a kiosk id a receipt cannot carry, a key written twice,
       aliases, a second document */
    expect_error("kiosk_id: hall-1-kiosk-000000000000000000000000001\n",
                 "longer than a receipt can carry");
    expect_error("idle_seconds: 60\nidle_seconds: 90\n",
                 "kiosk.yaml:2: idle_seconds: appears twice");
    expect_error("printer: &p /dev/usb/lp0\ndatabase: *p\n", "aliases are not allowed");
    expect_error("idle_seconds: 60\n---\nidle_seconds: 90\n", "more than one YAML document");
    /* no default PIN: with no hash configured no PIN opens the staff screen */
    pc_config_defaults(&c);
    assert(!pc_config_check_pin(&c, "246810") && !pc_config_check_pin(&c, ""));
    assert(!pc_config_load(&c, "/nonexistent/kiosk.yaml", err, sizeof err) &&
           strstr(err, "cannot open"));
    puts("test_config: ok");
    return 0;
}
