/* desk_config.c — reads and checks the desk's configuration (see desk_config.h).
 *
 * The file is loaded whole by yaml_safe (aliases, repeated keys and a second document
 * refused there), then walked by pc_yaml_each_pair, as the receiver's and kiosk-sync's
 * files: a table maps each key to its field and check, so adding a setting is one line;
 * the kiosks: mapping is the one nested value. A flag goes through the same checks
 * (desk_config_set). */
#include "desk_config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "file_read.h"
#include "keys.h"
#include "yaml_safe.h"

typedef enum { DC_PATH, DC_LISTEN, DC_TEXT, DC_LANG, DC_DAYS } dc_type;

typedef struct dc_field {
    const char *key; /* the file's key */
    dc_type type;    /* how the value is checked */
    size_t off;      /* the field in desk_config */
    size_t size;     /* its bytes (strings) */
} dc_field;

#define DC(k, f, t)                                                                                \
    {                                                                                              \
        k, t, offsetof(desk_config, f), sizeof(((desk_config *)0)->f)                              \
    }

static const dc_field dc_fields[] = {
    DC("db", db, DC_PATH),
    DC("keyring", keyring, DC_PATH),
    DC("rules", rules, DC_PATH),
    DC("hall_key", hall_key, DC_PATH),
    DC("port_file", port_file, DC_PATH),
    DC("listen", listen, DC_LISTEN),
    DC("hall", hall, DC_TEXT),
    DC("language", lang, DC_LANG),
    DC("retention_days", retention_days, DC_DAYS),
};

static bool dc_why(char *why, size_t whysize, const char *reason, const char *value);
static bool dc_set(desk_config *c, const char *key, const char *value, char *why, size_t whysize);
static bool dc_listen(desk_config *c, const char *value, char *why, size_t whysize);
static bool dc_days(desk_config *c, const char *value, char *why, size_t whysize);
static bool dc_key(void *ctx, pc_yaml_pair *pair, char *why, size_t whysize);
static bool dc_kiosks(desk_config *c, pc_yaml_pair *pair, char *why, size_t whysize);
static bool dc_add_kiosk(desk_config *c, const char *id, const char *kiosk_name, char *why,
                         size_t whysize);

/* ------------------------------------------------------------------ public */

void desk_config_defaults(desk_config *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->lang, sizeof c->lang, "zh-CN");
    c->retention_days = 30;
}

bool desk_config_load(desk_config *c, const char *path, char *err, size_t errsize)
{
    size_t len = 0;
    char *text = pc_file_read(path, &len, err, errsize);
    bool ok = text && desk_config_load_text(c, path, text, len, err, errsize);
    free(text);
    return ok;
}

bool desk_config_load_text(desk_config *c, const char *name, const char *text, size_t len,
                           char *err, size_t errsize)
{
    yaml_document_t doc;
    if (!pc_yaml_load_safe(name, text, len, &doc, err, errsize))
        return false;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    bool empty = !root || (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0);
    bool ok = empty; /* an empty file: every default */
    if (!empty && root->type != YAML_MAPPING_NODE)
        snprintf(err, errsize, "%s:%d: the file must be a mapping of key: value", name,
                 (int)root->start_mark.line + 1);
    else if (!empty)
        ok = pc_yaml_each_pair(&doc, name, dc_key, c, err, errsize);
    yaml_document_delete(&doc);
    return ok;
}

bool desk_config_set(desk_config *c, const char *key, const char *value, const char *where,
                     char *err, size_t errsize)
{
    char why[320];
    if (dc_set(c, key, value, why, sizeof why))
        return true;
    snprintf(err, errsize, "%s: %s", where, why);
    return false;
}

const char *desk_config_kiosk_name(const desk_config *c, const char *kiosk_id)
{
    for (size_t i = 0; i < c->n_kiosks; i++)
        if (strcmp(c->kiosks[i].id, kiosk_id) == 0)
            return c->kiosks[i].name;
    return NULL;
}

void desk_config_free(desk_config *c)
{
    free(c->kiosks);
    c->kiosks = NULL;
    c->n_kiosks = 0;
}

/* ------------------------------------------------------------------ checks */

/* why = the reason, with the value refused when there is one; false. */
static bool dc_why(char *why, size_t whysize, const char *reason, const char *value)
{
    if (value)
        snprintf(why, whysize, "%s (got \"%.200s\")", reason, value);
    else
        snprintf(why, whysize, "%s", reason);
    return false;
}

/* One value by its file key, checked (desk_config_set without the where). */
static bool dc_set(desk_config *c, const char *key, const char *value, char *why, size_t whysize)
{
    const dc_field *f = NULL;
    for (size_t i = 0; i < sizeof dc_fields / sizeof dc_fields[0]; i++)
        if (strcmp(dc_fields[i].key, key) == 0)
            f = &dc_fields[i];
    if (!f && strcmp(key, "dept_key") == 0)
        return dc_why(why, whysize, "renamed hall_key (the hall's key, precheck keygen hall)",
                      NULL);
    if (!f)
        return dc_why(why, whysize, "unknown setting", value);
    if (f->type == DC_LISTEN)
        return dc_listen(c, value, why, whysize);
    if (f->type == DC_DAYS)
        return dc_days(c, value, why, whysize);
    if (f->type == DC_LANG && strcmp(value, "zh-CN") != 0 && strcmp(value, "en") != 0)
        return dc_why(why, whysize, "must be zh-CN or en", value);
    if (f->type == DC_PATH && !value[0])
        return dc_why(why, whysize, "must name a file or directory", NULL);
    if (strlen(value) >= f->size) {
        char reason[64];
        snprintf(reason, sizeof reason, "too long (at most %zu bytes)", f->size - 1);
        return dc_why(why, whysize, reason, value);
    }
    snprintf((char *)c + f->off, f->size, "%s", value);
    return true;
}

