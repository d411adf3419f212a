<?php

declare(strict_types=1);

/* POST /orders, GET /orders/{id}, PATCH /orders/{id}: validation, outcomes, payload shape. */

function test_create_without_3ds_answers_the_full_order_object(): void
{
    $body = order_body(VISA_NO_3DS, ['var1' => 'v1', 'custom_info' => ['custom_1' => 'c1']]);
    $response = create_order($body);
    same('application/json', $response['headers']['content-type'] ?? null, 'Content-Type');
    $o = ok_data($response);
    same('completed', $o['status']);
    same('completed', $o['financial_status']);
    check(is_int($o['transaction_id']) && strlen((string) $o['transaction_id']) === 16, 'transaction_id is a 16-digit number');
    same($body['order_id'], $o['order_id']);
    same(10000, $o['amount']);
    same(0, $o['amount_refunded']);
    same('EUR', $o['currency']);
    check(preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/', $o['created']) === 1, 'created is YYYY-MM-DDTHH:MM:SS');
    check(preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/', $o['modified']) === 1, 'modified is YYYY-MM-DDTHH:MM:SS');
    same('v1', $o['var1']);
    same('c1', $o['custom_info']['custom_1']);
    same('', $o['reason_code']);
    same(null, $o['related_transactions']);
    same('NO', $o['fastcheckout']);
    same('NL', $o['customer']['country']);
    $d = $o['payment_details'];
    same('VISA', $d['type']);
    same('3335', $d['last4']);
    same('3012', $d['card_expiry_date']);
    same('J. Tester', $d['account_holder_name']);
    same('NL', $d['issuer_country_code']);
    same('C', $d['card_funding'], 'the docs\' CardFunding code');
    same('00', $d['response_code']);
    check(preg_match('/^\d{6}$/', $d['authorization_code']) === 1, 'authorization_code is 6 digits');
    $result = $d['card_authentication_result'];
    same(['Y', '05', '2.2.0'], [$result['status'], $result['eci'], $result['version']], 'frictionless 3DS result');
    check(preg_match('/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/', $result['acs_transaction_id']) === 1, 'acs_transaction_id is a UUID');
    check(is_string($result['ds_transaction_id']) && $result['ds_transaction_id'] !== $result['acs_transaction_id'], 'ds_transaction_id of its own');
    same(28, strlen($result['cavv']), 'a CAVV (20 bytes, base64) for a passed authentication');
    same(['flow' => 'frictionless'], $d['card_authentication_details']);
    same(['cavv_results_code' => '2'], $d['card_additional_response_data']);
    check(preg_match('/^\d{16}$/', $d['recurring_id']) === 1, 'the card is stored as a token (recurring_id)');
    same(null, $d['recurring_model'], 'no recurring_model asked for');
    check(preg_match('/^\d{15}$/', $d['scheme_reference_id']) === 1, 'scheme_reference_id');
    check(preg_match('/^\d{23}$/', $d['acquirer_reference_number']) === 1, 'acquirer_reference_number (ARN, 23 digits)');
    same(['A', 1, 'UNKNOWN', 'M'], [$d['card_product'], $d['card_product_type'], $d['card_entry_mode'], $d['card_verification_result']]);
    check(!isset($d['capture']), 'no capture fields without manual capture');
    same('completed', $o['payment_methods'][0]['status']);
    same('VISA', $o['payment_methods'][0]['type']);
    same($o['transaction_id'], $o['costs'][0]['transaction_id']);
    same('http://127.0.0.1:9/shop/return?step=done&transactionid=' . rawurlencode($body['order_id']), $o['payment_url'], 'payment_url is the shop redirect');
    same('http://127.0.0.1:9/shop/cancel', $o['cancel_url']);
    check(!isset($o['customer_verification']), 'no customer_verification without 3DS');
    check(!str_contains($response['body'], VISA_NO_3DS), 'the response does not contain the card number');
}

function test_3ds_card_answers_initialized_with_form_and_payment_url(): void
{
    $o = created(order_body(VISA_3DS));
    same('initialized', $o['status']);
    same('initialized', $o['financial_status']);
    same('form', $o['customer_verification']['type'] ?? null);
    $html = $o['customer_verification']['html'];
    check(str_starts_with($o['payment_url'], emu()->rootUrl() . '_emulator/acs/'), 'payment_url is the emulator ACS page');
    check(str_contains($html, '<form') && str_contains($html, 'method="post"'), 'the html has a POST form');
    check(str_contains($html, 'action="' . htmlspecialchars($o['payment_url']) . '"'), 'the form posts to the ACS page');
    check(str_contains($html, '.submit()'), 'the form submits itself');
    same(null, $o['payment_details']['card_authentication_result']);
}

function test_get_order_decodes_the_percent_encoded_id(): void
{
    $id = 'shop/2026 #1 é+%';
    created(order_body(VISA_NO_3DS, ['order_id' => $id]));
    $o = order_data($id);
    same($id, $o['order_id']);
    same('completed', $o['status']);
}

function test_get_unknown_order_is_1006_with_http_404(): void
{
    api_error(get_order('no-such-order'), 1006, 404);
}

function test_numeric_order_id_is_accepted_as_text(): void
{
    $o = created(order_body(VISA_NO_3DS, ['order_id' => 424242]));
    same('424242', $o['order_id']);
    same('424242', order_data('424242')['order_id']);
}

function test_duplicate_order_id_is_1006_and_creates_nothing(): void
{
    $body = order_body(VISA_NO_3DS);
    created($body);
    api_error(create_order($body), 1006);
    same(1, emu()->admin('GET', 'orders?order_id=' . rawurlencode($body['order_id']))['count'], 'one order with that id');
}

function test_order_ids_are_unique_per_site_and_sites_are_isolated(): void
{
    site(['api_key' => 'second-site-key'], 'second');
    $body = order_body(VISA_NO_3DS);
    created($body);
    $second = emu()->api('POST', 'orders', $body, ['api_key' => 'second-site-key']);
    same('completed', ok_data($second)['status'], 'the same order_id on another site');
    same(2, emu()->admin('GET', 'orders?order_id=' . rawurlencode($body['order_id']))['count'], 'one order per site');
    created(order_body(VISA_NO_3DS, ['order_id' => 'only-on-first']));
    api_error(emu()->api('GET', 'orders/only-on-first', null, ['api_key' => 'second-site-key']), 1006, 404, 'another site cannot see the order');
}

function test_api_key_missing_or_wrong_is_1032_and_the_key_is_trimmed(): void
{
    $url = emu()->baseUrl() . 'orders/x';
    api_error(MspEmulator::http('GET', $url), 1032, 401, 'missing key');
    api_error(MspEmulator::http('GET', $url, null, ['api_key' => 'wrong']), 1032, 401, 'wrong key');
    api_error(MspEmulator::http('GET', $url, null, ['api_key' => "  " . emu()->apiKey() . "\t"]), 1006, 404, 'padded key works');
}

function test_site_not_enabled_for_direct_cards_is_1023(): void
{
    site(['direct_enabled' => false]);
    api_error(create_order(order_body(VISA_NO_3DS)), 1023);
}

function test_missing_required_fields_are_1016(): void
{
    foreach (['type', 'gateway', 'order_id', 'currency', 'amount', 'description'] as $field) {
        $info = api_error(create_order(order_body(VISA_NO_3DS, [$field => null])), 1016, 400, "without $field");
        check(str_contains($info, $field), "error_info names $field");
    }
    api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => null])), 1016, 400, 'without gateway_info');
    api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_number' => null]])), 1016, 400, 'without card_number');
}

