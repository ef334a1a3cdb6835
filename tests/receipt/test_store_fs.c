/* test_store_fs.c — the store on a real full disk and a real read-only filesystem:
 * small tmpfs mounts in a private mount namespace (needs root; skipped with exit 77
 * otherwise — test_store.c covers "full" through the size limit everywhere).
 * Full: every submission reported issued is there after reopening, the failing one
 * is not, the file passes integrity_check, and writes work again once space is back.
 * Read-only: open is refused as read-only and the file is left as it was. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "fixture.h"
#include "../check.h"

#define MAX_ISSUED 4000

static bool mount_tmpfs(const char *dir, const char *size)
{
    char opts[64];
    snprintf(opts, sizeof opts, "size=%s,mode=0700", size);
    return mount("tmpfs", dir, "tmpfs", 0, opts) == 0;
}

static pc_store_status issue(pc_store *s, const rc_fixture *f, pc_issued *out)
{
    pc_answers a;
    pc_result r;
    rc_fixture_answers(f, &a, true);
    rc_fixture_eval(f, &a, &r);
    return pc_receipt_issue(s, &f->key, NULL, f->pack, &a, &r, "contact 13800138000", f->now, out);
}

static void fill_file(const char *path, size_t bytes)
{
    FILE *fp = fopen(path, "wb");
    for (size_t i = 0; fp && i < bytes; i++)
        fputc('x', fp);
    if (fp)
        fclose(fp);
}

static void test_disk_full(const rc_fixture *f, const char *dir)
{
    char db[700], filler[700], err[800];
    snprintf(db, sizeof db, "%s/q.db", dir);
    snprintf(filler, sizeof filler, "%s/filler", dir);
    pc_store *s = NULL;
    CHECK(pc_store_open(db, &s, err, sizeof err) == PC_STORE_OK);
    if (!s)
        return;
    struct statvfs vfs;
    CHECK(statvfs(dir, &vfs) == 0);
    size_t avail = (size_t)vfs.f_bavail * vfs.f_frsize;
    fill_file(filler, avail > 256 * 1024 ? avail - 256 * 1024 : 0); /* leave 256 KiB */
    static char issued[MAX_ISSUED][PC_RECEIPT_ID_SIZE];
    size_t n = 0;
    pc_store_status st = PC_STORE_OK;
    pc_issued is;
    while (n < MAX_ISSUED && (st = issue(s, f, &is)) == PC_STORE_OK)
        memcpy(issued[n++], is.receipt_id, PC_RECEIPT_ID_SIZE);
    CHECK(st == PC_STORE_FULL && n >= 5);
    CHECK(is.text[0] == '\0');              /* the failed one has no receipt to show */
    printf("tmpfs full after %zu submissions: %s (%s)\n", n, pc_store_status_name(st), pc_store_errmsg(s));
    pc_store_close(s);
    remove(filler);                          /* space back */
    CHECK(pc_store_open(db, &s, err, sizeof err) == PC_STORE_OK);
    if (!s)
        return;
    size_t pending = 0, synced = 0;
    CHECK(pc_store_count(s, &pending, &synced) == PC_STORE_OK && pending == n);
    for (size_t i = 0; i < n; i++) {
        pc_submission sub;
        CHECK(pc_store_get(s, issued[i], &sub) == PC_STORE_OK);
        pc_submission_free(&sub);
    }
    CHECK(pc_store_check(s) == PC_STORE_OK);
    CHECK(issue(s, f, &is) == PC_STORE_OK);
    pc_store_close(s);
}

static void test_read_only(const rc_fixture *f, const char *dir)
{
    char db[700], err[800];
    snprintf(db, sizeof db, "%s/ro.db", dir);
    pc_store *s = NULL;
    CHECK(pc_store_open(db, &s, err, sizeof err) == PC_STORE_OK);
    pc_issued is;
    CHECK(s && issue(s, f, &is) == PC_STORE_OK);
    pc_store_close(s);
    CHECK(mount(NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL) == 0);
    s = (pc_store *)1;
    pc_store_status st = pc_store_open(db, &s, err, sizeof err);
    printf("read-only filesystem: %s (%s)\n", pc_store_status_name(st), err);
    CHECK(st == PC_STORE_READONLY && s == NULL);
    CHECK_STR(pc_strings_get(&f->strings, pc_store_status_key(st)), "暂时无法生成回执，请到窗口办理");
    CHECK(mount(NULL, dir, NULL, MS_REMOUNT, "size=1m,mode=0700") == 0);
    CHECK(pc_store_open(db, &s, err, sizeof err) == PC_STORE_OK);
    pc_submission sub;
    CHECK(s && pc_store_get(s, is.receipt_id, &sub) == PC_STORE_OK);   /* kept as it was */
    pc_submission_free(&sub);
    pc_store_close(s);
}

int main(void)
{
    if (geteuid() != 0 || unshare(CLONE_NEWNS) != 0 ||
        mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
        printf("skipped: needs root to mount a small tmpfs\n");
        return 77;
    }
    char dir[512];
    rc_tempdir(dir, sizeof dir);
    if (!mount_tmpfs(dir, "1m")) {
        printf("skipped: tmpfs mount refused\n");
        rc_rmtree(dir);
        return 77;
    }
    rc_fixture f;
    rc_fixture_init(&f, NULL);
    test_disk_full(&f, dir);
    test_read_only(&f, dir);
    rc_fixture_free(&f);
    umount(dir);
    rc_rmtree(dir);
    return CHECK_DONE();
}
