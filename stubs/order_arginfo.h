/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 9acd5d6acb039fc553b13b66b8af58bc74122d68 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Msp_OrderRequest___construct, 0, 0, 5)
	ZEND_ARG_TYPE_INFO(0, orderId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, amount, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, currency, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, description, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, card, Msp\\Card, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, gateway, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_customer, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, customer, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_browser, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, browser, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_delivery, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, delivery, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_notificationUrl, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, url, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, method, IS_STRING, 0, "\"POST\"")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_redirectUrl, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, url, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Msp_OrderRequest_cancelUrl arginfo_class_Msp_OrderRequest_redirectUrl

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_closeWindow, 0, 0, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, close, _IS_BOOL, 0, "true")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_addItem, 0, 3, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, unitPrice, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, quantity, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, merchantItemId, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, description, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, taxTableSelector, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_manualCapture, 0, 0, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, manual, _IS_BOOL, 0, "true")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_vars, 0, 0, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, var1, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, var2, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, var3, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_customInfo, 0, 0, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, custom1, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, custom2, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, custom3, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_recurring, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, model, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, recurringId, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_plugin, 0, 3, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, shop, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, shopVersion, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, pluginVersion, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, partner, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_flexible3d, 0, 2, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, enabled, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, termUrl, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_threeDs, 0, 2, IS_STATIC, 0)
	ZEND_ARG_OBJ_INFO(0, decision, Msp\\ThreeDsDecision, 0)
	ZEND_ARG_TYPE_INFO(0, termUrl, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_moto, 0, 0, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, moto, _IS_BOOL, 0, "true")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_orderId, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_amount, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Msp_OrderRequest_currency arginfo_class_Msp_OrderRequest_orderId

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_OrderRequest_card, 0, 0, Msp\\Card, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest_toArray, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderRequest___clone, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Msp_Verification___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Msp_Order___construct arginfo_class_Msp_Verification___construct

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Order_isPaid, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Msp_Order_requiresVerification arginfo_class_Msp_Order_isPaid

#define arginfo_class_Msp_Order_refundableAmount arginfo_class_Msp_OrderRequest_amount

#define arginfo_class_Msp_Order_toArray arginfo_class_Msp_OrderRequest_toArray

#define arginfo_class_Msp_Refund___construct arginfo_class_Msp_Verification___construct


ZEND_METHOD(Msp_OrderRequest, __construct);
ZEND_METHOD(Msp_OrderRequest, customer);
ZEND_METHOD(Msp_OrderRequest, browser);
ZEND_METHOD(Msp_OrderRequest, delivery);
ZEND_METHOD(Msp_OrderRequest, notificationUrl);
ZEND_METHOD(Msp_OrderRequest, redirectUrl);
ZEND_METHOD(Msp_OrderRequest, cancelUrl);
ZEND_METHOD(Msp_OrderRequest, closeWindow);
ZEND_METHOD(Msp_OrderRequest, addItem);
ZEND_METHOD(Msp_OrderRequest, manualCapture);
ZEND_METHOD(Msp_OrderRequest, vars);
ZEND_METHOD(Msp_OrderRequest, customInfo);
ZEND_METHOD(Msp_OrderRequest, recurring);
ZEND_METHOD(Msp_OrderRequest, plugin);
ZEND_METHOD(Msp_OrderRequest, flexible3d);
ZEND_METHOD(Msp_OrderRequest, threeDs);
ZEND_METHOD(Msp_OrderRequest, moto);
ZEND_METHOD(Msp_OrderRequest, orderId);
ZEND_METHOD(Msp_OrderRequest, amount);
ZEND_METHOD(Msp_OrderRequest, currency);
ZEND_METHOD(Msp_OrderRequest, card);
ZEND_METHOD(Msp_OrderRequest, toArray);
ZEND_METHOD(Msp_OrderRequest, __clone);
ZEND_METHOD(Msp_Verification, __construct);
ZEND_METHOD(Msp_Order, __construct);
ZEND_METHOD(Msp_Order, isPaid);
ZEND_METHOD(Msp_Order, requiresVerification);
ZEND_METHOD(Msp_Order, refundableAmount);
ZEND_METHOD(Msp_Order, toArray);
ZEND_METHOD(Msp_Refund, __construct);


