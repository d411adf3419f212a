#include "notify.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "ascii.h"
#include "secmem.h"

#define MAC_SIZE         64 /* SHA-512 */
#define MAC_HEX_SIZE     (2 * MAC_SIZE)
#define TIMESTAMP_DIGITS 19 /* INT64_MAX has 19 digits */
#define EVENT_DIGEST     32 /* SHA-256 */
/* How deep the HMAC computation reaches below its caller: provider dispatch and the SHA-512 rounds. */
#define HMAC_STACK_WIPE_BYTES 8192
/* A valid header has 200 characters; anything much longer is refused before decoding. */
#define MAX_HEADER_CHARS 512
#define MAX_DECODED      (MAX_HEADER_CHARS / 4 * 3)

static const char *const reason_names[] = {
    [MSP_NOTIFY_OK] = "ok",
    [MSP_NOTIFY_MALFORMED_HEADER] = "malformed_header",
    [MSP_NOTIFY_BAD_BASE64] = "bad_base64",
    [MSP_NOTIFY_NO_SEPARATOR] = "no_separator",
    [MSP_NOTIFY_BAD_TIMESTAMP] = "bad_timestamp",
    [MSP_NOTIFY_BAD_SIGNATURE_LENGTH] = "bad_signature_length",
    [MSP_NOTIFY_BAD_HEX] = "bad_hex",
    [MSP_NOTIFY_TIMESTAMP_OUTSIDE_WINDOW] = "timestamp_outside_window",
    [MSP_NOTIFY_SIGNATURE_MISMATCH] = "signature_mismatch",
    [MSP_NOTIFY_EMPTY_KEY] = "empty_key",
    [MSP_NOTIFY_INVALID_ARGUMENT] = "invalid_argument",
    [MSP_NOTIFY_CRYPTO_FAILURE] = "crypto_failure",
    [MSP_NOTIFY_NOMEM] = "nomem",
};

const char *msp_notify_reason_name(msp_notify_reason reason)
{
	return ((unsigned)reason < sizeof(reason_names) / sizeof(reason_names[0])) ? reason_names[reason]
	                                                                           : "unknown";
}

static msp_status refuse(msp_error *err, msp_notify_reason reason, const char *message)
{
	return msp_error_set(err, MSP_ERR_SIGNATURE, (int)reason, "notification refused: %s", message);
}

/* ---- Trimming --------------------------------------------------------------------------------- */

/* The same characters are trimmed from the API key and from the header: what copy-paste and header
 * folding add. */
static bool is_trimmed_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void trim(const unsigned char **p, size_t *len)
{
	while (*len > 0 && is_trimmed_space((*p)[0])) {
		(*p)++;
		(*len)--;
	}
	while (*len > 0 && is_trimmed_space((*p)[*len - 1])) {
		(*len)--;
	}
}

/* ---- Base64 and hex --------------------------------------------------------------------------- */

static const char base64_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int base64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z') {
		return c - 'A';
	}
	if (c >= 'a' && c <= 'z') {
		return c - 'a' + 26;
	}
	if (c >= '0' && c <= '9') {
		return c - '0' + 52;
	}
	if (c == '+') {
		return 62;
	}
	return c == '/' ? 63 : -1;
}

/* At most two '=' end a block; a third one is left to fail as a non-alphabet character. */
static size_t padding_length(const unsigned char *in, size_t len)
{
	size_t pad = 0;
	while (pad < len && pad < 2 && in[len - 1 - pad] == '=') {
		pad++;
	}
	return pad;
}

/* Strict standard base64 (RFC 4648 §4): padded to a multiple of 4, '=' only at the end (at most two),
 * no whitespace or URL-safe characters, and zero unused bits, so each byte string has exactly one
 * accepted encoding. out must hold len / 4 * 3 bytes. */
static bool base64_decode_strict(const unsigned char *in, size_t len, unsigned char *out, size_t *out_len)
{
	if (len == 0 || len % 4 != 0) {
		return false;
	}
	size_t pad = padding_length(in, len);
	size_t n = 0;
	uint32_t bits = 0;
	for (size_t i = 0; i < len - pad; i++) {
		int value = base64_value(in[i]);
		if (value < 0) {
			return false;
		}
		bits = (bits << 6) | (uint32_t)value;
		if (i % 4 == 3) {
			out[n++] = (unsigned char)(bits >> 16);
			out[n++] = (unsigned char)(bits >> 8);
			out[n++] = (unsigned char)bits;
			bits = 0;
		}
	}
	if (pad == 2) { /* 2 characters: 12 bits, 8 used */
		if ((bits & 0x0f) != 0) {
			return false;
		}
		out[n++] = (unsigned char)(bits >> 4);
	} else if (pad == 1) { /* 3 characters: 18 bits, 16 used */
		if ((bits & 0x03) != 0) {
			return false;
		}
		out[n++] = (unsigned char)(bits >> 10);
		out[n++] = (unsigned char)(bits >> 2);
	}
	*out_len = n;
	return true;
}

