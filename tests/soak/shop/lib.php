<?php

declare(strict_types=1);

/*
 * The soak's shop (php-fpm behind nginx, msp loaded): what checkout.php, notify.php and return.php
 * share. Configuration comes from nginx's fastcgi_params (scripts/soak.sh writes them):
 *   SOAK_API      the emulator's base URL (http://127.0.0.1:PORT/v1/json/)
 *   SOAK_KEY      the website API key
 *   SOAK_DB       the shop's SQLite file
 *   SOAK_FRONT    the shop's own URL (notification and redirect URLs)
 *   SOAK_TIMEOUT  msp's timeout in seconds (the faults include a delay past it)
 *
 * The shop keeps its own records, the way a shop must to reconcile: every order it creates (before
 * sending it), every send and its result, every notification and what StatusFlow made of it.
 */

const SOAK_TRIES = 5;                         // one send and up to 4 resends of the same order id
const SOAK_BACKOFF_MS = [200, 500, 1000, 2000];
/** Notification timestamps are emulator time, which the soak moves forward by about 75 minutes to settle. */
const SOAK_NOTIFICATION_TOLERANCE = 7200;

/** The documented test cards (api.md §8), by the name the load generator sends. Never printed. */
const SOAK_CARDS = [
    'visa-frictionless' => ['4012001038443335', '123'],
    'visa-3ds' => ['4111111111111111', '123'],
    'mastercard-3ds' => ['5500000000000004', '123'],
    'visa-declined' => ['4012001038488884', '123'],
    'visa-uncleared' => ['4462000000000003', '123'],
    'amex-frictionless' => ['378282246310005', '1234'],
];

function soak_env(string $name): string
{
    $value = $_SERVER[$name] ?? getenv($name);
    if (!is_string($value) || $value === '') {
        throw new RuntimeException("$name is not set (scripts/soak.sh passes it as a fastcgi_param)");
    }
    return $value;
}

function soak_client(): Msp\Client
{
    return new Msp\Client(soak_env('SOAK_KEY'), [
        'base_url' => soak_env('SOAK_API'),
        'timeout' => (float) soak_env('SOAK_TIMEOUT'),
        'connect_timeout' => 1,
        'user_agent' => 'MspSoakShop/1.0',
    ]);
}

function soak_db(): PDO
{
    static $db = null;
    if ($db !== null) {
        return $db;
    }
    $db = new PDO('sqlite:' . soak_env('SOAK_DB'), null, null, [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
    ]);
    $db->exec('PRAGMA busy_timeout = 20000');
    $db->exec('PRAGMA journal_mode = WAL');
    $db->exec('PRAGMA synchronous = NORMAL');
    return $db;
}

/** Creates the shop's tables (scripts/soak.sh runs this once with the CLI before the load). */
function soak_create_schema(PDO $db): void
{
    $db->exec(<<<'SQL'
        CREATE TABLE IF NOT EXISTS orders (
            order_id TEXT PRIMARY KEY,
            cart_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            card TEXT NOT NULL,
            amount INTEGER NOT NULL,
            outcome TEXT NOT NULL,          -- what the customer was told: sending, paid, redirect, declined, failed, unknown, ...
            paid INTEGER NOT NULL DEFAULT 0, -- the shop marked it paid (would ship the goods)
            flow TEXT,                      -- Msp\OrderState::toArray() as JSON
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        );
        CREATE INDEX IF NOT EXISTS orders_cart ON orders (cart_id);
        CREATE TABLE IF NOT EXISTS sends (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT NOT NULL,
            try INTEGER NOT NULL,
            started_at REAL NOT NULL,
            finished_at REAL,
            result TEXT,                    -- null while in flight: the shop crashed or was killed
            detail TEXT
        );
        CREATE TABLE IF NOT EXISTS notes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT,
            event_id TEXT,
            method TEXT,
            status TEXT,
            action TEXT,
            applied INTEGER NOT NULL DEFAULT 0,
            why TEXT NOT NULL,
            at REAL NOT NULL
        );
        CREATE INDEX IF NOT EXISTS notes_event ON notes (event_id);
        SQL);
}

