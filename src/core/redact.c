/* The redactor (redact.h). It works in passes over one decoded view of the text, each linear:
 *
 *   units    the text as characters: a raw byte, or a JSON escape (\n, \u0034, \\n ...) as the
 *            character it stands for; a marker only ever replaces whole units, so JSON stays valid
 *   fields   the values of secret field names, found on the raw bytes (JSON structure or key=value)
 *   keys     exact API keys, matched with KMP on the decoded characters
 *   digits   digit runs, judged on their decoded digits (Luhn and exact card numbers in a window of
 *            the last 19 digits), then exact CVCs standing on their own
 *
 * The spans the passes find are merged and written with their markers in one last pass. Nothing
 * secret is written to the output or to memory that outlives the call: the decoded characters and
 * the window of digits are wiped before returning. */
#include "redact.h"
#include "ascii.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- registering secrets ---- */

void msp_redactor_init(msp_redactor *r)
{
	memset(r, 0, sizeof(*r));
}

static bool all_digits(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	return true;
}

static bool is_blank_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool msp_redactor_add(msp_redactor *r, msp_secret_kind kind, const void *bytes, size_t len)
{
	const unsigned char *s = bytes;
	if (r == NULL || (s == NULL && len > 0)) {
		return false;
	}
	if (kind == MSP_SECRET_KEY) {
		/* The key as the API and the notification signature use it: trimmed. */
		while (len > 0 && is_blank_byte(s[0])) {
			s++;
			len--;
		}
		while (len > 0 && is_blank_byte(s[len - 1])) {
			len--;
		}
	}
	if (len == 0) {
		return true; /* nothing to hide */
	}
	bool valid = kind == MSP_SECRET_KEY ||
	             (kind == MSP_SECRET_PAN && len >= 12 && len <= 19 && all_digits(s, len)) ||
	             (kind == MSP_SECRET_CVC && len >= 3 && len <= 4 && all_digits(s, len));
	if (!valid || r->count >= MSP_REDACTOR_MAX_SECRETS) {
		return false;
	}
	r->secrets[r->count].kind = kind;
	r->secrets[r->count].bytes = s;
	r->secrets[r->count].len = len;
	r->count++;
	return true;
}

bool msp_redactor_add_card(msp_redactor *r, const msp_card *card)
{
	if (card == NULL) {
		return true;
	}
	const msp_secbuf *pan = msp_card_pan(card);
	const msp_secbuf *cvc = msp_card_cvc(card);
	bool ok = pan == NULL || msp_redactor_add(r, MSP_SECRET_PAN, pan->data, pan->len);
	return (cvc == NULL || msp_redactor_add(r, MSP_SECRET_CVC, cvc->data, cvc->len)) && ok;
}

bool msp_redactor_add_key(msp_redactor *r, const msp_secbuf *key)
{
	return key == NULL || msp_redactor_add(r, MSP_SECRET_KEY, key->data, key->len);
}

/* ---- characters ---- */

#define CH_WIDE (-1) /* a \u escape of a code point beyond one byte */

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* What may stand between the digit groups of one number: blanks and every control character (the
 * output turns them into spaces, so they must join here too), dashes and dots. */
static bool is_separator(int c)
{
	return (c >= 0 && c < 0x20) || c == 0x7f || c == ' ' || c == '-' || c == '.';
}

/* A letter or '_': what glues a digit group into a word ("order123", "v_123"). */
static bool is_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* The character at i and where the next one starts. A backslash run followed by n, t, r, b, f, / or
 * u and 4 hex digits is one escape, whatever the number of backslashes (JSON quoted inside JSON
 * doubles them); followed by '"' only when the number is odd (an even run ends a JSON string
 * before the quote). Any other backslash run is one character, '\\'. */
static size_t decode_unit(const char *in, size_t len, size_t i, int *ch)
{
	if (in[i] != '\\') {
		*ch = (unsigned char)in[i];
		return i + 1;
	}
	size_t j = i;
	while (j < len && in[j] == '\\') {
		j++;
	}
	*ch = '\\';
	if (j >= len) {
		return j;
	}
	switch (in[j]) {
		case 'n':
			*ch = '\n';
			return j + 1;
		case 't':
			*ch = '\t';
			return j + 1;
		case 'r':
			*ch = '\r';
			return j + 1;
		case 'b':
			*ch = '\b';
			return j + 1;
		case 'f':
			*ch = '\f';
			return j + 1;
		case '/':
			*ch = '/';
			return j + 1;
		case '"':
			if ((j - i) % 2 == 1) {
				*ch = '"';
				return j + 1;
			}
			return j;
		case 'u':
			if (j + 4 < len) {
				int value = 0;
				for (size_t h = 1; h <= 4 && value >= 0; h++) {
					int v = msp_hex_digit_value((unsigned char)in[j + h]);
					value = v < 0 ? -1 : value * 16 + v;
				}
				if (value >= 0) {
					*ch = value <= 0xff ? value : CH_WIDE;
					return j + 5;
				}
			}
			return j;
		default:
			return j;
	}
}

/* ---- spans ---- */

/* In order of precedence when two overlap. */
typedef enum { SPAN_REDACTED, SPAN_CVC, SPAN_CARD, SPAN_KEY } span_kind;

