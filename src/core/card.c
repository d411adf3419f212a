/* Card numbers: see card.h for the rules and the order in which they are checked.
 *
 * Handling of secrets: the PAN and the CVC go from the caller's bytes straight into their secure
 * buffers, one digit at a time, and every check afterwards reads them there. The only other copies
 * are the partial ones card.h allows (BIN, last four, masked form), which are wiped on free. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* gmtime_r */
#endif
#include "card.h"
#include "ascii.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAN_MIN_DIGITS   12
#define PAN_MAX_DIGITS   19
#define BIN_DIGITS       6
#define LAST_DIGITS      4
#define MASK_MIN_HIDDEN  6
#define HOLDER_MAX_BYTES 150
#define IIN_MAX_DIGITS   6

struct msp_card {
	msp_secbuf *pan;
	msp_secbuf *cvc; /* NULL when the card has none */
	msp_card_brand brand;
	int exp_month;
	int exp_year;
	char *holder; /* NULL when none was given */
	/* Partial PAN data that card.h allows to be shown; wiped on free all the same. */
	char bin[BIN_DIGITS + 1];
	char last4[LAST_DIGITS + 1];
	char masked[PAN_MAX_DIGITS + 1];
};

/* ---- Brand rules, as data ------------------------------------------------------------------- */

#define LENGTH(n)            (UINT32_C(1) << (n))
#define LENGTH_RANGE(lo, hi) ((UINT32_C(1) << ((hi) + 1)) - (UINT32_C(1) << (lo)))

typedef struct {
	const char *name;
	const char *gateway; /* MultiSafepay gateway code; NULL: not accepted for direct payments */
	uint32_t lengths;    /* bit n set: an n-digit number is valid for the brand */
	size_t cvc_length;
	bool cvc_optional;
} brand_rules;

static const brand_rules brand_table[] = {
    [MSP_BRAND_UNKNOWN] = {"Unknown", NULL, 0, 3, false},
    [MSP_BRAND_VISA] = {"Visa", "VISA", LENGTH(13) | LENGTH(16) | LENGTH(19), 3, false},
    [MSP_BRAND_MASTERCARD] = {"Mastercard", "MASTERCARD", LENGTH(16), 3, false},
    /* Maestro cards may be issued without a CVC (api.md: "not needed for Maestro"). */
    [MSP_BRAND_MAESTRO] = {"Maestro", "MAESTRO", LENGTH_RANGE(12, 19), 3, true},
    [MSP_BRAND_AMEX] = {"American Express", "AMEX", LENGTH(15), 4, false},
    /* MultiSafepay's gateway code for Bancontact is MISTERCASH (its old name, Bancontact/Mister
     * Cash); there is no BANCONTACT gateway. Bancontact cards have no CVC printed on them; co-badged
     * ones may, so one is checked when given. */
    [MSP_BRAND_BANCONTACT] = {"Bancontact", "MISTERCASH", LENGTH_RANGE(16, 19), 3, true},
    [MSP_BRAND_DINERS] = {"Diners Club", NULL, LENGTH_RANGE(14, 19), 3, false},
    [MSP_BRAND_DISCOVER] = {"Discover", NULL, LENGTH_RANGE(16, 19), 3, false},
    [MSP_BRAND_JCB] = {"JCB", NULL, LENGTH_RANGE(16, 19), 3, false},
    [MSP_BRAND_UNIONPAY] = {"UnionPay", NULL, LENGTH_RANGE(16, 19), 3, false},
};

_Static_assert(sizeof(brand_table) / sizeof(brand_table[0]) == MSP_BRAND_COUNT,
    "brand_table needs one row per msp_card_brand");

