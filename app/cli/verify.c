/* verify.c — `precheck verify`: the staff desk's check of a scanned receipt.
 *
 * A USB scanner types the receipt and Enter, so receipts come one a line on stdin
 * (or one as an argument). Each is checked against the department's keyring of kiosk
 * public keys, re-evaluated with the same pack version from the rules directory
 * (pc_check_scan, the staff desk's own code path; --json prints its pc_check_to_json),
 * and printed for staff: the verdict, the pre-check, the materials checklist. Each kind of rejection has its own verdict and exit code
 * (commands_receipt.h); with several lines the exit code is the first rejection's.
 * The words are the string table's ("verdict.*", "verify.*", "outcome.*") in the
 * language of --lang or $PRECHECK_LANG (zh-CN by default); the JSON keys and the
 * verdict and outcome names ("valid", "exempt") are fixed, for programs. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "cli_common.h"
#include "commands_receipt.h"
#include "receipt.h"

typedef struct verify_args {
    const char *keyring, *hall_key, *rules, *receipt, *lang;
    bool json;
} verify_args;

/* How each receipt is printed. */
typedef struct verify_out {
    const pc_strings *strings;
    bool json;
} verify_out;

/* --dept-key was the old name of --hall-key: answers are sealed to the hall's key (made
 * by precheck keygen hall), which the hall's desks hold, not the department's. */
static const char *deprecated_dept_key(const char *path)
{
    fprintf(stderr, "precheck: verify --dept-key is now --hall-key (the hall's key, made by "
                    "precheck keygen hall); --dept-key will be removed in the next version\n");
    return path;
}

static int parse_args(int argc, char **argv, verify_args *a)
{
    static const struct option opts[] = {{"keyring", required_argument, 0, 'k'},
                                         {"hall-key", required_argument, 0, 'h'},
                                         {"dept-key", required_argument, 0, 'd'},
                                         {"rules", required_argument, 0, 'r'},
                                         {"json", no_argument, 0, 'j'},
                                         {"lang", required_argument, 0, 'l'},
                                         {0, 0, 0, 0}};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'k')
            a->keyring = optarg;
        else if (c == 'h')
            a->hall_key = optarg;
        else if (c == 'd')
            a->hall_key = deprecated_dept_key(optarg);
        else if (c == 'r')
            a->rules = optarg;
        else if (c == 'j')
            a->json = true;
        else if (c == 'l')
            a->lang = optarg;
        else
            return pc_cli_fail("verify: unknown or incomplete option \"%s\"", argv[optind - 1]);
    }
    if (optind < argc)
        a->receipt = argv[optind++];
    if (optind < argc)
        return pc_cli_fail("verify: unexpected argument \"%s\"", argv[optind]);
    if (!a->keyring)
        a->keyring = getenv("PRECHECK_KEYRING");
    if (!a->keyring)
        return pc_cli_fail("verify: --keyring FILE is required (or PRECHECK_KEYRING)");
    return 0;
}

static int exit_code(pc_verdict v)
{
    static const int codes[PC_VERDICT_COUNT] = {
        0,
        PC_EXIT_VERIFY_MALFORMED,
        PC_EXIT_VERIFY_TAMPERED,
        PC_EXIT_VERIFY_FORGED,
        PC_EXIT_VERIFY_UNKNOWN_KIOSK,
        PC_EXIT_VERIFY_UNKNOWN_PACK,
        PC_EXIT_VERIFY_SEALED_NO_KEY,
    };
    return (unsigned)v < PC_VERDICT_COUNT ? codes[v] : PC_EXIT_VERIFY_MALFORMED;
}

/* ------------------------------------------------------------------ output */

/* The shared JSON of a checked scan (check.h): the desk's /api/scan gives the same. */
static void print_json(const pc_strings *t, const pc_check *c)
{
    json_t *o = pc_check_to_json(c, t, pc_day_today());
    char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
    puts(text ? text : "{}");
    free(text);
    json_decref(o);
}

static void print_deadline(const pc_strings *t, const pc_result *res)
{
    char day[16];
    pc_day_format(res->deadline_day, day, sizeof day);
    const char *passed = res->deadline_passed ? pc_strings_get(t, "verify.deadline_passed") : "";
    const char *estimated =
        res->deadline_estimated ? pc_strings_get(t, "verify.deadline_estimated") : "";
    pc_cli_say(t, "verify.deadline", (const char *const[]){"date", "passed", "estimated"},
               (const char *const[]){day, passed, estimated}, 3);
}

static void print_checklist(const pc_strings *t, const pc_verify_result *r)
{
    const pc_pack *p = r->pack;
    char *clauses = NULL;
    for (size_t i = 0; i < r->result.n_basis; i++)
        pc_cli_list_add(t, &clauses, p->clauses[r->result.basis[i]].label);
    pc_cli_say(t, "verify.basis", (const char *const[]){"clauses"},
               (const char *const[]){clauses ? clauses : ""}, 1);
    free(clauses);
    puts(pc_strings_get(t, r->result.n_materials ? "verify.materials" : "verify.materials_none"));
    for (size_t i = 0; i < r->result.n_materials; i++)
        printf("  [ ] %s\n", p->materials[r->result.materials[i]].name);
    if (r->result.has_deadline)
        print_deadline(t, &r->result);
}

