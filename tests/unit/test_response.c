/* Unit tests of src/core/response.c: the envelope (success decided by the JSON, not the HTTP status;
 * error envelopes with data {} or [], bare {"message"} and 422 {"errors"} bodies, 501/503, non-JSON,
 * truncated and deeply nested bodies), orders parsed tolerantly from fixtures (3-D Secure, completed,
 * uncleared, declined, mixed types, 16- to 19-digit ids, null and wrong types everywhere), refund
 * answers. The redactor that error messages use has its own tests: test_redact.c. */
#define _DEFAULT_SOURCE /* strdup */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "order.h"
#include "response.h"
#include "fixture.h"

/* ---- Helpers -------------------------------------------------------------------------------- */

typedef struct {
	msp_status status;
	msp_json_ref data;
	msp_api_failure failure;
	msp_error err;
} parsed;

static parsed parse_body(const char *body, size_t len, long http_status)
{
	parsed p;
	memset(&p, 0, sizeof(p));
	msp_error_clear(&p.err);
	p.status = msp_response_parse(body, len, http_status, &p.data, &p.failure, &p.err);
	return p;
}

static parsed parse_fixture(const char *name, long http_status)
{
	size_t len;
	char *body = read_fixture(name, &len);
	parsed p = parse_body(body, len, http_status);
	free(body);
	return p;
}

/* The order in a success envelope fixture. */
static msp_order *order_fixture(const char *name)
{
	parsed p = parse_fixture(name, 200);
	if (p.status != MSP_OK) {
		fail_msg("%s: %s", name, p.err.message);
	}
	msp_order *order = NULL;
	assert_int_equal(msp_order_from_json(&p.data, &order, &p.err), MSP_OK);
	/* The order holds its own reference to the document. */
	msp_json_ref_release(&p.data);
	assert_non_null(order->data);
	return order;
}

static void assert_text(const char *actual, const char *expected)
{
	if (expected == NULL) {
		if (actual != NULL) {
			fail_msg("expected NULL, got \"%s\"", actual);
		}
		return;
	}
	if (actual == NULL) {
		fail_msg("expected \"%s\", got NULL", expected);
	}
	assert_string_equal(actual, expected);
}

static void assert_no_control_characters(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			fail_msg("control character 0x%02x in output", (unsigned char)*s);
		}
	}
}

/* ---- Envelope ---------------------------------------------------------------------------- */

static void test_success_is_decided_by_the_json(void **state)
{
	(void)state;
	const char ok[] = "{\"success\":true,\"data\":{\"order_id\":\"x\"}}";
	const long statuses[] = {200, 201, 400, 500};
	for (size_t i = 0; i < 4; i++) {
		parsed p = parse_body(ok, strlen(ok), statuses[i]);
		assert_int_equal(p.status, MSP_OK);
		assert_int_equal(p.data.value->type, MSP_JSON_OBJECT);
		msp_json_ref_release(&p.data);
	}
	/* A 200 that says success:false is an API error. */
	const char refused[] = "{\"success\":false,\"error_code\":1019,\"error_info\":\"Site inactive\"}";
	parsed p = parse_body(refused, strlen(refused), 200);
	assert_int_equal(p.status, MSP_ERR_API);
	assert_int_equal(p.failure.error_code, 1019);
	assert_int_equal(p.err.reason, 1019);
	assert_null(p.data.doc);
	/* Only the boolean true counts. */
	const char *not_true[] = {"{\"success\":\"true\",\"data\":{}}", "{\"success\":1,\"data\":{}}",
	    "{\"data\":{}}", "{\"success\":null}"};
	for (size_t i = 0; i < 4; i++) {
		p = parse_body(not_true[i], strlen(not_true[i]), 200);
		assert_int_equal(p.status, MSP_ERR_API);
		assert_int_equal(p.failure.error_code, 0);
		assert_string_equal(p.failure.info, "the API answered without success (HTTP 200)");
	}
	/* No data (cancel calls): an empty object. Trailing whitespace of any kind is fine. */
	const char bare[] = "  {\"success\":true}\r\n\t ";
	p = parse_body(bare, strlen(bare), 200);
	assert_int_equal(p.status, MSP_OK);
	assert_int_equal(p.data.value->type, MSP_JSON_OBJECT);
	assert_int_equal(p.data.value->len, 0);
	msp_json_ref_release(&p.data);
}

