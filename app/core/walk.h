/* walk.h — the kiosk's way through a questionnaire, played from facts: each question the
 * kiosk would ask, in its order and skip logic, answered as an applicant with those facts
 * would answer it. `precheck walk` prints it; tests hold the screen counts with it. */
#ifndef PC_WALK_H
#define PC_WALK_H

#include "eval.h"

/* What an applicant deserves (issue 8): the typical path to a favourable result takes at
 * most this many screens, and answering everything 不确定 ends within the second. */
#define PC_SCREENS_TYPICAL 10
#define PC_SCREENS_ALL_UNSURE 20

typedef struct pc_walk {
    int screens[PC_MAX_QUESTIONS]; /* question indices, in the order asked */
    size_t n_screens;
    pc_answers answers; /* the answers given */
} pc_walk;

/* Seconds an unhurried, older reader needs for the walk: every word on each screen
 * (question, why, options) read at PC_READ_CHARS_PER_MINUTE, PC_SECONDS_PER_TAP to decide
 * and tap, and the result screen (outcome, basis, materials, deadline) read likewise. */
#define PC_READ_CHARS_PER_MINUTE 250.0
#define PC_SECONDS_PER_TAP 6.0
double pc_walk_seconds(const pc_pack *pack, const pc_walk *walk, const pc_result *result);

/* Walks the questions from the first, each time to the next relevant one after the
 * current, as the kiosk does. A question `recorded` answers (may be NULL) gets that
 * answer; any other the answer the facts give. */
void pc_walk_play(const pc_pack *pack, const pc_facts *facts, const pc_answers *recorded,
                  pc_walk *walk);

#endif
