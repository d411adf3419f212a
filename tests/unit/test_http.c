/* Tests of src/core/http.c against tests/unit/fixtures/http_router.php, run twice:
 *   - behind `php -S` (PHP_CLI_SERVER_WORKERS=4), which closes every connection after one answer;
 *   - behind the router's own keep-alive server (`php http_router.php --serve`), for connection reuse,
 *     fork safety and libcurl's re-send of a POST on a reused connection that died.
 * The servers run in their own process group under a temporary state directory and are stopped at the
 * end of their group. PHP: $PHP or `php` on PATH; router: $MSP_HTTP_ROUTER or fixtures/ next to this file. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* fork, kill, mkdtemp, setenv, usleep */
#endif
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "http.h"
#include "tls.h"

#define TEST_KEY        "test-key-123"
#define TEST_KEY_PADDED "  " TEST_KEY " \n"
#define USER_AGENT      "msp-test/1.0"

typedef struct {
	const char *label;
	bool keepalive;
	pid_t pid; /* also the process group */
	int port;
	char state_dir[64];
	char base_url[96];
} test_server;

static msp_secbuf *api_key;
static test_server builtin_server = {.label = "php -S", .keepalive = false};
static test_server keepalive_server = {.label = "keep-alive", .keepalive = true};

/* ---- Server management ------------------------------------------------------------------------ */

/* $MSP_HTTP_ROUTER, else fixtures/ beside this source (relative to the compiler's working directory),
 * else beside the binary's directory (the Makefile builds into tests/unit/build/). */
static void router_path(char *out, size_t cap)
{
	const char *env = getenv("MSP_HTTP_ROUTER");
	if (env != NULL) {
		snprintf(out, cap, "%s", env);
		return;
	}
	const char *file = __FILE__;
	const char *slash = strrchr(file, '/');
	snprintf(out, cap, "%.*s/fixtures/http_router.php", slash != NULL ? (int)(slash - file) : 1,
	    slash != NULL ? file : ".");
	if (access(out, R_OK) == 0) {
		return;
	}
	char exe[400];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *last = strrchr(exe, '/');
		if (last != NULL) {
			*last = '\0';
		}
		snprintf(out, cap, "%s/../fixtures/http_router.php", exe);
	}
}

static void exec_server(const test_server *srv, const char *log_path)
{
	char router[512];
	router_path(router, sizeof(router));
	const char *php = getenv("PHP") != NULL ? getenv("PHP") : "php";
	setpgid(0, 0);
	int log = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int null = open("/dev/null", O_RDWR);
	dup2(null, STDIN_FILENO);
	dup2(null, STDOUT_FILENO);
	dup2(log, STDERR_FILENO);
	setenv("MSP_ROUTER_STATE_DIR", srv->state_dir, 1);
	if (srv->keepalive) {
		execlp(php, php, router, "--serve", (char *)NULL);
	} else {
		setenv("PHP_CLI_SERVER_WORKERS", "4", 1);
		execlp(php, php, "-S", "127.0.0.1:0", router, (char *)NULL);
	}
	_exit(127);
}

/* The log file, not a pipe: the server keeps logging every request and must never block on us. */
static int wait_for_port(const char *log_path)
{
	for (int i = 0; i < 200; i++) {
		FILE *f = fopen(log_path, "r");
		char line[512];
		while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
			const char *at = strstr(line, "(http://127.0.0.1:");
			if (at != NULL && strstr(line, "started") != NULL) {
				fclose(f);
				return atoi(at + strlen("(http://127.0.0.1:"));
			}
		}
		if (f != NULL) {
			fclose(f);
		}
		usleep(50 * 1000);
	}
	return -1;
}

static int start_server(void **state, test_server *srv)
{
	snprintf(srv->state_dir, sizeof(srv->state_dir), "/tmp/msp-http-test-XXXXXX");
	if (mkdtemp(srv->state_dir) == NULL) {
		return -1;
	}
	char log_path[128];
	snprintf(log_path, sizeof(log_path), "%s/server.log", srv->state_dir);
	srv->pid = fork();
	if (srv->pid == 0) {
		exec_server(srv, log_path);
	}
	srv->port = srv->pid > 0 ? wait_for_port(log_path) : -1;
	if (srv->port <= 0) {
		fprintf(stderr, "# %s test server did not start (see %s)\n", srv->label, log_path);
		return -1;
	}
	snprintf(srv->base_url, sizeof(srv->base_url), "http://127.0.0.1:%d/v1/json/", srv->port);
	*state = srv;
	return 0;
}

static void remove_state_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *entry;
	while (d != NULL && (entry = readdir(d)) != NULL) {
		if (entry->d_name[0] != '.') {
			char path[512];
			snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
			unlink(path);
		}
	}
	if (d != NULL) {
		closedir(d);
	}
	rmdir(dir);
}

/* The whole process group: php -S leaves its workers running when only the master is stopped, and the
 * keep-alive server has one process per open connection. */
static int stop_server(void **state)
{
	test_server *srv = *state;
	if (srv == NULL || srv->pid <= 0) {
		return 0;
	}
	kill(-srv->pid, SIGTERM);
	waitpid(srv->pid, NULL, 0);
	kill(-srv->pid, SIGKILL);
	remove_state_dir(srv->state_dir);
	srv->pid = 0;
	return 0;
}

static int setup_builtin(void **state)
{
	return start_server(state, &builtin_server);
}

static int setup_keepalive(void **state)
{
	return start_server(state, &keepalive_server);
}

/* ---- Helpers ---------------------------------------------------------------------------------- */

static int closed_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(addr);
	bind(fd, (struct sockaddr *)&addr, sizeof(addr));
	getsockname(fd, (struct sockaddr *)&addr, &len);
	close(fd);
	return ntohs(addr.sin_port);
}

static void config_for(msp_http_config *cfg, const test_server *srv)
{
	msp_http_config_init(cfg);
	cfg->base_url = srv->base_url;
	cfg->api_key = api_key;
	cfg->user_agent = USER_AGENT;
	cfg->timeout_ms = 10000;
}

static msp_http_request get_request(const char *path)
{
	return (msp_http_request){.method = MSP_HTTP_GET, .path = path};
}

static msp_http_request body_request(msp_http_method method, const char *path, const msp_secbuf *body)
{
	return (msp_http_request){.method = method, .path = path, .body = body};
}

/* Minimal probing of the router's flat JSON (json_encode with unescaped slashes and UTF-8). */
static const char *json_value(const char *body, const char *key)
{
	char pattern[64];
	snprintf(pattern, sizeof(pattern), "\"%s\":", key);
	const char *at = body != NULL ? strstr(body, pattern) : NULL;
	return at != NULL ? at + strlen(pattern) : NULL;
}

static bool json_string(const char *body, const char *key, char *out, size_t cap)
{
	const char *v = json_value(body, key);
	if (v == NULL || *v != '"') {
		return false;
	}
	size_t n = 0;
	for (v++; *v != '\0' && *v != '"' && n + 1 < cap; v++) {
		if (*v == '\\' && v[1] != '\0') {
			v++;
		}
		out[n++] = *v;
	}
	out[n] = '\0';
	return true;
}

static long json_long(const char *body, const char *key)
{
	const char *v = json_value(body, key);
	if (v != NULL && *v == '"') {
		v++;
	}
	return v != NULL ? strtol(v, NULL, 10) : -1;
}

static bool json_is(const char *body, const char *key, const char *literal)
{
	const char *v = json_value(body, key);
	return v != NULL && strncmp(v, literal, strlen(literal)) == 0;
}

static void sha256_hex(const void *bytes, size_t len, char out[65])
{
	unsigned char digest[32];
	unsigned int n = 0;
	EVP_Digest(bytes, len, digest, &n, EVP_sha256(), NULL);
	for (unsigned i = 0; i < 32; i++) {
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
	}
}

static msp_secbuf *filled_body(size_t len)
{
	msp_secbuf *body = msp_secbuf_new(len);
	msp_secbuf_append_str(body, "{\"pad\":\"");
	while (body->len + 2 < len) {
		msp_secbuf_append_char(body, 'a');
	}
	msp_secbuf_append_str(body, "\"}");
	return body;
}

static long counter_hits(const test_server *srv, const char *name)
{
	msp_http_config cfg;
	config_for(&cfg, srv);
	char path[128];
	snprintf(path, sizeof(path), "hits/%s", name);
	msp_http_request req = get_request(path);
	msp_http_response resp;
	msp_error err;
	long hits = -1;
	if (msp_http_perform(NULL, &cfg, &req, &resp, &err) == MSP_OK) {
		hits = json_long(resp.body, "hits");
	}
	msp_http_response_free(&resp);
	return hits;
}

/* A counter name unique to this server and test. */
static const char *unique(const test_server *srv, const char *name)
{
	static char buf[96];
	snprintf(buf, sizeof(buf), "%s-%s", name, srv->keepalive ? "ka" : "cli");
	return buf;
}

typedef struct {
	int count;
	msp_http_event ev[32];
} event_log;

static void record_event(void *ctx, const msp_http_event *ev)
{
	event_log *log = ctx;
	if (log->count < 32) {
		log->ev[log->count] = *ev;
		log->ev[log->count].path = NULL; /* not owned */
	}
	log->count++;
}

/* ---- Offline tests: configuration, escaping, request validation ------------------------------ */

static void valid_offline_config(msp_http_config *cfg)
{
	msp_http_config_init(cfg);
	cfg->api_key = api_key;
}

static void test_config_defaults_are_valid(void **state)
{
	(void)state;
	msp_http_config cfg;
	valid_offline_config(&cfg);
	msp_error err;
	assert_int_equal(msp_http_config_validate(&cfg, &err), MSP_OK);
	assert_int_equal(cfg.timeout_ms, 30000);
	assert_int_equal(cfg.connect_timeout_ms, 10000);
	assert_true(cfg.verify_tls);
	assert_int_equal(cfg.retry.max_attempts, 3);
	cfg.live = true;
	assert_int_equal(msp_http_config_validate(&cfg, &err), MSP_OK);
}

/* prepare() hashes the trimmed key once; a refused configuration is left unprepared. */
static void test_config_prepare_computes_the_key_digest(void **state)
{
	(void)state;
	const char padded_key[] = " \tkey-for-digest\n";
	msp_secbuf *padded = msp_secbuf_from(padded_key, strlen(padded_key));
	msp_http_config cfg;
	msp_http_config_init(&cfg);
	cfg.api_key = padded;
	msp_error err;
	msp_error_clear(&err);
	assert_false(cfg.key_digest_ready);
	assert_int_equal(msp_http_config_prepare(&cfg, &err), MSP_OK);
	assert_true(cfg.key_digest_ready);
	unsigned char expected[32];
	unsigned int len = 0;
	assert_int_equal(EVP_Digest("key-for-digest", 14, expected, &len, EVP_sha256(), NULL), 1);
	assert_memory_equal(cfg.key_digest, expected, sizeof(expected));
	cfg.timeout_ms = 0;
	assert_int_equal(msp_http_config_prepare(&cfg, &err), MSP_ERR_INVALID);
	assert_false(cfg.key_digest_ready);
	msp_secbuf_free(padded);
}

