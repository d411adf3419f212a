#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* inet_pton */
#endif
#include "order.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <ws2tcpip.h> /* inet_pton, Vista and newer */
#else
#include <arpa/inet.h>
#include <sys/socket.h>
#endif

#include "jsonw.h"
#include "money.h"
#include "threeds.h"

/* How a field's value is checked. */
typedef enum {
	RULE_CORE, /* not settable by key: order_id, items, other calls' fields */
	RULE_TEXT,
	RULE_COUNTRY,
	RULE_IP,
	RULE_URL,
	RULE_EMAIL,
	RULE_LOCALE,
	RULE_DATE,
	RULE_GENDER,
	RULE_METHOD,
	RULE_RECURRING_MODEL,
	RULE_BOOL,
	RULE_INT,
} field_rule;

typedef struct {
	const char *path;  /* API path: "group.key", or "key" for the order's own members */
	uint8_t path_len;  /* strlen(path) */
	uint8_t group_len; /* the group's length in path, 0 for the order's own members */
	field_rule rule;
	int64_t min; /* integers only */
	int64_t max; /* characters for texts and URLs; the upper bound for integers */
} field_def;

/* Lengths are taken at compile time, so that looking a field up by name compares lengths first. */
#define FIELD(group, key, rule, min, max)                                                                    \
	{                                                                                                        \
		group "." key, sizeof(group "." key) - 1, sizeof(group) - 1, rule, min, max                          \
	}
#define ROOT_FIELD(key, rule, min, max)                                                                      \
	{                                                                                                        \
		key, sizeof(key) - 1, 0, rule, min, max                                                              \
	}

/* Every field, indexed by msp_order_field. Within a group, the body lists fields in this order. */
static const field_def fields[MSP_ORDER_FIELD_COUNT] = {
    [MSP_ORDER_FIELD_NONE] = ROOT_FIELD("", RULE_CORE, 0, 0),
    [MSP_ORDER_FIELD_ORDER_ID] = ROOT_FIELD("order_id", RULE_CORE, 0, MSP_ORDER_ID_MAX),
    [MSP_ORDER_FIELD_CURRENCY] = ROOT_FIELD("currency", RULE_CORE, 0, 3),
    [MSP_ORDER_FIELD_AMOUNT] = ROOT_FIELD("amount", RULE_CORE, 0, 0),
    [MSP_ORDER_FIELD_DESCRIPTION] = ROOT_FIELD("description", RULE_CORE, 0, MSP_ORDER_DESCRIPTION_MAX),
    [MSP_ORDER_FIELD_GATEWAY] = ROOT_FIELD("gateway", RULE_CORE, 0, 0),
    [MSP_ORDER_FIELD_CARD] = ROOT_FIELD("card", RULE_CORE, 0, 0),
    [MSP_ORDER_FIELD_VAR1] = ROOT_FIELD("var1", RULE_TEXT, 0, 500),
    [MSP_ORDER_FIELD_VAR2] = ROOT_FIELD("var2", RULE_TEXT, 0, 500),
    [MSP_ORDER_FIELD_VAR3] = ROOT_FIELD("var3", RULE_TEXT, 0, 500),
    [MSP_ORDER_FIELD_RECURRING_MODEL] = ROOT_FIELD("recurring_model", RULE_RECURRING_MODEL, 0, 0),
    [MSP_ORDER_FIELD_RECURRING_ID] = ROOT_FIELD("recurring_id", RULE_TEXT, 0, 50),
    [MSP_ORDER_FIELD_FLEXIBLE_3D] = FIELD("gateway_info", "flexible_3d", RULE_BOOL, 0, 0),
    [MSP_ORDER_FIELD_TERM_URL] = FIELD("gateway_info", "term_url", RULE_URL, 0, 500),
    [MSP_ORDER_FIELD_MOTO] = FIELD("gateway_info", "moto", RULE_BOOL, 0, 0),
    [MSP_ORDER_FIELD_CUSTOMER_LOCALE] = FIELD("customer", "locale", RULE_LOCALE, 0, 5),
    [MSP_ORDER_FIELD_CUSTOMER_IP_ADDRESS] = FIELD("customer", "ip_address", RULE_IP, 0, 45),
    [MSP_ORDER_FIELD_CUSTOMER_FORWARDED_IP] = FIELD("customer", "forwarded_ip", RULE_IP, 0, 45),
    [MSP_ORDER_FIELD_CUSTOMER_FIRST_NAME] = FIELD("customer", "first_name", RULE_TEXT, 0, 100),
    [MSP_ORDER_FIELD_CUSTOMER_LAST_NAME] = FIELD("customer", "last_name", RULE_TEXT, 0, 100),
    [MSP_ORDER_FIELD_CUSTOMER_ADDRESS1] = FIELD("customer", "address1", RULE_TEXT, 0, 150),
    [MSP_ORDER_FIELD_CUSTOMER_ADDRESS2] = FIELD("customer", "address2", RULE_TEXT, 0, 150),
    [MSP_ORDER_FIELD_CUSTOMER_HOUSE_NUMBER] = FIELD("customer", "house_number", RULE_TEXT, 0, 20),
    [MSP_ORDER_FIELD_CUSTOMER_ZIP_CODE] = FIELD("customer", "zip_code", RULE_TEXT, 0, 20),
    [MSP_ORDER_FIELD_CUSTOMER_CITY] = FIELD("customer", "city", RULE_TEXT, 0, 100),
    [MSP_ORDER_FIELD_CUSTOMER_STATE] = FIELD("customer", "state", RULE_TEXT, 0, 100),
    [MSP_ORDER_FIELD_CUSTOMER_COUNTRY] = FIELD("customer", "country", RULE_COUNTRY, 0, 2),
    [MSP_ORDER_FIELD_CUSTOMER_PHONE] = FIELD("customer", "phone", RULE_TEXT, 0, 40),
    [MSP_ORDER_FIELD_CUSTOMER_EMAIL] = FIELD("customer", "email", RULE_EMAIL, 0, 254),
    [MSP_ORDER_FIELD_CUSTOMER_USER_AGENT] = FIELD("customer", "user_agent", RULE_TEXT, 0, 1000),
    /* The docs' schema makes the referrer any string ("where the customer originates from"). */
    [MSP_ORDER_FIELD_CUSTOMER_REFERRER] = FIELD("customer", "referrer", RULE_TEXT, 0, 1000),
    [MSP_ORDER_FIELD_CUSTOMER_GENDER] = FIELD("customer", "gender", RULE_GENDER, 0, 6),
    [MSP_ORDER_FIELD_CUSTOMER_BIRTHDAY] = FIELD("customer", "birthday", RULE_DATE, 0, 10),
    [MSP_ORDER_FIELD_BROWSER_JAVASCRIPT_ENABLED] =
        FIELD("customer.browser", "javascript_enabled", RULE_BOOL, 0, 0),
    [MSP_ORDER_FIELD_BROWSER_JAVA_ENABLED] = FIELD("customer.browser", "java_enabled", RULE_BOOL, 0, 0),
    [MSP_ORDER_FIELD_BROWSER_COOKIES_ENABLED] = FIELD("customer.browser", "cookies_enabled", RULE_BOOL, 0, 0),
    [MSP_ORDER_FIELD_BROWSER_LANGUAGE] = FIELD("customer.browser", "language", RULE_TEXT, 0, 35),
    [MSP_ORDER_FIELD_BROWSER_SCREEN_COLOR_DEPTH] =
        FIELD("customer.browser", "screen_color_depth", RULE_INT, 0, 64),
    [MSP_ORDER_FIELD_BROWSER_SCREEN_HEIGHT] = FIELD("customer.browser", "screen_height", RULE_INT, 0, 100000),
    [MSP_ORDER_FIELD_BROWSER_SCREEN_WIDTH] = FIELD("customer.browser", "screen_width", RULE_INT, 0, 100000),
    /* Minutes from UTC as JavaScript's getTimezoneOffset() gives them: UTC-14 to UTC+12, with room. */
    [MSP_ORDER_FIELD_BROWSER_TIME_ZONE] = FIELD("customer.browser", "time_zone", RULE_INT, -900, 900),
    [MSP_ORDER_FIELD_BROWSER_USER_AGENT] = FIELD("customer.browser", "user_agent", RULE_TEXT, 0, 1000),
    [MSP_ORDER_FIELD_BROWSER_PLATFORM] = FIELD("customer.browser", "platform", RULE_TEXT, 0, 100),
    [MSP_ORDER_FIELD_DELIVERY_FIRST_NAME] = FIELD("delivery", "first_name", RULE_TEXT, 0, 100),
    [MSP_ORDER_FIELD_DELIVERY_LAST_NAME] = FIELD("delivery", "last_name", RULE_TEXT, 0, 100),
    [MSP_ORDER_FIELD_DELIVERY_ADDRESS1] = FIELD("delivery", "address1", RULE_TEXT, 0, 150),
    [MSP_ORDER_FIELD_DELIVERY_ADDRESS2] = FIELD("delivery", "address2", RULE_TEXT, 0, 150),
    [MSP_ORDER_FIELD_DELIVERY_HOUSE_NUMBER] = FIELD("delivery", "house_number", RULE_TEXT, 0, 20),
    [MSP_ORDER_FIELD_DELIVERY_ZIP_CODE] = FIELD("delivery", "zip_code", RULE_TEXT, 0, 20),
    [MSP_ORDER_FIELD_DELIVERY_CITY] = FIELD("delivery", "city", RULE_TEXT, 0, 100),
    [MSP_ORDER_FIELD_DELIVERY_STATE] = FIELD("delivery", "state", RULE_TEXT, 0, 100),
    [MSP_ORDER_FIELD_DELIVERY_COUNTRY] = FIELD("delivery", "country", RULE_COUNTRY, 0, 2),
    [MSP_ORDER_FIELD_DELIVERY_PHONE] = FIELD("delivery", "phone", RULE_TEXT, 0, 40),
    [MSP_ORDER_FIELD_DELIVERY_EMAIL] = FIELD("delivery", "email", RULE_EMAIL, 0, 254),
    [MSP_ORDER_FIELD_NOTIFICATION_URL] = FIELD("payment_options", "notification_url", RULE_URL, 0, 150),
    [MSP_ORDER_FIELD_NOTIFICATION_METHOD] =
        FIELD("payment_options", "notification_method", RULE_METHOD, 0, 4),
    [MSP_ORDER_FIELD_REDIRECT_URL] = FIELD("payment_options", "redirect_url", RULE_URL, 0, 1000),
    [MSP_ORDER_FIELD_CANCEL_URL] = FIELD("payment_options", "cancel_url", RULE_URL, 0, 1000),
    [MSP_ORDER_FIELD_CLOSE_WINDOW] = FIELD("payment_options", "close_window", RULE_BOOL, 0, 0),
    [MSP_ORDER_FIELD_CUSTOM_1] = FIELD("custom_info", "custom_1", RULE_TEXT, 0, 200),
    [MSP_ORDER_FIELD_CUSTOM_2] = FIELD("custom_info", "custom_2", RULE_TEXT, 0, 200),
    [MSP_ORDER_FIELD_CUSTOM_3] = FIELD("custom_info", "custom_3", RULE_TEXT, 0, 200),
    [MSP_ORDER_FIELD_PLUGIN_SHOP] = FIELD("plugin", "shop", RULE_TEXT, 0, 100),
    [MSP_ORDER_FIELD_PLUGIN_SHOP_VERSION] = FIELD("plugin", "shop_version", RULE_TEXT, 0, 50),
    [MSP_ORDER_FIELD_PLUGIN_PLUGIN_VERSION] = FIELD("plugin", "plugin_version", RULE_TEXT, 0, 50),
    [MSP_ORDER_FIELD_PLUGIN_PARTNER] = FIELD("plugin", "partner", RULE_TEXT, 0, 100),
    [MSP_ORDER_FIELD_ITEMS] = FIELD("shopping_cart", "items", RULE_CORE, 0, MSP_ORDER_MAX_ITEMS),
    [MSP_ORDER_FIELD_ITEM_NAME] = FIELD("shopping_cart.items", "name", RULE_CORE, 0, 200),
    [MSP_ORDER_FIELD_ITEM_DESCRIPTION] = FIELD("shopping_cart.items", "description", RULE_CORE, 0, 200),
    [MSP_ORDER_FIELD_ITEM_UNIT_PRICE] =
        FIELD("shopping_cart.items", "unit_price", RULE_CORE, -INT32_MAX, INT32_MAX),
    [MSP_ORDER_FIELD_ITEM_QUANTITY] = FIELD("shopping_cart.items", "quantity", RULE_CORE, 1, 1000000),
    [MSP_ORDER_FIELD_ITEM_MERCHANT_ITEM_ID] =
        FIELD("shopping_cart.items", "merchant_item_id", RULE_CORE, 0, 200),
    [MSP_ORDER_FIELD_ITEM_TAX_TABLE_SELECTOR] =
        FIELD("shopping_cart.items", "tax_table_selector", RULE_CORE, 0, 200),
    [MSP_ORDER_FIELD_REFUND_ORDER_ID] = ROOT_FIELD("refund_order_id", RULE_CORE, 0, MSP_ORDER_ID_MAX),
    [MSP_ORDER_FIELD_NEW_ORDER_ID] = ROOT_FIELD("new_order_id", RULE_CORE, 0, MSP_ORDER_ID_MAX),
    [MSP_ORDER_FIELD_REASON] = ROOT_FIELD("reason", RULE_CORE, 0, 200),
};

