/* walk.c — plays the questionnaire from facts (see walk.h). */
#include "walk.h"

#include <string.h>

/* ---- static prototypes ---- */
static double chars(const char *utf8);

void pc_walk_play(const pc_pack *pack, const pc_facts *facts, const pc_answers *recorded,
                  pc_walk *walk)
{
    pc_answers_init(&walk->answers);
    walk->n_screens = 0;
    int q = pc_next_question(pack, &walk->answers, 0);
    while (q >= 0 && walk->n_screens < PC_MAX_QUESTIONS) {
        walk->screens[walk->n_screens++] = q;
        walk->answers.a[q] = recorded && pc_answer_given(recorded, (size_t)q)
                                 ? recorded->a[q]
                                 : pc_answer_from_facts(pack, facts, (size_t)q);
        q = pc_next_question(pack, &walk->answers, (size_t)q + 1);
    }
}

double pc_walk_seconds(const pc_pack *pack, const pc_walk *walk, const pc_result *result)
{
    double n = 0, seconds = 0;
    for (size_t i = 0; i < walk->n_screens; i++) {
        const pc_question *q = &pack->questions[walk->screens[i]];
        n += chars(q->ask) + chars(q->why);
        for (size_t o = 0; o < q->n_options; o++)
            n += chars(q->options[o].label);
        seconds += PC_SECONDS_PER_TAP;
    }
    for (size_t i = 0; i < result->n_basis; i++)
        n += chars(pack->clauses[result->basis[i]].plain);
    for (size_t i = 0; i < result->n_materials; i++)
        n += chars(pack->materials[result->materials[i]].name);
    if (pack->deadline)
        n += chars(pack->deadline->what);
    return seconds + n / PC_READ_CHARS_PER_MINUTE * 60.0 + PC_SECONDS_PER_TAP;
}

/* Characters, not bytes: a Chinese character is one thing to read. */
static double chars(const char *utf8)
{
    double n = 0;
    for (const unsigned char *p = (const unsigned char *)utf8; p && *p; p++)
        n += (*p & 0xc0) != 0x80;
    return n;
}
