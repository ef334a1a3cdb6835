/* test_strings.c — the string tables: every language has the same keys, and every
 * key the C code names literally exists: ui_str(ctx, "key") in the kiosk, and any
 * string literal shaped like a key of one of the table's namespaces ("slip.title",
 * "verdict.valid", "verify.basis") in the slip, the core and the CLI.
 * Usage: test_strings STRINGS.yaml… -- SOURCE.c… */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strings.h"

/* True when s[0..len) looks like "namespace.name" and the table has that namespace. */
static bool key_shaped(const pc_strings *tab, const char *s, size_t len)
{
    size_t ns = strspn(s, "abcdefghijklmnopqrstuvwxyz");
    if (ns == 0 || ns >= len || s[ns] != '.' || ns + 1 == len) return false;
    if (strspn(s + ns + 1, "abcdefghijklmnopqrstuvwxyz0123456789_") != len - ns - 1) return false;
    for (size_t k = 0; k < tab->n_items; k++)
        if (strncmp(tab->items[k].key, s, ns + 1) == 0) return true;
    return false;
}

/* After "ui_str": the key of a call ui_str(ctx, "key") or ui_str_fill(ctx, "key", …);
 * NULL when this is no such call (a key chosen at run time, a declaration). */
static const char *ui_str_key(const char *p)
{
    if (strncmp(p, "_fill", 5) == 0) p += 5;
    if (*p != '(') return NULL;
    p += strcspn(p, ",)\n");
    if (*p != ',') return NULL;
    p += 1 + strspn(p + 1, " ");
    return *p == '"' ? p + 1 : NULL;
}

/* Every text between two quotes (pairs or not: escaped quotes cannot make a key) that
 * is key-shaped, outside #include lines, must be in the table. */
static int check_literals(const pc_strings *tab, const char *path, const char *buf)
{
    int bad = 0;
    for (const char *p = strchr(buf, '"'); p; p = strchr(p + 1, '"')) {
        const char *line = p;
        while (line > buf && line[-1] != '\n') line--;
        const char *end = strchr(p + 1, '"');
        if (!end || strncmp(line, "#include", 8) == 0) continue;
        size_t len = (size_t)(end - p - 1);
        char key[128];
        if (len >= sizeof key || !key_shaped(tab, p + 1, len)) continue;
        memcpy(key, p + 1, len);
        key[len] = '\0';
        if (!pc_strings_has(tab, key)) { fprintf(stderr, "%s: key \"%s\" missing\n", path, key); bad++; }
    }
    return bad;
}

static int check_sources(const pc_strings *tab, int argc, char **argv, int from)
{
    int bad = 0, n_calls = 0;
    for (int i = from; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) { fprintf(stderr, "%s: cannot open\n", argv[i]); return 1; }
        static char buf[1 << 20];
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = '\0';
        for (const char *p = buf; (p = strstr(p, "ui_str")) != NULL;) {
            p += strlen("ui_str");
            const char *k0 = ui_str_key(p);
            char key[128];
            size_t k = k0 ? strcspn(k0, "\"") : 0;
            if (!k0 || k >= sizeof key) continue;
            memcpy(key, k0, k);
            key[k] = '\0';
            if (!pc_strings_has(tab, key)) { fprintf(stderr, "%s: key \"%s\" missing\n", argv[i], key); bad++; }
            n_calls++;
        }
        bad += check_literals(tab, argv[i], buf);
    }
    if (n_calls == 0) { fprintf(stderr, "no ui_str(…, \"key\") call found in the sources\n"); bad++; }
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