static size_t base64_encode(const unsigned char *in, size_t len, char *out)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i += 3) {
		uint32_t bits = (uint32_t)in[i] << 16;
		if (i + 1 < len) {
			bits |= (uint32_t)in[i + 1] << 8;
		}
		if (i + 2 < len) {
			bits |= in[i + 2];
		}
		out[n++] = base64_alphabet[(bits >> 18) & 0x3f];
		out[n++] = base64_alphabet[(bits >> 12) & 0x3f];
		out[n++] = i + 1 < len ? base64_alphabet[(bits >> 6) & 0x3f] : '=';
		out[n++] = i + 2 < len ? base64_alphabet[bits & 0x3f] : '=';
	}
	out[n] = '\0';
	return n;
}

/* Hex of either case to bytes; false on any non-hex character. */
static bool hex_decode(const unsigned char *hex, size_t bytes, unsigned char *out)
{
	for (size_t i = 0; i < bytes; i++) {
		int high = msp_hex_digit_value(hex[2 * i]);
		int low = msp_hex_digit_value(hex[2 * i + 1]);
		if (high < 0 || low < 0) {
			return false;
		}
		out[i] = (unsigned char)(high << 4 | low);
	}
	return true;
}

static void hex_encode(const unsigned char *bytes, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 0x0f];
	}
	out[2 * len] = '\0';
}

/* ---- The MAC ---------------------------------------------------------------------------------- */

/* HMAC-SHA512 over timestamp ":" body, fed piecewise so the body is never copied. */
static bool compute_mac(const unsigned char *key, size_t key_len, const unsigned char *timestamp,
    size_t ts_len, const unsigned char *body, size_t body_len, unsigned char mac[MAC_SIZE])
{
	char digest_name[] = "SHA512";
	OSSL_PARAM params[] = {
	    OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
	    OSSL_PARAM_construct_end(),
	};
	EVP_MAC *hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = hmac != NULL ? EVP_MAC_CTX_new(hmac) : NULL;
	size_t mac_len = 0;
	bool ok = ctx != NULL && EVP_MAC_init(ctx, key, key_len, params) == 1 &&
	          EVP_MAC_update(ctx, timestamp, ts_len) == 1 &&
	          EVP_MAC_update(ctx, (const unsigned char *)":", 1) == 1 &&
	          (body_len == 0 || EVP_MAC_update(ctx, body, body_len) == 1) &&
	          EVP_MAC_final(ctx, mac, &mac_len, MAC_SIZE) == 1 && mac_len == MAC_SIZE;
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(hmac);
	return ok;
}

/* OpenSSL cleanses its own copies of the key, but the SHA-512 rounds over the key block (ipad, opad)
 * leave their message schedule in the frames they used, below ours. */
static void wipe_hmac_frames(void)
{
	msp_secure_wipe_stack(HMAC_STACK_WIPE_BYTES);
}

/* ---- Header parsing --------------------------------------------------------------------------- */

typedef struct {
	const unsigned char *timestamp; /* digits, inside the decoded header */
	size_t timestamp_len;
	int64_t timestamp_value;
	unsigned char signature[MAC_SIZE];
} auth_parts;

static bool parse_timestamp(const unsigned char *digits, size_t len, int64_t *out)
{
	if (len == 0 || len > TIMESTAMP_DIGITS) {
		return false;
	}
	uint64_t value = 0;
	for (size_t i = 0; i < len; i++) {
		if (digits[i] < '0' || digits[i] > '9') {
			return false;
		}
		value = value * 10 + (uint64_t)(digits[i] - '0'); /* 19 digits fit in uint64 */
	}
	if (value > (uint64_t)INT64_MAX) {
		return false;
	}
	*out = (int64_t)value;
	return true;
}

