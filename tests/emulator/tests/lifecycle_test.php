<?php

declare(strict_types=1);

/* The emulator clock and what it drives: uncleared resolution, expiries, own-MID Amex, manual capture, chargebacks. */

function advance(int $seconds): array
{
    return emu()->advance($seconds);
}

function status_of(string $orderId): array
{
    $o = order_data($orderId);
    return [$o['status'], $o['financial_status']];
}

function test_clock_get_advance_and_set(): void
{
    $before = emu()->admin('GET', 'clock');
    check(abs($before['now'] - time()) <= 2, 'starts at real time');
    $after = advance(3600);
    check($after['now'] - $before['now'] >= 3600 && $after['now'] - $before['now'] <= 3602, 'advanced one hour');
    same(3600, $after['offset']);
    $set = emu()->admin('POST', 'clock', ['set' => 2000000000]);
    check(abs($set['now'] - 2000000000) <= 1, 'set to a moment');
    same('2033-05-18T03:33:2', substr(emu()->admin('GET', 'clock')['iso'], 0, 18), 'iso form');
    $back = MspEmulator::http('POST', emu()->rootUrl() . '_emulator/clock', '{"advance":-5}', ['Content-Type' => 'application/json']);
    same(400, $back['status'], 'advance cannot go back');
}

function test_created_follows_the_emulator_clock(): void
{
    emu()->admin('POST', 'clock', ['set' => 1893456000]); // 2030-01-01T00:00:00
    $o = created(order_body(VISA_NO_3DS));
    check(str_starts_with($o['created'], '2030-01-01T00:00:0'), 'created uses emulator time: ' . $o['created']);
}

function test_uncleared_visa_turns_void_after_ten_minutes(): void
{
    site(['dynamic_3d_rules' => SKIP_ALL]);
    $o = created(with_notifications(order_body(VISA_UNCLEARED_VOID)));
    advance(598);
    same(['uncleared', 'uncleared'], status_of($o['order_id']), 'still uncleared before 10 minutes');
    $clock = advance(3);
    check($clock['processed'] >= 1, 'the advance ran the resolution');
    same(['void', 'void'], status_of($o['order_id']));
    $statuses = array_map(static fn (array $n): string => json_decode($n['body'], true)['status'], received_for($o['order_id'], 2));
    same(['uncleared', 'void'], $statuses, 'a notification per status change');
}

function test_uncleared_visa_turns_completed(): void
{
    site(['dynamic_3d_rules' => SKIP_ALL]);
    $o = created(order_body(VISA_UNCLEARED_COMPLETED));
    advance(601);
    same(['completed', 'completed'], status_of($o['order_id']));
    $data = order_data($o['order_id']);
    same($o['created'], gmdate('Y-m-d\TH:i:s', strtotime($data['modified'] . 'Z') - 600), 'modified is the moment it fell due, not the end of the advance');
}

function test_uncleared_amex_turns_void(): void
{
    site(['dynamic_3d_rules' => SKIP_ALL]);
    $o = created(order_body(AMEX_UNCLEARED_VOID, ['amount' => 2500]));
    same('uncleared', $o['status']);
    advance(86400);
    same(['void', 'void'], status_of($o['order_id']));
}

function test_uncleared_after_3ds_resolves_too(): void
{
    $o = created(order_body(VISA_UNCLEARED_COMPLETED));
    emu()->acs($o['order_id'], 'authenticate');
    same(['uncleared', 'uncleared'], status_of($o['order_id']));
    advance(600);
    same(['completed', 'completed'], status_of($o['order_id']));
}

function test_resolution_delay_is_a_site_setting(): void
{
    site(['dynamic_3d_rules' => SKIP_ALL, 'uncleared_resolve_seconds' => 60]);
    $o = created(order_body(VISA_UNCLEARED_COMPLETED));
    advance(61);
    same('completed', status_of($o['order_id'])[0]);
}

function test_unfinished_3ds_order_expires_after_one_hour(): void
{
    $o = created(with_notifications(order_body(VISA_3DS)));
    advance(3590);
    same(['initialized', 'initialized'], status_of($o['order_id']));
    advance(11);
    same(['expired', 'expired'], status_of($o['order_id']));
    same(409, MspEmulator::http('GET', $o['payment_url'])['status'], 'the ACS page is closed');
    same('expired', json_decode(received_for($o['order_id'])[0]['body'], true)['status']);
}

function test_unreviewed_uncleared_order_expires_after_five_days(): void
{
    site(['dynamic_3d_rules' => SKIP_ALL, 'uncleared_auto_resolve' => false]);
    $o = created(order_body(VISA_UNCLEARED_COMPLETED));
    advance(86400 * 5 - 10);
    same(['uncleared', 'uncleared'], status_of($o['order_id']), 'no automatic resolution');
    advance(11);
    same(['expired', 'expired'], status_of($o['order_id']));
}

