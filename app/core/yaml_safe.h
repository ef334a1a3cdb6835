/* yaml_safe.h — reads one YAML document from outside (a pack, its cases, a configuration
 * file) the safe way, and walks a configuration file's key: value pairs.
 *
 * libyaml accepts what a reviewer cannot see: an alias (&a … *a) that expands a 25 KB
 * file into gigabytes when walked, a key written twice (the loader took the first,
 * reviewers read the last), a second document after "---", nesting without end. Every
 * one of these is refused here with "file:line: reason", before anything is loaded. */
#ifndef PC_YAML_SAFE_H
#define PC_YAML_SAFE_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#define PC_YAML_MAX_DEPTH 64

/* Loads text into doc (delete it with yaml_document_delete on success only). */
bool pc_yaml_load_safe(const char *name, const char *text, size_t len, yaml_document_t *doc,
                       char *err, size_t errsize);

/* One key: value pair of a configuration mapping, as pc_yaml_each_pair hands it over. */
typedef struct pc_yaml_pair {
    yaml_document_t *doc;     /* for the nodes of a nested value (kiosks: {id: name}) */
    const char *key;          /* "?" when the key is not a scalar */
    const yaml_node_t *value; /* a scalar, or a mapping or sequence to walk */
    int line;                 /* the key's (1-based); a setter may name a nested entry's */
} pc_yaml_pair;

/* Sets one key of a configuration mapping from its pair; false with the reason in why
 * (e.g. "unknown key", "not a number"). */
typedef bool (*pc_yaml_pair_fn)(void *ctx, pc_yaml_pair *pair, char *why, size_t whysize);

/* Walks doc's root, which must be one mapping of key: value lines, calling set for each
 * pair in order; the first refusal stops it with "name:line: key: why" in err. */
bool pc_yaml_each_pair(yaml_document_t *doc, const char *name, pc_yaml_pair_fn set, void *ctx,
                       char *err, size_t errsize);

/* A flat configuration file's text, read whole: loaded safely (pc_yaml_load_safe), then
 * walked (pc_yaml_each_pair). */
bool pc_yaml_config_text(const char *name, const char *text, size_t len, pc_yaml_pair_fn set,
                         void *ctx, char *err, size_t errsize);
/* The same for the file at path, read whole (pc_file_read). */
bool pc_yaml_config_file(const char *path, pc_yaml_pair_fn set, void *ctx, char *err,
                         size_t errsize);

#endif