function test_invalid_amounts_are_1001(): void
{
    foreach ([0, -5, 10.5, '1000', true, 500001] as $amount) {
        api_error(create_order(order_body(VISA_NO_3DS, ['amount' => $amount])), 1001, 400, 'amount ' . json_encode($amount));
    }
    api_error(create_order(order_body(VISA_NO_3DS, ['amount' => 540100, 'currency' => 'USD'])), 1001, 400, 'USD above 5000 EUR');
    api_error(create_order(order_body(VISA_NO_3DS, ['amount' => 800001, 'currency' => 'JPY'])), 1001, 400, 'JPY above 5000 EUR');
    same('completed', created(order_body(VISA_NO_3DS, ['amount' => 500000]))['status'], 'exactly 5000.00 EUR');
    same('completed', created(order_body(VISA_NO_3DS, ['amount' => 1]))['status'], '0.01 EUR');
}

function test_invalid_currency_is_1002(): void
{
    foreach (['XXX', 'eur', 'EURO', 978] as $currency) {
        api_error(create_order(order_body(VISA_NO_3DS, ['currency' => $currency])), 1002, 400, 'currency ' . json_encode($currency));
    }
    same('GBP', created(order_body(VISA_NO_3DS, ['currency' => 'GBP']))['currency']);
}

