<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * Whether a card payment needs 3-D Secure, decided like msp's own policy (src/core/threeds.h) so
 * that client and emulator agree:
 *   1. Brand: Maestro and Bancontact always; American Express from 30.00 EUR, and in any other
 *      currency (no conversion for this exemption). Amex under 30 EUR then goes on like Visa/MC.
 *   2. Flexible 3D: gateway_info.flexible_3d decides, when the site has Flexible 3D enabled.
 *   3. Dynamic 3D: the first matching rule decides (skip or require).
 *   4. Nothing matched: 3DS (the default for every card order).
 * Rule semantics: amount ranges per currency, min inclusive and max exclusive, a missing bound open;
 * a rule with ranges matches only a currency it lists. Country sets are include or exclude lists.
 * A country the payment does not know never lets it skip: a skip rule with a set for that country
 * does not match, a require rule does.
 */
final class ThreeDs
{
    private const AMEX_EXEMPT_BELOW_EUR_CENTS = 3000;
    private const COUNTRY_SETS = ['card_countries', 'ip_countries', 'customer_countries'];
    private const RULE_KEYS = ['name', 'action', 'amount', 'card_countries', 'ip_countries', 'customer_countries'];

    /**
     * @return array{required: bool, reason: string} the reason names what decided, for the admin view
     */
    public static function decide(Site $site, Card $card, int $amount, string $currency, ?string $customerCountry, string $ip, mixed $flexible): array
    {
        if (in_array($card->brand, ['MAESTRO', 'BANCONTACT'], true)) {
            return ['required' => true, 'reason' => 'brand_requires_3ds'];
        }
        if ($card->brand === 'AMEX' && !($currency === 'EUR' && $amount < self::AMEX_EXEMPT_BELOW_EUR_CENTS)) {
            return ['required' => true, 'reason' => 'amex_safekey_required'];
        }
        if ($site->bool('flexible_3d') && is_bool($flexible)) {
            return ['required' => $flexible, 'reason' => 'flexible_3d'];
        }
        $payment = [
            'amount' => $amount,
            'currency' => $currency,
            'card_countries' => self::cardCountry($site, $card),
            'ip_countries' => self::ipCountry($site, $ip),
            'customer_countries' => $customerCountry,
        ];
        foreach ($site->setting('dynamic_3d_rules') as $index => $rule) {
            if (self::matches($rule, $payment)) {
                return ['required' => $rule['action'] === 'require', 'reason' => "rule #$index"];
            }
        }
        return ['required' => true, 'reason' => 'no_rule_matched'];
    }

    /** The issuer country of a card from the site's BIN table (longest prefix wins), or null. */
    public static function cardCountry(Site $site, Card $card): ?string
    {
        return self::longestPrefix($site->setting('bin_countries'), $card->bin);
    }

    public static function ipCountry(Site $site, string $ip): ?string
    {
        return self::longestPrefix($site->setting('ip_countries'), $ip);
    }

    /**
     * Checks an admin-supplied rule list and returns it normalised.
     * @throws \InvalidArgumentException naming the rule and the key
     */
    public static function validateRules(mixed $rules): array
    {
        if (!is_array($rules) || !array_is_list($rules)) {
            throw new \InvalidArgumentException('dynamic_3d_rules must be a list of rules');
        }
        foreach ($rules as $index => $rule) {
            $rules[$index] = self::validateRule($rule, "dynamic_3d_rules[$index]");
        }
        return $rules;
    }

    private static function validateRule(mixed $rule, string $where): array
    {
        if (!is_array($rule) || (array_is_list($rule) && $rule !== [])) {
            throw new \InvalidArgumentException("$where must be an object");
        }
        foreach (array_keys($rule) as $key) {
            if (!in_array($key, self::RULE_KEYS, true)) {
                throw new \InvalidArgumentException("$where: unknown key \"$key\" (known: " . implode(', ', self::RULE_KEYS) . ')');
            }
        }
        if (!in_array($rule['action'] ?? null, ['skip', 'require'], true)) {
            throw new \InvalidArgumentException("$where.action must be \"skip\" or \"require\"");
        }
        if (isset($rule['amount'])) {
            $rule['amount'] = self::validateRanges($rule['amount'], "$where.amount");
        }
        foreach (self::COUNTRY_SETS as $set) {
            if (isset($rule[$set])) {
                $rule[$set] = self::validateCountrySet($rule[$set], "$where.$set");
            }
        }
        return $rule;
    }

