--TEST--
3-D Secure policy end to end: msp's decision matches what the emulator does, per brand, with and without an exempting rule; Flexible 3D
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/../client/client.inc';
// One rule set, given to msp and (in the emulator's own spelling) to the emulator's site.
$rules = [['name' => 'small Dutch cards', 'action' => 'skip', 'amounts' => [['currency' => 'EUR', 'max' => 2500]],
    'card_countries' => ['include' => ['NL']]]];
$emuRules = array_map(function (array $r) { $r['amount'] = $r['amounts']; unset($r['amounts']); return $r; }, $rules);
$emu = msp_emulator_start(['dynamic_3d_rules' => $emuRules]);
$client = msp_test_client($emu);
$policy = new Msp\ThreeDsPolicy($rules);
$none = new Msp\ThreeDsPolicy();

$cards = [['4111111111111111', 'Visa'], ['5500000000000004', 'Mastercard'], ['6799990000000000011', 'Maestro'],
    ['374500000000015', 'Amex'], ['67034500054620008', 'Bancontact']];
foreach ($cards as [$number, $brand]) {
    foreach ([2000, 4000] as $amount) {
        $card = new Msp\Card($number, 12, 2030, msp_test_cvc($brand));
        // The emulator's BIN table puts the test cards in NL; the shop would know this from its BIN data.
        $decision = $policy->decide($card, $amount, 'EUR', 'NL', 'NL', 'NL');
        $order = $client->createOrder(msp_test_request($number, $amount, 'EUR', null, msp_test_cvc($brand)));
        $agree = $decision->required === $order->requiresVerification() ? 'agree' : 'DISAGREE';
        printf("%-10s %5d: msp %-7s (%s) emulator %-18s %s\n", $brand, $amount, $decision->required ? 'require' : 'skip',
            $decision->reason->value, $order->requiresVerification() ? '3DS form' : 'final ' . $order->status->value, $agree);
    }
}

// Flexible 3D: the merchant decides per payment and sends the decision with the order.
$emu->admin('POST', 'sites', ['site' => 'default', 'dynamic_3d_rules' => [], 'flexible_3d' => true]);
$visa = new Msp\Card('4111111111111111', 12, 2030, '123');
$skip = $policy->decide($visa, 1000, 'EUR', 'NL', 'NL', 'NL');
$order = $client->createOrder(msp_test_request('4111111111111111', 1000)->threeDs($skip, 'https://shop.example/3ds-term'));
printf("flexible 3D skip: %s\n", $order->requiresVerification() ? '3DS form' : 'final ' . $order->status->value);
$require = $none->decide($visa, 1000, 'EUR', 'NL', 'NL', 'NL');
$order = $client->createOrder(msp_test_request('4111111111111111', 1000)->threeDs($require, 'https://shop.example/3ds-term'));
printf("flexible 3D require: %s\n", $order->requiresVerification() ? '3DS form' : 'final ' . $order->status->value);
try {
    msp_test_request('4111111111111111', 1500)->threeDs($skip, 'https://shop.example/3ds-term');
} catch (Msp\InvalidArgumentException $e) {
    echo "decision for another amount: ", $e->getMessage(), "\n";
}
// A skip a brand forbids is refused before any traffic.
$before = count($emu->admin('GET', 'requests?limit=1000'));
try {
    $client->createOrder(msp_test_request('6799990000000000011', 1000, 'EUR', null, null)->flexible3d(false, 'https://shop.example/t'));
} catch (Msp\Exception $e) {
    echo "Maestro without 3DS: ", get_class($e), "\n";
}
printf("requests sent: %d\n", count($emu->admin('GET', 'requests?limit=1000')) - $before);
?>
--EXPECT--
Visa        2000: msp skip    (rule_matched) emulator final completed    agree
Visa        4000: msp require (no_rule_matched) emulator 3DS form           agree
Mastercard  2000: msp skip    (rule_matched) emulator final completed    agree
Mastercard  4000: msp require (no_rule_matched) emulator 3DS form           agree
Maestro     2000: msp require (brand_requires_3ds) emulator 3DS form           agree
Maestro     4000: msp require (brand_requires_3ds) emulator 3DS form           agree
Amex        2000: msp skip    (rule_matched) emulator final completed    agree
Amex        4000: msp require (amex_safekey_required) emulator 3DS form           agree
Bancontact  2000: msp require (brand_requires_3ds) emulator 3DS form           agree
Bancontact  4000: msp require (brand_requires_3ds) emulator 3DS form           agree
flexible 3D skip: final completed
flexible 3D require: 3DS form
decision for another amount: the 3-D Secure decision was made for another payment (brand, amount or currency differ)
Maestro without 3DS: Msp\InvalidArgumentException
requests sent: 0
