/* check_words.c — the parts of a checked receipt in staff words (check.h): the
 * applicant's answers, the deadline as of the day staff look at it, the steps. Every
 * word comes from the string table ("desk.*", "answer.*", "step.*", "date.format")
 * or from the pack; the applicant's "您" in pack texts becomes "申请人". */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *answer_words(const pc_strings *t, const pc_pack *pack, const pc_question *qu,
                          const pc_answer *a);
static char *given_words(const pc_strings *t, const pc_pack *pack, const pc_question *qu,
                         const pc_answer *a);
static char *multi_words(const pc_strings *t, const pc_question *qu, uint32_t ticked);
static char *number_words(const pc_pack *pack, const pc_question *qu, int32_t value100);
static void add_answer(json_t *list, const pc_strings *t, const pc_pack *pack,
                       const pc_question *qu, const pc_answer *a);
static char *deadline_text(const pc_strings *t, const pc_pack *pack, const pc_result *r, json_t *o,
                           pc_day today);
static char *period_words(const pc_strings *t, pc_period p);
static char *step_words(const pc_strings *t, const pc_step *s);
static char *dup_text(const char *s);

/* ------------------------------------------------------------------ public */

char *pc_check_staff_text(const pc_strings *t, const char *text)
{
    const char *you = pc_strings_get(t, "desk.word_you");
    const char *them = pc_strings_get(t, "desk.word_applicant");
    size_t n_you = strlen(you), n_them = strlen(them), count = 0;
    for (const char *p = text; n_you && (p = strstr(p, you)) != NULL; p += n_you)
        count++;
    char *out = malloc(strlen(text) + count * n_them + 1);
    if (!out)
        return NULL;
    char *w = out;
    for (const char *p = text; *p;) {
        if (n_you && strncmp(p, you, n_you) == 0) {
            memcpy(w, them, n_them), w += n_them, p += n_you;
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
    return out;
}

json_t *pc_check_answers_json(const pc_strings *t, const pc_pack *pack, const pc_answers *a)
{
    json_t *list = json_array();
    for (int pass = 0; pass < 2; pass++) /* 不确定 first: what staff must ask */
        for (size_t q = 0; q < pack->n_questions && q < PC_MAX_QUESTIONS; q++) {
            uint8_t state = a->a[q].state;
            if (state != PC_ANS_NONE && (state == PC_ANS_UNSURE) == (pass == 0))
                add_answer(list, t, pack, &pack->questions[q], &a->a[q]);
        }
    return list;
}

json_t *pc_check_deadline_json(const pc_strings *t, const pc_check *c, pc_day today)
{
    const pc_pack *pack = c->v.pack;
    const pc_result *r = &c->v.result;
    if (!pack->deadline || r->deadline_state == PC_DL_NONE)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "state", json_string(pc_deadline_state_name(r->deadline_state)));
    char *what = pc_check_staff_text(t, pack->deadline->what);
    json_object_set_new(o, "what", json_string(what ? what : ""));
    free(what);
    if (r->has_deadline) {
        char iso[16];
        pc_day_format(r->deadline_day, iso, sizeof iso);
        int left = pc_calendar_working_days_between(c->cal, today, r->deadline_day, NULL);
        char *day = pc_strings_day(t, r->deadline_day);
        json_object_set_new(o, "date", json_string(iso));
        json_object_set_new(o, "day", json_string(day ? day : iso));
        free(day);
        json_object_set_new(o, "last_day", json_boolean(r->deadline_day == today));
        json_object_set_new(o, "passed", json_boolean(r->deadline_day < today));
        json_object_set_new(o, "estimated", json_boolean(r->deadline_estimated));
        json_object_set_new(o, "days_left", json_integer(left));
    }
    char *text = deadline_text(t, pack, r, o, today);
    json_object_set_new(o, "text", json_string(text ? text : ""));
    free(text);
    return o;
}

json_t *pc_check_steps_json(const pc_strings *t, const pc_pack *pack, const pc_result *r)
{
    json_t *list = json_array();
    if (r->outcome == PC_OUT_NOT_APPLICABLE || r->outcome == PC_OUT_NOT_IN_FORCE)
        return list;
    for (size_t i = 0; i < pack->n_steps; i++) {
        char *text = step_words(t, &pack->steps[i]);
        json_array_append_new(list, json_pack("{s:s, s:b}", "text", text ? text : "", "applicant",
                                              pack->steps[i].applicant));
        free(text);
    }
    return list;
}

/* ------------------------------------------------------------------ answers */

/* {"question": the kiosk's question in staff words, "answer": the answer in words,
 *  "unsure": 不确定 (ask the applicant)} */
static void add_answer(json_t *list, const pc_strings *t, const pc_pack *pack,
                       const pc_question *qu, const pc_answer *a)
{
    char *ask = pc_check_staff_text(t, qu->ask);
    char *words = answer_words(t, pack, qu, a);
    json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "question", ask ? ask : "", "answer",
                                          words ? words : "", "unsure", a->state == PC_ANS_UNSURE));
    free(ask);
    free(words);
}

static char *answer_words(const pc_strings *t, const pc_pack *pack, const pc_question *qu,
                          const pc_answer *a)
{
    switch (a->state) {
    case PC_ANS_UNSURE:
        return dup_text(
            pc_strings_get(t, qu->kind == PC_Q_DATE ? "answer.date_unsure" : "answer.unsure"));
    case PC_ANS_NOT_YET:
        return dup_text(qu->not_yet && qu->not_yet[0] ? qu->not_yet
                                                      : pc_strings_get(t, "answer.not_yet"));
    case PC_ANS_GIVEN:
        return given_words(t, pack, qu, a);
    default:
        return dup_text("");
    }
}

