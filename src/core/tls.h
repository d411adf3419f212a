/* Trust for the HTTPS connections of src/core/http.c: which CA bundle a connection verifies the API
 * against, and a CA store parsed once per process and shared.
 *
 * Parsing the system CA bundle costs about 28 ms of CPU with OpenSSL 3. libcurl does it once per
 * multi handle, that is once per php-fpm worker (or Apache child), on its first TLS connection. A
 * store loaded at module start-up, in the process that later forks the workers, is inherited by all
 * of them: msp_tls_global_init() loads it, and every handle whose bundle is that same file gets it
 * through CURLOPT_SSL_CTX_FUNCTION (SSL_CTX_set1_cert_store), with libcurl's own CA loading switched
 * off for that handle. Peer and host verification stay exactly as http.c sets them: the store only
 * replaces where the trusted certificates come from. Only when libcurl uses the same OpenSSL as msp
 * (an X509_STORE cannot cross libraries); otherwise libcurl loads the bundle itself, as before.
 *
 * The same hook counts the TLS session tickets each thread's connections receive, so that a batch
 * can open its other connections once its first one has a session they can resume (http.c). And
 * the start-up that loads the store also fetches, before the fork, the algorithms every handshake
 * uses, which OpenSSL 3 would otherwise fetch from its provider on each worker's first handshake. */
#ifndef MSP_CORE_TLS_H
#define MSP_CORE_TLS_H

#include <curl/curl.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* What start-up decided, for phpinfo(). */
typedef enum {
	MSP_TLS_STORE_NOT_ASKED = 0, /* no preload: libcurl parses the bundle in each process */
	MSP_TLS_STORE_SHARED,        /* loaded at start-up and handed to every connection on that bundle */
	MSP_TLS_STORE_UNREADABLE,    /* asked for, but the bundle could not be read: libcurl loads it */
	MSP_TLS_STORE_FOREIGN_TLS,   /* libcurl is not built on this OpenSSL: libcurl loads the bundle */
} msp_tls_store_state;

/* Process-wide, from module start-up (before workers are forked) and before any transfer.
 * default_ca_file: the bundle of connections whose configuration names none (msp.ca_file); NULL or
 * "" for libcurl's own default. preload: parse that bundle now and share it. Returns MSP_ERR_NOMEM
 * only when out of memory; a bundle that cannot be read leaves libcurl to load it (see the state). */
msp_status msp_tls_global_init(const char *default_ca_file, bool preload);
void msp_tls_global_cleanup(void);

/* The bundle of a connection that names none: msp.ca_file, else libcurl's compiled-in default (NULL
 * when libcurl has none). */
const char *msp_tls_default_ca_file(void);

/* Whether that default was configured (msp.ca_file), rather than libcurl's own. */
bool msp_tls_default_is_configured(void);

/* The shared store when it was loaded from exactly this bundle path, else NULL. */
void *msp_tls_shared_store_for(const char *ca_file);

/* Whether libcurl's SSL_CTX may be handed to msp_tls_prepare_ctx(): libcurl is built on the OpenSSL
 * this process runs (decided by msp_tls_global_init(); false before it). */
bool msp_tls_ctx_hook_usable(void);

/* CURLOPT_SSL_CTX_FUNCTION for https connections: hands the store given as CURLOPT_SSL_CTX_DATA (if
 * not NULL) to libcurl's SSL_CTX, and counts the TLS session tickets the connection receives (see
 * msp_tls_tickets_received). It changes nothing of the handshake or of verification. */
CURLcode msp_tls_prepare_ctx(CURL *curl, void *ssl_ctx, void *store);

/* How many session tickets (TLS 1.3 NewSessionTicket, or a TLS 1.2 ticket) the connections of the
 * calling thread prepared by msp_tls_prepare_ctx() have received. A batch that opens several
 * connections waits for the first one's ticket, so that the others resume its session (libcurl
 * keeps it in the pool's share) instead of each making a full handshake: see http.c. */
unsigned long msp_tls_tickets_received(void);

msp_tls_store_state msp_tls_store_state_now(void);
/* The bundle the shared store was loaded from and how many certificates it holds (0, NULL if none). */
const char *msp_tls_shared_file(void);
size_t msp_tls_shared_certificates(void);

#endif
