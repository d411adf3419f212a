/* libFuzzer harness of src/core/redact.c. The input drives a generator: it picks a card number (a
 * documented test card or a random Luhn-valid one of 12 to 19 digits), a CVC and an API key,
 * registers them, and writes a text of raw input bytes with those secrets and other Luhn-valid
 * numbers inserted in every form the redactor promises to see through: any grouping, separators
 * (spaces, tabs, raw and escaped newlines, dashes, dots, \u escapes, doubled backslashes), digits
 * and key characters as \u escapes, the key's '/' as "\/", the CVC on its own in prose or JSON.
 * The redacted text must keep every promise of tests/fuzz/redact_oracle.h; so must the text
 * redacted without the secrets (Luhn rule only). Any broken promise aborts, naming the promise, never
 * printing the text. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "redact_oracle.h"

#define TEXT_MAX 8192

typedef struct {
	const uint8_t *data;
	size_t size;
	size_t pos;
} reader;

/* The next input byte; 0 once the input is used up. */
static uint8_t next_byte(reader *r)
{
	return r->pos < r->size ? r->data[r->pos++] : 0;
}

static size_t pick(reader *r, size_t n)
{
	return next_byte(r) % n;
}

typedef struct {
	char text[TEXT_MAX];
	size_t len;
} writer;

static void put(writer *w, const char *s, size_t n)
{
	if (w->len + n <= TEXT_MAX) {
		memcpy(w->text + w->len, s, n);
		w->len += n;
	}
}

static void put_str(writer *w, const char *s)
{
	put(w, s, strlen(s));
}

static const char *const test_cards[] = {"4111111111111111", "4012001038443335", "4917300000000008",
    "4462000000000003", "4012001037461114", "4012001038488884", "5500000000000004", "6799990000000000011",
    "374500000000015", "378282246310005", "378734493671000", "374200000000004", "67034500054620008"};

/* A Luhn-valid number of 12 to 19 digits from the input: the last digit makes the sum. */
static size_t random_card(reader *r, char out[20])
{
	size_t len = 12 + pick(r, 8);
	unsigned sum = 0;
	for (size_t i = 0; i + 1 < len; i++) {
		out[i] = (char)('0' + pick(r, 10));
	}
	for (size_t i = 0; i + 1 < len; i++) {
		unsigned d = (unsigned)(out[len - 2 - i] - '0');
		sum += i % 2 == 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
	}
	out[len - 1] = (char)('0' + (10 - sum % 10) % 10);
	out[len] = '\0';
	return len;
}

static const char *const separators[] = {" ", "  ", "\t", "\n", "\r\n", "-", ".", " - ", "\\n", "\\t",
    "\\r\\n", "\\\\n", "\\u0020", "\\u002d", "\\u002E", "\\u000a", "\\b", "\x01", "\\f", ". "};

/* One character, as itself or as a JSON escape (sometimes with a doubled backslash). */
static void put_char(writer *w, reader *r, char c)
{
	char buf[16];
	switch (pick(r, 6)) {
		case 0:
			snprintf(buf, sizeof(buf), "\\u%04x", (unsigned char)c);
			put_str(w, buf);
			return;
		case 1:
			snprintf(buf, sizeof(buf), "\\\\u%04X", (unsigned char)c);
			put_str(w, buf);
			return;
		default:
			if (c == '/' && pick(r, 2) == 0) {
				put_str(w, "\\/");
			} else {
				put(w, &c, 1);
			}
	}
}

/* A number in random groups, with separators between them and escapes here and there. */
static void put_number(writer *w, reader *r, const char *digits, size_t len)
{
	size_t group = 1 + pick(r, 6);
	bool escapes = pick(r, 3) == 0;
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && i % group == 0) {
			put_str(w, separators[pick(r, sizeof(separators) / sizeof(separators[0]))]);
		}
		if (escapes) {
			put_char(w, r, digits[i]);
		} else {
			put(w, digits + i, 1);
		}
	}
}

/* The CVC where it stands on its own. */
static void put_cvc(writer *w, reader *r, const char *cvc)
{
	static const char *const before[] = {
	    " cvc ", "\"card_cvc\":\"", "\"cvc\":", "(", " ", "=", "\\n", "\"x\":\""};
	static const char *const after[] = {" ", "\"", ",", ")", ". ", "&", "\\n", "\"}"};
	size_t form = pick(r, sizeof(before) / sizeof(before[0]));
	put_str(w, before[form]);
	bool escapes = pick(r, 3) == 0;
	for (size_t i = 0; cvc[i]; i++) {
		if (escapes) {
			put_char(w, r, cvc[i]);
		} else {
			put(w, cvc + i, 1);
		}
	}
	put_str(w, after[form]);
}

