#include "refund.h"

#include "money.h"

#include <stdbool.h>

static const char *const reason_names[] = {
    [MSP_REFUND_OK] = "ok",
    [MSP_REFUND_INVALID_LEDGER] = "invalid_ledger",
    [MSP_REFUND_INVALID_CURRENCY] = "invalid_currency",
    [MSP_REFUND_CURRENCY_MISMATCH] = "currency_mismatch",
    [MSP_REFUND_INVALID_AMOUNT] = "invalid_amount",
    [MSP_REFUND_NOT_PAID] = "not_paid",
    [MSP_REFUND_ALREADY_REFUNDED] = "already_refunded",
    [MSP_REFUND_TOO_OLD] = "too_old",
    [MSP_REFUND_EXCEEDS_REFUNDABLE] = "exceeds_refundable",
    [MSP_REFUND_NOTHING_REFUNDABLE] = "nothing_refundable",
};

const char *msp_refund_reason_name(msp_refund_reason reason)
{
	return ((unsigned)reason < sizeof(reason_names) / sizeof(reason_names[0])) ? reason_names[reason]
	                                                                           : "unknown";
}

/* ISO 4217 codes are three upper-case letters; anything else is refused rather than guessed at. */
static bool is_currency_code(const char *code)
{
	if (code == NULL) {
		return false;
	}
	for (int i = 0; i < 3; i++) {
		if (code[i] < 'A' || code[i] > 'Z') {
			return false;
		}
	}
	return code[3] == '\0';
}

static bool same_currency(const char *a, const char *b)
{
	return a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
}

/* The status table decides what "paid" means (own-MID completed/initialized is paid), and the refunded
 * amount moves a paid order into the refund stages. */
static msp_flow_stage ledger_stage(const msp_refund_ledger *order)
{
	return msp_status_stage_of(order->status, order->financial_status, order->amount, order->amount_refunded);
}

static bool stage_allows_refund(msp_flow_stage stage)
{
	return stage == MSP_STAGE_AUTHORISED || stage == MSP_STAGE_PAID || stage == MSP_STAGE_SHIPPED ||
	       stage == MSP_STAGE_PARTIALLY_REFUNDED;
}

static int64_t remaining_amount(const msp_refund_ledger *order)
{
	int64_t refunded = order->amount_refunded > 0 ? order->amount_refunded : 0;
	return order->amount > refunded ? order->amount - refunded : 0;
}

int64_t msp_refund_refundable(const msp_refund_ledger *order)
{
	if (order == NULL || !stage_allows_refund(ledger_stage(order))) {
		return 0;
	}
	return remaining_amount(order);
}

static msp_status check_ledger(const msp_refund_ledger *order, msp_error *err)
{
	if (order == NULL || !is_currency_code(order->currency)) {
		return msp_error_set(err, MSP_ERR_INVALID, MSP_REFUND_INVALID_LEDGER,
		    "the order has no valid currency: refresh it with a GET before refunding");
	}
	return MSP_OK;
}

static msp_status check_order_state(const msp_refund_ledger *order, msp_error *err)
{
	msp_flow_stage stage = ledger_stage(order);
	if (stage == MSP_STAGE_REFUNDED) {
		char refunded[MSP_AMOUNT_TEXT_MAX + 8], paid[MSP_AMOUNT_TEXT_MAX + 8];
		msp_money_text(order->amount_refunded, order->currency, refunded);
		msp_money_text(order->amount, order->currency, paid);
		return msp_error_set(err, MSP_ERR_STATE, MSP_REFUND_ALREADY_REFUNDED,
		    "the order is fully refunded (%s of %s)", refunded, paid);
	}
	if (!stage_allows_refund(stage)) {
		return msp_error_set(err, MSP_ERR_STATE, MSP_REFUND_NOT_PAID,
		    "an order with status %s/%s cannot be refunded: only paid orders can",
		    msp_order_status_name(order->status), msp_tx_status_name(order->financial_status));
	}
	return MSP_OK;
}

/* `created` unknown (0 or less) skips the check: MultiSafepay still enforces it. */
static msp_status check_age(const msp_refund_ledger *order, int64_t now, msp_error *err)
{
	if (order->created <= 0 || now <= order->created) {
		return MSP_OK;
	}
	uint64_t age = (uint64_t)now - (uint64_t)order->created;
	if (age > (uint64_t)MSP_REFUND_CARD_WINDOW_SECONDS) {
		return msp_error_set(err, MSP_ERR_STATE, MSP_REFUND_TOO_OLD,
		    "the order was created %llu days ago: card refunds are accepted for 180 days",
		    (unsigned long long)(age / 86400));
	}
	return MSP_OK;
}

