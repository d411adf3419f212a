<?php

declare(strict_types=1);

/* 3-D Secure: the ACS page, the browser flow, brand rules, Dynamic 3D and Flexible 3D. */

/** Creates an order and says whether it stopped for 3DS (initialized) or went straight through. */
function needs_3ds(array $body): bool
{
    $o = created($body);
    return $o['status'] === 'initialized' && isset($o['customer_verification']);
}

function test_acs_page_is_a_real_html_page_with_three_buttons(): void
{
    $o = created(order_body(VISA_3DS));
    $page = MspEmulator::http('GET', $o['payment_url']);
    same(200, $page['status']);
    check(str_starts_with($page['headers']['content-type'] ?? '', 'text/html'), 'HTML');
    foreach (['authenticate', 'fail', 'cancel'] as $action) {
        check(str_contains($page['body'], 'name="action" value="' . $action . '"'), "a $action button");
    }
    check(str_contains($page['body'], '<form method="post">'), 'the buttons post back to the page itself');
    check(str_contains($page['body'], '100.00 EUR'), 'the page shows the amount');
    check(str_contains($page['body'], 'ending in 1111') && !str_contains($page['body'], VISA_3DS), 'the page shows the last four digits only');
}

function test_customer_verification_form_leads_to_the_acs_page(): void
{
    $o = created(order_body(VISA_3DS));
    preg_match('/action="([^"]+)"/', $o['customer_verification']['html'], $action);
    preg_match('/name="creq" value="([^"]+)"/', $o['customer_verification']['html'], $creq);
    $page = MspEmulator::http('POST', html_entity_decode($action[1]), http_build_query(['creq' => html_entity_decode($creq[1])]), ['Content-Type' => 'application/x-www-form-urlencoded']);
    same(200, $page['status']);
    check(str_contains($page['body'], 'value="authenticate"'), 'posting the form shows the challenge page');
    same('initialized', order_data($o['order_id'])['status'], 'showing the page changes nothing');
}

function test_browser_flow_authenticate_ends_on_the_shop_with_a_signed_notification(): void
{
    $o = created(with_notifications(order_body(VISA_3DS)));
    check(received_for($o['order_id'], 0) === [], 'no notification while 3DS is pending');
    // A browser: open payment_url, press Authenticate, follow the redirect.
    $page = MspEmulator::http('GET', $o['payment_url']);
    check(str_contains($page['body'], 'value="authenticate"'), 'the page offers Authenticate');
    $press = MspEmulator::http('POST', $o['payment_url'], 'action=authenticate', ['Content-Type' => 'application/x-www-form-urlencoded']);
    same(302, $press['status']);
    same('http://127.0.0.1:9/shop/return?step=done&transactionid=' . rawurlencode($o['order_id']), $press['headers']['location'] ?? null, 'redirect to redirect_url');
    // The notification was delivered before the redirect was answered.
    $notifications = sink()->received();
    same(1, count($notifications), 'one notification, already there');
    $n = $notifications[0];
    same('POST', $n['method']);
    same($o['order_id'], $n['query']['transactionid']);
    same('1', $n['query']['shop'], 'the shop\'s own query is kept');
    assert_signed($n, emu()->apiKey());
    $body = json_decode($n['body'], true);
    same('completed', $body['status'], 'the body is the order object');
    check(!isset($body['success']), 'no envelope around the notification body');
    $after = order_data($o['order_id']);
    same(['completed', 'completed'], [$after['status'], $after['financial_status']]);
    $result = $after['payment_details']['card_authentication_result'];
    same(['Y', '05', '2.2.0'], [$result['status'], $result['eci'], $result['version']]);
    check(isset($result['acs_transaction_id'], $result['ds_transaction_id'], $result['cavv']), 'the ACS and DS ids and the CAVV of the challenge');
    same('challenge', $after['payment_details']['card_authentication_details']['flow']);
    same('http://127.0.0.1:9/shop/return?step=done&transactionid=' . rawurlencode($o['order_id']), $after['payment_url'], 'payment_url is the shop once finished');
}

