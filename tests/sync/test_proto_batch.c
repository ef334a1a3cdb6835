/* test_proto_batch.c — what a kiosk's batch and a desk's records share: the request's
 * signed envelope (pc_proto_signed_why through pc_proto_batch_parse and
 * pc_proto_desk_parse: each fault refused in the same words, the signer named as kiosk
 * or desk), and the answer, read by the kiosk (pc_proto_answer_parse: receipt ids
 * acknowledged) and by the desk (pc_proto_desk_answer_parse: seqs acknowledged)
 * through the one envelope reader (proto_answer.c): an encoded answer reads back whole
 * on both sides; every broken answer is refused with its own clear message and leaves
 * nothing to free; an item the other side would read (a seq for a kiosk, a receipt id
 * for a desk) is refused. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "proto_desk.h"
#include "proto_json.h"
#include "receipt.h"

#define KEY "k0123456789abcdef"

/* Each reader refuses body with exactly its message (kiosk_says for the kiosk's,
 * desk_says for the desk's), or reads it when that message is NULL; a refusal leaves
 * nothing to free. */
static void refuses(const char *body, const char *kiosk_says, const char *desk_says)
{
    pc_proto_answer a;
    pc_proto_desk_answer d;
    char kiosk_err[160] = "", desk_err[160] = "";
    bool kiosk_read = pc_proto_answer_parse(body, strlen(body), &a, kiosk_err, sizeof kiosk_err);
    bool desk_read = pc_proto_desk_answer_parse(body, strlen(body), &d, desk_err, sizeof desk_err);
    CHECK(kiosk_read == !kiosk_says && desk_read == !desk_says);
    if (kiosk_says) {
        CHECK_STR(kiosk_err, kiosk_says);
        CHECK(!a.head.root && !a.acked && a.n_acked == 0);
    } else if (kiosk_read)
        pc_proto_answer_free(&a);
    if (desk_says) {
        CHECK_STR(desk_err, desk_says);
        CHECK(!d.head.root && !d.acked && d.n_acked == 0);
    } else if (desk_read)
        pc_proto_desk_answer_free(&d);
}

static void test_kiosk_round_trip(void)
{
    char id1[PC_RECEIPT_ID_SIZE], id2[PC_RECEIPT_ID_SIZE];
    pc_receipt_id_new(id1);
    pc_receipt_id_new(id2);
    json_t *acked = json_pack("[s, s]", id1, id2);
    json_t *rej = json_pack("[{s:s, s:s}]", "receipt_id", "x", "reason", "not an object");
    char *text = pc_proto_answer_encode(KEY, acked, rej, 1), err[160];
    pc_proto_answer a;
    CHECK(text && pc_proto_answer_parse(text, strlen(text), &a, err, sizeof err));
    CHECK_STR(a.head.idem, KEY);
    CHECK(a.n_acked == 2 && a.head.stored_new == 1 && a.head.already_present == 1 &&
          a.head.n_rejected == 1);
    CHECK_STR(a.acked[0], id1);
    CHECK_STR(a.acked[1], id2);
    pc_proto_answer_free(&a);
    refuses(text, NULL, "acknowledged[0] is not a seq");
    free(text);
    json_decref(acked);
    json_decref(rej);
}

static void test_desk_round_trip(void)
{
    json_t *acked = json_pack("[I, I, I]", (json_int_t)7, (json_int_t)8, (json_int_t)1LL << 40);
    json_t *rej = json_array();
    char *text = pc_proto_answer_encode(NULL, acked, rej, 3), err[160];
    pc_proto_desk_answer a;
    CHECK(text && pc_proto_desk_answer_parse(text, strlen(text), &a, err, sizeof err));
    CHECK_STR(a.head.idem, "");
    CHECK(a.n_acked == 3 && a.acked[0] == 7 && a.acked[1] == 8 && a.acked[2] == 1LL << 40);
    CHECK(a.head.stored_new == 3 && a.head.already_present == 0 && a.head.n_rejected == 0);
    pc_proto_desk_answer_free(&a);
    refuses(text, "acknowledged[0] is not a receipt id", NULL);
    free(text);
    json_decref(acked);
    json_decref(rej);
}