/* IIN ranges: the first prefix_len digits of the number, read as an integer, lie in [low, high].
 * When several rows match, the one with the longest prefix wins; two rows of the same length never
 * overlap. Decisions where ranges meet:
 * - Maestro owns every 6-series number no other row claims (Mastercard publishes Maestro as 50 and
 *   56-69): 639, 6304, 6759, 676x, 6799990000000000011 (the Maestro test card) are Maestro, while
 *   6011/644-649/65 (Discover), 62 (UnionPay), 6703 and 606005 (Bancontact) are carved out.
 * - Bancontact: 6703 and 606005 belong to the Bancontact scheme (606005 is co-badged with Maestro,
 *   so the longer prefix makes it Bancontact). 479658 is a Visa BIN co-badged with Bancontact: it is
 *   classed by the network that owns the BIN (Visa, which takes its CVC and the VISA gateway), so it
 *   has no row of its own.
 * - 622126-622925 is the UnionPay range Discover accepts under their reciprocal agreement. The cards
 *   are issued by UnionPay members and carry the UnionPay brand, so they are UnionPay; the row is
 *   redundant with 62 and kept to record the decision. Both brands are refused anyway.
 * - Diners also owns 3095 (Diners Club International), next to 300-305, 36 and 38-39.
 * Anything unlisted (Mir 2200-2204, 1, 7, 9...) is an unknown brand. */
typedef struct {
	uint32_t low;
	uint32_t high;
	uint8_t prefix_len;
	msp_card_brand brand;
} iin_range;

static const iin_range iin_table[] = {
    {4, 4, 1, MSP_BRAND_VISA},
    {51, 55, 2, MSP_BRAND_MASTERCARD},
    {2221, 2720, 4, MSP_BRAND_MASTERCARD},
    {34, 34, 2, MSP_BRAND_AMEX},
    {37, 37, 2, MSP_BRAND_AMEX},
    {50, 50, 2, MSP_BRAND_MAESTRO},
    {56, 58, 2, MSP_BRAND_MAESTRO},
    {6, 6, 1, MSP_BRAND_MAESTRO},
    {6703, 6703, 4, MSP_BRAND_BANCONTACT},
    {606005, 606005, 6, MSP_BRAND_BANCONTACT},
    {300, 305, 3, MSP_BRAND_DINERS},
    {3095, 3095, 4, MSP_BRAND_DINERS},
    {36, 36, 2, MSP_BRAND_DINERS},
    {38, 39, 2, MSP_BRAND_DINERS},
    {6011, 6011, 4, MSP_BRAND_DISCOVER},
    {644, 649, 3, MSP_BRAND_DISCOVER},
    {65, 65, 2, MSP_BRAND_DISCOVER},
    {3528, 3589, 4, MSP_BRAND_JCB},
    {62, 62, 2, MSP_BRAND_UNIONPAY},
    {622126, 622925, 6, MSP_BRAND_UNIONPAY},
    {81, 81, 2, MSP_BRAND_UNIONPAY},
};

static const brand_rules *rules_of(msp_card_brand brand)
{
	if ((int)brand < 0 || (int)brand >= MSP_BRAND_COUNT) {
		brand = MSP_BRAND_UNKNOWN;
	}
	return &brand_table[brand];
}

/* ---- Building blocks ------------------------------------------------------------------------ */

/* Explicit ASCII tests: isdigit() depends on the locale. */
static bool is_ascii_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_group_separator(unsigned char c)
{
	return c == ' ' || c == '-';
}

