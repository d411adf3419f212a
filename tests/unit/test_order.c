/* Unit tests of src/core/order.c: every refusal names its field (path and enum), the whole-request
 * checks (card, customer, flexible 3-D Secure, live URLs), the exact bytes of the JSON bodies (then
 * parsed back with json-c to check the structure), escaping, a large cart that makes the secure
 * buffer grow, and the small bodies of the other calls. */
#define _DEFAULT_SOURCE /* strdup */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "jsonw.h"
#include "order.h"

/* ---- Helpers -------------------------------------------------------------------------------- */

#define NOW ((time_t)1795000000) /* 2026-11-19 */

#define VISA       "4111111111111111"
#define MASTERCARD "5500000000000004"
#define MAESTRO    "6799990000000000011"
#define AMEX       "374500000000015"
#define BANCONTACT "67034500054620008"

static msp_card *card_with(const char *pan, const char *cvc, int month, int year, const char *holder)
{
	msp_card *card = NULL;
	msp_error err;
	msp_error_clear(&err);
	msp_status status = msp_card_new(pan, strlen(pan), cvc, cvc ? strlen(cvc) : 0, month, year, holder,
	    holder ? strlen(holder) : 0, &card, &err);
	if (status != MSP_OK) {
		fail_msg("card refused: %s", err.message);
	}
	return card;
}

static msp_card *visa(void)
{
	return card_with(VISA, "123", 12, 2030, "J. Jansen");
}

static msp_order_request *request_for(const msp_card *card, const char *gateway)
{
	msp_order_request *req = NULL;
	msp_error err;
	msp_error_clear(&err);
	msp_status status = msp_order_request_new("shop-1001", 9, 1000, "EUR", 3, "T-shirt", 7, card, gateway,
	    gateway ? strlen(gateway) : 0, &req, &err);
	if (status != MSP_OK) {
		fail_msg("request refused: %s", err.message);
	}
	return req;
}

static void set_text(msp_order_request *req, const char *group, const char *key, const char *value)
{
	msp_error err;
	msp_error_clear(&err);
	if (msp_order_request_set_text(req, group, key, strlen(key), value, strlen(value), &err) != MSP_OK) {
		fail_msg("%s.%s = \"%s\" refused: %s", group, key, value, err.message);
	}
}

static void set_bool(msp_order_request *req, const char *group, const char *key, bool value)
{
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(msp_order_request_set_bool(req, group, key, strlen(key), value, &err), MSP_OK);
}

static void set_int(msp_order_request *req, const char *group, const char *key, int64_t value)
{
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(msp_order_request_set_int(req, group, key, strlen(key), value, &err), MSP_OK);
}

static void add_item(msp_order_request *req, const char *name, int64_t price, int64_t quantity,
    const char *id, const char *description, const char *tax)
{
	msp_error err;
	msp_error_clear(&err);
	msp_status status =
	    msp_order_request_add_item(req, name, strlen(name), price, quantity, id, id ? strlen(id) : 0,
	        description, description ? strlen(description) : 0, tax, tax ? strlen(tax) : 0, &err);
	if (status != MSP_OK) {
		fail_msg("item refused: %s", err.message);
	}
}

static void with_customer(msp_order_request *req)
{
	set_text(req, "customer", "ip_address", "203.0.113.7");
	set_text(req, "customer", "country", "NL");
}

/* An MSP_ERR_INVALID that names field both ways. */
static void expect_field(msp_status status, const msp_error *err, msp_order_field field)
{
	if (status != MSP_ERR_INVALID || err->status != MSP_ERR_INVALID) {
		fail_msg(
		    "expected MSP_ERR_INVALID for %s, got %d: %s", msp_order_field_name(field), status, err->message);
	}
	if (strcmp(err->field, msp_order_field_name(field)) != 0 || err->reason != (int)field) {
		fail_msg("expected field %s (%d), got \"%s\" (%d): %s", msp_order_field_name(field), field,
		    err->field, err->reason, err->message);
	}
	/* Messages start with the path, so they read alike, and never carry a control character. */
	assert_non_null(strstr(err->message, msp_order_field_name(field)));
	for (const char *p = err->message; *p; p++) {
		assert_true((unsigned char)*p >= 0x20);
	}
}

static char *body_of(const msp_order_request *req)
{
	msp_secbuf *body = NULL;
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(msp_order_request_write_json(req, &body, &err), MSP_OK);
	assert_int_equal(strlen((const char *)body->data), body->len);
	char *copy = strdup((const char *)body->data);
	msp_secbuf_free(body);
	return copy;
}

static json_object *parse_strict(const char *text)
{
	json_tokener *tok = json_tokener_new_ex(64);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	json_object *obj = json_tokener_parse_ex(tok, text, (int)strlen(text));
	assert_int_equal(json_tokener_get_error(tok), json_tokener_success);
	assert_int_equal(json_tokener_get_parse_end(tok), strlen(text));
	json_tokener_free(tok);
	assert_non_null(obj);
	return obj;
}

/* The member at a dotted path ("gateway_info.card_number"), or NULL. */
static json_object *at(json_object *obj, const char *path)
{
	char copy[128];
	snprintf(copy, sizeof(copy), "%s", path);
	for (char *key = strtok(copy, "."); key != NULL && obj != NULL; key = strtok(NULL, ".")) {
		json_object *next = NULL;
		obj = json_object_object_get_ex(obj, key, &next) ? next : NULL;
	}
	return obj;
}

static void expect_string_at(json_object *root, const char *path, const char *expected)
{
	json_object *v = at(root, path);
	if (v == NULL || !json_object_is_type(v, json_type_string)) {
		fail_msg("%s is not a string", path);
	}
	assert_string_equal(json_object_get_string(v), expected);
}

/* ---- Construction ------------------------------------------------------------------------- */

static void test_new_refusals_name_their_field(void **state)
{
	(void)state;
	msp_card *card = visa();
	struct {
		const char *order_id;
		size_t order_id_len;
		int64_t amount;
		const char *currency;
		const char *description;
		const char *gateway;
		msp_order_field field;
	} cases[] = {
	    {"", 0, 1000, "EUR", "x", NULL, MSP_ORDER_FIELD_ORDER_ID},
	    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 51, 1000, "EUR", "x", NULL,
	        MSP_ORDER_FIELD_ORDER_ID},
	    {"a\nb", 3, 1000, "EUR", "x", NULL, MSP_ORDER_FIELD_ORDER_ID},
	    {"a\0b", 3, 1000, "EUR", "x", NULL, MSP_ORDER_FIELD_ORDER_ID},
	    {"\xc3\x28", 2, 1000, "EUR", "x", NULL, MSP_ORDER_FIELD_ORDER_ID},     /* invalid UTF-8 */
	    {"\xed\xa0\x80", 3, 1000, "EUR", "x", NULL, MSP_ORDER_FIELD_ORDER_ID}, /* surrogate */
	    {"o1", 2, 1000, "eur", "x", NULL, MSP_ORDER_FIELD_CURRENCY},
	    {"o1", 2, 1000, "EUX", "x", NULL, MSP_ORDER_FIELD_CURRENCY},
	    {"o1", 2, 1000, "EU", "x", NULL, MSP_ORDER_FIELD_CURRENCY},
	    {"o1", 2, 0, "EUX", "x", NULL, MSP_ORDER_FIELD_CURRENCY}, /* a zero authorization checks it too */
	    {"o1", 2, -5, "EUR", "x", NULL, MSP_ORDER_FIELD_AMOUNT},
	    {"o1", 2, (int64_t)INT32_MAX + 1, "EUR", "x", NULL, MSP_ORDER_FIELD_AMOUNT},
	    {"o1", 2, 1000, "EUR", "", NULL, MSP_ORDER_FIELD_DESCRIPTION},
	    {"o1", 2, 1000, "EUR", "tab\there", NULL, MSP_ORDER_FIELD_DESCRIPTION},
	    {"o1", 2, 1000, "EUR", "x", "AMEX", MSP_ORDER_FIELD_GATEWAY},
	    {"o1", 2, 1000, "EUR", "x", "PAYPAL", MSP_ORDER_FIELD_GATEWAY},
	    {"o1", 2, 1000, "EUR", "x", "", MSP_ORDER_FIELD_GATEWAY},
	    {"o1", 2, 1000, "EUR", "x", "MISTERCASH", MSP_ORDER_FIELD_GATEWAY},
	    {"o1", 2, 1000, "EUR", "x", "DINERS", MSP_ORDER_FIELD_GATEWAY},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		msp_order_request *req = (msp_order_request *)1;
		msp_error err;
		msp_error_clear(&err);
		msp_status status = msp_order_request_new(cases[i].order_id, cases[i].order_id_len, cases[i].amount,
		    cases[i].currency, strlen(cases[i].currency), cases[i].description, strlen(cases[i].description),
		    card, cases[i].gateway, cases[i].gateway ? strlen(cases[i].gateway) : 0, &req, &err);
		expect_field(status, &err, cases[i].field);
		assert_null(req);
	}
	/* 201 characters of description; 200 multi-byte characters are fine. */
	char long_text[1024];
	memset(long_text, 'd', 201);
	msp_order_request *req = NULL;
	msp_error err;
	msp_error_clear(&err);
	expect_field(msp_order_request_new("o1", 2, 1000, "EUR", 3, long_text, 201, card, NULL, 0, &req, &err),
	    &err, MSP_ORDER_FIELD_DESCRIPTION);
	for (int i = 0; i < 200; i++) {
		memcpy(long_text + i * 3, "\xe2\x82\xac", 3); /* € */
	}
	assert_int_equal(
	    msp_order_request_new("o1", 2, 1000, "EUR", 3, long_text, 600, card, NULL, 0, &req, &err), MSP_OK);
	msp_order_request_free(req);
	expect_field(msp_order_request_new("o1", 2, 1000, "EUR", 3, "x", 1, NULL, NULL, 0, &req, &err), &err,
	    MSP_ORDER_FIELD_CARD);
	msp_card_free(card);
}

