/* recv_report.c — the console's figures and the export (see recv_report.h). */
#include "recv_report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proto_wire.h"
#include "recv_rollup.h"

#define CST_OFFSET (8 * 3600)
#define MAX_PERIODS 400

/* The operators' words for each outcome (the applicant's words are in assets/). */
static const struct {
    const char *code, *words;
} outcomes[] = {
    {"exempt", "可免责"},      {"mitigate", "可从轻减轻"},       {"ineligible", "不符合"},
    {"refer", "需到窗口确认"}, {"not_applicable", "政策不适用"}, {"not_in_force", "政策不在有效期"},
};

typedef struct scan {
    const pc_recv_filter *f;
    bool weekly;
    json_t *acc;    /* what the report gathers */
    int64_t lo, hi; /* periods seen */
    size_t total;
} scan;

static bool row_match(const pc_recv_filter *f, const char *kiosk, int64_t day);
static bool parse_day(const char *text, int64_t *day);
static void day_text(int64_t day, char out[11]);
static bool count_row(void *ctx, const pc_recv_row *row);
static bool count_roll(void *ctx, const pc_recv_roll_row *row);
static void count_add(scan *sc, const char *policy, const char *outcome, int64_t day, json_int_t n);
static json_t *counts_build(scan *sc, const pc_pack_set *packs);
static json_t *outcome_list(json_t *policies);
static bool unsure_row(void *ctx, const pc_recv_row *row);
static bool unsure_roll(void *ctx, const pc_recv_roll_row *row);
static void unsure_add(scan *sc, const char *policy, const char *q, json_int_t unsure,
                       json_int_t answered);
static int unsure_cmp(const void *a, const void *b);
static const char *pack_title(const pc_pack_set *packs, const char *id);
static const char *question_text(const pc_pack_set *packs, const char *policy, const char *q);
static void bump(json_t *obj, const char *key, json_int_t by);

/* ------------------------------------------------------------------ filters, days */

bool pc_recv_filter_parse(pc_recv_filter *f, const char *hall, const char *kiosk, const char *from,
                          const char *to, char *err, size_t errsize)
{
    memset(f, 0, sizeof *f);
    const char *why = hall && strlen(hall) >= sizeof f->hall      ? "hall is too long"
                      : kiosk && strlen(kiosk) >= sizeof f->kiosk ? "kiosk is too long"
                      : from && from[0] && !parse_day(from, &f->from_day)
                          ? "from must be YYYY-MM-DD"
                      : to && to[0] && !parse_day(to, &f->to_day) ? "to must be YYYY-MM-DD"
                                                                  : NULL;
    if (why) {
        snprintf(err, errsize, "%s", why);
        return false;
    }
    snprintf(f->hall, sizeof f->hall, "%s", hall ? hall : "");
    snprintf(f->kiosk, sizeof f->kiosk, "%s", kiosk ? kiosk : "");
    f->has_from = from && from[0];
    return true;
}

void pc_recv_hall_of(const char *kiosk_id, char out[PC_RECV_HALL_MAX])
{
    const char *dash = strrchr(kiosk_id, '-');
    size_t n = dash && dash != kiosk_id ? (size_t)(dash - kiosk_id) : strlen(kiosk_id);
    snprintf(out, PC_RECV_HALL_MAX, "%.*s", (int)(n < PC_RECV_HALL_MAX ? n : 0), kiosk_id);
}

int64_t pc_recv_cst_day(int64_t t)
{
    int64_t x = t + CST_OFFSET;
    return x >= 0 ? x / 86400 : -((-x + 86399) / 86400);
}

