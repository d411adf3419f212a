--TEST--
Conformance: the emulator accepts every documented request example of these calls, byte for byte
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
/* The documentation's request examples (fixtures/) for direct card orders, refunds, capture and the
 * cancel calls, sent exactly as published; their answers have the documented shape. The examples'
 * notification URLs are on example.com: the sites hold their notifications, nothing goes out. */
require __DIR__ . '/conformance.inc';
$emu = msp_emulator_start(['notifications_hold' => true]);
$emu->admin('POST', 'clock', ['set' => MSP_DOCS_DAY]); // the examples' cards expire 12/2025

function call(MspEmulator $emu, string $method, string $path, ?string $body, string $key, bool $inQuery = false): array
{
    $url = $emu->baseUrl() . $path . ($inQuery ? '?api_key=' . rawurlencode($key) : '');
    $headers = $body === null ? [] : ['Content-Type' => 'application/json'];
    if (!$inQuery) {
        $headers['api_key'] = $key;
    }
    return MspEmulator::http($method, $url, $body, $headers);
}

function accepted(string $label, array $response): array
{
    $ok = $response['status'] === 200 && ($response['json']['success'] ?? null) === true;
    echo $label, ': ', $ok ? 'accepted' : "REFUSED {$response['status']} " . ($response['json']['error_code'] ?? '') . ' ' . ($response['json']['error_info'] ?? ''), "\n";
    return $ok && is_array($response['json']['data']) ? $response['json']['data'] : [];
}

/** The answer's shape against a documented answer: every field of the example, with its type. */
function answer_shape(string $label, array $response, string $fixture): void
{
    $expected = msp_docs_shape($fixture);
    $actual = msp_conformance_shape(json_decode($response['body'], false));
    $differences = [];
    foreach ($expected as $path => $type) {
        if (!isset($actual[$path])) {
            $differences[] = "$path: missing";
        } elseif ($actual[$path] !== $type) {
            $differences[] = "$path: {$actual[$path]} instead of $type";
        }
    }
    foreach (array_diff_key($actual, $expected) as $path => $type) {
        $differences[] = "$path: not in the example";
    }
    msp_report("  answer as $fixture", $differences);
}

/** A paid (or, with manual capture, authorised) order of the emulator's frictionless test card. */
function paid_order(MspEmulator $emu, string $key, bool $manual = false): string
{
    $body = ['type' => 'direct', 'gateway' => 'VISA', 'order_id' => 'ctx-' . bin2hex(random_bytes(4)), 'currency' => 'EUR',
        'amount' => 10000, 'description' => 'context', 'customer' => ['ip_address' => '203.0.113.7', 'country' => 'NL'],
        'gateway_info' => ['card_number' => '4012001038443335', 'card_expiry_date' => '3012', 'card_cvc' => '123']];
    if ($manual) {
        $body['capture'] = 'manual';
    }
    $o = accepted('  (a context order)', call($emu, 'POST', 'orders', json_encode($body), $key));
    return $o['order_id'];
}

$key = $emu->apiKey();
$emu->admin('POST', 'sites', ['site' => 'query', 'api_key' => 'docs-query-key', 'notifications_hold' => true]);
$emu->admin('POST', 'sites', ['site' => 'docs-2022', 'api_key' => 'docs-2022-key', 'notifications_hold' => true]);
// The refund answer exactly as the docs' example (no refund_id): a site of its own.
$emu->admin('POST', 'sites', ['site' => 'refunds', 'api_key' => 'docs-refunds-key', 'refund_id_in_answer' => false]);

// POST /orders: the card direct examples (the docs' example sends card_expiry_date as a number).
$o = accepted('POST request-create-card-direct.json', call($emu, 'POST', 'orders', msp_docs_raw('request-create-card-direct.json'), $key));
echo "  ", $o['order_id'], ' ', $o['status'], ' ', $o['payment_details']['type'], ' ', $o['customer_verification']['type'], "\n";
$o = accepted('POST request-create-card-direct.json, ?api_key=', call($emu, 'POST', 'orders', msp_docs_raw('request-create-card-direct.json'), 'docs-query-key', true));
$o = accepted('POST request-create-card-direct-2022.json', call($emu, 'POST', 'orders', msp_docs_raw('request-create-card-direct-2022.json'), 'docs-2022-key'));
echo "  ", $o['order_id'], ' ', $o['status'], ' ', $o['payment_details']['type'], "\n";

