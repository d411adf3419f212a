#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* nanosleep, clock_gettime */
#endif
#include "api.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "card.h"

#define MSP_API_ORDER_NOT_FOUND 1006

/* "orders/<escaped id><suffix>" into a malloc'ed string. */
static msp_status order_path(const char *prefix, const char *id, size_t id_len, const char *middle,
    const char *sub_id, const char *suffix, char **out, msp_error *err)
{
	char *escaped = NULL, *escaped_sub = NULL;
	*out = NULL;
	if (msp_http_path_escape(id, id_len, &escaped) != MSP_OK) {
		msp_error_set(err, MSP_ERR_INVALID, 0, "an order id must not be empty, \".\" or \"..\"");
		msp_error_set_field(err, "order_id");
		return MSP_ERR_INVALID;
	}
	if (sub_id != NULL && msp_http_path_escape(sub_id, strlen(sub_id), &escaped_sub) != MSP_OK) {
		free(escaped);
		msp_error_set(err, MSP_ERR_INVALID, 0, "a refund id must not be empty, \".\" or \"..\"");
		msp_error_set_field(err, "refund_id");
		return MSP_ERR_INVALID;
	}
	/* Joined by hand: snprintf's machinery cost more than the copies, on every call. */
	const char *parts[5] = {prefix, escaped, middle, escaped_sub != NULL ? escaped_sub : "", suffix};
	size_t lens[5], size = 1;
	for (size_t i = 0; i < 5; i++) {
		lens[i] = strlen(parts[i]);
		size += lens[i];
	}
	*out = malloc(size);
	if (*out != NULL) {
		char *w = *out;
		for (size_t i = 0; i < 5; i++) {
			memcpy(w, parts[i], lens[i]);
			w += lens[i];
		}
		*w = '\0';
	}
	free(escaped);
	free(escaped_sub);
	return *out != NULL ? MSP_OK : msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
}

static void report_bodies(const msp_api *api, const msp_secbuf *request, const msp_http_response *resp)
{
	if (api->on_bodies == NULL) {
		return;
	}
	char *req =
	    request ? msp_redactor_apply(api->redactor, (const char *)request->data, request->len, 0) : NULL;
	char *res = resp->body ? msp_redactor_apply(api->redactor, resp->body, resp->body_len, 0) : NULL;
	api->on_bodies(api->bodies_ctx, req, res);
	free(req);
	free(res);
}

/* ---- the call's budget ---- */

static uint64_t monotonic_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void msp_call_failure_clear(msp_call_failure *failure)
{
	failure->api.http_status = 0;
	failure->api.error_code = 0;
	failure->api.info[0] = '\0';
	failure->api.unavailable = false;
	failure->api.not_json = false;
	failure->curl_code = 0;
	failure->outcome_unknown = false;
	failure->recovered = false;
	failure->order_id_conflict = false;
}

void msp_api_begin(msp_api *api)
{
	api->deadline_us = monotonic_us() + (uint64_t)api->config->timeout_ms * 1000u;
}

/* Milliseconds of the budget left after keeping reserve_ms back; 0 when none is left. */
static long budget_left_ms(const msp_api *api, long reserve_ms)
{
	if (api->deadline_us == 0) {
		return api->config->timeout_ms;
	}
	uint64_t now = monotonic_us();
	uint64_t reserve_us = (uint64_t)reserve_ms * 1000u;
	if (now + reserve_us >= api->deadline_us) {
		return 0;
	}
	return (long)((api->deadline_us - now - reserve_us) / 1000u);
}

/* The part of the budget a create or refund keeps back so that its look-up can still run when its
 * own answer never comes: a fifth of the timeout, at most 3 s. */
static long lookup_reserve_ms(const msp_api *api)
{
	long reserve = api->config->timeout_ms / 5;
	return reserve < 3000 ? reserve : 3000;
}

