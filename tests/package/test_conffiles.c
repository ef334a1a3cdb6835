/* test_conffiles.c — the kiosk's conffile as the package installs it
 * (cmake/packaging/etc/kiosk.yaml → /etc/precheck/kiosk.yaml) loads with the kiosk's
 * own loader: every key known and valid, the store in the state directory, the key in
 * /etc/precheck, and no staff PIN set by the package. The same text with one bad key
 * is refused, so that a passing load means something. */
#include <stdlib.h>

#include "../check.h"
#include "config.h"
#include "file_read.h"

int main(void)
{
    const char *path = PC_SOURCE_DIR "/cmake/packaging/etc/kiosk.yaml";
    char err[600];
    pc_config cfg, defaults;
    pc_config_defaults(&defaults);
    bool loaded = pc_config_load(&cfg, path, err, sizeof err);
    if (!loaded)
        fprintf(stderr, "%s\n", err);
    CHECK(loaded);
    CHECK_STR(cfg.db_path, "/var/lib/precheck/queue.sqlite");
    CHECK_STR(cfg.signing_key, "/etc/precheck/kiosk.key");
    CHECK_STR(cfg.staff_pin_hash, defaults.staff_pin_hash); /* the package sets no PIN */
    CHECK_STR(cfg.printer_device, "");

    size_t len = 0;
    char *text = pc_file_read(path, &len, err, sizeof err);
    CHECK(text != NULL);
    if (text) {
        char *bad = malloc(len + 64);
        CHECK(bad != NULL);
        if (bad) {
            int n = snprintf(bad, len + 64, "%sprinter_widht: 576\n", text);
            CHECK(!pc_config_load_text(&cfg, "kiosk.yaml", bad, (size_t)n, err, sizeof err));
            CHECK(strstr(err, "printer_widht") != NULL);
            free(bad);
        }
        free(text);
    }
    return CHECK_DONE();
}
