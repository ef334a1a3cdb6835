/* lint.c — semantic checks over a loaded pack (see lint.h). The loader already refused
 * malformed YAML, unknown keys, unknown and duplicate citations; what is left needs the
 * whole pack or the policy's source text. */
#include "lint.h"

#include <stdarg.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "eval.h"
#include "file_read.h"
#include "store.h" /* PC_POLICY_ID_MAX, PC_PACK_VERSION_MAX: what a receipt carries */

typedef struct linter {
    const pc_pack *pack;
    FILE *out;
    int problems;
    bool used[PC_MAX_CLAUSES];     /* referenced anywhere */
    bool in_logic[PC_MAX_CLAUSES]; /* a leaf of the logic */
    bool asked[PC_MAX_CLAUSES];    /* set by some question */
} linter;

static void report(linter *l, int line, const char *cite, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(linter *l, int line, const char *cite, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(l->out, "%s:%d: %s: ", l->pack->path, line, cite ? cite : "-");
    vfprintf(l->out, fmt, ap);
    fputc('\n', l->out);
    va_end(ap);
    l->problems++;
}

/* ---- text ---- */

static size_t layout_length(const unsigned char *p)
{
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '#' || *p == '*' ||
        *p == '~' || *p == '>' || *p == '\f' || *p == '\v')
        return 1;
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) /* U+3000 ideographic space */
        return 3;
    if (p[0] == 0xC2 && p[1] == 0xA0) /* U+00A0 no-break space */
        return 2;
    if (p[0] == '-' && p[1] == '-' && p[2] == '-')
        return 3;
    return 0;
}

char *pc_text_normalize(char *s)
{
    unsigned char *r = (unsigned char *)s, *w = (unsigned char *)s;
    while (*r) {
        size_t skip = layout_length(r);
        if (skip)
            r += skip;
        else
            *w++ = *r++;
    }
    *w = '\0';
    return s;
}

static char *read_source(const pc_pack *pack)
{
    char path[4096], err[256];
    const char *slash = strrchr(pack->path, '/');
    int dirlen = slash ? (int)(slash - pack->path) : 1;
    snprintf(path, sizeof path, "%.*s/%s", dirlen, slash ? pack->path : ".", pack->source_path);
    return pc_file_read(path, NULL, err, sizeof err);
}

static void check_texts(linter *l)
{
    char *source = read_source(l->pack);
    if (!source) {
        report(l, 1, NULL, "source text \"%s\" cannot be read", l->pack->source_path);
        return;
    }
    pc_text_normalize(source);
    for (size_t i = 0; i < l->pack->n_clauses; i++) {
        const pc_clause *c = &l->pack->clauses[i];
        char *text = strdup(c->text);
        if (text && (!pc_text_normalize(text)[0] || !strstr(source, text)))
            report(l, c->line, c->cite, "text is not found verbatim in %s", l->pack->source_path);
        if (!c->plain[0])
            report(l, c->line, c->cite, "plain words are empty");
        free(text);
    }
    free(source);
}

/* ---- references ---- */

static void mark_expr(linter *l, const pc_expr *e, bool logic)
{
    if (!e)
        return;
    if (e->kind == PC_EXPR_CITE) {
        l->used[e->clause] = true;
        l->in_logic[e->clause] = l->in_logic[e->clause] || logic;
    }
    for (size_t i = 0; i < e->n_kids; i++)
        mark_expr(l, e->kids[i], logic);
}

static void mark_asked(linter *l, int clause, int depth)
{
    l->asked[clause] = true;
    const pc_clause *c = &l->pack->clauses[clause];
    for (size_t g = 0; depth < 4 && g < c->n_group; g++)
        mark_asked(l, c->group[g], depth + 1);
}