/* "<timestamp>:<128 hex>" -> parts; the reason of the first defect otherwise. */
static msp_notify_reason split_decoded(const unsigned char *decoded, size_t len, auth_parts *parts)
{
	const unsigned char *colon = memchr(decoded, ':', len);
	if (colon == NULL) {
		return MSP_NOTIFY_NO_SEPARATOR;
	}
	parts->timestamp = decoded;
	parts->timestamp_len = (size_t)(colon - decoded);
	if (!parse_timestamp(parts->timestamp, parts->timestamp_len, &parts->timestamp_value)) {
		return MSP_NOTIFY_BAD_TIMESTAMP;
	}
	const unsigned char *signature = colon + 1;
	size_t signature_len = len - parts->timestamp_len - 1;
	if (signature_len != MAC_HEX_SIZE) {
		return MSP_NOTIFY_BAD_SIGNATURE_LENGTH;
	}
	return hex_decode(signature, MAC_SIZE, parts->signature) ? MSP_NOTIFY_OK : MSP_NOTIFY_BAD_HEX;
}

static const char *describe(msp_notify_reason reason)
{
	switch (reason) {
		case MSP_NOTIFY_NO_SEPARATOR:
			return "the decoded Auth header has no ':' between timestamp and signature";
		case MSP_NOTIFY_BAD_TIMESTAMP:
			return "the Auth header timestamp is not 1 to 19 digits";
		case MSP_NOTIFY_BAD_SIGNATURE_LENGTH:
			return "the Auth header signature is not 128 hex digits long";
		case MSP_NOTIFY_BAD_HEX:
			return "the Auth header signature is not hexadecimal";
		default:
			return "the Auth header is malformed";
	}
}

static msp_status parse_auth_header(
    const char *header, size_t header_len, unsigned char *decoded, auth_parts *parts, msp_error *err)
{
	if (header == NULL) {
		return refuse(err, MSP_NOTIFY_MALFORMED_HEADER, "no Auth header");
	}
	const unsigned char *text = (const unsigned char *)header;
	trim(&text, &header_len);
	if (header_len == 0) {
		return refuse(err, MSP_NOTIFY_MALFORMED_HEADER, "the Auth header is empty");
	}
	if (header_len > MAX_HEADER_CHARS) {
		return refuse(err, MSP_NOTIFY_MALFORMED_HEADER, "the Auth header is too long");
	}
	size_t decoded_len = 0;
	if (!base64_decode_strict(text, header_len, decoded, &decoded_len)) {
		return refuse(err, MSP_NOTIFY_BAD_BASE64, "the Auth header is not valid base64");
	}
	msp_notify_reason reason = split_decoded(decoded, decoded_len, parts);
	return reason == MSP_NOTIFY_OK ? MSP_OK : refuse(err, reason, describe(reason));
}

/* ---- Verification ----------------------------------------------------------------------------- */

static uint64_t distance(int64_t a, int64_t b)
{
	return a >= b ? (uint64_t)a - (uint64_t)b : (uint64_t)b - (uint64_t)a;
}

static msp_status check_window(int64_t timestamp, int64_t now, long tolerance, msp_error *err)
{
	uint64_t skew = distance(now, timestamp);
	if (skew <= (uint64_t)tolerance) {
		return MSP_OK;
	}
	/* Each number may be anything a forged header or the caller holds: written out only when short
	 * (msp_number_text), since redaction takes long digit runs for card numbers. */
	char stamp[MSP_NUMBER_TEXT_MAX], off[MSP_NUMBER_TEXT_MAX], window[MSP_NUMBER_TEXT_MAX];
	int64_t shown_skew = skew > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)skew;
	return msp_error_set(err, MSP_ERR_SIGNATURE, MSP_NOTIFY_TIMESTAMP_OUTSIDE_WINDOW,
	    "notification refused: its timestamp %s is %s s %s now (tolerance %s s)",
	    msp_number_text(timestamp, MSP_NUMBER_DIGITS_SHOWN, stamp),
	    msp_number_text(shown_skew, MSP_NUMBER_DIGITS_SHOWN, off), timestamp < now ? "before" : "after",
	    msp_number_text(tolerance, MSP_NUMBER_DIGITS_SHOWN, window));
}

static msp_status check_arguments(const unsigned char *body, size_t body_len, long tolerance, msp_error *err)
{
	if (tolerance < 0) {
		return msp_error_set(err, MSP_ERR_INVALID, MSP_NOTIFY_INVALID_ARGUMENT,
		    "the notification tolerance must be 0 or more seconds (got %ld)", tolerance);
	}
	if (body == NULL && body_len > 0) {
		return msp_error_set(err, MSP_ERR_INVALID, MSP_NOTIFY_INVALID_ARGUMENT, "notification body missing");
	}
	return MSP_OK;
}

