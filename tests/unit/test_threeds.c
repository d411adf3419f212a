/* Unit tests of src/core/threeds.c: brand constraints, Dynamic 3D rules, the builder's refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "threeds.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

#define assert_contains(haystack, needle)                                                                    \
	do {                                                                                                     \
		if (strstr((haystack), (needle)) == NULL) {                                                          \
			fail_msg("\"%s\" does not contain \"%s\"", (haystack), (needle));                                \
		}                                                                                                    \
	} while (0)

/* ---------------------------------------------------------------------------------------------- */
/* Rule sets as data, built through the builder the way the PHP binding drives it                 */
/* ---------------------------------------------------------------------------------------------- */

#define MAX_RANGES 4
#define MAX_SETS   4
#define MAX_CODES  8

typedef struct {
	const char *currency;
	bool has_min;
	int64_t min;
	bool has_max;
	int64_t max;
	const char *extra_key; /* an additional key in this range's array, checked first */
} range_spec;

typedef struct {
	const char *key;  /* card_countries, ip_countries, customer_countries */
	const char *mode; /* include, exclude */
	const char *codes[MAX_CODES];
	size_t count; /* codes given; SIZE_MAX = use the long list below */
} set_spec;

typedef struct {
	const char *name;   /* NULL: no name key */
	const char *action; /* NULL: no action key */
	range_spec ranges[MAX_RANGES];
	size_t range_count;
	set_spec sets[MAX_SETS];
	size_t set_count;
	const char *extra_key; /* an additional key in the rule's array */
} rule_spec;

#define EUR_BELOW(max)                                                                                       \
	{                                                                                                        \
		"EUR", false, 0, true, (max), NULL                                                                   \
	}
#define EUR_FROM(min)                                                                                        \
	{                                                                                                        \
		"EUR", true, (min), false, 0, NULL                                                                   \
	}
#define LONG_LIST SIZE_MAX

/* 251 codes: every assigned code once (249), then two more, for "too many countries". */
static const char *long_list[251];

static void fill_long_list(void)
{
	size_t n = 0;
	char code[3] = {0};
	static char storage[251][3];
	for (code[0] = 'A'; code[0] <= 'Z'; code[0]++) {
		for (code[1] = 'A'; code[1] <= 'Z'; code[1]++) {
			if (msp_country_code_known(code) && n < 249) {
				memcpy(storage[n], code, 3);
				long_list[n] = storage[n];
				n++;
			}
		}
	}
	long_list[249] = "NL";
	long_list[250] = "BE";
}

static msp_status build_rule(msp_threeds_policy *policy, const rule_spec *spec, msp_error *err)
{
	msp_status status;
	if ((status = msp_threeds_rule_begin(policy, err)) != MSP_OK) {
		return status;
	}
	if (spec->extra_key != NULL &&
	    (status = msp_threeds_rule_check_key(policy, spec->extra_key, err)) != MSP_OK) {
		return status;
	}
	/* The binding sets the name first, so that every later message can name the rule. */
	if (spec->name != NULL &&
	    (status = msp_threeds_rule_set_name(policy, spec->name, strlen(spec->name), err)) != MSP_OK) {
		return status;
	}
	if (spec->action != NULL && (status = msp_threeds_rule_set_action(policy, spec->action, err)) != MSP_OK) {
		return status;
	}
	for (size_t i = 0; i < spec->range_count; i++) {
		const range_spec *r = &spec->ranges[i];
		if (r->extra_key != NULL &&
		    (status = msp_threeds_amount_check_key(policy, i, r->extra_key, err)) != MSP_OK) {
			return status;
		}
		status = msp_threeds_rule_add_amount_range(
		    policy, r->currency, r->has_min, r->min, r->has_max, r->max, err);
		if (status != MSP_OK) {
			return status;
		}
	}
	for (size_t i = 0; i < spec->set_count; i++) {
		const set_spec *s = &spec->sets[i];
		if ((status = msp_threeds_rule_check_key(policy, s->key, err)) != MSP_OK) {
			return status;
		}
		const char *const *codes = s->count == LONG_LIST ? long_list : s->codes;
		size_t count = s->count == LONG_LIST ? COUNT_OF(long_list) : s->count;
		if ((status = msp_threeds_rule_set_countries(policy, s->key, s->mode, codes, count, err)) != MSP_OK) {
			return status;
		}
	}
	return msp_threeds_rule_end(policy, err);
}

static msp_status build_policy(const rule_spec *specs, size_t count, msp_threeds_policy **out, msp_error *err)
{
	msp_threeds_policy *policy = msp_threeds_policy_new();
	assert_non_null(policy);
	msp_status status = MSP_OK;
	for (size_t i = 0; i < count && status == MSP_OK; i++) {
		status = build_rule(policy, &specs[i], err);
	}
	if (status == MSP_OK) {
		status = msp_threeds_policy_finish(policy, err);
	}
	if (status != MSP_OK) {
		msp_threeds_policy_free(policy);
		policy = NULL;
	}
	*out = policy;
	return status;
}

static msp_threeds_policy *must_build(const rule_spec *specs, size_t count)
{
	msp_threeds_policy *policy;
	msp_error err;
	msp_error_clear(&err);
	if (build_policy(specs, count, &policy, &err) != MSP_OK) {
		fail_msg("policy refused: %s", err.message);
	}
	return policy;
}

/* ---------------------------------------------------------------------------------------------- */
/* Decisions                                                                                      */
/* ---------------------------------------------------------------------------------------------- */

typedef struct {
	msp_card_brand brand;
	int64_t amount;
	const char *currency;
	int64_t eur_amount; /* 0 = no EUR equivalent given */
	const char *card, *ip, *customer;
	msp_threeds_flexible flexible;
	/* expected */
	bool required;
	msp_threeds_reason reason;
	int rule_index;
	bool amex_exempt;
	const char *explanation; /* substring */
} decision_case;

static void check_decisions(const msp_threeds_policy *policy, const decision_case *cases, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const decision_case *c = &cases[i];
		msp_threeds_payment payment = {.brand = c->brand,
		    .amount = c->amount,
		    .currency = c->currency,
		    .has_eur_amount = c->eur_amount != 0,
		    .eur_amount = c->eur_amount,
		    .card_country = c->card,
		    .ip_country = c->ip,
		    .customer_country = c->customer,
		    .flexible = c->flexible};
		msp_threeds_decision decision;
		msp_error err;
		msp_error_clear(&err);
		msp_status status = msp_threeds_decide(policy, &payment, &decision, &err);
		if (status != MSP_OK) {
			fail_msg("case %zu refused: %s", i, err.message);
		}
		if (decision.required != c->required || decision.reason != c->reason ||
		    decision.rule_index != c->rule_index || decision.amex_exempt != c->amex_exempt) {
			fail_msg("case %zu: got required=%d reason=%s rule=%d amex_exempt=%d (%s)", i, decision.required,
			    msp_threeds_reason_name(decision.reason), decision.rule_index, decision.amex_exempt,
			    decision.explanation);
		}
		if (c->explanation != NULL && strstr(decision.explanation, c->explanation) == NULL) {
			fail_msg("case %zu: \"%s\" does not contain \"%s\"", i, decision.explanation, c->explanation);
		}
	}
}

