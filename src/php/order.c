/* Msp\OrderRequest (the request builder), Msp\Order and Msp\Verification (the answer), and the
 * status enums. Validation and the body live in src/core/order.c, parsing in src/core/response.c,
 * "paid" and "refundable" in src/core/status.c and refund.c: this file converts and throws. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_enum.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/json/php_json.h"

#include <time.h>

#include "php_msp.h"
#include "msp_php.h"
#include "order.h"
#include "order_object.h"
#include "policy_object.h"
#include "refund.h"
#include "response.h"
#include "secmem.h"
#include "status.h"
#include "../../stubs/order_arginfo.h"

zend_class_entry *msp_ce_OrderStatus;
zend_class_entry *msp_ce_TransactionStatus;
zend_class_entry *msp_ce_OrderRequest;
zend_class_entry *msp_ce_Verification;
zend_class_entry *msp_ce_Order;
zend_class_entry *msp_ce_Refund;

static zend_object_handlers request_handlers;
static zend_object_handlers order_handlers;

/* ======== Msp\OrderRequest ======== */

typedef struct {
	msp_order_request *req;
	zval card; /* keeps the Card (and its secure memory) alive as long as the request */
	zend_object std;
} msp_request_object;

static inline msp_request_object *request_from_obj(zend_object *obj)
{
	return (msp_request_object *)((char *)obj - XtOffsetOf(msp_request_object, std));
}

const msp_order_request *msp_php_order_request(zend_object *obj)
{
	return request_from_obj(obj)->req;
}

static zend_object *request_create(zend_class_entry *ce)
{
	msp_request_object *intern = zend_object_alloc(sizeof(msp_request_object), ce);
	zend_object_std_init(&intern->std, ce);
	object_properties_init(&intern->std, ce);
	intern->std.handlers = &request_handlers;
	ZVAL_UNDEF(&intern->card);
	return &intern->std;
}

static void request_free(zend_object *object)
{
	msp_request_object *intern = request_from_obj(object);
	msp_order_request_free(intern->req);
	intern->req = NULL;
	zval_ptr_dtor(&intern->card);
	zend_object_std_dtor(object);
}

static msp_request_object *request_checked(zval *this_zv)
{
	msp_request_object *intern = request_from_obj(Z_OBJ_P(this_zv));
	if (intern->req == NULL) {
		zend_throw_error(NULL, "Msp\\OrderRequest object is not initialized");
		return NULL;
	}
	return intern;
}

static bool thrown_if_failed(msp_status status, const msp_error *err)
{
	if (status != MSP_OK) {
		msp_throw_error(err);
		return true;
	}
	return false;
}

PHP_METHOD(Msp_OrderRequest, __construct)
{
	zend_string *order_id, *currency, *description, *gateway = NULL;
	zend_long amount;
	zend_object *card;

	ZEND_PARSE_PARAMETERS_START(5, 6)
		Z_PARAM_STR(order_id)
		Z_PARAM_LONG(amount)
		Z_PARAM_STR(currency)
		Z_PARAM_STR(description)
		Z_PARAM_OBJ_OF_CLASS(card, msp_ce_Card)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(gateway)
	ZEND_PARSE_PARAMETERS_END();

	msp_request_object *intern = request_from_obj(Z_OBJ_P(ZEND_THIS));
	if (intern->req != NULL) {
		zend_throw_error(NULL, "Msp\\OrderRequest cannot be constructed twice");
		RETURN_THROWS();
	}
	const msp_card *core_card = msp_card_of(card);
	if (core_card == NULL) {
		zend_throw_error(NULL, "Msp\\Card object is not initialized");
		RETURN_THROWS();
	}
	msp_error err;
	msp_error_clear(&err);
	msp_status status = msp_order_request_new(ZSTR_VAL(order_id), ZSTR_LEN(order_id), amount,
	    ZSTR_VAL(currency), ZSTR_LEN(currency), ZSTR_VAL(description), ZSTR_LEN(description), core_card,
	    gateway ? ZSTR_VAL(gateway) : NULL, gateway ? ZSTR_LEN(gateway) : 0, &intern->req, &err);
	if (thrown_if_failed(status, &err)) {
		RETURN_THROWS();
	}
	ZVAL_OBJ_COPY(&intern->card, card);
}

/* Values gathered from PHP for msp_order_request_put_all(), with the strings they point into. */
typedef struct {
	msp_field_value *values;
	zend_string **strings;
	size_t count;
	size_t capacity;
} field_batch;

static void batch_init(field_batch *batch, size_t capacity)
{
	batch->capacity = capacity > 0 ? capacity : 1;
	batch->values = safe_emalloc(batch->capacity, sizeof(*batch->values), 0);
	batch->strings = safe_emalloc(batch->capacity, sizeof(*batch->strings), 0);
	batch->count = 0;
}

