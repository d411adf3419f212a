/* MultiSafepay's answers, parsed tolerantly with json-c (api.md §2 "Parse tolerantly", §4): the
 * envelope decides success by its `success` field, not the HTTP status; an order keeps its JSON tree
 * so the binding can offer every field that came. Response bodies carry no PAN (only last4). */
#ifndef MSP_CORE_RESPONSE_H
#define MSP_CORE_RESPONSE_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Why a call failed at the API level, for Msp\ApiException. */
typedef struct {
	long http_status;
	int error_code;   /* MultiSafepay's error_code; 0 when the answer had none */
	char info[256];   /* error_info, or a composed description */
	bool unavailable; /* HTTP 501/503: try again later */
	bool not_json;    /* the body was not a JSON envelope */
} msp_api_failure;

typedef struct {
	char *order_id;
	char *transaction_id;
	char *status;
	char *financial_status;
	char *currency;
	char *description;
	char *created;
	char *modified;
	char *reason;
	char *reason_code;
	char *payment_url;
	char *brand; /* payment_details.type */
	char *last4;
	char *threeds_status; /* payment_details.card_authentication_result.status */
	char *threeds_flow;   /* payment_details.card_authentication_details.flow */
	char *verification_html;
	char *verification_type;
	int64_t amount;
	int64_t amount_refunded;
	/* Refunds requested, reserved ones included: the larger of amount_refunded and the sum of the
	 * refund related_transactions that are reserved, initialized or completed (see status.h). */
	int64_t refunds_requested;
	json_object *data; /* the order object (a reference owned by this struct) */
} msp_order;

/* Splits an answer: MSP_OK with *data (a new reference) when success is true; MSP_ERR_API with
 * *failure filled when success is false or the body has no error envelope; MSP_ERR_PARSE when the body
 * is not JSON (failure->not_json, with a short redacted excerpt in the message). */
msp_status msp_response_parse(const char *body, size_t len, long http_status, json_object **data,
    msp_api_failure *failure, msp_error *err);

/* An order from an order object (the `data` of create/GET, or a POST notification body). Never fails
 * on odd types or missing fields; MSP_ERR_PARSE only when obj is not an object. */
msp_status msp_order_from_json(json_object *obj, msp_order **out, msp_error *err);
/* Parses raw JSON text of an order object (a notification body). */
msp_status msp_order_parse(const char *body, size_t len, msp_order **out, msp_error *err);
void msp_order_free(msp_order *order);

/* A stable id of the order state a notification reports (notify.h: the same across MultiSafepay's
 * resends, new for every real change): 64 hex digits and a NUL. */
msp_status msp_order_event_id(const msp_order *order, char out[65], msp_error *err);

/* The status of the related transaction (refund, capture, chargeback) with this id, or NULL. */
const char *msp_order_related_status(const msp_order *order, const char *transaction_id);

/* refund_id (or order_id, as some examples have it) and transaction_id of a refund answer. */
typedef struct {
	char *refund_id;
	char *transaction_id;
} msp_refund_result;

msp_status msp_refund_result_from_json(json_object *obj, msp_refund_result *out, msp_error *err);
void msp_refund_result_free(msp_refund_result *result);

/* A copy of a JSON or text body fit for logs: runs of 12 to 19 digits that pass Luhn keep only their
 * last 4 digits, values of card_number / card_cvc / cvc / api_key keys are replaced, control
 * characters become spaces. Works on any bytes. *out is malloc'ed (free()); NULL when out of memory. */
char *msp_redact(const char *body, size_t len, size_t max_len);

#endif