#define EU4                                                                                                  \
	{                                                                                                        \
		"NL", "BE", "DE", "FR"                                                                               \
	}

/* #0 requires 3DS for four EU card countries; #1 lets small non-EU payments skip when the IP is not
 * on the deny list. Everything else falls through to the default (3DS). */
static const rule_spec standard_rules[] = {
    {.name = "eu cards",
        .action = "require",
        .sets = {{"card_countries", "include", EU4, 4}},
        .set_count = 1},
    {.name = "non-EU small",
        .action = "skip",
        .ranges = {EUR_BELOW(10000), {"USD", false, 0, true, 12000, NULL},
            {"JPY", false, 0, true, 15000, NULL}},
        .range_count = 3,
        .sets = {{"card_countries", "exclude", EU4, 4}, {"ip_countries", "exclude", {"RU", "KP"}, 2}},
        .set_count = 2},
};

#define V  MSP_BRAND_VISA
#define MC MSP_BRAND_MASTERCARD
#define MA MSP_BRAND_MAESTRO
#define AX MSP_BRAND_AMEX
#define BC MSP_BRAND_BANCONTACT

#define UNSET   MSP_THREEDS_FLEXIBLE_UNSET
#define FLEX_3D MSP_THREEDS_FLEXIBLE_REQUIRE
#define FLEX_NO MSP_THREEDS_FLEXIBLE_SKIP

#define BRAND   MSP_THREEDS_REASON_BRAND_REQUIRES_3DS
#define SAFEKEY MSP_THREEDS_REASON_AMEX_SAFEKEY_REQUIRED
#define FLEX    MSP_THREEDS_REASON_FLEXIBLE_3D
#define RULE    MSP_THREEDS_REASON_RULE_MATCHED
#define NO_RULE MSP_THREEDS_REASON_NO_RULE_MATCHED

static const decision_case standard_cases[] = {
    /* Visa / Mastercard: the rules decide */
    {V, 2999, "EUR", 0, "US", "US", "US", UNSET, false, RULE, 1, false,
        "3-D Secure skipped: rule #1 (\"non-EU small\") skips it"},
    {V, 3000, "EUR", 0, "US", "US", "", UNSET, false, RULE, 1, false, NULL},
    {V, 9999, "EUR", 0, "US", "US", "", UNSET, false, RULE, 1, false, NULL},
    {V, 10000, "EUR", 0, "US", "US", "", UNSET, true, NO_RULE, -1, false,
        "3-D Secure required: no Dynamic 3D rule matched (3-D Secure is the default)"},
    {V, 2999, "EUR", 0, "NL", "US", "", UNSET, true, RULE, 0, false,
        "3-D Secure required: rule #0 (\"eu cards\") requires it"},
    {MC, 2999, "EUR", 0, "DE", "NL", "NL", UNSET, true, RULE, 0, false, NULL},
    {MC, 2999, "EUR", 0, "CA", "CA", "CA", UNSET, false, RULE, 1, false, NULL},
    {V, 2999, "EUR", 0, "US", "RU", "", UNSET, true, NO_RULE, -1, false, NULL},
    /* unknown card country: the require rule #0 tests it, so it matches */
    {V, 2999, "EUR", 0, "", "US", "", UNSET, true, RULE, 0, false,
        "rule #0 (\"eu cards\") requires it (card country unknown)"},
    {V, 2999, "EUR", 0, NULL, "US", "", UNSET, true, RULE, 0, false, "(card country unknown)"},
    /* unknown IP country: the skip rule #1 tests it, so it does not match */
    {V, 2999, "EUR", 0, "US", "", "US", UNSET, true, NO_RULE, -1, false, NULL},
    /* other currencies: ranges are per currency, without conversion */
    {V, 11999, "USD", 0, "US", "US", "", UNSET, false, RULE, 1, false, NULL},
    {V, 12000, "USD", 0, "US", "US", "", UNSET, true, NO_RULE, -1, false, NULL},
    {V, 11999, "USD", 9000, "US", "US", "", UNSET, false, RULE, 1, false, NULL},
    {V, 14999, "JPY", 0, "JP", "JP", "JP", UNSET, false, RULE, 1, false, NULL},
    {V, 15000, "JPY", 0, "JP", "JP", "JP", UNSET, true, NO_RULE, -1, false, NULL},
    {V, 500, "GBP", 0, "GB", "GB", "GB", UNSET, true, NO_RULE, -1, false, NULL},

    /* Maestro and Bancontact: 3DS only, whatever the rules or flexible_3d say */
    {MA, 2999, "EUR", 0, "US", "US", "US", UNSET, true, BRAND, -1, false,
        "3-D Secure required: Maestro cards are 3-D Secure only"},
    {MA, 1, "JPY", 0, "", "", "", UNSET, true, BRAND, -1, false, NULL},
    {BC, 100, "EUR", 0, "BE", "BE", "BE", UNSET, true, BRAND, -1, false,
        "Bancontact cards are 3-D Secure only"},
    {BC, 100, "EUR", 0, "US", "US", "US", FLEX_NO, true, BRAND, -1, false, NULL},
    {MA, 100, "EUR", 0, "US", "US", "US", FLEX_NO, true, BRAND, -1, false, NULL},

    /* American Express: Safekey from 30 EUR; under it, the rules decide */
    {AX, 2999, "EUR", 0, "US", "US", "US", UNSET, false, RULE, 1, true,
        "rule #1 (\"non-EU small\") skips it (American Express under 30 EUR: Safekey not mandatory)"},
    {AX, 3000, "EUR", 0, "US", "US", "US", UNSET, true, SAFEKEY, -1, false,
        "3-D Secure required: American Express Safekey is mandatory from 30.00 EUR (this payment: 30.00 "
        "EUR)"},
    {AX, 2999, "EUR", 2999, "US", "US", "US", UNSET, false, RULE, 1, true, NULL},
    {AX, 2999, "EUR", 0, "NL", "US", "US", UNSET, true, RULE, 0, true, NULL},
    {AX, 2999, "EUR", 0, "US", "RU", "US", UNSET, true, NO_RULE, -1, true, NULL},
    {AX, 1, "EUR", 0, "", "", "", UNSET, true, RULE, 0, true, "(card country unknown)"},
    {AX, 2999, "USD", 0, "US", "US", "US", UNSET, true, SAFEKEY, -1, false,
        "and no EUR equivalent of 29.99 USD was given"},
    {AX, 3200, "USD", 2999, "US", "US", "US", UNSET, false, RULE, 1, true, NULL},
    {AX, 3300, "USD", 3000, "US", "US", "US", UNSET, true, SAFEKEY, -1, false,
        "(this payment: 33.00 USD = 30.00 EUR)"},
    {AX, 2000, "JPY", 0, "JP", "JP", "JP", UNSET, true, SAFEKEY, -1, false, "no EUR equivalent of 2000 JPY"},
    {AX, 2000, "JPY", 1250, "JP", "JP", "JP", UNSET, false, RULE, 1, true, NULL},
    {AX, 4000, "JPY", 2600, "JP", "JP", "JP", UNSET, false, RULE, 1, true, NULL},
    {AX, 20000, "JPY", 12500, "JP", "JP", "JP", UNSET, true, SAFEKEY, -1, false, NULL},

    /* Flexible 3D: decides where the brand lets it, before the rules */
    {V, 100000, "EUR", 0, "NL", "US", "US", FLEX_NO, false, FLEX, -1, false,
        "3-D Secure skipped: the payment sets flexible_3d = false"},
    {V, 100, "EUR", 0, "US", "US", "US", FLEX_3D, true, FLEX, -1, false, "flexible_3d = true"},
    {AX, 2999, "EUR", 0, "NL", "US", "US", FLEX_NO, false, FLEX, -1, true, NULL},
    {AX, 5000, "EUR", 0, "US", "US", "US", FLEX_NO, true, SAFEKEY, -1, false, NULL},
};

