<?php

/** @generate-class-entries */

namespace Msp;

/** Marker implemented by every exception msp throws, so a shop can catch them all at once. */
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

    public function getErrorInfo(): string {}

    public function getHttpStatus(): int {}
}

/** The API is unavailable (HTTP 501 or 503): try again later. */
final class ApiUnavailableException extends ApiException
{
}

/** The request failed in transport (DNS, connect, TLS, timeout, reset). */
final class NetworkException extends \RuntimeException implements Exception
{
    protected int $curlCode = 0;
    protected bool $outcomeUnknown = false;

    /** libcurl's CURLcode for the failure. */
    public function getCurlCode(): int {}

    /**
     * True when a request that changes state (creating an order, a refund) may have reached
     * MultiSafepay and msp could not find out whether it did. Never re-send it blindly: look the
     * order up first.
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
