/* Unit tests of src/core/money.c: the ISO 4217 table, amount checks and formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "money.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

#define assert_contains(haystack, needle)                                                                    \
	do {                                                                                                     \
		if (strstr((haystack), (needle)) == NULL) {                                                          \
			fail_msg("\"%s\" does not contain \"%s\"", (haystack), (needle));                                \
		}                                                                                                    \
	} while (0)

/* The expected table, written out independently of money.c: every active List One code (amendment
 * 180) with a minor unit. Codes not in minor_units_not_2 have 2. */
static const char all_codes[] =
    "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD "
    "BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK "
    "DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF "
    "IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP "
    "LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD "
    "NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD "
    "SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD "
    "TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAD XAF XCD XCG XOF "
    "XPF YER ZAR ZMW ZWG";

static const msp_currency minor_units_not_2[] = {
    {"BHD", 3},
    {"BIF", 0},
    {"CLF", 4},
    {"CLP", 0},
    {"DJF", 0},
    {"GNF", 0},
    {"IQD", 3},
    {"ISK", 0},
    {"JOD", 3},
    {"JPY", 0},
    {"KMF", 0},
    {"KRW", 0},
    {"KWD", 3},
    {"LYD", 3},
    {"OMR", 3},
    {"PYG", 0},
    {"RWF", 0},
    {"TND", 3},
    {"UGX", 0},
    {"UYI", 0},
    {"UYW", 4},
    {"VND", 0},
    {"VUV", 0},
    {"XAF", 0},
    {"XOF", 0},
    {"XPF", 0},
};

static int expected_minor_units(const char *code)
{
	for (size_t i = 0; i < COUNT_OF(minor_units_not_2); i++) {
		if (strcmp(minor_units_not_2[i].code, code) == 0) {
			return minor_units_not_2[i].minor_units;
		}
	}
	return 2;
}

static void test_every_listed_code_is_found_with_its_minor_units(void **state)
{
	(void)state;
	size_t listed = 0;
	for (const char *p = all_codes; *p != '\0'; p += (p[3] == ' ') ? 4 : 3) {
		char code[4] = {p[0], p[1], p[2], '\0'};
		const msp_currency *currency = msp_currency_find(code);
		if (currency == NULL) {
			fail_msg("%s not found", code);
		}
		assert_string_equal(currency->code, code);
		assert_int_equal(currency->minor_units, expected_minor_units(code));
		listed++;
	}
	assert_int_equal(listed, 165);
}

/* Walks the whole three-letter space: catches an extra code (or an unsorted table, which makes the
 * binary search lose entries). */
static void test_no_code_outside_the_list_is_found(void **state)
{
	(void)state;
	size_t found = 0;
	char code[4] = {0};
	for (code[0] = 'A'; code[0] <= 'Z'; code[0]++) {
		for (code[1] = 'A'; code[1] <= 'Z'; code[1]++) {
			for (code[2] = 'A'; code[2] <= 'Z'; code[2]++) {
				if (msp_currency_find(code) != NULL) {
					found++;
					if (strstr(all_codes, code) == NULL) {
						fail_msg("%s is found but not expected", code);
					}
				}
			}
		}
	}
	assert_int_equal(found, 165);
}

static void test_withdrawn_metal_and_malformed_codes_are_unknown(void **state)
{
	(void)state;
	static const char *const unknown[] = {/* List Three (historic) */
	    "HRK", "BGN", "ANG", "CUC", "SLL", "ZWL", "VEF", "MRO", "STD", "BYR", "LTL", "DEM",
	    /* minor unit N.A. */
	    "XAU", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA", "XTS", "XXX",
	    /* malformed */
	    "eur", "Eur", "EU", "EURO", "", " EUR", "EUR ", "E\xc3\x9aR"};
	for (size_t i = 0; i < COUNT_OF(unknown); i++) {
		if (msp_currency_find(unknown[i]) != NULL) {
			fail_msg("\"%s\" should be unknown", unknown[i]);
		}
	}
	assert_null(msp_currency_find(NULL));
}

typedef struct {
	const char *currency;
	int64_t amount;
	msp_status status;
	const char *message; /* substring, or NULL when MSP_OK */
	const char *field;
} amount_case;

