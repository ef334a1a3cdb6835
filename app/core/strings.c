/* strings.c — loads a string table (see strings.h) with libyaml and fills in its templates. */
#include "strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

/* ---- static prototypes ---- */
static bool str_fail(char *err, size_t errsize, const char *path, int line, const char *why);
static bool str_add(pc_strings *tab, size_t *cap, const char *key, const char *value);
static int str_cmp(const void *a, const void *b);
static bool str_read(pc_strings *tab, yaml_parser_t *p, const char *path, char *err,
                     size_t errsize);

/* ---- public functions ---- */

bool pc_strings_load(pc_strings *tab, const char *path, char *err, size_t errsize)
{
    memset(tab, 0, sizeof *tab);
    FILE *f = fopen(path, "rb");
    if (!f)
        return str_fail(err, errsize, path, 0, "cannot open");
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        fclose(f);
        return str_fail(err, errsize, path, 0, "no parser");
    }
    yaml_parser_set_input_file(&p, f);
    bool ok = str_read(tab, &p, path, err, errsize);
    yaml_parser_delete(&p);
    fclose(f);
    if (!ok) {
        pc_strings_free(tab);
        return false;
    }
    qsort(tab->items, tab->n_items, sizeof tab->items[0], str_cmp);
    return true;
}

const char *pc_strings_get(const pc_strings *tab, const char *key)
{
    pc_string_entry probe = {.key = (char *)key};
    const pc_string_entry *e =
        tab->n_items ? bsearch(&probe, tab->items, tab->n_items, sizeof probe, str_cmp) : NULL;
    return e ? e->value : key;
}

bool pc_strings_has(const pc_strings *tab, const char *key)
{
    return pc_strings_get(tab, key) != key;
}

void pc_strings_free(pc_strings *tab)
{
    for (size_t i = 0; i < tab->n_items; i++) {
        free(tab->items[i].key);
        free(tab->items[i].value);
    }
    free(tab->items);
    memset(tab, 0, sizeof *tab);
}

void pc_strings_format(char *out, size_t outsize, const char *tpl, const char *const *names,
                       const char *const *values, size_t n)
{
    size_t o = 0;
    while (*tpl && o + 1 < outsize) {
        size_t i = n;
        if (*tpl == '{')
            for (i = 0; i < n; i++) {
                size_t l = strlen(names[i]);
                if (strncmp(tpl + 1, names[i], l) == 0 && tpl[1 + l] == '}')
                    break;
            }
        if (i < n) {
            o += (size_t)snprintf(out + o, outsize - o, "%s", values[i]);
            if (o >= outsize)
                o = outsize - 1;
            tpl += strlen(names[i]) + 2;
        } else {
            out[o++] = *tpl++;
        }
    }
    out[o < outsize ? o : outsize - 1] = '\0';
}

char *pc_strings_fill(const pc_strings *tab, const char *key, const char *const *names,
                      const char *const *values, size_t n)
{
    const char *tpl = pc_strings_get(tab, key);
    size_t size = strlen(tpl) + 1, all = 0;
    for (size_t i = 0; i < n; i++)
        all += strlen(values[i]);
    for (const char *p = tpl; (p = strchr(p, '{')) != NULL; p++)
        size += all;
    char *out = malloc(size);
    if (out)
        pc_strings_format(out, size, tpl, names, values, n);
    return out;
}

/* ---- static functions ---- */

static bool str_fail(char *err, size_t errsize, const char *path, int line, const char *why)
{
    snprintf(err, errsize, "%s:%d: %s", path, line, why);
    return false;
}

static bool str_add(pc_strings *tab, size_t *cap, const char *key, const char *value)
{
    if (tab->n_items == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        pc_string_entry *ni = realloc(tab->items, nc * sizeof *ni);
        if (!ni)
            return false;
        tab->items = ni;
        *cap = nc;
    }
    pc_string_entry *e = &tab->items[tab->n_items];
    e->key = strdup(key);
    e->value = strdup(value);
    if (!e->key || !e->value) {
        free(e->key);
        free(e->value);
        return false;
    }
    tab->n_items++;
    return true;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(((const pc_string_entry *)a)->key, ((const pc_string_entry *)b)->key);
}

/* A flat mapping: scalar key, scalar value, repeated. */
static bool str_read(pc_strings *tab, yaml_parser_t *p, const char *path, char *err, size_t errsize)
{
    size_t cap = 0;
    char *key = NULL;
    int depth = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(p, &ev)) {
            free(key);
            return str_fail(err, errsize, path, (int)p->problem_mark.line + 1,
                            p->problem ? p->problem : "YAML error");
        }
        int line = (int)ev.start_mark.line + 1;
        bool ok = true, done = ev.type == YAML_STREAM_END_EVENT;
        if (ev.type == YAML_MAPPING_START_EVENT)
            ok = ++depth == 1;
        else if (ev.type == YAML_SEQUENCE_START_EVENT)
            ok = false;
        else if (ev.type == YAML_SCALAR_EVENT && depth == 1) {
            const char *v = (const char *)ev.data.scalar.value;
            if (!key)
                ok = (key = strdup(v)) != NULL;
            else {
                ok = str_add(tab, &cap, key, v);
                free(key);
                key = NULL;
            }
        }
        yaml_event_delete(&ev);
        if (!ok) {
            free(key);
            return str_fail(err, errsize, path, line, "expected a flat mapping of key: text");
        }
        if (done) {
            free(key);
            return true;
        }
    }
}

char *pc_strings_fill_n(const pc_strings *tab, const char *key, int n)
{
    char num[16];
    snprintf(num, sizeof num, "%d", n);
    const char *names[] = {"n"}, *values[] = {num};
    return pc_strings_fill(tab, key, names, values, 1);
}

char *pc_strings_day(const pc_strings *tab, pc_day day)
{
    int y, m, d;
    char ys[16], ms[16], ds[16];
    pc_day_to_ymd(day, &y, &m, &d);
    snprintf(ys, sizeof ys, "%d", y);
    snprintf(ms, sizeof ms, "%d", m);
    snprintf(ds, sizeof ds, "%d", d);
    const char *names[] = {"y", "m", "d"}, *values[] = {ys, ms, ds};
    return pc_strings_fill(tab, "date.format", names, values, 3);
}