/* The groups below the root, in body order; the writer opens each that has a field set.
 * customer.browser is written inside customer, gateway_info with the card. */
static const char *const body_groups[] = {"delivery", "payment_options", "custom_info", "plugin"};

/* customer.gender: the docs' schema (Gender.yaml) has "M" and "F". The docs' own examples for other
 * payment methods still send the words msp took before ("mr", "male"), so those are taken too and
 * sent as the schema's letter: whatever a shop passes, the body holds a value the schema allows. */
typedef struct {
	const char *word;
	const char *letter;
} gender_word;

static const gender_word genders[] = {
    {"M", "M"}, {"F", "F"}, {"male", "M"}, {"female", "F"}, {"mr", "M"}, {"mrs", "F"}, {"miss", "F"}};
static const char *const notification_methods[] = {"POST", "GET", NULL};
static const char *const recurring_models[] = {"cardOnFile", "subscription", "unscheduled", NULL};

/* A field's value; only meaningful while the field's bit in the request's `set` is on. */
typedef struct {
	char *text; /* texts: owned */
	int64_t number;
	bool flag;
} field_value;

#define FIELD_SET_WORDS ((MSP_ORDER_FIELD_COUNT + 63) / 64)

typedef struct {
	char *name;
	char *merchant_item_id;
	char *description;
	char *tax_table;
	int64_t unit_price;
	int64_t quantity;
} cart_item;

struct msp_order_request {
	char order_id[MSP_ORDER_ID_MAX * 4 + 1]; /* 50 characters of up to 4 bytes */
	char currency[4];
	char gateway[24];
	char *description;
	int64_t amount;
	const msp_card *card;
	bool manual_capture;
	cart_item *items;
	size_t item_count;
	size_t item_capacity;
	/* Which fields have a value: the writer and the destructor visit only those, and values stays
	 * uninitialised until a field is set (a request is built per payment, so it is kept cheap). */
	uint64_t set[FIELD_SET_WORDS];
	field_value values[MSP_ORDER_FIELD_COUNT]; /* last: not zeroed on creation */
};

static bool field_is_set(const msp_order_request *req, msp_order_field f)
{
	return (req->set[f / 64] >> (f % 64)) & 1u;
}

static void mark_set(msp_order_request *req, msp_order_field f)
{
	req->set[f / 64] |= UINT64_C(1) << (f % 64);
}

/* The set field after `after` (MSP_ORDER_FIELD_NONE to start), or MSP_ORDER_FIELD_COUNT at the end. */
static int next_set_field(const msp_order_request *req, int after)
{
	for (int f = after + 1; f < MSP_ORDER_FIELD_COUNT; f++) {
		uint64_t word = req->set[f / 64] >> (f % 64);
		if (word == 0) {
			f |= 63; /* nothing more in this word */
			continue;
		}
		while ((word & 1u) == 0) {
			word >>= 1;
			f++;
		}
		return f;
	}
	return MSP_ORDER_FIELD_COUNT;
}

const char *msp_order_field_name(msp_order_field field)
{
	return field > MSP_ORDER_FIELD_NONE && field < MSP_ORDER_FIELD_COUNT ? fields[field].path : "";
}

/* ---- refusals ---- */

