<?php

declare(strict_types=1);

namespace MspEmulator;

/** Settings that come from the environment of the server process (all workers see the same). */
final class Config
{
    public const DEFAULT_API_KEY = 'emulator-test-key';

    /** MSP_EMULATOR_DB, or a file in the temp folder named after the user and the server's port. */
    public static function databasePath(): string
    {
        $path = getenv('MSP_EMULATOR_DB');
        return is_string($path) && $path !== '' ? $path : self::defaultDatabasePath();
    }

    /**
     * Deterministic per server: every worker of one `php -S` shares the port, so they share the file,
     * and a server restarted on the same port finds its orders again. The user id keeps two users of
     * one machine apart.
     */
    public static function defaultDatabasePath(): string
    {
        $port = (string) ($_SERVER['SERVER_PORT'] ?? '0');
        $uid = function_exists('posix_geteuid') ? posix_geteuid() : getmyuid();
        return rtrim(sys_get_temp_dir(), '/') . "/msp-emulator-$uid-$port.sqlite";
    }

    /** The API key of the site created when the database has none: trimmed, like the real API does. */
    public static function defaultApiKey(): string
    {
        $key = getenv('MSP_EMULATOR_API_KEY');
        $key = is_string($key) ? trim($key) : '';
        return $key !== '' ? $key : self::DEFAULT_API_KEY;
    }
}
