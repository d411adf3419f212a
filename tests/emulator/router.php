<?php

declare(strict_types=1);

/*
 * The MultiSafepay API emulator: a router script for PHP's built-in server.
 *
 *   php -S 127.0.0.1:8080 tests/emulator/router.php
 *   php tests/emulator/serve.php --port=8080          (workers, supervision, close-after-body via FFI)
 *
 * Pure PHP: it never uses the msp extension. See README.md in this folder.
 */

require __DIR__ . '/lib/bootstrap.php';

MspEmulator\App::run();
return true;