static void test_error_envelopes(void **state)
{
	(void)state;
	parsed p = parse_fixture("error_data_object.json", 404);
	assert_int_equal(p.status, MSP_ERR_API);
	assert_int_equal(p.failure.error_code, 1006);
	assert_int_equal(p.failure.http_status, 404);
	assert_string_equal(p.failure.info, "Invalid transaction ID");
	assert_string_equal(p.err.message, "MultiSafepay error 1006: Invalid transaction ID");
	assert_false(p.failure.unavailable);
	assert_false(p.failure.not_json);

	p = parse_fixture("error_data_array.json", 401); /* data [] and error_code as a string */
	assert_int_equal(p.status, MSP_ERR_API);
	assert_int_equal(p.failure.error_code, 1032);
	assert_string_equal(p.failure.info, "Invalid API key");

	/* A card number the API echoes is masked; a forged header line is flattened. */
	p = parse_fixture("error_reflected_pan.json", 200);
	assert_int_equal(p.failure.error_code, 1024);
	assert_string_equal(p.failure.info, "Card [card ****1111] declined  X-Injected: yes");
	assert_null(strstr(p.err.message, "4111111111111111"));
	assert_no_control_characters(p.err.message);

	/* A card number where the message is cut: masked as a whole first, then cut. */
	for (size_t pad = 230; pad < 260; pad++) {
		char body[512];
		int n = snprintf(body, sizeof(body),
		    "{\"success\":false,\"error_code\":1,\"error_info\":\"%*s4111111111111111 x\"}", (int)pad, "");
		p = parse_body(body, (size_t)n, 400);
		assert_int_equal(p.status, MSP_ERR_API);
		assert_null(strstr(p.failure.info, "41111"));
		assert_null(strstr(p.err.message, "41111"));
	}

	/* Codes that are not codes. */
	const char *odd[] = {"{\"success\":false,\"error_code\":\"abc\",\"error_info\":\"x\"}",
	    "{\"success\":false,\"error_code\":-4,\"error_info\":\"x\"}",
	    "{\"success\":false,\"error_code\":99999999999,\"error_info\":\"x\"}",
	    "{\"success\":false,\"error_code\":{\"x\":1},\"error_info\":{\"x\":1}}"};
	for (size_t i = 0; i < 4; i++) {
		p = parse_body(odd[i], strlen(odd[i]), 400);
		assert_int_equal(p.status, MSP_ERR_API);
		assert_int_equal(p.failure.error_code, 0);
	}
	assert_string_equal(p.failure.info, "{\"x\":1}");
}

static void test_4xx_bodies_without_error_code(void **state)
{
	(void)state;
	parsed p = parse_fixture("error_message.json", 404);
	assert_int_equal(p.status, MSP_ERR_API);
	assert_int_equal(p.failure.error_code, 0);
	assert_string_equal(p.failure.info, "Not Found");
	assert_string_equal(p.err.message, "MultiSafepay error (HTTP 404): Not Found");

	p = parse_fixture("error_422.json", 422);
	assert_int_equal(p.status, MSP_ERR_API);
	assert_int_equal(p.failure.error_code, 0);
	assert_string_equal(p.failure.info,
	    "amount: must be positive; currency is missing; customer.country: unknown country; {\"code\":7}");

	/* A long list is cut, never overflowed. */
	char big[8192] = "{\"errors\":[";
	for (int i = 0; i < 100; i++) {
		strcat(big, i ? ",\"a long error message number xx\"" : "\"first\"");
	}
	strcat(big, "]}");
	p = parse_body(big, strlen(big), 422);
	assert_int_equal(p.status, MSP_ERR_API);
	assert_true(strlen(p.failure.info) < sizeof(p.failure.info));
	assert_true(strncmp(p.failure.info, "first; a long error", 19) == 0);
}