static bool all_ascii_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (!is_ascii_digit((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

bool msp_luhn_valid(const char *digits, size_t len)
{
	if (digits == NULL || len == 0) {
		return false;
	}
	unsigned sum = 0;
	bool doubled = false;
	for (size_t remaining = len; remaining > 0; remaining--) {
		unsigned char c = (unsigned char)digits[remaining - 1];
		if (!is_ascii_digit(c)) {
			return false;
		}
		unsigned d = (unsigned)(c - '0');
		if (doubled) {
			d = d * 2 > 9 ? d * 2 - 9 : d * 2;
		}
		/* Kept reduced so that no input length can overflow it. */
		sum = (sum + d) % 10;
		doubled = !doubled;
	}
	return sum == 0;
}

msp_card_brand msp_card_brand_detect(const char *digits, size_t len)
{
	if (digits == NULL) {
		return MSP_BRAND_UNKNOWN;
	}
	/* prefix[k] is the number formed by the first k digits; these are BIN digits, which card.h
	 * lets us show, but they are wiped like any other scratch copy of the PAN. */
	uint32_t prefix[IIN_MAX_DIGITS + 1] = {0};
	size_t known = 0;
	while (known < IIN_MAX_DIGITS && known < len && is_ascii_digit((unsigned char)digits[known])) {
		prefix[known + 1] = prefix[known] * 10 + (uint32_t)(digits[known] - '0');
		known++;
	}
	msp_card_brand best = MSP_BRAND_UNKNOWN;
	size_t best_len = 0;
	for (size_t i = 0; i < sizeof(iin_table) / sizeof(iin_table[0]); i++) {
		const iin_range *range = &iin_table[i];
		if (range->prefix_len <= known && range->prefix_len > best_len &&
		    prefix[range->prefix_len] >= range->low && prefix[range->prefix_len] <= range->high) {
			best = range->brand;
			best_len = range->prefix_len;
		}
	}
	msp_secure_wipe(prefix, sizeof(prefix));
	return best;
}

bool msp_card_brand_length_valid(msp_card_brand brand, size_t len)
{
	return len < 32 && (rules_of(brand)->lengths & LENGTH(len)) != 0;
}

bool msp_card_brand_supported(msp_card_brand brand)
{
	return rules_of(brand)->gateway != NULL;
}

size_t msp_card_brand_cvc_length(msp_card_brand brand, bool *optional)
{
	const brand_rules *rules = rules_of(brand);
	if (optional != NULL) {
		*optional = rules->cvc_optional;
	}
	return rules->cvc_length;
}

const char *msp_card_brand_name(msp_card_brand brand)
{
	return rules_of(brand)->name;
}

const char *msp_card_brand_gateway(msp_card_brand brand)
{
	return rules_of(brand)->gateway;
}

msp_card_brand msp_card_brand_from_gateway(const char *gateway)
{
	for (int brand = MSP_BRAND_UNKNOWN + 1; gateway != NULL && brand < MSP_BRAND_COUNT; brand++) {
		const char *own = msp_card_brand_gateway((msp_card_brand)brand);
		if (own != NULL && strcmp(own, gateway) == 0) {
			return (msp_card_brand)brand;
		}
	}
	/* Payment details name Bancontact by its brand too. */
	return gateway != NULL && strcmp(gateway, "BANCONTACT") == 0 ? MSP_BRAND_BANCONTACT : MSP_BRAND_UNKNOWN;
}

const char *msp_card_reason_name(msp_card_reason reason)
{
	static const char *const names[] = {
	    [MSP_CARD_OK] = "OK",
	    [MSP_CARD_INVALID_CHARACTERS] = "INVALID_CHARACTERS",
	    [MSP_CARD_INVALID_LENGTH] = "INVALID_LENGTH",
	    [MSP_CARD_LUHN_FAILED] = "LUHN_FAILED",
	    [MSP_CARD_UNKNOWN_BRAND] = "UNKNOWN_BRAND",
	    [MSP_CARD_UNSUPPORTED_BRAND] = "UNSUPPORTED_BRAND",
	    [MSP_CARD_INVALID_CVC] = "INVALID_CVC",
	    [MSP_CARD_CVC_REQUIRED] = "CVC_REQUIRED",
	    [MSP_CARD_INVALID_EXPIRY] = "INVALID_EXPIRY",
	    [MSP_CARD_EXPIRED] = "EXPIRED",
	    [MSP_CARD_INVALID_HOLDER] = "INVALID_HOLDER",
	};
	if ((int)reason < 0 || (size_t)reason >= sizeof(names) / sizeof(names[0])) {
		return NULL;
	}
	return names[reason];
}

/* ---- Messages ------------------------------------------------------------------------------- */

static msp_status refuse(msp_error *err, msp_card_reason reason, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Every refusal goes through here so the status is always MSP_ERR_CARD. Callers pass only lengths,
 * positions and brand names: never a digit of the PAN or the CVC. */
static msp_status refuse(msp_error *err, msp_card_reason reason, const char *fmt, ...)
{
	if (err != NULL) {
		err->status = MSP_ERR_CARD;
		err->reason = (int)reason;
		va_list args;
		va_start(args, fmt);
		vsnprintf(err->message, sizeof(err->message), fmt, args);
		va_end(args);
	}
	return MSP_ERR_CARD;
}

/* Writes a brand's valid lengths the way a person would say them: "16", "12 to 19",
 * "13, 16 or 19". Runs of three or more lengths become "a to b". */
static void describe_lengths(uint32_t lengths, char *out, size_t size)
{
	char items[8][24]; /* "%u to %u" with two 10-digit values */
	size_t count = 0;
	for (unsigned n = 0; n < 32 && count < 8; n++) {
		if ((lengths & LENGTH(n)) == 0) {
			continue;
		}
		unsigned end = n;
		while (end + 1 < 32 && (lengths & LENGTH(end + 1)) != 0) {
			end++;
		}
		if (end - n >= 2) {
			snprintf(items[count++], sizeof(items[0]), "%u to %u", n, end);
			n = end;
		} else {
			snprintf(items[count++], sizeof(items[0]), "%u", n);
		}
	}
	out[0] = '\0';
	size_t used = 0;
	for (size_t i = 0; i < count && used < size; i++) {
		const char *joiner = i == 0 ? "" : (i + 1 == count ? " or " : ", ");
		int written = snprintf(out + used, size - used, "%s%s", joiner, items[i]);
		if (written < 0) {
			break;
		}
		used += (size_t)written;
	}
}

/* ---- The PAN -------------------------------------------------------------------------------- */

/* Index of the first byte that breaks "digits, with single spaces or dashes between digits", or
 * len when there is none. A separator must follow a digit and not end the input; whatever follows
 * it is checked on the next turn, so in "4111  1111" the second space is the one reported. */
static size_t first_misplaced_pan_byte(const char *pan, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)pan[i];
		if (is_ascii_digit(c)) {
			continue;
		}
		bool after_digit = i > 0 && is_ascii_digit((unsigned char)pan[i - 1]);
		if (!is_group_separator(c) || !after_digit || i + 1 == len) {
			return i;
		}
	}
	return len;
}

static size_t count_ascii_digits(const char *s, size_t len)
{
	size_t count = 0;
	for (size_t i = 0; i < len; i++) {
		count += is_ascii_digit((unsigned char)s[i]);
	}
	return count;
}

/* Copies the digits of s, skipping separators, into a new secure buffer sized for them. The
 * digits go one by one from the caller's bytes into the buffer: no intermediate copy exists. */
static msp_secbuf *secure_copy_of_digits(const char *s, size_t len, size_t digits)
{
	msp_secbuf *buf = msp_secbuf_new(digits);
	if (buf == NULL || !msp_secbuf_reserve(buf, digits)) {
		msp_secbuf_free(buf);
		return NULL;
	}
	/* Written in place, up to the digits reserved: one append per digit cost 80 instructions each. */
	unsigned char *w = buf->data + buf->len;
	const unsigned char *limit = w + digits;
	for (size_t i = 0; i < len && w < limit; i++) {
		if (is_ascii_digit((unsigned char)s[i])) {
			*w++ = (unsigned char)s[i];
		}
	}
	buf->len = (size_t)(w - buf->data);
	*w = '\0';
	return buf;
}

/* Checks the PAN's characters and overall length before anything is copied, so that an
 * oversized input never reaches a secure buffer. */
static msp_status check_pan_shape(const char *pan, size_t pan_len, size_t *digits, msp_error *err)
{
	size_t bad = first_misplaced_pan_byte(pan, pan_len);
	if (bad < pan_len) {
		return refuse(err, MSP_CARD_INVALID_CHARACTERS,
		    "card number may contain only digits, with single spaces or dashes between groups "
		    "(invalid character at position %zu)",
		    bad + 1);
	}
	*digits = count_ascii_digits(pan, pan_len);
	if (*digits < PAN_MIN_DIGITS || *digits > PAN_MAX_DIGITS) {
		return refuse(err, MSP_CARD_INVALID_LENGTH, "card number must have %d to %d digits, got %zu",
		    PAN_MIN_DIGITS, PAN_MAX_DIGITS, *digits);
	}
	return MSP_OK;
}

/* Luhn before brand: a number with a mistyped digit has no meaningful brand. Unsupported before
 * the brand's own lengths: for a brand MultiSafepay refuses, the useful message is to use another
 * card, not how to fix a number that would be refused anyway. */
static msp_status check_pan_digits(const msp_secbuf *pan, msp_card_brand *brand, msp_error *err)
{
	const char *digits = (const char *)pan->data;
	if (!msp_luhn_valid(digits, pan->len)) {
		return refuse(err, MSP_CARD_LUHN_FAILED, "card number fails the Luhn check (a digit is mistyped)");
	}
	*brand = msp_card_brand_detect(digits, pan->len);
	if (*brand == MSP_BRAND_UNKNOWN) {
		return refuse(err, MSP_CARD_UNKNOWN_BRAND, "card number does not belong to any known card brand");
	}
	if (!msp_card_brand_supported(*brand)) {
		return refuse(err, MSP_CARD_UNSUPPORTED_BRAND,
		    "%s cards are not supported by MultiSafepay direct payments", msp_card_brand_name(*brand));
	}
	if (!msp_card_brand_length_valid(*brand, pan->len)) {
		char lengths[64];
		describe_lengths(rules_of(*brand)->lengths, lengths, sizeof(lengths));
		return refuse(err, MSP_CARD_INVALID_LENGTH, "%s card numbers have %s digits, got %zu",
		    msp_card_brand_name(*brand), lengths, pan->len);
	}
	return MSP_OK;
}

static msp_status take_pan(
    const char *pan, size_t pan_len, msp_secbuf **out, msp_card_brand *brand, msp_error *err)
{
	size_t digits = 0;
	msp_status status = check_pan_shape(pan, pan_len, &digits, err);
	if (status != MSP_OK) {
		return status;
	}
	msp_secbuf *buf = secure_copy_of_digits(pan, pan_len, digits);
	if (buf == NULL) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory for the card number");
	}
	status = check_pan_digits(buf, brand, err);
	if (status != MSP_OK) {
		msp_secbuf_free(buf);
		return status;
	}
	*out = buf;
	return MSP_OK;
}

/* ---- CVC, expiry, holder -------------------------------------------------------------------- */

static msp_status take_cvc(
    msp_card_brand brand, const char *cvc, size_t cvc_len, msp_secbuf **out, msp_error *err)
{
	bool optional = false;
	size_t expected = msp_card_brand_cvc_length(brand, &optional);
	const char *name = msp_card_brand_name(brand);
	if (cvc == NULL || cvc_len == 0) {
		if (optional) {
			return MSP_OK;
		}
		return refuse(err, MSP_CARD_CVC_REQUIRED, "%s cards require a CVC", name);
	}
	if (!all_ascii_digits(cvc, cvc_len)) {
		return refuse(err, MSP_CARD_INVALID_CVC, "CVC may contain only digits");
	}
	if (cvc_len != expected) {
		return refuse(err, MSP_CARD_INVALID_CVC, "%s cards have a %zu-digit CVC, got %zu digits", name,
		    expected, cvc_len);
	}
	*out = secure_copy_of_digits(cvc, cvc_len, cvc_len);
	if (*out == NULL) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory for the CVC");
	}
	return MSP_OK;
}

