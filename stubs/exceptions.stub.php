<?php

/** @generate-class-entries */

namespace Msp;

/**
 * Marker implemented by every exception msp throws, so a shop can catch them all at once.
 *
 * Messages are whole up to 1023 bytes, which msp's own texts with what they quote stay well under; a
 * longer one would be cut at a UTF-8 character boundary and end with "...", never inside a character.
 */
interface Exception extends \Throwable
{
}

/** A value given to msp is not acceptable; nothing was sent. */
class InvalidArgumentException extends \InvalidArgumentException implements Exception
{
    /** The offending field, as named in the API ("customer.country"), or null. */
    protected ?string $field = null;

    public function getField(): ?string {}
}

/**
 * A card was refused (invalid number, unsupported brand, bad CVC or expiry, expired).
 * The message never contains the card number or CVC.
 */
final class CardException extends InvalidArgumentException
{
    private CardError $reason;

    public function __construct(string $message, CardError $reason, ?\Throwable $previous = null) {}

    public function getReason(): CardError {}
}

/** MultiSafepay answered with success=false, or with a body msp could not use. */
class ApiException extends \RuntimeException implements Exception
{
    protected int $errorCode = 0;
    protected string $errorInfo = "";
    protected int $httpStatus = 0;

    /** MultiSafepay's error_code (1006, 1032, ...), or 0 when the answer carried none. */
    public function getErrorCode(): int {}

    /**
     * MultiSafepay's error_info (or what msp found wrong with the answer), redacted; a text longer
     * than 511 bytes is cut at a UTF-8 character boundary and ends with "...".
     */
    public function getErrorInfo(): string {}

    public function getHttpStatus(): int {}
}

/** The API is unavailable (HTTP 501 or 503): try again later. */
final class ApiUnavailableException extends ApiException
{
}

/**
 * MultiSafepay's answer does not fit the question: not JSON, cut off, about another order, an order
 * without an id, or a number that is not an integer where the API has integers. msp never turns such
 * an answer into a default. createOrder() and refund() do not throw it: for them an unusable answer
 * means the outcome is unknown, and they look the order up (see NetworkException::isOutcomeUnknown()).
 */
final class ProtocolException extends ApiException
{
}

/**
 * createOrder(): the order id is already used by a different payment (another amount, currency or
 * card). A new payment needs a new order id. (The same request sent again returns the first order.)
 */
final class OrderIdConflictException extends ApiException
{
}

/**
 * The request failed in transport (DNS, connect, TLS, timeout, reset), or its outcome is unknown:
 * for createOrder(), send the same request again (the same order id can never be charged twice).
 */
final class NetworkException extends \RuntimeException implements Exception
{
    protected int $curlCode = 0;
    protected bool $outcomeUnknown = false;

    /** libcurl's CURLcode for the failure. */
    public function getCurlCode(): int {}

    /**
     * True when a request that changes state (creating an order, a refund) may have reached
     * MultiSafepay and msp could not find out whether it did: its answer was lost, cut off, not JSON,
     * an HTTP 5xx or not about this order, and look-ups did not find the result. createOrder(): send
     * the same request again with the same order id (MultiSafepay refuses a second order with one id
     * and msp then returns the first one). refund(): look at the order's refunds (getOrder()) before
     * sending another.
     */
    public function isOutcomeUnknown(): bool {}
}

/** A notification's signature, format or timestamp did not verify. */
final class SignatureException extends \RuntimeException implements Exception
{
    private SignatureError $reason;

    public function __construct(string $message, SignatureError $reason, ?\Throwable $previous = null) {}

    public function getReason(): SignatureError {}
}

/** Why a notification was refused; the value is stable and safe to log. */
enum SignatureError: string
{
    case EmptyKey = "empty_key";
    case MalformedHeader = "malformed_header";
    case BadBase64 = "bad_base64";
    case NoSeparator = "no_separator";
    case BadTimestamp = "bad_timestamp";
    case BadSignatureLength = "bad_signature_length";
    case BadHex = "bad_hex";
    case TimestampOutsideWindow = "timestamp_outside_window";
    case SignatureMismatch = "signature_mismatch";
    case InvalidArgument = "invalid_argument";
    case CryptoFailure = "crypto_failure";
}

/** The operation is not allowed in the order's current state (refund of an unpaid order, ...). */
final class StateException extends \RuntimeException implements Exception
{
}
