/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: b8a40ff677df1b30ce4a5de751ddf11a3cb58ea0 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_InvalidArgumentException_getField, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Msp_CardException___construct, 0, 0, 2)
	ZEND_ARG_TYPE_INFO(0, message, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, reason, Msp\\CardError, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, previous, Throwable, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_CardException_getReason, 0, 0, Msp\\CardError, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_ApiException_getErrorCode, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_ApiException_getErrorInfo, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Msp_ApiException_getHttpStatus arginfo_class_Msp_ApiException_getErrorCode

#define arginfo_class_Msp_NetworkException_getCurlCode arginfo_class_Msp_ApiException_getErrorCode

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_NetworkException_isOutcomeUnknown, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Msp_SignatureException___construct, 0, 0, 2)
	ZEND_ARG_TYPE_INFO(0, message, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, reason, Msp\\SignatureError, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, previous, Throwable, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_SignatureException_getReason, 0, 0, Msp\\SignatureError, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Msp_InvalidArgumentException, getField);
ZEND_METHOD(Msp_CardException, __construct);
ZEND_METHOD(Msp_CardException, getReason);
ZEND_METHOD(Msp_ApiException, getErrorCode);
ZEND_METHOD(Msp_ApiException, getErrorInfo);
ZEND_METHOD(Msp_ApiException, getHttpStatus);
ZEND_METHOD(Msp_NetworkException, getCurlCode);
ZEND_METHOD(Msp_NetworkException, isOutcomeUnknown);
ZEND_METHOD(Msp_SignatureException, __construct);
ZEND_METHOD(Msp_SignatureException, getReason);


