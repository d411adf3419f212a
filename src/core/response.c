#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* strdup */
#endif
#include "response.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notify.h"
#include "secmem.h"

#define EXCERPT_MAX 120 /* characters of a body quoted in an error message */

/* ---- tolerant field access ---- */

/* A member that is present and not null. */
static const msp_json *member(const msp_json *obj, const char *key)
{
	const msp_json *value = msp_json_get(obj, key);
	return value != NULL && value->type != MSP_JSON_NULL ? value : NULL;
}

static bool is_type(const msp_json *value, msp_json_type type)
{
	return value != NULL && value->type == type;
}

/* The text of a scalar, in the document (it lives as long as the order that holds the document):
 * strings as given, integers in decimal (a 16-digit transaction id stays exact), other numbers as
 * written or, when integral, in decimal (never in exponent form); true and false as words. NULL for
 * objects, arrays and empty strings, and when out of memory. */
static const char *text_of_value(msp_json_doc *doc, const msp_json *value)
{
	char digits[32];
	int64_t n;
	if (value == NULL) {
		return NULL;
	}
	switch (value->type) {
		case MSP_JSON_STRING:
			return value->len > 0 ? value->text : NULL;
		case MSP_JSON_BOOL:
			return value->boolean ? "true" : "false";
		case MSP_JSON_NUMBER:
			if (value->is_int && value->integer != 0) {
				return value->text;
			}
			if (msp_json_number_to_int64(value, &n)) {
				int written = snprintf(digits, sizeof(digits), "%lld", (long long)n);
				return msp_json_doc_strndup(doc, digits, (size_t)written);
			}
			return value->text;
		default:
			return NULL;
	}
}

static const char *text_of(msp_json_doc *doc, const msp_json *obj, const char *key)
{
	return text_of_value(doc, member(obj, key));
}

/* Numbers that lost their leading zeros as JSON numbers (last4 0004 -> 4, expiry 0127 -> 127) get
 * them back; strings are kept as given. */
static const char *four_digits_of_value(msp_json_doc *doc, const msp_json *value)
{
	if (is_type(value, MSP_JSON_NUMBER) && value->is_int && value->integer >= 0 && value->integer <= 9999) {
		char padded[8];
		snprintf(padded, sizeof(padded), "%04d", (int)value->integer);
		return msp_json_doc_strndup(doc, padded, 4);
	}
	return text_of_value(doc, value);
}

/* A decimal integer in a string ("1000", "-5"); false for anything else or out of range. */
static bool parse_decimal(const char *s, int64_t *out)
{
	size_t i = s[0] == '-' ? 1 : 0;
	uint64_t magnitude = 0;
	if (s[i] == '\0') {
		return false;
	}
	for (; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9' || magnitude > (UINT64_C(9223372036854775807) - 9) / 10) {
			return false;
		}
		magnitude = magnitude * 10 + (uint64_t)(s[i] - '0');
	}
	*out = s[0] == '-' ? -(int64_t)magnitude : (int64_t)magnitude;
	return true;
}

/* An integer, an integral number in another notation or a string of digits ("1000"); false (and 0)
 * otherwise. */
static bool int_value(const msp_json *value, int64_t *out)
{
	*out = 0;
	if (is_type(value, MSP_JSON_NUMBER)) {
		return msp_json_number_to_int64(value, out) || (*out = 0, false);
	}
	if (is_type(value, MSP_JSON_STRING)) {
		return parse_decimal(value->text, out);
	}
	return false;
}

void msp_json_ref_release(msp_json_ref *ref)
{
	if (ref != NULL) {
		msp_json_doc_release(ref->doc);
		ref->doc = NULL;
		ref->value = NULL;
	}
}

/* ---- envelope ---- */

/* s, redacted, cut to max bytes, into out (always terminated). */
static void redacted_into(const char *s, size_t len, size_t max, char *out, size_t size)
{
	char *redacted = msp_redact(s, len, max);
	snprintf(out, size, "%s", redacted ? redacted : "");
	free(redacted);
}

/* A growing text for composed messages. The whole text is redacted before it is cut, so a card
 * number is never cut into a prefix too short to be recognised. */
typedef struct {
	char *data;
	size_t len;
	bool failed;
} text_builder;

