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
static bool lb_kept_together(const char *t, size_t n, size_t b);
static size_t lb_docno_end(const char *t, size_t n, size_t p);
static size_t lb_docno_head(const char *t, size_t p);
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

/* Characters in t[0..len), closing punctuation not counted ("件。" is one). */
static size_t lb_count_chars(const char *t, size_t len)
{
    size_t k = 0, used;
    for (size_t i = 0; i < len; i += used)
        k += !pc_linebreak_no_start(pc_utf8_decode(t + i, len - i, &used));
    return k;
}

/* A last line of one character (often "件。" → "件" alone) reads badly, at the end of
 * the text and before each '\n': move the previous line's last character down when the
 * rules allow and it fits. */
static void lb_no_orphan(const char *t, size_t n, int max_width, pc_measure_fn measure, void *ctx,
                         pc_line *lines, size_t count)
{
    for (size_t i = 1; i < count; i++) {
        pc_line *prev = &lines[i - 1], *last = &lines[i];
        size_t end = last->start + last->len;
        if ((end < n && t[end] != '\n') || lb_count_chars(t + last->start, last->len) != 1 ||
            lb_count_chars(t + prev->start, prev->len) < 4 ||
            prev->start + prev->len != last->start)
            continue; /* not a paragraph's end, not an orphan, or a space between */
        size_t b = prev->start + prev->len - 1;
        while (b > prev->start && ((unsigned char)t[b] & 0xC0) == 0x80)
            b--;
        if (lb_is_word_byte((unsigned char)t[b]) || !lb_break_allowed(t, n, b) ||
            lb_kept_together(t, n, b) || measure(ctx, t + b, end - b) > max_width)
            continue;
        prev->len = b - prev->start;
        last->start = b;
        last->len = end - b;
    }
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
        while (pos < n && (lb_is_word_byte((unsigned char)t[pos]) ||
                           (t[pos] == ':' && pos + 1 < n && t[pos + 1] >= '0' &&
                            t[pos + 1] <= '9'))) /* a time: 13:30 */
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
    unsigned next = pc_utf8_decode(t + b, n - b, &used), prev = lb_cp_before(t, b);
    if (pc_linebreak_no_start(next) || pc_linebreak_no_end(prev))
        return false;
    return prev != 0x2014 || next != 0x2014; /* "——" is one mark */
}

#define LB_QUOTE_OPEN "\xE2\x80\x9C"  /* “ */
#define LB_QUOTE_CLOSE "\xE2\x80\x9D" /* ” */
#define LB_DOC_OPEN "\xE3\x80\x94"    /* 〔 */
#define LB_DOC_CLOSE "\xE3\x80\x95"   /* 〕 */
#define LB_DOC_NO "\xE5\x8F\xB7"      /* 号 */
#define LB_QUOTE_MAX 27               /* bytes from “ to ”: eight characters inside */

/* Is b inside a span that is never broken: a short quotation ("“不确定”") or a document
 * number with its issuer (川自贸领〔2024〕2号)? */
static bool lb_kept_together(const char *t, size_t n, size_t b)
{
    size_t from = b > 30 ? b - 30 : 0, to = b + 13 < n ? b + 13 : n;
    for (size_t p = from; p + 3 <= to; p++) {
        if (p < b && memcmp(t + p, LB_QUOTE_OPEN, 3) == 0) {
            for (size_t q = p + 3; q + 3 <= n && q - p <= LB_QUOTE_MAX; q++)
                if (memcmp(t + q, LB_QUOTE_CLOSE, 3) == 0) {
                    if (b <= q)
                        return true;
                    break;
                }
        }
        if (memcmp(t + p, LB_DOC_OPEN, 3) == 0) {
            size_t e = lb_docno_end(t, n, p);
            if (e && lb_docno_head(t, p) < b && b < e)
                return true;
        }
    }
    return false;
}

/* The end of 〔2024〕2号 starting at p (at 〔), or 0 when it is not one. */
static size_t lb_docno_end(const char *t, size_t n, size_t p)
{
    size_t q = p + 3, d = q;
    while (q < n && t[q] >= '0' && t[q] <= '9')
        q++;
    if (q == d || q + 3 > n || memcmp(t + q, LB_DOC_CLOSE, 3) != 0)
        return 0;
    d = q += 3;
    while (q < n && t[q] >= '0' && t[q] <= '9')
        q++;
    if (q == d || q + 3 > n || memcmp(t + q, LB_DOC_NO, 3) != 0)
        return 0;
    return q + 3;
}

/* Where the issuer's short name before 〔 begins: up to four Chinese characters. */
static size_t lb_docno_head(const char *t, size_t p)
{
    for (int k = 0; k < 4 && p >= 3; k++) {
        size_t used;
        unsigned cp = pc_utf8_decode(t + p - 3, 3, &used);
        if (used != 3 || cp < 0x4E00 || cp > 0x9FFF)
            break;
        p -= 3;
    }
    return p;
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
        /* the last break allowed, keeping short spans whole; else the last allowed */
        for (int keep = 1; keep >= 0; keep--)
            for (size_t i = n_units; i >= 1; i--) {
                size_t b = i == n_units ? cur : starts[i];
                if (lb_break_allowed(t, n, b) && !(keep && lb_kept_together(t, n, b))) {
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