function test_description_over_200_characters_is_1008(): void
{
    api_error(create_order(order_body(VISA_NO_3DS, ['description' => str_repeat('a', 201)])), 1008);
    api_error(create_order(order_body(VISA_NO_3DS, ['description' => ['not', 'text']])), 1008);
    same(200, mb_strlen_utf8(created(order_body(VISA_NO_3DS, ['description' => str_repeat('é', 200)]))['description']), '200 characters of UTF-8 are fine');
}

function mb_strlen_utf8(string $s): int
{
    return (int) preg_match_all('/./su', $s);
}

function test_order_id_over_50_characters_is_1006(): void
{
    api_error(create_order(order_body(VISA_NO_3DS, ['order_id' => str_repeat('x', 51)])), 1006);
    same(str_repeat('y', 50), created(order_body(VISA_NO_3DS, ['order_id' => str_repeat('y', 50)]))['order_id']);
}

function test_customer_ip_address_missing_or_invalid_is_1007(): void
{
    api_error(create_order(order_body(VISA_NO_3DS, ['customer' => ['ip_address' => null]])), 1007, 400, 'missing');
    api_error(create_order(order_body(VISA_NO_3DS, ['customer' => ['ip_address' => '999.1.1.1']])), 1007, 400, 'invalid');
    api_error(create_order(order_body(VISA_NO_3DS, ['customer' => null])), 1007, 400, 'no customer');
    same('completed', created(order_body(VISA_NO_3DS, ['customer' => ['ip_address' => '2001:db8::1']]))['status'], 'IPv6');
}

function test_customer_country_missing_or_invalid_is_1018(): void
{
    foreach ([null, 'nl', 'XX', 'NLD'] as $country) {
        api_error(create_order(order_body(VISA_NO_3DS, ['customer' => ['country' => $country]])), 1018, 400, 'country ' . json_encode($country));
    }
}

function test_gateway_not_matching_the_card_is_1023(): void
{
    api_error(create_order(order_body(MASTERCARD_3DS, ['gateway' => 'VISA'])), 1023, 400, 'Mastercard on VISA');
    api_error(create_order(order_body(VISA_NO_3DS, ['gateway' => 'MAESTRO'])), 1023, 400, 'Visa on MAESTRO');
    api_error(create_order(order_body(VISA_NO_3DS, ['gateway' => 'AMEX'])), 1023, 400, 'Visa on AMEX');
    api_error(create_order(order_body(VISA_NO_3DS, ['gateway' => 'IDEAL'])), 1023, 400, 'not a card gateway');
    same('VISA', created(order_body(VISA_NO_3DS, ['gateway' => 'VISA']))['payment_details']['type'], 'VISA gateway');
    same('MASTERCARD', created(order_body(MASTERCARD_3DS, ['gateway' => 'MASTERCARD']))['payment_details']['type']);
}

