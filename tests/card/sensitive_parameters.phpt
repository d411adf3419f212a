--TEST--
Msp\Card: a failing call leaves no card data in the exception's trace
--EXTENSIONS--
msp
--INI--
zend.exception_ignore_args=0
zend.exception_string_param_max_len=64
--FILE--
<?php
require __DIR__ . '/cards.inc';

function take_card(#[\SensitiveParameter] string $number, #[\SensitiveParameter] string $cvc): Msp\Card
{
    return new Msp\Card($number, 13, 2030, $cvc);
}

$pan = '4111111111111111';
$cvc = '987';
try {
    take_card($pan, $cvc);
} catch (Msp\CardException $e) {
    msp_assert_no_secret((string) $e, [$pan, $cvc], 'string form');
    msp_assert_no_secret($e->getTraceAsString(), [$pan, $cvc], 'trace string');
    msp_assert_no_secret(print_r($e->getTrace(), true), [$pan, $cvc], 'trace array');
    msp_assert_no_secret(var_export($e, true), [$pan, $cvc], 'var_export');
    $frame = $e->getTrace()[0];
    echo $frame['class'], $frame['type'], $frame['function'], ": ";
    echo get_class($frame['args'][0]), ", ", $frame['args'][1], ", ", $frame['args'][2], ", ", get_class($frame['args'][3]), "\n";
}

$number = '378282246310005';
$amexCvc = '12';
try {
    Msp\Card::consume($number, 12, 2030, $amexCvc);
} catch (Msp\CardException $e) {
    msp_assert_no_secret((string) $e, ['378282246310005', '37828224631'], 'consume trace');
    $frame = $e->getTrace()[0];
    echo $frame['function'], ": ", get_class($frame['args'][0]), "\n";
}
?>
--EXPECT--
clean: string form
clean: trace string
clean: trace array
clean: var_export
Msp\Card->__construct: SensitiveParameterValue, 13, 2030, SensitiveParameterValue
clean: consume trace
consume: SensitiveParameterValue
