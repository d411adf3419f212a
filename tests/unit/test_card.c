/* Unit tests of src/core/card.c: the api.md §8 test cards, every refusal reason with its edge cases,
 * the derived forms, secure-buffer bookkeeping, and a cross-check of generated numbers against the
 * independent reference in card_reference.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "card.h"
#include "card_reference.h"

/* ---- Helpers -------------------------------------------------------------------------------- */

typedef struct {
	const char *pan;
	size_t pan_len; /* 0: strlen(pan) */
	const char *cvc;
	size_t cvc_len; /* 0: strlen(cvc) */
	int month;
	int year;
	const char *holder;
	size_t holder_len; /* 0: strlen(holder) */
} card_input;

static card_input input_for(const char *pan, const char *cvc)
{
	card_input in = {pan, 0, cvc, 0, 12, 2030, NULL, 0};
	return in;
}

static size_t length_or_strlen(const char *s, size_t len)
{
	return (s != NULL && len == 0) ? strlen(s) : len;
}

static msp_status new_card(const card_input *in, msp_card **out, msp_error *err)
{
	return msp_card_new(in->pan, length_or_strlen(in->pan, in->pan_len), in->cvc,
	    length_or_strlen(in->cvc, in->cvc_len), in->month, in->year, in->holder,
	    length_or_strlen(in->holder, in->holder_len), out, err);
}

/* Card data must never leak into messages: no message about the PAN or CVC may hold a run of three
 * digits (lengths and positions have at most two). */
static void assert_no_digit_run(const char *message)
{
	int run = 0;
	for (const char *p = message; *p != '\0'; p++) {
		run = (*p >= '0' && *p <= '9') ? run + 1 : 0;
		if (run >= 3) {
			fail_msg("message holds a run of digits: \"%s\"", message);
		}
	}
}

static msp_card *expect_accepted(const card_input *in)
{
	size_t live_before = msp_secbuf_live_count();
	msp_card *card = NULL;
	msp_error err;
	msp_error_clear(&err);
	msp_status status = new_card(in, &card, &err);
	if (status != MSP_OK) {
		fail_msg("card refused: %s (%s)", msp_card_reason_name((msp_card_reason)err.reason), err.message);
	}
	assert_non_null(card);
	size_t expected_buffers = msp_card_has_cvc(card) ? 2 : 1;
	assert_int_equal(msp_secbuf_live_count(), live_before + expected_buffers);
	return card;
}

/* Asserts a refusal with the given reason, whose message contains `part` (when not NULL), and that
 * nothing was left allocated. */
static void expect_refusal(const card_input *in, msp_card_reason reason, const char *part)
{
	size_t live_before = msp_secbuf_live_count();
	msp_card *card = (msp_card *)(uintptr_t)1; /* must be reset to NULL */
	msp_error err;
	msp_error_clear(&err);
	msp_status status = new_card(in, &card, &err);
	if (status != MSP_ERR_CARD || err.reason != (int)reason) {
		fail_msg("expected %s, got status %d reason %s (%s)", msp_card_reason_name(reason), status,
		    msp_card_reason_name((msp_card_reason)err.reason), err.message);
	}
	assert_int_equal(err.status, MSP_ERR_CARD);
	assert_null(card);
	assert_true(err.message[0] != '\0');
	if (part != NULL && strstr(err.message, part) == NULL) {
		fail_msg("message \"%s\" lacks \"%s\"", err.message, part);
	}
	if (reason != MSP_CARD_INVALID_EXPIRY && reason != MSP_CARD_INVALID_HOLDER) {
		assert_no_digit_run(err.message);
	}
	assert_int_equal(msp_secbuf_live_count(), live_before);
}

static void expect_pan_refusal(const char *pan, msp_card_reason reason, const char *part)
{
	card_input in = input_for(pan, "123");
	expect_refusal(&in, reason, part);
}

/* Writes into out (room for len + 1) the prefix, then a filler pattern, then the one check digit
 * that makes the number Luhn-valid according to the reference. */
static void make_valid_number(const char *prefix, size_t len, char *out)
{
	size_t n = strlen(prefix);
	memcpy(out, prefix, n);
	for (size_t i = n; i < len; i++) {
		out[i] = (char)('0' + (i * 7 + 3) % 10);
	}
	out[len] = '\0';
	for (char check = '0'; check <= '9'; check++) {
		out[len - 1] = check;
		if (ref_luhn(out, len)) {
			return;
		}
	}
	fail_msg("no check digit for %s", prefix);
}

/* Seconds since the epoch of a UTC date, without timegm (not in C11): days from the civil date
 * (H. Hinnant's algorithm). */
static time_t utc_time(int year, int month, int day, int hour, int minute, int second)
{
	year -= month <= 2;
	long era = (year >= 0 ? year : year - 399) / 400;
	long yoe = year - era * 400;
	long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long days = era * 146097 + doe - 719468;
	return (time_t)(days * 86400L + hour * 3600L + minute * 60L + second);
}

/* xorshift64*: deterministic, so a failure reproduces. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static size_t rng_below(size_t n)
{
	return (size_t)(rng_next() % n);
}

/* ---- The api.md §8 test cards --------------------------------------------------------------- */

typedef struct {
	const char *pan;
	msp_card_brand brand;
	size_t length;
} test_card;

static const test_card api_test_cards[] = {
    {"4111111111111111", MSP_BRAND_VISA, 16},
    {"4012001038443335", MSP_BRAND_VISA, 16},
    {"4917300000000008", MSP_BRAND_VISA, 16},
    {"4462000000000003", MSP_BRAND_VISA, 16},
    {"4012001037461114", MSP_BRAND_VISA, 16},
    {"4012001038488884", MSP_BRAND_VISA, 16},
    {"5500000000000004", MSP_BRAND_MASTERCARD, 16},
    {"6799990000000000011", MSP_BRAND_MAESTRO, 19},
    {"374500000000015", MSP_BRAND_AMEX, 15},
    {"378282246310005", MSP_BRAND_AMEX, 15},
    {"378734493671000", MSP_BRAND_AMEX, 15},
    {"374200000000004", MSP_BRAND_AMEX, 15},
    {"67034500054620008", MSP_BRAND_BANCONTACT, 17},
};

