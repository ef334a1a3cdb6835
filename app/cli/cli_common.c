/* cli_common.c — see cli_common.h. */
#include "cli_common.h"

#include "data_dir.h"
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *pc_cli_rules_dir(const char *given, pc_path *buf)
{
    if (given)
        return given;
    const char *env = getenv("PRECHECK_RULES");
    if (env && env[0])
        return env;
    snprintf(buf->text, sizeof buf->text, "%s/rules", pc_data_dir());
    return buf->text;
}

pc_calendar *pc_cli_load_calendar(const char *rules_dir)
{
    char dir[4096], err[300];
    snprintf(dir, sizeof dir, "%s/calendar", rules_dir);
    pc_calendar *cal = calloc(1, sizeof *cal);
    if (!cal || !pc_calendar_load_dir(cal, dir, err, sizeof err)) {
        pc_cli_fail("%s", cal ? err : "out of memory");
        free(cal);
        return NULL;
    }
    return cal;
}

bool pc_cli_load_strings(pc_strings *tab, const char *given)
{
    const char *lang = given ? given : getenv("PRECHECK_LANG");
    if (!lang || !lang[0])
        lang = "zh-CN";
    if (strcmp(lang, "zh-CN") != 0 && strcmp(lang, "en") != 0) {
        memset(tab, 0, sizeof *tab);
        pc_cli_fail("language \"%s\": use zh-CN or en (--lang, PRECHECK_LANG)", lang);
        return false;
    }
    char path[4200], err[4400];
    snprintf(path, sizeof path, "%s/assets/strings.%s.yaml", pc_data_dir(), lang);
    if (pc_strings_load(tab, path, err, sizeof err))
        return true;
    pc_cli_fail("%s", err);
    return false;
}

void pc_cli_say(const pc_strings *tab, const char *key, const char *const *names,
                const char *const *values, size_t n)
{
    char *text = pc_strings_fill(tab, key, names, values, n);
    puts(text ? text : key);
    free(text);
}

bool pc_cli_list_add(const pc_strings *tab, char **list, const char *item)
{
    const char *sep = *list ? pc_strings_get(tab, "common.list_sep") : "";
    size_t had = *list ? strlen(*list) : 0;
    char *grown = realloc(*list, had + strlen(sep) + strlen(item) + 1);
    if (!grown)
        return false;
    snprintf(grown + had, strlen(sep) + strlen(item) + 1, "%s%s", sep, item);
    *list = grown;
    return true;
}

int pc_cli_fail(const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    char *text = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (text)
        vsnprintf(text, (size_t)len + 1, fmt, again);
    pc_log_err("precheck: %s", text ? text : fmt);
    free(text);
    va_end(again);
    va_end(ap);
    return PC_EXIT_BAD_INPUT;
}
