/* libFuzzer harness of src/core/card.c. The input is split into a card number, a CVC, an expiry and
 * a holder name for msp_card_new(). An accepted card must be what card.h promises: 12 to 19 digits
 * that pass Luhn and are the input's digits in order, a supported brand with its gateway and a CVC
 * of the brand's length, masked() hiding at least 6 digits and showing at most the first 6 and the
 * last 4, last4() and bin() taken from the number. A refusal must carry a reason and a message
 * without the number's digits. Any broken promise aborts without printing card data. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "redact.h"

#define CHECK(cond)                                                                                          \
	do {                                                                                                     \
		if (!(cond)) {                                                                                       \
			fprintf(stderr, "%s:%d: promise broken: %s\n", __FILE__, __LINE__, #cond);                       \
			abort();                                                                                         \
		}                                                                                                    \
	} while (0)

/* The next field of the input: up to the next 0xff byte. */
static const char *field(const uint8_t *data, size_t size, size_t *pos, size_t *len)
{
	size_t start = *pos;
	while (*pos < size && data[*pos] != 0xff) {
		(*pos)++;
	}
	*len = *pos - start;
	if (*pos < size) {
		(*pos)++;
	}
	return (const char *)data + start;
}

static bool contains(const char *hay, const char *needle, size_t n)
{
	size_t h = strlen(hay);
	for (size_t i = 0; n > 0 && i + n <= h; i++) {
		if (memcmp(hay + i, needle, n) == 0) {
			return true;
		}
	}
	return false;
}

static void check_accepted(const msp_card *card, const char *digits, size_t ndigits)
{
	const msp_secbuf *pan = msp_card_pan(card);
	CHECK(pan != NULL && pan->len == ndigits && memcmp(pan->data, digits, ndigits) == 0);
	CHECK(ndigits >= 12 && ndigits <= 19);
	CHECK(msp_luhn_valid((const char *)pan->data, pan->len));
	msp_card_brand brand = msp_card_get_brand(card);
	CHECK(msp_card_brand_supported(brand) && msp_card_brand_gateway(brand) != NULL);
	CHECK(msp_card_brand_length_valid(brand, ndigits));
	bool optional = false;
	size_t cvc_len = msp_card_brand_cvc_length(brand, &optional);
	const msp_secbuf *cvc = msp_card_cvc(card);
	CHECK(cvc != NULL ? cvc->len == cvc_len : optional);
	CHECK(msp_card_has_cvc(card) == (cvc != NULL));
	const char *masked = msp_card_masked(card);
	CHECK(strlen(masked) == ndigits);
	size_t shown = 0;
	for (size_t i = 0; i < ndigits; i++) {
		CHECK(masked[i] == '*' || masked[i] == digits[i]);
		shown += masked[i] != '*';
	}
	CHECK(shown <= 10 && ndigits - shown >= 6);
	CHECK(memcmp(masked + ndigits - 4, digits + ndigits - 4, 4) == 0);
	CHECK(strlen(msp_card_last4(card)) == 4 && memcmp(msp_card_last4(card), digits + ndigits - 4, 4) == 0);
	CHECK(strlen(msp_card_bin(card)) == 6 && memcmp(msp_card_bin(card), digits, 6) == 0);
	CHECK(msp_card_exp_month(card) >= 1 && msp_card_exp_month(card) <= 12);
	char yymm[5];
	msp_card_expiry_yymm(card, yymm);
	CHECK(strlen(yymm) == 4);
	/* What the redactor is given from a card. */
	msp_redactor r;
	msp_redactor_init(&r);
	CHECK(msp_redactor_add_card(&r, card));
	CHECK(r.count == (cvc != NULL ? 2u : 1u));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t pos = 0;
	size_t pan_len, cvc_len, expiry_len, holder_len;
	const char *pan = field(data, size, &pos, &pan_len);
	const char *cvc = field(data, size, &pos, &cvc_len);
	const char *expiry = field(data, size, &pos, &expiry_len);
	const char *holder = field(data, size, &pos, &holder_len);
	int month = expiry_len > 0 ? (int8_t)expiry[0] : 12;
	int year = expiry_len > 2 ? (int16_t)((uint8_t)expiry[1] | (uint8_t)expiry[2] << 8) : 2030;
	bool no_cvc = cvc_len == 1 && cvc[0] == 0;
	bool no_holder = holder_len == 1 && holder[0] == 0;

	char digits[64];
	size_t ndigits = 0;
	for (size_t i = 0; i < pan_len && ndigits < sizeof(digits); i++) {
		if (pan[i] >= '0' && pan[i] <= '9') {
			digits[ndigits++] = pan[i];
		}
	}
	msp_card *card = NULL;
	msp_error err;
	msp_error_clear(&err);
	msp_status status = msp_card_new(pan, pan_len, no_cvc ? NULL : cvc, no_cvc ? 0 : cvc_len, month, year,
	    no_holder ? NULL : holder, no_holder ? 0 : holder_len, &card, &err);
	if (status == MSP_OK) {
		CHECK(card != NULL);
		check_accepted(card, digits, ndigits);
		msp_card_free(card);
	} else {
		CHECK(card == NULL);
		CHECK(status == MSP_ERR_CARD || status == MSP_ERR_NOMEM || status == MSP_ERR_INVALID);
		CHECK(status != MSP_ERR_CARD || msp_card_reason_name((msp_card_reason)err.reason) != NULL);
		CHECK(strlen(err.message) > 0 && strlen(err.message) < sizeof(err.message));
		/* Messages carry lengths and positions, never the number. */
		CHECK(ndigits < 6 || !contains(err.message, digits, ndigits));
	}
	return 0;
}
