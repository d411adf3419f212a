/* Msp\Client: options, the per-worker connection pool, and the API calls. The rules (validation,
 * retries, what to do when a POST's outcome is unknown) live in src/core; this file converts and
 * throws. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_attributes.h"
#include "ext/standard/php_var.h"

#include <time.h>

#include "php_msp.h"
#include "msp_php.h"
#include "http.h"
#include "secmem.h"
#include "client_object.h"
#include "api.h"
#include "order_object.h"
#include "notification_object.h"
#include "../../stubs/client_arginfo.h"

zend_class_entry *msp_ce_Client;
static zend_object_handlers client_handlers;

static inline msp_client_object *client_from_obj(zend_object *obj)
{
	return (msp_client_object *)((char *)obj - XtOffsetOf(msp_client_object, std));
}

#define Z_MSP_CLIENT_P(zv) client_from_obj(Z_OBJ_P(zv))

/* The worker's pool, made on first use so msp.pool_size is read after INI parsing. */
msp_http_pool *msp_worker_pool(void)
{
	if (MSP_G(pool) == NULL) {
		zend_long size = MSP_G(pool_size);
		MSP_G(pool) = msp_http_pool_new(size < 0 ? 0 : (size_t)size);
	}
	return MSP_G(pool);
}

static zend_object *client_create(zend_class_entry *ce)
{
	msp_client_object *intern = zend_object_alloc(sizeof(msp_client_object), ce);
	zend_object_std_init(&intern->std, ce);
	object_properties_init(&intern->std, ce);
	intern->std.handlers = &client_handlers;
	ZVAL_UNDEF(&intern->logger);
	msp_http_config_init(&intern->config);
	return &intern->std;
}

static void client_free(zend_object *object)
{
	msp_client_object *intern = client_from_obj(object);
	msp_secbuf_free(intern->api_key);
	msp_secure_wipe(intern->config.key_digest, sizeof(intern->config.key_digest));
	if (intern->base_url) {
		zend_string_release(intern->base_url);
	}
	if (intern->ca_file) {
		zend_string_release(intern->ca_file);
	}
	if (intern->user_agent) {
		zend_string_release(intern->user_agent);
	}
	if (intern->locale) {
		zend_string_release(intern->locale);
	}
	zval_ptr_dtor(&intern->logger);
	zend_object_std_dtor(object);
}

static HashTable *client_get_gc(zend_object *object, zval **table, int *n)
{
	msp_client_object *intern = client_from_obj(object);
	*table = Z_ISUNDEF(intern->logger) ? NULL : &intern->logger;
	*n = Z_ISUNDEF(intern->logger) ? 0 : 1;
	return zend_std_get_properties(object);
}

/* Dumps show where the client talks to, never the key; get_object_vars() gets [] on every PHP
 * version. */
static HashTable *client_properties_for(zend_object *object, zend_prop_purpose purpose)
{
	if (msp_props_for_object_vars(purpose)) {
		return zend_std_get_properties_for(object, purpose);
	}
	msp_client_object *intern = client_from_obj(object);
	HashTable *props = zend_new_array(4);
	zval zv;
	ZVAL_STRING(&zv, intern->config.live ? "live" : "test");
	zend_hash_str_update(props, "environment", sizeof("environment") - 1, &zv);
	if (intern->config.base_url) {
		ZVAL_STRING(&zv, intern->config.base_url);
		zend_hash_str_update(props, "base_url", sizeof("base_url") - 1, &zv);
	}
	ZVAL_BOOL(&zv, intern->persistent);
	zend_hash_str_update(props, "persistent", sizeof("persistent") - 1, &zv);
	return props;
}

/* ---- options ---- */

static bool option_string(zval *value, const char *name, zend_string **out)
{
	if (Z_TYPE_P(value) != IS_STRING) {
		zend_type_error(
		    "Msp\\Client option \"%s\" must be of type string, %s given", name, zend_zval_type_name(value));
		return false;
	}
	if (!msp_php_without_nul_byte(Z_STR_P(value), name)) {
		return false;
	}
	if (*out) {
		zend_string_release(*out);
	}
	*out = zend_string_copy(Z_STR_P(value));
	return true;
}

static bool option_bool(zval *value, const char *name, bool *out)
{
	if (Z_TYPE_P(value) != IS_TRUE && Z_TYPE_P(value) != IS_FALSE) {
		zend_type_error(
		    "Msp\\Client option \"%s\" must be of type bool, %s given", name, zend_zval_type_name(value));
		return false;
	}
	*out = Z_TYPE_P(value) == IS_TRUE;
	return true;
}

/* Seconds as int or float, converted to milliseconds; the core refuses 0 (never infinite). */
static bool option_seconds(zval *value, const char *name, long *out_ms)
{
	double seconds;
	if (Z_TYPE_P(value) == IS_LONG) {
		seconds = (double)Z_LVAL_P(value);
	} else if (Z_TYPE_P(value) == IS_DOUBLE) {
		seconds = Z_DVAL_P(value);
	} else {
		zend_type_error("Msp\\Client option \"%s\" must be of type int|float, %s given", name,
		    zend_zval_type_name(value));
		return false;
	}
	if (!(seconds > 0) || seconds > 3600) {
		msp_throw_invalid_argument(name, "timeouts must be more than 0 and at most 3600 seconds");
		return false;
	}
	*out_ms = (long)(seconds * 1000.0 + 0.5);
	if (*out_ms < 1) {
		*out_ms = 1;
	}
	return true;
}

static bool option_environment(msp_client_object *intern, zval *value)
{
	zend_string *env = NULL;
	if (!option_string(value, "environment", &env)) {
		return false;
	}
	bool ok = true;
	if (zend_string_equals_literal(env, "live")) {
		intern->config.live = true;
	} else if (zend_string_equals_literal(env, "test")) {
		intern->config.live = false;
	} else {
		msp_throw_invalid_argument(
		    "environment", "Msp\\Client option \"environment\" must be \"test\" or \"live\"");
		ok = false;
	}
	zend_string_release(env);
	return ok;
}

