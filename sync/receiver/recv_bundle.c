/* recv_bundle.c — a kiosk's bundle into the receiver's database (see recv_bundle.h;
 * the format is in sync/PROTOCOL.md, "Offline bundles"). */
#include "recv_bundle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto_envelope.h"

bool pc_recv_bundle_import(pc_recv_store *db, const pc_keyring *kiosks, const char *text,
                           size_t len, pc_recv_import *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    pc_proto_batch batch;
    if (!pc_proto_bundle_open(text, len, kiosks, out->kiosk_id, &batch, err, errsize))
        return false;
    char *answer = pc_recv_store_batch(db, NULL, out->kiosk_id, &batch, "bundle", &out->n_new);
    out->n = batch.n;
    pc_proto_batch_free(&batch);
    pc_proto_answer a;
    if (!answer || !pc_proto_answer_parse(answer, strlen(answer), &a, err, errsize)) {
        if (!answer)
            snprintf(err, errsize, "database: %s", pc_recv_store_errmsg(db));
        free(answer);
        return false;
    }
    free(answer);
    out->acked = json_incref(json_object_get(a.head.root, "acknowledged"));
    out->n_already = (size_t)a.head.already_present;
    out->n_rejected = a.head.n_rejected;
    pc_proto_answer_free(&a);
    return true;
}

void pc_recv_import_free(pc_recv_import *imp)
{
    json_decref(imp->acked);
    imp->acked = NULL;
}