static void test_gateway_defaults_and_normalisation(void **state)
{
	(void)state;
	struct {
		const char *pan;
		const char *cvc;
		const char *gateway; /* as given */
		const char *sent;
	} cases[] = {
	    {VISA, "123", NULL, "VISA"},
	    {VISA, "123", "visa", "VISA"},
	    {VISA, "123", "CreditCard", "CREDITCARD"},
	    {MASTERCARD, "123", NULL, "MASTERCARD"},
	    {MAESTRO, NULL, NULL, "MAESTRO"},
	    {AMEX, "1234", "amex", "AMEX"},
	    {BANCONTACT, NULL, NULL, "MISTERCASH"},
	    {BANCONTACT, NULL, "BANCONTACT", "MISTERCASH"},
	    {BANCONTACT, NULL, "mistercash", "MISTERCASH"},
	    {BANCONTACT, NULL, "CREDITCARD", "CREDITCARD"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		msp_card *card = card_with(cases[i].pan, cases[i].cvc, 12, 2030, NULL);
		msp_order_request *req = request_for(card, cases[i].gateway);
		assert_string_equal(msp_order_request_gateway(req), cases[i].sent);
		assert_ptr_equal(msp_order_request_card(req), card);
		msp_order_request_free(req);
		msp_card_free(card);
	}
}

static void test_accessors(void **state)
{
	(void)state;
	msp_card *card = visa();
	msp_order_request *req = request_for(card, NULL);
	assert_string_equal(msp_order_request_order_id(req), "shop-1001");
	assert_int_equal(msp_order_request_amount(req), 1000);
	assert_string_equal(msp_order_request_currency(req), "EUR");
	assert_null(msp_order_request_text(req, "customer", "city"));
	set_text(req, "customer", "city", "Amsterdam");
	set_text(req, "customer", "city", "Utrecht"); /* replaced */
	assert_string_equal(msp_order_request_text(req, "customer", "city"), "Utrecht");
	assert_null(msp_order_request_text(req, "customer", "shoe_size"));
	msp_order_request_free(req);
	msp_order_request_free(NULL);
	msp_card_free(card);
}

/* ---- Fields ------------------------------------------------------------------------------- */

static void test_field_names_are_paths(void **state)
{
	(void)state;
	assert_string_equal(msp_order_field_name(MSP_ORDER_FIELD_NONE), "");
	assert_string_equal(msp_order_field_name(MSP_ORDER_FIELD_COUNT), "");
	assert_string_equal(msp_order_field_name((msp_order_field)-1), "");
	assert_string_equal(msp_order_field_name(MSP_ORDER_FIELD_CUSTOMER_COUNTRY), "customer.country");
	assert_string_equal(
	    msp_order_field_name(MSP_ORDER_FIELD_BROWSER_TIME_ZONE), "customer.browser.time_zone");
	assert_string_equal(msp_order_field_name(MSP_ORDER_FIELD_ITEM_QUANTITY), "shopping_cart.items.quantity");
	/* Every field has a distinct, non-empty name that fits msp_error.field. */
	for (int a = MSP_ORDER_FIELD_NONE + 1; a < MSP_ORDER_FIELD_COUNT; a++) {
		const char *name = msp_order_field_name((msp_order_field)a);
		assert_true(name[0] != '\0');
		assert_true(strlen(name) < sizeof(((msp_error *)0)->field));
		for (int b = a + 1; b < MSP_ORDER_FIELD_COUNT; b++) {
			assert_string_not_equal(name, msp_order_field_name((msp_order_field)b));
		}
	}
}

static void test_field_types(void **state)
{
	(void)state;
	msp_field_type type;
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(msp_order_field_type("customer", "country", 7, &type, &err), MSP_OK);
	assert_int_equal(type, MSP_FIELD_TEXT);
	assert_int_equal(msp_order_field_type("customer.browser", "java_enabled", 12, &type, &err), MSP_OK);
	assert_int_equal(type, MSP_FIELD_BOOL);
	assert_int_equal(msp_order_field_type("customer.browser", "screen_width", 12, &type, &err), MSP_OK);
	assert_int_equal(type, MSP_FIELD_INT);
	assert_int_equal(msp_order_field_type("custom_info", "custom_2", 8, &type, &err), MSP_OK);
	assert_int_equal(msp_order_field_type("", "recurring_model", 15, &type, &err), MSP_OK);
	/* Unknown keys, core fields (set by the constructor) and keys in the wrong group. */
	assert_int_equal(msp_order_field_type("customer", "shoe_size", 9, &type, &err), MSP_ERR_INVALID);
	assert_string_equal(err.field, "customer.shoe_size");
	assert_int_equal(err.reason, MSP_ORDER_FIELD_NONE);
	assert_int_equal(msp_order_field_type("", "order_id", 8, &type, &err), MSP_ERR_INVALID);
	assert_int_equal(msp_order_field_type("", "country", 7, &type, &err), MSP_ERR_INVALID);
	assert_int_equal(msp_order_field_type("delivery", "ip_address", 10, &type, &err), MSP_ERR_INVALID);
	/* A key with a control character is echoed without it. */
	assert_int_equal(msp_order_field_type("customer", "a\nb", 3, &type, &err), MSP_ERR_INVALID);
	assert_string_equal(err.field, "customer.a?b");
	assert_null(strchr(err.message, '\n'));
}

typedef struct {
	const char *group;
	const char *key;
	const char *value;
	msp_order_field field;
} text_case;

static void test_text_refusals_name_their_field(void **state)
{
	(void)state;
	char long_url[200];
	snprintf(long_url, sizeof(long_url), "https://shop.example/%0130d", 0);
	char long_var[600];
	memset(long_var, 'v', 501);
	long_var[501] = '\0';
	char long_name[128];
	memset(long_name, 'n', 101);
	long_name[101] = '\0';
	const text_case cases[] = {
	    {"", "var1", long_var, MSP_ORDER_FIELD_VAR1},
	    {"", "var2", "line\nbreak", MSP_ORDER_FIELD_VAR2},
	    {"", "var3", "\x80", MSP_ORDER_FIELD_VAR3},
	    {"", "recurring_model", "monthly", MSP_ORDER_FIELD_RECURRING_MODEL},
	    {"gateway_info", "term_url", "/3ds/term", MSP_ORDER_FIELD_TERM_URL},
	    {"customer", "locale", "dutch", MSP_ORDER_FIELD_CUSTOMER_LOCALE},
	    {"customer", "locale", "NL_nl", MSP_ORDER_FIELD_CUSTOMER_LOCALE},
	    {"customer", "locale", "nl-NL", MSP_ORDER_FIELD_CUSTOMER_LOCALE},
	    {"customer", "ip_address", "300.1.2.3", MSP_ORDER_FIELD_CUSTOMER_IP_ADDRESS},
	    {"customer", "ip_address", "203.0.113.7 ", MSP_ORDER_FIELD_CUSTOMER_IP_ADDRESS},
	    {"customer", "ip_address", "localhost", MSP_ORDER_FIELD_CUSTOMER_IP_ADDRESS},
	    {"customer", "ip_address", "2001:db8::1::2", MSP_ORDER_FIELD_CUSTOMER_IP_ADDRESS},
	    {"customer", "forwarded_ip", "1.2.3", MSP_ORDER_FIELD_CUSTOMER_FORWARDED_IP},
	    {"customer", "first_name", long_name, MSP_ORDER_FIELD_CUSTOMER_FIRST_NAME},
	    {"customer", "last_name", "\x7f", MSP_ORDER_FIELD_CUSTOMER_LAST_NAME},
	    {"customer", "address1", "Kraanspoor\r\n39", MSP_ORDER_FIELD_CUSTOMER_ADDRESS1},
	    {"customer", "house_number", "123456789012345678901", MSP_ORDER_FIELD_CUSTOMER_HOUSE_NUMBER},
	    {"customer", "zip_code", "\xc0\xaf", MSP_ORDER_FIELD_CUSTOMER_ZIP_CODE}, /* overlong */
	    {"customer", "city", "Amster\ndam", MSP_ORDER_FIELD_CUSTOMER_CITY},
	    {"customer", "country", "XX", MSP_ORDER_FIELD_CUSTOMER_COUNTRY},
	    {"customer", "country", "nl", MSP_ORDER_FIELD_CUSTOMER_COUNTRY},
	    {"customer", "country", "NLD", MSP_ORDER_FIELD_CUSTOMER_COUNTRY},
	    {"customer", "country", "UK", MSP_ORDER_FIELD_CUSTOMER_COUNTRY},
	    {"customer", "email", "not-an-email", MSP_ORDER_FIELD_CUSTOMER_EMAIL},
	    {"customer", "email", "a@b", MSP_ORDER_FIELD_CUSTOMER_EMAIL},
	    {"customer", "email", "a b@example.com", MSP_ORDER_FIELD_CUSTOMER_EMAIL},
	    {"customer", "email", "a@@example.com", MSP_ORDER_FIELD_CUSTOMER_EMAIL},
	    {"customer", "email", "a@example..com", MSP_ORDER_FIELD_CUSTOMER_EMAIL},
	    {"customer", "email", "a@example.com.", MSP_ORDER_FIELD_CUSTOMER_EMAIL},
	    {"customer", "email", "@example.com", MSP_ORDER_FIELD_CUSTOMER_EMAIL},
	    {"customer", "email", "a@example.com\r\nBcc: x@y.z", MSP_ORDER_FIELD_CUSTOMER_EMAIL},
	    {"customer", "referrer", "line\nbreak", MSP_ORDER_FIELD_CUSTOMER_REFERRER},
	    {"customer", "gender", "x", MSP_ORDER_FIELD_CUSTOMER_GENDER},
	    {"customer", "gender", "Male", MSP_ORDER_FIELD_CUSTOMER_GENDER},
	    {"customer", "gender", "m", MSP_ORDER_FIELD_CUSTOMER_GENDER}, /* the schema's enum is upper case */
	    {"customer", "gender", "MF", MSP_ORDER_FIELD_CUSTOMER_GENDER},
	    {"customer", "birthday", "10071970", MSP_ORDER_FIELD_CUSTOMER_BIRTHDAY}, /* the docs example's */
	    {"customer", "birthday", "1990-02-30", MSP_ORDER_FIELD_CUSTOMER_BIRTHDAY},
	    {"customer", "birthday", "1990-2-3", MSP_ORDER_FIELD_CUSTOMER_BIRTHDAY},
	    {"customer", "birthday", "2023-02-29", MSP_ORDER_FIELD_CUSTOMER_BIRTHDAY},
	    {"customer", "birthday", "1800-01-01", MSP_ORDER_FIELD_CUSTOMER_BIRTHDAY},
	    {"customer", "birthday", "19900101", MSP_ORDER_FIELD_CUSTOMER_BIRTHDAY},
	    {"customer.browser", "user_agent", "\t", MSP_ORDER_FIELD_BROWSER_USER_AGENT},
	    {"delivery", "country", "ZZ", MSP_ORDER_FIELD_DELIVERY_COUNTRY},
	    {"delivery", "email", "x", MSP_ORDER_FIELD_DELIVERY_EMAIL},
	    {"payment_options", "notification_url", long_url, MSP_ORDER_FIELD_NOTIFICATION_URL},
	    {"payment_options", "notification_url", "ftp://shop.example/n", MSP_ORDER_FIELD_NOTIFICATION_URL},
	    {"payment_options", "notification_method", "PUT", MSP_ORDER_FIELD_NOTIFICATION_METHOD},
	    {"payment_options", "notification_method", "post", MSP_ORDER_FIELD_NOTIFICATION_METHOD},
	    {"payment_options", "redirect_url", "/checkout/done", MSP_ORDER_FIELD_REDIRECT_URL},
	    {"payment_options", "cancel_url", "https://shop.example/a b", MSP_ORDER_FIELD_CANCEL_URL},
	    {"custom_info", "custom_2", "\x01", MSP_ORDER_FIELD_CUSTOM_2},
	};
	msp_card *card = visa();
	msp_order_request *req = request_for(card, NULL);
	set_text(req, "customer", "city", "Amsterdam");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		msp_error err;
		msp_error_clear(&err);
		const text_case *c = &cases[i];
		msp_status status = msp_order_request_set_text(
		    req, c->group, c->key, strlen(c->key), c->value, strlen(c->value), &err);
		expect_field(status, &err, c->field);
	}
	/* A refused value leaves the previous one in place. */
	assert_string_equal(msp_order_request_text(req, "customer", "city"), "Amsterdam");
	/* Embedded NUL bytes are control characters too. */
	msp_error err;
	msp_error_clear(&err);
	expect_field(msp_order_request_set_text(req, "customer", "ip_address", 10, "1.2.3.4\0x", 9, &err), &err,
	    MSP_ORDER_FIELD_CUSTOMER_IP_ADDRESS);
	expect_field(msp_order_request_set_text(req, "customer", "country", 7, "N\0", 2, &err), &err,
	    MSP_ORDER_FIELD_CUSTOMER_COUNTRY);
	msp_order_request_free(req);
	msp_card_free(card);
}

