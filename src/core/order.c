#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* inet_pton */
#endif
#include "order.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#endif

#include "jsonw.h"
#include "money.h"
#include "threeds.h"

/* How a field's value is checked. */
typedef enum {
	RULE_TEXT,
	RULE_COUNTRY,
	RULE_IP,
	RULE_URL,
	RULE_EMAIL,
	RULE_LOCALE,
	RULE_DATE,
	RULE_GENDER,
	RULE_METHOD,
	RULE_BOOL,
	RULE_INT,
} field_rule;

typedef struct {
	const char *group; /* "" for the top level */
	const char *key;
	field_rule rule;
	int64_t max; /* characters for texts and URLs; the upper bound for integers */
} field_def;

/* Every optional field of a direct card order that msp sends (api.md §2), in body order. */
static const field_def fields[] = {
    {"", "var1", RULE_TEXT, 200},
    {"", "var2", RULE_TEXT, 200},
    {"", "var3", RULE_TEXT, 200},
    {"gateway_info", "flexible_3d", RULE_BOOL, 0},
    {"gateway_info", "term_url", RULE_URL, 500},
    {"gateway_info", "moto", RULE_BOOL, 0},
    {"customer", "locale", RULE_LOCALE, 5},
    {"customer", "ip_address", RULE_IP, 45},
    {"customer", "forwarded_ip", RULE_IP, 45},
    {"customer", "first_name", RULE_TEXT, 100},
    {"customer", "last_name", RULE_TEXT, 100},
    {"customer", "address1", RULE_TEXT, 150},
    {"customer", "address2", RULE_TEXT, 150},
    {"customer", "house_number", RULE_TEXT, 20},
    {"customer", "zip_code", RULE_TEXT, 20},
    {"customer", "city", RULE_TEXT, 100},
    {"customer", "state", RULE_TEXT, 100},
    {"customer", "country", RULE_COUNTRY, 2},
    {"customer", "phone", RULE_TEXT, 40},
    {"customer", "email", RULE_EMAIL, 254},
    {"customer", "user_agent", RULE_TEXT, 1000},
    {"customer", "referrer", RULE_URL, 1000},
    {"customer", "gender", RULE_GENDER, 6},
    {"customer", "birthday", RULE_DATE, 10},
    {"customer.browser", "javascript_enabled", RULE_BOOL, 0},
    {"customer.browser", "java_enabled", RULE_BOOL, 0},
    {"customer.browser", "cookies_enabled", RULE_BOOL, 0},
    {"customer.browser", "language", RULE_TEXT, 35},
    {"customer.browser", "screen_color_depth", RULE_INT, 64},
    {"customer.browser", "screen_height", RULE_INT, 100000},
    {"customer.browser", "screen_width", RULE_INT, 100000},
    {"customer.browser", "time_zone", RULE_INT, 900}, /* minutes; checked as -900..900 */
    {"customer.browser", "user_agent", RULE_TEXT, 1000},
    {"customer.browser", "platform", RULE_TEXT, 100},
    {"delivery", "first_name", RULE_TEXT, 100},
    {"delivery", "last_name", RULE_TEXT, 100},
    {"delivery", "address1", RULE_TEXT, 150},
    {"delivery", "address2", RULE_TEXT, 150},
    {"delivery", "house_number", RULE_TEXT, 20},
    {"delivery", "zip_code", RULE_TEXT, 20},
    {"delivery", "city", RULE_TEXT, 100},
    {"delivery", "state", RULE_TEXT, 100},
    {"delivery", "country", RULE_COUNTRY, 2},
    {"delivery", "phone", RULE_TEXT, 40},
    {"delivery", "email", RULE_EMAIL, 254},
    {"payment_options", "notification_url", RULE_URL, 150},
    {"payment_options", "notification_method", RULE_METHOD, 4},
    {"payment_options", "redirect_url", RULE_URL, 1000},
    {"payment_options", "cancel_url", RULE_URL, 1000},
    {"payment_options", "close_window", RULE_BOOL, 0},
    {"plugin", "shop", RULE_TEXT, 100},
    {"plugin", "shop_version", RULE_TEXT, 50},
    {"plugin", "plugin_version", RULE_TEXT, 50},
    {"plugin", "partner", RULE_TEXT, 100},
};

