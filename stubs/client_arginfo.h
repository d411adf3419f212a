/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 1a92b6ba9f8d55ed34164178b0e07f11d1cf6e28 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Msp_Client___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, apiKey, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_Client_createOrder, 0, 1, Msp\\Order, 0)
	ZEND_ARG_OBJ_INFO(0, request, Msp\\OrderRequest, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_Client_getOrder, 0, 1, Msp\\Order, 0)
	ZEND_ARG_TYPE_INFO(0, orderId, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Client_getOrders, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, orderIds, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, concurrency, IS_LONG, 0, "8")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_Client_refund, 0, 3, Msp\\Refund, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, order, Msp\\Order, MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO(0, amount, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, currency, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, description, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, refundOrderId, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, var1, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, var2, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, var3, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_Client_refundAll, 0, 1, Msp\\Refund, 0)
	ZEND_ARG_OBJ_INFO(0, order, Msp\\Order, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, description, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, refundOrderId, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, var1, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, var2, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, var3, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Client_cancelRefund, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, orderId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, refundId, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_Client_capture, 0, 3, Msp\\Order, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, order, Msp\\Order, MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO(0, amount, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, newOrderId, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Client_cancelAuthorization, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, orderId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, reason, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Client_cancelOrder, 0, 1, IS_VOID, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, order, Msp\\Order, MAY_BE_STRING, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_Client_verifyNotification, 0, 2, Msp\\\116otification, 0)
	ZEND_ARG_TYPE_INFO(0, rawBody, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, authHeader, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, tolerance, IS_LONG, 0, "600")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, now, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_Client_notificationFromRequest, 0, 0, Msp\\\116otification, 1)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, tolerance, IS_LONG, 0, "600")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Client_environment, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Msp_Client_baseUrl arginfo_class_Msp_Client_environment

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Client_stats, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Client___clone, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Msp_Client, __construct);
ZEND_METHOD(Msp_Client, createOrder);
ZEND_METHOD(Msp_Client, getOrder);
ZEND_METHOD(Msp_Client, getOrders);
ZEND_METHOD(Msp_Client, refund);
ZEND_METHOD(Msp_Client, refundAll);
ZEND_METHOD(Msp_Client, cancelRefund);
ZEND_METHOD(Msp_Client, capture);
ZEND_METHOD(Msp_Client, cancelAuthorization);
ZEND_METHOD(Msp_Client, cancelOrder);
ZEND_METHOD(Msp_Client, verifyNotification);
ZEND_METHOD(Msp_Client, notificationFromRequest);
ZEND_METHOD(Msp_Client, environment);
ZEND_METHOD(Msp_Client, baseUrl);
ZEND_METHOD(Msp_Client, stats);
ZEND_METHOD(Msp_Client, __clone);


static const zend_function_entry class_Msp_Client_methods[] = {
	ZEND_ME(Msp_Client, __construct, arginfo_class_Msp_Client___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Client, createOrder, arginfo_class_Msp_Client_createOrder, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Client, getOrder, arginfo_class_Msp_Client_getOrder, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Client, getOrders, arginfo_class_Msp_Client_getOrders, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Client, refund, arginfo_class_Msp_Client_refund, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Client, refundAll, arginfo_class_Msp_Client_refundAll, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Client, cancelRefund, arginfo_class_Msp_Client_cancelRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Client, capture, arginfo_class_Msp_Client_capture, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Client, cancelAuthorization, arginfo_class_Msp_Client_cancelAuthorization, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Client, cancelOrder, arginfo_class_Msp_Client_cancelOrder, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Client, verifyNotification, arginfo_class_Msp_Client_verifyNotification, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Client, notificationFromRequest, arginfo_class_Msp_Client_notificationFromRequest, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Client, environment, arginfo_class_Msp_Client_environment, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Client, baseUrl, arginfo_class_Msp_Client_baseUrl, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Client, stats, arginfo_class_Msp_Client_stats, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Msp_Client, __clone, arginfo_class_Msp_Client___clone, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};

static zend_class_entry *register_class_Msp_Client(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "Client", class_Msp_Client_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	return class_entry;
}
