/* Secure buffers: growth keeps the contents, freeing wipes them, and a reused mapping comes back
 * empty. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "secmem.h"

static void test_append_keeps_a_terminated_copy(void **state)
{
	(void)state;
	msp_secbuf *buf = msp_secbuf_from("4111", 4);
	assert_non_null(buf);
	assert_true(msp_secbuf_append_str(buf, "1111"));
	assert_true(msp_secbuf_append_char(buf, '!'));
	assert_int_equal(buf->len, 9);
	assert_string_equal((const char *)buf->data, "41111111!");
	msp_secbuf_free(buf);
}

static void test_growth_moves_contents_and_wipes_the_old_mapping(void **state)
{
	(void)state;
	msp_secbuf *buf = msp_secbuf_new(16);
	size_t first_cap = buf->cap;
	unsigned char *first = buf->data;
	char chunk[1000];
	memset(chunk, 'x', sizeof(chunk));
	for (int i = 0; i < 20; i++) {
		assert_true(msp_secbuf_append(buf, chunk, sizeof(chunk)));
	}
	assert_true(buf->cap > first_cap);
	assert_true(buf->data != first);
	assert_int_equal(buf->len, 20000);
	for (size_t i = 0; i < buf->len; i++) {
		assert_int_equal(buf->data[i], 'x');
	}
	assert_int_equal(buf->data[buf->len], '\0');
	msp_secbuf_free(buf);
}

static void test_a_reused_mapping_holds_nothing_of_the_previous_secret(void **state)
{
	(void)state;
	msp_secbuf *secret = msp_secbuf_from("5500000000000004", 16);
	unsigned char *mapping = secret->data;
	size_t cap = secret->cap;
	msp_secbuf_free(secret);
	/* The freed mapping is kept for reuse by this thread: it must come back wiped. */
	msp_secbuf *next = msp_secbuf_new(8);
	assert_ptr_equal(next->data, mapping);
	for (size_t i = 0; i <= cap; i++) {
		assert_int_equal(next->data[i], 0);
	}
	msp_secbuf_free(next);
}

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != 0) {
			return false;
		}
	}
	return true;
}

/* Freeing wipes only as far as the buffer was written: that must include bytes a writer put in
 * reserved room without counting them in len, after growth too, and after a clear. */
static void test_wipes_cover_reserved_room(void **state)
{
	(void)state;
	msp_secbuf *buf = msp_secbuf_new(16);
	assert_true(msp_secbuf_reserve(buf, 300));
	memset(buf->data + buf->len, '7', 300); /* written, but only 5 bytes kept in len */
	buf->len = 5;
	buf->data[5] = '\0';
	unsigned char *mapping = buf->data;
	size_t cap = buf->cap;
	msp_secbuf_free(buf);
	msp_secbuf *next = msp_secbuf_new(8);
	assert_ptr_equal(next->data, mapping);
	assert_true(all_zero(next->data, cap + 1));

	/* Growth: the old mapping's reserved room is wiped, the new one written only as far as copied. */
	assert_true(msp_secbuf_reserve(next, 100));
	memset(next->data, '8', 100);
	next->len = 1;
	next->data[1] = '\0';
	unsigned char *before_growth = next->data;
	char big[6000];
	memset(big, 'x', sizeof(big));
	assert_true(msp_secbuf_append(next, big, sizeof(big)));
	assert_true(next->data != before_growth);
	msp_secbuf *reused = msp_secbuf_new(8); /* the mapping left behind by growth, from the cache */
	assert_ptr_equal(reused->data, before_growth);
	assert_true(all_zero(reused->data, reused->cap + 1));
	msp_secbuf_free(reused);

	/* Clear wipes what was written, reserved room included, and again after new reserved room. */
	msp_secbuf_clear(next);
	assert_true(all_zero(next->data, next->cap + 1));
	assert_true(msp_secbuf_reserve(next, 50));
	memset(next->data, '9', 50);
	msp_secbuf_clear(next);
	assert_true(all_zero(next->data, next->cap + 1));
	msp_secbuf_free(next);
}

static void test_clear_wipes_and_keeps_the_buffer(void **state)
{
	(void)state;
	msp_secbuf *buf = msp_secbuf_from("secret-key", 10);
	msp_secbuf_clear(buf);
	assert_int_equal(buf->len, 0);
	for (size_t i = 0; i < 10; i++) {
		assert_int_equal(buf->data[i], 0);
	}
	assert_true(msp_secbuf_append_str(buf, "new"));
	assert_string_equal((const char *)buf->data, "new");
	msp_secbuf_free(buf);
}

static void test_live_count_returns_to_its_start(void **state)
{
	(void)state;
	size_t start = msp_secbuf_live_count();
	msp_secbuf *a = msp_secbuf_new(1), *b = msp_secbuf_new(100000);
	assert_int_equal(msp_secbuf_live_count(), start + 2);
	msp_secbuf_free(a);
	msp_secbuf_free(b);
	msp_secbuf_free(NULL);
	assert_int_equal(msp_secbuf_live_count(), start);
}