static void mark_references(linter *l)
{
    const pc_pack *p = l->pack;
    mark_expr(l, p->logic.applicability, true);
    mark_expr(l, p->logic.exclusions, true);
    mark_expr(l, p->logic.necessary, true);
    mark_expr(l, p->logic.situations, true);
    mark_expr(l, p->logic.mitigation, true);
    for (size_t i = 0; i < p->logic.n_tiers; i++) {
        l->used[p->logic.tiers[i].cite] = true;
        mark_expr(l, p->logic.tiers[i].when, true);
    }
    for (size_t i = 0; i < p->n_clauses; i++)
        mark_expr(l, p->clauses[i].test, false);
    for (size_t i = 0; i < p->n_questions; i++)
        for (size_t k = 0; k < p->questions[i].n_cites; k++) {
            l->used[p->questions[i].cites[k]] = true;
            mark_asked(l, p->questions[i].cites[k], 0);
        }
    for (size_t i = 0; i < p->n_materials; i++) {
        l->used[p->materials[i].cite] = true;
        mark_expr(l, p->materials[i].when, false);
    }
    for (size_t i = 0; i < p->n_steps; i++)
        l->used[p->steps[i].cite] = true;
    if (p->deadline)
        l->used[p->deadline->cite] = true;
    for (size_t i = 0; i < p->n_clauses; i++)
        for (size_t g = 0; g < p->clauses[i].n_group; g++)
            l->used[p->clauses[i].group[g]] = l->used[i] = true;
}

static void check_references(linter *l)
{
    const pc_pack *p = l->pack;
    mark_references(l);
    for (size_t i = 0; i < p->n_clauses; i++) {
        const pc_clause *c = &p->clauses[i];
        if (!l->used[i] && c->role != PC_ROLE_RESULT && c->role != PC_ROLE_PROCEDURE)
            report(l, c->line, c->cite,
                   "clause is not used by the logic, a question, a material, "
                   "the deadline or a step");
        if (l->in_logic[i] && !l->asked[i])
            report(l, c->line, c->cite, "condition is never asked by a question");
    }
    for (size_t i = 0; i < p->logic.n_catch_all; i++) {
        int c = p->logic.catch_all[i];
        if (!l->in_logic[c])
            report(l, p->clauses[c].line, p->clauses[c].cite, "catch-all is not in the logic");
    }
}

/* ---- questions, dates ---- */

static bool date_counts(const pc_pack *p, int date)
{
    for (size_t i = 0; p->deadline && i < p->deadline->n_from; i++)
        if (p->deadline->from[i] == date)
            return true;
    return p->valid_on == PC_VALID_ON_CONDUCT && p->conduct_date == date;
}

static bool value_asked(const pc_pack *p, pc_question_kind kind, int value)
{
    for (size_t i = 0; i < p->n_questions; i++)
        if (p->questions[i].kind == kind && p->questions[i].value == value)
            return true;
    return false;
}

/* A run of two to four characters written twice in a row ("工作工作"): a slip of the pen. */
static bool doubled_word(const char *utf8)
{
    uint32_t cp[512];
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)utf8; *p && n < 512; n++) {
        int len = *p < 0x80 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4;
        uint32_t c = len == 1 ? *p : (uint32_t)(*p & (0x3f >> (len - 1)));
        for (int k = 1; k < len && p[k]; k++)
            c = c << 6 | (p[k] & 0x3f);
        cp[n] = c;
        for (int k = 0; k < len && *p; k++)
            p++;
    }
    for (size_t w = 2; w <= 4; w++)
        for (size_t i = 0; i + 2 * w <= n; i++) {
            bool same = cp[i] >= 0x4e00 && cp[i] <= 0x9fff;
            for (size_t k = 0; k < w && same; k++)
                same = cp[i + k] == cp[i + w + k];
            if (same)
                return true;
        }
    return false;
}

static void check_words(linter *l, const pc_question *q)
{
    const char *texts[] = {q->ask, q->why, q->help};
    for (size_t i = 0; i < 3; i++)
        if (texts[i] && doubled_word(texts[i]))
            report(l, q->line, q->id, "a word is written twice in a row: %s", texts[i]);
    for (size_t o = 0; o < q->n_options; o++)
        if (doubled_word(q->options[o].label))
            report(l, q->line, q->id, "a word is written twice in a row: %s", q->options[o].label);
}

