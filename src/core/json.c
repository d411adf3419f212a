#include "json.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ---- The document arena ------------------------------------------------------------------------
 * The document header, one copy of the text, in which strings are decoded in place (an unescaped
 * string is never longer than its escaped form, and its closing quote becomes its NUL), and the
 * values, all in one block; further blocks are chained when the values outgrow it. */

typedef struct arena_chunk {
	struct arena_chunk *next;
	size_t used;
	size_t size;
	alignas(max_align_t) unsigned char bytes[];
} arena_chunk;

struct msp_json_doc {
	unsigned refs;
	msp_json *root;
	char *text;          /* the copy the strings live in */
	arena_chunk *chunks; /* the newest first; the last one holds this header */
	arena_chunk *home;   /* the block this header lives in */
};

/* Zeroed bytes after the text's NUL, so that a scan may read a whole 16-byte block from any position
 * up to that NUL. */
#define SCAN_SLACK 15u

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

void msp_json_thread_cleanup(void)
{
	free(spare_chunk);
	spare_chunk = NULL;
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

/* Most answers are a few dozen values of 15 to 30 bytes: room for the header, the text and that many
 * values. Large texts get room for values up to a cap and grow by doubling, so a big body of long
 * strings does not reserve several times its size up front. */
static size_t first_chunk_bytes(size_t text_len)
{
	size_t values = (text_len / 12 + 8) * aligned(sizeof(msp_json));
	if (values > MAX_FIRST_CHUNK_BYTES) {
		values = MAX_FIRST_CHUNK_BYTES;
	}
	size_t bytes = aligned(sizeof(msp_json_doc)) + aligned(text_len + 1 + SCAN_SLACK) + values;
	return bytes < MIN_CHUNK_BYTES ? MIN_CHUNK_BYTES : bytes;
}

static msp_json_doc *doc_new(const char *text, size_t len)
{
	if (len > SIZE_MAX / 2 - MAX_FIRST_CHUNK_BYTES) {
		return NULL;
	}
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
	doc->text = arena_alloc(doc, len + 1 + SCAN_SLACK); /* fits: first_chunk_bytes counted it */
	memcpy(doc->text, text, len);
	memset(doc->text + len, 0, 1 + SCAN_SLACK); /* the NUL that ends every scan, and defined slack */
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

/* ---- The parser -------------------------------------------------------------------------------- */

typedef struct {
	msp_json_doc *doc;
	char *p;   /* the next byte to read, in doc->text */
	char *end; /* one past the last byte */
	msp_json_result error;
} parser;

static bool fail(parser *ps, msp_json_result why)
{
	if (ps->error == MSP_JSON_OK) {
		ps->error = why;
	}
	return false;
}

/* Where the text ends decides between the two failures: running out is truncation, anything else
 * is not JSON. */
static bool fail_here(parser *ps)
{
	return fail(ps, ps->p >= ps->end ? MSP_JSON_TRUNCATED : MSP_JSON_INVALID);
}

static void skip_blanks(parser *ps)
{
	const char *p = ps->p; /* the NUL after the text ends the loop */
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') {
		p++;
	}
	ps->p = (char *)p;
}

static msp_json *new_value(parser *ps, msp_json_type type)
{
	msp_json *v = arena_alloc(ps->doc, sizeof(*v));
	if (v == NULL) {
		fail(ps, MSP_JSON_NOMEM);
		return NULL;
	}
	memset(v, 0, sizeof(*v));
	v->type = type;
	return v;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Four hex digits after "\u"; -1 when they are not (ps->error tells which failure). */
static long read_hex4(parser *ps)
{
	long code = 0;
	for (int i = 0; i < 4; i++) {
		if (ps->p >= ps->end) {
			fail_here(ps);
			return -1;
		}
		int h = msp_hex_digit_value((unsigned char)*ps->p);
		if (h < 0) {
			fail_here(ps);
			return -1;
		}
		code = code * 16 + h;
		ps->p++;
	}
	return code;
}

static char *put_utf8(char *w, unsigned long code)
{
	if (code < 0x80) {
		*w++ = (char)code;
	} else if (code < 0x800) {
		*w++ = (char)(0xc0 | (code >> 6));
		*w++ = (char)(0x80 | (code & 0x3f));
	} else if (code < 0x10000) {
		*w++ = (char)(0xe0 | (code >> 12));
		*w++ = (char)(0x80 | ((code >> 6) & 0x3f));
		*w++ = (char)(0x80 | (code & 0x3f));
	} else {
		*w++ = (char)(0xf0 | (code >> 18));
		*w++ = (char)(0x80 | ((code >> 12) & 0x3f));
		*w++ = (char)(0x80 | ((code >> 6) & 0x3f));
		*w++ = (char)(0x80 | (code & 0x3f));
	}
	return w;
}

#define REPLACEMENT_CHARACTER 0xfffdul

/* "\uXXXX" (the backslash and u already read), a surrogate pair joined into one code point. The
 * UTF-8 form (at most 4 bytes) is never longer than the 6 or 12 escaped bytes it replaces. */
static bool decode_unicode_escape(parser *ps, char **w)
{
	long code = read_hex4(ps);
	if (code < 0) {
		return false;
	}
	if (code >= 0xd800 && code <= 0xdbff && ps->end - ps->p >= 2 && ps->p[0] == '\\' && ps->p[1] == 'u') {
		char *after_high = ps->p;
		ps->p += 2;
		long low = read_hex4(ps);
		if (low < 0) {
			return false;
		}
		if (low >= 0xdc00 && low <= 0xdfff) {
			*w = put_utf8(
			    *w, 0x10000ul + (((unsigned long)code - 0xd800) << 10) + ((unsigned long)low - 0xdc00));
			return true;
		}
		ps->p = after_high; /* a lone high surrogate; the next escape is decoded on its own */
	}
	bool surrogate = code >= 0xd800 && code <= 0xdfff;
	*w = put_utf8(*w, surrogate ? REPLACEMENT_CHARACTER : (unsigned long)code);
	return true;
}

static bool decode_escape(parser *ps, char **w)
{
	if (ps->p >= ps->end) {
		return fail_here(ps);
	}
	char c = *ps->p++;
	switch (c) {
		case '"':
		case '\\':
		case '/':
			*(*w)++ = c;
			return true;
		case 'b':
			*(*w)++ = '\b';
			return true;
		case 'f':
			*(*w)++ = '\f';
			return true;
		case 'n':
			*(*w)++ = '\n';
			return true;
		case 'r':
			*(*w)++ = '\r';
			return true;
		case 't':
			*(*w)++ = '\t';
			return true;
		case 'u':
			return decode_unicode_escape(ps, w);
		default:
			ps->p--;
			return fail(ps, MSP_JSON_INVALID);
	}
}

#if defined(__SSE2__)
/* The first byte from p that ends a plain run, 16 bytes at a time. It stops at the latest at the
 * NUL doc_new() put after the text, and reads at most SCAN_SLACK bytes past it. */
static const char *end_of_plain_run(const char *p)
{
	const __m128i quote = _mm_set1_epi8('"');
	const __m128i backslash = _mm_set1_epi8('\\');
	const __m128i flip = _mm_set1_epi8((char)0x80); /* unsigned < 0x20 as a signed compare */
	const __m128i below_space = _mm_set1_epi8((char)(0x20 ^ 0x80));
	for (;;) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
		    _mm_cmplt_epi8(_mm_xor_si128(v, flip), below_space));
		int mask = _mm_movemask_epi8(stop);
		if (mask != 0) {
			return p + __builtin_ctz((unsigned)mask);
		}
		p += 16;
	}
}
#else
/* Bytes that end a run of plain string bytes: the quote, the backslash and control characters
 * (NUL among them, which also marks the end of the text). */
