<?php

/** @generate-class-entries */

namespace Msp;

/**
 * A notification from MultiSafepay. POST notifications are verified (HMAC-SHA512 over the raw body,
 * timestamp window in both directions) before their JSON is read; GET notifications carry only the
 * order id: fetchOrder() gets the order over the authenticated API.
 *
 * @strict-properties
 * @not-serializable
 */
final class Notification
{
    public readonly string $orderId;
    /** The signed timestamp (POST), or the URL's timestamp (GET, unverified). */
    public readonly int $timestamp;
    /** "POST" or "GET". */
    public readonly string $method;

    private function __construct() {}

    /** The order the notification carries (POST), or the one fetchOrder() got (GET); null before that. */
    public function order(): ?Order {}

    /**
     * For GET notifications: fetches the order (once); for POST ones returns the verified order.
     *
     * @throws ApiException when MultiSafepay refused the look-up (GET notifications only)
     * @throws ProtocolException when the look-up's answer does not fit the question
     * @throws NetworkException when the look-up failed in transport
     */
    public function fetchOrder(Client $client): Order {}

    /**
     * A stable id of the event for de-duplication: the same when MultiSafepay resends the
     * notification (with a new timestamp), new for every real change of the order.
     *
     * @throws StateException for a GET notification whose order was not fetched yet
     */
    public function eventId(): string {}

    /** Answers MultiSafepay: HTTP 200 with the body "OK". */
    public static function respondOk(): void {}
}
