/* The Msp\Client object, shared by the files that implement its methods. */
#ifndef MSP_PHP_CLIENT_H
#define MSP_PHP_CLIENT_H

#include "php.h"
#include "http.h"
#include "secmem.h"

typedef struct {
	msp_secbuf *api_key; /* NULL until constructed */
	zend_string *base_url;
	zend_string *ca_file;
	zend_string *user_agent;
	zend_string *locale;
	bool persistent;
	zval logger;            /* IS_UNDEF when none */
	msp_http_config config; /* points into the strings above */
	zend_object std;
} msp_client_object;

extern zend_class_entry *msp_ce_Client;

/* The client behind $this, or NULL with an Error thrown when it was never constructed. */
msp_client_object *msp_client_checked(zval *this_zv);

/* Throws the exception for a failed API call (ApiException, ApiUnavailableException, NetworkException). */
#include "api.h"
void msp_client_throw_failure(const msp_error *err, const msp_call_failure *failure);

/* The worker's persistent pool (NULL when out of memory). */
msp_http_pool *msp_worker_pool(void);

#endif