/* MSP_ERR_INVALID naming the field by path (err->field) and by value (err->reason). */
static msp_status refuse(msp_error *err, msp_order_field field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static msp_status refuse(msp_error *err, msp_order_field field, const char *fmt, ...)
{
	char message[MSP_ERROR_MESSAGE_MAX];
	va_list args;
	va_start(args, fmt);
	msp_text_fit(message, sizeof(message), vsnprintf(message, sizeof(message), fmt, args));
	va_end(args);
	msp_error_set(err, MSP_ERR_INVALID, (int)field, "%s %s", msp_order_field_name(field), message);
	msp_error_set_field(err, msp_order_field_name(field));
	return MSP_ERR_INVALID;
}

/* Names the field of an MSP_ERR_INVALID that another module (money.c, threeds.c) has already set,
 * and starts its message with the path like every other refusal here. */
static msp_status name_field(msp_error *err, msp_order_field field)
{
	const char *path = msp_order_field_name(field);
	if (err == NULL) {
		return MSP_ERR_INVALID;
	}
	if (strncmp(err->message, path, strlen(path)) != 0) {
		char message[MSP_ERROR_MESSAGE_MAX];
		snprintf(message, sizeof(message), "%s", err->message);
		msp_error_set(err, MSP_ERR_INVALID, (int)field, "%s: %s", path, message);
	}
	err->reason = (int)field;
	msp_error_set_field(err, path);
	return MSP_ERR_INVALID;
}

static msp_status out_of_memory(msp_error *err)
{
	return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
}

/* ---- shared checks ---- */

/* Counts UTF-8 characters; false for invalid UTF-8 (overlong, surrogates, truncated). */
static bool utf8_length(const char *s, size_t len, size_t *chars)
{
	static const uint32_t min_for[] = {0, 0x80, 0x800, 0x10000};
	size_t count = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		size_t extra;
		uint32_t cp;
		if (c < 0x80) {
			extra = 0;
			cp = c;
		} else if ((c & 0xe0) == 0xc0) {
			extra = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			extra = 2;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			extra = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (i + extra >= len) {
			return false; /* truncated sequence */
		}
		for (size_t k = 1; k <= extra; k++) {
			unsigned char cc = (unsigned char)s[i + k];
			if ((cc & 0xc0) != 0x80) {
				return false;
			}
			cp = (cp << 6) | (cc & 0x3f);
		}
		if (cp < min_for[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
			return false;
		}
		i += extra + 1;
		count++;
	}
	*chars = count;
	return true;
}

/* C0 controls (NUL, CR, LF, TAB ...) and DEL: none belongs in a name, an address or an id, and CR/LF
 * would let a value forge lines in the shop's or MultiSafepay's logs. */
static bool has_control_characters(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			return true;
		}
	}
	return false;
}

bool msp_text_valid(const char *value, size_t len, size_t max_chars)
{
	size_t chars;
	return value != NULL && len > 0 && !has_control_characters(value, len) &&
	       utf8_length(value, len, &chars) && chars <= max_chars;
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char to_upper(char c)
{
	return is_lower(c) ? (char)(c - 'a' + 'A') : c;
}

static bool prefix_nocase(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	if (len < n) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (to_upper(s[i]) != to_upper(prefix[i])) {
			return false;
		}
	}
	return true;
}

/* Characters that never appear unquoted in a URL we send: they would need escaping in the HTML of
 * a 3-D Secure form or break a header. */
/* A table rather than strchr() per character: two URLs are checked for every order. */
static const bool url_char_refused[256] = {
    [0x00 ... 0x20] = true,
    [0x7f] = true,
    ['"'] = true,
    ['<'] = true,
    ['>'] = true,
    ['\\'] = true,
    ['^'] = true,
    ['`'] = true,
    ['{'] = true,
    ['|'] = true,
    ['}'] = true,
};

static bool url_char_allowed(unsigned char c)
{
	return !url_char_refused[c];
}

/* A port: 1 to 5 digits, 1..65535. */
static bool port_valid(const char *p, size_t len)
{
	if (len == 0 || len > 5) {
		return false;
	}
	long port = 0;
	for (size_t i = 0; i < len; i++) {
		if (!is_digit(p[i])) {
			return false;
		}
		port = port * 10 + (p[i] - '0');
	}
	return port >= 1 && port <= 65535;
}

/* A host name or IPv4 address: letters, digits, '-', '.', and UTF-8 (internationalised names). */
static bool host_valid(const char *h, size_t len)
{
	if (len == 0 || h[0] == '.' || h[0] == '-') {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)h[i];
		if (!(c >= 0x80 || is_digit((char)c) || is_lower((char)c) || is_upper((char)c) || c == '-' ||
		        c == '.')) {
			return false;
		}
	}
	return true;
}

/* Splits the authority of an http(s) URL; false when it is not one. */
static bool url_parse(const char *value, size_t len, bool require_https, bool *has_port)
{
	size_t chars, start;
	*has_port = false;
	if (value == NULL || !utf8_length(value, len, &chars)) {
		return false;
	}
	if (prefix_nocase(value, len, "https://")) {
		start = 8;
	} else if (!require_https && prefix_nocase(value, len, "http://")) {
		start = 7;
	} else {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (!url_char_allowed((unsigned char)value[i])) {
			return false;
		}
	}
	size_t end = start;
	while (end < len && value[end] != '/' && value[end] != '?' && value[end] != '#') {
		end++;
	}
	const char *authority = value + start;
	size_t alen = end - start;
	/* user:password@ has no place in a callback URL and would end up in logs. */
	if (alen == 0 || memchr(authority, '@', alen) != NULL) {
		return false;
	}
	const char *host = authority;
	size_t host_len = alen;
	const char *port = NULL;
	if (authority[0] == '[') {
		const char *close = memchr(authority, ']', alen);
		if (close == NULL) {
			return false;
		}
		char literal[64];
		size_t literal_len = (size_t)(close - authority) - 1;
		if (literal_len == 0 || literal_len >= sizeof(literal)) {
			return false;
		}
		memcpy(literal, authority + 1, literal_len);
		literal[literal_len] = '\0';
		unsigned char addr[16];
		if (inet_pton(AF_INET6, literal, addr) != 1) {
			return false;
		}
		size_t rest = alen - (size_t)(close - authority) - 1;
		if (rest > 0 && close[1] != ':') {
			return false;
		}
		port = rest > 0 ? close + 2 : NULL;
		if (port != NULL && !port_valid(port, rest - 1)) {
			return false;
		}
	} else {
		const char *colon = memchr(authority, ':', alen);
		if (colon != NULL) {
			host_len = (size_t)(colon - authority);
			port = colon + 1;
			if (!port_valid(port, alen - host_len - 1)) {
				return false;
			}
		}
		if (!host_valid(host, host_len)) {
			return false;
		}
	}
	*has_port = port != NULL;
	return true;
}

bool msp_url_valid(const char *value, size_t len, bool require_https)
{
	bool has_port;
	return url_parse(value, len, require_https, &has_port);
}

bool msp_ip_address_valid(const char *value, size_t len)
{
	char copy[64];
	unsigned char addr[16];
	if (value == NULL || len == 0 || len >= sizeof(copy) || memchr(value, '\0', len) != NULL) {
		return false;
	}
	memcpy(copy, value, len);
	copy[len] = '\0';
	return inet_pton(AF_INET, copy, addr) == 1 || inet_pton(AF_INET6, copy, addr) == 1;
}

/* A plausible address, not RFC 5322: local@domain.tld without spaces, one '@', no empty labels. The
 * API checks deliverability in its own way; this catches typos and injection. */
static bool email_valid(const char *value, size_t len)
{
	size_t chars;
	const char *at = memchr(value, '@', len);
	if (!utf8_length(value, len, &chars) || has_control_characters(value, len) || at == NULL || at == value ||
	    (size_t)(at - value) > 64 || memchr(value, ' ', len) != NULL) {
		return false;
	}
	const char *domain = at + 1;
	size_t domain_len = len - (size_t)(domain - value);
	if (domain_len < 3 || memchr(domain, '@', domain_len) != NULL ||
	    memchr(domain, '.', domain_len) == NULL || domain[0] == '.' || domain[domain_len - 1] == '.') {
		return false;
	}
	for (size_t i = 1; i < domain_len; i++) {
		if (domain[i] == '.' && domain[i - 1] == '.') {
			return false;
		}
	}
	return true;
}

static bool locale_valid(const char *v, size_t len)
{
	return len == 5 && is_lower(v[0]) && is_lower(v[1]) && v[2] == '_' && is_upper(v[3]) && is_upper(v[4]);
}

/* YYYY-MM-DD with a real calendar day. */
static bool date_valid(const char *v, size_t len)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (len != 10 || v[4] != '-' || v[7] != '-') {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (i != 4 && i != 7 && !is_digit(v[i])) {
			return false;
		}
	}
	int year = atoi(v), month = atoi(v + 5), day = atoi(v + 8);
	if (year < 1900 || month < 1 || month > 12 || day < 1 || day > days[month - 1]) {
		return false;
	}
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return !(month == 2 && day == 29 && !leap);
}

static bool one_of(const char *v, size_t len, const char *const *options)
{
	for (; *options; options++) {
		if (strlen(*options) == len && memcmp(*options, v, len) == 0) {
			return true;
		}
	}
	return false;
}

/* The letter to send for a gender msp takes, or NULL. */
static const char *gender_letter(const char *v, size_t len)
{
	for (size_t i = 0; i < sizeof(genders) / sizeof(genders[0]); i++) {
		if (strlen(genders[i].word) == len && memcmp(genders[i].word, v, len) == 0) {
			return genders[i].letter;
		}
	}
	return NULL;
}