typedef struct {
	size_t from, to; /* bytes while the fields pass collects them, units after */
	span_kind kind;
	int score; /* cards: how sure the last 4 digits are the card's (field, exact, longest stretch) */
	bool has_last4;
	char last4[4];
} span;

typedef struct {
	span *items;
	size_t len;
	size_t cap;
	bool failed;
} span_list;

static span *span_push(span_list *list, size_t from, size_t to, span_kind kind)
{
	if (list->failed || from >= to) {
		return NULL;
	}
	if (list->len == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 16;
		span *grown = realloc(list->items, cap * sizeof(*grown));
		if (grown == NULL) {
			list->failed = true;
			return NULL;
		}
		list->items = grown;
		list->cap = cap;
	}
	span *s = &list->items[list->len++];
	memset(s, 0, sizeof(*s));
	s->from = from;
	s->to = to;
	s->kind = kind;
	return s;
}

/* ---- pass 1: secret field names (on the raw bytes) ---- */

typedef enum { KEY_PLAIN, KEY_CARD_NUMBER, KEY_CVC, KEY_API_KEY, KEY_PASSWORD, KEY_PSP_ID } key_kind;

typedef struct {
	const char *name;
	key_kind kind;
} key_rule;

/* Compared without regard to case. */
static const key_rule key_rules[] = {
    {"card_number", KEY_CARD_NUMBER},
    {"cardnumber", KEY_CARD_NUMBER},
    {"pan", KEY_CARD_NUMBER},
    {"card_cvc", KEY_CVC},
    {"cvc", KEY_CVC},
    {"cvc2", KEY_CVC},
    {"cvv", KEY_CVC},
    {"card_cvv", KEY_CVC},
    {"api_key", KEY_API_KEY},
    {"apikey", KEY_API_KEY},
    {"password", KEY_PASSWORD},
    /* MultiSafepay's own ids, up to 16 digits: judged as a whole (see scan_digits). */
    {"transaction_id", KEY_PSP_ID},
    {"external_transaction_id", KEY_PSP_ID},
    {"refund_id", KEY_PSP_ID},
};

static span_kind span_kind_of(key_kind kind)
{
	switch (kind) {
		case KEY_CARD_NUMBER:
			return SPAN_CARD;
		case KEY_CVC:
			return SPAN_CVC;
		case KEY_API_KEY:
			return SPAN_KEY;
		default:
			return SPAN_REDACTED;
	}
}

typedef struct {
	const char *in;
	size_t len;   /* where scanning stops: the input's end, or a JSON string's closing quote */
	size_t total; /* the input's end */
	/* The last word scanned: a word start inside it ends where it ends (keeps scanning linear). */
	size_t word_from, word_to;
	span_list *spans;
	span_list *ids; /* values of KEY_PSP_ID keys (JSON scalars) */
} field_scan;

