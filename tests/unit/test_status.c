/* Unit tests of src/core/status.c: parsing, every row of the table against api.md §5, every pair of
 * statuses, the stage-to-stage transition matrix, regressions, duplicates, staleness, refund amounts,
 * and a property test that delivers the real card flows in every order, with duplicates, and checks
 * that each real step gives at most one shop action, that in-order delivery gives exactly the flow's
 * actions, that nothing moves backwards and that the last real state is what stays stored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "status.h"

/* ---- Helpers -------------------------------------------------------------------------------- */

#define ORDER_AMOUNT 1000

static msp_order_status order_of(const char *s)
{
	return msp_order_status_parse(s, strlen(s));
}

static msp_tx_status tx_of(const char *s)
{
	return msp_tx_status_parse(s, strlen(s));
}

static msp_status_state snapshot(const char *order, const char *tx, int64_t refunded, int64_t modified)
{
	msp_status_state state = {order_of(order), tx_of(tx), ORDER_AMOUNT, refunded, modified, MSP_STAGE_NONE};
	return state;
}

static msp_status_state stored_at(
    const char *order, const char *tx, int64_t refunded, int64_t modified, msp_flow_stage stage)
{
	msp_status_state state = snapshot(order, tx, refunded, modified);
	state.stage = stage;
	return state;
}

static msp_status_result transition(const msp_status_state *stored, const msp_status_state *incoming)
{
	msp_status_result result;
	msp_error err;
	msp_error_clear(&err);
	assert_int_equal(msp_status_transition(stored, incoming, &result, &err), MSP_OK);
	int kinds = result.progress + result.duplicate + result.stale + result.regression + result.unknown;
	assert_int_equal(kinds, 1);
	assert_true(result.row != NULL);
	if (!result.progress) {
		assert_int_equal(result.action, MSP_SHOP_ACTION_IGNORE);
	}
	if (result.progress) {
		assert_true(result.applied);
	}
	if (result.stale || result.regression || result.unknown) {
		assert_false(result.applied);
	}
	if (!result.applied && stored != NULL) {
		assert_int_equal(result.next.order, stored->order);
		assert_int_equal(result.next.tx, stored->tx);
	}
	return result;
}

/* ---- Parsing and names ---------------------------------------------------------------------- */

static void test_order_status_parse(void **state)
{
	(void)state;
	for (int s = 1; s < MSP_ORDER_STATUS_COUNT; s++) {
		const char *name = msp_order_status_name((msp_order_status)s);
		assert_int_equal(order_of(name), s);
	}
	assert_int_equal(order_of("COMPLETED"), MSP_ORDER_STATUS_COMPLETED);
	assert_int_equal(order_of("  Partial_Refunded\r\n"), MSP_ORDER_STATUS_PARTIAL_REFUNDED);
	assert_int_equal(order_of("chargedback"), MSP_ORDER_STATUS_CHARGEBACK);
	assert_int_equal(order_of("ChargedBack "), MSP_ORDER_STATUS_CHARGEBACK);
	assert_int_equal(order_of(""), MSP_ORDER_STATUS_UNKNOWN);
	assert_int_equal(order_of("   "), MSP_ORDER_STATUS_UNKNOWN);
	assert_int_equal(order_of("complete"), MSP_ORDER_STATUS_UNKNOWN);
	assert_int_equal(order_of("completedx"), MSP_ORDER_STATUS_UNKNOWN);
	assert_int_equal(order_of("unknown"), MSP_ORDER_STATUS_UNKNOWN);
	assert_int_equal(order_of("partial refunded"), MSP_ORDER_STATUS_UNKNOWN);
	assert_int_equal(msp_order_status_parse(NULL, 5), MSP_ORDER_STATUS_UNKNOWN);
	assert_int_equal(msp_order_status_parse("completed\0x", 11), MSP_ORDER_STATUS_UNKNOWN);
	assert_int_equal(msp_order_status_parse("void-and-more", 4), MSP_ORDER_STATUS_VOID);
}

static void test_tx_status_parse(void **state)
{
	(void)state;
	for (int s = 1; s < MSP_TX_STATUS_COUNT; s++) {
		const char *name = msp_tx_status_name((msp_tx_status)s);
		assert_int_equal(tx_of(name), s);
	}
	assert_int_equal(tx_of("Initialized"), MSP_TX_STATUS_INITIALIZED);
	assert_int_equal(tx_of("\tchargedback"), MSP_TX_STATUS_CHARGEBACK);
	/* Every transaction status the docs list (status.h): refunds and the listing's filter values. */
	assert_int_equal(tx_of("partial_refunded"), MSP_TX_STATUS_PARTIAL_REFUNDED);
	assert_int_equal(tx_of(" Partial_Refunded"), MSP_TX_STATUS_PARTIAL_REFUNDED);
	assert_int_equal(tx_of("created"), MSP_TX_STATUS_CREATED);
	assert_int_equal(tx_of("error"), MSP_TX_STATUS_ERROR);
	assert_int_equal(tx_of("manual"), MSP_TX_STATUS_MANUAL);
	assert_int_equal(tx_of("new"), MSP_TX_STATUS_NEW);
	assert_int_equal(tx_of("partially_refunded"), MSP_TX_STATUS_UNKNOWN);
	assert_int_equal(tx_of("shipped"), MSP_TX_STATUS_UNKNOWN);
	assert_int_equal(msp_tx_status_parse(NULL, 0), MSP_TX_STATUS_UNKNOWN);
	assert_int_equal(msp_tx_status_parse("reserved\0", 9), MSP_TX_STATUS_UNKNOWN);
}

static void assert_names_distinct(const char *(*name)(int), int count)
{
	for (int a = 0; a < count; a++) {
		assert_non_null(name(a));
		assert_string_not_equal(name(a), "");
		for (int b = a + 1; b < count; b++) {
			assert_string_not_equal(name(a), name(b));
		}
	}
}

static const char *order_name(int v)
{
	return msp_order_status_name((msp_order_status)v);
}
static const char *tx_name(int v)
{
	return msp_tx_status_name((msp_tx_status)v);
}
static const char *action_name(int v)
{
	return msp_shop_action_name((msp_shop_action)v);
}
static const char *stage_name(int v)
{
	return msp_flow_stage_name((msp_flow_stage)v);
}

static void test_names(void **state)
{
	(void)state;
	assert_names_distinct(order_name, MSP_ORDER_STATUS_COUNT);
	assert_names_distinct(tx_name, MSP_TX_STATUS_COUNT);
	assert_names_distinct(action_name, MSP_SHOP_ACTION_COUNT);
	assert_names_distinct(stage_name, MSP_STAGE_COUNT);
	assert_string_equal(msp_order_status_name(MSP_ORDER_STATUS_PARTIAL_REFUNDED), "partial_refunded");
	assert_string_equal(msp_order_status_name((msp_order_status)99), "unknown");
	assert_string_equal(msp_order_status_name((msp_order_status)-1), "unknown");
	assert_string_equal(msp_tx_status_name((msp_tx_status)99), "unknown");
	assert_string_equal(msp_shop_action_name(MSP_SHOP_ACTION_MARK_PAID), "mark_paid");
	assert_string_equal(msp_shop_action_name((msp_shop_action)99), "unknown");
	assert_string_equal(msp_flow_stage_name(MSP_STAGE_PARTIALLY_REFUNDED), "partially_refunded");
	assert_string_equal(msp_flow_stage_name((msp_flow_stage)99), "unknown");
}