static const zend_function_entry class_Msp_OrderStatus_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Msp_TransactionStatus_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Msp_OrderRequest_methods[] = {
	ZEND_ME(Msp_OrderRequest, __construct, arginfo_class_Msp_OrderRequest___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, customer, arginfo_class_Msp_OrderRequest_customer, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, browser, arginfo_class_Msp_OrderRequest_browser, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, delivery, arginfo_class_Msp_OrderRequest_delivery, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, notificationUrl, arginfo_class_Msp_OrderRequest_notificationUrl, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, redirectUrl, arginfo_class_Msp_OrderRequest_redirectUrl, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, cancelUrl, arginfo_class_Msp_OrderRequest_cancelUrl, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, closeWindow, arginfo_class_Msp_OrderRequest_closeWindow, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, addItem, arginfo_class_Msp_OrderRequest_addItem, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, manualCapture, arginfo_class_Msp_OrderRequest_manualCapture, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, vars, arginfo_class_Msp_OrderRequest_vars, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, customInfo, arginfo_class_Msp_OrderRequest_customInfo, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, recurring, arginfo_class_Msp_OrderRequest_recurring, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, plugin, arginfo_class_Msp_OrderRequest_plugin, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, flexible3d, arginfo_class_Msp_OrderRequest_flexible3d, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, threeDs, arginfo_class_Msp_OrderRequest_threeDs, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, moto, arginfo_class_Msp_OrderRequest_moto, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, orderId, arginfo_class_Msp_OrderRequest_orderId, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, amount, arginfo_class_Msp_OrderRequest_amount, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, currency, arginfo_class_Msp_OrderRequest_currency, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, card, arginfo_class_Msp_OrderRequest_card, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, toArray, arginfo_class_Msp_OrderRequest_toArray, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderRequest, __clone, arginfo_class_Msp_OrderRequest___clone, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};


static const zend_function_entry class_Msp_Verification_methods[] = {
	ZEND_ME(Msp_Verification, __construct, arginfo_class_Msp_Verification___construct, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};


static const zend_function_entry class_Msp_Order_methods[] = {
	ZEND_ME(Msp_Order, __construct, arginfo_class_Msp_Order___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Msp_Order, isPaid, arginfo_class_Msp_Order_isPaid, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Order, requiresVerification, arginfo_class_Msp_Order_requiresVerification, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Order, refundableAmount, arginfo_class_Msp_Order_refundableAmount, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Order, toArray, arginfo_class_Msp_Order_toArray, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Msp_Refund_methods[] = {
	ZEND_ME(Msp_Refund, __construct, arginfo_class_Msp_Refund___construct, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};

static zend_class_entry *register_class_Msp_OrderStatus(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Msp\\OrderStatus", IS_STRING, class_Msp_OrderStatus_methods);

	zval enum_case_Initialized_value;
	zend_string *enum_case_Initialized_value_str = zend_string_init("initialized", strlen("initialized"), 1);
	ZVAL_STR(&enum_case_Initialized_value, enum_case_Initialized_value_str);
	zend_enum_add_case_cstr(class_entry, "Initialized", &enum_case_Initialized_value);

	zval enum_case_Completed_value;
	zend_string *enum_case_Completed_value_str = zend_string_init("completed", strlen("completed"), 1);
	ZVAL_STR(&enum_case_Completed_value, enum_case_Completed_value_str);
	zend_enum_add_case_cstr(class_entry, "Completed", &enum_case_Completed_value);

	zval enum_case_Uncleared_value;
	zend_string *enum_case_Uncleared_value_str = zend_string_init("uncleared", strlen("uncleared"), 1);
	ZVAL_STR(&enum_case_Uncleared_value, enum_case_Uncleared_value_str);
	zend_enum_add_case_cstr(class_entry, "Uncleared", &enum_case_Uncleared_value);

	zval enum_case_Declined_value;
	zend_string *enum_case_Declined_value_str = zend_string_init("declined", strlen("declined"), 1);
	ZVAL_STR(&enum_case_Declined_value, enum_case_Declined_value_str);
	zend_enum_add_case_cstr(class_entry, "Declined", &enum_case_Declined_value);

	zval enum_case_Expired_value;
	zend_string *enum_case_Expired_value_str = zend_string_init("expired", strlen("expired"), 1);
	ZVAL_STR(&enum_case_Expired_value, enum_case_Expired_value_str);
	zend_enum_add_case_cstr(class_entry, "Expired", &enum_case_Expired_value);

	zval enum_case_Void_value;
	zend_string *enum_case_Void_value_str = zend_string_init("void", strlen("void"), 1);
	ZVAL_STR(&enum_case_Void_value, enum_case_Void_value_str);
	zend_enum_add_case_cstr(class_entry, "Void", &enum_case_Void_value);

	zval enum_case_Cancelled_value;
	zend_string *enum_case_Cancelled_value_str = zend_string_init("cancelled", strlen("cancelled"), 1);
	ZVAL_STR(&enum_case_Cancelled_value, enum_case_Cancelled_value_str);
	zend_enum_add_case_cstr(class_entry, "Cancelled", &enum_case_Cancelled_value);

	zval enum_case_Refunded_value;
	zend_string *enum_case_Refunded_value_str = zend_string_init("refunded", strlen("refunded"), 1);
	ZVAL_STR(&enum_case_Refunded_value, enum_case_Refunded_value_str);
	zend_enum_add_case_cstr(class_entry, "Refunded", &enum_case_Refunded_value);

	zval enum_case_PartialRefunded_value;
	zend_string *enum_case_PartialRefunded_value_str = zend_string_init("partial_refunded", strlen("partial_refunded"), 1);
	ZVAL_STR(&enum_case_PartialRefunded_value, enum_case_PartialRefunded_value_str);
	zend_enum_add_case_cstr(class_entry, "PartialRefunded", &enum_case_PartialRefunded_value);

	zval enum_case_Reserved_value;
	zend_string *enum_case_Reserved_value_str = zend_string_init("reserved", strlen("reserved"), 1);
	ZVAL_STR(&enum_case_Reserved_value, enum_case_Reserved_value_str);
	zend_enum_add_case_cstr(class_entry, "Reserved", &enum_case_Reserved_value);

	zval enum_case_Chargeback_value;
	zend_string *enum_case_Chargeback_value_str = zend_string_init("chargeback", strlen("chargeback"), 1);
	ZVAL_STR(&enum_case_Chargeback_value, enum_case_Chargeback_value_str);
	zend_enum_add_case_cstr(class_entry, "Chargeback", &enum_case_Chargeback_value);

	zval enum_case_Shipped_value;
	zend_string *enum_case_Shipped_value_str = zend_string_init("shipped", strlen("shipped"), 1);
	ZVAL_STR(&enum_case_Shipped_value, enum_case_Shipped_value_str);
	zend_enum_add_case_cstr(class_entry, "Shipped", &enum_case_Shipped_value);

	zval enum_case_Unknown_value;
	zend_string *enum_case_Unknown_value_str = zend_string_init("unknown", strlen("unknown"), 1);
	ZVAL_STR(&enum_case_Unknown_value, enum_case_Unknown_value_str);
	zend_enum_add_case_cstr(class_entry, "Unknown", &enum_case_Unknown_value);

	return class_entry;
}

static zend_class_entry *register_class_Msp_TransactionStatus(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Msp\\TransactionStatus", IS_STRING, class_Msp_TransactionStatus_methods);

	zval enum_case_Initialized_value;
	zend_string *enum_case_Initialized_value_str = zend_string_init("initialized", strlen("initialized"), 1);
	ZVAL_STR(&enum_case_Initialized_value, enum_case_Initialized_value_str);
	zend_enum_add_case_cstr(class_entry, "Initialized", &enum_case_Initialized_value);

	zval enum_case_Completed_value;
	zend_string *enum_case_Completed_value_str = zend_string_init("completed", strlen("completed"), 1);
	ZVAL_STR(&enum_case_Completed_value, enum_case_Completed_value_str);
	zend_enum_add_case_cstr(class_entry, "Completed", &enum_case_Completed_value);

	zval enum_case_Uncleared_value;
	zend_string *enum_case_Uncleared_value_str = zend_string_init("uncleared", strlen("uncleared"), 1);
	ZVAL_STR(&enum_case_Uncleared_value, enum_case_Uncleared_value_str);
	zend_enum_add_case_cstr(class_entry, "Uncleared", &enum_case_Uncleared_value);

	zval enum_case_Declined_value;
	zend_string *enum_case_Declined_value_str = zend_string_init("declined", strlen("declined"), 1);
	ZVAL_STR(&enum_case_Declined_value, enum_case_Declined_value_str);
	zend_enum_add_case_cstr(class_entry, "Declined", &enum_case_Declined_value);

	zval enum_case_Expired_value;
	zend_string *enum_case_Expired_value_str = zend_string_init("expired", strlen("expired"), 1);
	ZVAL_STR(&enum_case_Expired_value, enum_case_Expired_value_str);
	zend_enum_add_case_cstr(class_entry, "Expired", &enum_case_Expired_value);

	zval enum_case_Void_value;
	zend_string *enum_case_Void_value_str = zend_string_init("void", strlen("void"), 1);
	ZVAL_STR(&enum_case_Void_value, enum_case_Void_value_str);
	zend_enum_add_case_cstr(class_entry, "Void", &enum_case_Void_value);

	zval enum_case_Cancelled_value;
	zend_string *enum_case_Cancelled_value_str = zend_string_init("cancelled", strlen("cancelled"), 1);
	ZVAL_STR(&enum_case_Cancelled_value, enum_case_Cancelled_value_str);
	zend_enum_add_case_cstr(class_entry, "Cancelled", &enum_case_Cancelled_value);

	zval enum_case_Reserved_value;
	zend_string *enum_case_Reserved_value_str = zend_string_init("reserved", strlen("reserved"), 1);
	ZVAL_STR(&enum_case_Reserved_value, enum_case_Reserved_value_str);
	zend_enum_add_case_cstr(class_entry, "Reserved", &enum_case_Reserved_value);

	zval enum_case_Refunded_value;
	zend_string *enum_case_Refunded_value_str = zend_string_init("refunded", strlen("refunded"), 1);
	ZVAL_STR(&enum_case_Refunded_value, enum_case_Refunded_value_str);
	zend_enum_add_case_cstr(class_entry, "Refunded", &enum_case_Refunded_value);

	zval enum_case_Chargeback_value;
	zend_string *enum_case_Chargeback_value_str = zend_string_init("chargeback", strlen("chargeback"), 1);
	ZVAL_STR(&enum_case_Chargeback_value, enum_case_Chargeback_value_str);
	zend_enum_add_case_cstr(class_entry, "Chargeback", &enum_case_Chargeback_value);

	zval enum_case_PartialRefunded_value;
	zend_string *enum_case_PartialRefunded_value_str = zend_string_init("partial_refunded", strlen("partial_refunded"), 1);
	ZVAL_STR(&enum_case_PartialRefunded_value, enum_case_PartialRefunded_value_str);
	zend_enum_add_case_cstr(class_entry, "PartialRefunded", &enum_case_PartialRefunded_value);

	zval enum_case_Created_value;
	zend_string *enum_case_Created_value_str = zend_string_init("created", strlen("created"), 1);
	ZVAL_STR(&enum_case_Created_value, enum_case_Created_value_str);
	zend_enum_add_case_cstr(class_entry, "Created", &enum_case_Created_value);

	zval enum_case_Error_value;
	zend_string *enum_case_Error_value_str = zend_string_init("error", strlen("error"), 1);
	ZVAL_STR(&enum_case_Error_value, enum_case_Error_value_str);
	zend_enum_add_case_cstr(class_entry, "Error", &enum_case_Error_value);

	zval enum_case_Manual_value;
	zend_string *enum_case_Manual_value_str = zend_string_init("manual", strlen("manual"), 1);
	ZVAL_STR(&enum_case_Manual_value, enum_case_Manual_value_str);
	zend_enum_add_case_cstr(class_entry, "Manual", &enum_case_Manual_value);

	zval enum_case_New_value;
	zend_string *enum_case_New_value_str = zend_string_init("new", strlen("new"), 1);
	ZVAL_STR(&enum_case_New_value, enum_case_New_value_str);
	zend_enum_add_case_cstr(class_entry, "New", &enum_case_New_value);

	zval enum_case_Unknown_value;
	zend_string *enum_case_Unknown_value_str = zend_string_init("unknown", strlen("unknown"), 1);
	ZVAL_STR(&enum_case_Unknown_value, enum_case_Unknown_value_str);
	zend_enum_add_case_cstr(class_entry, "Unknown", &enum_case_Unknown_value);

	return class_entry;
}

static zend_class_entry *register_class_Msp_OrderRequest(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "OrderRequest", class_Msp_OrderRequest_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Msp_Verification(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "Verification", class_Msp_Verification_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval property_html_default_value;
	ZVAL_UNDEF(&property_html_default_value);
	zend_string *property_html_name = zend_string_init("html", sizeof("html") - 1, 1);
	zend_declare_typed_property(class_entry, property_html_name, &property_html_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_html_name);

	zval property_type_default_value;
	ZVAL_UNDEF(&property_type_default_value);
	zend_string *property_type_name = zend_string_init("type", sizeof("type") - 1, 1);
	zend_declare_typed_property(class_entry, property_type_name, &property_type_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_type_name);

	zval property_url_default_value;
	ZVAL_UNDEF(&property_url_default_value);
	zend_string *property_url_name = zend_string_init("url", sizeof("url") - 1, 1);
	zend_declare_typed_property(class_entry, property_url_name, &property_url_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_url_name);

	return class_entry;
}

static zend_class_entry *register_class_Msp_Order(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "Order", class_Msp_Order_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_orderId_default_value;
	ZVAL_UNDEF(&property_orderId_default_value);
	zend_string *property_orderId_name = zend_string_init("orderId", sizeof("orderId") - 1, 1);
	zend_declare_typed_property(class_entry, property_orderId_name, &property_orderId_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_orderId_name);

	zval property_transactionId_default_value;
	ZVAL_UNDEF(&property_transactionId_default_value);
	zend_string *property_transactionId_name = zend_string_init("transactionId", sizeof("transactionId") - 1, 1);
	zend_declare_typed_property(class_entry, property_transactionId_name, &property_transactionId_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_transactionId_name);

	zend_string *property_status_class_Msp_OrderStatus = zend_string_init("Msp\\OrderStatus", sizeof("Msp\\OrderStatus")-1, 1);
	zval property_status_default_value;
	ZVAL_UNDEF(&property_status_default_value);
	zend_string *property_status_name = zend_string_init("status", sizeof("status") - 1, 1);
	zend_declare_typed_property(class_entry, property_status_name, &property_status_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_status_class_Msp_OrderStatus, 0, 0));
	zend_string_release(property_status_name);

	zend_string *property_financialStatus_class_Msp_TransactionStatus = zend_string_init("Msp\\TransactionStatus", sizeof("Msp\\TransactionStatus")-1, 1);
	zval property_financialStatus_default_value;
	ZVAL_UNDEF(&property_financialStatus_default_value);
	zend_string *property_financialStatus_name = zend_string_init("financialStatus", sizeof("financialStatus") - 1, 1);
	zend_declare_typed_property(class_entry, property_financialStatus_name, &property_financialStatus_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_financialStatus_class_Msp_TransactionStatus, 0, 0));
	zend_string_release(property_financialStatus_name);

	zval property_amount_default_value;
	ZVAL_UNDEF(&property_amount_default_value);
	zend_string *property_amount_name = zend_string_init("amount", sizeof("amount") - 1, 1);
	zend_declare_typed_property(class_entry, property_amount_name, &property_amount_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_amount_name);

	zval property_amountRefunded_default_value;
	ZVAL_UNDEF(&property_amountRefunded_default_value);
	zend_string *property_amountRefunded_name = zend_string_init("amountRefunded", sizeof("amountRefunded") - 1, 1);
	zend_declare_typed_property(class_entry, property_amountRefunded_name, &property_amountRefunded_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_amountRefunded_name);

	zval property_currency_default_value;
	ZVAL_UNDEF(&property_currency_default_value);
	zend_string *property_currency_name = zend_string_init("currency", sizeof("currency") - 1, 1);
	zend_declare_typed_property(class_entry, property_currency_name, &property_currency_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_currency_name);

	zval property_description_default_value;
	ZVAL_UNDEF(&property_description_default_value);
	zend_string *property_description_name = zend_string_init("description", sizeof("description") - 1, 1);
	zend_declare_typed_property(class_entry, property_description_name, &property_description_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_description_name);

	zend_string *property_brand_class_Msp_CardBrand = zend_string_init("Msp\\CardBrand", sizeof("Msp\\CardBrand")-1, 1);
	zval property_brand_default_value;
	ZVAL_UNDEF(&property_brand_default_value);
	zend_string *property_brand_name = zend_string_init("brand", sizeof("brand") - 1, 1);
	zend_declare_typed_property(class_entry, property_brand_name, &property_brand_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_brand_class_Msp_CardBrand, 0, MAY_BE_NULL));
	zend_string_release(property_brand_name);

	zval property_last4_default_value;
	ZVAL_UNDEF(&property_last4_default_value);
	zend_string *property_last4_name = zend_string_init("last4", sizeof("last4") - 1, 1);
	zend_declare_typed_property(class_entry, property_last4_name, &property_last4_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_last4_name);

	zval property_reason_default_value;
	ZVAL_UNDEF(&property_reason_default_value);
	zend_string *property_reason_name = zend_string_init("reason", sizeof("reason") - 1, 1);
	zend_declare_typed_property(class_entry, property_reason_name, &property_reason_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_reason_name);

	zval property_reasonCode_default_value;
	ZVAL_UNDEF(&property_reasonCode_default_value);
	zend_string *property_reasonCode_name = zend_string_init("reasonCode", sizeof("reasonCode") - 1, 1);
	zend_declare_typed_property(class_entry, property_reasonCode_name, &property_reasonCode_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_reasonCode_name);

	zend_string *property_verification_class_Msp_Verification = zend_string_init("Msp\\Verification", sizeof("Msp\\Verification")-1, 1);
	zval property_verification_default_value;
	ZVAL_UNDEF(&property_verification_default_value);
	zend_string *property_verification_name = zend_string_init("verification", sizeof("verification") - 1, 1);
	zend_declare_typed_property(class_entry, property_verification_name, &property_verification_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_verification_class_Msp_Verification, 0, MAY_BE_NULL));
	zend_string_release(property_verification_name);

	zval property_paymentUrl_default_value;
	ZVAL_UNDEF(&property_paymentUrl_default_value);
	zend_string *property_paymentUrl_name = zend_string_init("paymentUrl", sizeof("paymentUrl") - 1, 1);
	zend_declare_typed_property(class_entry, property_paymentUrl_name, &property_paymentUrl_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_paymentUrl_name);

	zval property_threeDsStatus_default_value;
	ZVAL_UNDEF(&property_threeDsStatus_default_value);
	zend_string *property_threeDsStatus_name = zend_string_init("threeDsStatus", sizeof("threeDsStatus") - 1, 1);
	zend_declare_typed_property(class_entry, property_threeDsStatus_name, &property_threeDsStatus_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_threeDsStatus_name);

	zval property_threeDsFlow_default_value;
	ZVAL_UNDEF(&property_threeDsFlow_default_value);
	zend_string *property_threeDsFlow_name = zend_string_init("threeDsFlow", sizeof("threeDsFlow") - 1, 1);
	zend_declare_typed_property(class_entry, property_threeDsFlow_name, &property_threeDsFlow_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_threeDsFlow_name);

	zval property_created_default_value;
	ZVAL_UNDEF(&property_created_default_value);
	zend_string *property_created_name = zend_string_init("created", sizeof("created") - 1, 1);
	zend_declare_typed_property(class_entry, property_created_name, &property_created_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_created_name);

	zval property_modified_default_value;
	ZVAL_UNDEF(&property_modified_default_value);
	zend_string *property_modified_name = zend_string_init("modified", sizeof("modified") - 1, 1);
	zend_declare_typed_property(class_entry, property_modified_name, &property_modified_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_modified_name);

	return class_entry;
}

static zend_class_entry *register_class_Msp_Refund(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "Refund", class_Msp_Refund_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval property_orderId_default_value;
	ZVAL_UNDEF(&property_orderId_default_value);
	zend_string *property_orderId_name = zend_string_init("orderId", sizeof("orderId") - 1, 1);
	zend_declare_typed_property(class_entry, property_orderId_name, &property_orderId_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_orderId_name);

	zval property_refundId_default_value;
	ZVAL_UNDEF(&property_refundId_default_value);
	zend_string *property_refundId_name = zend_string_init("refundId", sizeof("refundId") - 1, 1);
	zend_declare_typed_property(class_entry, property_refundId_name, &property_refundId_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_refundId_name);

	zval property_transactionId_default_value;
	ZVAL_UNDEF(&property_transactionId_default_value);
	zend_string *property_transactionId_name = zend_string_init("transactionId", sizeof("transactionId") - 1, 1);
	zend_declare_typed_property(class_entry, property_transactionId_name, &property_transactionId_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_transactionId_name);

	zval property_amount_default_value;
	ZVAL_UNDEF(&property_amount_default_value);
	zend_string *property_amount_name = zend_string_init("amount", sizeof("amount") - 1, 1);
	zend_declare_typed_property(class_entry, property_amount_name, &property_amount_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_amount_name);

	zval property_currency_default_value;
	ZVAL_UNDEF(&property_currency_default_value);
	zend_string *property_currency_name = zend_string_init("currency", sizeof("currency") - 1, 1);
	zend_declare_typed_property(class_entry, property_currency_name, &property_currency_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_currency_name);

	zval property_status_default_value;
	ZVAL_UNDEF(&property_status_default_value);
	zend_string *property_status_name = zend_string_init("status", sizeof("status") - 1, 1);
	zend_declare_typed_property(class_entry, property_status_name, &property_status_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_status_name);

	return class_entry;
}
