#include "threeds.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

/* ---------------------------------------------------------------------------------------------- */
/* ISO 3166-1 alpha-2                                                                             */
/* ---------------------------------------------------------------------------------------------- */

/* The 249 officially assigned codes (unchanged since SS, BQ, CW and SX in 2010-2011), sorted, three
 * characters per entry so that entry i starts at 3 * i. User-assigned (XK for Kosovo) and reserved
 * codes (UK, EU, AN, ...) are not countries the API accepts, so they are not here. */
static const char country_codes[] =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ "
    "BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR "
    "CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR "
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU "
    "ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ "
    "LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
    "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF "
    "PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI "
    "SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR "
    "TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW ";

#define COUNTRY_COUNT ((sizeof(country_codes) - 1) / 3)

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool two_upper_letters(const char *code)
{
	return code != NULL && is_upper(code[0]) && is_upper(code[1]) && code[2] == '\0';
}

bool msp_country_code_known(const char *code)
{
	if (!two_upper_letters(code)) {
		return false;
	}
	size_t low = 0, high = COUNTRY_COUNT;
	while (low < high) {
		size_t mid = low + (high - low) / 2;
		int cmp = strncmp(code, &country_codes[3 * mid], 2);
		if (cmp == 0) {
			return true;
		}
		if (cmp < 0) {
			high = mid;
		} else {
			low = mid + 1;
		}
	}
	return false;
}

/* A country's slot in a set's bitmap: the 26 x 26 two-letter space. */
static size_t country_slot(const char *code)
{
	return (size_t)(code[0] - 'A') * 26 + (size_t)(code[1] - 'A');
}

/* Quotes caller data in messages without letting control bytes or long strings into logs. */
static const char *printable(const char *s, char *buf, size_t size)
{
	size_t i = 0;
	for (; s[i] != '\0' && i < 16 && i + 4 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		buf[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	buf[i] = '\0';
	if (s[i] != '\0') {
		strcpy(&buf[i], "...");
	}
	return buf;
}

/* ---------------------------------------------------------------------------------------------- */
/* Rule vocabulary (tables are the single place where a key is spelled)                           */
/* ---------------------------------------------------------------------------------------------- */

enum { SET_CARD, SET_IP, SET_CUSTOMER, SET_COUNT };

typedef enum { MODE_ANY = 0, MODE_INCLUDE, MODE_EXCLUDE } set_mode;

static const struct {
	const char *key;   /* rule key */
	const char *field; /* msp_threeds_payment field, for messages */
	const char *label; /* for explanations */
	size_t offset;     /* of the payment's country pointer */
} country_sets[SET_COUNT] = {
    [SET_CARD] = {"card_countries", "card_country", "card country",
        offsetof(msp_threeds_payment, card_country)},
    [SET_IP] = {"ip_countries", "ip_country", "IP country", offsetof(msp_threeds_payment, ip_country)},
    [SET_CUSTOMER] = {"customer_countries", "customer_country", "customer country",
        offsetof(msp_threeds_payment, customer_country)},
};

static const struct {
	const char *name;
	set_mode mode;
} set_modes[] = {{"include", MODE_INCLUDE}, {"exclude", MODE_EXCLUDE}};

static const char *const rule_keys[] = {
    "name", "action", "amounts", "card_countries", "ip_countries", "customer_countries"};
static const char *const amount_keys[] = {"currency", "min", "max"};

static const struct {
	const char *name;
	msp_threeds_action action;
} actions[] = {{"skip", MSP_THREEDS_ACTION_SKIP}, {"require", MSP_THREEDS_ACTION_REQUIRE}};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static bool key_in(const char *key, const char *const *keys, size_t count)
{
	for (size_t i = 0; key != NULL && i < count; i++) {
		if (strcmp(key, keys[i]) == 0) {
			return true;
		}
	}
	return false;
}

static void join_keys(const char *const *keys, size_t count, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < count && used < size; i++) {
		int n = snprintf(out + used, size - used, "%s%s", i ? ", " : "", keys[i]);
		used += n > 0 ? (size_t)n : 0;
	}
}

/* ---------------------------------------------------------------------------------------------- */
/* Policy storage                                                                                 */
/* ---------------------------------------------------------------------------------------------- */

typedef struct {
	char currency[4];
	bool has_min, has_max;
	int64_t min, max; /* [min, max) */
} amount_range;

typedef struct {
	bool given;    /* the key appeared (even as an empty exclude list) */
	set_mode mode; /* MODE_ANY also for an empty exclude list: it tests nothing */
	uint8_t members[(26 * 26 + 7) / 8];
} country_set;

typedef struct {
	char name[MSP_THREEDS_RULE_NAME_MAX + 1];
	msp_threeds_action action;
	amount_range *ranges;
	size_t range_count;
	country_set countries[SET_COUNT];
} rule;

struct msp_threeds_policy {
	rule *rules;
	size_t count; /* includes the open rule */
	size_t capacity;
	bool rule_open;
	bool finished;
};

msp_threeds_policy *msp_threeds_policy_new(void)
{
	return calloc(1, sizeof(msp_threeds_policy));
}

void msp_threeds_policy_free(msp_threeds_policy *policy)
{
	if (policy == NULL) {
		return;
	}
	for (size_t i = 0; i < policy->count; i++) {
		free(policy->rules[i].ranges);
	}
	free(policy->rules);
	free(policy);
}

size_t msp_threeds_policy_rule_count(const msp_threeds_policy *policy)
{
	return policy == NULL ? 0 : policy->count;
}

static bool set_has(const country_set *set, const char *code)
{
	size_t slot = country_slot(code);
	return (set->members[slot / 8] >> (slot % 8)) & 1u;
}

static void set_add(country_set *set, const char *code)
{
	size_t slot = country_slot(code);
	set->members[slot / 8] |= (uint8_t)(1u << (slot % 8));
}

/* ---------------------------------------------------------------------------------------------- */
/* Refusals                                                                                       */
/* ---------------------------------------------------------------------------------------------- */

static msp_status refuse_vrule(
    const msp_threeds_policy *policy, const char *key, msp_error *err, const char *fmt, va_list args)
{
	char message[MSP_ERROR_MESSAGE_MAX];
	msp_text_fit(message, sizeof(message), vsnprintf(message, sizeof(message), fmt, args));

	if (policy == NULL || policy->count == 0) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "3-D Secure policy: %s", message);
	}
	size_t index = policy->count - 1;
	const char *name = policy->rules[index].name;
	char who[MSP_THREEDS_RULE_NAME_MAX + 32];
	if (name[0] != '\0') {
		snprintf(who, sizeof(who), "rule #%zu (\"%s\")", index, name);
	} else {
		snprintf(who, sizeof(who), "rule #%zu", index);
	}
	msp_status status;
	if (key != NULL) {
		status = msp_error_set(err, MSP_ERR_INVALID, 0, "%s: %s: %s", who, key, message);
	} else {
		status = msp_error_set(err, MSP_ERR_INVALID, 0, "%s: %s", who, message);
	}
	char field[64];
	snprintf(field, sizeof(field), "rules[%zu]%s%s", index, key != NULL ? "." : "", key != NULL ? key : "");
	msp_error_set_field(err, field);
	return status;
}

