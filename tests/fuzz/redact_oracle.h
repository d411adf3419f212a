/* The promises of the redactor (src/core/redact.h), checked on its output alone, written apart from
 * the redactor so that the two do not share a mistake. Used by the fuzz harness fuzz_redact.c and
 * by the randomised unit tests in tests/unit/test_redact.c.
 *
 * The output is read as the redactor reads its input: JSON escapes (with any number of backslashes)
 * count as the character they stand for, and the markers ([card ****1111], [card], [cvc],
 * [api key], [redacted]) as one character that is neither digit, letter nor separator. Then:
 * - no digit run (digit groups joined by blanks, control characters, '-' or '.') has a stretch of
 *   12 to 19 digits that passes Luhn, or that equals the card number;
 * - the API key does not occur;
 * - no digit group equal to the CVC stands on its own (not glued to a letter or '_', directly or
 *   through a '-', and not part of a decimal number "1.23"); a group that ends where the output was
 *   cut is not judged, since what followed it is gone;
 * - no control character, no NUL before the end, at most max_len bytes when capped.
 * Header-only (static functions) so that each user compiles it with its own flags. */
#ifndef MSP_TESTS_REDACT_ORACLE_H
#define MSP_TESTS_REDACT_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *pan; /* digits, or NULL */
	size_t pan_len;
	const char *cvc; /* digits, or NULL */
	size_t cvc_len;
	const char *key; /* trimmed, or NULL */
	size_t key_len;
	size_t max_len; /* as given to the redactor; 0: none */
} oracle_secrets;

#define ORACLE_MARK (-2)

typedef struct {
	int ch;     /* byte value, ORACLE_MARK, or -1 for a \u escape beyond one byte */
	size_t end; /* byte offset after the character */
} oracle_unit;

static int oracle_hex(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
		return (c | 0x20) - 'a' + 10;
	}
	return -1;
}

/* The length of a marker at s, 0 when none starts there. */
static size_t oracle_marker(const char *s, size_t n)
{
	static const char *const fixed[] = {"[card]", "[cvc]", "[api key]", "[redacted]"};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		size_t len = strlen(fixed[i]);
		if (n >= len && memcmp(s, fixed[i], len) == 0) {
			return len;
		}
	}
	if (n >= 15 && memcmp(s, "[card ****", 10) == 0 && s[14] == ']') {
		for (size_t i = 10; i < 14; i++) {
			if (s[i] < '0' || s[i] > '9') {
				return 0;
			}
		}
		return 15;
	}
	return 0;
}

/* One character of the output at i: see decode_unit() in src/core/redact.c for the same reading. */
static size_t oracle_decode(const char *s, size_t n, size_t i, int *ch)
{
	size_t marker = oracle_marker(s + i, n - i);
	if (marker > 0) {
		*ch = ORACLE_MARK;
		return i + marker;
	}
	if (s[i] != '\\') {
		*ch = (unsigned char)s[i];
		return i + 1;
	}
	size_t j = i;
	while (j < n && s[j] == '\\') {
		j++;
	}
	*ch = '\\';
	if (j >= n) {
		return j;
	}
	const char *simple = strchr("ntrbf/", s[j]);
	if (simple != NULL && s[j] != '\0') {
		static const char meaning[] = "\n\t\r\b\f/";
		*ch = meaning[simple - "ntrbf/"];
		return j + 1;
	}
	if (s[j] == '"' && (j - i) % 2 == 1) {
		*ch = '"';
		return j + 1;
	}
	if (s[j] == 'u' && j + 4 < n) {
		int v = 0;
		for (size_t h = 1; h <= 4 && v >= 0; h++) {
			int x = oracle_hex(s[j + h]);
			v = x < 0 ? -1 : v * 16 + x;
		}
		if (v >= 0) {
			*ch = v <= 0xff ? v : -1;
			return j + 5;
		}
	}
	return j;
}

static bool oracle_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool oracle_separator(int c)
{
	return (c >= 0 && c < 0x20) || c == 0x7f || c == ' ' || c == '-' || c == '.';
}

static bool oracle_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool oracle_luhn(const unsigned char *digits, size_t n)
{
	unsigned sum = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned d = digits[n - 1 - i];
		sum += i % 2 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
	}
	return sum % 10 == 0;
}

