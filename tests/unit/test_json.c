/* Unit tests of src/core/json.c, JSON reading with json-c and the strictness msp adds to it: every
 * type (integers up to the 64-bit limits, other numbers kept as written, every string escape with
 * surrogates and NULs, UTF-8 validated), whitespace and EMPTY texts, INVALID and TRUNCATED texts (every
 * prefix of real documents), the depth limit (also far past it), member lookup with duplicate keys,
 * exact integers from numbers written with a fraction or exponent, document lifetime, and a real
 * MultiSafepay order answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "json.h"

/* ---- Helpers -------------------------------------------------------------------------------- */

/* Texts may hold NUL bytes, so every case carries its length; T() takes it from a literal. */
#define T(s)     s, sizeof(s) - 1
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *result_name(msp_json_result r)
{
	switch (r) {
		case MSP_JSON_OK:
			return "OK";
		case MSP_JSON_EMPTY:
			return "EMPTY";
		case MSP_JSON_TRUNCATED:
			return "TRUNCATED";
		case MSP_JSON_INVALID:
			return "INVALID";
		case MSP_JSON_TOO_DEEP:
			return "TOO_DEEP";
		case MSP_JSON_NOMEM:
			return "NOMEM";
	}
	return "?";
}

/* A printable form of a test text for failure messages (the texts hold no card data). */
static const char *shown(const char *text, size_t len)
{
	static char buf[200];
	size_t o = 0;
	for (size_t i = 0; i < len && o + 8 < sizeof(buf); i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x20 || c >= 0x7f) {
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "\\x%02x", c);
		} else {
			buf[o++] = (char)c;
		}
	}
	buf[o] = '\0';
	return buf;
}

/* The tree invariants of json.h: counts match the linked children, text is NUL-terminated at len
 * (and only STRING and NUMBER have one), keys are set exactly on object members, and an integer
 * was written without fraction or exponent. */
static void check_value(const msp_json *v, bool member, int depth)
{
	assert_true(depth <= MSP_JSON_MAX_DEPTH + 1);
	if (member) {
		assert_non_null(v->key);
		assert_int_equal(v->key[v->key_len], '\0');
	} else {
		assert_null(v->key);
	}
	switch (v->type) {
		case MSP_JSON_STRING:
		case MSP_JSON_NUMBER:
			assert_non_null(v->text);
			assert_int_equal(v->text[v->len], '\0');
			assert_null(v->first);
			if (v->type == MSP_JSON_NUMBER && v->is_int) {
				assert_null(strpbrk(v->text, ".eE"));
			}
			break;
		case MSP_JSON_ARRAY:
		case MSP_JSON_OBJECT: {
			assert_null(v->text);
			size_t n = 0;
			for (const msp_json *c = v->first; c != NULL; c = c->next, n++) {
				check_value(c, v->type == MSP_JSON_OBJECT, depth + 1);
			}
			assert_int_equal(n, v->len);
			break;
		}
		default:
			assert_null(v->text);
			assert_null(v->first);
	}
}

/* Parses from an exactly sized heap copy, so reading past the end is reading past the block (which
 * the sanitizers see), then scribbles over and frees the copy: the values must live in the
 * document, not point into the caller's text. Checks *out against the result. */
static msp_json_result parse_copy(const char *text, size_t len, msp_json_doc **out)
{
	static char poison;
	char *copy = malloc(len ? len : 1);
	assert_non_null(copy);
	if (len) {
		memcpy(copy, text, len);
	}
	*out = (msp_json_doc *)(void *)&poison;
	msp_json_result r = msp_json_parse(copy, len, out);
	memset(copy, 'x', len);
	free(copy);
	if (r == MSP_JSON_OK) {
		assert_non_null(*out);
		const msp_json *root = msp_json_root(*out);
		assert_non_null(root);
		assert_null(root->next);
		check_value(root, false, 1);
	} else {
		assert_null(*out);
	}
	return r;
}

/* The document of a text that must parse. */
static msp_json_doc *parse_ok(const char *text, size_t len)
{
	msp_json_doc *doc;
	msp_json_result r = parse_copy(text, len, &doc);
	if (r != MSP_JSON_OK) {
		fail_msg("%s: %s, expected OK", shown(text, len), result_name(r));
	}
	return doc;
}

typedef struct {
	const char *text;
	size_t len;
} text_case;

