<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();
$client = msp_test_client($emu);
$ids = [];
foreach (['4012001038443335', '4917300000000008', '4012001038488884', '4111111111111111'] as $number) {
    $ids[] = $client->createOrder(msp_test_request($number))->orderId;
}
$ids[] = 'no-such-order';
$ids[] = 'slash/and space é';
$results = $client->getOrders($ids, 3);
foreach ($ids as $i => $id) {
    $r = $results[$id];
    echo $i, ': ', $r instanceof Msp\Order ? $r->status->value : get_class($r) . ' ' . $r->getErrorCode(), "\n";
}
var_dump(array_keys($results) === $ids);
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
