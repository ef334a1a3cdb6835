/* verify.c — `precheck verify`: the staff desk's check of a scanned receipt.
 *
 * A USB scanner types the receipt and Enter, so receipts come one a line on stdin
 * (or one as an argument). Each is checked against the department's keyring of kiosk
 * public keys, re-evaluated with the same pack version from the rules directory
 * (pc_receipt_verify), and printed for staff: the verdict, the pre-check, the
 * materials checklist. Each kind of rejection has its own verdict and exit code
 * (commands_receipt.h); with several lines the exit code is the first rejection's. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_common.h"
#include "commands_receipt.h"
#include "receipt.h"

typedef struct verify_args {
    const char *keyring, *dept_key, *rules, *receipt;
    bool json;
} verify_args;

static int parse_args(int argc, char **argv, verify_args *a)
{
    static const struct option opts[] = {{"keyring", required_argument, 0, 'k'},
                                         {"dept-key", required_argument, 0, 'd'},
                                         {"rules", required_argument, 0, 'r'},
                                         {"json", no_argument, 0, 'j'},
                                         {0, 0, 0, 0}};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'k') a->keyring = optarg;
        else if (c == 'd') a->dept_key = optarg;
        else if (c == 'r') a->rules = optarg;
        else if (c == 'j') a->json = true;
        else return pc_cli_fail("verify: unknown or incomplete option \"%s\"", argv[optind - 1]);
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
        0, PC_EXIT_VERIFY_MALFORMED, PC_EXIT_VERIFY_TAMPERED, PC_EXIT_VERIFY_FORGED,
        PC_EXIT_VERIFY_UNKNOWN_KIOSK, PC_EXIT_VERIFY_UNKNOWN_PACK, PC_EXIT_VERIFY_SEALED_NO_KEY,
    };
    return (unsigned)v < PC_VERDICT_COUNT ? codes[v] : PC_EXIT_VERIFY_MALFORMED;
}

/* ------------------------------------------------------------------ output */

static void print_json(const pc_verify_result *r)
{
    const pc_receipt *rc = &r->receipt;
    json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "verdict", pc_verdict_name(r->verdict),
                          "message", pc_verdict_message(r->verdict), "receipt_id", rc->receipt_id,
                          "sealed", rc->sealed);
    bool readable = r->verdict != PC_VERDICT_MALFORMED && r->verdict != PC_VERDICT_SEALED_NO_KEY &&
                    !(rc->sealed && r->verdict == PC_VERDICT_TAMPERED);
    if (readable) {
        json_object_set_new(o, "kiosk_id", json_string(rc->kiosk_id));
        json_object_set_new(o, "created_at_unix", json_integer(rc->created_at));
        json_object_set_new(o, "policy_id", json_string(rc->policy_id));
        json_object_set_new(o, "pack_version", json_string(rc->pack_version));
        json_object_set_new(o, "signed_outcome", json_string(pc_outcome_name(rc->outcome)));
    }
    if (r->verdict == PC_VERDICT_VALID) {
        char *res = pc_result_to_json(r->pack, &r->result, 0);
        json_t *parsed = res ? json_loads(res, 0, NULL) : NULL;
        free(res);
        json_object_set_new(o, "result", parsed ? parsed : json_null());
        json_object_set_new(o, "outcome_matches", json_boolean(r->outcome_matches));
    }
    char *text = json_dumps(o, JSON_COMPACT);
    puts(text ? text : "{}");
    free(text);
    json_decref(o);
}

static void print_checklist(const pc_verify_result *r)
{
    const pc_pack *p = r->pack;
    printf("依据：");
    for (size_t i = 0; i < r->result.n_basis; i++)
        printf("%s%s", i ? "、" : "", p->clauses[r->result.basis[i]].label);
    printf("\n材料清单：%s\n", r->result.n_materials ? "" : "（无）");
    for (size_t i = 0; i < r->result.n_materials; i++)
        printf("  [ ] %s\n", p->materials[r->result.materials[i]].name);
    if (r->result.has_deadline) {
        char day[16];
        pc_day_format(r->result.deadline_day, day, sizeof day);
        printf("申请期限：%s 前%s%s\n", day, r->result.deadline_passed ? "（已过期）" : "",
               r->result.deadline_estimated ? "（估算）" : "");
    }
}

static void print_text(const pc_verify_result *r)
{
    const pc_receipt *rc = &r->receipt;
    char id[32] = "（无法读出）";
    if (rc->receipt_id[0])
        pc_receipt_id_format(rc->receipt_id, id, sizeof id);
    printf("回执编号：%s\n核验：%s [%s]\n", id, pc_verdict_message(r->verdict),
           pc_verdict_name(r->verdict));
    if (r->verdict != PC_VERDICT_VALID && r->verdict != PC_VERDICT_UNKNOWN_PACK)
        return;
    char when[32] = "";
    time_t t = (time_t)rc->created_at;
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    printf("自助机：%s  时间：%s\n政策：%s（规则版本 %s）\n", rc->kiosk_id, when,
           r->pack ? r->pack->title : rc->policy_id, rc->pack_version);
    if (r->verdict != PC_VERDICT_VALID) {
        printf("回执所载结果：%s\n", pc_outcome_name(rc->outcome));
        return;
    }
    printf("预审结果：%s（%s，%s）\n", pc_outcome_phrase(r->result.outcome),
           pc_outcome_name(r->result.outcome), pc_policy_status_name(r->result.policy_status));
    if (!r->outcome_matches)
        printf("注意：复核结果与回执所载结果（%s）不同，请以复核为准并人工确认\n",
               pc_outcome_name(rc->outcome));
    print_checklist(r);
}

/* ------------------------------------------------------------------ main */

static int verify_line(const char *line, const pc_verify_ctx *ctx, bool json)
{
    pc_verify_result *r = malloc(sizeof *r);
    if (!r)
        return pc_cli_fail("verify: out of memory");
    pc_receipt_verify(line, ctx, r);
    if (json)
        print_json(r);
    else
        print_text(r);
    fflush(stdout);
    int code = exit_code(r->verdict);
    free(r);
    return code;
}

static int verify_stdin(const pc_verify_ctx *ctx, bool json)
{
    char line[4096];
    int first_bad = 0;
    while (fgets(line, sizeof line, stdin)) {
        if (strspn(line, " \t\r\n") == strlen(line))
            continue;       /* a scanner's stray Enter */
        int code = verify_line(line, ctx, json);
        if (code && !first_bad)
            first_bad = code;
        if (!json)
            printf("\n");
    }
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
    if (a->dept_key && !pc_dept_key_load_secret(dept, a->dept_key, err, sizeof err))
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
    rc = load_context(&a, &ring, &dept, &packs, &cal);
    if (rc == 0) {
        pc_verify_ctx ctx = {&ring, a.dept_key ? &dept : NULL, &packs, cal};
        rc = a.receipt ? verify_line(a.receipt, &ctx, a.json) : verify_stdin(&ctx, a.json);
    }
    pc_keyring_free(&ring);
    pc_dept_key_wipe(&dept);
    pc_pack_set_free(&packs);
    free(cal);
    return rc;
}