static void test_stage_properties(void **state)
{
	(void)state;
	const msp_flow_stage terminal[] = {MSP_STAGE_CLOSED, MSP_STAGE_REFUNDED, MSP_STAGE_CHARGEBACK};
	const msp_flow_stage paid[] = {MSP_STAGE_AUTHORISED, MSP_STAGE_PAID, MSP_STAGE_SHIPPED,
	    MSP_STAGE_REFUND_PENDING, MSP_STAGE_PARTIALLY_REFUNDED};
	for (int s = 0; s < MSP_STAGE_COUNT; s++) {
		bool is_terminal = false, is_paid = false;
		for (size_t i = 0; i < sizeof(terminal) / sizeof(terminal[0]); i++) {
			is_terminal |= terminal[i] == (msp_flow_stage)s;
		}
		for (size_t i = 0; i < sizeof(paid) / sizeof(paid[0]); i++) {
			is_paid |= paid[i] == (msp_flow_stage)s;
		}
		assert_int_equal(msp_flow_stage_is_terminal((msp_flow_stage)s), is_terminal);
		assert_int_equal(msp_flow_stage_is_paid((msp_flow_stage)s), is_paid);
	}
	assert_false(msp_flow_stage_is_terminal((msp_flow_stage)99));
	assert_false(msp_flow_stage_is_paid((msp_flow_stage)-1));
}

/* ---- The table against api.md §5 ------------------------------------------------------------ */

/* api.md §5 and MultiSafepay's status overview, restated here independently of status.c. */
static const struct {
	const char *order;
	const char *tx;
	msp_flow_stage stored; /* what the shop had before */
	msp_shop_action action;
	msp_flow_stage stage;
	bool terminal;
} documented_pairs[] = {
    {"initialized", "initialized", MSP_STAGE_NONE, MSP_SHOP_ACTION_AWAIT_PAYMENT, MSP_STAGE_PENDING, false},
    {"completed", "completed", MSP_STAGE_PENDING, MSP_SHOP_ACTION_MARK_PAID, MSP_STAGE_PAID, false},
    {"uncleared", "uncleared", MSP_STAGE_NONE, MSP_SHOP_ACTION_HOLD_FOR_REVIEW, MSP_STAGE_REVIEW, false},
    {"declined", "declined", MSP_STAGE_PENDING, MSP_SHOP_ACTION_DECLINE, MSP_STAGE_CLOSED, true},
    {"expired", "expired", MSP_STAGE_PENDING, MSP_SHOP_ACTION_EXPIRE, MSP_STAGE_CLOSED, true},
    {"void", "cancelled", MSP_STAGE_REVIEW, MSP_SHOP_ACTION_CANCEL, MSP_STAGE_CLOSED, true},
    /* Own MID (American Express): paid is decided by the order status. */
    {"uncleared", "initialized", MSP_STAGE_PENDING, MSP_SHOP_ACTION_HOLD_FOR_REVIEW, MSP_STAGE_REVIEW, false},
    {"completed", "initialized", MSP_STAGE_REVIEW, MSP_SHOP_ACTION_MARK_PAID, MSP_STAGE_AUTHORISED, false},
    /* Refunds: the order shows reserved, then partial_refunded / refunded. */
    {"reserved", "reserved", MSP_STAGE_PAID, MSP_SHOP_ACTION_REFUND_PENDING, MSP_STAGE_REFUND_PENDING, false},
    {"partial_refunded", "completed", MSP_STAGE_REFUND_PENDING, MSP_SHOP_ACTION_PARTIALLY_REFUNDED,
        MSP_STAGE_PARTIALLY_REFUNDED, false},
    {"refunded", "completed", MSP_STAGE_PAID, MSP_SHOP_ACTION_REFUNDED, MSP_STAGE_REFUNDED, true},
    {"refunded", "refunded", MSP_STAGE_PAID, MSP_SHOP_ACTION_REFUNDED, MSP_STAGE_REFUNDED, true},
    {"chargeback", "completed", MSP_STAGE_PAID, MSP_SHOP_ACTION_CHARGEBACK, MSP_STAGE_CHARGEBACK, true},
    {"chargedback", "completed", MSP_STAGE_PAID, MSP_SHOP_ACTION_CHARGEBACK, MSP_STAGE_CHARGEBACK, true},
    /* Manual capture: authorise, capture (nothing new for the shop), void. */
    {"completed", "initialized", MSP_STAGE_PENDING, MSP_SHOP_ACTION_MARK_PAID, MSP_STAGE_AUTHORISED, false},
    {"completed", "completed", MSP_STAGE_AUTHORISED, MSP_SHOP_ACTION_IGNORE, MSP_STAGE_PAID, false},
    {"void", "void", MSP_STAGE_AUTHORISED, MSP_SHOP_ACTION_CANCEL, MSP_STAGE_CLOSED, true},
    {"void", "void", MSP_STAGE_PENDING, MSP_SHOP_ACTION_CANCEL, MSP_STAGE_CLOSED, true},
    /* MultiSafepay's status overview: void/void after payment is a chargeback. */
    {"void", "void", MSP_STAGE_PAID, MSP_SHOP_ACTION_CHARGEBACK, MSP_STAGE_CHARGEBACK, true},
    {"void", "void", MSP_STAGE_PARTIALLY_REFUNDED, MSP_SHOP_ACTION_CHARGEBACK, MSP_STAGE_CHARGEBACK, true},
    {"shipped", "completed", MSP_STAGE_PAID, MSP_SHOP_ACTION_IGNORE, MSP_STAGE_SHIPPED, false},
    {"shipped", "completed", MSP_STAGE_PENDING, MSP_SHOP_ACTION_MARK_PAID, MSP_STAGE_SHIPPED, false},
    /* Unknown transaction statuses: by the order status alone. */
    {"completed", "uncleared", MSP_STAGE_PENDING, MSP_SHOP_ACTION_MARK_PAID, MSP_STAGE_AUTHORISED, false},
    {"completed", "", MSP_STAGE_NONE, MSP_SHOP_ACTION_MARK_PAID, MSP_STAGE_AUTHORISED, false},
    {"initialized", "weird", MSP_STAGE_NONE, MSP_SHOP_ACTION_AWAIT_PAYMENT, MSP_STAGE_PENDING, false},
    {"cancelled", "cancelled", MSP_STAGE_PENDING, MSP_SHOP_ACTION_CANCEL, MSP_STAGE_CLOSED, true},
    /* MultiSafepay's status overview: a partial refund is partial_refunded in both statuses. */
    {"partial_refunded", "partial_refunded", MSP_STAGE_PAID, MSP_SHOP_ACTION_PARTIALLY_REFUNDED,
        MSP_STAGE_PARTIALLY_REFUNDED, false},
    {"partial_refunded", "partial_refunded", MSP_STAGE_REFUND_PENDING, MSP_SHOP_ACTION_PARTIALLY_REFUNDED,
        MSP_STAGE_PARTIALLY_REFUNDED, false},
    /* The listing's transaction statuses: by the order status alone, like any other. */
    {"initialized", "new", MSP_STAGE_NONE, MSP_SHOP_ACTION_AWAIT_PAYMENT, MSP_STAGE_PENDING, false},
    {"initialized", "created", MSP_STAGE_NONE, MSP_SHOP_ACTION_AWAIT_PAYMENT, MSP_STAGE_PENDING, false},
    {"declined", "error", MSP_STAGE_PENDING, MSP_SHOP_ACTION_DECLINE, MSP_STAGE_CLOSED, true},
    {"completed", "manual", MSP_STAGE_PENDING, MSP_SHOP_ACTION_MARK_PAID, MSP_STAGE_AUTHORISED, false},
};