static void test_api_md_test_cards_are_accepted(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(api_test_cards) / sizeof(api_test_cards[0]); i++) {
		const test_card *tc = &api_test_cards[i];
		size_t len = strlen(tc->pan);
		assert_int_equal(len, tc->length);
		assert_true(msp_luhn_valid(tc->pan, len));
		assert_true(ref_luhn(tc->pan, len));
		assert_int_equal(msp_card_brand_detect(tc->pan, len), tc->brand);
		assert_true(msp_card_brand_length_valid(tc->brand, len));
		assert_true(msp_card_brand_supported(tc->brand));

		card_input in = input_for(tc->pan, tc->brand == MSP_BRAND_AMEX ? "1234" : "123");
		msp_card *card = expect_accepted(&in);
		assert_int_equal(msp_card_get_brand(card), tc->brand);
		assert_int_equal(msp_card_pan_length(card), len);
		const msp_secbuf *pan = msp_card_pan(card);
		assert_int_equal(pan->len, len);
		assert_memory_equal(pan->data, tc->pan, len + 1);
		assert_non_null(msp_card_brand_gateway(tc->brand));
		msp_card_free(card);
	}
}

/* ---- Characters and separators -------------------------------------------------------------- */

static void test_group_separators_are_accepted(void **state)
{
	(void)state;
	static const char *const inputs[] = {
	    "4111 1111 1111 1111",
	    "4111-1111-1111-1111",
	    "4111 1111-1111 1111",
	    "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",
	};
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		card_input in = input_for(inputs[i], "123");
		msp_card *card = expect_accepted(&in);
		assert_string_equal((const char *)msp_card_pan(card)->data, "4111111111111111");
		msp_card_free(card);
	}
	card_input amex = input_for("3782 822463 10005", "1234");
	msp_card *card = expect_accepted(&amex);
	assert_string_equal((const char *)msp_card_pan(card)->data, "378282246310005");
	assert_int_equal(msp_card_pan_length(card), 15);
	msp_card_free(card);
}

static void test_invalid_characters_are_refused(void **state)
{
	(void)state;
	static const char *const inputs[] = {
	    " 4111111111111111",           /* leading separator */
	    "-4111111111111111",           /* leading separator */
	    "4111111111111111 ",           /* trailing separator */
	    "4111111111111111-",           /* trailing separator */
	    "4111  1111 1111 1111",        /* double space */
	    "4111--1111-1111-1111",        /* double dash */
	    "4111 -1111 1111 1111",        /* mixed double separator */
	    "4111\t1111\t1111\t1111",      /* tab */
	    "4111\n1111 1111 1111",        /* newline */
	    "4111x11111111111",            /* letter */
	    "4111 1111 1111 111O",         /* letter O for zero */
	    "4111.1111.1111.1111",         /* dot */
	    "4111_1111_1111_1111",         /* underscore */
	    "+4111111111111111",           /* sign */
	    "\357\274\224111111111111111", /* fullwidth digit four, UTF-8 (octal: stops at 3 digits) */
	    "4111\302\2401111 1111 1111",  /* no-break space */
	    " ", "-", "12a",               /* characters are checked before the length */
	};
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		expect_pan_refusal(inputs[i], MSP_CARD_INVALID_CHARACTERS, "digits");
	}
	/* The position points at the byte to delete. */
	expect_pan_refusal("4111  1111 1111 1111", MSP_CARD_INVALID_CHARACTERS, "position 6");
	expect_pan_refusal("4111 -1111 1111 1111", MSP_CARD_INVALID_CHARACTERS, "position 6");
	expect_pan_refusal("4111111111111111-", MSP_CARD_INVALID_CHARACTERS, "position 17");
	expect_pan_refusal(" 4111111111111111", MSP_CARD_INVALID_CHARACTERS, "position 1");

	card_input with_nul = input_for("4111\000111111111111", "123");
	with_nul.pan_len = 16;
	expect_refusal(&with_nul, MSP_CARD_INVALID_CHARACTERS, "position 5");
}

/* ---- Lengths -------------------------------------------------------------------------------- */

static void test_overall_length_is_12_to_19(void **state)
{
	(void)state;
	char number[32];
	make_valid_number("6759", 11, number);
	expect_pan_refusal(number, MSP_CARD_INVALID_LENGTH, "12 to 19 digits, got 11");
	make_valid_number("6759", 20, number);
	expect_pan_refusal(number, MSP_CARD_INVALID_LENGTH, "12 to 19 digits, got 20");
	expect_pan_refusal("", MSP_CARD_INVALID_LENGTH, "got 0");
	card_input null_pan = input_for(NULL, "123");
	expect_refusal(&null_pan, MSP_CARD_INVALID_LENGTH, "got 0");

	/* The shortest and longest accepted lengths. */
	make_valid_number("6759", 12, number);
	card_input in = input_for(number, NULL);
	msp_card *card = expect_accepted(&in);
	assert_int_equal(msp_card_get_brand(card), MSP_BRAND_MAESTRO);
	msp_card_free(card);
	make_valid_number("4", 19, number);
	in = input_for(number, "123");
	card = expect_accepted(&in);
	assert_int_equal(msp_card_get_brand(card), MSP_BRAND_VISA);
	msp_card_free(card);
}

static void test_brand_lengths(void **state)
{
	(void)state;
	char number[32];
	static const size_t visa_ok[] = {13, 16, 19};
	for (size_t i = 0; i < 3; i++) {
		make_valid_number("4", visa_ok[i], number);
		card_input in = input_for(number, "123");
		msp_card_free(expect_accepted(&in));
	}
	static const size_t visa_bad[] = {12, 14, 15, 17, 18};
	for (size_t i = 0; i < 5; i++) {
		make_valid_number("4", visa_bad[i], number);
		expect_pan_refusal(number, MSP_CARD_INVALID_LENGTH, "Visa card numbers have 13, 16 or 19 digits");
	}
	make_valid_number("4", 15, number);
	expect_pan_refusal(number, MSP_CARD_INVALID_LENGTH, "Visa card numbers have 13, 16 or 19 digits, got 15");
	make_valid_number("55", 17, number);
	expect_pan_refusal(number, MSP_CARD_INVALID_LENGTH, "Mastercard card numbers have 16 digits, got 17");
	make_valid_number("2720", 15, number);
	expect_pan_refusal(number, MSP_CARD_INVALID_LENGTH, "Mastercard card numbers have 16 digits, got 15");
	make_valid_number("37", 16, number);
	expect_pan_refusal(
	    number, MSP_CARD_INVALID_LENGTH, "American Express card numbers have 15 digits, got 16");
	make_valid_number("6703", 15, number);
	expect_pan_refusal(
	    number, MSP_CARD_INVALID_LENGTH, "Bancontact card numbers have 16 to 19 digits, got 15");
	make_valid_number("6703", 19, number);
	card_input in = input_for(number, NULL);
	msp_card_free(expect_accepted(&in));
}