static void assert_config_refused(const msp_http_config *cfg, const char *fragment)
{
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(msp_http_config_validate(cfg, &err), MSP_ERR_INVALID);
	assert_int_equal(err.status, MSP_ERR_INVALID);
	if (strstr(err.message, fragment) == NULL) {
		fail_msg("message \"%s\" lacks \"%s\"", err.message, fragment);
	}
}

static void test_config_refuses_infinite_timeouts(void **state)
{
	(void)state;
	msp_http_config cfg;
	valid_offline_config(&cfg);
	cfg.timeout_ms = 0;
	assert_config_refused(&cfg, "timeout");
	valid_offline_config(&cfg);
	cfg.connect_timeout_ms = 0;
	assert_config_refused(&cfg, "connect_timeout");
	cfg.connect_timeout_ms = -5;
	assert_config_refused(&cfg, "connect_timeout");
}

static void test_config_refuses_live_without_verification(void **state)
{
	(void)state;
	msp_http_config cfg;
	valid_offline_config(&cfg);
	cfg.live = true;
	cfg.verify_tls = false;
	assert_config_refused(&cfg, "verification");
	valid_offline_config(&cfg);
	cfg.live = true;
	cfg.base_url = "http://127.0.0.1:8080/v1/json/";
	assert_config_refused(&cfg, "https");
	/* the test environment may talk to a local emulator over http without verification */
	cfg.live = false;
	cfg.verify_tls = false;
	msp_error err;
	assert_int_equal(msp_http_config_validate(&cfg, &err), MSP_OK);
}

/* The live host gets the live rules in the test environment too, however its name is spelled. */
static void test_config_live_host_needs_https_and_verification(void **state)
{
	(void)state;
	static const char *const live_hosts[] = {
	    "https://api.multisafepay.com/v1/json/",
	    "https://API.MultiSafepay.COM/v1/json/",
	    "https://api.multisafepay.com./v1/json/",
	    "https://api.multisafepay.com:443/v1/json/",
	};
	msp_http_config cfg;
	msp_error err;
	for (size_t i = 0; i < sizeof(live_hosts) / sizeof(live_hosts[0]); i++) {
		valid_offline_config(&cfg);
		cfg.base_url = live_hosts[i];
		assert_int_equal(msp_http_config_validate(&cfg, &err), MSP_OK);
		cfg.verify_tls = false;
		assert_config_refused(&cfg, "verification");
		valid_offline_config(&cfg);
		char plain[96];
		snprintf(plain, sizeof(plain), "http://%s", live_hosts[i] + strlen("https://"));
		cfg.base_url = plain;
		assert_config_refused(&cfg, "https");
	}
	/* Other hosts, look-alikes included, keep the test environment's freedom. */
	static const char *const other_hosts[] = {
	    "https://testapi.multisafepay.com/v1/json/",
	    "https://api.multisafepay.com.example/v1/json/",
	    "https://xapi.multisafepay.com/v1/json/",
	    "http://127.0.0.1:8080/v1/json/",
	};
	for (size_t i = 0; i < sizeof(other_hosts) / sizeof(other_hosts[0]); i++) {
		valid_offline_config(&cfg);
		cfg.base_url = other_hosts[i];
		cfg.verify_tls = false;
		assert_int_equal(msp_http_config_validate(&cfg, &err), MSP_OK);
	}
}

static void test_config_refuses_bad_base_urls(void **state)
{
	(void)state;
	static const char *const bad[] = {
	    "https://testapi.multisafepay.com/v1/json", /* no trailing slash */
	    "ftp://example.com/",
	    "https:///v1/",
	    "https://example.com/v1/?x=1/",
	    "https://user:pw@example.com/",
	    "https://example.com/v 1/",
	    "https://example.com/#x/",
	    "",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		msp_http_config cfg;
		valid_offline_config(&cfg);
		cfg.base_url = bad[i];
		assert_config_refused(&cfg, "base_url");
	}
}

static void test_config_refuses_bad_locale_agent_and_key(void **state)
{
	(void)state;
	msp_http_config cfg;
	valid_offline_config(&cfg);
	cfg.locale = "nl-NL";
	assert_config_refused(&cfg, "locale");
	cfg.locale = "nl_NL&api_key=x";
	assert_config_refused(&cfg, "locale");
	valid_offline_config(&cfg);
	cfg.user_agent = "shop\r\napi_key: stolen";
	assert_config_refused(&cfg, "user_agent");

	valid_offline_config(&cfg);
	cfg.api_key = NULL;
	assert_config_refused(&cfg, "API key");
	msp_secbuf *blank = msp_secbuf_from(" \t\n", 3);
	msp_secbuf *injected = msp_secbuf_from("abc\r\nx-evil: 1", 14);
	cfg.api_key = blank;
	assert_config_refused(&cfg, "API key");
	cfg.api_key = injected;
	assert_config_refused(&cfg, "API key");
	msp_error err;
	msp_http_config_validate(&cfg, &err);
	assert_null(strstr(err.message, "abc")); /* the key never shows up in a message */
	msp_secbuf_free(blank);
	msp_secbuf_free(injected);

	valid_offline_config(&cfg);
	cfg.retry.max_attempts = 0;
	assert_config_refused(&cfg, "attempts");
	valid_offline_config(&cfg);
	cfg.max_response_bytes = 0;
	assert_config_refused(&cfg, "max_response_bytes");
}

static void assert_escaped(const char *id, size_t len, const char *expected)
{
	char *out = NULL;
	assert_int_equal(msp_http_path_escape(id, len, &out), MSP_OK);
	assert_string_equal(out, expected);
	free(out);
}

static void test_path_escape(void **state)
{
	(void)state;
	assert_escaped("order-1_2.3~x", 13, "order-1_2.3~x");
	assert_escaped("a b", 3, "a%20b");
	assert_escaped("a/b", 3, "a%2Fb");
	assert_escaped("caf\xc3\xa9", 5, "caf%C3%A9");
	assert_escaped("?#[]@!$&'()*+,;=%", 17, "%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%25");
	assert_escaped("a\0b", 3, "a%00b");
	assert_escaped("...", 3, "...");
	char *out = (char *)1;
	assert_int_equal(msp_http_path_escape("", 0, &out), MSP_ERR_INVALID);
	assert_null(out);
	assert_int_equal(msp_http_path_escape(".", 1, &out), MSP_ERR_INVALID);
	assert_int_equal(msp_http_path_escape("..", 2, &out), MSP_ERR_INVALID);
	assert_int_equal(msp_http_path_escape(NULL, 3, &out), MSP_ERR_INVALID);
}

static void test_requests_are_validated_before_sending(void **state)
{
	(void)state;
	char base[64];
	snprintf(base, sizeof(base), "http://127.0.0.1:%d/v1/json/", closed_port());
	msp_http_config cfg;
	valid_offline_config(&cfg);
	cfg.base_url = base;
	msp_secbuf *body = msp_secbuf_from("{}", 2);
	const msp_http_request bad[] = {
	    get_request("/orders"),
	    get_request("orders/a b"),
	    get_request("orders/../refunds"),
	    get_request("orders//x"),
	    get_request("orders/%zz"),
	    get_request(""),
	    {.method = MSP_HTTP_GET, .path = "orders", .query = "a=b c"},
	    {.method = MSP_HTTP_GET, .path = "orders", .body = body},
	    {.method = MSP_HTTP_POST, .path = "orders"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		msp_http_response resp;
		msp_error err;
		assert_int_equal(msp_http_perform(NULL, &cfg, &bad[i], &resp, &err), MSP_ERR_INVALID);
		assert_int_equal(resp.attempts, 0);
		assert_false(resp.body_may_have_been_sent);
		msp_http_response_free(&resp);
	}
	msp_secbuf_free(body);
}

/* Whether this build may use a libcurl feature added in `version`: the libcurl it is compiled against
 * has it and MSP_CURL_COMPAT (scripts/test.sh builds with 0x074400 once) does not hide it. */
static bool curl_feature_expected(long version)
{
#ifdef MSP_CURL_COMPAT
	if (MSP_CURL_COMPAT < version) {
		return false;
	}
#endif
	return LIBCURL_VERSION_NUM >= version;
}

static void test_curl_features_follow_the_build(void **state)
{
	(void)state;
	msp_http_curl_features f = msp_http_curl_features_used();
	assert_int_equal(f.prereq_callback, curl_feature_expected(0x075000));
	assert_int_equal(f.conn_lifetime, curl_feature_expected(0x075000));
	assert_int_equal(f.default_ca_info, curl_feature_expected(0x075400));
	assert_int_equal(f.protocols_str, curl_feature_expected(0x075500));
	assert_int_equal(f.ca_cache, curl_feature_expected(0x075700));
}

static void test_connect_refused(void **state)
{
	(void)state;
	char base[64];
	snprintf(base, sizeof(base), "http://127.0.0.1:%d/v1/json/", closed_port());
	msp_http_config cfg;
	valid_offline_config(&cfg);
	cfg.base_url = base;
	cfg.retry.first_delay_ms = 5;
	msp_http_pool *pool = msp_http_pool_new(4);
	msp_secbuf *body = msp_secbuf_from("{\"order_id\":\"x\"}", 16);
	msp_http_request post = body_request(MSP_HTTP_POST, "orders", body);
	msp_http_response resp;
	msp_error err;
	assert_int_equal(msp_http_perform(pool, &cfg, &post, &resp, &err), MSP_ERR_NETWORK);
	assert_int_equal(err.reason, CURLE_COULDNT_CONNECT);
	assert_int_equal(resp.curl_code, CURLE_COULDNT_CONNECT);
	assert_int_equal(resp.attempts, 1);
	assert_false(resp.body_may_have_been_sent); /* nothing left: safe to send again */
	assert_null(resp.body);
	msp_http_response_free(&resp);

	msp_http_request get = get_request("orders/x");
	assert_int_equal(msp_http_perform(pool, &cfg, &get, &resp, &err), MSP_ERR_NETWORK);
	assert_int_equal(resp.attempts, 3);
	assert_false(resp.body_may_have_been_sent);
	msp_http_response_free(&resp);
	msp_http_stats stats;
	msp_http_pool_stats(pool, &stats);
	assert_int_equal(stats.requests_sent, 0);
	assert_int_equal(stats.retries, 2);
	msp_http_pool_free(pool);
	msp_secbuf_free(body);
}

static void test_libcurl_heap_is_wiped(void **state)
{
	(void)state;
	/* main() initialised libcurl before anything else did */
	assert_true(msp_http_global_wipes_libcurl_heap());
}

/* ---- libcurl initialised by someone else first ------------------------------------------------
 * Each scenario runs in a forked child, which starts from libcurl with main()'s single reference and
 * can bring it to zero without disturbing the other tests. Children report with exit codes. */

/* A stand-in for another user's allocator: counts what libcurl strdup()s through it. */
static unsigned long other_strdup_calls;

static void *other_malloc(size_t size)
{
	return malloc(size);
}

static void other_free(void *p)
{
	free(p);
}

static void *other_realloc(void *p, size_t size)
{
	return realloc(p, size);
}

static char *other_strdup(const char *s)
{
	other_strdup_calls++;
	return strdup(s);
}

/* A second one, which only libcurl_is_uninitialised() installs. */
static unsigned long probe_strdup_calls;

static char *probe_strdup(const char *s)
{
	probe_strdup_calls++;
	return strdup(s);
}

static void *other_calloc(size_t count, size_t size)
{
	return calloc(count, size);
}

static CURLcode init_with_other_allocator(void)
{
	return curl_global_init_mem(
	    CURL_GLOBAL_DEFAULT, other_malloc, other_free, other_realloc, other_strdup, other_calloc);
}

static bool libcurl_uses_other_allocator(void)
{
	unsigned long before = other_strdup_calls;
	curl_slist_free_all(curl_slist_append(NULL, "probe"));
	return other_strdup_calls != before;
}

/* True when libcurl holds no reference: an initialisation then installs the given allocator. Leaves
 * the reference count as it found it. */
static bool libcurl_is_uninitialised(void)
{
	if (curl_global_init_mem(CURL_GLOBAL_DEFAULT, other_malloc, other_free, other_realloc, probe_strdup,
	        other_calloc) != CURLE_OK) {
		return false;
	}
	unsigned long before = probe_strdup_calls;
	curl_slist_free_all(curl_slist_append(NULL, "probe"));
	bool fresh = probe_strdup_calls != before;
	curl_global_cleanup();
	return fresh;
}

static void run_in_child(int (*scenario)(void))
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		msp_http_global_cleanup(); /* main()'s reference: libcurl is now uninitialised */
		_exit(libcurl_is_uninitialised() ? scenario() : 90);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) != 0) {
		fail_msg("scenario failed at step %d", WEXITSTATUS(status));
	}
}

