/* Order and transaction statuses, and the status flow a shop applies when a notification or a GET
 * tells it an order's current state (api.md §5, §6).
 *
 * Everything the flow knows is in one static table (status.c) of (order status, transaction status)
 * rows, each naming a stage of the flow and the action the shop takes on reaching it. The stages form
 * a graph (which stage may follow which); msp_status_transition() compares what the shop has stored
 * with what arrives and decides: progress (apply, with one shop action), duplicate, stale (an older
 * snapshot arriving late) or regression (a move the flow never makes). MultiSafepay resends each
 * notification up to four times and delivers out of order, so the rules are built to give one shop
 * action per real step, never move an order backwards, and end on the last real state whatever the
 * delivery order (tests/unit/test_status.c checks this over every permutation of the real flows). */
#ifndef MSP_CORE_STATUS_H
#define MSP_CORE_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* The order status (`status`). Values are stable: the binding exposes them as Msp\OrderStatus. Every
 * order status MultiSafepay's documentation lists is one (the Status schema, the payment-statuses
 * page and the status filter of the transaction listing). */
typedef enum {
	MSP_ORDER_STATUS_UNKNOWN = 0, /* missing, empty or not a status MultiSafepay documents */
	MSP_ORDER_STATUS_INITIALIZED,
	MSP_ORDER_STATUS_COMPLETED,
	MSP_ORDER_STATUS_UNCLEARED,
	MSP_ORDER_STATUS_DECLINED,
	MSP_ORDER_STATUS_EXPIRED,
	MSP_ORDER_STATUS_VOID,
	MSP_ORDER_STATUS_CANCELLED,
	MSP_ORDER_STATUS_REFUNDED,
	MSP_ORDER_STATUS_PARTIAL_REFUNDED,
	MSP_ORDER_STATUS_RESERVED,
	MSP_ORDER_STATUS_CHARGEBACK, /* also spelled "chargedback" */
	MSP_ORDER_STATUS_SHIPPED,
} msp_order_status;

#define MSP_ORDER_STATUS_COUNT 13

/* The transaction status (`financial_status`). Values are stable (Msp\TransactionStatus). Every
 * transaction status MultiSafepay's documentation lists is one: the FinancialStatus schema, the
 * payment-statuses page (reserved, refunded, partial_refunded for refunds) and the financial_status
 * filter of the transaction listing (created, error, manual, new). */
typedef enum {
	MSP_TX_STATUS_UNKNOWN = 0,
	MSP_TX_STATUS_INITIALIZED,
	MSP_TX_STATUS_COMPLETED,
	MSP_TX_STATUS_UNCLEARED,
	MSP_TX_STATUS_DECLINED,
	MSP_TX_STATUS_EXPIRED,
	MSP_TX_STATUS_VOID,
	MSP_TX_STATUS_CANCELLED,
	MSP_TX_STATUS_RESERVED,
	MSP_TX_STATUS_REFUNDED,
	MSP_TX_STATUS_CHARGEBACK,
	MSP_TX_STATUS_PARTIAL_REFUNDED,
	MSP_TX_STATUS_CREATED,
	MSP_TX_STATUS_ERROR,
	MSP_TX_STATUS_MANUAL,
	MSP_TX_STATUS_NEW,
} msp_tx_status;

#define MSP_TX_STATUS_COUNT 16

/* What the shop does when the flow reaches a row (Msp\ShopAction). IGNORE: nothing to do. */
typedef enum {
	MSP_SHOP_ACTION_IGNORE = 0,
	MSP_SHOP_ACTION_AWAIT_PAYMENT,
	MSP_SHOP_ACTION_HOLD_FOR_REVIEW,
	MSP_SHOP_ACTION_MARK_PAID,
	MSP_SHOP_ACTION_CANCEL,
	MSP_SHOP_ACTION_EXPIRE,
	MSP_SHOP_ACTION_DECLINE,
	MSP_SHOP_ACTION_REFUND_PENDING,
	MSP_SHOP_ACTION_REFUNDED,
	MSP_SHOP_ACTION_PARTIALLY_REFUNDED,
	MSP_SHOP_ACTION_CHARGEBACK,
} msp_shop_action;

#define MSP_SHOP_ACTION_COUNT 11

