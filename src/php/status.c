/* Msp\StatusFlow, Msp\OrderState, Msp\Transition and the ShopAction / FlowStage enums: a thin layer
 * over the status table and transition rule of src/core/status.c. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_enum.h"
#include "zend_exceptions.h"

#include "msp_php.h"
#include "order_object.h"
#include "status.h"
#include "status_object.h"
#include "../../stubs/status_arginfo.h"

zend_class_entry *msp_ce_ShopAction;
zend_class_entry *msp_ce_FlowStage;
zend_class_entry *msp_ce_OrderState;
zend_class_entry *msp_ce_Transition;
zend_class_entry *msp_ce_StatusFlow;

static const char *case_value(zval *enum_zv)
{
	return Z_STRVAL_P(zend_enum_fetch_case_value(Z_OBJ_P(enum_zv)));
}

/* The stage named exactly name[0..len); false when no stage has that name. */
static bool stage_parse(const char *name, size_t len, msp_flow_stage *out)
{
	for (int stage = 0; stage < MSP_STAGE_COUNT; stage++) {
		const char *known = msp_flow_stage_name((msp_flow_stage)stage);
		if (strlen(known) == len && memcmp(known, name, len) == 0) {
			*out = (msp_flow_stage)stage;
			return true;
		}
	}
	return false;
}

static zval *state_prop(zend_object *obj, const char *name)
{
	zval rv;
	return zend_read_property(msp_ce_OrderState, obj, name, strlen(name), 1, &rv);
}

/* An OrderState object as the core's snapshot. */
static void state_from_object(zend_object *obj, msp_status_state *out)
{
	memset(out, 0, sizeof(*out));
	const char *status = case_value(state_prop(obj, "status"));
	const char *tx = case_value(state_prop(obj, "financialStatus"));
	out->order = msp_order_status_parse(status, strlen(status));
	out->tx = msp_tx_status_parse(tx, strlen(tx));
	out->amount = Z_LVAL_P(state_prop(obj, "amount"));
	out->amount_refunded = Z_LVAL_P(state_prop(obj, "amountRefunded"));
	zval *modified = state_prop(obj, "modified");
	out->modified = Z_TYPE_P(modified) == IS_LONG ? Z_LVAL_P(modified) : 0;
	const char *stage = case_value(state_prop(obj, "stage"));
	if (!stage_parse(stage, strlen(stage), &out->stage)) {
		out->stage = MSP_STAGE_NONE; /* an enum case always names a stage */
	}
}

static void set_enum(
    zend_class_entry *scope, zend_object *obj, const char *name, zend_class_entry *enum_ce, const char *value)
{
	zend_object *found = msp_enum_case_by_value(enum_ce, value);
	if (found == NULL) {
		found = msp_enum_case_by_value(enum_ce, enum_ce == msp_ce_FlowStage ? "none" : "unknown");
	}
	zval zv;
	ZVAL_OBJ(&zv, found);
	zend_update_property(scope, obj, name, strlen(name), &zv);
}

/* A new OrderState object from the core's snapshot. */
static void state_to_zval(const msp_status_state *state, zval *out)
{
	object_init_ex(out, msp_ce_OrderState);
	zend_object *obj = Z_OBJ_P(out);
	set_enum(msp_ce_OrderState, obj, "status", msp_ce_OrderStatus, msp_order_status_name(state->order));
	set_enum(
	    msp_ce_OrderState, obj, "financialStatus", msp_ce_TransactionStatus, msp_tx_status_name(state->tx));
	zend_update_property_long(
	    msp_ce_OrderState, obj, "amount", sizeof("amount") - 1, (zend_long)state->amount);
	zend_update_property_long(msp_ce_OrderState, obj, "amountRefunded", sizeof("amountRefunded") - 1,
	    (zend_long)state->amount_refunded);
	if (state->modified != 0) {
		zend_update_property_long(
		    msp_ce_OrderState, obj, "modified", sizeof("modified") - 1, (zend_long)state->modified);
	} else {
		zend_update_property_null(msp_ce_OrderState, obj, "modified", sizeof("modified") - 1);
	}
	set_enum(msp_ce_OrderState, obj, "stage", msp_ce_FlowStage, msp_flow_stage_name(state->stage));
}

