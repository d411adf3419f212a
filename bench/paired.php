<?php
/*
 * CPU per call of several implementations measured side by side: each runs as its own process in
 * burst mode (bench/loop.php and bench/floor.c with "burst"), and every round asks each for one burst
 * of calls in turn, the first of the round rotating. A slow spell of this shared machine then hits the
 * bursts of one round alike, and the ratio of two implementations is taken per round (paired) before
 * the median over the rounds: far steadier than the best or the median of whole runs.
 * Each burst follows a pause: on this kind of virtual machine a CPU kept busy for a while slows down
 * (a burst of the floor takes 28 to 43 us per call after a pause, 54 to 73 without), which would
 * penalise whichever implementation runs longer.
 *   php paired.php ROUNDS BURST PAUSE_MS NAME=COMMAND...
 * Prints JSON: per name the median, quartiles and least of its bursts (CPU us per call) and the JSON
 * line its process printed at the end (peak memory); per name after the first, the median and
 * quartiles of its per-round ratio to the first.
 */
declare(strict_types=1);

[, $rounds, $burst, $pauseMs] = $argv;
$rounds = (int) $rounds;
$names = $procs = $pipes = [];
foreach (array_slice($argv, 4) as $spec) {
    [$name, $command] = explode('=', $spec, 2);
    $p = proc_open($command, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => STDERR], $io);
    if (!is_resource($p)) {
        fwrite(STDERR, "paired: cannot start $name\n");
        exit(1);
    }
    $names[] = $name;
    $procs[$name] = $p;
    $pipes[$name] = $io;
}

$samples = array_fill_keys($names, []);
for ($round = 0; $round < $rounds; $round++) {
    for ($k = 0; $k < count($names); $k++) {
        $name = $names[($round + $k) % count($names)];
        usleep((int) $pauseMs * 1000);
        fwrite($pipes[$name][0], "$burst\n");
        $line = fgets($pipes[$name][1]);
        if ($line === false || !is_numeric(trim($line))) {
            fwrite(STDERR, "paired: $name stopped answering\n");
            exit(1);
        }
        $samples[$name][$round] = (float) $line;
    }
}

$ends = [];
foreach ($names as $name) {
    fclose($pipes[$name][0]);
    $ends[$name] = json_decode((string) stream_get_contents($pipes[$name][1]), true);
    fclose($pipes[$name][1]);
    if (proc_close($procs[$name]) !== 0) {
        fwrite(STDERR, "paired: $name failed\n");
        exit(1);
    }
}

function quantile(array $values, float $q): float
{
    sort($values);
    $pos = (count($values) - 1) * $q;
    $low = (int) floor($pos);
    $high = (int) ceil($pos);
    return $values[$low] + ($values[$high] - $values[$low]) * ($pos - $low);
}

function summary(array $values): array
{
    return ['median' => round(quantile($values, 0.5), 3), 'q1' => round(quantile($values, 0.25), 3),
        'q3' => round(quantile($values, 0.75), 3), 'min' => round(min($values), 3)];
}

$result = ['rounds' => $rounds, 'burst' => (int) $burst];
foreach ($names as $i => $name) {
    $result[$name] = summary($samples[$name]) + ['end' => $ends[$name]];
    if ($i > 0) {
        $base = $names[0];
        $ratios = array_map(fn ($a, $b) => $a / $b, $samples[$name], $samples[$base]);
        $result[$name]['ratio_to_' . $base] = summary($ratios);
    }
}
echo json_encode($result), "\n";