/* ext/curl's MINIT took the only reference with curl_global_init(); msp re-initialises libcurl with
 * its allocator, blocks libcurl allocated before the switch are freed after it, and the references
 * still balance: after msp's cleanup and ext/curl's, libcurl is uninitialised. */
static int scenario_taken_over_from_ext_curl(void)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		return 1;
	}
	struct curl_slist *before = curl_slist_append(NULL, "allocated before the switch");
	CURL *easy = curl_easy_init();
	if (before == NULL || easy == NULL ||
	    curl_easy_setopt(easy, CURLOPT_URL, "http://127.0.0.1:9/before") != CURLE_OK) {
		return 2;
	}
	if (msp_http_global_init_after(1) != MSP_OK) {
		return 3;
	}
	if (msp_http_global_wipe_state() != MSP_HTTP_WIPE_TAKEN_OVER || !msp_http_global_wipes_libcurl_heap()) {
		return 4;
	}
	/* Freed and replaced through msp's functions: plain malloc blocks underneath. */
	curl_slist_free_all(before);
	if (curl_easy_setopt(easy, CURLOPT_URL, "http://127.0.0.1:9/after-the-switch") != CURLE_OK) {
		return 5;
	}
	curl_easy_cleanup(easy);
	msp_http_global_cleanup();
	if (libcurl_is_uninitialised()) {
		return 6; /* ext/curl's reference must still be there */
	}
	curl_global_cleanup(); /* ext/curl's MSHUTDOWN */
	return libcurl_is_uninitialised() ? 0 : 7;
}

static void test_libcurl_taken_over_from_ext_curl(void **state)
{
	(void)state;
	run_in_child(scenario_taken_over_from_ext_curl);
}

/* Two references where the caller knows of one: someone unknown, first with an allocator of its own,
 * holds the other, so libcurl and that allocator are left alone and every reference is given back. */
static int scenario_unknown_user_left_alone(void)
{
	if (init_with_other_allocator() != CURLE_OK || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		return 1;
	}
	if (msp_http_global_init_after(1) != MSP_OK) {
		return 2;
	}
	if (msp_http_global_wipe_state() != MSP_HTTP_WIPE_OFF_FOREIGN || msp_http_global_wipes_libcurl_heap()) {
		return 3;
	}
	if (!libcurl_uses_other_allocator()) {
		return 4;
	}
	msp_http_global_cleanup();
	curl_global_cleanup();
	if (libcurl_is_uninitialised()) {
		return 5;
	}
	curl_global_cleanup();
	return libcurl_is_uninitialised() ? 0 : 6;
}

static void test_libcurl_of_unknown_users_is_left_alone(void **state)
{
	(void)state;
	run_in_child(scenario_unknown_user_left_alone);
}

/* With nobody accounted for, an initialised libcurl is never touched. */
static int scenario_no_known_users(void)
{
	if (init_with_other_allocator() != CURLE_OK || msp_http_global_init_after(0) != MSP_OK) {
		return 1;
	}
	if (msp_http_global_wipe_state() != MSP_HTTP_WIPE_OFF_FOREIGN || !libcurl_uses_other_allocator()) {
		return 2;
	}
	msp_http_global_cleanup();
	curl_global_cleanup();
	return libcurl_is_uninitialised() ? 0 : 3;
}

static void test_initialised_libcurl_is_kept_without_known_users(void **state)
{
	(void)state;
	run_in_child(scenario_no_known_users);
}

/* msp first, ext/curl after: the plain case, whatever known_refs says. */
static int scenario_msp_first(void)
{
	if (msp_http_global_init_after(1) != MSP_OK || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		return 1;
	}
	if (msp_http_global_wipe_state() != MSP_HTTP_WIPE_INSTALLED) {
		return 2;
	}
	curl_global_cleanup();
	msp_http_global_cleanup();
	return libcurl_is_uninitialised() ? 0 : 3;
}

static void test_libcurl_installed_when_msp_is_first(void **state)
{
	(void)state;
	run_in_child(scenario_msp_first);
}

/* ---- TLS policy, against local `openssl s_server` instances ----------------------------------
 * The client runs under a permissive OpenSSL configuration (security level 0, TLS 1.0 allowed; set in
 * main() before libcurl starts), so that what refuses a server here is msp's own policy, not the
 * system's. A throw-away self-signed certificate for 127.0.0.1 is the CA. */
static char tls_dir[64];

static void tls_path(char *out, size_t cap, const char *name)
{
	snprintf(out, cap, "%s/%s", tls_dir, name);
}

static bool tls_write_permissive_config(void)
{
	snprintf(tls_dir, sizeof(tls_dir), "/tmp/msp-tls-test-XXXXXX");
	if (mkdtemp(tls_dir) == NULL) {
		return false;
	}
	char path[128];
	tls_path(path, sizeof(path), "openssl.cnf");
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		return false;
	}
	fputs("openssl_conf = msp_test\n[msp_test]\nssl_conf = msp_test_ssl\n[msp_test_ssl]\n"
	      "system_default = msp_test_defaults\n[msp_test_defaults]\nMinProtocol = TLSv1\n"
	      "CipherString = ALL:@SECLEVEL=0\n",
	    f);
	fclose(f);
	return setenv("OPENSSL_CONF", path, 1) == 0;
}

