/* test_print.c — printing's failures and rules: a missing printer, paper out (Linux
 * usblp answers ENOSPC; /dev/full does the same), a write error, a missing font, each
 * as its status with a message key in the string table; the ESC/POS job's framing;
 * the slip's words come from the string table (zh-CN and en); the bundled font
 * covers every character a slip prints; no slip line starts with closing punctuation
 * or ends with an opening bracket at either paper width, and no paragraph's last line
 * is one character; the slip says where to go and when (help_place, help_hours,
 * help_phone) and is written as slip-<policy>-<width>.png to look at. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL_ttf.h>

#include "fixture.h"
#include "linebreak.h"
#include "print.h"
#include "../check.h"

static void make_doc(const rc_fixture *f, pc_receipt_doc *doc, char *id)
{
    pc_answers a;
    pc_result r;
    rc_fixture_answers(f, &a, false);
    rc_fixture_eval(f, &a, &r);
    char text[PC_RECEIPT_MAX_TEXT];
    CHECK(rc_fixture_receipt(f, &f->key, NULL, &a, text, sizeof text));
    pc_receipt_id_new(id);
    CHECK(pc_receipt_doc_build(doc, &f->strings, f->pack, &r, id, text, "k1", f->now));
}

static void test_errors(const rc_fixture *f, const char *dir)
{
    pc_receipt_doc doc;
    char id[PC_RECEIPT_ID_SIZE], shown[32], lower[32];
    make_doc(f, &doc, id);
    pc_receipt_id_format(id, shown, sizeof shown);
    CHECK_STR(doc.receipt_no, shown);
    for (size_t i = 0; i <= strlen(shown); i++)
        lower[i] = (char)(shown[i] >= 'A' && shown[i] <= 'Z' ? shown[i] + 32 : shown[i]);
    pc_receipt_doc grouped;
    pc_answers a;
    pc_result res;
    rc_fixture_answers(f, &a, false);
    rc_fixture_eval(f, &a, &res);
    CHECK(pc_receipt_doc_build(&grouped, &f->strings, f->pack, &res, lower, "RC1AA", "k1", f->now));
    CHECK_STR(grouped.receipt_no, shown);
    pc_receipt_doc_free(&grouped);
    pc_print_opts o = rc_print_opts(PC_PRINT_WIDTH_58MM);
    char err[600], path[700];
    pc_printer_state said = PC_PRINTER_READY;
    CHECK(pc_receipt_print(&doc, &o, "/dev/full", &said, err, sizeof err) == PC_PRINT_PAPER_OUT);
    CHECK(said == PC_PRINTER_UNKNOWN); /* its zeros are no status byte */
    CHECK(strstr(pc_strings_get(&f->strings, pc_print_status_key(PC_PRINT_PAPER_OUT)), "缺纸") != NULL);
    CHECK(pc_receipt_print(&doc, &o, "/dev/usb/lp-missing", &said, err, sizeof err) == PC_PRINT_NO_PRINTER);
    struct stat sb;
    CHECK(stat("/dev/usb/lp-missing", &sb) != 0);          /* nothing created under /dev */
    snprintf(path, sizeof path, "%s/no/such/dir/out.bin", dir);
    CHECK(pc_receipt_print(&doc, &o, path, &said, err, sizeof err) == PC_PRINT_NO_PRINTER);
    CHECK(strstr(pc_strings_get(&f->strings, pc_print_status_key(PC_PRINT_NO_PRINTER)), "回执已保存") != NULL);
    for (int st = PC_PRINT_OK; st <= PC_PRINT_NO_MEMORY; st++)
        CHECK(pc_strings_has(&f->strings, pc_print_status_key((pc_print_status)st)));
    snprintf(path, sizeof path, "%s/job.bin", dir);
    said = PC_PRINTER_READY;
    CHECK(pc_receipt_print(&doc, &o, path, &said, err, sizeof err) == PC_PRINT_OK);
    CHECK(said == PC_PRINTER_UNKNOWN); /* a file is not asked: today's behaviour */
    CHECK(stat(path, &sb) == 0 && sb.st_size > 1000);
    /* framing: ESC @ … GS v 0 … GS V */
    FILE *fp = fopen(path, "rb");
    unsigned char head[3], tail[4];
    CHECK(fp && fread(head, 1, 3, fp) == 3);
    CHECK(head[0] == 0x1b && head[1] == 0x40 && head[2] == 0x1d);
    fseek(fp, -4, SEEK_END);
    CHECK(fread(tail, 1, 4, fp) == 4 && tail[0] == 0x1d && tail[1] == 0x56);
    fclose(fp);
    pc_print_opts bad = {PC_PRINT_WIDTH_58MM, "/no/such/font.otf", 0, 0};
    CHECK(pc_receipt_print(&doc, &bad, path, &said, err, sizeof err) == PC_PRINT_FONT);
    bad = rc_print_opts(100);
    CHECK(pc_receipt_print(&doc, &bad, path, &said, err, sizeof err) == PC_PRINT_INVALID);
    pc_receipt_doc_free(&doc);
    unsigned char junk[] = {0x1b, 0x40, 0x1d, 0x76, 0x30, 0x00, 0x30, 0x00, 0xff, 0xff};
    pc_raster r;
    bool cut;
    CHECK(!pc_escpos_decode(junk, sizeof junk, &r, &cut));
}

