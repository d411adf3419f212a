#include "json.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <stdio.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ---- The document arena ------------------------------------------------------------------------
 * json-c parses; msp keeps a compact view of json-c's tree (msp_json nodes whose texts point into
 * json-c's own strings) in one block with the document header, so that the tolerant field mapping of
 * response.c walks members in document order without a hash lookup per field. The json-c tree lives
 * as long as the document. */

typedef struct arena_chunk {
	struct arena_chunk *next;
	size_t used;
	size_t size;
	alignas(max_align_t) unsigned char bytes[];
} arena_chunk;

struct msp_json_doc {
	unsigned refs;
	msp_json *root;
	struct json_object *tree; /* json-c's parse, owner of every string the values point to */
	arena_chunk *chunks;      /* the newest first; the last one holds this header */
	arena_chunk *home;        /* the block this header lives in */
};

#define MIN_CHUNK_BYTES       1024u
#define MAX_FIRST_CHUNK_BYTES (64u * 1024u)
#define ALIGN_BYTES           alignof(msp_json) /* every allocation keeps the next one aligned */

#if defined(_MSC_VER)
#define MSP_THREAD_LOCAL __declspec(thread)
#else
#define MSP_THREAD_LOCAL _Thread_local
#endif

/* One block per thread outlives its document: a worker parses an answer per API call, and reusing
 * that warm block saves a large malloc per call (which also makes glibc consolidate its fast bins)
 * and the cache misses of fresh memory. Blocks hold no secrets (answers carry no PAN). */
#define SPARE_MAX_BYTES (128u * 1024u)
static MSP_THREAD_LOCAL arena_chunk *spare_chunk;

static size_t aligned(size_t n)
{
	return (n + ALIGN_BYTES - 1) & ~(ALIGN_BYTES - 1);
}

static arena_chunk *chunk_new(size_t size)
{
	arena_chunk *chunk;
	if (spare_chunk != NULL && spare_chunk->size >= size) {
		chunk = spare_chunk;
		spare_chunk = NULL;
	} else {
		chunk = malloc(sizeof(*chunk) + size);
		if (chunk == NULL) {
			return NULL;
		}
		chunk->size = size;
	}
	chunk->next = NULL;
	chunk->used = 0;
	return chunk;
}

/* Under AddressSanitizer every block is freed, so that a value used after its document shows. */
#if defined(__SANITIZE_ADDRESS__)
#define KEEP_SPARE false
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KEEP_SPARE false
#endif
#endif
#ifndef KEEP_SPARE
#define KEEP_SPARE true
#endif

/* Keeps the larger of chunk and the current spare for the next document of this thread. */
static void chunk_recycle(arena_chunk *chunk)
{
	if (!KEEP_SPARE || chunk->size > SPARE_MAX_BYTES ||
	    (spare_chunk != NULL && spare_chunk->size >= chunk->size)) {
		free(chunk);
		return;
	}
	free(spare_chunk);
	spare_chunk = chunk;
}

/* The calling thread's json-c tokener, kept from one answer to the next like the spare block: making
 * one costs three allocations, one of them over a kilobyte, which makes glibc consolidate its fast
 * bins. Reset before each parse. */
static MSP_THREAD_LOCAL struct json_tokener *thread_tokener;

void msp_json_thread_cleanup(void)
{
	free(spare_chunk);
	spare_chunk = NULL;
	if (thread_tokener != NULL) {
		json_tokener_free(thread_tokener);
		thread_tokener = NULL;
	}
}

static void *arena_alloc(msp_json_doc *doc, size_t n)
{
	n = aligned(n);
	arena_chunk *chunk = doc->chunks;
	if (chunk->size - chunk->used < n) {
		size_t size = chunk->size * 2 > n ? chunk->size * 2 : n;
		arena_chunk *grown = chunk_new(size);
		if (grown == NULL) {
			return NULL;
		}
		grown->next = chunk;
		doc->chunks = grown;
		chunk = grown;
	}
	void *p = chunk->bytes + chunk->used;
	chunk->used += n;
	return p;
}