/* A card's messages write out no other number of more than 6 digits: a refused month or year that
 * long is a typing slip or garbage, and a run of digits in a card message looks like card data. */
#define CARD_NUMBER_DIGITS_SHOWN 6

/* Two-digit years mean 20yy; four-digit ones must be in the same century. month and year are 64-bit
 * so that any PHP int is refused as what it is (a year beyond 32 bits once came out as "month 0"). */
static msp_status normalise_expiry(int64_t month, int64_t year, int *out_year, msp_error *err)
{
	char given[MSP_NUMBER_TEXT_MAX];
	if (month < 1 || month > 12) {
		return refuse(err, MSP_CARD_INVALID_EXPIRY, "expiry month must be 1 to 12, got %s",
		    msp_number_text(month, CARD_NUMBER_DIGITS_SHOWN, given));
	}
	if (year >= 0 && year <= 99) {
		*out_year = 2000 + (int)year;
	} else if (year >= 2000 && year <= 2099) {
		*out_year = (int)year;
	} else {
		return refuse(err, MSP_CARD_INVALID_EXPIRY,
		    "expiry year must have 2 digits or 4 digits from 2000 to 2099, got %s",
		    msp_number_text(year, CARD_NUMBER_DIGITS_SHOWN, given));
	}
	return MSP_OK;
}

