/* Notification (webhook) verification, api.md §6.
 *
 * A POST notification carries the order as its body and an `Auth` header:
 *   Auth = base64("<timestamp>:<hex(HMAC-SHA512(key = trim(api_key), timestamp ":" raw body))>")
 * The MAC is computed over the raw body bytes exactly as received (never re-encoded JSON), compared
 * in constant time, and the timestamp must lie within a window around `now` in both directions.
 * Every malformed header is a verification failure with a reason, never a crash. Messages never
 * contain the key; they may give the timestamp and the clock skew. */
#ifndef MSP_CORE_NOTIFY_H
#define MSP_CORE_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* MultiSafepay's resends come 15 minutes apart with fresh timestamps; 600 s is its SDK's default. */
#define MSP_NOTIFY_DEFAULT_TOLERANCE 600
/* The longest valid header: base64 of 19 timestamp digits, ':' and 128 hex digits, plus a NUL. */
#define MSP_NOTIFY_AUTH_HEADER_SIZE 201
/* An event id: 64 lower-case hex digits and a NUL. */
#define MSP_NOTIFY_EVENT_ID_SIZE 65

/* Machine-readable reasons, carried in msp_error.reason with MSP_ERR_SIGNATURE (Msp\SignatureError),
 * except INVALID_ARGUMENT (MSP_ERR_INVALID) and NOMEM (MSP_ERR_NOMEM). Values are stable. */
typedef enum {
	MSP_NOTIFY_OK = 0,
	MSP_NOTIFY_MALFORMED_HEADER,         /* missing, empty or far too long */
	MSP_NOTIFY_BAD_BASE64,               /* not strict, padded, canonical standard base64 */
	MSP_NOTIFY_NO_SEPARATOR,             /* no ':' in the decoded header */
	MSP_NOTIFY_BAD_TIMESTAMP,            /* not 1 to 19 digits, or beyond int64 */
	MSP_NOTIFY_BAD_SIGNATURE_LENGTH,     /* not 128 characters after the ':' */
	MSP_NOTIFY_BAD_HEX,                  /* a signature character that is no hex digit */
	MSP_NOTIFY_TIMESTAMP_OUTSIDE_WINDOW, /* authentic, but |now - timestamp| > tolerance */
	MSP_NOTIFY_SIGNATURE_MISMATCH,       /* well formed, but not signed with this key over this body */
	MSP_NOTIFY_EMPTY_KEY,                /* the key is empty after trimming */
	MSP_NOTIFY_INVALID_ARGUMENT,         /* MSP_ERR_INVALID: negative tolerance, NULL body with a length... */
	MSP_NOTIFY_CRYPTO_FAILURE,           /* OpenSSL failed: the notification is refused */
	MSP_NOTIFY_NOMEM,                    /* MSP_ERR_NOMEM */
} msp_notify_reason;

/* Verifies a POST notification. key is the website API key (spaces, tabs, CR and LF around it are
 * trimmed, the trimming the api_key request header needs too); body the raw request body; auth_header the
 * `Auth` header value (surrounding whitespace trimmed). tolerance in seconds (>= 0; 0 allows only now itself:
 * unlike the PHP SDK, 0 does not switch the check off). now in seconds since 1970. On MSP_OK, and on
 * TIMESTAMP_OUTSIDE_WINDOW (the header is authentic, only late or early), *timestamp_out (when not NULL) is
 * the signed timestamp; otherwise it is set to 0. The MAC is checked before the window, so a window error is
 * only reported for authentic headers. */
msp_status msp_notify_verify(const unsigned char *key, size_t key_len, const unsigned char *body,
    size_t body_len, const char *auth_header, size_t auth_len, long tolerance, int64_t now,
    int64_t *timestamp_out, msp_error *err);

/* Writes the Auth header MultiSafepay would send for body at timestamp (>= 0) into out (NUL-terminated,
 * at least MSP_NOTIFY_AUTH_HEADER_SIZE bytes); *out_len (when not NULL) gets its length. For tests, the
 * emulator and fixtures. */
msp_status msp_notify_sign(const unsigned char *key, size_t key_len, const unsigned char *body,
    size_t body_len, int64_t timestamp, char *out, size_t out_size, size_t *out_len, msp_error *err);

/* A related transaction of the order (`related_transactions[]`): refunds, chargebacks, captures. */
typedef struct {
	const char *type; /* "refund", "chargeback", ...; NULL with length 0 when absent */
	size_t type_len;
	const char *transaction_id; /* string or number as text */
	size_t transaction_id_len;
	const char *status;
	size_t status_len;
} msp_notify_related;

/* The fields of a parsed order that identify a notification event.
 *
 * MultiSafepay resends a notification up to four times; only the URL `timestamp` and the Auth header
 * change, the body describes the same order state. A real change (payment, refund requested or done,
 * chargeback, capture) changes the order's status, its transaction status, its refunded amount or a
 * related transaction's status, or adds a related transaction. So the id hashes exactly those, and not
 * the raw body: the same state fetched with GET (GET notifications) or delivered by POST gives the same
 * id, and fields that say nothing about the event (`modified`, costs, customer data) cannot split it.
 * Related transactions count as a set: their order in the array does not matter. Strings are hashed as
 * given (the binding passes the JSON values). */
typedef struct {
	const char *order_id;
	size_t order_id_len;
	const char *status; /* `status` */
	size_t status_len;
	const char *financial_status; /* `financial_status` */
	size_t financial_status_len;
	int64_t amount_refunded;
	const msp_notify_related *related; /* NULL when related_count is 0 */
	size_t related_count;
} msp_notify_event;

/* out gets hex(SHA-256) of a length-prefixed, versioned encoding of the fields ("msp-event-v1"):
 * 64 lower-case hex digits and a NUL. */
msp_status msp_notify_event_id(
    const msp_notify_event *event, char out[MSP_NOTIFY_EVENT_ID_SIZE], msp_error *err);

/* "bad_base64", ...; "unknown" out of range. */
const char *msp_notify_reason_name(msp_notify_reason reason);

#endif
