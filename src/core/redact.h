/* The one redactor for every text that leaves msp: exception messages, error infos, logged bodies,
 * paths and headers. It knows the secrets of the call (the card number, the CVC, the API key) and
 * removes them wherever they appear, and it masks anything that looks like a card number.
 *
 * The input is read as a stream of characters in which a JSON escape (\n, \t, \/, \u0034, also with
 * doubled backslashes as in JSON quoted inside JSON) counts as the character it stands for, so
 * every rule below sees through escapes. What it removes is replaced by a marker:
 *
 *   [card ****1111]  a card number (the last 4 digits kept); [card] when fewer than 12 digits
 *   [cvc]            a CVC
 *   [api key]        the API key
 *   [redacted]       the value of another secret field (password, a chained "key":"key":value)
 *
 * Rules, in this order; a marker never overlaps another:
 * 1. Field names (JSON "key": value, text key: value or key=value, any case): the values of
 *    card_number / cardnumber / pan, card_cvc / cvc / cvc2 / cvv / card_cvv, api_key / apikey and
 *    password. In a JSON body the whole value is replaced (objects and arrays included).
 * 2. Exact API keys (msp_redactor_add, trimmed): every occurrence, under any field name or none.
 * 3. Digit runs: digit groups joined by separators: spaces, tabs, any control character (raw or
 *    escaped: newlines, \n, \t, \u0000), dashes and dots, in any number and grouping. A run is
 *    judged on its decoded digit sequence: every stretch of 12 to 19 digits in it that passes Luhn,
 *    or that equals a registered card number, is masked together with the whole digit groups it
 *    touches ("1001 4111 1111 1111 1111" keeps the order number 1001). Runs without such a stretch
 *    (amounts, dates, order ids, phone numbers, non-Luhn references) are left alone. In a JSON
 *    body the values of transaction_id, external_transaction_id and refund_id (MultiSafepay's ids,
 *    up to 16 digits) count whole digit groups only: masked when whole groups pass Luhn
 *    ("4111111111111111", "5500 0000 0000 0004") or hold a registered card number, so that most ids
 *    stay readable in logs ("1234567890123456" passes Luhn only in parts).
 * 4. Exact CVCs: a digit group equal to a registered CVC that stands on its own ("cvc 123",
 *    "cvc":123, "4111 ... 1111 123"), that is: not glued to a letter or '_' (directly or through
 *    a '-': "order-123" stays), not part of a decimal number ("1.23", "123.45" stay), never inside
 *    a longer digit group ("2500123" stays). A neighbour that became a marker counts as a space.
 *
 * In a body that looks like JSON (starts with { or [), a marker that replaces a bare value (a
 * number) becomes a JSON string, so valid JSON stays valid JSON with the same members (toArray()
 * decodes the redacted request body). Control characters of the text become spaces, so a body is
 * one log line and cannot forge another. Works on any bytes (binary, invalid UTF-8, NUL inside
 * len), in time linear in len; the decoded characters it keeps while working are wiped before it
 * returns. */
#ifndef MSP_CORE_REDACT_H
#define MSP_CORE_REDACT_H

#include <stdbool.h>
#include <stddef.h>

#include "card.h"
#include "secmem.h"

typedef enum {
	MSP_SECRET_PAN, /* 12 to 19 ASCII digits */
	MSP_SECRET_CVC, /* 3 or 4 ASCII digits */
	MSP_SECRET_KEY, /* any bytes; spaces, tabs, CR and LF around it are trimmed */
} msp_secret_kind;

#define MSP_REDACTOR_MAX_SECRETS 8

/* The secrets one text is checked against. It holds pointers, not copies: the bytes must stay alive
 * (and unchanged) until the last msp_redactor_apply() with it. Lives on the caller's stack. */
typedef struct {
	struct {
		msp_secret_kind kind;
		const unsigned char *bytes;
		size_t len;
	} secrets[MSP_REDACTOR_MAX_SECRETS];
	size_t count;
} msp_redactor;

void msp_redactor_init(msp_redactor *r);

/* Registers one secret. An empty one (len 0, or a key of only blanks) is nothing to hide: true,
 * nothing added. false when the redactor is full or the secret has the wrong form (a PAN that is not
 * 12 to 19 digits, a CVC that is not 3 or 4 digits); nothing is added then. */
bool msp_redactor_add(msp_redactor *r, msp_secret_kind kind, const void *bytes, size_t len);

/* The card's PAN and its CVC (when it has one). */
bool msp_redactor_add_card(msp_redactor *r, const msp_card *card);

/* An API key held in a secure buffer (NULL: nothing added, true). */
bool msp_redactor_add_key(msp_redactor *r, const msp_secbuf *key);

/* A redacted copy of text[0..len) (NULL text: ""), NUL-terminated, malloc'ed (free()); NULL when out
 * of memory. r may be NULL: no exact secrets, the field-name and card-number rules only.
 * max_len > 0 caps the result at max_len bytes: when the redacted text is longer, it is cut at the
 * last character, escape or marker that still leaves room for "..." (never inside a marker, a JSON
 * escape or a UTF-8 sequence), and "..." is appended. max_len 0: no cap. The whole text is redacted
 * before it is cut, so a card number is never cut into a prefix too short to be recognised. */
char *msp_redactor_apply(const msp_redactor *r, const char *text, size_t len, size_t max_len);

/* msp_redactor_apply() without exact secrets. */
char *msp_redact(const char *body, size_t len, size_t max_len);

#endif
