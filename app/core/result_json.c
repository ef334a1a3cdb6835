/* result_json.c — a pre-check result as the JSON object of the `precheck eval`
 * contract (design.md): what staff tools, the sync and the tests read. Machine-facing:
 * names and numbers only, plus the pack's own texts; the UI words live in assets/. */
#include <jansson.h>
#include <stdlib.h>

#include "eval.h"

static json_t *day_json(pc_day day)
{
    char buf[16];
    if (day == PC_NO_DAY)
        return json_null();
    pc_day_format(day, buf, sizeof buf);
    return json_string(buf);
}

static json_t *basis_json(const pc_pack *pack, const pc_result *r, json_t **detail)
{
    json_t *list = json_array();
    *detail = json_array();
    for (size_t i = 0; i < r->n_basis; i++) {
        const pc_clause *c = &pack->clauses[r->basis[i]];
        json_array_append_new(list, json_string(c->cite));
        json_array_append_new(*detail,
                              json_pack("{s:s, s:s, s:s, s:s}", "cite", c->cite, "label", c->label,
                                        "role", pc_role_name(c->role), "plain", c->plain));
    }
    return list;
}

static json_t *materials_json(const pc_pack *pack, const pc_result *r)
{
    json_t *list = json_array();
    for (size_t i = 0; i < r->n_materials; i++) {
        const pc_material *m = &pack->materials[r->materials[i]];
        json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "name", m->name, "cite",
                                              pack->clauses[m->cite].cite, "conditional",
                                              m->when != NULL));
    }
    return list;
}

static const char *period_name(pc_period_kind kind)
{
    static const char *const names[] = {"working_days", "days", "months"};
    return names[kind];
}

/* null when the policy sets no deadline; otherwise its state, and its day when known. */
static json_t *deadline_json(const pc_pack *pack, const pc_result *r)
{
    const pc_deadline *d = pack->deadline;
    if (!d || r->deadline_state == PC_DL_NONE)
        return json_null();
    json_t *o =
        json_pack("{s:s, s:o, s:b, s:b, s:b, s:s, s:s, s:i, s:i, s:s, s:s, s:s}", "state",
                  pc_deadline_state_name(r->deadline_state), "date", day_json(r->deadline_day),
                  "passed", r->deadline_passed, "estimated", r->deadline_estimated, "capped",
                  r->deadline_capped, "cite", pack->clauses[d->cite].cite, "period",
                  period_name(d->period.kind), "count", d->period.count, "days_left",
                  r->deadline_days_left, "event", d->event, "what", d->what, "note", d->note);
    if (r->deadline_capped)
        json_object_set_new(o, "in_force_until", day_json(pack->in_force_until));
    return o;
}

static json_t *tier_json(const pc_pack *pack, const pc_result *r)
{
    if (r->tier < 0)
        return json_null();
    const pc_tier *t = &pack->logic.tiers[r->tier];
    json_t *o = json_pack("{s:s, s:s, s:s}", "name", t->name, "cite", pack->clauses[t->cite].cite,
                          "obligation", t->obligation);
    if (t->obligation_within.count > 0)
        json_object_set_new(o, period_name(t->obligation_within.kind),
                            json_integer(t->obligation_within.count));
    return o;
}

static json_t *exclusions_json(const pc_pack *pack, const pc_result *r)
{
    json_t *list = json_array();
    for (size_t i = 0; i < r->n_exclusions; i++)
        json_array_append_new(list, json_string(pack->clauses[r->exclusions[i]].cite));
    return list;
}

static void set_if_positive(json_t *obj, const char *key, int value)
{
    if (value > 0)
        json_object_set_new(obj, key, json_integer(value));
}

static json_t *steps_json(const pc_pack *pack)
{
    json_t *list = json_array();
    for (size_t i = 0; i < pack->n_steps; i++) {
        const pc_step *s = &pack->steps[i];
        json_t *step =
            json_pack("{s:s, s:s, s:s, s:b}", "what", s->what, "cite", pack->clauses[s->cite].cite,
                      "note", s->note, "applicant", s->applicant);
        set_if_positive(step, "working_days", s->working_days);
        set_if_positive(step, "months", s->months);
        set_if_positive(step, "days", s->days);
        set_if_positive(step, "extension_working_days", s->extension_working_days);
        set_if_positive(step, "extension_months", s->extension_months);
        json_array_append_new(list, step);
    }
    return list;
}

char *pc_result_to_json(const pc_pack *pack, const pc_result *r, int indent)
{
    json_t *detail;
    json_t *basis = basis_json(pack, r, &detail);
    json_t *root = json_pack(
        "{s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:s}", "policy", pack->id,
        "pack_version", pack->version, "policy_title", pack->title, "policy_status",
        pc_policy_status_name(r->policy_status), "today", day_json(r->today), "outcome",
        pc_outcome_name(r->outcome), "basis", basis, "basis_detail", detail, "materials",
        materials_json(pack, r), "deadline", deadline_json(pack, r), "steps",
        r->outcome == PC_OUT_NOT_APPLICABLE || r->outcome == PC_OUT_NOT_IN_FORCE ? json_array()
                                                                                 : steps_json(pack),
        "relief", pack->relief, "mitigation_relief", pack->mitigation_relief);
    if (!root)
        return NULL;
    json_object_set_new(root, "tier", tier_json(pack, r));
    json_object_set_new(root, "exclusions", exclusions_json(pack, r));
    json_object_set_new(root, "draft", json_boolean(pack->status == PC_STATUS_DRAFT));
    json_object_set_new(root, "warning", json_string(pack->warning));
    if (pack->superseded_by[0])
        json_object_set_new(root, "superseded_by", json_string(pack->superseded_by));
    char *text = json_dumps(root, JSON_INDENT(indent) | JSON_PRESERVE_ORDER);
    json_decref(root);
    return text;
}
