--TEST--
Conformance: the emulator answers card orders with every field of the documented card examples, with their types
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
/* For each documented card answer (fixtures/), the emulator's answer in the same situation must
 * have every field of the example with the example's JSON type: a completed 3-D Secure order, a
 * failed authentication, a manual-capture authorisation, a Zero Authorization, the create answer
 * of an order that needs 3-D Secure, and a POST notification. A field the example has as null or
 * "" only needs to be there. Where the documented examples disagree on a field's type (last4 as
 * "1111" and as 1111, a cost of 0.03 and of 0, a customer field as text and as null: real payloads
 * mix them, api.md §2), any type some example shows is right. The emulator may say more than one
 * example does. */
require __DIR__ . '/conformance.inc';
$emu = msp_emulator_start();
$sink = $emu->startSink();

/** Adds the type of every value under $json, each list member included, to $types[path]. */
function collect_types(mixed $json, string $path, array &$types): void
{
    $type = $json instanceof stdClass ? 'object' : (is_array($json) ? 'array' : msp_json_type($json));
    if ($path !== '') {
        $types[$path][$type] = true;
    }
    if ($json instanceof stdClass) {
        foreach (get_object_vars($json) as $key => $value) {
            collect_types($value, $path === '' ? $key : "$path.$key", $types);
        }
    } elseif (is_array($json)) {
        foreach ($json as $member) {
            collect_types($member, "{$path}[]", $types);
        }
    }
}

/** Every JSON type the documented order objects show at each path (data of the answers, and the notification body). */
function documented_types(): array
{
    static $types = null;
    if ($types === null) {
        $types = [];
        foreach (glob(__DIR__ . '/fixtures/*.json') as $file) {
            $json = json_decode((string) file_get_contents($file), false);
            if (str_starts_with(basename($file), 'response-') || str_starts_with(basename($file), 'notification-')) {
                collect_types($json->data ?? $json, '', $types);
            }
        }
    }
    return $types;
}

/** @param list<string> $aside path prefixes not compared */
function documented_fields(string $label, string $fixture, array $answer, array $aside = []): void
{
    $json = json_decode(msp_docs_raw($fixture), false);
    $json = isset($json->data) ? $json->data : $json;
    $docs = msp_conformance_shape($json);
    $loose = msp_docs_empty_paths($json);
    $actual = msp_conformance_shape(json_decode(json_encode($answer), false));
    $differences = [];
    foreach ($docs as $path => $type) {
        foreach ($aside as $prefix) {
            if (str_starts_with($path, $prefix)) {
                continue 2;
            }
        }
        if (!isset($actual[$path])) {
            $differences[] = "$path: missing";
        } elseif ($type === 'null' || in_array($path, $loose, true)) {
            continue;
        } elseif (!isset(documented_types()[$path][$actual[$path]])) {
            $differences[] = "$path: {$actual[$path]}, which no example shows (this one: $type)";
        }
    }
    msp_report("$label has the fields of $fixture" . ($aside ? ' (' . implode(', ', $aside) . ' aside)' : ''), $differences);
}

function order_body(string $card, array $more = []): string
{
    static $n = 0;
    return json_encode($more + ['type' => 'direct', 'gateway' => 'CREDITCARD', 'order_id' => 'answers-' . ++$n, 'currency' => 'EUR',
        'amount' => 1000, 'description' => 'Test order description', 'customer' => ['locale' => 'nl_NL', 'ip_address' => '89.20.162.110',
        'country' => 'NL', 'first_name' => 'Simon', 'last_name' => 'Smit', 'email' => 'simonsmit@example.com'],
        'payment_options' => ['redirect_url' => 'https://www.example.com/order/success', 'cancel_url' => 'https://www.example.com/order/failed'],
        'gateway_info' => ['card_number' => $card, 'card_holder_name' => 'Simon Smit', 'card_expiry_date' => 3012,
            'card_cvc' => str_starts_with($card, '3') ? '1234' : '123']]);
}

function data_of(array $response): array
{
    if (($response['json']['success'] ?? null) !== true) {
        throw new RuntimeException('refused: ' . $response['body']);
    }
    return $response['json']['data'];
}