static void test_unavailable(void **state)
{
	(void)state;
	parsed p = parse_fixture("error_503.html", 503);
	assert_int_equal(p.status, MSP_ERR_PARSE);
	assert_true(p.failure.unavailable);
	assert_true(p.failure.not_json);
	assert_null(p.data.doc);
	/* A short excerpt, redacted and on one line. */
	assert_non_null(strstr(p.err.message, "HTTP 503"));
	assert_non_null(strstr(p.err.message, "is not JSON"));
	assert_non_null(strstr(p.err.message, "[card ****1111]"));
	assert_null(strstr(p.err.message, "4111"));
	assert_no_control_characters(p.err.message);
	const char *quote = strchr(p.err.message, '"');
	assert_non_null(quote);
	assert_true(strlen(quote + 1) <= 120 + 3 + 1); /* excerpt, "...", closing quote */
	assert_non_null(strstr(p.err.message, "...\""));

	const char json_501[] =
	    "{\"success\":false,\"data\":{},\"error_code\":1023,\"error_info\":\"Gateway unavailable\"}";
	p = parse_body(json_501, strlen(json_501), 501);
	assert_int_equal(p.status, MSP_ERR_API);
	assert_true(p.failure.unavailable);
	assert_false(p.failure.not_json);
	p = parse_body(json_501, strlen(json_501), 502);
	assert_false(p.failure.unavailable);
}

