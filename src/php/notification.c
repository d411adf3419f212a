/* Msp\Notification: verification of POST notifications (src/core/notify.c) before their JSON is
 * read, GET notifications fetched over the API, and reading the current request. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "SAPI.h"
#include "php_globals.h"
#include "php_streams.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"

#include <time.h>

#include "msp_php.h"
#include "client_object.h"
#include "notify.h"
#include "notification_object.h"
#include "order_object.h"
#include "response.h"
#include "../../stubs/notification_arginfo.h"

zend_class_entry *msp_ce_Notification;
static zend_object_handlers notification_handlers;

typedef struct {
	zval order; /* Msp\Order, or UNDEF until known */
	zend_object std;
} msp_notification_object;

static inline msp_notification_object *notification_from_obj(zend_object *obj)
{
	return (msp_notification_object *)((char *)obj - XtOffsetOf(msp_notification_object, std));
}

static zend_object *notification_create(zend_class_entry *ce)
{
	msp_notification_object *intern = zend_object_alloc(sizeof(msp_notification_object), ce);
	zend_object_std_init(&intern->std, ce);
	object_properties_init(&intern->std, ce);
	intern->std.handlers = &notification_handlers;
	ZVAL_UNDEF(&intern->order);
	return &intern->std;
}

static void notification_free(zend_object *object)
{
	zval_ptr_dtor(&notification_from_obj(object)->order);
	zend_object_std_dtor(object);
}

static HashTable *notification_get_gc(zend_object *object, zval **table, int *n)
{
	msp_notification_object *intern = notification_from_obj(object);
	*table = Z_ISUNDEF(intern->order) ? NULL : &intern->order;
	*n = Z_ISUNDEF(intern->order) ? 0 : 1;
	return zend_std_get_properties(object);
}

static void make_notification(
    zval *out, const char *order_id, zend_long timestamp, const char *method, msp_order *order)
{
	object_init_ex(out, msp_ce_Notification);
	zend_object *obj = Z_OBJ_P(out);
	zend_update_property_string(msp_ce_Notification, obj, "orderId", sizeof("orderId") - 1, order_id);
	zend_update_property_long(msp_ce_Notification, obj, "timestamp", sizeof("timestamp") - 1, timestamp);
	zend_update_property_string(msp_ce_Notification, obj, "method", sizeof("method") - 1, method);
	if (order != NULL) {
		msp_php_order_wrap(&notification_from_obj(obj)->order, order);
	}
}

void msp_php_notification_verify(const msp_secbuf *key, const char *body, size_t body_len, const char *auth,
    size_t auth_len, zend_long tolerance, int64_t now, zval *return_value)
{
	msp_error err;
	msp_error_clear(&err);
	int64_t timestamp = 0;
	if (msp_notify_verify(key->data, key->len, (const unsigned char *)body, body_len, auth, auth_len,
	        (long)tolerance, now, &timestamp, &err) != MSP_OK) {
		msp_throw_error(&err);
		return;
	}
	/* Only now, with the signature proven, is the body parsed. */
	msp_order *order = NULL;
	if (msp_order_parse(body, body_len, &order, &err) != MSP_OK || order->order_id == NULL) {
		msp_order_free(order);
		msp_throw_invalid_argument("body", "the notification is signed but its body is not an order object");
		return;
	}
	make_notification(return_value, order->order_id, (zend_long)timestamp, "POST", order);
}

/* $_SERVER / $_GET entries, made available first (they are JIT auto globals). */
static zval *request_global(int track, const char *global, const char *key)
{
	zend_is_auto_global_str((char *)global, strlen(global));
	zval *arr = &PG(http_globals)[track];
	if (Z_TYPE_P(arr) != IS_ARRAY) {
		return NULL;
	}
	zval *value = zend_hash_str_find_deref(Z_ARRVAL_P(arr), key, strlen(key));
	return value != NULL && Z_TYPE_P(value) == IS_STRING ? value : NULL;
}

static zend_string *read_request_body(void)
{
	php_stream *stream = php_stream_open_wrapper_ex("php://input", "rb", 0, NULL, NULL);
	if (stream == NULL) {
		return NULL;
	}
	zend_string *body = php_stream_copy_to_mem(stream, PHP_STREAM_COPY_ALL, 0);
	php_stream_close(stream);
	return body;
}

