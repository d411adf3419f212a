/* Msp\Exception and its family, and the one place where core error codes become exceptions. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"
#include "zend_enum.h"
#include "ext/spl/spl_exceptions.h"

#include "php_msp.h"
#include "redact.h"
#include "msp_php.h"
#include "card.h"
#include "notify.h"
#include "../../stubs/exceptions_arginfo.h"

zend_class_entry *msp_ce_Exception;
zend_class_entry *msp_ce_InvalidArgumentException;
zend_class_entry *msp_ce_CardException;
zend_class_entry *msp_ce_ApiException;
zend_class_entry *msp_ce_ApiUnavailableException;
zend_class_entry *msp_ce_ProtocolException;
zend_class_entry *msp_ce_OrderIdConflictException;
zend_class_entry *msp_ce_NetworkException;
zend_class_entry *msp_ce_SignatureException;
zend_class_entry *msp_ce_StateException;
zend_class_entry *msp_ce_SignatureError;

static zval *read_own_property(zend_class_entry *scope, zval *object, const char *name, size_t len)
{
	zval rv;
	return zend_read_property(scope, Z_OBJ_P(object), name, len, /* silent */ 1, &rv);
}

#define RETURN_OWN_PROPERTY(scope, name)                                                                     \
	do {                                                                                                     \
		ZEND_PARSE_PARAMETERS_NONE();                                                                        \
		zval *value_ = read_own_property(scope, ZEND_THIS, name, sizeof(name) - 1);                          \
		RETURN_COPY_DEREF(value_);                                                                           \
	} while (0)

PHP_METHOD(Msp_InvalidArgumentException, getField)
{
	RETURN_OWN_PROPERTY(msp_ce_InvalidArgumentException, "field");
}

/* Shared by CardException and SignatureException: message, a reason enum case, optional previous. */
static void construct_with_reason(
    INTERNAL_FUNCTION_PARAMETERS, zend_class_entry *scope, zend_class_entry *reason_ce)
{
	zend_string *message;
	zend_object *reason;
	zend_object *previous = NULL;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(message)
		Z_PARAM_OBJ_OF_CLASS(reason, reason_ce)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(previous, zend_ce_throwable)
	ZEND_PARSE_PARAMETERS_END();

	zend_update_property_str(
	    zend_ce_exception, Z_OBJ_P(ZEND_THIS), "message", sizeof("message") - 1, message);
	zval reason_zv;
	ZVAL_OBJ(&reason_zv, reason);
	zend_update_property(scope, Z_OBJ_P(ZEND_THIS), "reason", sizeof("reason") - 1, &reason_zv);
	if (previous != NULL) {
		zval previous_zv;
		ZVAL_OBJ(&previous_zv, previous);
		zend_update_property(
		    zend_ce_exception, Z_OBJ_P(ZEND_THIS), "previous", sizeof("previous") - 1, &previous_zv);
	}
}

PHP_METHOD(Msp_CardException, __construct)
{
	construct_with_reason(INTERNAL_FUNCTION_PARAM_PASSTHRU, msp_ce_CardException, msp_ce_CardError);
}

PHP_METHOD(Msp_CardException, getReason)
{
	RETURN_OWN_PROPERTY(msp_ce_CardException, "reason");
}

PHP_METHOD(Msp_ApiException, getErrorCode)
{
	RETURN_OWN_PROPERTY(msp_ce_ApiException, "errorCode");
}

PHP_METHOD(Msp_ApiException, getErrorInfo)
{
	RETURN_OWN_PROPERTY(msp_ce_ApiException, "errorInfo");
}

PHP_METHOD(Msp_ApiException, getHttpStatus)
{
	RETURN_OWN_PROPERTY(msp_ce_ApiException, "httpStatus");
}

PHP_METHOD(Msp_NetworkException, getCurlCode)
{
	RETURN_OWN_PROPERTY(msp_ce_NetworkException, "curlCode");
}

PHP_METHOD(Msp_NetworkException, isOutcomeUnknown)
{
	RETURN_OWN_PROPERTY(msp_ce_NetworkException, "outcomeUnknown");
}

PHP_METHOD(Msp_SignatureException, __construct)
{
	construct_with_reason(INTERNAL_FUNCTION_PARAM_PASSTHRU, msp_ce_SignatureException, msp_ce_SignatureError);
}

PHP_METHOD(Msp_SignatureException, getReason)
{
	RETURN_OWN_PROPERTY(msp_ce_SignatureException, "reason");
}

void msp_register_exceptions(void)
{
	msp_ce_Exception = register_class_Msp_Exception(zend_ce_throwable);
	msp_ce_InvalidArgumentException =
	    register_class_Msp_InvalidArgumentException(spl_ce_InvalidArgumentException, msp_ce_Exception);
	msp_ce_CardException = register_class_Msp_CardException(msp_ce_InvalidArgumentException);
	msp_ce_ApiException = register_class_Msp_ApiException(spl_ce_RuntimeException, msp_ce_Exception);
	msp_ce_ApiUnavailableException = register_class_Msp_ApiUnavailableException(msp_ce_ApiException);
	msp_ce_ProtocolException = register_class_Msp_ProtocolException(msp_ce_ApiException);
	msp_ce_OrderIdConflictException = register_class_Msp_OrderIdConflictException(msp_ce_ApiException);
	msp_ce_NetworkException = register_class_Msp_NetworkException(spl_ce_RuntimeException, msp_ce_Exception);
	msp_ce_SignatureException =
	    register_class_Msp_SignatureException(spl_ce_RuntimeException, msp_ce_Exception);
	msp_ce_StateException = register_class_Msp_StateException(spl_ce_RuntimeException, msp_ce_Exception);
	msp_ce_SignatureError = register_class_Msp_SignatureError();
}

