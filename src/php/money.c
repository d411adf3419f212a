/* Msp\Money: decimal shop totals to minor units and back. The rules live in src/core/money.c. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"

#include "msp_php.h"
#include "money.h"
#include "../../stubs/money_arginfo.h"

zend_class_entry *msp_ce_Money;

/* The currency's entry, or NULL with the exception thrown. */
static const msp_currency *known_currency(zend_string *currency)
{
	if (!msp_php_without_nul_byte(currency, "currency")) {
		return NULL;
	}
	msp_error err;
	msp_error_clear(&err);
	const msp_currency *known = msp_currency_find(ZSTR_VAL(currency));
	if (known == NULL) {
		/* the core's refusal names the problem ("codes are upper case ...") */
		msp_amount_check(ZSTR_VAL(currency), 1, &err);
		msp_throw_error(&err);
	}
	return known;
}

PHP_METHOD(Msp_Money, toMinorUnits)
{
	zval *amount;
	zend_string *currency;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_ZVAL(amount)
		Z_PARAM_STR(currency)
	ZEND_PARSE_PARAMETERS_END();
	ZVAL_DEREF(amount);
	/* Taken by hand: PHP would turn a float into an int (0.3 -> 0) or its shortest text, and a float
	 * cannot hold most decimal totals exactly anyway. */
	if (Z_TYPE_P(amount) != IS_STRING && Z_TYPE_P(amount) != IS_LONG) {
		zend_argument_type_error(1,
		    "must be of type string|int (a decimal total such as \"12.50\"), %s given",
		    zend_zval_type_name(amount));
		RETURN_THROWS();
	}
	zend_string *text = Z_TYPE_P(amount) == IS_STRING ? Z_STR_P(amount) : NULL;
	zend_long whole = Z_TYPE_P(amount) == IS_LONG ? Z_LVAL_P(amount) : 0;
	if (known_currency(currency) == NULL) {
		RETURN_THROWS();
	}
	char digits[MAX_LENGTH_OF_LONG + 1];
	const char *value = text ? ZSTR_VAL(text) : digits;
	size_t len = text ? ZSTR_LEN(text) : (size_t)snprintf(digits, sizeof(digits), ZEND_LONG_FMT, whole);
	int64_t minor;
	msp_error err;
	msp_error_clear(&err);
	if (msp_amount_parse(value, len, ZSTR_VAL(currency), &minor, &err) != MSP_OK) {
		msp_throw_error(&err);
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long)minor);
}

PHP_METHOD(Msp_Money, fromMinorUnits)
{
	zend_long minor;
	zend_string *currency;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_LONG(minor)
		Z_PARAM_STR(currency)
	ZEND_PARSE_PARAMETERS_END();
	const msp_currency *known = known_currency(currency);
	if (known == NULL) {
		RETURN_THROWS();
	}
	char text[MSP_AMOUNT_TEXT_MAX];
	int written = msp_amount_format((int64_t)minor, known, text, sizeof(text));
	RETURN_STRINGL(text, written);
}

PHP_METHOD(Msp_Money, format)
{
	zend_long minor;
	zend_string *currency;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_LONG(minor)
		Z_PARAM_STR(currency)
	ZEND_PARSE_PARAMETERS_END();
	if (known_currency(currency) == NULL) {
		RETURN_THROWS();
	}
	char text[MSP_AMOUNT_TEXT_MAX + 8];
	msp_money_text((int64_t)minor, ZSTR_VAL(currency), text);
	RETURN_STRING(text);
}

PHP_METHOD(Msp_Money, decimals)
{
	zend_string *currency;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(currency)
	ZEND_PARSE_PARAMETERS_END();
	const msp_currency *known = known_currency(currency);
	if (known == NULL) {
		RETURN_THROWS();
	}
	RETURN_LONG(known->minor_units);
}

PHP_METHOD(Msp_Money, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

void msp_register_money(void)
{
	msp_ce_Money = register_class_Msp_Money();
}
