--TEST--
Status flow end to end: signed notifications to a php -S shop endpoint with msp loaded, one action per real step
--EXTENSIONS--
msp
--SKIPIF--
<?php
require __DIR__ . '/shop.inc';
msp_php_server_skip();
msp_emulator_skip();
?>
--FILE--
<?php
require __DIR__ . '/shop.inc';
$emu = msp_emulator_start();
$client = msp_test_client($emu);
$shop = new MspShop($emu, 40 * 86400);
$labels = [];
$seen = 0;
function step(string $title): void { echo $title, "\n"; }
function settle(int $count): void
{
    global $shop, $seen, $labels;
    $shop->waitFor($count);
    $seen = $shop->show($seen, $labels);
}
function order(string $label, string $card, int $amount, string $method = 'POST'): Msp\Order
{
    global $client, $shop, $labels;
    $o = $client->createOrder(msp_test_request($card, $amount, 'EUR', null, '123', null)->notificationUrl($shop->url, $method));
    $labels[$o->orderId] = $label;
    return $o;
}

step('3-D Secure payment, authenticated at the ACS:');
$paid = order('3ds', '4111111111111111', 10000);
$emu->acs($paid->orderId, 'authenticate');
settle(1);

step('partial refund (reserved), then a second one above the remainder refused locally:');
$client->refund($client->getOrder($paid->orderId), 4000, 'EUR');
settle(2);
try {
    $client->refund($client->getOrder($paid->orderId), 6001, 'EUR');
} catch (Msp\StateException $e) {
    echo "  refused locally: ", $e->getMessage(), "\n";
}

step('midnight: the refund is paid out:');
$emu->advance(86400 + 60);
settle(3);

step('resends of a notification: duplicates, nothing to do:');
$notes = $emu->admin('GET', 'notifications?order_id=' . rawurlencode($paid->orderId));
$list = $notes['notifications'] ?? $notes;
$firstId = $list[0]['id'];
$emu->admin('POST', "notifications/$firstId/replay");
$emu->admin('POST', "notifications/$firstId/duplicate", ['count' => 1]);
settle(5);

step('uncleared, then completed (held for review, then paid):');
$review = order('review', '4462000000000003', 2000);
$emu->acs($review->orderId, 'authenticate');
settle(6);
$emu->admin('POST', 'orders/' . rawurlencode($review->orderId) . '/resolve', ['status' => 'completed']);
settle(7);

step('uncleared, then void:');
$void = order('void', '4917300000000008', 2000);
$emu->acs($void->orderId, 'authenticate');
settle(8);
$emu->admin('POST', 'orders/' . rawurlencode($void->orderId) . '/resolve', ['status' => 'void']);
settle(9);

step('chargeback on a paid order:');
$cb = order('chargeback', '4012001038443335', 3000);
settle(10);
$emu->admin('POST', 'orders/' . rawurlencode($cb->orderId) . '/chargeback', []);
settle(11);

step('GET-method notifications: the shop fetches the order:');
$get = order('get', '5500000000000004', 1500, 'GET');
$emu->acs($get->orderId, 'authenticate');
settle(12);

step('delivered out of order: the refund notification first, then the payment (stale):');
$emu->admin('POST', 'sites', ['site' => 'default', 'notifications_hold' => true]);
$late = order('reorder', '4012001038443335', 1000);
$client->refund($late, 400, 'EUR');
$held = $emu->admin('GET', 'notifications?order_id=' . rawurlencode($late->orderId));
$ids = array_map(fn ($n) => $n['id'], $held['notifications'] ?? $held);
$emu->admin('POST', 'notifications/deliver', ['ids' => array_reverse($ids)]);
settle(12 + count($ids));

$log = $shop->log();
$events = array_column($log, 'event');
printf("notifications handled: %d, distinct events: %d, actions other than ignore: %d\n", count($log),
    count(array_unique($events)), count(array_filter($log, fn ($e) => $e['action'] !== 'ignore')));
?>
--EXPECTF--
3-D Secure payment, authenticated at the ACS:
  3ds        POST completed/completed          -> mark_paid          (progress)
partial refund (reserved), then a second one above the remainder refused locally:
  3ds        POST partial_refunded/completed   -> partially_refunded (progress)
  refused locally: %s
midnight: the refund is paid out:
  3ds        POST partial_refunded/completed   -> ignore             (duplicate)
resends of a notification: duplicates, nothing to do:
  3ds        POST %s -> ignore             (%s)
  3ds        POST %s -> ignore             (%s)
uncleared, then completed (held for review, then paid):
  review     POST uncleared/uncleared          -> hold_for_review    (progress)
  review     POST completed/completed          -> mark_paid          (progress)
uncleared, then void:
  void       POST uncleared/uncleared          -> hold_for_review    (progress)
  void       POST void/void                    -> cancel             (progress)
chargeback on a paid order:
  chargeback POST completed/completed          -> mark_paid          (progress)
  chargeback POST chargeback/completed         -> chargeback         (progress)
GET-method notifications: the shop fetches the order:
  get        GET  completed/completed          -> mark_paid          (progress)
delivered out of order: the refund notification first, then the payment (stale):
  reorder    POST partial_refunded/completed   -> partially_refunded (progress)
  reorder    POST completed/completed          -> ignore             (stale)
notifications handled: 14, distinct events: 12, actions other than ignore: 10
