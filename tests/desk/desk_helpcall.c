/* desk_helpcall.c — test helper: a kiosk's signed help request (app/core/help_call.h)
 * for the desk's tests, made with a kiosk key file from `precheck keygen kiosk`.
 * Prints the body on the first line and the X-PC-Signature value on the second.
 * usage: desk_helpcall KIOSK.key AT_UNIX SCREEN_WORDS */
#include <stdio.h>
#include <stdlib.h>

#include "help_call.h"

int main(int argc, char **argv)
{
    char err[600], sig[PC_HELP_SIG_B64];
    char *body = NULL;
    pc_kiosk_key key;
    if (argc != 4) {
        fprintf(stderr, "usage: desk_helpcall KIOSK.key AT_UNIX SCREEN_WORDS\n");
        return 2;
    }
    if (!pc_kiosk_key_load(&key, argv[1], err, sizeof err) ||
        !pc_help_build(&key, strtoll(argv[2], NULL, 10), argv[3], &body, sig, err, sizeof err)) {
        fprintf(stderr, "desk_helpcall: %s\n", err);
        pc_kiosk_key_wipe(&key);
        return 1;
    }
    printf("%s\n%s\n", body, sig);
    free(body);
    pc_kiosk_key_wipe(&key);
    return 0;
}
