/* doc.c — the slip's wording from a pack, its evaluation and the receipt: what the
 * applicant reads on paper. A pre-check never promises: outcomes say "可能". */
#include "print.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "receipt.h"

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

static char *day_text(pc_day day)
{
    int y, m, d;
    pc_day_to_ymd(day, &y, &m, &d);
    return fmt("%d年%d月%d日", y, m, d);
}

static char *step_text(const pc_step *s)
{
    char time_part[96] = "";
    if (s->working_days)
        snprintf(time_part, sizeof time_part, "（%d个工作日", s->working_days);
    else if (s->months)
        snprintf(time_part, sizeof time_part, "（%d个月", s->months);
    else if (s->days)
        snprintf(time_part, sizeof time_part, "（%d日", s->days);
    size_t n = strlen(time_part);
    if (n && s->extension_working_days)
        snprintf(time_part + n, sizeof time_part - n, "，可延长%d个工作日", s->extension_working_days);
    else if (n && s->extension_months)
        snprintf(time_part + n, sizeof time_part - n, "，可延长%d个月", s->extension_months);
    if (n)
        strncat(time_part, "）", sizeof time_part - strlen(time_part) - 1);
    return fmt("%s%s", s->what, time_part);
}

static char *deadline_text(const pc_pack *pack, const pc_result *r)
{
    if (!pack->deadline)
        return fmt("%s", "");
    if (!r->has_deadline)
        return fmt("%s：期限自相关日期次日起%d个工作日（请到窗口确认）",
                   pack->deadline->what, pack->deadline->working_days);
    char *day = day_text(r->deadline_day);
    char *s = day ? fmt("请于%s前%s%s%s", day, pack->deadline->what,
                        r->deadline_passed ? "（已超过期限，请到窗口咨询）" : "",
                        r->deadline_estimated ? "（按工作日估算）" : "") : NULL;
    free(day);
    return s;
}

static char *footer_text(const char *kiosk_id, long long created_at)
{
    char when[32] = "";
    time_t t = (time_t)created_at;
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    return fmt("自助机 %s  %s\n本回执为预审参考，结果以窗口审核为准。", kiosk_id, when);
}

static bool fill_lists(pc_receipt_doc *doc, const pc_pack *pack, const pc_result *r)
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
        if (!(doc->steps[doc->n_steps] = step_text(&pack->steps[doc->n_steps])))
            return false;
    return true;
}

bool pc_receipt_doc_build(pc_receipt_doc *doc, const pc_pack *pack, const pc_result *result,
                          const char *receipt_id, const char *qr_text, const char *kiosk_id,
                          long long created_at)
{
    memset(doc, 0, sizeof *doc);
    doc->title = fmt("%s", "政策预审回执");
    char canon[PC_RECEIPT_ID_SIZE], shown[32];
    if (pc_receipt_id_parse(receipt_id, canon))     /* any spelling: "7K3M 9QXD 4RT8" too */
        pc_receipt_id_format(canon, shown, sizeof shown);
    else
        snprintf(shown, sizeof shown, "%.20s", receipt_id);
    doc->receipt_no = fmt("%s", shown);
    doc->policy = fmt("%s", pack->title);
    doc->outcome = fmt("%s", pc_outcome_phrase(result->outcome));
    doc->deadline = deadline_text(pack, result);
    doc->footer = footer_text(kiosk_id, created_at);
    doc->qr_text = fmt("%s", qr_text);
    bool ok = doc->title && doc->receipt_no && doc->policy && doc->outcome && doc->deadline &&
              doc->footer && doc->qr_text && fill_lists(doc, pack, result);
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
    free(doc->receipt_no);
    free(doc->policy);
    free(doc->outcome);
    free_list(doc->basis, doc->n_basis);
    free_list(doc->materials, doc->n_materials);
    free(doc->deadline);
    free_list(doc->steps, doc->n_steps);
    free(doc->footer);
    free(doc->qr_text);
    memset(doc, 0, sizeof *doc);
}
