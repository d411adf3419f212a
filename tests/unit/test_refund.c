/* Unit tests of src/core/refund.c: refundable amounts with their boundaries (the rest is fine, one
 * more is not), non-positive amounts, currencies, which statuses count as paid, the 180-day card
 * limit to the second, refund-all, the order in which refusals are reported, and the messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "refund.h"

/* ---- Helpers -------------------------------------------------------------------------------- */

#define NOW      ((int64_t)1700000000)
#define DAY      ((int64_t)86400)
#define PAID_EUR 1000

static msp_refund_ledger ledger(
    const char *status, const char *financial_status, int64_t amount, int64_t refunded)
{
	msp_refund_ledger l;
	memset(&l, 0, sizeof(l));
	l.status = msp_order_status_parse(status, strlen(status));
	l.financial_status = msp_tx_status_parse(financial_status, strlen(financial_status));
	strcpy(l.currency, "EUR");
	l.amount = amount;
	l.amount_refunded = refunded;
	l.created = NOW - 10 * DAY;
	return l;
}

static msp_refund_ledger paid_order(int64_t refunded)
{
	return ledger("completed", "completed", PAID_EUR, refunded);
}

static void expect_ok(const msp_refund_ledger *l, const char *currency, int64_t amount)
{
	msp_error err;
	msp_error_clear(&err);
	msp_status status = msp_refund_check(l, currency, amount, NOW, &err);
	if (status != MSP_OK) {
		fail_msg("refund of %lld %s refused: %s", (long long)amount, currency, err.message);
	}
}

static msp_error expect_refused(const msp_refund_ledger *l, const char *currency, int64_t amount,
    msp_status status, msp_refund_reason reason)
{
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(msp_refund_check(l, currency, amount, NOW, &err), status);
	assert_int_equal(err.status, status);
	if (err.reason != (int)reason) {
		fail_msg("expected %s, got %s: %s", msp_refund_reason_name(reason),
		    msp_refund_reason_name((msp_refund_reason)err.reason), err.message);
	}
	assert_true(strlen(err.message) > 0);
	return err;
}

/* ---- Amounts -------------------------------------------------------------------------------- */

static void test_refund_up_to_the_remaining_amount(void **state)
{
	(void)state;
	msp_refund_ledger l = paid_order(0);
	expect_ok(&l, "EUR", 1);
	expect_ok(&l, "EUR", PAID_EUR);
	msp_error err = expect_refused(&l, "EUR", PAID_EUR + 1, MSP_ERR_STATE, MSP_REFUND_EXCEEDS_REFUNDABLE);
	/* In the currency's own format, every amount with its code. */
	assert_string_equal(
	    err.message, "10.01 EUR exceeds the 10.00 EUR still refundable (paid 10.00 EUR, refunded 0.00 EUR)");

	l = paid_order(300);
	expect_ok(&l, "EUR", 700);
	err = expect_refused(&l, "EUR", 701, MSP_ERR_STATE, MSP_REFUND_EXCEEDS_REFUNDABLE);
	assert_non_null(strstr(err.message, "7.01 EUR exceeds the 7.00 EUR"));
	assert_non_null(strstr(err.message, "refunded 3.00 EUR"));
	expect_refused(&l, "EUR", INT64_MAX, MSP_ERR_STATE, MSP_REFUND_EXCEEDS_REFUNDABLE);

	l = ledger("partial_refunded", "completed", PAID_EUR, 999);
	expect_ok(&l, "EUR", 1);
	expect_refused(&l, "EUR", 2, MSP_ERR_STATE, MSP_REFUND_EXCEEDS_REFUNDABLE);
}

static void test_amount_must_be_positive(void **state)
{
	(void)state;
	msp_refund_ledger l = paid_order(0);
	const int64_t amounts[] = {0, -1, -PAID_EUR, INT64_MIN};
	for (size_t i = 0; i < sizeof(amounts) / sizeof(amounts[0]); i++) {
		msp_error err = expect_refused(&l, "EUR", amounts[i], MSP_ERR_INVALID, MSP_REFUND_INVALID_AMOUNT);
		assert_non_null(strstr(err.message, "EUR"));
	}
}