/* ---- Luhn, brand, support, and the order of the checks -------------------------------------- */

static void test_luhn_failure(void **state)
{
	(void)state;
	expect_pan_refusal("4111111111111112", MSP_CARD_LUHN_FAILED, "Luhn");
	expect_pan_refusal("5500 0000 0000 0005", MSP_CARD_LUHN_FAILED, "Luhn");
	assert_false(msp_luhn_valid("4111111111111112", 16));
	assert_false(msp_luhn_valid("", 0));
	assert_false(msp_luhn_valid(NULL, 0));
	assert_false(msp_luhn_valid("4111 1111", 9));
	assert_true(msp_luhn_valid("0", 1));
	assert_true(msp_luhn_valid("79927398713", 11));
	assert_false(msp_luhn_valid("79927398710", 11));
}

static void test_check_order(void **state)
{
	(void)state;
	char number[32];
	/* Length before Luhn: 25 digits that also fail Luhn. */
	expect_pan_refusal("4111111111111111111111112", MSP_CARD_INVALID_LENGTH, "got 25");
	/* Luhn before brand: an unknown prefix that fails Luhn. */
	make_valid_number("9", 16, number);
	number[15] = number[15] == '9' ? '0' : (char)(number[15] + 1);
	expect_pan_refusal(number, MSP_CARD_LUHN_FAILED, NULL);
	/* Unknown brands, Luhn-valid. */
	static const char *const unknown[] = {"9", "1", "7", "0", "2200", "2721", "59", "33", "80"};
	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		make_valid_number(unknown[i], 16, number);
		expect_pan_refusal(number, MSP_CARD_UNKNOWN_BRAND, "known card brand");
	}
	/* Unsupported before the brand's own lengths: a 15-digit JCB number. */
	make_valid_number("3530", 15, number);
	expect_pan_refusal(number, MSP_CARD_UNSUPPORTED_BRAND, "JCB cards are not supported");
	/* The PAN before the CVC, the CVC before the expiry, the expiry before the holder. */
	make_valid_number("4", 15, number);
	card_input in = input_for(number, NULL);
	expect_refusal(&in, MSP_CARD_INVALID_LENGTH, NULL);
	in = input_for("4111111111111111", "12");
	in.month = 13;
	expect_refusal(&in, MSP_CARD_INVALID_CVC, NULL);
	in = input_for("4111111111111111", "123");
	in.month = 0;
	in.holder = "\t";
	expect_refusal(&in, MSP_CARD_INVALID_EXPIRY, NULL);
}

static void test_unsupported_brands(void **state)
{
	(void)state;
	static const struct {
		const char *pan;
		const char *message;
	} cases[] = {
	    {"30569309025904", "Diners Club cards are not supported by MultiSafepay direct payments"},
	    {"36227206271667", "Diners Club cards are not supported"},
	    {"38520000023237", "Diners Club cards are not supported"},
	    {"6011111111111117", "Discover cards are not supported by MultiSafepay direct payments"},
	    {"6011000990139424", "Discover cards are not supported"},
	    {"6500000000000002", "Discover cards are not supported"},
	    {"3530111333300000", "JCB cards are not supported by MultiSafepay direct payments"},
	    {"3566002020360505", "JCB cards are not supported"},
	    {"6200000000000005", "UnionPay cards are not supported by MultiSafepay direct payments"},
	    {"6205500000000000004", "UnionPay cards are not supported"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		expect_pan_refusal(cases[i].pan, MSP_CARD_UNSUPPORTED_BRAND, cases[i].message);
	}
	char number[32];
	make_valid_number("622126", 16, number); /* Discover-accepted UnionPay range */
	expect_pan_refusal(number, MSP_CARD_UNSUPPORTED_BRAND, "UnionPay");
	make_valid_number("81", 16, number);
	expect_pan_refusal(number, MSP_CARD_UNSUPPORTED_BRAND, "UnionPay");
	make_valid_number("3095", 14, number);
	expect_pan_refusal(number, MSP_CARD_UNSUPPORTED_BRAND, "Diners Club");
}

static void test_iin_boundaries(void **state)
{
	(void)state;
	static const struct {
		const char *prefix;
		msp_card_brand brand;
	} cases[] = {
	    {"4", MSP_BRAND_VISA},
	    {"479658", MSP_BRAND_VISA}, /* Visa BIN co-badged with Bancontact */
	    {"2220", MSP_BRAND_UNKNOWN},
	    {"2221", MSP_BRAND_MASTERCARD},
	    {"2720", MSP_BRAND_MASTERCARD},
	    {"2721", MSP_BRAND_UNKNOWN},
	    {"2200", MSP_BRAND_UNKNOWN}, /* Mir */
	    {"50", MSP_BRAND_MAESTRO},
	    {"51", MSP_BRAND_MASTERCARD},
	    {"55", MSP_BRAND_MASTERCARD},
	    {"56", MSP_BRAND_MAESTRO},
	    {"58", MSP_BRAND_MAESTRO},
	    {"59", MSP_BRAND_UNKNOWN},
	    {"34", MSP_BRAND_AMEX},
	    {"37", MSP_BRAND_AMEX},
	    {"33", MSP_BRAND_UNKNOWN},
	    {"3527", MSP_BRAND_UNKNOWN},
	    {"3528", MSP_BRAND_JCB},
	    {"3589", MSP_BRAND_JCB},
	    {"3590", MSP_BRAND_UNKNOWN},
	    {"300", MSP_BRAND_DINERS},
	    {"305", MSP_BRAND_DINERS},
	    {"306", MSP_BRAND_UNKNOWN},
	    {"3094", MSP_BRAND_UNKNOWN},
	    {"3095", MSP_BRAND_DINERS},
	    {"3096", MSP_BRAND_UNKNOWN},
	    {"36", MSP_BRAND_DINERS},
	    {"38", MSP_BRAND_DINERS},
	    {"39", MSP_BRAND_DINERS},
	    {"6010", MSP_BRAND_MAESTRO},
	    {"6011", MSP_BRAND_DISCOVER},
	    {"6012", MSP_BRAND_MAESTRO},
	    {"643", MSP_BRAND_MAESTRO},
	    {"644", MSP_BRAND_DISCOVER},
	    {"649", MSP_BRAND_DISCOVER},
	    {"65", MSP_BRAND_DISCOVER},
	    {"639", MSP_BRAND_MAESTRO},
	    {"6304", MSP_BRAND_MAESTRO},
	    {"6759", MSP_BRAND_MAESTRO},
	    {"6702", MSP_BRAND_MAESTRO},
	    {"6703", MSP_BRAND_BANCONTACT},
	    {"6704", MSP_BRAND_MAESTRO},
	    {"6799", MSP_BRAND_MAESTRO},
	    {"606004", MSP_BRAND_MAESTRO},
	    {"606005", MSP_BRAND_BANCONTACT},
	    {"606006", MSP_BRAND_MAESTRO},
	    {"62", MSP_BRAND_UNIONPAY},
	    {"6220", MSP_BRAND_UNIONPAY},
	    {"622125", MSP_BRAND_UNIONPAY},
	    {"622126", MSP_BRAND_UNIONPAY},
	    {"622925", MSP_BRAND_UNIONPAY},
	    {"622926", MSP_BRAND_UNIONPAY},
	    {"80", MSP_BRAND_UNKNOWN},
	    {"81", MSP_BRAND_UNIONPAY},
	    {"82", MSP_BRAND_UNKNOWN},
	    {"0", MSP_BRAND_UNKNOWN},
	    {"1", MSP_BRAND_UNKNOWN},
	    {"7", MSP_BRAND_UNKNOWN},
	    {"9", MSP_BRAND_UNKNOWN},
	};
	char number[32];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		make_valid_number(cases[i].prefix, 16, number);
		if (msp_card_brand_detect(number, 16) != cases[i].brand) {
			fail_msg("prefix %s: got %s, want %s", cases[i].prefix,
			    msp_card_brand_name(msp_card_brand_detect(number, 16)), msp_card_brand_name(cases[i].brand));
		}
		assert_int_equal(ref_brand(number, 16), cases[i].brand);
	}
	/* Short inputs: a row needs as many digits as its prefix. */
	assert_int_equal(msp_card_brand_detect("4", 1), MSP_BRAND_VISA);
	assert_int_equal(msp_card_brand_detect("670", 3), MSP_BRAND_MAESTRO);
	assert_int_equal(msp_card_brand_detect("6703", 4), MSP_BRAND_BANCONTACT);
	assert_int_equal(msp_card_brand_detect("", 0), MSP_BRAND_UNKNOWN);
	assert_int_equal(msp_card_brand_detect(NULL, 0), MSP_BRAND_UNKNOWN);
	assert_int_equal(msp_card_brand_detect("x4", 2), MSP_BRAND_UNKNOWN);
}