static bool is_word_byte(char c)
{
	return is_digit((unsigned char)c) || is_letter((unsigned char)c);
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static key_kind classify_key(const char *key, size_t len)
{
	for (size_t k = 0; k < sizeof(key_rules) / sizeof(key_rules[0]); k++) {
		size_t n = strlen(key_rules[k].name);
		bool same = n == len;
		for (size_t i = 0; same && i < n; i++) {
			same = lower(key[i]) == key_rules[k].name[i];
		}
		if (same) {
			return key_rules[k].kind;
		}
	}
	return KEY_PLAIN;
}

static void field_span(field_scan *f, key_kind kind, size_t from, size_t to)
{
	span_push(f->spans, from, to, span_kind_of(kind));
}

/* The closing quote of a JSON string that opens at i; total when unterminated. */
static size_t string_close(const field_scan *f, size_t i)
{
	for (size_t j = i + 1; j < f->total; j++) {
		if (f->in[j] == '\\') {
			j++;
		} else if (f->in[j] == '"') {
			return j;
		}
	}
	return f->total;
}

static size_t string_end(const field_scan *f, size_t i)
{
	size_t close = string_close(f, i);
	return close < f->total ? close + 1 : close;
}

/* The end of a JSON value starting at i: a string, a balanced object/array, or a scalar. */
static size_t json_value_end(const field_scan *f, size_t i)
{
	if (i >= f->total) {
		return i;
	}
	if (f->in[i] == '"') {
		return string_end(f, i);
	}
	if (f->in[i] == '{' || f->in[i] == '[') {
		size_t depth = 0;
		for (size_t j = i; j < f->total; j++) {
			char c = f->in[j];
			if (c == '"') {
				j = string_end(f, j) - 1;
			} else if (c == '{' || c == '[') {
				depth++;
			} else if ((c == '}' || c == ']') && --depth == 0) {
				return j + 1;
			}
		}
		return f->total;
	}
	size_t j = i;
	while (j < f->total && strchr(",}] \t\r\n", f->in[j]) == NULL) {
		j++;
	}
	return j;
}

/* The end of a text value starting at i: quoted, or up to a delimiter. */
static size_t text_value_end(const field_scan *f, size_t i)
{
	if (i < f->len && (f->in[i] == '"' || f->in[i] == '\'')) {
		const char *close = memchr(f->in + i + 1, f->in[i], f->len - i - 1);
		return close ? (size_t)(close - f->in) + 1 : f->len;
	}
	size_t j = i;
	/* A backslash ends it too, so that an escaped quote inside a JSON string stays whole. */
	while (j < f->len && strchr(",;&<>\"'}]) \t\r\n\\", f->in[j]) == NULL && f->in[j] != '\0') {
		j++;
	}
	return j;
}

/* A card number in text may be written in groups, split by any separator or escape ("4111 1111\n1111
 * 1111"): the whole run, to its last digit. i when no digit starts at i. */
static size_t card_run_end(const field_scan *f, size_t value)
{
	size_t end = value;
	for (size_t i = value; i < f->len;) {
		int ch;
		size_t next = decode_unit(f->in, f->len, i, &ch);
		if (is_digit(ch)) {
			end = next;
		} else if (end == value || !is_separator(ch)) {
			break;
		}
		i = next;
	}
	return end;
}

static size_t value_end_for(const field_scan *f, size_t value, key_kind kind)
{
	size_t end = kind == KEY_CARD_NUMBER ? card_run_end(f, value) : value;
	return end > value ? end : text_value_end(f, value);
}

/* Blanks, then one of seps, then blanks, from i; the position after them, or 0 when none is there. */
static size_t after_separator(const field_scan *f, size_t i, const char *seps)
{
	while (i < f->len && is_blank_byte((unsigned char)f->in[i])) {
		i++;
	}
	if (i >= f->len || f->in[i] == '\0' || strchr(seps, f->in[i]) == NULL) {
		return 0;
	}
	i++;
	while (i < f->len && (f->in[i] == ' ' || f->in[i] == '\t')) {
		i++;
	}
	return i;
}

/* One text value at value (after the separator), its quotes kept; returns its end, or value when
 * there is none. */
static size_t text_value(field_scan *f, size_t value, key_kind kind)
{
	size_t value_end = value_end_for(f, value, kind);
	if (value_end == value) {
		return value;
	}
	bool quoted = f->in[value] == '"' || f->in[value] == '\'';
	size_t inner_start = value + (quoted ? 1 : 0);
	bool closed = quoted && value_end > inner_start && f->in[value_end - 1] == f->in[value];
	field_span(f, kind, inner_start, closed ? value_end - 1 : value_end);
	return value_end;
}

/* In text: a secret field name at the start of a word, then ':' or '=', then its value. Returns the
 * position after the value, or 0 when i does not start one. */
static size_t text_secret(field_scan *f, size_t i)
{
	/* A word starts here; digits before it do not count ("1111api_key=" in a garbled body). */
	if (!is_word_byte(f->in[i]) || is_digit((unsigned char)f->in[i]) ||
	    (i > 0 && is_letter((unsigned char)f->in[i - 1]))) {
		return 0;
	}
	size_t end;
	if (i >= f->word_from && i < f->word_to) {
		end = f->word_to;
	} else {
		end = i;
		while (end < f->total && is_word_byte(f->in[end])) {
			end++;
		}
		f->word_from = i;
		f->word_to = end;
	}
	if (end > f->len) {
		return 0;
	}
	key_kind kind = classify_key(f->in + i, end - i);
	if (kind == KEY_PLAIN || kind == KEY_PSP_ID) {
		return 0;
	}
	size_t after_key = end < f->len && (f->in[end] == '"' || f->in[end] == '\'') ? end + 1 : end;
	size_t value = after_separator(f, after_key, ":=");
	if (value == 0 || value >= f->len || value_end_for(f, value, kind) == value) {
		return 0; /* "api_key:" with nothing after it */
	}
	size_t value_end = text_value(f, value, kind);
	/* A broken body may chain them ("api_key":"cvc":"123"): what follows another separator is
	 * redacted too. */
	size_t next;
	while (value_end < f->len && (next = after_separator(f, value_end, ":=")) != 0) {
		size_t chained_end = text_value(f, next, KEY_PASSWORD);
		if (chained_end == next) {
			return next;
		}
		value_end = chained_end;
	}
	return value_end;
}

/* Text secrets inside a JSON string's characters [from, to): an error message may quote
 * "...?api_key=...". */
static void scan_string_text(field_scan *f, size_t from, size_t to)
{
	size_t saved = f->len;
	f->len = to;
	for (size_t i = from; i < to;) {
		size_t next = is_word_byte(f->in[i]) ? text_secret(f, i) : 0;
		i = next > i ? next : i + 1;
	}
	f->len = saved;
}

/* A JSON string token at i: a key (followed by ':') or a value. Returns where scanning goes on. */
static size_t json_string(field_scan *f, size_t i)
{
	size_t close = string_close(f, i);
	size_t end = close < f->total ? close + 1 : close;
	size_t value = after_separator(f, end, ":");
	scan_string_text(f, i + 1, close);
	if (value == 0) {
		return end; /* a value */
	}
	/* The key's last word, so that a stray backslash or quote in a broken body does not hide it
	 * ("x\"card_cvc":). For a well-formed key that is the key itself. */
	size_t key_end = close;
	while (key_end > i + 1 && !is_word_byte(f->in[key_end - 1])) {
		key_end--;
	}
	size_t key_start = key_end;
	while (key_start > i + 1 && is_word_byte(f->in[key_start - 1])) {
		key_start--;
	}
	key_kind kind = classify_key(f->in + key_start, key_end - key_start);
	if (kind == KEY_PSP_ID && value < f->total && f->in[value] != '{' && f->in[value] != '[') {
		span_push(f->ids, value, json_value_end(f, value), SPAN_REDACTED);
	}
	if (kind == KEY_PLAIN || kind == KEY_PSP_ID) {
		return value;
	}
	size_t value_end = json_value_end(f, value);
	field_span(f, kind, value, value_end);
	/* In a broken body the "value" may have been a key ("api_key":"cvc":"123"): what follows
	 * another colon is redacted too. Valid JSON never has a second colon here. */
	size_t next;
	while (value_end < f->total && (next = after_separator(f, value_end, ":")) != 0) {
		size_t chained_end = json_value_end(f, next);
		field_span(f, KEY_PASSWORD, next, chained_end);
		value_end = chained_end > next ? chained_end : next;
	}
	return value_end;
}

static void scan_fields(const char *in, size_t len, bool json, span_list *spans, span_list *ids)
{
	field_scan f = {.in = in, .len = len, .total = len, .spans = spans, .ids = ids};
	for (size_t i = 0; i < len && !spans->failed && !ids->failed;) {
		size_t next = 0;
		if (json && in[i] == '"') {
			next = json_string(&f, i);
		} else if (!is_digit((unsigned char)in[i])) {
			/* In JSON a bare word is never a key; in a broken body it may still name a secret. */
			next = text_secret(&f, i);
		}
		i = next > i ? next : i + 1;
	}
}

/* ---- the decoded text ---- */

#define UNIT_MASKED    1 /* inside a span already */
#define UNIT_IN_STRING 2 /* inside a JSON string (the opening quote is not, the closing one is) */
#define UNIT_PSP_ID    4 /* in the value of one of MultiSafepay's ids */

typedef struct {
	const msp_redactor *secrets; /* NULL: none */
	const char *in;
	size_t len;
	bool json;
	size_t n;       /* units */
	size_t *start;  /* n + 1: where each unit starts; start[n] == len */
	int16_t *ch;    /* the character of each unit (wiped before it is freed) */
	uint8_t *flags; /* UNIT_* */
	span_list spans;
	span_list ids; /* where UNIT_PSP_ID is set (bytes) */
} text_view;

static bool build_units(text_view *v)
{
	size_t slots = v->len + 1;
	v->start = malloc(slots * sizeof(*v->start));
	v->ch = malloc(slots * sizeof(*v->ch));
	v->flags = calloc(slots, 1);
	if (v->start == NULL || v->ch == NULL || v->flags == NULL) {
		return false;
	}
	size_t n = 0;
	bool in_string = false;
	for (size_t i = 0; i < v->len; n++) {
		int ch;
		v->start[n] = i;
		i = decode_unit(v->in, v->len, i, &ch);
		v->ch[n] = (int16_t)ch;
		if (v->json && in_string) {
			v->flags[n] |= UNIT_IN_STRING;
		}
		if (v->json && v->in[v->start[n]] == '"') {
			in_string = !in_string;
		}
	}
	v->start[n] = v->len;
	v->n = n;
	return true;
}

static bool masked(const text_view *v, size_t k)
{
	return (v->flags[k] & UNIT_MASKED) != 0;
}

static void mask_units(text_view *v, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++) {
		v->flags[k] |= UNIT_MASKED;
	}
}

