<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * Refunds (api.md §3): POST /orders/{id}/refunds and PATCH /orders/{id}/refunds/{refund_id}.
 *
 * Each refund is a related transaction of type "refund", reserved until the next midnight (UTC,
 * emulator clock), then completed. The order's amount_refunded counts reserved and completed
 * refunds, and its status follows: partial_refunded, refunded, back to completed when the last
 * reserved refund is cancelled.
 *
 * With a late commit (fault commit-after) the refund is stored at once but hidden: it already counts
 * against what may still be refunded, and LateCommits applies the rest (amount_refunded, status,
 * completion at midnight, notification) when it becomes visible.
 */
final class Refunds
{
    public const SAME_AMOUNT_WINDOW = 300;
    public const MAX_AGE = 180 * 86400;

    public function __construct(
        private readonly Db $db,
        private readonly Clock $clock,
        private readonly Orders $orders,
        private readonly Scheduler $scheduler,
    ) {
    }

    /**
     * The answer names the refund's own transaction (the docs' example: order_id and transaction_id);
     * refund_id repeats it unless the site's refund_id_in_answer is off.
     * @return array{order_id: string, transaction_id: int, refund_id?: int}
     */
    public function refund(Site $site, string $orderId, array $body, ?int $commitAfterMs = null): array
    {
        return $this->db->transaction(function () use ($site, $orderId, $body, $commitAfterMs): array {
            $order = $this->orders->findVisible($site->name, $orderId) ?? throw ApiError::unknownOrder($orderId);
            $now = $this->clock->now();
            $this->checkCurrency($order, $body);
            $amount = $this->amount($order, $body);
            $this->checkRefundable($order, $amount, $now);
            $refundId = Text::randomDigits(16);
            $refund = [
                'type' => 'refund',
                'transaction_id' => $refundId,
                'amount' => $amount,
                'currency' => $order->currency,
                'status' => 'reserved',
                'created' => $now,
                'modified' => $now,
                'description' => is_string($body['description'] ?? null) ? $body['description'] : 'Refund',
                'order_id' => isset($body['refund_order_id']) ? (string) $body['refund_order_id'] : null,
            ];
            if ($commitAfterMs !== null) {
                $refund['visible_from_ms'] = $this->clock->nowMs() + $commitAfterMs;
            }
            $order->related[] = $refund;
            if ($commitAfterMs === null) {
                self::applyVisibleRefund($order, $refundId, $now, $this->scheduler);
            }
            $this->orders->save($order);
            $answer = ['order_id' => $order->orderId, 'transaction_id' => (int) $refundId];
            return $site->bool('refund_id_in_answer') ? $answer + ['refund_id' => (int) $refundId] : $answer;
        });
    }

    /** What a refund does once the API can see it: the order's status follows, it completes at midnight. */
    public static function applyVisibleRefund(Order $order, string $refundId, int $now, Scheduler $scheduler): void
    {
        self::followRefunds($order, $now);
        $scheduler->schedule('complete_refund', Clock::nextMidnight($now), $order->pk, $refundId);
    }

    /** PATCH {"status": "void"}: cancels a refund that is still reserved. */
    public function cancel(Site $site, string $orderId, string $refundId, array $body): void
    {
        if (($body['status'] ?? null) !== 'void') {
            throw new ApiError(1016, 'Missing data: a refund can only be changed with {"status": "void"}');
        }
        $this->db->transaction(function () use ($site, $orderId, $refundId): void {
            $order = $this->orders->findVisible($site->name, $orderId) ?? throw ApiError::unknownOrder($orderId);
            $index = $order->relatedIndex('refund', $refundId);
            if ($index === null || !Order::isVisible($order->related[$index])) {
                throw new ApiError(1033, 'Error fetching refund information: order ' . Json::encode($orderId) . " has no refund $refundId", 404);
            }
            if ($order->related[$index]['status'] !== 'reserved') {
                throw new ApiError(1034, 'Cannot refund: the refund is ' . $order->related[$index]['status'] . ', only a reserved refund can be cancelled');
            }
            $now = $this->clock->now();
            $order->related[$index]['status'] = 'void';
            $order->related[$index]['modified'] = $now;
            self::followRefunds($order, $now);
            $order->touch($now);
            $this->orders->save($order);
        });
    }

