#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* strdup */
#endif
#include "response.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notify.h"
#include "secmem.h"

#define EXCERPT_MAX 120 /* characters of a body quoted in an error message */

/* ---- tolerant field access ---- */

/* A member that is present and not null. */
static json_object *member(json_object *obj, const char *key)
{
	json_object *value = NULL;
	if (obj != NULL && json_object_is_type(obj, json_type_object) &&
	    json_object_object_get_ex(obj, key, &value) && !json_object_is_type(value, json_type_null)) {
		return value;
	}
	return NULL;
}

/* A double that holds an integer int64_t can represent; the range test keeps the cast defined. */
static bool double_as_int(double d, int64_t *out)
{
	if (!isfinite(d) || d != floor(d) || d < -9223372036854775808.0 || d >= 9223372036854775808.0) {
		return false;
	}
	*out = (int64_t)d;
	return true;
}

/* The text of a scalar: strings as given, integers in decimal (json-c keeps 64 bits, so a 16-digit
 * transaction id stays exact), doubles as their original text or, when integral, in decimal (never
 * in exponent form). NULL for objects, arrays and empty strings. */
static char *text_of_value(json_object *value)
{
	char digits[32];
	int64_t n;
	if (value == NULL || json_object_is_type(value, json_type_object) ||
	    json_object_is_type(value, json_type_array)) {
		return NULL;
	}
	const char *text = json_object_get_string(value);
	if (json_object_is_type(value, json_type_double) && double_as_int(json_object_get_double(value), &n)) {
		snprintf(digits, sizeof(digits), "%lld", (long long)n);
		text = digits;
	}
	return text != NULL && text[0] != '\0' ? strdup(text) : NULL;
}

static char *text_of(json_object *obj, const char *key)
{
	return text_of_value(member(obj, key));
}

/* Numbers that lost their leading zeros as JSON numbers (last4 0004 -> 4, expiry 0127 -> 127) get
 * them back; strings are kept as given. */
