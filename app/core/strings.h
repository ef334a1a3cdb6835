/* strings.h — the words people read, loaded from assets/strings.<lang>.yaml.
 *
 * No user-visible text lives in C: the kiosk's screens, the printed slip (app/print)
 * and the staff-facing output of `precheck` ask for a key ("welcome.title",
 * "slip.title", "verify.verdict") and get the string of the configured language.
 * Functions of the core that name a state for people return a key instead of text
 * (pc_verdict_key, pc_outcome_phrase_key, pc_store_status_key). A missing key
 * returns the key itself, so a gap shows on screen and in the string coverage test
 * instead of crashing. No SDL here. */
#ifndef PC_STRINGS_H
#define PC_STRINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"

typedef struct pc_string_entry {
    char *key;   /* "welcome.title" */
    char *value; /* the text, UTF-8 */
} pc_string_entry;

typedef struct pc_strings {
    pc_string_entry *items; /* sorted by key */
    size_t n_items;
} pc_strings;

/* Loads a flat YAML mapping of key: text. On failure returns false, writes
 * "file:line: reason" into err and leaves the table empty. */
bool pc_strings_load(pc_strings *tab, const char *path, char *err, size_t errsize);
/* The text for key, or the key itself when it is missing. */
const char *pc_strings_get(const pc_strings *tab, const char *key);
bool pc_strings_has(const pc_strings *tab, const char *key);
void pc_strings_free(pc_strings *tab);
/* Copies tpl into out replacing each "{name}" by its value (names[i] → values[i]). */
void pc_strings_format(char *out, size_t outsize, const char *tpl, const char *const *names,
                       const char *const *values, size_t n);
/* The text for key with its "{name}"s filled in as pc_strings_format does, never
 * truncated: malloc'd, NULL when out of memory. */
char *pc_strings_fill(const pc_strings *tab, const char *key, const char *const *names,
                      const char *const *values, size_t n);
/* The same with one number filled in as "{n}" ("{n} 个工作日"). */
char *pc_strings_fill_n(const pc_strings *tab, const char *key, int n);
/* A day in the table's words ("date.format": "2026年12月18日"). malloc'd. */
char *pc_strings_day(const pc_strings *tab, pc_day day);

#endif
