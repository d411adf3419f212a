#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* dladdr; and clock_gettime, getpid, malloc_usable_size, pthread_atfork */
#endif
#ifdef HAVE_CONFIG_H
#include "config.h" /* HAVE_CURLOPT_PREREQFUNCTION and the other libcurl checks of config.m4 */
#endif
#ifdef MSP_CURL_COMPAT
/* The fallbacks use options a current libcurl marks deprecated (CURLOPT_PROTOCOLS): before any
 * header that includes curl.h (tls.h does). */
#define CURL_DISABLE_DEPRECATION
#endif
#include "http.h"
#include "tls.h"

#include <curl/curl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef _WIN32
#include <windows.h>
#include <malloc.h>
#include <process.h>
#define msp_getpid()        ((long)_getpid())
#define msp_block_size(p)   _msize(p)
#define MSP_HAVE_BLOCK_SIZE 1
#else
#include <dlfcn.h>
#include <pthread.h>
#include <unistd.h>
#define msp_getpid() ((long)getpid())
#if defined(__APPLE__)
#include <malloc/malloc.h>
#define msp_block_size(p)   malloc_size(p)
#define MSP_HAVE_BLOCK_SIZE 1
#elif defined(__GLIBC__) || defined(__linux__) || defined(__FreeBSD__)
#include <malloc.h>
#define msp_block_size(p)   malloc_usable_size(p)
#define MSP_HAVE_BLOCK_SIZE 1
#endif
#endif

/* ---- libcurl features newer than 7.68 ----------------------------------------------------------
 * msp builds with libcurl 7.68 or newer and uses the features below where the libcurl it is built
 * against has them; each one missing has a fallback here (README, "Building by hand", says what it
 * costs). configure tests each feature (config.m4 defines HAVE_CURLOPT_PREREQFUNCTION and so on to 1
 * or 0); a build without configure's results (the C unit tests, config.w32) goes by the version in
 * curl/curlver.h. MSP_CURL_COMPAT=0x074400 (in CFLAGS) hides every feature added after that version,
 * so that the fallbacks are built and tested against a current libcurl (scripts/test.sh does). */
#ifdef MSP_CURL_COMPAT
#define MSP_CURL_SHOWS(version) (MSP_CURL_COMPAT >= (version))
#else
#define MSP_CURL_SHOWS(version) 1
#endif
#ifndef HAVE_CURLOPT_PREREQFUNCTION
#define HAVE_CURLOPT_PREREQFUNCTION (LIBCURL_VERSION_NUM >= 0x075000)
#endif
#ifndef HAVE_CURLOPT_MAXLIFETIME_CONN
#define HAVE_CURLOPT_MAXLIFETIME_CONN (LIBCURL_VERSION_NUM >= 0x075000)
#endif
#ifndef HAVE_CURLINFO_CAINFO
#define HAVE_CURLINFO_CAINFO (LIBCURL_VERSION_NUM >= 0x075400)
#endif
#ifndef HAVE_CURLOPT_PROTOCOLS_STR
#define HAVE_CURLOPT_PROTOCOLS_STR (LIBCURL_VERSION_NUM >= 0x075500)
#endif
#ifndef HAVE_CURLOPT_CA_CACHE_TIMEOUT
#define HAVE_CURLOPT_CA_CACHE_TIMEOUT (LIBCURL_VERSION_NUM >= 0x075700)
#endif
#define MSP_CURL_PREREQFUNCTION   (HAVE_CURLOPT_PREREQFUNCTION && MSP_CURL_SHOWS(0x075000))
#define MSP_CURL_MAXLIFETIME_CONN (HAVE_CURLOPT_MAXLIFETIME_CONN && MSP_CURL_SHOWS(0x075000))
#define MSP_CURL_CAINFO           (HAVE_CURLINFO_CAINFO && MSP_CURL_SHOWS(0x075400))
#define MSP_CURL_PROTOCOLS_STR    (HAVE_CURLOPT_PROTOCOLS_STR && MSP_CURL_SHOWS(0x075500))
#define MSP_CURL_CA_CACHE_TIMEOUT (HAVE_CURLOPT_CA_CACHE_TIMEOUT && MSP_CURL_SHOWS(0x075700))

#define KEY_DIGEST_LEN            32       /* SHA-256 */
#define KEY_HASH_STACK_WIPE_BYTES 4096     /* how deep EVP_Digest() reaches below its caller */
#define MAX_KEY_LEN               256      /* MultiSafepay keys are 40 characters */
#define MAX_URL_PART_LEN          4096     /* base URL, path and query each */
#define MAX_TIMEOUT_MS            3600000L /* anything longer is a unit mistake, not a timeout */
#define MAX_RESPONSE_CAP          (256u * 1024u * 1024u)
#define MAX_ATTEMPTS_LIMIT        10u
#define MAX_DELAY_LIMIT_MS        60000u
#define MIN_ATTEMPT_MS            10L /* a retry needs at least this much of the budget left after its delay */
#define POLL_CAP_MS               1000
/* Idle connections older than this are not reused: below the 60 s idle timeout common to load
 * balancers, so a kept-alive connection is rarely closed by the server just as we reuse it. */
#define MAX_IDLE_CONN_S 55L
/* Connections are replaced after this long even when busy, so DNS changes and failovers are picked up. */
#define MAX_CONN_LIFETIME_S 300L
/* The parsed CA store is cached per multi handle (libcurl 7.87+): a worker parses the bundle once a day
 * instead of once per connection (~28 ms of CPU with OpenSSL 3). */
#define CA_CACHE_TIMEOUT_S 86400L
/* TLS policy, for test and live alike: TLS 1.2 or 1.3 (CURLOPT_SSLVERSION), and for TLS 1.2 only
 * forward-secret AEAD suites: ECDHE key exchange with AES-GCM or ChaCha20-Poly1305, which in OpenSSL's
 * syntax expands to exactly the six ECDHE-{ECDSA,RSA}-{AES128-GCM,AES256-GCM,CHACHA20-POLY1305}
 * suites. No static RSA, no CBC, no SHA-1 MAC, no finite-field DHE. Written short on purpose: libcurl
 * compares it, case-insensitively, with every cached connection's and TLS session's configuration on
 * every transfer, and the six names spelled out cost 5k instructions per call that way. TLS 1.3 suites
 * are all AEAD with forward secrecy: OpenSSL's defaults stay. */
#define TLS12_CIPHERS "ECDHE+AESGCM:ECDHE+CHACHA20"
/* libcurl's smallest upload buffer (UPLOADBUFFER_MIN), and a receive buffer that holds an order
 * answer in one read; see handle_set_tuning_options(). */
#define UPLOAD_BUFFER_BYTES  16384L
#define RECEIVE_BUFFER_BYTES 4096L

/* ---- Wiping allocator for libcurl --------------------------------------------------------------
 * libcurl copies the request headers (api_key) and bodies under 64 KiB (the PAN) into a request buffer
 * on its heap, over HTTPS copies that request once more into its upload buffer, and frees both without
 * wiping. Routing libcurl's allocations through functions that wipe each block before freeing it closes
 * that gap.
 *
 * libcurl takes an allocator only from the curl_global_init_mem() call that finds it uninitialised;
 * later calls only count references. When other code initialised libcurl before msp (PHP's ext/curl in
 * its MINIT: Debian's 20-curl.ini sorts before msp.ini), msp_http_global_init_after() brings libcurl
 * down to zero references, initialises it again with msp's allocator and gives the others their
 * references back, so that their own curl_global_cleanup() still balances. This is sound because:
 *  - curl_global_init() at zero references installs the C library's malloc and free (lib/easy.c,
 *    global_init), and msp's functions are that malloc and free plus a wipe: a block libcurl allocated
 *    before the switch may be freed or grown through them, and one allocated after by plain free();
 *  - a curl_global_cleanup() that reaches zero only releases process-wide state that the next
 *    initialisation sets up again (with OpenSSL 1.1+, the threaded resolver and libssh2 there is
 *    nothing to tear down), and no transfer can be running while PHP modules start;
 *  - ext/curl (PHP 8.2) takes exactly one reference in MINIT, with curl_global_init(), releases it in
 *    MSHUTDOWN and creates no libcurl object before a script runs.
 * Only the references the caller can account for are dropped. If libcurl is still initialised after
 * that, someone else holds a reference, possibly with an allocator of its own: every reference is
 * restored and libcurl is left as it was (MSP_HTTP_WIPE_OFF_FOREIGN). */
static unsigned global_refs;
static msp_http_wipe_state wipe_state = MSP_HTTP_WIPE_OFF_UNSUPPORTED;
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
/* Fetched once: EVP_sha256() makes OpenSSL 3 look the provider up again at every digest, which cost
 * as much as hashing the key itself. */
static EVP_MD *sha256_md;
#endif
static unsigned long wiping_strdup_calls;

#ifdef MSP_HAVE_BLOCK_SIZE
static void *wiping_malloc(size_t size)
{
	return malloc(size);
}

/* The whole usable block: libcurl does not say how much of it it wrote. */
static void wiping_free(void *p)
{
	if (p != NULL) {
		msp_secure_wipe(p, msp_block_size(p));
		free(p);
	}
}

/* Never realloc in place when growing: a moved block would leave its old copy unwiped. */
static void *wiping_realloc(void *p, size_t size)
{
	if (p == NULL) {
		return malloc(size);
	}
	if (size == 0) {
		wiping_free(p);
		return NULL;
	}
	size_t old_size = msp_block_size(p);
	if (size <= old_size) {
		return p;
	}
	void *q = malloc(size);
	if (q != NULL) {
		memcpy(q, p, old_size);
		wiping_free(p);
	}
	return q;
}

static char *wiping_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *copy = malloc(n);
	if (copy != NULL) {
		memcpy(copy, s, n);
	}
	wiping_strdup_calls++;
	return copy;
}

static void *wiping_calloc(size_t count, size_t size)
{
	return calloc(count, size);
}

static CURLcode init_libcurl(void)
{
	return curl_global_init_mem(
	    CURL_GLOBAL_DEFAULT, wiping_malloc, wiping_free, wiping_realloc, wiping_strdup, wiping_calloc);
}
#else
static CURLcode init_libcurl(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT);
}
#endif

/* curl_slist_append strdup()s through libcurl's allocator: if our counter moves, ours is in use. */
static bool libcurl_uses_wiping_allocator(void)
{
	unsigned long before = wiping_strdup_calls;
	struct curl_slist *probe = curl_slist_append(NULL, "probe");
	bool ours = probe != NULL && wiping_strdup_calls != before;
	curl_slist_free_all(probe);
	return ours;
}

/* Gives back references dropped by take_over_libcurl(). libcurl is initialised when this runs (by us
 * or by whoever still holds a reference), so each call only counts. */
static void restore_references(unsigned count)
{
	for (unsigned i = 0; i < count; i++) {
		(void)curl_global_init(CURL_GLOBAL_DEFAULT);
	}
}

/* Called holding one reference of our own, the last one taken. Drops it, then the others' references
 * one at a time, up to known_refs: after each drop libcurl is initialised again, which installs msp's
 * allocator exactly when no reference was left. *taken stays false, with every reference back where it
 * was, when known_refs drops were not enough. MSP_ERR_NETWORK only if libcurl, once at zero, failed to
 * start again (out of memory): the others then get a libcurl of their own and msp holds no reference. */
static msp_status take_over_libcurl(unsigned known_refs, bool *taken)
{
	*taken = false;
	curl_global_cleanup();
	unsigned dropped = 0;
	while (!*taken && dropped < known_refs) {
		curl_global_cleanup();
		dropped++;
		if (init_libcurl() != CURLE_OK) {
			/* Only possible at zero references (out of memory): give the others a fresh libcurl. */
			restore_references(dropped);
			return MSP_ERR_NETWORK;
		}
		*taken = libcurl_uses_wiping_allocator();
		if (!*taken) {
			curl_global_cleanup(); /* someone else still holds a reference: undo, drop another */
		}
	}
	restore_references(dropped);
	if (!*taken && init_libcurl() != CURLE_OK) { /* our own reference again: only counts */
		return MSP_ERR_NETWORK;
	}
	return MSP_OK;
}

