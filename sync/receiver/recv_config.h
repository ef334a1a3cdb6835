/* recv_config.h — the receiver's YAML configuration (/etc/precheck/receiver.yaml).
 *
 * Why it exists: the packaged unit starts `precheck-receiver serve --config FILE`, and a
 * technician sets the database, keys, address and limits in one file of the project's
 * one format (issue 12), as for the desk and kiosk-sync. The file is one flat mapping
 * whose keys are serve's flags with "_" for "-" (db, kiosks, desks, key, listen, port,
 * tls_cert, tls_key, store, console, rules, silent_hours, window, max_batch,
 * max_per_client, max_connections, db_connections, keep_days, require_body_hash).
 * It is read by yaml_safe (aliases, repeated keys and second documents refused); an
 * unknown key or a bad value is refused with "file:line: key: reason". The file holds
 * no secret: key names the department's key file. Flags given with it win
 * (receiver.c applies the file, then the flags). */
#ifndef PC_RECV_CONFIG_H
#define PC_RECV_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define PC_RECV_CONFIG_DEFAULT "/etc/precheck/receiver.yaml"
#define PC_RECV_CONFIG_TEXT_MAX 1024 /* a path, a URI or an address, with its NUL */

typedef struct pc_recv_config {
    /* texts: "" when the file does not give them */
    char db[PC_RECV_CONFIG_TEXT_MAX], kiosks[PC_RECV_CONFIG_TEXT_MAX],
        desks[PC_RECV_CONFIG_TEXT_MAX], key[PC_RECV_CONFIG_TEXT_MAX];
    char listen[PC_RECV_CONFIG_TEXT_MAX], tls_cert[PC_RECV_CONFIG_TEXT_MAX],
        tls_key[PC_RECV_CONFIG_TEXT_MAX], store[PC_RECV_CONFIG_TEXT_MAX];
    char console[PC_RECV_CONFIG_TEXT_MAX], rules[PC_RECV_CONFIG_TEXT_MAX];
    /* numbers: -1 when the file does not give them */
    int port, silent_hours, window, max_batch, max_per_client, max_connections, db_connections,
        keep_days;
    bool require_body_hash;
} pc_recv_config;

/* Nothing given. */
void pc_recv_config_init(pc_recv_config *cfg);
/* Reads the file at path into cfg (from pc_recv_config_init); false with err naming the
 * file, the line, the key and the reason. */
bool pc_recv_config_load(pc_recv_config *cfg, const char *path, char *err, size_t errsize);
/* The same from text already read (name in the messages). */
bool pc_recv_config_load_text(pc_recv_config *cfg, const char *name, const char *text, size_t len,
                              char *err, size_t errsize);

#endif
