/* doc.c — the slip's wording from the string table (keys "slip.*", the date as
 * "date.format"), a pack, its evaluation and the receipt: what the applicant reads on
 * paper. No word of it is written here. A pre-check never promises: outcomes say
 * "可能" (pc_outcome_phrase_key). */
#include "print.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "receipt.h"

static const char *const head_keys[PC_SLIP_HEAD_COUNT] = {
    "slip.receipt_no", "slip.policy",   "slip.outcome", "slip.basis",
    "slip.materials",  "slip.deadline", "slip.steps",   "slip.where",
};

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *fmt(const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!s)
        return NULL;
    va_start(ap, f);
    vsnprintf(s, (size_t)n + 1, f, ap);
    va_end(ap);
    return s;
}

/* "（7个工作日，可延长7个工作日）" without the brackets; "" when the step has no time. */
static char *step_time(const pc_strings *t, const pc_step *s)
{
    char *base = s->working_days ? pc_strings_fill_n(t, "slip.step_working_days", s->working_days)
                 : s->months     ? pc_strings_fill_n(t, "slip.step_months", s->months)
                 : s->days       ? pc_strings_fill_n(t, "slip.step_days", s->days)
                                 : fmt("%s", "");
    bool want_ext = base && base[0] && (s->extension_working_days || s->extension_months);
    char *ext = !want_ext ? NULL
                : s->extension_working_days
                    ? pc_strings_fill_n(t, "slip.step_ext_working_days", s->extension_working_days)
                    : pc_strings_fill_n(t, "slip.step_ext_months", s->extension_months);
    char *out = base && (ext || !want_ext) ? fmt("%s%s", base, ext ? ext : "") : NULL;
    free(base);
    free(ext);
    return out;
}

/* "1．申请受理：…（7个工作日）" */
static char *step_text(const pc_strings *t, const pc_step *s, size_t number)
{
    char *time_part = step_time(t, s), num[24];
    if (!time_part)
        return NULL;
    const char *names[] = {"what", "time"}, *values[] = {s->what, time_part};
    char *what =
        time_part[0] ? pc_strings_fill(t, "slip.step_timed", names, values, 2) : fmt("%s", s->what);
    free(time_part);
    if (!what)
        return NULL;
    snprintf(num, sizeof num, "%zu", number);
    const char *inames[] = {"n", "text"}, *ivalues[] = {num, what};
    char *item = pc_strings_fill(t, "slip.step_item", inames, ivalues, 2);
    free(what);
    return item;
}

static char *period_text(const pc_strings *t, pc_period p)
{
    static const char *const keys[] = {"slip.step_working_days", "slip.step_days",
                                       "slip.step_months"};
    char num[16];
    snprintf(num, sizeof num, "%d", p.count);
    const char *names[] = {"n"}, *values[] = {num};
    return pc_strings_fill(t, keys[p.kind], names, values, 1);
}

/* Not started, or started on a day not given: the rule itself, from its event. */
static char *deadline_rule(const pc_strings *t, const pc_deadline *d, bool started)
{
    char *period = period_text(t, d->period);
    const char *names[] = {"what", "event", "period"}, *values[] = {d->what, d->event, period};
    char *s =
        period ? pc_strings_fill(t, started ? "slip.deadline_unknown" : "slip.deadline_not_started",
                                 names, values, 3)
               : NULL;
    free(period);
    return s;
}

static char *deadline_text(const pc_strings *t, const pc_pack *pack, const pc_result *r)
{
    if (!pack->deadline || r->deadline_state == PC_DL_NONE)
        return fmt("%s", pc_strings_get(t, "slip.deadline_none"));
    if (!r->has_deadline)
        return deadline_rule(t, pack->deadline, r->deadline_state != PC_DL_NOT_STARTED);
    char *day = pc_strings_day(t, r->deadline_day),
         *until = pc_strings_day(t, pack->in_force_until);
    const char *names[] = {"date", "what", "until"},
               *values[] = {day, pack->deadline->what, until ? until : ""};
    char *by = day ? pc_strings_fill(t, "slip.deadline_by", names, values, 2) : NULL;
    char *capped =
        r->deadline_capped ? pc_strings_fill(t, "slip.deadline_capped", names, values, 3) : NULL;
    char *s = by ? fmt("%s%s%s%s", by,
                       r->deadline_passed ? pc_strings_get(t, "slip.deadline_passed") : "",
                       r->deadline_estimated ? pc_strings_get(t, "slip.deadline_estimated") : "",
                       capped ? capped : "")
                 : NULL;
    free(day), free(until), free(by), free(capped);
    return s;
}

static char *footer_text(const pc_strings *t, const char *kiosk_id, long long created_at)
{
    char when[32] = "";
    time_t tt = (time_t)created_at;
    struct tm tm;
    if (localtime_r(&tt, &tm))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    const char *names[] = {"kiosk", "time"}, *values[] = {kiosk_id, when};
    return pc_strings_fill(t, "slip.footer", names, values, 2);
}

