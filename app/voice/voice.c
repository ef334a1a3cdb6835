/* voice.c — Mandarin text to PCM with libespeak-ng's synchronous API (see voice.h). */
#include "voice.h"

#include <espeak-ng/speak_lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- types ---- */
struct pc_voice {
    int rate;           /* espeak-ng's sample rate */
    pc_voice_pcm *into; /* where the callback appends, during pc_voice_speak */
    size_t cap;         /* samples allocated in into */
    bool failed;        /* out of memory during a synthesis */
};

/* ---- static prototypes ---- */
static int voice_collect(short *wav, int n, espeak_EVENT *events);
static bool voice_append(pc_voice *v, const short *wav, int n);

/* ---- public functions ---- */

pc_voice *pc_voice_open(const char *data_dir, char *err, size_t errsize)
{
    int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 500, data_dir, 0);
    if (rate <= 0) {
        snprintf(err, errsize, "espeak-ng cannot start (data in %s)",
                 data_dir ? data_dir : "the system");
        return NULL;
    }
    if (espeak_SetVoiceByName("cmn") != EE_OK) {
        snprintf(err, errsize, "espeak-ng has no Mandarin voice (cmn): install espeak-ng-data");
        espeak_Terminate();
        return NULL;
    }
    pc_voice *v = calloc(1, sizeof *v);
    if (!v) {
        snprintf(err, errsize, "out of memory");
        espeak_Terminate();
        return NULL;
    }
    v->rate = rate;
    espeak_SetSynthCallback(voice_collect);
    espeak_SetParameter(espeakRATE, 150, 0); /* a little slower than normal, for older listeners */
    return v;
}

void pc_voice_close(pc_voice *voice)
{
    if (!voice)
        return;
    espeak_Terminate();
    free(voice);
}

bool pc_voice_speak(pc_voice *v, const char *utf8, int volume, pc_voice_pcm *pcm)
{
    memset(pcm, 0, sizeof *pcm);
    pcm->rate = v->rate;
    if (!utf8 || !utf8[0])
        return false;
    v->into = pcm, v->cap = 0, v->failed = false;
    espeak_SetParameter(espeakVOLUME, volume < 0 ? 0 : volume > 100 ? 100 : volume, 0);
    espeak_ERROR rc =
        espeak_Synth(utf8, strlen(utf8) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, v);
    v->into = NULL;
    if (rc != EE_OK || v->failed || pcm->n_samples == 0) {
        pc_voice_pcm_free(pcm);
        return false;
    }
    return true;
}

void pc_voice_pcm_free(pc_voice_pcm *pcm)
{
    free(pcm->samples);
    pcm->samples = NULL;
    pcm->n_samples = 0;
}

double pc_voice_pcm_rms(const pc_voice_pcm *pcm)
{
    double sum = 0;
    for (size_t i = 0; i < pcm->n_samples; i++)
        sum += (double)pcm->samples[i] * pcm->samples[i];
    return pcm->n_samples ? sqrt(sum / (double)pcm->n_samples) : 0;
}

/* ---- static functions ---- */

/* espeak-ng hands the samples over in pieces; events carry our pc_voice. */
static int voice_collect(short *wav, int n, espeak_EVENT *events)
{
    pc_voice *v = events ? events->user_data : NULL;
    if (v && v->into && wav && n > 0 && !voice_append(v, wav, n))
        return 1; /* stop: out of memory */
    return 0;
}

static bool voice_append(pc_voice *v, const short *wav, int n)
{
    pc_voice_pcm *p = v->into;
    if (p->n_samples + (size_t)n > v->cap) {
        size_t cap = (p->n_samples + (size_t)n) * 2;
        int16_t *grown = realloc(p->samples, cap * sizeof *grown);
        if (!grown) {
            v->failed = true;
            return false;
        }
        p->samples = grown, v->cap = cap;
    }
    memcpy(p->samples + p->n_samples, wav, (size_t)n * sizeof *wav);
    p->n_samples += (size_t)n;
    return true;
}
