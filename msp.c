/* msp module entry: startup, globals, INI and phpinfo(). Classes live in src/php/. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "php_ini.h"
#include "SAPI.h"
#include "ext/standard/info.h"

#include <curl/curl.h>
#include <openssl/crypto.h>

#include "php_msp.h"
#include "src/core/http.h"
#include "src/core/json.h"
#include "src/core/tls.h"
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
	/* Read once at start-up (src/core/tls.h): the bundle of Clients without a ca_file option, and
	 * whether to parse it then, in the process that forks the workers. */
	STD_PHP_INI_ENTRY(
	    "msp.ca_file", "", PHP_INI_SYSTEM, OnUpdateString, ca_file, zend_msp_globals, msp_globals)
	STD_PHP_INI_ENTRY(
	    "msp.ca_preload", "auto", PHP_INI_SYSTEM, OnUpdateString, ca_preload, zend_msp_globals, msp_globals)
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
	msp_http_thread_cleanup();
}

/* libcurl references held by modules that started before msp and that msp can account for: PHP's
 * ext/curl takes one with curl_global_init() in its MINIT and creates no libcurl object before a
 * script runs. With it, msp can re-initialise libcurl with its wiping allocator (src/core/http.c). */
static unsigned libcurl_refs_of_modules_started_before_msp(void)
{
	const zend_module_entry *curl = zend_hash_str_find_ptr(&module_registry, "curl", sizeof("curl") - 1);
	return curl != NULL && curl->module_started ? 1 : 0;
}

/* SAPIs whose start-up runs in a parent that then forks the processes serving requests: there one
 * parse of the CA bundle serves every worker. A CLI script would pay it (about 28 ms with the
 * system bundle) at every start, for at most a few connections: only when msp.ca_preload=on. */
static bool sapi_forks_workers(void)
{
	return strcmp(sapi_module.name, "fpm-fcgi") == 0 || strcmp(sapi_module.name, "apache2handler") == 0;
}

static bool ca_preload_wanted(void)
{
	/* php.ini turns on/yes/true into "1" and off/no/false into "" */
	const char *setting = MSP_G(ca_preload) != NULL ? MSP_G(ca_preload) : "auto";
	if (strcasecmp(setting, "auto") == 0) {
		return sapi_forks_workers();
	}
	return strcmp(setting, "1") == 0 || strcasecmp(setting, "on") == 0 || strcasecmp(setting, "yes") == 0 ||
	       strcasecmp(setting, "true") == 0;
}

static PHP_MINIT_FUNCTION(msp)
{
	REGISTER_INI_ENTRIES();
	if (msp_http_global_init_after(libcurl_refs_of_modules_started_before_msp()) != MSP_OK) {
		return FAILURE;
	}
	if (msp_tls_global_init(MSP_G(ca_file), ca_preload_wanted()) != MSP_OK) {
		return FAILURE;
	}
	if (msp_tls_store_state_now() == MSP_TLS_STORE_UNREADABLE) {
		php_error_docref(NULL, E_WARNING,
		    "msp.ca_preload: cannot read the CA bundle %s; each process will load it on its first TLS "
		    "connection",
		    msp_tls_default_ca_file());
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
	msp_http_thread_cleanup();
	msp_tls_global_cleanup();
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

/* Where TLS connections get their trusted certificates from. */
static void print_ca_store_row(void)
{
	const char *bundle = msp_tls_default_ca_file() != NULL ? msp_tls_default_ca_file() : "none";
	char *text = NULL;
	switch (msp_tls_store_state_now()) {
		case MSP_TLS_STORE_SHARED:
			spprintf(&text, 0, "%s, %zu certificates, parsed once at start-up and shared by every process",
			    msp_tls_shared_file(), msp_tls_shared_certificates());
			break;
		case MSP_TLS_STORE_UNREADABLE:
			spprintf(&text, 0,
			    "%s, not readable at start-up: each process loads it on its first TLS "
			    "connection",
			    bundle);
			break;
		case MSP_TLS_STORE_FOREIGN_TLS:
			spprintf(&text, 0,
			    "%s, loaded by libcurl in each process (libcurl is not built on this "
			    "OpenSSL)",
			    bundle);
			break;
		case MSP_TLS_STORE_NOT_ASKED:
			spprintf(&text, 0,
			    "%s, loaded by libcurl in each process on its first TLS connection "
			    "(msp.ca_preload)",
			    bundle);
			break;
	}
	php_info_print_table_row(2, "CA bundle", text);
	efree(text);
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
	print_ca_store_row();
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
