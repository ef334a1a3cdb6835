/* lint.c — semantic checks over a loaded pack (see lint.h). The loader already refused
 * malformed YAML, unknown keys, unknown and duplicate citations; what is left needs the
 * whole pack or the policy's source text. */
#include "lint.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "file_read.h"

typedef struct linter {
    const pc_pack *pack;
    FILE *out;
    int problems;
    bool used[PC_MAX_CLAUSES];      /* referenced anywhere */
    bool in_logic[PC_MAX_CLAUSES];  /* a leaf of the logic */
    bool asked[PC_MAX_CLAUSES];     /* set by some question */
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
    mark_expr(l, p->logic.necessary, true);
    mark_expr(l, p->logic.situations, true);
    mark_expr(l, p->logic.mitigation, true);
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
            report(l, c->line, c->cite, "clause is not used by the logic, a question, a material, "
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

static void check_questions(linter *l)
{
    const pc_pack *p = l->pack;
    for (size_t i = 0; i < p->n_questions; i++) {
        const pc_question *q = &p->questions[i];
        if (q->kind == PC_Q_DATE && (!p->deadline || strcmp(p->deadline->from, q->date_name) != 0))
            report(l, q->line, q->id, "date question sets \"%s\", which no deadline counts from",
                   q->date_name);
        if (!q->ask[0] || !q->why[0])
            report(l, q->line, q->id, "question needs both \"ask\" and \"why\"");
    }
    if (p->deadline) {
        bool asked = false;
        for (size_t i = 0; i < p->n_questions; i++)
            asked = asked || (p->questions[i].kind == PC_Q_DATE &&
                              strcmp(p->questions[i].date_name, p->deadline->from) == 0);
        if (!asked)
            report(l, p->deadline->line, p->clauses[p->deadline->cite].cite,
                   "no date question asks \"%s\"", p->deadline->from);
    }
}

static void check_dates(linter *l)
{
    const pc_pack *p = l->pack;
    if (p->in_force_from != PC_NO_DAY && p->in_force_until != PC_NO_DAY &&
        p->in_force_until < p->in_force_from)
        report(l, 1, NULL, "in_force_until is before in_force_from");
    if (p->status == PC_STATUS_DRAFT && p->in_force_from != PC_NO_DAY)
        report(l, 1, NULL, "a draft has no date in force");
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
    check_dates(l);
    int problems = l->problems;
    free(l);
    return problems;
}
