/* sync_lb.h — a round-robin TCP proxy for the tests: the load balancer in front of
 * several receiver instances that share one database.
 *
 * Why it exists: the promises that must hold across instances (exactly once, the
 * replayed answer, 409 in flight) are only tested when a kiosk's retry can land on
 * another instance than its first try, as behind a real balancer. Each new client
 * connection goes to the next backend in turn; bytes are copied both ways untouched
 * (TCP level, no HTTP parsing); either side closing closes both. */
#ifndef PC_SYNC_LB_H
#define PC_SYNC_LB_H

#include <stddef.h>
#include <stdint.h>

#define SYNC_LB_MAX 4

typedef struct sync_lb sync_lb;

/* Listens on 127.0.0.1 (any free port); NULL on failure. */
sync_lb *sync_lb_start(const uint16_t *ports, size_t n);
uint16_t sync_lb_port(const sync_lb *lb);
/* Closes every connection and frees. */
void sync_lb_stop(sync_lb *lb);

#endif
