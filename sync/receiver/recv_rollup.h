/* recv_rollup.h — the console's figures kept as rollups, so that the overview stays
 * quick with a province's millions of pre-checks.
 *
 * Why it exists: counting every stored submission for each request (reading and
 * parsing each one's JSON) took seconds at a hundred thousand rows. The rollups hold
 * the same figures summed per day × kiosk × policy × outcome, per day × kiosk × policy
 * × question (不确定 and all answers) and per kiosk (submissions, last received), up
 * to a watermark (a submission seq). A console request first brings them up to date
 * (pc_recv_rollup_refresh: the rows after the watermark, read without a lock, summed,
 * and written in one transaction that holds the watermark's lock and checks it has not
 * moved, so receivers sharing the database never add a row twice), then
 * reads the rollups and the few rows after the watermark in one snapshot
 * (pc_recv_rollup_read): a figure always counts every committed row exactly once. The
 * intake is untouched.
 *
 * Rows commit out of seq order on PostgreSQL (bigserial is taken at insert, the batch
 * commits later, and two receivers write at once): a row is rolled up only once it and
 * every row before it were received PC_RECV_ROLL_LAG seconds ago or more, far longer
 * than a batch's transaction lasts (the claim's lease is 60 s); newer rows are read one
 * by one until then. */
#ifndef PC_RECV_ROLLUP_H
#define PC_RECV_ROLLUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "recv_store.h"

#define PC_RECV_ROLL_LAG 600 /* seconds */

/* Adds the rows received before now - PC_RECV_ROLL_LAG that are past the watermark;
 * *added (may be NULL) counts them. A failure leaves the rollups as they were. */
bool pc_recv_rollup_refresh(pc_recv_store *s, int64_t now, size_t *added, char *err,
                            size_t errsize);

/* In one snapshot: every rollup row of that kind to roll, then every submission past
 * the watermark to row. recount: no rollups, every submission to row (the figures
 * made the slow way, for tests and checks). */
bool pc_recv_rollup_read(pc_recv_store *s, bool recount, char kind, pc_recv_roll_fn roll,
                         pc_recv_row_fn row, void *ctx);

#endif
