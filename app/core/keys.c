/* keys.c — reading and writing the receipt key files (formats in keys.h). */
#include "keys.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PC_KEY_LINE 512

static bool write_new_file(const char *path, mode_t mode, const char *text, char *err,
                           size_t errsize);
static FILE *open_secret(const char *path, char *err, size_t errsize);
static bool read_hex(const char *hex, unsigned char *out, size_t n);
static bool read_line(FILE *f, char *buf, size_t size);
static bool parse_keyring_line(char *line, pc_keyring_entry *e);

bool pc_kiosk_id_valid(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > PC_KIOSK_ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

void pc_key_id(const unsigned char pk[crypto_sign_PUBLICKEYBYTES],
               unsigned char out[PC_KEY_ID_BYTES])
{
    unsigned char h[crypto_generichash_BYTES_MIN];
    crypto_generichash(h, sizeof h, pk, crypto_sign_PUBLICKEYBYTES, NULL, 0);
    memcpy(out, h, PC_KEY_ID_BYTES);
}

/* ------------------------------------------------------------------ kiosk keys */

bool pc_kiosk_key_generate(pc_kiosk_key *key, const char *kiosk_id, char *err, size_t errsize)
{
    memset(key, 0, sizeof *key);
    if (!pc_kiosk_id_valid(kiosk_id)) {
        snprintf(err, errsize, "kiosk id \"%s\": use 1-32 of A-Z a-z 0-9 . _ -", kiosk_id);
        return false;
    }
    if (sodium_init() < 0 || crypto_sign_keypair(key->pk, key->sk) != 0) {
        snprintf(err, errsize, "libsodium could not make a key");
        return false;
    }
    snprintf(key->kiosk_id, sizeof key->kiosk_id, "%s", kiosk_id);
    return true;
}

bool pc_kiosk_key_save(const pc_kiosk_key *key, const char *path, char *err, size_t errsize)
{
    char hex[crypto_sign_SECRETKEYBYTES * 2 + 1];
    char text[PC_KEY_LINE];
    sodium_bin2hex(hex, sizeof hex, key->sk, sizeof key->sk);
    snprintf(text, sizeof text, "kiosk %s\ned25519-secret %s\n", key->kiosk_id, hex);
    bool ok = write_new_file(path, 0600, text, err, errsize);
    sodium_memzero(hex, sizeof hex);
    sodium_memzero(text, sizeof text);
    return ok;
}

bool pc_kiosk_key_load(pc_kiosk_key *key, const char *path, char *err, size_t errsize)
{
    memset(key, 0, sizeof *key);
    FILE *f = open_secret(path, err, errsize);
    if (!f)
        return false;
    char id_line[PC_KEY_LINE], sk_line[PC_KEY_LINE];
    bool ok = read_line(f, id_line, sizeof id_line) && read_line(f, sk_line, sizeof sk_line);
    fclose(f);
    ok = ok && strncmp(id_line, "kiosk ", 6) == 0 && pc_kiosk_id_valid(id_line + 6) &&
         strncmp(sk_line, "ed25519-secret ", 15) == 0 &&
         read_hex(sk_line + 15, key->sk, sizeof key->sk);
    if (ok) {
        memcpy(key->kiosk_id, id_line + 6, strlen(id_line + 6) + 1); /* valid: ≤ 32 */
        crypto_sign_ed25519_sk_to_pk(key->pk, key->sk);
    } else {
        snprintf(err, errsize, "%s: not a kiosk secret key file", path);
        pc_kiosk_key_wipe(key);
    }
    sodium_memzero(sk_line, sizeof sk_line);
    return ok;
}

void pc_kiosk_key_wipe(pc_kiosk_key *key)
{
    sodium_memzero(key, sizeof *key);
}

/* ------------------------------------------------------------------ keyring */

bool pc_keyring_load(pc_keyring *ring, const char *path, char *err, size_t errsize)
{
    memset(ring, 0, sizeof *ring);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errsize, "%s: %s", path, strerror(errno));
        return false;
    }
    char line[PC_KEY_LINE];
    int lineno = 0;
    bool ok = true;
    while (ok && read_line(f, line, sizeof line)) {
        lineno++;
        if (line[0] == '\0' || line[0] == '#')
            continue;
        pc_keyring_entry e;
        pc_keyring_entry *grown = NULL;
        ok = parse_keyring_line(line, &e) && !pc_keyring_find(ring, e.kiosk_id);
        if (ok)
            grown = realloc(ring->entries, (ring->n + 1) * sizeof *grown);
        if (ok && !grown)
            ok = false;
        if (ok) {
            ring->entries = grown;
            ring->entries[ring->n++] = e;
        } else {
            snprintf(err, errsize,
                     "%s:%d: expected \"<kiosk id> ed25519 <64 hex>\" "
                     "(each kiosk once)",
                     path, lineno);
        }
    }
    fclose(f);
    if (!ok)
        pc_keyring_free(ring);
    return ok;
}

