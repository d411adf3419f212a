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
    same($o['transaction_id'], $data['transaction_id'], 'transaction_id is the order\'s PSP id');
    check(is_int($data['refund_id']) && strlen((string) $data['refund_id']) === 16 && $data['refund_id'] !== $o['transaction_id'], 'refund_id is the refund\'s own PSP id');
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