static msp_status_state stored_in_stage(msp_flow_stage stage)
{
	switch (stage) {
		case MSP_STAGE_PENDING:
			return stored_at("initialized", "initialized", 0, 0, stage);
		case MSP_STAGE_REVIEW:
			return stored_at("uncleared", "uncleared", 0, 0, stage);
		case MSP_STAGE_AUTHORISED:
			return stored_at("completed", "initialized", 0, 0, stage);
		case MSP_STAGE_CLOSED:
			return stored_at("declined", "declined", 0, 0, stage);
		case MSP_STAGE_PAID:
			return stored_at("completed", "completed", 0, 0, stage);
		case MSP_STAGE_SHIPPED:
			return stored_at("shipped", "completed", 0, 0, stage);
		case MSP_STAGE_REFUND_PENDING:
			return stored_at("reserved", "reserved", 300, 0, stage);
		case MSP_STAGE_PARTIALLY_REFUNDED:
			return stored_at("partial_refunded", "completed", 300, 0, stage);
		case MSP_STAGE_REFUNDED:
			return stored_at("refunded", "completed", ORDER_AMOUNT, 0, stage);
		case MSP_STAGE_CHARGEBACK:
			return stored_at("chargeback", "completed", 0, 0, stage);
		default:
			return stored_at("", "", 0, 0, MSP_STAGE_NONE);
	}
}

static void test_documented_pairs(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(documented_pairs) / sizeof(documented_pairs[0]); i++) {
		msp_status_state stored = stored_in_stage(documented_pairs[i].stored);
		/* Refund rows carry an amount that grows past the stored one. */
		int64_t refunded = documented_pairs[i].stage == MSP_STAGE_REFUND_PENDING ||
		                           documented_pairs[i].stage == MSP_STAGE_PARTIALLY_REFUNDED
		                       ? 500
		                       : 0;
		msp_status_state incoming = snapshot(documented_pairs[i].order, documented_pairs[i].tx, refunded, 0);
		msp_status_result r =
		    transition(documented_pairs[i].stored == MSP_STAGE_NONE ? NULL : &stored, &incoming);
		if (!r.progress || r.action != documented_pairs[i].action ||
		    r.next.stage != documented_pairs[i].stage) {
			fail_msg("%s/%s after %s: got %s -> %s (progress %d)", documented_pairs[i].order,
			    documented_pairs[i].tx, msp_flow_stage_name(documented_pairs[i].stored),
			    msp_shop_action_name(r.action), msp_flow_stage_name(r.next.stage), r.progress);
		}
		assert_int_equal(msp_flow_stage_is_terminal(r.next.stage), documented_pairs[i].terminal);
	}
}

/* A transaction status with no exact row for this order status (UNKNOWN always qualifies). */
static msp_tx_status tx_without_row(msp_order_status order)
{
	for (int tx = 1; tx < MSP_TX_STATUS_COUNT; tx++) {
		bool has_row = false;
		for (size_t i = 0; i < msp_status_table_count(); i++) {
			const msp_status_row *row = msp_status_table_row(i);
			has_row |= !row->any_tx && row->order == order && row->tx == (msp_tx_status)tx;
		}
		if (!has_row) {
			return (msp_tx_status)tx;
		}
	}
	return MSP_TX_STATUS_UNKNOWN;
}

static msp_flow_stage stage_for_context(msp_status_context context)
{
	return context == MSP_STATUS_CONTEXT_AFTER_PAYMENT ? MSP_STAGE_PAID : MSP_STAGE_NONE;
}

/* Every row is found again from its own statuses, and applying it to a new order does what it says. */
static void test_every_table_row(void **state)
{
	(void)state;
	size_t count = msp_status_table_count();
	assert_true(count > 0);
	assert_null(msp_status_table_row(count));
	const msp_status_row *last = msp_status_table_row(count - 1);
	assert_true(last->any_tx);
	assert_int_equal(last->order, MSP_ORDER_STATUS_UNKNOWN);
	for (size_t i = 0; i < count; i++) {
		const msp_status_row *row = msp_status_table_row(i);
		assert_non_null(row->meaning);
		assert_true(strlen(row->meaning) > 0 && strchr(row->meaning, '|') == NULL);
		msp_tx_status tx = row->any_tx ? tx_without_row(row->order) : row->tx;
		msp_flow_stage stored_stage = stage_for_context(row->context);
		assert_ptr_equal(msp_status_lookup(row->order, tx, stored_stage), row);
		assert_ptr_equal(
		    msp_status_lookup(row->order, MSP_TX_STATUS_UNKNOWN, stored_stage)->order, row->order);

		msp_status_state stored = stored_in_stage(stored_stage);
		msp_status_state incoming = {row->order, tx, ORDER_AMOUNT, 0, 0, MSP_STAGE_NONE};
		if (row->stage == MSP_STAGE_PARTIALLY_REFUNDED || row->stage == MSP_STAGE_REFUND_PENDING) {
			incoming.amount_refunded = 400;
		}
		msp_status_result r = transition(stored_stage == MSP_STAGE_NONE ? NULL : &stored, &incoming);
		if (row->stage == MSP_STAGE_NONE) {
			assert_true(r.unknown);
			continue;
		}
		assert_true(r.progress);
		assert_int_equal(r.next.stage, row->stage);
		assert_ptr_equal(r.row, row);
		msp_shop_action expected = (row->action == MSP_SHOP_ACTION_MARK_PAID && !r.newly_paid)
		                               ? MSP_SHOP_ACTION_IGNORE
		                               : row->action;
		assert_int_equal(r.action, expected);
	}
}

/* Every (order, transaction) pair after every stored stage: a row always answers, and nothing marks an
 * order paid unless its order status says completed (or shipped with a completed transaction). */
static void test_every_pair_is_safe(void **state)
{
	(void)state;
	for (int order = 0; order < MSP_ORDER_STATUS_COUNT; order++) {
		for (int tx = 0; tx < MSP_TX_STATUS_COUNT; tx++) {
			for (int stage = 0; stage < MSP_STAGE_COUNT; stage++) {
				const msp_status_row *row =
				    msp_status_lookup((msp_order_status)order, (msp_tx_status)tx, (msp_flow_stage)stage);
				assert_non_null(row);
				assert_true(row->order == (msp_order_status)order || row->order == MSP_ORDER_STATUS_UNKNOWN);
				if (row->action == MSP_SHOP_ACTION_MARK_PAID) {
					assert_true(order == MSP_ORDER_STATUS_COMPLETED ||
					            (order == MSP_ORDER_STATUS_SHIPPED && tx == MSP_TX_STATUS_COMPLETED));
				}
				if (order == MSP_ORDER_STATUS_UNKNOWN) {
					assert_int_equal(row->stage, MSP_STAGE_NONE);
				}
				msp_status_state stored = stored_in_stage((msp_flow_stage)stage);
				msp_status_state incoming = {
				    (msp_order_status)order, (msp_tx_status)tx, ORDER_AMOUNT, 0, 0, MSP_STAGE_NONE};
				msp_status_result r = transition(stage == MSP_STAGE_NONE ? NULL : &stored, &incoming);
				if (r.action == MSP_SHOP_ACTION_MARK_PAID) {
					assert_true(order == MSP_ORDER_STATUS_COMPLETED || order == MSP_ORDER_STATUS_SHIPPED);
				}
			}
		}
	}
	/* Out-of-range values behave as unknown. */
	assert_int_equal(msp_status_lookup((msp_order_status)99, MSP_TX_STATUS_COMPLETED, MSP_STAGE_NONE)->stage,
	    MSP_STAGE_NONE);
	assert_int_equal(msp_status_lookup(MSP_ORDER_STATUS_VOID, MSP_TX_STATUS_VOID, (msp_flow_stage)99)->action,
	    MSP_SHOP_ACTION_CANCEL);
}