/* Most answers are a few dozen values of 15 to 30 bytes: room for the header and that many values.
 * Large texts get room for values up to a cap and grow by doubling. */
static size_t first_chunk_bytes(size_t text_len)
{
	size_t values = (text_len / 12 + 8) * aligned(sizeof(msp_json));
	if (values > MAX_FIRST_CHUNK_BYTES) {
		values = MAX_FIRST_CHUNK_BYTES;
	}
	size_t bytes = aligned(sizeof(msp_json_doc)) + values;
	return bytes < MIN_CHUNK_BYTES ? MIN_CHUNK_BYTES : bytes;
}

static msp_json_doc *doc_new(size_t len)
{
	arena_chunk *home = chunk_new(first_chunk_bytes(len));
	if (home == NULL) {
		return NULL;
	}
	msp_json_doc *doc = (msp_json_doc *)(void *)home->bytes;
	home->used = aligned(sizeof(*doc));
	memset(doc, 0, sizeof(*doc));
	doc->refs = 1;
	doc->chunks = home;
	doc->home = home;
	return doc;
}

msp_json_doc *msp_json_doc_retain(msp_json_doc *doc)
{
	if (doc != NULL) {
		doc->refs++;
	}
	return doc;
}

void msp_json_doc_release(msp_json_doc *doc)
{
	if (doc == NULL || --doc->refs > 0) {
		return;
	}
	json_object_put(doc->tree);
	arena_chunk *home = doc->home; /* read before the block that holds doc is handed on */
	arena_chunk *chunk = doc->chunks;
	while (chunk != home) {
		arena_chunk *next = chunk->next;
		free(chunk);
		chunk = next;
	}
	chunk_recycle(home);
}

const msp_json *msp_json_root(const msp_json_doc *doc)
{
	return doc != NULL ? doc->root : NULL;
}

const char *msp_json_doc_strndup(msp_json_doc *doc, const char *s, size_t len)
{
	char *copy = arena_alloc(doc, len + 1);
	if (copy != NULL) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}

void *msp_json_doc_zalloc(msp_json_doc *doc, size_t size)
{
	void *p = arena_alloc(doc, size);
	if (p != NULL) {
		memset(p, 0, size);
	}
	return p;
}

/* ---- Strictness json-c leaves to its caller ----------------------------------------------------
 * json-c's strict mode (0.16) still takes single-quoted strings, raw control characters inside
 * strings, NaN and Infinity, numbers such as "1." and silently saturates integers beyond 64 bits.
 * One lexical pass over the text refuses those before json-c parses it, so that what msp accepts is
 * RFC 8259 and every number it reads is the number that was sent. */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Digits only, at most 19: the value if it fits int64_t (negative allowed down to INT64_MIN). */
static bool digits_to_int64(const char *s, size_t n, bool negative, int64_t *out)
{
	uint64_t limit = negative ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
	uint64_t value = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned digit = (unsigned)(s[i] - '0');
		if (value > (limit - digit) / 10) {
			return false;
		}
		value = value * 10 + digit;
	}
	*out = negative ? (value == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)value) : (int64_t)value;
	return true;
}

/* An integer written without fraction or exponent that json-c can hold: -2^63 .. 2^64-1. */
static bool integer_in_range(const char *digits, size_t n, bool negative)
{
	const char *limit = negative ? "9223372036854775808" : "18446744073709551615";
	size_t limit_len = negative ? 19 : 20;
	return n < limit_len || (n == limit_len && memcmp(digits, limit, n) <= 0);
}

typedef enum { TOKEN_OK, TOKEN_CUT_OFF, TOKEN_INVALID } token_check;

/* Digits from p: false when there is none (cut off when the text ends there). */
static bool skip_digits(const char **p, const char *end, token_check *why)
{
	if (*p == end || !is_digit(**p)) {
		*why = *p == end ? TOKEN_CUT_OFF : TOKEN_INVALID;
		return false;
	}
	while (*p < end && is_digit(**p)) {
		(*p)++;
	}
	return true;
}