function test_admin_resolves_an_uncleared_order(): void
{
    site(['dynamic_3d_rules' => SKIP_ALL, 'uncleared_auto_resolve' => false]);
    $accept = created(order_body(VISA_UNCLEARED_VOID));
    $reject = created(order_body(VISA_UNCLEARED_COMPLETED));
    same('completed', emu()->admin('POST', 'orders/' . rawurlencode($accept['order_id']) . '/resolve', ['status' => 'completed'])['status']);
    same('void', emu()->admin('POST', 'orders/' . rawurlencode($reject['order_id']) . '/resolve', ['status' => 'void'])['status']);
    same(['completed', 'completed'], status_of($accept['order_id']));
    advance(86400 * 6);
    same(['completed', 'completed'], status_of($accept['order_id']), 'the 5-day expiry leaves a resolved order alone');
}

function test_events_also_run_when_real_time_passes(): void
{
    site(['dynamic_3d_rules' => SKIP_ALL, 'uncleared_resolve_seconds' => 1]);
    $o = created(order_body(VISA_UNCLEARED_COMPLETED));
    usleep(2100000);
    same('completed', status_of($o['order_id'])[0], 'a plain GET runs due order events');
}

function test_own_mid_amex_flow(): void
{
    site(['amex_own_mid' => true]);
    $o = created(with_notifications(order_body(AMEX_3DS, ['amount' => 5000])));
    same(['initialized', 'initialized'], [$o['status'], $o['financial_status']]);
    emu()->acs($o['order_id'], 'authenticate');
    same(['uncleared', 'initialized'], status_of($o['order_id']));
    advance(600);
    same(['completed', 'initialized'], status_of($o['order_id']), 'paid: completed/initialized');
    $statuses = array_map(static fn (array $n): string => json_decode($n['body'], true)['status'] . '/' . json_decode($n['body'], true)['financial_status'], received_for($o['order_id'], 2));
    same(['uncleared/initialized', 'completed/initialized'], $statuses);
    ok_data(emu()->api('POST', 'orders/' . rawurlencode($o['order_id']) . '/refunds', ['currency' => 'EUR', 'amount' => 1000]));
    same('partial_refunded', status_of($o['order_id'])[0], 'own-MID completed counts as paid');
    $visa = created(order_body(VISA_NO_3DS));
    same(['completed', 'completed'], [$visa['status'], $visa['financial_status']], 'other brands are not own-MID');
}

function manual_order(string $card = VISA_NO_3DS, int $amount = 10000): array
{
    return created(order_body($card, ['capture' => 'manual', 'amount' => $amount]));
}

