/* The floor: the same createOrder / getOrder calls done as tightly as libcurl and json-c allow.
 * One easy handle reused (keep-alive), headers built once, no proxy look-up, the body built with
 * snprintf, the answer parsed with json-c. Prints CPU microseconds per call and the peak RSS.
 *   floor BASE_URL create|get ITERATIONS [CA_FILE] */
#include <curl/curl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

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

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: floor BASE_URL create|get ITERATIONS [CA_FILE]\n");
		return 2;
	}
	const char *base = argv[1];
	int create = strcmp(argv[2], "create") == 0;
	long iterations = atol(argv[3]);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	CURL *h = curl_easy_init();
	struct curl_slist *headers = NULL;
	headers = curl_slist_append(headers, "api_key: bench-key");
	headers = curl_slist_append(headers, "accept: application/json");
	headers = curl_slist_append(headers, "content-type: application/json");
	headers = curl_slist_append(headers, "Expect:");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 10000L);
	/* No proxy: set explicitly, libcurl skips its look-up of the proxy environment at every transfer
	 * (msp reads that environment once per handle, to the same effect). */
	curl_easy_setopt(h, CURLOPT_PROXY, "");
	curl_easy_setopt(h, CURLOPT_NOPROXY, "");
	if (argc > 4) {
		curl_easy_setopt(h, CURLOPT_CAINFO, argv[4]);
		curl_easy_setopt(h, CURLOPT_CAPATH, NULL);
	}
	buffer b = {0};
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
	char url[512], body[1024];
	double start = 0;
	for (long i = -50; i < iterations; i++) {
		if (i == 0) {
			start = cpu_us();
		}
		b.len = 0;
		if (create) {
			snprintf(url, sizeof(url), "%sorders", base);
			int len = snprintf(body, sizeof(body),
			    "{\"type\":\"direct\",\"gateway\":\"VISA\",\"order_id\":\"floor-%ld\",\"currency\":\"EUR\",\"amount\":1000,"
			    "\"description\":\"Bench order\",\"gateway_info\":{\"card_number\":\"4111111111111111\","
			    "\"card_holder_name\":\"J. Tester\",\"card_expiry_date\":\"3012\",\"card_cvc\":\"123\"},"
			    "\"customer\":{\"locale\":\"nl_NL\",\"ip_address\":\"127.0.0.1\",\"country\":\"NL\",\"email\":\"a@example.com\"},"
			    "\"payment_options\":{\"notification_url\":\"https://shop.example/notify\",\"redirect_url\":\"https://shop.example/ok\"}}",
			    i);
			curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
			curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)len);
		} else {
			snprintf(url, sizeof(url), "%sorders/floor-%ld", base, i);
			curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
		}
		curl_easy_setopt(h, CURLOPT_URL, url);
		CURLcode rc = curl_easy_perform(h);
		if (rc != CURLE_OK) {
			fprintf(stderr, "floor: %s\n", curl_easy_strerror(rc));
			return 1;
		}
		json_object *root = json_tokener_parse(b.data);
		json_object *data, *status;
		if (root == NULL || !json_object_object_get_ex(root, "data", &data) ||
			!json_object_object_get_ex(data, "status", &status)) {
			fprintf(stderr, "floor: unexpected answer\n");
			return 1;
		}
		json_object_put(root);
	}
	double per_call = (cpu_us() - start) / (double)iterations;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("{\"cpu_us\":%.2f,\"maxrss_kb\":%ld,\"peak_mem\":null}\n", per_call, ru.ru_maxrss);
	curl_slist_free_all(headers);
	curl_easy_cleanup(h);
	free(b.data);
	return 0;
}