msp_status msp_threeds_rule_refuse(
    const msp_threeds_policy *policy, const char *key, msp_error *err, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	msp_status status = refuse_vrule(policy, key, err, fmt, args);
	va_end(args);
	return status;
}

/* Builder calls out of order are the binding's bugs, not the merchant's: say so plainly. */
static msp_status refuse_call(msp_error *err, const char *message)
{
	return msp_error_set(err, MSP_ERR_INVALID, 0, "3-D Secure policy: %s", message);
}

static rule *open_rule(msp_threeds_policy *policy, msp_error *err, msp_status *status)
{
	if (policy == NULL || !policy->rule_open) {
		*status = refuse_call(err, "no rule is open (call msp_threeds_rule_begin first)");
		return NULL;
	}
	*status = MSP_OK;
	return &policy->rules[policy->count - 1];
}

/* ---------------------------------------------------------------------------------------------- */
/* Building                                                                                       */
/* ---------------------------------------------------------------------------------------------- */

msp_status msp_threeds_rule_begin(msp_threeds_policy *policy, msp_error *err)
{
	if (policy == NULL || policy->finished) {
		return refuse_call(err, "the policy is finished and cannot change");
	}
	if (policy->rule_open) {
		return refuse_call(err, "the previous rule is still open (call msp_threeds_rule_end)");
	}
	if (policy->count >= MSP_THREEDS_MAX_RULES) {
		return msp_error_set(
		    err, MSP_ERR_INVALID, 0, "3-D Secure policy: more than %d rules", MSP_THREEDS_MAX_RULES);
	}
	if (policy->count == policy->capacity) {
		size_t capacity = policy->capacity ? policy->capacity * 2 : 8;
		rule *rules = realloc(policy->rules, capacity * sizeof(rule));
		if (rules == NULL) {
			return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
		}
		policy->rules = rules;
		policy->capacity = capacity;
	}
	memset(&policy->rules[policy->count], 0, sizeof(rule));
	policy->count++;
	policy->rule_open = true;
	return MSP_OK;
}

bool msp_threeds_rule_key_known(const char *key)
{
	return key_in(key, rule_keys, COUNT_OF(rule_keys));
}

bool msp_threeds_amount_key_known(const char *key)
{
	return key_in(key, amount_keys, COUNT_OF(amount_keys));
}

static msp_status refuse_unknown_key(const msp_threeds_policy *policy, const char *path, const char *key,
    const char *const *keys, size_t count, msp_error *err)
{
	char known[128], shown[24];
	join_keys(keys, count, known, sizeof(known));
	return msp_threeds_rule_refuse(policy, path, err, "unknown key \"%s\" (known keys: %s)",
	    key != NULL ? printable(key, shown, sizeof(shown)) : "", known);
}