#define FIELD_COUNT (sizeof(fields) / sizeof(fields[0]))

/* The groups in body order; the JSON writer opens each that has a field set. */
static const char *const body_groups[] = {"customer", "delivery", "payment_options", "plugin"};

typedef struct {
	bool set;
	char *text;
	int64_t number;
	bool flag;
} field_value;

typedef struct {
	char *name;
	char *merchant_item_id;
	char *description;
	char *tax_table;
	int64_t unit_price;
	int64_t quantity;
} cart_item;

struct msp_order_request {
	char order_id[MSP_ORDER_ID_MAX * 4 + 1];
	char currency[4];
	char gateway[24];
	char *description;
	int64_t amount;
	const msp_card *card;
	bool manual_capture;
	field_value values[FIELD_COUNT];
	cart_item *items;
	size_t item_count;
};

/* ---- shared checks ---- */

/* Counts UTF-8 characters; false for invalid UTF-8 (overlong, surrogates, truncated). */
static bool utf8_length(const char *s, size_t len, size_t *chars)
{
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
		static const uint32_t min_for[] = {0, 0x80, 0x800, 0x10000};
		if (cp < min_for[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
			return false;
		}
		i += extra + 1;
		count++;
	}
	*chars = count;
	return true;
}

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
	return len > 0 && !has_control_characters(value, len) && utf8_length(value, len, &chars) &&
	       chars <= max_chars;
}

bool msp_url_valid(const char *value, size_t len, bool require_https)
{
	size_t scheme_len;
	if (len >= 8 && strncmp(value, "https://", 8) == 0) {
		scheme_len = 8;
	} else if (!require_https && len >= 7 && strncmp(value, "http://", 7) == 0) {
		scheme_len = 7;
	} else {
		return false;
	}
	if (len == scheme_len || value[scheme_len] == '/' || value[scheme_len] == ':') {
		return false; /* no host */
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)value[i];
		if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\') {
			return false;
		}
	}
	return true;
}

bool msp_ip_address_valid(const char *value, size_t len)
{
	char copy[64];
	unsigned char addr[16];
	if (len == 0 || len >= sizeof(copy)) {
		return false;
	}
	memcpy(copy, value, len);
	copy[len] = '\0';
	return inet_pton(AF_INET, copy, addr) == 1 || inet_pton(AF_INET6, copy, addr) == 1;
}