static void test_bodies_that_are_not_a_json_object(void **state)
{
	(void)state;
	struct {
		const char *body;
		size_t len;
		const char *says;
	} cases[] = {
	    {"", 0, "is empty"},
	    {" \r\n", 3, "is empty"},
	    {NULL, 0, "is empty"},
	    {"OK", 2, "is not JSON"},
	    {"{\"success\":true}xyz", 19, "is not JSON"},
	    {"{\"success\":true}{\"success\":true}", 32, "is not JSON"},
	    {"{\"success\":true\0}", 17, "not JSON"},
	    {"{\"success\":tru", 14, "is truncated JSON"},
	    {"[1,2,3]", 7, "is JSON but not an object"},
	    {"\"text\"", 6, "is JSON but not an object"},
	    {"42", 2, "is JSON but not an object"},
	    {"\xff\xfe{", 3, "is not JSON"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parsed p = parse_body(cases[i].body, cases[i].len, 200);
		if (p.status != MSP_ERR_PARSE || strstr(p.err.message, cases[i].says) == NULL) {
			fail_msg("case %zu: %d %s", i, p.status, p.err.message);
		}
		assert_true(p.failure.not_json);
		assert_null(p.data.doc);
		assert_no_control_characters(p.err.message);
	}
	parsed p = parse_fixture("truncated.json", 200);
	assert_int_equal(p.status, MSP_ERR_PARSE);
	assert_non_null(strstr(p.err.message, "truncated JSON"));
	assert_non_null(strstr(p.err.message, "\"transaction_id\":1234567890123456")); /* a PSP id, kept */
}

static void test_deeply_nested_garbage(void **state)
{
	(void)state;
	size_t depth = 200000;
	char *body = malloc(depth * 6 + 64);
	assert_non_null(body);
	size_t n = 0;
	n += (size_t)sprintf(body, "{\"success\":true,\"data\":");
	for (size_t i = 0; i < depth; i++) {
		body[n++] = i % 2 ? '[' : '{';
		if (i % 2 == 0) {
			memcpy(body + n, "\"a\":", 4);
			n += 4;
		}
	}
	parsed p = parse_body(body, n, 200);
	assert_int_equal(p.status, MSP_ERR_PARSE);
	assert_true(p.failure.not_json);
	free(body);
	/* Nested, but within the parser's depth: parsed, and the order reads nothing from it. */
	const char nested[] = "{\"success\":true,\"data\":{\"order_id\":[[[[{\"a\":[{}]}]]]],\"amount\":[[1]]}}";
	p = parse_body(nested, strlen(nested), 200);
	assert_int_equal(p.status, MSP_OK);
	msp_order *order = NULL;
	/* An order_id that is no text and an amount that is no integer: not an order to act on. */
	assert_int_equal(msp_order_from_json(&p.data, &order, &p.err), MSP_ERR_PARSE);
	assert_null(order);
	msp_json_ref_release(&p.data);
}

/* ---- Orders ------------------------------------------------------------------------------- */

static void test_order_needing_3ds(void **state)
{
	(void)state;
	msp_order *o = order_fixture("order_3ds.json");
	assert_text(o->transaction_id, "1234567890123456");
	assert_text(o->order_id, "shop-1001");
	assert_text(o->status, "initialized");
	assert_text(o->financial_status, "initialized");
	assert_int_equal(o->amount, 1000);
	assert_true(o->has_amount);
	assert_int_equal(o->amount_refunded, 0);
	assert_text(o->currency, "EUR");
	assert_text(o->description, "T-shirt \"blue\"");
	assert_text(o->created, "2026-11-24T12:00:00");
	assert_text(o->modified, "2026-11-24T12:00:01");
	assert_text(o->reason, "3D Secure Authorization");
	assert_text(o->reason_code, NULL); /* "" */
	assert_text(o->var[0], "a");
	assert_text(o->var[1], NULL);
	assert_text(o->var[2], "c");
	assert_text(o->brand, "VISA");
	assert_text(o->last4, "1111");
	assert_text(o->card_expiry_date, "3012");
	assert_text(o->account_holder_name, "J. Jansen");
	assert_text(o->external_transaction_id, "6652390295520298");
	assert_text(o->verification_type, "form");
	assert_non_null(o->verification_html);
	assert_true(strncmp(o->verification_html, "<html>\n<body onload=", 20) == 0);
	assert_non_null(strstr(o->verification_html, "action=\"https://acs.example/challenge\""));
	assert_text(o->payment_url,
	    "https://payv2.multisafepay.com/connect/99wi0OTuiCaTY2nwEiEOybWpVx8MNwrJ75c/?lang=nl_NL");
	assert_text(o->cancel_url, "https://shop.example/cancel?order=shop-1001");
	assert_int_equal(o->related_count, 0);
	assert_null(o->related);
	assert_int_equal(o->refunds_requested, 0);
	assert_text(o->threeds_status, NULL);
	assert_false(o->has_capture_remain);
	/* Every field that came is still there for toArray(), unknown ones included. */
	const msp_json *unknown = msp_json_get(o->data, "unknown_field");
	assert_non_null(unknown);
	assert_int_equal(unknown->type, MSP_JSON_OBJECT);
	msp_order_free(o);
}

static void test_order_completed(void **state)
{
	(void)state;
	msp_order *o = order_fixture("order_completed.json");
	assert_text(o->transaction_id, "4051823");
	assert_text(o->status, "completed");
	assert_int_equal(o->amount, 5000);
	assert_text(o->reason, NULL);
	assert_text(o->brand, "MASTERCARD");
	assert_text(o->last4, "0004");
	assert_text(o->card_expiry_date, "3012");
	assert_text(o->issuer_country_code, "NL");
	assert_text(o->card_funding, "CREDIT");
	assert_text(o->response_code, "00");
	assert_text(o->authorization_code, "A1B2C3");
	assert_text(o->threeds_status, "Y");
	assert_text(o->threeds_eci, "02");
	assert_text(o->threeds_version, "2.2.0");
	assert_text(o->threeds_flow, "frictionless");
	assert_null(o->verification_html);
	assert_null(o->verification_type);
	assert_int_equal(o->related_count, 0);
	msp_order_free(o);
}

static void test_order_uncleared(void **state)
{
	(void)state;
	msp_order *o = order_fixture("order_uncleared.json");
	assert_text(o->transaction_id, "9876543210");
	assert_text(o->status, "uncleared");
	assert_text(o->financial_status, "uncleared");
	assert_text(o->reason, "Fraud filter");
	assert_text(o->last4, "0008");            /* from the number 8 */
	assert_text(o->card_expiry_date, "0127"); /* from the number 127 */
	assert_text(o->threeds_status, NULL);     /* card_authentication_result: null */
	assert_text(o->threeds_flow, NULL);       /* card_authentication_details: {} */
	msp_order_free(o);
}

static void test_order_declined_with_reason_code(void **state)
{
	(void)state;
	msp_order *o = order_fixture("order_declined.json");
	assert_text(o->status, "declined");
	assert_text(o->reason, "Insufficient funds");
	assert_text(o->reason_code, "4002"); /* from the number 4002 */
	assert_text(o->transaction_id, "1111222233334444");
	assert_text(o->response_code, "51");
	msp_order_free(o);
}

static void test_order_mixed_types(void **state)
{
	(void)state;
	msp_order *o = order_fixture("order_mixed_types.json");
	assert_text(o->transaction_id, "9007199254740993");
	assert_text(o->order_id, "20261124");
	assert_int_equal(o->amount, 1000); /* "1000" */
	assert_true(o->has_amount);
	assert_int_equal(o->amount_refunded, 250); /* 250.0 */
	assert_text(o->description, "12.5");
	assert_text(o->reason_code, "4999");
	assert_text(o->var[0], "42");
	assert_text(o->var[1], "true");
	assert_text(o->var[2], NULL); /* an object has no text */
	assert_text(o->last4, "0004");
	assert_text(o->card_expiry_date, "2512");
	assert_text(o->capture, "manual");
	assert_text(o->capture_expiry, "2026-12-01T12:00:00");
	assert_true(o->has_capture_remain);
	assert_int_equal(o->capture_remain, 750);
	/* Entries that are not objects are skipped; the others keep their order. */
	assert_int_equal(o->related_count, 4);
	assert_text(o->related[0].type, "refund");
	assert_text(o->related[0].transaction_id, "55500011122233");
	assert_int_equal(o->related[0].amount, 100);
	assert_text(o->related[0].currency, "EUR");
	assert_text(o->related[0].created, "2026-11-24T13:00:00");
	assert_text(o->related[1].transaction_id, "555000111222340");
	assert_text(o->related[3].type, "chargeback");
	/* Requested refunds: completed 100 + reserved 200; void and chargebacks do not count, and the sum
	 * beats amount_refunded (250). */
	assert_int_equal(o->refunds_requested, 300);
	assert_text(msp_order_related_status(o, "555000111222340"), "reserved");
	assert_text(msp_order_related_status(o, "55500011122233"), "completed");
	assert_text(msp_order_related_status(o, "nope"), NULL);
	assert_text(msp_order_related_status(o, NULL), NULL);
	msp_order_free(o);
}

static void test_order_big_ids_stay_exact(void **state)
{
	(void)state;
	msp_order *o = order_fixture("order_big_ids.json");
	/* 2^53 + 1 would round to ...992 through a double. */
	assert_text(o->transaction_id, "9007199254740993");
	assert_text(o->order_id, "1234567890123456789");
	assert_text(o->external_transaction_id, "9223372036854775807");
	assert_int_equal(o->amount, 2147483647);
	assert_text(o->related[0].transaction_id, "1234567890123456");
	msp_order_free(o);
}

static void test_order_nulls_everywhere(void **state)
{
	(void)state;
	msp_order *o = order_fixture("order_nulls.json");
	assert_text(o->order_id, "order-with-nulls");
	const char *texts[] = {o->transaction_id, o->status, o->financial_status, o->currency, o->description,
	    o->created, o->modified, o->reason, o->reason_code, o->payment_url, o->cancel_url, o->var[0],
	    o->var[1], o->var[2], o->brand, o->last4, o->card_expiry_date, o->threeds_status, o->threeds_eci,
	    o->threeds_version, o->threeds_flow, o->verification_html, o->verification_type};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		assert_null(texts[i]);
	}
	assert_false(o->has_amount);
	assert_int_equal(o->amount, 0);
	assert_int_equal(o->amount_refunded, 0);
	assert_false(o->has_capture_remain);
	assert_int_equal(o->related_count, 1); /* the null entry is skipped, the empty one kept */
	assert_null(o->related[0].type);
	assert_null(o->related[0].transaction_id);
	assert_int_equal(o->refunds_requested, 0);
	msp_order_free(o);
}