/* Length of the UTF-8 sequence at s (at most len bytes) and its code point, or 0 when the bytes
 * are not well-formed UTF-8 (overlong forms, surrogates and values past U+10FFFF included). */
static size_t decode_utf8(const unsigned char *s, size_t len, uint32_t *cp)
{
	static const uint32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
	size_t n;
	uint32_t value;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		n = 2;
		value = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3;
		value = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4;
		value = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n > len) {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			return 0;
		}
		value = (value << 6) | (s[i] & 0x3F);
	}
	if (value < min_for_length[n] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
		return 0;
	}
	*cp = value;
	return n;
}

/* C0, DEL and C1 controls: they have no place in a printed name and can forge log lines. */
static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

static bool holder_text_valid(const char *holder, size_t len, bool *blank)
{
	const unsigned char *s = (const unsigned char *)holder;
	*blank = true;
	for (size_t i = 0; i < len;) {
		uint32_t cp = 0;
		size_t n = decode_utf8(s + i, len - i, &cp);
		if (n == 0 || is_control(cp)) {
			return false;
		}
		if (cp != ' ') {
			*blank = false;
		}
		i += n;
	}
	return true;
}

static msp_status take_holder(const char *holder, size_t len, char **out, msp_error *err)
{
	if (holder == NULL) {
		return MSP_OK;
	}
	bool blank = true;
	if (len > HOLDER_MAX_BYTES) {
		return refuse(err, MSP_CARD_INVALID_HOLDER, "card holder name must be at most %d bytes, got %zu",
		    HOLDER_MAX_BYTES, len);
	}
	if (!holder_text_valid(holder, len, &blank)) {
		return refuse(
		    err, MSP_CARD_INVALID_HOLDER, "card holder name must be valid UTF-8 without control characters");
	}
	if (blank) {
		return refuse(err, MSP_CARD_INVALID_HOLDER, "card holder name is empty");
	}
	*out = malloc(len + 1);
	if (*out == NULL) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory for the card holder name");
	}
	memcpy(*out, holder, len);
	(*out)[len] = '\0';
	return MSP_OK;
}

