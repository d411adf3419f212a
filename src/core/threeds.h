/* 3-D Secure policy: the brand constraints MultiSafepay enforces, plus the merchant's Dynamic 3D rule
 * set, turned into a decision (3DS required or not) with the reason, before the order is sent.
 *
 * Order of precedence in msp_threeds_decide():
 *   1. Brand constraints always win. Maestro and Bancontact are 3DS only. American Express Safekey
 *      is mandatory, except under 30 EUR (amount < 3000 EUR cents: 29.99 EUR may skip, 30.00 EUR
 *      may not); a non-EUR payment counts as under 30 EUR only when the caller gives its EUR
 *      equivalent (eur_amount), otherwise Safekey is required. Amex under 30 EUR then behaves like
 *      Visa and Mastercard: Flexible 3D or the rules decide.
 *   2. Flexible 3D (flexible_3d on the order) decides when the payment sets it: per-transaction
 *      choice overrides Dynamic 3D.
 *   3. Dynamic 3D rules: the first rule that matches decides (skip or require).
 *   4. Nothing matched: 3DS is required (MultiSafepay's default for every card order).
 *
 * Rule semantics:
 *   - Amount ranges are per currency, in minor units, min inclusive and max EXCLUSIVE ([min, max)),
 *     so that adjacent ranges ({max: 3000}, {min: 3000}) neither overlap nor leave a gap, like the
 *     Amex threshold itself. A missing bound is open. A rule with ranges matches only a payment
 *     whose currency has a range that contains the amount (no conversion: eur_amount serves only
 *     the Amex exception). A rule without ranges matches any amount.
 *   - Country sets (card, IP, customer country): include (the country must be listed) or exclude
 *     (it must not be). An absent set, or an empty exclude list, matches any country; an empty
 *     include list is refused as ambiguous. Codes are ISO 3166-1 alpha-2, upper case only (no
 *     normalisation: "nl" is refused with a hint, as the API wants upper case too), at most
 *     MSP_THREEDS_MAX_COUNTRIES per set, each at most once (a duplicate is refused: it is nearly
 *     always a copy-paste slip in a list someone will read later).
 *   - Unknown payment data never lets a payment skip 3DS: when a rule has a set for a country the
 *     payment does not know ("" or NULL), a skip rule does not match (evaluation goes on to the
 *     next rule) and a require rule does match (3DS is required, and the explanation says the
 *     country was unknown). Not matching a require rule would let a later skip rule win.
 *   - Rules are numbered from 0 in the order given ("rule #0"), like the keys of a PHP list.
 *
 * Building: the binding drives the builder key by key and never validates anything itself:
 *   msp_threeds_policy_new(); then per rule msp_threeds_rule_begin(), msp_threeds_rule_check_key()
 *   for each key the caller gave, the setters (set the name first so that later messages can name
 *   the rule), msp_threeds_rule_end(); finally msp_threeds_policy_finish(). Every refusal is
 *   MSP_ERR_INVALID with a message such as
 *     rule #2 ("non-EU small"): card_countries.include: "XX" is not an ISO 3166-1 alpha-2 country code
 *   and msp_error.field set to the path ("rules[2].card_countries.include"). A refused call leaves
 *   the policy as it was, but the usual reaction is to free it.
 * A finished policy is immutable: msp_threeds_decide() may run on it from several threads. */
#ifndef MSP_CORE_THREEDS_H
#define MSP_CORE_THREEDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "card.h"
#include "error.h"

/* "Under 30 EUR" for American Express, in EUR cents: amounts strictly below may skip Safekey. */
#define MSP_THREEDS_AMEX_EXEMPT_BELOW_EUR 3000
#define MSP_THREEDS_RULE_NAME_MAX         64  /* bytes of UTF-8 */
#define MSP_THREEDS_MAX_COUNTRIES         250 /* per country set */
#define MSP_THREEDS_MAX_AMOUNT_RANGES     256 /* per rule */
#define MSP_THREEDS_MAX_RULES             1000
#define MSP_THREEDS_EXPLANATION_MAX       256