void msp_php_state_of_order(const msp_order *order, msp_status_state *out)
{
	memset(out, 0, sizeof(*out));
	out->order = msp_order_status_parse(order->status, order->status ? strlen(order->status) : 0);
	out->tx = msp_tx_status_parse(
	    order->financial_status, order->financial_status ? strlen(order->financial_status) : 0);
	out->amount = order->amount;
	out->amount_refunded = order->refunds_requested;
	if (order->modified) {
		msp_status_parse_modified(order->modified, strlen(order->modified), &out->modified);
	}
	out->stage = msp_status_stage_of(out->order, out->tx, out->amount, out->amount_refunded);
}

/* An order state's amounts, as the constructor and fromArray() take them: none negative, and the
 * refunds not above the amount (0: the amount is not known). Throws otherwise. */
static bool amounts_usable(zend_long amount, zend_long refunded)
{
	if (amount < 0 || refunded < 0 || refunded > (amount > 0 ? amount : ZEND_LONG_MAX)) {
		msp_throw_invalid_argument(
		    "amount", "amounts must not be negative, and refunds not above the amount");
		return false;
	}
	return true;
}

PHP_METHOD(Msp_OrderState, __construct)
{
	zend_object *status, *tx, *stage = NULL;
	zend_long amount = 0, refunded = 0, modified = 0;
	bool modified_null = true;
	ZEND_PARSE_PARAMETERS_START(2, 6)
		Z_PARAM_OBJ_OF_CLASS(status, msp_ce_OrderStatus)
		Z_PARAM_OBJ_OF_CLASS(tx, msp_ce_TransactionStatus)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(amount)
		Z_PARAM_LONG(refunded)
		Z_PARAM_LONG_OR_NULL(modified, modified_null)
		Z_PARAM_OBJ_OF_CLASS(stage, msp_ce_FlowStage)
	ZEND_PARSE_PARAMETERS_END();
	if (!amounts_usable(amount, refunded)) {
		RETURN_THROWS();
	}
	zend_object *obj = Z_OBJ_P(ZEND_THIS);
	zval zv;
	ZVAL_OBJ(&zv, status);
	zend_update_property(msp_ce_OrderState, obj, "status", sizeof("status") - 1, &zv);
	ZVAL_OBJ(&zv, tx);
	zend_update_property(msp_ce_OrderState, obj, "financialStatus", sizeof("financialStatus") - 1, &zv);
	zend_update_property_long(msp_ce_OrderState, obj, "amount", sizeof("amount") - 1, amount);
	zend_update_property_long(
	    msp_ce_OrderState, obj, "amountRefunded", sizeof("amountRefunded") - 1, refunded);
	if (modified_null) {
		zend_update_property_null(msp_ce_OrderState, obj, "modified", sizeof("modified") - 1);
	} else {
		zend_update_property_long(msp_ce_OrderState, obj, "modified", sizeof("modified") - 1, modified);
	}
	if (stage != NULL) {
		ZVAL_OBJ(&zv, stage);
		zend_update_property(msp_ce_OrderState, obj, "stage", sizeof("stage") - 1, &zv);
	} else {
		set_enum(msp_ce_OrderState, obj, "stage", msp_ce_FlowStage, "none");
	}
}

PHP_METHOD(Msp_OrderState, fromOrder)
{
	zend_object *order_obj;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJ_OF_CLASS(order_obj, msp_ce_Order)
	ZEND_PARSE_PARAMETERS_END();
	const msp_order *order = msp_php_order(order_obj);
	if (order == NULL) {
		zend_throw_error(NULL, "Msp\\Order object is not initialized");
		RETURN_THROWS();
	}
	msp_status_state state;
	msp_php_state_of_order(order, &state);
	state_to_zval(&state, return_value);
}

