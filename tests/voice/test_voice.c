/* test_voice.c — 读给我听 makes real Mandarin speech: not silent, longer for a longer
 * text, about as long for the same text, silent at volume 0, and nothing for no text. */
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "voice.h"

static const char *const QUESTION = "这项工作是否符合党中央、国务院和省委、省政府的决策部署？";
static const char *const LONGER =
    "这项工作是否符合党中央、国务院和省委、省政府的决策部署？政策规定，只有符合上级决策部署的"
    "工作才能容错。如果不清楚，请选不确定，窗口工作人员会帮您判断。";

int main(void)
{
    char err[200];
    pc_voice *v = pc_voice_open(NULL, err, sizeof err);
    if (!v) {
        fprintf(stderr, "voice refused: %s\n", err);
        return 1;
    }
    pc_voice_pcm a, b, c, quiet, none;
    CHECK(pc_voice_speak(v, QUESTION, 80, &a));
    double seconds = (double)a.n_samples / a.rate;
    fprintf(stderr, "question: %.2f s, rms %.0f\n", seconds, pc_voice_pcm_rms(&a));
    CHECK(seconds > 1.5 && seconds < 30);              /* about 28 characters of speech */
    CHECK(pc_voice_pcm_rms(&a) > 300);                  /* not silence */
    CHECK(pc_voice_speak(v, LONGER, 80, &b));
    CHECK(b.n_samples > 2 * a.n_samples);               /* made from the text: more text, more speech */
    CHECK(pc_voice_speak(v, QUESTION, 80, &c));
    /* the same text again: about as long (espeak-ng varies a little between runs) */
    CHECK(c.n_samples > a.n_samples * 9 / 10 && c.n_samples < a.n_samples * 11 / 10);
    CHECK(pc_voice_speak(v, QUESTION, 0, &quiet));
    CHECK(pc_voice_pcm_rms(&quiet) < pc_voice_pcm_rms(&a) / 20);
    CHECK(!pc_voice_speak(v, "", 80, &none) && none.n_samples == 0);
    pc_voice_pcm_free(&a), pc_voice_pcm_free(&b), pc_voice_pcm_free(&c), pc_voice_pcm_free(&quiet);
    pc_voice_close(v);
    return CHECK_DONE();
}