bool pc_keyring_append(const char *path, const char *kiosk_id,
                       const unsigned char pk[crypto_sign_PUBLICKEYBYTES], char *err,
                       size_t errsize)
{
    pc_keyring ring = {0};
    if (access(path, F_OK) == 0) {
        if (!pc_keyring_load(&ring, path, err, errsize))
            return false;
        bool dup = pc_keyring_find(&ring, kiosk_id) != NULL;
        pc_keyring_free(&ring);
        if (dup) {
            snprintf(err, errsize, "%s: kiosk \"%s\" is already in the keyring", path, kiosk_id);
            return false;
        }
    }
    char hex[crypto_sign_PUBLICKEYBYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, pk, crypto_sign_PUBLICKEYBYTES);
    /* public keys only: 0644 on purpose, whatever the umask, so the desks can read it */
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    FILE *f = fd >= 0 && fchmod(fd, 0644) == 0 ? fdopen(fd, "a") : NULL;
    if (!f || fprintf(f, "%s ed25519 %s\n", kiosk_id, hex) < 0 || fclose(f) != 0) {
        snprintf(err, errsize, "%s: %s", path, strerror(errno));
        if (!f && fd >= 0)
            close(fd);
        return false;
    }
    return true;
}

const pc_keyring_entry *pc_keyring_find(const pc_keyring *ring, const char *kiosk_id)
{
    for (size_t i = 0; i < ring->n; i++)
        if (strcmp(ring->entries[i].kiosk_id, kiosk_id) == 0)
            return &ring->entries[i];
    return NULL;
}

void pc_keyring_free(pc_keyring *ring)
{
    free(ring->entries);
    ring->entries = NULL;
    ring->n = 0;
}

static bool parse_keyring_line(char *line, pc_keyring_entry *e)
{
    char *save = NULL;
    char *id = strtok_r(line, " \t", &save);
    char *kind = strtok_r(NULL, " \t", &save);
    char *hex = strtok_r(NULL, " \t", &save);
    if (!id || !kind || !hex || strtok_r(NULL, " \t", &save) || !pc_kiosk_id_valid(id) ||
        strcmp(kind, "ed25519") != 0)
        return false;
    snprintf(e->kiosk_id, sizeof e->kiosk_id, "%s", id);
    return read_hex(hex, e->pk, sizeof e->pk);
}

/* ------------------------------------------------------------------ department */

bool pc_dept_key_generate(pc_dept_key *key)
{
    memset(key, 0, sizeof *key);
    if (sodium_init() < 0 || crypto_box_keypair(key->pk, key->sk) != 0)
        return false;
    key->has_sk = true;
    return true;
}

