/* receipt.c — the result screen's receipt: store the submission, then show its QR
 * and number, and print it on request.
 *
 * The order is the reliability promise (design.md): a receipt exists for anyone only
 * after pc_receipt_issue has committed the submission. If the store or key cannot be
 * used, the screen says result.receipt_fail ("暂时无法生成回执，请到窗口办理") and
 * nothing is printed; the slip is worded from the kiosk's string table. With
 * no signing key configured the kiosk keeps its own key beside the database
 * (<database>.key, 0600, made on first start) and its public half in
 * <database>.keyring, which staff desks load with `precheck verify --keyring`. */
#include "flow/flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "keys.h"
#include "print.h"
#include "receipt.h"
#include "store.h"
#include "log.h"

/* ---- static prototypes ---- */
static uint64_t receipt_answers_hash(const kiosk_app *app);
static void receipt_make_qr(kiosk_app *app);
static bool receipt_key_beside_db(kiosk_app *app, pc_kiosk_key *key);
static void receipt_hall_key(kiosk_app *app);
static void receipt_printer_state(kiosk_app *app, pc_print_status st, pc_printer_state said);

/* ---- public functions ---- */

void ui_receipt_open(kiosk_app *app)
{
    char err[512];
    ui_queue *q = &app->queue;
    pc_store_status st = pc_store_open(app->setup.cfg.db_path, &q->store, err, sizeof err);
    if (st != PC_STORE_OK)
        pc_log_err("kiosk: store %s: %s (%s)", app->setup.cfg.db_path, pc_store_status_name(st),
                   err);
    if (app->setup.cfg.signing_key[0]) {
        q->have_key = pc_kiosk_key_load(&q->key, app->setup.cfg.signing_key, err, sizeof err);
        if (!q->have_key)
            pc_log_err("kiosk: signing key: %s", err);
    } else {
        q->have_key = receipt_key_beside_db(app, &q->key);
    }
    receipt_hall_key(app);
}

void ui_receipt_close(kiosk_app *app)
{
    if (app->queue.store)
        pc_store_close(app->queue.store);
    app->queue.store = NULL;
    pc_kiosk_key_wipe(&app->queue.key);
    pc_dept_key_wipe(&app->queue.hall);
    app->queue.have_key = false;
    app->queue.have_hall = false;
}

/* Stores the submission once per set of answers, then makes the QR. */
void ui_receipt_issue(kiosk_app *app)
{
    const pc_pack *pack = app->session.pack;
    uint64_t h = receipt_answers_hash(app);
    if (!pack || (app->receipt.state == UI_RECEIPT_ISSUED && app->receipt.issued_for == h))
        return;
    if (app->receipt.qr) {
        SDL_DestroyTexture(app->receipt.qr);
        app->receipt.qr = NULL;
    }
    app->receipt.print = UI_PRINT_NOT_TRIED;
    if (!app->queue.store || !app->queue.have_key) {
        app->receipt.state = UI_RECEIPT_FAILED;
        return;
    }
    pc_issued out;
    pc_store_status st = pc_receipt_issue(
        app->queue.store, &app->queue.key, app->queue.have_hall ? app->queue.hall.pk : NULL, pack,
        &app->session.answers, &app->session.result, NULL, (int64_t)time(NULL), &out);
    if (st != PC_STORE_OK) {
        pc_log_err("kiosk: receipt not issued: %s: %s", pc_store_status_name(st),
                   pc_store_errmsg(app->queue.store));
        app->receipt.state = UI_RECEIPT_FAILED;
        return;
    }
    app->receipt.state = UI_RECEIPT_ISSUED;
    app->receipt.issued_for = h;
    pc_receipt_id_format(out.receipt_id, app->receipt.id, sizeof app->receipt.id);
    snprintf(app->receipt.text, sizeof app->receipt.text, "%s", out.text);
    pc_log_info("kiosk: receipt %s stored", out.receipt_id);
    receipt_make_qr(app);
}

void ui_receipt_print(kiosk_app *app)
{
    const pc_pack *pack = app->session.pack;
    if (!pack || app->receipt.state != UI_RECEIPT_ISSUED || app->receipt.print == UI_PRINT_SENT)
        return;
    app->receipt.print_fail_key = pc_print_status_key(PC_PRINT_NO_PRINTER);
    if (!app->setup.cfg.printer_device[0]) {
        app->receipt.print = UI_PRINT_FAILED;
        receipt_printer_state(app, PC_PRINT_NO_PRINTER, PC_PRINTER_UNKNOWN);
        return;
    }
    pc_receipt_doc doc;
    char id[16], err[256];
    pc_receipt_id_parse(app->receipt.id, id);
    const pc_config *cfg = &app->setup.cfg;
    bool built =
        pc_receipt_doc_build(&doc, &app->ui.strings, pack, &app->session.result, app->receipt.id,
                             app->receipt.text, cfg->kiosk_id, (long long)time(NULL));
    if (built && !pc_receipt_doc_set_where(&doc, &app->ui.strings, cfg->help_place, cfg->help_hours,
                                           cfg->help_phone)) {
        pc_receipt_doc_free(&doc); /* issue 9 B: the slip says where to go */
        built = false;
    }
    if (!built) {
        app->receipt.print = UI_PRINT_FAILED;
        app->receipt.print_fail_key = pc_print_status_key(PC_PRINT_WRITE_ERROR);
        return;
    }
    pc_print_opts opts = {app->setup.cfg.printer_width, app->setup.cfg.font_path, 0, 0};
    pc_printer_state said;
    pc_print_status st =
        pc_receipt_print(&doc, &opts, app->setup.cfg.printer_device, &said, err, sizeof err);
    pc_receipt_doc_free(&doc);
    receipt_printer_state(app, st, said);
    app->receipt.print = st == PC_PRINT_OK ? 1 : 2;
    app->receipt.print_fail_key = pc_print_status_key(st);
    pc_log_info("kiosk: print %s: %s (printer: %s)", id, st == PC_PRINT_OK ? "ok" : err,
                pc_printer_state_name(said));
}