/* ---- Expiry and form bodies as shops send them ----------------------------------------------- */

static void trim_spaces(const char **s, size_t *len)
{
	while (*len > 0 && (*s)[0] == ' ') {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && (*s)[*len - 1] == ' ') {
		(*len)--;
	}
}

/* min to max ASCII digits, as a number. */
static bool parse_digits(const char *s, size_t len, size_t min, size_t max, int *out)
{
	if (len < min || len > max || !all_ascii_digits(s, len)) {
		return false;
	}
	int value = 0;
	for (size_t i = 0; i < len; i++) {
		value = value * 10 + (s[i] - '0');
	}
	*out = value;
	return true;
}

static msp_status parse_combined_expiry(const char *s, size_t len, int *month, int *year, msp_error *err)
{
	trim_spaces(&s, &len);
	const char *slash = memchr(s, '/', len);
	bool ok;
	if (slash == NULL) {
		ok = len == 4 && parse_digits(s, 2, 2, 2, month) && parse_digits(s + 2, 2, 2, 2, year);
	} else {
		const char *m = s, *y = slash + 1;
		size_t m_len = (size_t)(slash - s), y_len = len - m_len - 1;
		trim_spaces(&m, &m_len);
		trim_spaces(&y, &y_len);
		ok = parse_digits(m, m_len, 1, 2, month) && (y_len == 2 || y_len == 4) &&
		     parse_digits(y, y_len, 2, 4, year);
	}
	if (!ok) {
		return refuse(err, MSP_CARD_INVALID_EXPIRY, "expiry must look like MM/YY, MM / YY, MM/YYYY or MMYY");
	}
	return MSP_OK;
}

