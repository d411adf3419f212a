<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * Card checks as the API applies them to gateway_info, and the test environment's card table.
 *
 * Error codes (README "Card errors"): a missing card_number, card_expiry_date or required CVC is
 * 1016 (missing data); a value that is present but wrong (not digits, length, Luhn, unknown brand,
 * malformed or past expiry, CVC of the wrong length) is 1024 (transaction declined); a card whose
 * brand has no gateway here or does not match the requested gateway is 1023 (gateway unavailable).
 * Messages never contain the number or the CVC.
 */
final class Cards
{
    /** outcome: what happens once the card is authorised; frictionless: 3DS never shows a challenge. */
    public const TEST_CARDS = [
        '4111111111111111' => ['completed', false],
        '4012001038443335' => ['completed', true],
        '4917300000000008' => ['uncleared_void', false],
        '4462000000000003' => ['uncleared_completed', false],
        '4012001037461114' => ['declined_3001', false],
        '4012001038488884' => ['declined_4002', false],
        '5500000000000004' => ['completed', false],
        '6799990000000000011' => ['completed', false],
        '374500000000015' => ['completed', false],
        '378282246310005' => ['completed', true],
        '378734493671000' => ['uncleared_void', false],
        '374200000000004' => ['declined_4999', false],
        '67034500054620008' => ['completed', false],
    ];

    public const DISPLAY_NAMES = [
        'VISA' => 'Visa', 'MASTERCARD' => 'Mastercard', 'AMEX' => 'American Express',
        'MAESTRO' => 'Maestro', 'BANCONTACT' => 'Bancontact',
    ];

    /** Gateways of card orders and the brands each accepts. CREDITCARD: any brand, detected from the number. */
    public const GATEWAYS = [
        'CREDITCARD' => ['VISA', 'MASTERCARD', 'AMEX', 'MAESTRO', 'BANCONTACT'],
        'VISA' => ['VISA'],
        'MASTERCARD' => ['MASTERCARD'],
        'AMEX' => ['AMEX'],
        'MAESTRO' => ['MAESTRO'],
        'BANCONTACT' => ['BANCONTACT'],
        'MISTERCASH' => ['BANCONTACT'],
    ];

    /** IIN ranges as [low, high, prefix length, brand]; the longest matching prefix wins (as in msp's card.c). */
    private const IIN = [
        [4, 4, 1, 'VISA'], [51, 55, 2, 'MASTERCARD'], [2221, 2720, 4, 'MASTERCARD'],
        [34, 34, 2, 'AMEX'], [37, 37, 2, 'AMEX'],
        [50, 50, 2, 'MAESTRO'], [56, 58, 2, 'MAESTRO'], [6, 6, 1, 'MAESTRO'],
        [6703, 6703, 4, 'BANCONTACT'], [606005, 606005, 6, 'BANCONTACT'],
        [300, 305, 3, 'DINERS'], [3095, 3095, 4, 'DINERS'], [36, 36, 2, 'DINERS'], [38, 39, 2, 'DINERS'],
        [6011, 6011, 4, 'DISCOVER'], [644, 649, 3, 'DISCOVER'], [65, 65, 2, 'DISCOVER'],
        [3528, 3589, 4, 'JCB'], [62, 62, 2, 'UNIONPAY'], [81, 81, 2, 'UNIONPAY'],
    ];

    private const LENGTHS = [
        'VISA' => [13, 16, 19], 'MASTERCARD' => [16], 'AMEX' => [15],
        'MAESTRO' => [12, 13, 14, 15, 16, 17, 18, 19], 'BANCONTACT' => [16, 17, 18, 19],
    ];

    /** Validates gateway_info against the requested gateway; returns the card without its secrets. */
    public static function fromGatewayInfo(mixed $info, string $gateway, int $now): Card
    {
        if (!is_array($info)) {
            throw ApiError::missing('gateway_info');
        }
        $pan = self::requiredString($info, 'card_number');
        if (!preg_match('/^[0-9]{12,19}$/', $pan)) {
            throw new ApiError(1024, 'Transaction declined: the card number must be 12 to 19 digits');
        }
        $brand = self::brandOf($pan);
        self::checkBrand($brand, $pan, $gateway);
        $expiry = self::checkExpiry(self::expiryText($info), $now);
        self::checkCvc($brand, $info);
        [$outcome, $frictionless] = self::TEST_CARDS[$pan] ?? ['completed', false];
        return new Card($brand, substr($pan, 0, 6), substr($pan, -4), $expiry, self::holder($info), $outcome, $frictionless);
    }

    public static function brandOf(string $digits): string
    {
        $best = 'UNKNOWN';
        $bestLength = 0;
        foreach (self::IIN as [$low, $high, $length, $brand]) {
            if ($length > $bestLength && strlen($digits) >= $length) {
                $prefix = (int) substr($digits, 0, $length);
                if ($prefix >= $low && $prefix <= $high) {
                    $best = $brand;
                    $bestLength = $length;
                }
            }
        }
        return $best;
    }