/* Stages of the flow, declared in a topological order of the stage graph (status.c): a later stage
 * may follow an earlier one, never the reverse. Which moves are allowed is the graph's business; the
 * order only makes "lower" meaningful. Values are stable: shops persist them. */
typedef enum {
	MSP_STAGE_NONE = 0,           /* nothing known yet (or, in a table row, not a flow state) */
	MSP_STAGE_PENDING,            /* awaiting payment (3-D Secure, payment link) */
	MSP_STAGE_REVIEW,             /* held for review (fraud filter, own-MID uncleared) */
	MSP_STAGE_AUTHORISED,         /* completed/initialized: paid (own MID) or authorised (manual capture) */
	MSP_STAGE_CLOSED,             /* declined, expired, cancelled or voided without payment: terminal */
	MSP_STAGE_PAID,               /* completed/completed: funds on the MultiSafepay balance */
	MSP_STAGE_SHIPPED,            /* paid and marked shipped */
	MSP_STAGE_REFUND_PENDING,     /* a refund is reserved (not paid out yet) */
	MSP_STAGE_PARTIALLY_REFUNDED, /* part of the amount refunded */
	MSP_STAGE_REFUNDED,           /* fully refunded: terminal (only a chargeback may follow) */
	MSP_STAGE_CHARGEBACK,         /* payment reversed by the issuer: terminal */
} msp_flow_stage;

#define MSP_STAGE_COUNT 11

/* Which stored stage a row applies after. The same pair can mean two things: void/void is an
 * authorisation cancelled before capture (api.md §5) but a chargeback once the order was paid
 * (MultiSafepay's status overview). */
typedef enum {
	MSP_STATUS_CONTEXT_ANY = 0,
	MSP_STATUS_CONTEXT_BEFORE_PAYMENT, /* stored stage has no money on the MultiSafepay balance */
	MSP_STATUS_CONTEXT_AFTER_PAYMENT,  /* stored stage is paid, shipped, refunding/refunded or charged back */
} msp_status_context;

/* One row of the status table. */
typedef struct {
	msp_order_status order; /* MSP_ORDER_STATUS_UNKNOWN only in the last row: anything unrecognised */
	msp_tx_status tx;       /* ignored when any_tx */
	bool any_tx;            /* fallback row: this order status with a transaction status of no other row */
	msp_status_context context; /* the stored stage the row applies after */
	bool after_authorisation;   /* a closing row that may also follow MSP_STAGE_AUTHORISED */
	msp_flow_stage stage;       /* MSP_STAGE_NONE: not a card flow state, nothing is applied */
	msp_shop_action action;
	const char *meaning; /* one line of English for the README table */
} msp_status_row;

/* Parsing is tolerant: surrounding ASCII whitespace is ignored, case does not matter, "chargedback"
 * means chargeback. Anything else (NULL, empty, unknown words, embedded NULs) is UNKNOWN. */
msp_order_status msp_order_status_parse(const char *s, size_t len);
msp_tx_status msp_tx_status_parse(const char *s, size_t len);
/* Canonical API spelling ("partial_refunded"); "unknown" for UNKNOWN and out-of-range values. */
const char *msp_order_status_name(msp_order_status status);
const char *msp_tx_status_name(msp_tx_status status);
/* "mark_paid", "ignore", ...; "unknown" out of range. */
const char *msp_shop_action_name(msp_shop_action action);
/* "pending", "partially_refunded", ...; "unknown" out of range. */
const char *msp_flow_stage_name(msp_flow_stage stage);

/* Terminal: the normal flow ends here (closed, refunded, chargeback). A chargeback may still follow a
 * full refund; nothing follows a closed order or a chargeback. */
bool msp_flow_stage_is_terminal(msp_flow_stage stage);
/* Paid: money was collected and not reversed (authorised through refund pending/partially refunded).
 * A fully refunded order was paid but is not "paid" any more. */
bool msp_flow_stage_is_paid(msp_flow_stage stage);

/* The table, for generators and the binding. Rows are in a fixed order. */
size_t msp_status_table_count(void);
const msp_status_row *msp_status_table_row(size_t index); /* NULL when out of range */

/* The row for a pair, given the stage the shop has stored (MSP_STAGE_NONE when none): the pair's own
 * row whose context fits, else the order status's fallback row, else the last (unrecognised) row.
 * Never NULL. A fallback never marks an order paid unless the order status is completed: whether an
 * order is paid is decided by the order status, not the transaction status (own-MID cards stay
 * financially "initialized"). */
