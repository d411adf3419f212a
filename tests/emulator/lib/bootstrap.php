<?php

declare(strict_types=1);

/* Loads the emulator's classes on demand: one class per file in this folder, namespace MspEmulator.
 * Warnings, notices and deprecations become exceptions so that a bug answers HTTP 500 with a
 * message instead of a half-written JSON body that a client might half-parse. */

namespace MspEmulator;

spl_autoload_register(static function (string $class): void {
    $prefix = __NAMESPACE__ . '\\';
    if (!str_starts_with($class, $prefix)) {
        return;
    }
    $file = __DIR__ . '/' . substr($class, strlen($prefix)) . '.php';
    if (is_file($file)) {
        require $file;
    }
});

set_error_handler(static function (int $severity, string $message, string $file, int $line): bool {
    if (!(error_reporting() & $severity)) {
        return false; // silenced with @
    }
    // Logged as well, so one that a caller catches is still seen (tests/run.php reads the log).
    error_log("msp emulator: PHP error $severity: $message at $file:$line");
    throw new \ErrorException($message, 0, $severity, $file, $line);
});
