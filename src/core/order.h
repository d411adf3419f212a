/* The direct card order request (api.md §2): a model filled field by field, validated as it is
 * filled and as a whole before sending, and written as a compact JSON body into a secure buffer.
 * Also the small bodies of the other order calls (api.md §3).
 *
 * Fields are addressed by their API path ("customer.country"); the table in order.c says which
 * exist, their type and their rule, so the binding never needs its own list. Every MSP_ERR_INVALID
 * from this module names the field twice: err->field holds its path and err->reason its
 * msp_order_field value, so the binding can expose InvalidArgumentException::$field. */
#ifndef MSP_CORE_ORDER_H
#define MSP_CORE_ORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "card.h"
#include "error.h"
#include "secmem.h"

#define MSP_ORDER_ID_MAX          50  /* characters (api.md §2) */
#define MSP_ORDER_DESCRIPTION_MAX 200 /* characters (api.md §2) */
#define MSP_ORDER_MAX_ITEMS       500

typedef enum {
	MSP_FIELD_TEXT, /* string */
	MSP_FIELD_BOOL, /* true/false */
	MSP_FIELD_INT,  /* integer */
} msp_field_type;

/* Every field msp can refuse, for err->reason. Values are stable; the names are the API paths
 * (msp_order_field_name). Limits are characters of UTF-8 text. */
