#include "tls.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <stdlib.h>
#include <string.h>

#if defined(_MSC_VER)
#define MSP_TLS_THREAD_LOCAL __declspec(thread)
#else
#define MSP_TLS_THREAD_LOCAL _Thread_local
#endif

static X509_STORE *shared_store;
static bool ctx_hook_usable;
/* Session tickets received by this thread's connections: a pool and its transfers belong to one
 * thread, and its callbacks run inside that thread's curl_multi_perform(). */
static MSP_TLS_THREAD_LOCAL unsigned long tickets_received;
static char *shared_file;
static size_t shared_certificates;
static char *default_file;
static bool default_configured;
static msp_tls_store_state store_state = MSP_TLS_STORE_NOT_ASKED;

static char *copy_of(const char *s)
{
	size_t n = strlen(s) + 1;
	char *copy = malloc(n);
	if (copy != NULL) {
		memcpy(copy, s, n);
	}
	return copy;
}

/* libcurl's compiled-in CA bundle (Debian: /etc/ssl/certs/ca-certificates.crt), asked of a handle. */
static char *libcurl_default_bundle(void)
{
	char *path = NULL;
#if LIBCURL_VERSION_NUM >= 0x075400 /* CURLINFO_CAINFO: 7.84.0 */
	CURL *probe = curl_easy_init();
	char *info = NULL;
	if (probe != NULL && curl_easy_getinfo(probe, CURLINFO_CAINFO, &info) == CURLE_OK && info != NULL) {
		path = copy_of(info);
	}
	curl_easy_cleanup(probe);
#endif
	return path;
}

/* An X509_STORE made here can only be handed to an SSL_CTX of the same OpenSSL library. libcurl's
 * TLS backend is named "OpenSSL/3.0.19" (in brackets when another backend is the selected one); it
 * must be OpenSSL at the very version this process runs ("OpenSSL 3.0.19 27 Jan 2026"). */
static bool libcurl_uses_this_openssl(void)
{
	static const char prefix[] = "OpenSSL/";
	const curl_version_info_data *curl = curl_version_info(CURLVERSION_NOW);
	const char *theirs = curl != NULL ? curl->ssl_version : NULL;
	const char *ours = OpenSSL_version(OPENSSL_VERSION);
	if (theirs == NULL || strncmp(theirs, prefix, sizeof(prefix) - 1) != 0 ||
	    strncmp(ours, "OpenSSL ", 8) != 0) {
		return false;
	}
	theirs += sizeof(prefix) - 1;
	ours += 8;
	size_t n = strcspn(theirs, " ");
	return n > 0 && strncmp(theirs, ours, n) == 0 && (ours[n] == ' ' || ours[n] == '\0');
}

static X509_STORE *load_store(const char *path)
{
	X509_STORE *store = X509_STORE_new();
	if (store == NULL) {
		return NULL;
	}
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
	int loaded = X509_STORE_load_file(store, path);
#else
	int loaded = X509_STORE_load_locations(store, path, NULL);
#endif
	if (loaded != 1) {
		X509_STORE_free(store);
		return NULL;
	}
	/* The flags libcurl sets on the store it builds itself (lib/vtls/openssl.c), so that a chain
	 * verifies here exactly as it would there. */
	X509_STORE_set_flags(store, X509_V_FLAG_TRUSTED_FIRST | X509_V_FLAG_PARTIAL_CHAIN);
	return store;
}

#if OPENSSL_VERSION_NUMBER >= 0x30000000L
/* The algorithms a client handshake fetches beyond what an SSL_CTX does: key exchange (X25519 is
 * what OpenSSL offers first, then the NIST curves), the server's signature, the TLS 1.3 and 1.2 key
 * schedules and the MAC under them. A fetch from a provider builds the method and caches it in the
 * process's default library context, where it stays after the free. */
static void warm_up_handshake_algorithms(void)
{
	static const char *const key_exchanges[] = {"X25519", "ECDH"};
	static const char *const signatures[] = {"ECDSA", "RSA"};
	static const char *const kdfs[] = {"TLS13-KDF", "HKDF", "TLS1-PRF"};
	for (size_t i = 0; i < sizeof(key_exchanges) / sizeof(key_exchanges[0]); i++) {
		EVP_KEYEXCH_free(EVP_KEYEXCH_fetch(NULL, key_exchanges[i], NULL));
	}
	for (size_t i = 0; i < sizeof(signatures) / sizeof(signatures[0]); i++) {
		EVP_SIGNATURE_free(EVP_SIGNATURE_fetch(NULL, signatures[i], NULL));
	}
	for (size_t i = 0; i < sizeof(kdfs) / sizeof(kdfs[0]); i++) {
		EVP_KDF_free(EVP_KDF_fetch(NULL, kdfs[i], NULL));
	}
	EVP_MAC_free(EVP_MAC_fetch(NULL, "HMAC", NULL));
}
#endif