static bool parse_day(const char *text, int64_t *day)
{
    int y = 0, m = 0, d = 0, n = 0;
    if (strlen(text) != 10 || sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
        m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
    *day = (int64_t)timegm(&tm) / 86400;
    char back[11];
    day_text(*day, back);
    return strcmp(back, text) == 0; /* 2026-02-30 is not a day */
}

static void day_text(int64_t day, char out[11])
{
    time_t t = (time_t)(day * 86400);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

bool pc_recv_facts_read(const pc_recv_row *row, pc_recv_facts *out)
{
    memset(out, 0, sizeof *out);
    out->doc = json_loads(row->doc, 0, NULL);
    json_t *created = json_object_get(out->doc, "created_at_unix");
    out->kiosk = row->kiosk_id;
    out->policy = json_string_value(json_object_get(out->doc, "policy_id"));
    out->outcome =
        json_string_value(json_object_get(json_object_get(out->doc, "result"), "outcome"));
    out->created = json_is_integer(created) ? json_integer_value(created) : row->received_at;
    out->day = pc_recv_cst_day(out->created);
    out->answers = json_object_get(out->doc, "answers");
    if (out->policy && out->outcome)
        return true;
    json_decref(out->doc);
    out->doc = NULL;
    return false;
}

static bool row_match(const pc_recv_filter *f, const char *kiosk, int64_t day)
{
    char hall[PC_RECV_HALL_MAX];
    pc_recv_hall_of(kiosk, hall);
    return (!f->hall[0] || strcmp(hall, f->hall) == 0) &&
           (!f->kiosk[0] || strcmp(kiosk, f->kiosk) == 0) && (!f->has_from || day >= f->from_day) &&
           (!f->to_day || day <= f->to_day);
}

const char *pc_recv_outcome_words(const char *outcome)
{
    for (size_t i = 0; outcome && i < sizeof outcomes / sizeof *outcomes; i++)
        if (strcmp(outcome, outcomes[i].code) == 0)
            return outcomes[i].words;
    return outcome ? outcome : "";
}

/* ------------------------------------------------------------------ counts */

json_t *pc_recv_report_counts(pc_recv_store *s, const pc_pack_set *packs, const pc_recv_filter *f,
                              bool weekly, char *err, size_t errsize)
{
    scan sc = {.f = f, .weekly = weekly, .acc = json_object(), .lo = INT64_MAX, .hi = INT64_MIN};
    if (!sc.acc || !pc_recv_rollup_read(s, f->recount, 'o', count_roll, count_row, &sc)) {
        snprintf(err, errsize, "%s", sc.acc ? pc_recv_store_errmsg(s) : "out of memory");
        json_decref(sc.acc);
        return NULL;
    }
    json_t *out = counts_build(&sc, packs);
    json_decref(sc.acc);
    if (!out)
        snprintf(err, errsize, "out of memory");
    return out;
}

/* acc: {policy: {outcome: {period day: n}}} */
static bool count_row(void *ctx, const pc_recv_row *row)
{
    scan *sc = ctx;
    pc_recv_facts r;
    if (!pc_recv_facts_read(row, &r))
        return true;
    if (row_match(sc->f, r.kiosk, r.day))
        count_add(sc, r.policy, r.outcome, r.day, 1);
    json_decref(r.doc);
    return true;
}

static bool count_roll(void *ctx, const pc_recv_roll_row *row)
{
    scan *sc = ctx;
    if (row->kind == 'o' && row_match(sc->f, row->kiosk_id, row->day))
        count_add(sc, row->policy, row->item, row->day, row->a);
    return true;
}

static void count_add(scan *sc, const char *policy, const char *outcome, int64_t day, json_int_t n)
{
    int64_t p = sc->weekly ? day - ((day % 7 + 7 + 3) % 7) : day;
    char key[24];
    snprintf(key, sizeof key, "%" PRId64, p);
    json_t *pol = json_object_get(sc->acc, policy);
    if (!pol)
        json_object_set_new(sc->acc, policy, pol = json_object());
    json_t *out = json_object_get(pol, outcome);
    if (!out)
        json_object_set_new(pol, outcome, out = json_object());
    bump(out, key, n);
    sc->lo = p < sc->lo ? p : sc->lo;
    sc->hi = p > sc->hi ? p : sc->hi;
    sc->total += (size_t)n;
}

static int id_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static json_t *counts_build(scan *sc, const pc_pack_set *packs)
{
    int64_t step = sc->weekly ? 7 : 1;
    int64_t lo = sc->f->has_from ? sc->f->from_day : sc->lo;
    int64_t hi = sc->f->to_day ? sc->f->to_day : sc->hi;
    if (sc->weekly && sc->f->has_from)
        lo -= (lo % 7 + 7 + 3) % 7;
    if (sc->total == 0 && (!sc->f->has_from || !sc->f->to_day))
        lo = 1, hi = 0;
    if (hi >= lo && (hi - lo) / step >= MAX_PERIODS)
        lo = hi - (MAX_PERIODS - 1) * step;
    json_t *periods = json_array(), *policies = json_array();
    for (int64_t p = lo; p <= hi; p += step) {
        char d[11];
        day_text(p, d);
        json_array_append_new(periods, json_string(d));
    }
    size_t n = json_object_size(sc->acc), k = 0;
    const char **ids = calloc(n ? n : 1, sizeof *ids), *key;
    if (!ids) {
        json_decref(periods);
        json_decref(policies);
        return NULL;
    }
    json_t *v;
    json_object_foreach(sc->acc, key, v) ids[k++] = key;
    qsort(ids, n, sizeof *ids, id_cmp); /* by policy id, however the rows came */
    for (size_t i = 0; i < n; i++) {
        const char *id = ids[i];
        json_t *pol = json_object_get(sc->acc, id);
        json_t *counts = json_object(), *by;
        const char *code;
        json_int_t total = 0;
        json_object_foreach(pol, code, by)
        {
            json_t *arr = json_array();
            for (int64_t p = lo; p <= hi; p += step) {
                char key[24];
                snprintf(key, sizeof key, "%" PRId64, p);
                json_int_t n = json_integer_value(json_object_get(by, key));
                json_array_append_new(arr, json_integer(n));
                total += n;
            }
            json_object_set_new(counts, code, arr);
        }
        json_array_append_new(policies,
                              json_pack("{s:s, s:s, s:o, s:I}", "id", id, "title",
                                        pack_title(packs, id), "counts", counts, "total", total));
    }
    free(ids);
    return json_pack("{s:s, s:o, s:o, s:o, s:I}", "by", sc->weekly ? "week" : "day", "periods",
                     periods, "outcomes", outcome_list(sc->acc), "policies", policies, "total",
                     (json_int_t)sc->total);
}

/* The known outcomes in their order, then any other code seen. */
static json_t *outcome_list(json_t *policies)
{
    json_t *list = json_array(), *seen_codes = json_object();
    for (size_t i = 0; i < sizeof outcomes / sizeof *outcomes; i++) {
        json_array_append_new(
            list, json_pack("{s:s, s:s}", "code", outcomes[i].code, "label", outcomes[i].words));
        json_object_set_new(seen_codes, outcomes[i].code, json_true());
    }
    const char *id, *code;
    json_t *pol, *v;
    json_object_foreach(policies, id, pol)
    {
        json_object_foreach(pol, code, v)
        {
            if (json_object_get(seen_codes, code))
                continue;
            json_object_set_new(seen_codes, code, json_true());
            json_array_append_new(list, json_pack("{s:s, s:s}", "code", code, "label", code));
        }
    }
    json_decref(seen_codes);
    return list;
}

/* ------------------------------------------------------------------ 不确定 */

json_t *pc_recv_report_unsure(pc_recv_store *s, const pc_pack_set *packs, const pc_recv_filter *f,
                              size_t top, char *err, size_t errsize)
{
    scan sc = {.f = f, .acc = json_object()}; /* {"policy\nquestion": [unsure, answered]} */
    if (!sc.acc || !pc_recv_rollup_read(s, f->recount, 'q', unsure_roll, unsure_row, &sc)) {
        snprintf(err, errsize, "%s", sc.acc ? pc_recv_store_errmsg(s) : "out of memory");
        json_decref(sc.acc);
        return NULL;
    }
    json_t *list = json_array();
    const char *key;
    json_t *v;
    json_object_foreach(sc.acc, key, v)
    {
        json_int_t unsure = json_integer_value(json_array_get(v, 0));
        if (unsure == 0)
            continue;
        const char *nl = strchr(key, '\n');
        char policy[PC_POLICY_ID_MAX + 1];
        if (!nl)
            continue;
        snprintf(policy, sizeof policy, "%.*s", (int)(nl - key), key);
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "policy", policy,
                                              "policy_title", pack_title(packs, policy), "question",
                                              nl + 1, "text", question_text(packs, policy, nl + 1),
                                              "unsure", unsure, "answered",
                                              json_integer_value(json_array_get(v, 1))));
    }
    json_decref(sc.acc);
    size_t n = json_array_size(list);
    json_t **items = calloc(n ? n : 1, sizeof *items);
    for (size_t i = 0; items && i < n; i++)
        items[i] = json_incref(json_array_get(list, i));
    if (items)
        qsort(items, n, sizeof *items, unsure_cmp);
    json_array_clear(list);
    for (size_t i = 0; items && i < n; i++) {
        if (i < top)
            json_array_append(list, items[i]);
        json_decref(items[i]);
    }
    free(items);
    return json_pack("{s:o}", "questions", list);
}

