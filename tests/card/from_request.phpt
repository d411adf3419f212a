--TEST--
Msp\Card::fromRequest(): builds the card from $_POST and wipes the number and CVC in $_POST, $_REQUEST, filter's copy and php://input, for every sharer
--EXTENSIONS--
msp
--POST--
card_number=4111+1111+1111+1111&card_expiry=12+%2F+30&card_cvc=123&holder=J.+Tester&note=keep+me
--FILE--
<?php
require __DIR__ . '/cards.inc';
$secrets = ['4111111111111111', '4111 1111 1111 1111', '4111+1111+1111+1111', 'card_cvc=123'];
function wiped(string $where, mixed $value): void
{
    echo $where, ': ', $value === '' ? 'wiped' : 'NOT WIPED', "\n";
}

// What a framework does before the payment code runs: copies of the array and of one value, which
// share the strings with $_POST (WordPress' wp_magic_quotes() rebuilds $_POST and $_REQUEST this way).
$_POST = array_map('addslashes', $_POST);
$_REQUEST = array_merge($_GET, $_POST);
$frameworkCopy = $_POST;
$number = $_POST['card_number'];

$card = Msp\Card::fromRequest('card_number', 'card_expiry', null, 'card_cvc', 'holder');
echo $card->brand()->name, ' ', $card->masked(), ' ', $card->expiry(), ' ', $card->holder(), ' ', var_export($card->hasCvc(), true), "\n";

// The secrets read "" everywhere PHP holds them; the other fields are left alone.
wiped('$_POST number', $_POST['card_number']);
wiped('$_POST cvc', $_POST['card_cvc']);
wiped('$_REQUEST number', $_REQUEST['card_number']);
wiped('$_REQUEST cvc', $_REQUEST['card_cvc']);
wiped('framework copy', $frameworkCopy['card_number']);
wiped('variable', $number);
wiped('filter_input number', filter_input(INPUT_POST, 'card_number'));
wiped('filter_input cvc', filter_input(INPUT_POST, 'card_cvc'));
var_dump($_POST['card_expiry'], $_POST['holder'], $_POST['note'], filter_input(INPUT_POST, 'holder'));

// The raw body: the values are Xs of the same length, the rest is as sent.
$input = file_get_contents('php://input');
msp_assert_no_secret($input, $secrets, 'php://input');
var_dump(str_starts_with($input, 'card_number=XXXXXXXXXXXXXXXXXXX&card_expiry=12+%2F+30&card_cvc=XXX&holder=J.+Tester'));
msp_assert_no_secret(serialize([$_POST, $_REQUEST, $frameworkCopy, $number, filter_input_array(INPUT_POST)]), $secrets, 'request arrays');
?>
--EXPECT--
Visa 411111******1111 3012 J. Tester true
$_POST number: wiped
$_POST cvc: wiped
$_REQUEST number: wiped
$_REQUEST cvc: wiped
framework copy: wiped
variable: wiped
filter_input number: wiped
filter_input cvc: wiped
string(7) "12 / 30"
string(9) "J. Tester"
string(7) "keep me"
string(9) "J. Tester"
clean: php://input
bool(true)
clean: request arrays
