<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * Late commits (fault commit-after=<ms>, README "Faults"): the request did its work, but the order
 * or refund becomes visible to the API only <ms> later, the way a gateway can time out before the
 * backend commits.
 *
 * The work is stored at once, marked hidden until a moment of the emulator clock (orders.reveal_at),
 * so it lives in SQLite like everything else: any worker, or a server restarted on the same file,
 * reveals it at the start of the first request after that moment. Nothing sleeps for it.
 *
 * Revealing an order lets the API see it (and sends the notification of its state then, when a
 * status changed while it was hidden). Revealing a refund applies what the refund does to the
 * order's visible state: amount_refunded, the status, related_transactions, the completion at the
 * next midnight and the notification.
 */
final class LateCommits
{
    /** How often a request that waits for a hidden order looks again. */
    private const POLL_MS = 20;

    public function __construct(
        private readonly Db $db,
        private readonly Clock $clock,
        private readonly Orders $orders,
        private readonly Scheduler $scheduler,
    ) {
    }

    /** Reveals what fell due by now. @return int how many orders changed */
    public function revealDue(): int
    {
        $pks = $this->orders->dueReveals($this->clock->nowMs());
        $count = 0;
        foreach ($pks as $pk) {
            $count += $this->db->transaction(fn (): bool => $this->reveal($pk)) ? 1 : 0;
        }
        return $count;
    }

    /**
     * Holds a request that collided with a hidden order (a second POST of its order_id) until the
     * order is visible, as a database holds a second insert of a unique key until the first
     * transaction commits; the caller then answers 1006 like for any duplicate.
     */
    public function waitUntilVisible(string $site, string $orderId): void
    {
        while (true) {
            $this->revealDue();
            $order = $this->orders->find($site, $orderId);
            if ($order === null || $order->hiddenUntilMs === null) {
                return;
            }
            $waitMs = max(1, min(self::POLL_MS, $order->hiddenUntilMs - $this->clock->nowMs()));
            usleep($waitMs * 1000);
        }
    }

    private function reveal(int $pk): bool
    {
        $order = $this->orders->findByPk($pk);
        $nowMs = $this->clock->nowMs();
        if ($order === null || ($order->revealAt() ?? PHP_INT_MAX) > $nowMs) {
            return false; // another worker was first
        }
        if ($order->hiddenUntilMs !== null && $order->hiddenUntilMs <= $nowMs) {
            $this->clock->at(intdiv($order->hiddenUntilMs, 1000), fn () => $this->revealOrder($order));
        }
        if ($order->hiddenUntilMs === null) {
            foreach ($order->related as $i => $t) {
                if (isset($t['visible_from_ms']) && $t['visible_from_ms'] <= $nowMs) {
                    $this->clock->at(intdiv($t['visible_from_ms'], 1000), fn () => $this->revealRefund($order, $i));
                }
            }
        }
        $this->orders->save($order);
        return true;
    }

    private function revealOrder(Order $order): void
    {
        $order->hiddenUntilMs = null;
        if ($order->notifyOnReveal) {
            $order->notifyOnReveal = false;
            $order->changed = true;
        }
    }

    private function revealRefund(Order $order, int $index): void
    {
        unset($order->related[$index]['visible_from_ms']);
        $now = $this->clock->now();
        Refunds::applyVisibleRefund($order, (string) $order->related[$index]['transaction_id'], $now, $this->scheduler);
    }
}
