<?php

declare(strict_types=1);

namespace MspEmulator;

final class Text
{
    /** Length in characters (UTF-8); invalid UTF-8 counts bytes. Does not need mbstring. */
    public static function length(string $s): int
    {
        $count = preg_match_all('/./su', $s);
        return $count === false ? strlen($s) : $count;
    }

    public static function html(string $s): string
    {
        return htmlspecialchars($s, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
    }

    /** A random RFC 4122 version 4 UUID (3-D Secure transaction ids). */
    public static function uuid(): string
    {
        $bytes = random_bytes(16);
        $bytes[6] = chr((ord($bytes[6]) & 0x0f) | 0x40);
        $bytes[8] = chr((ord($bytes[8]) & 0x3f) | 0x80);
        $hex = bin2hex($bytes);
        return implode('-', [substr($hex, 0, 8), substr($hex, 8, 4), substr($hex, 12, 4), substr($hex, 16, 4), substr($hex, 20)]);
    }

    public static function randomDigits(int $count): string
    {
        $digits = (string) random_int(1, 9);
        while (strlen($digits) < $count) {
            $digits .= (string) random_int(0, 9);
        }
        return $digits;
    }
}
