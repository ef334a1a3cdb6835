/* facts_json.c — the facts file reader (see facts_json.h), on jansson. */
#include "facts_json.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static bool truth_of(json_t *value, pc_truth *out)
{
    if (json_is_true(value))
        *out = PC_TRUE;
    else if (json_is_false(value))
        *out = PC_FALSE;
    else if (json_is_null(value))
        *out = PC_UNKNOWN;
    else
        return false;
    return true;
}

/* One pass over "facts": groups (pass 0) or single clauses (pass 1). */
static bool read_facts_pass(const pc_pack *pack, json_t *obj, int pass, pc_facts *facts, char *err,
                            size_t errsize)
{
    const char *cite;
    json_t *value;
    json_object_foreach(obj, cite, value)
    {
        int clause = pc_pack_find_clause(pack, cite);
        if (clause < 0) {
            snprintf(err, errsize, "unknown citation \"%.60s\" for policy %s", cite, pack->id);
            return false;
        }
        pc_truth t;
        if (!truth_of(value, &t)) {
            snprintf(err, errsize, "fact \"%.60s\" must be true, false or null", cite);
            return false;
        }
        bool is_group = pack->clauses[clause].n_group > 0;
        if ((pass == 0) == is_group)
            pc_facts_set(facts, pack, cite, t);
    }
    return true;
}

static bool read_dates(const pc_pack *pack, json_t *obj, pc_facts *facts, char *err, size_t errsize)
{
    const char *name;
    json_t *value;
    json_object_foreach(obj, name, value)
    {
        pc_day day = 0;
        const char *text = json_string_value(value);
        pc_value_state st = PC_VALUE_KNOWN;
        if (pc_pack_find_date(pack, name) < 0) {
            snprintf(err, errsize, "unknown date \"%.60s\" for policy %s", name, pack->id);
            return false;
        }
        if (json_is_null(value) || (text && strcmp(text, "unknown") == 0))
            st = PC_VALUE_UNKNOWN;
        else if (text && strcmp(text, "not_yet") == 0)
            st = PC_VALUE_NOT_YET;
        else if (!text || !pc_day_parse(text, &day)) {
            snprintf(err, errsize,
                     "date \"%.60s\" must be a real date YYYY-MM-DD, not_yet or unknown, not %.40s",
                     name, text ? text : "a non-string");
            return false;
        }
        pc_facts_set_date(facts, pack, name, st, day);
    }
    return true;
}

static bool read_numbers(const pc_pack *pack, json_t *obj, pc_facts *facts, char *err,
                         size_t errsize)
{
    const char *name;
    json_t *value;
    json_object_foreach(obj, name, value)
    {
        if (pc_pack_find_number(pack, name) < 0) {
            snprintf(err, errsize, "unknown number \"%.60s\" for policy %s", name, pack->id);
            return false;
        }
        if (json_is_null(value))
            continue;
        if (!json_is_number(value) ||
            !pc_facts_set_number(facts, pack, name, json_number_value(value))) {
            snprintf(err, errsize, "number \"%.60s\" must be a number or null", name);
            return false;
        }
    }
    return true;
}

bool pc_facts_from_json(const pc_pack *pack, json_t *root, pc_facts *facts, char *err,
                        size_t errsize)
{
    return pc_facts_and_answers_from_json(pack, root, facts, NULL, err, errsize);
}

bool pc_facts_and_answers_from_json(const pc_pack *pack, json_t *root, pc_facts *facts,
                                    pc_answers *answers_out, char *err, size_t errsize)
{
    if (answers_out)
        pc_answers_init(answers_out);
    pc_facts_init(facts);
    if (!json_is_object(root)) {
        snprintf(err, errsize, "the facts file must hold a JSON object");
        return false;
    }
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value)
    {
        if (strcmp(key, "facts") != 0 && strcmp(key, "dates") != 0 && strcmp(key, "numbers") != 0 &&
            strcmp(key, "answers") != 0) {
            snprintf(err, errsize,
                     "unknown key \"%.60s\" (expected facts, numbers, dates, answers)", key);
            return false;
        }
        if (!json_is_object(value)) {
            snprintf(err, errsize, "\"%s\" must be an object", key);
            return false;
        }
    }
    json_t *f = json_object_get(root, "facts"), *d = json_object_get(root, "dates");
    json_t *n = json_object_get(root, "numbers"), *a = json_object_get(root, "answers");
    if (a) {
        pc_answers answers;
        if (!pc_answers_from_json(pack, a, &answers, err, errsize))
            return false;
        pc_facts_from_answers(facts, pack, &answers);
        if (answers_out)
            *answers_out = answers;
    }
    return (!f || (read_facts_pass(pack, f, 0, facts, err, errsize) &&
                   read_facts_pass(pack, f, 1, facts, err, errsize))) &&
           (!n || read_numbers(pack, n, facts, err, errsize)) &&
           (!d || read_dates(pack, d, facts, err, errsize));
}

bool pc_facts_read_json(const pc_pack *pack, const char *text, size_t len, pc_facts *facts,
                        char *err, size_t errsize)
{
    return pc_facts_and_answers_read_json(pack, text, len, facts, NULL, err, errsize);
}

