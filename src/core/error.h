/* Error reporting shared by every src/core module.
 *
 * Core functions return an msp_status and, on failure, fill an msp_error: the binding maps the
 * status to an exception class and the reason to the exception's machine-readable reason.
 * Messages never contain card data or keys: callers format only lengths, codes and masked data. */
#ifndef MSP_CORE_ERROR_H
#define MSP_CORE_ERROR_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
	MSP_OK = 0,
	MSP_ERR_INVALID,   /* bad argument: maps to Msp\InvalidArgumentException */
	MSP_ERR_CARD,      /* card refused: Msp\CardException, reason is an msp_card_reason */
	MSP_ERR_NOMEM,     /* allocation failed */
	MSP_ERR_NETWORK,   /* transport failure: Msp\NetworkException, reason is a CURLcode */
	MSP_ERR_API,       /* API answered success=false: Msp\ApiException, reason is error_code */
	MSP_ERR_PARSE,     /* response body not usable: Msp\ApiException */
	MSP_ERR_SIGNATURE, /* notification signature refused: Msp\SignatureException */
	MSP_ERR_STATE,     /* operation not allowed in the order's state: Msp\StateException */
} msp_status;

/* Room for a message, its NUL included. msp's own texts, with the longest text from outside that
 * they quote (MultiSafepay's error info, capped at MSP_API_INFO_MAX; libcurl's error buffer; a value
 * shown back, capped where it is quoted) and the advice of an unknown outcome, stay well under it.
 * Should one not fit, it is cut at a UTF-8 character boundary and ends with "..." (msp_text_fit()),
 * never inside a character and never silently. */
#define MSP_ERROR_MESSAGE_MAX 1024

typedef struct {
	msp_status status;
	int reason; /* area-specific machine-readable reason (enum value or API error code) */
	char message[MSP_ERROR_MESSAGE_MAX];
	char field[64]; /* the offending request field ("customer.country"), or "" */
} msp_error;

/* Sets *err (when err is not NULL) and returns status, so callers can write
 * `return msp_error_set(err, MSP_ERR_INVALID, 0, "amount must be positive");` */
msp_status msp_error_set(msp_error *err, msp_status status, int reason, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Names the offending field (API spelling, e.g. "customer.country") of an error already set. */
void msp_error_set_field(msp_error *err, const char *field);

void msp_error_clear(msp_error *err);

/* Call after (v)snprintf wrote into buf (size bytes) and returned written: when the text did not fit,
 * ends it at the last whole UTF-8 character that leaves room for "..." and appends "...". */
void msp_text_fit(char *buf, size_t size, int written);

/* A number a caller gave, for a message: written out when it has at most max_digits digits, else
 * described by its length ("a number of 19 digits"). Redaction takes a run of 12 or more digits
 * that passes Luhn for a card number, so max_digits is at most MSP_NUMBER_DIGITS_SHOWN (a long
 * number written out could come back as "[card ****1234]"); card messages show fewer still. */
#define MSP_NUMBER_TEXT_MAX     48
#define MSP_NUMBER_DIGITS_SHOWN 11
const char *msp_number_text(int64_t n, int max_digits, char out[MSP_NUMBER_TEXT_MAX]);

#endif
