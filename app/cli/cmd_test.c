/* cmd_test.c — `precheck test`: runs every pack's own cases; a pack must have at least
 * ten cases. Prints failures and a summary line; exit 1 on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "cli_common.h"
#include "commands.h"

#define PC_MIN_CASES 10

static int test_pack(const pc_pack *pack, const pc_calendar *cal, const char *rules, bool verbose)
{
    char path[4096];
    pc_case_tally tally = {0};
    snprintf(path, sizeof path, "%s/%s.cases.yaml", rules, pack->id);
    if (!pc_cases_run(pack, cal, path, stdout, verbose, &tally))
        return 1;
    int failed = tally.failed;
    if (tally.run < PC_MIN_CASES) {
        printf("FAIL %s: only %d cases (at least %d needed)\n", pack->id, tally.run, PC_MIN_CASES);
        failed++;
    }
    printf("%s: %d cases, %d failed; outcomes covered:", pack->id, tally.run, tally.failed);
    for (int o = 0; o < PC_OUT_COUNT; o++)
        if (tally.outcomes_seen[o])
            printf(" %s", pc_outcome_name((pc_outcome)o));
    printf("; screens: exempt at most %zu, all 不确定 (scope known) %zu; minutes to an exempt "
           "result: %.1f to %.1f\n",
           tally.most_screens_exempt, tally.screens_all_unsure, tally.least_seconds_exempt / 60.0,
           tally.most_seconds_exempt / 60.0);
    return failed;
}

int pc_cmd_test(int argc, char **argv)
{
    const char *rules = NULL;
    bool verbose = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc)
            rules = argv[++i];
        else if (strcmp(argv[i], "--verbose") == 0)
            verbose = true;
        else
            return pc_cli_fail("test: unexpected argument \"%s\"", argv[i]);
    }
    pc_path rules_buf;
    rules = pc_cli_rules_dir(rules, &rules_buf);
    pc_pack_set set;
    char err[400];
    if (!pc_pack_set_load_dir(&set, rules, err, sizeof err))
        return pc_cli_fail("%s", err);
    pc_calendar *cal = pc_cli_load_calendar(rules);
    int failed = cal ? 0 : 1;
    for (size_t i = 0; cal && i < set.n_packs; i++)
        failed += test_pack(set.packs[i], cal, rules, verbose);
    free(cal);
    pc_pack_set_free(&set);
    return failed ? 1 : 0;
}
