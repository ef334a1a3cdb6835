/* cmd_lint.c — `precheck lint [PACK…]`: loads and checks packs (all of the rules
 * directory by default); prints each problem as file:line: cite: problem; exit 1 on any. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"
#include "commands.h"
#include "lint.h"
#include "log.h"

static int lint_file(const char *path)
{
    char err[400];
    pc_pack *pack = pc_pack_load(path, err, sizeof err);
    if (!pack) {
        printf("%s\n", err);
        return 1;
    }
    int problems = pc_pack_lint(pack, stdout);
    pc_pack_free(pack);
    return problems;
}

/* A pack's superseded_by names a pack of the same rules directory. */
static int lint_successors(const pc_pack_set *set)
{
    int problems = 0;
    for (size_t i = 0; i < set->n_packs; i++) {
        const pc_pack *p = set->packs[i];
        if (p->superseded_by[0] && !pc_pack_set_find(set, p->superseded_by)) {
            printf("%s:1: superseded_by names \"%s\", which is not in this rules directory\n",
                   p->path, p->superseded_by);
            problems++;
        }
    }
    return problems;
}

static int lint_dir(const char *dir)
{
    pc_pack_set set;
    char err[400];
    int problems = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d)
        return pc_cli_fail("rules directory %s cannot be opened", dir), 1;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0 && !strstr(e->d_name, ".cases.")) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            problems += lint_file(path);
        }
    }
    closedir(d);
    if (pc_pack_set_load_dir(&set, dir, err, sizeof err)) {
        problems += lint_successors(&set);
        pc_pack_set_free(&set);
    } else if (!problems)
        printf("%s\n", err), problems++;
    return problems;
}

int pc_cmd_lint(int argc, char **argv)
{
    const char *rules = NULL;
    pc_path rules_buf;
    int problems = 0, files = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc)
            rules = argv[++i];
        else {
            problems += lint_file(argv[i]);
            files++;
        }
    }
    if (!files)
        problems += lint_dir(pc_cli_rules_dir(rules, &rules_buf));
    if (problems)
        pc_log_err("precheck lint: %d problem%s", problems, problems == 1 ? "" : "s");
    return problems ? 1 : 0;
}