static bool email_valid(const char *value, size_t len)
{
	const char *at = memchr(value, '@', len);
	if (at == NULL || at == value || memchr(at + 1, '@', len - (size_t)(at - value) - 1) != NULL) {
		return false;
	}
	const char *domain = at + 1;
	size_t domain_len = len - (size_t)(domain - value);
	const char *dot = memchr(domain, '.', domain_len);
	if (domain_len < 3 || dot == NULL || dot == domain || domain[domain_len - 1] == '.') {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (value[i] == ' ') {
			return false;
		}
	}
	return true;
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

static bool locale_valid(const char *v, size_t len)
{
	return len == 5 && is_lower(v[0]) && is_lower(v[1]) && v[2] == '_' && is_upper(v[3]) && is_upper(v[4]);
}

/* YYYY-MM-DD with a real calendar day. */
static bool date_valid(const char *v, size_t len)
{
	if (len != 10 || v[4] != '-' || v[7] != '-') {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (i != 4 && i != 7 && !is_digit(v[i])) {
			return false;
		}
	}
	int year = atoi(v), month = atoi(v + 5), day = atoi(v + 8);
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
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

/* ---- the field table ---- */

static void field_path(const field_def *def, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s", def->group, def->group[0] ? "." : "", def->key);
}

static const field_def *find_field(const char *group, const char *key, size_t key_len, size_t *index)
{
	for (size_t i = 0; i < FIELD_COUNT; i++) {
		if (strcmp(fields[i].group, group) == 0 && strlen(fields[i].key) == key_len &&
		    memcmp(fields[i].key, key, key_len) == 0) {
			*index = i;
			return &fields[i];
		}
	}
	return NULL;
}

static msp_status unknown_field(const char *group, const char *key, size_t key_len, msp_error *err)
{
	char path[96];
	snprintf(
	    path, sizeof(path), "%s%s%.*s", group, group[0] ? "." : "", (int)(key_len > 40 ? 40 : key_len), key);
	msp_error_set(err, MSP_ERR_INVALID, 0, "%s is not a field of a direct card order", path);
	msp_error_set_field(err, path);
	return MSP_ERR_INVALID;
}

msp_status msp_order_field_type(
    const char *group, const char *key, size_t key_len, msp_field_type *type, msp_error *err)
{
	size_t index;
	const field_def *def = find_field(group, key, key_len, &index);
	if (def == NULL) {
		return unknown_field(group, key, key_len, err);
	}
	*type = def->rule == RULE_BOOL ? MSP_FIELD_BOOL : def->rule == RULE_INT ? MSP_FIELD_INT : MSP_FIELD_TEXT;
	return MSP_OK;
}

static msp_status refuse_field(const field_def *def, msp_error *err, const char *why)
{
	char path[96];
	field_path(def, path, sizeof(path));
	msp_error_set(err, MSP_ERR_INVALID, 0, "%s %s", path, why);
	msp_error_set_field(err, path);
	return MSP_ERR_INVALID;
}

static msp_status check_text_value(const field_def *def, const char *v, size_t len, msp_error *err)
{
	static const char *const genders[] = {"male", "female", "mrs", "mr", "miss", NULL};
	static const char *const methods[] = {"POST", "GET", NULL};
	char why[80];
	switch (def->rule) {
		case RULE_TEXT:
			snprintf(why, sizeof(why), "must be 1 to %d characters of valid UTF-8 without control characters",
			    (int)def->max);
			return msp_text_valid(v, len, (size_t)def->max) ? MSP_OK : refuse_field(def, err, why);
		case RULE_COUNTRY:
			if (len == 2 && msp_country_code_known((char[]){v[0], v[1], '\0'})) {
				return MSP_OK;
			}
			return refuse_field(
			    def, err, "must be an ISO 3166-1 alpha-2 country code in upper case (\"NL\")");
		case RULE_IP:
			return msp_ip_address_valid(v, len) ? MSP_OK
			                                    : refuse_field(def, err, "must be an IPv4 or IPv6 address");
		case RULE_URL:
			if ((size_t)def->max < len) {
				snprintf(why, sizeof(why), "must be at most %d characters", (int)def->max);
				return refuse_field(def, err, why);
			}
			return msp_url_valid(v, len, false) ? MSP_OK
			                                    : refuse_field(def, err, "must be an absolute http(s) URL");
		case RULE_EMAIL:
			return len <= (size_t)def->max && email_valid(v, len) && !has_control_characters(v, len)
			           ? MSP_OK
			           : refuse_field(def, err, "must be an e-mail address");
		case RULE_LOCALE:
			return locale_valid(v, len) ? MSP_OK : refuse_field(def, err, "must be a locale like \"nl_NL\"");
		case RULE_DATE:
			return date_valid(v, len) ? MSP_OK : refuse_field(def, err, "must be a date as YYYY-MM-DD");
		case RULE_GENDER:
			return one_of(v, len, genders) ? MSP_OK
			                               : refuse_field(def, err, "must be male, female, mr, mrs or miss");
		case RULE_METHOD:
			return one_of(v, len, methods) ? MSP_OK : refuse_field(def, err, "must be \"POST\" or \"GET\"");
		case RULE_BOOL:
		case RULE_INT:
			break;
	}
	return refuse_field(def, err, "does not take a string");
}

static msp_status find_settable(
    const char *group, const char *key, size_t key_len, field_rule wanted_kind, size_t *index, msp_error *err)
{
	const field_def *def = find_field(group, key, key_len, index);
	if (def == NULL) {
		return unknown_field(group, key, key_len, err);
	}
	bool is_text = def->rule != RULE_BOOL && def->rule != RULE_INT;
	bool ok = wanted_kind == RULE_TEXT ? is_text : def->rule == wanted_kind;
	if (!ok) {
		return refuse_field(def, err,
		    def->rule == RULE_BOOL  ? "must be a bool"
		    : def->rule == RULE_INT ? "must be an int"
		                            : "must be a string");
	}
	return MSP_OK;
}

msp_status msp_order_request_set_text(msp_order_request *req, const char *group, const char *key,
    size_t key_len, const char *value, size_t value_len, msp_error *err)
{
	size_t index;
	msp_status status = find_settable(group, key, key_len, RULE_TEXT, &index, err);
	if (status != MSP_OK || (status = check_text_value(&fields[index], value, value_len, err)) != MSP_OK) {
		return status;
	}
	char *copy = malloc(value_len + 1);
	if (copy == NULL) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
	}
	memcpy(copy, value, value_len);
	copy[value_len] = '\0';
	free(req->values[index].text);
	req->values[index].text = copy;
	req->values[index].set = true;
	return MSP_OK;
}

msp_status msp_order_request_set_bool(
    msp_order_request *req, const char *group, const char *key, size_t key_len, bool value, msp_error *err)
{
	size_t index;
	msp_status status = find_settable(group, key, key_len, RULE_BOOL, &index, err);
	if (status == MSP_OK) {
		req->values[index].flag = value;
		req->values[index].set = true;
	}
	return status;
}

msp_status msp_order_request_set_int(
    msp_order_request *req, const char *group, const char *key, size_t key_len, int64_t value, msp_error *err)
{
	size_t index;
	msp_status status = find_settable(group, key, key_len, RULE_INT, &index, err);
	if (status != MSP_OK) {
		return status;
	}
	const field_def *def = &fields[index];
	int64_t min = strcmp(def->key, "time_zone") == 0 ? -def->max : 0;
	if (value < min || value > def->max) {
		char why[64];
		snprintf(why, sizeof(why), "must be %lld to %lld", (long long)min, (long long)def->max);
		return refuse_field(def, err, why);
	}
	req->values[index].number = value;
	req->values[index].set = true;
	return MSP_OK;
}

static const field_value *value_of(const msp_order_request *req, const char *group, const char *key)
{
	size_t index;
	const field_def *def = find_field(group, key, strlen(key), &index);
	return def != NULL && req->values[index].set ? &req->values[index] : NULL;
}

const char *msp_order_request_text(const msp_order_request *req, const char *group, const char *key)
{
	const field_value *v = value_of(req, group, key);
	return v != NULL ? v->text : NULL;
}

/* ---- construction ---- */

static msp_status refuse(msp_error *err, const char *field, const char *message)
{
	msp_error_set(err, MSP_ERR_INVALID, 0, "%s", message);
	msp_error_set_field(err, field);
	return MSP_ERR_INVALID;
}

static bool gateway_known(const char *gateway)
{
	static const char *const known[] = {
	    "CREDITCARD", "VISA", "MASTERCARD", "AMEX", "MAESTRO", "MISTERCASH", NULL};
	return one_of(gateway, strlen(gateway), known);
}

/* CREDITCARD lets MultiSafepay detect the scheme; a brand gateway must be the card's own. */
static msp_status check_gateway(const char *gateway, const msp_card *card, msp_error *err)
{
	if (!gateway_known(gateway)) {
		return refuse(err, "gateway",
		    "gateway must be CREDITCARD or a card brand's gateway (VISA, MASTERCARD, AMEX, MAESTRO, "
		    "MISTERCASH)");
	}
	const char *own = msp_card_brand_gateway(msp_card_get_brand(card));
	if (strcmp(gateway, "CREDITCARD") != 0 && (own == NULL || strcmp(gateway, own) != 0)) {
		char message[160];
		snprintf(message, sizeof(message),
		    "gateway %s does not match the card, which is a %s card (gateway %s)", gateway,
		    msp_card_brand_name(msp_card_get_brand(card)), own ? own : "none");
		return refuse(err, "gateway", message);
	}
	return MSP_OK;
}

msp_status msp_order_request_new(const char *order_id, size_t order_id_len, int64_t amount,
    const char *currency, size_t currency_len, const char *description, size_t description_len,
    const msp_card *card, const char *gateway, size_t gateway_len, msp_order_request **out, msp_error *err)
{
	*out = NULL;
	char code[4] = {0};
	if (!msp_text_valid(order_id, order_id_len, MSP_ORDER_ID_MAX)) {
		return refuse(
		    err, "order_id", "order_id must be 1 to 50 characters of valid UTF-8 without control characters");
	}
	if (currency_len != 3) {
		return refuse(err, "currency", "currency must be an ISO 4217 code such as \"EUR\"");
	}
	memcpy(code, currency, 3);
	if (msp_amount_check(code, amount, err) != MSP_OK) {
		msp_error_set_field(err, msp_currency_find(code) == NULL ? "currency" : "amount");
		return MSP_ERR_INVALID;
	}
	if (!msp_text_valid(description, description_len, MSP_ORDER_DESCRIPTION_MAX)) {
		return refuse(err, "description",
		    "description must be 1 to 200 characters of valid UTF-8 without control characters");
	}
	if (card == NULL) {
		return refuse(err, "card", "a card is required");
	}
	char gateway_code[24] = {0};
	if (gateway == NULL) {
		const char *own = msp_card_brand_gateway(msp_card_get_brand(card));
		snprintf(gateway_code, sizeof(gateway_code), "%s", own ? own : "CREDITCARD");
	} else if (gateway_len == 0 || gateway_len >= sizeof(gateway_code)) {
		return check_gateway("", card, err);
	} else {
		memcpy(gateway_code, gateway, gateway_len);
	}
	msp_status status = check_gateway(gateway_code, card, err);
	if (status != MSP_OK) {
		return status;
	}

	msp_order_request *req = calloc(1, sizeof(*req));
	char *description_copy = malloc(description_len + 1);
	if (req == NULL || description_copy == NULL) {
		free(req);
		free(description_copy);
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
	}
	memcpy(req->order_id, order_id, order_id_len);
	memcpy(req->currency, code, 4);
	memcpy(req->gateway, gateway_code, sizeof(gateway_code));
	memcpy(description_copy, description, description_len);
	description_copy[description_len] = '\0';
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
	for (size_t i = 0; i < FIELD_COUNT; i++) {
		free(req->values[i].text);
	}
	for (size_t i = 0; i < req->item_count; i++) {
		free_item(&req->items[i]);
	}
	free(req->items);
	free(req->description);
	free(req);
}

static char *copy_optional(const char *s, size_t len, bool *ok)
{
	if (s == NULL) {
		return NULL;
	}
	char *copy = malloc(len + 1);
	if (copy == NULL) {
		*ok = false;
		return NULL;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

msp_status msp_order_request_add_item(msp_order_request *req, const char *name, size_t name_len,
    int64_t unit_price, int64_t quantity, const char *merchant_item_id, size_t merchant_item_id_len,
    const char *description, size_t description_len, const char *tax_table, size_t tax_table_len,
    msp_error *err)
{
	if (req->item_count >= MSP_ORDER_MAX_ITEMS) {
		return refuse(err, "shopping_cart.items", "a shopping cart holds at most 500 items");
	}
	if (!msp_text_valid(name, name_len, 200)) {
		return refuse(err, "shopping_cart.items.name",
		    "item name must be 1 to 200 characters without control characters");
	}
	if (quantity < 1 || quantity > 1000000) {
		return refuse(err, "shopping_cart.items.quantity", "item quantity must be 1 to 1000000");
	}
	if (unit_price < -INT32_MAX || unit_price > INT32_MAX) {
		return refuse(err, "shopping_cart.items.unit_price", "item unit price is out of range");
	}
	struct {
		const char *value;
		size_t len;
		const char *field;
	} optional[] = {
	    {merchant_item_id, merchant_item_id_len, "shopping_cart.items.merchant_item_id"},
	    {description, description_len, "shopping_cart.items.description"},
	    {tax_table, tax_table_len, "shopping_cart.items.tax_table_selector"},
	};
	for (size_t i = 0; i < sizeof(optional) / sizeof(optional[0]); i++) {
		if (optional[i].value != NULL && !msp_text_valid(optional[i].value, optional[i].len, 200)) {
			return refuse(
			    err, optional[i].field, "item texts must be 1 to 200 characters without control characters");
		}
	}
	cart_item *grown = realloc(req->items, (req->item_count + 1) * sizeof(cart_item));
	if (grown == NULL) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
	}
	req->items = grown;
	bool ok = true;
	cart_item item = {
	    .name = copy_optional(name, name_len, &ok),
	    .merchant_item_id = copy_optional(merchant_item_id, merchant_item_id_len, &ok),
	    .description = copy_optional(description, description_len, &ok),
	    .tax_table = copy_optional(tax_table, tax_table_len, &ok),
	    .unit_price = unit_price,
	    .quantity = quantity,
	};
	if (!ok || item.name == NULL) {
		free_item(&item);
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
	}
	req->items[req->item_count++] = item;
	return MSP_OK;
}

void msp_order_request_set_manual_capture(msp_order_request *req, bool manual)
{
	req->manual_capture = manual;
}

/* ---- whole-request validation ---- */

static msp_status require_text(
    const msp_order_request *req, const char *group, const char *key, const char *field, msp_error *err)
{
	if (msp_order_request_text(req, group, key) != NULL) {
		return MSP_OK;
	}
	char message[96];
	snprintf(message, sizeof(message), "%s is required for card payments", field);
	return refuse(err, field, message);
}

static msp_status check_https(const msp_order_request *req, const char *key, msp_error *err)
{
	const char *url = msp_order_request_text(req, "payment_options", key);
	if (url == NULL || msp_url_valid(url, strlen(url), true)) {
		return MSP_OK;
	}
	char field[64], message[128];
	snprintf(field, sizeof(field), "payment_options.%s", key);
	snprintf(message, sizeof(message), "%s must use https in the live environment", field);
	return refuse(err, field, message);
}

static msp_status check_flexible_3d(const msp_order_request *req, msp_error *err)
{
	const field_value *flexible = value_of(req, "gateway_info", "flexible_3d");
	if (flexible == NULL) {
		return MSP_OK;
	}
	if (msp_order_request_text(req, "gateway_info", "term_url") == NULL) {
		return refuse(err, "gateway_info.term_url", "gateway_info.term_url is required with flexible_3d");
	}
	if (flexible->flag) {
		return MSP_OK;
	}
	/* flexible_3d = false asks MultiSafepay to skip 3-D Secure: only where the brand allows it. */
	msp_threeds_payment payment = {
	    .brand = msp_card_get_brand(req->card),
	    .amount = req->amount,
	    .currency = req->currency,
	    .has_eur_amount = strcmp(req->currency, "EUR") == 0,
	    .eur_amount = req->amount,
	};
	msp_status status = msp_threeds_check_skip_allowed(&payment, err);
	if (status != MSP_OK) {
		msp_error_set_field(err, "gateway_info.flexible_3d");
	}
	return status;
}

msp_status msp_order_request_validate(const msp_order_request *req, time_t now, bool live, msp_error *err)
{
	msp_status status;
	if (msp_card_is_expired(req->card, now)) {
		msp_error_set(err, MSP_ERR_CARD, MSP_CARD_EXPIRED, "the card has expired (valid through %02d/%04d)",
		    msp_card_exp_month(req->card), msp_card_exp_year(req->card));
		msp_error_set_field(err, "card");
		return MSP_ERR_CARD;
	}
	if (!msp_card_has_cvc(req->card)) {
		bool optional = false;
		msp_card_brand_cvc_length(msp_card_get_brand(req->card), &optional);
		if (!optional) {
			msp_error_set(err, MSP_ERR_CARD, MSP_CARD_CVC_REQUIRED, "%s cards need a CVC",
			    msp_card_brand_name(msp_card_get_brand(req->card)));
			msp_error_set_field(err, "card");
			return MSP_ERR_CARD;
		}
	}
	if ((status = require_text(req, "customer", "ip_address", "customer.ip_address", err)) != MSP_OK ||
	    (status = require_text(req, "customer", "country", "customer.country", err)) != MSP_OK ||
	    (status = check_flexible_3d(req, err)) != MSP_OK) {
		return status;
	}
	if (live && ((status = check_https(req, "notification_url", err)) != MSP_OK ||
	                (status = check_https(req, "redirect_url", err)) != MSP_OK ||
	                (status = check_https(req, "cancel_url", err)) != MSP_OK)) {
		return status;
	}
	return MSP_OK;
}

/* ---- the JSON body ---- */

static void write_field(msp_jsonw *w, const field_def *def, const field_value *value)
{
	if (def->rule == RULE_BOOL) {
		msp_jsonw_bool(w, def->key, value->flag);
	} else if (def->rule == RULE_INT) {
		msp_jsonw_int(w, def->key, value->number);
	} else {
		msp_jsonw_cstring(w, def->key, value->text);
	}
}

static bool group_has_values(const msp_order_request *req, const char *group)
{
	for (size_t i = 0; i < FIELD_COUNT; i++) {
		if (req->values[i].set && strcmp(fields[i].group, group) == 0) {
			return true;
		}
	}
	return false;
}

/* Writes the fields of one group as members of the object that is open. */
static void write_group_fields(msp_jsonw *w, const msp_order_request *req, const char *group)
{
	for (size_t i = 0; i < FIELD_COUNT; i++) {
		if (req->values[i].set && strcmp(fields[i].group, group) == 0) {
			write_field(w, &fields[i], &req->values[i]);
		}
	}
}

static void write_card(msp_jsonw *w, const msp_order_request *req)
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
	msp_jsonw_cstring(w, "card_expiry_date", expiry);
	const msp_secbuf *cvc = msp_card_cvc(card);
	if (cvc != NULL) {
		msp_jsonw_string(w, "card_cvc", (const char *)cvc->data, cvc->len);
	}
	write_group_fields(w, req, "gateway_info");
	msp_jsonw_end_object(w);
}

static void write_customer(msp_jsonw *w, const msp_order_request *req)
{
	bool has_browser = group_has_values(req, "customer.browser");
	if (!group_has_values(req, "customer") && !has_browser) {
		return;
	}
	msp_jsonw_begin_object(w, "customer");
	write_group_fields(w, req, "customer");
	if (has_browser) {
		msp_jsonw_begin_object(w, "browser");
		write_group_fields(w, req, "customer.browser");
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

msp_status msp_order_request_write_json(const msp_order_request *req, msp_secbuf **out, msp_error *err)
{
	msp_jsonw w;
	*out = NULL;
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
	write_group_fields(&w, req, "");
	if (req->manual_capture) {
		msp_jsonw_cstring(&w, "capture", "manual");
	}
	write_card(&w, req);
	write_customer(&w, req);
	for (size_t g = 1; g < sizeof(body_groups) / sizeof(body_groups[0]); g++) {
		if (group_has_values(req, body_groups[g])) {
			msp_jsonw_begin_object(&w, body_groups[g]);
			write_group_fields(&w, req, body_groups[g]);
			msp_jsonw_end_object(&w);
		}
	}
	write_cart(&w, req);
	msp_jsonw_end_object(&w);
	*out = msp_jsonw_finish(&w);
	if (*out == NULL) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of secure memory for the request body");
	}
	return MSP_OK;
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
