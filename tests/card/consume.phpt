--TEST--
Msp\Card::consume(): takes the number from the caller's variables and empties them
--EXTENSIONS--
msp
--FILE--
<?php
// Built at run time, so the strings are not interned literals and have one reference each.
$number = implode('', ['4111', '1111', '1111', '1111']);
$cvc = implode('', ['1', '2', '3']);
$card = Msp\Card::consume($number, 12, 2030, $cvc, 'J. Tester');
var_dump($number, $cvc, $card->masked(), $card->hasCvc());

// A shared string: the caller's variable is emptied, the other copy keeps its value (documented).
$original = implode('', ['5500', '0000', '0000', '0004']);
$copy = $original;
$cvc = implode('', ['1', '2', '3']);
$card = Msp\Card::consume($copy, 12, 2030, $cvc);
var_dump($copy, $original === '5500' . '000000000004');

// Emptied even when refused.
$bad = implode('', ['4111', '1111', '1111', '1112']);
$badCvc = implode('', ['1', '2', '3']);
try {
    Msp\Card::consume($bad, 12, 2030, $badCvc);
} catch (Msp\CardException $e) {
    echo $e->getReason()->name, "\n";
}
var_dump($bad, $badCvc);

// A reference to an array element.
$form = ['pan' => implode('', ['3782', '8224', '6310', '005']), 'cvc' => implode('', ['1', '2', '3', '4'])];
$card = Msp\Card::consume($form['pan'], 12, 2030, $form['cvc']);
var_dump($form, $card->brand());

// Typed properties stay type-correct.
class Checkout { public string $pan = ''; public ?string $cvc = null; }
$c = new Checkout;
$c->pan = implode('', ['4111', '1111', '1111', '1111']);
$c->cvc = implode('', ['1', '2', '3']);
Msp\Card::consume($c->pan, 12, 2030, $c->cvc);
var_dump($c->pan, $c->cvc);

// Wrong types are a TypeError, not a silent conversion.
$int = 4111111111111111;
try {
    Msp\Card::consume($int, 12, 2030);
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
// Maestro without CVC: the optional by-reference CVC may be left out.
$maestro = implode('', ['6799', '9900', '0000', '0000', '011']);
var_dump(Msp\Card::consume($maestro, 12, 2030)->brand(), $maestro);
?>
--EXPECT--
string(0) ""
string(0) ""
string(16) "411111******1111"
bool(true)
string(0) ""
bool(true)
LuhnFailed
string(0) ""
string(0) ""
array(2) {
  ["pan"]=>
  string(0) ""
  ["cvc"]=>
  string(0) ""
}
enum(Msp\CardBrand::Amex)
string(0) ""
string(0) ""
Msp\Card::consume(): Argument #1 ($number) must be of type string, int given
enum(Msp\CardBrand::Maestro)
string(0) ""