static bool country_valid(const char *v, size_t len)
{
	char code[3];
	if (len != 2) {
		return false;
	}
	code[0] = v[0];
	code[1] = v[1];
	code[2] = '\0';
	return msp_country_code_known(code);
}

/* ---- the field table ---- */

static bool settable(const field_def *def)
{
	return def->rule != RULE_CORE;
}

static bool in_group(const field_def *def, const char *group, size_t group_len)
{
	return def->group_len == group_len && memcmp(def->path, group, group_len) == 0;
}

static const char *key_of(const field_def *def)
{
	return def->path + (def->group_len ? def->group_len + 1u : 0u);
}

/* Called for every field a shop sets: lengths are compared before any byte. */
static msp_order_field find_field(const char *group, const char *key, size_t key_len)
{
	size_t group_len = strlen(group);
	size_t path_len = group_len + (group_len > 0 ? 1 : 0) + key_len;
	if (path_len > UINT8_MAX || memchr(key, '\0', key_len) != NULL) {
		return MSP_ORDER_FIELD_NONE;
	}
	for (int f = MSP_ORDER_FIELD_NONE + 1; f < MSP_ORDER_FIELD_COUNT; f++) {
		const field_def *def = &fields[f];
		if (def->path_len == path_len && settable(def) && in_group(def, group, group_len) &&
		    memcmp(key_of(def), key, key_len) == 0) {
			return (msp_order_field)f;
		}
	}
	return MSP_ORDER_FIELD_NONE;
}

/* The path is echoed for the caller, so it is cut short and stripped of control characters. */
static msp_status unknown_field(const char *group, const char *key, size_t key_len, msp_error *err)
{
	char path[96];
	snprintf(
	    path, sizeof(path), "%s%s%.*s", group, group[0] ? "." : "", (int)(key_len > 40 ? 40 : key_len), key);
	for (char *p = path; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			*p = '?';
		}
	}
	msp_error_set(
	    err, MSP_ERR_INVALID, MSP_ORDER_FIELD_NONE, "%s is not a field of a direct card order", path);
	msp_error_set_field(err, path);
	return MSP_ERR_INVALID;
}

static msp_field_type type_of(msp_order_field f)
{
	return fields[f].rule == RULE_BOOL  ? MSP_FIELD_BOOL
	       : fields[f].rule == RULE_INT ? MSP_FIELD_INT
	                                    : MSP_FIELD_TEXT;
}

static msp_status check_text_value(msp_order_field f, const char *v, size_t len, msp_error *err)
{
	const field_def *def = &fields[f];
	bool has_port;
	if (len == 0) {
		return MSP_OK; /* no value: the field is left out */
	}
	switch (def->rule) {
		case RULE_TEXT:
			return msp_text_valid(v, len, (size_t)def->max)
			           ? MSP_OK
			           : refuse(err, f,
			                 "must be 1 to %d characters of valid UTF-8 without control characters",
			                 (int)def->max);
		case RULE_COUNTRY:
			return country_valid(v, len)
			           ? MSP_OK
			           : refuse(err, f, "must be an ISO 3166-1 alpha-2 country code in upper case (\"NL\")");
		case RULE_IP:
			return msp_ip_address_valid(v, len) ? MSP_OK : refuse(err, f, "must be an IPv4 or IPv6 address");
		case RULE_URL:
			if ((size_t)def->max < len) {
				return refuse(err, f, "must be at most %d characters", (int)def->max);
			}
			return url_parse(v, len, false, &has_port) ? MSP_OK
			                                           : refuse(err, f, "must be an absolute http(s) URL");
		case RULE_EMAIL:
			return len <= (size_t)def->max && email_valid(v, len)
			           ? MSP_OK
			           : refuse(err, f, "must be an e-mail address");
		case RULE_LOCALE:
			return locale_valid(v, len) ? MSP_OK : refuse(err, f, "must be a locale like \"nl_NL\"");
		case RULE_DATE:
			return date_valid(v, len) ? MSP_OK : refuse(err, f, "must be a date as YYYY-MM-DD");
		case RULE_GENDER:
			return gender_letter(v, len) != NULL
			           ? MSP_OK
			           : refuse(err, f, "must be \"M\" or \"F\" (also taken: male, female, mr, mrs, miss)");
		case RULE_METHOD:
			return one_of(v, len, notification_methods) ? MSP_OK
			                                            : refuse(err, f, "must be \"POST\" or \"GET\"");
		case RULE_RECURRING_MODEL:
			return one_of(v, len, recurring_models)
			           ? MSP_OK
			           : refuse(err, f, "must be cardOnFile, subscription or unscheduled");
		case RULE_BOOL:
		case RULE_INT:
		case RULE_CORE:
			break;
	}
	return refuse(err, f, "does not take a string");
}

msp_order_field msp_order_field_find(const char *group, const char *key, size_t key_len, msp_error *err)
{
	msp_order_field f = find_field(group, key, key_len);
	if (f == MSP_ORDER_FIELD_NONE) {
		unknown_field(group, key, key_len, err);
	}
	return f;
}

msp_field_type msp_order_field_kind(msp_order_field f)
{
	return type_of(f);
}

msp_status msp_order_field_type(
    const char *group, const char *key, size_t key_len, msp_field_type *type, msp_error *err)
{
	msp_order_field f = msp_order_field_find(group, key, key_len, err);
	if (f == MSP_ORDER_FIELD_NONE) {
		return MSP_ERR_INVALID;
	}
	*type = type_of(f);
	return MSP_OK;
}

static bool is_settable_field(msp_order_field f)
{
	return f > MSP_ORDER_FIELD_NONE && f < MSP_ORDER_FIELD_COUNT && settable(&fields[f]);
}

/* A field id the caller found must still be settable and of the type the value has. */
static msp_status check_kind(msp_order_field f, msp_field_type wanted, msp_error *err)
{
	if (!is_settable_field(f)) {
		return msp_error_set(err, MSP_ERR_INVALID, MSP_ORDER_FIELD_NONE, "not a settable field");
	}
	msp_field_type type = type_of(f);
	if (type != wanted) {
		return refuse(err, f, "must be %s",
		    type == MSP_FIELD_BOOL  ? "a bool"
		    : type == MSP_FIELD_INT ? "an int"
		                            : "a string");
	}
	return MSP_OK;
}

msp_status msp_order_field_check_text(msp_order_field f, const char *value, size_t value_len, msp_error *err)
{
	msp_status status = check_kind(f, MSP_FIELD_TEXT, err);
	return status != MSP_OK ? status : check_text_value(f, value, value_len, err);
}

msp_status msp_order_field_check_int(msp_order_field f, int64_t value, msp_error *err)
{
	msp_status status = check_kind(f, MSP_FIELD_INT, err);
	if (status == MSP_OK && (value < fields[f].min || value > fields[f].max)) {
		return refuse(err, f, "must be %lld to %lld", (long long)fields[f].min, (long long)fields[f].max);
	}
	return status;
}

msp_status msp_order_field_check_bool(msp_order_field f, msp_error *err)
{
	return check_kind(f, MSP_FIELD_BOOL, err);
}

static char *copy_text(const char *s, size_t len)
{
	char *copy = malloc(len + 1);
	if (copy != NULL) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}

/* The text a field keeps for a checked value: the value itself, or the schema's letter for a gender
 * word. */
static char *stored_text(msp_order_field f, const char *value, size_t value_len)
{
	if (fields[f].rule == RULE_GENDER) {
		const char *letter = gender_letter(value, value_len);
		return copy_text(letter, strlen(letter));
	}
	return copy_text(value, value_len);
}

static void clear_field(msp_order_request *req, msp_order_field f)
{
	if (!field_is_set(req, f)) {
		return;
	}
	if (type_of(f) == MSP_FIELD_TEXT) {
		free(req->values[f].text);
		req->values[f].text = NULL;
	}
	req->set[f / 64] &= ~(UINT64_C(1) << (f % 64));
}

msp_status msp_order_request_clear(msp_order_request *req, msp_order_field f, msp_error *err)
{
	if (!is_settable_field(f)) {
		return msp_error_set(err, MSP_ERR_INVALID, MSP_ORDER_FIELD_NONE, "not a settable field");
	}
	clear_field(req, f);
	return MSP_OK;
}

msp_status msp_order_request_put_text(
    msp_order_request *req, msp_order_field f, const char *value, size_t value_len, msp_error *err)
{
	msp_status status = msp_order_field_check_text(f, value, value_len, err);
	if (status != MSP_OK) {
		return status;
	}
	if (value_len == 0) {
		clear_field(req, f);
		return MSP_OK;
	}
	char *copy = stored_text(f, value, value_len);
	if (copy == NULL) {
		return out_of_memory(err);
	}
	if (field_is_set(req, f)) {
		free(req->values[f].text);
	}
	req->values[f].text = copy;
	mark_set(req, f);
	return MSP_OK;
}