/* The slip's words are the table's: the same slip in zh-CN and in English. */
static void test_languages(const rc_fixture *f)
{
    pc_receipt_doc doc;
    char id[PC_RECEIPT_ID_SIZE], err[600];
    make_doc(f, &doc, id);
    CHECK_STR(doc.title, "政策预检回执"); /* one name for the product: 预检 */
    CHECK_STR(doc.heads[PC_SLIP_OUTCOME], "预检结果");
    CHECK_STR(doc.heads[PC_SLIP_MATERIALS], "请携带以下材料（已备齐请打勾）");
    CHECK_STR(doc.footer, "自助机 k1  2026-11-20 10:00\n本回执为预检参考，结果以窗口审核为准。");
    CHECK_STR(doc.where, "");
    CHECK(pc_receipt_doc_set_where(&doc, &f->strings, "服务大厅3号窗口", "", "0571-12345678"));
    CHECK_STR(doc.where, "地点：服务大厅3号窗口\n电话：0571-12345678");
    CHECK(pc_receipt_doc_set_where(&doc, &f->strings, "", "工作日 9:00—17:00", ""));
    CHECK_STR(doc.where, "时间：工作日 9:00—17:00");
    CHECK(doc.n_steps > 0 && strncmp(doc.steps[0], "1．", strlen("1．")) == 0);
    pc_receipt_doc_free(&doc);
    pc_strings en;
    CHECK(pc_strings_load(&en, PC_SOURCE_DIR "/assets/strings.en.yaml", err, sizeof err));
    pc_answers a;
    pc_result r;
    rc_fixture_answers(f, &a, false);
    rc_fixture_eval(f, &a, &r);
    CHECK(pc_receipt_doc_build(&doc, &en, f->pack, &r, id, "RC1AA", "k1", f->now));
    CHECK_STR(doc.title, "Pre-check receipt");
    CHECK(strncmp(doc.footer, "Kiosk k1  2026-11-20 10:00\n", 27) == 0);
    CHECK(doc.n_steps > 0 && strncmp(doc.steps[0], "1. ", 3) == 0);
    pc_receipt_doc_free(&doc);
    pc_strings_free(&en);
}

static void each_text(const pc_receipt_doc *doc, void (*fn)(const char *, void *), void *ctx)
{
    const char *singles[] = {doc->title, doc->receipt_no, doc->policy, doc->outcome,
                             doc->deadline, doc->footer, doc->list_sep, doc->where};
    for (size_t i = 0; i < sizeof singles / sizeof singles[0]; i++)
        fn(singles[i], ctx);
    for (size_t i = 0; i < PC_SLIP_HEAD_COUNT; i++)
        fn(doc->heads[i], ctx);
    for (size_t i = 0; i < doc->n_basis; i++)
        fn(doc->basis[i], ctx);
    for (size_t i = 0; i < doc->n_materials; i++)
        fn(doc->materials[i], ctx);
    for (size_t i = 0; i < doc->n_steps; i++)
        fn(doc->steps[i], ctx);
}

