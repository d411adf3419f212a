--TEST--
Msp\Client::verifyNotification(): MultiSafepay's documented example, tampering, keys, the time window and malformed headers
--EXTENSIONS--
msp
--FILE--
<?php
// MultiSafepay's own example ("Handle notifications" in MultiSafepay's documentation): API key,
// timestamp, Auth header and the 1233-byte payload exactly as published.
$key = '8HHhGgRWrA3O7NswjmgwyH7buPPCGnR5AkwAQyqI';
$timestamp = 1641218884;
$auth = 'MTY0MTIxODg4NDowNmNiZjIyNmU3Yzg3M2VmZjk2OTIxZDdmZGUzOTk4ZWI2YmUwZGU3OTE1ZWUxYzFiNTE0OTUxMWZjYTgyZTI2'
    . 'YmIwYWIyZTZkMGUwYWQ5OTdjYmFiMTUxZTRiYTU2MTU0MThkOGUxMjUyODMwMTcyNjE0M2VkMTE0NjI4N2Y5Mw==';
$body = file_get_contents(__DIR__ . '/multisafepay_docs_example.json');
$client = new Msp\Client($key, ['base_url' => 'http://127.0.0.1:9/v1/json/']);

$n = $client->verifyNotification($body, $auth, 600, $timestamp);
printf("known answer: %s %s at %d, order %s/%s, event id %d hex digits\n", $n->method, $n->orderId, $n->timestamp,
    $n->order()->status->value, $n->order()->financialStatus->value, strlen($n->eventId()));
var_dump($n->eventId() === $client->verifyNotification($body, $auth, 600, $timestamp + 100)->eventId());

function attempt(string $label, callable $call): void
{
    try {
        $call();
        echo "$label: ACCEPTED\n";
    } catch (Msp\SignatureException $e) {
        echo "$label: ", $e->getReason()->value, "\n";
    } catch (Msp\Exception $e) {
        echo "$label: ", get_class($e), "\n";
    }
}
// A valid signature for any body, made the way MultiSafepay makes it.
function sign(string $key, string $body, int $ts): string
{
    return base64_encode($ts . ':' . hash_hmac('sha512', $ts . ':' . $body, trim($key)));
}

attempt('tampered body', fn () => $client->verifyNotification(str_replace('"amount":1000', '"amount":1', $body), $auth, 600, $timestamp));
attempt('one byte appended', fn () => $client->verifyNotification($body . ' ', $auth, 600, $timestamp));
$sig = base64_decode($auth);
$flipped = substr($sig, 0, -1) . ($sig[-1] === '3' ? '4' : '3');
attempt('tampered signature', fn () => $client->verifyNotification($body, base64_encode($flipped), 600, $timestamp));
$other = new Msp\Client('another-key', ['base_url' => 'http://127.0.0.1:9/v1/json/']);
attempt('wrong key', fn () => $other->verifyNotification($body, $auth, 600, $timestamp));
$spaced = new Msp\Client("  $key \n", ['base_url' => 'http://127.0.0.1:9/v1/json/']);
attempt('key with surrounding spaces (trimmed)', fn () => $spaced->verifyNotification($body, $auth, 600, $timestamp));
attempt('601 s late', fn () => $client->verifyNotification($body, $auth, 600, $timestamp + 601));
attempt('601 s early', fn () => $client->verifyNotification($body, $auth, 600, $timestamp - 601));
attempt('600 s late', fn () => $client->verifyNotification($body, $auth, 600, $timestamp + 600));
attempt('600 s early', fn () => $client->verifyNotification($body, $auth, 600, $timestamp - 600));
attempt('empty header', fn () => $client->verifyNotification($body, '', 600, $timestamp));
attempt('not base64', fn () => $client->verifyNotification($body, '!!!not-base64!!!', 600, $timestamp));
attempt('no colon', fn () => $client->verifyNotification($body, base64_encode(str_repeat('a', 140)), 600, $timestamp));
attempt('short signature', fn () => $client->verifyNotification($body, base64_encode("$timestamp:abcd"), 600, $timestamp));
attempt('non-hex signature', fn () => $client->verifyNotification($body, base64_encode("$timestamp:" . str_repeat('g', 128)), 600, $timestamp));
attempt('signed, but not an order', fn () => $client->verifyNotification('x', sign($key, 'x', $timestamp), 600, $timestamp));

// Fuzz: random malformed headers are always a SignatureException: never a warning, TypeError or crash.
mt_srand(20261124);
$outcomes = [];
set_error_handler(function ($no, $str) { echo "WARNING: $str\n"; return true; });
$valid = base64_decode($auth);
for ($i = 0; $i < 2000; $i++) {
    $header = match ($i % 5) {
        0 => random_bytes(mt_rand(1, 300)),
        1 => base64_encode(random_bytes(mt_rand(1, 250))),
        2 => base64_encode(substr($valid, 0, mt_rand(0, strlen($valid) - 1))),
        // a byte replaced by one that is no hex digit, digit or ':' (a hex case flip would still be valid)
        3 => base64_encode(substr_replace($valid, '~!@#%^&*()_+=-[]{}'[mt_rand(0, 17)], mt_rand(0, strlen($valid) - 1), 1)),
        4 => substr($auth, 0, mt_rand(0, strlen($auth) - 1)),
    };
    try {
        $client->verifyNotification($body, $header, 600, $timestamp);
        $outcomes['accepted'] = ($outcomes['accepted'] ?? 0) + 1;
    } catch (Msp\SignatureException $e) {
        $outcomes['refused'] = ($outcomes['refused'] ?? 0) + 1;
        if (str_contains($e->getMessage(), $key)) {
            echo "KEY IN MESSAGE\n";
        }
    }
}
restore_error_handler();
printf("fuzz: %d refused, %d accepted\n", $outcomes['refused'] ?? 0, $outcomes['accepted'] ?? 0);
?>
--EXPECTF--
known answer: POST my-order-id at 1641218884, order initialized/initialized, event id 64 hex digits
bool(true)
tampered body: signature_mismatch
one byte appended: signature_mismatch
tampered signature: signature_mismatch
wrong key: signature_mismatch
key with surrounding spaces (trimmed): ACCEPTED
601 s late: timestamp_outside_window
601 s early: timestamp_outside_window
600 s late: ACCEPTED
600 s early: ACCEPTED
empty header: malformed_header
not base64: bad_base64
no colon: no_separator
short signature: bad_signature_length
non-hex signature: bad_hex
signed, but not an order: Msp\InvalidArgumentException
fuzz: 2000 refused, 0 accepted
