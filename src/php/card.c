/* Msp\Card, Msp\CardBrand and Msp\CardError: a thin layer over src/core/card.c.
 *
 * The object holds only a pointer to the core card, whose PAN and CVC live in secure memory. No
 * property ever holds card data: every property-reading path (dumps, casts, JSON, var_export) goes
 * through card_properties_for(), which shows the masked number only. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_enum.h"
#include "zend_exceptions.h"
#include "zend_attributes.h"
#include "zend_interfaces.h"

#include <time.h>

#include "msp_php.h"
#include "card.h"
#include "secmem.h"
#include "../../stubs/card_arginfo.h"

zend_class_entry *msp_ce_CardBrand;
zend_class_entry *msp_ce_CardError;
zend_class_entry *msp_ce_Card;

static zend_object_handlers card_handlers;

typedef struct {
	msp_card *card;
	zend_object std;
} msp_card_object;

static inline msp_card_object *card_from_obj(zend_object *obj)
{
	return (msp_card_object *)((char *)obj - XtOffsetOf(msp_card_object, std));
}

#define Z_MSP_CARD_P(zv) card_from_obj(Z_OBJ_P(zv))

/* The backing value of each Msp\CardBrand case, indexed by msp_card_brand. */
static const char *const brand_values[MSP_BRAND_COUNT] = {
    [MSP_BRAND_UNKNOWN] = NULL,
    [MSP_BRAND_VISA] = "VISA",
    [MSP_BRAND_MASTERCARD] = "MASTERCARD",
    [MSP_BRAND_MAESTRO] = "MAESTRO",
    [MSP_BRAND_AMEX] = "AMEX",
    [MSP_BRAND_BANCONTACT] = "BANCONTACT",
    [MSP_BRAND_DINERS] = "DINERS",
    [MSP_BRAND_DISCOVER] = "DISCOVER",
    [MSP_BRAND_JCB] = "JCB",
    [MSP_BRAND_UNIONPAY] = "UNIONPAY",
};

zend_object *msp_brand_case(msp_card_brand brand)
{
	if (brand <= MSP_BRAND_UNKNOWN || brand >= MSP_BRAND_COUNT) {
		return NULL;
	}
	_Static_assert(MSP_BRAND_COUNT <= MSP_ENUM_SLOT_ORDER_STATUS - MSP_ENUM_SLOT_BRAND, "brand slots");
	return msp_cached_enum_case(MSP_ENUM_SLOT_BRAND + (unsigned)brand, msp_ce_CardBrand, brand_values[brand]);
}

msp_card_brand msp_brand_from_case(zend_object *brand_case)
{
	zval *value = zend_enum_fetch_case_value(brand_case);
	for (int brand = MSP_BRAND_UNKNOWN + 1; brand < MSP_BRAND_COUNT; brand++) {
		if (zend_string_equals_cstr(Z_STR_P(value), brand_values[brand], strlen(brand_values[brand]))) {
			return (msp_card_brand)brand;
		}
	}
	return MSP_BRAND_UNKNOWN;
}

const msp_card *msp_card_of(zend_object *card_object)
{
	return card_from_obj(card_object)->card;
}

static zend_object *card_create(zend_class_entry *ce)
{
	msp_card_object *intern = zend_object_alloc(sizeof(msp_card_object), ce);
	zend_object_std_init(&intern->std, ce);
	object_properties_init(&intern->std, ce);
	intern->std.handlers = &card_handlers;
	return &intern->std;
}

static void card_free(zend_object *object)
{
	msp_card_object *intern = card_from_obj(object);
	msp_card_free(intern->card);
	intern->card = NULL;
	zend_object_std_dtor(object);
}

/* Only masked data: var_dump, print_r, debug_zval_dump, (array), var_export and json_encode all
 * read properties through here. get_object_vars() gets [] on every PHP version. */
static HashTable *card_properties_for(zend_object *object, zend_prop_purpose purpose)
{
	if (msp_props_for_object_vars(purpose)) {
		return zend_std_get_properties_for(object, purpose);
	}
	msp_card_object *intern = card_from_obj(object);
	HashTable *props = zend_new_array(4);
	if (intern->card == NULL) {
		return props;
	}
	char expiry[5];
	msp_card_expiry_yymm(intern->card, expiry);
	zval zv;
	ZVAL_STRING(&zv, brand_values[msp_card_get_brand(intern->card)]);
	zend_hash_str_update(props, "brand", sizeof("brand") - 1, &zv);
	ZVAL_STRING(&zv, msp_card_masked(intern->card));
	zend_hash_str_update(props, "number", sizeof("number") - 1, &zv);
	ZVAL_STRING(&zv, expiry);
	zend_hash_str_update(props, "expiry", sizeof("expiry") - 1, &zv);
	return props;
}