static void append_text(text_builder *t, const char *s)
{
	size_t n = strlen(s);
	char *grown = t->failed ? NULL : realloc(t->data, t->len + n + 1);
	if (grown == NULL) {
		t->failed = true;
		return;
	}
	memcpy(grown + t->len, s, n + 1);
	t->data = grown;
	t->len += n;
}

static void append_bytes(text_builder *t, const char *s, size_t n)
{
	char *grown = t->failed ? NULL : realloc(t->data, t->len + n + 1);
	if (grown == NULL) {
		t->failed = true;
		return;
	}
	memcpy(grown + t->len, s, n);
	grown[t->len + n] = '\0';
	t->data = grown;
	t->len += n;
}

static void append_json_string(text_builder *t, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	append_bytes(t, "\"", 1);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			char escaped[2] = {'\\', (char)c};
			append_bytes(t, escaped, 2);
		} else if (c < 0x20) {
			char escaped[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0x0f]};
			append_bytes(t, escaped, 6);
		} else {
			append_bytes(t, s + i, 1);
		}
	}
	append_bytes(t, "\"", 1);
}

/* A value written back as compact JSON, for error details that are not plain strings. */
static void append_json(text_builder *t, const msp_json *value)
{
	switch (value->type) {
		case MSP_JSON_NULL:
			append_text(t, "null");
			return;
		case MSP_JSON_BOOL:
			append_text(t, value->boolean ? "true" : "false");
			return;
		case MSP_JSON_NUMBER:
			append_text(t, value->text);
			return;
		case MSP_JSON_STRING:
			append_json_string(t, value->text, value->len);
			return;
		case MSP_JSON_ARRAY:
		case MSP_JSON_OBJECT:
			append_text(t, value->type == MSP_JSON_ARRAY ? "[" : "{");
			for (const msp_json *child = value->first; child != NULL; child = child->next) {
				if (child != value->first) {
					append_text(t, ",");
				}
				if (value->type == MSP_JSON_OBJECT) {
					append_json_string(t, child->key, child->key_len);
					append_text(t, ":");
				}
				append_json(t, child);
			}
			append_text(t, value->type == MSP_JSON_ARRAY ? "]" : "}");
			return;
	}
}

static const char *string_member(const msp_json *obj, const char *const *keys)
{
	for (; *keys; keys++) {
		const msp_json *v = member(obj, *keys);
		if (is_type(v, MSP_JSON_STRING)) {
			return v->text;
		}
	}
	return NULL;
}

/* One entry of a 422 errors list: a string, or an object naming a field and a message. */
static void append_error_entry(text_builder *t, const msp_json *entry)
{
	static const char *const field_keys[] = {"field", "property", "name", "path", NULL};
	static const char *const message_keys[] = {"message", "error", "info", "description", NULL};
	const char *field = string_member(entry, field_keys);
	const char *message = string_member(entry, message_keys);
	if (entry == NULL) {
		return;
	}
	if (t->len > 0) {
		append_text(t, "; ");
	}
	if (is_type(entry, MSP_JSON_STRING)) {
		append_text(t, entry->text);
	} else if (message != NULL) {
		append_text(t, field ? field : "");
		append_text(t, field ? ": " : "");
		append_text(t, message);
	} else {
		append_json(t, entry);
	}
}

/* error_info, or message, or the errors list composed as "field: message; ..."; "" when none. */
static void compose_failure_info(const msp_json *root, text_builder *t)
{
	const msp_json *text = member(root, "error_info");
	const msp_json *errors = member(root, "errors");
	if (text == NULL) {
		text = member(root, "message");
	}
	append_text(t, "");
	if (is_type(text, MSP_JSON_STRING)) {
		append_text(t, text->text);
	} else if (text != NULL) {
		append_json(t, text);
	} else if (is_type(errors, MSP_JSON_ARRAY)) {
		for (const msp_json *entry = errors->first; entry != NULL && t->len < MSP_ERROR_MESSAGE_MAX * 4;
		     entry = entry->next) {
			append_error_entry(t, entry);
		}
	} else if (errors != NULL) {
		append_error_entry(t, errors);
	}
}