static void test_standard_policy_decisions(void **state)
{
	(void)state;
	msp_threeds_policy *policy = must_build(standard_rules, COUNT_OF(standard_rules));
	assert_int_equal(msp_threeds_policy_rule_count(policy), 2);
	check_decisions(policy, standard_cases, COUNT_OF(standard_cases));
	msp_threeds_policy_free(policy);
}

static const decision_case no_rules_cases[] = {
    {V, 100, "EUR", 0, "US", "US", "US", UNSET, true, NO_RULE, -1, false,
        "3-D Secure required: no Dynamic 3D rules (3-D Secure is the default)"},
    {MC, 1, "JPY", 0, "", "", "", UNSET, true, NO_RULE, -1, false, NULL},
    {AX, 2999, "EUR", 0, "US", "US", "US", UNSET, true, NO_RULE, -1, true, NULL},
    {AX, 3000, "EUR", 0, "US", "US", "US", UNSET, true, SAFEKEY, -1, false, NULL},
    {MA, 100, "EUR", 0, "US", "US", "US", UNSET, true, BRAND, -1, false, NULL},
    {V, 100, "EUR", 0, "US", "US", "US", FLEX_NO, false, FLEX, -1, false, NULL},
};

static void test_no_policy_and_empty_policy_require_3ds(void **state)
{
	(void)state;
	check_decisions(NULL, no_rules_cases, COUNT_OF(no_rules_cases));
	msp_threeds_policy *empty = must_build(NULL, 0);
	assert_int_equal(msp_threeds_policy_rule_count(empty), 0);
	check_decisions(empty, no_rules_cases, COUNT_OF(no_rules_cases));
	msp_threeds_policy_free(empty);
}

/* First match wins: the same two rules in the other order decide the other way. */
static void test_rule_order_decides(void **state)
{
	(void)state;
	const rule_spec small_then_us[] = {
	    {.name = "small", .action = "skip", .ranges = {EUR_BELOW(5000)}, .range_count = 1},
	    {.name = "us cards",
	        .action = "require",
	        .sets = {{"card_countries", "include", {"US"}, 1}},
	        .set_count = 1},
	};
	const rule_spec us_then_small[] = {small_then_us[1], small_then_us[0]};
	const decision_case small_first[] = {
	    {V, 1000, "EUR", 0, "US", "US", "US", UNSET, false, RULE, 0, false, "rule #0 (\"small\") skips it"},
	    {V, 6000, "EUR", 0, "US", "US", "US", UNSET, true, RULE, 1, false,
	        "rule #1 (\"us cards\") requires it"},
	    {V, 6000, "EUR", 0, "CA", "US", "US", UNSET, true, NO_RULE, -1, false, NULL},
	};
	const decision_case us_first[] = {
	    {V, 1000, "EUR", 0, "US", "US", "US", UNSET, true, RULE, 0, false,
	        "rule #0 (\"us cards\") requires it"},
	    {V, 1000, "EUR", 0, "CA", "US", "US", UNSET, false, RULE, 1, false, "rule #1 (\"small\") skips it"},
	    {V, 6000, "EUR", 0, "CA", "US", "US", UNSET, true, NO_RULE, -1, false, NULL},
	};
	msp_threeds_policy *a = must_build(small_then_us, COUNT_OF(small_then_us));
	msp_threeds_policy *b = must_build(us_then_small, COUNT_OF(us_then_small));
	check_decisions(a, small_first, COUNT_OF(small_first));
	check_decisions(b, us_first, COUNT_OF(us_first));
	msp_threeds_policy_free(a);
	msp_threeds_policy_free(b);
}

/* One country condition at a time, for each of the three sets: include/exclude x listed/not
 * listed/unknown, in a skip rule and in a require rule followed by a catch-all skip. */
typedef struct {
	const char *action;
	const char *mode;
	const char *country; /* the payment's value for the tested set */
	bool required;
	int rule_index;
} country_case;

static const country_case country_cases[] = {
    {"skip", "include", "US", false, 0},
    {"skip", "include", "DE", true, -1},
    {"skip", "include", "", true, -1}, /* unknown never lets a payment skip */
    {"skip", "exclude", "US", true, -1},
    {"skip", "exclude", "DE", false, 0},
    {"skip", "exclude", "", true, -1},
    {"require", "include", "US", true, 0},
    {"require", "include", "DE", false, 1},
    {"require", "include", "", true, 0}, /* ... and a require rule on unknown data holds */
    {"require", "exclude", "US", false, 1},
    {"require", "exclude", "DE", true, 0},
    {"require", "exclude", "", true, 0},
};