static void test_order_wrong_types(void **state)
{
	(void)state;
	msp_order *o = order_fixture("order_wrong_types.json");
	assert_null(o->transaction_id);
	assert_text(o->order_id, "1001"); /* a number is read as its text */
	assert_null(o->status);
	assert_null(o->financial_status);
	assert_text(o->currency, "false");
	assert_null(o->description);
	assert_null(o->reason_code);
	assert_false(o->has_amount);
	assert_int_equal(o->amount_refunded, 0);
	assert_null(o->brand); /* payment_details is a string */
	assert_int_equal(o->related_count, 0);
	assert_null(o->verification_html);
	assert_text(o->payment_url, "123");
	assert_text(o->var[0], "1e400"); /* not an integer: its text as given */
	assert_text(o->var[1], "0");
	assert_text(o->var[2], "1500");
	msp_order_free(o);

	/* Money and identity are never guessed: each of these is a protocol error, not an order. */
	const char *unusable[] = {
	    "{\"amount\":1000}",
	    "{\"order_id\":null,\"amount\":1000}",
	    "{\"order_id\":[\"a\"],\"amount\":1000}",
	    "{\"order_id\":\"\",\"amount\":1000}",
	    "{\"order_id\":\"a\",\"amount\":{\"value\":1000}}",
	    "{\"order_id\":\"a\",\"amount\":10.5}",
	    "{\"order_id\":\"a\",\"amount\":1000,\"amount_refunded\":[1,2]}",
	    "{\"order_id\":\"a\",\"amount\":1000,\"amount_refunded\":\"5.5\"}",
	    "{\"order_id\":\"a\",\"amount\":1000,\"related_transactions\":[{\"type\":\"refund\",\"amount\":2.5}]"
	    "}",
	};
	for (size_t i = 0; i < sizeof(unusable) / sizeof(unusable[0]); i++) {
		msp_order *none = (msp_order *)1;
		msp_error err;
		msp_error_clear(&err);
		if (msp_order_parse(unusable[i], strlen(unusable[i]), &none, &err) != MSP_ERR_PARSE || none != NULL) {
			fail_msg("accepted as an order: %s", unusable[i]);
		}
		assert_non_null(strstr(err.message, "not a usable order"));
	}

	/* data that is not an object */
	parsed p = parse_fixture("order_data_not_object.json", 200);
	assert_int_equal(p.status, MSP_OK);
	msp_order *none = (msp_order *)1;
	assert_int_equal(msp_order_from_json(&p.data, &none, &p.err), MSP_ERR_PARSE);
	assert_null(none);
	msp_json_ref_release(&p.data);
	assert_int_equal(msp_order_from_json(NULL, &none, &p.err), MSP_ERR_PARSE);
	msp_order_free(NULL);
}

