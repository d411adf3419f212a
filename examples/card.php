<?php
/*
 * Msp\Card in a checkout: validate what the customer typed, show it masked, and keep the number
 * out of every log and dump. Run: php -d extension=msp.so examples/card.php
 */
declare(strict_types=1);

function describe(string $label, Msp\Card $card): void
{
    printf("%-22s %-16s %-20s expires %s (%s)%s\n", $label, $card->brand()->displayName(), $card->masked(),
        $card->expiry(), $card->isExpired() ? 'expired' : 'valid', $card->hasCvc() ? '' : ', no CVC');
}

echo "== Cards customers typed (MultiSafepay test cards)\n";
describe('grouped with spaces', new Msp\Card('4111 1111 1111 1111', 12, 2030, '123', 'J. Tester'));
describe('Mastercard', new Msp\Card('5500-0000-0000-0004', 1, 29, '123'));
describe('American Express', new Msp\Card('378282246310005', 6, 2031, '1234'));
describe('Maestro without CVC', new Msp\Card('6799990000000000011', 3, 2030));
describe('Bancontact', new Msp\Card('67034500054620008', 3, 2030, '123'));

echo "\n== Taking the number from the form and wiping the form's copy\n";
$posted = ['pan' => implode('', ['4111', '1111', '1111', '1111']), 'cvc' => implode('', ['1', '2', '3'])];
$card = Msp\Card::consume($posted['pan'], 12, 2030, $posted['cvc']);
printf("form fields after consume(): pan=%s cvc=%s\n", var_export($posted['pan'], true), var_export($posted['cvc'], true));
describe('consumed', $card);

echo "\n== What a dump shows\n";
var_dump($card);
echo json_encode($card), "\n";

echo "\n== Refusals: typed, with a reason a shop can map to its own message\n";
$attempts = [
    'typo in the number' => ['4111 1111 1111 1112', 12, 2030, '123'],
    'Discover card' => ['6011 1111 1111 1117', 12, 2030, '123'],
    'letters' => ['4111 1111 abcd 1111', 12, 2030, '123'],
    'Amex with 3-digit CID' => ['3782 822463 10005', 12, 2030, '123'],
    'month 13' => ['4111 1111 1111 1111', 13, 2030, '123'],
];
foreach ($attempts as $label => [$number, $month, $year, $cvc]) {
    try {
        new Msp\Card($number, $month, $year, $cvc);
        printf("%-22s accepted?!\n", $label);
    } catch (Msp\CardException $e) {
        printf("%-22s %-18s %s\n", $label, $e->getReason()->value, $e->getMessage());
    }
}