/** Runs $work in a write transaction that waits for the lock instead of failing. */
function soak_tx(callable $work): mixed
{
    $db = soak_db();
    $db->exec('BEGIN IMMEDIATE');
    try {
        $result = $work($db);
        $db->exec('COMMIT');
        return $result;
    } catch (Throwable $e) {
        $db->exec('ROLLBACK');
        throw $e;
    }
}

/**
 * Applies what MultiSafepay says about an order to the shop's stored state (README "Notifications
 * and the status flow"); marks it paid when the flow says so. Returns the transition.
 */
function soak_apply(PDO $db, string $orderId, Msp\Order $order): ?Msp\Transition
{
    $select = $db->prepare('SELECT flow FROM orders WHERE order_id = ?');
    $select->execute([$orderId]);
    $row = $select->fetch();
    $select->closeCursor();
    if ($row === false) {
        return null;
    }
    $stored = $row['flow'] !== null ? Msp\OrderState::fromArray(json_decode($row['flow'], true)) : null;
    $t = Msp\StatusFlow::transition($stored, $order);
    if ($t->apply) {
        $paid = $t->newlyPaid || $t->action === Msp\ShopAction::MarkPaid ? ', paid = 1' : '';
        $db->prepare("UPDATE orders SET flow = ?, updated_at = ?$paid WHERE order_id = ?")
            ->execute([json_encode($t->next->toArray()), microtime(true), $orderId]);
    }
    return $t;
}

function soak_set_outcome(string $orderId, string $outcome): void
{
    soak_tx(fn (PDO $db) => $db->prepare('UPDATE orders SET outcome = ?, updated_at = ? WHERE order_id = ?')
        ->execute([$outcome, microtime(true), $orderId]));
}

/** What the customer is told about an order msp returned. */
function soak_outcome(Msp\Order $order): string
{
    return match (true) {
        $order->requiresVerification() => 'redirect',
        $order->isPaid() => 'paid',
        $order->status === Msp\OrderStatus::Declined => 'declined',
        $order->status === Msp\OrderStatus::Uncleared => 'review',
        // Waiting for 3-D Secure without a next step: the shop cannot send the customer anywhere,
        // so it says the payment failed (the "lost 3-D Secure customer" of issue 11).
        $order->status === Msp\OrderStatus::Initialized => 'no_next_step',
        default => 'failed',
    };
}

/** A definite refusal: the API said no. Everything else may have been processed. */
function soak_is_definite(Throwable $e): bool
{
    if ($e instanceof Msp\InvalidArgumentException) {
        return true; // refused before sending
    }
    if (!$e instanceof Msp\ApiException) {
        return false;
    }
    return !(method_exists($e, 'isOutcomeUnknown') && $e->isOutcomeUnknown());
}

/** One line about a failure for the shop's records: class and codes (msp's messages carry no card data). */
function soak_describe(Throwable $e): string
{
    $name = substr(strrchr('\\' . $e::class, '\\'), 1);
    $line = match (true) {
        $e instanceof Msp\ApiException => sprintf('%s code=%d http=%d', $name, $e->getErrorCode(), $e->getHttpStatus()),
        $e instanceof Msp\NetworkException => sprintf('%s curl=%d', $name, $e->getCurlCode()),
        default => $name,
    };
    if (method_exists($e, 'isOutcomeUnknown')) {
        $line .= ' unknown=' . ($e->isOutcomeUnknown() ? 'yes' : 'no');
    }
    return $line;
}

function soak_json(array $data, int $status = 200): void
{
    http_response_code($status);
    header('Content-Type: application/json');
    echo json_encode($data, JSON_UNESCAPED_SLASHES), "\n";
}
