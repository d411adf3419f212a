<?php

declare(strict_types=1);

/*
 * The redirect_url after 3-D Secure: GET /return.php?transactionid=<order id>. Looks the order up
 * (a GET may be repeated freely), applies it to the shop's state and tells the customer the outcome.
 */

require __DIR__ . '/lib.php';

$orderId = (string) ($_GET['transactionid'] ?? '');
$known = soak_db()->prepare('SELECT COUNT(*) FROM orders WHERE order_id = ?');
$known->execute([$orderId]);
$exists = (int) $known->fetchColumn() > 0;
$known->closeCursor(); // an open read would pin an old snapshot: the later write transaction could not start
if (!$exists) {
    soak_json(['error' => 'unknown order'], 404);
    return;
}
$client = soak_client();
$order = null;
for ($try = 1; $try <= SOAK_TRIES && $order === null; $try++) {
    try {
        $order = $client->getOrder($orderId);
    } catch (Throwable $e) {
        if ($try === SOAK_TRIES) {
            soak_set_outcome($orderId, 'unknown');
            soak_json(['order_id' => $orderId, 'outcome' => 'unknown', 'error' => soak_describe($e)]);
            return;
        }
        usleep(SOAK_BACKOFF_MS[$try - 1] * 1000);
    }
}
soak_tx(fn (PDO $db) => soak_apply($db, $orderId, $order));
$outcome = soak_outcome($order);
soak_set_outcome($orderId, $outcome);
soak_json(['order_id' => $orderId, 'outcome' => $outcome]);
