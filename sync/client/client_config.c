/* client_config.c — reads kiosk-sync's YAML configuration (see client_config.h). */
#include "client_config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "data_dir.h"
#include "yaml_safe.h"

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
    INT(requests_in_flight, 1, PC_CLIENT_IN_FLIGHT_MAX),
    INT(timeout_seconds, 1, 3600),
    INT(connect_timeout_seconds, 1, 600),
    INT(budget_seconds, 1, 86400),
    INT(max_attempts, 1, 100),
    INT(backoff_initial_ms, 1, 600000),
    INT(backoff_max_ms, 1, 3600000),
    INT(retention_days, 1, 3650),
    INT(delete_after_days, 1, 36500),
};

static bool set_field(pc_client_config *cfg, const field *f, const yaml_node_t *v, char *why,
                      size_t size);
static bool set_key(void *ctx, pc_yaml_pair *pair, char *why, size_t whysize);
static bool check_together(const pc_client_config *cfg, const char *path, char *err,
                           size_t errsize);

void pc_client_config_defaults(pc_client_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->database, sizeof cfg->database, PC_CLIENT_STATE_DIR "/submissions.db");
    snprintf(cfg->kiosk_key, sizeof cfg->kiosk_key, PC_CLIENT_CONFIG_DIR "/kiosk.key");
    snprintf(cfg->department_keys, sizeof cfg->department_keys,
             PC_CLIENT_CONFIG_DIR "/department.keyring");
    snprintf(cfg->rules_dir, sizeof cfg->rules_dir, PC_STATE_RULES_DIR); /* the kiosk's too */
    cfg->batch_size = 500;
    cfg->requests_in_flight = 2;
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
    return pc_yaml_config_file(path, set_key, cfg, err, errsize) &&
           check_together(cfg, path, err, errsize);
}

/* One key of the flat mapping (pc_yaml_each_pair): known, and its value good. */
static bool set_key(void *ctx, pc_yaml_pair *pair, char *why, size_t whysize)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(fields[i].name, pair->key) == 0)
            return set_field(ctx, &fields[i], pair->value, why, whysize);
    return false; /* why: "unknown key" */
}

static bool check_together(const pc_client_config *cfg, const char *path, char *err, size_t errsize)
{
    if (cfg->backoff_max_ms < cfg->backoff_initial_ms) {
        snprintf(err, errsize, "%s: backoff_max_ms: must not be below backoff_initial_ms", path);
        return false;
    }
    if (cfg->delete_after_days < cfg->retention_days) {
        snprintf(err, errsize, "%s: delete_after_days: must not be shorter than retention_days",
                 path);
        return false;
    }
    return true;
}

static bool set_field(pc_client_config *cfg, const field *f, const yaml_node_t *v, char *why,
                      size_t size)
{
    char *base = (char *)cfg + f->offset;
    const char *s = v && v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value : NULL;
    if (f->is_int) {
        char *end = NULL;
        long n = s ? strtol(s, &end, 10) : 0;
        if (!s || !*s || *end || n < f->min || n > f->max) {
            snprintf(why, size, "must be a whole number from %d to %d", f->min, f->max);
            return false;
        }
        *(int *)(void *)base = (int)n;
        return true;
    }
    if (!s || strlen(s) >= PC_CLIENT_PATH_MAX) {
        snprintf(why, size, "must be a text shorter than %d bytes", PC_CLIENT_PATH_MAX);
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
