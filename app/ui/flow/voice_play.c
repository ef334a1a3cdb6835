/* voice_play.c — 读给我听: the screen's words spoken in Mandarin, offline (pcvoice,
 * libespeak-ng), played through SDL audio; the next tap stops it (ui_flow_act).
 *
 * What is read is the screen's own text: the question and its answers; on the result,
 * the headline, the deadline and the materials; elsewhere the page's title and lead.
 * The volume is the configuration's voice_volume. Built without espeak-ng (no pcvoice
 * target) the kiosk has no voice and the strip has no 读给我听. What was read last and
 * how loud it was made stay in app->voice for the log and the scripts, and are wiped
 * with the session. */
#include "flow/flow.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#ifdef PC_HAVE_VOICE
#include "voice.h"
#include "log.h"
#endif

/* ---- static prototypes ---- */
static void voice_text(const kiosk_app *app, char *buf, size_t size);
static void voice_question(const kiosk_app *app, char *buf, size_t size);
static void voice_result(const kiosk_app *app, char *buf, size_t size);
static void voice_add(char *buf, size_t size, const char *text);
#ifdef PC_HAVE_VOICE
static void voice_speak(kiosk_app *app);
static void voice_device(kiosk_app *app);
#endif

/* ---- public functions ---- */

void ui_voice_open(kiosk_app *app)
{
#ifdef PC_HAVE_VOICE
    char err[256];
    app->voice.engine = pc_voice_open(NULL, err, sizeof err);
    if (!app->voice.engine) {
        pc_log_warn("kiosk: no 读给我听: %s", err);
        return;
    }
    voice_device(app);
#else
    (void)app;
    pc_log_info("kiosk: built without espeak-ng: no 读给我听");
#endif
}

void ui_voice_close(kiosk_app *app)
{
    ui_voice_wipe(app);
    if (app->voice.dev)
        SDL_CloseAudioDevice(app->voice.dev);
    app->voice.dev = 0;
#ifdef PC_HAVE_VOICE
    if (app->voice.engine)
        pc_voice_close(app->voice.engine);
#endif
    app->voice.engine = NULL;
}

void ui_voice_read(kiosk_app *app)
{
    if (!app->voice.engine)
        return;
    voice_text(app, app->voice.spoken, sizeof app->voice.spoken);
#ifdef PC_HAVE_VOICE
    voice_speak(app);
#endif
}

void ui_voice_stop(kiosk_app *app)
{
    if (app->voice.dev)
        SDL_ClearQueuedAudio(app->voice.dev);
}

void ui_voice_wipe(kiosk_app *app)
{
    ui_voice_stop(app);
    sodium_memzero(app->voice.spoken, sizeof app->voice.spoken);
    app->voice.rms = 0;
}

/* ---- static functions ---- */

/* The words of the screen shown, as it shows them. */
static void voice_text(const kiosk_app *app, char *buf, size_t size)
{
    const ui_ctx *ui = &app->ui;
    buf[0] = '\0';
    switch (app->flow.screen) {
    case SCR_NOTICE:
        scr_notice_words(ui, app, buf, size);
        break;
    case SCR_POLICY:
        voice_add(buf, size, ui_str(ui, "policy.title"));
        for (size_t i = 0; i < app->setup.n_offered; i++)
            voice_add(buf, size, app->setup.offered[i]->short_title);
        break;
    case SCR_QUESTION:
        voice_question(app, buf, size);
        break;
    case SCR_REVIEW:
        voice_add(buf, size, ui_str(ui, "review.title"));
        voice_add(buf, size, ui_str(ui, "review.lead"));
        break;
    case SCR_RESULT:
        voice_result(app, buf, size);
        break;
    default:
        voice_add(buf, size, ui_str(ui, "welcome.title"));
        voice_add(buf, size, ui_str(ui, "welcome.lead"));
        break;
    }
}

/* The question, then its answers (是、否 or the options). */
static void voice_question(const kiosk_app *app, char *buf, size_t size)
{
    const pc_question *q = pc_session_question(&app->session);
    if (!q)
        return;
    voice_add(buf, size, q->ask);
    if (q->kind == PC_Q_NUMBER || q->kind == PC_Q_DATE)
        return;
    for (size_t i = 0; i < q->n_options; i++)
        voice_add(buf, size, q->options[i].label);
}

/* The result's headline, its deadline and the materials to bring. */
static void voice_result(const kiosk_app *app, char *buf, size_t size)
{
    const ui_ctx *ui = &app->ui;
    const pc_result *r = &app->session.result;
    const pc_pack *pack = app->session.pack;
    char key[64], line[256], date[64];
    if (!pack || !app->session.has_result)
        return;
    snprintf(key, sizeof key, "outcome.%s", pc_outcome_name(r->outcome));
    voice_add(buf, size, ui_str(ui, key));
    if (r->has_deadline) {
        ui_words_date(ui, r->deadline_day, date, sizeof date);
        ui_str_fill(ui, "result.deadline_date", "date", date, line, sizeof line);
        voice_add(buf, size, line);
    }
    voice_add(buf, size, ui_str(ui, "result.materials"));
    if (r->n_materials == 0)
        voice_add(buf, size, ui_str(ui, "result.materials_none"));
    for (size_t i = 0; i < r->n_materials; i++)
        voice_add(buf, size, pack->materials[r->materials[i]].name);
}

/* Appends a sentence, with a pause (。) between sentences. */
static void voice_add(char *buf, size_t size, const char *text)
{
    size_t n = strlen(buf);
    if (!text || !text[0] || n + 4 >= size)
        return;
    snprintf(buf + n, size - n, "%s%s", n ? "。" : "", text);
}

#ifdef PC_HAVE_VOICE
/* The words in app->voice.spoken made into speech at voice_volume and queued on the
 * audio device; how loud they came out is kept for the log and the scripts. */
static void voice_speak(kiosk_app *app)
{
    pc_voice_pcm pcm = {0};
    if (!pc_voice_speak(app->voice.engine, app->voice.spoken, app->setup.cfg.voice_volume, &pcm)) {
        app->voice.rms = 0;
        pc_log_warn("kiosk: 读给我听: no speech made");
        return;
    }
    app->voice.rms = pc_voice_pcm_rms(&pcm);
    if (app->voice.dev && pcm.rate == app->voice.rate) {
        SDL_QueueAudio(app->voice.dev, pcm.samples, (Uint32)(pcm.n_samples * sizeof *pcm.samples));
        SDL_PauseAudioDevice(app->voice.dev, 0);
    }
    pc_log_info("kiosk: 读给我听: %zu ms of speech on the %s screen",
                pcm.rate > 0 ? pcm.n_samples * 1000 / (size_t)pcm.rate : 0,
                ui_flow_screen_name(app->flow.screen));
    pc_voice_pcm_free(&pcm);
}

/* SDL's audio at espeak-ng's rate, 16-bit mono; without a device the voice is made but
 * not heard (logged). */
static void voice_device(kiosk_app *app)
{
    SDL_AudioSpec want = {.freq = 22050, .format = AUDIO_S16SYS, .channels = 1, .samples = 2048},
                  got;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        pc_log_warn("kiosk: 读给我听: no audio: %s", SDL_GetError());
        return;
    }
    app->voice.dev = SDL_OpenAudioDevice(NULL, 0, &want, &got, 0);
    if (!app->voice.dev) {
        pc_log_warn("kiosk: 读给我听: no audio device: %s", SDL_GetError());
        return;
    }
    app->voice.rate = got.freq;
}
#endif
