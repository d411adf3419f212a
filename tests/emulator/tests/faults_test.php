<?php

declare(strict_types=1);

/* Fault injection: X-Emulator-Fault and the admin fault queue. */

// CURLE_OPERATION_TIMEDOUT (28), CURLE_GOT_NOTHING (52), CURLE_PARTIAL_FILE (18) tell the faults apart.

function order_count(string $orderId, ?MspEmulator $emulator = null): int
{
    return ($emulator ?? emu())->admin('GET', 'orders?order_id=' . rawurlencode($orderId))['count'];
}

function test_delay_processes_first_so_a_timed_out_client_finds_the_order(): void
{
    $body = order_body(VISA_NO_3DS);
    $started = microtime(true);
    $response = api_curl($body, 'delay=1500', 300);
    same(CURLE_OPERATION_TIMEDOUT, $response['errno'], 'the client timed out');
    check(microtime(true) - $started < 1.0, 'after its own timeout');
    same('completed', order_data($body['order_id'])['status'], 'yet the order exists');
    $slow = api_curl(order_body(VISA_NO_3DS), 'delay=300', 5000);
    same(200, $slow['status'], 'a patient client gets the answer');
}

function test_status_fault_answers_without_processing(): void
{
    $body = order_body(VISA_NO_3DS);
    $response = api_curl($body, 'status=500');
    same(500, $response['status']);
    $json = json_decode($response['body'], true);
    same([false, 9999], [$json['success'], $json['error_code']], 'a JSON error envelope');
    same(0, order_count($body['order_id']), 'no order');
}

function test_status_fault_with_processed_creates_the_order(): void
{
    $body = order_body(VISA_NO_3DS);
    same(502, api_curl($body, 'status=502, processed')['status']);
    same(1, order_count($body['order_id']));
}

function test_status_503_with_an_html_body(): void
{
    $response = api_curl(order_body(VISA_NO_3DS), 'status=503,body=html');
    same(503, $response['status']);
    check(stripos($response['headers'], 'content-type: text/html') !== false, 'HTML content type');
    check(str_starts_with($response['body'], '<!DOCTYPE html>'), 'HTML body');
    same('', api_curl(order_body(VISA_NO_3DS), 'status=503, body=empty')['body'], 'empty body');
}

function test_non_json_answers_200_with_html(): void
{
    $body = order_body(VISA_NO_3DS);
    $response = api_curl($body, 'non-json');
    same(200, $response['status']);
    same(null, json_decode($response['body'], true), 'not JSON');
    same(0, order_count($body['order_id']), 'not processed');
    $processed = order_body(VISA_NO_3DS);
    api_curl($processed, 'non-json, processed');
    same(1, order_count($processed['order_id']), 'processed on request');
}

function test_truncated_sends_less_than_content_length(): void
{
    $body = order_body(VISA_NO_3DS);
    $response = api_curl($body, 'truncated');
    same(CURLE_PARTIAL_FILE, $response['errno'], 'the transfer closed early');
    check(preg_match('/content-length: (\d+)/i', $response['headers'], $m) === 1, 'a Content-Length header');
    check(strlen($response['body']) < (int) $m[1], 'fewer bytes than announced');
    same(1, order_count($body['order_id']), 'the order exists');
}

function test_close_after_body_creates_the_order_and_sends_nothing(): void
{
    same('ffi-shutdown', emu()->admin('GET', 'info')['close_after_body'], 'the harness runs the server with FFI');
    $body = with_notifications(order_body(VISA_NO_3DS));
    $response = api_curl($body, 'close-after-body');
    same(CURLE_GOT_NOTHING, $response['errno'], 'no response bytes at all');
    same('', $response['headers'], 'not even a status line');
    same('completed', order_data($body['order_id'])['status'], 'the order was created');
    same(1, count(received_for($body['order_id'])), 'and its notification sent');
}

function test_the_server_stays_usable_after_many_cut_connections(): void
{
    $ids = [];
    for ($i = 0; $i < 12; $i++) {
        $body = order_body(VISA_NO_3DS);
        $ids[] = $body['order_id'];
        same(CURLE_GOT_NOTHING, api_curl($body, 'close-after-body')['errno'], "cut #$i");
    }
    foreach ($ids as $id) {
        same(1, order_count($id), "order $id exists once");
    }
    same('completed', created(order_body(VISA_NO_3DS))['status'], 'normal requests still work');
}