/* ---- Stage-to-stage matrix ------------------------------------------------------------------ */

/* One incoming snapshot per stage (closed: declined). */
static const msp_flow_stage matrix_stages[] = {MSP_STAGE_PENDING, MSP_STAGE_REVIEW, MSP_STAGE_AUTHORISED,
    MSP_STAGE_CLOSED, MSP_STAGE_PAID, MSP_STAGE_SHIPPED, MSP_STAGE_REFUND_PENDING,
    MSP_STAGE_PARTIALLY_REFUNDED, MSP_STAGE_REFUNDED, MSP_STAGE_CHARGEBACK};
#define MATRIX_SIZE (sizeof(matrix_stages) / sizeof(matrix_stages[0]))

/* Rows: stored stage (none, then matrix_stages); columns: incoming matrix_stages.
 *   =  duplicate   s  stale   r  regression
 *   progress with action: A await, H hold, M mark_paid, i ignore (applied), D decline, P refund
 *   pending, Q partially refunded, F refunded, K chargeback */
static const char *const expected_matrix[MATRIX_SIZE + 1] = {
    /*            PEND REV AUTH CLOSED PAID SHIP RP PR REF CB */
    /* none    */ "A H M D M M P Q F K",
    /* pending */ "= H M D M M P Q F K",
    /* review  */ "s = M D M M P Q F K",
    /* auth    */ "s s = r i i P Q F K",
    /* closed  */ "s s s = r r r r r r",
    /* paid    */ "s s s r = i P Q F K",
    /* shipped */ "s s s r s = P Q F K",
    /* refund pending (300) */ "s s s r s s = Q F K",
    /* partially refunded (300) */ "s s s r s s s = F K",
    /* refunded */ "s s s r s s s s = K",
    /* chargeback */ "s s s r s s s s s =",
};

static char result_code(const msp_status_result *r)
{
	if (r->duplicate) {
		return '=';
	}
	if (r->stale) {
		return 's';
	}
	if (r->regression) {
		return 'r';
	}
	if (r->unknown) {
		return '?';
	}
	switch (r->action) {
		case MSP_SHOP_ACTION_AWAIT_PAYMENT:
			return 'A';
		case MSP_SHOP_ACTION_HOLD_FOR_REVIEW:
			return 'H';
		case MSP_SHOP_ACTION_MARK_PAID:
			return 'M';
		case MSP_SHOP_ACTION_IGNORE:
			return 'i';
		case MSP_SHOP_ACTION_DECLINE:
			return 'D';
		case MSP_SHOP_ACTION_CANCEL:
			return 'C';
		case MSP_SHOP_ACTION_REFUND_PENDING:
			return 'P';
		case MSP_SHOP_ACTION_PARTIALLY_REFUNDED:
			return 'Q';
		case MSP_SHOP_ACTION_REFUNDED:
			return 'F';
		case MSP_SHOP_ACTION_CHARGEBACK:
			return 'K';
		default:
			return '!';
	}
}

static msp_status_state incoming_in_stage(msp_flow_stage stage, int64_t modified)
{
	msp_status_state s = stored_in_stage(stage);
	s.stage = MSP_STAGE_NONE;
	s.modified = modified;
	return s;
}

static bool proves_payment(msp_flow_stage stage)
{
	return stage != MSP_STAGE_NONE && stage != MSP_STAGE_PENDING && stage != MSP_STAGE_REVIEW &&
	       stage != MSP_STAGE_CLOSED;
}

/* stored_modified / incoming_modified: 0 for none. A stale cell turns into a regression when the
 * incoming snapshot is newer; nothing else depends on `modified`. */
static void check_matrix(int64_t stored_modified, int64_t incoming_modified)
{
	bool incoming_newer = stored_modified > 0 && incoming_modified > stored_modified;
	for (size_t row = 0; row <= MATRIX_SIZE; row++) {
		msp_flow_stage from = row == 0 ? MSP_STAGE_NONE : matrix_stages[row - 1];
		msp_status_state stored = stored_in_stage(from);
		stored.modified = stored_modified;
		for (size_t col = 0; col < MATRIX_SIZE; col++) {
			msp_status_state incoming = incoming_in_stage(matrix_stages[col], incoming_modified);
			msp_status_result r = transition(row == 0 ? NULL : &stored, &incoming);
			char expected = expected_matrix[row][2 * col];
			if (expected == 's' && incoming_newer) {
				expected = 'r';
			}
			char got = result_code(&r);
			if (got != expected) {
				fail_msg("stored %s, incoming %s (modified %lld -> %lld): expected '%c', got '%c'",
				    msp_flow_stage_name(from), msp_flow_stage_name(matrix_stages[col]),
				    (long long)stored_modified, (long long)incoming_modified, expected, got);
			}
			if (r.progress) {
				assert_int_equal(r.next.stage, matrix_stages[col]);
				assert_int_equal(r.newly_paid, !proves_payment(from) && proves_payment(matrix_stages[col]));
			} else {
				assert_false(r.newly_paid);
			}
		}
	}
}

static void test_transition_matrix(void **state)
{
	(void)state;
	check_matrix(0, 0);       /* no timestamps */
	check_matrix(1000, 500);  /* incoming older: progress still applies */
	check_matrix(1000, 1000); /* same second */
	check_matrix(1000, 2000); /* incoming newer: going back is a regression */
	check_matrix(0, 2000);    /* one side unknown: as without timestamps */
}

/* ---- Specific rules ------------------------------------------------------------------------- */

static void test_void_void_depends_on_what_was_stored(void **state)
{
	(void)state;
	msp_status_state incoming = snapshot("void", "void", 0, 0);
	msp_status_state authorised = stored_in_stage(MSP_STAGE_AUTHORISED);
	msp_status_result r = transition(&authorised, &incoming);
	assert_true(r.progress);
	assert_int_equal(r.action, MSP_SHOP_ACTION_CANCEL);
	assert_int_equal(r.next.stage, MSP_STAGE_CLOSED);

	msp_status_state paid = stored_in_stage(MSP_STAGE_PAID);
	r = transition(&paid, &incoming);
	assert_int_equal(r.action, MSP_SHOP_ACTION_CHARGEBACK);
	assert_int_equal(r.next.stage, MSP_STAGE_CHARGEBACK);

	/* The stage stored with it keeps its meaning: the chargeback is not re-read as a cancel. */
	msp_status_state after = r.next;
	r = transition(&after, &incoming);
	assert_true(r.duplicate);
	msp_status_state completed = snapshot("completed", "completed", 0, 0);
	r = transition(&after, &completed);
	assert_true(r.stale);

	/* Cancelled then voided: the same closed order. */
	msp_status_state cancelled = stored_at("void", "cancelled", 0, 0, MSP_STAGE_CLOSED);
	r = transition(&cancelled, &incoming);
	assert_true(r.duplicate);
	/* Without a stored stage, void/void reads as before payment. */
	msp_status_state legacy = stored_at("void", "void", 0, 0, MSP_STAGE_NONE);
	r = transition(&legacy, &completed);
	assert_true(r.regression);
}