/* libcurl keeps msp's functions as its allocator after msp's MSHUTDOWN whenever another user shuts
 * down later (ext/curl loaded before msp does), and PHP unloads an extension right after its
 * MSHUTDOWN. So once libcurl allocates through msp, msp's shared object stays mapped until the
 * process ends. */
static void keep_this_module_loaded(void)
{
#ifdef _WIN32
	HMODULE self;
	(void)GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
	    (LPCSTR)(uintptr_t)keep_this_module_loaded, &self);
#else
	Dl_info info;
	if (dladdr((void *)(uintptr_t)keep_this_module_loaded, &info) != 0 && info.dli_fname != NULL) {
		/* Not closed: the handle is the extra reference that keeps the object mapped. */
		(void)dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE);
	}
#endif
}

static msp_status decide_wipe_state(unsigned known_refs)
{
	if (libcurl_uses_wiping_allocator()) {
		wipe_state = MSP_HTTP_WIPE_INSTALLED;
		return MSP_OK;
	}
#ifdef MSP_HAVE_BLOCK_SIZE
	bool taken = false;
	msp_status st = take_over_libcurl(known_refs, &taken);
	wipe_state = taken ? MSP_HTTP_WIPE_TAKEN_OVER : MSP_HTTP_WIPE_OFF_FOREIGN;
	return st;
#else
	(void)known_refs;
	wipe_state = MSP_HTTP_WIPE_OFF_UNSUPPORTED;
	return MSP_OK;
#endif
}

msp_status msp_http_global_init_after(unsigned known_refs)
{
	if (init_libcurl() != CURLE_OK) {
		return MSP_ERR_NETWORK;
	}
	if (global_refs++ > 0) {
		return MSP_OK;
	}
	if (decide_wipe_state(known_refs) != MSP_OK) {
		global_refs = 0;
		return MSP_ERR_NETWORK;
	}
	if (wipe_state == MSP_HTTP_WIPE_INSTALLED || wipe_state == MSP_HTTP_WIPE_TAKEN_OVER) {
		keep_this_module_loaded();
	}
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
	sha256_md = EVP_MD_fetch(NULL, "SHA2-256", NULL);
#endif
	return MSP_OK;
}

msp_status msp_http_global_init(void)
{
	return msp_http_global_init_after(0);
}

void msp_http_global_cleanup(void)
{
	if (global_refs == 0) {
		return;
	}
	if (--global_refs == 0) {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
		EVP_MD_free(sha256_md);
		sha256_md = NULL;
#endif
	}
	curl_global_cleanup();
}

msp_http_wipe_state msp_http_global_wipe_state(void)
{
	return wipe_state;
}

bool msp_http_global_wipes_libcurl_heap(void)
{
	return wipe_state == MSP_HTTP_WIPE_INSTALLED || wipe_state == MSP_HTTP_WIPE_TAKEN_OVER;
}

msp_http_curl_features msp_http_curl_features_used(void)
{
	msp_http_curl_features f = {
	    .prereq_callback = MSP_CURL_PREREQFUNCTION,
	    .conn_lifetime = MSP_CURL_MAXLIFETIME_CONN,
	    .default_ca_info = MSP_CURL_CAINFO,
	    .protocols_str = MSP_CURL_PROTOCOLS_STR,
	    .ca_cache = MSP_CURL_CA_CACHE_TIMEOUT,
	};
	return f;
}

/* ---- Small helpers ---------------------------------------------------------------------------- */

static uint64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static char *dup_or_null(const char *s)
{
	if (s == NULL) {
		return NULL;
	}
	size_t n = strlen(s) + 1;
	char *copy = malloc(n);
	if (copy != NULL) {
		memcpy(copy, s, n);
	}
	return copy;
}

static bool same_string(const char *a, const char *b)
{
	if (a == NULL || b == NULL) {
		return a == b;
	}
	return strcmp(a, b) == 0;
}

const char *msp_http_method_name(msp_http_method method)
{
	switch (method) {
		case MSP_HTTP_GET:
			return "GET";
		case MSP_HTTP_POST:
			return "POST";
		case MSP_HTTP_PATCH:
			return "PATCH";
	}
	return "?";
}

static bool method_has_body(msp_http_method method)
{
	return method == MSP_HTTP_POST || method == MSP_HTTP_PATCH;
}

static bool is_key_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The API key without surrounding whitespace (api.md §1), as a view into the caller's buffer. */
static void trimmed_key(const msp_secbuf *key, const unsigned char **start, size_t *len)
{
	const unsigned char *p = key->data;
	size_t n = key->len;
	while (n > 0 && is_key_space(p[0])) {
		p++;
		n--;
	}
	while (n > 0 && is_key_space(p[n - 1])) {
		n--;
	}
	*start = p;
	*len = n;
}

static bool sha256(const unsigned char *bytes, size_t len, unsigned char out[KEY_DIGEST_LEN])
{
	const EVP_MD *md = EVP_sha256();
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
	if (sha256_md != NULL) {
		md = sha256_md;
	}
#endif
	unsigned int out_len = 0;
	bool ok = EVP_Digest(bytes, len, out, &out_len, md, NULL) == 1 && out_len == KEY_DIGEST_LEN;
	/* Only the API key is hashed here: its message block passed through the frames below ours. */
	msp_secure_wipe_stack(KEY_HASH_STACK_WIPE_BYTES);
	return ok;
}

/* ---- Configuration ---------------------------------------------------------------------------- */

void msp_http_config_init(msp_http_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->verify_tls = true;
	cfg->timeout_ms = MSP_HTTP_DEFAULT_TIMEOUT_MS;
	cfg->connect_timeout_ms = MSP_HTTP_DEFAULT_CONNECT_TIMEOUT_MS;
	cfg->user_agent = MSP_HTTP_DEFAULT_USER_AGENT;
	cfg->max_response_bytes = MSP_HTTP_DEFAULT_MAX_RESPONSE_BYTES;
	cfg->retry.max_attempts = MSP_HTTP_DEFAULT_MAX_ATTEMPTS;
	cfg->retry.first_delay_ms = MSP_HTTP_DEFAULT_FIRST_DELAY_MS;
	cfg->retry.max_delay_ms = MSP_HTTP_DEFAULT_MAX_DELAY_MS;
}

static const char *config_base_url(const msp_http_config *cfg)
{
	if (cfg->base_url != NULL) {
		return cfg->base_url;
	}
	return cfg->live ? MSP_HTTP_LIVE_BASE_URL : MSP_HTTP_TEST_BASE_URL;
}

static bool config_targets_live(const msp_http_config *cfg);

static bool config_verifies_tls(const msp_http_config *cfg)
{
	return cfg->verify_tls || config_targets_live(cfg);
}

static bool is_visible_ascii(unsigned char c)
{
	return c > 0x20 && c < 0x7f;
}

/* Printable ASCII including spaces: no CR/LF that could inject a header. */
static bool is_header_safe(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s != ' ' && !is_visible_ascii((unsigned char)*s)) {
			return false;
		}
	}
	return true;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static msp_status validate_base_url(const char *url, bool live, msp_error *err)
{
	size_t len = strlen(url);
	if (len == 0 || len > MAX_URL_PART_LEN) {
		return msp_error_set(
		    err, MSP_ERR_INVALID, 0, "base_url must be 1 to %d characters", MAX_URL_PART_LEN);
	}
	size_t scheme_len;
	if (starts_with(url, "https://")) {
		scheme_len = 8;
	} else if (starts_with(url, "http://")) {
		if (live) {
			return msp_error_set(err, MSP_ERR_INVALID, 0,
			    "live (environment live or host " MSP_HTTP_LIVE_HOST ") needs an https base_url");
		}
		scheme_len = 7;
	} else {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "base_url must start with https:// or http://");
	}
	if (url[scheme_len] == '\0' || url[scheme_len] == '/') {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "base_url has no host");
	}
	for (const char *p = url; *p != '\0'; p++) {
		/* userinfo would put credentials in URLs (and logs); query and fragment would swallow the path */
		if (!is_visible_ascii((unsigned char)*p) || *p == '?' || *p == '#' || *p == '@' || *p == '\\') {
			return msp_error_set(err, MSP_ERR_INVALID, 0,
			    "base_url may not contain whitespace, control characters, '?', '#', '@' or '\\'");
		}
	}
	if (url[len - 1] != '/') {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "base_url must end with '/'");
	}
	return MSP_OK;
}

static bool is_locale(const char *s)
{
	return strlen(s) == 5 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' && s[2] == '_' &&
	       s[3] >= 'A' && s[3] <= 'Z' && s[4] >= 'A' && s[4] <= 'Z';
}

static msp_status validate_api_key(const msp_secbuf *key, msp_error *err)
{
	if (key == NULL || key->data == NULL) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "an API key is required");
	}
	const unsigned char *p;
	size_t len;
	trimmed_key(key, &p, &len);
	if (len == 0 || len > MAX_KEY_LEN) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "the API key must be 1 to %d characters", MAX_KEY_LEN);
	}
	for (size_t i = 0; i < len; i++) {
		if (!is_visible_ascii(p[i])) {
			/* the message names neither the key nor the position of the offending byte */
			return msp_error_set(
			    err, MSP_ERR_INVALID, 0, "the API key contains spaces or control characters");
		}
	}
	return MSP_OK;
}

static msp_status validate_timeouts(const msp_http_config *cfg, msp_error *err)
{
	if (cfg->timeout_ms <= 0 || cfg->timeout_ms > MAX_TIMEOUT_MS) {
		return msp_error_set(
		    err, MSP_ERR_INVALID, 0, "timeout must be 1 to %ld ms (0 would wait forever)", MAX_TIMEOUT_MS);
	}
	if (cfg->connect_timeout_ms <= 0 || cfg->connect_timeout_ms > MAX_TIMEOUT_MS) {
		return msp_error_set(err, MSP_ERR_INVALID, 0,
		    "connect_timeout must be 1 to %ld ms (0 would wait forever)", MAX_TIMEOUT_MS);
	}
	return MSP_OK;
}

static msp_status validate_retry(const msp_http_retry_policy *retry, msp_error *err)
{
	if (retry->max_attempts < 1 || retry->max_attempts > MAX_ATTEMPTS_LIMIT) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "retry attempts must be 1 to %u", MAX_ATTEMPTS_LIMIT);
	}
	if (retry->first_delay_ms > MAX_DELAY_LIMIT_MS || retry->max_delay_ms > MAX_DELAY_LIMIT_MS) {
		return msp_error_set(
		    err, MSP_ERR_INVALID, 0, "retry delays must be at most %u ms", MAX_DELAY_LIMIT_MS);
	}
	return MSP_OK;
}

/* The host part of a URL that validate_base_url() accepts (no userinfo), compared the way DNS does:
 * without case and without trailing dots ("API.MultiSafepay.com." is the same host). */
static bool url_host_is(const char *url, const char *host)
{
	const char *start = strstr(url, "://");
	if (start == NULL) {
		return false;
	}
	start += 3;
	size_t len = strcspn(start, ":/");
	while (len > 0 && start[len - 1] == '.') {
		len--;
	}
	if (len != strlen(host)) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)start[i];
		if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != (unsigned char)host[i]) {
			return false;
		}
	}
	return true;
}

/* Live payments go to the live host whatever the environment option says: a test configuration
 * pointed at it gets the live rules (https, verification on). */
static bool config_targets_live(const msp_http_config *cfg)
{
	return cfg->live || url_host_is(config_base_url(cfg), MSP_HTTP_LIVE_HOST);
}