static void test_values_accepted(void **state)
{
	(void)state;
	const text_case cases[] = {
	    {"customer", "ip_address", "203.0.113.7", 0},
	    {"customer", "ip_address", "2001:db8::7", 0},
	    {"customer", "ip_address", "::ffff:203.0.113.7", 0},
	    {"customer", "locale", "nl_NL", 0},
	    {"customer", "email", "jan.jansen+shop@example.co.uk", 0},
	    {"customer", "email", "j\xc3\xa4n@b\xc3\xbc\x63her.de", 0},
	    {"customer", "birthday", "2000-02-29", 0},
	    {"customer", "gender", "mrs", 0},
	    {"customer", "gender", "M", 0},
	    {"customer", "gender", "F", 0},
	    {"customer", "referrer", "android-app://com.example.shop", 0},
	    {"customer", "first_name", "Zo\xc3\xab \xf0\x9f\x98\x80", 0},
	    {"customer", "referrer", "http://127.0.0.1:8080/cart?x=1#top", 0},
	    {"payment_options", "notification_url", "http://localhost:8000/notify", 0},
	    {"payment_options", "notification_url", "https://[2001:db8::1]:8443/n", 0},
	    {"payment_options", "notification_url", "HTTPS://shop.example/n?transactionid=1", 0},
	    {"payment_options", "redirect_url", "https://xn--bcher-kva.example/done", 0},
	    {"payment_options", "cancel_url", "https://b\xc3\xbc\x63her.example/cancel", 0},
	    {"payment_options", "notification_method", "GET", 0},
	    {"", "recurring_model", "cardOnFile", 0},
	    {"", "recurring_model", "unscheduled", 0},
	};
	msp_card *card = visa();
	msp_order_request *req = request_for(card, NULL);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		set_text(req, cases[i].group, cases[i].key, cases[i].value);
	}
	msp_order_request_free(req);
	msp_card_free(card);
}

static void test_url_rules(void **state)
{
	(void)state;
	const char *valid[] = {"https://shop.example", "https://shop.example/", "http://127.0.0.1:1/x",
	    "https://shop.example:65535/", "https://[::1]/n", "https://[::1]:443", "https://a.b/c?d=e&f=%20#g",
	    "https://shop.example/notify?type=notification"};
	const char *invalid[] = {"", "https://", "https:///path", "https://:443/", "https://shop.example:0/",
	    "https://shop.example:65536/", "https://shop.example:8a/", "https://shop.example:/",
	    "https://user:pw@shop.example/", "https://shop .example/", "https://shop.example/<script>",
	    "https://shop.example/\"", "https://shop.example/\\", "https://shop.example/{x}", "https://[::1/",
	    "https://[zz::1]/", "https://[::1]x/", "https://-shop.example/", "https://.shop.example/",
	    "https://shop_example/", "shop.example/notify", "//shop.example/notify", "https://shop.example/\xff",
	    "https://shop.example/\t"};
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		if (!msp_url_valid(valid[i], strlen(valid[i]), false)) {
			fail_msg("refused: %s", valid[i]);
		}
	}
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		if (msp_url_valid(invalid[i], strlen(invalid[i]), false)) {
			fail_msg("accepted: %s", invalid[i]);
		}
	}
	assert_false(msp_url_valid("http://shop.example/", 20, true));
	assert_true(msp_url_valid("https://shop.example/", 21, true));
	assert_false(msp_url_valid(NULL, 0, false));
}

static void test_typed_setters(void **state)
{
	(void)state;
	msp_card *card = visa();
	msp_order_request *req = request_for(card, NULL);
	msp_error err;
	msp_error_clear(&err);
	/* The wrong setter for a field's type. */
	expect_field(msp_order_request_set_bool(req, "customer", "country", 7, true, &err), &err,
	    MSP_ORDER_FIELD_CUSTOMER_COUNTRY);
	expect_field(
	    msp_order_request_set_int(req, "gateway_info", "moto", 4, 1, &err), &err, MSP_ORDER_FIELD_MOTO);
	expect_field(msp_order_request_set_text(req, "customer.browser", "screen_width", 12, "1", 1, &err), &err,
	    MSP_ORDER_FIELD_BROWSER_SCREEN_WIDTH);
	/* Integer ranges, both ends. */
	struct {
		const char *key;
		int64_t bad;
		int64_t good;
		msp_order_field field;
	} ints[] = {
	    {"screen_color_depth", 65, 64, MSP_ORDER_FIELD_BROWSER_SCREEN_COLOR_DEPTH},
	    {"screen_color_depth", -1, 0, MSP_ORDER_FIELD_BROWSER_SCREEN_COLOR_DEPTH},
	    {"screen_height", 100001, 100000, MSP_ORDER_FIELD_BROWSER_SCREEN_HEIGHT},
	    {"screen_width", -1, 1920, MSP_ORDER_FIELD_BROWSER_SCREEN_WIDTH},
	    {"time_zone", 901, 900, MSP_ORDER_FIELD_BROWSER_TIME_ZONE},
	    {"time_zone", -901, -900, MSP_ORDER_FIELD_BROWSER_TIME_ZONE},
	};
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		expect_field(msp_order_request_set_int(
		                 req, "customer.browser", ints[i].key, strlen(ints[i].key), ints[i].bad, &err),
		    &err, ints[i].field);
		set_int(req, "customer.browser", ints[i].key, ints[i].good);
	}
	/* Unknown fields through every setter. */
	assert_int_equal(msp_order_request_set_bool(req, "plugin", "nope", 4, true, &err), MSP_ERR_INVALID);
	assert_string_equal(err.field, "plugin.nope");
	assert_int_equal(msp_order_request_set_int(req, "", "nope", 4, 1, &err), MSP_ERR_INVALID);
	assert_string_equal(err.field, "nope");
	assert_int_equal(
	    msp_order_request_set_text(req, "gateway_info", "card_number", 11, "4111", 4, &err), MSP_ERR_INVALID);
	assert_string_equal(err.field, "gateway_info.card_number");
	msp_order_request_free(req);
	msp_card_free(card);
}