static bool option_logger(msp_client_object *intern, zval *value)
{
	if (!zend_is_callable(value, 0, NULL)) {
		zend_type_error("Msp\\Client option \"logger\" must be a valid callback");
		return false;
	}
	zval_ptr_dtor(&intern->logger);
	ZVAL_COPY(&intern->logger, value);
	return true;
}

static bool option_retries(msp_client_object *intern, zval *value)
{
	if (Z_TYPE_P(value) != IS_LONG) {
		zend_type_error(
		    "Msp\\Client option \"retries\" must be of type int, %s given", zend_zval_type_name(value));
		return false;
	}
	if (Z_LVAL_P(value) < 1 || Z_LVAL_P(value) > 5) {
		msp_throw_invalid_argument("retries", "Msp\\Client option \"retries\" must be 1 to 5 attempts");
		return false;
	}
	intern->config.retry.max_attempts = (unsigned)Z_LVAL_P(value);
	return true;
}

static bool apply_option(msp_client_object *intern, zend_string *name, zval *value)
{
	ZVAL_DEREF(value);
	if (zend_string_equals_literal(name, "environment")) {
		return option_environment(intern, value);
	} else if (zend_string_equals_literal(name, "base_url")) {
		return option_string(value, "base_url", &intern->base_url);
	} else if (zend_string_equals_literal(name, "timeout")) {
		return option_seconds(value, "timeout", &intern->config.timeout_ms);
	} else if (zend_string_equals_literal(name, "connect_timeout")) {
		return option_seconds(value, "connect_timeout", &intern->config.connect_timeout_ms);
	} else if (zend_string_equals_literal(name, "ca_file")) {
		return option_string(value, "ca_file", &intern->ca_file);
	} else if (zend_string_equals_literal(name, "verify_tls")) {
		return option_bool(value, "verify_tls", &intern->config.verify_tls);
	} else if (zend_string_equals_literal(name, "persistent")) {
		return option_bool(value, "persistent", &intern->persistent);
	} else if (zend_string_equals_literal(name, "locale")) {
		return option_string(value, "locale", &intern->locale);
	} else if (zend_string_equals_literal(name, "user_agent")) {
		return option_string(value, "user_agent", &intern->user_agent);
	} else if (zend_string_equals_literal(name, "logger")) {
		return option_logger(intern, value);
	} else if (zend_string_equals_literal(name, "retries")) {
		return option_retries(intern, value);
	}
	zend_string *message = zend_strpprintf(0,
	    "unknown Msp\\Client option \"%s\" (known: environment, base_url, timeout, connect_timeout, "
	    "ca_file, verify_tls, persistent, locale, user_agent, logger, retries)",
	    ZSTR_VAL(name));
	msp_throw_invalid_argument("options", ZSTR_VAL(message));
	zend_string_release(message);
	return false;
}

/* A base URL without its trailing slash gets one, so "http://127.0.0.1:8080/v1/json" works too. */
static void normalise_base_url(msp_client_object *intern)
{
	if (intern->base_url && ZSTR_LEN(intern->base_url) > 0 &&
	    ZSTR_VAL(intern->base_url)[ZSTR_LEN(intern->base_url) - 1] != '/') {
		zend_string *with_slash =
		    zend_string_concat2(ZSTR_VAL(intern->base_url), ZSTR_LEN(intern->base_url), "/", 1);
		zend_string_release(intern->base_url);
		intern->base_url = with_slash;
	}
}

#define MSP_USER_AGENT "msp/" PHP_MSP_VERSION

/* The user agent of Clients without the option, made once per process (an interned string, which
 * a release leaves alone). */
static zend_string *default_user_agent;

/* "msp/0.1.0" followed by the shop's own product token. */
static void compose_user_agent(msp_client_object *intern)
{
	if (intern->user_agent && ZSTR_LEN(intern->user_agent) > 0) {
		zend_string *ua = zend_string_concat3(MSP_USER_AGENT, sizeof(MSP_USER_AGENT) - 1, " ", 1,
		    ZSTR_VAL(intern->user_agent), ZSTR_LEN(intern->user_agent));
		zend_string_release(intern->user_agent);
		intern->user_agent = ua;
		return;
	}
	if (intern->user_agent) {
		zend_string_release(intern->user_agent);
	}
	intern->user_agent = default_user_agent;
}

static bool ca_file_readable(msp_client_object *intern)
{
	if (intern->ca_file == NULL) {
		return true;
	}
	if (ZSTR_LEN(intern->ca_file) == 0 || zend_str_has_nul_byte(intern->ca_file) ||
	    VCWD_ACCESS(ZSTR_VAL(intern->ca_file), R_OK) != 0) {
		msp_throw_invalid_argument("ca_file", "Msp\\Client option \"ca_file\" must name a readable PEM file");
		return false;
	}
	return true;
}