/* The configuration of the next request: the shop's, with the timeout cut to what is left. */
static bool budgeted_config(const msp_api *api, long reserve_ms, msp_http_config *out)
{
	*out = *api->config;
	long left = budget_left_ms(api, reserve_ms);
	if (left < 1) {
		return false;
	}
	out->timeout_ms = left < out->timeout_ms ? left : out->timeout_ms;
	if (out->connect_timeout_ms > out->timeout_ms) {
		out->connect_timeout_ms = out->timeout_ms;
	}
	return true;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = {.tv_sec = ms / 1000u, .tv_nsec = (long)(ms % 1000u) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

#define CURLE_OPERATION_TIMEDOUT_CODE 28 /* CURLcode, without including curl.h here */

/* One HTTP call and its envelope: *data on success; failure filled otherwise. reserve_ms of the
 * call's budget is kept back for what may have to follow. */
static msp_status call(const msp_api *api, msp_http_method method, const char *path, const msp_secbuf *body,
    long reserve_ms, msp_json_ref *data, bool *sent, msp_call_failure *failure, msp_error *err)
{
	msp_http_request req = {.method = method, .path = path, .query = NULL, .body = body};
	msp_http_response resp;
	msp_http_config config;
	data->doc = NULL;
	data->value = NULL;
	if (sent != NULL) {
		*sent = false;
	}
	if (!budgeted_config(api, reserve_ms, &config)) {
		failure->curl_code = CURLE_OPERATION_TIMEDOUT_CODE;
		return msp_error_set(err, MSP_ERR_NETWORK, CURLE_OPERATION_TIMEDOUT_CODE,
		    "the call's timeout (%ld ms) was used up before %s %s could be sent", api->config->timeout_ms,
		    msp_http_method_name(method), path);
	}
	msp_status status = msp_http_perform(api->pool, &config, &req, &resp, err);
	report_bodies(api, body, &resp);
	if (sent != NULL) {
		*sent = resp.body_may_have_been_sent;
	}
	if (status == MSP_ERR_NETWORK) {
		failure->curl_code = resp.curl_code;
	} else if (status == MSP_OK) {
		status = msp_response_parse(resp.body, resp.body_len, resp.http_status, data, &failure->api, err);
	}
	msp_http_response_free(&resp);
	return status;
}

/* An order answer must be about the order asked for: another id, or no id at all, is a protocol
 * error, never an order to act on. */
static msp_status order_answer(
    const msp_json_ref *data, const char *order_id, size_t order_id_len, msp_order **out, msp_error *err)
{
	msp_status status = msp_order_from_json(data, out, err);
	if (status != MSP_OK) {
		return status;
	}
	const char *got = (*out)->order_id;
	if (got == NULL || strlen(got) != order_id_len || memcmp(got, order_id, order_id_len) != 0) {
		msp_order_free(*out);
		*out = NULL;
		return msp_error_set(err, MSP_ERR_PARSE, 0,
		    got == NULL ? "the answer carries no order_id: it is not the order asked for"
		                : "the answer is about another order (order_id differs from the one asked for)");
	}
	return MSP_OK;
}

static msp_status get_order_once(const msp_api *api, const char *path, const char *order_id,
    size_t order_id_len, msp_order **out, msp_call_failure *failure, msp_error *err)
{
	msp_json_ref data;
	msp_status status = call(api, MSP_HTTP_GET, path, NULL, 0, &data, NULL, failure, err);
	if (status == MSP_OK) {
		status = order_answer(&data, order_id, order_id_len, out, err);
		msp_json_ref_release(&data);
	}
	return status;
}

msp_status msp_api_get_order(const msp_api *api, const char *order_id, size_t order_id_len, msp_order **out,
    msp_call_failure *failure, msp_error *err)
{
	char *path = NULL;
	msp_call_failure_clear(failure);
	*out = NULL;
	msp_status status = order_path("orders/", order_id, order_id_len, "", NULL, "", &path, err);
	if (status == MSP_OK) {
		status = get_order_once(api, path, order_id, order_id_len, out, failure, err);
	}
	free(path);
	return status;
}

/* ---- what became of a create or a refund ---- */

static void count(uint64_t *counter)
{
	if (counter != NULL) {
		(*counter)++;
	}
}

typedef enum { LOOKUP_FOUND, LOOKUP_NOT_FOUND, LOOKUP_FAILED } lookup_result;

/* One look-up of the order: found, known not to exist (yet), or no answer worth trusting. */
static lookup_result look_up(const msp_api *api, const char *order_id, msp_order **out)
{
	msp_call_failure failure;
	msp_error err;
	msp_error_clear(&err);
	count(api->stats ? &api->stats->lookups : NULL);
	msp_status status = msp_api_get_order(api, order_id, strlen(order_id), out, &failure, &err);
	if (status == MSP_OK) {
		return LOOKUP_FOUND;
	}
	bool not_found = status == MSP_ERR_API && failure.api.error_code == MSP_API_ORDER_NOT_FOUND &&
	                 failure.api.http_status < 500;
	return not_found ? LOOKUP_NOT_FOUND : LOOKUP_FAILED;
}

/* Waits before a second look-up when the budget allows it and the look-up can still run after. */
static bool wait_for_late_commit(const msp_api *api)
{
	long left = budget_left_ms(api, 0);
	if (left < (long)MSP_API_SECOND_LOOKUP_DELAY_MS + 250) {
		return false;
	}
	sleep_ms(MSP_API_SECOND_LOOKUP_DELAY_MS);
	return true;
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool same_text_nocase(const char *a, const char *b)
{
	if (a == NULL || b == NULL) {
		return false;
	}
	for (; *a && *b; a++, b++) {
		if (ascii_lower(*a) != ascii_lower(*b)) {
			return false;
		}
	}
	return *a == *b;
}

/* Is the order found under this id the payment the request describes? Amount and currency must
 * match; the card's last 4 digits and brand too when the answer has them. */
static bool same_payment(const msp_order_request *req, const msp_order *order)
{
	if (!order->has_amount || order->amount != msp_order_request_amount(req) ||
	    !same_text_nocase(order->currency, msp_order_request_currency(req))) {
		return false;
	}
	const msp_card *card = msp_order_request_card(req);
	if (card == NULL) {
		return true;
	}
	if (order->last4 != NULL && strcmp(order->last4, msp_card_last4(card)) != 0) {
		return false;
	}
	msp_card_brand answered = order->brand ? msp_card_brand_from_gateway(order->brand) : MSP_BRAND_UNKNOWN;
	return answered == MSP_BRAND_UNKNOWN || answered == msp_card_get_brand(card);
}

/* The found order is the one to return, or the id belongs to another payment. */
static msp_status adopt_found_order(const msp_api *api, const msp_order_request *req, msp_order *found,
    msp_order **out, msp_call_failure *failure, msp_error *err)
{
	if (!same_payment(req, found)) {
		msp_order_free(found);
		failure->order_id_conflict = true;
		failure->outcome_unknown = false;
		failure->recovered = false;
		failure->api.error_code = MSP_API_ORDER_NOT_FOUND;
		snprintf(failure->api.info, sizeof(failure->api.info),
		    "order id \"%s\" is already used by another payment (different amount, currency or card)",
		    msp_order_request_order_id(req));
		return msp_error_set(err, MSP_ERR_API, MSP_API_ORDER_NOT_FOUND,
		    "%s: use a new order id for a new payment", failure->api.info);
	}
	msp_order_add_redirect_verification(found);
	count(api->stats ? &api->stats->recovered_orders : NULL);
	failure->recovered = true;
	*out = found;
	return MSP_OK;
}

/* What the create's failure was, for the message of an unknown outcome. */
static void describe_unknown_outcome(
    const msp_api *api, const msp_error *original, bool looked_up, msp_call_failure *failure, msp_error *err)
{
	char cause[MSP_ERROR_MESSAGE_MAX];
	snprintf(cause, sizeof(cause), "%s", original->message);
	failure->outcome_unknown = true;
	msp_error_set(err, MSP_ERR_NETWORK, original->status == MSP_ERR_NETWORK ? original->reason : 0,
	    "%s; the order may or may not exist (%s): send the same request again with the same order id, "
	    "which can never charge twice, or look it up with getOrder()",
	    cause, looked_up ? "not found by a look-up" : "it could not be looked up in time");
	(void)api;
}

/* The create's answer was lost, cut off, not JSON, a 5xx or not about this order: the order may
 * exist. Look it up (twice when the first finds nothing: a gateway can answer before the backend
 * commits) instead of guessing, since a wrong "failed" makes the shop charge again. */
static msp_status recover_created_order(const msp_api *api, const msp_order_request *req,
    const msp_error *original, msp_order **out, msp_call_failure *failure, msp_error *err)
{
	const char *order_id = msp_order_request_order_id(req);
	bool looked_up = false;
	for (int round = 0; round < 2; round++) {
		if (round > 0 && !wait_for_late_commit(api)) {
			break;
		}
		msp_order *found = NULL;
		lookup_result result = look_up(api, order_id, &found);
		if (result == LOOKUP_FOUND) {
			return adopt_found_order(api, req, found, out, failure, err);
		}
		if (result == LOOKUP_FAILED) {
			break;
		}
		looked_up = true;
	}
	describe_unknown_outcome(api, original, looked_up, failure, err);
	return MSP_ERR_NETWORK;
}

/* Only a JSON refusal below 500 is definite: the request was refused and nothing was created. */
static bool definite_refusal(msp_status status, const msp_call_failure *failure)
{
	return status == MSP_ERR_API && failure->api.http_status < 500;
}

msp_status msp_api_create_order(const msp_api *api, const msp_order_request *req, time_t now, msp_order **out,
    msp_call_failure *failure, msp_error *err)
{
	msp_call_failure_clear(failure);
	*out = NULL;
	msp_secbuf *body = NULL;
	msp_status status = msp_order_request_validate(req, now, api->config->live, err);
	if (status != MSP_OK || (status = msp_order_request_write_json(req, &body, err)) != MSP_OK) {
		return status;
	}
	msp_json_ref data;
	bool sent = false;
	status = call(api, MSP_HTTP_POST, "orders", body, lookup_reserve_ms(api), &data, &sent, failure, err);
	msp_secbuf_free(body); /* the PAN and CVC are wiped here, before anything else happens */
	const char *order_id = msp_order_request_order_id(req);
	if (status == MSP_OK) {
		status = order_answer(&data, order_id, strlen(order_id), out, err);
		msp_json_ref_release(&data);
		if (status == MSP_OK || status == MSP_ERR_NOMEM) {
			return status;
		}
	}
	if (status == MSP_ERR_NETWORK && !sent) {
		return status; /* provably not sent: the same request may simply be sent again */
	}
	if (definite_refusal(status, failure) && failure->api.error_code != MSP_API_ORDER_NOT_FOUND) {
		return status;
	}
	/* "Order id already used" (1006) is the idempotency key at work: the same request sent again after
	 * a failure, or another payment that took the id. The order under the id tells which; when it
	 * cannot be found (not visible yet, or the look-up failed), the first attempt's outcome is still
	 * unknown and is reported as such, never as a definite failure. */
	msp_error original = *err;
	return recover_created_order(api, req, &original, out, failure, err);
}

/* What becomes of each look-up of a batch, as soon as it is done: its order (or error) is read while
 * the others are still under way, so that reading 200 answers does not all wait for the last. */
typedef struct {
	const char *const *ids;
	const size_t *id_lens;
	const size_t *slot; /* batch position -> position in ids */
	msp_order **orders;
	msp_error *errors;
	msp_call_failure *failures;
} batch_results;

static void read_batch_answer(void *ctx, size_t b, msp_http_response *resp, msp_error *error)
{
	batch_results *r = ctx;
	size_t i = r->slot[b];
	r->errors[i] = *error;
	if (error->status == MSP_ERR_NETWORK) {
		r->failures[i].curl_code = resp->curl_code;
	} else if (error->status == MSP_OK) {
		msp_json_ref data;
		msp_status one = msp_response_parse(
		    resp->body, resp->body_len, resp->http_status, &data, &r->failures[i].api, &r->errors[i]);
		if (one == MSP_OK) {
			order_answer(&data, r->ids[i], r->id_lens[i], &r->orders[i], &r->errors[i]);
			msp_json_ref_release(&data);
		}
	}
	msp_http_response_free(resp);
}

msp_status msp_api_get_orders(const msp_api *api, const char *const *ids, const size_t *id_lens, size_t n,
    size_t concurrency, msp_order **orders, msp_error *errors, msp_call_failure *failures, msp_error *err)
{
	msp_http_request *reqs = calloc(n ? n : 1, sizeof(*reqs));
	msp_http_response *resps = calloc(n ? n : 1, sizeof(*resps));
	char **paths = calloc(n ? n : 1, sizeof(*paths));
	msp_status status = MSP_OK;
	if (reqs == NULL || resps == NULL || paths == NULL) {
		status = msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	/* Ids that cannot be a path are failed alone; the others go in one concurrent batch. */
	size_t batch = 0;
	size_t *slot = calloc(n ? n : 1, sizeof(*slot));
	if (slot == NULL) {
		status = msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		orders[i] = NULL;
		memset(&failures[i], 0, sizeof(failures[i]));
		msp_error_clear(&errors[i]);
		if (order_path("orders/", ids[i], id_lens[i], "", NULL, "", &paths[i], &errors[i]) == MSP_OK) {
			reqs[batch] = (msp_http_request){.method = MSP_HTTP_GET, .path = paths[i]};
			slot[batch++] = i;
		}
	}
	msp_error *batch_errors = calloc(batch ? batch : 1, sizeof(*batch_errors));
	if (batch_errors == NULL) {
		free(slot);
		status = msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	msp_http_config config;
	batch_results results = {ids, id_lens, slot, orders, errors, failures};
	if (budgeted_config(api, 0, &config)) {
		status = msp_http_perform_many_each(api->pool, &config, reqs, batch, resps, batch_errors, concurrency,
		    read_batch_answer, &results, err);
	} else {
		status = msp_error_set(err, MSP_ERR_NETWORK, CURLE_OPERATION_TIMEDOUT_CODE,
		    "the call's timeout (%ld ms) was used up before the look-ups could be sent",
		    api->config->timeout_ms);
	}
	for (size_t b = 0; b < batch; b++) {
		msp_http_response_free(&resps[b]);
	}
	free(batch_errors);
	free(slot);
done:
	for (size_t i = 0; paths != NULL && i < n; i++) {
		free(paths[i]);
	}
	free(paths);
	free(reqs);
	free(resps);
	return status;
}

/* A state-changing call whose answer is only success or failure. Only a JSON refusal below 500 is
 * definite; a lost, cut-off, non-JSON or 5xx answer after sending leaves the outcome unknown, and
 * msp never re-sends it. */
static msp_status change(const msp_api *api, msp_http_method method, const char *path, msp_secbuf *body,
    long reserve_ms, msp_json_ref *data, msp_call_failure *failure, msp_error *err)
{
	bool sent = false;
	msp_json_ref answer;
	msp_status status = call(api, method, path, body, reserve_ms, &answer, &sent, failure, err);
	msp_secbuf_free(body);
	bool not_sent = status == MSP_ERR_NETWORK && !sent;
	if (status != MSP_OK && !not_sent && !definite_refusal(status, failure)) {
		failure->outcome_unknown = true;
	}
	if (data != NULL) {
		*data = answer;
	} else {
		msp_json_ref_release(&answer);
	}
	return status;
}

/* Was a refund transaction with this id already on the order before the call? */
static bool listed_before(const msp_order *before, const char *transaction_id)
{
	for (size_t i = 0; before != NULL && transaction_id != NULL && i < before->related_count; i++) {
		const msp_related_transaction *tx = &before->related[i];
		if (tx->transaction_id != NULL && strcmp(tx->transaction_id, transaction_id) == 0) {
			return true;
		}
	}
	return false;
}

/* The refund this call made, as the order now lists it: a refund transaction of this amount that
 * was not there before (the newest such). NULL when there is none. */
static const msp_related_transaction *new_refund(
    const msp_order *after, const msp_order *before, int64_t amount)
{
	const msp_related_transaction *found = NULL;
	for (size_t i = 0; i < after->related_count; i++) {
		const msp_related_transaction *tx = &after->related[i];
		if (tx->type != NULL && strcmp(tx->type, "refund") == 0 && tx->amount == amount &&
		    tx->transaction_id != NULL && !listed_before(before, tx->transaction_id)) {
			found = tx;
		}
	}
	return found;
}

static char *copy_or_null(const char *text)
{
	return text != NULL ? strdup(text) : NULL;
}

/* The refund's answer was lost or unusable: the order's refund transactions tell whether it was
 * made. Without `before` nothing can tell an older refund of the same amount from this one. */
static msp_status recover_refund(const msp_api *api, const char *order_id, int64_t amount,
    const msp_order *before, const msp_error *original, msp_refund_result *out, msp_call_failure *failure,
    msp_error *err)
{
	bool looked_up = false;
	for (int round = 0; before != NULL && round < 2; round++) {
		if (round > 0 && !wait_for_late_commit(api)) {
			break;
		}
		msp_order *after = NULL;
		if (look_up(api, order_id, &after) != LOOKUP_FOUND) {
			break;
		}
		looked_up = true;
		const msp_related_transaction *tx = new_refund(after, before, amount);
		if (tx != NULL) {
			out->refund_id = copy_or_null(tx->transaction_id);
			out->transaction_id = copy_or_null(tx->transaction_id);
			out->status = copy_or_null(tx->status);
			msp_order_free(after);
			count(api->stats ? &api->stats->recovered_refunds : NULL);
			failure->recovered = true;
			failure->outcome_unknown = false;
			msp_error_clear(err);
			return MSP_OK;
		}
		msp_order_free(after);
	}
	char cause[MSP_ERROR_MESSAGE_MAX];
	snprintf(cause, sizeof(cause), "%s", original->message);
	failure->outcome_unknown = true;
	return msp_error_set(err, MSP_ERR_NETWORK, original->status == MSP_ERR_NETWORK ? original->reason : 0,
	    "%s; the refund may or may not have been made (%s): do not send it again before getOrder() shows "
	    "the order's refunds",
	    cause, looked_up ? "the order does not list it" : "the order could not be looked up in time");
}

msp_status msp_api_refund(const msp_api *api, const char *order_id, const msp_refund_request *refund,
    const msp_order *before, msp_refund_result *out, msp_call_failure *failure, msp_error *err)
{
	char *path = NULL;
	msp_secbuf *body = NULL;
	msp_call_failure_clear(failure);
	memset(out, 0, sizeof(*out));
	msp_status status = msp_refund_request_write_json(refund, &body, err);
	if (status == MSP_OK) {
		status = order_path("orders/", order_id, strlen(order_id), "/refunds", NULL, "", &path, err);
	}
	msp_json_ref data = {NULL, NULL};
	if (status == MSP_OK) {
		status = change(api, MSP_HTTP_POST, path, body, lookup_reserve_ms(api), &data, failure, err);
		body = NULL;
		if (status == MSP_OK && (status = msp_refund_result_from_json(&data, out, err)) == MSP_ERR_PARSE) {
			failure->outcome_unknown = true; /* accepted, but the answer does not say which refund */
		}
		if (failure->outcome_unknown) {
			msp_error original = *err;
			msp_refund_result_free(out);
			status = recover_refund(api, order_id, refund->amount, before, &original, out, failure, err);
		}
	}
	msp_secbuf_free(body);
	msp_json_ref_release(&data);
	free(path);
	return status;
}

/* Sends a PATCH whose body was written by order.c, then frees the path. */
static msp_status patch(const msp_api *api, char *path, msp_status written, msp_secbuf *body,
    msp_call_failure *failure, msp_error *err)
{
	msp_status status = written;
	if (status == MSP_OK) {
		status = change(api, MSP_HTTP_PATCH, path, body, 0, NULL, failure, err);
	} else {
		msp_secbuf_free(body);
	}
	free(path);
	return status;
}

msp_status msp_api_cancel_refund(const msp_api *api, const char *order_id, const char *refund_id,
    msp_call_failure *failure, msp_error *err)
{
	char *path = NULL;
	msp_secbuf *body = NULL;
	msp_call_failure_clear(failure);
	msp_status status =
	    order_path("orders/", order_id, strlen(order_id), "/refunds/", refund_id, "", &path, err);
	if (status == MSP_OK) {
		status = msp_cancel_refund_write_json(&body, err);
	}
	return patch(api, path, status, body, failure, err);
}

msp_status msp_api_cancel_order(
    const msp_api *api, const char *order_id, msp_call_failure *failure, msp_error *err)
{
	char *path = NULL;
	msp_secbuf *body = NULL;
	msp_call_failure_clear(failure);
	msp_status status = order_path("orders/", order_id, strlen(order_id), "", NULL, "", &path, err);
	if (status == MSP_OK) {
		status = msp_cancel_order_write_json(&body, err);
	}
	return patch(api, path, status, body, failure, err);
}

msp_status msp_api_capture(const msp_api *api, const char *order_id, int64_t amount, const char *currency,
    const char *new_order_id, msp_call_failure *failure, msp_error *err)
{
	char *path = NULL;
	msp_secbuf *body = NULL;
	msp_call_failure_clear(failure);
	msp_status status = msp_capture_write_json(amount, currency, new_order_id, &body, err);
	if (status == MSP_OK) {
		status = order_path("orders/", order_id, strlen(order_id), "/capture", NULL, "", &path, err);
	}
	if (status == MSP_OK) {
		status = change(api, MSP_HTTP_POST, path, body, 0, NULL, failure, err);
		body = NULL;
	}
	msp_secbuf_free(body);
	free(path);
	return status;
}

msp_status msp_api_cancel_authorization(
    const msp_api *api, const char *order_id, const char *reason, msp_call_failure *failure, msp_error *err)
{
	char *path = NULL;
	msp_secbuf *body = NULL;
	msp_call_failure_clear(failure);
	msp_status status = order_path("capture/", order_id, strlen(order_id), "", NULL, "", &path, err);
	if (status == MSP_OK) {
		status = msp_cancel_authorization_write_json(reason, &body, err);
	}
	return patch(api, path, status, body, failure, err);
}