static int run_quietly(char *const argv[])
{
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int tls_setup(void **state)
{
	(void)state;
	char key[128], cert[128];
	tls_path(key, sizeof(key), "key.pem");
	tls_path(cert, sizeof(cert), "cert.pem");
	char *const argv[] = {"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out",
	    cert, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", NULL};
	if (run_quietly(argv) != 0) {
		fprintf(stderr, "# openssl req failed: cannot make the test certificate\n");
		return -1;
	}
	return 0;
}

static int tls_teardown(void **state)
{
	(void)state;
	remove_state_dir(tls_dir);
	return 0;
}

static bool port_accepts(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in addr = {
	    .sin_family = AF_INET, .sin_port = htons((uint16_t)port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	bool ok = connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0;
	close(fd);
	return ok;
}

/* An `openssl s_server -www` answering every GET with its status page; `options` restrict what it
 * offers. Returns its pid, *port set; -1 when it does not come up. */
static pid_t start_s_server(const char *const options[], int *port)
{
	char key[128], cert[128], accept[32];
	tls_path(key, sizeof(key), "key.pem");
	tls_path(cert, sizeof(cert), "cert.pem");
	*port = closed_port();
	snprintf(accept, sizeof(accept), "127.0.0.1:%d", *port);
	char *argv[24] = {"openssl", "s_server", "-accept", accept, "-cert", cert, "-key", key, "-www", "-quiet"};
	size_t argc = 10;
	for (size_t i = 0; options[i] != NULL && argc + 1 < sizeof(argv) / sizeof(argv[0]); i++) {
		argv[argc++] = (char *)(uintptr_t)options[i];
	}
	argv[argc] = NULL;
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		execvp(argv[0], argv);
		_exit(127);
	}
	for (int i = 0; pid > 0 && i < 100; i++) {
		if (port_accepts(*port)) {
			return pid;
		}
		usleep(20 * 1000);
	}
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	return -1;
}

static msp_status get_over_tls_trusting(const char *const options[], const char *ca_file, int *curl_code,
    bool *sent, char *body, size_t body_cap);

/* One GET, one attempt, against a server offering only `options`. Returns the call's status; the
 * server's status page (which names the negotiated cipher) lands in body when it answered, and *sent
 * says whether the request may have reached the server (never before the handshake succeeded). */
static msp_status get_over_tls(
    const char *const options[], int *curl_code, bool *sent, char *body, size_t body_cap)
{
	char ca[128];
	tls_path(ca, sizeof(ca), "cert.pem");
	return get_over_tls_trusting(options, ca, curl_code, sent, body, body_cap);
}

/* The same with the client's ca_file (NULL: none, the default bundle); sent may be NULL. */
static msp_status get_over_tls_trusting(
    const char *const options[], const char *ca_file, int *curl_code, bool *sent, char *body, size_t body_cap)
{
	int port = 0;
	pid_t pid = start_s_server(options, &port);
	assert_true(pid > 0);
	char base_url[64];
	snprintf(base_url, sizeof(base_url), "https://127.0.0.1:%d/v1/json/", port);
	msp_http_config cfg;
	msp_http_config_init(&cfg);
	cfg.base_url = base_url;
	cfg.api_key = api_key;
	cfg.ca_file = ca_file;
	cfg.timeout_ms = 5000;
	cfg.retry.max_attempts = 1;
	msp_http_request req = get_request("orders/tls");
	msp_http_response resp;
	msp_error err;
	msp_error_clear(&err);
	msp_status st = msp_http_perform(NULL, &cfg, &req, &resp, &err);
	*curl_code = resp.curl_code;
	if (sent != NULL) {
		*sent = resp.body_may_have_been_sent;
	}
	snprintf(body, body_cap, "%s", resp.body != NULL ? resp.body : "");
	msp_http_response_free(&resp);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	return st;
}

static void assert_tls_refused(const char *const options[])
{
	int curl_code = 0;
	bool sent = true;
	char body[4096];
	assert_int_equal(get_over_tls(options, &curl_code, &sent, body, sizeof(body)), MSP_ERR_NETWORK);
	assert_int_equal(curl_code, CURLE_SSL_CONNECT_ERROR);
	assert_false(sent); /* connected, but refused before a byte of the request: safe to send again */
}

static void assert_tls_accepted(const char *const options[], const char *cipher)
{
	int curl_code = -1;
	bool sent = false;
	char body[4096];
	assert_int_equal(get_over_tls(options, &curl_code, &sent, body, sizeof(body)), MSP_OK);
	assert_int_equal(curl_code, CURLE_OK);
	assert_true(sent);
	if (strstr(body, cipher) == NULL) {
		fail_msg("the server's page does not name %s", cipher);
	}
}

/* Static RSA key exchange, CBC, SHA-1 MAC: what OpenSSL's defaults still accept. */
static void test_tls_refuses_static_rsa_cbc_sha1(void **state)
{
	(void)state;
	const char *const options[] = {"-tls1_2", "-cipher", "AES128-SHA", NULL};
	assert_tls_refused(options);
}

static void test_tls_refuses_tls11(void **state)
{
	(void)state;
	const char *const options[] = {"-tls1_1", "-cipher", "ALL:@SECLEVEL=0", NULL};
	assert_tls_refused(options);
}

/* Forward secrecy alone is not enough: CBC with ECDHE, and finite-field DHE with GCM, are refused. */
static void test_tls_refuses_ecdhe_cbc_and_dhe_gcm(void **state)
{
	(void)state;
	const char *const cbc[] = {"-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256", NULL};
	assert_tls_refused(cbc);
	const char *const dhe[] = {"-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256", NULL};
	assert_tls_refused(dhe);
}

static void test_tls_accepts_ecdhe_aead(void **state)
{
	(void)state;
	const char *const gcm[] = {"-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", NULL};
	assert_tls_accepted(gcm, "ECDHE-RSA-AES128-GCM-SHA256");
	const char *const chacha[] = {"-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305", NULL};
	assert_tls_accepted(chacha, "ECDHE-RSA-CHACHA20-POLY1305");
	const char *const tls13[] = {"-tls1_3", NULL};
	assert_tls_accepted(tls13, "TLSv1.3");
}

static bool copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[4096];
	size_t n;
	bool ok = in != NULL && out != NULL;
	while (ok && (n = fread(buf, 1, sizeof(buf), in)) > 0) {
		ok = fwrite(buf, 1, n, out) == n;
	}
	if (in != NULL) {
		fclose(in);
	}
	if (out != NULL) {
		ok = fclose(out) == 0 && ok;
	}
	return ok;
}

/* The CA store loaded at start-up (src/core/tls.c) serves every connection on its bundle: the bundle
 * file can be gone by then (a php-fpm worker never reads it), whether the client names the file or
 * relies on msp.ca_file. A client naming another file still gets libcurl's own loading, and a store
 * that does not hold the server's issuer is refused: verification is as strict as before. */
static void test_tls_store_loaded_once_serves_its_bundle(void **state)
{
	(void)state;
	const char *const tls13[] = {"-tls1_3", NULL};
	char cert[128], trust[128], missing[128], other_key[128], other[128], body[4096];
	int curl_code = -1;
	tls_path(cert, sizeof(cert), "cert.pem");
	tls_path(trust, sizeof(trust), "trust.pem");
	tls_path(missing, sizeof(missing), "missing.pem");
	assert_true(copy_file(cert, trust));
	assert_int_equal(msp_tls_global_init(trust, true), MSP_OK);
	assert_int_equal(msp_tls_store_state_now(), MSP_TLS_STORE_SHARED);
	assert_int_equal(msp_tls_shared_certificates(), 1);
	assert_int_equal(unlink(trust), 0);
	assert_int_equal(get_over_tls_trusting(tls13, trust, &curl_code, NULL, body, sizeof(body)), MSP_OK);
	assert_int_equal(get_over_tls_trusting(tls13, NULL, &curl_code, NULL, body, sizeof(body)), MSP_OK);
	/* another bundle path: libcurl reads that file itself */
	assert_int_equal(get_over_tls_trusting(tls13, cert, &curl_code, NULL, body, sizeof(body)), MSP_OK);
	assert_int_equal(
	    get_over_tls_trusting(tls13, missing, &curl_code, NULL, body, sizeof(body)), MSP_ERR_NETWORK);
	assert_int_equal(curl_code, CURLE_SSL_CACERT_BADFILE);
	msp_tls_global_cleanup();

	/* a store without the server's issuer: refused */
	tls_path(other_key, sizeof(other_key), "other-key.pem");
	tls_path(other, sizeof(other), "other.pem");
	char *const argv[] = {"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", other_key,
	    "-out", other, "-days", "2", "-subj", "/CN=msp-other-ca", NULL};
	assert_int_equal(run_quietly(argv), 0);
	assert_int_equal(msp_tls_global_init(other, true), MSP_OK);
	assert_int_equal(msp_tls_store_state_now(), MSP_TLS_STORE_SHARED);
	assert_int_equal(
	    get_over_tls_trusting(tls13, other, &curl_code, NULL, body, sizeof(body)), MSP_ERR_NETWORK);
	assert_int_equal(curl_code, CURLE_PEER_FAILED_VERIFICATION);
	msp_tls_global_cleanup();
}

/* ---- TLS session resumption ------------------------------------------------------------------
 * Against `openssl s_server -www`, which closes the connection after each answer (so that every
 * call opens a new one) and names in its page whether the session was resumed ("Reused,") or not
 * ("New,"), far down its page. */
#define TLS_PAGE_BYTES 65536

typedef struct {
	msp_http_pool *pool;
	const char *host;       /* "127.0.0.1" unless set */
	const char *ca_file;    /* the trusted certificate unless set */
	const char *user_agent; /* NULL: the default */
	bool no_verify;
} tls_call;

/* One GET to the s_server on port; returns the call's status, *curl_code and the page in body. */
static msp_status tls_call_get(int port, const tls_call *call, int *curl_code, char *body, size_t body_cap)
{
	char base_url[96], ca[128];
	tls_path(ca, sizeof(ca), "cert.pem");
	snprintf(base_url, sizeof(base_url), "https://%s:%d/v1/json/",
	    call->host != NULL ? call->host : "127.0.0.1", port);
	msp_http_config cfg;
	msp_http_config_init(&cfg);
	cfg.base_url = base_url;
	cfg.api_key = api_key;
	cfg.ca_file = call->ca_file != NULL ? call->ca_file : ca;
	cfg.verify_tls = !call->no_verify;
	if (call->user_agent != NULL) {
		cfg.user_agent = call->user_agent;
	}
	cfg.timeout_ms = 5000;
	cfg.retry.max_attempts = 1;
	msp_http_request req = get_request("orders/tls");
	msp_http_response resp;
	msp_error err;
	msp_error_clear(&err);
	msp_status st = msp_http_perform(call->pool, &cfg, &req, &resp, &err);
	*curl_code = resp.curl_code;
	snprintf(body, body_cap, "%s", resp.body != NULL ? resp.body : "");
	msp_http_response_free(&resp);
	return st;
}

static bool page_says(const char *body, const char *word)
{
	return strstr(body, word) != NULL;
}

static void stop_s_server(pid_t pid)
{
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
}

/* A connection resumes the TLS 1.3 session of an earlier one made by another handle of the pool
 * (the pool's share keeps it), and msp counts the session tickets that make this possible: what a
 * batch's connections rely on (http.c, engine_start_calls). */
static void test_tls_session_resumed_across_the_pools_handles(void **state)
{
	(void)state;
	const char *const tls13[] = {"-tls1_3", NULL};
	char body[TLS_PAGE_BYTES];
	int port = 0, curl_code = -1;
	assert_int_equal(msp_tls_global_init(NULL, false), MSP_OK);
	assert_true(msp_tls_ctx_hook_usable());
	pid_t pid = start_s_server(tls13, &port);
	assert_true(pid > 0);
	msp_http_pool *pool = msp_http_pool_new(2);
	unsigned long tickets = msp_tls_tickets_received();
	tls_call first = {.pool = pool, .user_agent = "first"};
	assert_int_equal(tls_call_get(port, &first, &curl_code, body, sizeof(body)), MSP_OK);
	assert_true(page_says(body, "New, TLSv1.3"));
	assert_true(msp_tls_tickets_received() > tickets);
	tls_call second = {.pool = pool, .user_agent = "second"}; /* another handle of the pool */
	assert_int_equal(tls_call_get(port, &second, &curl_code, body, sizeof(body)), MSP_OK);
	assert_true(page_says(body, "Reused, TLSv1.3"));
	msp_http_stats stats;
	msp_http_pool_stats(pool, &stats);
	assert_int_equal(stats.handles_created, 2);
	assert_int_equal(stats.connections_opened, 2);
	msp_http_pool_free(pool);
	stop_s_server(pid);
	msp_tls_global_cleanup();
}

/* A session is only resumed where a full handshake would have been accepted: not by a
 * configuration with other trust (another CA file, or verification on after a session made with it
 * off) and not for another host name, which all fail verification as they would without any
 * session in the pool. */
static void test_tls_session_never_crosses_trust_or_host(void **state)
{
	(void)state;
	const char *const tls13[] = {"-tls1_3", NULL};
	char body[TLS_PAGE_BYTES], other_key[128], other[128];
	int port = 0, curl_code = -1;
	tls_path(other_key, sizeof(other_key), "untrusted-key.pem");
	tls_path(other, sizeof(other), "untrusted.pem");
	char *const argv[] = {"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", other_key,
	    "-out", other, "-days", "2", "-subj", "/CN=msp-untrusted-ca", NULL};
	assert_int_equal(run_quietly(argv), 0);
	assert_int_equal(msp_tls_global_init(NULL, false), MSP_OK);
	pid_t pid = start_s_server(tls13, &port);
	assert_true(pid > 0);
	msp_http_pool *pool = msp_http_pool_new(4);

	tls_call unverified = {.pool = pool, .no_verify = true, .ca_file = other};
	assert_int_equal(tls_call_get(port, &unverified, &curl_code, body, sizeof(body)), MSP_OK);
	tls_call verified_other_ca = {.pool = pool, .ca_file = other};
	assert_int_equal(tls_call_get(port, &verified_other_ca, &curl_code, body, sizeof(body)), MSP_ERR_NETWORK);
	assert_int_equal(curl_code, CURLE_PEER_FAILED_VERIFICATION);

	tls_call trusted = {.pool = pool};
	assert_int_equal(tls_call_get(port, &trusted, &curl_code, body, sizeof(body)), MSP_OK);
	assert_int_equal(tls_call_get(port, &trusted, &curl_code, body, sizeof(body)), MSP_OK);
	assert_true(page_says(body, "Reused, TLSv1.3")); /* sessions are in use here */
	assert_int_equal(tls_call_get(port, &verified_other_ca, &curl_code, body, sizeof(body)), MSP_ERR_NETWORK);
	assert_int_equal(curl_code, CURLE_PEER_FAILED_VERIFICATION);
	/* the certificate names 127.0.0.1 only */
	tls_call other_name = {.pool = pool, .host = "localhost"};
	assert_int_equal(tls_call_get(port, &other_name, &curl_code, body, sizeof(body)), MSP_ERR_NETWORK);
	assert_int_equal(curl_code, CURLE_PEER_FAILED_VERIFICATION);
	msp_http_pool_free(pool);
	stop_s_server(pid);
	msp_tls_global_cleanup();
}

/* A batch over TLS, with or without a pool: every call answered by at most `concurrency` handles,
 * and connections resume the sessions of earlier ones (a batch without a pool shares its handles'
 * sessions too). s_server serves one connection at a time and closes it after its answer, so every
 * call opens a connection, and those opened after another's ticket arrived resume. */
static void test_tls_batch_connections_resume_sessions(void **state)
{
	(void)state;
	enum { N = 4, CONCURRENCY = 2 };
	const char *const tls13[] = {"-tls1_3", NULL};
	char ca[128], base_url[64];
	int port = 0;
	tls_path(ca, sizeof(ca), "cert.pem");
	assert_int_equal(msp_tls_global_init(NULL, false), MSP_OK);
	pid_t pid = start_s_server(tls13, &port);
	assert_true(pid > 0);
	snprintf(base_url, sizeof(base_url), "https://127.0.0.1:%d/v1/json/", port);
	msp_http_config cfg;
	msp_http_config_init(&cfg);
	cfg.base_url = base_url;
	cfg.api_key = api_key;
	cfg.ca_file = ca;
	cfg.timeout_ms = 10000;
	cfg.retry.max_attempts = 1;
	msp_http_request reqs[N];
	for (int i = 0; i < N; i++) {
		reqs[i] = get_request("orders/tls");
	}
	const size_t pool_sizes[] = {0, 1};
	for (size_t p = 0; p < sizeof(pool_sizes) / sizeof(pool_sizes[0]); p++) {
		msp_http_pool *pool = msp_http_pool_new(pool_sizes[p]);
		msp_http_response resps[N];
		msp_error errors[N], err;
		assert_int_equal(
		    msp_http_perform_many(pool, &cfg, reqs, N, resps, errors, CONCURRENCY, &err), MSP_OK);
		for (int i = 0; i < N; i++) {
			assert_int_equal(errors[i].status, MSP_OK);
		}
		int resumed = 0;
		for (int i = 0; i < N; i++) {
			resumed += page_says(resps[i].body, "Reused, TLSv1.3") ? 1 : 0;
		}
		assert_true(resumed > 0);
		for (int i = 0; i < N; i++) {
			msp_http_response_free(&resps[i]);
		}
		msp_http_stats stats;
		msp_http_pool_stats(pool, &stats);
		assert_true(stats.handles_created <= CONCURRENCY);
		msp_http_pool_free(pool);
	}
	stop_s_server(pid);
	msp_tls_global_cleanup();
}

/* A server that accepts TCP connections and never answers: it notes when each one arrived. */
typedef struct {
	int listener;
	int accepted;
	uint64_t at_us[16];
	int fds[16];
} silent_server;

static uint64_t monotonic_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void *silent_server_run(void *arg)
{
	silent_server *srv = arg;
	while (srv->accepted < 16) {
		int fd = accept(srv->listener, NULL, NULL);
		if (fd < 0) {
			break;
		}
		srv->at_us[srv->accepted] = monotonic_us();
		srv->fds[srv->accepted++] = fd;
	}
	return NULL;
}

/* A batch over https whose first connection gets no session ticket (this server never even
 * answers its ClientHello) opens the others only at the end of the bounded wait for one, 0.5 ms per
 * connection still to open and at most 5 ms (http.c, engine_hold_for_session): here 5 ms. (Without
 * the pre-request callback, in the libcurl 7.68 build, no call waits: only the outcome is checked.) */
static void test_tls_batch_waits_for_the_first_session_ticket_within_a_bound(void **state)
{
	(void)state;
	enum { N = 11 };
	silent_server srv = {.listener = socket(AF_INET, SOCK_STREAM, 0)};
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(addr);
	assert_int_equal(bind(srv.listener, (struct sockaddr *)&addr, sizeof(addr)), 0);
	assert_int_equal(listen(srv.listener, 64), 0);
	assert_int_equal(getsockname(srv.listener, (struct sockaddr *)&addr, &len), 0);
	pthread_t thread;
	assert_int_equal(pthread_create(&thread, NULL, silent_server_run, &srv), 0);
	assert_int_equal(msp_tls_global_init(NULL, false), MSP_OK);
	char base_url[64], ca[128];
	snprintf(base_url, sizeof(base_url), "https://127.0.0.1:%d/v1/json/", ntohs(addr.sin_port));
	tls_path(ca, sizeof(ca), "cert.pem"); /* small: the system bundle would take 20 ms to parse */
	msp_http_config cfg;
	msp_http_config_init(&cfg);
	cfg.base_url = base_url;
	cfg.api_key = api_key;
	cfg.ca_file = ca;
	cfg.timeout_ms = 300;
	cfg.connect_timeout_ms = 300;
	cfg.retry.max_attempts = 1;
	msp_http_request reqs[N];
	msp_http_response resps[N];
	msp_error errors[N], err;
	for (int i = 0; i < N; i++) {
		reqs[i] = get_request("orders/silent");
	}
	msp_http_pool *pool = msp_http_pool_new(N);
	assert_int_equal(msp_http_perform_many(pool, &cfg, reqs, N, resps, errors, N, &err), MSP_OK);
	for (int i = 0; i < N; i++) {
		assert_int_equal(errors[i].status, MSP_ERR_NETWORK);
		msp_http_response_free(&resps[i]);
	}
	msp_http_pool_free(pool);
	shutdown(srv.listener, SHUT_RDWR);
	close(srv.listener);
	pthread_join(thread, NULL);
	for (int i = 0; i < srv.accepted; i++) {
		close(srv.fds[i]);
	}
	assert_int_equal(srv.accepted, N);
	uint64_t gap_us = srv.at_us[1] - srv.at_us[0];
	/* The wait counts from when the first call started, before its handle was set up and its
	 * connection made (slower under the sanitizers), so the gap is a little under 5 ms: without the
	 * wait it is a few microseconds. */
	if (msp_http_curl_features_used().prereq_callback && gap_us < 1000) {
		fail_msg("the second connection came %llu us after the first", (unsigned long long)gap_us);
	}
	msp_tls_global_cleanup();
}

/* ---- Tests against a server (state = test_server) --------------------------------------------- */

static void test_get_sends_expected_headers(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	cfg.locale = "nl_NL";
	msp_http_request req = get_request("echo/orders/abc");
	msp_http_response resp;
	msp_error err;
	assert_int_equal(msp_http_perform(NULL, &cfg, &req, &resp, &err), MSP_OK);
	assert_int_equal(resp.http_status, 200);
	assert_int_equal(resp.attempts, 1);
	assert_true(resp.body_may_have_been_sent);
	char value[128];
	assert_true(json_string(resp.body, "method", value, sizeof(value)));
	assert_string_equal(value, "GET");
	assert_true(json_string(resp.body, "raw_path", value, sizeof(value)));
	assert_string_equal(value, "/v1/json/echo/orders/abc");
	assert_true(json_string(resp.body, "accept", value, sizeof(value)));
	assert_string_equal(value, "application/json");
	assert_true(json_string(resp.body, "user_agent", value, sizeof(value)));
	assert_string_equal(value, USER_AGENT);
	assert_true(json_string(resp.body, "locale", value, sizeof(value)));
	assert_string_equal(value, "nl_NL");
	assert_true(json_is(resp.body, "content_type", "null"));
	assert_true(json_is(resp.body, "expect", "null"));
	assert_true(json_is(resp.body, "api_key_present", "true"));
	char expected[65];
	sha256_hex(TEST_KEY, strlen(TEST_KEY), expected); /* sent trimmed */
	assert_true(json_string(resp.body, "api_key_sha256", value, sizeof(value)));
	assert_string_equal(value, expected);
	assert_null(strstr(resp.body, TEST_KEY));
	msp_http_response_free(&resp);
	assert_null(resp.body);
}

static void assert_body_echoed(const char *body, const char *method, const msp_secbuf *sent)
{
	char value[128];
	assert_true(json_string(body, "method", value, sizeof(value)));
	assert_string_equal(value, method);
	assert_true(json_string(body, "content_type", value, sizeof(value)));
	assert_string_equal(value, "application/json");
	assert_true(json_is(body, "expect", "null"));
	assert_int_equal(json_long(body, "body_length"), (long)sent->len);
	assert_int_equal(json_long(body, "content_length"), (long)sent->len);
	char expected[65];
	sha256_hex(sent->data, sent->len, expected);
	assert_true(json_string(body, "body_sha256", value, sizeof(value)));
	assert_string_equal(value, expected);
	assert_true(json_is(body, "api_key_present", "true"));
}

/* 2 KiB crosses the size where libcurl would add Expect: 100-continue; 1.5 MiB is sent from the
 * caller's buffer in pieces rather than with the headers. */
static void test_post_and_patch_send_json_bodies(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	msp_http_pool *pool = msp_http_pool_new(2);
	const size_t sizes[] = {2, 2048, 70 * 1024, 1536 * 1024};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		msp_secbuf *body = sizes[i] == 2 ? msp_secbuf_from("{}", 2) : filled_body(sizes[i]);
		msp_http_request post = body_request(MSP_HTTP_POST, "echo/orders", body);
		msp_http_request patch = body_request(MSP_HTTP_PATCH, "echo/orders/x", body);
		msp_http_response resp;
		msp_error err;
		assert_int_equal(msp_http_perform(pool, &cfg, &post, &resp, &err), MSP_OK);
		assert_int_equal(resp.http_status, 200);
		assert_body_echoed(resp.body, "POST", body);
		msp_http_response_free(&resp);
		assert_int_equal(msp_http_perform(pool, &cfg, &patch, &resp, &err), MSP_OK);
		assert_body_echoed(resp.body, "PATCH", body);
		msp_http_response_free(&resp);
		msp_secbuf_free(body);
	}
	/* a GET after a POST on the same handle is a plain GET again */
	msp_http_request get = get_request("echo/orders");
	msp_http_response resp;
	msp_error err;
	assert_int_equal(msp_http_perform(pool, &cfg, &get, &resp, &err), MSP_OK);
	assert_true(json_is(resp.body, "method", "\"GET\""));
	assert_int_equal(json_long(resp.body, "body_length"), 0);
	msp_http_response_free(&resp);
	msp_http_pool_free(pool);
}

static void test_query_and_locale_are_combined(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	cfg.locale = "de_DE";
	msp_http_request req = {.method = MSP_HTTP_GET, .path = "echo/orders", .query = "limit=5"};
	msp_http_response resp;
	msp_error err;
	assert_int_equal(msp_http_perform(NULL, &cfg, &req, &resp, &err), MSP_OK);
	char value[128];
	assert_true(json_string(resp.body, "query", value, sizeof(value)));
	assert_string_equal(value, "limit=5&locale=de_DE");
	msp_http_response_free(&resp);
}

static void test_escaped_ids_reach_the_server_intact(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	static const char id[] = "shop 1/caf\xc3\xa9?#%";
	char *escaped = NULL;
	assert_int_equal(msp_http_path_escape(id, sizeof(id) - 1, &escaped), MSP_OK);
	char path[256];
	snprintf(path, sizeof(path), "echo/orders/%s", escaped);
	msp_http_request req = get_request(path);
	msp_http_response resp;
	msp_error err;
	assert_int_equal(msp_http_perform(NULL, &cfg, &req, &resp, &err), MSP_OK);
	char value[256];
	assert_true(json_string(resp.body, "raw_path", value, sizeof(value)));
	assert_string_equal(value, "/v1/json/echo/orders/shop%201%2Fcaf%C3%A9%3F%23%25");
	assert_true(json_string(resp.body, "path", value, sizeof(value)));
	assert_string_equal(value, "/v1/json/echo/orders/shop 1/caf\xc3\xa9?#%");
	msp_http_response_free(&resp);
	free(escaped);
}

static void test_non_json_answer_is_passed_through(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	msp_http_request req = get_request("html");
	msp_http_response resp;
	msp_error err;
	assert_int_equal(msp_http_perform(NULL, &cfg, &req, &resp, &err), MSP_OK);
	assert_int_equal(resp.http_status, 200);
	assert_non_null(strstr(resp.body, "<html>"));
	assert_int_equal(resp.body_len, strlen(resp.body));
	msp_http_response_free(&resp);
}

static void test_timeout_after_post_reports_possible_delivery(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	cfg.timeout_ms = 300;
	msp_secbuf *body = msp_secbuf_from("{\"order_id\":\"t1\"}", 17);
	msp_http_request post = body_request(MSP_HTTP_POST, "delay/1500", body);
	msp_http_response resp;
	msp_error err;
	assert_int_equal(msp_http_perform(NULL, &cfg, &post, &resp, &err), MSP_ERR_NETWORK);
	assert_int_equal(err.reason, CURLE_OPERATION_TIMEDOUT);
	assert_int_equal(resp.curl_code, CURLE_OPERATION_TIMEDOUT);
	assert_true(resp.body_may_have_been_sent);
	assert_int_equal(resp.attempts, 1);
	assert_in_range(resp.duration_us, 250000, 1400000);
	assert_non_null(strstr(err.message, "Timeout"));
	msp_http_response_free(&resp);

	/* a GET that used up the whole budget is not retried */
	msp_http_request get = get_request("delay/1500");
	assert_int_equal(msp_http_perform(NULL, &cfg, &get, &resp, &err), MSP_ERR_NETWORK);
	assert_int_equal(resp.curl_code, CURLE_OPERATION_TIMEDOUT);
	assert_int_equal(resp.attempts, 1);
	msp_http_response_free(&resp);
	msp_secbuf_free(body);
}

static void test_get_is_retried_on_503(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	event_log log = {0};
	cfg.on_event = record_event;
	cfg.event_ctx = &log;
	msp_http_pool *pool = msp_http_pool_new(2);
	char path[160];
	snprintf(path, sizeof(path), "flaky/%s", unique(srv, "get503"));
	msp_http_request req = {.method = MSP_HTTP_GET, .path = path, .query = "fail=1&code=503"};
	msp_http_response resp;
	msp_error err;
	assert_int_equal(msp_http_perform(pool, &cfg, &req, &resp, &err), MSP_OK);
	assert_int_equal(resp.http_status, 200);
	assert_int_equal(resp.attempts, 2);
	assert_true(resp.duration_us >= 50000); /* first backoff step */
	assert_int_equal(log.count, 2);
	assert_int_equal(log.ev[0].http_status, 503);
	assert_true(log.ev[0].will_retry);
	assert_int_equal(log.ev[0].attempt, 1);
	assert_string_equal(log.ev[0].method_name, "GET");
	assert_int_equal(log.ev[1].http_status, 200);
	assert_false(log.ev[1].will_retry);
	assert_int_equal(log.ev[1].attempt, 2);
	msp_http_stats stats;
	msp_http_pool_stats(pool, &stats);
	assert_int_equal(stats.retries, 1);
	assert_int_equal(stats.requests_sent, 2);
	assert_int_equal(counter_hits(srv, unique(srv, "get503")), 2);
	msp_http_response_free(&resp);
	msp_http_pool_free(pool);
}

static void test_get_retries_are_bounded(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	char path[160];
	snprintf(path, sizeof(path), "flaky/%s", unique(srv, "get502"));
	msp_http_request req = {.method = MSP_HTTP_GET, .path = path, .query = "fail=10&code=502"};
	msp_http_response resp;
	msp_error err;
	/* an HTTP error is an answer, not a transport failure: the JSON decides */
	assert_int_equal(msp_http_perform(NULL, &cfg, &req, &resp, &err), MSP_OK);
	assert_int_equal(resp.http_status, 502);
	assert_int_equal(resp.attempts, 3);
	assert_true(resp.duration_us >= 250000); /* 50 ms + 200 ms of backoff */
	assert_non_null(strstr(resp.body, "error_code"));
	msp_http_response_free(&resp);
	assert_int_equal(counter_hits(srv, unique(srv, "get502")), 3);
}

static void test_post_is_not_retried_on_500(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	char path[160];
	snprintf(path, sizeof(path), "flaky/%s", unique(srv, "post500"));
	msp_secbuf *body = msp_secbuf_from("{}", 2);
	msp_http_request req = {.method = MSP_HTTP_POST, .path = path, .query = "fail=5&code=500", .body = body};
	msp_http_response resp;
	msp_error err;
	assert_int_equal(msp_http_perform(NULL, &cfg, &req, &resp, &err), MSP_OK);
	assert_int_equal(resp.http_status, 500);
	assert_int_equal(resp.attempts, 1);
	msp_http_response_free(&resp);
	assert_int_equal(counter_hits(srv, unique(srv, "post500")), 1);
	msp_secbuf_free(body);
}

static void test_truncated_body(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	cfg.retry.first_delay_ms = 5;
	msp_http_request get = get_request("truncate");
	msp_http_response resp;
	msp_error err;
	assert_int_equal(msp_http_perform(NULL, &cfg, &get, &resp, &err), MSP_ERR_NETWORK);
	assert_int_equal(err.reason, CURLE_PARTIAL_FILE);
	assert_int_equal(resp.attempts, 3);
	assert_null(resp.body);
	msp_http_response_free(&resp);

	msp_secbuf *body = msp_secbuf_from("{}", 2);
	msp_http_request post = body_request(MSP_HTTP_POST, "truncate", body);
	assert_int_equal(msp_http_perform(NULL, &cfg, &post, &resp, &err), MSP_ERR_NETWORK);
	assert_int_equal(err.reason, CURLE_PARTIAL_FILE);
	assert_int_equal(resp.attempts, 1);
	assert_true(resp.body_may_have_been_sent);
	msp_http_response_free(&resp);
	msp_secbuf_free(body);
}

static void test_response_size_is_capped(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	cfg.max_response_bytes = 1000;
	static const char *const too_big[] = {"big/5000", "big/5000?chunked=1", "big/1001"};
	for (size_t i = 0; i < 3; i++) {
		const char *q = strchr(too_big[i], '?');
		char path[32];
		snprintf(path, sizeof(path), "%.*s", q != NULL ? (int)(q - too_big[i]) : (int)strlen(too_big[i]),
		    too_big[i]);
		msp_http_request req = {.method = MSP_HTTP_GET, .path = path, .query = q != NULL ? q + 1 : NULL};
		msp_http_response resp;
		msp_error err;
		assert_int_equal(msp_http_perform(NULL, &cfg, &req, &resp, &err), MSP_ERR_NETWORK);
		assert_int_equal(err.reason, CURLE_FILESIZE_EXCEEDED);
		assert_int_equal(resp.attempts, 1);
		assert_null(resp.body);
		msp_http_response_free(&resp);
	}
	msp_http_request at_cap = get_request("big/1000");
	msp_http_response resp;
	msp_error err;
	assert_int_equal(msp_http_perform(NULL, &cfg, &at_cap, &resp, &err), MSP_OK);
	assert_int_equal(resp.body_len, 1000);
	msp_http_response_free(&resp);
}

/* 20 GETs, 4 at a time, each answered after 50 ms; one id gets a truncated answer and one request
 * is invalid: both fail alone. */
static void test_batch_runs_concurrently_and_isolates_failures(void **state)
{
	const test_server *srv = *state;
	enum { N = 20, BROKEN = 7, INVALID = 13 };
	msp_http_config cfg;
	config_for(&cfg, srv);
	cfg.retry.first_delay_ms = 5;
	msp_http_pool *pool = msp_http_pool_new(8);
	char paths[N][64];
	msp_http_request reqs[N];
	for (int i = 0; i < N; i++) {
		if (i == BROKEN) {
			snprintf(paths[i], sizeof(paths[i]), "orders/broken");
		} else if (i == INVALID) {
			snprintf(paths[i], sizeof(paths[i]), "orders/not escaped");
		} else {
			snprintf(paths[i], sizeof(paths[i]), "orders/id-%02d", i);
		}
		reqs[i] = (msp_http_request){.method = MSP_HTTP_GET, .path = paths[i], .query = "delay_ms=50"};
	}
	msp_http_response resps[N];
	msp_error errors[N];
	msp_error err;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(msp_http_perform_many(pool, &cfg, reqs, N, resps, errors, 4, &err), MSP_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long elapsed_ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	for (int i = 0; i < N; i++) {
		if (i == BROKEN) {
			assert_int_equal(errors[i].status, MSP_ERR_NETWORK);
			assert_int_equal(errors[i].reason, CURLE_PARTIAL_FILE);
			assert_int_equal(resps[i].attempts, 3);
		} else if (i == INVALID) {
			assert_int_equal(errors[i].status, MSP_ERR_INVALID);
			assert_int_equal(resps[i].attempts, 0);
		} else {
			char expected[16], value[32];
			snprintf(expected, sizeof(expected), "id-%02d", i);
			assert_int_equal(errors[i].status, MSP_OK);
			assert_int_equal(resps[i].http_status, 200);
			assert_true(json_string(resps[i].body, "order_id", value, sizeof(value)));
			assert_string_equal(value, expected);
		}
		msp_http_response_free(&resps[i]);
	}
	msp_http_stats stats;
	msp_http_pool_stats(pool, &stats);
	assert_int_equal(stats.handles_created, 4); /* four in flight at once, never more */
	assert_true(elapsed_ms >= 4 * 50);          /* 18 delayed answers, at most 4 at a time */
	msp_http_pool_free(pool);
}

typedef struct {
	msp_http_pool *pool;
	const test_server *srv;
	int nested_ok;
} reentry_ctx;

/* A logger that itself calls the API (through the same pool) while the outer call is in progress. */
static void reenter_on_event(void *ctx, const msp_http_event *ev)
{
	(void)ev;
	reentry_ctx *rc = ctx;
	msp_http_config cfg;
	config_for(&cfg, rc->srv);
	msp_http_request req = get_request("echo/nested");
	msp_http_response resp;
	msp_error err;
	if (msp_http_perform(rc->pool, &cfg, &req, &resp, &err) == MSP_OK && resp.http_status == 200) {
		rc->nested_ok++;
	}
	msp_http_response_free(&resp);
}

static void test_event_callback_may_reenter(void **state)
{
	const test_server *srv = *state;
	msp_http_pool *pool = msp_http_pool_new(2);
	reentry_ctx ctx = {.pool = pool, .srv = srv};
	msp_http_config cfg;
	config_for(&cfg, srv);
	cfg.on_event = reenter_on_event;
	cfg.event_ctx = &ctx;
	msp_http_request reqs[3] = {get_request("echo/a"), get_request("echo/b"), get_request("echo/c")};
	msp_http_response resps[3];
	msp_error errors[3], err;
	assert_int_equal(msp_http_perform_many(pool, &cfg, reqs, 3, resps, errors, 2, &err), MSP_OK);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(errors[i].status, MSP_OK);
		assert_int_equal(resps[i].http_status, 200);
		msp_http_response_free(&resps[i]);
	}
	assert_int_equal(ctx.nested_ok, 3);
	msp_http_pool_free(pool);
}

static void test_non_persistent_pool_opens_a_connection_per_call(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	msp_http_pool *pool = msp_http_pool_new(0);
	msp_http_request req = get_request("echo/x");
	for (int i = 0; i < 2; i++) {
		msp_http_response resp;
		msp_error err;
		assert_int_equal(msp_http_perform(pool, &cfg, &req, &resp, &err), MSP_OK);
		assert_false(resp.connection_reused);
		msp_http_response_free(&resp);
	}
	msp_http_stats stats;
	msp_http_pool_stats(pool, &stats);
	assert_int_equal(stats.handles_created, 2);
	assert_int_equal(stats.connections_opened, 2);
	assert_int_equal(stats.connections_reused, 0);
	msp_http_pool_free(pool);
}

/* The server process dies after reading the body: nothing comes back and the POST is not re-sent.
 * Behind php -S this permanently takes a worker (or the master) down, so it runs last there. */
static void test_post_not_resent_when_server_dies_after_body(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	char query[128];
	snprintf(query, sizeof(query), "name=%s", unique(srv, "die-fresh"));
	msp_secbuf *body = msp_secbuf_from("{\"order_id\":\"d1\"}", 17);
	msp_http_request req = {.method = MSP_HTTP_POST, .path = "die", .query = query, .body = body};
	msp_http_response resp;
	msp_error err;
	assert_int_equal(msp_http_perform(NULL, &cfg, &req, &resp, &err), MSP_ERR_NETWORK);
	assert_int_equal(err.reason, CURLE_GOT_NOTHING);
	assert_int_equal(resp.attempts, 1);
	assert_true(resp.body_may_have_been_sent);
	msp_http_response_free(&resp);
	if (srv->keepalive) { /* php -S may have lost its master: count only where the server survives */
		assert_int_equal(counter_hits(srv, unique(srv, "die-fresh")), 1);
	}
	msp_secbuf_free(body);
}

/* ---- Keep-alive only -------------------------------------------------------------------------- */

/* Without libcurl's pre-request callback (before 7.80) a POST or PATCH opens a connection of its own
 * (see handle_refuse_resends in http.c): the third call, a POST, then is not a reused one, and the GET
 * after it reuses a connection again. */
static void test_second_call_reuses_the_connection(void **state)
{
	const test_server *srv = *state;
	bool post_reuses = msp_http_curl_features_used().prereq_callback;
	msp_http_config cfg;
	config_for(&cfg, srv);
	msp_http_pool *pool = msp_http_pool_new(4);
	msp_secbuf *body = msp_secbuf_from("{}", 2);
	const msp_http_request reqs[] = {get_request("echo/1"), get_request("echo/2"),
	    body_request(MSP_HTTP_POST, "echo/3", body), get_request("echo/4")};
	long pids[4];
	for (int i = 0; i < 4; i++) {
		msp_http_response resp;
		msp_error err;
		if (i == 2) {
			/* a prepared configuration names the same pooled handle as an unprepared one */
			assert_int_equal(msp_http_config_prepare(&cfg, &err), MSP_OK);
		}
		assert_int_equal(msp_http_perform(pool, &cfg, &reqs[i], &resp, &err), MSP_OK);
		assert_int_equal(resp.connection_reused, i != 0 && (i != 2 || post_reuses));
		pids[i] = json_long(resp.body, "pid");
		msp_http_response_free(&resp);
	}
	assert_int_equal(pids[0], pids[1]); /* one server process = one connection */
	assert_int_equal(pids[1] == pids[2], post_reuses);
	msp_http_stats stats;
	msp_http_pool_stats(pool, &stats);
	assert_int_equal(stats.connections_opened, post_reuses ? 1 : 2);
	assert_int_equal(stats.connections_reused, post_reuses ? 3 : 2);
	assert_int_equal(stats.requests_sent, 4);
	assert_int_equal(stats.handles_created, 1);
	msp_http_pool_free(pool);
	msp_secbuf_free(body);
}

/* libcurl 7.88 re-sends a request, body included, on a fresh connection when a reused one dies without
 * an answer (checked with the curl tool against this server: the POST arrives twice). msp refuses,
 * from the pre-request callback; without it (libcurl before 7.80) the POST never goes out on a reused
 * connection, which is the only kind libcurl re-sends on, and the warm connection stays for GETs. */
static void test_post_on_reused_connection_is_never_resent(void **state)
{
	const test_server *srv = *state;
	bool callback = msp_http_curl_features_used().prereq_callback;
	msp_http_config cfg;
	config_for(&cfg, srv);
	msp_http_pool *pool = msp_http_pool_new(4);
	msp_http_request warm = get_request("echo/warm");
	msp_http_response resp;
	msp_error err;
	assert_int_equal(msp_http_perform(pool, &cfg, &warm, &resp, &err), MSP_OK);
	msp_http_response_free(&resp);

	char query[128];
	snprintf(query, sizeof(query), "name=%s", unique(srv, "die-reused"));
	msp_secbuf *body = msp_secbuf_from("{\"order_id\":\"d2\"}", 17);
	msp_http_request post = {.method = MSP_HTTP_POST, .path = "die", .query = query, .body = body};
	assert_int_equal(msp_http_perform(pool, &cfg, &post, &resp, &err), MSP_ERR_NETWORK);
	assert_int_equal(err.reason, CURLE_GOT_NOTHING);
	assert_int_equal(resp.attempts, 1);
	assert_int_equal(resp.connection_reused, callback);
	assert_true(resp.body_may_have_been_sent);
	assert_int_equal(strstr(err.message, "not re-sent") != NULL, callback);
	msp_http_response_free(&resp);
	assert_int_equal(counter_hits(srv, unique(srv, "die-reused")), 1);
	msp_http_stats stats;
	msp_http_pool_stats(pool, &stats);
	assert_int_equal(stats.resends_refused, callback ? 1 : 0);

	/* the pool recovers: the next call opens a new connection, or reuses the warm one the POST left */
	assert_int_equal(msp_http_perform(pool, &cfg, &warm, &resp, &err), MSP_OK);
	assert_int_equal(resp.connection_reused, !callback);
	msp_http_response_free(&resp);
	msp_http_pool_free(pool);
	msp_secbuf_free(body);
}

/* Puts back a variable a test changed, as it was (saved: a heap copy or NULL, freed here). */
static void restore_env(const char *name, char *saved)
{
	if (saved != NULL) {
		setenv(name, saved, 1);
		free(saved);
	} else {
		unsetenv(name);
	}
}

/* msp reads the proxy environment once per handle and hands it to libcurl (whose own look-up at every
 * transfer costs six scans of the environment), so the variables must still take effect. The test
 * server plays the proxy of a host that does not exist: only a proxied request can reach it. */
static void test_proxy_environment_is_honoured(void **state)
{
	const test_server *srv = *state;
	char proxy[64];
	snprintf(proxy, sizeof(proxy), "http://127.0.0.1:%d", srv->port);
	msp_http_config cfg;
	config_for(&cfg, srv);
	cfg.base_url = "http://msp-proxy-test.invalid/v1/json/";
	cfg.retry.max_attempts = 1;
	msp_http_request req = get_request("echo/proxied");
	msp_http_response resp;
	msp_error err;
	char *saved_proxy = getenv("http_proxy") != NULL ? strdup(getenv("http_proxy")) : NULL;
	char *saved_no_proxy = getenv("no_proxy") != NULL ? strdup(getenv("no_proxy")) : NULL;

	unsetenv("no_proxy");
	setenv("http_proxy", proxy, 1);
	msp_status proxied = msp_http_perform(NULL, &cfg, &req, &resp, &err);
	char path[128] = "";
	bool got_path = proxied == MSP_OK && json_string(resp.body, "raw_path", path, sizeof(path));
	msp_http_response_free(&resp);

	setenv("no_proxy", "msp-proxy-test.invalid", 1); /* direct, where the name does not resolve */
	msp_status direct = msp_http_perform(NULL, &cfg, &req, &resp, &err);
	msp_http_response_free(&resp);
	restore_env("no_proxy", saved_no_proxy);
	restore_env("http_proxy", saved_proxy);

	assert_int_equal(proxied, MSP_OK);
	assert_true(got_path);
	assert_string_equal(path, "http://msp-proxy-test.invalid/v1/json/echo/proxied");
	assert_int_equal(direct, MSP_ERR_NETWORK);
}

static int child_uses_pool(msp_http_pool *pool, const msp_http_config *cfg)
{
	msp_http_stats before, after;
	msp_http_pool_stats(pool, &before);
	msp_http_request req = get_request("echo/child");
	msp_http_response resp;
	msp_error err;
	int code = 0;
	if (msp_http_perform(pool, cfg, &req, &resp, &err) != MSP_OK || resp.http_status != 200) {
		code = 10;
	} else if (resp.connection_reused) {
		code = 11; /* the parent's connection must not be used */
	}
	msp_http_response_free(&resp);
	msp_http_pool_stats(pool, &after);
	if (code == 0 && (after.forks_detected != 1 || after.handles_created != before.handles_created + 1 ||
	                     after.connections_opened != before.connections_opened + 1)) {
		code = 12;
	}
	msp_http_pool_free(pool); /* must not close the parent's connection either */
	return code;
}

static void test_forked_child_leaves_the_parent_connection_alone(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	msp_http_pool *pool = msp_http_pool_new(4);
	msp_http_request req = get_request("echo/parent");
	msp_http_response resp;
	msp_error err;
	assert_int_equal(msp_http_perform(pool, &cfg, &req, &resp, &err), MSP_OK);
	long parent_pid = json_long(resp.body, "pid");
	msp_http_response_free(&resp);

	fflush(NULL);
	pid_t child = fork();
	if (child == 0) {
		_exit(child_uses_pool(pool, &cfg)); /* _exit: no cmocka or leak report in the child */
	}
	int status = 0;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);

	assert_int_equal(msp_http_perform(pool, &cfg, &req, &resp, &err), MSP_OK);
	assert_true(resp.connection_reused);
	assert_int_equal(json_long(resp.body, "pid"), parent_pid);
	msp_http_response_free(&resp);
	msp_http_stats stats;
	msp_http_pool_stats(pool, &stats);
	assert_int_equal(stats.forks_detected, 0);
	assert_int_equal(stats.connections_opened, 1);
	msp_http_pool_free(pool);
}