/* The envelope's faults, the same words on both sides. */
static void test_envelope_refused(void)
{
    static const struct {
        const char *body, *why;
    } bad[] = {
        {"{\"protocol\":1,", "answer is not JSON"},
        {"[1]", "answer is not an object"},
        {"{\"protocol\":2,\"idempotency_key\":\"" KEY "\",\"acknowledged\":[]}",
         "protocol must be 1"},
        {"{\"protocol\":1,\"acknowledged\":[]}", "idempotency_key missing"},
        {"{\"protocol\":1,\"idempotency_key\":\"" KEY "\",\"acknowledged\":{}}",
         "acknowledged must be an array"},
        {"{\"protocol\":1,\"idempotency_key\":\"" KEY "\",\"acknowledged\":[],\"rejected\":3}",
         "rejected must be an array"},
        {"{\"protocol\":1,\"protocol\":1,\"idempotency_key\":\"" KEY "\",\"acknowledged\":[]}",
         "answer is not JSON"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        refuses(bad[i].body, bad[i].why, bad[i].why);
    refuses("{\"protocol\":1,\"idempotency_key\":\"" KEY "\",\"acknowledged\":[3,0]}",
            "acknowledged[0] is not a receipt id", "acknowledged[1] is not a seq");
    refuses("{\"protocol\":1,\"idempotency_key\":\"" KEY "\",\"acknowledged\":[null]}",
            "acknowledged[0] is not a receipt id", "acknowledged[0] is not a seq");
}

/* The kiosk's batch parser says kiosk_says of body (NULL: reads it), the desk's says
 * desk_says; a refusal leaves nothing to free. */
static void request_refused(const char *body, const char *kiosk_says, const char *desk_says)
{
    pc_proto_batch kb;
    pc_proto_desk_batch db;
    char kiosk_err[160] = "", desk_err[160] = "";
    bool kiosk_read =
        pc_proto_batch_parse(body, strlen(body), "hall1-k01", &kb, kiosk_err, sizeof kiosk_err);
    bool desk_read =
        pc_proto_desk_parse(body, strlen(body), "hall1-desk1", 2, &db, desk_err, sizeof desk_err);
    CHECK(kiosk_read == !kiosk_says && desk_read == !desk_says);
    if (kiosk_says) {
        CHECK_STR(kiosk_err, kiosk_says);
        CHECK(!kb.root && !kb.items && kb.n == 0);
    } else if (kiosk_read)
        pc_proto_batch_free(&kb);
    if (desk_says) {
        CHECK_STR(desk_err, desk_says);
        CHECK(!db.root && !db.items && db.n == 0);
    } else if (desk_read)
        pc_proto_desk_batch_free(&db);
}

static void test_request_envelope(void)
{
    static const char *const same[][2] = {
        {"{\"protocol\":1,", "body is not JSON"},
        {"[]", "body is not a JSON object"},
        {"{\"protocol\":\"1\",\"kiosk_id\":\"hall1-k01\"}", "protocol must be 1"},
    };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++)
        request_refused(same[i][0], same[i][1], same[i][1]);
    request_refused("{\"protocol\":1,\"kiosk_id\":\"hall1-k01\",\"submissions\":[]}", NULL,
                    "desk_id does not match the signing desk");
    request_refused("{\"protocol\":1,\"desk_id\":\"hall1-desk1\",\"records\":[]}",
                    "kiosk_id does not match the signing kiosk", NULL);
    request_refused("{\"protocol\":1,\"kiosk_id\":\"hall1-k02\",\"desk_id\":\"hall1-desk1\","
                    "\"records\":{}}",
                    "kiosk_id does not match the signing kiosk", "records must be an array");
    request_refused("{\"protocol\":1,\"desk_id\":\"hall1-desk1\",\"records\":[1,2,3]}",
                    "kiosk_id does not match the signing kiosk", "too many records in one request");
}

int main(void)
{
    test_request_envelope();
    test_kiosk_round_trip();
    test_desk_round_trip();
    test_envelope_refused();
    return CHECK_DONE();
}
