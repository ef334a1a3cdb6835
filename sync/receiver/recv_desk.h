/* recv_desk.h — what the receiver does with the staff desks' records (POST
 * /v1/desk-records, sync/PROTOCOL.md "Desk records"), and what it reads out of them:
 * the export (`receiver export --desk`) and the console's "pre-checks that became
 * applications" (per policy and day or week: received at a desk 收件, accepted 受理,
 * returned 退回/不予受理).
 *
 * Why it exists: the department must see which pre-checks turned into applications.
 * A desk's batch goes through the same promises as a kiosk's (recv_intake.h): its
 * Idempotency-Key claimed in the database (scoped "desk:<id>", recv_store.h), the
 * first answer replayed, 409 while in flight, the records and the answer in one
 * transaction, each record held once per (desk, the desk's seq). The store's backends
 * only speak SQL (desk_insert, desk_each); the rest is here, once. */
#ifndef PC_RECV_DESK_H
#define PC_RECV_DESK_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "pack.h"
#include "recv_intake.h"
#include "recv_report.h"

/* An authenticated POST of a desk (post->kiosk is the desk's id): claim, replay or
 * store, and the answer to send. lease_s 0: the default. */
void pc_recv_desk_submit(pc_recv_pool *pool, FILE *log, int lease_s, const pc_recv_post *post,
                         pc_recv_reply *out);

/* {"by","periods":[…],"actions":[{"code","label"}],"policies":[{"id","title",
 *  "counts":{"receive":[n per period],"accept":[…],"returned":[…]},
 *  "totals":{"receive":n,"accept":n,"returned":n}}],"totals":{…},"not_received":n}
 * counting pre-checks (distinct receipts) by the day of the desk's record; the filter's
 * hall and kiosk are the pre-check's kiosk's (the desk's hall while the department has
 * not received the pre-check). not_received: records whose pre-check is not (yet)
 * at the department. */
json_t *pc_recv_report_desk(pc_recv_store *s, const pc_pack_set *packs, const pc_recv_filter *f,
                            bool weekly, char *err, size_t errsize);

#endif
