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
 */

require __DIR__ . '/lib.php';

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

stop_shared();
printf("# %.1f s\n", microtime(true) - $started);
echo "$passed passed, $failed failed\n";
exit($failed === 0 && $passed > 0 ? 0 : 1);
