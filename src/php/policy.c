/* Msp\ThreeDsPolicy and Msp\ThreeDsDecision over src/core/threeds.c. The core validates every rule;
 * this file walks the PHP array key by key and converts types. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_enum.h"
#include "zend_exceptions.h"

#include "msp_php.h"
#include "policy_object.h"
#include "threeds.h"
#include "../../stubs/policy_arginfo.h"

zend_class_entry *msp_ce_ThreeDsReason;
zend_class_entry *msp_ce_ThreeDsPolicy;
zend_class_entry *msp_ce_ThreeDsDecision;
static zend_object_handlers policy_handlers;

typedef struct {
	msp_threeds_policy *policy;
	zval rules; /* as given, for rules() and dumps */
	zend_object std;
} msp_policy_object;

static inline msp_policy_object *policy_from_obj(zend_object *obj)
{
	return (msp_policy_object *)((char *)obj - XtOffsetOf(msp_policy_object, std));
}

static zend_object *policy_create(zend_class_entry *ce)
{
	msp_policy_object *intern = zend_object_alloc(sizeof(msp_policy_object), ce);
	zend_object_std_init(&intern->std, ce);
	object_properties_init(&intern->std, ce);
	intern->std.handlers = &policy_handlers;
	ZVAL_UNDEF(&intern->rules);
	return &intern->std;
}

static void policy_free(zend_object *object)
{
	msp_policy_object *intern = policy_from_obj(object);
	msp_threeds_policy_free(intern->policy);
	zval_ptr_dtor(&intern->rules);
	zend_object_std_dtor(object);
}

/* Dumps show the rules as given; get_object_vars() gets [] on every PHP version. */
static HashTable *policy_properties_for(zend_object *object, zend_prop_purpose purpose)
{
	if (msp_props_for_object_vars(purpose)) {
		return zend_std_get_properties_for(object, purpose);
	}
	msp_policy_object *intern = policy_from_obj(object);
	HashTable *props = zend_new_array(1);
	if (!Z_ISUNDEF(intern->rules)) {
		Z_TRY_ADDREF(intern->rules);
		zend_hash_str_update(props, "rules", sizeof("rules") - 1, &intern->rules);
	}
	return props;
}

/* Refuses with the core's "rule #i (name): key:" prefix; returns false for chaining. */
static bool refuse(msp_threeds_policy *policy, const char *key, const char *message)
{
	msp_error err;
	msp_error_clear(&err);
	msp_threeds_rule_refuse(policy, key, &err, "%s", message);
	msp_throw_error(&err);
	return false;
}

static bool ok_or_throw(msp_status status, const msp_error *err)
{
	if (status != MSP_OK) {
		msp_throw_error(err);
		return false;
	}
	return true;
}

static bool optional_bound(
    msp_threeds_policy *policy, HashTable *range, const char *key, bool *has, int64_t *value)
{
	zval *v = zend_hash_str_find_deref(range, key, strlen(key));
	*has = v != NULL && Z_TYPE_P(v) != IS_NULL;
	if (!*has) {
		return true;
	}
	if (Z_TYPE_P(v) != IS_LONG) {
		zend_string *message = zend_strpprintf(0, "amounts: %s must be an int (minor units)", key);
		bool refused = refuse(policy, "amounts", ZSTR_VAL(message));
		zend_string_release(message);
		return refused;
	}
	*value = Z_LVAL_P(v);
	return true;
}

static bool add_amounts(msp_threeds_policy *policy, zval *amounts)
{
	if (Z_TYPE_P(amounts) != IS_ARRAY || !zend_array_is_list(Z_ARRVAL_P(amounts))) {
		return refuse(policy, "amounts", "must be a list of ranges");
	}
	zval *range;
	size_t index = 0;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(amounts), range)
	{
		ZVAL_DEREF(range);
		if (Z_TYPE_P(range) != IS_ARRAY) {
			return refuse(policy, "amounts", "each range must be an array with currency, min and max");
		}
		msp_error err;
		msp_error_clear(&err);
		zend_string *key;
		ZEND_HASH_FOREACH_STR_KEY(Z_ARRVAL_P(range), key)
		{
			if (key == NULL || zend_str_has_nul_byte(key)) {
				return refuse(policy, "amounts", "range keys must be currency, min and max");
			}
			if (!ok_or_throw(msp_threeds_amount_check_key(policy, index, ZSTR_VAL(key), &err), &err)) {
				return false;
			}
		}
		ZEND_HASH_FOREACH_END();
		zval *currency = zend_hash_str_find_deref(Z_ARRVAL_P(range), "currency", sizeof("currency") - 1);
		bool has_min, has_max;
		int64_t min = 0, max = 0;
		if (currency == NULL || Z_TYPE_P(currency) != IS_STRING) {
			return refuse(policy, "amounts", "each range needs a currency string");
		}
		if (zend_str_has_nul_byte(Z_STR_P(currency))) {
			return refuse(policy, "amounts", "a currency must not contain NUL bytes");
		}
		if (!optional_bound(policy, Z_ARRVAL_P(range), "min", &has_min, &min) ||
		    !optional_bound(policy, Z_ARRVAL_P(range), "max", &has_max, &max) ||
		    !ok_or_throw(msp_threeds_rule_add_amount_range(
		                     policy, Z_STRVAL_P(currency), has_min, min, has_max, max, &err),
		        &err)) {
			return false;
		}
		index++;
	}
	ZEND_HASH_FOREACH_END();
	return true;
}

