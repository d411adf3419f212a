<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * What the emulator keeps of a card: never the number or the CVC, only what a real order shows
 * (brand, BIN, last four, expiry, holder) and how the test environment treats it.
 */
final class Card
{
    public function __construct(
        public readonly string $brand,       // VISA, MASTERCARD, AMEX, MAESTRO, BANCONTACT
        public readonly string $bin,         // first 6 digits
        public readonly string $last4,
        public readonly string $expiry,      // YYMM
        public readonly ?string $holder,
        public readonly string $outcome,     // see Cards::TEST_CARDS
        public readonly bool $frictionless,  // never challenged: 3DS, when required, passes without a page
    ) {
    }

    /** The payment_details.type / gateway code of the brand. */
    public function paymentType(): string
    {
        return $this->brand === 'BANCONTACT' ? 'MISTERCASH' : $this->brand;
    }

    public function displayName(): string
    {
        return Cards::DISPLAY_NAMES[$this->brand] ?? $this->brand;
    }

    /** payment_details.card_funding as the docs' CardFunding schema has it: C (credit), D (debit). */
    public function funding(): string
    {
        return in_array($this->brand, ['MAESTRO', 'BANCONTACT'], true) ? 'D' : 'C';
    }

    public function toArray(): array
    {
        return get_object_vars($this);
    }

    public static function fromArray(array $a): self
    {
        return new self($a['brand'], $a['bin'], $a['last4'], $a['expiry'], $a['holder'], $a['outcome'], $a['frictionless']);
    }
}
