#include "status.h"

#include <string.h>

#define STAGE_BIT(stage) (1u << (stage))

/* ---- Names ------------------------------------------------------------------------------------ */

static const char *const order_status_names[MSP_ORDER_STATUS_COUNT] = {
    [MSP_ORDER_STATUS_UNKNOWN] = "unknown",
    [MSP_ORDER_STATUS_INITIALIZED] = "initialized",
    [MSP_ORDER_STATUS_COMPLETED] = "completed",
    [MSP_ORDER_STATUS_UNCLEARED] = "uncleared",
    [MSP_ORDER_STATUS_DECLINED] = "declined",
    [MSP_ORDER_STATUS_EXPIRED] = "expired",
    [MSP_ORDER_STATUS_VOID] = "void",
    [MSP_ORDER_STATUS_CANCELLED] = "cancelled",
    [MSP_ORDER_STATUS_REFUNDED] = "refunded",
    [MSP_ORDER_STATUS_PARTIAL_REFUNDED] = "partial_refunded",
    [MSP_ORDER_STATUS_RESERVED] = "reserved",
    [MSP_ORDER_STATUS_CHARGEBACK] = "chargeback",
    [MSP_ORDER_STATUS_SHIPPED] = "shipped",
};

static const char *const tx_status_names[MSP_TX_STATUS_COUNT] = {
    [MSP_TX_STATUS_UNKNOWN] = "unknown",
    [MSP_TX_STATUS_INITIALIZED] = "initialized",
    [MSP_TX_STATUS_COMPLETED] = "completed",
    [MSP_TX_STATUS_UNCLEARED] = "uncleared",
    [MSP_TX_STATUS_DECLINED] = "declined",
    [MSP_TX_STATUS_EXPIRED] = "expired",
    [MSP_TX_STATUS_VOID] = "void",
    [MSP_TX_STATUS_CANCELLED] = "cancelled",
    [MSP_TX_STATUS_RESERVED] = "reserved",
    [MSP_TX_STATUS_REFUNDED] = "refunded",
    [MSP_TX_STATUS_CHARGEBACK] = "chargeback",
    [MSP_TX_STATUS_PARTIAL_REFUNDED] = "partial_refunded",
    [MSP_TX_STATUS_CREATED] = "created",
    [MSP_TX_STATUS_ERROR] = "error",
    [MSP_TX_STATUS_MANUAL] = "manual",
    [MSP_TX_STATUS_NEW] = "new",
};

static const char *const shop_action_names[MSP_SHOP_ACTION_COUNT] = {
    [MSP_SHOP_ACTION_IGNORE] = "ignore",
    [MSP_SHOP_ACTION_AWAIT_PAYMENT] = "await_payment",
    [MSP_SHOP_ACTION_HOLD_FOR_REVIEW] = "hold_for_review",
    [MSP_SHOP_ACTION_MARK_PAID] = "mark_paid",
    [MSP_SHOP_ACTION_CANCEL] = "cancel",
    [MSP_SHOP_ACTION_EXPIRE] = "expire",
    [MSP_SHOP_ACTION_DECLINE] = "decline",
    [MSP_SHOP_ACTION_REFUND_PENDING] = "refund_pending",
    [MSP_SHOP_ACTION_REFUNDED] = "refunded",
    [MSP_SHOP_ACTION_PARTIALLY_REFUNDED] = "partially_refunded",
    [MSP_SHOP_ACTION_CHARGEBACK] = "chargeback",
};

/* One SDK spells the chargeback status "chargedback" (api.md §5). */
#define CHARGEBACK_ALIAS "chargedback"

/* ---- The stage graph -------------------------------------------------------------------------- */

/* Stages an order can be in before any money moved. */
#define OPEN_STAGES (STAGE_BIT(MSP_STAGE_NONE) | STAGE_BIT(MSP_STAGE_PENDING) | STAGE_BIT(MSP_STAGE_REVIEW))
/* Stages from which a refund can start or continue. A stored unpaid stage is allowed too: the shop may
 * have missed the payment notification, and a refund proves the payment. */