static const char *describe_unparsed(msp_json_result why)
{
	switch (why) {
		case MSP_JSON_EMPTY:
			return "empty";
		case MSP_JSON_TRUNCATED:
			return "truncated JSON";
		case MSP_JSON_OK:
			return "JSON but not an object";
		case MSP_JSON_TOO_DEEP:
			return "not JSON (nested too deep)";
		case MSP_JSON_NOMEM:
			return "not parsed (out of memory)";
		default:
			return "not JSON";
	}
}

static msp_status not_json(
    msp_json_result why, const char *body, size_t len, msp_api_failure *failure, msp_error *err)
{
	char excerpt[EXCERPT_MAX + 8];
	redacted_into(body, len, EXCERPT_MAX, excerpt, sizeof(excerpt));
	failure->not_json = true;
	if (why == MSP_JSON_EMPTY) {
		snprintf(
		    failure->info, sizeof(failure->info), "the response (HTTP %ld) is empty", failure->http_status);
	} else {
		snprintf(failure->info, sizeof(failure->info), "the response (HTTP %ld, %zu bytes) is %s: \"%s\"",
		    failure->http_status, len, describe_unparsed(why), excerpt);
	}
	return msp_error_set(err, why == MSP_JSON_NOMEM ? MSP_ERR_NOMEM : MSP_ERR_PARSE, 0, "%s", failure->info);
}

static bool success_of(const msp_json *root)
{
	const msp_json *success = member(root, "success");
	return is_type(success, MSP_JSON_BOOL) && success->boolean;
}

/* error_code as an int: a number or a numeric string, 0 when missing or out of range. */
static int error_code_of(const msp_json *root)
{
	int64_t code;
	return int_value(member(root, "error_code"), &code) && code > 0 && code <= 999999 ? (int)code : 0;
}

/* What `data` is when a successful envelope has none. */
static const msp_json empty_object = {.type = MSP_JSON_OBJECT};

msp_status msp_response_parse(const char *body, size_t len, long http_status, msp_json_ref *data,
    msp_api_failure *failure, msp_error *err)
{
	data->doc = NULL;
	data->value = NULL;
	memset(failure, 0, sizeof(*failure));
	failure->http_status = http_status;
	failure->unavailable = http_status == 501 || http_status == 503;

	msp_json_doc *doc = NULL;
	msp_json_result parsed = msp_json_parse(body, len, &doc);
	const msp_json *root = msp_json_root(doc);
	if (parsed != MSP_JSON_OK || !is_type(root, MSP_JSON_OBJECT)) {
		msp_json_doc_release(doc);
		return not_json(parsed, body, len, failure, err);
	}
	if (success_of(root)) {
		const msp_json *payload = member(root, "data");
		data->doc = doc;
		data->value = payload != NULL ? payload : &empty_object;
		return MSP_OK;
	}
	text_builder info = {NULL, 0, false};
	failure->error_code = error_code_of(root);
	compose_failure_info(root, &info);
	msp_json_doc_release(doc);
	/* The API may echo what it was sent: mask card numbers and flatten control characters. */
	redacted_into(info.data ? info.data : "", info.len, sizeof(failure->info) - 4, failure->info,
	    sizeof(failure->info));
	free(info.data);
	if (failure->info[0] == '\0') {
		snprintf(
		    failure->info, sizeof(failure->info), "the API answered without success (HTTP %ld)", http_status);
	}
	if (failure->error_code != 0) {
		return msp_error_set(err, MSP_ERR_API, failure->error_code, "MultiSafepay error %d: %s",
		    failure->error_code, failure->info);
	}
	return msp_error_set(
	    err, MSP_ERR_API, 0, "MultiSafepay error (HTTP %ld): %s", http_status, failure->info);
}

/* ---- orders ---- */

static void read_related(const msp_json *related, msp_order *order)
{
	if (!is_type(related, MSP_JSON_ARRAY) || related->len == 0) {
		return;
	}
	order->related = msp_json_doc_zalloc(order->doc, related->len * sizeof(*order->related));
	if (order->related == NULL) {
		return;
	}
	for (const msp_json *tx = related->first; tx != NULL; tx = tx->next) {
		if (!is_type(tx, MSP_JSON_OBJECT)) {
			continue;
		}
		msp_related_transaction *r = &order->related[order->related_count++];
		r->type = text_of(order->doc, tx, "type");
		r->transaction_id = text_of(order->doc, tx, "transaction_id");
		r->status = text_of(order->doc, tx, "status");
		r->currency = text_of(order->doc, tx, "currency");
		r->created = text_of(order->doc, tx, "created");
		const msp_json *amount = member(tx, "amount");
		if (!int_value(amount, &r->amount) && amount != NULL) {
			order->related_amounts_unusable = true;
		}
	}
}

