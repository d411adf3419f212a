<?php
/*
 * Batches against a slow server (bench/slow_server.c, 20 ms per answer): N orders fetched with
 * getOrders($ids, C), or one getOrder() after the other (C = "seq"), in a fresh process so that every
 * connection the run needs is opened inside it. Prints JSON: wall-clock milliseconds, the connections
 * msp opened (Client::stats()) and the process's CPU milliseconds.
 *   php batch.php BASE_URL CA_FILE seq|C N
 */
declare(strict_types=1);

[, $base, $ca, $concurrency, $n] = $argv;
$client = new Msp\Client('bench-key', ['base_url' => $base, 'ca_file' => $ca, 'timeout' => 30]);
$ids = array_map(fn (int $i) => "batch-$i", range(1, (int) $n));

$cpu = fn () => (getrusage()['ru_utime.tv_sec'] + getrusage()['ru_stime.tv_sec']) * 1e3
    + (getrusage()['ru_utime.tv_usec'] + getrusage()['ru_stime.tv_usec']) / 1e3;
$before = Msp\Client::stats()['connections_opened'];
$cpu0 = $cpu();
$t0 = hrtime(true);
if ($concurrency === 'seq') {
    $orders = [];
    foreach ($ids as $id) {
        $orders[$id] = $client->getOrder($id);
    }
} else {
    $orders = $client->getOrders($ids, (int) $concurrency);
}
$ms = (hrtime(true) - $t0) / 1e6;
$cpuMs = $cpu() - $cpu0;
foreach ($ids as $id) {
    if (!($orders[$id] ?? null) instanceof Msp\Order || $orders[$id]->orderId !== $id) {
        fwrite(STDERR, "batch: no order for $id: " . (($orders[$id] ?? null) instanceof Throwable ? $orders[$id]->getMessage() : 'missing') . "\n");
        exit(1);
    }
}
printf("{\"ms\":%.1f,\"connections_opened\":%d,\"cpu_ms\":%.1f}\n", $ms,
    Msp\Client::stats()['connections_opened'] - $before, $cpuMs);