typedef enum {
	MSP_THREEDS_ACTION_NONE = 0, /* not set yet: refused by msp_threeds_rule_end() */
	MSP_THREEDS_ACTION_SKIP,
	MSP_THREEDS_ACTION_REQUIRE,
} msp_threeds_action;

/* Why a decision came out as it did. Values are stable: the binding exposes them as an enum, with
 * msp_threeds_reason_name() as the backing value. */
typedef enum {
	MSP_THREEDS_REASON_NONE = 0,
	MSP_THREEDS_REASON_BRAND_REQUIRES_3DS,    /* Maestro, Bancontact: 3DS only */
	MSP_THREEDS_REASON_AMEX_SAFEKEY_REQUIRED, /* Amex from 30 EUR, or no EUR equivalent known */
	MSP_THREEDS_REASON_FLEXIBLE_3D,           /* the payment's flexible_3d setting decided */
	MSP_THREEDS_REASON_RULE_MATCHED,          /* a Dynamic 3D rule decided: see rule_index */
	MSP_THREEDS_REASON_NO_RULE_MATCHED,       /* no rule (or no policy): 3DS required by default */
	MSP_THREEDS_REASON_UNSUPPORTED_BRAND,     /* Diners, Discover, JCB, UnionPay: no decision */
} msp_threeds_reason;

/* The order's flexible_3d field, when the shop sets it per payment. */
typedef enum {
	MSP_THREEDS_FLEXIBLE_UNSET = 0, /* not sent: Dynamic 3D rules decide */
	MSP_THREEDS_FLEXIBLE_REQUIRE,   /* flexible_3d = true: 3DS */
	MSP_THREEDS_FLEXIBLE_SKIP,      /* flexible_3d = false: no 3DS (where the brand allows it) */
} msp_threeds_flexible;

typedef struct {
	msp_card_brand brand;
	int64_t amount;       /* minor units of currency, 1..2^31-1 */
	const char *currency; /* active ISO 4217 code, upper case */
	bool has_eur_amount;  /* the caller knows the EUR equivalent (for the Amex exception) */
	int64_t eur_amount;   /* EUR cents; must equal amount when currency is EUR */
	/* ISO 3166-1 alpha-2, upper case; NULL or "" = unknown. */
	const char *card_country; /* issuer country of the card */
	const char *ip_country;   /* country of the customer's IP address */
	const char *customer_country;
	msp_threeds_flexible flexible;
} msp_threeds_payment;

typedef struct {
	bool required;
	msp_threeds_reason reason;
	int rule_index;                                /* the rule that decided, or -1 */
	char rule_name[MSP_THREEDS_RULE_NAME_MAX + 1]; /* its name, or "" */
	bool amex_exempt;  /* Amex under 30 EUR: Safekey was not mandatory, the next steps decided */
	bool data_unknown; /* a require rule matched because a country it tests was unknown */
	char explanation[MSP_THREEDS_EXPLANATION_MAX]; /* one sentence for the shop's log */
} msp_threeds_decision;

typedef struct msp_threeds_policy msp_threeds_policy;

/* --- building a policy ------------------------------------------------------------------------ */

/* NULL when out of memory. */
msp_threeds_policy *msp_threeds_policy_new(void);
void msp_threeds_policy_free(msp_threeds_policy *policy);

/* Opens the next rule (#0, #1, ...). Refused while a rule is open, after finish, or past
 * MSP_THREEDS_MAX_RULES. */
msp_status msp_threeds_rule_begin(msp_threeds_policy *policy, msp_error *err);

/* The keys a rule may have: "name", "action", "amounts", "card_countries", "ip_countries",
 * "customer_countries". */
bool msp_threeds_rule_key_known(const char *key);
/* MSP_OK for a known key; otherwise refuses it, naming the rule, the key and the known keys. */
msp_status msp_threeds_rule_check_key(const msp_threeds_policy *policy, const char *key, msp_error *err);
/* Same for the keys of one amount range ("currency", "min", "max"); range_index is its position in
 * the rule's "amounts" list. */
bool msp_threeds_amount_key_known(const char *key);
msp_status msp_threeds_amount_check_key(
    const msp_threeds_policy *policy, size_t range_index, const char *key, msp_error *err);

/* Optional, unique within the policy, 1..64 bytes of UTF-8 without control characters. name need
 * not be NUL-terminated (PHP strings may hold NUL bytes, which are refused). */