static bool text_is(const char *text, const char *expected)
{
	return text != NULL && strcmp(text, expected) == 0;
}

static int64_t refunds_requested(const msp_order *order)
{
	int64_t sum = 0;
	for (size_t i = 0; i < order->related_count; i++) {
		const msp_related_transaction *tx = &order->related[i];
		if (text_is(tx->type, "refund") &&
		    (text_is(tx->status, "reserved") || text_is(tx->status, "initialized") ||
		        text_is(tx->status, "completed")) &&
		    tx->amount > 0 && tx->amount <= INT64_MAX - sum) {
			sum += tx->amount;
		}
	}
	return sum > order->amount_refunded ? sum : order->amount_refunded;
}

/* ---- reading an order in one pass per object ----
 * An order has a few dozen members and msp reads about twenty of them: instead of a lookup per field
 * (each a walk over every member), each object is walked once and every member is matched against
 * the names wanted from it. */

typedef struct {
	const char *name;
	size_t len;
} wanted_member;

#define WANTED(name)                                                                                         \
	{                                                                                                        \
		name, sizeof(name) - 1                                                                               \
	}

/* found[i]: the last member named names[i] that is not null, as member() gives it, or NULL. */
static void pick_members(const msp_json *obj, const wanted_member *names, size_t n, const msp_json **found)
{
	for (size_t i = 0; i < n; i++) {
		found[i] = NULL;
	}
	if (!is_type(obj, MSP_JSON_OBJECT)) {
		return;
	}
	for (const msp_json *m = obj->first; m != NULL; m = m->next) {
		for (size_t i = 0; i < n; i++) {
			if (names[i].len == m->key_len && (m->key_len == 0 || names[i].name[0] == m->key[0]) &&
			    memcmp(names[i].name, m->key, m->key_len) == 0) {
				found[i] = m->type == MSP_JSON_NULL ? NULL : m;
				break;
			}
		}
	}
}

enum {
	ORDER_ID,
	TRANSACTION_ID,
	STATUS,
	FINANCIAL_STATUS,
	CURRENCY,
	DESCRIPTION,
	CREATED,
	MODIFIED,
	REASON,
	REASON_CODE,
	PAYMENT_URL,
	CANCEL_URL,
	VAR1,
	VAR2,
	VAR3,
	AMOUNT,
	AMOUNT_REFUNDED,
	PAYMENT_DETAILS,
	RELATED_TRANSACTIONS,
	CUSTOMER_VERIFICATION,
	ORDER_MEMBERS
};

static const wanted_member order_members[ORDER_MEMBERS] = {
    [ORDER_ID] = WANTED("order_id"),
    [TRANSACTION_ID] = WANTED("transaction_id"),
    [STATUS] = WANTED("status"),
    [FINANCIAL_STATUS] = WANTED("financial_status"),
    [CURRENCY] = WANTED("currency"),
    [DESCRIPTION] = WANTED("description"),
    [CREATED] = WANTED("created"),
    [MODIFIED] = WANTED("modified"),
    [REASON] = WANTED("reason"),
    [REASON_CODE] = WANTED("reason_code"),
    [PAYMENT_URL] = WANTED("payment_url"),
    [CANCEL_URL] = WANTED("cancel_url"),
    [VAR1] = WANTED("var1"),
    [VAR2] = WANTED("var2"),
    [VAR3] = WANTED("var3"),
    [AMOUNT] = WANTED("amount"),
    [AMOUNT_REFUNDED] = WANTED("amount_refunded"),
    [PAYMENT_DETAILS] = WANTED("payment_details"),
    [RELATED_TRANSACTIONS] = WANTED("related_transactions"),
    [CUSTOMER_VERIFICATION] = WANTED("customer_verification"),
};