static bool set_countries(msp_threeds_policy *policy, const char *key, zval *set)
{
	if (Z_TYPE_P(set) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(set)) != 1) {
		return refuse(policy, key, "must be [\"include\" => [...]] or [\"exclude\" => [...]]");
	}
	zend_string *mode;
	zval *codes;
	ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(set), mode, codes)
	{
		ZVAL_DEREF(codes);
		if (mode == NULL || zend_str_has_nul_byte(mode) || Z_TYPE_P(codes) != IS_ARRAY) {
			return refuse(policy, key, "must be [\"include\" => [...]] or [\"exclude\" => [...]]");
		}
		uint32_t n = zend_hash_num_elements(Z_ARRVAL_P(codes));
		const char **list = ecalloc(n ? n : 1, sizeof(*list));
		size_t i = 0;
		zval *code;
		bool ok = true;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(codes), code)
		{
			ZVAL_DEREF(code);
			if (Z_TYPE_P(code) != IS_STRING) {
				ok = refuse(policy, key, "country codes must be strings");
				break;
			}
			if (zend_str_has_nul_byte(Z_STR_P(code))) {
				ok = refuse(policy, key, "country codes must not contain NUL bytes");
				break;
			}
			list[i++] = Z_STRVAL_P(code);
		}
		ZEND_HASH_FOREACH_END();
		msp_error err;
		msp_error_clear(&err);
		if (ok) {
			ok =
			    ok_or_throw(msp_threeds_rule_set_countries(policy, key, ZSTR_VAL(mode), list, i, &err), &err);
		}
		efree(list);
		return ok;
	}
	ZEND_HASH_FOREACH_END();
	return true;
}

/* One rule: keys checked by the core, the name first so later messages can name the rule. */
static bool add_rule(msp_threeds_policy *policy, zval *rule)
{
	msp_error err;
	msp_error_clear(&err);
	if (!ok_or_throw(msp_threeds_rule_begin(policy, &err), &err)) {
		return false;
	}
	if (Z_TYPE_P(rule) != IS_ARRAY) {
		return refuse(policy, NULL, "a rule must be an array");
	}
	HashTable *ht = Z_ARRVAL_P(rule);
	zval *name = zend_hash_str_find_deref(ht, "name", sizeof("name") - 1);
	if (name != NULL) {
		if (Z_TYPE_P(name) != IS_STRING) {
			return refuse(policy, "name", "must be a string");
		}
		if (!ok_or_throw(msp_threeds_rule_set_name(policy, Z_STRVAL_P(name), Z_STRLEN_P(name), &err), &err)) {
			return false;
		}
	}
	zend_string *key;
	zval *value;
	ZEND_HASH_FOREACH_STR_KEY_VAL(ht, key, value)
	{
		if (key == NULL) {
			return refuse(policy, NULL, "rule keys must be strings");
		}
		if (zend_str_has_nul_byte(key)) {
			return refuse(policy, NULL, "rule keys must not contain NUL bytes");
		}
		if (!ok_or_throw(msp_threeds_rule_check_key(policy, ZSTR_VAL(key), &err), &err)) {
			return false;
		}
		ZVAL_DEREF(value);
		bool ok = true;
		if (zend_string_equals_literal(key, "action")) {
			ok = Z_TYPE_P(value) == IS_STRING && !zend_str_has_nul_byte(Z_STR_P(value))
			         ? ok_or_throw(msp_threeds_rule_set_action(policy, Z_STRVAL_P(value), &err), &err)
			         : refuse(policy, "action", "must be \"skip\" or \"require\"");
		} else if (zend_string_equals_literal(key, "amounts")) {
			ok = add_amounts(policy, value);
		} else if (!zend_string_equals_literal(key, "name")) {
			ok = set_countries(policy, ZSTR_VAL(key), value);
		}
		if (!ok) {
			return false;
		}
	}
	ZEND_HASH_FOREACH_END();
	return ok_or_throw(msp_threeds_rule_end(policy, &err), &err);
}

