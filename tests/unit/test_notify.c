/* Unit tests of src/core/notify.c: MultiSafepay's own published examples as known answers, an
 * independent oracle (openssl dgst -sha512 -hmac) for a binary body, tampering, keys, the time window
 * on both sides and at its edges, every malformed-header reason, event ids against an independent
 * Python computation, and a fuzz loop of 100,000 malformed headers. Run under ASan+UBSan and valgrind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/evp.h>

#include "notify.h"

/* ---- Known answers ---------------------------------------------------------------------------- */

/* MultiSafepay's documented example, "Handle notifications" (MultiSafepay/docs,
 * content/integrations/handle-notifications.md; https://docs.multisafepay.com/docs/handle-notifications):
 * API key, Auth header and payload exactly as published (with a space after "my-order-id",). */
static const char docs_key[] = "8HHhGgRWrA3O7NswjmgwyH7buPPCGnR5AkwAQyqI";
static const int64_t docs_timestamp = 1641218884;
static const char docs_auth[] =
    "MTY0MTIxODg4NDowNmNiZjIyNmU3Yzg3M2VmZjk2OTIxZDdmZGUzOTk4ZWI2YmUwZGU3OTE1ZWUxYzFiNTE0OTUxMWZjYTgyZTI2"
    "YmIwYWIyZTZkMGUwYWQ5OTdjYmFiMTUxZTRiYTU2MTU0MThkOGUxMjUyODMwMTcyNjE0M2VkMTE0NjI4N2Y5Mw==";
/* The same page's earlier version (MultiSafepay/docs, content/integration/self-made/
 * validate-hmac-signatures.md): its payload holds a typographic quote (U+201D) where a '"' belongs, so
 * it is not even JSON, and its signature matches those raw bytes: the MAC is over bytes, not JSON. */
static const char docs_2022_auth[] =
    "MTY0MTIxODg4NDowMzI3ZjUyODBlYjI5ZmNiMzE0OTAyYjYxZmMzN2E5MTExZjRjMDMxZDMxZjg1OTc4MTFlY2RjMTRjOGM4ZjM1"
    "NjkwNGM2NDgwOTY2MWMzY2ViOWZkMjczN2Y1MmUxNGU5NDJjMzJkZGIwN2E2ZDZhNzZhMDAwNDI2ZDY1ZDc4Yg==";
/* The official PHP SDK's own test (MultiSafepay/php-sdk, tests/Unit/Util/NotificationTest.php). */
static const char sdk_key[] = "your-MultiSafepay-API-key";
static const int64_t sdk_timestamp = 1616601851;
static const char sdk_auth[] =
    "MTYxNjYwMTg1MTo2ZTRhZTg2MzhhYTJmOWUxNTkyYjA3NDM3NmY2ODE2MTk2NTQ2MzMxYTliOWU5NDlkMWFiNWVmNmE5MzFjYjA5"
    "ZWQ4M2FkMTJmODUzZjI5ZGYyMjMxZThmODgzZTJiMThhYWVmN2NiYWZmMTA5NGU5ZmQ5ZmNlMWRkMzYyZjJhNA==";

static const char docs_body[] =
    "{\"amount\":1000,\"amount_refunded\":0,\"costs\":[{\"amount\":0.49,\"description\":\"0.49 For iDEAL"
    " Transactions\",\"transaction_id\":\"123456789\",\"type\":\"SYSTEM\"}],\"created\":\"2022-01-03T15:"
    "08:02\",\"currency\":\"EUR\",\"custom_info\":{\"custom_1\":null,\"custom_2\":null,\"custom_3\":null"
    "},\"customer\":{\"address1\":null,\"address2\":null,\"city\":null,\"country\":null,\"country_name\""
    ":null,\"email\":\"\",\"first_name\":null,\"house_number\":null,\"last_name\":null,\"locale\":\"en_U"
    "S\",\"phone1\":null,\"phone2\":\"\",\"state\":null,\"zip_code\":null},\"description\":\"product des"
    "cription\",\"fastcheckout\":\"NO\",\"financial_status\":\"initialized\",\"items\":null,\"modified\""
    ":\"2022-01-03T15:08:02\",\"order_id\":\"my-order-id\", \"payment_details\":{\"account_holder_name\""
    ":null,\"account_iban\":\"https://example.com\",\"account_id\":null,\"external_transaction_id\":\"12"
    "3456789\",\"issuer_id\":\"3151\",\"recurring_flow\":null,\"recurring_id\":null,\"recurring_model\":"
    "null,\"type\":\"IDEAL\"},\"payment_methods\":[{\"amount\":1000,\"currency\":\"EUR\",\"description\""
    ":\"product description\",\"external_transaction_id\":\"123456789\",\"payment_description\":\"iDEAL"
    "\",\"status\":\"initialized\",\"type\":\"IDEAL\"}],\"reason\":\"\",\"reason_code\":\"\",\"related_t"
    "ransactions\":null,\"status\":\"initialized\",\"transaction_id\":\"123456789\",\"var1\":null,\"var2"
    "\":null,\"var3\":null}";
static const char docs_2022_body[] =
    "{\"amount\":1000,\"amount_refunded\":0,\"costs\":[{\"amount\":0.49,\"description\":\"0.49 For iDEAL"
    " Transactions\",\"transaction_id\":\"123456789\",\"type\":\"SYSTEM\"}],\"created\":\"2022-01-03T15:"
    "08:02\",\"currency\":\"EUR\",\"custom_info\":{\"custom_1\":null,\"custom_2\":null,\"custom_3\":null"
    "},\"customer\":{\"address1\":null,\"address2\":null,\"city\":null,\"country\":null,\"country_name\""
    ":null,\"email\":\"\",\"first_name\":null,\"house_number\":null,\"last_name\":null,\"locale\":\"en_U"
    "S\",\"phone1\":null,\"phone2\":\"\",\"state\":null,\"zip_code\":null},\"description\":\"product des"
    "cription\",\"fastcheckout\":\"NO\",\"financial_status\":\"initialized\",\"items\":null,\"modified\""
    ":\"2022-01-03T15:08:02\",\"order_id\":\"my-order-id\", \342\200\235payment_details\":{\"account_hol"
    "der_name\":null,\"account_iban\":\"https://example.com\",\"account_id\":null,\"external_transaction"
    "_id\":\"123456789\",\"issuer_id\":\"3151\",\"recurring_flow\":null,\"recurring_id\":null,\"recurrin"
    "g_model\":null,\"type\":\"IDEAL\"},\"payment_methods\":[{\"amount\":1000,\"currency\":\"EUR\",\"des"
    "cription\":\"product description\",\"external_transaction_id\":\"123456789\",\"payment_description"
    "\":\"iDEAL\",\"status\":\"initialized\",\"type\":\"IDEAL\"}],\"reason\":\"\",\"reason_code\":\"\","
    "\"related_transactions\":null,\"status\":\"initialized\",\"transaction_id\":\"123456789\",\"var1\":"
    "null,\"var2\":null,\"var3\":null}";
