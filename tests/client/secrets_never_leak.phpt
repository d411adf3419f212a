--TEST--
Msp\Client: logger events, exceptions and traces never contain a PAN, CVC or the API key
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
require __DIR__ . '/client.inc';
$key = 'sk-phpt-' . bin2hex(random_bytes(8));
$emu = msp_emulator_start(['api_key' => $key]);
$events = [];
$log = function (array $event) use (&$events) { $events[] = $event; };
$client = new Msp\Client($key, ['base_url' => $emu->baseUrl(), 'timeout' => 2, 'logger' => $log]);
$texts = [];

$secrets = [$key];
foreach (MSP_TEST_CARDS as [$number, $brand]) {
    $secrets[] = $number;
    $cvc = msp_test_cvc($brand) === null ? null : (string) random_int(1000, 9999);
    if ($cvc !== null) {
        $cvc = $brand === 'Amex' ? $cvc : substr($cvc, 0, 3);
        $secrets[] = '"' . $cvc . '"';
    }
    try {
        $order = $client->createOrder((new Msp\OrderRequest(msp_test_order_id('s'), 1000, 'EUR', 'secret scan',
            new Msp\Card($number, 12, 2030, $cvc)))->customer(['ip_address' => '203.0.113.7', 'country' => 'NL']));
        $texts[] = print_r($order->toArray(), true);
        $texts[] = print_r($order, true);
    } catch (Throwable $e) {
        $texts[] = (string) $e;
    }
}
// Failures: a refused request, an API error, a transport error, a non-JSON body.
$failures = [
    fn () => $client->createOrder((new Msp\OrderRequest('dup', 1000, 'EUR', 'x', new Msp\Card('4111111111111111', 12, 2030, '987')))->customer(['ip_address' => '1.2.3.4', 'country' => 'XX'])),
    fn () => (new Msp\Client('wrong-' . $key, ['base_url' => $emu->baseUrl(), 'logger' => $log]))->createOrder(msp_test_request('4111111111111111')),
    fn () => (new Msp\Client($key, ['base_url' => 'http://127.0.0.1:9/v1/json/', 'logger' => $log]))->getOrder('x'),
    function () use ($client, $emu) {
        $emu->admin('POST', 'faults', ['fault' => 'non-json', 'count' => 2, 'path' => '/v1/json/orders']);
        $client->getOrder('whatever');
    },
    fn () => new Msp\Client($key, ['base_url' => 'ftp://nowhere/', 'logger' => $log]),
];
foreach ($failures as $fail) {
    try {
        $fail();
        $texts[] = 'no exception';
    } catch (Throwable $e) {
        $texts[] = (string) $e . print_r($e->getTrace(), true) . var_export($e, true);
    }
}
$texts[] = print_r($events, true);
$texts[] = var_export($client, true) . print_r($client, true) . json_encode($client);
ob_start();
var_dump($client);
debug_zval_dump($client);
$texts[] = ob_get_clean();
$all = implode("\n", $texts);
msp_assert_no_secret($all, $secrets, 'events, exceptions, traces and dumps');
echo count($events) > 10 ? "events logged\n" : "too few events\n";
$first = $events[0];
ksort($first);
echo implode(',', array_keys($first)), "\n";
?>
--EXPECT--
clean: events, exceptions, traces and dumps
events logged
attempt,connection_reused,curl_code,duration_us,http_status,method,path,request_body,response_body
