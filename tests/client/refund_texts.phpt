--TEST--
Msp\Client refund texts: refund_order_id and var1..var3 are sent as given; texts that would be cut short or refused are stopped before any traffic
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();
$client = msp_test_client($emu);
$requests = fn () => $emu->admin('GET', 'requests?limit=1000');
$lastBody = function () use ($requests): array {
    $all = $requests();
    return json_decode(end($all)['body'], true);
};

$paid = $client->createOrder(msp_test_request('4012001038443335', 10000));

$refund = $client->refund($paid, 1500, 'EUR', 'one item returned', refundOrderId: 'CN-1001', var1: 'rma-7', var3: 'desk');
echo "refund body: ", json_encode($lastBody()), "\n";
$listed = array_values(array_filter($client->getOrder($paid->orderId)->toArray()['related_transactions'] ?? [],
    fn ($t) => (string) $t['transaction_id'] === $refund->refundId));
echo "the order lists the refund as: ", $listed ? $listed[0]['order_id'] : 'NOT LISTED', "\n";

// Texts given as "" are left out, as an order's optional fields are (a shop's empty reason field).
$client->refund($paid, 500, 'EUR', '', refundOrderId: '', var1: '');
echo "refund with empty texts: ", json_encode($lastBody()), "\n";

$all = $client->refundAll($client->getOrder($paid->orderId), null, 'CN-1002', var2: 'last');
echo "refund all body: ", json_encode($lastBody()), "\n";

// Refused before anything is sent: each names its field.
$fresh = $client->createOrder(msp_test_request('4012001038443335', 10000));
$before = count($requests());
foreach ([
    'refund order id of 51' => fn () => $client->refund($fresh, 100, 'EUR', refundOrderId: str_repeat('r', 51)),
    'var2 with a control character' => fn () => $client->refund($fresh, 100, 'EUR', var2: "a\x01b"),
    'var3 of 501' => fn () => $client->refundAll($fresh, var3: str_repeat('v', 501)),
    'NUL in the description' => fn () => $client->refund($fresh, 100, 'EUR', "one\0two"),
    'NUL in the currency' => fn () => $client->refund($fresh, 100, "EUR\0"),
    'NUL in the refund order id' => fn () => $client->refundAll($fresh, refundOrderId: "CN\0-1"),
    'NUL in var1' => fn () => $client->refund($fresh, 100, 'EUR', var1: "\0"),
    'NUL in the order id' => fn () => $client->refund($fresh->orderId . "\0x", 100, 'EUR'),
    'NUL in getOrder' => fn () => $client->getOrder($fresh->orderId . "\0x"),
    'NUL in getOrders' => fn () => $client->getOrders([$fresh->orderId, "a\0b"]),
    'NUL in cancelOrder' => fn () => $client->cancelOrder($fresh->orderId . "\0x"),
    'NUL in cancelRefund' => fn () => $client->cancelRefund($paid->orderId, $refund->refundId . "\0"),
    'NUL in cancelAuthorization' => fn () => $client->cancelAuthorization($fresh->orderId, "why\0not"),
    'NUL in capture' => fn () => $client->capture($fresh->orderId, 100, "cap\0-1"),
    'NUL in an option' => fn () => msp_test_client($emu, ['base_url' => $emu->baseUrl() . "\0/elsewhere"]),
] as $label => $call) {
    try {
        $call();
        echo "$label: SENT\n";
    } catch (Msp\InvalidArgumentException $e) {
        printf("%s: %s (field %s)\n", $label, $e->getMessage(), $e->getField() ?? 'null');
    }
}
printf("requests sent for refused calls: %d\n", count($requests()) - $before);
printf("refunded on the fresh order: %d\n", $client->getOrder($fresh->orderId)->amountRefunded);
?>
--EXPECT--
refund body: {"currency":"EUR","amount":1500,"description":"one item returned","refund_order_id":"CN-1001","var1":"rma-7","var3":"desk"}
the order lists the refund as: CN-1001
refund with empty texts: {"currency":"EUR","amount":500}
refund all body: {"currency":"EUR","amount":8000,"refund_order_id":"CN-1002","var2":"last"}
refund order id of 51: refund_order_id must be 1 to 50 characters of valid UTF-8 without control characters (field refund_order_id)
var2 with a control character: var2 must be 1 to 500 characters of valid UTF-8 without control characters (field var2)
var3 of 501: var3 must be 1 to 500 characters of valid UTF-8 without control characters (field var3)
NUL in the description: description must not contain NUL bytes (field description)
NUL in the currency: currency must not contain NUL bytes (field currency)
NUL in the refund order id: refund_order_id must not contain NUL bytes (field refund_order_id)
NUL in var1: var1 must not contain NUL bytes (field var1)
NUL in the order id: order_id must not contain NUL bytes (field order_id)
NUL in getOrder: order_id must not contain NUL bytes (field order_id)
NUL in getOrders: order_id must not contain NUL bytes (field order_id)
NUL in cancelOrder: order_id must not contain NUL bytes (field order_id)
NUL in cancelRefund: refund_id must not contain NUL bytes (field refund_id)
NUL in cancelAuthorization: reason must not contain NUL bytes (field reason)
NUL in capture: new_order_id must not contain NUL bytes (field new_order_id)
NUL in an option: base_url must not contain NUL bytes (field base_url)
requests sent for refused calls: 0
refunded on the fresh order: 0
