/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: bbac17c857162bd9bef290c73fbe1620a0f0ebcf */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Money_toMinorUnits, 0, 2, IS_LONG, 0)
	ZEND_ARG_TYPE_MASK(0, amount, MAY_BE_STRING|MAY_BE_LONG, NULL)
	ZEND_ARG_TYPE_INFO(0, currency, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Money_fromMinorUnits, 0, 2, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, minorUnits, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, currency, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Msp_Money_format arginfo_class_Msp_Money_fromMinorUnits

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_Money_decimals, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, currency, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Msp_Money___construct, 0, 0, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Msp_Money, toMinorUnits);
ZEND_METHOD(Msp_Money, fromMinorUnits);
ZEND_METHOD(Msp_Money, format);
ZEND_METHOD(Msp_Money, decimals);
ZEND_METHOD(Msp_Money, __construct);


static const zend_function_entry class_Msp_Money_methods[] = {
	ZEND_ME(Msp_Money, toMinorUnits, arginfo_class_Msp_Money_toMinorUnits, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Msp_Money, fromMinorUnits, arginfo_class_Msp_Money_fromMinorUnits, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Msp_Money, format, arginfo_class_Msp_Money_format, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Msp_Money, decimals, arginfo_class_Msp_Money_decimals, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Msp_Money, __construct, arginfo_class_Msp_Money___construct, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};

static zend_class_entry *register_class_Msp_Money(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "Money", class_Msp_Money_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}
