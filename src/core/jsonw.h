/* A compact JSON writer into a secure buffer, for request bodies: the bytes of a PAN or CVC go from
 * the card's secure buffer into the body's secure buffer and nowhere else (no json-c, no snprintf
 * into stack memory, no growing heap buffer that leaves stale copies). */
#ifndef MSP_CORE_JSONW_H
#define MSP_CORE_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "secmem.h"

#define MSP_JSONW_MAX_DEPTH 8

typedef struct {
	msp_secbuf *buf;
	int depth;
	bool first[MSP_JSONW_MAX_DEPTH]; /* no member written yet at this depth */
	bool failed;                     /* out of memory or misuse: the body must be discarded */
} msp_jsonw;

/* Starts a writer on a new secure buffer; false when out of memory. */
bool msp_jsonw_init(msp_jsonw *w, size_t capacity);
/* Hands over the buffer (NULL when the writer failed, in which case it is freed). */
msp_secbuf *msp_jsonw_finish(msp_jsonw *w);
void msp_jsonw_discard(msp_jsonw *w);

/* Keys are msp's own member names, written as they are (never pass input as a key). */
void msp_jsonw_begin_object(msp_jsonw *w, const char *key); /* key NULL: a value in an array or the root */
void msp_jsonw_end_object(msp_jsonw *w);
void msp_jsonw_begin_array(msp_jsonw *w, const char *key);
void msp_jsonw_end_array(msp_jsonw *w);
void msp_jsonw_string(msp_jsonw *w, const char *key, const char *value, size_t len);
void msp_jsonw_cstring(msp_jsonw *w, const char *key, const char *value);
void msp_jsonw_int(msp_jsonw *w, const char *key, int64_t value);
void msp_jsonw_bool(msp_jsonw *w, const char *key, bool value);
/* A decimal written as a JSON number from its text ("12.50"), for shopping-cart prices. */
void msp_jsonw_raw_number(msp_jsonw *w, const char *key, const char *digits);

/* Escapes value as a JSON string body (no quotes) into buf: ", \, control characters as \uXXXX;
 * valid UTF-8 is kept as is. */
bool msp_json_escape_into(msp_secbuf *buf, const char *value, size_t len);

#endif