static const char sdk_body[] =
    "{\"amount\":24293,\"amount_refunded\":0,\"checkout_options\":{\"alternate\":[{\"name\":\"0\",\"rule"
    "s\":[{\"country\":\"\",\"rate\":\"0.00\"}],\"standalone\":\"\"}],\"default\":[]},\"costs\":[{\"amou"
    "nt\":7.04,\"description\":\"2.9 % For Visa CreditCards Transactions (min 0.6)\",\"transaction_id\":"
    "\"2583849\",\"type\":\"SYSTEM\"}],\"created\":\"2021-03-24T16:26:31\",\"currency\":\"GBP\",\"custom"
    "_info\":{\"custom_1\":null,\"custom_2\":null,\"custom_3\":null},\"customer\":{\"address1\":\"Kraans"
    "poor\",\"address2\":null,\"city\":\"Amsterdam\",\"country\":\"NL\",\"country_name\":null,\"email\":"
    "\"john.doe@example.com\",\"first_name\":\"John\",\"house_number\":\"39C\",\"last_name\":\"Doe\",\"l"
    "ocale\":\"nl_NL\",\"phone1\":\"0612345678\",\"phone2\":\"\",\"state\":null,\"zip_code\":\"1033SC\"}"
    ",\"description\":\"Payment for order: 182\",\"fastcheckout\":\"NO\",\"financial_status\":\"complete"
    "d\",\"items\":\"<table border=\\\"0\\\" cellpadding=\\\"5\\\" width=\\\"100%\\\">\\n<tr>\\n<th widt"
    "h=\\\"10%\\\"><font size=\\\"2\\\" face=\\\"Verdana\\\">Quantity </font></th>\\n<th align=\\\"left"
    "\\\"></th>\\n<th align=\\\"left\\\"><font size=\\\"2\\\" face=\\\"Verdana\\\">Details </font></th>"
    "\\n<th width=\\\"19%\\\" align=\\\"right\\\"><font size=\\\"2\\\" face=\\\"Verdana\\\">Price </font"
    "></th>\\n</tr>\\n<tr>\\n<td align=\\\"center\\\"><font size=\\\"2\\\" face=\\\"Verdana\\\">1</font>"
    "</td>\\n<td width=\\\"6%\\\"></td>\\n<td width=\\\"65%\\\"><font size=\\\"2\\\" face=\\\"Verdana\\"
    "\">Ergonomic Paper Table</font></td>\\n<td align=\\\"right\\\">&pound;<font size=\\\"2\\\" face=\\"
    "\"Verdana\\\">242.93</font>\\n</td>\\n</tr>\\n</table>\",\"modified\":\"2021-03-24T16:26:38\",\"ord"
    "er_id\":\"182\",\"payment_details\":{\"account_holder_name\":\"MultiSafepay\",\"account_id\":null,"
    "\"card_expiry_date\":\"2404\",\"external_transaction_id\":\"234453696\",\"last4\":\"1111\",\"recurr"
    "ing_flow\":null,\"recurring_id\":\"99814704667013722040\",\"recurring_model\":null,\"type\":\"VISA"
    "\"},\"payment_methods\":[{\"account_holder_name\":\"MultiSafepay\",\"amount\":24293,\"card_expiry_d"
    "ate\":2404,\"currency\":\"GBP\",\"description\":\"Payment for order: 182\",\"external_transaction_i"
    "d\":\"234453696\",\"last4\":1111,\"payment_description\":\"Visa CreditCards\",\"status\":\"complete"
    "d\",\"type\":\"VISA\"}],\"reason\":\"\",\"reason_code\":\"\",\"related_transactions\":null,\"shoppi"
    "ng_cart\":{\"items\":[{\"cashback\":\"\",\"currency\":\"GBP\",\"description\":\"\",\"image\":\"\","
    "\"merchant_item_id\":\"68\",\"name\":\"Ergonomic Paper Table\",\"options\":[],\"product_url\":\"\","
    "\"quantity\":\"1\",\"tax_table_selector\":\"0\",\"unit_price\":\"242.9300000000\",\"weight\":{\"uni"
    "t\":null,\"value\":null}}]},\"status\":\"completed\",\"transaction_id\":4680345,\"var1\":null,\"var"
    "2\":\"182\",\"var3\":null}";

/* An independent oracle: `printf '1700000000:'; printf '\x00\x01{"a":1}\xff\r\n'` piped into
 * `openssl dgst -sha512 -hmac test-key`. The body holds a NUL and non-UTF-8 bytes. */
static const unsigned char binary_body[] = {0x00, 0x01, '{', '"', 'a', '"', ':', '1', '}', 0xff, '\r', '\n'};
static const char binary_key[] = "test-key";
static const int64_t binary_timestamp = 1700000000;
static const char binary_mac_hex[] = "7bea56c82936eb6f5c71143354d89168ec10741556e90aea43e4f96e9f27cd54"
                                     "22e4300d4bec933b5b20bcea784d206753b3c7af41ca82ca3c4b204806473ad2";

/* ---- Helpers ---------------------------------------------------------------------------------- */

#define NOW       ((int64_t)1700000000)
#define TOLERANCE 600L

static msp_status verify(const char *key, const void *body, size_t body_len, const char *auth,
    size_t auth_len, long tolerance, int64_t now, int64_t *ts, msp_error *err)
{
	msp_error_clear(err);
	return msp_notify_verify((const unsigned char *)key, key != NULL ? strlen(key) : 0, body, body_len, auth,
	    auth_len, tolerance, now, ts, err);
}

static void expect_valid(
    const char *key, const void *body, size_t body_len, const char *auth, int64_t now, int64_t expected_ts)
{
	msp_error err;
	int64_t ts = -1;
	msp_status status = verify(key, body, body_len, auth, strlen(auth), TOLERANCE, now, &ts, &err);
	if (status != MSP_OK) {
		fail_msg("refused: %s (%s)", err.message, msp_notify_reason_name((msp_notify_reason)err.reason));
	}
	assert_int_equal(ts, expected_ts);
}