/* The unit holding byte pos. */
static size_t unit_at(const text_view *v, size_t pos)
{
	size_t lo = 0;
	size_t hi = v->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->start[mid] <= pos) {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	return lo;
}

/* Field spans come in bytes: widened to whole units, and a card number's value gets its last 4
 * digits (when it has 12 or more). */
static void fields_to_units(text_view *v)
{
	for (size_t s = 0; s < v->spans.len; s++) {
		span *sp = &v->spans.items[s];
		sp->from = unit_at(v, sp->from);
		sp->to = unit_at(v, sp->to - 1) + 1;
		if (sp->kind == SPAN_CARD) {
			size_t digits = 0;
			for (size_t k = sp->to; k > sp->from; k--) {
				if (is_digit(v->ch[k - 1]) && digits < 4) {
					sp->last4[3 - digits] = (char)v->ch[k - 1];
				}
				digits += is_digit(v->ch[k - 1]);
			}
			sp->has_last4 = digits >= 12;
			sp->score = 2000;
		}
		mask_units(v, sp->from, sp->to);
	}
	for (size_t s = 0; s < v->ids.len; s++) {
		size_t from = v->ids.items[s].from;
		size_t to = v->ids.items[s].to;
		for (size_t k = unit_at(v, from); k < v->n && v->start[k] < to; k++) {
			v->flags[k] |= UNIT_PSP_ID;
		}
	}
}

/* ---- pass 2: exact API keys ---- */

/* Every occurrence of key[0..m) in the decoded characters: a SPAN_KEY each, pushed after the spans
 * that were there (first of them is this key's). */
