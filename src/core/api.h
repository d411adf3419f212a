/* The MultiSafepay calls msp makes, on top of the transport (http.h), the request model (order.h)
 * and the answer parser (response.h). This is where "never send a POST /orders twice" lives: when a
 * create's outcome is unknown, the order is looked up with GET instead. */
#ifndef MSP_CORE_API_H
#define MSP_CORE_API_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "error.h"
#include "http.h"
#include "order.h"
#include "redact.h"
#include "response.h"

/* Receives, once per call, the request and response bodies already redacted (msp_api.redactor). */
typedef void (*msp_api_bodies_fn)(void *ctx, const char *request, const char *response);

/* What the recovery paths did, summed over a process (Client::stats()). */
typedef struct {
	uint64_t lookups;          /* GETs made to find out what became of a create or refund */
	uint64_t recovered_orders; /* creates answered by a look-up (lost answer, or the id already used) */
	uint64_t recovered_refunds;
} msp_api_stats;

/* Pause before the second look-up of an order or refund that was not found: a gateway may answer
 * (502/504) before the backend commits. */
#define MSP_API_SECOND_LOOKUP_DELAY_MS 500u

typedef struct {
	msp_http_pool *pool; /* NULL: a fresh connection per call */
	const msp_http_config *config;
	msp_api_bodies_fn on_bodies; /* optional, for logging */
	void *bodies_ctx;
	msp_api_stats *stats; /* optional */
	/* The secrets of the call (the Client's key, the request's card): every text the call hands out
	 * (logged bodies) passes it. NULL: the generic rules only. */
	const msp_redactor *redactor;
	/* CLOCK_MONOTONIC microseconds at which the whole call's budget (config->timeout_ms) ends: every
	 * request, back-off and look-up of the call shares it. Set by msp_api_begin(); 0 = each request
	 * gets config->timeout_ms of its own. */
	uint64_t deadline_us;
} msp_api;

/* Starts the budget of one call made of several requests (a PHP method). */
void msp_api_begin(msp_api *api);

/* Why a call failed, beyond msp_error: the API's answer or the transport's. */
typedef struct {
	msp_api_failure api; /* MSP_ERR_API / MSP_ERR_PARSE */
	int curl_code;       /* MSP_ERR_NETWORK */
	/* The request may have changed state at MultiSafepay and msp could not find out whether it did:
	 * a create or refund whose answer was lost, truncated, not JSON, a 5xx or not about what was
	 * asked, and whose look-ups did not find it. A create may be sent again with the same order id
	 * (MultiSafepay refuses a second order with one id, and msp then returns the first); a refund must
	 * not be sent again before the order has been looked at. */
	bool outcome_unknown;
	/* The create's or refund's own answer was lost or unusable, or the order id was already used by
	 * this same payment, and the result was found by a look-up. */
	bool recovered;
	/* The order id is taken by another payment (1006, and the order found differs in amount,
	 * currency or card): Msp\OrderIdConflictException. */
	bool order_id_conflict;
} msp_call_failure;

/* No failure: every field cleared, the texts emptied (not zeroed whole: they are read up to their
 * NUL, and this runs for every call). */
void msp_call_failure_clear(msp_call_failure *failure);

msp_status msp_api_create_order(const msp_api *api, const msp_order_request *req, time_t now, msp_order **out,
    msp_call_failure *failure, msp_error *err);

msp_status msp_api_get_order(const msp_api *api, const char *order_id, size_t order_id_len, msp_order **out,
    msp_call_failure *failure, msp_error *err);

/* Fetches n orders concurrently; orders[i] or (errors[i], failures[i]) per id. Returns an error only
 * when the batch could not run at all. */
msp_status msp_api_get_orders(const msp_api *api, const char *const *ids, const size_t *id_lens, size_t n,
    size_t concurrency, msp_order **orders, msp_error *errors, msp_call_failure *failures, msp_error *err);

/* POST /orders/{id}/refunds with an explicit positive amount (checked by the caller with refund.h;
 * the request's texts are checked by order.c before anything is sent). `before` is the order as the
 * caller last saw it (optional): when the answer is lost or unusable, the order is looked up and a
 * refund transaction of this amount that `before` did not list is taken as this call's refund. The
 * refund is never sent twice. */
msp_status msp_api_refund(const msp_api *api, const char *order_id, const msp_refund_request *refund,
    const msp_order *before, msp_refund_result *out, msp_call_failure *failure, msp_error *err);

msp_status msp_api_cancel_refund(const msp_api *api, const char *order_id, const char *refund_id,
    msp_call_failure *failure, msp_error *err);

msp_status msp_api_cancel_order(
    const msp_api *api, const char *order_id, msp_call_failure *failure, msp_error *err);

/* Captures amount of an authorised (manual capture) order; new_order_id names the capture. */
msp_status msp_api_capture(const msp_api *api, const char *order_id, int64_t amount, const char *currency,
    const char *new_order_id, msp_call_failure *failure, msp_error *err);

msp_status msp_api_cancel_authorization(
    const msp_api *api, const char *order_id, const char *reason, msp_call_failure *failure, msp_error *err);

#endif
