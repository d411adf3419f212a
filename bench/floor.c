/* The floor: the calls of bench/loop.php done as tightly as libcurl and json-c allow. One easy
 * handle reused (keep-alive), headers built once, no proxy look-up, the body built with snprintf,
 * and each answer parsed the way msp parses it: json-c in strict mode with UTF-8 validation and a
 * nesting limit (one tokener, reset per answer), then the fields the call needs looked up and checked
 * (success, the order id asked for, the status; the refund's transaction id). The requests are the
 * ones msp sends, byte for byte apart from the card: the same header lines (with msp's user agent;
 * no content type on a GET) and the same bodies. With "noparse" the
 * answers are received and not parsed at all: the difference is what parsing costs.
 * Prints CPU microseconds per call and the peak RSS. With "burst" for ITERATIONS: after the warm-up,
 * reads a count per line from stdin and answers each with the CPU microseconds per call of that many
 * calls (bench/paired.php); the JSON line comes at the end of input.
 *   floor BASE_URL create|get|refund_order|refund_id parse|noparse ITERATIONS|burst [CA_FILE] */
#include <curl/curl.h>
#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define ORDER_ID  "bench-1" /* the canned answers' order */
#define MAX_DEPTH 33        /* msp's: 32 nested containers, and json-c counts the scalar below them */

typedef struct {
	char *data;
	size_t len, cap;
} buffer;

static size_t collect(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	buffer *b = userdata;
	size_t n = size * nmemb;
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->data = realloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, ptr, n);
	b->len += n;
	b->data[b->len] = '\0';
	return n;
}

static double cpu_us(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec * 1e6 + ru.ru_utime.tv_usec + ru.ru_stime.tv_sec * 1e6 + ru.ru_stime.tv_usec;
}

typedef struct {
	CURL *h;
	buffer answer;
	struct json_tokener *tok;
	bool parse;
	const char *base;
	struct curl_slist *get_headers, *post_headers;
	char url[512];
	char body[1024];
} floor_client;

static const char *text_field(json_object *obj, const char *key)
{
	json_object *value;
	return json_object_object_get_ex(obj, key, &value) && json_object_is_type(value, json_type_string)
	           ? json_object_get_string(value)
	           : NULL;
}

/* The "data" object of a successful answer, or NULL. */
static json_object *answer_data(json_object *root)
{
	json_object *success, *data;
	if (root == NULL || !json_object_object_get_ex(root, "success", &success) ||
	    !json_object_get_boolean(success) || !json_object_object_get_ex(root, "data", &data) ||
	    !json_object_is_type(data, json_type_object)) {
		return NULL;
	}
	return data;
}

/* One request; the answer is checked by `check` unless parsing is off. */
static bool exchange(floor_client *c, const char *path, const char *body, bool (*check)(json_object *data))
{
	snprintf(c->url, sizeof(c->url), "%s%s", c->base, path);
	curl_easy_setopt(c->h, CURLOPT_URL, c->url);
	if (body != NULL) {
		curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, c->post_headers);
		curl_easy_setopt(c->h, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c->h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	} else {
		curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, c->get_headers);
		curl_easy_setopt(c->h, CURLOPT_HTTPGET, 1L);
	}
	c->answer.len = 0;
	CURLcode rc = curl_easy_perform(c->h);
	if (rc != CURLE_OK) {
		fprintf(stderr, "floor: %s\n", curl_easy_strerror(rc));
		return false;
	}
	if (!c->parse) {
		return c->answer.len > 0;
	}
	json_tokener_reset(c->tok);
	json_object *root = json_tokener_parse_ex(c->tok, c->answer.data, (int)c->answer.len);
	bool ok = json_tokener_get_error(c->tok) == json_tokener_success && check(answer_data(root));
	json_object_put(root);
	if (!ok) {
		fprintf(stderr, "floor: unexpected answer\n");
	}
	return ok;
}

static bool is_the_order(json_object *data)
{
	const char *id = data != NULL ? text_field(data, "order_id") : NULL;
	return id != NULL && strcmp(id, ORDER_ID) == 0 && text_field(data, "status") != NULL;
}

static bool is_refundable_order(json_object *data)
{
	json_object *amount, *refunded;
	const char *status = data != NULL ? text_field(data, "status") : NULL;
	return is_the_order(data) && strcmp(status, "completed") == 0 &&
	       json_object_object_get_ex(data, "amount", &amount) &&
	       json_object_object_get_ex(data, "amount_refunded", &refunded) &&
	       json_object_get_int64(amount) - json_object_get_int64(refunded) >= 100;
}

static bool is_a_refund(json_object *data)
{
	return data != NULL && text_field(data, "transaction_id") != NULL;
}

