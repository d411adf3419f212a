<?php

declare(strict_types=1);

/* Helpers of the emulator's tests: the shared emulator and sink, request builders, assertions. */

require_once __DIR__ . '/../server.inc';

/** The documented test cards (api.md §8). Referred to by name; never printed. */
const VISA_3DS = '4111111111111111';
const VISA_NO_3DS = '4012001038443335';
const VISA_UNCLEARED_VOID = '4917300000000008';
const VISA_UNCLEARED_COMPLETED = '4462000000000003';
const VISA_3DS_FAILS = '4012001037461114';
const VISA_NO_FUNDS = '4012001038488884';
const MASTERCARD_3DS = '5500000000000004';
const MAESTRO_3DS = '6799990000000000011';
const AMEX_3DS = '374500000000015';
const AMEX_NO_3DS = '378282246310005';
const AMEX_UNCLEARED_VOID = '378734493671000';
const AMEX_DECLINED = '374200000000004';
const BANCONTACT_3DS = '67034500054620008';
/** A Luhn-valid Visa number that is not a test card: the emulator treats it as an unknown card. */
const VISA_UNKNOWN = '4000000000000002';

const ALL_TEST_CARDS = [VISA_3DS, VISA_NO_3DS, VISA_UNCLEARED_VOID, VISA_UNCLEARED_COMPLETED, VISA_3DS_FAILS,
    VISA_NO_FUNDS, MASTERCARD_3DS, MAESTRO_3DS, AMEX_3DS, AMEX_NO_3DS, AMEX_UNCLEARED_VOID, AMEX_DECLINED, BANCONTACT_3DS, VISA_UNKNOWN];

const SKIP_ALL = [['action' => 'skip']];

final class TestFailure extends RuntimeException
{
    public string $where = '';
}

// ---- The shared emulator and sink ------------------------------------------------------------

function emu(): MspEmulator
{
    static $emulator = null;
    return $emulator ??= $GLOBALS['__shared_emulator'] = msp_emulator_start();
}

function sink(): MspEmulatorSink
{
    static $sink = null;
    return $sink ??= emu()->startSink();
}

function fresh_state(): void
{
    emu()->admin('POST', 'reset');
    sink()->clear();
}

function stop_shared(): void
{
    if (isset($GLOBALS['__shared_emulator'])) {
        $GLOBALS['__shared_emulator']->stop();
    }
}

/** Changes settings of the default site (or another site). */
function site(array $settings, string $name = 'default'): array
{
    return emu()->admin('POST', 'sites', ['site' => $name] + $settings);
}

// ---- Requests -----------------------------------------------------------------------------------

/** A valid direct card order; $overrides are merged in (null removes a key). */
function order_body(string $card = VISA_NO_3DS, array $overrides = []): array
{
    static $counter = 0;
    $counter++;
    $cvc = str_starts_with($card, '34') || str_starts_with($card, '37') ? '1234' : '123';
    $body = [
        'type' => 'direct',
        'gateway' => 'CREDITCARD',
        'order_id' => 'order-' . getmypid() . '-' . $counter,
        'currency' => 'EUR',
        'amount' => 10000,
        'description' => 'Emulator test order',
        'customer' => ['ip_address' => '127.0.0.1', 'country' => 'NL', 'first_name' => 'Jo', 'email' => 'jo@example.com'],
        'payment_options' => [
            'redirect_url' => 'http://127.0.0.1:9/shop/return?step=done',
            'cancel_url' => 'http://127.0.0.1:9/shop/cancel',
        ],
        'gateway_info' => ['card_number' => $card, 'card_expiry_date' => '3012', 'card_cvc' => $cvc, 'card_holder_name' => 'J. Tester'],
    ];
    return merge_overrides($body, $overrides);
}

function merge_overrides(array $base, array $overrides): array
{
    foreach ($overrides as $key => $value) {
        if ($value === null) {
            unset($base[$key]);
        } elseif (is_array($value) && is_array($base[$key] ?? null) && !array_is_list($value)) {
            $base[$key] = merge_overrides($base[$key], $value);
        } else {
            $base[$key] = $value;
        }
    }
    return $base;
}

/** POST /orders; returns the response (status, headers, body, json). */
function create_order(array $body): array
{
    return emu()->api('POST', 'orders', $body);
}

/** Creates an order and returns its data, failing the test when the API refuses it. */
function created(array $body): array
{
    $response = create_order($body);
    return ok_data($response);
}

function get_order(string $orderId): array
{
    return emu()->api('GET', 'orders/' . rawurlencode($orderId));
}

function order_data(string $orderId): array
{
    return ok_data(get_order($orderId));
}

/** Notification POSTs go to the shared sink. */
function with_notifications(array $body, string $method = 'POST', string $path = '/notify?shop=1'): array
{
    return merge_overrides($body, ['payment_options' => ['notification_url' => sink()->url($path), 'notification_method' => $method]]);
}

/**
 * A raw request with ext/curl, for the faults: the curl error number tells a timeout (28) from an
 * empty reply (52) or a short body (18).
 * @return array{status: int, body: string, headers: string, errno: int}
 */