msp_status msp_http_config_validate(const msp_http_config *cfg, msp_error *err)
{
	if (cfg == NULL) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "missing HTTP configuration");
	}
	bool live = config_targets_live(cfg);
	if (live && !cfg->verify_tls) {
		return msp_error_set(err, MSP_ERR_INVALID, 0,
		    "TLS verification cannot be turned off for live (environment live or host " MSP_HTTP_LIVE_HOST
		    ")");
	}
	msp_status st = validate_base_url(config_base_url(cfg), live, err);
	if (st == MSP_OK) {
		st = validate_timeouts(cfg, err);
	}
	if (st == MSP_OK) {
		st = validate_retry(&cfg->retry, err);
	}
	if (st == MSP_OK) {
		st = validate_api_key(cfg->api_key, err);
	}
	if (st != MSP_OK) {
		return st;
	}
	if (cfg->locale != NULL && !is_locale(cfg->locale)) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "locale must look like nl_NL");
	}
	if (cfg->user_agent != NULL && (strlen(cfg->user_agent) > 256 || !is_header_safe(cfg->user_agent))) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "user_agent must be at most 256 printable characters");
	}
	if (cfg->ca_file != NULL && (cfg->ca_file[0] == '\0' || !is_header_safe(cfg->ca_file))) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "ca_file must be a non-empty path");
	}
	if (cfg->max_response_bytes == 0 || cfg->max_response_bytes > MAX_RESPONSE_CAP) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "max_response_bytes must be 1 to %u", MAX_RESPONSE_CAP);
	}
	return MSP_OK;
}

/* A prepared configuration whose validated fields are still those it was prepared with. */
static bool config_still_prepared(const msp_http_config *cfg)
{
	return cfg->key_digest_ready && cfg->prepared.base_url == cfg->base_url &&
	       cfg->prepared.locale == cfg->locale && cfg->prepared.user_agent == cfg->user_agent &&
	       cfg->prepared.ca_file == cfg->ca_file && cfg->prepared.api_key == cfg->api_key &&
	       cfg->api_key != NULL && cfg->prepared.api_key_len == cfg->api_key->len &&
	       cfg->prepared.max_response_bytes == cfg->max_response_bytes && cfg->prepared.live == cfg->live &&
	       cfg->prepared.verify_tls == cfg->verify_tls;
}

/* Before every call: all of msp_http_config_validate(), or for a configuration that is still as
 * prepared, what a call may have changed (the timeouts, the retries). */
static msp_status config_validate_for_call(const msp_http_config *cfg, msp_error *err)
{
	if (cfg == NULL || !config_still_prepared(cfg)) {
		return msp_http_config_validate(cfg, err);
	}
	msp_status st = validate_timeouts(cfg, err);
	return st == MSP_OK ? validate_retry(&cfg->retry, err) : st;
}

msp_status msp_http_config_prepare(msp_http_config *cfg, msp_error *err)
{
	cfg->key_digest_ready = false;
	msp_status st = msp_http_config_validate(cfg, err);
	if (st != MSP_OK) {
		return st;
	}
	const unsigned char *key;
	size_t key_len;
	trimmed_key(cfg->api_key, &key, &key_len);
	if (!sha256(key, key_len, cfg->key_digest)) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "cannot hash the API key");
	}
	cfg->key_digest_ready = true;
	cfg->prepared.base_url = cfg->base_url;
	cfg->prepared.locale = cfg->locale;
	cfg->prepared.user_agent = cfg->user_agent;
	cfg->prepared.ca_file = cfg->ca_file;
	cfg->prepared.api_key = cfg->api_key;
	cfg->prepared.api_key_len = cfg->api_key->len;
	cfg->prepared.max_response_bytes = cfg->max_response_bytes;
	cfg->prepared.live = cfg->live;
	cfg->prepared.verify_tls = cfg->verify_tls;
	return MSP_OK;
}

/* ---- Paths and queries (RFC 3986) ------------------------------------------------------------- */

static bool is_unreserved(unsigned char c)
{
	return (unsigned)((c | 0x20) - 'a') < 26 || (unsigned)(c - '0') < 10 || c == '-' || c == '.' ||
	       c == '_' || c == '~';
}

static bool is_hex_digit(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

/* pchar minus pct-encoded: unreserved, sub-delims, ':' and '@' (a switch, not strchr(): every
 * request's path goes through here) */
static bool is_pchar(unsigned char c)
{
	switch (c) {
		case '!':
		case '$':
		case '&':
		case '\'':
		case '(':
		case ')':
		case '*':
		case '+':
		case ',':
		case ';':
		case '=':
		case ':':
		case '@':
			return true;
		default:
			return is_unreserved(c);
	}
}

static bool is_dot_segment(const char *segment, size_t len)
{
	return (len == 1 && segment[0] == '.') || (len == 2 && segment[0] == '.' && segment[1] == '.');
}

msp_status msp_http_path_escape(const char *id, size_t len, char **out)
{
	static const char hex[] = "0123456789ABCDEF";
	if (out == NULL) {
		return MSP_ERR_INVALID;
	}
	*out = NULL;
	if (id == NULL || len == 0 || len > MAX_URL_PART_LEN || is_dot_segment(id, len)) {
		return MSP_ERR_INVALID;
	}
	char *escaped = malloc(len * 3 + 1);
	if (escaped == NULL) {
		return MSP_ERR_NOMEM;
	}
	char *w = escaped;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)id[i];
		if (is_unreserved(c)) {
			*w++ = (char)c;
		} else {
			*w++ = '%';
			*w++ = hex[c >> 4];
			*w++ = hex[c & 0x0f];
		}
	}
	*w = '\0';
	*out = escaped;
	return MSP_OK;
}

/* Accepts pchar, "%XX" and the extra characters allowed by the caller ('/' in paths). */
static bool is_encoded_url_part(const char *s, const char *extra)
{
	for (const char *p = s; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '%') {
			if (!is_hex_digit((unsigned char)p[1]) || !is_hex_digit((unsigned char)p[2])) {
				return false;
			}
			p += 2;
		} else if (!is_pchar(c) && (c == '\0' || strchr(extra, c) == NULL)) {
			return false;
		}
	}
	return true;
}

/* Empty and dot segments are refused: libcurl normalises "a/../b" to "b", which would address another
 * resource than the one the caller escaped. */
static bool has_only_real_segments(const char *path)
{
	const char *segment = path;
	for (;;) {
		const char *slash = strchr(segment, '/');
		size_t len = slash != NULL ? (size_t)(slash - segment) : strlen(segment);
		if (len == 0 || is_dot_segment(segment, len)) {
			return false;
		}
		if (slash == NULL) {
			return true;
		}
		segment = slash + 1;
	}
}

static msp_status validate_request(const msp_http_request *req, msp_error *err)
{
	if (req == NULL || req->path == NULL) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "missing request path");
	}
	if (req->method != MSP_HTTP_GET && req->method != MSP_HTTP_POST && req->method != MSP_HTTP_PATCH) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "unsupported HTTP method");
	}
	size_t len = strlen(req->path);
	if (len == 0 || len > MAX_URL_PART_LEN || req->path[0] == '/' || !is_encoded_url_part(req->path, "/") ||
	    !has_only_real_segments(req->path)) {
		return msp_error_set(err, MSP_ERR_INVALID, 0,
		    "request path must be relative, percent-encoded and free of empty or dot segments");
	}
	if (req->query != NULL &&
	    (strlen(req->query) > MAX_URL_PART_LEN || !is_encoded_url_part(req->query, "/?"))) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "request query must be percent-encoded");
	}
	if (method_has_body(req->method) != (req->body != NULL)) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "%s %s a body", msp_http_method_name(req->method),
		    req->body != NULL ? "cannot carry" : "needs");
	}
	return MSP_OK;
}

/* ---- Easy handles ----------------------------------------------------------------------------- */

/* What a handle's static options were set from: a pooled handle is only reused for an equal identity. */
typedef struct {
	const char *base_url;
	const char *ca_file;
	const char *user_agent;
	unsigned char key_digest[KEY_DIGEST_LEN];
	bool verify_tls;
	size_t max_response_bytes;
} http_identity;

typedef struct http_call http_call;

#define HEADER_NODES 5 /* accept, content-type, Expect, api_key, User-Agent */

typedef struct {
	CURL *easy;
	http_identity id; /* strings owned by the handle */
	bool in_use;
	bool pooled;
	uint64_t last_used;
	/* Header lines of the current call, NUL-separated, api_key included; wiped when the call ends. The
	 * list nodes point into it, so no copy of the key lands on the malloc heap on our side. */
	msp_secbuf *header_lines;
	struct curl_slist header_nodes[HEADER_NODES];
	char *user_agent_line; /* "User-Agent: ..." for header_nodes, or NULL */
	char *url;
	size_t url_cap;
	bool custom_request_set;
	bool postfields_set;
	/* State of the current call and attempt */
	http_call *call;
	char *body;
	size_t body_len;
	size_t body_cap;
	bool body_too_large;
	bool body_nomem;
	unsigned prereq_calls; /* requests written in this attempt (libcurl's own resends included) */
	unsigned reused_sends; /* of which on a kept-alive connection */
	long connects_seen;    /* CURLINFO_NUM_CONNECTS at the previous pre-request callback */
	bool last_send_reused; /* the last request written went on a kept-alive connection */
	bool resend_refused;
#if !MSP_CURL_PREREQFUNCTION
	bool fresh_connect_set; /* CURLOPT_FRESH_CONNECT as last set (see handle_refuse_resends) */
#endif
	char errbuf[CURL_ERROR_SIZE];
} http_handle;

static bool identity_equal(const http_identity *a, const http_identity *b)
{
	return a->verify_tls == b->verify_tls && a->max_response_bytes == b->max_response_bytes &&
	       CRYPTO_memcmp(a->key_digest, b->key_digest, KEY_DIGEST_LEN) == 0 &&
	       same_string(a->base_url, b->base_url) && same_string(a->ca_file, b->ca_file) &&
	       same_string(a->user_agent, b->user_agent);
}

static void free_const(const char *s)
{
	free((void *)(uintptr_t)s);
}

static bool identity_copy(http_identity *dst, const http_identity *src)
{
	*dst = *src;
	dst->base_url = dup_or_null(src->base_url);
	dst->ca_file = dup_or_null(src->ca_file);
	dst->user_agent = dup_or_null(src->user_agent);
	return dst->base_url != NULL && (src->ca_file == NULL || dst->ca_file != NULL) &&
	       (src->user_agent == NULL || dst->user_agent != NULL);
}

static void identity_release(http_identity *id)
{
	free_const(id->base_url);
	free_const(id->ca_file);
	free_const(id->user_agent);
	memset(id, 0, sizeof(*id));
}

/* One wiped response block per thread outlives its answer: a worker reads one answer per call, and
 * reusing the block saves a large allocation and free per call (and the consolidation of glibc's
 * fast bins that a block of a kilobyte or more triggers). Under AddressSanitizer every block is
 * freed, so that a body used after its response shows. */
#if defined(_MSC_VER)
#define MSP_THREAD_LOCAL __declspec(thread)
#else
#define MSP_THREAD_LOCAL _Thread_local
#endif
#if defined(__SANITIZE_ADDRESS__)
#define KEEP_SPARE_BODY false
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KEEP_SPARE_BODY false
#endif
#endif
#ifndef KEEP_SPARE_BODY
#define KEEP_SPARE_BODY true
#endif
#define SPARE_BODY_MAX_BYTES (64u * 1024u)
static MSP_THREAD_LOCAL char *spare_body;
static MSP_THREAD_LOCAL size_t spare_body_cap;

/* Takes the spare block when it holds at least cap bytes; NULL otherwise. */
static char *take_spare_body(size_t cap, size_t *got)
{
	if (spare_body == NULL || spare_body_cap < cap) {
		return NULL;
	}
	char *block = spare_body;
	*got = spare_body_cap;
	spare_body = NULL;
	spare_body_cap = 0;
	return block;
}

