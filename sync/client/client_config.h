/* client_config.h — kiosk-sync's configuration file (/etc/precheck/sync.yaml).
 *
 * Why it exists: the nightly run must refuse a bad setting at once, by name and with
 * the reason (exit 2), rather than fail at 3 a.m. half way through. The file is one
 * YAML mapping, read with libyaml through app/core/yaml_safe.h (aliases, a key written
 * twice and a second document are refused); every key is listed in sync/README.md with
 * its default; unknown keys and bad values are refused with the key's name, its line
 * and the reason. JSON configuration files are no longer read. Only the kiosk reads it
 * (the receiver takes its settings on the command line). */
#ifndef PC_CLIENT_CONFIG_H
#define PC_CLIENT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define PC_CLIENT_PATH_MAX 512
#define PC_CLIENT_IN_FLIGHT_MAX 4               /* requests_in_flight at most */
#define PC_CLIENT_CONFIG_DIR "/etc/precheck"    /* sync.yaml and the key files */
#define PC_CLIENT_STATE_DIR "/var/lib/precheck" /* the kiosk's store and rules, shared */
#define PC_CLIENT_CONFIG_DEFAULT PC_CLIENT_CONFIG_DIR "/sync.yaml"

/* Each field is the configuration key of the same name. */
typedef struct pc_client_config {
    char database[PC_CLIENT_PATH_MAX];        /* the kiosk's submission store */
    char kiosk_key[PC_CLIENT_PATH_MAX];       /* the kiosk's Ed25519 secret key file */
    char department_keys[PC_CLIENT_PATH_MAX]; /* keyring of department signing keys */
    char url[PC_CLIENT_PATH_MAX];             /* receiver base, "https://host[:port]" */
    char ca_file[PC_CLIENT_PATH_MAX];         /* pinned CA bundle for HTTPS ("" = system) */
    char client_cert[PC_CLIENT_PATH_MAX];     /* PEM client certificate ("" = none) */
    char client_key[PC_CLIENT_PATH_MAX];      /* its PEM key */
    char rules_dir[PC_CLIENT_PATH_MAX];       /* where packs are switched in (the kiosk's
                                                 rules_dir: app/core/rules_live.h) */
    int batch_size;                           /* submissions a request, 1-1000 */
    int requests_in_flight;                   /* batches posted at once, 1-4 */
    int timeout_seconds;                      /* one request, whole */
    int connect_timeout_seconds;
    int budget_seconds;     /* the whole run */
    int max_attempts;       /* per batch before giving up */
    int backoff_initial_ms; /* first retry delay */
    int backoff_max_ms;     /* cap on one delay */
    int retention_days;     /* synced rows' personal data wiped after */
    int delete_after_days;  /* synced rows deleted after */
} pc_client_config;

void pc_client_config_defaults(pc_client_config *cfg);
/* Defaults, then the file; false with "file: key: reason" in err. */
bool pc_client_config_load(pc_client_config *cfg, const char *path, char *err, size_t errsize);
/* Checks what `run` needs beyond what every command needs. */
bool pc_client_config_check_run(const pc_client_config *cfg, char *err, size_t errsize);

#endif
