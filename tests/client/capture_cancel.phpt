--TEST--
Msp\Client capture, cancelAuthorization and cancelOrder
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();
$client = msp_test_client($emu);

$authorised = $client->createOrder(msp_test_request('4012001038443335', 5000)->manualCapture());
printf("authorised: %s/%s paid=%s\n", $authorised->status->value, $authorised->financialStatus->value, var_export($authorised->isPaid(), true));
try {
    $client->capture($authorised, 6000, $authorised->orderId . '-cap');
} catch (Msp\InvalidArgumentException $e) {
    echo "capture above the authorisation: refused locally\n";
}
$captured = $client->capture($authorised, 5000, $authorised->orderId . '-cap');
printf("captured: %s/%s\n", $captured->status->value, $captured->financialStatus->value);
try {
    $client->capture($captured, 100, $authorised->orderId . '-cap2');
} catch (Msp\StateException $e) {
    echo "capture again: ", $e->getMessage(), "\n";
}

$other = $client->createOrder(msp_test_request('4012001038443335', 5000)->manualCapture());
$client->cancelAuthorization($other->orderId, 'customer changed their mind');
$cancelled = $client->getOrder($other->orderId);
printf("authorisation cancelled: %s/%s\n", $cancelled->status->value, $cancelled->financialStatus->value);

$pending = $client->createOrder(msp_test_request('4111111111111111'));
$client->cancelOrder($pending);
$void = $client->getOrder($pending->orderId);
printf("unpaid order cancelled: %s/%s\n", $void->status->value, $void->financialStatus->value);
$paid = $client->createOrder(msp_test_request('4012001038443335'));
try {
    $client->cancelOrder($paid);
} catch (Msp\StateException $e) {
    echo "cancel a paid order: ", $e->getMessage(), "\n";
}
try {
    $client->cancelOrder($paid->orderId);   // by id msp cannot know: MultiSafepay refuses it
} catch (Msp\ApiException $e) {
    printf("cancel a paid order by id: API error %d\n", $e->getErrorCode());
}
?>
--EXPECTF--
authorised: completed/initialized paid=true
capture above the authorisation: refused locally
captured: completed/completed
capture again: only an authorised order (completed/initialized, manual capture) can be captured; this one is completed/completed
authorisation cancelled: void/void
unpaid order cancelled: void/cancelled
cancel a paid order: only an unpaid (initialized) order can be cancelled; this one is completed: refund a paid order instead
cancel a paid order by id: API error 1000
