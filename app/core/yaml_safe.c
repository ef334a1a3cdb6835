/* yaml_safe.c — one YAML document, no aliases, no duplicate keys, bounded depth (see
 * yaml_safe.h). */
#include "yaml_safe.h"

#include "file_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- static prototypes ---- */
static bool check_tree(yaml_document_t *doc, const char *name, char *err, size_t errsize);
static bool check_node(yaml_document_t *doc, int index, int depth, unsigned char *seen,
                       const char *name, char *err, size_t errsize);
static bool check_mapping_keys(yaml_document_t *doc, yaml_node_t *node, const char *name, char *err,
                               size_t errsize);
static bool has_second_document(yaml_parser_t *parser);

/* ---- public functions ---- */

bool pc_yaml_load_safe(const char *name, const char *text, size_t len, yaml_document_t *doc,
                       char *err, size_t errsize)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        snprintf(err, errsize, "%s: cannot start the YAML parser", name);
        return false;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, doc)) {
        snprintf(err, errsize, "%s:%d: YAML error: %s", name, (int)parser.problem_mark.line + 1,
                 parser.problem ? parser.problem : "unreadable");
        yaml_parser_delete(&parser);
        return false;
    }
    bool ok = check_tree(doc, name, err, errsize);
    if (ok && has_second_document(&parser)) {
        snprintf(err, errsize, "%s: more than one YAML document (a second \"---\")", name);
        ok = false;
    }
    yaml_parser_delete(&parser);
    if (!ok)
        yaml_document_delete(doc);
    return ok;
}

/* ---- static functions ---- */

static bool check_tree(yaml_document_t *doc, const char *name, char *err, size_t errsize)
{
    size_t n = (size_t)(doc->nodes.top - doc->nodes.start);
    if (n == 0)
        return true;
    unsigned char *seen = calloc(n + 1, 1);
    if (!seen) {
        snprintf(err, errsize, "%s: out of memory", name);
        return false;
    }
    bool ok = check_node(doc, 1, 0, seen, name, err, errsize);
    free(seen);
    return ok;
}

/* Each node is reached once: a second arrival is an alias. */
static bool check_node(yaml_document_t *doc, int index, int depth, unsigned char *seen,
                       const char *name, char *err, size_t errsize)
{
    yaml_node_t *node = yaml_document_get_node(doc, index);
    if (!node)
        return true;
    int line = (int)node->start_mark.line + 1;
    if (seen[index]) {
        snprintf(err, errsize, "%s:%d: YAML aliases (&name, *name) are not allowed here", name,
                 line);
        return false;
    }
    seen[index] = 1;
    if (depth > PC_YAML_MAX_DEPTH) {
        snprintf(err, errsize, "%s:%d: nested deeper than %d levels", name, line,
                 PC_YAML_MAX_DEPTH);
        return false;
    }
    if (node->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *i = node->data.sequence.items.start;
             i < node->data.sequence.items.top; i++)
            if (!check_node(doc, *i, depth + 1, seen, name, err, errsize))
                return false;
    } else if (node->type == YAML_MAPPING_NODE) {
        if (!check_mapping_keys(doc, node, name, err, errsize))
            return false;
        for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top;
             p++)
            if (!check_node(doc, p->key, depth + 1, seen, name, err, errsize) ||
                !check_node(doc, p->value, depth + 1, seen, name, err, errsize))
                return false;
    }
    return true;
}

static bool check_mapping_keys(yaml_document_t *doc, yaml_node_t *node, const char *name, char *err,
                               size_t errsize)
{
    yaml_node_pair_t *start = node->data.mapping.pairs.start, *top = node->data.mapping.pairs.top;
    for (yaml_node_pair_t *p = start; p < top; p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        if (!k || k->type != YAML_SCALAR_NODE)
            continue;
        for (yaml_node_pair_t *q = start; q < p; q++) {
            yaml_node_t *e = yaml_document_get_node(doc, q->key);
            if (e && e->type == YAML_SCALAR_NODE &&
                e->data.scalar.length == k->data.scalar.length &&
                memcmp(e->data.scalar.value, k->data.scalar.value, k->data.scalar.length) == 0) {
                snprintf(err, errsize, "%s:%d: key \"%.60s\" appears twice in one mapping", name,
                         (int)k->start_mark.line + 1, (const char *)k->data.scalar.value);
                return false;
            }
        }
    }
    return true;
}

static bool has_second_document(yaml_parser_t *parser)
{
    yaml_document_t next;
    if (!yaml_parser_load(parser, &next))
        return true; /* unreadable after the first document: refuse as well */
    bool more = yaml_document_get_root_node(&next) != NULL;
    yaml_document_delete(&next);
    return more;
}

bool pc_yaml_each_pair(yaml_document_t *doc, const char *name, pc_yaml_pair_fn set, void *ctx,
                       char *err, size_t errsize)
{
    yaml_node_t *root = yaml_document_get_root_node(doc);
    if (!root || root->type != YAML_MAPPING_NODE) {
        snprintf(err, errsize, "%s: the file must hold one mapping of key: value lines", name);
        return false;
    }
    for (yaml_node_pair_t *pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top;
         pr++) {
        yaml_node_t *k = yaml_document_get_node(doc, pr->key);
        pc_yaml_pair pair = {
            .doc = doc,
            .key = k && k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : "?",
            .value = yaml_document_get_node(doc, pr->value),
            .line = k ? (int)k->start_mark.line + 1 : 0};
        char why[320] = "unknown key";
        if (!set(ctx, &pair, why, sizeof why)) {
            snprintf(err, errsize, "%s:%d: %.60s: %s", name, pair.line, pair.key, why);
            return false;
        }
    }
    return true;
}

bool pc_yaml_config_text(const char *name, const char *text, size_t len, pc_yaml_pair_fn set,
                         void *ctx, char *err, size_t errsize)
{
    yaml_document_t doc;
    if (!pc_yaml_load_safe(name, text, len, &doc, err, errsize))
        return false;
    bool ok = pc_yaml_each_pair(&doc, name, set, ctx, err, errsize);
    yaml_document_delete(&doc);
    return ok;
}

bool pc_yaml_config_file(const char *path, pc_yaml_pair_fn set, void *ctx, char *err,
                         size_t errsize)
{
    size_t len = 0;
    char *text = pc_file_read(path, &len, err, errsize);
    bool ok = text && pc_yaml_config_text(path, text, len, set, ctx, err, errsize);
    free(text);
    return ok;
}