bool pc_dept_key_save(const pc_dept_key *key, const char *secret_path, const char *public_path,
                      char *err, size_t errsize)
{
    char hex[crypto_box_SECRETKEYBYTES * 2 + 1];
    char text[PC_KEY_LINE];
    sodium_bin2hex(hex, sizeof hex, key->sk, sizeof key->sk);
    snprintf(text, sizeof text, "department x25519-secret %s\n", hex);
    bool ok = write_new_file(secret_path, 0600, text, err, errsize);
    sodium_memzero(text, sizeof text);
    sodium_bin2hex(hex, sizeof hex, key->pk, sizeof key->pk);
    snprintf(text, sizeof text, "department x25519-public %s\n", hex);
    return ok && write_new_file(public_path, 0644, text, err, errsize);
}

bool pc_dept_key_load_secret(pc_dept_key *key, const char *path, char *err, size_t errsize)
{
    memset(key, 0, sizeof *key);
    FILE *f = open_secret(path, err, errsize);
    if (!f)
        return false;
    char line[PC_KEY_LINE];
    bool ok = read_line(f, line, sizeof line);
    fclose(f);
    ok = ok && strncmp(line, "department x25519-secret ", 25) == 0 &&
         read_hex(line + 25, key->sk, sizeof key->sk) &&
         crypto_scalarmult_base(key->pk, key->sk) == 0;
    sodium_memzero(line, sizeof line);
    if (!ok) {
        snprintf(err, errsize, "%s: not a department secret key file", path);
        pc_dept_key_wipe(key);
        return false;
    }
    key->has_sk = true;
    return true;
}

bool pc_dept_key_load_public(pc_dept_key *key, const char *path, char *err, size_t errsize)
{
    memset(key, 0, sizeof *key);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errsize, "%s: %s", path, strerror(errno));
        return false;
    }
    char line[PC_KEY_LINE];
    bool ok = read_line(f, line, sizeof line);
    fclose(f);
    ok = ok && strncmp(line, "department x25519-public ", 25) == 0 &&
         read_hex(line + 25, key->pk, sizeof key->pk);
    if (!ok)
        snprintf(err, errsize, "%s: not a department public key file", path);
    return ok;
}

void pc_dept_key_wipe(pc_dept_key *key)
{
    sodium_memzero(key, sizeof *key);
}

/* ------------------------------------------------------------------ helpers */

/* Creates path with mode (O_EXCL: an existing key is never overwritten). */
static bool write_new_file(const char *path, mode_t mode, const char *text, char *err,
                           size_t errsize)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        snprintf(err, errsize, "%s: %s", path,
                 errno == EEXIST ? "exists; not overwritten" : strerror(errno));
        return false;
    }
    size_t len = strlen(text);
    bool ok = fchmod(fd, mode) == 0 && write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
    if (close(fd) != 0)
        ok = false;
    if (!ok) {
        snprintf(err, errsize, "%s: %s", path, strerror(errno));
        unlink(path);
    }
    return ok;
}

/* Opens a secret key file, refusing one that group or others may read. */
static FILE *open_secret(const char *path, char *err, size_t errsize)
{
    FILE *f = fopen(path, "r");
    struct stat sb;
    if (!f || fstat(fileno(f), &sb) != 0) {
        snprintf(err, errsize, "%s: %s", path, strerror(errno));
        if (f)
            fclose(f);
        return NULL;
    }
    if (sb.st_mode & 077) {
        snprintf(err, errsize, "%s: secret key readable by others (mode %03o); chmod 600 it", path,
                 (unsigned)(sb.st_mode & 0777));
        fclose(f);
        return NULL;
    }
    return f;
}

static bool read_hex(const char *hex, unsigned char *out, size_t n)
{
    size_t got = 0;
    const char *end = NULL;
    return strlen(hex) == n * 2 && sodium_hex2bin(out, n, hex, n * 2, NULL, &got, &end) == 0 &&
           got == n && *end == '\0';
}

/* One line without its newline (and CR); false at end of file. */
static bool read_line(FILE *f, char *buf, size_t size)
{
    if (!fgets(buf, (int)size, f))
        return false;
    buf[strcspn(buf, "\r\n")] = '\0';
    return true;
}
