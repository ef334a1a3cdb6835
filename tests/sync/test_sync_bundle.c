/* test_sync_bundle.c — offline sync by USB stick: a bundle round trip stores every
 * submission once; the same bundle imported again stores nothing; a bundle changed by
 * one byte, or signed by a kiosk the department does not know, is refused whole; the
 * department's acknowledgement file marks the kiosk's rows synced, and one that is
 * forged or meant for another kiosk marks nothing. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "client_bundle.h"
#include "file_read.h"
#include "proto_envelope.h"
#include "recv_bundle.h"
#include "sync_test_util.h"

static char *read_all(const char *path, size_t *len)
{
    char err[256];
    char *text = pc_file_read(path, len, err, sizeof err);
    if (!text)
        die("read", err);
    return text;
}

static size_t held(fixture *f)
{
    pc_recv_store *db = fixture_store(f);
    size_t n = 0;
    if (!pc_recv_store_count(db, &n))
        die("receiver db", pc_recv_store_errmsg(db));
    pc_recv_store_close(db);
    return n;
}

static bool import_text(fixture *f, const char *text, size_t len, pc_recv_import *imp)
{
    pc_recv_store *db = fixture_store(f);
    char err[256];
    bool ok = pc_recv_bundle_import(db, &f->kiosks, text, len, imp, err, sizeof err);
    pc_recv_store_close(db);
    return ok;
}

static void round_trip_twice(fixture *f, const char *bundle, size_t n)
{
    size_t len = 0;
    char *text = read_all(bundle, &len);
    pc_recv_import imp;
    CHECK(import_text(f, text, len, &imp));
    CHECK(imp.n == n && imp.n_new == n && imp.n_already == 0 && imp.n_rejected == 0);
    CHECK(strcmp(imp.kiosk_id, f->kiosk.kiosk_id) == 0);
    pc_recv_import_free(&imp);
    CHECK(import_text(f, text, len, &imp));         /* the same stick, again */
    CHECK(imp.n == n && imp.n_new == 0 && imp.n_already == n);
    CHECK(held(f) == n);
    char *ack = pc_proto_ack_seal(&f->dept, f->kiosk.kiosk_id, imp.acked);
    pc_recv_import_free(&imp);
    /* an acknowledgement signed by someone else marks nothing */
    pc_kiosk_key other;
    char err[256];
    pc_kiosk_key_generate(&other, "department", err, sizeof err);
    json_t *none = json_array();
    char *forged = pc_proto_ack_seal(&other, f->kiosk.kiosk_id, none);
    size_t marked = 99;
    CHECK(!pc_client_ack_apply(f->store, f->kiosk.kiosk_id, &f->dept_ring, forged,
                               strlen(forged), &marked, err, sizeof err) && marked == 0);
    /* the real one, for another kiosk, marks nothing either */
    CHECK(!pc_client_ack_apply(f->store, "hall9-k99", &f->dept_ring, ack, strlen(ack), &marked,
                               err, sizeof err) && marked == 0);
    CHECK(pc_client_ack_apply(f->store, f->kiosk.kiosk_id, &f->dept_ring, ack, strlen(ack),
                              &marked, err, sizeof err) && marked == n);
    CHECK(fixture_all_delivered(f, n));
    json_decref(none);
    free(forged);
    free(ack);
    free(text);
}

static void tampered_refused(fixture *f, const char *bundle)
{
    size_t len = 0;
    char *text = read_all(bundle, &len);
    size_t before = held(f);
    pc_recv_import imp;
    /* one character of the payload changed: an outcome turned around */
    char *at = strstr(text, "refer");
    CHECK(at != NULL);
    if (at) {
        memcpy(at, "exemp", 5);
        CHECK(!import_text(f, text, len, &imp));
        memcpy(at, "refer", 5);
    }
    /* one character of the signature changed */
    char *sig = strstr(text, "\"signature\": \"");
    CHECK(sig != NULL);
    if (sig) {
        char *c = sig + strlen("\"signature\": \"") + 3;
        *c = *c == 'A' ? 'B' : 'A';
        CHECK(!import_text(f, text, len, &imp));
    }
    CHECK(!import_text(f, text, len / 2, &imp));      /* cut short */
    CHECK(held(f) == before);
    free(text);
}

static void unknown_kiosk_refused(fixture *f)
{
    pc_kiosk_key stranger;
    char err[256];
    pc_kiosk_key_generate(&stranger, "hall1-k01", err, sizeof err);  /* same id, other key */
    json_t *payload = json_pack("{s:i, s:s, s:[]}", "protocol", 1, "kiosk_id", "hall1-k01",
                                "submissions");
    char *text = pc_proto_envelope_seal(PC_PROTO_FORMAT_BUNDLE, &stranger, payload);
    pc_recv_import imp;
    CHECK(!import_text(f, text, strlen(text), &imp));
    json_decref(payload);
    free(text);
}

static void find_bundle(const char *dir, char *out, size_t size)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    out[0] = '\0';
    while (d && (e = readdir(d)) != NULL)
        if (strstr(e->d_name, ".pcbundle"))
            snprintf(out, size, "%s/%s", dir, e->d_name);
    if (d)
        closedir(d);
}

int main(void)
{
    fixture f;
    fixture_init(&f);
    fixture_seed(&f, 60);
    char usb[300], path[1100], found[1100], err[256];
    snprintf(usb, sizeof usb, "%s/usb", f.dir);
    CHECK(mkdir(usb, 0700) == 0);
    size_t n = 0;
    CHECK(pc_client_bundle_export(f.store, &f.kiosk, usb, path, sizeof path, &n, err,
                                  sizeof err));
    CHECK(n == 60);
    find_bundle(usb, found, sizeof found);
    CHECK(strcmp(found, path) == 0);            /* the file is there, no temp file left */
    size_t pending = 0, synced = 0;
    pc_store_count(f.store, &pending, &synced);
    CHECK(pending == 60 && synced == 0);        /* export alone marks nothing */
    tampered_refused(&f, path);
    unknown_kiosk_refused(&f);
    CHECK(held(&f) == 0);
    round_trip_twice(&f, path, 60);
    fixture_done(&f);
    return CHECK_DONE();
}