static void find_key(text_view *v, const unsigned char *key, size_t m, size_t *fail)
{
	size_t first = v->spans.len;
	/* fail[q]: the longest proper border of key[0..q]. */
	fail[0] = 0;
	for (size_t q = 1, b = 0; q < m; q++) {
		while (b > 0 && key[q] != key[b]) {
			b = fail[b - 1];
		}
		if (key[q] == key[b]) {
			b++;
		}
		fail[q] = b;
	}
	size_t q = 0;
	for (size_t k = 0; k < v->n; k++) {
		int c = v->ch[k];
		while (q > 0 && c != key[q]) {
			q = fail[q - 1];
		}
		if (c == key[q]) {
			q++;
		}
		if (q == m) {
			/* Overlapping occurrences ("abab" twice in "ababab") make one span, so that marking
			 * them costs each unit once. */
			span *last = v->spans.len > first ? &v->spans.items[v->spans.len - 1] : NULL;
			if (last != NULL && last->to > k + 1 - m) {
				last->to = k + 1;
			} else {
				span_push(&v->spans, k + 1 - m, k + 1, SPAN_KEY);
			}
			q = fail[q - 1];
		}
	}
}

static bool scan_keys(text_view *v)
{
	size_t first = v->spans.len;
	for (size_t s = 0; v->secrets != NULL && s < v->secrets->count; s++) {
		if (v->secrets->secrets[s].kind != MSP_SECRET_KEY) {
			continue;
		}
		size_t m = v->secrets->secrets[s].len;
		size_t *fail = malloc(m * sizeof(*fail));
		if (fail == NULL) {
			return false;
		}
		find_key(v, v->secrets->secrets[s].bytes, m, fail);
		free(fail);
	}
	for (size_t s = first; s < v->spans.len; s++) {
		mask_units(v, v->spans.items[s].from, v->spans.items[s].to);
	}
	return true;
}

/* ---- pass 3: digit runs ---- */

#define WINDOW  19 /* the longest card number */
#define PAN_MIN 12 /* the shortest */
/* A digit d in an even place from the right counts as the digit sum of 2d. */
static const uint8_t luhn_doubled[10] = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};

typedef struct {
	size_t first, last; /* units, inclusive */
	size_t digits;
	unsigned cvcs; /* bit s: still equal to secret s (a CVC) */
} digit_group;

typedef struct {
	size_t g_from, g_to; /* groups, inclusive */
	int score;
	char last4[4];
	size_t start, len; /* the longest stretch that made it a card: first digit (in the run), digits */
	bool last4_unsure; /* the marker shows no digits (see add_card) */
} card_interval;

typedef struct {
	text_view *v;
	unsigned all_cvcs; /* bits of the registered CVCs */
	/* The current run: its groups, the card intervals found so far, the last 19 digits. */
	digit_group *groups;
	size_t ngroups, groups_cap;
	card_interval *cards;
	size_t ncards, cards_cap;
	uint8_t window[WINDOW];
	size_t window_group[WINDOW];
	bool window_starts_group[WINDOW];
	size_t digits; /* in the run */
	bool group_open;
	bool psp_id;           /* the run is one of MultiSafepay's ids: whole groups only */
	card_interval pending; /* in an id: a stretch that is a card if its group ends here */
	bool has_pending;
	bool failed;
} digit_scan;

static bool grow(void **items, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap) {
		return true;
	}
	size_t cap2 = *cap ? *cap * 2 : 16;
	void *grown = realloc(*items, cap2 * size);
	if (grown == NULL) {
		return false;
	}
	*items = grown;
	*cap = cap2;
	return true;
}

static uint8_t window_digit(const digit_scan *d, size_t index)
{
	return d->window[index % WINDOW];
}

/* Whether `later` (a stretch of 17 to 19 digits) may be `earlier` (a card found from the same first
 * digit, up to 4 digits shorter) with digits glued after it: "4111111111111111" followed by its CVC
 * "003" passes Luhn as 19 digits. Then later's last 4 digits may be a CVC's, not a card's. A card of
 * the call (score 1000 and up) is known exactly and never in doubt. */
static bool digits_glued_after(const card_interval *earlier, const card_interval *later)
{
	return earlier->score < 1000 && later->score < 1000 && later->score >= earlier->score &&
	       earlier->start == later->start && later->len > 16 && later->len - earlier->len <= 4;
}

/* A card found in the digits of the run: the groups from g_from to g_to. Intervals that share a
 * group become one (one marker) with the last 4 digits of the likeliest card, or none when they may
 * be other digits glued to a card (digits_glued_after). */
static void add_card(digit_scan *d, const card_interval *found)
{
	card_interval merged = *found;
	while (d->ncards > 0 && d->cards[d->ncards - 1].g_to >= merged.g_from) {
		const card_interval *top = &d->cards[--d->ncards];
		merged.g_from = top->g_from < merged.g_from ? top->g_from : merged.g_from;
		merged.last4_unsure = merged.last4_unsure || top->last4_unsure || digits_glued_after(top, found);
		if (top->score > merged.score) {
			merged.score = top->score;
			memcpy(merged.last4, top->last4, 4);
		}
	}
	if (grow((void **)&d->cards, &d->cards_cap, d->ncards + 1, sizeof(*d->cards))) {
		d->cards[d->ncards++] = merged;
	} else {
		d->failed = true;
	}
	msp_secure_wipe(&merged, sizeof(merged));
}

/* Every window of 12 to 19 digits that ends with the digit just added: the longest that passes Luhn
 * or equals a registered card number is masked (the shorter ones lie inside it). The score says how
 * likely its last 4 digits are a card's, for the marker: a registered card, else a stretch that
 * starts a digit group (a card glued to its CVC starts its group), else the longest.
 *
 * In one of MultiSafepay's ids only whole digit groups count for Luhn ("1234567890123456" passes in
 * parts only): the stretch must start a group here and end one, which is known when the group ends,
 * so it waits in d->pending until then. A registered card counts anywhere. */