/* A block already wiped as far as it was written: kept as the spare, or freed. */
static void give_back_body(char *block, size_t cap)
{
	if (KEEP_SPARE_BODY && spare_body == NULL && cap > 0 && cap <= SPARE_BODY_MAX_BYTES) {
		spare_body = block;
		spare_body_cap = cap;
	} else {
		free(block);
	}
}

void msp_http_thread_cleanup(void)
{
	free(spare_body);
	spare_body = NULL;
	spare_body_cap = 0;
}

static void body_discard(http_handle *h)
{
	if (h->body != NULL) {
		msp_secure_wipe(h->body, h->body_cap);
		free(h->body);
	}
	h->body = NULL;
	h->body_len = 0;
	h->body_cap = 0;
}

/* Grows without realloc so that no unwiped copy of a response (customer data) is left behind. */
static bool body_reserve(http_handle *h, size_t needed)
{
	if (needed + 1 <= h->body_cap) {
		return true;
	}
	size_t cap = h->body_cap < 1024 ? 1024 : h->body_cap * 2;
	if (cap < needed + 1) {
		cap = needed + 1;
	}
	curl_off_t announced = -1;
	if (h->body_len == 0 &&
	    curl_easy_getinfo(h->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced) == CURLE_OK &&
	    announced > 0 && (curl_off_t)cap < announced + 1 && (size_t)announced <= h->id.max_response_bytes) {
		cap = (size_t)announced + 1;
	}
	size_t spare_cap = 0;
	char *grown = h->body == NULL ? take_spare_body(cap, &spare_cap) : NULL;
	if (grown != NULL) {
		cap = spare_cap;
	} else if ((grown = malloc(cap)) == NULL) {
		return false;
	}
	if (h->body != NULL) {
		memcpy(grown, h->body, h->body_len);
	}
	size_t len = h->body_len;
	body_discard(h);
	h->body = grown;
	h->body_len = len;
	h->body_cap = cap;
	h->body[h->body_len] = '\0'; /* an empty answer is "" too (ASan saw strstr run past one) */
	return true;
}

static size_t on_body_chunk(char *data, size_t size, size_t nmemb, void *userp)
{
	http_handle *h = userp;
	size_t n = size * nmemb;
	if (n > h->id.max_response_bytes - h->body_len) {
		h->body_too_large = true;
		return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
	}
	if (!body_reserve(h, h->body_len + n)) {
		h->body_nomem = true;
		return 0;
	}
	memcpy(h->body + h->body_len, data, n);
	h->body_len += n;
	h->body[h->body_len] = '\0';
	return n;
}

#if MSP_CURL_PREREQFUNCTION
/* Called by libcurl once the connection (TLS included) is ready, right before the request is written:
 * the exact boundary of "the request may have reached the server". libcurl calls it a second time in
 * one transfer when a reused connection died without any response and it re-sends the request on a
 * fresh one (Curl_retry_request), body included. That re-send is refused for POST/PATCH once any byte
 * of the first request was written: the server may have processed it and MultiSafepay has no
 * idempotency key. */
static int on_before_request(void *userp, char *primary_ip, char *local_ip, int primary_port, int local_port)
{
	(void)primary_ip;
	(void)local_ip;
	(void)primary_port;
	(void)local_port;
	http_handle *h = userp;
	if (h->prereq_calls > 0 && h->postfields_set) {
		long written = 0;
		if (curl_easy_getinfo(h->easy, CURLINFO_REQUEST_SIZE, &written) != CURLE_OK || written > 0) {
			h->resend_refused = true;
			return CURL_PREREQFUNC_ABORT;
		}
	}
	/* No new connection since the previous request (or since the start): this one is kept-alive. */
	long connects = 0;
	curl_easy_getinfo(h->easy, CURLINFO_NUM_CONNECTS, &connects);
	h->last_send_reused = connects == h->connects_seen;
	h->reused_sends += h->last_send_reused ? 1u : 0u;
	h->connects_seen = connects;
	h->prereq_calls++;
	return CURL_PREREQFUNC_OK;
}
#else
/* Without the pre-request callback (libcurl before 7.80), what it tells is inferred after the
 * attempt, and libcurl is kept from re-sending a body another way.
 *
 * Whether the request may have been written: a request goes out only on a ready connection (TCP
 * connected and, for https, the TLS handshake with the server done), and libcurl records that moment
 * (CURLINFO_CONNECT_TIME_T, CURLINFO_APPCONNECT_TIME_T: reset when an attempt starts, never 0 once
 * set) before it writes a byte. An attempt without it wrote nothing: safe to send again. One with it
 * counts as "may have been sent", which is the callback's own boundary; where the two differ (the
 * attempt failed after connecting but before writing), the inference errs on the safe side. libcurl
 * 7.68 to 7.79 also record it when they reuse a kept-alive connection; 7.88 (reached here only in a
 * build with MSP_CURL_COMPAT) does not, so a written request (CURLINFO_REQUEST_SIZE > 0) counts too.
 * The written size alone would not do for 7.68, which adds to REQUEST_SIZE only after a write call
 * succeeded (one that failed part way leaves it at 0); nor would PRETRANSFER_TIME, which 7.68 records
 * only after the request was handed to the connection. */
static bool handle_connection_was_ready(const http_handle *h)
{
	curl_off_t ready_us = 0;
	long written = 0;
	CURLINFO stamp =
	    starts_with(h->id.base_url, "https://") ? CURLINFO_APPCONNECT_TIME_T : CURLINFO_CONNECT_TIME_T;
	if (curl_easy_getinfo(h->easy, stamp, &ready_us) != CURLE_OK ||
	    curl_easy_getinfo(h->easy, CURLINFO_REQUEST_SIZE, &written) != CURLE_OK) {
		return true; /* unknown: may have been sent */
	}
	return ready_us > 0 || written > 0;
}

/* Fills in what on_before_request() would have counted: one request, on a kept-alive connection when
 * no new one was opened (libcurl counts a new connection before it can carry a request). */
static void handle_infer_sends(http_handle *h, long connects)
{
	if (handle_connection_was_ready(h)) {
		h->prereq_calls = 1;
		h->last_send_reused = connects == 0;
		h->reused_sends = h->last_send_reused ? 1u : 0u;
	}
}

/* libcurl re-sends a request, body included, when a kept-alive connection dies without an answer
 * (Curl_retry_request), and only on a reused connection. So a POST or PATCH goes out on a new
 * connection of its own (CURLOPT_FRESH_CONNECT), which libcurl never re-sends on; GETs, safe to send
 * twice, keep reusing, and the connection the POST opened stays for them. The price is a TCP and TLS
 * handshake per POST or PATCH (the TLS session is resumed through the share). */
static bool handle_refuse_resends(http_handle *h, bool has_body)
{
	if (h->fresh_connect_set == has_body) {
		return true;
	}
	h->fresh_connect_set = has_body;
	return curl_easy_setopt(h->easy, CURLOPT_FRESH_CONNECT, has_body ? 1L : 0L) == CURLE_OK;
}
#endif

static bool set_long(CURL *easy, CURLoption option, long value)
{
	return curl_easy_setopt(easy, option, value) == CURLE_OK;
}

#if MSP_CURL_CAINFO
static bool is_readable_file(const char *path)
{
	FILE *f = path != NULL ? fopen(path, "r") : NULL;
	if (f != NULL) {
		fclose(f);
	}
	return f != NULL;
}
#endif

/* libcurl 7.88 caches the parsed CA store only when it comes from a bundle file alone: a CA directory
 * (Debian builds libcurl with --with-ca-path=/etc/ssl/certs) silently disables the cache, and every new
 * TLS connection then parses the whole bundle again (~25 ms of CPU). So the directory is dropped when a
 * bundle file is in use: the caller's ca_file (which then is the only trust source, as it should be),
 * or libcurl's default bundle when it exists. Without any bundle file the default directory stays. */
static bool bundle_file_in_use(const http_handle *h)
{
	if (h->id.ca_file != NULL) {
		return true;
	}
#if MSP_CURL_CAINFO
	char *default_bundle = NULL;
	return curl_easy_getinfo(h->easy, CURLINFO_CAINFO, &default_bundle) == CURLE_OK &&
	       is_readable_file(default_bundle);
#else
	return false;
#endif
}

/* Where the certificates that verify the server come from. The handle's bundle (its ca_file, else
 * msp.ca_file, else libcurl's default) may be the one src/core/tls.c loaded at start-up: then that
 * store is handed to each new TLS connection and libcurl loads no CA file or directory itself, so
 * that no process after the fork parses the bundle. Otherwise libcurl loads the bundle, once per
 * multi handle. Verification itself is set by the caller and is the same either way. */
static bool handle_set_trust(http_handle *h)
{
	CURL *e = h->easy;
	const char *bundle = h->id.ca_file != NULL ? h->id.ca_file : msp_tls_default_ca_file();
	void *store = h->id.verify_tls ? msp_tls_shared_store_for(bundle) : NULL;
	/* Every https connection's SSL_CTX also counts the session tickets it receives (for batches,
	 * see engine_start_calls); libcurl's SSL_CTX is only touched when it is this OpenSSL's. */
	bool prepared = starts_with(h->id.base_url, "https://") && msp_tls_ctx_hook_usable() &&
	                curl_easy_setopt(e, CURLOPT_SSL_CTX_FUNCTION, msp_tls_prepare_ctx) == CURLE_OK &&
	                curl_easy_setopt(e, CURLOPT_SSL_CTX_DATA, store) == CURLE_OK;
	if (!prepared) {
		(void)curl_easy_setopt(e, CURLOPT_SSL_CTX_FUNCTION, NULL); /* a TLS backend without it */
		store = NULL;
	}
	if (store != NULL) {
		return curl_easy_setopt(e, CURLOPT_CAINFO, NULL) == CURLE_OK &&
		       curl_easy_setopt(e, CURLOPT_CAPATH, NULL) == CURLE_OK;
	}
	bool ok = true;
	if (h->id.ca_file != NULL || msp_tls_default_is_configured()) {
		ok = bundle != NULL && curl_easy_setopt(e, CURLOPT_CAINFO, bundle) == CURLE_OK;
	}
	if (h->id.ca_file != NULL || msp_tls_default_is_configured() || bundle_file_in_use(h)) {
		ok = ok && curl_easy_setopt(e, CURLOPT_CAPATH, NULL) == CURLE_OK;
	}
	return ok;
}

/* libcurl looks the proxy environment up at every transfer: up to six getenv() scans of the whole
 * environment, each copied to the heap, on the hot path of every call. A handle lives as long as its
 * worker, so the environment is read once, here, and handed over as CURLOPT_PROXY and CURLOPT_NOPROXY,
 * which makes libcurl skip its own look-up. The names and their order are libcurl's: <scheme>_proxy,
 * its uppercase form except for http (HTTP_PROXY can come from a request header under CGI, "httpoxy"),
 * then all_proxy and ALL_PROXY; no_proxy, then NO_PROXY. An empty value means no proxy, as in libcurl. */
static const char *first_env(const char *const names[], size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const char *value = names[i] != NULL ? getenv(names[i]) : NULL;
		if (value != NULL) {
			return value;
		}
	}
	return NULL;
}

static bool handle_set_proxy_from_environment(http_handle *h)
{
	bool https = starts_with(h->id.base_url, "https://");
	const char *const proxy_names[] = {
	    https ? "https_proxy" : "http_proxy", https ? "HTTPS_PROXY" : NULL, "all_proxy", "ALL_PROXY"};
	const char *const no_proxy_names[] = {"no_proxy", "NO_PROXY"};
	const char *proxy = first_env(proxy_names, sizeof(proxy_names) / sizeof(proxy_names[0]));
	const char *no_proxy = first_env(no_proxy_names, sizeof(no_proxy_names) / sizeof(no_proxy_names[0]));
	return curl_easy_setopt(h->easy, CURLOPT_PROXY, proxy != NULL ? proxy : "") == CURLE_OK &&
	       curl_easy_setopt(h->easy, CURLOPT_NOPROXY, no_proxy != NULL ? no_proxy : "") == CURLE_OK;
}