PHP_METHOD(Msp_OrderState, toArray)
{
	ZEND_PARSE_PARAMETERS_NONE();
	msp_status_state state;
	state_from_object(Z_OBJ_P(ZEND_THIS), &state);
	array_init(return_value);
	add_assoc_string(return_value, "status", msp_order_status_name(state.order));
	add_assoc_string(return_value, "financial_status", msp_tx_status_name(state.tx));
	add_assoc_long(return_value, "amount", (zend_long)state.amount);
	add_assoc_long(return_value, "amount_refunded", (zend_long)state.amount_refunded);
	if (state.modified) {
		add_assoc_long(return_value, "modified", (zend_long)state.modified);
	} else {
		add_assoc_null(return_value, "modified");
	}
	add_assoc_string(return_value, "stage", msp_flow_stage_name(state.stage));
}

/* Reads one key of a stored state; NULL (with an exception) when missing or of the wrong type. */
static zval *stored_key(HashTable *ht, const char *key, int type)
{
	zval *v = zend_hash_str_find_deref(ht, key, strlen(key));
	if (v == NULL || (Z_TYPE_P(v) != type &&
	                     !(type == IS_LONG && Z_TYPE_P(v) == IS_NULL && strcmp(key, "modified") == 0))) {
		zend_string *message = zend_strpprintf(
		    0, "a stored order state needs \"%s\" of type %s", key, type == IS_LONG ? "int" : "string");
		msp_throw_invalid_argument(key, ZSTR_VAL(message));
		zend_string_release(message);
		return NULL;
	}
	return v;
}

PHP_METHOD(Msp_OrderState, fromArray)
{
	HashTable *ht;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(ht)
	ZEND_PARSE_PARAMETERS_END();
	zval *status, *tx, *amount, *refunded, *modified, *stage;
	if (!(status = stored_key(ht, "status", IS_STRING)) ||
	    !(tx = stored_key(ht, "financial_status", IS_STRING)) ||
	    !(amount = stored_key(ht, "amount", IS_LONG)) ||
	    !(refunded = stored_key(ht, "amount_refunded", IS_LONG)) ||
	    !(modified = stored_key(ht, "modified", IS_LONG)) || !(stage = stored_key(ht, "stage", IS_STRING))) {
		RETURN_THROWS();
	}
	msp_status_state state = {
	    .order = msp_order_status_parse(Z_STRVAL_P(status), Z_STRLEN_P(status)),
	    .tx = msp_tx_status_parse(Z_STRVAL_P(tx), Z_STRLEN_P(tx)),
	    .amount = Z_LVAL_P(amount),
	    .amount_refunded = Z_LVAL_P(refunded),
	    .modified = Z_TYPE_P(modified) == IS_LONG ? Z_LVAL_P(modified) : 0,
	};
	if (state.order == MSP_ORDER_STATUS_UNKNOWN || state.tx == MSP_TX_STATUS_UNKNOWN) {
		msp_throw_invalid_argument(
		    "status", "a stored order state needs a known status and financial_status");
		RETURN_THROWS();
	}
	if (!amounts_usable(state.amount, state.amount_refunded)) {
		RETURN_THROWS();
	}
	/* An unknown stage is refused, not read as "none": that would derive the stage afresh from the
	 * statuses and forget how far the order had come. */
	if (!stage_parse(Z_STRVAL_P(stage), Z_STRLEN_P(stage), &state.stage)) {
		msp_throw_invalid_argument(
		    "stage", "a stored order state needs a known stage (an Msp\\FlowStage value)");
		RETURN_THROWS();
	}
	state_to_zval(&state, return_value);
}