void ui_receipt_wipe(kiosk_app *app)
{
    if (app->receipt.qr)
        SDL_DestroyTexture(app->receipt.qr);
    sodium_memzero(&app->receipt, sizeof app->receipt);
}

/* ---- static functions ---- */

static uint64_t receipt_answers_hash(const kiosk_app *app)
{
    const unsigned char *p = (const unsigned char *)&app->session.answers;
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(uintptr_t)app->session.pack;
    for (size_t i = 0; i < sizeof app->session.answers; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h | 1u;
}

/* The QR as a texture: one pixel a module, scaled up without smoothing when drawn. */
static void receipt_make_qr(kiosk_app *app)
{
    pc_qr qr;
    pc_raster r;
    if (pc_qr_encode(app->receipt.text, &qr) != PC_PRINT_OK)
        return;
    pc_print_status st = pc_qr_raster(&qr, 1, PC_QR_QUIET, &r);
    pc_qr_free(&qr);
    if (st != PC_PRINT_OK)
        return;
    SDL_Surface *s =
        SDL_CreateRGBSurfaceWithFormat(0, r.width, r.height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s) {
        for (int y = 0; y < r.height; y++)
            for (int x = 0; x < r.width; x++)
                ((Uint32 *)s->pixels)[y * (s->pitch / 4) + x] =
                    r.px[y * r.width + x] ? 0xFF000000u : 0xFFFFFFFFu;
        app->receipt.qr = SDL_CreateTextureFromSurface(app->gfx.renderer, s);
        if (app->receipt.qr)
            SDL_SetTextureScaleMode(app->receipt.qr, SDL_ScaleModeNearest);
        SDL_FreeSurface(s);
    }
    pc_raster_free(&r);
}

/* The key file beside the database: loaded when it exists, else made, saved (0600)
 * and its public half added to the keyring file beside it for the staff desks. */
static bool receipt_key_beside_db(kiosk_app *app, pc_kiosk_key *key)
{
    char key_path[PC_CONFIG_PATH_MAX + 16], ring_path[PC_CONFIG_PATH_MAX + 16], err[512];
    snprintf(key_path, sizeof key_path, "%s.key", app->setup.cfg.db_path);
    snprintf(ring_path, sizeof ring_path, "%s.keyring", app->setup.cfg.db_path);
    if (access(key_path, F_OK) == 0) {
        if (pc_kiosk_key_load(key, key_path, err, sizeof err))
            return true;
        pc_log_err("kiosk: signing key %s: %s", key_path, err);
        return false;
    }
    if (!pc_kiosk_key_generate(key, app->setup.cfg.kiosk_id, err, sizeof err) ||
        !pc_kiosk_key_save(key, key_path, err, sizeof err) ||
        !pc_keyring_append(ring_path, key->kiosk_id, key->pk, err, sizeof err)) {
        pc_log_err("kiosk: signing key %s: %s", key_path, err);
        return false;
    }
    pc_log_info("kiosk: made signing key %s; staff desks verify with --keyring %s", key_path,
                ring_path);
    return true;
}

/* hall_key: the public key of the hall's desks; when set, the answers on every receipt
 * are sealed to it ("RS1"). A key that cannot be loaded is logged and not used. */
static void receipt_hall_key(kiosk_app *app)
{
    char err[512];
    const char *path = app->setup.cfg.hall_key;
    app->queue.have_hall =
        path[0] && pc_dept_key_load_public(&app->queue.hall, path, err, sizeof err);
    if (path[0] && !app->queue.have_hall)
        pc_log_err("kiosk: hall key %s: %s", path, err);
}

/* The printer's state after a print attempt, for the staff screen and kiosk-sync's
 * status report: what the printer said of itself when it answers (paper near its end
 * while the slip still printed), else what the attempt showed. */
static void receipt_printer_state(kiosk_app *app, pc_print_status st, pc_printer_state said)
{
    const char *state = said != PC_PRINTER_UNKNOWN   ? pc_printer_state_name(said)
                        : st == PC_PRINT_OK          ? "ok"
                        : st == PC_PRINT_PAPER_OUT   ? "out"
                        : st == PC_PRINT_NO_PRINTER  ? "missing"
                        : st == PC_PRINT_WRITE_ERROR ? "missing"
                                                     : NULL;
    if (!state || !app->queue.store)
        return;
    if (pc_store_set_state(app->queue.store, "printer", state) != PC_STORE_OK)
        pc_log_warn("kiosk: printer state not stored: %s", pc_store_errmsg(app->queue.store));
}