static void test_country_sets_include_exclude_unknown(void **state)
{
	(void)state;
	static const char *const set_keys[] = {"card_countries", "ip_countries", "customer_countries"};
	for (size_t k = 0; k < COUNT_OF(set_keys); k++) {
		for (size_t i = 0; i < COUNT_OF(country_cases); i++) {
			const country_case *c = &country_cases[i];
			const rule_spec rules[] = {
			    {.action = c->action, .sets = {{set_keys[k], c->mode, {"US", "MX"}, 2}}, .set_count = 1},
			    {.name = "catch-all", .action = "skip"},
			};
			/* a skip rule is tested alone, a require rule in front of a catch-all skip */
			size_t rule_count = strcmp(c->action, "skip") == 0 ? 1 : 2;
			msp_threeds_policy *policy = must_build(rules, rule_count);
			const char *countries[3] = {"NL", "NL", "NL"};
			countries[k] = c->country;
			decision_case expected = {V, 100, "EUR", 0, countries[0], countries[1], countries[2], UNSET,
			    c->required, c->rule_index >= 0 ? RULE : NO_RULE, c->rule_index, false, NULL};
			check_decisions(policy, &expected, 1);
			msp_threeds_policy_free(policy);
		}
	}
}

static void test_decision_reports_rule_name_and_unknown_data(void **state)
{
	(void)state;
	const rule_spec rules[] = {
	    {.action = "require", .sets = {{"customer_countries", "include", {"RU"}, 1}}, .set_count = 1},
	    {.name = "rest", .action = "skip"},
	};
	msp_threeds_policy *policy = must_build(rules, COUNT_OF(rules));
	msp_threeds_payment payment = {.brand = V, .amount = 100, .currency = "EUR", .customer_country = ""};
	msp_threeds_decision decision;
	assert_int_equal(msp_threeds_decide(policy, &payment, &decision, NULL), MSP_OK);
	assert_true(decision.required);
	assert_int_equal(decision.rule_index, 0);
	assert_string_equal(decision.rule_name, "");
	assert_true(decision.data_unknown);
	assert_string_equal(
	    decision.explanation, "3-D Secure required: rule #0 requires it (customer country unknown)");

	payment.customer_country = "NL";
	assert_int_equal(msp_threeds_decide(policy, &payment, &decision, NULL), MSP_OK);
	assert_false(decision.required);
	assert_int_equal(decision.rule_index, 1);
	assert_string_equal(decision.rule_name, "rest");
	assert_false(decision.data_unknown);
	assert_string_equal(decision.explanation, "3-D Secure skipped: rule #1 (\"rest\") skips it");
	assert_string_equal(msp_threeds_reason_name(decision.reason), "rule_matched");
	msp_threeds_policy_free(policy);
}

/* An empty exclude list tests nothing, so it matches even an unknown country. */
static void test_empty_exclude_list_matches_any_country(void **state)
{
	(void)state;
	const rule_spec rules[] = {
	    {.action = "skip", .sets = {{"card_countries", "exclude", {NULL}, 0}}, .set_count = 1}};
	const decision_case cases[] = {
	    {V, 100, "EUR", 0, "", "", "", UNSET, false, RULE, 0, false, NULL},
	    {V, 100, "EUR", 0, "US", "", "", UNSET, false, RULE, 0, false, NULL},
	};
	msp_threeds_policy *policy = must_build(rules, COUNT_OF(rules));
	check_decisions(policy, cases, COUNT_OF(cases));
	msp_threeds_policy_free(policy);
}

/* Bounds: min inclusive, max exclusive, either may be open; several ranges per rule are a union. */
static void test_amount_range_bounds(void **state)
{
	(void)state;
	const rule_spec rules[] = {
	    {.name = "band",
	        .action = "skip",
	        .ranges = {{"EUR", true, 1000, true, 2000, NULL}, {"EUR", true, 5000, false, 0, NULL},
	            {"KWD", true, 0, true, 1, NULL}},
	        .range_count = 3},
	};
	const decision_case cases[] = {
	    {V, 999, "EUR", 0, "", "", "", UNSET, true, NO_RULE, -1, false, NULL},
	    {V, 1000, "EUR", 0, "", "", "", UNSET, false, RULE, 0, false, NULL},
	    {V, 1999, "EUR", 0, "", "", "", UNSET, false, RULE, 0, false, NULL},
	    {V, 2000, "EUR", 0, "", "", "", UNSET, true, NO_RULE, -1, false, NULL},
	    {V, 4999, "EUR", 0, "", "", "", UNSET, true, NO_RULE, -1, false, NULL},
	    {V, 5000, "EUR", 0, "", "", "", UNSET, false, RULE, 0, false, NULL},
	    {V, INT32_MAX, "EUR", 0, "", "", "", UNSET, false, RULE, 0, false, NULL},
	    {V, 1, "KWD", 0, "", "", "", UNSET, true, NO_RULE, -1, false, NULL}, /* [0, 1) holds no payment */
	    {V, 1500, "USD", 0, "", "", "", UNSET, true, NO_RULE, -1, false, NULL},
	};
	msp_threeds_policy *policy = must_build(rules, COUNT_OF(rules));
	check_decisions(policy, cases, COUNT_OF(cases));
	msp_threeds_policy_free(policy);
}

/* ---------------------------------------------------------------------------------------------- */
/* Refused rule sets                                                                              */
/* ---------------------------------------------------------------------------------------------- */

typedef struct {
	const char *what;
	rule_spec rules[3];
	size_t rule_count;
	const char *message; /* substring of the refusal */
	const char *field;
} refusal_case;

#define ANY_RULE                                                                                             \
	{                                                                                                        \
		.action = "skip"                                                                                     \
	}
#define NAMED(n)                                                                                             \
	{                                                                                                        \
		.name = (n), .action = "skip"                                                                        \
	}
#define CARD(m, ...)                                                                                         \
	{                                                                                                        \
		.action = "skip", .sets = {{"card_countries", (m), __VA_ARGS__}}, .set_count = 1                     \
	}
#define RANGE(...)                                                                                           \
	{                                                                                                        \
		.action = "skip", .ranges = {__VA_ARGS__}, .range_count = 1                                          \
	}

