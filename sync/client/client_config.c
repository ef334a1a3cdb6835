/* client_config.c — reads kiosk-sync's JSON configuration (see client_config.h). */
#include "client_config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

typedef struct field {
    const char *name;
    size_t offset;
    bool is_int;
    int min, max; /* for integers */
} field;

#define STR(n)                                                                                     \
    {                                                                                              \
#n, offsetof(pc_client_config, n), false, 0, 0                                             \
    }
#define INT(n, lo, hi)                                                                             \
    {                                                                                              \
#n, offsetof(pc_client_config, n), true, lo, hi                                            \
    }

static const field fields[] = {
    STR(database),
    STR(kiosk_key),
    STR(department_keys),
    STR(url),
    STR(ca_file),
    STR(client_cert),
    STR(client_key),
    STR(rules_dir),
    INT(batch_size, 1, 1000),
    INT(timeout_seconds, 1, 3600),
    INT(connect_timeout_seconds, 1, 600),
    INT(budget_seconds, 1, 86400),
    INT(max_attempts, 1, 100),
    INT(backoff_initial_ms, 1, 600000),
    INT(backoff_max_ms, 1, 3600000),
    INT(retention_days, 1, 3650),
    INT(delete_after_days, 1, 36500),
};

static bool set_field(pc_client_config *cfg, const field *f, json_t *v, char *why, size_t size);

void pc_client_config_defaults(pc_client_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->database, sizeof cfg->database, "/var/lib/kiosk/submissions.db");
    snprintf(cfg->kiosk_key, sizeof cfg->kiosk_key, "/etc/kiosk/kiosk.key");
    snprintf(cfg->department_keys, sizeof cfg->department_keys, "/etc/kiosk/department.keyring");
    snprintf(cfg->rules_dir, sizeof cfg->rules_dir, "/var/lib/kiosk/rules");
    cfg->batch_size = 500;
    cfg->timeout_seconds = 30;
    cfg->connect_timeout_seconds = 10;
    cfg->budget_seconds = 1800;
    cfg->max_attempts = 6;
    cfg->backoff_initial_ms = 500;
    cfg->backoff_max_ms = 60000;
    cfg->retention_days = 30; /* as the kiosk's own defaults (app/core/config.c) */
    cfg->delete_after_days = 365;
}

bool pc_client_config_load(pc_client_config *cfg, const char *path, char *err, size_t errsize)
{
    pc_client_config_defaults(cfg);
    json_error_t je;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!json_is_object(root)) {
        snprintf(err, errsize, "%s:%d: %s", path, je.line,
                 root ? "the file must hold one JSON object" : je.text);
        json_decref(root);
        return false;
    }
    const char *key;
    json_t *v;
    bool ok = true;
    json_object_foreach(root, key, v)
    {
        const field *f = NULL;
        for (size_t i = 0; i < sizeof fields / sizeof fields[0] && !f; i++)
            if (strcmp(fields[i].name, key) == 0)
                f = &fields[i];
        char why[160] = "unknown key";
        if (!f || !set_field(cfg, f, v, why, sizeof why)) {
            snprintf(err, errsize, "%s: %s: %s", path, key, why);
            ok = false;
            break;
        }
    }
    json_decref(root);
    if (ok && cfg->backoff_max_ms < cfg->backoff_initial_ms) {
        snprintf(err, errsize, "%s: backoff_max_ms: must not be below backoff_initial_ms", path);
        ok = false;
    }
    if (ok && cfg->delete_after_days < cfg->retention_days) {
        snprintf(err, errsize, "%s: delete_after_days: must not be shorter than retention_days",
                 path);
        ok = false;
    }
    return ok;
}

static bool set_field(pc_client_config *cfg, const field *f, json_t *v, char *why, size_t size)
{
    char *base = (char *)cfg + f->offset;
    if (f->is_int) {
        json_int_t n = json_integer_value(v);
        if (!json_is_integer(v) || n < f->min || n > f->max) {
            snprintf(why, size, "must be an integer from %d to %d", f->min, f->max);
            return false;
        }
        *(int *)(void *)base = (int)n;
        return true;
    }
    const char *s = json_string_value(v);
    if (!s || strlen(s) >= PC_CLIENT_PATH_MAX) {
        snprintf(why, size, "must be a string shorter than %d bytes", PC_CLIENT_PATH_MAX);
        return false;
    }
    memcpy(base, s, strlen(s) + 1);
    return true;
}

bool pc_client_config_check_run(const pc_client_config *cfg, char *err, size_t errsize)
{
    if (strncmp(cfg->url, "https://", 8) != 0 && strncmp(cfg->url, "http://", 7) != 0) {
        snprintf(err, errsize, "url: must start with https:// (or http:// on a test network)");
        return false;
    }
    if (!cfg->client_cert[0] != !cfg->client_key[0]) {
        snprintf(err, errsize, "client_cert, client_key: give both or neither");
        return false;
    }
    return true;
}
