--TEST--
Msp\Order enum properties are the current request's case objects in every request of a long-lived process
--DESCRIPTION--
msp remembers the OrderStatus, TransactionStatus and CardBrand case objects it has looked up, for the
rest of the request only: the engine creates them anew in each request, as php-fpm and php -S do. One
php -S process (a single worker) answers five requests in a row.
--EXTENSIONS--
msp
--FILE--
<?php
require __DIR__ . '/../status/shop.inc'; // msp_extension_path()
$log = sys_get_temp_dir() . '/msp-enum-cases-' . getmypid() . '.log';
$env = getenv();
unset($env['PHP_CLI_SERVER_WORKERS']);
$server = proc_open([PHP_BINARY, '-d', 'extension=' . msp_extension_path(), '-S', '127.0.0.1:0',
    __DIR__ . '/fixtures/enum_cases_router.php'], [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'w'], 2 => ['file', $log, 'a']],
    $pipes, null, $env);
for ($i = 0; $i < 250 && !isset($port); $i++) {
    usleep(20000);
    if (preg_match('~Development Server \(http://127\.0\.0\.1:(\d+)\) started~', (string) @file_get_contents($log), $m)) {
        $port = (int) $m[1];
    }
}
if (!isset($port)) {
    echo "the server did not start\n";
}
for ($n = 1; isset($port) && $n <= 5; $n++) {
    $answer = @file_get_contents("http://127.0.0.1:$port/?n=$n");
    echo "request $n: ", $answer === false ? 'no answer (the server died)' : $answer, "\n";
}
proc_terminate($server);
proc_close($server);
@unlink($log);
?>
--EXPECT--
request 1: {"status":true,"financial":true,"brand":true,"names":"Completed\/Completed\/Visa"}
request 2: {"status":true,"financial":true,"brand":true,"names":"Completed\/Completed\/Visa"}
request 3: {"status":true,"financial":true,"brand":true,"names":"Completed\/Completed\/Visa"}
request 4: {"status":true,"financial":true,"brand":true,"names":"Completed\/Completed\/Visa"}
request 5: {"status":true,"financial":true,"brand":true,"names":"Completed\/Completed\/Visa"}
