/* linebreak.c — greedy Chinese line breaking (see linebreak.h for the rules).
 *
 * Pure C, no SDL: the kiosk passes TTF_SizeUTF8, the unit tests a fake measure. */
#include "linebreak.h"

#include <string.h>

#define LB_MAX_UNITS 512

/* ---- static prototypes ---- */
static bool lb_is_word_byte(unsigned char c);
static size_t lb_unit_end(const char *t, size_t n, size_t pos);
static unsigned lb_cp_before(const char *t, size_t pos);
static bool lb_break_allowed(const char *t, size_t n, size_t b);
static size_t lb_split_unit(const char *t, size_t pos, size_t ue, int max_width,
                            pc_measure_fn measure, void *ctx);
static size_t lb_line_end(const char *t, size_t n, size_t pos, int max_width, pc_measure_fn measure,
                          void *ctx, size_t *next);
static void lb_no_orphan(const char *t, size_t n, int max_width, pc_measure_fn measure, void *ctx,
                         pc_line *lines, size_t count);

/* ---- public functions ---- */

bool pc_linebreak_no_start(unsigned cp)
{
    static const unsigned list[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
                                    0x300D, 0x300F, 0xFF09, 0x3011, 0x300B, 0x3009, 0x3015,
                                    0x201D, 0x2019, 0x2026, 0x2025, 0x30FB, 0xFF05, 0x00B7,
                                    0xFF0E, 0xFF3D, 0xFF5D, 0x3017, ',',    '.',    ';',
                                    ':',    '?',    '!',    ')',    ']',    '}',    '%'};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (list[i] == cp)
            return true;
    return false;
}

bool pc_linebreak_no_end(unsigned cp)
{
    static const unsigned list[] = {0x300C, 0x300E, 0xFF08, 0x3010, 0x300A, 0x3008, 0x3014, 0x201C,
                                    0x2018, 0xFF3B, 0xFF5B, 0x3016, '(',    '[',    '{'};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (list[i] == cp)
            return true;
    return false;
}

unsigned pc_utf8_decode(const char *s, size_t len, size_t *used)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t need = u[0] < 0x80         ? 1
                  : (u[0] >> 5) == 6  ? 2
                  : (u[0] >> 4) == 14 ? 3
                  : (u[0] >> 3) == 30 ? 4
                                      : 0;
    if (need == 0 || need > len) {
        *used = 1;
        return 0xFFFD;
    }
    unsigned cp = need == 1   ? u[0]
                  : need == 2 ? (u[0] & 0x1Fu)
                  : need == 3 ? (u[0] & 0x0Fu)
                              : (u[0] & 0x07u);
    for (size_t i = 1; i < need; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *used = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (u[i] & 0x3Fu);
    }
    *used = need;
    return cp;
}

size_t pc_linebreak(const char *text, int max_width, pc_measure_fn measure, void *ctx,
                    pc_line *lines, size_t max_lines)
{
    size_t n = strlen(text), count = 0, pos = 0;
    while (pos < n) {
        while (pos < n && text[pos] == ' ')
            pos++;
        if (pos >= n)
            break;
        size_t next = n;
        size_t end = lb_line_end(text, n, pos, max_width, measure, ctx, &next);
        while (end > pos && text[end - 1] == ' ')
            end--;
        if (count < max_lines) {
            lines[count].start = pos;
            lines[count].len = end - pos;
        }
        count++;
        pos = next;
    }
    if (count >= 2 && count <= max_lines)
        lb_no_orphan(text, n, max_width, measure, ctx, lines, count);
    return count;
}

/* ---- static functions ---- */

static size_t lb_count_cps(const char *t, size_t len)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++)
        k += ((unsigned char)t[i] & 0xC0) != 0x80;
    return k;
}

/* A last line of one character (often "件。" → "件" alone) reads badly: move the
 * previous line's last character down when the rules allow and it fits. */
