/* test_glyphs.c — each bundled font (regular and bold) has a glyph for every character the
 * kiosk can show: every UI string (the assets YAML files) and every pack (rules YAML, clause
 * texts included). TTF_GlyphIsProvided32 answers per code point (field-notes.md). A font
 * given as FILE:STYLE must also be that style of Noto Sans CJK SC (the bold file really
 * bold, not another face of the collection). Usage:
 *   test_glyphs FONT[:STYLE]… -- FILE… */
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

/* Opens FONT[:STYLE] and checks its family and style; NULL (with a message) otherwise. */
static TTF_Font *open_font(const char *arg)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", arg);
    char *style = strrchr(path, ':');
    if (style) *style++ = '\0';
    TTF_Font *font = TTF_OpenFont(path, 24);
    if (!font) { fprintf(stderr, "%s: %s\n", path, TTF_GetError()); return NULL; }
    const char *fam = TTF_FontFaceFamilyName(font), *sty = TTF_FontFaceStyleName(font);
    if (!fam || strcmp(fam, "Noto Sans CJK SC") != 0 || (style && (!sty || strcmp(sty, style) != 0))) {
        fprintf(stderr, "%s: face \"%s %s\", expected \"Noto Sans CJK SC%s%s\"\n", path,
                fam ? fam : "?", sty ? sty : "?", style ? " " : "", style ? style : "");
        TTF_CloseFont(font);
        return NULL;
    }
    return font;
}

int main(int argc, char **argv)
{
    int sep = 1;
    while (sep < argc && strcmp(argv[sep], "--") != 0) sep++;
    if (sep == 1 || sep >= argc - 1) { fprintf(stderr, "usage: test_glyphs FONT[:STYLE]... -- FILE...\n"); return 2; }
    if (TTF_Init() != 0) return 2;
    int missing = 0;
    for (int k = 1; k < sep; k++) {
        TTF_Font *font = open_font(argv[k]);
        if (!font) { TTF_Quit(); return 2; }
        int m = 0;
        for (int i = sep + 1; i < argc; i++) m += check_file(font, argv[i]);
        TTF_CloseFont(font);
        if (m) fprintf(stderr, "test_glyphs: %s: %d characters missing: run scripts/make-font-subset.sh\n", argv[k], m);
        else printf("test_glyphs: %s: %d files, every character has a glyph\n", argv[k], argc - sep - 1);
        missing += m;
    }
    TTF_Quit();
    return missing ? 1 : 0;
}
