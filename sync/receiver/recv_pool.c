/* recv_pool.c — store connections lent to the server's threads (see recv_pool.h). */
#include "recv_pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define POOL_MAX 64

struct pc_recv_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;          /* a store came back */
    pthread_mutex_t write_lock;    /* the stores' writers take turns on it (SQLite) */
    pc_recv_store *all[POOL_MAX];  /* every store, for closing */
    pc_recv_store *idle[POOL_MAX]; /* the ones not lent out */
    size_t n, n_idle;
};

bool pc_recv_pool_open(const char *where, int flags, size_t n, pc_recv_pool **out, char *err,
                       size_t errsize)
{
    *out = NULL;
    pc_recv_pool *p = calloc(1, sizeof *p);
    if (!p || n == 0 || n > POOL_MAX) {
        snprintf(err, errsize, p ? "database connections: 1 to %d" : "out of memory", POOL_MAX);
        free(p);
        return false;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    pthread_mutex_init(&p->write_lock, NULL);
    for (; p->n < n; p->n++) {
        if (!pc_recv_store_open(where, p->n ? 0 : flags, &p->all[p->n], err, errsize)) {
            pc_recv_pool_close(p);
            return false;
        }
        pc_recv_store_share_write_lock(p->all[p->n], &p->write_lock);
        p->idle[p->n_idle++] = p->all[p->n];
    }
    *out = p;
    return true;
}

pc_recv_store *pc_recv_pool_take(pc_recv_pool *p)
{
    pthread_mutex_lock(&p->lock);
    while (p->n_idle == 0)
        pthread_cond_wait(&p->freed, &p->lock);
    pc_recv_store *s = p->idle[--p->n_idle];
    pthread_mutex_unlock(&p->lock);
    return s;
}

void pc_recv_pool_give(pc_recv_pool *p, pc_recv_store *s)
{
    pthread_mutex_lock(&p->lock);
    p->idle[p->n_idle++] = s;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

void pc_recv_pool_close(pc_recv_pool *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        pc_recv_store_close(p->all[i]);
    pthread_mutex_destroy(&p->write_lock);
    pthread_cond_destroy(&p->freed);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
