--TEST--
Msp\OrderRequest / Msp\Client::createOrder(): every invalid request is refused before any network traffic
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();
$client = msp_test_client($emu);
$visa = new Msp\Card('4111111111111111', 12, 2030, '123');
$before = count($emu->admin('GET', 'requests')['requests'] ?? $emu->admin('GET', 'requests'));

function attempt(string $label, callable $build): void
{
    global $client;
    try {
        $request = $build();
        $client->createOrder($request);
        echo "$label: SENT\n";
    } catch (Msp\CardException $e) {
        echo "$label: CardException ", $e->getReason()->value, "\n";
    } catch (Msp\InvalidArgumentException $e) {
        echo "$label: ", $e->getField() ?? '-', ": ", $e->getMessage(), "\n";
    }
}

$valid = fn () => msp_test_request('4111111111111111');
$customer = ['ip_address' => '203.0.113.7', 'country' => 'NL'];
attempt('empty order id', fn () => new Msp\OrderRequest('', 1000, 'EUR', 'x', $visa));
attempt('order id 51 chars', fn () => new Msp\OrderRequest(str_repeat('a', 51), 1000, 'EUR', 'x', $visa));
attempt('amount 0', fn () => new Msp\OrderRequest('o1', 0, 'EUR', 'x', $visa));
attempt('negative amount', fn () => new Msp\OrderRequest('o1', -5, 'EUR', 'x', $visa));
attempt('unknown currency', fn () => new Msp\OrderRequest('o1', 1000, 'EUX', 'x', $visa));
attempt('lower-case currency', fn () => new Msp\OrderRequest('o1', 1000, 'eur', 'x', $visa));
attempt('empty description', fn () => new Msp\OrderRequest('o1', 1000, 'EUR', '', $visa));
attempt('description 201 chars', fn () => new Msp\OrderRequest('o1', 1000, 'EUR', str_repeat('d', 201), $visa));
attempt('gateway of another brand', fn () => new Msp\OrderRequest('o1', 1000, 'EUR', 'x', $visa, 'AMEX'));
attempt('unknown gateway', fn () => new Msp\OrderRequest('o1', 1000, 'EUR', 'x', $visa, 'PAYPAL'));
attempt('expired card', fn () => (new Msp\OrderRequest('o1', 1000, 'EUR', 'x', new Msp\Card('4111111111111111', 1, 2020, '123')))->customer($customer));
attempt('no customer', fn () => new Msp\OrderRequest('o1', 1000, 'EUR', 'x', $visa));
attempt('bad IP address', fn () => $valid()->customer(['ip_address' => '300.1.2.3', 'country' => 'NL']));
attempt('bad country', fn () => $valid()->customer(['ip_address' => '203.0.113.7', 'country' => 'XX']));
attempt('missing country', fn () => (new Msp\OrderRequest('o1', 1000, 'EUR', 'x', $visa))->customer(['ip_address' => '203.0.113.7']));
attempt('unknown customer key', fn () => $valid()->customer($customer + ['shoe_size' => '44']));
attempt('bad email', fn () => $valid()->customer($customer + ['email' => 'not-an-email']));
attempt('bad locale', fn () => $valid()->customer($customer + ['locale' => 'dutch']));
attempt('control character', fn () => $valid()->customer($customer + ['city' => "Amster\ndam"]));
attempt('relative redirect URL', fn () => $valid()->redirectUrl('/checkout/done'));
attempt('notification method', fn () => $valid()->notificationUrl('https://shop.example/n', 'PUT'));
attempt('item quantity 0', fn () => $valid()->addItem('T-shirt', 1000, 0));
attempt('flexible 3D without term URL', fn () => $valid()->flexible3d(false, ''));
$after = count($emu->admin('GET', 'requests')['requests'] ?? $emu->admin('GET', 'requests'));
echo "requests that reached the emulator: ", $after - $before, "\n";
echo "orders in the emulator: ", msp_test_order_count($emu), "\n";
?>
--EXPECTF--
empty order id: order_id: %s
order id 51 chars: order_id: %s
amount 0: amount: %s
negative amount: amount: %s
unknown currency: currency: %s
lower-case currency: currency: %s
empty description: description: %s
description 201 chars: description: %s
gateway of another brand: gateway: %s
unknown gateway: gateway: %s
expired card: CardException EXPIRED
no customer: customer.ip_address: %s
bad IP address: customer.ip_address: %s
bad country: customer.country: %s
missing country: customer.country: %s
unknown customer key: customer.shoe_size: %s
bad email: customer.email: %s
bad locale: customer.locale: %s
control character: customer.city: %s
relative redirect URL: payment_options.redirect_url: %s
notification method: payment_options.notification_method: %s
item quantity 0: shopping_cart.items.quantity: %s
flexible 3D without term URL: gateway_info.term_url: %s
requests that reached the emulator: 0
orders in the emulator: 0