// PATCH /orders/{order_id}: cancel the docs' order (3-D Secure pending).
$r = call($emu, 'PATCH', 'orders/my-order-id-1', msp_docs_raw('request-cancel-order.json'), $key);
accepted('PATCH request-cancel-order.json', $r);
answer_shape('cancel', $r, 'response-cancel-order.json');
echo '  now ', json_decode(call($emu, 'GET', 'orders/my-order-id-1', null, $key)['body'], true)['data']['status'], "\n";

// POST /orders/{order_id}/refunds, then PATCH .../refunds/{refund_id}.
$id = paid_order($emu, 'docs-refunds-key');
$r = call($emu, 'POST', 'orders/' . rawurlencode($id) . '/refunds', msp_docs_raw('request-refund.json'), 'docs-refunds-key');
$refund = accepted('POST request-refund.json', $r);
answer_shape('refund', $r, 'response-refund.json');
$order = json_decode(call($emu, 'GET', 'orders/' . rawurlencode($id), null, 'docs-refunds-key')['body'], true)['data'];
echo '  ', $order['status'], ' ', $order['amount_refunded'], ' ', $order['related_transactions'][0]['order_id'], "\n";
$r = call($emu, 'PATCH', 'orders/' . rawurlencode($id) . '/refunds/' . $refund['transaction_id'], msp_docs_raw('request-cancel-refund.json'), 'docs-refunds-key');
accepted('PATCH request-cancel-refund.json', $r);
answer_shape('cancel refund', $r, 'response-cancel-order.json');

// POST /orders/{order_id}/capture: partial (a new order) and full (no amount: all that is left).
$id = paid_order($emu, $key, true);
$r = call($emu, 'POST', 'orders/' . rawurlencode($id) . '/capture', msp_docs_raw('request-capture-partial.json'), $key);
accepted('POST request-capture-partial.json', $r);
answer_shape('capture', $r, 'response-capture.json');
$id = paid_order($emu, $key, true);
$r = call($emu, 'POST', 'orders/' . rawurlencode($id) . '/capture', msp_docs_raw('request-capture-full.json'), $key);
accepted('POST request-capture-full.json', $r);
$order = json_decode(call($emu, 'GET', 'orders/' . rawurlencode($id), null, $key)['body'], true)['data'];
echo '  ', $order['status'], '/', $order['financial_status'], "\n";

// PATCH /capture/{order_id}: cancel an authorisation.
$id = paid_order($emu, $key, true);
$r = call($emu, 'PATCH', 'capture/' . rawurlencode($id), msp_docs_raw('request-cancel-authorization.json'), $key);
accepted('PATCH request-cancel-authorization.json', $r);
$order = json_decode(call($emu, 'GET', 'orders/' . rawurlencode($id), null, $key)['body'], true)['data'];
echo '  ', $order['status'], '/', $order['financial_status'], "\n";
?>
--EXPECT--
POST request-create-card-direct.json: accepted
  my-order-id-1 initialized MAESTRO form
POST request-create-card-direct.json, ?api_key=: accepted
POST request-create-card-direct-2022.json: accepted
  my-order-id-1 initialized MASTERCARD
PATCH request-cancel-order.json: accepted
  answer as response-cancel-order.json: 0 differences
  now void
  (a context order): accepted
POST request-refund.json: accepted
  answer as response-refund.json: 0 differences
  partial_refunded 500 refund-order-id-1234
PATCH request-cancel-refund.json: accepted
  answer as response-cancel-order.json: 0 differences
  (a context order): accepted
POST request-capture-partial.json: accepted
  answer as response-capture.json: 0 differences
  (a context order): accepted
POST request-capture-full.json: accepted
  completed/completed
  (a context order): accepted
PATCH request-cancel-authorization.json: accepted
  void/void