msp_status msp_threeds_rule_check_key(const msp_threeds_policy *policy, const char *key, msp_error *err)
{
	if (msp_threeds_rule_key_known(key)) {
		return MSP_OK;
	}
	return refuse_unknown_key(policy, NULL, key, rule_keys, COUNT_OF(rule_keys), err);
}

msp_status msp_threeds_amount_check_key(
    const msp_threeds_policy *policy, size_t range_index, const char *key, msp_error *err)
{
	if (msp_threeds_amount_key_known(key)) {
		return MSP_OK;
	}
	char path[32];
	snprintf(path, sizeof(path), "amounts[%zu]", range_index);
	return refuse_unknown_key(policy, path, key, amount_keys, COUNT_OF(amount_keys), err);
}

/* Names go into logs and exception messages: well-formed UTF-8 without control characters. */
static bool utf8_text_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (c < 0x20 || c == 0x7f) {
			return false;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t extra;
		uint32_t cp;
		if (c >= 0xc2 && c <= 0xdf) {
			extra = 1, cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			extra = 2, cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			extra = 3, cp = c & 0x07;
		} else {
			return false;
		}
		if (len - i <= extra) {
			return false;
		}
		for (size_t k = 1; k <= extra; k++) {
			if ((s[i + k] & 0xc0) != 0x80) {
				return false;
			}
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		bool overlong = (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000);
		if (overlong || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff || (cp >= 0x80 && cp < 0xa0)) {
			return false;
		}
		i += extra + 1;
	}
	return true;
}

static int rule_named(const msp_threeds_policy *policy, const char *name, size_t len, size_t before)
{
	for (size_t i = 0; i < before; i++) {
		if (strlen(policy->rules[i].name) == len && memcmp(policy->rules[i].name, name, len) == 0) {
			return (int)i;
		}
	}
	return -1;
}

msp_status msp_threeds_rule_set_name(msp_threeds_policy *policy, const char *name, size_t len, msp_error *err)
{
	msp_status status;
	rule *r = open_rule(policy, err, &status);
	if (r == NULL) {
		return status;
	}
	if (r->name[0] != '\0') {
		return msp_threeds_rule_refuse(policy, "name", err, "given twice");
	}
	if (name == NULL || len == 0) {
		return msp_threeds_rule_refuse(policy, "name", err, "empty (leave the key out for an unnamed rule)");
	}
	if (len > MSP_THREEDS_RULE_NAME_MAX) {
		return msp_threeds_rule_refuse(
		    policy, "name", err, "%zu bytes, at most %d", len, MSP_THREEDS_RULE_NAME_MAX);
	}
	if (!utf8_text_valid((const unsigned char *)name, len)) {
		return msp_threeds_rule_refuse(
		    policy, "name", err, "must be UTF-8 text without control characters or NUL bytes");
	}
	int other = rule_named(policy, name, len, policy->count - 1);
	if (other >= 0) {
		return msp_threeds_rule_refuse(
		    policy, "name", err, "\"%.*s\" is already the name of rule #%d", (int)len, name, other);
	}
	memcpy(r->name, name, len);
	r->name[len] = '\0';
	return MSP_OK;
}

msp_status msp_threeds_rule_set_action(msp_threeds_policy *policy, const char *value, msp_error *err)
{
	msp_status status;
	rule *r = open_rule(policy, err, &status);
	if (r == NULL) {
		return status;
	}
	if (r->action != MSP_THREEDS_ACTION_NONE) {
		return msp_threeds_rule_refuse(policy, "action", err, "given twice");
	}
	for (size_t i = 0; value != NULL && i < COUNT_OF(actions); i++) {
		if (strcmp(value, actions[i].name) == 0) {
			r->action = actions[i].action;
			return MSP_OK;
		}
	}
	char shown[24];
	return msp_threeds_rule_refuse(policy, "action", err,
	    "\"%s\" is not an action (use \"skip\" or \"require\")",
	    value != NULL ? printable(value, shown, sizeof(shown)) : "");
}

static msp_status check_bound(
    msp_threeds_policy *policy, const char *path, const char *which, int64_t value, msp_error *err)
{
	char key[48], given[MSP_NUMBER_TEXT_MAX];
	snprintf(key, sizeof(key), "%s.%s", path, which);
	if (value < 0) {
		return msp_threeds_rule_refuse(
		    policy, key, err, "%s is negative", msp_number_text(value, MSP_NUMBER_DIGITS_SHOWN, given));
	}
	if (value > INT32_MAX) {
		return msp_threeds_rule_refuse(policy, key, err,
		    "%s is above the largest payment amount (2147483647 minor units)",
		    msp_number_text(value, MSP_NUMBER_DIGITS_SHOWN, given));
	}
	return MSP_OK;
}

static msp_status check_range_currency(
    msp_threeds_policy *policy, const char *path, const char *currency, msp_error *err)
{
	char key[48], shown[24];
	snprintf(key, sizeof(key), "%s.currency", path);
	if (currency == NULL || currency[0] == '\0') {
		return msp_threeds_rule_refuse(policy, key, err, "missing (an ISO 4217 code such as \"EUR\")");
	}
	if (msp_currency_find(currency) == NULL) {
		return msp_threeds_rule_refuse(policy, key, err, "\"%s\" is not an active ISO 4217 currency code%s",
		    printable(currency, shown, sizeof(shown)),
		    (is_lower(currency[0]) || is_lower(currency[1])) ? " (codes are upper case)" : "");
	}
	return MSP_OK;
}

