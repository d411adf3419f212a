<?php

declare(strict_types=1);

/*
 * The demo shop's shared code: configuration, the shop's own order database (SQLite), the msp
 * client, and the payment steps the pages share. Every page in public/ starts with
 * `require __DIR__ . '/../src/shop.php';`.
 *
 * Configuration comes from the web server (fastcgi_param; examples/shop/serve.sh writes them) or
 * the environment:
 *   SHOP_URL  the shop's own URL as MultiSafepay reaches it (notification, redirect and cancel URLs)
 *   SHOP_API  MultiSafepay's base URL; the emulator's is http://127.0.0.1:PORT/v1/json/.
 *             Empty or unset: MultiSafepay's test environment.
 *   SHOP_KEY  the website API key
 *   SHOP_DB   the SQLite file that holds the shop's orders
 *
 * What a real shop does the same way: it records an order before sending it, sends the same
 * request again after a failure that is not a definite refusal (README "The retry rule"), applies
 * every status it learns (return page, notification, admin) through Msp\StatusFlow inside one
 * database transaction, and never echoes a card number or CVC back to the browser or a log.
 */

require __DIR__ . '/layout.php';

/** What the shop sells; prices as the shop keeps them, decimal strings in euros (shop_price() gives minor units). */
const SHOP_PRODUCTS = [
    'tshirt' => ['name' => 'msp T-shirt', 'price' => '25.00', 'text' => 'Organic cotton, with "card data stays in C" on the back.'],
    'mug' => ['name' => 'Secure-memory mug', 'price' => '12.50', 'text' => 'Holds 300 ml. Wiped after every use.'],
    'hoodie' => ['name' => 'Webhook hoodie', 'price' => '49.99', 'text' => 'Warm, verified with HMAC-SHA512, never replayed.'],
];
const SHOP_CURRENCY = 'EUR';

/** createOrder() attempts per checkout: one send and two resends of the same order id. */
const SHOP_SEND_ATTEMPTS = 3;

/** Order ids the shop makes: shop-<yymmdd>-<8 hex>. */
const SHOP_ORDER_ID_PATTERN = '/^shop-\d{6}-[0-9a-f]{8}$/';

function shop_config(string $name, bool $required = true): string
{
    $value = $_SERVER[$name] ?? getenv($name);
    if (!is_string($value) || $value === '') {
        if ($required) {
            throw new RuntimeException("$name is not set (examples/shop/serve.sh passes it as a fastcgi_param)");
        }
        return '';
    }
    return $value;
}

/** The shop's URL for a path: shop_url('notify.php') = http://127.0.0.1:8080/notify.php */
function shop_url(string $path = ''): string
{
    return rtrim(shop_config('SHOP_URL'), '/') . '/' . $path;
}

function shop_client(): Msp\Client
{
    $options = ['user_agent' => 'MspDemoShop/1.0', 'timeout' => 20, 'connect_timeout' => 5];
    $api = shop_config('SHOP_API', false);
    if ($api !== '') {
        $options['base_url'] = $api;
    }
    return new Msp\Client(shop_config('SHOP_KEY'), $options);
}

function shop_new_order_id(): string
{
    return 'shop-' . gmdate('ymd') . '-' . bin2hex(random_bytes(4));
}

/**
 * The card the customer typed, straight from the checkout form's fields. Msp\Card::fromRequest()
 * reads $_POST and then wipes the number and CVC wherever PHP keeps the request ($_POST, $_REQUEST,
 * the raw body), also when the card is refused.
 *
 * @throws Msp\CardException when the card is refused (getReason() says why)
 * @throws Msp\InvalidArgumentException when a field is missing (getField() names it)
 */
function shop_card_from_request(): Msp\Card
{
    // The name on the card is optional: an empty field means none (msp refuses an empty name).
    $holder = is_string($_POST['card_holder'] ?? null) && trim($_POST['card_holder']) !== '' ? 'card_holder' : null;
    return Msp\Card::fromRequest('card_number', 'card_month', 'card_year', 'card_cvc', $holder);
}