/* ---- CVC ------------------------------------------------------------------------------------ */

static void test_cvc_rules(void **state)
{
	(void)state;
	card_input in = input_for("4111111111111111", "12");
	expect_refusal(&in, MSP_CARD_INVALID_CVC, "Visa cards have a 3-digit CVC, got 2 digits");
	in.cvc = "1234";
	expect_refusal(&in, MSP_CARD_INVALID_CVC, "3-digit CVC, got 4 digits");
	in.cvc = "12a";
	expect_refusal(&in, MSP_CARD_INVALID_CVC, "only digits");
	in.cvc = " 123";
	expect_refusal(&in, MSP_CARD_INVALID_CVC, "only digits");
	in.cvc = "12\0";
	in.cvc_len = 3;
	expect_refusal(&in, MSP_CARD_INVALID_CVC, "only digits");
	in = input_for("4111111111111111", NULL);
	expect_refusal(&in, MSP_CARD_CVC_REQUIRED, "Visa cards require a CVC");
	in.cvc = ""; /* given but empty counts as missing */
	expect_refusal(&in, MSP_CARD_CVC_REQUIRED, NULL);
	in = input_for("5500000000000004", NULL);
	expect_refusal(&in, MSP_CARD_CVC_REQUIRED, "Mastercard cards require a CVC");

	in = input_for("378282246310005", "123");
	expect_refusal(&in, MSP_CARD_INVALID_CVC, "American Express cards have a 4-digit CVC, got 3 digits");
	in.cvc = "12345";
	expect_refusal(&in, MSP_CARD_INVALID_CVC, "got 5 digits");
	in.cvc = NULL;
	expect_refusal(&in, MSP_CARD_CVC_REQUIRED, "American Express cards require a CVC");
	in.cvc = "1234";
	msp_card *card = expect_accepted(&in);
	assert_true(msp_card_has_cvc(card));
	assert_string_equal((const char *)msp_card_cvc(card)->data, "1234");
	msp_card_free(card);

	/* Maestro and Bancontact may come without a CVC; when one is given it must fit. */
	static const char *const optional[] = {"6799990000000000011", "67034500054620008"};
	for (size_t i = 0; i < 2; i++) {
		in = input_for(optional[i], NULL);
		card = expect_accepted(&in);
		assert_false(msp_card_has_cvc(card));
		assert_null(msp_card_cvc(card));
		msp_card_free(card);
		in.cvc = "";
		msp_card_free(expect_accepted(&in));
		in.cvc = "123";
		card = expect_accepted(&in);
		assert_true(msp_card_has_cvc(card));
		msp_card_free(card);
		in.cvc = "12";
		expect_refusal(&in, MSP_CARD_INVALID_CVC, "3-digit CVC");
		in.cvc = "1234";
		expect_refusal(&in, MSP_CARD_INVALID_CVC, "3-digit CVC");
	}

	bool optional_flag = true;
	assert_int_equal(msp_card_brand_cvc_length(MSP_BRAND_VISA, &optional_flag), 3);
	assert_false(optional_flag);
	assert_int_equal(msp_card_brand_cvc_length(MSP_BRAND_MASTERCARD, &optional_flag), 3);
	assert_false(optional_flag);
	assert_int_equal(msp_card_brand_cvc_length(MSP_BRAND_AMEX, &optional_flag), 4);
	assert_false(optional_flag);
	assert_int_equal(msp_card_brand_cvc_length(MSP_BRAND_MAESTRO, &optional_flag), 3);
	assert_true(optional_flag);
	assert_int_equal(msp_card_brand_cvc_length(MSP_BRAND_BANCONTACT, &optional_flag), 3);
	assert_true(optional_flag);
	assert_int_equal(msp_card_brand_cvc_length(MSP_BRAND_JCB, NULL), 3);
}