static void test_batch_connections_are_reused_afterwards(void **state)
{
	const test_server *srv = *state;
	msp_http_config cfg;
	config_for(&cfg, srv);
	msp_http_pool *pool = msp_http_pool_new(8);
	msp_http_request reqs[8];
	char paths[8][32];
	for (int i = 0; i < 8; i++) {
		snprintf(paths[i], sizeof(paths[i]), "orders/r%d", i);
		reqs[i] = (msp_http_request){.method = MSP_HTTP_GET, .path = paths[i], .query = "delay_ms=30"};
	}
	msp_http_response resps[8];
	msp_error errors[8], err;
	assert_int_equal(msp_http_perform_many(pool, &cfg, reqs, 8, resps, errors, 4, &err), MSP_OK);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(errors[i].status, MSP_OK);
		msp_http_response_free(&resps[i]);
	}
	msp_http_stats stats;
	msp_http_pool_stats(pool, &stats);
	assert_int_equal(stats.connections_opened, 4);
	assert_int_equal(stats.connections_reused, 4);
	msp_http_response resp;
	assert_int_equal(msp_http_perform(pool, &cfg, &reqs[0], &resp, &err), MSP_OK);
	assert_true(resp.connection_reused);
	msp_http_response_free(&resp);
	msp_http_pool_free(pool);
}