static void test_refundable_amount(void **state)
{
	(void)state;
	msp_refund_ledger l = paid_order(0);
	assert_int_equal(msp_refund_refundable(&l), PAID_EUR);
	l = paid_order(250);
	assert_int_equal(msp_refund_refundable(&l), 750);
	l = paid_order(PAID_EUR);
	assert_int_equal(msp_refund_refundable(&l), 0);
	l = paid_order(-5); /* a negative refunded amount counts as none */
	assert_int_equal(msp_refund_refundable(&l), PAID_EUR);
	l = ledger("completed", "initialized", PAID_EUR, 100); /* own MID */
	assert_int_equal(msp_refund_refundable(&l), 900);
	l = ledger("partial_refunded", "completed", PAID_EUR, 2 * PAID_EUR);
	assert_int_equal(msp_refund_refundable(&l), 0);
	l = ledger("completed", "completed", INT64_MAX, 0);
	assert_int_equal(msp_refund_refundable(&l), INT64_MAX);
	l = ledger("uncleared", "uncleared", PAID_EUR, 0);
	assert_int_equal(msp_refund_refundable(&l), 0);
	l = ledger("declined", "declined", PAID_EUR, 0);
	assert_int_equal(msp_refund_refundable(&l), 0);
	assert_int_equal(msp_refund_refundable(NULL), 0);
}

/* ---- Currency ------------------------------------------------------------------------------- */

static void test_currency(void **state)
{
	(void)state;
	msp_refund_ledger l = paid_order(0);
	msp_error err = expect_refused(&l, "USD", 100, MSP_ERR_INVALID, MSP_REFUND_CURRENCY_MISMATCH);
	assert_non_null(strstr(err.message, "USD"));
	assert_non_null(strstr(err.message, "EUR"));
	const char *malformed[] = {"eur", "Eur", "EURO", "EU", "", "E1R", "EU\n"};
	for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		err = expect_refused(&l, malformed[i], 100, MSP_ERR_INVALID, MSP_REFUND_INVALID_CURRENCY);
		assert_null(strchr(err.message, '\n'));
	}
	expect_refused(&l, NULL, 100, MSP_ERR_INVALID, MSP_REFUND_INVALID_CURRENCY);

	msp_refund_ledger no_currency = paid_order(0);
	no_currency.currency[0] = '\0';
	expect_refused(&no_currency, "EUR", 100, MSP_ERR_INVALID, MSP_REFUND_INVALID_LEDGER);
	msp_refund_ledger lower = paid_order(0);
	strcpy(lower.currency, "eur");
	expect_refused(&lower, "EUR", 100, MSP_ERR_INVALID, MSP_REFUND_INVALID_LEDGER);
	expect_refused(NULL, "EUR", 100, MSP_ERR_INVALID, MSP_REFUND_INVALID_LEDGER);

	msp_refund_ledger yen = ledger("completed", "completed", 500, 0);
	strcpy(yen.currency, "JPY");
	expect_ok(&yen, "JPY", 500);
	expect_refused(&yen, "EUR", 500, MSP_ERR_INVALID, MSP_REFUND_CURRENCY_MISMATCH);
}

/* ---- Order state ---------------------------------------------------------------------------- */

