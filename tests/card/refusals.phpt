--TEST--
Msp\Card: every refusal is a Msp\CardException with a machine-readable reason and no card data
--EXTENSIONS--
msp
--FILE--
<?php
require __DIR__ . '/cards.inc';

$cases = [
    // label, number, month, year, cvc, holder
    ['letters', '4111x11111111111', 12, 2030, '123', null],
    ['leading space', ' 4111111111111111', 12, 2030, '123', null],
    ['trailing dash', '4111111111111111-', 12, 2030, '123', null],
    ['double space', '4111  1111 1111 1111', 12, 2030, '123', null],
    ['tab', "4111\t1111111111111", 12, 2030, '123', null],
    ['NUL byte', "4111111111111111\0", 12, 2030, '123', null],
    ['empty', '', 12, 2030, '123', null],
    ['11 digits', msp_luhn_complete('4111111111'), 12, 2030, '123', null],
    ['20 digits', msp_luhn_complete('4111111111111111111'), 12, 2030, '123', null],
    ['Visa with 15 digits', msp_luhn_complete('41111111111111'), 12, 2030, '123', null],
    ['Amex with 16 digits', msp_luhn_complete('371449635398431'), 12, 2030, '1234', null],
    ['Luhn', '4111111111111112', 12, 2030, '123', null],
    ['unknown brand', msp_luhn_complete('999999999999999'), 12, 2030, '123', null],
    ['Discover', '6011111111111117', 12, 2030, '123', null],
    ['JCB', '3530111333300000', 12, 2030, '123', null],
    ['Diners', '30569309025904', 12, 2030, '123', null],
    ['UnionPay', msp_luhn_complete('621234567890123'), 12, 2030, '123', null],
    ['CVC too short', '4111111111111111', 12, 2030, '12', null],
    ['CVC letters', '4111111111111111', 12, 2030, '12a', null],
    ['Amex CVC 3 digits', '378282246310005', 12, 2030, '123', null],
    ['Visa CVC 4 digits', '4111111111111111', 12, 2030, '1234', null],
    ['Visa without CVC', '4111111111111111', 12, 2030, null, null],
    ['month 13', '4111111111111111', 13, 2030, '123', null],
    ['month 0', '4111111111111111', 0, 2030, '123', null],
    ['year 1999', '4111111111111111', 12, 1999, '123', null],
    ['year 100', '4111111111111111', 12, 100, '123', null],
    ['year -1', '4111111111111111', 12, -1, '123', null],
    ['huge month', '4111111111111111', PHP_INT_MAX, 2030, '123', null],
    ['huge year', '4111111111111111', 12, PHP_INT_MAX, '123', null],
    ['year beyond 32 bits', '4111111111111111', 12, 2 ** 32 + 2030, '123', null],
    ['holder with newline', '4111111111111111', 12, 2030, '123', "Jan\nJansen"],
    ['empty holder', '4111111111111111', 12, 2030, '123', ''],
];

foreach ($cases as [$label, $number, $month, $year, $cvc, $holder]) {
    try {
        new Msp\Card($number, $month, $year, $cvc, $holder);
        echo "$label: ACCEPTED\n";
    } catch (Msp\CardException $e) {
        $digits = preg_replace('/\D/', '', $number);
        $leak = ($digits !== '' && str_contains($e->getMessage(), $digits))
            || ($cvc !== null && strlen($cvc) > 2 && str_contains($e->getMessage(), $cvc))
            || preg_match('/\d{7,}/', $e->getMessage());
        printf("%s: %s%s%s\n", $label, $e->getReason()->value,
            $e instanceof Msp\InvalidArgumentException && $e instanceof Msp\Exception ? '' : ' (wrong hierarchy)',
            $leak ? ' LEAK' : '');
    }
}

// The message is useful: it says what is wrong.
try {
    new Msp\Card('6011111111111117', 12, 2030, '123');
} catch (Msp\CardException $e) {
    echo $e->getMessage(), "\n";
}
// A month or year beyond 32 bits is refused for what it is, and no long digit run is written out.
foreach ([[12, PHP_INT_MAX], [PHP_INT_MIN, 2030], [12, 2 ** 32 + 2030], [12, 20300]] as [$month, $year]) {
    try {
        new Msp\Card('4111111111111111', $month, $year, '123');
    } catch (Msp\CardException $e) {
        echo $e->getMessage(), "\n";
    }
}
// Maestro may come without CVC.
var_dump((new Msp\Card('6799990000000000011', 12, 2030))->hasCvc());
// Users can throw it too, with a reason.
$e = new Msp\CardException('declined by shop rules', Msp\CardError::Expired);
var_dump($e->getReason() === Msp\CardError::Expired);
?>
--EXPECT--
letters: INVALID_CHARACTERS
leading space: INVALID_CHARACTERS
trailing dash: INVALID_CHARACTERS
double space: INVALID_CHARACTERS
tab: INVALID_CHARACTERS
NUL byte: INVALID_CHARACTERS
empty: INVALID_LENGTH
11 digits: INVALID_LENGTH
20 digits: INVALID_LENGTH
Visa with 15 digits: INVALID_LENGTH
Amex with 16 digits: INVALID_LENGTH
Luhn: LUHN_FAILED
unknown brand: UNKNOWN_BRAND
Discover: UNSUPPORTED_BRAND
JCB: UNSUPPORTED_BRAND
Diners: UNSUPPORTED_BRAND
UnionPay: UNSUPPORTED_BRAND
CVC too short: INVALID_CVC
CVC letters: INVALID_CVC
Amex CVC 3 digits: INVALID_CVC
Visa CVC 4 digits: INVALID_CVC
Visa without CVC: CVC_REQUIRED
month 13: INVALID_EXPIRY
month 0: INVALID_EXPIRY
year 1999: INVALID_EXPIRY
year 100: INVALID_EXPIRY
year -1: INVALID_EXPIRY
huge month: INVALID_EXPIRY
huge year: INVALID_EXPIRY
year beyond 32 bits: INVALID_EXPIRY
holder with newline: INVALID_HOLDER
empty holder: INVALID_HOLDER
Discover cards are not supported by MultiSafepay direct payments
expiry year must have 2 digits or 4 digits from 2000 to 2099, got a number of 19 digits
expiry month must be 1 to 12, got a negative number of 19 digits
expiry year must have 2 digits or 4 digits from 2000 to 2099, got a number of 10 digits
expiry year must have 2 digits or 4 digits from 2000 to 2099, got 20300
bool(false)
bool(true)
