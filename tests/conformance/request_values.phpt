--TEST--
Conformance: Msp\OrderRequest takes what the docs' schema allows (gender M/F, "" and null as no value, Zero Authorization) and names what it refuses
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/conformance.inc';
$emu = msp_emulator_start();
$client = new Msp\Client($emu->apiKey(), ['base_url' => $emu->baseUrl(), 'timeout' => 10]);

function refused(string $label, callable $call): void
{
    try {
        $call();
        echo "$label: accepted\n";
    } catch (Msp\InvalidArgumentException $e) {
        echo "$label: ", $e->getField(), ' refused: ', $e->getMessage(), "\n";
    }
}

function request(int $amount = 1000, string $number = '4012001038443335', ?string $cvc = '123'): Msp\OrderRequest
{
    static $n = 0;
    return (new Msp\OrderRequest('values-' . ++$n, $amount, 'EUR', 'values', new Msp\Card($number, 12, 2030, $cvc)))
        ->customer(['ip_address' => '89.20.162.110', 'country' => 'NL']);
}

// customer.gender: the schema's M and F; the older words are sent as the letter.
foreach (['M', 'F', 'male', 'female', 'mr', 'mrs', 'miss'] as $gender) {
    echo $gender, ' -> ', request()->customer(['gender' => $gender])->toArray()['customer']['gender'], "\n";
}
refused('gender "m"', fn () => request()->customer(['gender' => 'm']));
refused('gender "X"', fn () => request()->customer(['gender' => 'X']));

// The docs' example leaves optional fields empty (""): msp leaves them out, and so null.
$request = request()->customer(['state' => 'NH', 'city' => 'Amsterdam', 'browser' => ['screen_width' => 1920]]);
$request->customer(['forwarded_ip' => '', 'address2' => '', 'state' => '', 'city' => null, 'browser' => ['screen_width' => null, 'java_enabled' => '']]);
$request->delivery(['first_name' => '', 'country' => null])->vars('v1', '')->customInfo('')->redirectUrl('');
$body = $request->toArray();
echo json_encode($body['customer']), ' ', json_encode(array_keys($body)), "\n";
$request->customer(['browser' => null]);
echo isset($request->toArray()['customer']['browser']) ? 'browser set' : 'no browser', "\n";
echo 'created: ', $client->createOrder($request)->status->value, "\n";
// A required field given empty is refused by name when the order is sent; nothing is sent.
$request = request()->customer(['ip_address' => '']);
refused('ip_address ""', fn () => $client->createOrder($request));
// Types and rules are still checked.
try {
    request()->customer(['city' => 12.5]);
} catch (TypeError $e) {
    echo 'city 12.5: TypeError: ', $e->getMessage(), "\n";
}
refused('birthday 10071970', fn () => request()->customer(['birthday' => '10071970']));
refused('var1 of 500', fn () => request()->vars(str_repeat('v', 500)));
refused('var1 of 501', fn () => request()->vars(str_repeat('v', 501)));
refused('referrer "android-app://shop"', fn () => request()->customer(['referrer' => 'android-app://shop']));

// Zero Authorization: amount 0 with a recurring model stores the card as a token.
$order = $client->createOrder(request(0)->recurring('cardOnFile'));
echo 'zero authorization: ', $order->status->value, ' ', $order->amount, ' token ', strlen($order->toArray()['payment_details']['recurring_id']), " digits\n";
refused('amount 0 alone', fn () => $client->createOrder(request(0)));
refused('amount 0 with a recurring_id', fn () => $client->createOrder(request(0)->recurring('cardOnFile', 'azbkvsE0up4')));
refused('amount 0, Amex', fn () => $client->createOrder(request(0, '378282246310005', '1234')->recurring('subscription')));
refused('amount 0, manual capture', fn () => $client->createOrder(request(0)->recurring('cardOnFile')->manualCapture()));
refused('amount -1', fn () => request(-1));
echo 'orders at the emulator: ', $emu->admin('GET', 'orders')['count'], "\n";

// Redirect and cancel URLs: http and ports are fine in the live environment too (the docs ask
// https without a port of the notification URL only).
$live = new Msp\Client('live-key', ['environment' => 'live', 'base_url' => 'https://127.0.0.1:9/v1/json/', 'timeout' => 1]);
foreach (['redirectUrl' => 'http://shop.example:8080/done', 'notificationUrl' => 'http://shop.example/notify'] as $setter => $url) {
    try {
        $live->createOrder(request()->$setter($url));
    } catch (Msp\InvalidArgumentException $e) {
        echo "live $setter: ", $e->getField(), " refused\n";
    } catch (Msp\Exception $e) {
        echo "live $setter: sent (", get_class($e), ")\n";
    }
}

// Every documented status and transaction status is a case.
echo implode(' ', array_map(fn ($c) => $c->value, Msp\TransactionStatus::cases())), "\n";
echo implode(' ', array_map(fn ($c) => $c->value, Msp\OrderStatus::cases())), "\n";
?>
--EXPECTF--
M -> M
F -> F
male -> M
female -> F
mr -> M
mrs -> F
miss -> F
gender "m": customer.gender refused: customer.gender must be "M" or "F" (also taken: male, female, mr, mrs, miss)
gender "X": customer.gender refused: customer.gender must be "M" or "F" (also taken: male, female, mr, mrs, miss)
{"ip_address":"89.20.162.110","country":"NL"} ["type","gateway","order_id","currency","amount","description","var1","gateway_info","customer"]
no browser
created: completed
ip_address "": customer.ip_address refused: customer.ip_address is required for card payments
city 12.5: TypeError: customer.city must be of type string, float given
birthday 10071970: customer.birthday refused: customer.birthday must be a date as YYYY-MM-DD
var1 of 500: accepted
var1 of 501: var1 refused: var1 must be 1 to 500 characters of valid UTF-8 without control characters
referrer "android-app://shop": accepted
zero authorization: completed 0 token 16 digits
amount 0 alone: amount refused: amount 0 is a zero authorization, which stores the card as a token: set a recurring model (cardOnFile, subscription or unscheduled); a payment is at least 1 minor unit
amount 0 with a recurring_id: amount refused: amount 0 (zero authorization) creates the token: leave recurring_id out, it is for the payments that follow
amount 0, Amex: amount refused: amount 0 (zero authorization) works with Visa, Mastercard and Maestro cards only, not %s
amount 0, manual capture: amount refused: amount 0 (zero authorization) has nothing to capture: no manual capture
amount -1: amount refused: amount must be at least 1 minor unit, or 0 for a zero authorization; got -1
orders at the emulator: 2
live redirectUrl: sent (%s)
live notificationUrl: payment_options.notification_url refused
initialized completed uncleared declined expired void cancelled reserved refunded chargeback partial_refunded created error manual new unknown
initialized completed uncleared declined expired void cancelled refunded partial_refunded reserved chargeback shipped unknown
