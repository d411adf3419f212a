/* ISO 4217 currencies with their minor units, and amount checks. Amounts are integers in minor
 * units (10.00 EUR = 1000, 10 JPY = 10). */
#ifndef MSP_CORE_MONEY_H
#define MSP_CORE_MONEY_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"

typedef struct {
	char code[4];    /* "EUR" */
	int minor_units; /* 2 for EUR, 0 for JPY, 3 for KWD */
} msp_currency;

/* Exact, case-sensitive lookup of an active ISO 4217 code; NULL when unknown. */
const msp_currency *msp_currency_find(const char *code);

/* MSP_OK when the currency is known and the amount is a positive integer that fits the API
 * (at most 2^31-1 minor units); otherwise MSP_ERR_INVALID with a message naming the problem. */
msp_status msp_amount_check(const char *currency, int64_t amount, msp_error *err);

/* Formats minor units as a decimal string in major units ("12.50"), for shopping-cart prices and
 * messages. Returns the number of characters written (snprintf semantics). */
int msp_amount_format(int64_t amount, const msp_currency *currency, char *out, size_t out_size);

/* Room for any int64_t amount in major units with up to 4 decimals, a sign and the NUL. */
#define MSP_AMOUNT_TEXT_MAX 32

/* "20.00 EUR" for messages (an unknown currency: the minor units and the code as given). */
void msp_money_text(int64_t amount, const char *currency, char out[MSP_AMOUNT_TEXT_MAX + 8]);

/* A shop's decimal total ("12.50", "12.5", "12", "-3.20") in the currency's minor units (1250), with
 * no loss: more decimals than the currency has are refused unless they are zeros ("12.500" EUR is
 * 1250, "12.505" EUR is refused; "100" JPY is 100, "100.5" JPY is refused). Plain ASCII digits with
 * an optional leading '-' and one '.'; no exponent, thousands separator, spaces or '+'. The result
 * must fit int64_t. MSP_ERR_INVALID with field "amount" or "currency" otherwise. */
msp_status msp_amount_parse(const char *text, size_t len, const char *currency, int64_t *out, msp_error *err);

#endif