function test_acs_fail_declines_with_3001(): void
{
    $o = created(with_notifications(order_body(MASTERCARD_3DS)));
    $press = emu()->acs($o['order_id'], 'fail');
    same(302, $press['status']);
    check(str_starts_with((string) $press['location'], 'http://127.0.0.1:9/shop/return'), 'back to redirect_url');
    $after = order_data($o['order_id']);
    same(['declined', 'declined', '3001'], [$after['status'], $after['financial_status'], $after['reason_code']]);
    $result = $after['payment_details']['card_authentication_result'];
    same(['N', '00', '2.2.0', '01'], [$result['status'], $result['eci'], $result['version'], $result['transaction_status_reason']], 'Mastercard ECI 00, reason 01');
    check(!isset($result['cavv']), 'no CAVV for a failed authentication');
    same(null, $after['payment_details']['authorization_code'], 'no authorisation after a failed authentication');
    same(null, $after['payment_details']['acquirer_reference_number']);
    same('declined', json_decode(received_for($o['order_id'])[0]['body'], true)['status']);
}

function test_acs_cancel_voids_and_goes_to_cancel_url(): void
{
    $o = created(with_notifications(order_body(VISA_3DS)));
    $press = emu()->acs($o['order_id'], 'cancel');
    same('http://127.0.0.1:9/shop/cancel?transactionid=' . rawurlencode($o['order_id']), $press['location']);
    $after = order_data($o['order_id']);
    same(['void', 'cancelled'], [$after['status'], $after['financial_status']]);
    same('void', json_decode(received_for($o['order_id'])[0]['body'], true)['status']);
}

function test_acs_without_shop_urls_shows_a_final_page(): void
{
    $o = created(order_body(VISA_3DS, ['payment_options' => null]));
    $press = emu()->acs($o['order_id'], 'authenticate');
    same(200, $press['status']);
    check(str_contains($press['body'], 'completed'), 'the page names the result');
}

function test_acs_second_press_and_unknown_session(): void
{
    $o = created(order_body(VISA_3DS));
    emu()->acs($o['order_id'], 'authenticate');
    $again = MspEmulator::http('POST', $o['payment_url'], 'action=fail', ['Content-Type' => 'application/x-www-form-urlencoded']);
    same(409, $again['status'], 'a finished session answers 409');
    same('completed', order_data($o['order_id'])['status'], 'and changes nothing');
    same(404, MspEmulator::http('GET', emu()->rootUrl() . '_emulator/acs/deadbeef')['status']);
    $bad = MspEmulator::http('POST', created(order_body(VISA_3DS))['payment_url'], 'action=maybe', ['Content-Type' => 'application/x-www-form-urlencoded']);
    same(400, $bad['status']);
}

function test_3ds_failure_card_declines_even_when_authenticated(): void
{
    $o = created(order_body(VISA_3DS_FAILS));
    emu()->acs($o['order_id'], 'authenticate');
    $after = order_data($o['order_id']);
    same(['declined', '3001'], [$after['status'], $after['reason_code']]);
    same('N', $after['payment_details']['card_authentication_result']['status']);
}

function test_maestro_and_bancontact_always_need_3ds(): void
{
    site(['dynamic_3d_rules' => SKIP_ALL, 'flexible_3d' => true]);
    check(needs_3ds(order_body(MAESTRO_3DS, ['gateway_info' => ['flexible_3d' => false]])), 'Maestro despite skip rule and flexible_3d false');
    check(needs_3ds(order_body(BANCONTACT_3DS, ['gateway' => 'BANCONTACT', 'gateway_info' => ['card_cvc' => null]])), 'Bancontact despite skip rule');
    check(!needs_3ds(order_body(VISA_3DS)), 'while Visa skips');
}