static msp_error expect_refused(const char *key, const void *body, size_t body_len, const char *auth,
    size_t auth_len, long tolerance, int64_t now, msp_status status, msp_notify_reason reason)
{
	msp_error err;
	int64_t ts = -1;
	msp_status got = verify(key, body, body_len, auth, auth_len, tolerance, now, &ts, &err);
	if (got != status || err.reason != (int)reason) {
		fail_msg("expected %s, got status %d %s: %s", msp_notify_reason_name(reason), got,
		    msp_notify_reason_name((msp_notify_reason)err.reason), err.message);
	}
	assert_int_equal(err.status, status);
	assert_true(strlen(err.message) > 0);
	if (reason != MSP_NOTIFY_TIMESTAMP_OUTSIDE_WINDOW) {
		assert_int_equal(ts, 0);
	}
	if (key != NULL && strlen(key) >= 4) {
		assert_null(strstr(err.message, key));
	}
	return err;
}

static void base64(const void *in, size_t len, char *out)
{
	EVP_EncodeBlock((unsigned char *)out, in, (int)len);
}

/* "<timestamp>:<hex>" from an arbitrary timestamp string, signed by OpenSSL's one-shot HMAC (a second
 * path, independent of msp_notify_sign). */
static void independent_header(
    const char *key, const char *timestamp, const void *body, size_t body_len, char *out)
{
	size_t ts_len = strlen(timestamp);
	unsigned char *message = malloc(ts_len + 1 + body_len + 1);
	assert_non_null(message);
	memcpy(message, timestamp, ts_len);
	message[ts_len] = ':';
	if (body_len > 0) {
		memcpy(message + ts_len + 1, body, body_len);
	}
	unsigned char mac[64];
	size_t mac_len = 0;
	assert_non_null(EVP_Q_mac(NULL, "HMAC", NULL, "SHA512", NULL, key, strlen(key), message,
	    ts_len + 1 + body_len, mac, sizeof(mac), &mac_len));
	free(message);
	char plain[300];
	int n = snprintf(plain, sizeof(plain), "%s:", timestamp);
	for (size_t i = 0; i < mac_len; i++) {
		n += snprintf(plain + n, sizeof(plain) - (size_t)n, "%02x", mac[i]);
	}
	base64(plain, (size_t)n, out);
}

static void sign(
    const char *key, const void *body, size_t body_len, int64_t ts, char out[MSP_NOTIFY_AUTH_HEADER_SIZE])
{
	msp_error err;
	size_t len = 0;
	assert_int_equal(msp_notify_sign((const unsigned char *)key, strlen(key), body, body_len, ts, out,
	                     MSP_NOTIFY_AUTH_HEADER_SIZE, &len, &err),
	    MSP_OK);
	assert_int_equal(len, strlen(out));
}

/* ---- Known answers ---------------------------------------------------------------------------- */

static void test_known_answer_multisafepay_docs(void **state)
{
	(void)state;
	assert_int_equal(sizeof(docs_body) - 1, 1233);
	expect_valid(docs_key, docs_body, sizeof(docs_body) - 1, docs_auth, docs_timestamp, docs_timestamp);
	char header[MSP_NOTIFY_AUTH_HEADER_SIZE];
	sign(docs_key, docs_body, sizeof(docs_body) - 1, docs_timestamp, header);
	assert_string_equal(header, docs_auth);
	/* The published example is old: only a window around its own time accepts it. */
	expect_refused(docs_key, docs_body, sizeof(docs_body) - 1, docs_auth, strlen(docs_auth), TOLERANCE, NOW,
	    MSP_ERR_SIGNATURE, MSP_NOTIFY_TIMESTAMP_OUTSIDE_WINDOW);
}

static void test_known_answer_multisafepay_docs_raw_bytes(void **state)
{
	(void)state;
	assert_int_equal(sizeof(docs_2022_body) - 1, 1235);
	assert_non_null(strstr(docs_2022_body, "\342\200\235payment_details")); /* U+201D */
	expect_valid(
	    docs_key, docs_2022_body, sizeof(docs_2022_body) - 1, docs_2022_auth, docs_timestamp, docs_timestamp);
	char header[MSP_NOTIFY_AUTH_HEADER_SIZE];
	sign(docs_key, docs_2022_body, sizeof(docs_2022_body) - 1, docs_timestamp, header);
	assert_string_equal(header, docs_2022_auth);
	/* The two versions differ by one character: each signature fits only its own bytes. */
	expect_refused(docs_key, docs_body, sizeof(docs_body) - 1, docs_2022_auth, strlen(docs_2022_auth),
	    TOLERANCE, docs_timestamp, MSP_ERR_SIGNATURE, MSP_NOTIFY_SIGNATURE_MISMATCH);
}

static void test_known_answer_php_sdk(void **state)
{
	(void)state;
	assert_int_equal(sizeof(sdk_body) - 1, 2401);
	expect_valid(sdk_key, sdk_body, sizeof(sdk_body) - 1, sdk_auth, sdk_timestamp, sdk_timestamp);
	char header[MSP_NOTIFY_AUTH_HEADER_SIZE];
	sign(sdk_key, sdk_body, sizeof(sdk_body) - 1, sdk_timestamp, header);
	assert_string_equal(header, sdk_auth);
	/* The SDK test's wrong key. */
	expect_refused("a-fake-API-key", sdk_body, sizeof(sdk_body) - 1, sdk_auth, strlen(sdk_auth), TOLERANCE,
	    sdk_timestamp, MSP_ERR_SIGNATURE, MSP_NOTIFY_SIGNATURE_MISMATCH);
}

static void test_known_answer_openssl_binary_body(void **state)
{
	(void)state;
	char plain[200];
	snprintf(plain, sizeof(plain), "%lld:%s", (long long)binary_timestamp, binary_mac_hex);
	char header[MSP_NOTIFY_AUTH_HEADER_SIZE];
	base64(plain, strlen(plain), header);
	expect_valid(binary_key, binary_body, sizeof(binary_body), header, NOW, binary_timestamp);
	char signed_header[MSP_NOTIFY_AUTH_HEADER_SIZE];
	sign(binary_key, binary_body, sizeof(binary_body), binary_timestamp, signed_header);
	assert_string_equal(signed_header, header);
	/* Hashing up to the NUL (strlen) would be a different message. */
	expect_refused(binary_key, binary_body, 0, header, strlen(header), TOLERANCE, NOW, MSP_ERR_SIGNATURE,
	    MSP_NOTIFY_SIGNATURE_MISMATCH);
}

/* ---- Tampering and keys ----------------------------------------------------------------------- */