#define REFUNDABLE_STAGES                                                                                    \
	(OPEN_STAGES | STAGE_BIT(MSP_STAGE_AUTHORISED) | STAGE_BIT(MSP_STAGE_PAID) |                             \
	    STAGE_BIT(MSP_STAGE_SHIPPED) | STAGE_BIT(MSP_STAGE_REFUND_PENDING) |                                 \
	    STAGE_BIT(MSP_STAGE_PARTIALLY_REFUNDED))

typedef struct {
	const char *name;
	unsigned follows; /* the stages this one may follow (bit per msp_flow_stage) */
	bool terminal;
	bool paid;      /* money collected and not returned */
	bool collected; /* money was collected at some point (a refund or chargeback proves it) */
	bool settled;   /* money reached the MultiSafepay balance: context AFTER_PAYMENT */
	/* Paid stages are ordered by refunded amount first, then by stage, so a second refund request is
	 * progress after the first refund completed. */
	bool ranked_by_refund;
	msp_shop_action amount_action; /* action when reached through the refunded amount (IGNORE is 0) */
} stage_info;

/* Terminal failures close an order only before payment; the one exception (a voided authorisation)
 * is a row flag, because declined/expired never follow an authorisation. A chargeback may follow any
 * stage that is not closed: the shop may have missed the payment, never the reversal. */
static const stage_info stages[MSP_STAGE_COUNT] = {
    [MSP_STAGE_NONE] = {.name = "none"},
    [MSP_STAGE_PENDING] = {.name = "pending", .follows = STAGE_BIT(MSP_STAGE_NONE)},
    [MSP_STAGE_REVIEW] = {.name = "review",
        .follows = STAGE_BIT(MSP_STAGE_NONE) | STAGE_BIT(MSP_STAGE_PENDING)},
    [MSP_STAGE_AUTHORISED] = {.name = "authorised",
        .follows = OPEN_STAGES,
        .paid = true,
        .collected = true,
        .ranked_by_refund = true},
    [MSP_STAGE_CLOSED] = {.name = "closed",
        .follows = OPEN_STAGES | STAGE_BIT(MSP_STAGE_AUTHORISED),
        .terminal = true},
    [MSP_STAGE_PAID] = {.name = "paid",
        .follows = OPEN_STAGES | STAGE_BIT(MSP_STAGE_AUTHORISED),
        .paid = true,
        .collected = true,
        .settled = true,
        .ranked_by_refund = true},
    [MSP_STAGE_SHIPPED] = {.name = "shipped",
        .follows = OPEN_STAGES | STAGE_BIT(MSP_STAGE_AUTHORISED) | STAGE_BIT(MSP_STAGE_PAID),
        .paid = true,
        .collected = true,
        .settled = true,
        .ranked_by_refund = true},
    [MSP_STAGE_REFUND_PENDING] = {.name = "refund_pending",
        .follows = REFUNDABLE_STAGES,
        .paid = true,
        .collected = true,
        .settled = true,
        .ranked_by_refund = true,
        .amount_action = MSP_SHOP_ACTION_REFUND_PENDING},
    [MSP_STAGE_PARTIALLY_REFUNDED] = {.name = "partially_refunded",
        .follows = REFUNDABLE_STAGES,
        .paid = true,
        .collected = true,
        .settled = true,
        .ranked_by_refund = true,
        .amount_action = MSP_SHOP_ACTION_PARTIALLY_REFUNDED},
    [MSP_STAGE_REFUNDED] = {.name = "refunded",
        .follows = REFUNDABLE_STAGES,
        .terminal = true,
        .collected = true,
        .settled = true,
        .ranked_by_refund = true,
        .amount_action = MSP_SHOP_ACTION_REFUNDED},
    [MSP_STAGE_CHARGEBACK] = {.name = "chargeback",
        .follows = REFUNDABLE_STAGES | STAGE_BIT(MSP_STAGE_REFUNDED),
        .terminal = true,
        .collected = true,
        .settled = true},
};