function test_amex_needs_safekey_from_30_eur_and_in_other_currencies(): void
{
    site(['dynamic_3d_rules' => SKIP_ALL]);
    check(needs_3ds(order_body(AMEX_3DS, ['amount' => 3000])), 'Amex 30.00 EUR despite skip rule');
    check(!needs_3ds(order_body(AMEX_3DS, ['amount' => 2999])), 'Amex 29.99 EUR follows the skip rule');
    check(needs_3ds(order_body(AMEX_3DS, ['amount' => 2000, 'currency' => 'USD'])), 'Amex in USD: no exemption');
    site(['dynamic_3d_rules' => []]);
    check(needs_3ds(order_body(AMEX_3DS, ['amount' => 2000])), 'Amex under 30 EUR without rules: 3DS by default');
}

function test_visa_and_mastercard_skip_by_rule(): void
{
    check(needs_3ds(order_body(VISA_3DS)), 'default: 3DS');
    site(['dynamic_3d_rules' => SKIP_ALL]);
    $o = created(order_body(MASTERCARD_3DS));
    same('completed', $o['status'], 'Mastercard skipped');
    same(null, $o['payment_details']['card_authentication_result'], 'no authentication without 3DS');
    same(null, $o['payment_details']['card_authentication_details']);
}

function test_rule_amount_ranges_are_per_currency_min_inclusive_max_exclusive(): void
{
    site(['dynamic_3d_rules' => [['action' => 'skip', 'amount' => [['currency' => 'EUR', 'min' => 1000, 'max' => 5000]]]]]);
    check(needs_3ds(order_body(VISA_3DS, ['amount' => 999])), 'below min');
    check(!needs_3ds(order_body(VISA_3DS, ['amount' => 1000])), 'min is inclusive');
    check(!needs_3ds(order_body(VISA_3DS, ['amount' => 4999])), 'inside');
    check(needs_3ds(order_body(VISA_3DS, ['amount' => 5000])), 'max is exclusive');
    check(needs_3ds(order_body(VISA_3DS, ['amount' => 2000, 'currency' => 'USD'])), 'a currency the rule does not list');
}

function test_rule_card_countries_use_the_bin_table(): void
{
    site(['bin_countries' => ['411111' => 'US', '55' => 'DE'], 'dynamic_3d_rules' => [['action' => 'skip', 'card_countries' => ['include' => ['US']]]]]);
    $o = created(order_body(VISA_3DS));
    same('completed', $o['status'], 'US card skips');
    same('US', $o['payment_details']['issuer_country_code']);
    check(needs_3ds(order_body(MASTERCARD_3DS)), 'DE card does not match');
    site(['dynamic_3d_rules' => [['action' => 'skip', 'card_countries' => ['exclude' => ['US']]]]]);
    check(needs_3ds(order_body(VISA_3DS)), 'exclude US: the US card needs 3DS');
    check(!needs_3ds(order_body(MASTERCARD_3DS)), 'exclude US: the DE card skips');
}

function test_rule_ip_countries_use_the_ip_table(): void
{
    site(['ip_countries' => ['10.' => 'DE', '' => 'NL'], 'dynamic_3d_rules' => [['action' => 'skip', 'ip_countries' => ['include' => ['DE']]]]]);
    check(!needs_3ds(order_body(VISA_3DS, ['customer' => ['ip_address' => '10.1.2.3']])), 'DE IP skips');
    check(needs_3ds(order_body(VISA_3DS, ['customer' => ['ip_address' => '192.0.2.1']])), 'NL IP does not');
}

function test_rule_customer_countries(): void
{
    site(['dynamic_3d_rules' => [['action' => 'skip', 'customer_countries' => ['exclude' => ['NL']]]]]);
    check(!needs_3ds(order_body(VISA_3DS, ['customer' => ['country' => 'BE']])), 'BE customer skips');
    check(needs_3ds(order_body(VISA_3DS, ['customer' => ['country' => 'NL']])), 'NL customer does not');
}