typedef enum {
	MSP_ORDER_FIELD_NONE = 0,
	/* Set by msp_order_request_new. */
	MSP_ORDER_FIELD_ORDER_ID,    /* 1..50 */
	MSP_ORDER_FIELD_CURRENCY,    /* ISO 4217, upper case */
	MSP_ORDER_FIELD_AMOUNT,      /* 1..2^31-1 minor units; 0: zero authorization (recurring model) */
	MSP_ORDER_FIELD_DESCRIPTION, /* 1..200 */
	MSP_ORDER_FIELD_GATEWAY,     /* CREDITCARD or the card brand's gateway */
	MSP_ORDER_FIELD_CARD,
	/* Optional, set by key. */
	MSP_ORDER_FIELD_VAR1, /* 1..500 each (the docs' var12/var3 schemas) */
	MSP_ORDER_FIELD_VAR2,
	MSP_ORDER_FIELD_VAR3,
	MSP_ORDER_FIELD_RECURRING_MODEL, /* cardOnFile, subscription, unscheduled */
	MSP_ORDER_FIELD_RECURRING_ID,    /* 1..50 */
	MSP_ORDER_FIELD_FLEXIBLE_3D,     /* gateway_info.flexible_3d */
	MSP_ORDER_FIELD_TERM_URL,        /* gateway_info.term_url, URL of at most 500 */
	MSP_ORDER_FIELD_MOTO,            /* gateway_info.moto */
	MSP_ORDER_FIELD_CUSTOMER_LOCALE, /* xx_YY */
	MSP_ORDER_FIELD_CUSTOMER_IP_ADDRESS,
	MSP_ORDER_FIELD_CUSTOMER_FORWARDED_IP,
	MSP_ORDER_FIELD_CUSTOMER_FIRST_NAME, /* names, cities, states: 1..100 */
	MSP_ORDER_FIELD_CUSTOMER_LAST_NAME,
	MSP_ORDER_FIELD_CUSTOMER_ADDRESS1, /* 1..150 */
	MSP_ORDER_FIELD_CUSTOMER_ADDRESS2,
	MSP_ORDER_FIELD_CUSTOMER_HOUSE_NUMBER, /* 1..20 */
	MSP_ORDER_FIELD_CUSTOMER_ZIP_CODE,     /* 1..20 */
	MSP_ORDER_FIELD_CUSTOMER_CITY,
	MSP_ORDER_FIELD_CUSTOMER_STATE,
	MSP_ORDER_FIELD_CUSTOMER_COUNTRY,    /* ISO 3166-1 alpha-2, upper case */
	MSP_ORDER_FIELD_CUSTOMER_PHONE,      /* 1..40 */
	MSP_ORDER_FIELD_CUSTOMER_EMAIL,      /* at most 254 */
	MSP_ORDER_FIELD_CUSTOMER_USER_AGENT, /* 1..1000 */
	MSP_ORDER_FIELD_CUSTOMER_REFERRER,   /* 1..1000: any text, as the docs' schema has it */
	MSP_ORDER_FIELD_CUSTOMER_GENDER,     /* M or F; the older male, female, mr, mrs, miss are sent as M/F */
	MSP_ORDER_FIELD_CUSTOMER_BIRTHDAY,   /* YYYY-MM-DD */
	MSP_ORDER_FIELD_BROWSER_JAVASCRIPT_ENABLED,
	MSP_ORDER_FIELD_BROWSER_JAVA_ENABLED,
	MSP_ORDER_FIELD_BROWSER_COOKIES_ENABLED,
	MSP_ORDER_FIELD_BROWSER_LANGUAGE,           /* 1..35 (BCP 47) */
	MSP_ORDER_FIELD_BROWSER_SCREEN_COLOR_DEPTH, /* 0..64 */
	MSP_ORDER_FIELD_BROWSER_SCREEN_HEIGHT,      /* 0..100000 */
	MSP_ORDER_FIELD_BROWSER_SCREEN_WIDTH,       /* 0..100000 */
	MSP_ORDER_FIELD_BROWSER_TIME_ZONE,          /* minutes, -900..900 */
	MSP_ORDER_FIELD_BROWSER_USER_AGENT,
	MSP_ORDER_FIELD_BROWSER_PLATFORM, /* 1..100 */
	MSP_ORDER_FIELD_DELIVERY_FIRST_NAME,
	MSP_ORDER_FIELD_DELIVERY_LAST_NAME,
	MSP_ORDER_FIELD_DELIVERY_ADDRESS1,
	MSP_ORDER_FIELD_DELIVERY_ADDRESS2,
	MSP_ORDER_FIELD_DELIVERY_HOUSE_NUMBER,
	MSP_ORDER_FIELD_DELIVERY_ZIP_CODE,
	MSP_ORDER_FIELD_DELIVERY_CITY,
	MSP_ORDER_FIELD_DELIVERY_STATE,
	MSP_ORDER_FIELD_DELIVERY_COUNTRY,
	MSP_ORDER_FIELD_DELIVERY_PHONE,
	MSP_ORDER_FIELD_DELIVERY_EMAIL,
	MSP_ORDER_FIELD_NOTIFICATION_URL,    /* URL of at most 150; https and no port when live */
	MSP_ORDER_FIELD_NOTIFICATION_METHOD, /* POST or GET */
	MSP_ORDER_FIELD_REDIRECT_URL,        /* URL of at most 1000; https when live */
	MSP_ORDER_FIELD_CANCEL_URL,          /* URL of at most 1000; https when live */
	MSP_ORDER_FIELD_CLOSE_WINDOW,
	MSP_ORDER_FIELD_CUSTOM_1, /* custom_info.custom_1..3: 1..200 */
	MSP_ORDER_FIELD_CUSTOM_2,
	MSP_ORDER_FIELD_CUSTOM_3,
	MSP_ORDER_FIELD_PLUGIN_SHOP,           /* 1..100 */
	MSP_ORDER_FIELD_PLUGIN_SHOP_VERSION,   /* 1..50 */
	MSP_ORDER_FIELD_PLUGIN_PLUGIN_VERSION, /* 1..50 */
	MSP_ORDER_FIELD_PLUGIN_PARTNER,        /* 1..100 */
	/* Shopping cart lines (msp_order_request_add_item). */
	MSP_ORDER_FIELD_ITEMS, /* at most 500 lines */
	MSP_ORDER_FIELD_ITEM_NAME,
	MSP_ORDER_FIELD_ITEM_DESCRIPTION,
	MSP_ORDER_FIELD_ITEM_UNIT_PRICE, /* -(2^31-1)..2^31-1 minor units: discounts are negative */
	MSP_ORDER_FIELD_ITEM_QUANTITY,   /* 1..1000000 */
	MSP_ORDER_FIELD_ITEM_MERCHANT_ITEM_ID,
	MSP_ORDER_FIELD_ITEM_TAX_TABLE_SELECTOR,
	/* The other calls' bodies. */
	MSP_ORDER_FIELD_REFUND_ORDER_ID, /* 1..50 */
	MSP_ORDER_FIELD_NEW_ORDER_ID,    /* 1..50 */
	MSP_ORDER_FIELD_REASON,          /* 1..200 */
	MSP_ORDER_FIELD_COUNT
} msp_order_field;

/* The API path of a field ("customer.country"); "" for NONE and out-of-range values. */
const char *msp_order_field_name(msp_order_field field);

typedef struct msp_order_request msp_order_request;

