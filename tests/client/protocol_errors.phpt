--TEST--
Msp\Client: answers must match the question; another order, no order or a fractional amount is a protocol error, never a default
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../status/shop.inc'; msp_php_server_skip(); ?>
--FILE--
<?php
require __DIR__ . '/../status/shop.inc';
$port = msp_php_server(__DIR__ . '/fixtures/answers_router.php');
$client = fn (string $scenario) => new Msp\Client('answers-key', ['base_url' => "http://127.0.0.1:$port/$scenario/v1/json/", 'timeout' => 3]);

foreach (['other-order', 'no-order', 'fraction'] as $scenario) {
    try {
        $client($scenario)->getOrder('shop-1001');
        echo "$scenario getOrder: ACCEPTED\n";
    } catch (Msp\ProtocolException $e) {
        printf("%s getOrder: %s, an ApiException: %s: %s\n", $scenario, get_class($e),
            var_export($e instanceof Msp\ApiException, true), $e->getMessage());
    }
    // For a create the order may exist all the same: the outcome is unknown, never "failed".
    try {
        $client($scenario)->createOrder(msp_test_request('4012001038443335', 1000, 'EUR', 'shop-1002'));
        echo "$scenario createOrder: ACCEPTED\n";
    } catch (Msp\NetworkException $e) {
        printf("%s createOrder: %s, outcome unknown: %s\n", $scenario, get_class($e), var_export($e->isOutcomeUnknown(), true));
    }
}
$batch = $client('other-order')->getOrders(['shop-1', 'shop-2']);
printf("getOrders: %s %s\n", get_class($batch['shop-1']), get_class($batch['shop-2']));

// The documented refund answer has no refund_id: the refund's id is its transaction id, never the order id.
$docs = $client('refund-doc');
$order = $docs->getOrder('shop-1003');
$refund = $docs->refund($order, 500, 'EUR');
printf("refund: refundId %s, transactionId %s, status %s\n", $refund->refundId, $refund->transactionId, var_export($refund->status, true));
?>
--EXPECT--
other-order getOrder: Msp\ProtocolException, an ApiException: true: the answer is about another order (order_id differs from the one asked for)
other-order createOrder: Msp\NetworkException, outcome unknown: true
no-order getOrder: Msp\ProtocolException, an ApiException: true: the answer is not a usable order: it has no order_id
no-order createOrder: Msp\NetworkException, outcome unknown: true
fraction getOrder: Msp\ProtocolException, an ApiException: true: the answer is not a usable order: amount is not an integer number of minor units
fraction createOrder: Msp\NetworkException, outcome unknown: true
getOrders: Msp\ProtocolException Msp\ProtocolException
refund: refundId 4051999, transactionId 4051999, status NULL
