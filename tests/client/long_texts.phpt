--TEST--
Msp: long messages are whole or cut at a character with "...": the advice of an unknown outcome, a long error_info, a long rule name; a currency too long for a code is never read as one
--EXTENSIONS--
msp
--SKIPIF--
<?php
require __DIR__ . '/../status/shop.inc';
msp_php_server_skip();
msp_emulator_skip();
?>
--FILE--
<?php
require __DIR__ . '/../status/shop.inc';
$utf8 = fn (string $s) => preg_match('//u', $s) === 1 ? 'valid UTF-8' : 'BROKEN UTF-8';

// An unknown outcome: the cause, then the advice, whole (it was once cut after 255 bytes).
$emu = msp_emulator_start();
foreach (['POST' => '/v1/json/orders', 'GET' => '/v1/json/orders/'] as $method => $path) {
    $emu->admin('POST', 'faults', ['fault' => 'delay=4000', 'count' => 5, 'method' => $method, 'path' => $path]);
}
try {
    msp_test_client($emu, ['timeout' => 1.2])->createOrder(msp_test_request('4111111111111111'));
    echo "createOrder: ACCEPTED\n";
} catch (Msp\NetworkException $e) {
    printf("unknown outcome: %s, ends with the advice: %s\n", $utf8($e->getMessage()),
        var_export(str_ends_with($e->getMessage(), '; the order may or may not exist (it could not be looked up in time): '
            . 'send the same request again with the same order id, which can never charge twice, or look it up with getOrder()'), true));
}

$port = msp_php_server(__DIR__ . '/fixtures/answers_router.php');
$client = fn (string $scenario) => new Msp\Client('answers-key', ['base_url' => "http://127.0.0.1:$port/$scenario/v1/json/", 'timeout' => 3]);

// MultiSafepay's error_info longer than msp keeps: cut at a character, with "...", in the message too.
try {
    $client('long-error')->getOrder('shop-1001');
} catch (Msp\ApiException $e) {
    $info = $e->getErrorInfo();
    printf("error info: %s, %s, %s, ends with ...: %s\n", $utf8($info), strlen($info) > 400 ? 'long' : 'short',
        str_starts_with($info, 'Ongeldige waarde: éé') ? 'starts as sent' : 'starts otherwise', var_export(str_ends_with($info, 'é...'), true));
    printf("message: %s, quotes the whole info: %s\n", $utf8($e->getMessage()),
        var_export($e->getMessage() === 'MultiSafepay error 1032: ' . $info, true));
}

// "EURO" cut to three letters would pass for EUR: the refund is refused before anything is sent.
$order = $client('long-currency')->getOrder('shop-1002');
try {
    $client('long-currency')->refund($order, 100, 'EUR');
    echo "refund: SENT\n";
} catch (Msp\InvalidArgumentException $e) {
    echo "refund: ", get_class($e), ": ", $e->getMessage(), "\n";
}

// A rule name of 64 bytes in two-byte characters, with the longest refusal: the name whole.
$name = str_repeat('ü', 32);
try {
    new Msp\ThreeDsPolicy([['name' => $name, 'action' => 'skip', 'no_such_key_here' => 1]]);
} catch (Msp\InvalidArgumentException $e) {
    printf("rule: %s, names the rule whole: %s, %s\n", $utf8($e->getMessage()),
        var_export(str_contains($e->getMessage(), "(\"$name\")"), true), $e->getField());
}
?>
--EXPECT--
unknown outcome: valid UTF-8, ends with the advice: true
error info: valid UTF-8, long, starts as sent, ends with ...: true
message: valid UTF-8, quotes the whole info: true
refund: Msp\InvalidArgumentException: the order has no valid currency: refresh it with a GET before refunding
rule: valid UTF-8, names the rule whole: true, rules[0]
