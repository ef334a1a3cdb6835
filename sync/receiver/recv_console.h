/* recv_console.h — the operator console: a web page served by the receiver under
 * /console (static files from assets/console/, no CDN: it runs on an intranet) and
 * the JSON it reads (recv_report.h: counts per policy × outcome per day or week, the
 * fleet, the questions most often answered 不确定; recv_desk.h: the pre-checks that
 * became applications at a desk; filters by hall, kiosk and dates).
 *
 * Why it exists: operators must see a silent kiosk, an empty paper roll or a question
 * nobody understands without reading the database. Operators are kept in the
 * receiver's database (`receiver operator-add`, libsodium crypto_pwhash_str) and sign
 * in; the session is an HttpOnly, SameSite=Strict cookie carrying a random session id,
 * the operator's name and expiry under a MAC (crypto_auth) whose key is kept in the
 * database (made by the first receiver to start on it); a sign-out is recorded there
 * and checked on every request. So several receivers behind a balancer on one database
 * (or one SQLite file) hold the same sessions, and a restart signs nobody out.
 *
 * Password guessing: failed sign-ins in a row are counted in the database, per operator
 * name (a name that does not exist too: the answer never tells which names exist) and
 * per client address. After 5 for a name (20 for an address) it is refused for 30 s,
 * doubled with each further failure up to 15 min; while locked a sign-in is refused
 * (429, Retry-After) before any password hash is computed. A sign-in resets the counts
 * of its name and its address; a count is forgotten a day after its last failure; `receiver operator-unlock`
 * clears one. Anything that changes state is a POST that must come from the page
 * itself: same Origin when the browser sends one, JSON content type, and for signed-in
 * requests the X-CSRF-Token the page got from /console/api/me (a MAC of the session).
 *
 * It knows nothing of HTTP libraries: recv_server.c turns a request into a
 * pc_recv_console_req and the reply back into libmicrohttpd's. */
#ifndef PC_RECV_CONSOLE_H
#define PC_RECV_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "keys.h"
#include "pack.h"
#include "recv_pool.h"

#define PC_RECV_CONSOLE_PREFIX "/console"
#define PC_RECV_CONSOLE_COOKIE "pc_console"
#define PC_RECV_CONSOLE_CSRF_HDR "X-CSRF-Token"
#define PC_RECV_CONSOLE_MAX_BODY 4096
#define PC_RECV_SESSION_SECONDS (8 * 3600)
#define PC_RECV_OPERATOR_MAX 32
#define PC_RECV_SIGNIN_NAME_TRIES 5       /* failures in a row that lock a name out */
#define PC_RECV_SIGNIN_ADDR_TRIES 20      /* ... and a client address */
#define PC_RECV_SIGNIN_LOCK_FIRST 30      /* seconds of the first lock-out, doubled after */
#define PC_RECV_SIGNIN_LOCK_MAX (15 * 60) /* the longest */
#define PC_RECV_SIGNIN_FORGET (24 * 3600) /* a count forgotten this long after its last */
#define PC_RECV_ROLL_EVERY 60             /* seconds between `serve`'s background roll-ups */

typedef struct pc_recv_console pc_recv_console;

typedef struct pc_recv_console_opts {
    pc_recv_pool *pool;       /* store connections (borrowed) */
    const pc_pack_set *packs; /* question texts, titles, current versions (borrowed) */
    const char *published;    /* the published store (recv_publish.h): the fleet's packs
                                 behind are counted against its latest manifest; NULL */
    const char *static_dir;   /* the page's files */
    int silent_hours;         /* 0: PC_RECV_SILENT_HOURS_DEFAULT */
    bool https;               /* cookies marked Secure */
    int roll_seconds;         /* > 0: the rollups brought up to date in the background at start and
                         then this often, so that no operator waits for them (a million
                         rows after an upgrade: half a minute); 0: only as pages ask */
    FILE *log;
    /* Fills *ring with a copy of the enrolled kiosks (the server's, under its lock). */
    bool (*enrolled)(void *ctx, pc_keyring *ring);
    void *ctx;
} pc_recv_console_opts;

/* One request under /console; every pointer borrowed, NULL when absent. */
typedef struct pc_recv_console_req {
    const char *method, *path; /* path with the /console prefix */
    const char *cookie, *csrf, *origin, *host, *content_type;
    const char *body;
    size_t len;
    const char *by, *hall, *kiosk, *from, *to, *silent; /* query words */
    const char *client; /* the peer's address as text (its failed sign-ins are counted) */
} pc_recv_console_req;

typedef struct pc_recv_console_reply {
    unsigned status;
    const char *content_type;
    char *body; /* malloc */
    size_t len;
    char set_cookie[512]; /* "" when none */
    bool no_store;        /* Cache-Control: no-store */
    int64_t retry_after;  /* seconds: a Retry-After header when > 0 */
} pc_recv_console_reply;

/* NULL when the session key cannot be read from (or stored in) the database. */
pc_recv_console *pc_recv_console_new(const pc_recv_console_opts *opts);
void pc_recv_console_free(pc_recv_console *c);
void pc_recv_console_handle(pc_recv_console *c, const pc_recv_console_req *rq, int64_t now,
                            pc_recv_console_reply *out);
void pc_recv_console_reply_free(pc_recv_console_reply *r);

/* [A-Za-z0-9._-]{1,32} */
bool pc_recv_operator_name_ok(const char *name);

/* `receiver operator-unlock`: clears the failed sign-ins of an operator name or a
 * client address (who may be either), so that it may sign in again at once. *cleared
 * when a count was held; false with the store's errmsg on a database error. */
bool pc_recv_console_unlock(pc_recv_store *s, const char *who, bool *cleared);

#endif