static void check_question(linter *l, const pc_question *q)
{
    check_words(l, q);
    const pc_pack *p = l->pack;
    if (!q->ask[0] || !q->why[0])
        report(l, q->line, q->id, "question needs both \"ask\" and \"why\"");
    if (strstr(q->ask, "对吗") && strstr(q->ask, "没有"))
        report(l, q->line, q->id, "a negative question (…没有…，对吗？): ask it positively");
    if (q->kind == PC_Q_DATE && !date_counts(p, q->value) && q->n_cites == 0)
        report(l, q->line, q->id, "date question sets \"%s\", which nothing uses",
               p->dates[q->value].name);
    for (size_t o = 0; o < q->n_options; o++)
        for (size_t k = 0; k < o; k++)
            if (strcmp(q->options[o].label, q->options[k].label) == 0)
                report(l, q->line, q->id, "two options read \"%s\"", q->options[o].label);
}

static void check_questions(linter *l)
{
    const pc_pack *p = l->pack;
    for (size_t i = 0; i < p->n_questions; i++)
        check_question(l, &p->questions[i]);
    for (size_t i = 0; p->deadline && i < p->deadline->n_from; i++)
        if (!value_asked(p, PC_Q_DATE, p->deadline->from[i]))
            report(l, p->deadline->line, p->clauses[p->deadline->cite].cite,
                   "no date question asks \"%s\"", p->dates[p->deadline->from[i]].name);
    for (size_t i = 0; i < p->n_numbers; i++)
        if (!value_asked(p, PC_Q_NUMBER, (int)i))
            report(l, 1, NULL, "no number question asks \"%s\"", p->numbers[i].name);
}

static void check_roles(linter *l)
{
    const pc_pack *p = l->pack;
    for (size_t i = 0; i < p->n_clauses; i++)
        if (p->clauses[i].role == PC_ROLE_EXCLUSION && !l->in_logic[i])
            report(l, p->clauses[i].line, p->clauses[i].cite,
                   "exclusion is not in logic.exclusions");
    for (size_t i = 0; i < p->n_materials; i++)
        if (p->materials[i].when_open && !p->materials[i].when)
            report(l, p->materials[i].line, NULL, "when_open without a when");
}

static void check_dates(linter *l)
{
    const pc_pack *p = l->pack;
    if (p->in_force_from != PC_NO_DAY && p->in_force_until != PC_NO_DAY &&
        p->in_force_until < p->in_force_from)
        report(l, 1, NULL, "in_force_until is before in_force_from");
    if (p->status == PC_STATUS_DRAFT && p->in_force_from != PC_NO_DAY)
        report(l, 1, NULL, "a draft has no date in force");
    if (p->superseded_by[0] && strcmp(p->superseded_by, p->id) == 0)
        report(l, 1, NULL, "a pack cannot supersede itself");
    if (strlen(p->id) > PC_POLICY_ID_MAX)
        report(l, 1, NULL, "id is longer than a receipt can carry (%d characters)",
               PC_POLICY_ID_MAX);
    if (strlen(p->version) > PC_PACK_VERSION_MAX)
        report(l, 1, NULL, "version \"%s\" is longer than a receipt can carry (%d characters)",
               p->version, PC_PACK_VERSION_MAX);
    if (p->n_questions == 0)
        report(l, 1, NULL, "pack has no questions");
}

int pc_pack_lint(const pc_pack *pack, FILE *out)
{
    linter *l = calloc(1, sizeof *l);
    if (!l) {
        fprintf(out, "%s: out of memory\n", pack->path);
        return 1;
    }
    l->pack = pack;
    l->out = out;
    check_texts(l);
    check_references(l);
    check_questions(l);
    check_roles(l);
    check_dates(l);
    int problems = l->problems;
    free(l);
    return problems;
}
