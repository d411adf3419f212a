--TEST--
Msp\Client::notificationFromRequest() on a GET: the transactionid names the order and the timestamp is read
--EXTENSIONS--
msp
--GET--
transactionid=shop-1001&timestamp=1796549334
--FILE--
<?php
$client = new Msp\Client('emulator-test-key', ['base_url' => 'http://127.0.0.1:9/v1/json/']);
$n = $client->notificationFromRequest();
printf("%s notification for order %s at %d, order %s\n", $n->method, $n->orderId, $n->timestamp,
    $n->order() === null ? 'to fetch' : 'given');
?>
--EXPECT--
GET notification for order shop-1001 at 1796549334, order to fetch