static void test_regressions_never_applied(void **state)
{
	(void)state;
	msp_status_state paid = stored_at("completed", "completed", 0, 1000, MSP_STAGE_PAID);
	msp_status_state initialized_late = snapshot("initialized", "initialized", 0, 900);
	msp_status_state initialized_new = snapshot("initialized", "initialized", 0, 1100);
	msp_status_result r = transition(&paid, &initialized_late);
	assert_true(r.stale);
	r = transition(&paid, &initialized_new);
	assert_true(r.regression);
	assert_int_equal(r.next.stage, MSP_STAGE_PAID);
	assert_int_equal(r.next.order, MSP_ORDER_STATUS_COMPLETED);

	msp_status_state refunded = stored_at("refunded", "completed", ORDER_AMOUNT, 1000, MSP_STAGE_REFUNDED);
	msp_status_state completed_new = snapshot("completed", "completed", 0, 2000);
	r = transition(&refunded, &completed_new);
	assert_true(r.regression);
	assert_int_equal(r.next.stage, MSP_STAGE_REFUNDED);

	msp_status_state chargeback = stored_at("chargeback", "completed", 0, 1000, MSP_STAGE_CHARGEBACK);
	r = transition(&chargeback, &completed_new);
	assert_true(r.regression);
	msp_status_state partial_new = snapshot("partial_refunded", "completed", 100, 2000);
	r = transition(&chargeback, &partial_new);
	assert_true(r.regression);

	/* No path, whatever the timestamps. */
	msp_status_state declined = snapshot("declined", "declined", 0, 0);
	r = transition(&paid, &declined);
	assert_true(r.regression);
	msp_status_state expired = snapshot("expired", "expired", 0, 0);
	msp_status_state authorised = stored_in_stage(MSP_STAGE_AUTHORISED);
	r = transition(&authorised, &expired);
	assert_true(r.regression);
	/* A payment reported after a closed order is left for reconciliation, not applied. */
	msp_status_state closed = stored_in_stage(MSP_STAGE_CLOSED);
	msp_status_state completed = snapshot("completed", "completed", 0, 0);
	r = transition(&closed, &completed);
	assert_true(r.regression);
	assert_false(r.newly_paid);
	/* A refund going down. */
	msp_status_state partial =
	    stored_at("partial_refunded", "completed", 700, 1000, MSP_STAGE_PARTIALLY_REFUNDED);
	msp_status_state less = snapshot("partial_refunded", "completed", 300, 2000);
	r = transition(&partial, &less);
	assert_true(r.regression);
	less.modified = 900;
	r = transition(&partial, &less);
	assert_true(r.stale);
}

static void test_duplicates(void **state)
{
	(void)state;
	msp_status_state incoming = snapshot("completed", "completed", 0, 1000);
	msp_status_result first = transition(NULL, &incoming);
	assert_true(first.progress);
	assert_int_equal(first.action, MSP_SHOP_ACTION_MARK_PAID);
	for (int resend = 0; resend < 4; resend++) {
		msp_status_result again = transition(&first.next, &incoming);
		assert_true(again.duplicate);
		assert_false(again.applied);
		assert_false(again.newly_paid);
	}
	/* Case and the chargedback spelling change nothing. */
	msp_status_state spelled = {
	    order_of("COMPLETED"), tx_of(" Completed "), ORDER_AMOUNT, 0, 1000, MSP_STAGE_NONE};
	assert_true(transition(&first.next, &spelled).duplicate);

	/* An equivalent spelling: newer refreshes the stored statuses silently, older is stale. */
	msp_status_state refunded = stored_at("refunded", "completed", ORDER_AMOUNT, 1000, MSP_STAGE_REFUNDED);
	msp_status_state newer = snapshot("refunded", "refunded", ORDER_AMOUNT, 2000);
	msp_status_result r = transition(&refunded, &newer);
	assert_true(r.duplicate);
	assert_true(r.applied);
	assert_int_equal(r.action, MSP_SHOP_ACTION_IGNORE);
	assert_int_equal(r.next.tx, MSP_TX_STATUS_REFUNDED);
	assert_int_equal(r.next.modified, 2000);
	msp_status_state older = snapshot("refunded", "refunded", ORDER_AMOUNT, 500);
	r = transition(&refunded, &older);
	assert_true(r.stale);
	assert_false(r.applied);
	msp_status_state undated = snapshot("refunded", "refunded", ORDER_AMOUNT, 0);
	r = transition(&refunded, &undated);
	assert_true(r.duplicate);
	assert_false(r.applied);
	/* Two ways of closing: the same closed order. */
	msp_status_state declined = stored_at("declined", "declined", 0, 1000, MSP_STAGE_CLOSED);
	msp_status_state expired = snapshot("expired", "expired", 0, 1000);
	assert_true(transition(&declined, &expired).duplicate);
}

static void test_stale_by_timestamp(void **state)
{
	(void)state;
	msp_status_state review = stored_at("uncleared", "uncleared", 0, 1000, MSP_STAGE_REVIEW);
	msp_status_state own_mid_older = snapshot("uncleared", "initialized", 0, 999);
	msp_status_result r = transition(&review, &own_mid_older);
	assert_true(r.stale);
	msp_status_state pending_older = snapshot("initialized", "initialized", 0, 999);
	assert_true(transition(&review, &pending_older).stale);
	msp_status_state pending_same_second = snapshot("initialized", "initialized", 0, 1000);
	assert_true(transition(&review, &pending_same_second).stale);
	msp_status_state pending_newer = snapshot("initialized", "initialized", 0, 1001);
	assert_true(transition(&review, &pending_newer).regression);
	/* `modified` never blocks progress. */
	msp_status_state paid_older = snapshot("completed", "completed", 0, 10);
	r = transition(&review, &paid_older);
	assert_true(r.progress);
	assert_int_equal(r.next.modified, 1000);
}