msp_status msp_threeds_rule_add_amount_range(msp_threeds_policy *policy, const char *currency, bool has_min,
    int64_t min, bool has_max, int64_t max, msp_error *err)
{
	msp_status status;
	rule *r = open_rule(policy, err, &status);
	if (r == NULL) {
		return status;
	}
	char path[32];
	snprintf(path, sizeof(path), "amounts[%zu]", r->range_count);
	if (r->range_count >= MSP_THREEDS_MAX_AMOUNT_RANGES) {
		return msp_threeds_rule_refuse(
		    policy, "amounts", err, "more than %d amount ranges", MSP_THREEDS_MAX_AMOUNT_RANGES);
	}
	if ((status = check_range_currency(policy, path, currency, err)) != MSP_OK ||
	    (has_min && (status = check_bound(policy, path, "min", min, err)) != MSP_OK) ||
	    (has_max && (status = check_bound(policy, path, "max", max, err)) != MSP_OK)) {
		return status;
	}
	if (has_min && has_max && min >= max) {
		return msp_threeds_rule_refuse(policy, path, err,
		    min > max ? "min (%" PRId64 ") is greater than max (%" PRId64 ")"
		              : "min (%" PRId64 ") equals max (%" PRId64 "): the range [min, max) is empty",
		    min, max);
	}
	amount_range *ranges = realloc(r->ranges, (r->range_count + 1) * sizeof(amount_range));
	if (ranges == NULL) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory");
	}
	r->ranges = ranges;
	amount_range *range = &r->ranges[r->range_count++];
	memcpy(range->currency, currency, 4);
	range->has_min = has_min;
	range->min = has_min ? min : 0;
	range->has_max = has_max;
	range->max = has_max ? max : 0;
	return MSP_OK;
}

static int country_set_index(const char *key)
{
	for (int i = 0; key != NULL && i < SET_COUNT; i++) {
		if (strcmp(key, country_sets[i].key) == 0) {
			return i;
		}
	}
	return -1;
}

static set_mode set_mode_named(const char *name)
{
	for (size_t i = 0; name != NULL && i < COUNT_OF(set_modes); i++) {
		if (strcmp(name, set_modes[i].name) == 0) {
			return set_modes[i].mode;
		}
	}
	return MODE_ANY;
}

static msp_status refuse_country(
    msp_threeds_policy *policy, const char *path, const char *code, msp_error *err)
{
	char shown[24];
	if (code == NULL) {
		return msp_threeds_rule_refuse(policy, path, err, "a country code is missing (NULL)");
	}
	const char *quoted = printable(code, shown, sizeof(shown));
	bool lower_case = (is_lower(code[0]) || is_upper(code[0])) && (is_lower(code[1]) || is_upper(code[1])) &&
	                  code[2] == '\0';
	if (lower_case) {
		char upper[3] = {(char)(code[0] & ~0x20), (char)(code[1] & ~0x20), '\0'};
		if (msp_country_code_known(upper)) {
			return msp_threeds_rule_refuse(policy, path, err,
			    "\"%s\" is not an ISO 3166-1 alpha-2 country code (codes are upper case: \"%s\")", quoted,
			    upper);
		}
	}
	return msp_threeds_rule_refuse(
	    policy, path, err, "\"%s\" is not an ISO 3166-1 alpha-2 country code", quoted);
}

/* Validates into a scratch set so that a refused list leaves the rule unchanged. */
static msp_status fill_country_set(msp_threeds_policy *policy, const char *path, const char *const *codes,
    size_t count, country_set *set, msp_error *err)
{
	if (count > MSP_THREEDS_MAX_COUNTRIES) {
		return msp_threeds_rule_refuse(
		    policy, path, err, "%zu country codes, at most %d", count, MSP_THREEDS_MAX_COUNTRIES);
	}
	if (count > 0 && codes == NULL) {
		return msp_threeds_rule_refuse(policy, path, err, "country codes missing");
	}
	for (size_t i = 0; i < count; i++) {
		if (!msp_country_code_known(codes[i])) {
			return refuse_country(policy, path, codes[i], err);
		}
		if (set_has(set, codes[i])) {
			return msp_threeds_rule_refuse(policy, path, err, "\"%s\" is listed twice", codes[i]);
		}
		set_add(set, codes[i]);
	}
	return MSP_OK;
}

