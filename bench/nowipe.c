/* The "protection off" side of bench/run.sh, preloaded (LD_PRELOAD) into a PHP that runs msp. Before
 * anything else runs it initialises libcurl with an allocator of its own (plain malloc and free, as
 * libcurl's default), like some other code msp cannot account for. msp then leaves libcurl alone and
 * phpinfo() says so: the difference to a normal run is what wiping libcurl's freed buffers costs.
 * (Interposing curl_global_init_mem itself would not do: PHP loads extensions with RTLD_DEEPBIND.)
 * For the benchmark only. */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

static void *plain_malloc(size_t size)
{
	return malloc(size);
}

static void plain_free(void *p)
{
	free(p);
}

static void *plain_realloc(void *p, size_t size)
{
	return realloc(p, size);
}

static char *plain_strdup(const char *s)
{
	return strdup(s);
}

static void *plain_calloc(size_t count, size_t size)
{
	return calloc(count, size);
}

/* Never released: the process ends with it. */
__attribute__((constructor)) static void hold_libcurl(void)
{
	(void)curl_global_init_mem(
	    CURL_GLOBAL_DEFAULT, plain_malloc, plain_free, plain_realloc, plain_strdup, plain_calloc);
}
