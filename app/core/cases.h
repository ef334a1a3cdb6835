/* cases.h — runs a pack's own test cases (rules/<id>.cases.yaml: facts in, expected
 * outcome, basis, deadline out). The cases are the policy experts' regression suite:
 * `precheck test` and ctest run them for every pack. */
#ifndef PC_CASES_H
#define PC_CASES_H

#include <stdio.h>

#include "eval.h"

typedef struct pc_case_tally {
    int run, failed;
    bool outcomes_seen[PC_OUT_COUNT];
} pc_case_tally;

/* Runs every case in cases_path against pack; prints each failure (and, when verbose,
 * each pass) to out. Returns false when the file itself cannot be read. */
bool pc_cases_run(const pc_pack *pack, const pc_calendar *cal, const char *cases_path,
                  FILE *out, bool verbose, pc_case_tally *tally);

#endif