static void batch_destroy(field_batch *batch)
{
	for (size_t i = 0; i < batch->count; i++) {
		if (batch->strings[i] != NULL) {
			zend_string_release(batch->strings[i]);
		}
	}
	efree(batch->values);
	efree(batch->strings);
}

static msp_field_value *batch_add(field_batch *batch, msp_order_field field, msp_field_type type)
{
	if (batch->count == batch->capacity) {
		batch->capacity *= 2;
		batch->values = safe_erealloc(batch->values, batch->capacity, sizeof(*batch->values), 0);
		batch->strings = safe_erealloc(batch->strings, batch->capacity, sizeof(*batch->strings), 0);
	}
	batch->strings[batch->count] = NULL;
	msp_field_value *v = &batch->values[batch->count++];
	memset(v, 0, sizeof(*v));
	v->field = field;
	v->type = type;
	return v;
}

/* A text for the batch; the string is kept until the batch is destroyed. */
static void batch_add_text(field_batch *batch, msp_order_field field, zend_string *text)
{
	msp_field_value *v = batch_add(batch, field, MSP_FIELD_TEXT);
	v->text = ZSTR_VAL(text);
	v->text_len = ZSTR_LEN(text);
	batch->strings[batch->count - 1] = text;
}

/* Adds one field from a PHP value of the field's type (texts also take ints: house numbers); null and
 * "" are no value, for any type: the field is left out (the docs' examples send "" for optional
 * fields nobody filled in). Throws and returns false for an unknown field or a value of another
 * type. */
static bool batch_add_zval(field_batch *batch, const char *group, zend_string *key, zval *value)
{
	msp_error err;
	msp_error_clear(&err);
	msp_order_field f = msp_order_field_find(group, ZSTR_VAL(key), ZSTR_LEN(key), &err);
	if (f == MSP_ORDER_FIELD_NONE) {
		msp_throw_error(&err);
		return false;
	}
	msp_field_type type = msp_order_field_kind(f);
	ZVAL_DEREF(value);
	if (Z_TYPE_P(value) == IS_NULL || (Z_TYPE_P(value) == IS_STRING && Z_STRLEN_P(value) == 0)) {
		batch_add(batch, f, type)->absent = true;
	} else if (type == MSP_FIELD_BOOL && (Z_TYPE_P(value) == IS_TRUE || Z_TYPE_P(value) == IS_FALSE)) {
		batch_add(batch, f, type)->flag = Z_TYPE_P(value) == IS_TRUE;
	} else if (type == MSP_FIELD_INT && Z_TYPE_P(value) == IS_LONG) {
		batch_add(batch, f, type)->number = Z_LVAL_P(value);
	} else if (type == MSP_FIELD_TEXT && (Z_TYPE_P(value) == IS_STRING || Z_TYPE_P(value) == IS_LONG)) {
		batch_add_text(batch, f, zval_get_string(value));
	} else {
		zend_type_error("%s%s%s must be of type %s, %s given", group, group[0] ? "." : "", ZSTR_VAL(key),
		    type == MSP_FIELD_BOOL  ? "bool"
		    : type == MSP_FIELD_INT ? "int"
		                            : "string",
		    zend_zval_type_name(value));
		return false;
	}
	return true;
}

/* The fields of an array (and of a nested group under nested_key) into the batch. */
static bool batch_add_group(field_batch *batch, const char *group, HashTable *values, const char *nested_key,
    const char *nested_group)
{
	zend_string *key;
	zval *value;
	ZEND_HASH_FOREACH_STR_KEY_VAL(values, key, value)
	{
		if (key == NULL) {
			msp_throw_invalid_argument(
			    group, "fields must be given as an array keyed by the API's field names");
			return false;
		}
		ZVAL_DEREF(value);
		if (nested_key != NULL && zend_string_equals_cstr(key, nested_key, strlen(nested_key))) {
			if (Z_TYPE_P(value) == IS_NULL) {
				continue; /* no browser data given */
			}
			if (Z_TYPE_P(value) != IS_ARRAY) {
				zend_type_error(
				    "%s.%s must be of type array, %s given", group, nested_key, zend_zval_type_name(value));
				return false;
			}
			if (!batch_add_group(batch, nested_group, Z_ARRVAL_P(value), NULL, NULL)) {
				return false;
			}
			continue;
		}
		if (!batch_add_zval(batch, group, key, value)) {
			return false;
		}
	}
	ZEND_HASH_FOREACH_END();
	return true;
}

static bool batch_apply(msp_order_request *req, field_batch *batch)
{
	msp_error err;
	msp_error_clear(&err);
	return !thrown_if_failed(msp_order_request_put_all(req, batch->values, batch->count, &err), &err);
}