static char *given_words(const pc_strings *t, const pc_pack *pack, const pc_question *qu,
                         const pc_answer *a)
{
    switch (qu->kind) {
    case PC_Q_YES_NO:
        return dup_text(pc_strings_get(t, a->value == 0 ? "answer.yes" : "answer.no"));
    case PC_Q_CHOICE:
        return dup_text(
            a->value >= 0 && (size_t)a->value < qu->n_options ? qu->options[a->value].label : "");
    case PC_Q_MULTI:
        return multi_words(t, qu, (uint32_t)a->value);
    case PC_Q_NUMBER:
        return number_words(pack, qu, a->value);
    default:
        return pc_strings_day(t, a->value);
    }
}

/* The ticked options, "、"-separated; 以上都不是 when none is ticked. */
static char *multi_words(const pc_strings *t, const pc_question *qu, uint32_t ticked)
{
    if (!ticked)
        return dup_text(pc_strings_get(t, "answer.none_of_these"));
    const char *sep = pc_strings_get(t, "common.list_sep");
    size_t size = 1;
    for (size_t o = 0; o < qu->n_options && o < 32; o++)
        if ((ticked >> o) & 1u)
            size += strlen(qu->options[o].label) + strlen(sep);
    char *out = malloc(size);
    if (!out)
        return NULL;
    out[0] = '\0';
    for (size_t o = 0; o < qu->n_options && o < 32; o++)
        if ((ticked >> o) & 1u) {
            if (out[0])
                strcat(out, sep);
            strcat(out, qu->options[o].label);
        }
    return out;
}

/* "120 万元", "12.5 万元": the value as given, with its unit. */
static char *number_words(const pc_pack *pack, const pc_question *qu, int32_t value100)
{
    char buf[96];
    const char *unit = pack->numbers[qu->value].unit;
    if (value100 % 100 == 0 || qu->decimals <= 0)
        snprintf(buf, sizeof buf, "%ld %s", (long)(value100 / 100), unit);
    else
        snprintf(buf, sizeof buf, "%.*f %s", value100 % 10 == 0 ? 1 : 2, value100 / 100.0, unit);
    return dup_text(buf);
}

/* ------------------------------------------------------------------ deadline, steps */

/* The deadline's line for staff: the day and how it stands today, or the rule itself
 * when its day is not known. */
static char *deadline_text(const pc_strings *t, const pc_pack *pack, const pc_result *r, json_t *o,
                           pc_day today)
{
    const pc_deadline *d = pack->deadline;
    if (!r->has_deadline) {
        char *period = period_words(t, d->period);
        const char *names[] = {"event", "period"}, *values[] = {d->event, period ? period : ""};
        char *s =
            pc_strings_fill(t,
                            r->deadline_state == PC_DL_NOT_STARTED ? "desk.deadline_not_started"
                                                                   : "desk.deadline_unknown",
                            names, values, 2);
        free(period);
        return s;
    }
    char *day = pc_strings_day(t, r->deadline_day), left[16];
    snprintf(left, sizeof left, "%d", (int)json_integer_value(json_object_get(o, "days_left")));
    const char *key = r->deadline_day == today  ? "desk.deadline_last_day"
                      : r->deadline_day < today ? "desk.deadline_passed"
                                                : "desk.deadline_left";
    const char *names[] = {"date", "n"}, *values[] = {day ? day : "", left};
    char *s = pc_strings_fill(t, key, names, values, 2);
    free(day);
    if (s && r->deadline_estimated) {
        const char *extra = pc_strings_get(t, "desk.deadline_estimated");
        char *longer = realloc(s, strlen(s) + strlen(extra) + 1);
        if (longer)
            s = strcat(longer, extra);
    }
    return s;
}

static char *period_words(const pc_strings *t, pc_period p)
{
    static const char *const keys[] = {"slip.step_working_days", "slip.step_days",
                                       "slip.step_months"};
    return pc_strings_fill_n(t, keys[p.kind], p.count);
}

/* "申请受理：…（约 7 个工作日，可延长 1 个月）" */
static char *step_words(const pc_strings *t, const pc_step *s)
{
    char *what = pc_check_staff_text(t, s->what);
    char *time = s->working_days ? pc_strings_fill_n(t, "step.working_days", s->working_days)
                 : s->months     ? pc_strings_fill_n(t, "step.months", s->months)
                 : s->days       ? pc_strings_fill_n(t, "step.days", s->days)
                                 : NULL;
    char *ext = !time ? NULL
                : s->extension_working_days
                    ? pc_strings_fill_n(t, "step.ext_working_days", s->extension_working_days)
                : s->extension_months ? pc_strings_fill_n(t, "step.ext_months", s->extension_months)
                                      : NULL;
    char when[256];
    snprintf(when, sizeof when, "%s%s", time ? time : "", ext ? ext : "");
    const char *names[] = {"what", "time"}, *values[] = {what ? what : "", when};
    char *out = time ? pc_strings_fill(t, "desk.step_timed", names, values, 2) : what;
    if (out != what)
        free(what);
    free(time);
    free(ext);
    return out;
}

static char *dup_text(const char *s)
{
    size_t n = strlen(s) + 1;
    char *out = malloc(n);
    return out ? memcpy(out, s, n) : NULL;
}
