/* config.c — reads the kiosk's YAML configuration (see config.h).
 *
 * A flat mapping read with libyaml's event parser; a table maps each key to its field,
 * type and range, so adding a setting is one line. Unknown keys are errors too: a
 * misspelt key would otherwise silently leave a default in place. */
#include "config.h"

#include "store.h" /* PC_KIOSK_ID_MAX: what a receipt carries */

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <yaml.h>

#include "data_dir.h"

typedef enum {
    CFG_STR,
    CFG_INT,
    CFG_BOOL,
    CFG_ORIENT,
    CFG_ID,
    CFG_LANG,
    CFG_HASH,
    CFG_URL
} cfg_type;

typedef struct cfg_field {
    const char *key; /* the YAML key */
    cfg_type type;   /* how the value is read and checked */
    size_t off;      /* offset of the field in pc_config */
    size_t size;     /* bytes, for strings */
    int min, max;    /* range, for integers */
} cfg_field;

typedef struct cfg_reader {
    yaml_parser_t parser; /* libyaml's parser over the text */
    const char *name;     /* file name for messages */
    pc_config *cfg;       /* what is being filled */
    char *err;            /* the caller's message buffer */
    size_t errsize;
    int documents;     /* documents begun: a second one is refused */
    char seen[64][64]; /* keys read so far: one written twice is refused */
    size_t n_seen;
} cfg_reader;

#define CFG_S(k, f, t)                                                                             \
    {                                                                                              \
        k, t, offsetof(pc_config, f), sizeof(((pc_config *)0)->f), 0, 0                            \
    }
#define CFG_I(k, f, lo, hi)                                                                        \
    {                                                                                              \
        k, CFG_INT, offsetof(pc_config, f), sizeof(int), lo, hi                                    \
    }

static const cfg_field cfg_fields[] = {
    CFG_S("kiosk_id", kiosk_id, CFG_ID),
    {"allow_drafts", CFG_BOOL, offsetof(pc_config, allow_drafts), sizeof(bool), 0, 0},
    CFG_I("idle_seconds", idle_seconds, 15, 3600),
    CFG_I("countdown_seconds", countdown_seconds, 5, 300),
    {"orientation", CFG_ORIENT, offsetof(pc_config, orientation), sizeof(int), 0, 0},
    CFG_S("rules_dir", rules_dir, CFG_STR),
    CFG_S("calendar_dir", calendar_dir, CFG_STR),
    CFG_S("assets_dir", assets_dir, CFG_STR),
    CFG_S("font", font_path, CFG_STR),
    CFG_S("database", db_path, CFG_STR),
    CFG_S("printer", printer_device, CFG_STR),
    CFG_I("printer_width", printer_width, 200, 2048),
    CFG_S("signing_key", signing_key, CFG_STR),
    CFG_S("verify_key", verify_key, CFG_STR),
    CFG_S("staff_pin_hash", staff_pin_hash, CFG_HASH),
    CFG_S("language", language, CFG_LANG),
    CFG_S("department", department, CFG_STR),
    CFG_I("retention_days", retention_days, 1, 3650),
    CFG_I("delete_after_days", delete_after_days, 1, 36500),
    CFG_S("help_place", help_place, CFG_STR),
    CFG_S("help_hours", help_hours, CFG_STR),
    CFG_S("help_phone", help_phone, CFG_STR),
    CFG_I("voice_volume", voice_volume, 0, 100),
    CFG_S("hall_key", hall_key, CFG_STR),
    CFG_S("desk_url", desk_url, CFG_URL),
};

/* ---- static prototypes ---- */
static bool cfg_fail(cfg_reader *r, int line, const char *key, const char *reason,
                     const char *value);
static bool cfg_next(cfg_reader *r, yaml_event_t *ev);
static bool cfg_read_mapping(cfg_reader *r);
static bool cfg_read_policies(cfg_reader *r, int line);
static bool cfg_remember_key(cfg_reader *r, const char *key, int line);
static bool cfg_set(cfg_reader *r, const char *key, const char *value, int line);
static bool cfg_set_field(cfg_reader *r, const cfg_field *f, const char *value, int line);
static bool cfg_parse_int(const char *s, int *out);
static bool cfg_is_id(const char *s);