static void lb_no_orphan(const char *t, size_t n, int max_width, pc_measure_fn measure, void *ctx,
                         pc_line *lines, size_t count)
{
    pc_line *prev = &lines[count - 2], *last = &lines[count - 1];
    if (lb_count_cps(t + last->start, last->len) != 1 ||
        lb_count_cps(t + prev->start, prev->len) < 4)
        return;
    if (prev->start + prev->len != last->start)
        return; /* a space or newline between */
    size_t b = prev->start + prev->len - 1;
    while (b > prev->start && ((unsigned char)t[b] & 0xC0) == 0x80)
        b--;
    if (lb_is_word_byte((unsigned char)t[b]) || !lb_break_allowed(t, n, b))
        return;
    size_t end = last->start + last->len;
    if (measure(ctx, t + b, end - b) > max_width)
        return;
    prev->len = b - prev->start;
    last->start = b;
    last->len = end - b;
}

static bool lb_is_word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
           c == '-' || c == '_' || c == '/' || c == '@' || c == '\'';
}

/* End of the unit starting at pos: a Latin word or number, or one code point. */
static size_t lb_unit_end(const char *t, size_t n, size_t pos)
{
    if (lb_is_word_byte((unsigned char)t[pos])) {
        while (pos < n && lb_is_word_byte((unsigned char)t[pos]))
            pos++;
        return pos;
    }
    size_t used;
    pc_utf8_decode(t + pos, n - pos, &used);
    return pos + used;
}

static unsigned lb_cp_before(const char *t, size_t pos)
{
    size_t start = pos - 1;
    while (start > 0 && ((unsigned char)t[start] & 0xC0) == 0x80 && pos - start < 4)
        start--;
    size_t used;
    return pc_utf8_decode(t + start, pos - start, &used);
}

/* May a line end just before byte b (b > 0)? */
static bool lb_break_allowed(const char *t, size_t n, size_t b)
{
    if (t[b] == ' ' || t[b - 1] == ' ')
        return true;
    size_t used;
    if (pc_linebreak_no_start(pc_utf8_decode(t + b, n - b, &used)))
        return false;
    return !pc_linebreak_no_end(lb_cp_before(t, b));
}

/* A unit too wide for a line on its own: as many code points as fit (at least one). */
static size_t lb_split_unit(const char *t, size_t pos, size_t ue, int max_width,
                            pc_measure_fn measure, void *ctx)
{
    size_t used, end = pos;
    pc_utf8_decode(t + pos, ue - pos, &used);
    end = pos + used;
    while (end < ue) {
        pc_utf8_decode(t + end, ue - end, &used);
        if (measure(ctx, t + pos, end + used - pos) > max_width)
            break;
        end += used;
    }
    return end;
}

/* Where the line starting at pos ends; *next is where the following line starts. */
static size_t lb_line_end(const char *t, size_t n, size_t pos, int max_width, pc_measure_fn measure,
                          void *ctx, size_t *next)
{
    size_t starts[LB_MAX_UNITS], n_units = 0, cur = pos;
    while (cur < n) {
        if (t[cur] == '\n') {
            *next = cur + 1;
            return cur;
        }
        size_t ue = lb_unit_end(t, n, cur);
        if (measure(ctx, t + pos, ue - pos) <= max_width) {
            if (n_units < LB_MAX_UNITS)
                starts[n_units++] = cur;
            cur = ue;
            continue;
        }
        if (cur == pos) {
            *next = lb_split_unit(t, pos, ue, max_width, measure, ctx);
            return *next;
        }
        if (t[cur] == ' ') {
            *next = cur;
            return cur;
        }
        for (size_t i = n_units; i >= 1; i--) {
            size_t b = i == n_units ? cur : starts[i];
            if (lb_break_allowed(t, n, b)) {
                *next = b;
                return b;
            }
        }
        *next = cur; /* nothing allowed: break anyway rather than overflow */
        return cur;
    }
    *next = n;
    return n;
}
