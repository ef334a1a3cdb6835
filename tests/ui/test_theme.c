/* test_theme.c — every text colour the kiosk uses on its background reaches the
 * WCAG / 适老化 contrast of 4.5:1 (field-notes.md). */
#include <math.h>
#include <stdio.h>

#include "theme.h"

static double lin(unsigned char c)
{
    double s = c / 255.0;
    return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

static double lum(ui_rgb c)
{
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

static double contrast(ui_rgb a, ui_rgb b)
{
    double la = lum(a), lb = lum(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

int main(void)
{
    struct { const char *what; ui_rgb fg, bg; } pairs[] = {
        {"text on page", UI_C_TEXT, UI_C_BG}, {"muted on page", UI_C_MUTED, UI_C_BG},
        {"text on card", UI_C_TEXT, UI_C_CARD}, {"muted on card", UI_C_MUTED, UI_C_CARD},
        {"link on card", UI_C_LINK, UI_C_CARD}, {"link on page", UI_C_LINK, UI_C_BG},
        {"link on soft", UI_C_LINK, UI_C_SOFT}, {"text on soft", UI_C_TEXT, UI_C_SOFT},
        {"text on note", UI_C_TEXT, UI_C_NOTE_BG}, {"draft on note", UI_C_DRAFT, UI_C_NOTE_BG},
        {"draft on page", UI_C_DRAFT, UI_C_BG}, {"draft on card", UI_C_DRAFT, UI_C_CARD},
        {"white on bar", UI_C_ON_DARK, UI_C_BAR}, {"white on primary", UI_C_ON_DARK, UI_C_PRIMARY},
        {"white on pressed", UI_C_ON_DARK, UI_C_PRIMARY_DOWN}, {"white on exempt", UI_C_ON_DARK, UI_C_EXEMPT},
        {"white on mitigate", UI_C_ON_DARK, UI_C_MITIGATE}, {"white on ineligible", UI_C_ON_DARK, UI_C_INELIGIBLE},
        {"white on refer", UI_C_ON_DARK, UI_C_REFER}, {"white on neutral", UI_C_ON_DARK, UI_C_NEUTRAL},
        {"error on page", UI_C_INELIGIBLE, UI_C_BG}, {"primary on page", UI_C_PRIMARY, UI_C_BG},
        {"white on draft", UI_C_ON_DARK, UI_C_DRAFT}, {"link on pressed soft", UI_C_LINK, UI_C_SOFT},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        double c = contrast(pairs[i].fg, pairs[i].bg);
        if (c < 4.5) { fprintf(stderr, "%s: contrast %.2f < 4.5\n", pairs[i].what, c); bad++; }
    }
    if (!bad) puts("test_theme: ok");
    return bad ? 1 : 0;
}