static void test_tampered_body(void **state)
{
	(void)state;
	size_t len = sizeof(sdk_body) - 1;
	char *copy = malloc(len + 1);
	assert_non_null(copy);
	const size_t positions[] = {0, 1, len / 2, len - 2, len - 1};
	for (size_t i = 0; i < sizeof(positions) / sizeof(positions[0]); i++) {
		memcpy(copy, sdk_body, len + 1);
		copy[positions[i]] ^= 0x01;
		expect_refused(sdk_key, copy, len, sdk_auth, strlen(sdk_auth), TOLERANCE, sdk_timestamp,
		    MSP_ERR_SIGNATURE, MSP_NOTIFY_SIGNATURE_MISMATCH);
	}
	memcpy(copy, sdk_body, len + 1);
	expect_refused(sdk_key, copy, len - 1, sdk_auth, strlen(sdk_auth), TOLERANCE, sdk_timestamp,
	    MSP_ERR_SIGNATURE, MSP_NOTIFY_SIGNATURE_MISMATCH);
	copy[len] = '\n';
	expect_refused(sdk_key, copy, len + 1, sdk_auth, strlen(sdk_auth), TOLERANCE, sdk_timestamp,
	    MSP_ERR_SIGNATURE, MSP_NOTIFY_SIGNATURE_MISMATCH);
	/* Re-encoded JSON (here: a space after the first ':') is not the raw body. */
	char reencoded[64];
	snprintf(reencoded, sizeof(reencoded), "{\"amount\": 24293");
	expect_refused(sdk_key, reencoded, strlen(reencoded), sdk_auth, strlen(sdk_auth), TOLERANCE,
	    sdk_timestamp, MSP_ERR_SIGNATURE, MSP_NOTIFY_SIGNATURE_MISMATCH);
	free(copy);
}

static void test_tampered_signature(void **state)
{
	(void)state;
	char plain[200];
	unsigned char decoded[200];
	int n = EVP_DecodeBlock(decoded, (const unsigned char *)sdk_auth, (int)strlen(sdk_auth));
	assert_true(n > 0);
	size_t plain_len = (size_t)n - 2; /* "==" padding */
	memcpy(plain, decoded, plain_len);
	plain[plain_len] = '\0';
	assert_int_equal(plain_len, 10 + 1 + 128);
	char header[MSP_NOTIFY_AUTH_HEADER_SIZE];
	for (size_t pos = 11; pos < plain_len; pos += 13) {
		char changed[200];
		memcpy(changed, plain, plain_len + 1);
		changed[pos] = changed[pos] == '0' ? '1' : '0';
		base64(changed, plain_len, header);
		expect_refused(sdk_key, sdk_body, sizeof(sdk_body) - 1, header, strlen(header), TOLERANCE,
		    sdk_timestamp, MSP_ERR_SIGNATURE, MSP_NOTIFY_SIGNATURE_MISMATCH);
	}
	/* Another timestamp with the same signature. */
	char changed[200];
	memcpy(changed, plain, plain_len + 1);
	changed[9] = changed[9] == '1' ? '2' : '1';
	base64(changed, plain_len, header);
	expect_refused(sdk_key, sdk_body, sizeof(sdk_body) - 1, header, strlen(header), TOLERANCE, sdk_timestamp,
	    MSP_ERR_SIGNATURE, MSP_NOTIFY_SIGNATURE_MISMATCH);
	/* Hex is case-insensitive. */
	for (size_t i = 11; i < plain_len; i++) {
		if (changed[i] >= 'a' && changed[i] <= 'f') {
			plain[i] = (char)(plain[i] - 'a' + 'A');
		}
	}
	base64(plain, plain_len, header);
	expect_valid(sdk_key, sdk_body, sizeof(sdk_body) - 1, header, sdk_timestamp, sdk_timestamp);
	assert_string_not_equal(header, sdk_auth);
}

static void test_keys(void **state)
{
	(void)state;
	const char *surrounded[] = {"  your-MultiSafepay-API-key", "your-MultiSafepay-API-key\n",
	    "\t your-MultiSafepay-API-key \r\n", "\r\nyour-MultiSafepay-API-key\t"};
	for (size_t i = 0; i < sizeof(surrounded) / sizeof(surrounded[0]); i++) {
		expect_valid(surrounded[i], sdk_body, sizeof(sdk_body) - 1, sdk_auth, sdk_timestamp, sdk_timestamp);
	}
	const char *wrong[] = {"your-MultiSafepay-API-ke", "your-MultiSafepay-API-keyy",
	    "your-MultiSafepay API-key", "YOUR-MultiSafepay-API-key", "your-MultiSafepay-API-key\v",
	    "\0your-MultiSafepay-API-key"};
	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		expect_refused(wrong[i], sdk_body, sizeof(sdk_body) - 1, sdk_auth, strlen(sdk_auth), TOLERANCE,
		    sdk_timestamp, MSP_ERR_SIGNATURE,
		    wrong[i][0] == '\0' ? MSP_NOTIFY_EMPTY_KEY : MSP_NOTIFY_SIGNATURE_MISMATCH);
	}
	const char *empty[] = {"", " ", "\t\r\n ", NULL};
	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		expect_refused(empty[i], sdk_body, sizeof(sdk_body) - 1, sdk_auth, strlen(sdk_auth), TOLERANCE,
		    sdk_timestamp, MSP_ERR_SIGNATURE, MSP_NOTIFY_EMPTY_KEY);
	}
	/* A key holding a NUL is used whole. */
	const unsigned char nul_key[] = {'k', 0, 'y'};
	char header[MSP_NOTIFY_AUTH_HEADER_SIZE];
	msp_error err;
	assert_int_equal(msp_notify_sign(nul_key, sizeof(nul_key), (const unsigned char *)"{}", 2, NOW, header,
	                     sizeof(header), NULL, &err),
	    MSP_OK);
	assert_int_equal(msp_notify_verify(nul_key, sizeof(nul_key), (const unsigned char *)"{}", 2, header,
	                     strlen(header), TOLERANCE, NOW, NULL, &err),
	    MSP_OK);
	assert_int_equal(msp_notify_verify(nul_key, 1, (const unsigned char *)"{}", 2, header, strlen(header),
	                     TOLERANCE, NOW, NULL, &err),
	    MSP_ERR_SIGNATURE);
}

/* ---- The time window -------------------------------------------------------------------------- */