static void test_secure_equal(void **state)
{
	(void)state;
	assert_true(msp_secure_equal("abc", "abc", 3));
	assert_false(msp_secure_equal("abc", "abd", 3));
}

/* Every length and alignment, so that each path of the wipe (rounds of 256 and blocks of 32 bytes
 * where the CPU has AVX2, blocks of 64 and 16, the overlapping last block, words, bytes) is covered:
 * exactly [offset, offset + length) becomes zero, nothing around it changes. */
static void test_secure_wipe_clears_exactly_the_range(void **state)
{
	(void)state;
	unsigned char buf[640];
	for (size_t offset = 0; offset < 16; offset++) {
		for (size_t len = 0; len <= 600; len++) {
			memset(buf, 0xA5, sizeof(buf));
			msp_secure_wipe(buf + offset, len);
			for (size_t i = 0; i < sizeof(buf); i++) {
				unsigned char expected = i >= offset && i < offset + len ? 0 : 0xA5;
				if (buf[i] != expected) {
					fail_msg("offset %zu, length %zu: byte %zu is %#x", offset, len, i, buf[i]);
				}
			}
		}
	}
	msp_secure_wipe(NULL, 10); /* accepted, does nothing */
}

/* Six buffers alive at once (three cards' numbers and CVCs in one request), freed, then six again:
 * the second six come from the cache of released mappings, none is a fresh mmap + mlock. */
static void test_six_live_buffers_are_all_reused(void **state)
{
	(void)state;
	enum { LIVE = 6 };
	msp_secbuf *bufs[LIVE];
	for (int i = 0; i < LIVE; i++) {
		bufs[i] = msp_secbuf_new(16);
		assert_non_null(bufs[i]);
	}
	for (int i = 0; i < LIVE; i++) {
		msp_secbuf_free(bufs[i]);
	}
	size_t mapped_before = msp_secbuf_mappings_made();
	for (int i = 0; i < LIVE; i++) {
		bufs[i] = msp_secbuf_new(16);
		assert_non_null(bufs[i]);
	}
	assert_int_equal(msp_secbuf_mappings_made(), mapped_before);
	for (int i = 0; i < LIVE; i++) {
		msp_secbuf_free(bufs[i]);
	}
}

#if defined(__SANITIZE_ADDRESS__)
#define STACK_IS_INSTRUMENTED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STACK_IS_INSTRUMENTED 1
#endif
#endif

#ifndef STACK_IS_INSTRUMENTED
/* A callee that leaves a secret in its frame and says where. */
static __attribute__((noinline)) uintptr_t leave_a_secret_on_the_stack(void)
{
	volatile unsigned char secret[256];
	for (size_t i = 0; i < sizeof(secret); i++) {
		secret[i] = (unsigned char)('1' + i % 9);
	}
	return (uintptr_t)secret;
}

/* The longest run of bytes still holding the secret's pattern. */
static size_t longest_surviving_run(uintptr_t address, size_t len)
{
	const volatile unsigned char *p = (const volatile unsigned char *)address;
	size_t run = 0, longest = 0;
	for (size_t i = 0; i < len; i++) {
		run = p[i] == (unsigned char)('1' + i % 9) ? run + 1 : 0;
		longest = run > longest ? run : longest;
	}
	return longest;
}
#endif

/* The dead frame of a function that returned is cleared. (Reads memory below the stack pointer: not
 * under AddressSanitizer, whose fake stacks put locals elsewhere.) */
static void test_secure_wipe_stack_clears_dead_frames(void **state)
{
	(void)state;
#ifdef STACK_IS_INSTRUMENTED
	skip();
#else
	uintptr_t where = leave_a_secret_on_the_stack();
	assert_true(longest_surviving_run(where, 256) > 200);
	msp_secure_wipe_stack(4096);
	/* Only the few words right under the caller's frame survive: the wiping call's own return
	 * address, saved registers and alignment sit there while it runs. */
	assert_true(longest_surviving_run(where, 256) <= 32);
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_append_keeps_a_terminated_copy),
	    cmocka_unit_test(test_growth_moves_contents_and_wipes_the_old_mapping),
	    cmocka_unit_test(test_a_reused_mapping_holds_nothing_of_the_previous_secret),
	    cmocka_unit_test(test_six_live_buffers_are_all_reused),
	    cmocka_unit_test(test_wipes_cover_reserved_room),
	    cmocka_unit_test(test_clear_wipes_and_keeps_the_buffer),
	    cmocka_unit_test(test_live_count_returns_to_its_start),
	    cmocka_unit_test(test_secure_equal),
	    cmocka_unit_test(test_secure_wipe_clears_exactly_the_range),
	    cmocka_unit_test(test_secure_wipe_stack_clears_dead_frames),
	};
	return cmocka_run_group_tests_name("secmem", tests, NULL, NULL);
}