PHP_METHOD(Msp_ThreeDsPolicy, __construct)
{
	HashTable *rules = NULL;
	zval *rules_zv = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY(rules_zv)
	ZEND_PARSE_PARAMETERS_END();
	msp_policy_object *intern = policy_from_obj(Z_OBJ_P(ZEND_THIS));
	if (intern->policy != NULL) {
		zend_throw_error(NULL, "Msp\\ThreeDsPolicy cannot be constructed twice");
		RETURN_THROWS();
	}
	rules = rules_zv ? Z_ARRVAL_P(rules_zv) : NULL;
	if (rules != NULL && !zend_array_is_list(rules)) {
		msp_throw_invalid_argument(
		    "rules", "the rules must be a list (keys 0, 1, 2, ...): their order decides");
		RETURN_THROWS();
	}
	msp_threeds_policy *policy = msp_threeds_policy_new();
	if (policy == NULL) {
		zend_throw_error(NULL, "msp: out of memory");
		RETURN_THROWS();
	}
	zval *rule;
	if (rules != NULL) {
		ZEND_HASH_FOREACH_VAL(rules, rule)
		{
			ZVAL_DEREF(rule);
			if (!add_rule(policy, rule)) {
				msp_threeds_policy_free(policy);
				RETURN_THROWS();
			}
		}
		ZEND_HASH_FOREACH_END();
	}
	msp_error err;
	msp_error_clear(&err);
	if (!ok_or_throw(msp_threeds_policy_finish(policy, &err), &err)) {
		msp_threeds_policy_free(policy);
		RETURN_THROWS();
	}
	intern->policy = policy;
	if (rules_zv) {
		ZVAL_COPY(&intern->rules, rules_zv);
	} else {
		ZVAL_EMPTY_ARRAY(&intern->rules);
	}
}

static void set_str_or_null(zend_object *obj, const char *name, const char *value)
{
	if (value != NULL && value[0] != '\0') {
		zend_update_property_string(msp_ce_ThreeDsDecision, obj, name, strlen(name), value);
	} else {
		zend_update_property_null(msp_ce_ThreeDsDecision, obj, name, strlen(name));
	}
}

static void make_decision(zval *out, const msp_threeds_decision *d, const msp_threeds_payment *payment)
{
	object_init_ex(out, msp_ce_ThreeDsDecision);
	zend_object *obj = Z_OBJ_P(out);
	zend_class_entry *ce = msp_ce_ThreeDsDecision;
	zval zv;
	zend_update_property_bool(ce, obj, "required", sizeof("required") - 1, d->required);
	ZVAL_OBJ(&zv, msp_enum_case_by_value(msp_ce_ThreeDsReason, msp_threeds_reason_name(d->reason)));
	zend_update_property(ce, obj, "reason", sizeof("reason") - 1, &zv);
	if (d->rule_index >= 0) {
		zend_update_property_long(ce, obj, "ruleIndex", sizeof("ruleIndex") - 1, d->rule_index);
	} else {
		zend_update_property_null(ce, obj, "ruleIndex", sizeof("ruleIndex") - 1);
	}
	set_str_or_null(obj, "ruleName", d->rule_name);
	zend_update_property_bool(ce, obj, "amexExempt", sizeof("amexExempt") - 1, d->amex_exempt);
	zend_update_property_bool(ce, obj, "dataUnknown", sizeof("dataUnknown") - 1, d->data_unknown);
	zend_update_property_string(ce, obj, "explanation", sizeof("explanation") - 1, d->explanation);
	ZVAL_OBJ(&zv, msp_brand_case(payment->brand));
	zend_update_property(ce, obj, "brand", sizeof("brand") - 1, &zv);
	zend_update_property_long(ce, obj, "amount", sizeof("amount") - 1, (zend_long)payment->amount);
	zend_update_property_string(ce, obj, "currency", sizeof("currency") - 1, payment->currency);
}

