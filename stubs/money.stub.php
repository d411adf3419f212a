<?php

/** @generate-class-entries */

namespace Msp;

/**
 * Shop totals and the minor units the API takes, for every ISO 4217 currency msp knows: without
 * floating point and without loss. Amounts everywhere else in msp are integers in minor units
 * (10.00 EUR = 1000, 10 JPY = 10, 1.000 KWD = 1000).
 */
final class Money
{
    /**
     * A decimal total in minor units: "12.50" EUR is 1250, "12.5" and "12.500" EUR too, "100" JPY is
     * 100; an int is whole major units (12 EUR is 1200). Refused: more decimals than the currency has
     * unless they are zeros ("12.505" EUR, "100.5" JPY), anything but digits with an optional leading
     * "-" and one "." (no spaces, exponent, "+" or thousands separators), and results beyond 64 bits.
     *
     * @throws InvalidArgumentException when the amount or the currency is refused (getField() says which)
     */
    public static function toMinorUnits(string|int $amount, string $currency): int {}

    /**
     * Minor units as a decimal total in major units: 1250 EUR is "12.50", 100 JPY is "100".
     *
     * @throws InvalidArgumentException when the currency is unknown
     */
    public static function fromMinorUnits(int $minorUnits, string $currency): string {}

    /**
     * "12.50 EUR": the amount in the currency's own format with its code, as msp's messages write it.
     *
     * @throws InvalidArgumentException when the currency is unknown
     */
    public static function format(int $minorUnits, string $currency): string {}

    /**
     * How many decimals the currency has: 2 for EUR, 0 for JPY, 3 for KWD.
     *
     * @throws InvalidArgumentException when the currency is unknown
     */
    public static function decimals(string $currency): int {}

    private function __construct() {}
}