static msp_card *card_or_throw(zval *this_zv)
{
	msp_card *card = Z_MSP_CARD_P(this_zv)->card;
	if (card == NULL) {
		zend_throw_error(NULL, "Msp\\Card object is not initialized");
	}
	return card;
}

/* Builds the core card from raw bytes; throws and returns NULL when refused. */
static msp_card *card_from_bytes(const char *number, size_t number_len, const zend_string *cvc,
    zend_long month, zend_long year, const zend_string *holder)
{
	if (month < INT_MIN || month > INT_MAX || year < INT_MIN || year > INT_MAX) {
		month = 0; /* out of int range is as invalid as month 0: let the core word the refusal */
	}
	msp_error err;
	msp_error_clear(&err);
	msp_card *card = NULL;
	msp_status status = msp_card_new(number, number_len, cvc ? ZSTR_VAL(cvc) : NULL, cvc ? ZSTR_LEN(cvc) : 0,
	    (int)month, (int)year, holder ? ZSTR_VAL(holder) : NULL, holder ? ZSTR_LEN(holder) : 0, &card, &err);
	if (status != MSP_OK) {
		msp_throw_error(&err);
		return NULL;
	}
	return card;
}

PHP_METHOD(Msp_Card, __construct)
{
	zend_string *number, *cvc = NULL, *holder = NULL;
	zend_long month, year;

	ZEND_PARSE_PARAMETERS_START(3, 5)
		Z_PARAM_STR(number)
		Z_PARAM_LONG(month)
		Z_PARAM_LONG(year)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(cvc)
		Z_PARAM_STR_OR_NULL(holder)
	ZEND_PARSE_PARAMETERS_END();

	msp_card_object *intern = Z_MSP_CARD_P(ZEND_THIS);
	if (intern->card != NULL) {
		zend_throw_error(NULL, "Msp\\Card is immutable and cannot be constructed twice");
		RETURN_THROWS();
	}
	intern->card = card_from_bytes(ZSTR_VAL(number), ZSTR_LEN(number), cvc, month, year, holder);
	if (intern->card == NULL) {
		RETURN_THROWS();
	}
}

/* Empties the caller's variable behind a by-reference parameter, wiping the bytes first when
 * nothing else can see them: a string with one reference that is not interned. A shared string
 * is left intact, since wiping it would change other variables' values behind their backs. */
static void consume_variable(zval *reference)
{
	if (reference == NULL || !Z_ISREF_P(reference)) {
		return;
	}
	zval *value = Z_REFVAL_P(reference);
	if (Z_TYPE_P(value) == IS_STRING) {
		zend_string *str = Z_STR_P(value);
		if (!ZSTR_IS_INTERNED(str) && GC_REFCOUNT(str) == 1) {
			msp_secure_wipe(ZSTR_VAL(str), ZSTR_LEN(str));
			zend_string_forget_hash_val(str);
		}
	}
	ZEND_TRY_ASSIGN_REF_EMPTY_STRING(reference);
}

static bool string_or_null_argument(zval *reference, uint32_t arg_num, bool nullable, zend_string **out)
{
	*out = NULL;
	if (reference == NULL) {
		return true;
	}
	zval *value = Z_ISREF_P(reference) ? Z_REFVAL_P(reference) : reference;
	if (Z_TYPE_P(value) == IS_STRING) {
		*out = Z_STR_P(value);
		return true;
	}
	if (nullable && Z_TYPE_P(value) == IS_NULL) {
		return true;
	}
	zend_argument_type_error(
	    arg_num, "must be of type %sstring, %s given", nullable ? "?" : "", zend_zval_type_name(value));
	return false;
}

PHP_METHOD(Msp_Card, consume)
{
	zval *number_ref, *cvc_ref = NULL;
	zend_string *holder = NULL;
	zend_long month, year;

	ZEND_PARSE_PARAMETERS_START(3, 5)
		Z_PARAM_ZVAL(number_ref)
		Z_PARAM_LONG(month)
		Z_PARAM_LONG(year)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(cvc_ref)
		Z_PARAM_STR_OR_NULL(holder)
	ZEND_PARSE_PARAMETERS_END();

	zend_string *number, *cvc;
	msp_card *card = NULL;
	if (string_or_null_argument(number_ref, 1, false, &number) &&
	    string_or_null_argument(cvc_ref, 4, true, &cvc)) {
		card = card_from_bytes(ZSTR_VAL(number), ZSTR_LEN(number), cvc, month, year, holder);
	}
	consume_variable(number_ref);
	consume_variable(cvc_ref);
	if (card == NULL) {
		RETURN_THROWS();
	}
	object_init_ex(return_value, msp_ce_Card);
	Z_MSP_CARD_P(return_value)->card = card;
}

