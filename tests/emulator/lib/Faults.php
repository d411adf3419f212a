<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * Fault injection for API requests (/v1/json/...), README "Faults".
 *
 * A fault comes from the request's X-Emulator-Fault header or, when there is none, from the queue
 * the admin API fills (POST /_emulator/faults: the next N requests matching a path and method).
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
        return $this->consumeQueued($request->method, $request->path);
    }

    public function add(string $spec, int $count, string $path, bool $exact, ?string $method): array
    {
        Fault::parse($spec); // refuse a bad spec now, not when a request hits it
        if ($count < 1 || $count > 1000) {
            throw new \InvalidArgumentException('count must be 1 to 1000');
        }
        $id = $this->db->transaction(fn () => $this->db->insert(
            'INSERT INTO faults(fault, remaining, path, exact, method) VALUES(?, ?, ?, ?, ?)',
            [$spec, $count, $path, $exact ? 1 : 0, $method !== null ? strtoupper($method) : null]
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

    private function consumeQueued(string $method, string $path): ?Fault
    {
        if ((int) $this->db->value('SELECT COUNT(*) FROM faults WHERE remaining > 0') === 0) {
            return null;
        }
        $spec = $this->db->transaction(function () use ($method, $path): ?string {
            foreach ($this->db->all('SELECT * FROM faults WHERE remaining > 0 ORDER BY id') as $row) {
                $pathMatches = $row['exact'] ? $path === $row['path'] : str_starts_with($path, (string) $row['path']);
                if ($pathMatches && ($row['method'] === null || $row['method'] === $method)) {
                    $this->db->run('UPDATE faults SET remaining = remaining - 1 WHERE id = ?', [$row['id']]);
                    return (string) $row['fault'];
                }
            }
            return null;
        });
        return $spec === null ? null : Fault::parse($spec);
    }
}