static bool create_order(floor_client *c)
{
	snprintf(c->body, sizeof(c->body),
	    "{\"type\":\"direct\",\"gateway\":\"VISA\",\"order_id\":\"" ORDER_ID
	    "\",\"currency\":\"EUR\",\"amount\":1000,"
	    "\"description\":\"Bench order\",\"gateway_info\":{\"card_number\":\"4111111111111111\","
	    "\"card_holder_name\":\"J. Tester\",\"card_expiry_date\":3012,\"card_cvc\":\"123\"},"
	    "\"customer\":{\"locale\":\"nl_NL\",\"ip_address\":\"127.0.0.1\",\"country\":\"NL\",\"email\":\"a@"
	    "example.com\"},"
	    "\"payment_options\":{\"notification_url\":\"https://shop.example/"
	    "notify\",\"notification_method\":\"POST\","
	    "\"redirect_url\":\"https://shop.example/ok\"}}");
	return exchange(c, "orders", c->body, is_the_order);
}

static bool refund(floor_client *c)
{
	snprintf(c->body, sizeof(c->body), "{\"currency\":\"EUR\",\"amount\":%d}", 100);
	return exchange(c, "orders/" ORDER_ID "/refunds", c->body, is_a_refund);
}

static bool run_op(floor_client *c, const char *op)
{
	if (strcmp(op, "create") == 0) {
		return create_order(c);
	}
	if (strcmp(op, "get") == 0) {
		return exchange(c, "orders/" ORDER_ID, NULL, is_the_order);
	}
	if (strcmp(op, "refund_order") == 0) {
		return refund(c);
	}
	return exchange(c, "orders/" ORDER_ID, NULL, is_refundable_order) && refund(c);
}

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr,
		    "usage: floor BASE_URL create|get|refund_order|refund_id parse|noparse ITERATIONS [CA_FILE]\n");
		return 2;
	}
	const char *op = argv[2];
	long iterations = atol(argv[4]);
	floor_client c = {.base = argv[1], .parse = strcmp(argv[3], "parse") == 0};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	c.h = curl_easy_init();
	c.tok = json_tokener_new_ex(MAX_DEPTH);
	json_tokener_set_flags(c.tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	c.get_headers = curl_slist_append(c.get_headers, "accept: application/json");
	c.get_headers = curl_slist_append(c.get_headers, "api_key: bench-key");
	c.get_headers = curl_slist_append(c.get_headers, "User-Agent: msp/0.1.0");
	c.post_headers = curl_slist_append(c.post_headers, "accept: application/json");
	c.post_headers = curl_slist_append(c.post_headers, "content-type: application/json");
	c.post_headers = curl_slist_append(c.post_headers, "Expect:");
	c.post_headers = curl_slist_append(c.post_headers, "api_key: bench-key");
	c.post_headers = curl_slist_append(c.post_headers, "User-Agent: msp/0.1.0");
	curl_easy_setopt(c.h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c.h, CURLOPT_TIMEOUT_MS, 10000L);
	/* No proxy: set explicitly, libcurl skips its look-up of the proxy environment at every transfer
	 * (msp reads that environment once per handle, to the same effect). */
	curl_easy_setopt(c.h, CURLOPT_PROXY, "");
	curl_easy_setopt(c.h, CURLOPT_NOPROXY, "");
	if (argc > 5) {
		curl_easy_setopt(c.h, CURLOPT_CAINFO, argv[5]);
		curl_easy_setopt(c.h, CURLOPT_CAPATH, NULL);
	}
	curl_easy_setopt(c.h, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c.h, CURLOPT_WRITEDATA, &c.answer);
	for (long i = -50; i < 0; i++) {
		if (!run_op(&c, op)) {
			return 1;
		}
	}
	double per_call = 0;
	bool burst = strcmp(argv[4], "burst") == 0;
	char line[32];
	while (burst && fgets(line, sizeof(line), stdin) != NULL) {
		long n = atol(line) > 0 ? atol(line) : 1;
		double start = cpu_us();
		for (long i = 0; i < n; i++) {
			if (!run_op(&c, op)) {
				return 1;
			}
		}
		printf("%.3f\n", (cpu_us() - start) / (double)n);
		fflush(stdout);
	}
	if (!burst) {
		double start = cpu_us();
		for (long i = 0; i < iterations; i++) {
			if (!run_op(&c, op)) {
				return 1;
			}
		}
		per_call = (cpu_us() - start) / (double)iterations;
	}
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("{\"cpu_us\":%.2f,\"maxrss_kb\":%ld,\"peak_mem\":null}\n", per_call, ru.ru_maxrss);
	curl_slist_free_all(c.get_headers);
	curl_slist_free_all(c.post_headers);
	curl_easy_cleanup(c.h);
	json_tokener_free(c.tok);
	free(c.answer.data);
	return 0;
}
