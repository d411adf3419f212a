/* libcurl transport for the MultiSafepay JSON API.
 *
 * One call = one logical request: msp_http_perform() builds the URL (base_url + escaped path + query +
 * locale), sends the API key as the `api_key` header only, and returns the HTTP status and body. The HTTP
 * status is not an error here (api.md §1: the JSON `success` field decides); only transport failures are
 * (MSP_ERR_NETWORK, reason = CURLcode).
 *
 * Persistence. An msp_http_pool keeps up to `cap` idle easy handles, keyed by (base_url, SHA-256 of the
 * trimmed API key, TLS settings, user agent, body cap): never the raw key. Every persistent transfer runs
 * on the pool's single multi handle and shares one CURLSH (DNS, TLS sessions, connection cache), so a
 * worker parses the CA bundle once (libcurl 7.88 caches the X509 store per multi handle, and only when
 * no CA directory is set: the CApath compiled into Debian's libcurl is therefore dropped whenever a
 * bundle file is in use) and reuses its keep-alive connections across PHP requests. The binding keeps one
 * pool per process (NTS) or per thread (ZTS, module globals): a pool is not thread-safe and needs no locks
 * because only its thread touches it. A pool notices a fork (a pthread_atfork handler counts forks; getpid()
 * as a fallback) and then abandons the parent's libcurl objects without cleaning them up, because
 * curl_easy/multi/share cleanup could write a TLS close_notify on sockets the parent still uses; the child
 * leaks them (and its copies of the parent's socket descriptors) and starts afresh.
 *
 * Secrets. The API key is read from the caller's msp_secbuf at every call, copied into a secure buffer
 * owned by the handle and wiped after the call; header list nodes point into that buffer (no
 * curl_slist_append strdup). The request body is passed with CURLOPT_POSTFIELDS (no COPYPOSTFIELDS).
 * libcurl still copies both into its own request buffer (bodies under 64 KiB travel in the same send
 * as the headers, and over HTTPS once more into its upload buffer): msp_http_global_init_after()
 * therefore installs a libcurl allocator that wipes every block it frees, also when another module
 * initialised libcurl first (see msp_http_global_wipe_state()). The error buffer and events never
 * contain the key or bodies. */
#ifndef MSP_CORE_HTTP_H
#define MSP_CORE_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "secmem.h"

#define MSP_HTTP_TEST_BASE_URL "https://testapi.multisafepay.com/v1/json/"
#define MSP_HTTP_LIVE_HOST     "api.multisafepay.com"
#define MSP_HTTP_LIVE_BASE_URL "https://" MSP_HTTP_LIVE_HOST "/v1/json/"

/* Defaults applied by msp_http_config_init(). */
#define MSP_HTTP_DEFAULT_TIMEOUT_MS         30000L /* whole call, retries and backoff included */
#define MSP_HTTP_DEFAULT_CONNECT_TIMEOUT_MS 10000L /* per attempt, TCP + TLS handshake */
#define MSP_HTTP_DEFAULT_MAX_RESPONSE_BYTES (4u * 1024u * 1024u)
#define MSP_HTTP_DEFAULT_MAX_ATTEMPTS       3u
#define MSP_HTTP_DEFAULT_FIRST_DELAY_MS     50u   /* backoff before retry k is first_delay * 4^(k-1) */
#define MSP_HTTP_DEFAULT_MAX_DELAY_MS       1000u /* cap of a single backoff delay */
#define MSP_HTTP_DEFAULT_USER_AGENT         "msp"
#define MSP_HTTP_DEFAULT_POOL_CAP           8u
#define MSP_HTTP_DEFAULT_CONCURRENCY        8u

typedef enum {
	MSP_HTTP_GET = 0,
	MSP_HTTP_POST,
	MSP_HTTP_PATCH,
} msp_http_method;

/* One event per HTTP attempt, for logging. It carries no query string, no header and no body: the caller
 * has the request body and the response (msp_http_response.body) and redacts them itself. */
