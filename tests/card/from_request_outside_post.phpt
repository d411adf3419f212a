--TEST--
Msp\Card::fromRequest(): without a POST body (CLI) every field is missing; the arguments are checked
--EXTENSIONS--
msp
--FILE--
<?php
try {
    Msp\Card::fromRequest('card_number', 'exp', null, 'cvc');
} catch (Msp\InvalidArgumentException $e) {
    echo get_class($e), ' ', $e->getField(), "\n";
}
try {
    Msp\Card::fromRequest('card_number', 'exp');
} catch (ArgumentCountError $e) {
    echo get_class($e), "\n";
}
$m = new ReflectionMethod(Msp\Card::class, 'fromRequest');
echo $m->isStatic() ? 'static ' : '', $m->getReturnType(), ' ', $m->getNumberOfRequiredParameters(), "\n";
?>
--EXPECT--
Msp\InvalidArgumentException card_number
ArgumentCountError
static Msp\Card 3