static msp_status trimmed_key(const unsigned char **key, size_t *key_len, msp_error *err)
{
	if (*key == NULL) {
		*key_len = 0;
	}
	trim(key, key_len);
	if (*key_len == 0) {
		return refuse(err, MSP_NOTIFY_EMPTY_KEY, "the API key is empty");
	}
	return MSP_OK;
}

msp_status msp_notify_verify(const unsigned char *key, size_t key_len, const unsigned char *body,
    size_t body_len, const char *auth_header, size_t auth_len, long tolerance, int64_t now,
    int64_t *timestamp_out, msp_error *err)
{
	if (timestamp_out != NULL) {
		*timestamp_out = 0;
	}
	msp_status status = check_arguments(body, body_len, tolerance, err);
	if (status == MSP_OK) {
		status = trimmed_key(&key, &key_len, err);
	}
	unsigned char decoded[MAX_DECODED];
	auth_parts parts;
	if (status == MSP_OK) {
		status = parse_auth_header(auth_header, auth_len, decoded, &parts, err);
	}
	if (status != MSP_OK) {
		return status;
	}
	unsigned char expected[MAC_SIZE];
	if (!compute_mac(key, key_len, parts.timestamp, parts.timestamp_len, body, body_len, expected)) {
		status = refuse(err, MSP_NOTIFY_CRYPTO_FAILURE, "HMAC-SHA512 could not be computed");
	} else if (!msp_secure_equal(expected, parts.signature, MAC_SIZE)) {
		status =
		    refuse(err, MSP_NOTIFY_SIGNATURE_MISMATCH, "the signature does not match the body and API key");
	} else {
		if (timestamp_out != NULL) {
			*timestamp_out = parts.timestamp_value;
		}
		status = check_window(parts.timestamp_value, now, tolerance, err);
	}
	msp_secure_wipe(expected, sizeof(expected));
	msp_secure_wipe(&parts, sizeof(parts));
	msp_secure_wipe(decoded, sizeof(decoded));
	wipe_hmac_frames();
	return status;
}

msp_status msp_notify_sign(const unsigned char *key, size_t key_len, const unsigned char *body,
    size_t body_len, int64_t timestamp, char *out, size_t out_size, size_t *out_len, msp_error *err)
{
	if (out == NULL || out_size < MSP_NOTIFY_AUTH_HEADER_SIZE || timestamp < 0 ||
	    (body == NULL && body_len > 0)) {
		return msp_error_set(err, MSP_ERR_INVALID, MSP_NOTIFY_INVALID_ARGUMENT,
		    "signing needs a timestamp >= 0, a body and room for %d characters", MSP_NOTIFY_AUTH_HEADER_SIZE);
	}
	out[0] = '\0';
	msp_status status = trimmed_key(&key, &key_len, err);
	if (status != MSP_OK) {
		return status;
	}
	/* "<timestamp>:<hex>" */
	char plain[TIMESTAMP_DIGITS + 1 + MAC_HEX_SIZE + 1];
	int ts_len = snprintf(plain, sizeof(plain), "%lld", (long long)timestamp);
	unsigned char mac[MAC_SIZE];
	bool computed =
	    compute_mac(key, key_len, (const unsigned char *)plain, (size_t)ts_len, body, body_len, mac);
	if (computed) {
		plain[ts_len] = ':';
		hex_encode(mac, MAC_SIZE, plain + ts_len + 1);
		size_t len = base64_encode((const unsigned char *)plain, (size_t)ts_len + 1 + MAC_HEX_SIZE, out);
		if (out_len != NULL) {
			*out_len = len;
		}
	}
	msp_secure_wipe(mac, sizeof(mac));
	msp_secure_wipe(plain, sizeof(plain));
	wipe_hmac_frames();
	if (!computed) {
		return msp_error_set(
		    err, MSP_ERR_SIGNATURE, MSP_NOTIFY_CRYPTO_FAILURE, "HMAC-SHA512 could not be computed");
	}
	return MSP_OK;
}

/* ---- Event ids -------------------------------------------------------------------------------- */

static void put_u64_be(unsigned char out[8], uint64_t value)
{
	for (int i = 7; i >= 0; i--) {
		out[i] = (unsigned char)value;
		value >>= 8;
	}
}