static msp_field_value text_value(msp_order_field field, const char *text)
{
	return (msp_field_value){.field = field, .type = MSP_FIELD_TEXT, .text = text, .text_len = strlen(text)};
}

/* A batch that fails anywhere changes nothing; one that passes sets every value, the last of a field
 * given twice winning. */
static void test_put_all_is_all_or_nothing(void **state)
{
	(void)state;
	msp_card *card = visa();
	msp_order_request *req = request_for(card, NULL);
	msp_error err;
	msp_error_clear(&err);
	set_text(req, "customer", "city", "Amsterdam");
	msp_field_value bad_last[] = {
	    text_value(MSP_ORDER_FIELD_CUSTOMER_CITY, "Utrecht"),
	    text_value(MSP_ORDER_FIELD_CUSTOMER_EMAIL, "not-an-email"),
	};
	expect_field(msp_order_request_put_all(req, bad_last, 2, &err), &err, MSP_ORDER_FIELD_CUSTOMER_EMAIL);
	msp_field_value wrong_type[] = {
	    text_value(MSP_ORDER_FIELD_CUSTOMER_CITY, "Utrecht"),
	    {.field = MSP_ORDER_FIELD_BROWSER_SCREEN_WIDTH, .type = MSP_FIELD_BOOL, .flag = true},
	};
	expect_field(
	    msp_order_request_put_all(req, wrong_type, 2, &err), &err, MSP_ORDER_FIELD_BROWSER_SCREEN_WIDTH);
	msp_field_value out_of_range[] = {
	    text_value(MSP_ORDER_FIELD_CUSTOMER_CITY, "Utrecht"),
	    {.field = MSP_ORDER_FIELD_BROWSER_TIME_ZONE, .type = MSP_FIELD_INT, .number = 901},
	};
	expect_field(
	    msp_order_request_put_all(req, out_of_range, 2, &err), &err, MSP_ORDER_FIELD_BROWSER_TIME_ZONE);
	msp_field_value not_settable[] = {text_value(MSP_ORDER_FIELD_ORDER_ID, "other")};
	assert_int_equal(msp_order_request_put_all(req, not_settable, 1, &err), MSP_ERR_INVALID);
	assert_string_equal(msp_order_request_text(req, "customer", "city"), "Amsterdam");
	assert_null(msp_order_request_text(req, "customer", "email"));

	msp_field_value good[] = {
	    text_value(MSP_ORDER_FIELD_CUSTOMER_CITY, "Utrecht"),
	    text_value(MSP_ORDER_FIELD_CUSTOMER_CITY, "Rotterdam"),
	    text_value(MSP_ORDER_FIELD_CUSTOMER_EMAIL, "j@example.com"),
	    {.field = MSP_ORDER_FIELD_BROWSER_TIME_ZONE, .type = MSP_FIELD_INT, .number = -60},
	    {.field = MSP_ORDER_FIELD_BROWSER_JAVA_ENABLED, .type = MSP_FIELD_BOOL, .flag = true},
	};
	assert_int_equal(msp_order_request_put_all(req, good, 5, &err), MSP_OK);
	assert_int_equal(msp_order_request_put_all(req, good, 0, &err), MSP_OK);
	assert_string_equal(msp_order_request_text(req, "customer", "city"), "Rotterdam");
	assert_string_equal(msp_order_request_text(req, "customer", "email"), "j@example.com");
	set_text(req, "customer", "ip_address", "203.0.113.7");
	set_text(req, "customer", "country", "NL");
	msp_secbuf *body = NULL;
	assert_int_equal(msp_order_request_write_json(req, &body, &err), MSP_OK);
	assert_non_null(
	    strstr((const char *)body->data, "\"browser\":{\"java_enabled\":true,\"time_zone\":-60}"));
	msp_secbuf_free(body);
	msp_order_request_free(req);
	msp_card_free(card);
}

static void test_item_refusals(void **state)
{
	(void)state;
	msp_card *card = visa();
	msp_order_request *req = request_for(card, NULL);
	msp_error err;
	msp_error_clear(&err);
	char long_name[256];
	memset(long_name, 'x', 201);
	long_name[201] = '\0';
	expect_field(msp_order_request_add_item(req, "", 0, 100, 1, NULL, 0, NULL, 0, NULL, 0, &err), &err,
	    MSP_ORDER_FIELD_ITEM_NAME);
	expect_field(msp_order_request_add_item(req, long_name, 201, 100, 1, NULL, 0, NULL, 0, NULL, 0, &err),
	    &err, MSP_ORDER_FIELD_ITEM_NAME);
	expect_field(msp_order_request_add_item(req, "a", 1, 100, 0, NULL, 0, NULL, 0, NULL, 0, &err), &err,
	    MSP_ORDER_FIELD_ITEM_QUANTITY);
	expect_field(msp_order_request_add_item(req, "a", 1, 100, 1000001, NULL, 0, NULL, 0, NULL, 0, &err), &err,
	    MSP_ORDER_FIELD_ITEM_QUANTITY);
	expect_field(
	    msp_order_request_add_item(req, "a", 1, (int64_t)INT32_MAX + 1, 1, NULL, 0, NULL, 0, NULL, 0, &err),
	    &err, MSP_ORDER_FIELD_ITEM_UNIT_PRICE);
	expect_field(
	    msp_order_request_add_item(req, "a", 1, -(int64_t)INT32_MAX - 1, 1, NULL, 0, NULL, 0, NULL, 0, &err),
	    &err, MSP_ORDER_FIELD_ITEM_UNIT_PRICE);
	expect_field(msp_order_request_add_item(req, "a", 1, 100, 1, "", 0, NULL, 0, NULL, 0, &err), &err,
	    MSP_ORDER_FIELD_ITEM_MERCHANT_ITEM_ID);
	expect_field(msp_order_request_add_item(req, "a", 1, 100, 1, NULL, 0, "a\nb", 3, NULL, 0, &err), &err,
	    MSP_ORDER_FIELD_ITEM_DESCRIPTION);
	expect_field(msp_order_request_add_item(req, "a", 1, 100, 1, NULL, 0, NULL, 0, long_name, 201, &err),
	    &err, MSP_ORDER_FIELD_ITEM_TAX_TABLE_SELECTOR);
	msp_order_request_free(req);
	msp_card_free(card);
}

/* ---- Whole-request validation ------------------------------------------------------------- */

static void test_validate_requires_customer_ip_and_country(void **state)
{
	(void)state;
	msp_card *card = visa();
	msp_order_request *req = request_for(card, NULL);
	msp_error err;
	msp_error_clear(&err);
	expect_field(
	    msp_order_request_validate(req, NOW, false, &err), &err, MSP_ORDER_FIELD_CUSTOMER_IP_ADDRESS);
	set_text(req, "customer", "ip_address", "203.0.113.7");
	expect_field(msp_order_request_validate(req, NOW, false, &err), &err, MSP_ORDER_FIELD_CUSTOMER_COUNTRY);
	set_text(req, "customer", "country", "NL");
	assert_int_equal(msp_order_request_validate(req, NOW, false, &err), MSP_OK);
	assert_int_equal(msp_order_request_validate(req, NOW, true, &err), MSP_OK);
	msp_order_request_free(req);
	msp_card_free(card);
}

static void test_validate_card(void **state)
{
	(void)state;
	msp_error err;
	msp_error_clear(&err);
	/* Expired: valid through the last day of its month (UTC). */
	msp_card *old = card_with(VISA, "123", 10, 2026, NULL);
	msp_order_request *req = request_for(old, NULL);
	with_customer(req);
	assert_int_equal(msp_order_request_validate(req, NOW, false, &err), MSP_ERR_CARD);
	assert_int_equal(err.reason, MSP_CARD_EXPIRED);
	assert_string_equal(err.field, "card");
	assert_non_null(strstr(err.message, "10/2026"));
	msp_order_request_free(req);
	msp_card_free(old);
	msp_card *this_month = card_with(VISA, "123", 11, 2026, NULL);
	req = request_for(this_month, NULL);
	with_customer(req);
	assert_int_equal(msp_order_request_validate(req, NOW, false, &err), MSP_OK);
	msp_order_request_free(req);
	msp_card_free(this_month);

	/* CVC: card.c already refuses a Visa, Mastercard or Amex card without one; Maestro and
	 * Bancontact cards may have none. */
	const char *optional[] = {MAESTRO, BANCONTACT};
	for (size_t i = 0; i < 2; i++) {
		msp_card *card = card_with(optional[i], NULL, 12, 2030, NULL);
		req = request_for(card, NULL);
		with_customer(req);
		assert_int_equal(msp_order_request_validate(req, NOW, false, &err), MSP_OK);
		msp_order_request_free(req);
		msp_card_free(card);
	}
}

