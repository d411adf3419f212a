<?php

declare(strict_types=1);

/*
 * What MultiSafepay's documentation shows and the emulator must take: the docs' direct card request
 * as published (a numeric card_expiry_date), ?api_key= authentication, http and ports in the
 * redirect and cancel URLs, Zero Authorization, recurring models, and error texts that name the
 * real problem. The docs' examples themselves are in tests/conformance/fixtures (their README names
 * the source and the commit); tests/conformance sends every one of them.
 */

const DOCS_FIXTURES = __DIR__ . '/../../conformance/fixtures';

/** The docs' card examples expire 12/2025: run them on the day of the docs commit. */
function on_docs_day(): void
{
    emu()->admin('POST', 'clock', ['set' => gmmktime(12, 0, 0, 8, 29, 2025)]);
}

function test_the_docs_direct_card_request_is_accepted_byte_for_byte(): void
{
    site(['notifications_hold' => true]); // its notification_url is example.com: nothing goes out
    on_docs_day();
    $raw = (string) file_get_contents(DOCS_FIXTURES . '/request-create-card-direct.json');
    check(str_contains($raw, '"card_expiry_date": 2512'), 'the fixture has the numeric expiry');
    $o = ok_data(emu()->api('POST', 'orders', $raw));
    same(['my-order-id-1', 100, 'initialized'], [$o['order_id'], $o['amount'], $o['status']], 'a Maestro card: 3-D Secure');
    same(['MAESTRO', '1442', '2512', 'D'], [$o['payment_details']['type'], $o['payment_details']['last4'],
        $o['payment_details']['card_expiry_date'], $o['payment_details']['card_funding']]);
    same('form', $o['customer_verification']['type']);
}

function test_card_expiry_date_as_a_number_or_a_string(): void
{
    foreach ([3012, '3012'] as $expiry) {
        $o = created(order_body(VISA_NO_3DS, ['gateway_info' => ['card_expiry_date' => $expiry]]));
        same('3012', $o['payment_details']['card_expiry_date'], 'expiry ' . get_debug_type($expiry));
    }
    // A number has no leading zero: 912 is 09/12, long expired.
    $info = api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_expiry_date' => 912]])), 1024);
    check(str_contains($info, 'expired'), "912 is read as 0912: $info");
    foreach ([30121, -1] as $bad) {
        $info = api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_expiry_date' => $bad]])), 1024);
        check(str_contains($info, 'card_expiry_date must be YYMM'), "number $bad: $info");
    }
    $info = api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_expiry_date' => 30.12]])), 1024);
    check(str_contains($info, 'YYMM'), "a fraction: $info");
}

function test_messages_name_the_real_problem(): void
{
    $info = api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_cvc' => 123]])), 1024);
    check(str_contains($info, 'card_cvc must be a string') && str_contains($info, 'not int'), "integer CVC: $info");
    check(!str_contains($info, '3 digits'), 'an integer CVC is not called a length problem');
    check(!str_contains($info, '123'), 'the CVC is never echoed');
    $info = api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['cvc' => 123, 'card_cvc' => null]])), 1024);
    check(str_contains($info, 'gateway_info.cvc must be a string'), "the alias is named: $info");
    $info = api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_cvc' => '12']])), 1024);
    check(str_contains($info, 'is 3 digits'), "a short CVC: $info");
    $info = api_error(create_order(order_body(VISA_NO_3DS, ['gateway_info' => ['card_number' => (int) VISA_NO_3DS]])), 1024);
    check(str_contains($info, 'card_number must be a string, not int'), "numeric card number: $info");
    check(!str_contains($info, substr(VISA_NO_3DS, 6)), 'the number is never echoed');
    $info = api_error(create_order(order_body(VISA_NO_3DS, ['recurring_model' => 'monthly'])), 1016);
    check(str_contains($info, 'recurring_model must be cardOnFile, subscription or unscheduled'), $info);
}

function test_api_key_in_the_query_string(): void
{
    $url = emu()->baseUrl() . 'orders?api_key=' . rawurlencode(emu()->apiKey());
    $body = order_body(VISA_NO_3DS);
    $response = MspEmulator::http('POST', $url, json_encode($body), ['Content-Type' => 'application/json']);
    same('completed', ok_data($response)['status'], 'the docs\' ?api_key= form');
    $get = MspEmulator::http('GET', emu()->baseUrl() . 'orders/' . rawurlencode($body['order_id']) . '?api_key=' . rawurlencode(' ' . emu()->apiKey() . ' '));
    same($body['order_id'], ok_data($get)['order_id'], 'trimmed like the header');
    api_error(MspEmulator::http('GET', emu()->baseUrl() . 'orders/x?api_key=wrong'), 1032, 401, 'unknown key');
    $info = api_error(MspEmulator::http('GET', emu()->baseUrl() . 'orders/x'), 1032, 401, 'no key');
    check(str_contains($info, 'query parameter'), "the message names both ways: $info");
    // The header wins over the query parameter.
    api_error(MspEmulator::http('GET', emu()->baseUrl() . 'orders/' . rawurlencode($body['order_id']) . '?api_key=' . rawurlencode(emu()->apiKey()),
        null, ['api_key' => 'wrong']), 1032, 401, 'a wrong header with a right query');
    // The request log keeps a fingerprint, never the key.
    $log = emu()->admin('GET', 'requests?limit=10');
    $text = json_encode($log);
    check(!str_contains($text, emu()->apiKey()), 'the key is not in the request log');
    check(str_contains($text, 'api_key=%5Bredacted%2C+sha256+'), 'the query keeps a fingerprint');
}

