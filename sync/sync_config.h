/* sync_config.h — kiosk-sync's configuration file (JSON, read with jansson).
 *
 * Why it exists: the nightly run must refuse a bad setting at once, by name and with
 * the reason (exit 2), rather than fail at 3 a.m. half way through. Every key is
 * listed in sync/README.md with its default; unknown keys are refused. */
#ifndef PCS_SYNC_CONFIG_H
#define PCS_SYNC_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define PCS_PATH_MAX 512

typedef struct pcs_config {
    char database[PCS_PATH_MAX];        /* database: the kiosk's submission store */
    char kiosk_key[PCS_PATH_MAX];       /* kiosk_key: the kiosk's Ed25519 secret key file */
    char department_keys[PCS_PATH_MAX]; /* department_keys: keyring of department signing keys */
    char url[PCS_PATH_MAX];             /* url: receiver base, "https://host[:port]" */
    char ca_file[PCS_PATH_MAX];         /* ca_file: pinned CA bundle for HTTPS ("" = system) */
    char client_cert[PCS_PATH_MAX];     /* client_cert: PEM client certificate ("" = none) */
    char client_key[PCS_PATH_MAX];      /* client_key: its PEM key */
    char rules_dir[PCS_PATH_MAX];       /* rules_dir: where packs are switched in */
    int batch_size;                     /* batch_size: submissions a request, 1-1000 */
    int timeout_seconds;                /* timeout_seconds: one request, whole */
    int connect_timeout_seconds;        /* connect_timeout_seconds */
    int budget_seconds;                 /* budget_seconds: the whole run */
    int max_attempts;                   /* max_attempts: per batch before giving up */
    int backoff_initial_ms;             /* backoff_initial_ms: first retry delay */
    int backoff_max_ms;                 /* backoff_max_ms: cap on one delay */
} pcs_config;

void pcs_config_defaults(pcs_config *cfg);
/* Defaults, then the file; false with "file: key: reason" in err. */
bool pcs_config_load(pcs_config *cfg, const char *path, char *err, size_t errsize);
/* Checks what `run` needs beyond what every command needs. */
bool pcs_config_check_run(const pcs_config *cfg, char *err, size_t errsize);

#endif