typedef struct {
	msp_http_method method;
	const char *method_name; /* "GET", "POST", "PATCH" */
	const char *path;        /* relative path as sent (already escaped), without query */
	size_t index;            /* position in the batch; 0 for msp_http_perform() */
	unsigned attempt;        /* 1-based */
	long http_status;        /* 0 when no response arrived */
	int curl_code;           /* CURLcode of this attempt (CURLE_OK = 0) */
	bool connection_reused;
	bool will_retry; /* another attempt follows after a backoff delay */
	uint64_t duration_us;
	size_t request_body_len;
	size_t response_body_len;
} msp_http_event;

typedef void (*msp_http_event_fn)(void *ctx, const msp_http_event *ev);

/* Retries apply to GET only; POST and PATCH are sent at most once per call (see msp_http_perform). */
typedef struct {
	unsigned max_attempts;   /* 1..10, first attempt included */
	unsigned first_delay_ms; /* 0..60000; delay k = first_delay_ms * 4^(k-1), capped by max_delay_ms */
	unsigned max_delay_ms;   /* 0..60000 */
} msp_http_retry_policy;

typedef struct {
	const char *base_url; /* must end with '/'; NULL = the test or live URL according to `live` */
	bool live;            /* live environment: https only, verification forced on */
	bool verify_tls;      /* peer + host verification; refused off for live, forced on there anyway */
	/* "Live" is the live environment or a base_url on MSP_HTTP_LIVE_HOST, whatever `live` says. TLS is
	 * 1.2 or 1.3 with forward-secret AEAD suites only, for every environment. */
	long timeout_ms;           /* > 0: bounds the whole call (every attempt and backoff); never infinite */
	long connect_timeout_ms;   /* > 0: bounds the connect + TLS handshake of one attempt */
	const char *ca_file;       /* optional CA bundle; NULL = libcurl's default */
	const char *user_agent;    /* printable ASCII; NULL = no User-Agent header */
	const char *locale;        /* optional "xx_YY", sent as ?locale= / &locale= */
	const msp_secbuf *api_key; /* required; trimmed of surrounding whitespace before use */
	size_t max_response_bytes; /* response body cap; larger answers fail with CURLE_FILESIZE_EXCEEDED */
	msp_http_retry_policy retry;
	msp_http_event_fn on_event; /* optional; may re-enter msp_http_perform() (runs non-persistently) */
	void *event_ctx;
	/* Set by msp_http_config_prepare(): the SHA-256 of the trimmed key, which names this key's pooled
	 * handles, so that it is not recomputed for every call. Without it each call hashes the key. */
	unsigned char key_digest[32];
	bool key_digest_ready;
	/* Also set by msp_http_config_prepare(): what it validated. A call with the same strings (the
	 * same pointers, which a Client never changes) and flags validates only its timeouts and
	 * retries again, which the caller may cut per call. */
	struct {
		const char *base_url, *locale, *user_agent, *ca_file;
		const msp_secbuf *api_key;
		size_t api_key_len, max_response_bytes;
		bool live, verify_tls;
	} prepared;
} msp_http_config;

typedef struct {
	msp_http_method method;
	const char *path;       /* relative to base_url, already escaped (msp_http_path_escape), no leading '/' */
	const char *query;      /* optional, already encoded, without '?'; never put secrets here (logs) */
	const msp_secbuf *body; /* compact JSON for POST/PATCH; must be NULL for GET */
} msp_http_request;

typedef struct {
	long http_status; /* 0 when no response arrived */
	char *body; /* heap, NUL-terminated; "" when empty; NULL on failure. Free with msp_http_response_free */
	size_t body_len;
	size_t body_cap;        /* bytes allocated for body (0: unknown), for msp_http_response_free */
	int curl_code;          /* CURLcode of the last attempt */
	bool connection_reused; /* the last attempt ran on a kept-alive connection */
	/* True when any attempt of this call got as far as writing the request on a connection (TCP and TLS
	 * established, libcurl's pre-request callback ran): the server may have received and processed it.
	 * False means provably nothing was sent (DNS failure, connect refused or timed out, TLS handshake
	 * failure, invalid URL): a POST may then be sent again safely. Always true when a response arrived. */
	bool body_may_have_been_sent;
	unsigned attempts;
	uint64_t duration_us; /* whole call, backoff included */
} msp_http_response;

