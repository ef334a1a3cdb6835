/* linebreak.h — Chinese line breaking with a caller-supplied measure.
 *
 * SDL_ttf's own wrapping knows no Chinese rules (field-notes.md), so the kiosk breaks
 * lines itself: greedily, between characters, never putting closing punctuation
 * (，。、；：？！」』）】》…) at the start of a line nor opening brackets (「『（【《)
 * at its end, keeping Latin words and numbers whole. The width comes from a callback
 * so the same code runs under SDL (TTF_SizeUTF8) and in unit tests without SDL. */
#ifndef PC_LINEBREAK_H
#define PC_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>

/* Width in pixels of text[0..len) (not NUL-terminated). */
typedef int (*pc_measure_fn)(void *ctx, const char *text, size_t len);

typedef struct pc_line {
    size_t start; /* byte offset in the text */
    size_t len;   /* bytes, without the trailing spaces or newline */
} pc_line;

/* Breaks text into lines no wider than max_width (a single unit wider than that gets
 * a line of its own, broken between characters). '\n' forces a break. Fills up to
 * max_lines lines and returns how many lines the whole text needs. */
size_t pc_linebreak(const char *text, int max_width, pc_measure_fn measure, void *ctx,
                    pc_line *lines, size_t max_lines);

/* True if a line may not start with code point cp (closing punctuation). */
bool pc_linebreak_no_start(unsigned cp);
/* True if a line may not end with code point cp (opening brackets). */
bool pc_linebreak_no_end(unsigned cp);
/* Decodes one UTF-8 code point at s (len bytes left); sets *used (≥ 1 on bad bytes). */
unsigned pc_utf8_decode(const char *s, size_t len, size_t *used);

#endif
