/* ui_receipt.c — the result screen's receipt: store the submission, then show its QR
 * and number, and print it on request.
 *
 * The order is the reliability promise (design.md): a receipt exists for anyone only
 * after pc_receipt_issue has committed the submission. If the store or key cannot be
 * used, the screen says result.receipt_fail ("暂时无法生成回执，请到窗口办理") and
 * nothing is printed; the slip is worded from the kiosk's string table. With
 * no signing key configured the kiosk keeps its own key beside the database
 * (<database>.key, 0600, made on first start) and its public half in
 * <database>.keyring, which staff desks load with `precheck verify --keyring`. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


#include "keys.h"
#include "print.h"
#include "receipt.h"
#include "store.h"

struct ui_receipt_ctx {
    pc_store *store;        /* NULL when the database could not be opened */
    pc_kiosk_key key;       /* the receipt signing key */
    bool have_key;
};

/* ---- static prototypes ---- */
static uint64_t receipt_answers_hash(const kiosk_app *app);
static void receipt_make_qr(kiosk_app *app);
static bool receipt_key_beside_db(kiosk_app *app, pc_kiosk_key *key);

/* ---- public functions ---- */

void ui_receipt_open(kiosk_app *app)
{
    char err[512];
    ui_receipt_ctx *rc = calloc(1, sizeof *rc);
    if (!rc) return;
    app->rc = rc;
    pc_store_status st = pc_store_open(app->cfg.db_path, &rc->store, err, sizeof err);
    if (st != PC_STORE_OK) ui_log("kiosk: store %s: %s (%s)", app->cfg.db_path, pc_store_status_name(st), err);
    if (app->cfg.signing_key[0]) {
        rc->have_key = pc_kiosk_key_load(&rc->key, app->cfg.signing_key, err, sizeof err);
        if (!rc->have_key) ui_log("kiosk: signing key: %s", err);
    } else {
        rc->have_key = receipt_key_beside_db(app, &rc->key);
    }
}

void ui_receipt_close(kiosk_app *app)
{
    if (!app->rc) return;
    if (app->rc->store) pc_store_close(app->rc->store);
    pc_kiosk_key_wipe(&app->rc->key);
    free(app->rc);
    app->rc = NULL;
}

/* Stores the submission once per set of answers, then makes the QR. */
void ui_receipt_issue(kiosk_app *app)
{
    const pc_pack *pack = ui_session_pack(app);
    uint64_t h = receipt_answers_hash(app);
    if (!pack || (app->s.receipt_state == 1 && app->s.issued_for == h)) return;
    if (app->qr) { SDL_DestroyTexture(app->qr); app->qr = NULL; }
    app->s.print_state = 0;
    if (!app->rc || !app->rc->store || !app->rc->have_key) { app->s.receipt_state = 2; return; }
    pc_issued out;
    pc_store_status st = pc_receipt_issue(app->rc->store, &app->rc->key, NULL, pack, &app->s.answers,
                                          &app->s.result, NULL, (int64_t)time(NULL), &out);
    if (st != PC_STORE_OK) {
        ui_log("kiosk: receipt not issued: %s: %s", pc_store_status_name(st), pc_store_errmsg(app->rc->store));
        app->s.receipt_state = 2;
        return;
    }
    app->s.receipt_state = 1;
    app->s.issued_for = h;
    pc_receipt_id_format(out.receipt_id, app->s.receipt_id, sizeof app->s.receipt_id);
    snprintf(app->s.receipt_text, sizeof app->s.receipt_text, "%s", out.text);
    ui_log("kiosk: receipt %s stored", out.receipt_id);
    receipt_make_qr(app);
}

void ui_receipt_print(kiosk_app *app)
{
    const pc_pack *pack = ui_session_pack(app);
    if (!pack || app->s.receipt_state != 1 || app->s.print_state == 1) return;
    app->s.print_fail_key = pc_print_status_key(PC_PRINT_NO_PRINTER);
    if (!app->cfg.printer_device[0]) { app->s.print_state = 2; return; }
    pc_receipt_doc doc;
    char id[16], err[256];
    pc_receipt_id_parse(app->s.receipt_id, id);
    if (!pc_receipt_doc_build(&doc, &app->strings, pack, &app->s.result, app->s.receipt_id,
                              app->s.receipt_text, app->cfg.kiosk_id, (long long)time(NULL))) {
        app->s.print_state = 2;
        app->s.print_fail_key = pc_print_status_key(PC_PRINT_WRITE_ERROR);
        return;
    }
    pc_print_opts opts = {app->cfg.printer_width, app->cfg.font_path, 0, 0};
    pc_print_status st = pc_receipt_print(&doc, &opts, app->cfg.printer_device, err, sizeof err);
    pc_receipt_doc_free(&doc);
    app->s.print_state = st == PC_PRINT_OK ? 1 : 2;
    app->s.print_fail_key = pc_print_status_key(st);
    ui_log("kiosk: print %s: %s", id, st == PC_PRINT_OK ? "ok" : err);
}

