/* print.h — the receipt on paper (ESC/POS thermal printers), as PNG, and its QR.
 *
 * Why it exists: the applicant leaves with a slip that staff can scan. Thermal
 * printers' own Chinese fonts vary (GB18030 code pages, missing glyphs), so the whole
 * receipt is drawn here as ONE 1-bit raster with the bundled font (SDL2_ttf for the
 * glyphs only, no SDL video), lines broken by Chinese rules (pc_linebreak), and sent
 * as `GS v 0` bands followed by a cut (`GS V`). The same raster is written as PNG for
 * tests and for kiosks that only display. The QR (libqrencode, ECC M, alphanumeric)
 * is also given to the UI as a module matrix with its quiet zone.
 *
 * Every word on the slip comes from the string table (strings.h, keys "slip.*"), in
 * the language the caller loaded. Every failure is a pc_print_status with a string
 * key for the screen (pc_print_status_key, keys "print.*"); printing never touches
 * the submission store (the submission is already kept). */
#ifndef PC_PRINT_H
#define PC_PRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "eval.h"
#include "pack.h"
#include "strings.h"

#define PC_PRINT_WIDTH_58MM 384
#define PC_PRINT_WIDTH_80MM 576
#define PC_QR_QUIET 4 /* quiet zone, modules (the QR standard's minimum) */

typedef enum {
    PC_PRINT_OK = 0,
    PC_PRINT_NO_PRINTER,  /* device missing, unplugged, or cannot be opened */
    PC_PRINT_PAPER_OUT,   /* the printer reports no paper (ENOSPC / LPGETSTATUS) */
    PC_PRINT_WRITE_ERROR, /* any other write failure (offline, file error) */
    PC_PRINT_FONT,        /* the font could not be opened */
    PC_PRINT_QR,          /* the text does not fit a QR code */
    PC_PRINT_INVALID,     /* bad argument (width, empty text) */
    PC_PRINT_NO_MEMORY
} pc_print_status;

const char *pc_print_status_key(pc_print_status status);  /* "print.paper_out", … */
const char *pc_print_status_name(pc_print_status status); /* "ok", "paper_out", … */

/* A 1-bit image, one byte a pixel: 1 = black (a dot), 0 = white. */
typedef struct pc_raster {
    int width, height;
    unsigned char *px; /* width * height bytes, row-major */
} pc_raster;

pc_print_status pc_raster_new(pc_raster *r, int width, int height);
void pc_raster_free(pc_raster *r);
/* Writes an 8-bit grayscale PNG (black dots on white), `scale` pixels a dot. */
pc_print_status pc_raster_write_png(const pc_raster *r, int scale, const char *path);

/* ---- QR ---- */

typedef struct pc_qr {
    int version;         /* 1..40 */
    int size;            /* modules a side, without the quiet zone */
    unsigned char *dark; /* size * size, 1 = dark module */
} pc_qr;

/* Encodes text (upper case letters and digits go in alphanumeric mode) at ECC M. */
pc_print_status pc_qr_encode(const char *text, pc_qr *out);
void pc_qr_free(pc_qr *qr);
/* The QR drawn with square modules of module_px dots and a quiet zone of `quiet`
 * modules (≥ PC_QR_QUIET is enforced): for the screen (UI) and for paper. */
pc_print_status pc_qr_raster(const pc_qr *qr, int module_px, int quiet, pc_raster *out);

/* ---- the receipt ---- */

/* The slip's section headings (printed: number, policy, outcome, deadline, materials,
 * basis, steps, where to go). */
typedef enum {
    PC_SLIP_RECEIPT_NO, /* 回执编号 */
    PC_SLIP_POLICY,     /* 政策 */
    PC_SLIP_OUTCOME,    /* 预检结果 */
    PC_SLIP_BASIS,      /* 依据 */
    PC_SLIP_MATERIALS,  /* 请携带以下材料（已备齐请打勾） */
    PC_SLIP_DEADLINE,   /* 申请期限 */
    PC_SLIP_STEPS,      /* 后续步骤 */
    PC_SLIP_WHERE,      /* 到哪里办理 */
    PC_SLIP_HEAD_COUNT
} pc_slip_head;

/* What goes on the slip, every word of it (the renderer adds none); every string
 * UTF-8, from the string table and the pack. */
