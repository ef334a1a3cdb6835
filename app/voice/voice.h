/* voice.h — 读给我听: Mandarin speech, offline, with libespeak-ng (Debian).
 *
 * Turns a screen's text into 16-bit mono PCM that the kiosk plays through SDL audio. No
 * SDL here: the kiosk owns playback (and stops it at the next tap), tests inspect the
 * samples. espeak-ng keeps one synthesiser per process, so there is one pc_voice at a
 * time; it is opened once at start and closed at exit. */
#ifndef PC_VOICE_H
#define PC_VOICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pc_voice pc_voice;

/* Speech as samples: owned by the caller, freed with pc_voice_pcm_free. */
typedef struct pc_voice_pcm {
    int16_t *samples; /* mono, signed 16-bit */
    size_t n_samples;
    int rate; /* samples a second (espeak-ng's own rate, 22050) */
} pc_voice_pcm;

/* Opens the synthesiser with the Mandarin voice ("cmn"). data_dir: espeak-ng's data
 * directory, or NULL for the system's. NULL and a one-line reason in err when the
 * library or its Mandarin data is missing (the kiosk then hides 读给我听). */
pc_voice *pc_voice_open(const char *data_dir, char *err, size_t errsize);
void pc_voice_close(pc_voice *voice);

/* Speaks utf8 into pcm at volume 0..100 (0 is silence, 100 espeak-ng's loudest).
 * False (pcm empty) when the text is empty or synthesis fails. */
bool pc_voice_speak(pc_voice *voice, const char *utf8, int volume, pc_voice_pcm *pcm);
void pc_voice_pcm_free(pc_voice_pcm *pcm);

/* Root mean square of the samples: 0 for silence; speech at volume 80 is in the
 * thousands. For tests and the kiosk's log. */
double pc_voice_pcm_rms(const pc_voice_pcm *pcm);

#endif