static void put_key(writer *w, reader *r, const char *key)
{
	static const char *const before[] = {"", "\"token\":\"", "Bearer ", "?key=", "\\n", " "};
	put_str(w, before[pick(r, sizeof(before) / sizeof(before[0]))]);
	for (size_t i = 0; key[i]; i++) {
		put_char(w, r, key[i]);
	}
}

static void violated(const char *what, const char *which)
{
	fprintf(stderr, "redactor promise broken (%s): %s\n", which, what);
	abort();
}

static bool contains_ci(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	for (size_t i = 0; i + m <= n; i++) {
		size_t k = 0;
		while (k < m && (s[i + k] >= 'A' && s[i + k] <= 'Z' ? s[i + k] + 32 : s[i + k]) == needle[k]) {
			k++;
		}
		if (k == m) {
			return true;
		}
	}
	return false;
}

static void check(
    const msp_redactor *redactor, const writer *w, const oracle_secrets *secrets, const char *which)
{
	char *out = msp_redactor_apply(redactor, w->text, w->len, secrets->max_len);
	if (out == NULL) {
		violated("no output", which);
	}
	const char *broken = redact_oracle_check(out, strlen(out), secrets);
	if (broken != NULL) {
		violated(broken, which);
	}
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	reader r = {data, size, 0};
	char pan[20];
	size_t pan_len;
	if (pick(&r, 2) == 0) {
		const char *card = test_cards[pick(&r, sizeof(test_cards) / sizeof(test_cards[0]))];
		pan_len = strlen(card);
		memcpy(pan, card, pan_len + 1);
	} else {
		pan_len = random_card(&r, pan);
	}
	char cvc[5];
	size_t cvc_len = 3 + pick(&r, 2);
	for (size_t i = 0; i < cvc_len; i++) {
		cvc[i] = (char)('0' + pick(&r, 10));
	}
	cvc[cvc_len] = '\0';
	static const char key_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_/.+=";
	char key[41];
	size_t key_len = 8 + pick(&r, 33);
	for (size_t i = 0; i < key_len; i++) {
		key[i] = key_chars[pick(&r, sizeof(key_chars) - 1)];
	}
	key[key_len] = '\0';
	size_t max_len = pick(&r, 4) == 0 ? 1 + (size_t)next_byte(&r) * 2 : 0;

	writer w;
	w.len = 0;
	while (r.pos < r.size && w.len < TEXT_MAX - 512) {
		switch (pick(&r, 10)) {
			case 0:
				put_number(&w, &r, pan, pan_len);
				break;
			case 1:
				put_cvc(&w, &r, cvc);
				break;
			case 2:
				put_key(&w, &r, key);
				break;
			case 3: {
				char other[20];
				size_t len = random_card(&r, other);
				put_number(&w, &r, other, len);
				break;
			}
			default: {
				/* Raw input bytes, as the fuzzer mutates them. */
				size_t n = 1 + pick(&r, 32);
				n = n < r.size - r.pos ? n : r.size - r.pos;
				put(&w, (const char *)data + r.pos, n);
				r.pos += n;
			}
		}
	}

	msp_redactor redactor;
	msp_redactor_init(&redactor);
	if (!msp_redactor_add(&redactor, MSP_SECRET_PAN, pan, pan_len) ||
	    !msp_redactor_add(&redactor, MSP_SECRET_CVC, cvc, cvc_len) ||
	    !msp_redactor_add(&redactor, MSP_SECRET_KEY, key, key_len)) {
		violated("a secret refused", "registering");
	}
	/* MultiSafepay's ids count whole digit groups only, which the oracle does not model: with one
	 * of their names in the text, only the exact secrets are checked. */
	bool ids = contains_ci(w.text, w.len, "transaction_id") || contains_ci(w.text, w.len, "refund_id");
	oracle_secrets with = {pan, pan_len, cvc, cvc_len, key, key_len, max_len, !ids};
	check(&redactor, &w, &with, "with the secrets");
	oracle_secrets without = {NULL, 0, NULL, 0, NULL, 0, max_len, !ids};
	check(NULL, &w, &without, "without secrets");
	return 0;
}