/* Options that must take effect: a libcurl refusing one of them is not used. */
static bool handle_set_required_options(http_handle *h, CURLSH *share)
{
	CURL *e = h->easy;
	bool verify = h->id.verify_tls;
	bool ok = true;
#if MSP_CURL_PROTOCOLS_STR
	ok = ok && curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK;
#else
	ok = ok && set_long(e, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS); /* before 7.85 */
#endif
	ok = ok && set_long(e, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
	ok = ok && curl_easy_setopt(e, CURLOPT_SSL_CIPHER_LIST, TLS12_CIPHERS) == CURLE_OK;
	ok = ok && set_long(e, CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L);
	ok = ok && set_long(e, CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L);
	ok = ok && handle_set_trust(h);
	ok = ok && set_long(e, CURLOPT_FOLLOWLOCATION, 0L);
	ok = ok && set_long(e, CURLOPT_NOSIGNAL, 1L); /* no SIGALRM around DNS: PHP owns the signals */
	ok = ok && set_long(e, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
	ok = ok && curl_easy_setopt(e, CURLOPT_ERRORBUFFER, h->errbuf) == CURLE_OK;
	ok = ok && curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body_chunk) == CURLE_OK;
	ok = ok && curl_easy_setopt(e, CURLOPT_WRITEDATA, h) == CURLE_OK;
#if MSP_CURL_PREREQFUNCTION
	ok = ok && curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, on_before_request) == CURLE_OK;
	ok = ok && curl_easy_setopt(e, CURLOPT_PREREQDATA, h) == CURLE_OK;
#endif
	ok = ok && curl_easy_setopt(e, CURLOPT_PRIVATE, h) == CURLE_OK;
	ok = ok &&
	     curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)h->id.max_response_bytes) == CURLE_OK;
	if (share != NULL) {
		ok = ok && curl_easy_setopt(e, CURLOPT_SHARE, share) == CURLE_OK;
	}
	ok = ok && handle_set_proxy_from_environment(h);
	return ok;
}

/* Performance options: a libcurl without them still works, only slower. */
static void handle_set_tuning_options(http_handle *h)
{
	CURL *e = h->easy;
	(void)set_long(e, CURLOPT_TCP_KEEPALIVE, 1L);
	(void)set_long(e, CURLOPT_TCP_KEEPIDLE, 30L);
	(void)set_long(e, CURLOPT_TCP_KEEPINTVL, 15L);
	(void)set_long(e, CURLOPT_MAXAGE_CONN, MAX_IDLE_CONN_S);
#if MSP_CURL_MAXLIFETIME_CONN /* before 7.80, a busy connection lives until it idles MAX_IDLE_CONN_S */
	(void)set_long(e, CURLOPT_MAXLIFETIME_CONN, MAX_CONN_LIFETIME_S);
#endif
#if MSP_CURL_CA_CACHE_TIMEOUT /* before 7.87, every new TLS connection parses the CA bundle */
	(void)set_long(e, CURLOPT_CA_CACHE_TIMEOUT, CA_CACHE_TIMEOUT_S);
#endif
	/* Over HTTPS libcurl copies each request (key and card included) into an upload buffer that it
	 * allocates and frees on every transfer, and the wiping allocator clears all of it: 64 KiB by
	 * default, for requests of about 1 KiB. libcurl's minimum is plenty (larger bodies go in chunks). */
	(void)set_long(e, CURLOPT_UPLOAD_BUFFERSIZE, UPLOAD_BUFFER_BYTES);
	/* Likewise the receive buffer (16 KiB by default), allocated and freed on every transfer: an
	 * order answer is 1 to 3 KiB, and larger ones simply take more reads. */
	(void)set_long(e, CURLOPT_BUFFERSIZE, RECEIVE_BUFFER_BYTES);
}

static void handle_free_own_memory(http_handle *h)
{
	free(h->user_agent_line);
	msp_secbuf_free(h->header_lines);
	body_discard(h);
	free(h->url);
	identity_release(&h->id);
	free(h);
}

static void handle_destroy(http_handle *h)
{
	if (h != NULL) {
		curl_easy_cleanup(h->easy);
		handle_free_own_memory(h);
	}
}

/* libcurl objects a forked child inherited from its parent and must never touch (see the pool's fork
 * policy). They stay referenced here, so leak checkers report them as retained rather than lost; a
 * failed append only turns that into a real (equally harmless) leak. */
static void **abandoned_objects;
static size_t abandoned_len;
static size_t abandoned_cap;

static void keep_abandoned(void *object)
{
	if (object == NULL) {
		return;
	}
	if (abandoned_len == abandoned_cap) {
		size_t cap = abandoned_cap > 0 ? abandoned_cap * 2 : 16;
		void **grown = realloc(abandoned_objects, cap * sizeof(*grown)); /* pointers only, nothing secret */
		if (grown == NULL) {
			return;
		}
		abandoned_objects = grown;
		abandoned_cap = cap;
	}
	abandoned_objects[abandoned_len++] = object;
}

/* In a forked child: msp's own memory is freed, the CURL handle is left untouched. */
static void handle_abandon(http_handle *h)
{
	if (h != NULL) {
		keep_abandoned(h->easy);
		handle_free_own_memory(h);
	}
}

static bool handle_make_user_agent_line(http_handle *h)
{
	static const char name[] = "User-Agent: ";
	if (h->id.user_agent == NULL || h->id.user_agent[0] == '\0') {
		return true;
	}
	size_t n = strlen(h->id.user_agent) + 1;
	h->user_agent_line = malloc(sizeof(name) - 1 + n);
	if (h->user_agent_line != NULL) {
		memcpy(h->user_agent_line, name, sizeof(name) - 1);
		memcpy(h->user_agent_line + sizeof(name) - 1, h->id.user_agent, n);
	}
	return h->user_agent_line != NULL;
}

static http_handle *handle_new(const http_identity *id, CURLSH *share)
{
	http_handle *h = calloc(1, sizeof(*h));
	if (h == NULL) {
		return NULL;
	}
	bool ok = identity_copy(&h->id, id) && handle_make_user_agent_line(h);
	h->easy = curl_easy_init();
	h->header_lines = msp_secbuf_new(512);
	ok = ok && h->easy != NULL && h->header_lines != NULL && handle_set_required_options(h, share);
	if (!ok) {
		handle_destroy(h);
		return NULL;
	}
	handle_set_tuning_options(h);
	return h;
}

/* Copies s to w with its NUL; returns the position of that NUL, where the next part goes. */
static char *append_part(char *w, const char *s)
{
	size_t n = strlen(s);
	memcpy(w, s, n + 1);
	return w + n;
}

static bool handle_build_url(
    http_handle *h, const char *base_url, const msp_http_request *req, const char *locale)
{
	const char *query = req->query != NULL && req->query[0] != '\0' ? req->query : NULL;
	size_t needed = strlen(base_url) + strlen(req->path) + (query != NULL ? strlen(query) + 1 : 0) +
	                (locale != NULL ? strlen(locale) + sizeof("&locale=") : 0) + 1;
	if (needed > h->url_cap) {
		char *url = malloc(needed);
		if (url == NULL) {
			return false;
		}
		free(h->url);
		h->url = url;
		h->url_cap = needed;
	}
	/* Joined by hand: snprintf's machinery costs more than the copies, on every call. */
	char *w = append_part(append_part(h->url, base_url), req->path);
	if (query != NULL) {
		w = append_part(append_part(w, "?"), query);
	}
	if (locale != NULL) {
		w = append_part(append_part(w, query != NULL ? "&locale=" : "?locale="), locale);
	}
	return curl_easy_setopt(h->easy, CURLOPT_URL, h->url) == CURLE_OK;
}

/* Wipes the bytes the last call wrote, not the whole mapping as msp_secbuf_clear does: the rest of the
 * page was never written (or already wiped), and this runs twice per call. */
static void header_lines_wipe(msp_secbuf *buf)
{
	msp_secure_wipe(buf->data, buf->len);
	buf->len = 0;
	buf->data[0] = '\0';
}

static bool append_header_line(msp_secbuf *buf, const void *bytes, size_t len, size_t *offsets, size_t *count)
{
	offsets[(*count)++] = buf->len;
	return msp_secbuf_append(buf, bytes, len) && msp_secbuf_append_char(buf, '\0');
}

/* "Expect:" with no value stops libcurl from sending Expect: 100-continue and waiting for the server. */
static bool handle_build_headers(http_handle *h, const unsigned char *key, size_t key_len, bool has_body)
{
	static const char accept[] = "accept: application/json";
	static const char content_type[] = "content-type: application/json";
	static const char no_expect[] = "Expect:";
	static const char key_name[] = "api_key: ";
	msp_secbuf *buf = h->header_lines;
	size_t offsets[HEADER_NODES];
	size_t count = 0;
	header_lines_wipe(buf);
	bool ok = append_header_line(buf, accept, sizeof(accept) - 1, offsets, &count);
	if (has_body) {
		ok = ok && append_header_line(buf, content_type, sizeof(content_type) - 1, offsets, &count);
		ok = ok && append_header_line(buf, no_expect, sizeof(no_expect) - 1, offsets, &count);
	}
	offsets[count++] = buf->len;
	ok = ok && msp_secbuf_append(buf, key_name, sizeof(key_name) - 1) &&
	     msp_secbuf_append(buf, key, key_len) && msp_secbuf_append_char(buf, '\0');
	if (!ok) {
		return false;
	}
	/* Linked only now: appending may have moved the buffer. */
	for (size_t i = 0; i < count; i++) {
		h->header_nodes[i].data = (char *)buf->data + offsets[i];
		h->header_nodes[i].next = &h->header_nodes[i + 1];
	}
	/* The user agent as a header of its own, the same for every call of this handle: given as
	 * CURLOPT_USERAGENT, libcurl 7.x formats that line anew with its aprintf() on every transfer,
	 * which cost 4k instructions per call. */
	if (h->user_agent_line != NULL) {
		h->header_nodes[count++].data = h->user_agent_line;
	}
	h->header_nodes[count - 1].next = NULL;
	return curl_easy_setopt(h->easy, CURLOPT_HTTPHEADER, h->header_nodes) == CURLE_OK;
}

/* Only the options that differ from the previous call are touched. */
static bool handle_set_method(http_handle *h, const msp_http_request *req)
{
	CURL *e = h->easy;
	bool ok = true;
	if (req->method == MSP_HTTP_GET) {
		ok = set_long(e, CURLOPT_HTTPGET, 1L);
	} else {
		/* The caller's secure buffer is sent as is: POSTFIELDS keeps the pointer, no libcurl copy. */
		ok = curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body->len) == CURLE_OK &&
		     curl_easy_setopt(e, CURLOPT_POSTFIELDS, req->body->data) == CURLE_OK;
		h->postfields_set = true;
	}
	if (req->method == MSP_HTTP_PATCH) {
		ok = ok && curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "PATCH") == CURLE_OK;
		h->custom_request_set = true;
	} else if (h->custom_request_set) {
		ok = ok && curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, NULL) == CURLE_OK;
		h->custom_request_set = false;
	}
#if !MSP_CURL_PREREQFUNCTION
	ok = ok && handle_refuse_resends(h, method_has_body(req->method));
#endif
	return ok;
}

/* After a call: the header lines (API key) are wiped and libcurl forgets pointers into buffers that
 * are about to be wiped or freed (the caller's body). */
static void handle_forget_call(http_handle *h)
{
	header_lines_wipe(h->header_lines);
	curl_easy_setopt(h->easy, CURLOPT_HTTPHEADER, NULL);
	if (h->postfields_set) {
		curl_easy_setopt(h->easy, CURLOPT_POSTFIELDS, NULL);
		h->postfields_set = false;
	}
	body_discard(h);
	h->call = NULL;
}