msp_status msp_order_request_put_int(msp_order_request *req, msp_order_field f, int64_t value, msp_error *err)
{
	msp_status status = msp_order_field_check_int(f, value, err);
	if (status == MSP_OK) {
		req->values[f].number = value;
		mark_set(req, f);
	}
	return status;
}

msp_status msp_order_request_put_bool(msp_order_request *req, msp_order_field f, bool value, msp_error *err)
{
	msp_status status = msp_order_field_check_bool(f, err);
	if (status == MSP_OK) {
		req->values[f].flag = value;
		mark_set(req, f);
	}
	return status;
}

/* A value of a batch that leaves its field out: absent, or an empty text. */
static bool batch_value_absent(const msp_field_value *v)
{
	return v->absent || (v->type == MSP_FIELD_TEXT && v->text_len == 0);
}

/* The checks of put_text/put_int/put_bool for one value of a batch. */
static msp_status check_batch_value(const msp_field_value *v, msp_error *err)
{
	if (v->absent) {
		return is_settable_field(v->field)
		           ? MSP_OK
		           : msp_error_set(err, MSP_ERR_INVALID, MSP_ORDER_FIELD_NONE, "not a settable field");
	}
	switch (v->type) {
		case MSP_FIELD_TEXT:
			return msp_order_field_check_text(v->field, v->text, v->text_len, err);
		case MSP_FIELD_INT:
			return msp_order_field_check_int(v->field, v->number, err);
		case MSP_FIELD_BOOL:
			return msp_order_field_check_bool(v->field, err);
	}
	return msp_error_set(err, MSP_ERR_INVALID, 0, "unknown field type");
}

static void free_copies(char **copies, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(copies[i]);
	}
	free(copies);
}

msp_status msp_order_request_put_all(
    msp_order_request *req, const msp_field_value *values, size_t n, msp_error *err)
{
	if (n == 0) {
		return MSP_OK;
	}
	char **copies = calloc(n, sizeof(*copies));
	if (copies == NULL) {
		return out_of_memory(err);
	}
	/* Everything that can fail happens before the request is touched. */
	for (size_t i = 0; i < n; i++) {
		msp_status status = check_batch_value(&values[i], err);
		if (status == MSP_OK && values[i].type == MSP_FIELD_TEXT && !batch_value_absent(&values[i]) &&
		    (copies[i] = stored_text(values[i].field, values[i].text, values[i].text_len)) == NULL) {
			status = out_of_memory(err);
		}
		if (status != MSP_OK) {
			free_copies(copies, n);
			return status;
		}
	}
	for (size_t i = 0; i < n; i++) {
		msp_order_field f = values[i].field;
		field_value *slot = &req->values[f];
		if (batch_value_absent(&values[i])) {
			clear_field(req, f);
			continue;
		}
		if (values[i].type == MSP_FIELD_TEXT) {
			if (field_is_set(req, f)) {
				free(slot->text);
			}
			slot->text = copies[i];
			copies[i] = NULL;
		} else if (values[i].type == MSP_FIELD_INT) {
			slot->number = values[i].number;
		} else {
			slot->flag = values[i].flag;
		}
		mark_set(req, f);
	}
	free(copies);
	return MSP_OK;
}

msp_status msp_order_request_check_text(
    const char *group, const char *key, size_t key_len, const char *value, size_t value_len, msp_error *err)
{
	msp_order_field f = msp_order_field_find(group, key, key_len, err);
	return f == MSP_ORDER_FIELD_NONE ? MSP_ERR_INVALID : msp_order_field_check_text(f, value, value_len, err);
}

msp_status msp_order_request_check_int(
    const char *group, const char *key, size_t key_len, int64_t value, msp_error *err)
{
	msp_order_field f = msp_order_field_find(group, key, key_len, err);
	return f == MSP_ORDER_FIELD_NONE ? MSP_ERR_INVALID : msp_order_field_check_int(f, value, err);
}

msp_status msp_order_request_check_bool(const char *group, const char *key, size_t key_len, msp_error *err)
{
	msp_order_field f = msp_order_field_find(group, key, key_len, err);
	return f == MSP_ORDER_FIELD_NONE ? MSP_ERR_INVALID : msp_order_field_check_bool(f, err);
}

msp_status msp_order_request_set_text(msp_order_request *req, const char *group, const char *key,
    size_t key_len, const char *value, size_t value_len, msp_error *err)
{
	msp_order_field f = msp_order_field_find(group, key, key_len, err);
	return f == MSP_ORDER_FIELD_NONE ? MSP_ERR_INVALID
	                                 : msp_order_request_put_text(req, f, value, value_len, err);
}

msp_status msp_order_request_set_bool(
    msp_order_request *req, const char *group, const char *key, size_t key_len, bool value, msp_error *err)
{
	msp_order_field f = msp_order_field_find(group, key, key_len, err);
	return f == MSP_ORDER_FIELD_NONE ? MSP_ERR_INVALID : msp_order_request_put_bool(req, f, value, err);
}

msp_status msp_order_request_set_int(
    msp_order_request *req, const char *group, const char *key, size_t key_len, int64_t value, msp_error *err)
{
	msp_order_field f = msp_order_field_find(group, key, key_len, err);
	return f == MSP_ORDER_FIELD_NONE ? MSP_ERR_INVALID : msp_order_request_put_int(req, f, value, err);
}

static const field_value *value_of(const msp_order_request *req, msp_order_field f)
{
	return field_is_set(req, f) ? &req->values[f] : NULL;
}

static const char *text_of(const msp_order_request *req, msp_order_field f)
{
	return field_is_set(req, f) ? req->values[f].text : NULL;
}

const char *msp_order_request_text(const msp_order_request *req, const char *group, const char *key)
{
	msp_order_field f = find_field(group, key, strlen(key));
	return f != MSP_ORDER_FIELD_NONE ? text_of(req, f) : NULL;
}

/* ---- construction ---- */

/* The gateway code to send: CREDITCARD (MultiSafepay detects the scheme) or the card brand's own
 * gateway. Input is matched without regard to case, and the brand's name is taken for its code
 * (BANCONTACT -> MISTERCASH); card.h owns the brand-to-gateway table. */
/* A gateway code into the request's fixed field (codes are short literals). */
static void copy_gateway(char out[24], const char *code)
{
	size_t n = strlen(code);
	n = n < 23 ? n : 23;
	memcpy(out, code, n);
	out[n] = '\0';
}

static msp_status resolve_gateway(
    const char *gateway, size_t gateway_len, const msp_card *card, char out[24], msp_error *err)
{
	msp_card_brand card_brand = msp_card_get_brand(card);
	const char *own = msp_card_brand_gateway(card_brand);
	if (gateway == NULL) {
		copy_gateway(out, own ? own : "CREDITCARD");
		return MSP_OK;
	}
	char code[24];
	if (gateway_len == 0 || gateway_len >= sizeof(code) || memchr(gateway, '\0', gateway_len) != NULL) {
		return refuse(err, MSP_ORDER_FIELD_GATEWAY,
		    "must be CREDITCARD or a card brand's gateway (VISA, MASTERCARD, AMEX, MAESTRO, MISTERCASH)");
	}
	for (size_t i = 0; i < gateway_len; i++) {
		code[i] = to_upper(gateway[i]);
	}
	code[gateway_len] = '\0';
	if (strcmp(code, "CREDITCARD") == 0) {
		copy_gateway(out, code);
		return MSP_OK;
	}
	msp_card_brand named = msp_card_brand_from_gateway(code);
	const char *named_gateway = msp_card_brand_gateway(named);
	if (named == MSP_BRAND_UNKNOWN || named_gateway == NULL) {
		return refuse(err, MSP_ORDER_FIELD_GATEWAY,
		    "must be CREDITCARD or a card brand's gateway (VISA, MASTERCARD, AMEX, MAESTRO, MISTERCASH)");
	}
	if (named != card_brand) {
		return refuse(err, MSP_ORDER_FIELD_GATEWAY,
		    "%s does not match the card, which is a %s card (gateway %s, or CREDITCARD)", named_gateway,
		    msp_card_brand_name(card_brand), own ? own : "none");
	}
	copy_gateway(out, named_gateway);
	return MSP_OK;
}