enum {
	DETAIL_TYPE,
	DETAIL_LAST4,
	DETAIL_CARD_EXPIRY_DATE,
	DETAIL_ACCOUNT_HOLDER_NAME,
	DETAIL_ISSUER_COUNTRY_CODE,
	DETAIL_CARD_FUNDING,
	DETAIL_RESPONSE_CODE,
	DETAIL_AUTHORIZATION_CODE,
	DETAIL_EXTERNAL_TRANSACTION_ID,
	DETAIL_AUTHENTICATION_RESULT,
	DETAIL_AUTHENTICATION_DETAILS,
	DETAIL_CAPTURE,
	DETAIL_CAPTURE_EXPIRY,
	DETAIL_CAPTURE_REMAIN,
	DETAIL_MEMBERS
};

static const wanted_member detail_members[DETAIL_MEMBERS] = {
    [DETAIL_TYPE] = WANTED("type"),
    [DETAIL_LAST4] = WANTED("last4"),
    [DETAIL_CARD_EXPIRY_DATE] = WANTED("card_expiry_date"),
    [DETAIL_ACCOUNT_HOLDER_NAME] = WANTED("account_holder_name"),
    [DETAIL_ISSUER_COUNTRY_CODE] = WANTED("issuer_country_code"),
    [DETAIL_CARD_FUNDING] = WANTED("card_funding"),
    [DETAIL_RESPONSE_CODE] = WANTED("response_code"),
    [DETAIL_AUTHORIZATION_CODE] = WANTED("authorization_code"),
    [DETAIL_EXTERNAL_TRANSACTION_ID] = WANTED("external_transaction_id"),
    [DETAIL_AUTHENTICATION_RESULT] = WANTED("card_authentication_result"),
    [DETAIL_AUTHENTICATION_DETAILS] = WANTED("card_authentication_details"),
    [DETAIL_CAPTURE] = WANTED("capture"),
    [DETAIL_CAPTURE_EXPIRY] = WANTED("capture_expiry"),
    [DETAIL_CAPTURE_REMAIN] = WANTED("capture_remain"),
};

static void read_payment_details(const msp_json *details, msp_order *order)
{
	msp_json_doc *doc = order->doc;
	const msp_json *d[DETAIL_MEMBERS];
	pick_members(details, detail_members, DETAIL_MEMBERS, d);
	const msp_json *auth = d[DETAIL_AUTHENTICATION_RESULT];
	order->brand = text_of_value(doc, d[DETAIL_TYPE]);
	order->last4 = four_digits_of_value(doc, d[DETAIL_LAST4]);
	order->card_expiry_date = four_digits_of_value(doc, d[DETAIL_CARD_EXPIRY_DATE]);
	order->account_holder_name = text_of_value(doc, d[DETAIL_ACCOUNT_HOLDER_NAME]);
	order->issuer_country_code = text_of_value(doc, d[DETAIL_ISSUER_COUNTRY_CODE]);
	order->card_funding = text_of_value(doc, d[DETAIL_CARD_FUNDING]);
	order->response_code = text_of_value(doc, d[DETAIL_RESPONSE_CODE]);
	order->authorization_code = text_of_value(doc, d[DETAIL_AUTHORIZATION_CODE]);
	order->external_transaction_id = text_of_value(doc, d[DETAIL_EXTERNAL_TRANSACTION_ID]);
	order->threeds_status = text_of(doc, auth, "status");
	order->threeds_eci = text_of(doc, auth, "eci");
	order->threeds_version = text_of(doc, auth, "version");
	order->threeds_flow = text_of(doc, d[DETAIL_AUTHENTICATION_DETAILS], "flow");
	order->capture = text_of_value(doc, d[DETAIL_CAPTURE]);
	order->capture_expiry = text_of_value(doc, d[DETAIL_CAPTURE_EXPIRY]);
	order->has_capture_remain = int_value(d[DETAIL_CAPTURE_REMAIN], &order->capture_remain);
}

