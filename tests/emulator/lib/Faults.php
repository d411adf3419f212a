<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * Fault injection for API requests (/v1/json/...), README "Faults".
 *
 * A fault comes from the request's X-Emulator-Fault header or, when there is none, from the queue
 * the admin API fills (POST /_emulator/faults: the next N requests matching a path and method, and
 * when given an order id: the order_id of a POST /orders body or the {id} of /orders/{id}/...).
 * An order id lets a test that does not send the request itself (msp does) aim at one payment.
 * Syntax: comma-separated directives, e.g. "delay=1500", "status=503, body=html", "close-after-body".
 */
final class Faults
{
    public const HEADER = 'X-Emulator-Fault';

    public function __construct(private readonly Db $db)
    {
    }

    /** The header's fault, else the first matching queued fault (consumed). Throws \InvalidArgumentException on a bad spec. */
    public function forRequest(Request $request): ?Fault
    {
        $header = $request->header(self::HEADER);
        if ($header !== null && trim($header) !== '') {
            return Fault::parse($header);
        }
        return $this->consumeQueued($request);
    }

    public function add(string $spec, int $count, string $path, bool $exact, ?string $method, ?string $orderId = null): array
    {
        Fault::parse($spec); // refuse a bad spec now, not when a request hits it
        if ($count < 1 || $count > 1000) {
            throw new \InvalidArgumentException('count must be 1 to 1000');
        }
        $id = $this->db->transaction(fn () => $this->db->insert(
            'INSERT INTO faults(fault, remaining, path, exact, method, order_id) VALUES(?, ?, ?, ?, ?, ?)',
            [$spec, $count, $path, $exact ? 1 : 0, $method !== null ? strtoupper($method) : null, $orderId]
        ));
        return $this->db->one('SELECT * FROM faults WHERE id = ?', [$id]);
    }

    public function all(): array
    {
        return $this->db->all('SELECT * FROM faults WHERE remaining > 0 ORDER BY id');
    }

    public function clear(): void
    {
        $this->db->transaction(fn () => $this->db->run('DELETE FROM faults'));
    }

    private function consumeQueued(Request $request): ?Fault
    {
        if ((int) $this->db->value('SELECT COUNT(*) FROM faults WHERE remaining > 0') === 0) {
            return null;
        }
        $method = $request->method;
        $path = $request->path;
        $orderId = self::orderIdOf($request);
        $spec = $this->db->transaction(function () use ($method, $path, $orderId): ?string {
            foreach ($this->db->all('SELECT * FROM faults WHERE remaining > 0 ORDER BY id') as $row) {
                $pathMatches = $row['exact'] ? $path === $row['path'] : str_starts_with($path, (string) $row['path']);
                $orderMatches = $row['order_id'] === null || $row['order_id'] === $orderId;
                if ($pathMatches && $orderMatches && ($row['method'] === null || $row['method'] === $method)) {
                    $this->db->run('UPDATE faults SET remaining = remaining - 1 WHERE id = ?', [$row['id']]);
                    return (string) $row['fault'];
                }
            }
            return null;
        });
        return $spec === null ? null : Fault::parse($spec);
    }

    /** The order a request is about: {id} in /v1/json/orders/{id}/..., else the body's order_id. */
    private static function orderIdOf(Request $request): ?string
    {
        $segments = $request->segments;
        if (($segments[2] ?? null) === 'orders' && isset($segments[3])) {
            return $segments[3];
        }
        $body = json_decode($request->body, true);
        $id = is_array($body) ? ($body['order_id'] ?? null) : null;
        return is_string($id) || is_int($id) ? (string) $id : null;
    }
}
