<?php
/*
 * The long loop in one PHP process: the same createOrder / getOrder calls with msp, or with plain
 * PHP (ext-curl + json_encode/json_decode, one handle reused, as a good SDK does). Prints JSON:
 * CPU microseconds per call, peak PHP memory and peak RSS.
 *   php loop.php msp|php create|get ITERATIONS BASE_URL [CA_FILE]
 */
declare(strict_types=1);

[, $impl, $op, $iterations, $base] = $argv;
$ca = $argv[5] ?? null;
$iterations = (int) $iterations;

function cpu_us(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] * 1e6 + $r['ru_utime.tv_usec'] + $r['ru_stime.tv_sec'] * 1e6 + $r['ru_stime.tv_usec'];
}

if ($impl === 'msp') {
    $client = new Msp\Client('bench-key', ['base_url' => $base, 'timeout' => 10] + ($ca ? ['ca_file' => $ca] : []));
    $card = new Msp\Card('4111111111111111', 12, 2030, '123', 'J. Tester');
    $call = $op === 'create'
        ? function (int $i) use ($client, $card) {
            // The canned answer is order "bench-1": msp refuses an answer about another order.
            $req = (new Msp\OrderRequest('bench-1', 1000, 'EUR', 'Bench order', $card))
                ->customer(['locale' => 'nl_NL', 'ip_address' => '127.0.0.1', 'country' => 'NL', 'email' => 'a@example.com'])
                ->notificationUrl('https://shop.example/notify')->redirectUrl('https://shop.example/ok');
            return $client->createOrder($req)->status;
        }
        : fn (int $i) => $client->getOrder('bench-1')->status;
} else {
    $h = curl_init();
    curl_setopt_array($h, [
        CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 10,
        CURLOPT_HTTPHEADER => ['api_key: bench-key', 'accept: application/json', 'content-type: application/json', 'Expect:'],
    ] + ($ca ? [CURLOPT_CAINFO => $ca] : []));
    $call = function (int $i) use ($h, $base, $op) {
        if ($op === 'create') {
            $body = json_encode([
                'type' => 'direct', 'gateway' => 'VISA', 'order_id' => 'bench-1', 'currency' => 'EUR', 'amount' => 1000,
                'description' => 'Bench order',
                'gateway_info' => ['card_number' => '4111111111111111', 'card_holder_name' => 'J. Tester', 'card_expiry_date' => '3012', 'card_cvc' => '123'],
                'customer' => ['locale' => 'nl_NL', 'ip_address' => '127.0.0.1', 'country' => 'NL', 'email' => 'a@example.com'],
                'payment_options' => ['notification_url' => 'https://shop.example/notify', 'redirect_url' => 'https://shop.example/ok'],
            ]);
            curl_setopt_array($h, [CURLOPT_URL => $base . 'orders', CURLOPT_POST => true, CURLOPT_POSTFIELDS => $body]);
        } else {
            curl_setopt_array($h, [CURLOPT_URL => $base . 'orders/' . rawurlencode('bench-1'), CURLOPT_HTTPGET => true]);
        }
        $answer = json_decode((string) curl_exec($h), true);
        return $answer['data']['status'] ?? throw new RuntimeException('unexpected answer: ' . curl_error($h));
    };
}
for ($i = -50; $i < 0; $i++) {
    $call($i);
}
$start = cpu_us();
for ($i = 0; $i < $iterations; $i++) {
    $call($i);
}
$perCall = (cpu_us() - $start) / $iterations;
printf("{\"cpu_us\":%.2f,\"maxrss_kb\":%d,\"peak_mem\":%d}\n", $perCall, getrusage()['ru_maxrss'], memory_get_peak_usage());