function test_admin_fault_queue_hits_the_next_matching_requests(): void
{
    emu()->admin('POST', 'faults', ['fault' => 'status=503', 'count' => 2, 'path' => '/v1/json/orders', 'method' => 'POST']);
    same(1, count(emu()->admin('GET', 'faults')));
    api_error(get_order('x'), 1006, 404, 'GET is not affected');
    same(503, create_order(order_body(VISA_NO_3DS))['status'], 'first');
    same(503, create_order(order_body(VISA_NO_3DS))['status'], 'second');
    same(200, create_order(order_body(VISA_NO_3DS))['status'], 'the third is normal');
    same([], emu()->admin('GET', 'faults'), 'used up');
}

function test_admin_fault_exact_path_and_clear(): void
{
    $paid = created(order_body(VISA_NO_3DS));
    emu()->admin('POST', 'faults', ['fault' => 'non-json', 'count' => 5, 'path' => '/v1/json/orders', 'exact' => true]);
    same(true, emu()->api('POST', 'orders/' . rawurlencode($paid['order_id']) . '/refunds', ['currency' => 'EUR', 'amount' => 10])['json']['success'] ?? null, 'another path is not hit');
    same(null, create_order(order_body(VISA_NO_3DS))['json'], 'the exact path is');
    emu()->admin('DELETE', 'faults');
    same(true, create_order(order_body(VISA_NO_3DS))['json']['success'], 'cleared');
}

function test_header_fault_wins_over_the_queue(): void
{
    emu()->admin('POST', 'faults', ['fault' => 'status=500', 'count' => 1]);
    same(502, api_curl(order_body(VISA_NO_3DS), 'status=502')['status']);
    same(1, count(emu()->admin('GET', 'faults')), 'the queued fault is still there');
}

function test_bad_fault_specs_are_refused(): void
{
    $response = api_curl(order_body(VISA_NO_3DS), 'explode');
    same(400, $response['status']);
    check(str_contains($response['body'], 'unknown fault directive'), 'says why');
    same(400, api_curl(order_body(VISA_NO_3DS), 'status=abc')['status']);
    $admin = MspEmulator::http('POST', emu()->rootUrl() . '_emulator/faults', '{"fault":"delay=-1"}', ['Content-Type' => 'application/json']);
    same(400, $admin['status']);
}

function test_faults_are_in_the_request_log(): void
{
    api_curl(order_body(VISA_NO_3DS), 'status=503');
    $log = emu()->admin('GET', 'requests?limit=1');
    same(['status=503', 503], [$log[0]['fault'], $log[0]['http_status']]);
}

function test_close_after_body_without_ffi_kills_the_worker_and_the_server_lives_on(): void
{
    $emulator = msp_emulator_start([], ['ffi' => false, 'workers' => 2]);
    try {
        same('sigkill', $emulator->admin('GET', 'info')['close_after_body']);
        // 6 cuts kill more processes than the server has (master + 2 workers): serve.php restarts it.
        for ($i = 0; $i < 6; $i++) {
            $body = order_body(VISA_NO_3DS);
            $cut = cut_while_restarting($emulator, $body);
            same(CURLE_GOT_NOTHING, $cut['errno'], "cut #$i");
            same(1, wait_for_order_count($emulator, $body['order_id']), "order of cut #$i exists once");
        }
        check(str_contains((string) file_get_contents($emulator->logFile()), '[serve.php] restarted'), 'serve.php restarted the server');
    } finally {
        $emulator->stop();
    }
}

/**
 * POST /orders with close-after-body, sent again while nothing serves it yet: php -S serves from
 * its master process too, and from PHP 8.4 on its workers stop with the master (seen on 8.4 and
 * 8.5; 8.2 keeps them), so a cut that killed the master leaves no server until serve.php restarts
 * it. Meanwhile a call is refused (CURLE_COULDNT_CONNECT) or reset by a worker on its way out
 * (CURLE_RECV_ERROR); when the order was not made, the router never saw it and it is sent again
 * once the server answers.
 */
function cut_while_restarting(MspEmulator $emulator, array $body): array
{
    $deadline = microtime(true) + 10;
    do {
        $cut = curl_call('POST', $emulator->baseUrl() . 'orders', json_encode($body),
            ['api_key' => $emulator->apiKey(), 'Content-Type' => 'application/json', 'X-Emulator-Fault' => 'close-after-body']);
        $retry = in_array($cut['errno'], [CURLE_COULDNT_CONNECT, CURLE_RECV_ERROR], true)
            && wait_for_order_count($emulator, $body['order_id']) === 0 && microtime(true) < $deadline;
    } while ($retry);
    return $cut;
}

