--TEST--
Msp\Client: the API's error answers become typed exceptions with code, info and HTTP status
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();
$client = msp_test_client($emu);

function expect(string $label, callable $call): void
{
    try {
        $call();
        echo "$label: no error\n";
    } catch (Msp\ApiException $e) {
        printf("%s: %s code=%d http=%d info=%s\n", $label, get_class($e), $e->getErrorCode(), $e->getHttpStatus(),
            $e->getErrorInfo() !== '' ? 'yes' : 'no');
    }
}

$wrongKey = new Msp\Client('not-the-key', ['base_url' => $emu->baseUrl()]);
expect('wrong API key', fn () => $wrongKey->getOrder('x'));
expect('unknown order', fn () => $client->getOrder('does-not-exist'));
$id = msp_test_order_id('dup');
$client->createOrder(msp_test_request('4012001038443335', 1000, 'EUR', $id));
// The same order id for another payment (the same request again returns the first order).
expect('order id of another payment', fn () => $client->createOrder(msp_test_request('4012001038443335', 1500, 'EUR', $id)));
expect('above the card limit', fn () => $client->createOrder(msp_test_request('4012001038443335', 500001)));
$paid = $client->createOrder(msp_test_request('4012001038443335', 5000));
$client->refund($paid, 1000, 'EUR');
expect('same refund again within 5 minutes', fn () => $client->refund($paid->orderId, 1000, 'EUR'));
expect('cancel a refund that does not exist', fn () => $client->cancelRefund($paid->orderId, '999'));
// By id msp cannot know the order's state, so this reaches MultiSafepay, which refuses it (1000).
expect('cancel a paid order by id', fn () => $client->cancelOrder($paid->orderId));
$emu->admin('POST', 'sites', ['site' => 'default', 'direct_enabled' => false]);
expect('site not enabled for direct cards', fn () => $client->createOrder(msp_test_request('4012001038443335')));
?>
--EXPECTF--
wrong API key: Msp\ApiException code=1032 http=401 info=yes
unknown order: Msp\ApiException code=1006 http=404 info=yes
order id of another payment: Msp\OrderIdConflictException code=1006 http=400 info=yes
above the card limit: Msp\ApiException code=1001 http=400 info=yes
same refund again within 5 minutes: Msp\ApiException code=1034 http=400 info=yes
cancel a refund that does not exist: Msp\ApiException code=1033 http=404 info=yes
cancel a paid order by id: Msp\ApiException code=1000 http=400 info=yes
site not enabled for direct cards: Msp\ApiException code=1023 http=400 info=yes
