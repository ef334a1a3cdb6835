/* recv_report.h — what the department reads out of the receiver: the operator
 * console's figures (pre-checks per policy × outcome per day or week, the fleet of
 * kiosks, the questions most often answered 不确定) and the export (JSON lines or CSV
 * with labels beside the codes).
 *
 * Why it exists: the console and `receiver export` must say the same thing about the
 * same rows, with the same words; one file makes both from the store (recv_store.h)
 * and the packs the receiver is given (--rules), so that question texts, policy titles
 * and the current pack versions come from the packs, not from C. Days are China
 * Standard Time (UTC+8, no summer time); a week starts on Monday. A kiosk's hall is the
 * part of its id before the last '-' ("hall1-k01" is in "hall1"). The figures are made
 * from the console's rollups and the rows after them (recv_rollup.h).
 * Kiosk-side fields (sync_state, synced_at_unix, purged) never leave through here. */
#ifndef PC_RECV_REPORT_H
#define PC_RECV_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "keys.h"
#include "pack.h"
#include "recv_store.h"

#define PC_RECV_HALL_MAX (PC_KIOSK_ID_MAX + 1)
#define PC_RECV_SILENT_HOURS_DEFAULT 36 /* a nightly kiosk missed one night and more */

/* Which rows: every field empty / 0 means "all". Days are CST day numbers. */
typedef struct pc_recv_filter {
    char hall[PC_RECV_HALL_MAX];
    char kiosk[PC_KIOSK_ID_MAX + 1];
    int64_t from_day, to_day; /* inclusive; to_day 0: no upper bound */
    bool has_from;
    bool recount; /* read every stored row, not the rollups (recv_rollup.h): tests */
} pc_recv_filter;

/* From the console's query words (each NULL or "" for none; dates YYYY-MM-DD). */
bool pc_recv_filter_parse(pc_recv_filter *f, const char *hall, const char *kiosk, const char *from,
                          const char *to, char *err, size_t errsize);
void pc_recv_hall_of(const char *kiosk_id, char out[PC_RECV_HALL_MAX]);
int64_t pc_recv_cst_day(int64_t unix_seconds);

/* What the figures read of one stored submission; doc is to be json_decref'd. False
 * (nothing to free) when it has no policy or outcome. */
typedef struct pc_recv_facts {
    const char *kiosk, *policy, *outcome;
    int64_t created, day; /* created_at_unix (else received_at), its CST day */
    json_t *doc, *answers;
} pc_recv_facts;

bool pc_recv_facts_read(const pc_recv_row *row, pc_recv_facts *out);

/* {"by","periods":[…],"outcomes":[{"code","label"}],"policies":[{"id","title",
 *  "counts":{"<outcome>":[n per period]},"total"}],"total"} */
json_t *pc_recv_report_counts(pc_recv_store *s, const pc_pack_set *packs, const pc_recv_filter *f,
                              bool weekly, char *err, size_t errsize);
/* {"questions":[{"policy","policy_title","question","text","unsure","answered"}]},
 * the `top` questions with most 不确定 answers, most first. */
json_t *pc_recv_report_unsure(pc_recv_store *s, const pc_pack_set *packs, const pc_recv_filter *f,
                              size_t top, char *err, size_t errsize);
/* {"now","silent_hours","kiosks":[{"kiosk_id","hall","enrolled","last_contact",
 *  "silent","printer","queue_depth","last_sync_at","packs_behind":[{"id","kiosk",
 *  "current"}],"program_version","clock_offset_s","clock_seen_s","free_disk_bytes",
 *  "last_error","submissions"}],"halls":[…]} for every enrolled kiosk and every kiosk
 * that reported; the filter's hall and kiosk apply, not its dates. */
json_t *pc_recv_report_fleet(pc_recv_store *s, const pc_pack_set *packs, const pc_keyring *enrolled,
                             const pc_recv_filter *f, int64_t now, int silent_hours, char *err,
                             size_t errsize);
/* The same against the latest published manifest (recv_publish.h, pc_recv_published_
 * versions: [{"id","version"}], borrowed; NULL: against packs as above): a pack is
 * behind where the kiosk lacks it or runs another version than the one published (after
 * a rollback, a newer one too). Each kiosk's "manifest_serial" and the top-level
 * "published_serial" (0: none) come with it. */
json_t *pc_recv_report_fleet_published(pc_recv_store *s, const pc_pack_set *packs,
                                       json_t *published, int64_t published_serial,
                                       const pc_keyring *enrolled, const pc_recv_filter *f,
                                       int64_t now, int silent_hours, char *err, size_t errsize);

/* Export of rows with seq > since: one JSON object a line ({"seq",…,"submission"}
 * without kiosk-side fields), or CSV (RFC 4180, a header row; labels beside codes). */
bool pc_recv_export_json(pc_recv_store *s, int64_t since, FILE *out);
bool pc_recv_export_csv(pc_recv_store *s, const pc_pack_set *packs, int64_t since, FILE *out);

/* Operators' words for an outcome code ("exempt" → "可免责"), the code when unknown. */
const char *pc_recv_outcome_words(const char *outcome);

#endif