/* ---- Expiry --------------------------------------------------------------------------------- */

static void test_expiry_values(void **state)
{
	(void)state;
	static const struct {
		int month;
		int year;
		int stored_year; /* 0: refused */
	} cases[] = {
	    {0, 2030, 0}, {13, 2030, 0}, {-1, 30, 0}, {1, 30, 2030}, {12, 99, 2099}, {12, 2099, 2099},
	    {12, 1999, 0}, {12, 100, 0}, {12, 0, 2000}, {12, 2000, 2000}, {12, 2100, 0}, {12, -1, 0},
	    {12, 999, 0}, {12, 20000, 0},
	    {6, 5, 2005}, /* long expired, but expiry is the order builder's refusal */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		card_input in = input_for("4111111111111111", "123");
		in.month = cases[i].month;
		in.year = cases[i].year;
		if (cases[i].stored_year == 0) {
			expect_refusal(&in, MSP_CARD_INVALID_EXPIRY, "expiry");
			continue;
		}
		msp_card *card = expect_accepted(&in);
		assert_int_equal(msp_card_exp_month(card), cases[i].month);
		assert_int_equal(msp_card_exp_year(card), cases[i].stored_year);
		msp_card_free(card);
	}
}

/* A PHP int reaches the core whole: a year or month beyond 32 bits is refused for what it is, not
 * as another field (the binding once turned such a year into "month 0"); a long number is described
 * by its length, never written out (redaction would take 12+ digits for a card number). */
