<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * Runs due events in the order they fall due, each with the clock pinned to its due time.
 * Order events run lazily at the start of every request (so a GET after an hour sees "expired");
 * notification retries run only when the clock is moved or /_emulator/notifications/process is
 * called, so an unrelated API call never waits on a shop's webhook.
 */
final class Events
{
    private const MAX_PER_RUN = 10000;

    public function __construct(
        private readonly Db $db,
        private readonly Clock $clock,
        private readonly Scheduler $scheduler,
        private readonly Orders $orders,
        private readonly Lifecycle $lifecycle,
        private readonly Notifications $notifications,
    ) {
    }

    /** @return int how many events ran */
    public function runDue(bool $withNotifications): int
    {
        $until = $this->clock->now();
        $count = 0;
        while ($count < self::MAX_PER_RUN && ($event = $this->scheduler->claimNext($until, $withNotifications)) !== null) {
            $this->clock->at(min((int) $event['due_at'], $until), fn () => $this->run($event));
            $count++;
        }
        return $count;
    }

    private function run(array $event): void
    {
        if ($event['kind'] === Scheduler::NOTIFICATION_ATTEMPT) {
            $this->notifications->attempt((int) $event['ref'], 'retry');
            return;
        }
        if ($event['kind'] === Scheduler::NOTIFICATION_GUARD) {
            $this->notifications->attemptIfLost((int) $event['ref']);
            return;
        }
        $this->db->transaction(function () use ($event): void {
            $order = $this->orders->findByPk((int) $event['order_pk']);
            if ($order === null) {
                return;
            }
            $this->apply($event['kind'], (string) $event['ref'], $order);
            $this->orders->save($order);
        });
    }

    private function apply(string $kind, string $ref, Order $order): void
    {
        match ($kind) {
            'expire_initialized' => $this->lifecycle->expireInitialized($order),
            'resolve_uncleared' => $this->lifecycle->resolveUncleared($order, $ref),
            'expire_uncleared' => $this->lifecycle->expireUncleared($order),
            'expire_authorisation' => $this->lifecycle->expireAuthorisation($order),
            'complete_refund' => Refunds::complete($order, $ref, $this->clock->now()),
            default => null,
        };
    }
}