void msp_php_notification_from_request(const msp_secbuf *key, zend_long tolerance, zval *return_value)
{
	zval *payload_type = request_global(TRACK_VARS_GET, "_GET", "payload_type");
	if (payload_type != NULL && zend_string_equals_literal(Z_STR_P(payload_type), "pretransaction")) {
		RETURN_NULL(); /* shops ignore these (api.md §6) */
	}
	const char *method = SG(request_info).request_method;
	if (method != NULL && strcmp(method, "POST") == 0) {
		zval *auth = request_global(TRACK_VARS_SERVER, "_SERVER", "HTTP_AUTH");
		zend_string *body = read_request_body();
		msp_php_notification_verify(key, body ? ZSTR_VAL(body) : "", body ? ZSTR_LEN(body) : 0,
		    auth ? Z_STRVAL_P(auth) : "", auth ? Z_STRLEN_P(auth) : 0, tolerance, (int64_t)time(NULL),
		    return_value);
		if (body) {
			zend_string_release(body);
		}
		return;
	}
	zval *order_id = request_global(TRACK_VARS_GET, "_GET", "transactionid");
	zval *timestamp = request_global(TRACK_VARS_GET, "_GET", "timestamp");
	if (order_id == NULL || Z_STRLEN_P(order_id) == 0) {
		msp_throw_invalid_argument(
		    "transactionid", "the request is not a MultiSafepay notification: no transactionid");
		return;
	}
	if (!msp_php_without_nul_byte(Z_STR_P(order_id), "transactionid")) {
		return; /* it would name another order once cut short */
	}
	make_notification(return_value, Z_STRVAL_P(order_id),
	    timestamp ? ZEND_STRTOL(Z_STRVAL_P(timestamp), NULL, 10) : 0, "GET", NULL);
}

PHP_METHOD(Msp_Notification, order)
{
	ZEND_PARSE_PARAMETERS_NONE();
	msp_notification_object *intern = notification_from_obj(Z_OBJ_P(ZEND_THIS));
	if (Z_ISUNDEF(intern->order)) {
		RETURN_NULL();
	}
	RETURN_COPY(&intern->order);
}

PHP_METHOD(Msp_Notification, fetchOrder)
{
	zend_object *client;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJ_OF_CLASS(client, msp_ce_Client)
	ZEND_PARSE_PARAMETERS_END();
	msp_notification_object *intern = notification_from_obj(Z_OBJ_P(ZEND_THIS));
	if (Z_ISUNDEF(intern->order)) {
		zval rv, *order_id = zend_read_property(
		             msp_ce_Notification, Z_OBJ_P(ZEND_THIS), "orderId", sizeof("orderId") - 1, 1, &rv);
		zend_call_method_with_1_params(client, msp_ce_Client, NULL, "getorder", &intern->order, order_id);
		if (EG(exception)) {
			zval_ptr_dtor(&intern->order);
			ZVAL_UNDEF(&intern->order);
			RETURN_THROWS();
		}
	}
	RETURN_COPY(&intern->order);
}

PHP_METHOD(Msp_Notification, eventId)
{
	ZEND_PARSE_PARAMETERS_NONE();
	msp_notification_object *intern = notification_from_obj(Z_OBJ_P(ZEND_THIS));
	if (Z_ISUNDEF(intern->order)) {
		zend_throw_exception(msp_ce_StateException,
		    "a GET notification carries no order: call fetchOrder() before eventId()", 0);
		RETURN_THROWS();
	}
	char id[65];
	msp_error err;
	msp_error_clear(&err);
	if (msp_order_event_id(msp_php_order(Z_OBJ(intern->order)), id, &err) != MSP_OK) {
		msp_throw_error(&err);
		RETURN_THROWS();
	}
	RETURN_STRINGL(id, 64);
}

PHP_METHOD(Msp_Notification, respondOk)
{
	ZEND_PARSE_PARAMETERS_NONE();
	if (!SG(headers_sent)) {
		SG(sapi_headers).http_response_code = 200;
		sapi_header_line line = {0};
		line.line = "Content-Type: text/plain; charset=utf-8";
		line.line_len = strlen(line.line);
		sapi_header_op(SAPI_HEADER_REPLACE, &line);
	}
	PHPWRITE("OK", 2);
}

PHP_METHOD(Msp_Notification, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

void msp_register_notification(void)
{
	msp_ce_Notification = register_class_Msp_Notification();
	msp_ce_Notification->create_object = notification_create;
	memcpy(&notification_handlers, &std_object_handlers, sizeof(zend_object_handlers));
	notification_handlers.offset = XtOffsetOf(msp_notification_object, std);
	notification_handlers.free_obj = notification_free;
	notification_handlers.clone_obj = NULL;
	notification_handlers.get_gc = notification_get_gc;
}
