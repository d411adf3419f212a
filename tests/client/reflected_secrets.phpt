--TEST--
Msp\Client: secrets an answer reflects never reach a message, getErrorInfo(), a logged body or path, whatever the separators or escapes
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../status/shop.inc'; msp_php_server_skip(); ?>
--FILE--
<?php
require __DIR__ . '/../status/shop.inc';
$port = msp_php_server(__DIR__ . '/fixtures/answers_router.php');
$key = 'k3y-Reflect-' . bin2hex(random_bytes(6));
$pan = '4111111111111111';
$cvc = '123';
$texts = [];
$client = new Msp\Client($key, ['base_url' => "http://127.0.0.1:$port/reflect/v1/json/", 'timeout' => 3,
    'logger' => function (array $event) use (&$texts) {
        foreach ($event as $name => $value) {
            if (is_string($value)) {
                $texts["logger $name"][] = $value;
            }
        }
    }]);

/** Which secrets a text holds, judged without separators and escapes; never prints them. */
function leaks(string $text): array
{
    global $pan, $cvc, $key;
    $decoded = preg_replace_callback('/\\\\u([0-9a-fA-F]{4})/', fn ($m) => hexdec($m[1]) < 128 ? chr(hexdec($m[1])) : "?", $text);
    // The markers keep the last 4 digits: taken out first, or six of them in a row read as a PAN.
    $decoded = preg_replace('/\[card \*{4}[0-9]{4}\]/', ' ', $decoded);
    $digits = preg_replace('/[^0-9]/', '', $decoded);
    $found = [];
    if (str_contains($digits, $pan)) {
        $found[] = 'PAN';
    }
    if (preg_match('/(?<![0-9.])' . $cvc . '(?![0-9.])/', $decoded)) {
        $found[] = 'CVC';
    }
    if (str_contains($decoded, $key)) {
        $found[] = 'API key';
    }
    return $found;
}

try {
    $client->createOrder(msp_test_request($pan, 1000, 'EUR', 'reflect-1', $cvc));
    echo "no error\n";
} catch (Msp\ApiException $e) {
    printf("%s code %d\n", get_class($e), $e->getErrorCode());
    $texts['getMessage()'][] = $e->getMessage();
    $texts['getErrorInfo()'][] = $e->getErrorInfo();
    $texts['__toString()'][] = (string) $e;
}
// A card number where an order id belongs reaches the logged path redacted too.
try {
    $client->getOrder($pan);
} catch (Msp\Exception $e) {
    $texts['getOrder message'][] = $e->getMessage();
}
foreach ($texts as $where => $list) {
    $found = array_unique(array_merge(...array_map('leaks', $list)));
    printf("%-22s %s\n", $where, $found ? 'LEAKS ' . implode(', ', $found) : 'clean');
}
// The markers keep what a shop needs to read the message.
printf("marker keeps the last 4: %s\n", var_export(str_contains($texts['getErrorInfo()'][0], '****1111'), true));
?>
--EXPECT--
Msp\ApiException code 1024
logger method          clean
logger path            clean
logger request_body    clean
logger response_body   clean
getMessage()           clean
getErrorInfo()         clean
__toString()           clean
getOrder message       clean
marker keeps the last 4: true
