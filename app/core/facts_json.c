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
static bool read_facts_pass(const pc_pack *pack, json_t *obj, int pass, pc_facts *facts,
                            char *err, size_t errsize)
{
    const char *cite;
    json_t *value;
    json_object_foreach(obj, cite, value) {
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

static bool date_name_known(const pc_pack *pack, const char *name)
{
    if (pack->deadline && strcmp(pack->deadline->from, name) == 0)
        return true;
    for (size_t i = 0; i < pack->n_questions; i++)
        if (pack->questions[i].kind == PC_Q_DATE && strcmp(pack->questions[i].date_name, name) == 0)
            return true;
    return strcmp(name, "notified_on") == 0;
}

static bool read_dates(const pc_pack *pack, json_t *obj, pc_facts *facts, char *err,
                       size_t errsize)
{
    const char *name;
    json_t *value;
    json_object_foreach(obj, name, value) {
        pc_day day;
        if (!date_name_known(pack, name)) {
            snprintf(err, errsize, "unknown date \"%.60s\"", name);
            return false;
        }
        if (json_is_null(value))
            continue;
        if (!json_is_string(value) || !pc_day_parse(json_string_value(value), &day)) {
            snprintf(err, errsize, "date \"%.60s\" must be a real date YYYY-MM-DD, not %.40s", name,
                     json_is_string(value) ? json_string_value(value) : "a non-string");
            return false;
        }
        pc_facts_set_date(facts, name, day);
    }
    return true;
}

bool pc_facts_from_json(const pc_pack *pack, json_t *root, pc_facts *facts, char *err,
                        size_t errsize)
{
    pc_facts_init(facts);
    if (!json_is_object(root)) {
        snprintf(err, errsize, "the facts file must hold a JSON object");
        return false;
    }
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value) {
        if (strcmp(key, "facts") != 0 && strcmp(key, "dates") != 0) {
            snprintf(err, errsize, "unknown key \"%.60s\" (expected \"facts\" and \"dates\")", key);
            return false;
        }
        if (!json_is_object(value)) {
            snprintf(err, errsize, "\"%s\" must be an object", key);
            return false;
        }
    }
    json_t *f = json_object_get(root, "facts"), *d = json_object_get(root, "dates");
    return (!f || (read_facts_pass(pack, f, 0, facts, err, errsize) &&
                   read_facts_pass(pack, f, 1, facts, err, errsize))) &&
           (!d || read_dates(pack, d, facts, err, errsize));
}

bool pc_facts_read_json(const pc_pack *pack, const char *text, size_t len, pc_facts *facts,
                        char *err, size_t errsize)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        snprintf(err, errsize, "malformed JSON at line %d, column %d: %s", jerr.line, jerr.column,
                 jerr.text);
        return false;
    }
    bool ok = pc_facts_from_json(pack, root, facts, err, errsize);
    json_decref(root);
    return ok;
}
