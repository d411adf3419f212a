--TEST--
Msp\Client::getOrders(): at most $concurrency connections for the whole batch, whatever msp.pool_size is
--EXTENSIONS--
msp
--INI--
msp.pool_size=2
--FILE--
<?php
require __DIR__ . '/keepalive.inc';
$server = msp_keepalive_server_start();
$client = new Msp\Client('key-1', ['base_url' => $server['base_url']]);
$ids = array_map(fn ($i) => "order-$i", range(1, 40));
foreach ([6, 3] as $concurrency) {
    $before = Msp\Client::stats();
    $orders = $client->getOrders($ids, $concurrency);
    $after = Msp\Client::stats();
    $opened = $after['connections_opened'] - $before['connections_opened'];
    $found = count(array_filter($orders, fn ($o) => $o instanceof Msp\Order));
    printf("concurrency %d: %d orders, %d requests, at most %d connections opened: %s\n", $concurrency, $found,
        $after['requests'] - $before['requests'], $concurrency, $opened <= $concurrency ? 'yes' : "no ($opened)");
}
// The pool keeps its own connections for the next call.
$before = Msp\Client::stats();
$client->getOrder('order-after');
$after = Msp\Client::stats();
printf("next call reused a connection: %s\n", $after['connections_reused'] > $before['connections_reused'] ? 'yes' : 'no');
?>
--EXPECT--
concurrency 6: 40 orders, 40 requests, at most 6 connections opened: yes
concurrency 3: 40 orders, 40 requests, at most 3 connections opened: yes
next call reused a connection: yes
