/* The direct card order request (api.md §2): a model filled field by field, validated as it is
 * filled and as a whole before sending, and written as a compact JSON body into a secure buffer.
 *
 * Fields are addressed by their API path ("customer.country"); the table in order.c says which
 * exist, their type and their rule, so the binding never needs its own list. */
#ifndef MSP_CORE_ORDER_H
#define MSP_CORE_ORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "card.h"
#include "error.h"
#include "secmem.h"

#define MSP_ORDER_ID_MAX          50
#define MSP_ORDER_DESCRIPTION_MAX 200
#define MSP_ORDER_MAX_ITEMS       500

typedef enum {
	MSP_FIELD_TEXT, /* string */
	MSP_FIELD_BOOL, /* true/false */
	MSP_FIELD_INT,  /* integer */
} msp_field_type;

typedef struct msp_order_request msp_order_request;

/* Validates the mandatory fields and takes a borrowed card (the caller keeps it alive). gateway may
 * be NULL: the card brand's own gateway is used. */
msp_status msp_order_request_new(const char *order_id, size_t order_id_len, int64_t amount,
    const char *currency, size_t currency_len, const char *description, size_t description_len,
    const msp_card *card, const char *gateway, size_t gateway_len, msp_order_request **out, msp_error *err);
void msp_order_request_free(msp_order_request *req);

/* The type of an optional field, by group ("customer", "customer.browser", "delivery",
 * "payment_options", "plugin", "gateway_info", "" for top level) and key. MSP_ERR_INVALID naming the
 * path when the field does not exist. */
msp_status msp_order_field_type(
    const char *group, const char *key, size_t key_len, msp_field_type *type, msp_error *err);

/* Setters: the value is checked against the field's rule (length, country code, IP address, URL,
 * e-mail, locale, date, no control characters, valid UTF-8). Errors name the field. */
msp_status msp_order_request_set_text(msp_order_request *req, const char *group, const char *key,
    size_t key_len, const char *value, size_t value_len, msp_error *err);
msp_status msp_order_request_set_bool(
    msp_order_request *req, const char *group, const char *key, size_t key_len, bool value, msp_error *err);
msp_status msp_order_request_set_int(msp_order_request *req, const char *group, const char *key,
    size_t key_len, int64_t value, msp_error *err);

/* A shopping-cart line; unit_price in minor units of the order currency. Optional texts may be NULL. */
msp_status msp_order_request_add_item(msp_order_request *req, const char *name, size_t name_len,
    int64_t unit_price, int64_t quantity, const char *merchant_item_id, size_t merchant_item_id_len,
    const char *description, size_t description_len, const char *tax_table, size_t tax_table_len,
    msp_error *err);

void msp_order_request_set_manual_capture(msp_order_request *req, bool manual);

/* The whole request before sending: required customer fields for cards, an unexpired card, a gateway
 * that fits the brand, term_url with flexible_3d, and no 3-D Secure skip that the brand forbids.
 * live: notification and redirect URLs must be https (the test environment and the emulator accept
 * http on loopback). */
msp_status msp_order_request_validate(const msp_order_request *req, time_t now, bool live, msp_error *err);

/* Writes the JSON body into a new secure buffer (*out, freed by the caller with msp_secbuf_free). */
msp_status msp_order_request_write_json(const msp_order_request *req, msp_secbuf **out, msp_error *err);

const char *msp_order_request_order_id(const msp_order_request *req);
int64_t msp_order_request_amount(const msp_order_request *req);
const char *msp_order_request_currency(const msp_order_request *req);
const char *msp_order_request_gateway(const msp_order_request *req);
const msp_card *msp_order_request_card(const msp_order_request *req);
/* The text of an optional field, or NULL when unset (for toArray()). */
const char *msp_order_request_text(const msp_order_request *req, const char *group, const char *key);

/* Shared checks, also used for other requests (refunds, captures). */
bool msp_text_valid(const char *value, size_t len, size_t max_chars);
bool msp_url_valid(const char *value, size_t len, bool require_https);
bool msp_ip_address_valid(const char *value, size_t len);

#endif
