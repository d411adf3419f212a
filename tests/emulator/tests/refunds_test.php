<?php

declare(strict_types=1);

/* POST /orders/{id}/refunds and PATCH /orders/{id}/refunds/{refund_id}: every rule of api.md §3. */

function refund(string $orderId, array $body): array
{
    return emu()->api('POST', 'orders/' . rawurlencode($orderId) . '/refunds', $body);
}

function paid_order(int $amount = 10000, array $overrides = []): array
{
    return created(order_body(VISA_NO_3DS, ['amount' => $amount] + $overrides));
}

function test_partial_then_remaining_refund(): void
{
    $o = paid_order();
    $data = ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 2500, 'description' => 'one item']));
    same($o['order_id'], $data['order_id'], 'order_id names the order');
    check(is_int($data['refund_id']) && strlen((string) $data['refund_id']) === 16 && $data['refund_id'] !== $o['transaction_id'], 'refund_id is the refund\'s own PSP id');
    same($data['refund_id'], $data['transaction_id'], 'transaction_id is the refund transaction\'s id, not the order\'s');
    $after = order_data($o['order_id']);
    same(['partial_refunded', 'completed', 2500], [$after['status'], $after['financial_status'], $after['amount_refunded']]);
    $r = $after['related_transactions'][0];
    same(['refund', 2500, 'EUR', 'reserved', $data['refund_id'], 'one item'], [$r['type'], $r['amount'], $r['currency'], $r['status'], $r['transaction_id'], $r['description']]);
    ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 7500]));
    $after = order_data($o['order_id']);
    same(['refunded', 10000], [$after['status'], $after['amount_refunded']]);
    api_error(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 1]), 1034, 400, 'nothing left');
}

function test_omitted_or_zero_amount_refunds_the_remainder(): void
{
    $a = paid_order();
    ok_data(refund($a['order_id'], ['currency' => 'EUR', 'amount' => 1000]));
    ok_data(refund($a['order_id'], ['currency' => 'EUR']));
    same([10000, 'refunded'], [order_data($a['order_id'])['amount_refunded'], order_data($a['order_id'])['status']], 'omitted amount');
    $b = paid_order();
    ok_data(refund($b['order_id'], ['currency' => 'EUR', 'amount' => 0]));
    same(10000, order_data($b['order_id'])['amount_refunded'], 'amount 0');
    $c = paid_order();
    ok_data(refund($c['order_id'], ['currency' => 'EUR', 'amount' => '']));
    same(10000, order_data($c['order_id'])['amount_refunded'], 'empty amount');
}

function test_cumulative_refunds_cannot_exceed_the_paid_amount(): void
{
    $o = paid_order();
    ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 6000]));
    $info = api_error(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 4001]), 1034);
    check(str_contains($info, '4000'), 'the refusal names what is left');
    ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 4000]));
    api_error(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 20000]), 1034, 400, 'more than the order');
}

function test_refund_currency_and_amount_checks(): void
{
    $o = paid_order();
    api_error(refund($o['order_id'], ['currency' => 'USD', 'amount' => 100]), 1034, 400, 'other currency');
    api_error(refund($o['order_id'], ['currency' => 'XYZ', 'amount' => 100]), 1002, 400, 'not a currency');
    api_error(refund($o['order_id'], ['amount' => 100]), 1016, 400, 'no currency');
    api_error(refund($o['order_id'], ['currency' => 'EUR', 'amount' => -100]), 1001, 400, 'negative');
    api_error(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 1.5]), 1001, 400, 'not an integer');
    ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => '500']));
    same(500, order_data($o['order_id'])['amount_refunded'], 'a numeric string amount, as in the docs\' example');
}

function test_same_amount_twice_within_five_minutes_is_refused(): void
{
    $o = paid_order();
    ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 1000]));
    api_error(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 1000]), 1034, 400, 'same amount at once');
    ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 1001]));
    emu()->advance(290);
    api_error(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 1000]), 1034, 400, 'same amount after 290 s');
    emu()->advance(11);
    ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 1000]));
}

function test_a_voided_refund_does_not_block_the_same_amount(): void
{
    $o = paid_order();
    $r = ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 1000]));
    ok_data(emu()->api('PATCH', 'orders/' . rawurlencode($o['order_id']) . '/refunds/' . $r['refund_id'], ['status' => 'void']));
    ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 1000]));
}

function test_only_paid_orders_can_be_refunded(): void
{
    $open = created(order_body(VISA_3DS));
    api_error(refund($open['order_id'], ['currency' => 'EUR', 'amount' => 100]), 1034, 400, 'initialized');
    site(['dynamic_3d_rules' => SKIP_ALL]);
    $declined = created(order_body(VISA_NO_FUNDS));
    api_error(refund($declined['order_id'], ['currency' => 'EUR', 'amount' => 100]), 1034, 400, 'declined');
    $uncleared = created(order_body(VISA_UNCLEARED_COMPLETED));
    api_error(refund($uncleared['order_id'], ['currency' => 'EUR', 'amount' => 100]), 1034, 400, 'uncleared');
    api_error(refund('no-such-order', ['currency' => 'EUR', 'amount' => 100]), 1006, 404, 'unknown order');
}

