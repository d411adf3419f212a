<?php

/** @generate-class-entries */

namespace Msp;

/** What the shop does when an order reaches a state. */
enum ShopAction: string
{
    case Ignore = "ignore";
    case AwaitPayment = "await_payment";
    case HoldForReview = "hold_for_review";
    case MarkPaid = "mark_paid";
    case Cancel = "cancel";
    case Expire = "expire";
    case Decline = "decline";
    case RefundPending = "refund_pending";
    case Refunded = "refunded";
    case PartiallyRefunded = "partially_refunded";
    case Chargeback = "chargeback";
}

/** The stage of the status flow an order is in; store it with the order. */
enum FlowStage: string
{
    case None = "none";
    case Pending = "pending";
    case Review = "review";
    case Authorised = "authorised";
    case Closed = "closed";
    case Paid = "paid";
    case Shipped = "shipped";
    case RefundPending = "refund_pending";
    case PartiallyRefunded = "partially_refunded";
    case Refunded = "refunded";
    case Chargeback = "chargeback";
}

/**
 * An order's state as the shop stores it, or as a notification reports it.
 *
 * @strict-properties
 */
final class OrderState
{
    public readonly OrderStatus $status;
    public readonly TransactionStatus $financialStatus;
    /** In minor units. */
    public readonly int $amount;
    /** Refunds requested so far, reserved ones included, in minor units. */
    public readonly int $amountRefunded;
    /** MultiSafepay's `modified` as a Unix time, or null. */
    public readonly ?int $modified;
    public readonly FlowStage $stage;

    /** @throws InvalidArgumentException when an amount is negative or the refunds exceed the amount */
    public function __construct(
        OrderStatus $status,
        TransactionStatus $financialStatus,
        int $amount = 0,
        int $amountRefunded = 0,
        ?int $modified = null,
        FlowStage $stage = FlowStage::None
    ) {}

    /** The state an order reports (refunds counted from its related transactions too). */
    public static function fromOrder(Order $order): OrderState {}

    /** For storage: status, financial_status, amount, amount_refunded, modified, stage. */
    public function toArray(): array {}

    /**
     * The inverse of toArray(); unknown statuses are refused.
     *
     * @throws InvalidArgumentException naming the key that is missing or not acceptable
     */
    public static function fromArray(array $state): OrderState {}
}

/** What to do with an incoming state, compared with the stored one. */
final class Transition
{
    /** The one thing to do; Ignore for duplicates, stale and regressing updates. */
    public readonly ShopAction $action;
    /** Store $next: true for progress, and for a newer spelling of the same stage. */
    public readonly bool $apply;
    public readonly bool $progress;
    /** The same stage as stored (a resend). */
    public readonly bool $duplicate;
    /** An earlier state arriving late. */
    public readonly bool $stale;
    /** A move the flow never makes (completed -> initialized): never applied; reconcile and alert. */
    public readonly bool $regression;
    /** Not a card flow state msp knows. */
    public readonly bool $unknown;
    /** The first proof of payment for this order, whatever the action: book the money once. */
    public readonly bool $newlyPaid;
    /** The state to store. */
    public readonly OrderState $next;
    /** What the incoming state means, in English. */
    public readonly string $meaning;

    private function __construct() {}
}

/**
 * The order status flow (order status x transaction status) as one table, and the rule that turns
 * each notification into exactly one shop action without ever moving an order backwards.
 */
final class StatusFlow
{
    /** @param OrderState|null $stored what the shop has (null for an order it does not know yet) */
    public static function transition(?OrderState $stored, Order|OrderState $incoming): Transition {}

    /** Every row of the table: order_status, transaction_status, context, stage, action, meaning. */
    public static function table(): array {}

    private function __construct() {}
}
