/* pack_yaml.c — the pack loader's walk over libyaml's document tree: typed getters that
 * report "file:line: what is wrong" once and then stand still (see pack_yaml.h). */
#include "pack_yaml.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors and memory ---- */

void pl_fail(pc_loader *ld, const yaml_node_t *node, const char *fmt, ...)
{
    if (ld->failed)
        return;
    ld->failed = true;
    int line = node ? (int)node->start_mark.line + 1 : 0;
    int used = snprintf(ld->err, ld->errsize, "%s:%d: ", ld->name, line);
    if (used < 0 || (size_t)used >= ld->errsize)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ld->err + used, ld->errsize - (size_t)used, fmt, ap);
    va_end(ap);
}

void *pl_calloc(pc_loader *ld, size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        pl_fail(ld, NULL, "out of memory");
    return p;
}

char *pl_strdup(pc_loader *ld, const char *s)
{
    char *p = strdup(s);
    if (!p)
        pl_fail(ld, NULL, "out of memory");
    return p;
}

int pl_line(const yaml_node_t *node)
{
    return (int)node->start_mark.line + 1;
}

/* ---- tree access ---- */

yaml_node_t *pl_node(pc_loader *ld, int index)
{
    return yaml_document_get_node(&ld->doc, index);
}

const char *pl_scalar(const yaml_node_t *node)
{
    return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

bool pl_is_null(const yaml_node_t *node)
{
    const char *s = pl_scalar(node);
    return s && node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           (strcmp(s, "null") == 0 || strcmp(s, "~") == 0 || s[0] == '\0');
}

yaml_node_t *pl_get(pc_loader *ld, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        const char *k = pl_scalar(pl_node(ld, p->key));
        if (k && strcmp(k, key) == 0)
            return pl_node(ld, p->value);
    }
    return NULL;
}

/* Refuses keys that the schema does not know (a typo must not silently drop a rule). */
void pl_check_keys(pc_loader *ld, yaml_node_t *map, const char *const *allowed)
{
    if (!map || map->type != YAML_MAPPING_NODE) {
        pl_fail(ld, map, "expected a mapping");
        return;
    }
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *keynode = pl_node(ld, p->key);
        const char *k = pl_scalar(keynode);
        bool known = false;
        for (size_t i = 0; k && allowed[i]; i++)
            known = known || strcmp(k, allowed[i]) == 0;
        if (!known)
            pl_fail(ld, keynode, "unknown key \"%s\"", k ? k : "?");
    }
}

char *pl_string(pc_loader *ld, yaml_node_t *map, const char *key, bool required)
{
    yaml_node_t *node = pl_get(ld, map, key);
    const char *s = pl_scalar(node);
    if (!node || pl_is_null(node)) {
        if (required)
            pl_fail(ld, node ? node : map, "missing \"%s\"", key);
        return pl_strdup(ld, "");
    }
    if (!s) {
        pl_fail(ld, node, "\"%s\" must be text", key);
        return pl_strdup(ld, "");
    }
    return pl_strdup(ld, s);
}

int pl_int(pc_loader *ld, yaml_node_t *map, const char *key)
{
    yaml_node_t *node = pl_get(ld, map, key);
    if (!node || pl_is_null(node))
        return 0;
    const char *s = pl_scalar(node);
    char *end = NULL;
    long v = s ? strtol(s, &end, 10) : -1;
    if (!s || *end || end == s || v < 0 || v > 3650) {
        pl_fail(ld, node, "\"%s\" must be a whole number 0..3650", key);
        return 0;
    }
    return (int)v;
}

pc_day pl_day(pc_loader *ld, yaml_node_t *map, const char *key)
{
    yaml_node_t *node = pl_get(ld, map, key);
    if (!node || pl_is_null(node))
        return PC_NO_DAY;
    pc_day day;
    if (!pc_day_parse(pl_scalar(node), &day)) {
        pl_fail(ld, node, "\"%s\" must be a date YYYY-MM-DD or null", key);
        return PC_NO_DAY;
    }
    return day;
}

size_t pl_seq_len(yaml_node_t *node)
{
    return node && node->type == YAML_SEQUENCE_NODE
               ? (size_t)(node->data.sequence.items.top - node->data.sequence.items.start)
               : 0;
}

yaml_node_t *pl_seq_item(pc_loader *ld, yaml_node_t *node, size_t i)
{
    return pl_node(ld, node->data.sequence.items.start[i]);
}

yaml_node_t *pl_seq(pc_loader *ld, yaml_node_t *map, const char *key, bool required)
{
    yaml_node_t *node = pl_get(ld, map, key);
    if (!node || pl_is_null(node)) {
        if (required)
            pl_fail(ld, map, "missing list \"%s\"", key);
        return NULL;
    }
    if (node->type != YAML_SEQUENCE_NODE) {
        pl_fail(ld, node, "\"%s\" must be a list", key);
        return NULL;
    }
    return node;
}

/* ---- citations ---- */

int pl_resolve_cite(pc_loader *ld, yaml_node_t *node)
{
    const char *cite = pl_scalar(node);
    if (!cite) {
        pl_fail(ld, node, "expected a citation");
        return -1;
    }
    int idx = pc_pack_find_clause(ld->pack, cite);
    if (idx < 0)
        pl_fail(ld, node, "citation \"%s\" is not among the clauses", cite);
    return idx;
}

int pl_get_cite(pc_loader *ld, yaml_node_t *map, const char *key)
{
    yaml_node_t *node = pl_get(ld, map, key);
    if (!node) {
        pl_fail(ld, map, "missing \"%s\"", key);
        return -1;
    }
    return pl_resolve_cite(ld, node);
}

int *pl_cite_list(pc_loader *ld, yaml_node_t *seq, size_t *count)
{
    *count = pl_seq_len(seq);
    int *out = pl_calloc(ld, *count, sizeof *out);
    for (size_t i = 0; out && i < *count; i++)
        out[i] = pl_resolve_cite(ld, pl_seq_item(ld, seq, i));
    return out;
}

bool pl_number(const yaml_node_t *node, double *out)
{
    const char *s = pl_scalar(node);
    char *end = NULL;
    if (!s || !s[0] || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    double v = strtod(s, &end);
    if (*end || !isfinite(v))
        return false;
    *out = v;
    return true;
}

size_t pl_map_len(yaml_node_t *node)
{
    return node && node->type == YAML_MAPPING_NODE
               ? (size_t)(node->data.mapping.pairs.top - node->data.mapping.pairs.start)
               : 0;
}

bool pl_flag(pc_loader *ld, yaml_node_t *map, const char *key)
{
    yaml_node_t *node = pl_get(ld, map, key);
    const char *s = pl_scalar(node);
    if (!node || pl_is_null(node))
        return false;
    if (s && strcmp(s, "true") == 0)
        return true;
    if (!s || strcmp(s, "false") != 0)
        pl_fail(ld, node, "\"%s\" must be true or false", key);
    return false;
}