static void test_window_both_directions(void **state)
{
	(void)state;
	const char *key = "window-key";
	const char body[] = "{\"order_id\":\"w\"}";
	char header[MSP_NOTIFY_AUTH_HEADER_SIZE];
	const struct {
		int64_t ts;
		long tolerance;
		bool valid;
	} cases[] = {
	    {NOW, TOLERANCE, true},
	    {NOW - TOLERANCE, TOLERANCE, true},
	    {NOW + TOLERANCE, TOLERANCE, true},
	    {NOW - TOLERANCE - 1, TOLERANCE, false},
	    {NOW + TOLERANCE + 1, TOLERANCE, false},
	    {NOW - 86400, TOLERANCE, false},
	    {NOW + 86400, TOLERANCE, false},
	    {NOW, 0, true},
	    {NOW - 1, 0, false},
	    {NOW + 1, 0, false},
	    {0, TOLERANCE, false},
	    {INT64_MAX, TOLERANCE, false},
	    {0, 2000000000L, true},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sign(key, body, strlen(body), cases[i].ts, header);
		if (cases[i].valid) {
			msp_error err;
			int64_t ts = -1;
			assert_int_equal(
			    verify(key, body, strlen(body), header, strlen(header), cases[i].tolerance, NOW, &ts, &err),
			    MSP_OK);
			assert_int_equal(ts, cases[i].ts);
			continue;
		}
		msp_error err = expect_refused(key, body, strlen(body), header, strlen(header), cases[i].tolerance,
		    NOW, MSP_ERR_SIGNATURE, MSP_NOTIFY_TIMESTAMP_OUTSIDE_WINDOW);
		/* Authentic but late or early: the timestamp is reported, with the skew in the message. */
		int64_t ts = -1;
		verify(key, body, strlen(body), header, strlen(header), cases[i].tolerance, NOW, &ts, &err);
		assert_int_equal(ts, cases[i].ts);
		assert_non_null(strstr(err.message, cases[i].ts < NOW ? "before" : "after"));
		char skew[48];
		uint64_t distance = cases[i].ts < NOW ? (uint64_t)(NOW - cases[i].ts) : (uint64_t)(cases[i].ts - NOW);
		if (distance < UINT64_C(100000000000)) {
			snprintf(skew, sizeof(skew), " is %llu s", (unsigned long long)distance);
		} else { /* a long number is described, never written out (redaction would mask it as a card) */
			snprintf(skew, sizeof(skew), " is a number of %d digits s",
			    snprintf(NULL, 0, "%llu", (unsigned long long)distance));
		}
		assert_non_null(strstr(err.message, skew));
	}
	/* Extreme clocks do not overflow. */
	sign(key, body, strlen(body), INT64_MAX, header);
	expect_refused(key, body, strlen(body), header, strlen(header), TOLERANCE, INT64_MIN, MSP_ERR_SIGNATURE,
	    MSP_NOTIFY_TIMESTAMP_OUTSIDE_WINDOW);
	msp_error err;
	assert_int_equal(
	    verify(key, body, strlen(body), header, strlen(header), TOLERANCE, INT64_MAX, NULL, &err), MSP_OK);
	/* A negative tolerance is the caller's error. */
	expect_refused(key, body, strlen(body), header, strlen(header), -1, NOW, MSP_ERR_INVALID,
	    MSP_NOTIFY_INVALID_ARGUMENT);
}

/* ---- Malformed headers ------------------------------------------------------------------------ */

static const char sixty_four_hex[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static void expect_header_reason(const char *header, size_t len, msp_notify_reason reason)
{
	expect_refused(
	    sdk_key, sdk_body, sizeof(sdk_body) - 1, header, len, TOLERANCE, NOW, MSP_ERR_SIGNATURE, reason);
}

static void expect_plain_reason(const char *plain, size_t len, msp_notify_reason reason)
{
	char header[1200];
	base64(plain, len, header);
	expect_header_reason(header, strlen(header), reason);
}

static void expect_plain_reason_str(const char *plain, msp_notify_reason reason)
{
	expect_plain_reason(plain, strlen(plain), reason);
}

static void test_malformed_headers(void **state)
{
	(void)state;
	char hex128[129];
	snprintf(hex128, sizeof(hex128), "%s%s", sixty_four_hex, sixty_four_hex);
	char plain[400];

	expect_header_reason(NULL, 0, MSP_NOTIFY_MALFORMED_HEADER);
	expect_header_reason(NULL, 10, MSP_NOTIFY_MALFORMED_HEADER);
	expect_header_reason("", 0, MSP_NOTIFY_MALFORMED_HEADER);
	expect_header_reason(" \t\r\n", 4, MSP_NOTIFY_MALFORMED_HEADER);
	char long_header[600];
	memset(long_header, 'A', sizeof(long_header));
	expect_header_reason(long_header, 513, MSP_NOTIFY_MALFORMED_HEADER);

	const char *bad_base64[] = {"abc", "ab=c", "a===", "====", "=AAA", "AA=A",
	    "QR==", "QUJ=", "QUJD\n=", "QU JD", "QUJD-_==", "QUJD.A==", "QUJDRA", "QUJDRA=",
	    "QUJD\x80"
	    "AAA",
	    "QUJD\0AAA"};
	for (size_t i = 0; i < sizeof(bad_base64) / sizeof(bad_base64[0]); i++) {
		size_t len = strlen(bad_base64[i]);
		if (i == sizeof(bad_base64) / sizeof(bad_base64[0]) - 1) {
			len = 8; /* with its NUL */
		}
		expect_header_reason(bad_base64[i], len, MSP_NOTIFY_BAD_BASE64);
	}
	/* The same bytes canonically encoded decode fine (and then fail for their content). */
	expect_header_reason("QQ==", 4, MSP_NOTIFY_NO_SEPARATOR);
	expect_header_reason("QUI=", 4, MSP_NOTIFY_NO_SEPARATOR);

	expect_plain_reason_str("1641218884", MSP_NOTIFY_NO_SEPARATOR);
	snprintf(plain, sizeof(plain), "1641218884%s", hex128);
	expect_plain_reason_str(plain, MSP_NOTIFY_NO_SEPARATOR);

	const char *bad_timestamps[] = {"", "+1641218884", "-1641218884", " 1641218884", "1641218884 ",
	    "16412a8884", "12345678901234567890", "9223372036854775808", "99999999999999999999999", "0x10"};
	for (size_t i = 0; i < sizeof(bad_timestamps) / sizeof(bad_timestamps[0]); i++) {
		snprintf(plain, sizeof(plain), "%s:%s", bad_timestamps[i], hex128);
		expect_plain_reason_str(plain, MSP_NOTIFY_BAD_TIMESTAMP);
	}
	/* Nineteen digits up to INT64_MAX are a timestamp (then only the signature is wrong). */
	snprintf(plain, sizeof(plain), "9223372036854775807:%s", hex128);
	expect_plain_reason_str(plain, MSP_NOTIFY_SIGNATURE_MISMATCH);
	snprintf(plain, sizeof(plain), "0:%s", hex128);
	expect_plain_reason_str(plain, MSP_NOTIFY_SIGNATURE_MISMATCH);

	const size_t lengths[] = {0, 1, 64, 127, 129, 256};
	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		int n = snprintf(plain, sizeof(plain), "1641218884:");
		for (size_t j = 0; j < lengths[i]; j++) {
			plain[n++] = sixty_four_hex[j % 64];
		}
		plain[n] = '\0';
		expect_plain_reason_str(plain, MSP_NOTIFY_BAD_SIGNATURE_LENGTH);
	}
	snprintf(plain, sizeof(plain), "1641218884:%s:", hex128);
	expect_plain_reason_str(plain, MSP_NOTIFY_BAD_SIGNATURE_LENGTH);

	const char bad_hex_chars[] = {'g', 'G', 'x', ':', ' ', '-', '\0', '\xff'};
	for (size_t i = 0; i < sizeof(bad_hex_chars); i++) {
		int n = snprintf(plain, sizeof(plain), "1641218884:%s", hex128);
		plain[n - 1 - (int)(i * 7)] = bad_hex_chars[i];
		expect_plain_reason(plain, (size_t)n, MSP_NOTIFY_BAD_HEX);
	}

	/* Whitespace around a valid header is trimmed; inside it is not. */
	char padded[300];
	snprintf(padded, sizeof(padded), " \t%s\r\n", sdk_auth);
	msp_error err;
	assert_int_equal(verify(sdk_key, sdk_body, sizeof(sdk_body) - 1, padded, strlen(padded), TOLERANCE,
	                     sdk_timestamp, NULL, &err),
	    MSP_OK);
	snprintf(padded, sizeof(padded), "%.40s %s", sdk_auth, sdk_auth + 40);
	expect_header_reason(padded, strlen(padded), MSP_NOTIFY_BAD_BASE64);
	/* The header length is what counts, not a NUL inside it. */
	memcpy(padded, sdk_auth, strlen(sdk_auth) + 1);
	expect_header_reason(padded, strlen(sdk_auth) + 1, MSP_NOTIFY_BAD_BASE64);
	expect_header_reason(padded, strlen(sdk_auth) - 4, MSP_NOTIFY_BAD_SIGNATURE_LENGTH);

	/* A leading-zero timestamp is signed as sent. */
	char header[400];
	independent_header(sdk_key, "0001616601851", sdk_body, sizeof(sdk_body) - 1, header);
	expect_valid(sdk_key, sdk_body, sizeof(sdk_body) - 1, header, sdk_timestamp, sdk_timestamp);
}