static char *four_digits_of(json_object *obj, const char *key)
{
	json_object *value = member(obj, key);
	if (value != NULL && json_object_is_type(value, json_type_int)) {
		int64_t n = json_object_get_int64(value);
		if (n >= 0 && n <= 9999) {
			char padded[8];
			snprintf(padded, sizeof(padded), "%04d", (int)n);
			return strdup(padded);
		}
	}
	return text_of_value(value);
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

/* An integer, an integral double or a string of digits ("1000"); false (and 0) otherwise. */
static bool int_value(json_object *value, int64_t *out)
{
	*out = 0;
	if (value == NULL) {
		return false;
	}
	if (json_object_is_type(value, json_type_int)) {
		*out = json_object_get_int64(value);
		return true;
	}
	if (json_object_is_type(value, json_type_double)) {
		return double_as_int(json_object_get_double(value), out);
	}
	if (json_object_is_type(value, json_type_string)) {
		return parse_decimal(json_object_get_string(value), out);
	}
	return false;
}

static int64_t int_of(json_object *obj, const char *key)
{
	int64_t n;
	int_value(member(obj, key), &n);
	return n;
}

/* ---- JSON text ---- */

typedef enum {
	JSON_TEXT_OK,
	JSON_TEXT_EMPTY,
	JSON_TEXT_TRUNCATED, /* valid so far, but the body ends early */
	JSON_TEXT_INVALID,   /* not JSON, nested too deep, or followed by more than whitespace */
} json_text_result;

static bool json_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Exactly one JSON value, optionally surrounded by whitespace. json-c stops after the first value,
 * so whatever follows it is checked here. */
static json_text_result parse_json_text(const char *body, size_t len, json_object **out)
{
	*out = NULL;
	size_t start = 0;
	while (body != NULL && start < len && json_blank(body[start])) {
		start++;
	}
	if (body == NULL || start == len) {
		return JSON_TEXT_EMPTY;
	}
	if (len - start > INT32_MAX) {
		return JSON_TEXT_INVALID;
	}
	json_tokener *tok = json_tokener_new();
	if (tok == NULL) {
		return JSON_TEXT_INVALID;
	}
	json_object *root = json_tokener_parse_ex(tok, body + start, (int)(len - start));
	enum json_tokener_error error = json_tokener_get_error(tok);
	size_t end = start + (size_t)json_tokener_get_parse_end(tok);
	if (error == json_tokener_continue) {
		/* The body ended inside a value: a NUL tells json-c the input is over, which completes a
		 * bare number ("42") and fails anything that is really cut short. */
		root = json_tokener_parse_ex(tok, "", 1);
		error = json_tokener_get_error(tok);
		end = len;
		if (root == NULL || error != json_tokener_success) {
			json_object_put(root);
			json_tokener_free(tok);
			return JSON_TEXT_TRUNCATED;
		}
	}
	json_tokener_free(tok);
	while (end < len && json_blank(body[end])) {
		end++;
	}
	if (root == NULL || error != json_tokener_success || end != len) {
		json_object_put(root);
		return JSON_TEXT_INVALID;
	}
	*out = root;
	return JSON_TEXT_OK;
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

static const char *string_member(json_object *obj, const char *const *keys)
{
	for (; *keys; keys++) {
		json_object *v = member(obj, *keys);
		if (v != NULL && json_object_is_type(v, json_type_string)) {
			return json_object_get_string(v);
		}
	}
	return NULL;
}

/* One entry of a 422 errors list: a string, or an object naming a field and a message. */
static void append_error_entry(text_builder *t, json_object *entry)
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
	if (json_object_is_type(entry, json_type_string)) {
		append_text(t, json_object_get_string(entry));
	} else if (message != NULL) {
		append_text(t, field ? field : "");
		append_text(t, field ? ": " : "");
		append_text(t, message);
	} else {
		append_text(t, json_object_to_json_string_ext(entry, JSON_C_TO_STRING_PLAIN));
	}
}

/* error_info, or message, or the errors list composed as "field: message; ..."; "" when none. */
static void compose_failure_info(json_object *root, text_builder *t)
{
	json_object *text = member(root, "error_info");
	json_object *errors = member(root, "errors");
	if (text == NULL) {
		text = member(root, "message");
	}
	append_text(t, "");
	if (text != NULL) {
		append_text(t, json_object_is_type(text, json_type_string)
		                   ? json_object_get_string(text)
		                   : json_object_to_json_string_ext(text, JSON_C_TO_STRING_PLAIN));
	} else if (errors != NULL && json_object_is_type(errors, json_type_array)) {
		size_t n = json_object_array_length(errors);
		for (size_t i = 0; i < n && t->len < MSP_ERROR_MESSAGE_MAX * 4; i++) {
			append_error_entry(t, json_object_array_get_idx(errors, i));
		}
	} else if (errors != NULL) {
		append_error_entry(t, errors);
	}
}

static msp_status not_json(
    json_text_result why, const char *body, size_t len, msp_api_failure *failure, msp_error *err)
{
	char excerpt[EXCERPT_MAX + 8];
	redacted_into(body, len, EXCERPT_MAX, excerpt, sizeof(excerpt));
	failure->not_json = true;
	const char *what = why == JSON_TEXT_EMPTY       ? "empty"
	                   : why == JSON_TEXT_TRUNCATED ? "truncated JSON"
	                   : why == JSON_TEXT_OK        ? "JSON but not an object"
	                                                : "not JSON";
	if (why == JSON_TEXT_EMPTY) {
		snprintf(
		    failure->info, sizeof(failure->info), "the response (HTTP %ld) is empty", failure->http_status);
	} else {
		snprintf(failure->info, sizeof(failure->info), "the response (HTTP %ld, %zu bytes) is %s: \"%s\"",
		    failure->http_status, len, what, excerpt);
	}
	return msp_error_set(err, MSP_ERR_PARSE, 0, "%s", failure->info);
}

static bool success_of(json_object *root)
{
	json_object *success = member(root, "success");
	return success != NULL && json_object_is_type(success, json_type_boolean) &&
	       json_object_get_boolean(success);
}

/* error_code as an int: a number or a numeric string, 0 when missing or out of range. */
static int error_code_of(json_object *root)
{
	int64_t code;
	return int_value(member(root, "error_code"), &code) && code > 0 && code <= 999999 ? (int)code : 0;
}

msp_status msp_response_parse(const char *body, size_t len, long http_status, json_object **data,
    msp_api_failure *failure, msp_error *err)
{
	*data = NULL;
	memset(failure, 0, sizeof(*failure));
	failure->http_status = http_status;
	failure->unavailable = http_status == 501 || http_status == 503;

	json_object *root = NULL;
	json_text_result parsed = parse_json_text(body, len, &root);
	if (parsed != JSON_TEXT_OK || !json_object_is_type(root, json_type_object)) {
		json_object_put(root);
		return not_json(parsed, body, len, failure, err);
	}
	if (success_of(root)) {
		json_object *payload = member(root, "data");
		*data = payload != NULL ? json_object_get(payload) : json_object_new_object();
		json_object_put(root);
		return *data != NULL ? MSP_OK : msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
	}
	text_builder info = {NULL, 0, false};
	failure->error_code = error_code_of(root);
	compose_failure_info(root, &info);
	json_object_put(root);
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

static void read_related(json_object *data, msp_order *order)
{
	json_object *related = member(data, "related_transactions");
	if (related == NULL || !json_object_is_type(related, json_type_array)) {
		return;
	}
	size_t n = json_object_array_length(related);
	order->related = n ? calloc(n, sizeof(*order->related)) : NULL;
	for (size_t i = 0; order->related != NULL && i < n; i++) {
		json_object *tx = json_object_array_get_idx(related, i);
		if (tx == NULL || !json_object_is_type(tx, json_type_object)) {
			continue;
		}
		msp_related_transaction *r = &order->related[order->related_count++];
		r->type = text_of(tx, "type");
		r->transaction_id = text_of(tx, "transaction_id");
		r->status = text_of(tx, "status");
		r->currency = text_of(tx, "currency");
		r->created = text_of(tx, "created");
		r->amount = int_of(tx, "amount");
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

static void read_payment_details(json_object *data, msp_order *order)
{
	json_object *details = member(data, "payment_details");
	json_object *auth = member(details, "card_authentication_result");
	json_object *capture_remain = member(details, "capture_remain");
	order->brand = text_of(details, "type");
	order->last4 = four_digits_of(details, "last4");
	order->card_expiry_date = four_digits_of(details, "card_expiry_date");
	order->account_holder_name = text_of(details, "account_holder_name");
	order->issuer_country_code = text_of(details, "issuer_country_code");
	order->card_funding = text_of(details, "card_funding");
	order->response_code = text_of(details, "response_code");
	order->authorization_code = text_of(details, "authorization_code");
	order->external_transaction_id = text_of(details, "external_transaction_id");
	order->threeds_status = text_of(auth, "status");
	order->threeds_eci = text_of(auth, "eci");
	order->threeds_version = text_of(auth, "version");
	order->threeds_flow = text_of(member(details, "card_authentication_details"), "flow");
	order->capture = text_of(details, "capture");
	order->capture_expiry = text_of(details, "capture_expiry");
	order->has_capture_remain = int_value(capture_remain, &order->capture_remain);
}

msp_status msp_order_from_json(json_object *obj, msp_order **out, msp_error *err)
{
	*out = NULL;
	if (obj == NULL || !json_object_is_type(obj, json_type_object)) {
		return msp_error_set(err, MSP_ERR_PARSE, 0, "the order is not a JSON object");
	}
	msp_order *order = calloc(1, sizeof(*order));
	if (order == NULL) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
	}
	static const char *const var_keys[3] = {"var1", "var2", "var3"};
	order->data = json_object_get(obj);
	order->order_id = text_of(obj, "order_id");
	order->transaction_id = text_of(obj, "transaction_id");
	order->status = text_of(obj, "status");
	order->financial_status = text_of(obj, "financial_status");
	order->currency = text_of(obj, "currency");
	order->description = text_of(obj, "description");
	order->created = text_of(obj, "created");
	order->modified = text_of(obj, "modified");
	order->reason = text_of(obj, "reason");
	order->reason_code = text_of(obj, "reason_code");
	order->payment_url = text_of(obj, "payment_url");
	order->cancel_url = text_of(obj, "cancel_url");
	for (size_t i = 0; i < 3; i++) {
		order->var[i] = text_of(obj, var_keys[i]);
	}
	order->has_amount = int_value(member(obj, "amount"), &order->amount);
	order->amount_refunded = int_of(obj, "amount_refunded");
	read_payment_details(obj, order);
	read_related(obj, order);
	order->refunds_requested = refunds_requested(order);
	json_object *verification = member(obj, "customer_verification");
	order->verification_html = text_of(verification, "html");
	if (order->verification_html != NULL) {
		order->verification_type = text_of(verification, "type");
	}
	*out = order;
	return MSP_OK;
}

msp_status msp_order_parse(const char *body, size_t len, msp_order **out, msp_error *err)
{
	*out = NULL;
	json_object *root = NULL;
	json_text_result parsed = parse_json_text(body, len, &root);
	if (parsed != JSON_TEXT_OK) {
		return msp_error_set(err, MSP_ERR_PARSE, 0, "the order body is %s",
		    parsed == JSON_TEXT_EMPTY       ? "empty"
		    : parsed == JSON_TEXT_TRUNCATED ? "truncated JSON"
		                                    : "not JSON");
	}
	msp_status status = msp_order_from_json(root, out, err);
	json_object_put(root);
	return status;
}

static void free_related(msp_order *order)
{
	for (size_t i = 0; i < order->related_count; i++) {
		msp_related_transaction *r = &order->related[i];
		free(r->type);
		free(r->transaction_id);
		free(r->status);
		free(r->currency);
		free(r->created);
	}
	free(order->related);
}

void msp_order_free(msp_order *order)
{
	if (order == NULL) {
		return;
	}
	char **texts[] = {&order->order_id, &order->transaction_id, &order->status, &order->financial_status,
	    &order->currency, &order->description, &order->created, &order->modified, &order->reason,
	    &order->reason_code, &order->payment_url, &order->cancel_url, &order->var[0], &order->var[1],
	    &order->var[2], &order->brand, &order->last4, &order->card_expiry_date, &order->account_holder_name,
	    &order->issuer_country_code, &order->card_funding, &order->response_code, &order->authorization_code,
	    &order->external_transaction_id, &order->threeds_status, &order->threeds_eci, &order->threeds_version,
	    &order->threeds_flow, &order->capture, &order->capture_expiry, &order->verification_html,
	    &order->verification_type};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		free(*texts[i]);
	}
	free_related(order);
	json_object_put(order->data);
	free(order);
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

msp_status msp_refund_result_from_json(json_object *obj, msp_refund_result *out, msp_error *err)
{
	memset(out, 0, sizeof(*out));
	out->refund_id = text_of(obj, "refund_id");
	if (out->refund_id == NULL) {
		out->refund_id = text_of(obj, "order_id");
	}
	out->transaction_id = text_of(obj, "transaction_id");
	if (out->refund_id == NULL && out->transaction_id == NULL) {
		return msp_error_set(
		    err, MSP_ERR_PARSE, 0, "the refund answer has neither refund_id nor transaction_id");
	}
	return MSP_OK;
}

void msp_refund_result_free(msp_refund_result *result)
{
	free(result->refund_id);
	free(result->transaction_id);
	memset(result, 0, sizeof(*result));
}

/* ---- redaction ----
 *
 * One pass over the input: it is only read, and the output gets masked digits or "[redacted]" in
 * place of secrets, so no copy of a PAN or CVC is ever made, not even a temporary one. The output
 * grows with realloc: it holds nothing secret. */

typedef enum { KEY_PLAIN, KEY_CARD_NUMBER, KEY_SECRET, KEY_PSP_ID } key_kind;

typedef struct {
	const char *name;
	key_kind kind;
} key_rule;

/* Compared without regard to case. */
static const key_rule key_rules[] = {
    {"card_number", KEY_CARD_NUMBER},
    {"cardnumber", KEY_CARD_NUMBER},
    {"pan", KEY_CARD_NUMBER},
    {"card_cvc", KEY_SECRET},
    {"cvc", KEY_SECRET},
    {"cvc2", KEY_SECRET},
    {"cvv", KEY_SECRET},
    {"card_cvv", KEY_SECRET},
    {"api_key", KEY_SECRET},
    {"apikey", KEY_SECRET},
    {"password", KEY_SECRET},
    /* MultiSafepay's own ids: up to 16 digits that may pass Luhn by chance. */
    {"transaction_id", KEY_PSP_ID},
    {"external_transaction_id", KEY_PSP_ID},
    {"refund_id", KEY_PSP_ID},
};

#define PAN_MIN_DIGITS 12
#define REDACTED       "[redacted]"

typedef struct {
	const char *in;
	size_t len;
	bool json;      /* the body looks like JSON */
	bool psp_id;    /* the JSON value being read belongs to a KEY_PSP_ID key */
	size_t max_len; /* 0: no limit */
	char *out;
	size_t out_len;
	size_t out_cap;
	bool failed; /* out of memory */
} redactor;

static bool emit(redactor *r, const char *bytes, size_t n)
{
	if (r->failed) {
		return false;
	}
	if (r->out_len + n + 1 > r->out_cap) {
		size_t cap = r->out_cap ? r->out_cap : 256;
		while (r->out_len + n + 1 > cap) {
			cap *= 2;
		}
		char *grown = realloc(r->out, cap);
		if (grown == NULL) {
			r->failed = true;
			return false;
		}
		r->out = grown;
		r->out_cap = cap;
	}
	memcpy(r->out + r->out_len, bytes, n);
	r->out_len += n;
	return true;
}

static void emit_char(redactor *r, char c)
{
	emit(r, &c, 1);
}

/* Control characters become spaces: a body stays one log line and cannot forge another. */
static void emit_plain(redactor *r, char c)
{
	unsigned char u = (unsigned char)c;
	emit_char(r, u < 0x20 || u == 0x7f ? ' ' : c);
}

static bool full(const redactor *r)
{
	return r->max_len > 0 && r->out_len >= r->max_len;
}

static bool is_digit_char(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_word_char(char c)
{
	return is_digit_char(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static key_kind classify_key(const char *key, size_t len)
{
	for (size_t k = 0; k < sizeof(key_rules) / sizeof(key_rules[0]); k++) {
		size_t n = strlen(key_rules[k].name);
		bool same = n == len;
		for (size_t i = 0; same && i < n; i++) {
			same = lower(key[i]) == key_rules[k].name[i];
		}
		if (same) {
			return key_rules[k].kind;
		}
	}
	return KEY_PLAIN;
}

/* A digit run from i, ending at limit at the latest: digit groups joined by single spaces or dashes
 * ("4111 1111-1111 1111"). Returns its end; *digits counts the digits. */
static size_t digit_run(const redactor *r, size_t i, size_t limit, size_t *digits)
{
	size_t end = i;
	*digits = 0;
	while (end < limit) {
		char c = r->in[end];
		if (is_digit_char(c)) {
			(*digits)++;
			end++;
		} else if ((c == ' ' || c == '-') && end > i && end + 1 < limit && is_digit_char(r->in[end + 1])) {
			end++;
		} else {
			break;
		}
	}
	return end;
}

/* Writes a run with every digit but the last 4 as '*', separators kept. */
static void emit_masked_run(redactor *r, size_t start, size_t end, size_t digits)
{
	size_t seen = 0;
	for (size_t i = start; i < end; i++) {
		if (is_digit_char(r->in[i])) {
			seen++;
			emit_char(r, seen + 4 > digits ? r->in[i] : '*');
		} else {
			emit_char(r, r->in[i]);
		}
	}
}

/* A digit run outside a secret key's value: masked when it may hold a card number, that is when it
 * has 12 digits or more. Not only the Luhn-valid ones: a PAN glued to other digits (PAN and CVC,
 * "4111111111111111123") fails Luhn as a whole. in_json_string says whether a masked bare JSON
 * number must become a string to keep the JSON valid. */
static size_t handle_digits(redactor *r, size_t i, size_t limit, bool in_json_string)
{
	size_t digits;
	size_t end = digit_run(r, i, limit, &digits);
	bool mask = digits >= PAN_MIN_DIGITS && !(r->json && r->psp_id);
	if (!mask) {
		emit(r, r->in + i, end - i);
		return end;
	}
	bool quote = r->json && !in_json_string;
	if (quote) {
		emit_char(r, '"');
	}
	emit_masked_run(r, i, end, digits);
	if (quote) {
		emit_char(r, '"');
	}
	return end;
}

/* The end of a JSON string that starts at i (the opening quote); len when unterminated. */
static size_t string_end(const redactor *r, size_t i)
{
	for (size_t j = i + 1; j < r->len; j++) {
		if (r->in[j] == '\\') {
			j++;
		} else if (r->in[j] == '"') {
			return j + 1;
		}
	}
	return r->len;
}

/* The end of a JSON value starting at i: a string, a balanced object/array, or a scalar. */
static size_t json_value_end(const redactor *r, size_t i)
{
	if (i >= r->len) {
		return i;
	}
	if (r->in[i] == '"') {
		return string_end(r, i);
	}
	if (r->in[i] == '{' || r->in[i] == '[') {
		size_t depth = 0;
		for (size_t j = i; j < r->len; j++) {
			char c = r->in[j];
			if (c == '"') {
				j = string_end(r, j) - 1;
			} else if (c == '{' || c == '[') {
				depth++;
			} else if ((c == '}' || c == ']') && --depth == 0) {
				return j + 1;
			}
		}
		return r->len;
	}
	size_t j = i;
	while (j < r->len && strchr(",}] \t\r\n", r->in[j]) == NULL) {
		j++;
	}
	return j;
}

/* The end of a text value starting at i: quoted, or up to a delimiter. */
static size_t text_value_end(const redactor *r, size_t i)
{
	if (i < r->len && (r->in[i] == '"' || r->in[i] == '\'')) {
		const char *close = memchr(r->in + i + 1, r->in[i], r->len - i - 1);
		return close ? (size_t)(close - r->in) + 1 : r->len;
	}
	size_t j = i;
	/* A backslash ends it too, so that an escaped quote inside a JSON string stays whole. */
	while (j < r->len && strchr(",;&<>\"'}]) \t\r\n\\", r->in[j]) == NULL && r->in[j] != '\0') {
		j++;
	}
	return j;
}

/* The value of a secret key, [start, end), replaced: a card number by its last 4 digits, anything
 * else by [redacted]. quoted: write the replacement as a JSON string. */
static void emit_secret(redactor *r, key_kind kind, size_t start, size_t end, bool quoted)
{
	size_t digits = 0;
	for (size_t i = start; i < end; i++) {
		digits += is_digit_char(r->in[i]);
	}
	if (quoted) {
		emit_char(r, '"');
	}
	if (kind == KEY_CARD_NUMBER && digits >= PAN_MIN_DIGITS) {
		size_t seen = 0;
		for (size_t i = start; i < end; i++) {
			if (is_digit_char(r->in[i])) {
				seen++;
				emit_char(r, seen + 4 > digits ? r->in[i] : '*');
			}
		}
	} else {
		emit(r, REDACTED, strlen(REDACTED));
	}
	if (quoted) {
		emit_char(r, '"');
	}
}

/* Blanks, then sep, then blanks, from i; the position after them, or 0 when sep is not there. */
static size_t after_separator(const redactor *r, size_t i, const char *seps)
{
	while (i < r->len && (r->in[i] == ' ' || r->in[i] == '\t' || r->in[i] == '\r' || r->in[i] == '\n')) {
		i++;
	}
	if (i >= r->len || strchr(seps, r->in[i]) == NULL || r->in[i] == '\0') {
		return 0;
	}
	i++;
	while (i < r->len && (r->in[i] == ' ' || r->in[i] == '\t')) {
		i++;
	}
	return i;
}

static size_t text_secret(redactor *r, size_t i);

/* Writes the bytes [from, to) with control characters flattened and digit runs checked. Inside a
 * JSON string, text secrets are looked for too: an error message may quote "...?api_key=...". */
static void emit_span(redactor *r, size_t from, size_t to, bool in_json_string)
{
	for (size_t i = from; i < to && !full(r);) {
		size_t next = 0;
		if (in_json_string && is_word_char(r->in[i])) {
			size_t len = r->len;
			r->len = to; /* the secret's value ends with the string */
			next = text_secret(r, i);
			r->len = len;
		}
		if (next != 0) {
			i = next;
		} else if (is_digit_char(r->in[i]) && (i == from || !is_digit_char(r->in[i - 1]))) {
			i = handle_digits(r, i, to, in_json_string);
		} else {
			emit_plain(r, r->in[i++]);
		}
	}
}

/* A JSON string token at i: a key (followed by ':') or a value. */
static size_t json_string(redactor *r, size_t i)
{
	size_t end = string_end(r, i);
	size_t value = after_separator(r, end, ":");
	if (value == 0) {
		emit_span(r, i, end, true); /* a value */
		return end;
	}
	/* The key's last word, so that a stray backslash or quote in a broken body does not hide it
	 * ("x\"card_cvc":). For a well-formed key that is the key itself. */
	size_t key_end = end > i + 1 ? end - 1 : end;
	while (key_end > i + 1 && !is_word_char(r->in[key_end - 1])) {
		key_end--;
	}
	size_t key_start = key_end;
	while (key_start > i + 1 && is_word_char(r->in[key_start - 1])) {
		key_start--;
	}
	key_kind kind = classify_key(r->in + key_start, key_end - key_start);
	emit_span(r, i, value, true); /* the key, the colon and the blanks */
	r->psp_id = kind == KEY_PSP_ID;
	if (kind != KEY_CARD_NUMBER && kind != KEY_SECRET) {
		return value;
	}
	size_t value_end = json_value_end(r, value);
	emit_secret(r, kind, value, value_end, true);
	/* In a broken body the "value" may have been a key ("api_key":"cvc":"123"): what follows
	 * another colon is redacted too. Valid JSON never has a second colon here. */
	size_t next;
	while (value_end < r->len && (next = after_separator(r, value_end, ":")) != 0) {
		emit_span(r, value_end, next, true);
		value_end = json_value_end(r, next);
		emit_secret(r, KEY_SECRET, next, value_end, true);
	}
	return value_end;
}

/* Redacts one text value starting at value (after the separator); returns its end, or value when
 * there is none. The separator and key before it are already written. */
static size_t text_value(redactor *r, size_t value, key_kind kind)
{
	size_t digits;
	/* A card number in text may be written in groups ("4111 1111 1111 1111"): take the whole run. */
	size_t value_end = kind == KEY_CARD_NUMBER && value < r->len && is_digit_char(r->in[value])
	                       ? digit_run(r, value, r->len, &digits)
	                       : text_value_end(r, value);
	if (value_end == value) {
		return value;
	}
	bool quoted = r->in[value] == '"' || r->in[value] == '\'';
	size_t inner_start = value + (quoted ? 1 : 0);
	bool closed = quoted && value_end > inner_start && r->in[value_end - 1] == r->in[value];
	size_t inner_end = closed ? value_end - 1 : value_end;
	if (quoted) {
		emit_char(r, r->in[value]);
	}
	emit_secret(r, kind, inner_start, inner_end, false);
	if (closed) {
		emit_char(r, r->in[value]);
	}
	return value_end;
}

/* In text: a secret key at the start of a word, then ':' or '=', then its value. Returns the
 * position after the value, or 0 when i does not start one. */
static size_t text_secret(redactor *r, size_t i)
{
	/* A word starts here; digits before it do not count ("1111api_key=" in a garbled body). */
	if (!is_word_char(r->in[i]) || is_digit_char(r->in[i]) ||
	    (i > 0 && is_word_char(r->in[i - 1]) && !is_digit_char(r->in[i - 1]))) {
		return 0;
	}
	size_t end = i;
	while (end < r->len && is_word_char(r->in[end])) {
		end++;
	}
	key_kind kind = classify_key(r->in + i, end - i);
	if (kind != KEY_CARD_NUMBER && kind != KEY_SECRET) {
		return 0;
	}
	size_t after_key = end < r->len && (r->in[end] == '"' || r->in[end] == '\'') ? end + 1 : end;
	size_t value = after_separator(r, after_key, ":=");
	if (value == 0 || value == r->len || text_value_end(r, value) == value) {
		return 0; /* "api_key:" with nothing after it */
	}
	emit_span(r, i, value, false); /* the key and the separator */
	size_t value_end = text_value(r, value, kind);
	/* A broken body may chain them ("api_key":"cvc":"123"): what follows another separator is
	 * redacted too. */
	size_t next;
	while (value_end < r->len && (next = after_separator(r, value_end, ":=")) != 0) {
		emit_span(r, value_end, next, false);
		size_t chained_end = text_value(r, next, KEY_SECRET);
		if (chained_end == next) {
			return next;
		}
		value_end = chained_end;
	}
	return value_end;
}

static bool looks_like_json(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) {
		i++;
	}
	return i < len && (s[i] == '{' || s[i] == '[');
}

/* Both return where they stopped: the end, or earlier when the output is full. */
static size_t redact_json(redactor *r)
{
	size_t i = 0;
	while (i < r->len && !full(r)) {
		char c = r->in[i];
		size_t next;
		if (c == '"') {
			i = json_string(r, i);
		} else if (!is_digit_char(c) && (next = text_secret(r, i)) != 0) {
			/* A bare word is never a key in JSON; in a broken body it may still name a secret. */
			i = next;
		} else if (is_digit_char(c)) {
			i = handle_digits(r, i, r->len, false);
		} else {
			if (c == ',' || c == '{' || c == '[' || c == '}' || c == ']') {
				r->psp_id = false;
			}
			emit_plain(r, c);
			i++;
		}
	}
	return i;
}

static size_t redact_text(redactor *r)
{
	size_t i = 0;
	while (i < r->len && !full(r)) {
		size_t next = text_secret(r, i);
		if (next != 0) {
			i = next;
		} else if (is_digit_char(r->in[i]) && (i == 0 || !is_digit_char(r->in[i - 1]))) {
			i = handle_digits(r, i, r->len, false);
		} else {
			emit_plain(r, r->in[i++]);
		}
	}
	return i;
}

/* The longest prefix of s[0..n) that does not end inside a UTF-8 sequence. */
static size_t utf8_prefix(const char *s, size_t n)
{
	size_t start = n;
	while (start > 0 && n - start < 3 && ((unsigned char)s[start - 1] & 0xc0) == 0x80) {
		start--;
	}
	if (start == 0) {
		return n;
	}
	unsigned char lead = (unsigned char)s[start - 1];
	size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
	return start - 1 + need > n ? start - 1 : n;
}

/* Cuts after max_len bytes without splitting a UTF-8 sequence, and marks the cut. */
static void cut(redactor *r, bool input_left)
{
	if (r->max_len == 0 || (r->out_len <= r->max_len && !input_left)) {
		return;
	}
	r->out_len = utf8_prefix(r->out, r->out_len < r->max_len ? r->out_len : r->max_len);
	emit(r, "...", 3);
}

char *msp_redact(const char *body, size_t len, size_t max_len)
{
	redactor r = {.in = body ? body : "", .len = body ? len : 0, .max_len = max_len};
	r.json = looks_like_json(r.in, r.len);
	size_t stopped = r.json ? redact_json(&r) : redact_text(&r);
	cut(&r, stopped < r.len);
	emit(&r, "", 0); /* room for the NUL, even for an empty result */
	if (r.failed) {
		free(r.out);
		return NULL;
	}
	r.out[r.out_len] = '\0';
	return r.out;
}

/* Fills a related-transaction view from a JSON entry (strings point into the json-c tree). */
static void related_view(json_object *tx, msp_notify_related *out)
{
	json_object *type = member(tx, "type"), *id = member(tx, "transaction_id"),
	            *status = member(tx, "status");
	out->type = type ? json_object_get_string(type) : NULL;
	out->type_len = out->type ? strlen(out->type) : 0;
	out->transaction_id = id ? json_object_get_string(id) : NULL;
	out->transaction_id_len = out->transaction_id ? strlen(out->transaction_id) : 0;
	out->status = status ? json_object_get_string(status) : NULL;
	out->status_len = out->status ? strlen(out->status) : 0;
}

msp_status msp_order_event_id(const msp_order *order, char out[65], msp_error *err)
{
	json_object *related = member(order->data, "related_transactions");
	size_t n = related != NULL && json_object_is_type(related, json_type_array)
	               ? json_object_array_length(related)
	               : 0;
	msp_notify_related *views = n ? calloc(n, sizeof(*views)) : NULL;
	if (n && views == NULL) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		related_view(json_object_array_get_idx(related, i), &views[i]);
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