static const refusal_case refusal_cases[] = {
    {"unknown rule key", {{.action = "skip", .extra_key = "skip_if"}}, 1,
        "rule #0: unknown key \"skip_if\" (known keys: name, action, amounts, card_countries, ip_countries, "
        "customer_countries)",
        "rules[0]"},
    {"bad country XX in a named third rule",
        {ANY_RULE, ANY_RULE,
            {.name = "non-EU small",
                .action = "skip",
                .sets = {{"card_countries", "include", {"NL", "XX"}, 2}},
                .set_count = 1}},
        3,
        "rule #2 (\"non-EU small\"): card_countries.include: \"XX\" is not an ISO 3166-1 alpha-2 country "
        "code",
        "rules[2].card_countries.include"},
    {"lower case", {CARD("include", {"nl"}, 1)}, 1,
        "rule #0: card_countries.include: \"nl\" is not an ISO 3166-1 alpha-2 country code (codes are upper "
        "case: "
        "\"NL\")",
        "rules[0].card_countries.include"},
    {"alpha-3", {CARD("exclude", {"NLD"}, 1)}, 1,
        "rule #0: card_countries.exclude: \"NLD\" is not an ISO 3166-1 alpha-2 country code", NULL},
    {"user-assigned XK", {CARD("include", {"XK"}, 1)}, 1, "\"XK\" is not an ISO 3166-1 alpha-2 country code",
        NULL},
    {"reserved UK", {CARD("include", {"UK"}, 1)}, 1, "\"UK\" is not an ISO 3166-1 alpha-2", NULL},
    {"empty string", {CARD("include", {""}, 1)}, 1, "\"\" is not an ISO 3166-1 alpha-2", NULL},
    {"NULL code", {CARD("include", {NULL}, 1)}, 1, "a country code is missing", NULL},
    {"control bytes are not echoed", {CARD("include", {"N\n"}, 1)}, 1, "\"N?\" is not an ISO 3166-1", NULL},
    {"duplicate", {CARD("include", {"NL", "BE", "NL"}, 3)}, 1,
        "card_countries.include: \"NL\" is listed twice", NULL},
    {"empty include", {CARD("include", {NULL}, 0)}, 1,
        "card_countries.include: empty list (leave the key out to match every country)", NULL},
    {"too many countries", {CARD("exclude", {NULL}, LONG_LIST)}, 1,
        "rule #0: card_countries.exclude: 251 country codes, at most 250", "rules[0].card_countries.exclude"},
    {"unknown set mode", {CARD("inclde", {"NL"}, 1)}, 1,
        "rule #0: card_countries: unknown key \"inclde\" (known keys: include, exclude)", NULL},
    {"include and exclude",
        {{.action = "skip",
            .sets = {{"ip_countries", "include", {"NL"}, 1}, {"ip_countries", "exclude", {"BE"}, 1}},
            .set_count = 2}},
        1, "rule #0: ip_countries: give either include or exclude, once", NULL},
    {"bad customer country",
        {{.action = "skip", .sets = {{"customer_countries", "exclude", {"EU"}, 1}}, .set_count = 1}}, 1,
        "rule #0: customer_countries.exclude: \"EU\" is not", NULL},
    {"negative min", {RANGE({"EUR", true, -1, false, 0, NULL})}, 1, "rule #0: amounts[0].min: -1 is negative",
        "rules[0].amounts[0].min"},
    {"negative max", {RANGE({"EUR", false, 0, true, -3000, NULL})}, 1,
        "rule #0: amounts[0].max: -3000 is negative", NULL},
    {"min greater than max", {RANGE({"EUR", true, 5000, true, 3000, NULL})}, 1,
        "rule #0: amounts[0]: min (5000) is greater than max (3000)", "rules[0].amounts[0]"},
    {"min equal to max", {RANGE({"EUR", true, 3000, true, 3000, NULL})}, 1,
        "amounts[0]: min (3000) equals max (3000): the range [min, max) is empty", NULL},
    {"bound above the largest amount", {RANGE({"EUR", false, 0, true, (int64_t)INT32_MAX + 1, NULL})}, 1,
        "amounts[0].max: 2147483648 is above the largest payment amount", NULL},
    {"unknown currency", {RANGE({"EURO", false, 0, true, 3000, NULL})}, 1,
        "rule #0: amounts[0].currency: \"EURO\" is not an active ISO 4217 currency code",
        "rules[0].amounts[0].currency"},
    {"lower-case currency", {RANGE({"eur", false, 0, true, 3000, NULL})}, 1,
        "\"eur\" is not an active ISO 4217 currency code (codes are upper case)", NULL},
    {"withdrawn currency", {RANGE({"HRK", false, 0, true, 3000, NULL})}, 1,
        "\"HRK\" is not an active ISO 4217", NULL},
    {"missing currency", {RANGE({NULL, false, 0, true, 3000, NULL})}, 1, "amounts[0].currency: missing",
        NULL},
    {"second range refused",
        {{.name = "r",
            .action = "skip",
            .ranges = {EUR_BELOW(3000), {"USD", true, -5, false, 0, NULL}},
            .range_count = 2}},
        1, "rule #0 (\"r\"): amounts[1].min: -5 is negative", "rules[0].amounts[1].min"},
    {"unknown amount key", {RANGE({"EUR", false, 0, true, 3000, "maximum"})}, 1,
        "rule #0: amounts[0]: unknown key \"maximum\" (known keys: currency, min, max)",
        "rules[0].amounts[0]"},
    {"missing action", {ANY_RULE, {.name = "no action", .ranges = {EUR_BELOW(3000)}, .range_count = 1}}, 2,
        "rule #1 (\"no action\"): action: missing (\"skip\" or \"require\")", "rules[1].action"},
    {"bad action", {{.action = "Skip"}}, 1,
        "rule #0: action: \"Skip\" is not an action (use \"skip\" or \"require\")", NULL},
    {"long name", {NAMED("12345678901234567890123456789012345678901234567890123456789012345")}, 1,
        "rule #0: name: 65 bytes, at most 64", "rules[0].name"},
    {"empty name", {NAMED("")}, 1, "rule #0: name: empty", NULL},
    {"invalid UTF-8 name", {NAMED("caf\xe9")}, 1, "name: must be UTF-8 text without control characters",
        NULL},
    {"control character in name", {NAMED("a\tb")}, 1, "name: must be UTF-8 text", NULL},
    {"duplicate name", {NAMED("small"), ANY_RULE, NAMED("small")}, 3,
        "rule #2: name: \"small\" is already the name of rule #0", NULL},
};

static void test_invalid_rule_sets_are_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(refusal_cases); i++) {
		const refusal_case *c = &refusal_cases[i];
		msp_threeds_policy *policy = (msp_threeds_policy *)1;
		msp_error err;
		msp_error_clear(&err);
		msp_status status = build_policy(c->rules, c->rule_count, &policy, &err);
		if (status != MSP_ERR_INVALID) {
			fail_msg("%s: status %d, expected MSP_ERR_INVALID", c->what, status);
		}
		assert_null(policy);
		assert_int_equal(err.status, MSP_ERR_INVALID);
		if (strstr(err.message, c->message) == NULL) {
			fail_msg("%s: \"%s\" does not contain \"%s\"", c->what, err.message, c->message);
		}
		if (c->field != NULL) {
			assert_string_equal(err.field, c->field);
		}
	}
}

static void test_valid_names_are_kept(void **state)
{
	(void)state;
	const rule_spec rules[] = {
	    NAMED("1234567890123456789012345678901234567890123456789012345678901234"), /* 64 bytes */
	    NAMED("caf\xc3\xa9 \xe2\x82\xac 30 \xf0\x9f\x92\xb3"),                     /* UTF-8 */
	    {.name = "with \"quotes\"", .action = "require"},
	};
	msp_threeds_policy *policy = must_build(rules, COUNT_OF(rules));
	msp_threeds_payment payment = {.brand = V, .amount = 1, .currency = "EUR"};
	msp_threeds_decision decision;
	assert_int_equal(msp_threeds_decide(policy, &payment, &decision, NULL), MSP_OK);
	assert_string_equal(decision.rule_name, rules[0].name);
	msp_threeds_policy_free(policy);
}