static void test_arguments(void **state)
{
	(void)state;
	char header[MSP_NOTIFY_AUTH_HEADER_SIZE];
	msp_error err;
	/* An empty body is a body. */
	sign("k", NULL, 0, NOW, header);
	expect_valid("k", NULL, 0, header, NOW, NOW);
	expect_valid("k", "", 0, header, NOW, NOW);
	expect_refused("k", "x", 1, header, strlen(header), TOLERANCE, NOW, MSP_ERR_SIGNATURE,
	    MSP_NOTIFY_SIGNATURE_MISMATCH);
	expect_refused(
	    "k", NULL, 5, header, strlen(header), TOLERANCE, NOW, MSP_ERR_INVALID, MSP_NOTIFY_INVALID_ARGUMENT);
	/* No timestamp_out, no error: still answered. */
	assert_int_equal(msp_notify_verify((const unsigned char *)"k", 1, NULL, 0, header, strlen(header),
	                     TOLERANCE, NOW, NULL, NULL),
	    MSP_OK);
	assert_int_equal(
	    msp_notify_verify((const unsigned char *)"k", 1, NULL, 0, "x", 1, TOLERANCE, NOW, NULL, NULL),
	    MSP_ERR_SIGNATURE);

	/* Signing: room, timestamp and key are checked. */
	char small[MSP_NOTIFY_AUTH_HEADER_SIZE - 1];
	assert_int_equal(
	    msp_notify_sign((const unsigned char *)"k", 1, NULL, 0, NOW, small, sizeof(small), NULL, &err),
	    MSP_ERR_INVALID);
	assert_int_equal(err.reason, MSP_NOTIFY_INVALID_ARGUMENT);
	assert_int_equal(
	    msp_notify_sign((const unsigned char *)"k", 1, NULL, 0, -1, header, sizeof(header), NULL, &err),
	    MSP_ERR_INVALID);
	assert_int_equal(
	    msp_notify_sign((const unsigned char *)"k", 1, NULL, 3, NOW, header, sizeof(header), NULL, &err),
	    MSP_ERR_INVALID);
	assert_int_equal(
	    msp_notify_sign((const unsigned char *)" ", 1, NULL, 0, NOW, header, sizeof(header), NULL, &err),
	    MSP_ERR_SIGNATURE);
	assert_int_equal(err.reason, MSP_NOTIFY_EMPTY_KEY);
	assert_string_equal(header, "");
	assert_int_equal(
	    msp_notify_sign((const unsigned char *)"k", 1, NULL, 0, NOW, NULL, 500, NULL, &err), MSP_ERR_INVALID);
	/* The longest header fits exactly. */
	size_t len = 0;
	assert_int_equal(msp_notify_sign((const unsigned char *)"k", 1, NULL, 0, INT64_MAX, header,
	                     sizeof(header), &len, &err),
	    MSP_OK);
	assert_int_equal(len, MSP_NOTIFY_AUTH_HEADER_SIZE - 1);
	assert_int_equal(strlen(header), len);
	/* Timestamp 0 is a timestamp. */
	sign("k", "{}", 2, 0, header);
	expect_valid("k", "{}", 2, header, 0, 0);
}

/* ---- Event ids -------------------------------------------------------------------------------- */

static msp_notify_related related(const char *type, const char *id, const char *status)
{
	msp_notify_related r = {type, strlen(type), id, strlen(id), status, strlen(status)};
	return r;
}

static msp_notify_event event(const char *order_id, const char *status, const char *financial_status,
    int64_t refunded, const msp_notify_related *rel, size_t count)
{
	msp_notify_event e = {order_id, strlen(order_id), status, strlen(status), financial_status,
	    strlen(financial_status), refunded, rel, count};
	return e;
}