    public static function luhnValid(string $digits): bool
    {
        $sum = 0;
        $double = false;
        for ($i = strlen($digits) - 1; $i >= 0; $i--) {
            $d = (int) $digits[$i];
            if ($double) {
                $d = $d * 2 > 9 ? $d * 2 - 9 : $d * 2;
            }
            $sum += $d;
            $double = !$double;
        }
        return $sum % 10 === 0;
    }

    /** First 6 and last 4 digits, the rest as "*": the most of a PAN that may be shown. */
    public static function mask(string $pan): string
    {
        $length = strlen($pan);
        if ($length <= 10) {
            return str_repeat('*', $length);
        }
        return substr($pan, 0, 6) . str_repeat('*', $length - 10) . substr($pan, -4);
    }

    private static function checkBrand(string $brand, string $pan, string $gateway): void
    {
        if ($brand === 'UNKNOWN') {
            throw new ApiError(1024, 'Transaction declined: the card number belongs to no known card scheme');
        }
        if (!isset(self::LENGTHS[$brand])) {
            throw new ApiError(1023, "Gateway unavailable: $brand cards cannot be paid with direct card requests");
        }
        if (!in_array(strlen($pan), self::LENGTHS[$brand], true)) {
            throw new ApiError(1024, 'Transaction declined: a ' . self::DISPLAY_NAMES[$brand] . ' number cannot have ' . strlen($pan) . ' digits');
        }
        if (!self::luhnValid($pan)) {
            throw new ApiError(1024, 'Transaction declined: the card number fails the Luhn check');
        }
        if (!in_array($brand, self::GATEWAYS[$gateway], true)) {
            throw new ApiError(1023, 'Gateway unavailable: the card is ' . self::DISPLAY_NAMES[$brand] . ", not $gateway");
        }
    }

    /** YYMM; a card is valid through the last second of its expiry month (UTC). */
    private static function checkExpiry(string $expiry, int $now): string
    {
        if (!preg_match('/^([0-9]{2})(0[1-9]|1[0-2])$/', $expiry, $m)) {
            throw new ApiError(1024, 'Transaction declined: card_expiry_date must be YYMM');
        }
        $endOfMonth = gmmktime(0, 0, 0, (int) $m[2] + 1, 1, 2000 + (int) $m[1]);
        if ($now >= $endOfMonth) {
            throw new ApiError(1024, 'Transaction declined: the card has expired');
        }
        return $expiry;
    }

    /**
     * card_expiry_date as YYMM text. The docs' schema says a string ("YYMM"), while their direct card
     * example and the schema's own example send the number 2512: both are taken (README "Creating
     * orders"). A number has no leading zero, so 912 is "0912".
     */
    private static function expiryText(array $info): string
    {
        $expiry = $info['card_expiry_date'] ?? null;
        if (is_int($expiry) && $expiry >= 0 && $expiry <= 9999) {
            return sprintf('%04d', $expiry);
        }
        if (is_int($expiry) || is_float($expiry)) {
            throw new ApiError(1024, 'Transaction declined: card_expiry_date must be YYMM (the number ' . Json::encode($expiry) . ' is not)');
        }
        return self::requiredString($info, 'card_expiry_date');
    }

    /** American Express: 4 digits; others: 3. Maestro and Bancontact cards may have none. "cvc" is accepted as an alias. */
    private static function checkCvc(string $brand, array $info): void
    {
        $field = array_key_exists('card_cvc', $info) ? 'card_cvc' : 'cvc';
        $cvc = $info['card_cvc'] ?? $info['cvc'] ?? null;
        if ($cvc === null || $cvc === '') {
            if (in_array($brand, ['MAESTRO', 'BANCONTACT'], true)) {
                return;
            }
            throw ApiError::missing('gateway_info.card_cvc');
        }
        if (!is_string($cvc)) {
            // The docs' schema and every example send it as a string: a number would lose a leading 0.
            throw new ApiError(1024, "Transaction declined: gateway_info.$field must be a string of digits, not " . get_debug_type($cvc));
        }
        $length = $brand === 'AMEX' ? 4 : 3;
        if (!preg_match('/^[0-9]{' . $length . '}$/', $cvc)) {
            throw new ApiError(1024, "Transaction declined: the CVC of a " . self::DISPLAY_NAMES[$brand] . " card is $length digits");
        }
    }

    private static function holder(array $info): ?string
    {
        $holder = $info['card_holder_name'] ?? null;
        if ($holder === null || $holder === '') {
            return null;
        }
        if (!is_string($holder) || Text::length($holder) > 150) {
            throw new ApiError(1016, 'Invalid data: gateway_info.card_holder_name must be a string of at most 150 characters');
        }
        return $holder;
    }

    private static function requiredString(array $info, string $field): string
    {
        $value = $info[$field] ?? null;
        if ($value === null || $value === '') {
            throw ApiError::missing("gateway_info.$field");
        }
        if (!is_string($value)) {
            throw new ApiError(1024, "Transaction declined: gateway_info.$field must be a string, not " . get_debug_type($value));
        }
        return $value;
    }
}
