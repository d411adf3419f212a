/* main() for the harnesses without libFuzzer (make replay): feeds each file named on the command line
 * once, from an exactly sized block, so a corpus or a crash file can be replayed with gcc and ASan. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (f == NULL) {
			perror(argv[i]);
			return 1;
		}
		fseek(f, 0, SEEK_END);
		long size = ftell(f);
		fseek(f, 0, SEEK_SET);
		uint8_t *data = malloc(size > 0 ? (size_t)size : 1);
		size_t n = data != NULL ? fread(data, 1, size > 0 ? (size_t)size : 0, f) : 0;
		fclose(f);
		LLVMFuzzerTestOneInput(data, n);
		free(data);
	}
	printf("replayed %d files\n", argc - 1);
	return 0;
}