static msp_status validate_flexible(const char *pan, const char *cvc, int64_t amount, const char *currency,
    bool flexible, bool with_term_url, msp_error *err)
{
	msp_card *card = card_with(pan, cvc, 12, 2030, NULL);
	msp_order_request *req = NULL;
	assert_int_equal(
	    msp_order_request_new("o1", 2, amount, currency, 3, "d", 1, card, NULL, 0, &req, err), MSP_OK);
	with_customer(req);
	set_bool(req, "gateway_info", "flexible_3d", flexible);
	if (with_term_url) {
		set_text(req, "gateway_info", "term_url", "https://shop.example/3ds/term");
	}
	msp_status status = msp_order_request_validate(req, NOW, false, err);
	msp_order_request_free(req);
	msp_card_free(card);
	return status;
}

static void test_validate_flexible_3d(void **state)
{
	(void)state;
	msp_error err;
	msp_error_clear(&err);
	expect_field(
	    validate_flexible(VISA, "123", 1000, "EUR", true, false, &err), &err, MSP_ORDER_FIELD_TERM_URL);
	expect_field(
	    validate_flexible(VISA, "123", 1000, "EUR", false, false, &err), &err, MSP_ORDER_FIELD_TERM_URL);
	assert_int_equal(validate_flexible(VISA, "123", 1000, "EUR", true, true, &err), MSP_OK);
	/* Skipping 3-D Secure: Visa and Mastercard may; Maestro and Bancontact never; Amex under 30 EUR. */
	assert_int_equal(validate_flexible(VISA, "123", 1000, "EUR", false, true, &err), MSP_OK);
	assert_int_equal(validate_flexible(MASTERCARD, "123", 1000, "USD", false, true, &err), MSP_OK);
	expect_field(
	    validate_flexible(MAESTRO, NULL, 1000, "EUR", false, true, &err), &err, MSP_ORDER_FIELD_FLEXIBLE_3D);
	expect_field(validate_flexible(BANCONTACT, NULL, 1000, "EUR", false, true, &err), &err,
	    MSP_ORDER_FIELD_FLEXIBLE_3D);
	assert_int_equal(validate_flexible(AMEX, "1234", 2999, "EUR", false, true, &err), MSP_OK);
	expect_field(
	    validate_flexible(AMEX, "1234", 3000, "EUR", false, true, &err), &err, MSP_ORDER_FIELD_FLEXIBLE_3D);
	/* Without an EUR amount the 30 EUR limit cannot be shown to hold. */
	expect_field(
	    validate_flexible(AMEX, "1234", 100, "USD", false, true, &err), &err, MSP_ORDER_FIELD_FLEXIBLE_3D);
	/* Requiring 3-D Secure is always fine. */
	assert_int_equal(validate_flexible(MAESTRO, NULL, 1000, "EUR", true, true, &err), MSP_OK);
}

static void test_validate_live_urls(void **state)
{
	(void)state;
	struct {
		const char *key;
		const char *url;
		bool live_ok;
	} cases[] = {
	    {"notification_url", "https://shop.example/notify", true},
	    {"notification_url", "http://shop.example/notify", false},
	    {"notification_url", "https://shop.example:8443/notify", false},
	    {"notification_url", "http://127.0.0.1:8000/notify", false},
	    /* The docs ask https without a port of the webhook endpoint only. */
	    {"redirect_url", "https://shop.example:8443/done", true},
	    {"redirect_url", "http://shop.example/done", true},
	    {"cancel_url", "https://shop.example/cancel", true},
	    {"cancel_url", "http://shop.example:8080/cancel", true},
	};
	msp_card *card = visa();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		msp_order_request *req = request_for(card, NULL);
		with_customer(req);
		set_text(req, "payment_options", cases[i].key, cases[i].url);
		msp_error err;
		msp_error_clear(&err);
		/* The test environment and the emulator take all of them. */
		assert_int_equal(msp_order_request_validate(req, NOW, false, &err), MSP_OK);
		msp_status status = msp_order_request_validate(req, NOW, true, &err);
		if (cases[i].live_ok) {
			assert_int_equal(status, MSP_OK);
		} else {
			char path[64];
			snprintf(path, sizeof(path), "payment_options.%s", cases[i].key);
			assert_int_equal(status, MSP_ERR_INVALID);
			assert_string_equal(err.field, path);
		}
		msp_order_request_free(req);
	}
	msp_card_free(card);
}

/* The docs' direct card example sends "" for the optional fields nobody filled in (forwarded_ip,
 * address2, state): an empty value, or an absent one in a batch, leaves the field out instead of
 * being refused, and drops an earlier value. */
static void test_empty_values_leave_fields_out(void **state)
{
	(void)state;
	msp_card *card = visa();
	msp_order_request *req = request_for(card, NULL);
	msp_error err;
	msp_error_clear(&err);
	with_customer(req);
	set_text(req, "customer", "state", "NH");
	set_text(req, "customer", "state", "");
	assert_null(msp_order_request_text(req, "customer", "state"));
	set_text(req, "", "var1", "");
	set_text(req, "payment_options", "redirect_url", "");
	set_text(req, "customer", "gender", "");
	msp_field_value docs_customer[] = {
	    text_value(MSP_ORDER_FIELD_CUSTOMER_FORWARDED_IP, ""),
	    text_value(MSP_ORDER_FIELD_CUSTOMER_ADDRESS2, ""),
	    text_value(MSP_ORDER_FIELD_CUSTOMER_STATE, ""),
	    text_value(MSP_ORDER_FIELD_CUSTOMER_CITY, "Gravenhage"),
	    {.field = MSP_ORDER_FIELD_BROWSER_SCREEN_WIDTH, .type = MSP_FIELD_INT, .number = 1920},
	    {.field = MSP_ORDER_FIELD_BROWSER_JAVA_ENABLED, .type = MSP_FIELD_BOOL, .flag = true},
	};
	assert_int_equal(msp_order_request_put_all(req, docs_customer, 6, &err), MSP_OK);
	char *body = body_of(req);
	assert_null(strstr(body, "forwarded_ip"));
	assert_null(strstr(body, "address2"));
	assert_null(strstr(body, "state"));
	assert_null(strstr(body, "var1"));
	assert_null(strstr(body, "payment_options"));
	assert_null(strstr(body, "gender"));
	assert_null(strstr(body, "\"\""));
	assert_non_null(strstr(body, "\"city\":\"Gravenhage\""));
	assert_non_null(strstr(body, "\"browser\":{\"java_enabled\":true,\"screen_width\":1920}"));
	free(body);
	/* Absent values of any type drop what was there, in one all-or-nothing batch. */
	msp_field_value absent[] = {
	    {.field = MSP_ORDER_FIELD_BROWSER_SCREEN_WIDTH, .type = MSP_FIELD_INT, .absent = true},
	    {.field = MSP_ORDER_FIELD_BROWSER_JAVA_ENABLED, .type = MSP_FIELD_BOOL, .absent = true},
	    {.field = MSP_ORDER_FIELD_CUSTOMER_CITY, .type = MSP_FIELD_TEXT, .absent = true},
	};
	assert_int_equal(msp_order_request_put_all(req, absent, 3, &err), MSP_OK);
	body = body_of(req);
	assert_null(strstr(body, "browser"));
	assert_null(strstr(body, "city"));
	free(body);
	/* An absent value of a field that cannot be set is still refused, and changes nothing. */
	set_text(req, "customer", "city", "Delft");
	msp_field_value not_settable[] = {
	    {.field = MSP_ORDER_FIELD_CUSTOMER_CITY, .type = MSP_FIELD_TEXT, .absent = true},
	    {.field = MSP_ORDER_FIELD_ORDER_ID, .type = MSP_FIELD_TEXT, .absent = true},
	};
	assert_int_equal(msp_order_request_put_all(req, not_settable, 2, &err), MSP_ERR_INVALID);
	assert_string_equal(msp_order_request_text(req, "customer", "city"), "Delft");
	assert_int_equal(msp_order_request_clear(req, MSP_ORDER_FIELD_CUSTOMER_CITY, &err), MSP_OK);
	assert_null(msp_order_request_text(req, "customer", "city"));
	assert_int_equal(msp_order_request_clear(req, MSP_ORDER_FIELD_CUSTOMER_CITY, &err), MSP_OK);
	assert_int_equal(msp_order_request_clear(req, MSP_ORDER_FIELD_AMOUNT, &err), MSP_ERR_INVALID);
	/* Required fields left empty are refused as missing, by name, before sending. */
	set_text(req, "customer", "ip_address", "");
	expect_field(
	    msp_order_request_validate(req, NOW, false, &err), &err, MSP_ORDER_FIELD_CUSTOMER_IP_ADDRESS);
	msp_order_request_free(req);
	msp_card_free(card);
}

