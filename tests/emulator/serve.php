<?php

declare(strict_types=1);

/*
 * Runs a router under PHP's built-in server, supervised (README "Running it"):
 *
 *   php tests/emulator/serve.php [--host=127.0.0.1] [--port=0] [--workers=4] [--router=router.php]
 *                                [--log=FILE] [--parent=PID] [--no-ffi]
 *   php tests/emulator/serve.php --check   exits 0 when this PHP can run the emulator, else says why
 *                                          on stderr and exits 2 (phpt SKIPIF: msp_emulator_skip())
 *
 * - Starts `php -d ffi.enable=1 -S host:port router` with PHP_CLI_SERVER_WORKERS=<workers>
 *   (PHP 8.2 forks its workers after binding, so they share one listening socket, and port 0
 *   works). FFI lets close-after-body cut a connection without killing the worker.
 * - Prints one line on stdout once the server accepts connections:
 *     listening http://127.0.0.1:PORT pid=<this supervisor's pid>
 * - Restarts the server on the same port when no process accepts connections any more (all
 *   workers died, e.g. close-after-body by SIGKILL when FFI is unavailable).
 * - Stops everything when it gets SIGTERM/SIGINT, or when --parent PID is gone (a test runner
 *   killed by a timeout leaves no server behind). It makes itself a process group leader, so
 *   `kill -TERM -- -<pid>` stops the supervisor and every server process at once.
 *
 * Environment (MSP_EMULATOR_DB, MSP_EMULATOR_API_KEY, ...) passes through to the router.
 */

$options = getopt('', ['host:', 'port:', 'workers:', 'router:', 'log:', 'parent:', 'no-ffi', 'check']);
$host = (string) ($options['host'] ?? '127.0.0.1');
$port = (int) ($options['port'] ?? 0);
$workers = max(1, (int) ($options['workers'] ?? 4));
$router = realpath((string) ($options['router'] ?? __DIR__ . '/router.php'));
$log = (string) ($options['log'] ?? (sys_get_temp_dir() . '/msp-emulator-serve-' . getmypid() . '.log'));
$parent = isset($options['parent']) ? (int) $options['parent'] : null;
$useFfi = !isset($options['no-ffi']);

if ($router === false) {
    fwrite(STDERR, "serve.php: router not found\n");
    exit(2);
}
if (function_exists('posix_setsid')) {
    @posix_setsid(); // fails harmlessly when we already lead a group
}
$stop = false;
if (function_exists('pcntl_async_signals')) {
    pcntl_async_signals(true);
    foreach ([SIGTERM, SIGINT, SIGHUP] as $signal) {
        pcntl_signal($signal, function () use (&$stop): void {
            $stop = true;
        });
    }
}

/** Starts php -S; returns [process, port] once it accepts connections, or null. */
function start_server(array $php, string $host, int $port, int $workers, string $router, string $log, bool $useFfi): ?array
{
    $offset = is_file($log) ? filesize($log) : 0;
    // E_ALL, deprecations included, whatever php.ini says: lib/bootstrap.php turns each one into an
    // HTTP 500 with the message, and it is logged, so the emulator's tests see it on any PHP version.
    $command = array_merge($php, ['-d', 'ffi.enable=' . ($useFfi ? '1' : '0'), '-d', 'error_reporting=E_ALL', '-d', 'display_errors=stderr', '-S', "$host:$port", $router]);
    $env = getenv();
    $env['PHP_CLI_SERVER_WORKERS'] = (string) $workers;
    if ($workers === 1) {
        unset($env['PHP_CLI_SERVER_WORKERS']);
    }
    $process = proc_open($command, [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'a'], 2 => ['file', $log, 'a']], $pipes, dirname($router), $env);
    if (!is_resource($process)) {
        return null;
    }
    for ($i = 0; $i < 200; $i++) { // up to 10 s
        usleep(50000);
        if (!proc_get_status($process)['running']) {
            return null;
        }
        clearstatcache(true, $log);
        $text = (string) file_get_contents($log, false, null, $offset);
        if ($port === 0 && preg_match('~Development Server \(http://[^)]*:(\d+)\) started~', $text, $m)) {
            $port = (int) $m[1];
        }
        if ($port !== 0 && accepts($host, $port)) {
            return [$process, $port];
        }
        if (str_contains($text, 'Failed to listen')) {
            return null;
        }
    }
    proc_terminate($process, 9);
    return null;
}