msp_status msp_threeds_rule_set_countries(msp_threeds_policy *policy, const char *key, const char *mode,
    const char *const *codes, size_t count, msp_error *err)
{
	msp_status status;
	rule *r = open_rule(policy, err, &status);
	if (r == NULL) {
		return status;
	}
	char shown[24];
	int which = country_set_index(key);
	if (which < 0) {
		return msp_threeds_rule_refuse(policy, NULL, err,
		    "\"%s\" is not a country set (card_countries, ip_countries, customer_countries)",
		    key != NULL ? printable(key, shown, sizeof(shown)) : "");
	}
	set_mode wanted = set_mode_named(mode);
	if (wanted == MODE_ANY) {
		return msp_threeds_rule_refuse(policy, key, err, "unknown key \"%s\" (known keys: include, exclude)",
		    mode != NULL ? printable(mode, shown, sizeof(shown)) : "");
	}
	if (r->countries[which].given) {
		return msp_threeds_rule_refuse(policy, key, err, "give either include or exclude, once");
	}
	char path[48];
	snprintf(path, sizeof(path), "%s.%s", key, mode);
	if (wanted == MODE_INCLUDE && count == 0) {
		return msp_threeds_rule_refuse(
		    policy, path, err, "empty list (leave the key out to match every country)");
	}
	country_set set = {.given = true};
	if ((status = fill_country_set(policy, path, codes, count, &set, err)) != MSP_OK) {
		return status;
	}
	set.mode = count == 0 ? MODE_ANY : wanted;
	r->countries[which] = set;
	return MSP_OK;
}

msp_status msp_threeds_rule_end(msp_threeds_policy *policy, msp_error *err)
{
	msp_status status;
	rule *r = open_rule(policy, err, &status);
	if (r == NULL) {
		return status;
	}
	if (r->action == MSP_THREEDS_ACTION_NONE) {
		return msp_threeds_rule_refuse(policy, "action", err, "missing (\"skip\" or \"require\")");
	}
	policy->rule_open = false;
	return MSP_OK;
}

msp_status msp_threeds_policy_finish(msp_threeds_policy *policy, msp_error *err)
{
	if (policy == NULL) {
		return refuse_call(err, "no policy");
	}
	if (policy->rule_open) {
		return msp_threeds_rule_refuse(policy, NULL, err, "not ended (call msp_threeds_rule_end)");
	}
	policy->finished = true;
	return MSP_OK;
}

/* ---------------------------------------------------------------------------------------------- */
/* Payment checks                                                                                 */
/* ---------------------------------------------------------------------------------------------- */

static const char *payment_country(const msp_threeds_payment *payment, int which)
{
	const char *const *field = (const char *const *)((const char *)payment + country_sets[which].offset);
	return *field;
}

static bool country_unknown(const char *country)
{
	return country == NULL || country[0] == '\0';
}