/* ---- The status table (api.md §5; the README table is generated from it) ------------------------ */

/* after_authorisation: whether this closing row may follow MSP_STAGE_AUTHORISED. */
#define CONTEXT_ROW(o, t, context, after_authorisation, stage, action, meaning)                              \
	{                                                                                                        \
		MSP_ORDER_STATUS_##o, MSP_TX_STATUS_##t, false, MSP_STATUS_CONTEXT_##context, after_authorisation,   \
		    MSP_STAGE_##stage, MSP_SHOP_ACTION_##action, meaning                                             \
	}
#define ROW(o, t, stage, action, meaning) CONTEXT_ROW(o, t, ANY, false, stage, action, meaning)
#define ANY_TX_ROW(o, stage, action, meaning)                                                                \
	{                                                                                                        \
		MSP_ORDER_STATUS_##o, MSP_TX_STATUS_UNKNOWN, true, MSP_STATUS_CONTEXT_ANY, false, MSP_STAGE_##stage, \
		    MSP_SHOP_ACTION_##action, meaning                                                                \
	}

static const msp_status_row status_table[] = {
    /* Card payment flow. */
    ROW(INITIALIZED, INITIALIZED, PENDING, AWAIT_PAYMENT,
        "Awaiting payment: 3-D Secure or payment link pending"),
    ROW(UNCLEARED, UNCLEARED, REVIEW, HOLD_FOR_REVIEW,
        "Held by the fraud filter for merchant review (expires after 5 days)"),
    ROW(UNCLEARED, INITIALIZED, REVIEW, HOLD_FOR_REVIEW, "Own MID (American Express): held for review"),
    ROW(COMPLETED, INITIALIZED, AUTHORISED, MARK_PAID,
        "Paid: own MID (American Express pays the merchant directly), or authorised for manual capture"),
    ROW(COMPLETED, COMPLETED, PAID, MARK_PAID,
        "Paid, funds on the MultiSafepay balance (also: manual capture done)"),
    ROW(SHIPPED, COMPLETED, SHIPPED, MARK_PAID, "Paid and marked as shipped"),
    ROW(DECLINED, DECLINED, CLOSED, DECLINE, "Rejected by the issuer, the acquirer or the merchant's review"),
    ROW(EXPIRED, EXPIRED, CLOSED, EXPIRE, "Not finished in time (direct card orders expire after 1 hour)"),
    ROW(VOID, CANCELLED, CLOSED, CANCEL, "Cancelled before payment"),
    /* The same pair before and after payment (see msp_status_context). */
    CONTEXT_ROW(VOID, VOID, BEFORE_PAYMENT, true, CLOSED, CANCEL,
        "Before payment: authorisation cancelled or expired (Visa 7 days, Mastercard/Maestro 30)"),
    CONTEXT_ROW(VOID, VOID, AFTER_PAYMENT, false, CHARGEBACK, CHARGEBACK,
        "After payment: chargeback (as MultiSafepay's status overview lists it)"),
    /* Refunds and chargebacks, as the order shows them. */
    ROW(RESERVED, RESERVED, REFUND_PENDING, REFUND_PENDING,
        "Refund requested, not paid out yet (until midnight, or while the balance is short)"),
    ROW(PARTIAL_REFUNDED, COMPLETED, PARTIALLY_REFUNDED, PARTIALLY_REFUNDED, "Part of the amount refunded"),
    ROW(PARTIAL_REFUNDED, PARTIAL_REFUNDED, PARTIALLY_REFUNDED, PARTIALLY_REFUNDED,
        "Part of the amount refunded (as MultiSafepay's status overview lists it)"),
    ROW(REFUNDED, COMPLETED, REFUNDED, REFUNDED, "Fully refunded"),
    ROW(REFUNDED, REFUNDED, REFUNDED, REFUNDED, "Fully refunded"),
    ROW(CHARGEBACK, COMPLETED, CHARGEBACK, CHARGEBACK, "Chargeback: the issuer reversed the payment"),
    /* Any other transaction status: decided by the order status alone. */
    ANY_TX_ROW(INITIALIZED, PENDING, AWAIT_PAYMENT, "Awaiting payment"),
    ANY_TX_ROW(UNCLEARED, REVIEW, HOLD_FOR_REVIEW, "Held for review"),
    ANY_TX_ROW(
        COMPLETED, AUTHORISED, MARK_PAID, "Paid: the order status decides, not the transaction status"),
    ANY_TX_ROW(DECLINED, CLOSED, DECLINE, "Declined"),
    ANY_TX_ROW(EXPIRED, CLOSED, EXPIRE, "Expired"),
    ANY_TX_ROW(VOID, CLOSED, CANCEL, "Cancelled before payment"),
    ANY_TX_ROW(
        CANCELLED, CLOSED, CANCEL, "Cancelled before payment (unpaid order cancelled by the merchant)"),
    ANY_TX_ROW(RESERVED, REFUND_PENDING, REFUND_PENDING, "Refund requested"),
    ANY_TX_ROW(PARTIAL_REFUNDED, PARTIALLY_REFUNDED, PARTIALLY_REFUNDED, "Part of the amount refunded"),
    ANY_TX_ROW(REFUNDED, REFUNDED, REFUNDED, "Fully refunded"),
    ANY_TX_ROW(CHARGEBACK, CHARGEBACK, CHARGEBACK, "Chargeback"),
    ANY_TX_ROW(SHIPPED, NONE, IGNORE, "Shipped without a completed card payment: not applied"),
    /* Must stay last: msp_status_lookup() falls back to it. */
    ANY_TX_ROW(UNKNOWN, NONE, IGNORE, "Unrecognised order status: not applied"),
};