/* ---- public functions ---- */

void pc_config_defaults(pc_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->kiosk_id, sizeof cfg->kiosk_id, "kiosk-01");
    cfg->idle_seconds = 90;
    cfg->countdown_seconds = 20;
    cfg->orientation = PC_ORIENT_AUTO;
    const char *data = pc_data_dir(); /* the source tree from a build, else the install */
    pc_rules_dir_default(cfg->rules_dir, sizeof cfg->rules_dir); /* kiosk-sync's, installed */
    snprintf(cfg->calendar_dir, sizeof cfg->calendar_dir, "%s/rules/calendar", data);
    snprintf(cfg->assets_dir, sizeof cfg->assets_dir, "%s/assets", data);
    snprintf(cfg->font_path, sizeof cfg->font_path, "%s/fonts/NotoSansSC-Subset.otf", data);
    snprintf(cfg->db_path, sizeof cfg->db_path, "precheck.sqlite");
    cfg->printer_width = 576;
    snprintf(cfg->language, sizeof cfg->language, "zh-CN");
    snprintf(cfg->department, sizeof cfg->department, "主管部门");
    cfg->retention_days = 30;
    cfg->delete_after_days = 365;
    snprintf(cfg->help_place, sizeof cfg->help_place, "服务大厅咨询窗口");
    cfg->voice_volume = 80;
}

bool pc_config_load(pc_config *cfg, const char *path, char *err, size_t errsize)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsize, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    char chunk[4096];
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + got > cap) {
            cap = (len + got) * 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                snprintf(err, errsize, "%s: out of memory", path);
                return false;
            }
            buf = nb;
        }
        memcpy(buf + len, chunk, got);
        len += got;
    }
    fclose(f);
    bool ok = pc_config_load_text(cfg, path, buf ? buf : "", len, err, errsize);
    free(buf);
    return ok;
}

bool pc_config_load_text(pc_config *cfg, const char *name, const char *text, size_t len, char *err,
                         size_t errsize)
{
    cfg_reader r = {.name = name, .cfg = cfg, .err = err, .errsize = errsize};
    pc_config_defaults(cfg);
    if (!yaml_parser_initialize(&r.parser)) {
        snprintf(err, errsize, "%s: cannot start the YAML parser", name);
        return false;
    }
    yaml_parser_set_input_string(&r.parser, (const unsigned char *)text, len);
    bool ok = cfg_read_mapping(&r);
    yaml_parser_delete(&r.parser);
    if (ok && cfg->delete_after_days < cfg->retention_days) {
        char v[16];
        snprintf(v, sizeof v, "%d", cfg->delete_after_days);
        ok = cfg_fail(&r, 0, "delete_after_days", "must not be shorter than retention_days", v);
    }
    return ok;
}

bool pc_config_policy_enabled(const pc_config *cfg, const char *id)
{
    if (cfg->n_policies == 0)
        return true;
    for (size_t i = 0; i < cfg->n_policies; i++)
        if (strcmp(cfg->policies[i], id) == 0)
            return true;
    return false;
}

bool pc_config_check_pin(const pc_config *cfg, const char *pin)
{
    if (!cfg->staff_pin_hash[0] || sodium_init() < 0)
        return false;
    return crypto_pwhash_str_verify(cfg->staff_pin_hash, pin, strlen(pin)) == 0;
}