static void test_refund_amounts(void **state)
{
	(void)state;
	msp_status_state paid = stored_at("completed", "completed", 0, 0, MSP_STAGE_PAID);
	/* Still "completed", but money went back: a partial refund. */
	msp_status_state completed_refunded = snapshot("completed", "completed", 300, 0);
	msp_status_result r = transition(&paid, &completed_refunded);
	assert_int_equal(r.action, MSP_SHOP_ACTION_PARTIALLY_REFUNDED);
	assert_int_equal(r.next.stage, MSP_STAGE_PARTIALLY_REFUNDED);
	assert_int_equal(r.next.amount_refunded, 300);

	msp_status_state more = snapshot("partial_refunded", "completed", 700, 0);
	r = transition(&r.next, &more);
	assert_int_equal(r.action, MSP_SHOP_ACTION_PARTIALLY_REFUNDED);
	msp_status_state stored_700 = r.next;

	msp_status_state second_request = snapshot("reserved", "reserved", ORDER_AMOUNT, 0);
	r = transition(&stored_700, &second_request);
	assert_int_equal(r.action, MSP_SHOP_ACTION_REFUND_PENDING);
	msp_status_state late_first_reserved = snapshot("reserved", "reserved", 700, 0);
	assert_true(transition(&r.next, &late_first_reserved).stale);
	assert_true(transition(&stored_700, &late_first_reserved).stale);

	/* Reaching the full amount is a full refund, whatever the order status says. */
	msp_status_state all = snapshot("partial_refunded", "completed", ORDER_AMOUNT, 0);
	r = transition(&stored_700, &all);
	assert_int_equal(r.action, MSP_SHOP_ACTION_REFUNDED);
	assert_int_equal(r.next.stage, MSP_STAGE_REFUNDED);
	/* "refunded" without an amount still ranks above any partial amount. */
	msp_status_state refunded_no_amount = snapshot("refunded", "completed", 0, 0);
	r = transition(&stored_700, &refunded_no_amount);
	assert_int_equal(r.action, MSP_SHOP_ACTION_REFUNDED);
	assert_int_equal(r.next.amount_refunded, 700);
	msp_status_state partial_after = snapshot("partial_refunded", "completed", 900, 0);
	assert_true(transition(&r.next, &partial_after).stale);
	/* A chargeback after a full refund is still reported. */
	msp_status_state chargeback = snapshot("chargeback", "completed", 0, 0);
	r = transition(&r.next, &chargeback);
	assert_int_equal(r.action, MSP_SHOP_ACTION_CHARGEBACK);
	assert_int_equal(r.next.amount_refunded, 700);

	/* An incoming snapshot without the order amount uses the stored one. */
	msp_status_state no_amount = {
	    MSP_ORDER_STATUS_PARTIAL_REFUNDED, MSP_TX_STATUS_COMPLETED, 0, 500, 0, MSP_STAGE_NONE};
	r = transition(&paid, &no_amount);
	assert_int_equal(r.next.stage, MSP_STAGE_PARTIALLY_REFUNDED);
	assert_int_equal(r.next.amount, ORDER_AMOUNT);
	no_amount.amount_refunded = ORDER_AMOUNT;
	assert_int_equal(transition(&paid, &no_amount).next.stage, MSP_STAGE_REFUNDED);
	/* No amount known anywhere: only the status can say "refunded". */
	msp_status_state paid_no_amount = paid;
	paid_no_amount.amount = 0;
	no_amount.amount_refunded = 5000;
	r = transition(&paid_no_amount, &no_amount);
	assert_int_equal(r.next.stage, MSP_STAGE_PARTIALLY_REFUNDED);
	assert_int_equal(r.next.amount, 0);
	/* Negative refunded amounts count as none. */
	msp_status_state negative = snapshot("completed", "completed", -5, 0);
	r = transition(&paid, &negative);
	assert_true(r.duplicate);
}

static void test_newly_paid_and_informational_steps(void **state)
{
	(void)state;
	/* The MARK_PAID notification was lost: the refund tells the shop about the payment too. */
	msp_status_state pending = stored_in_stage(MSP_STAGE_PENDING);
	msp_status_state partial = snapshot("partial_refunded", "completed", 200, 0);
	msp_status_result r = transition(&pending, &partial);
	assert_true(r.newly_paid);
	assert_int_equal(r.action, MSP_SHOP_ACTION_PARTIALLY_REFUNDED);
	msp_status_state chargeback = snapshot("chargeback", "completed", 0, 0);
	r = transition(NULL, &chargeback);
	assert_true(r.newly_paid);
	assert_int_equal(r.action, MSP_SHOP_ACTION_CHARGEBACK);
	/* Capture after authorisation, shipping after payment: stored, nothing to do. */
	msp_status_state authorised = stored_in_stage(MSP_STAGE_AUTHORISED);
	msp_status_state captured = snapshot("completed", "completed", 0, 0);
	r = transition(&authorised, &captured);
	assert_true(r.progress && r.applied && !r.newly_paid);
	assert_int_equal(r.action, MSP_SHOP_ACTION_IGNORE);
	assert_int_equal(r.next.stage, MSP_STAGE_PAID);
	msp_status_state shipped = snapshot("shipped", "completed", 0, 0);
	r = transition(&r.next, &shipped);
	assert_true(r.progress && r.applied);
	assert_int_equal(r.action, MSP_SHOP_ACTION_IGNORE);
	/* Declined never counts as paid. */
	msp_status_state declined = snapshot("declined", "declined", 0, 0);
	assert_false(transition(&pending, &declined).newly_paid);
}

static void test_stored_state_without_stage(void **state)
{
	(void)state;
	msp_status_state legacy = stored_at("partial_refunded", "completed", 300, 0, MSP_STAGE_NONE);
	msp_status_state reserved = snapshot("reserved", "reserved", 300, 0);
	assert_true(transition(&legacy, &reserved).stale);
	msp_status_state garbage_stage = stored_at("completed", "completed", 0, 0, (msp_flow_stage)77);
	msp_status_state same = snapshot("completed", "completed", 0, 0);
	assert_true(transition(&garbage_stage, &same).duplicate);
	/* A stored state whose statuses mean nothing is a new order. */
	msp_status_state empty = stored_at("", "", 0, 0, MSP_STAGE_NONE);
	msp_status_result r = transition(&empty, &same);
	assert_true(r.progress);
	assert_int_equal(r.action, MSP_SHOP_ACTION_MARK_PAID);
	assert_int_equal(msp_status_stage_of(MSP_ORDER_STATUS_COMPLETED, MSP_TX_STATUS_COMPLETED, 1000, 1000),
	    MSP_STAGE_REFUNDED);
	assert_int_equal(
	    msp_status_stage_of(MSP_ORDER_STATUS_VOID, MSP_TX_STATUS_VOID, 1000, 0), MSP_STAGE_CLOSED);
}

static void test_unknown_statuses_change_nothing(void **state)
{
	(void)state;
	msp_status_state paid = stored_at("completed", "completed", 0, 1000, MSP_STAGE_PAID);
	const char *unknown_orders[] = {"", "paid", "completed?", "refund"};
	for (size_t i = 0; i < sizeof(unknown_orders) / sizeof(unknown_orders[0]); i++) {
		msp_status_state incoming = snapshot(unknown_orders[i], "completed", 0, 2000);
		msp_status_result r = transition(&paid, &incoming);
		assert_true(r.unknown);
		assert_int_equal(r.next.stage, MSP_STAGE_PAID);
		assert_int_equal(r.next.modified, 1000);
		r = transition(NULL, &incoming);
		assert_true(r.unknown);
		assert_int_equal(r.next.stage, MSP_STAGE_NONE);
	}
	msp_status_state shipped_uncleared = snapshot("shipped", "uncleared", 0, 0);
	assert_true(transition(&paid, &shipped_uncleared).unknown);
	assert_true(transition(NULL, &shipped_uncleared).unknown);
}

