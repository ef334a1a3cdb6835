/* test_linebreak.c — Chinese line breaking without SDL: a fake measure (every code
 * point 10 px, ASCII 5 px) checks the rules: no line starts with closing punctuation,
 * none ends with an opening bracket, Latin words stay whole, '\n' breaks, widths hold. */
#undef NDEBUG
#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "linebreak.h"

static int fake_measure(void *ctx, const char *s, size_t len)
{
    (void)ctx;
    int w = 0;
    for (size_t i = 0; i < len;) {
        size_t used;
        unsigned cp = pc_utf8_decode(s + i, len - i, &used);
        w += cp < 0x80 ? 5 : 10;
        i += used;
    }
    return w;
}

static unsigned first_cp(const char *t, pc_line l)
{
    size_t used;
    return pc_utf8_decode(t + l.start, l.len, &used);
}

static unsigned last_cp(const char *t, pc_line l)
{
    size_t i = l.start + l.len - 1;
    while (i > l.start && ((unsigned char)t[i] & 0xC0) == 0x80) i--;
    size_t used;
    return pc_utf8_decode(t + i, l.start + l.len - i, &used);
}

static size_t check(const char *text, int width, pc_line *lines, size_t max)
{
    size_t n = pc_linebreak(text, width, fake_measure, NULL, lines, max);
    for (size_t i = 0; i < n && i < max; i++) {
        if (lines[i].len == 0) continue;
        if (i > 0 && pc_linebreak_no_start(first_cp(text, lines[i]))) {
            fprintf(stderr, "line %zu of \"%s\" starts with closing punctuation\n", i, text);
            assert(0);
        }
        if (i + 1 < n && pc_linebreak_no_end(last_cp(text, lines[i]))) {
            fprintf(stderr, "line %zu of \"%s\" ends with an opening bracket\n", i, text);
            assert(0);
        }
        assert(fake_measure(NULL, text + lines[i].start, lines[i].len) <= width || lines[i].len <= 4);
    }
    return n;
}

static void test_simple(void)
{
    pc_line l[8];
    assert(pc_linebreak("", 100, fake_measure, NULL, l, 8) == 0);
    assert(check("一二三四五", 100, l, 8) == 1 && l[0].len == 15);
    assert(check("一二三四五六七八九十一二", 100, l, 8) == 2);
    assert(l[0].len == 30 && l[1].start == 30);
}

static void test_no_start_punctuation(void)
{
    pc_line l[8];
    /* ten characters fit; the 11th is "，" which may not start the next line */
    const char *t = "一二三四五六七八九十，十一";
    size_t n = check(t, 100, l, 8);
    assert(n == 2);
    assert(l[0].len == 27);                 /* "一…九" (9 characters) */
    assert(strncmp(t + l[1].start, "十，", 6) == 0);
    const char *u = "一二三四五六七八九十」。好";
    n = check(u, 100, l, 8);
    assert(n == 2 && l[0].len == 27);
}

static void test_no_end_bracket(void)
{
    pc_line l[8];
    const char *t = "一二三四五六七八九（十）";
    size_t n = check(t, 100, l, 8);
    assert(n == 2 && l[0].len == 27);       /* "（" moves down with "十" */
    assert(strncmp(t + l[1].start, "（", 3) == 0);
}

static void test_words_and_newlines(void)
{
    pc_line l[8];
    const char *t = "abc defgh ijk";
    size_t n = check(t, 40, l, 8);          /* 8 ASCII characters a line */
    assert(n == 3);
    assert(l[0].len == 3 && strncmp(t + l[1].start, "defgh", 5) == 0);
    n = check("一二\n三四", 100, l, 8);
    assert(n == 2 && l[0].len == 6 && l[1].len == 6);
    n = check("一二\n\n三", 100, l, 8);
    assert(n == 3 && l[1].len == 0);
    n = check("abcdefghijklmnopqrstuvwxyz", 40, l, 8);  /* a word wider than a line */
    assert(n == 4 && l[0].len == 8);
    n = check("第2024号文件，共1.5页", 60, l, 8);
    for (size_t i = 0; i < n; i++) assert(l[i].len > 0);
}

static void test_many_lines(void)
{
    pc_line l[2];
    size_t n = pc_linebreak("一二三四五六七八九十一二三四五六七八九十一二", 50, fake_measure, NULL, l, 2);
    assert(n == 5);                          /* counts all, fills two */
}

static void test_no_orphan(void)
{
    pc_line l[8];
    /* 11 characters at 10 a line: not "一…十" + "件" but "一…九" + "十件" */
    const char *t = "一二三四五六七八九十件";
    size_t n = check(t, 100, l, 8);
    assert(n == 2 && l[0].len == 27 && l[1].len == 6);
    /* a closing mark may not start the last line, and "十。" is one character too: "九十。" */
    const char *u = "一二三四五六七八九十。";
    n = check(u, 100, l, 8);
    assert(n == 2 && l[1].len == 9);
}

/* True when no line of text at width ends inside the first occurrence of span (when
 * the span fits a line at all). */
static bool kept_whole(const char *text, int width, const char *span)
{
    pc_line l[16];
    if (fake_measure(NULL, span, strlen(span)) > width)
        return true; /* wider than a line: it has to break somewhere */
    size_t n = check(text, width, l, 16);
    size_t a = (size_t)(strstr(text, span) - text), b = a + strlen(span);
    for (size_t i = 0; i + 1 < n; i++) {
        size_t end = l[i].start + l[i].len;
        if (end > a && end < b)
            return false;
    }
    return true;
}

/* "——" is one mark; "“不确定”" and a document number with its issuer stay together. */
static void test_kept_together(void)
{
    for (int w = 30; w <= 160; w += 10) {
        assert(kept_whole("这是一件事——也是第二件事——再说第三件", w, "——"));
        assert(kept_whole("记不清的，请选“不确定”，不要随便选。", w, "“不确定”，"));
        assert(kept_whole("记不清的请选“不确定”再往下走", w, "“不确定”"));
        assert(kept_whole("依据中国(四川)自由贸易试验区川自贸领〔2024〕2号文件", w,
                          "川自贸领〔2024〕2号"));
        assert(kept_whole("越秀区（越委办〔2017〕132号）第五条", w, "（越委办〔2017〕132号）"));
    }
    for (int w = 40; w <= 120; w += 5) /* a time stays whole */
        assert(kept_whole("时间：工作日 9:00—12:00，13:30—17:00", w, "13:30"));
    for (int w = 20; w <= 60; w += 5) /* a receipt number's group of four never splits */
        assert(kept_whole("回执编号 7K3M 9QXD 4RT8", w, "9QXD"));
}

/* Before a forced break too: "件。" never stands alone on a paragraph's last line. */
static void test_no_orphan_paragraphs(void)
{
    pc_line l[8];
    const char *t = "一二三四五六七八九十件。\n下一段";
    size_t n = check(t, 100, l, 8);
    assert(n == 3 && l[0].len == 27 && strncmp(t + l[1].start, "十件。", 9) == 0);
}

int main(void)
{
    test_kept_together();
    test_no_orphan_paragraphs();
    test_simple();
    test_no_start_punctuation();
    test_no_end_bracket();
    test_words_and_newlines();
    test_many_lines();
    test_no_orphan();
    puts("test_linebreak: ok");
    return 0;
}
