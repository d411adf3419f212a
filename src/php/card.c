/* Msp\Card, Msp\CardBrand and Msp\CardError: a thin layer over src/core/card.c.
 *
 * The object holds only a pointer to the core card, whose PAN and CVC live in secure memory. No
 * property ever holds card data: every property-reading path (dumps, casts, JSON, var_export) goes
 * through card_properties_for(), which shows the masked number only. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "SAPI.h"
#include "php_variables.h"
#include "zend_closures.h"
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
	msp_error err;
	msp_error_clear(&err);
	msp_card *card = NULL;
	msp_status status =
	    msp_card_new(number, number_len, cvc ? ZSTR_VAL(cvc) : NULL, cvc ? ZSTR_LEN(cvc) : 0, (int64_t)month,
	        (int64_t)year, holder ? ZSTR_VAL(holder) : NULL, holder ? ZSTR_LEN(holder) : 0, &card, &err);
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

/* ---- Msp\Card::fromRequest ---------------------------------------------------------------------
 * The card comes from PHP's own parse of the request body, and its number and CVC are wiped in
 * place wherever PHP keeps that request: these are the request's own bytes, not a variable of the
 * shop, so every sharer of the strings (a $_REQUEST entry, a framework's copy of the $_POST array)
 * sees them emptied. */

#define FILTER_CALLBACK_ID 0x0400 /* ext/filter's FILTER_CALLBACK */

/* A superglobal array as the script sees it now (a shop may have replaced $_POST), or NULL. */
static zval *script_global(const char *name, size_t len)
{
	zval *zv = zend_hash_str_find_ind(&EG(symbol_table), name, len);
	if (zv != NULL) {
		ZVAL_DEREF(zv);
	}
	return zv != NULL && Z_TYPE_P(zv) == IS_ARRAY ? zv : NULL;
}

#define REQUEST_WIPE_MAX 16 /* strings: 2 secrets x (2 $_POST arrays, $_REQUEST, filter's copy) x slack */

typedef struct {
	zend_string *strings[REQUEST_WIPE_MAX];
	size_t count;
} request_wipe_list;

static void wipe_list_add(request_wipe_list *list, zend_string *str)
{
	for (size_t i = 0; i < list->count; i++) {
		if (list->strings[i] == str) {
			return;
		}
	}
	if (list->count < REQUEST_WIPE_MAX) {
		list->strings[list->count++] = str;
	}
}

/* The filter extension keeps its own copy of each raw request variable, for
 * filter_input(INPUT_POST, ...), in globals it does not export. The one way in: filter_input() with
 * FILTER_CALLBACK hands the callback the very strings of that copy (ZVAL_DUP shares them; every other
 * filter makes new ones). The callback is a closure over Msp\Card::captureFilterCopy(), which adds
 * the strings equal to the secret being collected to the wipe list, and returns them unchanged. */

/* Per thread under ZTS: requests run concurrently there. */
ZEND_TLS struct {
	const zend_string *value; /* the secret whose copies are wanted; NULL outside fromRequest() */
	request_wipe_list *list;
} filter_capture;

PHP_METHOD(Msp_Card, captureFilterCopy)
{
	zval *value;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(value)
	ZEND_PARSE_PARAMETERS_END();

	if (filter_capture.value != NULL && Z_TYPE_P(value) == IS_STRING &&
	    zend_string_equals(Z_STR_P(value), filter_capture.value)) {
		wipe_list_add(filter_capture.list, Z_STR_P(value));
	}
	RETURN_COPY(value);
}

/* Adds filter's copies of the field (its top-level name: nested arrays are walked) that equal value. */
static void collect_filter_copies(const zend_string *field, const zend_string *value, request_wipe_list *list)
{
	zend_function *capture = zend_hash_str_find_ptr(
	    &msp_ce_Card->function_table, "capturefiltercopy", sizeof("capturefiltercopy") - 1);
	if (capture == NULL ||
	    !zend_hash_str_exists(EG(function_table), "filter_input", sizeof("filter_input") - 1)) {
		return;
	}
	const char *bracket = memchr(ZSTR_VAL(field), '[', ZSTR_LEN(field));
	zval function, args[4], options, result;
	ZVAL_STRING(&function, "filter_input");
	ZVAL_LONG(&args[0], PARSE_POST); /* INPUT_POST */
	ZVAL_STRINGL(
	    &args[1], ZSTR_VAL(field), bracket != NULL ? (size_t)(bracket - ZSTR_VAL(field)) : ZSTR_LEN(field));
	ZVAL_LONG(&args[2], FILTER_CALLBACK_ID);
	array_init(&args[3]);
	zend_create_fake_closure(&options, capture, msp_ce_Card, msp_ce_Card, NULL);
	add_assoc_zval(&args[3], "options", &options);
	filter_capture.value = value;
	filter_capture.list = list;
	if (call_user_function(NULL, NULL, &function, &result, 4, args) == SUCCESS) {
		zval_ptr_dtor(&result);
	}
	filter_capture.value = NULL;
	filter_capture.list = NULL;
	zval_ptr_dtor(&function);
	zval_ptr_dtor(&args[1]);
	zval_ptr_dtor(&args[3]);
}

