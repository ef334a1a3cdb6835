/* yaml_json.h — a YAML file as a jansson value, for the small YAML files that are
 * read as plain data (pack test cases). Plain true/false/null become JSON booleans
 * and null; every other scalar stays a string, so "4.10" never turns into a number. */
#ifndef PC_YAML_JSON_H
#define PC_YAML_JSON_H

#include <jansson.h>
#include <stddef.h>

json_t *pc_yaml_to_json(const char *name, const char *text, size_t len, char *err, size_t errsize);
json_t *pc_yaml_file_to_json(const char *path, char *err, size_t errsize);

#endif