static void check_glyphs(const char *text, void *ctx)
{
    TTF_Font *font = ctx;
    for (size_t i = 0, used = 0; text[i]; i += used) {
        unsigned cp = pc_utf8_decode(text + i, strlen(text + i), &used);
        if (cp == '\n' || cp == ' ')
            continue;
        if (!TTF_GlyphIsProvided32(font, cp)) {
            fprintf(stderr, "font lacks U+%04X in \"%s\"\n", cp, text);
            CHECK(false);
        }
    }
}

typedef struct wrap_ctx {
    TTF_Font *font;
    int width;
    size_t lines;
} wrap_ctx;

static int measure(void *ctx, const char *text, size_t len)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "%.*s", (int)len, text);
    int w = 0, h = 0;
    TTF_SizeUTF8(ctx, buf, &w, &h);
    return w;
}

/* Characters, closing punctuation not counted ("件。" is one). */
static size_t chars(const char *t, size_t len)
{
    size_t k = 0, used;
    for (size_t i = 0; i < len; i += used)
        k += !pc_linebreak_no_start(pc_utf8_decode(t + i, len - i, &used));
    return k;
}

static void check_wrap(const char *text, void *ctx)
{
    wrap_ctx *w = ctx;
    pc_line lines[64];
    size_t n = pc_linebreak(text, w->width, measure, w->font, lines, 64);
    for (size_t i = 0; i < n && i < 64; i++) {
        size_t used = 0, last = 0;
        unsigned first = pc_utf8_decode(text + lines[i].start, lines[i].len, &used);
        for (size_t k = 0; k < lines[i].len; k += used) {
            last = pc_utf8_decode(text + lines[i].start + k, lines[i].len - k, &used);
            if (!used)
                break;
        }
        CHECK(i == 0 || !pc_linebreak_no_start(first));
        CHECK(i + 1 == n || !pc_linebreak_no_end(last));
        CHECK(measure(w->font, text + lines[i].start, lines[i].len) <= w->width);
        bool para_end = i + 1 == n || text[lines[i].start + lines[i].len] == '\n';
        if (i > 0 && para_end && lines[i - 1].start + lines[i - 1].len == lines[i].start &&
            chars(text + lines[i].start, lines[i].len) < 2) {
            fprintf(stderr, "one character alone on the last line of \"%s\"\n", text);
            CHECK(false);
        }
    }
    w->lines += n;
}

static void test_font_and_wrapping(const rc_fixture *f)
{
    pc_receipt_doc doc;
    char id[PC_RECEIPT_ID_SIZE];
    make_doc(f, &doc, id);
    CHECK(pc_receipt_doc_set_where(&doc, &f->strings, "服务大厅咨询窗口（3号）",
                                   "工作日 9:00—12:00，13:30—17:00", "0571-12345678"));
    CHECK(TTF_Init() == 0);
    for (int wi = 0; wi < 2; wi++) {
        pc_print_opts o = rc_print_opts(wi ? PC_PRINT_WIDTH_80MM : PC_PRINT_WIDTH_58MM);
        TTF_Font *font = TTF_OpenFontIndex(o.font_path, o.width / 16, o.font_index);
        CHECK(font != NULL);
        if (!font)
            continue;
        each_text(&doc, check_glyphs, font);
        wrap_ctx w = {font, o.width - 2 * (o.width / 24), 0};
        each_text(&doc, check_wrap, &w);
        CHECK(w.lines > 20);
        TTF_CloseFont(font);
        pc_raster r;
        char err[600], png[300];
        CHECK(pc_receipt_render(&doc, &o, &r, err, sizeof err) == PC_PRINT_OK);
        snprintf(png, sizeof png, "slip-%s-%d.png", f->pack->id, o.width);
        CHECK(pc_raster_write_png(&r, 1, png) == PC_PRINT_OK);
        pc_raster_free(&r);
    }
    TTF_Quit();
    pc_receipt_doc_free(&doc);
}

int main(void)
{
    rc_fixture f;
    rc_fixture_init(&f, NULL);
    char dir[512];
    rc_tempdir(dir, sizeof dir);
    test_errors(&f, dir);
    test_languages(&f);
    for (size_t i = 0; i < f.packs.n_packs; i++) {
        f.pack = f.packs.packs[i];
        test_font_and_wrapping(&f);
    }
    rc_rmtree(dir);
    rc_fixture_free(&f);
    return CHECK_DONE();
}
