<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * An order as the emulator keeps it (one row, the fields below as JSON). Payload turns it into the
 * API's order object; Lifecycle moves it between statuses.
 *
 * related holds the order's refunds, captures and chargebacks: ['type', 'transaction_id', 'amount',
 * 'currency', 'status', 'created', 'modified', 'description', 'order_id'], and 'visible_from_ms' on a
 * refund made with a late commit until LateCommits reveals it.
 *
 * hiddenUntilMs: the order was committed by a request with a late commit (commit-after) and the API
 * does not show it before that moment (emulator clock, ms); null once visible.
 */
final class Order
{
    public const PAID_STATUSES = ['completed', 'partial_refunded', 'refunded', 'shipped'];

    public ?int $pk = null;
    public string $site = '';
    public string $orderId = '';
    public string $transactionId = '';
    public string $externalTransactionId = '';
    public string $status = 'initialized';
    public string $financialStatus = 'initialized';
    public int $amount = 0;
    public string $currency = 'EUR';
    public string $description = '';
    public int $created = 0;
    public int $modified = 0;
    public ?int $paidAt = null;
    public string $reason = '';
    public string $reasonCode = '';
    public string $responseCode = '';
    public string $authorizationCode = '';
    /** The request's recurring_model, and the token: the request's recurring_id, or one made when the card is authorised. */
    public ?string $recurringModel = null;
    public ?string $recurringId = null;
    /** Set when the card is authorised: the scheme's reference and the acquirer's (ARN). */
    public ?string $schemeReferenceId = null;
    public ?string $acquirerReferenceNumber = null;
    /** The request carried a CVC (payment_details.card_verification_result). */
    public bool $cvcGiven = false;
    /** @var array{0: mixed, 1: mixed, 2: mixed} */
    public array $vars = [null, null, null];
    public array $customer = [];
    public array $paymentOptions = [];
    public array $customInfo = [];
    public mixed $checkoutOptions = null;
    public mixed $shoppingCart = null;
    public array $card = [];
    /** 3-D Secure: ['decided' => reason, 'flow' => challenge|frictionless, 'status' => Y|N|..., 'eci' => ..] or null (no 3DS) */
    public ?array $authentication = null;
    public ?string $threeDsDecision = null;
    /** Manual capture: ['expiry' => unix, 'remain' => int, 'captured_to_children' => int]; null for automatic capture. */
    public ?array $capture = null;
    public array $related = [];
    public bool $ownMid = false;
    public ?string $parentOrderId = null;
    public ?string $acsToken = null;
    public ?string $acsUrl = null;
    public array $shipping = [];
    public ?int $hiddenUntilMs = null;
    /** A status changed while the order was hidden: its notification goes out when it becomes visible. */
    public bool $notifyOnReveal = false;

    /** Set when a status (of the order, its transaction or a related transaction) changed: a notification is due. */
    public bool $changed = false;

    public function card(): Card
    {
        return Card::fromArray($this->card);
    }

    public function setStatus(string $status, string $financialStatus, int $now): void
    {
        if ($status !== $this->status || $financialStatus !== $this->financialStatus) {
            $this->status = $status;
            $this->financialStatus = $financialStatus;
            $this->touch($now);
        }
    }

    /** Records a change that deserves a notification without an order status change (refund completed). */
    public function touch(int $now): void
    {
        $this->modified = $now;
        $this->changed = true;
    }

    /** Paid: money moved (own-MID Amex: completed/initialized counts), not an open authorisation. */
    public function isPaid(): bool
    {
        return in_array($this->status, self::PAID_STATUSES, true) && !$this->isAuthorisedOnly();
    }

    /** Manual capture, authorised and not (fully) captured yet: completed/initialized with something to capture. */
    public function isAuthorisedOnly(): bool
    {
        return $this->capture !== null && !$this->ownMid && $this->status === 'completed'
            && $this->financialStatus === 'initialized' && $this->capture['remain'] > 0;
    }

    /**
     * Refunds that count against the paid amount: requested (reserved) and done (completed). What the
     * API shows (amount_refunded, the status) counts the visible ones; what may still be refunded
     * counts the hidden ones too, since they are committed: never more refunded than paid.
     */
    public function refundedAmount(bool $withHidden = false): int
    {
        $sum = 0;
        foreach ($this->related as $t) {
            if ($t['type'] === 'refund' && in_array($t['status'], ['reserved', 'completed'], true) && ($withHidden || self::isVisible($t))) {
                $sum += $t['amount'];
            }
        }
        return $sum;
    }

    /** @return int|null the index of the related transaction with this id and type */
    public function relatedIndex(string $type, string $transactionId): ?int
    {
        foreach ($this->related as $i => $t) {
            if ($t['type'] === $type && (string) $t['transaction_id'] === $transactionId) {
                return $i;
            }
        }
        return null;
    }

    /** The related transactions the API shows. */
    public function visibleRelated(): array
    {
        return array_values(array_filter($this->related, self::isVisible(...)));
    }

    public static function isVisible(array $related): bool
    {
        return !isset($related['visible_from_ms']);
    }

    /** The earliest moment (ms) something of this order becomes visible; null when nothing is hidden. */
    public function revealAt(): ?int
    {
        $times = array_filter(array_column($this->related, 'visible_from_ms'), 'is_int');
        if ($this->hiddenUntilMs !== null) {
            $times[] = $this->hiddenUntilMs;
        }
        return $times === [] ? null : min($times);
    }

    public function toDoc(): array
    {
        $doc = get_object_vars($this);
        unset($doc['pk'], $doc['changed']);
        return $doc;
    }

    public static function fromDoc(array $doc, int $pk): self
    {
        $order = new self();
        foreach ($doc as $name => $value) {
            if (property_exists($order, $name)) {
                $order->$name = $value;
            }
        }
        $order->pk = $pk;
        return $order;
    }
}