msp_status msp_order_request_new(const char *order_id, size_t order_id_len, int64_t amount,
    const char *currency, size_t currency_len, const char *description, size_t description_len,
    const msp_card *card, const char *gateway, size_t gateway_len, msp_order_request **out, msp_error *err)
{
	*out = NULL;
	char code[4] = {0};
	char gateway_code[24] = {0};
	if (!msp_text_valid(order_id, order_id_len, MSP_ORDER_ID_MAX)) {
		return refuse(err, MSP_ORDER_FIELD_ORDER_ID,
		    "must be 1 to 50 characters of valid UTF-8 without control characters");
	}
	if (currency == NULL || currency_len != 3 || memchr(currency, '\0', 3) != NULL) {
		return refuse(err, MSP_ORDER_FIELD_CURRENCY, "must be an ISO 4217 code such as \"EUR\"");
	}
	memcpy(code, currency, 3);
	if (amount < 0 && msp_currency_find(code) != NULL) {
		char given[MSP_NUMBER_TEXT_MAX];
		return refuse(err, MSP_ORDER_FIELD_AMOUNT,
		    "must be at least 1 minor unit, or 0 for a zero authorization; got %s",
		    msp_number_text(amount, MSP_NUMBER_DIGITS_SHOWN, given));
	}
	/* 0 is a zero authorization: its rules need the whole request (msp_order_request_validate). */
	if (msp_amount_check(code, amount == 0 ? 1 : amount, err) != MSP_OK) {
		return name_field(
		    err, msp_currency_find(code) == NULL ? MSP_ORDER_FIELD_CURRENCY : MSP_ORDER_FIELD_AMOUNT);
	}
	if (!msp_text_valid(description, description_len, MSP_ORDER_DESCRIPTION_MAX)) {
		return refuse(err, MSP_ORDER_FIELD_DESCRIPTION,
		    "must be 1 to 200 characters of valid UTF-8 without control characters");
	}
	if (card == NULL) {
		return refuse(err, MSP_ORDER_FIELD_CARD, "is required");
	}
	msp_status status = resolve_gateway(gateway, gateway_len, card, gateway_code, err);
	if (status != MSP_OK) {
		return status;
	}

	msp_order_request *req = malloc(sizeof(*req));
	char *description_copy = copy_text(description, description_len);
	if (req == NULL || description_copy == NULL) {
		free(req);
		free(description_copy);
		return out_of_memory(err);
	}
	memset(req, 0, offsetof(msp_order_request, values));
	memcpy(req->order_id, order_id, order_id_len);
	memcpy(req->currency, code, sizeof(code));
	memcpy(req->gateway, gateway_code, sizeof(gateway_code));
	req->description = description_copy;
	req->amount = amount;
	req->card = card;
	*out = req;
	return MSP_OK;
}

static void free_item(cart_item *item)
{
	free(item->name);
	free(item->merchant_item_id);
	free(item->description);
	free(item->tax_table);
}

void msp_order_request_free(msp_order_request *req)
{
	if (req == NULL) {
		return;
	}
	for (int f = next_set_field(req, MSP_ORDER_FIELD_NONE); f < MSP_ORDER_FIELD_COUNT;
	     f = next_set_field(req, f)) {
		if (type_of((msp_order_field)f) == MSP_FIELD_TEXT) {
			free(req->values[f].text);
		}
	}
	for (size_t i = 0; i < req->item_count; i++) {
		free_item(&req->items[i]);
	}
	free(req->items);
	free(req->description);
	free(req);
}

static msp_status check_item(const char *name, size_t name_len, int64_t unit_price, int64_t quantity,
    const char *const optional[3], const size_t optional_len[3], msp_error *err)
{
	static const msp_order_field optional_fields[3] = {MSP_ORDER_FIELD_ITEM_MERCHANT_ITEM_ID,
	    MSP_ORDER_FIELD_ITEM_DESCRIPTION, MSP_ORDER_FIELD_ITEM_TAX_TABLE_SELECTOR};
	const field_def *price = &fields[MSP_ORDER_FIELD_ITEM_UNIT_PRICE];
	const field_def *qty = &fields[MSP_ORDER_FIELD_ITEM_QUANTITY];
	if (!msp_text_valid(name, name_len, (size_t)fields[MSP_ORDER_FIELD_ITEM_NAME].max)) {
		return refuse(
		    err, MSP_ORDER_FIELD_ITEM_NAME, "must be 1 to 200 characters without control characters");
	}
	if (quantity < qty->min || quantity > qty->max) {
		return refuse(err, MSP_ORDER_FIELD_ITEM_QUANTITY, "must be 1 to 1000000");
	}
	if (unit_price < price->min || unit_price > price->max) {
		return refuse(err, MSP_ORDER_FIELD_ITEM_UNIT_PRICE, "must be within +/-2147483647 minor units");
	}
	for (size_t i = 0; i < 3; i++) {
		msp_order_field f = optional_fields[i];
		if (optional[i] != NULL && !msp_text_valid(optional[i], optional_len[i], (size_t)fields[f].max)) {
			return refuse(err, f, "must be 1 to 200 characters without control characters");
		}
	}
	return MSP_OK;
}

/* Room for one more line; doubling keeps a 500-line cart at 10 reallocations. */
static bool reserve_item(msp_order_request *req)
{
	if (req->item_count < req->item_capacity) {
		return true;
	}
	size_t capacity = req->item_capacity ? req->item_capacity * 2 : 8;
	cart_item *grown = realloc(req->items, capacity * sizeof(cart_item));
	if (grown == NULL) {
		return false;
	}
	req->items = grown;
	req->item_capacity = capacity;
	return true;
}

msp_status msp_order_request_add_item(msp_order_request *req, const char *name, size_t name_len,
    int64_t unit_price, int64_t quantity, const char *merchant_item_id, size_t merchant_item_id_len,
    const char *description, size_t description_len, const char *tax_table, size_t tax_table_len,
    msp_error *err)
{
	const char *optional[3] = {merchant_item_id, description, tax_table};
	const size_t optional_len[3] = {merchant_item_id_len, description_len, tax_table_len};
	if (req->item_count >= MSP_ORDER_MAX_ITEMS) {
		return refuse(err, MSP_ORDER_FIELD_ITEMS, "hold at most %d lines", MSP_ORDER_MAX_ITEMS);
	}
	msp_status status = check_item(name, name_len, unit_price, quantity, optional, optional_len, err);
	if (status != MSP_OK) {
		return status;
	}
	if (!reserve_item(req)) {
		return out_of_memory(err);
	}
	cart_item item = {
	    .name = copy_text(name, name_len),
	    .merchant_item_id = merchant_item_id ? copy_text(merchant_item_id, merchant_item_id_len) : NULL,
	    .description = description ? copy_text(description, description_len) : NULL,
	    .tax_table = tax_table ? copy_text(tax_table, tax_table_len) : NULL,
	    .unit_price = unit_price,
	    .quantity = quantity,
	};
	if (item.name == NULL || (merchant_item_id && !item.merchant_item_id) ||
	    (description && !item.description) || (tax_table && !item.tax_table)) {
		free_item(&item);
		return out_of_memory(err);
	}
	req->items[req->item_count++] = item;
	return MSP_OK;
}

void msp_order_request_set_manual_capture(msp_order_request *req, bool manual)
{
	req->manual_capture = manual;
}

/* ---- whole-request validation ---- */

static msp_status require_text(const msp_order_request *req, msp_order_field f, msp_error *err)
{
	return text_of(req, f) != NULL ? MSP_OK : refuse(err, f, "is required for card payments");
}

static msp_status check_card(const msp_order_request *req, time_t now, msp_error *err)
{
	const msp_card *card = req->card;
	msp_card_brand brand = msp_card_get_brand(card);
	if (msp_card_is_expired(card, now)) {
		msp_error_set(err, MSP_ERR_CARD, MSP_CARD_EXPIRED, "the card has expired (valid through %02d/%04d)",
		    msp_card_exp_month(card), msp_card_exp_year(card));
		msp_error_set_field(err, msp_order_field_name(MSP_ORDER_FIELD_CARD));
		return MSP_ERR_CARD;
	}
	bool optional = false;
	msp_card_brand_cvc_length(brand, &optional);
	/* A recurring payment on a stored card has no CVC to give (api.md §2). */
	bool recurring = text_of(req, MSP_ORDER_FIELD_RECURRING_ID) != NULL;
	if (!msp_card_has_cvc(card) && !optional && !recurring) {
		msp_error_set(
		    err, MSP_ERR_CARD, MSP_CARD_CVC_REQUIRED, "%s cards need a CVC", msp_card_brand_name(brand));
		msp_error_set_field(err, msp_order_field_name(MSP_ORDER_FIELD_CARD));
		return MSP_ERR_CARD;
	}
	return MSP_OK;
}