static bool unsure_row(void *ctx, const pc_recv_row *row)
{
    scan *sc = ctx;
    pc_recv_facts r;
    if (!pc_recv_facts_read(row, &r))
        return true;
    const char *q;
    json_t *a;
    if (row_match(sc->f, r.kiosk, r.day) && json_is_object(r.answers))
        json_object_foreach(r.answers, q, a)
        {
            bool unsure = json_is_string(a) && strcmp(json_string_value(a), "unsure") == 0;
            unsure_add(sc, r.policy, q, unsure, 1);
        }
    json_decref(r.doc);
    return true;
}

static bool unsure_roll(void *ctx, const pc_recv_roll_row *row)
{
    scan *sc = ctx;
    if (row->kind == 'q' && row_match(sc->f, row->kiosk_id, row->day))
        unsure_add(sc, row->policy, row->item, row->a, row->b);
    return true;
}

static void unsure_add(scan *sc, const char *policy, const char *q, json_int_t unsure,
                       json_int_t answered)
{
    if (strlen(policy) > PC_POLICY_ID_MAX)
        return;
    char key[PC_POLICY_ID_MAX + 200];
    snprintf(key, sizeof key, "%s\n%s", policy, q);
    json_t *v = json_object_get(sc->acc, key);
    if (!v)
        json_object_set_new(sc->acc, key, v = json_pack("[i, i]", 0, 0));
    json_array_set_new(v, 0, json_integer(json_integer_value(json_array_get(v, 0)) + unsure));
    json_array_set_new(v, 1, json_integer(json_integer_value(json_array_get(v, 1)) + answered));
}

static int unsure_cmp(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t nx = json_integer_value(json_object_get(x, "unsure"));
    json_int_t ny = json_integer_value(json_object_get(y, "unsure"));
    if (nx != ny)
        return nx > ny ? -1 : 1;
    int c = strcmp(json_string_value(json_object_get(x, "policy")),
                   json_string_value(json_object_get(y, "policy")));
    return c ? c
             : strcmp(json_string_value(json_object_get(x, "question")),
                      json_string_value(json_object_get(y, "question")));
}

/* ------------------------------------------------------------------ packs, helpers */

static const char *pack_title(const pc_pack_set *packs, const char *id)
{
    const pc_pack *p = packs ? pc_pack_set_find(packs, id) : NULL;
    return p && p->title ? p->title : "";
}

static const char *question_text(const pc_pack_set *packs, const char *policy, const char *q)
{
    const pc_pack *p = packs ? pc_pack_set_find(packs, policy) : NULL;
    int i = p ? pc_pack_find_question(p, q) : -1;
    return i >= 0 && p->questions[i].ask ? p->questions[i].ask : "";
}

static void bump(json_t *obj, const char *key, json_int_t by)
{
    json_object_set_new(obj, key, json_integer(json_integer_value(json_object_get(obj, key)) + by));
}