static void read_order_texts(const msp_json *const *m, msp_order *order)
{
	msp_json_doc *doc = order->doc;
	order->order_id = text_of_value(doc, m[ORDER_ID]);
	order->transaction_id = text_of_value(doc, m[TRANSACTION_ID]);
	order->status = text_of_value(doc, m[STATUS]);
	order->financial_status = text_of_value(doc, m[FINANCIAL_STATUS]);
	order->currency = text_of_value(doc, m[CURRENCY]);
	order->description = text_of_value(doc, m[DESCRIPTION]);
	order->created = text_of_value(doc, m[CREATED]);
	order->modified = text_of_value(doc, m[MODIFIED]);
	order->reason = text_of_value(doc, m[REASON]);
	order->reason_code = text_of_value(doc, m[REASON_CODE]);
	order->payment_url = text_of_value(doc, m[PAYMENT_URL]);
	order->cancel_url = text_of_value(doc, m[CANCEL_URL]);
	order->var[0] = text_of_value(doc, m[VAR1]);
	order->var[1] = text_of_value(doc, m[VAR2]);
	order->var[2] = text_of_value(doc, m[VAR3]);
}

/* Money and identity are never guessed: an order without an id, or whose amounts are not integers
 * (10.5, "ten"), is a protocol error rather than an order for 0. Why, or NULL when usable. */
static const char *unusable_order(const msp_json *const *m, const msp_order *order, bool refunded_ok)
{
	if (order->order_id == NULL) {
		return "it has no order_id";
	}
	if (m[AMOUNT] != NULL && !order->has_amount) {
		return "amount is not an integer number of minor units";
	}
	if (m[AMOUNT_REFUNDED] != NULL && !refunded_ok) {
		return "amount_refunded is not an integer number of minor units";
	}
	if (order->related_amounts_unusable) {
		return "a related transaction's amount is not an integer number of minor units";
	}
	return NULL;
}

msp_status msp_order_from_json(const msp_json_ref *obj, msp_order **out, msp_error *err)
{
	*out = NULL;
	if (obj == NULL || obj->doc == NULL || !is_type(obj->value, MSP_JSON_OBJECT)) {
		return msp_error_set(err, MSP_ERR_PARSE, 0, "the order is not a JSON object");
	}
	msp_order *order = msp_json_doc_zalloc(obj->doc, sizeof(*order));
	if (order == NULL) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
	}
	const msp_json *data = obj->value;
	order->doc = msp_json_doc_retain(obj->doc);
	order->data = data;
	const msp_json *m[ORDER_MEMBERS];
	pick_members(data, order_members, ORDER_MEMBERS, m);
	read_order_texts(m, order);
	order->has_amount = int_value(m[AMOUNT], &order->amount);
	bool refunded_ok = int_value(m[AMOUNT_REFUNDED], &order->amount_refunded);
	read_payment_details(m[PAYMENT_DETAILS], order);
	read_related(m[RELATED_TRANSACTIONS], order);
	const char *unusable = unusable_order(m, order, refunded_ok);
	if (unusable != NULL) {
		msp_order_free(order);
		return msp_error_set(err, MSP_ERR_PARSE, 0, "the answer is not a usable order: %s", unusable);
	}
	order->refunds_requested = refunds_requested(order);
	const msp_json *verification = m[CUSTOMER_VERIFICATION];
	order->verification_html = text_of(order->doc, verification, "html");
	if (order->verification_html != NULL) {
		order->verification_type = text_of(order->doc, verification, "type");
	}
	*out = order;
	return MSP_OK;
}

msp_status msp_order_parse(const char *body, size_t len, msp_order **out, msp_error *err)
{
	*out = NULL;
	msp_json_ref root = {NULL, NULL};
	msp_json_result parsed = msp_json_parse(body, len, &root.doc);
	if (parsed == MSP_JSON_NOMEM) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
	}
	if (parsed != MSP_JSON_OK) {
		return msp_error_set(err, MSP_ERR_PARSE, 0, "the order body is %s", describe_unparsed(parsed));
	}
	root.value = msp_json_root(root.doc);
	msp_status status = msp_order_from_json(&root, out, err);
	msp_json_ref_release(&root);
	return status;
}

/* An order lives in its document, with its texts and related list: releasing the document frees all. */
void msp_order_free(msp_order *order)
{
	if (order == NULL) {
		return;
	}
	msp_json_doc_release(order->doc); /* the order itself and its related list live in it */
}

const char *msp_order_related_status(const msp_order *order, const char *transaction_id)
{
	for (size_t i = 0; transaction_id != NULL && i < order->related_count; i++) {
		if (text_is(order->related[i].transaction_id, transaction_id)) {
			return order->related[i].status;
		}
	}
	return NULL;
}