/* ---- Pool ------------------------------------------------------------------------------------- */

struct msp_http_pool {
	size_t cap;               /* 0 = non-persistent */
	long pid;                 /* creator; compared when no fork handler could be registered */
	unsigned long generation; /* fork_generation at creation; another one means a forked child */
	CURLSH *share;            /* DNS, TLS sessions and connections, created lazily */
	CURLM *multi;             /* every persistent transfer runs here, so the CA store is parsed once */
	unsigned depth;           /* calls in progress: > 0 while an event callback re-enters */
	uint64_t clock;           /* LRU clock */
	http_handle **slots;
	msp_http_stats stats;
};

/* ---- Fork detection ------------------------------------------------------------------------------
 * getpid() is a real system call in glibc 2.25+, and on a VM with page-table isolation it costs about
 * a microsecond: a few percent of a kept-alive call. A fork handler bumps a generation number in the
 * child instead, so a pool compares two integers per call. Should the handler fail to register, pools
 * fall back to comparing pids. */
static volatile unsigned long fork_generation;
static bool fork_tracked;

#ifndef _WIN32
static pthread_once_t fork_tracking_once = PTHREAD_ONCE_INIT;

static void on_fork_child(void)
{
	fork_generation++;
}

static void register_fork_handler(void)
{
	fork_tracked = pthread_atfork(NULL, NULL, on_fork_child) == 0;
}
#endif

static void fork_tracking_start(void)
{
#ifdef _WIN32
	fork_tracked = true; /* no fork() on Windows */
#else
	pthread_once(&fork_tracking_once, register_fork_handler);
#endif
}

static void pool_remember_process(msp_http_pool *pool)
{
	pool->generation = fork_generation;
	pool->pid = msp_getpid();
}

static bool pool_is_forked_copy(const msp_http_pool *pool)
{
	if (fork_tracked) {
		return pool->generation != fork_generation;
	}
	return pool->pid != msp_getpid();
}

msp_http_pool *msp_http_pool_new(size_t cap)
{
	msp_http_pool *pool = calloc(1, sizeof(*pool));
	if (pool == NULL) {
		return NULL;
	}
	pool->slots = calloc(cap > 0 ? cap : 1, sizeof(*pool->slots));
	if (pool->slots == NULL) {
		free(pool);
		return NULL;
	}
	pool->cap = cap;
	fork_tracking_start();
	pool_remember_process(pool);
	return pool;
}

/* In a forked child the handles, the share (connection cache) and the multi belong to the parent's
 * connections: cleaning them up could send TLS close_notify or a FIN-triggering shutdown on sockets the
 * parent keeps using. They are dropped without a libcurl call (a bounded leak in the child) and the
 * child builds its own on first use. */
static void pool_abandon_parent_state(msp_http_pool *pool)
{
	for (size_t i = 0; i < pool->cap; i++) {
		handle_abandon(pool->slots[i]);
		pool->slots[i] = NULL;
	}
	keep_abandoned(pool->share);
	keep_abandoned(pool->multi);
	pool->share = NULL;
	pool->multi = NULL;
	pool_remember_process(pool);
	pool->stats.forks_detected++;
}

void msp_http_pool_free(msp_http_pool *pool)
{
	if (pool == NULL) {
		return;
	}
	if (pool_is_forked_copy(pool)) {
		pool_abandon_parent_state(pool);
	}
	for (size_t i = 0; i < pool->cap; i++) {
		handle_destroy(pool->slots[i]);
	}
	/* Handles first: a share still used by a handle refuses to be cleaned up. */
	if (pool->multi != NULL) {
		curl_multi_cleanup(pool->multi);
	}
	if (pool->share != NULL) {
		curl_share_cleanup(pool->share);
	}
	free(pool->slots);
	free(pool);
}

void msp_http_pool_stats(const msp_http_pool *pool, msp_http_stats *out)
{
	if (pool != NULL) {
		*out = pool->stats;
	} else {
		memset(out, 0, sizeof(*out));
	}
}

static bool pool_ensure_curl_objects(msp_http_pool *pool)
{
	if (pool->share == NULL) {
		pool->share = curl_share_init();
		if (pool->share == NULL) {
			return false;
		}
		/* Without locks: a pool is used by a single thread. */
		curl_share_setopt(pool->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
		curl_share_setopt(pool->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
		curl_share_setopt(pool->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
	}
	if (pool->multi == NULL) {
		pool->multi = curl_multi_init();
		if (pool->multi == NULL) {
			return false;
		}
		/* Idle connections kept: one per pooled handle. */
		curl_multi_setopt(pool->multi, CURLMOPT_MAXCONNECTS, (long)pool->cap);
	}
	return true;
}

/* A slot for a new handle: an empty one, else the least recently used idle one (evicted). */
static http_handle **pool_free_slot(msp_http_pool *pool)
{
	http_handle **lru = NULL;
	for (size_t i = 0; i < pool->cap; i++) {
		http_handle *h = pool->slots[i];
		if (h == NULL) {
			return &pool->slots[i];
		}
		if (!h->in_use && (lru == NULL || h->last_used < (*lru)->last_used)) {
			lru = &pool->slots[i];
		}
	}
	if (lru != NULL) {
		handle_destroy(*lru);
		*lru = NULL;
		pool->stats.handles_evicted++;
	}
	return lru;
}

static http_handle *pool_acquire(msp_http_pool *pool, const http_identity *id)
{
	for (size_t i = 0; i < pool->cap; i++) {
		http_handle *h = pool->slots[i];
		if (h != NULL && !h->in_use && identity_equal(&h->id, id)) {
			h->in_use = true;
			return h;
		}
	}
	http_handle *h = handle_new(id, pool->share);
	if (h == NULL) {
		return NULL;
	}
	pool->stats.handles_created++;
	http_handle **slot = pool_free_slot(pool);
	if (slot != NULL) {
		*slot = h;
		h->pooled = true;
	}
	h->in_use = true;
	return h;
}

/* ---- Calls and the transfer engine ------------------------------------------------------------ */

typedef enum {
	CALL_NEW = 0,
	CALL_WAITING, /* prepared, its next attempt starts at not_before_us */
	CALL_RUNNING,
	CALL_DONE,
} call_state;

struct http_call {
	const msp_http_request *req;
	msp_http_response *resp;
	msp_error *error;
	size_t index;
	http_handle *handle;
	call_state state;
	unsigned attempts;
	bool sent_any;
	uint64_t started_us;
	uint64_t deadline_us;
	uint64_t not_before_us;
	uint64_t attempt_started_us;
};

typedef struct {
	msp_http_pool *pool; /* NULL: no counters kept beyond this call */
	bool persistent;
	CURLM *multi;
	bool own_multi;
	CURLSH *batch_share; /* a non-persistent batch's TLS sessions (see engine_prepare_batch) */
	const msp_http_config *cfg;
	const char *base_url;
	const unsigned char *key; /* trimmed view into cfg->api_key */
	size_t key_len;
	http_identity identity;
	msp_http_stats *stats;
	msp_http_stats scratch_stats;
	size_t active;  /* calls holding a handle */
	size_t waiting; /* calls in CALL_WAITING: their next attempt is due at not_before_us */
	size_t done;
	/* A batch keeps the handles beyond the pool's slots for its next requests instead of destroying
	 * each after one answer: at most max_concurrency handles and connections serve the whole batch. */
	http_handle **spares;
	size_t spare_count;
	msp_http_done_fn on_done;
	void *done_ctx;
	/* Opening a batch's connections (see engine_start_calls) */
	size_t passes;              /* passes of engine_run() so far */
	size_t prev_begin;          /* the first call started by the previous pass */
	size_t completed;           /* calls completed since the last pass started calls */
	bool holding;               /* the first connection's session ticket is awaited */
	unsigned long hold_tickets; /* msp_tls_tickets_received() when the batch started */
	uint64_t hold_until_us;
	long kept_connections; /* the multi's CURLMOPT_MAXCONNECTS before the batch raised it; 0: untouched */
} http_engine;

static msp_status engine_open(
    http_engine *eng, msp_http_pool *pool, const msp_http_config *cfg, msp_error *err)
{
	memset(eng, 0, sizeof(*eng));
	eng->pool = pool;
	eng->cfg = cfg;
	eng->base_url = config_base_url(cfg);
	eng->stats = pool != NULL ? &pool->stats : &eng->scratch_stats;
	trimmed_key(cfg->api_key, &eng->key, &eng->key_len);
	eng->identity.base_url = eng->base_url;
	eng->identity.ca_file = cfg->ca_file;
	eng->identity.user_agent = cfg->user_agent;
	eng->identity.verify_tls = config_verifies_tls(cfg);
	eng->identity.max_response_bytes = cfg->max_response_bytes;
	if (cfg->key_digest_ready) {
		memcpy(eng->identity.key_digest, cfg->key_digest, KEY_DIGEST_LEN);
	} else if (!sha256(eng->key, eng->key_len, eng->identity.key_digest)) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "cannot hash the API key");
	}
	/* A nested call (from an event callback) must not drive the outer call's multi handle: it runs
	 * non-persistently. A fork is only acted upon outside any call. */
	if (pool != NULL && pool->depth == 0 && pool_is_forked_copy(pool)) {
		pool_abandon_parent_state(pool);
	}
	eng->persistent = pool != NULL && pool->cap > 0 && pool->depth == 0;
	if (eng->persistent && !pool_ensure_curl_objects(pool)) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "cannot create the connection pool");
	}
	if (eng->persistent) {
		eng->multi = pool->multi;
	} else {
		eng->multi = curl_multi_init();
		eng->own_multi = true;
		if (eng->multi == NULL) {
			return msp_error_set(err, MSP_ERR_NOMEM, 0, "cannot create a libcurl multi handle");
		}
	}
	if (pool != NULL) {
		pool->depth++;
	}
	return MSP_OK;
}

/* A batch of up to `concurrency` requests at a time: each may hold its own connection, and every
 * connection must survive its answer to serve the batch's next request. libcurl closes the oldest
 * idle connection whenever more than CURLMOPT_MAXCONNECTS are idle, and the pool keeps that at its
 * own size (msp.pool_size) to bound a worker's file descriptors: above it, nearly every request of a
 * batch opened a new connection (and TLS handshake). So the limit is raised for the batch and set
 * back after it; the extra idle connections are then closed by libcurl as later calls return theirs,
 * or after MAX_IDLE_CONN_S. Handles beyond the pool's slots are kept for the batch (spares). */
static msp_status engine_prepare_batch(http_engine *eng, size_t concurrency, msp_error *err)
{
	if (concurrency <= 1) {
		return MSP_OK;
	}
	eng->spares = calloc(concurrency, sizeof(*eng->spares));
	if (eng->spares == NULL) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "cannot allocate the batch's handles");
	}
	if (!eng->persistent) {
		/* the batch's own multi: libcurl's default keeps 4 per handle added, and they come and go */
		curl_multi_setopt(eng->multi, CURLMOPT_MAXCONNECTS, (long)concurrency);
		/* TLS sessions shared by the batch's handles, as a pool's are, so that its connections can
		 * resume one another's session (see engine_start_calls); without it each handle keeps its
		 * own. Not needed to run: the batch goes on without it. */
		eng->batch_share = curl_share_init();
		if (eng->batch_share != NULL) {
			curl_share_setopt(eng->batch_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
		}
	} else if (concurrency > eng->pool->cap) {
		eng->kept_connections = (long)eng->pool->cap;
		curl_multi_setopt(eng->multi, CURLMOPT_MAXCONNECTS, (long)concurrency);
	}
	return MSP_OK;
}