#define STATUS_TABLE_COUNT (sizeof(status_table) / sizeof(status_table[0]))

/* ---- Parsing ---------------------------------------------------------------------------------- */

static bool is_ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static char ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static void trim_ascii_space(const char **s, size_t *len)
{
	while (*len > 0 && is_ascii_space((*s)[0])) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_ascii_space((*s)[*len - 1])) {
		(*len)--;
	}
}

/* word is lower case; an embedded NUL in s never matches. */
static bool equals_ignoring_case(const char *s, size_t len, const char *word)
{
	if (strlen(word) != len) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (ascii_lower(s[i]) != word[i]) {
			return false;
		}
	}
	return true;
}

/* Index of the matching name (index 0, "unknown", is never matched), or 0. */
static int find_name(const char *s, size_t len, const char *const *names, int count)
{
	if (s == NULL) {
		return 0;
	}
	trim_ascii_space(&s, &len);
	for (int i = 1; i < count; i++) {
		if (equals_ignoring_case(s, len, names[i])) {
			return i;
		}
	}
	return equals_ignoring_case(s, len, CHARGEBACK_ALIAS) ? -1 : 0;
}

msp_order_status msp_order_status_parse(const char *s, size_t len)
{
	int found = find_name(s, len, order_status_names, MSP_ORDER_STATUS_COUNT);
	return found < 0 ? MSP_ORDER_STATUS_CHARGEBACK : (msp_order_status)found;
}

msp_tx_status msp_tx_status_parse(const char *s, size_t len)
{
	int found = find_name(s, len, tx_status_names, MSP_TX_STATUS_COUNT);
	return found < 0 ? MSP_TX_STATUS_CHARGEBACK : (msp_tx_status)found;
}

const char *msp_order_status_name(msp_order_status status)
{
	return ((unsigned)status < MSP_ORDER_STATUS_COUNT) ? order_status_names[status] : "unknown";
}

const char *msp_tx_status_name(msp_tx_status status)
{
	return ((unsigned)status < MSP_TX_STATUS_COUNT) ? tx_status_names[status] : "unknown";
}