static const zend_function_entry class_Msp_Exception_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Msp_InvalidArgumentException_methods[] = {
	ZEND_ME(Msp_InvalidArgumentException, getField, arginfo_class_Msp_InvalidArgumentException_getField, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Msp_CardException_methods[] = {
	ZEND_ME(Msp_CardException, __construct, arginfo_class_Msp_CardException___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_CardException, getReason, arginfo_class_Msp_CardException_getReason, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Msp_ApiException_methods[] = {
	ZEND_ME(Msp_ApiException, getErrorCode, arginfo_class_Msp_ApiException_getErrorCode, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_ApiException, getErrorInfo, arginfo_class_Msp_ApiException_getErrorInfo, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_ApiException, getHttpStatus, arginfo_class_Msp_ApiException_getHttpStatus, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Msp_ApiUnavailableException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Msp_ProtocolException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Msp_OrderIdConflictException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Msp_NetworkException_methods[] = {
	ZEND_ME(Msp_NetworkException, getCurlCode, arginfo_class_Msp_NetworkException_getCurlCode, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_NetworkException, isOutcomeUnknown, arginfo_class_Msp_NetworkException_isOutcomeUnknown, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Msp_SignatureException_methods[] = {
	ZEND_ME(Msp_SignatureException, __construct, arginfo_class_Msp_SignatureException___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_SignatureException, getReason, arginfo_class_Msp_SignatureException_getReason, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Msp_SignatureError_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Msp_StateException_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_Msp_Exception(zend_class_entry *class_entry_Throwable)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "Exception", class_Msp_Exception_methods);
	class_entry = zend_register_internal_interface(&ce);
	zend_class_implements(class_entry, 1, class_entry_Throwable);

	return class_entry;
}

static zend_class_entry *register_class_Msp_InvalidArgumentException(zend_class_entry *class_entry_InvalidArgumentException, zend_class_entry *class_entry_Msp_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "InvalidArgumentException", class_Msp_InvalidArgumentException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_InvalidArgumentException);
	zend_class_implements(class_entry, 1, class_entry_Msp_Exception);

	zval property_field_default_value;
	ZVAL_NULL(&property_field_default_value);
	zend_string *property_field_name = zend_string_init("field", sizeof("field") - 1, 1);
	zend_declare_typed_property(class_entry, property_field_name, &property_field_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_field_name);

	return class_entry;
}

static zend_class_entry *register_class_Msp_CardException(zend_class_entry *class_entry_Msp_InvalidArgumentException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "CardException", class_Msp_CardException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Msp_InvalidArgumentException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zend_string *property_reason_class_Msp_CardError = zend_string_init("Msp\\CardError", sizeof("Msp\\CardError")-1, 1);
	zval property_reason_default_value;
	ZVAL_UNDEF(&property_reason_default_value);
	zend_string *property_reason_name = zend_string_init("reason", sizeof("reason") - 1, 1);
	zend_declare_typed_property(class_entry, property_reason_name, &property_reason_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_reason_class_Msp_CardError, 0, 0));
	zend_string_release(property_reason_name);

	return class_entry;
}

static zend_class_entry *register_class_Msp_ApiException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_Msp_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "ApiException", class_Msp_ApiException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	zend_class_implements(class_entry, 1, class_entry_Msp_Exception);

	zval property_errorCode_default_value;
	ZVAL_LONG(&property_errorCode_default_value, 0);
	zend_string *property_errorCode_name = zend_string_init("errorCode", sizeof("errorCode") - 1, 1);
	zend_declare_typed_property(class_entry, property_errorCode_name, &property_errorCode_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_errorCode_name);

	zval property_errorInfo_default_value;
	ZVAL_EMPTY_STRING(&property_errorInfo_default_value);
	zend_string *property_errorInfo_name = zend_string_init("errorInfo", sizeof("errorInfo") - 1, 1);
	zend_declare_typed_property(class_entry, property_errorInfo_name, &property_errorInfo_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_errorInfo_name);

	zval property_httpStatus_default_value;
	ZVAL_LONG(&property_httpStatus_default_value, 0);
	zend_string *property_httpStatus_name = zend_string_init("httpStatus", sizeof("httpStatus") - 1, 1);
	zend_declare_typed_property(class_entry, property_httpStatus_name, &property_httpStatus_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_httpStatus_name);

	return class_entry;
}

static zend_class_entry *register_class_Msp_ApiUnavailableException(zend_class_entry *class_entry_Msp_ApiException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "ApiUnavailableException", class_Msp_ApiUnavailableException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Msp_ApiException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_Msp_ProtocolException(zend_class_entry *class_entry_Msp_ApiException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "ProtocolException", class_Msp_ProtocolException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Msp_ApiException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_Msp_OrderIdConflictException(zend_class_entry *class_entry_Msp_ApiException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "OrderIdConflictException", class_Msp_OrderIdConflictException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Msp_ApiException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_Msp_NetworkException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_Msp_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "NetworkException", class_Msp_NetworkException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;
	zend_class_implements(class_entry, 1, class_entry_Msp_Exception);

	zval property_curlCode_default_value;
	ZVAL_LONG(&property_curlCode_default_value, 0);
	zend_string *property_curlCode_name = zend_string_init("curlCode", sizeof("curlCode") - 1, 1);
	zend_declare_typed_property(class_entry, property_curlCode_name, &property_curlCode_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_curlCode_name);

	zval property_outcomeUnknown_default_value;
	ZVAL_FALSE(&property_outcomeUnknown_default_value);
	zend_string *property_outcomeUnknown_name = zend_string_init("outcomeUnknown", sizeof("outcomeUnknown") - 1, 1);
	zend_declare_typed_property(class_entry, property_outcomeUnknown_name, &property_outcomeUnknown_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_outcomeUnknown_name);

	return class_entry;
}

static zend_class_entry *register_class_Msp_SignatureException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_Msp_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "SignatureException", class_Msp_SignatureException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;
	zend_class_implements(class_entry, 1, class_entry_Msp_Exception);

	zend_string *property_reason_class_Msp_SignatureError = zend_string_init("Msp\\SignatureError", sizeof("Msp\\SignatureError")-1, 1);
	zval property_reason_default_value;
	ZVAL_UNDEF(&property_reason_default_value);
	zend_string *property_reason_name = zend_string_init("reason", sizeof("reason") - 1, 1);
	zend_declare_typed_property(class_entry, property_reason_name, &property_reason_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_reason_class_Msp_SignatureError, 0, 0));
	zend_string_release(property_reason_name);

	return class_entry;
}

static zend_class_entry *register_class_Msp_SignatureError(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Msp\\SignatureError", IS_STRING, class_Msp_SignatureError_methods);

	zval enum_case_EmptyKey_value;
	zend_string *enum_case_EmptyKey_value_str = zend_string_init("empty_key", strlen("empty_key"), 1);
	ZVAL_STR(&enum_case_EmptyKey_value, enum_case_EmptyKey_value_str);
	zend_enum_add_case_cstr(class_entry, "EmptyKey", &enum_case_EmptyKey_value);

	zval enum_case_MalformedHeader_value;
	zend_string *enum_case_MalformedHeader_value_str = zend_string_init("malformed_header", strlen("malformed_header"), 1);
	ZVAL_STR(&enum_case_MalformedHeader_value, enum_case_MalformedHeader_value_str);
	zend_enum_add_case_cstr(class_entry, "MalformedHeader", &enum_case_MalformedHeader_value);

	zval enum_case_BadBase64_value;
	zend_string *enum_case_BadBase64_value_str = zend_string_init("bad_base64", strlen("bad_base64"), 1);
	ZVAL_STR(&enum_case_BadBase64_value, enum_case_BadBase64_value_str);
	zend_enum_add_case_cstr(class_entry, "BadBase64", &enum_case_BadBase64_value);

	zval enum_case_NoSeparator_value;
	zend_string *enum_case_NoSeparator_value_str = zend_string_init("no_separator", strlen("no_separator"), 1);
	ZVAL_STR(&enum_case_NoSeparator_value, enum_case_NoSeparator_value_str);
	zend_enum_add_case_cstr(class_entry, "NoSeparator", &enum_case_NoSeparator_value);

	zval enum_case_BadTimestamp_value;
	zend_string *enum_case_BadTimestamp_value_str = zend_string_init("bad_timestamp", strlen("bad_timestamp"), 1);
	ZVAL_STR(&enum_case_BadTimestamp_value, enum_case_BadTimestamp_value_str);
	zend_enum_add_case_cstr(class_entry, "BadTimestamp", &enum_case_BadTimestamp_value);

	zval enum_case_BadSignatureLength_value;
	zend_string *enum_case_BadSignatureLength_value_str = zend_string_init("bad_signature_length", strlen("bad_signature_length"), 1);
	ZVAL_STR(&enum_case_BadSignatureLength_value, enum_case_BadSignatureLength_value_str);
	zend_enum_add_case_cstr(class_entry, "BadSignatureLength", &enum_case_BadSignatureLength_value);

	zval enum_case_BadHex_value;
	zend_string *enum_case_BadHex_value_str = zend_string_init("bad_hex", strlen("bad_hex"), 1);
	ZVAL_STR(&enum_case_BadHex_value, enum_case_BadHex_value_str);
	zend_enum_add_case_cstr(class_entry, "BadHex", &enum_case_BadHex_value);

	zval enum_case_TimestampOutsideWindow_value;
	zend_string *enum_case_TimestampOutsideWindow_value_str = zend_string_init("timestamp_outside_window", strlen("timestamp_outside_window"), 1);
	ZVAL_STR(&enum_case_TimestampOutsideWindow_value, enum_case_TimestampOutsideWindow_value_str);
	zend_enum_add_case_cstr(class_entry, "TimestampOutsideWindow", &enum_case_TimestampOutsideWindow_value);

	zval enum_case_SignatureMismatch_value;
	zend_string *enum_case_SignatureMismatch_value_str = zend_string_init("signature_mismatch", strlen("signature_mismatch"), 1);
	ZVAL_STR(&enum_case_SignatureMismatch_value, enum_case_SignatureMismatch_value_str);
	zend_enum_add_case_cstr(class_entry, "SignatureMismatch", &enum_case_SignatureMismatch_value);

	zval enum_case_InvalidArgument_value;
	zend_string *enum_case_InvalidArgument_value_str = zend_string_init("invalid_argument", strlen("invalid_argument"), 1);
	ZVAL_STR(&enum_case_InvalidArgument_value, enum_case_InvalidArgument_value_str);
	zend_enum_add_case_cstr(class_entry, "InvalidArgument", &enum_case_InvalidArgument_value);

	zval enum_case_CryptoFailure_value;
	zend_string *enum_case_CryptoFailure_value_str = zend_string_init("crypto_failure", strlen("crypto_failure"), 1);
	ZVAL_STR(&enum_case_CryptoFailure_value, enum_case_CryptoFailure_value_str);
	zend_enum_add_case_cstr(class_entry, "CryptoFailure", &enum_case_CryptoFailure_value);

	return class_entry;
}

static zend_class_entry *register_class_Msp_StateException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_Msp_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "StateException", class_Msp_StateException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;
	zend_class_implements(class_entry, 1, class_entry_Msp_Exception);

	return class_entry;
}
