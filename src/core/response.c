#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* strdup */
#endif
#include "response.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "notify.h"
#include "secmem.h"

/* ---- tolerant field access ---- */

static json_object *member(json_object *obj, const char *key)
{
	json_object *value = NULL;
	if (obj != NULL && json_object_is_type(obj, json_type_object) &&
	    json_object_object_get_ex(obj, key, &value) && !json_object_is_type(value, json_type_null)) {
		return value;
	}
	return NULL;
}

/* A string or a number as text ("1234" from 1234); NULL for null, missing, objects and arrays. */
static char *text_of(json_object *obj, const char *key)
{
	json_object *value = member(obj, key);
	if (value == NULL || json_object_is_type(value, json_type_object) ||
	    json_object_is_type(value, json_type_array)) {
		return NULL;
	}
	const char *text = json_object_get_string(value);
	char digits[32];
	if (json_object_is_type(value, json_type_double)) {
		/* A float-typed id or code: print it as an integer when it is one, never in exponent form. */
		double d = json_object_get_double(value);
		if (d == (double)(int64_t)d) {
			snprintf(digits, sizeof(digits), "%lld", (long long)(int64_t)d);
			text = digits;
		}
	}
	return text != NULL && text[0] != '\0' ? strdup(text) : NULL;
}

/* An integer, or a string of digits ("1000"); 0 otherwise. */
static int64_t int_of(json_object *obj, const char *key)
{
	json_object *value = member(obj, key);
	if (value == NULL) {
		return 0;
	}
	if (json_object_is_type(value, json_type_int)) {
		return json_object_get_int64(value);
	}
	if (json_object_is_type(value, json_type_double)) {
		return (int64_t)json_object_get_double(value);
	}
	if (json_object_is_type(value, json_type_string)) {
		const char *s = json_object_get_string(value);
		char *end = NULL;
		long long n = strtoll(s, &end, 10);
		return end != s && *end == '\0' ? (int64_t)n : 0;
	}
	return 0;
}

static bool text_equals(json_object *obj, const char *key, const char *expected)
{
	json_object *value = member(obj, key);
	return value != NULL && json_object_is_type(value, json_type_string) &&
	       strcmp(json_object_get_string(value), expected) == 0;
}

/* ---- envelope ---- */

/* A short excerpt for messages: redacted, at most 120 characters. */
static void excerpt_into(const char *body, size_t len, char *out, size_t size)
{
	char *redacted = msp_redact(body, len, 120);
	snprintf(out, size, "%s", redacted ? redacted : "");
	free(redacted);
}

static void fill_failure_info(json_object *root, msp_api_failure *failure)
{
	json_object *info = member(root, "error_info");
	json_object *message = member(root, "message");
	json_object *errors = member(root, "errors");
	if (info != NULL) {
		snprintf(failure->info, sizeof(failure->info), "%s", json_object_get_string(info));
	} else if (message != NULL) {
		snprintf(failure->info, sizeof(failure->info), "%s", json_object_get_string(message));
	} else if (errors != NULL) {
		/* A 422 errors list: keep its compact JSON form. */
		snprintf(failure->info, sizeof(failure->info), "%s",
		    json_object_to_json_string_ext(errors, JSON_C_TO_STRING_PLAIN));
	}
}

msp_status msp_response_parse(const char *body, size_t len, long http_status, json_object **data,
    msp_api_failure *failure, msp_error *err)
{
	*data = NULL;
	memset(failure, 0, sizeof(*failure));
	failure->http_status = http_status;
	failure->unavailable = http_status == 501 || http_status == 503;

	json_tokener *tok = json_tokener_new();
	json_object *root =
	    tok ? json_tokener_parse_ex(tok, body, (int)(len > INT32_MAX ? INT32_MAX : len)) : NULL;
	bool complete =
	    tok && json_tokener_get_error(tok) == json_tokener_success &&
	    (size_t)json_tokener_get_parse_end(tok) >= len - (len > 0 && body[len - 1] == '\n' ? 1 : 0);
	json_tokener_free(tok);
	if (root == NULL || !complete || !json_object_is_type(root, json_type_object)) {
		json_object_put(root);
		char excerpt[160];
		excerpt_into(body, len, excerpt, sizeof(excerpt));
		failure->not_json = true;
		snprintf(failure->info, sizeof(failure->info), "response is not a JSON object (HTTP %ld): \"%s\"",
		    http_status, excerpt);
		return msp_error_set(err, MSP_ERR_PARSE, 0, "%s", failure->info);
	}
	json_object *success = member(root, "success");
	if (success != NULL && json_object_get_boolean(success) &&
	    json_object_is_type(success, json_type_boolean)) {
		json_object *payload = member(root, "data");
		*data = payload != NULL ? json_object_get(payload) : json_object_new_object();
		json_object_put(root);
		return MSP_OK;
	}
	failure->error_code = (int)int_of(root, "error_code");
	fill_failure_info(root, failure);
	if (failure->info[0] == '\0') {
		snprintf(
		    failure->info, sizeof(failure->info), "the API answered without success (HTTP %ld)", http_status);
	}
	json_object_put(root);
	if (failure->error_code != 0) {
		return msp_error_set(err, MSP_ERR_API, failure->error_code, "MultiSafepay error %d: %s",
		    failure->error_code, failure->info);
	}
	return msp_error_set(
	    err, MSP_ERR_API, 0, "MultiSafepay error (HTTP %ld): %s", http_status, failure->info);
}

/* ---- orders ---- */

