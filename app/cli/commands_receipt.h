/* commands_receipt.h — the staff desk's `precheck verify` and the key tool
 * `precheck keygen`; main.c puts PC_RECEIPT_COMMANDS into its command table. */
#ifndef PC_COMMANDS_RECEIPT_H
#define PC_COMMANDS_RECEIPT_H

/* Exit codes of `precheck verify` (2 stays "bad usage", as for every command). */
#define PC_EXIT_VERIFY_MALFORMED 1
#define PC_EXIT_VERIFY_TAMPERED 3
#define PC_EXIT_VERIFY_FORGED 4
#define PC_EXIT_VERIFY_UNKNOWN_KIOSK 5
#define PC_EXIT_VERIFY_UNKNOWN_PACK 6
#define PC_EXIT_VERIFY_SEALED_NO_KEY 7

int pc_cmd_verify(int argc, char **argv);
int pc_cmd_keygen(int argc, char **argv);

#define PC_RECEIPT_COMMANDS                                                                        \
    {"verify", pc_cmd_verify,                                                                      \
     "verify --keyring FILE [--hall-key FILE] [--rules DIR] [--json] [--lang zh-CN|en] "           \
     "[RECEIPT]  "                                                                                 \
     "(no RECEIPT: one a line on stdin)"},                                                         \
        {"keygen", pc_cmd_keygen,                                                                  \
         "keygen kiosk --id ID --secret FILE [--keyring FILE] | "                                  \
         "keygen hall|department --secret FILE --public FILE"},

#endif
