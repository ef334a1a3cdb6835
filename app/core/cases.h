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
    size_t most_screens_exempt;  /* the longest walk among exempt cases */
    double most_seconds_exempt;  /* its time at the kiosk (walk.h's reading model) */
    double least_seconds_exempt; /* the quickest exempt walk's time (0: none yet) */
    size_t screens_all_unsure;   /* the walk when every answer is 不确定 */
} pc_case_tally;

/* Runs every case in cases_path against pack; prints each failure (and, when verbose,
 * each pass) to out. Each case is also walked through the kiosk's questions (walk.h):
 * the walk must come to the same outcome, an exempt case within PC_SCREENS_TYPICAL
 * screens; and the all-不确定 walk must end within PC_SCREENS_ALL_UNSURE. Returns false
 * when the file itself cannot be read. */
bool pc_cases_run(const pc_pack *pack, const pc_calendar *cal, const char *cases_path, FILE *out,
                  bool verbose, pc_case_tally *tally);

#endif