/* One number token per RFC 8259 at *p (< end), which is moved past it. TOKEN_CUT_OFF when the text
 * ends where the grammar wants more ("-", "1.", "1e+"). */
static token_check number_token(const char **pp, const char *end)
{
	const char *p = *pp;
	token_check why = TOKEN_OK;
	bool negative = *p == '-';
	p += negative ? 1 : 0;
	const char *digits = p;
	if (p < end && *p == '0') {
		p++;
	} else if (!skip_digits(&p, end, &why)) {
		return why;
	}
	bool integer = true;
	if (p < end && *p == '.') {
		integer = false;
		p++;
		if (!skip_digits(&p, end, &why)) {
			return why;
		}
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		integer = false;
		p++;
		p += p < end && (*p == '+' || *p == '-') ? 1 : 0;
		if (!skip_digits(&p, end, &why)) {
			return why;
		}
	}
	if (integer && !integer_in_range(digits, (size_t)(p - digits), negative)) {
		return TOKEN_INVALID;
	}
	*pp = p;
	return TOKEN_OK;
}

/* true, false or null at *p (< end), which is moved past it. */
static token_check literal_token(const char **pp, const char *end)
{
	static const char *const words[] = {"true", "false", "null"};
	size_t left = (size_t)(end - *pp);
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(words[i]);
		if (memcmp(*pp, words[i], left < n ? left : n) == 0) {
			if (left < n) {
				return TOKEN_CUT_OFF;
			}
			*pp += n;
			return TOKEN_OK;
		}
	}
	return TOKEN_INVALID;
}

/* What may follow a number or literal. */
static bool ends_scalar(char c)
{
	return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Bytes that end a run of plain string content. */
static const bool ends_plain_run[256] = {
    [0x00 ... 0x1f] = true,
    ['"'] = true,
    ['\\'] = true,
    [0x80 ... 0xff] = true,
};

/* The first byte from p on (at most end) that ends a run of plain ASCII string content: a control
 * character, '"', '\\' or a byte of a multi-byte UTF-8 sequence. Strings are most of an answer and
 * this is most of the lexical pass, so it looks at 16 bytes at a time where SSE2 is there (every
 * x86-64), and the first such byte among them is where the run ends. */
#if defined(__SSE2__)
static const char *skip_plain_run(const char *p, const char *end)
{
	const __m128i quote = _mm_set1_epi8('"');
	const __m128i backslash = _mm_set1_epi8('\\');
	const __m128i last_control = _mm_set1_epi8(0x1f);
	while (end - p >= 16) {
		__m128i bytes = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, last_control), bytes);
		__m128i hits = _mm_or_si128(
		    control, _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
		/* movemask of the bytes themselves: their top bits, set from 0x80 up */
		unsigned mask = (unsigned)(_mm_movemask_epi8(hits) | _mm_movemask_epi8(bytes));
		if (mask != 0) {
			return p + __builtin_ctz(mask);
		}
		p += 16;
	}
	while (p < end && !ends_plain_run[(unsigned char)*p]) {
		p++;
	}
	return p;
}
#else
static const char *skip_plain_run(const char *p, const char *end)
{
	while (p < end && !ends_plain_run[(unsigned char)*p]) {
		p++;
	}
	return p;
}
#endif

/* One UTF-8 sequence per RFC 3629 at *pp (a byte from 0x80 up), which is moved past it: no overlong
 * form, no surrogate, nothing above U+10FFFF. TOKEN_CUT_OFF when the text ends inside a sequence that
 * was valid so far. json-c could check this too (JSON_TOKENER_VALIDATE_UTF8), but byte by byte on
 * every byte of the text, which cost about 6% of an order call; here ASCII runs pass 16 at a time. */