typedef struct {
	uint64_t requests_sent;      /* requests written on a connection (libcurl's own GET resends included) */
	uint64_t connections_opened; /* CURLINFO_NUM_CONNECTS summed */
	uint64_t connections_reused; /* requests sent on a kept-alive connection */
	uint64_t handles_created;
	uint64_t handles_evicted; /* idle handles cleaned up to make room for another key */
	uint64_t retries;         /* attempts beyond the first */
	uint64_t resends_refused; /* libcurl's automatic re-send of a POST/PATCH refused */
	uint64_t forks_detected;
} msp_http_stats;

typedef struct msp_http_pool msp_http_pool;

/* Process-wide libcurl set-up, once from MINIT (curl_global_init is not thread-safe); cleanup from
 * MSHUTDOWN. Calls nest: the last cleanup releases libcurl. Installs msp's wiping allocator when libcurl
 * is not initialised yet. */
msp_status msp_http_global_init(void);
/* The same, for a process where others may have initialised libcurl first: known_refs is how many
 * libcurl references the caller knows to be held by code that took them with curl_global_init() and
 * has no libcurl object yet (PHP's ext/curl after its MINIT: 1). When libcurl turns out to be already
 * initialised, msp drops at most that many references to re-initialise libcurl with its allocator,
 * then restores them (see http.c for why this is sound). Only from module start-up, before any
 * transfer. */
msp_status msp_http_global_init_after(unsigned known_refs);
void msp_http_global_cleanup(void);

/* Whether libcurl's freed buffers are wiped, as decided by the first msp_http_global_init*() call. */
typedef enum {
	/* This platform cannot tell the size of a heap block: no wiping allocator exists. */
	MSP_HTTP_WIPE_OFF_UNSUPPORTED = 0,
	/* libcurl was initialised by code msp could not account for (more references than known_refs):
	 * left as it was, with whatever allocator it has. */
	MSP_HTTP_WIPE_OFF_FOREIGN,
	/* msp initialised libcurl first and installed its allocator. */
	MSP_HTTP_WIPE_INSTALLED,
	/* libcurl had been initialised by the known users; msp re-initialised it with its allocator. */
	MSP_HTTP_WIPE_TAKEN_OVER,
} msp_http_wipe_state;

msp_http_wipe_state msp_http_global_wipe_state(void);

/* True when libcurl allocates through msp's wiping allocator (INSTALLED or TAKEN_OVER). When false,
 * copies of the key and bodies may survive in freed libcurl memory. */
bool msp_http_global_wipes_libcurl_heap(void);

/* The libcurl features newer than 7.68 this build of msp uses: false where the libcurl it was built
 * against lacks one (or MSP_CURL_COMPAT hid it) and a fallback stands in (see http.c). */
typedef struct {
	bool prereq_callback; /* CURLOPT_PREREQFUNCTION (7.80); else POST and PATCH open their own connection */
	bool conn_lifetime;   /* CURLOPT_MAXLIFETIME_CONN (7.80) */
	bool default_ca_info; /* CURLINFO_CAINFO (7.84) */
	bool protocols_str;   /* CURLOPT_PROTOCOLS_STR (7.85); else CURLOPT_PROTOCOLS */
	bool ca_cache;        /* CURLOPT_CA_CACHE_TIMEOUT (7.87) */
} msp_http_curl_features;

msp_http_curl_features msp_http_curl_features_used(void);

/* Fills *cfg with the defaults above: test environment, verification on, no key. */
void msp_http_config_init(msp_http_config *cfg);

/* Refuses: timeouts <= 0, live (environment or host) without verification or over plain http, a base
 * URL that is not http(s)://host.../ (trailing '/', no query, fragment, userinfo or whitespace), a
 * locale that is not xx_YY, a user agent with control characters, a missing or empty key or one with
 * control characters, retry values out of range. */
msp_status msp_http_config_validate(const msp_http_config *cfg, msp_error *err);
/* Validates cfg and computes what every call would otherwise compute again (the key's digest). For
 * a configuration that stays as it is, such as a Client's: change api_key afterwards and the
 * digest no longer matches it (prepare again). */
msp_status msp_http_config_prepare(msp_http_config *cfg, msp_error *err);