PHP_METHOD(Msp_ThreeDsPolicy, decide)
{
	zend_object *card;
	zend_long amount, eur_amount = 0;
	zend_string *currency, *card_country = NULL, *ip_country = NULL, *customer_country = NULL;
	bool eur_null = true, flexible = false, flexible_null = true;
	ZEND_PARSE_PARAMETERS_START(3, 8)
		Z_PARAM_OBJ(card)
		Z_PARAM_LONG(amount)
		Z_PARAM_STR(currency)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(card_country)
		Z_PARAM_STR_OR_NULL(ip_country)
		Z_PARAM_STR_OR_NULL(customer_country)
		Z_PARAM_LONG_OR_NULL(eur_amount, eur_null)
		Z_PARAM_BOOL_OR_NULL(flexible, flexible_null)
	ZEND_PARSE_PARAMETERS_END();
	if (!msp_php_without_nul_byte(currency, "currency") ||
	    !msp_php_without_nul_byte(card_country, "card_country") ||
	    !msp_php_without_nul_byte(ip_country, "ip_country") ||
	    !msp_php_without_nul_byte(customer_country, "customer_country")) {
		RETURN_THROWS();
	}
	msp_card_brand brand;
	if (card->ce == msp_ce_Card && msp_card_of(card) != NULL) {
		brand = msp_card_get_brand(msp_card_of(card));
	} else if (card->ce == msp_ce_CardBrand) {
		brand = msp_brand_from_case(card);
	} else {
		zend_argument_type_error(
		    1, "must be of type Msp\\Card|Msp\\CardBrand, %s given", ZSTR_VAL(card->ce->name));
		RETURN_THROWS();
	}
	msp_policy_object *intern = policy_from_obj(Z_OBJ_P(ZEND_THIS));
	msp_threeds_payment payment = {
	    .brand = brand,
	    .amount = amount,
	    .currency = ZSTR_VAL(currency),
	    .has_eur_amount = !eur_null,
	    .eur_amount = eur_amount,
	    .card_country = card_country ? ZSTR_VAL(card_country) : NULL,
	    .ip_country = ip_country ? ZSTR_VAL(ip_country) : NULL,
	    .customer_country = customer_country ? ZSTR_VAL(customer_country) : NULL,
	    .flexible = flexible_null ? MSP_THREEDS_FLEXIBLE_UNSET
	                : flexible    ? MSP_THREEDS_FLEXIBLE_REQUIRE
	                              : MSP_THREEDS_FLEXIBLE_SKIP,
	};
	msp_threeds_decision decision;
	msp_error err;
	msp_error_clear(&err);
	if (!ok_or_throw(msp_threeds_decide(intern->policy, &payment, &decision, &err), &err)) {
		RETURN_THROWS();
	}
	make_decision(return_value, &decision, &payment);
}

PHP_METHOD(Msp_ThreeDsPolicy, rules)
{
	ZEND_PARSE_PARAMETERS_NONE();
	msp_policy_object *intern = policy_from_obj(Z_OBJ_P(ZEND_THIS));
	if (Z_ISUNDEF(intern->rules)) {
		RETURN_EMPTY_ARRAY();
	}
	RETURN_COPY(&intern->rules);
}

PHP_METHOD(Msp_ThreeDsPolicy, __clone)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(Msp_ThreeDsDecision, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

bool msp_php_decision_payment(
    zend_object *decision, msp_card_brand *brand, zend_long *amount, const char **currency, bool *required)
{
	zval rv;
	zval *b = zend_read_property(msp_ce_ThreeDsDecision, decision, "brand", sizeof("brand") - 1, 1, &rv);
	zval *a = zend_read_property(msp_ce_ThreeDsDecision, decision, "amount", sizeof("amount") - 1, 1, &rv);
	zval *c =
	    zend_read_property(msp_ce_ThreeDsDecision, decision, "currency", sizeof("currency") - 1, 1, &rv);
	zval *r =
	    zend_read_property(msp_ce_ThreeDsDecision, decision, "required", sizeof("required") - 1, 1, &rv);
	if (Z_TYPE_P(b) != IS_OBJECT || Z_TYPE_P(a) != IS_LONG || Z_TYPE_P(c) != IS_STRING) {
		return false;
	}
	*brand = msp_brand_from_case(Z_OBJ_P(b));
	*amount = Z_LVAL_P(a);
	*currency = Z_STRVAL_P(c);
	*required = Z_TYPE_P(r) == IS_TRUE;
	return true;
}

void msp_register_policy(void)
{
	msp_ce_ThreeDsReason = register_class_Msp_ThreeDsReason();
	msp_ce_ThreeDsPolicy = register_class_Msp_ThreeDsPolicy();
	msp_ce_ThreeDsPolicy->create_object = policy_create;
	memcpy(&policy_handlers, &std_object_handlers, sizeof(zend_object_handlers));
	policy_handlers.offset = XtOffsetOf(msp_policy_object, std);
	policy_handlers.free_obj = policy_free;
	policy_handlers.clone_obj = NULL;
	policy_handlers.get_properties_for = policy_properties_for;
	msp_ce_ThreeDsDecision = register_class_Msp_ThreeDsDecision();
}
