/* libFuzzer harness of the order response reader (src/core/response.c): the envelope of an answer,
 * then the order and refund views of its data, and the same bytes as a notification body. Whatever
 * the bytes, the answer is one of the documented statuses; every text of an order is a terminated
 * string; an error's info and message are one line, terminated inside their buffers, and redacted:
 * no stretch of 12 to 19 digits that passes Luhn survives in them (tests/fuzz/redact_oracle.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "response.h"
#include "redact_oracle.h"

#define CHECK(cond)                                                                                          \
	do {                                                                                                     \
		if (!(cond)) {                                                                                       \
			fprintf(stderr, "%s:%d: promise broken: %s\n", __FILE__, __LINE__, #cond);                       \
			abort();                                                                                         \
		}                                                                                                    \
	} while (0)

static volatile size_t sink;

static void touch(const char *text)
{
	if (text != NULL) {
		sink += strlen(text);
	}
}

/* MultiSafepay's ids count whole digit groups only (redact.h), which the oracle does not model: with
 * one of their names in the body, the Luhn rule is not checked. */
static bool ids;

static bool contains_ci(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	for (size_t i = 0; i + m <= n; i++) {
		size_t k = 0;
		while (k < m && (s[i + k] >= 'A' && s[i + k] <= 'Z' ? s[i + k] + 32 : s[i + k]) == needle[k]) {
			k++;
		}
		if (k == m) {
			return true;
		}
	}
	return false;
}

static void check_redacted(const char *text, size_t size)
{
	const char *nul = memchr(text, '\0', size);
	CHECK(nul != NULL);
	size_t n = (size_t)(nul - text);
	oracle_secrets none = {.luhn = !ids};
	const char *broken = redact_oracle_check(text, n, &none);
	if (broken != NULL) {
		fprintf(stderr, "unredacted error text: %s\n", broken);
		abort();
	}
}

static void walk_order(const msp_order *o)
{
	const char *texts[] = {o->order_id, o->transaction_id, o->status, o->financial_status, o->currency,
	    o->description, o->created, o->modified, o->reason, o->reason_code, o->payment_url, o->cancel_url,
	    o->var[0], o->var[1], o->var[2], o->brand, o->last4, o->card_expiry_date, o->account_holder_name,
	    o->issuer_country_code, o->card_funding, o->response_code, o->authorization_code,
	    o->external_transaction_id, o->threeds_status, o->threeds_eci, o->threeds_version, o->threeds_flow,
	    o->capture, o->capture_expiry, o->verification_html, o->verification_type};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		touch(texts[i]);
	}
	CHECK(o->related_count == 0 || o->related != NULL);
	for (size_t i = 0; i < o->related_count; i++) {
		touch(o->related[i].type);
		touch(o->related[i].status);
		touch(o->related[i].currency);
		touch(o->related[i].created);
		if (o->related[i].transaction_id != NULL) {
			touch(msp_order_related_status(o, o->related[i].transaction_id));
		}
	}
	char event[65];
	msp_error err;
	msp_error_clear(&err);
	if (msp_order_event_id(o, event, &err) == MSP_OK) {
		CHECK(strlen(event) == 64);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long http_status = size >= 2 ? 100 + (data[0] | data[1] << 8) % 500 : 200;
	const char *body = size >= 2 ? (const char *)data + 2 : "";
	size_t len = size >= 2 ? size - 2 : 0;
	ids = contains_ci(body, len, "transaction_id") || contains_ci(body, len, "refund_id");

	msp_json_ref ref = {0};
	msp_api_failure failure;
	memset(&failure, 0, sizeof(failure));
	msp_error err;
	msp_error_clear(&err);
	msp_status status = msp_response_parse(body, len, http_status, &ref, &failure, &err);
	CHECK(status == MSP_OK || status == MSP_ERR_API || status == MSP_ERR_PARSE || status == MSP_ERR_NOMEM);
	CHECK(failure.unavailable == (http_status == 501 || http_status == 503) || status == MSP_ERR_NOMEM);
	if (status == MSP_OK) {
		CHECK(ref.doc != NULL && ref.value != NULL);
		msp_order *order = NULL;
		if (msp_order_from_json(&ref, &order, &err) == MSP_OK) {
			walk_order(order);
			msp_order_free(order);
		}
		msp_refund_result refund;
		memset(&refund, 0, sizeof(refund));
		if (msp_refund_result_from_json(&ref, &refund, &err) == MSP_OK) {
			CHECK(refund.refund_id != NULL || refund.transaction_id != NULL);
		}
		msp_refund_result_free(&refund);
		msp_json_ref_release(&ref);
	} else if (status != MSP_ERR_NOMEM) {
		CHECK(ref.doc == NULL);
		check_redacted(failure.info, sizeof(failure.info));
		check_redacted(err.message, sizeof(err.message));
	}

	/* The same bytes as a POST notification body: one JSON object, no envelope. */
	msp_order *order = NULL;
	msp_error_clear(&err);
	if (msp_order_parse(body, len, &order, &err) == MSP_OK) {
		walk_order(order);
		msp_order_free(order);
	} else {
		CHECK(order == NULL);
		check_redacted(err.message, sizeof(err.message));
	}
	return 0;
}
