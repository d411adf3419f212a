<?php

declare(strict_types=1);

/*
 * The notification_url: verifies the POST notification, applies Msp\StatusFlow to the shop's stored
 * state (README "Notifications and the status flow") and records what it did in the notes table.
 */

require __DIR__ . '/lib.php';

$client = soak_client();
try {
    $notification = $client->notificationFromRequest(SOAK_NOTIFICATION_TOLERANCE);
} catch (Msp\SignatureException $e) {
    soak_tx(fn (PDO $db) => $db->prepare('INSERT INTO notes(order_id, why, at) VALUES(?, ?, ?)')
        ->execute([$_GET['transactionid'] ?? null, 'bad signature: ' . $e->getReason()->value, microtime(true)]));
    http_response_code(403);
    echo "bad signature\n";
    return;
}
if ($notification === null) {
    Msp\Notification::respondOk(); // a pre-transaction notification: nothing to do
    return;
}
$order = $notification->fetchOrder($client); // POST: the verified body, no API call
$eventId = $notification->eventId();
soak_tx(function (PDO $db) use ($notification, $order, $eventId): void {
    $seen = $db->prepare('SELECT 1 FROM notes WHERE event_id = ? AND why IN (?, ?)');
    $seen->execute([$eventId, 'applied', 'not applied']);
    $isSeen = $seen->fetch() !== false;
    $seen->closeCursor();
    if ($isSeen) {
        $why = 'seen before';
        $t = null;
    } else {
        $t = soak_apply($db, $notification->orderId, $order);
        $why = $t === null ? 'unknown order' : ($t->apply ? 'applied' : 'not applied');
    }
    $db->prepare('INSERT INTO notes(order_id, event_id, method, status, action, applied, why, at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)')
        ->execute([$notification->orderId, $eventId, $notification->method, $order->status->value, $t?->action->value,
            $t !== null && $t->apply ? 1 : 0, $why, microtime(true)]);
});
Msp\Notification::respondOk();
