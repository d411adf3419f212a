<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * Webhooks: one notification per status change, delivered right after the change is committed,
 * retried on the site's schedule (emulator time) until the shop answers HTTP 200 with body "OK".
 * Every attempt is logged (README "Notifications").
 *
 * The body (POST) is the order object as it was at the change, so a replay or a late retry sends
 * the old state: that is how real notifications arrive late and out of order.
 */
final class Notifications
{
    public function __construct(
        private readonly Db $db,
        private readonly Clock $clock,
        private readonly Sites $sites,
        private readonly Scheduler $scheduler,
    ) {
    }

    /** Stores the notification of the order's current state and delivers it once the change is committed. */
    public function queue(Order $order): ?int
    {
        $url = $order->paymentOptions['notification_url'] ?? null;
        $site = $this->sites->byName($order->site);
        if (!is_string($url) || $site === null) {
            return null;
        }
        $held = $site->bool('notifications_hold');
        $id = $this->db->insert(
            'INSERT INTO notifications(site, order_pk, order_id, url, method, body, order_status, financial_status, state, origin, created_at)
             VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [
                $order->site, $order->pk, $order->orderId, $url,
                strtoupper((string) ($order->paymentOptions['notification_method'] ?? 'GET')),
                Json::encode(Payload::order($order, $site)),
                $order->status, $order->financialStatus,
                $held ? 'held' : 'pending', 'status change', $this->clock->now(),
            ]
        );
        if (!$held) {
            $now = $this->clock->now();
            // The first attempt runs in this process once the change is committed. Should the
            // process die in between (a server stopped mid-request), the guard makes it at the
            // first retry time instead, as the real API retries: a notification is never lost.
            $this->scheduler->schedule(Scheduler::NOTIFICATION_GUARD, $now + $site->int('notification_retry_seconds'), $order->pk, (string) $id);
            $this->db->afterCommit(fn () => $this->clock->at($now, fn () => $this->attempt($id)));
        }
        return $id;
    }

    /** The guard: attempts a notification whose first attempt never happened (its process died first). */
    public function attemptIfLost(int $id): void
    {
        $notification = $this->find($id);
        if ($notification !== null && $notification['state'] === 'pending' && (int) $notification['attempts'] === 0) {
            $this->attempt($id, 'retry');
        }
    }

    /**
     * One scheduled attempt (the first, a retry, or one asked for by the admin API): on failure the
     * next retry is scheduled until the site's retry budget is spent, then the notification is failed.
     */
    public function attempt(int $id, string $kind = 'attempt'): ?array
    {
        $notification = $this->find($id);
        if ($notification === null || $notification['state'] === 'delivered' && $kind === 'retry') {
            return null;
        }
        $delivery = $this->deliver($notification, $kind);
        $site = $this->sites->byName($notification['site']);
        $this->db->transaction(function () use ($notification, $delivery, $site): void {
            $attempts = (int) $notification['attempts'] + 1;
            // A notification once delivered stays delivered: a later failed re-send does not reopen it.
            $state = $delivery['ok'] || $notification['state'] === 'delivered' ? 'delivered' : 'pending';
            if (!$delivery['ok'] && $attempts > ($site?->int('notification_retries') ?? 3)) {
                $state = 'failed';
            }
            $this->db->run('UPDATE notifications SET attempts = ?, state = ? WHERE id = ?', [$attempts, $state, $notification['id']]);
            $this->scheduler->cancel(Scheduler::NOTIFICATION_GUARD, (string) $notification['id']); // attempted: the guard has nothing to do
            if ($state === 'pending') {
                $retryAt = $this->clock->now() + ($site?->int('notification_retry_seconds') ?? 900);
                $this->scheduler->schedule(Scheduler::NOTIFICATION_ATTEMPT, $retryAt, (int) $notification['order_pk'], (string) $notification['id']);
            }
        });
        return $delivery;
    }

    /** Sends the notification once more with a fresh timestamp; its retry schedule is left alone. */
    public function replay(int $id): ?array
    {
        $notification = $this->find($id);
        if ($notification === null) {
            return null;
        }
        $delivery = $this->deliver($notification, 'replay');
        if ($delivery['ok'] && $notification['state'] !== 'delivered') {
            $this->db->transaction(fn () => $this->db->run("UPDATE notifications SET state = 'delivered' WHERE id = ?", [$id]));
        }
        return $delivery;
    }

    /**
     * Copies a notification $count times (same body) and delivers each copy like a new notification.
     * @return list<int> the ids of the copies
     */
    public function duplicate(int $id, int $count, bool $deliver): array
    {
        $ids = $this->db->transaction(function () use ($id, $count): array {
            $ids = [];
            for ($i = 0; $i < $count; $i++) {
                $ids[] = $this->db->insert(
                    "INSERT INTO notifications(site, order_pk, order_id, url, method, body, order_status, financial_status, state, origin, created_at)
                     SELECT site, order_pk, order_id, url, method, body, order_status, financial_status, 'held', ?, ? FROM notifications WHERE id = ?",
                    ["duplicate of #$id", $this->clock->now(), $id]
                );
            }
            return $ids;
        });
        if ($deliver) {
            $this->deliverInOrder($ids);
        }
        return $ids;
    }