static int64_t refunds_requested(json_object *data, int64_t amount_refunded)
{
	json_object *related = member(data, "related_transactions");
	int64_t sum = 0;
	if (related != NULL && json_object_is_type(related, json_type_array)) {
		size_t n = json_object_array_length(related);
		for (size_t i = 0; i < n; i++) {
			json_object *tx = json_object_array_get_idx(related, i);
			if (text_equals(tx, "type", "refund") &&
			    (text_equals(tx, "status", "reserved") || text_equals(tx, "status", "initialized") ||
			        text_equals(tx, "status", "completed"))) {
				sum += int_of(tx, "amount");
			}
		}
	}
	return sum > amount_refunded ? sum : amount_refunded;
}

static void read_payment_details(json_object *data, msp_order *order)
{
	json_object *details = member(data, "payment_details");
	order->brand = text_of(details, "type");
	order->last4 = text_of(details, "last4");
	order->threeds_status = text_of(member(details, "card_authentication_result"), "status");
	order->threeds_flow = text_of(member(details, "card_authentication_details"), "flow");
	/* last4 may arrive as a number: 0004 became 4. */
	if (order->last4 != NULL && strlen(order->last4) < 4) {
		char padded[8];
		snprintf(padded, sizeof(padded), "%04d", atoi(order->last4));
		free(order->last4);
		order->last4 = strdup(padded);
	}
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
	order->amount = int_of(obj, "amount");
	order->amount_refunded = int_of(obj, "amount_refunded");
	order->refunds_requested = refunds_requested(obj, order->amount_refunded);
	read_payment_details(obj, order);
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
	json_tokener *tok = json_tokener_new();
	json_object *root =
	    tok ? json_tokener_parse_ex(tok, body, (int)(len > INT32_MAX ? INT32_MAX : len)) : NULL;
	bool ok = tok && json_tokener_get_error(tok) == json_tokener_success;
	json_tokener_free(tok);
	if (!ok || root == NULL) {
		json_object_put(root);
		return msp_error_set(err, MSP_ERR_PARSE, 0, "the notification body is not JSON");
	}
	msp_status status = msp_order_from_json(root, out, err);
	json_object_put(root);
	return status;
}

void msp_order_free(msp_order *order)
{
	if (order == NULL) {
		return;
	}
	char **texts[] = {&order->order_id, &order->transaction_id, &order->status, &order->financial_status,
	    &order->currency, &order->description, &order->created, &order->modified, &order->reason,
	    &order->reason_code, &order->payment_url, &order->brand, &order->last4, &order->threeds_status,
	    &order->threeds_flow, &order->verification_html, &order->verification_type};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		free(*texts[i]);
	}
	json_object_put(order->data);
	free(order);
}

const char *msp_order_related_status(const msp_order *order, const char *transaction_id)
{
	json_object *related = member(order->data, "related_transactions");
	if (related == NULL || transaction_id == NULL || !json_object_is_type(related, json_type_array)) {
		return NULL;
	}
	size_t n = json_object_array_length(related);
	for (size_t i = 0; i < n; i++) {
		json_object *tx = json_object_array_get_idx(related, i);
		json_object *id = member(tx, "transaction_id");
		json_object *status = member(tx, "status");
		if (id != NULL && status != NULL && strcmp(json_object_get_string(id), transaction_id) == 0) {
			return json_object_get_string(status);
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

/* ---- redaction ---- */

static const char *const secret_keys[] = {"\"card_number\"", "\"card_cvc\"", "\"cvc\"", "\"api_key\"", NULL};

/* Length of a secret key ("card_cvc") starting at p, or 0. */
static size_t secret_key_at(const char *p, size_t remaining)
{
	for (const char *const *key = secret_keys; *key; key++) {
		size_t n = strlen(*key);
		if (n <= remaining && memcmp(p, *key, n) == 0) {
			return n;
		}
	}
	return 0;
}

/* Skips a JSON value (string, number, literal) starting at p; returns its length. */
static size_t value_length(const char *p, size_t remaining)
{
	size_t i = 0;
	if (remaining > 0 && p[0] == '"') {
		for (i = 1; i < remaining; i++) {
			if (p[i] == '\\') {
				i++;
			} else if (p[i] == '"') {
				return i + 1;
			}
		}
		return remaining;
	}
	while (i < remaining && p[i] != ',' && p[i] != '}' && p[i] != ']' && p[i] != ' ') {
		i++;
	}
	return i;
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

char *msp_redact(const char *body, size_t len, size_t max_len)
{
	size_t cap = (max_len > 0 && max_len < len ? max_len : len) + 16;
	char *out = malloc(cap + 1);
	if (out == NULL) {
		return NULL;
	}
	size_t o = 0;
	for (size_t i = 0; i < len && o < cap - 12;) {
		size_t key_len = secret_key_at(body + i, len - i);
		if (key_len > 0) {
			size_t j = i + key_len;
			while (j < len && (body[j] == ' ' || body[j] == ':')) {
				j++;
			}
			size_t copy = key_len < cap - o - 12 ? key_len : cap - o - 12;
			memcpy(out + o, body + i, copy);
			o += copy;
			o += (size_t)snprintf(out + o, cap + 1 - o, ":\"[redacted]\"");
			i = j + value_length(body + j, len - j);
			continue;
		}
		if (digit(body[i])) {
			size_t run = 0;
			while (i + run < len && digit(body[i + run])) {
				run++;
			}
			bool card_like = run >= 12 && run <= 19 && msp_luhn_valid(body + i, run);
			for (size_t k = 0; k < run && o < cap - 12; k++) {
				out[o++] = card_like && k < run - 4 ? '*' : body[i + k];
			}
			i += run;
			continue;
		}
		unsigned char c = (unsigned char)body[i++];
		out[o++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
	}
	if (max_len > 0 && o >= max_len) {
		o = max_len;
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
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
