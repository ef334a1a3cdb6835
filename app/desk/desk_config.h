/* desk_config.h — the desk's configuration: one YAML file (default
 * /etc/precheck/desk.yaml, see app/desk/desk.example.yaml) and the flags that override it.
 *
 * Why it exists: a packaged desk runs from a systemd unit with a file an administrator
 * edits, not with a command line; and a file and a flag must mean the same and be checked
 * the same. Every value goes through desk_config_set, which names where it came from
 * ("desk.yaml:4: listen" or "--listen") in its one-line refusal. The file follows the
 * kiosk's conventions (app/core/config.c): one mapping, every key optional, unknown keys,
 * a key written twice, aliases and a second document refused (yaml_safe.h). */
#ifndef DESK_CONFIG_H
#define DESK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DESK_CONFIG_DEFAULT "/etc/precheck/desk.yaml"
#define DESK_PATH_MAX 1024
#define DESK_KIOSK_NAME_MAX 64 /* bytes of UTF-8: "2 号自助机" and longer */

/* A kiosk's name for staff ("2 号自助机"), from the file's kiosks: mapping. */
typedef struct desk_kiosk_name {
    char id[33];                    /* the kiosk id of the keyring */
    char name[DESK_KIOSK_NAME_MAX]; /* what staff call it */
} desk_kiosk_name;

typedef struct desk_config {
    char db[DESK_PATH_MAX];        /* db: the desk's SQLite file */
    char keyring[DESK_PATH_MAX];   /* keyring: the kiosks' public keys */
    char rules[DESK_PATH_MAX];     /* rules: packs to seed the versions kept; "" = bundled */
    char hall_key[DESK_PATH_MAX];  /* hall_key: the hall's secret (precheck keygen hall) */
    char port_file[DESK_PATH_MAX]; /* port_file: where the port bound is written */
    char listen[80];               /* listen: ADDR:PORT as given */
    char addr[64];                 /* its address (IPv4) */
    uint16_t port;                 /* its port (0: any free port) */
    bool have_listen;              /* listen was given */
    char hall[128];                /* hall: the hall's name on printed documents; "" = default */
    char lang[8];                  /* language: zh-CN | en (staff words) */
    int retention_days;            /* retention_days: personal fields kept this long */
    desk_kiosk_name *kiosks;       /* kiosks: id → name for staff */
    size_t n_kiosks;
} desk_config;

/* Every default (call it first: the loaders only change what they are given). */
void desk_config_defaults(desk_config *c);
/* Reads the file over c: what it sets replaces c's values, kiosks are added.
 * false + "file:line: key: reason" in err. */
bool desk_config_load(desk_config *c, const char *path, char *err, size_t errsize);
bool desk_config_load_text(desk_config *c, const char *name, const char *text, size_t len,
                           char *err, size_t errsize);
/* One value by its file key ("listen"), checked; where names it in err ("--listen",
 * "desk.yaml:3: listen"). */
bool desk_config_set(desk_config *c, const char *key, const char *value, const char *where,
                     char *err, size_t errsize);
/* The kiosk's name for staff, or NULL when the file gives none. */
const char *desk_config_kiosk_name(const desk_config *c, const char *kiosk_id);
void desk_config_free(desk_config *c);

#endif