static void test_only_paid_orders(void **state)
{
	(void)state;
	const char *paid[][2] = {
	    {"completed", "completed"},
	    {"completed", "initialized"}, /* own MID: paid by the order status */
	    {"partial_refunded", "completed"},
	    {"shipped", "completed"},
	    {"completed", "uncleared"}, /* any transaction status: the order status decides */
	    {"COMPLETED", "Completed"},
	};
	for (size_t i = 0; i < sizeof(paid) / sizeof(paid[0]); i++) {
		msp_refund_ledger l = ledger(paid[i][0], paid[i][1], PAID_EUR, 0);
		expect_ok(&l, "EUR", 100);
	}
	const char *unpaid[][2] = {
	    {"initialized", "initialized"},
	    {"uncleared", "uncleared"},
	    {"uncleared", "initialized"},
	    {"declined", "declined"},
	    {"expired", "expired"},
	    {"void", "cancelled"},
	    {"void", "void"},
	    {"cancelled", "cancelled"},
	    {"reserved", "reserved"},
	    {"chargeback", "completed"},
	    {"chargedback", "completed"},
	    {"shipped", "uncleared"},
	    {"", ""},
	    {"paid", "completed"},
	};
	for (size_t i = 0; i < sizeof(unpaid) / sizeof(unpaid[0]); i++) {
		msp_refund_ledger l = ledger(unpaid[i][0], unpaid[i][1], PAID_EUR, 0);
		msp_error err = expect_refused(&l, "EUR", 100, MSP_ERR_STATE, MSP_REFUND_NOT_PAID);
		assert_non_null(strstr(err.message, msp_order_status_name(l.status)));
		assert_int_equal(msp_refund_refundable(&l), 0);
	}
	const char *refunded[][2] = {{"refunded", "completed"}, {"refunded", "refunded"}};
	for (size_t i = 0; i < sizeof(refunded) / sizeof(refunded[0]); i++) {
		msp_refund_ledger l = ledger(refunded[i][0], refunded[i][1], PAID_EUR, PAID_EUR);
		expect_refused(&l, "EUR", 1, MSP_ERR_STATE, MSP_REFUND_ALREADY_REFUNDED);
	}
	/* Refunded up to the full amount, whatever the status says. */
	msp_refund_ledger full = ledger("partial_refunded", "completed", PAID_EUR, PAID_EUR);
	expect_refused(&full, "EUR", 1, MSP_ERR_STATE, MSP_REFUND_ALREADY_REFUNDED);
	full = ledger("completed", "completed", PAID_EUR, PAID_EUR);
	expect_refused(&full, "EUR", 1, MSP_ERR_STATE, MSP_REFUND_ALREADY_REFUNDED);
}

static void test_180_day_limit(void **state)
{
	(void)state;
	msp_refund_ledger l = paid_order(0);
	l.created = NOW - 180 * DAY;
	expect_ok(&l, "EUR", 100);
	l.created = NOW - 180 * DAY - 1;
	msp_error err = expect_refused(&l, "EUR", 100, MSP_ERR_STATE, MSP_REFUND_TOO_OLD);
	assert_non_null(strstr(err.message, "180 days"));
	l.created = NOW - 400 * DAY;
	err = expect_refused(&l, "EUR", 100, MSP_ERR_STATE, MSP_REFUND_TOO_OLD);
	assert_non_null(strstr(err.message, "400 days"));
	l.created = 0; /* unknown: MultiSafepay decides */
	expect_ok(&l, "EUR", 100);
	l.created = NOW + DAY; /* clock skew */
	expect_ok(&l, "EUR", 100);
	l.created = 1;
	msp_error far;
	assert_int_equal(msp_refund_check(&l, "EUR", 100, INT64_MAX, &far), MSP_ERR_STATE);
	assert_int_equal(far.reason, MSP_REFUND_TOO_OLD);
	assert_int_equal(msp_refund_check(&l, "EUR", 100, INT64_MIN, &far), MSP_OK);
}

