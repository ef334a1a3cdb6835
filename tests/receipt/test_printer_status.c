/* test_printer_status.c — the printer asked how it is (ESC/POS real-time status, DLE
 * EOT 1, 2, 4) before and after a slip, on a pseudo-terminal acting as the printer
 * (pty_printer.c): ready and paper near its end print the slip (decoded back from the
 * bytes received, cut at the end) with the three questions before and after it; paper
 * out and cover open send nothing and say so; a printer that stays silent or answers
 * noise prints as before, its state unknown. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "print.h"
#include "pty_printer.h"
#include "../check.h"

typedef struct expect {
    const char *printer;     /* pty_printer's state */
    pc_print_status status;  /* what printing returns */
    pc_printer_state state;  /* what the printer said */
    bool slip;               /* the slip arrived */
    int asked_before;        /* questions before it (1: no answer, no more questions) */
    int asked_after;         /* questions after the slip */
} expect;

static void make_doc(const rc_fixture *f, pc_receipt_doc *doc)
{
    pc_answers a;
    pc_result r;
    char text[PC_RECEIPT_MAX_TEXT], id[PC_RECEIPT_ID_SIZE];
    rc_fixture_answers(f, &a, false);
    rc_fixture_eval(f, &a, &r);
    CHECK(rc_fixture_receipt(f, &f->key, NULL, &a, text, sizeof text));
    pc_receipt_id_new(id);
    CHECK(pc_receipt_doc_build(doc, &f->strings, f->pack, &r, id, text, "k1", f->now));
}

static void check_questions(const unsigned char *q, int n, int want, const char *printer)
{
    static const unsigned char asked[3] = {1, 2, 4};
    if (n != want || (want && memcmp(q, asked, (size_t)want) != 0)) {
        fprintf(stderr, "printer %s: %d questions, expected %d (1, 2, 4)\n", printer, n, want);
        CHECK(0);
    }
}

static void check_slip(const pty_printer_split *s, bool want, const char *printer)
{
    pc_raster r;
    bool cut = false;
    bool decoded = s->job_len > 0 && pc_escpos_decode(s->job, s->job_len, &r, &cut);
    if (decoded != want) {
        fprintf(stderr, "printer %s: slip %s\n", printer, want ? "not received" : "sent anyway");
        CHECK(0);
    }
    if (decoded) {
        CHECK(r.width == PC_PRINT_WIDTH_58MM && r.height > 400 && cut);
        pc_raster_free(&r);
    }
}

static void run(const pc_receipt_doc *doc, const expect *e)
{
    pty_printer p;
    CHECK(pty_printer_start(&p, e->printer));
    pc_print_opts o = rc_print_opts(PC_PRINT_WIDTH_58MM);
    char err[600] = "";
    pc_printer_state said = PC_PRINTER_READY;
    pc_print_status st = pc_receipt_print(doc, &o, p.path, &said, err, sizeof err);
    usleep(100 * 1000); /* the last bytes reach the master */
    pty_printer_stop(&p);
    if (st != e->status || said != e->state) {
        fprintf(stderr, "printer %s: status %s, state %s (%s)\n", e->printer,
                pc_print_status_name(st), pc_printer_state_name(said), err);
        CHECK(0);
    }
    pty_printer_split s;
    CHECK(pty_printer_split_got(&p, &s));
    check_questions(s.before, s.n_before, e->asked_before, e->printer);
    check_questions(s.after, s.n_after, e->asked_after, e->printer);
    check_slip(&s, e->slip, e->printer);
    free(s.job);
    pty_printer_free(&p);
}

int main(void)
{
    rc_fixture f;
    rc_fixture_init(&f, NULL);
    pc_receipt_doc doc;
    make_doc(&f, &doc);
    const expect cases[] = {
        {"ok", PC_PRINT_OK, PC_PRINTER_READY, true, 3, 3},
        {"paper_near_end", PC_PRINT_OK, PC_PRINTER_PAPER_NEAR_END, true, 3, 3},
        {"out", PC_PRINT_PAPER_OUT, PC_PRINTER_PAPER_OUT, false, 3, 0},
        {"cover_open", PC_PRINT_WRITE_ERROR, PC_PRINTER_OFFLINE, false, 3, 0},
        {"silent", PC_PRINT_OK, PC_PRINTER_UNKNOWN, true, 1, 1},
        {"noise", PC_PRINT_OK, PC_PRINTER_UNKNOWN, true, 1, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run(&doc, &cases[i]);
    CHECK(strcmp(pc_printer_state_name(PC_PRINTER_PAPER_NEAR_END), "paper_near_end") == 0);
    CHECK(strcmp(pc_printer_state_name(PC_PRINTER_OFFLINE), "missing") == 0);
    pc_receipt_doc_free(&doc);
    rc_fixture_free(&f);
    return CHECK_DONE();
}
