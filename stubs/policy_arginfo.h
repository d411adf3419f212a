/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 75d4834659ff9bfb817fb00ac495967705aeea1f */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Msp_ThreeDsPolicy___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, rules, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_ThreeDsPolicy_decide, 0, 3, Msp\\ThreeDsDecision, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, card, Msp\\Card|Msp\\CardBrand, 0, NULL)
	ZEND_ARG_TYPE_INFO(0, amount, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, currency, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, cardCountry, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, ipCountry, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, customerCountry, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, eurAmount, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, flexible3d, _IS_BOOL, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_ThreeDsPolicy_rules, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_ThreeDsPolicy___clone, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Msp_ThreeDsDecision___construct, 0, 0, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Msp_ThreeDsPolicy, __construct);
ZEND_METHOD(Msp_ThreeDsPolicy, decide);
ZEND_METHOD(Msp_ThreeDsPolicy, rules);
ZEND_METHOD(Msp_ThreeDsPolicy, __clone);
ZEND_METHOD(Msp_ThreeDsDecision, __construct);


static const zend_function_entry class_Msp_ThreeDsReason_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Msp_ThreeDsPolicy_methods[] = {
	ZEND_ME(Msp_ThreeDsPolicy, __construct, arginfo_class_Msp_ThreeDsPolicy___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_ThreeDsPolicy, decide, arginfo_class_Msp_ThreeDsPolicy_decide, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_ThreeDsPolicy, rules, arginfo_class_Msp_ThreeDsPolicy_rules, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_ThreeDsPolicy, __clone, arginfo_class_Msp_ThreeDsPolicy___clone, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};


static const zend_function_entry class_Msp_ThreeDsDecision_methods[] = {
	ZEND_ME(Msp_ThreeDsDecision, __construct, arginfo_class_Msp_ThreeDsDecision___construct, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};

static zend_class_entry *register_class_Msp_ThreeDsReason(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Msp\\ThreeDsReason", IS_STRING, class_Msp_ThreeDsReason_methods);

	zval enum_case_BrandRequires3ds_value;
	zend_string *enum_case_BrandRequires3ds_value_str = zend_string_init("brand_requires_3ds", strlen("brand_requires_3ds"), 1);
	ZVAL_STR(&enum_case_BrandRequires3ds_value, enum_case_BrandRequires3ds_value_str);
	zend_enum_add_case_cstr(class_entry, "BrandRequires3ds", &enum_case_BrandRequires3ds_value);

	zval enum_case_AmexSafekeyRequired_value;
	zend_string *enum_case_AmexSafekeyRequired_value_str = zend_string_init("amex_safekey_required", strlen("amex_safekey_required"), 1);
	ZVAL_STR(&enum_case_AmexSafekeyRequired_value, enum_case_AmexSafekeyRequired_value_str);
	zend_enum_add_case_cstr(class_entry, "AmexSafekeyRequired", &enum_case_AmexSafekeyRequired_value);

	zval enum_case_Flexible3d_value;
	zend_string *enum_case_Flexible3d_value_str = zend_string_init("flexible_3d", strlen("flexible_3d"), 1);
	ZVAL_STR(&enum_case_Flexible3d_value, enum_case_Flexible3d_value_str);
	zend_enum_add_case_cstr(class_entry, "Flexible3d", &enum_case_Flexible3d_value);

	zval enum_case_RuleMatched_value;
	zend_string *enum_case_RuleMatched_value_str = zend_string_init("rule_matched", strlen("rule_matched"), 1);
	ZVAL_STR(&enum_case_RuleMatched_value, enum_case_RuleMatched_value_str);
	zend_enum_add_case_cstr(class_entry, "RuleMatched", &enum_case_RuleMatched_value);

	zval enum_case_NoRuleMatched_value;
	zend_string *enum_case_NoRuleMatched_value_str = zend_string_init("no_rule_matched", strlen("no_rule_matched"), 1);
	ZVAL_STR(&enum_case_NoRuleMatched_value, enum_case_NoRuleMatched_value_str);
	zend_enum_add_case_cstr(class_entry, "NoRuleMatched", &enum_case_NoRuleMatched_value);

	return class_entry;
}

static zend_class_entry *register_class_Msp_ThreeDsPolicy(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "ThreeDsPolicy", class_Msp_ThreeDsPolicy_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Msp_ThreeDsDecision(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "ThreeDsDecision", class_Msp_ThreeDsDecision_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval property_required_default_value;
	ZVAL_UNDEF(&property_required_default_value);
	zend_string *property_required_name = zend_string_init("required", sizeof("required") - 1, 1);
	zend_declare_typed_property(class_entry, property_required_name, &property_required_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_required_name);

	zend_string *property_reason_class_Msp_ThreeDsReason = zend_string_init("Msp\\ThreeDsReason", sizeof("Msp\\ThreeDsReason")-1, 1);
	zval property_reason_default_value;
	ZVAL_UNDEF(&property_reason_default_value);
	zend_string *property_reason_name = zend_string_init("reason", sizeof("reason") - 1, 1);
	zend_declare_typed_property(class_entry, property_reason_name, &property_reason_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_reason_class_Msp_ThreeDsReason, 0, 0));
	zend_string_release(property_reason_name);

	zval property_ruleIndex_default_value;
	ZVAL_UNDEF(&property_ruleIndex_default_value);
	zend_string *property_ruleIndex_name = zend_string_init("ruleIndex", sizeof("ruleIndex") - 1, 1);
	zend_declare_typed_property(class_entry, property_ruleIndex_name, &property_ruleIndex_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG|MAY_BE_NULL));
	zend_string_release(property_ruleIndex_name);

	zval property_ruleName_default_value;
	ZVAL_UNDEF(&property_ruleName_default_value);
	zend_string *property_ruleName_name = zend_string_init("ruleName", sizeof("ruleName") - 1, 1);
	zend_declare_typed_property(class_entry, property_ruleName_name, &property_ruleName_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_ruleName_name);

	zval property_amexExempt_default_value;
	ZVAL_UNDEF(&property_amexExempt_default_value);
	zend_string *property_amexExempt_name = zend_string_init("amexExempt", sizeof("amexExempt") - 1, 1);
	zend_declare_typed_property(class_entry, property_amexExempt_name, &property_amexExempt_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_amexExempt_name);

	zval property_dataUnknown_default_value;
	ZVAL_UNDEF(&property_dataUnknown_default_value);
	zend_string *property_dataUnknown_name = zend_string_init("dataUnknown", sizeof("dataUnknown") - 1, 1);
	zend_declare_typed_property(class_entry, property_dataUnknown_name, &property_dataUnknown_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_dataUnknown_name);

	zval property_explanation_default_value;
	ZVAL_UNDEF(&property_explanation_default_value);
	zend_string *property_explanation_name = zend_string_init("explanation", sizeof("explanation") - 1, 1);
	zend_declare_typed_property(class_entry, property_explanation_name, &property_explanation_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_explanation_name);

	zend_string *property_brand_class_Msp_CardBrand = zend_string_init("Msp\\CardBrand", sizeof("Msp\\CardBrand")-1, 1);
	zval property_brand_default_value;
	ZVAL_UNDEF(&property_brand_default_value);
	zend_string *property_brand_name = zend_string_init("brand", sizeof("brand") - 1, 1);
	zend_declare_typed_property(class_entry, property_brand_name, &property_brand_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_brand_class_Msp_CardBrand, 0, 0));
	zend_string_release(property_brand_name);

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

	return class_entry;
}