/** Counts an order, waiting (bounded) while serve.php restarts a server that lost all its workers. */
function wait_for_order_count(MspEmulator $emulator, string $orderId): int
{
    $deadline = microtime(true) + 10;
    while (true) {
        try {
            return order_count($orderId, $emulator);
        } catch (RuntimeException $e) {
            if (microtime(true) > $deadline) {
                throw $e;
            }
            usleep(100000);
        }
    }
}

// ---- commit-after: the order becomes visible later ------------------------------------------

/** Polls GET /orders/{id} until it answers 200 (bounded); returns the seconds it took. */
function seconds_until_visible(string $orderId, float $limit = 10.0): float
{
    $started = microtime(true);
    while (get_order($orderId)['status'] !== 200) {
        if (microtime(true) - $started > $limit) {
            fail("order $orderId not visible after $limit s");
        }
        usleep(20000);
    }
    return microtime(true) - $started;
}

function test_commit_after_answers_the_fault_at_once_and_shows_the_order_later(): void
{
    $body = with_notifications(order_body(VISA_NO_3DS));
    $started = microtime(true);
    $response = api_curl($body, 'status=502, body=html, commit-after=1200');
    same(502, $response['status'], 'the gateway page');
    check(str_starts_with($response['body'], '<!DOCTYPE html>'), 'an HTML body');
    check(microtime(true) - $started < 0.8, 'at once, not after the commit');
    api_error(get_order($body['order_id']), 1006, 404, 'a look-up right away finds nothing');
    $admin = emu()->admin('GET', 'orders?order_id=' . rawurlencode($body['order_id']));
    same([1, false, 'completed'], [$admin['count'], $admin['orders'][0]['visible'], $admin['orders'][0]['status']], 'the admin API sees the stored order');
    usleep(300000);
    same([], received_for($body['order_id'], 0), 'no notification for an order nobody can see');
    $waited = seconds_until_visible($body['order_id']);
    check(microtime(true) - $started >= 1.2, 'visible only after 1200 ms');
    check($waited < 2.0, 'and soon after that');
    $order = order_data($body['order_id']);
    same(['completed', 10000], [$order['status'], $order['amount']]);
    $notified = received_for($body['order_id']);
    same(1, count($notified), 'one notification, once visible');
    same('completed', json_decode($notified[0]['body'], true)['status']);
}

function test_commit_after_with_each_kind_of_answer(): void
{
    $cases = [
        'status=504, commit-after=500' => static fn (array $r) => same(504, $r['status']),
        'status=500, body=json, commit-after=500' => static fn (array $r) => same([500, 9999], [$r['status'], json_decode($r['body'], true)['error_code']]),
        'close-after-body, commit-after=500' => static fn (array $r) => same(CURLE_GOT_NOTHING, $r['errno']),
        'truncated, commit-after=500' => static fn (array $r) => same(CURLE_PARTIAL_FILE, $r['errno']),
        'non-json, commit-after=500' => static fn (array $r) => same([200, null], [$r['status'], json_decode($r['body'], true)]),
        'commit-after=500' => static fn (array $r) => same(true, json_decode($r['body'], true)['success']),
    ];
    foreach ($cases as $fault => $expect) {
        $body = order_body(VISA_NO_3DS);
        $expect(api_curl($body, $fault));
        api_error(get_order($body['order_id']), 1006, 404, "$fault: hidden at first");
        seconds_until_visible($body['order_id']);
        same('completed', order_data($body['order_id'])['status'], "$fault: then committed");
        same(1, order_count($body['order_id']), "$fault: once");
    }
}

function test_a_second_post_before_the_late_commit_waits_and_gets_1006(): void
{
    $body = order_body(VISA_NO_3DS);
    same(503, api_curl($body, 'status=503, commit-after=1500')['status']);
    $started = microtime(true);
    $again = create_order($body);
    $took = microtime(true) - $started;
    api_error($again, 1006, 400, 'the resend is refused as a duplicate');
    check($took >= 1.2, sprintf('only once the first is committed (answered after %.2f s)', $took));
    same(200, get_order($body['order_id'])['status'], 'which a GET then finds');
    same(1, order_count($body['order_id']), 'never two orders with one id');
    $took = microtime(true);
    api_error(create_order($body), 1006, 400, 'a third POST');
    check(microtime(true) - $took < 0.5, 'answers at once');
}

