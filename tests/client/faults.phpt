--TEST--
Msp\Client: injected faults; a createOrder whose outcome is unknown is looked up, never sent twice
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();
$events = [];
$client = msp_test_client($emu, ['timeout' => 3, 'logger' => function (array $e) use (&$events) { $events[] = $e; }]);

function fault(MspEmulator $emu, string $fault, string $method, string $path, int $count = 1): void
{
    $emu->admin('POST', 'faults', ['fault' => $fault, 'count' => $count, 'method' => $method, 'path' => $path]);
}

function create(string $label, string $fault): void
{
    global $emu, $client, $events;
    $events = [];
    fault($emu, $fault, 'POST', '/v1/json/orders');
    $orderId = msp_test_order_id($label);
    try {
        $order = $client->createOrder(msp_test_request('4012001038443335', 1000, 'EUR', $orderId));
        $how = $order->orderId === $orderId ? 'order returned' : 'WRONG ORDER';
        $how .= ' (' . $order->status->value . ')';
    } catch (Msp\Exception $e) {
        $how = get_class($e) . ($e instanceof Msp\NetworkException && $e->isOutcomeUnknown() ? ' outcome unknown' : '')
            . ($e instanceof Msp\ApiException ? ' http=' . $e->getHttpStatus() : '');
    }
    $found = $emu->admin('GET', 'orders?order_id=' . rawurlencode($orderId))['count'];
    $posts = count(array_filter($events, fn ($e) => $e['method'] === 'POST'));
    $gets = count(array_filter($events, fn ($e) => $e['method'] === 'GET'));
    printf("%-18s %s; orders in emulator: %d; POSTs sent: %d; lookups: %s\n", $label, $how, $found, $posts, $gets > 0 ? 'yes' : 'no');
}

// The answer was lost or unusable: msp looks the order up instead of sending it again.
create('delay > timeout', 'delay=4500');
create('truncated', 'truncated');
create('closed after body', 'close-after-body');
create('non-JSON, created', 'non-json, processed');
create('HTML 500, created', 'status=500, body=html, processed');
// Unusable answers and every 5xx leave the outcome unknown until a look-up finds the order; when
// two look-ups find nothing, the shop sends the same request again (exactly_once.phpt).
create('non-JSON, none', 'non-json');
create('HTTP 500 JSON', 'status=500');
create('HTTP 503 JSON', 'status=503');

// GETs are retried with backoff: two 503s, then the answer.
$order = $client->createOrder(msp_test_request('4012001038443335'));
$events = [];
fault($emu, 'status=503', 'GET', '/v1/json/orders/', 2);
$again = $client->getOrder($order->orderId);
printf("GET after 2x503: %s in %d attempts\n", $again->status->value, count($events));
// A GET that keeps failing ends with the unavailable error after the retry budget.
fault($emu, 'status=503', 'GET', '/v1/json/orders/', 5);
try {
    $client->getOrder($order->orderId);
} catch (Msp\ApiUnavailableException $e) {
    printf("GET after 3x503: %s, HTTP %d\n", get_class($e), $e->getHttpStatus());
}
$emu->admin('DELETE', 'faults');
// Nothing listens on port 9: a connection refused is a NetworkException that is NOT outcome-unknown.
$dead = new Msp\Client('k', ['base_url' => 'http://127.0.0.1:9/v1/json/', 'timeout' => 2]);
try {
    $dead->createOrder(msp_test_request('4012001038443335'));
} catch (Msp\NetworkException $e) {
    printf("connection refused: curl %d, outcome unknown: %s\n", $e->getCurlCode(), var_export($e->isOutcomeUnknown(), true));
}
?>
--EXPECTF--
delay > timeout    order returned (completed); orders in emulator: 1; POSTs sent: 1; lookups: yes
truncated          order returned (completed); orders in emulator: 1; POSTs sent: 1; lookups: yes
closed after body  order returned (completed); orders in emulator: 1; POSTs sent: 1; lookups: yes
non-JSON, created  order returned (completed); orders in emulator: 1; POSTs sent: 1; lookups: yes
HTML 500, created  order returned (completed); orders in emulator: 1; POSTs sent: 1; lookups: yes
non-JSON, none     Msp\NetworkException outcome unknown; orders in emulator: 0; POSTs sent: 1; lookups: yes
HTTP 500 JSON      Msp\NetworkException outcome unknown; orders in emulator: 0; POSTs sent: 1; lookups: yes
HTTP 503 JSON      Msp\NetworkException outcome unknown; orders in emulator: 0; POSTs sent: 1; lookups: yes
GET after 2x503: completed in 3 attempts
GET after 3x503: Msp\ApiUnavailableException, HTTP 503
connection refused: curl 7, outcome unknown: false