bool ui_receipt_counts(kiosk_app *app, size_t *pending, size_t *synced)
{
    return app->rc && app->rc->store && pc_store_count(app->rc->store, pending, synced) == PC_STORE_OK;
}

/* The time of the last sync, formatted; false when nothing was ever synced or the
 * store cannot be read. */
bool ui_receipt_last_sync(kiosk_app *app, char *buf, size_t size)
{
    int64_t when = 0;
    if (!app->rc || !app->rc->store || pc_store_last_synced_at(app->rc->store, &when) != PC_STORE_OK ||
        when <= 0)
        return false;
    time_t t = (time_t)when;
    struct tm tm;
    return localtime_r(&t, &tm) && strftime(buf, size, "%Y-%m-%d %H:%M", &tm) > 0;
}

void ui_receipt_forget(kiosk_app *app)
{
    if (app->qr) { SDL_DestroyTexture(app->qr); app->qr = NULL; }
}

/* ---- static functions ---- */

static uint64_t receipt_answers_hash(const kiosk_app *app)
{
    const unsigned char *p = (const unsigned char *)&app->s.answers;
    uint64_t h = 1469598103934665603ull ^ (uint64_t)app->s.pack;
    for (size_t i = 0; i < sizeof app->s.answers; i++) h = (h ^ p[i]) * 1099511628211ull;
    return h | 1u;
}

/* The QR as a texture: one pixel a module, scaled up without smoothing when drawn. */
static void receipt_make_qr(kiosk_app *app)
{
    pc_qr qr;
    pc_raster r;
    if (pc_qr_encode(app->s.receipt_text, &qr) != PC_PRINT_OK) return;
    pc_print_status st = pc_qr_raster(&qr, 1, PC_QR_QUIET, &r);
    pc_qr_free(&qr);
    if (st != PC_PRINT_OK) return;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, r.width, r.height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s) {
        for (int y = 0; y < r.height; y++)
            for (int x = 0; x < r.width; x++)
                ((Uint32 *)s->pixels)[y * (s->pitch / 4) + x] = r.px[y * r.width + x] ? 0xFF000000u : 0xFFFFFFFFu;
        app->qr = SDL_CreateTextureFromSurface(app->renderer, s);
        if (app->qr) SDL_SetTextureScaleMode(app->qr, SDL_ScaleModeNearest);
        SDL_FreeSurface(s);
    }
    pc_raster_free(&r);
}

/* The key file beside the database: loaded when it exists, else made, saved (0600)
 * and its public half added to the keyring file beside it for the staff desks. */
static bool receipt_key_beside_db(kiosk_app *app, pc_kiosk_key *key)
{
    char key_path[PC_CONFIG_PATH_MAX + 16], ring_path[PC_CONFIG_PATH_MAX + 16], err[512];
    snprintf(key_path, sizeof key_path, "%s.key", app->cfg.db_path);
    snprintf(ring_path, sizeof ring_path, "%s.keyring", app->cfg.db_path);
    if (access(key_path, F_OK) == 0) {
        if (pc_kiosk_key_load(key, key_path, err, sizeof err))
            return true;
        ui_log("kiosk: signing key %s: %s", key_path, err);
        return false;
    }
    if (!pc_kiosk_key_generate(key, app->cfg.kiosk_id, err, sizeof err) ||
        !pc_kiosk_key_save(key, key_path, err, sizeof err) ||
        !pc_keyring_append(ring_path, key->kiosk_id, key->pk, err, sizeof err)) {
        ui_log("kiosk: signing key %s: %s", key_path, err);
        return false;
    }
    ui_log("kiosk: made signing key %s; staff desks verify with --keyring %s", key_path, ring_path);
    return true;
}