/* clang-format off */
static const bool ends_plain_run[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
    [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1,
    [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
    ['"'] = 1, ['\\'] = 1,
};
/* clang-format on */

static const char *end_of_plain_run(const char *p)
{
	while (!ends_plain_run[(unsigned char)*p]) {
		p++; /* stops at the latest at the NUL that doc_new() put after the text */
	}
	return p;
}
#endif

/* A string from just after its opening quote, decoded in place; *out points at it, NUL-terminated
 * where the closing quote was (or earlier). */
static bool read_string(parser *ps, const char **out, size_t *out_len)
{
	char *start = ps->p;
	char *w = ps->p;
	for (;;) {
		/* the common case: a run of plain bytes, moved only once an escape has shifted the text */
		const char *run = ps->p;
		const char *scan = end_of_plain_run(run);
		ps->p = (char *)scan;
		if (w != run) {
			memmove(w, run, (size_t)(scan - run));
		}
		w += scan - run;
		if (ps->p >= ps->end) {
			return fail_here(ps);
		}
		char c = *ps->p++;
		if (c == '"') {
			*w = '\0';
			*out = start;
			*out_len = (size_t)(w - start);
			return true;
		}
		if (c != '\\') {
			ps->p--;
			return fail(ps, MSP_JSON_INVALID); /* a control character */
		}
		if (!decode_escape(ps, &w)) {
			return false;
		}
	}
}

static bool read_digits(parser *ps)
{
	if (ps->p >= ps->end) {
		return fail_here(ps);
	}
	if (!is_digit(*ps->p)) {
		return fail(ps, MSP_JSON_INVALID);
	}
	while (ps->p < ps->end && is_digit(*ps->p)) {
		ps->p++;
	}
	return true;
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

static msp_json *read_number(parser *ps)
{
	char *start = ps->p;
	bool negative = *ps->p == '-';
	if (negative) {
		ps->p++;
	}
	char *int_start = ps->p;
	if (ps->p < ps->end && *ps->p == '0') {
		ps->p++;
	} else if (!read_digits(ps)) {
		return NULL;
	}
	size_t int_len = (size_t)(ps->p - int_start);
	bool plain = true;
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		plain = false;
		if (!read_digits(ps)) {
			return NULL;
		}
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		plain = false;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-')) {
			ps->p++;
		}
		if (!read_digits(ps)) {
			return NULL;
		}
	}
	msp_json *v = new_value(ps, MSP_JSON_NUMBER);
	if (v == NULL) {
		return NULL;
	}
	v->len = (size_t)(ps->p - start);
	v->text = msp_json_doc_strndup(ps->doc, start, v->len);
	if (v->text == NULL) {
		fail(ps, MSP_JSON_NOMEM);
		return NULL;
	}
	v->is_int = plain && digits_to_int64(int_start, int_len, negative, &v->integer);
	return v;
}

/* true, false or null, whose first letter has been seen but not consumed. */
static msp_json *read_literal(parser *ps, const char *word, msp_json_type type, bool boolean)
{
	for (const char *c = word; *c != '\0'; c++, ps->p++) {
		if (ps->p >= ps->end || *ps->p != *c) {
			fail_here(ps);
			return NULL;
		}
	}
	msp_json *v = new_value(ps, type);
	if (v != NULL) {
		v->boolean = boolean;
	}
	return v;
}

static msp_json *read_value(parser *ps, unsigned depth);

/* After a member or an element: ',' (more follows) or the closing byte. */
static bool read_separator(parser *ps, char close, bool *more)
{
	skip_blanks(ps);
	if (ps->p >= ps->end) {
		return fail_here(ps);
	}
	if (*ps->p == ',') {
		ps->p++;
		*more = true;
		return true;
	}
	if (*ps->p == close) {
		ps->p++;
		*more = false;
		return true;
	}
	return fail(ps, MSP_JSON_INVALID);
}

static bool read_member_key(parser *ps, const char **key, size_t *key_len)
{
	skip_blanks(ps);
	if (ps->p >= ps->end) {
		return fail_here(ps);
	}
	if (*ps->p != '"') {
		return fail(ps, MSP_JSON_INVALID);
	}
	ps->p++;
	if (!read_string(ps, key, key_len)) {
		return false;
	}
	skip_blanks(ps);
	if (ps->p >= ps->end) {
		return fail_here(ps);
	}
	if (*ps->p != ':') {
		return fail(ps, MSP_JSON_INVALID);
	}
	ps->p++;
	return true;
}

/* An array or an object, the opening byte consumed. */
static msp_json *read_container(parser *ps, msp_json_type type, unsigned depth)
{
	if (depth >= MSP_JSON_MAX_DEPTH) {
		fail(ps, MSP_JSON_TOO_DEEP);
		return NULL;
	}
	msp_json *container = new_value(ps, type);
	if (container == NULL) {
		return NULL;
	}
	char close = type == MSP_JSON_OBJECT ? '}' : ']';
	skip_blanks(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return container;
	}
	msp_json **link = &container->first;
	for (bool more = true; more;) {
		const char *key = NULL;
		size_t key_len = 0;
		if (type == MSP_JSON_OBJECT && !read_member_key(ps, &key, &key_len)) {
			return NULL;
		}
		msp_json *child = read_value(ps, depth + 1);
		if (child == NULL || !read_separator(ps, close, &more)) {
			return NULL;
		}
		child->key = key;
		child->key_len = key_len;
		*link = child;
		link = &child->next;
		container->len++;
	}
	return container;
}

/* depth: how many containers enclose the value. */
static msp_json *read_value(parser *ps, unsigned depth)
{
	skip_blanks(ps);
	if (ps->p >= ps->end) {
		fail_here(ps);
		return NULL;
	}
	char c = *ps->p;
	switch (c) {
		case '{':
			ps->p++;
			return read_container(ps, MSP_JSON_OBJECT, depth);
		case '[':
			ps->p++;
			return read_container(ps, MSP_JSON_ARRAY, depth);
		case '"': {
			ps->p++;
			msp_json *v = new_value(ps, MSP_JSON_STRING);
			if (v == NULL || !read_string(ps, &v->text, &v->len)) {
				return NULL;
			}
			return v;
		}
		case 't':
			return read_literal(ps, "true", MSP_JSON_BOOL, true);
		case 'f':
			return read_literal(ps, "false", MSP_JSON_BOOL, false);
		case 'n':
			return read_literal(ps, "null", MSP_JSON_NULL, false);
		default:
			if (c == '-' || is_digit(c)) {
				return read_number(ps);
			}
			fail(ps, MSP_JSON_INVALID);
			return NULL;
	}
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

msp_json_result msp_json_parse(const char *text, size_t len, msp_json_doc **out)
{
	*out = NULL;
	if (text == NULL || only_blanks(text, len)) {
		return MSP_JSON_EMPTY;
	}
	msp_json_doc *doc = doc_new(text, len);
	if (doc == NULL) {
		return MSP_JSON_NOMEM;
	}
	parser ps = {.doc = doc, .p = doc->text, .end = doc->text + len, .error = MSP_JSON_OK};
	doc->root = read_value(&ps, 0);
	if (doc->root != NULL) {
		skip_blanks(&ps);
		if (ps.p != ps.end) {
			fail(&ps, MSP_JSON_INVALID);
		}
	}
	if (ps.error != MSP_JSON_OK) {
		msp_json_doc_release(doc);
		return ps.error;
	}
	*out = doc;
	return MSP_JSON_OK;
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
