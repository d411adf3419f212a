<?php

declare(strict_types=1);

/*
 * POST /checkout.php  cart=<cart id> attempt=<n> card=<test card name> amount=<minor units> [ip=]
 *
 * One payment attempt of a cart, the way the README tells a shop to do it:
 * - the order is recorded before anything is sent; its id is "<cart>-a<attempt>", so a new attempt
 *   (the customer pays again after a refusal) is a new order id;
 * - after any failure that is not a definite refusal, the same request is sent again with the same
 *   order id (a few times, short back-off); a definite refusal (Msp\ApiException that is not an
 *   outcome-unknown) or a declined order is final.
 * Answers JSON: {order_id, outcome, url (3-D Secure), tries, results}.
 */

require __DIR__ . '/lib.php';

$cart = (string) ($_POST['cart'] ?? '');
$attempt = (int) ($_POST['attempt'] ?? 0);
$cardName = (string) ($_POST['card'] ?? '');
$amount = (int) ($_POST['amount'] ?? 0);
if (!preg_match('/^[A-Za-z0-9-]{1,40}$/', $cart) || $attempt < 1 || !isset(SOAK_CARDS[$cardName]) || $amount < 1) {
    soak_json(['error' => 'bad request'], 400);
    return;
}
$orderId = "$cart-a$attempt";
$now = microtime(true);
$created = soak_tx(function (PDO $db) use ($orderId, $cart, $attempt, $cardName, $amount, $now): bool {
    $insert = $db->prepare("INSERT OR IGNORE INTO orders(order_id, cart_id, attempt, card, amount, outcome, created_at, updated_at)
        VALUES(?, ?, ?, ?, ?, 'sending', ?, ?)");
    $insert->execute([$orderId, $cart, $attempt, $cardName, $amount, $now, $now]);
    return $insert->rowCount() > 0;
});
if (!$created) {
    soak_json(['error' => "order $orderId exists: a new attempt needs a new order id"], 409);
    return;
}

[$number, $cvc] = SOAK_CARDS[$cardName];
$front = soak_env('SOAK_FRONT');
$request = (new Msp\OrderRequest($orderId, $amount, 'EUR', "Soak cart $cart", new Msp\Card($number, 12, 2030, $cvc, 'S. Oak')))
    ->customer(['ip_address' => '203.0.113.' . (crc32($cart) % 250 + 1), 'country' => 'NL', 'locale' => 'nl_NL', 'email' => 'soak@example.com'])
    ->notificationUrl("$front/notify.php", 'POST')
    ->redirectUrl("$front/return.php")
    ->cancelUrl("$front/return.php?cancelled=1");
$client = soak_client();

$results = [];
$order = null;
$definite = null;
for ($try = 1; $try <= SOAK_TRIES; $try++) {
    $sendId = soak_tx(function (PDO $db) use ($orderId, $try): int {
        $db->prepare('INSERT INTO sends(order_id, try, started_at) VALUES(?, ?, ?)')->execute([$orderId, $try, microtime(true)]);
        return (int) $db->lastInsertId();
    });
    try {
        $order = $client->createOrder($request);
        $result = 'ok';
    } catch (Throwable $e) {
        $result = soak_is_definite($e) ? 'definite' : 'retry';
        $detail = soak_describe($e);
        $definite = $result === 'definite' ? $e : null;
    }
    soak_tx(fn (PDO $db) => $db->prepare('UPDATE sends SET finished_at = ?, result = ?, detail = ? WHERE id = ?')
        ->execute([microtime(true), $result, $result === 'ok' ? $order->status->value : $detail, $sendId]));
    $results[] = $result === 'ok' ? 'ok' : $detail;
    if ($result !== 'retry' || $try === SOAK_TRIES) {
        break;
    }
    usleep(SOAK_BACKOFF_MS[$try - 1] * 1000);
}

$url = null;
if ($order !== null) {
    $outcome = soak_outcome($order);
    $url = $outcome === 'redirect' ? ($order->verification->url ?? $order->paymentUrl) : null;
    soak_tx(fn (PDO $db) => soak_apply($db, $orderId, $order));
} else {
    // A definite refusal: the customer may pay again (a new order id). Otherwise the outcome is
    // unknown after every resend: the customer is told the payment is being checked, and the
    // notification settles it.
    $outcome = $definite !== null ? 'failed' : 'unknown';
}
soak_set_outcome($orderId, $outcome);
soak_json(['order_id' => $orderId, 'outcome' => $outcome, 'url' => $url, 'tries' => count($results), 'results' => $results]);