static void event_id(const msp_notify_event *e, char out[MSP_NOTIFY_EVENT_ID_SIZE])
{
	msp_error err;
	assert_int_equal(msp_notify_event_id(e, out, &err), MSP_OK);
	assert_int_equal(strlen(out), 64);
}

static void test_event_id(void **state)
{
	(void)state;
	char a[MSP_NOTIFY_EVENT_ID_SIZE], b[MSP_NOTIFY_EVENT_ID_SIZE];
	msp_notify_related rel[2] = {
	    related("refund", "3326969", "completed"), related("refund", "3326970", "reserved")};
	/* Known answers computed independently with Python's hashlib over the documented encoding. */
	msp_notify_event e = event("my-order-id", "partial_refunded", "completed", 300, rel, 2);
	event_id(&e, a);
	assert_string_equal(a, "4bf8cd411b236bd1d05b4a7a142e2267ec82e654f050712ab5277834415c23ce");
	msp_notify_event plain = event("182", "completed", "completed", 0, NULL, 0);
	event_id(&plain, a);
	assert_string_equal(a, "d73056a6b25c3efcb898f64893eb6d72e4c9902d388c32d1b02d916cdff0c9d1");

	/* A resend (same state) gives the same id; related transactions count as a set. */
	event_id(&e, a);
	msp_notify_related swapped[2] = {rel[1], rel[0]};
	msp_notify_event e2 = event("my-order-id", "partial_refunded", "completed", 300, swapped, 2);
	event_id(&e2, b);
	assert_string_equal(a, b);

	/* Every real change gives a new id. */
	msp_notify_event changes[6];
	msp_notify_related completed_rel[2] = {rel[0], related("refund", "3326970", "completed")};
	msp_notify_related more_rel[3] = {rel[0], rel[1], related("chargeback", "3326999", "completed")};
	changes[0] = event("my-order-id", "refunded", "completed", 300, rel, 2);
	changes[1] = event("my-order-id", "partial_refunded", "refunded", 300, rel, 2);
	changes[2] = event("my-order-id", "partial_refunded", "completed", 301, rel, 2);
	changes[3] = event("my-order-id", "partial_refunded", "completed", 300, completed_rel, 2);
	changes[4] = event("my-order-id", "partial_refunded", "completed", 300, more_rel, 3);
	changes[5] = event("my-order-id2", "partial_refunded", "completed", 300, rel, 2);
	for (size_t i = 0; i < 6; i++) {
		event_id(&changes[i], b);
		assert_string_not_equal(a, b);
	}
	/* Field boundaries matter: ("ab", "c") is not ("a", "bc"). */
	msp_notify_event split1 = event("ab", "c", "", 0, NULL, 0);
	msp_notify_event split2 = event("a", "bc", "", 0, NULL, 0);
	event_id(&split1, a);
	event_id(&split2, b);
	assert_string_not_equal(a, b);
	/* Bytes are bytes: a NUL inside an order id counts. */
	msp_notify_event nul1 = {"a\0b", 3, "completed", 9, "completed", 9, 0, NULL, 0};
	msp_notify_event nul2 = {"a\0c", 3, "completed", 9, "completed", 9, 0, NULL, 0};
	event_id(&nul1, a);
	event_id(&nul2, b);
	assert_string_not_equal(a, b);
	/* Absent (NULL) and empty fields are the same. */
	msp_notify_event absent = {NULL, 0, NULL, 0, NULL, 0, 0, NULL, 0};
	msp_notify_event empty = event("", "", "", 0, NULL, 0);
	event_id(&absent, a);
	event_id(&empty, b);
	assert_string_equal(a, b);

	msp_error err;
	msp_notify_event bad = {NULL, 3, "completed", 9, "completed", 9, 0, NULL, 0};
	assert_int_equal(msp_notify_event_id(&bad, a, &err), MSP_ERR_INVALID);
	assert_int_equal(err.reason, MSP_NOTIFY_INVALID_ARGUMENT);
	bad = event("x", "completed", "completed", 0, NULL, 2);
	assert_int_equal(msp_notify_event_id(&bad, a, &err), MSP_ERR_INVALID);
	msp_notify_related bad_rel = {"refund", 6, NULL, 4, "completed", 9};
	bad = event("x", "completed", "completed", 0, &bad_rel, 1);
	assert_int_equal(msp_notify_event_id(&bad, a, &err), MSP_ERR_INVALID);
	assert_int_equal(msp_notify_event_id(NULL, a, &err), MSP_ERR_INVALID);
	assert_int_equal(msp_notify_event_id(&e, NULL, &err), MSP_ERR_INVALID);
}

static void test_reason_names(void **state)
{
	(void)state;
	const char *names[] = {"ok", "malformed_header", "bad_base64", "no_separator", "bad_timestamp",
	    "bad_signature_length", "bad_hex", "timestamp_outside_window", "signature_mismatch", "empty_key",
	    "invalid_argument", "crypto_failure", "nomem"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_string_equal(msp_notify_reason_name((msp_notify_reason)i), names[i]);
	}
	assert_string_equal(msp_notify_reason_name((msp_notify_reason)99), "unknown");
}

/* ---- Fuzz ------------------------------------------------------------------------------------- */

#define FUZZ_ITERATIONS 100000

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static uint64_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t random_below(size_t n)
{
	return (size_t)(next_random() % n);
}

static void random_bytes(unsigned char *out, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		out[i] = (unsigned char)next_random();
	}
}

/* Random text that looks like a decoded header: digits, a ':', hex of a random length. */
static size_t random_plain(char *out)
{
	static const char hex[] = "0123456789abcdefABCDEFg:";
	size_t n = 0;
	size_t digits = random_below(22);
	for (size_t i = 0; i < digits; i++) {
		out[n++] = (char)('0' + random_below(10));
	}
	if (random_below(8) != 0) {
		out[n++] = ':';
	}
	size_t sig = random_below(8) == 0 ? random_below(200) : 126 + random_below(5);
	for (size_t i = 0; i < sig; i++) {
		out[n++] = hex[random_below(random_below(50) == 0 ? sizeof(hex) - 1 : 22)];
	}
	return n;
}