function test_manual_capture_authorises_then_full_capture_completes(): void
{
    $o = manual_order();
    same(['completed', 'initialized'], [$o['status'], $o['financial_status']], 'authorised');
    same('manual', $o['payment_details']['capture']);
    same(10000, $o['payment_details']['capture_remain']);
    check(preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/', $o['payment_details']['capture_expiry']) === 1, 'capture_expiry');
    api_error(emu()->api('POST', 'orders/' . rawurlencode($o['order_id']) . '/refunds', ['currency' => 'EUR', 'amount' => 100]), 1034, 400, 'an authorisation cannot be refunded');
    $capture = ok_data(emu()->api('POST', 'orders/' . rawurlencode($o['order_id']) . '/capture', ['amount' => 10000, 'new_order_id' => 'unused', 'new_order_status' => 'completed']));
    same($o['order_id'], $capture['order_id']);
    check(strlen((string) $capture['transaction_id']) === 16, 'a capture transaction id');
    $after = order_data($o['order_id']);
    same(['completed', 'completed'], [$after['status'], $after['financial_status']]);
    same(0, $after['payment_details']['capture_remain']);
    same('capture', $after['related_transactions'][0]['type']);
    api_error(emu()->api('POST', 'orders/' . rawurlencode($o['order_id']) . '/capture', ['amount' => 1, 'new_order_status' => 'completed']), 1000, 400, 'nothing left to capture');
}

function test_partial_capture_creates_a_child_order(): void
{
    $o = manual_order();
    $path = 'orders/' . rawurlencode($o['order_id']) . '/capture';
    $first = ok_data(emu()->api('POST', $path, ['amount' => 4000, 'new_order_id' => $o['order_id'] . '-c1', 'new_order_status' => 'completed']));
    same($o['order_id'] . '-c1', $first['order_id']);
    $child = order_data($o['order_id'] . '-c1');
    same(['completed', 'completed', 4000], [$child['status'], $child['financial_status'], $child['amount']]);
    $parent = order_data($o['order_id']);
    same(['completed', 'initialized', 6000], [$parent['status'], $parent['financial_status'], $parent['payment_details']['capture_remain']]);
    api_error(emu()->api('POST', $path, ['amount' => 6001, 'new_order_id' => 'x2', 'new_order_status' => 'completed']), 1001, 400, 'more than is left');
    api_error(emu()->api('POST', $path, ['amount' => 1000, 'new_order_id' => $o['order_id'] . '-c1', 'new_order_status' => 'completed']), 1006, 400, 'new_order_id taken');
    api_error(emu()->api('POST', $path, ['amount' => 1000, 'new_order_status' => 'completed']), 1016, 400, 'partial capture without new_order_id');
    api_error(emu()->api('POST', $path, ['amount' => 1000, 'new_order_id' => 'x3']), 1016, 400, 'without new_order_status');
    ok_data(emu()->api('POST', $path, ['amount' => 6000, 'new_order_id' => $o['order_id'] . '-c2', 'new_order_status' => 'completed']));
    $parent = order_data($o['order_id']);
    same(['completed', 'completed', 0], [$parent['status'], $parent['financial_status'], $parent['payment_details']['capture_remain']]);
    same(2, count($parent['related_transactions']));
    ok_data(emu()->api('POST', 'orders/' . rawurlencode($o['order_id'] . '-c2') . '/refunds', ['currency' => 'EUR', 'amount' => 100]));
    api_error(emu()->api('POST', 'orders/' . rawurlencode($o['order_id']) . '/refunds', ['currency' => 'EUR', 'amount' => 100]), 1034, 400, 'refund the capture orders, not the authorisation');
}

function test_cancel_an_authorisation(): void
{
    $o = manual_order(MASTERCARD_3DS);
    same('initialized', $o['status'], 'Mastercard 3DS first');
    emu()->acs($o['order_id'], 'authenticate');
    same(['completed', 'initialized'], status_of($o['order_id']));
    ok_data(emu()->api('PATCH', 'capture/' . rawurlencode($o['order_id']), ['status' => 'cancelled', 'reason' => 'out of stock']));
    same(['void', 'void'], status_of($o['order_id']));
    same('out of stock', order_data($o['order_id'])['reason']);
    api_error(emu()->api('POST', 'orders/' . rawurlencode($o['order_id']) . '/capture', ['new_order_status' => 'completed']), 1000, 400, 'capture after cancel');
    api_error(emu()->api('PATCH', 'capture/' . rawurlencode($o['order_id']), ['status' => 'cancelled']), 1000, 400, 'cancel twice');
    api_error(emu()->api('PATCH', 'capture/' . rawurlencode(manual_order()['order_id']), ['status' => 'completed']), 1016, 400, 'status other than cancelled');
}

function test_authorisations_expire_per_brand(): void
{
    $visa = manual_order();
    site(['dynamic_3d_rules' => SKIP_ALL]);
    $mastercard = manual_order(MASTERCARD_3DS);
    advance(7 * 86400 + 5);
    same(['void', 'void'], status_of($visa['order_id']), 'Visa: 7 days');
    same(['completed', 'initialized'], status_of($mastercard['order_id']), 'Mastercard still authorised after 7 days');
    advance(23 * 86400);
    same(['void', 'void'], status_of($mastercard['order_id']), 'Mastercard: 30 days');
}

function test_capture_of_an_automatic_order_is_refused(): void
{
    $o = created(order_body(VISA_NO_3DS));
    api_error(emu()->api('POST', 'orders/' . rawurlencode($o['order_id']) . '/capture', ['amount' => 100, 'new_order_status' => 'completed']), 1000);
    api_error(emu()->api('POST', 'orders/nope/capture', ['new_order_status' => 'completed']), 1006, 404);
    api_error(emu()->api('PATCH', 'capture/nope', ['status' => 'cancelled']), 1006, 404);
}

function test_chargeback_from_the_admin_api(): void
{
    $o = created(with_notifications(order_body(VISA_NO_3DS)));
    $summary = emu()->admin('POST', 'orders/' . rawurlencode($o['order_id']) . '/chargeback', ['amount' => 4000]);
    same('chargeback', $summary['status']);
    $after = order_data($o['order_id']);
    same(['chargeback', 'completed'], [$after['status'], $after['financial_status']]);
    $related = $after['related_transactions'][0];
    same(['chargeback', 4000, 'completed'], [$related['type'], $related['amount'], $related['status']]);
    same('chargeback', json_decode(received_for($o['order_id'], 2)[1]['body'], true)['status']);
    api_error(emu()->api('POST', 'orders/' . rawurlencode($o['order_id']) . '/refunds', ['currency' => 'EUR', 'amount' => 100]), 1034, 400, 'no refund after a chargeback');
    $open = created(order_body(VISA_3DS));
    $refused = MspEmulator::http('POST', emu()->rootUrl() . '_emulator/orders/' . rawurlencode($open['order_id']) . '/chargeback', '{}', ['Content-Type' => 'application/json']);
    same(400, $refused['status'], 'an unpaid order cannot be charged back');
}