/* The webhook endpoint in the live environment: https, no port (MultiSafepay's webhook docs). */
static msp_status check_live_url(const msp_order_request *req, msp_order_field f, msp_error *err)
{
	const char *url = text_of(req, f);
	bool has_port = false;
	if (url == NULL) {
		return MSP_OK;
	}
	if (!url_parse(url, strlen(url), true, &has_port)) {
		return refuse(err, f, "must use https in the live environment");
	}
	if (has_port) {
		return refuse(err, f, "must not name a port in the live environment (MultiSafepay calls 443)");
	}
	return MSP_OK;
}

static msp_status check_flexible_3d(const msp_order_request *req, msp_error *err)
{
	const field_value *flexible = value_of(req, MSP_ORDER_FIELD_FLEXIBLE_3D);
	if (flexible == NULL) {
		return MSP_OK;
	}
	if (text_of(req, MSP_ORDER_FIELD_TERM_URL) == NULL) {
		return refuse(err, MSP_ORDER_FIELD_TERM_URL, "is required with flexible_3d");
	}
	if (flexible->flag) {
		return MSP_OK;
	}
	/* flexible_3d = false asks MultiSafepay to skip 3-D Secure: only where the brand allows it. The
	 * rule lives in threeds.c; an EUR amount is known only for EUR orders. A zero authorization is
	 * checked as the smallest payment: the brand rules are the same. */
	int64_t amount = req->amount == 0 ? 1 : req->amount;
	msp_threeds_payment payment = {
	    .brand = msp_card_get_brand(req->card),
	    .amount = amount,
	    .currency = req->currency,
	    .has_eur_amount = strcmp(req->currency, "EUR") == 0,
	    .eur_amount = amount,
	};
	msp_status status = msp_threeds_check_skip_allowed(&payment, err);
	if (status == MSP_ERR_INVALID) {
		return name_field(err, MSP_ORDER_FIELD_FLEXIBLE_3D);
	}
	if (status != MSP_OK) {
		/* MSP_ERR_CARD keeps its card reason; the field still says where to look. */
		msp_error_set_field(err, msp_order_field_name(MSP_ORDER_FIELD_FLEXIBLE_3D));
	}
	return status;
}

/* Zero Authorization (the docs: "Zero Authorization", "Recurring payments"): amount 0 verifies a
 * Visa, Mastercard or Maestro card and stores it as a token for later payments, so it is the initial
 * payment of a recurring model. Anything else with amount 0 is a mistake the API would refuse. */
static msp_status check_zero_authorization(const msp_order_request *req, msp_error *err)
{
	if (req->amount != 0) {
		return MSP_OK;
	}
	msp_card_brand brand = msp_card_get_brand(req->card);
	if (text_of(req, MSP_ORDER_FIELD_RECURRING_MODEL) == NULL) {
		return refuse(err, MSP_ORDER_FIELD_AMOUNT,
		    "0 is a zero authorization, which stores the card as a token: set a recurring model "
		    "(cardOnFile, subscription or unscheduled); a payment is at least 1 minor unit");
	}
	if (text_of(req, MSP_ORDER_FIELD_RECURRING_ID) != NULL) {
		return refuse(err, MSP_ORDER_FIELD_AMOUNT,
		    "0 (zero authorization) creates the token: leave recurring_id out, it is for the payments "
		    "that follow");
	}
	if (brand != MSP_BRAND_VISA && brand != MSP_BRAND_MASTERCARD && brand != MSP_BRAND_MAESTRO) {
		return refuse(err, MSP_ORDER_FIELD_AMOUNT,
		    "0 (zero authorization) works with Visa, Mastercard and Maestro cards only, not %s",
		    msp_card_brand_name(brand));
	}
	if (req->manual_capture) {
		return refuse(
		    err, MSP_ORDER_FIELD_AMOUNT, "0 (zero authorization) has nothing to capture: no manual capture");
	}
	return MSP_OK;
}

msp_status msp_order_request_validate(const msp_order_request *req, time_t now, bool live, msp_error *err)
{
	msp_status status;
	if ((status = check_card(req, now, err)) != MSP_OK ||
	    (status = check_zero_authorization(req, err)) != MSP_OK ||
	    (status = require_text(req, MSP_ORDER_FIELD_CUSTOMER_IP_ADDRESS, err)) != MSP_OK ||
	    (status = require_text(req, MSP_ORDER_FIELD_CUSTOMER_COUNTRY, err)) != MSP_OK ||
	    (status = check_flexible_3d(req, err)) != MSP_OK) {
		return status;
	}
	if (live && (status = check_live_url(req, MSP_ORDER_FIELD_NOTIFICATION_URL, err)) != MSP_OK) {
		return status;
	}
	return MSP_OK;
}

/* ---- the JSON body ---- */

static void write_field(msp_jsonw *w, msp_order_field f, const field_value *value)
{
	const char *key = key_of(&fields[f]);
	if (fields[f].rule == RULE_BOOL) {
		msp_jsonw_bool(w, key, value->flag);
	} else if (fields[f].rule == RULE_INT) {
		msp_jsonw_int(w, key, value->number);
	} else {
		msp_jsonw_cstring(w, key, value->text);
	}
}

/* The fields a request has set, in table order: collected once per body, so that each group is
 * written by looking at these few instead of the whole table. */
typedef struct {
	msp_order_field ids[MSP_ORDER_FIELD_COUNT];
	size_t count;
} set_fields;

static void collect_set_fields(const msp_order_request *req, set_fields *set)
{
	set->count = 0;
	for (int f = next_set_field(req, MSP_ORDER_FIELD_NONE); f < MSP_ORDER_FIELD_COUNT;
	     f = next_set_field(req, f)) {
		set->ids[set->count++] = (msp_order_field)f;
	}
}

static bool group_has_values(const set_fields *set, const char *group)
{
	size_t group_len = strlen(group);
	for (size_t i = 0; i < set->count; i++) {
		if (in_group(&fields[set->ids[i]], group, group_len)) {
			return true;
		}
	}
	return false;
}

/* Writes the fields of one group as members of the object that is open. */
static void write_group_fields(
    msp_jsonw *w, const msp_order_request *req, const set_fields *set, const char *group)
{
	size_t group_len = strlen(group);
	for (size_t i = 0; i < set->count; i++) {
		msp_order_field f = set->ids[i];
		if (in_group(&fields[f], group, group_len)) {
			write_field(w, f, &req->values[f]);
		}
	}
}

/* The card goes from its secure buffers straight into the body's: msp_jsonw_string appends the
 * digits in one piece (they need no escaping) and nothing else holds them. */
static void write_card(msp_jsonw *w, const msp_order_request *req, const set_fields *set)
{
	const msp_card *card = req->card;
	char expiry[5];
	msp_card_expiry_yymm(card, expiry);
	msp_jsonw_begin_object(w, "gateway_info");
	const msp_secbuf *pan = msp_card_pan(card);
	msp_jsonw_string(w, "card_number", (const char *)pan->data, pan->len);
	if (msp_card_holder(card)[0] != '\0') {
		msp_jsonw_cstring(w, "card_holder_name", msp_card_holder(card));
	}
	/* A number, as in the docs' example, unless a leading zero would be lost (order.h). */
	if (expiry[0] != '0') {
		msp_jsonw_raw_number(w, "card_expiry_date", expiry);
	} else {
		msp_jsonw_cstring(w, "card_expiry_date", expiry);
	}
	msp_secure_wipe(expiry, sizeof(expiry));
	const msp_secbuf *cvc = msp_card_cvc(card);
	if (cvc != NULL) {
		msp_jsonw_string(w, "card_cvc", (const char *)cvc->data, cvc->len);
	}
	write_group_fields(w, req, set, "gateway_info");
	msp_jsonw_end_object(w);
}

static void write_customer(msp_jsonw *w, const msp_order_request *req, const set_fields *set)
{
	bool has_browser = group_has_values(set, "customer.browser");
	if (!group_has_values(set, "customer") && !has_browser) {
		return;
	}
	msp_jsonw_begin_object(w, "customer");
	write_group_fields(w, req, set, "customer");
	if (has_browser) {
		msp_jsonw_begin_object(w, "browser");
		write_group_fields(w, req, set, "customer.browser");
		msp_jsonw_end_object(w);
	}
	msp_jsonw_end_object(w);
}

static void write_cart(msp_jsonw *w, const msp_order_request *req)
{
	if (req->item_count == 0) {
		return;
	}
	const msp_currency *currency = msp_currency_find(req->currency);
	msp_jsonw_begin_object(w, "shopping_cart");
	msp_jsonw_begin_array(w, "items");
	for (size_t i = 0; i < req->item_count; i++) {
		const cart_item *item = &req->items[i];
		char price[32];
		msp_amount_format(item->unit_price, currency, price, sizeof(price));
		msp_jsonw_begin_object(w, NULL);
		msp_jsonw_cstring(w, "name", item->name);
		if (item->description) {
			msp_jsonw_cstring(w, "description", item->description);
		}
		msp_jsonw_raw_number(w, "unit_price", price);
		msp_jsonw_int(w, "quantity", item->quantity);
		if (item->merchant_item_id) {
			msp_jsonw_cstring(w, "merchant_item_id", item->merchant_item_id);
		}
		if (item->tax_table) {
			msp_jsonw_cstring(w, "tax_table_selector", item->tax_table);
		}
		msp_jsonw_end_object(w);
	}
	msp_jsonw_end_array(w);
	msp_jsonw_end_object(w);
}