static char *copy_text(const char *text)
{
	return text != NULL ? strdup(text) : NULL;
}

msp_status msp_refund_result_from_json(const msp_json_ref *obj, msp_refund_result *out, msp_error *err)
{
	memset(out, 0, sizeof(*out));
	const msp_json *value = obj != NULL ? obj->value : NULL;
	msp_json_doc *doc = obj != NULL ? obj->doc : NULL;
	if (doc != NULL) {
		out->transaction_id = copy_text(text_of(doc, value, "transaction_id"));
		out->refund_id = copy_text(text_of(doc, value, "refund_id"));
		if (out->refund_id == NULL) {
			out->refund_id = copy_text(out->transaction_id);
		}
		out->status = copy_text(text_of(doc, value, "status"));
	}
	if (out->refund_id == NULL) {
		msp_refund_result_free(out);
		return msp_error_set(
		    err, MSP_ERR_PARSE, 0, "the refund answer has neither refund_id nor transaction_id");
	}
	return MSP_OK;
}

void msp_refund_result_free(msp_refund_result *result)
{
	free(result->refund_id);
	free(result->transaction_id);
	free(result->status);
	memset(result, 0, sizeof(*result));
}

/* Escapes a URL for a double-quoted HTML attribute. */
static void append_html_attribute(text_builder *t, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
			case '&':
				append_text(t, "&amp;");
				break;
			case '"':
				append_text(t, "&quot;");
				break;
			case '<':
				append_text(t, "&lt;");
				break;
			case '>':
				append_text(t, "&gt;");
				break;
			default:
				append_bytes(t, s, 1);
		}
	}
}

void msp_order_add_redirect_verification(msp_order *order)
{
	if (order == NULL || order->verification_html != NULL || order->payment_url == NULL ||
	    !text_is(order->status, "initialized")) {
		return;
	}
	text_builder page = {NULL, 0, false};
	append_text(&page, "<!DOCTYPE html><html><head><meta http-equiv=\"refresh\" content=\"0;url=");
	append_html_attribute(&page, order->payment_url);
	append_text(&page, "\"></head><body><a href=\"");
	append_html_attribute(&page, order->payment_url);
	append_text(&page, "\">Continue to 3-D Secure</a></body></html>");
	if (!page.failed) {
		order->verification_html = msp_json_doc_strndup(order->doc, page.data, page.len);
		order->verification_type = order->verification_html != NULL ? "redirect" : NULL;
	}
	free(page.data);
}

/* Fills a related-transaction view from a JSON entry (texts point into the order's document). */
static void related_view(msp_json_doc *doc, const msp_json *tx, msp_notify_related *out)
{
	out->type = text_of(doc, tx, "type");
	out->type_len = out->type ? strlen(out->type) : 0;
	out->transaction_id = text_of(doc, tx, "transaction_id");
	out->transaction_id_len = out->transaction_id ? strlen(out->transaction_id) : 0;
	out->status = text_of(doc, tx, "status");
	out->status_len = out->status ? strlen(out->status) : 0;
}

msp_status msp_order_event_id(const msp_order *order, char out[65], msp_error *err)
{
	const msp_json *related = member(order->data, "related_transactions");
	size_t n = is_type(related, MSP_JSON_ARRAY) ? related->len : 0;
	msp_notify_related *views = n ? calloc(n, sizeof(*views)) : NULL;
	if (n && views == NULL) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
	}
	size_t i = 0;
	for (const msp_json *tx = n ? related->first : NULL; tx != NULL; tx = tx->next) {
		related_view(order->doc, tx, &views[i++]);
	}
	msp_notify_event event = {
	    .order_id = order->order_id ? order->order_id : "",
	    .order_id_len = order->order_id ? strlen(order->order_id) : 0,
	    .status = order->status ? order->status : "",
	    .status_len = order->status ? strlen(order->status) : 0,
	    .financial_status = order->financial_status ? order->financial_status : "",
	    .financial_status_len = order->financial_status ? strlen(order->financial_status) : 0,
	    .amount_refunded = order->amount_refunded,
	    .related = views,
	    .related_count = n,
	};
	msp_status status = msp_notify_event_id(&event, out, err);
	free(views);
	return status;
}