/* An accepted header must be the canonical base64 of the valid plain text, hex case aside. */
static void assert_acceptable(const char *header, size_t len, const char *valid_plain)
{
	while (len > 0 && strchr(" \t\r\n", header[len - 1]) != NULL) {
		len--;
	}
	while (len > 0 && strchr(" \t\r\n", header[0]) != NULL) {
		header++;
		len--;
	}
	unsigned char decoded[400];
	int n = EVP_DecodeBlock(decoded, (const unsigned char *)header, (int)len);
	assert_true(n > 0);
	size_t plain_len = (size_t)n - (header[len - 1] == '=') - (header[len - 2] == '=');
	assert_int_equal(plain_len, strlen(valid_plain));
	for (size_t i = 0; i < plain_len; i++) {
		char c = (char)decoded[i];
		if (c >= 'A' && c <= 'F') {
			c = (char)(c - 'A' + 'a');
		}
		assert_int_equal(c, valid_plain[i]);
	}
	char again[400];
	base64(decoded, plain_len, again);
	assert_int_equal(strlen(again), len);
	assert_memory_equal(again, header, len);
}

static void test_fuzz_malformed_headers(void **state)
{
	(void)state;
	const char key[] = "fuzz-key";
	const char body[] = "{\"order_id\":\"fuzz\",\"status\":\"completed\",\"financial_status\":\"completed\"}";
	char valid[MSP_NOTIFY_AUTH_HEADER_SIZE];
	sign(key, body, strlen(body), NOW - 5, valid);
	unsigned char decoded_valid[200];
	int valid_plain_len = EVP_DecodeBlock(decoded_valid, (const unsigned char *)valid, (int)strlen(valid)) -
	                      (valid[strlen(valid) - 1] == '=') - (valid[strlen(valid) - 2] == '=');
	char valid_plain[200];
	memcpy(valid_plain, decoded_valid, (size_t)valid_plain_len);
	valid_plain[valid_plain_len] = '\0';

	size_t reasons[MSP_NOTIFY_NOMEM + 1] = {0};
	size_t accepted = 0;
	for (size_t i = 0; i < FUZZ_ITERATIONS; i++) {
		char header[700];
		size_t len = 0;
		char plain[400];
		int64_t signed_ts = 0;
		bool legit = false;
		switch (i % 5) {
			case 0: /* random bytes */
				len = random_below(300);
				random_bytes((unsigned char *)header, len);
				break;
			case 1: /* base64 of random bytes or of header-like text */
				if (random_below(2) == 0) {
					size_t plain_len = random_below(200);
					random_bytes((unsigned char *)plain, plain_len);
					base64(plain, plain_len, header);
				} else {
					size_t plain_len = random_plain(plain);
					base64(plain, plain_len, header);
				}
				len = strlen(header);
				break;
			case 2: /* a valid header, truncated */
				len = random_below(strlen(valid));
				memcpy(header, valid, len);
				break;
			case 3: { /* a valid header with one character changed */
				len = strlen(valid);
				memcpy(header, valid, len);
				size_t pos = random_below(len);
				char replacement;
				do {
					replacement = (char)next_random();
				} while (replacement == header[pos]);
				header[pos] = replacement;
				break;
			}
			default: /* authentic, with a timestamp in or out of the window */
				signed_ts = NOW + (int64_t)random_below(2 * TOLERANCE + 41) - TOLERANCE - 20;
				sign(key, body, strlen(body), signed_ts, header);
				len = strlen(header);
				legit = true;
				break;
		}
		msp_error err;
		msp_error_clear(&err);
		int64_t ts = -1;
		msp_status status = msp_notify_verify((const unsigned char *)key, strlen(key),
		    (const unsigned char *)body, strlen(body), header, len, TOLERANCE, NOW, &ts, &err);
		if (legit) {
			bool inside = signed_ts >= NOW - TOLERANCE && signed_ts <= NOW + TOLERANCE;
			assert_int_equal(status, inside ? MSP_OK : MSP_ERR_SIGNATURE);
			assert_int_equal(ts, signed_ts);
			if (!inside) {
				assert_int_equal(err.reason, MSP_NOTIFY_TIMESTAMP_OUTSIDE_WINDOW);
			}
			continue;
		}
		if (status == MSP_OK) {
			assert_acceptable(header, len, valid_plain);
			assert_int_equal(ts, NOW - 5);
			accepted++;
			continue;
		}
		assert_int_equal(status, MSP_ERR_SIGNATURE);
		assert_true(err.reason > MSP_NOTIFY_OK && err.reason <= MSP_NOTIFY_EMPTY_KEY);
		assert_true(err.message[0] != '\0');
		assert_null(strstr(err.message, key));
		if (err.reason != MSP_NOTIFY_TIMESTAMP_OUTSIDE_WINDOW) {
			assert_int_equal(ts, 0);
		}
		reasons[err.reason]++;
	}
	print_message(
	    "fuzz: %d iterations; malformed %zu, bad_base64 %zu, no_separator %zu, bad_timestamp %zu, "
	    "bad_signature_length %zu, bad_hex %zu, outside_window %zu, mismatch %zu; accepted variants %zu\n",
	    FUZZ_ITERATIONS, reasons[MSP_NOTIFY_MALFORMED_HEADER], reasons[MSP_NOTIFY_BAD_BASE64],
	    reasons[MSP_NOTIFY_NO_SEPARATOR], reasons[MSP_NOTIFY_BAD_TIMESTAMP],
	    reasons[MSP_NOTIFY_BAD_SIGNATURE_LENGTH], reasons[MSP_NOTIFY_BAD_HEX],
	    reasons[MSP_NOTIFY_TIMESTAMP_OUTSIDE_WINDOW], reasons[MSP_NOTIFY_SIGNATURE_MISMATCH], accepted);
	for (int r = MSP_NOTIFY_MALFORMED_HEADER; r <= MSP_NOTIFY_SIGNATURE_MISMATCH; r++) {
		if (r != MSP_NOTIFY_TIMESTAMP_OUTSIDE_WINDOW && reasons[r] == 0) {
			fail_msg("the fuzz loop never produced %s", msp_notify_reason_name((msp_notify_reason)r));
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_known_answer_multisafepay_docs),
	    cmocka_unit_test(test_known_answer_multisafepay_docs_raw_bytes),
	    cmocka_unit_test(test_known_answer_php_sdk),
	    cmocka_unit_test(test_known_answer_openssl_binary_body),
	    cmocka_unit_test(test_tampered_body),
	    cmocka_unit_test(test_tampered_signature),
	    cmocka_unit_test(test_keys),
	    cmocka_unit_test(test_window_both_directions),
	    cmocka_unit_test(test_malformed_headers),
	    cmocka_unit_test(test_arguments),
	    cmocka_unit_test(test_event_id),
	    cmocka_unit_test(test_reason_names),
	    cmocka_unit_test(test_fuzz_malformed_headers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