function test_invalid_card_numbers_are_1024(): void
{
    $luhnFails = substr(VISA_NO_3DS, 0, 15) . ((int) substr(VISA_NO_3DS, -1) + 1) % 10;
    api_error(create_order(order_body($luhnFails)), 1024, 400, 'Luhn');
    api_error(create_order(order_body(luhn_number('4', 15))), 1024, 400, 'Visa with 15 digits');
    api_error(create_order(order_body(luhn_number('55', 17))), 1024, 400, 'Mastercard with 17 digits');
    api_error(create_order(order_body('4111-1111-1111-1111')), 1024, 400, 'not only digits');
    api_error(create_order(order_body(luhn_number('9', 16))), 1024, 400, 'no card scheme');
    api_error(create_order(order_body('12345')), 1024, 400, 'too short');
    api_error(create_order(order_body(luhn_number('36', 14))), 1023, 400, 'Diners: no gateway for direct cards');
}

function test_card_expiry_rules(): void
{
    api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_expiry_date' => '2001']])), 1024, 400, 'expired');
    api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_expiry_date' => '3013']])), 1024, 400, 'month 13');
    api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_expiry_date' => '12/30']])), 1024, 400, 'not YYMM');
    api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_expiry_date' => null]])), 1016, 400, 'missing');
    $thisMonth = gmdate('ym', emu()->admin('GET', 'clock')['now']);
    same('completed', created(order_body(VISA_NO_3DS, ['gateway_info' => ['card_expiry_date' => $thisMonth]]))['status'], 'valid through the end of its month');
}

function test_expiry_follows_the_emulator_clock(): void
{
    $now = emu()->admin('GET', 'clock')['now'];
    $thisMonth = gmdate('ym', $now);
    emu()->admin('POST', 'clock', ['set' => gmmktime(0, 0, 0, (int) gmdate('n', $now) + 1, 1, (int) gmdate('Y', $now)) + 5]);
    api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_expiry_date' => $thisMonth]])), 1024, 400, 'expired once the month is over');
}

function test_cvc_rules_per_brand(): void
{
    api_error(create_order(order_body(AMEX_NO_3DS, ['gateway_info' => ['card_cvc' => '123']])), 1024, 400, 'Amex with 3 digits');
    api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_cvc' => '1234']])), 1024, 400, 'Visa with 4 digits');
    api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_cvc' => 'abc']])), 1024, 400, 'not digits');
    api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_cvc' => null]])), 1016, 400, 'Visa without CVC');
    same('completed', created(order_body(AMEX_NO_3DS))['status'], 'Amex with 4 digits');
    same('initialized', created(order_body(MAESTRO_3DS, ['gateway_info' => ['card_cvc' => null]]))['status'], 'Maestro without CVC');
    $alias = order_body(VISA_NO_3DS, ['gateway_info' => ['card_cvc' => null, 'cvc' => '123']]);
    same('completed', created($alias)['status'], '"cvc" is accepted like card_cvc');
}

function test_declined_cards_carry_their_reason_code(): void
{
    site(['dynamic_3d_rules' => SKIP_ALL]);
    $o = created(order_body(VISA_NO_FUNDS));
    same(['declined', 'declined', '4002'], [$o['status'], $o['financial_status'], $o['reason_code']], 'insufficient funds');
    same('51', $o['payment_details']['response_code']);
    $amex = created(order_body(AMEX_DECLINED, ['amount' => 2500]));
    same(['declined', 'declined', '4999'], [$amex['status'], $amex['financial_status'], $amex['reason_code']], 'Amex declined');
    $fails3ds = created(order_body(VISA_3DS_FAILS));
    same(['declined', '3001'], [$fails3ds['status'], $fails3ds['reason_code']], 'the 3DS failure card without 3DS');
}

