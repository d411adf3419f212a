<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();
$start = Msp\Client::stats();
$client = msp_test_client($emu);
$order = $client->createOrder(msp_test_request('4012001038443335'));
for ($i = 0; $i < 5; $i++) {
    $client->getOrder($order->orderId);
}
// A new Client object for the same shop: the worker's pool hands it the open connection.
$again = msp_test_client($emu);
$again->getOrder($order->orderId);
$end = Msp\Client::stats();
$opened = $end['connections_opened'] - $start['connections_opened'];
$reused = $end['connections_reused'] - $start['connections_reused'];
printf("requests %d, opened %d, reused %d\n", $end['requests'] - $start['requests'], $opened, $reused);

// persistent => false: every call opens its own connection and nothing is pooled.
$cold = msp_test_client($emu, ['persistent' => false]);
$before = Msp\Client::stats();
$cold->getOrder($order->orderId);
$cold->getOrder($order->orderId);
$after = Msp\Client::stats();
printf("non-persistent calls touched the pool: %s\n", $after == $before ? 'no' : 'yes');
var_dump(array_keys($end));
?>