static msp_status check_requested(
    const msp_refund_ledger *order, const char *currency, int64_t amount, msp_error *err)
{
	if (!is_currency_code(currency)) {
		return msp_error_set(err, MSP_ERR_INVALID, MSP_REFUND_INVALID_CURRENCY,
		    "the refund currency must be an ISO 4217 code in capitals, such as %s", order->currency);
	}
	if (!same_currency(currency, order->currency)) {
		return msp_error_set(err, MSP_ERR_INVALID, MSP_REFUND_CURRENCY_MISMATCH,
		    "the refund currency %s differs from the order currency %s", currency, order->currency);
	}
	if (amount <= 0) {
		/* 0 or nothing makes MultiSafepay refund everything: never send it by accident. */
		char got[MSP_AMOUNT_TEXT_MAX + 8];
		msp_money_text(amount, currency, got);
		return msp_error_set(err, MSP_ERR_INVALID, MSP_REFUND_INVALID_AMOUNT,
		    "the refund amount must be positive (got %s, given in minor units); use refundAll() to refund "
		    "the "
		    "rest",
		    got);
	}
	return MSP_OK;
}

static msp_status check_within_refundable(const msp_refund_ledger *order, int64_t amount, msp_error *err)
{
	int64_t remaining = remaining_amount(order);
	if (amount > remaining) {
		char asked[MSP_AMOUNT_TEXT_MAX + 8], left[MSP_AMOUNT_TEXT_MAX + 8], paid[MSP_AMOUNT_TEXT_MAX + 8],
		    refunded[MSP_AMOUNT_TEXT_MAX + 8];
		msp_money_text(amount, order->currency, asked);
		msp_money_text(remaining, order->currency, left);
		msp_money_text(order->amount, order->currency, paid);
		msp_money_text(order->amount_refunded, order->currency, refunded);
		return msp_error_set(err, MSP_ERR_STATE, MSP_REFUND_EXCEEDS_REFUNDABLE,
		    "%s exceeds the %s still refundable (paid %s, refunded %s)", asked, left, paid, refunded);
	}
	return MSP_OK;
}

msp_status msp_refund_check(
    const msp_refund_ledger *order, const char *currency, int64_t amount, int64_t now, msp_error *err)
{
	msp_status status = check_ledger(order, err);
	if (status == MSP_OK) {
		status = check_requested(order, currency, amount, err);
	}
	if (status == MSP_OK) {
		status = check_order_state(order, err);
	}
	if (status == MSP_OK) {
		status = check_age(order, now, err);
	}
	if (status == MSP_OK) {
		status = check_within_refundable(order, amount, err);
	}
	return status;
}

msp_status msp_refund_all_amount(const msp_refund_ledger *order, int64_t now, int64_t *amount, msp_error *err)
{
	if (amount == NULL) {
		return msp_error_set(
		    err, MSP_ERR_INVALID, MSP_REFUND_INVALID_AMOUNT, "no place for the refund amount");
	}
	*amount = 0;
	msp_status status = check_ledger(order, err);
	if (status == MSP_OK) {
		status = check_order_state(order, err);
	}
	if (status == MSP_OK) {
		status = check_age(order, now, err);
	}
	if (status != MSP_OK) {
		return status;
	}
	int64_t remaining = remaining_amount(order);
	if (remaining <= 0) {
		char paid[MSP_AMOUNT_TEXT_MAX + 8], refunded[MSP_AMOUNT_TEXT_MAX + 8];
		msp_money_text(order->amount, order->currency, paid);
		msp_money_text(order->amount_refunded, order->currency, refunded);
		return msp_error_set(err, MSP_ERR_STATE, MSP_REFUND_NOTHING_REFUNDABLE,
		    "nothing is left to refund (paid %s, refunded %s)", paid, refunded);
	}
	*amount = remaining;
	return MSP_OK;
}

msp_status msp_capture_check(const msp_refund_ledger *order, int64_t amount, msp_error *err)
{
	msp_status status = check_ledger(order, err);
	if (status != MSP_OK) {
		return status;
	}
	/* An authorisation waiting for capture is completed/initialized (api.md §5, manual capture). */
	if (order->status != MSP_ORDER_STATUS_COMPLETED || order->financial_status != MSP_TX_STATUS_INITIALIZED) {
		return msp_error_set(err, MSP_ERR_STATE, MSP_REFUND_NOT_PAID,
		    "only an authorised order (completed/initialized, manual capture) can be captured; this one is "
		    "%s/%s",
		    msp_order_status_name(order->status), msp_tx_status_name(order->financial_status));
	}
	if (amount <= 0 || amount > order->amount) {
		char authorised[MSP_AMOUNT_TEXT_MAX + 8], got[MSP_AMOUNT_TEXT_MAX + 8];
		msp_money_text(order->amount, order->currency, authorised);
		msp_money_text(amount, order->currency, got);
		return msp_error_set(err, MSP_ERR_INVALID, MSP_REFUND_INVALID_AMOUNT,
		    "a capture amount must be more than 0 and at most the authorised %s, got %s", authorised, got);
	}
	return MSP_OK;
}

msp_status msp_cancel_check(const msp_refund_ledger *order, msp_error *err)
{
	if (order->status != MSP_ORDER_STATUS_INITIALIZED) {
		return msp_error_set(err, MSP_ERR_STATE, MSP_REFUND_NOT_PAID,
		    "only an unpaid (initialized) order can be cancelled; this one is %s: refund a paid order "
		    "instead",
		    msp_order_status_name(order->status));
	}
	return MSP_OK;
}
