<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * Things due at a moment of emulator time: expiries, uncleared resolutions, refunds completing at
 * midnight, notification retries. Events runs them; this class only stores and claims them, so
 * that two workers never run the same event.
 */
final class Scheduler
{
    public const NOTIFICATION_ATTEMPT = 'notification_attempt';
    /** The first attempt of a notification, again, when the process that was to make it died first. */
    public const NOTIFICATION_GUARD = 'notification_guard';

    public function __construct(private readonly Db $db)
    {
    }

    public function schedule(string $kind, int $dueAt, ?int $orderPk, ?string $ref = null): void
    {
        $this->db->insert('INSERT INTO events(due_at, kind, order_pk, ref) VALUES(?, ?, ?, ?)', [$dueAt, $kind, $orderPk, $ref]);
    }

    /** Drops the events of this kind and ref that have not run yet. */
    public function cancel(string $kind, string $ref): void
    {
        $this->db->run('UPDATE events SET done = 1 WHERE done = 0 AND kind = ? AND ref = ?', [$kind, $ref]);
    }

    /**
     * Claims the earliest event due at or before $now (notification retries only when asked).
     * @return array{id: int, due_at: int, kind: string, order_pk: ?int, ref: ?string}|null
     */
    public function claimNext(int $now, bool $withNotifications): ?array
    {
        $kindFilter = $withNotifications ? '' : " AND kind NOT IN ('" . self::NOTIFICATION_ATTEMPT . "', '" . self::NOTIFICATION_GUARD . "')";
        $sql = "SELECT * FROM events WHERE done = 0 AND due_at <= ?$kindFilter ORDER BY due_at, id LIMIT 1";
        if ($this->db->one($sql, [$now]) === null) {
            return null; // the common case: no write lock taken
        }
        return $this->db->transaction(function () use ($sql, $now): ?array {
            $event = $this->db->one($sql, [$now]);
            if ($event !== null) {
                $this->db->run('UPDATE events SET done = 1 WHERE id = ?', [$event['id']]);
            }
            return $event;
        });
    }

    /** @return list<array> events not run yet, for the admin view */
    public function pending(?int $orderPk = null): array
    {
        if ($orderPk === null) {
            return $this->db->all('SELECT * FROM events WHERE done = 0 ORDER BY due_at, id');
        }
        return $this->db->all('SELECT * FROM events WHERE done = 0 AND order_pk = ? ORDER BY due_at, id', [$orderPk]);
    }
}
