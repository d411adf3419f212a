--TEST--
Msp\Order: readonly typed properties, tolerant parsing of mixed-type payloads, toArray(), not serializable or cloneable
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/client.inc';
// mixed_types: the emulator sends numbers as strings and the other way round, like real payloads.
$emu = msp_emulator_start(['mixed_types' => true]);
$client = msp_test_client($emu);
$order = $client->createOrder(msp_test_request('4012001038443335', 1234));
printf("%s %s %d/%d %s %s %s paid=%s refundable=%d\n", gettype($order->transactionId), $order->status->name,
    $order->amount, $order->amountRefunded, $order->currency, $order->brand?->name, $order->last4,
    var_export($order->isPaid(), true), $order->refundableAmount());
var_dump(strlen($order->transactionId) >= 10, preg_match('/^[0-9]+$/', $order->transactionId) === 1, $order->verification, $order->requiresVerification());
$array = $order->toArray();
var_dump($array['order_id'] === $order->orderId || (string) $array['order_id'] === $order->orderId, isset($array['payment_details']));
try {
    $order->amount = 1;
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
try {
    serialize($order);
} catch (Exception $e) {
    echo $e->getMessage(), "\n";
}
try {
    clone $order;
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
try {
    new Msp\Order();
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
// A numeric order id comes back as a number in mixed mode: still a string property.
$numeric = $client->createOrder(msp_test_request('4012001038443335', 500, 'EUR', (string) random_int(100000, 999999)));
var_dump(is_string($numeric->orderId) && preg_match('/^[0-9]+$/', $numeric->orderId) === 1);
?>
--EXPECT--
string Completed 1234/0 EUR Visa 3335 paid=true refundable=1234
bool(true)
bool(true)
NULL
bool(false)
bool(true)
bool(true)
Cannot modify readonly property Msp\Order::$amount
Serialization of 'Msp\Order' is not allowed
Trying to clone an uncloneable object of class Msp\Order
Call to private Msp\Order::__construct() from global scope
bool(true)
