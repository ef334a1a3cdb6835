/* theme.h — the kiosk's colours and sizes, in one place.
 *
 * Calm, high-contrast colours for elderly users: every text colour on its background
 * reaches 4.5:1 (checked by tests/ui/test_theme.c), and no outcome is shown by colour
 * alone (each has an icon and words). Sizes are logical pixels for a 1080-pixel short
 * side; the UI scales them by the screen. No SDL here so the test needs none. */
#ifndef UI_THEME_H
#define UI_THEME_H

typedef struct ui_rgb {
    unsigned char r, g, b;
} ui_rgb;

#define UI_RGB(hex)                                                                                \
    ((ui_rgb){(unsigned char)((hex) >> 16), (unsigned char)((hex) >> 8), (unsigned char)(hex)})

/* Surfaces */
#define UI_C_BG UI_RGB(0xF4F1EA) /* page: warm paper */
#define UI_C_CARD UI_RGB(0xFFFFFF)
#define UI_C_BORDER UI_RGB(0xC9CDD3)
#define UI_C_BAR UI_RGB(0x0B3D73)     /* top bar */
#define UI_C_SOFT UI_RGB(0xE6EEF7)    /* light blue panel */
#define UI_C_NOTE_BG UI_RGB(0xFFF3D1) /* "pre-check, not a decision" */
#define UI_C_NOTE_LINE UI_RGB(0xC79A2B)
/* Text */
#define UI_C_TEXT UI_RGB(0x1B1F24)
#define UI_C_MUTED UI_RGB(0x454B54)
#define UI_C_ON_DARK UI_RGB(0xFFFFFF)
#define UI_C_LINK UI_RGB(0x0A4F9C)
/* Actions */
#define UI_C_PRIMARY UI_RGB(0x0A55A6)
#define UI_C_PRIMARY_DOWN UI_RGB(0x073F7C)
#define UI_C_SELECTED UI_RGB(0x0A55A6)
/* Outcomes (with white text and an icon each) */
#define UI_C_EXEMPT UI_RGB(0x1B6E35)
#define UI_C_MITIGATE UI_RGB(0x125E82)
#define UI_C_INELIGIBLE UI_RGB(0xA8261B)
#define UI_C_REFER UI_RGB(0x8A4B00)
#define UI_C_NEUTRAL UI_RGB(0x4C5560)
#define UI_C_DRAFT UI_RGB(0x8A4B00)

/* Text sizes (logical px): normal, large-text mode */
#define UI_T_DISPLAY 80
#define UI_T_H1 56
#define UI_T_H2 46
#define UI_T_BODY 40
#define UI_T_SMALL 34
#define UI_T_BUTTON 48
#define UI_T_OPTION 44  /* the words of an option (choice, which-apply) */
#define UI_T_ANSWER 60  /* 是 / 否 / 不确定, keypad digits */
#define UI_LARGE_NUM 13 /* large mode: sizes × 13/10 */
#define UI_LARGE_DEN 10

/* Margins and targets */
#define UI_MARGIN 64
#define UI_BAR_H 136
#define UI_RADIUS 24
#define UI_ANSWER_H 150 /* 是 / 否 / 不确定 (176 in large-text mode) */
#define UI_ANSWER_H_LARGE 176
#define UI_OPTION_H 120 /* an option: the least height, more when it wraps */
#define UI_OPTION_H_LARGE 144
#define UI_KEY_H 150 /* keypad keys (PIN pad and numbers); less in landscape */
#define UI_KEY_H_LANDSCAPE 118
#define UI_KEY_H_LANDSCAPE_LARGE 72 /* large text in landscape: the value and 4 rows fit */
#define UI_MIN_TARGET 44
#define UI_MIN_TARGET_LARGE 60
#define UI_COLUMN_MAX 1240      /* content column width on wide screens */
#define UI_COLUMN_WIDE_MAX 1700 /* two-column screens in landscape */

/* Spacing (logical px): the space between things stacked in a column (ui_layout_space)
 * and above a page's content, on one scale in steps of 4 px — UI_SPACE_5 is five steps,
 * 20 px — with half steps for the tight space between the lines of one item. The same
 * step means the same space on every screen. */
#define UI_SPACE_1 4
#define UI_SPACE_1_5 6
#define UI_SPACE_2 8
#define UI_SPACE_2_5 10
#define UI_SPACE_3 12
#define UI_SPACE_3_5 14
#define UI_SPACE_4 16
#define UI_SPACE_4_5 18
#define UI_SPACE_5 20
#define UI_SPACE_6 24
#define UI_SPACE_7 28
#define UI_SPACE_8 32
#define UI_SPACE_9 36
#define UI_SPACE_10 40
#define UI_SPACE_11 44
#define UI_SPACE_12 48
#define UI_SPACE_14 56
#define UI_SPACE_16 64
#define UI_SPACE_24 96

#endif