static void test_expiry_beyond_32_bits(void **state)
{
	(void)state;
	static const struct {
		int64_t month, year;
		const char *message;
	} cases[] = {
	    {12, INT64_MAX,
	        "expiry year must have 2 digits or 4 digits from 2000 to 2099, got a number of 19 digits"},
	    {12, (int64_t)INT32_MAX + 2030,
	        "expiry year must have 2 digits or 4 digits from 2000 to 2099, got a number of 10 digits"},
	    {INT64_MIN, 2030, "expiry month must be 1 to 12, got a negative number of 19 digits"},
	    {(int64_t)1 << 32 | 12, 2030, "expiry month must be 1 to 12, got a number of 10 digits"},
	    {999999, 2030, "expiry month must be 1 to 12, got 999999"},
	    {12, -999999, "expiry year must have 2 digits or 4 digits from 2000 to 2099, got -999999"},
	    {12, 1000000,
	        "expiry year must have 2 digits or 4 digits from 2000 to 2099, got a number of 7 digits"},
	    {12, INT64_C(100000000000),
	        "expiry year must have 2 digits or 4 digits from 2000 to 2099, got a number of 12 digits"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		msp_card *card = NULL;
		msp_error err;
		msp_error_clear(&err);
		assert_int_equal(msp_card_new("4111111111111111", 16, "123", 3, cases[i].month, cases[i].year, NULL,
		                     0, &card, &err),
		    MSP_ERR_CARD);
		assert_null(card);
		assert_int_equal(err.reason, MSP_CARD_INVALID_EXPIRY);
		assert_string_equal(err.message, cases[i].message);
	}
}

static msp_card *card_expiring(int month, int year)
{
	card_input in = input_for("4111111111111111", "123");
	in.month = month;
	in.year = year;
	return expect_accepted(&in);
}

static void test_is_expired_at_month_boundaries(void **state)
{
	(void)state;
	static const struct {
		int exp_month, exp_year;
		int y, m, d, hh, mm, ss;
		bool expired;
	} cases[] = {
	    /* this month, last month, next month */
	    {6, 2030, 2030, 6, 15, 12, 0, 0, false},
	    {5, 2030, 2030, 6, 15, 12, 0, 0, true},
	    {7, 2030, 2030, 6, 15, 12, 0, 0, false},
	    /* first and last second of the expiry month, and the first second after it */
	    {6, 2030, 2030, 6, 1, 0, 0, 0, false},
	    {6, 2030, 2030, 6, 30, 23, 59, 59, false},
	    {6, 2030, 2030, 7, 1, 0, 0, 0, true},
	    {6, 2030, 2030, 5, 31, 23, 59, 59, false},
	    /* December -> January */
	    {12, 2030, 2030, 12, 31, 23, 59, 59, false},
	    {12, 2030, 2031, 1, 1, 0, 0, 0, true},
	    {1, 2031, 2030, 12, 31, 23, 59, 59, false},
	    {1, 2031, 2031, 1, 31, 23, 59, 59, false},
	    {1, 2031, 2031, 2, 1, 0, 0, 0, true},
	    /* leap February */
	    {2, 2028, 2028, 2, 29, 23, 59, 59, false},
	    {2, 2028, 2028, 3, 1, 0, 0, 0, true},
	    /* common February */
	    {2, 2027, 2027, 2, 28, 23, 59, 59, false},
	    {2, 2027, 2027, 3, 1, 0, 0, 0, true},
	    /* a year apart, same month */
	    {6, 2029, 2030, 6, 15, 0, 0, 0, true},
	    {6, 2031, 2030, 6, 15, 0, 0, 0, false},
	    /* the end of the range */
	    {12, 2099, 2099, 12, 31, 23, 59, 59, false},
	    {12, 2099, 2100, 1, 1, 0, 0, 0, true},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		msp_card *card = card_expiring(cases[i].exp_month, cases[i].exp_year);
		time_t now = utc_time(cases[i].y, cases[i].m, cases[i].d, cases[i].hh, cases[i].mm, cases[i].ss);
		if (msp_card_is_expired(card, now) != cases[i].expired) {
			fail_msg("case %zu: card %02d/%d at %04d-%02d-%02d %02d:%02d:%02d", i, cases[i].exp_month,
			    cases[i].exp_year, cases[i].y, cases[i].m, cases[i].d, cases[i].hh, cases[i].mm, cases[i].ss);
		}
		msp_card_free(card);
	}
	/* utc_time itself, against a known value: 2030-12-31T23:59:59Z. */
	assert_int_equal((long long)utc_time(2030, 12, 31, 23, 59, 59), 1924991999LL);
}

/* ---- Holder --------------------------------------------------------------------------------- */

static void test_holder_rules(void **state)
{
	(void)state;
	card_input in = input_for("4111111111111111", "123");
	msp_card *card = expect_accepted(&in);
	assert_string_equal(msp_card_holder(card), "");
	msp_card_free(card);

	static const char *const good[] = {
	    "Jan de Vries",
	    "Zo\303\253 N\303\272\303\261ez", /* Zoë Núñez */
	    "J",
	    "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e", /* three CJK characters */
	    "\xf0\x9f\x98\x80 Smile",               /* four-byte sequence */
	    "O'Brien-Smith",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		in.holder = good[i];
		card = expect_accepted(&in);
		assert_string_equal(msp_card_holder(card), good[i]);
		msp_card_free(card);
	}

	char long_name[152];
	memset(long_name, 'a', 150);
	long_name[150] = '\0';
	in.holder = long_name;
	msp_card_free(expect_accepted(&in));
	long_name[150] = 'a';
	long_name[151] = '\0';
	expect_refusal(&in, MSP_CARD_INVALID_HOLDER, "at most 150 bytes");

	static const char *const bad[] = {
	    "",                    /* given but empty */
	    "   ",                 /* only spaces */
	    "Jan\tde Vries",       /* tab */
	    "Jan\nde Vries",       /* newline: forged log lines */
	    "Jan\x7f",             /* DEL */
	    "Jan\xc2\x85",         /* C1 control (NEL) */
	    "Jan\xc3",             /* truncated sequence */
	    "Jan\xc0\xaf",         /* overlong '/' */
	    "Jan\xe0\x80\xaf",     /* overlong, three bytes */
	    "Jan\xed\xa0\x80",     /* UTF-16 surrogate */
	    "Jan\xf4\x90\x80\x80", /* past U+10FFFF */
	    "Jan\xff",             /* never valid */
	    "Jan\x80",             /* stray continuation byte */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		in.holder = bad[i];
		expect_refusal(&in, MSP_CARD_INVALID_HOLDER, "card holder name");
	}
	in.holder = "Jan\0Vries";
	in.holder_len = 9;
	expect_refusal(&in, MSP_CARD_INVALID_HOLDER, "control characters");
}

/* ---- Derived forms and bookkeeping ---------------------------------------------------------- */

static void test_masked_bin_last4(void **state)
{
	(void)state;
	static const struct {
		const char *pan;
		const char *cvc;
		const char *masked;
		const char *bin;
		const char *last4;
	} cases[] = {
	    {"4111111111111111", "123", "411111******1111", "411111", "1111"},
	    {"378282246310005", "1234", "37828******0005", "378282", "0005"},
	    {"6799990000000000011", NULL, "679999*********0011", "679999", "0011"},
	    {"67034500054620008", NULL, "670345*******0008", "670345", "0008"},
	    {"4222222222222", "123", "422******2222", "422222", "2222"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		card_input in = input_for(cases[i].pan, cases[i].cvc);
		msp_card *card = expect_accepted(&in);
		assert_string_equal(msp_card_masked(card), cases[i].masked);
		assert_string_equal(msp_card_bin(card), cases[i].bin);
		assert_string_equal(msp_card_last4(card), cases[i].last4);
		msp_card_free(card);
	}
	/* 12 digits, the shortest: two leading digits show. */
	char number[32];
	make_valid_number("6759", 12, number);
	card_input in = input_for(number, NULL);
	msp_card *card = expect_accepted(&in);
	char want[32];
	snprintf(want, sizeof(want), "67******%s", number + 8);
	assert_string_equal(msp_card_masked(card), want);
	msp_card_free(card);
}

static void test_expiry_yymm(void **state)
{
	(void)state;
	static const struct {
		int month, year;
		const char *yymm;
	} cases[] = {{12, 2030, "3012"}, {1, 5, "0501"}, {9, 2099, "9909"}, {10, 0, "0010"}, {7, 2000, "0007"}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		msp_card *card = card_expiring(cases[i].month, cases[i].year);
		char yymm[5] = "xxxx";
		msp_card_expiry_yymm(card, yymm);
		assert_string_equal(yymm, cases[i].yymm);
		msp_card_free(card);
	}
}

static void test_secure_buffers_are_released(void **state)
{
	(void)state;
	size_t before = msp_secbuf_live_count();
	card_input in = input_for("4111111111111111", "123");
	msp_card *with_cvc = expect_accepted(&in);
	assert_int_equal(msp_secbuf_live_count(), before + 2);
	in = input_for("6799990000000000011", NULL);
	msp_card *without_cvc = expect_accepted(&in);
	assert_int_equal(msp_secbuf_live_count(), before + 3);
	msp_card_free(with_cvc);
	msp_card_free(without_cvc);
	assert_int_equal(msp_secbuf_live_count(), before);
	msp_card_free(NULL);

	/* Refusals found after the PAN was copied release it too (checked by expect_refusal). */
	in = input_for("4111111111111111", "123");
	in.holder = "\n";
	expect_refusal(&in, MSP_CARD_INVALID_HOLDER, NULL);
	assert_int_equal(msp_secbuf_live_count(), before);
}

static void test_bad_arguments(void **state)
{
	(void)state;
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(
	    msp_card_new("4111111111111111", 16, "123", 3, 12, 2030, NULL, 0, NULL, &err), MSP_ERR_INVALID);
	assert_int_equal(err.status, MSP_ERR_INVALID);
	/* err may be NULL: the status alone still tells. */
	msp_card *card = NULL;
	assert_int_equal(
	    msp_card_new("4111111111111112", 16, "123", 3, 12, 2030, NULL, 0, &card, NULL), MSP_ERR_CARD);
	assert_null(card);
	assert_int_equal(msp_card_new("4111111111111111", 16, "123", 3, 12, 2030, NULL, 0, &card, NULL), MSP_OK);
	msp_card_free(card);
}

static void test_names(void **state)
{
	(void)state;
	static const char *const reasons[] = {"OK", "INVALID_CHARACTERS", "INVALID_LENGTH", "LUHN_FAILED",
	    "UNKNOWN_BRAND", "UNSUPPORTED_BRAND", "INVALID_CVC", "CVC_REQUIRED", "INVALID_EXPIRY", "EXPIRED",
	    "INVALID_HOLDER"};
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
		assert_string_equal(msp_card_reason_name((msp_card_reason)i), reasons[i]);
	}
	assert_int_equal(MSP_CARD_INVALID_HOLDER + 1, sizeof(reasons) / sizeof(reasons[0]));
	assert_null(msp_card_reason_name((msp_card_reason)11));
	assert_null(msp_card_reason_name((msp_card_reason)-1));

	static const struct {
		msp_card_brand brand;
		const char *name;
		const char *gateway;
	} brands[] = {
	    {MSP_BRAND_UNKNOWN, "Unknown", NULL},
	    {MSP_BRAND_VISA, "Visa", "VISA"},
	    {MSP_BRAND_MASTERCARD, "Mastercard", "MASTERCARD"},
	    {MSP_BRAND_MAESTRO, "Maestro", "MAESTRO"},
	    {MSP_BRAND_AMEX, "American Express", "AMEX"},
	    {MSP_BRAND_BANCONTACT, "Bancontact", "MISTERCASH"},
	    {MSP_BRAND_DINERS, "Diners Club", NULL},
	    {MSP_BRAND_DISCOVER, "Discover", NULL},
	    {MSP_BRAND_JCB, "JCB", NULL},
	    {MSP_BRAND_UNIONPAY, "UnionPay", NULL},
	};
	assert_int_equal(sizeof(brands) / sizeof(brands[0]), MSP_BRAND_COUNT);
	for (size_t i = 0; i < MSP_BRAND_COUNT; i++) {
		assert_string_equal(msp_card_brand_name(brands[i].brand), brands[i].name);
		if (brands[i].gateway == NULL) {
			assert_null(msp_card_brand_gateway(brands[i].brand));
			assert_false(msp_card_brand_supported(brands[i].brand));
		} else {
			assert_string_equal(msp_card_brand_gateway(brands[i].brand), brands[i].gateway);
			assert_true(msp_card_brand_supported(brands[i].brand));
		}
		assert_int_equal(msp_card_brand_supported(brands[i].brand), ref_supported(brands[i].brand));
	}
	assert_string_equal(msp_card_brand_name((msp_card_brand)MSP_BRAND_COUNT), "Unknown");
	assert_null(msp_card_brand_gateway((msp_card_brand)-1));
}

/* ---- Generated numbers against the reference ------------------------------------------------ */

static void test_length_table_matches_reference(void **state)
{
	(void)state;
	for (int brand = 0; brand < MSP_BRAND_COUNT; brand++) {
		for (size_t len = 0; len <= 40; len++) {
			if (msp_card_brand_length_valid((msp_card_brand)brand, len) !=
			    ref_length_valid((msp_card_brand)brand, len)) {
				fail_msg("%s, %zu digits", msp_card_brand_name((msp_card_brand)brand), len);
			}
		}
	}
}

/* A digit string: usually a reference prefix (sometimes with its last digit nudged, to probe range
 * edges) followed by random digits, sometimes entirely random; half of them given a valid check
 * digit. Lengths mostly 12..19, with some outside. */
static size_t generate_number(char *out, size_t size)
{
	size_t len = rng_below(10) == 0 ? 1 + rng_below(24) : 11 + rng_below(10);
	if (len > size - 1) {
		len = size - 1;
	}
	size_t fixed = 0;
	if (rng_below(5) != 0) {
		const char *prefix = ref_prefixes[rng_below(REF_PREFIX_COUNT)].prefix;
		fixed = strlen(prefix) < len ? strlen(prefix) : len;
		memcpy(out, prefix, fixed);
		if (rng_below(4) == 0) {
			char *last = &out[fixed - 1];
			*last = (char)('0' + (*last - '0' + (rng_below(2) ? 1 : 9)) % 10);
		}
	}
	for (size_t i = fixed; i < len; i++) {
		out[i] = (char)('0' + rng_below(10));
	}
	out[len] = '\0';
	if (rng_below(2) == 0) {
		for (char check = '0'; check <= '9' && !ref_luhn(out, len); check++) {
			out[len - 1] = check;
		}
	}
	return len;
}

/* Spreads digits into groups with single separators, and now and then breaks the grammar. */
static size_t format_number(const char *digits, size_t len, char *out)
{
	size_t n = 0;
	bool grouped = rng_below(2) == 0;
	for (size_t i = 0; i < len; i++) {
		if (grouped && i > 0 && rng_below(4) == 0) {
			out[n++] = rng_below(2) ? ' ' : '-';
		}
		out[n++] = digits[i];
	}
	switch (rng_below(16)) {
		case 0:
			memmove(out + 1, out, n++);
			out[0] = ' ';
			break;
		case 1:
			out[n++] = '-';
			break;
		case 2:
			if (n > 2) {
				memmove(out + 2, out + 1, n++ - 1);
				out[1] = 'a';
			}
			break;
		case 3:
			if (n > 3) {
				memmove(out + 4, out + 2, n - 2);
				out[2] = ' ';
				out[3] = ' ';
				n += 2;
			}
			break;
		default:
			break;
	}
	out[n] = '\0';
	return n;
}

static void test_generated_numbers_match_reference(void **state)
{
	(void)state;
	rng_state = 0x9E3779B97F4A7C15ULL;
	size_t luhn_valid = 0;
	size_t brands_seen[MSP_BRAND_COUNT] = {0};
	for (int i = 0; i < 50000; i++) {
		char number[32];
		size_t len = generate_number(number, sizeof(number));
		bool luhn = msp_luhn_valid(number, len);
		if (luhn != ref_luhn(number, len)) {
			fail_msg("Luhn differs for a %zu-digit number (case %d)", len, i);
		}
		luhn_valid += luhn;
		msp_card_brand brand = msp_card_brand_detect(number, len);
		/* Below 4 digits the two representations legitimately differ: "26" is a prefix of the
		 * reference's Mastercard list, but not yet a complete 4-digit IIN for card.c. */
		if (len >= 4 && brand != ref_brand(number, len)) {
			fail_msg("brand of %s: %s, reference %s", number, msp_card_brand_name(brand),
			    msp_card_brand_name(ref_brand(number, len)));
		}
		brands_seen[brand]++;
		assert_int_equal(msp_card_brand_length_valid(brand, len), ref_length_valid(brand, len));
	}
	/* The generator must exercise every brand and both Luhn outcomes. */
	assert_true(luhn_valid > 20000 && luhn_valid < 40000);
	for (int b = 0; b < MSP_BRAND_COUNT; b++) {
		assert_true(brands_seen[b] > 100);
	}
}

static void test_generated_cards_match_reference(void **state)
{
	(void)state;
	rng_state = 0xD1B54A32D192ED03ULL;
	size_t outcomes[MSP_CARD_INVALID_HOLDER + 1] = {0};
	size_t live_before = msp_secbuf_live_count();
	for (int i = 0; i < 6000; i++) {
		char number[32];
		char formatted[96];
		size_t len = generate_number(number, sizeof(number));
		size_t formatted_len = format_number(number, len, formatted);
		msp_card_reason want = ref_pan_reason(formatted, formatted_len);
		const char *cvc = ref_brand(number, len) == MSP_BRAND_AMEX ? "4321" : "321";

		msp_card *card = NULL;
		msp_error err;
		msp_error_clear(&err);
		msp_status status =
		    msp_card_new(formatted, formatted_len, cvc, strlen(cvc), 2, 28, NULL, 0, &card, &err);
		msp_card_reason got = status == MSP_OK ? MSP_CARD_OK : (msp_card_reason)err.reason;
		if (got != want) {
			fail_msg("case %d \"%s\": %s, reference %s (%s)", i, formatted, msp_card_reason_name(got),
			    msp_card_reason_name(want), err.message);
		}
		outcomes[got]++;
		if (status != MSP_OK) {
			assert_int_equal(status, MSP_ERR_CARD);
			assert_no_digit_run(err.message);
			continue;
		}
		char masked[32];
		ref_masked(number, len, masked);
		assert_string_equal(msp_card_masked(card), masked);
		assert_memory_equal(msp_card_bin(card), number, 6);
		assert_string_equal(msp_card_last4(card), number + len - 4);
		assert_string_equal((const char *)msp_card_pan(card)->data, number);
		assert_int_equal(msp_card_get_brand(card), ref_brand(number, len));
		msp_card_free(card);
	}
	assert_int_equal(msp_secbuf_live_count(), live_before);
	/* Every PAN-level outcome must have come up. */
	static const msp_card_reason expected[] = {MSP_CARD_OK, MSP_CARD_INVALID_CHARACTERS,
	    MSP_CARD_INVALID_LENGTH, MSP_CARD_LUHN_FAILED, MSP_CARD_UNKNOWN_BRAND, MSP_CARD_UNSUPPORTED_BRAND};
	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
		if (outcomes[expected[i]] < 50) {
			fail_msg("only %zu cases ended in %s", outcomes[expected[i]], msp_card_reason_name(expected[i]));
		}
	}
}

