<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * The status flow of card orders (api.md §5), in one place: what authorising, declining, holding,
 * cancelling and expiring do to an order, and which later events each step schedules.
 *
 *   3DS pending          initialized/initialized  -> expired/expired after 1 hour
 *   paid                 completed/completed
 *   fraud filter         uncleared/uncleared      -> completed/completed or void/void (per test card)
 *                                                    after uncleared_resolve_seconds, expired/expired after 5 days
 *   own-MID Amex         uncleared/initialized    -> completed/initialized (paid)
 *   manual capture       completed/initialized    -> capture: completed/completed; cancel or expiry: void/void
 *   declined             declined/declined with reason_code
 *   cancelled            void/cancelled
 */
final class Lifecycle
{
    public const INITIALIZED_LIFETIME = 3600;
    public const UNCLEARED_LIFETIME = 5 * 86400;
    private const CAPTURE_DAYS = ['MASTERCARD' => 30, 'MAESTRO' => 30];
    private const CAPTURE_DAYS_DEFAULT = 7;

    private const DECLINES = [
        '3001' => ['3D Secure authentication failed', '05'],
        '4002' => ['Insufficient funds', '51'],
        '4999' => ['Declined', '05'],
    ];

    public function __construct(private readonly Clock $clock, private readonly Scheduler $scheduler)
    {
    }

    /** The order waits for the customer at the ACS page. */
    public function awaitAuthentication(Order $order, string $acsUrl, string $token): void
    {
        $order->acsToken = $token;
        $order->acsUrl = $acsUrl;
        $order->reason = '3D Secure Authorization';
        $order->status = 'initialized';
        $order->financialStatus = 'initialized';
        $this->scheduler->schedule('expire_initialized', $order->created + self::INITIALIZED_LIFETIME, $order->pk);
    }

    /** Authentication passed (or was not needed): the card's outcome decides what the issuer says. */
    public function authorise(Order $order, Site $site): void
    {
        $outcome = $order->card['outcome'];
        match (true) {
            str_starts_with($outcome, 'declined_') => $this->decline($order, substr($outcome, strlen('declined_'))),
            str_starts_with($outcome, 'uncleared_') => $this->hold($order, $site, substr($outcome, strlen('uncleared_'))),
            $order->ownMid => $this->hold($order, $site, 'completed'),
            default => $this->pay($order),
        };
    }

    public function decline(Order $order, string $reasonCode): void
    {
        [$reason, $responseCode] = self::DECLINES[$reasonCode] ?? ['Declined', '05'];
        $order->reason = $reason;
        $order->reasonCode = $reasonCode;
        $order->responseCode = $responseCode;
        $order->setStatus('declined', 'declined', $this->clock->now());
    }

    public function cancelByCustomer(Order $order): void
    {
        $order->reason = 'Cancelled by the customer';
        $order->setStatus('void', 'cancelled', $this->clock->now());
    }

    public function cancelByMerchant(Order $order): void
    {
        $order->reason = 'Cancelled by the merchant';
        $order->setStatus('void', 'cancelled', $this->clock->now());
    }

    public function expireInitialized(Order $order): void
    {
        if ($order->status === 'initialized') {
            $order->reason = 'Expired: not finished within 1 hour';
            $order->setStatus('expired', 'expired', $this->clock->now());
        }
    }

    /** The merchant's review (or the test card) decides an uncleared order: "completed" or "void". */
    public function resolveUncleared(Order $order, string $target): void
    {
        if ($order->status !== 'uncleared') {
            return;
        }
        if ($target === 'void') {
            $order->reason = 'Rejected after review';
            $order->setStatus('void', 'void', $this->clock->now());
            return;
        }
        $order->reason = '';
        $this->pay($order);
    }

    public function expireUncleared(Order $order): void
    {
        if ($order->status === 'uncleared') {
            $order->reason = 'Expired: not reviewed within 5 days';
            $order->setStatus('expired', 'expired', $this->clock->now());
        }
    }

    /** Cancel an authorisation: nothing captured -> void/void; partly captured -> the rest is released. */
    public function releaseAuthorisation(Order $order, string $reason): void
    {
        $now = $this->clock->now();
        $order->reason = $reason;
        $captured = $order->capture['captured_to_children'] ?? 0;
        $order->capture['remain'] = 0;
        if ($captured > 0) {
            $order->setStatus('completed', 'completed', $now);
            $order->touch($now);
            return;
        }
        $order->setStatus('void', 'void', $now);
    }

    public function expireAuthorisation(Order $order): void
    {
        if ($order->isAuthorisedOnly()) {
            $this->releaseAuthorisation($order, 'Authorisation expired');
        }
    }

    /** The issuer reverses a paid order: chargeback/completed, with a related chargeback transaction. */
    public function chargeback(Order $order, int $amount): void
    {
        if (!$order->isPaid()) {
            throw new \InvalidArgumentException("only a paid order can be charged back (this one is {$order->status}/{$order->financialStatus})");
        }
        if ($amount < 1 || $amount > $order->amount) {
            throw new \InvalidArgumentException("amount must be 1 to {$order->amount}");
        }
        $now = $this->clock->now();
        $order->related[] = [
            'type' => 'chargeback',
            'transaction_id' => Text::randomDigits(16),
            'amount' => $amount,
            'currency' => $order->currency,
            'status' => 'completed',
            'created' => $now,
            'modified' => $now,
            'description' => 'Chargeback',
            'order_id' => null,
        ];
        $order->reason = 'Chargeback';
        $order->setStatus('chargeback', 'completed', $now);
        $order->touch($now);
    }

    private function pay(Order $order): void
    {
        $now = $this->clock->now();
        $order->responseCode = '00';
        $order->authorizationCode = Text::randomDigits(6);
        // The card is stored as a token (the docs' completed card orders carry a recurring_id).
        $order->recurringId ??= Text::randomDigits(16);
        $order->schemeReferenceId = Text::randomDigits(15);
        $order->acquirerReferenceNumber = '7' . Text::randomDigits(22);
        if ($order->ownMid) {
            // American Express pays the merchant directly: MultiSafepay's transaction stays initialized.
            $order->paidAt = $now;
            $order->setStatus('completed', 'initialized', $now);
        } elseif ($order->capture !== null) {
            $days = self::CAPTURE_DAYS[$order->card['brand']] ?? self::CAPTURE_DAYS_DEFAULT;
            $order->capture['expiry'] = $now + $days * 86400;
            $order->capture['remain'] = $order->amount;
            $order->setStatus('completed', 'initialized', $now);
            $this->scheduler->schedule('expire_authorisation', $order->capture['expiry'], $order->pk);
        } else {
            $order->paidAt = $now;
            $order->setStatus('completed', 'completed', $now);
        }
    }

    private function hold(Order $order, Site $site, string $target): void
    {
        $now = $this->clock->now();
        $order->reason = $order->ownMid ? 'Awaiting American Express' : 'Held for review by the fraud filter';
        $order->setStatus('uncleared', $order->ownMid ? 'initialized' : 'uncleared', $now);
        if ($site->bool('uncleared_auto_resolve') || $order->ownMid) {
            $this->scheduler->schedule('resolve_uncleared', $now + $site->int('uncleared_resolve_seconds'), $order->pk, $target);
        }
        $this->scheduler->schedule('expire_uncleared', $now + self::UNCLEARED_LIFETIME, $order->pk);
    }
}