    /** The midnight run: a reserved refund is done. */
    public static function complete(Order $order, string $refundId, int $now): void
    {
        $index = $order->relatedIndex('refund', $refundId);
        if ($index === null || $order->related[$index]['status'] !== 'reserved') {
            return;
        }
        $order->related[$index]['status'] = 'completed';
        $order->related[$index]['modified'] = $now;
        $order->touch($now);
    }

    /** The order status after its refunds changed. */
    private static function followRefunds(Order $order, int $now): void
    {
        if ($order->status === 'chargeback') {
            return;
        }
        $refunded = $order->refundedAmount();
        $status = match (true) {
            $refunded === 0 => 'completed',
            $refunded >= $order->amount => 'refunded',
            default => 'partial_refunded',
        };
        $order->setStatus($status, $order->financialStatus, $now);
    }

    private function checkCurrency(Order $order, array $body): void
    {
        $currency = $body['currency'] ?? null;
        if ($currency === null || $currency === '') {
            throw ApiError::missing('currency');
        }
        if (!is_string($currency) || Iso::minorUnits($currency) === null) {
            throw new ApiError(1002, 'Invalid currency: ' . Json::encode($currency) . ' is not an ISO 4217 code');
        }
        if ($currency !== $order->currency) {
            throw new ApiError(1034, "Cannot refund: the refund currency $currency differs from the order's {$order->currency}");
        }
    }

    /** An omitted, empty or 0 amount refunds everything that is left. */
    private function amount(Order $order, array $body): int
    {
        $amount = $body['amount'] ?? null;
        if (is_string($amount) && preg_match('/^[0-9]+$/', $amount)) {
            $amount = (int) $amount; // the docs' own example sends "500"
        }
        if ($amount === null || $amount === '' || $amount === 0) {
            return $order->amount - $order->refundedAmount(true);
        }
        if (!is_int($amount) || $amount < 0) {
            throw new ApiError(1001, 'Invalid amount: a refund amount is a positive integer in minor units');
        }
        return $amount;
    }

    private function checkRefundable(Order $order, int $amount, int $now): void
    {
        if (!$order->isPaid() || $order->status === 'chargeback') {
            $why = $order->isAuthorisedOnly() ? 'it is only authorised (capture or cancel it)' : "its status is {$order->status}/{$order->financialStatus}";
            throw new ApiError(1034, "Cannot refund: the order is not paid, $why");
        }
        if (($order->capture['captured_to_children'] ?? 0) > 0) {
            throw new ApiError(1034, 'Cannot refund: this authorisation was captured into separate orders; refund those');
        }
        if ($now - ($order->paidAt ?? $order->created) > self::MAX_AGE) {
            throw new ApiError(1034, 'Cannot refund: card payments can only be refunded within 180 days');
        }
        if ($order->amount === 0) {
            throw new ApiError(1034, 'Cannot refund: a Zero Authorization (amount 0) has nothing to refund');
        }
        $left = $order->amount - $order->refundedAmount(true); // a hidden refund is committed: it counts
        if ($left <= 0) {
            throw new ApiError(1034, 'Cannot refund: the order is already fully refunded');
        }
        if ($amount > $left) {
            throw new ApiError(1034, "Cannot refund: $amount exceeds the refundable amount of $left");
        }
        foreach ($order->related as $t) {
            if ($t['type'] === 'refund' && $t['status'] !== 'void' && $t['amount'] === $amount && $now - $t['created'] < self::SAME_AMOUNT_WINDOW) {
                throw new ApiError(1034, 'Cannot refund: a refund of the same amount was made less than 5 minutes ago');
            }
        }
    }
}
