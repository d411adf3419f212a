#include "error.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

msp_status msp_error_set(msp_error *err, msp_status status, int reason, const char *fmt, ...)
{
	if (err == NULL) {
		return status;
	}
	err->status = status;
	err->reason = reason;
	err->field[0] = '\0';
	va_list args;
	va_start(args, fmt);
	int written = vsnprintf(err->message, sizeof(err->message), fmt, args);
	va_end(args);
	msp_text_fit(err->message, sizeof(err->message), written);
	return status;
}

static bool utf8_continuation(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

void msp_text_fit(char *buf, size_t size, int written)
{
	static const char mark[] = "...";
	if (buf == NULL || size < sizeof(mark) || (written >= 0 && (size_t)written < size)) {
		return;
	}
	if (written < 0) { /* an encoding error: nothing written can be trusted */
		memcpy(buf, mark, sizeof(mark));
		return;
	}
	/* buf holds size - 1 bytes of the text. Keep the bytes before `end`, where `end` starts a
	 * character (a continuation byte there would split one): the mark takes the rest. */
	size_t end = size - sizeof(mark);
	while (end > 0 && utf8_continuation(buf[end])) {
		end--;
	}
	memcpy(buf + end, mark, sizeof(mark));
}

void msp_error_set_field(msp_error *err, const char *field)
{
	if (err != NULL && field != NULL) {
		snprintf(err->field, sizeof(err->field), "%s", field);
	}
}

/* Called before every step of a call: only what readers look at is reset, not the whole buffers. */
void msp_error_clear(msp_error *err)
{
	if (err != NULL) {
		err->status = MSP_OK;
		err->reason = 0;
		err->message[0] = '\0';
		err->field[0] = '\0';
	}
}

const char *msp_number_text(int64_t n, int max_digits, char out[MSP_NUMBER_TEXT_MAX])
{
	int digits = 0;
	for (uint64_t m = n < 0 ? 0 - (uint64_t)n : (uint64_t)n; m > 0; m /= 10) {
		digits++;
	}
	if (digits <= max_digits && digits <= MSP_NUMBER_DIGITS_SHOWN) {
		snprintf(out, MSP_NUMBER_TEXT_MAX, "%lld", (long long)n);
	} else {
		snprintf(out, MSP_NUMBER_TEXT_MAX, "a %snumber of %d digits", n < 0 ? "negative " : "", digits);
	}
	return out;
}
