<?php

declare(strict_types=1);

/* Notifications: URL and method, signature, retries on the emulator clock, the delivery log, replay, duplicate, reorder. */

function notifications_of(string $orderId): array
{
    return emu()->admin('GET', 'notifications?order_id=' . rawurlencode($orderId));
}

function test_get_notification_appends_transactionid_and_timestamp(): void
{
    $o = created(with_notifications(order_body(VISA_NO_3DS), 'GET', '/hook?shop=1'));
    $n = received_for($o['order_id'])[0];
    same('GET', $n['method']);
    same('', $n['body'], 'no body');
    check(!isset($n['headers']['auth']), 'no Auth header on GET');
    same('/hook?shop=1&transactionid=' . rawurlencode($o['order_id']) . '&timestamp=' . $n['query']['timestamp'], $n['uri'], '"&" after an existing query');
    check(abs((int) $n['query']['timestamp'] - emu()->admin('GET', 'clock')['now']) <= 2, 'timestamp is emulator time');
    $plain = created(with_notifications(order_body(VISA_NO_3DS), 'GET', '/hook'));
    check(str_starts_with(received_for($plain['order_id'])[0]['uri'], '/hook?transactionid='), '"?" when the URL has no query');
}

function test_notification_method_defaults_to_get(): void
{
    $body = order_body(VISA_NO_3DS, ['payment_options' => ['notification_url' => sink()->url('/n')]]);
    $o = created($body);
    same('GET', received_for($o['order_id'])[0]['method']);
}

function test_post_notification_is_the_signed_order_object(): void
{
    $o = created(with_notifications(order_body(VISA_NO_3DS)));
    $n = received_for($o['order_id'])[0];
    same('POST', $n['method']);
    same('application/json', $n['headers']['content-type'] ?? null);
    assert_signed($n, emu()->apiKey());
    $body = json_decode($n['body'], true);
    same([$o['order_id'], $o['transaction_id'], 'completed', 'completed'], [$body['order_id'], $body['transaction_id'], $body['status'], $body['financial_status']]);
    same(array_keys($o), array_keys($body), 'the same fields as the API\'s order object');
}

function test_signature_uses_the_trimmed_key_of_the_site(): void
{
    site(['api_key' => '  padded-key  '], 'padded');
    $body = with_notifications(order_body(VISA_NO_3DS));
    ok_data(emu()->api('POST', 'orders', $body, ['api_key' => 'padded-key']));
    assert_signed(received_for($body['order_id'])[0], 'padded-key');
}

function test_delivery_is_synchronous_with_the_status_change(): void
{
    $o = created(with_notifications(order_body(VISA_NO_3DS)));
    same(1, count(sink()->received()), 'received before the create call returned');
    same('delivered', notifications_of($o['order_id'])[0]['state']);
}

function test_failed_delivery_is_retried_on_the_site_schedule(): void
{
    site(['notification_retry_seconds' => 60]);
    sink()->respond(500, 'broken', 2);
    $o = created(with_notifications(order_body(VISA_NO_3DS)));
    same(['pending', 1], [notifications_of($o['order_id'])[0]['state'], notifications_of($o['order_id'])[0]['attempts']]);
    emu()->advance(45); // well short of 60 s: the emulator's clock also moves with real time
    same(1, count(received_for($o['order_id'])), 'no retry before 60 s');
    emu()->advance(16);
    same(2, count(received_for($o['order_id'], 2)), 'first retry');
    emu()->advance(61);
    $received = received_for($o['order_id'], 3);
    same(3, count($received), 'second retry');
    $log = notifications_of($o['order_id'])[0];
    same(['delivered', 3], [$log['state'], $log['attempts']]);
    same([500, 500, 200], array_column($log['deliveries'], 'http_status'));
    check($received[1]['query']['timestamp'] !== $received[0]['query']['timestamp'], 'each attempt has a new timestamp');
    assert_signed($received[2], emu()->apiKey());
    emu()->advance(600);
    same(3, count(sink()->received()), 'nothing after success');
}

function test_retries_stop_after_three(): void
{
    site(['notification_retry_seconds' => 10]);
    sink()->respond(503, 'down');
    $o = created(with_notifications(order_body(VISA_NO_3DS)));
    emu()->advance(3600);
    $log = notifications_of($o['order_id'])[0];
    same(['failed', 4], [$log['state'], $log['attempts']], '1 attempt + 3 retries');
    same(4, count(received_for($o['order_id'], 4)));
}