/* customer.gender: the schema's "M"/"F", and the older words msp took, sent as the letter. */
static void test_gender_is_sent_as_the_schema_letter(void **state)
{
	(void)state;
	const char *const cases[][2] = {
	    {"M", "M"}, {"F", "F"}, {"male", "M"}, {"mr", "M"}, {"female", "F"}, {"mrs", "F"}, {"miss", "F"}};
	msp_card *card = visa();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		msp_order_request *req = request_for(card, NULL);
		set_text(req, "customer", "gender", cases[i][0]);
		assert_string_equal(msp_order_request_text(req, "customer", "gender"), cases[i][1]);
		char *body = body_of(req);
		char expected[32];
		snprintf(expected, sizeof(expected), "\"gender\":\"%s\"", cases[i][1]);
		assert_non_null(strstr(body, expected));
		free(body);
		msp_order_request_free(req);
	}
	msp_card_free(card);
}

static msp_order_request *zero_authorization(const msp_card *card)
{
	msp_order_request *req = NULL;
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(
	    msp_order_request_new("zero-1", 6, 0, "EUR", 3, "Card check", 10, card, NULL, 0, &req, &err), MSP_OK);
	with_customer(req);
	return req;
}

/* Amount 0 is the docs' Zero Authorization: a Visa, Mastercard or Maestro card verified and stored as
 * a token, so only with a recurring model (and without a recurring_id or a capture). */
static void test_zero_authorization(void **state)
{
	(void)state;
	msp_error err;
	msp_error_clear(&err);
	msp_card *card = visa();
	msp_order_request *req = zero_authorization(card);
	expect_field(msp_order_request_validate(req, NOW, false, &err), &err, MSP_ORDER_FIELD_AMOUNT);
	assert_non_null(strstr(err.message, "recurring model"));
	set_text(req, "", "recurring_model", "cardOnFile");
	assert_int_equal(msp_order_request_validate(req, NOW, true, &err), MSP_OK);
	char *body = body_of(req);
	assert_non_null(strstr(body, "\"amount\":0,"));
	assert_non_null(strstr(body, "\"recurring_model\":\"cardOnFile\""));
	free(body);
	set_text(req, "", "recurring_id", "azbkvsE0up4");
	expect_field(msp_order_request_validate(req, NOW, false, &err), &err, MSP_ORDER_FIELD_AMOUNT);
	assert_non_null(strstr(err.message, "recurring_id"));
	set_text(req, "", "recurring_id", "");
	msp_order_request_set_manual_capture(req, true);
	expect_field(msp_order_request_validate(req, NOW, false, &err), &err, MSP_ORDER_FIELD_AMOUNT);
	msp_order_request_set_manual_capture(req, false);
	/* Flexible 3D applies the brand rules as for the smallest payment. */
	set_bool(req, "gateway_info", "flexible_3d", false);
	set_text(req, "gateway_info", "term_url", "https://shop.example/term");
	assert_int_equal(msp_order_request_validate(req, NOW, false, &err), MSP_OK);
	msp_order_request_free(req);
	msp_card_free(card);

	const char *const supported[][2] = {{MASTERCARD, "123"}, {MAESTRO, NULL}};
	for (size_t i = 0; i < 2; i++) {
		card = card_with(supported[i][0], supported[i][1], 12, 2030, NULL);
		req = zero_authorization(card);
		set_text(req, "", "recurring_model", "subscription");
		assert_int_equal(msp_order_request_validate(req, NOW, false, &err), MSP_OK);
		msp_order_request_free(req);
		msp_card_free(card);
	}
	const char *const unsupported[][2] = {{AMEX, "1234"}, {BANCONTACT, NULL}};
	for (size_t i = 0; i < 2; i++) {
		card = card_with(unsupported[i][0], unsupported[i][1], 12, 2030, NULL);
		req = zero_authorization(card);
		set_text(req, "", "recurring_model", "unscheduled");
		expect_field(msp_order_request_validate(req, NOW, false, &err), &err, MSP_ORDER_FIELD_AMOUNT);
		assert_non_null(strstr(err.message, "Visa, Mastercard and Maestro"));
		msp_order_request_free(req);
		msp_card_free(card);
	}
}

/* card_expiry_date is a number, as in the docs' example, but never one that drops a leading zero
 * (years 2000-2009: expired cards, whose body toArray() still shows). */
static void test_expiry_date_is_a_number(void **state)
{
	(void)state;
	msp_card *card = card_with(VISA, "123", 1, 2031, NULL);
	msp_order_request *req = request_for(card, NULL);
	char *body = body_of(req);
	assert_non_null(strstr(body, "\"card_expiry_date\":3101,"));
	free(body);
	msp_order_request_free(req);
	msp_card_free(card);
	msp_error err;
	msp_error_clear(&err);
	card = NULL;
	/* An expired card: toArray() still writes its body. */
	assert_int_equal(msp_card_new(VISA, 16, "123", 3, 7, 2005, NULL, 0, &card, &err), MSP_OK);
	req = request_for(card, NULL);
	body = body_of(req);
	assert_non_null(strstr(body, "\"card_expiry_date\":\"0507\","));
	free(body);
	msp_order_request_free(req);
	msp_card_free(card);
}

/* ---- The JSON body ------------------------------------------------------------------------ */

static const char minimal_body[] =
    "{\"type\":\"direct\",\"gateway\":\"MAESTRO\",\"order_id\":\"shop-1001\",\"currency\":\"EUR\","
    "\"amount\":1000,\"description\":\"T-shirt\",\"gateway_info\":{\"card_number\":\"6799990000000000011\","
    "\"card_expiry_date\":3001}}";

static void test_minimal_body(void **state)
{
	(void)state;
	/* No holder, no CVC, no optional group: nothing is written as null or empty. */
	msp_card *card = card_with(MAESTRO, NULL, 1, 2030, NULL);
	msp_order_request *req = request_for(card, NULL);
	char *body = body_of(req);
	assert_string_equal(body, minimal_body);
	json_object_put(parse_strict(body));
	free(body);
	msp_order_request_free(req);
	msp_card_free(card);
}

static const char full_body[] =
    "{\"type\":\"direct\",\"gateway\":\"CREDITCARD\",\"order_id\":\"shop-1001\",\"currency\":\"EUR\","
    "\"amount\":1000,\"description\":\"T-shirt\",\"var1\":\"v1\",\"var2\":\"v2\",\"var3\":\"v3\","
    "\"recurring_model\":\"cardOnFile\",\"capture\":\"manual\","
    "\"gateway_info\":{\"card_number\":\"4111111111111111\",\"card_holder_name\":\"J. Jansen\","
    "\"card_expiry_date\":3012,\"card_cvc\":\"123\",\"flexible_3d\":true,"
    "\"term_url\":\"https://shop.example/3ds/term\",\"moto\":false},"
    "\"customer\":{\"locale\":\"nl_NL\",\"ip_address\":\"203.0.113.7\",\"forwarded_ip\":\"2001:db8::7\","
    "\"first_name\":\"Jan\",\"last_name\":\"Jansen\",\"address1\":\"Kraanspoor\",\"address2\":\"2nd floor\","
    "\"house_number\":\"39C\",\"zip_code\":\"1033SC\",\"city\":\"Amsterdam\",\"state\":\"NH\","
    "\"country\":\"NL\",\"phone\":\"+31 20 8500500\",\"email\":\"jan@example.com\","
    "\"user_agent\":\"Mozilla/5.0 (X11)\",\"referrer\":\"https://shop.example/cart\",\"gender\":\"M\","
    "\"birthday\":\"1990-02-28\",\"browser\":{\"javascript_enabled\":true,\"java_enabled\":false,"
    "\"cookies_enabled\":true,\"language\":\"nl-NL\",\"screen_color_depth\":24,\"screen_height\":1080,"
    "\"screen_width\":1920,\"time_zone\":-60,\"user_agent\":\"Mozilla/5.0 (X11)\",\"platform\":\"Linux "
    "x86_64\"}},"
    "\"delivery\":{\"first_name\":\"Piet\",\"last_name\":\"Jansen\",\"address1\":\"Damrak\",\"address2\":"
    "\"b\","
    "\"house_number\":\"1\",\"zip_code\":\"1012LG\",\"city\":\"Amsterdam\",\"state\":\"NH\",\"country\":"
    "\"NL\","
    "\"phone\":\"0201234567\",\"email\":\"piet@example.com\"},"
    "\"payment_options\":{\"notification_url\":\"https://shop.example/notify?type=notification\","
    "\"notification_method\":\"POST\",\"redirect_url\":\"https://shop.example/done\","
    "\"cancel_url\":\"https://shop.example/cancel\",\"close_window\":true},"
    "\"custom_info\":{\"custom_1\":\"c1\",\"custom_2\":\"c2\",\"custom_3\":\"c3\"},"
    "\"plugin\":{\"shop\":\"WooCommerce\",\"shop_version\":\"8.3.1\",\"plugin_version\":\"1.0.0\","
    "\"partner\":\"Acme\"},"
    "\"shopping_cart\":{\"items\":[{\"name\":\"T-shirt\",\"description\":\"Blue, size "
    "M\",\"unit_price\":12.50,"
    "\"quantity\":2,\"merchant_item_id\":\"TS-M-BLUE\",\"tax_table_selector\":\"BTW21\"},"
    "{\"name\":\"Discount\",\"unit_price\":-5.00,\"quantity\":1},"
    "{\"name\":\"Sticker\",\"unit_price\":0.05,\"quantity\":1000000}]}}";