    private static function validateRanges(mixed $ranges, string $where): array
    {
        if (is_array($ranges) && !array_is_list($ranges)) {
            $ranges = [$ranges]; // one range given as an object
        }
        if (!is_array($ranges) || $ranges === []) {
            throw new \InvalidArgumentException("$where must be a non-empty list of {currency, min, max}");
        }
        foreach ($ranges as $i => $range) {
            if (!is_array($range) || !is_string($range['currency'] ?? null) || Iso::minorUnits($range['currency']) === null) {
                throw new \InvalidArgumentException("{$where}[$i].currency must be an ISO 4217 code");
            }
            foreach (['min', 'max'] as $bound) {
                if (isset($range[$bound]) && (!is_int($range[$bound]) || $range[$bound] < 0)) {
                    throw new \InvalidArgumentException("{$where}[$i].$bound must be an integer >= 0 (minor units)");
                }
            }
            if (isset($range['min'], $range['max']) && $range['min'] >= $range['max']) {
                throw new \InvalidArgumentException("{$where}[$i]: min must be below max (max is exclusive)");
            }
        }
        return $ranges;
    }

    private static function validateCountrySet(mixed $set, string $where): array
    {
        if (!is_array($set) || count($set) !== 1 || !in_array(array_key_first($set), ['include', 'exclude'], true)) {
            throw new \InvalidArgumentException("$where must be {\"include\": [...]} or {\"exclude\": [...]}");
        }
        $kind = array_key_first($set);
        $codes = $set[$kind];
        if (!is_array($codes) || !array_is_list($codes) || ($kind === 'include' && $codes === [])) {
            throw new \InvalidArgumentException("$where.$kind must be a list of country codes" . ($kind === 'include' ? ' (not empty)' : ''));
        }
        foreach ($codes as $code) {
            if (!is_string($code) || !Iso::isCountry($code)) {
                throw new \InvalidArgumentException("$where.$kind: " . Json::encode($code) . ' is not an ISO 3166-1 alpha-2 code (upper case)');
            }
        }
        return [$kind => $codes];
    }

    private static function matches(array $rule, array $payment): bool
    {
        if (isset($rule['amount']) && !self::amountMatches($rule['amount'], $payment['amount'], $payment['currency'])) {
            return false;
        }
        $unknown = false;
        foreach (self::COUNTRY_SETS as $set) {
            if (!isset($rule[$set])) {
                continue;
            }
            $country = $payment[$set];
            if ($country === null || $country === '') {
                $unknown = true;
                continue;
            }
            $kind = array_key_first($rule[$set]);
            if (in_array($country, $rule[$set][$kind], true) !== ($kind === 'include')) {
                return false;
            }
        }
        return !$unknown || $rule['action'] === 'require';
    }

    private static function amountMatches(array $ranges, int $amount, string $currency): bool
    {
        foreach ($ranges as $range) {
            if ($range['currency'] === $currency
                && (!isset($range['min']) || $amount >= $range['min'])
                && (!isset($range['max']) || $amount < $range['max'])) {
                return true;
            }
        }
        return false;
    }

    private static function longestPrefix(array $table, string $subject): ?string
    {
        $best = null;
        $bestLength = -1;
        foreach ($table as $prefix => $country) {
            $prefix = (string) $prefix;
            if (strlen($prefix) > $bestLength && str_starts_with($subject, $prefix)) {
                $best = $country;
                $bestLength = strlen($prefix);
            }
        }
        return $best;
    }
}
