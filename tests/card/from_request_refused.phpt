--TEST--
Msp\Card::fromRequest(): a refused card and a missing field throw, and the number and CVC are wiped all the same
--EXTENSIONS--
msp
--POST--
other=5500-0000-0000-0004&pan=4111-1111-1111-1112&month=12&year=2030&cvc=987
--FILE--
<?php
require __DIR__ . '/cards.inc';
$secrets = ['4111111111111112', '4111-1111-1111-1112', 'cvc=987', '5500000000000004', '5500-0000-0000-0004'];

// A field that is not there: a typed exception naming it, and what was there is wiped anyway.
$request = $_REQUEST;
try {
    Msp\Card::fromRequest('other', 'month', 'year', 'card_cvc');
} catch (Msp\InvalidArgumentException $e) {
    echo get_class($e), ': ', $e->getMessage(), ' [field: ', $e->getField(), "]\n";
}
echo 'number ', $_POST['other'] === '' && $request['other'] === '' ? 'wiped' : 'NOT WIPED', "\n";
echo 'cvc ', $_POST['cvc'] === '987' ? 'untouched (not named)' : 'changed', "\n";

// Refused (Luhn): CardException, and the CVC is wiped too.
try {
    Msp\Card::fromRequest('pan', 'month', 'year', 'cvc');
} catch (Msp\CardException $e) {
    echo get_class($e), ': ', $e->getReason()->name, "\n";
}
echo 'number ', $_POST['pan'] === '' && filter_input(INPUT_POST, 'pan') === '' ? 'wiped' : 'NOT WIPED', "\n";
echo 'cvc ', $_POST['cvc'] === '' && filter_input(INPUT_POST, 'cvc') === '' ? 'wiped' : 'NOT WIPED', "\n";
msp_assert_no_secret(file_get_contents('php://input'), $secrets, 'php://input');
echo file_get_contents('php://input'), "\n";
var_dump($_POST['month'], $_POST['year']);
?>
--EXPECT--
Msp\InvalidArgumentException: Msp\Card::fromRequest(): the request's field "card_cvc" is missing [field: card_cvc]
number wiped
cvc untouched (not named)
Msp\CardException: LuhnFailed
number wiped
cvc wiped
clean: php://input
other=XXXXXXXXXXXXXXXXXXX&pan=XXXXXXXXXXXXXXXXXXX&month=12&year=2030&cvc=XXX
string(2) "12"
string(4) "2030"