static msp_status finish_body(msp_jsonw *w, msp_secbuf **out, msp_error *err)
{
	*out = msp_jsonw_finish(w);
	return *out != NULL ? MSP_OK
	                    : msp_error_set(err, MSP_ERR_NOMEM, 0, "out of secure memory for the request body");
}

msp_status msp_order_request_write_json(const msp_order_request *req, msp_secbuf **out, msp_error *err)
{
	msp_jsonw w;
	*out = NULL;
	/* Sized for a typical order so that the PAN is rarely copied by a growth (each growth wipes). */
	if (!msp_jsonw_init(&w, 2048)) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of secure memory for the request body");
	}
	msp_jsonw_begin_object(&w, NULL);
	msp_jsonw_cstring(&w, "type", "direct");
	msp_jsonw_cstring(&w, "gateway", req->gateway);
	msp_jsonw_cstring(&w, "order_id", req->order_id);
	msp_jsonw_cstring(&w, "currency", req->currency);
	msp_jsonw_int(&w, "amount", req->amount);
	msp_jsonw_cstring(&w, "description", req->description);
	set_fields set;
	collect_set_fields(req, &set);
	write_group_fields(&w, req, &set, "");
	if (req->manual_capture) {
		msp_jsonw_cstring(&w, "capture", "manual");
	}
	write_card(&w, req, &set);
	write_customer(&w, req, &set);
	for (size_t g = 0; g < sizeof(body_groups) / sizeof(body_groups[0]); g++) {
		if (group_has_values(&set, body_groups[g])) {
			msp_jsonw_begin_object(&w, body_groups[g]);
			write_group_fields(&w, req, &set, body_groups[g]);
			msp_jsonw_end_object(&w);
		}
	}
	write_cart(&w, req);
	msp_jsonw_end_object(&w);
	return finish_body(&w, out, err);
}

const char *msp_order_request_order_id(const msp_order_request *req)
{
	return req->order_id;
}

int64_t msp_order_request_amount(const msp_order_request *req)
{
	return req->amount;
}

const char *msp_order_request_currency(const msp_order_request *req)
{
	return req->currency;
}

const char *msp_order_request_gateway(const msp_order_request *req)
{
	return req->gateway;
}

const msp_card *msp_order_request_card(const msp_order_request *req)
{
	return req->card;
}

/* ---- the other calls' bodies ---- */

static msp_status check_optional_text(const char *value, msp_order_field f, msp_error *err)
{
	if (value == NULL || msp_text_valid(value, strlen(value), (size_t)fields[f].max)) {
		return MSP_OK;
	}
	return refuse(
	    err, f, "must be 1 to %d characters of valid UTF-8 without control characters", (int)fields[f].max);
}

/* An amount for a refund or capture: positive and within the API's range for the currency. */
static msp_status check_amount(const char *currency, int64_t amount, msp_error *err)
{
	if (currency == NULL) {
		return refuse(err, MSP_ORDER_FIELD_CURRENCY, "is required");
	}
	if (msp_amount_check(currency, amount, err) == MSP_OK) {
		return MSP_OK;
	}
	return name_field(
	    err, msp_currency_find(currency) == NULL ? MSP_ORDER_FIELD_CURRENCY : MSP_ORDER_FIELD_AMOUNT);
}

static msp_status start_body(msp_jsonw *w, size_t capacity, msp_error *err)
{
	if (!msp_jsonw_init(w, capacity)) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of secure memory for the request body");
	}
	msp_jsonw_begin_object(w, NULL);
	return MSP_OK;
}

/* An optional text given as "" is left out of the body, as an order's optional fields are (api.md
 * §2: optional fields given as empty strings are best left out), rather than refused. */
static const char *unless_empty(const char *text)
{
	return text != NULL && text[0] != '\0' ? text : NULL;
}

msp_status msp_refund_request_write_json(const msp_refund_request *given, msp_secbuf **out, msp_error *err)
{
	static const msp_order_field var_fields[3] = {
	    MSP_ORDER_FIELD_VAR1, MSP_ORDER_FIELD_VAR2, MSP_ORDER_FIELD_VAR3};
	msp_refund_request texts_left_out = *given;
	const msp_refund_request *refund = &texts_left_out;
	texts_left_out.description = unless_empty(given->description);
	texts_left_out.refund_order_id = unless_empty(given->refund_order_id);
	for (size_t i = 0; i < 3; i++) {
		texts_left_out.var[i] = unless_empty(given->var[i]);
	}
	msp_jsonw w;
	msp_status status;
	*out = NULL;
	if ((status = check_amount(refund->currency, refund->amount, err)) != MSP_OK ||
	    (status = check_optional_text(refund->description, MSP_ORDER_FIELD_DESCRIPTION, err)) != MSP_OK ||
	    (status = check_optional_text(refund->refund_order_id, MSP_ORDER_FIELD_REFUND_ORDER_ID, err)) !=
	        MSP_OK) {
		return status;
	}
	for (size_t i = 0; i < 3; i++) {
		if ((status = check_optional_text(refund->var[i], var_fields[i], err)) != MSP_OK) {
			return status;
		}
	}
	if ((status = start_body(&w, 512, err)) != MSP_OK) {
		return status;
	}
	msp_jsonw_cstring(&w, "currency", refund->currency);
	msp_jsonw_int(&w, "amount", refund->amount);
	if (refund->description != NULL) {
		msp_jsonw_cstring(&w, "description", refund->description);
	}
	if (refund->refund_order_id != NULL) {
		msp_jsonw_cstring(&w, "refund_order_id", refund->refund_order_id);
	}
	for (size_t i = 0; i < 3; i++) {
		if (refund->var[i] != NULL) {
			msp_jsonw_cstring(&w, msp_order_field_name(var_fields[i]), refund->var[i]);
		}
	}
	msp_jsonw_end_object(&w);
	return finish_body(&w, out, err);
}

/* {"status":"<status>"} with optional members, for the PATCH calls. */
static msp_status write_status_body(
    const char *status_value, bool exclude_order, const char *reason, msp_secbuf **out, msp_error *err)
{
	msp_jsonw w;
	*out = NULL;
	msp_status status = start_body(&w, 128, err);
	if (status != MSP_OK) {
		return status;
	}
	msp_jsonw_cstring(&w, "status", status_value);
	if (exclude_order) {
		msp_jsonw_bool(&w, "exclude_order", true);
	}
	if (reason != NULL) {
		msp_jsonw_cstring(&w, "reason", reason);
	}
	msp_jsonw_end_object(&w);
	return finish_body(&w, out, err);
}

msp_status msp_cancel_refund_write_json(msp_secbuf **out, msp_error *err)
{
	return write_status_body("void", false, NULL, out, err);
}

msp_status msp_cancel_order_write_json(msp_secbuf **out, msp_error *err)
{
	/* exclude_order keeps the cancelled order out of the merchant's reports and payouts (api.md §3). */
	return write_status_body("cancelled", true, NULL, out, err);
}

msp_status msp_cancel_authorization_write_json(const char *given_reason, msp_secbuf **out, msp_error *err)
{
	*out = NULL;
	const char *reason = unless_empty(given_reason);
	msp_status status = check_optional_text(reason, MSP_ORDER_FIELD_REASON, err);
	return status != MSP_OK ? status : write_status_body("cancelled", false, reason, out, err);
}

msp_status msp_capture_write_json(
    int64_t amount, const char *currency, const char *new_order_id, msp_secbuf **out, msp_error *err)
{
	msp_jsonw w;
	msp_status status;
	*out = NULL;
	if ((status = check_amount(currency, amount, err)) != MSP_OK) {
		return status;
	}
	if (new_order_id == NULL) {
		return refuse(err, MSP_ORDER_FIELD_NEW_ORDER_ID, "is required");
	}
	if ((status = check_optional_text(new_order_id, MSP_ORDER_FIELD_NEW_ORDER_ID, err)) != MSP_OK ||
	    (status = start_body(&w, 256, err)) != MSP_OK) {
		return status;
	}
	msp_jsonw_int(&w, "amount", amount);
	msp_jsonw_cstring(&w, "new_order_id", new_order_id);
	msp_jsonw_cstring(&w, "new_order_status", "completed");
	msp_jsonw_end_object(&w);
	return finish_body(&w, out, err);
}