function test_declines_come_after_the_challenge_when_3ds_is_needed(): void
{
    $o = created(order_body(VISA_NO_FUNDS));
    same('initialized', $o['status']);
    emu()->acs($o['order_id'], 'authenticate');
    $after = order_data($o['order_id']);
    same(['declined', 'declined', '4002'], [$after['status'], $after['financial_status'], $after['reason_code']]);
    same('Y', $after['payment_details']['card_authentication_result']['status'], 'authentication passed, the issuer declined');
    $amex = created(order_body(AMEX_DECLINED, ['amount' => 5000]));
    emu()->acs($amex['order_id'], 'authenticate');
    same('4999', order_data($amex['order_id'])['reason_code']);
}

function test_uncleared_cards_answer_uncleared(): void
{
    site(['dynamic_3d_rules' => SKIP_ALL]);
    foreach ([VISA_UNCLEARED_VOID, VISA_UNCLEARED_COMPLETED] as $card) {
        $o = created(order_body($card));
        same(['uncleared', 'uncleared'], [$o['status'], $o['financial_status']], 'test card ending ' . substr($card, -4));
    }
    $amex = created(order_body(AMEX_UNCLEARED_VOID, ['amount' => 2000]));
    same('uncleared', $amex['status'], 'Amex uncleared card');
}

function test_unknown_valid_card_needs_3ds_then_completes(): void
{
    $o = created(order_body(VISA_UNKNOWN));
    same('initialized', $o['status']);
    same(302, emu()->acs($o['order_id'], 'authenticate')['status']);
    $after = order_data($o['order_id']);
    same(['completed', 'completed'], [$after['status'], $after['financial_status']]);
    same(null, $after['payment_details']['issuer_country_code'], 'no BIN table entry: unknown country');
    same('challenge', $after['payment_details']['card_authentication_details']['flow']);
}

function test_error_envelope_has_the_real_shape(): void
{
    $response = create_order(order_body(VISA_NO_3DS, ['currency' => 'XXX']));
    same('application/json', $response['headers']['content-type'] ?? null);
    check(str_contains($response['body'], '"data":{}'), 'data is an empty object');
    same(['success', 'data', 'error_code', 'error_info'], array_keys($response['json']));
}

function test_bancontact_gateways_are_accepted(): void
{
    foreach (['BANCONTACT', 'MISTERCASH', 'CREDITCARD'] as $gateway) {
        $o = created(order_body(BANCONTACT_3DS, ['gateway' => $gateway, 'gateway_info' => ['card_cvc' => null]]));
        same('initialized', $o['status'], "Bancontact on $gateway needs 3DS");
        same('MISTERCASH', $o['payment_details']['type']);
    }
    api_error(create_order(order_body(VISA_NO_3DS, ['gateway' => 'BANCONTACT'])), 1023, 400, 'Visa on BANCONTACT');
}

function test_notification_url_must_be_https_without_port_except_on_loopback(): void
{
    $bad = [
        'http://shop.example/notify' => 'http off loopback',
        'https://shop.example:8443/notify' => 'a port off loopback',
        'ftp://127.0.0.1/x' => 'not http',
        'notify' => 'relative',
        'https://shop.example/' . str_repeat('n', 140) => 'over 150 characters',
    ];
    foreach ($bad as $url => $why) {
        api_error(create_order(order_body(VISA_NO_3DS, ['payment_options' => ['notification_url' => $url]])), 1016, 400, $why);
    }
    // The docs ask https without a port of the webhook endpoint only: redirect and cancel URLs may use both.
    $o = created(order_body(VISA_NO_3DS, ['payment_options' => ['redirect_url' => 'http://shop.example:8080/back', 'cancel_url' => 'http://shop.example/c']]));
    same('http://shop.example:8080/back?transactionid=' . rawurlencode($o['order_id']), $o['payment_url']);
    same('http://shop.example/c', $o['cancel_url']);
    foreach (['redirect_url', 'cancel_url'] as $field) {
        $info = api_error(create_order(order_body(VISA_NO_3DS, ['payment_options' => [$field => 'ftp://shop.example/x']])), 1016, 400, "$field over ftp");
        check(str_contains($info, "payment_options.$field"), "the message names $field");
        api_error(create_order(order_body(VISA_NO_3DS, ['payment_options' => [$field => '/back']])), 1016, 400, "$field relative");
    }
    foreach (['https://shop.example/notify', 'http://127.0.0.1:8080/n', 'http://localhost:1/n', 'http://[::1]:80/n'] as $url) {
        created(order_body(VISA_NO_3DS, ['payment_options' => ['notification_url' => $url]]));
    }
    api_error(create_order(order_body(VISA_NO_3DS, ['payment_options' => ['notification_method' => 'PUT']])), 1016);
}

