/* recv_config.c — reads and checks the receiver's configuration (see recv_config.h).
 *
 * A table maps each key to its field and check, so a new setting is one line. */
#include "recv_config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "proto_wire.h"
#include "yaml_safe.h"

typedef enum { RC_TEXT, RC_LISTEN, RC_NUMBER, RC_BOOL } rc_type;

typedef struct rc_field {
    const char *key;
    rc_type type;
    size_t off;
    int min, max; /* numbers */
} rc_field;

#define RC(k, t, lo, hi)                                                                           \
    {                                                                                              \
#k, t, offsetof(pc_recv_config, k), lo, hi                                                 \
    }

/* The ranges are serve's flags' (receiver.c), but a limit of 0 (the built-in default)
 * is left out of the file: leave the key out instead. Port 0 takes any free port. */
static const rc_field rc_fields[] = {
    RC(db, RC_TEXT, 0, 0),
    RC(kiosks, RC_TEXT, 0, 0),
    RC(desks, RC_TEXT, 0, 0),
    RC(key, RC_TEXT, 0, 0),
    RC(listen, RC_LISTEN, 0, 0),
    RC(tls_cert, RC_TEXT, 0, 0),
    RC(tls_key, RC_TEXT, 0, 0),
    RC(store, RC_TEXT, 0, 0),
    RC(console, RC_TEXT, 0, 0),
    RC(rules, RC_TEXT, 0, 0),
    RC(port, RC_NUMBER, 0, 65535),
    RC(silent_hours, RC_NUMBER, 1, 100000),
    RC(window, RC_NUMBER, 1, 86400),
    RC(max_batch, RC_NUMBER, 1, PC_PROTO_MAX_BATCH),
    RC(max_per_client, RC_NUMBER, 1, 100000),
    RC(max_connections, RC_NUMBER, 1, 100000),
    RC(db_connections, RC_NUMBER, 1, 86400),
    RC(keep_days, RC_NUMBER, 1, 100000),
    RC(require_body_hash, RC_BOOL, 0, 0),
};

static bool rc_key(void *ctx, pc_yaml_pair *pair, char *why, size_t whysize);
static bool rc_set(pc_recv_config *cfg, const rc_field *f, const yaml_node_t *v, char *why,
                   size_t size);
static bool rc_together(const pc_recv_config *cfg, const char *name, char *err, size_t errsize);

void pc_recv_config_init(pc_recv_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    for (size_t i = 0; i < sizeof rc_fields / sizeof rc_fields[0]; i++)
        if (rc_fields[i].type == RC_NUMBER)
            *(int *)(void *)((char *)cfg + rc_fields[i].off) = -1;
}

bool pc_recv_config_load(pc_recv_config *cfg, const char *path, char *err, size_t errsize)
{
    return pc_yaml_config_file(path, rc_key, cfg, err, errsize) &&
           rc_together(cfg, path, err, errsize);
}

bool pc_recv_config_load_text(pc_recv_config *cfg, const char *name, const char *text, size_t len,
                              char *err, size_t errsize)
{
    return pc_yaml_config_text(name, text, len, rc_key, cfg, err, errsize) &&
           rc_together(cfg, name, err, errsize);
}

/* One key of the flat mapping (pc_yaml_each_pair): known, and its value good. */
static bool rc_key(void *ctx, pc_yaml_pair *pair, char *why, size_t whysize)
{
    for (size_t i = 0; i < sizeof rc_fields / sizeof rc_fields[0]; i++)
        if (strcmp(rc_fields[i].key, pair->key) == 0)
            return rc_set(ctx, &rc_fields[i], pair->value, why, whysize);
    return false; /* why: "unknown key" */
}

static bool rc_set(pc_recv_config *cfg, const rc_field *f, const yaml_node_t *v, char *why,
                   size_t size)
{
    char *base = (char *)cfg + f->off;
    const char *s = v && v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value : NULL;
    struct in_addr addr;
    if (f->type == RC_NUMBER) {
        char *end = NULL;
        long n = s && *s >= '0' && *s <= '9' ? strtol(s, &end, 10) : -1;
        if (n < f->min || n > f->max || *end) {
            snprintf(why, size, "must be a whole number from %d to %d", f->min, f->max);
            return false;
        }
        *(int *)(void *)base = (int)n;
        return true;
    }
    if (f->type == RC_BOOL) {
        if (!s || (strcmp(s, "true") != 0 && strcmp(s, "false") != 0)) {
            snprintf(why, size, "must be true or false");
            return false;
        }
        *(bool *)(void *)base = strcmp(s, "true") == 0;
        return true;
    }
    if (!s || !*s || strlen(s) >= PC_RECV_CONFIG_TEXT_MAX) {
        snprintf(why, size, "must be a text of 1 to %d bytes", PC_RECV_CONFIG_TEXT_MAX - 1);
        return false;
    }
    if (f->type == RC_LISTEN && inet_pton(AF_INET, s, &addr) != 1) {
        snprintf(why, size, "must be an IPv4 address such as 0.0.0.0 or 127.0.0.1");
        return false;
    }
    memcpy(base, s, strlen(s) + 1);
    return true;
}

static bool rc_together(const pc_recv_config *cfg, const char *name, char *err, size_t errsize)
{
    if (!cfg->tls_cert[0] != !cfg->tls_key[0]) {
        snprintf(err, errsize, "%s: tls_cert, tls_key: give both or neither", name);
        return false;
    }
    return true;
}
