/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 11210a41648f5294e2c16851edec3eaac2dd62e0 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_CardBrand_gateway, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_CardBrand_displayName, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_CardBrand_isSupported, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Msp_Card___construct, 0, 0, 3)
	ZEND_ARG_TYPE_INFO(0, number, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, expiryMonth, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, expiryYear, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, cvc, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, holder, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_Card_consume, 0, 3, Msp\\Card, 0)
	ZEND_ARG_TYPE_INFO(1, number, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, expiryMonth, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, expiryYear, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(1, cvc, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, holder, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_Card_fromRequest, 0, 3, Msp\\Card, 0)
	ZEND_ARG_TYPE_INFO(0, numberField, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, expiryMonthField, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, expiryYearField, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, cvcField, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, holderField, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Card_captureFilterCopy, 0, 1, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_Card_brand, 0, 0, Msp\\CardBrand, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Msp_Card_last4 arginfo_class_Msp_CardBrand_displayName

#define arginfo_class_Msp_Card_bin arginfo_class_Msp_CardBrand_displayName

#define arginfo_class_Msp_Card_masked arginfo_class_Msp_CardBrand_displayName

#define arginfo_class_Msp_Card_expiry arginfo_class_Msp_CardBrand_displayName

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Card_expiryMonth, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Msp_Card_expiryYear arginfo_class_Msp_Card_expiryMonth

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Card_isExpired, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, now, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_Msp_Card_holder arginfo_class_Msp_CardBrand_gateway

#define arginfo_class_Msp_Card_hasCvc arginfo_class_Msp_CardBrand_isSupported

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Card___clone, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Msp_CardBrand, gateway);
ZEND_METHOD(Msp_CardBrand, displayName);
ZEND_METHOD(Msp_CardBrand, isSupported);
ZEND_METHOD(Msp_Card, __construct);
ZEND_METHOD(Msp_Card, consume);
ZEND_METHOD(Msp_Card, fromRequest);
ZEND_METHOD(Msp_Card, captureFilterCopy);
ZEND_METHOD(Msp_Card, brand);
ZEND_METHOD(Msp_Card, last4);
ZEND_METHOD(Msp_Card, bin);
ZEND_METHOD(Msp_Card, masked);
ZEND_METHOD(Msp_Card, expiry);
ZEND_METHOD(Msp_Card, expiryMonth);
ZEND_METHOD(Msp_Card, expiryYear);
ZEND_METHOD(Msp_Card, isExpired);
ZEND_METHOD(Msp_Card, holder);
ZEND_METHOD(Msp_Card, hasCvc);
ZEND_METHOD(Msp_Card, __clone);


static const zend_function_entry class_Msp_CardBrand_methods[] = {
	ZEND_ME(Msp_CardBrand, gateway, arginfo_class_Msp_CardBrand_gateway, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_CardBrand, displayName, arginfo_class_Msp_CardBrand_displayName, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_CardBrand, isSupported, arginfo_class_Msp_CardBrand_isSupported, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Msp_CardError_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Msp_Card_methods[] = {
	ZEND_ME(Msp_Card, __construct, arginfo_class_Msp_Card___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Card, consume, arginfo_class_Msp_Card_consume, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Msp_Card, fromRequest, arginfo_class_Msp_Card_fromRequest, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Msp_Card, captureFilterCopy, arginfo_class_Msp_Card_captureFilterCopy, ZEND_ACC_PRIVATE|ZEND_ACC_STATIC)
	ZEND_ME(Msp_Card, brand, arginfo_class_Msp_Card_brand, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Card, last4, arginfo_class_Msp_Card_last4, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Card, bin, arginfo_class_Msp_Card_bin, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Card, masked, arginfo_class_Msp_Card_masked, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Card, expiry, arginfo_class_Msp_Card_expiry, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Card, expiryMonth, arginfo_class_Msp_Card_expiryMonth, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Card, expiryYear, arginfo_class_Msp_Card_expiryYear, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Card, isExpired, arginfo_class_Msp_Card_isExpired, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Card, holder, arginfo_class_Msp_Card_holder, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Card, hasCvc, arginfo_class_Msp_Card_hasCvc, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Card, __clone, arginfo_class_Msp_Card___clone, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};

static zend_class_entry *register_class_Msp_CardBrand(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Msp\\CardBrand", IS_STRING, class_Msp_CardBrand_methods);

	zval enum_case_Visa_value;
	zend_string *enum_case_Visa_value_str = zend_string_init("VISA", strlen("VISA"), 1);
	ZVAL_STR(&enum_case_Visa_value, enum_case_Visa_value_str);
	zend_enum_add_case_cstr(class_entry, "Visa", &enum_case_Visa_value);

	zval enum_case_Mastercard_value;
	zend_string *enum_case_Mastercard_value_str = zend_string_init("MASTERCARD", strlen("MASTERCARD"), 1);
	ZVAL_STR(&enum_case_Mastercard_value, enum_case_Mastercard_value_str);
	zend_enum_add_case_cstr(class_entry, "Mastercard", &enum_case_Mastercard_value);

	zval enum_case_Maestro_value;
	zend_string *enum_case_Maestro_value_str = zend_string_init("MAESTRO", strlen("MAESTRO"), 1);
	ZVAL_STR(&enum_case_Maestro_value, enum_case_Maestro_value_str);
	zend_enum_add_case_cstr(class_entry, "Maestro", &enum_case_Maestro_value);

	zval enum_case_Amex_value;
	zend_string *enum_case_Amex_value_str = zend_string_init("AMEX", strlen("AMEX"), 1);
	ZVAL_STR(&enum_case_Amex_value, enum_case_Amex_value_str);
	zend_enum_add_case_cstr(class_entry, "Amex", &enum_case_Amex_value);

	zval enum_case_Bancontact_value;
	zend_string *enum_case_Bancontact_value_str = zend_string_init("BANCONTACT", strlen("BANCONTACT"), 1);
	ZVAL_STR(&enum_case_Bancontact_value, enum_case_Bancontact_value_str);
	zend_enum_add_case_cstr(class_entry, "Bancontact", &enum_case_Bancontact_value);

	zval enum_case_Diners_value;
	zend_string *enum_case_Diners_value_str = zend_string_init("DINERS", strlen("DINERS"), 1);
	ZVAL_STR(&enum_case_Diners_value, enum_case_Diners_value_str);
	zend_enum_add_case_cstr(class_entry, "Diners", &enum_case_Diners_value);

	zval enum_case_Discover_value;
	zend_string *enum_case_Discover_value_str = zend_string_init("DISCOVER", strlen("DISCOVER"), 1);
	ZVAL_STR(&enum_case_Discover_value, enum_case_Discover_value_str);
	zend_enum_add_case_cstr(class_entry, "Discover", &enum_case_Discover_value);

	zval enum_case_Jcb_value;
	zend_string *enum_case_Jcb_value_str = zend_string_init("JCB", strlen("JCB"), 1);
	ZVAL_STR(&enum_case_Jcb_value, enum_case_Jcb_value_str);
	zend_enum_add_case_cstr(class_entry, "Jcb", &enum_case_Jcb_value);

	zval enum_case_UnionPay_value;
	zend_string *enum_case_UnionPay_value_str = zend_string_init("UNIONPAY", strlen("UNIONPAY"), 1);
	ZVAL_STR(&enum_case_UnionPay_value, enum_case_UnionPay_value_str);
	zend_enum_add_case_cstr(class_entry, "UnionPay", &enum_case_UnionPay_value);

	return class_entry;
}

static zend_class_entry *register_class_Msp_CardError(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Msp\\CardError", IS_STRING, class_Msp_CardError_methods);

	zval enum_case_InvalidCharacters_value;
	zend_string *enum_case_InvalidCharacters_value_str = zend_string_init("INVALID_CHARACTERS", strlen("INVALID_CHARACTERS"), 1);
	ZVAL_STR(&enum_case_InvalidCharacters_value, enum_case_InvalidCharacters_value_str);
	zend_enum_add_case_cstr(class_entry, "InvalidCharacters", &enum_case_InvalidCharacters_value);

	zval enum_case_InvalidLength_value;
	zend_string *enum_case_InvalidLength_value_str = zend_string_init("INVALID_LENGTH", strlen("INVALID_LENGTH"), 1);
	ZVAL_STR(&enum_case_InvalidLength_value, enum_case_InvalidLength_value_str);
	zend_enum_add_case_cstr(class_entry, "InvalidLength", &enum_case_InvalidLength_value);

	zval enum_case_LuhnFailed_value;
	zend_string *enum_case_LuhnFailed_value_str = zend_string_init("LUHN_FAILED", strlen("LUHN_FAILED"), 1);
	ZVAL_STR(&enum_case_LuhnFailed_value, enum_case_LuhnFailed_value_str);
	zend_enum_add_case_cstr(class_entry, "LuhnFailed", &enum_case_LuhnFailed_value);

	zval enum_case_UnknownBrand_value;
	zend_string *enum_case_UnknownBrand_value_str = zend_string_init("UNKNOWN_BRAND", strlen("UNKNOWN_BRAND"), 1);
	ZVAL_STR(&enum_case_UnknownBrand_value, enum_case_UnknownBrand_value_str);
	zend_enum_add_case_cstr(class_entry, "UnknownBrand", &enum_case_UnknownBrand_value);

	zval enum_case_UnsupportedBrand_value;
	zend_string *enum_case_UnsupportedBrand_value_str = zend_string_init("UNSUPPORTED_BRAND", strlen("UNSUPPORTED_BRAND"), 1);
	ZVAL_STR(&enum_case_UnsupportedBrand_value, enum_case_UnsupportedBrand_value_str);
	zend_enum_add_case_cstr(class_entry, "UnsupportedBrand", &enum_case_UnsupportedBrand_value);

	zval enum_case_InvalidCvc_value;
	zend_string *enum_case_InvalidCvc_value_str = zend_string_init("INVALID_CVC", strlen("INVALID_CVC"), 1);
	ZVAL_STR(&enum_case_InvalidCvc_value, enum_case_InvalidCvc_value_str);
	zend_enum_add_case_cstr(class_entry, "InvalidCvc", &enum_case_InvalidCvc_value);

	zval enum_case_CvcRequired_value;
	zend_string *enum_case_CvcRequired_value_str = zend_string_init("CVC_REQUIRED", strlen("CVC_REQUIRED"), 1);
	ZVAL_STR(&enum_case_CvcRequired_value, enum_case_CvcRequired_value_str);
	zend_enum_add_case_cstr(class_entry, "CvcRequired", &enum_case_CvcRequired_value);

	zval enum_case_InvalidExpiry_value;
	zend_string *enum_case_InvalidExpiry_value_str = zend_string_init("INVALID_EXPIRY", strlen("INVALID_EXPIRY"), 1);
	ZVAL_STR(&enum_case_InvalidExpiry_value, enum_case_InvalidExpiry_value_str);
	zend_enum_add_case_cstr(class_entry, "InvalidExpiry", &enum_case_InvalidExpiry_value);

	zval enum_case_Expired_value;
	zend_string *enum_case_Expired_value_str = zend_string_init("EXPIRED", strlen("EXPIRED"), 1);
	ZVAL_STR(&enum_case_Expired_value, enum_case_Expired_value_str);
	zend_enum_add_case_cstr(class_entry, "Expired", &enum_case_Expired_value);

	zval enum_case_InvalidHolder_value;
	zend_string *enum_case_InvalidHolder_value_str = zend_string_init("INVALID_HOLDER", strlen("INVALID_HOLDER"), 1);
	ZVAL_STR(&enum_case_InvalidHolder_value, enum_case_InvalidHolder_value_str);
	zend_enum_add_case_cstr(class_entry, "InvalidHolder", &enum_case_InvalidHolder_value);

	return class_entry;
}

static zend_class_entry *register_class_Msp_Card(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "Card", class_Msp_Card_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 3, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "consume", sizeof("consume") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "consume", sizeof("consume") - 1), 3, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	return class_entry;
}
