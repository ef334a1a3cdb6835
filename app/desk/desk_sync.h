/* desk_sync.h — `desk sync`: the desk's records (收件, 受理, 退回, 不予受理) to the
 * department's receiver, exactly once (sync/PROTOCOL.md, "Desk records").
 *
 * Why it exists: the department must see which pre-checks became applications. The
 * desk signs its records with its own Ed25519 key (enrolled in the receiver's desks'
 * keyring), sends those not yet acknowledged in batches, each with one
 * Idempotency-Key kept across its retries, and marks a record sent only when an answer
 * signed by a department key names its seq. Run nightly by desk-sync.timer; exit
 * statuses as kiosk-sync's (sync/README.md). HTTP is sync/client's (libcurl), the
 * bytes are sync/proto's: nothing is written twice. */
#ifndef DESK_SYNC_H
#define DESK_SYNC_H

/* `desk sync [options]` with argv[0] = "sync"; returns the exit status. */
int desk_sync_main(int argc, char **argv);

#endif
