/* fuzz_sync_manifest.c — the kiosk's reader of the department's pack manifest
 * (pc_proto_manifest_open and the payload check behind it): any text must be refused
 * or read without a crash, a leak or undefined behaviour, and a manifest accepted must
 * name only paths that stay inside a generation. The payload check is fed directly too,
 * since no fuzzer forges the envelope's signature. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto_manifest.h"

static void check_paths(const pc_proto_manifest *m)
{
    for (size_t i = 0; i < m->n_files; i++)
        if (strstr(m->files[i].path, "..") == m->files[i].path || m->files[i].path[0] == '/' ||
            strstr(m->files[i].path, "/."))
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static pc_keyring_entry e = {.kiosk_id = "department"};
    pc_keyring ring = {&e, 1};
    pc_proto_manifest m;
    char err[256];
    if (pc_proto_manifest_open((const char *)data, size, &ring, &m, err, sizeof err)) {
        check_paths(&m);
        pc_proto_manifest_free(&m);
    }
    json_t *payload = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (payload && pc_proto_manifest_from_json(payload, &m, err, sizeof err)) {
        check_paths(&m);
        pc_proto_manifest_free(&m);
    }
    return 0;
}