/* A field as $_POST names it: "card_number", or "payment[cc_number]" for nested arrays. */
static zval *find_request_field(zval *array, const zend_string *name)
{
	if (array == NULL) {
		return NULL;
	}
	const char *p = ZSTR_VAL(name);
	const char *end = p + ZSTR_LEN(name);
	const char *bracket = memchr(p, '[', ZSTR_LEN(name));
	zval *zv = zend_symtable_str_find(
	    Z_ARRVAL_P(array), p, bracket != NULL ? (size_t)(bracket - p) : ZSTR_LEN(name));
	while (zv != NULL && bracket != NULL) {
		const char *close = memchr(bracket, ']', (size_t)(end - bracket));
		ZVAL_DEREF(zv);
		if (close == NULL || Z_TYPE_P(zv) != IS_ARRAY) {
			return NULL;
		}
		zv = zend_symtable_str_find(Z_ARRVAL_P(zv), bracket + 1, (size_t)(close - bracket - 1));
		bracket = close + 1 < end ? close + 1 : NULL;
		if (bracket != NULL && *bracket != '[') {
			return NULL;
		}
	}
	if (zv != NULL) {
		ZVAL_DEREF(zv);
	}
	return zv;
}

/* Every copy of the secret field PHP holds: the value the script reads, and the same field in the
 * original $_POST, $_REQUEST and the filter extension's raw array when it has the same content. */
static void collect_secret_copies(const zend_string *field, const zend_string *value, request_wipe_list *list)
{
	zval *arrays[] = {&PG(http_globals)[TRACK_VARS_POST], script_global("_REQUEST", sizeof("_REQUEST") - 1)};
	wipe_list_add(list, (zend_string *)value);
	for (size_t i = 0; i < sizeof(arrays) / sizeof(arrays[0]); i++) {
		zval *zv = arrays[i] != NULL && Z_TYPE_P(arrays[i]) == IS_ARRAY ? find_request_field(arrays[i], field)
		                                                                : NULL;
		if (zv != NULL && Z_TYPE_P(zv) == IS_STRING && zend_string_equals(Z_STR_P(zv), value)) {
			wipe_list_add(list, Z_STR_P(zv));
		}
	}
	collect_filter_copies(field, value, list);
}

/* Wiped and emptied for everyone who holds it: the allocation keeps its size, the string reads "".
 * Interned strings (one-character values) are the process's own and are never written. */
static void wipe_request_string(zend_string *str)
{
	if (ZSTR_IS_INTERNED(str)) {
		return;
	}
	msp_secure_wipe(ZSTR_VAL(str), ZSTR_LEN(str));
	ZSTR_LEN(str) = 0;
	zend_string_forget_hash_val(str);
}

static bool body_is_form_urlencoded(void)
{
	static const char type[] = "application/x-www-form-urlencoded";
	const char *content_type = SG(request_info).content_type;
	return content_type != NULL && strncasecmp(content_type, type, sizeof(type) - 1) == 0;
}

/* The raw body PHP kept for php://input, read into secure memory. NULL when there is none. */
static msp_secbuf *read_raw_body(php_stream *body)
{
	msp_secbuf *copy = msp_secbuf_new(4096);
	if (copy == NULL || php_stream_rewind(body) != 0) {
		msp_secbuf_free(copy);
		return NULL;
	}
	for (;;) {
		if (!msp_secbuf_reserve(copy, 4096)) {
			msp_secbuf_free(copy);
			return NULL;
		}
		ssize_t got = php_stream_read(body, (char *)copy->data + copy->len, 4096);
		if (got <= 0) {
			break;
		}
		copy->len += (size_t)got;
		copy->data[copy->len] = '\0';
	}
	return copy;
}

/* Overwrites the fields' encoded values in the raw body with 'X's of the same length, so that
 * php://input still reads as a form. */
static void wipe_raw_body_fields(const zend_string *const fields[], size_t n)
{
	php_stream *body = SG(request_info).request_body;
	if (body == NULL || !body_is_form_urlencoded()) {
		return;
	}
	zend_off_t position = php_stream_tell(body);
	msp_secbuf *copy = read_raw_body(body);
	static const char filler[64] = "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
	for (size_t i = 0; copy != NULL && i < n; i++) {
		msp_form_value values[8];
		size_t found = msp_card_form_find((const char *)copy->data, copy->len, ZSTR_VAL(fields[i]),
		    ZSTR_LEN(fields[i]), values, sizeof(values) / sizeof(values[0]));
		for (size_t k = 0; k < found && k < sizeof(values) / sizeof(values[0]); k++) {
			php_stream_seek(body, (zend_off_t)values[k].offset, SEEK_SET);
			for (size_t done = 0; done < values[k].len;) {
				size_t chunk = values[k].len - done < sizeof(filler) ? values[k].len - done : sizeof(filler);
				php_stream_write(body, filler, chunk);
				done += chunk;
			}
		}
	}
	msp_secbuf_free(copy);
	php_stream_seek(body, position, SEEK_SET);
}