/* A run's digits: no Luhn stretch of 12..19, no card number. */
static const char *oracle_check_run(const unsigned char *digits, size_t n, const oracle_secrets *s)
{
	for (size_t end = 1; end <= n; end++) {
		for (size_t len = 12; len <= 19 && len <= end; len++) {
			if (oracle_luhn(digits + end - len, len)) {
				return "a stretch of digits that passes Luhn";
			}
		}
		if (s->pan != NULL && s->pan_len <= end) {
			bool same = true;
			for (size_t k = 0; k < s->pan_len && same; k++) {
				same = digits[end - s->pan_len + k] == (unsigned char)(s->pan[k] - '0');
			}
			if (same) {
				return "the card number";
			}
		}
	}
	return NULL;
}

/* Whether unit k, next to a digit group (beyond: the unit after k, away from the group, or -1),
 * glues the group into a word or a decimal number. */
static bool oracle_glues(const oracle_unit *u, size_t n, size_t k, long beyond)
{
	int c = u[k].ch;
	if (oracle_letter(c)) {
		return true;
	}
	if (beyond < 0 || (size_t)beyond >= n) {
		return false;
	}
	int b = u[beyond].ch;
	return (c == '-' && oracle_letter(b)) || (c == '.' && oracle_digit(b));
}

/* NULL when out keeps every promise, else what it broke. */
static const char *redact_oracle_check(const char *out, size_t out_len, const oracle_secrets *s)
{
	if (s->max_len > 0 && out_len > s->max_len) {
		return "longer than max_len";
	}
	for (size_t i = 0; i < out_len; i++) {
		unsigned char c = (unsigned char)out[i];
		if (c < 0x20 || c == 0x7f) {
			return "a control character";
		}
	}
	bool cut = s->max_len > 0 && out_len >= 3 && memcmp(out + out_len - 3, "...", 3) == 0;
	oracle_unit *u = malloc((out_len + 1) * sizeof(*u));
	unsigned char *digits = malloc(out_len + 1);
	if (u == NULL || digits == NULL) {
		free(u);
		free(digits);
		return "out of memory in the oracle";
	}
	size_t n = 0;
	for (size_t i = 0; i < out_len; n++) {
		i = oracle_decode(out, out_len, i, &u[n].ch);
		u[n].end = i;
	}
	const char *broken = NULL;
	/* Digit runs, and the CVC's groups in them. */
	size_t ndigits = 0;
	for (size_t k = 0; k <= n && broken == NULL; k++) {
		int c = k < n ? u[k].ch : ORACLE_MARK;
		if (oracle_digit(c)) {
			digits[ndigits++] = (unsigned char)(c - '0');
			continue;
		}
		if (oracle_separator(c) && ndigits > 0) {
			continue;
		}
		if (ndigits > 0) {
			broken = oracle_check_run(digits, ndigits, s);
			ndigits = 0;
		}
	}
	for (size_t k = 0; k < n && broken == NULL && s->cvc != NULL; k++) {
		if (!oracle_digit(u[k].ch) || (k > 0 && oracle_digit(u[k - 1].ch))) {
			continue;
		}
		size_t last = k;
		while (last + 1 < n && oracle_digit(u[last + 1].ch)) {
			last++;
		}
		bool same = last - k + 1 == s->cvc_len;
		for (size_t d = 0; same && d < s->cvc_len; d++) {
			same = u[k + d].ch == s->cvc[d];
		}
		bool at_cut = cut && u[last].end == out_len - 3;
		bool alone = !(k > 0 && oracle_glues(u, n, k - 1, (long)k - 2)) &&
		             !(last + 1 < n && oracle_glues(u, n, last + 1, (long)last + 2));
		if (same && alone && !at_cut) {
			broken = "the CVC";
		}
	}
	for (size_t k = 0; k < n && broken == NULL && s->key != NULL && s->key_len > 0; k++) {
		bool same = k + s->key_len <= n;
		for (size_t d = 0; same && d < s->key_len; d++) {
			same = u[k + d].ch == (unsigned char)s->key[d];
		}
		if (same) {
			broken = "the API key";
		}
	}
	memset(digits, 0, out_len + 1);
	free(digits);
	free(u);
	return broken;
}

#endif
