/* Reading the JSON fixtures of tests/unit/fixtures in cmocka tests (include after cmocka.h). */
#ifndef MSP_TEST_FIXTURE_H
#define MSP_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fixtures live next to this header; __FILE__ is the path the compiler was given, so the tests run
 * from the directory they were built in (tests/unit with the Makefile, the root by hand). The caller
 * frees the text, which is NUL-terminated after *len bytes. */
static char *read_fixture(const char *name, size_t *len)
{
	char path[512];
	const char *file = __FILE__;
	const char *slash = strrchr(file, '/');
	snprintf(path, sizeof(path), "%.*sfixtures/%s", slash ? (int)(slash - file + 1) : 0, file, name);
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		fail_msg("cannot open fixture %s", path);
	}
	char *data = malloc(1 << 20);
	assert_non_null(data);
	*len = fread(data, 1, (1 << 20) - 1, f);
	data[*len] = '\0';
	fclose(f);
	return data;
}

#endif