static void make_transition(const msp_status_result *result, zval *out)
{
	object_init_ex(out, msp_ce_Transition);
	zend_object *obj = Z_OBJ_P(out);
	zend_class_entry *ce = msp_ce_Transition;
	set_enum(ce, obj, "action", msp_ce_ShopAction, msp_shop_action_name(result->action));
	zend_update_property_bool(ce, obj, "apply", sizeof("apply") - 1, result->applied);
	zend_update_property_bool(ce, obj, "progress", sizeof("progress") - 1, result->progress);
	zend_update_property_bool(ce, obj, "duplicate", sizeof("duplicate") - 1, result->duplicate);
	zend_update_property_bool(ce, obj, "stale", sizeof("stale") - 1, result->stale);
	zend_update_property_bool(ce, obj, "regression", sizeof("regression") - 1, result->regression);
	zend_update_property_bool(ce, obj, "unknown", sizeof("unknown") - 1, result->unknown);
	zend_update_property_bool(ce, obj, "newlyPaid", sizeof("newlyPaid") - 1, result->newly_paid);
	zval next;
	state_to_zval(&result->next, &next);
	zend_update_property(ce, obj, "next", sizeof("next") - 1, &next);
	zval_ptr_dtor(&next);
	const char *meaning = result->row && result->row->meaning ? result->row->meaning : "";
	zend_update_property_string(ce, obj, "meaning", sizeof("meaning") - 1, meaning);
}

PHP_METHOD(Msp_StatusFlow, transition)
{
	zend_object *stored_obj = NULL, *incoming_obj;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(stored_obj, msp_ce_OrderState)
		Z_PARAM_OBJ(incoming_obj)
	ZEND_PARSE_PARAMETERS_END();
	msp_status_state stored, incoming;
	if (incoming_obj->ce == msp_ce_Order) {
		const msp_order *order = msp_php_order(incoming_obj);
		if (order == NULL) {
			zend_throw_error(NULL, "Msp\\Order object is not initialized");
			RETURN_THROWS();
		}
		msp_php_state_of_order(order, &incoming);
	} else if (incoming_obj->ce == msp_ce_OrderState) {
		state_from_object(incoming_obj, &incoming);
	} else {
		zend_argument_type_error(
		    2, "must be of type Msp\\Order|Msp\\OrderState, %s given", ZSTR_VAL(incoming_obj->ce->name));
		RETURN_THROWS();
	}
	if (stored_obj != NULL) {
		state_from_object(stored_obj, &stored);
	}
	msp_status_result result;
	msp_error err;
	msp_error_clear(&err);
	if (msp_status_transition(stored_obj ? &stored : NULL, &incoming, &result, &err) != MSP_OK) {
		msp_throw_error(&err);
		RETURN_THROWS();
	}
	make_transition(&result, return_value);
}

PHP_METHOD(Msp_StatusFlow, table)
{
	ZEND_PARSE_PARAMETERS_NONE();
	static const char *const contexts[] = {"any", "before_payment", "after_payment"};
	size_t n = msp_status_table_count();
	array_init_size(return_value, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		const msp_status_row *row = msp_status_table_row(i);
		zval entry;
		array_init(&entry);
		add_assoc_string(&entry, "order_status",
		    row->order == MSP_ORDER_STATUS_UNKNOWN ? "*" : msp_order_status_name(row->order));
		add_assoc_string(&entry, "transaction_status", row->any_tx ? "*" : msp_tx_status_name(row->tx));
		add_assoc_string(&entry, "context", contexts[row->context]);
		add_assoc_string(&entry, "stage", msp_flow_stage_name(row->stage));
		add_assoc_string(&entry, "action", msp_shop_action_name(row->action));
		add_assoc_string(&entry, "meaning", row->meaning ? row->meaning : "");
		add_next_index_zval(return_value, &entry);
	}
}

PHP_METHOD(Msp_StatusFlow, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(Msp_Transition, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

void msp_register_status(void)
{
	msp_ce_ShopAction = register_class_Msp_ShopAction();
	msp_ce_FlowStage = register_class_Msp_FlowStage();
	msp_ce_OrderState = register_class_Msp_OrderState();
	msp_ce_Transition = register_class_Msp_Transition();
	msp_ce_StatusFlow = register_class_Msp_StatusFlow();
}
