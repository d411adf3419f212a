--TEST--
Conformance: msp's own requests have the documented examples' field names, nesting and types (0 differences)
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
/* msp builds the same order as the documentation's direct card example (and the same refund,
 * capture and cancel calls) and sends it to the emulator through a router that records each body's
 * shape (paths and JSON types, no values: routers/capture_router.php). Every field of the example must be
 * in msp's body with the example's type, and msp sends nothing the example does not have. A field
 * the example leaves empty ("") is an optional field nobody filled in: given "", msp leaves it out
 * (listed); given a value, msp sends it, and its type is compared. */
require __DIR__ . '/conformance.inc';
$emu = msp_emulator_start(['notifications_hold' => true]);
$capture = tempnam(sys_get_temp_dir(), 'msp-shapes-');
register_shutdown_function(fn () => @unlink($capture));
$port = msp_conformance_server(__DIR__ . '/routers/capture_router.php', ['MSP_UPSTREAM' => $emu->baseUrl(), 'MSP_CAPTURE_FILE' => $capture]);
$client = new Msp\Client($emu->apiKey(), ['base_url' => "http://127.0.0.1:$port/v1/json/", 'timeout' => 10]);

/** The shape msp sent last for this method and path pattern. */
function sent(string $capture, string $method, string $pattern): array
{
    $found = null;
    foreach (file($capture, FILE_IGNORE_NEW_LINES) as $line) {
        $record = json_decode($line, true);
        if ($record['method'] === $method && preg_match($pattern, $record['path'])) {
            $found = $record['shape'] ?? [];
        }
    }
    return $found ?? throw new RuntimeException("msp sent no $method $pattern");
}

/**
 * msp's body against the example. $all: msp must send every field of the example (the direct card
 * order); otherwise the fields msp has no parameter for are listed, not counted.
 */
function compare(string $label, string $fixture, array $sent, bool $all = true): void
{
    $docs = msp_docs_shape($fixture);
    $empty = msp_docs_empty_paths(json_decode(msp_docs_raw($fixture), false));
    $differences = [];
    $leftOut = [];
    $notSent = [];
    foreach ($docs as $path => $type) {
        if (!isset($sent[$path]) && in_array($path, $empty, true)) {
            $leftOut[] = $path;
        } elseif (!isset($sent[$path])) {
            $all ? $differences[] = "$path: missing" : $notSent[] = $path;
        } elseif ($sent[$path] !== $type) {
            $differences[] = "$path: msp sends $sent[$path], the example has $type";
        }
    }
    foreach (array_diff_key($sent, $docs) as $path => $type) {
        $differences[] = "$path: not in the example";
    }
    msp_report("$label vs $fixture", $differences);
    printf("  %d fields compared%s%s\n", count($docs) - count($leftOut) - count($notSent),
        $leftOut ? '; left out as empty: ' . implode(', ', $leftOut) : '',
        $notSent ? '; msp has no parameter for: ' . implode(', ', $notSent) : '');
}

// The same order as the docs' direct card example, built with Msp\OrderRequest from its values.
$docs = msp_docs_array('request-create-card-direct.json');
$info = $docs['gateway_info'];
$card = new Msp\Card($info['card_number'], 12, 2030, $info['card_cvc'], $info['card_holder_name']); // 2512 has passed
$request = new Msp\OrderRequest($docs['order_id'], $docs['amount'], $docs['currency'], $docs['description'], $card, $docs['gateway']);
try {
    $request->customer($docs['customer']);
} catch (Msp\InvalidArgumentException $e) {
    echo 'the example as is: ', $e->getField(), ' refused (', $docs['customer']['birthday'], ' is not the schema\'s yyyy-MM-dd)', "\n";
}
$request->customer(['birthday' => '1970-07-10'] + $docs['customer']);
$options = $docs['payment_options'];
$request->notificationUrl($options['notification_url'], $options['notification_method'])
    ->redirectUrl($options['redirect_url'])->cancelUrl($options['cancel_url'])->closeWindow($options['close_window']);
$order = $client->createOrder($request);
echo 'created: ', $order->orderId, ' ', $order->status->value, ' (the emulator accepted it)', "\n";
compare('msp createOrder()', 'request-create-card-direct.json', sent($capture, 'POST', '~^orders$~'));
// The card data went over the wire, yet nothing of it reached the shapes file.
$shapes = file_get_contents($capture);
var_dump(str_contains($shapes, '1442') || str_contains($shapes, '"123"') || str_contains($shapes, $emu->apiKey()));

$client->cancelOrder($order);
compare('msp cancelOrder()', 'request-cancel-order.json', sent($capture, 'PATCH', '~^orders/[^/]+$~'));

$card = new Msp\Card('4012001038443335', 12, 2030, '123'); // the frictionless test card: paid at once
$paid = $client->createOrder((new Msp\OrderRequest('paid-1', 10000, 'EUR', 'paid', $card))->customer(['ip_address' => '89.20.162.110', 'country' => 'NL']));
$refund = $client->refund($paid, 500, 'EUR', 'Refund of one item');
compare('msp refund()', 'request-refund.json', sent($capture, 'POST', '~^orders/[^/]+/refunds$~'), false);
$client->cancelRefund($paid->orderId, $refund->refundId);
compare('msp cancelRefund()', 'request-cancel-refund.json', sent($capture, 'PATCH', '~^orders/[^/]+/refunds/[^/]+$~'));

$authorised = $client->createOrder((new Msp\OrderRequest('auth-1', 10000, 'EUR', 'authorise', $card))
    ->customer(['ip_address' => '89.20.162.110', 'country' => 'NL'])->manualCapture());
$client->capture($authorised, 2000, 'my-order-id-01');
compare('msp capture()', 'request-capture-partial.json', sent($capture, 'POST', '~^orders/[^/]+/capture$~'), false);
$client->cancelAuthorization($authorised->orderId, 'The transaction appeared fraudulent.');
compare('msp cancelAuthorization()', 'request-cancel-authorization.json', sent($capture, 'PATCH', '~^capture/[^/]+$~'), false);
?>
--EXPECT--
the example as is: customer.birthday refused (10071970 is not the schema's yyyy-MM-dd)
created: my-order-id-1 initialized (the emulator accepted it)
msp createOrder() vs request-create-card-direct.json: 0 differences
  33 fields compared; left out as empty: customer.forwarded_ip, customer.address2, customer.state
bool(false)
msp cancelOrder() vs request-cancel-order.json: 0 differences
  2 fields compared
msp refund() vs request-refund.json: 0 differences
  3 fields compared; msp has no parameter for: refund_order_id, var1, var2, var3
msp cancelRefund() vs request-cancel-refund.json: 0 differences
  1 fields compared
msp capture() vs request-capture-partial.json: 0 differences
  3 fields compared; left out as empty: invoice_id, tracktrace_code, carrier, reason, description
msp cancelAuthorization() vs request-cancel-authorization.json: 0 differences
  2 fields compared; msp has no parameter for: description