static void test_name_with_nul_byte_is_refused(void **state)
{
	(void)state;
	msp_threeds_policy *policy = msp_threeds_policy_new();
	msp_error err;
	assert_int_equal(msp_threeds_rule_begin(policy, &err), MSP_OK);
	assert_int_equal(msp_threeds_rule_set_name(policy, "ab\0cd", 5, &err), MSP_ERR_INVALID);
	assert_contains(err.message, "without control characters or NUL bytes");
	msp_threeds_policy_free(policy);
}

static void test_keys_are_known_by_the_core(void **state)
{
	(void)state;
	static const char *const rule_keys[] = {
	    "name", "action", "amounts", "card_countries", "ip_countries", "customer_countries"};
	for (size_t i = 0; i < COUNT_OF(rule_keys); i++) {
		assert_true(msp_threeds_rule_key_known(rule_keys[i]));
	}
	assert_false(msp_threeds_rule_key_known("Name"));
	assert_false(msp_threeds_rule_key_known("countries"));
	assert_false(msp_threeds_rule_key_known(""));
	assert_false(msp_threeds_rule_key_known(NULL));
	assert_true(msp_threeds_amount_key_known("currency"));
	assert_true(msp_threeds_amount_key_known("min"));
	assert_true(msp_threeds_amount_key_known("max"));
	assert_false(msp_threeds_amount_key_known("amount"));
}

/* The binding's own type errors read like the core's. */
static void test_rule_refuse_prefixes_rule_and_key(void **state)
{
	(void)state;
	msp_threeds_policy *policy = msp_threeds_policy_new();
	msp_error err;
	assert_int_equal(msp_threeds_rule_begin(policy, &err), MSP_OK);
	assert_int_equal(msp_threeds_rule_set_name(policy, "big", 3, &err), MSP_OK);
	assert_int_equal(
	    msp_threeds_rule_refuse(policy, "amounts[0].min", &err, "must be an int, %s given", "string"),
	    MSP_ERR_INVALID);
	assert_string_equal(err.message, "rule #0 (\"big\"): amounts[0].min: must be an int, string given");
	assert_string_equal(err.field, "rules[0].amounts[0].min");
	assert_int_equal(msp_threeds_rule_refuse(policy, NULL, &err, "must be an array"), MSP_ERR_INVALID);
	assert_string_equal(err.message, "rule #0 (\"big\"): must be an array");
	msp_threeds_policy_free(policy);
}

static void test_builder_call_order_is_enforced(void **state)
{
	(void)state;
	msp_error err;
	msp_threeds_policy *policy = msp_threeds_policy_new();
	assert_int_equal(msp_threeds_rule_set_action(policy, "skip", &err), MSP_ERR_INVALID);
	assert_contains(err.message, "no rule is open");
	assert_int_equal(msp_threeds_rule_end(policy, &err), MSP_ERR_INVALID);
	assert_int_equal(msp_threeds_rule_begin(policy, &err), MSP_OK);
	assert_int_equal(msp_threeds_rule_begin(policy, &err), MSP_ERR_INVALID);
	assert_contains(err.message, "the previous rule is still open");
	assert_int_equal(msp_threeds_rule_set_action(policy, "skip", &err), MSP_OK);
	assert_int_equal(msp_threeds_rule_set_action(policy, "require", &err), MSP_ERR_INVALID);
	assert_contains(err.message, "rule #0: action: given twice");

	/* deciding with an unfinished policy, and finishing with an open rule, are refused */
	msp_threeds_payment payment = {.brand = V, .amount = 100, .currency = "EUR"};
	msp_threeds_decision decision;
	assert_int_equal(msp_threeds_decide(policy, &payment, &decision, &err), MSP_ERR_INVALID);
	assert_contains(err.message, "not finished");
	assert_true(decision.required);
	assert_contains(decision.explanation, "no decision: 3-D Secure policy: the policy is not finished");
	assert_int_equal(msp_threeds_policy_finish(policy, &err), MSP_ERR_INVALID);
	assert_contains(err.message, "rule #0: not ended");

	assert_int_equal(msp_threeds_rule_end(policy, &err), MSP_OK);
	assert_int_equal(msp_threeds_policy_finish(policy, &err), MSP_OK);
	assert_int_equal(msp_threeds_rule_begin(policy, &err), MSP_ERR_INVALID);
	assert_contains(err.message, "the policy is finished");
	assert_int_equal(msp_threeds_decide(policy, &payment, &decision, &err), MSP_OK);
	assert_false(decision.required);
	msp_threeds_policy_free(policy);
	msp_threeds_policy_free(NULL);
}

static void test_rule_count_is_capped(void **state)
{
	(void)state;
	msp_error err;
	msp_threeds_policy *policy = msp_threeds_policy_new();
	for (int i = 0; i < MSP_THREEDS_MAX_RULES; i++) {
		assert_int_equal(msp_threeds_rule_begin(policy, &err), MSP_OK);
		assert_int_equal(msp_threeds_rule_set_action(policy, "require", &err), MSP_OK);
		assert_int_equal(msp_threeds_rule_end(policy, &err), MSP_OK);
	}
	assert_int_equal(msp_threeds_rule_begin(policy, &err), MSP_ERR_INVALID);
	assert_contains(err.message, "more than 1000 rules");
	msp_threeds_policy_free(policy);
}

static void test_amount_range_count_is_capped(void **state)
{
	(void)state;
	msp_error err;
	msp_threeds_policy *policy = msp_threeds_policy_new();
	assert_int_equal(msp_threeds_rule_begin(policy, &err), MSP_OK);
	for (int i = 0; i < MSP_THREEDS_MAX_AMOUNT_RANGES; i++) {
		assert_int_equal(
		    msp_threeds_rule_add_amount_range(policy, "EUR", true, i, true, i + 1, &err), MSP_OK);
	}
	assert_int_equal(
	    msp_threeds_rule_add_amount_range(policy, "EUR", false, 0, false, 0, &err), MSP_ERR_INVALID);
	assert_contains(err.message, "rule #0: amounts: more than 256 amount ranges");
	msp_threeds_policy_free(policy);
}