static void test_refusal_order(void **state)
{
	(void)state;
	/* Bad arguments are reported before the order's state, the state before the amount left. */
	msp_refund_ledger unpaid_old = ledger("initialized", "initialized", PAID_EUR, 0);
	unpaid_old.created = NOW - 365 * DAY;
	expect_refused(&unpaid_old, "USD", 0, MSP_ERR_INVALID, MSP_REFUND_CURRENCY_MISMATCH);
	expect_refused(&unpaid_old, "EUR", 0, MSP_ERR_INVALID, MSP_REFUND_INVALID_AMOUNT);
	expect_refused(&unpaid_old, "EUR", 5000, MSP_ERR_STATE, MSP_REFUND_NOT_PAID);
	msp_refund_ledger paid_old = paid_order(0);
	paid_old.created = NOW - 365 * DAY;
	expect_refused(&paid_old, "EUR", 5000, MSP_ERR_STATE, MSP_REFUND_TOO_OLD);
	/* A NULL error pointer is allowed. */
	assert_int_equal(msp_refund_check(&paid_old, "EUR", 1, NOW, NULL), MSP_ERR_STATE);
}

/* ---- Refund everything left ------------------------------------------------------------------ */

static void test_refund_all(void **state)
{
	(void)state;
	msp_error err;
	int64_t amount = -1;
	msp_refund_ledger l = paid_order(0);
	assert_int_equal(msp_refund_all_amount(&l, NOW, &amount, &err), MSP_OK);
	assert_int_equal(amount, PAID_EUR);
	expect_ok(&l, "EUR", amount);

	l = paid_order(350);
	assert_int_equal(msp_refund_all_amount(&l, NOW, &amount, &err), MSP_OK);
	assert_int_equal(amount, 650);

	l = ledger("partial_refunded", "completed", PAID_EUR, PAID_EUR);
	assert_int_equal(msp_refund_all_amount(&l, NOW, &amount, &err), MSP_ERR_STATE);
	assert_int_equal(err.reason, MSP_REFUND_ALREADY_REFUNDED);
	assert_int_equal(amount, 0);

	l = ledger("completed", "completed", 0, 0); /* amount unknown */
	amount = -1;
	assert_int_equal(msp_refund_all_amount(&l, NOW, &amount, &err), MSP_ERR_STATE);
	assert_int_equal(err.reason, MSP_REFUND_NOTHING_REFUNDABLE);
	assert_non_null(strstr(err.message, "EUR"));
	assert_int_equal(amount, 0);

	l = ledger("uncleared", "uncleared", PAID_EUR, 0);
	assert_int_equal(msp_refund_all_amount(&l, NOW, &amount, &err), MSP_ERR_STATE);
	assert_int_equal(err.reason, MSP_REFUND_NOT_PAID);

	l = paid_order(0);
	l.created = NOW - 181 * DAY;
	assert_int_equal(msp_refund_all_amount(&l, NOW, &amount, &err), MSP_ERR_STATE);
	assert_int_equal(err.reason, MSP_REFUND_TOO_OLD);
	assert_int_equal(amount, 0);

	assert_int_equal(msp_refund_all_amount(NULL, NOW, &amount, &err), MSP_ERR_INVALID);
	assert_int_equal(err.reason, MSP_REFUND_INVALID_LEDGER);
	assert_int_equal(msp_refund_all_amount(&l, NOW, NULL, &err), MSP_ERR_INVALID);
}

static void test_reason_names(void **state)
{
	(void)state;
	const char *names[] = {"ok", "invalid_ledger", "invalid_currency", "currency_mismatch", "invalid_amount",
	    "not_paid", "already_refunded", "too_old", "exceeds_refundable", "nothing_refundable"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_string_equal(msp_refund_reason_name((msp_refund_reason)i), names[i]);
	}
	assert_string_equal(msp_refund_reason_name((msp_refund_reason)99), "unknown");
	assert_string_equal(msp_refund_reason_name((msp_refund_reason)-1), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_refund_up_to_the_remaining_amount),
	    cmocka_unit_test(test_amount_must_be_positive),
	    cmocka_unit_test(test_refundable_amount),
	    cmocka_unit_test(test_currency),
	    cmocka_unit_test(test_only_paid_orders),
	    cmocka_unit_test(test_180_day_limit),
	    cmocka_unit_test(test_refusal_order),
	    cmocka_unit_test(test_refund_all),
	    cmocka_unit_test(test_reason_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