static void check_windows(digit_scan *d)
{
	size_t end = d->digits - 1;
	size_t longest = d->digits < WINDOW ? d->digits : WINDOW;
	size_t found = 0;
	int score = 0;
	unsigned sum = 0;
	for (size_t n = 1; n <= longest; n++) {
		uint8_t digit = window_digit(d, end + 1 - n);
		bool starts_group = d->window_starts_group[(end + 1 - n) % WINDOW];
		sum += n % 2 == 0 ? luhn_doubled[digit] : digit;
		if (n >= PAN_MIN && sum % 10 == 0 && (starts_group || !d->psp_id)) {
			int this_score = (int)n + (starts_group ? 100 : 0);
			found = n;
			score = this_score > score ? this_score : score;
		}
	}
	bool wait = d->psp_id && found > 0;
	const msp_redactor *r = d->v->secrets;
	for (size_t s = 0; r != NULL && s < r->count; s++) {
		size_t n = r->secrets[s].len;
		if (r->secrets[s].kind != MSP_SECRET_PAN || n > d->digits) {
			continue;
		}
		bool same = true;
		for (size_t k = 0; k < n && same; k++) {
			same = window_digit(d, end + 1 - n + k) == r->secrets[s].bytes[k] - '0';
		}
		if (same) {
			found = n > found ? n : found;
			score = 1000 + (int)n;
			wait = false;
		}
	}
	if (found == 0) {
		return;
	}
	card_interval card = {.g_from = d->window_group[(end + 1 - found) % WINDOW],
	    .g_to = d->window_group[end % WINDOW],
	    .score = score,
	    .start = end + 1 - found,
	    .len = found};
	for (size_t k = 0; k < 4; k++) {
		card.last4[k] = (char)('0' + window_digit(d, end - 3 + k));
	}
	if (wait) {
		d->pending = card;
		d->has_pending = true;
	} else {
		add_card(d, &card);
	}
	msp_secure_wipe(&card, sizeof(card));
}

/* The group just ended: a stretch that waited for it is a card. */
static void group_ended(digit_scan *d)
{
	d->group_open = false;
	if (d->has_pending) {
		add_card(d, &d->pending);
		msp_secure_wipe(&d->pending, sizeof(d->pending));
		d->has_pending = false;
	}
}

static void add_digit(digit_scan *d, size_t k, uint8_t digit)
{
	if (d->digits == 0) {
		d->psp_id = (d->v->flags[k] & UNIT_PSP_ID) != 0;
	}
	d->has_pending = false; /* the previous digit did not end its group */
	if (!d->group_open) {
		if (!grow((void **)&d->groups, &d->groups_cap, d->ngroups + 1, sizeof(*d->groups))) {
			d->failed = true;
			return;
		}
		d->groups[d->ngroups++] = (digit_group){.first = k, .last = k, .cvcs = d->all_cvcs};
		d->group_open = true;
	}
	digit_group *g = &d->groups[d->ngroups - 1];
	const msp_redactor *r = d->v->secrets;
	for (size_t s = 0; g->cvcs != 0 && s < r->count; s++) {
		if ((g->cvcs & (1u << s)) &&
		    (g->digits >= r->secrets[s].len || r->secrets[s].bytes[g->digits] != '0' + digit)) {
			g->cvcs &= ~(1u << s);
		}
	}
	g->last = k;
	g->digits++;
	d->window[d->digits % WINDOW] = digit;
	d->window_group[d->digits % WINDOW] = d->ngroups - 1;
	d->window_starts_group[d->digits % WINDOW] = g->digits == 1;
	d->digits++;
	check_windows(d);
}

static bool cvc_equal(const digit_scan *d, const digit_group *g)
{
	const msp_redactor *r = d->v->secrets;
	for (size_t s = 0; g->cvcs != 0 && s < r->count; s++) {
		if ((g->cvcs & (1u << s)) && r->secrets[s].len == g->digits) {
			return true;
		}
	}
	return false;
}

/* Whether the unit next to a digit group (k), seen from the group, glues it into a word or a
 * decimal number; beyond is the unit after k, away from the group. Masked units count as spaces. */
static bool glues(const text_view *v, size_t k, bool has_beyond, size_t beyond)
{
	if (masked(v, k)) {
		return false;
	}
	int c = v->ch[k];
	if (is_letter(c)) {
		return true;
	}
	if (!has_beyond || masked(v, beyond)) {
		return false;
	}
	return (c == '-' && is_letter(v->ch[beyond])) || (c == '.' && is_digit(v->ch[beyond]));
}

static bool stands_alone(const text_view *v, const digit_group *g)
{
	if (g->first > 0 && glues(v, g->first - 1, g->first > 1, g->first - 2)) {
		return false;
	}
	return g->last + 1 >= v->n || !glues(v, g->last + 1, g->last + 2 < v->n, g->last + 2);
}

/* Whether the letters glued before a digit group end with a CVC's own name (cvc, cvv, cid, csc, cvn,
 * any case): "CVC123" is the CVC under its label, where "v123" or "x_123" are words that happen to
 * end in the same digits. */
