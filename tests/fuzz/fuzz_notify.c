/* libFuzzer harness of src/core/notify.c. The input gives a key, an Auth header, a tolerance, a clock
 * and a body. Whatever they are, msp_notify_verify() must answer with a reason it documents, and it
 * may accept a header only if it is exactly the header msp_notify_sign() writes for that key, body and
 * timestamp, inside the window. A header signed for the body must verify, and fail with
 * SIGNATURE_MISMATCH once one byte of the body changes. No message depends on the key's bytes. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notify.h"

#define CHECK(cond)                                                                                          \
	do {                                                                                                     \
		if (!(cond)) {                                                                                       \
			fprintf(stderr, "%s:%d: promise broken: %s\n", __FILE__, __LINE__, #cond);                       \
			abort();                                                                                         \
		}                                                                                                    \
	} while (0)

static size_t take(const uint8_t *data, size_t size, size_t *pos, size_t max)
{
	size_t n = *pos < size ? data[(*pos)++] % (max + 1) : 0;
	return n < size - *pos ? n : size - *pos;
}

static bool is_blank(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The message must not depend on the key's bytes: with every non-blank byte of the key changed, an
 * answer with the same reason has the same message (a message that quoted the key would differ). */
static void check_message(const msp_error *err, const uint8_t *key, size_t key_len, const uint8_t *body,
    size_t body_len, const char *header, size_t header_len, long tolerance, int64_t now)
{
	CHECK(memchr(err->message, '\0', sizeof(err->message)) != NULL);
	uint8_t *other = malloc(key_len + 1);
	CHECK(other != NULL);
	for (size_t i = 0; i < key_len; i++) {
		other[i] = is_blank(key[i]) ? key[i] : (uint8_t)(key[i] == 'x' ? 'y' : 'x');
	}
	msp_error again;
	msp_error_clear(&again);
	int64_t timestamp;
	msp_notify_verify(other, key_len, body, body_len, header, header_len, tolerance, now, &timestamp, &again);
	CHECK(again.reason != err->reason || strcmp(again.message, err->message) == 0);
	free(other);
}

/* A header the verifier took for authentic carries the MAC of this key and body: the canonical
 * header for its timestamp gets the same answer, and the header fails with a changed body byte or
 * a changed key. */
static void check_authentic(const uint8_t *key, size_t key_len, const uint8_t *body, size_t body_len,
    const char *header, size_t header_len, long tolerance, int64_t now, msp_status status, int64_t timestamp)
{
	int64_t skew = now > timestamp ? now - timestamp : timestamp - now;
	CHECK((status == MSP_OK) == (skew <= tolerance));
	char canonical[MSP_NOTIFY_AUTH_HEADER_SIZE];
	size_t canonical_len = 0;
	msp_error err;
	msp_error_clear(&err);
	CHECK(msp_notify_sign(key, key_len, body, body_len, timestamp, canonical, sizeof(canonical),
	          &canonical_len, &err) == MSP_OK);
	int64_t again = -1;
	CHECK(msp_notify_verify(key, key_len, body, body_len, canonical, canonical_len, tolerance, now, &again,
	          &err) == status);
	CHECK(again == timestamp);
	uint8_t *changed = malloc(body_len + key_len + 1);
	CHECK(changed != NULL);
	if (body_len > 0) {
		memcpy(changed, body, body_len);
		changed[body_len / 2] ^= 0x01;
		msp_error_clear(&err);
		CHECK(msp_notify_verify(key, key_len, changed, body_len, header, header_len, tolerance, now, &again,
		          &err) == MSP_ERR_SIGNATURE);
		CHECK(err.reason == MSP_NOTIFY_SIGNATURE_MISMATCH);
	}
	size_t k = 0;
	while (k < key_len && is_blank(key[k])) {
		k++;
	}
	memcpy(changed, key, key_len);
	changed[k] ^= 0x01; /* the first byte that is not trimmed (there is one: the key was accepted) */
	msp_error_clear(&err);
	msp_status other =
	    msp_notify_verify(changed, key_len, body, body_len, header, header_len, tolerance, now, &again, &err);
	CHECK(other == MSP_ERR_SIGNATURE &&
	      (err.reason == MSP_NOTIFY_SIGNATURE_MISMATCH || err.reason == MSP_NOTIFY_EMPTY_KEY));
	free(changed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t pos = 0;
	size_t key_len = take(data, size, &pos, 64);
	const uint8_t *key = data + pos;
	pos += key_len;
	size_t header_len = take(data, size, &pos, 255);
	const char *header = (const char *)data + pos;
	pos += header_len;
	long tolerance = pos < size ? (long)data[pos++] * 10 - 20 : 600;
	int64_t now = 1700000000;
	for (int i = 0; i < 2 && pos < size; i++) {
		now += (int64_t)(int8_t)data[pos++] * (i ? 1000 : 1);
	}
	const uint8_t *body = data + pos;
	size_t body_len = size - pos;

	/* Whatever the header: a documented answer, and acceptance only of the exact signature. */
	msp_error err;
	msp_error_clear(&err);
	int64_t timestamp = -1;
	msp_status status =
	    msp_notify_verify(key, key_len, body, body_len, header, header_len, tolerance, now, &timestamp, &err);
	CHECK(status == MSP_OK || status == MSP_ERR_SIGNATURE || status == MSP_ERR_INVALID ||
	      status == MSP_ERR_NOMEM);
	CHECK(status == MSP_OK || (err.reason > MSP_NOTIFY_OK && err.reason <= MSP_NOTIFY_NOMEM));
	check_message(&err, key, key_len, body, body_len, header, header_len, tolerance, now);
	if (status == MSP_OK || err.reason == MSP_NOTIFY_TIMESTAMP_OUTSIDE_WINDOW) {
		check_authentic(key, key_len, body, body_len, header, header_len, tolerance, now, status, timestamp);
	} else {
		CHECK(timestamp == 0);
	}

	/* A header signed for this body verifies; one changed byte of the body breaks it. */
	if (tolerance < 0) {
		return 0;
	}
	char signed_header[MSP_NOTIFY_AUTH_HEADER_SIZE];
	size_t signed_len = 0;
	msp_error_clear(&err);
	status = msp_notify_sign(
	    key, key_len, body, body_len, now, signed_header, sizeof(signed_header), &signed_len, &err);
	if (status != MSP_OK) {
		CHECK(err.reason == MSP_NOTIFY_EMPTY_KEY || status == MSP_ERR_NOMEM);
		return 0;
	}
	CHECK(msp_notify_verify(key, key_len, body, body_len, signed_header, signed_len, tolerance, now,
	          &timestamp, &err) == MSP_OK);
	CHECK(timestamp == now);
	if (body_len > 0) {
		uint8_t *changed = malloc(body_len);
		CHECK(changed != NULL);
		memcpy(changed, body, body_len);
		changed[body_len / 2] ^= 0x01;
		msp_error_clear(&err);
		CHECK(msp_notify_verify(key, key_len, changed, body_len, signed_header, signed_len, tolerance, now,
		          &timestamp, &err) == MSP_ERR_SIGNATURE);
		CHECK(err.reason == MSP_NOTIFY_SIGNATURE_MISMATCH);
		free(changed);
	}
	return 0;
}
