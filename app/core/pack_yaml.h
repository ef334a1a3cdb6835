/* pack_yaml.h — what the pack loader's parts share (internal to app/core).
 *
 * Loading a pack is split by subject: pack.c (metadata, clauses, materials, deadline,
 * steps), pack_logic.c (conditions, logic, tiers, named numbers and dates) and
 * pack_question.c (the questions and their options). They walk one libyaml document
 * through the helpers here, which report the first problem as "file:line: what" and
 * make every later call a no-op, so a half-loaded pack is never returned. */
#ifndef PC_PACK_YAML_H
#define PC_PACK_YAML_H

#include <yaml.h>

#include "pack.h"

typedef struct pc_loader {
    yaml_document_t doc;
    const char *name; /* file name for messages */
    char *err;        /* caller's buffer for the first problem */
    size_t errsize;
    bool failed;   /* a problem was reported: stop loading */
    pc_pack *pack; /* the pack being filled */
} pc_loader;

/* ---- problems and memory ---- */
void pl_fail(pc_loader *ld, const yaml_node_t *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void *pl_calloc(pc_loader *ld, size_t n, size_t size);
char *pl_strdup(pc_loader *ld, const char *s);

/* ---- the document tree ---- */
int pl_line(const yaml_node_t *node);
yaml_node_t *pl_node(pc_loader *ld, int index);
const char *pl_scalar(const yaml_node_t *node);
bool pl_is_null(const yaml_node_t *node);
yaml_node_t *pl_get(pc_loader *ld, yaml_node_t *map, const char *key);
void pl_check_keys(pc_loader *ld, yaml_node_t *map, const char *const *allowed);
char *pl_string(pc_loader *ld, yaml_node_t *map, const char *key, bool required);
int pl_int(pc_loader *ld, yaml_node_t *map, const char *key);
pc_day pl_day(pc_loader *ld, yaml_node_t *map, const char *key);
bool pl_number(const yaml_node_t *node, double *out);
bool pl_flag(pc_loader *ld, yaml_node_t *map, const char *key); /* absent: false */
size_t pl_seq_len(yaml_node_t *node);
yaml_node_t *pl_seq_item(pc_loader *ld, yaml_node_t *node, size_t i);
yaml_node_t *pl_seq(pc_loader *ld, yaml_node_t *map, const char *key, bool required);
size_t pl_map_len(yaml_node_t *node);

/* ---- citations ---- */
int pl_resolve_cite(pc_loader *ld, yaml_node_t *node);
int pl_get_cite(pc_loader *ld, yaml_node_t *map, const char *key);
int *pl_cite_list(pc_loader *ld, yaml_node_t *seq, size_t *count);

/* ---- the parts (pack_logic.c, pack_question.c) ---- */
pc_expr *pl_expr(pc_loader *ld, yaml_node_t *node, int depth);
pc_expr *pl_optional_expr(pc_loader *ld, yaml_node_t *map, const char *key, bool required);
bool pl_period(pc_loader *ld, yaml_node_t *map, pc_period *out); /* false: none given */
void pl_load_values(pc_loader *ld, yaml_node_t *root);
void pl_load_clause_tests(pc_loader *ld, yaml_node_t *clauses);
void pl_load_logic(pc_loader *ld, yaml_node_t *root);
void pl_load_questions(pc_loader *ld, yaml_node_t *root);
void pl_expr_free(pc_expr *e);
void pl_logic_free(pc_logic *lg);
void pl_questions_free(pc_pack *p);

#endif