static token_check utf8_sequence(const char **pp, const char *end)
{
	const unsigned char *p = (const unsigned char *)*pp;
	unsigned char lead = p[0];
	size_t more = lead >= 0xc2 && lead <= 0xdf   ? 1
	              : lead >= 0xe0 && lead <= 0xef ? 2
	              : lead >= 0xf0 && lead <= 0xf4 ? 3
	                                             : 0;
	if (more == 0) {
		return TOKEN_INVALID; /* a continuation byte, an overlong lead (C0, C1) or beyond U+10FFFF */
	}
	/* The second byte's range narrows after E0, ED, F0 and F4; every other continuation is 80..BF. */
	unsigned char low = lead == 0xe0 ? 0xa0 : lead == 0xf0 ? 0x90 : 0x80;
	unsigned char high = lead == 0xed ? 0x9f : lead == 0xf4 ? 0x8f : 0xbf;
	for (size_t i = 1; i <= more; i++) {
		if ((const char *)p + i >= end) {
			return TOKEN_CUT_OFF;
		}
		if (p[i] < low || p[i] > high) {
			return TOKEN_INVALID;
		}
		low = 0x80;
		high = 0xbf;
	}
	*pp = (const char *)p + more + 1;
	return TOKEN_OK;
}

/* The string whose opening quote is at *pp: moved past its closing quote, or to the end of the text
 * when the string is cut off there (json-c then reports the text as truncated). Escapes are json-c's
 * to check; a raw control character or invalid UTF-8 is refused here. */
static token_check string_token(const char **pp, const char *end)
{
	const char *p = *pp + 1;
	for (;;) {
		p = skip_plain_run(p, end);
		if (p == end) {
			break;
		}
		unsigned char c = (unsigned char)*p;
		if (c == '\\') {
			p += end - p >= 2 ? 2 : 1;
		} else if (c >= 0x80) {
			token_check utf8 = utf8_sequence(&p, end);
			if (utf8 == TOKEN_INVALID) {
				return TOKEN_INVALID;
			}
			if (utf8 == TOKEN_CUT_OFF) {
				p = end;
				break;
			}
		} else if (c == '"') {
			p++;
			break;
		} else {
			return TOKEN_INVALID; /* a raw control character inside a string */
		}
	}
	*pp = p;
	return TOKEN_OK;
}

/* The lexical check: OK, INVALID, or TRUNCATED when the text ends inside a number or literal (a
 * text cut off inside a string is left to json-c, which reports it as truncated). */
static msp_json_result lexical_check(const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	unsigned depth = 0;
	bool after_comma = false; /* the last character outside whitespace was a ',' */
	while (p < end) {
		token_check token;
		switch (*p) {
			case ' ':
			case '\n':
			case '\r':
			case '\t':
				p++;
				continue;
			case ',':
				after_comma = true;
				p++;
				continue;
			case ':':
				after_comma = false;
				p++;
				continue;
			case '{':
			case '[':
				if (++depth > MSP_JSON_MAX_DEPTH) {
					return MSP_JSON_TOO_DEEP;
				}
				after_comma = false;
				p++;
				continue;
			case '}':
			case ']':
				if (after_comma) {
					return MSP_JSON_INVALID; /* a trailing comma: json-c takes it outside strict mode */
				}
				depth -= depth > 0 ? 1 : 0;
				p++;
				continue;
			case '"':
				after_comma = false;
				if (string_token(&p, end) != TOKEN_OK) {
					return MSP_JSON_INVALID;
				}
				continue;
			case '-':
			case '0':
			case '1':
			case '2':
			case '3':
			case '4':
			case '5':
			case '6':
			case '7':
			case '8':
			case '9':
				token = number_token(&p, end);
				break;
			default:
				if (*p < 'a' || *p > 'z') {
					return MSP_JSON_INVALID; /* single quotes, NaN, Infinity, comments, NUL, anything else */
				}
				token = literal_token(&p, end);
				break;
		}
		after_comma = false;
		if (token != TOKEN_OK) {
			return token == TOKEN_CUT_OFF ? MSP_JSON_TRUNCATED : MSP_JSON_INVALID;
		}
		if (p < end && !ends_scalar(*p)) {
			return MSP_JSON_INVALID; /* "01", "1x", "truex": json-c would wait for more */
		}
	}
	return MSP_JSON_OK;
}

/* ---- json-c's tree as msp_json values ---------------------------------------------------------- */

typedef struct {
	msp_json_doc *doc;
	bool failed;
} converter;

