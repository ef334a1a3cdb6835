/* recv_export.c — `receiver export`: the stored submissions with seq > SEQ as JSON
 * lines or as CSV with labels beside the codes (see recv_report.h). Neither carries
 * the kiosk's own queue fields (sync_state, synced_at_unix, purged). */
#include "recv_report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct csv_ctx {
    FILE *out;
    const pc_pack_set *packs;
} csv_ctx;

static bool doc_strip(json_t *doc);
static bool csv_row(void *ctx, const pc_recv_row *row);
static void csv_field(FILE *out, const char *text, bool last);
static char *answers_text(const pc_pack *p, json_t *answers);
static void answer_words(const pc_question *q, json_t *a, char *out, size_t size);
static void iso_time(int64_t t, char out[32]);

static bool export_json_row(void *ctx, const pc_recv_row *row)
{
    json_t *doc = json_loads(row->doc, 0, NULL);
    if (doc && !doc_strip(doc)) {
        json_decref(doc);
        doc = NULL;
    }
    json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:o?}", "seq", (json_int_t)row->seq,
                          "receipt_id", row->receipt_id, "kiosk_id", row->kiosk_id, "received_at",
                          (json_int_t)row->received_at, "source", row->source, "submission", doc);
    bool ok =
        o && json_dumpf(o, ctx, JSON_COMPACT | JSON_PRESERVE_ORDER) == 0 && fputc('\n', ctx) != EOF;
    json_decref(o);
    return ok;
}

/* Removes what only the kiosk's own queue means. */
static bool doc_strip(json_t *doc)
{
    if (!json_is_object(doc))
        return false;
    json_object_del(doc, "sync_state");
    json_object_del(doc, "synced_at_unix");
    json_object_del(doc, "purged");
    return true;
}

bool pc_recv_export_json(pc_recv_store *s, int64_t since, FILE *out)
{
    return pc_recv_store_each(s, since, export_json_row, out);
}

/* ------------------------------------------------------------------ CSV */

static const char *const csv_header[] = {
    "seq",        "receipt_id", "kiosk_id",     "hall",         "received_at", "source",
    "created_at", "policy_id",  "policy_title", "pack_version", "outcome",     "outcome_words",
    "basis",      "deadline",   "answers",      "answers_text"};

bool pc_recv_export_csv(pc_recv_store *s, const pc_pack_set *packs, int64_t since, FILE *out)
{
    size_t n = sizeof csv_header / sizeof *csv_header;
    for (size_t i = 0; i < n; i++)
        csv_field(out, csv_header[i], i + 1 == n);
    csv_ctx c = {out, packs};
    return pc_recv_store_each(s, since, csv_row, &c) && !ferror(out);
}

static bool csv_row(void *ctx, const pc_recv_row *row)
{
    csv_ctx *c = ctx;
    json_t *doc = json_loads(row->doc, 0, NULL);
    json_t *result = json_object_get(doc, "result"), *answers = json_object_get(doc, "answers");
    const char *policy = json_string_value(json_object_get(doc, "policy_id"));
    const char *outcome = json_string_value(json_object_get(result, "outcome"));
    const pc_pack *p = policy && c->packs ? pc_pack_set_find(c->packs, policy) : NULL;
    char seq[24], recv[32], created[32], hall[PC_RECV_HALL_MAX];
    snprintf(seq, sizeof seq, "%lld", (long long)row->seq);
    iso_time(row->received_at, recv);
    iso_time(json_integer_value(json_object_get(doc, "created_at_unix")), created);
    pc_recv_hall_of(row->kiosk_id, hall);
    char *basis = json_dumps(json_object_get(result, "basis"), JSON_COMPACT | JSON_ENCODE_ANY);
    char *codes = answers ? json_dumps(answers, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    char *words = answers_text(p, answers);
    const char *fields[] = {seq,
                            row->receipt_id,
                            row->kiosk_id,
                            hall,
                            recv,
                            row->source,
                            created,
                            policy ? policy : "",
                            p && p->title ? p->title : "",
                            json_string_value(json_object_get(doc, "pack_version")),
                            outcome ? outcome : "",
                            pc_recv_outcome_words(outcome),
                            basis,
                            json_string_value(json_object_get(result, "deadline")),
                            codes,
                            words};
    size_t n = sizeof fields / sizeof *fields;
    for (size_t i = 0; i < n; i++)
        csv_field(c->out, fields[i] ? fields[i] : "", i + 1 == n);
    free(basis);
    free(codes);
    free(words);
    json_decref(doc);
    return !ferror(c->out);
}

/* RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled; CRLF ends
 * a record. */
static void csv_field(FILE *out, const char *text, bool last)
{
    if (text[strcspn(text, ",\"\r\n")] == '\0') {
        fputs(text, out);
    } else {
        fputc('"', out);
        for (const char *t = text; *t; t++) {
            if (*t == '"')
                fputc('"', out);
            fputc(*t, out);
        }
        fputc('"', out);
    }
    fputs(last ? "\r\n" : ",", out);
}

/* "<question text>：<answer words>" a question, joined with "；" (the codes when the
 * pack is not known to this receiver). */
static char *answers_text(const pc_pack *p, json_t *answers)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *m = open_memstream(&buf, &size);
    if (!m)
        return NULL;
    const char *qid;
    json_t *a;
    bool first = true;
    json_object_foreach(answers, qid, a)
    {
        int qi = p ? pc_pack_find_question(p, qid) : -1;
        char words[512];
        answer_words(qi >= 0 ? &p->questions[qi] : NULL, a, words, sizeof words);
        fprintf(m, "%s%s：%s", first ? "" : "；", qi >= 0 ? p->questions[qi].ask : qid, words);
        first = false;
    }
    fclose(m);
    return buf;
}

static void answer_words(const pc_question *q, json_t *a, char *out, size_t size)
{
    const char *s = json_string_value(a);
    size_t n = 0;
    out[0] = '\0';
    if (s && strcmp(s, "unsure") == 0)
        snprintf(out, size, "不确定");
    else if (s && strcmp(s, "not_yet") == 0)
        snprintf(out, size, "%s", q && q->not_yet && q->not_yet[0] ? q->not_yet : "还没有发生");
    else if (s && strcmp(s, "yes") == 0)
        snprintf(out, size, "是");
    else if (s && strcmp(s, "no") == 0)
        snprintf(out, size, "否");
    else if (json_is_integer(a) && q && json_integer_value(a) >= 0 &&
             (size_t)json_integer_value(a) < q->n_options)
        snprintf(out, size, "%s", q->options[json_integer_value(a)].label);
    else if (json_is_array(a) && q) {
        size_t i;
        json_t *o;
        json_array_foreach(a, i, o)
        {
            json_int_t k = json_integer_value(o);
            if (k >= 0 && (size_t)k < q->n_options && n < size)
                n +=
                    (size_t)snprintf(out + n, size - n, "%s%s", n ? "、" : "", q->options[k].label);
        }
    } else {
        char *t = json_dumps(a, JSON_COMPACT | JSON_ENCODE_ANY);
        snprintf(out, size, "%s", t ? t : "");
        free(t);
    }
}

static void iso_time(int64_t t, char out[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    out[0] = '\0';
    if (t > 0 && gmtime_r(&tt, &tm))
        strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
