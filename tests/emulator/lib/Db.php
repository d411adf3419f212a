<?php

declare(strict_types=1);

namespace MspEmulator;

use PDO;

/**
 * The SQLite store shared by every worker and every server pointed at the same file.
 *
 * WAL lets readers run while one writer writes; the busy timeout makes a second writer wait instead
 * of failing. Every read-modify-write runs in transaction(), which starts with BEGIN IMMEDIATE: a
 * deferred BEGIN that later upgrades to a write lock can fail with SQLITE_BUSY without waiting,
 * which would lose updates under concurrency.
 */
final class Db
{
    private const SCHEMA_VERSION = 3;
    private const BUSY_TIMEOUT_MS = 15000;

    private int $depth = 0;
    /** @var list<callable> run once the outermost transaction has committed */
    private array $afterCommit = [];

    private function __construct(private readonly PDO $pdo, public readonly string $path)
    {
    }

    public static function open(string $path): self
    {
        if (!extension_loaded('pdo_sqlite')) {
            throw new \RuntimeException('the emulator needs the pdo_sqlite extension');
        }
        $pdo = new PDO('sqlite:' . $path, null, null, [
            PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
            PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
            PDO::ATTR_TIMEOUT => (int) (self::BUSY_TIMEOUT_MS / 1000),
        ]);
        $pdo->exec('PRAGMA busy_timeout = ' . self::BUSY_TIMEOUT_MS);
        $db = new self($pdo, $path);
        $db->useWal();
        $db->migrate();
        return $db;
    }

    /** Runs $work in a write transaction (nested calls join the outer one) and returns its result. */
    public function transaction(callable $work): mixed
    {
        if ($this->depth > 0) {
            $this->depth++;
            try {
                return $work();
            } finally {
                $this->depth--;
            }
        }
        $this->pdo->exec('BEGIN IMMEDIATE');
        $this->depth = 1;
        try {
            $result = $work();
            $this->pdo->exec('COMMIT');
        } catch (\Throwable $e) {
            $this->pdo->exec('ROLLBACK');
            $this->afterCommit = [];
            throw $e;
        } finally {
            $this->depth = 0;
        }
        $this->runAfterCommit();
        return $result;
    }

    /** Defers $fn until the data it depends on is committed (at once when no transaction is open). */
    public function afterCommit(callable $fn): void
    {
        if ($this->depth === 0) {
            $fn();
            return;
        }
        $this->afterCommit[] = $fn;
    }

    /** @return list<array<string, mixed>> */
    public function all(string $sql, array $params = []): array
    {
        $stmt = $this->pdo->prepare($sql);
        $stmt->execute($params);
        return $stmt->fetchAll();
    }

    /** @return array<string, mixed>|null */
    public function one(string $sql, array $params = []): ?array
    {
        $stmt = $this->pdo->prepare($sql);
        $stmt->execute($params);
        $row = $stmt->fetch();
        return $row === false ? null : $row;
    }

    public function value(string $sql, array $params = []): mixed
    {
        $row = $this->one($sql, $params);
        return $row === null ? null : reset($row);
    }

    /** Runs a statement and returns the number of rows it changed. */
    public function run(string $sql, array $params = []): int
    {
        $stmt = $this->pdo->prepare($sql);
        $stmt->execute($params);
        return $stmt->rowCount();
    }

    /** Runs an INSERT and returns the new row id. */
    public function insert(string $sql, array $params = []): int
    {
        $this->run($sql, $params);
        return (int) $this->pdo->lastInsertId();
    }

    public function meta(string $key, ?string $default = null): ?string
    {
        $value = $this->value('SELECT value FROM meta WHERE key = ?', [$key]);
        return $value === null ? $default : (string) $value;
    }

