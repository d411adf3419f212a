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
#include "response.h"

/* Receives, once per call, the request and response bodies already redacted (msp_redact). */
typedef void (*msp_api_bodies_fn)(void *ctx, const char *request, const char *response);

typedef struct {
	msp_http_pool *pool; /* NULL: a fresh connection per call */
	const msp_http_config *config;
	msp_api_bodies_fn on_bodies; /* optional, for logging */
	void *bodies_ctx;
} msp_api;

/* Why a call failed, beyond msp_error: the API's answer or the transport's. */
typedef struct {
	msp_api_failure api; /* MSP_ERR_API / MSP_ERR_PARSE */
	int curl_code;       /* MSP_ERR_NETWORK */
	/* The request may have changed state at MultiSafepay and msp could not find out whether it did
	 * (a create whose lookup failed too, a refund cut off after sending). Do not re-send blindly. */
	bool outcome_unknown;
	/* The create's own answer was lost or unusable and the order was found by a lookup. */
	bool recovered;
} msp_call_failure;

msp_status msp_api_create_order(const msp_api *api, const msp_order_request *req, time_t now, msp_order **out,
    msp_call_failure *failure, msp_error *err);

msp_status msp_api_get_order(const msp_api *api, const char *order_id, size_t order_id_len, msp_order **out,
    msp_call_failure *failure, msp_error *err);

/* Fetches n orders concurrently; orders[i] or (errors[i], failures[i]) per id. Returns an error only
 * when the batch could not run at all. */
msp_status msp_api_get_orders(const msp_api *api, const char *const *ids, const size_t *id_lens, size_t n,
    size_t concurrency, msp_order **orders, msp_error *errors, msp_call_failure *failures, msp_error *err);

/* POST /orders/{id}/refunds with an explicit positive amount (checked by the caller with refund.h). */
msp_status msp_api_refund(const msp_api *api, const char *order_id, const char *currency, int64_t amount,
    const char *description, msp_refund_result *out, msp_call_failure *failure, msp_error *err);

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
