#include "money.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ISO 4217 List One as in force since amendment 180 (Bulgaria joined the euro on 2026-01-01), sorted
 * by code for the binary search below. Kept: every currency and fund code that has a minor unit
 * (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW, XAD are funds, but List One gives them minor units).
 * Left out on purpose:
 *   - codes whose minor unit List One gives as "N.A." (XAG, XAU, XPD, XPT, XBA-XBD, XDR, XSU, XUA,
 *     XTS, XXX): an amount "in minor units" means nothing for them;
 *   - codes moved to List Three (historic): ANG (replaced by XCG, 2025), BGN (EUR, 2026), CUC (withdrawn
 *     2021, delisted by amendment 178), HRK (EUR, 2023), SLL (redenominated as SLE), ZWL (ZWG, 2024).
 * A code accepted here is not necessarily one MultiSafepay settles in: the API refuses those with
 * error 1002, which is the authority on what a given account accepts. */
static const msp_currency currencies[] = {
    {"AED", 2}, /* UAE Dirham */
    {"AFN", 2}, /* Afghani */
    {"ALL", 2}, /* Lek */
    {"AMD", 2}, /* Armenian Dram */
    {"AOA", 2}, /* Kwanza */
    {"ARS", 2}, /* Argentine Peso */
    {"AUD", 2}, /* Australian Dollar */
    {"AWG", 2}, /* Aruban Florin */
    {"AZN", 2}, /* Azerbaijan Manat */
    {"BAM", 2}, /* Convertible Mark */
    {"BBD", 2}, /* Barbados Dollar */
    {"BDT", 2}, /* Taka */
    {"BHD", 3}, /* Bahraini Dinar */
    {"BIF", 0}, /* Burundi Franc */
    {"BMD", 2}, /* Bermudian Dollar */
    {"BND", 2}, /* Brunei Dollar */
    {"BOB", 2}, /* Boliviano */
    {"BOV", 2}, /* Mvdol */
    {"BRL", 2}, /* Brazilian Real */
    {"BSD", 2}, /* Bahamian Dollar */
    {"BTN", 2}, /* Ngultrum */
    {"BWP", 2}, /* Pula */
    {"BYN", 2}, /* Belarusian Ruble */
    {"BZD", 2}, /* Belize Dollar */
    {"CAD", 2}, /* Canadian Dollar */
    {"CDF", 2}, /* Congolese Franc */
    {"CHE", 2}, /* WIR Euro */
    {"CHF", 2}, /* Swiss Franc */
    {"CHW", 2}, /* WIR Franc */
    {"CLF", 4}, /* Unidad de Fomento */
    {"CLP", 0}, /* Chilean Peso */
    {"CNY", 2}, /* Yuan Renminbi */
    {"COP", 2}, /* Colombian Peso */
    {"COU", 2}, /* Unidad de Valor Real */
    {"CRC", 2}, /* Costa Rican Colon */
    {"CUP", 2}, /* Cuban Peso */
    {"CVE", 2}, /* Cabo Verde Escudo */
    {"CZK", 2}, /* Czech Koruna */
    {"DJF", 0}, /* Djibouti Franc */
    {"DKK", 2}, /* Danish Krone */
    {"DOP", 2}, /* Dominican Peso */
    {"DZD", 2}, /* Algerian Dinar */
    {"EGP", 2}, /* Egyptian Pound */
    {"ERN", 2}, /* Nakfa */
    {"ETB", 2}, /* Ethiopian Birr */
    {"EUR", 2}, /* Euro */
    {"FJD", 2}, /* Fiji Dollar */
    {"FKP", 2}, /* Falkland Islands Pound */
    {"GBP", 2}, /* Pound Sterling */
    {"GEL", 2}, /* Lari */
    {"GHS", 2}, /* Ghana Cedi */
    {"GIP", 2}, /* Gibraltar Pound */
    {"GMD", 2}, /* Dalasi */
    {"GNF", 0}, /* Guinean Franc */
    {"GTQ", 2}, /* Quetzal */
    {"GYD", 2}, /* Guyana Dollar */
    {"HKD", 2}, /* Hong Kong Dollar */
    {"HNL", 2}, /* Lempira */
    {"HTG", 2}, /* Gourde */
    {"HUF", 2}, /* Forint */
    {"IDR", 2}, /* Rupiah */
    {"ILS", 2}, /* New Israeli Sheqel */
    {"INR", 2}, /* Indian Rupee */
    {"IQD", 3}, /* Iraqi Dinar */
    {"IRR", 2}, /* Iranian Rial */
    {"ISK", 0}, /* Iceland Krona */
    {"JMD", 2}, /* Jamaican Dollar */
    {"JOD", 3}, /* Jordanian Dinar */
    {"JPY", 0}, /* Yen */
    {"KES", 2}, /* Kenyan Shilling */
    {"KGS", 2}, /* Som */
    {"KHR", 2}, /* Riel */
    {"KMF", 0}, /* Comorian Franc */
    {"KPW", 2}, /* North Korean Won */
    {"KRW", 0}, /* Won */
    {"KWD", 3}, /* Kuwaiti Dinar */
    {"KYD", 2}, /* Cayman Islands Dollar */
    {"KZT", 2}, /* Tenge */
    {"LAK", 2}, /* Lao Kip */
    {"LBP", 2}, /* Lebanese Pound */
    {"LKR", 2}, /* Sri Lanka Rupee */
    {"LRD", 2}, /* Liberian Dollar */
    {"LSL", 2}, /* Loti */
    {"LYD", 3}, /* Libyan Dinar */
    {"MAD", 2}, /* Moroccan Dirham */
    {"MDL", 2}, /* Moldovan Leu */
    {"MGA", 2}, /* Malagasy Ariary */
    {"MKD", 2}, /* Denar */
    {"MMK", 2}, /* Kyat */
    {"MNT", 2}, /* Tugrik */
    {"MOP", 2}, /* Pataca */
    {"MRU", 2}, /* Ouguiya */
    {"MUR", 2}, /* Mauritius Rupee */
    {"MVR", 2}, /* Rufiyaa */
    {"MWK", 2}, /* Malawi Kwacha */
    {"MXN", 2}, /* Mexican Peso */
    {"MXV", 2}, /* Mexican Unidad de Inversion (UDI) */
    {"MYR", 2}, /* Malaysian Ringgit */
    {"MZN", 2}, /* Mozambique Metical */
    {"NAD", 2}, /* Namibia Dollar */
    {"NGN", 2}, /* Naira */
    {"NIO", 2}, /* Cordoba Oro */
    {"NOK", 2}, /* Norwegian Krone */
    {"NPR", 2}, /* Nepalese Rupee */
    {"NZD", 2}, /* New Zealand Dollar */
    {"OMR", 3}, /* Rial Omani */
    {"PAB", 2}, /* Balboa */
    {"PEN", 2}, /* Sol */
    {"PGK", 2}, /* Kina */
    {"PHP", 2}, /* Philippine Peso */
    {"PKR", 2}, /* Pakistan Rupee */
    {"PLN", 2}, /* Zloty */
    {"PYG", 0}, /* Guarani */
    {"QAR", 2}, /* Qatari Rial */
    {"RON", 2}, /* Romanian Leu */
    {"RSD", 2}, /* Serbian Dinar */
    {"RUB", 2}, /* Russian Ruble */
    {"RWF", 0}, /* Rwanda Franc */
    {"SAR", 2}, /* Saudi Riyal */
    {"SBD", 2}, /* Solomon Islands Dollar */
    {"SCR", 2}, /* Seychelles Rupee */
    {"SDG", 2}, /* Sudanese Pound */
    {"SEK", 2}, /* Swedish Krona */
    {"SGD", 2}, /* Singapore Dollar */
    {"SHP", 2}, /* Saint Helena Pound */
    {"SLE", 2}, /* Leone */
    {"SOS", 2}, /* Somali Shilling */
    {"SRD", 2}, /* Surinam Dollar */
    {"SSP", 2}, /* South Sudanese Pound */
    {"STN", 2}, /* Dobra */
    {"SVC", 2}, /* El Salvador Colon */
    {"SYP", 2}, /* Syrian Pound */
    {"SZL", 2}, /* Lilangeni */
    {"THB", 2}, /* Baht */
    {"TJS", 2}, /* Somoni */
    {"TMT", 2}, /* Turkmenistan New Manat */
    {"TND", 3}, /* Tunisian Dinar */
    {"TOP", 2}, /* Pa'anga */
    {"TRY", 2}, /* Turkish Lira */
    {"TTD", 2}, /* Trinidad and Tobago Dollar */
    {"TWD", 2}, /* New Taiwan Dollar */
    {"TZS", 2}, /* Tanzanian Shilling */
    {"UAH", 2}, /* Hryvnia */
    {"UGX", 0}, /* Uganda Shilling */
    {"USD", 2}, /* US Dollar */
    {"USN", 2}, /* US Dollar (Next day) */
    {"UYI", 0}, /* Uruguay Peso en Unidades Indexadas (UI) */
    {"UYU", 2}, /* Peso Uruguayo */
    {"UYW", 4}, /* Unidad Previsional */
    {"UZS", 2}, /* Uzbekistan Sum */
    {"VED", 2}, /* Bolivar Soberano (digital) */
    {"VES", 2}, /* Bolivar Soberano */
    {"VND", 0}, /* Dong */
    {"VUV", 0}, /* Vatu */
    {"WST", 2}, /* Tala */
    {"XAD", 2}, /* Arab Accounting Dinar (Arab Monetary Fund) */
    {"XAF", 0}, /* CFA Franc BEAC */
    {"XCD", 2}, /* East Caribbean Dollar */
    {"XCG", 2}, /* Caribbean Guilder */
    {"XOF", 0}, /* CFA Franc BCEAO */
    {"XPF", 0}, /* CFP Franc */
    {"YER", 2}, /* Yemeni Rial */
    {"ZAR", 2}, /* Rand */
    {"ZMW", 2}, /* Zambian Kwacha */
    {"ZWG", 2}, /* Zimbabwe Gold */
};

