<?php

/** @generate-class-entries */

namespace Msp;

/**
 * A MultiSafepay API client for one website API key.
 *
 * Connections are kept per worker process (php-fpm) and reused by every Client with the same base
 * URL and key, across PHP requests; a forked child never reuses its parent's sockets. The key is
 * held in secure memory, sent only as the api_key header, and never shown by dumps or traces:
 * var_dump(), (array) and json_encode() show the environment, base_url and persistent only, and
 * get_object_vars() returns [] (no PHP properties), on every PHP version.
 *
 * @strict-properties
 * @not-serializable
 */
final class Client
{
    /**
     * @param array $options
     *   - environment: "test" (default) or "live"
     *   - base_url: overrides the environment's URL (a proxy, the emulator), e.g.
     *     "http://127.0.0.1:8080/v1/json/"; a missing trailing slash is added
     *   - timeout: seconds for a whole call (int or float, default msp.timeout_ms / 1000 = 30)
     *   - connect_timeout: seconds to connect (default msp.connect_timeout_ms / 1000 = 10)
     *   - ca_file: PEM bundle to verify the server with (default: the system store)
     *   - verify_tls: TLS certificate verification (default true); false is refused for "live"
     *   - persistent: keep connections across requests (default true)
     *   - locale: "nl_NL", ... for localised messages
     *   - user_agent: your plugin's name and version, sent after msp's own
     *   - logger: callable(array $event): void, one redacted event per HTTP call
     *   - retries: attempts for idempotent GETs (1..5, default 3)
     * @throws InvalidArgumentException on an unknown option or a bad value
     * @throws \TypeError when an option has the wrong type (a logger that is not callable, ...)
     */
    public function __construct(#[\SensitiveParameter] string $apiKey, array $options = []) {}

    /**
     * Sends a direct card order. Returns the order: final (completed, uncleared, declined) or, when
     * 3-D Secure is needed, initialized with a verification. A request whose outcome is unknown
     * (timeout or reset after the body was sent) is never re-sent: msp looks the order up and
     * returns it, or throws NetworkException with isOutcomeUnknown() true.
     *
     * @throws CardException when the card cannot pay (expired, no CVC where its brand needs one); nothing is sent
     * @throws InvalidArgumentException when the request is incomplete or not allowed (no customer IP or
     *         country, a gateway that does not fit the card, http URLs in live, a 3-D Secure skip a
     *         brand forbids); nothing is sent
     * @throws OrderIdConflictException when the order id belongs to another payment
     * @throws ApiException when MultiSafepay refused the call (ApiUnavailableException: HTTP 501/503)
     *         (definite: a new attempt needs a new order id)
     * @throws NetworkException when the call failed in transport or its outcome could not be found out
     *         (isOutcomeUnknown(): send the same request again)
     */
    public function createOrder(OrderRequest $request): Order {}

    /**
     * @throws InvalidArgumentException when the order id is empty, "." or ".."
     * @throws ApiException when MultiSafepay refused the look-up (an unknown order id, a wrong key)
     * @throws ProtocolException when the answer does not fit the question (not JSON, another order, ...)
     * @throws NetworkException when the call failed in transport or its outcome could not be found out
     */
    public function getOrder(string $orderId): Order {}

    /**
     * Fetches many orders concurrently (reconciliation). An id given more than once is fetched once.
     *
     * @param array $orderIds order ids (strings)
     * @return array per order id: the Order, or the Msp\Exception for that id
     * @throws InvalidArgumentException when $concurrency is not 1 to 64
     * @throws \TypeError when an order id is not a string
     * @throws NetworkException when the whole call's time budget ran out
     */
    public function getOrders(array $orderIds, int $concurrency = 8): array {}

    /**
     * Refunds part of a paid order, always with an explicit positive amount (MultiSafepay would
     * refund everything for a missing or zero amount: use refundAll() for that). Given an order id,
     * msp fetches the order first. Refused before any refund is sent: another currency
     * (InvalidArgumentException), an unpaid order, more than is still refundable (paid minus
     * already refunded, reserved refunds included) or older than 180 days (StateException).
     *
     * $refundOrderId names the refund in the shop (a credit note number, 1 to 50 characters);
     * $var1..$var3 are the shop's own values for it (1 to 500 characters each). Null or "" leaves a text
     * out, the description too.
     * With named arguments: refund($order, 500, 'EUR', 'damaged', refundOrderId: 'CN-1001').
     *
     * @throws InvalidArgumentException when the amount is not positive, the currency is not the order's,
     *         or a text is too long, not UTF-8 or holds control characters (NUL bytes included)
     * @throws StateException when the order is not paid, has less left to refund, or is older than 180 days
     * @throws ApiException when MultiSafepay refused the call (ApiUnavailableException: HTTP 501/503)
     * @throws ProtocolException when the order look-up's answer does not fit the question (not JSON, another order, ...)
     * @throws NetworkException when the call failed in transport or its outcome could not be found out
     *         (isOutcomeUnknown(): look at getOrder() before refunding again)
     */
    public function refund(
        Order|string $order,
        int $amount,
        string $currency,
        ?string $description = null,
        ?string $refundOrderId = null,
        ?string $var1 = null,
        ?string $var2 = null,
        ?string $var3 = null,
    ): Refund {}

    /**
     * Refunds everything still refundable on a paid order, sent as that explicit amount. The texts
     * are those of refund().
     *
     * @throws InvalidArgumentException when a text is too long, not UTF-8 or holds control characters
     * @throws StateException when the order is not paid, fully refunded or older than 180 days
     * @throws ApiException when MultiSafepay refused the call (ApiUnavailableException: HTTP 501/503)
     * @throws NetworkException when the call failed in transport or its outcome could not be found out
     *         (isOutcomeUnknown(): look at getOrder() before refunding again)
     */
    public function refundAll(
        Order $order,
        ?string $description = null,
        ?string $refundOrderId = null,
        ?string $var1 = null,
        ?string $var2 = null,
        ?string $var3 = null,
    ): Refund {}

    /**
     * Cancels a refund while it is still reserved.
     *
     * @throws InvalidArgumentException when an id is empty, "." or ".."
     * @throws ApiException when MultiSafepay refused the call (ApiUnavailableException: HTTP 501/503)
     * @throws NetworkException when the call failed in transport or its outcome could not be found out
     */
    public function cancelRefund(string $orderId, string $refundId): void {}

    /**
     * Captures an authorised order (manual capture): all of it or part of it, as a new order
     * $newOrderId. Returns the order as it is after the capture.
     *
     * @throws InvalidArgumentException when the amount or $newOrderId is not acceptable
     * @throws StateException when the order is not authorised for capture, or has less left
     * @throws ApiException when MultiSafepay refused the call (ApiUnavailableException: HTTP 501/503)
     * @throws ProtocolException when the answer does not fit the question (not JSON, another order, ...)
     * @throws NetworkException when the call failed in transport or its outcome could not be found out
     */
    public function capture(Order|string $order, int $amount, string $newOrderId): Order {}

    /**
     * Cancels an authorisation that was not captured (manual capture). A reason of null or "" is left
     * out.
     *
     * @throws InvalidArgumentException when the order id is empty, "." or "..", or the reason is too long
     *         or holds control characters
     * @throws ApiException when MultiSafepay refused the call (ApiUnavailableException: HTTP 501/503)
     * @throws NetworkException when the call failed in transport or its outcome could not be found out
     */
    public function cancelAuthorization(string $orderId, ?string $reason = null): void {}

    /**
     * Cancels an unpaid (initialized) order. Given an Order, msp refuses a paid one locally with a
     * StateException; refund paid orders instead.
     *
     * @throws StateException when the given Order is paid or already closed
     * @throws InvalidArgumentException when the order id is empty, "." or ".."
     * @throws ApiException when MultiSafepay refused the call (ApiUnavailableException: HTTP 501/503)
     * @throws NetworkException when the call failed in transport or its outcome could not be found out
     */
    public function cancelOrder(Order|string $order): void {}

    /**
     * Verifies a POST notification with this client's API key and returns it.
     *
     * @param string $rawBody the request body exactly as received (php://input)
     * @param string $authHeader the Auth header
     * @param int $tolerance seconds the timestamp may differ from now, in either direction
     * @throws SignatureException when anything about it does not verify (never a warning)
     * @throws InvalidArgumentException when it verifies but its body is not an order
     */
    public function verifyNotification(string $rawBody, string $authHeader, int $tolerance = 600, ?int $now = null): Notification {}

    /**
     * Reads the current request as a notification: a POST is verified (php://input, the Auth header),
     * a GET carries the order id (transactionid) to fetch. Returns null for pre-transaction
     * notifications (payload_type=pretransaction), which shops ignore.
     *
     * @throws SignatureException when a POST does not verify
     * @throws InvalidArgumentException when the request is no notification (a GET without transactionid,
     *         a verified POST whose body is not an order)
     */
    public function notificationFromRequest(int $tolerance = 600): ?Notification {}

    /** The environment this client talks to: "test" or "live". */
    public function environment(): string {}

    /** The base URL this client talks to. */
    public function baseUrl(): string {}

    /**
     * Counters of this worker's connection pool: connections_opened, connections_reused,
     * requests, handles, pool_size.
     */
    public static function stats(): array {}

    private function __clone(): void {}
}
