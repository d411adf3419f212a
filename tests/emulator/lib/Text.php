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

    public static function randomDigits(int $count): string
    {
        $digits = (string) random_int(1, 9);
        while (strlen($digits) < $count) {
            $digits .= (string) random_int(0, 9);
        }
        return $digits;
    }
}
