<?php

/** @generate-class-entries */

namespace Msp;

/** Card brands msp recognises. Only those with a gateway() can be paid with directly. */
enum CardBrand: string
{
    case Visa = "VISA";
    case Mastercard = "MASTERCARD";
    case Maestro = "MAESTRO";
    case Amex = "AMEX";
    case Bancontact = "BANCONTACT";
    case Diners = "DINERS";
    case Discover = "DISCOVER";
    case Jcb = "JCB";
    case UnionPay = "UNIONPAY";

    /** The MultiSafepay gateway code, or null for brands MultiSafepay direct payments do not take. */
    public function gateway(): ?string {}

    /** A name for people: "Visa", "American Express", ... */
    public function displayName(): string {}

    public function isSupported(): bool {}
}

/** Why a card was refused; the value is stable and safe to log. */
enum CardError: string
{
    case InvalidCharacters = "INVALID_CHARACTERS";
    case InvalidLength = "INVALID_LENGTH";
    case LuhnFailed = "LUHN_FAILED";
    case UnknownBrand = "UNKNOWN_BRAND";
    case UnsupportedBrand = "UNSUPPORTED_BRAND";
    case InvalidCvc = "INVALID_CVC";
    case CvcRequired = "CVC_REQUIRED";
    case InvalidExpiry = "INVALID_EXPIRY";
    case Expired = "EXPIRED";
    case InvalidHolder = "INVALID_HOLDER";
}

/**
 * A payment card held in msp's secure memory.
 *
 * The number and CVC never become PHP values: they are copied once into locked, dump-excluded
 * memory that is wiped when the Card is destroyed. var_dump(), print_r(), var_export(), (array) and
 * json_encode() show only the brand, the masked number and the expiry; get_object_vars() returns []
 * and Reflection finds no property (a Card has no PHP properties), on every PHP version.
 *
 * @strict-properties
 * @not-serializable
 */
final class Card
{
    /**
     * @param string $number digits, optionally grouped with single spaces or dashes
     * @param int $expiryYear 2 or 4 digits (30 or 2030)
     * @param string|null $cvc 3 digits (American Express: 4); may be null for Maestro only
     * @throws CardException when the card is refused
     */
    public function __construct(
        #[\SensitiveParameter] string $number,
        int $expiryMonth,
        int $expiryYear,
        #[\SensitiveParameter] ?string $cvc = null,
        ?string $holder = null
    ) {}

    /**
     * Like the constructor, but takes the number and CVC from the caller's variables and empties
     * them. The bytes are wiped in place when that variable holds the only reference to the string;
     * when the string is shared (copied to another variable, an array, $_POST) or interned (a
     * literal in the script), only the caller's variable is emptied and the other copies remain.
     * The variables are emptied even when the card is refused.
     *
     * @throws CardException when the card is refused
     */
    public static function consume(
        #[\SensitiveParameter] string &$number,
        int $expiryMonth,
        int $expiryYear,
        #[\SensitiveParameter] ?string &$cvc = null,
        ?string $holder = null
    ): Card {}

    /**
     * Builds the card straight from the request: the fields of $_POST (an
     * application/x-www-form-urlencoded POST, as PHP parsed it). Then the number and the CVC are
     * wiped in place wherever PHP keeps the request: the strings of $_POST and $_REQUEST, which
     * every variable or array sharing them now reads as "", the filter extension's raw copy, and
     * the raw body behind php://input, where the values become "X"s. They are wiped even when the
     * card is refused or a field is missing. The expiry and the holder's name are left as they are.
     *
     * Field names are those $_POST shows, brackets included ("payment[cc_number]"). With
     * $expiryYearField null, $expiryMonthField names one field holding the whole expiry: "MM/YY",
     * "MM / YY" (WooCommerce's card form), "MM/YYYY" or "MMYY". The names are not secret: no
     * parameter carries card data.
     *
     * @throws InvalidArgumentException when a named field is missing or is not a string; getField()
     *         returns its name
     * @throws CardException when the card is refused (the same checks as the constructor)
     */
    public static function fromRequest(
        string $numberField,
        string $expiryMonthField,
        ?string $expiryYearField,
        ?string $cvcField = null,
        ?string $holderField = null
    ): Card {}

    /**
     * @internal How fromRequest() reaches the filter extension's copy of the request (its
     * FILTER_CALLBACK hands over the very strings); returns $value unchanged.
     */
    private static function captureFilterCopy(mixed $value): mixed {}

    public function brand(): CardBrand {}

    public function last4(): string {}

    /** The first six digits (the issuer identification number). */
    public function bin(): string {}

    /** At most the first six and the last four digits; at least six digits are always hidden. */
    public function masked(): string {}

    /** The expiry as YYMM, as the API wants it ("3012" for December 2030). */
    public function expiry(): string {}

    public function expiryMonth(): int {}

    /** Four digits. */
    public function expiryYear(): int {}

    /** A card is valid through the last day of its expiry month (UTC). */
    public function isExpired(?int $now = null): bool {}

    public function holder(): ?string {}

    public function hasCvc(): bool {}

    private function __clone(): void {}
}
