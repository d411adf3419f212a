/* JSON reading for MultiSafepay's answers and notification bodies, with json-c.
 *
 * json-c parses (strict mode, UTF-8 validated, nesting depth capped); before it does, one lexical pass
 * refuses what json-c's strict mode still lets through (single-quoted strings, raw control characters
 * in strings, NaN/Infinity, "1.", integers beyond 64 bits, which json-c would saturate), so that what
 * msp accepts is RFC 8259 and every number is the number that was sent. The result is offered as a
 * compact tree of msp_json values in document order whose texts point into json-c's own strings, for
 * the tolerant field mapping of response.c. Duplicate keys: the last value wins, at the place of the
 * first (json-c's object semantics). Writing JSON is jsonw.h's job, never json-c's: its writer
 * allocates with malloc, which would put a card number outside wiped memory. */
#ifndef MSP_CORE_JSON_H
#define MSP_CORE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* At most this many arrays and objects nested in one another (the outermost counts). */
#define MSP_JSON_MAX_DEPTH 32

typedef enum {
	MSP_JSON_NULL,
	MSP_JSON_BOOL,
	MSP_JSON_NUMBER,
	MSP_JSON_STRING,
	MSP_JSON_ARRAY,
	MSP_JSON_OBJECT,
} msp_json_type;

typedef struct msp_json msp_json;
struct msp_json {
	msp_json_type type;
	bool boolean; /* BOOL */
	/* NUMBER written without fraction or exponent whose value fits int64_t: integer holds it. */
	bool is_int;
	int64_t integer;
	/* STRING: the decoded bytes; NUMBER: the number as written (integers in decimal). NUL-terminated
	 * in both cases (a string may also hold NULs from \u0000: use len). NULL for the other types. */
	const char *text;
	/* STRING, NUMBER: bytes of text. ARRAY, OBJECT: how many elements or members. */
	size_t len;
	/* Set when this value is a member of an object: the decoded key, NUL-terminated. */
	const char *key;
	size_t key_len;
	msp_json *first; /* ARRAY, OBJECT: the first element or member, in document order */
	msp_json *next;  /* the next element or member of the parent */
};

typedef struct msp_json_doc msp_json_doc;

typedef enum {
	MSP_JSON_OK,
	MSP_JSON_EMPTY,     /* nothing but whitespace, or no text at all */
	MSP_JSON_TRUNCATED, /* valid so far, but the text ends inside a value */
	MSP_JSON_INVALID,   /* not JSON, or more than whitespace after the value */
	MSP_JSON_TOO_DEEP,  /* nested deeper than MSP_JSON_MAX_DEPTH */
	MSP_JSON_NOMEM,
} msp_json_result;

/* Parses exactly one JSON value from text[0..len) (text need not be NUL-terminated; NUL bytes are
 * invalid outside strings). On MSP_JSON_OK *out is a new document with one reference; otherwise
 * *out is NULL. */
msp_json_result msp_json_parse(const char *text, size_t len, msp_json_doc **out);

const msp_json *msp_json_root(const msp_json_doc *doc);

/* Documents are reference counted (not thread-safe: a document belongs to one thread). Retain
 * returns doc; release frees the document with its last reference. Both accept NULL. */
msp_json_doc *msp_json_doc_retain(msp_json_doc *doc);
void msp_json_doc_release(msp_json_doc *doc);

/* Frees the block the calling thread keeps for its next document (see json.c). For a thread or
 * process that ends: the module calls it at shutdown. */
void msp_json_thread_cleanup(void);

/* The version of the json-c library in use, for phpinfo(). */
const char *msp_json_c_version(void);

/* A NUL-terminated copy of s[0..len) in the document's arena, freed with the document: for texts
 * derived from values (a number rewritten in decimal) that must live as long as the values. NULL
 * when out of memory. */
const char *msp_json_doc_strndup(msp_json_doc *doc, const char *s, size_t len);

/* size zeroed bytes in the document's arena, aligned for any object and freed with the document: for
 * what is read out of a document and lives exactly as long (an order and its related transactions),
 * which saves a malloc and a free per answer (and the free of a block above glibc's fast bins
 * consolidated them on every call). NULL when out of memory. */
void *msp_json_doc_zalloc(msp_json_doc *doc, size_t size);

/* The last member of obj named key (compared byte for byte), or NULL when obj is NULL, not an
 * object or has no such member. */
const msp_json *msp_json_get(const msp_json *obj, const char *key);

/* The exact integer value of a NUMBER, also when written with a fraction or exponent that leaves no
 * fractional part ("1000.0", "1e3", "12.5e1"). false when value is not a NUMBER, not integral or
 * outside int64_t. */
bool msp_json_number_to_int64(const msp_json *value, int64_t *out);

#endif
