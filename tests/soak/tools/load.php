<?php

declare(strict_types=1);

/*
 * The soak's load generator: customers checking out at the shop (nginx + php-fpm + msp) while the
 * emulator injects faults and is restarted.
 *
 *   php tests/soak/tools/load.php --work=DIR --front=URL --emulator=URL --port=N
 *       [--checkouts=2000] [--restarts=3] [--fault-rate=0.15] [--customers=3] [--seed=1]
 *
 * Each cart gets a test card, an amount and, for a share of --fault-rate, one fault aimed at its
 * first order id (POST /_emulator/faults with order_id: msp sends the request, not this script).
 * A customer checks out; on "redirect" completes 3-D Secure on the emulator's ACS page (or
 * cancels, now and then) and follows the redirect back to the shop; on "failed" or "no_next_step"
 * pays again once (a new attempt, a new order id). --customers processes run side by side (fewer
 * than php-fpm's 4 workers, so a worker is free for the notifications the emulator sends while a
 * checkout waits). The parent restarts the emulator --restarts times, evenly over the run.
 *
 * Writes <work>/plan.json and one JSON line per cart to <work>/load-<customer>.jsonl. Prints one
 * progress line per 10%. No card data: carts name their test card (tests/soak/shop/lib.php).
 */

require __DIR__ . '/emulator.php';

/** The faults of issue 11, by the name the reconciliation counts them under. */
function soak_fault_kinds(float $timeout): array
{
    $pastTimeout = (int) round($timeout * 1000) + 1500;
    return [
        '500-json-after-commit' => fn () => 'status=500, processed',
        '503-json-after-commit' => fn () => 'status=503, processed',
        '502-html-after-commit' => fn () => 'status=502, body=html, processed',
        '504-html-after-commit' => fn () => 'status=504, body=html, processed',
        'late-commit' => fn () => 'status=' . (mt_rand(0, 1) ? 502 : 504) . ', body=html, commit-after=' . mt_rand(500, 3000),
        'close-after-body' => fn () => 'close-after-body',
        'truncated' => fn () => 'truncated',
        'delay-past-timeout' => fn () => "delay=$pastTimeout",
        'non-json' => fn () => 'non-json',
    ];
}

/** Test card names (tests/soak/shop/lib.php) and how often customers use them. */
const CARD_MIX = [
    'visa-frictionless' => 40, 'visa-3ds' => 25, 'mastercard-3ds' => 10, 'amex-frictionless' => 8,
    'visa-declined' => 9, 'visa-uncleared' => 8,
];

function weighted(array $weights): string
{
    $pick = mt_rand(1, array_sum($weights));
    foreach ($weights as $name => $weight) {
        if (($pick -= $weight) <= 0) {
            return $name;
        }
    }
    return array_key_first($weights);
}

function plan(int $checkouts, float $faultRate, int $seed, float $timeout, string $run): array
{
    mt_srand($seed);
    $kinds = soak_fault_kinds($timeout);
    $names = array_keys($kinds);
    $carts = [];
    for ($i = 1; $i <= $checkouts; $i++) {
        $fault = null;
        if (mt_rand() / mt_getrandmax() < $faultRate) {
            $kind = $names[mt_rand(0, count($names) - 1)];
            $fault = ['kind' => $kind, 'spec' => $kinds[$kind]()];
        }
        $carts[] = [
            'cart' => sprintf('%s-c%05d', $run, $i),
            'card' => weighted(CARD_MIX),
            'amount' => mt_rand(100, 250000),
            'fault' => $fault,
            'cancel_3ds' => mt_rand(1, 100) <= 5,
        ];
    }
    return $carts;
}

