/* keygen.c — `precheck keygen`: makes the receipt keys.
 *
 *   precheck keygen kiosk --id ID --secret FILE [--keyring FILE]
 *       an Ed25519 key for one kiosk: the secret file (0600, never overwritten) stays
 *       on the kiosk; the public line "ID ed25519 HEX" is printed and, with --keyring,
 *       appended to the department's keyring that staff desks verify against.
 *   precheck keygen department --secret FILE --public FILE
 *       the department's X25519 key for sealed receipts: the public file goes to the
 *       kiosks, the secret (0600) to the staff desks. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli_common.h"
#include "commands_receipt.h"
#include "keys.h"

typedef struct keygen_args {
    const char *id, *secret, *public_path, *keyring;
} keygen_args;

static int parse_args(int argc, char **argv, keygen_args *a)
{
    static const struct option opts[] = {{"id", required_argument, 0, 'i'},
                                         {"secret", required_argument, 0, 's'},
                                         {"public", required_argument, 0, 'p'},
                                         {"keyring", required_argument, 0, 'k'},
                                         {0, 0, 0, 0}};
    int c;
    optind = 2; /* argv[1] is the kind */
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'i')
            a->id = optarg;
        else if (c == 's')
            a->secret = optarg;
        else if (c == 'p')
            a->public_path = optarg;
        else if (c == 'k')
            a->keyring = optarg;
        else
            return pc_cli_fail("keygen: unknown or incomplete option \"%s\"", argv[optind - 1]);
    }
    if (optind < argc)
        return pc_cli_fail("keygen: unexpected argument \"%s\"", argv[optind]);
    return 0;
}

static int keygen_kiosk(const keygen_args *a)
{
    if (!a->id || !a->secret)
        return pc_cli_fail("keygen kiosk: --id and --secret are required");
    char err[512];
    pc_kiosk_key key;
    if (!pc_kiosk_key_generate(&key, a->id, err, sizeof err) ||
        !pc_kiosk_key_save(&key, a->secret, err, sizeof err) ||
        (a->keyring && !pc_keyring_append(a->keyring, key.kiosk_id, key.pk, err, sizeof err))) {
        pc_kiosk_key_wipe(&key);
        return pc_cli_fail("keygen kiosk: %s", err);
    }
    char hex[crypto_sign_PUBLICKEYBYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, key.pk, sizeof key.pk);
    printf("%s ed25519 %s\n", key.kiosk_id, hex);
    pc_kiosk_key_wipe(&key);
    return 0;
}

static int keygen_department(const keygen_args *a)
{
    if (!a->secret || !a->public_path)
        return pc_cli_fail("keygen department: --secret and --public are required");
    char err[512];
    pc_dept_key key;
    bool ok = pc_dept_key_generate(&key) &&
              pc_dept_key_save(&key, a->secret, a->public_path, err, sizeof err);
    pc_dept_key_wipe(&key);
    return ok ? 0 : pc_cli_fail("keygen department: %s", err);
}

int pc_cmd_keygen(int argc, char **argv)
{
    keygen_args a = {0};
    if (argc < 2)
        return pc_cli_fail("keygen: say \"kiosk\" or \"department\"");
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc;
    if (strcmp(argv[1], "kiosk") == 0)
        return keygen_kiosk(&a);
    /* a hall's desk key is the same kind of box key pair: the kiosks of the hall seal the
       answers to its public half, the hall's desks hold the secret */
    if (strcmp(argv[1], "department") == 0 || strcmp(argv[1], "hall") == 0)
        return keygen_department(&a);
    return pc_cli_fail("keygen: unknown kind \"%s\" (kiosk, hall or department)", argv[1]);
}