static void test_invalid_arguments(void **state)
{
	(void)state;
	msp_status_result r;
	msp_error err;
	msp_status_state s = snapshot("completed", "completed", 0, 0);
	assert_int_equal(msp_status_transition(NULL, NULL, &r, &err), MSP_ERR_INVALID);
	assert_int_equal(err.status, MSP_ERR_INVALID);
	assert_int_equal(msp_status_transition(&s, &s, NULL, &err), MSP_ERR_INVALID);
	assert_int_equal(msp_status_transition(&s, NULL, &r, NULL), MSP_ERR_INVALID);
}

static void test_parse_modified(void **state)
{
	(void)state;
	int64_t t = -7;
	assert_true(msp_status_parse_modified("2022-01-03T15:08:02", 19, &t));
	assert_int_equal(t, 1641222482); /* python3 calendar.timegm */
	assert_true(msp_status_parse_modified(" 2021-03-24T16:26:38\n", 21, &t));
	assert_int_equal(t, 1616603198);
	assert_true(msp_status_parse_modified("2000-02-29T23:59:59", 19, &t));
	assert_int_equal(t, 951868799);
	assert_true(msp_status_parse_modified("1970-01-01 00:00:00", 19, &t));
	assert_int_equal(t, 0);
	assert_true(msp_status_parse_modified("2100-03-01T00:00:00", 19, &t));
	assert_int_equal(t, 4107542400LL);
	const char *bad[] = {"", "2022-01-03", "2022-01-03T15:08", "2022-01-03T15:08:02Z", "2022-13-01T00:00:00",
	    "2022-00-01T00:00:00", "2021-02-29T00:00:00", "2100-02-29T00:00:00", "2022-04-31T00:00:00",
	    "2022-01-03T24:00:00", "2022-01-03T23:60:00", "2022-01-03T23:59:60", "2022/01/03T15:08:02",
	    "2022-01-03X15:08:02", "20a2-01-03T15:08:02", "-022-01-03T15:08:02", "2022-01-03T15:08:0 "};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t = 42;
		if (msp_status_parse_modified(bad[i], strlen(bad[i]), &t)) {
			fail_msg("accepted \"%s\"", bad[i]);
		}
		assert_int_equal(t, 42);
	}
	assert_false(msp_status_parse_modified(NULL, 19, &t));
	assert_false(msp_status_parse_modified("2022-01-03T15:08:02", 19, NULL));
}

/* ---- Property test: real flows, every delivery order, with duplicates ----------------------- */

typedef struct {
	const char *order;
	const char *tx;
	int64_t refunded;
	msp_shop_action action; /* in-order action; IGNORE for a step that only updates what is stored */
} flow_step;

#define MAX_STEPS 6

typedef struct {
	const char *name;
	size_t count;
	flow_step steps[MAX_STEPS];
	msp_flow_stage final_stage;
} flow;

#define STEP(o, t, r, a)                                                                                     \
	{                                                                                                        \
		o, t, r, MSP_SHOP_ACTION_##a                                                                         \
	}

static const flow flows[] = {
    {"3-D Secure card", 2,
        {STEP("initialized", "initialized", 0, AWAIT_PAYMENT), STEP("completed", "completed", 0, MARK_PAID)},
        MSP_STAGE_PAID},
    {"fraud review, then completed", 3,
        {STEP("initialized", "initialized", 0, AWAIT_PAYMENT),
            STEP("uncleared", "uncleared", 0, HOLD_FOR_REVIEW), STEP("completed", "completed", 0, MARK_PAID)},
        MSP_STAGE_PAID},
    {"fraud review, then void", 3,
        {STEP("initialized", "initialized", 0, AWAIT_PAYMENT),
            STEP("uncleared", "uncleared", 0, HOLD_FOR_REVIEW), STEP("void", "cancelled", 0, CANCEL)},
        MSP_STAGE_CLOSED},
    {"no 3-D Secure, review, declined", 2,
        {STEP("uncleared", "uncleared", 0, HOLD_FOR_REVIEW), STEP("declined", "declined", 0, DECLINE)},
        MSP_STAGE_CLOSED},
    {"3-D Secure not finished", 2,
        {STEP("initialized", "initialized", 0, AWAIT_PAYMENT), STEP("expired", "expired", 0, EXPIRE)},
        MSP_STAGE_CLOSED},
    {"own MID American Express", 3,
        {STEP("initialized", "initialized", 0, AWAIT_PAYMENT),
            STEP("uncleared", "initialized", 0, HOLD_FOR_REVIEW),
            STEP("completed", "initialized", 0, MARK_PAID)},
        MSP_STAGE_AUTHORISED},
    {"partial refund, reserved then completed", 4,
        {STEP("initialized", "initialized", 0, AWAIT_PAYMENT), STEP("completed", "completed", 0, MARK_PAID),
            STEP("reserved", "reserved", 300, REFUND_PENDING),
            STEP("partial_refunded", "completed", 300, PARTIALLY_REFUNDED)},
        MSP_STAGE_PARTIALLY_REFUNDED},
    {"two partial refunds to refunded", 6,
        {STEP("initialized", "initialized", 0, AWAIT_PAYMENT), STEP("completed", "completed", 0, MARK_PAID),
            STEP("reserved", "reserved", 300, REFUND_PENDING),
            STEP("partial_refunded", "completed", 300, PARTIALLY_REFUNDED),
            STEP("reserved", "reserved", 1000, REFUND_PENDING),
            STEP("refunded", "completed", 1000, REFUNDED)},
        MSP_STAGE_REFUNDED},
    {"chargeback", 3,
        {STEP("initialized", "initialized", 0, AWAIT_PAYMENT), STEP("completed", "completed", 0, MARK_PAID),
            STEP("chargeback", "completed", 0, CHARGEBACK)},
        MSP_STAGE_CHARGEBACK},
    {"manual capture", 3,
        {STEP("initialized", "initialized", 0, AWAIT_PAYMENT), STEP("completed", "initialized", 0, MARK_PAID),
            STEP("completed", "completed", 0, IGNORE)},
        MSP_STAGE_PAID},
    {"manual capture voided", 3,
        {STEP("initialized", "initialized", 0, AWAIT_PAYMENT), STEP("completed", "initialized", 0, MARK_PAID),
            STEP("void", "void", 0, CANCEL)},
        MSP_STAGE_CLOSED},
    {"shipped, partial refund, chargeback", 6,
        {STEP("initialized", "initialized", 0, AWAIT_PAYMENT), STEP("completed", "completed", 0, MARK_PAID),
            STEP("shipped", "completed", 0, IGNORE), STEP("reserved", "reserved", 500, REFUND_PENDING),
            STEP("partial_refunded", "completed", 500, PARTIALLY_REFUNDED),
            STEP("chargeback", "completed", 500, CHARGEBACK)},
        MSP_STAGE_CHARGEBACK},
};

#define MAX_DELIVERIES (4 * MAX_STEPS)

typedef struct {
	size_t steps[MAX_DELIVERIES];
	size_t count;
} delivery;

static msp_status_state step_snapshot(const flow *f, size_t step, bool timestamps)
{
	/* A resend carries the same body, so the same `modified`. */
	return snapshot(f->steps[step].order, f->steps[step].tx, f->steps[step].refunded,
	    timestamps ? 1700000000 + (int64_t)step * 60 : 0);
}

