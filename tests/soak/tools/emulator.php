<?php

declare(strict_types=1);

/*
 * Starts and stops the soak's emulator (tests/emulator/serve.php) on a fixed port and database, so
 * that a restart finds every order again. Used by scripts/soak.sh and by the load generator (which
 * restarts it during the run):
 *
 *   php tests/soak/tools/emulator.php start <work dir> <port> [workers]
 *   php tests/soak/tools/emulator.php stop <work dir>
 *
 * The supervisor's pid goes to <work>/emulator.pid; serve.php leads its own process group, so the
 * stop signals the group. SOAK_PARENT (scripts/soak.sh's pid) is passed as --parent: the emulator
 * stops by itself when the soak is killed.
 */

function soak_emulator_start(string $work, int $port, int $workers = 6): int
{
    $out = "$work/emulator.out";
    @unlink($out);
    $command = [
        PHP_BINARY, dirname(__DIR__, 2) . '/emulator/serve.php', "--port=$port", "--workers=$workers",
        "--log=$work/emulator.log",
    ];
    $parent = getenv('SOAK_PARENT');
    if (is_string($parent) && ctype_digit($parent)) {
        $command[] = "--parent=$parent";
    }
    // Detached (serve.php makes itself a group leader): this process may exit before it.
    $line = 'MSP_EMULATOR_DB=' . escapeshellarg("$work/emulator.sqlite") . ' '
        . implode(' ', array_map('escapeshellarg', $command)) . ' >' . escapeshellarg($out) . ' 2>&1 </dev/null &';
    exec($line);
    $deadline = microtime(true) + 20;
    while (microtime(true) < $deadline) {
        clearstatcache(true, $out);
        $text = is_file($out) ? (string) file_get_contents($out) : '';
        if (preg_match('/^listening \S+ pid=(\d+)$/m', $text, $m)) {
            file_put_contents("$work/emulator.pid", $m[1]);
            return (int) $m[1];
        }
        usleep(50000);
    }
    throw new RuntimeException("the emulator did not start on port $port: " . substr($text, 0, 500));
}

/** SIGTERM to the emulator's process group, SIGKILL after 5 s; returns once it is gone. */
function soak_emulator_stop(string $work): void
{
    $pid = (int) @file_get_contents("$work/emulator.pid");
    if ($pid <= 1) {
        return;
    }
    posix_kill(-$pid, SIGTERM);
    $deadline = microtime(true) + 5;
    while (posix_kill($pid, 0) && microtime(true) < $deadline) {
        usleep(50000);
    }
    if (posix_kill($pid, 0)) {
        posix_kill(-$pid, SIGKILL);
        usleep(200000);
    }
    // The php -S processes of the group go with their supervisor; wait until none answers any more.
    $deadline = microtime(true) + 5;
    while (posix_kill(-$pid, 0) && microtime(true) < $deadline) {
        usleep(50000);
    }
    @unlink("$work/emulator.pid");
}

if (PHP_SAPI === 'cli' && realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    [$command, $work] = [$argv[1] ?? '', $argv[2] ?? ''];
    if ($command === 'start' && is_dir($work) && isset($argv[3])) {
        echo soak_emulator_start($work, (int) $argv[3], (int) ($argv[4] ?? 6)), "\n";
    } elseif ($command === 'stop' && is_dir($work)) {
        soak_emulator_stop($work);
    } else {
        fwrite(STDERR, "usage: emulator.php start <work> <port> [workers] | stop <work>\n");
        exit(2);
    }
}
