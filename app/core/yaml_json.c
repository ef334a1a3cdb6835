/* yaml_json.c — libyaml document tree to jansson (see yaml_json.h). */
#include "yaml_json.h"

#include "file_read.h"
#include "yaml_safe.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static json_t *scalar_to_json(const yaml_node_t *node)
{
    const char *s = (const char *)node->data.scalar.value;
    if (node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
        if (strcmp(s, "true") == 0)
            return json_true();
        if (strcmp(s, "false") == 0)
            return json_false();
        if (strcmp(s, "null") == 0 || strcmp(s, "~") == 0 || s[0] == '\0')
            return json_null();
        char *end;
        long long i = strtoll(s, &end, 10);
        if (*end == '\0' && end != s && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')))
            return json_integer(i);
        double d = strtod(s, &end);
        if (*end == '\0' && end != s && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')) &&
            strchr(s, '.'))
            return json_real(d);
    }
    return json_string(s);
}

static json_t *node_to_json(yaml_document_t *doc, yaml_node_t *node, int depth)
{
    if (!node || depth > 64)
        return NULL;
    if (node->type == YAML_SCALAR_NODE)
        return scalar_to_json(node);
    if (node->type == YAML_SEQUENCE_NODE) {
        json_t *arr = json_array();
        for (yaml_node_item_t *i = node->data.sequence.items.start;
             i < node->data.sequence.items.top; i++) {
            json_t *v = node_to_json(doc, yaml_document_get_node(doc, *i), depth + 1);
            if (!v) {
                json_decref(arr);
                return NULL;
            }
            json_array_append_new(arr, v);
        }
        return arr;
    }
    json_t *obj = json_object();
    for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        json_t *v = node_to_json(doc, yaml_document_get_node(doc, p->value), depth + 1);
        if (!k || k->type != YAML_SCALAR_NODE || !v) {
            json_decref(v);
            json_decref(obj);
            return NULL;
        }
        json_object_set_new(obj, (const char *)k->data.scalar.value, v);
    }
    return obj;
}

json_t *pc_yaml_to_json(const char *name, const char *text, size_t len, char *err, size_t errsize)
{
    yaml_document_t doc;
    if (!pc_yaml_load_safe(name, text, len, &doc, err, errsize))
        return NULL;
    json_t *out = node_to_json(&doc, yaml_document_get_root_node(&doc), 0);
    if (!out)
        snprintf(err, errsize, "%s: empty, too deep, or a non-text mapping key", name);
    yaml_document_delete(&doc);
    return out;
}

json_t *pc_yaml_file_to_json(const char *path, char *err, size_t errsize)
{
    size_t len;
    char *buf = pc_file_read(path, &len, err, errsize);
    if (!buf)
        return NULL;
    json_t *out = pc_yaml_to_json(path, buf, len, err, errsize);
    free(buf);
    return out;
}
