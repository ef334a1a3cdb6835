/* entry.h — the answer being entered on a question screen, before it counts.
 *
 * 是 / 否 and a choice count at the tap. The other kinds are entered first and confirmed:
 * which-apply ticks (or 以上都不是) and then 下一步; a number typed on the keypad and then
 * 确定, refused politely outside the question's range; a date moved on the picker, which
 * starts with no date at all, and then 确定 — or one of the two words for a date that
 * cannot be given. A touch that cannot act yet says why in a hint instead of doing
 * nothing. Functions that may complete an answer return true and write it to *out; the
 * session (session.h) then moves on. No SDL: tests/ui/test_session.c drives it. */
#ifndef PC_ENTRY_H
#define PC_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "eval.h"
#include "pack.h"

#define PC_ENTRY_KEY_POINT 10  /* the keypad's 点 */
#define PC_ENTRY_KEY_DEL 11    /* the keypad's 删除 */
#define PC_ENTRY_NUMBER_MAX 16 /* characters typed on the keypad */

/* Why the last touch could not act: a note over the bottom of the question screen. */
typedef enum {
    PC_HINT_NONE,
    PC_HINT_MULTI_PICK,   /* 下一步 with nothing ticked */
    PC_HINT_NUMBER_EMPTY, /* 确定 with nothing typed */
    PC_HINT_NUMBER_RANGE, /* 确定 outside min…max */
    PC_HINT_NUMBER_FULL,  /* a digit more than the range can hold */
    PC_HINT_DATE_PICK,    /* 确定 with no date chosen */
    PC_HINT_DATE_FUTURE   /* the picker stopped at today */
} pc_entry_hint;

/* A ▲ or ▼ of the date picker; each ▼ comes right after its ▲. */
typedef enum {
    PC_DATE_YEAR_UP,
    PC_DATE_YEAR_DOWN,
    PC_DATE_MONTH_UP,
    PC_DATE_MONTH_DOWN,
    PC_DATE_DAY_UP,
    PC_DATE_DAY_DOWN
} pc_date_step;

typedef struct pc_entry {
    pc_day date_pick;    /* the date picker's value; PC_NO_DAY: none chosen yet */
    uint32_t multi_pick; /* which-apply: the ticked options, a bit each */
    bool multi_none;     /* which-apply: 以上都不是 chosen */
    char number_text[PC_ENTRY_NUMBER_MAX + 1]; /* the number as typed: "480.5" */
    pc_entry_hint hint;                        /* the note shown, if any */
} pc_entry;

/* Shows question q with its answer so far (a), or nothing entered. */
void pc_entry_load(pc_entry *e, const pc_question *q, const pc_answer *a);
/* 是 (0), 否 (1), a choice's option, or 不确定 (-1): answered at the tap. */
bool pc_entry_option(pc_entry *e, const pc_question *q, int option, pc_answer *out);
/* An answer without a value: 还没有发生 (PC_ANS_NOT_YET) or 记不清日期 (PC_ANS_UNSURE). */
bool pc_entry_state(pc_entry *e, const pc_question *q, pc_answer_state state, pc_answer *out);
void pc_entry_multi_toggle(pc_entry *e, const pc_question *q, int option);
/* 以上都不是: clears the ticks; tapped again, it is taken back. */
void pc_entry_multi_none(pc_entry *e);
bool pc_entry_multi_next(pc_entry *e, const pc_question *q, pc_answer *out);
/* A keypad key: 0…9, PC_ENTRY_KEY_POINT or PC_ENTRY_KEY_DEL. */
void pc_entry_key(pc_entry *e, const pc_question *q, int key);
bool pc_entry_number_ok(pc_entry *e, const pc_question *q, pc_answer *out);
/* A year, month or day up or down; from today when no date is chosen yet; never past
 * today (the hint says why it stopped) nor before the calendar's first year. */
void pc_entry_date_step(pc_entry *e, pc_date_step step, pc_day today);
void pc_entry_date_today(pc_entry *e, pc_day today);
bool pc_entry_date_confirm(pc_entry *e, const pc_question *q, pc_answer *out);
/* value × 100 as the applicant types it: 120, 480.5 (at most `decimals` digits). */
void pc_entry_format_number(int64_t value100, int decimals, char *buf, size_t size);

#endif