/* Validates the mandatory fields and takes a borrowed card (the caller keeps it alive). An amount of
 * 0 is taken as a zero authorization, which msp_order_request_validate() checks. gateway may
 * be NULL: the card brand's own gateway is used. Gateway codes are matched without regard to case;
 * BANCONTACT is taken as MultiSafepay's code for it, MISTERCASH. */
msp_status msp_order_request_new(const char *order_id, size_t order_id_len, int64_t amount,
    const char *currency, size_t currency_len, const char *description, size_t description_len,
    const msp_card *card, const char *gateway, size_t gateway_len, msp_order_request **out, msp_error *err);
void msp_order_request_free(msp_order_request *req);

/* The type of an optional field, by group ("customer", "customer.browser", "delivery",
 * "payment_options", "custom_info", "plugin", "gateway_info", "" for top level) and key.
 * MSP_ERR_INVALID naming the path when the field does not exist. */
msp_status msp_order_field_type(
    const char *group, const char *key, size_t key_len, msp_field_type *type, msp_error *err);

/* Setters: the value is checked against the field's rule (length, country code, IP address, URL,
 * e-mail, locale, date, no control characters, valid UTF-8). Errors name the field. Setting a field
 * again replaces its value; a refused value leaves the previous one in place. An empty text is no
 * value: the field is left out of the body (the docs' examples send "" for optional fields nobody
 * filled in), and an earlier value is dropped. */
msp_status msp_order_request_set_text(msp_order_request *req, const char *group, const char *key,
    size_t key_len, const char *value, size_t value_len, msp_error *err);
msp_status msp_order_request_set_bool(
    msp_order_request *req, const char *group, const char *key, size_t key_len, bool value, msp_error *err);
msp_status msp_order_request_set_int(msp_order_request *req, const char *group, const char *key,
    size_t key_len, int64_t value, msp_error *err);
/* The settable field group.key, or MSP_ORDER_FIELD_NONE with err naming it; its type. */
msp_order_field msp_order_field_find(const char *group, const char *key, size_t key_len, msp_error *err);
msp_field_type msp_order_field_kind(msp_order_field field);

/* Checks and setters by field id (from msp_order_field_find), for callers that set many fields:
 * one lookup per field. A field of another type is refused. */
msp_status msp_order_field_check_text(
    msp_order_field field, const char *value, size_t value_len, msp_error *err);
msp_status msp_order_field_check_int(msp_order_field field, int64_t value, msp_error *err);
msp_status msp_order_field_check_bool(msp_order_field field, msp_error *err);
msp_status msp_order_request_put_text(
    msp_order_request *req, msp_order_field field, const char *value, size_t value_len, msp_error *err);
msp_status msp_order_request_put_int(
    msp_order_request *req, msp_order_field field, int64_t value, msp_error *err);
msp_status msp_order_request_put_bool(
    msp_order_request *req, msp_order_field field, bool value, msp_error *err);

/* One value of a batch: field from msp_order_field_find, type its kind; text (text_len bytes) for
 * texts, number for ints, flag for bools. absent: no value (PHP null, or an empty text), whatever
 * the type: the field is left out of the body. */
typedef struct {
	msp_order_field field;
	msp_field_type type;
	const char *text;
	size_t text_len;
	int64_t number;
	bool flag;
	bool absent;
} msp_field_value;

/* Leaves a settable field out of the body again (no-op when it has no value). */
msp_status msp_order_request_clear(msp_order_request *req, msp_order_field field, msp_error *err);

/* Sets several fields at once, all or nothing: every value is checked (and copied) before the first
 * is set, so a refusal or lack of memory leaves the request as it was. A field given twice keeps the
 * last value. */
msp_status msp_order_request_put_all(
    msp_order_request *req, const msp_field_value *values, size_t n, msp_error *err);

/* The same checks by name without setting anything, so that a caller setting several fields can
 * refuse them all before it changes any. */
msp_status msp_order_request_check_text(
    const char *group, const char *key, size_t key_len, const char *value, size_t value_len, msp_error *err);
msp_status msp_order_request_check_int(
    const char *group, const char *key, size_t key_len, int64_t value, msp_error *err);
msp_status msp_order_request_check_bool(const char *group, const char *key, size_t key_len, msp_error *err);

/* A shopping-cart line; unit_price in minor units of the order currency, written as a decimal in
 * major units ("12.50"; "10" for JPY). Optional texts (1..200 characters) may be NULL. */
msp_status msp_order_request_add_item(msp_order_request *req, const char *name, size_t name_len,
    int64_t unit_price, int64_t quantity, const char *merchant_item_id, size_t merchant_item_id_len,
    const char *description, size_t description_len, const char *tax_table, size_t tax_table_len,
    msp_error *err);