/* Sets every field, deliberately out of body order: the body order comes from the table. */
static msp_order_request *full_request(const msp_card *card)
{
	msp_order_request *req = request_for(card, "CREDITCARD");
	add_item(req, "T-shirt", 1250, 2, "TS-M-BLUE", "Blue, size M", "BTW21");
	set_text(req, "plugin", "partner", "Acme");
	set_text(req, "plugin", "shop", "WooCommerce");
	set_text(req, "plugin", "shop_version", "8.3.1");
	set_text(req, "plugin", "plugin_version", "1.0.0");
	set_text(req, "custom_info", "custom_3", "c3");
	set_text(req, "custom_info", "custom_1", "c1");
	set_text(req, "custom_info", "custom_2", "c2");
	set_bool(req, "payment_options", "close_window", true);
	set_text(req, "payment_options", "cancel_url", "https://shop.example/cancel");
	set_text(req, "payment_options", "redirect_url", "https://shop.example/done");
	set_text(req, "payment_options", "notification_method", "POST");
	set_text(req, "payment_options", "notification_url", "https://shop.example/notify?type=notification");
	const char *const delivery[][2] = {{"email", "piet@example.com"}, {"phone", "0201234567"},
	    {"country", "NL"}, {"state", "NH"}, {"city", "Amsterdam"}, {"zip_code", "1012LG"},
	    {"house_number", "1"}, {"address2", "b"}, {"address1", "Damrak"}, {"last_name", "Jansen"},
	    {"first_name", "Piet"}};
	for (size_t i = 0; i < sizeof(delivery) / sizeof(delivery[0]); i++) {
		set_text(req, "delivery", delivery[i][0], delivery[i][1]);
	}
	set_text(req, "customer.browser", "platform", "Linux x86_64");
	set_text(req, "customer.browser", "user_agent", "Mozilla/5.0 (X11)");
	set_int(req, "customer.browser", "time_zone", -60);
	set_int(req, "customer.browser", "screen_width", 1920);
	set_int(req, "customer.browser", "screen_height", 1080);
	set_int(req, "customer.browser", "screen_color_depth", 24);
	set_text(req, "customer.browser", "language", "nl-NL");
	set_bool(req, "customer.browser", "cookies_enabled", true);
	set_bool(req, "customer.browser", "java_enabled", false);
	set_bool(req, "customer.browser", "javascript_enabled", true);
	const char *const customer[][2] = {{"birthday", "1990-02-28"}, {"gender", "mr"},
	    {"referrer", "https://shop.example/cart"}, {"user_agent", "Mozilla/5.0 (X11)"},
	    {"email", "jan@example.com"}, {"phone", "+31 20 8500500"}, {"country", "NL"}, {"state", "NH"},
	    {"city", "Amsterdam"}, {"zip_code", "1033SC"}, {"house_number", "39C"}, {"address2", "2nd floor"},
	    {"address1", "Kraanspoor"}, {"last_name", "Jansen"}, {"first_name", "Jan"},
	    {"forwarded_ip", "2001:db8::7"}, {"ip_address", "203.0.113.7"}, {"locale", "nl_NL"}};
	for (size_t i = 0; i < sizeof(customer) / sizeof(customer[0]); i++) {
		set_text(req, "customer", customer[i][0], customer[i][1]);
	}
	set_bool(req, "gateway_info", "moto", false);
	set_text(req, "gateway_info", "term_url", "https://shop.example/3ds/term");
	set_bool(req, "gateway_info", "flexible_3d", true);
	msp_order_request_set_manual_capture(req, true);
	set_text(req, "", "recurring_model", "cardOnFile");
	set_text(req, "", "var3", "v3");
	set_text(req, "", "var2", "v2");
	set_text(req, "", "var1", "v1");
	add_item(req, "Discount", -500, 1, NULL, NULL, NULL);
	add_item(req, "Sticker", 5, 1000000, NULL, NULL, NULL);
	return req;
}

static void test_full_body_exact_bytes(void **state)
{
	(void)state;
	msp_card *card = visa();
	msp_order_request *req = full_request(card);
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(msp_order_request_validate(req, NOW, true, &err), MSP_OK);
	char *body = body_of(req);
	assert_string_equal(body, full_body);

	/* The same body through a strict JSON parser: types and nesting. */
	json_object *root = parse_strict(body);
	expect_string_at(root, "type", "direct");
	assert_true(json_object_is_type(at(root, "amount"), json_type_int));
	assert_int_equal(json_object_get_int64(at(root, "amount")), 1000);
	expect_string_at(root, "gateway_info.card_number", VISA);
	expect_string_at(root, "gateway_info.card_cvc", "123");
	/* A number, as in the docs' direct card example (order.h). */
	assert_true(json_object_is_type(at(root, "gateway_info.card_expiry_date"), json_type_int));
	assert_int_equal(json_object_get_int(at(root, "gateway_info.card_expiry_date")), 3012);
	expect_string_at(root, "customer.gender", "M"); /* "mr" sent as the schema's letter */
	assert_true(json_object_is_type(at(root, "gateway_info.flexible_3d"), json_type_boolean));
	assert_true(json_object_is_type(at(root, "customer.browser.time_zone"), json_type_int));
	assert_int_equal(json_object_get_int(at(root, "customer.browser.time_zone")), -60);
	expect_string_at(root, "customer.country", "NL");
	expect_string_at(root, "payment_options.notification_method", "POST");
	json_object *items = at(root, "shopping_cart.items");
	assert_true(json_object_is_type(items, json_type_array));
	assert_int_equal(json_object_array_length(items), 3);
	json_object *price = at(json_object_array_get_idx(items, 0), "unit_price");
	assert_true(json_object_is_type(price, json_type_double));
	assert_true(json_object_get_double(price) == 12.5);
	assert_true(json_object_get_double(at(json_object_array_get_idx(items, 1), "unit_price")) == -5.0);
	assert_int_equal(json_object_object_length(root), 18);
	json_object_put(root);
	free(body);
	msp_order_request_free(req);
	msp_card_free(card);
}

static void test_unit_price_uses_the_currency_minor_units(void **state)
{
	(void)state;
	struct {
		const char *currency;
		int64_t price;
		const char *expected;
	} cases[] = {
	    {"EUR", 1, "\"unit_price\":0.01,"},
	    {"JPY", 1250, "\"unit_price\":1250,"},
	    {"KWD", 1250, "\"unit_price\":1.250,"},
	    {"EUR", -1, "\"unit_price\":-0.01,"},
	    {"EUR", 0, "\"unit_price\":0.00,"},
	};
	msp_card *card = visa();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		msp_order_request *req = NULL;
		msp_error err;
		msp_error_clear(&err);
		assert_int_equal(
		    msp_order_request_new("o", 1, 1000, cases[i].currency, 3, "d", 1, card, NULL, 0, &req, &err),
		    MSP_OK);
		add_item(req, "x", cases[i].price, 1, NULL, NULL, NULL);
		char *body = body_of(req);
		if (strstr(body, cases[i].expected) == NULL) {
			fail_msg("%s not in %s", cases[i].expected, body);
		}
		json_object_put(parse_strict(body));
		free(body);
		msp_order_request_free(req);
	}
	msp_card_free(card);
}

static void test_escaping(void **state)
{
	(void)state;
	/* Quotes, backslashes, '/', HTML, and UTF-8 (2, 3 and 4 bytes) in values the API echoes. */
	msp_card *card = card_with(VISA, "123", 12, 2030, "O'Brien \"Jr\" \\ Zo\xc3\xab");
	const char description[] = "He said \"hi\" \\ </script> caf\xc3\xa9 \xe2\x82\xac 5 \xf0\x9f\x98\x80";
	msp_order_request *req = NULL;
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(msp_order_request_new("a/b \"c\"", 7, 1000, "EUR", 3, description, strlen(description),
	                     card, NULL, 0, &req, &err),
	    MSP_OK);
	char *body = body_of(req);
	assert_non_null(strstr(body, "\"order_id\":\"a/b \\\"c\\\"\""));
	assert_non_null(
	    strstr(body, "\"description\":\"He said \\\"hi\\\" \\\\ </script> caf\xc3\xa9 \xe2\x82\xac 5 "
	                 "\xf0\x9f\x98\x80\""));
	assert_non_null(strstr(body, "\"card_holder_name\":\"O'Brien \\\"Jr\\\" \\\\ Zo\xc3\xab\""));
	json_object *root = parse_strict(body);
	expect_string_at(root, "description", description);
	expect_string_at(root, "order_id", "a/b \"c\"");
	json_object_put(root);
	free(body);
	msp_order_request_free(req);
	msp_card_free(card);

	/* Control characters never reach a request (the setters refuse them), but the escaper that
	 * writes every value handles them all. */
	msp_secbuf *buf = msp_secbuf_new(16);
	char all[33];
	for (int c = 0; c < 32; c++) {
		all[c] = (char)c;
	}
	all[32] = 0x7f;
	assert_true(msp_json_escape_into(buf, all, sizeof(all)));
	assert_string_equal((const char *)buf->data,
	    "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u0008\\t\\n\\u000b\\u000c\\r\\u000e\\u000f"
	    "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d"
	    "\\u001e\\u001f\\u007f");
	msp_secbuf_free(buf);
}

