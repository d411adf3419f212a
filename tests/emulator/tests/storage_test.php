<?php

declare(strict_types=1);

/* SQLite: shared between servers, durable across restarts, safe under concurrency; the default database path. */

function test_two_servers_on_one_database_see_the_same_orders(): void
{
    $other = msp_emulator_start([], ['db' => emu()->dbPath(), 'workers' => 1]);
    try {
        $a = created(order_body(VISA_3DS));
        $seen = ok_data($other->api('GET', 'orders/' . rawurlencode($a['order_id'])));
        same([$a['transaction_id'], 'initialized'], [$seen['transaction_id'], $seen['status']], 'B sees what A created');
        $b = order_body(VISA_NO_3DS);
        ok_data($other->api('POST', 'orders', $b));
        same('completed', order_data($b['order_id'])['status'], 'A sees what B created');
        api_error($other->api('POST', 'orders', $b), 1006, 400, 'the duplicate check spans servers');
        $other->admin('POST', 'clock', ['advance' => 3601]);
        same('expired', order_data($a['order_id'])['status'], 'one clock for both');
    } finally {
        $other->stop();
    }
    check(is_file(emu()->dbPath()), 'stopping B leaves the shared database alone');
}

function test_a_restarted_server_loses_nothing(): void
{
    $db = sys_get_temp_dir() . '/msp-emulator-restart-' . getmypid() . '.sqlite';
    $first = msp_emulator_start(['mixed_types' => true], ['db' => $db, 'workers' => 1]);
    $body = with_notifications(order_body(VISA_3DS));
    ok_data($first->api('POST', 'orders', $body));
    $first->admin('POST', 'clock', ['advance' => 1000]);
    $first->stop();
    $second = msp_emulator_start([], ['db' => $db, 'workers' => 1]);
    try {
        $o = ok_data($second->api('GET', 'orders/' . rawurlencode($body['order_id'])));
        same('initialized', $o['status'], 'the order survived');
        same('10000', $o['amount'], 'the site settings survived (mixed_types)');
        same(1000, $second->admin('GET', 'clock')['offset'], 'the clock survived');
        same(302, $second->acs($body['order_id'], 'authenticate')['status'], 'its 3DS session survived');
        $second->admin('POST', 'clock', ['advance' => 3000]);
        same('completed', ok_data($second->api('GET', 'orders/' . rawurlencode($body['order_id'])))['status']);
    } finally {
        $second->stop();
        foreach (['', '-wal', '-shm'] as $suffix) {
            @unlink($db . $suffix);
        }
    }
}

function test_concurrent_creates_of_one_order_id_make_one_order(): void
{
    $body = order_body(VISA_NO_3DS);
    $responses = parallel_creates(array_fill(0, 8, $body));
    $codes = array_map(static fn (array $r): string => ($r['success'] ?? false) ? 'ok' : (string) ($r['error_code'] ?? 'none'), $responses);
    sort($codes);
    same(['1006', '1006', '1006', '1006', '1006', '1006', '1006', 'ok'], $codes, 'one success, the rest duplicates');
    same(1, emu()->admin('GET', 'orders?order_id=' . rawurlencode($body['order_id']))['count']);
}

function test_concurrent_creates_of_different_orders_all_succeed(): void
{
    $bodies = [];
    for ($i = 0; $i < 12; $i++) {
        $bodies[] = with_notifications(order_body(VISA_NO_3DS));
    }
    $responses = parallel_creates($bodies);
    same(12, count(array_filter($responses, static fn (array $r): bool => ($r['success'] ?? false) === true)), 'no lock errors under WAL and the busy timeout');
    same(12, emu()->admin('GET', 'orders')['count']);
    same(12, count(sink()->waitFor(12)), 'every notification delivered');
}

/** Sends the bodies at once with curl_multi; returns the decoded responses. */
function parallel_creates(array $bodies): array
{
    $multi = curl_multi_init();
    $handles = [];
    foreach ($bodies as $body) {
        $ch = curl_init(emu()->baseUrl() . 'orders');
        curl_setopt_array($ch, [
            CURLOPT_POST => true,
            CURLOPT_POSTFIELDS => json_encode($body),
            CURLOPT_HTTPHEADER => ['api_key: ' . emu()->apiKey(), 'Content-Type: application/json', 'Expect:'],
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_TIMEOUT => 20,
        ]);
        curl_multi_add_handle($multi, $ch);
        $handles[] = $ch;
    }
    do {
        $status = curl_multi_exec($multi, $running);
        if ($running) {
            curl_multi_select($multi, 0.1);
        }
    } while ($running && $status === CURLM_OK);
    $responses = [];
    foreach ($handles as $ch) {
        $responses[] = json_decode((string) curl_multi_getcontent($ch), true) ?? [];
        curl_multi_remove_handle($multi, $ch); // no curl_close(): deprecated in 8.5
    }
    curl_multi_close($multi);
    return $responses;
}

function test_wal_journal_and_shared_file(): void
{
    $info = emu()->admin('GET', 'info');
    same('wal', $info['journal_mode']);
    same(emu()->dbPath(), $info['database']);
}

function test_default_database_is_per_port_in_the_temp_folder(): void
{
    $env = getenv();
    unset($env['MSP_EMULATOR_DB']);
    $env['MSP_EMULATOR_API_KEY'] = ' custom-default-key ';
    $log = sys_get_temp_dir() . '/msp-emulator-plain-' . getmypid() . '.log';
    $process = proc_open([PHP_BINARY, '-S', '127.0.0.1:0', dirname(__DIR__) . '/router.php'],
        [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'w'], 2 => ['file', $log, 'w']], $pipes, null, $env);
    $db = null;
    try {
        $port = null;
        for ($i = 0; $i < 100 && $port === null; $i++) {
            usleep(50000);
            if (preg_match('~Development Server \(http://127\.0\.0\.1:(\d+)\) started~', (string) file_get_contents($log), $m)) {
                $port = (int) $m[1];
            }
        }
        check($port !== null, 'plain php -S started');
        $info = MspEmulator::http('GET', "http://127.0.0.1:$port/_emulator/info")['json']['data'];
        $uid = function_exists('posix_geteuid') ? posix_geteuid() : getmyuid();
        $db = rtrim(sys_get_temp_dir(), '/') . "/msp-emulator-$uid-$port.sqlite";
        same($db, $info['database'], 'MSP_EMULATOR_DB unset: a file per user and port');
        same('custom-default-key', MspEmulator::http('GET', "http://127.0.0.1:$port/_emulator/sites")['json']['data'][0]['api_key'], 'the default site takes MSP_EMULATOR_API_KEY, trimmed');
        same('none', order_status_via($port, 'custom-default-key', 'x'), 'the key works');
        same('sigkill', $info['close_after_body'], 'plain php -S: no FFI, close-after-body kills the process');
    } finally {
        proc_terminate($process);
        proc_close($process);
        @unlink($log);
        foreach ($db !== null ? ['', '-wal', '-shm'] : [] as $suffix) {
            @unlink($db . $suffix);
        }
    }
}

function order_status_via(int $port, string $key, string $orderId): string
{
    $response = MspEmulator::http('GET', "http://127.0.0.1:$port/v1/json/orders/$orderId", null, ['api_key' => $key]);
    return ($response['json']['error_code'] ?? 0) === 1006 ? 'none' : (string) ($response['json']['data']['status'] ?? 'error');
}
