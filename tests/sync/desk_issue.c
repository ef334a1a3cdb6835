/* desk_issue.c — test helper for desk_sync.sh: N pre-checks as the kiosk makes them,
 * through pc_receipt_issue (the submission committed to the kiosk's store, then its
 * signed receipt), so that kiosk-sync can carry them to the receiver and a desk can scan
 * the very receipts. The answers are the kiosk's, by question id (the `precheck eval`
 * facts file's "answers" form), evaluated on today with the pack directory's calendar.
 * Prints one receipt text ("RC1…") a line.
 * usage: desk_issue STORE KIOSK.key PACK.yaml ANSWERS_JSON N */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "facts_json.h"
#include "receipt.h"

static int die(const char *what, const char *err)
{
    fprintf(stderr, "desk_issue: %s: %s\n", what, err);
    return 1;
}

/* n receipts for the answers; 0 when every one is stored and printed. */
static int issue(pc_store *store, const pc_kiosk_key *key, const pc_pack *pack,
                 const pc_calendar *cal, const char *answers_json, long n)
{
    char err[600];
    json_t *obj = json_loads(answers_json, 0, NULL);
    pc_answers a;
    if (!obj || !pc_answers_from_json(pack, obj, &a, err, sizeof err)) {
        json_decref(obj);
        return die("answers", obj ? err : "not JSON");
    }
    json_decref(obj);
    int64_t now = (int64_t)time(NULL);
    pc_facts facts;
    pc_result r;
    pc_facts_from_answers(&facts, pack, &a);
    pc_evaluate(pack, cal, &facts, pc_day_of_time(now), &r);
    for (long i = 0; i < n; i++) {
        pc_issued out;
        if (pc_receipt_issue(store, key, NULL, pack, &a, &r, NULL, now, &out) != PC_STORE_OK)
            return die("issue", pc_store_errmsg(store));
        puts(out.text);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 6 || sodium_init() < 0) {
        fprintf(stderr, "usage: desk_issue STORE KIOSK.key PACK.yaml ANSWERS_JSON N\n");
        return 2;
    }
    char err[600], cal_dir[4200];
    pc_kiosk_key key;
    pc_calendar *cal = calloc(1, sizeof *cal);
    pc_pack *pack = NULL;
    pc_store *store = NULL;
    int rc = 1;
    const char *slash = strrchr(argv[3], '/');
    snprintf(cal_dir, sizeof cal_dir, "%.*scalendar", slash ? (int)(slash - argv[3] + 1) : 0,
             argv[3]);
    if (!cal || !pc_kiosk_key_load(&key, argv[2], err, sizeof err))
        rc = die(argv[2], cal ? err : "out of memory");
    else if (!(pack = pc_pack_load(argv[3], err, sizeof err)))
        rc = die(argv[3], err);
    else if (!pc_calendar_load_dir(cal, cal_dir, err, sizeof err))
        rc = die(cal_dir, err);
    else if (pc_store_open(argv[1], &store, err, sizeof err) != PC_STORE_OK)
        rc = die(argv[1], err);
    else
        rc = issue(store, &key, pack, cal, argv[4], atol(argv[5]));
    pc_store_close(store);
    pc_pack_free(pack);
    pc_kiosk_key_wipe(&key);
    free(cal);
    return rc;
}