static msp_status refuse_payment(msp_error *err, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static msp_status refuse_payment(msp_error *err, const char *field, const char *fmt, ...)
{
	char message[MSP_ERROR_MESSAGE_MAX];
	va_list args;
	va_start(args, fmt);
	msp_text_fit(message, sizeof(message), vsnprintf(message, sizeof(message), fmt, args));
	va_end(args);
	msp_status status = msp_error_set(err, MSP_ERR_INVALID, 0, "%s", message);
	msp_error_set_field(err, field);
	return status;
}

static msp_status check_eur_amount(const msp_threeds_payment *payment, msp_error *err)
{
	if (!payment->has_eur_amount) {
		return MSP_OK;
	}
	if (payment->eur_amount < 1 || payment->eur_amount > INT32_MAX) {
		char given[MSP_NUMBER_TEXT_MAX];
		return refuse_payment(err, "eur_amount", "eur_amount must be 1..2147483647 EUR cents, got %s",
		    msp_number_text(payment->eur_amount, MSP_NUMBER_DIGITS_SHOWN, given));
	}
	if (strcmp(payment->currency, "EUR") == 0 && payment->eur_amount != payment->amount) {
		return refuse_payment(err, "eur_amount",
		    "eur_amount (%" PRId64 ") differs from the amount (%" PRId64 ") of an EUR payment",
		    payment->eur_amount, payment->amount);
	}
	return MSP_OK;
}

static msp_status check_countries(const msp_threeds_payment *payment, msp_error *err)
{
	for (int which = 0; which < SET_COUNT; which++) {
		const char *country = payment_country(payment, which);
		if (!country_unknown(country) && !msp_country_code_known(country)) {
			char shown[24];
			return refuse_payment(err, country_sets[which].field,
			    "%s \"%s\" is not an ISO 3166-1 alpha-2 country code (upper case, or \"\" when unknown)",
			    country_sets[which].field, printable(country, shown, sizeof(shown)));
		}
	}
	return MSP_OK;
}

static msp_status check_brand_value(msp_card_brand brand, msp_error *err)
{
	if ((int)brand <= (int)MSP_BRAND_UNKNOWN || (int)brand >= MSP_BRAND_COUNT) {
		return refuse_payment(
		    err, "brand", "the card brand is unknown (detect it from the card number first)");
	}
	return MSP_OK;
}

static msp_status check_flexible(msp_threeds_flexible flexible, msp_error *err)
{
	if ((int)flexible < (int)MSP_THREEDS_FLEXIBLE_UNSET || (int)flexible > (int)MSP_THREEDS_FLEXIBLE_SKIP) {
		return refuse_payment(
		    err, "flexible", "flexible is not an msp_threeds_flexible value (%d)", (int)flexible);
	}
	return MSP_OK;
}

static msp_status check_payment(const msp_threeds_payment *payment, msp_error *err)
{
	msp_status status;
	if (payment == NULL) {
		return refuse_payment(err, "", "no payment given");
	}
	if ((status = msp_amount_check(payment->currency, payment->amount, err)) != MSP_OK ||
	    (status = check_eur_amount(payment, err)) != MSP_OK ||
	    (status = check_countries(payment, err)) != MSP_OK ||
	    (status = check_brand_value(payment->brand, err)) != MSP_OK ||
	    (status = check_flexible(payment->flexible, err)) != MSP_OK) {
		return status;
	}
	return MSP_OK;
}

/* ---------------------------------------------------------------------------------------------- */
/* Brand constraints                                                                              */
/* ---------------------------------------------------------------------------------------------- */

typedef enum { BRAND_UNSUPPORTED = 0, BRAND_FREE, BRAND_3DS_ONLY, BRAND_AMEX_SAFEKEY } brand_constraint;

/* The brand's name is repeated here only for explanations: card.h's msp_card_brand_name() is the
 * reference once card.c is in; the constraint column is this module's business rule. */
static const struct {
	brand_constraint constraint;
	const char *label;
} brands[MSP_BRAND_COUNT] = {
    [MSP_BRAND_UNKNOWN] = {BRAND_UNSUPPORTED, "unknown brand"},
    [MSP_BRAND_VISA] = {BRAND_FREE, "Visa"},
    [MSP_BRAND_MASTERCARD] = {BRAND_FREE, "Mastercard"},
    [MSP_BRAND_MAESTRO] = {BRAND_3DS_ONLY, "Maestro"},
    [MSP_BRAND_AMEX] = {BRAND_AMEX_SAFEKEY, "American Express"},
    [MSP_BRAND_BANCONTACT] = {BRAND_3DS_ONLY, "Bancontact"},
    [MSP_BRAND_DINERS] = {BRAND_UNSUPPORTED, "Diners Club"},
    [MSP_BRAND_DISCOVER] = {BRAND_UNSUPPORTED, "Discover"},
    [MSP_BRAND_JCB] = {BRAND_UNSUPPORTED, "JCB"},
    [MSP_BRAND_UNIONPAY] = {BRAND_UNSUPPORTED, "UnionPay"},
};

/* What the brand constraints say about a validated payment; why gets the sentence for the log. */
typedef enum { VERDICT_SKIP_ALLOWED, VERDICT_3DS_REQUIRED, VERDICT_UNSUPPORTED } brand_verdict;

static void format_amount(int64_t amount, const char *currency, char *out, size_t size)
{
	msp_amount_format(amount, msp_currency_find(currency), out, size);
}

static bool is_eur(const char *currency)
{
	return strcmp(currency, "EUR") == 0;
}

static bool amex_under_threshold(const msp_threeds_payment *payment)
{
	if (is_eur(payment->currency)) {
		return payment->amount < MSP_THREEDS_AMEX_EXEMPT_BELOW_EUR;
	}
	return payment->has_eur_amount && payment->eur_amount < MSP_THREEDS_AMEX_EXEMPT_BELOW_EUR;
}

static void explain_amex(const msp_threeds_payment *payment, char *why, size_t size)
{
	char amount[32], eur[32];
	format_amount(payment->amount, payment->currency, amount, sizeof(amount));
	if (is_eur(payment->currency)) {
		snprintf(
		    why, size, "American Express Safekey is mandatory from 30.00 EUR (this payment: %s EUR)", amount);
	} else if (payment->has_eur_amount) {
		format_amount(payment->eur_amount, "EUR", eur, sizeof(eur));
		snprintf(why, size,
		    "American Express Safekey is mandatory from 30.00 EUR (this payment: %s %s = %s EUR)", amount,
		    payment->currency, eur);
	} else {
		snprintf(why, size,
		    "American Express Safekey is mandatory from 30.00 EUR, and no EUR equivalent of %s %s was given",
		    amount, payment->currency);
	}
}

static brand_verdict judge_brand(
    const msp_threeds_payment *payment, bool *amex_exempt, char *why, size_t size)
{
	const char *label = brands[payment->brand].label;
	*amex_exempt = false;
	switch (brands[payment->brand].constraint) {
		case BRAND_FREE:
			return VERDICT_SKIP_ALLOWED;
		case BRAND_3DS_ONLY:
			snprintf(why, size, "%s cards are 3-D Secure only", label);
			return VERDICT_3DS_REQUIRED;
		case BRAND_AMEX_SAFEKEY:
			if (amex_under_threshold(payment)) {
				*amex_exempt = true;
				return VERDICT_SKIP_ALLOWED;
			}
			explain_amex(payment, why, size);
			return VERDICT_3DS_REQUIRED;
		case BRAND_UNSUPPORTED:
		default:
			snprintf(why, size, "%s cards are not accepted for direct card payments", label);
			return VERDICT_UNSUPPORTED;
	}
}

bool msp_threeds_brand_allows_skip(
    msp_card_brand brand, int64_t amount, const char *currency, bool has_eur_amount, int64_t eur_amount)
{
	msp_threeds_payment payment = {.brand = brand,
	    .amount = amount,
	    .currency = currency,
	    .has_eur_amount = has_eur_amount,
	    .eur_amount = eur_amount};
	if (check_payment(&payment, NULL) != MSP_OK) {
		return false;
	}
	bool amex_exempt;
	char why[MSP_THREEDS_EXPLANATION_MAX];
	return judge_brand(&payment, &amex_exempt, why, sizeof(why)) == VERDICT_SKIP_ALLOWED;
}

msp_status msp_threeds_check_skip_allowed(const msp_threeds_payment *payment, msp_error *err)
{
	msp_status status = check_payment(payment, err);
	if (status != MSP_OK) {
		return status;
	}
	bool amex_exempt;
	char why[MSP_THREEDS_EXPLANATION_MAX];
	brand_verdict verdict = judge_brand(payment, &amex_exempt, why, sizeof(why));
	if (verdict == VERDICT_SKIP_ALLOWED) {
		return MSP_OK;
	}
	if (verdict == VERDICT_UNSUPPORTED) {
		status = msp_error_set(err, MSP_ERR_CARD, MSP_CARD_UNSUPPORTED_BRAND, "%s", why);
	} else {
		status = msp_error_set(err, MSP_ERR_INVALID, 0, "3-D Secure cannot be skipped: %s", why);
	}
	msp_error_set_field(err, "gateway_info.flexible_3d");
	return status;
}

/* ---------------------------------------------------------------------------------------------- */
/* Rule matching                                                                                  */
/* ---------------------------------------------------------------------------------------------- */

typedef enum { COND_MATCH, COND_NO_MATCH, COND_UNKNOWN } condition;

static bool range_contains(const amount_range *range, const msp_threeds_payment *payment)
{
	return strcmp(range->currency, payment->currency) == 0 &&
	       (!range->has_min || payment->amount >= range->min) &&
	       (!range->has_max || payment->amount < range->max);
}

static condition amount_condition(const rule *r, const msp_threeds_payment *payment)
{
	if (r->range_count == 0) {
		return COND_MATCH;
	}
	for (size_t i = 0; i < r->range_count; i++) {
		if (range_contains(&r->ranges[i], payment)) {
			return COND_MATCH;
		}
	}
	return COND_NO_MATCH;
}

static condition country_condition(const country_set *set, const char *country)
{
	if (set->mode == MODE_ANY) {
		return COND_MATCH;
	}
	if (country_unknown(country)) {
		return COND_UNKNOWN;
	}
	bool listed = set_has(set, country);
	return (set->mode == MODE_INCLUDE) == listed ? COND_MATCH : COND_NO_MATCH;
}

/* A rule matches when every condition holds. A condition on unknown data counts for a require rule
 * and against a skip rule, so that missing data can only ever lead to 3DS. *unknown_set names the
 * first unknown country a matching require rule relied on, or is -1. */
static bool rule_matches(const rule *r, const msp_threeds_payment *payment, int *unknown_set)
{
	*unknown_set = -1;
	if (amount_condition(r, payment) == COND_NO_MATCH) {
		return false;
	}
	for (int which = 0; which < SET_COUNT; which++) {
		condition c = country_condition(&r->countries[which], payment_country(payment, which));
		if (c == COND_NO_MATCH) {
			return false;
		}
		if (c == COND_UNKNOWN && *unknown_set < 0) {
			*unknown_set = which;
		}
	}
	return *unknown_set < 0 || r->action == MSP_THREEDS_ACTION_REQUIRE;
}

/* ---------------------------------------------------------------------------------------------- */
/* Deciding                                                                                       */
/* ---------------------------------------------------------------------------------------------- */

static void decide(
    msp_threeds_decision *decision, bool required, msp_threeds_reason reason, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void decide(
    msp_threeds_decision *decision, bool required, msp_threeds_reason reason, const char *fmt, ...)
{
	decision->required = required;
	decision->reason = reason;
	int prefix = snprintf(decision->explanation, sizeof(decision->explanation),
	    "3-D Secure %s: ", required ? "required" : "skipped");
	va_list args;
	va_start(args, fmt);
	size_t room = sizeof(decision->explanation) - (size_t)prefix;
	msp_text_fit(
	    decision->explanation + prefix, room, vsnprintf(decision->explanation + prefix, room, fmt, args));
	va_end(args);
}

static const char *amex_note(const msp_threeds_decision *decision)
{
	return decision->amex_exempt ? " (American Express under 30 EUR: Safekey not mandatory)" : "";
}

static void decide_by_rule(
    msp_threeds_decision *decision, const msp_threeds_policy *policy, size_t index, int unknown_set)
{
	const rule *r = &policy->rules[index];
	char who[MSP_THREEDS_RULE_NAME_MAX + 32];
	if (r->name[0] != '\0') {
		snprintf(who, sizeof(who), "rule #%zu (\"%s\")", index, r->name);
	} else {
		snprintf(who, sizeof(who), "rule #%zu", index);
	}
	decision->rule_index = (int)index;
	snprintf(decision->rule_name, sizeof(decision->rule_name), "%s", r->name);
	decision->data_unknown = unknown_set >= 0;
	bool required = r->action == MSP_THREEDS_ACTION_REQUIRE;
	if (unknown_set >= 0) {
		decide(decision, required, MSP_THREEDS_REASON_RULE_MATCHED, "%s %s it (%s unknown)%s", who,
		    required ? "requires" : "skips", country_sets[unknown_set].label, amex_note(decision));
	} else {
		decide(decision, required, MSP_THREEDS_REASON_RULE_MATCHED, "%s %s it%s", who,
		    required ? "requires" : "skips", amex_note(decision));
	}
}

static void decide_by_rules(
    msp_threeds_decision *decision, const msp_threeds_policy *policy, const msp_threeds_payment *payment)
{
	size_t count = msp_threeds_policy_rule_count(policy);
	for (size_t i = 0; i < count; i++) {
		int unknown_set;
		if (rule_matches(&policy->rules[i], payment, &unknown_set)) {
			decide_by_rule(decision, policy, i, unknown_set);
			return;
		}
	}
	decide(decision, true, MSP_THREEDS_REASON_NO_RULE_MATCHED, "%s (3-D Secure is the default)%s",
	    count == 0 ? "no Dynamic 3D rules" : "no Dynamic 3D rule matched", amex_note(decision));
}

static void decision_reset(msp_threeds_decision *decision)
{
	memset(decision, 0, sizeof(*decision));
	decision->required = true; /* whatever goes wrong, the safe answer is 3DS */
	decision->rule_index = -1;
}

/* A refused payment still leaves a loggable decision: 3DS required, and why there is no verdict. */
static msp_status no_decision(msp_threeds_decision *decision, msp_status status, const msp_error *err)
{
	int written = snprintf(decision->explanation, sizeof(decision->explanation), "no decision: %s",
	    err != NULL ? err->message : "invalid payment or policy");
	msp_text_fit(decision->explanation, sizeof(decision->explanation), written);
	return status;
}

msp_status msp_threeds_decide(const msp_threeds_policy *policy, const msp_threeds_payment *payment,
    msp_threeds_decision *decision, msp_error *err)
{
	if (decision == NULL) {
		return refuse_call(err, "no decision to fill");
	}
	decision_reset(decision);
	msp_status status = check_payment(payment, err);
	if (status != MSP_OK) {
		return no_decision(decision, status, err);
	}
	if (policy != NULL && !policy->finished) {
		status = refuse_call(err, "the policy is not finished (call msp_threeds_policy_finish)");
		return no_decision(decision, status, err);
	}

	char why[MSP_THREEDS_EXPLANATION_MAX];
	switch (judge_brand(payment, &decision->amex_exempt, why, sizeof(why))) {
		case VERDICT_UNSUPPORTED:
			decision->reason = MSP_THREEDS_REASON_UNSUPPORTED_BRAND;
			status = msp_error_set(err, MSP_ERR_CARD, MSP_CARD_UNSUPPORTED_BRAND, "%s", why);
			return no_decision(decision, status, err);
		case VERDICT_3DS_REQUIRED:
			decide(decision, true,
			    payment->brand == MSP_BRAND_AMEX ? MSP_THREEDS_REASON_AMEX_SAFEKEY_REQUIRED
			                                     : MSP_THREEDS_REASON_BRAND_REQUIRES_3DS,
			    "%s", why);
			return MSP_OK;
		case VERDICT_SKIP_ALLOWED:
			break;
	}
	if (payment->flexible != MSP_THREEDS_FLEXIBLE_UNSET) {
		bool required = payment->flexible != MSP_THREEDS_FLEXIBLE_SKIP;
		decide(decision, required, MSP_THREEDS_REASON_FLEXIBLE_3D, "the payment sets flexible_3d = %s%s",
		    required ? "true" : "false", amex_note(decision));
		return MSP_OK;
	}
	decide_by_rules(decision, policy, payment);
	return MSP_OK;
}

const char *msp_threeds_reason_name(msp_threeds_reason reason)
{
	static const char *const names[] = {
	    [MSP_THREEDS_REASON_NONE] = "none",
	    [MSP_THREEDS_REASON_BRAND_REQUIRES_3DS] = "brand_requires_3ds",
	    [MSP_THREEDS_REASON_AMEX_SAFEKEY_REQUIRED] = "amex_safekey_required",
	    [MSP_THREEDS_REASON_FLEXIBLE_3D] = "flexible_3d",
	    [MSP_THREEDS_REASON_RULE_MATCHED] = "rule_matched",
	    [MSP_THREEDS_REASON_NO_RULE_MATCHED] = "no_rule_matched",
	    [MSP_THREEDS_REASON_UNSUPPORTED_BRAND] = "unsupported_brand",
	};
	if ((int)reason < 0 || (size_t)reason >= COUNT_OF(names)) {
		return "none";
	}
	return names[reason];
}
