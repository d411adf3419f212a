#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MADV_DONTDUMP */
#endif
#include "secmem.h"

#include <openssl/crypto.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#else
#include <sys/mman.h>
#include <unistd.h>
#endif

#if defined(_MSC_VER)
#include <malloc.h>
#define msp_stack_alloc(n) _alloca(n)
#define MSP_NOINLINE       __declspec(noinline)
#else
#include <alloca.h>
#define msp_stack_alloc(n) alloca(n)
#define MSP_NOINLINE       __attribute__((noinline))
#endif

/* The handle is ordinary heap memory (it holds only a pointer and lengths); the bytes live in a
 * separate page-aligned mapping of map_size bytes, which is what gets locked and wiped. */
static atomic_size_t live_buffers;
static atomic_size_t mappings_made;

static size_t page_size(void)
{
#ifdef _WIN32
	SYSTEM_INFO info;
	GetSystemInfo(&info);
	return (size_t)info.dwPageSize;
#else
	long size = sysconf(_SC_PAGESIZE);
	return size > 0 ? (size_t)size : 4096;
#endif
}

static void *map_pages(size_t size)
{
#ifdef _WIN32
	return VirtualAlloc(NULL, size, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
#else
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
#endif
}

static void unmap_pages(void *p, size_t size)
{
#ifdef _WIN32
	(void)size;
	VirtualFree(p, 0, MEM_RELEASE);
#else
	munmap(p, size);
#endif
}

/* Locking and dump exclusion are best effort: an unprivileged process may have a tiny
 * RLIMIT_MEMLOCK, and a buffer that cannot be locked is still wiped on free. */
static bool protect_pages(void *p, size_t size)
{
#ifdef _WIN32
	return VirtualLock(p, size) != 0;
#else
#ifdef MADV_DONTDUMP
	madvise(p, size, MADV_DONTDUMP);
#endif
	return mlock(p, size) == 0;
#endif
}

static void unprotect_pages(void *p, size_t size, bool locked)
{
	if (!locked) {
		return;
	}
#ifdef _WIN32
	VirtualUnlock(p, size);
#else
	munlock(p, size);
#endif
}

/* Released mappings kept for reuse, per thread: a createOrder needs a few short-lived secure
 * buffers, and mapping, locking and unmapping fresh pages for each one costs several system calls
 * and page faults per call. A cached mapping was wiped when its buffer was freed, stays locked and
 * excluded from dumps, and holds nothing until it is handed out again. Eight: a checkout holds a
 * card's number and CVC, the body and the connection's header lines at once, and a shop may build a
 * second card or order in the same request; with four, that second one mapped and unmapped a locked
 * page per request (5 system calls and a page fault). */
#define SECBUF_CACHE_SLOTS    8
#define SECBUF_CACHE_MAX_SIZE (64 * 1024)

typedef struct {
	unsigned char *data;
	size_t map_size;
	bool locked;
} cached_mapping;

#if defined(_MSC_VER)
#define MSP_THREAD_LOCAL __declspec(thread)
#else
#define MSP_THREAD_LOCAL _Thread_local
#endif

/* Per thread, so ZTS builds need no lock; a thread that ends leaves at most its few cached pages. */
static MSP_THREAD_LOCAL cached_mapping secbuf_cache[SECBUF_CACHE_SLOTS];

static unsigned char *take_cached(size_t map_size, size_t *got_size, bool *locked)
{
	int best = -1;
	for (int i = 0; i < SECBUF_CACHE_SLOTS; i++) {
		if (secbuf_cache[i].data != NULL && secbuf_cache[i].map_size >= map_size &&
		    (best < 0 || secbuf_cache[i].map_size < secbuf_cache[best].map_size)) {
			best = i;
		}
	}
	if (best < 0) {
		return NULL;
	}
	unsigned char *data = secbuf_cache[best].data;
	*got_size = secbuf_cache[best].map_size;
	*locked = secbuf_cache[best].locked;
	secbuf_cache[best].data = NULL;
	return data;
}

static bool put_cached(unsigned char *data, size_t map_size, bool locked)
{
	if (map_size > SECBUF_CACHE_MAX_SIZE) {
		return false;
	}
	for (int i = 0; i < SECBUF_CACHE_SLOTS; i++) {
		if (secbuf_cache[i].data == NULL) {
			secbuf_cache[i] = (cached_mapping){.data = data, .map_size = map_size, .locked = locked};
			return true;
		}
	}
	return false;
}

static size_t mapping_size_for(size_t cap)
{
	size_t page = page_size();
	return (cap + 1 + page - 1) / page * page;
}

/* Maps and protects a fresh data region; returns NULL when the system refuses memory. */
static unsigned char *map_data(size_t map_size, bool *locked)
{
	unsigned char *data = map_pages(map_size);
	atomic_fetch_add(&mappings_made, 1);
	if (data != NULL) {
		*locked = protect_pages(data, map_size);
	}
	return data;
}

/* Wipes the first `written` bytes (all that was ever written: the rest of a mapping is still zero
 * from mmap or from its last wipe), so a mapping goes back to the cache clean. */
static void release_data(unsigned char *data, size_t written, size_t map_size, bool locked)
{
	msp_secure_wipe(data, written);
	if (put_cached(data, map_size, locked)) {
		return;
	}
	unprotect_pages(data, map_size, locked);
	unmap_pages(data, map_size);
}

msp_secbuf *msp_secbuf_new(size_t cap)
{
	if (cap > SIZE_MAX / 4) {
		return NULL;
	}
	msp_secbuf *buf = calloc(1, sizeof(*buf));
	if (buf == NULL) {
		return NULL;
	}
	size_t map_size = mapping_size_for(cap);
	buf->data = take_cached(map_size, &map_size, &buf->locked);
	if (buf->data == NULL) {
		buf->data = map_data(map_size, &buf->locked);
	}
	if (buf->data == NULL) {
		free(buf);
		return NULL;
	}
	buf->cap = map_size - 1;
	buf->data[0] = '\0';
	buf->dirty = 1;
	atomic_fetch_add(&live_buffers, 1);
	return buf;
}

msp_secbuf *msp_secbuf_from(const void *bytes, size_t len)
{
	msp_secbuf *buf = msp_secbuf_new(len);
	if (buf != NULL && !msp_secbuf_append(buf, bytes, len)) {
		msp_secbuf_free(buf);
		return NULL;
	}
	return buf;
}

/* Moves the contents into a larger mapping and wipes the old one, so growing never leaves a
 * stale copy of a secret behind the way realloc can. */
static bool secbuf_grow(msp_secbuf *buf, size_t needed)
{
	size_t new_cap = buf->cap * 2 > needed ? buf->cap * 2 : needed;
	size_t new_map_size = mapping_size_for(new_cap);
	bool new_locked = false;
	unsigned char *new_data = map_data(new_map_size, &new_locked);
	if (new_data == NULL) {
		return false;
	}
	memcpy(new_data, buf->data, buf->len + 1);
	release_data(buf->data, buf->dirty, buf->cap + 1, buf->locked);
	buf->data = new_data;
	buf->cap = new_map_size - 1;
	buf->dirty = buf->len + 1;
	buf->locked = new_locked;
	return true;
}

bool msp_secbuf_reserve(msp_secbuf *buf, size_t extra)
{
	if (buf == NULL || extra > SIZE_MAX / 4) {
		return false;
	}
	if (buf->len + extra > buf->cap && !secbuf_grow(buf, buf->len + extra)) {
		return false;
	}
	/* What is handed out counts as written, with the NUL after it. */
	if (buf->len + extra + 1 > buf->dirty) {
		buf->dirty = buf->len + extra + 1;
	}
	return true;
}

bool msp_secbuf_append(msp_secbuf *buf, const void *bytes, size_t len)
{
	if (!msp_secbuf_reserve(buf, len)) {
		return false;
	}
	memcpy(buf->data + buf->len, bytes, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
	return true;
}

bool msp_secbuf_append_str(msp_secbuf *buf, const char *str)
{
	return msp_secbuf_append(buf, str, strlen(str));
}

bool msp_secbuf_append_char(msp_secbuf *buf, char c)
{
	return msp_secbuf_append(buf, &c, 1);
}

void msp_secbuf_clear(msp_secbuf *buf)
{
	if (buf != NULL) {
		msp_secure_wipe(buf->data, buf->dirty);
		buf->len = 0;
		buf->dirty = 1;
	}
}

void msp_secbuf_free(msp_secbuf *buf)
{
	if (buf == NULL) {
		return;
	}
	release_data(buf->data, buf->dirty, buf->cap + 1, buf->locked);
	free(buf);
	atomic_fetch_sub(&live_buffers, 1);
}

#if defined(__GNUC__) || defined(__clang__)
/* 16 bytes per store, unaligned allowed: SSE2 on x86-64, NEON on arm64. */
typedef uint64_t wipe_block __attribute__((vector_size(16), aligned(1), may_alias));
typedef uint64_t wipe_word __attribute__((aligned(1), may_alias));

/* Plain stores, about 0.1 instruction per byte. OPENSSL_cleanse stores 8 bytes per 4 instructions,
 * and memset() switches to `rep stosb` above 2 KiB, which counts one instruction per byte where it
 * matters to us: libcurl frees a 16 KiB buffer on every call and the wiping allocator clears it. The
 * empty asm statements are what makes this a secure wipe: the compiler must assume they read the
 * memory, so it can neither drop the stores as dead nor turn the loop into a memset() call. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/* Where the CPU has AVX2, 32 bytes per store for the large blocks (libcurl's buffers, the stack
 * below createOrder): half the instructions. The same empty asm statement keeps the stores. */
typedef uint64_t wipe_block32 __attribute__((vector_size(32), aligned(1), may_alias));

__attribute__((target("avx2"))) static size_t wipe_avx2(unsigned char *c, size_t n)
{
	const wipe_block32 zero = {0, 0, 0, 0};
	size_t i = 0;
	/* 256 bytes per round: the loop's own instructions are a third of the stores' */
	for (; i + 256 <= n; i += 256) {
		unsigned char *round = c + i;
		*(wipe_block32 *)(void *)round = zero;
		*(wipe_block32 *)(void *)(round + 32) = zero;
		*(wipe_block32 *)(void *)(round + 64) = zero;
		*(wipe_block32 *)(void *)(round + 96) = zero;
		*(wipe_block32 *)(void *)(round + 128) = zero;
		*(wipe_block32 *)(void *)(round + 160) = zero;
		*(wipe_block32 *)(void *)(round + 192) = zero;
		*(wipe_block32 *)(void *)(round + 224) = zero;
		__asm__ __volatile__("" : : "r"(c) : "memory");
	}
	for (; i + 32 <= n; i += 32) {
		*(wipe_block32 *)(void *)(c + i) = zero;
	}
	__asm__ __volatile__("" : : "r"(c) : "memory");
	return i;
}

static bool has_avx2(void)
{
	static int known = -1; /* the same answer whichever thread asks first */
	if (known < 0) {
		__builtin_cpu_init();
		known = __builtin_cpu_supports("avx2") ? 1 : 0;
	}
	return known == 1;
}
#define WIPE_LARGE(c, n) ((n) >= 256 && has_avx2() ? wipe_avx2((c), (n)) : 0)
#else
#define WIPE_LARGE(c, n) 0
#endif

/* Most blocks wiped are small (libcurl's header lines and handles' strings, freed by the wiping
 * allocator): their tail is wiped with stores that overlap the bytes before it rather than byte by
 * byte. */
void msp_secure_wipe(void *p, size_t n)
{
	if (p == NULL || n == 0) {
		return;
	}
	unsigned char *c = p;
	const wipe_block zero = {0, 0};
	if (n >= 16) {
		size_t i = WIPE_LARGE(c, n);
		for (; i + 64 <= n; i += 64) {
			*(wipe_block *)(void *)(c + i) = zero;
			*(wipe_block *)(void *)(c + i + 16) = zero;
			*(wipe_block *)(void *)(c + i + 32) = zero;
			*(wipe_block *)(void *)(c + i + 48) = zero;
			__asm__ __volatile__("" : : "r"(c) : "memory");
		}
		for (; i + 16 <= n; i += 16) {
			*(wipe_block *)(void *)(c + i) = zero;
		}
		if (i < n) {
			*(wipe_block *)(void *)(c + n - 16) = zero;
		}
	} else if (n >= 8) {
		*(wipe_word *)(void *)c = 0;
		*(wipe_word *)(void *)(c + n - 8) = 0;
	} else {
		for (size_t i = 0; i < n; i++) {
			((volatile unsigned char *)c)[i] = 0;
		}
	}
	__asm__ __volatile__("" : : "r"(c) : "memory");
}
#else
void msp_secure_wipe(void *p, size_t n)
{
	if (p != NULL && n > 0) {
		OPENSSL_cleanse(p, n);
	}
}
#endif

/* Not inlined, so that the area is below the caller's frame rather than inside it. */
MSP_NOINLINE void msp_secure_wipe_stack(size_t bytes)
{
	if (bytes > MSP_STACK_WIPE_MAX) {
		bytes = MSP_STACK_WIPE_MAX;
	}
	unsigned char *area = msp_stack_alloc(bytes > 0 ? bytes : 1);
	msp_secure_wipe(area, bytes);
}

bool msp_secure_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

size_t msp_secbuf_mappings_made(void)
{
	return atomic_load(&mappings_made);
}

size_t msp_secbuf_live_count(void)
{
	return atomic_load(&live_buffers);
}