function test_unknown_country_never_lets_a_payment_skip(): void
{
    site(['dynamic_3d_rules' => [['action' => 'skip', 'card_countries' => ['exclude' => ['RU']]]]]);
    check(needs_3ds(order_body(VISA_UNKNOWN)), 'unknown card country: the skip rule does not match');
    check(!needs_3ds(order_body(VISA_3DS)), 'known NL card: it does');
    site(['dynamic_3d_rules' => [['action' => 'require', 'card_countries' => ['include' => ['US']]], ['action' => 'skip']]]);
    check(needs_3ds(order_body(VISA_UNKNOWN)), 'unknown country matches a require rule');
    check(!needs_3ds(order_body(VISA_3DS)), 'NL does not match the require rule, the skip rule follows');
}

function test_first_matching_rule_wins(): void
{
    site(['dynamic_3d_rules' => [
        ['name' => 'Dutch customers', 'action' => 'require', 'customer_countries' => ['include' => ['NL']]],
        ['name' => 'everyone else', 'action' => 'skip'],
    ]]);
    check(needs_3ds(order_body(VISA_3DS, ['customer' => ['country' => 'NL']])), 'rule #0');
    check(!needs_3ds(order_body(VISA_3DS, ['customer' => ['country' => 'BE']])), 'rule #1');
    same('rule #1', emu()->admin('GET', 'orders')['orders'][1]['three_ds'], 'the admin view names the deciding rule');
}

function test_flexible_3d_overrides_rules_when_the_site_has_it(): void
{
    site(['flexible_3d' => true, 'dynamic_3d_rules' => SKIP_ALL]);
    check(needs_3ds(order_body(VISA_3DS, ['gateway_info' => ['flexible_3d' => true]])), 'flexible_3d true beats the skip rule');
    site(['dynamic_3d_rules' => []]);
    check(!needs_3ds(order_body(VISA_3DS, ['gateway_info' => ['flexible_3d' => false]])), 'flexible_3d false beats the default');
    check(needs_3ds(order_body(VISA_3DS)), 'not given: the rules decide');
}

function test_flexible_3d_is_ignored_without_activation(): void
{
    check(needs_3ds(order_body(VISA_3DS, ['gateway_info' => ['flexible_3d' => false]])), 'flexible_3d false is ignored');
}

function test_frictionless_test_cards_never_see_a_challenge(): void
{
    $visa = created(order_body(VISA_NO_3DS));
    same(['completed', 'frictionless'], [$visa['status'], $visa['payment_details']['card_authentication_details']['flow']]);
    $amex = created(order_body(AMEX_NO_3DS, ['amount' => 10000]));
    same(['completed', 'frictionless'], [$amex['status'], $amex['payment_details']['card_authentication_details']['flow']], 'Amex 100 EUR: Safekey, frictionless');
    same('05', $visa['payment_details']['card_authentication_result']['eci'], 'Visa frictionless ECI');
    site(['dynamic_3d_rules' => SKIP_ALL]);
    same(null, created(order_body(VISA_NO_3DS))['payment_details']['card_authentication_result'], 'skipped: no authentication at all');
}

function test_invalid_rule_sets_are_refused_with_a_reason(): void
{
    $bad = [
        [['action' => 'maybe']],
        [['action' => 'skip', 'card_countries' => ['include' => []]]],
        [['action' => 'skip', 'card_countries' => ['include' => ['nl']]]],
        [['action' => 'skip', 'card_countries' => ['include' => ['NL'], 'exclude' => ['BE']]]],
        [['action' => 'skip', 'colour' => 'red']],
        [['action' => 'skip', 'amount' => [['currency' => 'EUR', 'min' => 500, 'max' => 100]]]],
        [['action' => 'skip', 'amount' => [['currency' => 'XYZ']]]],
        ['action' => 'skip'],
    ];
    foreach ($bad as $i => $rules) {
        $response = MspEmulator::http('POST', emu()->rootUrl() . '_emulator/sites', json_encode(['dynamic_3d_rules' => $rules]), ['Content-Type' => 'application/json']);
        same(400, $response['status'], "rule set #$i is refused");
        check(str_contains((string) ($response['json']['error_info'] ?? ''), 'dynamic_3d_rules'), "rule set #$i: the reason names the setting");
    }
    same([], emu()->admin('GET', 'sites')[0]['dynamic_3d_rules'], 'nothing was stored');
}
