/* Secure buffers for secrets: PAN, CVC, API key and request bodies that carry them.
 *
 * Each buffer has its own page-aligned mapping so that it can be locked in RAM (mlock, best effort:
 * RLIMIT_MEMLOCK may refuse), excluded from core dumps (MADV_DONTDUMP) and wiped with
 * msp_secure_wipe() before it is unmapped. Growing a buffer copies into a new mapping and wipes the old
 * one, so no stale copy of a secret is ever left behind (unlike realloc). */
#ifndef MSP_CORE_SECMEM_H
#define MSP_CORE_SECMEM_H

#include <stdbool.h>
#include <stddef.h>

/* Write only through the functions below (append, or reserve then write up to what was reserved):
 * they track how far the buffer has been written, and freeing wipes exactly that far. */
typedef struct {
	unsigned char *data; /* always NUL-terminated after len bytes */
	size_t len;
	size_t cap;   /* usable bytes, excluding the terminating NUL */
	size_t dirty; /* bytes from data that may have been written since the mapping was clean */
	bool locked;  /* mlock succeeded */
} msp_secbuf;

/* Allocates a buffer able to hold at least cap bytes. Returns NULL on failure. */
msp_secbuf *msp_secbuf_new(size_t cap);

/* A buffer holding a copy of the given bytes. */
msp_secbuf *msp_secbuf_from(const void *bytes, size_t len);

/* Appends bytes, growing (copy + wipe of the old mapping) when needed. Returns false on failure,
 * in which case the buffer is unchanged. */
bool msp_secbuf_append(msp_secbuf *buf, const void *bytes, size_t len);
bool msp_secbuf_append_str(msp_secbuf *buf, const char *str);
bool msp_secbuf_append_char(msp_secbuf *buf, char c);
/* Makes room for at least extra more bytes after len (growing as append does), for writers that
 * fill data + len themselves and then advance len and restore the NUL. false when out of memory,
 * in which case the buffer is unchanged. */
bool msp_secbuf_reserve(msp_secbuf *buf, size_t extra);

/* Wipes everything written and resets len to 0, keeping the mapping. */
void msp_secbuf_clear(msp_secbuf *buf);

/* Wipes everything written, then unlocks and unmaps (or keeps the clean mapping for reuse). NULL
 * is accepted. */
void msp_secbuf_free(msp_secbuf *buf);

/* Wipes n bytes at p in a way the compiler cannot optimise away. */
void msp_secure_wipe(void *p, size_t n);

/* Wipes `bytes` of the stack below the caller's frame (at most MSP_STACK_WIPE_MAX): the frames of
 * the functions it called and that have returned, whose locals stay behind in memory that nothing
 * clears (the rounds of a hash over the key, a parser's buffer of the request body). All but the few
 * words right under the caller's frame, where this call keeps its return address while it runs. */
#define MSP_STACK_WIPE_MAX (64 * 1024)
void msp_secure_wipe_stack(size_t bytes);

/* Constant-time comparison of two equally long byte strings: true when equal. */
bool msp_secure_equal(const void *a, const void *b, size_t n);

/* Counters for tests: live buffers and how many of them are mlocked. */
size_t msp_secbuf_live_count(void);

/* How many data mappings this process has made (mmap, and mlock where allowed): those not taken
 * from the per-thread cache of released ones. For tests. */
size_t msp_secbuf_mappings_made(void);

#endif
