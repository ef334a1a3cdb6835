/* desk_mkreceipt.c — test helper: one signed receipt as a kiosk would issue it, for the
 * desk's tests. The kiosk key file comes from `precheck keygen kiosk` (as in
 * tests/receipt/cli_verify.sh); the answers are the kiosk's, by question id, in the
 * `precheck eval` facts file's "answers" form; the result is evaluated on the receipt's
 * day with the source tree's calendar and signed into the receipt, as pc_receipt_issue
 * does (without a store). Prints the receipt text ("RC1…") and a newline.
 * usage: desk_mkreceipt KIOSK.key PACK.yaml ANSWERS_JSON [CREATED_AT_UNIX] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "facts_json.h"
#include "receipt.h"

static int die(const char *what, const char *err)
{
    fprintf(stderr, "desk_mkreceipt: %s: %s\n", what, err);
    return 1;
}

static int make(const pc_kiosk_key *key, const pc_pack *pack, const pc_calendar *cal,
                const char *answers_json, int64_t at)
{
    char err[600], id[PC_RECEIPT_ID_SIZE], text[PC_RECEIPT_MAX_TEXT];
    json_t *obj = json_loads(answers_json, 0, NULL);
    pc_answers a;
    if (!obj || !pc_answers_from_json(pack, obj, &a, err, sizeof err)) {
        json_decref(obj);
        return die("answers", obj ? err : "not JSON");
    }
    json_decref(obj);
    pc_facts facts;
    pc_result r;
    pc_facts_from_answers(&facts, pack, &a);
    pc_evaluate(pack, cal, &facts, pc_day_of_time(at), &r);
    pc_receipt rc;
    pc_receipt_id_new(id);
    pc_receipt_from_answers(&rc, id, key->kiosk_id, at, pack, &a, r.outcome);
    pc_key_id(key->pk, rc.key_id);
    if (!pc_receipt_encode(&rc, key, NULL, text, sizeof text, NULL))
        return die("encode", "does not fit");
    puts(text);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: desk_mkreceipt KIOSK.key PACK.yaml ANSWERS_JSON [CREATED_AT]\n");
        return 2;
    }
    char err[600];
    pc_kiosk_key key;
    pc_calendar *cal = calloc(1, sizeof *cal);
    pc_pack *pack = NULL;
    int rc = 1;
    if (!cal || !pc_kiosk_key_load(&key, argv[1], err, sizeof err))
        rc = die(argv[1], cal ? err : "out of memory");
    else if (!(pack = pc_pack_load(argv[2], err, sizeof err)))
        rc = die(argv[2], err);
    else if (!pc_calendar_load_dir(cal, PC_SOURCE_DIR "/rules/calendar", err, sizeof err))
        rc = die("calendar", err);
    else
        rc = make(&key, pack, cal, argv[3], argc == 5 ? atoll(argv[4]) : (int64_t)time(NULL));
    pc_pack_free(pack);
    pc_kiosk_key_wipe(&key);
    free(cal);
    return rc;
}