static void expect_all(const text_case *cases, size_t n, msp_json_result want)
{
	for (size_t i = 0; i < n; i++) {
		msp_json_doc *doc;
		msp_json_result r = parse_copy(cases[i].text, cases[i].len, &doc);
		if (r != want) {
			fail_msg("case %zu \"%s\": %s, expected %s", i, shown(cases[i].text, cases[i].len),
			    result_name(r), result_name(want));
		}
		msp_json_doc_release(doc);
	}
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Every prefix of a document that is an object, array, string or literal (not a bare number): EMPTY
 * while only whitespace, TRUNCATED until the value is complete, OK from there on. */
static void check_every_prefix(const char *doc, size_t len)
{
	size_t start = 0, end = len;
	while (start < len && is_ws(doc[start])) {
		start++;
	}
	while (end > start && is_ws(doc[end - 1])) {
		end--;
	}
	for (size_t i = 0; i <= len; i++) {
		msp_json_doc *out;
		msp_json_result r = parse_copy(doc, i, &out);
		msp_json_result want = i <= start ? MSP_JSON_EMPTY : i < end ? MSP_JSON_TRUNCATED : MSP_JSON_OK;
		if (r != want) {
			fail_msg(
			    "prefix of %zu of %zu bytes: %s, expected %s", i, len, result_name(r), result_name(want));
		}
		msp_json_doc_release(out);
	}
}

/* The member of obj named key, which must exist and have the given type. */
static const msp_json *member(const msp_json *obj, const char *key, msp_json_type type)
{
	const msp_json *v = msp_json_get(obj, key);
	if (v == NULL) {
		fail_msg("no member \"%s\"", key);
	}
	assert_int_equal(v->type, type);
	return v;
}

static void assert_member_string(const msp_json *obj, const char *key, const char *expected)
{
	const msp_json *v = member(obj, key, MSP_JSON_STRING);
	assert_int_equal(v->len, strlen(expected));
	assert_string_equal(v->text, expected);
}

static void assert_member_int(const msp_json *obj, const char *key, int64_t expected)
{
	const msp_json *v = member(obj, key, MSP_JSON_NUMBER);
	assert_true(v->is_int);
	assert_true(v->integer == expected);
}

/* The i-th child of an array or object. */
static const msp_json *child(const msp_json *v, size_t i)
{
	const msp_json *c = v->first;
	while (c != NULL && i-- > 0) {
		c = c->next;
	}
	assert_non_null(c);
	return c;
}

/* ---- Types ---------------------------------------------------------------------------------- */

static void test_literals(void **state)
{
	(void)state;
	const struct {
		const char *text;
		msp_json_type type;
		bool boolean;
	} cases[] = {
	    {"null", MSP_JSON_NULL, false}, {"true", MSP_JSON_BOOL, true}, {"false", MSP_JSON_BOOL, false}};
	for (size_t i = 0; i < COUNT(cases); i++) {
		msp_json_doc *doc = parse_ok(cases[i].text, strlen(cases[i].text));
		const msp_json *root = msp_json_root(doc);
		assert_int_equal(root->type, cases[i].type);
		assert_int_equal(root->boolean, cases[i].boolean);
		assert_null(root->text);
		assert_null(root->first);
		msp_json_doc_release(doc);
	}
}

static void test_integers(void **state)
{
	(void)state;
	const struct {
		const char *text;
		int64_t value;
	} cases[] = {
	    {"0", 0},
	    {"-0", 0},
	    {"7", 7},
	    {"-1", -1},
	    {"1000", 1000},
	    {"4051823000123456", INT64_C(4051823000123456)},
	    {"1234567890123456789", INT64_C(1234567890123456789)},
	    {"9223372036854775807", INT64_MAX},
	    {"-9223372036854775807", -INT64_MAX},
	    {"-9223372036854775808", INT64_MIN},
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		msp_json_doc *doc = parse_ok(cases[i].text, strlen(cases[i].text));
		const msp_json *root = msp_json_root(doc);
		assert_int_equal(root->type, MSP_JSON_NUMBER);
		if (!root->is_int || root->integer != cases[i].value) {
			fail_msg("%s: is_int %d, integer %lld", cases[i].text, root->is_int, (long long)root->integer);
		}
		/* Integers come back in decimal: as written, but "-0" is "0" (json-c keeps only the value). */
		const char *decimal = strcmp(cases[i].text, "-0") == 0 ? "0" : cases[i].text;
		assert_string_equal(root->text, decimal);
		assert_int_equal(root->len, strlen(decimal));
		msp_json_doc_release(doc);
	}
}

/* Numbers that are not int64_t integers as written: outside the range, or with fraction or exponent
 * (even when integral). They stay NUMBER with their text exactly as written. */
static void test_other_numbers(void **state)
{
	(void)state;
	const char *cases[] = {"9223372036854775808", "18446744073709551615", "1.5", "-0.0", "0.5", "1000.0",
	    "1e3", "1E3", "1e+3", "1E-3", "-2.5e-3", "12.5e1", "0e0", "1e400", "-1e-400",
	    "3.141592653589793238462643383279"};
	/* Integers json-c cannot hold (it would saturate them) are refused, never read as another number:
	 * RFC 8259 lets a reader limit the range it accepts. */
	const text_case out_of_range[] = {{T("-9223372036854775809")}, {T("18446744073709551616")},
	    {T("123456789012345678901234567890")}, {T("[99999999999999999999999]")}};
	expect_all(out_of_range, COUNT(out_of_range), MSP_JSON_INVALID);
	for (size_t i = 0; i < COUNT(cases); i++) {
		msp_json_doc *doc = parse_ok(cases[i], strlen(cases[i]));
		const msp_json *root = msp_json_root(doc);
		assert_int_equal(root->type, MSP_JSON_NUMBER);
		if (root->is_int) {
			fail_msg("%s: is_int set", cases[i]);
		}
		assert_string_equal(root->text, cases[i]);
		assert_int_equal(root->len, strlen(cases[i]));
		msp_json_doc_release(doc);
	}
}

static void test_strings(void **state)
{
	(void)state;
	/* The JSON text and the decoded bytes (with their length, as some hold NULs). */
	const struct {
		const char *json;
		size_t json_len;
		const char *bytes;
		size_t len;
	} cases[] = {
	    {T("\"\""), T("")},
	    {T("\"abc\""), T("abc")},
	    {T("\"\\\"\""), T("\"")},
	    {T("\"\\\\\""), T("\\")},
	    {T("\"\\/\""), T("/")},
	    {T("\"/\""), T("/")},
	    {T("\"\\b\\f\\n\\r\\t\""), T("\b\f\n\r\t")},
	    {T("\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\""), T("a\"b\\c/d\be\ff\ng\rh\ti")},
	    {T("\"\\u0041\\u007a\""), T("Az")},
	    {T("\"\\u00e9\\u00E9\""), T("\xc3\xa9\xc3\xa9")},
	    {T("\"\\u07FF\\u0800\""), T("\xdf\xbf\xe0\xa0\x80")},
	    {T("\"\\u20AC\\uFFFF\""), T("\xe2\x82\xac\xef\xbf\xbf")},
	    /* Surrogate pairs: one 4-byte UTF-8 sequence. */
	    {T("\"\\uD83D\\uDE00\""), T("\xf0\x9f\x98\x80")},
	    {T("\"\\ud800\\udc00\""), T("\xf0\x90\x80\x80")},
	    {T("\"\\uDBFF\\uDFFF\""), T("\xf4\x8f\xbf\xbf")},
	    /* Lone surrogates: U+FFFD each, and what follows is kept. */
	    {T("\"\\uD83D\""), T("\xef\xbf\xbd")},
	    {T("\"\\uDE00\""), T("\xef\xbf\xbd")},
	    {T("\"\\uD83Dx\""), T("\xef\xbf\xbdx")},
	    {T("\"\\uD83D\\u0041\""), T("\xef\xbf\xbd"
	                                "A")},
	    {T("\"\\uD83D\\n\""), T("\xef\xbf\xbd\n")},
	    {T("\"\\uDE00\\uD83D\""), T("\xef\xbf\xbd\xef\xbf\xbd")},
	    {T("\"\\uD83D\\uD83D\\uDE00\""), T("\xef\xbf\xbd\xf0\x9f\x98\x80")},
	    /* \u0000: an embedded NUL counted in len. */
	    {T("\"\\u0000\""), "\0", 1},
	    {T("\"a\\u0000b\""), "a\0b", 3},
	    /* Raw UTF-8 and DEL are kept as they are (invalid UTF-8 is refused: test_invalid). */
	    {T("\"h\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\""), T("h\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80")},
	    {T("\"a\x7f\""), T("a\x7f")},
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		msp_json_doc *doc = parse_ok(cases[i].json, cases[i].json_len);
		const msp_json *root = msp_json_root(doc);
		assert_int_equal(root->type, MSP_JSON_STRING);
		if (root->len != cases[i].len || memcmp(root->text, cases[i].bytes, cases[i].len) != 0) {
			fail_msg("case %zu %s: got %zu bytes \"%s\"", i, cases[i].json, root->len,
			    shown(root->text, root->len));
		}
		msp_json_doc_release(doc);
	}
}

static void test_arrays(void **state)
{
	(void)state;
	msp_json_doc *doc = parse_ok(T("[]"));
	assert_int_equal(msp_json_root(doc)->type, MSP_JSON_ARRAY);
	assert_int_equal(msp_json_root(doc)->len, 0);
	assert_null(msp_json_root(doc)->first);
	msp_json_doc_release(doc);

	/* Elements in document order, linked by next, without keys. */
	doc = parse_ok(T("[1,\"a\",null,true,[2,3],{\"k\":false},-0.5]"));
	const msp_json *root = msp_json_root(doc);
	const msp_json_type types[] = {MSP_JSON_NUMBER, MSP_JSON_STRING, MSP_JSON_NULL, MSP_JSON_BOOL,
	    MSP_JSON_ARRAY, MSP_JSON_OBJECT, MSP_JSON_NUMBER};
	assert_int_equal(root->len, COUNT(types));
	for (size_t i = 0; i < COUNT(types); i++) {
		assert_int_equal(child(root, i)->type, types[i]);
		assert_null(child(root, i)->key);
	}
	assert_null(child(root, COUNT(types) - 1)->next);
	assert_true(child(root, 0)->integer == 1);
	assert_string_equal(child(root, 1)->text, "a");
	assert_true(child(root, 3)->boolean);
	assert_int_equal(child(root, 4)->len, 2);
	assert_true(child(child(root, 4), 1)->integer == 3);
	assert_false(member(child(root, 5), "k", MSP_JSON_BOOL)->boolean);
	assert_string_equal(child(root, 6)->text, "-0.5");
	msp_json_doc_release(doc);
}

static void test_objects(void **state)
{
	(void)state;
	msp_json_doc *doc = parse_ok(T("{}"));
	assert_int_equal(msp_json_root(doc)->type, MSP_JSON_OBJECT);
	assert_int_equal(msp_json_root(doc)->len, 0);
	assert_null(msp_json_root(doc)->first);
	msp_json_doc_release(doc);

	/* Members in document order with decoded keys (escapes too, and the empty key). */
	doc = parse_ok(T("{\"a\":1,\"bb\":\"x\",\"c\":[],\"d\":{\"e\":false},\"k\\u00e9\\n\":null,\"\":2}"));
	const msp_json *root = msp_json_root(doc);
	const struct {
		const char *key;
		size_t key_len;
		msp_json_type type;
	} members[] = {{T("a"), MSP_JSON_NUMBER}, {T("bb"), MSP_JSON_STRING}, {T("c"), MSP_JSON_ARRAY},
	    {T("d"), MSP_JSON_OBJECT}, {T("k\xc3\xa9\n"), MSP_JSON_NULL}, {T(""), MSP_JSON_NUMBER}};
	assert_int_equal(root->len, COUNT(members));
	for (size_t i = 0; i < COUNT(members); i++) {
		const msp_json *m = child(root, i);
		assert_int_equal(m->type, members[i].type);
		assert_int_equal(m->key_len, members[i].key_len);
		assert_memory_equal(m->key, members[i].key, members[i].key_len + 1);
	}
	assert_null(child(root, COUNT(members) - 1)->next);
	assert_member_string(root, "bb", "x");
	assert_member_int(root, "", 2);
	assert_false(member(member(root, "d", MSP_JSON_OBJECT), "e", MSP_JSON_BOOL)->boolean);
	msp_json_doc_release(doc);
}

static void test_nested_containers(void **state)
{
	(void)state;
	msp_json_doc *doc = parse_ok(T("[[[]],{\"a\":[{\"b\":[1,{\"c\":\"d\"}]}]},[[1],[2,[3]]]]"));
	const msp_json *root = msp_json_root(doc);
	assert_int_equal(root->len, 3);
	assert_int_equal(child(root, 0)->len, 1);
	assert_int_equal(child(child(root, 0), 0)->len, 0);
	const msp_json *a = member(child(root, 1), "a", MSP_JSON_ARRAY);
	const msp_json *b = member(child(a, 0), "b", MSP_JSON_ARRAY);
	assert_true(child(b, 0)->integer == 1);
	assert_member_string(child(b, 1), "c", "d");
	assert_true(child(child(child(child(root, 2), 1), 1), 0)->integer == 3);
	msp_json_doc_release(doc);
}

/* ---- Whitespace and empty texts --------------------------------------------------------------- */

static void test_whitespace(void **state)
{
	(void)state;
	msp_json_doc *doc = parse_ok(T(" \t\r\n 42 \t\r\n"));
	assert_true(msp_json_root(doc)->integer == 42);
	assert_string_equal(msp_json_root(doc)->text, "42");
	msp_json_doc_release(doc);

	doc = parse_ok(T("\r\n{ \"a\" :\t[ 1 ,\n2 ] ,\"b\"\n:\r\"c\" }\n"));
	assert_int_equal(member(msp_json_root(doc), "a", MSP_JSON_ARRAY)->len, 2);
	assert_member_string(msp_json_root(doc), "b", "c");
	msp_json_doc_release(doc);

	/* Whitespace inside a string is the string's. */
	doc = parse_ok(T(" \" a \" "));
	assert_string_equal(msp_json_root(doc)->text, " a ");
	msp_json_doc_release(doc);

	const text_case empty[] = {{T("")}, {NULL, 0}, {T(" ")}, {T(" \t\r\n\n\r\t ")}};
	expect_all(empty, COUNT(empty), MSP_JSON_EMPTY);
	/* NULL straight to the parser (parse_copy would pass a heap block). */
	msp_json_doc *out = NULL;
	assert_int_equal(msp_json_parse(NULL, 0, &out), MSP_JSON_EMPTY);
	assert_null(out);

	/* Form feed, vertical tab and no-break space are not JSON whitespace. */
	const text_case not_ws[] = {{T("\f1")}, {T("1\f")}, {T("\v[]")}, {T("\xc2\xa0[]")}, {T("[1,\f2]")}};
	expect_all(not_ws, COUNT(not_ws), MSP_JSON_INVALID);
}

/* ---- Errors --------------------------------------------------------------------------------- */

static void test_invalid(void **state)
{
	(void)state;
	const text_case cases[] = {
	    /* More than one value, or garbage after it. */
	    {T("{}x")},
	    {T("{}{}")},
	    {T("[][]")},
	    {T("1 2")},
	    {T("\"a\"\"b\"")},
	    {T("truex")},
	    {T("null]")},
	    {T("[1]]")},
	    {T("{}}")},
	    {T("0x10")},
	    /* Comments, single quotes. */
	    {T("/*c*/1")},
	    {T("1//c")},
	    {T("[1/*c*/]")},
	    {T("# c\n1")},
	    {T("'a'")},
	    {T("{'a':1}")},
	    /* Trailing and misplaced commas, missing commas and colons. */
	    {T("[1,]")},
	    {T("{\"a\":1,}")},
	    {T("[,]")},
	    {T("[,1]")},
	    {T("{,}")},
	    {T("[1,,2]")},
	    {T("[1 2]")},
	    {T("{\"a\" 1}")},
	    {T("{\"a\":1 \"b\":2}")},
	    {T("{\"a\"}")},
	    {T("{\"a\",1}")},
	    {T("[1:2]")},
	    {T("{\"a\"::1}")},
	    {T("{:1}")},
	    {T("]")},
	    {T("}")},
	    {T(",")},
	    {T(":")},
	    {T("[}")},
	    {T("{]")},
	    /* Numbers: leading zeros, signs, lone points and exponents (inside complete texts). */
	    {T("01")},
	    {T("-01")},
	    {T("00")},
	    {T("[01]")},
	    {T("[-]")},
	    {T("[1.]")},
	    {T("[1.e5]")},
	    {T("[.5]")},
	    {T(".5")},
	    {T("[1e]")},
	    {T("[1e+]")},
	    {T("[1E-]")},
	    {T("+1")},
	    {T("[+1]")},
	    {T("[- 1]")},
	    {T("--1")},
	    {T("1.5.2")},
	    {T("1e5e5")},
	    {T("[1ee5]")},
	    {T("-a")},
	    {T("1.a")},
	    /* NaN, Infinity, misspelled literals. */
	    {T("NaN")},
	    {T("nan")},
	    {T("Infinity")},
	    {T("-Infinity")},
	    {T("[Infinity]")},
	    {T("[tru]")},
	    {T("[nul]")},
	    {T("[fals]")},
	    {T("True")},
	    {T("NULL")},
	    {T("nulll")},
	    {T("tRue")},
	    {T("{\"a\":tru}")},
	    /* Control characters inside strings. */
	    {T("\"a\x01"
	       "b\"")},
	    {T("\"a\nb\"")},
	    {T("\"\t\"")},
	    {T("\"\r\"")},
	    {T("\"\x1f\"")},
	    {T("{\"k\x01\":1}")},
	    {T("\"\x00\"")},
	    /* Bad escapes. */
	    {T("\"\\x\"")},
	    {T("\"\\u12G4\"")},
	    {T("\"\\U0041\"")},
	    {T("\"\\'\"")},
	    {T("\"\\0\"")},
	    {T("\"\\a\"")},
	    {T("\"\\u-123\"")},
	    {T("\"\\u 123\"")},
	    {T("\"\\uD83D\\uZE00\"")},
	    {T("\"\\\xc3\xa9\"")},
	    /* NUL bytes outside strings. */
	    {T("\0")},
	    {T("\0 ")},
	    {T("1\0")},
	    {T("[1,\0 2]")},
	    {T("{\"a\":1}\0")},
	    {T(" \0{}")},
	    /* Keys that are not strings. */
	    {T("{1:2}")},
	    {T("{null:1}")},
	    {T("{a:1}")},
	    {T("{[]:1}")},
	    {T("{{}:1}")},
	    {T("{true:1}")},
	    /* Bytes that start no value. */
	    {T("\xff\xfe{")},
	    /* UTF-8 is validated inside strings. */
	    {T("\"\xff\xfe\x80\x7f\"")},
	    {T("\"\xc3\x28\"")},
	    /* What json-c's strict mode alone would take. */
	    {T("{'a':1}")},
	    {T("[\"a\tb\"]")},
	    {T("NaN")},
	    {T("[Infinity]")},
	    {T("[-Infinity]")},
	    {T("[1.]")},
	    {T("01")},
	    {T("[1x]")},
	    {T("[1,]")},
	    {T("{\"a\":1,}")},
	    {T("[1 , ]")},
	    {T("[,]")},
	    {T("\xef\xbb\xbf{}")},
	    {T("\x80")},
	    {T("x")},
	    {T("<html>")},
	    {T("@")},
	};
	expect_all(cases, COUNT(cases), MSP_JSON_INVALID);
}

/* Texts that are valid so far but end inside a value. A bare "-", "1." or "1e" is such a text too
 * (it goes on as "-1", "1.5", "1e5"); inside a closed container they are INVALID (above). */
static void test_truncated(void **state)
{
	(void)state;
	const text_case cases[] = {
	    {T("{\"success\":tru")},
	    {T("{\"a\":")},
	    {T("[1,2")},
	    {T("\"abc")},
	    {T("{\"a\":\"b")},
	    {T("{")},
	    {T("[")},
	    {T("\"\\u12")},
	    {T("\"\\")},
	    {T("\"\\u")},
	    {T("\"\\uD83D")},
	    {T("\"\\uD83D\\")},
	    {T("\"\\uD83D\\u")},
	    {T("\"\\uD83D\\uDE")},
	    {T("[1,")},
	    {T("[1,2 ")},
	    {T("{\"a\"")},
	    {T("{\"a\" ")},
	    {T("{\"a\":1,")},
	    {T("{\"a\":1")},
	    {T("{\"a\":1 ")},
	    {T("{\"")},
	    {T("{\"a")},
	    {T("[\"x\",{\"y\":[")},
	    {T("[-")},
	    {T("[1.")},
	    {T("[1e")},
	    {T("[1e+")},
	    {T("[1")},
	    {T("[0")},
	    {T("[-0.5e-3")},
	    {T("t")},
	    {T("tru")},
	    {T("n")},
	    {T("nul")},
	    {T("fals")},
	    {T("-")},
	    {T("1.")},
	    {T("1e")},
	    {T("1E+")},
	    {T("-0.")},
	    {T(" [ ")},
	    {T("\"\xc3")},
	    {T("\"\xc3\xa9")},
	    {T("[[[[[[")},
	    {T("{\"a\":{\"b\":{\"c\":[")},
	};
	expect_all(cases, COUNT(cases), MSP_JSON_TRUNCATED);
}

/* UTF-8 per RFC 3629, in strings and keys, wherever the sequence falls in the 16-byte blocks the
 * lexical pass reads (the filler moves it across a block boundary): the shortest form only, no
 * surrogates, nothing above U+10FFFF, and a sequence cut off by the end of the text is TRUNCATED. */
static void test_utf8(void **state)
{
	(void)state;
	const struct {
		const char *bytes;
		msp_json_result want;
	} cases[] = {
	    {"\xc2\x80", MSP_JSON_OK}, {"\xdf\xbf", MSP_JSON_OK}, {"\xe0\xa0\x80", MSP_JSON_OK},
	    {"\xed\x9f\xbf", MSP_JSON_OK}, {"\xee\x80\x80", MSP_JSON_OK}, {"\xf0\x90\x80\x80", MSP_JSON_OK},
	    {"\xf4\x8f\xbf\xbf", MSP_JSON_OK}, {"\xc0\x80", MSP_JSON_INVALID}, /* overlong NUL */
	    {"\xc1\xbf", MSP_JSON_INVALID},                                    /* overlong */
	    {"\xe0\x9f\xbf", MSP_JSON_INVALID},                                /* overlong */
	    {"\xf0\x8f\xbf\xbf", MSP_JSON_INVALID},                            /* overlong */
	    {"\xed\xa0\x80", MSP_JSON_INVALID},                                /* surrogate D800 */
	    {"\xed\xbf\xbf", MSP_JSON_INVALID},                                /* surrogate DFFF */
	    {"\xf4\x90\x80\x80", MSP_JSON_INVALID},                            /* above U+10FFFF */
	    {"\xf5\x80\x80\x80", MSP_JSON_INVALID},                            /* above U+10FFFF */
	    {"\xff", MSP_JSON_INVALID}, {"\x80", MSP_JSON_INVALID},            /* a continuation byte alone */
	    {"\xc3\xa9\xa9", MSP_JSON_INVALID},                                /* one continuation too many */
	    {"\xe2\x82", MSP_JSON_INVALID},                                    /* cut off by the closing quote */
	    {"\x1f", MSP_JSON_INVALID},                                        /* a raw control character */
	    {"\x7f", MSP_JSON_OK}, /* DEL is no control character in JSON */
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		for (size_t filler = 0; filler <= 17; filler++) {
			char text[96];
			int n = snprintf(text, sizeof(text), "{\"%.*s%s\":\"%.*sx%s\"}", (int)filler, "abcdefghijklmnopq",
			    cases[i].bytes, (int)filler, "abcdefghijklmnopq", cases[i].bytes);
			msp_json_doc *doc;
			msp_json_result r = parse_copy(text, (size_t)n, &doc);
			if (r != cases[i].want) {
				fail_msg("case %zu with %zu filler bytes \"%s\": %s, expected %s", i, filler,
				    shown(text, (size_t)n), result_name(r), result_name(cases[i].want));
			}
			msp_json_doc_release(doc);
			/* Cut off inside or right after the sequence: TRUNCATED while valid so far. */
			size_t seq = strlen(cases[i].bytes);
			for (size_t cut = 1; cut <= seq; cut++) {
				n = snprintf(text, sizeof(text), "[\"%.*s%.*s", (int)filler, "abcdefghijklmnopq", (int)cut,
				    cases[i].bytes);
				r = parse_copy(text, (size_t)n, &doc);
				msp_json_result want = cases[i].want == MSP_JSON_OK ? MSP_JSON_TRUNCATED : r;
				if (cases[i].want == MSP_JSON_OK && r != want) {
					fail_msg("case %zu cut at %zu with %zu filler bytes: %s, expected TRUNCATED", i, cut,
					    filler, result_name(r));
				}
				msp_json_doc_release(doc);
			}
		}
	}
}

/* Every prefix of documents covering all syntax (escapes, raw UTF-8, numbers, nesting). */
static void test_every_prefix_of_documents(void **state)
{
	(void)state;
	const char *docs[] = {
	    "{\"k\\u00e9\":\"h\xc3\xa9\\uD83D\\uDE00\\n\\\"\\\\\",\"n\":[-0.5e-3,1E+2,0,-0,12.5,true,false,null,{"
	    "},[]],"
	    "\"e\":\"\",\"o\":{\"x\":{\"y\":[[1]]}}}",
	    " \r\n[ 1 , \"a\" , { \"b\" : null } ]\t\n",
	    "\"a\\u0000b\\/\\b\\f\\r\\t\"",
	    "true",
	    "false",
	    "null",
	};
	for (size_t i = 0; i < COUNT(docs); i++) {
		check_every_prefix(docs[i], strlen(docs[i]));
	}
	size_t len;
	char *order = read_fixture("order_3ds.json", &len);
	check_every_prefix(order, len);
	free(order);
	order = read_fixture("order_big_ids.json", &len);
	check_every_prefix(order, len);
	free(order);
}

/* A bare number is complete after every digit: one letter per prefix length (E empty, T truncated,
 * O ok). */
static void test_every_prefix_of_numbers(void **state)
{
	(void)state;
	const struct {
		const char *text;
		const char *expect;
	} cases[] = {
	    {"-12.5e+3", "ETOOTOTTO"},
	    {"0.0E-0", "EOTOTTO"},
	    {"-0", "ETO"},
	    {"10e5 ", "EOOTOO"},
	    {"4051823000123456", "EOOOOOOOOOOOOOOOO"},
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		size_t len = strlen(cases[i].text);
		assert_int_equal(strlen(cases[i].expect), len + 1);
		for (size_t n = 0; n <= len; n++) {
			char c = cases[i].expect[n];
			msp_json_result want = c == 'E' ? MSP_JSON_EMPTY : c == 'T' ? MSP_JSON_TRUNCATED : MSP_JSON_OK;
			msp_json_doc *doc;
			msp_json_result r = parse_copy(cases[i].text, n, &doc);
			if (r != want) {
				fail_msg(
				    "\"%.*s\": %s, expected %s", (int)n, cases[i].text, result_name(r), result_name(want));
			}
			msp_json_doc_release(doc);
		}
	}
}

/* ---- Depth ---------------------------------------------------------------------------------- */

/* depth opening brackets (arrays, or objects {"a": when objects), inner, and the closing ones
 * when closed. */
static char *nested(size_t depth, bool objects, const char *inner, bool closed, size_t *len)
{
	const char *open = objects ? "{\"a\":" : "[";
	size_t open_len = strlen(open);
	char *text = malloc(depth * (open_len + 1) + strlen(inner) + 1);
	assert_non_null(text);
	size_t o = 0;
	for (size_t i = 0; i < depth; i++, o += open_len) {
		memcpy(text + o, open, open_len);
	}
	memcpy(text + o, inner, strlen(inner));
	o += strlen(inner);
	for (size_t i = 0; closed && i < depth; i++) {
		text[o++] = objects ? '}' : ']';
	}
	*len = o;
	return text;
}

static msp_json_result parse_nested(size_t depth, bool objects, const char *inner, bool closed)
{
	size_t len;
	char *text = nested(depth, objects, inner, closed, &len);
	msp_json_doc *doc;
	msp_json_result r = parse_copy(text, len, &doc);
	free(text);
	msp_json_doc_release(doc);
	return r;
}

static void test_depth(void **state)
{
	(void)state;
	const size_t max = MSP_JSON_MAX_DEPTH;
	for (int objects = 0; objects < 2; objects++) {
		/* A scalar inside the innermost container does not count. */
		assert_int_equal(parse_nested(max, objects, "null", true), MSP_JSON_OK);
		assert_int_equal(parse_nested(max - 1, objects, "{\"x\":\"y\"}", true), MSP_JSON_OK);
		assert_int_equal(parse_nested(max - 1, objects, "[[]]", true), MSP_JSON_TOO_DEEP);
		assert_int_equal(parse_nested(max + 1, objects, "null", true), MSP_JSON_TOO_DEEP);
		assert_int_equal(parse_nested(max, objects, "[]", true), MSP_JSON_TOO_DEEP);
		/* Open ones: truncated at the limit, too deep past it. */
		assert_int_equal(parse_nested(max, objects, "", false), MSP_JSON_TRUNCATED);
		assert_int_equal(parse_nested(max + 1, objects, "", false), MSP_JSON_TOO_DEEP);
		/* Far past the limit: an answer, not a stack overflow. */
		assert_int_equal(parse_nested(200000, objects, "", false), MSP_JSON_TOO_DEEP);
		assert_int_equal(parse_nested(200000, objects, "null", true), MSP_JSON_TOO_DEEP);
	}

	/* The deepest document is whole: MSP_JSON_MAX_DEPTH arrays, one inside the other. */
	size_t len;
	char *text = nested(max, false, "\"deep\"", true, &len);
	msp_json_doc *doc = parse_ok(text, len);
	free(text);
	const msp_json *v = msp_json_root(doc);
	for (size_t i = 1; i < max; i++) {
		assert_int_equal(v->type, MSP_JSON_ARRAY);
		assert_int_equal(v->len, 1);
		v = v->first;
	}
	assert_int_equal(v->len, 1);
	assert_string_equal(v->first->text, "deep");
	msp_json_doc_release(doc);
}

/* ---- Lookup --------------------------------------------------------------------------------- */

static void test_get(void **state)
{
	(void)state;
	msp_json_doc *doc =
	    parse_ok(T("{\"a\":1,\"b\":2,\"a\":3,\"abc\":4,\"A\":5,\"x\":{\"inner\":6},\"arr\":[7]}"));
	const msp_json *root = msp_json_root(doc);
	/* Duplicates: the last value wins, in the place of the first (json-c's objects). */
	assert_int_equal(root->len, 6);
	assert_member_int(root, "a", 3);
	assert_member_int(root, "b", 2);
	assert_member_int(root, "abc", 4);
	assert_member_int(root, "A", 5);
	/* Byte for byte: no prefixes, no case folding, no descent into children. */
	assert_null(msp_json_get(root, "ab"));
	assert_null(msp_json_get(root, "abcd"));
	assert_null(msp_json_get(root, "B"));
	assert_null(msp_json_get(root, ""));
	assert_null(msp_json_get(root, "inner"));
	assert_null(msp_json_get(root, "missing"));
	/* Not objects. */
	assert_null(msp_json_get(NULL, "a"));
	assert_null(msp_json_get(member(root, "arr", MSP_JSON_ARRAY), "a"));
	assert_null(msp_json_get(member(root, "arr", MSP_JSON_ARRAY)->first, "a"));
	assert_null(msp_json_get(member(root, "b", MSP_JSON_NUMBER), "b"));
	assert_member_int(member(root, "x", MSP_JSON_OBJECT), "inner", 6);
	msp_json_doc_release(doc);

	/* json-c's keys are C strings: a key holding \u0000 ends at the NUL, so "ab\u0000" is another
	 * "ab" (the later value wins). MultiSafepay's keys never hold one. */
	doc = parse_ok(T("{\"ab\":1,\"ab\\u0000\":2,\"\":4}"));
	root = msp_json_root(doc);
	assert_member_int(root, "ab", 2);
	assert_member_int(root, "", 4);
	assert_int_equal(root->len, 2);
	msp_json_doc_release(doc);

	/* Escaped keys are found by their decoded bytes. */
	doc = parse_ok(T("{\"caf\\u00e9\":1,\"\\\"q\\\"\":2}"));
	assert_member_int(msp_json_root(doc), "caf\xc3\xa9", 1);
	assert_member_int(msp_json_root(doc), "\"q\"", 2);
	msp_json_doc_release(doc);
}

/* ---- Exact integers from numbers ------------------------------------------------------------ */

static void test_number_to_int64(void **state)
{
	(void)state;
	const struct {
		const char *text;
		bool ok;
		int64_t value;
	} cases[] = {
	    {"1000", true, 1000},
	    {"1000.0", true, 1000},
	    {"1e3", true, 1000},
	    {"12.5e1", true, 125},
	    {"-5", true, -5},
	    {"0.0", true, 0},
	    {"-0", true, 0},
	    {"-0.0e0", true, 0},
	    {"1E+2", true, 100},
	    {"100e-2", true, 1},
	    {"0.5e1", true, 5},
	    {"1.000000000000000000000", true, 1},
	    {"1000000000000000000000e-21", true, 1},
	    {"0.0000000000000000000000001e25", true, 1}, /* leading zeros are not significant digits */
	    {"0.00000000000000000000000012345e29", true, 12345},
	    {"0e400", true, 0},
	    {"0.0e-400", true, 0},
	    {"4051823000123456", true, INT64_C(4051823000123456)},
	    {"4.051823000123456e15", true, INT64_C(4051823000123456)},
	    {"9223372036854775807", true, INT64_MAX},
	    {"9.223372036854775807e18", true, INT64_MAX},
	    {"92233720368547758070e-1", true, INT64_MAX},
	    {"-9223372036854775808", true, INT64_MIN},
	    {"-9223372036854775808.000", true, INT64_MIN},
	    {"1.5", false, 0},
	    {"1e-1", false, 0},
	    {"-0.5", false, 0},
	    {"123.45e1", false, 0},
	    {"1.0000000000000000000001", false, 0},
	    {"1e400", false, 0},
	    {"1e19", false, 0},
	    {"9223372036854775808", false, 0},
	    {"9223372036854775808e0", false, 0},
	    {"9.223372036854775808e18", false, 0},
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		msp_json_doc *doc = parse_ok(cases[i].text, strlen(cases[i].text));
		int64_t value = 42;
		bool ok = msp_json_number_to_int64(msp_json_root(doc), &value);
		if (ok != cases[i].ok || (ok && value != cases[i].value)) {
			fail_msg("%s: %s %lld", cases[i].text, ok ? "true" : "false", (long long)value);
		}
		msp_json_doc_release(doc);
	}

	/* Not numbers. */
	const char *others[] = {"\"5\"", "true", "false", "null", "[5]", "{\"a\":5}"};
	for (size_t i = 0; i < COUNT(others); i++) {
		msp_json_doc *doc = parse_ok(others[i], strlen(others[i]));
		int64_t value;
		if (msp_json_number_to_int64(msp_json_root(doc), &value)) {
			fail_msg("%s taken as an integer", others[i]);
		}
		msp_json_doc_release(doc);
	}
	int64_t value;
	assert_false(msp_json_number_to_int64(NULL, &value));
}

/* head, count copies of fill, tail: numbers too long for a literal. */
static char *long_number(const char *head, char fill, size_t count, const char *tail, size_t *len)
{
	size_t head_len = strlen(head), tail_len = strlen(tail);
	char *text = malloc(head_len + count + tail_len);
	assert_non_null(text);
	memcpy(text, head, head_len);
	memset(text + head_len, fill, count);
	memcpy(text + head_len + count, tail, tail_len);
	*len = head_len + count + tail_len;
	return text;
}

/* Exponents of seven digits balanced by as many fraction digits or zeros: exact arithmetic must not
 * stop counting the exponent before the digits stop counting the other way. */
static void test_number_to_int64_long_texts(void **state)
{
	(void)state;
	const struct {
		const char *head;
		char fill;
		size_t count;
		const char *tail;
		bool ok; /* the value is 1 when ok */
	} cases[] = {
	    {"0.", '0', 999999, "1e1000000", true}, /* 1 */
	    {"1", '0', 1000000, "e-1000000", true}, /* 1 */
	    {"0.", '0', 99999, "1e1000010", false}, /* 10^900010 */
	    {"1", '0', 100001, "e-1000010", false}, /* 10^-900009 */
	    {"0.", '0', 99999, "1e100000", true},   /* 1, six-digit exponent */
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		size_t len;
		char *text = long_number(cases[i].head, cases[i].fill, cases[i].count, cases[i].tail, &len);
		msp_json_doc *doc = parse_ok(text, len);
		free(text);
		int64_t value = 42;
		bool ok = msp_json_number_to_int64(msp_json_root(doc), &value);
		msp_json_doc_release(doc); /* before a failure, which does not return */
		if (ok != cases[i].ok || (ok && value != 1)) {
			fail_msg("\"%s\" + %zu x '%c' + \"%s\": %s %lld", cases[i].head, cases[i].count, cases[i].fill,
			    cases[i].tail, ok ? "true" : "false", (long long)value);
		}
	}
}

/* ---- Document lifetime ---------------------------------------------------------------------- */

static void test_retain_release(void **state)
{
	(void)state;
	msp_json_doc *doc = parse_ok(T("{\"order_id\":\"shop-1001\",\"amount\":1000}"));
	assert_ptr_equal(msp_json_doc_retain(doc), doc);
	const msp_json *root = msp_json_root(doc);
	msp_json_doc_release(doc);
	/* Still one reference: the values are still there. */
	assert_member_string(root, "order_id", "shop-1001");
	assert_member_int(root, "amount", 1000);
	assert_ptr_equal(msp_json_root(doc), root);
	msp_json_doc_release(doc);

	assert_null(msp_json_doc_retain(NULL));
	msp_json_doc_release(NULL);
}

static void test_strndup(void **state)
{
	(void)state;
	msp_json_doc *doc = parse_ok(T("[1e3]"));
	char source[] = "1000 and more";
	const char *copy = msp_json_doc_strndup(doc, source, 4);
	const char *empty = msp_json_doc_strndup(doc, source, 0);
	memset(source, 'x', sizeof(source) - 1);
	assert_non_null(copy);
	assert_ptr_not_equal(copy, source);
	assert_string_equal(copy, "1000");
	assert_non_null(empty);
	assert_string_equal(empty, "");
	/* Bytes are copied as they are, NULs included, and terminated. */
	const char *bin = msp_json_doc_strndup(doc, "a\0b", 3);
	assert_non_null(bin);
	assert_memory_equal(bin, "a\0b\0", 4);
	/* Alive with the document, through a retain and a release. */
	msp_json_doc_retain(doc);
	msp_json_doc_release(doc);
	assert_string_equal(copy, "1000");
	assert_string_equal(msp_json_root(doc)->first->text, "1e3");
	msp_json_doc_release(doc);
}

/* ---- A real answer -------------------------------------------------------------------------- */

static void test_order_answer(void **state)
{
	(void)state;
	size_t len;
	char *body = read_fixture("order_3ds.json", &len);
	msp_json_doc *doc = parse_ok(body, len);
	free(body);
	const msp_json *root = msp_json_root(doc);
	assert_int_equal(root->type, MSP_JSON_OBJECT);
	assert_int_equal(root->len, 2);
	assert_true(member(root, "success", MSP_JSON_BOOL)->boolean);

	const msp_json *data = member(root, "data", MSP_JSON_OBJECT);
	assert_int_equal(data->len, 24);
	assert_string_equal(data->first->key, "transaction_id");
	assert_member_int(data, "transaction_id", INT64_C(1234567890123456));
	assert_member_string(data, "order_id", "shop-1001");
	assert_member_string(data, "status", "initialized");
	assert_member_int(data, "amount", 1000);
	assert_member_int(data, "amount_refunded", 0);
	assert_member_string(data, "description", "T-shirt \"blue\"");
	assert_member_string(data, "reason_code", "");
	member(data, "var2", MSP_JSON_NULL);
	member(data, "related_transactions", MSP_JSON_NULL);
	assert_int_equal(member(data, "custom_info", MSP_JSON_OBJECT)->len, 3);

	const msp_json *details = member(data, "payment_details", MSP_JSON_OBJECT);
	assert_member_int(details, "card_expiry_date", 3012);
	assert_member_string(details, "type", "VISA");

	const msp_json *costs = member(data, "costs", MSP_JSON_ARRAY);
	assert_int_equal(costs->len, 1);
	assert_member_int(costs->first, "transaction_id", 123456789);
	assert_member_string(costs->first, "type", "SYSTEM");

	const msp_json *html =
	    member(member(data, "customer_verification", MSP_JSON_OBJECT), "html", MSP_JSON_STRING);
	const char start[] = "<html>\n<body onload=\"document.forms[0].submit()\">";
	assert_memory_equal(html->text, start, sizeof(start) - 1);
	assert_string_equal(html->text + html->len - 7, "</html>");

	const msp_json *nested_array =
	    member(member(data, "unknown_field", MSP_JSON_OBJECT), "nested", MSP_JSON_ARRAY);
	assert_int_equal(nested_array->len, 3);
	assert_true(member(child(nested_array, 2), "deeper", MSP_JSON_BOOL)->boolean);
	assert_string_equal(child(data, 23)->key, "unknown_field");
	msp_json_doc_release(doc);
}

/* 19-digit ids stay exact, including ones a double cannot hold (2^53 + 1). */
static void test_big_ids(void **state)
{
	(void)state;
	size_t len;
	char *body = read_fixture("order_big_ids.json", &len);
	msp_json_doc *doc = parse_ok(body, len);
	free(body);
	const msp_json *data = member(msp_json_root(doc), "data", MSP_JSON_OBJECT);
	assert_member_int(data, "transaction_id", INT64_C(9007199254740993));
	assert_member_int(data, "order_id", INT64_C(1234567890123456789));
	assert_member_int(data, "amount", 2147483647);
	assert_member_int(member(data, "payment_details", MSP_JSON_OBJECT), "external_transaction_id", INT64_MAX);
	const msp_json *related = member(data, "related_transactions", MSP_JSON_ARRAY);
	assert_member_int(related->first, "transaction_id", INT64_C(1234567890123456));
	assert_string_equal(member(data, "order_id", MSP_JSON_NUMBER)->text, "1234567890123456789");
	msp_json_doc_release(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_literals),
	    cmocka_unit_test(test_integers),
	    cmocka_unit_test(test_other_numbers),
	    cmocka_unit_test(test_strings),
	    cmocka_unit_test(test_arrays),
	    cmocka_unit_test(test_objects),
	    cmocka_unit_test(test_nested_containers),
	    cmocka_unit_test(test_whitespace),
	    cmocka_unit_test(test_invalid),
	    cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_utf8),
	    cmocka_unit_test(test_every_prefix_of_documents),
	    cmocka_unit_test(test_every_prefix_of_numbers),
	    cmocka_unit_test(test_depth),
	    cmocka_unit_test(test_get),
	    cmocka_unit_test(test_number_to_int64),
	    cmocka_unit_test(test_number_to_int64_long_texts),
	    cmocka_unit_test(test_retain_release),
	    cmocka_unit_test(test_strndup),
	    cmocka_unit_test(test_order_answer),
	    cmocka_unit_test(test_big_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