/**
 * Sends the order the way README's retry rule says: after a failure that is not a definite
 * refusal (Msp\NetworkException: not sent, lost, 5xx), the same request again with the same
 * order id: msp returns the first order if MultiSafepay already has it, so nothing is charged
 * twice. Msp\ApiException (a refusal) and declined orders are final and are not retried.
 *
 * @throws Msp\NetworkException after the last attempt: the outcome is unknown
 */
function shop_send_order(Msp\Client $client, Msp\OrderRequest $request): Msp\Order
{
    for ($attempt = 1; ; $attempt++) {
        try {
            return $client->createOrder($request);
        } catch (Msp\NetworkException $e) {
            if ($attempt === SHOP_SEND_ATTEMPTS) {
                throw $e;
            }
            shop_log($request->orderId(), 'payment', false, sprintf('attempt %d not definite (%s): sending the same order again',
                $attempt, $e->getMessage()));
            usleep(300000 * $attempt);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The shop's database

function shop_db(): PDO
{
    static $db = null;
    if ($db !== null) {
        return $db;
    }
    $db = new PDO('sqlite:' . shop_config('SHOP_DB'), null, null, [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
    ]);
    // The checkout, the return page and the notification of one order run at the same time in
    // different php-fpm workers: wait for each other's write transactions instead of failing.
    $db->exec('PRAGMA busy_timeout = 10000');
    $db->exec('PRAGMA journal_mode = WAL');
    shop_create_schema($db);
    return $db;
}

function shop_create_schema(PDO $db): void
{
    $db->exec(<<<'SQL'
        CREATE TABLE IF NOT EXISTS orders (
            order_id TEXT PRIMARY KEY,
            product TEXT NOT NULL,
            amount INTEGER NOT NULL,           -- minor units
            currency TEXT NOT NULL,
            email TEXT NOT NULL,
            outcome TEXT NOT NULL,             -- what the customer was told: sending, redirected, unknown, failed, or the order's state
            status TEXT,                       -- MultiSafepay's order status / transaction status, as last applied
            financial_status TEXT,
            stage TEXT,                        -- Msp\FlowStage
            action TEXT,                       -- the last Msp\ShopAction applied
            meaning TEXT,
            paid INTEGER NOT NULL DEFAULT 0,   -- booked as paid (once: Transition::$newlyPaid)
            amount_refunded INTEGER NOT NULL DEFAULT 0,
            brand TEXT,
            last4 TEXT,
            reason TEXT,
            flow TEXT,                         -- Msp\OrderState::toArray() as JSON: what StatusFlow compares with
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS events_seen (
            event_id TEXT PRIMARY KEY,         -- Msp\Notification::eventId(): the same across resends
            order_id TEXT NOT NULL,
            at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS activity (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            order_id TEXT,
            kind TEXT NOT NULL,                -- payment, return, notification, refund, card
            ok INTEGER NOT NULL,
            message TEXT NOT NULL              -- never a card number or CVC: msp's messages have none
        );
        SQL);
}

/** Runs $work in a write transaction (BEGIN IMMEDIATE: the lock is taken before the first read). */
function shop_tx(callable $work): mixed
{
    $db = shop_db();
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

/** The shop's log of what happened (shown on the admin page). Returns the entry's id. */
function shop_log(?string $orderId, string $kind, bool $ok, string $message): int
{
    $db = shop_db();
    $db->prepare('INSERT INTO activity(at, order_id, kind, ok, message) VALUES(?, ?, ?, ?, ?)')
        ->execute([time(), $orderId, $kind, $ok ? 1 : 0, $message]);
    return (int) $db->lastInsertId();
}

/** @return array<string, mixed>|null */
function shop_order(string $orderId): ?array
{
    $select = shop_db()->prepare('SELECT * FROM orders WHERE order_id = ?');
    $select->execute([$orderId]);
    $row = $select->fetch();
    $select->closeCursor(); // an open read keeps an old snapshot: a later write transaction could not start
    return $row === false ? null : $row;
}

function shop_set_outcome(string $orderId, string $outcome): void
{
    shop_tx(fn (PDO $db) => $db->prepare('UPDATE orders SET outcome = ?, updated_at = ? WHERE order_id = ?')
        ->execute([$outcome, time(), $orderId]));
}

/**
 * Applies what MultiSafepay says about an order to the shop's stored state, the one way for the
 * checkout, the return page, the notification and the admin page: the stored Msp\OrderState and
 * the incoming order go through Msp\StatusFlow, and only progress is stored. Call it inside
 * shop_tx(): the return page and the notification race for the same order, and the transaction
 * makes one of them see what the other stored (the second is then a duplicate).
 *
 * Returns the transition, or null for an order the shop does not know.
 */
function shop_apply(PDO $db, string $orderId, Msp\Order $order, string $source): ?Msp\Transition
{
    $select = $db->prepare('SELECT flow FROM orders WHERE order_id = ?');
    $select->execute([$orderId]);
    $row = $select->fetch();
    $select->closeCursor();
    if ($row === false) {
        return null;
    }
    $stored = $row['flow'] !== null ? Msp\OrderState::fromArray(json_decode($row['flow'], true, 4, JSON_THROW_ON_ERROR)) : null;
    $t = Msp\StatusFlow::transition($stored, $order);
    if ($t->apply) {
        // Booked as paid exactly once (newlyPaid), and never un-booked by a later state: a refund
        // or a chargeback is money going back, which the shop books as such.
        $paid = $t->newlyPaid ? ', paid = 1' : '';
        $db->prepare("UPDATE orders SET flow = ?, status = ?, financial_status = ?, stage = ?, action = ?, meaning = ?,
                amount_refunded = ?, brand = COALESCE(?, brand), last4 = COALESCE(?, last4), reason = COALESCE(?, reason),
                updated_at = ?$paid WHERE order_id = ?")
            ->execute([
                json_encode($t->next->toArray(), JSON_THROW_ON_ERROR), $t->next->status->value, $t->next->financialStatus->value,
                $t->next->stage->value, $t->action->value, $t->meaning, $t->next->amountRefunded,
                $order->brand?->displayName(), $order->last4, $order->reason, time(), $orderId,
            ]);
    }
    $what = match (true) {
        $t->apply => 'applied: ' . $t->action->value,
        $t->duplicate => 'already known',
        $t->stale => 'stale (an older state arriving late): not applied',
        $t->regression => 'a move the flow never makes: not applied',
        default => 'not applied',
    };
    $db->prepare('INSERT INTO activity(at, order_id, kind, ok, message) VALUES(?, ?, ?, ?, ?)')
        ->execute([time(), $orderId, $source, 1, sprintf('%s/%s (%s): %s%s', $order->status->value,
            $order->financialStatus->value, $t->meaning, $what, $t->newlyPaid ? ', booked as paid' : '')]);
    return $t;
}

// ---------------------------------------------------------------------------------------------
// Money: msp converts and formats (Msp\Money), the shop never does arithmetic on decimal strings

/** "12.50 EUR" */
function shop_money(int $minor, string $currency = SHOP_CURRENCY): string
{
    return Msp\Money::format($minor, $currency);
}

/** A product's price in minor units (1250 for "12.50" EUR). */
function shop_price(string $productId): int
{
    return Msp\Money::toMinorUnits(SHOP_PRODUCTS[$productId]['price'], SHOP_CURRENCY);
}

/** What the customer is told about an order, from what msp returned. */
function shop_outcome(Msp\Order $order): string
{
    return match (true) {
        $order->requiresVerification() => 'redirected',
        $order->isPaid() => 'paid',
        default => $order->status->value,
    };
}