PHP_METHOD(Msp_Client, __construct)
{
	zend_string *api_key;
	HashTable *options = NULL;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(api_key)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	msp_client_object *intern = Z_MSP_CLIENT_P(ZEND_THIS);
	if (intern->api_key != NULL) {
		zend_throw_error(NULL, "Msp\\Client is immutable and cannot be constructed twice");
		RETURN_THROWS();
	}
	intern->persistent = true;
	intern->config.timeout_ms = MSP_G(default_timeout_ms);
	intern->config.connect_timeout_ms = MSP_G(default_connect_timeout_ms);

	if (options) {
		zend_string *name;
		zval *value;
		ZEND_HASH_FOREACH_STR_KEY_VAL(options, name, value)
		{
			if (name == NULL) {
				msp_throw_invalid_argument(
				    "options", "Msp\\Client options must be an array keyed by option name");
				RETURN_THROWS();
			}
			if (!apply_option(intern, name, value)) {
				RETURN_THROWS();
			}
		}
		ZEND_HASH_FOREACH_END();
	}
	if (!ca_file_readable(intern)) {
		RETURN_THROWS();
	}
	normalise_base_url(intern);
	compose_user_agent(intern);

	intern->api_key = msp_secbuf_from(ZSTR_VAL(api_key), ZSTR_LEN(api_key));
	if (intern->api_key == NULL) {
		zend_throw_error(NULL, "msp: cannot allocate secure memory for the API key");
		RETURN_THROWS();
	}
	intern->config.api_key = intern->api_key;
	intern->config.base_url = intern->base_url ? ZSTR_VAL(intern->base_url) : NULL;
	intern->config.ca_file = intern->ca_file ? ZSTR_VAL(intern->ca_file) : NULL;
	intern->config.user_agent = ZSTR_VAL(intern->user_agent);
	intern->config.locale = intern->locale ? ZSTR_VAL(intern->locale) : NULL;

	msp_error err;
	msp_error_clear(&err);
	if (msp_http_config_prepare(&intern->config, &err) != MSP_OK) {
		/* Leave the object unusable: a half-configured client must not send anything. */
		msp_secbuf_free(intern->api_key);
		intern->api_key = NULL;
		intern->config.api_key = NULL;
		msp_throw_error(&err);
		RETURN_THROWS();
	}
}

msp_client_object *msp_client_checked(zval *this_zv)
{
	msp_client_object *intern = Z_MSP_CLIENT_P(this_zv);
	if (intern->api_key == NULL) {
		zend_throw_error(NULL, "Msp\\Client object is not initialized");
		return NULL;
	}
	return intern;
}

/* ---- calls ---- */

/* One logged HTTP attempt, kept until the call returns: the PHP logger is never called from inside
 * libcurl, so a logger that throws or bails out cannot leave a transfer half done. The path is a copy
 * of its own: the event array grows while a batch runs, so nothing may point into it. */
typedef struct {
	msp_http_event event;
	char *path;
} logged_event;

typedef struct {
	logged_event *events;
	size_t count;
	size_t cap;
	bool failed;                  /* an event could not be kept (out of memory) */
	char *request_body;           /* redacted */
	char *response_body;          /* redacted */
	const msp_redactor *redactor; /* the call's secrets, for the paths and the logger's warning */
} call_log;

static void log_event(void *ctx, const msp_http_event *ev)
{
	call_log *log = ctx;
	if (log->count == log->cap) {
		size_t cap = log->cap ? log->cap * 2 : 4;
		logged_event *grown = realloc(log->events, cap * sizeof(*grown));
		if (grown == NULL) {
			log->failed = true;
			return;
		}
		log->events = grown;
		log->cap = cap;
	}
	char *path = strdup(ev->path ? ev->path : "");
	if (path == NULL) {
		log->failed = true;
		return;
	}
	logged_event *slot = &log->events[log->count++];
	slot->event = *ev;
	slot->event.path = NULL;
	slot->path = path;
}

static void log_bodies(void *ctx, const char *request, const char *response)
{
	call_log *log = ctx;
	free(log->request_body);
	free(log->response_body);
	log->request_body = request ? strdup(request) : NULL;
	log->response_body = response ? strdup(response) : NULL;
}

static void call_log_free(call_log *log)
{
	for (size_t i = 0; i < log->count; i++) {
		free(log->events[i].path);
	}
	free(log->events);
	free(log->request_body);
	free(log->response_body);
	memset(log, 0, sizeof(*log));
}

static void add_optional_string(zval *array, const char *key, const char *value)
{
	if (value) {
		add_assoc_string(array, key, value);
	} else {
		add_assoc_null(array, key);
	}
}

static void logged_event_array(zval *event, const logged_event *logged, const call_log *log, bool last)
{
	const msp_http_event *ev = &logged->event;
	array_init(event);
	add_assoc_string(event, "method", ev->method_name);
	char *path = msp_redactor_apply(log->redactor, logged->path, strlen(logged->path), 0);
	add_assoc_string(event, "path", path ? path : "");
	free(path);
	add_assoc_long(event, "http_status", ev->http_status);
	add_assoc_long(event, "duration_us", (zend_long)ev->duration_us);
	add_assoc_long(event, "attempt", ev->attempt);
	add_assoc_bool(event, "connection_reused", ev->connection_reused);
	add_assoc_long(event, "curl_code", ev->curl_code);
	add_optional_string(event, "request_body", log->request_body);
	add_optional_string(event, "response_body", last ? log->response_body : NULL);
}

/* The logger threw: its exception must not replace the call's outcome (an order MultiSafepay already
 * paid would look failed, and the shop would charge again). It becomes one warning that names the
 * logger; an error handler that turns that warning into an exception is not allowed to win either. */