zend_object *msp_enum_case_by_value(zend_class_entry *ce, const char *value)
{
	zend_object *found = NULL;
	zend_string *key = zend_string_init(value, strlen(value), 0);
	if (zend_enum_get_case_by_value(&found, ce, 0, key, /* try */ true) != SUCCESS) {
		found = NULL;
	}
	zend_string_release(key);
	return found;
}

/* The case name behind each cache slot's value, found once per process in the enum's table of
 * values, which for a class registered by an extension lives as long as the module. Each slot stands
 * for one value of a static table (see the slot ranges in msp_php.h; the value's address is checked
 * too), so a request then finds its case by that name alone: no request string to make, hash and
 * free, and one table instead of two. The same in every thread: a race writes the same pointers. */
static struct {
	const char *value;
	zend_string *name;
} case_names[MSP_ENUM_CACHE_SLOTS];

static zend_string *case_name_of(unsigned slot, zend_class_entry *ce, const char *value)
{
	/* The name is checked too: in a threaded build another thread may have written the value first. */
	if (case_names[slot].value != value || case_names[slot].name == NULL) {
		HashTable *values = CE_BACKED_ENUM_TABLE(ce);
		zval *name = values != NULL ? zend_hash_str_find(values, value, strlen(value)) : NULL;
		if (name == NULL || Z_TYPE_P(name) != IS_STRING) {
			return NULL;
		}
		case_names[slot].name = Z_STR_P(name);
		case_names[slot].value = value;
	}
	return case_names[slot].name;
}

zend_object *msp_cached_enum_case(unsigned slot, zend_class_entry *ce, const char *value)
{
	ZEND_ASSERT(slot < MSP_ENUM_CACHE_SLOTS);
	zend_object **cached = &MSP_G(enum_cases)[slot];
	if (*cached == NULL) {
		zend_string *name = ce->type == ZEND_INTERNAL_CLASS ? case_name_of(slot, ce, value) : NULL;
		*cached = name != NULL ? zend_enum_get_case(ce, name) : msp_enum_case_by_value(ce, value);
	}
	return *cached;
}

void msp_enum_cache_reset(void)
{
	memset(MSP_G(enum_cases), 0, sizeof(MSP_G(enum_cases)));
}

/* Creates the exception object with its message, which passes the redactor's generic rules (a shop
 * that put a card number into a field of its request never sees it echoed); properties are set by the
 * caller. Calls that know their secrets redact their messages with them first (client.c). */
static zend_object *throw_exception(zend_class_entry *ce, const char *message)
{
	char *redacted = msp_redact(message, strlen(message), 0);
	zend_object *ex = zend_throw_exception(ce, redacted ? redacted : "", 0);
	free(redacted);
	return ex;
}

static void set_reason(
    zend_object *exception, zend_class_entry *scope, zend_class_entry *reason_ce, const char *value)
{
	zend_object *reason = msp_enum_case_by_value(reason_ce, value);
	if (reason == NULL) {
		return;
	}
	zval zv;
	ZVAL_OBJ(&zv, reason);
	zend_update_property(scope, exception, "reason", sizeof("reason") - 1, &zv);
}

void msp_throw_invalid_argument(const char *field, const char *message)
{
	zend_object *ex = throw_exception(msp_ce_InvalidArgumentException, message);
	if (field != NULL && field[0] != '\0') {
		zend_update_property_string(msp_ce_InvalidArgumentException, ex, "field", sizeof("field") - 1, field);
	}
}

bool msp_php_without_nul_byte(const zend_string *value, const char *field)
{
	if (value == NULL || !zend_str_has_nul_byte(value)) {
		return true;
	}
	char message[64];
	snprintf(message, sizeof(message), "%s must not contain NUL bytes", field);
	msp_throw_invalid_argument(field, message);
	return false;
}

static void throw_card_error(const msp_error *err)
{
	zend_object *ex = throw_exception(msp_ce_CardException, err->message);
	set_reason(
	    ex, msp_ce_CardException, msp_ce_CardError, msp_card_reason_name((msp_card_reason)err->reason));
	if (err->field[0] != '\0') {
		zend_update_property_string(
		    msp_ce_InvalidArgumentException, ex, "field", sizeof("field") - 1, err->field);
	}
}

void msp_throw_error(const msp_error *err)
{
	zend_object *ex;
	switch (err->status) {
		case MSP_OK:
			return;
		case MSP_ERR_INVALID:
			msp_throw_invalid_argument(err->field, err->message);
			return;
		case MSP_ERR_CARD:
			throw_card_error(err);
			return;
		case MSP_ERR_NETWORK:
			ex = throw_exception(msp_ce_NetworkException, err->message);
			zend_update_property_long(
			    msp_ce_NetworkException, ex, "curlCode", sizeof("curlCode") - 1, err->reason);
			return;
		case MSP_ERR_API:
		case MSP_ERR_PARSE:
			ex = throw_exception(
			    err->status == MSP_ERR_PARSE ? msp_ce_ProtocolException : msp_ce_ApiException, err->message);
			zend_update_property_long(
			    msp_ce_ApiException, ex, "errorCode", sizeof("errorCode") - 1, err->reason);
			return;
		case MSP_ERR_SIGNATURE:
			ex = throw_exception(msp_ce_SignatureException, err->message);
			set_reason(
			    ex, msp_ce_SignatureException, msp_ce_SignatureError, msp_notify_reason_name(err->reason));
			return;
		case MSP_ERR_STATE:
			throw_exception(msp_ce_StateException, err->message);
			return;
		case MSP_ERR_NOMEM:
			zend_throw_error(NULL, "msp: out of memory: %s", err->message);
			return;
	}
	zend_throw_error(NULL, "msp: unexpected error: %s", err->message);
}
