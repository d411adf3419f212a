--TEST--
Msp\Client::createOrder(): exactly once whatever fails; 5xx and unusable answers are looked up, the same request can always be sent again
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();
$events = [];
$client = msp_test_client($emu, ['timeout' => 4, 'logger' => function (array $e) use (&$events) { $events[] = $e; }]);

function fault(string $fault): void
{
    global $emu;
    $emu->admin('POST', 'faults', ['fault' => $fault, 'count' => 1, 'method' => 'POST', 'path' => '/v1/json/orders']);
}

function outcome(callable $call): string
{
    try {
        $order = $call();
        $how = 'order ' . $order->status->value;
        if ($order->requiresVerification()) {
            $v = $order->verification;
            $how .= ', verification ' . $v->type . ($v->url === $order->paymentUrl && $v->url !== null ? ' to payment_url' : ' WITHOUT URL')
                . (str_contains($v->html, htmlspecialchars($order->paymentUrl)) ? ', page links it' : '');
        }
        return $how;
    } catch (Msp\Exception $e) {
        return get_class($e) . ($e instanceof Msp\NetworkException && $e->isOutcomeUnknown() ? ' (outcome unknown)' : '');
    }
}

/** One checkout with a fault on its POST, then what the shop's retry rule (same order id) gives. */
function checkout(string $label, string $card, string $fault): void
{
    global $emu, $client, $events;
    $events = [];
    $orderId = msp_test_order_id('eo');
    fault($fault);
    $first = outcome(fn () => $client->createOrder(msp_test_request($card, 1000, 'EUR', $orderId)));
    $retry = '';
    if (str_contains($first, 'NetworkException')) {
        $retry = '; sent again: ' . outcome(fn () => $client->createOrder(msp_test_request($card, 1000, 'EUR', $orderId)));
    }
    $orders = $emu->admin('GET', 'orders?order_id=' . rawurlencode($orderId))['count'];
    $gets = count(array_filter($events, fn ($e) => $e['method'] === 'GET'));
    printf("%-22s %s%s; orders: %d; look-ups: %s\n", $label, $first, $retry, $orders, $gets > 0 ? 'yes' : 'no');
}

echo "-- frictionless (4012001038443335)\n";
checkout('500 JSON after commit', '4012001038443335', 'status=500, processed');
checkout('503 JSON after commit', '4012001038443335', 'status=503, processed');
checkout('502 HTML after commit', '4012001038443335', 'status=502, body=html, processed');
checkout('504 HTML after commit', '4012001038443335', 'status=504, body=html, processed');
checkout('500 JSON, no commit', '4012001038443335', 'status=500');
checkout('503 JSON, no commit', '4012001038443335', 'status=503');
checkout('502 HTML, no commit', '4012001038443335', 'status=502, body=html');
checkout('non-JSON, no commit', '4012001038443335', 'non-json');
checkout('closed after body', '4012001038443335', 'close-after-body');
checkout('truncated', '4012001038443335', 'truncated');
checkout('delay past timeout', '4012001038443335', 'delay=6000');
// A gateway answers before the backend commits: the first look-up finds nothing, the second does.
checkout('504 HTML, commit +0.3s', '4012001038443335', 'status=504, body=html, commit-after=300');
checkout('500 JSON, commit +0.3s', '4012001038443335', 'status=500, commit-after=300');
// Committed after both look-ups: unknown, and the same request sent again finds the order.
checkout('502 HTML, commit +1.5s', '4012001038443335', 'status=502, body=html, commit-after=1500');

echo "-- 3-D Secure (4111111111111111): the recovered order keeps its next step\n";
checkout('no fault', '4111111111111111', 'delay=0');
checkout('500 JSON after commit', '4111111111111111', 'status=500, processed');
checkout('503 JSON after commit', '4111111111111111', 'status=503, processed');
checkout('502 HTML after commit', '4111111111111111', 'status=502, body=html, processed');
checkout('504 HTML after commit', '4111111111111111', 'status=504, body=html, processed');
checkout('non-JSON after commit', '4111111111111111', 'non-json, processed');
checkout('closed after body', '4111111111111111', 'close-after-body');
checkout('truncated', '4111111111111111', 'truncated');
checkout('delay past timeout', '4111111111111111', 'delay=6000');
checkout('504 HTML, commit +0.3s', '4111111111111111', 'status=504, body=html, commit-after=300');
checkout('502 HTML, commit +1.5s', '4111111111111111', 'status=502, body=html, commit-after=1500');