#define CURRENCY_COUNT (sizeof(currencies) / sizeof(currencies[0]))

/* money.h's contract: the API's integer amount is kept within a signed 32-bit range, which every
 * client language's integer type holds. */
#define AMOUNT_MAX INT32_MAX

static int compare_code(const void *key, const void *entry)
{
	return strcmp((const char *)key, ((const msp_currency *)entry)->code);
}

static bool looks_like_code(const char *code)
{
	return code != NULL && strlen(code) == 3;
}

const msp_currency *msp_currency_find(const char *code)
{
	if (!looks_like_code(code)) {
		return NULL;
	}
	return bsearch(code, currencies, CURRENCY_COUNT, sizeof(currencies[0]), compare_code);
}

/* "eur" is the commonest mistake: say what would have been accepted instead of only "unknown". */
static const msp_currency *upper_case_match(const char *code)
{
	if (!looks_like_code(code)) {
		return NULL;
	}
	char upper[4];
	for (size_t i = 0; i < 3; i++) {
		char c = code[i];
		upper[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
	}
	upper[3] = '\0';
	return strcmp(upper, code) == 0 ? NULL : msp_currency_find(upper);
}

static msp_status refuse_currency(const char *code, msp_error *err)
{
	msp_status status;
	if (code == NULL || code[0] == '\0') {
		status =
		    msp_error_set(err, MSP_ERR_INVALID, 0, "currency is missing (an ISO 4217 code such as \"EUR\")");
	} else {
		const msp_currency *hint = upper_case_match(code);
		if (hint != NULL) {
			status = msp_error_set(err, MSP_ERR_INVALID, 0,
			    "currency \"%s\" is not an ISO 4217 code: codes are upper case (\"%s\")", code, hint->code);
		} else {
			status = msp_error_set(
			    err, MSP_ERR_INVALID, 0, "currency \"%.16s\" is not an active ISO 4217 currency code", code);
		}
	}
	msp_error_set_field(err, "currency");
	return status;
}

/* fmt has one %s: the amount (msp_number_text). */
static msp_status refuse_amount(msp_error *err, const char *fmt, int64_t amount)
{
	char given[MSP_NUMBER_TEXT_MAX];
	msp_status status =
	    msp_error_set(err, MSP_ERR_INVALID, 0, fmt, msp_number_text(amount, MSP_NUMBER_DIGITS_SHOWN, given));
	msp_error_set_field(err, "amount");
	return status;
}

msp_status msp_amount_check(const char *currency, int64_t amount, msp_error *err)
{
	if (msp_currency_find(currency) == NULL) {
		return refuse_currency(currency, err);
	}
	if (amount < 1) {
		return refuse_amount(err, "amount must be at least 1 (minor units), got %s", amount);
	}
	if (amount > AMOUNT_MAX) {
		return refuse_amount(err, "amount %s exceeds the API maximum of 2147483647 minor units", amount);
	}
	return MSP_OK;
}

/* Works on the magnitude as uint64_t so that INT64_MIN formats instead of overflowing. */
int msp_amount_format(int64_t amount, const msp_currency *currency, char *out, size_t out_size)
{
	if (currency == NULL) {
		if (out != NULL && out_size > 0) {
			out[0] = '\0';
		}
		return -1;
	}
	const char *sign = amount < 0 ? "-" : "";
	uint64_t magnitude = amount < 0 ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
	if (currency->minor_units <= 0) {
		return snprintf(out, out_size, "%s%" PRIu64, sign, magnitude);
	}
	uint64_t scale = 1;
	for (int i = 0; i < currency->minor_units; i++) {
		scale *= 10;
	}
	return snprintf(out, out_size, "%s%" PRIu64 ".%0*" PRIu64, sign, magnitude / scale, currency->minor_units,
	    magnitude % scale);
}

void msp_money_text(int64_t amount, const char *currency, char out[MSP_AMOUNT_TEXT_MAX + 8])
{
	const msp_currency *known = msp_currency_find(currency);
	if (known == NULL) {
		snprintf(
		    out, MSP_AMOUNT_TEXT_MAX + 8, "%" PRId64 " %.3s minor units", amount, currency ? currency : "");
		return;
	}
	char number[MSP_AMOUNT_TEXT_MAX];
	msp_amount_format(amount, known, number, sizeof(number));
	snprintf(out, MSP_AMOUNT_TEXT_MAX + 8, "%s %s", number, known->code);
}

static msp_status refuse_decimal(msp_error *err, const char *why)
{
	msp_status status = msp_error_set(err, MSP_ERR_INVALID, 0, "%s", why);
	msp_error_set_field(err, "amount");
	return status;
}

/* Appends one digit to *value (magnitude), false on overflow of int64_t's magnitude. */
static bool push_digit(uint64_t *value, char digit, bool negative)
{
	uint64_t limit = negative ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
	unsigned d = (unsigned)(digit - '0');
	if (*value > (limit - d) / 10) {
		return false;
	}
	*value = *value * 10 + d;
	return true;
}

msp_status msp_amount_parse(const char *text, size_t len, const char *currency, int64_t *out, msp_error *err)
{
	*out = 0;
	const msp_currency *known = msp_currency_find(currency);
	if (known == NULL) {
		return refuse_currency(currency, err);
	}
	size_t i = 0;
	bool negative = len > 0 && text[0] == '-';
	i += negative ? 1 : 0;
	size_t whole_start = i;
	while (i < len && text[i] >= '0' && text[i] <= '9') {
		i++;
	}
	size_t whole_end = i, fraction_start = i, fraction_end = i;
	if (i < len && text[i] == '.') {
		fraction_start = ++i;
		while (i < len && text[i] >= '0' && text[i] <= '9') {
			i++;
		}
		fraction_end = i;
		if (fraction_end == fraction_start) {
			return refuse_decimal(err, "the amount has a '.' without decimals after it");
		}
	}
	if (i != len || whole_end == whole_start) {
		return refuse_decimal(err,
		    "the amount must be a decimal number such as \"12.50\" (digits, an optional leading '-' and one "
		    "'.'; no spaces, exponent, '+' or thousands separators)");
	}
	uint64_t value = 0;
	for (size_t k = whole_start; k < whole_end; k++) {
		if (!push_digit(&value, text[k], negative)) {
			return refuse_decimal(err, "the amount is too large");
		}
	}
	for (int k = 0; k < known->minor_units; k++) {
		size_t at = fraction_start + (size_t)k;
		if (!push_digit(&value, at < fraction_end ? text[at] : '0', negative)) {
			return refuse_decimal(err, "the amount is too large");
		}
	}
	for (size_t at = fraction_start + (size_t)known->minor_units; at < fraction_end; at++) {
		if (text[at] != '0') {
			msp_status status = msp_error_set(err, MSP_ERR_INVALID, 0,
			    "%s has %d decimal%s: the amount has more, which would be lost", known->code,
			    known->minor_units, known->minor_units == 1 ? "" : "s");
			msp_error_set_field(err, "amount");
			return status;
		}
	}
	*out = negative ? (value == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)value) : (int64_t)value;
	return MSP_OK;
}
