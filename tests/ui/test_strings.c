/* test_strings.c — the UI's string tables: every language has the same keys, and every
 * key the C code asks for literally (ui_str(app, "key")) exists.
 * Usage: test_strings STRINGS.yaml… -- SOURCE.c… */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strings.h"

static int check_sources(const pc_strings *tab, int argc, char **argv, int from)
{
    int bad = 0;
    for (int i = from; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) { fprintf(stderr, "%s: cannot open\n", argv[i]); return 1; }
        static char buf[1 << 20];
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = '\0';
        for (char *p = buf; (p = strstr(p, "ui_str(app, \"")) != NULL;) {
            p += strlen("ui_str(app, \"");
            char key[128];
            size_t k = strcspn(p, "\"");
            if (k >= sizeof key) continue;
            memcpy(key, p, k);
            key[k] = '\0';
            if (!pc_strings_has(tab, key)) { fprintf(stderr, "%s: key \"%s\" missing\n", argv[i], key); bad++; }
        }
    }
    return bad;
}

int main(int argc, char **argv)
{
    int sep = 1;
    while (sep < argc && strcmp(argv[sep], "--") != 0) sep++;
    if (sep < 2) { fprintf(stderr, "usage: test_strings STRINGS.yaml... -- SOURCE.c...\n"); return 2; }
    pc_strings tabs[8];
    int n = 0, bad = 0;
    char err[512];
    for (int i = 1; i < sep && n < 8; i++, n++)
        if (!pc_strings_load(&tabs[n], argv[i], err, sizeof err)) { fprintf(stderr, "%s\n", err); return 1; }
    for (int t = 1; t < n; t++)
        for (int a = 0; a < 2; a++) {
            const pc_strings *x = a ? &tabs[t] : &tabs[0], *y = a ? &tabs[0] : &tabs[t];
            for (size_t k = 0; k < x->n_items; k++)
                if (!pc_strings_has(y, x->items[k].key)) {
                    fprintf(stderr, "%s: key \"%s\" missing\n", argv[a ? 1 : 1 + t], x->items[k].key);
                    bad++;
                }
        }
    bad += check_sources(&tabs[0], argc, argv, sep + 1);
    for (int t = 0; t < n; t++) pc_strings_free(&tabs[t]);
    if (!bad) printf("test_strings: %d tables agree, every key used exists\n", n);
    return bad ? 1 : 0;
}