const char *msp_shop_action_name(msp_shop_action action)
{
	return ((unsigned)action < MSP_SHOP_ACTION_COUNT) ? shop_action_names[action] : "unknown";
}

const char *msp_flow_stage_name(msp_flow_stage stage)
{
	return ((unsigned)stage < MSP_STAGE_COUNT) ? stages[stage].name : "unknown";
}

bool msp_flow_stage_is_terminal(msp_flow_stage stage)
{
	return (unsigned)stage < MSP_STAGE_COUNT && stages[stage].terminal;
}

bool msp_flow_stage_is_paid(msp_flow_stage stage)
{
	return (unsigned)stage < MSP_STAGE_COUNT && stages[stage].paid;
}

/* ---- Table access ----------------------------------------------------------------------------- */

size_t msp_status_table_count(void)
{
	return STATUS_TABLE_COUNT;
}

const msp_status_row *msp_status_table_row(size_t index)
{
	return index < STATUS_TABLE_COUNT ? &status_table[index] : NULL;
}

static bool context_fits(msp_status_context context, msp_flow_stage stored)
{
	switch (context) {
		case MSP_STATUS_CONTEXT_BEFORE_PAYMENT:
			return !stages[stored].settled;
		case MSP_STATUS_CONTEXT_AFTER_PAYMENT:
			return stages[stored].settled;
		default:
			return true;
	}
}

static msp_flow_stage valid_stage_or_none(msp_flow_stage stage)
{
	return (unsigned)stage < MSP_STAGE_COUNT ? stage : MSP_STAGE_NONE;
}

const msp_status_row *msp_status_lookup(msp_order_status order, msp_tx_status tx, msp_flow_stage stored)
{
	stored = valid_stage_or_none(stored);
	for (size_t i = 0; i < STATUS_TABLE_COUNT; i++) {
		const msp_status_row *row = &status_table[i];
		if (!row->any_tx && row->order == order && row->tx == tx && context_fits(row->context, stored)) {
			return row;
		}
	}
	for (size_t i = 0; i < STATUS_TABLE_COUNT; i++) {
		if (status_table[i].any_tx && status_table[i].order == order) {
			return &status_table[i];
		}
	}
	return &status_table[STATUS_TABLE_COUNT - 1];
}

/* A paid order with refunded money is in the refund stages whatever its status says: MultiSafepay may
 * report a partly refunded order as completed, and a refund that reaches the full amount is a full
 * refund. */
static msp_flow_stage refine_by_amounts(msp_flow_stage stage, int64_t amount, int64_t refunded)
{
	bool paid_without_refund_stage =
	    stage == MSP_STAGE_AUTHORISED || stage == MSP_STAGE_PAID || stage == MSP_STAGE_SHIPPED;
	if (paid_without_refund_stage && refunded > 0) {
		stage = MSP_STAGE_PARTIALLY_REFUNDED;
	}
	if (stage == MSP_STAGE_PARTIALLY_REFUNDED && amount > 0 && refunded >= amount) {
		stage = MSP_STAGE_REFUNDED;
	}
	return stage;
}

msp_flow_stage msp_status_stage_of(
    msp_order_status order, msp_tx_status tx, int64_t amount, int64_t amount_refunded)
{
	const msp_status_row *row = msp_status_lookup(order, tx, MSP_STAGE_NONE);
	return refine_by_amounts(row->stage, amount, amount_refunded);
}

/* ---- Transitions ------------------------------------------------------------------------------ */

/* Every stage from which `stage` can be reached: the snapshots that may legitimately arrive late. */
static unsigned ancestors_of(msp_flow_stage stage)
{
	unsigned set = stages[stage].follows;
	unsigned before;
	do {
		before = set;
		for (int s = 0; s < MSP_STAGE_COUNT; s++) {
			if (set & STAGE_BIT(s)) {
				set |= stages[s].follows;
			}
		}
	} while (set != before);
	return set;
}