function test_default_schedule_is_fifteen_minutes(): void
{
    sink()->respond(500, 'no', 1);
    $o = created(with_notifications(order_body(VISA_NO_3DS)));
    // The emulator's clock is the real one plus the advances, so a slow moment between the create
    // and this check counts too: stop 20 s short of the retry instead of 1 s.
    emu()->advance(880);
    same(1, count(sink()->received()), 'not before 15 minutes');
    emu()->advance(25);
    same('delivered', notifications_of($o['order_id'])[0]['state']);
}

function test_anything_but_200_OK_is_a_failure(): void
{
    sink()->respond(200, 'ok, thanks', 1);
    $o = created(with_notifications(order_body(VISA_NO_3DS)));
    $log = notifications_of($o['order_id'])[0];
    same(['pending', false, 'ok, thanks'], [$log['state'], $log['deliveries'][0]['ok'], $log['deliveries'][0]['response']]);
    sink()->respond(302, '', 1);
    $o2 = created(with_notifications(order_body(VISA_NO_3DS)));
    same('pending', notifications_of($o2['order_id'])[0]['state'], 'a redirect is a failure, not followed');
}

function test_unreachable_shop_is_logged_as_an_error(): void
{
    $o = created(order_body(VISA_NO_3DS, ['payment_options' => ['notification_url' => 'http://127.0.0.1:9/closed-port', 'notification_method' => 'POST']]));
    $delivery = notifications_of($o['order_id'])[0]['deliveries'][0];
    same(null, $delivery['http_status']);
    check(is_string($delivery['error']) && $delivery['error'] !== '', 'the error is logged');
}

function test_delivery_log_holds_every_attempt_in_full(): void
{
    $o = created(with_notifications(order_body(VISA_NO_3DS)));
    $log = notifications_of($o['order_id']);
    same(1, count($log));
    $d = $log[0]['deliveries'][0];
    same(['POST', 200, 'OK', true], [$d['method'], $d['http_status'], $d['response'], $d['ok']]);
    same(received_for($o['order_id'])[0]['body'], $d['body'], 'the body as sent');
    same(received_for($o['order_id'])[0]['headers']['auth'], $d['auth'], 'the Auth header as sent');
    check(str_contains($d['url'], 'timestamp=' . $d['timestamp']), 'url and timestamp');
    same([], emu()->admin('GET', 'notifications?order_id=other'), 'filtered by order_id');
}

function test_replay_sends_again_with_a_new_timestamp(): void
{
    $o = created(with_notifications(order_body(VISA_NO_3DS)));
    $id = notifications_of($o['order_id'])[0]['id'];
    emu()->advance(120);
    $replay = emu()->admin('POST', "notifications/$id/replay");
    same('replay', $replay['kind']);
    $received = received_for($o['order_id'], 2);
    same(2, count($received));
    check((int) $received[1]['query']['timestamp'] >= (int) $received[0]['query']['timestamp'] + 120, 'new timestamp');
    same($received[0]['body'], $received[1]['body'], 'the same body');
    assert_signed($received[1], emu()->apiKey());
}

function test_duplicate_delivers_copies(): void
{
    $o = created(with_notifications(order_body(VISA_NO_3DS)));
    $id = notifications_of($o['order_id'])[0]['id'];
    $copies = emu()->admin('POST', "notifications/$id/duplicate", ['count' => 2]);
    same(2, count($copies));
    same("duplicate of #$id", $copies[0]['origin']);
    same(3, count(received_for($o['order_id'], 3)));
    same(3, count(notifications_of($o['order_id'])));
}

function test_held_notifications_are_delivered_in_the_order_given(): void
{
    site(['notifications_hold' => true]);
    $o = created(with_notifications(order_body(VISA_UNCLEARED_COMPLETED)));
    emu()->acs($o['order_id'], 'authenticate');
    emu()->advance(600);
    same([], sink()->received(), 'held: nothing delivered');
    $log = notifications_of($o['order_id']);
    same(['uncleared', 'completed'], array_column($log, 'order_status'));
    same(['held', 'held'], array_column($log, 'state'));
    emu()->admin('POST', 'notifications/deliver', ['ids' => [$log[1]['id'], $log[0]['id']]]);
    $statuses = array_map(static fn (array $n): string => json_decode($n['body'], true)['status'], received_for($o['order_id'], 2));
    same(['completed', 'uncleared'], $statuses, 'the shop sees the later state first');
    same(['delivered', 'delivered'], array_column(notifications_of($o['order_id']), 'state'));
}

function test_release_delivers_held_notifications_in_creation_order(): void
{
    site(['notifications_hold' => true]);
    $a = created(with_notifications(order_body(VISA_NO_3DS)));
    $b = created(with_notifications(order_body(VISA_NO_3DS)));
    emu()->admin('POST', 'notifications/release', []);
    same([$a['order_id'], $b['order_id']], array_map(static fn (array $n): string => $n['query']['transactionid'], sink()->waitFor(2)));
}

