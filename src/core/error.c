#include "error.h"

#include <stdarg.h>
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
	vsnprintf(err->message, sizeof(err->message), fmt, args);
	va_end(args);
	return status;
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
