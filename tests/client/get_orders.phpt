--TEST--
Msp\Client::getOrders(): concurrent lookups with a result or an exception per id
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();
$client = msp_test_client($emu);
$ids = [];
foreach (['4012001038443335', '4917300000000008', '4012001038488884', '4111111111111111'] as $number) {
    $order = $client->createOrder(msp_test_request($number));
    $ids[] = $id = $order->orderId;
    if ($order->requiresVerification() && $number !== '4111111111111111') {
        $emu->acs($id, 'authenticate');   // the others finish 3-D Secure
    }
}
$ids[] = 'no-such-order';
$ids[] = 'slash/and space é';
$results = $client->getOrders($ids, 3);
foreach ($ids as $i => $id) {
    $r = $results[$id];
    echo $i, ': ', $r instanceof Msp\Order ? $r->status->value : get_class($r) . ' ' . $r->getErrorCode(), "\n";
}
var_dump(array_keys($results) === $ids);
// An id given twice is fetched once: the result has one entry per id.
$before = count($emu->admin('GET', 'requests?limit=1000'));
$twice = $client->getOrders([$ids[0], $ids[1], $ids[0]], 2);
printf("ids given 3, results %d, requests %d\n", count($twice), count($emu->admin('GET', 'requests?limit=1000')) - $before);
var_dump($client->getOrders([]));
try {
    $client->getOrders(['a', 5]);
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
try {
    $client->getOrders(['a'], 0);
} catch (Msp\InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECTF--
0: completed
1: uncleared
2: declined
3: initialized
4: Msp\ApiException 1006
5: Msp\ApiException 1006
bool(true)
ids given 3, results 2, requests 2
array(0) {
}
%s
%s
