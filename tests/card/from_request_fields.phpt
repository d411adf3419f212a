--TEST--
Msp\Card::fromRequest(): bracketed names (Magento's payment[...]), names PHP mangles, split expiry fields, a Maestro without CVC
--EXTENSIONS--
msp
--POST--
payment%5Bcc_number%5D=6799+9900+0000+0000+011&payment[cc_exp_month]=7&payment[cc_exp_year]=31&payment[cc_cid]=&card.holder=A.+Maestro&list[]=x
--FILE--
<?php
require __DIR__ . '/cards.inc';
$card = Msp\Card::fromRequest('payment[cc_number]', 'payment[cc_exp_month]', 'payment[cc_exp_year]', 'payment[cc_cid]', 'card_holder');
echo $card->brand()->name, ' ', $card->masked(), ' ', $card->expiry(), ' ', $card->holder(), ' cvc:', var_export($card->hasCvc(), true), "\n";
echo 'number ', $_POST['payment']['cc_number'] === '' ? 'wiped' : 'NOT WIPED', "\n";
msp_assert_no_secret(file_get_contents('php://input'), ['6799990000000000011', '6799+9900+0000+0000+011'], 'php://input');
echo file_get_contents('php://input'), "\n";

// A field that holds an array is refused like a missing one.
try {
    Msp\Card::fromRequest('list', 'payment[cc_exp_month]', 'payment[cc_exp_year]');
} catch (Msp\InvalidArgumentException $e) {
    echo $e->getMessage(), ' [field: ', $e->getField(), "]\n";
}
?>
--EXPECT--
Maestro 679999*********0011 3107 A. Maestro cvc:false
number wiped
clean: php://input
payment%5Bcc_number%5D=XXXXXXXXXXXXXXXXXXXXXXX&payment[cc_exp_month]=7&payment[cc_exp_year]=31&payment[cc_cid]=&card.holder=A.+Maestro&list[]=x
Msp\Card::fromRequest(): the request's field "list" is not a string [field: list]
