/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 37b511e0bbdb3ff4fe5d2bd13142bf3bb5fa1c93 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Msp_Notification___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_Notification_order, 0, 0, Msp\\Order, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_Notification_fetchOrder, 0, 1, Msp\\Order, 0)
	ZEND_ARG_OBJ_INFO(0, client, Msp\\Client, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Notification_eventId, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Notification_respondOk, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Msp_Notification, __construct);
ZEND_METHOD(Msp_Notification, order);
ZEND_METHOD(Msp_Notification, fetchOrder);
ZEND_METHOD(Msp_Notification, eventId);
ZEND_METHOD(Msp_Notification, respondOk);


static const zend_function_entry class_Msp_Notification_methods[] = {
	ZEND_ME(Msp_Notification, __construct, arginfo_class_Msp_Notification___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Msp_Notification, order, arginfo_class_Msp_Notification_order, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Notification, fetchOrder, arginfo_class_Msp_Notification_fetchOrder, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Notification, eventId, arginfo_class_Msp_Notification_eventId, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_Notification, respondOk, arginfo_class_Msp_Notification_respondOk, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Msp_Notification(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "Notification", class_Msp_Notification_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_orderId_default_value;
	ZVAL_UNDEF(&property_orderId_default_value);
	zend_string *property_orderId_name = zend_string_init("orderId", sizeof("orderId") - 1, 1);
	zend_declare_typed_property(class_entry, property_orderId_name, &property_orderId_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_orderId_name);

	zval property_timestamp_default_value;
	ZVAL_UNDEF(&property_timestamp_default_value);
	zend_string *property_timestamp_name = zend_string_init("timestamp", sizeof("timestamp") - 1, 1);
	zend_declare_typed_property(class_entry, property_timestamp_name, &property_timestamp_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_timestamp_name);

	zval property_method_default_value;
	ZVAL_UNDEF(&property_method_default_value);
	zend_string *property_method_name = zend_string_init("method", sizeof("method") - 1, 1);
	zend_declare_typed_property(class_entry, property_method_name, &property_method_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_method_name);

	return class_entry;
}