/* Length-prefixed, so ("ab", "c") and ("a", "bc") never hash alike. */
static bool digest_field(EVP_MD_CTX *ctx, const void *bytes, size_t len)
{
	unsigned char prefix[8];
	put_u64_be(prefix, len);
	return EVP_DigestUpdate(ctx, prefix, sizeof(prefix)) == 1 &&
	       (len == 0 || EVP_DigestUpdate(ctx, bytes, len) == 1);
}

static bool digest_int64(EVP_MD_CTX *ctx, int64_t value)
{
	unsigned char bytes[8];
	put_u64_be(bytes, (uint64_t)value);
	return EVP_DigestUpdate(ctx, bytes, sizeof(bytes)) == 1;
}

static bool related_digest(const msp_notify_related *related, unsigned char out[EVENT_DIGEST])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	bool ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 &&
	          digest_field(ctx, related->type, related->type_len) &&
	          digest_field(ctx, related->transaction_id, related->transaction_id_len) &&
	          digest_field(ctx, related->status, related->status_len) &&
	          EVP_DigestFinal_ex(ctx, out, NULL) == 1;
	EVP_MD_CTX_free(ctx);
	return ok;
}

static int compare_digests(const void *a, const void *b)
{
	return memcmp(a, b, EVENT_DIGEST);
}

/* The related transactions as a set: each one hashed, the hashes sorted, then fed in that order. */
static bool digest_related_set(EVP_MD_CTX *ctx, const msp_notify_related *related, size_t count, bool *nomem)
{
	unsigned char *digests = count > 0 ? malloc(count * EVENT_DIGEST) : NULL;
	if (count > 0 && digests == NULL) {
		*nomem = true;
		return false;
	}
	bool ok = digest_int64(ctx, (int64_t)count);
	for (size_t i = 0; ok && i < count; i++) {
		ok = related_digest(&related[i], digests + i * EVENT_DIGEST);
	}
	if (ok && count > 1) {
		qsort(digests, count, EVENT_DIGEST, compare_digests);
	}
	if (ok && count > 0) {
		ok = EVP_DigestUpdate(ctx, digests, count * EVENT_DIGEST) == 1;
	}
	free(digests);
	return ok;
}

static bool field_present_or_empty(const char *bytes, size_t len)
{
	return bytes != NULL || len == 0;
}

static bool event_well_formed(const msp_notify_event *event)
{
	if (event == NULL || !field_present_or_empty(event->order_id, event->order_id_len) ||
	    !field_present_or_empty(event->status, event->status_len) ||
	    !field_present_or_empty(event->financial_status, event->financial_status_len) ||
	    (event->related == NULL && event->related_count > 0) ||
	    event->related_count > SIZE_MAX / EVENT_DIGEST) {
		return false;
	}
	for (size_t i = 0; i < event->related_count; i++) {
		const msp_notify_related *r = &event->related[i];
		if (!field_present_or_empty(r->type, r->type_len) ||
		    !field_present_or_empty(r->transaction_id, r->transaction_id_len) ||
		    !field_present_or_empty(r->status, r->status_len)) {
			return false;
		}
	}
	return true;
}

msp_status msp_notify_event_id(
    const msp_notify_event *event, char out[MSP_NOTIFY_EVENT_ID_SIZE], msp_error *err)
{
	static const char domain[] = "msp-event-v1";
	if (out == NULL || !event_well_formed(event)) {
		return msp_error_set(
		    err, MSP_ERR_INVALID, MSP_NOTIFY_INVALID_ARGUMENT, "event id: a field has a length but no bytes");
	}
	out[0] = '\0';
	bool nomem = false;
	unsigned char digest[EVENT_DIGEST];
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	bool ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 &&
	          digest_field(ctx, domain, sizeof(domain) - 1) &&
	          digest_field(ctx, event->order_id, event->order_id_len) &&
	          digest_field(ctx, event->status, event->status_len) &&
	          digest_field(ctx, event->financial_status, event->financial_status_len) &&
	          digest_int64(ctx, event->amount_refunded) &&
	          digest_related_set(ctx, event->related, event->related_count, &nomem) &&
	          EVP_DigestFinal_ex(ctx, digest, NULL) == 1;
	EVP_MD_CTX_free(ctx);
	if (!ok) {
		return nomem ? msp_error_set(err, MSP_ERR_NOMEM, MSP_NOTIFY_NOMEM, "event id: out of memory")
		             : msp_error_set(
		                   err, MSP_ERR_SIGNATURE, MSP_NOTIFY_CRYPTO_FAILURE, "event id: SHA-256 failed");
	}
	hex_encode(digest, EVENT_DIGEST, out);
	return MSP_OK;
}