/* A batch wider than the pool: 30 GETs, 6 at a time, against a pool of 2 (and none). Each of the 6
 * connections serves the batch to its end: 6 opened, the other 24 requests reused one, 6 handles.
 * Before, every request beyond the pool's 2 slots got a new handle and connection. */
static void test_batch_wider_than_the_pool_reuses_its_connections(void **state)
{
	const test_server *srv = *state;
	enum { N = 30, CONCURRENCY = 6 };
	msp_http_config cfg;
	config_for(&cfg, srv);
	char paths[N][32];
	msp_http_request reqs[N];
	for (int i = 0; i < N; i++) {
		snprintf(paths[i], sizeof(paths[i]), "orders/w%d", i);
		reqs[i] = (msp_http_request){.method = MSP_HTTP_GET, .path = paths[i], .query = "delay_ms=20"};
	}
	const size_t pool_sizes[] = {2, 0};
	for (size_t p = 0; p < sizeof(pool_sizes) / sizeof(pool_sizes[0]); p++) {
		msp_http_pool *pool = msp_http_pool_new(pool_sizes[p]);
		msp_http_response resps[N];
		msp_error errors[N], err;
		assert_int_equal(
		    msp_http_perform_many(pool, &cfg, reqs, N, resps, errors, CONCURRENCY, &err), MSP_OK);
		for (int i = 0; i < N; i++) {
			assert_int_equal(errors[i].status, MSP_OK);
			msp_http_response_free(&resps[i]);
		}
		msp_http_stats stats;
		msp_http_pool_stats(pool, &stats);
		assert_true(stats.connections_opened <= CONCURRENCY);
		assert_int_equal(stats.connections_opened + stats.connections_reused, N);
		assert_int_equal(stats.handles_created, CONCURRENCY);
		if (pool_sizes[p] > 0) {
			/* the pool's own connections still serve the next call */
			msp_http_response resp;
			assert_int_equal(msp_http_perform(pool, &cfg, &reqs[0], &resp, &err), MSP_OK);
			assert_true(resp.connection_reused);
			msp_http_response_free(&resp);
		}
		msp_http_pool_free(pool);
	}
}

