/* config.h — the kiosk's configuration file.
 *
 * One YAML mapping (libyaml), every key optional: the embedded defaults let the kiosk
 * run with no file at all (bundled packs in rules/, a local SQLite file). Every bad
 * value is refused with its file, line, key and the reason, so that a kiosk never
 * starts half-configured. No SDL here: the kiosk, its tests and tools share it. */
#ifndef PC_CONFIG_H
#define PC_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define PC_CONFIG_PATH_MAX 512
#define PC_CONFIG_MAX_POLICIES 32
#define PC_CONFIG_ID_MAX 64

typedef enum { PC_ORIENT_AUTO, PC_ORIENT_PORTRAIT, PC_ORIENT_LANDSCAPE } pc_orientation;

typedef struct pc_config {
    char kiosk_id[PC_CONFIG_ID_MAX]; /* kiosk_id: shown to staff, on receipts */
    char policies[PC_CONFIG_MAX_POLICIES][PC_CONFIG_ID_MAX]; /* policies: enabled pack ids */
    size_t n_policies;                                       /* 0: every pack found is enabled */
    bool allow_drafts;                       /* allow_drafts: offer 征求意见稿 packs */
    int idle_seconds;                        /* idle_seconds: quiet time before asking */
    int countdown_seconds;                   /* countdown_seconds: the question's countdown */
    pc_orientation orientation;              /* orientation: auto | portrait | landscape */
    char rules_dir[PC_CONFIG_PATH_MAX];      /* rules_dir: the packs */
    char calendar_dir[PC_CONFIG_PATH_MAX];   /* calendar_dir: holiday JSON per year */
    char assets_dir[PC_CONFIG_PATH_MAX];     /* assets_dir: strings, theme */
    char font_path[PC_CONFIG_PATH_MAX];      /* font: the CJK font file */
    char db_path[PC_CONFIG_PATH_MAX];        /* database: the submission store */
    char printer_device[PC_CONFIG_PATH_MAX]; /* printer: device, "" = none */
    int printer_width;                       /* printer_width: dots a line */
    char signing_key[PC_CONFIG_PATH_MAX];    /* signing_key: receipt secret key file */
    char verify_key[PC_CONFIG_PATH_MAX];     /* verify_key: receipt public key file */
    char staff_pin_hash[128]; /* staff_pin_hash: crypto_pwhash_str; "" = none: no staff screen */
    char language[16];        /* language: zh-CN | en */
    char department[128];     /* department: who receives the queue each night (privacy notice) */
    int retention_days;    /* retention_days: answers and contact of synced rows kept this long */
    int delete_after_days; /* delete_after_days: synced rows deleted after this long */
    char help_place[128];  /* help_place: where applicants go for help (window, office) */
    char help_hours[128];  /* help_hours: when it is open; "" = not shown */
    char help_phone[64];   /* help_phone: a number to call; "" = not shown */
    int voice_volume;      /* voice_volume: 0..100 for 读给我听 */
    char hall_key[PC_CONFIG_PATH_MAX]; /* hall_key: public key the answers on receipts are
                                          sealed to (precheck keygen hall); "" = not sealed */
    char desk_url[PC_CONFIG_PATH_MAX]; /* desk_url: the hall's staff desk (http://ADDR:PORT/), told
                                          of 请工作人员帮助; "" = none */
} pc_config;

/* Fills every field with its embedded default. */
void pc_config_defaults(pc_config *cfg);
/* Defaults, then the file. On failure returns false and writes "file:line: key: reason". */
bool pc_config_load(pc_config *cfg, const char *path, char *err, size_t errsize);
bool pc_config_load_text(pc_config *cfg, const char *name, const char *text, size_t len, char *err,
                         size_t errsize);
/* True when the pack id is enabled by the configuration. */
bool pc_config_policy_enabled(const pc_config *cfg, const char *id);
/* True when pin matches staff_pin_hash (libsodium crypto_pwhash_str_verify); always
 * false while no hash is configured (there is no default PIN). */
bool pc_config_check_pin(const pc_config *cfg, const char *pin);
/* Hashes a PIN for the configuration file; false on failure (out ≥ 128 bytes). */
bool pc_config_hash_pin(const char *pin, char *out, size_t outsize);

#endif