function curl_call(string $method, string $url, ?string $body, array $headers, int $timeoutMs = 10000): array
{
    $ch = curl_init($url);
    $lines = ['Expect:'];
    foreach ($headers as $name => $value) {
        $lines[] = "$name: $value";
    }
    $responseHeaders = '';
    curl_setopt_array($ch, [
        CURLOPT_CUSTOMREQUEST => $method,
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPHEADER => $lines,
        CURLOPT_TIMEOUT_MS => $timeoutMs,
        CURLOPT_NOSIGNAL => true,
        CURLOPT_HEADERFUNCTION => function ($ch, string $line) use (&$responseHeaders): int {
            $responseHeaders .= $line;
            return strlen($line);
        },
    ]);
    if ($body !== null) {
        curl_setopt($ch, CURLOPT_POSTFIELDS, $body);
    }
    $result = curl_exec($ch);
    $out = [
        'status' => (int) curl_getinfo($ch, CURLINFO_RESPONSE_CODE),
        'body' => is_string($result) ? $result : '',
        'headers' => $responseHeaders,
        'errno' => curl_errno($ch),
    ];
    return $out; // no curl_close(): a no-op since PHP 8.0, deprecated in 8.5
}

function api_curl(array $body, string $fault, int $timeoutMs = 10000): array
{
    return curl_call('POST', emu()->baseUrl() . 'orders', json_encode($body),
        ['api_key' => emu()->apiKey(), 'Content-Type' => 'application/json', 'X-Emulator-Fault' => $fault], $timeoutMs);
}

// ---- Assertions -----------------------------------------------------------------------------

function fail(string $message): never
{
    $e = new TestFailure($message);
    foreach ($e->getTrace() as $frame) {
        if (isset($frame['file']) && str_ends_with($frame['file'], '_test.php')) {
            $e->where = basename($frame['file']) . ':' . $frame['line'];
            break;
        }
    }
    throw $e;
}

function check(bool $condition, string $message): void
{
    if (!$condition) {
        fail($message);
    }
}

function same(mixed $expected, mixed $actual, string $what = ''): void
{
    if ($expected !== $actual) {
        fail(($what !== '' ? "$what: " : '') . 'expected ' . show($expected) . ', got ' . show($actual));
    }
}

function show(mixed $value): string
{
    $text = json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PARTIAL_OUTPUT_ON_ERROR);
    return strlen($text) > 400 ? substr($text, 0, 400) . '...' : $text;
}

/** The data of a successful API response. */
function ok_data(array $response): array
{
    if ($response['status'] !== 200 || ($response['json']['success'] ?? null) !== true) {
        fail("expected success, got HTTP {$response['status']}: " . substr($response['body'], 0, 300));
    }
    return is_array($response['json']['data']) ? $response['json']['data'] : [];
}

/** Asserts an error envelope with this code and HTTP status; returns error_info. */
function api_error(array $response, int $code, int $http = 400, string $what = ''): string
{
    $prefix = $what !== '' ? "$what: " : '';
    $json = $response['json'];
    if (!is_array($json) || ($json['success'] ?? null) !== false) {
        fail("{$prefix}expected error $code, got HTTP {$response['status']}: " . substr($response['body'], 0, 300));
    }
    same($code, $json['error_code'] ?? null, "{$prefix}error_code (" . ($json['error_info'] ?? '') . ')');
    same($http, $response['status'], "{$prefix}HTTP status");
    check(is_string($json['error_info'] ?? null) && $json['error_info'] !== '', "{$prefix}error_info is text");
    return $json['error_info'];
}

/** Notifications received by the sink for one order. */
function received_for(string $orderId, int $atLeast = 1): array
{
    $deadline = microtime(true) + 5;
    do {
        $matching = array_values(array_filter(sink()->received(), static fn (array $r): bool => ($r['query']['transactionid'] ?? null) === $orderId));
    } while (count($matching) < $atLeast && microtime(true) < $deadline && usleep(20000) === null);
    return $matching;
}

/** Checks a POST notification's Auth header the way a shop must (api.md §6). */
function assert_signed(array $notification, string $apiKey): void
{
    $decoded = base64_decode($notification['headers']['auth'] ?? '', true);
    check(is_string($decoded) && preg_match('/^(\d+):([0-9a-f]{128})$/', $decoded, $m) === 1, 'Auth is base64("<ts>:<128 hex>")');
    same($notification['query']['timestamp'] ?? null, $m[1], 'Auth timestamp equals the query timestamp');
    $expected = hash_hmac('sha512', $m[1] . ':' . $notification['body'], trim($apiKey));
    check(hash_equals($expected, $m[2]), 'Auth HMAC-SHA512 over "<ts>:<raw body>" with the API key');
}

/** Masks card numbers in output: the test cards and anything that looks like a PAN. */
function scrub(string $text): string
{
    $text = str_replace(ALL_TEST_CARDS, array_map(static fn (string $p): string => substr($p, 0, 6) . str_repeat('*', strlen($p) - 10) . substr($p, -4), ALL_TEST_CARDS), $text);
    return (string) preg_replace_callback('/(?<!\d)\d{12,19}(?!\d)/', static fn (array $m): string => luhn_ok($m[0]) ? substr($m[0], 0, 6) . '…' . substr($m[0], -4) : $m[0], $text);
}

function luhn_ok(string $digits): bool
{
    $sum = 0;
    foreach (array_reverse(str_split($digits)) as $i => $d) {
        $d = (int) $d * ($i % 2 === 1 ? 2 : 1);
        $sum += $d > 9 ? $d - 9 : $d;
    }
    return $sum % 10 === 0;
}

/** Makes a Luhn-valid number from a prefix padded with zeros to $length digits. */
function luhn_number(string $prefix, int $length): string
{
    $partial = str_pad($prefix, $length - 1, '0');
    for ($check = 0; $check <= 9; $check++) {
        if (luhn_ok($partial . $check)) {
            return $partial . $check;
        }
    }
    return $partial . '0';
}
