<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * Manual capture (capture: "manual"): the order is authorised as completed/initialized.
 *   POST /orders/{id}/capture  full amount, nothing captured before: the order itself becomes
 *                              completed/completed; otherwise a child order new_order_id is created
 *                              (completed/completed, the captured amount) and capture_remain drops.
 *   PATCH /capture/{id}        {"status": "cancelled"}: void/void (or, when partly captured, the
 *                              rest is released and the order is completed/completed).
 */
final class Captures
{
    public function __construct(
        private readonly Db $db,
        private readonly Clock $clock,
        private readonly Orders $orders,
        private readonly Lifecycle $lifecycle,
    ) {
    }

    /** @return array{transaction_id: int, order_id: string} */
    public function capture(Site $site, string $orderId, array $body): array
    {
        if (($body['new_order_status'] ?? null) === null) {
            throw ApiError::missing('new_order_status');
        }
        if ($body['new_order_status'] !== 'completed') {
            throw new ApiError(1000, 'new_order_status must be "completed"');
        }
        return $this->db->transaction(function () use ($site, $orderId, $body): array {
            $order = $this->authorised($site, $orderId);
            $remain = $order->capture['remain'];
            $amount = $body['amount'] ?? $remain;
            if (!is_int($amount) || $amount < 1 || $amount > $remain) {
                throw new ApiError(1001, "Invalid amount: capture between 1 and the $remain left to capture");
            }
            $inPlace = $amount === $order->amount && ($order->capture['captured_to_children'] ?? 0) === 0;
            $result = $inPlace ? $this->captureInPlace($order, $body) : $this->captureToChild($order, $site, $amount, $body);
            $this->orders->save($order);
            return $result;
        });
    }

    public function cancelAuthorisation(Site $site, string $orderId, array $body): void
    {
        if (($body['status'] ?? null) !== 'cancelled') {
            throw new ApiError(1016, 'Missing data: cancel an authorisation with {"status": "cancelled", "reason": "..."}');
        }
        $this->db->transaction(function () use ($site, $orderId, $body): void {
            $order = $this->authorised($site, $orderId);
            $this->lifecycle->releaseAuthorisation($order, is_string($body['reason'] ?? null) ? $body['reason'] : 'Authorisation cancelled');
            $this->orders->save($order);
        });
    }

    private function authorised(Site $site, string $orderId): Order
    {
        $order = $this->orders->findVisible($site->name, $orderId) ?? throw ApiError::unknownOrder($orderId);
        if ($order->capture === null) {
            throw new ApiError(1000, 'Cannot capture: the order was not created with capture "manual"');
        }
        if (!$order->isAuthorisedOnly()) {
            throw new ApiError(1000, "Cannot capture: the order is {$order->status}/{$order->financialStatus}, not an open authorisation");
        }
        return $order;
    }

    private function captureInPlace(Order $order, array $body): array
    {
        $now = $this->clock->now();
        $captureId = Text::randomDigits(16);
        $order->capture['remain'] = 0;
        $order->paidAt = $now;
        $order->related[] = self::related($captureId, $order->amount, $order, $now, $body, null);
        $order->setStatus('completed', 'completed', $now);
        return ['transaction_id' => (int) $captureId, 'order_id' => $order->orderId];
    }

    private function captureToChild(Order $order, Site $site, int $amount, array $body): array
    {
        $newOrderId = $body['new_order_id'] ?? null;
        if (!is_string($newOrderId) || $newOrderId === '') {
            throw ApiError::missing('new_order_id (a partial capture creates a new order)');
        }
        if (Text::length($newOrderId) > 50) {
            throw new ApiError(1006, 'Invalid order ID: new_order_id must be at most 50 characters');
        }
        $now = $this->clock->now();
        $child = self::childOrder($order, $newOrderId, $amount, $body, $now);
        $this->orders->insert($child);
        $child->setStatus('completed', 'completed', $now);
        $this->orders->save($child);

        $order->capture['remain'] -= $amount;
        $order->capture['captured_to_children'] = ($order->capture['captured_to_children'] ?? 0) + $amount;
        $order->related[] = self::related($child->transactionId, $amount, $order, $now, $body, $newOrderId);
        $order->touch($now);
        if ($order->capture['remain'] === 0) {
            $order->paidAt = $now;
            $order->setStatus('completed', 'completed', $now);
        }
        return ['transaction_id' => (int) $child->transactionId, 'order_id' => $newOrderId];
    }

    /** The order a partial capture creates: the parent's customer and card, its own id and amount, paid now. */
    private static function childOrder(Order $parent, string $newOrderId, int $amount, array $body, int $now): Order
    {
        $child = clone $parent;
        $child->pk = null;
        $child->orderId = $newOrderId;
        $child->transactionId = Text::randomDigits(16);
        $child->amount = $amount;
        $child->capture = null;
        $child->related = [];
        $child->acsToken = null;
        $child->parentOrderId = $parent->orderId;
        $child->description = is_string($body['description'] ?? null) && $body['description'] !== '' ? $body['description'] : $parent->description;
        $child->created = $now;
        $child->paidAt = $now;
        $child->status = 'initialized'; // inserted first, then moved to completed so that the change is notified
        $child->financialStatus = 'initialized';
        $child->changed = false;
        return $child;
    }

    private static function related(string $id, int $amount, Order $order, int $now, array $body, ?string $orderId): array
    {
        return [
            'type' => 'capture',
            'transaction_id' => $id,
            'amount' => $amount,
            'currency' => $order->currency,
            'status' => 'completed',
            'created' => $now,
            'modified' => $now,
            'description' => is_string($body['reason'] ?? null) ? $body['reason'] : 'Capture',
            'order_id' => $orderId,
        ];
    }
}
