/* An independent reference for card.c, used by test_card.c to cross-check thousands of generated
 * numbers. It is written differently on purpose, so that a shared mistake is unlikely:
 * - Luhn walks left to right with a parity flag and looks doubled digits up in a table, where
 *   card.c walks right to left and computes 2d - 9.
 * - Brands come from a list of string prefixes compared with strncmp, ranges spelled out as the
 *   prefixes that cover them (2221-2720 = 2221..2229, 223..229, 23..26, 270, 271, 2720), where
 *   card.c compares integer ranges.
 * - Lengths are lists of numbers, where card.c uses bit masks.
 * - The input grammar is checked by splitting into digit groups, where card.c looks at the
 *   neighbours of each separator.
 * The brand decisions themselves (which brand owns an overlap) are the ones card.c documents. */
#ifndef MSP_TESTS_CARD_REFERENCE_H
#define MSP_TESTS_CARD_REFERENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "card.h"

static bool ref_luhn(const char *s, size_t len)
{
	static const char doubled[] = "0246813579"; /* 2d with its two digits summed */
	if (len == 0) {
		return false;
	}
	int total = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
		int d = s[i] - '0';
		/* Counting from the right, every second digit is doubled: from the left, those are the
		 * positions with the same parity as the length. */
		total += (i % 2 == len % 2) ? doubled[d] - '0' : d;
	}
	return total % 10 == 0;
}

typedef struct {
	const char *prefix;
	msp_card_brand brand;
} ref_prefix;

static const ref_prefix ref_prefixes[] = {
    {"4", MSP_BRAND_VISA},
    {"51", MSP_BRAND_MASTERCARD},
    {"52", MSP_BRAND_MASTERCARD},
    {"53", MSP_BRAND_MASTERCARD},
    {"54", MSP_BRAND_MASTERCARD},
    {"55", MSP_BRAND_MASTERCARD},
    {"2221", MSP_BRAND_MASTERCARD},
    {"2222", MSP_BRAND_MASTERCARD},
    {"2223", MSP_BRAND_MASTERCARD},
    {"2224", MSP_BRAND_MASTERCARD},
    {"2225", MSP_BRAND_MASTERCARD},
    {"2226", MSP_BRAND_MASTERCARD},
    {"2227", MSP_BRAND_MASTERCARD},
    {"2228", MSP_BRAND_MASTERCARD},
    {"2229", MSP_BRAND_MASTERCARD},
    {"223", MSP_BRAND_MASTERCARD},
    {"224", MSP_BRAND_MASTERCARD},
    {"225", MSP_BRAND_MASTERCARD},
    {"226", MSP_BRAND_MASTERCARD},
    {"227", MSP_BRAND_MASTERCARD},
    {"228", MSP_BRAND_MASTERCARD},
    {"229", MSP_BRAND_MASTERCARD},
    {"23", MSP_BRAND_MASTERCARD},
    {"24", MSP_BRAND_MASTERCARD},
    {"25", MSP_BRAND_MASTERCARD},
    {"26", MSP_BRAND_MASTERCARD},
    {"270", MSP_BRAND_MASTERCARD},
    {"271", MSP_BRAND_MASTERCARD},
    {"2720", MSP_BRAND_MASTERCARD},
    {"34", MSP_BRAND_AMEX},
    {"37", MSP_BRAND_AMEX},
    {"50", MSP_BRAND_MAESTRO},
    {"56", MSP_BRAND_MAESTRO},
    {"57", MSP_BRAND_MAESTRO},
    {"58", MSP_BRAND_MAESTRO},
    {"6", MSP_BRAND_MAESTRO},
    {"6703", MSP_BRAND_BANCONTACT},
    {"606005", MSP_BRAND_BANCONTACT},
    {"300", MSP_BRAND_DINERS},
    {"301", MSP_BRAND_DINERS},
    {"302", MSP_BRAND_DINERS},
    {"303", MSP_BRAND_DINERS},
    {"304", MSP_BRAND_DINERS},
    {"305", MSP_BRAND_DINERS},
    {"3095", MSP_BRAND_DINERS},
    {"36", MSP_BRAND_DINERS},
    {"38", MSP_BRAND_DINERS},
    {"39", MSP_BRAND_DINERS},
    {"6011", MSP_BRAND_DISCOVER},
    {"644", MSP_BRAND_DISCOVER},
    {"645", MSP_BRAND_DISCOVER},
    {"646", MSP_BRAND_DISCOVER},
    {"647", MSP_BRAND_DISCOVER},
    {"648", MSP_BRAND_DISCOVER},
    {"649", MSP_BRAND_DISCOVER},
    {"65", MSP_BRAND_DISCOVER},
    {"3528", MSP_BRAND_JCB},
    {"3529", MSP_BRAND_JCB},
    {"353", MSP_BRAND_JCB},
    {"354", MSP_BRAND_JCB},
    {"355", MSP_BRAND_JCB},
    {"356", MSP_BRAND_JCB},
    {"357", MSP_BRAND_JCB},
    {"358", MSP_BRAND_JCB},
    /* 622126-622925 (Discover's acceptance of UnionPay cards) stays UnionPay: covered by 62. */
    {"62", MSP_BRAND_UNIONPAY},
    {"81", MSP_BRAND_UNIONPAY},
};