/* Only 249 codes are assigned, so a set under the cap of 250 can hold every one of them. */
static void test_all_assigned_countries_fit_in_one_set(void **state)
{
	(void)state;
	msp_error err;
	msp_threeds_policy *policy = msp_threeds_policy_new();
	assert_int_equal(msp_threeds_rule_begin(policy, &err), MSP_OK);
	assert_int_equal(
	    msp_threeds_rule_set_countries(policy, "ip_countries", "exclude", long_list, 249, &err), MSP_OK);
	assert_int_equal(msp_threeds_rule_set_action(policy, "skip", &err), MSP_OK);
	assert_int_equal(msp_threeds_rule_end(policy, &err), MSP_OK);
	assert_int_equal(msp_threeds_policy_finish(policy, &err), MSP_OK);
	/* excluding every country: no known IP country matches, an unknown one does not either */
	const decision_case cases[] = {
	    {V, 100, "EUR", 0, "NL", "NL", "NL", UNSET, true, NO_RULE, -1, false, NULL},
	    {V, 100, "EUR", 0, "NL", "ZW", "NL", UNSET, true, NO_RULE, -1, false, NULL},
	    {V, 100, "EUR", 0, "NL", "", "NL", UNSET, true, NO_RULE, -1, false, NULL},
	};
	check_decisions(policy, cases, COUNT_OF(cases));
	msp_threeds_policy_free(policy);
}

/* ---------------------------------------------------------------------------------------------- */
/* Refused payments                                                                               */
/* ---------------------------------------------------------------------------------------------- */

typedef struct {
	msp_threeds_payment payment;
	msp_status status;
	const char *message;
	const char *field;
} payment_refusal;

static const payment_refusal payment_refusals[] = {
    {{.brand = V, .amount = 100, .currency = "EURO"}, MSP_ERR_INVALID, "\"EURO\" is not an active ISO 4217",
        "currency"},
    {{.brand = V, .amount = 100, .currency = NULL}, MSP_ERR_INVALID, "currency is missing", "currency"},
    {{.brand = V, .amount = 0, .currency = "EUR"}, MSP_ERR_INVALID, "amount must be at least 1", "amount"},
    {{.brand = V, .amount = -2999, .currency = "EUR"}, MSP_ERR_INVALID, "got -2999", "amount"},
    {{.brand = V, .amount = (int64_t)INT32_MAX + 1, .currency = "EUR"}, MSP_ERR_INVALID,
        "exceeds the API maximum", "amount"},
    {{.brand = AX, .amount = 100, .currency = "USD", .has_eur_amount = true, .eur_amount = 0},
        MSP_ERR_INVALID, "eur_amount must be 1..2147483647 EUR cents, got 0", "eur_amount"},
    {{.brand = AX, .amount = 100, .currency = "USD", .has_eur_amount = true, .eur_amount = -1},
        MSP_ERR_INVALID, "got -1", "eur_amount"},
    {{.brand = AX, .amount = 3000, .currency = "EUR", .has_eur_amount = true, .eur_amount = 2999},
        MSP_ERR_INVALID, "eur_amount (2999) differs from the amount (3000) of an EUR payment", "eur_amount"},
    {{.brand = V, .amount = 100, .currency = "EUR", .card_country = "XX"}, MSP_ERR_INVALID,
        "card_country \"XX\" is not an ISO 3166-1 alpha-2 country code", "card_country"},
    {{.brand = V, .amount = 100, .currency = "EUR", .ip_country = "nl"}, MSP_ERR_INVALID,
        "ip_country \"nl\" is not an ISO 3166-1 alpha-2", "ip_country"},
    {{.brand = V, .amount = 100, .currency = "EUR", .customer_country = "NLD"}, MSP_ERR_INVALID,
        "customer_country \"NLD\" is not", "customer_country"},
    {{.brand = MSP_BRAND_UNKNOWN, .amount = 100, .currency = "EUR"}, MSP_ERR_INVALID,
        "the card brand is unknown", "brand"},
    {{.brand = (msp_card_brand)MSP_BRAND_COUNT, .amount = 100, .currency = "EUR"}, MSP_ERR_INVALID,
        "the card brand is unknown", "brand"},
    {{.brand = V, .amount = 100, .currency = "EUR", .flexible = (msp_threeds_flexible)7}, MSP_ERR_INVALID,
        "flexible is not an msp_threeds_flexible value (7)", "flexible"},
    {{.brand = MSP_BRAND_DINERS, .amount = 100, .currency = "EUR"}, MSP_ERR_CARD,
        "Diners Club cards are not accepted for direct card payments", ""},
    {{.brand = MSP_BRAND_JCB, .amount = 100, .currency = "EUR"}, MSP_ERR_CARD, "JCB cards are not accepted",
        ""},
    {{.brand = MSP_BRAND_UNIONPAY, .amount = 100, .currency = "EUR"}, MSP_ERR_CARD, "UnionPay", ""},
    {{.brand = MSP_BRAND_DISCOVER, .amount = 100, .currency = "EUR"}, MSP_ERR_CARD, "Discover", ""},
};

static void test_invalid_payments_are_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(payment_refusals); i++) {
		const payment_refusal *c = &payment_refusals[i];
		msp_threeds_decision decision;
		msp_error err;
		msp_error_clear(&err);
		msp_status status = msp_threeds_decide(NULL, &c->payment, &decision, &err);
		if (status != c->status) {
			fail_msg("case %zu: status %d, expected %d (%s)", i, status, c->status, err.message);
		}
		assert_contains(err.message, c->message);
		assert_string_equal(err.field, c->field);
		assert_true(decision.required);
		assert_int_equal(decision.rule_index, -1);
		assert_contains(decision.explanation, "no decision: ");
		assert_contains(decision.explanation, c->message);
		if (c->status == MSP_ERR_CARD) {
			assert_int_equal(err.reason, MSP_CARD_UNSUPPORTED_BRAND);
			assert_int_equal(decision.reason, MSP_THREEDS_REASON_UNSUPPORTED_BRAND);
		} else {
			assert_int_equal(decision.reason, MSP_THREEDS_REASON_NONE);
		}
	}
	msp_threeds_decision decision;
	assert_int_equal(msp_threeds_decide(NULL, NULL, &decision, NULL), MSP_ERR_INVALID);
	assert_int_equal(msp_threeds_decide(NULL, &payment_refusals[0].payment, NULL, NULL), MSP_ERR_INVALID);
}

/* ---------------------------------------------------------------------------------------------- */
/* Brand constraints alone                                                                        */
/* ---------------------------------------------------------------------------------------------- */

typedef struct {
	msp_card_brand brand;
	int64_t amount;
	const char *currency;
	bool has_eur;
	int64_t eur_amount;
	bool allowed;
	const char *message; /* msp_threeds_check_skip_allowed's refusal, when not allowed */
} skip_case;

