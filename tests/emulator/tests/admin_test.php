<?php

declare(strict_types=1);

/* The admin API: sites, reset, order listing, info. */

function admin_raw(string $method, string $path, ?array $body = null): array
{
    return MspEmulator::http($method, emu()->rootUrl() . '_emulator/' . $path, $body === null ? null : json_encode($body), ['Content-Type' => 'application/json']);
}

function test_sites_are_created_and_updated(): void
{
    $created = site(['api_key' => 'shop-two-key', 'mixed_types' => true], 'shop-two');
    same(['shop-two', 'shop-two-key', true, true], [$created['site'], $created['api_key'], $created['mixed_types'], $created['direct_enabled']]);
    $updated = site(['direct_enabled' => false], 'shop-two');
    same([true, false, 'shop-two-key'], [$updated['mixed_types'], $updated['direct_enabled'], $updated['api_key']], 'an update keeps the other settings');
    same(['default', 'shop-two'], array_column(emu()->admin('GET', 'sites'), 'site'));
    api_error(emu()->api('POST', 'orders', order_body(VISA_NO_3DS), ['api_key' => 'shop-two-key']), 1023, 400, 'the new site is used');
}

function test_bad_site_settings_are_refused(): void
{
    $cases = [
        [['site' => 'new-site'], 'api_key is required'],
        [['colour' => 'red'], 'unknown site setting'],
        [['direct_enabled' => 'yes'], 'true or false'],
        [['notification_retry_seconds' => 0], 'notification_retry_seconds'],
        [['bin_countries' => ['4111' => 'Netherlands']], 'bin_countries'],
        [['bin_countries' => ['4111111' => 'NL']], 'bin_countries'],
        [['ip_countries' => ['10.' => 'XX']], 'ip_countries'],
        [['api_key' => ''], 'api_key'],
    ];
    foreach ($cases as [$body, $expected]) {
        $response = admin_raw('POST', 'sites', $body);
        same(400, $response['status'], json_encode($body));
        check(str_contains((string) $response['json']['error_info'], $expected), 'reason for ' . json_encode($body) . ': ' . $response['json']['error_info']);
    }
    site(['api_key' => 'taken-key'], 'one');
    same(400, admin_raw('POST', 'sites', ['site' => 'two', 'api_key' => 'taken-key'])['status'], 'an API key belongs to one site');
}

function test_reset_removes_everything_and_recreates_the_default_site(): void
{
    site(['api_key' => 'other-key'], 'other');
    site(['mixed_types' => true]);
    $o = created(order_body(VISA_NO_3DS));
    emu()->advance(50);
    emu()->admin('POST', 'faults', ['fault' => 'status=500']);
    emu()->admin('POST', 'reset');
    same([], emu()->admin('GET', 'requests'), 'request log empty');
    same([], emu()->admin('GET', 'faults'), 'no faults');
    same(['default'], array_column(emu()->admin('GET', 'sites'), 'site'), 'sites back to the default');
    same(false, emu()->admin('GET', 'sites')[0]['mixed_types'], 'default settings');
    same(0, emu()->admin('GET', 'clock')['offset'], 'clock back to real time');
    api_error(get_order($o['order_id']), 1006, 404, 'orders gone');
    check(str_contains(emu()->admin('GET', 'requests')[0]['response'], '"data":{}'), 'the log keeps {} as {}');
}

function test_reset_can_keep_the_sites(): void
{
    site(['api_key' => 'kept-key'], 'kept');
    created(order_body(VISA_NO_3DS));
    emu()->admin('POST', 'reset', ['keep_sites' => true]);
    same(['default', 'kept'], array_column(emu()->admin('GET', 'sites'), 'site'));
    same(0, emu()->admin('GET', 'orders')['count']);
}

function test_orders_listing_counts_and_filters(): void
{
    $a = created(order_body(VISA_NO_3DS));
    created(order_body(VISA_3DS));
    $list = emu()->admin('GET', 'orders');
    same(2, $list['count']);
    same(1, emu()->admin('GET', 'orders?status=initialized')['count']);
    $one = emu()->admin('GET', 'orders?order_id=' . rawurlencode($a['order_id']));
    same([1, (string) $a['transaction_id']], [$one['count'], $one['orders'][0]['transaction_id']]);
    $detail = emu()->admin('GET', 'orders/' . rawurlencode($a['order_id']));
    same('completed', $detail['order']['status'], 'the detail view holds the order object');
    same(404, admin_raw('GET', 'orders/nope')['status']);
}

function test_info_and_unknown_admin_paths(): void
{
    $info = emu()->admin('GET', 'info');
    same(['MultiSafepay API emulator', 'wal'], [$info['emulator'], $info['journal_mode']]);
    same(404, admin_raw('GET', 'nothing-here')['status']);
    same(404, MspEmulator::http('GET', emu()->rootUrl())['status'], 'the root is not an API');
}