static const amount_case amount_cases[] = {
    {"EUR", 1, MSP_OK, NULL, NULL},
    {"EUR", 1000, MSP_OK, NULL, NULL},
    {"JPY", 10, MSP_OK, NULL, NULL},
    {"KWD", 1, MSP_OK, NULL, NULL},
    {"EUR", INT32_MAX, MSP_OK, NULL, NULL},
    {"EUR", 0, MSP_ERR_INVALID, "amount must be at least 1 (minor units), got 0", "amount"},
    {"EUR", -1, MSP_ERR_INVALID, "got -1", "amount"},
    {"EUR", INT64_MIN, MSP_ERR_INVALID, "got a negative number of 19 digits", "amount"},
    {"EUR", (int64_t)INT32_MAX + 1, MSP_ERR_INVALID, "amount 2147483648 exceeds the API maximum", "amount"},
    {"EUR", INT64_MAX, MSP_ERR_INVALID, "exceeds the API maximum of 2147483647 minor units", "amount"},
    {"eur", 100, MSP_ERR_INVALID, "currency \"eur\" is not an ISO 4217 code: codes are upper case (\"EUR\")",
        "currency"},
    {"EURO", 100, MSP_ERR_INVALID, "currency \"EURO\" is not an active ISO 4217 currency code", "currency"},
    {"HRK", 100, MSP_ERR_INVALID, "\"HRK\" is not an active ISO 4217 currency code", "currency"},
    {"XAU", 100, MSP_ERR_INVALID, "\"XAU\" is not an active", "currency"},
    {"", 100, MSP_ERR_INVALID, "currency is missing", "currency"},
    {NULL, 100, MSP_ERR_INVALID, "currency is missing", "currency"},
    /* the currency is checked first: a bad currency with a bad amount names the currency */
    {"XXX", 0, MSP_ERR_INVALID, "\"XXX\" is not an active", "currency"},
};

static void test_amount_check(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(amount_cases); i++) {
		const amount_case *c = &amount_cases[i];
		msp_error err;
		msp_error_clear(&err);
		msp_status status = msp_amount_check(c->currency, c->amount, &err);
		if (status != c->status) {
			fail_msg("case %zu: status %d, expected %d (%s)", i, status, c->status, err.message);
		}
		if (c->message != NULL) {
			assert_int_equal(err.status, c->status);
			assert_contains(err.message, c->message);
			assert_string_equal(err.field, c->field);
		}
	}
}

static void test_amount_check_without_error_buffer(void **state)
{
	(void)state;
	assert_int_equal(msp_amount_check("EUR", 0, NULL), MSP_ERR_INVALID);
	assert_int_equal(msp_amount_check("EUR", 5, NULL), MSP_OK);
}

typedef struct {
	int64_t amount;
	const char *currency;
	const char *expected;
} format_case;

static const format_case format_cases[] = {
    {1250, "EUR", "12.50"},
    {5, "EUR", "0.05"},
    {0, "EUR", "0.00"},
    {-5, "EUR", "-0.05"},
    {-1250, "EUR", "-12.50"},
    {2999, "EUR", "29.99"},
    {1000, "JPY", "1000"},
    {-7, "KRW", "-7"},
    {1, "KWD", "0.001"},
    {12345, "BHD", "12.345"},
    {12345, "CLF", "1.2345"},
    {1, "UYW", "0.0001"},
    {INT32_MAX, "EUR", "21474836.47"},
    {INT64_MAX, "EUR", "92233720368547758.07"},
    {INT64_MIN, "EUR", "-92233720368547758.08"},
    {INT64_MIN, "JPY", "-9223372036854775808"},
};

static void test_amount_format(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(format_cases); i++) {
		const format_case *c = &format_cases[i];
		char out[64];
		int n = msp_amount_format(c->amount, msp_currency_find(c->currency), out, sizeof(out));
		assert_string_equal(out, c->expected);
		assert_int_equal(n, (int)strlen(c->expected));
	}
}

static void test_amount_format_truncates_like_snprintf(void **state)
{
	(void)state;
	char out[4];
	int n = msp_amount_format(123456, msp_currency_find("EUR"), out, sizeof(out));
	assert_int_equal(n, 7); /* "1234.56" */
	assert_string_equal(out, "123");
	assert_int_equal(msp_amount_format(123456, msp_currency_find("EUR"), NULL, 0), 7);
}