    public function setMeta(string $key, string $value): void
    {
        $this->run('INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [$key, $value]);
    }

    public function journalMode(): string
    {
        return (string) $this->value('PRAGMA journal_mode');
    }

    /** Empties every table (the schema stays). */
    public function wipe(): void
    {
        $this->transaction(function (): void {
            foreach (['orders', 'events', 'notifications', 'deliveries', 'requests', 'faults', 'sites', 'meta'] as $table) {
                $this->pdo->exec("DELETE FROM $table");
            }
        });
    }

    private function runAfterCommit(): void
    {
        while ($this->afterCommit !== []) {
            $fn = array_shift($this->afterCommit);
            $fn();
        }
    }

    /** Switching to WAL needs a moment alone with the file: a server starting next to a busy one retries. */
    private function useWal(): void
    {
        for ($attempt = 0; ; $attempt++) {
            try {
                if (strtolower((string) $this->pdo->query('PRAGMA journal_mode')->fetchColumn()) !== 'wal') {
                    $this->pdo->exec('PRAGMA journal_mode = WAL');
                }
                $this->pdo->exec('PRAGMA synchronous = NORMAL');
                return;
            } catch (\PDOException $e) {
                if ($attempt >= 50) {
                    throw $e;
                }
                usleep(20000);
            }
        }
    }

    private function migrate(): void
    {
        if ((int) $this->pdo->query('PRAGMA user_version')->fetchColumn() >= self::SCHEMA_VERSION) {
            return;
        }
        $this->transaction(function (): void {
            $version = (int) $this->pdo->query('PRAGMA user_version')->fetchColumn();
            if ($version >= self::SCHEMA_VERSION) {
                return; // another worker won the race
            }
            if ($version < 1) {
                $this->createVersion1();
            }
            if ($version < 2) {
                // Late commits: reveal_at (emulator ms) is when something hidden of the order
                // becomes visible; null when nothing is hidden.
                $this->pdo->exec('ALTER TABLE orders ADD COLUMN reveal_at INTEGER');
                $this->pdo->exec('CREATE INDEX IF NOT EXISTS orders_reveal ON orders (reveal_at) WHERE reveal_at IS NOT NULL');
            }
            // Version 3: a queued fault can be meant for one order id only.
            $this->pdo->exec('ALTER TABLE faults ADD COLUMN order_id TEXT');
            $this->pdo->exec('PRAGMA user_version = ' . self::SCHEMA_VERSION);
        });
    }

    private function createVersion1(): void
    {
        $this->pdo->exec(<<<'SQL'
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS sites (name TEXT PRIMARY KEY, api_key TEXT NOT NULL UNIQUE, settings TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS orders (
                pk INTEGER PRIMARY KEY AUTOINCREMENT,
                site TEXT NOT NULL,
                order_id TEXT NOT NULL,
                transaction_id TEXT NOT NULL UNIQUE,
                status TEXT NOT NULL,
                financial_status TEXT NOT NULL,
                acs_token TEXT UNIQUE,
                created_at INTEGER NOT NULL,
                modified_at INTEGER NOT NULL,
                doc TEXT NOT NULL,
                UNIQUE (site, order_id)
            );
            CREATE TABLE IF NOT EXISTS events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                due_at INTEGER NOT NULL,
                kind TEXT NOT NULL,
                order_pk INTEGER,
                ref TEXT,
                done INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX IF NOT EXISTS events_due ON events (done, due_at);
            CREATE TABLE IF NOT EXISTS notifications (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                site TEXT NOT NULL,
                order_pk INTEGER NOT NULL,
                order_id TEXT NOT NULL,
                url TEXT NOT NULL,
                method TEXT NOT NULL,
                body TEXT NOT NULL,
                order_status TEXT NOT NULL,
                financial_status TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                origin TEXT NOT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS notifications_order ON notifications (site, order_id);
            CREATE TABLE IF NOT EXISTS deliveries (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                notification_id INTEGER NOT NULL,
                kind TEXT NOT NULL,
                url TEXT NOT NULL,
                method TEXT NOT NULL,
                body TEXT NOT NULL,
                auth TEXT,
                timestamp INTEGER NOT NULL,
                http_status INTEGER,
                response TEXT,
                error TEXT,
                ok INTEGER NOT NULL,
                duration_ms INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS deliveries_notification ON deliveries (notification_id);
            CREATE TABLE IF NOT EXISTS requests (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at INTEGER NOT NULL,
                method TEXT NOT NULL,
                path TEXT NOT NULL,
                site TEXT,
                headers TEXT NOT NULL,
                body TEXT NOT NULL,
                http_status INTEGER NOT NULL,
                response TEXT NOT NULL,
                fault TEXT
            );
            CREATE TABLE IF NOT EXISTS faults (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                fault TEXT NOT NULL,
                remaining INTEGER NOT NULL,
                path TEXT NOT NULL,
                exact INTEGER NOT NULL,
                method TEXT
            );
            SQL);
    }
}