/**
 * The PHP command of the server: MSP_EMULATOR_PHP or this binary, with its default php.ini. When
 * that configuration lacks an extension the emulator uses, it is loaded with -d extension=...
 * (pdo_sqlite is required; posix, ffi and curl are used when they can be had).
 * @return list<string>
 */
function server_php(): array
{
    $binary = getenv('MSP_EMULATOR_PHP') ?: PHP_BINARY;
    $args = [$binary];
    $loaded = probe_extensions($args);
    foreach (['pdo_sqlite' => true, 'posix' => false, 'ffi' => false, 'curl' => false] as $ext => $required) {
        if ($loaded[$ext] ?? false) {
            continue;
        }
        $try = $args;
        if ($ext === 'pdo_sqlite' && !($loaded['pdo'] ?? false)) {
            array_push($try, '-d', 'extension=pdo');
        }
        array_push($try, '-d', "extension=$ext");
        if (probe_extensions($try)[$ext] ?? false) {
            $args = $try;
        } elseif ($required) {
            fwrite(STDERR, "serve.php: $binary has no $ext extension (set MSP_EMULATOR_PHP to a PHP that has it)\n");
            exit(2);
        }
    }
    return $args;
}

/** @return array<string, bool> which extensions `$php -r` has loaded */
function probe_extensions(array $php): array
{
    $code = 'echo json_encode(array_combine($n = ["pdo", "pdo_sqlite", "posix", "ffi", "curl"], array_map("extension_loaded", $n)));';
    $process = proc_open(array_merge($php, ['-r', $code]), [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
    if (!is_resource($process)) {
        return [];
    }
    $output = stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    proc_close($process);
    return json_decode((string) $output, true) ?: [];
}

function accepts(string $host, int $port): bool
{
    $socket = @stream_socket_client("tcp://$host:$port", $errno, $error, 0.5);
    if ($socket === false) {
        return false;
    }
    fclose($socket);
    return true;
}

function alive(?int $pid): bool
{
    return $pid === null || !function_exists('posix_kill') || posix_kill($pid, 0);
}

$php = server_php();
if (isset($options['check'])) {
    exit(0); // server_php() exits 2 with the reason when a required extension cannot be had
}
$started = null;
for ($attempt = 0; $attempt < 3 && $started === null; $attempt++) {
    $started = start_server($php, $host, $port, $workers, $router, $log, $useFfi);
}
if ($started === null) {
    fwrite(STDERR, "serve.php: the server did not start; see $log\n");
    exit(1);
}
[$process, $port] = $started;
echo "listening http://$host:$port pid=" . getmypid() . "\n";
fflush(STDOUT);

$refused = 0;
while (!$stop && alive($parent)) {
    usleep(100000);
    if (accepts($host, $port)) {
        $refused = 0;
        continue;
    }
    if (++$refused < 3) {
        continue; // a busy moment is not a dead server
    }
    // No process holds the listening socket any more: start a new server on the same port.
    @proc_close($process);
    $restarted = null;
    for ($attempt = 0; $attempt < 20 && $restarted === null && !$stop; $attempt++) {
        $restarted = start_server($php, $host, $port, $workers, $router, $log, $useFfi);
        if ($restarted === null) {
            usleep(200000);
        }
    }
    if ($restarted === null) {
        fwrite(STDERR, "serve.php: could not restart the server on port $port\n");
        break;
    }
    $process = $restarted[0];
    $refused = 0;
    file_put_contents($log, '[serve.php] restarted on port ' . $port . "\n", FILE_APPEND);
}

// Stop every server process: they are all in our process group.
if (function_exists('posix_kill')) {
    if (function_exists('pcntl_signal')) {
        pcntl_signal(SIGTERM, SIG_IGN);
    }
    posix_kill(0, SIGTERM);
} else {
    proc_terminate($process);
}
exit(0);
