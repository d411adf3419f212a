--TEST--
Msp\Card: dumps, casts, JSON, Reflection and get_object_vars show only masked data
--EXTENSIONS--
msp
--FILE--
<?php
require __DIR__ . '/cards.inc';

$pan = '4111111111111111';
$cvc = '123';
$card = new Msp\Card($pan, 12, 2030, $cvc, 'J. Tester');
$secrets = [$pan, '111111111111', '4111 1111'];

$views = [
    'var_dump' => function () use ($card) { ob_start(); var_dump($card); return ob_get_clean(); },
    'print_r' => fn () => print_r($card, true),
    'var_export' => fn () => var_export($card, true),
    '(array)' => fn () => print_r((array) $card, true),
    'json_encode' => fn () => json_encode($card),
    'debug_zval_dump' => function () use ($card) { ob_start(); debug_zval_dump($card); return ob_get_clean(); },
    'get_object_vars' => fn () => print_r(get_object_vars($card), true),
    'Reflection' => function () use ($card) {
        $r = new ReflectionObject($card);
        $out = '';
        foreach ($r->getProperties() as $p) {
            $out .= $p->getName() . '=' . print_r($p->getValue($card), true);
        }
        return $out . (string) $r;
    },
    'foreach' => function () use ($card) {
        $out = '';
        foreach ($card as $k => $v) {
            $out .= "$k=$v;";
        }
        return $out;
    },
];
foreach ($views as $name => $view) {
    $text = $view();
    msp_assert_no_secret($text, $secrets, $name);
}
// The CVC never appears as a value anywhere in the dump.
echo json_encode($card), "\n";
var_dump($card);
var_dump(get_object_vars($card));

try {
    serialize($card);
} catch (Exception $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
try {
    unserialize('O:8:"Msp\Card":0:{}');
} catch (Exception $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
try {
    clone $card;
} catch (Error $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
try {
    $card->__construct('5500000000000004', 12, 2030, '123');
} catch (Error $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
try {
    $card->number = 'x';
} catch (Error $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
$r = new ReflectionClass(Msp\Card::class);
var_dump($r->isFinal(), $r->isCloneable());
try {
    $r->newInstanceWithoutConstructor();
} catch (ReflectionException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
?>
--EXPECT--
clean: var_dump
clean: print_r
clean: var_export
clean: (array)
clean: json_encode
clean: debug_zval_dump
clean: get_object_vars
clean: Reflection
clean: foreach
{"brand":"VISA","number":"411111******1111","expiry":"3012"}
object(Msp\Card)#1 (3) {
  ["brand"]=>
  string(4) "VISA"
  ["number"]=>
  string(16) "411111******1111"
  ["expiry"]=>
  string(4) "3012"
}
array(0) {
}
Exception: Serialization of 'Msp\Card' is not allowed
Exception: Unserialization of 'Msp\Card' is not allowed
Error: Trying to clone an uncloneable object of class Msp\Card
Error: Msp\Card is immutable and cannot be constructed twice
Error: Cannot create dynamic property Msp\Card::$number
bool(true)
bool(false)
ReflectionException: Class Msp\Card is an internal class marked as final that cannot be instantiated without invoking its constructor