echo "-- the order id is the idempotency key\n";
$events = [];
$orderId = msp_test_order_id('dup');
$first = $client->createOrder(msp_test_request('4012001038443335', 1000, 'EUR', $orderId));
$again = $client->createOrder(msp_test_request('4012001038443335', 1000, 'EUR', $orderId));
printf("same request again: %s, same transaction: %s\n", $again->status->value, var_export($again->transactionId === $first->transactionId, true));
foreach (['another amount' => ['4012001038443335', 2000, 'EUR'], 'another currency' => ['4012001038443335', 1000, 'USD'],
    'another card' => ['5500000000000004', 1000, 'EUR']] as $label => [$card, $amount, $currency]) {
    try {
        $client->createOrder(msp_test_request($card, $amount, $currency, $orderId));
        echo "$label: ACCEPTED\n";
    } catch (Msp\OrderIdConflictException $e) {
        printf("%s: %s (an %s), code %d, names the id: %s\n", $label, get_class($e),
            $e instanceof Msp\ApiException ? 'ApiException' : '?', $e->getErrorCode(), var_export(str_contains($e->getMessage(), $orderId), true));
    }
}
printf("orders with that id: %d; POSTs: %d\n", $emu->admin('GET', 'orders?order_id=' . rawurlencode($orderId))['count'],
    count(array_filter($events, fn ($e) => $e['method'] === 'POST')));

// A definite refusal stays definite: no look-up, no order.
$events = [];
echo outcome(fn () => $client->createOrder(msp_test_request('4012001038443335', 500001))), "; look-ups: ",
    count(array_filter($events, fn ($e) => $e['method'] === 'GET')), "\n";

$stats = $client->stats();
// 15 lost answers found at once, 4 not found twice, 3 found the second time, 2 not found twice and
// found after the same request came back as a duplicate, 1 + 3 duplicates: 39 look-ups, 21 recovered.
printf("stats: lookups %d, recovered_orders %d\n", $stats['lookups'], $stats['recovered_orders']);
?>
--EXPECT--
-- frictionless (4012001038443335)
500 JSON after commit  order completed; orders: 1; look-ups: yes
503 JSON after commit  order completed; orders: 1; look-ups: yes
502 HTML after commit  order completed; orders: 1; look-ups: yes
504 HTML after commit  order completed; orders: 1; look-ups: yes
500 JSON, no commit    Msp\NetworkException (outcome unknown); sent again: order completed; orders: 1; look-ups: yes
503 JSON, no commit    Msp\NetworkException (outcome unknown); sent again: order completed; orders: 1; look-ups: yes
502 HTML, no commit    Msp\NetworkException (outcome unknown); sent again: order completed; orders: 1; look-ups: yes
non-JSON, no commit    Msp\NetworkException (outcome unknown); sent again: order completed; orders: 1; look-ups: yes
closed after body      order completed; orders: 1; look-ups: yes
truncated              order completed; orders: 1; look-ups: yes
delay past timeout     order completed; orders: 1; look-ups: yes
504 HTML, commit +0.3s order completed; orders: 1; look-ups: yes
500 JSON, commit +0.3s order completed; orders: 1; look-ups: yes
502 HTML, commit +1.5s Msp\NetworkException (outcome unknown); sent again: order completed; orders: 1; look-ups: yes
-- 3-D Secure (4111111111111111): the recovered order keeps its next step
no fault               order initialized, verification form to payment_url, page links it; orders: 1; look-ups: no
500 JSON after commit  order initialized, verification redirect to payment_url, page links it; orders: 1; look-ups: yes
503 JSON after commit  order initialized, verification redirect to payment_url, page links it; orders: 1; look-ups: yes
502 HTML after commit  order initialized, verification redirect to payment_url, page links it; orders: 1; look-ups: yes
504 HTML after commit  order initialized, verification redirect to payment_url, page links it; orders: 1; look-ups: yes
non-JSON after commit  order initialized, verification redirect to payment_url, page links it; orders: 1; look-ups: yes
closed after body      order initialized, verification redirect to payment_url, page links it; orders: 1; look-ups: yes
truncated              order initialized, verification redirect to payment_url, page links it; orders: 1; look-ups: yes
delay past timeout     order initialized, verification redirect to payment_url, page links it; orders: 1; look-ups: yes
504 HTML, commit +0.3s order initialized, verification redirect to payment_url, page links it; orders: 1; look-ups: yes
502 HTML, commit +1.5s Msp\NetworkException (outcome unknown); sent again: order initialized, verification redirect to payment_url, page links it; orders: 1; look-ups: yes
-- the order id is the idempotency key
same request again: completed, same transaction: true
another amount: Msp\OrderIdConflictException (an ApiException), code 1006, names the id: true
another currency: Msp\OrderIdConflictException (an ApiException), code 1006, names the id: true
another card: Msp\OrderIdConflictException (an ApiException), code 1006, names the id: true
orders with that id: 1; POSTs: 5
Msp\ApiException; look-ups: 0
stats: lookups 39, recovered_orders 21