static msp_json *new_value(converter *cv, msp_json_type type)
{
	msp_json *v = arena_alloc(cv->doc, sizeof(*v));
	if (v == NULL) {
		cv->failed = true;
		return NULL;
	}
	*v = (msp_json){.type = type};
	return v;
}

/* n in decimal at the end of buf[24]: returns where the digits start. snprintf's machinery costs
 * ten times as much, for every number of every answer. */
static char *decimal(uint64_t n, bool negative, char buf[24])
{
	char *p = buf + 24;
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n != 0);
	if (negative) {
		*--p = '-';
	}
	return p;
}

static void convert_number(converter *cv, struct json_object *o, msp_json *v)
{
	char digits[24];
	if (json_object_is_type(o, json_type_int)) {
		int64_t n = json_object_get_int64(o);
		/* json-c keeps integers above INT64_MAX as uint64 */
		uint64_t u = n == INT64_MAX ? json_object_get_uint64(o) : 0;
		v->is_int = u <= (uint64_t)INT64_MAX;
		v->integer = v->is_int ? n : 0;
		const char *start = !v->is_int ? decimal(u, false, digits)
		                    : n < 0    ? decimal((uint64_t)0 - (uint64_t)n, true, digits)
		                               : decimal((uint64_t)n, false, digits);
		v->len = (size_t)(digits + sizeof(digits) - start);
		v->text = msp_json_doc_strndup(cv->doc, start, v->len);
	} else {
		/* json-c keeps a double's text as written (json_object_new_double_s) */
		const char *written = json_object_get_userdata(o);
		if (written == NULL) {
			snprintf(digits, sizeof(digits), "%.17g", json_object_get_double(o));
			written = msp_json_doc_strndup(cv->doc, digits, strlen(digits));
		}
		v->text = written;
		v->len = written != NULL ? strlen(written) : 0;
	}
	cv->failed = cv->failed || v->text == NULL;
}

static msp_json *convert(converter *cv, struct json_object *o)
{
	msp_json *v;
	switch (json_object_get_type(o)) {
		case json_type_null:
			return new_value(cv, MSP_JSON_NULL);
		case json_type_boolean:
			if ((v = new_value(cv, MSP_JSON_BOOL)) != NULL) {
				v->boolean = json_object_get_boolean(o);
			}
			return v;
		case json_type_int:
		case json_type_double:
			if ((v = new_value(cv, MSP_JSON_NUMBER)) != NULL) {
				convert_number(cv, o, v);
			}
			return v;
		case json_type_string:
			if ((v = new_value(cv, MSP_JSON_STRING)) != NULL) {
				v->text = json_object_get_string(o);
				v->len = (size_t)json_object_get_string_len(o);
			}
			return v;
		case json_type_array:
			if ((v = new_value(cv, MSP_JSON_ARRAY)) != NULL) {
				size_t n = json_object_array_length(o);
				msp_json **link = &v->first;
				for (size_t i = 0; i < n && !cv->failed; i++) {
					msp_json *element = convert(cv, json_object_array_get_idx(o, i));
					if (element != NULL) {
						*link = element;
						link = &element->next;
						v->len++;
					}
				}
			}
			return v;
		case json_type_object:
			if ((v = new_value(cv, MSP_JSON_OBJECT)) != NULL) {
				msp_json **link = &v->first;
				json_object_object_foreach(o, key, value)
				{
					msp_json *member = cv->failed ? NULL : convert(cv, value);
					if (member != NULL) {
						member->key = key;
						member->key_len = strlen(key);
						*link = member;
						link = &member->next;
						v->len++;
					}
				}
			}
			return v;
	}
	cv->failed = true;
	return NULL;
}

static bool only_blanks(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t') {
			return false;
		}
	}
	return true;
}

static msp_json_result parse_error(struct json_tokener *tok, size_t len)
{
	if (json_tokener_get_error(tok) == json_tokener_error_depth) {
		return MSP_JSON_TOO_DEEP;
	}
	/* Where json-c stopped decides: at the end of the text it ran out, elsewhere it is not JSON. */
	return json_tokener_get_parse_end(tok) >= len ? MSP_JSON_TRUNCATED : MSP_JSON_INVALID;
}