static bool after_cvc_label(const text_view *v, const digit_group *g)
{
	static const char labels[][4] = {"cvc", "cvv", "cid", "csc", "cvn"};
	if (g->first < 3) {
		return false;
	}
	char tail[3];
	for (size_t k = 0; k < 3; k++) {
		size_t unit = g->first - 3 + k;
		int c = v->ch[unit];
		if (masked(v, unit) || !is_letter(c)) {
			return false;
		}
		tail[k] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	for (size_t l = 0; l < sizeof(labels) / sizeof(labels[0]); l++) {
		if (memcmp(tail, labels[l], 3) == 0) {
			return true;
		}
	}
	return false;
}

/* The run is over: its cards become spans, then its CVCs that stand alone (all judged before any
 * is masked, so the order does not matter). */
static void end_run(digit_scan *d)
{
	text_view *v = d->v;
	group_ended(d);
	for (size_t c = 0; c < d->ncards; c++) {
		size_t from = d->groups[d->cards[c].g_from].first;
		size_t to = d->groups[d->cards[c].g_to].last + 1;
		span *s = span_push(&v->spans, from, to, SPAN_CARD);
		if (s != NULL) {
			s->score = d->cards[c].score;
			s->has_last4 = !d->cards[c].last4_unsure;
			memcpy(s->last4, d->cards[c].last4, 4);
		}
		mask_units(v, from, to);
	}
	size_t first_cvc = v->spans.len;
	for (size_t g = 0; d->all_cvcs != 0 && g < d->ngroups; g++) {
		digit_group *group = &d->groups[g];
		if (!masked(v, group->first) && cvc_equal(d, group) &&
		    (stands_alone(v, group) || after_cvc_label(v, group))) {
			span_push(&v->spans, group->first, group->last + 1, SPAN_CVC);
		}
	}
	for (size_t s = first_cvc; s < v->spans.len; s++) {
		mask_units(v, v->spans.items[s].from, v->spans.items[s].to);
	}
	msp_secure_wipe(d->window, sizeof(d->window));
	msp_secure_wipe(d->cards, d->ncards * sizeof(*d->cards));
	d->ngroups = 0;
	d->ncards = 0;
	d->digits = 0;
	d->group_open = false;
}

static bool scan_digits(text_view *v)
{
	digit_scan d = {.v = v};
	for (size_t s = 0; v->secrets != NULL && s < v->secrets->count; s++) {
		if (v->secrets->secrets[s].kind == MSP_SECRET_CVC) {
			d.all_cvcs |= 1u << s;
		}
	}
	for (size_t k = 0; k < v->n && !d.failed; k++) {
		int c = v->ch[k];
		if (!masked(v, k) && is_digit(c)) {
			add_digit(&d, k, (uint8_t)(c - '0'));
		} else if (!masked(v, k) && is_separator(c) && d.digits > 0) {
			group_ended(&d);
		} else if (d.digits > 0) {
			end_run(&d);
		}
	}
	if (d.digits > 0) {
		end_run(&d);
	}
	msp_secure_wipe(d.window, sizeof(d.window));
	if (d.cards != NULL) {
		msp_secure_wipe(d.cards, d.cards_cap * sizeof(*d.cards));
	}
	free(d.cards);
	free(d.groups);
	return !d.failed;
}

/* ---- merging the spans ---- */

static int by_start(const void *a, const void *b)
{
	const span *x = a;
	const span *y = b;
	return x->from < y->from ? -1 : x->from > y->from;
}

/* A character of a bare JSON token (a number, true, or garbage in a broken body). */
static bool bare_token(const text_view *v, size_t k)
{
	if (!v->json || (v->flags[k] & UNIT_IN_STRING)) {
		return false;
	}
	unsigned char c = (unsigned char)v->in[v->start[k]];
	return c > ' ' && c != 0x7f && strchr("\"{}[],:", c) == NULL;
}

static bool quoted_marker(const text_view *v, const span *s)
{
	return v->json && !(v->flags[s->from] & UNIT_IN_STRING);
}

static void absorb(span *into, const span *s)
{
	into->to = s->to > into->to ? s->to : into->to;
	if (s->kind == SPAN_CARD && (into->kind != SPAN_CARD || s->score > into->score)) {
		into->score = s->score;
		into->has_last4 = s->has_last4;
		memcpy(into->last4, s->last4, 4);
	}
	if (s->kind > into->kind) {
		into->kind = s->kind;
	}
}

/* Sorts and merges overlapping spans. A span over a bare JSON value grows to the whole token, so
 * that its marker can become a JSON string ("amount":123 -> "amount":"[cvc]"). */
static void merge_spans(text_view *v)
{
	span_list *l = &v->spans;
	if (l->len > 1) {
		qsort(l->items, l->len, sizeof(*l->items), by_start);
	}
	size_t out = 0;
	for (size_t i = 0; i < l->len; i++) {
		span s = l->items[i];
		if (quoted_marker(v, &s)) {
			size_t floor = out > 0 ? l->items[out - 1].to : 0;
			while (s.from > floor && bare_token(v, s.from - 1)) {
				s.from--;
			}
			while (s.to < v->n && bare_token(v, s.to)) {
				s.to++;
			}
		}
		bool joins = out > 0 && (s.from < l->items[out - 1].to ||
		                            (s.from == l->items[out - 1].to && s.from > 0 && bare_token(v, s.from) &&
		                                bare_token(v, s.from - 1)));
		if (joins) {
			absorb(&l->items[out - 1], &s);
		} else {
			l->items[out++] = s;
		}
	}
	l->len = out;
}

/* ---- writing ---- */

typedef struct {
	char *data;
	size_t len;
	size_t cap;
	bool failed;
	size_t max_len; /* 0: no cap */
	size_t fit;     /* the last piece boundary that leaves room for "..." */
	bool over;      /* more than max_len: cut at fit */
} output;

static void put(output *o, const char *bytes, size_t n)
{
	if (o->failed || o->over) {
		return;
	}
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 256;
		while (o->len + n + 1 > cap) {
			cap *= 2;
		}
		char *grown = realloc(o->data, cap);
		if (grown == NULL) {
			o->failed = true;
			return;
		}
		o->data = grown;
		o->cap = cap;
	}
	memcpy(o->data + o->len, bytes, n);
	o->len += n;
}

