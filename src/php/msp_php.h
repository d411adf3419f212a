/* Shared declarations of the Zend layer: class entries, registration and the mapping of core
 * errors to exceptions. */
#ifndef MSP_PHP_H
#define MSP_PHP_H

#include "php.h"
#include "error.h"
#include "card.h"

extern zend_class_entry *msp_ce_Exception;
extern zend_class_entry *msp_ce_InvalidArgumentException;
extern zend_class_entry *msp_ce_CardException;
extern zend_class_entry *msp_ce_ApiException;
extern zend_class_entry *msp_ce_ApiUnavailableException;
extern zend_class_entry *msp_ce_ProtocolException;
extern zend_class_entry *msp_ce_OrderIdConflictException;
extern zend_class_entry *msp_ce_NetworkException;
extern zend_class_entry *msp_ce_SignatureException;
extern zend_class_entry *msp_ce_StateException;
extern zend_class_entry *msp_ce_SignatureError;

extern zend_class_entry *msp_ce_CardBrand;
extern zend_class_entry *msp_ce_CardError;
extern zend_class_entry *msp_ce_Card;

void msp_register_exceptions(void);
void msp_register_card(void);
void msp_register_order(void);
void msp_register_client(void);
void msp_register_money(void);

/* Throws the exception that matches a core error; returns nothing, callers then RETURN_THROWS(). */
void msp_throw_error(const msp_error *err);
/* Throws Msp\InvalidArgumentException naming the field (may be NULL). */
void msp_throw_invalid_argument(const char *field, const char *message);
/* True when value is NULL or holds no NUL byte; otherwise throws Msp\InvalidArgumentException
 * "<field> must not contain NUL bytes". For texts the core, libcurl or the API take as C strings,
 * which a NUL inside would cut short unseen (another order's id, another currency or country). */
bool msp_php_without_nul_byte(const zend_string *value, const char *field);

/* Card objects and brands, for the other classes that take a Card. */
const msp_card *msp_card_of(zend_object *card_object);
zend_object *msp_brand_case(msp_card_brand brand);
msp_card_brand msp_brand_from_case(zend_object *brand_case);

/* True when get_properties_for() is asked for get_object_vars(), which PHP 8.4 added
 * (ZEND_PROP_PURPOSE_GET_OBJECT_VARS); before 8.4 get_object_vars() read the object's own property
 * table. msp's classes with a masked view (Card, Client, OrderRequest, ThreeDsPolicy) keep their
 * data in C and declare no properties, so they answer get_object_vars() with that table, [], on
 * every version: the masked view is for dumps, (array), var_export and json_encode, and a
 * normalizer or logger that walks objects with get_object_vars() finds nothing to copy. */
static inline bool msp_props_for_object_vars(zend_prop_purpose purpose)
{
#if PHP_VERSION_ID >= 80400
	return purpose == ZEND_PROP_PURPOSE_GET_OBJECT_VARS;
#else
	(void)purpose;
	return false;
#endif
}

/* The enum case of a backed enum whose value is `value`, or NULL. */
zend_object *msp_enum_case_by_value(zend_class_entry *ce, const char *value);

/* The same, remembered for the rest of the request in cache slot `slot` (< MSP_ENUM_CACHE_SLOTS):
 * every order answer names three cases, and the engine's look-up (a string, two hash tables) costs
 * about 50 cache misses per answer. Each caller owns a fixed range of slots, below. */
zend_object *msp_cached_enum_case(unsigned slot, zend_class_entry *ce, const char *value);
void msp_enum_cache_reset(void);

#define MSP_ENUM_SLOT_BRAND        0  /* + msp_card_brand, MSP_BRAND_COUNT slots */
#define MSP_ENUM_SLOT_ORDER_STATUS 16 /* + msp_order_status, MSP_ORDER_STATUS_COUNT slots */
#define MSP_ENUM_SLOT_TX_STATUS    32 /* + msp_tx_status, MSP_TX_STATUS_COUNT slots */
#define MSP_ENUM_SLOT_END          48

#endif