const msp_status_row *msp_status_lookup(msp_order_status order, msp_tx_status tx, msp_flow_stage stored);

/* The stage of an order seen on its own (no stored history), with its amounts: refunded amounts move a
 * paid order into the refund stages (see msp_status_state). MSP_STAGE_NONE when unrecognised. */
msp_flow_stage msp_status_stage_of(
    msp_order_status order, msp_tx_status tx, int64_t amount, int64_t amount_refunded);

/* A snapshot of an order's state: what the shop stores, and what arrives.
 *
 * amount_refunded counts every refund from the moment it is requested, reserved ones included: pass
 * the larger of the order's `amount_refunded` and the sum of its refund `related_transactions` that
 * are reserved, initialized or completed. With that rule every new refund raises the amount and a
 * refund completing keeps it, which is what lets two partial refunds arriving in any order be told
 * apart from one refund's two notifications.
 *
 * stage is what msp_status_transition() returned in `next`; store it with the statuses. In an incoming
 * snapshot it is ignored. A stored state with stage MSP_STAGE_NONE and known statuses (older data) is
 * derived from the statuses as if seen on its own. */
typedef struct {
	msp_order_status order;
	msp_tx_status tx;
	int64_t amount;          /* order amount in minor units; 0 when unknown */
	int64_t amount_refunded; /* see above; 0 when none */
	int64_t modified;        /* MultiSafepay `modified` in seconds (msp_status_parse_modified); 0 unknown */
	msp_flow_stage stage;
} msp_status_state;

/* The decision for one incoming snapshot. Exactly one of progress/duplicate/stale/regression/unknown
 * is set.
 *   progress    the order moved forward: apply `action`, store `next`.
 *   duplicate   same stage as stored (a resend, or an equivalent spelling such as refunded/refunded for
 *               refunded/completed): IGNORE. `applied` is set when the snapshot is newer by `modified`
 *               and spelled differently, so `next` keeps the latest statuses.
 *   stale       an earlier state of this order arriving late (a lower stage that precedes the stored
 *               one and is not newer by `modified`, or the same stage older by `modified`): IGNORE.
 *   regression  a move the flow never makes: backwards while newer by `modified` (the source says the
 *               order went back: completed -> initialized, refunded -> completed), or between stages
 *               with no path (paid -> declined, a payment after a closed order). Never applied:
 *               IGNORE. Reconcile with GET and alert.
 *   unknown     the snapshot is no card flow state (unrecognised order status, shipped without a
 *               completed transaction): IGNORE, nothing stored.
 * `modified` never blocks progress: it is a zone-less, second-resolution field, so it only orders
 * snapshots of one stage and tells a late delivery (stale) from a source going backwards (regression).
 *
 * action on progress is the row's action, except that the refund stages reached through amounts give
 * PARTIALLY_REFUNDED / REFUNDED, and MARK_PAID is given only by the first step into a paid stage
 * (a capture after an authorisation, or shipping, is then IGNORE with `applied`).
 * newly_paid is set by the first step into a stage that proves a payment (authorised and later,
 * refunds and chargeback included) whatever its action: if the MARK_PAID notification was lost or
 * arrives after a refund notification, the shop still learns of the payment exactly once. */
typedef struct {
	msp_shop_action action;
	bool applied; /* store `next` */
	bool progress;
	bool duplicate;
	bool stale;
	bool regression;
	bool unknown;
	bool newly_paid;
	const msp_status_row *row; /* the incoming snapshot's row */
	msp_status_state next;     /* the state to store: the stored one when nothing was applied */
} msp_status_result;

/* stored: the shop's state, or NULL for an order it knows nothing about. Returns MSP_ERR_INVALID only
 * for NULL incoming/out. */
msp_status msp_status_transition(
    const msp_status_state *stored, const msp_status_state *incoming, msp_status_result *out, msp_error *err);

/* MultiSafepay's `created`/`modified` ("YYYY-MM-DDTHH:MM:SS", no zone) as seconds since 1970 read as
 * UTC (the zone does not matter: the value is only compared). False when malformed. */
bool msp_status_parse_modified(const char *s, size_t len, int64_t *out);

#endif