static bool precedes(msp_flow_stage earlier, msp_flow_stage later)
{
	return (ancestors_of(later) & STAGE_BIT(earlier)) != 0;
}

static bool may_follow(const msp_status_row *row, msp_flow_stage from, msp_flow_stage to)
{
	if ((stages[to].follows & STAGE_BIT(from)) == 0) {
		return false;
	}
	/* Declined or expired never follow an authorisation; only its void does. */
	return !(from == MSP_STAGE_AUTHORISED && to == MSP_STAGE_CLOSED) || row->after_authorisation;
}

static int64_t non_negative(int64_t value)
{
	return value > 0 ? value : 0;
}

/* A full refund ranks above any amount: its own amount may be missing or smaller than the order's. */
static int64_t refund_rank_amount(msp_flow_stage stage, int64_t refunded)
{
	return stage == MSP_STAGE_REFUNDED ? INT64_MAX : non_negative(refunded);
}

/* Where `to` lies relative to `from`: <0 before, 0 same place, >0 after. Paid stages compare by
 * refunded amount, then position; the others by their topological order. */
static int compare_positions(
    msp_flow_stage from, int64_t from_refunded, msp_flow_stage to, int64_t to_refunded)
{
	if (stages[from].ranked_by_refund && stages[to].ranked_by_refund) {
		int64_t a = refund_rank_amount(from, from_refunded);
		int64_t b = refund_rank_amount(to, to_refunded);
		if (a != b) {
			return b > a ? 1 : -1;
		}
	}
	return (int)to - (int)from;
}

typedef enum { MOVE_PROGRESS, MOVE_SAME_STAGE, MOVE_STALE, MOVE_REGRESSION } move_kind;

static bool is_newer(int64_t incoming, int64_t stored)
{
	return incoming > 0 && stored > 0 && incoming > stored;
}

static bool is_older(int64_t incoming, int64_t stored)
{
	return incoming > 0 && stored > 0 && incoming < stored;
}

static move_kind classify_move(const msp_status_state *prev, const msp_status_row *row, msp_flow_stage to,
    const msp_status_state *incoming)
{
	if (prev->stage == MSP_STAGE_NONE) {
		return MOVE_PROGRESS;
	}
	int direction = compare_positions(prev->stage, prev->amount_refunded, to, incoming->amount_refunded);
	if (direction == 0) {
		return MOVE_SAME_STAGE;
	}
	if (direction > 0 && may_follow(row, prev->stage, to)) {
		return MOVE_PROGRESS;
	}
	if (direction < 0 && precedes(to, prev->stage) && !is_newer(incoming->modified, prev->modified)) {
		return MOVE_STALE;
	}
	return MOVE_REGRESSION;
}

static bool same_snapshot(const msp_status_state *a, const msp_status_state *b)
{
	return a->order == b->order && a->tx == b->tx &&
	       non_negative(a->amount_refunded) == non_negative(b->amount_refunded);
}

static msp_status_state next_state(
    const msp_status_state *prev, const msp_status_state *incoming, msp_flow_stage stage, int64_t amount)
{
	msp_status_state next = *incoming;
	next.stage = stage;
	next.amount = amount;
	/* Refunds never shrink, and a missing `modified` keeps the last one known. */
	next.amount_refunded = non_negative(incoming->amount_refunded) > non_negative(prev->amount_refunded)
	                           ? non_negative(incoming->amount_refunded)
	                           : non_negative(prev->amount_refunded);
	next.modified = incoming->modified > prev->modified ? incoming->modified : prev->modified;
	return next;
}

/* MARK_PAID is said once: a capture after an authorisation, or shipping, tells the shop nothing new. */
static msp_shop_action progress_action(const msp_status_row *row, msp_flow_stage stage, bool newly_paid)
{
	msp_shop_action action = stage != row->stage ? stages[stage].amount_action : row->action;
	return (action == MSP_SHOP_ACTION_MARK_PAID && !newly_paid) ? MSP_SHOP_ACTION_IGNORE : action;
}

