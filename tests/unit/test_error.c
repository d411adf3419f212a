/* Unit tests of src/core/error.c: messages that do not fit are cut at a character boundary, visibly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "response.h"

/* Well-formed UTF-8 (no partial or overlong sequence, no surrogate). */
static bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p != '\0') {
		size_t n = *p < 0x80             ? 1
		           : (*p & 0xE0) == 0xC0 ? 2
		           : (*p & 0xF0) == 0xE0 ? 3
		           : (*p & 0xF8) == 0xF0 ? 4
		                                 : 0;
		if (n == 0 || (n == 2 && *p < 0xC2)) {
			return false;
		}
		uint32_t cp = n == 1 ? *p : (uint32_t)(*p & (0x7F >> n));
		for (size_t i = 1; i < n; i++) {
			if ((p[i] & 0xC0) != 0x80) {
				return false;
			}
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
			return false;
		}
		p += n;
	}
	return true;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && memcmp(s + n - m, tail, m) == 0;
}

/* `count` copies of `unit` after `lead` ASCII letters. */
static void repeat(char *out, size_t size, size_t lead, const char *unit, size_t count)
{
	size_t len = 0;
	for (size_t i = 0; i < lead; i++) {
		out[len++] = 'a';
	}
	for (size_t i = 0; i < count && len + strlen(unit) < size; i++) {
		memcpy(out + len, unit, strlen(unit));
		len += strlen(unit);
	}
	out[len] = '\0';
}

static void test_a_message_that_fits_is_kept_whole(void **state)
{
	(void)state;
	msp_error err;
	msp_error_set(&err, MSP_ERR_INVALID, 0, "amount must be at least %d", 1);
	assert_string_equal(err.message, "amount must be at least 1");

	char exact[MSP_ERROR_MESSAGE_MAX];
	repeat(exact, sizeof(exact), sizeof(exact) - 1, "", 0);
	msp_error_set(&err, MSP_ERR_INVALID, 0, "%s", exact);
	assert_int_equal(strlen(err.message), MSP_ERROR_MESSAGE_MAX - 1);
	assert_false(ends_with(err.message, "..."));
}

static void test_a_message_one_byte_too_long_ends_with_the_mark(void **state)
{
	(void)state;
	char text[MSP_ERROR_MESSAGE_MAX + 1];
	repeat(text, sizeof(text), sizeof(text) - 1, "", 0);
	msp_error err;
	msp_error_set(&err, MSP_ERR_API, 0, "%s", text);
	assert_int_equal(strlen(err.message), MSP_ERROR_MESSAGE_MAX - 1);
	assert_true(ends_with(err.message, "aaa..."));
}

/* Every alignment of 2-, 3- and 4-byte characters against the cut: never a split character. */
static void test_a_cut_never_splits_a_character(void **state)
{
	(void)state;
	const char *units[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"}; /* é € 😀 */
	for (size_t u = 0; u < 3; u++) {
		for (size_t lead = 0; lead < 4; lead++) {
			char text[3 * MSP_ERROR_MESSAGE_MAX];
			repeat(text, sizeof(text), lead, units[u], MSP_ERROR_MESSAGE_MAX);
			msp_error err;
			msp_error_set(&err, MSP_ERR_API, 0, "%s", text);
			assert_true(utf8_valid(err.message));
			assert_true(ends_with(err.message, "..."));
			size_t kept = strlen(err.message) - 3;
			assert_memory_equal(err.message, text, kept); /* a prefix of the text, then the mark */
			assert_true(kept + strlen(units[u]) + 3 > MSP_ERROR_MESSAGE_MAX - 1); /* no room was wasted */
		}
	}
}

/* snprintf of a text that gcc cannot see (it warns about the truncation these tests are about). */
static void fit(char *buf, size_t size, const char *text)
{
	const char *volatile hidden = text;
	msp_text_fit(buf, size, snprintf(buf, size, "%s", hidden));
}

static void test_text_fit_on_a_small_buffer(void **state)
{
	(void)state;
	char buf[8];
	fit(buf, sizeof(buf), "abcd\xC3\xA9xyz"); /* the cut falls before é: kept whole up to it */
	assert_string_equal(buf, "abcd...");
	fit(buf, sizeof(buf), "abc\xC3\xA9xyz"); /* the cut falls inside é: é goes */
	assert_string_equal(buf, "abc...");
	fit(buf, sizeof(buf), "abc");
	assert_string_equal(buf, "abc");
	msp_text_fit(buf, sizeof(buf), -1);
	assert_string_equal(buf, "...");
}

/* MultiSafepay's error info is kept up to MSP_API_INFO_MAX and the message quoting it fits whole. */
/* Numbers a caller gave are written out up to 11 digits; longer ones, which redaction would take
 * for a card number, are described by their length. */
static void test_a_long_number_is_described_not_written(void **state)
{
	(void)state;
	static const struct {
		int64_t n;
		const char *text;
	} cases[] = {
	    {0, "0"},
	    {-5, "-5"},
	    {INT64_C(99999999999), "99999999999"},
	    {INT64_C(-99999999999), "-99999999999"},
	    {INT64_C(100000000000), "a number of 12 digits"},
	    {INT64_C(-100000000000), "a negative number of 12 digits"},
	    {INT64_MAX, "a number of 19 digits"},
	    {INT64_MIN, "a negative number of 19 digits"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[MSP_NUMBER_TEXT_MAX];
		assert_string_equal(msp_number_text(cases[i].n, MSP_NUMBER_DIGITS_SHOWN, out), cases[i].text);
	}
	char out[MSP_NUMBER_TEXT_MAX];
	assert_string_equal(msp_number_text(2099, 4, out), "2099");
	assert_string_equal(msp_number_text(20300, 4, out), "a number of 5 digits");
	assert_string_equal(
	    msp_number_text(123456789012, 40, out), "a number of 12 digits"); /* never more than 11 */
}

static void test_a_long_error_info_is_cut_at_a_character_and_quoted_whole(void **state)
{
	(void)state;
	char body[4096];
	int len = snprintf(body, sizeof(body), "{\"success\":false,\"error_code\":1032,\"error_info\":\"");
	char info[3000];
	repeat(info, sizeof(info), 1, "\xC3\xA9", 900);
	len += snprintf(body + len, sizeof(body) - (size_t)len, "%s\"}", info);
	msp_json_ref data;
	msp_api_failure failure;
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(msp_response_parse(body, (size_t)len, 400, &data, &failure, &err), MSP_ERR_API);
	assert_true(utf8_valid(failure.info));
	assert_true(ends_with(failure.info, "..."));
	assert_true(strlen(failure.info) < MSP_API_INFO_MAX);
	assert_true(strlen(failure.info) > MSP_API_INFO_MAX - 16);
	assert_true(utf8_valid(err.message));
	char expected[MSP_ERROR_MESSAGE_MAX];
	snprintf(expected, sizeof(expected), "MultiSafepay error 1032: %s", failure.info);
	assert_string_equal(err.message, expected);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_message_that_fits_is_kept_whole),
	    cmocka_unit_test(test_a_message_one_byte_too_long_ends_with_the_mark),
	    cmocka_unit_test(test_a_cut_never_splits_a_character),
	    cmocka_unit_test(test_text_fit_on_a_small_buffer),
	    cmocka_unit_test(test_a_long_error_info_is_cut_at_a_character_and_quoted_whole),
	    cmocka_unit_test(test_a_long_number_is_described_not_written),
	};
	return cmocka_run_group_tests_name("error", tests, NULL, NULL);
}