#define REF_PREFIX_COUNT (sizeof(ref_prefixes) / sizeof(ref_prefixes[0]))

static msp_card_brand ref_brand(const char *digits, size_t len)
{
	msp_card_brand brand = MSP_BRAND_UNKNOWN;
	size_t longest = 0;
	for (size_t i = 0; i < REF_PREFIX_COUNT; i++) {
		size_t n = strlen(ref_prefixes[i].prefix);
		if (n <= len && n > longest && strncmp(digits, ref_prefixes[i].prefix, n) == 0) {
			brand = ref_prefixes[i].brand;
			longest = n;
		}
	}
	return brand;
}

static bool ref_length_valid(msp_card_brand brand, size_t len)
{
	static const int visa[] = {13, 16, 19, 0};
	static const int sixteen[] = {16, 0};
	static const int fifteen[] = {15, 0};
	static const int twelve_up[] = {12, 13, 14, 15, 16, 17, 18, 19, 0};
	static const int fourteen_up[] = {14, 15, 16, 17, 18, 19, 0};
	static const int sixteen_up[] = {16, 17, 18, 19, 0};
	const int *allowed;
	switch (brand) {
		case MSP_BRAND_VISA:
			allowed = visa;
			break;
		case MSP_BRAND_MASTERCARD:
			allowed = sixteen;
			break;
		case MSP_BRAND_AMEX:
			allowed = fifteen;
			break;
		case MSP_BRAND_MAESTRO:
			allowed = twelve_up;
			break;
		case MSP_BRAND_DINERS:
			allowed = fourteen_up;
			break;
		case MSP_BRAND_BANCONTACT:
		case MSP_BRAND_DISCOVER:
		case MSP_BRAND_JCB:
		case MSP_BRAND_UNIONPAY:
			allowed = sixteen_up;
			break;
		default:
			return false;
	}
	for (; *allowed != 0; allowed++) {
		if ((size_t)*allowed == len) {
			return true;
		}
	}
	return false;
}

static bool ref_supported(msp_card_brand brand)
{
	return brand == MSP_BRAND_VISA || brand == MSP_BRAND_MASTERCARD || brand == MSP_BRAND_MAESTRO ||
	       brand == MSP_BRAND_AMEX || brand == MSP_BRAND_BANCONTACT;
}

/* Groups of digits joined by exactly one ' ' or '-'. Collects the digits into out (room for
 * out_size - 1 of them, the rest are counted but dropped) and their count into *count. */
static bool ref_split_groups(const char *s, size_t len, char *out, size_t out_size, size_t *count)
{
	size_t i = 0;
	*count = 0;
	if (len == 0) {
		return true; /* no characters at all: nothing wrong with them, the length check refuses */
	}
	for (;;) {
		size_t group = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			if (*count + 1 < out_size) {
				out[*count] = s[i];
			}
			(*count)++;
			group++;
			i++;
		}
		if (group == 0) {
			return false;
		}
		if (i == len) {
			break;
		}
		if (s[i] != ' ' && s[i] != '-') {
			return false;
		}
		i++;
	}
	out[*count + 1 < out_size ? *count : out_size - 1] = '\0';
	return true;
}

/* The reason msp_card_new should give for a PAN (with a CVC that fits whatever brand it is, a valid
 * expiry and no holder), following the order card.h documents. */
static msp_card_reason ref_pan_reason(const char *input, size_t len)
{
	char digits[64];
	size_t count = 0;
	if (!ref_split_groups(input, len, digits, sizeof(digits), &count)) {
		return MSP_CARD_INVALID_CHARACTERS;
	}
	if (count < 12 || count > 19) {
		return MSP_CARD_INVALID_LENGTH;
	}
	if (!ref_luhn(digits, count)) {
		return MSP_CARD_LUHN_FAILED;
	}
	msp_card_brand brand = ref_brand(digits, count);
	if (brand == MSP_BRAND_UNKNOWN) {
		return MSP_CARD_UNKNOWN_BRAND;
	}
	if (!ref_supported(brand)) {
		return MSP_CARD_UNSUPPORTED_BRAND;
	}
	if (!ref_length_valid(brand, count)) {
		return MSP_CARD_INVALID_LENGTH;
	}
	return MSP_CARD_OK;
}

/* The masked form built position by position: a digit shows when it is among the last four, or
 * among the first six while at least six others stay hidden. */
static void ref_masked(const char *digits, size_t len, char *out)
{
	size_t shown_front = 0;
	while (shown_front < 6 && len - shown_front - 1 >= 4 + 6) {
		shown_front++;
	}
	for (size_t i = 0; i < len; i++) {
		out[i] = (i < shown_front || i >= len - 4) ? digits[i] : '*';
	}
	out[len] = '\0';
}

#endif
