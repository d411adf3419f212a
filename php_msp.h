/* msp: MultiSafepay direct card payments for PHP. */
#ifndef PHP_MSP_H
#define PHP_MSP_H

extern zend_module_entry msp_module_entry;
#define phpext_msp_ptr &msp_module_entry

#define PHP_MSP_VERSION "0.1.0"

#include "api.h"

#if defined(ZTS) && defined(COMPILE_DL_MSP)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

/* Slots of the per-request enum case cache (src/php/msp_php.h, msp_cached_enum_case()). */
#define MSP_ENUM_CACHE_SLOTS 64

/* Per worker process (NTS) or per thread (ZTS). The connection pool lives here, not in request
 * memory, so that kept-alive connections and TLS sessions survive from one PHP request to the next
 * in a php-fpm worker. */
ZEND_BEGIN_MODULE_GLOBALS(msp)
	struct msp_http_pool *pool;
	zend_long pool_size;
	zend_long default_timeout_ms;
	zend_long default_connect_timeout_ms;
	char *ca_file;    /* msp.ca_file: the CA bundle of Clients that name none */
	char *ca_preload; /* msp.ca_preload: auto, on or off (src/core/tls.h) */
	/* Enum case objects already looked up in this request. The engine creates them per request, so
	 * the cache is emptied at RINIT. */
	zend_object *enum_cases[MSP_ENUM_CACHE_SLOTS];
	/* What the recovery paths did in this worker (Client::stats()). */
	msp_api_stats api_stats;
	uint64_t logger_errors; /* loggers that threw; their exceptions were reported as warnings */
ZEND_END_MODULE_GLOBALS(msp)

ZEND_EXTERN_MODULE_GLOBALS(msp)
#define MSP_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(msp, v)

#endif