static void test_large_cart_grows_the_secure_buffer(void **state)
{
	(void)state;
	size_t live_before = msp_secbuf_live_count();
	msp_card *card = visa();
	msp_order_request *req = request_for(card, NULL);
	with_customer(req);
	char name[201];
	memset(name, 'n', 200);
	name[200] = '\0';
	for (int i = 0; i < MSP_ORDER_MAX_ITEMS; i++) {
		char id[16];
		snprintf(id, sizeof(id), "SKU-%03d", i);
		add_item(req, name, 100 + i, 1 + i, id, "a \"quoted\" line", NULL);
	}
	msp_error err;
	msp_error_clear(&err);
	expect_field(msp_order_request_add_item(req, "one too many", 12, 1, 1, NULL, 0, NULL, 0, NULL, 0, &err),
	    &err, MSP_ORDER_FIELD_ITEMS);

	msp_secbuf *body = NULL;
	assert_int_equal(msp_order_request_write_json(req, &body, &err), MSP_OK);
	assert_int_equal(msp_secbuf_live_count(), live_before + 3); /* PAN, CVC, body */
	assert_true(body->len > 100000);                            /* grew from 2 KiB many times */
	assert_true(body->cap >= body->len);
	assert_int_equal(body->data[body->len], '\0');
	/* The PAN is in the body exactly once. */
	const char *first = strstr((const char *)body->data, VISA);
	assert_non_null(first);
	assert_null(strstr(first + 1, VISA));
	json_object *root = parse_strict((const char *)body->data);
	json_object *items = at(root, "shopping_cart.items");
	assert_int_equal(json_object_array_length(items), MSP_ORDER_MAX_ITEMS);
	json_object *last = json_object_array_get_idx(items, MSP_ORDER_MAX_ITEMS - 1);
	expect_string_at(last, "merchant_item_id", "SKU-499");
	assert_int_equal(json_object_get_int(at(last, "quantity")), 500);
	assert_true(json_object_get_double(at(last, "unit_price")) == 5.99);
	json_object_put(root);
	msp_secbuf_free(body);
	msp_order_request_free(req);
	msp_card_free(card);
	assert_int_equal(msp_secbuf_live_count(), live_before);
}

/* ---- The other calls' bodies -------------------------------------------------------------- */

static char *take(msp_secbuf *buf)
{
	assert_non_null(buf);
	char *copy = strdup((const char *)buf->data);
	msp_secbuf_free(buf);
	json_object_put(parse_strict(copy));
	return copy;
}

static void test_refund_body(void **state)
{
	(void)state;
	msp_secbuf *out = NULL;
	msp_error err;
	msp_error_clear(&err);
	msp_refund_request full = {"EUR", 250, "Returned \"blue\" shirt", "shop-1001-r1", {"a", NULL, "c"}};
	assert_int_equal(msp_refund_request_write_json(&full, &out, &err), MSP_OK);
	char *body = take(out);
	assert_string_equal(body,
	    "{\"currency\":\"EUR\",\"amount\":250,\"description\":\"Returned \\\"blue\\\" shirt\","
	    "\"refund_order_id\":\"shop-1001-r1\",\"var1\":\"a\",\"var3\":\"c\"}");
	free(body);
	msp_refund_request bare = {"JPY", 10, NULL, NULL, {NULL, NULL, NULL}};
	assert_int_equal(msp_refund_request_write_json(&bare, &out, &err), MSP_OK);
	body = take(out);
	assert_string_equal(body, "{\"currency\":\"JPY\",\"amount\":10}");
	free(body);
	/* Texts given as "" are left out, as an order's optional fields are. */
	msp_refund_request empty = {"JPY", 10, "", "", {"", "", ""}};
	assert_int_equal(msp_refund_request_write_json(&empty, &out, &err), MSP_OK);
	body = take(out);
	assert_string_equal(body, "{\"currency\":\"JPY\",\"amount\":10}");
	free(body);

	/* Never an amount that MultiSafepay would read as "refund everything". */
	struct {
		msp_refund_request refund;
		msp_order_field field;
	} refused[] = {
	    {{"EUR", 0, NULL, NULL, {NULL, NULL, NULL}}, MSP_ORDER_FIELD_AMOUNT},
	    {{"EUR", -1, NULL, NULL, {NULL, NULL, NULL}}, MSP_ORDER_FIELD_AMOUNT},
	    {{"EUR", (int64_t)INT32_MAX + 1, NULL, NULL, {NULL, NULL, NULL}}, MSP_ORDER_FIELD_AMOUNT},
	    {{NULL, 100, NULL, NULL, {NULL, NULL, NULL}}, MSP_ORDER_FIELD_CURRENCY},
	    {{"eur", 100, NULL, NULL, {NULL, NULL, NULL}}, MSP_ORDER_FIELD_CURRENCY},
	    {{"EUR", 100, "a\r\nb", NULL, {NULL, NULL, NULL}}, MSP_ORDER_FIELD_DESCRIPTION},
	    {{"EUR", 100, NULL, "0123456789012345678901234567890123456789012345678901", {NULL, NULL, NULL}},
	        MSP_ORDER_FIELD_REFUND_ORDER_ID},
	    {{"EUR", 100, NULL, NULL, {NULL, "\x01", NULL}}, MSP_ORDER_FIELD_VAR2},
	};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		out = (msp_secbuf *)1;
		expect_field(msp_refund_request_write_json(&refused[i].refund, &out, &err), &err, refused[i].field);
		assert_null(out);
	}
}

static void test_status_bodies(void **state)
{
	(void)state;
	msp_secbuf *out = NULL;
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(msp_cancel_refund_write_json(&out, &err), MSP_OK);
	char *body = take(out);
	assert_string_equal(body, "{\"status\":\"void\"}");
	free(body);
	assert_int_equal(msp_cancel_order_write_json(&out, &err), MSP_OK);
	body = take(out);
	assert_string_equal(body, "{\"status\":\"cancelled\",\"exclude_order\":true}");
	free(body);
	assert_int_equal(msp_cancel_authorization_write_json("Out of \"stock\"", &out, &err), MSP_OK);
	body = take(out);
	assert_string_equal(body, "{\"status\":\"cancelled\",\"reason\":\"Out of \\\"stock\\\"\"}");
	free(body);
	assert_int_equal(msp_cancel_authorization_write_json(NULL, &out, &err), MSP_OK);
	body = take(out);
	assert_string_equal(body, "{\"status\":\"cancelled\"}");
	free(body);
	assert_int_equal(msp_cancel_authorization_write_json("", &out, &err), MSP_OK); /* "" is left out */
	body = take(out);
	assert_string_equal(body, "{\"status\":\"cancelled\"}");
	free(body);
	expect_field(msp_cancel_authorization_write_json("a\nb", &out, &err), &err, MSP_ORDER_FIELD_REASON);
	assert_null(out);
}

static void test_capture_body(void **state)
{
	(void)state;
	msp_secbuf *out = NULL;
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(msp_capture_write_json(600, "EUR", "shop-1001-c1", &out, &err), MSP_OK);
	char *body = take(out);
	assert_string_equal(
	    body, "{\"amount\":600,\"new_order_id\":\"shop-1001-c1\",\"new_order_status\":\"completed\"}");
	free(body);
	expect_field(msp_capture_write_json(0, "EUR", "c1", &out, &err), &err, MSP_ORDER_FIELD_AMOUNT);
	expect_field(msp_capture_write_json(600, "XXX", "c1", &out, &err), &err, MSP_ORDER_FIELD_CURRENCY);
	expect_field(msp_capture_write_json(600, "EUR", NULL, &out, &err), &err, MSP_ORDER_FIELD_NEW_ORDER_ID);
	expect_field(msp_capture_write_json(600, "EUR", "", &out, &err), &err, MSP_ORDER_FIELD_NEW_ORDER_ID);
	expect_field(
	    msp_capture_write_json(600, "EUR", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &out, &err),
	    &err, MSP_ORDER_FIELD_NEW_ORDER_ID);
	assert_null(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_new_refusals_name_their_field),
	    cmocka_unit_test(test_gateway_defaults_and_normalisation),
	    cmocka_unit_test(test_accessors),
	    cmocka_unit_test(test_field_names_are_paths),
	    cmocka_unit_test(test_field_types),
	    cmocka_unit_test(test_text_refusals_name_their_field),
	    cmocka_unit_test(test_values_accepted),
	    cmocka_unit_test(test_url_rules),
	    cmocka_unit_test(test_typed_setters),
	    cmocka_unit_test(test_put_all_is_all_or_nothing),
	    cmocka_unit_test(test_item_refusals),
	    cmocka_unit_test(test_validate_requires_customer_ip_and_country),
	    cmocka_unit_test(test_validate_card),
	    cmocka_unit_test(test_validate_flexible_3d),
	    cmocka_unit_test(test_validate_live_urls),
	    cmocka_unit_test(test_empty_values_leave_fields_out),
	    cmocka_unit_test(test_gender_is_sent_as_the_schema_letter),
	    cmocka_unit_test(test_zero_authorization),
	    cmocka_unit_test(test_expiry_date_is_a_number),
	    cmocka_unit_test(test_minimal_body),
	    cmocka_unit_test(test_full_body_exact_bytes),
	    cmocka_unit_test(test_unit_price_uses_the_currency_minor_units),
	    cmocka_unit_test(test_escaping),
	    cmocka_unit_test(test_large_cart_grows_the_secure_buffer),
	    cmocka_unit_test(test_refund_body),
	    cmocka_unit_test(test_status_bodies),
	    cmocka_unit_test(test_capture_body),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