static void engine_close(http_engine *eng)
{
	for (size_t i = 0; i < eng->spare_count; i++) {
		handle_destroy(eng->spares[i]);
	}
	free(eng->spares);
	if (eng->kept_connections > 0) {
		curl_multi_setopt(eng->multi, CURLMOPT_MAXCONNECTS, eng->kept_connections);
	}
	if (eng->own_multi) {
		curl_multi_cleanup(eng->multi);
	}
	if (eng->batch_share != NULL) {
		curl_share_cleanup(eng->batch_share); /* after the handles and connections that used it */
	}
	if (eng->pool != NULL) {
		eng->pool->depth--;
	}
}

static http_handle *engine_acquire_handle(http_engine *eng)
{
	if (eng->spare_count > 0) {
		http_handle *h = eng->spares[--eng->spare_count];
		h->in_use = true;
		return h;
	}
	if (eng->persistent) {
		return pool_acquire(eng->pool, &eng->identity);
	}
	http_handle *h = handle_new(&eng->identity, eng->batch_share);
	if (h != NULL) {
		h->in_use = true;
		eng->stats->handles_created++;
	}
	return h;
}

static void engine_release_handle(http_engine *eng, http_handle *h)
{
	handle_forget_call(h);
	if (h->pooled) {
		h->in_use = false;
		h->last_used = ++eng->pool->clock;
	} else if (eng->spares != NULL) {
		h->in_use = false;
		eng->spares[eng->spare_count++] = h; /* never more than the handles in flight at once */
	} else {
		handle_destroy(h);
	}
}

static void call_complete(http_engine *eng, http_call *c, uint64_t now)
{
	c->resp->attempts = c->attempts;
	c->resp->duration_us = now - c->started_us;
	c->resp->body_may_have_been_sent = c->sent_any;
	if (c->handle != NULL) {
		engine_release_handle(eng, c->handle);
		c->handle = NULL;
		eng->active--;
	}
	eng->waiting -= c->state == CALL_WAITING ? 1u : 0u;
	c->state = CALL_DONE;
	eng->done++;
	eng->completed++;
	if (eng->on_done != NULL) {
		eng->on_done(eng->done_ctx, c->index, c->resp, c->error);
	}
}

static void call_fail(http_engine *eng, http_call *c, msp_status status, uint64_t now, const char *message)
{
	msp_error_set(c->error, status, 0, "%s", message);
	call_complete(eng, c, now);
}

/* Acquires a handle and sets the per-call options: URL, headers, method. */
static void call_begin(http_engine *eng, http_call *c, uint64_t now)
{
	c->started_us = now;
	c->deadline_us = now + (uint64_t)eng->cfg->timeout_ms * 1000u;
	if (validate_request(c->req, c->error) != MSP_OK) {
		call_complete(eng, c, now);
		return;
	}
	http_handle *h = engine_acquire_handle(eng);
	if (h == NULL) {
		call_fail(eng, c, MSP_ERR_NOMEM, now, "cannot create a libcurl handle");
		return;
	}
	c->handle = h;
	h->call = c;
	eng->active++;
	if (!handle_build_url(h, eng->base_url, c->req, eng->cfg->locale) ||
	    !handle_build_headers(h, eng->key, eng->key_len, method_has_body(c->req->method)) ||
	    !handle_set_method(h, c->req)) {
		call_fail(eng, c, MSP_ERR_NOMEM, now, "cannot set up the HTTP request");
		return;
	}
	c->state = CALL_WAITING;
	eng->waiting++;
	c->not_before_us = now;
}

static void handle_reset_attempt(http_handle *h)
{
	body_discard(h);
	h->body_too_large = false;
	h->body_nomem = false;
	h->prereq_calls = 0;
	h->reused_sends = 0;
	h->connects_seen = 0;
	h->last_send_reused = false;
	h->resend_refused = false;
	h->errbuf[0] = '\0';
}

static long remaining_ms(const http_call *c, uint64_t now)
{
	if (now >= c->deadline_us) {
		return 1;
	}
	uint64_t ms = (c->deadline_us - now + 999u) / 1000u;
	return ms > (uint64_t)MAX_TIMEOUT_MS ? MAX_TIMEOUT_MS : (long)ms;
}

static void call_finish_attempt(http_engine *eng, http_call *c, CURLcode rc, uint64_t now);

static void call_start_attempt(http_engine *eng, http_call *c, uint64_t now)
{
	http_handle *h = c->handle;
	long budget = remaining_ms(c, now);
	long connect = eng->cfg->connect_timeout_ms < budget ? eng->cfg->connect_timeout_ms : budget;
	handle_reset_attempt(h);
	c->attempts++;
	c->attempt_started_us = now;
	c->state = CALL_RUNNING;
	eng->waiting--; /* started from CALL_WAITING only */
	if (!set_long(h->easy, CURLOPT_TIMEOUT_MS, budget) ||
	    !set_long(h->easy, CURLOPT_CONNECTTIMEOUT_MS, connect) ||
	    curl_multi_add_handle(eng->multi, h->easy) != CURLM_OK) {
		call_finish_attempt(eng, c, CURLE_FAILED_INIT, now);
	}
}

static bool curl_code_is_transient(CURLcode rc)
{
	switch (rc) {
		case CURLE_COULDNT_RESOLVE_HOST:
		case CURLE_COULDNT_CONNECT:
		case CURLE_PARTIAL_FILE:
		case CURLE_OPERATION_TIMEDOUT:
		case CURLE_SSL_CONNECT_ERROR:
		case CURLE_GOT_NOTHING:
		case CURLE_SEND_ERROR:
		case CURLE_RECV_ERROR:
			return true;
		default:
			return false;
	}
}

/* api.md §1: 501 and 503 mean "API unavailable"; 500, 502 and 504 are the usual transient gateway answers. */
static bool http_status_is_transient(long status)
{
	return status >= 500 && status <= 504;
}

static uint64_t backoff_delay_ms(const msp_http_retry_policy *retry, unsigned retry_number)
{
	uint64_t delay = retry->first_delay_ms;
	for (unsigned k = 1; k < retry_number && delay < retry->max_delay_ms; k++) {
		delay *= 4;
	}
	return delay < retry->max_delay_ms ? delay : retry->max_delay_ms;
}

/* Only GET is retried here; POST/PATCH outcomes are left to the caller (look the order up). */
static bool call_should_retry(
    const http_engine *eng, const http_call *c, CURLcode rc, long status, uint64_t now, uint64_t *delay_us)
{
	const msp_http_retry_policy *retry = &eng->cfg->retry;
	if (c->req->method != MSP_HTTP_GET || c->attempts >= retry->max_attempts) {
		return false;
	}
	if (rc == CURLE_OK ? !http_status_is_transient(status) : !curl_code_is_transient(rc)) {
		return false;
	}
	*delay_us = backoff_delay_ms(retry, c->attempts) * 1000u;
	return now + *delay_us + (uint64_t)MIN_ATTEMPT_MS * 1000u <= c->deadline_us;
}

static CURLcode effective_curl_code(const http_handle *h, CURLcode rc)
{
	if (h->body_too_large) {
		return CURLE_FILESIZE_EXCEEDED;
	}
	if (h->body_nomem) {
		return CURLE_OUT_OF_MEMORY;
	}
	if (h->resend_refused) {
		return CURLE_GOT_NOTHING;
	}
	return rc;
}

static void emit_event(const http_engine *eng, const http_call *c, CURLcode rc, long status, bool reused,
    bool will_retry, uint64_t now)
{
	if (eng->cfg->on_event == NULL) {
		return;
	}
	msp_http_event ev = {
	    .method = c->req->method,
	    .method_name = msp_http_method_name(c->req->method),
	    .path = c->req->path,
	    .index = c->index,
	    .attempt = c->attempts,
	    .http_status = status,
	    .curl_code = (int)rc,
	    .connection_reused = reused,
	    .will_retry = will_retry,
	    .duration_us = now - c->attempt_started_us,
	    .request_body_len = c->req->body != NULL ? c->req->body->len : 0,
	    .response_body_len = c->handle->body_len,
	};
	eng->cfg->on_event(eng->cfg->event_ctx, &ev);
}

static void call_set_network_error(const http_engine *eng, http_call *c, CURLcode rc)
{
	const http_handle *h = c->handle;
	const char *detail = h->errbuf;
	char limit[96];
	if (h->body_too_large) {
		snprintf(limit, sizeof(limit), "response body larger than %zu bytes", eng->cfg->max_response_bytes);
		detail = limit;
	} else if (h->resend_refused) {
		detail = "connection closed without a response after the request was sent; not re-sent";
	}
	msp_error_set(c->error, MSP_ERR_NETWORK, (int)rc, "%s failed after %u attempt%s: %s%s%s",
	    msp_http_method_name(c->req->method), c->attempts, c->attempts == 1 ? "" : "s",
	    curl_easy_strerror(rc), detail[0] != '\0' ? ": " : "", detail);
}

/* Hands the outcome of the last attempt to the response. */
static void call_conclude(http_engine *eng, http_call *c, CURLcode rc, long status, bool reused, uint64_t now)
{
	http_handle *h = c->handle;
	msp_http_response *resp = c->resp;
	resp->http_status = status;
	resp->curl_code = (int)rc;
	resp->connection_reused = reused;
	if (rc == CURLE_OK) {
		if (h->body == NULL && !body_reserve(h, 0)) {
			call_fail(eng, c, MSP_ERR_NOMEM, now, "cannot allocate the response body");
			return;
		}
		resp->body = h->body;
		resp->body_len = h->body_len;
		resp->body_cap = h->body_cap;
		h->body = NULL;
		h->body_len = 0;
		h->body_cap = 0;
		msp_error_clear(c->error);
	} else {
		call_set_network_error(eng, c, rc);
	}
	call_complete(eng, c, now);
}

static void call_finish_attempt(http_engine *eng, http_call *c, CURLcode rc, uint64_t now)
{
	http_handle *h = c->handle;
	long status = 0;
	long connects = 0;
	curl_multi_remove_handle(eng->multi, h->easy);
	curl_easy_getinfo(h->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(h->easy, CURLINFO_NUM_CONNECTS, &connects);
#if !MSP_CURL_PREREQFUNCTION
	handle_infer_sends(h, connects);
#endif
	rc = effective_curl_code(h, rc);
	bool sent = h->prereq_calls > 0;
	bool reused = sent && h->last_send_reused;
	msp_http_stats *stats = eng->stats;
	stats->connections_opened += (uint64_t)connects;
	stats->connections_reused += h->reused_sends;
	stats->requests_sent += h->prereq_calls;
	stats->resends_refused += h->resend_refused ? 1u : 0u;
	c->sent_any = c->sent_any || sent || rc == CURLE_OK;

	uint64_t delay_us = 0;
	bool will_retry = call_should_retry(eng, c, rc, status, now, &delay_us);
	emit_event(eng, c, rc, status, reused, will_retry, now);
	if (will_retry) {
		stats->retries++;
		body_discard(h);
		c->state = CALL_WAITING;
		eng->waiting++;
		c->not_before_us = now + delay_us;
	} else {
		call_conclude(eng, c, rc, status, reused, now);
	}
}

static void engine_start_due_attempts(http_engine *eng, http_call *calls, size_t started, uint64_t now)
{
	for (size_t i = 0; i < started && eng->waiting > 0; i++) {
		if (calls[i].state == CALL_WAITING && calls[i].not_before_us <= now) {
			call_start_attempt(eng, &calls[i], now);
		}
	}
}

static void engine_collect_finished(http_engine *eng)
{
	CURLMsg *msg;
	int queued;
	while ((msg = curl_multi_info_read(eng->multi, &queued)) != NULL) {
		if (msg->msg != CURLMSG_DONE) {
			continue;
		}
		char *private_ptr = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &private_ptr);
		http_handle *h = (http_handle *)(void *)private_ptr;
		CURLcode rc = msg->data.result; /* msg is invalid once the handle is removed */
		if (h != NULL && h->call != NULL && h->call->state == CALL_RUNNING) {
			call_finish_attempt(eng, h->call, rc, now_us());
		}
	}
}