msp_status msp_threeds_rule_set_name(
    msp_threeds_policy *policy, const char *name, size_t len, msp_error *err);
/* "skip" or "require" (exact spelling). Required. */
msp_status msp_threeds_rule_set_action(msp_threeds_policy *policy, const char *value, msp_error *err);
/* Appends {currency, [min, max)} to the rule's "amounts". Bounds are minor units of currency in
 * 0..2^31-1; has_min/has_max false = open bound. Refused: unknown currency, negative or too large
 * bound, min >= max (empty range). */
msp_status msp_threeds_rule_add_amount_range(msp_threeds_policy *policy, const char *currency, bool has_min,
    int64_t min, bool has_max, int64_t max, msp_error *err);
/* key: "card_countries", "ip_countries" or "customer_countries"; mode: "include" or "exclude".
 * Each set may be given once per rule. codes need not outlive the call. */
msp_status msp_threeds_rule_set_countries(msp_threeds_policy *policy, const char *key, const char *mode,
    const char *const *codes, size_t count, msp_error *err);
/* Closes the open rule; refuses a rule without action. */
msp_status msp_threeds_rule_end(msp_threeds_policy *policy, msp_error *err);
/* Refuses an open rule; afterwards the policy can decide and can no longer change. A policy with
 * no rule is valid (3DS is then required for every payment, brand constraints aside). */
msp_status msp_threeds_policy_finish(msp_threeds_policy *policy, msp_error *err);

/* Refuses with the usual prefix ("rule #2 (\"name\"): key: ..."), for the binding's own type errors
 * ("min must be an int"), so that every message about a rule reads alike. key may be NULL. */
msp_status msp_threeds_rule_refuse(
    const msp_threeds_policy *policy, const char *key, msp_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

size_t msp_threeds_policy_rule_count(const msp_threeds_policy *policy);

/* --- deciding --------------------------------------------------------------------------------- */

/* policy may be NULL (no Dynamic 3D rules) and must otherwise be finished. Refused with
 * MSP_ERR_INVALID: unknown currency, amount outside 1..2^31-1, bad eur_amount, bad country code,
 * brand out of range or MSP_BRAND_UNKNOWN, unfinished policy. Refused with MSP_ERR_CARD (reason
 * MSP_CARD_UNSUPPORTED_BRAND) for brands MultiSafepay does not take direct; the decision then says
 * required with MSP_THREEDS_REASON_UNSUPPORTED_BRAND. On any refusal *decision is still filled. */
msp_status msp_threeds_decide(const msp_threeds_policy *policy, const msp_threeds_payment *payment,
    msp_threeds_decision *decision, msp_error *err);

/* Whether the brand constraints alone let this payment go without 3DS: false for Maestro,
 * Bancontact, unsupported brands, Amex from 30 EUR or without a known EUR amount, and for
 * invalid data (unknown currency, amount outside 1..2^31-1, bad eur_amount). For the order builder's local
 * check of flexible_3d = false. */
bool msp_threeds_brand_allows_skip(
    msp_card_brand brand, int64_t amount, const char *currency, bool has_eur_amount, int64_t eur_amount);

/* The same check with a message, so the order builder does not write its own: MSP_OK when the brand
 * allows skipping 3DS; MSP_ERR_INVALID saying which constraint forbids it (field
 * "gateway_info.flexible_3d"), or which payment field is invalid; MSP_ERR_CARD
 * (MSP_CARD_UNSUPPORTED_BRAND) for an unsupported brand. payment->flexible is not consulted. */
msp_status msp_threeds_check_skip_allowed(const msp_threeds_payment *payment, msp_error *err);

/* "brand_requires_3ds", "amex_safekey_required", "flexible_3d", "rule_matched", "no_rule_matched",
 * "unsupported_brand", "none". */
const char *msp_threeds_reason_name(msp_threeds_reason reason);

/* ISO 3166-1 alpha-2, officially assigned codes only (no user-assigned XK, no reserved UK/EU), upper
 * case. Lives here until a country module exists; order.c should use it for customer.country. */
bool msp_country_code_known(const char *code);

#endif
