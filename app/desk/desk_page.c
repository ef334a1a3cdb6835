/* desk_page.c — the page staff open (assets/desk/: index.html, desk.css, desk.js,
 * written by hand, no build step). The HTML carries no words of its own: each
 * "{{desk.key}}" in it is filled from the string table (HTML-escaped), and
 * "{{@strings}}" becomes the desk's words as JSON for the script, so that the page
 * speaks the configured language with nothing but the YAML tables to translate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_app.h"
#include "file_read.h"
#include "log.h"

/* A growing text. */
typedef struct sbuf {
    char *p;
    size_t len, cap;
    bool ok;
} sbuf;

static bool serve_file(desk_app *app, const char *name, const char *type, desk_resp *resp);
static char *fill_template(desk_app *app, const char *text);
static void put_placeholder(desk_app *app, sbuf *b, const char *name, size_t len);
static void put_escaped(sbuf *b, const char *s);
static void put_strings_json(desk_app *app, sbuf *b);
static void put(sbuf *b, const char *s, size_t n);

bool desk_page_serve(desk_app *app, const char *path, desk_resp *resp)
{
    if (strcmp(path, "/") == 0 || strcmp(path, "/index.html") == 0)
        return serve_file(app, "index.html", "text/html; charset=utf-8", resp);
    if (strcmp(path, "/desk.css") == 0) /* the file's name is the path without "/" */
        return serve_file(app, path + 1, "text/css; charset=utf-8", resp);
    if (strcmp(path, "/desk.js") == 0)
        return serve_file(app, path + 1, "text/javascript; charset=utf-8", resp);
    return false;
}

static bool serve_file(desk_app *app, const char *name, const char *type, desk_resp *resp)
{
    char path[4200], err[300];
    size_t len = 0;
    snprintf(path, sizeof path, "%s/%s", app->static_dir, name);
    char *text = pc_file_read(path, &len, err, sizeof err);
    if (!text) {
        pc_log_err("desk: %s", err);
        desk_reply_error(app, resp, 500, "page", "desk.error_page");
        return true;
    }
    bool html = strcmp(name, "index.html") == 0;
    resp->body = html ? fill_template(app, text) : text;
    if (html)
        free(text);
    resp->len = resp->body ? strlen(resp->body) : 0;
    resp->status = resp->body ? 200 : 500;
    resp->type = type;
    resp->cacheable = !html;
    return true;
}

/* ------------------------------------------------------------------ the template */

static char *fill_template(desk_app *app, const char *text)
{
    sbuf b = {NULL, 0, 0, true};
    const char *p = text, *open;
    while ((open = strstr(p, "{{")) != NULL) {
        const char *close = strstr(open + 2, "}}");
        if (!close)
            break;
        put(&b, p, (size_t)(open - p));
        put_placeholder(app, &b, open + 2, (size_t)(close - open - 2));
        p = close + 2;
    }
    put(&b, p, strlen(p));
    if (!b.ok)
        free(b.p);
    return b.ok ? b.p : NULL;
}

static void put_placeholder(desk_app *app, sbuf *b, const char *name, size_t len)
{
    char key[128];
    snprintf(key, sizeof key, "%.*s", (int)len, name);
    if (strcmp(key, "@strings") == 0)
        put_strings_json(app, b);
    else if (strcmp(key, "@hall") == 0)
        put_escaped(b, app->hall);
    else
        put_escaped(b, pc_strings_get(&app->strings, key));
}

/* Every "desk.*" string, and the few shared ones the script uses, as one JSON object;
 * "<" is written as \u003c so that nothing can close the script element. */
static void put_strings_json(desk_app *app, sbuf *b)
{
    json_t *o = json_object();
    for (size_t i = 0; i < app->strings.n_items; i++) {
        const pc_string_entry *e = &app->strings.items[i];
        if (strncmp(e->key, "desk.", 5) == 0 || strcmp(e->key, "common.list_sep") == 0)
            json_object_set_new(o, e->key, json_string(e->value));
    }
    char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    for (const char *s = text ? text : "{}"; *s; s++)
        put(b, *s == '<' ? "\\u003c" : s, *s == '<' ? 6 : 1);
    free(text);
}

static void put_escaped(sbuf *b, const char *s)
{
    for (; *s; s++) {
        const char *rep = *s == '&'    ? "&amp;"
                          : *s == '<'  ? "&lt;"
                          : *s == '>'  ? "&gt;"
                          : *s == '"'  ? "&quot;"
                          : *s == '\'' ? "&#39;"
                                       : NULL;
        put(b, rep ? rep : s, rep ? strlen(rep) : 1);
    }
}

static void put(sbuf *b, const char *s, size_t n)
{
    if (!b->ok)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 8192) + n;
        char *grown = realloc(b->p, cap);
        if (!grown) {
            b->ok = false;
            return;
        }
        b->p = grown, b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}
