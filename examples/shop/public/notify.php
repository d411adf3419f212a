<?php

declare(strict_types=1);

/*
 * The notification_url (README "Notifications and the status flow"): MultiSafepay POSTs the order
 * with an Auth header (HMAC-SHA512 over timestamp:body with the API key) after every change.
 *
 * - A notification that does not verify is answered 403 and changes nothing; the shop logs why
 *   (Msp\SignatureError, never the header or the body).
 * - A verified one goes through Msp\StatusFlow in one transaction with the de-duplication by
 *   eventId(): a resend, a late older state or a race with the return page never moves an order
 *   backwards or books a payment twice.
 * - Anything else answers "OK", so that MultiSafepay stops resending.
 */

require __DIR__ . '/../src/shop.php';

$client = shop_client();
try {
    $notification = $client->notificationFromRequest();
} catch (Msp\SignatureException $e) {
    $claimed = (string) ($_GET['transactionid'] ?? '');   // unverified: logged only when it looks like ours
    shop_log(preg_match(SHOP_ORDER_ID_PATTERN, $claimed) === 1 ? $claimed : null, 'notification', false, 'refused, answered 403: the signature does not verify ('
        . $e->getReason()->value . ')');
    http_response_code(403);
    header('Content-Type: text/plain');
    echo "bad signature\n";
    return;
} catch (Msp\InvalidArgumentException $e) {
    http_response_code(400);
    header('Content-Type: text/plain');
    echo "not a notification\n";
    return;
}
if ($notification === null) {
    Msp\Notification::respondOk();   // a pre-transaction notification: nothing to do
    return;
}

$order = $notification->fetchOrder($client);   // POST: the verified body, no API call; GET: fetched
$eventId = $notification->eventId();
shop_tx(function (PDO $db) use ($notification, $order, $eventId): void {
    $seen = $db->prepare('INSERT OR IGNORE INTO events_seen(event_id, order_id, at) VALUES(?, ?, ?)');
    $seen->execute([$eventId, $notification->orderId, time()]);
    if ($seen->rowCount() === 0) {
        $db->prepare('INSERT INTO activity(at, order_id, kind, ok, message) VALUES(?, ?, ?, ?, ?)')
            ->execute([time(), $notification->orderId, 'notification', 1, 'a resend of an event already handled: nothing to do']);
        return;
    }
    if (shop_apply($db, $notification->orderId, $order, 'notification') === null) {
        $db->prepare('INSERT INTO activity(at, order_id, kind, ok, message) VALUES(?, ?, ?, ?, ?)')
            ->execute([time(), $notification->orderId, 'notification', 0, 'an order this shop does not know']);
    }
});
Msp\Notification::respondOk();