static void report_logger_failure(msp_client_object *intern, const msp_redactor *redactor)
{
	zend_object *thrown = EG(exception);
	GC_ADDREF(thrown);
	zend_clear_exception();
	MSP_G(logger_errors)++;
	zend_string *name = zend_get_callable_name(&intern->logger);
	zval rv;
	zval *message = zend_read_property_ex(thrown->ce, thrown, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
	char *text = Z_TYPE_P(message) == IS_STRING
	                 ? msp_redactor_apply(redactor, Z_STRVAL_P(message), Z_STRLEN_P(message), 200)
	                 : NULL;
	php_error_docref(NULL, E_WARNING,
	    "the Msp\\Client logger %s threw %s (%s); the call's outcome is not affected and the rest of its "
	    "events were not logged",
	    ZSTR_VAL(name), ZSTR_VAL(thrown->ce->name), text ? text : "no message");
	free(text);
	zend_string_release(name);
	OBJ_RELEASE(thrown);
	if (EG(exception)) {
		zend_clear_exception();
	}
}

/* Hands the collected events to the logger, one array per HTTP attempt; bodies are redacted. A fatal
 * error or exit() in the logger still frees the log before the engine unwinds. */
static void flush_log(msp_client_object *intern, call_log *log)
{
	volatile bool bailed_out = false;
	zend_try
	{
		for (size_t i = 0; i < log->count && !Z_ISUNDEF(intern->logger); i++) {
			zval event, retval;
			logged_event_array(&event, &log->events[i], log, i + 1 == log->count);
			ZVAL_UNDEF(&retval);
			call_user_function(NULL, NULL, &intern->logger, &retval, 1, &event);
			zval_ptr_dtor(&retval);
			zval_ptr_dtor(&event);
			if (EG(exception)) {
				report_logger_failure(intern, log->redactor);
				break;
			}
		}
	}
	zend_catch
	{
		bailed_out = true;
	}
	zend_end_try();
	call_log_free(log);
	if (bailed_out) {
		zend_bailout();
	}
}

/* The API handle for one call: the worker's pool unless the client is not persistent; the call's
 * timeout budget starts now. */
static void api_for(msp_client_object *intern, msp_api *api, call_log *log, const msp_redactor *redactor)
{
	memset(log, 0, sizeof(*log));
	log->redactor = redactor;
	api->redactor = redactor;
	api->pool = intern->persistent ? msp_worker_pool() : NULL;
	intern->config.on_event = Z_ISUNDEF(intern->logger) ? NULL : log_event;
	intern->config.event_ctx = log;
	api->config = &intern->config;
	api->on_bodies = Z_ISUNDEF(intern->logger) ? NULL : log_bodies;
	api->bodies_ctx = log;
	api->stats = &MSP_G(api_stats);
	msp_api_begin(api);
}

/* Builds the exception for a failed call: typed by what failed, carrying the API's details. */
/* A text of the call as it may leave msp: without the call's card data or key. Never NULL. */
static zend_string *redacted_text(const msp_redactor *redactor, const char *text)
{
	char *redacted = msp_redactor_apply(redactor, text, strlen(text), 0);
	zend_string *out = zend_string_init(redacted ? redacted : "", redacted ? strlen(redacted) : 0, 0);
	free(redacted);
	return out;
}

static zend_object *throw_redacted(zend_class_entry *ce, const msp_redactor *redactor, const char *message)
{
	zend_string *text = redacted_text(redactor, message);
	zend_object *ex = zend_throw_exception(ce, ZSTR_VAL(text), 0);
	zend_string_release(text);
	return ex;
}

/* Builds the exception for a failed call: typed by what failed, carrying the API's details; the
 * message and the error info pass the call's redactor (MultiSafepay may echo what it was sent). */
static zend_object *failure_exception(
    const msp_error *err, const msp_call_failure *failure, const msp_redactor *redactor)
{
	zend_object *ex;
	if (err->status == MSP_ERR_NETWORK || failure->outcome_unknown) {
		ex = throw_redacted(msp_ce_NetworkException, redactor, err->message);
		zend_update_property_long(
		    msp_ce_NetworkException, ex, "curlCode", sizeof("curlCode") - 1, failure->curl_code);
		zend_update_property_bool(msp_ce_NetworkException, ex, "outcomeUnknown", sizeof("outcomeUnknown") - 1,
		    failure->outcome_unknown);
		return ex;
	}
	if (err->status == MSP_ERR_API || err->status == MSP_ERR_PARSE) {
		zend_class_entry *ce = msp_ce_ApiException;
		if (failure->order_id_conflict) {
			ce = msp_ce_OrderIdConflictException;
		} else if (err->status == MSP_ERR_PARSE) {
			ce = msp_ce_ProtocolException;
		} else if (failure->api.unavailable) {
			ce = msp_ce_ApiUnavailableException;
		}
		ex = throw_redacted(ce, redactor, err->message);
		zend_update_property_long(
		    msp_ce_ApiException, ex, "errorCode", sizeof("errorCode") - 1, failure->api.error_code);
		zend_string *info = redacted_text(redactor, failure->api.info);
		zend_update_property_str(msp_ce_ApiException, ex, "errorInfo", sizeof("errorInfo") - 1, info);
		zend_string_release(info);
		zend_update_property_long(
		    msp_ce_ApiException, ex, "httpStatus", sizeof("httpStatus") - 1, failure->api.http_status);
		return ex;
	}
	msp_throw_error(err);
	return EG(exception);
}

void msp_client_throw_failure(const msp_error *err, const msp_call_failure *failure)
{
	failure_exception(err, failure, NULL);
}

/* Runs the logger after a call, then throws the call's own exception when it failed: the logger
 * cannot change the outcome. True when the call failed. */
static bool finish_call(msp_client_object *intern, call_log *log, msp_status status, const msp_error *err,
    const msp_call_failure *failure)
{
	intern->config.on_event = NULL;
	intern->config.event_ctx = NULL;
	const msp_redactor *redactor = log->redactor; /* flush_log empties the log */
	flush_log(intern, log);
	if (status != MSP_OK) {
		failure_exception(err, failure, redactor);
	}
	return status != MSP_OK;
}

/* The call context of one PHP method: several API calls, one logger flush at the end. */
typedef struct {
	msp_client_object *intern;
	msp_api api;
	call_log log;
	msp_call_failure failure;
	msp_error err;
	msp_redactor redactor; /* the Client's key; createOrder adds the card */
} call_ctx;

static bool begin_call(call_ctx *ctx, zval *this_zv)
{
	/* Field by field, not one memset(): the error and failure texts are 1.5 KiB, and they are read
	 * only up to their NUL. */
	memset(&ctx->api, 0, sizeof(ctx->api));
	memset(&ctx->log, 0, sizeof(ctx->log));
	msp_call_failure_clear(&ctx->failure);
	msp_error_clear(&ctx->err);
	msp_redactor_init(&ctx->redactor);
	ctx->intern = msp_client_checked(this_zv);
	if (ctx->intern == NULL) {
		return false;
	}
	msp_redactor_add_key(&ctx->redactor, ctx->intern->api_key);
	api_for(ctx->intern, &ctx->api, &ctx->log, &ctx->redactor);
	return true;
}

/* Ends the call; true when it threw (the call failed or the logger threw). */
static bool end_call(call_ctx *ctx, msp_status status)
{
	return finish_call(ctx->intern, &ctx->log, status, &ctx->err, &ctx->failure);
}

/* Ends a call that produced an order: the Msp\Order in return_value, or the exception. */
static void return_order(call_ctx *ctx, msp_status status, msp_order *order, zval *return_value)
{
	if (status == MSP_OK) {
		msp_php_order_wrap(return_value, order); /* owned by PHP before any user code runs */
	}
	end_call(ctx, status);
}

PHP_METHOD(Msp_Client, createOrder)
{
	zend_object *request;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJ_OF_CLASS(request, msp_ce_OrderRequest)
	ZEND_PARSE_PARAMETERS_END();
	const msp_order_request *req = msp_php_order_request(request);
	if (req == NULL) {
		zend_throw_error(NULL, "Msp\\OrderRequest object is not initialized");
		RETURN_THROWS();
	}
	call_ctx ctx;
	if (!begin_call(&ctx, ZEND_THIS)) {
		RETURN_THROWS();
	}
	const msp_card *card = msp_order_request_card(req);
	if (card != NULL) {
		msp_redactor_add_card(&ctx.redactor, card); /* this card's number and CVC never leave in a text */
	}
	msp_order *order = NULL;
	msp_status status = msp_api_create_order(&ctx.api, req, time(NULL), &order, &ctx.failure, &ctx.err);
	/* libcurl and OpenSSL handled the body (the card number and CVC) in frames below this one: clear
	 * that stack before any user code (the logger) runs. */
	msp_secure_wipe_stack(MSP_STACK_WIPE_MAX);
	return_order(&ctx, status, order, return_value);
}

PHP_METHOD(Msp_Client, getOrder)
{
	zend_string *order_id;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(order_id)
	ZEND_PARSE_PARAMETERS_END();
	if (!msp_php_without_nul_byte(order_id, "order_id")) {
		RETURN_THROWS();
	}
	call_ctx ctx;
	if (!begin_call(&ctx, ZEND_THIS)) {
		RETURN_THROWS();
	}
	msp_order *order = NULL;
	msp_status status =
	    msp_api_get_order(&ctx.api, ZSTR_VAL(order_id), ZSTR_LEN(order_id), &order, &ctx.failure, &ctx.err);
	return_order(&ctx, status, order, return_value);
}

/* Checks that every id is a string before anything is sent, and keeps each id once (*kept of them):
 * the result is keyed by id, so a second copy would only fetch the same order again. */
static bool collect_ids(HashTable *ids, const char **out, size_t *lens, size_t *kept)
{
	HashTable seen;
	zend_hash_init(&seen, zend_hash_num_elements(ids), NULL, NULL, 0);
	bool ok = true;
	size_t i = 0;
	zval *id;
	ZEND_HASH_FOREACH_VAL(ids, id)
	{
		ZVAL_DEREF(id);
		if (Z_TYPE_P(id) != IS_STRING) {
			zend_argument_type_error(1, "must contain only strings, %s given", zend_zval_type_name(id));
			ok = false;
			break;
		}
		if (!msp_php_without_nul_byte(Z_STR_P(id), "order_id")) {
			ok = false;
			break;
		}
		if (zend_hash_add_empty_element(&seen, Z_STR_P(id)) == NULL) {
			continue; /* already in the batch */
		}
		out[i] = Z_STRVAL_P(id);
		lens[i++] = Z_STRLEN_P(id);
	}
	ZEND_HASH_FOREACH_END();
	zend_hash_destroy(&seen);
	*kept = i;
	return ok;
}

/* Puts one id's outcome into the result array: the Order, or the exception it would have thrown. */
static void add_batch_result(zval *result, const char *id, size_t id_len, msp_order *order,
    const msp_error *err, const msp_call_failure *failure, const msp_redactor *redactor)
{
	zval value;
	if (order != NULL) {
		msp_php_order_wrap(&value, order);
	} else {
		zend_object *ex = failure_exception(err, failure, redactor);
		GC_ADDREF(ex);
		zend_clear_exception();
		ZVAL_OBJ(&value, ex);
	}
	zend_symtable_str_update(Z_ARRVAL_P(result), id, id_len, &value);
}

PHP_METHOD(Msp_Client, getOrders)
{
	HashTable *ids;
	zend_long concurrency = MSP_HTTP_DEFAULT_CONCURRENCY;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ARRAY_HT(ids)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(concurrency)
	ZEND_PARSE_PARAMETERS_END();
	msp_client_object *intern = msp_client_checked(ZEND_THIS);
	if (intern == NULL) {
		RETURN_THROWS();
	}
	if (concurrency < 1 || concurrency > 64) {
		msp_throw_invalid_argument("concurrency", "getOrders() concurrency must be 1 to 64");
		RETURN_THROWS();
	}
	size_t n = zend_hash_num_elements(ids);
	const char **id_list = ecalloc(n ? n : 1, sizeof(*id_list));
	size_t *lens = ecalloc(n ? n : 1, sizeof(*lens));
	msp_order **orders = ecalloc(n ? n : 1, sizeof(*orders));
	msp_error *errors = ecalloc(n ? n : 1, sizeof(*errors));
	msp_call_failure *failures = ecalloc(n ? n : 1, sizeof(*failures));
	size_t kept = 0;
	bool collected = collect_ids(ids, id_list, lens, &kept);
	n = kept; /* what the arrays hold from here on, also for the clean-up */
	if (!collected) {
		goto done;
	}
	msp_api api;
	call_log log;
	msp_error err;
	msp_call_failure none;
	memset(&none, 0, sizeof(none));
	msp_error_clear(&err);
	msp_redactor redactor;
	msp_redactor_init(&redactor);
	msp_redactor_add_key(&redactor, intern->api_key);
	api_for(intern, &api, &log, &redactor);
	msp_status status =
	    msp_api_get_orders(&api, id_list, lens, n, (size_t)concurrency, orders, errors, failures, &err);
	if (status == MSP_OK) {
		/* The results are PHP's before the logger runs, so that nothing leaks if it bails out. */
		array_init_size(return_value, (uint32_t)n);
		for (size_t i = 0; i < n; i++) {
			add_batch_result(
			    return_value, id_list[i], lens[i], orders[i], &errors[i], &failures[i], &redactor);
			orders[i] = NULL;
		}
	}
	finish_call(intern, &log, status, &err, &none);
done:
	for (size_t i = 0; i < n; i++) {
		msp_order_free(orders[i]);
	}
	efree(id_list);
	efree(lens);
	efree(orders);
	efree(errors);
	efree(failures);
}

/* ---- refunds, capture, cancellation ---- */

/* The order behind an Order|string argument: the given Order, or one fetched now (owned by *fetched). */
static msp_status order_of_argument(call_ctx *ctx, zend_object *order_obj, zend_string *order_id,
    const msp_order **order, msp_order **fetched)
{
	*fetched = NULL;
	if (order_obj != NULL) {
		*order = msp_php_order(order_obj);
		if (*order == NULL) {
			return msp_error_set(&ctx->err, MSP_ERR_INVALID, 0, "the Msp\\Order is not initialized");
		}
		return MSP_OK;
	}
	msp_status status = msp_api_get_order(
	    &ctx->api, ZSTR_VAL(order_id), ZSTR_LEN(order_id), fetched, &ctx->failure, &ctx->err);
	*order = *fetched;
	return status;
}

/* The Refund's readonly properties, written straight into their slots of the new object (as
 * Msp\Order's are): by name, each write was a hash look-up plus the engine's write checks. */
typedef enum {
	REFUND_ORDER_ID,
	REFUND_REFUND_ID,
	REFUND_TRANSACTION_ID,
	REFUND_AMOUNT,
	REFUND_CURRENCY,
	REFUND_STATUS,
	REFUND_PROPERTY_COUNT
} refund_property;

static const char *const refund_property_names[REFUND_PROPERTY_COUNT] = {
    "orderId", "refundId", "transactionId", "amount", "currency", "status"};

static zval *refund_slot(zend_object *obj, refund_property property)
{
	static uint32_t offsets[REFUND_PROPERTY_COUNT]; /* the same in every thread: a race writes alike */
	if (offsets[property] == 0) {
		zend_property_info *info = zend_hash_str_find_ptr(&msp_ce_Refund->properties_info,
		    refund_property_names[property], strlen(refund_property_names[property]));
		ZEND_ASSERT(info != NULL);
		offsets[property] = info->offset;
	}
	return OBJ_PROP(obj, offsets[property]);
}

static void init_refund_string(zend_object *obj, refund_property property, const char *value)
{
	if (value != NULL) {
		ZVAL_STRING(refund_slot(obj, property), value);
	} else {
		ZVAL_NULL(refund_slot(obj, property));
	}
}

static void make_refund(
    zval *out, const msp_order *order, const msp_refund_result *result, int64_t amount, const char *currency)
{
	object_init_ex(out, msp_ce_Refund);
	zend_object *obj = Z_OBJ_P(out);
	init_refund_string(obj, REFUND_ORDER_ID, order->order_id ? order->order_id : "");
	init_refund_string(obj, REFUND_REFUND_ID, result->refund_id);
	init_refund_string(obj, REFUND_TRANSACTION_ID, result->transaction_id);
	ZVAL_LONG(refund_slot(obj, REFUND_AMOUNT), (zend_long)amount);
	init_refund_string(obj, REFUND_CURRENCY, currency);
	init_refund_string(obj, REFUND_STATUS, result->status);
}

/* The texts a refund sends besides its amount, as given to refund() or refundAll(). */
typedef struct {
	zend_string *description;
	zend_string *refund_order_id;
	zend_string *var[3];
} refund_texts;

static bool refund_texts_usable(const refund_texts *texts)
{
	return msp_php_without_nul_byte(texts->description, "description") &&
	       msp_php_without_nul_byte(texts->refund_order_id, "refund_order_id") &&
	       msp_php_without_nul_byte(texts->var[0], "var1") &&
	       msp_php_without_nul_byte(texts->var[1], "var2") && msp_php_without_nul_byte(texts->var[2], "var3");
}

static const char *text_or_null(const zend_string *value)
{
	return value != NULL ? ZSTR_VAL(value) : NULL;
}

/* Sends a checked refund. No look-up follows a clear answer (the refund's status arrives by
 * notification); a lost or unusable answer is looked up against the order as it was before. */
static void send_refund(call_ctx *ctx, const msp_order *order, int64_t amount, const char *currency,
    const refund_texts *texts, zval *return_value)
{
	msp_refund_request request = {
	    .currency = currency,
	    .amount = amount,
	    .description = text_or_null(texts->description),
	    .refund_order_id = text_or_null(texts->refund_order_id),
	    .var = {text_or_null(texts->var[0]), text_or_null(texts->var[1]), text_or_null(texts->var[2])},
	};
	msp_refund_result result;
	msp_status status =
	    msp_api_refund(&ctx->api, order->order_id, &request, order, &result, &ctx->failure, &ctx->err);
	if (status == MSP_OK) {
		make_refund(return_value, order, &result, amount, currency);
	}
	msp_refund_result_free(&result);
	end_call(ctx, status);
}

PHP_METHOD(Msp_Client, refund)
{
	zend_object *order_obj = NULL;
	zend_string *order_id = NULL, *currency;
	refund_texts texts = {NULL, NULL, {NULL, NULL, NULL}};
	zend_long amount;
	ZEND_PARSE_PARAMETERS_START(3, 8)
		Z_PARAM_OBJ_OF_CLASS_OR_STR(order_obj, msp_ce_Order, order_id)
		Z_PARAM_LONG(amount)
		Z_PARAM_STR(currency)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(texts.description)
		Z_PARAM_STR_OR_NULL(texts.refund_order_id)
		Z_PARAM_STR_OR_NULL(texts.var[0])
		Z_PARAM_STR_OR_NULL(texts.var[1])
		Z_PARAM_STR_OR_NULL(texts.var[2])
	ZEND_PARSE_PARAMETERS_END();
	if (!msp_php_without_nul_byte(order_id, "order_id") || !msp_php_without_nul_byte(currency, "currency") ||
	    !refund_texts_usable(&texts)) {
		RETURN_THROWS();
	}
	call_ctx ctx;
	if (!begin_call(&ctx, ZEND_THIS)) {
		RETURN_THROWS();
	}
	const msp_order *order = NULL;
	msp_order *fetched = NULL;
	msp_status status = order_of_argument(&ctx, order_obj, order_id, &order, &fetched);
	if (status == MSP_OK) {
		msp_refund_ledger ledger;
		msp_php_order_ledger(order, &ledger);
		status = msp_refund_check(&ledger, ZSTR_VAL(currency), amount, (int64_t)time(NULL), &ctx.err);
	}
	if (status != MSP_OK) {
		end_call(&ctx, status);
	} else {
		send_refund(&ctx, order, amount, ZSTR_VAL(currency), &texts, return_value);
	}
	msp_order_free(fetched);
	if (EG(exception)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Msp_Client, refundAll)
{
	zend_object *order_obj;
	refund_texts texts = {NULL, NULL, {NULL, NULL, NULL}};
	ZEND_PARSE_PARAMETERS_START(1, 6)
		Z_PARAM_OBJ_OF_CLASS(order_obj, msp_ce_Order)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(texts.description)
		Z_PARAM_STR_OR_NULL(texts.refund_order_id)
		Z_PARAM_STR_OR_NULL(texts.var[0])
		Z_PARAM_STR_OR_NULL(texts.var[1])
		Z_PARAM_STR_OR_NULL(texts.var[2])
	ZEND_PARSE_PARAMETERS_END();
	if (!refund_texts_usable(&texts)) {
		RETURN_THROWS();
	}
	call_ctx ctx;
	if (!begin_call(&ctx, ZEND_THIS)) {
		RETURN_THROWS();
	}
	const msp_order *order = NULL;
	msp_order *fetched = NULL;
	int64_t amount = 0;
	msp_status status = order_of_argument(&ctx, order_obj, NULL, &order, &fetched);
	msp_refund_ledger ledger;
	if (status == MSP_OK) {
		msp_php_order_ledger(order, &ledger);
		status = msp_refund_all_amount(&ledger, (int64_t)time(NULL), &amount, &ctx.err);
	}
	if (status != MSP_OK) {
		end_call(&ctx, status);
		RETURN_THROWS();
	}
	send_refund(&ctx, order, amount, ledger.currency, &texts, return_value);
	if (EG(exception)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Msp_Client, cancelRefund)
{
	zend_string *order_id, *refund_id;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(order_id)
		Z_PARAM_STR(refund_id)
	ZEND_PARSE_PARAMETERS_END();
	if (!msp_php_without_nul_byte(order_id, "order_id") ||
	    !msp_php_without_nul_byte(refund_id, "refund_id")) {
		RETURN_THROWS();
	}
	call_ctx ctx;
	if (!begin_call(&ctx, ZEND_THIS)) {
		RETURN_THROWS();
	}
	msp_status status =
	    msp_api_cancel_refund(&ctx.api, ZSTR_VAL(order_id), ZSTR_VAL(refund_id), &ctx.failure, &ctx.err);
	if (end_call(&ctx, status)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Msp_Client, capture)
{
	zend_object *order_obj = NULL;
	zend_string *order_id = NULL, *new_order_id;
	zend_long amount;
	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_OBJ_OF_CLASS_OR_STR(order_obj, msp_ce_Order, order_id)
		Z_PARAM_LONG(amount)
		Z_PARAM_STR(new_order_id)
	ZEND_PARSE_PARAMETERS_END();
	if (!msp_php_without_nul_byte(order_id, "order_id") ||
	    !msp_php_without_nul_byte(new_order_id, "new_order_id")) {
		RETURN_THROWS();
	}
	call_ctx ctx;
	if (!begin_call(&ctx, ZEND_THIS)) {
		RETURN_THROWS();
	}
	const msp_order *order = NULL;
	msp_order *fetched = NULL, *after = NULL;
	msp_status status = order_of_argument(&ctx, order_obj, order_id, &order, &fetched);
	if (status == MSP_OK) {
		msp_refund_ledger ledger;
		msp_php_order_ledger(order, &ledger);
		status = msp_capture_check(&ledger, amount, &ctx.err);
	}
	if (status == MSP_OK &&
	    !msp_text_valid(ZSTR_VAL(new_order_id), ZSTR_LEN(new_order_id), MSP_ORDER_ID_MAX)) {
		status = msp_error_set(&ctx.err, MSP_ERR_INVALID, 0, "new_order_id must be 1 to 50 characters");
		msp_error_set_field(&ctx.err, "new_order_id");
	}
	if (status == MSP_OK) {
		status = msp_api_capture(&ctx.api, order->order_id, amount, order->currency ? order->currency : "",
		    ZSTR_VAL(new_order_id), &ctx.failure, &ctx.err);
	}
	if (status == MSP_OK) {
		status = msp_api_get_order(
		    &ctx.api, order->order_id, strlen(order->order_id), &after, &ctx.failure, &ctx.err);
	}
	msp_order_free(fetched);
	if (end_call(&ctx, status)) {
		msp_order_free(after);
		RETURN_THROWS();
	}
	msp_php_order_wrap(return_value, after);
}

PHP_METHOD(Msp_Client, cancelAuthorization)
{
	zend_string *order_id, *reason = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(order_id)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(reason)
	ZEND_PARSE_PARAMETERS_END();
	if (!msp_php_without_nul_byte(order_id, "order_id") || !msp_php_without_nul_byte(reason, "reason")) {
		RETURN_THROWS();
	}
	call_ctx ctx;
	if (!begin_call(&ctx, ZEND_THIS)) {
		RETURN_THROWS();
	}
	msp_status status = msp_api_cancel_authorization(
	    &ctx.api, ZSTR_VAL(order_id), reason ? ZSTR_VAL(reason) : NULL, &ctx.failure, &ctx.err);
	if (end_call(&ctx, status)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Msp_Client, cancelOrder)
{
	zend_object *order_obj = NULL;
	zend_string *order_id = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJ_OF_CLASS_OR_STR(order_obj, msp_ce_Order, order_id)
	ZEND_PARSE_PARAMETERS_END();
	if (!msp_php_without_nul_byte(order_id, "order_id")) {
		RETURN_THROWS();
	}
	call_ctx ctx;
	if (!begin_call(&ctx, ZEND_THIS)) {
		RETURN_THROWS();
	}
	msp_status status = MSP_OK;
	const char *id = order_id ? ZSTR_VAL(order_id) : NULL;
	if (order_obj != NULL) {
		const msp_order *order = msp_php_order(order_obj);
		msp_refund_ledger ledger;
		msp_php_order_ledger(order, &ledger);
		status = msp_cancel_check(&ledger, &ctx.err);
		id = order->order_id ? order->order_id : "";
	}
	if (status == MSP_OK) {
		status = msp_api_cancel_order(&ctx.api, id, &ctx.failure, &ctx.err);
	}
	if (end_call(&ctx, status)) {
		RETURN_THROWS();
	}
}

/* ---- notifications ---- */

PHP_METHOD(Msp_Client, verifyNotification)
{
	zend_string *body, *auth;
	zend_long tolerance = 600, now = 0;
	bool now_null = true;
	ZEND_PARSE_PARAMETERS_START(2, 4)
		Z_PARAM_STR(body)
		Z_PARAM_STR(auth)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(tolerance)
		Z_PARAM_LONG_OR_NULL(now, now_null)
	ZEND_PARSE_PARAMETERS_END();
	msp_client_object *intern = msp_client_checked(ZEND_THIS);
	if (intern == NULL) {
		RETURN_THROWS();
	}
	msp_php_notification_verify(intern->api_key, ZSTR_VAL(body), ZSTR_LEN(body), ZSTR_VAL(auth),
	    ZSTR_LEN(auth), tolerance, now_null ? (int64_t)time(NULL) : (int64_t)now, return_value);
}

PHP_METHOD(Msp_Client, notificationFromRequest)
{
	zend_long tolerance = 600;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(tolerance)
	ZEND_PARSE_PARAMETERS_END();
	msp_client_object *intern = msp_client_checked(ZEND_THIS);
	if (intern == NULL) {
		RETURN_THROWS();
	}
	msp_php_notification_from_request(intern->api_key, tolerance, return_value);
}

PHP_METHOD(Msp_Client, environment)
{
	ZEND_PARSE_PARAMETERS_NONE();
	msp_client_object *intern = msp_client_checked(ZEND_THIS);
	if (intern == NULL) {
		RETURN_THROWS();
	}
	RETURN_STRING(intern->config.live ? "live" : "test");
}

PHP_METHOD(Msp_Client, baseUrl)
{
	ZEND_PARSE_PARAMETERS_NONE();
	msp_client_object *intern = msp_client_checked(ZEND_THIS);
	if (intern == NULL) {
		RETURN_THROWS();
	}
	if (intern->config.base_url) {
		RETURN_STRING(intern->config.base_url);
	}
	RETURN_STRING(intern->config.live ? MSP_HTTP_LIVE_BASE_URL : MSP_HTTP_TEST_BASE_URL);
}

static void add_stat(zval *array, const char *name, uint64_t value)
{
	add_assoc_long_ex(array, name, strlen(name), (zend_long)value);
}

PHP_METHOD(Msp_Client, stats)
{
	ZEND_PARSE_PARAMETERS_NONE();
	msp_http_stats stats;
	memset(&stats, 0, sizeof(stats));
	msp_http_pool *pool = msp_worker_pool();
	if (pool) {
		msp_http_pool_stats(pool, &stats);
	}
	array_init(return_value);
	add_stat(return_value, "connections_opened", stats.connections_opened);
	add_stat(return_value, "connections_reused", stats.connections_reused);
	add_stat(return_value, "requests", stats.requests_sent);
	add_stat(return_value, "handles", stats.handles_created);
	add_stat(return_value, "handles_evicted", stats.handles_evicted);
	add_stat(return_value, "retries", stats.retries);
	add_stat(return_value, "resends_refused", stats.resends_refused);
	add_stat(return_value, "lookups", MSP_G(api_stats).lookups);
	add_stat(return_value, "recovered_orders", MSP_G(api_stats).recovered_orders);
	add_stat(return_value, "recovered_refunds", MSP_G(api_stats).recovered_refunds);
	add_stat(return_value, "logger_errors", MSP_G(logger_errors));
	add_stat(return_value, "forks_detected", stats.forks_detected);
	add_stat(return_value, "pool_size", (uint64_t)(MSP_G(pool_size) < 0 ? 0 : MSP_G(pool_size)));
}

PHP_METHOD(Msp_Client, __clone)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

void msp_register_client(void)
{
	msp_ce_Client = register_class_Msp_Client();
	default_user_agent = zend_string_init_interned(MSP_USER_AGENT, sizeof(MSP_USER_AGENT) - 1, 1);
	msp_ce_Client->create_object = client_create;
	memcpy(&client_handlers, &std_object_handlers, sizeof(zend_object_handlers));
	client_handlers.offset = XtOffsetOf(msp_client_object, std);
	client_handlers.free_obj = client_free;
	client_handlers.clone_obj = NULL;
	client_handlers.get_gc = client_get_gc;
	client_handlers.get_properties_for = client_properties_for;
}
