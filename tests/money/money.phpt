--TEST--
Msp\Money: decimal totals to minor units and back for every currency msp knows, never losing a digit
--EXTENSIONS--
msp
--FILE--
<?php
foreach ([['12.50', 'EUR'], ['12.5', 'EUR'], ['12.500', 'EUR'], ['0.01', 'EUR'], ['-3.20', 'EUR'], [12, 'EUR'],
    ['100', 'JPY'], ['100.000', 'JPY'], ['1.234', 'KWD'], ['1.2345', 'CLF'], ['21474836.47', 'EUR']] as [$amount, $currency]) {
    printf("%s %s -> %d\n", var_export($amount, true), $currency, Msp\Money::toMinorUnits($amount, $currency));
}
foreach ([[1250, 'EUR'], [5, 'EUR'], [-5, 'EUR'], [100, 'JPY'], [1234, 'KWD'], [PHP_INT_MIN, 'EUR']] as [$minor, $currency]) {
    printf("%d %s -> %s | %s\n", $minor, $currency, Msp\Money::fromMinorUnits($minor, $currency), Msp\Money::format($minor, $currency));
}
printf("decimals: EUR %d, JPY %d, KWD %d, CLF %d\n", Msp\Money::decimals('EUR'), Msp\Money::decimals('JPY'),
    Msp\Money::decimals('KWD'), Msp\Money::decimals('CLF'));
// Round trip for every amount from -1000 to 1000 minor units in currencies of 0, 2, 3 and 4 decimals.
foreach (['JPY', 'EUR', 'KWD', 'CLF'] as $currency) {
    for ($minor = -1000; $minor <= 1000; $minor++) {
        if (Msp\Money::toMinorUnits(Msp\Money::fromMinorUnits($minor, $currency), $currency) !== $minor) {
            echo "round trip broken: $minor $currency\n";
        }
    }
}
foreach ([['12.505', 'EUR'], ['100.5', 'JPY'], ['1,000.00', 'EUR'], ['1e3', 'EUR'], [' 12', 'EUR'], ['+12', 'EUR'],
    ['12.', 'EUR'], ['.5', 'EUR'], ['', 'EUR'], ['99999999999999999999', 'EUR'], ['12', 'eur'], ['12', 'XAU'], ['12', "EUR\0USD"]] as [$amount, $currency]) {
    try {
        Msp\Money::toMinorUnits($amount, $currency);
        echo "ACCEPTED ", var_export($amount, true), "\n";
    } catch (Msp\InvalidArgumentException $e) {
        printf("%s %s: %s: %s\n", var_export($amount, true), addcslashes($currency, "\0"), $e->getField(), $e->getMessage());
    }
}
// A float never: PHP would make 0.1 + 0.2 an int 0 or its shortest text, and most decimal totals
// have no exact float.
foreach ([0.1 + 0.2, 12.0, null] as $amount) {
    try {
        Msp\Money::toMinorUnits($amount, 'EUR');
        echo "ACCEPTED ", var_export($amount, true), "\n";
    } catch (TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    Msp\Money::format(100, 'ABC');
} catch (Msp\InvalidArgumentException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    new Msp\Money();
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
'12.50' EUR -> 1250
'12.5' EUR -> 1250
'12.500' EUR -> 1250
'0.01' EUR -> 1
'-3.20' EUR -> -320
12 EUR -> 1200
'100' JPY -> 100
'100.000' JPY -> 100
'1.234' KWD -> 1234
'1.2345' CLF -> 12345
'21474836.47' EUR -> 2147483647
1250 EUR -> 12.50 | 12.50 EUR
5 EUR -> 0.05 | 0.05 EUR
-5 EUR -> -0.05 | -0.05 EUR
100 JPY -> 100 | 100 JPY
1234 KWD -> 1.234 | 1.234 KWD
-9223372036854775808 EUR -> -92233720368547758.08 | -92233720368547758.08 EUR
decimals: EUR 2, JPY 0, KWD 3, CLF 4
'12.505' EUR: amount: EUR has 2 decimals: the amount has more, which would be lost
'100.5' JPY: amount: JPY has 0 decimals: the amount has more, which would be lost
'1,000.00' EUR: amount: the amount must be a decimal number such as "12.50" (digits, an optional leading '-' and one '.'; no spaces, exponent, '+' or thousands separators)
'1e3' EUR: amount: the amount must be a decimal number such as "12.50" (digits, an optional leading '-' and one '.'; no spaces, exponent, '+' or thousands separators)
' 12' EUR: amount: the amount must be a decimal number such as "12.50" (digits, an optional leading '-' and one '.'; no spaces, exponent, '+' or thousands separators)
'+12' EUR: amount: the amount must be a decimal number such as "12.50" (digits, an optional leading '-' and one '.'; no spaces, exponent, '+' or thousands separators)
'12.' EUR: amount: the amount has a '.' without decimals after it
'.5' EUR: amount: the amount must be a decimal number such as "12.50" (digits, an optional leading '-' and one '.'; no spaces, exponent, '+' or thousands separators)
'' EUR: amount: the amount must be a decimal number such as "12.50" (digits, an optional leading '-' and one '.'; no spaces, exponent, '+' or thousands separators)
'99999999999999999999' EUR: amount: the amount is too large
'12' eur: currency: currency "eur" is not an ISO 4217 code: codes are upper case ("EUR")
'12' XAU: currency: currency "XAU" is not an active ISO 4217 currency code
'12' EUR\000USD: currency: currency must not contain NUL bytes
TypeError: Msp\Money::toMinorUnits(): Argument #1 ($amount) must be of type string|int (a decimal total such as "12.50"), float given
TypeError: Msp\Money::toMinorUnits(): Argument #1 ($amount) must be of type string|int (a decimal total such as "12.50"), float given
TypeError: Msp\Money::toMinorUnits(): Argument #1 ($amount) must be of type string|int (a decimal total such as "12.50"), null given
Msp\InvalidArgumentException: currency "ABC" is not an active ISO 4217 currency code
Call to private Msp\Money::__construct() from global scope
