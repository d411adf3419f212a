<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * Orders in SQLite. Saving an order whose status changed queues its notification; while the order is
 * hidden by a late commit the notification waits for LateCommits to reveal it.
 */
final class Orders
{
    public function __construct(private readonly Db $db, private readonly Notifications $notifications)
    {
    }

    /** The order whatever its visibility (admin views, the emulator's own bookkeeping). */
    public function find(string $site, string $orderId): ?Order
    {
        return $this->fromRow($this->db->one('SELECT pk, doc FROM orders WHERE site = ? AND order_id = ?', [$site, $orderId]));
    }

    /** The order as the API sees it: null while a late commit hides it. */
    public function findVisible(string $site, string $orderId): ?Order
    {
        $order = $this->find($site, $orderId);
        return $order !== null && $order->hiddenUntilMs === null ? $order : null;
    }

    /** @return list<int> pks of orders with something to reveal at or before $nowMs */
    public function dueReveals(int $nowMs): array
    {
        return array_map('intval', array_column(
            $this->db->all('SELECT pk FROM orders WHERE reveal_at IS NOT NULL AND reveal_at <= ? ORDER BY reveal_at, pk', [$nowMs]),
            'pk'
        ));
    }

    public function findByPk(int $pk): ?Order
    {
        return $this->fromRow($this->db->one('SELECT pk, doc FROM orders WHERE pk = ?', [$pk]));
    }

    /** The 3-D Secure page's order; a hidden order has no page yet (nobody outside knows it exists). */
    public function findByAcsToken(string $token): ?Order
    {
        $order = $this->fromRow($this->db->one('SELECT pk, doc FROM orders WHERE acs_token = ?', [$token]));
        return $order !== null && $order->hiddenUntilMs === null ? $order : null;
    }

    /** Inserts a new order; the UNIQUE (site, order_id) constraint turns a duplicate into error 1006. */
    public function insert(Order $order): void
    {
        $this->holdNotificationWhileHidden($order);
        for ($attempt = 0; ; $attempt++) {
            try {
                $order->pk = $this->db->insert(
                    'INSERT INTO orders(site, order_id, transaction_id, status, financial_status, acs_token, created_at, modified_at, reveal_at, doc)
                     VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                    $this->columns($order)
                );
                break;
            } catch (\PDOException $e) {
                if (str_contains($e->getMessage(), 'orders.site, orders.order_id')) {
                    throw self::duplicate($order->orderId);
                }
                if ($attempt > 3 || !str_contains($e->getMessage(), 'orders.transaction_id')) {
                    throw $e;
                }
                $order->transactionId = Text::randomDigits(16); // a 1-in-10^15 collision: draw again
            }
        }
        $this->afterSave($order);
    }

    public function save(Order $order): void
    {
        $this->holdNotificationWhileHidden($order);
        $params = $this->columns($order);
        array_shift($params); // site and order_id never change
        array_shift($params);
        $params[] = $order->pk;
        $this->db->run(
            'UPDATE orders SET transaction_id = ?, status = ?, financial_status = ?, acs_token = ?, created_at = ?, modified_at = ?, reveal_at = ?, doc = ? WHERE pk = ?',
            $params
        );
        $this->afterSave($order);
    }

    /** @return list<Order> */
    public function search(?string $site, ?string $orderId, ?string $status, int $limit = 500): array
    {
        $where = [];
        $params = [];
        foreach (['site' => $site, 'order_id' => $orderId, 'status' => $status] as $column => $value) {
            if ($value !== null && $value !== '') {
                $where[] = "$column = ?";
                $params[] = $value;
            }
        }
        $sql = 'SELECT pk, doc FROM orders' . ($where ? ' WHERE ' . implode(' AND ', $where) : '') . ' ORDER BY pk LIMIT ' . $limit;
        return array_map(fn (array $row): Order => $this->fromRow($row), $this->db->all($sql, $params));
    }

    public function count(?string $site, ?string $orderId): int
    {
        if ($orderId !== null && $site !== null) {
            return (int) $this->db->value('SELECT COUNT(*) FROM orders WHERE site = ? AND order_id = ?', [$site, $orderId]);
        }
        if ($orderId !== null) {
            return (int) $this->db->value('SELECT COUNT(*) FROM orders WHERE order_id = ?', [$orderId]);
        }
        return (int) $this->db->value('SELECT COUNT(*) FROM orders');
    }

    /** A hidden order tells no one about its changes yet: LateCommits notifies once it is visible. */
    private function holdNotificationWhileHidden(Order $order): void
    {
        if ($order->changed && $order->hiddenUntilMs !== null) {
            $order->changed = false;
            $order->notifyOnReveal = true;
        }
    }

    private function afterSave(Order $order): void
    {
        if ($order->changed) {
            $order->changed = false;
            $this->notifications->queue($order);
        }
    }

    private function columns(Order $order): array
    {
        return [
            $order->site, $order->orderId, $order->transactionId, $order->status, $order->financialStatus,
            $order->acsToken, $order->created, $order->modified, $order->revealAt(), Json::encode($order->toDoc()),
        ];
    }

    private function fromRow(?array $row): ?Order
    {
        return $row === null ? null : Order::fromDoc(Json::decodeObject((string) $row['doc']), (int) $row['pk']);
    }

    private static function duplicate(string $orderId): ApiError
    {
        return new ApiError(1006, 'Invalid transaction ID: order_id ' . Json::encode($orderId) . ' already exists for this website');
    }
}