/** One HTTP request with ext/curl: [status, body, headers (lower-case names), errno]. */
function http(string $method, string $url, ?string $body = null, array $headers = [], float $timeout = 120.0): array
{
    $ch = curl_init($url);
    $lines = ['Expect:'];
    foreach ($headers as $name => $value) {
        $lines[] = "$name: $value";
    }
    $received = [];
    curl_setopt_array($ch, [
        CURLOPT_CUSTOMREQUEST => $method,
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPHEADER => $lines,
        CURLOPT_TIMEOUT_MS => (int) ($timeout * 1000),
        CURLOPT_CONNECTTIMEOUT_MS => 2000,
        CURLOPT_NOSIGNAL => true,
        CURLOPT_HEADERFUNCTION => function ($ch, string $line) use (&$received): int {
            if (str_contains($line, ':')) {
                [$name, $value] = explode(':', $line, 2);
                $received[strtolower(trim($name))] = trim($value);
            }
            return strlen($line);
        },
    ]);
    if ($body !== null) {
        curl_setopt($ch, CURLOPT_POSTFIELDS, $body);
    }
    $result = curl_exec($ch);
    $out = [(int) curl_getinfo($ch, CURLINFO_RESPONSE_CODE), is_string($result) ? $result : '', $received, curl_errno($ch)];
    curl_close($ch);
    return $out;
}

/** A request to the emulator that survives its restarts: retried on connection errors for up to 15 s. */
function emulator_call(string $method, string $url, ?string $body, array $headers = []): array
{
    $deadline = microtime(true) + 15;
    while (true) {
        $response = http($method, $url, $body, $headers, 30);
        if ($response[3] === 0 && $response[0] < 500 || microtime(true) > $deadline) {
            return $response;
        }
        usleep(200000);
    }
}

function checkout(array $cart, int $attempt, string $front): array
{
    [$status, $body] = http('POST', "$front/checkout.php", http_build_query([
        'cart' => $cart['cart'], 'attempt' => $attempt, 'card' => $cart['card'], 'amount' => $cart['amount'],
    ]), ['Content-Type' => 'application/x-www-form-urlencoded']);
    $json = json_decode($body, true);
    return $status === 200 && is_array($json) ? $json : ['outcome' => 'shop_error', 'http' => $status, 'body' => substr($body, 0, 200)];
}

/**
 * The customer at the ACS page, then back at the shop's return page. When the ACS answer is lost
 * (the emulator restarted under it; pressing the button again shows "already finished"), the
 * customer comes back to the shop's return page by itself, which looks the order up.
 */
function three_ds(string $url, bool $cancel, string $front, string $orderId): array
{
    [$status, $body, $headers] = emulator_call('POST', $url, 'action=' . ($cancel ? 'cancel' : 'authenticate'),
        ['Content-Type' => 'application/x-www-form-urlencoded']);
    $location = $headers['location'] ?? null;
    $path = '/return.php?' . http_build_query(['transactionid' => $orderId]);
    if ($status === 302 && $location !== null) {
        $path = parse_url($location, PHP_URL_PATH) . '?' . parse_url($location, PHP_URL_QUERY);
    }
    [$returned, $body] = http('GET', $front . $path);
    $json = json_decode($body, true);
    $result = $returned === 200 && is_array($json) ? $json : ['outcome' => 'shop_error', 'http' => $returned];
    return $result + ['acs' => $status];
}

