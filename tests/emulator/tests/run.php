<?php

declare(strict_types=1);

/*
 * The emulator's own tests: plain HTTP against a running emulator, no msp extension.
 *
 *   php tests/emulator/tests/run.php [filter]
 *
 * Loads every *_test.php here; each function named test_* is one test. One line per test
 * ("ok - ..." or "not ok - ...: why"), then "N passed, N failed"; exits 1 on any failure.
 * Before each test the shared emulator is reset (no orders, default site) and the shared sink
 * forgets what it received. Output is scrubbed of card numbers, as a second line of defence.
 *
 * Runs under E_ALL, deprecations included, whatever php.ini says, on every supported PHP (8.2 to
 * 8.5): a warning, notice or deprecation raised here fails the test that raised it; the servers run
 * under E_ALL too (serve.php), where one answers HTTP 500; and the shared servers' logs must end
 * up free of PHP errors (the last test). deprecations_test.php compiles every file under E_ALL.
 */

error_reporting(E_ALL);
ini_set('display_errors', 'stderr');
set_error_handler(static function (int $severity, string $message, string $file, int $line): bool {
    if (!(error_reporting() & $severity)) {
        return false; // silenced with @
    }
    throw new ErrorException($message, 0, $severity, $file, $line);
});

require __DIR__ . '/lib.php';

/**
 * PHP errors in the logs of the shared emulator and sink: what display_errors and log_errors write
 * ("Deprecated: ...", "PHP Warning:  ...") and what lib/bootstrap.php logs for each error it turns
 * into an exception, caught or not.
 * @return list<string>
 */
function shared_log_problems(): array
{
    $problems = [];
    foreach ([emu()->logFile(), sink()->logFile()] as $log) {
        foreach (explode("\n", (string) @file_get_contents($log)) as $line) {
            if (preg_match('/\b(Deprecated|Warning|Notice|Fatal error|Parse error):|msp emulator: (ErrorException|PHP error)/', $line)) {
                $problems[] = basename($log) . ': ' . trim($line);
            }
        }
    }
    return $problems;
}

$filter = $argv[1] ?? null;
$passed = 0;
$failed = 0;
$started = microtime(true);

foreach (glob(__DIR__ . '/*_test.php') as $file) {
    $before = get_defined_functions()['user'];
    require $file;
    $tests = array_values(array_filter(
        array_diff(get_defined_functions()['user'], $before),
        static fn (string $name): bool => str_starts_with($name, 'test_')
    ));
    $area = basename($file, '_test.php');
    foreach ($tests as $test) {
        $name = "$area: " . substr($test, 5);
        if ($filter !== null && !str_contains($name, $filter)) {
            continue;
        }
        $t = microtime(true);
        try {
            fresh_state();
            $test();
            $passed++;
            echo scrub(sprintf("ok - %s (%d ms)\n", $name, (microtime(true) - $t) * 1000));
        } catch (Throwable $e) {
            $failed++;
            $where = basename($e->getFile()) . ':' . $e->getLine();
            if ($e instanceof TestFailure) {
                $where = $e->where;
            }
            echo scrub("not ok - $name: " . $e->getMessage() . " [$where]\n");
        }
    }
}

// A PHP error that the emulator answered or swallowed still lands in its log (App logs every
// Throwable; display_errors=stderr writes the rest there): none may be left.
if ($filter === null) {
    $problems = shared_log_problems();
    if ($problems === []) {
        $passed++;
        echo "ok - logs: no PHP warning, notice or deprecation in the shared emulator's and sink's logs\n";
    } else {
        $failed++;
        echo scrub("not ok - logs: PHP errors in the shared servers' logs:\n  " . implode("\n  ", array_slice($problems, 0, 10)) . "\n");
    }
}

stop_shared();
printf("# %.1f s\n", microtime(true) - $started);
echo "$passed passed, $failed failed\n";
exit($failed === 0 && $passed > 0 ? 0 : 1);
