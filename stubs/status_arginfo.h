/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 410c2ad3e56383f0062b67c7fe557df1c3f3c352 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Msp_OrderState___construct, 0, 0, 2)
	ZEND_ARG_OBJ_INFO(0, status, Msp\\OrderStatus, 0)
	ZEND_ARG_OBJ_INFO(0, financialStatus, Msp\\TransactionStatus, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, amount, IS_LONG, 0, "0")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, amountRefunded, IS_LONG, 0, "0")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, modified, IS_LONG, 1, "null")
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, stage, Msp\\FlowStage, 0, "Msp\\FlowStage::None")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_OrderState_fromOrder, 0, 1, Msp\\OrderState, 0)
	ZEND_ARG_OBJ_INFO(0, order, Msp\\Order, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Msp_OrderState_toArray, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_OrderState_fromArray, 0, 1, Msp\\OrderState, 0)
	ZEND_ARG_TYPE_INFO(0, state, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Msp_Transition___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Msp_StatusFlow_transition, 0, 2, Msp\\Transition, 0)
	ZEND_ARG_OBJ_INFO(0, stored, Msp\\OrderState, 1)
	ZEND_ARG_OBJ_TYPE_MASK(0, incoming, Msp\\Order|Msp\\OrderState, 0, NULL)
ZEND_END_ARG_INFO()

#define arginfo_class_Msp_StatusFlow_table arginfo_class_Msp_OrderState_toArray

#define arginfo_class_Msp_StatusFlow___construct arginfo_class_Msp_Transition___construct


ZEND_METHOD(Msp_OrderState, __construct);
ZEND_METHOD(Msp_OrderState, fromOrder);
ZEND_METHOD(Msp_OrderState, toArray);
ZEND_METHOD(Msp_OrderState, fromArray);
ZEND_METHOD(Msp_Transition, __construct);
ZEND_METHOD(Msp_StatusFlow, transition);
ZEND_METHOD(Msp_StatusFlow, table);
ZEND_METHOD(Msp_StatusFlow, __construct);


