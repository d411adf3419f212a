/* Refund arithmetic: what may still be refunded on an order, checked before any traffic.
 *
 * MultiSafepay refunds everything when the amount is omitted, empty or 0 (api.md §3), so msp always
 * sends an explicit positive amount: a refund of "the rest" is computed here (msp_refund_all_amount)
 * and sent as a number. Refunds are cumulative up to the paid amount, in the order's currency, and for
 * cards only within 180 days of the order. MultiSafepay enforces the same rules; checking them first
 * gives the shop a precise error instead of a round trip and a generic 1034. */
#ifndef MSP_CORE_REFUND_H
#define MSP_CORE_REFUND_H

#include <stdint.h>

#include "error.h"
#include "status.h"

/* Card refunds are accepted up to 180 days after the order was created (api.md §3). */
#define MSP_REFUND_CARD_WINDOW_SECONDS ((int64_t)180 * 24 * 60 * 60)

/* Machine-readable refusal reasons, carried in msp_error.reason (Msp\RefundError). Values are stable. */
typedef enum {
	MSP_REFUND_OK = 0,
	MSP_REFUND_INVALID_LEDGER,     /* MSP_ERR_INVALID: no ledger, or it has no valid currency */
	MSP_REFUND_INVALID_CURRENCY,   /* MSP_ERR_INVALID: the requested currency is not 3 letters */
	MSP_REFUND_CURRENCY_MISMATCH,  /* MSP_ERR_INVALID: another currency than the order's */
	MSP_REFUND_INVALID_AMOUNT,     /* MSP_ERR_INVALID: amount <= 0 (0 would refund everything) */
	MSP_REFUND_NOT_PAID,           /* MSP_ERR_STATE: the order status allows no refund */
	MSP_REFUND_ALREADY_REFUNDED,   /* MSP_ERR_STATE: the order is fully refunded */
	MSP_REFUND_TOO_OLD,            /* MSP_ERR_STATE: created more than 180 days ago */
	MSP_REFUND_EXCEEDS_REFUNDABLE, /* MSP_ERR_STATE: more than paid minus already refunded */
	MSP_REFUND_NOTHING_REFUNDABLE, /* MSP_ERR_STATE: refund-all with nothing left */
} msp_refund_reason;

/* What the shop knows about the order, from its last GET or notification. */
typedef struct {
	msp_order_status status;
	msp_tx_status financial_status;
	char currency[4];        /* ISO 4217, NUL-terminated */
	int64_t amount;          /* paid amount in minor units */
	int64_t amount_refunded; /* already refunded, reserved refunds included (see status.h) */
	int64_t created;         /* seconds since 1970 (msp_status_parse_modified); 0: unknown, no age check */
} msp_refund_ledger;

/* MSP_OK when `amount` minor units of `currency` may be refunded on the order at time `now` (seconds).
 * Refusals, in this order: MSP_ERR_INVALID for a bad ledger, currency or amount; MSP_ERR_STATE when
 * the order is not paid (only completed orders, own-MID completed/initialized included, shipped
 * orders whose transaction completed, and partially refunded orders can be refunded), fully refunded,
 * older than 180 days, or when the amount exceeds what is left. Messages give amounts in minor units
 * and the currency. */
msp_status msp_refund_check(
    const msp_refund_ledger *order, const char *currency, int64_t amount, int64_t now, msp_error *err);

/* What may still be refunded: amount - amount_refunded, never negative; 0 when the order status allows
 * no refund (it does not look at the 180-day limit). */
int64_t msp_refund_refundable(const msp_refund_ledger *order);

/* The explicit amount for "refund everything left": every check of msp_refund_check applies, and
 * nothing left is MSP_ERR_STATE (MSP_REFUND_NOTHING_REFUNDABLE, or ALREADY_REFUNDED). */
msp_status msp_refund_all_amount(
    const msp_refund_ledger *order, int64_t now, int64_t *amount, msp_error *err);

/* Captures and cancellations follow the same ledger. A capture needs an authorised order
 * (completed/initialized) and an amount of 1 to the authorised amount; MSP_ERR_STATE otherwise. */
msp_status msp_capture_check(const msp_refund_ledger *order, int64_t amount, msp_error *err);
/* Only an unpaid (initialized) order can be cancelled (api.md §3). */
msp_status msp_cancel_check(const msp_refund_ledger *order, msp_error *err);

/* "currency_mismatch", ...; "unknown" out of range. */
const char *msp_refund_reason_name(msp_refund_reason reason);

#endif