static msp_status_state stored_or_empty(const msp_status_state *stored)
{
	msp_status_state state;
	memset(&state, 0, sizeof(state));
	if (stored == NULL) {
		return state;
	}
	state = *stored;
	state.stage = valid_stage_or_none(state.stage);
	if (state.stage == MSP_STAGE_NONE) {
		state.stage = msp_status_stage_of(state.order, state.tx, state.amount, state.amount_refunded);
	}
	return state;
}

static void apply_same_stage(const msp_status_state *prev, const msp_status_state *incoming,
    msp_flow_stage stage, int64_t amount, msp_status_result *out)
{
	if (same_snapshot(prev, incoming)) {
		out->duplicate = true;
	} else if (is_older(incoming->modified, prev->modified)) {
		out->stale = true;
	} else {
		out->duplicate = true;
		/* An equivalent spelling that is newer: keep the latest statuses, tell the shop nothing. */
		if (is_newer(incoming->modified, prev->modified)) {
			out->applied = true;
			out->next = next_state(prev, incoming, stage, amount);
		}
	}
}

msp_status msp_status_transition(
    const msp_status_state *stored, const msp_status_state *incoming, msp_status_result *out, msp_error *err)
{
	if (incoming == NULL || out == NULL) {
		return msp_error_set(
		    err, MSP_ERR_INVALID, 0, "status transition needs an incoming state and a result");
	}
	msp_status_state prev = stored_or_empty(stored);
	memset(out, 0, sizeof(*out));
	out->action = MSP_SHOP_ACTION_IGNORE;
	out->next = prev;
	out->row = msp_status_lookup(incoming->order, incoming->tx, prev.stage);
	if (out->row->stage == MSP_STAGE_NONE) {
		out->unknown = true;
		return MSP_OK;
	}
	int64_t amount = incoming->amount > 0 ? incoming->amount : prev.amount;
	msp_flow_stage stage = refine_by_amounts(out->row->stage, amount, incoming->amount_refunded);
	switch (classify_move(&prev, out->row, stage, incoming)) {
		case MOVE_PROGRESS:
			out->progress = true;
			out->applied = true;
			out->newly_paid = !stages[prev.stage].collected && stages[stage].collected;
			out->action = progress_action(out->row, stage, out->newly_paid);
			out->next = next_state(&prev, incoming, stage, amount);
			break;
		case MOVE_SAME_STAGE:
			apply_same_stage(&prev, incoming, stage, amount, out);
			break;
		case MOVE_STALE:
			out->stale = true;
			break;
		case MOVE_REGRESSION:
			out->regression = true;
			break;
	}
	return MSP_OK;
}

/* ---- Timestamps ------------------------------------------------------------------------------- */

static bool read_digits(const char *s, size_t count, int *out)
{
	int value = 0;
	for (size_t i = 0; i < count; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
		value = value * 10 + (s[i] - '0');
	}
	*out = value;
	return true;
}

static bool is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return (month == 2 && is_leap_year(year)) ? 29 : days[month - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t year_of_era = y - era * 400;
	int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * 146097 + day_of_era - 719468;
}

bool msp_status_parse_modified(const char *s, size_t len, int64_t *out)
{
	if (s == NULL || out == NULL) {
		return false;
	}
	trim_ascii_space(&s, &len);
	/* YYYY-MM-DDTHH:MM:SS */
	if (len != 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' ||
	    s[16] != ':') {
		return false;
	}
	int year, month, day, hour, minute, second;
	if (!read_digits(s, 4, &year) || !read_digits(s + 5, 2, &month) || !read_digits(s + 8, 2, &day) ||
	    !read_digits(s + 11, 2, &hour) || !read_digits(s + 14, 2, &minute) ||
	    !read_digits(s + 17, 2, &second)) {
		return false;
	}
	if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 ||
	    second > 59) {
		return false;
	}
	*out = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
	return true;
}