function test_process_endpoint_runs_due_retries_and_api_calls_do_not(): void
{
    site(['notification_retry_seconds' => 1]);
    sink()->respond(500, 'no', 1);
    $o = created(with_notifications(order_body(VISA_NO_3DS)));
    usleep(1200000);
    order_data($o['order_id']);
    same(1, count(sink()->received()), 'an API call does not run notification retries');
    $result = emu()->admin('POST', 'notifications/process');
    same(1, $result['processed']);
    same(2, count(sink()->received()));
    same('delivered', notifications_of($o['order_id'])[0]['state']);
}

function test_every_status_change_is_notified(): void
{
    $o = created(with_notifications(order_body(VISA_NO_3DS)));
    $r = ok_data(emu()->api('POST', 'orders/' . rawurlencode($o['order_id']) . '/refunds', ['currency' => 'EUR', 'amount' => 100]));
    ok_data(emu()->api('PATCH', 'orders/' . rawurlencode($o['order_id']) . '/refunds/' . $r['refund_id'], ['status' => 'void']));
    $statuses = array_map(static fn (array $n): string => json_decode($n['body'], true)['status'], received_for($o['order_id'], 3));
    same(['completed', 'partial_refunded', 'completed'], $statuses);
    $cancelled = created(with_notifications(order_body(VISA_3DS)));
    ok_data(emu()->api('PATCH', 'orders/' . rawurlencode($cancelled['order_id']), ['status' => 'cancelled', 'exclude_order' => true]));
    same('void', json_decode(received_for($cancelled['order_id'])[0]['body'], true)['status']);
}

function test_notification_bodies_follow_mixed_types(): void
{
    site(['mixed_types' => true]);
    $o = created(with_notifications(order_body(VISA_NO_3DS)));
    $body = json_decode(received_for((string) $o['order_id'])[0]['body'], true);
    same('10000', $body['amount']);
    same(3335, $body['payment_details']['last4']);
}

function test_admin_notification_endpoints_refuse_bad_input(): void
{
    $base = emu()->rootUrl() . '_emulator/notifications';
    same(404, MspEmulator::http('POST', "$base/999/replay")['status']);
    same(404, MspEmulator::http('GET', "$base/999")['status']);
    same(400, MspEmulator::http('POST', "$base/deliver", '{"ids":"1"}', ['Content-Type' => 'application/json'])['status']);
    same(404, MspEmulator::http('POST', "$base/deliver", '{"ids":[999]}', ['Content-Type' => 'application/json'])['status']);
}

function test_a_notification_lost_with_its_process_is_sent_at_the_first_retry(): void
{
    $db = tempnam(sys_get_temp_dir(), 'msp-emu-guard-');
    $trap = stream_socket_server('tcp://127.0.0.1:0'); // accepts into its backlog, never answers
    $hook = 'http://' . stream_socket_get_name($trap, false) . '/hook';
    $body = merge_overrides(order_body(VISA_NO_3DS), ['payment_options' => ['notification_url' => $hook, 'notification_method' => 'POST']]);
    $first = msp_emulator_start(['notification_timeout_ms' => 10000], ['db' => $db, 'workers' => 2]);
    try {
        $call = curl_call('POST', $first->baseUrl() . 'orders', json_encode($body), ['api_key' => $first->apiKey(), 'Content-Type' => 'application/json'], 800);
        same(CURLE_OPERATION_TIMEDOUT, $call['errno'], 'the order waits on its notification');
    } finally {
        $first->stop(); // the worker dies while it delivers: no attempt is recorded
    }
    $second = msp_emulator_start([], ['db' => $db, 'workers' => 2]);
    try {
        $second->admin('POST', 'sites', ['site' => 'default', 'notification_timeout_ms' => 300]);
        $log = static fn (): array => $second->admin('GET', 'notifications?order_id=' . rawurlencode($body['order_id']))[0];
        same(['pending', 0], [$log()['state'], $log()['attempts']], 'committed, never attempted');
        $second->advance(880); // the notification was queued a few seconds ago: its retry time is still ahead
        same(0, $log()['attempts'], 'not before the first retry time');
        $second->advance(30);
        same([1, 'retry'], [$log()['attempts'], $log()['deliveries'][0]['kind'] ?? null], 'attempted at the first retry time');
    } finally {
        $second->stop();
        fclose($trap);
        foreach ([$db, "$db-wal", "$db-shm"] as $file) {
            @unlink($file);
        }
    }
}