/* json-c's strict mode. json-c 0.18 (Debian 13, Fedora 42) refuses every character beyond ASCII in
 * a string in strict mode (json-c issue 892): there, no flag at all, since lexical_check() enforces
 * everything strict mode adds (quotes, control characters, trailing commas, NaN, "1.") and validates
 * the UTF-8 itself. Asked of the library itself once, not of its version number. */
static int tokener_flags(void)
{
	static int flags = -1; /* -1: not asked yet; the same answer whichever thread asks first */
	if (flags < 0) {
		static const char probe[] = "[\"\xc3\xa9\"]";
		struct json_tokener *tok = json_tokener_new_ex(4);
		if (tok == NULL) {
			return JSON_TOKENER_STRICT; /* asked again next time */
		}
		json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
		struct json_object *o = json_tokener_parse_ex(tok, probe, (int)sizeof(probe) - 1);
		flags = o != NULL ? JSON_TOKENER_STRICT : 0;
		json_object_put(o);
		json_tokener_free(tok);
	}
	return flags;
}

static struct json_tokener *tokener_for_this_thread(void)
{
	if (thread_tokener == NULL) {
		/* The lexical pass holds containers to MSP_JSON_MAX_DEPTH; json-c counts scalars as a level
		 * too. UTF-8 is validated by the lexical pass (utf8_sequence()), 16 bytes at a time, rather
		 * than by json-c (JSON_TOKENER_VALIDATE_UTF8), byte by byte. */
		thread_tokener = json_tokener_new_ex(MSP_JSON_MAX_DEPTH + 1);
		if (thread_tokener != NULL) {
			json_tokener_set_flags(thread_tokener, tokener_flags());
		}
	}
	return thread_tokener;
}

/* json-c's parse of the whole text; a top-level number or literal needs the end of input said. */
static msp_json_result parse_tree(const char *text, size_t len, struct json_object **tree)
{
	struct json_tokener *tok = tokener_for_this_thread();
	if (tok == NULL) {
		return MSP_JSON_NOMEM;
	}
	*tree = json_tokener_parse_ex(tok, text, (int)len);
	size_t parsed_len = len;
	if (json_tokener_get_error(tok) == json_tokener_continue) {
		*tree = json_tokener_parse_ex(tok, "", 1);
		parsed_len = 0; /* a failure now is the text ending too soon */
	}
	msp_json_result result = MSP_JSON_OK;
	if (json_tokener_get_error(tok) != json_tokener_success) { /* a JSON null is a NULL tree */
		result = parsed_len == 0 ? MSP_JSON_TRUNCATED : parse_error(tok, len);
	} else if (parsed_len == len &&
	           !only_blanks(text + json_tokener_get_parse_end(tok), len - json_tokener_get_parse_end(tok))) {
		result = MSP_JSON_INVALID; /* more than whitespace after the value */
	}
	json_tokener_reset(tok); /* drops a half-built tree a failed parse left behind */
	if (result != MSP_JSON_OK) {
		json_object_put(*tree);
		*tree = NULL;
	}
	return result;
}

msp_json_result msp_json_parse(const char *text, size_t len, msp_json_doc **out)
{
	*out = NULL;
	if (text == NULL || only_blanks(text, len)) {
		return MSP_JSON_EMPTY;
	}
	if (len > INT32_MAX) {
		return MSP_JSON_INVALID; /* json-c takes an int length; answers are capped far below */
	}
	msp_json_result lexical = lexical_check(text, len);
	if (lexical == MSP_JSON_INVALID || lexical == MSP_JSON_TOO_DEEP) {
		return lexical;
	}
	struct json_object *tree = NULL;
	msp_json_result result = parse_tree(text, len, &tree);
	if (lexical == MSP_JSON_TRUNCATED && result != MSP_JSON_INVALID && result != MSP_JSON_TOO_DEEP) {
		json_object_put(tree); /* json-c takes "1." at the end of the text: RFC 8259 does not */
		return MSP_JSON_TRUNCATED;
	}
	if (result != MSP_JSON_OK) {
		return result;
	}
	msp_json_doc *doc = doc_new(len);
	if (doc == NULL) {
		json_object_put(tree);
		return MSP_JSON_NOMEM;
	}
	doc->tree = tree;
	converter cv = {.doc = doc, .failed = false};
	doc->root = convert(&cv, tree);
	if (cv.failed || doc->root == NULL) {
		msp_json_doc_release(doc);
		return MSP_JSON_NOMEM;
	}
	*out = doc;
	return MSP_JSON_OK;
}

