/* Card numbers: parsing, Luhn, brand detection from IIN ranges, lengths, CVC and expiry rules,
 * masking. The PAN and CVC are copied straight from the caller's bytes into secure buffers
 * (secmem.h); no other copy is made. */
#ifndef MSP_CORE_CARD_H
#define MSP_CORE_CARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "error.h"
#include "secmem.h"

typedef enum {
	MSP_BRAND_UNKNOWN = 0,
	/* Brands MultiSafepay accepts for direct card payments. */
	MSP_BRAND_VISA,
	MSP_BRAND_MASTERCARD,
	MSP_BRAND_MAESTRO,
	MSP_BRAND_AMEX,
	MSP_BRAND_BANCONTACT,
	/* Recognised so that the refusal can say "not supported" instead of "invalid number". */
	MSP_BRAND_DINERS,
	MSP_BRAND_DISCOVER,
	MSP_BRAND_JCB,
	MSP_BRAND_UNIONPAY,
} msp_card_brand;

#define MSP_BRAND_COUNT 10

/* Machine-readable refusal reasons, carried in msp_error.reason with MSP_ERR_CARD. The binding
 * exposes them as the Msp\CardError enum; keep the values stable. */
typedef enum {
	MSP_CARD_OK = 0,
	MSP_CARD_INVALID_CHARACTERS, /* anything but digits and single space/dash group separators */
	MSP_CARD_INVALID_LENGTH,     /* length outside 12..19 or not valid for the brand */
	MSP_CARD_LUHN_FAILED,
	MSP_CARD_UNKNOWN_BRAND,     /* no IIN range matches */
	MSP_CARD_UNSUPPORTED_BRAND, /* Diners, Discover, JCB, UnionPay */
	MSP_CARD_INVALID_CVC,       /* not digits, or wrong length for the brand */
	MSP_CARD_CVC_REQUIRED,      /* brand needs a CVC and none was given */
	MSP_CARD_INVALID_EXPIRY,    /* month outside 1..12, year not 2 or 4 digits or out of range */
	MSP_CARD_EXPIRED,           /* refused when an order is built with an expired card */
	MSP_CARD_INVALID_HOLDER,    /* holder name empty, too long or with control characters */
} msp_card_reason;

typedef struct msp_card msp_card;

/* Validates and takes a card. pan/cvc are read once and copied into secure buffers; the caller
 * wipes its own copy. cvc may be NULL/0 (allowed for Maestro and Bancontact, whose cards may have
 * none). exp_year may have 2 digits (2000 + yy) or 4 (2000..2099). holder may be NULL; when given it
 * must be 1..150 bytes of UTF-8 without control characters and not only spaces. An expired card is
 * accepted here (see is_expired): the order builder refuses it.
 *
 * Checks run in this order and the first failure is reported (MSP_ERR_CARD, reason in err->reason):
 * characters, length 12..19, Luhn, brand known, brand supported, length valid for the brand, CVC,
 * expiry, holder. Luhn comes before the brand because a mistyped number has no meaningful brand;
 * "unsupported" comes before the brand's lengths because no fix to the number would help then.
 * Messages carry lengths, positions and brand names, never a digit of the PAN or CVC. */
msp_status msp_card_new(const char *pan, size_t pan_len, const char *cvc, size_t cvc_len, int64_t exp_month,
    int64_t exp_year, const char *holder, size_t holder_len, msp_card **out, msp_error *err);
void msp_card_free(msp_card *card);

msp_card_brand msp_card_get_brand(const msp_card *card);
const char *msp_card_last4(const msp_card *card); /* 4 digits */
const char *msp_card_bin(const msp_card *card);   /* first 6 digits */
/* The PAN with '*' for hidden digits, same length as the PAN: the last 4 digits and the first
 * min(6, length - 10) are shown, so at most 6 + 4 digits show and at least 6 are always hidden:
 * 411111******1111 (16), 37828******0005 (15 digits: first 5), 679999*********0011 (19).
 * bin() + last4() together show more than that for PANs under 16 digits: display masked(). */
const char *msp_card_masked(const msp_card *card);
const char *msp_card_holder(const msp_card *card); /* "" when none */
size_t msp_card_pan_length(const msp_card *card);
int msp_card_exp_month(const msp_card *card);
int msp_card_exp_year(const msp_card *card); /* 4 digits */
void msp_card_expiry_yymm(const msp_card *card, char out[5]);
/* A card is valid through the last day of its expiry month (UTC). */
bool msp_card_is_expired(const msp_card *card, time_t now);
bool msp_card_has_cvc(const msp_card *card);
/* The secrets, for the request body writer only. */
const msp_secbuf *msp_card_pan(const msp_card *card);
const msp_secbuf *msp_card_cvc(const msp_card *card); /* NULL when none */

/* Expiry as a shop's form sends it, for msp_card_new(). With year != NULL: month is 1 or 2 digits
 * and year 2 or 4 digits. With year == NULL, month holds the whole expiry: "MM/YY", "MM / YY"
 * (WooCommerce's card form), "MM/YYYY", "M/YY" or "MMYY". Spaces around the values are ignored. Only
 * the form is checked here (MSP_ERR_CARD, MSP_CARD_INVALID_EXPIRY); msp_card_new() checks the range. */
msp_status msp_card_parse_expiry(const char *month, size_t month_len, const char *year, size_t year_len,
    int *out_month, int *out_year, msp_error *err);

/* Where a field's value lies in an application/x-www-form-urlencoded body, still encoded: the bytes
 * body[offset, offset + len) between "name=" and the next '&'. */
typedef struct {
	size_t offset;
	size_t len;
} msp_form_value;

/* Finds the values of the field that PHP registers under `name` (as $_POST shows it, brackets
 * included: "payment[cc_number]"): the body's names are percent-decoded ('+' is a space) and their
 * part before the first '[' is mangled as PHP does (leading spaces dropped, ' ' and '.' become '_').
 * Writes at most cap matches to out and returns how many there are (a name may repeat). */
size_t msp_card_form_find(
    const char *body, size_t body_len, const char *name, size_t name_len, msp_form_value *out, size_t cap);

/* Building blocks, exposed for unit tests and for other core modules. */
bool msp_luhn_valid(const char *digits, size_t len);
msp_card_brand msp_card_brand_detect(const char *digits, size_t len);
bool msp_card_brand_length_valid(msp_card_brand brand, size_t len);
bool msp_card_brand_supported(msp_card_brand brand);
/* Expected CVC length (3 or 4); *optional is set when the brand may have none (Maestro, Bancontact). */
size_t msp_card_brand_cvc_length(msp_card_brand brand, bool *optional);
const char *msp_card_brand_name(msp_card_brand brand); /* "Visa", "American Express" ... */
/* MultiSafepay gateway code: VISA, MASTERCARD, MAESTRO, AMEX, MISTERCASH (Bancontact's gateway);
 * NULL when the brand is not accepted. */
const char *msp_card_brand_gateway(msp_card_brand brand);
/* The brand a gateway code (or payment_details.type) names; UNKNOWN for CREDITCARD and others. */
msp_card_brand msp_card_brand_from_gateway(const char *gateway);
const char *msp_card_reason_name(msp_card_reason reason); /* "LUHN_FAILED" ...; NULL if out of range */

#endif
