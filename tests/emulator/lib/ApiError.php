<?php

declare(strict_types=1);

namespace MspEmulator;

/** A refusal in the real API's terms: error_code, error_info and the HTTP status it comes with. */
final class ApiError extends \RuntimeException
{
    public function __construct(public readonly int $errorCode, string $info, public readonly int $httpStatus = 400)
    {
        parent::__construct($info);
    }

    public static function unknownOrder(string $orderId): self
    {
        return new self(1006, 'Invalid transaction ID: no order ' . Json::encode($orderId) . ' for this website', 404);
    }

    public static function missing(string $field): self
    {
        return new self(1016, "Missing data: $field is required");
    }
}
