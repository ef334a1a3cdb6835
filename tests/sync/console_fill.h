/* console_fill.h — a receiver's store filled in bulk with pre-checks as kiosks send
 * them, for the console's figures (bench_console.c through the handler,
 * console_bulk.c for the page in chromium): 50 kiosks in 10 halls, 120 days, every
 * pack given, answers with 不确定 among them. Rows go straight into the store in one
 * transaction (not through HTTP: the figures are the console's, not the intake's).
 * Aborts the program on a store failure (a bench that cannot fill must not report). */
#ifndef PC_CONSOLE_FILL_H
#define PC_CONSOLE_FILL_H

#include <stddef.h>
#include <stdint.h>

#include "pack.h"
#include "recv_store.h"

#define CONSOLE_FILL_KIOSKS 50 /* 10 halls × 5 kiosks: hall0-k00 … hall9-k04 */
#define CONSOLE_FILL_DAYS 120

/* Stores rows first..first+n-1 (receipt ids R000000000…), made over the last
 * CONSOLE_FILL_DAYS days before `now`, received at `received`; each kiosk's rows
 * together, as a kiosk's batches arrive. Does not close s. */
void console_fill(pc_recv_store *s, const pc_pack_set *packs, size_t first, size_t n, int64_t now,
                  int64_t received);

#endif