/* The receipt number and the verdict: every receipt has these two lines. */
static void print_verdict(const pc_strings *t, const pc_verify_result *r)
{
    char id[32] = "";
    if (r->receipt.receipt_id[0])
        pc_receipt_id_format(r->receipt.receipt_id, id, sizeof id);
    const char *shown = id[0] ? id : pc_strings_get(t, "verify.unreadable");
    pc_cli_say(t, "verify.receipt_no", (const char *const[]){"id"}, (const char *const[]){shown},
               1);
    pc_cli_say(t, "verify.verdict", (const char *const[]){"message", "verdict"},
               (const char *const[]){pc_strings_get(t, pc_verdict_key(r->verdict)),
                                     pc_verdict_name(r->verdict)},
               2);
}

/* Where and when the receipt was made, and for which policy and rules version. */
static void print_origin(const pc_strings *t, const pc_verify_result *r)
{
    const pc_receipt *rc = &r->receipt;
    char when[32] = "";
    time_t tt = (time_t)rc->created_at;
    struct tm tm;
    if (localtime_r(&tt, &tm))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    pc_cli_say(t, "verify.origin", (const char *const[]){"kiosk", "time"},
               (const char *const[]){rc->kiosk_id, when}, 2);
    pc_cli_say(t, "verify.policy", (const char *const[]){"policy", "version"},
               (const char *const[]){r->pack ? r->pack->title : rc->policy_id, rc->pack_version},
               2);
}

static void print_text(const pc_strings *t, const pc_verify_result *r)
{
    const pc_receipt *rc = &r->receipt;
    print_verdict(t, r);
    if (r->verdict != PC_VERDICT_VALID && r->verdict != PC_VERDICT_UNKNOWN_PACK)
        return;
    print_origin(t, r);
    if (r->verdict != PC_VERDICT_VALID) {
        pc_cli_say(t, "verify.signed_outcome", (const char *const[]){"outcome"},
                   (const char *const[]){pc_outcome_name(rc->outcome)}, 1);
        return;
    }
    pc_cli_say(t, "verify.outcome", (const char *const[]){"phrase", "outcome", "status"},
               (const char *const[]){pc_strings_get(t, pc_outcome_phrase_key(r->result.outcome)),
                                     pc_outcome_name(r->result.outcome),
                                     pc_policy_status_name(r->result.policy_status)},
               3);
    if (!r->outcome_matches)
        pc_cli_say(t, "verify.mismatch", (const char *const[]){"outcome"},
                   (const char *const[]){pc_outcome_name(rc->outcome)}, 1);
    print_checklist(t, r);
}

/* ------------------------------------------------------------------ main */

static int verify_line(const char *line, const pc_verify_ctx *ctx, const verify_out *out)
{
    pc_check *c = malloc(sizeof *c);
    if (!c)
        return pc_cli_fail("verify: out of memory");
    pc_check_scan(line, ctx, c);
    if (out->json)
        print_json(out->strings, c);
    else
        print_text(out->strings, &c->v);
    fflush(stdout);
    int code = exit_code(c->v.verdict);
    free(c);
    return code;
}

/* One verdict a line, however long the line (getline): a pasted page of text is one
 * malformed receipt, not several. */
static int verify_stdin(const pc_verify_ctx *ctx, const verify_out *out)
{
    char *line = NULL;
    size_t cap = 0;
    int first_bad = 0;
    while (getline(&line, &cap, stdin) >= 0) {
        if (strspn(line, " \t\r\n") == strlen(line))
            continue; /* a scanner's stray Enter */
        int code = verify_line(line, ctx, out);
        if (code && !first_bad)
            first_bad = code;
        if (!out->json)
            printf("\n");
    }
    free(line);
    return first_bad;
}

static int load_context(const verify_args *a, pc_keyring *ring, pc_dept_key *dept,
                        pc_pack_set *packs, pc_calendar **cal)
{
    char err[600];
    pc_path rules_buf;
    const char *rules = pc_cli_rules_dir(a->rules, &rules_buf);
    if (!pc_keyring_load(ring, a->keyring, err, sizeof err))
        return pc_cli_fail("verify: %s", err);
    if (a->hall_key && !pc_dept_key_load_secret(dept, a->hall_key, err, sizeof err))
        return pc_cli_fail("verify: %s", err);
    if (!pc_pack_set_load_dir(packs, rules, err, sizeof err))
        return pc_cli_fail("verify: %s", err);
    *cal = pc_cli_load_calendar(rules);
    return *cal ? 0 : PC_EXIT_BAD_INPUT;
}

int pc_cmd_verify(int argc, char **argv)
{
    verify_args a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc;
    pc_keyring ring = {0};
    pc_dept_key dept = {0};
    pc_pack_set packs = {0};
    pc_calendar *cal = NULL;
    pc_strings strings = {0};
    rc = pc_cli_load_strings(&strings, a.lang) ? load_context(&a, &ring, &dept, &packs, &cal)
                                               : PC_EXIT_BAD_INPUT;
    if (rc == 0) {
        pc_verify_ctx ctx = {&ring, a.hall_key ? &dept : NULL, &packs, cal};
        verify_out out = {&strings, a.json};
        rc = a.receipt ? verify_line(a.receipt, &ctx, &out) : verify_stdin(&ctx, &out);
    }
    pc_strings_free(&strings);
    pc_keyring_free(&ring);
    pc_dept_key_wipe(&dept);
    pc_pack_set_free(&packs);
    free(cal);
    return rc;
}
