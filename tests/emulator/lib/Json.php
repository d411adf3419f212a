<?php

declare(strict_types=1);

namespace MspEmulator;

final class Json
{
    /** Compact JSON, slashes and non-ASCII kept as they are (what the real API sends). */
    public static function encode(mixed $value): string
    {
        return json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR | JSON_PRESERVE_ZERO_FRACTION);
    }

    public static function decodeObject(string $json): array
    {
        $value = json_decode($json, true, 64, JSON_THROW_ON_ERROR);
        return is_array($value) ? $value : [];
    }
}
