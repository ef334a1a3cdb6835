/* sync_lb.c — round-robin TCP proxy for the tests (see sync_lb.h). */
#include "sync_lb.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#define LB_PIPES 512

/* One client connection and its backend connection. */
typedef struct pipe_ {
    sync_lb *lb;
    int client, backend;
    pthread_t thread;
} pipe_;

struct sync_lb {
    int listen_fd, stop[2];         /* stop[0] turns readable when stopping */
    uint16_t port, ports[SYNC_LB_MAX];
    size_t n, next;
    pthread_t acceptor;
    pipe_ *pipes[LB_PIPES];         /* every connection made, joined at the end */
    size_t n_pipes;
};

static void *accept_loop(void *arg);
static void *copy_loop(void *arg);
static int connect_to(uint16_t port);
static bool write_all(int fd, const char *buf, size_t n);

sync_lb *sync_lb_start(const uint16_t *ports, size_t n)
{
    sync_lb *lb = calloc(1, sizeof *lb);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof sa;
    if (!lb || n == 0 || n > SYNC_LB_MAX || pipe(lb->stop) != 0) {
        free(lb);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        lb->ports[i] = ports[i];
    lb->n = n;
    lb->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (lb->listen_fd < 0 || bind(lb->listen_fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
        listen(lb->listen_fd, 128) != 0 ||
        getsockname(lb->listen_fd, (struct sockaddr *)&sa, &len) != 0 ||
        pthread_create(&lb->acceptor, NULL, accept_loop, lb) != 0) {
        close(lb->listen_fd);
        close(lb->stop[0]);
        close(lb->stop[1]);
        free(lb);
        return NULL;
    }
    lb->port = ntohs(sa.sin_port);
    return lb;
}

uint16_t sync_lb_port(const sync_lb *lb)
{
    return lb->port;
}

void sync_lb_stop(sync_lb *lb)
{
    if (!lb)
        return;
    close(lb->stop[1]);                 /* every loop's poll wakes up */
    pthread_join(lb->acceptor, NULL);
    for (size_t i = 0; i < lb->n_pipes; i++) {
        pthread_join(lb->pipes[i]->thread, NULL);
        free(lb->pipes[i]);
    }
    close(lb->listen_fd);
    close(lb->stop[0]);
    free(lb);
}

/* Each new connection goes to the next backend, with its own copying thread. */
static void *accept_loop(void *arg)
{
    sync_lb *lb = arg;
    struct pollfd pf[2] = {{lb->listen_fd, POLLIN, 0}, {lb->stop[0], POLLIN, 0}};
    while (poll(pf, 2, -1) > 0 && !pf[1].revents) {
        int c = accept(lb->listen_fd, NULL, NULL);
        if (c < 0)
            continue;
        pipe_ *p = lb->n_pipes < LB_PIPES ? calloc(1, sizeof *p) : NULL;
        int b = p ? connect_to(lb->ports[lb->next++ % lb->n]) : -1;
        if (p && b >= 0) {
            *p = (pipe_){.lb = lb, .client = c, .backend = b};
            if (pthread_create(&p->thread, NULL, copy_loop, p) == 0) {
                lb->pipes[lb->n_pipes++] = p;
                continue;
            }
        }
        close(c);
        if (b >= 0)
            close(b);
        free(p);
    }
    return NULL;
}

static void *copy_loop(void *arg)
{
    pipe_ *p = arg;
    char buf[65536];
    struct pollfd pf[3] = {{p->client, POLLIN, 0}, {p->backend, POLLIN, 0},
                           {p->lb->stop[0], POLLIN, 0}};
    bool open = true;
    while (open && poll(pf, 3, -1) > 0 && !pf[2].revents) {
        for (int i = 0; i < 2 && open; i++) {
            if (!pf[i].revents)
                continue;
            ssize_t n = read(pf[i].fd, buf, sizeof buf);
            open = n > 0 && write_all(pf[1 - i].fd, buf, (size_t)n);
        }
    }
    close(p->client);
    close(p->backend);
    return NULL;
}

static int connect_to(uint16_t port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

static bool write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, buf, n, MSG_NOSIGNAL);
        if (w <= 0)
            return false;
        buf += w;
        n -= (size_t)w;
    }
    return true;
}