static void test_amount_format_refuses_a_missing_currency(void **state)
{
	(void)state;
	char out[8] = "junk";
	assert_int_equal(msp_amount_format(100, NULL, out, sizeof(out)), -1);
	assert_string_equal(out, "");
}

/* ---- Decimal totals ----------------------------------------------------------------------- */

static void expect_parsed(const char *text, const char *currency, int64_t expected)
{
	int64_t out = 42;
	msp_error err;
	msp_error_clear(&err);
	if (msp_amount_parse(text, strlen(text), currency, &out, &err) != MSP_OK || out != expected) {
		fail_msg("%s %s: got %lld (%s)", text, currency, (long long)out, err.message);
	}
}

static void expect_unparsed(const char *text, const char *currency, const char *field)
{
	int64_t out = 42;
	msp_error err;
	msp_error_clear(&err);
	if (msp_amount_parse(text, strlen(text), currency, &out, &err) != MSP_ERR_INVALID || out != 0) {
		fail_msg("%s %s: accepted as %lld", text, currency, (long long)out);
	}
	assert_string_equal(err.field, field);
}

static void test_amount_parse(void **state)
{
	(void)state;
	expect_parsed("12.50", "EUR", 1250);
	expect_parsed("12.5", "EUR", 1250);
	expect_parsed("12.500", "EUR", 1250);
	expect_parsed("12", "EUR", 1200);
	expect_parsed("0.01", "EUR", 1);
	expect_parsed("-0.01", "EUR", -1);
	expect_parsed("100", "JPY", 100);
	expect_parsed("100.00", "JPY", 100);
	expect_parsed("1.234", "KWD", 1234);
	expect_parsed("1.2345", "CLF", 12345);
	expect_parsed("92233720368547758.07", "EUR", INT64_MAX);
	expect_parsed("-92233720368547758.08", "EUR", INT64_MIN);
	/* loss, form, range, currency */
	expect_unparsed("12.505", "EUR", "amount");
	expect_unparsed("100.5", "JPY", "amount");
	expect_unparsed("92233720368547758.08", "EUR", "amount");
	expect_unparsed("-92233720368547758.09", "EUR", "amount");
	const char *malformed[] = {
	    "", "-", ".", ".5", "12.", "1,000", "1e3", " 1", "1 ", "+1", "--1", "1.2.3", "0x10", "１"};
	for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		expect_unparsed(malformed[i], "EUR", "amount");
	}
	expect_unparsed("12", "eur", "currency");
	expect_unparsed("12", "XAU", "currency");
	expect_unparsed("12", "", "currency");
	/* the length is honoured: bytes after len are not read */
	int64_t out;
	msp_error err;
	assert_int_equal(msp_amount_parse("12.50xyz", 5, "EUR", &out, &err), MSP_OK);
	assert_int_equal(out, 1250);
}

static void test_money_text(void **state)
{
	(void)state;
	char text[MSP_AMOUNT_TEXT_MAX + 8];
	msp_money_text(2000, "EUR", text);
	assert_string_equal(text, "20.00 EUR");
	msp_money_text(-5, "KWD", text);
	assert_string_equal(text, "-0.005 KWD");
	msp_money_text(100, "JPY", text);
	assert_string_equal(text, "100 JPY");
	msp_money_text(INT64_MIN, "EUR", text);
	assert_string_equal(text, "-92233720368547758.08 EUR");
	msp_money_text(100, "ABC", text); /* unknown: as given, in minor units */
	assert_string_equal(text, "100 ABC minor units");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_listed_code_is_found_with_its_minor_units),
	    cmocka_unit_test(test_no_code_outside_the_list_is_found),
	    cmocka_unit_test(test_withdrawn_metal_and_malformed_codes_are_unknown),
	    cmocka_unit_test(test_amount_check),
	    cmocka_unit_test(test_amount_check_without_error_buffer),
	    cmocka_unit_test(test_amount_format),
	    cmocka_unit_test(test_amount_format_truncates_like_snprintf),
	    cmocka_unit_test(test_amount_format_refuses_a_missing_currency),
	    cmocka_unit_test(test_amount_parse),
	    cmocka_unit_test(test_money_text),
	};
	return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