/* An applied move never goes back: refunds only grow, and at equal refunds the stage moves on. */
static void assert_forward(const msp_status_state *before, const msp_status_state *after)
{
	assert_true(after->amount_refunded >= before->amount_refunded);
	assert_true(after->amount_refunded > before->amount_refunded || after->stage > before->stage);
}

static bool action_allowed(const flow_step *step, msp_shop_action action)
{
	/* A step that only updates the store in order (capture, shipping) is the payment news when the
	 * steps before it were missed. */
	return action == step->action ||
	       (step->action == MSP_SHOP_ACTION_IGNORE && action == MSP_SHOP_ACTION_MARK_PAID);
}

static void run_delivery(const flow *f, const delivery *d, bool timestamps, bool in_order)
{
	msp_status_state stored;
	bool has_stored = false;
	int actions_per_step[MAX_STEPS] = {0};
	int newly_paid = 0;
	size_t last_applied = MAX_STEPS;
	msp_shop_action actions[MAX_DELIVERIES];
	size_t action_count = 0;
	for (size_t k = 0; k < d->count; k++) {
		size_t step = d->steps[k];
		msp_status_state incoming = step_snapshot(f, step, timestamps);
		msp_status_result r = transition(has_stored ? &stored : NULL, &incoming);
		if (r.regression || r.unknown) {
			fail_msg("%s: step %zu (%s/%s) refused as %s", f->name, step, f->steps[step].order,
			    f->steps[step].tx, r.regression ? "regression" : "unknown");
		}
		if (r.action != MSP_SHOP_ACTION_IGNORE) {
			actions_per_step[step]++;
			actions[action_count++] = r.action;
			if (!action_allowed(&f->steps[step], r.action)) {
				fail_msg("%s: step %zu gave %s", f->name, step, msp_shop_action_name(r.action));
			}
		}
		newly_paid += r.newly_paid;
		if (r.applied) {
			if (has_stored) {
				assert_forward(&stored, &r.next);
			}
			stored = r.next;
			has_stored = true;
			last_applied = step;
		}
	}
	for (size_t s = 0; s < f->count; s++) {
		if (actions_per_step[s] > 1) {
			fail_msg("%s: step %zu gave %d actions", f->name, s, actions_per_step[s]);
		}
	}
	const flow_step *last = &f->steps[f->count - 1];
	assert_true(has_stored);
	assert_int_equal(last_applied, f->count - 1);
	assert_int_equal(stored.order, order_of(last->order));
	assert_int_equal(stored.tx, tx_of(last->tx));
	assert_int_equal(stored.stage, f->final_stage);
	assert_true(newly_paid <= 1);
	if (proves_payment(f->final_stage)) {
		assert_int_equal(newly_paid, 1);
	}
	if (in_order) {
		/* Exactly one action per real step that has one, in the flow's order. */
		size_t expected = 0;
		for (size_t s = 0; s < f->count; s++) {
			if (f->steps[s].action != MSP_SHOP_ACTION_IGNORE) {
				if (expected >= action_count || actions[expected] != f->steps[s].action) {
					fail_msg("%s in order: step %zu should give %s", f->name, s,
					    msp_shop_action_name(f->steps[s].action));
				}
				expected++;
			}
		}
		assert_int_equal(action_count, expected);
	}
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t next_random(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static size_t deliveries_run;

/* The permutation as is, every step twice, the whole run twice, the run followed by late resends of
 * every step in flow order, and random extra resends. */
static void run_duplications(const flow *f, const size_t *perm, bool in_order)
{
	size_t n = f->count;
	delivery d;
	for (int timestamps = 0; timestamps < 2; timestamps++) {
		d.count = 0;
		for (size_t i = 0; i < n; i++) {
			d.steps[d.count++] = perm[i];
		}
		run_delivery(f, &d, timestamps, in_order);
		d.count = 0;
		for (size_t i = 0; i < n; i++) {
			d.steps[d.count++] = perm[i];
			d.steps[d.count++] = perm[i];
		}
		run_delivery(f, &d, timestamps, in_order);
		d.count = 0;
		for (size_t round = 0; round < 2; round++) {
			for (size_t i = 0; i < n; i++) {
				d.steps[d.count++] = perm[i];
			}
		}
		/* The second round repeats steps after later ones: in-order only for the first round. */
		run_delivery(f, &d, timestamps, false);
		d.count = 0;
		for (size_t i = 0; i < n; i++) {
			d.steps[d.count++] = perm[i];
		}
		for (size_t i = 0; i < n; i++) {
			d.steps[d.count++] = i;
		}
		run_delivery(f, &d, timestamps, false);
		for (int variant = 0; variant < 3; variant++) {
			d.count = 0;
			for (size_t i = 0; i < n; i++) {
				d.steps[d.count++] = perm[i];
				size_t resends = next_random() % 3;
				for (size_t j = 0; j < resends; j++) {
					/* A resend of this step or of one delivered before it. */
					d.steps[d.count++] = perm[next_random() % (i + 1)];
				}
			}
			run_delivery(f, &d, timestamps, in_order);
		}
		deliveries_run += 7;
	}
}

static bool next_permutation(size_t *a, size_t n)
{
	if (n < 2) {
		return false;
	}
	size_t i = n - 1;
	while (i > 0 && a[i - 1] >= a[i]) {
		i--;
	}
	if (i == 0) {
		return false;
	}
	size_t j = n - 1;
	while (a[j] <= a[i - 1]) {
		j--;
	}
	size_t t = a[i - 1];
	a[i - 1] = a[j];
	a[j] = t;
	for (size_t l = i, r = n - 1; l < r; l++, r--) {
		t = a[l];
		a[l] = a[r];
		a[r] = t;
	}
	return true;
}

static void test_property_real_flows_any_delivery(void **state)
{
	(void)state;
	size_t permutations = 0;
	for (size_t fi = 0; fi < sizeof(flows) / sizeof(flows[0]); fi++) {
		const flow *f = &flows[fi];
		size_t perm[MAX_STEPS];
		for (size_t i = 0; i < f->count; i++) {
			perm[i] = i;
		}
		bool first = true;
		do {
			/* The first permutation is the identity: the flow as it happened. */
			run_duplications(f, perm, first);
			first = false;
			permutations++;
		} while (next_permutation(perm, f->count));
	}
	print_message("property test: %zu flows, %zu permutations, %zu deliveries\n",
	    sizeof(flows) / sizeof(flows[0]), permutations, deliveries_run);
	assert_true(permutations > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_order_status_parse),
	    cmocka_unit_test(test_tx_status_parse),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_stage_properties),
	    cmocka_unit_test(test_documented_pairs),
	    cmocka_unit_test(test_every_table_row),
	    cmocka_unit_test(test_every_pair_is_safe),
	    cmocka_unit_test(test_transition_matrix),
	    cmocka_unit_test(test_void_void_depends_on_what_was_stored),
	    cmocka_unit_test(test_regressions_never_applied),
	    cmocka_unit_test(test_duplicates),
	    cmocka_unit_test(test_stale_by_timestamp),
	    cmocka_unit_test(test_refund_amounts),
	    cmocka_unit_test(test_newly_paid_and_informational_steps),
	    cmocka_unit_test(test_stored_state_without_stage),
	    cmocka_unit_test(test_unknown_statuses_change_nothing),
	    cmocka_unit_test(test_invalid_arguments),
	    cmocka_unit_test(test_parse_modified),
	    cmocka_unit_test(test_property_real_flows_any_delivery),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
