/* Small byte classifiers shared by the parsers of src/core (locale-independent, unlike ctype.h). */
#ifndef MSP_CORE_ASCII_H
#define MSP_CORE_ASCII_H

/* The value of a hexadecimal digit of either case, or -1. */
static inline int msp_hex_digit_value(unsigned char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

#endif
