<?php

/** @generate-class-entries */

namespace Msp;

/** Why 3-D Secure is required or not. */
enum ThreeDsReason: string
{
    /** Maestro and Bancontact are 3-D Secure only. */
    case BrandRequires3ds = "brand_requires_3ds";
    /** American Express Safekey: from 30 EUR, or when no EUR equivalent is known. */
    case AmexSafekeyRequired = "amex_safekey_required";
    /** The payment's Flexible 3D choice decided. */
    case Flexible3d = "flexible_3d";
    /** A Dynamic 3D rule decided: see ThreeDsDecision::$ruleIndex. */
    case RuleMatched = "rule_matched";
    /** No rule matched: 3-D Secure is required by default. */
    case NoRuleMatched = "no_rule_matched";
}

/**
 * The merchant's Dynamic 3D rule set plus the brand constraints MultiSafepay enforces: decides before
 * sending whether a card payment goes through 3-D Secure, and says why.
 *
 * A rule: ["name" => "small non-EU", "action" => "skip"|"require",
 *          "amounts" => [["currency" => "EUR", "min" => 0, "max" => 5000]],   // minor units, max exclusive
 *          "card_countries" => ["include" => ["US", "CA"]],                     // or ["exclude" => [...]]
 *          "ip_countries" => [...], "customer_countries" => [...]].
 * The first matching rule wins; when none matches, 3-D Secure is required.
 *
 * var_dump(), (array) and json_encode() show the rules; get_object_vars() returns [] (no PHP
 * properties), on every PHP version.
 *
 * @strict-properties
 * @not-serializable
 */
final class ThreeDsPolicy
{
    /** @throws InvalidArgumentException naming the rule and key of the first problem */
    public function __construct(array $rules = []) {}

    /**
     * @param int|null $eurAmount the amount in EUR cents, for the American Express under-30-EUR
     *                            exception of a payment in another currency
     * @param bool|null $flexible3d the payment's own Flexible 3D choice (true: 3DS, false: skip)
     * @throws InvalidArgumentException on bad payment data; CardException for unsupported brands
     */
    public function decide(
        Card|CardBrand $card,
        int $amount,
        string $currency,
        ?string $cardCountry = null,
        ?string $ipCountry = null,
        ?string $customerCountry = null,
        ?int $eurAmount = null,
        ?bool $flexible3d = null
    ): ThreeDsDecision {}

    /** The rules as given. */
    public function rules(): array {}

    private function __clone(): void {}
}

/** A 3-D Secure decision with its reason, for the shop's log and for OrderRequest::threeDs(). */
final class ThreeDsDecision
{
    public readonly bool $required;
    public readonly ThreeDsReason $reason;
    /** The rule that decided (from 0), or null. */
    public readonly ?int $ruleIndex;
    public readonly ?string $ruleName;
    /** American Express under 30 EUR: Safekey was not mandatory, the rules decided. */
    public readonly bool $amexExempt;
    /** A require rule matched because a country it tests was unknown. */
    public readonly bool $dataUnknown;
    public readonly string $explanation;
    public readonly CardBrand $brand;
    public readonly int $amount;
    public readonly string $currency;

    private function __construct() {}
}