    /**
     * Delivers the given notifications in exactly this order (one attempt each, retries as usual):
     * the way to make a shop see "completed" before "initialized".
     * @return list<array> the deliveries
     */
    public function deliverInOrder(array $ids): array
    {
        $deliveries = [];
        foreach ($ids as $id) {
            $this->db->transaction(fn () => $this->db->run("UPDATE notifications SET state = 'pending' WHERE id = ? AND state = 'held'", [$id]));
            $delivery = $this->attempt((int) $id, 'ordered');
            if ($delivery !== null) {
                $deliveries[] = $delivery;
            }
        }
        return $deliveries;
    }

    /** Delivers every held notification in the order they were created. */
    public function release(?string $site): array
    {
        $sql = "SELECT id FROM notifications WHERE state = 'held'" . ($site !== null ? ' AND site = ?' : '') . ' ORDER BY id';
        return $this->deliverInOrder(array_column($this->db->all($sql, $site !== null ? [$site] : []), 'id'));
    }

    public function find(int $id): ?array
    {
        return $this->db->one('SELECT * FROM notifications WHERE id = ?', [$id]);
    }

    /** Notifications with every delivery attempt, oldest first. */
    public function log(?string $site, ?string $orderId): array
    {
        $where = [];
        $params = [];
        if ($site !== null) {
            $where[] = 'site = ?';
            $params[] = $site;
        }
        if ($orderId !== null) {
            $where[] = 'order_id = ?';
            $params[] = $orderId;
        }
        $rows = $this->db->all('SELECT * FROM notifications' . ($where ? ' WHERE ' . implode(' AND ', $where) : '') . ' ORDER BY id', $params);
        return array_map(fn (array $n): array => $this->describe($n), $rows);
    }

    public function describe(array $n): array
    {
        $deliveries = $this->db->all('SELECT * FROM deliveries WHERE notification_id = ? ORDER BY id', [$n['id']]);
        return [
            'id' => (int) $n['id'],
            'site' => $n['site'],
            'order_id' => $n['order_id'],
            'url' => $n['url'],
            'method' => $n['method'],
            'order_status' => $n['order_status'],
            'financial_status' => $n['financial_status'],
            'state' => $n['state'],
            'attempts' => (int) $n['attempts'],
            'origin' => $n['origin'],
            'created_at' => (int) $n['created_at'],
            'deliveries' => array_map(self::describeDelivery(...), $deliveries),
        ];
    }

    /** The Auth header value: base64("<timestamp>:" . hex(HMAC-SHA512(trim(api_key), "<timestamp>:" . body))). */
    public static function signature(string $apiKey, int $timestamp, string $body): string
    {
        $message = $timestamp . ':' . $body;
        return base64_encode($timestamp . ':' . hash_hmac('sha512', $message, trim($apiKey)));
    }

    private function deliver(array $notification, string $kind): array
    {
        $site = $this->sites->byName($notification['site']);
        $timestamp = $this->clock->now();
        $url = Urls::withQuery($notification['url'], ['transactionid' => $notification['order_id'], 'timestamp' => $timestamp]);
        $method = $notification['method'] === 'POST' ? 'POST' : 'GET';
        $headers = ['User-Agent' => 'MultiSafepay-Emulator/1', 'Accept' => '*/*'];
        $body = null;
        $auth = null;
        if ($method === 'POST') {
            $body = $notification['body'];
            $auth = self::signature($site?->apiKey ?? '', $timestamp, $body);
            $headers += ['Content-Type' => 'application/json', 'Auth' => $auth];
        }
        $result = Outbound::send($method, $url, $headers, $body, $site?->int('notification_timeout_ms') ?? 2000);
        $ok = $result['status'] === 200 && trim($result['body']) === 'OK';
        $deliveryId = $this->db->insert(
            'INSERT INTO deliveries(notification_id, kind, url, method, body, auth, timestamp, http_status, response, error, ok, duration_ms)
             VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [$notification['id'], $kind, $url, $method, $body ?? '', $auth, $timestamp, $result['status'],
             substr($result['body'], 0, 2000), $result['error'], $ok ? 1 : 0, $result['duration_ms']]
        );
        return self::describeDelivery($this->db->one('SELECT * FROM deliveries WHERE id = ?', [$deliveryId]));
    }

    private static function describeDelivery(array $d): array
    {
        return [
            'id' => (int) $d['id'],
            'notification_id' => (int) $d['notification_id'],
            'kind' => $d['kind'],
            'url' => $d['url'],
            'method' => $d['method'],
            'body' => $d['body'],
            'auth' => $d['auth'],
            'timestamp' => (int) $d['timestamp'],
            'http_status' => $d['http_status'] === null ? null : (int) $d['http_status'],
            'response' => $d['response'],
            'error' => $d['error'],
            'ok' => (bool) $d['ok'],
            'duration_ms' => (int) $d['duration_ms'],
        ];
    }
}
