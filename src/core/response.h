/* MultiSafepay's answers, parsed tolerantly (api.md §2 "Parse tolerantly", §4) from the strict JSON
 * of json.h: the envelope decides success by its `success` field, not the HTTP status; an order
 * keeps its JSON document so the binding can offer every field that came. Response bodies carry no
 * PAN (only last4). */
#ifndef MSP_CORE_RESPONSE_H
#define MSP_CORE_RESPONSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "json.h"
#include "redact.h" /* msp_redact, for the callers that redact what they quote */

/* A value and the document that holds it (one reference to it). */
typedef struct {
	msp_json_doc *doc;
	const msp_json *value;
} msp_json_ref;

/* Drops the reference and clears the pair; accepts NULL and an empty pair. */
void msp_json_ref_release(msp_json_ref *ref);

/* Room for the API's error info (getErrorInfo()), its NUL included: a longer text is cut at a
 * character boundary and ends with "...". Below MSP_ERROR_MESSAGE_MAX, so that the messages that
 * quote it ("MultiSafepay error 1032: ...", and that with the advice of an unknown outcome) fit. */
#define MSP_API_INFO_MAX 512

/* Why a call failed at the API level, for Msp\ApiException. */
typedef struct {
	long http_status;
	int error_code;              /* MultiSafepay's error_code; 0 when the answer had none */
	char info[MSP_API_INFO_MAX]; /* error_info, or a composed description */
	bool unavailable;            /* HTTP 501/503: try again later */
	bool not_json;               /* the body was not a JSON envelope */
} msp_api_failure;

/* One entry of related_transactions (refunds, captures, chargebacks). Missing texts are NULL. */
typedef struct {
	const char *type; /* refund, chargeback, capture, ... */
	const char *transaction_id;
	const char *status;
	const char *currency;
	const char *created;
	int64_t amount;
} msp_related_transaction;

/* An order as MultiSafepay reports it. Every text lives in the order's JSON document (freed with the
 * order) or is NULL when the field was missing, null, empty or of a type that has no text (object,
 * array); numbers arrive as their decimal text ("1234" from 1234), exact for integers up to 19
 * digits. amount is 0 when missing (has_amount says which); a present amount that is not an
 * integer makes the whole order a protocol error (msp_order_from_json). */
typedef struct {
	const char *order_id;
	const char *transaction_id;
	const char *status;           /* order status, as given (status.h maps it) */
	const char *financial_status; /* transaction status, as given */
	const char *currency;
	const char *description;
	const char *created;
	const char *modified;
	const char *reason;
	const char *reason_code;
	const char *payment_url;
	const char *cancel_url;
	const char *var[3]; /* var1..var3 */
	/* payment_details */
	const char *brand;            /* payment_details.type: VISA, MASTERCARD, ..., MISTERCASH */
	const char *last4;            /* as text; a JSON number is left-padded ("0004" from 4) */
	const char *card_expiry_date; /* YYMM as text; a JSON number keeps its 4 digits ("0127" from 127) */
	const char *account_holder_name;
	const char *issuer_country_code;
	const char *card_funding;
	const char *response_code;
	const char *authorization_code;
	const char *external_transaction_id;
	const char *threeds_status;  /* payment_details.card_authentication_result.status: Y/A/C/N/U/R */
	const char *threeds_eci;     /* ....card_authentication_result.eci */
	const char *threeds_version; /* ....card_authentication_result.version */
	const char *threeds_flow;    /* payment_details.card_authentication_details.flow */
	const char *capture;         /* payment_details.capture ("manual") */
	const char *capture_expiry;
	int64_t capture_remain;
	bool has_capture_remain;
	/* customer_verification, when 3-D Secure needs the customer: html is set, type defaults to
	 * "form" in the binding. */
	const char *verification_html;
	const char *verification_type;
	int64_t amount;
	bool has_amount;
	int64_t amount_refunded;
	/* Refunds requested, reserved ones included: the larger of amount_refunded and the sum of the
	 * refund related_transactions that are reserved, initialized or completed (see status.h). */
	int64_t refunds_requested;
	msp_related_transaction *related; /* related_transactions that are objects, in order */
	size_t related_count;
	bool related_amounts_unusable; /* a related amount that is not an integer (a protocol error) */
	msp_json_doc *doc;             /* one reference, owned by the order */
	const msp_json *data;          /* the order object in doc, for toArray() */
} msp_order;

/* Splits an answer: MSP_OK with *data (holding a new reference to the document; an empty object when
 * the envelope had no data) when `success` is true, whatever the HTTP status. MSP_ERR_API with *failure
 * filled when success is false or missing: error_code (0 when absent: a bare {"message"} or a 422 {"errors"}
 * list, composed into info), error_info redacted and free of control characters. MSP_ERR_PARSE when
 * the body is empty, not JSON, truncated, nested too deep or not an object (failure->not_json; the
 * message carries a redacted excerpt of at most 120 characters). HTTP 501/503 set
 * failure->unavailable in every case. */
msp_status msp_response_parse(const char *body, size_t len, long http_status, msp_json_ref *data,
    msp_api_failure *failure, msp_error *err);

/* An order from an order object (the `data` of create/GET, or a POST notification body). Tolerant of
 * odd types and missing fields, except where money or identity would be guessed: MSP_ERR_PARSE when
 * obj is not an object, has no order_id, or has an amount, amount_refunded or related amount that is
 * not an integer (numbers as strings and integral floats are fine). The order takes its own
 * reference to the document. */
msp_status msp_order_from_json(const msp_json_ref *obj, msp_order **out, msp_error *err);
/* Parses raw JSON text of an order object (a POST notification body: no envelope). MSP_ERR_PARSE
 * when the text is not exactly one JSON object (trailing whitespace allowed). */
msp_status msp_order_parse(const char *body, size_t len, msp_order **out, msp_error *err);
void msp_order_free(msp_order *order);

/* A stable id of the order state a notification reports (notify.h: the same across MultiSafepay's
 * resends, new for every real change): 64 hex digits and a NUL. */
msp_status msp_order_event_id(const msp_order *order, char out[65], msp_error *err);

/* An initialized order with no customer_verification but a payment_url (an order found by a
 * look-up after its create's answer was lost: GET answers carry no form) still needs the customer:
 * gives it a redirect verification to payment_url (type "redirect" and a small page that links
 * there), so that requiresVerification() stays true. Does nothing to any other order. */
void msp_order_add_redirect_verification(msp_order *order);

/* The status of the related transaction (refund, capture, chargeback) with this id, or NULL. */
const char *msp_order_related_status(const msp_order *order, const char *transaction_id);

/* A refund answer. The refund's id is its refund_id when the answer has one, else the refund
 * transaction's transaction_id (the docs' example answers {order_id, transaction_id}); never the
 * order id. status only when the answer (or the look-up that found the refund) said it. */
typedef struct {
	char *refund_id;
	char *transaction_id;
	char *status;
} msp_refund_result;

msp_status msp_refund_result_from_json(const msp_json_ref *obj, msp_refund_result *out, msp_error *err);
void msp_refund_result_free(msp_refund_result *result);

#endif
