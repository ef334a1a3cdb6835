/* console_site.c — test helper for the console's browser test (browser/run.sh): a
 * receiver in this process serving the operator console, seeded through the real sync
 * with the console fleet (sync_console_seed.h: four kiosks in two halls, ten days of
 * pre-checks, statuses), a staff desk's records of some of them sent by `desk sync`
 * (console_desk_seed.h), and one operator. Writes the port to PORT_FILE, then serves
 * until its stdin closes.
 * Usage: console_site RULES_DIR CONSOLE_DIR PORT_FILE OPERATOR PASSWORD */
#include <stdio.h>
#include <string.h>

#include "console_desk_seed.h"
#include "proto_files.h"
#include "sync_console_seed.h"

static void add_operator(fixture *f, const char *name, const char *password)
{
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        die("pwhash", NULL);
    pc_recv_store *db = fixture_store(f);
    if (!pc_recv_store_operator_put(db, name, hash, 1))
        die("operator", pc_recv_store_errmsg(db));
    pc_recv_store_close(db);
}

int main(int argc, char **argv)
{
    if (argc != 6 || sodium_init() < 0) {
        fprintf(stderr, "usage: console_site RULES_DIR CONSOLE_DIR PORT_FILE OPERATOR PASSWORD\n");
        return 2;
    }
    char err[512];
    pc_pack_set packs;
    if (!pc_pack_set_load_dir(&packs, argv[1], err, sizeof err))
        die("rules", err);
    fixture f;
    fixture_init(&f);
    console_seed cs;
    console_seed_make(&f, &packs, argv[1], &cs);
    site *s = fixture_site(&f, NULL, 0);
    if (!console_seed_sync(&f, s, &cs))
        die("seed sync", NULL);
    site_stop(s);
    add_operator(&f, argv[4], argv[5]);
    desk_seed ds;
    const pc_kiosk_key *keys[] = {&f.kiosk, &cs.extra[0].key, &cs.extra[1].key};
    desk_seed_make(&f, keys, 2, &ds); /* hall2-k01's receipts were never scanned */
    pc_recv_opts o = {.console_dir = argv[2], .packs = &packs, .log = stderr, .desks = &ds.ring};
    s = fixture_site_opts(&f, o, 1, false);
    if (!desk_seed_sync(&f, s, &ds))
        die("desk sync", NULL);
    char line[16];
    int n = snprintf(line, sizeof line, "%u\n", (unsigned)pc_recv_server_port(s->srv[0]));
    if (!pc_proto_write_atomic(argv[3], line, (size_t)n, err, sizeof err))
        die("port file", err);
    fprintf(stderr, "console_site: %zu submissions, %zu desk records, serving on port %s",
            cs.submissions, ds.records, line);
    while (getchar() != EOF)
        ;
    site_stop(s);
    console_seed_done(&cs);
    desk_seed_done(&ds);
    fixture_done(&f);
    pc_pack_set_free(&packs);
    return 0;
}
