#include "api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	size_t size = strlen(prefix) + strlen(escaped) + strlen(middle) +
	              (escaped_sub ? strlen(escaped_sub) : 0) + strlen(suffix) + 1;
	*out = malloc(size);
	if (*out != NULL) {
		snprintf(*out, size, "%s%s%s%s%s", prefix, escaped, middle, escaped_sub ? escaped_sub : "", suffix);
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
	char *req = request ? msp_redact((const char *)request->data, request->len, 0) : NULL;
	char *res = resp->body ? msp_redact(resp->body, resp->body_len, 0) : NULL;
	api->on_bodies(api->bodies_ctx, req, res);
	free(req);
	free(res);
}

/* One HTTP call and its envelope: *data on success; failure filled otherwise. */
static msp_status call(const msp_api *api, msp_http_method method, const char *path, const msp_secbuf *body,
    msp_json_ref *data, bool *sent, msp_call_failure *failure, msp_error *err)
{
	msp_http_request req = {.method = method, .path = path, .query = NULL, .body = body};
	msp_http_response resp;
	data->doc = NULL;
	data->value = NULL;
	msp_status status = msp_http_perform(api->pool, api->config, &req, &resp, err);
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

static msp_status call_for_order(
    const msp_api *api, const char *path, msp_order **out, msp_call_failure *failure, msp_error *err)
{
	msp_json_ref data;
	msp_status status = call(api, MSP_HTTP_GET, path, NULL, &data, NULL, failure, err);
	if (status == MSP_OK) {
		status = msp_order_from_json(&data, out, err);
		msp_json_ref_release(&data);
	}
	return status;
}

msp_status msp_api_get_order(const msp_api *api, const char *order_id, size_t order_id_len, msp_order **out,
    msp_call_failure *failure, msp_error *err)
{
	char *path = NULL;
	memset(failure, 0, sizeof(*failure));
	*out = NULL;
	msp_status status = order_path("orders/", order_id, order_id_len, "", NULL, "", &path, err);
	if (status == MSP_OK) {
		status = call_for_order(api, path, out, failure, err);
	}
	free(path);
	return status;
}

/* The create's answer was lost (network) or unusable (not JSON): the order may exist. Look it up
 * instead of sending it again, since MultiSafepay has no idempotency key. */
static msp_status recover_created_order(const msp_api *api, const msp_order_request *req, msp_status original,
    msp_order **out, msp_call_failure *failure, msp_error *err)
{
	msp_call_failure lookup_failure;
	msp_error lookup_err;
	msp_error_clear(&lookup_err);
	const char *order_id = msp_order_request_order_id(req);
	msp_status status = msp_api_get_order(api, order_id, strlen(order_id), out, &lookup_failure, &lookup_err);
	if (status == MSP_OK) {
		failure->recovered = true;
		return MSP_OK;
	}
	bool not_found = status == MSP_ERR_API && lookup_failure.api.error_code == MSP_API_ORDER_NOT_FOUND;
	if (original == MSP_ERR_NETWORK || !not_found) {
		/* Cut off while MultiSafepay may still be processing it, or the lookup failed too. */
		failure->outcome_unknown = true;
		char message[MSP_ERROR_MESSAGE_MAX * 2];
		snprintf(message, sizeof(message),
		    "%s; the order was %s, so it may or may not exist: look it up with getOrder() before trying "
		    "again",
		    err->message, not_found ? "not found yet" : "not found by a lookup either");
		msp_error_set(err, original, err->reason, "%s", message);
	}
	/* Otherwise the server answered (unusably) and the order does not exist: the original error
	 * stands and the request may be sent again. */
	return original;
}

msp_status msp_api_create_order(const msp_api *api, const msp_order_request *req, time_t now, msp_order **out,
    msp_call_failure *failure, msp_error *err)
{
	memset(failure, 0, sizeof(*failure));
	*out = NULL;
	msp_secbuf *body = NULL;
	msp_status status = msp_order_request_validate(req, now, api->config->live, err);
	if (status != MSP_OK || (status = msp_order_request_write_json(req, &body, err)) != MSP_OK) {
		return status;
	}
	msp_json_ref data;
	bool sent = false;
	status = call(api, MSP_HTTP_POST, "orders", body, &data, &sent, failure, err);
	msp_secbuf_free(body); /* the PAN and CVC are wiped here, before anything else happens */
	if (status == MSP_OK) {
		status = msp_order_from_json(&data, out, err);
		msp_json_ref_release(&data);
		return status;
	}
	bool lost = status == MSP_ERR_NETWORK && sent;
	bool unusable = status == MSP_ERR_PARSE;
	if (lost || unusable) {
		return recover_created_order(api, req, status, out, failure, err);
	}
	return status;
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
	status =
	    msp_http_perform_many(api->pool, api->config, reqs, batch, resps, batch_errors, concurrency, err);
	for (size_t b = 0; status == MSP_OK && b < batch; b++) {
		size_t i = slot[b];
		msp_status one = batch_errors[b].status;
		errors[i] = batch_errors[b];
		if (one == MSP_ERR_NETWORK) {
			failures[i].curl_code = resps[b].curl_code;
			continue;
		}
		msp_json_ref data;
		one = msp_response_parse(
		    resps[b].body, resps[b].body_len, resps[b].http_status, &data, &failures[i].api, &errors[i]);
		if (one == MSP_OK) {
			msp_order_from_json(&data, &orders[i], &errors[i]);
			msp_json_ref_release(&data);
		}
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

/* A state-changing call whose answer is only success or failure. A lost answer after sending makes
 * the outcome unknown: msp never re-sends it. */
static msp_status change(const msp_api *api, msp_http_method method, const char *path, msp_secbuf *body,
    msp_json_ref *data, msp_call_failure *failure, msp_error *err)
{
	bool sent = false;
	msp_json_ref answer;
	msp_status status = call(api, method, path, body, &answer, &sent, failure, err);
	msp_secbuf_free(body);
	if ((status == MSP_ERR_NETWORK && sent) || status == MSP_ERR_PARSE) {
		failure->outcome_unknown = true;
	}
	if (data != NULL) {
		*data = answer;
	} else {
		msp_json_ref_release(&answer);
	}
	return status;
}

msp_status msp_api_refund(const msp_api *api, const char *order_id, const char *currency, int64_t amount,
    const char *description, msp_refund_result *out, msp_call_failure *failure, msp_error *err)
{
	char *path = NULL;
	msp_secbuf *body = NULL;
	memset(failure, 0, sizeof(*failure));
	memset(out, 0, sizeof(*out));
	msp_refund_request refund = {.currency = currency, .amount = amount, .description = description};
	msp_status status = msp_refund_request_write_json(&refund, &body, err);
	if (status == MSP_OK) {
		status = order_path("orders/", order_id, strlen(order_id), "/refunds", NULL, "", &path, err);
	}
	msp_json_ref data = {NULL, NULL};
	if (status == MSP_OK) {
		status = change(api, MSP_HTTP_POST, path, body, &data, failure, err);
		body = NULL;
	}
	if (status == MSP_OK) {
		status = msp_refund_result_from_json(&data, out, err);
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
		status = change(api, MSP_HTTP_PATCH, path, body, NULL, failure, err);
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
	memset(failure, 0, sizeof(*failure));
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
	memset(failure, 0, sizeof(*failure));
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
	memset(failure, 0, sizeof(*failure));
	msp_status status = msp_capture_write_json(amount, currency, new_order_id, &body, err);
	if (status == MSP_OK) {
		status = order_path("orders/", order_id, strlen(order_id), "/capture", NULL, "", &path, err);
	}
	if (status == MSP_OK) {
		status = change(api, MSP_HTTP_POST, path, body, NULL, failure, err);
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
	memset(failure, 0, sizeof(*failure));
	msp_status status = order_path("capture/", order_id, strlen(order_id), "", NULL, "", &path, err);
	if (status == MSP_OK) {
		status = msp_cancel_authorization_write_json(reason, &body, err);
	}
	return patch(api, path, status, body, failure, err);
}