function test_zero_authorization_stores_the_card_as_a_token(): void
{
    foreach ([[VISA_NO_3DS, 'cardOnFile'], [MASTERCARD_3DS, 'subscription'], [MAESTRO_3DS, 'unscheduled']] as [$card, $model]) {
        $o = created(order_body($card, ['amount' => 0, 'recurring_model' => $model]));
        if ($o['status'] === 'initialized') {
            same(302, emu()->acs($o['order_id'], 'authenticate')['status']);
            $o = order_data($o['order_id']);
        }
        same(['completed', 'completed', 0, $model], [$o['status'], $o['financial_status'], $o['amount'], $o['payment_details']['recurring_model']], "zero authorization of $model");
        check(preg_match('/^\d{16}$/', (string) $o['payment_details']['recurring_id']) === 1, 'the token is the recurring_id');
    }
    $paid = created(order_body(VISA_NO_3DS, ['amount' => 0, 'recurring_model' => 'cardOnFile']));
    $info = api_error(emu()->api('POST', 'orders/' . rawurlencode($paid['order_id']) . '/refunds', ['currency' => 'EUR']), 1034);
    check(str_contains($info, 'nothing to refund'), "a zero authorization has nothing to refund: $info");
}

function test_zero_authorization_only_as_the_docs_describe_it(): void
{
    $cases = [
        'no recurring model' => [order_body(VISA_NO_3DS, ['amount' => 0]), 'needs recurring_model'],
        'with a recurring_id' => [order_body(VISA_NO_3DS, ['amount' => 0, 'recurring_model' => 'cardOnFile', 'recurring_id' => '57876598769']), 'recurring_id is for the payments that follow'],
        'American Express' => [order_body(AMEX_NO_3DS, ['amount' => 0, 'recurring_model' => 'cardOnFile']), 'Visa, Mastercard and Maestro cards only, not American Express'],
        'manual capture' => [order_body(VISA_NO_3DS, ['amount' => 0, 'recurring_model' => 'cardOnFile', 'capture' => 'manual']), 'nothing to capture'],
    ];
    foreach ($cases as $what => [$body, $expected]) {
        $info = api_error(create_order($body), 1001, 400, $what);
        check(str_contains($info, $expected), "$what: $info");
    }
    $info = api_error(create_order(order_body(VISA_NO_3DS, ['amount' => -1])), 1001, 400, 'negative');
    check(str_contains($info, 'or 0 for a Zero Authorization'), $info);
    same(0, emu()->admin('GET', 'orders')['count'], 'nothing was stored');
}

function test_recurring_model_and_id_are_echoed(): void
{
    $o = created(order_body(VISA_NO_3DS, ['recurring_model' => 'unscheduled', 'recurring_id' => 'azbkvsE0up4']));
    same(['unscheduled', 'azbkvsE0up4'], [$o['payment_details']['recurring_model'], $o['payment_details']['recurring_id']]);
    site(['dynamic_3d_rules' => SKIP_ALL]);
    $declined = created(order_body(VISA_NO_FUNDS, ['recurring_model' => 'cardOnFile']));
    same(['declined', null, null], [$declined['status'], $declined['payment_details']['recurring_id'], $declined['payment_details']['authorization_code']], 'no token for a declined card');
    same('51', $declined['payment_details']['response_code']);
}

function test_manual_capture_answers_capture_fields(): void
{
    // Maestro without a CVC: card_verification_result P (not processed).
    $o = created(order_body(MAESTRO_3DS, ['capture' => 'manual', 'gateway_info' => ['card_cvc' => null]]));
    same(302, emu()->acs($o['order_id'], 'authenticate')['status']);
    $d = order_data($o['order_id'])['payment_details'];
    same(['manual', 10000, 'P', 'MSI', 'D'], [$d['capture'], $d['capture_remain'], $d['card_verification_result'], $d['card_product'], $d['card_funding']]);
    check(preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/', $d['capture_expiry']) === 1, 'capture_expiry');
    same(['challenge', '02'], [$d['card_authentication_details']['flow'], $d['card_authentication_result']['eci']]);
}