/* After each whole piece (a character, an escape, a marker). */
static void piece_done(output *o)
{
	if (o->max_len == 0 || o->over) {
		return;
	}
	if (o->len + 3 <= o->max_len) {
		o->fit = o->len;
	} else if (o->len > o->max_len) {
		o->over = true;
	}
}

static void put_marker(output *o, const span *s, bool quoted)
{
	char text[32];
	const char *marker = "[redacted]";
	switch (s->kind) {
		case SPAN_KEY:
			marker = "[api key]";
			break;
		case SPAN_CVC:
			marker = "[cvc]";
			break;
		case SPAN_CARD:
			if (s->has_last4) {
				memcpy(text, "[card ****", 10);
				memcpy(text + 10, s->last4, 4);
				memcpy(text + 14, "]", 2);
				marker = text;
			} else {
				marker = "[card]";
			}
			break;
		default:
			break;
	}
	if (quoted) {
		put(o, "\"", 1);
	}
	put(o, marker, strlen(marker));
	if (quoted) {
		put(o, "\"", 1);
	}
	piece_done(o);
}

/* The longest prefix of s[0..n) that does not end inside a UTF-8 sequence. */
static size_t utf8_prefix(const char *s, size_t n)
{
	size_t start = n;
	while (start > 0 && n - start < 3 && ((unsigned char)s[start - 1] & 0xc0) == 0x80) {
		start--;
	}
	if (start == 0) {
		return n;
	}
	unsigned char lead = (unsigned char)s[start - 1];
	size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
	return start - 1 + need > n ? start - 1 : n;
}

static void write_text(const text_view *v, output *o)
{
	size_t next_span = 0;
	for (size_t k = 0; k < v->n && !o->over;) {
		/* Spans are sorted and apart; <= keeps a span that would start behind k masked all the same. */
		if (next_span < v->spans.len && v->spans.items[next_span].from <= k) {
			const span *s = &v->spans.items[next_span++];
			put_marker(o, s, quoted_marker(v, s));
			k = s->to > k ? s->to : k;
			continue;
		}
		size_t from = v->start[k];
		size_t to = v->start[k + 1];
		if (to - from == 1) {
			/* Control characters become spaces: a body stays one log line and cannot forge another. */
			unsigned char c = (unsigned char)v->in[from];
			put(o, c < 0x20 || c == 0x7f ? " " : v->in + from, 1);
		} else {
			put(o, v->in + from, to - from);
		}
		piece_done(o);
		k++;
	}
	if (o->over) {
		o->len = utf8_prefix(o->data, o->fit);
		o->over = false;
		put(o, "...", o->max_len < 3 ? o->max_len : 3);
	}
	put(o, "", 0); /* room for the NUL, even for an empty result */
	if (!o->failed) {
		o->data[o->len] = '\0';
	}
}

/* ---- the whole ---- */

static bool looks_like_json(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && is_blank_byte((unsigned char)s[i])) {
		i++;
	}
	return i < len && (s[i] == '{' || s[i] == '[');
}

static void release_view(text_view *v)
{
	if (v->ch != NULL) {
		msp_secure_wipe(v->ch, (v->len + 1) * sizeof(*v->ch));
	}
	free(v->ch);
	free(v->start);
	free(v->flags);
	free(v->spans.items);
	free(v->ids.items);
}

char *msp_redactor_apply(const msp_redactor *r, const char *text, size_t len, size_t max_len)
{
	text_view v = {.secrets = r, .in = text ? text : "", .len = text ? len : 0};
	v.json = looks_like_json(v.in, v.len);
	output o = {.max_len = max_len};
	bool ok = build_units(&v);
	if (ok) {
		scan_fields(v.in, v.len, v.json, &v.spans, &v.ids);
		ok = !v.spans.failed && !v.ids.failed;
	}
	if (ok) {
		fields_to_units(&v);
		ok = scan_keys(&v) && scan_digits(&v) && !v.spans.failed;
	}
	if (ok) {
		merge_spans(&v);
		write_text(&v, &o);
		ok = !o.failed;
	}
	release_view(&v);
	if (!ok) {
		free(o.data);
		return NULL;
	}
	return o.data;
}

char *msp_redact(const char *body, size_t len, size_t max_len)
{
	return msp_redactor_apply(NULL, body, len, max_len);
}