function test_commit_after_keeps_a_3ds_order_and_its_acs_page_hidden(): void
{
    $body = order_body(VISA_3DS);
    same(502, api_curl($body, 'status=502, body=html, commit-after=800')['status']);
    $hidden = emu()->admin('GET', 'orders/' . rawurlencode($body['order_id']));
    $page = MspEmulator::http('GET', $hidden['order']['payment_url']);
    same(404, $page['status'], 'no ACS page for a hidden order');
    seconds_until_visible($body['order_id']);
    $order = order_data($body['order_id']);
    same('initialized', $order['status']);
    check(str_contains((string) $order['payment_url'], '/_emulator/acs/'), 'payment_url is the ACS page');
    same(302, emu()->acs($body['order_id'], 'authenticate')['status'], 'the challenge works once visible');
    same('completed', order_data($body['order_id'])['status']);
}

function test_commit_after_follows_the_emulator_clock(): void
{
    $body = order_body(VISA_NO_3DS);
    api_curl($body, 'status=502, commit-after=100000');
    api_error(get_order($body['order_id']), 1006, 404);
    emu()->advance(99);
    api_error(get_order($body['order_id']), 1006, 404, '99 s later');
    emu()->advance(2);
    same('completed', order_data($body['order_id'])['status'], '101 s later');
}

function test_commit_after_survives_a_server_restart(): void
{
    $db = tempnam(sys_get_temp_dir(), 'msp-emu-late-');
    $first = msp_emulator_start([], ['db' => $db, 'workers' => 2]);
    $body = order_body(VISA_NO_3DS);
    try {
        $posted = microtime(true);
        $cut = curl_call('POST', $first->baseUrl() . 'orders', json_encode($body),
            ['api_key' => $first->apiKey(), 'Content-Type' => 'application/json', 'X-Emulator-Fault' => 'close-after-body, commit-after=4000']);
        same(CURLE_GOT_NOTHING, $cut['errno']);
    } finally {
        $first->stop();
    }
    $second = msp_emulator_start([], ['db' => $db, 'workers' => 2]);
    try {
        $get = static fn (): array => $second->api('GET', 'orders/' . rawurlencode($body['order_id']));
        if (microtime(true) - $posted < 3.5) { // a slow machine may take longer to restart: then only the end counts
            same(404, $get()['status'], 'still hidden after the restart');
        }
        $deadline = microtime(true) + 10;
        while ($get()['status'] !== 200 && microtime(true) < $deadline) {
            usleep(50000);
        }
        same([200, 'completed'], [$get()['status'], $get()['json']['data']['status'] ?? null], 'the restarted server reveals it');
    } finally {
        $second->stop();
        foreach ([$db, "$db-wal", "$db-shm"] as $file) {
            @unlink($file);
        }
    }
}

function test_commit_after_needs_a_value_in_range(): void
{
    same(400, api_curl(order_body(VISA_NO_3DS), 'commit-after=soon')['status']);
    same(400, api_curl(order_body(VISA_NO_3DS), 'commit-after=120001')['status']);
    same(400, api_curl(order_body(VISA_NO_3DS), 'commit-after')['status']);
}

function test_a_queued_fault_can_aim_at_one_order_id(): void
{
    $target = order_body(VISA_NO_3DS);
    emu()->admin('POST', 'faults', ['fault' => 'status=500, processed', 'path' => '/v1/json/orders', 'method' => 'POST', 'order_id' => $target['order_id']]);
    same(200, create_order(order_body(VISA_NO_3DS))['status'], 'another order is not hit');
    same(500, create_order($target)['status'], 'the order it aims at is');
    api_error(create_order($target), 1006, 400, 'once: the resend gets the ordinary duplicate answer');
    $paid = created(order_body(VISA_NO_3DS));
    emu()->admin('POST', 'faults', ['fault' => 'status=503', 'path' => '/v1/json/orders/', 'order_id' => $paid['order_id']]);
    same(200, get_order(created(order_body(VISA_NO_3DS))['order_id'])['status'], 'the id in the path of another order');
    same(503, get_order($paid['order_id'])['status'], 'the id in the path');
    same([], emu()->admin('GET', 'faults'), 'both used up');
}
