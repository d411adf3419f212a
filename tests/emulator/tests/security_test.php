<?php

declare(strict_types=1);

/* Card data discipline: no PAN or CVC in the request log, the server log, the database or any payload. */

const CVC_MARKERS = ['"card_cvc"', '"cvc"'];

/** Creates an order with every test card (3DS or not), so every PAN has passed through the emulator. */
function create_with_every_test_card(): array
{
    $ids = [];
    foreach (ALL_TEST_CARDS as $card) {
        $overrides = str_starts_with($card, '6703') ? ['gateway_info' => ['card_cvc' => '123']] : [];
        $body = with_notifications(order_body($card, $overrides));
        ok_data(create_order($body));
        $ids[] = $body['order_id'];
    }
    return $ids;
}

function assert_no_card_data(string $text, string $where): void
{
    foreach (ALL_TEST_CARDS as $pan) {
        check(!str_contains($text, $pan), "$where holds a full card number ending " . substr($pan, -4));
    }
    foreach (CVC_MARKERS as $marker) {
        check(!str_contains($text, $marker), "$where holds a CVC field");
    }
}

function test_request_log_masks_card_numbers_and_drops_cvcs(): void
{
    create_with_every_test_card();
    $log = emu()->admin('GET', 'requests?limit=100');
    same(count(ALL_TEST_CARDS), count($log), 'every request is logged');
    $text = json_encode($log, JSON_UNESCAPED_SLASHES);
    assert_no_card_data($text, 'the request log');
    $first = json_decode($log[0]['body'], true);
    same('411111******1111', $first['gateway_info']['card_number'], 'first 6 and last 4 kept');
    check(!array_key_exists('card_cvc', $first['gateway_info']), 'CVC removed');
    same('3012', $first['gateway_info']['card_expiry_date'], 'the rest of the body is kept');
    check(str_starts_with($log[0]['headers']['api_key'], '[redacted'), 'the API key is not logged');
    check(!str_contains($text, emu()->apiKey()), 'the API key appears nowhere');
}

function test_request_log_masks_card_numbers_in_free_text_and_broken_bodies(): void
{
    create_order(order_body(VISA_NO_3DS, ['description' => 'card 4111 1111 1111 1111 cvc 123', 'gateway_info' => ['cvc' => '123', 'card_cvc' => null]]));
    emu()->api('POST', 'orders', '{"gateway_info":{"card_number":"' . VISA_3DS . '","card_cvc":"123"');
    $text = json_encode(emu()->admin('GET', 'requests'), JSON_UNESCAPED_SLASHES);
    assert_no_card_data($text, 'the request log');
    check(!str_contains($text, '4111 1111 1111 1111'), 'a spaced PAN in a description is masked');
    check(str_contains($text, '411111******1111'), 'masked to first 6 + last 4');
}

function test_stored_data_and_server_log_hold_no_card_data(): void
{
    $ids = create_with_every_test_card();
    foreach ($ids as $id) {
        $acs = emu()->admin('GET', 'orders/' . rawurlencode($id))['acs_url'];
        if ($acs !== null) {
            MspEmulator::http('GET', $acs);
            emu()->acs($id, 'authenticate');
        }
    }
    emu()->advance(86400);
    assert_no_card_data((string) file_get_contents(emu()->dbPath()) . (string) @file_get_contents(emu()->dbPath() . '-wal'), 'the SQLite database');
    assert_no_card_data((string) file_get_contents(emu()->logFile()), 'the server log');
    assert_no_card_data(json_encode(emu()->admin('GET', 'notifications')), 'the notification log');
    assert_no_card_data(implode("\n", array_column(sink()->received(), 'body')), 'notification bodies');
}

function test_responses_and_pages_hold_no_card_data(): void
{
    foreach (ALL_TEST_CARDS as $card) {
        $overrides = str_starts_with($card, '6703') ? ['gateway_info' => ['card_cvc' => '123']] : [];
        $response = create_order(order_body($card, $overrides));
        assert_no_card_data($response['body'], 'a create response');
        $url = $response['json']['data']['payment_url'] ?? null;
        if (is_string($url) && str_contains($url, '/_emulator/acs/')) {
            assert_no_card_data(MspEmulator::http('GET', $url)['body'], 'the ACS page');
        }
    }
    $error = create_order(order_body(luhn_number('4', 15)));
    assert_no_card_data($error['body'], 'an error response');
}