static const zend_function_entry class_Msp_ShopAction_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Msp_FlowStage_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Msp_OrderState_methods[] = {
	ZEND_ME(Msp_OrderState, __construct, arginfo_class_Msp_OrderState___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderState, fromOrder, arginfo_class_Msp_OrderState_fromOrder, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Msp_OrderState, toArray, arginfo_class_Msp_OrderState_toArray, ZEND_ACC_PUBLIC)
	ZEND_ME(Msp_OrderState, fromArray, arginfo_class_Msp_OrderState_fromArray, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_Msp_Transition_methods[] = {
	ZEND_ME(Msp_Transition, __construct, arginfo_class_Msp_Transition___construct, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};


static const zend_function_entry class_Msp_StatusFlow_methods[] = {
	ZEND_ME(Msp_StatusFlow, transition, arginfo_class_Msp_StatusFlow_transition, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Msp_StatusFlow, table, arginfo_class_Msp_StatusFlow_table, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Msp_StatusFlow, __construct, arginfo_class_Msp_StatusFlow___construct, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};

static zend_class_entry *register_class_Msp_ShopAction(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Msp\\ShopAction", IS_STRING, class_Msp_ShopAction_methods);

	zval enum_case_Ignore_value;
	zend_string *enum_case_Ignore_value_str = zend_string_init("ignore", strlen("ignore"), 1);
	ZVAL_STR(&enum_case_Ignore_value, enum_case_Ignore_value_str);
	zend_enum_add_case_cstr(class_entry, "Ignore", &enum_case_Ignore_value);

	zval enum_case_AwaitPayment_value;
	zend_string *enum_case_AwaitPayment_value_str = zend_string_init("await_payment", strlen("await_payment"), 1);
	ZVAL_STR(&enum_case_AwaitPayment_value, enum_case_AwaitPayment_value_str);
	zend_enum_add_case_cstr(class_entry, "AwaitPayment", &enum_case_AwaitPayment_value);

	zval enum_case_HoldForReview_value;
	zend_string *enum_case_HoldForReview_value_str = zend_string_init("hold_for_review", strlen("hold_for_review"), 1);
	ZVAL_STR(&enum_case_HoldForReview_value, enum_case_HoldForReview_value_str);
	zend_enum_add_case_cstr(class_entry, "HoldForReview", &enum_case_HoldForReview_value);

	zval enum_case_MarkPaid_value;
	zend_string *enum_case_MarkPaid_value_str = zend_string_init("mark_paid", strlen("mark_paid"), 1);
	ZVAL_STR(&enum_case_MarkPaid_value, enum_case_MarkPaid_value_str);
	zend_enum_add_case_cstr(class_entry, "MarkPaid", &enum_case_MarkPaid_value);

	zval enum_case_Cancel_value;
	zend_string *enum_case_Cancel_value_str = zend_string_init("cancel", strlen("cancel"), 1);
	ZVAL_STR(&enum_case_Cancel_value, enum_case_Cancel_value_str);
	zend_enum_add_case_cstr(class_entry, "Cancel", &enum_case_Cancel_value);

	zval enum_case_Expire_value;
	zend_string *enum_case_Expire_value_str = zend_string_init("expire", strlen("expire"), 1);
	ZVAL_STR(&enum_case_Expire_value, enum_case_Expire_value_str);
	zend_enum_add_case_cstr(class_entry, "Expire", &enum_case_Expire_value);

	zval enum_case_Decline_value;
	zend_string *enum_case_Decline_value_str = zend_string_init("decline", strlen("decline"), 1);
	ZVAL_STR(&enum_case_Decline_value, enum_case_Decline_value_str);
	zend_enum_add_case_cstr(class_entry, "Decline", &enum_case_Decline_value);

	zval enum_case_RefundPending_value;
	zend_string *enum_case_RefundPending_value_str = zend_string_init("refund_pending", strlen("refund_pending"), 1);
	ZVAL_STR(&enum_case_RefundPending_value, enum_case_RefundPending_value_str);
	zend_enum_add_case_cstr(class_entry, "RefundPending", &enum_case_RefundPending_value);

	zval enum_case_Refunded_value;
	zend_string *enum_case_Refunded_value_str = zend_string_init("refunded", strlen("refunded"), 1);
	ZVAL_STR(&enum_case_Refunded_value, enum_case_Refunded_value_str);
	zend_enum_add_case_cstr(class_entry, "Refunded", &enum_case_Refunded_value);

	zval enum_case_PartiallyRefunded_value;
	zend_string *enum_case_PartiallyRefunded_value_str = zend_string_init("partially_refunded", strlen("partially_refunded"), 1);
	ZVAL_STR(&enum_case_PartiallyRefunded_value, enum_case_PartiallyRefunded_value_str);
	zend_enum_add_case_cstr(class_entry, "PartiallyRefunded", &enum_case_PartiallyRefunded_value);

	zval enum_case_Chargeback_value;
	zend_string *enum_case_Chargeback_value_str = zend_string_init("chargeback", strlen("chargeback"), 1);
	ZVAL_STR(&enum_case_Chargeback_value, enum_case_Chargeback_value_str);
	zend_enum_add_case_cstr(class_entry, "Chargeback", &enum_case_Chargeback_value);

	return class_entry;
}

static zend_class_entry *register_class_Msp_FlowStage(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Msp\\FlowStage", IS_STRING, class_Msp_FlowStage_methods);

	zval enum_case_None_value;
	zend_string *enum_case_None_value_str = zend_string_init("none", strlen("none"), 1);
	ZVAL_STR(&enum_case_None_value, enum_case_None_value_str);
	zend_enum_add_case_cstr(class_entry, "None", &enum_case_None_value);

	zval enum_case_Pending_value;
	zend_string *enum_case_Pending_value_str = zend_string_init("pending", strlen("pending"), 1);
	ZVAL_STR(&enum_case_Pending_value, enum_case_Pending_value_str);
	zend_enum_add_case_cstr(class_entry, "Pending", &enum_case_Pending_value);

	zval enum_case_Review_value;
	zend_string *enum_case_Review_value_str = zend_string_init("review", strlen("review"), 1);
	ZVAL_STR(&enum_case_Review_value, enum_case_Review_value_str);
	zend_enum_add_case_cstr(class_entry, "Review", &enum_case_Review_value);

	zval enum_case_Authorised_value;
	zend_string *enum_case_Authorised_value_str = zend_string_init("authorised", strlen("authorised"), 1);
	ZVAL_STR(&enum_case_Authorised_value, enum_case_Authorised_value_str);
	zend_enum_add_case_cstr(class_entry, "Authorised", &enum_case_Authorised_value);

	zval enum_case_Closed_value;
	zend_string *enum_case_Closed_value_str = zend_string_init("closed", strlen("closed"), 1);
	ZVAL_STR(&enum_case_Closed_value, enum_case_Closed_value_str);
	zend_enum_add_case_cstr(class_entry, "Closed", &enum_case_Closed_value);

	zval enum_case_Paid_value;
	zend_string *enum_case_Paid_value_str = zend_string_init("paid", strlen("paid"), 1);
	ZVAL_STR(&enum_case_Paid_value, enum_case_Paid_value_str);
	zend_enum_add_case_cstr(class_entry, "Paid", &enum_case_Paid_value);

	zval enum_case_Shipped_value;
	zend_string *enum_case_Shipped_value_str = zend_string_init("shipped", strlen("shipped"), 1);
	ZVAL_STR(&enum_case_Shipped_value, enum_case_Shipped_value_str);
	zend_enum_add_case_cstr(class_entry, "Shipped", &enum_case_Shipped_value);

	zval enum_case_RefundPending_value;
	zend_string *enum_case_RefundPending_value_str = zend_string_init("refund_pending", strlen("refund_pending"), 1);
	ZVAL_STR(&enum_case_RefundPending_value, enum_case_RefundPending_value_str);
	zend_enum_add_case_cstr(class_entry, "RefundPending", &enum_case_RefundPending_value);

	zval enum_case_PartiallyRefunded_value;
	zend_string *enum_case_PartiallyRefunded_value_str = zend_string_init("partially_refunded", strlen("partially_refunded"), 1);
	ZVAL_STR(&enum_case_PartiallyRefunded_value, enum_case_PartiallyRefunded_value_str);
	zend_enum_add_case_cstr(class_entry, "PartiallyRefunded", &enum_case_PartiallyRefunded_value);

	zval enum_case_Refunded_value;
	zend_string *enum_case_Refunded_value_str = zend_string_init("refunded", strlen("refunded"), 1);
	ZVAL_STR(&enum_case_Refunded_value, enum_case_Refunded_value_str);
	zend_enum_add_case_cstr(class_entry, "Refunded", &enum_case_Refunded_value);

	zval enum_case_Chargeback_value;
	zend_string *enum_case_Chargeback_value_str = zend_string_init("chargeback", strlen("chargeback"), 1);
	ZVAL_STR(&enum_case_Chargeback_value, enum_case_Chargeback_value_str);
	zend_enum_add_case_cstr(class_entry, "Chargeback", &enum_case_Chargeback_value);

	return class_entry;
}

static zend_class_entry *register_class_Msp_OrderState(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "OrderState", class_Msp_OrderState_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES;

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

	zval property_modified_default_value;
	ZVAL_UNDEF(&property_modified_default_value);
	zend_string *property_modified_name = zend_string_init("modified", sizeof("modified") - 1, 1);
	zend_declare_typed_property(class_entry, property_modified_name, &property_modified_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG|MAY_BE_NULL));
	zend_string_release(property_modified_name);

	zend_string *property_stage_class_Msp_FlowStage = zend_string_init("Msp\\FlowStage", sizeof("Msp\\FlowStage")-1, 1);
	zval property_stage_default_value;
	ZVAL_UNDEF(&property_stage_default_value);
	zend_string *property_stage_name = zend_string_init("stage", sizeof("stage") - 1, 1);
	zend_declare_typed_property(class_entry, property_stage_name, &property_stage_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_stage_class_Msp_FlowStage, 0, 0));
	zend_string_release(property_stage_name);

	return class_entry;
}

static zend_class_entry *register_class_Msp_Transition(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "Transition", class_Msp_Transition_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zend_string *property_action_class_Msp_ShopAction = zend_string_init("Msp\\ShopAction", sizeof("Msp\\ShopAction")-1, 1);
	zval property_action_default_value;
	ZVAL_UNDEF(&property_action_default_value);
	zend_string *property_action_name = zend_string_init("action", sizeof("action") - 1, 1);
	zend_declare_typed_property(class_entry, property_action_name, &property_action_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_action_class_Msp_ShopAction, 0, 0));
	zend_string_release(property_action_name);

	zval property_apply_default_value;
	ZVAL_UNDEF(&property_apply_default_value);
	zend_string *property_apply_name = zend_string_init("apply", sizeof("apply") - 1, 1);
	zend_declare_typed_property(class_entry, property_apply_name, &property_apply_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_apply_name);

	zval property_progress_default_value;
	ZVAL_UNDEF(&property_progress_default_value);
	zend_string *property_progress_name = zend_string_init("progress", sizeof("progress") - 1, 1);
	zend_declare_typed_property(class_entry, property_progress_name, &property_progress_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_progress_name);

	zval property_duplicate_default_value;
	ZVAL_UNDEF(&property_duplicate_default_value);
	zend_string *property_duplicate_name = zend_string_init("duplicate", sizeof("duplicate") - 1, 1);
	zend_declare_typed_property(class_entry, property_duplicate_name, &property_duplicate_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_duplicate_name);

	zval property_stale_default_value;
	ZVAL_UNDEF(&property_stale_default_value);
	zend_string *property_stale_name = zend_string_init("stale", sizeof("stale") - 1, 1);
	zend_declare_typed_property(class_entry, property_stale_name, &property_stale_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_stale_name);

	zval property_regression_default_value;
	ZVAL_UNDEF(&property_regression_default_value);
	zend_string *property_regression_name = zend_string_init("regression", sizeof("regression") - 1, 1);
	zend_declare_typed_property(class_entry, property_regression_name, &property_regression_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_regression_name);

	zval property_unknown_default_value;
	ZVAL_UNDEF(&property_unknown_default_value);
	zend_string *property_unknown_name = zend_string_init("unknown", sizeof("unknown") - 1, 1);
	zend_declare_typed_property(class_entry, property_unknown_name, &property_unknown_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_unknown_name);

	zval property_newlyPaid_default_value;
	ZVAL_UNDEF(&property_newlyPaid_default_value);
	zend_string *property_newlyPaid_name = zend_string_init("newlyPaid", sizeof("newlyPaid") - 1, 1);
	zend_declare_typed_property(class_entry, property_newlyPaid_name, &property_newlyPaid_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_newlyPaid_name);

	zend_string *property_next_class_Msp_OrderState = zend_string_init("Msp\\OrderState", sizeof("Msp\\OrderState")-1, 1);
	zval property_next_default_value;
	ZVAL_UNDEF(&property_next_default_value);
	zend_string *property_next_name = zend_string_init("next", sizeof("next") - 1, 1);
	zend_declare_typed_property(class_entry, property_next_name, &property_next_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_next_class_Msp_OrderState, 0, 0));
	zend_string_release(property_next_name);

	zval property_meaning_default_value;
	ZVAL_UNDEF(&property_meaning_default_value);
	zend_string *property_meaning_name = zend_string_init("meaning", sizeof("meaning") - 1, 1);
	zend_declare_typed_property(class_entry, property_meaning_name, &property_meaning_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_meaning_name);

	return class_entry;
}

static zend_class_entry *register_class_Msp_StatusFlow(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Msp", "StatusFlow", class_Msp_StatusFlow_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}