function test_card_refunds_only_within_180_days(): void
{
    $o = paid_order();
    emu()->advance(179 * 86400);
    ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 100]));
    emu()->advance(2 * 86400);
    $info = api_error(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 200]), 1034);
    check(str_contains($info, '180'), 'the refusal names the 180 days');
}

function test_reserved_refund_completes_at_midnight(): void
{
    $now = emu()->admin('GET', 'clock')['now'];
    $midnight = intdiv($now, 86400) * 86400 + 86400;
    emu()->admin('POST', 'clock', ['set' => $midnight - 120]);
    $o = created(with_notifications(order_body(VISA_NO_3DS)));
    $r = ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 3000]));
    emu()->advance(100);
    same('reserved', order_data($o['order_id'])['related_transactions'][0]['status'], 'still reserved before midnight');
    emu()->advance(30);
    $after = order_data($o['order_id']);
    same(['completed', (string) $r['refund_id']], [$after['related_transactions'][0]['status'], (string) $after['related_transactions'][0]['transaction_id']]);
    same(['partial_refunded', 3000], [$after['status'], $after['amount_refunded']], 'the order stays partially refunded');
    same(gmdate('Y-m-d\TH:i:s', $midnight), $after['related_transactions'][0]['modified'], 'completed at midnight');
    $bodies = array_map(static fn (array $n): array => json_decode($n['body'], true), received_for($o['order_id'], 3));
    same(['completed', 'partial_refunded', 'partial_refunded'], array_column($bodies, 'status'), 'notified on payment, refund and completion');
    same('completed', $bodies[2]['related_transactions'][0]['status']);
}

function test_cancel_a_reserved_refund(): void
{
    $o = paid_order();
    $r = ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 10000]));
    same('refunded', order_data($o['order_id'])['status']);
    $path = 'orders/' . rawurlencode($o['order_id']) . '/refunds/' . $r['refund_id'];
    ok_data(emu()->api('PATCH', $path, ['status' => 'void']));
    $after = order_data($o['order_id']);
    same(['completed', 0, 'void'], [$after['status'], $after['amount_refunded'], $after['related_transactions'][0]['status']]);
    api_error(emu()->api('PATCH', $path, ['status' => 'void']), 1034, 400, 'already void');
    api_error(emu()->api('PATCH', 'orders/' . rawurlencode($o['order_id']) . '/refunds/1234567890123456', ['status' => 'void']), 1033, 404, 'unknown refund');
    api_error(emu()->api('PATCH', $path, ['status' => 'completed']), 1016, 400, 'only void');
}

function test_a_completed_refund_cannot_be_cancelled(): void
{
    $o = paid_order();
    $r = ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 500]));
    emu()->advance(86401);
    $info = api_error(emu()->api('PATCH', 'orders/' . rawurlencode($o['order_id']) . '/refunds/' . $r['refund_id'], ['status' => 'void']), 1034);
    check(str_contains($info, 'completed'), 'the refusal says the refund is completed');
}

function test_refunds_in_mixed_types_mode(): void
{
    site(['mixed_types' => true]);
    $o = paid_order();
    $data = ok_data(refund((string) $o['order_id'], ['currency' => 'EUR', 'amount' => 100]));
    check(is_string($data['transaction_id']) && is_string($data['refund_id']), 'ids as strings');
    same('100', order_data((string) $o['order_id'])['related_transactions'][0]['amount'], 'related amount as a string');
}

// ---- The answer's shape and faults on refunds ------------------------------------------------------

function test_the_documented_refund_answer_without_refund_id(): void
{
    site(['refund_id_in_answer' => false]);
    $o = paid_order();
    $data = ok_data(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 1500]));
    same(['order_id', 'transaction_id'], array_keys($data), 'exactly the docs\' example');
    same($o['order_id'], $data['order_id']);
    check($data['transaction_id'] !== $o['transaction_id'], 'transaction_id is not the order\'s');
    $related = order_data($o['order_id'])['related_transactions'];
    same([[$data['transaction_id'], 'refund', 1500]], array_map(static fn (array $t): array => [$t['transaction_id'], $t['type'], $t['amount']], $related),
        'the order lists the refund transaction under that id');
}

/** POST /orders/{id}/refunds with an X-Emulator-Fault header. */
function refund_with_fault(string $orderId, array $body, string $fault, int $timeoutMs = 10000): array
{
    return curl_call('POST', emu()->baseUrl() . 'orders/' . rawurlencode($orderId) . '/refunds', json_encode($body),
        ['api_key' => emu()->apiKey(), 'Content-Type' => 'application/json', 'X-Emulator-Fault' => $fault], $timeoutMs);
}