function test_malformed_requests(): void
{
    api_error(emu()->api('POST', 'orders', '{"type":'), 1000, 400, 'not JSON');
    api_error(emu()->api('POST', 'orders', '[1,2]'), 1000, 400, 'a JSON list');
    api_error(create_order(order_body(VISA_NO_3DS, ['type' => 'redirect'])), 1000, 400, 'type redirect');
    api_error(emu()->api('GET', 'gateways'), 1000, 404, 'unknown path');
    api_error(emu()->api('DELETE', 'orders/x'), 1000, 405, 'method');
    api_error(emu()->api('GET', 'orders'), 1000, 405, 'GET /orders');
}

function test_mixed_types_mode_flips_types_like_real_payloads(): void
{
    site(['mixed_types' => true]);
    $o = created(order_body(VISA_NO_3DS, ['order_id' => '900123']));
    check(is_string($o['transaction_id']) && strlen($o['transaction_id']) === 16, 'transaction_id as a string');
    same(900123, $o['order_id'], 'numeric order_id as a number');
    same('10000', $o['amount'], 'amount as a string');
    same('0', $o['amount_refunded'], 'amount_refunded as a string');
    same(3335, $o['payment_details']['last4'], 'last4 as a number');
    same(3012, $o['payment_details']['card_expiry_date'], 'card_expiry_date as a number');
    check(is_string($o['costs'][0]['transaction_id']), 'costs[].transaction_id as a string');
    same(4, created(order_body(MASTERCARD_3DS))['payment_details']['last4'], 'last4 "0004" arrives as 4');
    $error = get_order('nope');
    check(str_contains($error['body'], '"data":[]'), 'error data as []');
    same('order-x', created(order_body(VISA_NO_3DS, ['order_id' => 'order-x']))['order_id'], 'a non-numeric order_id stays text');
}

function test_cancel_an_initialized_order(): void
{
    $o = created(order_body(VISA_3DS));
    ok_data(emu()->api('PATCH', 'orders/' . rawurlencode($o['order_id']), ['status' => 'cancelled', 'exclude_order' => true]));
    $after = order_data($o['order_id']);
    same(['void', 'cancelled'], [$after['status'], $after['financial_status']]);
    $page = MspEmulator::http('GET', $o['payment_url']);
    same(409, $page['status'], 'the ACS page is closed');
    $paid = created(order_body(VISA_NO_3DS));
    $info = api_error(emu()->api('PATCH', 'orders/' . rawurlencode($paid['order_id']), ['status' => 'cancelled', 'exclude_order' => true]), 1000);
    check(str_contains($info, 'initialized'), 'the refusal says only initialized orders can be cancelled');
    api_error(emu()->api('PATCH', 'orders/unknown', ['status' => 'cancelled']), 1006, 404);
}

function test_mark_a_paid_order_shipped(): void
{
    $o = created(order_body(VISA_NO_3DS));
    ok_data(emu()->api('PATCH', 'orders/' . rawurlencode($o['order_id']), ['status' => 'shipped', 'tracktrace_code' => 'TT1']));
    same(['shipped', 'completed'], [order_data($o['order_id'])['status'], order_data($o['order_id'])['financial_status']]);
    $open = created(order_body(VISA_3DS));
    api_error(emu()->api('PATCH', 'orders/' . rawurlencode($open['order_id']), ['status' => 'shipped']), 1000);
}