typedef struct pc_receipt_doc {
    char *title;                     /* 政策预检回执 */
    char *heads[PC_SLIP_HEAD_COUNT]; /* section headings */
    char *receipt_no;                /* 回执编号 shown in groups: "7K3M 9QXD 4RT8" */
    char *policy;                    /* the policy's title */
    char *outcome;                   /* the pre-check in plain words */
    char **basis;                    /* clause labels that decided it */
    size_t n_basis;
    char *list_sep;   /* printed between the basis labels: "、" */
    char **materials; /* printed with a tick box each */
    size_t n_materials;
    char *deadline; /* "" when none */
    char **steps;   /* numbered as printed: "1．申请受理：…（7个工作日）" */
    size_t n_steps;
    char *where;   /* place, hours, phone, a line each; "" until set (set_where) */
    char *footer;  /* kiosk, time, the "pre-check only" notice */
    char *qr_text; /* the receipt text ("RC1…") */
} pc_receipt_doc;

/* Builds the slip's text from the string table (the kiosk's language), a pack, its
 * evaluation and the issued receipt. receipt_id in any spelling pc_receipt_id_parse
 * accepts (canonical or grouped). kiosk_id and created_at go in the footer. False on
 * allocation failure. */
bool pc_receipt_doc_build(pc_receipt_doc *doc, const pc_strings *strings, const pc_pack *pack,
                          const pc_result *result, const char *receipt_id, const char *qr_text,
                          const char *kiosk_id, long long created_at);
void pc_receipt_doc_free(pc_receipt_doc *doc);
/* Where to go and when (the kiosk's help_place, help_hours, help_phone; "" = left
 * out), printed last before the QR. False on allocation failure (doc unchanged). */
bool pc_receipt_doc_set_where(pc_receipt_doc *doc, const pc_strings *strings, const char *place,
                              const char *hours, const char *phone);

typedef struct pc_print_opts {
    int width;             /* dots a line: 384 (58 mm), 576 (80 mm), or the model's */
    const char *font_path; /* fonts/NotoSansSC-Subset.otf, or a CJK .ttc */
    int font_index;        /* face in a collection (NotoSansCJK-Regular.ttc: 2 = SC) */
    int font_px;           /* body text height in dots; 0 = width / 16 */
} pc_print_opts;

/* Draws the whole slip (text and QR) as one raster. err gets the detail. */
pc_print_status pc_receipt_render(const pc_receipt_doc *doc, const pc_print_opts *opts,
                                  pc_raster *out, char *err, size_t errsize);

/* ---- ESC/POS ---- */

/* What the printer says of itself (DLE EOT, status.c). */
typedef enum {
    PC_PRINTER_UNKNOWN = 0,    /* no answer: write-only device, a file, no real-time status */
    PC_PRINTER_READY,          /* "ok" */
    PC_PRINTER_PAPER_NEAR_END, /* "paper_near_end": still prints; staff should change the roll */
    PC_PRINTER_PAPER_OUT,      /* "out" */
    PC_PRINTER_OFFLINE         /* "missing": offline, cover open or an error: it cannot print */
} pc_printer_state;

#define PC_PRINTER_STATUS_MS 300 /* how long each status question is waited for */

/* The state's name in the kiosk's status report: unknown, ok, paper_near_end, out, missing. */
const char *pc_printer_state_name(pc_printer_state state);
/* Asks the printer on fd (open for reading and writing) DLE EOT 1, 2 and 4, waiting at
 * most timeout_ms for each answer; PC_PRINTER_UNKNOWN when it does not answer. */
pc_printer_state pc_escpos_status(int fd, int timeout_ms);

/* ESC @, the raster as GS v 0 bands, a short feed and GS V (cut), malloc'd. */
pc_print_status pc_escpos_encode(const pc_raster *r, unsigned char **bytes, size_t *len);
/* The raster back from ESC/POS bytes made by pc_escpos_encode (for tests); false on
 * anything it does not understand. *cut is set when the job ends with a cut. */
bool pc_escpos_decode(const unsigned char *bytes, size_t len, pc_raster *out, bool *cut);
/* Writes the bytes to a device (/dev/usb/lp0, a serial port) or a file (created 0644,
 * truncated). A device opened for reading too is asked its state before the job (paper
 * out or offline: nothing is sent) and after it; *state gets the latest answer
 * (PC_PRINTER_UNKNOWN when it gave none: then the status alone tells what happened). */
pc_print_status pc_escpos_write(const unsigned char *bytes, size_t len, const char *path,
                                pc_printer_state *state, char *err, size_t errsize);
/* Render + encode + write, the kiosk's one call; state as for pc_escpos_write. */
pc_print_status pc_receipt_print(const pc_receipt_doc *doc, const pc_print_opts *opts,
                                 const char *path, pc_printer_state *state, char *err,
                                 size_t errsize);

#endif