// 3-D Secure needed: the create answer (customer_verification, payment_url).
$created = data_of($emu->api('POST', 'orders', order_body('5500000000000004')));
documented_fields('create, 3-D Secure', 'response-create-card-3ds-2022.json', $created);
// The customer authenticates: a completed card order.
$emu->acs($created['order_id'], 'authenticate');
documented_fields('completed after the challenge', 'response-get-order-3ds.json', data_of($emu->api('GET', 'orders/' . $created['order_id'])));
// Frictionless (the test card that is never challenged).
$frictionless = data_of($emu->api('POST', 'orders', order_body('4012001038443335')));
documented_fields('completed, frictionless', 'response-get-order-3ds.json', $frictionless);
echo '  ', $frictionless['payment_details']['card_authentication_details']['flow'], ' ',
    $frictionless['payment_details']['card_authentication_result']['status'], ' ', $frictionless['payment_details']['card_funding'], "\n";
// The test card whose authentication fails.
$failed = data_of($emu->api('POST', 'orders', order_body('4012001037461114')));
$emu->acs($failed['order_id'], 'authenticate');
$failed = data_of($emu->api('GET', 'orders/' . $failed['order_id']));
documented_fields('declined by 3-D Secure', 'response-get-order-failed-3ds.json', $failed);
echo '  ', $failed['status'], ' ', $failed['reason_code'], ' ', $failed['payment_details']['card_authentication_result']['status'],
    ' ', $failed['payment_details']['card_authentication_result']['transaction_status_reason'], "\n";
// Manual capture, authorised.
$authorised = data_of($emu->api('POST', 'orders', order_body('4012001038443335', ['capture' => 'manual'])));
documented_fields('authorised for manual capture', 'response-get-order-authorised-2022.json', $authorised);
echo '  ', $authorised['status'], '/', $authorised['financial_status'], ' ', $authorised['payment_details']['capture'], ' ', $authorised['payment_details']['capture_remain'], "\n";
// Zero Authorization: the card stored as a token.
$zero = data_of($emu->api('POST', 'orders', order_body('4012001038443335', ['amount' => 0, 'recurring_model' => 'cardOnFile'])));
documented_fields('Zero Authorization', 'response-get-order-zero-authorization-2022.json', $zero);
echo '  ', $zero['status'], ' ', $zero['amount'], ' ', $zero['payment_details']['recurring_model'], "\n";

// A POST notification: the order object of the docs' example (an iDEAL order there, so its
// payment_details are left aside), signed so that msp verifies it.
$body = json_decode(order_body('4012001038443335'), true);
$body['payment_options'] += ['notification_url' => $sink->url('/notify'), 'notification_method' => 'POST'];
data_of($emu->api('POST', 'orders', $body));
$delivery = $sink->waitFor(1)[0];
documented_fields('POST notification', 'notification-post-body.json', json_decode($delivery['body'], true), ['payment_details.']);
$client = new Msp\Client($emu->apiKey(), ['base_url' => $emu->baseUrl()]);
$clock = $emu->admin('GET', 'clock')['now'];
$verified = $client->verifyNotification($delivery['body'], $delivery['headers']['auth'], 600, $clock);
echo '  verified: ', $verified->orderId === $body['order_id'] ? 'yes' : 'no', ', ', $verified->order()->status->value, "\n";
?>
--EXPECT--
create, 3-D Secure has the fields of response-create-card-3ds-2022.json: 0 differences
completed after the challenge has the fields of response-get-order-3ds.json: 0 differences
completed, frictionless has the fields of response-get-order-3ds.json: 0 differences
  frictionless Y C
declined by 3-D Secure has the fields of response-get-order-failed-3ds.json: 0 differences
  declined 3001 N 01
authorised for manual capture has the fields of response-get-order-authorised-2022.json: 0 differences
  completed/initialized manual 1000
Zero Authorization has the fields of response-get-order-zero-authorization-2022.json: 0 differences
  completed 0 cardOnFile
POST notification has the fields of notification-post-body.json (payment_details. aside): 0 differences
  verified: yes, completed