function refund_state(string $orderId): array
{
    $o = order_data($orderId);
    return [$o['status'], $o['amount_refunded'], count($o['related_transactions'] ?? [])];
}

function test_refund_faults_commit_exactly_as_processed_says(): void
{
    $cases = [
        // fault => [what the client sees, committed?]
        'status=500' => [static fn (array $r) => same(500, $r['status']), false],
        'status=503, body=html' => [static fn (array $r) => same(503, $r['status']), false],
        'non-json' => [static fn (array $r) => same(200, $r['status']), false],
        'status=500, processed' => [static fn (array $r) => same([500, 9999], [$r['status'], json_decode($r['body'], true)['error_code']]), true],
        'status=502, body=html, processed' => [static fn (array $r) => same(502, $r['status']), true],
        'non-json, processed' => [static fn (array $r) => same(null, json_decode($r['body'], true)), true],
        'close-after-body' => [static fn (array $r) => same(CURLE_GOT_NOTHING, $r['errno']), true],
        'truncated' => [static fn (array $r) => same(CURLE_PARTIAL_FILE, $r['errno']), true],
        'delay=1500' => [static fn (array $r) => same(CURLE_OPERATION_TIMEDOUT, $r['errno']), true],
    ];
    foreach ($cases as $fault => [$expect, $committed]) {
        $o = with_notifications(order_body(VISA_NO_3DS));
        created($o);
        $expect(refund_with_fault($o['order_id'], ['currency' => 'EUR', 'amount' => 2500], $fault, 800));
        $expected = $committed ? ['partial_refunded', 2500, 1] : ['completed', 0, 0];
        same($expected, refund_state($o['order_id']), "$fault: the order");
        $statuses = array_map(static fn (array $n): string => json_decode($n['body'], true)['status'], received_for($o['order_id'], $committed ? 2 : 1));
        same($committed ? ['completed', 'partial_refunded'] : ['completed'], $statuses, "$fault: notifications");
    }
}

function test_refund_commit_after_hides_the_refund_then_applies_it(): void
{
    $o = with_notifications(order_body(VISA_NO_3DS));
    created($o);
    $started = microtime(true);
    $answer = refund_with_fault($o['order_id'], ['currency' => 'EUR', 'amount' => 4000], 'status=504, body=html, commit-after=1200');
    same(504, $answer['status']);
    check(microtime(true) - $started < 0.8, 'the fault answers at once');
    same(['completed', 0, 0], refund_state($o['order_id']), 'nothing visible yet');
    api_error(refund($o['order_id'], ['currency' => 'EUR', 'amount' => 6001]), 1034, 400, 'yet the hidden refund counts: no more than what is left');
    $deadline = microtime(true) + 10;
    while (refund_state($o['order_id'])[1] === 0 && microtime(true) < $deadline) {
        usleep(20000);
    }
    check(microtime(true) - $started >= 1.2, 'visible only after 1200 ms');
    same(['partial_refunded', 4000, 1], refund_state($o['order_id']), 'then amount_refunded, status and related_transactions');
    $related = order_data($o['order_id'])['related_transactions'][0];
    same(['refund', 'reserved', 4000], [$related['type'], $related['status'], $related['amount']]);
    $statuses = array_map(static fn (array $n): string => json_decode($n['body'], true)['status'], received_for($o['order_id'], 2));
    same(['completed', 'partial_refunded'], $statuses, 'the refund\'s notification once visible');
    emu()->advance(86401);
    same('completed', order_data($o['order_id'])['related_transactions'][0]['status'], 'it completes at midnight like any refund');
}

function test_refund_commit_after_with_close_after_body_and_truncated(): void
{
    foreach (['close-after-body, commit-after=600' => CURLE_GOT_NOTHING, 'truncated, commit-after=600' => CURLE_PARTIAL_FILE] as $fault => $errno) {
        $o = paid_order();
        same($errno, refund_with_fault($o['order_id'], ['currency' => 'EUR', 'amount' => 10000], $fault)['errno'], $fault);
        same(['completed', 0, 0], refund_state($o['order_id']), "$fault: hidden at first");
        usleep(700000);
        same(['refunded', 10000, 1], refund_state($o['order_id']), "$fault: then committed");
    }
}

function test_a_hidden_refund_cannot_be_cancelled_yet(): void
{
    site(['refund_id_in_answer' => true]);
    $o = paid_order();
    $answer = refund_with_fault($o['order_id'], ['currency' => 'EUR', 'amount' => 1000], 'commit-after=800');
    $refundId = json_decode($answer['body'], true)['data']['refund_id'];
    $path = 'orders/' . rawurlencode($o['order_id']) . '/refunds/' . $refundId;
    api_error(emu()->api('PATCH', $path, ['status' => 'void']), 1033, 404, 'unknown while hidden');
    usleep(900000);
    ok_data(emu()->api('PATCH', $path, ['status' => 'void']));
    same(['completed', 0, 1], refund_state($o['order_id']), 'void once visible');
}
