/* test_glyphs.c — the bundled font has a glyph for every character the kiosk can show:
 * every UI string (the assets YAML files) and every pack (rules YAML, clause texts included).
 * TTF_GlyphIsProvided32 answers per code point (field-notes.md). Usage:
 *   test_glyphs FONT FILE… */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "linebreak.h"

static int check_file(TTF_Font *font, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "%s: cannot open\n", path); return 1; }
    static char buf[4 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    int missing = 0, line = 1;
    for (size_t i = 0; i < n;) {
        size_t used;
        unsigned cp = pc_utf8_decode(buf + i, n - i, &used);
        if (cp == '\n') line++;
        if (cp >= 0x20 && cp != 0x7F && cp != 0xFEFF && !TTF_GlyphIsProvided32(font, cp)) {
            fprintf(stderr, "%s:%d: no glyph for U+%04X \"%.*s\"\n", path, line, cp, (int)used, buf + i);
            missing++;
        }
        i += used;
    }
    return missing;
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: test_glyphs FONT FILE...\n"); return 2; }
    if (TTF_Init() != 0) return 2;
    TTF_Font *font = TTF_OpenFont(argv[1], 24);
    if (!font) { fprintf(stderr, "%s: %s\n", argv[1], TTF_GetError()); return 2; }
    int missing = 0;
    for (int i = 2; i < argc; i++) missing += check_file(font, argv[i]);
    TTF_CloseFont(font);
    TTF_Quit();
    if (missing) fprintf(stderr, "test_glyphs: %d characters missing: run scripts/make-font-subset.sh\n", missing);
    else printf("test_glyphs: %d files, every character has a glyph\n", argc - 2);
    return missing ? 1 : 0;
}
