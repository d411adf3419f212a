--TEST--
Msp\Order enum properties are the current request's case objects in every request of a long-lived process
--DESCRIPTION--
msp remembers the OrderStatus, TransactionStatus and CardBrand case objects it has looked up, for the
rest of the request only: the engine creates them anew in each request, as php-fpm and php -S do. One
php -S process (a single worker) answers five requests in a row.
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../status/shop.inc'; msp_php_server_skip(); ?>
--FILE--
<?php
require __DIR__ . '/../status/shop.inc'; // msp_php_server()
// One process: no PHP_CLI_SERVER_WORKERS, so every request meets the state the previous ones left.
$port = msp_php_server(__DIR__ . '/fixtures/enum_cases_router.php', ['PHP_CLI_SERVER_WORKERS' => null]);
for ($n = 1; $n <= 5; $n++) {
    $answer = @file_get_contents("http://127.0.0.1:$port/?n=$n");
    echo "request $n: ", $answer === false ? 'no answer (the server died)' : $answer, "\n";
}
?>
--EXPECT--
request 1: {"status":true,"financial":true,"brand":true,"names":"Completed\/Completed\/Visa"}
request 2: {"status":true,"financial":true,"brand":true,"names":"Completed\/Completed\/Visa"}
request 3: {"status":true,"financial":true,"brand":true,"names":"Completed\/Completed\/Visa"}
request 4: {"status":true,"financial":true,"brand":true,"names":"Completed\/Completed\/Visa"}
request 5: {"status":true,"financial":true,"brand":true,"names":"Completed\/Completed\/Visa"}