#define CARD_GETTER_PROLOGUE()                                                                               \
	ZEND_PARSE_PARAMETERS_NONE();                                                                            \
	const msp_card *card = card_or_throw(ZEND_THIS);                                                         \
	if (card == NULL) {                                                                                      \
		RETURN_THROWS();                                                                                     \
	}

PHP_METHOD(Msp_Card, brand)
{
	CARD_GETTER_PROLOGUE();
	RETURN_OBJ_COPY(msp_brand_case(msp_card_get_brand(card)));
}

PHP_METHOD(Msp_Card, last4)
{
	CARD_GETTER_PROLOGUE();
	RETURN_STRING(msp_card_last4(card));
}

PHP_METHOD(Msp_Card, bin)
{
	CARD_GETTER_PROLOGUE();
	RETURN_STRING(msp_card_bin(card));
}

PHP_METHOD(Msp_Card, masked)
{
	CARD_GETTER_PROLOGUE();
	RETURN_STRING(msp_card_masked(card));
}

PHP_METHOD(Msp_Card, expiry)
{
	CARD_GETTER_PROLOGUE();
	char expiry[5];
	msp_card_expiry_yymm(card, expiry);
	RETURN_STRINGL(expiry, 4);
}

PHP_METHOD(Msp_Card, expiryMonth)
{
	CARD_GETTER_PROLOGUE();
	RETURN_LONG(msp_card_exp_month(card));
}

PHP_METHOD(Msp_Card, expiryYear)
{
	CARD_GETTER_PROLOGUE();
	RETURN_LONG(msp_card_exp_year(card));
}

PHP_METHOD(Msp_Card, isExpired)
{
	zend_long now = 0;
	bool now_is_null = true;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG_OR_NULL(now, now_is_null)
	ZEND_PARSE_PARAMETERS_END();

	const msp_card *card = card_or_throw(ZEND_THIS);
	if (card == NULL) {
		RETURN_THROWS();
	}
	RETURN_BOOL(msp_card_is_expired(card, now_is_null ? time(NULL) : (time_t)now));
}

PHP_METHOD(Msp_Card, holder)
{
	CARD_GETTER_PROLOGUE();
	const char *holder = msp_card_holder(card);
	if (holder == NULL || holder[0] == '\0') {
		RETURN_NULL();
	}
	RETURN_STRING(holder);
}

PHP_METHOD(Msp_Card, hasCvc)
{
	CARD_GETTER_PROLOGUE();
	RETURN_BOOL(msp_card_has_cvc(card));
}

PHP_METHOD(Msp_Card, __clone)
{
	/* Unreachable: clone_obj is NULL, so the engine refuses clone before calling this. */
	ZEND_PARSE_PARAMETERS_NONE();
}

static msp_card_brand this_brand(zval *this_zv)
{
	return msp_brand_from_case(Z_OBJ_P(this_zv));
}

PHP_METHOD(Msp_CardBrand, gateway)
{
	ZEND_PARSE_PARAMETERS_NONE();
	const char *gateway = msp_card_brand_gateway(this_brand(ZEND_THIS));
	if (gateway == NULL) {
		RETURN_NULL();
	}
	RETURN_STRING(gateway);
}

PHP_METHOD(Msp_CardBrand, displayName)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_STRING(msp_card_brand_name(this_brand(ZEND_THIS)));
}

PHP_METHOD(Msp_CardBrand, isSupported)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(msp_card_brand_supported(this_brand(ZEND_THIS)));
}

void msp_register_card(void)
{
	msp_ce_CardBrand = register_class_Msp_CardBrand();
	msp_ce_CardError = register_class_Msp_CardError();
	msp_ce_Card = register_class_Msp_Card();
	msp_ce_Card->create_object = card_create;

	memcpy(&card_handlers, &std_object_handlers, sizeof(zend_object_handlers));
	card_handlers.offset = XtOffsetOf(msp_card_object, std);
	card_handlers.free_obj = card_free;
	card_handlers.clone_obj = NULL;
	card_handlers.get_properties_for = card_properties_for;
}
