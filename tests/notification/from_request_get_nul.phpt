--TEST--
Msp\Client::notificationFromRequest() on a GET whose transactionid holds a NUL byte: refused, never read cut short as another order's id
--EXTENSIONS--
msp
--GET--
transactionid=shop-1001%00-x&timestamp=1796549334
--FILE--
<?php
$client = new Msp\Client('emulator-test-key', ['base_url' => 'http://127.0.0.1:9/v1/json/']);
try {
    $n = $client->notificationFromRequest();
    echo "read as order ", $n->orderId, "\n";
} catch (Msp\InvalidArgumentException $e) {
    printf("%s: %s (field %s)\n", get_class($e), $e->getMessage(), $e->getField());
}
?>
--EXPECT--
Msp\InvalidArgumentException: transactionid must not contain NUL bytes (field transactionid)