bool pc_config_hash_pin(const char *pin, char *out, size_t outsize)
{
    if (sodium_init() < 0 || outsize < crypto_pwhash_STRBYTES)
        return false;
    return crypto_pwhash_str(out, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

/* ---- static functions ---- */

static bool cfg_fail(cfg_reader *r, int line, const char *key, const char *reason,
                     const char *value)
{
    if (value)
        snprintf(r->err, r->errsize, "%s:%d: %s: %s (got \"%s\")", r->name, line, key, reason,
                 value);
    else
        snprintf(r->err, r->errsize, "%s:%d: %s: %s", r->name, line, key, reason);
    return false;
}

static bool cfg_next(cfg_reader *r, yaml_event_t *ev)
{
    if (yaml_parser_parse(&r->parser, ev)) {
        if (ev->type != YAML_ALIAS_EVENT && ev->type != YAML_DOCUMENT_START_EVENT)
            return true;
        int line = (int)ev->start_mark.line + 1;
        bool alias = ev->type == YAML_ALIAS_EVENT;
        bool second = !alias && r->documents++ > 0;
        yaml_event_delete(ev);
        if (alias || second)
            return cfg_fail(r, line, "config",
                            alias ? "aliases are not allowed" : "more than one YAML document",
                            NULL);
        return cfg_next(r, ev);
    }
    snprintf(r->err, r->errsize, "%s:%d: YAML: %s", r->name, (int)r->parser.problem_mark.line + 1,
             r->parser.problem ? r->parser.problem : "syntax error");
    return false;
}

/* The whole stream: nothing at all, or one mapping of key: value. */
static bool cfg_read_mapping(cfg_reader *r)
{
    yaml_event_t ev;
    bool ok = true, in_map = false;
    while (ok && cfg_next(r, &ev)) {
        yaml_event_type_t t = ev.type;
        int line = (int)ev.start_mark.line + 1;
        if (t == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            return true;
        }
        if (t == YAML_MAPPING_START_EVENT && !in_map)
            in_map = true;
        else if (t == YAML_SCALAR_EVENT && in_map) {
            char key[64];
            snprintf(key, sizeof key, "%s", (const char *)ev.data.scalar.value);
            yaml_event_delete(&ev);
            if (!cfg_remember_key(r, key, line))
                return false;
            if (strcmp(key, "policies") == 0) {
                ok = cfg_read_policies(r, line);
                continue;
            }
            if (!cfg_next(r, &ev))
                return false;
            if (ev.type != YAML_SCALAR_EVENT)
                ok = cfg_fail(r, line, key, "must be a single value", NULL);
            else
                ok = cfg_set(r, key, (const char *)ev.data.scalar.value, line);
        } else if (t == YAML_SCALAR_EVENT || t == YAML_SEQUENCE_START_EVENT ||
                   (t == YAML_MAPPING_START_EVENT && in_map)) {
            ok = cfg_fail(r, line, "config", "the file must be a mapping of key: value", NULL);
        }
        yaml_event_delete(&ev);
    }
    return false;
}

/* A key written twice: the reader would take one, the person who wrote it means the other. */
static bool cfg_remember_key(cfg_reader *r, const char *key, int line)
{
    for (size_t i = 0; i < r->n_seen; i++)
        if (strcmp(r->seen[i], key) == 0)
            return cfg_fail(r, line, key, "appears twice in the file", NULL);
    if (r->n_seen < sizeof r->seen / sizeof r->seen[0])
        snprintf(r->seen[r->n_seen++], sizeof r->seen[0], "%s", key);
    return true;
}

/* policies: [id, …] (or an empty value: every pack). */
static bool cfg_read_policies(cfg_reader *r, int line)
{
    yaml_event_t ev;
    if (!cfg_next(r, &ev))
        return false;
    if (ev.type == YAML_SCALAR_EVENT && ev.data.scalar.length == 0) {
        yaml_event_delete(&ev);
        return true;
    }
    bool ok = ev.type == YAML_SEQUENCE_START_EVENT;
    yaml_event_delete(&ev);
    if (!ok)
        return cfg_fail(r, line, "policies", "must be a list of pack ids", NULL);
    r->cfg->n_policies = 0;
    while (cfg_next(r, &ev)) {
        if (ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            return true;
        }
        const char *v = ev.type == YAML_SCALAR_EVENT ? (const char *)ev.data.scalar.value : "";
        int l = (int)ev.start_mark.line + 1;
        if (ev.type != YAML_SCALAR_EVENT || !cfg_is_id(v) || strlen(v) >= PC_CONFIG_ID_MAX)
            ok = cfg_fail(r, l, "policies", "not a pack id ([a-z0-9-])", v);
        else if (r->cfg->n_policies >= PC_CONFIG_MAX_POLICIES)
            ok = cfg_fail(r, l, "policies", "too many (at most 32)", v);
        else
            snprintf(r->cfg->policies[r->cfg->n_policies++], PC_CONFIG_ID_MAX, "%s", v);
        yaml_event_delete(&ev);
        if (!ok)
            return false;
    }
    return false;
}

static bool cfg_set(cfg_reader *r, const char *key, const char *value, int line)
{
    for (size_t i = 0; i < sizeof cfg_fields / sizeof cfg_fields[0]; i++)
        if (strcmp(cfg_fields[i].key, key) == 0)
            return cfg_set_field(r, &cfg_fields[i], value, line);
    return cfg_fail(r, line, key, "unknown setting", value);
}

static bool cfg_set_field(cfg_reader *r, const cfg_field *f, const char *value, int line)
{
    char *dst = (char *)r->cfg + f->off;
    int n;
    switch (f->type) {
    case CFG_INT:
        if (!cfg_parse_int(value, &n))
            return cfg_fail(r, line, f->key, "not a whole number", value);
        if (n < f->min || n > f->max) {
            char why[80];
            snprintf(why, sizeof why, "out of range %d..%d", f->min, f->max);
            return cfg_fail(r, line, f->key, why, value);
        }
        memcpy(dst, &n, sizeof n);
        return true;
    case CFG_BOOL:
        if (strcmp(value, "true") && strcmp(value, "false"))
            return cfg_fail(r, line, f->key, "must be true or false", value);
        *(bool *)dst = strcmp(value, "true") == 0;
        return true;
    case CFG_ORIENT:
        if (strcmp(value, "auto") == 0)
            r->cfg->orientation = PC_ORIENT_AUTO;
        else if (strcmp(value, "portrait") == 0)
            r->cfg->orientation = PC_ORIENT_PORTRAIT;
        else if (strcmp(value, "landscape") == 0)
            r->cfg->orientation = PC_ORIENT_LANDSCAPE;
        else
            return cfg_fail(r, line, f->key, "must be auto, portrait or landscape", value);
        return true;
    case CFG_ID:
        if (!cfg_is_id(value))
            return cfg_fail(r, line, f->key, "use letters, digits and -", value);
        if (strlen(value) > PC_KIOSK_ID_MAX)
            return cfg_fail(r, line, f->key, "longer than a receipt can carry (32 characters)",
                            value);
        break;
    case CFG_LANG:
        /* every applicant-facing text must exist in the language: the policy packs exist
           only in Chinese, so the kiosk offers only zh-CN (staff tools take --lang en) */
        if (strcmp(value, "zh-CN") != 0)
            return cfg_fail(r, line, f->key,
                            "must be zh-CN: the policies exist only in Chinese, so the kiosk "
                            "offers no other language to applicants",
                            value);
        break;
    case CFG_HASH:
        /* libsodium reads the hash's algorithm and parameters: -1 when it is not one */
        if (sodium_init() < 0 ||
            crypto_pwhash_str_needs_rehash(value, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                           crypto_pwhash_MEMLIMIT_INTERACTIVE) < 0)
            return cfg_fail(r, line, f->key,
                            "not a PIN hash (make one with: kiosk --hash-pin, then copy its line)",
                            NULL);
        break;
    case CFG_URL: /* "" or http(s)://host… (the staff desk) */
        if (value[0] && strncmp(value, "http://", 7) != 0 && strncmp(value, "https://", 8) != 0)
            return cfg_fail(r, line, f->key, "must be \"\" or http://ADDR:PORT/", value);
        break;
    case CFG_STR:
        break;
    }
    if (strlen(value) >= f->size)
        return cfg_fail(r, line, f->key, "too long", value);
    memcpy(dst, value, strlen(value) + 1);
    return true;
}

static bool cfg_parse_int(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno || v < INT_MIN || v > INT_MAX)
        return false;
    *out = (int)v;
    return true;
}

static bool cfg_is_id(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_'))
            return false;
    return true;
}