static void test_amounts(void **state)
{
	(void)state;
	struct {
		const char *json;
		bool has;
		int64_t amount;
	} cases[] = {
	    {"{\"amount\":1000}", true, 1000},
	    {"{\"amount\":\"1000\"}", true, 1000},
	    {"{\"amount\":\"-5\"}", true, -5},
	    {"{\"amount\":1000.0}", true, 1000},
	    {"{\"amount\":1e3}", true, 1000},
	    {"{\"amount\":10.5}", false, 0},
	    {"{\"amount\":1e300}", false, 0},
	    {"{\"amount\":-1e300}", false, 0},
	    {"{\"amount\":\"10.00\"}", false, 0},
	    {"{\"amount\":\" 1000\"}", false, 0},
	    {"{\"amount\":\"\"}", false, 0},
	    {"{\"amount\":\"-\"}", false, 0},
	    {"{\"amount\":\"99999999999999999999\"}", false, 0},
	    {"{\"amount\":true}", false, 0},
	    {"{\"amount\":9223372036854775807}", true, INT64_MAX},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		msp_order *o = NULL;
		msp_error err;
		msp_error_clear(&err);
		char json[128];
		snprintf(json, sizeof(json), "{\"order_id\":\"a\",%s", cases[i].json + 1);
		msp_status status = msp_order_parse(json, strlen(json), &o, &err);
		/* An amount that is there but not an integer is a protocol error, never 0. */
		if (status != (cases[i].has ? MSP_OK : MSP_ERR_PARSE)) {
			fail_msg("%s: status %d", cases[i].json, (int)status);
		}
		if (cases[i].has && o->amount != cases[i].amount) {
			fail_msg("%s: amount %lld", cases[i].json, (long long)o->amount);
		}
		msp_order_free(o);
	}
	msp_order *o = NULL;
	msp_error err;
	const char no_amount[] = "{\"order_id\":\"a\"}";
	assert_int_equal(msp_order_parse(no_amount, strlen(no_amount), &o, &err), MSP_OK);
	assert_false(o->has_amount); /* missing is not wrong: status look-ups may omit it */
	msp_order_free(o);
}

