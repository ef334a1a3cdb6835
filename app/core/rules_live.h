/* rules_live.h — the rules directory that kiosk-sync writes and the kiosk reads.
 *
 * Why it exists: kiosk-sync switches a whole set of packs, their source texts and the
 * holiday calendar at once (sync/PROTOCOL.md, "Pack rollout"): it writes the set into
 * <rules_dir>/generations/<n>/, and only when that is complete and checked points the
 * symbolic link <rules_dir>/current at it (renamed into place, so it changes in one
 * step). The kiosk reads whatever `current` points at, and notices a switch by reading
 * the link alone (no per-frame work of note). A rules directory without `current` is
 * read flat, as the bundled rules/ and the tests' packs are; one that holds neither
 * `current` nor a pack (a new kiosk before its first sync: /var/lib/precheck/rules,
 * empty or not made yet) gives the packs installed with the program (data_dir.h), so
 * that both programs can name the state directory from the start. Both programs link
 * app/core, so the layout is described once, here. */
#ifndef PC_RULES_LIVE_H
#define PC_RULES_LIVE_H

#include <stdbool.h>
#include <stddef.h>

#define PC_RULES_CURRENT "current"                 /* the link to the live generation */
#define PC_RULES_GENERATIONS "generations"         /* one directory a generation */
#define PC_RULES_GENERATION_INFO "generation.json" /* serial, origin, previous */

/* The directory to read packs from: <rules_dir>/current when it exists, else rules_dir
 * when it holds a pack, else the installed <data>/rules. */
void pc_rules_live_dir(const char *rules_dir, char *out, size_t size);
/* The calendar to read: <live>/calendar when the live set carries one, else fallback. */
void pc_rules_calendar_dir(const char *rules_dir, const char *fallback, char *out, size_t size);
/* What names the live set: the link's target ("generations/12"), "" for a flat
 * directory. One readlink(2). */
void pc_rules_stamp(const char *rules_dir, char *out, size_t size);

#endif