void msp_order_request_set_manual_capture(msp_order_request *req, bool manual);

/* The whole request before sending: an unexpired card (MSP_ERR_CARD, MSP_CARD_EXPIRED), a CVC where
 * the brand needs one (MSP_ERR_CARD, MSP_CARD_CVC_REQUIRED; recurring orders need none), the
 * customer's ip_address and country, a zero authorization (amount 0) only as the docs describe it
 * (a recurring model, no recurring_id, a Visa, Mastercard or Maestro card, no manual capture: the
 * amount is the field named otherwise), term_url with flexible_3d, and no 3-D Secure skip
 * (flexible_3d = false) that the brand forbids (threeds.h decides). live: the notification URL must
 * use https without a port, as MultiSafepay's webhook documentation asks; the docs ask nothing of
 * the redirect and cancel URLs (the customer's browser follows them), so http and ports stay allowed
 * there. The test environment and the emulator take http and ports everywhere. */
msp_status msp_order_request_validate(const msp_order_request *req, time_t now, bool live, msp_error *err);

/* Writes the compact JSON body into a new secure buffer (*out, freed by the caller with
 * msp_secbuf_free). The PAN and CVC go from the card's secure buffers into the body's and nowhere
 * else. Unset optional fields are left out (never null). Names, nesting and types are those of the
 * docs' direct card example (tests/conformance checks it): card_expiry_date is a number there
 * (2512), so msp sends YYMM as a number, and as a string only in the one case a number would lose
 * a digit (a leading zero, years 2100-2109). */
msp_status msp_order_request_write_json(const msp_order_request *req, msp_secbuf **out, msp_error *err);

const char *msp_order_request_order_id(const msp_order_request *req);
int64_t msp_order_request_amount(const msp_order_request *req);
const char *msp_order_request_currency(const msp_order_request *req);
const char *msp_order_request_gateway(const msp_order_request *req);
const msp_card *msp_order_request_card(const msp_order_request *req);
/* The text of an optional field, or NULL when unset (for toArray()). */
const char *msp_order_request_text(const msp_order_request *req, const char *group, const char *key);

/* ---- the other calls' bodies (api.md §3): no card data, written into secure buffers too so that
 * every body goes to the transport the same way. Texts are NUL-terminated; NULL or "" means "leave
 * out" (as for an order's optional fields). The binding refuses strings with embedded NUL bytes
 * before calling. */

/* POST /orders/{id}/refunds. The amount is always explicit and positive: MultiSafepay refunds
 * everything for an omitted, empty or 0 amount, which msp offers only as its own call. */
typedef struct {
	const char *currency;        /* required: must equal the order's (the caller checks, refund.h) */
	int64_t amount;              /* required: 1..2^31-1 minor units */
	const char *description;     /* optional, up to 200 */
	const char *refund_order_id; /* optional, up to 50 */
	const char *var[3];          /* optional var1..var3, up to 500 */
} msp_refund_request;

msp_status msp_refund_request_write_json(const msp_refund_request *refund, msp_secbuf **out, msp_error *err);
/* PATCH /orders/{id}/refunds/{refund_id}: {"status":"void"}. */
msp_status msp_cancel_refund_write_json(msp_secbuf **out, msp_error *err);
/* PATCH /orders/{id}: {"status":"cancelled","exclude_order":true}. */
msp_status msp_cancel_order_write_json(msp_secbuf **out, msp_error *err);
/* POST /orders/{id}/capture: {"amount":..,"new_order_id":..,"new_order_status":"completed"}.
 * currency (the order's) only serves to check the amount; it is not sent. */
msp_status msp_capture_write_json(
    int64_t amount, const char *currency, const char *new_order_id, msp_secbuf **out, msp_error *err);
/* PATCH /capture/{id}: {"status":"cancelled","reason":..}; reason may be NULL. */
msp_status msp_cancel_authorization_write_json(const char *reason, msp_secbuf **out, msp_error *err);

/* Shared checks, also used for other requests (refunds, captures). */
bool msp_text_valid(const char *value, size_t len, size_t max_chars);
/* An absolute http(s) URL: a host (no user:password@), an optional numeric port, no spaces, control
 * characters or characters that need quoting in HTML, valid UTF-8. */
bool msp_url_valid(const char *value, size_t len, bool require_https);
bool msp_ip_address_valid(const char *value, size_t len);

#endif
