--TEST--
Msp\Client logger: a logger that throws cannot change a call's outcome; events stay correct for any number of attempts and batch sizes
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();

final class ShopLogger
{
    public int $calls = 0;
    public function __invoke(array $event): void
    {
        $this->calls++;
        throw new RuntimeException('log storage is full');
    }
}
$logger = new ShopLogger();
$client = msp_test_client($emu, ['logger' => $logger]);

// A paid order stays paid although the logger throws: one warning names the logger.
set_error_handler(function (int $no, string $message) {
    printf("warning: %s\n", preg_replace('/^Msp\\\\Client::\w+\(\): /', '', $message));
    return true;
});
$order = $client->createOrder(msp_test_request('4012001038443335'));
printf("createOrder: %s, logger called %d time(s)\n", $order->status->value, $logger->calls);

// A failing call keeps its own exception, not the logger's.
try {
    $client->getOrder('no-such-order');
} catch (Exception $e) {
    printf("getOrder: %s (%d)\n", get_class($e), $e->getCode() ?: $e->getErrorCode());
}
restore_error_handler();

// An error handler that turns warnings into exceptions (as frameworks do) cannot win either.
set_error_handler(function (int $no, string $message) {
    throw new ErrorException($message, 0, $no);
});
$order = $client->createOrder(msp_test_request('4012001038443335'));
printf("with a throwing error handler: %s\n", $order->status->value);
restore_error_handler();
printf("logger_errors: %d\n", $client->stats()['logger_errors']);

// A batch of 50 with retries: one event per attempt, each with its own path.
$paths = [];
$batch = msp_test_client($emu, ['logger' => function (array $e) use (&$paths) { $paths[] = $e['path']; }]);
$ids = [];
for ($i = 0; $i < 50; $i++) {
    $ids[] = $batch->createOrder(msp_test_request('4012001038443335'))->orderId;
}
$paths = [];
$emu->admin('POST', 'faults', ['fault' => 'status=503', 'count' => 7, 'method' => 'GET', 'path' => '/v1/json/orders/']);
$result = $batch->getOrders($ids, 8);
$expected = array_map(fn ($id) => 'orders/' . rawurlencode($id), $ids);
$unexpected = array_diff($paths, $expected);
printf("batch: %d orders, %d events, every path one of the ids: %s, every id logged: %s\n",
    count(array_filter($result, fn ($o) => $o instanceof Msp\Order)), count($paths),
    var_export($unexpected === [], true), var_export(array_diff($expected, $paths) === [], true));
?>
--EXPECT--
warning: the Msp\Client logger ShopLogger::__invoke threw RuntimeException (log storage is full); the call's outcome is not affected and the rest of its events were not logged
createOrder: completed, logger called 1 time(s)
warning: the Msp\Client logger ShopLogger::__invoke threw RuntimeException (log storage is full); the call's outcome is not affected and the rest of its events were not logged
getOrder: Msp\ApiException (1006)
with a throwing error handler: completed
logger_errors: 3
batch: 50 orders, 57 events, every path one of the ids: true, every id logged: true