/* How long to sleep in curl_multi_poll: until the next backoff expires, at most POLL_CAP_MS (libcurl
 * shortens it further for its own timers). */
static int engine_wait_ms(
    const http_engine *eng, const http_call *calls, size_t started, bool can_start_more, uint64_t now)
{
	if (can_start_more) {
		return 0;
	}
	uint64_t wait_us = (uint64_t)POLL_CAP_MS * 1000u;
	for (size_t i = 0; i < started && eng->waiting > 0; i++) {
		if (calls[i].state == CALL_WAITING) {
			uint64_t until = calls[i].not_before_us > now ? calls[i].not_before_us - now : 0;
			wait_us = until < wait_us ? until : wait_us;
		}
	}
	return (int)((wait_us + 999u) / 1000u);
}

/* A broken multi handle (out of memory inside libcurl): every unfinished call fails. */
static void engine_abort(http_engine *eng, http_call *calls, size_t n, CURLMcode mc, uint64_t now)
{
	for (size_t i = 0; i < n; i++) {
		http_call *c = &calls[i];
		if (c->state == CALL_DONE) {
			continue;
		}
		if (c->state == CALL_RUNNING) {
			curl_multi_remove_handle(eng->multi, c->handle->easy);
		}
		msp_error_set(c->error, MSP_ERR_NETWORK, CURLE_FAILED_INIT, "libcurl multi interface failed: %s",
		    curl_multi_strerror(mc));
		c->sent_any = c->sent_any || c->state == CALL_RUNNING;
		call_complete(eng, c, now);
	}
}

/* ---- Opening a batch's connections -------------------------------------------------------------
 * A call that finds no kept-alive connection opens one, and over https its TLS handshake costs the
 * client about a millisecond of CPU with OpenSSL 3.0 (the SSL_CTX libcurl makes per connection, the
 * key exchange, and for a full handshake the server's certificate decoded, its chain and signature
 * verified) and costs the server a signature. Opened all at once, a batch's connections each got as
 * far as its ClientHello before any finished its handshake, one after the other in a single
 * curl_multi_perform(), and the handshakes were then finished in another: at concurrency 32 on
 * loopback the first request went out after about 7 ms, the last after about 40, and the first
 * answers, due at 27 ms, were read at 44.
 *
 * So a batch opens its connections one per pass (one curl_multi_perform(), with no wait between
 * passes while calls remain to start): each connection sends its request as soon as its own
 * handshake is done, while the next ones are being set up. Calls that found a kept-alive connection,
 * and calls that completed (leaving theirs idle), let as many more start in the next pass, so a
 * batch on warm connections starts at once and a finished call is replaced in the same pass.
 *
 * Over https the first connection also waits for its session ticket before the others open (TLS
 * 1.3 sends it after the handshake), so that they can resume its session: no certificate to decode
 * and verify on the client, no signature on the server. libcurl keeps the latest ticket per host in
 * the pool's share (CURL_LOCK_DATA_SSL_SESSION: every handle of the pool and of the batch uses it),
 * and OpenSSL offers a TLS 1.3 session for one resumption only, so each later connection resumes
 * when a ticket arrived since the previous one opened (at concurrency 32 on loopback, 18 to 31 of
 * the 32) and makes a full handshake otherwise. Resumption is libcurl's and changes nothing of verification:
 * a session is only offered to the same host and port with the same TLS version, ciphers and CA configuration
 * (the one process-wide shared store, or the same CA file), and libcurl checks the host name against the
 * certificate the session holds and the outcome of its chain verification, as after a full handshake. */

/* The longest the first connection's ticket is waited for. A resumed handshake saves the client
 * about 0.35 ms of CPU with OpenSSL 3.0 (here 0.95 against 1.3 ms for a connection and its request)
 * and the server a signature; at concurrency 32 on loopback the wait made about 4 more of the 31
 * later connections resume (the others are decided by the pacing above). So the wait is bounded by
 * 0.5 ms per connection still to open, at most HOLD_FOR_SESSION_MAX_MS. On loopback the ticket comes
 * about 2.5 ms after the first connection started; from a distant server (one round trip after the
 * handshake) the wait ends at the bound and the other connections make full handshakes, as before. */
#define HOLD_PER_CONNECTION_US  500u
#define HOLD_FOR_SESSION_MAX_MS 5u

/* A call started in the previous pass that is no longer waiting for a connection of its own: it
 * found a kept-alive one (its request went out in that same pass) or it is already over. */
static bool call_found_connection(const http_call *c)
{
	return c->state == CALL_DONE || (c->handle != NULL && c->handle->prereq_calls > 0);
}

/* After the first pass: when the first call is opening a new TLS connection, the others wait for its
 * session ticket (see above). */
static void engine_hold_for_session(http_engine *eng, const http_call *first, size_t connections)
{
	/* Without the pre-request callback (libcurl before 7.80) a call that took a kept-alive
	 * connection cannot be told from one still opening its own: no wait then. */
	if (!MSP_CURL_PREREQFUNCTION || connections < 2 || !msp_tls_ctx_hook_usable() ||
	    !starts_with(eng->base_url, "https://") || first->state != CALL_RUNNING ||
	    call_found_connection(first)) {
		return;
	}
	uint64_t bound_us = (uint64_t)(connections - 1) * HOLD_PER_CONNECTION_US;
	uint64_t cap_us = (uint64_t)HOLD_FOR_SESSION_MAX_MS * 1000u;
	eng->holding = true;
	eng->hold_until_us = first->started_us + (bound_us < cap_us ? bound_us : cap_us);
}

/* The wait ends with a ticket, with the end of the first call's attempt, or at the bound. */
static void engine_check_hold(http_engine *eng, const http_call *first, uint64_t now)
{
	if (eng->holding && (msp_tls_tickets_received() != eng->hold_tickets || first->state != CALL_RUNNING ||
	                        now >= eng->hold_until_us)) {
		eng->holding = false;
	}
}

/* How many calls this pass may start (see above). */
static size_t engine_start_budget(
    http_engine *eng, const http_call *calls, size_t prev_begin, size_t prev_end)
{
	if (eng->holding) {
		return 0;
	}
	size_t budget = 1 + eng->completed;
	for (size_t i = prev_begin; i < prev_end; i++) {
		budget += call_found_connection(&calls[i]) ? 1u : 0u;
	}
	eng->completed = 0;
	return budget;
}

/* Starts this pass's calls; returns how many calls have been started so far. */
static size_t engine_start_calls(
    http_engine *eng, http_call *calls, size_t n, size_t max_concurrency, size_t started, uint64_t now)
{
	if (started == 1 && eng->passes == 1) {
		engine_hold_for_session(eng, &calls[0], n < max_concurrency ? n : max_concurrency);
	}
	engine_check_hold(eng, &calls[0], now);
	size_t budget = engine_start_budget(eng, calls, eng->prev_begin, started);
	eng->prev_begin = started;
	eng->passes++;
	for (; eng->active < max_concurrency && started < n && budget > 0; budget--) {
		call_begin(eng, &calls[started++], now);
	}
	return started;
}

/* How long curl_multi_poll may wait: not at all while calls can start now; while the first
 * connection's ticket is awaited, until the bound at most (the ticket comes on a socket and wakes
 * the poll earlier). */
static int engine_poll_ms(http_engine *eng, const http_call *calls, size_t started, bool can_start_more)
{
	uint64_t now = now_us();
	engine_check_hold(eng, &calls[0], now);
	int wait_ms = engine_wait_ms(eng, calls, started, can_start_more && !eng->holding, now);
	if (eng->holding && eng->hold_until_us - now < (uint64_t)wait_ms * 1000u) {
		wait_ms = (int)((eng->hold_until_us - now + 999u) / 1000u);
	}
	return wait_ms;
}

static void engine_run(http_engine *eng, http_call *calls, size_t n, size_t max_concurrency)
{
	size_t started = 0;
	eng->hold_tickets = msp_tls_tickets_received();
	while (eng->done < n) {
		uint64_t now = now_us();
		started = engine_start_calls(eng, calls, n, max_concurrency, started, now);
		engine_start_due_attempts(eng, calls, started, now);
		int running = 0;
		CURLMcode mc = curl_multi_perform(eng->multi, &running);
		if (mc == CURLM_OK) {
			engine_collect_finished(eng);
		}
		if (mc == CURLM_OK && eng->done < n) {
			bool can_start_more = eng->active < max_concurrency && started < n;
			mc = curl_multi_poll(
			    eng->multi, NULL, 0, engine_poll_ms(eng, calls, started, can_start_more), NULL);
		}
		if (mc != CURLM_OK) {
			engine_abort(eng, calls, n, mc, now_us());
		}
	}
}

/* ---- Public entry points ---------------------------------------------------------------------- */

msp_status msp_http_perform(msp_http_pool *pool, const msp_http_config *cfg, const msp_http_request *req,
    msp_http_response *resp, msp_error *err)
{
	if (resp != NULL) {
		memset(resp, 0, sizeof(*resp));
	}
	if (req == NULL || resp == NULL) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "missing request or response");
	}
	msp_status st = config_validate_for_call(cfg, err);
	if (st != MSP_OK) {
		return st;
	}
	http_engine eng;
	st = engine_open(&eng, pool, cfg, err);
	if (st != MSP_OK) {
		return st;
	}
	msp_error call_err;
	msp_error_clear(&call_err);
	http_call call = {.req = req, .resp = resp, .error = &call_err};
	engine_run(&eng, &call, 1, 1);
	engine_close(&eng);
	if (call_err.status != MSP_OK && err != NULL) {
		*err = call_err;
	}
	return call_err.status;
}

msp_status msp_http_perform_many(msp_http_pool *pool, const msp_http_config *cfg,
    const msp_http_request *reqs, size_t n, msp_http_response *resps, msp_error *errors,
    size_t max_concurrency, msp_error *err)
{
	return msp_http_perform_many_each(pool, cfg, reqs, n, resps, errors, max_concurrency, NULL, NULL, err);
}

msp_status msp_http_perform_many_each(msp_http_pool *pool, const msp_http_config *cfg,
    const msp_http_request *reqs, size_t n, msp_http_response *resps, msp_error *errors,
    size_t max_concurrency, msp_http_done_fn on_done, void *done_ctx, msp_error *err)
{
	if (n > 0 && (reqs == NULL || resps == NULL)) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "missing requests or responses");
	}
	for (size_t i = 0; i < n; i++) {
		memset(&resps[i], 0, sizeof(resps[i]));
		msp_error_clear(errors != NULL ? &errors[i] : NULL);
	}
	msp_status st = config_validate_for_call(cfg, err);
	if (st != MSP_OK || n == 0) {
		return st;
	}
	http_call *calls = calloc(n, sizeof(*calls));
	if (calls == NULL) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "cannot allocate %zu calls", n);
	}
	for (size_t i = 0; i < n; i++) {
		calls[i] = (http_call){
		    .req = &reqs[i], .resp = &resps[i], .error = errors != NULL ? &errors[i] : NULL, .index = i};
	}
	http_engine eng;
	st = engine_open(&eng, pool, cfg, err);
	if (st == MSP_OK) {
		size_t limit = max_concurrency > 0 ? max_concurrency : MSP_HTTP_DEFAULT_CONCURRENCY;
		limit = limit < n ? limit : n;
		eng.on_done = on_done;
		eng.done_ctx = done_ctx;
		st = engine_prepare_batch(&eng, limit, err);
		if (st == MSP_OK) {
			engine_run(&eng, calls, n, limit);
		}
		engine_close(&eng);
	}
	free(calls);
	return st;
}

void msp_http_response_free(msp_http_response *resp)
{
	if (resp == NULL) {
		return;
	}
	if (resp->body != NULL) {
		/* Only what was written: the rest of the block was never written, or was wiped before. */
		msp_secure_wipe(resp->body, resp->body_len + 1);
		give_back_body(resp->body, resp->body_cap);
	}
	memset(resp, 0, sizeof(*resp));
}
