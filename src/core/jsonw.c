#include "jsonw.h"

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

bool msp_jsonw_init(msp_jsonw *w, size_t capacity)
{
	memset(w, 0, sizeof(*w));
	w->buf = msp_secbuf_new(capacity);
	w->first[0] = true;
	return w->buf != NULL;
}

msp_secbuf *msp_jsonw_finish(msp_jsonw *w)
{
	if (w->failed || w->depth != 0) {
		msp_jsonw_discard(w);
		return NULL;
	}
	msp_secbuf *buf = w->buf;
	w->buf = NULL;
	return buf;
}

void msp_jsonw_discard(msp_jsonw *w)
{
	msp_secbuf_free(w->buf);
	w->buf = NULL;
}

/* Room for n more bytes at the end of the body, or NULL once the writer has failed. Writing in place
 * keeps every byte inside the secure buffer (no temporaries), and the bytes of one call go in
 * without a function call per punctuation mark. */
static unsigned char *room(msp_jsonw *w, size_t n)
{
	if (w->failed) {
		return NULL;
	}
	if (!msp_secbuf_reserve(w->buf, n)) {
		w->failed = true;
		return NULL;
	}
	return w->buf->data + w->buf->len;
}

/* Advances the body past bytes written from room() and keeps it NUL-terminated. */
static void advance(msp_jsonw *w, unsigned char *end)
{
	w->buf->len = (size_t)(end - w->buf->data);
	*end = '\0';
}

static void append(msp_jsonw *w, const char *bytes, size_t len)
{
	unsigned char *p = room(w, len);
	if (p != NULL) {
		memcpy(p, bytes, len);
		advance(w, p + len);
	}
}

static void append_str(msp_jsonw *w, const char *s)
{
	append(w, s, strlen(s));
}

/* Bytes JSON strings cannot hold as they are: the quote, the backslash, control characters and DEL. */
/* clang-format off */
static const bool must_escape[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
    [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1,
    [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
    ['"'] = 1, ['\\'] = 1, [0x7f] = 1,
};
/* clang-format on */

/* The letter of the two-byte escape of a byte that has one ("\n"); 0 for the bytes that must be
 * written as "\u00XX". escape_to() and escaped_length() both follow this table, so the room
 * reserved always matches what is written. */
static const char short_escape[256] = {
    ['"'] = '"',
    ['\\'] = '\\',
    ['\n'] = 'n',
    ['\r'] = 'r',
    ['\t'] = 't',
};

/* The most bytes one input byte becomes: "\u001f". */
#define ESCAPED_MAX 6

/* Writes value escaped at p (which has room for escaped_length() bytes); returns the end. Runs of
 * plain bytes are copied whole, straight from the caller's (secure) buffer into the body's. */
static unsigned char *escape_to(unsigned char *p, const char *value, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)value[i];
		if (!must_escape[c]) {
			continue;
		}
		memcpy(p, value + start, i - start);
		p += i - start;
		start = i + 1;
		*p++ = '\\';
		if (short_escape[c] != 0) {
			*p++ = (unsigned char)short_escape[c];
		} else {
			*p++ = 'u';
			*p++ = '0';
			*p++ = '0';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 0xf];
		}
	}
	memcpy(p, value + start, len - start);
	return p + (len - start);
}

/* The exact length of value once escaped, so that the body grows (and is later wiped) only as far
 * as it is written. */
static size_t escaped_length(const char *value, size_t len)
{
	size_t extra = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)value[i];
		if (must_escape[c]) {
			extra += short_escape[c] != 0 ? 1 : ESCAPED_MAX - 1;
		}
	}
	return len + extra;
}

bool msp_json_escape_into(msp_secbuf *buf, const char *value, size_t len)
{
	if (len > SIZE_MAX / 4 || !msp_secbuf_reserve(buf, escaped_length(value, len))) {
		return false;
	}
	unsigned char *end = escape_to(buf->data + buf->len, value, len);
	buf->len = (size_t)(end - buf->data);
	*end = '\0';
	return true;
}

/* The comma and "key": that precede every member, with room for extra bytes of value after them;
 * returns where the value goes (NULL once the writer has failed). Keys are msp's own member names
 * (plain ASCII literals), never input, so they are written without escaping. */
