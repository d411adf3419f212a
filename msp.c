/* msp module entry: startup, globals, INI and phpinfo(). Classes live in src/php/. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "php_ini.h"
#include "ext/standard/info.h"

#include <curl/curl.h>
#include <openssl/crypto.h>

#include "php_msp.h"
#include "src/core/http.h"
#include "src/core/json.h"
#include "src/php/msp_php.h"
#include "src/php/notification_object.h"
#include "src/php/policy_object.h"
#include "src/php/status_object.h"

ZEND_DECLARE_MODULE_GLOBALS(msp)

/* A cap on kept-alive handles per worker keeps file descriptors bounded however many shops
 * (base URL + key pairs) one worker talks to. */
PHP_INI_BEGIN()
	STD_PHP_INI_ENTRY(
	    "msp.pool_size", "8", PHP_INI_SYSTEM, OnUpdateLong, pool_size, zend_msp_globals, msp_globals)
	STD_PHP_INI_ENTRY("msp.timeout_ms", "30000", PHP_INI_ALL, OnUpdateLong, default_timeout_ms,
	    zend_msp_globals, msp_globals)
	STD_PHP_INI_ENTRY("msp.connect_timeout_ms", "10000", PHP_INI_ALL, OnUpdateLong,
	    default_connect_timeout_ms, zend_msp_globals, msp_globals)
PHP_INI_END()

static PHP_GINIT_FUNCTION(msp)
{
#if defined(COMPILE_DL_MSP) && defined(ZTS)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	memset(msp_globals, 0, sizeof(*msp_globals));
}

/* The pool outlives requests and is released with the worker (or thread). */
static PHP_GSHUTDOWN_FUNCTION(msp)
{
	msp_http_pool_free(msp_globals->pool);
	msp_globals->pool = NULL;
	msp_json_thread_cleanup();
}

/* libcurl references held by modules that started before msp and that msp can account for: PHP's
 * ext/curl takes one with curl_global_init() in its MINIT and creates no libcurl object before a
 * script runs. With it, msp can re-initialise libcurl with its wiping allocator (src/core/http.c). */
static unsigned libcurl_refs_of_modules_started_before_msp(void)
{
	const zend_module_entry *curl = zend_hash_str_find_ptr(&module_registry, "curl", sizeof("curl") - 1);
	return curl != NULL && curl->module_started ? 1 : 0;
}

static PHP_MINIT_FUNCTION(msp)
{
	REGISTER_INI_ENTRIES();
	if (msp_http_global_init_after(libcurl_refs_of_modules_started_before_msp()) != MSP_OK) {
		return FAILURE;
	}
	msp_register_exceptions();
	msp_register_card();
	msp_register_order();
	msp_register_client();
	msp_register_status();
	msp_register_notification();
	msp_register_policy();
	msp_register_money();
	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(msp)
{
	UNREGISTER_INI_ENTRIES();
	/* Before libcurl's global cleanup: GSHUTDOWN would come after it for this thread. */
	msp_http_pool_free(MSP_G(pool));
	MSP_G(pool) = NULL;
	msp_json_thread_cleanup();
	msp_http_global_cleanup();
	return SUCCESS;
}

static PHP_RINIT_FUNCTION(msp)
{
#if defined(COMPILE_DL_MSP) && defined(ZTS)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	msp_enum_cache_reset(); /* the last request's enum case objects are gone */
	return SUCCESS;
}

/* What protects the copies libcurl makes of request bodies (card number, CVC) and of the api_key
 * header, as decided at start-up. */
static const char *libcurl_wiping_in_force(void)
{
	switch (msp_http_global_wipe_state()) {
		case MSP_HTTP_WIPE_INSTALLED:
			return "yes (msp initialised libcurl with its wiping allocator)";
		case MSP_HTTP_WIPE_TAKEN_OVER:
			return "yes (ext/curl initialised libcurl first; msp re-initialised it at start-up with its "
			       "wiping allocator)";
		case MSP_HTTP_WIPE_OFF_FOREIGN:
			return "no: libcurl was initialised before msp by code other than ext/curl, and msp left it "
			       "alone; its freed buffers may keep copies of request bodies and the API key";
		case MSP_HTTP_WIPE_OFF_UNSUPPORTED:
			break;
	}
	return "no: this platform cannot size heap blocks, so libcurl's buffers are freed unwiped";
}

static PHP_MINFO_FUNCTION(msp)
{
	curl_version_info_data *curl = curl_version_info(CURLVERSION_NOW);

	php_info_print_table_start();
	php_info_print_table_header(2, "msp support", "enabled");
	php_info_print_table_row(2, "msp version", PHP_MSP_VERSION);
	php_info_print_table_row(2, "libcurl version", curl->version);
	php_info_print_table_row(2, "libcurl TLS backend", curl->ssl_version ? curl->ssl_version : "none");
	php_info_print_table_row(2, "OpenSSL version", OpenSSL_version(OPENSSL_VERSION));
	php_info_print_table_row(2, "json-c version", msp_json_c_version());
	php_info_print_table_row(2, "JSON parser", "json-c (strict RFC 8259, UTF-8 validated)");
	php_info_print_table_row(2, "libcurl buffers wiped on free", libcurl_wiping_in_force());
	php_info_print_table_end();

	DISPLAY_INI_ENTRIES();
}

zend_module_entry msp_module_entry = {
    STANDARD_MODULE_HEADER,
    "msp",
    NULL, /* functions: the API is classes only */
    PHP_MINIT(msp),
    PHP_MSHUTDOWN(msp),
    PHP_RINIT(msp),
    NULL,
    PHP_MINFO(msp),
    PHP_MSP_VERSION,
    PHP_MODULE_GLOBALS(msp),
    PHP_GINIT(msp),
    PHP_GSHUTDOWN(msp),
    NULL,
    STANDARD_MODULE_PROPERTIES_EX,
};

#ifdef COMPILE_DL_MSP
#if defined(ZTS)
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(msp)
#endif