/* OpenSSL 3 fetches and caches every cipher and digest of the TLS stack on the first SSL_CTX of a
 * process, and the key exchange, signature and key schedule algorithms on its first handshake:
 * done once here, before the fork, the workers inherit the caches as they inherit the store. */
static void warm_up_openssl(void)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
	SSL_CTX_free(ctx);
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
	warm_up_handshake_algorithms();
#endif
}

msp_status msp_tls_global_init(const char *default_ca_file, bool preload)
{
	msp_tls_global_cleanup();
	ctx_hook_usable = libcurl_uses_this_openssl();
	default_configured = default_ca_file != NULL && default_ca_file[0] != '\0';
	default_file = default_configured ? copy_of(default_ca_file) : libcurl_default_bundle();
	if (default_configured && default_file == NULL) {
		return MSP_ERR_NOMEM;
	}
	if (!preload || default_file == NULL) {
		return MSP_OK;
	}
	if (!ctx_hook_usable) {
		store_state = MSP_TLS_STORE_FOREIGN_TLS;
		return MSP_OK;
	}
	shared_store = load_store(default_file);
	if (shared_store == NULL) {
		store_state = MSP_TLS_STORE_UNREADABLE;
		return MSP_OK;
	}
	shared_file = copy_of(default_file);
	if (shared_file == NULL) {
		msp_tls_global_cleanup();
		return MSP_ERR_NOMEM;
	}
	shared_certificates = (size_t)sk_X509_OBJECT_num(X509_STORE_get0_objects(shared_store));
	store_state = MSP_TLS_STORE_SHARED;
	warm_up_openssl();
	return MSP_OK;
}

void msp_tls_global_cleanup(void)
{
	X509_STORE_free(shared_store); /* SSL_CTXs still using it hold references of their own */
	shared_store = NULL;
	free(shared_file);
	shared_file = NULL;
	free(default_file);
	default_file = NULL;
	shared_certificates = 0;
	default_configured = false;
	ctx_hook_usable = false;
	store_state = MSP_TLS_STORE_NOT_ASKED;
}

const char *msp_tls_default_ca_file(void)
{
	return default_file;
}

bool msp_tls_default_is_configured(void)
{
	return default_configured;
}

void *msp_tls_shared_store_for(const char *ca_file)
{
	if (shared_store == NULL || ca_file == NULL || strcmp(ca_file, shared_file) != 0) {
		return NULL;
	}
	return shared_store;
}

bool msp_tls_ctx_hook_usable(void)
{
	return ctx_hook_usable;
}

/* OpenSSL's protocol message callback, which sees every handshake message, those after the handshake
 * included: a NewSessionTicket from the server is what a later connection can resume (libcurl's own
 * new-session callback stores it in its cache while processing this very message). It reads
 * nothing but the message type. */
static void on_tls_message(
    int write_p, int version, int content_type, const void *buf, size_t len, SSL *ssl, void *arg)
{
	(void)version;
	(void)ssl;
	(void)arg;
	if (!write_p && content_type == SSL3_RT_HANDSHAKE && len > 0 &&
	    ((const unsigned char *)buf)[0] == SSL3_MT_NEWSESSION_TICKET) {
		tickets_received++;
	}
}

CURLcode msp_tls_prepare_ctx(CURL *curl, void *ssl_ctx, void *store)
{
	(void)curl;
	SSL_CTX *ctx = ssl_ctx;
	if (store != NULL) {
		SSL_CTX_set1_cert_store(ctx, (X509_STORE *)store);
	}
	SSL_CTX_set_msg_callback(ctx, on_tls_message);
	return CURLE_OK;
}

unsigned long msp_tls_tickets_received(void)
{
	return tickets_received;
}

msp_tls_store_state msp_tls_store_state_now(void)
{
	return store_state;
}

const char *msp_tls_shared_file(void)
{
	return shared_file;
}

size_t msp_tls_shared_certificates(void)
{
	return shared_certificates;
}
