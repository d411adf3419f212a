/* libFuzzer harness of src/core/json.c: parses the input, walks the whole tree checking the invariants
 * of json.h, looks every member up with msp_json_get() and every number with
 * msp_json_number_to_int64(), then releases the document. Any broken invariant aborts.
 * Built and run by scripts/fuzz.sh (tests/fuzz/Makefile). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/* abort() rather than assert(): the check must stay with -DNDEBUG. */
#define CHECK(cond)                                                                                          \
	do {                                                                                                     \
		if (!(cond)) {                                                                                       \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);                     \
			abort();                                                                                         \
		}                                                                                                    \
	} while (0)

/* msp_json_get() must answer with the last member of that name. Keys holding a NUL cannot be asked
 * for as C strings; they are skipped. */
static void check_lookup(const msp_json *obj, const msp_json *m)
{
	if (strlen(m->key) != m->key_len) {
		return;
	}
	const msp_json *last = NULL;
	for (const msp_json *c = obj->first; c != NULL; c = c->next) {
		if (c->key_len == m->key_len && memcmp(c->key, m->key, m->key_len) == 0) {
			last = c;
		}
	}
	CHECK(last != NULL);
	CHECK(msp_json_get(obj, m->key) == last);
}

/* An integer as written is also what msp_json_number_to_int64() gives. */
static void check_number(const msp_json *v)
{
	int64_t value = 0;
	bool ok = msp_json_number_to_int64(v, &value);
	CHECK(v->len > 0);
	if (v->is_int) {
		CHECK(strpbrk(v->text, ".eE") == NULL);
		CHECK(ok && value == v->integer);
	}
	/* Both sides round the same exact value to the nearest double (glibc's strtod is exact). */
	if (ok) {
		CHECK(strtod(v->text, NULL) == (double)value);
	}
}

static void check_value(const msp_json *parent, const msp_json *v, int depth)
{
	CHECK(depth <= MSP_JSON_MAX_DEPTH + 1);
	bool member = parent != NULL && parent->type == MSP_JSON_OBJECT;
	CHECK((v->key != NULL) == member);
	if (member) {
		CHECK(v->key[v->key_len] == '\0');
		check_lookup(parent, v);
	}
	if (v->type == MSP_JSON_STRING || v->type == MSP_JSON_NUMBER) {
		CHECK(v->text != NULL && v->text[v->len] == '\0');
		CHECK(v->first == NULL);
	} else {
		CHECK(v->text == NULL);
	}
	if (v->type == MSP_JSON_NUMBER) {
		check_number(v);
	} else {
		int64_t value;
		CHECK(!msp_json_number_to_int64(v, &value));
	}
	if (v->type == MSP_JSON_ARRAY || v->type == MSP_JSON_OBJECT) {
		CHECK(depth <= MSP_JSON_MAX_DEPTH);
		size_t n = 0;
		for (const msp_json *c = v->first; c != NULL; c = c->next, n++) {
			check_value(v, c, depth + 1);
		}
		CHECK(n == v->len);
	} else {
		CHECK(v->first == NULL);
		/* Lookups on anything but an object find nothing. */
		CHECK(msp_json_get(v, "") == NULL);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	msp_json_doc *doc = NULL;
	msp_json_result r = msp_json_parse((const char *)data, size, &doc);
	CHECK(r >= MSP_JSON_OK && r <= MSP_JSON_NOMEM);
	if (r != MSP_JSON_OK) {
		CHECK(doc == NULL);
		return 0;
	}
	const msp_json *root = msp_json_root(doc);
	CHECK(root != NULL && root->next == NULL);
	check_value(NULL, root, 1);
	/* A second reference keeps the tree; the last release frees it (ASan sees leaks and reuse). */
	CHECK(msp_json_doc_retain(doc) == doc);
	msp_json_doc_release(doc);
	check_value(NULL, root, 1);
	msp_json_doc_release(doc);
	return 0;
}