/* Expiry as forms send it: split fields, or one field in the forms card.h lists. */
static void test_expiry_text_forms(void **state)
{
	(void)state;
	static const struct {
		const char *month;
		const char *year; /* NULL: month holds the whole expiry */
		int expect_month; /* 0: refused */
		int expect_year;
	} cases[] = {
	    {"12", "2030", 12, 2030},
	    {" 7 ", "31", 7, 31},
	    {"12/30", NULL, 12, 30},
	    {"12 / 30", NULL, 12, 30},
	    {"07/2031", NULL, 7, 2031},
	    {"0731", NULL, 7, 31},
	    {"7/31", NULL, 7, 31},
	    {"123", "30", 0, 0},
	    {"12", "203", 0, 0},
	    {"1x", "30", 0, 0},
	    {"12-30", NULL, 0, 0},
	    {"12/3", NULL, 0, 0},
	    {"/30", NULL, 0, 0},
	    {"", NULL, 0, 0},
	    {"12/30/1", NULL, 0, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int month = -1, year = -1;
		msp_error err;
		msp_error_clear(&err);
		msp_status st = msp_card_parse_expiry(cases[i].month, strlen(cases[i].month), cases[i].year,
		    cases[i].year != NULL ? strlen(cases[i].year) : 0, &month, &year, &err);
		if (cases[i].expect_month == 0) {
			assert_int_equal(st, MSP_ERR_CARD);
			assert_int_equal(err.reason, MSP_CARD_INVALID_EXPIRY);
		} else {
			assert_int_equal(st, MSP_OK);
			assert_int_equal(month, cases[i].expect_month);
			assert_int_equal(year, cases[i].expect_year);
		}
	}
}

/* Where a field's encoded value lies in a form body, with names decoded and mangled as PHP does. */
static void test_form_field_values_are_found(void **state)
{
	(void)state;
	const char body[] =
	    "a=1&card_number=4111+1111&x%5By%5D=22&card.number=333&%20card+number=4444&card_number=&b";
	msp_form_value v[4];
	size_t n = msp_card_form_find(body, strlen(body), "card_number", strlen("card_number"), v, 4);
	assert_int_equal(n, 4);
	assert_int_equal(v[0].len, strlen("4111+1111"));
	assert_memory_equal(body + v[0].offset, "4111+1111", v[0].len);
	assert_memory_equal(body + v[1].offset, "333", v[1].len);
	assert_memory_equal(body + v[2].offset, "4444", v[2].len);
	assert_int_equal(v[3].len, 0);
	n = msp_card_form_find(body, strlen(body), "x[y]", 4, v, 4);
	assert_int_equal(n, 1);
	assert_memory_equal(body + v[0].offset, "22", 2);
	assert_int_equal(msp_card_form_find(body, strlen(body), "b", 1, v, 4), 0); /* no '=': no value */
	assert_int_equal(msp_card_form_find(body, strlen(body), "card", 4, v, 4), 0);
	assert_int_equal(
	    msp_card_form_find(body, strlen(body), "card_number", 11, v, 1), 4); /* counted beyond cap */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_expiry_text_forms),
	    cmocka_unit_test(test_form_field_values_are_found),
	    cmocka_unit_test(test_api_md_test_cards_are_accepted),
	    cmocka_unit_test(test_group_separators_are_accepted),
	    cmocka_unit_test(test_invalid_characters_are_refused),
	    cmocka_unit_test(test_overall_length_is_12_to_19),
	    cmocka_unit_test(test_brand_lengths),
	    cmocka_unit_test(test_luhn_failure),
	    cmocka_unit_test(test_check_order),
	    cmocka_unit_test(test_unsupported_brands),
	    cmocka_unit_test(test_iin_boundaries),
	    cmocka_unit_test(test_cvc_rules),
	    cmocka_unit_test(test_expiry_values),
	    cmocka_unit_test(test_expiry_beyond_32_bits),
	    cmocka_unit_test(test_is_expired_at_month_boundaries),
	    cmocka_unit_test(test_holder_rules),
	    cmocka_unit_test(test_masked_bin_last4),
	    cmocka_unit_test(test_expiry_yymm),
	    cmocka_unit_test(test_secure_buffers_are_released),
	    cmocka_unit_test(test_bad_arguments),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_length_table_matches_reference),
	    cmocka_unit_test(test_generated_numbers_match_reference),
	    cmocka_unit_test(test_generated_cards_match_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