typedef struct {
	const zend_string *name; /* NULL: not asked for */
	zval *value;
} request_field;

/* NULL when every named field is a string; else the first that is missing or is not a string. */
static const request_field *first_unusable_field(const request_field *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (fields[i].name != NULL && (fields[i].value == NULL || Z_TYPE_P(fields[i].value) != IS_STRING)) {
			return &fields[i];
		}
	}
	return NULL;
}

static void throw_unusable_field(const request_field *field)
{
	char message[200];
	snprintf(message, sizeof(message), "Msp\\Card::fromRequest(): the request's field \"%.100s\" is %s",
	    ZSTR_VAL(field->name), field->value == NULL ? "missing" : "not a string");
	msp_throw_invalid_argument(ZSTR_VAL(field->name), message);
}

static const char *string_or_null(const request_field *field, size_t *len)
{
	*len = field->value != NULL ? Z_STRLEN_P(field->value) : 0;
	return field->value != NULL ? Z_STRVAL_P(field->value) : NULL;
}

/* Builds the card from the fields (all strings); NULL with *err set when it is refused. Nothing is
 * thrown yet: the wiping that follows calls PHP functions, which an exception in flight would stop. */
static msp_card *card_from_request_fields(const request_field *f, msp_error *err)
{
	size_t number_len, month_len, year_len, cvc_len, holder_len;
	const char *number = string_or_null(&f[0], &number_len);
	const char *month = string_or_null(&f[1], &month_len);
	const char *year = string_or_null(&f[2], &year_len);
	const char *cvc = string_or_null(&f[3], &cvc_len);
	const char *holder = string_or_null(&f[4], &holder_len);
	int exp_month = 0, exp_year = 0;
	msp_card *card = NULL;
	if (msp_card_parse_expiry(month, month_len, year, year_len, &exp_month, &exp_year, err) == MSP_OK) {
		msp_card_new(number, number_len, cvc, cvc_len, exp_month, exp_year, holder, holder_len, &card, err);
	}
	return card;
}

PHP_METHOD(Msp_Card, fromRequest)
{
	zend_string *number_field, *month_field, *year_field, *cvc_field = NULL, *holder_field = NULL;

	ZEND_PARSE_PARAMETERS_START(3, 5)
		Z_PARAM_STR(number_field)
		Z_PARAM_STR(month_field)
		Z_PARAM_STR_OR_NULL(year_field)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(cvc_field)
		Z_PARAM_STR_OR_NULL(holder_field)
	ZEND_PARSE_PARAMETERS_END();

	zend_is_auto_global_str(ZEND_STRL("_POST"));
	zval *post = script_global("_POST", sizeof("_POST") - 1);
	request_field fields[] = {
	    {number_field, find_request_field(post, number_field)},
	    {month_field, find_request_field(post, month_field)},
	    {year_field, year_field != NULL ? find_request_field(post, year_field) : NULL},
	    {cvc_field, cvc_field != NULL ? find_request_field(post, cvc_field) : NULL},
	    {holder_field, holder_field != NULL ? find_request_field(post, holder_field) : NULL},
	};
	const request_field *unusable = first_unusable_field(fields, sizeof(fields) / sizeof(fields[0]));
	msp_error refusal;
	msp_error_clear(&refusal);
	msp_card *card = unusable == NULL ? card_from_request_fields(fields, &refusal) : NULL;

	/* The secrets are wiped whatever happened above: refused card, missing field. */
	request_wipe_list wipes = {.strings = {NULL}, .count = 0};
	const zend_string *secret_fields[2];
	size_t secret_count = 0;
	for (size_t i = 0; i < 4; i += 3) { /* the number (0) and the CVC (3) */
		if (fields[i].name != NULL) {
			secret_fields[secret_count++] = fields[i].name;
		}
		if (fields[i].value != NULL && Z_TYPE_P(fields[i].value) == IS_STRING) {
			collect_secret_copies(fields[i].name, Z_STR_P(fields[i].value), &wipes);
		}
	}
	for (size_t i = 0; i < wipes.count; i++) {
		wipe_request_string(wipes.strings[i]);
	}
	wipe_raw_body_fields(secret_fields, secret_count);
	/* PHP read the body through stack buffers (SAPI's 16 KiB block, the form parser's) in frames
	 * that have returned since: below ours. */
	msp_secure_wipe_stack(MSP_STACK_WIPE_MAX);

	if (unusable != NULL) {
		throw_unusable_field(unusable);
		RETURN_THROWS();
	}
	if (card == NULL) {
		msp_throw_error(&refusal);
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