/* "127.0.0.1:8780" → addr and port (0: any free port, see port_file). */
static bool dc_listen(desk_config *c, const char *value, char *why, size_t whysize)
{
    const char *colon = strrchr(value, ':');
    char *end = NULL;
    long port = colon ? strtol(colon + 1, &end, 10) : -1;
    if (!colon || colon == value || (size_t)(colon - value) >= sizeof c->addr || !colon[1] ||
        *end || port < 0 || port > 65535 || strlen(value) >= sizeof c->listen)
        return dc_why(why, whysize, "give ADDR:PORT, e.g. 127.0.0.1:8780", value);
    char addr[sizeof c->addr];
    snprintf(addr, sizeof addr, "%.*s", (int)(colon - value), value);
    struct in_addr ip;
    if (inet_pton(AF_INET, addr, &ip) != 1)
        return dc_why(why, whysize, "the address is not IPv4 (e.g. 127.0.0.1)", value);
    snprintf(c->listen, sizeof c->listen, "%s", value);
    memcpy(c->addr, addr, sizeof addr);
    c->port = (uint16_t)port;
    c->have_listen = true;
    return true;
}

static bool dc_days(desk_config *c, const char *value, char *why, size_t whysize)
{
    char *end = NULL;
    errno = 0;
    long n = strtol(value, &end, 10);
    if (!value[0] || *end || errno)
        return dc_why(why, whysize, "not a whole number of days", value);
    if (n < 1 || n > 3650)
        return dc_why(why, whysize, "out of range 1..3650", value);
    c->retention_days = (int)n;
    return true;
}

/* ------------------------------------------------------------------ the file */

/* One key of the file's mapping (pc_yaml_each_pair): the kiosks: mapping, the sync:
 * section (desk sync reads it), or a setting. */
static bool dc_key(void *ctx, pc_yaml_pair *pair, char *why, size_t whysize)
{
    const yaml_node_t *v = pair->value;
    if (strcmp(pair->key, "kiosks") == 0)
        return dc_kiosks(ctx, pair, why, whysize);
    if (strcmp(pair->key, "sync") == 0) /* read and checked by desk sync (desk_sync.c) */
        return (v && v->type == YAML_MAPPING_NODE) ||
               dc_why(why, whysize, "must be a mapping (url, key, id, …)", NULL);
    if (!v || v->type != YAML_SCALAR_NODE)
        return dc_why(why, whysize, "must be a single value", NULL);
    return dc_set(ctx, pair->key, (const char *)v->data.scalar.value, why, whysize);
}

/* kiosks: { <kiosk id>: <name for staff>, … }; a refusal names the entry's line. */
static bool dc_kiosks(desk_config *c, pc_yaml_pair *pair, char *why, size_t whysize)
{
    const yaml_node_t *map = pair->value;
    if (map)
        pair->line = (int)map->start_mark.line + 1;
    if (map && map->type == YAML_SCALAR_NODE && map->data.scalar.length == 0)
        return true;
    if (!map || map->type != YAML_MAPPING_NODE)
        return dc_why(why, whysize,
                      "must be a mapping of kiosk id: name (e.g. hall-1-k2: 2 号自助机)", NULL);
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(pair->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(pair->doc, p->value);
        pair->line = k ? (int)k->start_mark.line + 1 : pair->line;
        if (!k || k->type != YAML_SCALAR_NODE || !v || v->type != YAML_SCALAR_NODE)
            return dc_why(why, whysize, "each entry is kiosk id: name", NULL);
        if (!dc_add_kiosk(c, (const char *)k->data.scalar.value, (const char *)v->data.scalar.value,
                          why, whysize))
            return false;
    }
    return true;
}

static bool dc_add_kiosk(desk_config *c, const char *id, const char *kiosk_name, char *why,
                         size_t whysize)
{
    if (!pc_kiosk_id_valid(id))
        return dc_why(why, whysize, "not a kiosk id (1 to 32 of A-Z a-z 0-9 . _ -)", id);
    if (!kiosk_name[0] || strlen(kiosk_name) >= DESK_KIOSK_NAME_MAX) {
        char reason[80];
        snprintf(reason, sizeof reason, "the name of %s must be 1 to %d bytes", id,
                 DESK_KIOSK_NAME_MAX - 1);
        return dc_why(why, whysize, reason, kiosk_name);
    }
    desk_kiosk_name *grown = realloc(c->kiosks, (c->n_kiosks + 1) * sizeof *grown);
    if (!grown)
        return dc_why(why, whysize, "out of memory", NULL);
    c->kiosks = grown;
    desk_kiosk_name *k = &c->kiosks[c->n_kiosks++];
    snprintf(k->id, sizeof k->id, "%s", id);
    snprintf(k->name, sizeof k->name, "%s", kiosk_name);
    return true;
}