function run_cart(array $cart, string $front, string $emulator): array
{
    $attempts = [];
    for ($attempt = 1; $attempt <= 2; $attempt++) {
        $orderId = "{$cart['cart']}-a$attempt";
        if ($attempt === 1 && $cart['fault'] !== null) {
            emulator_call('POST', "$emulator/_emulator/faults", json_encode([
                'fault' => $cart['fault']['spec'], 'path' => '/v1/json/orders', 'exact' => true, 'method' => 'POST', 'order_id' => $orderId,
            ]), ['Content-Type' => 'application/json']);
        }
        $result = checkout($cart, $attempt, $front);
        $step = ['order_id' => $orderId, 'checkout' => $result['outcome'], 'tries' => $result['tries'] ?? 0, 'results' => $result['results'] ?? []];
        if ($result['outcome'] === 'redirect' && is_string($result['url'] ?? null)) {
            $result = three_ds($result['url'], $cart['cancel_3ds'], $front, $orderId);
            $step['after_3ds'] = $result['outcome'];
            $step['acs_http'] = $result['acs'];
        }
        $step['outcome'] = $result['outcome'];
        $attempts[] = $step;
        $cancelled = $cart['cancel_3ds'] && isset($step['after_3ds']);
        if ($cancelled || !in_array($result['outcome'], ['failed', 'no_next_step'], true)) {
            break; // paid, declined, in review, being checked (unknown), or the customer gave up
        }
    }
    return ['cart' => $cart['cart'], 'card' => $cart['card'], 'fault' => $cart['fault']['kind'] ?? null, 'attempts' => $attempts,
        'outcome' => end($attempts)['outcome']];
}

function lines_written(string $work, int $customers): int
{
    $lines = 0;
    for ($k = 0; $k < $customers; $k++) {
        $file = "$work/load-$k.jsonl";
        $lines += is_file($file) ? substr_count((string) file_get_contents($file), "\n") : 0;
    }
    return $lines;
}

$o = getopt('', ['work:', 'front:', 'emulator:', 'port:', 'checkouts:', 'restarts:', 'fault-rate:', 'customers:', 'seed:', 'timeout:']);
$work = (string) $o['work'];
$front = rtrim((string) $o['front'], '/');
$emulator = rtrim((string) $o['emulator'], '/');
$port = (int) $o['port'];
$checkouts = (int) ($o['checkouts'] ?? 2000);
$restarts = (int) ($o['restarts'] ?? 3);
$customers = max(1, (int) ($o['customers'] ?? 3));
$carts = plan($checkouts, (float) ($o['fault-rate'] ?? 0.15), (int) ($o['seed'] ?? 1), (float) ($o['timeout'] ?? 2), 'soak' . date('His'));
file_put_contents("$work/plan.json", json_encode($carts));

$children = [];
for ($k = 0; $k < $customers; $k++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        mt_srand(1000 + $k);
        $out = fopen("$work/load-$k.jsonl", 'a');
        for ($i = $k; $i < count($carts); $i += $customers) {
            fwrite($out, json_encode(run_cart($carts[$i], $front, $emulator)) . "\n");
            fflush($out);
        }
        exit(0);
    }
    $children[$pid] = $k;
}

// The parent: restarts at evenly spaced points of the run, progress every 10%.
$restartAt = [];
for ($r = 1; $r <= $restarts; $r++) {
    $restartAt[] = intdiv($checkouts * $r, $restarts + 1);
}
$started = microtime(true);
$reported = 0;
$restartLog = [];
while ($children !== []) {
    while (($pid = pcntl_waitpid(-1, $status, WNOHANG)) > 0) {
        unset($children[$pid]);
    }
    $done = lines_written($work, $customers);
    while ($restartAt !== [] && $done >= $restartAt[0]) {
        array_shift($restartAt);
        $t = microtime(true);
        soak_emulator_stop($work);
        soak_emulator_start($work, $port);
        $restartLog[] = ['after_checkouts' => $done, 'seconds' => round(microtime(true) - $t, 2)];
        printf("  emulator restarted after %d checkouts (%.1f s without it)\n", $done, microtime(true) - $t);
    }
    if ($done * 10 >= ($reported + 1) * $checkouts && $done > 0) {
        $reported = intdiv($done * 10, $checkouts);
        printf("  %d/%d checkouts, %.0f s\n", $done, $checkouts, microtime(true) - $started);
    }
    usleep(100000);
}
file_put_contents("$work/restarts.json", json_encode($restartLog));
printf("  load done: %d checkouts in %.0f s, %d restarts\n", lines_written($work, $customers), microtime(true) - $started, count($restartLog));