static bool fill_heads(pc_receipt_doc *doc, const pc_strings *t)
{
    for (size_t i = 0; i < PC_SLIP_HEAD_COUNT; i++)
        if (!(doc->heads[i] = fmt("%s", pc_strings_get(t, head_keys[i]))))
            return false;
    doc->title = fmt("%s", pc_strings_get(t, "slip.title"));
    doc->list_sep = fmt("%s", pc_strings_get(t, "common.list_sep"));
    return doc->title && doc->list_sep;
}

static bool fill_lists(pc_receipt_doc *doc, const pc_strings *t, const pc_pack *pack,
                       const pc_result *r)
{
    doc->basis = calloc(r->n_basis + 1, sizeof *doc->basis);
    doc->materials = calloc(r->n_materials + 1, sizeof *doc->materials);
    doc->steps = calloc(pack->n_steps + 1, sizeof *doc->steps);
    if (!doc->basis || !doc->materials || !doc->steps)
        return false;
    for (; doc->n_basis < r->n_basis; doc->n_basis++)
        if (!(doc->basis[doc->n_basis] = fmt("%s", pack->clauses[r->basis[doc->n_basis]].label)))
            return false;
    for (; doc->n_materials < r->n_materials; doc->n_materials++)
        if (!(doc->materials[doc->n_materials] =
                  fmt("%s", pack->materials[r->materials[doc->n_materials]].name)))
            return false;
    for (; doc->n_steps < pack->n_steps; doc->n_steps++)
        if (!(doc->steps[doc->n_steps] =
                  step_text(t, &pack->steps[doc->n_steps], doc->n_steps + 1)))
            return false;
    return true;
}

bool pc_receipt_doc_build(pc_receipt_doc *doc, const pc_strings *strings, const pc_pack *pack,
                          const pc_result *result, const char *receipt_id, const char *qr_text,
                          const char *kiosk_id, long long created_at)
{
    memset(doc, 0, sizeof *doc);
    char canon[PC_RECEIPT_ID_SIZE], shown[32];
    if (pc_receipt_id_parse(receipt_id, canon)) /* any spelling: "7K3M 9QXD 4RT8" too */
        pc_receipt_id_format(canon, shown, sizeof shown);
    else
        snprintf(shown, sizeof shown, "%.20s", receipt_id);
    doc->receipt_no = fmt("%s", shown);
    doc->policy = fmt("%s", pack->title);
    doc->outcome = fmt("%s", pc_strings_get(strings, pc_outcome_phrase_key(result->outcome)));
    doc->deadline = deadline_text(strings, pack, result);
    doc->footer = footer_text(strings, kiosk_id, created_at);
    doc->qr_text = fmt("%s", qr_text);
    doc->where = fmt("%s", "");
    bool ok = fill_heads(doc, strings) && doc->receipt_no && doc->policy && doc->outcome &&
              doc->deadline && doc->footer && doc->qr_text && doc->where &&
              fill_lists(doc, strings, pack, result);
    if (!ok)
        pc_receipt_doc_free(doc);
    return ok;
}

static void free_list(char **list, size_t n)
{
    for (size_t i = 0; list && i < n; i++)
        free(list[i]);
    free(list);
}

void pc_receipt_doc_free(pc_receipt_doc *doc)
{
    free(doc->title);
    for (size_t i = 0; i < PC_SLIP_HEAD_COUNT; i++)
        free(doc->heads[i]);
    free(doc->receipt_no);
    free(doc->policy);
    free(doc->outcome);
    free_list(doc->basis, doc->n_basis);
    free(doc->list_sep);
    free_list(doc->materials, doc->n_materials);
    free(doc->deadline);
    free_list(doc->steps, doc->n_steps);
    free(doc->where);
    free(doc->footer);
    free(doc->qr_text);
    memset(doc, 0, sizeof *doc);
}

/* One line of where: the key's text with value filled in, and a '\n' before it when
 * something came before; "" when value is empty. */
static char *where_line(const pc_strings *t, const char *key, const char *name, const char *value,
                        bool first)
{
    if (!value || !value[0])
        return fmt("%s", "");
    const char *names[] = {name}, *values[] = {value};
    char *line = pc_strings_fill(t, key, names, values, 1);
    char *s = line ? fmt("%s%s", first ? "" : "\n", line) : NULL;
    free(line);
    return s;
}

bool pc_receipt_doc_set_where(pc_receipt_doc *doc, const pc_strings *strings, const char *place,
                              const char *hours, const char *phone)
{
    bool has_place = place && place[0], has_hours = hours && hours[0];
    char *a = where_line(strings, "slip.where_place", "place", place, true);
    char *b = where_line(strings, "slip.where_hours", "hours", hours, !has_place);
    char *c = where_line(strings, "slip.where_phone", "phone", phone, !has_place && !has_hours);
    char *where = a && b && c ? fmt("%s%s%s", a, b, c) : NULL;
    free(a), free(b), free(c);
    if (!where)
        return false;
    free(doc->where);
    doc->where = where;
    return true;
}
