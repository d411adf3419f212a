<?php

declare(strict_types=1);

/* server.inc as phpt tests will use it: under `php -n`, stopping at shutdown, and when its process dies. */

/** Runs a PHP script in a child `php -n` (no php.ini: no curl, no pdo, no posix) and returns its output. */
function run_php_n(string $code, int $timeoutSeconds = 30): string
{
    $script = sys_get_temp_dir() . '/msp-harness-' . getmypid() . '-' . bin2hex(random_bytes(4)) . '.php';
    file_put_contents($script, "<?php\nrequire " . var_export(dirname(__DIR__) . '/server.inc', true) . ";\n" . $code);
    $process = proc_open([PHP_BINARY, '-n', $script], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    stream_set_blocking($pipes[1], false);
    stream_set_blocking($pipes[2], false);
    $output = '';
    $deadline = time() + $timeoutSeconds;
    while (proc_get_status($process)['running'] && time() < $deadline) {
        $output .= stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
        usleep(20000);
    }
    $output .= stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
    proc_terminate($process, 9);
    proc_close($process);
    unlink($script);
    return $output;
}

function test_server_inc_works_under_php_n(): void
{
    $output = run_php_n(<<<'PHP'
        echo extension_loaded('pdo_sqlite') || extension_loaded('curl') ? "extensions loaded\n" : "bare php\n";
        $emu = msp_emulator_start(['notification_retry_seconds' => 30]);
        $sink = $emu->startSink();
        $body = ['type' => 'direct', 'gateway' => 'CREDITCARD', 'order_id' => 'n-1', 'currency' => 'EUR', 'amount' => 1500,
            'description' => 'php -n', 'customer' => ['ip_address' => '127.0.0.1', 'country' => 'NL'],
            'payment_options' => ['notification_url' => $sink->url(), 'notification_method' => 'POST', 'redirect_url' => 'http://127.0.0.1/back'],
            'gateway_info' => ['card_number' => '4111111111111111', 'card_expiry_date' => '3012', 'card_cvc' => '123']];
        $created = $emu->api('POST', 'orders', $body);
        echo 'created ', $created['json']['data']['status'], "\n";
        $press = $emu->acs('n-1', 'authenticate');
        echo 'acs ', $press['status'], "\n";
        echo 'notified ', count($sink->waitFor(1)), "\n";
        echo 'final ', $emu->api('GET', 'orders/n-1')['json']['data']['status'], "\n";
        echo 'clock ', $emu->advance(60)['offset'], "\n";
        echo 'base ', $emu->baseUrl() === 'http://127.0.0.1:' . $emu->port() . '/v1/json/' ? 'ok' : 'wrong', "\n";
        PHP);
    foreach (['bare php', 'created initialized', 'acs 302', 'notified 1', 'final completed', 'clock 60', 'base ok'] as $line) {
        check(str_contains($output, $line . "\n"), "the php -n child printed \"$line\"; it printed: " . substr($output, 0, 600));
    }
}

function test_servers_stop_when_the_test_ends(): void
{
    $output = run_php_n(<<<'PHP'
        $emu = msp_emulator_start();
        $sink = $emu->startSink();
        echo 'files ', $emu->dbPath(), ' ', $emu->logFile(), "\n";
        echo 'ports ', $emu->port(), ' ', $sink->port(), "\n";
        PHP);
    check(preg_match('/^files (\S+) (\S+)$/m', $output, $files) === 1 && preg_match('/^ports (\d+) (\d+)$/m', $output, $ports) === 1, 'the child printed its files and ports: ' . $output);
    foreach ([$ports[1], $ports[2]] as $port) {
        $socket = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $error, 0.5);
        check($socket === false, "nothing listens on port $port any more");
    }
    check(!is_file($files[1]) && !is_file($files[2]), 'the temporary database and log are removed');
}

function test_servers_stop_when_the_test_process_is_killed(): void
{
    $script = sys_get_temp_dir() . '/msp-harness-kill-' . getmypid() . '.php';
    file_put_contents($script, "<?php\nrequire " . var_export(dirname(__DIR__) . '/server.inc', true) . ";\n"
        . '$emu = msp_emulator_start(); echo $emu->port(), " ", $emu->dbPath(), " ", $emu->logFile(), "\n"; sleep(60);');
    $process = proc_open([PHP_BINARY, '-n', $script], [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
    [$port, $db, $log] = array_pad(explode(' ', trim((string) fgets($pipes[1]))), 3, '');
    $port = (int) $port;
    check($port > 0, 'the child started an emulator');
    same(200, MspEmulator::http('GET', "http://127.0.0.1:$port/_emulator/info")['status'], 'it answers');
    proc_terminate($process, 9); // SIGKILL: no shutdown function runs
    proc_close($process);
    unlink($script);
    $deadline = microtime(true) + 5;
    do {
        usleep(100000);
        $socket = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $error, 0.2);
    } while ($socket !== false && microtime(true) < $deadline);
    check($socket === false, 'serve.php noticed its parent died and stopped the server');
    foreach ([$db, "$db-wal", "$db-shm", $log] as $file) {
        if ($file !== '' && $file !== '-wal' && $file !== '-shm') {
            @unlink($file); // a killed test cannot clean up after itself
        }
    }
}