/* All or nothing: a refused field leaves the request as it was. */
static bool set_group(msp_order_request *req, const char *group, HashTable *values, const char *nested_key,
    const char *nested_group)
{
	field_batch batch;
	batch_init(&batch, zend_hash_num_elements(values));
	bool ok = batch_add_group(&batch, group, values, nested_key, nested_group) && batch_apply(req, &batch);
	batch_destroy(&batch);
	return ok;
}

/* Sets fixed fields, all or nothing; the values point into the caller's strings. */
static bool put_values(msp_order_request *req, const msp_field_value *values, size_t n)
{
	msp_error err;
	msp_error_clear(&err);
	return !thrown_if_failed(msp_order_request_put_all(req, values, n, &err), &err);
}

static msp_field_value text_value(msp_order_field field, const char *text, size_t len)
{
	return (msp_field_value){.field = field, .type = MSP_FIELD_TEXT, .text = text, .text_len = len};
}

/* Sets texts of fixed fields (a NULL value leaves its field alone), all or nothing. */
static bool set_texts(
    msp_order_request *req, const msp_order_field *fields, zend_string *const *values, size_t n)
{
	msp_field_value batch[4];
	size_t count = 0;
	ZEND_ASSERT(n <= sizeof(batch) / sizeof(batch[0]));
	for (size_t i = 0; i < n; i++) {
		if (values[i] != NULL) {
			batch[count++] = text_value(fields[i], ZSTR_VAL(values[i]), ZSTR_LEN(values[i]));
		}
	}
	return put_values(req, batch, count);
}

#define REQUEST_PROLOGUE()                                                                                   \
	msp_request_object *intern = request_checked(ZEND_THIS);                                                 \
	if (intern == NULL) {                                                                                    \
		RETURN_THROWS();                                                                                     \
	}

