/* libFuzzer target for the content loader: instrument JSON from bytes, and answers (given in
 * item order as a list or a JSON array) scored against a small fixed instrument.
 * The first byte chooses the mode: 0 instrument file, 1 answer list, 2 answer array,
 * 3 a localised text object and {placeholder} filling. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tr_content.h"
#include "tr_inst.h"

static const char fixed[] =
    "{\"format\": 1, \"id\": \"fz\", \"version\": \"1\", \"kind\": \"scored\","
    " \"name\": {\"nb\": \"F\", \"nn\": \"F\", \"en\": \"F\"}, \"licence\": \"test\","
    " \"source\": \"test\", \"translations\": {\"nb\": {\"status\": \"draft\"},"
    " \"nn\": {\"status\": \"draft\"}, \"en\": {\"status\": \"official\"}},"
    " \"option_sets\": {\"s\": {\"scale\": [0, 3], \"options\": ["
    "  {\"value\": 0, \"label\": {\"nb\": \"0\", \"nn\": \"0\", \"en\": \"0\"}},"
    "  {\"value\": 3, \"label\": {\"nb\": \"3\", \"nn\": \"3\", \"en\": \"3\"}}]},"
    "  \"m\": {\"options\": [{\"value\": \"a\", \"label\": {\"nb\": \"a\", \"nn\": \"a\", \"en\": "
    "\"a\"}},"
    "  {\"value\": \"b\", \"label\": {\"nb\": \"b\", \"nn\": \"b\", \"en\": \"b\"}}]}},"
    " \"items\": ["
    "  {\"id\": \"fz_1\", \"text\": {\"nb\": \"1\", \"nn\": \"1\", \"en\": \"1\"}, \"options\": "
    "\"s\"},"
    "  {\"id\": \"fz_2\", \"text\": {\"nb\": \"2\", \"nn\": \"2\", \"en\": \"2\"}, \"options\": "
    "\"s\"},"
    "  {\"id\": \"fz_3\", \"kind\": \"multi\", \"text\": {\"nb\": \"3\", \"nn\": \"3\", \"en\": "
    "\"3\"}, \"options\": \"m\", \"show_if\": {\">\": [{\"var\": \"fz_1\"}, 0]}}],"
    " \"scoring\": {\"method\": \"sum\", \"items\": [\"fz_1\", \"fz_2\"], \"reversed\": "
    "[\"fz_2\"], \"range\": [0, 6], \"missing\": {\"max_missing\": 1, \"prorate\": true, \"why\": "
    "\"t\"},"
    "  \"bands\": [{\"id\": \"lo\", \"min\": 0, \"max\": 2, \"label\": {\"nb\": \"l\", \"nn\": "
    "\"l\", \"en\": \"l\"}},"
    "   {\"id\": \"hi\", \"min\": 3, \"max\": 6, \"label\": {\"nb\": \"h\", \"nn\": \"h\", \"en\": "
    "\"h\"}}],"
    "  \"caseness\": {\"total_at_least\": 3}, \"reliable_change\": 2,"
    "  \"critical\": [{\"item\": \"fz_1\", \"above\": 0}]},"
    " \"test_vectors\": [{\"answers\": [3, 0, [\"a\"]], \"total\": 6, \"band\": \"hi\", "
    "\"caseness\": true, \"flags\": [\"fz_1\"], \"scorable\": true}]}";

static tr_inst *fixed_inst(void)
{
    static tr_inst *inst;
    if (!inst) {
        tr_diags d = {0};
        tr_error err = {0};
        if (tr_inst_parse(fixed, sizeof fixed - 1, NULL, &inst, &d, &err) != TR_OK)
            abort(); /* the harness itself is wrong */
        tr_diags_free(&d);
    }
    return inst;
}

static void score_and_print(const tr_inst *inst, const cJSON *answers)
{
    tr_score s;
    tr_error err = {0};
    if (tr_inst_score(inst, answers, &s, &err) == TR_OK) {
        cJSON *j = tr_score_to_json(inst, &s);
        cJSON_Delete(j);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_diags d = {0};
    tr_error err = {0};
    tr_inst *inst = NULL;
    cJSON *answers = NULL;
    char *text;
    if (size < 1)
        return 0;
    switch (data[0] % 4) {
    case 0:
        if (tr_inst_parse((const char *)data + 1, size - 1, NULL, &inst, &d, &err) == TR_OK) {
            cJSON *empty = cJSON_CreateObject();
            score_and_print(inst, empty);
            cJSON_Delete(empty);
            tr_inst_run_vectors(inst, &d);
            tr_inst_free(inst);
        }
        break;
    case 1:
        text = malloc(size);
        if (!text)
            return 0;
        memcpy(text, data + 1, size - 1);
        text[size - 1] = '\0';
        if (tr_inst_answers_from_list(fixed_inst(), text, &answers, &err) == TR_OK)
            score_and_print(fixed_inst(), answers);
        free(text);
        break;
    case 3: {
        cJSON *obj = cJSON_ParseWithLength((const char *)data + 1, size - 1);
        tr_text t;
        char small[16], big[512];
        if (tr_text_read(obj, &t, &err) == TR_OK) {
            const char *s = tr_text_get(&t, "nn", "nb");
            static const tr_i18n_arg args[] = {{"n", "3"}, {"total", "{n}"}, {NULL, NULL}};
            tr_i18n_fill(s, args, small, sizeof small);
            tr_i18n_fill(s, args, big, sizeof big);
        }
        cJSON_Delete(obj);
        break;
    }
    default: {
        cJSON *arr = cJSON_ParseWithLength((const char *)data + 1, size - 1);
        if (tr_inst_answers_from_array(fixed_inst(), arr, &answers, &err) == TR_OK)
            score_and_print(fixed_inst(), answers);
        if (arr && cJSON_IsObject(arr))
            score_and_print(fixed_inst(), arr);
        cJSON_Delete(arr);
        break;
    }
    }
    cJSON_Delete(answers);
    tr_diags_free(&d);
    return 0;
}