#define SERVER_TEST(f) cmocka_unit_test(f)

int main(void)
{
	if (!tls_write_permissive_config()) {
		fprintf(stderr, "cannot write the test OpenSSL configuration\n");
		return 1;
	}
	if (msp_http_global_init() != MSP_OK) {
		fprintf(stderr, "libcurl initialisation failed\n");
		return 1;
	}
	api_key = msp_secbuf_from(TEST_KEY_PADDED, strlen(TEST_KEY_PADDED));

	const struct CMUnitTest offline[] = {
	    cmocka_unit_test(test_config_defaults_are_valid),
	    cmocka_unit_test(test_config_prepare_computes_the_key_digest),
	    cmocka_unit_test(test_config_refuses_infinite_timeouts),
	    cmocka_unit_test(test_config_refuses_live_without_verification),
	    cmocka_unit_test(test_config_refuses_bad_base_urls),
	    cmocka_unit_test(test_config_refuses_bad_locale_agent_and_key),
	    cmocka_unit_test(test_path_escape),
	    cmocka_unit_test(test_requests_are_validated_before_sending),
	    cmocka_unit_test(test_curl_features_follow_the_build),
	    cmocka_unit_test(test_connect_refused),
	    cmocka_unit_test(test_libcurl_heap_is_wiped),
	    cmocka_unit_test(test_config_live_host_needs_https_and_verification),
	    cmocka_unit_test(test_libcurl_taken_over_from_ext_curl),
	    cmocka_unit_test(test_libcurl_of_unknown_users_is_left_alone),
	    cmocka_unit_test(test_initialised_libcurl_is_kept_without_known_users),
	    cmocka_unit_test(test_libcurl_installed_when_msp_is_first),
	};
	const struct CMUnitTest tls_policy[] = {
	    cmocka_unit_test(test_tls_refuses_static_rsa_cbc_sha1),
	    cmocka_unit_test(test_tls_refuses_tls11),
	    cmocka_unit_test(test_tls_refuses_ecdhe_cbc_and_dhe_gcm),
	    cmocka_unit_test(test_tls_accepts_ecdhe_aead),
	    cmocka_unit_test(test_tls_store_loaded_once_serves_its_bundle),
	    cmocka_unit_test(test_tls_session_resumed_across_the_pools_handles),
	    cmocka_unit_test(test_tls_session_never_crosses_trust_or_host),
	    cmocka_unit_test(test_tls_batch_connections_resume_sessions),
	    cmocka_unit_test(test_tls_batch_waits_for_the_first_session_ticket_within_a_bound),
	};
	const struct CMUnitTest against_builtin[] = {
	    SERVER_TEST(test_get_sends_expected_headers), SERVER_TEST(test_post_and_patch_send_json_bodies),
	    SERVER_TEST(test_query_and_locale_are_combined),
	    SERVER_TEST(test_escaped_ids_reach_the_server_intact),
	    SERVER_TEST(test_non_json_answer_is_passed_through),
	    SERVER_TEST(test_timeout_after_post_reports_possible_delivery),
	    SERVER_TEST(test_get_is_retried_on_503), SERVER_TEST(test_get_retries_are_bounded),
	    SERVER_TEST(test_post_is_not_retried_on_500), SERVER_TEST(test_truncated_body),
	    SERVER_TEST(test_response_size_is_capped),
	    SERVER_TEST(test_batch_runs_concurrently_and_isolates_failures),
	    SERVER_TEST(test_event_callback_may_reenter),
	    SERVER_TEST(test_non_persistent_pool_opens_a_connection_per_call),
	    SERVER_TEST(test_post_not_resent_when_server_dies_after_body), /* last: kills a php -S process */
	};
	const struct CMUnitTest against_keepalive[] = {
	    SERVER_TEST(test_get_sends_expected_headers),
	    SERVER_TEST(test_post_and_patch_send_json_bodies),
	    SERVER_TEST(test_escaped_ids_reach_the_server_intact),
	    SERVER_TEST(test_timeout_after_post_reports_possible_delivery),
	    SERVER_TEST(test_get_is_retried_on_503),
	    SERVER_TEST(test_post_is_not_retried_on_500),
	    SERVER_TEST(test_truncated_body),
	    SERVER_TEST(test_response_size_is_capped),
	    SERVER_TEST(test_batch_runs_concurrently_and_isolates_failures),
	    SERVER_TEST(test_event_callback_may_reenter),
	    SERVER_TEST(test_post_not_resent_when_server_dies_after_body),
	    SERVER_TEST(test_second_call_reuses_the_connection),
	    SERVER_TEST(test_post_on_reused_connection_is_never_resent),
	    SERVER_TEST(test_forked_child_leaves_the_parent_connection_alone),
	    SERVER_TEST(test_batch_connections_are_reused_afterwards),
	    SERVER_TEST(test_batch_wider_than_the_pool_reuses_its_connections),
	    SERVER_TEST(test_proxy_environment_is_honoured),
	};
	int failed = cmocka_run_group_tests_name("http offline", offline, NULL, NULL);
	failed += cmocka_run_group_tests_name("http TLS policy", tls_policy, tls_setup, tls_teardown);
	failed += cmocka_run_group_tests_name("http behind php -S", against_builtin, setup_builtin, stop_server);
	failed += cmocka_run_group_tests_name(
	    "http behind keep-alive server", against_keepalive, setup_keepalive, stop_server);

	msp_secbuf_free(api_key);
	msp_http_global_cleanup();
	return failed != 0;
}