static void group_setter(
    INTERNAL_FUNCTION_PARAMETERS, const char *group, const char *nested_key, const char *nested_group)
{
	HashTable *values;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(values)
	ZEND_PARSE_PARAMETERS_END();
	REQUEST_PROLOGUE();
	if (!set_group(intern->req, group, values, nested_key, nested_group)) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

PHP_METHOD(Msp_OrderRequest, customer)
{
	group_setter(INTERNAL_FUNCTION_PARAM_PASSTHRU, "customer", "browser", "customer.browser");
}

PHP_METHOD(Msp_OrderRequest, browser)
{
	group_setter(INTERNAL_FUNCTION_PARAM_PASSTHRU, "customer.browser", NULL, NULL);
}

PHP_METHOD(Msp_OrderRequest, delivery)
{
	group_setter(INTERNAL_FUNCTION_PARAM_PASSTHRU, "delivery", NULL, NULL);
}

/* Sets one field and returns $this. */
static void set_one(INTERNAL_FUNCTION_PARAMETERS, msp_request_object *intern, msp_field_value value)
{
	if (!put_values(intern->req, &value, 1)) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

static void set_one_text(
    INTERNAL_FUNCTION_PARAMETERS, msp_request_object *intern, msp_order_field field, zend_string *value)
{
	set_one(INTERNAL_FUNCTION_PARAM_PASSTHRU, intern, text_value(field, ZSTR_VAL(value), ZSTR_LEN(value)));
}

static void set_one_bool(
    INTERNAL_FUNCTION_PARAMETERS, msp_request_object *intern, msp_order_field field, bool value)
{
	set_one(INTERNAL_FUNCTION_PARAM_PASSTHRU, intern,
	    (msp_field_value){.field = field, .type = MSP_FIELD_BOOL, .flag = value});
}

PHP_METHOD(Msp_OrderRequest, notificationUrl)
{
	zend_string *url, *method = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(url)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(method)
	ZEND_PARSE_PARAMETERS_END();
	REQUEST_PROLOGUE();
	msp_field_value values[2] = {
	    text_value(MSP_ORDER_FIELD_NOTIFICATION_URL, ZSTR_VAL(url), ZSTR_LEN(url)),
	    method != NULL ? text_value(MSP_ORDER_FIELD_NOTIFICATION_METHOD, ZSTR_VAL(method), ZSTR_LEN(method))
	                   : text_value(MSP_ORDER_FIELD_NOTIFICATION_METHOD, "POST", 4),
	};
	if (!put_values(intern->req, values, 2)) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

PHP_METHOD(Msp_OrderRequest, redirectUrl)
{
	zend_string *url;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(url)
	ZEND_PARSE_PARAMETERS_END();
	REQUEST_PROLOGUE();
	set_one_text(INTERNAL_FUNCTION_PARAM_PASSTHRU, intern, MSP_ORDER_FIELD_REDIRECT_URL, url);
}

PHP_METHOD(Msp_OrderRequest, cancelUrl)
{
	zend_string *url;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(url)
	ZEND_PARSE_PARAMETERS_END();
	REQUEST_PROLOGUE();
	set_one_text(INTERNAL_FUNCTION_PARAM_PASSTHRU, intern, MSP_ORDER_FIELD_CANCEL_URL, url);
}

PHP_METHOD(Msp_OrderRequest, closeWindow)
{
	bool close = true;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(close)
	ZEND_PARSE_PARAMETERS_END();
	REQUEST_PROLOGUE();
	set_one_bool(INTERNAL_FUNCTION_PARAM_PASSTHRU, intern, MSP_ORDER_FIELD_CLOSE_WINDOW, close);
}

PHP_METHOD(Msp_OrderRequest, addItem)
{
	zend_string *name, *merchant_item_id = NULL, *description = NULL, *tax_table = NULL;
	zend_long unit_price, quantity;
	ZEND_PARSE_PARAMETERS_START(3, 6)
		Z_PARAM_STR(name)
		Z_PARAM_LONG(unit_price)
		Z_PARAM_LONG(quantity)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(merchant_item_id)
		Z_PARAM_STR_OR_NULL(description)
		Z_PARAM_STR_OR_NULL(tax_table)
	ZEND_PARSE_PARAMETERS_END();
	REQUEST_PROLOGUE();
	msp_error err;
	msp_error_clear(&err);
#define OPTIONAL_STR(s) ((s) ? ZSTR_VAL(s) : NULL), ((s) ? ZSTR_LEN(s) : 0)
	msp_status status = msp_order_request_add_item(intern->req, ZSTR_VAL(name), ZSTR_LEN(name), unit_price,
	    quantity, OPTIONAL_STR(merchant_item_id), OPTIONAL_STR(description), OPTIONAL_STR(tax_table), &err);
#undef OPTIONAL_STR
	if (thrown_if_failed(status, &err)) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

PHP_METHOD(Msp_OrderRequest, manualCapture)
{
	bool manual = true;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(manual)
	ZEND_PARSE_PARAMETERS_END();
	REQUEST_PROLOGUE();
	msp_order_request_set_manual_capture(intern->req, manual);
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

/* vars() and customInfo(): three optional texts of one group, all or nothing. */
static void three_texts_setter(INTERNAL_FUNCTION_PARAMETERS, const msp_order_field fields[3])
{
	zend_string *values[3] = {NULL, NULL, NULL};
	ZEND_PARSE_PARAMETERS_START(0, 3)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(values[0])
		Z_PARAM_STR_OR_NULL(values[1])
		Z_PARAM_STR_OR_NULL(values[2])
	ZEND_PARSE_PARAMETERS_END();
	REQUEST_PROLOGUE();
	if (!set_texts(intern->req, fields, values, 3)) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

PHP_METHOD(Msp_OrderRequest, vars)
{
	static const msp_order_field fields[3] = {
	    MSP_ORDER_FIELD_VAR1, MSP_ORDER_FIELD_VAR2, MSP_ORDER_FIELD_VAR3};
	three_texts_setter(INTERNAL_FUNCTION_PARAM_PASSTHRU, fields);
}

PHP_METHOD(Msp_OrderRequest, customInfo)
{
	static const msp_order_field fields[3] = {
	    MSP_ORDER_FIELD_CUSTOM_1, MSP_ORDER_FIELD_CUSTOM_2, MSP_ORDER_FIELD_CUSTOM_3};
	three_texts_setter(INTERNAL_FUNCTION_PARAM_PASSTHRU, fields);
}

PHP_METHOD(Msp_OrderRequest, recurring)
{
	static const msp_order_field fields[2] = {MSP_ORDER_FIELD_RECURRING_MODEL, MSP_ORDER_FIELD_RECURRING_ID};
	zend_string *values[2] = {NULL, NULL};
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(values[0])
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(values[1])
	ZEND_PARSE_PARAMETERS_END();
	REQUEST_PROLOGUE();
	if (!set_texts(intern->req, fields, values, 2)) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

PHP_METHOD(Msp_OrderRequest, plugin)
{
	static const msp_order_field fields[4] = {MSP_ORDER_FIELD_PLUGIN_SHOP,
	    MSP_ORDER_FIELD_PLUGIN_SHOP_VERSION, MSP_ORDER_FIELD_PLUGIN_PLUGIN_VERSION,
	    MSP_ORDER_FIELD_PLUGIN_PARTNER};
	zend_string *values[4] = {NULL, NULL, NULL, NULL};
	ZEND_PARSE_PARAMETERS_START(3, 4)
		Z_PARAM_STR(values[0])
		Z_PARAM_STR(values[1])
		Z_PARAM_STR(values[2])
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(values[3])
	ZEND_PARSE_PARAMETERS_END();
	REQUEST_PROLOGUE();
	if (!set_texts(intern->req, fields, values, 4)) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

/* flexible_3d and its term_url, set together or not at all; returns $this. */
static void set_flexible_3d(
    INTERNAL_FUNCTION_PARAMETERS, msp_request_object *intern, bool required, zend_string *term_url)
{
	msp_field_value values[2] = {
	    {.field = MSP_ORDER_FIELD_FLEXIBLE_3D, .type = MSP_FIELD_BOOL, .flag = required},
	    text_value(MSP_ORDER_FIELD_TERM_URL, ZSTR_VAL(term_url), ZSTR_LEN(term_url)),
	};
	if (!put_values(intern->req, values, 2)) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

PHP_METHOD(Msp_OrderRequest, flexible3d)
{
	bool enabled;
	zend_string *term_url;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_BOOL(enabled)
		Z_PARAM_STR(term_url)
	ZEND_PARSE_PARAMETERS_END();
	REQUEST_PROLOGUE();
	set_flexible_3d(INTERNAL_FUNCTION_PARAM_PASSTHRU, intern, enabled, term_url);
}

PHP_METHOD(Msp_OrderRequest, threeDs)
{
	zend_object *decision;
	zend_string *term_url;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_OBJ_OF_CLASS(decision, msp_ce_ThreeDsDecision)
		Z_PARAM_STR(term_url)
	ZEND_PARSE_PARAMETERS_END();
	REQUEST_PROLOGUE();
	msp_card_brand brand;
	zend_long amount;
	const char *currency;
	bool required;
	if (!msp_php_decision_payment(decision, &brand, &amount, &currency, &required)) {
		zend_throw_error(NULL, "Msp\\ThreeDsDecision object is not initialized");
		RETURN_THROWS();
	}
	/* A decision is only valid for the payment it was made for. */
	if (brand != msp_card_get_brand(msp_order_request_card(intern->req)) ||
	    amount != msp_order_request_amount(intern->req) ||
	    strcmp(currency, msp_order_request_currency(intern->req)) != 0) {
		msp_throw_invalid_argument("gateway_info.flexible_3d",
		    "the 3-D Secure decision was made for another payment (brand, amount or currency differ)");
		RETURN_THROWS();
	}
	set_flexible_3d(INTERNAL_FUNCTION_PARAM_PASSTHRU, intern, required, term_url);
}

PHP_METHOD(Msp_OrderRequest, moto)
{
	bool moto = true;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(moto)
	ZEND_PARSE_PARAMETERS_END();
	REQUEST_PROLOGUE();
	set_one_bool(INTERNAL_FUNCTION_PARAM_PASSTHRU, intern, MSP_ORDER_FIELD_MOTO, moto);
}

PHP_METHOD(Msp_OrderRequest, orderId)
{
	ZEND_PARSE_PARAMETERS_NONE();
	REQUEST_PROLOGUE();
	RETURN_STRING(msp_order_request_order_id(intern->req));
}

PHP_METHOD(Msp_OrderRequest, amount)
{
	ZEND_PARSE_PARAMETERS_NONE();
	REQUEST_PROLOGUE();
	RETURN_LONG(msp_order_request_amount(intern->req));
}

PHP_METHOD(Msp_OrderRequest, currency)
{
	ZEND_PARSE_PARAMETERS_NONE();
	REQUEST_PROLOGUE();
	RETURN_STRING(msp_order_request_currency(intern->req));
}

PHP_METHOD(Msp_OrderRequest, card)
{
	ZEND_PARSE_PARAMETERS_NONE();
	REQUEST_PROLOGUE();
	RETURN_COPY(&intern->card);
}

/* The body msp would send, redacted (card number masked, CVC removed) and decoded. */
static void request_to_array(msp_order_request *req, zval *out)
{
	msp_secbuf *body = NULL;
	msp_error err;
	msp_error_clear(&err);
	ZVAL_EMPTY_ARRAY(out);
	if (msp_order_request_write_json(req, &body, &err) != MSP_OK) {
		return;
	}
	char *redacted = msp_redact((const char *)body->data, body->len, 0);
	msp_secbuf_free(body);
	if (redacted != NULL) {
		php_json_decode_ex(
		    out, redacted, strlen(redacted), PHP_JSON_OBJECT_AS_ARRAY, PHP_JSON_PARSER_DEFAULT_DEPTH);
		free(redacted);
	}
}

PHP_METHOD(Msp_OrderRequest, toArray)
{
	ZEND_PARSE_PARAMETERS_NONE();
	REQUEST_PROLOGUE();
	request_to_array(intern->req, return_value);
}

PHP_METHOD(Msp_OrderRequest, __clone)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

/* Dumps show the redacted request (toArray()); get_object_vars() gets [] on every PHP version. */
static HashTable *request_properties_for(zend_object *object, zend_prop_purpose purpose)
{
	if (msp_props_for_object_vars(purpose)) {
		return zend_std_get_properties_for(object, purpose);
	}
	msp_request_object *intern = request_from_obj(object);
	HashTable *props = zend_new_array(0);
	if (intern->req != NULL) {
		zval arr;
		request_to_array(intern->req, &arr);
		if (Z_TYPE(arr) == IS_ARRAY) {
			zend_hash_copy(props, Z_ARRVAL(arr), zval_add_ref);
		}
		zval_ptr_dtor(&arr);
	}
	return props;
}

static HashTable *request_get_gc(zend_object *object, zval **table, int *n)
{
	msp_request_object *intern = request_from_obj(object);
	*table = Z_ISUNDEF(intern->card) ? NULL : &intern->card;
	*n = Z_ISUNDEF(intern->card) ? 0 : 1;
	return zend_std_get_properties(object);
}

/* ======== Msp\Order and Msp\Verification ======== */

typedef struct {
	msp_order *order;
	zend_object std;
} msp_order_object;

static inline msp_order_object *order_from_obj(zend_object *obj)
{
	return (msp_order_object *)((char *)obj - XtOffsetOf(msp_order_object, std));
}

const msp_order *msp_php_order(zend_object *obj)
{
	return order_from_obj(obj)->order;
}

static zend_object *order_create(zend_class_entry *ce)
{
	msp_order_object *intern = zend_object_alloc(sizeof(msp_order_object), ce);
	zend_object_std_init(&intern->std, ce);
	object_properties_init(&intern->std, ce);
	intern->std.handlers = &order_handlers;
	return &intern->std;
}

static void order_free(zend_object *object)
{
	msp_order_object *intern = order_from_obj(object);
	msp_order_free(intern->order);
	intern->order = NULL;
	zend_object_std_dtor(object);
}

void msp_php_json_to_zval(const msp_json *value, zval *out)
{
	switch (value ? value->type : MSP_JSON_NULL) {
		case MSP_JSON_NULL:
			ZVAL_NULL(out);
			return;
		case MSP_JSON_BOOL:
			ZVAL_BOOL(out, value->boolean);
			return;
		case MSP_JSON_NUMBER:
			/* as json_decode() does: integers that fit stay integers, the rest become floats */
			if (value->is_int) {
				ZVAL_LONG(out, (zend_long)value->integer);
			} else {
				ZVAL_DOUBLE(out, zend_strtod(value->text, NULL));
			}
			return;
		case MSP_JSON_STRING:
			ZVAL_STRINGL(out, value->text, value->len);
			return;
		case MSP_JSON_ARRAY:
			array_init_size(out, (uint32_t)value->len);
			for (const msp_json *child = value->first; child != NULL; child = child->next) {
				zval item;
				msp_php_json_to_zval(child, &item);
				add_next_index_zval(out, &item);
			}
			return;
		case MSP_JSON_OBJECT:
			array_init_size(out, (uint32_t)value->len);
			for (const msp_json *child = value->first; child != NULL; child = child->next) {
				zval item;
				msp_php_json_to_zval(child, &item);
				zend_symtable_str_update(Z_ARRVAL_P(out), child->key, child->key_len, &item);
			}
			return;
	}
	ZVAL_NULL(out);
}

static void set_prop_string(zend_class_entry *ce, zend_object *obj, const char *name, const char *value)
{
	if (value != NULL) {
		zend_update_property_string(ce, obj, name, strlen(name), value);
	} else {
		zend_update_property_null(ce, obj, name, strlen(name));
	}
}

_Static_assert(
    MSP_ORDER_STATUS_COUNT <= MSP_ENUM_SLOT_TX_STATUS - MSP_ENUM_SLOT_ORDER_STATUS, "status slots");
_Static_assert(MSP_TX_STATUS_COUNT <= MSP_ENUM_SLOT_END - MSP_ENUM_SLOT_TX_STATUS, "status slots");
_Static_assert(MSP_ENUM_SLOT_END <= MSP_ENUM_CACHE_SLOTS, "enum cache size");

/* Every status the core knows is a case; "unknown" (value 0 in both enums, the range's first slot)
 * stands in should a name and the stub ever differ. */
_Static_assert(MSP_ORDER_STATUS_UNKNOWN == 0 && MSP_TX_STATUS_UNKNOWN == 0, "unknown is the first slot");

static zend_object *status_case(unsigned first_slot, unsigned value, zend_class_entry *ce, const char *name)
{
	zend_object *found = msp_cached_enum_case(first_slot + value, ce, name);
	return found != NULL ? found : msp_cached_enum_case(first_slot, ce, "unknown");
}

static zend_object *make_verification(const msp_order *order, zval *holder)
{
	if (order->verification_html == NULL) {
		return NULL;
	}
	object_init_ex(holder, msp_ce_Verification);
	zend_object *v = Z_OBJ_P(holder);
	set_prop_string(msp_ce_Verification, v, "html", order->verification_html);
	set_prop_string(
	    msp_ce_Verification, v, "type", order->verification_type ? order->verification_type : "form");
	set_prop_string(msp_ce_Verification, v, "url", order->payment_url);
	return v;
}

/* Msp\Order's properties, in the order the stub declares them. Their slots are found once at
 * startup and written directly: an order is built on every API call, and going through the property
 * write handler (a hash lookup and readonly checks per property) costs more than the parsing. */
typedef enum {
	ORDER_ORDER_ID,
	ORDER_TRANSACTION_ID,
	ORDER_STATUS,
	ORDER_FINANCIAL_STATUS,
	ORDER_AMOUNT,
	ORDER_AMOUNT_REFUNDED,
	ORDER_CURRENCY,
	ORDER_DESCRIPTION,
	ORDER_BRAND,
	ORDER_LAST4,
	ORDER_REASON,
	ORDER_REASON_CODE,
	ORDER_VERIFICATION,
	ORDER_PAYMENT_URL,
	ORDER_THREEDS_STATUS,
	ORDER_THREEDS_FLOW,
	ORDER_CREATED,
	ORDER_MODIFIED,
	ORDER_PROPERTY_COUNT,
} order_property;

static const char *const order_property_names[ORDER_PROPERTY_COUNT] = {"orderId", "transactionId", "status",
    "financialStatus", "amount", "amountRefunded", "currency", "description", "brand", "last4", "reason",
    "reasonCode", "verification", "paymentUrl", "threeDsStatus", "threeDsFlow", "created", "modified"};
static uint32_t order_property_offsets[ORDER_PROPERTY_COUNT];

static void find_order_property_slots(void)
{
	for (int i = 0; i < ORDER_PROPERTY_COUNT; i++) {
		zend_property_info *info = zend_hash_str_find_ptr(
		    &msp_ce_Order->properties_info, order_property_names[i], strlen(order_property_names[i]));
		ZEND_ASSERT(info != NULL);
		order_property_offsets[i] = info->offset;
	}
}

static zval *order_slot(zend_object *obj, order_property property)
{
	return OBJ_PROP(obj, order_property_offsets[property]);
}

static void init_string_or_null(zend_object *obj, order_property property, const char *value)
{
	if (value != NULL) {
		ZVAL_STRING(order_slot(obj, property), value);
	} else {
		ZVAL_NULL(order_slot(obj, property));
	}
}

static void init_object_or_null(zend_object *obj, order_property property, zend_object *value)
{
	if (value != NULL) {
		ZVAL_OBJ_COPY(order_slot(obj, property), value);
	} else {
		ZVAL_NULL(order_slot(obj, property));
	}
}

void msp_php_order_wrap(zval *zv, msp_order *order)
{
	object_init_ex(zv, msp_ce_Order);
	zend_object *obj = Z_OBJ_P(zv);
	order_from_obj(obj)->order = order;
	msp_order_status status =
	    msp_order_status_parse(order->status, order->status ? strlen(order->status) : 0);
	msp_tx_status tx = msp_tx_status_parse(
	    order->financial_status, order->financial_status ? strlen(order->financial_status) : 0);

	init_string_or_null(obj, ORDER_ORDER_ID, order->order_id ? order->order_id : "");
	init_string_or_null(obj, ORDER_TRANSACTION_ID, order->transaction_id);
	init_object_or_null(obj, ORDER_STATUS,
	    status_case(MSP_ENUM_SLOT_ORDER_STATUS, status, msp_ce_OrderStatus, msp_order_status_name(status)));
	init_object_or_null(obj, ORDER_FINANCIAL_STATUS,
	    status_case(MSP_ENUM_SLOT_TX_STATUS, tx, msp_ce_TransactionStatus, msp_tx_status_name(tx)));
	ZVAL_LONG(order_slot(obj, ORDER_AMOUNT), (zend_long)order->amount);
	ZVAL_LONG(order_slot(obj, ORDER_AMOUNT_REFUNDED), (zend_long)order->amount_refunded);
	init_string_or_null(obj, ORDER_CURRENCY, order->currency ? order->currency : "");
	init_string_or_null(obj, ORDER_DESCRIPTION, order->description);
	init_object_or_null(obj, ORDER_BRAND, msp_brand_case(msp_card_brand_from_gateway(order->brand)));
	init_string_or_null(obj, ORDER_LAST4, order->last4);
	init_string_or_null(obj, ORDER_REASON, order->reason);
	init_string_or_null(obj, ORDER_REASON_CODE, order->reason_code);
	zval verification;
	ZVAL_UNDEF(&verification);
	init_object_or_null(obj, ORDER_VERIFICATION, make_verification(order, &verification));
	zval_ptr_dtor(&verification);
	init_string_or_null(obj, ORDER_PAYMENT_URL, order->payment_url);
	init_string_or_null(obj, ORDER_THREEDS_STATUS, order->threeds_status);
	init_string_or_null(obj, ORDER_THREEDS_FLOW, order->threeds_flow);
	init_string_or_null(obj, ORDER_CREATED, order->created);
	init_string_or_null(obj, ORDER_MODIFIED, order->modified);
}

static const msp_order *order_checked(zval *this_zv)
{
	const msp_order *order = order_from_obj(Z_OBJ_P(this_zv))->order;
	if (order == NULL) {
		zend_throw_error(NULL, "Msp\\Order object is not initialized");
	}
	return order;
}

/* What refund.h needs to know about an order. */
static void ledger_of(const msp_order *order, msp_refund_ledger *ledger)
{
	memset(ledger, 0, sizeof(*ledger));
	ledger->status = msp_order_status_parse(order->status, order->status ? strlen(order->status) : 0);
	ledger->financial_status = msp_tx_status_parse(
	    order->financial_status, order->financial_status ? strlen(order->financial_status) : 0);
	/* Copied only when it fits whole: "EURO" cut to "EUR" would pass for another currency; left
	 * empty, the refund checks refuse the order as having no valid currency. */
	const char *currency = order->currency ? order->currency : "";
	if (strlen(currency) < sizeof(ledger->currency)) {
		memcpy(ledger->currency, currency, strlen(currency) + 1);
	}
	ledger->amount = order->amount;
	ledger->amount_refunded = order->refunds_requested;
	if (order->created) {
		msp_status_parse_modified(order->created, strlen(order->created), &ledger->created);
	}
}

void msp_php_order_ledger(const msp_order *order, msp_refund_ledger *ledger)
{
	ledger_of(order, ledger);
}

PHP_METHOD(Msp_Order, isPaid)
{
	ZEND_PARSE_PARAMETERS_NONE();
	const msp_order *order = order_checked(ZEND_THIS);
	if (order == NULL) {
		RETURN_THROWS();
	}
	msp_refund_ledger ledger;
	ledger_of(order, &ledger);
	msp_flow_stage stage =
	    msp_status_stage_of(ledger.status, ledger.financial_status, order->amount, order->refunds_requested);
	RETURN_BOOL(msp_flow_stage_is_paid(stage));
}

PHP_METHOD(Msp_Order, requiresVerification)
{
	ZEND_PARSE_PARAMETERS_NONE();
	const msp_order *order = order_checked(ZEND_THIS);
	if (order == NULL) {
		RETURN_THROWS();
	}
	RETURN_BOOL(order->verification_html != NULL);
}

PHP_METHOD(Msp_Order, refundableAmount)
{
	ZEND_PARSE_PARAMETERS_NONE();
	const msp_order *order = order_checked(ZEND_THIS);
	if (order == NULL) {
		RETURN_THROWS();
	}
	msp_refund_ledger ledger;
	ledger_of(order, &ledger);
	RETURN_LONG((zend_long)msp_refund_refundable(&ledger));
}

PHP_METHOD(Msp_Order, toArray)
{
	ZEND_PARSE_PARAMETERS_NONE();
	const msp_order *order = order_checked(ZEND_THIS);
	if (order == NULL) {
		RETURN_THROWS();
	}
	msp_php_json_to_zval(order->data, return_value);
}

PHP_METHOD(Msp_Order, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(Msp_Refund, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(Msp_Verification, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

void msp_register_order(void)
{
	msp_ce_OrderStatus = register_class_Msp_OrderStatus();
	msp_ce_TransactionStatus = register_class_Msp_TransactionStatus();

	msp_ce_OrderRequest = register_class_Msp_OrderRequest();
	msp_ce_OrderRequest->create_object = request_create;
	memcpy(&request_handlers, &std_object_handlers, sizeof(zend_object_handlers));
	request_handlers.offset = XtOffsetOf(msp_request_object, std);
	request_handlers.free_obj = request_free;
	request_handlers.clone_obj = NULL;
	request_handlers.get_gc = request_get_gc;
	request_handlers.get_properties_for = request_properties_for;

	msp_ce_Verification = register_class_Msp_Verification();
	msp_ce_Refund = register_class_Msp_Refund();

	msp_ce_Order = register_class_Msp_Order();
	msp_ce_Order->create_object = order_create;
	memcpy(&order_handlers, &std_object_handlers, sizeof(zend_object_handlers));
	order_handlers.offset = XtOffsetOf(msp_order_object, std);
	order_handlers.free_obj = order_free;
	order_handlers.clone_obj = NULL;
	find_order_property_slots();
}
