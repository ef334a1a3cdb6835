/* recv_pool.h — a fixed set of store connections shared by the server's threads.
 *
 * Why it exists: a store (one SQLite or PostgreSQL connection) serves one thread at a
 * time, and one connection for the whole server would make every kiosk wait for every
 * other's transaction. The pool opens n stores on the same database at start and
 * lends them out; a thread that finds none free waits for one. The stores' writers
 * take turns on the pool's own mutex (SQLite: one writer per file at a time anyway). */
#ifndef PC_RECV_POOL_H
#define PC_RECV_POOL_H

#include <stdbool.h>
#include <stddef.h>

#include "recv_store.h"

typedef struct pc_recv_pool pc_recv_pool;

/* Opens n (1-64) stores on `where`; flags as pc_recv_store_open's (the first one
 * creates, when asked). */
bool pc_recv_pool_open(const char *where, int flags, size_t n, pc_recv_pool **out, char *err,
                       size_t errsize);
/* Borrows a store (waits for one); give it back with pc_recv_pool_give. */
pc_recv_store *pc_recv_pool_take(pc_recv_pool *p);
void pc_recv_pool_give(pc_recv_pool *p, pc_recv_store *s);
void pc_recv_pool_close(pc_recv_pool *p);

#endif
