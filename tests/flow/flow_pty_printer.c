/* flow_pty_printer.c — runs a flow test with a printer on a pseudo-terminal
 * (tests/receipt/pty_printer.c) that answers the ESC/POS status questions as STATE says.
 * Usage: flow_pty_printer STATE BASE.yaml DIR KIOSK ARGS… — writes DIR/kiosk.yaml (the
 * base configuration and the printer's path), runs KIOSK ARGS --config DIR/kiosk.yaml,
 * then checks what the printer received: asked (DLE EOT 1, 2, 4) before the slip and
 * after it, the slip itself decoded with a cut (written as DIR/slip.png to look at).
 * Exits with the kiosk's status, or 1 when the printer's side is wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "print.h"
#include "pty_printer.h"

static bool write_config(const char *base, const char *dir, const char *printer, char *out,
                         size_t size);
static int check_received(const pty_printer *p, const char *dir);

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: flow_pty_printer STATE BASE.yaml DIR KIOSK [ARGS…]\n");
        return 2;
    }
    pty_printer p;
    char config[600];
    if (!pty_printer_start(&p, argv[1]) || !write_config(argv[2], argv[3], p.path, config,
                                                         sizeof config)) {
        fprintf(stderr, "flow_pty_printer: cannot set up the printer or %s\n", argv[3]);
        return 2;
    }
    char **args = calloc((size_t)argc, sizeof *args);
    int n = 0;
    for (int i = 4; i < argc; i++)
        args[n++] = argv[i];
    args[n++] = "--config", args[n++] = config;
    pid_t pid = fork();
    if (pid == 0) {
        execv(args[0], args);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    usleep(100 * 1000);
    pty_printer_stop(&p);
    int rc = check_received(&p, argv[3]);
    pty_printer_free(&p);
    free(args);
    int kiosk = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
    return kiosk ? kiosk : rc;
}

static bool write_config(const char *base, const char *dir, const char *printer, char *out,
                         size_t size)
{
    snprintf(out, size, "%s/kiosk.yaml", dir);
    FILE *in = fopen(base, "r"), *o = fopen(out, "w");
    bool ok = in && o;
    char line[1024];
    while (ok && fgets(line, sizeof line, in))
        fputs(line, o);
    if (o)
        fprintf(o, "printer: %s\nprinter_width: %d\n", printer, PC_PRINT_WIDTH_58MM);
    if (in)
        fclose(in);
    return o && fclose(o) == 0 && ok;
}

/* One slip, with the three questions before it and after it. */
static int check_received(const pty_printer *p, const char *dir)
{
    static const unsigned char asked[3] = {1, 2, 4};
    pty_printer_split s;
    pc_raster r;
    bool cut = false;
    if (!pty_printer_split_got(p, &s) || s.job_len == 0 ||
        !pc_escpos_decode(s.job, s.job_len, &r, &cut) || !cut) {
        fprintf(stderr, "flow_pty_printer: no whole slip received (%zu bytes)\n", p->n_got);
        free(s.job);
        return 1;
    }
    char png[600];
    snprintf(png, sizeof png, "%s/slip.png", dir);
    pc_raster_write_png(&r, 1, png);
    bool ok = s.n_before == 3 && memcmp(s.before, asked, 3) == 0 && s.n_after == 3 &&
              memcmp(s.after, asked, 3) == 0 && r.width == PC_PRINT_WIDTH_58MM;
    if (!ok)
        fprintf(stderr, "flow_pty_printer: asked %d times before the slip, %d after (3 each)\n",
                s.n_before, s.n_after);
    else
        printf("flow_pty_printer: slip %dx%d dots, cut; status asked before and after\n",
               r.width, r.height);
    pc_raster_free(&r);
    free(s.job);
    return ok ? 0 : 1;
}