static void test_notification_body(void **state)
{
	(void)state;
	size_t len;
	char *body = read_fixture("notification_post.json", &len);
	msp_order *o = NULL;
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(msp_order_parse(body, len, &o, &err), MSP_OK);
	assert_text(o->order_id, "shop-1001");
	assert_text(o->status, "completed");
	assert_text(o->transaction_id, "1234567890123456");
	assert_text(o->last4, "1111");
	msp_order_free(o);
	/* Not exactly one JSON object. */
	const char *bad[] = {"", "transactionid=1", "{\"order_id\":\"x\"", "{\"order_id\":\"x\"} trailing", "[]"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o = (msp_order *)1;
		assert_int_equal(msp_order_parse(bad[i], strlen(bad[i]), &o, &err), MSP_ERR_PARSE);
		assert_null(o);
	}
	assert_int_equal(msp_order_parse(NULL, 0, &o, &err), MSP_ERR_PARSE);
	free(body);
}

static void test_refund_results(void **state)
{
	(void)state;
	msp_refund_result r;
	parsed p = parse_fixture("refund_refund_id.json", 200);
	assert_int_equal(msp_refund_result_from_json(&p.data, &r, &p.err), MSP_OK);
	assert_text(r.refund_id, "4051825");
	assert_text(r.transaction_id, "4051824");
	msp_refund_result_free(&r);
	assert_null(r.refund_id);
	msp_json_ref_release(&p.data);

	p = parse_fixture("refund_order_id.json", 200);
	assert_int_equal(msp_refund_result_from_json(&p.data, &r, &p.err), MSP_OK);
	/* The docs' example answer: the refund's id is its transaction, never the order id. */
	assert_text(r.refund_id, "4051826");
	assert_text(r.transaction_id, "4051826");
	msp_refund_result_free(&r);
	msp_json_ref_release(&p.data);

	const char empty[] = "{\"success\":true,\"data\":{}}";
	p = parse_body(empty, strlen(empty), 200);
	assert_int_equal(p.status, MSP_OK);
	assert_int_equal(msp_refund_result_from_json(&p.data, &r, &p.err), MSP_ERR_PARSE);
	msp_refund_result_free(&r);
	msp_json_ref_release(&p.data);
	assert_int_equal(msp_refund_result_from_json(NULL, &r, &p.err), MSP_ERR_PARSE);
	msp_refund_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_success_is_decided_by_the_json),
	    cmocka_unit_test(test_error_envelopes),
	    cmocka_unit_test(test_4xx_bodies_without_error_code),
	    cmocka_unit_test(test_unavailable),
	    cmocka_unit_test(test_bodies_that_are_not_a_json_object),
	    cmocka_unit_test(test_deeply_nested_garbage),
	    cmocka_unit_test(test_order_needing_3ds),
	    cmocka_unit_test(test_order_completed),
	    cmocka_unit_test(test_order_uncleared),
	    cmocka_unit_test(test_order_declined_with_reason_code),
	    cmocka_unit_test(test_order_mixed_types),
	    cmocka_unit_test(test_order_big_ids_stay_exact),
	    cmocka_unit_test(test_order_nulls_everywhere),
	    cmocka_unit_test(test_order_wrong_types),
	    cmocka_unit_test(test_amounts),
	    cmocka_unit_test(test_notification_body),
	    cmocka_unit_test(test_refund_results),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