/* Percent-encodes one path segment per RFC 3986: A-Z a-z 0-9 - . _ ~ are kept, every other byte
 * (including '/', space, '%' and UTF-8 bytes) becomes %XX. *out is malloc'ed, NUL-terminated, freed by
 * the caller with free(). Refuses (MSP_ERR_INVALID) an empty id and the ids "." and "..", which URL
 * normalisation would turn into another resource. */
msp_status msp_http_path_escape(const char *id, size_t len, char **out);

/* A pool keeping up to cap idle handles; cap 0 = non-persistent (a fresh handle and connection per call,
 * counters still kept). Returns NULL when out of memory. */
msp_http_pool *msp_http_pool_new(size_t cap);

/* Cleans up handles, connections and caches. In a forked child it only frees msp's own memory and
 * abandons the parent's libcurl objects. NULL is accepted. */
void msp_http_pool_free(msp_http_pool *pool);

void msp_http_pool_stats(const msp_http_pool *pool, msp_http_stats *out);

/* Performs one request. pool may be NULL (non-persistent, no counters). Returns MSP_OK when an HTTP
 * response arrived, whatever its status; MSP_ERR_NETWORK (reason = CURLcode) on transport failure,
 * including a response over max_response_bytes (CURLE_FILESIZE_EXCEEDED); MSP_ERR_INVALID for a bad
 * config or request; MSP_ERR_NOMEM. *resp is always initialised; free it with msp_http_response_free.
 *
 * Retry policy: a GET is retried on connect/reset/timeout/empty-reply/truncated-body errors and on HTTP
 * 500-504, up to retry.max_attempts, with backoff 50 ms, 200 ms, ... while the timeout budget lasts.
 * A POST or PATCH is never sent twice: not by msp, and not by libcurl, whose automatic re-send on a
 * reused connection that died is refused (reported as CURLE_GOT_NOTHING). On failure the caller reads
 * body_may_have_been_sent to decide between re-sending and looking the order up with GET. */
msp_status msp_http_perform(msp_http_pool *pool, const msp_http_config *cfg, const msp_http_request *req,
    msp_http_response *resp, msp_error *err);

/* Performs n requests concurrently (at most max_concurrency at a time; 0 = default 8) with the same
 * retry policy per request. Every resps[i] is initialised; errors[i] (optional array of n) receives each
 * request's status. Returns MSP_OK when the batch ran, even if some requests failed; an error only for
 * invalid arguments or when the batch itself could not run. A batch opens at most max_concurrency
 * connections and keeps them (and their handles) for all its requests, whatever the pool's size; the
 * pool keeps its own size of idle connections afterwards. */
msp_status msp_http_perform_many(msp_http_pool *pool, const msp_http_config *cfg,
    const msp_http_request *reqs, size_t n, msp_http_response *resps, msp_error *errors,
    size_t max_concurrency, msp_error *err);

/* Called once per request of msp_http_perform_many_each() as soon as its outcome is final (answer or
 * failure, errors[index] set), while the rest of the batch is still under way: the caller can read
 * and free the answer (msp_http_response_free) during the wait for the others, rather than all of
 * them after the last one. It must not start HTTP calls on the same pool. */
typedef void (*msp_http_done_fn)(void *ctx, size_t index, msp_http_response *resp, msp_error *error);

/* msp_http_perform_many() that calls on_done (if not NULL) for each request when it is done. */
msp_status msp_http_perform_many_each(msp_http_pool *pool, const msp_http_config *cfg,
    const msp_http_request *reqs, size_t n, msp_http_response *resps, msp_error *errors,
    size_t max_concurrency, msp_http_done_fn on_done, void *done_ctx, msp_error *err);

/* Wipes and frees the body and zeroes *resp. Response bodies are not secret but carry customer data.
 * The calling thread keeps one wiped body block for its next answer (see http.c). */
void msp_http_response_free(msp_http_response *resp);

/* Frees what the calling thread keeps for its next answer. For a thread or process that ends: the
 * module calls it at shutdown. */
void msp_http_thread_cleanup(void);

const char *msp_http_method_name(msp_http_method method);

#endif