msp_status msp_card_parse_expiry(const char *month, size_t month_len, const char *year, size_t year_len,
    int *out_month, int *out_year, msp_error *err)
{
	if (month == NULL) {
		return refuse(err, MSP_CARD_INVALID_EXPIRY, "expiry month is missing");
	}
	if (year == NULL) {
		return parse_combined_expiry(month, month_len, out_month, out_year, err);
	}
	trim_spaces(&month, &month_len);
	trim_spaces(&year, &year_len);
	if (!parse_digits(month, month_len, 1, 2, out_month)) {
		return refuse(err, MSP_CARD_INVALID_EXPIRY, "expiry month must be 1 or 2 digits");
	}
	if ((year_len != 2 && year_len != 4) || !parse_digits(year, year_len, 2, 4, out_year)) {
		return refuse(err, MSP_CARD_INVALID_EXPIRY, "expiry year must be 2 or 4 digits");
	}
	return MSP_OK;
}

/* Decodes a form name ('+' is a space, %XX a byte) into out, then mangles its part before the first
 * '[' as php_register_variable_ex() does. false when it does not fit: such a name matches nothing a
 * caller can ask for. */
static bool decode_form_name(const char *s, size_t len, char *out, size_t cap, size_t *out_len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%' && i + 2 < len && msp_hex_digit_value((unsigned char)s[i + 1]) >= 0 &&
		           msp_hex_digit_value((unsigned char)s[i + 2]) >= 0) {
			c = msp_hex_digit_value((unsigned char)s[i + 1]) * 16 +
			    msp_hex_digit_value((unsigned char)s[i + 2]);
			i += 2;
		}
		if (n == 0 && c == ' ') {
			continue; /* PHP drops leading spaces */
		}
		if (n == cap) {
			return false;
		}
		out[n++] = (char)c;
	}
	bool in_base = true;
	for (size_t i = 0; i < n; i++) {
		if (out[i] == '[') {
			in_base = false;
		} else if (in_base && (out[i] == ' ' || out[i] == '.')) {
			out[i] = '_';
		}
	}
	*out_len = n;
	return true;
}

size_t msp_card_form_find(
    const char *body, size_t body_len, const char *name, size_t name_len, msp_form_value *out, size_t cap)
{
	char decoded[256];
	size_t found = 0;
	size_t start = 0;
	while (body != NULL && start < body_len) {
		const char *amp = memchr(body + start, '&', body_len - start);
		size_t end = amp != NULL ? (size_t)(amp - body) : body_len;
		const char *eq = memchr(body + start, '=', end - start);
		size_t decoded_len = 0;
		if (eq != NULL &&
		    decode_form_name(
		        body + start, (size_t)(eq - body) - start, decoded, sizeof(decoded), &decoded_len) &&
		    decoded_len == name_len && memcmp(decoded, name, name_len) == 0) {
			if (found < cap) {
				size_t offset = (size_t)(eq - body) + 1;
				out[found] = (msp_form_value){.offset = offset, .len = end - offset};
			}
			found++;
		}
		start = end + 1;
	}
	return found;
}

/* ---- Derived, displayable forms ------------------------------------------------------------- */

/* How many leading digits masked() shows: the BIN (6) for 16 digits and more; for shorter numbers
 * fewer, so that at least MASK_MIN_HIDDEN digits stay hidden next to the last four. */
static size_t masked_leading_digits(size_t len)
{
	if (len >= BIN_DIGITS + MASK_MIN_HIDDEN + LAST_DIGITS) {
		return BIN_DIGITS;
	}
	return len > MASK_MIN_HIDDEN + LAST_DIGITS ? len - MASK_MIN_HIDDEN - LAST_DIGITS : 0;
}

static void derive_display_forms(msp_card *card)
{
	const char *digits = (const char *)card->pan->data;
	size_t len = card->pan->len;
	size_t leading = masked_leading_digits(len);
	memcpy(card->bin, digits, BIN_DIGITS);
	card->bin[BIN_DIGITS] = '\0';
	memcpy(card->last4, digits + len - LAST_DIGITS, LAST_DIGITS);
	card->last4[LAST_DIGITS] = '\0';
	memcpy(card->masked, digits, leading);
	memset(card->masked + leading, '*', len - leading - LAST_DIGITS);
	memcpy(card->masked + len - LAST_DIGITS, card->last4, LAST_DIGITS);
	card->masked[len] = '\0';
}

/* ---- The card ------------------------------------------------------------------------------- */