static const skip_case skip_cases[] = {
    {V, 100000, "EUR", false, 0, true, NULL},
    {MC, 1, "JPY", false, 0, true, NULL},
    {MA, 1, "EUR", false, 0, false, "3-D Secure cannot be skipped: Maestro cards are 3-D Secure only"},
    {BC, 1, "EUR", false, 0, false, "Bancontact cards are 3-D Secure only"},
    {AX, 2999, "EUR", false, 0, true, NULL},
    {AX, 3000, "EUR", false, 0, false,
        "American Express Safekey is mandatory from 30.00 EUR (this payment: 30.00 EUR)"},
    {AX, 2999, "USD", false, 0, false, "no EUR equivalent of 29.99 USD was given"},
    {AX, 2999, "USD", true, 2999, true, NULL},
    {AX, 9999, "USD", true, 2999, true, NULL},
    {AX, 2999, "USD", true, 3000, false, "(this payment: 29.99 USD = 30.00 EUR)"},
    {AX, 500, "JPY", false, 0, false, "no EUR equivalent of 500 JPY"},
    {AX, 500, "JPY", true, 310, true, NULL},
    {MSP_BRAND_DINERS, 100, "EUR", false, 0, false, "Diners Club cards are not accepted"},
    {MSP_BRAND_UNKNOWN, 100, "EUR", false, 0, false, "the card brand is unknown"},
    {V, 100, "XXX", false, 0, false, "\"XXX\" is not an active"},
    {V, 0, "EUR", false, 0, false, "amount must be at least 1"},
};

static void test_brand_allows_skip(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(skip_cases); i++) {
		const skip_case *c = &skip_cases[i];
		bool allowed =
		    msp_threeds_brand_allows_skip(c->brand, c->amount, c->currency, c->has_eur, c->eur_amount);
		if (allowed != c->allowed) {
			fail_msg("case %zu: allows_skip %d, expected %d", i, allowed, c->allowed);
		}
		msp_threeds_payment payment = {.brand = c->brand,
		    .amount = c->amount,
		    .currency = c->currency,
		    .has_eur_amount = c->has_eur,
		    .eur_amount = c->eur_amount,
		    .flexible = FLEX_NO};
		msp_error err;
		msp_error_clear(&err);
		msp_status status = msp_threeds_check_skip_allowed(&payment, &err);
		assert_int_equal(status == MSP_OK, c->allowed);
		if (!c->allowed) {
			assert_contains(err.message, c->message);
		}
	}
}

static void test_refused_skip_names_the_flexible_field(void **state)
{
	(void)state;
	msp_threeds_payment payment = {.brand = MA, .amount = 100, .currency = "EUR"};
	msp_error err;
	assert_int_equal(msp_threeds_check_skip_allowed(&payment, &err), MSP_ERR_INVALID);
	assert_string_equal(err.field, "gateway_info.flexible_3d");
	payment.brand = MSP_BRAND_JCB;
	assert_int_equal(msp_threeds_check_skip_allowed(&payment, &err), MSP_ERR_CARD);
	assert_int_equal(err.reason, MSP_CARD_UNSUPPORTED_BRAND);
}

/* ---------------------------------------------------------------------------------------------- */
/* Tables                                                                                         */
/* ---------------------------------------------------------------------------------------------- */

static void test_country_table(void **state)
{
	(void)state;
	size_t known = 0;
	char code[3] = {0};
	for (code[0] = 'A'; code[0] <= 'Z'; code[0]++) {
		for (code[1] = 'A'; code[1] <= 'Z'; code[1]++) {
			known += msp_country_code_known(code);
		}
	}
	assert_int_equal(known, 249);
	static const char *const assigned[] = {
	    "AD", "NL", "BE", "DE", "US", "SS", "BQ", "CW", "SX", "AQ", "BV", "ZW"};
	for (size_t i = 0; i < COUNT_OF(assigned); i++) {
		assert_true(msp_country_code_known(assigned[i]));
	}
	static const char *const not_assigned[] = {
	    "XK", "UK", "EU", "AN", "CS", "YU", "TP", "ZZ", "AA", "nl", "Nl", "NLD", "N", "", "N1", "\xc3\x91L"};
	for (size_t i = 0; i < COUNT_OF(not_assigned); i++) {
		if (msp_country_code_known(not_assigned[i])) {
			fail_msg("\"%s\" should not be known", not_assigned[i]);
		}
	}
	assert_false(msp_country_code_known(NULL));
}

static void test_reason_names(void **state)
{
	(void)state;
	assert_string_equal(msp_threeds_reason_name(MSP_THREEDS_REASON_NONE), "none");
	assert_string_equal(msp_threeds_reason_name(BRAND), "brand_requires_3ds");
	assert_string_equal(msp_threeds_reason_name(SAFEKEY), "amex_safekey_required");
	assert_string_equal(msp_threeds_reason_name(FLEX), "flexible_3d");
	assert_string_equal(msp_threeds_reason_name(RULE), "rule_matched");
	assert_string_equal(msp_threeds_reason_name(NO_RULE), "no_rule_matched");
	assert_string_equal(msp_threeds_reason_name(MSP_THREEDS_REASON_UNSUPPORTED_BRAND), "unsupported_brand");
	assert_string_equal(msp_threeds_reason_name((msp_threeds_reason)99), "none");
}

static int setup_lists(void **state)
{
	(void)state;
	fill_long_list();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_standard_policy_decisions),
	    cmocka_unit_test(test_no_policy_and_empty_policy_require_3ds),
	    cmocka_unit_test(test_rule_order_decides),
	    cmocka_unit_test(test_country_sets_include_exclude_unknown),
	    cmocka_unit_test(test_decision_reports_rule_name_and_unknown_data),
	    cmocka_unit_test(test_empty_exclude_list_matches_any_country),
	    cmocka_unit_test(test_amount_range_bounds),
	    cmocka_unit_test(test_invalid_rule_sets_are_refused),
	    cmocka_unit_test(test_valid_names_are_kept),
	    cmocka_unit_test(test_name_with_nul_byte_is_refused),
	    cmocka_unit_test(test_keys_are_known_by_the_core),
	    cmocka_unit_test(test_rule_refuse_prefixes_rule_and_key),
	    cmocka_unit_test(test_builder_call_order_is_enforced),
	    cmocka_unit_test(test_rule_count_is_capped),
	    cmocka_unit_test(test_amount_range_count_is_capped),
	    cmocka_unit_test(test_all_assigned_countries_fit_in_one_set),
	    cmocka_unit_test(test_invalid_payments_are_refused),
	    cmocka_unit_test(test_brand_allows_skip),
	    cmocka_unit_test(test_refused_skip_names_the_flexible_field),
	    cmocka_unit_test(test_country_table),
	    cmocka_unit_test(test_reason_names),
	};
	return cmocka_run_group_tests_name("threeds", tests, setup_lists, NULL);
}