static unsigned char *begin_member(msp_jsonw *w, const char *key, size_t extra)
{
	if (w->depth >= MSP_JSONW_MAX_DEPTH) {
		w->failed = true;
		return NULL;
	}
	size_t key_len = key != NULL ? strlen(key) : 0;
	unsigned char *p = room(w, key_len + 4 + extra);
	if (p == NULL) {
		return NULL;
	}
	if (!w->first[w->depth]) {
		*p++ = ',';
	}
	w->first[w->depth] = false;
	if (key != NULL) {
		*p++ = '"';
		memcpy(p, key, key_len);
		p += key_len;
		*p++ = '"';
		*p++ = ':';
	}
	return p;
}

static void member(msp_jsonw *w, const char *key)
{
	unsigned char *p = begin_member(w, key, 0);
	if (p != NULL) {
		advance(w, p);
	}
}

static void open_container(msp_jsonw *w, const char *key, const char *bracket)
{
	member(w, key);
	append_str(w, bracket);
	if (w->depth + 1 >= MSP_JSONW_MAX_DEPTH) {
		w->failed = true;
		return;
	}
	w->depth++;
	w->first[w->depth] = true;
}

static void close_container(msp_jsonw *w, const char *bracket)
{
	if (w->depth == 0) {
		w->failed = true;
		return;
	}
	w->depth--;
	append_str(w, bracket);
}

void msp_jsonw_begin_object(msp_jsonw *w, const char *key)
{
	open_container(w, key, "{");
}

void msp_jsonw_end_object(msp_jsonw *w)
{
	close_container(w, "}");
}

void msp_jsonw_begin_array(msp_jsonw *w, const char *key)
{
	open_container(w, key, "[");
}

void msp_jsonw_end_array(msp_jsonw *w)
{
	close_container(w, "]");
}

/* How many bytes from the start of value need no escaping: all of them, for nearly every value a
 * shop sends. Sixteen at a time where SSE2 is there (every x86-64). */
static size_t plain_prefix(const char *value, size_t len)
{
	size_t i = 0;
#if defined(__SSE2__)
	const __m128i quote = _mm_set1_epi8('"');
	const __m128i backslash = _mm_set1_epi8('\\');
	const __m128i del = _mm_set1_epi8(0x7f);
	const __m128i last_control = _mm_set1_epi8(0x1f);
	for (; i + 16 <= len; i += 16) {
		__m128i bytes = _mm_loadu_si128((const __m128i *)(const void *)(value + i));
		__m128i hits =
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
		        _mm_or_si128(
		            _mm_cmpeq_epi8(bytes, del), _mm_cmpeq_epi8(_mm_min_epu8(bytes, last_control), bytes)));
		unsigned mask = (unsigned)_mm_movemask_epi8(hits);
		if (mask != 0) {
			return i + (size_t)__builtin_ctz(mask);
		}
	}
#endif
	while (i < len && !must_escape[(unsigned char)value[i]]) {
		i++;
	}
	return i;
}

/* One reservation for the member and its escaped value, then one pass that writes them. */
void msp_jsonw_string(msp_jsonw *w, const char *key, const char *value, size_t len)
{
	if (len > SIZE_MAX / 4) {
		w->failed = true;
		return;
	}
	if (plain_prefix(value, len) == len) { /* nothing to escape: one copy */
		unsigned char *p = begin_member(w, key, len + 2);
		if (p != NULL) {
			*p++ = '"';
			memcpy(p, value, len);
			p[len] = '"';
			advance(w, p + len + 1);
		}
		return;
	}
	unsigned char *p = begin_member(w, key, escaped_length(value, len) + 2);
	if (p == NULL) {
		return;
	}
	*p++ = '"';
	p = escape_to(p, value, len);
	*p++ = '"';
	advance(w, p);
}

void msp_jsonw_cstring(msp_jsonw *w, const char *key, const char *value)
{
	msp_jsonw_string(w, key, value, strlen(value));
}

/* The decimal digits of value, written backwards from end; returns where they start. */
static char *decimal_of(int64_t value, char *end)
{
	uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
	char *p = end;
	do {
		*--p = (char)('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude != 0);
	if (value < 0) {
		*--p = '-';
	}
	return p;
}

void msp_jsonw_int(msp_jsonw *w, const char *key, int64_t value)
{
	char digits[24];
	char *end = digits + sizeof(digits);
	char *start = decimal_of(value, end);
	member(w, key);
	append(w, start, (size_t)(end - start));
}

void msp_jsonw_bool(msp_jsonw *w, const char *key, bool value)
{
	member(w, key);
	append_str(w, value ? "true" : "false");
}

void msp_jsonw_raw_number(msp_jsonw *w, const char *key, const char *digits)
{
	member(w, key);
	append_str(w, digits);
}