/* Form order, as card.h documents it: the first refusal is the one reported. */
static msp_status take_everything(const char *pan, size_t pan_len, const char *cvc, size_t cvc_len,
    int64_t exp_month, int64_t exp_year, const char *holder, size_t holder_len, msp_card *card,
    msp_error *err)
{
	msp_status status =
	    take_pan(pan == NULL ? "" : pan, pan == NULL ? 0 : pan_len, &card->pan, &card->brand, err);
	if (status == MSP_OK) {
		status = take_cvc(card->brand, cvc, cvc_len, &card->cvc, err);
	}
	if (status == MSP_OK) {
		status = normalise_expiry(exp_month, exp_year, &card->exp_year, err);
		card->exp_month = status == MSP_OK ? (int)exp_month : 0;
	}
	if (status == MSP_OK) {
		status = take_holder(holder, holder_len, &card->holder, err);
	}
	return status;
}

msp_status msp_card_new(const char *pan, size_t pan_len, const char *cvc, size_t cvc_len, int64_t exp_month,
    int64_t exp_year, const char *holder, size_t holder_len, msp_card **out, msp_error *err)
{
	if (out == NULL) {
		return msp_error_set(err, MSP_ERR_INVALID, 0, "msp_card_new needs somewhere to put the card");
	}
	*out = NULL;
	msp_card *card = calloc(1, sizeof(*card));
	if (card == NULL) {
		return msp_error_set(err, MSP_ERR_NOMEM, 0, "out of memory for the card");
	}
	msp_status status =
	    take_everything(pan, pan_len, cvc, cvc_len, exp_month, exp_year, holder, holder_len, card, err);
	if (status != MSP_OK) {
		msp_card_free(card);
		return status;
	}
	derive_display_forms(card);
	*out = card;
	return MSP_OK;
}

void msp_card_free(msp_card *card)
{
	if (card == NULL) {
		return;
	}
	msp_secbuf_free(card->pan);
	msp_secbuf_free(card->cvc);
	if (card->holder != NULL) {
		msp_secure_wipe(card->holder, strlen(card->holder));
		free(card->holder);
	}
	/* bin, last4 and masked are partial PAN data. */
	msp_secure_wipe(card, sizeof(*card));
	free(card);
}

msp_card_brand msp_card_get_brand(const msp_card *card)
{
	return card->brand;
}

const char *msp_card_last4(const msp_card *card)
{
	return card->last4;
}

const char *msp_card_bin(const msp_card *card)
{
	return card->bin;
}

const char *msp_card_masked(const msp_card *card)
{
	return card->masked;
}

const char *msp_card_holder(const msp_card *card)
{
	return card->holder != NULL ? card->holder : "";
}

size_t msp_card_pan_length(const msp_card *card)
{
	return card->pan->len;
}

int msp_card_exp_month(const msp_card *card)
{
	return card->exp_month;
}

int msp_card_exp_year(const msp_card *card)
{
	return card->exp_year;
}

void msp_card_expiry_yymm(const msp_card *card, char out[5])
{
	int yy = card->exp_year % 100;
	out[0] = (char)('0' + yy / 10);
	out[1] = (char)('0' + yy % 10);
	out[2] = (char)('0' + card->exp_month / 10);
	out[3] = (char)('0' + card->exp_month % 10);
	out[4] = '\0';
}

static bool utc_calendar(time_t t, struct tm *out)
{
#ifdef _WIN32
	return gmtime_s(out, &t) == 0;
#else
	return gmtime_r(&t, out) != NULL;
#endif
}

bool msp_card_is_expired(const msp_card *card, time_t now)
{
	struct tm utc;
	if (!utc_calendar(now, &utc)) {
		/* A clock we cannot read must not make an old card usable. */
		return true;
	}
	long now_months = (long)(utc.tm_year + 1900) * 12 + utc.tm_mon;
	long last_valid_months = (long)card->exp_year * 12 + (card->exp_month - 1);
	return now_months > last_valid_months;
}

bool msp_card_has_cvc(const msp_card *card)
{
	return card->cvc != NULL;
}

const msp_secbuf *msp_card_pan(const msp_card *card)
{
	return card->pan;
}

const msp_secbuf *msp_card_cvc(const msp_card *card)
{
	return card->cvc;
}
