--TEST--
Msp\Client: connections are kept and reused across calls and across Client objects with the same key
--EXTENSIONS--
msp
--FILE--
<?php
require __DIR__ . '/keepalive.inc';
$server = msp_keepalive_server_start();
$start = Msp\Client::stats();
$client = new Msp\Client('key-1', ['base_url' => $server['base_url']]);
for ($i = 0; $i < 6; $i++) {
    $order = $client->getOrder("order-$i");
}
echo $order->orderId, "\n";
// A new Client object for the same shop: the worker's pool hands it the open connection.
$again = new Msp\Client('key-1', ['base_url' => $server['base_url']]);
$again->getOrder('order-again');
$end = Msp\Client::stats();
$opened = $end['connections_opened'] - $start['connections_opened'];
$reused = $end['connections_reused'] - $start['connections_reused'];
printf("requests %d, opened %d, reused %d\n", $end['requests'] - $start['requests'], $opened, $reused);

// persistent => false: every call opens its own connection and nothing is pooled.
$cold = new Msp\Client('key-1', ['base_url' => $server['base_url'], 'persistent' => false]);
$before = Msp\Client::stats();
$cold->getOrder('order-cold');
$cold->getOrder('order-cold');
$after = Msp\Client::stats();
printf("non-persistent calls touched the pool: %s\n", $after == $before ? 'no' : 'yes');
var_dump(array_keys($end));
?>
--EXPECT--
order-5
requests 7, opened 1, reused 6
non-persistent calls touched the pool: no
array(13) {
  [0]=>
  string(18) "connections_opened"
  [1]=>
  string(18) "connections_reused"
  [2]=>
  string(8) "requests"
  [3]=>
  string(7) "handles"
  [4]=>
  string(15) "handles_evicted"
  [5]=>
  string(7) "retries"
  [6]=>
  string(15) "resends_refused"
  [7]=>
  string(7) "lookups"
  [8]=>
  string(16) "recovered_orders"
  [9]=>
  string(17) "recovered_refunds"
  [10]=>
  string(13) "logger_errors"
  [11]=>
  string(14) "forks_detected"
  [12]=>
  string(9) "pool_size"
}
