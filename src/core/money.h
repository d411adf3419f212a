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

#endif