bool pc_facts_and_answers_read_json(const pc_pack *pack, const char *text, size_t len,
                                    pc_facts *facts, pc_answers *answers, char *err, size_t errsize)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        snprintf(err, errsize, "malformed JSON at line %d, column %d: %s", jerr.line, jerr.column,
                 jerr.text);
        return false;
    }
    bool ok = pc_facts_and_answers_from_json(pack, root, facts, answers, err, errsize);
    json_decref(root);
    return ok;
}

/* ---- answers by question id ---- */

static bool word_is(json_t *v, const char *word)
{
    return json_is_string(v) && strcmp(json_string_value(v), word) == 0;
}

static bool read_option_answer(const pc_question *qu, json_t *v, pc_answer *a)
{
    if (qu->kind == PC_Q_YES_NO && (word_is(v, "yes") || word_is(v, "no"))) {
        *a = (pc_answer){PC_ANS_GIVEN, word_is(v, "yes") ? 0 : 1};
        return true;
    }
    if (qu->kind == PC_Q_CHOICE && json_is_integer(v) && json_integer_value(v) >= 0 &&
        json_integer_value(v) < (json_int_t)qu->n_options) {
        *a = (pc_answer){PC_ANS_GIVEN, (int32_t)json_integer_value(v)};
        return true;
    }
    if (qu->kind != PC_Q_MULTI || !json_is_array(v))
        return false;
    size_t i;
    json_t *item;
    uint32_t bits = 0;
    json_array_foreach(v, i, item)
    {
        if (!json_is_integer(item) || json_integer_value(item) < 0 ||
            json_integer_value(item) >= (json_int_t)qu->n_options)
            return false;
        bits |= 1u << json_integer_value(item);
    }
    *a = (pc_answer){PC_ANS_GIVEN, (int32_t)bits};
    return true;
}

static bool read_value_answer(const pc_question *qu, json_t *v, pc_answer *a)
{
    pc_day day;
    if (qu->kind == PC_Q_NUMBER && json_is_number(v)) {
        double x = json_number_value(v);
        if (x < qu->min || x > qu->max)
            return false;
        *a = (pc_answer){PC_ANS_GIVEN, (int32_t)(x * 100.0 + (x < 0 ? -0.5 : 0.5))};
        return true;
    }
    if (qu->kind == PC_Q_DATE && word_is(v, "not_yet")) {
        *a = (pc_answer){PC_ANS_NOT_YET, 0};
        return true;
    }
    if (qu->kind == PC_Q_DATE && json_is_string(v) && pc_day_parse(json_string_value(v), &day)) {
        *a = (pc_answer){PC_ANS_GIVEN, day};
        return true;
    }
    return false;
}

bool pc_answers_from_json(const pc_pack *pack, json_t *obj, pc_answers *answers, char *err,
                          size_t errsize)
{
    pc_answers_init(answers);
    if (!json_is_object(obj)) {
        snprintf(err, errsize, "\"answers\" must be an object of question ids");
        return false;
    }
    const char *id;
    json_t *v;
    json_object_foreach(obj, id, v)
    {
        int q = pc_pack_find_question(pack, id);
        if (q < 0) {
            snprintf(err, errsize, "unknown question \"%.60s\" for policy %s", id, pack->id);
            return false;
        }
        const pc_question *qu = &pack->questions[q];
        pc_answer *a = &answers->a[q];
        if (word_is(v, "unsure"))
            *a = (pc_answer){PC_ANS_UNSURE, 0};
        else if (!read_option_answer(qu, v, a) && !read_value_answer(qu, v, a)) {
            snprintf(err, errsize, "answer to \"%.60s\" does not fit a %s question", id,
                     pc_question_kind_name(qu->kind));
            return false;
        }
    }
    return true;
}

json_t *pc_answer_to_json(const pc_question *qu, const pc_answer *a)
{
    char day[16];
    if (a->state == PC_ANS_UNSURE)
        return json_string("unsure");
    if (a->state == PC_ANS_NOT_YET)
        return json_string("not_yet");
    switch (qu->kind) {
    case PC_Q_YES_NO:
        return json_string(a->value == 0 ? "yes" : "no");
    case PC_Q_CHOICE:
        return json_integer(a->value);
    case PC_Q_MULTI: {
        json_t *list = json_array();
        for (size_t o = 0; o < qu->n_options; o++)
            if (((uint32_t)a->value >> o) & 1u)
                json_array_append_new(list, json_integer((json_int_t)o));
        return list;
    }
    case PC_Q_NUMBER:
        return json_real(a->value / 100.0);
    default:
        pc_day_format(a->value, day, sizeof day);
        return json_string(day);
    }
}

json_t *pc_answers_to_json(const pc_pack *pack, const pc_answers *answers)
{
    json_t *obj = json_object();
    for (size_t q = 0; obj && q < pack->n_questions && q < PC_MAX_QUESTIONS; q++)
        if (pc_answer_given(answers, q))
            json_object_set_new(obj, pack->questions[q].id,
                                pc_answer_to_json(&pack->questions[q], &answers->a[q]));
    return obj;
}