const char *msp_json_c_version(void)
{
	return json_c_version();
}

/* ---- Reading values ---------------------------------------------------------------------------- */

const msp_json *msp_json_get(const msp_json *obj, const char *key)
{
	if (obj == NULL || obj->type != MSP_JSON_OBJECT) {
		return NULL;
	}
	size_t key_len = strlen(key);
	const msp_json *found = NULL;
	for (const msp_json *m = obj->first; m != NULL; m = m->next) {
		/* length and first byte rule out nearly every other member without a call */
		if (m->key_len == key_len && (key_len == 0 || m->key[0] == key[0]) &&
		    memcmp(m->key, key, key_len) == 0) {
			found = m;
		}
	}
	return found;
}

/* A number's value as significant digits (no leading zeros) times a power of ten. */
typedef struct {
	bool negative;
	char digits[19]; /* more significant digits cannot be an integer that fits int64_t */
	size_t count;
	long long exponent;
} number_parts;

/* Exponents saturate here: far beyond any text length (which bounds the digits an exponent can
 * cancel), so a saturated exponent still gives the right answer, and sums of it cannot overflow. */
#define EXPONENT_LIMIT 1000000000000000LL

static long long exponent_of(const char *s)
{
	if (*s != 'e' && *s != 'E') {
		return 0;
	}
	s++;
	bool minus = *s == '-';
	s += (*s == '+' || *s == '-') ? 1 : 0;
	long long e = 0;
	for (; is_digit(*s); s++) {
		e = e < EXPONENT_LIMIT ? e * 10 + (*s - '0') : e;
	}
	return minus ? -e : e;
}

/* false when the number has more than 19 significant digits: a value of 10^19 or more, or one with
 * a fractional part, an integer in int64_t either way not. */
static bool split_number(const char *s, number_parts *n)
{
	memset(n, 0, sizeof(*n));
	n->negative = *s == '-';
	s += n->negative ? 1 : 0;
	long long fraction_digits = 0;
	long long dropped_zeros = 0;
	bool in_fraction = false;
	for (;; s++) {
		if (*s == '.') {
			in_fraction = true;
			continue;
		}
		if (!is_digit(*s)) {
			break;
		}
		fraction_digits += in_fraction ? 1 : 0;
		if (n->count == 0 && *s == '0') {
			continue;
		}
		if (n->count < sizeof(n->digits)) {
			n->digits[n->count++] = *s;
		} else if (*s == '0') {
			dropped_zeros++;
		} else {
			return false;
		}
	}
	n->exponent = exponent_of(s) - fraction_digits + dropped_zeros;
	return true;
}

bool msp_json_number_to_int64(const msp_json *value, int64_t *out)
{
	if (value == NULL || value->type != MSP_JSON_NUMBER) {
		return false;
	}
	if (value->is_int) {
		*out = value->integer;
		return true;
	}
	number_parts n;
	if (!split_number(value->text, &n)) {
		return false;
	}
	while (n.count > 0 && n.digits[n.count - 1] == '0') {
		n.count--; /* trailing zeros move into the exponent */
		n.exponent++;
	}
	if (n.count == 0) {
		*out = 0;
		return true;
	}
	if (n.exponent < 0 || (long long)n.count + n.exponent > 19) {
		return false;
	}
	char digits[19];
	memcpy(digits, n.digits, n.count);
	memset(digits + n.count, '0', (size_t)n.exponent);
	return digits_to_int64(digits, n.count + (size_t)n.exponent, n.negative, out);
}
